//! The text a candidate would see: the item body with feedback and
//! template content shown or hidden by the session's values and printed
//! variables filled in. Used for checks ("the body says ...") and plain
//! text summaries.

use crate::model::content::{ContentNode, ModalFeedback};
use crate::processing::{feedback, printed_variable};
use crate::session::ItemSession;

/// The visible text of the item body, whitespace collapsed.
pub fn visible_text(session: &ItemSession) -> String {
    let mut out = String::new();
    if let Some(body) = &session.item().body {
        collect(&body.content, session, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect(nodes: &[ContentNode], session: &ItemSession, out: &mut String) {
    for n in nodes {
        match n {
            ContentNode::Text(t) => out.push_str(t),
            ContentNode::PrintedVariable(p) => {
                out.push_str(&printed_variable::print(p, session.value(&p.identifier)))
            }
            ContentNode::Feedback(f) => {
                if feedback::visible(
                    session.value(&f.outcome_identifier),
                    &f.identifier,
                    f.show_hide,
                ) {
                    collect(&f.content, session, out);
                }
            }
            ContentNode::Template(t) => {
                if feedback::visible(
                    session.value(&t.template_identifier),
                    &t.identifier,
                    t.show_hide,
                ) {
                    collect(&t.content, session, out);
                }
            }
            ContentNode::RubricBlock(r) if !r.views.iter().any(|v| v == "candidate") => {}
            other => {
                for list in other.children() {
                    collect(list, session, out);
                }
            }
        }
        // Block boundaries separate words; inline ones do not.
        if is_block(n) {
            out.push(' ');
        }
    }
}

fn is_block(n: &ContentNode) -> bool {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "br",
        "hr",
        "dd",
        "dt",
        "figure",
        "figcaption",
    ];
    match n {
        ContentNode::Html(e) => BLOCKS.contains(&e.tag.as_str()),
        ContentNode::Interaction(_) | ContentNode::RubricBlock(_) => true,
        ContentNode::Feedback(f) => f.block,
        ContentNode::Template(t) => t.block,
        _ => false,
    }
}

/// The modal feedback shown after processing, in document order.
pub fn visible_modal_feedback(session: &ItemSession) -> Vec<&ModalFeedback> {
    session
        .item()
        .modal_feedback
        .iter()
        .filter(|m| {
            feedback::visible(
                session.value(&m.outcome_identifier),
                &m.identifier,
                m.show_hide,
            )
        })
        .collect()
}
