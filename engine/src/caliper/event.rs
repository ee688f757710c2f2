//! Caliper 1.2 events a QTI delivery emits: AssessmentEvent,
//! AssessmentItemEvent, GradeEvent, NavigationEvent, ViewEvent and
//! SessionEvent. Events of the other profiles deserialize too (their types
//! and actions as `Other`, their unmodeled entities as `Entity::Other`),
//! so a received event serializes back as it came.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::CONTEXT;
use super::entity::{Agent, Entity, Extensions, Membership, Organization, Ref, Session};
use super::vocab::vocabulary;

vocabulary!(
    /// Event `type`s: those this module writes, and `Other` for the rest
    /// of Caliper 1.2 (AnnotationEvent, MediaEvent, ToolUseEvent, ...).
    EventType,
    what = "event type",
    lookup = super::validate::event_type_term,
    [
        Event,
        AssessmentEvent,
        AssessmentItemEvent,
        GradeEvent,
        NavigationEvent,
        ViewEvent,
        SessionEvent,
    ]
);

/// Caliper 1.2 metric profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Profile {
    AnnotationProfile,
    AssessmentProfile,
    AssignableProfile,
    FeedbackProfile,
    ForumProfile,
    GeneralProfile,
    GradingProfile,
    MediaProfile,
    ReadingProfile,
    ResourceManagementProfile,
    SearchProfile,
    SessionProfile,
    SurveyProfile,
    ToolLaunchProfile,
    ToolUseProfile,
}

vocabulary!(
    /// Actions: those of the events this module writes, and `Other` for
    /// the rest of Caliper 1.2.
    Action,
    what = "action",
    lookup = super::validate::action_term,
    [
        Started,
        Paused,
        Resumed,
        Restarted,
        Reset,
        Submitted,
        Skipped,
        Completed,
        Graded,
        NavigatedTo,
        Viewed,
        LoggedIn,
        LoggedOut,
        TimedOut,
    ]
);

impl EventType {
    /// Whether Caliper 1.2 allows `action` on this event type (a generic
    /// `Event` takes any action).
    pub fn allows(self, action: Action) -> bool {
        super::validate::event_allows(self.as_str(), action.as_str())
    }
}

/// One Caliper event. Optional properties are omitted when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// The v1p2 context IRI, or (JSON-LD) an array that adds local term
    /// definitions to it; kept as written.
    #[serde(rename = "@context")]
    pub context: Value,
    /// `urn:uuid:` + a version 4 UUID.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    pub actor: Ref<Agent>,
    pub action: Action,
    pub object: Ref<Entity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Ref<Entity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Ref<Entity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<Ref<Entity>>,
    /// ISO 8601 UTC with milliseconds.
    pub event_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ed_app: Option<Ref<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Ref<Organization>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<Ref<Membership>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Ref<Session>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federated_session: Option<Ref<Session>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Event {
    /// A bare event; fill in the optional properties afterwards.
    pub fn new(
        id: String,
        kind: EventType,
        profile: Option<Profile>,
        actor: Ref<Agent>,
        action: Action,
        object: Ref<Entity>,
        event_time_millis: i64,
    ) -> Self {
        Event {
            context: Value::String(CONTEXT.to_string()),
            id,
            kind,
            profile,
            actor,
            action,
            object,
            generated: None,
            target: None,
            referrer: None,
            event_time: crate::results::format_datestamp(event_time_millis),
            ed_app: None,
            group: None,
            membership: None,
            session: None,
            federated_session: None,
            extensions: None,
        }
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).expect("events serialize")
    }
}
