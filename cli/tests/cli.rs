//! The `qti` command as a user runs it: outputs and exit codes.

mod common;

use std::process::Output;

use common::qti;

fn stdout_json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

#[test]
fn score_prints_outcomes_and_refuses_unfitting_responses() {
    let o = qti(
        &[
            "score",
            "items/qti22/choice-capital.xml",
            "--responses",
            "-",
        ],
        r#"{"RESPONSE": "PARIS"}"#,
    );
    assert!(o.status.success());
    assert_eq!(stdout_json(&o)["SCORE"], 1.0);
    let o = qti(
        &[
            "score",
            "items/qti22/choice-capital.xml",
            "--responses",
            "-",
        ],
        r#"{"RESPONSE": ["PARIS", "LYON"]}"#,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn validate_reports_file_line_column() {
    let o = qti(&["validate", "items/qti22/choice-capital.xml"], "");
    assert!(o.status.success());
    let dir = std::env::temp_dir().join("qti-cli-validate");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.xml");
    std::fs::write(&bad, "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p2\">\n  <oops></assessmentItem>").unwrap();
    let o = qti(&["validate", bad.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("bad.xml:"), "{out}");
}

#[test]
fn run_test_drives_a_session_and_refuses_what_the_test_forbids() {
    let script = r#"[{"op":"answer","responses":{"RESPONSE":"PARIS"}},{"op":"submit"},{"op":"next"},
        {"op":"answer","responses":{"RESPONSE":"12"}},{"op":"submit"},{"op":"next"},{"op":"skip"},{"op":"next"}]"#;
    let o = qti(
        &["run-test", "items/tests/linear-basics.xml", "--script", "-"],
        script,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = stdout_json(&o);
    assert_eq!(report["test"]["SCORE"], 2.0);
    assert_eq!(report["test"]["FEEDBACK"], "PASS");
    assert_eq!(
        report["visited"],
        serde_json::json!(["capital", "sum", "verb"])
    );
    assert_eq!(report["items"]["sum"]["SCORE"], 1.0);

    let o = qti(
        &["run-test", "items/tests/linear-basics.xml", "--script", "-"],
        r#"[{"op":"next"},{"op":"previous"}]"#,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("action 1"));

    let o = qti(
        &[
            "run-test",
            "items/tests/linear-basics.xml",
            "--script",
            "-",
            "--format",
            "qti30",
        ],
        script,
    );
    assert!(o.status.success());
    let xml = String::from_utf8_lossy(&o.stdout);
    assert!(
        xml.contains("<testResult identifier=\"linear-basics\""),
        "{xml}"
    );
}

#[test]
fn validate_reads_tests_with_their_items() {
    let o = qti(
        &[
            "validate",
            "items/tests/linear-basics.xml",
            "items/tests/nonlinear-review.xml",
        ],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let dir = std::env::temp_dir().join("qti-cli-validate-test");
    std::fs::create_dir_all(&dir).unwrap();
    let test = dir.join("t.xml");
    std::fs::write(
        &test,
        r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="T" title="T">
<testPart identifier="P" navigationMode="linear" submissionMode="individual">
<assessmentSection identifier="S" title="S" visible="true">
  <assessmentItemRef identifier="Q1" href="q1.xml"/>
  <assessmentItemRef identifier="Q2" href="q1.xml">
    <branchRule target="Q1"><baseValue baseType="boolean">true</baseValue></branchRule>
  </assessmentItemRef>
</assessmentSection></testPart></assessmentTest>"#,
    )
    .unwrap();
    let o = qti(&["validate", test.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("t.xml:6:5: branchRule of 'Q2' cannot target 'Q1'"),
        "{out}"
    );
}

#[test]
fn convert_writes_either_version_and_reports_what_it_cannot() {
    let dir = std::env::temp_dir().join("qti-cli-convert");
    std::fs::create_dir_all(&dir).unwrap();
    let qti3 = dir.join("choice-capital-3.xml");
    let o = qti(
        &[
            "convert",
            "--to",
            "3.0",
            "items/qti22/choice-capital.xml",
            qti3.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = std::fs::read_to_string(&qti3).unwrap();
    assert!(xml.contains("<qti-choice-interaction"), "{xml}");

    // Back to 2.2 on standard output: it scores as the original does.
    let o = qti(&["convert", "--to", "2.2", qti3.to_str().unwrap(), "-"], "");
    assert!(o.status.success());
    let qti22 = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(qti22.contains("<choiceInteraction"), "{qti22}");
    let responses = dir.join("responses.json");
    std::fs::write(&responses, r#"{"RESPONSE": "PARIS"}"#).unwrap();
    let o = qti(
        &["score", "-", "--responses", responses.to_str().unwrap()],
        &qti22,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout_json(&o)["SCORE"], 1.0);

    // A QTI 3 PCI has no QTI 2.2 form: left out, with a warning.
    let o = qti(
        &["convert", "--to", "2.2", "items/qti30/pci-likert.xml", "-"],
        "",
    );
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("portable custom"),
        "{stderr}"
    );

    // Tests convert too.
    let o = qti(
        &[
            "convert",
            "--to",
            "3.0",
            "items/tests/linear-basics.xml",
            "-",
        ],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = String::from_utf8_lossy(&o.stdout);
    assert!(xml.contains("<qti-assessment-test"), "{xml}");

    // Unreadable input: file:line:col and exit 1; a bad target is a usage error.
    let bad = dir.join("bad.xml");
    std::fs::write(&bad, "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p2\">\n  <oops></assessmentItem>").unwrap();
    let o = qti(&["convert", "--to", "3.0", bad.to_str().unwrap(), "-"], "");
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("bad.xml:2:"), "{stderr}");
    let o = qti(&["convert", "--to", "2.1", bad.to_str().unwrap(), "-"], "");
    assert_eq!(o.status.code(), Some(64));
}

/// Secure scoring on the command line: `qti deliver` writes what the
/// browser may see (no key), `qti score` and `qti feedback` score the
/// responses the browser sends back against the full item.
#[test]
fn deliver_hides_the_key_and_feedback_reports_what_to_show() {
    let o = qti(&["deliver", "items/qti30/text-entry-capital.xml", "-"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let form = String::from_utf8(o.stdout).unwrap();
    assert!(form.contains("<qti-text-entry-interaction"), "{form}");
    assert!(!form.contains("Rome") && !form.contains("Roma"), "{form}");
    assert!(!form.contains("qti-response-processing"), "{form}");

    let o = qti(
        &[
            "deliver",
            "items/qti22/feedback-template-arithmetic.xml",
            "--seed",
            "5",
            "--to",
            "3.0",
            "-",
        ],
        "",
    );
    let form = String::from_utf8(o.stdout).unwrap();
    assert!(
        form.contains("imsqtiasi_v3p0") && !form.contains("Not yet"),
        "{form}"
    );

    let o = qti(
        &[
            "feedback",
            "items/qti22/feedback-template-arithmetic.xml",
            "--seed",
            "5",
            "--responses",
            "-",
        ],
        r#"{"RESPONSE": 1}"#,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let messages = stdout_json(&o);
    let messages = messages.as_array().expect("an array of messages");
    assert!(messages.iter().any(|m| m == "Not yet."), "{messages:?}");
    assert!(messages.iter().all(|m| m != "Correct."), "{messages:?}");

    let o = qti(&["deliver", "items/nothing.xml", "-"], "");
    assert_eq!(o.status.code(), Some(1));
}
