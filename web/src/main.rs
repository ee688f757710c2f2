//! The preview studio: a gallery of our sample items; each opens in the
//! player beside a live table of its outcome variables.

use qti_engine::Value;
use qti_player::{ItemPlayer, PlayerEvent, Variables};
use yew::prelude::*;

mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}

/// The item path in the URL fragment: `#/item/<path under items/>`.
fn current_route() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    hash.strip_prefix("#/item/").map(str::to_string)
}

#[function_component(App)]
fn app() -> Html {
    let route = use_state(current_route);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    route.set(current_route());
                });
            move || drop(listener)
        });
    }
    html! {
        <>
            <header class="studio-header">
                <h1><a href="#/">{ "QTI preview studio" }</a></h1>
            </header>
            <main class="studio-main">
                { match (*route).as_deref() {
                    Some(path) => html! { <Preview path={AttrValue::from(path.to_string())} /> },
                    None => html! { <Gallery /> },
                } }
            </main>
        </>
    }
}

#[function_component(Gallery)]
fn gallery() -> Html {
    html! {
        <nav class="studio-gallery" aria-label="Sample items">
            <h2>{ "Sample items" }</h2>
            <ul>
                { for samples::SAMPLES.iter().map(|(path, _)| html! {
                    <li><a href={format!("#/item/{path}")}>{ *path }</a></li>
                }) }
            </ul>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    path: AttrValue,
}

#[function_component(Preview)]
fn preview(props: &PreviewProps) -> Html {
    let outcomes = use_state(Vec::<(String, Value)>::new);
    let Some((_, xml)) = samples::SAMPLES
        .iter()
        .find(|(p, _)| *p == props.path.as_str())
    else {
        return html! { <p role="alert">{ format!("No sample item '{}'.", props.path) }</p> };
    };
    let on_event = {
        let outcomes = outcomes.clone();
        Callback::from(move |e: PlayerEvent| {
            if let PlayerEvent::OutcomesChanged(values) = e {
                outcomes.set(values);
            }
        })
    };
    html! {
        <>
            <section aria-label="Item">
                <ItemPlayer xml={AttrValue::Static(xml)} {on_event}
                    base_url={format!("items/{}", props.path)} />
            </section>
            <aside class="variables" aria-label="Outcome variables">
                <h2>{ "Outcomes" }</h2>
                <Variables values={(*outcomes).clone()} />
            </aside>
        </>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
