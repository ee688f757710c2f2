//! The test session (ASI "Test Session" lifecycle): the route through a
//! test, navigation and submission modes, item session control, time
//! limits, preConditions and branchRules, and outcome processing with the
//! test-level expressions. Its state serializes to JSON with nothing lost.

mod environment;
pub mod load;
pub mod route;
pub mod script;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::expr::{Expr, eval};
use crate::model::AssessmentItem;
use crate::model::test::{
    AssessmentTest, BranchRule, Control, EXIT_SECTION, EXIT_TEST, EXIT_TESTPART, ItemRef,
    ItemSessionControl, NavigationMode, ResponseValidity, Section, SectionPart, SubmissionMode,
    TimeLimits,
};
use crate::processing::validation::validate_responses;
use crate::random::Rng;
use crate::session::{ItemSession, SessionState};
use crate::value::{Scalar, Value};
pub use load::{LoadedTest, load_test};
pub use route::RouteItem;

/// Where the session is, apart from the item sessions themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub test_identifier: String,
    pub seed: u64,
    pub rng: Rng,
    pub route: Vec<RouteItem>,
    /// Route index of the current item.
    pub position: usize,
    /// Index of the current test part.
    pub part: usize,
    pub ended: bool,
    /// Route indexes in the order they were first presented.
    pub visited: Vec<usize>,
    /// Route indexes with responses not yet submitted.
    pub pending: Vec<usize>,
    /// Test outcome values.
    pub outcomes: BTreeMap<String, Value>,
    /// Seconds spent: `duration` for the test, `P01.duration` for parts and sections.
    pub durations: BTreeMap<String, Value>,
    /// Route indexes the candidate flagged for review.
    #[serde(default)]
    pub flagged: Vec<usize>,
    /// The candidate's extra time (an accommodation), applied to every maxTime.
    #[serde(default)]
    pub extra_time: ExtraTime,
}

/// Additional testing time (AfA PNP `additional-testing-time`): how a
/// candidate's time limits stretch. minTime is not changed.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExtraTime {
    #[default]
    None,
    /// maxTime × this factor (1.5 = time and a half).
    Multiplier(f64),
    /// maxTime + this many minutes.
    FixedMinutes(f64),
    /// No maxTime applies.
    Unlimited,
}

impl ExtraTime {
    /// A maxTime for this candidate; `None` when it no longer applies.
    pub fn stretch(self, max_time: f64) -> Option<f64> {
        match self {
            ExtraTime::None => Some(max_time),
            ExtraTime::Multiplier(m) if m.is_finite() && m >= 1.0 => Some(max_time * m),
            ExtraTime::FixedMinutes(m) if m.is_finite() && m >= 0.0 => Some(max_time + m * 60.0),
            ExtraTime::Unlimited => None,
            // A factor below 1 or a negative time would take time away.
            _ => Some(max_time),
        }
    }
}

/// A saved test session: progress and every item session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestSessionState {
    pub progress: Progress,
    pub items: Vec<SessionState>,
}

/// What a section or item reference contributes to navigation.
#[derive(Debug, Clone)]
struct Level {
    // Shared: navigation evaluates them with the session borrowed
    // mutably, so it holds its own handle (a pointer copy, not a deep one).
    pre_conditions: Arc<[Expr]>,
    branch_rules: Arc<[BranchRule]>,
    control: Option<ItemSessionControl>,
    time_limits: Option<TimeLimits>,
    /// Parent section, for EXIT_SECTION on a section's own rule.
    parent: Option<String>,
}

/// A running test session.
#[derive(Debug, Clone)]
pub struct TestSession {
    test: Arc<AssessmentTest>,
    items: BTreeMap<String, Arc<AssessmentItem>>,
    sessions: Vec<ItemSession>,
    progress: Progress,
    sections: HashMap<String, Level>,
    refs: HashMap<String, (ItemRef, Level)>,
    warnings: Vec<String>,
}

