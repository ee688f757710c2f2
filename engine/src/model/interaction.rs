//! Interactions (ASI "interactions"): the typed form of all 21 QTI
//! interactions and their choices. Grouped as the spec groups them:
//! simple, text-based, graphical and miscellaneous interactions.

use serde::{Deserialize, Serialize};

use super::content::{Attributes, ContentNode, Object, ShowHide};
use super::shape::Shape;

/// An interaction bound to a response variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub response_identifier: String,
    pub kind: InteractionKind,
    pub prompt: Vec<ContentNode>,
    /// `id`, `class`, `xml:lang`, `dir`, `data-*` and `aria-*` (the QTI 3
    /// shared CSS vocabulary lives in `class` and `data-*`).
    pub attrs: Attributes,
}

/// `orientation` of choice, order and slider interactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Orientation {
    Horizontal,
    Vertical,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InteractionKind {
    // Simple interactions.
    Choice {
        shuffle: bool,
        /// 0 means no limit.
        max_choices: u32,
        min_choices: u32,
        orientation: Option<Orientation>,
        choices: Vec<Choice>,
    },
    Order {
        shuffle: bool,
        max_choices: Option<u32>,
        min_choices: Option<u32>,
        orientation: Option<Orientation>,
        choices: Vec<Choice>,
    },
    Associate {
        shuffle: bool,
        /// 0 means no limit.
        max_associations: u32,
        min_associations: u32,
        choices: Vec<Choice>,
    },
    Match {
        shuffle: bool,
        max_associations: u32,
        min_associations: u32,
        /// The two `simpleMatchSet`s: sources, then targets.
        sources: Vec<Choice>,
        targets: Vec<Choice>,
    },
    GapMatch {
        shuffle: bool,
        min_associations: u32,
        max_associations: u32,
        /// `gapText` and `gapImg` choices.
        choices: Vec<Choice>,
        /// The text with its `gap`s.
        content: Vec<ContentNode>,
    },
    // Text-based interactions.
    InlineChoice {
        shuffle: bool,
        required: bool,
        choices: Vec<Choice>,
    },
    TextEntry(TextEntry),
    ExtendedText {
        text: TextEntry,
        /// 0 means no limit.
        max_strings: u32,
        min_strings: u32,
        expected_lines: Option<u32>,
        format: TextFormat,
    },
    Hottext {
        max_choices: u32,
        min_choices: u32,
        /// The text with its `hottext`s.
        content: Vec<ContentNode>,
    },
    // Graphical interactions.
    Hotspot {
        image: Object,
        max_choices: u32,
        min_choices: u32,
        hotspots: Vec<Hotspot>,
    },
    SelectPoint {
        image: Object,
        max_choices: u32,
        min_choices: u32,
    },
    GraphicOrder {
        image: Object,
        max_choices: Option<u32>,
        min_choices: Option<u32>,
        hotspots: Vec<Hotspot>,
    },
    GraphicAssociate {
        image: Object,
        max_associations: u32,
        min_associations: u32,
        hotspots: Vec<Hotspot>,
    },
    GraphicGapMatch {
        image: Object,
        max_associations: u32,
        min_associations: u32,
        /// `gapImg` (and QTI 2.2 `gapText`) choices.
        choices: Vec<Choice>,
        hotspots: Vec<Hotspot>,
    },
    /// Lives inside a `positionObjectStage`, whose image it is placed on.
    PositionObject {
        object: Object,
        center_point: Option<(f64, f64)>,
        max_choices: u32,
        min_choices: u32,
    },
    // Miscellaneous interactions.
    Slider {
        lower_bound: f64,
        upper_bound: f64,
        step: Option<f64>,
        step_label: bool,
        orientation: Option<Orientation>,
        reverse: bool,
    },
    Media {
        object: Object,
        autostart: bool,
        min_plays: u32,
        /// 0 means no limit.
        max_plays: u32,
        loop_: bool,
    },
    Drawing {
        image: Object,
    },
    Upload {
        /// Accepted MIME types (`type`); empty accepts any file.
        types: Vec<String>,
    },
    EndAttempt {
        title: String,
        count_attempt: bool,
    },
    Custom {
        class: Option<String>,
    },
    PortableCustom(PortableCustom),
}

/// `textEntryInteraction` (and the text attributes `extendedTextInteraction` shares).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TextEntry {
    /// Number base for integer/float responses (default 10).
    pub base: u32,
    pub string_identifier: Option<String>,
    pub expected_length: Option<u32>,
    /// An XML Schema regular expression the whole response must match.
    pub pattern_mask: Option<String>,
    pub placeholder_text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextFormat {
    #[default]
    Plain,
    Preformatted,
    Xhtml,
}

/// A choice: `simpleChoice`, `simpleAssociableChoice`, `inlineChoice`,
/// `gapText`, `gapImg` (content is its object) and `hottext`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Choice {
    pub identifier: String,
    pub fixed: bool,
    pub template_identifier: Option<String>,
    pub show_hide: ShowHide,
    /// Associable choices: how often the choice may be used (0 = unlimited).
    pub match_max: u32,
    pub match_min: u32,
    pub match_group: Vec<String>,
    pub attrs: Attributes,
    pub content: Vec<ContentNode>,
}

/// `hotspotChoice` and `associableHotspot`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hotspot {
    pub identifier: String,
    pub fixed: bool,
    pub shape: Shape,
    pub label: Option<String>,
    pub template_identifier: Option<String>,
    pub show_hide: ShowHide,
    pub match_max: u32,
    pub match_min: u32,
    pub match_group: Vec<String>,
}

