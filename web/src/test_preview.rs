//! A sample test in the test runner. Its items come from the samples built
//! into the app; the session is saved in localStorage after every change,
//! so a reload resumes where the candidate was.

use std::sync::Arc;

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
                        base_url={format!("items/{path}")} />
                    <p><button type="button" class="studio-restart" onclick={restart}>{ "Restart the test" }</button></p>
                </section>
            }
        }
        Err(e) => html! { <p role="alert">{ e }</p> },
    }
}
