//! The preview studio: a gallery of our sample items; each opens in the
//! player beside a live table of its outcome variables.

use qti_engine::Value;
use qti_player::{ItemPlayer, PlayerEvent, Variables};
use yew::prelude::*;

mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));

    /// Whether a sample is an assessmentTest (the rest are items).
    pub fn is_test(xml: &str) -> bool {
        xml.contains("<assessmentTest") || xml.contains("<qti-assessment-test")
    }
}
mod test_preview;

/// What the URL fragment shows.
#[derive(Clone, PartialEq)]
enum Route {
    Gallery,
    /// `#/item/<path under items/>`: a sample item.
    Sample(String),
    /// `#/test/<path under items/>`: a sample test.
    Test(String),
    /// `#/open`: the file the author opened.
    Opened,
}

fn current_route() -> Route {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if let Some(path) = hash.strip_prefix("#/item/") {
        Route::Sample(path.to_string())
    } else if let Some(path) = hash.strip_prefix("#/test/") {
        Route::Test(path.to_string())
    } else if hash == "#/open" {
        Route::Opened
    } else {
        Route::Gallery
    }
}

/// An item XML the author opened (name, text).
type Opened = Option<(String, AttrValue)>;

#[function_component(App)]
fn app() -> Html {
    let route = use_state(current_route);
    let opened = use_state(|| None as Opened);
    // Keeps the pending file read alive until it completes.
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
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
    let open_file = {
        let (opened, reader) = (opened.clone(), reader.clone());
        Callback::from(move |file: web_sys::File| {
            let file = gloo::file::File::from(file);
            let name = file.name();
            let opened = opened.clone();
            *reader.borrow_mut() = Some(gloo::file::callbacks::read_as_text(&file, move |text| {
                let text =
                    text.unwrap_or_else(|e| format!("<!-- could not read the file: {e} -->"));
                opened.set(Some((name, AttrValue::from(text))));
                let _ = gloo::utils::window().location().set_hash("#/open");
            }));
        })
    };
    let onchange = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file.emit(file);
            }
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            open_file.emit(file);
        }
    });
    html! {
        <>
            <header class="studio-header">
                <h1><a href="#/">{ "QTI preview studio" }</a></h1>
                <label class="studio-open">
                    { "Open an item (XML)" }
                    <input type="file" accept=".xml,application/xml,text/xml" {onchange} />
                </label>
            </header>
            <main class="studio-main" {ondragover} {ondrop}>
                { match &*route {
                    Route::Sample(path) => match samples::SAMPLES.iter().find(|(p, _)| p == path) {
                        Some((_, xml)) => html! {
                            <Preview xml={AttrValue::Static(xml)} base_url={format!("items/{path}")} />
                        },
                        None => html! { <p role="alert">{ format!("No sample item '{path}'.") }</p> },
                    },
                    Route::Test(path) => html! { <test_preview::TestPreview path={path.clone()} /> },
                    Route::Opened => match &*opened {
                        Some((name, xml)) => html! {
                            <Preview xml={xml.clone()} base_url={name.clone()} />
                        },
                        None => html! { <p role="alert">{ "No item opened yet: choose a file above or drop one here." }</p> },
                    },
                    Route::Gallery => html! { <Gallery /> },
                } }
            </main>
        </>
    }
}

#[function_component(Gallery)]
fn gallery() -> Html {
    html! {
        <>
        <nav class="studio-gallery" aria-label="Sample items">
            <h2>{ "Sample items" }</h2>
            <ul>
                { for samples::SAMPLES.iter().filter(|(_, xml)| !samples::is_test(xml)).map(|(path, _)| html! {
                    <li><a href={format!("#/item/{path}")}>{ *path }</a></li>
                }) }
            </ul>
            <p>{ "Or open your own item with the button above, or drop an XML file on this page." }</p>
        </nav>
        <nav class="studio-tests" aria-label="Sample tests">
            <h2>{ "Sample tests" }</h2>
            <ul>
                { for samples::SAMPLES.iter().filter(|(_, xml)| samples::is_test(xml)).map(|(path, _)| html! {
                    <li><a href={format!("#/test/{path}")}>{ *path }</a></li>
                }) }
            </ul>
        </nav>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    xml: AttrValue,
    base_url: AttrValue,
}

#[function_component(Preview)]
fn preview(props: &PreviewProps) -> Html {
    let outcomes = use_state(Vec::<(String, Value)>::new);
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
                <ItemPlayer xml={props.xml.clone()} {on_event} base_url={props.base_url.clone()}
                    validate_responses=true />
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
