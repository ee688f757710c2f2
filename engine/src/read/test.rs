//! Reading an `assessmentTest` (ASI test structure): parts, sections
//! (with `assessmentSectionRef`s followed through a resolver), item
//! references, control settings and outcome processing. Item files are not
//! read here; [`crate::test_session::load`] resolves them.

use std::collections::{BTreeMap, HashSet};

use crate::error::{Error, ErrorKind};
use crate::href;
use crate::model::AssessmentItem;
use crate::model::content::ContentNode;
use crate::model::declaration::DeclarationKind;
use crate::model::rule::RuleFamily;
use crate::model::test::{
    AssessmentTest, BranchRule, EXIT_SECTION, EXIT_TEST, EXIT_TESTPART, FeedbackAccess, ItemRef,
    ItemSessionControl, NavigationMode, Ordering, ResponseValidity, Section, SectionPart,
    Selection, SubmissionMode, TestFeedback, TestPart, TimeLimits, VariableMapping, Weight,
};
use crate::read::body::{read_content_body, read_node, show_hide};
use crate::read::declaration::read_declaration;
use crate::read::expr::read_expression;
use crate::read::item::{document_version, read_assessment_item};
use crate::read::rule::read_rules;
use crate::read::{ReadContext, Warning};
use crate::xml::{self, Element, Limits};

/// How deeply `assessmentSectionRef`s may nest before we call it a cycle.
const MAX_SECTION_REF_DEPTH: usize = 16;

/// A test, the items written inside it (compact tests), and the
/// non-fatal problems met while reading.
#[derive(Debug, Clone)]
pub struct ReadTest {
    pub test: AssessmentTest,
    /// Items given inline in their `assessmentItemRef`, by reference identifier.
    pub compact_items: BTreeMap<String, AssessmentItem>,
    /// Written in qti-sdk's compact format (its schema, or items inline):
    /// an item reference without inline content then means an empty item.
    pub compact_format: bool,
    pub warnings: Vec<Warning>,
}

/// Fetches a referenced document by its path (relative to the package or
/// folder root, already resolved and checked by [`href::join`]).
pub type Resolver<'r> = dyn FnMut(&str) -> Result<Vec<u8>, Error> + 'r;

/// Read a test that has no `assessmentSectionRef` (any found is an error).
pub fn read_test(bytes: &[u8]) -> Result<ReadTest, Error> {
    read_test_at("test.xml", bytes, &mut |path: &str| {
        Err(Error::new(ErrorKind::Reference {
            href: path.to_string(),
            message: "no files are available to resolve section references".into(),
        }))
    })
}

/// Read the test found at `path`, resolving section references through `resolve`.
pub fn read_test_at(
    path: &str,
    bytes: &[u8],
    resolve: &mut Resolver<'_>,
) -> Result<ReadTest, Error> {
    let text = xml::decode(bytes)?;
    let doc = xml::parse(&text, Limits::default())?;
    let mut warnings = Vec::new();
    let version = document_version(&doc, &mut warnings)?;
    if doc.root().name() != "assessmentTest" {
        return Err(Error::new(ErrorKind::RootElement {
            expected: "assessmentTest".into(),
            found: doc.root().name().to_string(),
        })
        .at(doc.position(doc.root().pos())));
    }
    let mut cx = ReadContext::new(&doc, version);
    cx.warnings = warnings;
    cx.test_scope = true;
    let mut reader = TestReader {
        resolve,
        compact_items: BTreeMap::new(),
        stack: vec![path.to_string()],
        extra_warnings: Vec::new(),
        parts_read: 0,
    };
    let test = reader.read_test(doc.root(), &mut cx)?;
    check_branch_targets(&test)?;
    let mut warnings = cx.warnings;
    warnings.extend(check_identifiers(&test));
    warnings.append(&mut reader.extra_warnings);
    let compact_format = !reader.compact_items.is_empty()
        || doc
            .root()
            .attr("xsi:schemaLocation")
            .is_some_and(|l| l.contains("qticompact"));
    Ok(ReadTest {
        test,
        compact_format,
        compact_items: reader.compact_items,
        warnings,
    })
}

struct TestReader<'r, 'f> {
    resolve: &'r mut Resolver<'f>,
    compact_items: BTreeMap<String, AssessmentItem>,
    /// The documents being read, outermost first: a cycle shows up here.
    stack: Vec<String>,
    /// Warnings from section documents, which have their own contexts.
    extra_warnings: Vec<Warning>,
    parts_read: usize,
}

