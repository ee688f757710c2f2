//! Writing processing rules, and response processing by template.

use super::Writer;
use super::expr::write_expr;
use crate::expr::Expr;
use crate::model::ResponseProcessing;
use crate::model::declaration::Declaration;
use crate::model::rule::{Rule, RuleFamily};
use crate::read::item::template_rules;
use crate::read::rptemplates::Template;

/// `templateProcessing`, `responseProcessing` or `outcomeProcessing` with
/// inline rules.
pub(crate) fn write_rules_element(w: &mut Writer, name: &str, rules: &[Rule], family: RuleFamily) {
    let tag = w.qti(name);
    w.block(tag, |w| write_rules(w, rules, family));
}

fn write_rules(w: &mut Writer, rules: &[Rule], family: RuleFamily) {
    for r in rules {
        write_rule(w, r, family);
    }
}

fn write_rule(w: &mut Writer, rule: &Rule, family: RuleFamily) {
    match rule {
        Rule::Condition {
            branches,
            otherwise,
        } => write_condition(w, branches, otherwise.as_deref(), family),
        Rule::SetOutcomeValue { identifier, expr } => set(w, "setOutcomeValue", identifier, expr),
        Rule::LookupOutcomeValue { identifier, expr } => {
            set(w, "lookupOutcomeValue", identifier, expr)
        }
        Rule::SetTemplateValue { identifier, expr } => set(w, "setTemplateValue", identifier, expr),
        Rule::SetCorrectResponse { identifier, expr } => {
            set(w, "setCorrectResponse", identifier, expr)
        }
        Rule::SetDefaultValue { identifier, expr } => set(w, "setDefaultValue", identifier, expr),
        Rule::TemplateConstraint(e) => {
            let tag = w.qti("templateConstraint");
            w.block(tag, |w| write_expr(w, e));
        }
        Rule::Fragment(rules) => match family {
            RuleFamily::Response => {
                write_rules_element(w, "responseProcessingFragment", rules, family)
            }
            RuleFamily::Outcome => {
                write_rules_element(w, "outcomeProcessingFragment", rules, family)
            }
            // Template processing has no fragments: the rules stand alone.
            RuleFamily::Template => write_rules(w, rules, family),
        },
        Rule::ExitResponse => w.empty(w.qti("exitResponse")),
        Rule::ExitTemplate => w.empty(w.qti("exitTemplate")),
        Rule::ExitTest => w.empty(w.qti("exitTest")),
    }
}

fn set(w: &mut Writer, name: &str, identifier: &str, expr: &Expr) {
    let tag = w.qti(name).attr("identifier", identifier);
    w.block(tag, |w| write_expr(w, expr));
}

/// `xxxCondition`: `xxxIf`, `xxxElseIf`s, `xxxElse`. A condition with no
/// branch at all is not readable and means nothing: it is left out.
fn write_condition(
    w: &mut Writer,
    branches: &[(Expr, Vec<Rule>)],
    otherwise: Option<&[Rule]>,
    family: RuleFamily,
) {
    if branches.is_empty() && otherwise.is_none() {
        return;
    }
    let [condition, if_name, else_if_name, else_name] = family.condition_names();
    let tag = w.qti(condition);
    w.block(tag, |w| {
        for (i, (test, rules)) in branches.iter().enumerate() {
            let tag = w.qti(if i == 0 { if_name } else { else_if_name });
            w.block(tag, |w| {
                write_expr(w, test);
                write_rules(w, rules, family);
            });
        }
        if let Some(rules) = otherwise {
            let tag = w.qti(else_name);
            w.block(tag, |w| write_rules(w, rules, family));
        }
    });
}

/// `responseProcessing`. When the rules are what the named template gives
/// this item, only the template is named (by its URI for the target
/// version); otherwise the rules are written out.
pub(crate) fn write_response_processing(
    w: &mut Writer,
    rp: &ResponseProcessing,
    declarations: &[Declaration],
) {
    let location = rp.template_location.as_ref();
    if let Some(uri) = &rp.template
        && let Some(t) = Template::from_uri(uri)
        && template_rules(t, declarations).as_deref() == Some(&*rp.rules)
    {
        let tag = w
            .qti("responseProcessing")
            .attr("template", template_uri(t, uri, w.v3()))
            .opt("templateLocation", location);
        w.empty(tag);
        return;
    }
    // A template reference stays only where the reader would not use it
    // in place of the inline rules: when there are rules, or when the
    // template gives no rules either (unknown, or unfit for this item).
    let keep = !rp.rules.is_empty() || {
        let named = rp.template.as_ref().or(location);
        named
            .and_then(|uri| Template::from_uri(uri))
            .and_then(|t| template_rules(t, declarations))
            .is_none_or(|rules| rules.is_empty())
    };
    let tag = w
        .qti("responseProcessing")
        .opt("template", rp.template.as_ref().filter(|_| keep))
        .opt("templateLocation", location.filter(|_| keep));
    w.block(tag, |w| write_rules(w, &rp.rules, RuleFamily::Response));
}

/// A standard template's URI for the target version. The CC2 templates
/// are no version's own: their URI is kept as written.
fn template_uri(t: Template, written: &str, v3: bool) -> String {
    match t {
        Template::Cc2Match | Template::Cc2MatchBasic | Template::Cc2MapResponse => {
            written.to_string()
        }
        _ if v3 => t.uri_v3(),
        _ => t.uri_v2(),
    }
}
