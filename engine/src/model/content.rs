//! The item body as a typed content tree.
//!
//! OWNED BY THE CONTENT WORK: this stub is replaced by the typed tree.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ItemBody {
    pub content: Vec<String>,
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
