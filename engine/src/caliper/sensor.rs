//! A sensor for one candidate's delivery of one assessment: it keeps the
//! Attempt counts of the Assessment Profile and builds the events.
//!
//! Attempt `count` rules: the first Started gives 1 and each new attempt
//! (Started after Submitted, or Restarted) adds 1; Paused and Resumed keep
//! the count; an item's Started starts a new attempt at that item (its
//! own count, kept across assessment attempts); Skipped generates no
//! Attempt; Completed keeps the item attempt's count.
//!
//! The state is plain serde data, so a browser player can persist it
//! between page loads. Times are Unix milliseconds from the host.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::entity::{
    Agent, Attempt, Entity, EntityType, LearningObjective, Membership, Organization, Ref, Resource,
    Response, ResponseKind, Score, Session,
};
use super::event::{Action, Event, EventType, Profile};
use super::id::{IdSource, RngIds};
use crate::results::format_datestamp;

/// What the host knows about the delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensorContext {
    /// The candidate (`Person`).
    pub actor: Agent,
    /// The delivery system (`SoftwareApplication`).
    pub ed_app: Agent,
    /// Who scores automatically (GradeEvent actor, Score `scoredBy`);
    /// the edApp when absent.
    pub scorer: Option<Agent>,
    /// The `Assessment` delivered.
    pub assessment: Resource,
    /// Prefix of item IRIs: an item's id is this + its identifier.
    pub item_iri_base: String,
    pub group: Option<Organization>,
    pub membership: Option<Membership>,
    pub session: Option<Session>,
    pub federated_session: Option<Session>,
}

impl SensorContext {
    pub fn new(actor: Agent, ed_app: Agent, assessment: Resource) -> Self {
        let item_iri_base = format!("{}/items/", assessment.id);
        SensorContext {
            actor,
            ed_app,
            scorer: None,
            assessment,
            item_iri_base,
            group: None,
            membership: None,
            session: None,
            federated_session: None,
        }
    }

    /// Attach CASE learning objectives to the assessment.
    pub fn with_learning_objectives(mut self, objectives: Vec<LearningObjective>) -> Self {
        self.assessment.learning_objectives = objectives;
        self
    }
}

/// Misuse of the sensor (an event out of order).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SensorError {
    #[error("the assessment is not in progress")]
    NotInProgress,
    #[error("the assessment is already in progress")]
    AlreadyInProgress,
    #[error("the assessment is paused")]
    Paused,
    #[error("the assessment is not paused")]
    NotPaused,
    #[error("item {0} has no attempt in progress")]
    ItemNotStarted(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct AttemptState {
    id: String,
    count: u64,
    started_at: i64,
    /// Milliseconds spent paused (assessment attempts only).
    paused_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ItemState {
    /// Attempts at this item so far.
    count: u64,
    /// The attempt in progress, if any.
    current: Option<AttemptState>,
    /// The last attempt, kept for grading after completion.
    last: Option<(String, u64, i64, Option<i64>)>,
}

/// The Assessment Profile sensor state for one delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentSensorState {
    pub context: SensorContext,
    ids: RngIds,
    progress: SensorProgress,
}

/// The part of a sensor's state that a reloaded page continues from: the
/// attempts and their counts. The context comes from the host again and ids
/// from the new page's randomness, so neither is kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SensorProgress {
    /// Assessment attempts so far.
    count: u64,
    current: Option<AttemptState>,
    /// Last assessment attempt: id, count, started, ended.
    last: Option<(String, u64, i64, Option<i64>)>,
    paused_at: Option<i64>,
    items: BTreeMap<String, ItemState>,
}

impl AssessmentSensorState {
    /// `ids` must be seeded from a cryptographic source by the host.
    pub fn new(context: SensorContext, ids: RngIds) -> Self {
        AssessmentSensorState {
            context,
            ids,
            progress: SensorProgress::default(),
        }
    }

    /// Continues a delivery begun on an earlier page: `progress` is what
    /// [`progress`](Self::progress) gave there; `ids` must come from a new
    /// source so that the restored state does not repeat ids it gave out.
    pub fn resume(context: SensorContext, ids: RngIds, progress: SensorProgress) -> Self {
        AssessmentSensorState {
            context,
            ids,
            progress,
        }
    }

    /// What to keep for [`resume`](Self::resume).
    pub fn progress(&self) -> &SensorProgress {
        &self.progress
    }