/// QTI 3 `qti-portable-custom-interaction`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PortableCustom {
    pub type_identifier: String,
    /// The AMD module id of the primary module.
    pub module: String,
    /// `data-*` properties handed to the PCI as its configuration.
    pub properties: Attributes,
    /// `qti-interaction-module`s: (id, primary path, fallback path).
    pub modules: Vec<(String, String, Option<String>)>,
    pub markup: Vec<ContentNode>,
}

impl Interaction {
    /// The QTI element name of the interaction (QTI 2 spelling).
    pub fn element_name(&self) -> &'static str {
        use InteractionKind::*;
        match &self.kind {
            Choice { .. } => "choiceInteraction",
            Order { .. } => "orderInteraction",
            Associate { .. } => "associateInteraction",
            Match { .. } => "matchInteraction",
            GapMatch { .. } => "gapMatchInteraction",
            InlineChoice { .. } => "inlineChoiceInteraction",
            TextEntry(_) => "textEntryInteraction",
            ExtendedText { .. } => "extendedTextInteraction",
            Hottext { .. } => "hottextInteraction",
            Hotspot { .. } => "hotspotInteraction",
            SelectPoint { .. } => "selectPointInteraction",
            GraphicOrder { .. } => "graphicOrderInteraction",
            GraphicAssociate { .. } => "graphicAssociateInteraction",
            GraphicGapMatch { .. } => "graphicGapMatchInteraction",
            PositionObject { .. } => "positionObjectInteraction",
            Slider { .. } => "sliderInteraction",
            Media { .. } => "mediaInteraction",
            Drawing { .. } => "drawingInteraction",
            Upload { .. } => "uploadInteraction",
            EndAttempt { .. } => "endAttemptInteraction",
            Custom { .. } => "customInteraction",
            PortableCustom(_) => "portableCustomInteraction",
        }
    }

    /// Whether `shuffle` is on.
    pub fn shuffles(&self) -> bool {
        use InteractionKind::*;
        match &self.kind {
            Choice { shuffle, .. }
            | Order { shuffle, .. }
            | Associate { shuffle, .. }
            | Match { shuffle, .. }
            | GapMatch { shuffle, .. }
            | InlineChoice { shuffle, .. } => *shuffle,
            _ => false,
        }
    }

    /// The choice sets a shuffle permutes, each independently (match has two).
    pub fn choice_sets(&self) -> Vec<&[Choice]> {
        use InteractionKind::*;
        match &self.kind {
            Choice { choices, .. }
            | Order { choices, .. }
            | Associate { choices, .. }
            | GapMatch { choices, .. }
            | InlineChoice { choices, .. }
            | GraphicGapMatch { choices, .. } => vec![choices],
            Match {
                sources, targets, ..
            } => vec![sources, targets],
            _ => Vec::new(),
        }
    }

    /// The hotspots of a graphical interaction.
    pub fn hotspots(&self) -> &[Hotspot] {
        use InteractionKind::*;
        match &self.kind {
            Hotspot { hotspots, .. }
            | GraphicOrder { hotspots, .. }
            | GraphicAssociate { hotspots, .. }
            | GraphicGapMatch { hotspots, .. } => hotspots,
            _ => &[],
        }
    }

    /// The same lists as [`Self::content_lists`], to change them in place.
    pub fn content_lists_mut(&mut self) -> Vec<&mut Vec<ContentNode>> {
        use InteractionKind::*;
        let mut out: Vec<&mut Vec<ContentNode>> = vec![&mut self.prompt];
        match &mut self.kind {
            Choice { choices, .. }
            | Order { choices, .. }
            | Associate { choices, .. }
            | InlineChoice { choices, .. }
            | GraphicGapMatch { choices, .. } => {
                out.extend(choices.iter_mut().map(|c| &mut c.content))
            }
            GapMatch {
                choices, content, ..
            } => {
                out.extend(choices.iter_mut().map(|c| &mut c.content));
                out.push(content);
            }
            Match {
                sources, targets, ..
            } => out.extend(sources.iter_mut().chain(targets).map(|c| &mut c.content)),
            Hottext { content, .. } => out.push(content),
            PortableCustom(p) => out.push(&mut p.markup),
            _ => {}
        }
        out
    }

    /// Content lists below the interaction (prompt, choices, text with gaps).
    pub fn content_lists(&self) -> Vec<&[ContentNode]> {
        let mut out = Vec::new();
        self.for_each_content_list(&mut |list| out.push(list));
        out
    }

    /// Calls `f` with each of [`Self::content_lists`], in the same order,
    /// without collecting them.
    pub fn for_each_content_list<'a>(&'a self, f: &mut dyn FnMut(&'a [ContentNode])) {
        use InteractionKind as K;
        f(&self.prompt);
        let (first, second): (&[Choice], &[Choice]) = match &self.kind {
            K::Choice { choices, .. }
            | K::Order { choices, .. }
            | K::Associate { choices, .. }
            | K::GapMatch { choices, .. }
            | K::InlineChoice { choices, .. }
            | K::GraphicGapMatch { choices, .. } => (choices, &[]),
            K::Match {
                sources, targets, ..
            } => (sources, targets),
            _ => (&[], &[]),
        };
        for choice in first.iter().chain(second) {
            f(&choice.content);
        }
        match &self.kind {
            K::GapMatch { content, .. } | K::Hottext { content, .. } => f(content),
            K::PortableCustom(p) => f(&p.markup),
            _ => {}
        }
    }
}
