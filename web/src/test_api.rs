//! The embedding API for whole tests: `mountTest(element, options)` runs a
//! test from a zipped content package (or a compact test given as XML) in
//! the test runner and returns a handle.
//!
//! ```js
//! const run = mountTest(element, {
//!   package: new Uint8Array(zipBytes),   // or: xml (a test whose items are inline)
//!   test: 'TEST_RESOURCE_ID',            // optional: the first test resource otherwise
//!   seed: 1, state: saved,               // optional: resume a saved session
//!   onEvent: (type, detail) => {},
//! });
//! run.getOutcomes(); run.getState(); run.getResult('qti30'); run.destroy();
//! ```
//!
//! Events: `ready`, `responseChanged` `{item, identifier, value}`,
//! `attemptSubmitted` `{item}`, `navigation` `{from, to}`,
//! `outcomesChanged` `{id: value}`, `paused`, `resumed`, `ended`,
//! `stateChanged` `{state}`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Object, Reflect};
use qti_engine::package::{ResourceKind, read_zip};
use qti_engine::test_session::{LoadedTest, TestSession, TestSessionState, load_test};
use qti_engine::{Error, ErrorKind};
use qti_player::test_runner::{SharedTest, TestEvent, TestRunner, TestRunnerProps};
use wasm_bindgen::prelude::*;
use yew::AppHandle;
use yew::prelude::*;

use crate::api::{object_of, option, value_to_js};

#[derive(Default)]
struct Shared {
    outcomes: std::collections::BTreeMap<String, qti_engine::Value>,
    state: Option<String>,
    listener: Option<js_sys::Function>,
}

impl crate::api::HasListener for Shared {
    fn listener(&self) -> Option<&js_sys::Function> {
        self.listener.as_ref()
    }
}

/// A mounted test.
#[wasm_bindgen]
pub struct QtiTestPlayer {
    app: Option<AppHandle<TestRunner>>,
    shared: Rc<RefCell<Shared>>,
    test: Arc<LoadedTest>,
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("mountTest: {e}"))
}

/// The test to run: from a package's bytes, or a compact test's XML.
fn load(options: &JsValue) -> Result<(LoadedTest, String), JsError> {
    if let Some(bytes) = option(options, "package") {
        let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
        let pkg = read_zip(&bytes).map_err(js_error)?;
        let wanted = option(options, "test").and_then(|v| v.as_string());
        let resource = pkg
            .manifest
            .resources
            .iter()
            .filter(|r| r.kind == ResourceKind::Test)
            .find(|r| wanted.as_deref().is_none_or(|w| w == r.identifier))
            .ok_or_else(|| js_error("the package has no such test resource"))?;
        let href = resource.href.clone().unwrap_or_default();
        return Ok((pkg.load_test(resource).map_err(js_error)?, href));
    }
    let xml = option(options, "xml")
        .and_then(|v| v.as_string())
        .ok_or_else(|| js_error("options.package (zip bytes) or options.xml is required"))?;
    let mut no_files = |p: &str| {
        Err(Error::new(ErrorKind::Reference {
            href: p.to_string(),
            message: "a test given as XML alone cannot reach item files; give the package".into(),
        }))
    };
    Ok((
        load_test("test.xml", xml.as_bytes(), &mut no_files).map_err(js_error)?,
        String::new(),
    ))
}

/// Remember what a test event changes and build its detail for the host.
fn record_test_event(s: &mut Shared, e: TestEvent) -> (&'static str, JsValue) {
    let detail = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&detail, &JsValue::from_str(k), &v);
    };
    let kind = match e {
        TestEvent::Ready => "ready",
        TestEvent::ResponseChanged {
            item,
            response,
            value,
        } => {
            set("item", item.into());
            set("identifier", response.into());
            set("value", value_to_js(&value));
            "responseChanged"
        }
        TestEvent::Submitted { item } => {
            set("item", item.into());
            "attemptSubmitted"
        }
        TestEvent::Navigated { from, to } => {
            set("from", from.into());
            set("to", to.into());
            "navigation"
        }
        TestEvent::OutcomesChanged(values) => {
            s.outcomes = crate::api::map_of(values);
            return ("outcomesChanged", object_of(&s.outcomes));
        }
        TestEvent::Ended => "ended",
        TestEvent::Paused => "paused",
        TestEvent::Resumed => "resumed",
        TestEvent::StateChanged(json) => {
            set("state", js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL));
            s.state = Some(json);
            "stateChanged"
        }
    };
    (kind, detail.into())
}

