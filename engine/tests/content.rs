//! The item body as a typed content tree (ASI 2.2 §3 "content model" and
//! §5 "interactions"; QTI 3 ASI the same with qti- names).

use qti_engine::model::content::{
    ContentNode, InteractionKind, Orientation, ShowHide, TextFormat, interactions, walk,
};
use qti_engine::read_item;

mod common;
use common::items_dir;

/// Our sample items cover all 21 interactions of QTI 2.2 plus QTI 3's PCI,
/// and every one reads without a warning.
#[test]
fn sample_items_cover_every_interaction() {
    let mut seen = std::collections::BTreeSet::new();
    for (path, bytes) in common::sample_items() {
        let read = read_item(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(read.warnings.is_empty(), "{path}: {:?}", read.warnings);
        for i in interactions(&read.item.body.unwrap().content) {
            seen.insert(i.element_name());
        }
    }
    let all = [
        "choiceInteraction",
        "orderInteraction",
        "associateInteraction",
        "matchInteraction",
        "gapMatchInteraction",
        "inlineChoiceInteraction",
        "textEntryInteraction",
        "extendedTextInteraction",
        "hottextInteraction",
        "hotspotInteraction",
        "selectPointInteraction",
        "graphicOrderInteraction",
        "graphicAssociateInteraction",
        "graphicGapMatchInteraction",
        "positionObjectInteraction",
        "sliderInteraction",
        "mediaInteraction",
        "drawingInteraction",
        "uploadInteraction",
        "endAttemptInteraction",
        "customInteraction",
        "portableCustomInteraction",
    ];
    let missing: Vec<_> = all.iter().filter(|n| !seen.contains(*n)).collect();
    assert!(missing.is_empty(), "no sample item uses {missing:?}");
}

const QTI2: &str = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="i" title="t" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="R" cardinality="multiple" baseType="directedPair"/>
  <responseDeclaration identifier="S" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="FB" cardinality="single" baseType="identifier"/>
  <itemBody class="qti-layout-row">
    <gapMatchInteraction responseIdentifier="R" shuffle="true" class="qti-choices-top">
      <prompt>Fill <b>the</b> gaps</prompt>
      <gapText identifier="A" matchMax="1" fixed="true">alpha</gapText>
      <gapText identifier="B" matchMax="2" templateIdentifier="T" showHide="hide">beta</gapText>
      <p data-catalog-idref="c1">One <gap identifier="G1" required="true"/> two.</p>
    </gapMatchInteraction>
    <sliderInteraction responseIdentifier="S" lowerBound="-1.5" upperBound="1E1" step="0.5" stepLabel="true" orientation="vertical" reverse="true"/>
    <feedbackBlock outcomeIdentifier="FB" identifier="X" showHide="hide"><p>fb</p></feedbackBlock>
    <printedVariable identifier="S" format="%.2f" base="10"/>
  </itemBody>
</assessmentItem>"#;

const QTI3: &str = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="i" title="t" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="R" cardinality="multiple" base-type="directedPair"/>
  <qti-response-declaration identifier="S" cardinality="single" base-type="float"/>
  <qti-outcome-declaration identifier="FB" cardinality="single" base-type="identifier"/>
  <qti-item-body class="qti-layout-row">
    <qti-gap-match-interaction response-identifier="R" shuffle="true" class="qti-choices-top">
      <qti-prompt>Fill <b>the</b> gaps</qti-prompt>
      <qti-gap-text identifier="A" match-max="1" fixed="true">alpha</qti-gap-text>
      <qti-gap-text identifier="B" match-max="2" template-identifier="T" show-hide="hide">beta</qti-gap-text>
      <p data-catalog-idref="c1">One <qti-gap identifier="G1" required="true"/> two.</p>
    </qti-gap-match-interaction>
    <qti-slider-interaction response-identifier="S" lower-bound="-1.5" upper-bound="1E1" step="0.5" step-label="true" orientation="vertical" reverse="true"/>
    <qti-feedback-block outcome-identifier="FB" identifier="X" show-hide="hide"><qti-content-body><p>fb</p></qti-content-body></qti-feedback-block>
    <qti-printed-variable identifier="S" format="%.2f" base="10"/>
  </qti-item-body>
</qti-assessment-item>"#;

/// QTI 2.2 camelCase and QTI 3 kebab-case read into the same model
/// (QTI 3's qti-content-body wrapper aside, which we keep as a div).
#[test]
fn qti2_and_qti3_read_into_one_model() {
    let two = read_item(QTI2.as_bytes()).unwrap().item.body.unwrap();
    let three = read_item(QTI3.as_bytes()).unwrap().item.body.unwrap();
    let strip = |mut nodes: Vec<ContentNode>| {
        for n in &mut nodes {
            if let ContentNode::Feedback(f) = n
                && let [ContentNode::Html(div)] = f.content.as_slice()
                && div.tag == "div"
            {
                f.content = div.children.clone();
            }
        }
        nodes
    };
    assert_eq!(two.attrs, three.attrs);
    assert_eq!(strip(two.content.clone()), strip(three.content));
    let found = interactions(&two.content);
    let InteractionKind::GapMatch {
        shuffle,
        choices,
        content,
        ..
    } = &found[0].kind
    else {
        panic!("gapMatch expected");
    };
    assert!(*shuffle);
    assert_eq!(choices.len(), 2);
    assert!(choices[0].fixed && choices[0].match_max == 1);
    assert_eq!(choices[1].template_identifier.as_deref(), Some("T"));
    assert_eq!(choices[1].show_hide, ShowHide::Hide);
    let mut gaps = Vec::new();
    walk(content, &mut |n| {
        if let ContentNode::Gap(g) = n {
            gaps.push((g.identifier.clone(), g.required));
        }
    });
    assert_eq!(gaps, [("G1".to_string(), true)]);
    assert!(
        found[0]
            .attrs
            .contains(&("class".into(), "qti-choices-top".into()))
    );
    let InteractionKind::Slider {
        lower_bound,
        upper_bound,
        step,
        step_label,
        orientation,
        reverse,
    } = &found[1].kind
    else {
        panic!("slider expected");
    };
    assert_eq!((*lower_bound, *upper_bound, *step), (-1.5, 10.0, Some(0.5)));
    assert!(*step_label && *reverse);
    assert_eq!(*orientation, Some(Orientation::Vertical));
}

/// Everything the ASI lists for text interactions is kept.
#[test]
fn text_interaction_attributes() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="i" title="t" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="R" cardinality="ordered" baseType="string"/>
      <responseDeclaration identifier="N" cardinality="single" baseType="integer"/>
      <itemBody>
        <extendedTextInteraction responseIdentifier="R" maxStrings="3" minStrings="1" expectedLines="4" format="xhtml" patternMask="[a-z]+" placeholderText="type"/>
        <p><textEntryInteraction responseIdentifier="N" base="16" expectedLength="4" stringIdentifier="R"/></p>
      </itemBody>
    </assessmentItem>"#;
    let body = read_item(xml.as_bytes()).unwrap().item.body.unwrap();
    let found = interactions(&body.content);
    let InteractionKind::ExtendedText {
        text,
        max_strings,
        min_strings,
        expected_lines,
        format,
    } = &found[0].kind
    else {
        panic!()
    };
    assert_eq!(
        (*max_strings, *min_strings, *expected_lines),
        (3, 1, Some(4))
    );
    assert_eq!(*format, TextFormat::Xhtml);
    assert_eq!(text.pattern_mask.as_deref(), Some("[a-z]+"));
    assert_eq!(text.placeholder_text.as_deref(), Some("type"));
    let InteractionKind::TextEntry(t) = &found[1].kind else {
        panic!()
    };
    assert_eq!((t.base, t.expected_length), (16, Some(4)));
    assert_eq!(t.string_identifier.as_deref(), Some("R"));
}

