//! Writing an `assessmentTest`. Section references were followed when the
//! test was read: their sections are written in place.

use super::Writer;
use super::body::{show_hide, write_content_body, write_rubric_block};
use super::declaration::write_declaration;
use super::expr::write_expr;
use super::item::{Written, root_tag, writer_for};
use super::rule::write_rules_element;
use crate::expr::Expr;
use crate::model::content::ShowHide;
use crate::model::rule::RuleFamily;
use crate::model::test::{
    AssessmentTest, BranchRule, FeedbackAccess, ItemRef, ItemSessionControl, NavigationMode,
    ResponseValidity, Section, SectionPart, SubmissionMode, TestFeedback, TestPart, TimeLimits,
};
use crate::value::format_float;
use crate::xml::QtiVersion;

/// Write a test as QTI 2.2 (or 3.0 when `to` is 3.0).
pub fn write_test(test: &AssessmentTest, to: QtiVersion) -> Written {
    let mut w = writer_for(to);
    let tag = root_tag(&w, "assessmentTest")
        .attr("identifier", &test.identifier)
        .attr("title", &test.title)
        .opt("toolName", test.tool_name.as_ref())
        .opt("toolVersion", test.tool_version.as_ref());
    w.block(tag, |w| {
        for d in &test.declarations {
            write_declaration(w, d);
        }
        if let Some(t) = &test.time_limits {
            write_time_limits(w, t);
        }
        for part in &test.test_parts {
            write_part(w, part);
        }
        if let Some(rules) = &test.outcome_processing {
            write_rules_element(w, "outcomeProcessing", rules, RuleFamily::Outcome);
        }
        for f in &test.test_feedback {
            write_test_feedback(w, f);
        }
    });
    let (xml, warnings) = w.finish();
    Written { xml, warnings }
}

fn write_part(w: &mut Writer, part: &TestPart) {
    let tag = w
        .qti("testPart")
        .attr("identifier", &part.identifier)
        .attr(
            "navigationMode",
            match part.navigation_mode {
                NavigationMode::Linear => "linear",
                NavigationMode::Nonlinear => "nonlinear",
            },
        )
        .attr(
            "submissionMode",
            match part.submission_mode {
                SubmissionMode::Individual => "individual",
                SubmissionMode::Simultaneous => "simultaneous",
            },
        );
    w.block(tag, |w| {
        write_controls(
            w,
            &part.pre_conditions,
            &part.branch_rules,
            part.item_session_control.as_ref(),
            part.time_limits.as_ref(),
        );
        for s in &part.sections {
            write_section(w, s);
        }
        for f in &part.test_feedback {
            write_test_feedback(w, f);
        }
    });
}

/// What parts, sections and item references share, in schema order:
/// preconditions, branch rules, item session control, time limits.
fn write_controls(
    w: &mut Writer,
    pre_conditions: &[Expr],
    branch_rules: &[BranchRule],
    control: Option<&ItemSessionControl>,
    time_limits: Option<&TimeLimits>,
) {
    for c in pre_conditions {
        let tag = w.qti("preCondition");
        w.block(tag, |w| write_expr(w, c));
    }
    for r in branch_rules {
        let tag = w.qti("branchRule").attr("target", &r.target);
        w.block(tag, |w| write_expr(w, &r.condition));
    }
    if let Some(c) = control {
        write_item_session_control(w, c);
    }
    if let Some(t) = time_limits {
        write_time_limits(w, t);
    }
}

fn write_item_session_control(w: &mut Writer, c: &ItemSessionControl) {
    let tag = w
        .qti("itemSessionControl")
        .opt("maxAttempts", c.max_attempts)
        .opt("showFeedback", c.show_feedback)
        .opt("allowReview", c.allow_review)
        .opt("showSolution", c.show_solution)
        .opt("allowComment", c.allow_comment)
        .opt("allowSkipping", c.allow_skipping)
        .opt("validateResponses", c.validate_responses);
    w.empty(tag);
}

