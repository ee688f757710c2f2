//! Rendering the typed content tree to Yew nodes. Item content never
//! reaches the DOM as an HTML string: every element is built from the
//! engine's allow-listed model.

use qti_engine::Value;
use qti_engine::model::content::{ChoiceInteraction, ContentNode};
use qti_engine::value::{Scalar, Value as V};
use yew::prelude::*;
use yew::virtual_dom::VTag;

use crate::SessionHandle;

pub fn item_body(session: &SessionHandle, on_response: &Callback<(String, Value)>) -> Html {
    let item = session.0.item().clone();
    let nodes = item
        .body
        .as_ref()
        .map(|b| b.content.as_slice())
        .unwrap_or(&[]);
    html! {
        <div class="qti-item-body">{ nodes_html(nodes, session, on_response) }</div>
    }
}

fn nodes_html(
    nodes: &[ContentNode],
    session: &SessionHandle,
    on: &Callback<(String, Value)>,
) -> Html {
    nodes.iter().map(|n| node_html(n, session, on)).collect()
}

fn node_html(node: &ContentNode, session: &SessionHandle, on: &Callback<(String, Value)>) -> Html {
    match node {
        ContentNode::Text(t) => html! { { t.clone() } },
        ContentNode::Html {
            tag,
            attrs,
            children,
        } => {
            let mut el = VTag::new(tag.clone());
            for (k, v) in attrs {
                // `xml:lang` becomes `lang` in HTML.
                let k = if k == "xml:lang" {
                    "lang".to_string()
                } else {
                    k.clone()
                };
                el.add_attribute(intern(k), v.clone());
            }
            el.add_child(nodes_html(children, session, on));
            el.into()
        }
        ContentNode::ChoiceInteraction(ci) => choice_interaction(ci, session, on),
        ContentNode::Unsupported { name } => html! {
            <span class="qti-unsupported" role="note">{ format!("[{name} is not supported yet]") }</span>
        },
    }
}

/// Yew wants attribute names as `&'static str`. Each distinct name is
/// leaked once and reused: names come from the engine's allow-list plus
/// the `aria-*`/`data-*` names items use, a small bounded set.
fn intern(name: String) -> &'static str {
    use std::cell::RefCell;
    use std::collections::HashSet;
    thread_local! {
        static NAMES: RefCell<HashSet<&'static str>> = RefCell::new(HashSet::new());
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(n) = names.get(name.as_str()) {
            return *n;
        }
        let leaked: &'static str = Box::leak(name.into_boxed_str());
        names.insert(leaked);
        leaked
    })
}

fn selected(value: &V) -> Vec<String> {
    value
        .items()
        .iter()
        .filter_map(|s| match s {
            Scalar::Identifier(id) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

/// `choiceInteraction`: radio semantics when one choice may be made,
/// checkboxes otherwise; a fieldset named by the prompt.
fn choice_interaction(
    ci: &ChoiceInteraction,
    session: &SessionHandle,
    on: &Callback<(String, Value)>,
) -> Html {
    let single = ci.max_choices == 1;
    let current = selected(session.0.value(&ci.response_identifier));
    let group = format!("qti-{}", ci.response_identifier);
    let mut class = classes!("qti-interaction", "qti-choice-interaction");
    if let Some(c) = &ci.class {
        class.extend(c.split_whitespace().map(str::to_string).collect::<Vec<_>>());
    }
    if let Some(o) = &ci.orientation {
        class.push(format!("qti-orientation-{o}"));
    }
    let constraint = match (single, ci.max_choices) {
        (true, _) => "Choose one answer.".to_string(),
        (false, 0) => "Choose any number of answers.".to_string(),
        (false, n) => format!("Choose up to {n} answers."),
    };
    html! {
        <fieldset {class}>
            <legend class="qti-prompt">{ nodes_html(&ci.prompt, session, on) }</legend>
            <p class="qti-visually-hidden">{ constraint }</p>
            <ul class="qti-choice-list" role="presentation">
            { for qti_engine::processing::shuffle::apply_order(
                &ci.choices,
                session.0.state().shuffles.get(&ci.response_identifier).and_then(|o| o.first()).map(Vec::as_slice),
                |c| c.identifier.as_str(),
            ).into_iter().map(|choice| {
                let id = choice.identifier.clone();
                let checked = current.contains(&id);
                let onchange = {
                    let on = on.clone();
                    let rid = ci.response_identifier.clone();
                    let current = current.clone();
                    let id = id.clone();
                    Callback::from(move |_: Event| {
                        let value = if single {
                            V::identifier(id.clone())
                        } else {
                            let mut now: Vec<String> = current.clone();
                            if let Some(i) = now.iter().position(|c| *c == id) {
                                now.remove(i);
                            } else {
                                now.push(id.clone());
                            }
                            V::container(
                                qti_engine::Cardinality::Multiple,
                                now.into_iter().map(Scalar::Identifier).collect(),
                            )
                        };
                        on.emit((rid.clone(), value));
                    })
                };
                let input_id = format!("{group}-{id}");
                html! {
                    <li class="qti-simple-choice">
                        <input type={if single { "radio" } else { "checkbox" }} id={input_id.clone()}
                            name={group.clone()} value={id.clone()} {checked} {onchange}
                            data-choice-identifier={id.clone()} />
                        <label for={input_id}>{ nodes_html(&choice.content, session, on) }</label>
                    </li>
                }
            }) }
            </ul>
        </fieldset>
    }
}
