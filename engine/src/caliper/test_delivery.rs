//! The Caliper events of a test delivery (Assessment, Navigation and
//! Grading profiles), derived from what a [`TestSession`] action changed:
//! the test Started, a NavigationEvent and an item Started per move, an
//! item Completed (or Skipped) and Graded per ended attempt, the test
//! Submitted and Graded at the end.

use super::entity::{LearningObjective, Resource, ResponseKind};
use super::event::Event;
use super::sensor::AssessmentSensorState;
use crate::test_session::TestSession;
use crate::value::{Scalar, Value};

/// What the events are computed from: the session before an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    position: usize,
    ended: bool,
    visited: usize,
    attempts: Vec<i64>,
}

impl Snapshot {
    pub fn of(session: &TestSession) -> Self {
        Snapshot {
            position: session.position(),
            ended: session.is_ended(),
            visited: session.visited().len(),
            attempts: (0..session.route().len())
                .map(|i| session.item_session(i).map_or(0, |s| s.num_attempts()))
                .collect(),
        }
    }
}

/// The test started: AssessmentEvent Started, then the first item.
pub fn start(sensor: &mut AssessmentSensorState, session: &TestSession, now: i64) -> Vec<Event> {
    let mut out: Vec<Event> = sensor.started(now).into_iter().collect();
    if !session.is_ended() {
        out.extend(arrive(sensor, session, session.position(), None, true, now));
    }
    out
}

/// The delivery opens on a page: a new test starts (Started); a test
/// session restored after a reload continues the attempt in progress with
/// no event (the sensor state was kept with it); a new test session while
/// an earlier attempt is still in progress starts over (Restarted, a new
/// attempt with count + 1, as the Assessment Profile counts attempts).
pub fn begin(
    sensor: &mut AssessmentSensorState,
    session: &TestSession,
    restored: bool,
    now: i64,
) -> Vec<Event> {
    if restored && (sensor.is_in_progress() || session.is_ended()) {
        return Vec::new();
    }
    if !sensor.is_in_progress() {
        return start(sensor, session, now);
    }
    let mut out: Vec<Event> = sensor.restarted(now).into_iter().collect();
    if !session.is_ended() {
        out.extend(arrive(sensor, session, session.position(), None, true, now));
    }
    out
}

/// The events of whatever an action changed since `before`.
pub fn after(
    sensor: &mut AssessmentSensorState,
    session: &TestSession,
    before: &Snapshot,
    now: i64,
) -> Vec<Event> {
    let mut out = Vec::new();
    for (i, &was) in before.attempts.iter().enumerate() {
        let Some(item_session) = session.item_session(i) else {
            continue;
        };
        if item_session.num_attempts() <= was {
            continue;
        }
        let Some((resource, key)) = item(sensor, session, i) else {
            continue;
        };
        // A further attempt at an item (adaptive, or several attempts
        // allowed) starts when the last one was completed.
        if !sensor.is_item_in_progress(&key) {
            out.extend(sensor.item_started(&resource, &key, now).ok());
        }
        // Keyed by the item reference: one item file can be used twice.
        let event = match super::entity::reported_response(item_session.item()) {
            Some((r, interaction)) if item_session.is_responded() => {
                let value = item_session.value(&r);
                let kind = match interaction {
                    Some(i) => ResponseKind::for_interaction(i, value),
                    None => ResponseKind::for_value(value),
                };
                sensor.item_completed(&resource, &key, kind, value, now)
            }
            _ => sensor.item_skipped(&resource, &key, now),
        };
        out.extend(event.ok());
        out.extend(sensor.graded_session(&key, item_session, now).ok());
    }
    if !session.is_ended() && session.position() != before.position {
        let referrer = (!before.ended).then_some(before.position);
        let first_visit = session.visited().len() > before.visited;
        out.extend(arrive(
            sensor,
            session,
            session.position(),
            referrer,
            first_visit,
            now,
        ));
    }
    if session.is_ended() && !before.ended {
        out.extend(sensor.submitted(now).ok());
        let score = number(session.outcomes().get("SCORE"));
        let max = number(session.outcomes().get("MAXSCORE")).or_else(|| {
            session
                .test()
                .declaration("SCORE")
                .and_then(|d| d.outcome())
                .and_then(|o| o.normal_maximum)
        });
        out.extend(sensor.graded(None, score, max, now).ok());
    }
    out
}

fn item(
    sensor: &AssessmentSensorState,
    session: &TestSession,
    index: usize,
) -> Option<(Resource, String)> {
    let key = key(session, index);
    let item = session.item_session(index)?.item();
    let title = Some(item.title.as_str()).filter(|t| !t.is_empty());
    let mut entity = sensor.item_entity(&key, title);
    entity.learning_objectives = LearningObjective::from_alignments(&item.alignments);
    Some((entity, key))
}

/// NavigatedTo the item (from the referrer item), and the item Started
/// when it is presented for the first time.
fn arrive(
    sensor: &mut AssessmentSensorState,
    session: &TestSession,
    index: usize,
    referrer: Option<usize>,
    first_visit: bool,
    now: i64,
) -> Vec<Event> {
    let Some((resource, key)) = item(sensor, session, index) else {
        return Vec::new();
    };
    let from = referrer
        .and_then(|r| item(sensor, session, r))
        .map(|(r, _)| r);
    let mut out = vec![sensor.navigated_to(resource.clone(), from, now)];
    if first_visit {
        out.extend(sensor.item_started(&resource, &key, now).ok());
    }
    out
}

/// The key of a route item: its reference, `Q1.2` for a repeated selection.
fn key(session: &TestSession, index: usize) -> String {
    let r = &session.route()[index];
    if r.occurrence == 0 {
        r.item_ref.clone()
    } else {
        format!("{}.{}", r.item_ref, r.occurrence + 1)
    }
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Single(s @ (Scalar::Integer(_) | Scalar::Float(_))) => s.as_f64(),
        _ => None,
    }
}
