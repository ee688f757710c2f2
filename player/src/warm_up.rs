//! Warm-up: compile the player's common code before the first item.
//!
//! V8 compiles a WebAssembly function the first time it is called (lazy
//! compilation), and compiles all of it. On a fresh page the first item
//! therefore pays for compiling what it touches: the reader, the renderer,
//! the interactions, processing — about 200 KB of code, most of the time
//! between the item's XML and an interactive item (see BENCHMARKS.md,
//! "What a first item compiles").
//!
//! [`warm_up`] plays a built-in item ([`ITEM`]: the interactions most items
//! use, a mapping, a feedback block) once in an invisible, inert element
//! outside the page's flow, behind a closed shadow root (see
//! [`hidden_root`]): it is read, rendered, laid out (which warms the
//! browser's style and font caches as well), answered, scored, rendered
//! again and removed. A host calls it when the page is idle after loading
//! (the studio does; the embedding bundle does the same through its JS
//! API), so that the item it shows next finds that code compiled. Nothing
//! reaches the host: the item's events go to the warm-up alone.

use std::cell::RefCell;
use std::rc::Rc;

use qti_engine::{Scalar, Value};
use yew::prelude::*;

use crate::{ItemPlayer, ItemPlayerProps, Msg, PlayerEvent};

/// The warm-up item (QTI 3).
pub const ITEM: &str = include_str!("warm_up/item.xml");

/// The warm-up item's answers: all right, so scoring takes every branch
/// and the feedback block shows.
pub fn answers() -> Vec<(&'static str, Value)> {
    let id = |s: &str| Scalar::Identifier(s.to_string());
    let pair = |a: &str, b: &str| Scalar::DirectedPair(a.to_string(), b.to_string());
    vec![
        ("CHOICE", Value::Single(id("A"))),
        ("CHOICES", Value::Multiple(vec![id("A"), id("C")])),
        ("TEXT", Value::Single(Scalar::String("Seven".into()))),
        ("INLINE", Value::Single(id("Y"))),
        ("ESSAY", Value::Single(Scalar::String("e".into()))),
        ("ORDER", Value::Ordered(vec![id("A"), id("B")])),
        ("GAPS", Value::Multiple(vec![pair("W", "G")])),
        ("PAIRS", Value::Multiple(vec![pair("S", "T")])),
        ("HOT", Value::Single(id("H"))),
    ]
}

/// Where the warm-up plays: an element at the end of the body, invisible,
/// inert, hidden from assistive technology and out of the page's flow,
/// holding a closed shadow root so that neither the page's scripts nor its
/// selectors ever meet the warm-up's content. The page's stylesheets are
/// linked in the shadow root too (the browser reuses the sheets it has
/// parsed), so the layout warms the style and font caches a real item
/// uses. Returns (the element to remove afterwards, the element to render
/// into).
pub fn hidden_root() -> Option<(web_sys::Element, web_sys::Element)> {
    let document = gloo::utils::document();
    let host = document.create_element("div").ok()?;
    let _ = host.set_attribute(
        "style",
        // Fixed, so it never adds scrollable overflow (in right-to-left
        // pages too); hidden, so it is laid out but never painted.
        "position:fixed;top:0;left:0;width:40em;visibility:hidden;pointer-events:none;z-index:-1",
    );
    let _ = host.set_attribute("aria-hidden", "true");
    let _ = host.set_attribute("inert", "");
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(
            web_sys::ShadowRootMode::Closed,
        ))
        .ok()?;
    // Linked sheets come from the browser's cache; of the inline ones
    // (a page may have hundreds) only those that style the player.
    if let Ok(sheets) = document.query_selector_all("link[rel~=stylesheet], style") {
        for sheet in (0..sheets.length()).filter_map(|i| sheets.get(i)) {
            let inline = sheet.node_name().eq_ignore_ascii_case("style");
            if inline
                && !sheet
                    .text_content()
                    .is_some_and(|css| css.contains(".qti-"))
            {
                continue;
            }
            if let Ok(copy) = sheet.clone_node_with_deep(true) {
                let _ = shadow.append_child(&copy);
            }
        }
    }
    let root = document.create_element("div").ok()?;
    shadow.append_child(&root).ok()?;
    document.body()?.append_child(&host).ok()?;
    Some((host, root))
}

/// Plays the warm-up item off the page, then calls `done` with its
/// outcomes (SCORE 4 and FEEDBACK FULL when everything ran).
pub fn warm_up(done: impl FnOnce(Vec<(String, Value)>) + 'static) {
    let Some((host, root)) = hidden_root() else {
        return;
    };
    let app: Rc<RefCell<Option<yew::AppHandle<ItemPlayer>>>> = Rc::default();
    let done = RefCell::new(Some(done));
    let handle = app.clone();
    let (element, laid_out) = (host, root.clone());
    let on_event = Callback::from(move |event: PlayerEvent| {
        let outcomes = match event {
            // Laid out once: the browser's style and font caches warm too.
            PlayerEvent::Ready => {
                let _ = laid_out.get_bounding_client_rect();
                return;
            }
            PlayerEvent::OutcomesChanged(outcomes) => outcomes,
            _ => return,
        };
        // Destroyed once Yew has finished this update, not inside it.
        let app = handle.clone();
        let element = element.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(app) = app.borrow_mut().take() {
                app.destroy();
            }
            element.remove();
        });
        if let Some(done) = done.borrow_mut().take() {
            done(outcomes);
        }
    });
    let props = ItemPlayerProps {
        id_prefix: AttrValue::Static("qti-warm-up"),
        ..ItemPlayerProps::new(ITEM, on_event)
    };
    let player = yew::Renderer::<ItemPlayer>::with_root_and_props(root, props).render();
    // Queued behind the first render: each answer re-renders its
    // interaction, then the submission scores and shows the feedback.
    for (identifier, value) in answers() {
        player.send_message(Msg::SetResponse(identifier.to_string(), value));
    }
    player.send_message(Msg::Submit);
    *app.borrow_mut() = Some(player);
}

/// Calls `run` when the page is next idle (requestIdleCallback, or a zero
/// timeout where there is none), so that a warm-up never delays the page
/// nor an item the host shows straight away.
pub fn when_idle(run: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = wasm_bindgen::closure::Closure::once_into_js(run);
    let run: &js_sys::Function = wasm_bindgen::JsCast::unchecked_ref(&run);
    if window.request_idle_callback(run).is_err() {
        let _ = window.set_timeout_with_callback(run);
    }
}
