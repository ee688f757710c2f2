//! Reading variable declarations.

use crate::error::{Error, ErrorKind};
use crate::model::declaration::*;
use crate::model::shape::{Shape, ShapeKind};
use crate::read::{ReadContext, VariableClass, VariableInfo};
use crate::value::{BaseType, Cardinality, Scalar, Value, trim};
use crate::xml::Element;

/// Read a `responseDeclaration`, `outcomeDeclaration`, `templateDeclaration`
/// or `contextDeclaration`, and register it for later reference checks.
pub fn read_declaration<'a>(
    el: Element<'a>,
    cx: &mut ReadContext<'a>,
) -> Result<Declaration, Error> {
    let id = trim(cx.attr(el, "identifier")?);
    let identifier = id.to_string();
    let cardinality = cx.cardinality_attr(el, "cardinality")?;
    let base_type = cx.base_type_attr(el, "baseType")?;
    if base_type.is_none() && cardinality != Cardinality::Record {
        return Err(cx.error(
            el,
            ErrorKind::MissingAttribute {
                element: el.name().to_string(),
                attribute: "baseType".into(),
            },
        ));
    }
    let default_value = el
        .child("defaultValue")
        .map(|d| {
            Ok::<_, Error>(DefaultValue {
                interpretation: d.attr("interpretation").map(str::to_string),
                value: read_values(d, &identifier, cardinality, base_type, cx)?,
            })
        })
        .transpose()?;
    let (class, kind) = match el.name() {
        "responseDeclaration" => (
            VariableClass::Response,
            DeclarationKind::Response(read_response(el, &identifier, cardinality, base_type, cx)?),
        ),
        "outcomeDeclaration" => (
            VariableClass::Outcome,
            DeclarationKind::Outcome(read_outcome(el, base_type, cx)?),
        ),
        "templateDeclaration" => (
            VariableClass::Template,
            DeclarationKind::Template(TemplateDeclaration {
                param_variable: cx.bool_attr(el, "paramVariable", false)?,
                math_variable: cx.bool_attr(el, "mathVariable", false)?,
            }),
        ),
        _ => (VariableClass::Context, DeclarationKind::Context),
    };
    let builtin = cx
        .variables
        .get(id)
        .is_some_and(|v| v.class == VariableClass::BuiltIn);
    if cx.variables.contains_key(id) && !builtin {
        return Err(cx.error(el, ErrorKind::DuplicateDeclaration { identifier }));
    }
    cx.variables.insert(
        id,
        VariableInfo {
            class,
            cardinality,
            base_type,
        },
    );
    Ok(Declaration {
        identifier,
        cardinality,
        base_type,
        default_value,
        kind,
    })
}

/// The `value` children of `defaultValue` or `correctResponse`.
fn read_values(
    el: Element,
    identifier: &str,
    cardinality: Cardinality,
    base_type: Option<BaseType>,
    cx: &mut ReadContext<'_>,
) -> Result<Value, Error> {
    let invalid = |cx: &ReadContext<'_>, v: Element, message: String| {
        cx.error(
            v,
            ErrorKind::InvalidValue {
                identifier: identifier.to_string(),
                message,
            },
        )
    };
    if cardinality == Cardinality::Record {
        let mut fields = std::collections::BTreeMap::new();
        for v in el.children_named("value") {
            let field = cx.attr(v, "fieldIdentifier")?;
            let bt = cx
                .base_type_attr(v, "baseType")?
                .ok_or_else(|| invalid(cx, v, "record fields need a baseType".into()))?;
            let scalar =
                Scalar::parse(bt, &v.text_cow()).map_err(|e| invalid(cx, v, e.to_string()))?;
            fields.insert(field.to_string(), Some(scalar));
        }
        return Ok(if fields.is_empty() {
            Value::Null
        } else {
            Value::Record(fields)
        });
    }
    // XSD: defaultValue and correctResponse hold one or more <value>s and
    // nothing else.
    if let Some(other) = el.elements().find(|c| c.name() != "value") {
        return Err(cx.error(
            other,
            ErrorKind::UnexpectedElement {
                element: other.name().to_string(),
                context: format!(
                    "<{}> of '{identifier}' holds only <value> elements",
                    el.name()
                ),
            },
        ));
    }
    if el.child("value").is_none() {
        return Err(cx.error(
            el,
            ErrorKind::MissingContent {
                element: el.name().to_string(),
                expected: format!("at least one <value> (for '{identifier}')"),
            },
        ));
    }
    let bt = base_type.expect("non-record declarations have a base type");
    let mut value_of = |v: Element| -> Result<Option<Scalar>, Error> {
        let bt = cx.base_type_attr(v, "baseType")?.unwrap_or(bt);
        let text = v.text_cow();
        if bt != BaseType::String && text.trim().is_empty() {
            // An empty <value/> of a non-string type can only mean NULL.
            cx.warn(v, format!("empty <value> for '{identifier}' read as NULL"));
            return Ok(None);
        }
        Scalar::parse(bt, &text)
            .map(Some)
            .map_err(|e| invalid(cx, v, e.to_string()))
    };
    let mut values = el.children_named("value");
    // A single value (most are) needs no list around it.
    if let (Some(v), None) = (values.next(), values.next())
        && cardinality == Cardinality::Single
    {
        return Ok(value_of(v)?.map_or(Value::Null, Value::Single));
    }
    let mut items = Vec::new();
    for v in el.children_named("value") {
        items.extend(value_of(v)?);
    }
    if cardinality == Cardinality::Single && items.len() > 1 {
        return Err(invalid(
            cx,
            el,
            format!("{} values for a single-cardinality variable", items.len()),
        ));
    }
    Ok(Value::container(cardinality, items))
}

