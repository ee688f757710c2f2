//! QTI 3 portable custom interactions (IMS PCI): the interaction's own
//! JavaScript module runs in a sandboxed iframe — scripts allowed, no
//! shared origin, so it cannot reach the page, the item or the session.
//! The player fetches the module (from the item's folder, the package, or
//! a URL the host maps its id to), hands the iframe the module's code, the
//! interaction's markup and properties through `postMessage`, and takes
//! back the response (IMS PCI JSON) whenever the candidate changes it.

use std::cell::RefCell;
use std::rc::Rc;

use qti_engine::model::content::{InteractionKind, PortableCustom};
use qti_engine::value::{BaseType, Cardinality, Scalar, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlIFrameElement;
use yew::prelude::*;

use super::{InteractionProps, frame};

/// The page inside the iframe: a minimal AMD loader — the item's modules
/// (`qti-interaction-module`s) are defined under their ids, anonymous
/// `define`s take the id of the module being run, and a module's factory
/// runs once its dependencies have — with `qtiCustomInteractionContext`
/// built in; and the message bridge. It only talks to its parent and only
/// through messages.
const RUNTIME: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif}</style></head><body><div id="pci"></div><script>
(function () {
  var registered = null, instance = null, init = null;
  function post(m) { parent.postMessage(Object.assign({ qtiPci: true }, m), '*'); }
  function report() {
    if (!instance) return;
    try { post({ type: 'response', response: instance.getResponse(), state: instance.getState ? instance.getState() : null }); }
    catch (e) { post({ type: 'error', message: String(e && e.message || e) }); }
  }
  var context = { register: function (pci) { registered = pci; start(); } };
  window.qtiCustomInteractionContext = context;
  var defined = { qtiCustomInteractionContext: context }, waiting = {}, running = null;
  window.define = function (name, deps, factory) {
    if (typeof name !== 'string') { factory = deps; deps = name; name = running; }
    if (!Array.isArray(deps)) { factory = deps; deps = []; }
    waiting[name] = { deps: deps, factory: factory };
  };
  window.define.amd = {};
  function load(id) {
    if (id in defined) return defined[id];
    var m = waiting[id];
    if (!m) throw new Error('module dependency not available: ' + id);
    delete waiting[id];
    var args = m.deps.map(function (d) { return d === 'require' ? load : load(d); });
    defined[id] = typeof m.factory === 'function' ? m.factory.apply(null, args) : m.factory;
    return defined[id];
  }
  function run(id, code) {
    running = id;
    var s = document.createElement('script');
    s.textContent = code;
    document.head.appendChild(s);
    running = null;
  }
  function start() {
    if (!registered || !init || instance) return;
    var dom = document.getElementById('pci');
    dom.innerHTML = init.markup;
    var config = {
      properties: init.properties, contextVariables: {}, templateVariables: {},
      boundTo: init.boundTo,
      onready: function (i) { instance = i || instance; report(); },
      ondone: function () { report(); }
    };
    instance = registered.getInstance(dom, config, init.state || undefined) || instance;
    report();
  }
  ['input', 'change', 'click', 'keyup', 'pointerup'].forEach(function (t) {
    document.addEventListener(t, function () { setTimeout(report, 0); }, true);
  });
  new ResizeObserver(function () { post({ type: 'resize', height: document.documentElement.scrollHeight }); })
    .observe(document.body);
  window.addEventListener('message', function (e) {
    if (e.source !== parent || !e.data || e.data.type !== 'init') return;
    init = e.data;
    try {
      init.modules.forEach(function (m) { run(m[0], m[1]); });
      Object.keys(waiting).forEach(load);
      start();
    }
    catch (err) { post({ type: 'error', message: String(err && err.message || err) }); }
  });
  post({ type: 'loaded' });
})();
</script></body></html>"#;

/// Where the PCI's primary module is: the URL the host's resolver gives
/// for its id, else its `qti-interaction-module` path (resolved like any
/// file of the item), else the module id as a path.
fn module_url(pci: &PortableCustom, cx: &crate::context::RenderCtx) -> Option<String> {
    let id = pci.module.trim();
    if let Some(url) = cx.pci_modules.as_ref().and_then(|m| m.get(id)) {
        return Some(url.clone());
    }
    module_path(pci)
        .map(|m| cx.resolve(&m))
        .filter(|u| !u.is_empty())
}

