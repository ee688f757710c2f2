//! `drawingInteraction`: a canvas over the item's image. Pointer (mouse,
//! pen, touch) strokes draw; from the keyboard a pen cursor moves with the
//! arrow keys and Space lifts or lowers it. After each stroke the drawing
//! becomes the file response as a PNG. "Clear" starts again.
//! (The PNG holds the strokes; the background image stays the item's.)

use qti_engine::Value;
use qti_engine::model::content::InteractionKind;
use qti_engine::value::{FileValue, Scalar};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::graphic;
use super::{InteractionProps, frame};

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// The canvas as PNG bytes.
fn png(canvas: &HtmlCanvasElement) -> Option<Vec<u8>> {
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    decode_base64(url.split_once(',')?.1)
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes: Vec<u8> = text.bytes().filter(|b| *b != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, b) in chunk.iter().enumerate() {
            acc |= value(*b)? << (18 - 6 * i);
        }
        let n = chunk.len().saturating_sub(1);
        out.extend_from_slice(&acc.to_be_bytes()[1..1 + n]);
    }
    Some(out)
}

#[function_component(DrawingView)]
pub fn drawing_view(p: &InteractionProps) -> Html {
    let canvas = use_node_ref();
    let drawing = use_mut_ref(|| false);
    let pen = use_state(|| (20.0f64, 20.0f64, false));
    let InteractionKind::Drawing { image } = &p.interaction.kind else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let size = graphic::size(image, &[]);
    let save = {
        let (cx, rid, canvas) = (cx.clone(), rid.clone(), canvas.clone());
        move || {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>()
                && let Some(data) = png(&c)
            {
                let file = FileValue {
                    name: "drawing.png".into(),
                    mime_type: "image/png".into(),
                    data,
                };
                cx.set(&rid, Value::Single(Scalar::File(file)));
            }
        }
    };
    let point = move |c: &HtmlCanvasElement, e: &PointerEvent| {
        let r = c.get_bounding_client_rect();
        (
            (e.client_x() as f64 - r.left()) * size.0 / r.width().max(1.0),
            (e.client_y() as f64 - r.top()) * size.1 / r.height().max(1.0),
        )
    };
    let onpointerdown = {
        let (canvas, drawing) = (canvas.clone(), drawing.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let Some(g) = context(&c) else { return };
            let (x, y) = point(&c, &e);
            g.begin_path();
            g.move_to(x, y);
            *drawing.borrow_mut() = true;
        })
    };
    let onpointermove = {
        let (canvas, drawing) = (canvas.clone(), drawing.clone());
        Callback::from(move |e: PointerEvent| {
            if !*drawing.borrow() {
                return;
            }
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let Some(g) = context(&c) else { return };
            let (x, y) = point(&c, &e);
            g.set_line_width(3.0);
            g.line_to(x, y);
            g.stroke();
        })
    };
    let onpointerup = {
        let (drawing, save) = (drawing.clone(), save.clone());
        Callback::from(move |_: PointerEvent| {
            if std::mem::replace(&mut *drawing.borrow_mut(), false) {
                save();
            }
        })
    };
    let onkeydown = {
        let (canvas, pen, save) = (canvas.clone(), pen.clone(), save.clone());
        Callback::from(move |e: KeyboardEvent| {
            let (x, y, down) = *pen;
            let step = if e.shift_key() { 2.0 } else { 10.0 };
            let (nx, ny, ndown) = match e.key().as_str() {
                "ArrowLeft" => (x - step, y, down),
                "ArrowRight" => (x + step, y, down),
                "ArrowUp" => (x, y - step, down),
                "ArrowDown" => (x, y + step, down),
                " " => (x, y, !down),
                _ => return,
            };
            e.prevent_default();
            let (nx, ny) = (nx.clamp(0.0, size.0), ny.clamp(0.0, size.1));
            if down
                && (nx, ny) != (x, y)
                && let Some(c) = canvas.cast::<HtmlCanvasElement>()
                && let Some(g) = context(&c)
            {
                g.set_line_width(3.0);
                g.begin_path();
                g.move_to(x, y);
                g.line_to(nx, ny);
                g.stroke();
                save();
            }
            pen.set((nx, ny, ndown));
        })
    };
    let clear = {
        let (canvas, cx, rid) = (canvas.clone(), cx.clone(), rid.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>()
                && let Some(g) = context(&c)
            {
                g.clear_rect(0.0, 0.0, size.0, size.1);
            }
            cx.set(&rid, Value::Null);
        })
    };
    let (px, py, down) = *pen;
    let t = cx.t();
    let label = tr!(
        t.drawing_area,
        px.round(),
        py.round(),
        if down { t.pen_down } else { t.pen_up }
    );
    let body = html! {
        <>
            <div class="qti-drawing" style={format!("max-width:{}px", size.0)}>
                <img class="qti-graphic-image" src={cx.resolve(&image.data)} alt={image.label.clone().unwrap_or_default()} />
                <canvas ref={canvas} class="qti-drawing-canvas" width={size.0.to_string()} height={size.1.to_string()}
                    tabindex="0" role="img" aria-label={label}
                    {onpointerdown} {onpointermove} {onpointerup} {onkeydown} />
            </div>
            <button type="button" class="qti-clear" onclick={clear} lang={cx.own_lang()}>{ t.clear }</button>
        </>
    };
    frame(p, "qti-drawing-interaction", t.draw_hint.into(), body)
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn base64_decodes() {
        assert_eq!(super::decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(super::decode_base64("aGk=").unwrap(), b"hi");
        assert_eq!(super::decode_base64("YWJj").unwrap(), b"abc");
    }
}
