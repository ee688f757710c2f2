//! A validator for Caliper 1.2 documents (events, entities, envelopes) as
//! a validating endpoint would apply it: known event types with their
//! actions and the entity types their `object`, `generated`, `target`,
//! `referrer` may take; known profiles; known entity types and, per type,
//! the properties it may carry with their value types (strings, IRIs,
//! ISO 8601 UTC date-times with milliseconds, ISO 8601 durations,
//! non-negative integers, floats, booleans, entity references of a given
//! type, lists, vocabularies); `id`s that are IRIs (events: UUID URNs);
//! no `null` values; `extensions` objects; the v1p2 `@context`.
//!
//! Unknown properties are rejected: Caliper puts extra terms in
//! `extensions` (or declares them in a local `@context`, which this
//! validator accepts as a term definition).

use std::fmt;

use serde_json::{Map, Value};

use super::CONTEXT;

/// One problem, at a JSON pointer-like path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            if self.path.is_empty() {
                "/"
            } else {
                &self.path
            },
            self.message
        )
    }
}

type Errors = Vec<ValidationError>;

/// Value kinds of properties.
#[derive(Clone, Copy)]
enum K {
    Str,
    Iri,
    DateTime,
    Duration,
    Int,
    Float,
    Bool,
    Obj,
    Enum(&'static [&'static str]),
    /// An IRI or an entity of one of these types (or their subtypes).
    Ent(&'static [&'static str]),
    List(&'static K),
}

// --- the type hierarchy -------------------------------------------------

const ENTITY_PARENTS: &[(&str, &str)] = &[
    ("Agent", "Entity"),
    ("Person", "Agent"),
    ("SoftwareApplication", "Agent"),
    ("Organization", "Agent"),
    ("CourseOffering", "Organization"),
    ("CourseSection", "CourseOffering"),
    ("Group", "Organization"),
    ("Membership", "Entity"),
    ("Session", "Entity"),
    ("LtiSession", "Session"),
    ("LearningObjective", "Entity"),
    ("DigitalResource", "Entity"),
    ("AssignableDigitalResource", "DigitalResource"),
    ("Assessment", "AssignableDigitalResource"),
    ("AssessmentItem", "AssignableDigitalResource"),
    ("DigitalResourceCollection", "DigitalResource"),
    ("Forum", "DigitalResourceCollection"),
    ("Thread", "DigitalResourceCollection"),
    ("Message", "DigitalResource"),
    ("Document", "DigitalResource"),
    ("Chapter", "DigitalResource"),
    ("Page", "DigitalResource"),
    ("WebPage", "DigitalResource"),
    ("Frame", "DigitalResource"),
    ("MediaObject", "DigitalResource"),
    ("AudioObject", "MediaObject"),
    ("ImageObject", "MediaObject"),
    ("VideoObject", "MediaObject"),
    ("MediaLocation", "DigitalResource"),
    ("Link", "Entity"),
    ("LtiLink", "Link"),
    ("Collection", "Entity"),
    ("AggregateMeasureCollection", "Collection"),
    ("Questionnaire", "Collection"),
    ("Survey", "Collection"),
    ("AggregateMeasure", "Entity"),
    ("Annotation", "Entity"),
    ("BookmarkAnnotation", "Annotation"),
    ("HighlightAnnotation", "Annotation"),
    ("SharedAnnotation", "Annotation"),
    ("TagAnnotation", "Annotation"),
    ("Attempt", "Entity"),
    ("Response", "Entity"),
    ("FillinBlankResponse", "Response"),
    ("MultipleChoiceResponse", "Response"),
    ("MultipleResponseResponse", "Response"),
    ("SelectTextResponse", "Response"),
    ("TrueFalseResponse", "Response"),
    ("OpenEndedResponse", "Response"),
    ("DateTimeResponse", "Response"),
    ("MultiselectResponse", "Response"),
    ("RatingScaleResponse", "Response"),
    ("Result", "Entity"),
    ("Score", "Entity"),
    ("Comment", "Entity"),
    ("Rating", "Entity"),
    ("Question", "Entity"),
    ("DateTimeQuestion", "Question"),
    ("MultiselectQuestion", "Question"),
    ("OpenEndedQuestion", "Question"),
    ("RatingScaleQuestion", "Question"),
    ("Scale", "Entity"),
    ("LikertScale", "Scale"),
    ("MultiselectScale", "Scale"),
    ("NumericScale", "Scale"),
    ("QuestionnaireItem", "Entity"),
    ("SurveyInvitation", "Entity"),
    ("Query", "Entity"),
    ("SearchResponse", "Entity"),
    // Not entities (no id), but typed nodes.
    ("SystemIdentifier", ""),
    ("TextPositionSelector", ""),
];

