//! Every sample item in a real browser (headless Chromium via
//! wasm-bindgen-test): render it, answer it through the DOM the way a
//! candidate would (clicks, selects, typing, keys), submit, and check the
//! SCORE the engine reports.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use qti_engine::Value;
use qti_player::{ItemPlayer, ItemPlayerProps, PlayerEvent};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

enum Act {
    Click(&'static str),
    Select(&'static str, &'static str),
    Type(&'static str, &'static str),
    Key(&'static str, &'static str),
}
use Act::*;

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn bubbling(kind: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()
}

fn act(root: &Element, a: &Act) {
    match a {
        Click(sel) => {
            let el = find(root, sel);
            match el.dyn_ref::<HtmlElement>() {
                Some(h) => h.click(),
                // SVG shapes have no click(): dispatch the event.
                None => {
                    el.dispatch_event(&bubbling("click")).unwrap();
                }
            }
        }
        Select(sel, value) => {
            let s: HtmlSelectElement = find(root, sel).dyn_into().unwrap();
            s.set_value(value);
            s.dispatch_event(&bubbling("change")).unwrap();
        }
        Type(sel, text) => {
            let el = find(root, sel);
            if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                i.set_value(text);
            } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
                t.set_value(text);
            }
            let init = web_sys::InputEventInit::new();
            init.set_bubbles(true);
            let e = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
            el.dispatch_event(&e).unwrap();
        }
        Key(sel, key) => {
            let init = web_sys::KeyboardEventInit::new();
            init.set_bubbles(true);
            init.set_key(key);
            let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                .unwrap();
            find(root, sel).dispatch_event(&e).unwrap();
        }
    }
}

/// Renders `xml`, performs `acts`, submits and returns the reported SCORE.
async fn score(xml: &'static str, acts: &[Act]) -> (Value, Element) {
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let props = ItemPlayerProps {
        seed: 7,
        base_url: AttrValue::Static("items/qti22/x.xml"),
        validate_responses: true,
        id_prefix: AttrValue::Static("t"),
        ..ItemPlayerProps::new(
            xml,
            Callback::from(move |e: PlayerEvent| sink.borrow_mut().push(e)),
        )
    };
    yew::Renderer::<ItemPlayer>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    for a in acts {
        act(&root, a);
        yew::scheduler::flush().await;
    }
    act(&root, &Click(".qti-submit"));
    yew::scheduler::flush().await;
    let events = events.borrow();
    if !events
        .iter()
        .any(|e| matches!(e, PlayerEvent::OutcomesChanged(_)))
    {
        return (Value::Null, root);
    }
    let outcomes = events
        .iter()
        .rev()
        .find_map(|e| match e {
            PlayerEvent::OutcomesChanged(o) => Some(o.clone()),
            _ => None,
        })
        .expect("outcomes reported");
    let score = outcomes
        .into_iter()
        .find(|(k, _)| k == "SCORE")
        .map(|(_, v)| v)
        .expect("SCORE reported");
    (score, root)
}

macro_rules! item {
    ($path:literal) => {
        include_str!(concat!("../../items/", $path))
    };
}

#[wasm_bindgen_test]
async fn choice_multiple_with_map_response() {
    let acts = [
        Click("[data-choice-identifier=TWO]"),
        Click("[data-choice-identifier=THREE]"),
        Click("[data-choice-identifier=FIVE]"),
    ];
    assert_eq!(
        score(item!("qti22/choice-multiple-primes.xml"), &acts)
            .await
            .0,
        Value::float(3.0)
    );
    let acts = [
        Click("[data-choice-identifier=TWO]"),
        Click("[data-choice-identifier=NINE]"),
    ];
    assert_eq!(
        score(item!("qti22/choice-multiple-primes.xml"), &acts)
            .await
            .0,
        Value::float(0.0)
    );
}

#[wasm_bindgen_test]
async fn order_by_move_buttons() {
    // Presented: Earth, Mars, Mercury, Venus. Wanted: Mercury, Venus, Earth, Mars.
    let acts = [
        Click("[data-choice-identifier=MERCURY] .qti-move-up"),
        Click("[data-choice-identifier=MERCURY] .qti-move-up"),
        Click("[data-choice-identifier=VENUS] .qti-move-up"),
        Click("[data-choice-identifier=VENUS] .qti-move-up"),
    ];
    assert_eq!(
        score(item!("qti22/order-planets.xml"), &acts).await.0,
        Value::float(1.0)
    );
}

