//! Writing: the typed model back out as QTI XML, 2.2 or 3.0 — items with
//! [`write_item`], tests with [`write_test`]. Each submodule is the inverse
//! of its namesake under [`crate::read`]: what it writes reads back to the
//! same model.
//!
//! Whitespace means something wherever the tree keeps text (item body,
//! feedback, values: see `holds_content` in [`crate::xml`]). Indentation
//! is therefore only added outside such content, and inside it only
//! between the children of elements whose reader looks at child elements
//! alone (an interaction and its choices).

mod body;
mod declaration;
mod expr;
mod interaction;
mod item;
mod rule;
mod test;

use std::fmt::Display;

pub use item::{Written, write_item};
pub use test::write_test;

use crate::xml::{qti3_attribute_name_of, qti3_element_name_of};

pub(crate) const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";
/// SSML as QTI 3's schemas import it.
pub(crate) const SSML_NS: &str = "http://www.w3.org/2010/10/synthesis";

/// Content as markup (XHTML and MathML, QTI 3 names for QTI's own
/// elements), with no document around it: how a portable custom
/// interaction receives its `qti-interaction-markup`.
pub fn write_markup(nodes: &[crate::model::content::ContentNode]) -> String {
    let mut w = Writer::new(true);
    w.mixed = true;
    body::write_nodes(&mut w, nodes);
    let (xml, _) = w.finish();
    let declaration = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
    xml.trim_start_matches(declaration).trim().to_string()
}

/// Escape text for XML content (and attribute values that hold no line
/// breaks or tabs). A carriage return is written as a reference: a parser
/// turns a literal one into a line feed.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, false);
    out
}

/// Escape into `out`. In an attribute value line feeds and tabs are
/// written as references too: attribute-value normalisation would turn
/// literal ones into spaces.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

/// A start tag being built: the element name and its attributes.
pub(crate) struct Tag {
    name: String,
    /// A QTI element written for QTI 3: attribute names in kebab case.
    kebab: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    /// An attribute, named as QTI 2 names it. A name already given is not
    /// repeated: a duplicate attribute would make the document unreadable.
    pub fn attr(self, name: &str, value: impl Display) -> Self {
        // Only the formatting is generic: the rest is compiled once, not
        // once per value type.
        self.attr_text(name, value.to_string())
    }

    fn attr_text(mut self, name: &str, value: String) -> Self {
        let name = if self.kebab {
            qti3_attribute_name_of(name).into_owned()
        } else {
            name.to_string()
        };
        if !self.attrs.iter().any(|(k, _)| *k == name) {
            self.attrs.push((name, value));
        }
        self
    }

    pub fn opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// The attribute when `value` differs from the default the reader assumes.
    pub fn unless<T: Display + PartialEq>(self, name: &str, value: T, default: T) -> Self {
        if value == default {
            self
        } else {
            self.attr(name, value)
        }
    }

    /// Attributes kept as written (`id`, `class`, `data-*`, ...).
    pub fn attrs(self, attrs: &[(String, String)]) -> Self {
        attrs.iter().fold(self, |tag, (k, v)| tag.attr(k, v))
    }

    /// A space-separated list, when not empty.
    pub fn list(self, name: &str, items: &[String]) -> Self {
        if items.is_empty() {
            self
        } else {
            self.attr(name, items.join(" "))
        }
    }
}

/// How an element's children are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Children on lines of their own (outside content).
    Block,
    /// Content: children written exactly, nothing added between them.
    Mixed,
    /// Inside content, an element whose reader ignores text between its
    /// child elements: those may go on lines of their own.
    Loose,
}

/// An XML writer for one target version, collecting warnings about what
/// the target cannot express.
pub(crate) struct Writer {
    out: String,
    v3: bool,
    depth: usize,
    /// Inside content: whitespace may only be added where `loose` says.
    mixed: bool,
    loose: bool,
    /// The open element has a child on a line of its own.
    broke: bool,
    warnings: Vec<String>,
}

impl Writer {
    pub fn new(v3: bool) -> Self {
        Writer {
            out: String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#),
            v3,
            depth: 0,
            mixed: false,
            loose: false,
            broke: false,
            warnings: Vec::new(),
        }
    }