/// Active content never reaches the model; each removal is a warning.
#[test]
fn active_content_is_removed_with_warnings() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="i" title="t" adaptive="false" timeDependent="false">
      <itemBody>
        <script>alert(1)</script>
        <p onclick="x()" style="background:url(javascript:x())">a <a href="javascript:x()">b</a> <img src="data:text/html,x" alt=""/></p>
        <object data="javascript:x()">o</object>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mi href="javascript:x()">x</mi><annotation-xml><script>x()</script></annotation-xml></math>
      </itemBody>
    </assessmentItem>"#;
    let read = read_item(xml.as_bytes()).unwrap();
    let body = read.item.body.unwrap();
    let mut attrs = Vec::new();
    let mut tags = Vec::new();
    walk(&body.content, &mut |n| match n {
        ContentNode::Html(e) | ContentNode::MathMl(e) => {
            tags.push(e.tag.clone());
            attrs.extend(e.attrs.iter().map(|(k, v)| format!("{k}={v}")));
        }
        ContentNode::Object(_) => tags.push("object".into()),
        _ => {}
    });
    assert!(
        !tags
            .iter()
            .any(|t| t == "script" || t == "object" || t == "annotation-xml"),
        "{tags:?}"
    );
    assert_eq!(attrs, ["alt="], "only the harmless attribute is left");
    assert!(read.warnings.len() >= 7, "{:?}", read.warnings);
    assert!(
        read.warnings.iter().all(|w| w.position.is_some()),
        "warnings say where"
    );
}

