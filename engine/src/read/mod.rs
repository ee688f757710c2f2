//! Reading: the XML tree becomes the typed model. Each submodule reads one
//! part of the ASI information model and reports errors with positions.

pub mod body;
pub mod declaration;
pub mod expr;
pub mod interaction;
pub mod item;
pub mod rptemplates;
pub mod rule;
pub mod stimulus;
pub mod test;

use std::collections::HashMap;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Position};
use crate::expr::Name;
use crate::value::{BaseType, Cardinality, trim};
use crate::xml::{Document, Element, QtiVersion};

/// Which family a declared variable belongs to; decides where rules may set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableClass {
    Response,
    Outcome,
    Template,
    Context,
    /// `numAttempts`, `duration`, `completionStatus`.
    BuiltIn,
    /// A test's reference to a variable of one of its items, or to the
    /// duration of a part or section: `Q01.SCORE`, `S01.duration`.
    ItemVariable,
}

/// What the reader knows about a declared variable while reading rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariableInfo {
    pub class: VariableClass,
    pub cardinality: Cardinality,
    pub base_type: Option<BaseType>,
}

/// A problem that does not stop reading (unknown attribute values we can
/// default, a missing namespace, ...).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub position: Option<Position>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The variables a document declares, by identifier, borrowed from the
/// document. An item declares a handful: comparing names in a short list
/// beats hashing them (and the map cost allocations of its own for every
/// item); a test can declare hundreds, so a longer list gets an index.
#[derive(Debug, Clone, Default)]
pub struct Variables<'a> {
    list: Vec<(&'a str, VariableInfo)>,
    /// The shared copy of each name that expressions and rules refer to
    /// (see [`Name`]), made at its first reference.
    names: Vec<Name>,
    /// Positions in `list` by name, once it is longer than [`SHORT`].
    index: Option<HashMap<&'a str, usize>>,
}

/// Longer than the declarations of nine of ten corpus items, built-ins
/// included.
const SHORT: usize = 16;

impl<'a> Variables<'a> {
    pub fn get(&self, id: &str) -> Option<&VariableInfo> {
        let at = match &self.index {
            Some(index) => *index.get(id)?,
            None => self.list.iter().position(|(k, _)| same_name(k, id))?,
        };
        Some(&self.list[at].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The shared copy of a name.
    fn name(&mut self, id: &str) -> Name {
        if let Some(name) = self.names.iter().find(|n| same_name(n, id)) {
            return name.clone();
        }
        let name = Name::from(id);
        self.names.push(name.clone());
        name
    }

    /// Declares `id`, or changes what is known of it.
    pub fn insert(&mut self, id: &'a str, info: VariableInfo) {
        let existing = match &self.index {
            Some(index) => index.get(id).copied(),
            None => self.list.iter().position(|(k, _)| same_name(k, id)),
        };
        if let Some(at) = existing {
            self.list[at].1 = info;
            return;
        }
        self.list.push((id, info));
        match &mut self.index {
            Some(index) => {
                index.insert(id, self.list.len() - 1);
            }
            None if self.list.len() > SHORT => {
                let index = self.list.iter().enumerate().map(|(i, (k, _))| (*k, i));
                self.index = Some(index.collect());
            }
            None => {}
        }
    }
}

/// Name equality that compares the first bytes before calling on the
/// library: names of a length (`RESPONSE`, `MAXSCORE`) mostly differ at
/// once.
fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// Shared state and helpers of one document read.
pub struct ReadContext<'a> {
    pub doc: &'a Document<'a>,
    pub version: QtiVersion,
    pub variables: Variables<'a>,
    pub warnings: Vec<Warning>,
    /// Reading a test: dotted item variable references and the test-level
    /// expressions are allowed.
    pub test_scope: bool,
}

impl<'a> ReadContext<'a> {
    pub fn new(doc: &'a Document<'a>, version: QtiVersion) -> Self {
        // Room for the built-ins and the declarations of most items: the
        // map then rarely grows (and rehashes) while they are read.
        let mut variables = Variables {
            list: Vec::with_capacity(SHORT),
            names: Vec::new(),
            index: None,
        };
        for (id, card, bt) in [
            ("numAttempts", Cardinality::Single, BaseType::Integer),
            ("duration", Cardinality::Single, BaseType::Duration),
            (
                "completionStatus",
                Cardinality::Single,
                BaseType::Identifier,
            ),
        ] {
            variables.insert(
                id,
                VariableInfo {
                    class: VariableClass::BuiltIn,
                    cardinality: card,
                    base_type: Some(bt),
                },
            );
        }
        ReadContext {
            doc,
            version,
            variables,
            warnings: Vec::new(),
            test_scope: false,
        }
    }

    pub fn position(&self, el: Element) -> Position {
        self.doc.position(el.pos())
    }

    /// An error located at an element.
    pub fn error(&self, el: Element, kind: ErrorKind) -> Error {
        Error::new(kind).at(self.position(el))
    }

    pub fn warn(&mut self, el: Element, message: impl Into<String>) {
        let position = Some(self.position(el));
        self.warnings.push(Warning {
            position,
            message: message.into(),
        });
    }

