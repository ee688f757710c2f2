//! `orderInteraction`: the candidate arranges the choices. Each choice has
//! "Move up"/"Move down" buttons (keyboard and screen reader friendly) and
//! can be dragged. Until the candidate moves something the response stays
//! NULL, as the spec requires for an untouched interaction.

use qti_engine::model::content::{InteractionKind, Orientation};
use qti_engine::value::Scalar;
use yew::prelude::*;

use super::{InteractionProps, frame, ordered_choices};
use crate::context::identifiers;
use crate::render;

#[function_component(OrderView)]
pub fn order_view(p: &InteractionProps) -> Html {
    let dragged = use_state(|| None::<String>);
    let announcement = use_state(String::new);
    // Reordering moves DOM nodes, which loses focus: put it back on the
    // button that was pressed (or its sibling when it became disabled).
    let refocus = use_state(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            if let Some(id) = (*refocus).clone() {
                if let Some(el) = gloo::utils::document().get_element_by_id(&id) {
                    let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(el);
                    let _ = el.focus();
                }
                refocus.set(None);
            }
        });
    }
    let InteractionKind::Order {
        choices,
        orientation,
        ..
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let shown = ordered_choices(cx, &rid, 0, choices);
    // The current order: the response when set, else the presented order.
    let mut order = identifiers(cx.value(&rid));
    if order.is_empty() {
        order = shown.iter().map(|c| c.identifier.clone()).collect();
    }
    let label = |id: &str| {
        choices
            .iter()
            .find(|c| c.identifier == id)
            .map(|c| render::text_of(&c.content))
            .unwrap_or_default()
    };
    let commit = {
        let (cx, rid, announcement) = (cx.clone(), rid.clone(), announcement.clone());
        move |new: Vec<String>, message: String| {
            announcement.set(message);
            let value = cx.value_of(&rid, new.into_iter().map(Scalar::Identifier).collect());
            cx.set(&rid, value);
        }
    };
    let n = order.len();
    let items = order.iter().enumerate().map(|(pos, id)| {
        let Some(choice) = choices.iter().find(|c| &c.identifier == id) else {
            return Html::default();
        };
        let text = label(id);
        let t = cx.t();
        let up_id = cx.dom_id(&[&rid, id, "up"]);
        let down_id = cx.dom_id(&[&rid, id, "down"]);
        let mover = |delta: isize| {
            let (order, commit, text, refocus) =
                (order.clone(), commit.clone(), text.clone(), refocus.clone());
            let (same, other) = if delta < 0 {
                (up_id.clone(), down_id.clone())
            } else {
                (down_id.clone(), up_id.clone())
            };
            Callback::from(move |_: MouseEvent| {
                let to = pos as isize + delta;
                if to < 0 || to as usize >= order.len() {
                    return;
                }
                let at_end = to == 0 || to as usize + 1 == order.len();
                refocus.set(Some(if at_end { other.clone() } else { same.clone() }));
                let mut new = order.clone();
                new.swap(pos, to as usize);
                commit(new, tr!(t.moved_to, text, (to + 1), order.len()));
            })
        };
        let ondragstart = {
            let (dragged, id) = (dragged.clone(), id.clone());
            Callback::from(move |_: DragEvent| dragged.set(Some(id.clone())))
        };
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let ondrop = {
            let (dragged, order, commit, label_of) = (dragged.clone(), order.clone(), commit.clone(), label(id));
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                let Some(from_id) = (*dragged).clone() else { return };
                let mut new = order.clone();
                if let Some(from) = new.iter().position(|x| *x == from_id) {
                    let item = new.remove(from);
                    new.insert(pos.min(new.len()), item);
                    commit(new, tr!(t.moved_near, label_of));
                }
                dragged.set(None);
            })
        };
        html! {
            <li class={classes!("qti-order-choice", render::class_attr(&choice.attrs))} key={id.clone()}
                draggable="true" {ondragstart} {ondragover} {ondrop}
                data-choice-identifier={id.clone()}>
                <span class="qti-order-position" aria-hidden="true">{ pos + 1 }</span>
                <span class="qti-order-content">{ render::nodes(&choice.content, cx) }</span>
                <span class="qti-order-buttons">
                    <button type="button" id={up_id.clone()} class="qti-move-up" disabled={pos == 0}
                        aria-label={tr!(cx.t().move_up, text)} onclick={mover(-1)}>{ "↑" }</button>
                    <button type="button" id={down_id.clone()} class="qti-move-down" disabled={pos + 1 == n}
                        aria-label={tr!(cx.t().move_down, text)} onclick={mover(1)}>{ "↓" }</button>
                </span>
            </li>
        }
    });
    let list_class = classes!(
        "qti-order-list",
        (*orientation == Some(Orientation::Horizontal)).then_some("qti-orientation-horizontal")
    );
    let body = html! {
        <>
            <ol class={list_class}>{ for items }</ol>
            <p class="qti-visually-hidden" aria-live="polite">{ (*announcement).clone() }</p>
        </>
    };
    frame(
        p,
        "qti-order-interaction",
        cx.t().order_items_hint.into(),
        body,
    )
}
