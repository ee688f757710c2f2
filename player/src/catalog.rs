//! QTI 3 catalogs (`qti-catalog-info`): content marked with
//! `data-catalog-idref` gets the supports the candidate's profile turns
//! on — a glossary definition (`glossary-on-screen`) and a key-word
//! translation (`keyword-translation`, the entry in the asked language) —
//! behind a button next to the term. The popup opens and closes from the
//! keyboard (Enter/Space; Escape closes) and is announced as a note.

use qti_engine::model::content::{Card, Catalog, ContentNode};
use yew::prelude::*;

use crate::context::RenderCtx;
use crate::render;

/// The supports of catalog `id` the profile asks for, as (label, content).
fn supports<'c>(catalog: &'c Catalog, cx: &RenderCtx) -> Vec<(&'static str, &'c [ContentNode])> {
    let Some(pnp) = &cx.pnp else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for card in &catalog.cards {
        match card.support.as_str() {
            "glossary-on-screen" if pnp.glossary => {
                if let Some(content) = card_content(card, None) {
                    out.push(("Glossary", content));
                }
            }
            "keyword-translation" => {
                if let Some(lang) = &pnp.keyword_translation
                    && let Some(content) = card_content(card, Some(lang))
                {
                    out.push(("Translation", content));
                }
            }
            _ => {}
        }
    }
    out
}

/// A card's content: the entry in `lang` (or the default entry, or the
/// card's own content when it has no entries).
fn card_content<'c>(card: &'c Card, lang: Option<&str>) -> Option<&'c [ContentNode]> {
    if card.entries.is_empty() {
        return (!card.content.is_empty()).then_some(card.content.as_slice());
    }
    let by_lang = lang.and_then(|l| {
        card.entries.iter().find(|e| {
            e.lang
                .as_deref()
                .is_some_and(|el| el.eq_ignore_ascii_case(l) || el.split('-').next() == Some(l))
        })
    });
    let entry = match lang {
        Some(_) => by_lang?,
        None => by_lang
            .or_else(|| card.entries.iter().find(|e| e.default))
            .or(card.entries.first())?,
    };
    Some(entry.content.as_slice())
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
        .map(|(i, (label, content))| {
            let id = cx.dom_id(&["catalog", catalog_id, &i.to_string()]);
            html! {
                <CatalogPopup {id} label={AttrValue::Static(label)} body={render::nodes(content, cx)} />
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
