//! The JSON form of values, shared by the `qti` command and the embedding API.
//!
//! NULL is `null`; integers, floats and durations (in seconds) are numbers;
//! booleans are booleans; identifiers, strings and URIs are strings; points
//! are `"x y"` and pairs `"A B"`; multiple and ordered values are arrays;
//! records are objects of field to value.

use serde_json::{Map, Number, Value as Json};

use crate::error::Error;
use crate::model::declaration::Declaration;
use crate::value::{
    BaseType, Cardinality, IntOrIdentifier, Scalar, Value, format_float, parse_duration,
};

/// A value as JSON.
pub fn to_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Single(s) => scalar_to_json(s),
        Value::Multiple(v) | Value::Ordered(v) => {
            Json::Array(v.iter().map(scalar_to_json).collect())
        }
        Value::Record(fields) => Json::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), v.as_ref().map_or(Json::Null, scalar_to_json)))
                .collect(),
        ),
    }
}

pub fn scalar_to_json(s: &Scalar) -> Json {
    match s {
        Scalar::Boolean(b) => Json::Bool(*b),
        Scalar::Integer(i) => Json::Number((*i).into()),
        Scalar::IntOrIdentifier(IntOrIdentifier::Int(i)) => Json::Number((*i).into()),
        Scalar::Float(f) | Scalar::Duration(f) => float_json(*f),
        other => Json::String(other.to_string()),
    }
}

/// JSON has no NaN or infinities: they are written as the xsd strings.
fn float_json(f: f64) -> Json {
    Number::from_f64(f).map_or_else(|| Json::String(format_float(f)), Json::Number)
}

/// Read a JSON value for a declared variable. Also accepts the verbose form
/// `{"baseType": .., "cardinality": .., "value": ..}`.
pub fn from_json(json: &Json, decl: &Declaration) -> Result<Value, Error> {
    let shape_error = |found: &str| {
        Error::response_shape(&decl.identifier, decl.cardinality, decl.base_type, found)
    };
    if let Json::Object(map) = json
        && decl.cardinality != Cardinality::Record
        && map.contains_key("value")
    {
        return from_json(&map["value"], decl);
    }
    if let (Json::Object(map), Cardinality::Record) = (json, decl.cardinality)
        && map.contains_key("value")
        && map.get("cardinality").and_then(Json::as_str) == Some("record")
    {
        return from_json(&map["value"], decl);
    }
    match (json, decl.cardinality) {
        (Json::Null, _) => Ok(Value::Null),
        (Json::Object(map), Cardinality::Record) => {
            let mut fields = std::collections::BTreeMap::new();
            for (k, v) in map {
                fields.insert(
                    k.clone(),
                    record_field(v).map_err(|_| shape_error("a record field of unknown type"))?,
                );
            }
            Ok(Value::Record(fields))
        }
        (_, Cardinality::Record) => Err(shape_error("a non-object")),
        (Json::Array(items), Cardinality::Single) => {
            // A point or pair may come as a two-item array.
            let bt = decl.base_type.unwrap_or(BaseType::String);
            if matches!(
                bt,
                BaseType::Point | BaseType::Pair | BaseType::DirectedPair
            ) && items.len() == 2
            {
                let text = format!("{} {}", json_text(&items[0]), json_text(&items[1]));
                return Scalar::parse(bt, &text)
                    .map(Value::Single)
                    .map_err(|_| shape_error(&text));
            }
            Err(shape_error("an array"))
        }
        (Json::Array(items), card) => {
            let bt = decl.base_type.unwrap_or(BaseType::String);
            let scalars = items
                .iter()
                .map(|j| scalar_from_json(j, bt).ok_or_else(|| shape_error(&j.to_string())))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::container(card, scalars))
        }
        (j, card) => {
            let bt = decl.base_type.unwrap_or(BaseType::String);
            let s = scalar_from_json(j, bt).ok_or_else(|| shape_error(&j.to_string()))?;
            Ok(match card {
                Cardinality::Single => Value::Single(s),
                other => Value::container(other, vec![s]),
            })
        }
    }
}

