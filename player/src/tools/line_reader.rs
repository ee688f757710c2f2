//! The line reader (AfA PNP `line-reader`): a reading window over the item
//! with the rest shaded, so a candidate can keep their place. The window's
//! handle is a vertical slider: arrow keys move it a line, Page Up/Down a
//! window, + and - resize it; it can also be dragged. The shading lets
//! clicks through, so the item stays usable underneath.

use yew::prelude::*;

/// One line of text in CSS pixels at the default size (1.5 × 16 px).
const LINE: f64 = 24.0;

/// The window: its top edge and height in pixels from the player's top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub top: f64,
    pub height: f64,
}

impl Window {
    pub fn after_key(self, key: &str) -> Option<Window> {
        let mut w = self;
        match key {
            "ArrowDown" => w.top += LINE,
            "ArrowUp" => w.top -= LINE,
            "PageDown" => w.top += w.height,
            "PageUp" => w.top -= w.height,
            "Home" => w.top = 0.0,
            "+" | "=" => w.height = (w.height + LINE).min(10.0 * LINE),
            "-" => w.height = (w.height - LINE).max(LINE),
            _ => return None,
        }
        w.top = w.top.max(0.0);
        Some(w)
    }
}

#[derive(Properties, PartialEq)]
pub struct LineReaderProps {
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub locale: crate::i18n::Locale,
}

#[function_component(LineReader)]
pub fn line_reader(props: &LineReaderProps) -> Html {
    let window = use_state(|| Window {
        top: 0.0,
        height: 2.0 * LINE,
    });
    let drag = use_mut_ref(|| None::<f64>);
    let onkeydown = {
        let (window, on_close) = (window.clone(), props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            } else if let Some(w) = window.after_key(&e.key()) {
                e.prevent_default();
                window.set(w);
            }
        })
    };
    // Yew delegates events, so the handle comes from a ref, not the event.
    let handle = use_node_ref();
    let onpointerdown = {
        let (window, drag, handle) = (window.clone(), drag.clone(), handle.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = handle.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() = Some(e.client_y() as f64 - window.top);
        })
    };
    let onpointermove = {
        let (window, drag) = (window.clone(), drag.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(dy) = *drag.borrow() {
                window.set(Window {
                    top: (e.client_y() as f64 - dy).max(0.0),
                    height: window.height,
                });
            }
        })
    };
    let onpointerup = Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None);
    let Window { top, height } = *window;
    html! {
        <div class="qti-line-reader">
            <div class="qti-line-reader-shade" style={format!("top: 0; height: {top}px")}></div>
            <div class="qti-line-reader-window" style={format!("top: {top}px; height: {height}px")}>
                <div ref={handle} class="qti-line-reader-handle" tabindex="0" role="slider"
                    aria-label={props.locale.t().line_reader_help}
                    aria-orientation="vertical" aria-valuemin="0"
                    aria-valuenow={(top / LINE).round().to_string()}
                    aria-valuetext={tr!(props.locale.t().line_n, (top / LINE).round() as i64 + 1)}
                    {onkeydown} {onpointerdown} {onpointermove} {onpointerup}>{ "⇕" }</div>
            </div>
            <div class="qti-line-reader-shade" style={format!("top: {}px; bottom: 0", top + height)}></div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn keys_move_and_resize_the_window() {
        let w = Window {
            top: 0.0,
            height: 48.0,
        };
        assert_eq!(w.after_key("ArrowDown").unwrap().top, 24.0);
        assert_eq!(
            w.after_key("ArrowUp").unwrap().top,
            0.0,
            "not above the item"
        );
        assert_eq!(w.after_key("PageDown").unwrap().top, 48.0);
        assert_eq!(w.after_key("+").unwrap().height, 72.0);
        assert_eq!(
            w.after_key("-").unwrap().after_key("-").unwrap().height,
            24.0
        );
        assert!(w.after_key("x").is_none());
    }
}