    /// A required attribute.
    pub fn attr<'e>(&self, el: Element<'e>, name: &str) -> Result<&'e str, Error> {
        el.attr(name).ok_or_else(|| {
            self.error(
                el,
                ErrorKind::MissingAttribute {
                    element: el.name().to_string(),
                    attribute: name.to_string(),
                },
            )
        })
    }

    pub fn invalid(&self, el: Element, attribute: &str, value: &str) -> Error {
        self.error(
            el,
            ErrorKind::InvalidAttribute {
                element: el.name().to_string(),
                attribute: attribute.to_string(),
                value: value.to_string(),
            },
        )
    }

    /// An optional attribute parsed with `FromStr`.
    pub fn parse_attr<T: FromStr>(&self, el: Element, name: &str) -> Result<Option<T>, Error> {
        match el.attr(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| self.invalid(el, name, v)),
        }
    }

    /// A presentation attribute: a bad value is a warning and the default
    /// is used, since it cannot change scoring.
    pub fn lenient_attr<T: FromStr>(&mut self, el: Element, name: &str, default: T) -> T {
        self.lenient_opt(el, name).unwrap_or(default)
    }

    /// An optional presentation attribute; a bad value is a warning.
    pub fn lenient_opt<T: FromStr>(&mut self, el: Element, name: &str) -> Option<T> {
        match self.parse_attr(el, name) {
            Ok(v) => v,
            Err(e) => {
                self.warn(el, format!("{e}; using the default"));
                None
            }
        }
    }

    /// An optional xsd:boolean attribute.
    pub fn bool_attr(&self, el: Element, name: &str, default: bool) -> Result<bool, Error> {
        // Generators write `TRUE`; the meaning is plain, so accept any case.
        let Some(raw) = el.attr(name) else {
            return Ok(default);
        };
        let v = trim(raw);
        if v == "1" || v.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if v == "0" || v.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(self.invalid(el, name, raw))
        }
    }

    /// An optional xsd:double attribute (accepts `INF`, `1e3`).
    pub fn float_attr(&self, el: Element, name: &str) -> Result<Option<f64>, Error> {
        match el.attr(name) {
            None => Ok(None),
            Some(v) => crate::value::parse_float(v)
                .map(Some)
                .ok_or_else(|| self.invalid(el, name, v)),
        }
    }

    /// A required attribute naming a declared variable.
    pub fn variable_ref(&self, el: Element, name: &str) -> Result<(String, VariableInfo), Error> {
        let (id, info) = self.resolve(el, name)?;
        Ok((id.to_string(), info))
    }

    /// [`Self::variable_ref`] for expressions and rules: the name is the
    /// variable's shared copy.
    pub fn variable_name(
        &mut self,
        el: Element,
        name: &str,
    ) -> Result<(Name, VariableInfo), Error> {
        let (id, info) = self.resolve(el, name)?;
        Ok((self.variables.name(id), info))
    }

    /// The declared variable an attribute names, as written.
    fn resolve<'e>(&self, el: Element<'e>, name: &str) -> Result<(&'e str, VariableInfo), Error> {
        let mut id = trim(self.attr(el, name)?);
        // QTI 2.0 examples spell the built-in `completion_status`.
        if id == "completion_status" && !self.variables.contains_key(id) {
            id = "completionStatus";
        }
        match self.variables.get(id) {
            Some(info) => Ok((id, *info)),
            // Items are resolved after the test is read: a dotted name is
            // checked against them when the test is loaded.
            None if self.test_scope && id.contains('.') => Ok((
                id,
                VariableInfo {
                    class: VariableClass::ItemVariable,
                    cardinality: Cardinality::Single,
                    base_type: None,
                },
            )),
            None => Err(self.error(
                el,
                ErrorKind::Undeclared {
                    identifier: id.to_string(),
                },
            )),
        }
    }

    /// A variable named by content (an interaction, feedback, printed
    /// variable). Unlike a rule, content cannot go wrong at run time when
    /// the variable is missing: it just never shows or records anything.
    /// So an undeclared name is a warning here, not an error.
    pub fn content_ref(&mut self, el: Element, name: &str) -> Result<String, Error> {
        match self.variable_ref(el, name) {
            Ok((id, _)) => Ok(id),
            Err(e) if matches!(e.kind, ErrorKind::Undeclared { .. }) => {
                self.warn(
                    el,
                    format!("{}; <{}> will have no effect", e.kind, el.name()),
                );
                Ok(self.attr(el, name)?.trim().to_string())
            }
            Err(e) => Err(e),
        }
    }

    pub fn base_type_attr(&self, el: Element, name: &str) -> Result<Option<BaseType>, Error> {
        match el.attr(name) {
            None => Ok(None),
            Some(v) => BaseType::parse(trim(v))
                .map(Some)
                .ok_or_else(|| self.invalid(el, name, v)),
        }
    }

    pub fn cardinality_attr(&self, el: Element, name: &str) -> Result<Cardinality, Error> {
        let raw = self.attr(el, name)?;
        let v = trim(raw);
        // `SINGLE` appears in the wild; the vocabulary is otherwise exact.
        Cardinality::parse(v)
            .or_else(|| Cardinality::parse(&v.to_ascii_lowercase()))
            .ok_or_else(|| self.invalid(el, name, raw))
    }
}
