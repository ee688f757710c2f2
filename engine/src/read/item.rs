//! Reading an `assessmentItem`.

use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, ErrorKind};
use crate::model::declaration::{Declaration, DeclarationKind};
use crate::model::rule::{Rule, RuleFamily};
use crate::model::stimulus::StimulusRef;
use crate::model::{AssessmentItem, ResponseProcessing};
use crate::read::body::{
    read_catalog_info, read_companion_materials, read_item_body, read_modal_feedback,
    read_stylesheet,
};
use crate::read::declaration::read_declaration;
use crate::read::rptemplates::Template;
use crate::read::rule::read_rules;
use crate::read::{ReadContext, VariableClass, VariableInfo, Warning};
use crate::xml::{self, Document, Element, Limits, QtiVersion};

/// An item and the non-fatal problems met while reading it.
#[derive(Debug, Clone)]
pub struct ReadItem {
    pub item: AssessmentItem,
    pub warnings: Vec<Warning>,
}

/// Read an item from bytes, with the default limits.
pub fn read_item(bytes: &[u8]) -> Result<ReadItem, Error> {
    read_item_with(bytes, Limits::default())
}

pub fn read_item_with(bytes: &[u8], limits: Limits) -> Result<ReadItem, Error> {
    let text = xml::decode(bytes)?;
    let doc = xml::parse(&text, limits)?;
    read_item_document(&doc)
}

/// The QTI version of a parsed document, or a diagnostic when its namespace
/// is missing or wrong (we then read it by its element names).
pub fn document_version(
    doc: &Document<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<QtiVersion, Error> {
    if let Some(v) = doc.version {
        return Ok(v);
    }
    let qti3_names = doc.source.contains("<qti-");
    let guess = if qti3_names {
        QtiVersion::V3_0
    } else {
        QtiVersion::V2_1
    };
    let message = match &doc.root_namespace {
        None => format!(
            "the root element has no QTI namespace; read as QTI {}",
            guess.as_str()
        ),
        Some(ns) => {
            // A namespace that names another standard is not something we can read.
            if !ns.contains("imsqti") && !ns.contains("imsglobal") && !ns.contains("1edtech") {
                return Err(
                    Error::new(ErrorKind::Namespace(format!("unknown namespace '{ns}'")))
                        .at(doc.position(doc.root().pos())),
                );
            }
            format!(
                "unknown QTI namespace '{ns}'; read as QTI {}",
                guess.as_str()
            )
        }
    };
    warnings.push(Warning {
        position: Some(doc.position(doc.root().pos())),
        message,
    });
    Ok(guess)
}

pub fn read_item_document(doc: &Document<'_>) -> Result<ReadItem, Error> {
    let mut warnings = Vec::new();
    let version = document_version(doc, &mut warnings)?;
    let root = doc.root();
    if root.name() != "assessmentItem" {
        return Err(Error::new(ErrorKind::RootElement {
            expected: "assessmentItem".into(),
            found: root.name().to_string(),
        })
        .at(doc.position(root.pos())));
    }
    let mut cx = ReadContext::new(doc, version);
    cx.warnings = warnings;
    let item = read_assessment_item(root, &mut cx, false)?;
    Ok(ReadItem {
        item,
        warnings: cx.warnings,
    })
}

/// Read an `assessmentItem`, or, with `compact`, the declarations and
/// processing that a "compact" test (as qti-sdk writes them) puts inside an
/// `assessmentItemRef` in place of a separate item file.
pub(crate) fn read_assessment_item<'a>(
    el: Element<'a>,
    cx: &mut ReadContext<'a>,
    compact: bool,
) -> Result<AssessmentItem, Error> {
    let identifier = cx.attr(el, "identifier")?.to_string();
    let title = el.attr("title").unwrap_or_default().to_string();
    let adaptive = cx.bool_attr(el, "adaptive", false)?;
    let time_dependent = cx.bool_attr(el, "timeDependent", false)?;
    // Declarations first: every later part refers to them. Counted first:
    // a declaration is large, and growing the list copied them and freed
    // large blocks, which costs the allocator more than small ones.
    let is_declaration = |child: &Element| {
        matches!(
            child.name(),
            "responseDeclaration"
                | "outcomeDeclaration"
                | "templateDeclaration"
                | "contextDeclaration"
        )
    };
    let mut declarations = Vec::with_capacity(el.elements().filter(is_declaration).count());
    for child in el.elements().filter(is_declaration) {
        declarations.push(read_declaration(child, cx)?);
    }
    let mut item = AssessmentItem {
        identifier,
        title,
        label: el.attr("label").map(str::to_string),
        lang: el.attr("xml:lang").map(str::to_string),
        tool_name: el.attr("toolName").map(str::to_string),
        tool_version: el.attr("toolVersion").map(str::to_string),
        adaptive,
        time_dependent,
        declarations,
        // The rest empty: an empty name costs no allocation.
        ..AssessmentItem::empty("", cx.version)
    };
    for child in el.elements() {
        match child.name() {
            "responseDeclaration"
            | "outcomeDeclaration"
            | "templateDeclaration"
            | "contextDeclaration" => {}
            "templateProcessing" => {
                item.template_processing = Some(read_rules(child, RuleFamily::Template, cx)?);
            }
            "responseProcessing" => {
                item.response_processing = Some(read_response_processing(child, cx)?);
            }
            "stylesheet" => item.stylesheets.push(read_stylesheet(child, cx)?),
            "itemBody" => item.body = Some(read_item_body(child, cx)?),
            "modalFeedback" => item.modal_feedback.push(read_modal_feedback(child, cx)?),
            "catalogInfo" => item.catalogs.extend(read_catalog_info(child, cx)?),
            "companionMaterialsInfo" => {
                item.companion_materials = Some(read_companion_materials(child, cx));
            }
            "dataCategories" => {}
            "assessmentStimulusRef" => item.stimulus_refs.push(StimulusRef {
                identifier: cx.attr(child, "identifier")?.trim().to_string(),
                href: cx.attr(child, "href")?.trim().to_string(),
                title: child.attr("title").map(str::to_string),
            }),
            _ if compact => {}
            other => {
                cx.warn(
                    child,
                    format!("<{other}> is not part of an assessmentItem; ignored"),
                );
            }
        }
    }
    Ok(item)
}

