//! The preview studio: a gallery of our sample items; each opens in the
//! player beside a live table of its outcome variables.

use std::sync::Arc;

use package_view::{PackageResource, PackageTree, SharedPackage};
use qti_engine::Value;
use qti_player::test_runner::{SharedTest, TestRunner};
use qti_player::{ItemPlayer, PlayerEvent, Variables};
use yew::prelude::*;

mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));

    /// Whether a sample is an assessmentTest (the rest are items).
    pub fn is_test(xml: &str) -> bool {
        xml.contains("<assessmentTest") || xml.contains("<qti-assessment-test")
    }
}
mod allocator;
mod convert;
mod editor;
mod package_view;
mod supports;
mod test_preview;

/// What the URL fragment shows.
#[derive(Clone, PartialEq)]
enum Route {
    Gallery,
    /// `#/item/<path under items/>`: a sample item.
    Sample(String),
    /// `#/test/<path under items/>`: a sample test.
    Test(String),
    /// `#/edit/<path under items/>`: a sample item in the split view.
    Edit(String),
    /// `#/open`: the file the author opened.
    Opened,
    /// `#/package`: the package the author opened, as a tree.
    Package,
    /// `#/package/item/<id>` or `#/package/test/<id>`: one of its resources.
    PackageResource {
        identifier: String,
        test: bool,
    },
}

fn current_route() -> Route {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if let Some(path) = hash.strip_prefix("#/item/") {
        Route::Sample(path.to_string())
    } else if let Some(path) = hash.strip_prefix("#/test/") {
        Route::Test(path.to_string())
    } else if let Some(path) = hash.strip_prefix("#/edit/") {
        Route::Edit(path.to_string())
    } else if hash == "#/open" {
        Route::Opened
    } else if hash == "#/package" {
        Route::Package
    } else if let Some(id) = hash.strip_prefix("#/package/item/") {
        Route::PackageResource {
            identifier: id.to_string(),
            test: false,
        }
    } else if let Some(id) = hash.strip_prefix("#/package/test/") {
        Route::PackageResource {
            identifier: id.to_string(),
            test: true,
        }
    } else {
        Route::Gallery
    }
}

/// What the author opened.
#[derive(Clone)]
enum Opened {
    /// An item XML (name, text).
    Item(String, AttrValue),
    /// A test XML whose items are inside it (a compact test).
    Test(SharedTest),
    /// A zipped content package.
    Package(String, SharedPackage),
    /// A file that could not be opened, and why.
    Failed(String),
}