    /// Take ids from a new source: a state restored on another page must
    /// not repeat the ids it already gave out.
    pub fn reseed(&mut self, ids: RngIds) {
        self.ids = ids;
    }

    /// The current (or last) assessment attempt count; 0 before Started.
    pub fn attempt_count(&self) -> u64 {
        self.progress.count
    }

    /// Attempts at `item_identifier` so far.
    pub fn item_attempt_count(&self, item_identifier: &str) -> u64 {
        self.progress
            .items
            .get(item_identifier)
            .map_or(0, |i| i.count)
    }

    pub fn is_in_progress(&self) -> bool {
        self.progress.current.is_some()
    }

    /// Whether an attempt at `item_identifier` is in progress (Started and
    /// not yet Completed or Skipped).
    pub fn is_item_in_progress(&self, item_identifier: &str) -> bool {
        self.progress
            .items
            .get(item_identifier)
            .is_some_and(|i| i.current.is_some())
    }

    pub fn is_paused(&self) -> bool {
        self.progress.paused_at.is_some()
    }

    /// The IRI of an item of this assessment.
    pub fn item_iri(&self, item_identifier: &str) -> String {
        format!("{}{item_identifier}", self.context.item_iri_base)
    }

    /// The `AssessmentItem` entity for an item identifier and title.
    pub fn item_entity(&self, item_identifier: &str, title: Option<&str>) -> Resource {
        Resource::assessment_item(
            self.item_iri(item_identifier),
            title.map(str::to_string),
            self.context.assessment.id.clone(),
        )
    }

    fn event(
        &mut self,
        kind: EventType,
        profile: Profile,
        actor: Ref<Agent>,
        action: Action,
        object: Ref<Entity>,
        now: i64,
    ) -> Event {
        let mut e = Event::new(
            self.ids.next_id(),
            kind,
            Some(profile),
            actor,
            action,
            object,
            now,
        );
        let c = &self.context;
        e.ed_app = Some(Ref::Entity(c.ed_app.clone()));
        e.group = c.group.clone().map(Ref::Entity);
        e.membership = c.membership.clone().map(Ref::Entity);
        e.session = c.session.clone().map(Ref::Entity);
        e.federated_session = c.federated_session.clone().map(Ref::Entity);
        e
    }

    fn learner_event(
        &mut self,
        kind: EventType,
        action: Action,
        object: Ref<Entity>,
        now: i64,
    ) -> Event {
        let actor = Ref::Entity(self.context.actor.clone());
        self.event(kind, Profile::AssessmentProfile, actor, action, object, now)
    }

    fn assessment_attempt(&self, a: &AttemptState, ended: Option<i64>) -> Attempt {
        let active_end = ended.or(self.progress.paused_at);
        Attempt {
            id: a.id.clone(),
            kind: EntityType::Attempt,
            assignee: Some(Ref::Iri(self.context.actor.id.clone())),
            assignable: Some(Ref::Iri(self.context.assessment.id.clone())),
            is_part_of: None,
            count: Some(a.count),
            date_created: Some(format_datestamp(a.started_at)),
            started_at_time: Some(format_datestamp(a.started_at)),
            ended_at_time: ended.map(format_datestamp),
            duration: ended.and(active_end).map(|end| {
                crate::value::format_iso_duration(
                    (end - a.started_at - a.paused_ms).max(0) as f64 / 1000.0,
                )
            }),
            extensions: None,
        }
    }

    fn assessment_event(&mut self, action: Action, attempt: Attempt, now: i64) -> Event {
        let object = Ref::Entity(Entity::Resource(self.context.assessment.clone()));
        let mut e = self.learner_event(EventType::AssessmentEvent, action, object, now);
        e.generated = Some(Ref::Entity(Entity::Attempt(attempt)));
        e
    }

    fn new_attempt(&mut self, now: i64) -> Attempt {
        self.progress.count += 1;
        let a = AttemptState {
            id: self.ids.next_id(),
            count: self.progress.count,
            started_at: now,
            paused_ms: 0,
        };
        let attempt = self.assessment_attempt(&a, None);
        self.progress.last = Some((a.id.clone(), a.count, a.started_at, None));
        self.progress.current = Some(a);
        self.progress.paused_at = None;
        attempt
    }

    /// AssessmentEvent Started: a new attempt (count 1, then +1 per attempt).
    pub fn started(&mut self, now: i64) -> Result<Event, SensorError> {
        if self.progress.current.is_some() {
            return Err(SensorError::AlreadyInProgress);
        }
        let attempt = self.new_attempt(now);
        Ok(self.assessment_event(Action::Started, attempt, now))
    }

