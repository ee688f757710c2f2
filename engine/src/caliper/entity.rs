//! Caliper 1.2 entities a QTI delivery describes: agents (Person,
//! SoftwareApplication), organizations and memberships, sessions, digital
//! resources (Assessment, AssessmentItem, WebPage, ...), Attempt, Response
//! types, Score and LearningObjective.
//!
//! Every entity serializes to the JSON-LD shape of the Caliper fixtures:
//! `id`, `type`, then the properties that are present; absent optional
//! properties are omitted, never written as `null`.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::vocab::vocabulary;

/// Extension properties: a JSON object of implementer-defined terms.
pub type Extensions = Map<String, Value>;

/// A reference to an entity: either its IRI alone or the entity described.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Ref<T> {
    Iri(String),
    Entity(T),
}

impl<T: HasId> Ref<T> {
    pub fn id(&self) -> &str {
        match self {
            Ref::Iri(s) => s,
            Ref::Entity(e) => e.id(),
        }
    }
}

impl<T> From<T> for Ref<T> {
    fn from(t: T) -> Self {
        Ref::Entity(t)
    }
}

/// Anything with an `id`.
pub trait HasId {
    fn id(&self) -> &str;
}

vocabulary!(
    /// Entity `type`s: those this module models, and `Other` for the rest
    /// of Caliper 1.2 (Forum, Message, Annotation, ...), which are kept as
    /// [`OtherEntity`].
    EntityType,
    what = "entity type",
    lookup = super::validate::entity_type_term,
    [
        Agent,
        Person,
        SoftwareApplication,
        Organization,
        CourseOffering,
        CourseSection,
        Group,
        Membership,
        Session,
        LtiSession,
        DigitalResource,
        AssignableDigitalResource,
        Assessment,
        AssessmentItem,
        DigitalResourceCollection,
        Document,
        Chapter,
        Page,
        WebPage,
        Frame,
        MediaObject,
        AudioObject,
        ImageObject,
        VideoObject,
        Attempt,
        Response,
        FillinBlankResponse,
        MultipleChoiceResponse,
        MultipleResponseResponse,
        SelectTextResponse,
        TrueFalseResponse,
        Score,
        LearningObjective,
    ]
);