fn parent(t: &str) -> Option<&'static str> {
    if t == "Entity" {
        return Some("");
    }
    ENTITY_PARENTS
        .iter()
        .find(|(c, _)| *c == t)
        .map(|(_, p)| *p)
}

fn is_known_entity(t: &str) -> bool {
    parent(t).is_some()
}

fn is_a(t: &str, ancestor: &str) -> bool {
    let mut cur = t;
    loop {
        if cur == ancestor {
            return true;
        }
        match parent(cur) {
            Some(p) if !p.is_empty() => cur = p,
            _ => return false,
        }
    }
}

const ROLES: &[&str] = super::entity::ROLES;
const STATUSES: &[&str] = super::entity::STATUSES;
const METRICS: &[&str] = &[
    "AssessmentsPassed",
    "AssessmentsSubmitted",
    "MinutesOnTask",
    "SkillsMastered",
    "StandardsMastered",
    "UnitsCompleted",
    "UnitsPassed",
    "WordsRead",
];
const LTI_MESSAGE_TYPES: &[&str] = &[
    "LtiResourceLinkRequest",
    "LtiDeepLinkingRequest",
    "LtiDeepLinkingResponse",
];
const IDENTIFIER_TYPES: &[&str] = &[
    "AccountUserName",
    "CanvasId",
    "CanvasUrl",
    "EmailAddress",
    "LisSourcedId",
    "LtiContextId",
    "LtiDeploymentId",
    "LtiPlatformId",
    "LtiToolId",
    "LtiUserId",
    "OneRosterSourcedId",
    "Other",
    "SisSourcedId",
    "SystemId",
];

const STR_LIST: K = K::List(&K::Str);

