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
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use qti_engine::model::declaration::Declaration;
use qti_engine::value::{BaseType, Cardinality, IntOrIdentifier, Scalar};
use qti_engine::{Value, read_item};
use qti_player::{ItemPlayer, ItemPlayerProps, Msg, PlayerEvent};
use wasm_bindgen::prelude::*;
use yew::AppHandle;
use yew::prelude::*;

// Values are converted to and from JS directly (no JSON text in between):
// it keeps serde_json out of the bundle.

fn scalar_to_js(s: &Scalar) -> JsValue {
    match s {
        Scalar::Boolean(b) => JsValue::from_bool(*b),
        Scalar::Integer(i) | Scalar::IntOrIdentifier(IntOrIdentifier::Int(i)) => {
            JsValue::from_f64(*i as f64)
        }
        Scalar::Float(f) | Scalar::Duration(f) if f.is_finite() => JsValue::from_f64(*f),
        other => JsValue::from_str(&other.to_string()),
    }
}

/// A value in its JSON form (see the module docs), as a JS value.
pub(crate) fn value_to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Single(s) => scalar_to_js(s),
        Value::Multiple(items) | Value::Ordered(items) => {
            items.iter().map(scalar_to_js).collect::<Array>().into()
        }
        Value::Record(fields) => {
            let o = Object::new();
            for (k, f) in fields {
                let v = f.as_ref().map_or(JsValue::NULL, scalar_to_js);
                let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
            }
            o.into()
        }
    }
}

fn js_to_scalar(js: &JsValue, base_type: BaseType) -> Result<Scalar, JsError> {
    let text = if let Some(s) = js.as_string() {
        s
    } else if let Some(n) = js.as_f64() {
        n.to_string()
    } else if let Some(b) = js.as_bool() {
        b.to_string()
    } else {
        return Err(JsError::new("a value must be a string, number or boolean"));
    };
    Scalar::parse(base_type, &text).map_err(|e| JsError::new(&e.to_string()))
}

/// A JS value in the JSON form, as a value of the declaration's type.
fn js_to_value(js: &JsValue, decl: &Declaration) -> Result<Value, JsError> {
    if js.is_null() || js.is_undefined() {
        return Ok(Value::Null);
    }
    let base_type = decl
        .base_type
        .ok_or_else(|| JsError::new("record responses cannot be set through the API yet"))?;
    if Array::is_array(js) {
        let items = Array::from(js)
            .iter()
            .map(|v| js_to_scalar(&v, base_type))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(match decl.cardinality {
            Cardinality::Single if items.len() == 1 => Value::Single(items[0].clone()),
            Cardinality::Single => return Err(JsError::new("one value expected, not a list")),
            card => Value::container(card, items),
        });
    }
    let scalar = js_to_scalar(js, base_type)?;
    Ok(match decl.cardinality {
        Cardinality::Single => Value::Single(scalar),
        card => Value::container(card, vec![scalar]),
    })
}

pub(crate) fn object_of(map: &BTreeMap<String, Value>) -> JsValue {
    let o = Object::new();
    for (k, v) in map {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &value_to_js(v));
    }
    o.into()
}

/// What the handle remembers of the session for synchronous getters.
#[derive(Default)]
struct Shared {
    responses: BTreeMap<String, Value>,
    outcomes: BTreeMap<String, Value>,
    /// The session as JSON after the last change.
    state: Option<String>,
    listener: Option<js_sys::Function>,
}

/// Call the host's listener with no borrow of the player's state held:
/// the host may call back into the player (getResponses, showOutcomes,
/// restoreState, ...) from inside its handler.
pub(crate) fn notify<S: HasListener>(shared: &RefCell<S>, kind: &str, detail: &JsValue) {
    let listener = shared.borrow().listener().cloned();
    if let Some(f) = listener {
        let _ = f.call2(&JsValue::NULL, &JsValue::from_str(kind), detail);
    }
}

/// State that holds the host's `onEvent` function.
pub(crate) trait HasListener {
    fn listener(&self) -> Option<&js_sys::Function>;
}

impl HasListener for Shared {
    fn listener(&self) -> Option<&js_sys::Function> {
        self.listener.as_ref()
    }
}