/// The other `qti-interaction-module`s (the primary module's
/// dependencies): (id, URL), each from the host's resolver or its path.
fn dependency_urls(pci: &PortableCustom, cx: &crate::context::RenderCtx) -> Vec<(String, String)> {
    pci.modules
        .iter()
        .filter(|(id, _, _)| id.trim() != pci.module.trim() && !id.trim().is_empty())
        .filter_map(|(id, primary, _)| {
            let id = id.trim();
            let url = match cx.pci_modules.as_ref().and_then(|m| m.get(id)) {
                Some(url) => url.clone(),
                None => cx.resolve(primary),
            };
            (!url.is_empty()).then(|| (id.to_string(), url))
        })
        .collect()
}

fn module_path(pci: &PortableCustom) -> Option<String> {
    let id = pci.module.trim();
    pci.modules
        .iter()
        .find(|(mid, _, _)| mid == id)
        .or(pci.modules.first())
        .map(|(_, primary, _)| primary.clone())
        .or_else(|| (!id.is_empty()).then(|| format!("{id}.js")))
        .filter(|p| !p.is_empty())
}

/// Where the start of a PCI stands.
#[derive(Default)]
struct Bridge {
    /// Every module's (id, code), the primary one last.
    code: Option<Vec<(String, String)>>,
    loaded: bool,
    started: bool,
}

