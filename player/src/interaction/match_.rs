//! `matchInteraction`: a grid of checkboxes, sources as rows and targets
//! as columns; checking a cell makes the directed pair "source target".
//! A cell is disabled once its source or target reached `matchMax` or the
//! interaction reached `maxAssociations`.

use qti_engine::model::content::InteractionKind;
use yew::prelude::*;

use super::{InteractionProps, frame, ordered_choices};
use crate::context::{pair_scalar, pairs};
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::Match {
        max_associations,
        min_associations,
        sources,
        targets,
        ..
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let sources = ordered_choices(cx, &rid, 0, sources);
    let targets = ordered_choices(cx, &rid, 1, targets);
    let current = pairs(cx.value(&rid));
    let full = *max_associations > 0 && current.len() >= *max_associations as usize;
    let count = |id: &str, first: bool| {
        current
            .iter()
            .filter(|(a, b)| if first { a == id } else { b == id })
            .count() as u32
    };
    let toggle = |s: String, t: String| {
        let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
        Callback::from(move |_: Event| {
            let bt = cx.base_type(&rid);
            let mut now = current.clone();
            match now.iter().position(|(a, b)| *a == s && *b == t) {
                Some(i) => {
                    now.remove(i);
                }
                None => now.push((s.clone(), t.clone())),
            }
            let items = now.iter().map(|(a, b)| pair_scalar(bt, a, b)).collect();
            cx.set(&rid, cx.value_of(&rid, items));
        })
    };
    let body = html! {
        <div class="qti-match-scroll">
        <table class="qti-match-table">
            <thead>
                <tr>
                    <td></td>
                    { for targets.iter().map(|t| html! {
                        <th scope="col" data-choice-identifier={t.identifier.clone()}>{ render::nodes(&t.content, cx) }</th>
                    }) }
                </tr>
            </thead>
            <tbody>
            { for sources.iter().map(|s| {
                let s_label = render::text_of(&s.content);
                let s_full = s.match_max > 0 && count(&s.identifier, true) >= s.match_max;
                html! {
                    <tr key={s.identifier.clone()}>
                        <th scope="row" data-choice-identifier={s.identifier.clone()}>{ render::nodes(&s.content, cx) }</th>
                        { for targets.iter().map(|t| {
                            let checked = current.iter().any(|(a, b)| *a == s.identifier && *b == t.identifier);
                            let t_full = t.match_max > 0 && count(&t.identifier, false) >= t.match_max;
                            let label = tr!(cx.t().matches, s_label, render::text_of(&t.content));
                            html! {
                                <td>
                                    <input type="checkbox" aria-label={label} {checked}
                                        disabled={!checked && (full || s_full || t_full)}
                                        data-pair={format!("{} {}", s.identifier, t.identifier)}
                                        onchange={toggle(s.identifier.clone(), t.identifier.clone())} />
                                </td>
                            }
                        }) }
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
    };
    frame(
        p,
        "qti-match-interaction",
        p.cx.t().choose_hint(
            *min_associations,
            *max_associations,
            crate::i18n::Noun::Match,
        ),
        body,
    )
}
