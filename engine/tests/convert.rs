//! Writing items and tests back out: what `write_item` and `write_test`
//! write for QTI 2.2 and 3.0 reads back to the model it was written from,
//! for our samples and for every item and test of `../shared/qti-corpus`
//! the reader accepts.
//!
//! Counts are printed (`cargo test -p qti-engine --test convert -- --nocapture`).

mod common;
use common::{corpus_items, items_dir};

use qti_engine::model::AssessmentItem;
use qti_engine::model::content::{ContentNode, InteractionKind};
use qti_engine::model::declaration::DeclarationKind;
use qti_engine::model::test::{AssessmentTest, BranchRule, Section, SectionPart};
use qti_engine::read::rptemplates::Template;
use qti_engine::read::test::{read_test, read_test_at};
use qti_engine::read_item;
use qti_engine::write::{Written, write_item, write_test};
use qti_engine::xml::QtiVersion;
use quick_xml::events::Event;

const TARGETS: [QtiVersion; 2] = [QtiVersion::V2_2, QtiVersion::V3_0];

/// The model as a target version keeps it: its version is the target's,
/// a standard template is known by name (the URI names the version), and
/// QTI 2.2 has none of the parts only QTI 3 has.
fn as_written(item: &AssessmentItem, to: QtiVersion) -> AssessmentItem {
    let mut item = item.clone();
    item.version = to;
    if let Some(rp) = &mut item.response_processing {
        rp.template = rp
            .template
            .take()
            .map(|uri| Template::from_uri(&uri).map_or(uri, |t| t.name().to_string()));
    }
    if !to.is_v3() {
        item.catalogs.clear();
        item.companion_materials = None;
        item.stimulus_refs.clear();
        item.declarations
            .retain(|d| !matches!(d.kind, DeclarationKind::Context));
        if let Some(body) = &mut item.body {
            drop_pcis(&mut body.content);
        }
        for f in &mut item.modal_feedback {
            drop_pcis(&mut f.content);
        }
    }
    item
}

/// Remove portable custom interactions below `nodes`, merging the texts
/// that meet where one was (as reading the written document does).
fn drop_pcis(nodes: &mut Vec<ContentNode>) {
    nodes.retain(|n| {
        !matches!(n, ContentNode::Interaction(i) if matches!(i.kind, InteractionKind::PortableCustom(_)))
    });
    let mut merged: Vec<ContentNode> = Vec::with_capacity(nodes.len());
    for mut n in nodes.drain(..) {
        for list in n.children_mut() {
            drop_pcis(list);
        }
        match (merged.last_mut(), n) {
            (Some(ContentNode::Text(last)), ContentNode::Text(t)) => last.to_mut().push_str(&t),
            (_, n) => merged.push(n),
        }
    }
    *nodes = merged;
}

/// The path to the first place two models differ, by their JSON forms.
fn first_difference(a: &AssessmentItem, b: &AssessmentItem) -> String {
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    json_difference(&a, &b)
}

fn json_difference(a: &serde_json::Value, b: &serde_json::Value) -> String {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: String) -> Option<String> {
        use serde_json::Value::*;
        match (a, b) {
            (Object(x), Object(y)) => {
                let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
                keys.into_iter().find_map(|k| {
                    let (l, r) = (x.get(k).unwrap_or(&Null), y.get(k).unwrap_or(&Null));
                    walk(l, r, format!("{path}.{k}"))
                })
            }
            (Array(x), Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (l, r))| walk(l, r, format!("{path}[{i}]"))),
            _ if a == b => None,
            _ => Some(format!("{path}: {a} became {b}")),
        }
    }
    walk(a, b, String::new()).unwrap_or_else(|| "(no difference in JSON)".into())
}

