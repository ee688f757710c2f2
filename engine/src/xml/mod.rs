//! The thin XML layer: the source's markup becomes a small element tree with
//! resolved namespaces and byte positions, under hard limits.
//!
//! QTI 3 spells QTI's own names in kebab case with a `qti-` prefix
//! (`qti-choice-interaction`, `response-identifier`). The tree normalises them
//! to the QTI 2 camelCase names, so every later layer reads one vocabulary.
//! Embedded XHTML/HTML5, MathML, SSML and SVG keep their own names.

mod attributes;
mod entities;
mod names;
mod references;
mod spare;
mod tokenizer;

use std::borrow::Cow;
use std::collections::HashSet;

use crate::error::{Error, ErrorKind, Position};

use attributes::TagError;
pub use entities::named_entity;
use references::RefError;
use tokenizer::{Token, Tokenizer};

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ns {
    /// A QTI namespace (any version) or no namespace: QTI and XHTML names.
    Qti,
    MathMl,
    Svg,
    Ssml,
    XInclude,
    /// The QTI 3 Personal Needs and Preferences or APIP/AfA namespaces.
    Other,
}

/// The QTI namespace a document declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum QtiVersion {
    /// `imsqti_v2p0`: read with 2.1 rules.
    V2_0,
    V2_1,
    V2_2,
    V3_0,
}

impl QtiVersion {
    pub fn is_v3(self) -> bool {
        self == Self::V3_0
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V2_0 => "2.0",
            Self::V2_1 => "2.1",
            Self::V2_2 => "2.2",
            Self::V3_0 => "3.0",
        }
    }
}

/// Limits that keep hostile input from costing unbounded time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_attribute_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 256,
            max_nodes: 500_000,
            max_attribute_len: 1024 * 1024,
        }
    }
}

/// An attribute: its name (QTI 3 names mapped like element names, `xml:lang`
/// and other prefixed names kept with their prefix) and its value.
pub type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

/// A run of entries in one of a document's lists. `u32` keeps an element
/// small; [`parse`] refuses sources whose offsets would not fit.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// An element as the document stores it: its attributes and children are
/// runs of the document's shared lists, so a whole tree costs a handful of
/// allocations instead of two per element (and frees as cheaply).
#[derive(Debug, Clone)]
struct ElementData<'a> {
    /// Local name, QTI 3 names already mapped to QTI 2 camelCase. Borrowed
    /// from the source, or from a table for the common QTI 3 names.
    name: Cow<'a, str>,
    ns: Ns,
    attrs: Span,
    children: Span,
    /// Byte offset of the start tag, for error positions.
    pos: u32,
}

#[derive(Debug, Clone)]
enum NodeData<'a> {
    Element(ElementData<'a>),
    /// Borrowed from the source unless entity references were replaced.
    Text(Cow<'a, str>),
}

/// The lists every element of a document keeps its runs in. An element's
/// children are contiguous: each element's run is moved here when it closes.
#[derive(Debug, Clone, Default)]
struct Arena<'a> {
    nodes: Vec<NodeData<'a>>,
    attrs: Vec<Attr<'a>>,
}

/// A node of the tree, as handed out by [`Element::children`].
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Element(Element<'a>),
    Text(&'a str),
}

impl<'a> Node<'a> {
    fn of(arena: &'a Arena<'a>, data: &'a NodeData<'a>) -> Self {
        match data {
            NodeData::Element(data) => Node::Element(Element { arena, data }),
            NodeData::Text(t) => Node::Text(t),
        }
    }
}

/// An element of a parsed [`Document`]: a cheap, copyable view.
#[derive(Clone, Copy)]
pub struct Element<'a> {
    arena: &'a Arena<'a>,
    data: &'a ElementData<'a>,
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Element")
            .field("name", &self.name())
            .field("pos", &self.pos())
            .finish_non_exhaustive()
    }
}