    /// AssessmentEvent Paused: same attempt, same count.
    pub fn paused(&mut self, now: i64) -> Result<Event, SensorError> {
        let a = self.require_running()?.clone();
        self.progress.paused_at = Some(now);
        let attempt = self.assessment_attempt(&a, None);
        Ok(self.assessment_event(Action::Paused, attempt, now))
    }

    /// AssessmentEvent Resumed: same attempt, same count.
    pub fn resumed(&mut self, now: i64) -> Result<Event, SensorError> {
        let at = self.progress.paused_at.ok_or(SensorError::NotPaused)?;
        self.progress.paused_at = None;
        let a = self
            .progress
            .current
            .as_mut()
            .ok_or(SensorError::NotInProgress)?;
        a.paused_ms += (now - at).max(0);
        let a = a.clone();
        let attempt = self.assessment_attempt(&a, None);
        Ok(self.assessment_event(Action::Resumed, attempt, now))
    }

    /// AssessmentEvent Restarted: a new attempt, count + 1.
    pub fn restarted(&mut self, now: i64) -> Result<Event, SensorError> {
        if self.progress.current.is_none() {
            return Err(SensorError::NotInProgress);
        }
        for item in self.progress.items.values_mut() {
            item.current = None;
        }
        let attempt = self.new_attempt(now);
        Ok(self.assessment_event(Action::Restarted, attempt, now))
    }

    /// AssessmentEvent Submitted: the attempt ends (endedAtTime, duration
    /// without paused time); a later `started` begins attempt count + 1.
    pub fn submitted(&mut self, now: i64) -> Result<Event, SensorError> {
        let mut a = self
            .progress
            .current
            .take()
            .ok_or(SensorError::NotInProgress)?;
        if let Some(at) = self.progress.paused_at.take() {
            a.paused_ms += (now - at).max(0);
        }
        let attempt = self.assessment_attempt(&a, Some(now));
        self.progress.last = Some((a.id, a.count, a.started_at, Some(now)));
        Ok(self.assessment_event(Action::Submitted, attempt, now))
    }

    fn require_running(&self) -> Result<&AttemptState, SensorError> {
        let a = self
            .progress
            .current
            .as_ref()
            .ok_or(SensorError::NotInProgress)?;
        if self.progress.paused_at.is_some() {
            return Err(SensorError::Paused);
        }
        Ok(a)
    }

    fn item_attempt(
        &self,
        identifier: &str,
        a: &AttemptState,
        ended: Option<i64>,
        full_assignable: Option<&Resource>,
    ) -> Attempt {
        let parent = self
            .progress
            .current
            .as_ref()
            .map(|p| p.id.clone())
            .or_else(|| self.progress.last.as_ref().map(|l| l.0.clone()));
        Attempt {
            id: a.id.clone(),
            kind: EntityType::Attempt,
            assignee: Some(Ref::Iri(self.context.actor.id.clone())),
            assignable: Some(match full_assignable {
                Some(r) => Ref::Entity(r.summary()),
                None => Ref::Iri(self.item_iri(identifier)),
            }),
            is_part_of: parent.map(|p| Box::new(Ref::Iri(p))),
            count: Some(a.count),
            date_created: Some(format_datestamp(a.started_at)),
            started_at_time: Some(format_datestamp(a.started_at)),
            ended_at_time: ended.map(format_datestamp),
            duration: None,
            extensions: None,
        }
    }

    /// AssessmentItemEvent Started: a new attempt at the item.
    pub fn item_started(
        &mut self,
        item: &Resource,
        identifier: &str,
        now: i64,
    ) -> Result<Event, SensorError> {
        self.require_running()?;
        let id = self.ids.next_id();
        let a = AttemptState {
            id,
            count: self.item_attempt_count(identifier) + 1,
            started_at: now,
            paused_ms: 0,
        };
        // Every field is new, so the state is inserted whole: `entry` would
        // compile a second insertion path for this map beside the one its
        // deserialization (a reloaded page's progress) uses.
        self.progress.items.insert(
            identifier.to_string(),
            ItemState {
                count: a.count,
                current: Some(a.clone()),
                last: Some((a.id.clone(), a.count, now, None)),
            },
        );
        let attempt = self.item_attempt(identifier, &a, None, None);
        let mut e = self.learner_event(
            EventType::AssessmentItemEvent,
            Action::Started,
            Ref::Entity(Entity::Resource(item.clone())),
            now,
        );
        e.generated = Some(Ref::Entity(Entity::Attempt(attempt)));
        Ok(e)
    }