/// Properties a type adds to its parent's.
fn own_props(t: &str) -> &'static [(&'static str, K)] {
    use K::*;
    match t {
        "Entity" => &[
            ("@context", Obj), // checked separately
            ("id", Iri),
            ("type", Str),
            ("name", Str),
            ("description", Str),
            ("dateCreated", DateTime),
            ("dateModified", DateTime),
            ("extensions", Obj),
            ("otherIdentifiers", List(&Ent(&["SystemIdentifier"]))),
        ],
        "SoftwareApplication" => &[
            ("version", Str),
            ("host", Str),
            ("userAgent", Str),
            ("ipAddress", Str),
        ],
        "Organization" => &[
            ("subOrganizationOf", Ent(&["Organization"])),
            ("members", List(&Ent(&["Person"]))),
        ],
        "CourseOffering" => &[("courseNumber", Str), ("academicSession", Str)],
        "CourseSection" => &[("category", Str)],
        "Membership" => &[
            ("member", Ent(&["Person"])),
            ("organization", Ent(&["Organization"])),
            ("roles", List(&Enum(ROLES))),
            ("status", Enum(STATUSES)),
        ],
        "Session" => &[
            ("user", Ent(&["Person"])),
            ("client", Ent(&["SoftwareApplication"])),
            ("startedAtTime", DateTime),
            ("endedAtTime", DateTime),
            ("duration", Duration),
        ],
        "LtiSession" => &[("messageParameters", Obj)],
        "DigitalResource" => &[
            ("mediaType", Str),
            ("creators", List(&Ent(&["Agent"]))),
            ("keywords", STR_LIST),
            ("learningObjectives", List(&Ent(&["LearningObjective"]))),
            ("isPartOf", Ent(&["Entity"])),
            ("datePublished", DateTime),
            ("version", Str),
            ("storageName", Str),
        ],
        "AssignableDigitalResource" => &[
            ("dateToActivate", DateTime),
            ("dateToShow", DateTime),
            ("dateToStartOn", DateTime),
            ("dateToSubmit", DateTime),
            ("maxAttempts", Int),
            ("maxSubmits", Int),
            ("maxScore", Float),
        ],
        "Assessment" => &[("items", List(&Ent(&["AssessmentItem"])))],
        "AssessmentItem" => &[("isTimeDependent", Bool)],
        "DigitalResourceCollection" => &[("items", List(&Ent(&["DigitalResource"])))],
        "Forum" => &[("items", List(&Ent(&["Thread"])))],
        "Thread" => &[("items", List(&Ent(&["Message"])))],
        "Message" => &[
            ("replyTo", Ent(&["Message"])),
            ("body", Str),
            ("attachments", List(&Ent(&["DigitalResource"]))),
        ],
        "Frame" => &[("index", Int)],
        "MediaObject" => &[("duration", Duration)],
        "AudioObject" => &[
            ("volumeMin", Str),
            ("volumeMax", Str),
            ("volumeLevel", Str),
            ("muted", Bool),
        ],
        "MediaLocation" => &[("currentTime", Duration)],
        "LtiLink" => &[("messageType", Enum(LTI_MESSAGE_TYPES))],
        "Collection" => &[("items", List(&Ent(&["Entity"])))],
        "AggregateMeasureCollection" => &[("items", List(&Ent(&["AggregateMeasure"])))],
        "Questionnaire" => &[("items", List(&Ent(&["QuestionnaireItem"])))],
        "Survey" => &[("items", List(&Ent(&["Questionnaire"])))],
        "AggregateMeasure" => &[
            ("metric", Enum(METRICS)),
            ("metricValue", Float),
            ("maxMetricValue", Float),
            ("startedAtTime", DateTime),
            ("endedAtTime", DateTime),
        ],
        "Annotation" => &[
            ("annotator", Ent(&["Person"])),
            ("annotated", Ent(&["DigitalResource"])),
        ],
        "BookmarkAnnotation" => &[("bookmarkNotes", Str)],
        "HighlightAnnotation" => &[
            ("selection", Ent(&["TextPositionSelector"])),
            ("selectionText", Str),
        ],
        "SharedAnnotation" => &[("withAgents", List(&Ent(&["Agent"])))],
        "TagAnnotation" => &[("tags", STR_LIST)],
        "Attempt" => &[
            ("assignee", Ent(&["Person"])),
            ("assignable", Ent(&["DigitalResource"])),
            ("isPartOf", Ent(&["Attempt"])),
            ("count", Int),
            ("startedAtTime", DateTime),
            ("endedAtTime", DateTime),
            ("duration", Duration),
        ],
        "Response" => &[
            ("attempt", Ent(&["Attempt"])),
            ("startedAtTime", DateTime),
            ("endedAtTime", DateTime),
            ("duration", Duration),
        ],
        "FillinBlankResponse" | "MultipleResponseResponse" | "SelectTextResponse" => {
            &[("values", STR_LIST)]
        }
        "MultipleChoiceResponse" | "TrueFalseResponse" | "OpenEndedResponse" => &[("value", Str)],
        "DateTimeResponse" => &[("dateTimeSelected", DateTime)],
        "MultiselectResponse" | "RatingScaleResponse" => &[("selections", STR_LIST)],
        "Result" => &[
            ("attempt", Ent(&["Attempt"])),
            ("maxResultScore", Float),
            ("resultScore", Float),
            ("scoredBy", Ent(&["Agent"])),
            ("comment", Str),
        ],
        "Score" => &[
            ("attempt", Ent(&["Attempt"])),
            ("maxScore", Float),
            ("scoreGiven", Float),
            ("scoredBy", Ent(&["Agent"])),
            ("comment", Str),
        ],
        "Comment" => &[
            ("commenter", Ent(&["Person"])),
            ("commentedOn", Ent(&["Entity"])),
            ("value", Str),
        ],
        "Rating" => &[
            ("rater", Ent(&["Person"])),
            ("rated", Ent(&["Entity"])),
            ("question", Ent(&["Question"])),
            ("selections", STR_LIST),
            ("ratingComment", Ent(&["Comment"])),
        ],
        "Question" => &[("questionPosed", Str)],
        "DateTimeQuestion" => &[
            ("minDateTime", DateTime),
            ("minLabel", Str),
            ("maxDateTime", DateTime),
            ("maxLabel", Str),
        ],
        "MultiselectQuestion" => &[
            ("points", Int),
            ("itemLabels", STR_LIST),
            ("itemValues", STR_LIST),
        ],
        "RatingScaleQuestion" => &[("scale", Ent(&["Scale"]))],
        "LikertScale" => &[
            ("scalePoints", Int),
            ("itemLabels", STR_LIST),
            ("itemValues", STR_LIST),
        ],
        "MultiselectScale" => &[
            ("scalePoints", Int),
            ("itemLabels", STR_LIST),
            ("itemValues", STR_LIST),
            ("isOrderedSelection", Bool),
            ("minSelections", Int),
            ("maxSelections", Int),
        ],
        "NumericScale" => &[
            ("minValue", Float),
            ("minLabel", Str),
            ("maxValue", Float),
            ("maxLabel", Str),
            ("step", Float),
        ],
        "QuestionnaireItem" => &[
            ("question", Ent(&["Question"])),
            ("categories", STR_LIST),
            ("weight", Float),
        ],
        "SurveyInvitation" => &[
            ("rater", Ent(&["Person"])),
            ("survey", Ent(&["Survey"])),
            ("sentCount", Int),
            ("dateSent", DateTime),
        ],
        "Query" => &[
            ("creator", Ent(&["Person"])),
            ("searchTarget", Ent(&["Entity"])),
            ("searchTerms", Str),
        ],
        "SearchResponse" => &[
            ("searchProvider", Ent(&["SoftwareApplication"])),
            ("searchTarget", Ent(&["Entity"])),
            ("query", Ent(&["Query"])),
            ("searchResultsItemCount", Int),
            ("searchResults", List(&Ent(&["Entity"]))),
        ],
        "SystemIdentifier" => &[
            ("type", Str),
            ("identifier", Str),
            ("identifierType", Enum(IDENTIFIER_TYPES)),
            ("source", Ent(&["SoftwareApplication"])),
            ("extensions", Obj),
        ],
        "TextPositionSelector" => &[("type", Str), ("start", Int), ("end", Int)],
        _ => &[],
    }
}