/// A mounted item player.
#[wasm_bindgen]
pub struct QtiPlayer {
    app: Option<AppHandle<ItemPlayer>>,
    shared: Rc<RefCell<Shared>>,
    declarations: Vec<Declaration>,
    item: std::sync::Arc<qti_engine::AssessmentItem>,
    element: web_sys::Element,
    /// What it was mounted with, to mount again on `restoreState`.
    props: ItemPlayerProps,
}

pub(crate) fn option(options: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_null() && !v.is_undefined())
}

/// `options.caliper`: `{ sensor, actor, edApp, assessment, endpoints:
/// [{ url, token }] }` (IRIs). Each event also reaches `onEvent` as
/// `caliper` (the event object); delivery problems as `error`.
// Out of line, like every option only some hosts give: V8 compiles a wasm
// function whole on its first call, so what `mount` inlines, every first
// item on a fresh page compiles.
#[inline(never)]
pub(crate) fn caliper_config<S: HasListener + 'static>(
    c: &JsValue,
    shared: Rc<RefCell<S>>,
) -> Result<Rc<qti_player::caliper::CaliperConfig>, JsError> {
    use qti_engine::caliper::{Agent, Resource, SensorContext};
    let text = |key: &str| {
        option(c, key).and_then(|v| v.as_string()).ok_or_else(|| {
            JsError::new(&format!(
                "mount: options.caliper.{key} (an IRI) is required"
            ))
        })
    };
    let endpoints = option(c, "endpoints")
        .map(|e| Array::from(&e).iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|e| {
            let url = option(&e, "url")
                .and_then(|u| u.as_string())
                .ok_or_else(|| JsError::new("mount: every caliper endpoint needs a url"))?;
            let token = option(&e, "token").and_then(|t| t.as_string());
            Ok(qti_player::caliper::Endpoint { url, token })
        })
        .collect::<Result<Vec<_>, JsError>>()?;
    let actor = text("actor")?;
    let mut context = SensorContext::new(
        Agent::person(actor.clone()),
        Agent::software_application(text("edApp")?, None, None),
        Resource::assessment(text("assessment")?, None),
    );
    context.group = option(c, "group").map(|g| group(&g)).transpose()?;
    if let Some(m) = option(c, "membership") {
        context.membership = Some(membership(&m, &actor, context.group.as_ref())?);
    }
    context.session = option(c, "session")
        .map(|s| {
            let id = s.as_string().or_else(|| option(&s, "id")?.as_string());
            id.map(|id| qti_engine::caliper::Session::new(id, Some(js_sys::Date::now() as i64)))
                .ok_or_else(|| JsError::new("mount: options.caliper.session needs an id (an IRI)"))
        })
        .transpose()?;
    let events = shared.clone();
    let errors = shared;
    Ok(Rc::new(qti_player::caliper::CaliperConfig {
        sensor_id: text("sensor")?,
        context,
        endpoints,
        on_event: Callback::from(move |json: String| {
            let event = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
            notify(&events, "caliper", &event);
        }),
        on_error: Callback::from(move |message: String| {
            notify(&errors, "error", &JsValue::from_str(&message));
        }),
    }))
}

/// `getResult`'s format: `qti30` (the default) or `qti22`.
pub(crate) fn result_version(
    format: Option<&str>,
) -> Result<qti_engine::results::ResultVersion, JsError> {
    use qti_engine::results::ResultVersion;
    match format.unwrap_or("qti30") {
        "qti30" => Ok(ResultVersion::V3_0),
        "qti22" => Ok(ResultVersion::V2_2),
        other => Err(JsError::new(&format!(
            "getResult: unknown format '{other}' (qti30 or qti22)"
        ))),
    }
}

