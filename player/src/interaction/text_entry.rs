//! `textEntryInteraction`: a text field inside the sentence. What the
//! candidate types is bound to the response's type (`base` for integers,
//! the numeric record for record responses); text that is not a number
//! where one is expected is kept on screen, the response becomes NULL and
//! the problem is announced. `stringIdentifier` receives the raw text.
//! The field shows the text as typed, not the bound value's canonical form.

use qti_engine::Value;
use qti_engine::model::content::InteractionKind;
use qti_engine::processing::validation::bind_typed;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{InteractionProps, attr};
use crate::context::RenderCtx;
use crate::render;

/// The text shown for a response value (single, or the `stringValue` of a record).
pub fn text_of_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Record(fields) => fields
            .get("stringValue")
            .and_then(Option::as_ref)
            .map(ToString::to_string)
            .unwrap_or_default(),
        other => other
            .items()
            .first()
            .map(ToString::to_string)
            .unwrap_or_default(),
    }
}

/// Binds typed text to the response (and `stringIdentifier`) as the
/// engine binds typed answers; the error message when it does not fit.
pub fn bind(cx: &RenderCtx, rid: &str, string_id: Option<&str>, raw: &str) -> Option<String> {
    match bind_typed(cx.session.0.item(), rid, raw) {
        Ok(bound) => {
            if let Some((sid, v)) = bound.string_response {
                cx.set(&sid, v);
            }
            cx.set(rid, bound.value);
            None
        }
        Err(e) => {
            // The raw text is still what the candidate wrote.
            if let Some(sid) = string_id {
                cx.set(sid, Value::string(raw));
            }
            cx.set(rid, Value::Null);
            Some(e.to_string())
        }
    }
}

#[function_component(TextEntryView)]
pub fn text_entry_view(p: &InteractionProps) -> Html {
    let error = use_state(|| None::<String>);
    // What the candidate typed, shown as typed: the bound value's canonical
    // form ("0" for "0.") must not overwrite the text while they type.
    let typed = use_state(|| None::<String>);
    let InteractionKind::TextEntry(t) = &p.interaction.kind else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let shown = text_of_value(cx.value(&rid));
    let oninput = {
        let (cx, rid, error, typed, t) = (
            cx.clone(),
            rid.clone(),
            error.clone(),
            typed.clone(),
            t.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let raw = e.target_unchecked_into::<HtmlInputElement>().value();
            error.set(bind(&cx, &rid, t.string_identifier.as_deref(), &raw));
            typed.set(Some(raw));
        })
    };
    let value = Some((*typed).clone().unwrap_or(shown));
    let message = (*error).clone().or_else(|| cx.messages.get(&rid).cloned());
    let label = attr(&p.interaction.attrs, "aria-label")
        .or_else(|| attr(&p.interaction.attrs, "title"))
        .unwrap_or_else(|| cx.t().answer.into());
    let width = t
        .expected_length
        .map(|n| format!("width:{}ch", n.clamp(2, 60) + 2));
    let numeric = matches!(
        cx.base_type(&rid),
        Some(qti_engine::value::BaseType::Integer | qti_engine::value::BaseType::Float)
    );
    html! {
        <span class={classes!("qti-interaction", "qti-text-entry-interaction", render::class_attr(&p.interaction.attrs))}
            data-response-identifier={rid.clone()}>
            <input type="text" class="qti-text-entry" aria-label={label} {value} {oninput}
                style={width} placeholder={t.placeholder_text.clone()}
                inputmode={numeric.then_some("decimal")}
                spellcheck="false" autocomplete="off"
                aria-invalid={message.is_some().then_some("true")} />
            <span class="qti-validation-message" role="alert">{ message.unwrap_or_default() }</span>
        </span>
    }
}
