//! `selectPointInteraction` and `positionObjectInteraction`: the candidate
//! places points on an image. With a mouse or touch, a click places a
//! point. From the keyboard, a focusable cursor moves with the arrow keys
//! (Shift for small steps) and Enter or Space places a point. Points are
//! listed with "Remove" buttons. For positionObject the placed points show
//! the object's image, on the stage's background.

use std::sync::Arc;

use qti_engine::model::content::{InteractionKind, Object, PositionObjectStage};
use qti_engine::value::Scalar;
use web_sys::Element;
use yew::prelude::*;

use super::graphic;
use super::{InteractionProps, StageProps, frame};
use crate::context::RenderCtx;

#[derive(Properties, Clone)]
pub struct PointProps {
    pub interaction: Arc<qti_engine::model::content::Interaction>,
    pub cx: RenderCtx,
    /// The stage of a positionObjectInteraction.
    #[prop_or_default]
    pub stage: Option<Arc<PositionObjectStage>>,
}

impl PartialEq for PointProps {
    fn eq(&self, other: &Self) -> bool {
        let same_stage = match (&self.stage, &other.stage) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        Arc::ptr_eq(&self.interaction, &other.interaction) && self.cx == other.cx && same_stage
    }
}

impl From<&InteractionProps> for PointProps {
    fn from(p: &InteractionProps) -> Self {
        PointProps {
            interaction: p.interaction.clone(),
            cx: p.cx.clone(),
            stage: None,
        }
    }
}

/// A `positionObjectStage`: its interactions share the stage image.
#[function_component(PositionObjectStageView)]
pub fn position_object_stage_view(p: &StageProps) -> Html {
    html! {
        <div class="qti-position-object-stage">
            { for p.stage.interactions.iter().map(|i| html! {
                <PointView interaction={i.clone()} cx={p.cx.clone()} stage={Some(p.stage.clone())} />
            }) }
        </div>
    }
}

#[function_component(SelectPointView)]
pub fn select_point_view(p: &InteractionProps) -> Html {
    let props = PointProps::from(p);
    html! { <PointView ..props /> }
}

fn points(v: &qti_engine::Value) -> Vec<(i64, i64)> {
    v.items()
        .iter()
        .filter_map(|s| match s {
            Scalar::Point(x, y) => Some((*x, *y)),
            _ => None,
        })
        .collect()
}