/// Inline rules win over a template reference; a template is built in, never fetched.
fn read_response_processing(
    el: Element,
    cx: &mut ReadContext<'_>,
) -> Result<ResponseProcessing, Error> {
    let template = el.attr("template").map(str::to_string);
    let template_location = el.attr("templateLocation").map(str::to_string);
    let has_inline = el.elements().next().is_some();
    let rules = if has_inline {
        read_rules(el, RuleFamily::Response, cx)?.into()
    } else if let Some(uri) = template.as_deref().or(template_location.as_deref()) {
        // An unknown or unfitting template leaves the item readable but not
        // automatically scored: its outcomes keep their defaults.
        match Template::from_uri(uri) {
            Some(t) => read_template_rules(t, el, cx).unwrap_or_else(|e| {
                cx.warnings.push(Warning {
                    position: e.position,
                    message: format!("{}; the item will not be scored", e.kind),
                });
                Arc::from([])
            }),
            None => {
                cx.warn(
                    el,
                    format!(
                        "{}; the item will not be scored",
                        ErrorKind::UnknownTemplate(uri.to_string())
                    ),
                );
                Arc::from([])
            }
        }
    } else {
        Arc::from([])
    };
    Ok(ResponseProcessing {
        rules,
        template,
        template_location,
    })
}

/// Read a built-in template's rules against the item's declarations. An
/// error (say, no `RESPONSE` declared) is reported at the item's
/// `responseProcessing` element, since the template text is ours.
fn read_template_rules(
    t: Template,
    at: Element,
    cx: &mut ReadContext<'_>,
) -> Result<Arc<[Rule]>, Error> {
    let key = TemplateKey::of(t, cx);
    if let Some(rules) = key.cached() {
        return Ok(rules);
    }
    let rules: Arc<[Rule]> = rules_in_item_context(t, cx)
        .map_err(|e| {
            cx.error(
                at,
                ErrorKind::Type {
                    element: "responseProcessing".into(),
                    message: format!("template {} does not fit this item: {}", t.name(), e.kind),
                },
            )
        })?
        .into();
    key.store(rules.clone());
    Ok(rules)
}

/// What reading a built-in template's rules depends on: the template, and
/// what the item declares of each name the template's text mentions. Items
/// that agree on these get the same rules, so they are read once and
/// shared: most items name a template, and reading its rules again for
/// each cost about a twentieth of reading and scoring them.
#[derive(PartialEq)]
struct TemplateKey {
    template: Template,
    variables: Vec<Option<VariableInfo>>,
}