#[function_component(PciView)]
pub fn pci_view(p: &InteractionProps) -> Html {
    let InteractionKind::PortableCustom(pci) = &p.interaction.kind else {
        return Html::default();
    };
    let cx = &p.cx;
    let rid = p.interaction.response_identifier.clone();
    let iframe = use_node_ref();
    let height = use_state(|| 120.0);
    let problem = use_state(|| None::<String>);
    // The iframe appears once the module's code is here: a module that
    // cannot be fetched gets a message, not an empty frame.
    let have_code = use_state(|| false);
    let url = module_url(pci, cx);
    {
        // The bridge lives as long as the interaction: init the iframe when
        // it loads, turn its responses into the session's values.
        let (iframe, height, problem) = (iframe.clone(), height.clone(), problem.clone());
        let have_code = have_code.clone();
        let (cx, pci, url) = (cx.clone(), pci.clone(), url.clone());
        let dependencies = dependency_urls(&pci, &cx);
        let current = cx.value(&rid).clone();
        // What the PCI reported of itself last time, for `getInstance`.
        let saved_state = cx.session.0.interaction_state(&rid).map(str::to_string);
        use_effect_with(rid.clone(), move |rid| {
            let rid = rid.clone();
            // The iframe says when it is ready; the module's code arrives
            // from the network: whichever comes second starts the PCI.
            let bridge = Rc::new(RefCell::new(Bridge::default()));
            // The state last kept: only a change is passed on.
            let last_state = Rc::new(RefCell::new(saved_state.clone()));
            let start = {
                let (bridge, iframe, pci, rid) =
                    (bridge.clone(), iframe.clone(), pci.clone(), rid.clone());
                Rc::new(move || {
                    let mut b = bridge.borrow_mut();
                    if b.started || !b.loaded {
                        return;
                    }
                    let (Some(code), Some(frame)) =
                        (b.code.clone(), iframe.cast::<HtmlIFrameElement>())
                    else {
                        return;
                    };
                    b.started = true;
                    send_init(&frame, &pci, code, &rid, &current, saved_state.as_deref());
                })
            };
            if let Some(url) = url.clone() {
                let (bridge, problem, start) = (bridge.clone(), problem.clone(), start.clone());
                let have_code = have_code.clone();
                let mut sources = dependencies.clone();
                sources.push((pci.module.trim().to_string(), url));
                wasm_bindgen_futures::spawn_local(async move {
                    let mut modules = Vec::with_capacity(sources.len());
                    for (id, url) in sources {
                        match fetch_text(&url).await {
                            Ok(text) => modules.push((id, text)),
                            Err(e) => return problem.set(Some(format!("{url}: {e}"))),
                        }
                    }
                    bridge.borrow_mut().code = Some(modules);
                    have_code.set(true);
                    start();
                });
            }
            let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    let Some(frame) = iframe.cast::<HtmlIFrameElement>() else {
                        return;
                    };
                    let from_frame = frame
                        .content_window()
                        .is_some_and(|w| e.source().is_some_and(|s| s.loose_eq(w.as_ref())));
                    if !from_frame {
                        return;
                    }
                    let data = e.data();
                    let field =
                        |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or_default();
                    match field("type").as_string().as_deref() {
                        Some("loaded") => {
                            bridge.borrow_mut().loaded = true;
                            start();
                        }
                        Some("resize") => {
                            if let Some(h) = field("height").as_f64() {
                                height.set(h.clamp(60.0, 4000.0));
                            }
                        }
                        Some("response") => {
                            let json = js_sys::JSON::stringify(&field("response"))
                                .ok()
                                .and_then(|s| s.as_string())
                                .and_then(|s| serde_json::from_str(&s).ok());
                            if let Some(json) = json
                                && let Some(value) = from_pci_json(
                                    &json,
                                    cx.declaration(&rid).map(|d| (d.cardinality, d.base_type)),
                                )
                                && value != *cx.value(&rid)
                            {
                                cx.set(&rid, value);
                            }
                            if let Some(state) = pci_state(&field("state"))
                                && last_state.borrow().as_deref() != Some(state.as_str())
                            {
                                *last_state.borrow_mut() = Some(state.clone());
                                cx.on_interaction_state.emit((rid.clone(), state));
                            }
                        }
                        Some("error") => problem.set(field("message").as_string()),
                        _ => {}
                    }
                },
            );
            let window = web_sys::window().expect("a window");
            let _ = window
                .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            move || {
                let _ = window.remove_event_listener_with_callback(
                    "message",
                    listener.as_ref().unchecked_ref(),
                );
                drop(listener);
            }
        });
    }
    let t = cx.t();
    let Some(_) = url else {
        let text = tr!(
            t.pci_no_resolver,
            if pci.type_identifier.is_empty() {
                &pci.module
            } else {
                &pci.type_identifier
            }
        );
        return frame(p, "qti-portable-custom-interaction", text, Html::default());
    };
    let title = tr!(
        t.pci_title,
        if pci.type_identifier.is_empty() {
            &pci.module
        } else {
            &pci.type_identifier
        }
    );
    let body = html! {
        <>
            if *have_code {
                <iframe ref={iframe} class="qti-pci-frame" title={title} sandbox="allow-scripts"
                    srcdoc={RUNTIME} style={format!("height:{}px", *height)} />
            }
            if let Some(message) = &*problem {
                <p class="qti-validation-message" role="alert">{ tr!(t.pci_failed, message) }</p>
            }
        </>
    };
    frame(
        p,
        "qti-portable-custom-interaction",
        t.pci_hint.into(),
        body,
    )
}

/// Hand the iframe what the PCI needs: its code, its markup, its
/// properties (the `data-` attributes, without the prefix) and its value.
/// A PCI's `getState()` as text: a string as it is, anything else as
/// JSON; nothing for null or undefined.
fn pci_state(state: &wasm_bindgen::JsValue) -> Option<String> {
    if state.is_null() || state.is_undefined() {
        return None;
    }
    state
        .as_string()
        .or_else(|| js_sys::JSON::stringify(state).ok()?.as_string())
}

fn send_init(
    frame: &HtmlIFrameElement,
    pci: &PortableCustom,
    modules: Vec<(String, String)>,
    rid: &str,
    current: &Value,
    state: Option<&str>,
) {
    let Some(window) = frame.content_window() else {
        return;
    };
    let properties = js_sys::Object::new();
    for (k, v) in &pci.properties {
        let key = k.strip_prefix("data-").unwrap_or(k);
        let _ = js_sys::Reflect::set(&properties, &key.into(), &v.into());
    }
    let message = js_sys::Object::new();
    let set = |k: &str, v: &wasm_bindgen::JsValue| {
        let _ = js_sys::Reflect::set(&message, &k.into(), v);
    };
    set("type", &"init".into());
    let list = js_sys::Array::new();
    for (id, code) in modules {
        list.push(&js_sys::Array::of2(&id.into(), &code.into()));
    }
    set("modules", &list);
    set(
        "markup",
        &qti_engine::write::write_markup(&pci.markup).into(),
    );
    set("properties", &properties.into());
    // `boundTo`: the response so far, by response identifier.
    let bound = serde_json::json!({ rid: to_pci_json(current) });
    set(
        "boundTo",
        &js_sys::JSON::parse(&bound.to_string()).unwrap_or_default(),
    );
    if let Some(state) = state {
        set("state", &state.into());
    }
    // The iframe is an opaque origin: '*' is the only target that reaches it.
    let _ = window.post_message(&message, "*");
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|e| format!("{e:?}"))?;
    wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|e| format!("{e:?}"))?
        .as_string()
        .ok_or_else(|| "not text".into())
}

