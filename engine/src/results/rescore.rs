//! Re-scoring an item from its result: a new session set up as the result
//! recorded it, then its last attempt submitted again.

use std::sync::Arc;

use super::*;
use crate::error::Error;
use crate::model::AssessmentItem;
use crate::session::ItemSession;
use crate::value::{Scalar, Value};

/// A session over `item` set up as `item_result` recorded it, its last
/// attempt ready to submit again: the template values the candidate saw
/// (so a templated item is scored with them, whatever `seed` would draw),
/// the candidate responses, human scores, the attempts ended before the
/// last one and the time spent. `seed` still fixes what the result does
/// not record (template variables it lacks, shuffle orders).
pub fn restore(
    item: Arc<AssessmentItem>,
    item_result: &ItemResult,
    seed: u64,
) -> Result<ItemSession, Error> {
    let templates = values_for(item_result, VariableKind::Template, &item.declarations)?;
    let mut session = ItemSession::with_template_values(item, seed, templates)?;
    for (id, value) in responses_for(item_result, session.declarations())? {
        session.set_response(&id, value)?;
    }
    for (id, value) in external_scores_for(item_result, session.declarations())? {
        session.set_external_score(&id, value)?;
    }
    let builtins = values_for(item_result, VariableKind::Response, session.declarations())?;
    // The recorded count includes the attempt to be submitted again.
    if let Some(Value::Single(Scalar::Integer(n))) = builtins.get("numAttempts") {
        session.set_num_attempts(n - 1);
    }
    if let Some(Value::Single(Scalar::Duration(seconds))) = builtins.get("duration") {
        session.add_duration(*seconds);
    }
    Ok(session)
}

/// [`restore`], then submit: the outcomes response processing gives the
/// recorded attempt now.
pub fn rescore(
    item: Arc<AssessmentItem>,
    item_result: &ItemResult,
    seed: u64,
) -> Result<ItemSession, Error> {
    let mut session = restore(item, item_result, seed)?;
    session.submit();
    Ok(session)
}