impl<'a> Element<'a> {
    /// Local name, QTI 3 names already mapped to QTI 2 camelCase.
    pub fn name(self) -> &'a str {
        &self.data.name
    }

    pub fn ns(self) -> Ns {
        self.data.ns
    }

    /// Byte offset of the start tag, for error positions.
    pub fn pos(self) -> usize {
        self.data.pos as usize
    }

    /// Attributes in document order.
    pub fn attrs(self) -> &'a [Attr<'a>] {
        &self.arena.attrs[self.data.attrs.range()]
    }

    pub fn attr(self, name: &str) -> Option<&'a str> {
        self.attrs()
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }

    pub fn children(
        self,
    ) -> impl ExactSizeIterator<Item = Node<'a>> + DoubleEndedIterator + use<'a> {
        let arena = self.arena;
        arena.nodes[self.data.children.range()]
            .iter()
            .map(move |n| Node::of(arena, n))
    }

    pub fn elements(self) -> impl DoubleEndedIterator<Item = Element<'a>> + use<'a> {
        self.children().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(self, name: &str) -> Option<Element<'a>> {
        self.elements().find(|e| e.name() == name)
    }

    pub fn children_named<'s>(
        self,
        name: &'s str,
    ) -> impl Iterator<Item = Element<'a>> + use<'a, 's> {
        self.elements().filter(move |e| e.name() == name)
    }

    /// All text below this element, concatenated.
    pub fn text(self) -> String {
        self.text_cow().into_owned()
    }

    /// [`Self::text`], borrowed when the element holds a single text node
    /// (a `<value>`, a `<baseValue>`): reading those needs no copy.
    pub fn text_cow(self) -> Cow<'a, str> {
        let mut children = self.children();
        match (children.len(), children.next()) {
            (0, _) => Cow::Borrowed(""),
            (1, Some(Node::Text(t))) => Cow::Borrowed(t),
            _ => {
                let mut out = String::new();
                self.collect_text(&mut out);
                Cow::Owned(out)
            }
        }
    }

    fn collect_text(self, out: &mut String) {
        for child in self.children() {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

/// A parsed document: the root element, the QTI version and the source for positions.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    arena: Arena<'a>,
    root: ElementData<'a>,
    /// `None` when the root has no known QTI namespace.
    pub version: Option<QtiVersion>,
    /// The namespace URI the root declared, for diagnostics.
    pub root_namespace: Option<String>,
    pub source: &'a str,
}

impl Drop for Document<'_> {
    fn drop(&mut self) {
        spare::keep_nodes(std::mem::take(&mut self.arena.nodes));
        spare::keep_attrs(std::mem::take(&mut self.arena.attrs));
    }
}

impl Document<'_> {
    pub fn root(&self) -> Element<'_> {
        Element {
            arena: &self.arena,
            data: &self.root,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        Position::from_offset(self.source, offset)
    }
}

/// Decode bytes as UTF-8 (with or without BOM) or, if declared, ISO-8859-1.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::new(ErrorKind::Encoding(
            "UTF-16 documents are not supported; save the file as UTF-8".into(),
        )));
    }
    let head = &bytes[..bytes.len().min(100)];
    // Comparing only where an `i` starts a window: a full comparison at
    // every offset cost more than the rest of the decoding's checks.
    let latin1 = head.starts_with(b"<?xml")
        && head
            .windows(10)
            .any(|w| w[0] | 0x20 == b'i' && w.eq_ignore_ascii_case(b"iso-8859-1"));
    if latin1 {
        return Ok(Cow::Owned(bytes.iter().map(|&b| b as char).collect()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let at = Position::from_offset(valid, valid.len());
            Err(Error::new(ErrorKind::Encoding(format!(
                "invalid UTF-8 byte sequence at byte {}",
                e.valid_up_to()
            )))
            .at(at))
        }
    }
}

/// Parse a document under the given limits.
pub fn parse(source: &str, limits: Limits) -> Result<Document<'_>, Error> {
    // Offsets are kept as `u32` (see [`Span`]), whatever the limits allow.
    let max_bytes = limits.max_bytes.min(u32::MAX as usize);
    if source.len() > max_bytes {
        return Err(Error::new(ErrorKind::Limit(format!(
            "document is {} bytes; the limit is {max_bytes}",
            source.len(),
        ))));
    }
    let mut builder = Builder {
        source,
        limits,
        // Sized for the depth and attribute counts of typical items, so
        // that these buffers rarely grow.
        stack: spare::open(TYPICAL_DEPTH),
        pending: spare::nodes(children_capacity(source)),
        arena: Arena::with_capacity_for(source),
        // Only elements that declare namespaces open a scope: a few per document.
        scopes: Vec::new(),
        nodes: 0,
        root: None,
        scopes_root_ns: None,
        content_depth: 0,
    };
    builder.run()?;
    spare::keep_open(std::mem::take(&mut builder.stack));
    spare::keep_nodes(std::mem::take(&mut builder.pending));
    let root = builder.root.ok_or_else(|| {
        Error::new(ErrorKind::Syntax("the document has no root element".into()))
            .at(Position::from_offset(source, source.len()))
    })?;
    let root_namespace = builder.scopes_root_ns;
    let version = root_namespace.as_deref().and_then(qti_version_of);
    Ok(Document {
        arena: builder.arena,
        root,
        version,
        root_namespace,
        source,
    })
}

/// Deeper than nine of ten corpus items nest.
const TYPICAL_DEPTH: usize = 16;