#[wasm_bindgen_test]
async fn associate_by_selects() {
    let acts = [
        Select("#t-RESPONSE-first", "COLD"),
        Select("#t-RESPONSE-second", "HOT"),
        Click(".qti-add-pair"),
        Select("#t-RESPONSE-first", "UP"),
        Select("#t-RESPONSE-second", "DOWN"),
        Click(".qti-add-pair"),
    ];
    let (s, root) = score(item!("qti22/associate-opposites.xml"), &acts).await;
    assert_eq!(s, Value::float(2.0), "pairs are unordered");
    assert_eq!(
        root.query_selector_all(".qti-pairs li").unwrap().length(),
        2
    );
}

#[wasm_bindgen_test]
async fn match_grid() {
    let acts = [
        Click("[data-pair='FR PARIS']"),
        Click("[data-pair='DE BERLIN']"),
        Click("[data-pair='IT BERLIN']"),
    ];
    let (s, root) = score(item!("qti22/match-capitals.xml"), &acts).await;
    // matchMax=1 on Berlin: the third click was refused (the box is disabled).
    assert_eq!(s, Value::float(2.0));
    let it_berlin: HtmlInputElement = find(&root, "[data-pair='IT BERLIN']").dyn_into().unwrap();
    assert!(it_berlin.disabled() && !it_berlin.checked());
}

#[wasm_bindgen_test]
async fn gap_match_selects() {
    let acts = [
        Select("[data-gap-identifier=G1]", "WINTER"),
        Select("[data-gap-identifier=G2]", "SUMMER"),
    ];
    assert_eq!(
        score(item!("qti22/gap-match-seasons.xml"), &acts).await.0,
        Value::float(2.0)
    );
}

#[wasm_bindgen_test]
async fn inline_choice() {
    let acts = [Select(".qti-inline-choice-interaction select", "GOES")];
    assert_eq!(
        score(item!("qti22/inline-choice-verb.xml"), &acts).await.0,
        Value::float(1.0)
    );
}

#[wasm_bindgen_test]
async fn text_entry_binds_integers() {
    let acts = [Type(".qti-text-entry", "12")];
    assert_eq!(
        score(item!("qti22/text-entry-sum.xml"), &acts).await.0,
        Value::float(1.0)
    );
    let acts = [Type(".qti-text-entry", "twelve")];
    let (s, root) = score(item!("qti22/text-entry-sum.xml"), &acts).await;
    assert_eq!(s, Value::float(0.0));
    let msg = find(&root, ".qti-text-entry-interaction .qti-validation-message")
        .text_content()
        .unwrap();
    assert!(msg.contains("whole number"), "the problem is shown: {msg}");
}

#[wasm_bindgen_test]
async fn extended_text() {
    let acts = [Type("textarea", "Autumn: leaves fall and it rains.")];
    assert_eq!(
        score(item!("qti22/extended-text-essay.xml"), &acts).await.0,
        Value::float(1.0)
    );
}

#[wasm_bindgen_test]
async fn hottext() {
    let acts = [Click("[data-choice-identifier=H2]")];
    assert_eq!(
        score(item!("qti22/hottext-error.xml"), &acts).await.0,
        Value::float(1.0)
    );
}

#[wasm_bindgen_test]
async fn hotspot_by_keyboard() {
    let acts = [Key("[data-hotspot-identifier=LAKE]", "Enter")];
    let (s, root) = score(item!("qti22/hotspot-lake.xml"), &acts).await;
    assert_eq!(s, Value::float(1.0));
    let lake = find(&root, "[data-hotspot-identifier=LAKE]");
    assert_eq!(lake.get_attribute("aria-checked").as_deref(), Some("true"));
    assert_eq!(lake.get_attribute("aria-label").as_deref(), Some("Lake"));
}

