//! `associateInteraction` and `graphicAssociateInteraction`: the candidate
//! makes pairs of choices (or hotspots). Pairs are built with two labelled
//! selects and an "Add pair" button, and listed with "Remove" buttons, so
//! the whole interaction works from the keyboard. `matchMax` of each choice
//! and `maxAssociations` limit what can be added.

use qti_engine::model::content::InteractionKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::graphic::{self, Mark};
use super::{InteractionProps, frame, ordered_choices, visible_hotspots};
use crate::context::{pair_scalar, pairs};
use crate::render;

/// One thing that can be paired: identifier, label, matchMax.
#[derive(Clone, PartialEq)]
struct Option_ {
    id: String,
    label: String,
    match_max: u32,
}

#[function_component(AssociateView)]
pub fn associate_view(p: &InteractionProps) -> Html {
    let first = use_state(String::new);
    let second = use_state(String::new);
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let (options, max, min, graphic_part) = match &p.interaction.kind {
        InteractionKind::Associate {
            choices,
            max_associations,
            min_associations,
            ..
        } => {
            let shown = ordered_choices(cx, &rid, 0, choices);
            let list = html! {
                <ul class="qti-associate-choices">
                    { for shown.iter().map(|c| html! {
                        <li class="qti-simple-associable-choice" data-choice-identifier={c.identifier.clone()}>
                            { render::nodes(&c.content, cx) }
                        </li>
                    }) }
                </ul>
            };
            let options = shown
                .iter()
                .map(|c| Option_ {
                    id: c.identifier.clone(),
                    label: render::text_of(&c.content),
                    match_max: c.match_max,
                })
                .collect::<Vec<_>>();
            (options, *max_associations, *min_associations, list)
        }
        InteractionKind::GraphicAssociate {
            image,
            max_associations,
            min_associations,
            hotspots,
        } => {
            let shown = visible_hotspots(cx, hotspots);
            let current = pairs(cx.value(&rid));
            let picture = graphic::picture(
                cx,
                image,
                &shown,
                &|h| Mark {
                    selected: *first == h.identifier
                        || current
                            .iter()
                            .any(|(a, b)| *a == h.identifier || *b == h.identifier),
                    ..Mark::default()
                },
                None,
                &current,
            );
            let options = shown
                .iter()
                .map(|h| Option_ {
                    id: h.identifier.clone(),
                    label: graphic::hotspot_label(h),
                    match_max: h.match_max,
                })
                .collect();
            (options, *max_associations, *min_associations, picture)
        }
        _ => return Html::default(),
    };
    let current = pairs(cx.value(&rid));
    let uses = |id: &str| current.iter().filter(|(a, b)| a == id || b == id).count() as u32;
    let used_up = |o: &Option_| o.match_max > 0 && uses(&o.id) >= o.match_max;
    let full = max > 0 && current.len() >= max as usize;
    let label_of = |id: &str| {
        options
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let already = current
        .iter()
        .any(|(a, b)| (*a == *first && *b == *second) || (*a == *second && *b == *first));
    let can_add = !full && !first.is_empty() && !second.is_empty() && *first != *second && !already;
    let select = |state: &UseStateHandle<String>, which: &str| {
        let id = cx.dom_id(&[&rid, which]);
        let onchange = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                state.set(e.target_unchecked_into::<HtmlSelectElement>().value());
            })
        };
        html! {
            <span class="qti-pair-select">
                <label for={id.clone()} lang={cx.own_lang()}>{ if which == "first" { cx.t().first } else { cx.t().second } }</label>
                <select {id} {onchange}>
                    <option value="" selected={state.is_empty()} lang={cx.own_lang()}>{ cx.t().choose_placeholder }</option>
                    { for options.iter().map(|o| html! {
                        <option value={o.id.clone()} selected={**state == o.id} disabled={used_up(o)}>
                            { o.label.clone() }
                        </option>
                    }) }
                </select>
            </span>
        }
    };
    let add = {
        let (cx, rid, first, second, current) = (
            cx.clone(),
            rid.clone(),
            first.clone(),
            second.clone(),
            current.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let bt = cx.base_type(&rid);
            let mut items: Vec<_> = current.iter().map(|(a, b)| pair_scalar(bt, a, b)).collect();
            items.push(pair_scalar(bt, &first, &second));
            cx.set(&rid, cx.value_of(&rid, items));
            first.set(String::new());
            second.set(String::new());
        })
    };
    let remove = |index: usize| {
        let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            let bt = cx.base_type(&rid);
            let items = current
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, (a, b))| pair_scalar(bt, a, b))
                .collect();
            cx.set(&rid, cx.value_of(&rid, items));
        })
    };
    let body = html! {
        <>
            { graphic_part }
            <div class="qti-pair-builder">
                { select(&first, "first") }
                { select(&second, "second") }
                <button type="button" class="qti-add-pair" disabled={!can_add} onclick={add} lang={cx.own_lang()}>{ cx.t().add_pair }</button>
            </div>
            <ul class="qti-pairs" aria-label={cx.t().pairs_made} lang={cx.own_lang()}>
                { for current.iter().enumerate().map(|(i, (a, b))| {
                    let text = tr!(cx.t().pair_of, label_of(a), label_of(b));
                    html! {
                        <li data-pair={format!("{a} {b}")}>
                            { text.clone() }
                            <button type="button" class="qti-remove-pair" aria-label={tr!(cx.t().remove_pair, text)}
                                onclick={remove(i)}>{ cx.t().remove }</button>
                        </li>
                    }
                }) }
            </ul>
        </>
    };
    let class = if matches!(p.interaction.kind, InteractionKind::Associate { .. }) {
        "qti-associate-interaction"
    } else {
        "qti-graphic-associate-interaction"
    };
    frame(
        p,
        class,
        p.cx.t().choose_hint(min, max, crate::i18n::Noun::Pair),
        body,
    )
}
