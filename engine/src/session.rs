//! The item session (ASI "Item Session" lifecycle): variables, attempts,
//! template and response processing, and a serializable state.
//!
//! Non-adaptive items reset their outcomes to the defaults before each
//! response processing run and are complete after one; adaptive items keep
//! outcomes across attempts and are complete only when response processing
//! sets `completionStatus` to `completed`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::expr::Environment;
use crate::model::AssessmentItem;
use crate::model::declaration::{
    CorrectResponse, Declaration, DeclarationKind, DefaultValue, OutcomeDeclaration,
    ResponseDeclaration,
};
use crate::processing::rules::{Exit, ProcessingEnvironment, coerce, run_rules};
use crate::random::Rng;
use crate::value::{BaseType, Cardinality, Scalar, Value};

/// How many times template processing restarts for an unsatisfied
/// `templateConstraint` before the template variables fall back to their
/// defaults (the spec leaves the number to the delivery engine).
pub const MAX_TEMPLATE_RETRIES: usize = 100;

/// `completionStatus` values.
pub mod completion {
    pub const NOT_ATTEMPTED: &str = "not_attempted";
    pub const UNKNOWN: &str = "unknown";
    pub const COMPLETED: &str = "completed";
    pub const INCOMPLETE: &str = "incomplete";
}

/// Where a session is in its lifecycle (QTI Results Reporting `sessionStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SessionStatus {
    Initial,
    PendingSubmission,
    PendingResponseProcessing,
    Final,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Initial => "initial",
            Self::PendingSubmission => "pendingSubmission",
            Self::PendingResponseProcessing => "pendingResponseProcessing",
            Self::Final => "final",
        }
    }
}

/// Everything needed to resume a session exactly: values, template
/// results, overridden correct responses and defaults, shuffle orders and
/// the generator's position. Serializes to JSON with nothing lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub item_identifier: String,
    pub seed: u64,
    pub rng: Rng,
    pub status: SessionStatus,
    pub values: BTreeMap<String, Value>,
    /// `setCorrectResponse` results.
    pub correct_responses: BTreeMap<String, Value>,
    /// `setDefaultValue` results.
    pub defaults: BTreeMap<String, Value>,
    /// Resolved shuffle orders per response identifier, one list per choice set.
    pub shuffles: BTreeMap<String, Vec<Vec<String>>>,
    /// Scores given from outside (a human rater, an external machine) that
    /// response processing must not overwrite, whatever the declaration says.
    #[serde(default)]
    pub external_scores: BTreeMap<String, Value>,
    /// What portable custom interactions reported of themselves
    /// (`getState()`), by response identifier: a restored session gives it
    /// back to them, so a PCI resumes where the candidate left it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub interaction_states: BTreeMap<String, String>,
}

/// A session over one item.
#[derive(Debug, Clone)]
pub struct ItemSession {
    item: Arc<AssessmentItem>,
    /// The built-in variables the item does not declare itself (usually
    /// all three, shared by every session).
    builtins: Cow<'static, [Declaration]>,
    /// The session's own copy of the declarations, built-ins included, once
    /// template processing overrides a correct response or a default
    /// (`setCorrectResponse`, `setDefaultValue`). Until then a session
    /// reads its item's declarations: copying them for every session cost
    /// more than its template and response processing together.
    overridden: Option<Vec<Declaration>>,
    state: SessionState,
    warnings: Vec<String>,
    /// Template values fixed while template processing runs (see
    /// [`ItemSession::with_template_values`]); empty once the session starts.
    pinned_templates: BTreeMap<String, Value>,
}

impl ItemSession {
    /// Start a session: declare the variables, run template processing and
    /// fix the shuffle orders, all from `seed`.
    pub fn new(item: Arc<AssessmentItem>, seed: u64) -> Self {
        Self::with_template_defaults(item, seed, Vec::new())
    }

