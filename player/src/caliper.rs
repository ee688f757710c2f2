//! The player's Caliper 1.2 sensor: the engine builds the events
//! (`qti_engine::caliper`); this module delivers them. Every event is
//! handed to the host's callback (a platform may relay events through its
//! own server instead of exposing a token in the browser) and, for each
//! configured endpoint, queued and POSTed in envelopes
//! (`Content-Type: application/json`, `Authorization: Bearer`).
//!
//! Each sensor and endpoint has one queue per page, kept in `localStorage`,
//! so a reload or an outage loses nothing. Network errors and 5xx answers are retried
//! with exponential backoff (1 s doubling to 60 s), as are 408 and 429; any
//! other 4xx answer is reported to the host and its batch dropped (retrying
//! cannot help). Envelopes carry at most 100 events.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use qti_engine::caliper::{
    AssessmentSensorState, Envelope, Event, RngIds, SensorContext, SensorProgress,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub url: String,
    pub token: Option<String>,
}

/// What the host configures.
#[derive(Clone)]
pub struct CaliperConfig {
    /// The sensor's IRI (the envelope's `sensor`).
    pub sensor_id: String,
    pub context: SensorContext,
    pub endpoints: Vec<Endpoint>,
    /// Every event, as JSON-LD text.
    pub on_event: Callback<String>,
    /// Problems that will not be retried (4xx answers, storage errors).
    pub on_error: Callback<String>,
}

impl PartialEq for CaliperConfig {
    fn eq(&self, other: &Self) -> bool {
        self.sensor_id == other.sensor_id && self.endpoints == other.endpoints
    }
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// One endpoint's queue of event JSON, persisted under its URL.
struct Outbox {
    endpoint: Endpoint,
    sensor_id: String,
    queue: Vec<serde_json::Value>,
    sending: bool,
    backoff_ms: u32,
    timer: Option<Timeout>,
    on_error: Callback<String>,
}

thread_local! {
    /// The page's outboxes, one per sensor and endpoint, for the page's
    /// lifetime: players sharing a sensor and an endpoint share its queue,
    /// so none overwrites the queue another keeps in localStorage, and no
    /// event is sent twice.
    static OUTBOXES: RefCell<Vec<Rc<RefCell<Outbox>>>> = const { RefCell::new(Vec::new()) };
}

/// The page's outbox for this sensor and endpoint; a new one first sends
/// what an earlier page could not deliver.
fn outbox_for(
    sensor_id: &str,
    endpoint: &Endpoint,
    on_error: &Callback<String>,
) -> Rc<RefCell<Outbox>> {
    let existing = OUTBOXES.with(|all| {
        all.borrow()
            .iter()
            .find(|o| {
                let o = o.borrow();
                o.sensor_id == sensor_id && o.endpoint.url == endpoint.url
            })
            .cloned()
    });
    if let Some(o) = existing {
        {
            // The latest player's token and error listener are current.
            let mut o = o.borrow_mut();
            o.endpoint = endpoint.clone();
            o.on_error = on_error.clone();
        }
        return o;
    }
    let mut o = Outbox {
        endpoint: endpoint.clone(),
        sensor_id: sensor_id.to_string(),
        queue: Vec::new(),
        sending: false,
        backoff_ms: 0,
        timer: None,
        on_error: on_error.clone(),
    };
    o.queue = LocalStorage::get(o.key()).unwrap_or_default();
    let o = Rc::new(RefCell::new(o));
    OUTBOXES.with(|all| all.borrow_mut().push(o.clone()));
    flush(o.clone());
    o
}

/// A seed for event ids from the browser's cryptographic generator (ids
/// must not be guessable or repeat across pages); `Math.random` only if
/// the page has no `crypto`.
fn random_seed() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if filled {
        u64::from_le_bytes(bytes)
    } else {
        (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
    }
}

impl Outbox {
    fn key(&self) -> String {
        format!("qti-caliper-queue:{}:{}", self.sensor_id, self.endpoint.url)
    }

