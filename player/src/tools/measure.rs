//! Measuring tools a QTI 3 item offers (`qti-rule`, `qti-protractor`),
//! drawn to scale over the item: 1 cm is 96/2.54 CSS pixels, the size the
//! item's images are drawn at. Both move with the pointer (drag) or the
//! keyboard (arrow keys; Shift for fine steps) and turn with R / Shift+R.

use web_sys::HtmlElement;
use yew::prelude::*;

/// CSS pixels per centimetre and per inch.
pub const PX_PER_CM: f64 = 96.0 / 2.54;
pub const PX_PER_INCH: f64 = 96.0;

/// Where a movable tool is: its top-left corner in pixels and its turn in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub angle: f64,
}

impl Placement {
    /// The placement after a key press, or `None` for keys the tool ignores.
    pub fn after_key(self, key: &str, shift: bool) -> Option<Placement> {
        let step = if shift { 1.0 } else { 10.0 };
        let turn = if shift { -15.0 } else { 15.0 };
        let mut p = self;
        match key {
            "ArrowLeft" => p.x -= step,
            "ArrowRight" => p.x += step,
            "ArrowUp" => p.y -= step,
            "ArrowDown" => p.y += step,
            "r" | "R" => p.angle = (p.angle + turn).rem_euclid(360.0),
            _ => return None,
        }
        Some(p)
    }
}

#[derive(Properties, PartialEq)]
pub struct MovableProps {
    pub label: AttrValue,
    #[prop_or_default]
    pub locale: crate::i18n::Locale,
    pub class: AttrValue,
    pub start: (f64, f64),
    /// The point the tool turns around, in its own pixels.
    pub pivot: (f64, f64),
    pub on_close: Callback<()>,
    pub children: Html,
}

