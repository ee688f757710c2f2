//! `customInteraction` and QTI 3 portable custom interactions. A custom
//! interaction has no standard behaviour to render; a PCI needs its
//! JavaScript module, which only the host can supply (through a module
//! resolver, future work). Both show an accessible notice, never a crash.

use qti_engine::model::content::InteractionKind;
use yew::prelude::*;

use super::InteractionProps;
use crate::render;

pub fn view(p: &InteractionProps) -> Html {
    let text = match &p.interaction.kind {
        InteractionKind::PortableCustom(pci) => tr!(
            p.cx.t().pci_no_resolver,
            if pci.type_identifier.is_empty() {
                pci.module.as_str()
            } else {
                pci.type_identifier.as_str()
            }
        ),
        _ => p.cx.t().custom_unsupported.into(),
    };
    html! {
        <div class="qti-interaction qti-custom-interaction" role="note"
            data-response-identifier={p.interaction.response_identifier.clone()}>
            if !p.interaction.prompt.is_empty() {
                <div class="qti-prompt">{ render::nodes(&p.interaction.prompt, &p.cx) }</div>
            }
            <p class="qti-notice">{ text }</p>
        </div>
    }
}
