//! `endAttemptInteraction`: a button that ends the attempt. Its boolean
//! response is true when pressed (false otherwise, set by the player at
//! submission), so response processing can tell how the attempt ended.

use qti_engine::model::content::InteractionKind;
use yew::prelude::*;

use super::InteractionProps;
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::EndAttempt { title, .. } = &p.interaction.kind else {
        return Html::default();
    };
    let rid = p.interaction.response_identifier.clone();
    let onclick = {
        let on = p.cx.on_end_attempt.clone();
        let rid = rid.clone();
        Callback::from(move |_: MouseEvent| on.emit(rid.clone()))
    };
    html! {
        <button type="button"
            class={classes!("qti-interaction", "qti-end-attempt-interaction", render::class_attr(&p.interaction.attrs))}
            data-response-identifier={rid} {onclick}>{ title.clone() }</button>
    }
}