/// Element names that QTI 3 output must not have: QTI's camelCase ones.
/// Elements in another namespace (an unread SVG element) keep theirs.
fn camel_case_elements(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut foreign = vec![false];
    let mut found = Vec::new();
    loop {
        let (start, empty) = match reader.read_event() {
            Ok(Event::Start(s)) => (s, false),
            Ok(Event::Empty(s)) => (s, true),
            Ok(Event::End(_)) => {
                foreign.pop();
                continue;
            }
            Ok(Event::Eof) | Err(_) => return found,
            Ok(_) => continue,
        };
        let declares_foreign = start
            .attributes()
            .flatten()
            .any(|a| a.key.as_ref() == "xmlns" && !a.value.contains("imsqti"));
        let is_foreign = declares_foreign || *foreign.last().unwrap_or(&false);
        let name = start.name().as_ref().to_string();
        if !is_foreign && name.bytes().any(|b| b.is_ascii_uppercase()) {
            found.push(name);
        }
        if !empty {
            foreign.push(is_foreign);
        }
    }
}

/// Write `item` for `to` and read it back; the models must agree.
fn round_trip(item: &AssessmentItem, to: QtiVersion) -> Result<Written, String> {
    let written = write_item(item, to);
    let back = read_item(written.xml.as_bytes())
        .map_err(|e| format!("QTI {}: output not readable: {e}", to.as_str()))?;
    if back.item.version != to {
        return Err(format!("read back as QTI {}", back.item.version.as_str()));
    }
    let (expected, actual) = (as_written(item, to), as_written(&back.item, to));
    if expected != actual {
        return Err(format!(
            "QTI {}: {}",
            to.as_str(),
            first_difference(&expected, &actual)
        ));
    }
    if to.is_v3() {
        let camel = camel_case_elements(&written.xml);
        if !camel.is_empty() {
            return Err(format!("QTI 3.0: camelCase elements {camel:?}"));
        }
    } else if leaves_out_qti3_parts(item) && written.warnings.is_empty() {
        return Err("QTI 2.2: parts were left out without a warning".into());
    }
    Ok(written)
}

/// Whether writing QTI 2.2 leaves out parts of the item only QTI 3 has.
fn leaves_out_qti3_parts(item: &AssessmentItem) -> bool {
    let mut as_v3 = as_written(item, QtiVersion::V3_0);
    as_v3.version = QtiVersion::V2_2;
    as_written(item, QtiVersion::V2_2) != as_v3
}

fn sample(path: &str) -> AssessmentItem {
    let bytes = std::fs::read(items_dir().join(path)).unwrap();
    read_item(&bytes)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .item
}

#[test]
fn sample_items_round_trip_in_both_versions() {
    for (path, bytes) in common::sample_items() {
        let item = read_item(&bytes).unwrap().item;
        for to in TARGETS {
            if let Err(e) = round_trip(&item, to) {
                panic!("{path}: {e}");
            }
        }
    }
}

/// A few of our items, exactly: nothing to leave out, nothing to warn about.
#[test]
fn items_convert_both_ways_without_loss() {
    for path in [
        "qti22/feedback-template-arithmetic.xml",
        "qti22/graphic-gap-match-camp.xml",
        "qti22/math-fraction.xml",
        "qti22/position-object-flag.xml",
        "qti30/gap-match-colours.xml",
        "qti30/hotspot-forest.xml",
    ] {
        let item = sample(path);
        for to in TARGETS {
            let written = write_item(&item, to);
            assert!(
                written.warnings.is_empty(),
                "{path}: {:?}",
                written.warnings
            );
            let mut back = read_item(written.xml.as_bytes())
                .unwrap_or_else(|e| panic!("{path} as QTI {}: {e}\n{}", to.as_str(), written.xml))
                .item;
            back.version = item.version;
            if let Some(rp) = &mut back.response_processing {
                rp.template = item.response_processing.as_ref().unwrap().template.clone();
            }
            assert_eq!(back, item, "{path} as QTI {}", to.as_str());
        }
    }
}

#[test]
fn qti3_output_is_kebab_case_with_the_qti3_namespace() {
    let item = sample("qti22/choice-capital.xml");
    let xml = write_item(&item, QtiVersion::V3_0).xml;
    assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
    for expected in [
        r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0""#,
        "http://www.imsglobal.org/xsd/imsqtiasi_v3p0 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/",
        "<qti-choice-interaction response-identifier=\"RESPONSE\"",
        "time-dependent=\"false\"",
        r#"<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>"#,
    ] {
        assert!(xml.contains(expected), "{expected} missing from\n{xml}");
    }
    assert!(camel_case_elements(&xml).is_empty());
}

