//! `inlineChoiceInteraction`: a select inside the sentence.

use qti_engine::model::content::InteractionKind;
use qti_engine::value::Scalar;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{InteractionProps, attr, ordered_choices};
use crate::context::identifiers;
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::InlineChoice {
        choices, required, ..
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let current = identifiers(cx.value(&rid))
        .into_iter()
        .next()
        .unwrap_or_default();
    let onchange = {
        let (cx, rid) = (cx.clone(), rid.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let items = if v.is_empty() {
                Vec::new()
            } else {
                vec![Scalar::Identifier(v)]
            };
            cx.set(&rid, cx.value_of(&rid, items));
        })
    };
    let label = attr(&p.interaction.attrs, "label")
        .or_else(|| attr(&p.interaction.attrs, "aria-label"))
        .unwrap_or_else(|| cx.t().missing_word.into());
    let message = cx.messages.get(&rid).cloned();
    html! {
        <span class={classes!("qti-interaction", "qti-inline-choice-interaction", render::class_attr(&p.interaction.attrs))}
            data-response-identifier={rid.clone()}>
            <select aria-label={label} {onchange} required={*required}
                aria-invalid={message.is_some().then_some("true")}>
                <option value="" selected={current.is_empty()} lang={cx.own_lang()}>{ cx.t().select_placeholder }</option>
                { for ordered_choices(cx, &rid, 0, choices).into_iter().map(|c| html! {
                    <option value={c.identifier.clone()} selected={current == c.identifier}>
                        { render::text_of(&c.content) }
                    </option>
                }) }
            </select>
            <span class="qti-validation-message" role="alert">{ message.unwrap_or_default() }</span>
        </span>
    }
}
