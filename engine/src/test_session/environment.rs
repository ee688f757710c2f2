//! Outcome processing of a test: the test's variables, its items'
//! variables by `ITEM.VARIABLE` names, and the test-level expressions
//! (numberCorrect, testVariables, outcomeMaximum, ...).

use super::TestSession;
use crate::expr::{Environment, ItemSubset, TestExpr};
use crate::model::declaration::Declaration;
use crate::processing::rules::{ProcessingEnvironment, coerce, run_rules};
use crate::random::Rng;
use crate::session::ItemSession;
use crate::value::{BaseType, Cardinality, Scalar, Value};

impl TestSession {
    /// Run outcome processing: test outcomes go back to their defaults
    /// first (ASI: "reset to their defaults prior to" the outcomeRules).
    pub(super) fn outcome_processing(&mut self) {
        let defaults: Vec<(String, Value)> = self
            .test
            .declarations
            .iter()
            .map(|d| (d.identifier.clone(), d.initial_value()))
            .collect();
        self.progress.outcomes.extend(defaults);
        let test = std::sync::Arc::clone(&self.test);
        if let Some(rules) = &test.outcome_processing {
            // exitTest stops outcome processing; ending the test is the
            // delivery's business (the candidate still submits or leaves).
            let _ = run_rules(rules, self);
        }
    }

    /// The route indexes a test-level expression looks at.
    fn subset(&self, subset: &ItemSubset) -> Vec<usize> {
        (0..self.progress.route.len())
            .filter(|&i| {
                let r = &self.progress.route[i];
                if let Some(s) = &subset.section
                    && !r.sections.contains(s)
                {
                    return false;
                }
                let categories = self
                    .refs
                    .get(&r.item_ref)
                    .map(|(i, _)| i.categories.as_slice())
                    .unwrap_or_default();
                let has = |list: &[String]| list.iter().any(|c| categories.contains(c));
                (subset.include_category.is_empty() || has(&subset.include_category))
                    && !has(&subset.exclude_category)
            })
            .collect()
    }

    fn count(&self, subset: &ItemSubset, pred: impl Fn(usize, &ItemSession) -> bool) -> Value {
        let n = self
            .subset(subset)
            .into_iter()
            .filter(|&i| pred(i, &self.sessions[i]))
            .count();
        Value::integer(n as i64)
    }

    fn presented(&self, index: usize) -> bool {
        self.progress.visited.contains(&index)
    }

    /// The item variable `name` as the test calls it (after variableMapping).
    fn item_variable<'s>(&'s self, index: usize, name: &str) -> &'s Value {
        let r = &self.progress.route[index];
        let source = self
            .refs
            .get(&r.item_ref)
            .and_then(|(i, _)| i.variable_mappings.iter().find(|m| m.target == name))
            .map_or(name, |m| m.source.as_str());
        self.sessions[index].value(source)
    }

    fn weight(&self, index: usize, weight: Option<&str>) -> Option<f64> {
        let id = weight?;
        self.refs
            .get(&self.progress.route[index].item_ref)
            .and_then(|(i, _)| i.weight(id))
    }

    /// `ITEM.VAR` (or `ITEM.N.VAR` for the N-th occurrence, 1-based) to a
    /// route index and variable name.
    fn resolve_dotted<'n>(&self, name: &'n str) -> Option<(usize, &'n str)> {
        let (item, rest) = name.split_once('.')?;
        let (occurrence, var) = match rest.split_once('.') {
            Some((n, v)) if n.parse::<usize>().is_ok() => {
                (n.parse::<usize>().ok()?.checked_sub(1)?, v)
            }
            _ => (0, rest),
        };
        let index = self
            .progress
            .route
            .iter()
            .position(|r| r.item_ref == item && r.occurrence == occurrence)?;
        Some((index, var))
    }

    fn test_variables(
        &self,
        subset: &ItemSubset,
        variable: &str,
        weight: Option<&str>,
        base_type: Option<BaseType>,
    ) -> Value {
        let mut values = Vec::new();
        let mut all_integer = true;
        for i in self.subset(subset) {
            let Value::Single(s) = self.item_variable(i, variable) else {
                continue;
            };
            if base_type.is_some_and(|b| b != s.base_type()) {
                continue;
            }
            let w = self.weight(i, weight);
            let value = match (s, w) {
                (Scalar::Integer(n), Some(w)) => Scalar::Float(*n as f64 * w),
                (Scalar::Float(f), Some(w)) => Scalar::Float(f * w),
                (s, _) => s.clone(),
            };
            all_integer &= matches!(value, Scalar::Integer(_));
            values.push(value);
        }
        // Mixed integers and floats: all become floats (a container holds one base type).
        if !all_integer && values.iter().all(|v| v.as_f64().is_some()) {
            values = values
                .into_iter()
                .map(|v| Scalar::Float(v.as_f64().unwrap_or_default()))
                .collect();
        }
        let first = values.first().map(Scalar::base_type);
        if values.iter().any(|v| Some(v.base_type()) != first) {
            return Value::Null;
        }
        Value::container(Cardinality::Multiple, values)
    }

    /// outcomeMaximum / outcomeMinimum: the declared bound of every item in
    /// the subset, weighted; NULL if any item lacks one.
    fn outcome_bound(
        &self,
        subset: &ItemSubset,
        outcome: &str,
        weight: Option<&str>,
        max: bool,
    ) -> Value {
        let mut values = Vec::new();
        for i in self.subset(subset) {
            let Some(decl) = self.sessions[i].declaration(outcome) else {
                continue;
            };
            let Some(o) = decl.outcome() else { continue };
            let bound = if max {
                o.normal_maximum
            } else {
                o.normal_minimum
            };
            let Some(b) = bound else { return Value::Null };
            values.push(Scalar::Float(b * self.weight(i, weight).unwrap_or(1.0)));
        }
        Value::container(Cardinality::Multiple, values)
    }
}

