//! `gapMatchInteraction`: each gap in the text is a select listing the gap
//! choices (select-then-place, fully keyboard operable); the response is
//! the directed pairs "choice gap". A choice whose `matchMax` is used up
//! elsewhere is disabled in the other gaps.

use qti_engine::model::content::{ContentNode, InteractionKind};
use yew::prelude::*;

use super::{InteractionProps, frame, ordered_choices, place_in, placed_in, placement_options};
use crate::context::pairs;
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::GapMatch {
        choices, content, ..
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let shown = ordered_choices(cx, &rid, 0, choices);
    let current = pairs(cx.value(&rid));
    let gap_number = std::cell::Cell::new(0);
    let over = |n: &ContentNode| -> Option<Html> {
        let ContentNode::Gap(gap) = n else {
            return None;
        };
        gap_number.set(gap_number.get() + 1);
        let placed = placed_in(&current, &gap.identifier);
        let onchange = place_in(cx, &rid, &current, &gap.identifier);
        Some(html! {
            <select class="qti-gap" data-gap-identifier={gap.identifier.clone()}
                aria-label={tr!(cx.t().gap_n, gap_number.get())} {onchange} required={gap.required}>
                { placement_options(&shown, &current, &placed) }
            </select>
        })
    };
    let body = html! {
        <>
            <ul class="qti-gap-choices" aria-label={cx.t().gap_choices}>
                { for shown.iter().map(|c| html! {
                    <li class="qti-gap-choice" data-choice-identifier={c.identifier.clone()}>{ render::nodes(&c.content, cx) }</li>
                }) }
            </ul>
            <div class="qti-gap-text">{ render::nodes_with(content, cx, &over) }</div>
        </>
    };
    frame(p, "qti-gap-match-interaction", cx.t().gap_hint.into(), body)
}