impl TestReader<'_, '_> {
    fn read_test<'a>(
        &mut self,
        el: Element<'a>,
        cx: &mut ReadContext<'a>,
    ) -> Result<AssessmentTest, Error> {
        let mut test = AssessmentTest {
            identifier: cx.attr(el, "identifier")?.trim().to_string(),
            title: el.attr("title").unwrap_or_default().to_string(),
            version: cx.version,
            tool_name: el.attr("toolName").map(str::to_string),
            tool_version: el.attr("toolVersion").map(str::to_string),
            declarations: Vec::new(),
            time_limits: None,
            test_parts: Vec::new(),
            outcome_processing: None,
            test_feedback: Vec::new(),
        };
        // Declarations first: rules anywhere in the test refer to them.
        for child in el.children_named("outcomeDeclaration") {
            let decl = read_declaration(child, cx)?;
            debug_assert!(matches!(decl.kind, DeclarationKind::Outcome(_)));
            test.declarations.push(decl);
        }
        for child in el.elements() {
            match child.name() {
                "outcomeDeclaration" => {}
                "timeLimits" => test.time_limits = Some(read_time_limits(child, cx)?),
                "testPart" => test.test_parts.push(self.read_part(child, cx)?),
                "outcomeProcessing" => {
                    test.outcome_processing = Some(read_rules(child, RuleFamily::Outcome, cx)?);
                }
                "testFeedback" => test.test_feedback.push(read_test_feedback(child, cx)?),
                "stylesheet" | "rubricBlock" | "contextDeclaration" => {}
                other => cx.warn(
                    child,
                    format!("<{other}> is not part of an assessmentTest; ignored"),
                ),
            }
        }
        if test.test_parts.is_empty() {
            return Err(cx.error(
                el,
                ErrorKind::MissingContent {
                    element: el.name().to_string(),
                    expected: "at least one <testPart>".into(),
                },
            ));
        }
        Ok(test)
    }

    fn read_part(&mut self, el: Element, cx: &mut ReadContext<'_>) -> Result<TestPart, Error> {
        // Both modes are required; generators that leave one out get the
        // stricter reading (linear, individual) and a warning.
        let navigation_mode = match el.attr("navigationMode").map(str::trim) {
            Some("linear") => NavigationMode::Linear,
            Some("nonlinear") => NavigationMode::Nonlinear,
            None => {
                cx.warn(el, "<testPart> has no navigationMode; read as linear");
                NavigationMode::Linear
            }
            Some(other) => return Err(cx.invalid(el, "navigationMode", other)),
        };
        let submission_mode = match el.attr("submissionMode").map(str::trim) {
            Some("individual") => SubmissionMode::Individual,
            Some("simultaneous") => SubmissionMode::Simultaneous,
            None => {
                cx.warn(el, "<testPart> has no submissionMode; read as individual");
                SubmissionMode::Individual
            }
            Some(other) => return Err(cx.invalid(el, "submissionMode", other)),
        };
        let identifier = match el.attr("identifier").map(str::trim) {
            Some(id) if !id.is_empty() => id.to_string(),
            // Old generators leave it out; nothing can refer to such a part.
            _ => {
                cx.warn(el, "<testPart> has no identifier");
                format!("testPart-{}", self.parts_read + 1)
            }
        };
        self.parts_read += 1;
        let mut part = TestPart {
            identifier,
            navigation_mode,
            submission_mode,
            pre_conditions: Vec::new(),
            branch_rules: Vec::new(),
            item_session_control: None,
            time_limits: None,
            sections: Vec::new(),
            test_feedback: Vec::new(),
        };
        for child in el.elements() {
            match child.name() {
                "preCondition" => part.pre_conditions.push(read_condition(child, cx)?),
                "branchRule" => part.branch_rules.push(read_branch_rule(child, cx)?),
                "itemSessionControl" => {
                    part.item_session_control = Some(read_item_session_control(child, cx)?);
                }
                "timeLimits" => part.time_limits = Some(read_time_limits(child, cx)?),
                "assessmentSection" => part.sections.push(self.read_section(child, cx)?),
                "assessmentSectionRef" | "include" => {
                    part.sections.push(self.read_section_ref(child, cx)?)
                }
                "testFeedback" => part.test_feedback.push(read_test_feedback(child, cx)?),
                other => cx.warn(
                    child,
                    format!("<{other}> is not part of a testPart; ignored"),
                ),
            }
        }
        if part.sections.is_empty() {
            return Err(cx.error(
                el,
                ErrorKind::MissingContent {
                    element: el.name().to_string(),
                    expected: "at least one <assessmentSection>".into(),
                },
            ));
        }
        Ok(part)
    }

    fn read_section(&mut self, el: Element, cx: &mut ReadContext<'_>) -> Result<Section, Error> {
        let mut section = Section {
            identifier: cx.attr(el, "identifier")?.trim().to_string(),
            title: el.attr("title").unwrap_or_default().to_string(),
            visible: cx.bool_attr(el, "visible", true)?,
            keep_together: cx.bool_attr(el, "keepTogether", true)?,
            required: cx.bool_attr(el, "required", false)?,
            fixed: cx.bool_attr(el, "fixed", false)?,
            selection: None,
            ordering: None,
            pre_conditions: Vec::new(),
            branch_rules: Vec::new(),
            item_session_control: None,
            time_limits: None,
            rubric_blocks: Vec::new(),
            parts: Vec::new(),
        };
        for child in el.elements() {
            match child.name() {
                "preCondition" => section.pre_conditions.push(read_condition(child, cx)?),
                "branchRule" => section.branch_rules.push(read_branch_rule(child, cx)?),
                "itemSessionControl" => {
                    section.item_session_control = Some(read_item_session_control(child, cx)?);
                }
                "timeLimits" => section.time_limits = Some(read_time_limits(child, cx)?),
                "selection" => {
                    let select = cx
                        .parse_attr::<usize>(child, "select")?
                        .ok_or_else(|| cx.invalid(child, "select", ""))?;
                    section.selection = Some(Selection {
                        select,
                        with_replacement: cx.bool_attr(child, "withReplacement", false)?,
                    });
                }
                "ordering" => {
                    section.ordering = Some(Ordering {
                        shuffle: cx.bool_attr(child, "shuffle", false)?,
                    });
                }
                "rubricBlock" => {
                    if let Some(ContentNode::RubricBlock(r)) = read_node(child, cx)? {
                        section.rubric_blocks.push(*r);
                    }
                }
                "assessmentSection" => section
                    .parts
                    .push(SectionPart::Section(self.read_section(child, cx)?)),
                "assessmentSectionRef" | "include" => {
                    section
                        .parts
                        .push(SectionPart::Section(self.read_section_ref(child, cx)?));
                }
                "assessmentItemRef" => section
                    .parts
                    .push(SectionPart::Item(self.read_item_ref(child, cx)?)),
                "rubricBlockRef" => cx.warn(child, "<rubricBlockRef> is not supported; ignored"),
                other => cx.warn(
                    child,
                    format!("<{other}> is not part of an assessmentSection; ignored"),
                ),
            }
        }
        if let Some(sel) = section.selection {
            let required = section.parts.iter().filter(|p| p.required()).count();
            if !sel.with_replacement && sel.select > section.parts.len() {
                cx.warn(
                    el,
                    format!(
                        "select=\"{}\" without replacement, but section '{}' has only {} children: all are selected",
                        sel.select,
                        section.identifier,
                        section.parts.len()
                    ),
                );
            }
            if required > sel.select {
                return Err(cx.error(
                    el,
                    ErrorKind::Type {
                        element: "selection".into(),
                        message: format!(
                            "select=\"{}\", but section '{}' has {required} required children",
                            sel.select, section.identifier
                        ),
                    },
                ));
            }
        }
        Ok(section)
    }

    /// `assessmentSectionRef`: the section lives in another document.
    fn read_section_ref(
        &mut self,
        el: Element,
        cx: &mut ReadContext<'_>,
    ) -> Result<Section, Error> {
        let href_attr = cx.attr(el, "href")?;
        let at = cx.position(el);
        let base = self.stack.last().cloned().unwrap_or_default();
        let path = href::join(&base, href_attr).map_err(|e| e.at(at))?;
        let refuse = |message: String| {
            Error::new(ErrorKind::Reference {
                href: href_attr.to_string(),
                message,
            })
            .at(at)
        };
        if self.stack.contains(&path) || self.stack.len() > MAX_SECTION_REF_DEPTH {
            return Err(refuse(format!(
                "section references form a cycle ({})",
                self.stack.join(" → ")
            )));
        }
        let bytes = (self.resolve)(&path).map_err(|e| refuse(e.kind.to_string()))?;
        let text = xml::decode(&bytes).map_err(|e| refuse(e.to_string()))?;
        let doc = xml::parse(&text, Limits::default()).map_err(|e| refuse(e.to_string()))?;
        if doc.root().name() != "assessmentSection" {
            return Err(refuse(format!(
                "its root is <{}>, not <assessmentSection>",
                doc.root().name()
            )));
        }
        let mut scx = ReadContext::new(&doc, cx.version);
        scx.variables = cx.variables.clone();
        scx.test_scope = true;
        self.stack.push(path.clone());
        let section = self.read_section(doc.root(), &mut scx);
        self.stack.pop();
        self.extra_warnings.append(&mut scx.warnings);
        let mut section = section.map_err(|e| refuse(format!("{path}: {e}")))?;
        // The reference's identifier names the section in this test.
        if let Some(id) = el.attr("identifier") {
            section.identifier = id.trim().to_string();
        }
        Ok(section)
    }

    fn read_item_ref(&mut self, el: Element, cx: &mut ReadContext<'_>) -> Result<ItemRef, Error> {
        let identifier = cx.attr(el, "identifier")?.trim().to_string();
        let mut item_ref = ItemRef {
            position: Some(cx.position(el)),
            href: cx.attr(el, "href")?.trim().to_string(),
            categories: el
                .attr("category")
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            required: cx.bool_attr(el, "required", false)?,
            fixed: cx.bool_attr(el, "fixed", false)?,
            pre_conditions: Vec::new(),
            branch_rules: Vec::new(),
            item_session_control: None,
            time_limits: None,
            weights: Vec::new(),
            variable_mappings: Vec::new(),
            template_defaults: Vec::new(),
            validity: Vec::new(),
            identifier,
        };
        let mut compact = false;
        for child in el.elements() {
            match child.name() {
                "preCondition" => item_ref.pre_conditions.push(read_condition(child, cx)?),
                "branchRule" => item_ref.branch_rules.push(read_branch_rule(child, cx)?),
                "itemSessionControl" => {
                    item_ref.item_session_control = Some(read_item_session_control(child, cx)?);
                }
                "timeLimits" => item_ref.time_limits = Some(read_time_limits(child, cx)?),
                "weight" => item_ref.weights.push(Weight {
                    identifier: cx.attr(child, "identifier")?.trim().to_string(),
                    value: cx
                        .float_attr(child, "value")?
                        .ok_or_else(|| cx.invalid(child, "value", ""))?,
                }),
                "variableMapping" => item_ref.variable_mappings.push(VariableMapping {
                    source: cx.attr(child, "sourceIdentifier")?.trim().to_string(),
                    target: cx.attr(child, "targetIdentifier")?.trim().to_string(),
                }),
                "templateDefault" => {
                    let id = cx.attr(child, "templateIdentifier")?.trim().to_string();
                    let expr = child
                        .elements()
                        .next()
                        .map(|e| read_expression(e, cx))
                        .transpose()?
                        .ok_or_else(|| {
                            cx.error(
                                child,
                                ErrorKind::MissingContent {
                                    element: "templateDefault".into(),
                                    expected: "an expression".into(),
                                },
                            )
                        })?;
                    item_ref.template_defaults.push((id, expr));
                }
                "responseValidityConstraint" => {
                    item_ref.validity.push(read_validity(child, cx)?);
                }
                "responseDeclaration"
                | "outcomeDeclaration"
                | "templateDeclaration"
                | "responseProcessing"
                | "templateProcessing"
                | "modalFeedback" => compact = true,
                _ => {}
            }
        }
        if compact {
            // A compact test: the item's declarations and processing are here.
            let mut icx = ReadContext::new(cx.doc, cx.version);
            let item = read_assessment_item(el, &mut icx, true)?;
            self.extra_warnings.append(&mut icx.warnings);
            self.compact_items.insert(item_ref.identifier.clone(), item);
        }
        Ok(item_ref)
    }
}

