//! `sliderInteraction`: a native range input (arrow keys, Page Up/Down,
//! Home/End) between the bounds, with `step`, `reverse` and orientation.
//! The response stays NULL until the candidate moves the slider.

use qti_engine::Value;
use qti_engine::model::content::{InteractionKind, Orientation};
use qti_engine::value::{BaseType, Scalar};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{InteractionProps, frame};

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::Slider {
        lower_bound,
        upper_bound,
        step,
        step_label,
        orientation,
        reverse,
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let integer = cx.base_type(&rid) == Some(BaseType::Integer);
    let current = cx.value(&rid).as_single().and_then(|s| s.as_f64());
    let oninput = {
        let (cx, rid) = (cx.clone(), rid.clone());
        Callback::from(move |e: InputEvent| {
            let raw = e
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            let scalar = if integer {
                Scalar::Integer(raw.round() as i64)
            } else {
                Scalar::Float(raw)
            };
            cx.set(&rid, Value::Single(scalar));
        })
    };
    let step = step.unwrap_or(if integer {
        1.0
    } else {
        (upper_bound - lower_bound) / 100.0
    });
    let shown = current
        .map(qti_engine::value::format_float)
        .unwrap_or_else(|| cx.t().not_set.into());
    let vertical = *orientation == Some(Orientation::Vertical);
    let id = cx.dom_id(&[&rid, "slider"]);
    // Named by the prompt when there is one.
    let has_prompt = !p.interaction.prompt.is_empty();
    let labelled_by = has_prompt.then(|| cx.dom_id(&[&rid, "prompt"]));
    let ticks = if *step_label {
        let n = ((upper_bound - lower_bound) / step).round() as usize;
        (n <= 50).then(|| {
            let list_id = cx.dom_id(&[&rid, "ticks"]);
            let options = (0..=n).map(|i| {
                let v = lower_bound + step * i as f64;
                html! { <option value={v.to_string()} label={qti_engine::value::format_float(v)} /> }
            });
            (list_id.clone(), html! { <datalist id={list_id}>{ for options }</datalist> })
        })
    } else {
        None
    };
    let body = html! {
        <div class={classes!("qti-slider", vertical.then_some("qti-slider-vertical"), reverse.then_some("qti-slider-reverse"))}>
            <span class="qti-slider-bound" aria-hidden="true">{ qti_engine::value::format_float(*lower_bound) }</span>
            <input type="range" {id} min={lower_bound.to_string()} max={upper_bound.to_string()}
                step={step.to_string()} value={current.unwrap_or(*lower_bound).to_string()}
                aria-valuetext={shown.clone()} {oninput}
                aria-labelledby={labelled_by} aria-label={(!has_prompt).then_some(cx.t().value)}
                list={ticks.as_ref().map(|(id, _)| id.clone())}
                aria-orientation={if vertical { "vertical" } else { "horizontal" }} />
            <span class="qti-slider-bound" aria-hidden="true">{ qti_engine::value::format_float(*upper_bound) }</span>
            <output class="qti-slider-value" lang={current.is_none().then(|| cx.own_lang()).flatten()}>{ shown }</output>
            { ticks.map(|(_, list)| list).unwrap_or_default() }
        </div>
    };
    frame(
        p,
        "qti-slider-interaction",
        tr!(
            cx.t().slider_hint,
            qti_engine::value::format_float(*lower_bound),
            qti_engine::value::format_float(*upper_bound)
        ),
        body,
    )
}
