//! `uploadInteraction`: a native file input filtered by the accepted MIME
//! types; the file's bytes, name and type become the file response.

use qti_engine::Value;
use qti_engine::model::content::InteractionKind;
use qti_engine::value::{FileValue, Scalar};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{InteractionProps, frame};

#[function_component(UploadView)]
pub fn upload_view(p: &InteractionProps) -> Html {
    // Keeps the pending read alive; dropping it would cancel the read.
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let InteractionKind::Upload { types } = &p.interaction.kind else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let current = match cx.value(&rid).as_single() {
        Some(Scalar::File(f)) => Some(tr!(cx.t().file_info, f.name, f.data.len(), f.mime_type)),
        _ => None,
    };
    let onchange = {
        let (cx, rid, reader) = (cx.clone(), rid.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                cx.set(&rid, Value::Null);
                return;
            };
            let file = gloo::file::File::from(file);
            let (name, mime) = (file.name(), file.raw_mime_type());
            let (cx, rid) = (cx.clone(), rid.clone());
            let task = gloo::file::callbacks::read_as_bytes(&file, move |bytes| {
                if let Ok(data) = bytes {
                    let value = FileValue {
                        name,
                        mime_type: mime,
                        data,
                    };
                    cx.set(&rid, Value::Single(Scalar::File(value)));
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let id = cx.dom_id(&[&rid, "file"]);
    let accept = (!types.is_empty()).then(|| types.join(","));
    let hint = if types.is_empty() {
        cx.t().upload_any.to_string()
    } else {
        tr!(cx.t().upload_types, types.join(", "))
    };
    let body = html! {
        <div class="qti-upload">
            <label for={id.clone()} lang={cx.own_lang()}>{ cx.t().file }</label>
            <input type="file" {id} {accept} {onchange} />
            <p class="qti-upload-status" aria-live="polite" lang={cx.own_lang()}>
                { current.map(|c| tr!(cx.t().uploaded, c)).unwrap_or_else(|| cx.t().no_file.into()) }
            </p>
        </div>
    };
    frame(p, "qti-upload-interaction", hint, body)
}