/// `getResult`'s context: `{ sourcedId, sessionIdentifiers: [{ sourceId,
/// identifier }] }`, both optional.
pub(crate) fn result_context(c: Option<&js_sys::Object>) -> qti_engine::results::ResultContext {
    use qti_engine::results::{ResultContext, SessionIdentifier};
    let Some(c) = c else {
        return ResultContext::default();
    };
    let text = |v: &JsValue, key: &str| option(v, key).and_then(|s| s.as_string());
    let session_identifiers = option(c, "sessionIdentifiers")
        .map(|list| Array::from(&list).iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .iter()
        .filter_map(|s| {
            Some(SessionIdentifier {
                source_id: text(s, "sourceId")?,
                identifier: text(s, "identifier")?,
            })
        })
        .collect();
    ResultContext {
        sourced_id: text(c, "sourcedId"),
        session_identifiers,
    }
}

/// `options.caliper.group`: an IRI, or `{id, type, name, courseNumber,
/// academicSession}` with type CourseSection (default), CourseOffering,
/// Group or Organization.
fn group(g: &JsValue) -> Result<qti_engine::caliper::Organization, JsError> {
    use qti_engine::caliper::{EntityType, Organization};
    let text = |key: &str| option(g, key).and_then(|v| v.as_string());
    let id = g
        .as_string()
        .or_else(|| text("id"))
        .ok_or_else(|| JsError::new("mount: options.caliper.group needs an id (an IRI)"))?;
    let kind = match text("type").as_deref() {
        None | Some("CourseSection") => EntityType::CourseSection,
        Some("CourseOffering") => EntityType::CourseOffering,
        Some("Group") => EntityType::Group,
        Some("Organization") => EntityType::Organization,
        Some(other) => {
            return Err(JsError::new(&format!(
                "mount: options.caliper.group.type '{other}' is not CourseSection, CourseOffering, Group or Organization"
            )));
        }
    };
    let mut org = Organization::new(id, kind);
    org.name = text("name");
    org.course_number = text("courseNumber");
    org.academic_session = text("academicSession");
    Ok(org)
}

/// `options.caliper.membership`: an IRI, or `{id, roles, status}`; the
/// member is the actor, the organization the group (which it needs).
fn membership(
    m: &JsValue,
    actor: &str,
    group: Option<&qti_engine::caliper::Organization>,
) -> Result<qti_engine::caliper::Membership, JsError> {
    let group = group.ok_or_else(|| {
        JsError::new("mount: options.caliper.membership needs options.caliper.group")
    })?;
    let id = m
        .as_string()
        .or_else(|| option(m, "id")?.as_string())
        .ok_or_else(|| JsError::new("mount: options.caliper.membership needs an id (an IRI)"))?;
    let mut membership = qti_engine::caliper::Membership::learner(id, actor, group.id.clone());
    if let Some(roles) = option(m, "roles") {
        membership.roles = Array::from(&roles)
            .iter()
            .filter_map(|r| r.as_string())
            .collect();
    }
    if let Some(status) = option(m, "status").and_then(|v| v.as_string()) {
        membership.status = Some(status);
    }
    Ok(membership)
}

/// Caliper events of one item's delivery, driven by the player's events:
/// AssessmentEvent Started and AssessmentItemEvent Started when the item
/// is ready; AssessmentItemEvent Completed (with the Response) and
/// GradeEvent Graded (with the Score) after each submission.
struct CaliperDelivery {
    sensor: qti_player::caliper::Sensor,
    on_error: Callback<String>,
    item: qti_engine::caliper::Resource,
    identifier: String,
    response_identifier: String,
    interaction: Option<qti_engine::model::interaction::InteractionKind>,
    response: Value,
}

impl CaliperDelivery {
    #[inline(never)]
    fn new(
        config: Rc<qti_player::caliper::CaliperConfig>,
        item: &qti_engine::model::AssessmentItem,
    ) -> Self {
        let on_error = config.on_error.clone();
        // Kept per sensor, actor and assessment: a reloaded page goes on
        // with the same attempts and counts.
        let sensor = qti_player::caliper::Sensor::resumable(config);
        let (response_identifier, kind) = match qti_engine::caliper::reported_response(item) {
            Some((id, interaction)) => (id, interaction.cloned()),
            None => ("RESPONSE".into(), None),
        };
        CaliperDelivery {
            item: sensor.state.item_from_qti(item),
            sensor,
            on_error,
            identifier: item.identifier.clone(),
            response_identifier,
            interaction: kind,
            response: Value::Null,
        }
    }

    /// The Caliper type of the response reported.
    fn response_kind(&self) -> qti_engine::caliper::ResponseKind {
        use qti_engine::caliper::ResponseKind;
        match &self.interaction {
            Some(i) => ResponseKind::for_interaction(i, &self.response),
            None => ResponseKind::for_value(&self.response),
        }
    }

    #[inline(never)]
    fn on_player_event(&mut self, e: &PlayerEvent) {
        let now = qti_player::caliper::Sensor::now();
        let kind = self.response_kind();
        let state = &mut self.sensor.state;
        // An attempt at the item is in progress from the item's display (or
        // a reload during it) until its submission; answering again after a
        // submission starts the next attempt.
        let mut events = Vec::new();
        let starts_attempt = matches!(
            e,
            PlayerEvent::Ready
                | PlayerEvent::ResponseChanged(..)
                | PlayerEvent::AttemptSubmitted { .. }
        );
        if starts_attempt && !state.is_item_in_progress(&self.identifier) {
            if !state.is_in_progress() {
                events.push(state.started(now));
            }
            events.push(state.item_started(&self.item, &self.identifier, now));
        }
        events.extend(match e {
            PlayerEvent::Ready => Vec::new(),
            PlayerEvent::ResponseChanged(id, value) => {
                if *id == self.response_identifier {
                    self.response = value.clone();
                }
                Vec::new()
            }
            PlayerEvent::AttemptSubmitted { .. } => {
                vec![state.item_completed(&self.item, &self.identifier, kind, &self.response, now)]
            }
            PlayerEvent::StateChanged(_) => Vec::new(),
            PlayerEvent::OutcomesChanged(outcomes) => {
                let number = |id: &str| {
                    outcomes
                        .iter()
                        .find(|(k, _)| k == id)
                        .and_then(|(_, v)| v.as_single().and_then(Scalar::as_f64))
                };
                vec![state.graded(
                    Some(&self.identifier),
                    number("SCORE"),
                    number("MAXSCORE"),
                    now,
                )]
            }
        });
        for event in events {
            match event {
                Ok(event) => self.sensor.record(event),
                Err(err) => self
                    .on_error
                    .emit(format!("Caliper event not built: {err}")),
            }
        }
    }
}

// TypeScript declarations of the options and values the API takes and
// gives, added to the generated typings.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A variable's value as JSON: NULL null, integer/float a number, boolean,
 * identifier/string/uri a string, point "x y", pair "A B", duration seconds,
 * multiple/ordered an array, record an object of field to value. */
export type QtiValue = null | boolean | number | string | QtiValue[] | { [field: string]: QtiValue };
export type QtiValues = { [identifier: string]: QtiValue };
export type QtiEventType = 'ready' | 'responseChanged' | 'attemptSubmitted' | 'outcomesChanged'
  | 'stateChanged' | 'caliper' | 'error' | 'navigation' | 'paused' | 'resumed' | 'ended';
export type QtiEventListener = (type: QtiEventType, detail: any) => void;
/** The candidate's personal needs and preferences (or a QTI 3 AfA PNP XML document as a string). */
export interface PnpProfile {
  textScale?: number; lineSpacing?: number; letterSpacing?: number;
  theme?: 'default' | 'blackOnWhite' | 'whiteOnBlack' | 'yellowOnBlue';
  reducedMotion?: boolean; glossary?: boolean; keywordTranslation?: string; spoken?: boolean;
  answerMasking?: boolean; lineReader?: boolean; signLanguage?: string; braille?: boolean;
  /** AfA features the profile prohibits, e.g. 'calculator-on-screen'. */
  prohibited?: string[];
  /** Further catalog supports by their QTI 3 names, e.g. 'linguistic-guidance':
   * content hidden by access rules behind a card for one of them is shown. */
  supports?: string[];
  /** Additional testing time: every maxTime of a test stretches. */
  extraTime?: { multiplier: number } | { fixedMinutes: number } | 'unlimited';
}
/** The assessmentResult's context: the candidate and the delivery's session identifiers. */
export interface ResultContextOptions {
  sourcedId?: string;
  sessionIdentifiers?: { sourceId: string; identifier: string }[];
}
/** Caliper 1.2 sensor settings (IRIs); events are POSTed to each endpoint in envelopes. */
export interface CaliperOptions {
  sensor: string; actor: string; edApp: string; assessment: string;
  endpoints?: { url: string; token?: string }[];
  /** The course section (or offering, group, organization) of the delivery. */
  group?: string | { id: string; type?: 'CourseSection' | 'CourseOffering' | 'Group' | 'Organization';
    name?: string; courseNumber?: string; academicSession?: string };
  /** The actor's membership of the group (roles default to ['Learner']). */
  membership?: string | { id: string; roles?: string[]; status?: string };
  /** The actor's session with the edApp. */
  session?: string | { id: string };
}
export interface MountOptions {
  /** The item's XML (QTI 2.x or 3.0). */
  xml: string;
  seed?: number;
  /** The item's URL: relative images and stylesheets resolve against it. */
  baseUrl?: string;
  validateResponses?: boolean;
  /** Prefix of the DOM ids the player creates (unique per player on a page). */
  idPrefix?: string;
  /** A state saved from getState() or a stateChanged event. */
  state?: object | string;
  pnp?: PnpProfile | string;
  caliper?: CaliperOptions;
  /** 'external': the item is a delivery form (qti deliver) and the server scores; see showOutcomes. */
  scoring?: 'local' | 'external';
  /** The language of the player's own buttons, hints and announcements: 'en' (default), 'es', 'fr' (regions such as 'es-MX' accepted). */
  locale?: string;
  /** PCI module resolver: module id → URL of its code (else the module's path next to the item). */
  pciModules?: { [moduleId: string]: string };
  onEvent?: QtiEventListener;
}
interface MountTestCommon {
  seed?: number;
  idPrefix?: string;
  state?: object | string;
  pnp?: PnpProfile | string;
  caliper?: CaliperOptions;
  locale?: string;
  onEvent?: QtiEventListener;
}
/** A zipped content package, with `test` naming its test resource (the
 * first one if absent), or a compact test's XML (items inside its item references). */
export type MountTestOptions = MountTestCommon & (
  { package: Uint8Array | ArrayBuffer; test?: string } | { xml: string }
);
"#;

/// A map built by inserting: `collect()` into a BTreeMap would compile a
/// stable sort of its own for every iterator type (about 3 KB of wasm each).
pub(crate) fn map_of(pairs: impl IntoIterator<Item = (String, Value)>) -> BTreeMap<String, Value> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// Remember what a player event changes and build its detail for the host.
fn record_player_event(s: &mut Shared, e: PlayerEvent) -> (&'static str, JsValue) {
    let detail = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&detail, &JsValue::from_str(k), v);
    };
    let kind = match e {
        PlayerEvent::Ready => "ready",
        PlayerEvent::ResponseChanged(id, v) => {
            set("identifier", &JsValue::from_str(&id));
            set("value", &value_to_js(&v));
            s.responses.insert(id, v);
            "responseChanged"
        }
        PlayerEvent::AttemptSubmitted { attempt } => {
            set("attempt", &JsValue::from_f64(attempt as f64));
            "attemptSubmitted"
        }
        PlayerEvent::OutcomesChanged(values) => {
            s.outcomes = map_of(values);
            return ("outcomesChanged", object_of(&s.outcomes));
        }
        PlayerEvent::StateChanged(json) => {
            set(
                "state",
                &js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL),
            );
            s.state = Some(json);
            "stateChanged"
        }
    };
    (kind, detail.into())
}