fn read_condition(el: Element, cx: &mut ReadContext<'_>) -> Result<crate::expr::Expr, Error> {
    match el.elements().next() {
        Some(e) => read_expression(e, cx),
        None => Err(cx.error(
            el,
            ErrorKind::MissingContent {
                element: el.name().to_string(),
                expected: "an expression".into(),
            },
        )),
    }
}

fn read_validity(el: Element, cx: &mut ReadContext<'_>) -> Result<ResponseValidity, Error> {
    let count = |e: Element, name: &str| -> Result<u32, Error> {
        Ok(cx.parse_attr::<u32>(e, name)?.unwrap_or(0))
    };
    let mut associations = Vec::new();
    for a in el.children_named("associationValidityConstraint") {
        associations.push((
            cx.attr(a, "identifier")?.trim().to_string(),
            count(a, "minConstraint")?,
            count(a, "maxConstraint")?,
        ));
    }
    Ok(ResponseValidity {
        response: cx.attr(el, "responseIdentifier")?.trim().to_string(),
        min: count(el, "minConstraint")?,
        max: count(el, "maxConstraint")?,
        pattern_mask: el.attr("patternMask").map(str::to_string),
        associations,
    })
}

fn read_branch_rule(el: Element, cx: &mut ReadContext<'_>) -> Result<BranchRule, Error> {
    Ok(BranchRule {
        target: cx.attr(el, "target")?.trim().to_string(),
        condition: read_condition(el, cx)?,
        position: Some(cx.position(el)),
    })
}

