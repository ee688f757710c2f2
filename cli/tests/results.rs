//! `qti results` and `qti run-test --format qti22|qti30` as a user runs
//! them: the assessmentResult they print, in each namespace and as JSON,
//! and re-scoring from a printed result.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use qti_engine::results::{
    AssessmentResult, ItemResult, ResultVariable, VariableKind, read_results,
};

const CHOICE: &str = "items/qti22/choice-capital.xml";
/// A templated item: A and B drawn at random, LEVEL set from them.
const TEMPLATED: &str = "items/qti22/feedback-template-arithmetic.xml";
const NS_22: &str = "http://www.imsglobal.org/xsd/imsqti_result_v2p2";
const NS_30: &str = "http://www.imsglobal.org/xsd/imsqti_result_v3p0";

fn qti(args: &[&str], stdin: &str) -> Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qti"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qti runs");
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    // A run that refuses its arguments exits without reading its input; on
    // a loaded machine it may be gone before we write, which is no failure.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// `qti results ITEM --responses - --seed SEED --format FORMAT`'s stdout.
fn results(item: &str, responses: &str, seed: &str, format: &str) -> String {
    let o = qti(
        &[
            "results",
            item,
            "--responses",
            "-",
            "--seed",
            seed,
            "--format",
            format,
        ],
        responses,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 on stdout")
}

fn variable<'a>(item: &'a ItemResult, kind: VariableKind, id: &str) -> &'a ResultVariable {
    item.variables
        .iter()
        .find(|v| v.kind == kind && v.identifier == id)
        .unwrap_or_else(|| panic!("no {kind:?} variable {id} in {item:#?}"))
}