/// Secure mode takes an item without its answer key (`qti deliver`).
#[inline(never)]
fn refuse_answer_key(item: &qti_engine::model::AssessmentItem) -> Result<(), JsError> {
    let leaks = qti_engine::delivery::key_revealed_by(item);
    if leaks.is_empty() {
        return Ok(());
    }
    Err(JsError::new(&format!(
        "mount: scoring 'external' takes the item's delivery form (qti deliver), \
         but this item holds {}",
        leaks.join(", ")
    )))
}

/// Renders the item of `options.xml` into `element`.
#[wasm_bindgen]
pub fn mount(
    element: web_sys::Element,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) -> Result<QtiPlayer, JsError> {
    let listener = option(&options, "onEvent").and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let xml = option(&options, "xml")
        .and_then(|x| x.as_string())
        .ok_or_else(|| JsError::new("mount: options.xml (the item's XML text) is required"))?;
    // Read once here for the declarations: errors reach the host directly.
    let item = std::sync::Arc::new(
        read_item(xml.as_bytes())
            .map_err(|e| JsError::new(&e.to_string()))?
            .item,
    );
    let shared = Rc::new(RefCell::new(Shared {
        listener,
        ..Shared::default()
    }));
    let sensor = option(&options, "caliper")
        .map(|c| caliper_config(&c, shared.clone()))
        .transpose()?
        .map(|config| Rc::new(RefCell::new(CaliperDelivery::new(config, &item))));
    let external_scoring = scoring_option(&options)?;
    if external_scoring {
        refuse_answer_key(&item)?;
    }
    let sink = shared.clone();
    let on_event = Callback::from(move |e: PlayerEvent| {
        if let Some(sensor) = &sensor {
            sensor.borrow_mut().on_player_event(&e);
        }
        let (kind, detail) = record_player_event(&mut sink.borrow_mut(), e);
        notify(&sink, kind, &detail);
    });
    let text = |key: &str, default: &str| {
        option(&options, key)
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| default.to_string())
    };
    let props = ItemPlayerProps {
        xml: AttrValue::from(xml),
        item: Some(qti_player::SharedItem(item.clone())),
        seed: option(&options, "seed")
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as u64,
        on_event,
        base_url: AttrValue::from(text("baseUrl", "")),
        validate_responses: option(&options, "validateResponses")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        id_prefix: AttrValue::from(text("idPrefix", "qti")),
        files: None,
        stimuli: None,
        // A saved session: a JSON string or the object getState() returned.
        state: option(&options, "state")
            .and_then(|v| state_text(&v))
            .map(AttrValue::from),
        show_solution: false,
        pnp: pnp_option(&options)?,
        external_scoring,
        locale: locale_option(&options)?,
        pci_modules: pci_modules_option(&options)?,
        view: AttrValue::Static("candidate"),
    };
    let app =
        yew::Renderer::<ItemPlayer>::with_root_and_props(element.clone(), props.clone()).render();
    Ok(QtiPlayer {
        app: Some(app),
        shared,
        declarations: item.declarations.clone(),
        item,
        element,
        props,
    })
}