    /// Start a session whose template variables take the given defaults
    /// before template processing (a test's `templateDefault`s).
    pub fn with_template_defaults(
        item: Arc<AssessmentItem>,
        seed: u64,
        defaults: Vec<(String, Value)>,
    ) -> Self {
        Self::start(item, seed, defaults, BTreeMap::new())
    }

    /// Start a session whose template variables keep the given values (the
    /// ones a candidate saw, read from a result) whatever template
    /// processing draws. Processing still runs, so the correct responses
    /// and defaults it sets follow from these values; template variables
    /// not given are drawn from `seed`. Fails on a value for an undeclared
    /// template variable or one of the wrong shape.
    pub fn with_template_values(
        item: Arc<AssessmentItem>,
        seed: u64,
        values: BTreeMap<String, Value>,
    ) -> Result<Self, Error> {
        let mut pinned = BTreeMap::new();
        for (id, value) in values {
            let decl = item
                .declarations
                .iter()
                .find(|d| d.identifier == id && d.template().is_some())
                .ok_or_else(|| {
                    Error::new(ErrorKind::Undeclared {
                        identifier: id.clone(),
                    })
                })?;
            let value = fitted(value, decl)?;
            pinned.insert(id, value);
        }
        Ok(Self::start(item, seed, Vec::new(), pinned))
    }

    fn start(
        item: Arc<AssessmentItem>,
        seed: u64,
        defaults: Vec<(String, Value)>,
        pinned_templates: BTreeMap<String, Value>,
    ) -> Self {
        let builtins = missing_builtins(&item.declarations);
        let state = SessionState {
            item_identifier: item.identifier.clone(),
            seed,
            rng: Rng::new(seed),
            status: SessionStatus::Initial,
            values: BTreeMap::new(),
            correct_responses: BTreeMap::new(),
            defaults: BTreeMap::new(),
            shuffles: BTreeMap::new(),
            external_scores: BTreeMap::new(),
            interaction_states: BTreeMap::new(),
        };
        let mut session = ItemSession {
            item,
            builtins,
            overridden: None,
            state,
            warnings: Vec::new(),
            pinned_templates,
        };
        for (id, value) in defaults {
            let is_template = session
                .declaration(&id)
                .is_some_and(|d| matches!(d.kind, DeclarationKind::Template(_)));
            if is_template {
                let value = match session.declaration(&id) {
                    Some(d) => coerce(value, d),
                    None => value,
                };
                session.set_default_value(&id, value);
            }
        }
        session.run_template_processing();
        session.pinned_templates.clear();
        session.reset_responses();
        session.reset_of(|k| matches!(k, DeclarationKind::Outcome(_)));
        session.set_builtin("numAttempts", Value::integer(0));
        session.set_builtin("duration", Value::Single(Scalar::Duration(0.0)));
        session.set_builtin(
            "completionStatus",
            Value::identifier(completion::NOT_ATTEMPTED),
        );
        if let Some(body) = &session.item.body {
            session.state.shuffles =
                crate::processing::shuffle::shuffle_orders(body, &mut session.state.rng);
        }
        session
    }

    /// Resume a session from a saved state: the same template values and
    /// shuffle orders, not a re-roll from the seed.
    pub fn restore(item: Arc<AssessmentItem>, state: SessionState) -> Result<Self, Error> {
        if state.item_identifier != item.identifier {
            return Err(Error::new(ErrorKind::InvalidValue {
                identifier: state.item_identifier.clone(),
                message: format!(
                    "the saved state belongs to item '{}', not '{}'",
                    state.item_identifier, item.identifier
                ),
            }));
        }
        let builtins = missing_builtins(&item.declarations);
        let mut session = ItemSession {
            item,
            builtins,
            overridden: None,
            state,
            warnings: Vec::new(),
            pinned_templates: BTreeMap::new(),
        };
        for (id, value) in session.state.correct_responses.clone() {
            session.apply_correct_response(&id, value);
        }
        for (id, value) in session.state.defaults.clone() {
            session.apply_default(&id, value);
        }
        Ok(session)
    }