impl Environment for TestSession {
    fn value(&self, identifier: &str) -> Option<&Value> {
        if let Some(v) = self.progress.outcomes.get(identifier) {
            return Some(v);
        }
        if let Some(v) = self.progress.durations.get(identifier) {
            return Some(v);
        }
        if identifier == "duration" || identifier.ends_with(".duration") {
            if let Some((index, "duration")) = self.resolve_dotted(identifier) {
                return Some(self.sessions[index].value("duration"));
            }
            return Some(&ZERO_DURATION);
        }
        let (index, var) = self.resolve_dotted(identifier)?;
        Some(self.item_variable(index, var))
    }

    fn declaration(&self, identifier: &str) -> Option<&Declaration> {
        if let Some(d) = self.test.declaration(identifier) {
            return Some(d);
        }
        let (index, var) = self.resolve_dotted(identifier)?;
        self.sessions[index].declaration(var)
    }

    fn rng(&mut self) -> &mut Rng {
        &mut self.progress.rng
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    fn test_value(&mut self, expr: &TestExpr) -> Value {
        match expr {
            TestExpr::NumberSelected(s) => self.count(s, |_, _| true),
            TestExpr::NumberPresented(s) => self.count(s, |i, _| self.presented(i)),
            TestExpr::NumberResponded(s) => {
                self.count(s, |i, item| self.presented(i) && item.is_responded())
            }
            TestExpr::NumberCorrect(s) => self.count(s, |_, item| item.is_correct()),
            TestExpr::NumberIncorrect(s) => {
                self.count(s, |_, item| item.num_attempts() > 0 && !item.is_correct())
            }
            TestExpr::TestVariables {
                subset,
                variable,
                weight,
                base_type,
            } => self.test_variables(subset, variable, weight.as_deref(), *base_type),
            TestExpr::OutcomeMaximum {
                subset,
                outcome,
                weight,
            } => self.outcome_bound(subset, outcome, weight.as_deref(), true),
            TestExpr::OutcomeMinimum {
                subset,
                outcome,
                weight,
            } => self.outcome_bound(subset, outcome, weight.as_deref(), false),
            TestExpr::WeightedVariable { identifier, weight } => {
                let value = self.value(identifier).cloned().unwrap_or_default();
                let w = self
                    .resolve_dotted(identifier)
                    .and_then(|(i, _)| self.weight(i, Some(weight)));
                match (value, w) {
                    (Value::Single(Scalar::Integer(n)), Some(w)) => Value::float(n as f64 * w),
                    (Value::Single(Scalar::Float(f)), Some(w)) => Value::float(f * w),
                    (v, _) => v,
                }
            }
        }
    }
}

static ZERO_DURATION: Value = Value::Single(Scalar::Duration(0.0));

impl ProcessingEnvironment for TestSession {
    fn set_value(&mut self, identifier: &str, value: Value) {
        let value = match self.test.declaration(identifier) {
            Some(d) => coerce(value, d),
            None => value,
        };
        self.progress.outcomes.insert(identifier.to_string(), value);
    }

    fn set_correct_response(&mut self, _identifier: &str, _value: Value) {}

    fn set_default_value(&mut self, _identifier: &str, _value: Value) {}

    fn as_env(&mut self) -> &mut dyn Environment {
        self
    }
}