/// Bytes of WebAssembly memory the player holds now, for hosts that watch
/// memory (it grows in pages and never shrinks; a steady figure across
/// mounts and destroys means destroyed players left nothing behind).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length() as f64
        })
        .unwrap_or(0.0)
}

/// Fetch an item from `url`, then mount it as [`mount`] does (relative
/// images resolve against `url`). Resolves to the player; rejects with a
/// clear message when the item cannot be fetched or read.
#[wasm_bindgen(js_name = mountUrl)]
pub async fn mount_url(
    element: web_sys::Element,
    url: String,
    #[wasm_bindgen(unchecked_param_type = "Omit<MountOptions, 'xml'> | undefined")]
    options: JsValue,
) -> Result<QtiPlayer, JsError> {
    let fail = |why: String| JsError::new(&format!("mountUrl: {url}: {why}"));
    let window = web_sys::window().ok_or_else(|| fail("no window".into()))?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|e| fail(format!("{e:?}")))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| fail("not a response".into()))?;
    if !response.ok() {
        return Err(fail(format!("HTTP {}", response.status())));
    }
    let text = response.text().map_err(|e| fail(format!("{e:?}")))?;
    let xml = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|e| fail(format!("{e:?}")))?
        .as_string()
        .unwrap_or_default();
    let options = if options.is_object() {
        options
    } else {
        Object::new().into()
    };
    let _ = Reflect::set(&options, &"xml".into(), &xml.into());
    if option(&options, "baseUrl").is_none() {
        let _ = Reflect::set(&options, &"baseUrl".into(), &url.clone().into());
    }
    mount(element, options)
}