/// Content that names an undeclared variable is read (it will simply never
/// show or record anything) with a warning naming the identifier.
#[test]
fn undeclared_variables_in_content_are_warnings() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="i" title="t" adaptive="false" timeDependent="false">
      <itemBody><feedbackInline outcomeIdentifier="NOPE" identifier="A">x</feedbackInline></itemBody>
    </assessmentItem>"#;
    let read = read_item(xml.as_bytes()).unwrap();
    assert!(
        read.warnings
            .iter()
            .any(|w| w.message.contains("'NOPE' is not declared"))
    );
}

/// QTI 3 catalogs (ASI 3.0 §"Catalog"): a term's `spoken` card replaces its
/// text when the item is read aloud; `data-qti-suppress-tts` (shared CSS
/// vocabulary) keeps content out of text-to-speech; images are read by
/// their text alternative. Cards pick their entry by language.
#[test]
fn spoken_text_follows_catalogs_and_suppression() {
    let bytes = std::fs::read(items_dir().join("qti30/catalog-photosynthesis.xml")).unwrap();
    let read = read_item(&bytes).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let session = qti_engine::ItemSession::new(std::sync::Arc::new(read.item), 1);
    let visible = qti_engine::processing::text::visible_text(&session);
    let spoken = qti_engine::processing::text::spoken_text(&session);
    assert!(visible.contains("food by photosynthesis."), "{visible}");
    assert!(visible.contains("(Reading aid"), "{visible}");
    assert!(spoken.contains("food by foe-toe-SIN-thuh-sis."), "{spoken}");
    assert!(!spoken.contains("Reading aid"), "{spoken}");
    assert!(spoken.contains("What does a plant need"), "{spoken}");
    // Content hidden by access rules (`qti-hidden`) is neither seen nor heard.
    assert!(
        !visible.contains("guidance") && !spoken.contains("guidance"),
        "{visible}"
    );

    let catalog = &session.item().catalogs[0];
    let translation = catalog.card("keyword-translation").unwrap();
    let text = |nodes: &[ContentNode]| {
        let mut s = String::new();
        walk(nodes, &mut |n| {
            if let ContentNode::Text(t) = n {
                s.push_str(t)
            }
        });
        s
    };
    assert_eq!(text(translation.content_in("fr").unwrap()), "photosynthèse");
    assert_eq!(
        text(translation.content_in("es-MX").unwrap()),
        "fotosíntesis"
    );
    assert!(
        translation.content_in("de").is_none(),
        "no fallback for a translation"
    );
    let sign = catalog.card("sign-language").unwrap();
    assert!(sign.content_for(Some("bfi")).is_some(), "the default entry");
}