#[wasm_bindgen(js_name = mountTest)]
pub fn mount_test(
    element: web_sys::Element,
    #[wasm_bindgen(unchecked_param_type = "MountTestOptions")] options: JsValue,
) -> Result<QtiTestPlayer, JsError> {
    let (loaded, href) = load(&options)?;
    let test = Arc::new(loaded);
    let shared = Rc::new(RefCell::new(Shared {
        listener: option(&options, "onEvent").and_then(|f| f.dyn_into().ok()),
        ..Shared::default()
    }));
    let sink = shared.clone();
    let on_event = Callback::from(move |e: TestEvent| {
        let (kind, detail) = record_test_event(&mut sink.borrow_mut(), e);
        crate::api::notify(&sink, kind, &detail);
    });
    let state = option(&options, "state").and_then(|v| {
        v.as_string()
            .or_else(|| js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()))
    });
    let props = TestRunnerProps {
        test: SharedTest(test.clone()),
        seed: option(&options, "seed")
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as u64,
        state: state.map(AttrValue::from),
        base_url: AttrValue::from(href),
        on_event,
        id_prefix: AttrValue::from(
            option(&options, "idPrefix")
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| "qti-test".into()),
        ),
        caliper: option(&options, "caliper")
            .map(|c| crate::api::caliper_config(&c, shared.clone()))
            .transpose()?,
        files: None,
        view: AttrValue::Static("candidate"),
        pnp: crate::api::pnp_option(&options)?,
        locale: crate::api::locale_option(&options)?,
    };
    let app = yew::Renderer::<TestRunner>::with_root_and_props(element, props).render();
    Ok(QtiTestPlayer {
        app: Some(app),
        shared,
        test,
    })
}

#[wasm_bindgen]
impl QtiTestPlayer {
    /// Test outcomes after the last outcome processing.
    #[wasm_bindgen(js_name = getOutcomes, unchecked_return_type = "QtiValues")]
    pub fn get_outcomes(&self) -> JsValue {
        object_of(&self.shared.borrow().outcomes)
    }

    /// The session (position, every item session, timers, route) as JSON.
    #[wasm_bindgen(js_name = getState)]
    pub fn get_state(&self) -> JsValue {
        match &self.shared.borrow().state {
            Some(json) => js_sys::JSON::parse(json).unwrap_or(JsValue::NULL),
            None => JsValue::NULL,
        }
    }

    /// The test's assessmentResult (testResult and itemResults) as XML.
    #[wasm_bindgen(js_name = getResult)]
    pub fn get_result(
        &self,
        format: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ResultContextOptions")] context: Option<
            js_sys::Object,
        >,
    ) -> Result<String, JsError> {
        use qti_engine::results::{AssessmentResult, format_datestamp, write_results};
        let version = crate::api::result_version(format.as_deref())?;
        let json = self
            .shared
            .borrow()
            .state
            .clone()
            .ok_or_else(|| JsError::new("getResult: the test has not started"))?;
        let state: TestSessionState =
            serde_json::from_str(&json).map_err(|e| JsError::new(&e.to_string()))?;
        let session =
            TestSession::restore(&self.test, state).map_err(|e| JsError::new(&e.to_string()))?;
        let now = format_datestamp(js_sys::Date::now() as i64);
        let mut result = AssessmentResult::from_test_session(&session, &now);
        result.context = crate::api::result_context(context.as_ref());
        Ok(write_results(&result, version))
    }

    /// Removes the test from the page.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.shared.borrow_mut().listener = None;
    }
}