fn json_text(j: &Json) -> String {
    match j {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn scalar_from_json(j: &Json, bt: BaseType) -> Option<Scalar> {
    match (j, bt) {
        (Json::Bool(b), BaseType::Boolean) => Some(Scalar::Boolean(*b)),
        (Json::Number(n), BaseType::Integer | BaseType::IntOrIdentifier) => {
            let i = n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))?;
            Some(if bt == BaseType::Integer {
                Scalar::Integer(i)
            } else {
                Scalar::IntOrIdentifier(IntOrIdentifier::Int(i))
            })
        }
        (Json::Number(n), BaseType::Float) => n.as_f64().map(Scalar::Float),
        (Json::Number(n), BaseType::Duration) => n.as_f64().map(Scalar::Duration),
        (Json::String(s), BaseType::Duration) => parse_duration(s).map(Scalar::Duration),
        (Json::String(s), _) => Scalar::parse(bt, s).ok(),
        (Json::Array(pair), BaseType::Point | BaseType::Pair | BaseType::DirectedPair)
            if pair.len() == 2 =>
        {
            Scalar::parse(
                bt,
                &format!("{} {}", json_text(&pair[0]), json_text(&pair[1])),
            )
            .ok()
        }
        (Json::Object(map), _) if map.contains_key("value") => {
            let bt = map
                .get("baseType")
                .and_then(Json::as_str)
                .and_then(BaseType::parse)
                .unwrap_or(bt);
            scalar_from_json(&map["value"], bt)
        }
        _ => None,
    }
}

/// A record field: `{"baseType": .., "value": ..}`, or a bare JSON value whose
/// type is read from its JSON type.
fn record_field(j: &Json) -> Result<Option<Scalar>, ()> {
    if let Json::Object(map) = j {
        let bt = map
            .get("baseType")
            .and_then(Json::as_str)
            .and_then(BaseType::parse)
            .ok_or(())?;
        return match map.get("value") {
            None | Some(Json::Null) => Ok(None),
            Some(v) => scalar_from_json(v, bt).map(Some).ok_or(()),
        };
    }
    Ok(match j {
        Json::Null => None,
        Json::Bool(b) => Some(Scalar::Boolean(*b)),
        Json::Number(n) => Some(match n.as_i64() {
            Some(i) => Scalar::Integer(i),
            None => Scalar::Float(n.as_f64().ok_or(())?),
        }),
        Json::String(s) => Some(Scalar::String(s.clone())),
        _ => return Err(()),
    })
}

/// A map of identifiers to values as a JSON object.
pub fn values_to_json<'a>(values: impl IntoIterator<Item = (&'a str, &'a Value)>) -> Json {
    let mut map = Map::new();
    for (k, v) in values {
        map.insert(k.to_string(), to_json(v));
    }
    Json::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::declaration::{DeclarationKind, ResponseDeclaration};

    fn decl(cardinality: Cardinality, base_type: BaseType) -> Declaration {
        Declaration {
            identifier: "R".into(),
            cardinality,
            base_type: Some(base_type),
            default_value: None,
            kind: DeclarationKind::Response(ResponseDeclaration::default()),
        }
    }

    #[test]
    fn values_round_trip_through_json() {
        let d = decl(Cardinality::Multiple, BaseType::DirectedPair);
        let v = from_json(&serde_json::json!(["A B", "C D"]), &d).unwrap();
        assert_eq!(to_json(&v), serde_json::json!(["A B", "C D"]));
        let d = decl(Cardinality::Single, BaseType::Point);
        let v = from_json(&serde_json::json!("10 20"), &d).unwrap();
        assert_eq!(v, Value::Single(Scalar::Point(10, 20)));
        let d = decl(Cardinality::Single, BaseType::Duration);
        let v = from_json(&serde_json::json!("PT1M"), &d).unwrap();
        assert_eq!(to_json(&v), serde_json::json!(60.0));
    }

    #[test]
    fn verbose_form_and_shape_errors() {
        let d = decl(Cardinality::Single, BaseType::Identifier);
        let v = from_json(
            &serde_json::json!({"baseType": "identifier", "cardinality": "single", "value": "A"}),
            &d,
        )
        .unwrap();
        assert_eq!(v, Value::identifier("A"));
        assert!(from_json(&serde_json::json!(["A", "B"]), &d).is_err());
        let d = decl(Cardinality::Single, BaseType::Integer);
        assert!(from_json(&serde_json::json!("x"), &d).is_err());
    }
}