/// Read an opened file: a zip is a package, an XML file an item or a test.
fn open_bytes(name: String, bytes: Vec<u8>) -> Opened {
    if name.to_ascii_lowercase().ends_with(".zip") || bytes.starts_with(b"PK") {
        return match qti_engine::package::read_zip(&bytes) {
            Ok(p) => Opened::Package(name, SharedPackage::new(p)),
            Err(e) => Opened::Failed(format!("{name}: {e}")),
        };
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if !samples::is_test(&text) {
        return Opened::Item(name, AttrValue::from(text));
    }
    let mut no_files = |p: &str| {
        Err(qti_engine::Error::new(qti_engine::ErrorKind::Reference {
            href: p.to_string(),
            message: "a test opened alone cannot reach its item files; open its package (zip)"
                .into(),
        }))
    };
    match qti_engine::test_session::load_test(&name, text.as_bytes(), &mut no_files) {
        Ok(t) => Opened::Test(SharedTest(Arc::new(t))),
        Err(e) => Opened::Failed(format!("{name}: {e}")),
    }
}

#[function_component(App)]
fn app() -> Html {
    let route = use_state(current_route);
    let opened = use_state(|| None::<Opened>);
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
            *reader.borrow_mut() =
                Some(gloo::file::callbacks::read_as_bytes(&file, move |bytes| {
                    let o = match bytes {
                        Ok(b) => open_bytes(name, b),
                        Err(e) => Opened::Failed(format!("{name}: could not read the file: {e}")),
                    };
                    let hash = if matches!(o, Opened::Package(..)) {
                        "#/package"
                    } else {
                        "#/open"
                    };
                    opened.set(Some(o));
                    let _ = gloo::utils::window().location().set_hash(hash);
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
                    { "Open an item, a test or a package (XML or zip)" }
                    <input type="file" accept=".xml,.zip,application/xml,text/xml,application/zip" {onchange} />
                </label>
            </header>
            <main class="studio-main" {ondragover} {ondrop}>
                { match &*route {
                    Route::Sample(path) => match samples::SAMPLES.iter().find(|(p, _)| p == path) {
                        Some((_, xml)) => html! {
                            <>
                                <p class="studio-edit-link"><a href={format!("#/edit/{path}")}>{ "Edit the source" }</a></p>
                                <Preview xml={AttrValue::Static(xml)} base_url={format!("items/{path}")} />
                            </>
                        },
                        None => html! { <p role="alert">{ format!("No sample item '{path}'.") }</p> },
                    },
                    Route::Test(path) => html! { <test_preview::TestPreview path={path.clone()} /> },
                    Route::Edit(path) => match samples::SAMPLES.iter().find(|(p, _)| p == path) {
                        Some((_, xml)) => html! {
                            <editor::Editor xml={AttrValue::Static(xml)} base_url={format!("items/{path}")} />
                        },
                        None => html! { <p role="alert">{ format!("No sample item '{path}'.") }</p> },
                    },
                    Route::Opened => match &*opened {
                        Some(Opened::Item(name, xml)) => html! {
                            <editor::Editor xml={xml.clone()} base_url={name.clone()} />
                        },
                        Some(Opened::Test(test)) => html! { <TestRunner test={test.clone()} /> },
                        Some(Opened::Package(..)) => html! { <p><a href="#/package">{ "Show the opened package" }</a></p> },
                        Some(Opened::Failed(why)) => html! { <p role="alert" class="studio-open-error">{ why }</p> },
                        None => html! { <p role="alert">{ "Nothing opened yet: choose a file above or drop one here." }</p> },
                    },
                    Route::Package => match &*opened {
                        Some(Opened::Package(name, package)) => html! {
                            <PackageTree name={name.clone()} package={package.clone()} />
                        },
                        _ => html! { <p role="alert">{ "No package opened yet: choose a zip above or drop one here." }</p> },
                    },
                    Route::PackageResource { identifier, test } => match &*opened {
                        Some(Opened::Package(_, package)) => html! {
                            <PackageResource package={package.clone()} identifier={identifier.clone()} test={*test} />
                        },
                        _ => html! { <p role="alert">{ "No package opened yet: choose a zip above or drop one here." }</p> },
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
pub struct PreviewProps {
    pub xml: AttrValue,
    pub base_url: AttrValue,
    /// Files of the package the item comes from.
    #[prop_or_default]
    pub files: Option<qti_player::context::PackageFiles>,
    /// The item's shared stimuli (from its package).
    #[prop_or_default]
    pub stimuli: Option<qti_player::SharedStimuli>,
    /// The standards its package aligns the item to.
    #[prop_or_default]
    pub alignments: Vec<qti_engine::package::Alignment>,
}

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    // The item is read here too: the variables panel and the result need
    // its declarations (the player reads it for itself).
    let item = use_memo(props.xml.clone(), |xml| {
        qti_engine::read_item(xml.as_bytes())
            .ok()
            .map(|r| Arc::new(r.item))
    });
    let state = use_state(|| None::<String>);
    let seed = use_state(|| 0u64);
    let generation = use_state(|| 0u32);
    let solution = use_state(|| false);
    let text_size = use_state(|| "100%".to_string());
    let theme = use_state(String::new);
    let pnp = use_state(|| std::rc::Rc::new(qti_player::pnp::Pnp::default()));
    let locale = use_state(qti_player::i18n::Locale::default);
    let view = use_state(|| AttrValue::Static("candidate"));
    let on_event = {
        let state = state.clone();
        Callback::from(move |e: PlayerEvent| {
            if let PlayerEvent::StateChanged(json) = e {
                state.set(Some(json));
            }
        })
    };
    // The variables and the downloadable result follow the session the
    // player last reported: worked out once per change, not per render.
    let derived = use_memo(
        ((*state).clone(), *seed, item.clone()),
        |(state, seed, item)| {
            let session = match (&**item, state) {
                (Some(item), Some(json)) => serde_json::from_str(json)
                    .ok()
                    .and_then(|s| qti_engine::ItemSession::restore(item.clone(), s).ok()),
                (Some(item), None) => Some(qti_engine::ItemSession::new(item.clone(), *seed)),
                _ => None,
            };
            let variables: Vec<(String, Value)> = session
                .as_ref()
                .map(|s| {
                    s.declarations()
                        .iter()
                        .map(|d| (d.identifier.clone(), s.value(&d.identifier).clone()))
                        .collect()
                })
                .unwrap_or_default();
            let result_href = session.as_ref().map(|s| {
                use qti_engine::results::{
                    AssessmentResult, ItemResult, ResultVersion, format_datestamp, write_results,
                };
                let now = format_datestamp(js_sys::Date::now() as i64);
                let result = AssessmentResult {
                    item_results: vec![ItemResult::from_session(s, &now, Some(1))],
                    ..Default::default()
                };
                let xml = write_results(&result, ResultVersion::V3_0);
                format!(
                    "data:application/xml;charset=utf-8,{}",
                    js_sys::encode_uri_component(&xml)
                )
            });
            (variables, result_href)
        },
    );
    let (variables, result_href) = (derived.0.clone(), derived.1.clone());
    let reset = {
        let (generation, state, solution) = (generation.clone(), state.clone(), solution.clone());
        Callback::from(move |_: MouseEvent| {
            state.set(None);
            solution.set(false);
            generation.set(*generation + 1);
        })
    };
    let toggle_solution = {
        let solution = solution.clone();
        Callback::from(move |_: MouseEvent| solution.set(!*solution))
    };
    let on_seed = {
        let (seed, state) = (seed.clone(), state.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = input.value().trim().parse::<u64>() {
                state.set(None);
                seed.set(n);
            }
        })
    };
    let on_size = {
        let text_size = text_size.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            text_size.set(select.value());
        })
    };
    let on_locale = {
        let locale = locale.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            locale.set(qti_player::i18n::Locale::parse(&select.value()).unwrap_or_default());
        })
    };
    let on_view = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            view.set(AttrValue::from(select.value()));
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            theme.set(select.value());
        })
    };
    html! {
        <>
            <section aria-label="Item" class={classes!("studio-preview", (!theme.is_empty()).then(|| (*theme).clone()))}
                style={format!("font-size: {}", *text_size)}>
                <div class="studio-controls" role="toolbar" aria-label="Preview controls">
                    <button type="button" class="studio-reset" onclick={reset}>{ "Reset" }</button>
                    <button type="button" class="studio-solution" aria-pressed={solution.to_string()}
                        onclick={toggle_solution}>{ "Show solution" }</button>
                    <label>{ "Seed " }<input type="number" min="0" class="studio-seed" value={seed.to_string()} onchange={on_seed} /></label>
                    <label>{ "Text size " }
                        <select class="studio-text-size" onchange={on_size}>
                            { for ["100%", "125%", "150%", "200%"].iter().map(|v| html! {
                                <option value={*v} selected={*text_size == *v}>{ *v }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "Contrast " }
                        <select class="studio-theme" onchange={on_theme}>
                            <option value="" selected={theme.is_empty()}>{ "Default" }</option>
                            <option value="qti-theme-high-contrast" selected={*theme == "qti-theme-high-contrast"}>{ "High contrast" }</option>
                            <option value="qti-theme-dark" selected={*theme == "qti-theme-dark"}>{ "White on black" }</option>
                            <option value="qti-theme-yellow-on-blue" selected={*theme == "qti-theme-yellow-on-blue"}>{ "Yellow on blue" }</option>
                        </select>
                    </label>
                    <label>{ "View " }
                        <select class="studio-view" onchange={on_view}>
                            { for [("candidate", "Candidate"), ("scorer", "Scorer"), ("author", "Author"), ("tutor", "Tutor"), ("proctor", "Proctor"), ("testConstructor", "Test constructor")].iter().map(|(v, l)| html! {
                                <option value={*v} selected={view.as_str() == *v}>{ *l }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "Player language " }
                        <select class="studio-locale" onchange={on_locale}>
                            { for [("en", "English"), ("es", "Español"), ("fr", "Français")].iter().map(|(v, l)| html! {
                                <option value={*v} selected={locale.tag() == *v}>{ *l }</option>
                            }) }
                        </select>
                    </label>
                    if let Some(href) = result_href {
                        <a class="studio-download-result" {href} download="assessmentResult.xml">{ "Download result (QTI 3.0)" }</a>
                    }
                </div>
                { package_view::alignments(&props.alignments) }
                <convert::Convert item={(*item).clone()} />
                <supports::Supports pnp={(*pnp).clone()}
                    on_change={let pnp = pnp.clone(); Callback::from(move |p| pnp.set(p))} />
                <ItemPlayer key={*generation} xml={props.xml.clone()} {on_event} base_url={props.base_url.clone()}
                    files={props.files.clone()} stimuli={props.stimuli.clone()} seed={*seed}
                    show_solution={*solution} validate_responses=true pnp={Some((*pnp).clone())}
                    locale={*locale} view={(*view).clone()} />
            </section>
            <aside class="variables" aria-label="Variables">
                <h2>{ "Variables" }</h2>
                <Variables values={variables} />
            </aside>
        </>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
    // The first item an author opens finds the player's code compiled.
    qti_player::warm_up::when_idle(|| qti_player::warm_up::warm_up(|_| ()));
}
