//! The item body as a typed content tree (ASI "content model"). Only
//! allow-listed XHTML/HTML5 and MathML elements and attributes are kept;
//! QTI's own content elements (interactions, feedback, templates, printed
//! variables, rubric blocks, gaps, hottext) are typed.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use super::interaction::*;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ItemBody {
    /// `id`, `class`, `xml:lang`, `dir` and `data-*` of the body itself.
    pub attrs: Attributes,
    pub content: Vec<ContentNode>,
}

/// Allow-listed attributes of a content element, in document order.
pub type Attributes = Vec<(String, String)>;

/// Large variants are boxed: a text node stays 32 bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ContentNode {
    /// Whitespace between elements (a line end and indentation, a third
    /// or more of all text nodes) borrows a static string: reading it then
    /// costs no allocation.
    Text(Cow<'static, str>),
    /// An allow-listed XHTML/HTML5 element with allow-listed attributes.
    Html(Box<Element>),
    /// A MathML element (the `math` root and everything below it).
    MathMl(Box<Element>),
    /// An SSML element (`sub`, `say-as`, `phoneme`, `break`, `emphasis`,
    /// `prosody`, ...): QTI 3 lets content say how it is read aloud. It is
    /// shown as its content; read aloud as it says.
    Ssml(Box<Element>),
    /// `object`: shown as an image, audio or video when its type allows,
    /// otherwise by its fallback content.
    Object(Box<Object>),
    /// Shared (`Arc`): renderers hold interactions without copying them.
    Interaction(Arc<Interaction>),
    /// `feedbackInline` and `feedbackBlock`.
    Feedback(Box<FeedbackElement>),
    /// `templateInline` and `templateBlock`.
    Template(Box<TemplateElement>),
    PrintedVariable(Box<PrintedVariable>),
    RubricBlock(Box<RubricBlock>),
    /// A `gap` inside the content of a `gapMatchInteraction`.
    Gap(Box<Gap>),
    /// A `hottext` inside the content of a `hottextInteraction`.
    Hottext(Box<Choice>),
    /// `positionObjectStage`: a background image shared by the
    /// positionObjectInteractions placed on it.
    PositionObjectStage(Arc<PositionObjectStage>),
    /// A QTI element this build does not render (kept by name so the
    /// player can say so rather than fail).
    Unsupported {
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    /// The reader's tags come from its allow-lists and are never copied;
    /// an owned tag is for models built in code or deserialised.
    pub tag: Cow<'static, str>,
    pub attrs: Attributes,
    pub children: Vec<ContentNode>,
}

impl Element {
    /// Whether the `class` attribute holds `name` as one of its classes
    /// (e.g. the shared CSS vocabulary's `qti-hidden`).
    pub fn has_class(&self, name: &str) -> bool {
        self.attrs
            .iter()
            .any(|(k, v)| k == "class" && v.split_ascii_whitespace().any(|c| c == name))
    }
}

/// `object` (also an `img` where QTI 3 allows one in a graphic interaction).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Object {
    pub data: String,
    /// MIME type (`type`); empty when not given.
    pub mime_type: String,
    pub width: Option<String>,
    pub height: Option<String>,
    /// A text alternative: `alt` of an image, else the fallback content's text.
    pub label: Option<String>,
    pub attrs: Attributes,
    pub params: Vec<(String, String)>,
    pub fallback: Vec<ContentNode>,
}

impl Object {
    pub fn is_image(&self) -> bool {
        self.mime_type.starts_with("image/")
            || (self.mime_type.is_empty() && has_extension(&self.data, IMAGE_EXTENSIONS))
    }
    pub fn is_audio(&self) -> bool {
        self.mime_type.starts_with("audio/")
            || (self.mime_type.is_empty() && has_extension(&self.data, &["mp3", "ogg", "wav"]))
    }
    pub fn is_video(&self) -> bool {
        self.mime_type.starts_with("video/")
            || (self.mime_type.is_empty() && has_extension(&self.data, &["mp4", "webm", "ogv"]))
    }
}

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp"];

fn has_extension(path: &str, exts: &[&str]) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// `showHide`: whether matching identifiers show or hide the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ShowHide {
    #[default]
    Show,
    Hide,
}

impl ShowHide {
    /// Visibility given whether the identifier matched (ASI feedback and
    /// template visibility: "show" shows on match, "hide" hides on match).
    pub fn visible(self, matched: bool) -> bool {
        match self {
            ShowHide::Show => matched,
            ShowHide::Hide => !matched,
        }
    }
}

/// `feedbackInline`, `feedbackBlock` and (with a title) `modalFeedback`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackElement {
    pub outcome_identifier: String,
    pub identifier: String,
    pub show_hide: ShowHide,
    pub block: bool,
    pub attrs: Attributes,
    pub content: Vec<ContentNode>,
}

