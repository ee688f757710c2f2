//! Reading values back from the form their `Serialize` derive writes (saved
//! sessions, `restoreState`): a scalar is `{"t": baseType, "v": content}`, a
//! value `{"card": "null" | cardinality, "v": content}`.
//!
//! Not derived: serde's `Deserialize` for an adjacently tagged enum buffers the
//! content in its private `Content` tree when `v` comes before the tag, and
//! compiles every variant's reader once for each deserializer it meets
//! (serde_json's, and `Content`'s for the scalars inside a buffered value) —
//! the largest serde code in the browser's wasm. Here the JSON tree is read
//! once as a `serde_json::Value` (whose reader the player has anyway, for PCI
//! responses) and converted by plain functions compiled once. What is accepted
//! is the same: either key order, unknown keys ignored.

use std::collections::BTreeMap;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Map, Value as Json};

use super::{BaseType, FileValue, IntOrIdentifier, Scalar, Value};

/// Why JSON is not a stored value.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("invalid type: {found}, expected {expected}")]
    Type {
        found: &'static str,
        expected: &'static str,
    },
    #[error("missing field `{0}`")]
    Missing(&'static str),
    #[error("unknown variant `{found}`, expected {expected}")]
    Variant {
        found: String,
        expected: &'static str,
    },
    #[error("invalid file value: {0}")]
    File(#[source] serde_json::Error),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        scalar(Json::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        value(Json::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

fn value(json: Json) -> Result<Value, FormError> {
    let (card, content) = tagged(json, "card")?;
    Ok(match card.as_str() {
        // A unit variant: its content may be left out or be `null`.
        "null" => match content {
            None | Some(Json::Null) => Value::Null,
            Some(other) => return Err(wrong(&other, "null")),
        },
        "single" => Value::Single(scalar(required(content)?)?),
        "multiple" => Value::Multiple(scalars(required(content)?)?),
        "ordered" => Value::Ordered(scalars(required(content)?)?),
        "record" => {
            // Inserted one by one: collecting into a BTreeMap would compile a
            // stable sort of its own for this iterator.
            let mut fields = BTreeMap::new();
            for (name, field) in object(required(content)?, "a record")? {
                let field = match field {
                    Json::Null => None,
                    field => Some(scalar(field)?),
                };
                fields.insert(name, field);
            }
            Value::Record(fields)
        }
        _ => {
            return Err(FormError::Variant {
                found: card,
                expected: "null, single, multiple, ordered or record",
            });
        }
    })
}

fn scalars(json: Json) -> Result<Vec<Scalar>, FormError> {
    match json {
        Json::Array(items) => items.into_iter().map(scalar).collect(),
        other => Err(wrong(&other, "a sequence")),
    }
}

fn scalar(json: Json) -> Result<Scalar, FormError> {
    let (tag, content) = tagged(json, "t")?;
    let base_type = BaseType::parse(&tag).ok_or(FormError::Variant {
        found: tag,
        expected: "a base type",
    })?;
    let content = required(content)?;
    Ok(match base_type {
        BaseType::Identifier => Scalar::Identifier(string(content)?),
        BaseType::Boolean => match content {
            Json::Bool(b) => Scalar::Boolean(b),
            other => return Err(wrong(&other, "a boolean")),
        },
        BaseType::Integer => Scalar::Integer(integer(&content)?),
        BaseType::Float => Scalar::Float(float(&content)?),
        BaseType::String => Scalar::String(string(content)?),
        BaseType::Point => {
            let [x, y] = two(content)?;
            Scalar::Point(integer(&x)?, integer(&y)?)
        }
        BaseType::Pair => {
            let [a, b] = two(content)?;
            Scalar::Pair(string(a)?, string(b)?)
        }
        BaseType::DirectedPair => {
            let [a, b] = two(content)?;
            Scalar::DirectedPair(string(a)?, string(b)?)
        }
        BaseType::Duration => Scalar::Duration(float(&content)?),
        // Rare, and with a struct's every form (map or sequence, `data` optional):
        // its derive reads it.
        BaseType::File => Scalar::File(FileValue::deserialize(content).map_err(FormError::File)?),
        BaseType::Uri => Scalar::Uri(string(content)?),
        // Externally tagged: `{"Int": 3}` or `{"Identifier": "a"}`.
        BaseType::IntOrIdentifier => {
            let mut entries = object(content, "a map of one key")?.into_iter();
            let (Some((variant, inner)), None) = (entries.next(), entries.next()) else {
                return Err(FormError::Type {
                    found: "a map of another size",
                    expected: "a map of one key",
                });
            };
            Scalar::IntOrIdentifier(match variant.as_str() {
                "Int" => IntOrIdentifier::Int(integer(&inner)?),
                "Identifier" => IntOrIdentifier::Identifier(string(inner)?),
                _ => {
                    return Err(FormError::Variant {
                        found: variant,
                        expected: "`Int` or `Identifier`",
                    });
                }
            })
        }
    })
}

/// The tag (a string under `key`) and the content (`v`) of an adjacently tagged object.
fn tagged(json: Json, key: &'static str) -> Result<(String, Option<Json>), FormError> {
    // Taken in one pass over the entries: `Map::remove` would compile
    // a B-tree's removal for this map type alone.
    let (mut tag, mut content) = (None, None);
    for (name, field) in object(json, "a tagged value")? {
        if name == key {
            tag = Some(field);
        } else if name == "v" {
            content = Some(field);
        }
    }
    match tag {
        Some(Json::String(tag)) => Ok((tag, content)),
        Some(other) => Err(wrong(&other, "a string tag")),
        None => Err(FormError::Missing(key)),
    }
}

fn required(content: Option<Json>) -> Result<Json, FormError> {
    content.ok_or(FormError::Missing("v"))
}

fn object(json: Json, expected: &'static str) -> Result<Map<String, Json>, FormError> {
    match json {
        Json::Object(map) => Ok(map),
        other => Err(wrong(&other, expected)),
    }
}

fn two(json: Json) -> Result<[Json; 2], FormError> {
    match json {
        Json::Array(items) => <[Json; 2]>::try_from(items).map_err(|_| FormError::Type {
            found: "a sequence of another length",
            expected: "a sequence of two",
        }),
        other => Err(wrong(&other, "a sequence of two")),
    }
}

fn string(json: Json) -> Result<String, FormError> {
    match json {
        Json::String(s) => Ok(s),
        other => Err(wrong(&other, "a string")),
    }
}

fn integer(json: &Json) -> Result<i64, FormError> {
    json.as_i64().ok_or_else(|| wrong(json, "an integer (i64)"))
}

fn float(json: &Json) -> Result<f64, FormError> {
    json.as_f64().ok_or_else(|| wrong(json, "a number"))
}

fn wrong(found: &Json, expected: &'static str) -> FormError {
    let found = match found {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a sequence",
        Json::Object(_) => "a map",
    };
    FormError::Type { found, expected }
}
