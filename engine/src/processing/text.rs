//! The text a candidate would see: the item body with feedback and
//! template content shown or hidden by the session's values and printed
//! variables filled in. Used for checks ("the body says ...") and plain
//! text summaries.

use crate::model::content::{ContentNode, ModalFeedback};
use crate::processing::{feedback, printed_variable};
use crate::session::ItemSession;

/// The visible text of the item body, whitespace collapsed.
pub fn visible_text(session: &ItemSession) -> String {
    body_text(session, false)
}

/// The text to read aloud (text-to-speech): the visible text, where a term
/// whose QTI 3 catalog has a `spoken` card is read as the card says (its
/// pronunciation), images are read by their text alternative, and content
/// marked `data-qti-suppress-tts="computer-read-aloud"` (or `all`) is left
/// out.
pub fn spoken_text(session: &ItemSession) -> String {
    body_text(session, true)
}

fn body_text(session: &ItemSession, spoken: bool) -> String {
    let mut out = String::new();
    if let Some(body) = &session.item().body {
        Collector { session, spoken }.collect(&body.content, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Collector<'s> {
    session: &'s ItemSession,
    spoken: bool,
}

impl Collector<'_> {
    fn collect(&self, nodes: &[ContentNode], out: &mut String) {
        for n in nodes {
            // Content hidden by the shared CSS vocabulary is neither seen
            // nor heard (a support may show it; the player handles that).
            if let ContentNode::Html(e) = n
                && e.has_class("qti-hidden")
            {
                continue;
            }
            if !(self.spoken && self.speak_instead(n, out)) {
                self.collect_node(n, out);
            }
            // Block boundaries separate words; inline ones do not.
            if is_block(n) {
                out.push(' ');
            }
        }
    }

    /// For speech: what a node says instead of its text, if anything.
    /// `true` when the node has been handled.
    fn speak_instead(&self, n: &ContentNode, out: &mut String) -> bool {
        match n {
            ContentNode::Html(e) | ContentNode::MathMl(e) => {
                let attr = |name: &str| e.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v);
                if attr("data-qti-suppress-tts")
                    .is_some_and(|v| v == "computer-read-aloud" || v == "all")
                {
                    return true;
                }
                if let Some(json) = attr("data-ssml")
                    && self.speak_data_ssml(json, &e.children, out)
                {
                    return true;
                }
                if e.tag == "img"
                    && let Some(alt) = attr("alt")
                {
                    out.push_str(alt);
                    out.push(' ');
                    return true;
                }
                let Some(id) = attr("data-catalog-idref") else {
                    return false;
                };
                let item = self.session.item();
                let spoken = item
                    .catalogs
                    .iter()
                    .find(|c| &c.id == id)
                    .and_then(|c| c.card("spoken"))
                    .and_then(|card| card.content_for(item.lang.as_deref()));
                match spoken {
                    Some(content) => {
                        self.collect(content, out);
                        true
                    }
                    None => false,
                }
            }
            ContentNode::Object(o) if o.is_image() => {
                if let Some(label) = &o.label {
                    out.push_str(label);
                    out.push(' ');
                }
                true
            }
            ContentNode::Ssml(e) => {
                let attr = |name: &str| {
                    e.attrs
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, v)| v.clone())
                };
                self.speak_ssml(&e.tag, &attr, &e.children, out)
            }
            _ => false,
        }
    }

    /// QTI 3's `data-ssml`: one SSML function as JSON on an HTML element,
    /// e.g. `{"sub": {"alias": "Drive"}}`.
    fn speak_data_ssml(&self, json: &str, children: &[ContentNode], out: &mut String) -> bool {
        let Ok(serde_json::Value::Object(functions)) = serde_json::from_str(json) else {
            return false;
        };
        let Some((name, args)) = functions.iter().next() else {
            return false;
        };
        let attr = |key: &str| match args.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        self.speak_ssml(name, &attr, children, out)
    }

    /// What SSML says instead of its content, as far as plain text can
    /// carry it to the browser's speech synthesis: `sub` its alias,
    /// `say-as` characters spelled one by one, `break` a pause. Anything
    /// else (prosody, emphasis, phonemes) is read as its content.
    fn speak_ssml(
        &self,
        function: &str,
        attr: &dyn Fn(&str) -> Option<String>,
        children: &[ContentNode],
        out: &mut String,
    ) -> bool {
        match function {
            "sub" => match attr("alias") {
                Some(alias) => out.push_str(&alias),
                None => return false,
            },
            "say-as"
                if attr("interpret-as").is_some_and(|i| i == "characters" || i == "spell-out") =>
            {
                let mut text = String::new();
                self.collect(children, &mut text);
                let letters: Vec<String> = text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(String::from)
                    .collect();
                out.push_str(&letters.join(" "));
            }
            "break" => out.push_str(", "),
            _ => return false,
        }
        out.push(' ');
        true
    }

    fn collect_node(&self, n: &ContentNode, out: &mut String) {
        let session = self.session;
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
                    self.collect(&f.content, out);
                }
            }
            ContentNode::Template(t) => {
                if feedback::visible(
                    session.value(&t.template_identifier),
                    &t.identifier,
                    t.show_hide,
                ) {
                    self.collect(&t.content, out);
                }
            }
            ContentNode::RubricBlock(r) if !r.views.iter().any(|v| v == "candidate") => {}
            other => {
                for list in other.children() {
                    self.collect(list, out);
                }
            }
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
        ContentNode::Html(e) => BLOCKS.contains(&e.tag.as_ref()),
        ContentNode::Interaction(_) | ContentNode::RubricBlock(_) => true,
        ContentNode::Feedback(f) => f.block,
        ContentNode::Template(t) => t.block,
        _ => false,
    }
}

/// The text of every feedback the candidate sees now: the visible
/// feedbackInline and feedbackBlock elements of the body, then the visible
/// modal feedback, each as one message. For a secure-mode player, which
/// only receives the delivery form and cannot decide feedback itself.
pub fn visible_feedback(session: &ItemSession) -> Vec<String> {
    let collector = Collector {
        session,
        spoken: false,
    };
    let tidy = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    if let Some(body) = &session.item().body {
        let mut found = Vec::new();
        visible_feedback_elements(&body.content, session, &mut found);
        for f in found {
            let mut text = String::new();
            collector.collect(&f.content, &mut text);
            out.push(tidy(text));
        }
    }
    for m in visible_modal_feedback(session) {
        let mut text = String::new();
        collector.collect(&m.content, &mut text);
        out.push(tidy(text));
    }
    out.retain(|t| !t.is_empty());
    out
}

/// Visible feedback elements, outermost first; hidden ones hide their insides.
fn visible_feedback_elements<'a>(
    nodes: &'a [ContentNode],
    session: &ItemSession,
    out: &mut Vec<&'a crate::model::content::FeedbackElement>,
) {
    for n in nodes {
        match n {
            ContentNode::Feedback(f) => {
                if feedback::visible(
                    session.value(&f.outcome_identifier),
                    &f.identifier,
                    f.show_hide,
                ) {
                    out.push(f);
                }
            }
            other => {
                for list in other.children() {
                    visible_feedback_elements(list, session, out);
                }
            }
        }
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