/// IMS PCI JSON (`{"base": {"integer": 3}}`, `{"list": {"identifier":
/// [..]}}`, `{"base": null}`) to a value of the response's declared shape.
pub fn from_pci_json(
    json: &serde_json::Value,
    shape: Option<(Cardinality, Option<BaseType>)>,
) -> Option<Value> {
    let (cardinality, base_type) = shape?;
    let base_type = base_type?;
    let scalar = |v: &serde_json::Value| -> Option<Scalar> {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(a) => a
                .iter()
                .map(|x| x.to_string().trim_matches('"').to_string())
                .collect::<Vec<_>>()
                .join(" "),
            other => other.to_string(),
        };
        Scalar::parse(base_type, &text).ok()
    };
    // Only the declared base type is read; anything else is not a response.
    let typed = |o: &serde_json::Value| o.get(base_type.as_str()).cloned();
    if let Some(base) = json.get("base") {
        if base.is_null() {
            return Some(Value::Null);
        }
        let s = scalar(&typed(base)?)?;
        return Some(match cardinality {
            Cardinality::Single => Value::Single(s),
            other => Value::container(other, vec![s]),
        });
    }
    if let Some(list) = json.get("list") {
        let items = typed(list)?;
        let items: Option<Vec<Scalar>> = items.as_array()?.iter().map(scalar).collect();
        let items = items?;
        return Some(match cardinality {
            Cardinality::Single => items.into_iter().next().map_or(Value::Null, Value::Single),
            other => Value::container(other, items),
        });
    }
    None
}

/// A value as IMS PCI JSON, for `boundTo` (the response so far).
pub fn to_pci_json(v: &Value) -> serde_json::Value {
    let scalar = |s: &Scalar| match s {
        Scalar::Integer(n) => serde_json::json!(n),
        Scalar::Float(f) => serde_json::json!(f),
        Scalar::Boolean(b) => serde_json::json!(b),
        other => serde_json::json!(other.to_string()),
    };
    match v {
        Value::Single(s) => serde_json::json!({ "base": { s.base_type().as_str(): scalar(s) } }),
        Value::Null => serde_json::json!({ "base": null }),
        other => {
            let items = other.items();
            match items.first() {
                Some(first) => {
                    serde_json::json!({ "list": { first.base_type().as_str(): items.iter().map(scalar).collect::<Vec<_>>() } })
                }
                None => serde_json::json!({ "list": null }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn pci_json_responses_become_values() {
        let single = Some((Cardinality::Single, Some(BaseType::Integer)));
        let v = from_pci_json(&serde_json::json!({"base": {"integer": 4}}), single).unwrap();
        assert_eq!(v, Value::integer(4));
        assert_eq!(to_pci_json(&v), serde_json::json!({"base": {"integer": 4}}));
        assert_eq!(
            from_pci_json(&serde_json::json!({"base": null}), single),
            Some(Value::Null)
        );
        assert_eq!(
            from_pci_json(&serde_json::json!({"base": {"string": "4"}}), single),
            None,
            "a value of another type is not a response"
        );
        let multiple = Some((Cardinality::Multiple, Some(BaseType::Identifier)));
        let v = from_pci_json(
            &serde_json::json!({"list": {"identifier": ["A", "B"]}}),
            multiple,
        )
        .unwrap();
        assert_eq!(v.items().len(), 2);
        let point = Some((Cardinality::Single, Some(BaseType::Point)));
        assert!(from_pci_json(&serde_json::json!({"base": {"point": [10, 20]}}), point).is_some());
    }
}
