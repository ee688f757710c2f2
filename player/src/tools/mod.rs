//! Tools the candidate may use beside an item: the companion materials the
//! item offers (QTI 3 `qti-companion-materials-info`: calculator, rule,
//! protractor, reference material) and the line reader their PNP profile
//! asks for. A toolbar of toggle buttons opens and closes each tool.

pub mod calculator;
pub mod line_reader;
pub mod measure;

use qti_engine::model::AssessmentItem;
use yew::prelude::*;

use crate::context::RenderCtx;
use crate::i18n::{Locale, Strings};
use crate::pnp::Pnp;

/// One tool of the toolbar.
#[derive(Debug, Clone, PartialEq)]
pub enum Tool {
    /// `basic`, `standard`, `scientific` or `graphing`.
    Calculator(String),
    Rule(Vec<(String, String)>),
    Protractor,
    /// Reference material: its description and, for a file, its resolved URL.
    Reference {
        label: String,
        href: Option<String>,
    },
    LineReader,
}

impl Tool {
    fn name(&self, t: &Strings) -> String {
        match self {
            Tool::Calculator(kind) => tr!(t.calculator, kind),
            Tool::Rule(_) => t.rule.into(),
            Tool::Protractor => t.protractor.into(),
            Tool::Reference { label, .. } => tr!(t.reference, label),
            Tool::LineReader => t.line_reader.into(),
        }
    }
}

/// The tools for this item and candidate: the item's companion materials
/// (less those the profile prohibits) and the profile's line reader.
pub fn available(item: &AssessmentItem, pnp: Option<&Pnp>, cx: &RenderCtx) -> Vec<Tool> {
    let prohibited = |feature: &str| pnp.is_some_and(|p| p.prohibited.iter().any(|f| f == feature));
    let mut tools = Vec::new();
    if let Some(m) = &item.companion_materials {
        if !prohibited("calculator-on-screen") {
            // One calculator: the most capable kind the item allows.
            let best = m.calculators.iter().max_by_key(|k| match k.as_str() {
                "basic" => 0,
                "standard" => 1,
                _ => 2,
            });
            tools.extend(best.map(|k| Tool::Calculator(k.clone())));
        }
        tools.extend(m.rules.iter().map(|r| Tool::Rule(r.clone())));
        tools.extend(m.protractors.iter().map(|_| Tool::Protractor));
        tools.extend(
            m.materials
                .iter()
                .filter(|t| !t.is_empty())
                .map(|text| reference(text, cx)),
        );
    }
    if pnp.is_some_and(|p| p.line_reader) {
        tools.push(Tool::LineReader);
    }
    tools
}

/// Digital material given as a file path becomes a link; other material
/// (a physical periodic table, say) is named so the candidate knows of it.
fn reference(text: &str, cx: &RenderCtx) -> Tool {
    let is_file = !text.contains(char::is_whitespace) && text.contains('.');
    let href = is_file.then(|| cx.resolve(text)).filter(|h| !h.is_empty());
    let label = text.rsplit('/').next().unwrap_or(text).to_string();
    Tool::Reference { label, href }
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub tools: Vec<Tool>,
    pub id_prefix: AttrValue,
    #[prop_or_default]
    pub locale: Locale,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    // The open tools' indices: a handful at most, so a Vec (a BTreeSet<usize>
    // compiled a whole B-tree for it).
    let open = use_state(Vec::<usize>::new);
    let (locale, t) = (props.locale, props.locale.t());
    if props.tools.is_empty() {
        return Html::default();
    }
    let toggle = |i: usize| {
        let open = open.clone();
        Callback::from(move |_: ()| {
            let mut set = (*open).clone();
            match set.iter().position(|&j| j == i) {
                Some(at) => {
                    set.swap_remove(at);
                }
                None => set.push(i),
            }
            open.set(set);
        })
    };
    let buttons = props.tools.iter().enumerate().map(|(i, tool)| match tool {
        Tool::Reference { label, href: Some(href) } => html! {
            <a class="qti-tool-button" href={href.clone()} target="_blank" rel="noopener noreferrer">
                { tr!(t.reference, label) }</a>
        },
        Tool::Reference { .. } => html! { <span class="qti-tool-note">{ tool.name(t) }</span> },
        _ => html! {
            <button type="button" class="qti-tool-button" aria-pressed={open.contains(&i).to_string()}
                onclick={toggle(i).reform(|_: MouseEvent| ())}>{ tool.name(t) }</button>
        },
    });
    let panels = props.tools.iter().enumerate().filter(|(i, _)| open.contains(i)).map(|(i, tool)| {
        let on_close = toggle(i);
        match tool {
            Tool::Calculator(kind) => html! {
                <calculator::Calculator id={format!("{}-calculator", props.id_prefix)}
                    kind={AttrValue::from(kind.clone())} {locale} {on_close} />
            },
            Tool::Rule(attrs) => {
                let (svg, label) = measure::rule_svg(attrs, t);
                html! {
                    <measure::Movable class="qti-rule" label={AttrValue::from(label)} {locale} start={(20.0, 80.0)}
                        pivot={(10.0, 25.0)} {on_close}>{ svg }</measure::Movable>
                }
            }
            Tool::Protractor => html! {
                <measure::Movable class="qti-protractor" label={t.protractor_label} {locale} start={(40.0, 120.0)}
                    pivot={(140.0, 140.0)} {on_close}>{ measure::protractor_svg() }</measure::Movable>
            },
            Tool::LineReader => html! { <line_reader::LineReader {locale} {on_close} /> },
            Tool::Reference { .. } => Html::default(),
        }
    });
    html! {
        <>
            <div class="qti-tools" role="group" aria-label={t.tools}>{ for buttons }</div>
            { for panels }
        </>
    }
}