/// `options.pnp`: the candidate's personal needs and preferences: an
/// object, its JSON, or a QTI 3 AfA PNP XML document.
pub(crate) fn pnp_option(options: &JsValue) -> Result<Option<Rc<qti_player::pnp::Pnp>>, JsError> {
    option(options, "pnp").map(|v| pnp(&v)).transpose()
}

#[inline(never)]
fn pnp(v: &JsValue) -> Result<Rc<qti_player::pnp::Pnp>, JsError> {
    let text = state_text(v).unwrap_or_default();
    qti_player::pnp::Pnp::parse(&text)
        .map(Rc::new)
        .map_err(|e| JsError::new(&format!("mount: {e}")))
}

/// `options.locale`: the language of the player's own words (`en`, `es`,
/// `fr`; a region such as `es-MX` is fine).
pub(crate) fn locale_option(options: &JsValue) -> Result<qti_player::i18n::Locale, JsError> {
    match option(options, "locale").and_then(|v| v.as_string()) {
        None => Ok(qti_player::i18n::Locale::default()),
        Some(tag) => {
            qti_player::i18n::Locale::parse(&tag).map_err(|e| JsError::new(&format!("mount: {e}")))
        }
    }
}

/// `options.pciModules`: the host's PCI module resolver, an object of
/// module id → URL of the module's code.
fn pci_modules_option(options: &JsValue) -> Result<Option<Rc<BTreeMap<String, String>>>, JsError> {
    option(options, "pciModules")
        .map(|m| pci_modules(&m))
        .transpose()
}

