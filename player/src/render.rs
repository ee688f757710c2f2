//! Rendering the typed content tree (placeholder until the tree lands).

use qti_engine::Value;
use yew::prelude::*;

use crate::SessionHandle;

pub fn item_body(session: &SessionHandle, _on_response: &Callback<(String, Value)>) -> Html {
    let text = session
        .0
        .item()
        .body
        .as_ref()
        .map(|b| b.content.join(" "))
        .unwrap_or_default();
    html! { <div class="qti-item-body">{ text }</div> }
}
