//! QTI values: base types, cardinalities and the values variables hold
//! (ASI Information Model, "baseType" and "cardinality" data types).
//!
//! NULL is a value of every type; an empty container or an empty string is
//! NULL too (spec: "containers with no values ... are treated as NULL").

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod de;
pub use de::FormError;

/// The spec's `baseType` vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BaseType {
    Identifier,
    Boolean,
    Integer,
    Float,
    String,
    Point,
    Pair,
    DirectedPair,
    Duration,
    File,
    Uri,
    IntOrIdentifier,
}

impl BaseType {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "identifier" => Self::Identifier,
            "boolean" => Self::Boolean,
            "integer" => Self::Integer,
            "float" => Self::Float,
            "string" => Self::String,
            "point" => Self::Point,
            "pair" => Self::Pair,
            "directedPair" => Self::DirectedPair,
            "duration" => Self::Duration,
            "file" => Self::File,
            "uri" => Self::Uri,
            "intOrIdentifier" => Self::IntOrIdentifier,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Identifier => "identifier",
            Self::Boolean => "boolean",
            Self::Integer => "integer",
            Self::Float => "float",
            Self::String => "string",
            Self::Point => "point",
            Self::Pair => "pair",
            Self::DirectedPair => "directedPair",
            Self::Duration => "duration",
            Self::File => "file",
            Self::Uri => "uri",
            Self::IntOrIdentifier => "intOrIdentifier",
        }
    }

    /// Integer and float are the numeric types of the expression language.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Integer | Self::Float)
    }
}

impl fmt::Display for BaseType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The spec's `cardinality` vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cardinality {
    Single,
    Multiple,
    Ordered,
    Record,
}

impl Cardinality {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "single" => Self::Single,
            "multiple" => Self::Multiple,
            "ordered" => Self::Ordered,
            "record" => Self::Record,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Ordered => "ordered",
            Self::Record => "record",
        }
    }
}

impl fmt::Display for Cardinality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file response: the bytes a candidate uploaded or drew, with name and MIME type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileValue {
    pub name: String,
    pub mime_type: String,
    /// Base64 would cost a dependency; the bytes are kept raw and serialized as numbers.
    #[serde(default)]
    pub data: Vec<u8>,
}

/// One value of a single base type.
///
/// `Deserialize` is written out in `de` (see there why).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", content = "v", rename_all = "camelCase")]
pub enum Scalar {
    Identifier(String),
    Boolean(bool),
    Integer(i64),
    Float(f64),
    String(String),
    Point(i64, i64),
    /// Unordered: `A B` equals `B A`.
    Pair(String, String),
    /// Ordered: source then destination.
    DirectedPair(String, String),
    /// Seconds, as QTI 2.x binds durations (QTI 3 writes ISO 8601 but means the same).
    Duration(f64),
    File(FileValue),
    Uri(String),
    IntOrIdentifier(IntOrIdentifier),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum IntOrIdentifier {
    Int(i64),
    Identifier(String),
}

impl Scalar {
    pub fn base_type(&self) -> BaseType {
        match self {
            Self::Identifier(_) => BaseType::Identifier,
            Self::Boolean(_) => BaseType::Boolean,
            Self::Integer(_) => BaseType::Integer,
            Self::Float(_) => BaseType::Float,
            Self::String(_) => BaseType::String,
            Self::Point(..) => BaseType::Point,
            Self::Pair(..) => BaseType::Pair,
            Self::DirectedPair(..) => BaseType::DirectedPair,
            Self::Duration(_) => BaseType::Duration,
            Self::File(_) => BaseType::File,
            Self::Uri(_) => BaseType::Uri,
            Self::IntOrIdentifier(_) => BaseType::IntOrIdentifier,
        }
    }