/// QTI 3 inline SSML (ASI 3.0 allows SSML 1.1 in content): shown as its
/// content, read aloud as it says — qti-sdk's sample item reads "Dr." as
/// "Drive" and "St." as "street". Written back with its namespace.
#[test]
fn inline_ssml_is_shown_as_content_and_spoken_as_it_says() {
    let xml = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
        xmlns:ssml="http://www.w3.org/2001/10/synthesis" identifier="s" title="S" adaptive="false" time-dependent="false">
      <qti-item-body><p>Maple <ssml:sub alias="Drive">Dr.</ssml:sub>, code
        <ssml:say-as interpret-as="characters">QTI</ssml:say-as><ssml:break time="300ms"/>
        <ssml:emphasis level="strong" onclick="x()">now</ssml:emphasis>.</p>
        <p>On <span data-ssml='{"sub": {"alias": "Chestnut Street"}}'>Chestnut St.</span>
        by <span data-ssml='{"say-as": {"interpret-as": "characters"}}'>NYC</span></p></qti-item-body>
    </qti-assessment-item>"#;
    let read = read_item(xml.as_bytes()).unwrap();
    let session = qti_engine::ItemSession::new(std::sync::Arc::new(read.item.clone()), 1);
    let visible = qti_engine::processing::text::visible_text(&session);
    let spoken = qti_engine::processing::text::spoken_text(&session);
    assert_eq!(visible, "Maple Dr., code QTI now. On Chestnut St. by NYC");
    assert_eq!(
        spoken,
        "Maple Drive , code Q T I , now. On Chestnut Street by N Y C"
    );
    let written = qti_engine::write::write_item(&read.item, qti_engine::xml::QtiVersion::V3_0).xml;
    assert!(written.contains(r#"<ssml:sub xmlns:ssml="http://www.w3.org/2010/10/synthesis" alias="Drive">Dr.</ssml:sub>"#), "{written}");
    assert!(!written.contains("onclick"), "event attributes are dropped");
    let again = read_item(written.as_bytes()).unwrap().item;
    assert_eq!(again.body, read.item.body);

    let corpus = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/qti-corpus/qti-sdk/test/samples/ims/items/3_0/aqti_tmh_sample_2.xml"
    ));
    if let Ok(bytes) = std::fs::read(corpus) {
        let item = read_item(&bytes).unwrap().item;
        let session = qti_engine::ItemSession::new(std::sync::Arc::new(item), 1);
        let spoken = qti_engine::processing::text::spoken_text(&session);
        assert!(
            spoken.contains("Maple Drive is a 2 kilometre walk"),
            "{spoken}"
        );
        assert!(spoken.contains("Chestnut street"), "{spoken}");
    }
}

/// QTI 3 catalog cards may render a support by a file (`qti-file-href`: a
/// sign-language video, a recording); entries pick it by language like
/// their HTML content, and it is written back.
#[test]
fn catalog_cards_carry_files() {
    let xml = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="f" title="F" adaptive="false" time-dependent="false">
      <qti-item-body><p><span data-catalog-idref="c">cell</span></p></qti-item-body>
      <qti-catalog-info><qti-catalog id="c">
        <qti-card support="sign-language">
          <qti-card-entry xml:lang="ase" default="true"><qti-file-href mime-type="video/mp4">media/cell-ase.mp4</qti-file-href></qti-card-entry>
          <qti-card-entry xml:lang="bfi"><qti-html-content><p>BSL</p></qti-html-content><qti-file-href mime-type="video/webm">media/cell-bfi.webm</qti-file-href></qti-card-entry>
        </qti-card>
        <qti-card support="spoken"><qti-file-href mime-type="audio/mpeg">media/cell.mp3</qti-file-href></qti-card>
      </qti-catalog></qti-catalog-info>
    </qti-assessment-item>"#;
    let item = read_item(xml.as_bytes()).unwrap().item;
    let sign = item.catalogs[0].card("sign-language").unwrap();
    let ase = sign.rendering_for(Some("ase")).unwrap();
    assert!(ase.content.is_empty());
    assert_eq!(ase.files[0].href, "media/cell-ase.mp4");
    assert_eq!(ase.files[0].mime_type, "video/mp4");
    let bfi = sign.rendering_in("bfi").unwrap();
    assert_eq!(
        (bfi.content.len(), bfi.files[0].href.as_str()),
        (1, "media/cell-bfi.webm")
    );
    assert_eq!(
        sign.rendering_for(Some("fr")).unwrap().files,
        ase.files,
        "the default entry"
    );
    let spoken = item.catalogs[0].card("spoken").unwrap();
    assert_eq!(
        spoken.rendering_for(None).unwrap().files[0].mime_type,
        "audio/mpeg"
    );
    let written = qti_engine::write::write_item(&item, qti_engine::xml::QtiVersion::V3_0).xml;
    assert!(
        written
            .contains(r#"<qti-file-href mime-type="video/mp4">media/cell-ase.mp4</qti-file-href>"#),
        "{written}"
    );
    assert_eq!(
        read_item(written.as_bytes()).unwrap().item.catalogs,
        item.catalogs
    );
}