/// Rules already read, a few entries at most (one per template and kind
/// of declarations in use).
static TEMPLATE_RULES: Mutex<Vec<(TemplateKey, Arc<[Rule]>)>> = Mutex::new(Vec::new());
const TEMPLATE_RULES_KEPT: usize = 64;

impl TemplateKey {
    fn of(template: Template, cx: &ReadContext<'_>) -> Self {
        let variables = template_names(template)
            .iter()
            .map(|name| cx.variables.get(name).copied())
            .collect();
        TemplateKey {
            template,
            variables,
        }
    }

    fn cached(&self) -> Option<Arc<[Rule]>> {
        let cache = TEMPLATE_RULES.lock().ok()?;
        cache
            .iter()
            .find(|(key, _)| key == self)
            .map(|(_, rules)| rules.clone())
    }

    fn store(self, rules: Arc<[Rule]>) {
        if let Ok(mut cache) = TEMPLATE_RULES.lock()
            && cache.len() < TEMPLATE_RULES_KEPT
        {
            cache.push((self, rules));
        }
    }
}

/// Every attribute value in a built-in template's text (identifiers among
/// them), each once.
fn template_names(t: Template) -> &'static [String] {
    static NAMES: [OnceLock<Vec<String>>; Template::ALL.len()] =
        [const { OnceLock::new() }; Template::ALL.len()];
    NAMES[t as usize].get_or_init(|| {
        let mut names: Vec<String> = Vec::new();
        let mut open = vec![template_document(t).root()];
        while let Some(el) = open.pop() {
            for (_, value) in el.attrs() {
                if !names.iter().any(|n| n == &**value) {
                    names.push(value.to_string());
                }
            }
            open.extend(el.elements());
        }
        names
    })
}

/// A built-in template's rules, read in the item's own context so they see
/// its declarations without a copy of them. The context is left as it was:
/// the template's warnings are not the item's.
fn rules_in_item_context(t: Template, cx: &mut ReadContext<'_>) -> Result<Vec<Rule>, Error> {
    let doc = template_document(t);
    let item_doc = std::mem::replace(&mut cx.doc, doc);
    let version = std::mem::replace(&mut cx.version, QtiVersion::V2_2);
    let test_scope = std::mem::replace(&mut cx.test_scope, false);
    let warnings = cx.warnings.len();
    let rules = read_rules(doc.root(), RuleFamily::Response, cx);
    cx.warnings.truncate(warnings);
    cx.doc = item_doc;
    cx.version = version;
    cx.test_scope = test_scope;
    rules
}

fn rules_of_template(t: Template, variables: &[(&str, VariableInfo)]) -> Result<Vec<Rule>, Error> {
    let doc = template_document(t);
    let mut cx = ReadContext::new(doc, QtiVersion::V2_2);
    for (id, info) in variables {
        cx.variables.insert(id, *info);
    }
    read_rules(doc.root(), RuleFamily::Response, &mut cx)
}

/// A built-in template's XML, parsed once: most items name a template, and
/// parsing its text again for each of them cost more than reading its rules.
fn template_document(t: Template) -> &'static Document<'static> {
    static DOCUMENTS: [OnceLock<Document<'static>>; Template::ALL.len()] =
        [const { OnceLock::new() }; Template::ALL.len()];
    DOCUMENTS[t as usize].get_or_init(|| {
        xml::parse(t.source(), Limits::default()).expect("built-in templates are well-formed")
    })
}

/// The rules a built-in template gives an item with these declarations
/// (what reading its `responseProcessing` would give), or `None` when the
/// template does not fit them. The writer names a template only when it
/// stands for exactly the item's rules.
pub fn template_rules(t: Template, declarations: &[Declaration]) -> Option<Vec<Rule>> {
    let variables = declarations
        .iter()
        .map(|d| {
            let class = match d.kind {
                DeclarationKind::Response(_) => VariableClass::Response,
                DeclarationKind::Outcome(_) => VariableClass::Outcome,
                DeclarationKind::Template(_) => VariableClass::Template,
                DeclarationKind::Context => VariableClass::Context,
            };
            let info = VariableInfo {
                class,
                cardinality: d.cardinality,
                base_type: d.base_type,
            };
            (d.identifier.as_str(), info)
        })
        .collect::<Vec<_>>();
    rules_of_template(t, &variables).ok()
}