fn read_time_limits(el: Element, cx: &mut ReadContext<'_>) -> Result<TimeLimits, Error> {
    // Zero means "no limit" in some generators' output; the spec says a
    // value must be positive, so read 0 as unset.
    let seconds = |name: &str| -> Result<Option<f64>, Error> {
        Ok(cx.float_attr(el, name)?.filter(|v| *v > 0.0))
    };
    Ok(TimeLimits {
        min_time: seconds("minTime")?,
        max_time: seconds("maxTime")?,
        allow_late_submission: cx.bool_attr(el, "allowLateSubmission", false)?,
    })
}

fn read_item_session_control(
    el: Element,
    cx: &mut ReadContext<'_>,
) -> Result<ItemSessionControl, Error> {
    let flag = |name: &str| -> Result<Option<bool>, Error> {
        match el.attr(name) {
            None => Ok(None),
            Some(_) => cx.bool_attr(el, name, false).map(Some),
        }
    };
    Ok(ItemSessionControl {
        max_attempts: cx.parse_attr::<u32>(el, "maxAttempts")?,
        show_feedback: flag("showFeedback")?,
        allow_review: flag("allowReview")?,
        show_solution: flag("showSolution")?,
        allow_comment: flag("allowComment")?,
        allow_skipping: flag("allowSkipping")?,
        validate_responses: flag("validateResponses")?,
    })
}