/// Room for the nodes of open elements that most documents need (about
/// 16 per KB of source in nine of ten corpus items): growing the buffer by
/// doubling copied it several times per document.
fn children_capacity(source: &str) -> usize {
    (source.len() / 64).min(4096)
}

impl Arena<'_> {
    /// Room for the nodes and attributes of a typical item of this size
    /// (about one of each per 60 bytes in the corpus); see [`reserve_for_rest`].
    fn with_capacity_for(source: &str) -> Self {
        let expected = source.len() / BYTES_PER_NODE;
        Arena {
            nodes: spare::nodes(expected),
            attrs: spare::attrs(expected),
        }
    }
}

const BYTES_PER_NODE: usize = 64;

/// Makes room in `list` for `extra` more entries. Doubling a full list
/// briefly holds three times its size (the peak-memory test sees that);
/// instead, grow it to what the whole source will need if the rest is as
/// dense as the part read so far (`offset` of `total` bytes), and by at
/// least a quarter, which keeps the copying linear whatever the input.
fn reserve_for_rest<T>(list: &mut Vec<T>, extra: usize, offset: usize, total: usize) {
    if list.capacity() - list.len() >= extra {
        return;
    }
    let needed = list.len() + extra;
    let projected = needed.saturating_mul(total) / offset.max(1);
    let target = projected.max(needed + needed / 4);
    list.reserve_exact(target - list.len());
}

/// The QTI version a namespace URI names.
pub fn qti_version_of(uri: &str) -> Option<QtiVersion> {
    let uri = uri.trim_end_matches('/');
    if uri.ends_with("imsqti_v2p0") {
        Some(QtiVersion::V2_0)
    } else if uri.ends_with("imsqti_v2p1") {
        Some(QtiVersion::V2_1)
    } else if uri.ends_with("imsqti_v2p2") {
        Some(QtiVersion::V2_2)
    } else if uri.ends_with("imsqtiasi_v3p0") {
        Some(QtiVersion::V3_0)
    } else {
        None
    }
}

fn ns_of(uri: Option<&str>) -> Ns {
    match uri {
        None => Ns::Qti,
        Some(u) if u.contains("imsqti") || u.contains("imsqtiasi") => Ns::Qti,
        Some("http://www.w3.org/1999/xhtml") => Ns::Qti,
        Some("http://www.w3.org/1998/Math/MathML") => Ns::MathMl,
        Some("http://www.w3.org/2000/svg") => Ns::Svg,
        // SSML 1.1, and the namespace QTI 3's schemas give it.
        Some("http://www.w3.org/2001/10/synthesis" | "http://www.w3.org/2010/10/synthesis") => {
            Ns::Ssml
        }
        Some(u) if u.starts_with("http://www.w3.org/2001/XInclude") => Ns::XInclude,
        Some(_) => Ns::Other,
    }
}

/// QTI element names whose QTI 3 spelling does not follow from the QTI 2
/// one letter by letter (`durationLT` is `qti-duration-lt`, not `-l-t`).
const IRREGULAR_NAMES: &[(&str, &str)] = &[
    ("durationLT", "duration-lt"),
    ("durationGTE", "duration-gte"),
];

/// `qti-choice-interaction` → `choiceInteraction`; other names unchanged.
pub fn qti3_element_name(local: &str) -> Cow<'_, str> {
    let Some(rest) = local.strip_prefix("qti-") else {
        return Cow::Borrowed(local);
    };
    if let Some(camel) = names::qti2_name(rest) {
        return Cow::Borrowed(camel);
    }
    match IRREGULAR_NAMES.iter().find(|(_, kebab)| *kebab == rest) {
        Some((camel, _)) => Cow::Borrowed(camel),
        None => Cow::Owned(kebab_to_camel(rest)),
    }
}

/// The writer's inverse of [`qti3_element_name`]: `choiceInteraction` →
/// `qti-choice-interaction`.
pub fn qti3_element_name_of(camel: &str) -> String {
    match IRREGULAR_NAMES.iter().find(|(c, _)| *c == camel) {
        Some((_, kebab)) => format!("qti-{kebab}"),
        None => format!("qti-{}", camel_to_kebab(camel)),
    }
}

/// The writer's inverse of `qti3_attribute_name`: `responseIdentifier` →
/// `response-identifier`; `data-*`, `aria-*` and prefixed names unchanged.
pub fn qti3_attribute_name_of(camel: &str) -> Cow<'_, str> {
    if camel.contains(':')
        || camel.starts_with("data-")
        || camel.starts_with("aria-")
        || !camel.bytes().any(|b| b.is_ascii_uppercase())
    {
        Cow::Borrowed(camel)
    } else {
        Cow::Owned(camel_to_kebab(camel))
    }
}