fn read_response(
    el: Element,
    identifier: &str,
    cardinality: Cardinality,
    base_type: Option<BaseType>,
    cx: &mut ReadContext<'_>,
) -> Result<ResponseDeclaration, Error> {
    let correct_response = el
        .child("correctResponse")
        .map(|c| {
            Ok::<_, Error>(CorrectResponse {
                interpretation: c.attr("interpretation").map(str::to_string),
                value: read_values(c, identifier, cardinality, base_type, cx)?,
            })
        })
        .transpose()?;
    let mapping = el
        .child("mapping")
        .map(|m| read_mapping(m, base_type, cx))
        .transpose()?;
    let area_mapping = el
        .child("areaMapping")
        .map(|m| read_area_mapping(m, cx))
        .transpose()?;
    Ok(ResponseDeclaration {
        correct_response,
        mapping,
        area_mapping,
    })
}

// Mappings and lookup tables are read out of line in wasm (`inline(never)`):
// V8 compiles a wasm function whole on its first call, and most items have
// neither.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_mapping(
    el: Element,
    base_type: Option<BaseType>,
    cx: &mut ReadContext<'_>,
) -> Result<Mapping, Error> {
    let key_type = base_type.unwrap_or(BaseType::String);
    // Not in the QTI 2.2 schema, but written by some tools: a mapping-wide
    // caseSensitive is the default of entries that do not say.
    let case_default = cx.bool_attr(el, "caseSensitive", true)?;
    let mut entries = Vec::new();
    for entry in el.children_named("mapEntry") {
        let key = cx.attr(entry, "mapKey")?;
        let map_key = Scalar::parse(key_type, key).map_err(|_| cx.invalid(entry, "mapKey", key))?;
        let mapped_value = cx
            .float_attr(entry, "mappedValue")?
            .ok_or_else(|| cx.invalid(entry, "mappedValue", ""))?;
        entries.push(MapEntry {
            map_key,
            mapped_value,
            case_sensitive: cx.bool_attr(entry, "caseSensitive", case_default)?,
        });
    }
    Ok(Mapping {
        lower_bound: cx.float_attr(el, "lowerBound")?,
        upper_bound: cx.float_attr(el, "upperBound")?,
        default_value: cx.float_attr(el, "defaultValue")?.unwrap_or(0.0),
        entries,
    })
}