fn read_test_feedback(el: Element, cx: &mut ReadContext<'_>) -> Result<TestFeedback, Error> {
    let access = match el.attr("access").map(str::trim) {
        Some("during") => FeedbackAccess::During,
        Some("atEnd") | None => FeedbackAccess::AtEnd,
        Some(other) => return Err(cx.invalid(el, "access", other)),
    };
    Ok(TestFeedback {
        access,
        outcome_identifier: cx.content_ref(el, "outcomeIdentifier")?,
        identifier: cx.attr(el, "identifier")?.trim().to_string(),
        show: matches!(show_hide(el), crate::model::content::ShowHide::Show),
        title: el.attr("title").map(str::to_string),
        content: read_content_body(el, cx)?,
    })
}

/// Parts, sections and item references should have distinct identifiers
/// within a test: branch targets, `sectionIdentifier` and `Q01.SCORE` name
/// them. Some test suites reuse one; references then mean the first, and
/// the reader says so.
fn check_identifiers(test: &AssessmentTest) -> Vec<Warning> {
    fn walk<'a>(parts: &'a [SectionPart], seen: &mut HashSet<&'a str>, out: &mut Vec<Warning>) {
        for p in parts {
            if !seen.insert(p.identifier()) {
                out.push(duplicate(p.identifier()));
            }
            if let SectionPart::Section(s) = p {
                walk(&s.parts, seen, out);
            }
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for part in &test.test_parts {
        if !seen.insert(part.identifier.as_str()) {
            out.push(duplicate(&part.identifier));
        }
        for s in &part.sections {
            if !seen.insert(s.identifier.as_str()) {
                out.push(duplicate(&s.identifier));
            }
            walk(&s.parts, &mut seen, &mut out);
        }
    }
    out
}

fn duplicate(identifier: &str) -> Warning {
    Warning {
        position: None,
        message: format!(
            "'{identifier}' names more than one part, section or item; references mean the first"
        ),
    }
}

/// One target of the test in document order: where it starts and ends.
struct Span<'a> {
    identifier: &'a str,
    kind: &'static str,
    part: usize,
    start: usize,
    end: usize,
}

