//! Scale check of test sessions: a generated 1,000-item test is loaded
//! (1,000 item files read through the resolver), then a candidate answers,
//! submits and moves through every item; outcome processing sums every
//! item's SCORE after each submission. Prints the median times of several
//! runs and the peak resident memory (Linux).
//!
//! `cargo run --release -p qti-engine --example test_scale`

use std::time::{Duration, Instant};

use qti_engine::Value;
use qti_engine::test_session::{TestSession, load_test};

const ITEMS: usize = 1000;
const RUNS: usize = 7;

fn item_xml(n: usize) -> String {
    format!(
        r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="item{n}" title="Item {n}" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>A</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float" normalMaximum="1"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>
  <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Question {n}</prompt>
    <simpleChoice identifier="A">Right</simpleChoice><simpleChoice identifier="B">Wrong</simpleChoice></choiceInteraction></itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
</assessmentItem>"#
    )
}

fn test_xml() -> String {
    let refs: String = (0..ITEMS)
        .map(|n| format!(r#"<assessmentItemRef identifier="Q{n}" href="items/item{n}.xml"/>"#))
        .collect();
    format!(
        r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="scale" title="Scale">
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
<testPart identifier="P" navigationMode="linear" submissionMode="individual">
<assessmentSection identifier="S" title="S" visible="true">{refs}</assessmentSection></testPart>
<outcomeProcessing><setOutcomeValue identifier="SCORE"><sum><testVariables variableIdentifier="SCORE"/></sum></setOutcomeValue></outcomeProcessing>
</assessmentTest>"#
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let items: Vec<String> = (0..ITEMS).map(item_xml).collect();
    let test = test_xml();
    let bytes: usize = test.len() + items.iter().map(String::len).sum::<usize>();
    let (mut loads, mut starts, mut steps) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut resolve = |p: &str| {
            let n: usize = p
                .trim_start_matches("items/item")
                .trim_end_matches(".xml")
                .parse()
                .unwrap();
            Ok(items[n].as_bytes().to_vec())
        };
        let loaded = load_test("scale.xml", test.as_bytes(), &mut resolve).expect("loads");
        loads.push(t.elapsed());
        let t = Instant::now();
        let mut session = TestSession::new(&loaded, 1).expect("starts");
        starts.push(t.elapsed());
        let t = Instant::now();
        for _ in 0..ITEMS {
            session
                .answer(vec![("RESPONSE".into(), Value::identifier("A"))])
                .unwrap();
            session.submit().unwrap();
            session.move_next().unwrap();
        }
        steps.push(t.elapsed() / ITEMS as u32);
        assert!(session.is_ended());
        assert_eq!(session.outcomes()["SCORE"], Value::float(ITEMS as f64));
    }
    println!(
        "{ITEMS}-item test, {:.1} MB of XML, median of {RUNS} runs:",
        bytes as f64 / 1e6
    );
    println!("  load (test + {ITEMS} item files): {:?}", median(loads));
    println!(
        "  start session (route, {ITEMS} item sessions): {:?}",
        median(starts)
    );
    println!(
        "  per item: answer + submit (response and outcome processing) + next: {:?}",
        median(steps)
    );
    if let Some(kb) = peak_rss_kb() {
        println!("  peak resident memory: {:.1} MB", kb as f64 / 1024.0);
    }
}