#[inline(never)]
fn pci_modules(map: &JsValue) -> Result<Rc<BTreeMap<String, String>>, JsError> {
    let mut out = BTreeMap::new();
    for key in js_sys::Object::keys(map.unchecked_ref::<js_sys::Object>()).iter() {
        let id = key.as_string().unwrap_or_default();
        let url = Reflect::get(map, &key)
            .ok()
            .and_then(|u| u.as_string())
            .ok_or_else(|| JsError::new(&format!("mount: pciModules['{id}'] is not a URL")))?;
        out.insert(id, url);
    }
    Ok(Rc::new(out))
}

/// `options.scoring`: `'local'` (the default: the browser scores) or
/// `'external'` (secure mode: the platform scores on its server).
fn scoring_option(options: &JsValue) -> Result<bool, JsError> {
    match option(options, "scoring")
        .and_then(|v| v.as_string())
        .as_deref()
    {
        None | Some("local") => Ok(false),
        Some("external") => Ok(true),
        Some(other) => Err(JsError::new(&format!(
            "mount: unknown scoring '{other}' (local or external)"
        ))),
    }
}

/// A saved state given as a JSON string or as the object itself.
#[inline(never)]
fn state_text(v: &JsValue) -> Option<String> {
    if v.is_null() || v.is_undefined() {
        return None;
    }
    v.as_string()
        .or_else(|| js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()))
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
    pub fn set_response(
        &self,
        identifier: &str,
        #[wasm_bindgen(unchecked_param_type = "QtiValue")] value: JsValue,
    ) -> Result<(), JsError> {
        let decl = self
            .declarations
            .iter()
            .find(|d| d.identifier == identifier && d.response().is_some())
            .ok_or_else(|| {
                JsError::new(&format!("'{identifier}' is not a response of this item"))
            })?;
        let value = js_to_value(&value, decl)?;
        if let Some(app) = &self.app {
            app.send_message(Msg::SetResponse(identifier.to_string(), value));
        }
        Ok(())
    }

    /// The responses the candidate gave so far, identifier → JSON value.
    #[wasm_bindgen(js_name = getResponses, unchecked_return_type = "QtiValues")]
    pub fn get_responses(&self) -> JsValue {
        object_of(&self.shared.borrow().responses)
    }

    /// The outcomes after the last submission, identifier → JSON value.
    #[wasm_bindgen(js_name = getOutcomes, unchecked_return_type = "QtiValues")]
    pub fn get_outcomes(&self) -> JsValue {
        object_of(&self.shared.borrow().outcomes)
    }

    /// Sets several responses: an object of identifier → JSON value.
    #[wasm_bindgen(js_name = setResponses)]
    pub fn set_responses(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QtiValues")] responses: JsValue,
    ) -> Result<(), JsError> {
        let object: &js_sys::Object = responses.unchecked_ref();
        let keys = js_sys::Object::keys(object);
        for key in keys.iter() {
            let id = key.as_string().unwrap_or_default();
            let value = Reflect::get(&responses, &key).unwrap_or(JsValue::NULL);
            self.set_response(&id, value)?;
        }
        Ok(())
    }

    /// The session as a JSON object (responses, attempts, outcomes,
    /// template values, shuffles), to store and give back to
    /// `restoreState` or `mount({state})`. `null` before any change.
    #[wasm_bindgen(js_name = getState)]
    pub fn get_state(&self) -> JsValue {
        match &self.shared.borrow().state {
            Some(json) => js_sys::JSON::parse(json).unwrap_or(JsValue::NULL),
            None => JsValue::NULL,
        }
    }

    /// Resume a saved session in place of the current one.
    #[wasm_bindgen(js_name = restoreState)]
    pub fn restore_state(&mut self, state: JsValue) -> Result<(), JsError> {
        let json =
            state_text(&state).ok_or_else(|| JsError::new("restoreState: no state given"))?;
        // Refuse a state of another item before touching the player.
        let parsed: qti_engine::SessionState =
            serde_json::from_str(&json).map_err(|e| JsError::new(&format!("restoreState: {e}")))?;
        let session = qti_engine::ItemSession::restore(self.item.clone(), parsed)
            .map_err(|e| JsError::new(&format!("restoreState: {e}")))?;
        {
            let mut s = self.shared.borrow_mut();
            s.state = Some(json.clone());
            let responses = session
                .declarations()
                .iter()
                // Candidate responses only, not the built-in numAttempts and duration.
                .filter(|d| {
                    d.response().is_some()
                        && !matches!(d.identifier.as_str(), "numAttempts" | "duration")
                })
                .map(|d| (d.identifier.clone(), session.value(&d.identifier).clone()));
            s.responses = map_of(responses);
            s.outcomes = map_of(session.outcomes().map(|(k, v)| (k.to_string(), v.clone())));
        }
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let mut props = self.props.clone();
        props.state = Some(AttrValue::from(json));
        self.app = Some(
            yew::Renderer::<ItemPlayer>::with_root_and_props(self.element.clone(), props).render(),
        );
        Ok(())
    }

    /// The QTI Results Reporting `assessmentResult` of the session, as XML
    /// text: `format` is `qti30` (default) or `qti22`.
    #[wasm_bindgen(js_name = getResult)]
    pub fn get_result(
        &self,
        format: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ResultContextOptions")] context: Option<
            js_sys::Object,
        >,
    ) -> Result<String, JsError> {
        use qti_engine::results::{AssessmentResult, ItemResult, format_datestamp, write_results};
        let version = result_version(format.as_deref())?;
        let session = match &self.shared.borrow().state {
            Some(json) => {
                let state = serde_json::from_str(json).map_err(|e| JsError::new(&e.to_string()))?;
                qti_engine::ItemSession::restore(self.item.clone(), state)
                    .map_err(|e| JsError::new(&e.to_string()))?
            }
            None => qti_engine::ItemSession::new(self.item.clone(), self.props.seed),
        };
        let now = format_datestamp(js_sys::Date::now() as i64);
        let result = AssessmentResult {
            item_results: vec![ItemResult::from_session(&session, &now, Some(1))],
            context: result_context(context.as_ref()),
            ..Default::default()
        };
        Ok(write_results(&result, version))
    }

    /// Secure scoring: show the outcomes the platform's server computed
    /// (an object of identifier → JSON value, as `getOutcomes` gives) and,
    /// optionally, its feedback as an array of plain-text messages.
    #[wasm_bindgen(js_name = showOutcomes)]
    pub fn show_outcomes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QtiValues")] outcomes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[] | undefined")] feedback: JsValue,
    ) -> Result<(), JsError> {
        let object: &js_sys::Object = outcomes.unchecked_ref();
        // `qti score` reports the built-in completionStatus too.
        let builtins = qti_engine::session::builtin_declarations();
        let mut values = Vec::new();
        for key in js_sys::Object::keys(object).iter() {
            let id = key.as_string().unwrap_or_default();
            let decl = self
                .declarations
                .iter()
                .chain(builtins)
                .find(|d| d.identifier == id && d.outcome().is_some())
                .ok_or_else(|| {
                    JsError::new(&format!(
                        "showOutcomes: '{id}' is not an outcome of this item"
                    ))
                })?;
            let value = Reflect::get(&outcomes, &key).unwrap_or(JsValue::NULL);
            values.push((id, js_to_value(&value, decl)?));
        }
        let messages = if feedback.is_null() || feedback.is_undefined() {
            Vec::new()
        } else {
            js_sys::Array::from(&feedback)
                .iter()
                .map(|m| {
                    m.as_string()
                        .ok_or_else(|| JsError::new("showOutcomes: feedback messages are strings"))
                })
                .collect::<Result<_, _>>()?
        };
        if let Some(app) = &self.app {
            app.send_message(Msg::ShowOutcomes(values, messages));
        }
        Ok(())
    }

    /// Removes the player from the page.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.shared.borrow_mut().listener = None;
    }
}