/// QTI 3 attribute names on QTI elements: `response-identifier` → `responseIdentifier`.
/// `data-*` and `aria-*` keep their names (they are HTML's).
fn qti3_attribute_name(local: &str) -> Cow<'_, str> {
    if !has_byte(local, b'-') || local.starts_with("data-") || local.starts_with("aria-") {
        Cow::Borrowed(local)
    } else if let Some((_, camel)) = COMMON_QTI3_ATTRIBUTES.iter().find(|(k, _)| *k == local) {
        Cow::Borrowed(camel)
    } else {
        Cow::Owned(kebab_to_camel(local))
    }
}

/// The kebab-case attribute names met most often in QTI 3 items, with their
/// camelCase names: mapped without building a string. (A test checks each
/// pair against [`kebab_to_camel`].)
const COMMON_QTI3_ATTRIBUTES: &[(&str, &str)] = &[
    ("base-type", "baseType"),
    ("response-identifier", "responseIdentifier"),
    ("match-max", "matchMax"),
    ("show-hide", "showHide"),
    ("outcome-identifier", "outcomeIdentifier"),
    ("mapped-value", "mappedValue"),
    ("map-key", "mapKey"),
    ("max-choices", "maxChoices"),
    ("time-dependent", "timeDependent"),
    ("default-value", "defaultValue"),
    ("normal-maximum", "normalMaximum"),
    ("normal-minimum", "normalMinimum"),
    ("expected-length", "expectedLength"),
];

/// `responseIdentifier` → `response-identifier`.
fn camel_to_kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn kebab_to_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper = false;
    for c in s.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            // QTI's names are ASCII; any other letter stays as it is (no
            // QTI name has it), which keeps Unicode's case tables out of
            // the WebAssembly.
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A declared namespace: its URI and the vocabulary it names, worked out
/// once where it is declared rather than for every element inside it.
struct Namespace {
    uri: String,
    ns: Ns,
}

impl Namespace {
    fn new(uri: String) -> Self {
        let ns = ns_of(Some(&uri));
        Namespace { uri, ns }
    }
}

/// One namespace scope: the prefixes an element declared.
struct Scope {
    /// How many elements enclose the one that declared it.
    depth: usize,
    default: Option<Option<Namespace>>,
    prefixes: Vec<(String, Namespace)>,
}

impl Scope {
    fn declares_nothing(&self) -> bool {
        self.default.is_none() && self.prefixes.is_empty()
    }
}

/// An element whose end tag is still to come.
struct Open<'a> {
    /// Its `children` stay empty until it closes.
    element: ElementData<'a>,
    /// The name as its start tag wrote it, which the end tag must repeat.
    raw_name: &'a str,
    /// Where its children start in [`Builder::pending`].
    first_child: usize,
}

struct Builder<'a> {
    source: &'a str,
    limits: Limits,
    /// Open elements, innermost last.
    stack: Vec<Open<'a>>,
    /// The children of every open element, in document order. Each
    /// element's run moves into the arena when it closes, which keeps
    /// every element's children contiguous there.
    pending: Vec<NodeData<'a>>,
    arena: Arena<'a>,
    /// The scopes of open elements that declared namespaces, innermost
    /// last. Most elements declare none and leave no entry: looking a
    /// prefix up then passes only the few that did.
    scopes: Vec<Scope>,
    nodes: usize,
    root: Option<ElementData<'a>>,
    /// The namespace URI of the root element, which names the QTI version.
    scopes_root_ns: Option<String>,
    /// How many open elements hold mixed content (item body, feedback, ...).
    content_depth: usize,
}

/// Elements whose content is text and markup, where whitespace can matter.
fn holds_content(name: &str) -> bool {
    matches!(
        name,
        "itemBody"
            | "modalFeedback"
            | "rubricBlock"
            | "testFeedback"
            | "stimulusBody"
            | "contentBody"
            | "interactionMarkup"
            | "candidateComment"
            | "value"
            | "baseValue"
            | "cardEntry"
            | "htmlContent"
            | "style"
    )
}

impl<'a> Builder<'a> {
    fn err(&self, kind: ErrorKind, offset: usize) -> Error {
        Error::new(kind).at(Position::from_offset(self.source, offset))
    }

