//! The Caliper envelope a sensor POSTs to an endpoint: exactly `sensor`,
//! `sendTime`, `dataVersion` and `data`.
//!
//! A sensor queues and sends its data as JSON (`Envelope`, the default);
//! an envelope read back can be typed item by item (`Envelope<Data>`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::CONTEXT;
use super::entity::Entity;
use super::event::{Event, EventType};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<D = Value> {
    /// The sensor's IRI.
    pub sensor: String,
    /// ISO 8601 UTC with milliseconds.
    pub send_time: String,
    /// `http://purl.imsglobal.org/ctx/caliper/v1p2`.
    pub data_version: String,
    /// Events and/or entities.
    pub data: Vec<D>,
}

impl Envelope {
    /// An envelope of `events`, sent at `send_time_millis` (Unix ms).
    pub fn new(sensor: impl Into<String>, send_time_millis: i64, events: &[Event]) -> Self {
        Envelope {
            sensor: sensor.into(),
            send_time: crate::results::format_datestamp(send_time_millis),
            data_version: CONTEXT.to_string(),
            data: events.iter().map(Event::to_json).collect(),
        }
    }
}

impl<D: Serialize> Envelope<D> {
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("envelopes serialize")
    }
}

/// One item of an envelope's `data`: an event or an entity document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Data {
    Event(Box<Event>),
    Entity(Box<EntityDocument>),
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Events and entities share no `type`, so it tells them apart.
        let v = Value::deserialize(d)?;
        let is_event = v
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| EventType::parse(t).is_some());
        let r = if is_event {
            serde_json::from_value(v).map(Data::Event)
        } else {
            serde_json::from_value(v).map(Data::Entity)
        };
        r.map_err(D::Error::custom)
    }
}

/// An entity sent on its own, with its JSON-LD `@context`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityDocument {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(flatten)]
    pub entity: Entity,
}
