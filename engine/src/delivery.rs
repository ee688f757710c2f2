//! Secure scoring: the delivery form of an item, what a browser may receive
//! when the platform scores on its own server. Everything that reveals the
//! key is removed — correct responses, mappings and area mappings, lookup
//! tables, response and template processing, feedback (its visibility and
//! its text can both give answers away), rubric blocks not meant for the
//! candidate — and template values are fixed to the ones this session drew,
//! keeping only those the candidate sees. The browser collects responses;
//! the server scores them against the full item with the same seed.

use std::collections::BTreeSet;

use crate::model::AssessmentItem;
use crate::model::content::{ContentNode, walk};
use crate::model::declaration::{DeclarationKind, DefaultValue};
use crate::session::ItemSession;

/// The delivery form of the session's item, with the session's template
/// values in place.
pub fn delivery_form(session: &ItemSession) -> AssessmentItem {
    let mut item = (**session.item()).clone();
    if let Some(body) = &mut item.body {
        strip_content(&mut body.content);
    }
    let shown = shown_templates(&item);
    item.declarations.retain_mut(|d| match &mut d.kind {
        DeclarationKind::Response(r) => {
            r.correct_response = None;
            r.mapping = None;
            r.area_mapping = None;
            true
        }
        DeclarationKind::Outcome(o) => {
            o.lookup_table = None;
            true
        }
        DeclarationKind::Template(_) if shown.contains(&d.identifier) => {
            // The drawn value becomes the default: the browser's session
            // starts from it without running template processing.
            d.default_value = Some(DefaultValue {
                interpretation: None,
                value: session.value(&d.identifier).clone(),
            });
            true
        }
        DeclarationKind::Template(_) => false,
        DeclarationKind::Context => true,
    });
    item.template_processing = None;
    item.response_processing = None;
    item.modal_feedback.clear();
    item
}

/// Remove feedback and non-candidate rubric blocks, at any depth
/// (feedbackInline may sit inside a choice).
fn strip_content(nodes: &mut Vec<ContentNode>) {
    nodes.retain(|n| match n {
        ContentNode::Feedback(_) => false,
        ContentNode::RubricBlock(r) => r.views.iter().any(|v| v == "candidate"),
        _ => true,
    });
    for n in nodes {
        for list in n.children_mut() {
            strip_content(list);
        }
    }
}

/// Template variables the body shows or uses to show and hide content.
fn shown_templates(item: &AssessmentItem) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(body) = &item.body else {
        return out;
    };
    walk(&body.content, &mut |n| match n {
        ContentNode::PrintedVariable(p) => {
            out.insert(p.identifier.clone());
        }
        ContentNode::Template(t) => {
            out.insert(t.template_identifier.clone());
        }
        ContentNode::Gap(g) => out.extend(g.template_identifier.clone()),
        ContentNode::Hottext(c) => out.extend(c.template_identifier.clone()),
        ContentNode::Interaction(i) => {
            for set in i.choice_sets() {
                out.extend(set.iter().filter_map(|c| c.template_identifier.clone()));
            }
            out.extend(
                i.hotspots()
                    .iter()
                    .filter_map(|h| h.template_identifier.clone()),
            );
        }
        _ => {}
    });
    out
}

/// What in an item would reveal its key to a browser: empty for a
/// delivery form. A player in secure mode refuses an item that is not one.
pub fn key_revealed_by(item: &AssessmentItem) -> Vec<String> {
    let mut out = Vec::new();
    for d in &item.declarations {
        match &d.kind {
            DeclarationKind::Response(r) => {
                let parts = [
                    (r.correct_response.is_some(), "correct response"),
                    (r.mapping.is_some(), "mapping"),
                    (r.area_mapping.is_some(), "area mapping"),
                ];
                out.extend(
                    parts
                        .iter()
                        .filter(|(present, _)| *present)
                        .map(|(_, what)| format!("the {what} of '{}'", d.identifier)),
                );
            }
            DeclarationKind::Outcome(o) if o.lookup_table.is_some() => {
                out.push(format!("the lookup table of '{}'", d.identifier))
            }
            _ => {}
        }
    }
    if item.response_processing.is_some() {
        out.push("response processing".into());
    }
    if item.template_processing.is_some() {
        out.push("template processing".into());
    }
    if !item.modal_feedback.is_empty() {
        out.push("modal feedback".into());
    }
    if let Some(body) = &item.body {
        let mut feedback = false;
        walk(&body.content, &mut |n| {
            feedback |= matches!(n, ContentNode::Feedback(_));
        });
        if feedback {
            out.push("feedback in the item body".into());
        }
    }
    out
}
