//! `choiceInteraction`: radio buttons when one choice may be made,
//! checkboxes otherwise; once `maxChoices` are selected the rest are
//! disabled so the limit cannot be exceeded.

use qti_engine::model::content::{InteractionKind, Orientation};
use yew::prelude::*;

use super::{InteractionProps, frame, ordered_choices, toggle_choice};
use crate::context::identifiers;
use crate::i18n::{Locale, Noun};
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::Choice {
        max_choices,
        min_choices,
        orientation,
        choices,
        ..
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
    let list_class = classes!(
        "qti-choice-list",
        (*orientation == Some(Orientation::Horizontal)).then_some("qti-orientation-horizontal")
    );
    let masking = cx.pnp.as_ref().is_some_and(|p| p.answer_masking);
    let items = ordered_choices(cx, &rid, 0, choices).into_iter().enumerate().map(|(n, choice)| {
        let id = choice.identifier.clone();
        let checked = current.contains(&id);
        let onchange = toggle_choice(cx, &rid, &current, &id, single);
        let input_id = cx.dom_id(&[&rid, &id]);
        html! {
            <li class={classes!("qti-simple-choice", render::class_attr(&choice.attrs))} key={id.clone()}>
                <input type={if single { "radio" } else { "checkbox" }} id={input_id.clone()}
                    name={group.clone()} value={id.clone()} {checked} {onchange}
                    disabled={full && !checked}
                    data-choice-identifier={id.clone()} />
                if masking {
                    // PNP answer masking: the option is covered until uncovered.
                    <MaskedLabel for_input={input_id} number={n + 1} locale={cx.locale} content={render::nodes(&choice.content, cx)} />
                } else {
                    <label for={input_id}>{ render::nodes(&choice.content, cx) }</label>
                }
            </li>
        }
    });
    let body = html! { <ul class={list_class} role="list">{ for items }</ul> };
    frame(
        p,
        "qti-choice-interaction",
        cx.t().choose_hint(*min_choices, *max_choices, Noun::Answer),
        body,
    )
}

#[derive(Properties, PartialEq)]
struct MaskedLabelProps {
    for_input: String,
    number: usize,
    locale: Locale,
    content: Html,
}

/// A choice's label under answer masking: a button uncovers it.
#[function_component(MaskedLabel)]
fn masked_label(props: &MaskedLabelProps) -> Html {
    let shown = use_state(|| false);
    if *shown {
        return html! { <label for={props.for_input.clone()}>{ props.content.clone() }</label> };
    }
    let uncover = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(true))
    };
    html! {
        <label for={props.for_input.clone()} class="qti-masked">
            <button type="button" class="qti-unmask" onclick={uncover}>
                { tr!(props.locale.t().show_option, props.number) }
            </button>
        </label>
    }
}