/// branchRules must go forward, to something that exists: a testPart's to
/// a later testPart, an item's or section's to a later item or section of
/// its own part. Special targets are always allowed (EXIT_TEST anywhere,
/// EXIT_TESTPART and EXIT_SECTION below the part).
fn check_branch_targets(test: &AssessmentTest) -> Result<(), Error> {
    let mut spans: Vec<Span<'_>> = Vec::new();
    let mut rules: Vec<(usize, &[BranchRule])> = Vec::new();
    let mut counter = 0;
    for (pi, part) in test.test_parts.iter().enumerate() {
        let index = spans.len();
        let start = counter;
        counter += 1;
        spans.push(Span {
            identifier: &part.identifier,
            kind: "testPart",
            part: pi,
            start,
            end: start,
        });
        rules.push((index, &part.branch_rules));
        walk_sections(&part.sections, pi, &mut counter, &mut spans, &mut rules);
        spans[index].end = counter;
    }
    for (owner_index, branch_rules) in rules {
        let owner = &spans[owner_index];
        for rule in branch_rules {
            let target = rule.target.as_str();
            let refuse = |message: &str| {
                let e = Error::new(ErrorKind::BranchTarget {
                    owner: owner.identifier.to_string(),
                    target: target.to_string(),
                    message: message.to_string(),
                });
                Err(match rule.position {
                    Some(p) => e.at(p),
                    None => e,
                })
            };
            // On a testPart, EXIT_TESTPART and EXIT_SECTION just leave it.
            if [EXIT_TEST, EXIT_TESTPART, EXIT_SECTION].contains(&target) {
                continue;
            }
            if target == owner.identifier {
                return refuse("a branchRule cannot target its own element (it would loop)");
            }
            // The first candidate after the owner, else any (to report why).
            // `Q02.1`: an occurrence of an item selected with replacement.
            let named = |id: &str| spans.iter().any(|s| s.identifier == id);
            let target = match target.rsplit_once('.') {
                Some((base, n)) if !named(target) && n.parse::<u32>().is_ok() => base,
                _ => target,
            };
            let candidates: Vec<&Span<'_>> =
                spans.iter().filter(|s| s.identifier == target).collect();
            let Some(found) = candidates
                .iter()
                .find(|s| s.start >= owner.end)
                .or(candidates.first())
            else {
                return refuse("no testPart, section or item has this identifier");
            };
            if owner.kind == "testPart" && found.kind != "testPart" {
                return refuse("a testPart's branchRule must target a testPart");
            }
            if owner.kind != "testPart" && found.kind != "testPart" && found.part != owner.part {
                return refuse(
                    "an item's or section's branchRule must target an item or section of its own testPart, or a later testPart",
                );
            }
            if found.start < owner.end {
                return refuse(
                    "branching backwards (or into the branching element) is not allowed",
                );
            }
        }
    }
    Ok(())
}

/// Sections of a part are `Section`s, not `SectionPart`s: visit each like a part.
fn walk_sections<'a>(
    sections: &'a [Section],
    part: usize,
    counter: &mut usize,
    spans: &mut Vec<Span<'a>>,
    rules: &mut Vec<(usize, &'a [BranchRule])>,
) {
    for s in sections {
        let index = spans.len();
        let start = *counter;
        *counter += 1;
        spans.push(Span {
            identifier: &s.identifier,
            kind: "section",
            part,
            start,
            end: start,
        });
        rules.push((index, &s.branch_rules));
        walk_parts(&s.parts, part, counter, spans, rules);
        spans[index].end = *counter;
    }
}

/// Record each section and item of `parts` (recursively) with its span.
fn walk_parts<'a>(
    parts: &'a [SectionPart],
    part: usize,
    counter: &mut usize,
    spans: &mut Vec<Span<'a>>,
    rules: &mut Vec<(usize, &'a [BranchRule])>,
) {
    for p in parts {
        let index = spans.len();
        let start = *counter;
        *counter += 1;
        let (kind, branch_rules): (&'static str, &'a [BranchRule]) = match p {
            SectionPart::Section(s) => ("section", &s.branch_rules),
            SectionPart::Item(i) => ("item", &i.branch_rules),
        };
        spans.push(Span {
            identifier: p.identifier(),
            kind,
            part,
            start,
            end: start,
        });
        rules.push((index, branch_rules));
        if let SectionPart::Section(s) = p {
            walk_parts(&s.parts, part, counter, spans, rules);
        }
        spans[index].end = *counter;
    }
}