/// `templateInline` and `templateBlock`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateElement {
    pub template_identifier: String,
    pub identifier: String,
    pub show_hide: ShowHide,
    pub block: bool,
    pub attrs: Attributes,
    pub content: Vec<ContentNode>,
}

/// `printedVariable`: a template or outcome value written into the content.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PrintedVariable {
    pub identifier: String,
    /// An ISO C printf-style format, e.g. `%.2f`.
    pub format: Option<String>,
    pub base: u32,
    /// 1-based index into an ordered/multiple value.
    pub index: Option<i64>,
    pub power_form: bool,
    /// Field of a record value.
    pub field: Option<String>,
    pub delimiter: String,
    pub mapping_indicator: String,
    pub attrs: Attributes,
}

/// `rubricBlock`: content for the views it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricBlock {
    pub views: Vec<String>,
    /// QTI 3 `use` (instructions, scoring, navigation, ...).
    pub use_: Option<String>,
    pub attrs: Attributes,
    pub content: Vec<ContentNode>,
}

/// `gap`: a place in a gapMatchInteraction's text that takes a choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub identifier: String,
    pub fixed: bool,
    pub required: bool,
    pub match_group: Vec<String>,
    pub template_identifier: Option<String>,
    pub show_hide: ShowHide,
    pub attrs: Attributes,
}

/// `modalFeedback`: shown in a dialog after processing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModalFeedback {
    pub outcome_identifier: String,
    pub identifier: String,
    pub show_hide: ShowHide,
    pub title: Option<String>,
    pub content: Vec<ContentNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stylesheet {
    pub href: String,
    pub media: Option<String>,
}

/// QTI 3 `qti-catalog-info`: alternative content referenced from the body
/// through `data-catalog-idref`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub id: String,
    pub cards: Vec<Card>,
}

/// `qti-card`: one support (glossary, spoken, sign language, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub support: String,
    /// `qti-card-entry` alternatives, chosen by language.
    pub entries: Vec<CardEntry>,
    /// Content given directly (`qti-html-content` outside an entry).
    pub content: Vec<ContentNode>,
    /// Files given directly (`qti-file-href` outside an entry).
    #[serde(default)]
    pub files: Vec<CardFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardEntry {
    pub lang: Option<String>,
    pub default: bool,
    pub content: Vec<ContentNode>,
    #[serde(default)]
    pub files: Vec<CardFile>,
}

/// `qti-file-href`: a file that renders the support — a sign-language
/// video, a recording, a tactile graphic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardFile {
    /// Relative to the item, like any file it refers to.
    pub href: String,
    pub mime_type: String,
}

/// What a card gives for one language: content, files, or both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardRendering<'c> {
    pub content: &'c [ContentNode],
    pub files: &'c [CardFile],
}

impl<'c> CardRendering<'c> {
    fn of(content: &'c [ContentNode], files: &'c [CardFile]) -> Option<Self> {
        (!content.is_empty() || !files.is_empty()).then_some(CardRendering { content, files })
    }
}

impl Card {
    /// The rendering for a candidate reading `lang`: the entry in that
    /// language, else the default entry, else the first one; the card's
    /// own content and files when it has no entries.
    pub fn rendering_for(&self, lang: Option<&str>) -> Option<CardRendering<'_>> {
        if self.entries.is_empty() {
            return CardRendering::of(&self.content, &self.files);
        }
        let entry = lang
            .and_then(|l| self.entry_in(l))
            .or_else(|| self.entries.iter().find(|e| e.default))
            .or(self.entries.first())?;
        CardRendering::of(&entry.content, &entry.files)
    }

    /// Only the entry in `lang`: a translation into another language must
    /// not fall back to the default one.
    pub fn rendering_in(&self, lang: &str) -> Option<CardRendering<'_>> {
        if self.entries.is_empty() {
            return CardRendering::of(&self.content, &self.files);
        }
        self.entry_in(lang)
            .and_then(|e| CardRendering::of(&e.content, &e.files))
    }

    /// The content of [`rendering_for`](Self::rendering_for).
    pub fn content_for(&self, lang: Option<&str>) -> Option<&[ContentNode]> {
        self.rendering_for(lang).map(|r| r.content)
    }

    /// The content of [`rendering_in`](Self::rendering_in).
    pub fn content_in(&self, lang: &str) -> Option<&[ContentNode]> {
        self.rendering_in(lang).map(|r| r.content)
    }

    /// `en` matches `en` and `en-US`; `en-US` matches `en-US` and `en`.
    fn entry_in(&self, lang: &str) -> Option<&CardEntry> {
        let primary = |l: &str| l.split('-').next().unwrap_or(l).to_ascii_lowercase();
        let exact = self.entries.iter().find(|e| {
            e.lang
                .as_deref()
                .is_some_and(|el| el.eq_ignore_ascii_case(lang))
        });
        exact.or_else(|| {
            self.entries.iter().find(|e| {
                e.lang
                    .as_deref()
                    .is_some_and(|el| primary(el) == primary(lang))
            })
        })
    }
}

