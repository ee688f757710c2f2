//! `graphicGapMatchInteraction`: each hotspot gets a select listing the
//! gap images/texts; placed choices are drawn on the image. The response
//! is the directed pairs "choice hotspot".

use qti_engine::model::content::InteractionKind;
use yew::prelude::*;

use super::graphic::{self, Mark};
use super::{
    InteractionProps, frame, ordered_choices, place_in, placed_in, placement_options,
    visible_hotspots,
};
use crate::context::pairs;
use crate::render;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::GraphicGapMatch {
        image,
        max_associations,
        min_associations,
        choices,
        hotspots,
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let shown = ordered_choices(cx, &rid, 0, choices);
    let spots = visible_hotspots(cx, hotspots);
    let current = pairs(cx.value(&rid));
    let label_of = |id: &str| {
        shown
            .iter()
            .find(|c| c.identifier == id)
            .map(|c| render::text_of(&c.content))
            .unwrap_or_else(|| id.to_string())
    };
    let picture = graphic::picture(
        cx,
        image,
        &spots,
        &|h| {
            let placed = current.iter().find(|(_, g)| *g == h.identifier);
            Mark {
                selected: placed.is_some(),
                label: placed.map(|(c, _)| label_of(c)),
            }
        },
        None,
        &[],
    );
    let selects = spots.iter().map(|h| {
        let placed = placed_in(&current, &h.identifier);
        let onchange = place_in(cx, &rid, &current, &h.identifier);
        let id = cx.dom_id(&[&rid, &h.identifier]);
        html! {
            <li>
                <label for={id.clone()}>{ graphic::hotspot_label(h) }</label>
                <select {id} {onchange} data-hotspot-identifier={h.identifier.clone()}>
                    { placement_options(&shown, &current, &placed) }
                </select>
            </li>
        }
    });
    let body = html! {
        <>
            { picture }
            <ul class="qti-gap-choices" aria-label={p.cx.t().choices_to_place}>
                { for shown.iter().map(|c| html! {
                    <li class="qti-gap-choice" data-choice-identifier={c.identifier.clone()}>{ render::nodes(&c.content, cx) }</li>
                }) }
            </ul>
            <ul class="qti-hotspot-selects">{ for selects }</ul>
        </>
    };
    frame(
        p,
        "qti-graphic-gap-match-interaction",
        p.cx.t().choose_hint(
            *min_associations,
            *max_associations,
            crate::i18n::Noun::Placement,
        ),
        body,
    )
}