    pub fn item(&self) -> &Arc<AssessmentItem> {
        &self.item
    }

    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// Problems met while processing (unknown custom operators, ...).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The effective declarations (template processing's overrides
    /// applied), built-ins included.
    pub fn declarations(&self) -> Declarations<'_> {
        Declarations::of(&self.item, &self.builtins, self.overridden.as_deref())
    }

    pub fn value(&self, identifier: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.state.values.get(identifier).unwrap_or(&NULL)
    }

    /// Outcome variables (built-in `completionStatus` included) in declaration order.
    pub fn outcomes(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.declarations()
            .iter()
            .filter(|d| matches!(d.kind, DeclarationKind::Outcome(_)))
            .map(|d| (d.identifier.as_str(), self.value(&d.identifier)))
    }

    /// Attempts ended so far (`numAttempts`).
    pub fn num_attempts(&self) -> i64 {
        match self.value("numAttempts") {
            Value::Single(Scalar::Integer(n)) => *n,
            _ => 0,
        }
    }

    /// Put every response back to its default (a skipped attempt has none).
    pub fn clear_responses(&mut self) {
        self.reset_responses();
    }

    fn response_declarations(&self) -> impl Iterator<Item = &Declaration> {
        self.declarations()
            .iter()
            .filter(|d| d.response().is_some() && !is_builtin(&d.identifier))
    }

    /// ASI `numberResponded`: some response differs from its default
    /// (NULL where none is declared). All at their defaults is a skip.
    pub fn is_responded(&self) -> bool {
        self.response_declarations()
            .any(|d| *self.value(&d.identifier) != d.default())
    }

    /// ASI `numberCorrect`: attempted, and every response that has a
    /// correct response matches it. An item with no correct response
    /// declared is never correct.
    pub fn is_correct(&self) -> bool {
        let mut any = false;
        for d in self.response_declarations() {
            let correct = d.correct_response();
            if correct.is_null() {
                continue;
            }
            any = true;
            if !crate::expr::operators::compare::values_match(self.value(&d.identifier), &correct) {
                return false;
            }
        }
        any && self.num_attempts() > 0
    }

    pub fn is_completed(&self) -> bool {
        is_identifier(self.value("completionStatus"), completion::COMPLETED)
    }

    /// A response value from its JSON form (see [`crate::json`]), typed by
    /// the response's declaration; `Undeclared` when `identifier` is not a
    /// response of the item.
    pub fn response_from_json(
        &self,
        identifier: &str,
        json: &serde_json::Value,
    ) -> Result<Value, Error> {
        let decl = self.response_declaration(identifier)?;
        crate::json::from_json(json, decl)
    }

    /// The declaration of response `identifier`; `Undeclared` otherwise.
    fn response_declaration(&self, identifier: &str) -> Result<&Declaration, Error> {
        self.declarations()
            .iter()
            .find(|d| d.identifier == identifier && d.response().is_some())
            .ok_or_else(|| {
                Error::new(ErrorKind::Undeclared {
                    identifier: identifier.to_string(),
                })
            })
    }

    /// Set a candidate response, checked against its declaration.
    /// The state a portable custom interaction last reported, if any.
    pub fn interaction_state(&self, response_identifier: &str) -> Option<&str> {
        self.state
            .interaction_states
            .get(response_identifier)
            .map(String::as_str)
    }

    /// Keep a portable custom interaction's own state (`getState()`) for
    /// a later restore; an error for an identifier no response declares.
    pub fn set_interaction_state(
        &mut self,
        response_identifier: &str,
        state: String,
    ) -> Result<(), Error> {
        self.response_declaration(response_identifier)?;
        self.state
            .interaction_states
            .insert(response_identifier.to_string(), state);
        Ok(())
    }

    pub fn set_response(&mut self, identifier: &str, value: Value) -> Result<(), Error> {
        let value = fitted(value, self.response_declaration(identifier)?)?;
        put_value(&mut self.state.values, identifier, value);
        if self.state.status == SessionStatus::Initial {
            self.state.status = SessionStatus::PendingSubmission;
        }
        if is_identifier(self.value("completionStatus"), completion::NOT_ATTEMPTED) {
            self.set_builtin("completionStatus", Value::identifier(completion::UNKNOWN));
        }
        Ok(())
    }

    /// Set an outcome from outside processing: a human or external
    /// machine score, or a value carried over from a stored result.
    /// Outcomes declared `externalScored` keep such values across the
    /// reset before response processing; others are recomputed.
    pub fn set_outcome(&mut self, identifier: &str, value: Value) -> Result<(), Error> {
        let decl = self
            .declarations()
            .iter()
            .find(|d| d.identifier == identifier && d.outcome().is_some())
            .ok_or_else(|| {
                Error::new(ErrorKind::Undeclared {
                    identifier: identifier.to_string(),
                })
            })?;
        let value = fitted(value, decl)?;
        put_value(&mut self.state.values, identifier, value);
        Ok(())
    }

    /// Count `attempts` attempts as already ended, as a result recorded
    /// them: the next [`submit`](Self::submit) is attempt `attempts + 1`.
    pub fn set_num_attempts(&mut self, attempts: i64) {
        self.set_builtin("numAttempts", Value::integer(attempts.max(0)));
    }

    /// Add time spent in the item (the host's clock drives `duration`).
    pub fn add_duration(&mut self, seconds: f64) {
        let now = match self.value("duration") {
            Value::Single(Scalar::Duration(d)) => *d,
            _ => 0.0,
        };
        self.set_builtin(
            "duration",
            Value::Single(Scalar::Duration(now + seconds.max(0.0))),
        );
    }

    /// End an attempt: count it, run response processing and update the
    /// completion status as the item's adaptivity says.
    pub fn submit(&mut self) {
        let attempts = match self.value("numAttempts") {
            Value::Single(Scalar::Integer(n)) => *n,
            _ => 0,
        };
        self.set_builtin("numAttempts", Value::integer(attempts + 1));
        if !self.item.adaptive {
            self.reset_outcomes();
        }
        let item = Arc::clone(&self.item);
        if let Some(rp) = &item.response_processing {
            let _ = run_rules(&rp.rules, self);
        }
        // A human or external score stands over what processing computed.
        let external: Vec<(String, Value)> = self
            .state
            .external_scores
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.state.values.extend(external);
        if !self.item.adaptive {
            self.set_builtin("completionStatus", Value::identifier(completion::COMPLETED));
        }
        self.state.status = if self.item.adaptive && !self.is_completed() {
            SessionStatus::PendingSubmission
        } else {
            SessionStatus::Final
        };
    }

    /// Record a score given outside processing (results reporting's
    /// `externalScored` human or externalMachine): it is set now and kept
    /// over what later response processing computes.
    pub fn set_external_score(&mut self, identifier: &str, value: Value) -> Result<(), Error> {
        self.set_outcome(identifier, value)?;
        let stored = self.value(identifier).clone();
        self.state
            .external_scores
            .insert(identifier.to_string(), stored);
        Ok(())
    }

    /// The correct response of a response variable, template overrides applied.
    pub fn correct_response(&self, identifier: &str) -> Value {
        self.declaration(identifier)
            .map(Declaration::correct_response)
            .unwrap_or_default()
    }

    fn set_builtin(&mut self, identifier: &str, value: Value) {
        put_value(&mut self.state.values, identifier, value);
    }

    fn run_template_processing(&mut self) {
        let item = Arc::clone(&self.item);
        let Some(rules) = &item.template_processing else {
            self.reset_templates();
            return;
        };
        for _ in 0..MAX_TEMPLATE_RETRIES {
            self.reset_templates();
            match run_rules(rules, self) {
                Err(Exit::ConstraintFailed) => continue,
                Ok(()) | Err(Exit::Exit) => return,
            }
        }
        self.warnings.push(format!(
            "templateConstraint still unsatisfied after {MAX_TEMPLATE_RETRIES} tries; template variables keep their defaults"
        ));
        self.state.correct_responses.clear();
        self.state.defaults.clear();
        self.overridden = None;
        self.reset_templates();
    }

    fn reset_of(&mut self, keep: impl Fn(&DeclarationKind) -> bool) {
        // The declarations' fields, not `self.declarations()`: the values
        // change while they are read.
        let declarations = Declarations::of(&self.item, &self.builtins, self.overridden.as_deref());
        let resets = declarations
            .iter()
            .filter(|d| keep(&d.kind) && !is_builtin(&d.identifier));
        for d in resets {
            let value = d.initial_value();
            // A variable that has a value keeps its key: copying the name
            // again on every reset (each attempt resets the outcomes) cost
            // an allocation per variable.
            match self.state.values.get_mut(&d.identifier) {
                Some(old) => *old = value,
                None => {
                    self.state.values.insert(d.identifier.clone(), value);
                }
            }
        }
    }

    fn reset_templates(&mut self) {
        self.reset_of(|k| matches!(k, DeclarationKind::Template(_)));
        let pinned = self.pinned_templates.clone();
        self.state.values.extend(pinned);
    }

    fn reset_responses(&mut self) {
        self.reset_of(|k| matches!(k, DeclarationKind::Response(_) | DeclarationKind::Context));
    }

    /// Reset outcomes to their defaults, except externally scored ones:
    /// their values come from outside and processing must not erase them.
    fn reset_outcomes(&mut self) {
        self.reset_of(|k| matches!(k, DeclarationKind::Outcome(o) if o.external_scored.is_none()));
    }

    /// A declaration to override, in the session's own copy (made now if
    /// there is none yet).
    fn declaration_mut(&mut self, identifier: &str) -> Option<&mut Declaration> {
        let own = self.overridden.get_or_insert_with(|| {
            let shared = Declarations::of(&self.item, &self.builtins, None);
            shared.iter().cloned().collect()
        });
        own.iter_mut().find(|d| d.identifier == identifier)
    }

    fn apply_correct_response(&mut self, identifier: &str, value: Value) {
        if let Some(decl) = self.declaration_mut(identifier)
            && let DeclarationKind::Response(r) = &mut decl.kind
        {
            r.correct_response = Some(CorrectResponse {
                interpretation: None,
                value,
            });
        }
    }

    fn apply_default(&mut self, identifier: &str, value: Value) {
        if let Some(decl) = self.declaration_mut(identifier) {
            decl.default_value = Some(DefaultValue {
                interpretation: None,
                value,
            });
        }
    }
}

