//! IMS Caliper Analytics 1.2 sensor support: entities and events of the
//! Assessment, Grading, Reading/Navigation and Session profiles, the
//! envelope, an Assessment Profile state machine and a validator.
//! Events and envelopes of the other profiles read into the same types
//! (unmodeled entity types as [`Entity::Other`]) and write back unchanged.
//!
//! The engine has no clock and no OS randomness: hosts pass times as Unix
//! milliseconds and seed the id generator ([`RngIds`]) from a
//! cryptographic source (`crypto.getRandomValues` in the browser).
//!
//! Driving a delivery:
//! ```
//! use qti_engine::caliper::*;
//! let ctx = SensorContext::new(
//!     Agent::person("https://example.edu/users/554433"),
//!     Agent::software_application("https://example.edu", None, Some("v2".into())),
//!     Resource::assessment("https://example.edu/assess/1", Some("Quiz One".into())),
//! );
//! let mut sensor = AssessmentSensorState::new(ctx, RngIds::new(0x5eed));
//! let t0 = 1_479_204_900_000;
//! let started = sensor.started(t0).unwrap();
//! let item = sensor.item_entity("q1", Some("Question 1"));
//! let item_started = sensor.item_started(&item, "q1", t0 + 1_000).unwrap();
//! let answer = qti_engine::Value::identifier("A");
//! let completed = sensor
//!     .item_completed(&item, "q1", ResponseKind::for_value(&answer), &answer, t0 + 9_000)
//!     .unwrap();
//! let submitted = sensor.submitted(t0 + 10_000).unwrap();
//! let graded = sensor.graded(None, Some(1.0), Some(1.0), t0 + 10_001).unwrap();
//! let envelope = Envelope::new(
//!     "https://example.edu/sensors/1",
//!     t0 + 11_000,
//!     &[started, item_started, completed, submitted, graded],
//! );
//! assert!(validate_envelope(&serde_json::to_value(&envelope).unwrap()).is_ok());
//! ```

pub mod entity;
pub mod envelope;
pub mod event;
pub mod id;
pub mod sensor;
pub mod test_delivery;
pub mod validate;
mod vocab;

pub use entity::{
    Agent, Attempt, Entity, EntityType, HasId, LearningObjective, Membership, Organization,
    OtherEntity, Ref, Resource, Response, ResponseKind, Score, Session, reported_response,
};
pub use envelope::{Data, EntityDocument, Envelope};
pub use event::{Action, Event, EventType, Profile};
pub use id::{IdSource, RngIds, is_uuid_v4_urn, uuid_v4};
pub use sensor::{AssessmentSensorState, SensorContext, SensorError, SensorProgress};
pub use validate::{
    ValidationError, validate_document, validate_entity, validate_envelope, validate_event,
    validate_json,
};

/// The Caliper 1.2 JSON-LD context, also the envelope `dataVersion`.
pub const CONTEXT: &str = "http://purl.imsglobal.org/ctx/caliper/v1p2";