impl TestSession {
    /// Start a session: draw the route, open every item session, and
    /// enter the first test part whose preConditions hold.
    pub fn new(loaded: &LoadedTest, seed: u64) -> Result<Self, Error> {
        let mut rng = Rng::new(seed);
        let route = route::build(&loaded.test, &mut rng);
        let mut progress = Progress {
            test_identifier: loaded.test.identifier.clone(),
            seed,
            rng,
            route,
            position: 0,
            part: 0,
            ended: false,
            visited: Vec::new(),
            pending: Vec::new(),
            outcomes: BTreeMap::new(),
            durations: BTreeMap::new(),
            flagged: Vec::new(),
            extra_time: ExtraTime::None,
        };
        let sessions = progress
            .route
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let item = Arc::clone(&loaded.items[&r.item_ref]);
                ItemSession::new(item, seed.wrapping_add(0x9E37_79B9 * (i as u64 + 1)))
            })
            .collect();
        progress.outcomes = loaded
            .test
            .declarations
            .iter()
            .map(|d| (d.identifier.clone(), d.initial_value()))
            .collect();
        let mut session = Self::assemble(loaded, progress, sessions);
        session.apply_template_defaults(loaded);
        session.enter_part(0);
        Ok(session)
    }

    /// Resume a saved session exactly where it was.
    pub fn restore(loaded: &LoadedTest, state: TestSessionState) -> Result<Self, Error> {
        if state.progress.test_identifier != loaded.test.identifier
            || state.items.len() != state.progress.route.len()
        {
            return Err(Error::new(ErrorKind::InvalidValue {
                identifier: state.progress.test_identifier.clone(),
                message: format!(
                    "the saved state is not a session of test '{}'",
                    loaded.test.identifier
                ),
            }));
        }
        let mut sessions = Vec::with_capacity(state.items.len());
        for (r, s) in state.progress.route.iter().zip(state.items) {
            let item = loaded.items.get(&r.item_ref).ok_or_else(|| {
                Error::new(ErrorKind::Undeclared {
                    identifier: r.item_ref.clone(),
                })
            })?;
            sessions.push(ItemSession::restore(Arc::clone(item), s)?);
        }
        Ok(Self::assemble(loaded, state.progress, sessions))
    }

    fn assemble(loaded: &LoadedTest, progress: Progress, sessions: Vec<ItemSession>) -> Self {
        let mut sections = HashMap::new();
        let mut refs = HashMap::new();
        for part in &loaded.test.test_parts {
            for s in &part.sections {
                index_section(s, None, &mut sections, &mut refs);
            }
        }
        TestSession {
            test: Arc::clone(&loaded.test),
            items: loaded.items.clone(),
            sessions,
            progress,
            sections,
            refs,
            warnings: Vec::new(),
        }
    }

    /// `templateDefault`: evaluated in the test (its outcomes at their
    /// defaults), then the item session starts over with those defaults.
    fn apply_template_defaults(&mut self, loaded: &LoadedTest) {
        for index in 0..self.progress.route.len() {
            let item_ref = self.progress.route[index].item_ref.clone();
            let exprs = match self.refs.get(&item_ref) {
                Some((r, _)) if !r.template_defaults.is_empty() => r.template_defaults.clone(),
                _ => continue,
            };
            let values: Vec<(String, Value)> = exprs
                .iter()
                .map(|(id, e)| (id.clone(), eval(e, self)))
                .collect();
            let item = Arc::clone(&loaded.items[&item_ref]);
            let seed = self.sessions[index].state().seed;
            self.sessions[index] = ItemSession::with_template_defaults(item, seed, values);
        }
    }

    pub fn state(&self) -> TestSessionState {
        TestSessionState {
            progress: self.progress.clone(),
            items: self.sessions.iter().map(|s| s.state().clone()).collect(),
        }
    }

    pub fn test(&self) -> &AssessmentTest {
        &self.test
    }

    pub fn route(&self) -> &[RouteItem] {
        &self.progress.route
    }

    pub fn is_ended(&self) -> bool {
        self.progress.ended
    }

    /// Route index of the current item (meaningless once the test ended).
    pub fn position(&self) -> usize {
        self.progress.position
    }

    pub fn current(&self) -> Option<&RouteItem> {
        (!self.progress.ended).then(|| &self.progress.route[self.progress.position])
    }

    pub fn item_session(&self, index: usize) -> Option<&ItemSession> {
        self.sessions.get(index)
    }

    pub fn visited(&self) -> &[usize] {
        &self.progress.visited
    }

    /// Route indexes flagged for review (kept with the session).
    pub fn flagged(&self) -> &[usize] {
        &self.progress.flagged
    }

    /// Flag the current item for review, or take the flag away.
    pub fn toggle_flag(&mut self) {
        let p = self.progress.position;
        match self.progress.flagged.iter().position(|&i| i == p) {
            Some(k) => {
                self.progress.flagged.remove(k);
            }
            None => self.progress.flagged.push(p),
        }
    }

    pub fn outcomes(&self) -> &BTreeMap<String, Value> {
        &self.progress.outcomes
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The `assessmentItemRef` with this identifier (the first, if reused).
    pub fn item_ref(&self, identifier: &str) -> Option<&ItemRef> {
        self.refs.get(identifier).map(|(r, _)| r)
    }

    pub fn item(&self, item_ref: &str) -> Option<&Arc<AssessmentItem>> {
        self.items.get(item_ref)
    }

    pub fn navigation_mode(&self) -> NavigationMode {
        self.test.test_parts[self.progress.part].navigation_mode
    }

    pub fn submission_mode(&self) -> SubmissionMode {
        self.test.test_parts[self.progress.part].submission_mode
    }

    /// The effective itemSessionControl of a route item: the spec's
    /// defaults, then the part, the sections outermost first, the item.
    pub fn control(&self, index: usize) -> Control {
        let r = &self.progress.route[index];
        let mut control =
            Control::default().with(self.test.test_parts[r.part].item_session_control.as_ref());
        for s in &r.sections {
            control = control.with(self.sections.get(s).and_then(|l| l.control.as_ref()));
        }
        control.with(
            self.refs
                .get(&r.item_ref)
                .and_then(|(_, l)| l.control.as_ref()),
        )
    }

    // --- candidate actions -------------------------------------------------

    /// Set responses of the current item (replacing earlier ones) without submitting.
    pub fn answer(&mut self, responses: Vec<(String, Value)>) -> Result<(), Error> {
        let index = self.require_running()?;
        for (id, value) in responses {
            self.sessions[index].set_response(&id, value)?;
        }
        if !self.progress.pending.contains(&index) {
            self.progress.pending.push(index);
        }
        Ok(())
    }

    /// Keep the state a portable custom interaction of the current item
    /// reported (see [`ItemSession::set_interaction_state`]).
    pub fn set_interaction_state(
        &mut self,
        response_identifier: &str,
        state: String,
    ) -> Result<(), Error> {
        let index = self.require_running()?;
        self.sessions[index].set_interaction_state(response_identifier, state)
    }

    /// End an attempt on the current item (individual mode), or submit the
    /// whole test part (simultaneous mode). Never moves.
    pub fn submit(&mut self) -> Result<(), Error> {
        let index = self.require_running()?;
        if self.submission_mode() == SubmissionMode::Simultaneous {
            self.submit_part();
            return Ok(());
        }
        // Responses all at their defaults: the attempt is a skip.
        if !self.progress.pending.contains(&index) || !self.sessions[index].is_responded() {
            return self.skip();
        }
        self.end_attempt(index)
    }

    /// End an attempt with no response.
    pub fn skip(&mut self) -> Result<(), Error> {
        let index = self.require_running()?;
        // An item without responses has nothing to skip.
        let has_responses = self.sessions[index].declarations().iter().any(|d| {
            d.response().is_some() && !matches!(d.identifier.as_str(), "numAttempts" | "duration")
        });
        if !self.control(index).allow_skipping && has_responses {
            return Err(refused(format!(
                "item '{}' cannot be skipped (allowSkipping is false)",
                self.progress.route[index].item_ref
            )));
        }
        self.sessions[index].clear_responses();
        if self.submission_mode() == SubmissionMode::Simultaneous {
            if !self.progress.pending.contains(&index) {
                self.progress.pending.push(index);
            }
            return Ok(());
        }
        if !self.progress.pending.contains(&index) {
            self.progress.pending.push(index);
        }
        self.end_attempt(index)
    }

    fn end_attempt(&mut self, index: usize) -> Result<(), Error> {
        let control = self.control(index);
        let session = &self.sessions[index];
        let item_ref = self.progress.route[index].item_ref.clone();
        // Adaptive items decide themselves when they are complete.
        let limited = control.max_attempts > 0 && !session.item().adaptive;
        if limited && session.num_attempts() >= i64::from(control.max_attempts) {
            return Err(refused(format!(
                "item '{item_ref}' allows {} attempt(s) and has had them",
                control.max_attempts
            )));
        }
        if session.item().adaptive && session.is_completed() {
            return Err(refused(format!(
                "adaptive item '{item_ref}' is already completed"
            )));
        }
        if control.validate_responses {
            let mut problems: Vec<(String, String)> =
                validate_responses(session.item(), |id| session.value(id))
                    .into_iter()
                    .map(|p| (p.response_identifier.clone(), p.message()))
                    .collect();
            if let Some((r, _)) = self.refs.get(&item_ref) {
                problems.extend(
                    r.validity
                        .iter()
                        .filter_map(|v| validity_problem(v, session)),
                );
            }
            if let Some((response, message)) = problems.first() {
                return Err(refused(format!(
                    "invalid response to '{item_ref}' ({response}): {message}"
                )));
            }
        }
        self.check_time(index)?;
        self.sessions[index].submit();
        self.progress.pending.retain(|&i| i != index);
        self.outcome_processing();
        Ok(())
    }

    /// Submit the current (simultaneous) part: response processing for its
    /// items, then outcome processing once.
    fn submit_part(&mut self) {
        let part = self.progress.part;
        // Every pending response, and every item presented but never
        // submitted: its (empty) responses are submitted with the part.
        let due: Vec<usize> = (0..self.progress.route.len())
            .filter(|&i| self.progress.route[i].part == part)
            .filter(|i| {
                self.progress.pending.contains(i)
                    || (self.progress.visited.contains(i) && self.sessions[*i].num_attempts() == 0)
            })
            .collect();
        for index in due {
            self.sessions[index].submit();
        }
        self.progress
            .pending
            .retain(|&i| self.progress.route[i].part != part);
        self.outcome_processing();
    }

    /// The time limits around route item `index`, outermost first: the
    /// test, its part, then each enclosing section, with the time spent.
    fn enclosing_limits(&self, index: usize) -> Vec<(Scope, Option<&TimeLimits>, f64)> {
        let r = &self.progress.route[index];
        let part = &self.test.test_parts[r.part];
        let mut levels = vec![
            (
                Scope::Test,
                self.test.time_limits.as_ref(),
                self.seconds("duration"),
            ),
            (
                Scope::Part(part.identifier.clone()),
                part.time_limits.as_ref(),
                self.seconds(&format!("{}.duration", part.identifier)),
            ),
        ];
        for s in &r.sections {
            let limits = self.sections.get(s).and_then(|l| l.time_limits.as_ref());
            levels.push((
                Scope::Section(s.clone()),
                limits,
                self.seconds(&format!("{s}.duration")),
            ));
        }
        levels
    }

    /// Give the candidate extra time (kept with the session's state).
    pub fn allow_extra_time(&mut self, extra: ExtraTime) {
        self.progress.extra_time = extra;
    }

    pub fn extra_time(&self) -> ExtraTime {
        self.progress.extra_time
    }

    /// The maxTime of `limits` for this candidate (extra time included).
    fn max_time(&self, limits: Option<&TimeLimits>) -> Option<f64> {
        limits
            .and_then(|l| l.max_time)
            .and_then(|max| self.progress.extra_time.stretch(max))
    }

    /// Seconds left under the test's and the current part's maxTime
    /// (extra time included), the smaller of the two; `None` without one.
    pub fn time_left(&self) -> Option<f64> {
        let mut left = self
            .max_time(self.test.time_limits.as_ref())
            .map(|max| max - self.seconds("duration"));
        if !self.progress.ended {
            let part = &self.test.test_parts[self.progress.part];
            if let Some(max) = self.max_time(part.time_limits.as_ref()) {
                let l = max - self.seconds(&format!("{}.duration", part.identifier));
                left = Some(left.map_or(l, |x| x.min(l)));
            }
        }
        left.map(|l| l.max(0.0))
    }

    /// The outermost scope around `index` whose maxTime is over: nothing
    /// more in it can be attempted, so moving on leaves it.
    fn timed_out(&self, index: usize) -> Option<Scope> {
        self.enclosing_limits(index)
            .into_iter()
            .find(|(_, limits, spent)| self.max_time(*limits).is_some_and(|max| *spent > max))
            .map(|(scope, _, _)| scope)
    }

    /// Refuse a late submission: any enclosing maxTime exceeded without
    /// allowLateSubmission.
    fn check_time(&self, index: usize) -> Result<(), Error> {
        let r = &self.progress.route[index];
        let part = &self.test.test_parts[r.part];
        let mut levels: Vec<(String, Option<&TimeLimits>, f64)> = self
            .enclosing_limits(index)
            .into_iter()
            .map(|(scope, limits, spent)| (scope.to_string(), limits, spent))
            .collect();
        let item_time = match self.sessions[index].value("duration") {
            Value::Single(Scalar::Duration(d)) => *d,
            _ => 0.0,
        };
        let item_limits = self
            .refs
            .get(&r.item_ref)
            .and_then(|(_, l)| l.time_limits.as_ref());
        levels.push((r.item_ref.clone(), item_limits, item_time));
        // minTime binds items (and their sections) in linear parts only:
        // the candidate may not end the attempt sooner.
        if part.navigation_mode == NavigationMode::Linear {
            let item_min = item_limits.and_then(|l| l.min_time);
            if let Some(min) = item_min
                && item_time < min
            {
                return Err(refused(format!(
                    "item '{}' needs at least {min} s before its attempt ends ({item_time} s spent)",
                    r.item_ref
                )));
            }
        }
        for (name, limits, spent) in levels {
            if let Some(l) = limits
                && let Some(max) = self.max_time(Some(l))
                && spent > max
                && !l.allow_late_submission
            {
                return Err(refused(format!(
                    "the time limit of {name} ({max} s) is over ({spent} s spent); late submission is not allowed"
                )));
            }
        }
        Ok(())
    }

    fn seconds(&self, key: &str) -> f64 {
        match self.progress.durations.get(key) {
            Some(Value::Single(Scalar::Duration(d))) => *d,
            _ => 0.0,
        }
    }

    /// Move on: in linear mode, branchRules of the item and of the
    /// sections being left decide where, then preConditions filter.
    pub fn move_next(&mut self) -> Result<(), Error> {
        let index = self.require_running()?;
        if self.navigation_mode() == NavigationMode::Nonlinear {
            self.advance(index + 1);
            return Ok(());
        }
        // A scope whose time is over closes: moving on leaves it, before
        // any branchRule is considered.
        match self.timed_out(index) {
            Some(Scope::Test) => {
                self.end_test();
                return Ok(());
            }
            Some(Scope::Part(_)) => {
                self.end_part();
                return Ok(());
            }
            Some(Scope::Section(s)) => {
                let past = self.first_outside(index, &s);
                self.advance(past);
                return Ok(());
            }
            None => {}
        }
        match self.branch_target(index) {
            Some(Jump::To(target)) => self.advance(target),
            Some(Jump::EndPart) => self.end_part(),
            Some(Jump::EndTest) => self.end_test(),
            Some(Jump::Part(p)) => self.leave_part_for(p),
            None => self.advance(index + 1),
        }
        Ok(())
    }

    /// Go back one item (nonlinear parts only).
    pub fn move_previous(&mut self) -> Result<(), Error> {
        let index = self.require_nonlinear("previous")?;
        if index == 0 || self.progress.route[index - 1].part != self.progress.part {
            return Err(refused(
                "there is no previous item in this test part".into(),
            ));
        }
        self.present(index - 1);
        Ok(())
    }

    /// Jump to an item of the current part (nonlinear parts only).
    pub fn move_to(&mut self, item_ref: &str) -> Result<(), Error> {
        self.require_nonlinear("moveTo")?;
        let part = self.progress.part;
        let target = self
            .progress
            .route
            .iter()
            .position(|r| r.item_ref == item_ref && r.part == part)
            .ok_or_else(|| refused(format!("item '{item_ref}' is not in the current test part")))?;
        self.present(target);
        Ok(())
    }

    /// Leave the current part: submit it if simultaneous, apply its
    /// branchRules, enter the next part whose preConditions hold.
    pub fn end_test_part(&mut self) -> Result<(), Error> {
        self.require_running()?;
        self.end_part();
        Ok(())
    }

    /// End the test (submitting a simultaneous part first).
    pub fn end_test(&mut self) {
        if self.progress.ended {
            return;
        }
        if self.submission_mode() == SubmissionMode::Simultaneous {
            self.submit_part();
        }
        self.progress.ended = true;
    }

    /// Let time pass: the test, the current part and sections, and the
    /// current item all count it.
    pub fn clock(&mut self, seconds: f64) {
        if self.progress.ended || !seconds.is_finite() || seconds <= 0.0 {
            return;
        }
        // Time counts while the candidate can still work on the item (as
        // qti-sdk measures it): not after its last allowed attempt.
        if !self.interacting(self.progress.position) {
            return;
        }
        let r = self.progress.route[self.progress.position].clone();
        let mut keys = vec![
            "duration".to_string(),
            format!("{}.duration", self.test.test_parts[r.part].identifier),
        ];
        keys.extend(r.sections.iter().map(|s| format!("{s}.duration")));
        for key in keys {
            let now = self.seconds(&key);
            self.progress
                .durations
                .insert(key, Value::Single(Scalar::Duration(now + seconds)));
        }
        self.sessions[self.progress.position].add_duration(seconds);
    }

    /// Whether the item at `index` can still take an attempt.
    pub fn interacting(&self, index: usize) -> bool {
        if self.submission_mode() == SubmissionMode::Simultaneous {
            return true;
        }
        let session = &self.sessions[index];
        if session.item().adaptive {
            return !session.is_completed();
        }
        let max = self.control(index).max_attempts;
        max == 0 || session.num_attempts() < i64::from(max)
    }

    // --- navigation internals ----------------------------------------------

    fn require_running(&self) -> Result<usize, Error> {
        if self.progress.ended {
            return Err(refused("the test has ended".into()));
        }
        Ok(self.progress.position)
    }

    fn require_nonlinear(&self, action: &str) -> Result<usize, Error> {
        let index = self.require_running()?;
        if self.navigation_mode() == NavigationMode::Linear {
            return Err(refused(format!(
                "'{action}' is not possible in test part '{}': its navigation is linear",
                self.test.test_parts[self.progress.part].identifier
            )));
        }
        Ok(index)
    }

    fn present(&mut self, index: usize) {
        self.progress.position = index;
        self.progress.part = self.progress.route[index].part;
        if !self.progress.visited.contains(&index) {
            self.progress.visited.push(index);
        }
    }

    /// Make `from`, or the first item after it whose preConditions hold
    /// (linear parts), current; past the part's end, leave the part.
    fn advance(&mut self, from: usize) {
        let part = self.progress.part;
        let linear = self.navigation_mode() == NavigationMode::Linear;
        let mut candidate = from;
        while candidate < self.progress.route.len() && self.progress.route[candidate].part == part {
            if !linear {
                self.present(candidate);
                return;
            }
            match self.blocked_by(candidate) {
                None => {
                    self.present(candidate);
                    return;
                }
                Some(Blocked::Item) => candidate += 1,
                Some(Blocked::Section(s)) => {
                    candidate = self.first_outside(candidate, &s);
                }
            }
        }
        self.end_part();
    }

    /// A preCondition that keeps a route item from being presented: the
    /// item's own, or that of a section it would enter.
    fn blocked_by(&mut self, index: usize) -> Option<Blocked> {
        let r = self.progress.route[index].clone();
        let current = &self.progress.route[self.progress.position];
        let entering_from = if self.progress.visited.is_empty() || current.part != r.part {
            0
        } else {
            current
                .sections
                .iter()
                .zip(&r.sections)
                .take_while(|(a, b)| a == b)
                .count()
        };
        for s in &r.sections[entering_from.min(r.sections.len())..] {
            let conditions = self
                .sections
                .get(s)
                .map(|l| l.pre_conditions.clone())
                .unwrap_or_default();
            if !self.all_true(&conditions) {
                return Some(Blocked::Section(s.clone()));
            }
        }
        let conditions = self
            .refs
            .get(&r.item_ref)
            .map(|(_, l)| l.pre_conditions.clone())
            .unwrap_or_default();
        (!self.all_true(&conditions)).then_some(Blocked::Item)
    }

    fn all_true(&mut self, conditions: &[Expr]) -> bool {
        conditions
            .iter()
            .all(|c| eval(c, self) == Value::boolean(true))
    }

    /// The first route index after `index` that is not inside `section`.
    fn first_outside(&self, index: usize, section: &str) -> usize {
        (index..self.progress.route.len())
            .find(|&i| !self.progress.route[i].sections.iter().any(|s| s == section))
            .unwrap_or(self.progress.route.len())
    }

    /// The first branchRule that fires when leaving `index`: the item's,
    /// then those of each section being left, innermost first.
    fn branch_target(&mut self, index: usize) -> Option<Jump> {
        let r = self.progress.route[index].clone();
        let rules = self
            .refs
            .get(&r.item_ref)
            .map(|(_, l)| l.branch_rules.clone())
            .unwrap_or_default();
        if let Some(target) = self.first_firing(&rules) {
            return Some(self.resolve_target(index, &target, r.sections.last().cloned()));
        }
        let next = self
            .progress
            .route
            .get(index + 1)
            .filter(|n| n.part == r.part)
            .cloned();
        for (depth, s) in r.sections.iter().enumerate().rev() {
            let staying = next
                .as_ref()
                .is_some_and(|n| n.sections.get(depth) == Some(s));
            if staying {
                break;
            }
            let level = self.sections.get(s).cloned();
            let rules = level
                .as_ref()
                .map(|l| l.branch_rules.clone())
                .unwrap_or_default();
            if let Some(target) = self.first_firing(&rules) {
                let parent = level.and_then(|l| l.parent);
                return Some(self.resolve_target(index, &target, parent.or(Some(s.clone()))));
            }
        }
        None
    }

    fn first_firing(&mut self, rules: &[BranchRule]) -> Option<String> {
        rules
            .iter()
            .find(|b| eval(&b.condition, self) == Value::boolean(true))
            .map(|b| b.target.clone())
    }

    /// Where a branch target leads from route index `index`; `exiting` is
    /// the section EXIT_SECTION leaves.
    fn resolve_target(&self, index: usize, target: &str, exiting: Option<String>) -> Jump {
        let part = self.progress.route[index].part;
        let after = |pred: &dyn Fn(&RouteItem) -> bool| {
            (index + 1..self.progress.route.len())
                .find(|&i| self.progress.route[i].part == part && pred(&self.progress.route[i]))
        };
        match target {
            EXIT_TEST => Jump::EndTest,
            EXIT_TESTPART => Jump::EndPart,
            EXIT_SECTION => match exiting {
                Some(s) => Jump::To(self.first_outside(index, &s)),
                None => Jump::To(index + 1),
            },
            id if self.test.test_parts.iter().any(|p| p.identifier == id) => {
                let p = self.test.test_parts.iter().position(|p| p.identifier == id);
                Jump::Part(p.unwrap_or_default())
            }
            id => {
                // `Q02.2`: the second occurrence of an item selected with replacement.
                let occurrence = id
                    .rsplit_once('.')
                    .and_then(|(base, n)| Some((base, n.parse::<usize>().ok()?.checked_sub(1)?)));
                let found = after(&|r: &RouteItem| {
                    r.item_ref == id
                        || r.sections.iter().any(|s| s == id)
                        || occurrence
                            .is_some_and(|(base, n)| r.item_ref == base && r.occurrence == n)
                });
                // A target not on the route (not selected) ends the part
                // rather than silently going on as if no rule fired.
                found.map_or(Jump::EndPart, Jump::To)
            }
        }
    }

    /// Leave the current part straight for part `target`, skipping the
    /// current part's own branchRules (the item's rule already decided).
    fn leave_part_for(&mut self, target: usize) {
        if self.submission_mode() == SubmissionMode::Simultaneous {
            self.submit_part();
        }
        self.enter_part(target);
    }

    fn end_part(&mut self) {
        if self.submission_mode() == SubmissionMode::Simultaneous {
            self.submit_part();
        }
        let part = &self.test.test_parts[self.progress.part];
        let rules = part.branch_rules.clone();
        let next = match self.first_firing(&rules) {
            Some(t) if t == EXIT_TEST => None,
            Some(t) => self
                .test
                .test_parts
                .iter()
                .position(|p| p.identifier == t)
                .or(Some(self.progress.part + 1)),
            None => Some(self.progress.part + 1),
        };
        match next {
            Some(p) => self.enter_part(p),
            None => self.progress.ended = true,
        }
    }

    /// Enter the first part from `index` on whose preConditions hold; its
    /// first presentable item becomes current (a part with none is left at
    /// once). No part left ends the test.
    fn enter_part(&mut self, mut index: usize) {
        while index < self.test.test_parts.len() {
            let conditions = self.test.test_parts[index].pre_conditions.clone();
            let first = self.progress.route.iter().position(|r| r.part == index);
            if let Some(first) = first
                && self.all_true(&conditions)
            {
                self.progress.part = index;
                self.advance(first);
                return;
            }
            index += 1;
        }
        self.progress.ended = true;
    }
}