impl Environment for ItemSession {
    fn value(&self, identifier: &str) -> Option<&Value> {
        self.state.values.get(identifier)
    }

    fn declaration(&self, identifier: &str) -> Option<&Declaration> {
        self.declarations()
            .iter()
            .find(|d| d.identifier == identifier)
    }

    fn rng(&mut self) -> &mut Rng {
        &mut self.state.rng
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }
}

impl ProcessingEnvironment for ItemSession {
    fn set_value(&mut self, identifier: &str, value: Value) {
        // A pinned template value stands over setTemplateValue: the
        // expression is still evaluated (the generator advances as in the
        // original session), its result is dropped.
        if self.pinned_templates.contains_key(identifier) {
            return;
        }
        put_value(&mut self.state.values, identifier, value);
    }

    fn set_correct_response(&mut self, identifier: &str, value: Value) {
        self.state
            .correct_responses
            .insert(identifier.to_string(), value.clone());
        self.apply_correct_response(identifier, value);
    }

    fn set_default_value(&mut self, identifier: &str, value: Value) {
        self.state
            .defaults
            .insert(identifier.to_string(), value.clone());
        self.apply_default(identifier, value);
    }

    fn as_env(&mut self) -> &mut dyn Environment {
        self
    }
}

/// The declarations of the built-in variables every item session has
/// (`numAttempts`, `duration`, `completionStatus`).
pub fn builtin_declarations() -> &'static [Declaration] {
    static BUILTINS: LazyLock<Vec<Declaration>> = LazyLock::new(|| {
        let mut out = Vec::new();
        add_builtins(&[], &mut out);
        out
    });
    &BUILTINS
}

