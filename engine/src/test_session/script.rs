//! Driving a test session from a JSON script of candidate actions (the
//! `qti run-test` command, and our tests against other implementations'
//! expectations), and the JSON report of where it ended.

use serde_json::{Map, Value as Json};

use super::TestSession;
use crate::error::{Error, ErrorKind};
use crate::json::to_json;

/// One candidate action.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Set (replace) the current item's responses, JSON-encoded.
    Answer(Map<String, Json>),
    Submit,
    Next,
    Previous,
    MoveTo(String),
    Skip,
    EndTestPart,
    EndTest,
    Clock(f64),
}

/// A script action that could not be read.
fn bad(message: String) -> Error {
    Error::new(ErrorKind::InvalidValue {
        identifier: "script".into(),
        message,
    })
}

/// Read a JSON array of `{"op": ...}` actions.
pub fn parse_script(json: &Json) -> Result<Vec<Action>, Error> {
    let Json::Array(list) = json else {
        return Err(bad("a script is a JSON array of actions".into()));
    };
    list.iter()
        .enumerate()
        .map(|(i, a)| parse_action(a).map_err(|e| bad(format!("action {i}: {e}"))))
        .collect()
}

fn parse_action(json: &Json) -> Result<Action, String> {
    let op = json.get("op").and_then(Json::as_str).ok_or("no \"op\"")?;
    Ok(match op {
        "answer" => match json.get("responses") {
            Some(Json::Object(m)) => Action::Answer(m.clone()),
            _ => return Err("\"answer\" needs \"responses\": {...}".into()),
        },
        "submit" => Action::Submit,
        "next" => Action::Next,
        "previous" => Action::Previous,
        "moveTo" => Action::MoveTo(
            json.get("item")
                .and_then(Json::as_str)
                .ok_or("\"moveTo\" needs \"item\"")?
                .to_string(),
        ),
        "skip" => Action::Skip,
        "endTestPart" => Action::EndTestPart,
        "endTest" => Action::EndTest,
        "clock" => Action::Clock(
            json.get("seconds")
                .and_then(Json::as_f64)
                .filter(|s| *s >= 0.0)
                .ok_or("\"clock\" needs \"seconds\" >= 0")?,
        ),
        other => return Err(format!("unknown op '{other}'")),
    })
}

impl TestSession {
    /// Perform one action; a refused action leaves the session unchanged
    /// as far as the candidate can tell.
    pub fn perform(&mut self, action: &Action) -> Result<(), Error> {
        match action {
            Action::Answer(map) => {
                let index = self.require_running()?;
                let session = &self.sessions[index];
                let item_ref = &self.progress.route[index].item_ref;
                let responses = map
                    .iter()
                    .map(|(id, json)| {
                        let value =
                            session
                                .response_from_json(id, json)
                                .map_err(|e| match e.kind {
                                    // Name the item: a script answers whichever item is current.
                                    ErrorKind::Undeclared { .. } => {
                                        Error::new(ErrorKind::Undeclared {
                                            identifier: format!("{item_ref}.{id}"),
                                        })
                                    }
                                    _ => e,
                                })?;
                        Ok((id.clone(), value))
                    })
                    .collect::<Result<Vec<_>, Error>>()?;
                self.answer(responses)
            }
            Action::Submit => self.submit(),
            Action::Next => self.move_next(),
            Action::Previous => self.move_previous(),
            Action::MoveTo(item) => self.move_to(item),
            Action::Skip => self.skip(),
            Action::EndTestPart => self.end_test_part(),
            Action::EndTest => {
                self.require_running()?;
                self.end_test();
                Ok(())
            }
            Action::Clock(s) => {
                self.clock(*s);
                Ok(())
            }
        }
    }

    /// Run actions in order, stopping at the first refused one (its index).
    pub fn run_script(&mut self, actions: &[Action]) -> Result<(), (usize, Error)> {
        for (i, a) in actions.iter().enumerate() {
            self.perform(a).map_err(|e| (i, e))?;
        }
        Ok(())
    }

    /// `{"test": {...}, "items": {"REF": {...}}, "visited": [...]}`: test
    /// outcomes, every outcome of each presented item, presented item
    /// references in presentation order.
    pub fn report(&self) -> Json {
        let mut test = Map::new();
        for (k, v) in &self.progress.outcomes {
            test.insert(k.clone(), to_json(v));
        }
        let duration = crate::expr::Environment::value(self, "duration").cloned();
        test.insert("duration".into(), to_json(&duration.unwrap_or_default()));
        let mut items = Map::new();
        let mut visited = Vec::new();
        for &i in &self.progress.visited {
            let r = &self.progress.route[i];
            let key = if r.occurrence == 0 {
                r.item_ref.clone()
            } else {
                format!("{}.{}", r.item_ref, r.occurrence + 1)
            };
            let mut outcomes = Map::new();
            let session = &self.sessions[i];
            for (k, v) in session.outcomes() {
                outcomes.insert(k.to_string(), to_json(v));
            }
            for builtin in ["numAttempts", "duration"] {
                outcomes.insert(builtin.into(), to_json(session.value(builtin)));
            }
            items.insert(key.clone(), Json::Object(outcomes));
            visited.push(Json::String(key));
        }
        serde_json::json!({"test": test, "items": items, "visited": visited})
    }
}