#[function_component(PointView)]
pub fn point_view(p: &PointProps) -> Html {
    let (image, marker, max, min, center_point) = match &p.interaction.kind {
        InteractionKind::SelectPoint {
            image,
            max_choices,
            min_choices,
        } => (image.clone(), None, *max_choices, *min_choices, None),
        InteractionKind::PositionObject {
            object,
            center_point,
            max_choices,
            min_choices,
        } => {
            let bg = p
                .stage
                .as_ref()
                .map(|s| s.object.clone())
                .unwrap_or_else(|| object.clone());
            (
                bg,
                Some(object.clone()),
                *max_choices,
                *min_choices,
                *center_point,
            )
        }
        _ => (Object::default(), None, 1, 0, None),
    };
    let size = graphic::size(&image, &[]);
    let cursor = use_state(|| ((size.0 / 2.0).round() as i64, (size.1 / 2.0).round() as i64));
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let current = points(cx.value(&rid));
    let place = {
        let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
        Callback::from(move |(x, y): (i64, i64)| {
            let mut now = current.clone();
            if max == 1 {
                now.clear();
            } else if max > 0 && now.len() >= max as usize {
                return;
            }
            now.push((x, y));
            let items = now.into_iter().map(|(x, y)| Scalar::Point(x, y)).collect();
            cx.set(&rid, cx.value_of(&rid, items));
        })
    };
    let onclick = {
        let (place, cursor) = (place.clone(), cursor.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok())
            else {
                return;
            };
            let r = target.get_bounding_client_rect();
            if r.width() <= 0.0 || r.height() <= 0.0 {
                return;
            }
            let x = ((e.client_x() as f64 - r.left()) * size.0 / r.width()).round() as i64;
            let y = ((e.client_y() as f64 - r.top()) * size.1 / r.height()).round() as i64;
            cursor.set((x, y));
            place.emit((x, y));
        })
    };
    let onkeydown = {
        let (place, cursor) = (place.clone(), cursor.clone());
        Callback::from(move |e: KeyboardEvent| {
            let step = if e.shift_key() { 1 } else { 10 };
            let (x, y) = *cursor;
            let moved = match e.key().as_str() {
                "ArrowLeft" => (x - step, y),
                "ArrowRight" => (x + step, y),
                "ArrowUp" => (x, y - step),
                "ArrowDown" => (x, y + step),
                "Enter" | " " => {
                    e.prevent_default();
                    place.emit((x, y));
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            let clamp = |v: i64, m: f64| v.clamp(0, m as i64);
            cursor.set((clamp(moved.0, size.0), clamp(moved.1, size.1)));
        })
    };
    let remove = |i: usize| {
        let (cx, rid, current) = (cx.clone(), rid.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            let items = current
                .iter()
                .enumerate()
                .filter(|(n, _)| *n != i)
                .map(|(_, (x, y))| Scalar::Point(*x, *y))
                .collect();
            cx.set(&rid, cx.value_of(&rid, items));
        })
    };
    let (cxp, cyp) = *cursor;
    let marker_size = marker
        .as_ref()
        .map(|m| graphic::size(m, &[]))
        .unwrap_or((0.0, 0.0));
    // The object's centerPoint (default its middle) sits on the point.
    let object_origin = center_point.unwrap_or((marker_size.0 / 2.0, marker_size.1 / 2.0));
    let placed = current.iter().map(|(x, y)| match &marker {
        Some(m) => {
            let (ox, oy) = object_origin;
            html! {
                <image class="qti-placed-object" href={cx.resolve(&m.data)}
                    x={(*x as f64 - ox).to_string()} y={(*y as f64 - oy).to_string()}
                    width={marker_size.0.to_string()} height={marker_size.1.to_string()} />
            }
        }
        None => html! {
            <circle class="qti-point" cx={x.to_string()} cy={y.to_string()} r="6" />
        },
    });
    let cursor_label = tr!(cx.t().point_cursor, cxp, cyp);
    // For positionObject: the object itself, shown before the stage (what
    // the candidate places) and faintly at the keyboard cursor (where Enter
    // would put it).
    let ghost = marker.as_ref().map(|m| {
        html! {
            <image class="qti-cursor-object" href={cx.resolve(&m.data)}
                x={(cxp as f64 - object_origin.0).to_string()} y={(cyp as f64 - object_origin.1).to_string()}
                width={marker_size.0.to_string()} height={marker_size.1.to_string()} />
        }
    });
    let source = marker.as_ref().map(|m| {
        html! {
            <p class="qti-position-object-source" lang={cx.own_lang()}>
                { cx.t().object_to_place }
                <img src={cx.resolve(&m.data)} alt={m.label.clone().unwrap_or_default()}
                    width={marker_size.0.to_string()} height={marker_size.1.to_string()} />
            </p>
        }
    });
    let body = html! {
        <>
            { for source }
            <div class="qti-graphic" style={format!("max-width:{}px", size.0)}>
                <img class="qti-graphic-image" src={cx.resolve(&image.data)}
                    alt={image.label.clone().unwrap_or_default()} />
                <svg class="qti-graphic-overlay qti-point-area" viewBox={format!("0 0 {} {}", size.0, size.1)}
                    preserveAspectRatio="none" {onclick}>
                    { for placed }
                    <g class="qti-point-cursor" tabindex="0" role="button" aria-label={cursor_label} {onkeydown}>
                        { for ghost }
                        <circle cx={cxp.to_string()} cy={cyp.to_string()} r="10" />
                        <line x1={(cxp - 14).to_string()} y1={cyp.to_string()} x2={(cxp + 14).to_string()} y2={cyp.to_string()} />
                        <line x1={cxp.to_string()} y1={(cyp - 14).to_string()} x2={cxp.to_string()} y2={(cyp + 14).to_string()} />
                    </g>
                </svg>
            </div>
            <ul class="qti-points" aria-label={cx.t().points_placed} lang={cx.own_lang()}>
                { for current.iter().enumerate().map(|(i, (x, y))| html! {
                    <li data-point={format!("{x} {y}")}>
                        { tr!(cx.t().point_at, x, y) }
                        <button type="button" class="qti-remove-point" aria-label={tr!(cx.t().remove_point, x, y)}
                            onclick={remove(i)}>{ cx.t().remove }</button>
                    </li>
                }) }
            </ul>
        </>
    };
    let (class, hint) = if marker.is_some() {
        (
            "qti-position-object-interaction",
            p.cx.t().choose_hint(min, max, crate::i18n::Noun::Position),
        )
    } else {
        (
            "qti-select-point-interaction",
            p.cx.t().choose_hint(min, max, crate::i18n::Noun::Point),
        )
    };
    let ip = InteractionProps {
        interaction: p.interaction.clone(),
        cx: p.cx.clone(),
    };
    frame(&ip, class, hint, body)
}
