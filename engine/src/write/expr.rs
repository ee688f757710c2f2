//! Writing expressions.

use super::declaration::{scalar_text, shape_attrs};
use super::{Tag, Writer};
use crate::expr::{Expr, ItemSubset, Op, RoundingMode, TestExpr, ToleranceMode};
use crate::value::{Scalar, Value, format_float};

pub(crate) fn write_expr(w: &mut Writer, e: &Expr) {
    match e {
        Expr::BaseValue(v) => write_base_value(w, v),
        Expr::Variable(id) => reference(w, "variable", id),
        Expr::Correct(id) => reference(w, "correct", id),
        Expr::Default(id) => reference(w, "default", id),
        Expr::MapResponse(id) => reference(w, "mapResponse", id),
        Expr::MapResponsePoint(id) => reference(w, "mapResponsePoint", id),
        Expr::Null => w.empty(w.qti("null")),
        Expr::MathConstant(c) => write_math_constant(w, *c),
        Expr::RandomInteger { min, max, step } => {
            let tag = w
                .qti("randomInteger")
                .attr("min", min)
                .attr("max", max)
                .unless("step", *step, 1);
            w.empty(tag);
        }
        Expr::RandomFloat { min, max } => {
            let tag = w
                .qti("randomFloat")
                .attr("min", format_float(*min))
                .attr("max", format_float(*max));
            w.empty(tag);
        }
        Expr::Op(op, args) => {
            let tag = op_tag(w, op);
            w.block(tag, |w| args.iter().for_each(|a| write_expr(w, a)));
        }
        Expr::Test(t) => write_test_expr(w, t),
    }
}

fn reference(w: &mut Writer, name: &str, identifier: &str) {
    let tag = w.qti(name).attr("identifier", identifier);
    w.empty(tag);
}

fn write_scalar(w: &mut Writer, s: &Scalar) {
    let tag = w.qti("baseValue").attr("baseType", s.base_type());
    let text = scalar_text(s, w.v3());
    w.text_element(tag, &text);
}

/// A `baseValue` holds one value; the containers a model may hold as a
/// constant are built with `multiple`/`ordered`, NULL is `null`.
fn write_base_value(w: &mut Writer, v: &Value) {
    match v {
        Value::Single(s) => write_scalar(w, s),
        Value::Multiple(items) | Value::Ordered(items) => {
            let name = if matches!(v, Value::Ordered(_)) {
                "ordered"
            } else {
                "multiple"
            };
            let tag = w.qti(name);
            w.block(tag, |w| items.iter().for_each(|s| write_scalar(w, s)));
        }
        Value::Null | Value::Record(_) => w.empty(w.qti("null")),
    }
}

/// `mathConstant` names only π and e; another constant is a float value.
fn write_math_constant(w: &mut Writer, c: f64) {
    let name = if c == std::f64::consts::PI {
        "pi"
    } else if c == std::f64::consts::E {
        "e"
    } else {
        return write_scalar(w, &Scalar::Float(c));
    };
    let tag = w.qti("mathConstant").attr("name", name);
    w.empty(tag);
}

fn rounding(mode: RoundingMode) -> &'static str {
    match mode {
        RoundingMode::SignificantFigures => "significantFigures",
        RoundingMode::DecimalPlaces => "decimalPlaces",
    }
}

/// An operator's element and attributes.
fn op_tag(w: &Writer, op: &Op) -> Tag {
    let tag = w.qti(op_name(op));
    match op {
        Op::AnyN { min, max } => tag.attr("min", min).attr("max", max),
        Op::Index(n) => tag.attr("n", n),
        Op::FieldValue(f) => tag.attr("fieldIdentifier", f),
        Op::Repeat(n) => tag.attr("numberRepeats", n),
        Op::Equal {
            mode,
            tolerance,
            include_lower,
            include_upper,
        } => {
            let tolerance: Vec<String> = tolerance.iter().map(|t| format_float(*t)).collect();
            tag.attr(
                "toleranceMode",
                match mode {
                    ToleranceMode::Exact => "exact",
                    ToleranceMode::Absolute => "absolute",
                    ToleranceMode::Relative => "relative",
                },
            )
            .list("tolerance", &tolerance)
            .unless("includeLowerBound", *include_lower, true)
            .unless("includeUpperBound", *include_upper, true)
        }
        Op::EqualRounded { mode, figures } | Op::RoundTo { mode, figures } => tag
            .attr("roundingMode", rounding(*mode))
            .attr("figures", figures),
        Op::StatsOperator(name) | Op::MathOperator(name) => tag.attr("name", name),
        Op::Substring { case_sensitive } => tag.attr("caseSensitive", case_sensitive),
        Op::StringMatch {
            case_sensitive,
            substring,
        } => tag
            .attr("caseSensitive", case_sensitive)
            .unless("substring", *substring, false),
        Op::PatternMatch(pattern) => tag.attr("pattern", pattern),
        Op::Inside(shape) => shape_attrs(tag, shape),
        Op::Custom(class) => tag.attr("class", class),
        _ => tag,
    }
}

