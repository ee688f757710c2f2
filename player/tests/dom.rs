//! The player in a real browser (headless Chromium via wasm-bindgen-test):
//! render a choice item, answer it, submit, and see the outcome reported.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use qti_engine::Value;
use qti_player::{ItemPlayer, ItemPlayerProps, PlayerEvent};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const ITEM: &str = include_str!("../../items/qti30/choice-planet.xml");

fn click(selector: &str) {
    gloo::utils::document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
async fn choice_item_renders_scores_and_reports_outcomes() {
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let props = ItemPlayerProps {
        seed: 1,
        ..ItemPlayerProps::new(
            ITEM,
            Callback::from(move |e: PlayerEvent| sink.borrow_mut().push(e)),
        )
    };
    yew::Renderer::<ItemPlayer>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    assert_eq!(radios.length(), 3, "one radio per simpleChoice");
    let group = root.query_selector("[role=group]").unwrap().unwrap();
    let label_id = group
        .get_attribute("aria-labelledby")
        .expect("group is labelled");
    let legend = root
        .query_selector(&format!("#{label_id}"))
        .unwrap()
        .expect("the label element exists")
        .text_content()
        .unwrap();
    assert!(
        legend.contains("red planet"),
        "the prompt names the group: {legend}"
    );
    click("[data-choice-identifier=MARS]");
    yew::scheduler::flush().await;
    click(".qti-submit");
    yew::scheduler::flush().await;
    let events = events.borrow();
    assert!(events.contains(&PlayerEvent::ResponseChanged(
        "RESPONSE".into(),
        Value::identifier("MARS")
    )));
    let outcomes = events
        .iter()
        .find_map(|e| match e {
            PlayerEvent::OutcomesChanged(o) => Some(o.clone()),
            _ => None,
        })
        .expect("outcomes reported");
    assert!(outcomes.contains(&("SCORE".to_string(), Value::float(1.0))));
}

/// Inside a package, an item's relative image path resolves to the URL the
/// host made for that file of the package; a file the package lacks gets
/// no URL at all (never a request outside the package).
#[wasm_bindgen_test]
async fn package_files_resolve_relative_media() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="p" title="P" adaptive="false" timeDependent="false">
      <itemBody><p><img src="../images/a.png" alt="A"/><img src="missing.png" alt="B"/></p></itemBody></assessmentItem>"#;
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let files: std::collections::BTreeMap<String, String> = [(
        "images/a.png".to_string(),
        "blob:https://studio/a".to_string(),
    )]
    .into();
    let props = ItemPlayerProps {
        seed: 1,
        base_url: AttrValue::Static("items/q.xml"),
        id_prefix: AttrValue::Static("pkg"),
        files: Some(Rc::new(files)),
        ..ItemPlayerProps::new(xml, Callback::noop())
    };
    yew::Renderer::<ItemPlayer>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let imgs = root.query_selector_all("img").unwrap();
    let src = |i: u32| {
        imgs.item(i)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap()
            .get_attribute("src")
            .unwrap_or_default()
    };
    assert_eq!(src(0), "blob:https://studio/a");
    assert_eq!(src(1), "");
    // Other tests of this page look up controls document-wide.
    root.remove();
}

/// Each tool button opens its tool and closes it again; the others stay as
/// they are.
#[wasm_bindgen_test]
async fn toolbar_buttons_open_and_close_their_tools() {
    use qti_player::tools::{Tool, Toolbar, ToolbarProps};
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let props = ToolbarProps {
        tools: vec![Tool::LineReader, Tool::Protractor],
        id_prefix: "tb".into(),
        locale: Default::default(),
    };
    yew::Renderer::<Toolbar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        root.query_selector_all("button.qti-tool-button")
            .unwrap()
            .length(),
        2
    );
    // Looked up each time: a render may replace the buttons.
    let button = |i: u32| {
        root.query_selector_all("button.qti-tool-button")
            .unwrap()
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::HtmlElement>()
            .unwrap()
    };
    let pressed = |i: u32| button(i).get_attribute("aria-pressed").unwrap();
    let shown = |selector: &str| root.query_selector(selector).unwrap().is_some();
    assert_eq!((pressed(0), pressed(1)), ("false".into(), "false".into()));
    button(0).click();
    yew::scheduler::flush().await;
    button(1).click();
    yew::scheduler::flush().await;
    assert_eq!((pressed(0), pressed(1)), ("true".into(), "true".into()));
    assert!(shown(".qti-line-reader") && shown(".qti-protractor"));
    button(0).click();
    yew::scheduler::flush().await;
    assert_eq!((pressed(0), pressed(1)), ("false".into(), "true".into()));
    assert!(!shown(".qti-line-reader") && shown(".qti-protractor"));
    button(1).click();
    yew::scheduler::flush().await;
    assert_eq!(pressed(1), "false");
    assert!(!shown(".qti-protractor"));
    root.remove();
}

/// Waits `ms` milliseconds (a timeout: the page's other tasks run).
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// The warm-up plays its item (every interaction answered right, so every
/// branch of its processing runs), reports the outcomes to its caller
/// alone, and removes its element from the page.
#[wasm_bindgen_test]
async fn warm_up_scores_its_item_off_the_page_and_leaves_nothing() {
    let body = gloo::utils::body();
    let children = body.child_element_count();
    let result = Rc::new(RefCell::new(None));
    let sink = result.clone();
    qti_player::warm_up::warm_up(move |outcomes| *sink.borrow_mut() = Some(outcomes));
    let hidden = body.last_element_child().expect("the warm-up's element");
    assert_eq!(hidden.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert!(hidden.has_attribute("inert"), "nothing in it takes focus");
    for _ in 0..200 {
        if result.borrow().is_some() {
            break;
        }
        sleep(10).await;
    }
    let outcomes = result.borrow_mut().take().expect("the warm-up finished");
    assert!(outcomes.contains(&("SCORE".to_string(), Value::float(4.0))));
    assert!(outcomes.contains(&("FEEDBACK".to_string(), Value::identifier("FULL"))));
    sleep(10).await;
    assert_eq!(body.child_element_count(), children, "its element is gone");
}

/// Changes made together (a host's `setResponses`) are saved together: each
/// response is reported, and the session state once, holding all of them.
#[wasm_bindgen_test]
async fn a_batch_of_changes_sends_the_state_once() {
    let root = gloo::utils::document().create_element("div").unwrap();
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let props = ItemPlayerProps::new(
        qti_player::warm_up::ITEM,
        Callback::from(move |e: PlayerEvent| sink.borrow_mut().push(e)),
    );
    let app = yew::Renderer::<ItemPlayer>::with_root_and_props(root, props).render();
    yew::scheduler::flush().await;
    events.borrow_mut().clear();
    for (id, value) in qti_player::warm_up::answers().into_iter().take(3) {
        app.send_message(qti_player::Msg::SetResponse(id.into(), value));
    }
    yew::scheduler::flush().await;
    let events = events.borrow();
    let changed = events
        .iter()
        .filter(|e| matches!(e, PlayerEvent::ResponseChanged(..)))
        .count();
    let states: Vec<&String> = events
        .iter()
        .filter_map(|e| match e {
            PlayerEvent::StateChanged(json) => Some(json),
            _ => None,
        })
        .collect();
    assert_eq!(changed, 3, "each response is reported");
    assert_eq!(states.len(), 1, "the state is sent once: {states:?}");
    for id in ["CHOICE", "CHOICES", "TEXT"] {
        assert!(
            states[0].contains(id),
            "the state holds {id}: {}",
            states[0]
        );
    }
    app.destroy();
}
