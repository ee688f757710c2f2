//! A sample test in the test runner. Its items come from the samples built
//! into the app; the session is saved in localStorage after every change,
//! so a reload resumes where the candidate was.

use std::rc::Rc;
use std::sync::Arc;

use qti_engine::caliper::{Agent, Resource, SensorContext};
use qti_player::caliper::CaliperConfig;

use gloo::storage::{LocalStorage, Storage};
use qti_engine::test_session::load_test;
use qti_engine::{Error, ErrorKind};
use qti_player::test_runner::{SharedTest, TestEvent, TestRunner};
use yew::prelude::*;

use crate::samples::SAMPLES;

#[derive(Properties, PartialEq)]
pub struct TestPreviewProps {
    /// Path under items/.
    pub path: String,
}

fn storage_key(path: &str) -> String {
    format!("qti-studio-test:{path}")
}

fn load(path: &str) -> Result<SharedTest, String> {
    let (_, xml) = SAMPLES
        .iter()
        .find(|(p, _)| *p == path)
        .ok_or_else(|| format!("No sample test '{path}'."))?;
    let mut resolve = |p: &str| {
        SAMPLES
            .iter()
            .find(|(s, _)| *s == p)
            .map(|(_, x)| x.as_bytes().to_vec())
            .ok_or_else(|| {
                Error::new(ErrorKind::Reference {
                    href: p.to_string(),
                    message: "not among the sample files".into(),
                })
            })
    };
    load_test(path, xml.as_bytes(), &mut resolve)
        .map(|t| SharedTest(Arc::new(t)))
        .map_err(|e| e.to_string())
}

#[function_component(TestPreview)]
pub fn test_preview(props: &TestPreviewProps) -> Html {
    let path = props.path.clone();
    let test = use_memo(path.clone(), |p| load(p));
    // The saved session is read once, when the preview opens.
    let saved = use_memo(path.clone(), |p| {
        LocalStorage::raw()
            .get_item(&storage_key(p))
            .ok()
            .flatten()
            .map(AttrValue::from)
    });
    let generation = use_state(|| 0u32);
    // The author sees the Caliper events a delivery would send.
    let events = use_mut_ref(Vec::<(String, String)>::new);
    // Setting the count re-renders; the callback below is made once, so it
    // keeps the shared log rather than a copy of the state.
    let count = use_state(|| 0usize);
    let caliper = {
        let (events, count) = (events.clone(), count.clone());
        use_memo(path.clone(), move |p| {
            let (log, count) = (events.clone(), count.clone());
            let context = SensorContext::new(
                Agent::person("urn:qti-studio:candidate"),
                Agent::software_application(
                    "urn:qti-studio",
                    Some("QTI preview studio".into()),
                    None,
                ),
                Resource::assessment(format!("urn:qti-studio:test:{p}"), None),
            );
            Rc::new(CaliperConfig {
                sensor_id: "urn:qti-studio:sensor".into(),
                context,
                endpoints: Vec::new(),
                on_event: Callback::from(move |json: String| {
                    let v = js_sys::JSON::parse(&json).unwrap_or_default();
                    let field = |name: &str| {
                        js_sys::Reflect::get(&v, &name.into())
                            .ok()
                            .and_then(|f| f.as_string())
                            .unwrap_or_else(|| "?".into())
                    };
                    let line = format!("{} {}", field("type"), field("action"));
                    // The attempt an AssessmentEvent belongs to (`generated`).
                    let attempt = js_sys::Reflect::get(&v, &"generated".into())
                        .ok()
                        .and_then(|g| js_sys::Reflect::get(&g, &"id".into()).ok())
                        .and_then(|id| id.as_string())
                        .unwrap_or_default();
                    log.borrow_mut().push((line, attempt));
                    count.set(log.borrow().len());
                }),
                on_error: Callback::noop(),
            })
        })
    };
    let on_event = {
        let path = path.clone();
        Callback::from(move |e: TestEvent| {
            if let TestEvent::StateChanged(json) = e {
                let _ = LocalStorage::raw().set_item(&storage_key(&path), &json);
            }
        })
    };
    let restart = {
        let (path, generation) = (path.clone(), generation.clone());
        Callback::from(move |_: MouseEvent| {
            LocalStorage::delete(storage_key(&path));
            generation.set(*generation + 1);
        })
    };
    match &*test {
        Ok(test) => {
            // After a restart the saved state is gone: start fresh.
            let state = if *generation == 0 {
                (*saved).clone()
            } else {
                None
            };
            html! {
                <section class="studio-test" aria-label="Test">
                    <TestRunner key={*generation} test={test.clone()} {state} {on_event}
                        base_url={format!("items/{path}")} caliper={Some((*caliper).clone())} />
                    <p><button type="button" class="studio-restart" onclick={restart}>{ "Restart the test" }</button></p>
                    <details class="studio-caliper">
                        <summary>{ format!("Caliper events ({})", *count) }</summary>
                        <ol>{ for events.borrow().iter().map(|(line, attempt)| html! {
                            <li data-attempt={attempt.clone()}>{ line }</li>
                        }) }</ol>
                    </details>
                </section>
            }
        }
        Err(e) => html! { <p role="alert">{ e }</p> },
    }
}
