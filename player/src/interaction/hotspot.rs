//! `hotspotInteraction`: hotspots on an image are checkboxes (a single one
//! when `maxChoices` is 1 replaces the previous selection).

use qti_engine::model::content::InteractionKind;
use qti_engine::value::Scalar;
use yew::prelude::*;

use super::graphic::{self, Mark};
use super::{InteractionProps, frame, visible_hotspots};
use crate::context::identifiers;

#[inline(never)]
pub fn view(p: &InteractionProps) -> Html {
    let InteractionKind::Hotspot {
        image,
        max_choices,
        min_choices,
        hotspots,
    } = &p.interaction.kind
    else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let current = identifiers(cx.value(&rid));
    let max = *max_choices;
    let on = {
        let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
        Callback::from(move |id: String| {
            let mut now = if max == 1 {
                Vec::new()
            } else {
                current.clone()
            };
            match current.iter().position(|c| *c == id) {
                Some(_) => now.retain(|c| *c != id),
                None if max == 0 || max == 1 || now.len() < max as usize => now.push(id),
                None => return,
            }
            cx.set(
                &rid,
                cx.value_of(&rid, now.into_iter().map(Scalar::Identifier).collect()),
            );
        })
    };
    let shown = visible_hotspots(cx, hotspots);
    let picture = graphic::picture(
        cx,
        image,
        &shown,
        &|h| Mark {
            selected: current.contains(&h.identifier),
            label: None,
        },
        Some(on),
        &[],
    );
    frame(
        p,
        "qti-hotspot-interaction",
        p.cx.t()
            .choose_hint(*min_choices, max, crate::i18n::Noun::Area),
        picture,
    )
}
