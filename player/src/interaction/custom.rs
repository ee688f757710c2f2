//! QTI 2 `customInteraction`: it has no standard behaviour to render (its
//! content is vendor-specific), so it shows an accessible notice, never a
//! crash. QTI 3 portable custom interactions run in `pci.rs`.

use yew::prelude::*;

use super::InteractionProps;
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    html! {
        <div class="qti-interaction qti-custom-interaction" role="note"
            data-response-identifier={p.interaction.response_identifier.clone()}>
            if !p.interaction.prompt.is_empty() {
                <div class="qti-prompt">{ render::nodes(&p.interaction.prompt, &p.cx) }</div>
            }
            <p class="qti-notice" lang={p.cx.own_lang()}>{ p.cx.t().custom_unsupported }</p>
        </div>
    }
}