macro_rules! has_id {
    ($($t:ty),*) => {$(
        impl HasId for $t {
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

/// Person, SoftwareApplication (or another Agent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A SoftwareApplication client's host, user agent and IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// `SystemIdentifier`s of the entity in other systems, kept as JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_identifiers: Vec<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Agent {
    fn new(id: impl Into<String>, kind: EntityType) -> Self {
        Agent {
            id: id.into(),
            kind,
            name: None,
            description: None,
            version: None,
            host: None,
            user_agent: None,
            ip_address: None,
            other_identifiers: Vec::new(),
            date_created: None,
            date_modified: None,
            extensions: None,
        }
    }

    /// A `Person` (the candidate; the host's user IRI).
    pub fn person(id: impl Into<String>) -> Self {
        Self::new(id, EntityType::Person)
    }

    /// A `SoftwareApplication` (the delivery system, or an auto-grader).
    pub fn software_application(
        id: impl Into<String>,
        name: Option<String>,
        version: Option<String>,
    ) -> Self {
        let mut a = Self::new(id, EntityType::SoftwareApplication);
        a.name = name;
        a.version = version;
        a
    }
}

/// Organization, CourseOffering, CourseSection or Group (an event's `group`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub academic_session: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_organization_of: Option<Box<Ref<Organization>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Ref<Agent>>,
    /// `SystemIdentifier`s of the entity in other systems, kept as JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_identifiers: Vec<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Organization {
    pub fn new(id: impl Into<String>, kind: EntityType) -> Self {
        Organization {
            id: id.into(),
            kind,
            name: None,
            course_number: None,
            academic_session: None,
            category: None,
            sub_organization_of: None,
            members: Vec::new(),
            other_identifiers: Vec::new(),
            date_created: None,
            date_modified: None,
            extensions: None,
        }
    }

    pub fn course_section(
        id: impl Into<String>,
        course_number: Option<String>,
        academic_session: Option<String>,
    ) -> Self {
        let mut o = Self::new(id, EntityType::CourseSection);
        o.course_number = course_number;
        o.academic_session = academic_session;
        o
    }
}

/// Membership roles of Caliper 1.2 (LIS roles and sub-roles).
pub const ROLES: &[&str] = &[
    "Learner",
    "Learner#ExternalLearner",
    "Learner#GuestLearner",
    "Learner#Instructor",
    "Learner#Learner",
    "Learner#NonCreditLearner",
    "Instructor",
    "Instructor#ExternalInstructor",
    "Instructor#Grader",
    "Instructor#GuestInstructor",
    "Instructor#Lecturer",
    "Instructor#PrimaryInstructor",
    "Instructor#SecondaryInstructor",
    "Instructor#TeachingAssistant",
    "Instructor#TeachingAssistantGroup",
    "Instructor#TeachingAssistantOffering",
    "Instructor#TeachingAssistantSection",
    "Instructor#TeachingAssistantTemplate",
    "Administrator",
    "Administrator#Administrator",
    "Administrator#Developer",
    "Administrator#ExternalDeveloper",
    "Administrator#ExternalSupport",
    "Administrator#ExternalSystemAdministrator",
    "Administrator#Support",
    "Administrator#SystemAdministrator",
    "ContentDeveloper",
    "ContentDeveloper#ContentDeveloper",
    "ContentDeveloper#ContentExpert",
    "ContentDeveloper#ExternalContentExpert",
    "ContentDeveloper#Librarian",
    "Manager",
    "Manager#AreaManager",
    "Manager#CourseCoordinator",
    "Manager#ExternalObserver",
    "Manager#Observer",
    "Member",
    "Member#Member",
    "Mentor",
    "Mentor#Advisor",
    "Mentor#Auditor",
    "Mentor#ExternalAdvisor",
    "Mentor#ExternalAuditor",
    "Mentor#ExternalLearningFacilitator",
    "Mentor#ExternalMentor",
    "Mentor#ExternalReviewer",
    "Mentor#ExternalTutor",
    "Mentor#LearningFacilitator",
    "Mentor#Mentor",
    "Mentor#Reviewer",
    "Mentor#Tutor",
    "TeachingAssistant",
    "TeachingAssistant#Grader",
    "TeachingAssistant#TeachingAssistant",
    "TeachingAssistant#TeachingAssistantGroup",
    "TeachingAssistant#TeachingAssistantOffering",
    "TeachingAssistant#TeachingAssistantSection",
    "TeachingAssistant#TeachingAssistantSectionAssociation",
    "TeachingAssistant#TeachingAssistantTemplate",
];

/// Membership `status` values.
pub const STATUSES: &[&str] = &["Active", "Inactive"];

/// A Person's membership in the group (`roles`, `status`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub member: Ref<Agent>,
    pub organization: Ref<Organization>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Membership {
    /// An active `Learner` membership of `member` in `organization`.
    pub fn learner(
        id: impl Into<String>,
        member: impl Into<String>,
        organization: impl Into<String>,
    ) -> Self {
        Membership {
            id: id.into(),
            kind: EntityType::Membership,
            member: Ref::Iri(member.into()),
            organization: Ref::Iri(organization.into()),
            roles: vec!["Learner".into()],
            status: Some("Active".into()),
            date_created: None,
            extensions: None,
        }
    }
}

/// `Session` (the user's session with the edApp) or `LtiSession`
/// (a `federatedSession`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Ref<Agent>>,
    /// The user's client software.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<Ref<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_parameters: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Session {
    pub fn new(id: impl Into<String>, started_at_millis: Option<i64>) -> Self {
        Session {
            id: id.into(),
            kind: EntityType::Session,
            user: None,
            client: None,
            date_created: None,
            started_at_time: started_at_millis.map(crate::results::format_datestamp),
            ended_at_time: None,
            duration: None,
            message_parameters: None,
            extensions: None,
        }
    }
}

/// A learning objective; for CASE alignment the `caseItemURI` is the id
/// and the label the name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LearningObjective {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl LearningObjective {
    /// From a CASE `labelledGUID`: `caseItemURI` and `label`.
    pub fn case(case_item_uri: impl Into<String>, label: Option<String>) -> Self {
        LearningObjective {
            id: case_item_uri.into(),
            kind: EntityType::LearningObjective,
            name: label,
            description: None,
            date_created: None,
            extensions: None,
        }
    }

    /// The objectives of an item's standards alignments (those with an IRI).
    pub fn from_alignments(alignments: &[crate::model::Alignment]) -> Vec<Self> {
        alignments
            .iter()
            .filter_map(|a| Some(Self::case(a.iri()?, a.label.clone())))
            .collect()
    }
}

