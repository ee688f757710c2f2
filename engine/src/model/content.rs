//! The item body as a typed content tree. Only allow-listed XHTML elements
//! and attributes are kept; interactions are typed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ItemBody {
    pub content: Vec<ContentNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ContentNode {
    Text(String),
    /// An allow-listed XHTML/HTML5 element with allow-listed attributes.
    Html {
        tag: String,
        attrs: Vec<(String, String)>,
        children: Vec<ContentNode>,
    },
    ChoiceInteraction(ChoiceInteraction),
    /// A QTI element this build does not render yet (kept by name so the
    /// player can say so rather than fail).
    Unsupported {
        name: String,
    },
}

/// `choiceInteraction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceInteraction {
    pub response_identifier: String,
    pub shuffle: bool,
    /// 0 means no limit.
    pub max_choices: u32,
    pub min_choices: u32,
    pub orientation: Option<String>,
    pub class: Option<String>,
    pub prompt: Vec<ContentNode>,
    pub choices: Vec<SimpleChoice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimpleChoice {
    pub identifier: String,
    pub fixed: bool,
    pub content: Vec<ContentNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModalFeedback {
    pub outcome_identifier: String,
    pub identifier: String,
    pub show: bool,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stylesheet {
    pub href: String,
    pub media: Option<String>,
}