    /// AssessmentItemEvent Skipped: no Attempt is generated; an attempt in
    /// progress at the item is abandoned.
    pub fn item_skipped(
        &mut self,
        item: &Resource,
        identifier: &str,
        now: i64,
    ) -> Result<Event, SensorError> {
        self.require_running()?;
        if let Some(state) = self.progress.items.get_mut(identifier) {
            state.current = None;
        }
        Ok(self.learner_event(
            EventType::AssessmentItemEvent,
            Action::Skipped,
            Ref::Entity(Entity::Resource(item.clone())),
            now,
        ))
    }

    /// AssessmentItemEvent Completed: generates the Response, whose
    /// `attempt` is the item attempt (same count) now ended. `kind` and
    /// `value` come from the item session (see [`ResponseKind::for_value`]).
    pub fn item_completed(
        &mut self,
        item: &Resource,
        identifier: &str,
        kind: ResponseKind,
        value: &crate::value::Value,
        now: i64,
    ) -> Result<Event, SensorError> {
        self.require_running()?;
        let a = self
            .progress
            .items
            .get_mut(identifier)
            .and_then(|s| {
                let a = s.current.take()?;
                s.last = Some((a.id.clone(), a.count, a.started_at, Some(now)));
                Some(a)
            })
            .ok_or_else(|| SensorError::ItemNotStarted(identifier.to_string()))?;
        let attempt = self.item_attempt(identifier, &a, Some(now), Some(item));
        let mut response = Response::from_value(self.ids.next_id(), kind, value);
        response.attempt = Some(Ref::Entity(attempt));
        response.date_created = Some(format_datestamp(now));
        response.started_at_time = Some(format_datestamp(a.started_at));
        response.ended_at_time = Some(format_datestamp(now));
        let mut e = self.learner_event(
            EventType::AssessmentItemEvent,
            Action::Completed,
            Ref::Entity(Entity::Resource(item.clone())),
            now,
        );
        e.generated = Some(Ref::Entity(Entity::Response(response)));
        Ok(e)
    }

    /// The `AssessmentItem` entity for a QTI item (id = item IRI base +
    /// identifier, name = title).
    pub fn item_from_qti(&self, item: &crate::model::AssessmentItem) -> Resource {
        Resource::from_qti_item(
            item,
            &self.context.item_iri_base,
            self.context.assessment.id.clone(),
        )
    }

    /// AssessmentItemEvent Completed for an item session: the Response
    /// carries the value of `response_identifier`; its Caliper type is
    /// `kind` when the host knows the interaction (e.g. hottext →
    /// [`ResponseKind::SelectText`]), else chosen from the value.
    pub fn item_completed_from_session(
        &mut self,
        item: &Resource,
        session: &crate::session::ItemSession,
        response_identifier: &str,
        kind: Option<ResponseKind>,
        now: i64,
    ) -> Result<Event, SensorError> {
        let value = session.value(response_identifier).clone();
        let kind = kind.unwrap_or_else(|| ResponseKind::for_value(&value));
        let identifier = session.item().identifier.clone();
        self.item_completed(item, &identifier, kind, &value, now)
    }

