//! Writing variable declarations.

use super::{Tag, Writer};
use crate::model::declaration::*;
use crate::model::shape::{Shape, ShapeKind};
use crate::value::{BaseType, Scalar, Value, format_float, format_iso_duration, parse_duration};

pub(crate) fn write_declaration(w: &mut Writer, d: &Declaration) {
    let name = match &d.kind {
        DeclarationKind::Response(_) => "responseDeclaration",
        DeclarationKind::Outcome(_) => "outcomeDeclaration",
        DeclarationKind::Template(_) => "templateDeclaration",
        DeclarationKind::Context => "contextDeclaration",
    };
    if name == "contextDeclaration" && !w.v3() {
        w.warn(format!(
            "context declaration '{}' left out: QTI 2.2 has no context variables",
            d.identifier
        ));
        return;
    }
    let tag = w
        .qti(name)
        .attr("identifier", &d.identifier)
        .attr("cardinality", d.cardinality)
        .opt("baseType", d.base_type);
    let tag = match &d.kind {
        DeclarationKind::Outcome(o) => outcome_attrs(tag, o),
        DeclarationKind::Template(t) => tag
            .unless("paramVariable", t.param_variable, false)
            .unless("mathVariable", t.math_variable, false),
        _ => tag,
    };
    w.block(tag, |w| {
        if let Some(dv) = &d.default_value {
            let tag = w
                .qti("defaultValue")
                .opt("interpretation", dv.interpretation.as_ref());
            write_values(w, tag, &dv.value, d.base_type);
        }
        match &d.kind {
            DeclarationKind::Response(r) => write_response(w, r, d.base_type),
            DeclarationKind::Outcome(o) => {
                if let Some(t) = &o.lookup_table {
                    write_lookup_table(w, t);
                }
            }
            _ => {}
        }
    });
}

fn outcome_attrs(tag: Tag, o: &OutcomeDeclaration) -> Tag {
    let views: Vec<String> = o.view.iter().map(|v| v.as_str().to_string()).collect();
    tag.list("view", &views)
        .opt("interpretation", o.interpretation.as_ref())
        .opt("longInterpretation", o.long_interpretation.as_ref())
        .opt("normalMaximum", o.normal_maximum.map(format_float))
        .opt("normalMinimum", o.normal_minimum.map(format_float))
        .opt("masteryValue", o.mastery_value.map(format_float))
        .opt(
            "externalScored",
            o.external_scored.map(|e| match e {
                ExternalScored::Human => "human",
                ExternalScored::Externalmachine => "externalMachine",
            }),
        )
        .opt("variableIdentifierRef", o.variable_identifier_ref.as_ref())
}

/// The lexical form of a value. Durations are seconds in QTI 2 and ISO
/// 8601 in QTI 3 (when that form is exact; the reader takes either).
pub(crate) fn scalar_text(s: &Scalar, v3: bool) -> String {
    match s {
        Scalar::Duration(secs) if v3 || *secs < 0.0 => {
            let iso = if *secs < 0.0 {
                format!("-{}", format_iso_duration(-secs))
            } else {
                format_iso_duration(*secs)
            };
            if parse_duration(&iso) == Some(*secs) {
                iso
            } else {
                format_float(*secs)
            }
        }
        other => other.to_string(),
    }
}

/// `defaultValue` or `correctResponse`: one `value` per item, or per field
/// of a record (with its field identifier and base type).
fn write_values(w: &mut Writer, tag: Tag, value: &Value, declared: Option<BaseType>) {
    w.block(tag, |w| match value {
        Value::Record(fields) => {
            for (field, scalar) in fields {
                let Some(s) = scalar else { continue };
                let tag = w
                    .qti("value")
                    .attr("fieldIdentifier", field)
                    .attr("baseType", s.base_type());
                let text = scalar_text(s, w.v3());
                w.text_element(tag, &text);
            }
        }
        // An empty non-string value reads as NULL, which nothing else spells.
        Value::Null if declared.is_some() => w.empty(w.qti("value")),
        Value::Null => {}
        _ => {
            for s in value.items() {
                let bt = s.base_type();
                let tag = w
                    .qti("value")
                    .opt("baseType", (Some(bt) != declared).then_some(bt));
                let text = scalar_text(s, w.v3());
                w.text_element(tag, &text);
            }
        }
    });
}

fn write_response(w: &mut Writer, r: &ResponseDeclaration, base_type: Option<BaseType>) {
    if let Some(c) = &r.correct_response {
        let tag = w
            .qti("correctResponse")
            .opt("interpretation", c.interpretation.as_ref());
        write_values(w, tag, &c.value, base_type);
    }
    if let Some(m) = &r.mapping {
        let tag = bounds(
            w.qti("mapping"),
            m.lower_bound,
            m.upper_bound,
            m.default_value,
        );
        w.block(tag, |w| {
            for e in &m.entries {
                let tag = w
                    .qti("mapEntry")
                    .attr("mapKey", scalar_text(&e.map_key, w.v3()))
                    .attr("mappedValue", format_float(e.mapped_value))
                    .attr("caseSensitive", e.case_sensitive);
                w.empty(tag);
            }
        });
    }
    if let Some(m) = &r.area_mapping {
        let tag = bounds(
            w.qti("areaMapping"),
            m.lower_bound,
            m.upper_bound,
            m.default_value,
        );
        w.block(tag, |w| {
            for e in &m.entries {
                let tag = shape_attrs(w.qti("areaMapEntry"), &e.shape)
                    .attr("mappedValue", format_float(e.mapped_value));
                w.empty(tag);
            }
        });
    }
}

fn bounds(tag: Tag, lower: Option<f64>, upper: Option<f64>, default: f64) -> Tag {
    tag.opt("lowerBound", lower.map(format_float))
        .opt("upperBound", upper.map(format_float))
        .attr("defaultValue", format_float(default))
}

/// `shape` and `coords`, as `read_shape` reads them.
pub(crate) fn shape_attrs(tag: Tag, shape: &Shape) -> Tag {
    let tag = tag.attr("shape", shape.kind.as_str());
    if shape.kind == ShapeKind::Default && shape.coords.is_empty() {
        tag
    } else {
        tag.attr("coords", shape.coords_text())
    }
}

fn write_lookup_table(w: &mut Writer, table: &LookupTable) {
    let v3 = w.v3();
    let text = |s: &Scalar| scalar_text(s, v3);
    match table {
        LookupTable::Match {
            default_value,
            entries,
        } => {
            let tag = w
                .qti("matchTable")
                .opt("defaultValue", default_value.as_ref().map(text));
            w.block(tag, |w| {
                for e in entries {
                    let tag = w
                        .qti("matchTableEntry")
                        .attr("sourceValue", e.source_value)
                        .attr("targetValue", text(&e.target_value));
                    w.empty(tag);
                }
            });
        }
        LookupTable::Interpolation {
            default_value,
            entries,
        } => {
            let tag = w
                .qti("interpolationTable")
                .opt("defaultValue", default_value.as_ref().map(text));
            w.block(tag, |w| {
                for e in entries {
                    let tag = w
                        .qti("interpolationTableEntry")
                        .attr("sourceValue", format_float(e.source_value))
                        .unless("includeBoundary", e.include_boundary, true)
                        .attr("targetValue", text(&e.target_value));
                    w.empty(tag);
                }
            });
        }
    }
}