    fn run(&mut self) -> Result<(), Error> {
        let mut tokens = Tokenizer::new(self.source);
        loop {
            let offset = tokens.pos();
            match tokens.next_token().map_err(|e| self.tag_error(e))? {
                Token::Start(raw_name) => {
                    let (element, empty) = self.open(raw_name, &mut tokens, offset)?;
                    if empty {
                        self.close_empty(element);
                    } else {
                        let first_child = self.pending.len();
                        self.stack.push(Open {
                            element,
                            raw_name,
                            first_child,
                        });
                    }
                }
                Token::End(name) => self.close(name, offset)?,
                // Checked before references and line ends are replaced: in
                // a file with CRLF line ends that would copy every
                // indentation only to drop it.
                Token::Text { raw, .. } if self.ignorable(raw) => {}
                Token::Text { raw, plain: true } => self.text(Cow::Borrowed(raw), offset)?,
                Token::Text { raw, plain: false } => {
                    let text =
                        references::text(raw).map_err(|e| self.reference_error(e, offset))?;
                    self.text(text, offset)?;
                }
                Token::CData(data) => self.text(references::cdata(data), offset)?,
                // A DOCTYPE that only names an external DTD is harmless: we
                // never fetch it. An internal subset can declare entities
                // (billion laughs), so it is refused.
                Token::DocTypeSubset => return Err(self.err(ErrorKind::Dtd, offset)),
                Token::Eof => break,
            }
        }
        if let Some(Open { element, .. }) = self.stack.last() {
            return Err(self.err(
                ErrorKind::Syntax(format!("element <{}> is never closed", element.name)),
                element.pos as usize,
            ));
        }
        Ok(())
    }

    fn tag_error(&self, e: TagError) -> Error {
        self.err(ErrorKind::Syntax(e.message.into()), e.offset)
    }

    /// A reference that cannot be replaced, at its place in the text or
    /// value that starts at `offset`.
    #[cold]
    fn reference_error(&self, e: RefError, offset: usize) -> Error {
        let at = offset + e.offset();
        let kind = match e {
            RefError::Unknown { name, .. } => ErrorKind::UnknownEntity(name),
            RefError::BadChar { text, .. } => ErrorKind::Syntax(format!(
                "&{text}; is not a character reference to an XML character"
            )),
            RefError::Bare { .. } => ErrorKind::Syntax(
                "'&' must start a reference such as &amp; (write a lone '&' as &amp;)".into(),
            ),
        };
        self.err(kind, at)
    }

    /// The byte offset of `s`, a slice of the source.
    fn offset_of(&self, s: &str) -> usize {
        (s.as_ptr() as usize).wrapping_sub(self.source.as_ptr() as usize)
    }

    fn resolve_prefix(&self, prefix: Option<&str>) -> Option<&Namespace> {
        for scope in self.scopes.iter().rev() {
            match prefix {
                None => {
                    if let Some(d) = &scope.default {
                        return d.as_ref();
                    }
                }
                Some(p) => {
                    if let Some((_, namespace)) = scope.prefixes.iter().find(|(k, _)| k == p) {
                        return Some(namespace);
                    }
                }
            }
        }
        None
    }

    /// Reads a start tag, from its name through its attributes, into the
    /// element it opens, and whether the tag was empty (`<a/>`): the caller
    /// keeps the element open or closes it at once.
    fn open(
        &mut self,
        raw_name: &'a str,
        tokens: &mut Tokenizer<'a>,
        offset: usize,
    ) -> Result<(ElementData<'a>, bool), Error> {
        if self.root.is_some() {
            return Err(self.err(
                ErrorKind::Syntax("content after the root element".into()),
                offset,
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.err(
                ErrorKind::Limit(format!(
                    "elements nest deeper than {} levels",
                    self.limits.max_depth
                )),
                offset,
            ));
        }
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(self.err(
                ErrorKind::Limit(format!("more than {} elements", self.limits.max_nodes)),
                offset,
            ));
        }
        // First pass: namespace declarations, which apply to the element itself.
        let mut scope = Scope {
            depth: self.stack.len(),
            default: None,
            prefixes: Vec::new(),
        };
        let attrs_start = self.arena.attrs.len();
        let mut seen = SeenKeys::default();
        let mut attributes = tokens.attributes();
        for attr in attributes.by_ref() {
            let attr = attr.map_err(|e| self.tag_error(e))?;
            if !seen.insert(attr.key) {
                return Err(self.err(
                    ErrorKind::Syntax(format!("attribute '{}' is given twice", attr.key)),
                    self.offset_of(attr.key),
                ));
            }
            if attr.value.len() > self.limits.max_attribute_len {
                return Err(self.err(
                    ErrorKind::Limit(format!(
                        "an attribute value is {} bytes; the limit is {}",
                        attr.value.len(),
                        self.limits.max_attribute_len
                    )),
                    offset,
                ));
            }
            let key = Cow::Borrowed(attr.key);
            let value = if attr.plain {
                Cow::Borrowed(attr.value)
            } else {
                references::attribute_value(attr.value)
                    .map_err(|e| self.reference_error(e, self.offset_of(attr.value)))?
            };
            if key == "xmlns" {
                scope.default =
                    Some((!value.is_empty()).then(|| Namespace::new(value.into_owned())));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                scope
                    .prefixes
                    .push((prefix.to_string(), Namespace::new(value.into_owned())));
            } else {
                let attrs = &mut self.arena.attrs;
                reserve_for_rest(attrs, 1, offset, self.source.len());
                attrs.push((key, value));
            }
        }
        let (end, empty) = attributes.end();
        tokens.resume(end);
        if !scope.declares_nothing() {
            self.scopes.push(scope);
        }
        let (prefix, local) = split_qname(raw_name);
        let namespace = self.resolve_prefix(prefix);
        if prefix.is_some_and(|p| p != "xml") && namespace.is_none() {
            return Err(self.err(
                ErrorKind::Syntax(format!(
                    "the prefix of <{raw_name}> is not bound to a namespace"
                )),
                offset,
            ));
        }
        let ns = namespace.map_or(Ns::Qti, |n| n.ns);
        if self.stack.is_empty() {
            self.scopes_root_ns = namespace.map(|n| n.uri.clone());
        }
        let is_qti = ns == Ns::Qti;
        let qti3_names = is_qti && local.starts_with("qti-");
        let name = if is_qti {
            qti3_element_name(local)
        } else {
            Cow::Borrowed(local)
        };
        if self.content_depth > 0 || holds_content(&name) {
            self.content_depth += 1;
        }
        let attrs = &mut self.arena.attrs[attrs_start..];
        if qti3_names {
            for (key, _) in attrs.iter_mut() {
                if let Cow::Borrowed(k) = *key
                    && kebab_without_prefix(k)
                {
                    *key = qti3_attribute_name(k);
                }
            }
        }
        let element = ElementData {
            name,
            ns,
            attrs: Span::new(attrs_start, self.arena.attrs.len()),
            children: Span::default(),
            pos: offset as u32,
        };
        Ok((element, empty))
    }