/// A DigitalResource or one of its subtypes (Assessment, AssessmentItem,
/// WebPage, Document, ...), with the AssignableDigitalResource properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_part_of: Option<Box<Ref<Entity>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub creators: Vec<Ref<Agent>>,
    /// The members of an Assessment or a DigitalResourceCollection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Ref<Entity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_name: Option<String>,
    /// A MediaObject's duration (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// A Frame's position in its parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_objectives: Vec<LearningObjective>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_to_activate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_to_show: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_to_start_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_to_submit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_submits: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_time_dependent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Resource {
    pub fn new(id: impl Into<String>, kind: EntityType, name: Option<String>) -> Self {
        Resource {
            id: id.into(),
            kind,
            name,
            description: None,
            is_part_of: None,
            media_type: None,
            creators: Vec::new(),
            items: Vec::new(),
            storage_name: None,
            duration: None,
            index: None,
            keywords: Vec::new(),
            learning_objectives: Vec::new(),
            date_created: None,
            date_modified: None,
            date_published: None,
            date_to_activate: None,
            date_to_show: None,
            date_to_start_on: None,
            date_to_submit: None,
            max_attempts: None,
            max_score: None,
            max_submits: None,
            is_time_dependent: None,
            version: None,
            extensions: None,
        }
    }

    /// An `Assessment` (a QTI test, or the delivery of a lone item).
    pub fn assessment(id: impl Into<String>, name: Option<String>) -> Self {
        Self::new(id, EntityType::Assessment, name)
    }

    /// An `AssessmentItem` of `assessment` (referenced as `{id, type}`).
    pub fn assessment_item(
        id: impl Into<String>,
        name: Option<String>,
        assessment_id: impl Into<String>,
    ) -> Self {
        let mut r = Self::new(id, EntityType::AssessmentItem, name);
        r.is_part_of = Some(Box::new(Ref::Entity(Entity::Resource(Resource::new(
            assessment_id,
            EntityType::Assessment,
            None,
        )))));
        r
    }

    /// The `AssessmentItem` for a QTI item: id = `iri_base` + identifier,
    /// name = title, `isTimeDependent` from the item.
    pub fn from_qti_item(
        item: &crate::model::AssessmentItem,
        iri_base: &str,
        assessment_id: impl Into<String>,
    ) -> Self {
        let name = (!item.title.is_empty()).then(|| item.title.clone());
        let mut r = Self::assessment_item(
            format!("{iri_base}{}", item.identifier),
            name,
            assessment_id,
        );
        r.is_time_dependent = Some(item.time_dependent);
        r.learning_objectives = LearningObjective::from_alignments(&item.alignments);
        r
    }

    /// A copy with only `id`, `type` and `name` (for nesting in other entities).
    pub fn summary(&self) -> Self {
        let mut r = Self::new(self.id.clone(), self.kind, self.name.clone());
        r.is_part_of = self.is_part_of.as_ref().map(|p| match p.as_ref() {
            Ref::Entity(Entity::Resource(parent)) => Box::new(Ref::Entity(Entity::Resource(
                Resource::new(parent.id.clone(), parent.kind, None),
            ))),
            other => Box::new(other.clone()),
        });
        r
    }
}

/// An `Attempt` at an Assessment or AssessmentItem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Ref<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignable: Option<Ref<Resource>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_part_of: Option<Box<Ref<Attempt>>>,
    /// Attempts so far, this one included (1 for the first); absent in
    /// a bare reference such as a parent attempt's `{id, type}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

/// Which Caliper Response subtype a QTI response becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseKind {
    /// One identifier (choice, inline choice, ...): `value`.
    MultipleChoice,
    /// Several identifiers: `values`.
    MultipleResponse,
    /// Hottext selections: `values`.
    SelectText,
    /// A boolean: `value` "true"/"false".
    TrueFalse,
    /// Text entries (and any other values as text): `values`.
    FillinBlank,
}

impl ResponseKind {
    pub fn entity_type(self) -> EntityType {
        match self {
            Self::MultipleChoice => EntityType::MultipleChoiceResponse,
            Self::MultipleResponse => EntityType::MultipleResponseResponse,
            Self::SelectText => EntityType::SelectTextResponse,
            Self::TrueFalse => EntityType::TrueFalseResponse,
            Self::FillinBlank => EntityType::FillinBlankResponse,
        }
    }