    /// GradeEvent Graded (Grading Profile) by the automatic scorer: the
    /// object is the last attempt at the item (`Some(identifier)`) or at
    /// the assessment (`None`); the Score's `scoredBy` and the event's
    /// actor are the scorer SoftwareApplication.
    pub fn graded(
        &mut self,
        item_identifier: Option<&str>,
        score_given: Option<f64>,
        max_score: Option<f64>,
        now: i64,
    ) -> Result<Event, SensorError> {
        let (attempt_id, count, started, ended, assignable, parent) = match item_identifier {
            Some(identifier) => {
                let s = self
                    .progress
                    .items
                    .get(identifier)
                    .ok_or_else(|| SensorError::ItemNotStarted(identifier.to_string()))?;
                let (id, count, started, ended) = s
                    .last
                    .clone()
                    .ok_or_else(|| SensorError::ItemNotStarted(identifier.to_string()))?;
                let parent = self.progress.last.as_ref().map(|l| l.0.clone());
                (id, count, started, ended, self.item_iri(identifier), parent)
            }
            None => {
                let (id, count, started, ended) = self
                    .progress
                    .last
                    .clone()
                    .ok_or(SensorError::NotInProgress)?;
                (
                    id,
                    count,
                    started,
                    ended,
                    self.context.assessment.id.clone(),
                    None,
                )
            }
        };
        let scorer = self
            .context
            .scorer
            .clone()
            .unwrap_or_else(|| self.context.ed_app.clone());
        let attempt = Attempt {
            id: attempt_id.clone(),
            kind: EntityType::Attempt,
            assignee: Some(Ref::Iri(self.context.actor.id.clone())),
            assignable: Some(Ref::Iri(assignable)),
            is_part_of: parent.map(|p| Box::new(Ref::Iri(p))),
            count: Some(count),
            date_created: Some(format_datestamp(started)),
            started_at_time: Some(format_datestamp(started)),
            ended_at_time: ended.map(format_datestamp),
            duration: None,
            extensions: None,
        };
        let mut score = Score::new(self.ids.next_id(), score_given, max_score);
        score.attempt = Some(Ref::Iri(attempt_id));
        score.scored_by = Some(Ref::Iri(scorer.id.clone()));
        score.date_created = Some(format_datestamp(now));
        let mut e = self.event(
            EventType::GradeEvent,
            Profile::GradingProfile,
            Ref::Entity(scorer),
            Action::Graded,
            Ref::Entity(Entity::Attempt(attempt)),
            now,
        );
        e.generated = Some(Ref::Entity(Entity::Score(score)));
        // A Grading Profile event has no learner membership or session.
        e.membership = None;
        e.session = None;
        Ok(e)
    }

    /// GradeEvent from an item session's SCORE and MAXSCORE.
    pub fn graded_session(
        &mut self,
        item_identifier: &str,
        session: &crate::session::ItemSession,
        now: i64,
    ) -> Result<Event, SensorError> {
        let s = Score::from_session(String::new(), session);
        self.graded(Some(item_identifier), s.score_given, s.max_score, now)
    }

    /// NavigationEvent NavigatedTo (Assessment Profile; set `profile` on
    /// the returned event for another profile): the candidate
    /// moved to `object` (an item, the assessment, a WebPage ...), from
    /// `referrer` if known.
    pub fn navigated_to(
        &mut self,
        object: Resource,
        referrer: Option<Resource>,
        now: i64,
    ) -> Event {
        let mut e = self.learner_event(
            EventType::NavigationEvent,
            Action::NavigatedTo,
            Ref::Entity(Entity::Resource(object)),
            now,
        );
        e.referrer = referrer.map(|r| Ref::Entity(Entity::Resource(r)));
        e
    }

    /// SessionEvent LoggedIn (Session Profile): the candidate signed in
    /// to the edApp; the event's `session` is the context's session.
    pub fn logged_in(&mut self, now: i64) -> Event {
        let actor = Ref::Entity(self.context.actor.clone());
        let object = Ref::Entity(Entity::Agent(self.context.ed_app.clone()));
        self.event(
            EventType::SessionEvent,
            Profile::SessionProfile,
            actor,
            Action::LoggedIn,
            object,
            now,
        )
    }

    /// SessionEvent LoggedOut (Session Profile); the session gets its
    /// `endedAtTime` (and `duration` when its start is known as Unix ms).
    pub fn logged_out(&mut self, session_started_millis: Option<i64>, now: i64) -> Event {
        let actor = Ref::Entity(self.context.actor.clone());
        let object = Ref::Entity(Entity::Agent(self.context.ed_app.clone()));
        let mut e = self.event(
            EventType::SessionEvent,
            Profile::SessionProfile,
            actor,
            Action::LoggedOut,
            object,
            now,
        );
        if let Some(Ref::Entity(session)) = e.session.as_mut() {
            session.ended_at_time = Some(format_datestamp(now));
            session.duration = session_started_millis.map(|start| {
                crate::value::format_iso_duration((now - start).max(0) as f64 / 1000.0)
            });
        }
        e
    }

    /// ViewEvent Viewed (Assessment Profile): the candidate viewed `object`.
    pub fn viewed(&mut self, object: Resource, now: i64) -> Event {
        self.learner_event(
            EventType::ViewEvent,
            Action::Viewed,
            Ref::Entity(Entity::Resource(object)),
            now,
        )
    }
}