/// Read a `shape`/`coords` attribute pair.
pub fn read_shape(el: Element, cx: &ReadContext<'_>) -> Result<Shape, Error> {
    let kind_text = cx.attr(el, "shape")?;
    let kind =
        ShapeKind::parse(kind_text.trim()).ok_or_else(|| cx.invalid(el, "shape", kind_text))?;
    let coords = el.attr("coords").unwrap_or("");
    Shape::parse(kind, coords).ok_or_else(|| cx.invalid(el, "coords", coords))
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_area_mapping(el: Element, cx: &mut ReadContext<'_>) -> Result<AreaMapping, Error> {
    let mut entries = Vec::new();
    for entry in el.children_named("areaMapEntry") {
        entries.push(AreaMapEntry {
            shape: read_shape(entry, cx)?,
            mapped_value: cx
                .float_attr(entry, "mappedValue")?
                .ok_or_else(|| cx.invalid(entry, "mappedValue", ""))?,
        });
    }
    Ok(AreaMapping {
        lower_bound: cx.float_attr(el, "lowerBound")?,
        upper_bound: cx.float_attr(el, "upperBound")?,
        default_value: cx.float_attr(el, "defaultValue")?.unwrap_or(0.0),
        entries,
    })
}

fn read_outcome(
    el: Element,
    base_type: Option<BaseType>,
    cx: &mut ReadContext<'_>,
) -> Result<OutcomeDeclaration, Error> {
    let mut view = Vec::new();
    for v in el.attr("view").unwrap_or("").split_whitespace() {
        view.push(View::parse(v).ok_or_else(|| cx.invalid(el, "view", v))?);
    }
    let external_scored = match el.attr("externalScored").map(str::trim) {
        None => None,
        Some("human") => Some(ExternalScored::Human),
        Some("externalMachine" | "externalmachine" | "external-machine") => {
            Some(ExternalScored::Externalmachine)
        }
        Some(v) => return Err(cx.invalid(el, "externalScored", v)),
    };
    let lookup_table = read_lookup_table(el, base_type.unwrap_or(BaseType::Float), cx)?;
    Ok(OutcomeDeclaration {
        view,
        interpretation: el.attr("interpretation").map(str::to_string),
        long_interpretation: el.attr("longInterpretation").map(str::to_string),
        normal_maximum: cx.float_attr(el, "normalMaximum")?,
        normal_minimum: cx.float_attr(el, "normalMinimum")?,
        mastery_value: cx.float_attr(el, "masteryValue")?,
        external_scored,
        variable_identifier_ref: el.attr("variableIdentifierRef").map(str::to_string),
        lookup_table,
    })
}

/// An outcome's `matchTable` or `interpolationTable`, if it has one (few do:
/// out of line, see `read_mapping`).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn read_lookup_table(
    el: Element,
    target_type: BaseType,
    cx: &mut ReadContext<'_>,
) -> Result<Option<LookupTable>, Error> {
    Ok(if let Some(t) = el.child("matchTable") {
        let mut entries = Vec::new();
        for e in t.children_named("matchTableEntry") {
            let source = cx
                .parse_attr::<i64>(e, "sourceValue")?
                .ok_or_else(|| cx.invalid(e, "sourceValue", ""))?;
            entries.push(MatchTableEntry {
                source_value: source,
                target_value: target(e, "targetValue", target_type, cx)?,
            });
        }
        Some(LookupTable::Match {
            default_value: optional_target(t, target_type, cx)?,
            entries,
        })
    } else if let Some(t) = el.child("interpolationTable") {
        let mut entries = Vec::new();
        for e in t.children_named("interpolationTableEntry") {
            entries.push(InterpolationTableEntry {
                source_value: cx
                    .float_attr(e, "sourceValue")?
                    .ok_or_else(|| cx.invalid(e, "sourceValue", ""))?,
                include_boundary: cx.bool_attr(e, "includeBoundary", true)?,
                target_value: target(e, "targetValue", target_type, cx)?,
            });
        }
        Some(LookupTable::Interpolation {
            default_value: optional_target(t, target_type, cx)?,
            entries,
        })
    } else {
        None
    })
}

fn target(el: Element, attr: &str, bt: BaseType, cx: &ReadContext<'_>) -> Result<Scalar, Error> {
    let text = cx.attr(el, attr)?;
    Scalar::parse(bt, text).map_err(|_| cx.invalid(el, attr, text))
}

fn optional_target(
    el: Element,
    bt: BaseType,
    cx: &ReadContext<'_>,
) -> Result<Option<Scalar>, Error> {
    match el.attr("defaultValue") {
        None => Ok(None),
        Some(_) => target(el, "defaultValue", bt, cx).map(Some),
    }
}
