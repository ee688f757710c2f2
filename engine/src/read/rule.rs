//! Reading processing rules of all three families.

use crate::error::{Error, ErrorKind};
use crate::expr::Name;
use crate::model::rule::{Rule, RuleFamily};
use crate::read::expr::read_expression;
use crate::read::{ReadContext, VariableClass};
use crate::xml::{Element, Ns};

/// Read the rules that are the children of `el`.
pub fn read_rules(
    el: Element,
    family: RuleFamily,
    cx: &mut ReadContext<'_>,
) -> Result<Vec<Rule>, Error> {
    el.elements().map(|c| read_rule(c, family, cx)).collect()
}

fn read_rule(el: Element, family: RuleFamily, cx: &mut ReadContext<'_>) -> Result<Rule, Error> {
    let [condition, _, _, _] = family.condition_names();
    let allowed = |ok: bool| -> Result<(), Error> {
        if ok {
            Ok(())
        } else {
            Err(cx.error(
                el,
                ErrorKind::UnexpectedElement {
                    element: el.name().to_string(),
                    context: format!("not a rule of {family:?} processing"),
                },
            ))
        }
    };
    // XInclude is resolved in content (a package's shared material), not
    // among rules: say so rather than call the element an unknown rule.
    if el.ns() == Ns::XInclude {
        return Err(cx.error(
            el,
            ErrorKind::Refused(format!(
                "xi:include in {} is not resolved; write the included rules inline",
                family.processing_name()
            )),
        ));
    }
    let name = el.name();
    Ok(match name {
        _ if name == condition => read_condition(el, family, cx)?,
        "setOutcomeValue" | "lookupOutcomeValue" => {
            allowed(family != RuleFamily::Template)?;
            let identifier = target(el, cx, &[VariableClass::Outcome])?;
            let expr = single_expression(el, cx)?;
            if name == "setOutcomeValue" {
                Rule::SetOutcomeValue { identifier, expr }
            } else {
                Rule::LookupOutcomeValue { identifier, expr }
            }
        }
        "setTemplateValue" | "setCorrectResponse" | "setDefaultValue" => {
            allowed(family == RuleFamily::Template)?;
            let classes: &[VariableClass] = match name {
                "setTemplateValue" => &[VariableClass::Template],
                "setCorrectResponse" => &[VariableClass::Response],
                _ => &[VariableClass::Response, VariableClass::Outcome],
            };
            let identifier = target(el, cx, classes)?;
            let expr = single_expression(el, cx)?;
            match name {
                "setTemplateValue" => Rule::SetTemplateValue { identifier, expr },
                "setCorrectResponse" => Rule::SetCorrectResponse { identifier, expr },
                _ => Rule::SetDefaultValue { identifier, expr },
            }
        }
        "templateConstraint" => {
            allowed(family == RuleFamily::Template)?;
            Rule::TemplateConstraint(single_expression(el, cx)?)
        }
        "responseProcessingFragment" | "outcomeProcessingFragment" => {
            allowed(family != RuleFamily::Template)?;
            Rule::Fragment(read_rules(el, family, cx)?)
        }
        "exitResponse" => {
            allowed(family == RuleFamily::Response)?;
            Rule::ExitResponse
        }
        "exitTemplate" => {
            allowed(family == RuleFamily::Template)?;
            Rule::ExitTemplate
        }
        "exitTest" => {
            allowed(family == RuleFamily::Outcome)?;
            Rule::ExitTest
        }
        _ => {
            allowed(false)?;
            unreachable!()
        }
    })
}

/// `xxxCondition`: an `xxxIf`, any number of `xxxElseIf`, an optional `xxxElse`.
fn read_condition(
    el: Element,
    family: RuleFamily,
    cx: &mut ReadContext<'_>,
) -> Result<Rule, Error> {
    let [_, if_name, else_if_name, else_name] = family.condition_names();
    let mut branches = Vec::new();
    let mut otherwise = None;
    for (i, part) in el.elements().enumerate() {
        let name = part.name();
        // Some generators write a condition that starts with an else part:
        // not schema-valid, but its meaning is plain (unconditional), so warn.
        if i == 0 && (name == else_name || name == else_if_name) && name != if_name {
            cx.warn(
                part,
                format!("<{}> should start with <{if_name}>", el.name()),
            );
        }
        let ok_position = if i == 0 {
            name == if_name || name == else_name || name == else_if_name
        } else {
            otherwise.is_none() && (name == else_if_name || name == else_name)
        };
        if !ok_position {
            return Err(cx.error(
                part,
                ErrorKind::UnexpectedElement {
                    element: name.to_string(),
                    context: format!("<{}> must hold <{if_name}>, then <{else_if_name}>s, then an optional <{else_name}>", el.name()),
                },
            ));
        }
        if name == else_name {
            otherwise = Some(read_rules(part, family, cx)?);
            continue;
        }
        let mut children = part.elements();
        let condition = children.next().ok_or_else(|| {
            cx.error(
                part,
                ErrorKind::MissingContent {
                    element: name.to_string(),
                    expected: "a condition expression".into(),
                },
            )
        })?;
        let condition = read_expression(condition, cx)?;
        let rules = children
            .map(|c| read_rule(c, family, cx))
            .collect::<Result<Vec<_>, _>>()?;
        branches.push((condition, rules));
    }
    if branches.is_empty() && otherwise.is_none() {
        return Err(cx.error(
            el,
            ErrorKind::MissingContent {
                element: el.name().to_string(),
                expected: format!("<{if_name}>"),
            },
        ));
    }
    Ok(Rule::Condition {
        branches,
        otherwise,
    })
}

/// The `identifier` a rule sets, which must be a variable of one of `classes`.
fn target(el: Element, cx: &mut ReadContext<'_>, classes: &[VariableClass]) -> Result<Name, Error> {
    let (id, info) = cx.variable_name(el, "identifier")?;
    // completionStatus is an outcome the item itself may set.
    let settable = classes.contains(&info.class)
        || (&*id == "completionStatus" && classes.contains(&VariableClass::Outcome));
    if !settable {
        return Err(cx.error(
            el,
            ErrorKind::Type {
                element: el.name().to_string(),
                message: format!(
                    "'{id}' is a {:?} variable and cannot be set here",
                    info.class
                ),
            },
        ));
    }
    Ok(id)
}

fn single_expression(el: Element, cx: &mut ReadContext<'_>) -> Result<crate::expr::Expr, Error> {
    let mut children = el.elements();
    match (children.next(), children.next()) {
        (Some(e), None) => read_expression(e, cx),
        _ => Err(cx.error(
            el,
            ErrorKind::OperandCount {
                element: el.name().to_string(),
                expected: "exactly one expression".into(),
                found: el.elements().count(),
            },
        )),
    }
}