    /// The kind for a QTI response value when the interaction is unknown:
    /// boolean → TrueFalse, one identifier → MultipleChoice, several
    /// identifiers → MultipleResponse, anything else → FillinBlank.
    /// For a value of `interaction`: hottext selections are SelectText
    /// responses, though their values are identifiers like a choice's.
    pub fn for_interaction(
        interaction: &crate::model::interaction::InteractionKind,
        value: &crate::value::Value,
    ) -> Self {
        use crate::model::interaction::InteractionKind;
        match interaction {
            InteractionKind::Hottext { .. } => Self::SelectText,
            _ => Self::for_value(value),
        }
    }

    pub fn for_value(value: &crate::value::Value) -> Self {
        use crate::value::{BaseType, Cardinality};
        match (value.cardinality(), value.base_type()) {
            (_, Some(BaseType::Boolean)) if value.items().len() <= 1 => Self::TrueFalse,
            (Some(Cardinality::Single), Some(BaseType::Identifier)) => Self::MultipleChoice,
            (Some(Cardinality::Multiple | Cardinality::Ordered), Some(BaseType::Identifier)) => {
                Self::MultipleResponse
            }
            _ => Self::FillinBlank,
        }
    }
}

/// The response a Caliper Response reports for an item: the first
/// interaction's (with its kind), else the first response declaration's.
pub fn reported_response(
    item: &crate::model::AssessmentItem,
) -> Option<(String, Option<&crate::model::interaction::InteractionKind>)> {
    let first = item.body.as_ref().and_then(|b| {
        crate::model::content::interactions(&b.content)
            .into_iter()
            .next()
    });
    match first {
        Some(i) => Some((i.response_identifier.clone(), Some(&i.kind))),
        None => item
            .declarations
            .iter()
            .find(|d| {
                d.response().is_some()
                    && !matches!(d.identifier.as_str(), "numAttempts" | "duration")
            })
            .map(|d| (d.identifier.clone(), None)),
    }
}

/// A Response (MultipleChoiceResponse, MultipleResponseResponse,
/// SelectTextResponse, TrueFalseResponse, FillinBlankResponse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<Ref<Attempt>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Response {
    /// A Response of `kind` carrying a QTI response value (NULL gives no
    /// value). Scalars are written in their QTI text form; pairs as
    /// "A B".
    pub fn from_value(
        id: impl Into<String>,
        kind: ResponseKind,
        value: &crate::value::Value,
    ) -> Self {
        let texts: Vec<String> = value.items().iter().map(|s| s.to_string()).collect();
        let (single, multi) = match kind {
            ResponseKind::MultipleChoice | ResponseKind::TrueFalse => {
                (texts.into_iter().next(), None)
            }
            _ => (None, (!value.is_null()).then_some(texts)),
        };
        Response {
            id: id.into(),
            kind: kind.entity_type(),
            attempt: None,
            date_created: None,
            started_at_time: None,
            ended_at_time: None,
            duration: None,
            value: single,
            values: multi,
            extensions: None,
        }
    }
}

/// A `Score` for an Attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<Ref<Attempt>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_given: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scored_by: Option<Ref<Agent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Score {
    pub fn new(id: impl Into<String>, score_given: Option<f64>, max_score: Option<f64>) -> Self {
        Score {
            id: id.into(),
            kind: EntityType::Score,
            attempt: None,
            max_score,
            score_given,
            scored_by: None,
            comment: None,
            date_created: None,
            extensions: None,
        }
    }

    /// From an item session's `SCORE` and `MAXSCORE` outcomes (numeric
    /// single values; absent or NULL ones are left out).
    pub fn from_session(id: impl Into<String>, session: &crate::session::ItemSession) -> Self {
        let num = |name: &str| session.value(name).as_single().and_then(|s| s.as_f64());
        Self::new(id, num("SCORE"), num("MAXSCORE"))
    }
}

has_id!(
    Agent,
    Organization,
    Membership,
    Session,
    LearningObjective,
    Resource,
    Attempt,
    Response,
    Score
);

/// An entity of a type this module does not model (Forum, Message,
/// Annotation, Result, ...), kept as its JSON object so that it
/// serializes back exactly as received.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherEntity {
    kind: EntityType,
    object: Map<String, Value>,
}

impl OtherEntity {
    /// `None` unless `object` has the `type` of a Caliper 1.2 entity.
    pub fn new(object: Map<String, Value>) -> Option<Self> {
        let kind = EntityType::parse(object.get("type")?.as_str()?)?;
        Some(OtherEntity { kind, object })
    }

