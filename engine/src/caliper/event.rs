//! Caliper 1.2 events a QTI delivery emits: AssessmentEvent,
//! AssessmentItemEvent, GradeEvent, NavigationEvent, ViewEvent and
//! SessionEvent.

use serde::{Deserialize, Serialize};

use super::CONTEXT;
use super::entity::{Agent, Entity, Extensions, Membership, Organization, Ref, Session};

/// Event `type` values this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    Event,
    AssessmentEvent,
    AssessmentItemEvent,
    GradeEvent,
    NavigationEvent,
    ViewEvent,
    SessionEvent,
}

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

/// Actions of the events this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
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
}

impl EventType {
    /// The actions Caliper 1.2 allows for this event type (`Event` takes any).
    pub fn actions(self) -> &'static [Action] {
        use Action::*;
        match self {
            EventType::Event => &[],
            EventType::AssessmentEvent => &[Started, Paused, Resumed, Restarted, Reset, Submitted],
            EventType::AssessmentItemEvent => &[Started, Skipped, Completed],
            EventType::GradeEvent => &[Graded],
            EventType::NavigationEvent => &[NavigatedTo],
            EventType::ViewEvent => &[Viewed],
            EventType::SessionEvent => &[LoggedIn, LoggedOut, TimedOut],
        }
    }
}

/// One Caliper event. Optional properties are omitted when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "@context")]
    pub context: String,
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
            context: CONTEXT.to_string(),
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

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("events serialize")
    }
}