fn write_time_limits(w: &mut Writer, t: &TimeLimits) {
    let tag = w
        .qti("timeLimits")
        .opt("minTime", t.min_time.map(format_float))
        .opt("maxTime", t.max_time.map(format_float))
        .unless("allowLateSubmission", t.allow_late_submission, false);
    w.empty(tag);
}

fn write_section(w: &mut Writer, s: &Section) {
    let tag = w
        .qti("assessmentSection")
        .attr("identifier", &s.identifier)
        .attr("title", &s.title)
        .attr("visible", s.visible)
        .unless("keepTogether", s.keep_together, true)
        .unless("required", s.required, false)
        .unless("fixed", s.fixed, false);
    w.block(tag, |w| {
        write_controls(
            w,
            &s.pre_conditions,
            &s.branch_rules,
            s.item_session_control.as_ref(),
            s.time_limits.as_ref(),
        );
        if let Some(sel) = &s.selection {
            let tag = w.qti("selection").attr("select", sel.select).unless(
                "withReplacement",
                sel.with_replacement,
                false,
            );
            w.empty(tag);
        }
        if let Some(o) = &s.ordering {
            let tag = w.qti("ordering").attr("shuffle", o.shuffle);
            w.empty(tag);
        }
        for r in &s.rubric_blocks {
            write_rubric_block(w, r);
        }
        for p in &s.parts {
            match p {
                SectionPart::Section(s) => write_section(w, s),
                SectionPart::Item(i) => write_item_ref(w, i),
            }
        }
    });
}

fn write_item_ref(w: &mut Writer, i: &ItemRef) {
    let tag = w
        .qti("assessmentItemRef")
        .attr("identifier", &i.identifier)
        .attr("href", &i.href)
        .list("category", &i.categories)
        .unless("required", i.required, false)
        .unless("fixed", i.fixed, false);
    w.block(tag, |w| {
        write_controls(
            w,
            &i.pre_conditions,
            &i.branch_rules,
            i.item_session_control.as_ref(),
            i.time_limits.as_ref(),
        );
        for m in &i.variable_mappings {
            let tag = w
                .qti("variableMapping")
                .attr("sourceIdentifier", &m.source)
                .attr("targetIdentifier", &m.target);
            w.empty(tag);
        }
        for weight in &i.weights {
            let tag = w
                .qti("weight")
                .attr("identifier", &weight.identifier)
                .attr("value", format_float(weight.value));
            w.empty(tag);
        }
        for (identifier, expr) in &i.template_defaults {
            let tag = w
                .qti("templateDefault")
                .attr("templateIdentifier", identifier);
            w.block(tag, |w| write_expr(w, expr));
        }
        for v in &i.validity {
            write_validity(w, v);
        }
    });
}

/// The compact format's `responseValidityConstraint`.
fn write_validity(w: &mut Writer, v: &ResponseValidity) {
    let tag = w
        .qti("responseValidityConstraint")
        .attr("responseIdentifier", &v.response)
        .attr("minConstraint", v.min)
        .attr("maxConstraint", v.max)
        .opt("patternMask", v.pattern_mask.as_ref());
    w.block(tag, |w| {
        for (identifier, min, max) in &v.associations {
            let tag = w
                .qti("associationValidityConstraint")
                .attr("identifier", identifier)
                .attr("minConstraint", min)
                .attr("maxConstraint", max);
            w.empty(tag);
        }
    });
}

fn write_test_feedback(w: &mut Writer, f: &TestFeedback) {
    let show = if f.show {
        ShowHide::Show
    } else {
        ShowHide::Hide
    };
    let tag = w
        .qti("testFeedback")
        .attr(
            "access",
            match f.access {
                FeedbackAccess::During => "during",
                FeedbackAccess::AtEnd => "atEnd",
            },
        )
        .attr("outcomeIdentifier", &f.outcome_identifier)
        .attr("identifier", &f.identifier)
        .attr("showHide", show_hide(show))
        .opt("title", f.title.as_ref());
    write_content_body(w, tag, &f.content, true);
}