    pub fn v3(&self) -> bool {
        self.v3
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    pub fn finish(mut self) -> (String, Vec<String>) {
        self.out.push('\n');
        (self.out, self.warnings)
    }

    /// A QTI element, named for the target version (`choiceInteraction`
    /// or `qti-choice-interaction`).
    pub fn qti(&self, name: &str) -> Tag {
        Tag {
            name: if self.v3 {
                qti3_element_name_of(name)
            } else {
                name.to_string()
            },
            kebab: self.v3,
            attrs: Vec::new(),
        }
    }

    /// An element of another vocabulary (HTML, MathML): named as given.
    pub fn plain(&self, name: &str) -> Tag {
        Tag {
            name: name.to_string(),
            kebab: false,
            attrs: Vec::new(),
        }
    }

    /// An element without children.
    pub fn empty(&mut self, tag: Tag) {
        self.write(tag, Layout::Block, |_| {});
    }

    /// An element outside content: children indented on their own lines.
    pub fn block(&mut self, tag: Tag, body: impl FnOnce(&mut Self)) {
        self.write(tag, Layout::Block, body);
    }

    /// An element holding content: children written exactly.
    pub fn mixed(&mut self, tag: Tag, body: impl FnOnce(&mut Self)) {
        self.write(tag, Layout::Mixed, body);
    }

    /// An element in content whose reader looks at its child elements only.
    pub fn loose(&mut self, tag: Tag, body: impl FnOnce(&mut Self)) {
        self.write(tag, Layout::Loose, body);
    }

    /// An element holding only text (`value`, `calculatorType`).
    pub fn text_element(&mut self, tag: Tag, text: &str) {
        self.mixed(tag, |w| w.text(text));
    }

    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text, false);
    }

    fn write(&mut self, tag: Tag, layout: Layout, body: impl FnOnce(&mut Self)) {
        self.break_line();
        self.out.push('<');
        self.out.push_str(&tag.name);
        for (k, v) in &tag.attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
        self.out.push('>');
        let mark = self.out.len();
        let saved = (self.mixed, self.loose, self.broke);
        match layout {
            Layout::Block => self.loose = false,
            Layout::Mixed => (self.mixed, self.loose) = (true, false),
            Layout::Loose => (self.mixed, self.loose) = (true, true),
        }
        self.broke = false;
        self.depth += 1;
        body(self);
        self.depth -= 1;
        let broke = self.broke;
        (self.mixed, self.loose, self.broke) = saved;
        if self.out.len() == mark {
            self.out.pop();
            self.out.push_str("/>");
            return;
        }
        if broke {
            self.newline();
        }
        self.out.push_str("</");
        self.out.push_str(&tag.name);
        self.out.push('>');
    }

    /// A line break before the next child, where whitespace means nothing.
    fn break_line(&mut self) {
        if self.mixed && !self.loose {
            return;
        }
        self.newline();
        self.broke = true;
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_parser_would_change() {
        assert_eq!(escape("a<b & \"c\"\r"), "a&lt;b &amp; &quot;c&quot;&#13;");
        assert_eq!(escape("x\ny\tz"), "x\ny\tz");
        let mut attr = String::new();
        escape_into(&mut attr, "x\ny\tz", true);
        assert_eq!(attr, "x&#10;y&#9;z");
    }

    #[test]
    fn content_gets_no_indentation_and_empty_elements_close_themselves() {
        let mut w = Writer::new(true);
        let root = w.qti("itemBody");
        w.block(w.qti("assessmentItem").attr("timeDependent", false), |w| {
            w.mixed(root, |w| {
                w.text("Hi ");
                w.loose(w.qti("choiceInteraction"), |w| {
                    w.empty(w.qti("simpleChoice").attr("identifier", "A"));
                });
            });
        });
        let (xml, _) = w.finish();
        assert!(xml.contains(
            "<qti-item-body>Hi <qti-choice-interaction>\n      \
             <qti-simple-choice identifier=\"A\"/>\n    </qti-choice-interaction></qti-item-body>"
        ));
        assert!(xml.contains("<qti-assessment-item time-dependent=\"false\">\n"));
    }
}
