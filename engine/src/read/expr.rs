//! Reading expressions: QTI element names to the typed tree, with the
//! load-time checks the spec allows (operand counts, base value lexical
//! forms, declared identifiers).

use crate::error::{Error, ErrorKind};
use crate::expr::{Expr, ItemSubset, Op, RoundingMode, TestExpr, ToleranceMode};
use crate::read::ReadContext;
use crate::read::declaration::read_shape;
use crate::value::{Cardinality, Value};
use crate::xml::Element;

/// Operand counts: (minimum, maximum).
fn arity(name: &str) -> Option<(usize, usize)> {
    Some(match name {
        "not" | "isNull" | "containerSize" | "index" | "fieldValue" | "random" | "truncate"
        | "round" | "roundTo" | "integerToFloat" | "statsOperator" | "patternMatch" | "inside" => {
            (1, 1)
        }
        "match" | "member" | "contains" | "delete" | "equal" | "equalRounded" | "lt" | "gt"
        | "lte" | "gte" | "durationLT" | "durationGTE" | "subtract" | "divide" | "power"
        | "integerDivide" | "integerModulus" | "substring" | "stringMatch" => (2, 2),
        "and" | "or" | "anyN" | "sum" | "product" | "min" | "max" | "gcd" | "lcm" | "repeat"
        | "mathOperator" => (1, usize::MAX),
        "multiple" | "ordered" | "customOperator" => (0, usize::MAX),
        _ => return None,
    })
}

fn int_attr(el: Element, name: &str, cx: &mut ReadContext<'_>, default: i64) -> Result<i64, Error> {
    match el.attr(name).map(str::trim) {
        None => Ok(default),
        // A template variable reference: we read the default and warn.
        // integerOrVariableRef: `{N}` or a bare identifier names a template variable.
        Some(v) if v.starts_with('{') || v.chars().next().is_some_and(char::is_alphabetic) => {
            cx.warn(
                el,
                format!(
                    "'{name}' refers to a template variable ({v}); its default {default} is used"
                ),
            );
            Ok(default)
        }
        Some(v) => v.parse().map_err(|_| cx.invalid(el, name, v)),
    }
}

fn float_attr(el: Element, name: &str, cx: &ReadContext<'_>, default: f64) -> Result<f64, Error> {
    Ok(cx.float_attr(el, name)?.unwrap_or(default))
}

fn rounding_mode(el: Element, cx: &ReadContext<'_>) -> Result<RoundingMode, Error> {
    match el.attr("roundingMode").unwrap_or("significantFigures") {
        "significantFigures" => Ok(RoundingMode::SignificantFigures),
        "decimalPlaces" => Ok(RoundingMode::DecimalPlaces),
        other => Err(cx.invalid(el, "roundingMode", other)),
    }
}