impl Catalog {
    /// The first card of this support (`glossary-on-screen`, `spoken`, ...).
    pub fn card(&self, support: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.support == support)
    }
}

/// QTI 3 `qti-companion-materials-info`: tools the candidate may use.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CompanionMaterials {
    /// `qti-calculator` types (`basic`, `standard`, `scientific`, `graphing`, ...).
    pub calculators: Vec<String>,
    /// `qti-rule` system and minimum length/increment, as written.
    pub rules: Vec<Attributes>,
    pub protractors: Vec<Attributes>,
    /// `qti-digital-material` and `qti-physical-material` descriptions.
    pub materials: Vec<String>,
}

impl ContentNode {
    /// Nested content lists of this node (interactions included), for
    /// walks that look for interactions, feedback or printed variables.
    pub fn children(&self) -> Vec<&[ContentNode]> {
        match self {
            ContentNode::Interaction(i) => i.content_lists(),
            ContentNode::PositionObjectStage(s) => s
                .interactions
                .iter()
                .flat_map(|i| i.content_lists())
                .collect(),
            _ => self.single_content().into_iter().collect(),
        }
    }

    /// The content list of a node that holds at most one: every node but
    /// interactions and position object stages. `None` for a leaf.
    fn single_content(&self) -> Option<&[ContentNode]> {
        match self {
            ContentNode::Html(e) | ContentNode::MathMl(e) | ContentNode::Ssml(e) => {
                Some(&e.children)
            }
            ContentNode::Object(o) => Some(&o.fallback),
            ContentNode::Feedback(f) => Some(&f.content),
            ContentNode::Template(t) => Some(&t.content),
            ContentNode::RubricBlock(r) => Some(&r.content),
            ContentNode::Hottext(c) => Some(&c.content),
            ContentNode::Interaction(_)
            | ContentNode::PositionObjectStage(_)
            | ContentNode::Text(_)
            | ContentNode::PrintedVariable(_)
            | ContentNode::Gap(_)
            | ContentNode::Unsupported { .. } => None,
        }
    }
}

impl ContentNode {
    /// The nested content lists of this node, to change them in place
    /// (the same lists as [`ContentNode::children`]).
    pub fn children_mut(&mut self) -> Vec<&mut Vec<ContentNode>> {
        match self {
            ContentNode::Html(e) | ContentNode::MathMl(e) | ContentNode::Ssml(e) => {
                vec![&mut e.children]
            }
            ContentNode::Object(o) => vec![&mut o.fallback],
            ContentNode::Feedback(f) => vec![&mut f.content],
            ContentNode::Template(t) => vec![&mut t.content],
            ContentNode::RubricBlock(r) => vec![&mut r.content],
            ContentNode::Hottext(c) => vec![&mut c.content],
            ContentNode::Interaction(i) => std::sync::Arc::make_mut(i).content_lists_mut(),
            ContentNode::PositionObjectStage(s) => std::sync::Arc::make_mut(s)
                .interactions
                .iter_mut()
                .flat_map(|i| std::sync::Arc::make_mut(i).content_lists_mut())
                .collect(),
            ContentNode::Text(_)
            | ContentNode::PrintedVariable(_)
            | ContentNode::Gap(_)
            | ContentNode::Unsupported { .. } => Vec::new(),
        }
    }
}

/// Visit every node in document order, depth first.
pub fn walk<'a>(nodes: &'a [ContentNode], f: &mut impl FnMut(&'a ContentNode)) {
    for n in nodes {
        f(n);
        match n {
            // Their lists are visited in place: collecting them first cost
            // an allocation or two per interaction on every walk.
            ContentNode::Interaction(i) => i.for_each_content_list(&mut |list| walk(list, f)),
            ContentNode::PositionObjectStage(s) => {
                for i in &s.interactions {
                    i.for_each_content_list(&mut |list| walk(list, f));
                }
            }
            // Most nodes hold one list or none: going down needs no list
            // of lists (an allocation per element).
            _ => {
                if let Some(list) = n.single_content() {
                    walk(list, f);
                }
            }
        }
    }
}

/// Every interaction below these nodes, in document order.
pub fn interactions(nodes: &[ContentNode]) -> Vec<&Interaction> {
    let mut out = Vec::new();
    walk(nodes, &mut |n| match n {
        ContentNode::Interaction(i) => out.push(&**i),
        ContentNode::PositionObjectStage(s) => out.extend(s.interactions.iter().map(|i| &**i)),
        _ => {}
    });
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionObjectStage {
    pub object: Object,
    pub interactions: Vec<Arc<Interaction>>,
}
