//! What the graphical interactions share: the image with an SVG overlay of
//! hotspots in the image's own coordinates. Hotspots that can be chosen
//! are focusable, have a name (hotspotLabel, else the identifier) and a
//! checked state, and answer Enter and Space as well as clicks.

use qti_engine::model::content::{Hotspot, Object};
use qti_engine::model::shape::ShapeKind;
use yew::prelude::*;

use crate::context::RenderCtx;

/// How a hotspot is drawn: selected, and an optional label (an order
/// number, the name of a placed gap choice).
#[derive(Default, Clone, PartialEq)]
pub struct Mark {
    pub selected: bool,
    pub label: Option<String>,
}

pub fn hotspot_label(h: &Hotspot) -> String {
    h.label.clone().unwrap_or_else(|| h.identifier.clone())
}

fn length(v: Option<&String>) -> Option<f64> {
    v?.trim()
        .trim_end_matches("px")
        .parse()
        .ok()
        .filter(|x: &f64| *x > 0.0)
}

/// The image's size in its own units: its width/height attributes, else
/// the extent of the hotspots.
pub fn size(image: &Object, hotspots: &[&Hotspot]) -> (f64, f64) {
    if let (Some(w), Some(h)) = (length(image.width.as_ref()), length(image.height.as_ref())) {
        return (w, h);
    }
    let mut w: f64 = 0.0;
    let mut h: f64 = 0.0;
    for s in hotspots {
        let c = &s.shape.coords;
        for (i, v) in c.iter().enumerate() {
            let extent = match s.shape.kind {
                ShapeKind::Circle if i == 2 => continue,
                ShapeKind::Circle | ShapeKind::Ellipse => *v + c.get(2).copied().unwrap_or(0.0),
                _ => *v,
            };
            if i % 2 == 0 {
                w = w.max(extent)
            } else {
                h = h.max(extent)
            }
        }
    }
    if w > 0.0 && h > 0.0 {
        (w * 1.1, h * 1.1)
    } else {
        (400.0, 300.0)
    }
}

/// Where labels and association lines attach to a hotspot.
pub fn center(h: &Hotspot, size: (f64, f64)) -> (f64, f64) {
    let c = &h.shape.coords;
    match h.shape.kind {
        ShapeKind::Circle | ShapeKind::Ellipse => (c[0], c[1]),
        ShapeKind::Rect => ((c[0] + c[2]) / 2.0, (c[1] + c[3]) / 2.0),
        ShapeKind::Poly => {
            let n = (c.len() / 2) as f64;
            let sx: f64 = c.iter().step_by(2).sum();
            let sy: f64 = c.iter().skip(1).step_by(2).sum();
            (sx / n, sy / n)
        }
        ShapeKind::Default => (size.0 / 2.0, size.1 / 2.0),
    }
}

fn shape_svg(h: &Hotspot, size: (f64, f64), attrs: ShapeAttrs) -> Html {
    let c = &h.shape.coords;
    let ShapeAttrs {
        class,
        role,
        tabindex,
        label,
        checked,
        onclick,
        onkeydown,
    } = attrs;
    macro_rules! shape {
        ($tag:ident $( $name:ident = $val:expr ),*) => {
            html! {
                <$tag class={class} role={role} tabindex={tabindex} aria-label={label}
                    aria-checked={checked} onclick={onclick} onkeydown={onkeydown}
                    data-hotspot-identifier={h.identifier.clone()}
                    $( $name={($val).to_string()} )* />
            }
        };
    }
    match h.shape.kind {
        ShapeKind::Circle => shape!(circle cx = c[0], cy = c[1], r = c[2]),
        ShapeKind::Ellipse => shape!(ellipse cx = c[0], cy = c[1], rx = c[2], ry = c[3]),
        ShapeKind::Rect => {
            shape!(rect x = c[0], y = c[1], width = c[2] - c[0], height = c[3] - c[1])
        }
        ShapeKind::Poly => {
            let points = c
                .chunks(2)
                .map(|p| format!("{},{}", p[0], p[1]))
                .collect::<Vec<_>>()
                .join(" ");
            shape!(polygon points = points)
        }
        ShapeKind::Default => shape!(rect x = 0, y = 0, width = size.0, height = size.1),
    }
}

struct ShapeAttrs {
    class: Classes,
    role: Option<&'static str>,
    tabindex: Option<&'static str>,
    label: Option<String>,
    checked: Option<&'static str>,
    onclick: Option<Callback<MouseEvent>>,
    onkeydown: Option<Callback<KeyboardEvent>>,
}

/// The image with its hotspots. With `on_activate`, hotspots are
/// checkboxes the candidate toggles; `lines` joins pairs of hotspots.
pub fn picture(
    cx: &RenderCtx,
    image: &Object,
    hotspots: &[&Hotspot],
    mark: &dyn Fn(&Hotspot) -> Mark,
    on_activate: Option<Callback<String>>,
    lines: &[(String, String)],
) -> Html {
    let size = size(image, hotspots);
    let view_box = format!("0 0 {} {}", size.0, size.1);
    let find = |id: &str| hotspots.iter().find(|h| h.identifier == id);
    let shapes = hotspots.iter().map(|h| {
        let m = mark(h);
        let class = classes!("qti-hotspot", m.selected.then_some("qti-selected"));
        let attrs = match &on_activate {
            Some(on) => {
                let id = h.identifier.clone();
                let click = {
                    let (on, id) = (on.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| on.emit(id.clone()))
                };
                let key = {
                    let (on, id) = (on.clone(), id.clone());
                    Callback::from(move |e: KeyboardEvent| {
                        if e.key() == "Enter" || e.key() == " " {
                            e.prevent_default();
                            on.emit(id.clone());
                        }
                    })
                };
                ShapeAttrs {
                    class,
                    role: Some("checkbox"),
                    tabindex: Some("0"),
                    label: Some(hotspot_label(h)),
                    checked: Some(if m.selected { "true" } else { "false" }),
                    onclick: Some(click),
                    onkeydown: Some(key),
                }
            }
            None => ShapeAttrs {
                class,
                role: None,
                tabindex: None,
                label: None,
                checked: None,
                onclick: None,
                onkeydown: None,
            },
        };
        let (x, y) = center(h, size);
        html! {
            <g key={h.identifier.clone()}>
                { shape_svg(h, size, attrs) }
                if let Some(label) = m.label {
                    <text class="qti-hotspot-mark" x={x.to_string()} y={y.to_string()}
                        text-anchor="middle" dominant-baseline="central" aria-hidden="true">{ label }</text>
                }
            </g>
        }
    });
    let lines = lines.iter().filter_map(|(a, b)| {
        let (a, b) = (find(a)?, find(b)?);
        let ((x1, y1), (x2, y2)) = (center(a, size), center(b, size));
        Some(html! {
            <line class="qti-association-line" x1={x1.to_string()} y1={y1.to_string()}
                x2={x2.to_string()} y2={y2.to_string()} />
        })
    });
    html! {
        <div class="qti-graphic" style={format!("max-width:{}px", size.0)}>
            <img class="qti-graphic-image" src={cx.resolve(&image.data)}
                alt={image.label.clone().unwrap_or_default()} />
            <svg class="qti-graphic-overlay" viewBox={view_box} preserveAspectRatio="none">
                { for lines }
                { for shapes }
            </svg>
        </div>
    }
}