fn op_name(op: &Op) -> &'static str {
    match op {
        Op::And => "and",
        Op::Or => "or",
        Op::Not => "not",
        Op::AnyN { .. } => "anyN",
        Op::Match => "match",
        Op::IsNull => "isNull",
        Op::Member => "member",
        Op::Contains => "contains",
        Op::Delete => "delete",
        Op::Multiple => "multiple",
        Op::Ordered => "ordered",
        Op::ContainerSize => "containerSize",
        Op::Index(_) => "index",
        Op::FieldValue(_) => "fieldValue",
        Op::Random => "random",
        Op::Repeat(_) => "repeat",
        Op::Equal { .. } => "equal",
        Op::EqualRounded { .. } => "equalRounded",
        Op::Lt => "lt",
        Op::Gt => "gt",
        Op::Lte => "lte",
        Op::Gte => "gte",
        Op::DurationLt => "durationLT",
        Op::DurationGte => "durationGTE",
        Op::Sum => "sum",
        Op::Product => "product",
        Op::Subtract => "subtract",
        Op::Divide => "divide",
        Op::Power => "power",
        Op::IntegerDivide => "integerDivide",
        Op::IntegerModulus => "integerModulus",
        Op::Truncate => "truncate",
        Op::Round => "round",
        Op::RoundTo { .. } => "roundTo",
        Op::IntegerToFloat => "integerToFloat",
        Op::Min => "min",
        Op::Max => "max",
        Op::Gcd => "gcd",
        Op::Lcm => "lcm",
        Op::StatsOperator(_) => "statsOperator",
        Op::MathOperator(_) => "mathOperator",
        Op::Substring { .. } => "substring",
        Op::StringMatch { .. } => "stringMatch",
        Op::PatternMatch(_) => "patternMatch",
        Op::Inside(_) => "inside",
        Op::Custom(_) => "customOperator",
    }
}

fn subset_attrs(tag: Tag, s: &ItemSubset) -> Tag {
    tag.opt("sectionIdentifier", s.section.as_ref())
        .list("includeCategory", &s.include_category)
        .list("excludeCategory", &s.exclude_category)
}

/// The test-level expressions of a test's outcome processing.
fn write_test_expr(w: &mut Writer, t: &TestExpr) {
    let tag = match t {
        TestExpr::NumberCorrect(s) => subset_attrs(w.qti("numberCorrect"), s),
        TestExpr::NumberIncorrect(s) => subset_attrs(w.qti("numberIncorrect"), s),
        TestExpr::NumberPresented(s) => subset_attrs(w.qti("numberPresented"), s),
        TestExpr::NumberResponded(s) => subset_attrs(w.qti("numberResponded"), s),
        TestExpr::NumberSelected(s) => subset_attrs(w.qti("numberSelected"), s),
        TestExpr::TestVariables {
            subset,
            variable,
            weight,
            base_type,
        } => subset_attrs(w.qti("testVariables"), subset)
            .attr("variableIdentifier", variable)
            .opt("weightIdentifier", weight.as_ref())
            .opt("baseType", *base_type),
        TestExpr::OutcomeMaximum {
            subset,
            outcome,
            weight,
        } => subset_attrs(w.qti("outcomeMaximum"), subset)
            .attr("outcomeIdentifier", outcome)
            .opt("weightIdentifier", weight.as_ref()),
        TestExpr::OutcomeMinimum {
            subset,
            outcome,
            weight,
        } => subset_attrs(w.qti("outcomeMinimum"), subset)
            .attr("outcomeIdentifier", outcome)
            .opt("weightIdentifier", weight.as_ref()),
        TestExpr::WeightedVariable { identifier, weight } => w
            .qti("variable")
            .attr("identifier", identifier)
            .attr("weightIdentifier", weight),
    };
    w.empty(tag);
}