#[test]
fn qti22_output_names_the_qti22_template() {
    let item = sample("qti30/choice-planet.xml");
    let written = write_item(&item, QtiVersion::V2_2);
    assert!(written.warnings.is_empty(), "{:?}", written.warnings);
    let xml = written.xml;
    assert!(xml.contains(r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2""#));
    assert!(xml.contains("<choiceInteraction responseIdentifier=\"RESPONSE\""));
    let rp = item.response_processing.as_ref().unwrap();
    if rp.template.is_some() {
        assert!(
            xml.contains("template=\"http://www.imsglobal.org/question/qti_v2p2/rptemplates/"),
            "{xml}"
        );
    }
}

#[test]
fn qti3_only_parts_are_left_out_of_qti22_with_a_warning() {
    let written = write_item(&sample("qti30/pci-likert.xml"), QtiVersion::V2_2);
    assert!(!written.xml.contains("portableCustomInteraction"));
    assert_eq!(written.warnings.len(), 1, "{:?}", written.warnings);
    assert!(written.warnings[0].contains("portable custom interaction"));
    let item = read_item(written.xml.as_bytes()).unwrap().item;
    assert_eq!(
        item.declaration("RESPONSE").map(|d| d.base_type.is_some()),
        Some(true)
    );
}

/// Whitespace, markup characters, line breaks in attributes, entities and
/// CDATA all survive; the body gets no indentation of its own.
#[test]
fn text_survives_escaping_and_no_whitespace_is_added_to_content() {
    let source = "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p2\" \
        identifier=\"t\" title=\"A &amp; B &lt;&gt; &quot;q&quot;\" adaptive=\"false\" timeDependent=\"false\">\
        <responseDeclaration identifier=\"R\" cardinality=\"single\" baseType=\"string\">\
        <correctResponse><value>  two\tspaces &amp; a&#13;return  </value></correctResponse>\
        <mapping defaultValue=\"0\"><mapEntry mapKey=\"a&#10;b\" mappedValue=\"1\"/></mapping>\
        </responseDeclaration>\
        <itemBody class=\"x\"><p>a <![CDATA[<b>]]> &#169; <b>bold</b>  <em>x</em></p>\n  <p>\
        <textEntryInteraction responseIdentifier=\"R\" patternMask=\"[a-z]+&#9;\"/></p></itemBody>\
        </assessmentItem>";
    let item = read_item(source.as_bytes()).unwrap().item;
    for to in TARGETS {
        let written = round_trip(&item, to).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            written.xml.contains("<b>bold</b>  <em>x</em></p>\n  <p>"),
            "{}",
            written.xml
        );
    }
}

/// Items whose models carry what reading used to say twice or lose:
/// text split by a dropped element, an image's alternative text, a media
/// interaction's fallback.
#[test]
fn lossy_spots_of_reading_round_trip() {
    let source = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
        identifier="t" title="t" adaptive="false" time-dependent="false">
        <qti-response-declaration identifier="R" cardinality="single" base-type="identifier"/>
        <qti-response-declaration identifier="M" cardinality="single" base-type="integer"/>
        <qti-response-declaration identifier="E" cardinality="single" base-type="identifier"/>
        <qti-item-body><p>before<script>x()</script>after</p>
        <qti-hotspot-interaction response-identifier="R" max-choices="1">
          <img src="map.png" alt="A map" width="200" height="100"/>
          <qti-hotspot-choice identifier="A" shape="circle" coords="10,10,5"/>
        </qti-hotspot-interaction>
        <qti-media-interaction response-identifier="M" autostart="false">
          <audio src="tone.wav">Your browser <b>cannot</b> play it.</audio>
        </qti-media-interaction>
        <qti-end-attempt-interaction response-identifier="E"/>
        <p><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><annotation-xml>y</annotation-xml><mn>2</mn></math></p>
        </qti-item-body></qti-assessment-item>"#;
    let item = read_item(source.as_bytes()).unwrap().item;
    for to in TARGETS {
        round_trip(&item, to).unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---------------------------------------------------------------------------
// The corpus.

#[test]
fn corpus_items_round_trip_in_both_versions() {
    let Some((dir, paths)) = corpus_items() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let (mut read, mut ok22, mut ok30, mut dropped) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for path in &paths {
        let Ok(bytes) = std::fs::read(dir.join(path)) else {
            continue;
        };
        let Ok(first) = read_item(&bytes) else {
            continue;
        };
        read += 1;
        for to in TARGETS {
            match round_trip(&first.item, to) {
                Ok(_) if to.is_v3() => ok30 += 1,
                Ok(_) => {
                    ok22 += 1;
                    dropped += usize::from(leaves_out_qti3_parts(&first.item));
                }
                Err(e) => failures.push(format!("{path}: {e}")),
            }
        }
    }
    println!(
        "corpus round trip: {read} items read; {ok22} round-tripped as QTI 2.2 \
         ({dropped} with parts left out and a warning), {ok30} as QTI 3.0; {} failures",
        failures.len()
    );
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus items failed to round trip",
        failures.len()
    );
}

/// Declarations, rules and expressions the sample items and the corpus
/// use little or not at all, each spelled the way both versions read.
#[test]
fn every_declaration_rule_and_operator_round_trips() {
    let source = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2"
        identifier="ops" title="Operators" label="L" toolName="t" toolVersion="1" adaptive="true" timeDependent="true">
      <responseDeclaration identifier="R" cardinality="multiple" baseType="pair">
        <correctResponse interpretation="both"><value>A B</value><value>C D</value></correctResponse>
        <mapping lowerBound="0" upperBound="2.5" defaultValue="-1"><mapEntry mapKey="A B" mappedValue="1.25" caseSensitive="false"/></mapping>
      </responseDeclaration>
      <responseDeclaration identifier="P" cardinality="single" baseType="point">
        <areaMapping defaultValue="0"><areaMapEntry shape="poly" coords="0,0,10,0,10,10" mappedValue="1"/><areaMapEntry shape="default" mappedValue="0.5"/></areaMapping>
      </responseDeclaration>
      <responseDeclaration identifier="T" cardinality="single" baseType="duration"/>
      <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float" view="author testConstructor"
          interpretation="i" longInterpretation="http://x/" normalMaximum="INF" normalMinimum="0" masteryValue="0.5" externalScored="externalMachine" variableIdentifierRef="v">
        <defaultValue><value>0.1</value></defaultValue>
        <interpolationTable defaultValue="0"><interpolationTableEntry sourceValue="1.5" includeBoundary="false" targetValue="2"/></interpolationTable>
      </outcomeDeclaration>
      <outcomeDeclaration identifier="GRADE" cardinality="single" baseType="identifier">
        <matchTable defaultValue="F"><matchTableEntry sourceValue="1" targetValue="A"/></matchTable>
      </outcomeDeclaration>
      <outcomeDeclaration identifier="REC" cardinality="record">
        <defaultValue><value fieldIdentifier="n" baseType="integer">3</value><value fieldIdentifier="s" baseType="string"> x </value></defaultValue>
      </outcomeDeclaration>
      <outcomeDeclaration identifier="WAIT" cardinality="ordered" baseType="duration">
        <defaultValue><value>90.5</value><value>3600</value></defaultValue>
      </outcomeDeclaration>
      <templateDeclaration identifier="N" cardinality="single" baseType="integer" paramVariable="true"/>
      <templateProcessing>
        <setTemplateValue identifier="N"><randomInteger min="-3" max="9" step="3"/></setTemplateValue>
        <templateConstraint><gt><variable identifier="N"/><baseValue baseType="integer">0</baseValue></gt></templateConstraint>
        <setCorrectResponse identifier="T"><baseValue baseType="duration">5</baseValue></setCorrectResponse>
        <setDefaultValue identifier="SCORE"><randomFloat min="0.5" max="1"/></setDefaultValue>
        <templateCondition><templateElse><exitTemplate/></templateElse></templateCondition>
      </templateProcessing>
      <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct">
        <responseCondition>
          <responseIf>
            <and>
              <anyN min="1" max="2"><isNull><variable identifier="R"/></isNull><member><baseValue baseType="pair">A B</baseValue><variable identifier="R"/></member><contains><variable identifier="R"/><multiple/></contains></anyN>
              <durationLT><variable identifier="T"/><baseValue baseType="duration">10</baseValue></durationLT>
              <durationGTE><variable identifier="T"/><null/></durationGTE>
              <equal toleranceMode="relative" tolerance="0.1 0.2" includeUpperBound="false"><mathConstant name="pi"/><mathConstant name="e"/></equal>
              <equalRounded roundingMode="decimalPlaces" figures="2"><roundTo figures="3"><integerToFloat><truncate><baseValue baseType="float">1.5e3</baseValue></truncate></integerToFloat></roundTo><round><baseValue baseType="float">2</baseValue></round></equalRounded>
              <inside shape="rect" coords="0,0,5,5"><variable identifier="P"/></inside>
              <stringMatch caseSensitive="false" substring="true"><baseValue baseType="string">a</baseValue><substring caseSensitive="true"><baseValue baseType="string"> b </baseValue><baseValue baseType="string">b</baseValue></substring></stringMatch>
              <patternMatch pattern="[a-z]+"><fieldValue fieldIdentifier="s"><variable identifier="REC"/></fieldValue></patternMatch>
              <not><lt><containerSize><delete><ordered><baseValue baseType="identifier">x</baseValue></ordered><random><ordered/></random></delete></containerSize><index n="2"><repeat numberRepeats="3"><variable identifier="WAIT"/></repeat></index></lt></not>
            </and>
            <setOutcomeValue identifier="SCORE"><sum><product><power><baseValue baseType="integer">2</baseValue><baseValue baseType="integer">3</baseValue></power><divide><integerDivide><baseValue baseType="integer">7</baseValue><baseValue baseType="integer">2</baseValue></integerDivide><integerModulus><baseValue baseType="integer">7</baseValue><baseValue baseType="integer">2</baseValue></integerModulus></divide></product><subtract><min><mapResponse identifier="R"/></min><max><mapResponsePoint identifier="P"/></max></subtract><gcd><baseValue baseType="integer">4</baseValue></gcd><lcm><baseValue baseType="integer">4</baseValue></lcm><statsOperator name="mean"><multiple><baseValue baseType="float">1</baseValue></multiple></statsOperator><mathOperator name="sin"><default identifier="SCORE"/></mathOperator></sum></setOutcomeValue>
            <lookupOutcomeValue identifier="GRADE"><baseValue baseType="integer">1</baseValue></lookupOutcomeValue>
          </responseIf>
          <responseElseIf><or><match><correct identifier="R"/><variable identifier="R"/></match><gte><baseValue baseType="integer">1</baseValue><baseValue baseType="integer">2</baseValue></gte><lte><baseValue baseType="integer">1</baseValue><baseValue baseType="integer">2</baseValue></lte></or>
            <responseProcessingFragment><exitResponse/></responseProcessingFragment>
          </responseElseIf>
          <responseElse><setOutcomeValue identifier="SCORE"><customOperator class="com.example.Op"><baseValue baseType="float">1</baseValue></customOperator></setOutcomeValue></responseElse>
        </responseCondition>
      </responseProcessing>
    </assessmentItem>"#;
    let item = read_item(source.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
        .item;
    for to in TARGETS {
        let written = round_trip(&item, to).unwrap_or_else(|e| panic!("{e}"));
        assert!(written.warnings.is_empty(), "{:?}", written.warnings);
        // Inline rules win over a template reference, which is kept.
        assert!(written.xml.contains("qti_v2p1/rptemplates/match_correct"));
    }
    let xml = write_item(&item, QtiVersion::V3_0).xml;
    for expected in [
        "<qti-duration-lt>",
        "<qti-duration-gte>",
        "<qti-value>PT1M30.5S</qti-value>",
        "<qti-value>PT1H</qti-value>",
        "tolerance-mode=\"relative\" tolerance=\"0.1 0.2\" include-upper-bound=\"false\"",
        "view=\"author testConstructor\"",
    ] {
        assert!(xml.contains(expected), "{expected} missing from\n{xml}");
    }
}

/// Content the sample items and the corpus use little or not at all, and
/// the parts only QTI 3 has (left out of QTI 2.2 with a warning each).
#[test]
fn every_content_element_round_trips() {
    let source = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
        identifier="content" title="Content" adaptive="false" time-dependent="false" xml:lang="en">
      <qti-context-declaration identifier="QTI_CONTEXT" cardinality="record"/>
      <qti-response-declaration identifier="R" cardinality="single" base-type="identifier"/>
      <qti-outcome-declaration identifier="FB" cardinality="single" base-type="identifier"/>
      <qti-template-declaration identifier="T" cardinality="multiple" base-type="float"/>
      <qti-assessment-stimulus-ref identifier="S" href="stimulus.xml" title="A passage"/>
      <qti-companion-materials-info>
        <qti-calculator><qti-calculator-type>scientific</qti-calculator-type></qti-calculator>
        <qti-rule><qti-system-of-measurement>metric</qti-system-of-measurement><qti-minimum-length>10</qti-minimum-length></qti-rule>
        <qti-protractor><qti-description>a protractor</qti-description></qti-protractor>
        <qti-digital-material>a map</qti-digital-material>
      </qti-companion-materials-info>
      <qti-stylesheet href="style.css" type="text/css" media="screen"/>
      <qti-item-body id="b" class="c" dir="ltr" data-catalog-idref="cat">
        <qti-rubric-block view="scorer tutor" use="scoring" class="r"><qti-content-body><p>Rubric</p></qti-content-body></qti-rubric-block>
        <p title="t" aria-label="a" data-x="y">Value: <qti-printed-variable identifier="T" format="%.2e" base="16" index="2" power-form="true" field="f" delimiter="," mapping-indicator=":" class="pv"/>
          <qti-template-inline template-identifier="T" identifier="X" show-hide="hide">hidden</qti-template-inline>
          <object data="clip.mp4" type="video/mp4" width="320" height="240"><param name="autoplay" value="false"/>A <b>clip</b></object>
        </p>
        <qti-feedback-block outcome-identifier="FB" identifier="Y" show-hide="show" class="f"><qti-content-body><p>Well done</p></qti-content-body></qti-feedback-block>
        <qti-hottext-interaction response-identifier="R" max-choices="2" min-choices="1">
          <qti-prompt>Pick</qti-prompt>
          <p>A <qti-hottext identifier="H1" fixed="true" template-identifier="T" show-hide="hide">word</qti-hottext> here.</p>
        </qti-hottext-interaction>
        <qti-graphic-gap-match-interaction response-identifier="R" max-associations="2">
          <object data="board.png" type="image/png" width="100" height="100"/>
          <qti-gap-img identifier="G1" match-max="1" object-label="A boat"><object data="boat.png" type="image/png"/></qti-gap-img>
          <qti-gap-text identifier="G2" match-max="2" match-group="A B">text</qti-gap-text>
          <qti-associable-hotspot identifier="H" shape="ellipse" coords="5,5,3,2" hotspot-label="spot" match-max="1" match-min="1" match-group="G1"/>
        </qti-graphic-gap-match-interaction>
        <qti-match-interaction response-identifier="R" shuffle="true" max-associations="0">
          <qti-simple-match-set><qti-simple-associable-choice identifier="A" match-max="1">A</qti-simple-associable-choice></qti-simple-match-set>
          <qti-simple-match-set><qti-simple-associable-choice identifier="B" match-max="0" match-min="1">B</qti-simple-associable-choice></qti-simple-match-set>
        </qti-match-interaction>
        <qti-extended-text-interaction response-identifier="R" base="8" string-identifier="S" expected-length="50"
            pattern-mask=".*" placeholder-text="Write" max-strings="2" min-strings="1" expected-lines="5" format="xhtml"/>
        <qti-slider-interaction response-identifier="R" lower-bound="-1.5" upper-bound="1e3" step="0.5" step-label="true" orientation="vertical" reverse="true"/>
        <qti-select-point-interaction response-identifier="R" max-choices="0" min-choices="1"><img src="map.png" alt="Map"/></qti-select-point-interaction>
        <qti-drawing-interaction response-identifier="R"><object data="canvas.png" type="image/png"/></qti-drawing-interaction>
        <qti-upload-interaction response-identifier="R" type="image/png application/pdf"/>
        <qti-end-attempt-interaction response-identifier="R" title="Hint" count-attempt="false"/>
        <qti-custom-interaction response-identifier="R" class="widget"/>
        <qti-order-interaction response-identifier="R" max-choices="2" orientation="horizontal">
          <qti-simple-choice identifier="O1">one</qti-simple-choice>
        </qti-order-interaction>
        <qti-graphic-order-interaction response-identifier="R" min-choices="1">
          <object data="map.png" type="image/png"/>
          <qti-hotspot-choice identifier="A" shape="rect" coords="0,0,1,1"/>
        </qti-graphic-order-interaction>
        <qti-inline-choice-interaction response-identifier="R" required="true"><qti-inline-choice identifier="I">i</qti-inline-choice></qti-inline-choice-interaction>
        <qti-position-object-stage><object data="room.png" type="image/png"/>
          <qti-position-object-interaction response-identifier="R" center-point="8 12.5" max-choices="3"><object data="chair.png" type="image/png"/></qti-position-object-interaction>
        </qti-position-object-stage>
        <qti-portable-custom-interaction response-identifier="R" custom-interaction-type-identifier="urn:x" module="m" data-a="1">
          <qti-interaction-modules><qti-interaction-module id="m" primary-path="m.js" fallback-path="f.js"/></qti-interaction-modules>
          <qti-interaction-markup><div>markup</div></qti-interaction-markup>
        </qti-portable-custom-interaction>
      </qti-item-body>
      <qti-catalog-info>
        <qti-catalog id="cat">
          <qti-card support="glossary-on-screen">
            <qti-card-entry xml:lang="en" default="true"><qti-html-content>A <em>word</em></qti-html-content></qti-card-entry>
          </qti-card>
          <qti-card support="spoken"><qti-html-content>said</qti-html-content></qti-card>
        </qti-catalog>
      </qti-catalog-info>
      <qti-modal-feedback outcome-identifier="FB" identifier="Y" show-hide="hide"><qti-content-body>Bye</qti-content-body></qti-modal-feedback>
    </qti-assessment-item>"#;
    let read = read_item(source.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let item = read.item;
    for to in TARGETS {
        let written = round_trip(&item, to).unwrap_or_else(|e| panic!("{e}"));
        if to.is_v3() {
            assert!(written.warnings.is_empty(), "{:?}", written.warnings);
        } else {
            let warnings = written.warnings.join("\n");
            for dropped in [
                "context declaration",
                "stimulus reference",
                "companion materials",
                "catalog",
                "portable custom interaction",
            ] {
                assert!(warnings.contains(dropped), "{dropped}: {warnings}");
            }
            assert_eq!(written.warnings.len(), 5, "{warnings}");
        }
    }
}

// ---------------------------------------------------------------------------
// Tests.

/// A test as the target version keeps it: its version is the target's;
/// positions in the source document are not part of what was written.
fn test_as_written(test: &AssessmentTest, to: QtiVersion) -> AssessmentTest {
    fn clear_rules(rules: &mut [BranchRule]) {
        rules.iter_mut().for_each(|r| r.position = None);
    }
    fn clear_section(s: &mut Section) {
        clear_rules(&mut s.branch_rules);
        for p in &mut s.parts {
            match p {
                SectionPart::Section(s) => clear_section(s),
                SectionPart::Item(i) => {
                    i.position = None;
                    clear_rules(&mut i.branch_rules);
                }
            }
        }
    }
    let mut test = test.clone();
    test.version = to;
    for part in &mut test.test_parts {
        clear_rules(&mut part.branch_rules);
        part.sections.iter_mut().for_each(clear_section);
    }
    test
}

/// Write a test for `to` and read it back (at `path`, resolving nothing:
/// referenced sections were written in place); the models must agree.
fn test_round_trip(path: &str, test: &AssessmentTest, to: QtiVersion) -> Result<Written, String> {
    let written = write_test(test, to);
    let mut no_files = |p: &str| -> Result<Vec<u8>, qti_engine::Error> {
        Err(qti_engine::Error::new(qti_engine::ErrorKind::Reference {
            href: p.to_string(),
            message: "written tests refer to no sections".into(),
        }))
    };
    let back = read_test_at(path, written.xml.as_bytes(), &mut no_files)
        .map_err(|e| format!("QTI {}: output not readable: {e}", to.as_str()))?;
    let (expected, actual) = (test_as_written(test, to), test_as_written(&back.test, to));
    if expected != actual {
        let (a, b) = (
            serde_json::to_value(&expected).unwrap(),
            serde_json::to_value(&actual).unwrap(),
        );
        return Err(format!("QTI {}: {}", to.as_str(), json_difference(&a, &b)));
    }
    if to.is_v3() {
        let camel = camel_case_elements(&written.xml);
        if !camel.is_empty() {
            return Err(format!("QTI 3.0: camelCase elements {camel:?}"));
        }
    }
    Ok(written)
}

#[test]
fn sample_tests_round_trip_in_both_versions() {
    for name in ["linear-basics.xml", "nonlinear-review.xml"] {
        let path = format!("tests/{name}");
        let bytes = std::fs::read(items_dir().join(&path)).unwrap();
        let test = read_test(&bytes).unwrap().test;
        for to in TARGETS {
            let written = test_round_trip(&path, &test, to).unwrap_or_else(|e| panic!("{e}"));
            assert!(written.warnings.is_empty(), "{:?}", written.warnings);
        }
    }
    let xml = write_test(
        &read_test(&std::fs::read(items_dir().join("tests/linear-basics.xml")).unwrap())
            .unwrap()
            .test,
        QtiVersion::V3_0,
    )
    .xml;
    assert!(
        xml.contains("<qti-assessment-test xmlns=\"http://www.imsglobal.org/xsd/imsqtiasi_v3p0\"")
    );
    assert!(
        xml.contains("<qti-assessment-item-ref identifier="),
        "{xml}"
    );
}

#[test]
fn corpus_tests_round_trip_in_both_versions() {
    let Some((dir, _)) = corpus_items() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let (mut read, mut ok22, mut ok30) = (0, 0, 0);
    let mut failures = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.get(4) != Some(&"assessmentTest") {
            continue;
        }
        let path = cols[0];
        let Ok(bytes) = std::fs::read(dir.join(path)) else {
            continue;
        };
        let mut files = |p: &str| {
            std::fs::read(dir.join(p)).map_err(|e| {
                qti_engine::Error::new(qti_engine::ErrorKind::Reference {
                    href: p.to_string(),
                    message: e.to_string(),
                })
            })
        };
        let Ok(first) = read_test_at(path, &bytes, &mut files) else {
            continue;
        };
        read += 1;
        for to in TARGETS {
            match test_round_trip(path, &first.test, to) {
                Ok(_) if to.is_v3() => ok30 += 1,
                Ok(_) => ok22 += 1,
                Err(e) => failures.push(format!("{path}: {e}")),
            }
        }
    }
    println!(
        "corpus test round trip: {read} tests read; {ok22} round-tripped as QTI 2.2, \
         {ok30} as QTI 3.0; {} failures",
        failures.len()
    );
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus tests failed to round trip",
        failures.len()
    );
}
