//! "View / download as QTI 3.0" (or 2.2): the studio writes the item in the
//! other QTI version with the engine's writer, shown as text (never as
//! markup) and offered as a file.

use std::sync::Arc;

use qti_engine::model::AssessmentItem;
use qti_engine::write::write_item;
use qti_engine::xml::QtiVersion;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConvertProps {
    pub item: Option<Arc<AssessmentItem>>,
}

#[function_component(Convert)]
pub fn convert(props: &ConvertProps) -> Html {
    let open = use_state(|| false);
    // The other version: a QTI 2.x item goes to 3.0, a 3.0 item to 2.2.
    let written = use_memo(props.item.clone(), |item| {
        item.as_ref().map(|item| {
            let (to, label) = if item.version.is_v3() {
                (QtiVersion::V2_2, "QTI 2.2")
            } else {
                (QtiVersion::V3_0, "QTI 3.0")
            };
            (label, write_item(item, to))
        })
    });
    let Some((label, written)) = written.as_ref() else {
        return Html::default();
    };
    let href = format!(
        "data:application/xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&written.xml)
    );
    let file = props
        .item
        .as_ref()
        .map(|i| {
            format!(
                "{}-{}.xml",
                i.identifier,
                label.replace(' ', "").to_ascii_lowercase()
            )
        })
        .unwrap_or_default();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class="studio-convert">
            <button type="button" class="studio-convert-view" aria-expanded={open.to_string()}
                onclick={toggle}>{ format!("View as {label}") }</button>
            <a class="studio-convert-download" {href} download={file}>{ format!("Download as {label}") }</a>
            if *open {
                <section class="studio-converted" aria-label={format!("The item as {label}")}>
                    if !written.warnings.is_empty() {
                        <ul class="studio-convert-warnings">
                            { for written.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                        </ul>
                    }
                    <pre tabindex="0"><code>{ &written.xml }</code></pre>
                </section>
            }
        </div>
    }
}