fn texts(values: &[qti_engine::results::ResultValue]) -> Vec<&str> {
    values.iter().map(|v| v.text.as_str()).collect()
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`: an xs:dateTime in UTC with milliseconds.
fn is_utc_datestamp(s: &str) -> bool {
    let pattern = "dddd-dd-ddTdd:dd:dd.dddZ";
    s.len() == pattern.len()
        && s.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'd' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// The one itemResult of a printed result document, after checking the
/// namespace and the attributes every itemResult must have.
fn only_item_result(xml: &str, namespace: &str) -> ItemResult {
    assert!(
        xml.contains(&format!(r#"<assessmentResult xmlns="{namespace}""#)),
        "{xml}"
    );
    let mut read = read_results(xml.as_bytes()).expect("the output reads back");
    assert_eq!(read.item_results.len(), 1, "{xml}");
    let item = read.item_results.remove(0);
    assert_eq!(item.sequence_index, Some(1));
    assert!(is_utc_datestamp(&item.datestamp), "{}", item.datestamp);
    assert_eq!(item.session_status, "final");
    item
}

#[test]
fn results_of_a_choice_item_in_both_namespaces() {
    for (format, namespace) in [("qti22", NS_22), ("qti30", NS_30)] {
        let xml = results(CHOICE, r#"{"RESPONSE": "PARIS"}"#, "0", format);
        let item = only_item_result(&xml, namespace);
        assert_eq!(item.identifier, "choice-capital");
        let response = variable(&item, VariableKind::Response, "RESPONSE");
        assert_eq!(texts(&response.values), ["PARIS"]);
        let correct = response
            .correct_response
            .as_deref()
            .expect("correctResponse");
        assert_eq!(texts(correct), ["PARIS"]);
        let score = variable(&item, VariableKind::Outcome, "SCORE");
        assert_eq!(texts(&score.values), ["1"]);
        let attempts = variable(&item, VariableKind::Response, "numAttempts");
        assert_eq!(texts(&attempts.values), ["1"]);
    }
}

/// Seed 1 draws A = 3 and B = 9, so 27 is right.
#[test]
fn results_of_a_templated_item_carry_its_template_values() {
    for (format, namespace) in [("qti22", NS_22), ("qti30", NS_30)] {
        let xml = results(TEMPLATED, r#"{"RESPONSE": 27}"#, "1", format);
        let item = only_item_result(&xml, namespace);
        let a = variable(&item, VariableKind::Template, "A");
        let b = variable(&item, VariableKind::Template, "B");
        assert_eq!((texts(&a.values), texts(&b.values)), (vec!["3"], vec!["9"]));
        // 27 is not above 40: LEVEL stays NULL, a variable with no value.
        assert!(
            variable(&item, VariableKind::Template, "LEVEL")
                .values
                .is_empty()
        );
        let score = variable(&item, VariableKind::Outcome, "SCORE");
        assert_eq!(texts(&score.values), ["1"]);
    }
}

/// QTI 2.2 results give durations in seconds (a float), QTI 3.0 in
/// ISO 8601 (`PT…S`).
#[test]
fn durations_are_seconds_in_qti22_and_iso_8601_in_qti30() {
    let duration = |format: &str| {
        let xml = results(CHOICE, r#"{"RESPONSE": "PARIS"}"#, "0", format);
        let item = read_results(xml.as_bytes()).unwrap().item_results.remove(0);
        texts(&variable(&item, VariableKind::Response, "duration").values)
            .concat()
            .to_string()
    };
    assert_eq!(duration("qti22"), "0");
    assert_eq!(duration("qti30"), "PT0S");
}

/// The JSON form is the same result: equal to the QTI 2.2 document read
/// back, but for the datestamps (each run has its own clock).
#[test]
fn json_results_hold_what_the_xml_holds() {
    let json = results(TEMPLATED, r#"{"RESPONSE": 5}"#, "1", "json");
    let mut from_json: AssessmentResult = serde_json::from_str(&json).expect("JSON on stdout");
    let xml = results(TEMPLATED, r#"{"RESPONSE": 5}"#, "1", "qti22");
    let mut from_xml = read_results(xml.as_bytes()).unwrap();
    for r in [&mut from_json, &mut from_xml] {
        assert!(is_utc_datestamp(&r.item_results[0].datestamp));
        r.item_results[0].datestamp.clear();
    }
    assert_eq!(from_json, from_xml);
}

/// A printed result given back as --responses re-scores to the same
/// outcomes, in either namespace.
#[test]
fn a_result_document_as_responses_rescores_the_same() {
    for format in ["qti22", "qti30"] {
        for answer in [r#"{"RESPONSE": "PARIS"}"#, r#"{"RESPONSE": "LYON"}"#] {
            let first = results(CHOICE, answer, "0", format);
            let again = results(CHOICE, &first, "0", format);
            let outcomes = |xml: &str| {
                let item = read_results(xml.as_bytes()).unwrap().item_results.remove(0);
                item.variables
                    .into_iter()
                    .filter(|v| v.kind == VariableKind::Outcome)
                    .collect::<Vec<_>>()
            };
            assert_eq!(outcomes(&first), outcomes(&again), "{format} {answer}");
        }
    }
}

const SCRIPT: &str = r#"[{"op":"answer","responses":{"RESPONSE":"PARIS"}},{"op":"submit"},{"op":"next"},
    {"op":"answer","responses":{"RESPONSE":"12"}},{"op":"submit"},{"op":"next"},{"op":"skip"},{"op":"next"}]"#;

#[test]
fn run_test_prints_a_test_result_and_its_item_results() {
    for (format, namespace) in [("qti22", NS_22), ("qti30", NS_30)] {
        let o = qti(
            &[
                "run-test",
                "items/tests/linear-basics.xml",
                "--script",
                "-",
                "--format",
                format,
            ],
            SCRIPT,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let xml = String::from_utf8(o.stdout).unwrap();
        assert!(xml.contains(namespace), "{xml}");
        let read = read_results(xml.as_bytes()).expect("the output reads back");
        let test = read.test_result.expect("a testResult");
        assert_eq!(test.identifier, "linear-basics");
        assert!(is_utc_datestamp(&test.datestamp));
        let score = test.variables.iter().find(|v| v.identifier == "SCORE");
        assert_eq!(texts(&score.unwrap().values), ["2"]);
        let ids: Vec<_> = read
            .item_results
            .iter()
            .map(|r| r.identifier.as_str())
            .collect();
        assert_eq!(ids, ["capital", "sum", "verb"]);
        let indices: Vec<_> = read.item_results.iter().map(|r| r.sequence_index).collect();
        assert_eq!(indices, [Some(1), Some(2), Some(3)]);
    }
}

/// A templated item's result given back under another seed re-scores with
/// the template values it recorded (seed 2 would draw A = 8, B = 4).
#[test]
fn a_templated_result_rescores_with_its_own_template_values() {
    let first = results(TEMPLATED, r#"{"RESPONSE": 27}"#, "1", "qti30");
    let again = only_item_result(&results(TEMPLATED, &first, "2", "qti22"), NS_22);
    let value = |id: &str, kind| texts(&variable(&again, kind, id).values).concat();
    assert_eq!(value("A", VariableKind::Template), "3");
    assert_eq!(value("B", VariableKind::Template), "9");
    assert_eq!(value("SCORE", VariableKind::Outcome), "1");
    assert_eq!(value("numAttempts", VariableKind::Response), "1");
}

/// The context names the candidate and the delivery's session (Results
/// Reporting `context`: `sourcedId`, `sessionIdentifier sourceID identifier`).
#[test]
fn the_context_names_the_candidate_and_the_session() {
    for format in ["qti22", "qti30"] {
        let o = qti(
            &[
                "results",
                CHOICE,
                "--responses",
                "-",
                "--format",
                format,
                "--sourced-id",
                "student-554433",
                "--session",
                "https://lms.example.edu=attempt-7",
            ],
            r#"{"RESPONSE": "PARIS"}"#,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let xml = String::from_utf8(o.stdout).unwrap();
        let result = read_results(xml.as_bytes()).expect("reads back");
        assert_eq!(result.context.sourced_id.as_deref(), Some("student-554433"));
        let s = &result.context.session_identifiers[0];
        assert_eq!(
            (s.source_id.as_str(), s.identifier.as_str()),
            ("https://lms.example.edu", "attempt-7"),
            "{format}"
        );
    }
    let bad = qti(
        &[
            "results",
            CHOICE,
            "--responses",
            "-",
            "--session",
            "no-equals",
        ],
        "{}",
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE=IDENTIFIER"));
}