    /// [`Self::close`] for an element that never opened (`<a/>`): it has
    /// no children, and need not pass through the stack of open ones.
    fn close_empty(&mut self, mut element: ElementData<'a>) {
        if self
            .scopes
            .last()
            .is_some_and(|s| s.depth == self.stack.len())
        {
            self.scopes.pop();
        }
        let end = self.arena.nodes.len();
        element.children = Span::new(end, end);
        self.content_depth = self.content_depth.saturating_sub(1);
        self.finish(element);
    }

    /// Hands a closed element to its parent's children, or makes it the root.
    fn finish(&mut self, element: ElementData<'a>) {
        if self.stack.is_empty() {
            self.root = Some(element);
        } else {
            self.pending.push(NodeData::Element(element));
        }
    }

    fn close(&mut self, name: &str, offset: usize) -> Result<(), Error> {
        let Some(open) = self.stack.pop() else {
            return Err(self.err(
                ErrorKind::Syntax(format!("end tag </{name}> closes no open element")),
                offset,
            ));
        };
        if open.raw_name != name {
            return Err(self.err(
                ErrorKind::Syntax(format!(
                    "end tag </{name}> does not match the open element <{}>",
                    open.raw_name
                )),
                offset,
            ));
        }
        let Open {
            mut element,
            first_child,
            ..
        } = open;
        if self
            .scopes
            .last()
            .is_some_and(|s| s.depth == self.stack.len())
        {
            self.scopes.pop();
        }
        let nodes = &mut self.arena.nodes;
        let start = nodes.len();
        let count = self.pending.len() - first_child;
        reserve_for_rest(nodes, count, offset, self.source.len());
        // Most elements have no children or one (a text): moved without
        // setting up a drain.
        match count {
            0 => {}
            1 => nodes.extend(self.pending.pop()),
            _ => nodes.extend(self.pending.drain(first_child..)),
        }
        element.children = Span::new(start, nodes.len());
        // Leaving mixed content: whitespace between declarations and rules
        // after it means nothing again.
        self.content_depth = self.content_depth.saturating_sub(1);
        self.finish(element);
        Ok(())
    }

    /// Whitespace outside mixed content (and outside the root) means
    /// nothing; see [`Self::text`].
    fn ignorable(&self, text: &str) -> bool {
        self.content_depth == 0 && is_blank(text.as_bytes())
    }

    fn text(&mut self, text: Cow<'a, str>, offset: usize) -> Result<(), Error> {
        let Some(parent) = self.stack.last() else {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err(self.err(
                ErrorKind::Syntax("text outside the root element".into()),
                offset,
            ));
        };
        // Whitespace between declarations and rules means nothing; dropping
        // it here saves a node per line. In content it may separate words.
        if self.ignorable(&text) {
            return Ok(());
        }
        // Text, CDATA and text again (or text around a comment) make one
        // text node: merge adjacent text.
        let siblings = &mut self.pending[parent.first_child..];
        if let Some(NodeData::Text(last)) = siblings.last_mut() {
            last.to_mut().push_str(&text);
        } else {
            self.pending.push(NodeData::Text(text));
        }
        Ok(())
    }
}