    /// Parse the spec's lexical form of a value of `base_type`.
    pub fn parse(base_type: BaseType, text: &str) -> Result<Self, ValueError> {
        let t = trim(text);
        let bad = || ValueError::Lexical {
            base_type,
            text: text.to_string(),
        };
        Ok(match base_type {
            BaseType::Identifier => {
                if t.is_empty() {
                    return Err(bad());
                }
                Self::Identifier(t.to_string())
            }
            BaseType::Boolean => match t {
                "true" | "1" => Self::Boolean(true),
                "false" | "0" => Self::Boolean(false),
                _ => return Err(bad()),
            },
            BaseType::Integer => Self::Integer(parse_integer(t).ok_or_else(bad)?),
            BaseType::Float => Self::Float(parse_float(t).ok_or_else(bad)?),
            // Strings keep their whitespace: it can matter for stringMatch.
            BaseType::String => Self::String(text.to_string()),
            BaseType::Point => {
                let (x, y) = split_two(t).ok_or_else(bad)?;
                Self::Point(
                    parse_integer(x).ok_or_else(bad)?,
                    parse_integer(y).ok_or_else(bad)?,
                )
            }
            BaseType::Pair => {
                let (a, b) = split_two(t).ok_or_else(bad)?;
                Self::Pair(a.to_string(), b.to_string())
            }
            BaseType::DirectedPair => {
                let (a, b) = split_two(t).ok_or_else(bad)?;
                Self::DirectedPair(a.to_string(), b.to_string())
            }
            BaseType::Duration => Self::Duration(parse_duration(t).ok_or_else(bad)?),
            BaseType::File => Self::File(FileValue {
                name: t.to_string(),
                mime_type: String::new(),
                data: Vec::new(),
            }),
            BaseType::Uri => Self::Uri(t.to_string()),
            BaseType::IntOrIdentifier => match parse_integer(t) {
                Some(i) => Self::IntOrIdentifier(IntOrIdentifier::Int(i)),
                None if !t.is_empty() => {
                    Self::IntOrIdentifier(IntOrIdentifier::Identifier(t.to_string()))
                }
                None => return Err(bad()),
            },
        })
    }

    /// The numeric value of an integer or float, for arithmetic.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Integer(i) => Some(*i as f64),
            Self::Float(f) => Some(*f),
            Self::IntOrIdentifier(IntOrIdentifier::Int(i)) => Some(*i as f64),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// The text of string-like values (identifier, string, uri).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Identifier(s) | Self::String(s) | Self::Uri(s) => Some(s),
            Self::IntOrIdentifier(IntOrIdentifier::Identifier(s)) => Some(s),
            _ => None,
        }
    }

    /// QTI equality of two values: pairs unordered, directed pairs ordered,
    /// integers equal to floats of the same value.
    pub fn qti_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Pair(a1, b1), Self::Pair(a2, b2)) => {
                (a1 == a2 && b1 == b2) || (a1 == b2 && b1 == a2)
            }
            (Self::Integer(a), Self::Float(b)) | (Self::Float(b), Self::Integer(a)) => {
                (*a as f64) == *b
            }
            (Self::File(a), Self::File(b)) => a.data == b.data && a.mime_type == b.mime_type,
            _ => self == other,
        }
    }
}

impl fmt::Display for Scalar {
    /// The spec's canonical lexical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Identifier(s) | Self::String(s) | Self::Uri(s) => f.write_str(s),
            Self::Boolean(b) => write!(f, "{b}"),
            Self::Integer(i) => write!(f, "{i}"),
            Self::Float(x) => f.write_str(&format_float(*x)),
            Self::Point(x, y) => write!(f, "{x} {y}"),
            Self::Pair(a, b) | Self::DirectedPair(a, b) => write!(f, "{a} {b}"),
            Self::Duration(d) => f.write_str(&format_float(*d)),
            Self::File(file) => f.write_str(&file.name),
            Self::IntOrIdentifier(IntOrIdentifier::Int(i)) => write!(f, "{i}"),
            Self::IntOrIdentifier(IntOrIdentifier::Identifier(s)) => f.write_str(s),
        }
    }
}

/// A variable's value, including NULL.
///
/// `Deserialize` is written out in `de` (see there why).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(tag = "card", content = "v", rename_all = "camelCase")]
pub enum Value {
    #[default]
    Null,
    Single(Scalar),
    /// A bag: order carries no meaning.
    Multiple(Vec<Scalar>),
    /// A sequence.
    Ordered(Vec<Scalar>),
    /// Fields, each single-valued (or NULL).
    Record(BTreeMap<String, Option<Scalar>>),
}

impl Value {
    /// Build a container, folding the empty container into NULL as the spec asks.
    pub fn container(cardinality: Cardinality, items: Vec<Scalar>) -> Self {
        if items.is_empty() {
            return Self::Null;
        }
        match cardinality {
            Cardinality::Ordered => Self::Ordered(items),
            Cardinality::Single if items.len() == 1 => {
                Self::Single(items.into_iter().next().expect("one item"))
            }
            _ => Self::Multiple(items),
        }
    }

    /// NULL in the spec's sense: NULL, an empty container or an empty string.
    pub fn is_null(&self) -> bool {
        match self {
            Self::Null => true,
            Self::Single(Scalar::String(s)) => s.is_empty(),
            Self::Multiple(v) | Self::Ordered(v) => v.is_empty(),
            Self::Record(r) => r.is_empty(),
            Self::Single(_) => false,
        }
    }

    pub fn cardinality(&self) -> Option<Cardinality> {
        match self {
            Self::Null => None,
            Self::Single(_) => Some(Cardinality::Single),
            Self::Multiple(_) => Some(Cardinality::Multiple),
            Self::Ordered(_) => Some(Cardinality::Ordered),
            Self::Record(_) => Some(Cardinality::Record),
        }
    }