fn is_builtin(identifier: &str) -> bool {
    matches!(identifier, "numAttempts" | "duration" | "completionStatus")
}

/// The built-ins an item does not declare itself: shared, unless the item
/// declares one of them (rare).
fn missing_builtins(declarations: &[Declaration]) -> Cow<'static, [Declaration]> {
    if declarations.iter().any(|d| is_builtin(&d.identifier)) {
        let mut missing = Vec::new();
        add_builtins(declarations, &mut missing);
        Cow::Owned(missing)
    } else {
        Cow::Borrowed(builtin_declarations())
    }
}

/// Declare in `out` the built-in variables `declared` does not declare.
fn add_builtins(declared: &[Declaration], out: &mut Vec<Declaration>) {
    let builtins = [
        ("numAttempts", BaseType::Integer, true),
        ("duration", BaseType::Duration, true),
        ("completionStatus", BaseType::Identifier, false),
    ];
    for (id, base_type, is_response) in builtins {
        if declared.iter().any(|d| d.identifier == id) {
            continue;
        }
        let kind = if is_response {
            DeclarationKind::Response(ResponseDeclaration::default())
        } else {
            DeclarationKind::Outcome(OutcomeDeclaration::default())
        };
        out.push(Declaration {
            identifier: id.to_string(),
            cardinality: Cardinality::Single,
            base_type: Some(base_type),
            default_value: None,
            kind,
        });
    }
}

