//! `extendedTextInteraction`: one text area, or several for a multiple or
//! ordered response (`maxStrings`/`minStrings`), sized by
//! `expectedLines`, with a character counter against `expectedLength`.
//! The xhtml format is edited as plain text (a rich editor is future work).

use qti_engine::Value;
use qti_engine::model::content::InteractionKind;
use qti_engine::value::{Cardinality, Scalar};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{InteractionProps, frame};

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::ExtendedText {
        text,
        max_strings,
        min_strings,
        expected_lines,
        ..
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let cardinality = cx
        .declaration(&rid)
        .map(|d| d.cardinality)
        .unwrap_or(Cardinality::Single);
    let container = matches!(cardinality, Cardinality::Multiple | Cardinality::Ordered);
    let count = if !container {
        1
    } else if *max_strings > 0 {
        *max_strings as usize
    } else {
        (*min_strings).max(1) as usize
    };
    let current: Vec<String> = match cx.value(&rid) {
        Value::Null => Vec::new(),
        v => v.items().iter().map(ToString::to_string).collect(),
    };
    let rows = expected_lines.unwrap_or(5).clamp(2, 40);
    let boxes = (0..count).map(|n| {
        let value = current.get(n).cloned().unwrap_or_default();
        let oninput = {
            let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
            Callback::from(move |e: InputEvent| {
                let raw = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                if !container {
                    let v = if raw.is_empty() { Value::Null } else { Value::string(raw) };
                    cx.set(&rid, v);
                    return;
                }
                let mut all = current.clone();
                all.resize(count.max(all.len()), String::new());
                all[n] = raw;
                let items = all
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .map(Scalar::String)
                    .collect();
                cx.set(&rid, Value::container(cardinality, items));
            })
        };
        let id = cx.dom_id(&[&rid, &n.to_string()]);
        let t = cx.t();
        let counter = match text.expected_length {
            Some(l) => tr!(t.characters_of, value.chars().count(), l),
            None => tr!(t.characters, value.chars().count()),
        };
        let label = if count > 1 { tr!(t.answer_n, (n + 1)) } else { t.answer.into() };
        html! {
            <div class="qti-extended-text-box">
                <label for={id.clone()} class="qti-visually-hidden">{ label }</label>
                <textarea {id} class="qti-extended-text" rows={rows.to_string()} value={value.clone()} {oninput}
                    placeholder={text.placeholder_text.clone()} />
                <span class="qti-counter" lang={cx.own_lang()}>{ counter }</span>
            </div>
        }
    });
    let hint = match (count, *min_strings) {
        (1, _) => cx.t().write_one.to_string(),
        (n, 0) => tr!(cx.t().write_up_to, n),
        (n, m) => tr!(cx.t().write_between, m, n),
    };
    frame(
        p,
        "qti-extended-text-interaction",
        hint,
        html! { <>{ for boxes }</> },
    )
}