/// The attribute names of one start tag, to refuse a repeated one.
/// A tag rarely has more than a few attributes, so a stack array holds
/// them and only a tag with very many spills into a hash set (which keeps
/// hostile tags with thousands of attributes linear).
struct SeenKeys<'t> {
    small: [&'t str; SMALL_KEYS],
    len: usize,
    many: Option<HashSet<&'t str>>,
}

const SMALL_KEYS: usize = 8;

impl Default for SeenKeys<'_> {
    fn default() -> Self {
        SeenKeys {
            small: [""; SMALL_KEYS],
            len: 0,
            many: None,
        }
    }
}

impl<'t> SeenKeys<'t> {
    /// Records a name; `false` when the tag already had it.
    fn insert(&mut self, key: &'t str) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(key);
        }
        if self.small[..self.len].contains(&key) {
            return false;
        }
        if self.len < SMALL_KEYS {
            self.small[self.len] = key;
            self.len += 1;
        } else {
            let mut many: HashSet<&str> = self.small.iter().copied().collect();
            many.insert(key);
            self.many = Some(many);
        }
        true
    }
}

/// The first `:` in a name, eight bytes at a time while they last: QTI's
/// element names are long (`responseDeclaration`), and every start tag's
/// name is searched.
fn find_colon(name: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut at = 0;
    while let Some(chunk) = name.get(at..at + 8) {
        let word =
            u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * u64::from(b':'));
        // Non-zero when some byte of the word was `:`.
        if word.wrapping_sub(ONES) & !word & (ONES << 7) != 0 {
            break;
        }
        at += 8;
    }
    name[at..].iter().position(|&b| b == b':').map(|i| at + i)
}

fn split_qname(raw: &str) -> (Option<&str>, &str) {
    match find_colon(raw.as_bytes()) {
        Some(colon) => (Some(&raw[..colon]), &raw[colon + 1..]),
        None => (None, raw),
    }
}

/// Whether a name has a `-` and no prefix: only such names can have a
/// QTI 2 spelling of their own. Both in one pass over the name (attribute
/// names of QTI 3 items are each looked at).
fn kebab_without_prefix(name: &str) -> bool {
    let (mut dash, mut colon) = (false, false);
    for b in name.bytes() {
        dash |= b == b'-';
        colon |= b == b':';
    }
    dash && !colon
}

/// Whether `text` is ASCII whitespace only. Indentation between elements
/// is most of a document's text events, and mostly spaces and line feeds:
/// those are recognised eight bytes at a time, anything else byte by byte.
fn is_blank(text: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut chunks = text.chunks_exact(8);
    let words_blank = chunks.by_ref().all(|chunk| {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let spaces = zero_bytes(word ^ (ONES * u64::from(b' ')));
        let line_feeds = zero_bytes(word ^ (ONES * u64::from(b'\n')));
        spaces | line_feeds == ONES << 7 || chunk.iter().all(u8::is_ascii_whitespace)
    });
    words_blank && chunks.remainder().iter().all(u8::is_ascii_whitespace)
}

/// The high bit of each byte of `word` that is zero, and no other bit.
fn zero_bytes(word: u64) -> u64 {
    const LOW7: u64 = u64::from_le_bytes([0x7F; 8]);
    // Adding 0x7F to a byte's low seven bits sets its high bit unless they
    // are all zero, without carrying into the next byte.
    !(((word & LOW7) + LOW7) | word) & !LOW7
}

