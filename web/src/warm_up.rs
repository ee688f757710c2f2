//! The player's warm-up (see `qti_player::warm_up`) through the embedding
//! API itself: the warm-up item is mounted, answered with `setResponse`,
//! submitted and destroyed as a host would, so the code a host's first
//! `mount()` runs (options, value conversion, events) is compiled too. It
//! runs once, when the page is first idle after the bundle loads;
//! `warmUp()` lets a host run it itself and know when it is done.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use qti_player::warm_up::{ITEM, answers, hidden_root};
use wasm_bindgen::prelude::*;

use crate::api::{QtiPlayer, mount, value_to_js};

thread_local! {
    /// The one warm-up of this page, once started.
    static WARM_UP: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Plays the warm-up item off the page, once per page (it starts by itself
/// when the page is first idle); resolves to its outcomes (SCORE 4 when
/// everything ran) when it is done.
#[wasm_bindgen(js_name = warmUp, unchecked_return_type = "Promise<QtiValues>")]
pub fn warm_up() -> js_sys::Promise {
    WARM_UP.with_borrow_mut(|started| {
        started
            .get_or_insert_with(|| {
                js_sys::Promise::new(&mut |resolve, reject| {
                    if let Err(e) = play(resolve) {
                        let _ = reject.call1(&JsValue::NULL, &e);
                    }
                })
            })
            .clone()
    })
}

/// The warm-up's player and its `onEvent` closure, both dropped at the end.
#[derive(Default)]
struct Playing {
    player: Option<QtiPlayer>,
    on_event: Option<Closure<dyn FnMut(String, JsValue)>>,
}

/// Mounts the item; its `onEvent` answers it once ready, and destroys it
/// once scored.
fn play(resolve: js_sys::Function) -> Result<(), JsValue> {
    let (host, root) = hidden_root().ok_or("warmUp: no document body")?;
    let playing: Rc<RefCell<Playing>> = Rc::default();
    let state = playing.clone();
    let laid_out = root.clone();
    let on_event = Closure::<dyn FnMut(String, JsValue)>::new(move |kind: String, detail| {
        let state = state.clone();
        match kind.as_str() {
            "ready" => {
                // Laid out once: the browser's style and font caches warm too.
                let _ = laid_out.get_bounding_client_rect();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(p) = &state.borrow().player {
                        for (identifier, value) in answers() {
                            let _ = p.set_response(identifier, value_to_js(&value));
                        }
                        p.submit();
                    }
                });
            }
            "outcomesChanged" => {
                let (host, resolve) = (host.clone(), resolve.clone());
                // Once the player has finished this update: the player, its
                // element and this closure go.
                wasm_bindgen_futures::spawn_local(async move {
                    let Playing { player, on_event } = std::mem::take(&mut *state.borrow_mut());
                    if let Some(mut p) = player {
                        p.destroy();
                    }
                    host.remove();
                    drop(on_event);
                    let _ = resolve.call1(&JsValue::NULL, &detail);
                });
            }
            _ => {}
        }
    });
    let options = Object::new();
    Reflect::set(&options, &"xml".into(), &ITEM.into())?;
    Reflect::set(&options, &"idPrefix".into(), &"qti-warm-up".into())?;
    Reflect::set(&options, &"onEvent".into(), on_event.as_ref())?;
    let player = mount(root, options.into()).map_err(JsValue::from)?;
    *playing.borrow_mut() = Playing {
        player: Some(player),
        on_event: Some(on_event),
    };
    Ok(())
}

/// Runs the warm-up when the page is next idle.
pub(crate) fn when_idle() {
    qti_player::warm_up::when_idle(|| {
        let _ = warm_up();
    });
}