    pub fn kind(&self) -> EntityType {
        self.kind
    }

    pub fn object(&self) -> &Map<String, Value> {
        &self.object
    }
}

impl HasId for OtherEntity {
    /// Empty for typed nodes without an id (SystemIdentifier, ...).
    fn id(&self) -> &str {
        self.object.get("id").and_then(Value::as_str).unwrap_or("")
    }
}

impl Serialize for OtherEntity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.object.serialize(s)
    }
}

/// Any entity; serializes as the entity itself and deserializes by its
/// `type` (types this module does not model become [`Entity::Other`]).
// The variants nest other entities inline, so their sizes differ; boxing
// them would cost every builder an allocation and a `Box::new` for no gain
// (an event holds a handful of entities).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Entity {
    Agent(Agent),
    Organization(Organization),
    Membership(Membership),
    Session(Session),
    LearningObjective(LearningObjective),
    Resource(Resource),
    Attempt(Attempt),
    Response(Response),
    Score(Score),
    Other(OtherEntity),
}

impl Entity {
    pub fn kind(&self) -> EntityType {
        match self {
            Entity::Agent(e) => e.kind,
            Entity::Organization(e) => e.kind,
            Entity::Membership(e) => e.kind,
            Entity::Session(e) => e.kind,
            Entity::LearningObjective(e) => e.kind,
            Entity::Resource(e) => e.kind,
            Entity::Attempt(e) => e.kind,
            Entity::Response(e) => e.kind,
            Entity::Score(e) => e.kind,
            Entity::Other(e) => e.kind,
        }
    }
}

impl HasId for Entity {
    fn id(&self) -> &str {
        match self {
            Entity::Agent(e) => &e.id,
            Entity::Organization(e) => &e.id,
            Entity::Membership(e) => &e.id,
            Entity::Session(e) => &e.id,
            Entity::LearningObjective(e) => &e.id,
            Entity::Resource(e) => &e.id,
            Entity::Attempt(e) => &e.id,
            Entity::Response(e) => &e.id,
            Entity::Score(e) => &e.id,
            Entity::Other(e) => e.id(),
        }
    }
}

impl<'de> Deserialize<'de> for Entity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The `type` picks the struct, so the JSON is read once as a Value.
        let v = Value::deserialize(d)?;
        let kind = match v.get("type") {
            None => return Err(D::Error::missing_field("type")),
            Some(t) => EntityType::deserialize(t).map_err(D::Error::custom)?,
        };
        Entity::typed(kind, v).map_err(D::Error::custom)
    }
}

impl Entity {
    /// The entity of `kind` that `v` describes.
    fn typed(kind: EntityType, v: Value) -> serde_json::Result<Self> {
        use EntityType::*;
        match kind {
            Agent | Person | SoftwareApplication => serde_json::from_value(v).map(Entity::Agent),
            Organization | CourseOffering | CourseSection | Group => {
                serde_json::from_value(v).map(Entity::Organization)
            }
            Membership => serde_json::from_value(v).map(Entity::Membership),
            Session | LtiSession => serde_json::from_value(v).map(Entity::Session),
            LearningObjective => serde_json::from_value(v).map(Entity::LearningObjective),
            Attempt => serde_json::from_value(v).map(Entity::Attempt),
            Response
            | FillinBlankResponse
            | MultipleChoiceResponse
            | MultipleResponseResponse
            | SelectTextResponse
            | TrueFalseResponse => serde_json::from_value(v).map(Entity::Response),
            Score => serde_json::from_value(v).map(Entity::Score),
            Other(_) => match v {
                Value::Object(object) => Ok(Entity::Other(OtherEntity { kind, object })),
                _ => Err(serde::de::Error::custom("an entity must be a JSON object")),
            },
            _ => serde_json::from_value(v).map(Entity::Resource),
        }
    }
}

macro_rules! into_entity {
    ($($t:ident),*) => {$(
        impl From<$t> for Entity {
            fn from(e: $t) -> Self {
                Entity::$t(e)
            }
        }
        impl From<$t> for Ref<Entity> {
            fn from(e: $t) -> Self {
                Ref::Entity(Entity::$t(e))
            }
        }
    )*};
}

into_entity!(
    Agent,
    Organization,
    Membership,
    Session,
    LearningObjective,
    Resource,
    Attempt,
    Response,
    Score
);