    /// The base type of a non-record value (NULL and records have none).
    pub fn base_type(&self) -> Option<BaseType> {
        match self {
            Self::Single(s) => Some(s.base_type()),
            Self::Multiple(v) | Self::Ordered(v) => v.first().map(Scalar::base_type),
            _ => None,
        }
    }

    pub fn as_single(&self) -> Option<&Scalar> {
        match self {
            Self::Single(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a single or container value (a single value is a one-item list).
    pub fn items(&self) -> &[Scalar] {
        match self {
            Self::Single(s) => std::slice::from_ref(s),
            Self::Multiple(v) | Self::Ordered(v) => v,
            _ => &[],
        }
    }

    pub fn boolean(b: bool) -> Self {
        Self::Single(Scalar::Boolean(b))
    }

    pub fn integer(i: i64) -> Self {
        Self::Single(Scalar::Integer(i))
    }

    pub fn float(f: f64) -> Self {
        Self::Single(Scalar::Float(f))
    }

    pub fn identifier(s: impl Into<String>) -> Self {
        Self::Single(Scalar::Identifier(s.into()))
    }

    pub fn string(s: impl Into<String>) -> Self {
        Self::Single(Scalar::String(s.into()))
    }

    /// Parse a list of lexical values with a declared cardinality and base type.
    pub fn parse(
        cardinality: Cardinality,
        base_type: BaseType,
        texts: &[&str],
    ) -> Result<Self, ValueError> {
        // Most values are single: building a list only to take its one
        // item out cost an allocation per value.
        if let [text] = texts {
            let item = Scalar::parse(base_type, text)?;
            return Ok(match cardinality {
                Cardinality::Single => Self::Single(item),
                _ => Self::container(cardinality, vec![item]),
            });
        }
        let items = texts
            .iter()
            .map(|t| Scalar::parse(base_type, t))
            .collect::<Result<Vec<_>, _>>()?;
        if cardinality == Cardinality::Single && items.len() > 1 {
            return Err(ValueError::TooManyValues { count: items.len() });
        }
        Ok(Self::container(cardinality, items))
    }

    /// Whether the value fits a declaration (NULL fits everything).
    pub fn fits(&self, cardinality: Cardinality, base_type: Option<BaseType>) -> bool {
        if self.is_null() {
            return true;
        }
        if cardinality == Cardinality::Record {
            return matches!(self, Self::Record(_));
        }
        let card_ok = matches!(
            (self, cardinality),
            (Self::Single(_), Cardinality::Single)
                | (Self::Multiple(_), Cardinality::Multiple)
                | (Self::Ordered(_), Cardinality::Ordered)
        );
        card_ok
            && match base_type {
                None => true,
                Some(bt) => self.items().iter().all(|s| type_fits(s.base_type(), bt)),
            }
    }
}

/// Integers are accepted where floats are declared (they widen without loss).
fn type_fits(actual: BaseType, declared: BaseType) -> bool {
    actual == declared
        || (actual == BaseType::Integer && declared == BaseType::Float)
        || (declared == BaseType::IntOrIdentifier
            && matches!(actual, BaseType::Integer | BaseType::Identifier))
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueError {
    #[error("'{text}' is not a valid {base_type}")]
    Lexical { base_type: BaseType, text: String },
    #[error("{count} values given for a single-cardinality variable")]
    TooManyValues { count: usize },
}

/// `str::trim`, answered at once for the common case: a value that
/// starts and ends with a visible ASCII character (identifiers, numbers)
/// has nothing to trim, and checking two bytes is much cheaper than
/// decoding characters from both ends. Anything else takes `str::trim`.
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: u8| b > b' ' && b.is_ascii();
    match text.as_bytes() {
        [first, .., last] if visible(*first) && visible(*last) => text,
        [only] if visible(*only) => text,
        _ => text.trim(),
    }
}

fn split_two(t: &str) -> Option<(&str, &str)> {
    let mut parts = t.split_whitespace();
    let a = parts.next()?;
    let b = parts.next()?;
    parts.next().is_none().then_some((a, b))
}

/// xsd:int lexical form: optional sign, digits (leading zeros allowed).
pub fn parse_integer(t: &str) -> Option<i64> {
    let t = trim(t);
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// xsd:double lexical form, including `INF`, `-INF`, `NaN` and exponents.
pub fn parse_float(t: &str) -> Option<f64> {
    let t = trim(t);
    match t {
        "INF" | "+INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    // Rust also accepts "inf", "infinity" and "nan": xsd does not.
    let ok = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    if !ok {
        return None;
    }
    t.parse().ok()
}

/// A duration in seconds: QTI 2.x writes a number of seconds, QTI 3 an
/// ISO 8601 duration such as `PT1M32.5S` or `P1DT2H`.
pub fn parse_duration(t: &str) -> Option<f64> {
    let t = trim(t);
    if let Some(secs) = parse_float(t) {
        return (secs.is_finite() && secs >= 0.0).then_some(secs);
    }
    parse_iso_duration(t)
}

fn parse_iso_duration(t: &str) -> Option<f64> {
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let body = t.strip_prefix('P')?;
    if body.is_empty() {
        return None;
    }
    let (date, time) = match body.split_once('T') {
        Some((d, tm)) if !tm.is_empty() => (d, Some(tm)),
        Some(_) => return None,
        None => (body, None),
    };
    let mut total = 0.0;
    total += iso_fields(
        date,
        &[
            ('Y', 365.0 * 86400.0),
            ('M', 30.0 * 86400.0),
            ('W', 7.0 * 86400.0),
            ('D', 86400.0),
        ],
    )?;
    if let Some(time) = time {
        total += iso_fields(time, &[('H', 3600.0), ('M', 60.0), ('S', 1.0)])?;
    }
    Some(if negative { -total } else { total })
}

/// Sum `number designator` fields, designators in the given order.
fn iso_fields(mut s: &str, units: &[(char, f64)]) -> Option<f64> {
    let mut total = 0.0;
    let mut next_unit = 0;
    while !s.is_empty() {
        let end = s.find(|c: char| c.is_ascii_alphabetic())?;
        let number: f64 = s[..end].parse().ok()?;
        let designator = s[end..].chars().next()?;
        let pos = units[next_unit..]
            .iter()
            .position(|(d, _)| *d == designator)?;
        total += number * units[next_unit + pos].1;
        next_unit += pos + 1;
        s = &s[end + 1..];
    }
    Some(total)
}

/// Format a duration in seconds as ISO 8601 (`PT1M32.5S`), as QTI 3 results write it.
pub fn format_iso_duration(seconds: f64) -> String {
    let mut s = seconds.max(0.0);
    let hours = (s / 3600.0).floor();
    s -= hours * 3600.0;
    let minutes = (s / 60.0).floor();
    s -= minutes * 60.0;
    let mut out = String::from("PT");
    if hours > 0.0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0.0 {
        out.push_str(&format!("{minutes}M"));
    }
    // Round away float noise below the microsecond.
    let s = (s * 1e6).round() / 1e6;
    if s > 0.0 || out == "PT" {
        out.push_str(&format!("{}S", format_float(s)));
    }
    out
}

/// Floats in xsd:double form: `INF`, `-INF`, `NaN`, integral values without a fraction.
pub fn format_float(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x == f64::INFINITY {
        "INF".into()
    } else if x == f64::NEG_INFINITY {
        "-INF".into()
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_lexical_forms_follow_xsd_double() {
        assert_eq!(parse_float("1e3"), Some(1000.0));
        assert_eq!(parse_float("INF"), Some(f64::INFINITY));
        assert_eq!(parse_float("-INF"), Some(f64::NEG_INFINITY));
        assert!(parse_float("NaN").unwrap().is_nan());
        assert_eq!(parse_float("inf"), None);
        assert_eq!(parse_float(" 2.5 "), Some(2.5));
    }

    #[test]
    fn integers_reject_fractions() {
        assert_eq!(parse_integer("007"), Some(7));
        assert_eq!(parse_integer("-3"), Some(-3));
        assert_eq!(parse_integer("1.0"), None);
        assert_eq!(parse_integer(""), None);
    }

    #[test]
    fn durations_in_seconds_and_iso_8601() {
        assert_eq!(parse_duration("90"), Some(90.0));
        assert_eq!(parse_duration("PT1M32.5S"), Some(92.5));
        assert_eq!(parse_duration("PT1H"), Some(3600.0));
        assert_eq!(parse_duration("P1DT1S"), Some(86401.0));
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("PT1S1M"), None);
        assert_eq!(format_iso_duration(92.5), "PT1M32.5S");
        assert_eq!(format_iso_duration(0.0), "PT0S");
    }

    #[test]
    fn pairs_are_unordered_directed_pairs_ordered() {
        let p = Scalar::parse(BaseType::Pair, "A B").unwrap();
        let q = Scalar::parse(BaseType::Pair, "B A").unwrap();
        assert!(p.qti_eq(&q));
        let d = Scalar::parse(BaseType::DirectedPair, "A B").unwrap();
        let e = Scalar::parse(BaseType::DirectedPair, "B A").unwrap();
        assert!(!d.qti_eq(&e));
    }

    #[test]
    fn empty_containers_and_strings_are_null() {
        assert!(Value::container(Cardinality::Multiple, vec![]).is_null());
        assert!(Value::string("").is_null());
        assert!(!Value::integer(0).is_null());
    }
}