/// A tool placed over the item that the candidate moves and turns.
#[function_component(Movable)]
pub fn movable(props: &MovableProps) -> Html {
    let place = use_state(|| Placement {
        x: props.start.0,
        y: props.start.1,
        angle: 0.0,
    });
    // The pointer's offset from the tool's corner while dragging.
    let drag = use_mut_ref(|| None::<(f64, f64)>);
    let onkeydown = {
        let (place, on_close) = (place.clone(), props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            } else if let Some(p) = place.after_key(&e.key(), e.shift_key()) {
                e.prevent_default();
                place.set(p);
            }
        })
    };
    // Yew delegates events, so the element comes from a ref, not the event.
    let node = use_node_ref();
    let onpointerdown = {
        let (place, drag, node) = (place.clone(), drag.clone(), node.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = node.cast::<HtmlElement>() {
                let _ = el.set_pointer_capture(e.pointer_id());
                let _ = el.focus();
            }
            *drag.borrow_mut() =
                Some((e.client_x() as f64 - place.x, e.client_y() as f64 - place.y));
        })
    };
    let onpointermove = {
        let (place, drag) = (place.clone(), drag.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some((dx, dy)) = *drag.borrow() {
                place.set(Placement {
                    x: e.client_x() as f64 - dx,
                    y: e.client_y() as f64 - dy,
                    angle: place.angle,
                });
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };
    let style = format!(
        "left: {:.1}px; top: {:.1}px; transform: rotate({}deg); transform-origin: {}px {}px",
        place.x, place.y, place.angle, props.pivot.0, props.pivot.1
    );
    html! {
        <div ref={node} class={classes!("qti-tool", "qti-movable", props.class.to_string())} tabindex="0"
            role="group" aria-roledescription="movable tool"
            aria-label={tr!(props.locale.t().movable_help, props.label)}
            data-angle={place.angle.to_string()} {style}
            {onkeydown} {onpointerdown} {onpointermove} {onpointerup}>
            { props.children.clone() }
        </div>
    }
}

/// Tick marks of a rule of `length` units, `minor` units apart, with a
/// label at every whole unit: (position in px, tick height, label).
pub fn rule_ticks(length: f64, minor: f64, px_per_unit: f64) -> Vec<(f64, f64, Option<u32>)> {
    if !(length > 0.0 && minor > 0.0) {
        return Vec::new();
    }
    let per_unit = (1.0 / minor).round().max(1.0) as u32;
    let count = (length * per_unit as f64).round() as u32;
    (0..=count.min(2000))
        .map(|i| {
            let x = i as f64 / per_unit as f64 * px_per_unit;
            let whole = i.is_multiple_of(per_unit);
            let half = per_unit.is_multiple_of(2) && i.is_multiple_of(per_unit / 2);
            let height = if whole {
                18.0
            } else if half {
                13.0
            } else {
                8.0
            };
            (x, height, whole.then_some(i / per_unit))
        })
        .collect()
}

/// A rule as the item describes it: SI (cm) unless it names the US system.
pub fn rule_svg(attrs: &[(String, String)], t: &crate::i18n::Strings) -> (Html, String) {
    let us = attrs.iter().any(|(k, _)| k == "ruleSystemUs");
    let (unit, px, default_len, default_minor) = if us {
        ("in", PX_PER_INCH, 6.0, 0.125)
    } else {
        ("cm", PX_PER_CM, 15.0, 0.1)
    };
    // `qti-rule-system-si` holds minimum length then minor increment; the
    // reader keeps its text, so read the two numbers in order.
    let numbers: Vec<f64> = attrs
        .iter()
        .filter(|(k, _)| k.starts_with("ruleSystem"))
        .flat_map(|(_, v)| {
            v.split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect::<Vec<f64>>()
        })
        .collect();
    let length = numbers
        .first()
        .copied()
        .filter(|l| *l > 0.0 && *l <= 100.0)
        .unwrap_or(default_len);
    let minor = numbers
        .get(1)
        .copied()
        .filter(|m| *m > 0.0 && *m <= 1.0)
        .unwrap_or(default_minor);
    let width = length * px + 20.0;
    let ticks = rule_ticks(length, minor, px);
    let svg = html! {
        <svg class="qti-rule-svg" width={format!("{width:.1}")} height="50" viewBox={format!("0 0 {width:.1} 50")} aria-hidden="true">
            <rect x="0" y="0" width={format!("{width:.1}")} height="50" rx="3" class="qti-tool-face" />
            { for ticks.into_iter().map(|(x, h, label)| html! {
                <>
                    <line x1={format!("{:.2}", x + 10.0)} x2={format!("{:.2}", x + 10.0)} y1="0" y2={h.to_string()} class="qti-tool-tick" />
                    if let Some(n) = label {
                        <text x={format!("{:.2}", x + 10.0)} y="32" text-anchor="middle" class="qti-tool-label">{ n }</text>
                    }
                </>
            }) }
            <text x="10" y="46" class="qti-tool-label">{ unit }</text>
        </svg>
    };
    (svg, tr!(t.rule_of, length, unit))
}

/// A 180° protractor, radius 130 px, with a tick every degree and labels
/// every 10°.
pub fn protractor_svg() -> Html {
    const R: f64 = 130.0;
    let (cx, cy) = (140.0, 140.0);
    let ticks = (0..=180).map(|deg| {
        let rad = (deg as f64).to_radians();
        let len = if deg % 10 == 0 {
            14.0
        } else if deg % 5 == 0 {
            10.0
        } else {
            5.0
        };
        let (x1, y1) = (cx + R * rad.cos(), cy - R * rad.sin());
        let (x2, y2) = (cx + (R - len) * rad.cos(), cy - (R - len) * rad.sin());
        let label = (deg % 10 == 0).then(|| {
            let (tx, ty) = (cx + (R - 26.0) * rad.cos(), cy - (R - 26.0) * rad.sin());
            html! { <text x={format!("{tx:.1}")} y={format!("{:.1}", ty + 4.0)} text-anchor="middle" class="qti-tool-label qti-tool-small">{ deg }</text> }
        });
        html! {
            <>
                <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} class="qti-tool-tick" />
                { label.unwrap_or_default() }
            </>
        }
    });
    html! {
        <svg class="qti-protractor-svg" width="280" height="150" viewBox="0 0 280 150" aria-hidden="true">
            <path d={format!("M {} {cy} A {R} {R} 0 0 1 {} {cy} Z", cx - R, cx + R)} class="qti-tool-face" />
            { for ticks }
            <line x1={(cx - R).to_string()} y1={cy.to_string()} x2={(cx + R).to_string()} y2={cy.to_string()} class="qti-tool-tick" />
            <circle cx={cx.to_string()} cy={cy.to_string()} r="3" class="qti-tool-centre" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_rule_is_to_scale() {
        let ticks = rule_ticks(15.0, 0.1, PX_PER_CM);
        assert_eq!(ticks.len(), 151);
        let six = ticks.iter().find(|t| t.2 == Some(6)).unwrap();
        assert!(
            (six.0 - 226.77).abs() < 0.01,
            "6 cm is 226.77 px: {}",
            six.0
        );
        assert_eq!(ticks[5].1, 13.0, "half-centimetre tick");
        assert_eq!(ticks[1].1, 8.0);
        assert!(rule_ticks(f64::NAN, 0.1, 1.0).is_empty());
        assert_eq!(rule_ticks(1e9, 0.0001, 1.0).len(), 2001, "bounded");
    }

    #[wasm_bindgen_test]
    fn keys_move_and_turn_tools() {
        let p = Placement {
            x: 0.0,
            y: 0.0,
            angle: 0.0,
        };
        assert_eq!(p.after_key("ArrowRight", false).unwrap().x, 10.0);
        assert_eq!(p.after_key("ArrowUp", true).unwrap().y, -1.0);
        assert_eq!(p.after_key("r", false).unwrap().angle, 15.0);
        assert_eq!(p.after_key("R", true).unwrap().angle, 345.0);
        assert!(p.after_key("a", false).is_none());
    }
}