fn required(t: &str) -> &'static [&'static str] {
    match t {
        "SystemIdentifier" => &["identifier", "identifierType"],
        "TextPositionSelector" => &["start", "end"],
        "AggregateMeasure" => &["id", "metric", "metricValue"],
        _ => &["id"],
    }
}

fn prop_kind(t: &str, name: &str) -> Option<K> {
    let mut cur = t;
    loop {
        if let Some((_, k)) = own_props(cur).iter().find(|(n, _)| *n == name) {
            return Some(*k);
        }
        match parent(cur) {
            Some(p) if !p.is_empty() => cur = p,
            _ => return None,
        }
    }
}

// --- events ---------------------------------------------------------------

struct EventSpec {
    kind: &'static str,
    actions: &'static [&'static str],
    object: &'static [&'static str],
    generated: &'static [&'static str],
    target: &'static [&'static str],
    referrer: &'static [&'static str],
}

const ANY: &[&str] = &["Entity"];
const DR: &[&str] = &["DigitalResource"];
const DR_APP: &[&str] = &["DigitalResource", "SoftwareApplication"];

const EVENTS: &[EventSpec] = &[
    EventSpec {
        kind: "Event",
        actions: ACTIONS,
        object: ANY,
        generated: ANY,
        target: ANY,
        referrer: ANY,
    },
    EventSpec {
        kind: "AnnotationEvent",
        actions: &["Bookmarked", "Highlighted", "Shared", "Tagged"],
        object: DR,
        generated: &["Annotation"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "AssessmentEvent",
        actions: &[
            "Started",
            "Paused",
            "Resumed",
            "Restarted",
            "Reset",
            "Submitted",
        ],
        object: &["Assessment"],
        generated: &["Attempt"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "AssessmentItemEvent",
        actions: &["Started", "Skipped", "Completed"],
        object: &["AssessmentItem"],
        generated: &["Attempt", "Response"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "AssignableEvent",
        actions: &[
            "Activated",
            "Deactivated",
            "Started",
            "Completed",
            "Submitted",
            "Reviewed",
        ],
        object: &["AssignableDigitalResource"],
        generated: &["Attempt"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "FeedbackEvent",
        actions: &["Commented", "Ranked"],
        object: ANY,
        generated: &["Comment", "Rating"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "ForumEvent",
        actions: &["Subscribed", "Unsubscribed"],
        object: &["Forum"],
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "GradeEvent",
        actions: &["Graded"],
        object: &["Attempt"],
        generated: &["Score"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "MediaEvent",
        actions: &[
            "Started",
            "Ended",
            "Paused",
            "Resumed",
            "Restarted",
            "ForwardedTo",
            "JumpedTo",
            "ChangedResolution",
            "ChangedSize",
            "ChangedSpeed",
            "ChangedVolume",
            "EnabledClosedCaptioning",
            "DisabledClosedCaptioning",
            "EnteredFullScreen",
            "ExitedFullScreen",
            "Muted",
            "Unmuted",
            "OpenedPopout",
            "ClosedPopout",
        ],
        object: &["MediaObject"],
        generated: ANY,
        target: &["MediaLocation"],
        referrer: DR_APP,
    },
    EventSpec {
        kind: "MessageEvent",
        actions: &["Posted", "MarkedAsRead", "MarkedAsUnread", "MarkedAsUnRead"],
        object: &["Message"],
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "NavigationEvent",
        actions: &["NavigatedTo"],
        object: DR_APP,
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "QuestionnaireEvent",
        actions: &["Started", "Completed"],
        object: &["Questionnaire"],
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "QuestionnaireItemEvent",
        actions: &["Started", "Skipped", "Completed", "Submitted"],
        object: &["QuestionnaireItem"],
        generated: &["Response"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "ResourceManagementEvent",
        actions: &[
            "Archived",
            "Copied",
            "Created",
            "Deleted",
            "Described",
            "Downloaded",
            "Modified",
            "Printed",
            "Published",
            "Restored",
            "Retrieved",
            "Saved",
            "Unpublished",
            "Uploaded",
        ],
        object: DR,
        generated: DR,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "SearchEvent",
        actions: &["Searched"],
        object: DR_APP,
        generated: &["SearchResponse"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "SessionEvent",
        actions: &["LoggedIn", "LoggedOut", "TimedOut"],
        object: &["SoftwareApplication", "Session"],
        generated: &["Session"],
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "SurveyEvent",
        actions: &["OptedIn", "OptedOut"],
        object: &["Survey"],
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "SurveyInvitationEvent",
        actions: &["Accepted", "Declined", "Sent"],
        object: &["SurveyInvitation"],
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "ThreadEvent",
        actions: &["MarkedAsRead", "MarkedAsUnread", "MarkedAsUnRead"],
        object: &["Thread"],
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
    EventSpec {
        kind: "ToolLaunchEvent",
        actions: &["Launched", "Returned"],
        object: &["SoftwareApplication"],
        generated: &["DigitalResource", "Link"],
        target: &["DigitalResource", "Link"],
        referrer: &["DigitalResource", "SoftwareApplication", "Link"],
    },
    EventSpec {
        kind: "ToolUseEvent",
        actions: &["Used"],
        object: &["SoftwareApplication"],
        generated: &["AggregateMeasureCollection"],
        target: &["SoftwareApplication", "DigitalResource"],
        referrer: DR_APP,
    },
    EventSpec {
        kind: "ViewEvent",
        actions: &["Viewed"],
        object: DR,
        generated: ANY,
        target: DR,
        referrer: DR_APP,
    },
];

/// The Caliper 1.2 action vocabulary (what a generic `Event` may take).
const ACTIONS: &[&str] = &[
    "Abandoned",
    "Accepted",
    "Activated",
    "Added",
    "Archived",
    "Attached",
    "Bookmarked",
    "ChangedResolution",
    "ChangedSize",
    "ChangedSpeed",
    "ChangedVolume",
    "Classified",
    "ClosedPopout",
    "Commented",
    "Completed",
    "Copied",
    "Created",
    "Deactivated",
    "Declined",
    "Deleted",
    "Described",
    "DisabledClosedCaptioning",
    "Disliked",
    "Downloaded",
    "EnabledClosedCaptioning",
    "Ended",
    "EnteredFullScreen",
    "ExitedFullScreen",
    "ForwardedTo",
    "Graded",
    "Hid",
    "Highlighted",
    "Identified",
    "JumpedTo",
    "Launched",
    "Liked",
    "Linked",
    "LoggedIn",
    "LoggedOut",
    "MarkedAsRead",
    "MarkedAsUnread",
    "MarkedAsUnRead",
    "Modified",
    "Muted",
    "NavigatedTo",
    "OpenedPopout",
    "OptedIn",
    "OptedOut",
    "Paused",
    "Posted",
    "Printed",
    "Published",
    "Questioned",
    "Ranked",
    "Recommended",
    "Removed",
    "Reset",
    "Restarted",
    "Restored",
    "Resumed",
    "Retrieved",
    "Returned",
    "Reviewed",
    "Rewound",
    "Saved",
    "Searched",
    "Sent",
    "Shared",
    "Showed",
    "Skipped",
    "Started",
    "Submitted",
    "Subscribed",
    "Tagged",
    "TimedOut",
    "Unmuted",
    "Unpublished",
    "Unsubscribed",
    "Uploaded",
    "Used",
    "Viewed",
];

const PROFILES: &[&str] = &[
    "AnnotationProfile",
    "AssessmentProfile",
    "AssignableProfile",
    "FeedbackProfile",
    "ForumProfile",
    "GeneralProfile",
    "GradingProfile",
    "MediaProfile",
    "ReadingProfile",
    "ResourceManagementProfile",
    "SearchProfile",
    "SessionProfile",
    "SurveyProfile",
    "ToolLaunchProfile",
    "ToolUseProfile",
];

fn event_spec(t: &str) -> Option<&'static EventSpec> {
    EVENTS.iter().find(|s| s.kind == t)
}

// --- the vocabularies, for the typed events and entities ------------------

/// The Caliper 1.2 event type named `t`.
pub(crate) fn event_type_term(t: &str) -> Option<&'static str> {
    event_spec(t).map(|s| s.kind)
}

/// The Caliper 1.2 action named `a`.
pub(crate) fn action_term(a: &str) -> Option<&'static str> {
    ACTIONS.iter().copied().find(|x| *x == a)
}

/// The Caliper 1.2 entity (or typed node) type named `t`.
pub(crate) fn entity_type_term(t: &str) -> Option<&'static str> {
    std::iter::once("Entity")
        .chain(ENTITY_PARENTS.iter().map(|(c, _)| *c))
        .find(|c| *c == t)
}

/// Whether Caliper 1.2 allows `action` on events of type `event_type`.
pub(crate) fn event_allows(event_type: &str, action: &str) -> bool {
    event_spec(event_type).is_some_and(|s| s.actions.contains(&action))
}

// --- lexical checks -------------------------------------------------------

/// `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, millisecond precision).
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 24 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(u32::MAX);
    digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'.'
        && digits(20..23)
        && b[23] == b'Z'
        && (1..=12).contains(&num(5..7))
        && (1..=31).contains(&num(8..10))
        && num(11..13) < 24
        && num(14..16) < 60
        && num(17..19) < 61
}

/// An ISO 8601 duration: `P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]`, with at
/// least one component (fractions only on seconds).
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    fn parts(s: &str, units: &[u8], fraction_unit: Option<u8>) -> Option<usize> {
        let mut n = 0;
        let mut order = 0;
        let mut num = String::new();
        for c in s.bytes() {
            if c.is_ascii_digit() || (c == b'.' && fraction_unit.is_some()) {
                num.push(c as char);
                continue;
            }
            let pos = units[order..].iter().position(|u| *u == c)? + order;
            if num.is_empty() || num.starts_with('.') || num.ends_with('.') {
                return None;
            }
            if num.contains('.') && Some(c) != fraction_unit {
                return None;
            }
            if num.matches('.').count() > 1 {
                return None;
            }
            num.clear();
            order = pos + 1;
            n += 1;
        }
        num.is_empty().then_some(n)
    }
    let Some(dn) = parts(date, b"YMWD", None) else {
        return false;
    };
    match time {
        None => dn > 0,
        Some(t) => matches!(parts(t, b"HMS", Some(b'S')), Some(tn) if tn > 0),
    }
}

/// An absolute IRI: a scheme, `:`, and no spaces, controls or characters
/// IRIs exclude.
pub fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut sc = scheme.chars();
    sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !rest.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

/// `urn:uuid:` + 8-4-4-4-12 hex digits.
pub fn is_uuid_urn(s: &str) -> bool {
    let Some(u) = s.strip_prefix("urn:uuid:") else {
        return false;
    };
    u.len() == 36
        && u.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

// --- the walk ---------------------------------------------------------------

struct V {
    errors: Errors,
}

impl V {
    fn err(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(ValidationError {
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// `@context`: the v1p2 IRI, or an array holding it plus local
    /// context objects. Returns the terms those local contexts define.
    fn context(&mut self, path: &str, v: &Value) -> Vec<String> {
        let mut terms = Vec::new();
        let ok = match v {
            Value::String(s) => s == CONTEXT,
            Value::Array(items) => {
                let mut has = false;
                for it in items {
                    match it {
                        Value::String(s) if s == CONTEXT => has = true,
                        Value::Object(m) => terms.extend(m.keys().cloned()),
                        _ => {
                            has = false;
                            break;
                        }
                    }
                }
                has
            }
            _ => false,
        };
        if !ok {
            self.err(
                path,
                format!("@context must be \"{CONTEXT}\" (or an array including it)"),
            );
        }
        terms
    }

    fn value(&mut self, path: &str, k: K, v: &Value) {
        if v.is_null() {
            self.err(path, "null value (omit absent properties)");
            return;
        }
        match k {
            K::Str => {
                if !v.is_string() {
                    self.err(path, "must be a string");
                }
            }
            K::Iri => match v.as_str() {
                Some(s) if is_iri(s) => {}
                _ => self.err(path, "must be an IRI"),
            },
            K::DateTime => match v.as_str() {
                Some(s) if is_date_time(s) => {}
                _ => self.err(path, "must be an ISO 8601 UTC date-time with milliseconds (YYYY-MM-DDTHH:MM:SS.sssZ)"),
            },
            K::Duration => match v.as_str() {
                Some(s) if is_duration(s) => {}
                _ => self.err(path, "must be an ISO 8601 duration"),
            },
            K::Int => {
                if !v.is_u64() {
                    self.err(path, "must be a non-negative integer");
                }
            }
            K::Float => {
                if !v.is_f64() {
                    self.err(path, "must be a decimal number (xsd:float)");
                }
            }
            K::Bool => {
                if !v.is_boolean() {
                    self.err(path, "must be a boolean");
                }
            }
            K::Obj => {
                if !v.is_object() {
                    self.err(path, "must be an object");
                }
            }
            K::Enum(allowed) => match v.as_str() {
                Some(s) if allowed.contains(&s) => {}
                _ => self.err(path, format!("must be one of the vocabulary terms ({})", allowed.join(", "))),
            },
            K::List(inner) => match v.as_array() {
                Some(items) => {
                    for (i, it) in items.iter().enumerate() {
                        self.value(&format!("{path}/{i}"), *inner, it);
                    }
                }
                None => self.err(path, "must be an array"),
            },
            K::Ent(types) => self.entity_ref(path, types, v),
        }
    }

    fn entity_ref(&mut self, path: &str, types: &[&str], v: &Value) {
        match v {
            Value::String(s) => {
                if !is_iri(s) {
                    self.err(path, "must be an IRI or an entity object");
                }
            }
            Value::Object(m) => {
                let Some(t) = m.get("type").and_then(Value::as_str) else {
                    self.err(path, "entity has no type");
                    return;
                };
                if !is_known_entity(t) {
                    self.err(&format!("{path}/type"), format!("unknown entity type {t}"));
                    return;
                }
                if !types.iter().any(|want| is_a(t, want)) {
                    self.err(
                        &format!("{path}/type"),
                        format!("expected {}, found {t}", types.join(" or ")),
                    );
                }
                self.entity(path, t, m, &[]);
            }
            _ => self.err(path, "must be an IRI or an entity object"),
        }
    }

    fn entity(&mut self, path: &str, t: &str, m: &Map<String, Value>, extra_terms: &[String]) {
        let mut terms = extra_terms.to_vec();
        if let Some(c) = m.get("@context") {
            terms.extend(self.context(&format!("{path}/@context"), c));
        }
        for r in required(t) {
            if !m.contains_key(*r) {
                self.err(path, format!("{t} requires {r}"));
            }
        }
        for (name, v) in m {
            let p = format!("{path}/{name}");
            if name == "@context" || name == "type" {
                continue;
            }
            match prop_kind(t, name) {
                Some(k) => self.value(&p, k, v),
                None if terms.contains(name) => {}
                None => self.err(&p, format!("{t} has no property {name}")),
            }
        }
    }

    fn event(&mut self, path: &str, m: &Map<String, Value>, top: bool) {
        let mut terms = Vec::new();
        match m.get("@context") {
            Some(c) => terms = self.context(&format!("{path}/@context"), c),
            None if top => self.err(path, "event requires @context"),
            None => {}
        }
        let t = m.get("type").and_then(Value::as_str).unwrap_or_default();
        let Some(spec) = event_spec(t) else {
            self.err(&format!("{path}/type"), format!("unknown event type {t:?}"));
            return;
        };
        for r in ["id", "actor", "action", "object", "eventTime"] {
            if !m.contains_key(r) {
                self.err(path, format!("{t} requires {r}"));
            }
        }
        if t == "ToolLaunchEvent"
            && m.get("action").and_then(Value::as_str) == Some("Launched")
            && !m.contains_key("federatedSession")
        {
            self.err(path, "ToolLaunchEvent Launched requires federatedSession");
        }
        for (name, v) in m {
            let p = format!("{path}/{name}");
            if v.is_null() {
                self.err(&p, "null value (omit absent properties)");
                continue;
            }
            match name.as_str() {
                "@context" | "type" => {}
                "id" => match v.as_str() {
                    Some(s) if is_uuid_urn(s) => {}
                    _ => self.err(&p, "event id must be a UUID URN (urn:uuid:...)"),
                },
                "profile" => match v.as_str() {
                    Some(s) if PROFILES.contains(&s) => {}
                    _ => self.err(&p, "unknown profile"),
                },
                "action" => match v.as_str() {
                    Some(a) if spec.actions.contains(&a) => {}
                    Some(a) => self.err(&p, format!("{a} is not an action of {t}")),
                    None => self.err(&p, "must be a string"),
                },
                "actor" => self.entity_ref(&p, &["Agent"], v),
                "object" => self.entity_ref(&p, spec.object, v),
                "generated" => self.entity_ref(&p, spec.generated, v),
                "target" => self.entity_ref(&p, spec.target, v),
                "referrer" => self.entity_ref(&p, spec.referrer, v),
                "eventTime" => self.value(&p, K::DateTime, v),
                "edApp" => self.entity_ref(&p, &["SoftwareApplication"], v),
                "group" => self.entity_ref(&p, &["Organization"], v),
                "membership" => self.entity_ref(&p, &["Membership"], v),
                "session" => self.entity_ref(&p, &["Session"], v),
                "federatedSession" => self.entity_ref(&p, &["LtiSession"], v),
                "extensions" => self.value(&p, K::Obj, v),
                other if terms.iter().any(|x| x == other) => {}
                other => self.err(&p, format!("{t} has no property {other}")),
            }
        }
    }

    fn document(&mut self, path: &str, v: &Value, top: bool) {
        let Some(m) = v.as_object() else {
            self.err(path, "must be a JSON object");
            return;
        };
        let t = match m.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Null) => {
                self.err(
                    &format!("{path}/type"),
                    "null value (omit absent properties)",
                );
                return;
            }
            Some(_) => {
                self.err(&format!("{path}/type"), "type must be a string");
                return;
            }
            None => {
                // Events are recognised by their action.
                if m.contains_key("action") {
                    self.err(path, "event requires type");
                } else {
                    self.err(path, "document requires type");
                }
                return;
            }
        };
        if event_spec(t).is_some() || t.ends_with("Event") {
            self.event(path, m, top);
        } else if is_known_entity(t) {
            if top && !m.contains_key("@context") {
                self.err(path, "entity document requires @context");
            }
            self.entity(path, t, m, &[]);
        } else {
            self.err(&format!("{path}/type"), format!("unknown type {t}"));
        }
    }
}

fn finish(v: V) -> Result<(), Errors> {
    if v.errors.is_empty() {
        Ok(())
    } else {
        Err(v.errors)
    }
}

/// Validate a standalone event or entity document (with `@context`).
pub fn validate_document(doc: &Value) -> Result<(), Errors> {
    let mut v = V { errors: Vec::new() };
    v.document("", doc, true);
    finish(v)
}

/// Validate an event document.
pub fn validate_event(doc: &Value) -> Result<(), Errors> {
    let mut v = V { errors: Vec::new() };
    match doc.as_object() {
        Some(m) => v.event("", m, true),
        None => v.err("", "an event must be a JSON object"),
    }
    finish(v)
}

/// Validate an entity document.
pub fn validate_entity(doc: &Value) -> Result<(), Errors> {
    let is_event = doc
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| event_spec(t).is_some());
    if is_event {
        return Err(vec![ValidationError {
            path: "/type".into(),
            message: "an event, not an entity".into(),
        }]);
    }
    validate_document(doc)
}

/// Validate an envelope: exactly `sensor` (IRI), `sendTime` (date-time),
/// `dataVersion` (the v1p2 context) and `data` (a non-empty array of
/// event and entity documents).
pub fn validate_envelope(doc: &Value) -> Result<(), Errors> {
    let mut v = V { errors: Vec::new() };
    let Some(m) = doc.as_object() else {
        v.err("", "an envelope must be a JSON object");
        return finish(v);
    };
    for r in ["sensor", "sendTime", "dataVersion", "data"] {
        if !m.contains_key(r) {
            v.err("", format!("envelope requires {r}"));
        }
    }
    for (name, x) in m {
        let p = format!("/{name}");
        match name.as_str() {
            "sensor" => v.value(&p, K::Iri, x),
            "sendTime" => v.value(&p, K::DateTime, x),
            "dataVersion" => {
                if x.as_str() != Some(CONTEXT) {
                    v.err(&p, format!("dataVersion must be \"{CONTEXT}\""));
                }
            }
            "data" => match x.as_array() {
                Some(items) if !items.is_empty() => {
                    for (i, it) in items.iter().enumerate() {
                        v.document(&format!("/data/{i}"), it, true);
                    }
                }
                _ => v.err(&p, "data must be a non-empty array"),
            },
            other => v.err(&p, format!("envelope has no property {other}")),
        }
    }
    finish(v)
}

/// Parse and validate JSON text: an envelope (it has `sensor`) or a
/// standalone document.
pub fn validate_json(text: &str) -> Result<(), Errors> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        vec![ValidationError {
            path: String::new(),
            message: format!("not JSON: {e}"),
        }]
    })?;
    if doc.get("sensor").is_some() || doc.get("dataVersion").is_some() {
        validate_envelope(&doc)
    } else {
        validate_document(&doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_forms() {
        assert!(is_date_time("2016-11-15T10:15:00.000Z"));
        assert!(!is_date_time("2016-11-15"));
        assert!(!is_date_time("2016-11-15T10:15:00Z"));
        assert!(!is_date_time("2016-13-15T10:15:00.000Z"));
        assert!(is_duration("PT10M30S"));
        assert!(is_duration("PT1H12M27S"));
        assert!(is_duration("P1DT0.5S"));
        assert!(!is_duration("P"));
        assert!(!is_duration("PT"));
        assert!(!is_duration("2016-11-15T10:55:30.000Z"));
        assert!(!is_duration("PT1S2M"));
        assert!(is_iri("https://example.edu/users/1"));
        assert!(is_iri("urn:uuid:27734504-068d-4596-861c-2315be33a2a2"));
        assert!(!is_iri("IRIs should not have spaces"));
        assert!(!is_iri("no-scheme"));
    }

    #[test]
    fn hierarchy() {
        assert!(is_a("CourseSection", "Organization"));
        assert!(is_a("Assessment", "DigitalResource"));
        assert!(!is_a("Person", "DigitalResource"));
        assert!(is_a("TrueFalseResponse", "Entity"));
    }
}
