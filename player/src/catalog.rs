//! QTI 3 catalogs (`qti-catalog-info`): content marked with
//! `data-catalog-idref` gets the supports the candidate's profile turns
//! on — a glossary definition (`glossary-on-screen`), a key-word
//! translation (`keyword-translation`, the entry in the asked language), a
//! sign language rendering and a braille rendering — behind a button next
//! to the term. (`spoken` cards change what "Read aloud" says.) The popup opens and closes from the
//! keyboard (Enter/Space; Escape closes) and is announced as a note.

use qti_engine::model::content::{CardRendering, Catalog, Element, Object};
use yew::prelude::*;

use crate::context::RenderCtx;
use crate::render;

/// The supports of a catalog the profile asks for, as (label, rendering).
fn supports<'c>(catalog: &'c Catalog, cx: &RenderCtx) -> Vec<(&'static str, CardRendering<'c>)> {
    let Some(pnp) = &cx.pnp else {
        return Vec::new();
    };
    let item_lang = cx.item_lang();
    let t = cx.t();
    let mut out = Vec::new();
    for card in &catalog.cards {
        let found = match card.support.as_str() {
            "glossary-on-screen" if pnp.glossary => {
                card.rendering_for(item_lang).map(|c| (t.glossary, c))
            }
            "keyword-translation" => pnp
                .keyword_translation
                .as_deref()
                .and_then(|lang| card.rendering_in(lang))
                .map(|c| (t.translation, c)),
            // The candidate's sign language, else the card's default one:
            // a signed rendering is better than none.
            "sign-language" => pnp
                .sign_language
                .as_deref()
                .and_then(|lang| card.rendering_for(Some(lang)))
                .map(|c| (t.sign_language, c)),
            "braille" if pnp.braille => card.rendering_for(item_lang).map(|c| (t.braille, c)),
            _ => None,
        };
        out.extend(found);
    }
    out
}

/// A card's rendering: its content, then its files (a video, a recording,
/// an image), each shown as its type says and named by the support.
fn rendering(r: CardRendering<'_>, label: &str, cx: &RenderCtx) -> Html {
    let files = r.files.iter().map(|f| {
        let object = Object {
            data: f.href.clone(),
            mime_type: f.mime_type.clone(),
            label: Some(label.to_string()),
            ..Object::default()
        };
        render::object(&object, cx)
    });
    html! { <>{ render::nodes(r.content, cx) }{ for files }</> }
}

/// Content an item hides (`qti-hidden`) behind a catalog: shown only to a
/// candidate who uses one of the catalog's supports, as that card's
/// content (the element's own content when the card has none). For
/// everyone else it stays hidden, to screen readers too (`display: none`).
pub fn hidden(catalog_id: &str, e: &Element, cx: &RenderCtx, over: render::Override<'_>) -> Html {
    let item = cx.session.0.item();
    let card = cx.pnp.as_ref().and_then(|pnp| {
        item.catalogs
            .iter()
            .find(|c| c.id == catalog_id)?
            .cards
            .iter()
            .find(|card| pnp.uses(&card.support))
    });
    let Some(card) = card else {
        return render::plain_element(e, cx, over);
    };
    let mut shown = e.clone();
    for (k, v) in &mut shown.attrs {
        if k == "class" {
            *v = v
                .split_ascii_whitespace()
                .filter(|c| *c != "qti-hidden")
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    shown
        .attrs
        .push(("data-qti-support".into(), card.support.clone()));
    if let Some(r) = card.rendering_for(item.lang.as_deref()) {
        if !r.content.is_empty() {
            shown.children = r.content.to_vec();
        }
        // Files cannot be the element's content: they follow it.
        if !r.files.is_empty() {
            let files = CardRendering {
                content: &[],
                files: r.files,
            };
            return html! {
                <>{ render::plain_element(&shown, cx, over) }{ rendering(files, &card.support, cx) }</>
            };
        }
    }
    render::plain_element(&shown, cx, over)
}

/// The term, and a button per support when the profile asks for any.
pub fn with_supports(catalog_id: &str, term: Html, cx: &RenderCtx) -> Html {
    let item = cx.session.0.item();
    let Some(catalog) = item.catalogs.iter().find(|c| c.id == catalog_id) else {
        return term;
    };
    let found = supports(catalog, cx);
    if found.is_empty() {
        return term;
    }
    let popups = found
        .into_iter()
        .enumerate()
        .map(|(i, (label, r))| {
            let id = cx.dom_id(&["catalog", catalog_id, &i.to_string()]);
            html! {
                <CatalogPopup {id} label={AttrValue::Static(label)} body={rendering(r, label, cx)} />
            }
        })
        .collect::<Html>();
    html! { <span class="qti-catalog-term">{ term }{ popups }</span> }
}

#[derive(Properties, PartialEq)]
struct PopupProps {
    id: String,
    label: AttrValue,
    body: Html,
}

#[function_component(CatalogPopup)]
fn catalog_popup(props: &PopupProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    html! {
        <span class="qti-catalog-support" {onkeydown}>
            <button type="button" class="qti-catalog-button" aria-expanded={open.to_string()}
                aria-controls={props.id.clone()} onclick={toggle}>{ &props.label }</button>
            if *open {
                <span id={props.id.clone()} class="qti-catalog-popup" role="note" aria-label={props.label.clone()}>
                    { props.body.clone() }
                </span>
            }
        </span>
    }
}