#[wasm_bindgen_test]
async fn select_point_by_keyboard() {
    // The cursor starts at the centre (100, 100) of the 200×200 grid: the origin.
    let acts = [
        Key(".qti-point-cursor", "ArrowLeft"),
        Key(".qti-point-cursor", "ArrowRight"),
        Key(".qti-point-cursor", "Enter"),
    ];
    let (s, root) = score(item!("qti22/select-point-origin.xml"), &acts).await;
    assert_eq!(s, Value::float(1.0));
    assert!(
        root.query_selector("[data-point='100 100']")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn graphic_order() {
    let acts = [
        Key("[data-hotspot-identifier=HARBOUR]", "Enter"),
        Key("[data-hotspot-identifier=TOWN]", " "),
        Click("[data-hotspot-identifier=LAKE]"),
    ];
    assert_eq!(
        score(item!("qti22/graphic-order-trip.xml"), &acts).await.0,
        Value::float(1.0)
    );
}

#[wasm_bindgen_test]
async fn graphic_associate() {
    let acts = [
        Select("#t-RESPONSE-first", "HARBOUR"),
        Select("#t-RESPONSE-second", "TOWN"),
        Click(".qti-add-pair"),
    ];
    let (s, root) = score(item!("qti22/graphic-associate-roads.xml"), &acts).await;
    assert_eq!(s, Value::float(1.0));
    assert!(
        root.query_selector(".qti-association-line")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn graphic_gap_match() {
    let acts = [
        Select("select[data-hotspot-identifier=HARBOUR]", "BOAT"),
        Select("select[data-hotspot-identifier=FOREST]", "TENT"),
    ];
    assert_eq!(
        score(item!("qti22/graphic-gap-match-camp.xml"), &acts)
            .await
            .0,
        Value::float(2.0)
    );
}

#[wasm_bindgen_test]
async fn position_object_by_keyboard() {
    // From the centre (200, 150) to (190, 200) in the town: one step left, five down.
    let mut acts = vec![Key(".qti-point-cursor", "ArrowLeft")];
    for _ in 0..5 {
        acts.push(Key(".qti-point-cursor", "ArrowDown"));
    }
    acts.push(Key(".qti-point-cursor", "Enter"));
    let (s, root) = score(item!("qti22/position-object-flag.xml"), &acts).await;
    assert_eq!(s, Value::float(1.0));
    assert!(root.query_selector(".qti-placed-object").unwrap().is_some());
    // The candidate sees what they place: the flag before the stage, and
    // faintly at the keyboard cursor.
    let source = root
        .query_selector(".qti-position-object-source img")
        .unwrap()
        .expect("the object to place is shown");
    assert_eq!(source.get_attribute("alt").as_deref(), Some("Flag"));
    assert!(source.get_attribute("src").unwrap().ends_with("flag.svg"));
    assert!(
        root.query_selector(".qti-point-cursor .qti-cursor-object")
            .unwrap()
            .is_some()
    );
    let remove = root.query_selector(".qti-remove-point").unwrap().unwrap();
    assert_eq!(
        remove.get_attribute("aria-label").as_deref(),
        Some("Remove point at 190, 200")
    );
}

#[wasm_bindgen_test]
async fn slider() {
    let acts = [Type("input[type=range]", "100")];
    assert_eq!(
        score(item!("qti22/slider-boiling.xml"), &acts).await.0,
        Value::float(1.0)
    );
}

#[wasm_bindgen_test]
async fn end_attempt_shows_the_hint() {
    let root_score = score(
        item!("qti22/end-attempt-hint.xml"),
        &[Click(".qti-end-attempt-interaction")],
    )
    .await;
    // The hint button ended the attempt: no score, the hint feedback shows.
    assert_eq!(root_score.0, Value::float(0.0));
    let fb = find(&root_score.1, ".qti-feedback-block")
        .text_content()
        .unwrap();
    assert!(fb.contains("breathe"), "{fb}");
    let (s, _) = score(
        item!("qti22/end-attempt-hint.xml"),
        &[Click("[data-choice-identifier=B]")],
    )
    .await;
    assert_eq!(s, Value::float(1.0));
}

#[wasm_bindgen_test]
async fn templates_printed_variables_and_feedback() {
    let (s, root) = score(item!("qti22/feedback-template-arithmetic.xml"), &[]).await;
    assert_eq!(s, Value::float(0.0));
    let printed: Vec<String> = (0..2)
        .map(|n| {
            root.query_selector_all(".qti-printed-variable")
                .unwrap()
                .get(n)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    let a: i64 = printed[0].trim().parse().expect("A printed");
    let b: i64 = printed[1].trim().parse().expect("B printed");
    assert!((2..=9).contains(&a) && (2..=9).contains(&b));
    let inline = find(&root, ".qti-feedback-inline").text_content().unwrap();
    assert_eq!(inline.trim(), "Not yet.");
    let dialog: web_sys::HtmlDialogElement =
        find(&root, "dialog.qti-modal-feedback").dyn_into().unwrap();
    assert!(dialog.open(), "modal feedback opens after processing");
    assert!(dialog.text_content().unwrap().contains("Try again"));
}

#[wasm_bindgen_test]
async fn media_upload_drawing_and_custom_render() {
    // minPlays=1: submitting without listening is refused, with a message.
    let (s, root) = score(item!("qti22/media-listen.xml"), &[]).await;
    assert_eq!(s, Value::Null);
    assert!(root.query_selector("audio.qti-media").unwrap().is_some());
    let msg = find(&root, ".qti-media-interaction .qti-validation-message")
        .text_content()
        .unwrap();
    assert!(msg.contains("at least 1"), "{msg}");
    for (xml, selector) in [
        (
            item!("qti22/upload-photo.xml"),
            "input[type=file][accept='image/png']",
        ),
        (
            item!("qti22/drawing-sun.xml"),
            "canvas.qti-drawing-canvas[tabindex='0']",
        ),
        (
            item!("qti22/custom-widget.xml"),
            ".qti-custom-interaction[role=note]",
        ),
    ] {
        let (s, root) = score(xml, &[]).await;
        assert_eq!(s, Value::float(0.0), "unanswered scores 0");
        assert!(
            root.query_selector(selector).unwrap().is_some(),
            "{selector}"
        );
    }
}

/// validateResponses: minChoices unmet refuses the submission and says
/// why beside the interaction (announced: role=alert); once met, it scores.
#[wasm_bindgen_test]
async fn validation_messages_block_submission() {
    const ITEM: &str = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="v" title="v" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier"><correctResponse><value>A</value><value>B</value></correctResponse></responseDeclaration>
      <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
      <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="3" minChoices="2"><prompt>Two at least</prompt>
        <simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice><simpleChoice identifier="C">c</simpleChoice></choiceInteraction></itemBody>
      <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
    </assessmentItem>"#;
    let (s, root) = score(ITEM, &[Click("[data-choice-identifier=A]")]).await;
    assert_eq!(s, Value::Null, "not submitted");
    let msg = find(&root, ".qti-choice-interaction .qti-validation-message");
    assert_eq!(msg.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(msg.text_content().unwrap(), "Select at least 2 choices.");
    let group = find(&root, ".qti-choice-interaction");
    assert_eq!(group.get_attribute("aria-invalid").as_deref(), Some("true"));
    let acts = [
        Click("[data-choice-identifier=A]"),
        Click("[data-choice-identifier=B]"),
    ];
    assert_eq!(score(ITEM, &acts).await.0, Value::float(1.0));
}

/// MathML is rendered natively (MathML namespace), `xml:lang` becomes
/// `lang` and `dir` is kept; a typed float binds and scores.
#[wasm_bindgen_test]
async fn mathml_lang_and_dir_reach_the_dom() {
    let (s, root) = score(
        item!("qti22/math-fraction.xml"),
        &[Type(".qti-text-entry", "0.75")],
    )
    .await;
    assert_eq!(s, Value::float(1.0));
    let math = find(&root, "math");
    assert_eq!(
        math.namespace_uri().as_deref(),
        Some("http://www.w3.org/1998/Math/MathML")
    );
    let frac = find(&root, "mfrac");
    assert_eq!(
        frac.namespace_uri().as_deref(),
        Some("http://www.w3.org/1998/Math/MathML")
    );
    let rtl = find(&root, "p[dir=rtl]");
    assert_eq!(rtl.get_attribute("lang").as_deref(), Some("he"));
}

/// The player's own words are in the player's language and direction; the
/// item's content keeps the item's (WCAG 3.1.2, language of parts), so a
/// screen reader reads each with the right voice.
#[wasm_bindgen_test]
async fn the_player_s_words_and_the_item_s_each_keep_their_language() {
    const HEBREW: &str = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="he" title="מים" adaptive="false" timeDependent="false" xml:lang="he">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>A</value></correctResponse></responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody><div dir="rtl"><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>איזה?</prompt>
    <simpleChoice identifier="A">חנקן</simpleChoice><simpleChoice identifier="B">פחם</simpleChoice></choiceInteraction></div></itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
</assessmentItem>"#;
    let (s, root) = score(HEBREW, &[Click("[data-choice-identifier=A]")]).await;
    assert_eq!(s, Value::float(1.0));
    let lang = |selector: &str| find(&root, selector).get_attribute("lang");
    assert_eq!(lang(".qti-player").as_deref(), Some("en"));
    assert_eq!(lang(".qti-item-title").as_deref(), Some("he"));
    assert_eq!(lang(".qti-item-body").as_deref(), Some("he"));
    assert_eq!(lang(".qti-hint").as_deref(), Some("en"));
    assert_eq!(lang(".qti-validation-message").as_deref(), Some("en"));
    assert_eq!(
        find(&root, ".qti-hint").get_attribute("dir").as_deref(),
        Some("ltr")
    );
    // The item's right-to-left content keeps its direction.
    assert!(
        root.query_selector(".qti-item-body div[dir=rtl]")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn drawing_by_keyboard_gives_a_png() {
    let acts = [
        Key("canvas", " "),
        Key("canvas", "ArrowRight"),
        Key("canvas", "ArrowDown"),
    ];
    assert_eq!(
        score(item!("qti22/drawing-sun.xml"), &acts).await.0,
        Value::float(1.0)
    );
}