/// The declarations a session knows: its item's, then the built-ins the
/// item does not declare itself. A cheap, copyable view.
#[derive(Debug, Clone, Copy)]
pub struct Declarations<'a> {
    item: &'a [Declaration],
    builtins: &'a [Declaration],
}

impl<'a> Declarations<'a> {
    fn of(
        item: &'a AssessmentItem,
        builtins: &'a [Declaration],
        overridden: Option<&'a [Declaration]>,
    ) -> Self {
        match overridden {
            Some(own) => Declarations {
                item: own,
                builtins: &[],
            },
            None => Declarations {
                item: &item.declarations,
                builtins,
            },
        }
    }

    pub fn iter(self) -> DeclarationsIter<'a> {
        self.item.iter().chain(self.builtins)
    }
}

/// The iterator over [`Declarations`].
pub type DeclarationsIter<'a> =
    std::iter::Chain<std::slice::Iter<'a, Declaration>, std::slice::Iter<'a, Declaration>>;

impl<'a> IntoIterator for Declarations<'a> {
    type Item = &'a Declaration;
    type IntoIter = DeclarationsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// `value` in the declared variable's shape (see [`coerce`]), or the error
/// that says what was given instead.
fn fitted(value: Value, decl: &Declaration) -> Result<Value, Error> {
    let value = coerce(value, decl);
    if !value.fits(decl.cardinality, decl.base_type) {
        return Err(Error::response_shape(
            &decl.identifier,
            decl.cardinality,
            decl.base_type,
            describe(&value),
        ));
    }
    Ok(value)
}

/// Stores a variable's value, copying its name only when the variable
/// has no value yet: processing sets the same outcomes on every attempt.
fn put_value(values: &mut BTreeMap<String, Value>, identifier: &str, value: Value) {
    match values.get_mut(identifier) {
        Some(old) => *old = value,
        None => {
            values.insert(identifier.to_string(), value);
        }
    }
}

/// Whether `value` is the single identifier `id` (without building one to
/// compare with).
fn is_identifier(value: &Value, id: &str) -> bool {
    matches!(value, Value::Single(Scalar::Identifier(v)) if v == id)
}

fn describe(value: &Value) -> String {
    match (value.cardinality(), value.base_type()) {
        (Some(c), Some(b)) => format!("{c} {b}"),
        (Some(c), None) => c.to_string(),
        _ => "NULL".into(),
    }
}
