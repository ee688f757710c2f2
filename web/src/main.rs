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
mod package_view;
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
                            <Preview xml={AttrValue::Static(xml)} base_url={format!("items/{path}")} />
                        },
                        None => html! { <p role="alert">{ format!("No sample item '{path}'.") }</p> },
                    },
                    Route::Test(path) => html! { <test_preview::TestPreview path={path.clone()} /> },
                    Route::Opened => match &*opened {
                        Some(Opened::Item(name, xml)) => html! {
                            <Preview xml={xml.clone()} base_url={name.clone()} />
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
}

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
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
                    files={props.files.clone()} stimuli={props.stimuli.clone()}
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
