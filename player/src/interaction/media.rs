//! `mediaInteraction`: native audio/video controls; the response counts
//! how often the media was played to the end. Once `maxPlays` is reached
//! the player is replaced by a note; `minPlays` is stated in the hint.

use qti_engine::Value;
use qti_engine::model::content::InteractionKind;
use yew::prelude::*;

use super::{InteractionProps, frame};
use crate::render;

#[function_component(MediaView)]
pub fn media_view(p: &InteractionProps) -> Html {
    let InteractionKind::Media {
        object,
        autostart,
        min_plays,
        max_plays,
        loop_,
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let plays = cx
        .value(&rid)
        .as_single()
        .and_then(|s| s.as_f64())
        .unwrap_or(0.0) as i64;
    let exhausted = *max_plays > 0 && plays >= *max_plays as i64;
    let onended = {
        let (cx, rid) = (cx.clone(), rid.clone());
        Callback::from(move |_: Event| cx.set(&rid, Value::integer(plays + 1)))
    };
    let src = cx.resolve(&object.data);
    let label = object.label.clone().unwrap_or_else(|| cx.t().media.into());
    let player = if exhausted {
        html! { <p class="qti-media-exhausted" lang={cx.own_lang()}>{ cx.t().plays_used }</p> }
    } else if object.is_video() {
        html! {
            <video class="qti-media" {src} controls=true autoplay={*autostart} loop={*loop_}
                width={object.width.clone()} height={object.height.clone()} aria-label={label} {onended}>
                { render::nodes(&object.fallback, cx) }
            </video>
        }
    } else {
        html! {
            <audio class="qti-media" {src} controls=true autoplay={*autostart} loop={*loop_}
                aria-label={label} {onended}>
                { render::nodes(&object.fallback, cx) }
            </audio>
        }
    };
    let t = cx.t();
    let mut hint = tr!(t.plural(t.played, plays.unsigned_abs()), plays);
    if *min_plays > 0 {
        hint.push(' ');
        hint.push_str(&tr!(t.plural(t.play_at_least, *min_plays), *min_plays));
    }
    if *max_plays > 0 {
        hint.push(' ');
        hint.push_str(&tr!(t.plural(t.play_at_most, *max_plays), *max_plays));
    }
    frame(p, "qti-media-interaction", hint, player)
}
