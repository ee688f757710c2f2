//! The Caliper envelope a sensor POSTs to an endpoint: exactly `sensor`,
//! `sendTime`, `dataVersion` and `data`.

use serde::{Deserialize, Serialize};

use super::CONTEXT;
use super::event::Event;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// The sensor's IRI.
    pub sensor: String,
    /// ISO 8601 UTC with milliseconds.
    pub send_time: String,
    /// `http://purl.imsglobal.org/ctx/caliper/v1p2`.
    pub data_version: String,
    /// Events and/or entities.
    pub data: Vec<serde_json::Value>,
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

    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("envelopes serialize")
    }
}