/// Whether `s` holds the ASCII byte `b`. Names are short: a plain loop
/// beats `str::contains`, whose search is made for long texts.
fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().any(|c| c == b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use names::QTI3_ELEMENTS;

    fn parse_error(xml: &str) -> String {
        parse(xml, Limits::default()).unwrap_err().to_string()
    }

    #[test]
    fn blank_texts_are_found_in_words_and_in_bytes() {
        for blank in [
            "",
            " ",
            "\n        ",
            "\r\n\t\t\t\t\t\t\t\t",
            "\n                \u{c}",
        ] {
            assert!(is_blank(blank.as_bytes()), "{blank:?}");
        }
        for other in [
            "x",
            "\n        x",
            "        \u{b}",
            "\u{a0}       ",
            "\n\n\n\n\n\n\n\n!",
        ] {
            assert!(!is_blank(other.as_bytes()), "{other:?}");
        }
    }

    #[test]
    fn names_split_at_their_first_colon_whatever_their_length() {
        for name in [
            "a",
            "m:math",
            "abcdefgh:x",
            "abcdefghijklmnop",
            "abcdefghijklmnopq:r:s",
        ] {
            assert_eq!(find_colon(name.as_bytes()), name.find(':'), "{name}");
        }
        assert!(kebab_without_prefix("response-identifier"));
        assert!(!kebab_without_prefix("xml:lang") && !kebab_without_prefix("a-b:c"));
        assert!(!kebab_without_prefix("identifier"));
    }

    #[test]
    fn a_repeated_attribute_is_refused_where_it_repeats() {
        let message = parse_error("<a>\n <b x='1' y='2' x='3'/></a>");
        assert!(
            message.contains("attribute 'x' is given twice"),
            "{message}"
        );
        assert!(message.starts_with("2:17:"), "{message}");
        // A namespace declaration counts as an attribute too.
        assert!(parse_error("<a xmlns='u' xmlns='v'/>").contains("given twice"));
    }

    #[test]
    fn a_repeated_attribute_among_many_is_refused() {
        let many: String = (0..40).map(|i| format!(" a{i}='{i}'")).collect();
        let doc = format!("<a{many}/>");
        assert_eq!(
            parse(&doc, Limits::default()).unwrap().root().attrs().len(),
            40
        );
        for dup in ["a3", "a39"] {
            let doc = format!("<a{many} {dup}='x'/>");
            assert!(parse_error(&doc).contains("is given twice"));
        }
    }

    #[test]
    fn malformed_markup_is_refused_with_what_and_where() {
        for (xml, message, at) in [
            (
                "<a x=1/>",
                "an attribute value must be enclosed in quotes",
                "1:6",
            ),
            (
                "<a>\n<b></c></a>",
                "end tag </c> does not match the open element <b>",
                "2:4",
            ),
            ("<a/></a>", "end tag </a> closes no open element", "1:5"),
            ("<a>AT&T</a>", "'&' must start a reference", "1:6"),
            ("<a x='&#0;'/>", "&#0; is not a character reference", "1:7"),
            ("<a><m:b/></a>", "the prefix of <m:b> is not bound", "1:4"),
            ("<a/><b/>", "content after the root element", "1:5"),
            ("<a/>x", "text outside the root element", "1:5"),
            ("<a><b></a>", "does not match the open element <b>", "1:7"),
            ("<a><b>", "element <b> is never closed", "1:4"),
        ] {
            let error = parse_error(xml);
            assert!(error.contains(message), "{xml}: {error}");
            assert!(error.starts_with(&format!("{at}:")), "{xml}: {error}");
        }
    }

    #[test]
    fn crlf_whitespace_is_dropped_outside_content_and_normalised_in_it() {
        let doc = parse(
            "<a>\r\n  <b/>\r\n  <itemBody>x\r\ny\r\n</itemBody>\r\n</a>\r\n",
            Limits::default(),
        )
        .unwrap();
        assert_eq!(doc.root().children().len(), 2);
        assert_eq!(doc.root().child("itemBody").unwrap().text(), "x\ny\n");
    }

    #[test]
    fn the_qti3_element_table_is_sorted_and_follows_the_general_rule() {
        assert!(QTI3_ELEMENTS.windows(2).all(|w| w[0].0 < w[1].0));
        for (kebab, camel) in QTI3_ELEMENTS {
            let irregular = IRREGULAR_NAMES.iter().find(|(_, k)| k == kebab);
            let expected = irregular.map_or_else(|| kebab_to_camel(kebab), |(c, _)| c.to_string());
            assert_eq!(*camel, expected);
            assert_eq!(qti3_element_name_of(camel), format!("qti-{kebab}"));
        }
        assert_eq!(
            qti3_element_name("qti-choice-interaction"),
            "choiceInteraction"
        );
        assert_eq!(qti3_element_name("qti-some-new-thing"), "someNewThing");
        assert_eq!(qti3_element_name("qti-duration-lt"), "durationLT");
    }

    #[test]
    fn attribute_values_are_normalized_only_when_they_need_it() {
        let doc = parse(
            "<a p='plain' r='x&amp;y&#65;' w='1\t2\r\n3'/>",
            Limits::default(),
        )
        .unwrap();
        let root = doc.root();
        assert!(matches!(root.attrs()[0].1, Cow::Borrowed("plain")));
        assert_eq!(root.attr("r"), Some("x&yA"));
        assert_eq!(root.attr("w"), Some("1 2 3"));
        assert!(parse_error("<a r='&nope;'/>").contains("nope"));
    }

    #[test]
    fn common_qti3_attributes_follow_the_general_rule() {
        for (kebab, camel) in COMMON_QTI3_ATTRIBUTES {
            assert_eq!(kebab_to_camel(kebab), *camel);
        }
    }
}