/// Read one expression element.
pub fn read_expression(el: Element, cx: &mut ReadContext<'_>) -> Result<Expr, Error> {
    let name = el.name();
    // Some authoring tools wrap a rule's expression in an `<expression>`
    // element, which QTI does not have; the intent is plain, so read the
    // one expression inside and say so.
    if name == "expression" {
        let mut inner = el.elements();
        if let (Some(only), None) = (inner.next(), inner.next()) {
            cx.warn(
                el,
                "<expression> is not a QTI element; the expression inside it is used".to_string(),
            );
            return read_expression(only, cx);
        }
    }
    let leaf = match name {
        "baseValue" => {
            let bt = cx
                .base_type_attr(el, "baseType")?
                .ok_or_else(|| cx.invalid(el, "baseType", ""))?;
            let text = el.text_cow();
            return Value::parse(Cardinality::Single, bt, &[&text])
                .map(Expr::BaseValue)
                .map_err(|e| cx.invalid(el, "value", &e.to_string()));
        }
        "variable" => Some(match el.attr("weightIdentifier").map(str::trim) {
            Some(w) if cx.test_scope && !w.is_empty() => Expr::Test(TestExpr::WeightedVariable {
                identifier: cx.variable_ref(el, "identifier")?.0,
                weight: w.to_string(),
            }),
            _ => Expr::Variable(cx.variable_name(el, "identifier")?.0),
        }),
        "numberCorrect" | "numberIncorrect" | "numberPresented" | "numberResponded"
        | "numberSelected" | "testVariables" | "outcomeMaximum" | "outcomeMinimum" => {
            Some(Expr::Test(read_test_expression(el, cx)?))
        }
        "correct" => Some(Expr::Correct(cx.variable_name(el, "identifier")?.0)),
        "default" => Some(Expr::Default(cx.variable_name(el, "identifier")?.0)),
        "mapResponse" => Some(Expr::MapResponse(cx.variable_name(el, "identifier")?.0)),
        "mapResponsePoint" => Some(Expr::MapResponsePoint(
            cx.variable_name(el, "identifier")?.0,
        )),
        "null" => Some(Expr::Null),
        "mathConstant" => Some(Expr::MathConstant(match el.attr("name").unwrap_or("") {
            "pi" => std::f64::consts::PI,
            "e" => std::f64::consts::E,
            other => return Err(cx.invalid(el, "name", other)),
        })),
        "randomInteger" => Some(Expr::RandomInteger {
            min: int_attr(el, "min", cx, 0)?,
            max: int_attr(el, "max", cx, 0)?,
            step: int_attr(el, "step", cx, 1)?,
        }),
        "randomFloat" => Some(Expr::RandomFloat {
            min: float_attr(el, "min", cx, 0.0)?,
            max: float_attr(el, "max", cx, 0.0)?,
        }),
        _ => None,
    };
    if let Some(leaf) = leaf {
        return Ok(leaf);
    }
    let Some((min, max)) = arity(name) else {
        return Err(cx.error(
            el,
            ErrorKind::UnknownExpression {
                element: name.to_string(),
            },
        ));
    };
    let args = el
        .elements()
        .map(|c| read_expression(c, cx))
        .collect::<Result<Vec<_>, _>>()?;
    if args.len() < min || args.len() > max {
        return Err(cx.error(
            el,
            ErrorKind::OperandCount {
                element: name.to_string(),
                expected: if min == max {
                    format!("{min} operand(s)")
                } else {
                    format!("at least {min} operand(s)")
                },
                found: args.len(),
            },
        ));
    }
    let op = match name {
        "and" => Op::And,
        "or" => Op::Or,
        "not" => Op::Not,
        "anyN" => Op::AnyN {
            min: int_attr(el, "min", cx, 0)?,
            max: int_attr(el, "max", cx, i64::MAX)?,
        },
        "match" => Op::Match,
        "isNull" => Op::IsNull,
        "member" => Op::Member,
        "contains" => Op::Contains,
        "delete" => Op::Delete,
        "multiple" => Op::Multiple,
        "ordered" => Op::Ordered,
        "containerSize" => Op::ContainerSize,
        "index" => Op::Index(int_attr(el, "n", cx, 1)?),
        "fieldValue" => Op::FieldValue(cx.attr(el, "fieldIdentifier")?.to_string()),
        "random" => Op::Random,
        "repeat" => Op::Repeat(int_attr(el, "numberRepeats", cx, 1)?),
        "equal" => Op::Equal {
            mode: match el.attr("toleranceMode").unwrap_or("exact") {
                "exact" => ToleranceMode::Exact,
                "absolute" => ToleranceMode::Absolute,
                "relative" => ToleranceMode::Relative,
                other => return Err(cx.invalid(el, "toleranceMode", other)),
            },
            tolerance: el
                .attr("tolerance")
                .unwrap_or("")
                .split_whitespace()
                .map(|t| crate::value::parse_float(t).ok_or_else(|| cx.invalid(el, "tolerance", t)))
                .collect::<Result<_, _>>()?,
            include_lower: cx.bool_attr(el, "includeLowerBound", true)?,
            include_upper: cx.bool_attr(el, "includeUpperBound", true)?,
        },
        "equalRounded" => Op::EqualRounded {
            mode: rounding_mode(el, cx)?,
            figures: int_attr(el, "figures", cx, 1)?,
        },
        "roundTo" => Op::RoundTo {
            mode: rounding_mode(el, cx)?,
            figures: int_attr(el, "figures", cx, 1)?,
        },
        "lt" => Op::Lt,
        "gt" => Op::Gt,
        "lte" => Op::Lte,
        "gte" => Op::Gte,
        "durationLT" => Op::DurationLt,
        "durationGTE" => Op::DurationGte,
        "sum" => Op::Sum,
        "product" => Op::Product,
        "subtract" => Op::Subtract,
        "divide" => Op::Divide,
        "power" => Op::Power,
        "integerDivide" => Op::IntegerDivide,
        "integerModulus" => Op::IntegerModulus,
        "truncate" => Op::Truncate,
        "round" => Op::Round,
        "integerToFloat" => Op::IntegerToFloat,
        "min" => Op::Min,
        "max" => Op::Max,
        "gcd" => Op::Gcd,
        "lcm" => Op::Lcm,
        "statsOperator" => Op::StatsOperator(cx.attr(el, "name")?.to_string()),
        "mathOperator" => Op::MathOperator(cx.attr(el, "name")?.to_string()),
        "substring" => Op::Substring {
            case_sensitive: cx.bool_attr(el, "caseSensitive", true)?,
        },
        "stringMatch" => Op::StringMatch {
            case_sensitive: cx.bool_attr(el, "caseSensitive", true)?,
            substring: cx.bool_attr(el, "substring", false)?,
        },
        "patternMatch" => Op::PatternMatch(cx.attr(el, "pattern")?.to_string()),
        "inside" => Op::Inside(read_shape(el, cx)?),
        // QTI 2 names the operator by `class` or `definition`.
        _ => Op::Custom(
            el.attr("definition")
                .or(el.attr("class"))
                .unwrap_or("customOperator")
                .to_string(),
        ),
    };
    Ok(Expr::Op(op, args))
}