/// Why a route item is not presented.
enum Blocked {
    Item,
    Section(String),
}

/// A level of the test that can have time limits.
enum Scope {
    Test,
    Part(String),
    Section(String),
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Test => f.write_str("the test"),
            Scope::Part(id) | Scope::Section(id) => f.write_str(id),
        }
    }
}

/// Where a branchRule leads.
enum Jump {
    To(usize),
    /// A later test part (a branchRule of an item or section may name one).
    Part(usize),
    EndPart,
    EndTest,
}

/// A compact test's responseValidityConstraint that the response breaks.
fn validity_problem(v: &ResponseValidity, session: &ItemSession) -> Option<(String, String)> {
    let value = session.value(&v.response);
    let count = value.items().len() as u32;
    let problem = |m: String| Some((v.response.clone(), m));
    if count < v.min {
        return problem(format!("at least {} value(s) needed, {count} given", v.min));
    }
    if v.max > 0 && count > v.max {
        return problem(format!("at most {} value(s) allowed, {count} given", v.max));
    }
    if let Some(mask) = &v.pattern_mask {
        for s in value.items() {
            if let Some(text) = s.as_text()
                && !crate::xsd_regex::Regex::new(mask).is_ok_and(|r| r.is_match(text))
            {
                return problem(format!("'{text}' does not match the pattern {mask}"));
            }
        }
    }
    for (choice, min, max) in &v.associations {
        let uses = value
            .items()
            .iter()
            .map(|s| match s {
                Scalar::Pair(a, b) | Scalar::DirectedPair(a, b) => {
                    usize::from(a == choice) + usize::from(b == choice)
                }
                _ => 0,
            })
            .sum::<usize>() as u32;
        if uses < *min || (*max > 0 && uses > *max) {
            return problem(format!(
                "'{choice}' is used {}; {min} to {max} allowed",
                crate::processing::validation::plural(uses, "time")
            ));
        }
    }
    None
}

fn refused(message: String) -> Error {
    Error::new(ErrorKind::Refused(message))
}

fn index_section(
    section: &Section,
    parent: Option<&str>,
    sections: &mut HashMap<String, Level>,
    refs: &mut HashMap<String, (ItemRef, Level)>,
) {
    sections.entry(section.identifier.clone()).or_insert(Level {
        pre_conditions: section.pre_conditions.as_slice().into(),
        branch_rules: section.branch_rules.as_slice().into(),
        control: section.item_session_control,
        time_limits: section.time_limits,
        parent: parent.map(str::to_string),
    });
    for p in &section.parts {
        match p {
            SectionPart::Section(s) => index_section(s, Some(&section.identifier), sections, refs),
            SectionPart::Item(i) => {
                let level = Level {
                    pre_conditions: i.pre_conditions.as_slice().into(),
                    branch_rules: i.branch_rules.as_slice().into(),
                    control: i.item_session_control,
                    time_limits: i.time_limits,
                    parent: Some(section.identifier.clone()),
                };
                // A reused identifier means its first reference.
                refs.entry(i.identifier.clone())
                    .or_insert((i.clone(), level));
            }
        }
    }
}
