//! The studio's accessibility supports: an author turns on what a
//! candidate's PNP profile would (glossary, key-word translation, read
//! aloud, sign language, braille, line reader, answer masking) to see how
//! the item's catalogs and tools behave.

use std::rc::Rc;

use qti_player::pnp::Pnp;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SupportsProps {
    pub pnp: Rc<Pnp>,
    pub on_change: Callback<Rc<Pnp>>,
}

/// A checkbox per on/off support and a language for translations.
#[function_component(Supports)]
pub fn supports(props: &SupportsProps) -> Html {
    let flag = |label: &'static str,
                class: &'static str,
                get: fn(&Pnp) -> bool,
                set: fn(&mut Pnp, bool)| {
        let (pnp, on_change) = (props.pnp.clone(), props.on_change.clone());
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*pnp).clone();
            set(&mut next, input.checked());
            on_change.emit(Rc::new(next));
        });
        html! {
            <label class={class}><input type="checkbox" checked={get(&props.pnp)} {onchange} />{ label }</label>
        }
    };
    let on_language = {
        let (pnp, on_change) = (props.pnp.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = (*pnp).clone();
            next.keyword_translation = Some(select.value()).filter(|v| !v.is_empty());
            on_change.emit(Rc::new(next));
        })
    };
    let language = props.pnp.keyword_translation.clone().unwrap_or_default();
    html! {
        <fieldset class="studio-supports">
            <legend>{ "Supports (PNP)" }</legend>
            { flag("Glossary", "studio-pnp-glossary", |p| p.glossary, |p, on| p.glossary = on) }
            <label>{ "Translation " }
                <select class="studio-pnp-translation" onchange={on_language}>
                    { for [("", "None"), ("fr", "French"), ("es", "Spanish"), ("de", "German"), ("nl", "Dutch")].iter().map(|(v, l)| html! {
                        <option value={*v} selected={language == *v}>{ *l }</option>
                    }) }
                </select>
            </label>
            { flag("Read aloud", "studio-pnp-spoken", |p| p.spoken, |p, on| p.spoken = on) }
            { flag("Sign language", "studio-pnp-sign", |p| p.sign_language.is_some(),
                |p, on| p.sign_language = on.then(|| "ase".to_string())) }
            { flag("Braille", "studio-pnp-braille", |p| p.braille, |p, on| p.braille = on) }
            { flag("Line reader", "studio-pnp-line-reader", |p| p.line_reader, |p, on| p.line_reader = on) }
            { flag("Answer masking", "studio-pnp-masking", |p| p.answer_masking, |p, on| p.answer_masking = on) }
            { flag("Linguistic guidance", "studio-pnp-guidance", |p| p.uses("linguistic-guidance"),
                |p, on| toggle(&mut p.supports, "linguistic-guidance", on)) }
        </fieldset>
    }
}

/// Adds or removes a catalog support by name.
fn toggle(supports: &mut Vec<String>, name: &str, on: bool) {
    supports.retain(|s| s != name);
    if on {
        supports.push(name.to_string());
    }
}