    fn persist(&self) {
        if let Err(e) = LocalStorage::set(self.key(), &self.queue) {
            self.on_error.emit(format!("Caliper queue not saved: {e}"));
        }
    }
}

/// Sends what is queued, then schedules a retry if it has to.
fn flush(outbox: Rc<RefCell<Outbox>>) {
    let (request, count) = {
        let mut o = outbox.borrow_mut();
        if o.sending || o.queue.is_empty() {
            return;
        }
        o.sending = true;
        o.timer = None;
        // A long outage can leave many events queued: they go in envelopes
        // of at most BATCH, one after the other.
        let count = o.queue.len().min(BATCH);
        let envelope = Envelope {
            data: o.queue[..count].to_vec(),
            ..Envelope::new(o.sensor_id.clone(), now(), &[])
        };
        ((o.endpoint.clone(), envelope.to_json_string()), count)
    };
    wasm_bindgen_futures::spawn_local(async move {
        let status = post(&request.0, request.1).await;
        let retry = {
            let mut o = outbox.borrow_mut();
            o.sending = false;
            match status {
                Some(s) if (200..300).contains(&s) || is_final_refusal(s) => {
                    if s >= 400 {
                        o.on_error.emit(format!(
                            "Caliper endpoint {} refused {count} event(s) with HTTP {s}; they are dropped",
                            o.endpoint.url
                        ));
                    }
                    o.queue.drain(..count);
                    o.backoff_ms = 0;
                    o.persist();
                    !o.queue.is_empty()
                }
                _ => {
                    o.backoff_ms = (o.backoff_ms * 2).clamp(1000, 60_000);
                    let wait = o.backoff_ms;
                    let again = outbox.clone();
                    o.timer = Some(Timeout::new(wait, move || flush(again)));
                    false
                }
            }
        };
        if retry {
            flush(outbox);
        }
    });
}

/// Events per envelope at most.
const BATCH: usize = 100;

/// A 4xx answer other than 408 (Request Timeout) and 429 (Too Many
/// Requests), which say "later", not "never": retrying cannot help.
fn is_final_refusal(status: u16) -> bool {
    (400..500).contains(&status) && status != 408 && status != 429
}

/// POSTs `body`; the HTTP status, or `None` on a network error.
async fn post(endpoint: &Endpoint, body: String) -> Option<u16> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Content-Type", "application/json").ok()?;
    if let Some(token) = &endpoint.token {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .ok()?;
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(&endpoint.url, &init).ok()?;
    let response = JsFuture::from(web_sys::window()?.fetch_with_request(&request))
        .await
        .ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    Some(response.status())
}

/// The sensor of one player: engine state plus delivery.
pub struct Sensor {
    pub state: AssessmentSensorState,
    config: Rc<CaliperConfig>,
    outboxes: Vec<Rc<RefCell<Outbox>>>,
    /// Where the state is kept between pages (a test delivery survives a
    /// reload with its attempt); `None` for a sensor that starts afresh.
    state_key: Option<String>,
}

impl Sensor {
    pub fn new(config: Rc<CaliperConfig>) -> Self {
        let outboxes = config
            .endpoints
            .iter()
            .map(|e| outbox_for(&config.sensor_id, e, &config.on_error))
            .collect();
        Sensor {
            // Event ids need fresh randomness per page, not a fixed seed.
            state: AssessmentSensorState::new(config.context.clone(), RngIds::new(random_seed())),
            config,
            outboxes,
            state_key: None,
        }
    }

    /// A sensor whose state is kept in localStorage, per sensor, actor and
    /// assessment: a reloaded page goes on with the same attempt and counts.
    pub fn resumable(config: Rc<CaliperConfig>) -> Self {
        let key = format!(
            "qti-caliper-state:{}:{}:{}",
            config.sensor_id, config.context.actor.id, config.context.assessment.id
        );
        let mut sensor = Sensor::new(config);
        // Only the progress is kept: the host gives the context again, and
        // ids come from this page's randomness.
        if let Ok(progress) = LocalStorage::get::<SensorProgress>(&key) {
            sensor.state = AssessmentSensorState::resume(
                sensor.state.context.clone(),
                RngIds::new(random_seed()),
                progress,
            );
        }
        sensor.state_key = Some(key);
        sensor
    }

    /// Keep the state for the next page, when this sensor is resumable.
    pub fn save(&self) {
        if let Some(key) = &self.state_key
            && let Err(e) = LocalStorage::set(key, self.state.progress())
        {
            self.config
                .on_error
                .emit(format!("Caliper sensor state not saved: {e}"));
        }
    }

    /// Hands an event to the host and queues it for every endpoint.
    pub fn record(&mut self, event: Event) {
        self.save();
        let json = event.to_json();
        self.config.on_event.emit(json.to_string());
        for o in &self.outboxes {
            {
                let mut o = o.borrow_mut();
                o.queue.push(json.clone());
                o.persist();
            }
            flush(o.clone());
        }
    }

    pub fn now() -> i64 {
        now()
    }
}
