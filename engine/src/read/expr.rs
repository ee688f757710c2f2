//! Reading expressions.
//!
//! OWNED BY THE EXPRESSIONS WORK: this stub is replaced by the full language.

use crate::error::{Error, ErrorKind};
use crate::expr::Expr;
use crate::read::ReadContext;
use crate::value::{Cardinality, Value};
use crate::xml::Element;

/// Read one expression element.
pub fn read_expression(el: &Element, cx: &mut ReadContext<'_>) -> Result<Expr, Error> {
    let args = |cx: &mut ReadContext<'_>| -> Result<Vec<Expr>, Error> {
        el.elements().map(|c| read_expression(c, cx)).collect()
    };
    Ok(match el.name.as_str() {
        "baseValue" => {
            let bt = cx
                .base_type_attr(el, "baseType")?
                .ok_or_else(|| cx.invalid(el, "baseType", ""))?;
            let text = el.text();
            Expr::BaseValue(
                Value::parse(Cardinality::Single, bt, &[&text])
                    .map_err(|e| cx.invalid(el, "value", &e.to_string()))?,
            )
        }
        "variable" => Expr::Variable(cx.variable_ref(el, "identifier")?.0),
        "correct" => Expr::Correct(cx.variable_ref(el, "identifier")?.0),
        "default" => Expr::Default(cx.variable_ref(el, "identifier")?.0),
        "mapResponse" => Expr::MapResponse(cx.variable_ref(el, "identifier")?.0),
        "null" => Expr::Null,
        "isNull" => {
            let mut a = args(cx)?;
            Expr::IsNull(Box::new(a.remove(0)))
        }
        "match" => {
            let mut a = args(cx)?;
            let b = a.remove(1);
            Expr::Match(Box::new(a.remove(0)), Box::new(b))
        }
        other => {
            return Err(cx.error(
                el,
                ErrorKind::UnexpectedElement {
                    element: other.to_string(),
                    context: "not an expression".into(),
                },
            ));
        }
    })
}