/// The test-level expressions, which only a test's outcome processing has.
fn read_test_expression(el: Element, cx: &mut ReadContext<'_>) -> Result<TestExpr, Error> {
    if !cx.test_scope {
        return Err(cx.error(
            el,
            ErrorKind::UnexpectedElement {
                element: el.name().to_string(),
                context: "a test-level expression, only allowed in a test's outcome processing"
                    .into(),
            },
        ));
    }
    let list = |name: &str| -> Vec<String> {
        el.attr(name)
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let subset = ItemSubset {
        section: el
            .attr("sectionIdentifier")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        include_category: list("includeCategory"),
        exclude_category: list("excludeCategory"),
    };
    let weight = el
        .attr("weightIdentifier")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Ok(match el.name() {
        "numberCorrect" => TestExpr::NumberCorrect(subset),
        "numberIncorrect" => TestExpr::NumberIncorrect(subset),
        "numberPresented" => TestExpr::NumberPresented(subset),
        "numberResponded" => TestExpr::NumberResponded(subset),
        "numberSelected" => TestExpr::NumberSelected(subset),
        "testVariables" => TestExpr::TestVariables {
            subset,
            variable: cx.attr(el, "variableIdentifier")?.trim().to_string(),
            weight,
            base_type: cx.base_type_attr(el, "baseType")?,
        },
        "outcomeMaximum" | "outcomeMinimum" => {
            let outcome = cx.attr(el, "outcomeIdentifier")?.trim().to_string();
            if el.name() == "outcomeMaximum" {
                TestExpr::OutcomeMaximum {
                    subset,
                    outcome,
                    weight,
                }
            } else {
                TestExpr::OutcomeMinimum {
                    subset,
                    outcome,
                    weight,
                }
            }
        }
        _ => unreachable!("called for test-level expression names only"),
    })
}
