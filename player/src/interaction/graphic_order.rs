//! `graphicOrderInteraction`: the candidate activates hotspots in order;
//! each shows its position. Activating a placed hotspot takes it (and
//! those after it) out again; "Start again" clears the order.

use qti_engine::Value;
use qti_engine::model::content::InteractionKind;
use qti_engine::value::Scalar;
use yew::prelude::*;

use super::graphic::{self, Mark};
use super::{InteractionProps, frame, visible_hotspots};
use crate::context::identifiers;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::GraphicOrder {
        image,
        max_choices,
        hotspots,
        ..
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let current = identifiers(cx.value(&rid));
    let shown = visible_hotspots(cx, hotspots);
    let limit = max_choices.map(|m| m as usize).unwrap_or(shown.len());
    let on = {
        let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
        Callback::from(move |id: String| {
            let mut now = current.clone();
            match now.iter().position(|c| *c == id) {
                Some(i) => now.truncate(i),
                None if now.len() < limit => now.push(id),
                None => return,
            }
            cx.set(
                &rid,
                cx.value_of(&rid, now.into_iter().map(Scalar::Identifier).collect()),
            );
        })
    };
    let clear = {
        let (cx, rid) = (cx.clone(), rid.clone());
        Callback::from(move |_: MouseEvent| cx.set(&rid, Value::Null))
    };
    let picture = graphic::picture(
        cx,
        image,
        &shown,
        &|h| {
            let pos = current.iter().position(|c| *c == h.identifier);
            Mark {
                selected: pos.is_some(),
                label: pos.map(|p| (p + 1).to_string()),
            }
        },
        Some(on),
        &[],
    );
    let order_text = current
        .iter()
        .map(|id| {
            shown
                .iter()
                .find(|h| h.identifier == *id)
                .map(|h| graphic::hotspot_label(h))
                .unwrap_or_else(|| id.clone())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let body = html! {
        <>
            { picture }
            <p class="qti-order-summary" aria-live="polite" lang={cx.own_lang()}>
                { if current.is_empty() { cx.t().no_order.to_string() } else { tr!(cx.t().order_is, order_text) } }
            </p>
            <button type="button" class="qti-clear" onclick={clear} lang={cx.own_lang()}>{ cx.t().start_again }</button>
        </>
    };
    frame(
        p,
        "qti-graphic-order-interaction",
        tr!(cx.t().order_hint, limit),
        body,
    )
}
