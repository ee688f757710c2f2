//! What every rendering function needs: the session (to read values and
//! decide visibility), where responses go, and how URLs resolve.

use std::collections::BTreeMap;
use std::rc::Rc;

use qti_engine::model::declaration::Declaration;
use qti_engine::value::{BaseType, Cardinality, Scalar};
use qti_engine::{ItemSession, Value};
use yew::prelude::*;

/// The session, shared with the rendering layer. Yew compares props by
/// pointer for it: a new `Rc` after every change re-renders.
#[derive(Clone)]
pub struct SessionHandle(pub Rc<ItemSession>);

impl PartialEq for SessionHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, PartialEq)]
pub struct RenderCtx {
    pub session: SessionHandle,
    /// A response changed: (identifier, value).
    pub on_response: Callback<(String, Value)>,
    /// An endAttemptInteraction was pressed (its response identifier).
    pub on_end_attempt: Callback<String>,
    /// A portable custom interaction reported its own state: (response
    /// identifier, state), kept with the session for a restore.
    pub on_interaction_state: Callback<(String, String)>,
    /// Base URL for relative `src`/`href`/`data` (the item's location).
    pub base_url: AttrValue,
    /// Validation messages by response identifier, shown beside the interaction.
    pub messages: Rc<BTreeMap<String, String>>,
    /// Prefix that keeps element ids unique when a page holds several players.
    pub id_prefix: AttrValue,
    /// Whether item feedback may show (a test's itemSessionControl
    /// `showFeedback`; always for a single item).
    pub show_feedback: bool,
    /// Files of an opened package: path in the package → URL to load it
    /// from (an object URL). Relative references resolve through it.
    pub files: Option<PackageFiles>,
    /// The candidate's preferences: which catalog supports to offer.
    pub pnp: Option<Rc<crate::pnp::Pnp>>,
    /// The language of the player's own words.
    pub locale: crate::i18n::Locale,
    /// The host's PCI module resolver: module id → URL of its code. Without
    /// an entry, a module is found at its path next to the item.
    pub pci_modules: Option<Rc<BTreeMap<String, String>>>,
    /// Whose rubric blocks show: `candidate` (the default), `scorer`,
    /// `author`, `proctor`, `testConstructor` or `tutor`.
    pub view: AttrValue,
}

/// Package file paths to loadable URLs, shared by every player of a package.
pub type PackageFiles = Rc<BTreeMap<String, String>>;

impl RenderCtx {
    /// The player's own words in the candidate's language.
    pub fn t(&self) -> &'static crate::i18n::Strings {
        self.locale.t()
    }

    /// The item's language (`xml:lang`), when it gives one.
    pub fn item_lang(&self) -> Option<&str> {
        self.session.0.item().lang.as_deref()
    }

    /// `lang` for the player's own words inside the item's content: the
    /// player's language where the item is marked with another one, so a
    /// screen reader switches voice (WCAG 3.1.2). Elsewhere they inherit it.
    pub fn own_lang(&self) -> Option<&'static str> {
        let item = self.item_lang()?;
        let tag = self.locale.tag();
        let primary = item.split(['-', '_']).next().unwrap_or_default();
        (!primary.eq_ignore_ascii_case(tag)).then_some(tag)
    }

    pub fn value(&self, identifier: &str) -> &Value {
        self.session.0.value(identifier)
    }

    pub fn declaration(&self, identifier: &str) -> Option<&Declaration> {
        self.session.0.item().declaration(identifier)
    }

    pub fn set(&self, identifier: &str, value: Value) {
        self.on_response.emit((identifier.to_string(), value));
    }

    /// A DOM id unique to this player.
    pub fn dom_id(&self, parts: &[&str]) -> String {
        let mut id = format!("{}", self.id_prefix);
        for p in parts {
            id.push('-');
            id.extend(p.chars().map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            }));
        }
        id
    }

    /// A URL from the item, resolved against the base. Absolute URLs and
    /// `data:` images pass through (the engine already refused scripts).
    pub fn resolve(&self, url: &str) -> String {
        let base = self.base_url.as_str();
        let absolute = url.contains("://") || url.starts_with("data:") || url.starts_with('/');
        if absolute {
            return url.to_string();
        }
        // Inside a package, the path names one of its files.
        if let Some(files) = &self.files {
            let path = qti_engine::href::join(base, url).unwrap_or_default();
            return files.get(&path).cloned().unwrap_or_default();
        }
        if base.is_empty() {
            return url.to_string();
        }
        let dir = match base.rfind('/') {
            Some(i) => &base[..=i],
            None => "",
        };
        format!("{dir}{url}")
    }

    /// A value of the response's declared shape from a list of scalars:
    /// single cardinality takes the first; an empty list is NULL.
    pub fn value_of(&self, identifier: &str, items: Vec<Scalar>) -> Value {
        let cardinality = self
            .declaration(identifier)
            .map(|d| d.cardinality)
            .unwrap_or(Cardinality::Multiple);
        match cardinality {
            _ if items.is_empty() => Value::Null,
            Cardinality::Single => Value::Single(items.into_iter().next().expect("not empty")),
            other => Value::container(other, items),
        }
    }

    pub fn base_type(&self, identifier: &str) -> Option<BaseType> {
        self.declaration(identifier).and_then(|d| d.base_type)
    }
}

/// The identifiers in a value.
pub fn identifiers(value: &Value) -> Vec<String> {
    value
        .items()
        .iter()
        .filter_map(|s| match s {
            Scalar::Identifier(id) | Scalar::String(id) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

/// The pairs in a value (pair or directedPair), as (first, second).
pub fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .items()
        .iter()
        .filter_map(|s| match s {
            Scalar::Pair(a, b) | Scalar::DirectedPair(a, b) => Some((a.clone(), b.clone())),
            _ => None,
        })
        .collect()
}

/// A pair scalar of the response's base type.
pub fn pair_scalar(base_type: Option<BaseType>, a: &str, b: &str) -> Scalar {
    match base_type {
        Some(BaseType::Pair) => Scalar::Pair(a.to_string(), b.to_string()),
        _ => Scalar::DirectedPair(a.to_string(), b.to_string()),
    }
}
