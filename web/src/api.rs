//! The embedding API for assessment platforms: `mount(element, options)`
//! renders an item into a host element and returns a handle to drive it.
//! Values cross the boundary as the engine's JSON forms (see
//! `qti_engine::json`): NULL `null`, identifiers and strings as strings,
//! numbers, arrays for containers, objects for records.
//!
//! ```js
//! const player = mount(document.querySelector('#item'), {
//!   xml, seed: 1, baseUrl: 'items/q1.xml',
//!   onEvent: (type, detail) => console.log(type, detail),
//! });
//! player.setResponse('RESPONSE', 'ChoiceA');
//! player.submit();              // later: onEvent('outcomesChanged', {...})
//! player.getOutcomes();         // { SCORE: 1, completionStatus: 'completed' }
//! player.destroy();
//! ```
//!
//! Events: `ready`, `responseChanged` `{identifier, value}`,
//! `attemptSubmitted` `{attempt}`, `outcomesChanged` `{id: value, ...}`.

use std::cell::RefCell;
use std::rc::Rc;

use qti_engine::model::declaration::Declaration;
use qti_engine::{Value, json, read_item};
use qti_player::{ItemPlayer, ItemPlayerProps, Msg, PlayerEvent};
use serde_json::{Map, Value as Json};
use wasm_bindgen::prelude::*;
use yew::AppHandle;
use yew::prelude::*;

/// What the handle remembers of the session for synchronous getters.
#[derive(Default)]
struct Shared {
    responses: Map<String, Json>,
    outcomes: Map<String, Json>,
    listener: Option<js_sys::Function>,
}

impl Shared {
    fn emit(&self, kind: &str, detail: Json) {
        if let Some(f) = &self.listener {
            let _ = f.call2(&JsValue::NULL, &JsValue::from_str(kind), &to_js(&detail));
        }
    }
}

fn to_js(json: &Json) -> JsValue {
    js_sys::JSON::parse(&json.to_string()).unwrap_or(JsValue::NULL)
}

fn from_js(value: &JsValue) -> Result<Json, JsError> {
    if value.is_undefined() {
        return Ok(Json::Null);
    }
    let text: String = js_sys::JSON::stringify(value)
        .map_err(|_| JsError::new("value cannot be written as JSON"))?
        .into();
    serde_json::from_str(&text).map_err(|e| JsError::new(&e.to_string()))
}

/// A mounted item player.
#[wasm_bindgen]
pub struct QtiPlayer {
    app: Option<AppHandle<ItemPlayer>>,
    shared: Rc<RefCell<Shared>>,
    declarations: Vec<Declaration>,
}

fn option<'a>(options: &'a Json, key: &str) -> Option<&'a Json> {
    options.get(key).filter(|v| !v.is_null())
}

/// Renders the item of `options.xml` into `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<QtiPlayer, JsError> {
    let listener = js_sys::Reflect::get(&options, &JsValue::from_str("onEvent"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let opts = from_js(&options)?;
    let xml = option(&opts, "xml")
        .and_then(Json::as_str)
        .ok_or_else(|| JsError::new("mount: options.xml (the item's XML text) is required"))?
        .to_string();
    // Read once here for the declarations: errors reach the host directly.
    let item = read_item(xml.as_bytes()).map_err(|e| JsError::new(&e.to_string()))?;
    let shared = Rc::new(RefCell::new(Shared {
        listener,
        ..Shared::default()
    }));
    let sink = shared.clone();
    let on_event = Callback::from(move |e: PlayerEvent| {
        let mut s = sink.borrow_mut();
        let (kind, detail) = match e {
            PlayerEvent::Ready => ("ready", Json::Null),
            PlayerEvent::ResponseChanged(id, v) => {
                let value = json::to_json(&v);
                s.responses.insert(id.clone(), value.clone());
                (
                    "responseChanged",
                    serde_json::json!({ "identifier": id, "value": value }),
                )
            }
            PlayerEvent::AttemptSubmitted { attempt } => (
                "attemptSubmitted",
                serde_json::json!({ "attempt": attempt }),
            ),
            PlayerEvent::OutcomesChanged(values) => {
                s.outcomes = values
                    .iter()
                    .map(|(k, v)| (k.clone(), json::to_json(v)))
                    .collect();
                ("outcomesChanged", Json::Object(s.outcomes.clone()))
            }
        };
        s.emit(kind, detail);
    });
    let props = ItemPlayerProps {
        xml: AttrValue::from(xml),
        seed: option(&opts, "seed").and_then(Json::as_u64).unwrap_or(0),
        on_event,
        base_url: AttrValue::from(
            option(&opts, "baseUrl")
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string(),
        ),
        validate_responses: option(&opts, "validateResponses")
            .and_then(Json::as_bool)
            .unwrap_or(false),
        id_prefix: AttrValue::from(
            option(&opts, "idPrefix")
                .and_then(Json::as_str)
                .unwrap_or("qti")
                .to_string(),
        ),
    };
    let app = yew::Renderer::<ItemPlayer>::with_root_and_props(element, props).render();
    Ok(QtiPlayer {
        app: Some(app),
        shared,
        declarations: item.item.declarations,
    })
}

#[wasm_bindgen]
impl QtiPlayer {
    /// Ends the attempt: response processing runs, then `attemptSubmitted`
    /// and `outcomesChanged` are sent.
    pub fn submit(&self) {
        if let Some(app) = &self.app {
            app.send_message(Msg::Submit);
        }
    }

    /// Sets one response from its JSON form (see the module docs).
    #[wasm_bindgen(js_name = setResponse)]
    pub fn set_response(&self, identifier: &str, value: JsValue) -> Result<(), JsError> {
        let decl = self
            .declarations
            .iter()
            .find(|d| d.identifier == identifier && d.response().is_some())
            .ok_or_else(|| {
                JsError::new(&format!("'{identifier}' is not a response of this item"))
            })?;
        let value: Value =
            json::from_json(&from_js(&value)?, decl).map_err(|e| JsError::new(&e.to_string()))?;
        if let Some(app) = &self.app {
            app.send_message(Msg::SetResponse(identifier.to_string(), value));
        }
        Ok(())
    }

    /// The responses the candidate gave so far, identifier → JSON value.
    #[wasm_bindgen(js_name = getResponses)]
    pub fn get_responses(&self) -> JsValue {
        to_js(&Json::Object(self.shared.borrow().responses.clone()))
    }

    /// The outcomes after the last submission, identifier → JSON value.
    #[wasm_bindgen(js_name = getOutcomes)]
    pub fn get_outcomes(&self) -> JsValue {
        to_js(&Json::Object(self.shared.borrow().outcomes.clone()))
    }

    /// Removes the player from the page.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.shared.borrow_mut().listener = None;
    }
}
