//! `hottextInteraction`: selectable words or phrases inside the text, each
//! a native radio button or checkbox wrapped around its content.

use qti_engine::model::content::{ContentNode, InteractionKind};
use yew::prelude::*;

use super::{InteractionProps, frame, toggle_choice};
use crate::context::identifiers;
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::Hottext {
        max_choices,
        min_choices,
        content,
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let single = *max_choices == 1;
    let current = identifiers(cx.value(&rid));
    let full = *max_choices > 1 && current.len() >= *max_choices as usize;
    let group = cx.dom_id(&[&rid]);
    let over = |n: &ContentNode| -> Option<Html> {
        let ContentNode::Hottext(h) = n else {
            return None;
        };
        let id = h.identifier.clone();
        let checked = current.contains(&id);
        let onchange = toggle_choice(cx, &rid, &current, &id, single);
        Some(html! {
            <label class={classes!("qti-hottext", checked.then_some("qti-selected"))}>
                <input type={if single { "radio" } else { "checkbox" }} name={group.clone()}
                    value={id.clone()} {checked} {onchange} disabled={full && !checked}
                    data-choice-identifier={id.clone()} />
                { render::nodes(&h.content, cx) }
            </label>
        })
    };
    let body =
        html! { <div class="qti-hottext-content">{ render::nodes_with(content, cx, &over) }</div> };
    frame(
        p,
        "qti-hottext-interaction",
        p.cx.t()
            .choose_hint(*min_choices, *max_choices, crate::i18n::Noun::Passage),
        body,
    )
}
