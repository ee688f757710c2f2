//! Test sessions (ASI "assessmentTest", "Test Session" lifecycle): each
//! test names the clause it checks. Tests are written compactly (items
//! inside their assessmentItemRef, as qti-sdk's suites do), so no files
//! are needed.

use qti_engine::test_session::script::{Action, parse_script};
use qti_engine::test_session::{LoadedTest, TestSession, load_test};
use qti_engine::{Error, ErrorKind, Value};
use serde_json::{Value as Json, json};

/// A compact item: one identifier response with a correct choice, SCORE
/// by match_correct, plus extra children (rules, controls, ...).
fn item(id: &str, correct: &str, extra: &str) -> String {
    format!(
        r#"<assessmentItemRef identifier="{id}" href="{id}.xml" category="{cat}">{extra}
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>{correct}</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float" normalMaximum="1" normalMinimum="0">
    <defaultValue><value>0</value></defaultValue>
  </outcomeDeclaration>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItemRef>"#,
        cat = if id.ends_with(['1', '3', '5']) {
            "odd"
        } else {
            "even"
        }
    )
}

fn test_xml(outcomes: &str, parts: &str) -> String {
    format!(
        r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="T" title="T">
{outcomes}
{parts}
</assessmentTest>"#
    )
}

fn part(id: &str, nav: &str, sub: &str, body: &str) -> String {
    format!(
        r#"<testPart identifier="{id}" navigationMode="{nav}" submissionMode="{sub}">{body}</testPart>"#
    )
}

fn section(id: &str, body: &str) -> String {
    format!(
        r#"<assessmentSection identifier="{id}" title="{id}" visible="true">{body}</assessmentSection>"#
    )
}

fn load(xml: &str) -> Result<LoadedTest, Error> {
    load_test("t.xml", xml.as_bytes(), &mut |p: &str| {
        Err(Error::new(ErrorKind::Reference {
            href: p.into(),
            message: "no such file".into(),
        }))
    })
}

fn run(xml: &str, script: Json) -> (TestSession, Result<(), (usize, Error)>) {
    let loaded = load(xml).expect("test loads");
    let mut session = TestSession::new(&loaded, 7).expect("session starts");
    let actions = parse_script(&script).expect("script");
    let outcome = session.run_script(&actions);
    (session, outcome)
}

fn answer(choice: &str) -> Json {
    json!({"op": "answer", "responses": {"RESPONSE": choice}})
}

const SCORE_SUM: &str = r#"
<outcomeDeclaration identifier="TOTAL" cardinality="single" baseType="float"/>
<outcomeProcessing>
  <setOutcomeValue identifier="TOTAL"><sum><testVariables variableIdentifier="SCORE"/></sum></setOutcomeValue>
</outcomeProcessing>"#;

fn three_items(nav: &str, sub: &str) -> String {
    let items = [
        item("Q1", "A", ""),
        item("Q2", "B", ""),
        item("Q3", "C", ""),
    ]
    .concat();
    test_xml(SCORE_SUM, &part("P1", nav, sub, &section("S1", &items)))
}

#[test]
fn linear_individual_scores_after_each_submission_and_refuses_going_back() {
    // ASI testPart navigationMode linear: "the candidate is restricted to
    // attempt each item in turn"; individual submission: outcome processing
    // after each item's response processing.
    let xml = three_items("linear", "individual");
    let (s, r) = run(
        &xml,
        json!([answer("A"), {"op": "submit"}, {"op": "next"}, answer("B"), {"op": "submit"}]),
    );
    r.unwrap();
    let report = s.report();
    assert_eq!(report["test"]["TOTAL"], json!(2.0));
    assert_eq!(report["visited"], json!(["Q1", "Q2"]));
    let (_, r) = run(&xml, json!([{"op": "next"}, {"op": "previous"}]));
    let (i, e) = r.unwrap_err();
    assert_eq!(i, 1);
    assert!(e.to_string().contains("linear"), "{e}");
    let (_, r) = run(&xml, json!([{"op": "moveTo", "item": "Q3"}]));
    assert_eq!(r.unwrap_err().0, 0);
}

#[test]
fn nonlinear_allows_moving_anywhere_in_the_part() {
    let xml = three_items("nonlinear", "individual");
    let (s, r) = run(
        &xml,
        json!([{"op": "moveTo", "item": "Q3"}, answer("C"), {"op": "submit"}, {"op": "previous"}, answer("X"), {"op": "submit"}]),
    );
    r.unwrap();
    let report = s.report();
    assert_eq!(report["visited"], json!(["Q1", "Q3", "Q2"]));
    assert_eq!(report["test"]["TOTAL"], json!(1.0));
    assert_eq!(report["items"]["Q2"]["SCORE"], json!(0.0));
}

#[test]
fn simultaneous_part_is_processed_when_the_part_is_submitted() {
    // ASI submissionMode simultaneous: responses are submitted together
    // at the end of the part; only then do processing and outcomes run.
    let xml = three_items("nonlinear", "simultaneous");
    let (s, r) = run(
        &xml,
        json!([answer("A"), {"op": "next"}, answer("B"), {"op": "submit"}]),
    );
    r.unwrap();
    assert_eq!(s.report()["test"]["TOTAL"], json!(2.0));
    let (s, r) = run(&xml, json!([answer("A"), {"op": "next"}, answer("B")]));
    r.unwrap();
    // Numeric outcomes without a default start at 0; processed, it would be 2.
    assert_eq!(
        s.report()["test"]["TOTAL"],
        json!(0.0),
        "nothing processed yet"
    );
    let (s, r) = run(&xml, json!([answer("A"), {"op": "endTestPart"}]));
    r.unwrap();
    assert!(s.is_ended());
    assert_eq!(s.report()["test"]["TOTAL"], json!(1.0));
}

#[test]
fn item_session_control_is_inherited_part_section_item() {
    // ASI itemSessionControl: "applies to all items ... unless overridden".
    let items = [
        item("Q1", "A", r#"<itemSessionControl maxAttempts="1"/>"#),
        item("Q2", "B", ""),
    ]
    .concat();
    let sec = r#"<assessmentSection identifier="S1" title="S1" visible="true"><itemSessionControl allowSkipping="false"/>"#.to_string()
        + &items
        + "</assessmentSection>";
    let body = r#"<itemSessionControl maxAttempts="2" showFeedback="true"/>"#.to_string() + &sec;
    let xml = test_xml(SCORE_SUM, &part("P1", "nonlinear", "individual", &body));
    let loaded = load(&xml).unwrap();
    let s = TestSession::new(&loaded, 1).unwrap();
    let q1 = s.control(0);
    let q2 = s.control(1);
    assert_eq!(
        (q1.max_attempts, q1.allow_skipping, q1.show_feedback),
        (1, false, true)
    );
    assert_eq!(
        (q2.max_attempts, q2.allow_skipping, q2.show_feedback),
        (2, false, true)
    );
    // maxAttempts: a second attempt on Q1 is refused, on Q2 allowed.
    let (_, r) = run(
        &xml,
        json!([answer("A"), {"op": "submit"}, answer("B"), {"op": "submit"}]),
    );
    assert_eq!(r.unwrap_err().0, 3);
    let (_, r) = run(
        &xml,
        json!([{"op": "next"}, answer("A"), {"op": "submit"}, answer("B"), {"op": "submit"}]),
    );
    r.unwrap();
    // allowSkipping false: no skip, and no submit without a response.
    let (_, r) = run(&xml, json!([{"op": "skip"}]));
    assert!(r.unwrap_err().1.to_string().contains("allowSkipping"));
    let (_, r) = run(&xml, json!([{"op": "submit"}]));
    assert_eq!(r.unwrap_err().0, 0);
}

#[test]
fn preconditions_skip_items_in_linear_parts_only() {
    // ASI preCondition: "only applies to linear navigation".
    let pre = r#"<preCondition><gt><variable identifier="Q1.SCORE"/><baseValue baseType="float">0</baseValue></gt></preCondition>"#;
    let items = [
        item("Q1", "A", ""),
        item("Q2", "B", pre),
        item("Q3", "C", ""),
    ]
    .concat();
    let linear = test_xml(
        SCORE_SUM,
        &part("P1", "linear", "individual", &section("S1", &items)),
    );
    let (s, _) = run(
        &linear,
        json!([answer("X"), {"op": "submit"}, {"op": "next"}]),
    );
    assert_eq!(s.report()["visited"], json!(["Q1", "Q3"]));
    let (s, _) = run(
        &linear,
        json!([answer("A"), {"op": "submit"}, {"op": "next"}]),
    );
    assert_eq!(s.report()["visited"], json!(["Q1", "Q2"]));
    let nonlinear = test_xml(
        SCORE_SUM,
        &part("P1", "nonlinear", "individual", &section("S1", &items)),
    );
    let (s, _) = run(
        &nonlinear,
        json!([answer("X"), {"op": "submit"}, {"op": "next"}]),
    );
    assert_eq!(s.report()["visited"], json!(["Q1", "Q2"]));
}

#[test]
fn section_and_part_preconditions() {
    let never = r#"<preCondition><baseValue baseType="boolean">false</baseValue></preCondition>"#;
    let s2 = format!(
        r#"<assessmentSection identifier="S2" title="S2" visible="true">{never}{}</assessmentSection>"#,
        item("Q2", "B", "")
    );
    let p1 = part(
        "P1",
        "linear",
        "individual",
        &(section("S1", &item("Q1", "A", "")) + &s2 + &section("S3", &item("Q3", "C", ""))),
    );
    let p2 = part(
        "P2",
        "linear",
        "individual",
        &(never.to_string() + &section("S4", &item("Q4", "D", ""))),
    );
    let p3 = part(
        "P3",
        "linear",
        "individual",
        &section("S5", &item("Q5", "E", "")),
    );
    let xml = test_xml(SCORE_SUM, &(p1 + &p2 + &p3));
    let (s, r) = run(
        &xml,
        json!([{"op": "next"}, {"op": "next"}, {"op": "next"}]),
    );
    r.unwrap();
    assert_eq!(s.report()["visited"], json!(["Q1", "Q3", "Q5"]));
}

#[test]
fn branch_rules_jump_forward_and_exit_in_linear_parts() {
    // ASI branchRule: evaluated when leaving the item; special targets
    // EXIT_SECTION, EXIT_TESTPART, EXIT_TEST.
    let branch = |target: &str| {
        format!(
            r#"<branchRule target="{target}"><match><variable identifier="Q1.RESPONSE"/><baseValue baseType="identifier">A</baseValue></match></branchRule>"#
        )
    };
    let build = |target: &str, nav: &str| {
        let s1 = section(
            "S1",
            &[item("Q1", "A", &branch(target)), item("Q2", "B", "")].concat(),
        );
        let s2 = section("S2", &item("Q3", "C", ""));
        let p1 = part("P1", nav, "individual", &(s1 + &s2));
        let p2 = part(
            "P2",
            "linear",
            "individual",
            &section("S3", &item("Q4", "D", "")),
        );
        test_xml(SCORE_SUM, &(p1 + &p2))
    };
    let walk =
        json!([answer("A"), {"op": "submit"}, {"op": "next"}, {"op": "next"}, {"op": "next"}]);
    let visited = |target: &str, nav: &str| {
        let (s, r) = run(&build(target, nav), walk.clone());
        // Moving on after the end of the test is refused; that is fine here.
        if let Err((_, e)) = r {
            assert!(s.is_ended(), "{e}");
        }
        s.report()["visited"].clone()
    };
    assert_eq!(visited("Q3", "linear"), json!(["Q1", "Q3", "Q4"]));
    assert_eq!(visited("EXIT_SECTION", "linear"), json!(["Q1", "Q3", "Q4"]));
    assert_eq!(visited("EXIT_TESTPART", "linear"), json!(["Q1", "Q4"]));
    assert_eq!(visited("P2", "linear"), json!(["Q1", "Q4"]));
    assert_eq!(visited("EXIT_TEST", "linear"), json!(["Q1"]));
    // Nonlinear parts ignore item branchRules.
    assert_eq!(
        visited("EXIT_TEST", "nonlinear"),
        json!(["Q1", "Q2", "Q3", "Q4"])
    );
}

#[test]
fn branch_targets_are_checked_when_reading() {
    let with_rule = |owner_extra: &str, target: &str| {
        let rule = format!(
            r#"<branchRule target="{target}"><baseValue baseType="boolean">true</baseValue></branchRule>"#
        );
        let items = [
            item("Q1", "A", ""),
            item("Q2", "B", if owner_extra == "Q2" { &rule } else { "" }),
        ]
        .concat();
        test_xml(
            "",
            &part("P1", "linear", "individual", &section("S1", &items)),
        )
    };
    for (target, why) in [
        ("Q1", "backwards"),
        ("Q2", "its own"),
        ("NOPE", "no testPart"),
    ] {
        let e = load(&with_rule("Q2", target)).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::BranchTarget { .. }), "{e}");
        assert!(e.to_string().contains(why), "{target}: {e}");
    }
    assert!(load(&with_rule("Q2", "EXIT_TEST")).is_ok());
}

#[test]
fn selection_and_ordering_are_seeded_and_keep_required_and_fixed() {
    // ASI selection: "required" children are always selected; ordering
    // shuffle leaves "fixed" children where they are.
    let children: String = (1..=6)
        .map(|i| {
            let attrs = match i {
                1 => r#" required="true""#,
                6 => r#" fixed="true""#,
                _ => "",
            };
            item(&format!("Q{i}"), "A", "").replacen(
                "<assessmentItemRef ",
                &format!("<assessmentItemRef{attrs} "),
                1,
            )
        })
        .collect();
    let sec = format!(
        r#"<assessmentSection identifier="S1" title="S1" visible="true"><selection select="6"/><ordering shuffle="true"/>{children}</assessmentSection>"#
    );
    let xml = test_xml("", &part("P1", "nonlinear", "individual", &sec));
    let loaded = load(&xml).unwrap();
    let order = |seed| {
        let s = TestSession::new(&loaded, seed).unwrap();
        s.route()
            .iter()
            .map(|r| r.item_ref.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(3), order(3), "same seed, same route");
    let shuffled = (1..20).any(|seed| order(seed) != order(1));
    assert!(shuffled, "different seeds give different orders");
    for seed in 1..20 {
        let o = order(seed);
        assert_eq!(o.len(), 6);
        assert_eq!(o[5], "Q6", "fixed child keeps its place (seed {seed})");
    }
    let sec = format!(
        r#"<assessmentSection identifier="S1" title="S1" visible="true"><selection select="2"/>{children}</assessmentSection>"#
    );
    let loaded = load(&test_xml("", &part("P1", "nonlinear", "individual", &sec))).unwrap();
    for seed in 1..20 {
        let s = TestSession::new(&loaded, seed).unwrap();
        let route: Vec<_> = s.route().iter().map(|r| r.item_ref.as_str()).collect();
        assert_eq!(route.len(), 2);
        assert_eq!(route[0], "Q1", "required child always selected");
    }
}

#[test]
fn selection_with_replacement_gives_distinct_item_sessions() {
    let sec = format!(
        r#"<assessmentSection identifier="S1" title="S1" visible="true"><selection select="4" withReplacement="true"/>{}</assessmentSection>"#,
        item("Q1", "A", "")
    );
    let xml = test_xml(SCORE_SUM, &part("P1", "nonlinear", "individual", &sec));
    let (s, r) = run(
        &xml,
        json!([answer("A"), {"op": "submit"}, {"op": "next"}, answer("B"), {"op": "submit"}, {"op": "next"}]),
    );
    r.unwrap();
    let report = s.report();
    assert_eq!(report["visited"], json!(["Q1", "Q1.2", "Q1.3"]));
    assert_eq!(report["items"]["Q1"]["SCORE"], json!(1.0));
    assert_eq!(report["items"]["Q1.2"]["SCORE"], json!(0.0));
    assert_eq!(report["test"]["TOTAL"], json!(1.0));
}

#[test]
fn time_limits_with_a_driven_clock() {
    // ASI timeLimits maxTime: a submission after it is refused unless
    // allowLateSubmission; durations are the test's built-in variables.
    let limited = |late: bool| {
        let tl = format!(r#"<timeLimits maxTime="10" allowLateSubmission="{late}"/>"#);
        let out = r#"<outcomeDeclaration identifier="SPENT" cardinality="single" baseType="duration"/>
<outcomeProcessing><setOutcomeValue identifier="SPENT"><variable identifier="S1.duration"/></setOutcomeValue></outcomeProcessing>"#;
        test_xml(
            out,
            &part(
                "P1",
                "linear",
                "individual",
                &section("S1", &item("Q1", "A", &tl)),
            ),
        )
    };
    let script = json!([{"op": "clock", "seconds": 4}, answer("A"), {"op": "clock", "seconds": 7}, {"op": "submit"}]);
    let (_, r) = run(&limited(false), script.clone());
    let (i, e) = r.unwrap_err();
    assert_eq!(i, 3);
    assert!(e.to_string().contains("time limit"), "{e}");
    let (s, r) = run(&limited(true), script);
    r.unwrap();
    assert_eq!(s.report()["test"]["SPENT"], json!(11.0));
    assert_eq!(s.report()["items"]["Q1"]["SCORE"], json!(1.0));
}

#[test]
fn test_level_expressions_count_and_collect_item_values() {
    // ASI numberCorrect, numberIncorrect, numberPresented, numberResponded,
    // numberSelected, testVariables (weights), outcomeMaximum/Minimum, with
    // sectionIdentifier and categories.
    let outcomes = r#"
<outcomeDeclaration identifier="CORRECT" cardinality="single" baseType="integer"/>
<outcomeDeclaration identifier="INCORRECT" cardinality="single" baseType="integer"/>
<outcomeDeclaration identifier="PRESENTED" cardinality="single" baseType="integer"/>
<outcomeDeclaration identifier="RESPONDED" cardinality="single" baseType="integer"/>
<outcomeDeclaration identifier="SELECTED_S2" cardinality="single" baseType="integer"/>
<outcomeDeclaration identifier="ODD_CORRECT" cardinality="single" baseType="integer"/>
<outcomeDeclaration identifier="WEIGHTED" cardinality="single" baseType="float"/>
<outcomeDeclaration identifier="MAX" cardinality="single" baseType="float"/>
<outcomeDeclaration identifier="MIN" cardinality="single" baseType="float"/>
<outcomeDeclaration identifier="Q1W" cardinality="single" baseType="float"/>
<outcomeProcessing>
  <setOutcomeValue identifier="CORRECT"><numberCorrect/></setOutcomeValue>
  <setOutcomeValue identifier="INCORRECT"><numberIncorrect/></setOutcomeValue>
  <setOutcomeValue identifier="PRESENTED"><numberPresented/></setOutcomeValue>
  <setOutcomeValue identifier="RESPONDED"><numberResponded/></setOutcomeValue>
  <setOutcomeValue identifier="SELECTED_S2"><numberSelected sectionIdentifier="S2"/></setOutcomeValue>
  <setOutcomeValue identifier="ODD_CORRECT"><numberCorrect includeCategory="odd"/></setOutcomeValue>
  <setOutcomeValue identifier="WEIGHTED"><sum><testVariables variableIdentifier="SCORE" weightIdentifier="W"/></sum></setOutcomeValue>
  <setOutcomeValue identifier="MAX"><sum><outcomeMaximum outcomeIdentifier="SCORE" weightIdentifier="W"/></sum></setOutcomeValue>
  <setOutcomeValue identifier="MIN"><sum><outcomeMinimum outcomeIdentifier="SCORE" excludeCategory="even"/></sum></setOutcomeValue>
  <setOutcomeValue identifier="Q1W"><variable identifier="Q1.SCORE" weightIdentifier="W"/></setOutcomeValue>
</outcomeProcessing>"#;
    let w = r#"<weight identifier="W" value="2"/>"#;
    let s1 = section("S1", &[item("Q1", "A", w), item("Q2", "B", "")].concat());
    let s2 = section("S2", &[item("Q3", "C", w), item("Q4", "D", "")].concat());
    let xml = test_xml(
        outcomes,
        &part("P1", "nonlinear", "individual", &(s1 + &s2)),
    );
    let (s, r) = run(
        &xml,
        json!([answer("A"), {"op": "submit"}, {"op": "next"}, answer("X"), {"op": "submit"}, {"op": "next"}, answer("C"), {"op": "submit"}]),
    );
    r.unwrap();
    let t = &s.report()["test"];
    assert_eq!(t["CORRECT"], json!(2));
    assert_eq!(t["INCORRECT"], json!(1));
    assert_eq!(t["PRESENTED"], json!(3));
    assert_eq!(t["RESPONDED"], json!(3));
    assert_eq!(t["SELECTED_S2"], json!(2));
    assert_eq!(t["ODD_CORRECT"], json!(2));
    assert_eq!(t["WEIGHTED"], json!(4.0), "Q1 and Q3 weigh 2");
    assert_eq!(t["MAX"], json!(6.0), "2 + 1 + 2 + 1");
    assert_eq!(t["MIN"], json!(0.0));
    assert_eq!(t["Q1W"], json!(2.0));
}

#[test]
fn outcome_processing_resets_test_outcomes_first() {
    // ASI outcomeProcessing: test outcomes are "reset to their defaults
    // prior to" the rules; a rule that no longer fires leaves the default.
    let out = r#"<outcomeDeclaration identifier="PASSED" cardinality="single" baseType="boolean"><defaultValue><value>false</value></defaultValue></outcomeDeclaration>
<outcomeProcessing><outcomeCondition><outcomeIf><gt><variable identifier="Q1.SCORE"/><baseValue baseType="float">0</baseValue></gt>
<setOutcomeValue identifier="PASSED"><baseValue baseType="boolean">true</baseValue></setOutcomeValue></outcomeIf></outcomeCondition></outcomeProcessing>"#;
    let items = item("Q1", "A", r#"<itemSessionControl maxAttempts="0"/>"#);
    let xml = test_xml(
        out,
        &part("P1", "nonlinear", "individual", &section("S1", &items)),
    );
    let (s, r) = run(&xml, json!([answer("A"), {"op": "submit"}]));
    r.unwrap();
    assert_eq!(s.report()["test"]["PASSED"], json!(true));
    let (s, r) = run(
        &xml,
        json!([answer("A"), {"op": "submit"}, answer("B"), {"op": "submit"}]),
    );
    r.unwrap();
    assert_eq!(s.report()["test"]["PASSED"], json!(false));
}

#[test]
fn a_saved_session_resumes_exactly() {
    let sec = format!(
        r#"<assessmentSection identifier="S1" title="S1" visible="true"><ordering shuffle="true"/>{}</assessmentSection>"#,
        [
            item("Q1", "A", ""),
            item("Q2", "B", ""),
            item("Q3", "C", ""),
            item("Q4", "D", "")
        ]
        .concat()
    );
    let xml = test_xml(SCORE_SUM, &part("P1", "linear", "individual", &sec));
    let loaded = load(&xml).unwrap();
    let first: Vec<Action> = parse_script(
        &json!([answer("A"), {"op": "submit"}, {"op": "clock", "seconds": 3}, {"op": "next"}]),
    )
    .unwrap();
    let rest: Vec<Action> =
        parse_script(&json!([answer("B"), {"op": "submit"}, {"op": "next"}])).unwrap();
    let mut straight = TestSession::new(&loaded, 11).unwrap();
    straight.run_script(&first).unwrap();
    let saved = serde_json::to_string(&straight.state()).unwrap();
    straight.run_script(&rest).unwrap();
    let state = serde_json::from_str(&saved).unwrap();
    let mut resumed = TestSession::restore(&loaded, state).unwrap();
    resumed.run_script(&rest).unwrap();
    assert_eq!(resumed.report(), straight.report());
    assert_eq!(resumed.route(), straight.route());
}

#[test]
fn missing_items_and_section_cycles_are_clear_errors() {
    let xml = r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="T" title="T">
<testPart identifier="P" navigationMode="linear" submissionMode="individual">
<assessmentSection identifier="S" title="S" visible="true">
  <assessmentItemRef identifier="Q1" href="items/q1.xml"/>
</assessmentSection></testPart></assessmentTest>"#;
    let e = load(xml).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("items/q1.xml") && text.contains("Q1"),
        "{text}"
    );
    assert_eq!(e.position.map(|p| p.line), Some(4));
    let cyclic = r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="T" title="T">
<testPart identifier="P" navigationMode="linear" submissionMode="individual">
  <assessmentSectionRef identifier="S" href="s.xml"/>
</testPart></assessmentTest>"#;
    let section = br#"<assessmentSection xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="S" title="S" visible="true">
  <assessmentSectionRef identifier="S2" href="s.xml"/></assessmentSection>"#;
    let e = load_test("t.xml", cyclic.as_bytes(), &mut |_| Ok(section.to_vec())).unwrap_err();
    assert!(e.to_string().contains("cycle"), "{e}");
    let escaping = cyclic.replace("s.xml", "../s.xml");
    let e = load_test("t.xml", escaping.as_bytes(), &mut |_| Ok(section.to_vec())).unwrap_err();
    assert!(e.to_string().contains("leaves"), "{e}");
}

#[test]
fn adaptive_items_are_not_limited_by_max_attempts() {
    let adaptive = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="A" title="A" adaptive="true" timeDependent="false">
<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>
<responseProcessing><responseCondition><responseIf><match><variable identifier="RESPONSE"/><baseValue baseType="identifier">A</baseValue></match>
<setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>
<setOutcomeValue identifier="completionStatus"><baseValue baseType="identifier">completed</baseValue></setOutcomeValue>
</responseIf></responseCondition></responseProcessing></assessmentItem>"#;
    let xml = r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="T" title="T">
<testPart identifier="P" navigationMode="linear" submissionMode="individual">
<assessmentSection identifier="S" title="S" visible="true"><assessmentItemRef identifier="Q1" href="a.xml"/></assessmentSection>
</testPart></assessmentTest>"#;
    let loaded = load_test("t.xml", xml.as_bytes(), &mut |_| {
        Ok(adaptive.as_bytes().to_vec())
    })
    .unwrap();
    let mut s = TestSession::new(&loaded, 1).unwrap();
    let script =
        parse_script(&json!([answer("B"), {"op": "submit"}, answer("A"), {"op": "submit"}]))
            .unwrap();
    s.run_script(&script).unwrap();
    assert_eq!(
        s.item_session(0).unwrap().value("SCORE"),
        &Value::float(1.0)
    );
    // Completed: no further attempt.
    let again = parse_script(&json!([answer("A"), {"op": "submit"}])).unwrap();
    assert!(s.run_script(&again).is_err());
}

#[test]
fn a_test_session_writes_a_test_level_assessment_result() {
    use qti_engine::results::{AssessmentResult, ResultVersion, read_results, write_results};
    let xml = three_items("linear", "individual");
    let (s, r) = run(
        &xml,
        json!([answer("A"), {"op": "submit"}, {"op": "clock", "seconds": 5}, {"op": "next"}, answer("X"), {"op": "submit"}]),
    );
    r.unwrap();
    let result = AssessmentResult::from_test_session(&s, "2026-11-28T10:00:00.000Z");
    for version in [ResultVersion::V2_2, ResultVersion::V3_0] {
        let doc = write_results(&result, version);
        let back = read_results(doc.as_bytes()).expect("our result document reads back");
        let test_result = back.test_result.expect("a testResult");
        assert_eq!(test_result.identifier, "T");
        let total = test_result
            .variables
            .iter()
            .find(|v| v.identifier == "TOTAL")
            .unwrap();
        assert_eq!(total.values[0].text, "1");
        let ids: Vec<_> = back
            .item_results
            .iter()
            .map(|r| (r.identifier.as_str(), r.sequence_index))
            .collect();
        assert_eq!(ids, [("Q1", Some(1)), ("Q2", Some(2))]);
    }
}

#[test]
fn caliper_events_of_a_test_delivery() {
    use qti_engine::caliper::test_delivery::{Snapshot, after, start};
    use qti_engine::caliper::*;
    let xml = three_items("linear", "individual");
    let loaded = load(&xml).unwrap();
    let mut session = TestSession::new(&loaded, 1).unwrap();
    let ctx = SensorContext::new(
        Agent::person("https://example.edu/users/1"),
        Agent::software_application("https://example.edu/player", None, None),
        Resource::assessment("https://example.edu/tests/T", Some("T".into())),
    );
    let mut sensor = AssessmentSensorState::new(ctx, RngIds::new(42));
    let mut now = 1_700_000_000_000;
    let mut events = start(&mut sensor, &session, now);
    let script = parse_script(&json!([answer("A"), {"op": "submit"}, {"op": "next"}, {"op": "skip"}, {"op": "next"}, {"op": "endTest"}])).unwrap();
    for action in &script {
        let before = Snapshot::of(&session);
        session.perform(action).unwrap();
        now += 1000;
        events.extend(after(&mut sensor, &session, &before, now));
    }
    let names: Vec<String> = events
        .iter()
        .map(|e| {
            let j = e.to_json();
            format!(
                "{} {}",
                j["type"].as_str().unwrap(),
                j["action"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            "AssessmentEvent Started",
            "NavigationEvent NavigatedTo",
            "AssessmentItemEvent Started",
            "AssessmentItemEvent Completed",
            "GradeEvent Graded",
            "NavigationEvent NavigatedTo",
            "AssessmentItemEvent Started",
            "AssessmentItemEvent Skipped",
            "GradeEvent Graded",
            "NavigationEvent NavigatedTo",
            "AssessmentItemEvent Started",
            "AssessmentEvent Submitted",
            "GradeEvent Graded",
        ]
    );
    let envelope = Envelope::new("https://example.edu/sensors/1", now, &events);
    validate_envelope(&serde_json::to_value(&envelope).unwrap())
        .expect("valid Caliper 1.2 envelope");
}

/// A second attempt at an item (maxAttempts 2) is a new item attempt:
/// Started again with count 2 before its Completed, not a lost event.
#[test]
fn caliper_counts_a_second_attempt_at_an_item() {
    use qti_engine::caliper::test_delivery::{Snapshot, after, start};
    use qti_engine::caliper::*;
    let xml = test_xml(
        SCORE_SUM,
        &part(
            "P1",
            "nonlinear",
            "individual",
            &section(
                "S1",
                &item("Q1", "A", r#"<itemSessionControl maxAttempts="2"/>"#),
            ),
        ),
    );
    let loaded = load(&xml).unwrap();
    let mut session = TestSession::new(&loaded, 1).unwrap();
    let ctx = SensorContext::new(
        Agent::person("https://example.edu/users/1"),
        Agent::software_application("https://example.edu/player", None, None),
        Resource::assessment("https://example.edu/tests/T", None),
    );
    let mut sensor = AssessmentSensorState::new(ctx, RngIds::new(9));
    let mut now = 1_700_000_000_000;
    let mut events = start(&mut sensor, &session, now);
    let script =
        parse_script(&json!([answer("B"), {"op": "submit"}, answer("A"), {"op": "submit"}]))
            .unwrap();
    for action in &script {
        let before = Snapshot::of(&session);
        session.perform(action).unwrap();
        now += 1000;
        events.extend(after(&mut sensor, &session, &before, now));
    }
    let items: Vec<(String, u64)> = events
        .iter()
        .map(|e| e.to_json())
        .filter(|j| j["type"] == "AssessmentItemEvent")
        .map(|j| {
            let attempt = if j["action"] == "Started" {
                &j["generated"]
            } else {
                &j["generated"]["attempt"]
            };
            (
                j["action"].as_str().unwrap().to_string(),
                attempt["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("Started".to_string(), 1),
            ("Completed".to_string(), 1),
            ("Started".to_string(), 2),
            ("Completed".to_string(), 2),
        ]
    );
}

#[test]
fn min_time_holds_the_attempt_in_linear_parts_only() {
    // ASI timeLimits minTime: applies to items in linear navigation.
    let build = |nav: &str| {
        let tl = r#"<timeLimits minTime="5"/>"#;
        test_xml(
            SCORE_SUM,
            &part(
                "P1",
                nav,
                "individual",
                &section("S1", &item("Q1", "A", tl)),
            ),
        )
    };
    let early = json!([{"op": "clock", "seconds": 2}, answer("A"), {"op": "submit"}]);
    let (_, r) = run(&build("linear"), early.clone());
    let (i, e) = r.unwrap_err();
    assert_eq!(i, 2);
    assert!(e.to_string().contains("at least 5"), "{e}");
    let (_, r) = run(&build("nonlinear"), early);
    r.unwrap();
    let (s, r) = run(
        &build("linear"),
        json!([{"op": "clock", "seconds": 6}, answer("A"), {"op": "submit"}]),
    );
    r.unwrap();
    assert_eq!(s.report()["test"]["TOTAL"], json!(1.0));
}

#[test]
fn template_defaults_of_an_item_reference_set_template_variables() {
    // ASI templateDefault: "overrides the default value of a template
    // variable" of the referenced item, before its template processing.
    let item_ref = r#"<assessmentItemRef identifier="Q1" href="q1.xml">
  <templateDefault templateIdentifier="N"><baseValue baseType="integer">5</baseValue></templateDefault>
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="integer"/>
  <templateDeclaration identifier="N" cardinality="single" baseType="integer"><defaultValue><value>1</value></defaultValue></templateDeclaration>
  <templateProcessing><setTemplateValue identifier="N"><sum><variable identifier="N"/><baseValue baseType="integer">10</baseValue></sum></setTemplateValue></templateProcessing>
  <responseProcessing><setOutcomeValue identifier="SCORE"><variable identifier="N"/></setOutcomeValue></responseProcessing>
</assessmentItemRef>"#;
    let xml = test_xml(
        "",
        &part("P1", "linear", "individual", &section("S1", item_ref)),
    );
    let (s, r) = run(&xml, json!([answer("A"), {"op": "submit"}]));
    r.unwrap();
    assert_eq!(
        s.report()["items"]["Q1"]["SCORE"],
        json!(15),
        "default 5, then + 10"
    );
}

#[test]
fn flags_for_review_are_kept_with_the_session() {
    let xml = three_items("nonlinear", "individual");
    let loaded = load(&xml).unwrap();
    let mut s = TestSession::new(&loaded, 1).unwrap();
    s.toggle_flag();
    s.move_to("Q3").unwrap();
    s.toggle_flag();
    s.toggle_flag();
    assert_eq!(s.flagged(), [0]);
    let json = serde_json::to_string(&s.state()).unwrap();
    let restored = TestSession::restore(&loaded, serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(restored.flagged(), [0]);
}

#[test]
fn a_timed_out_scope_closes_in_linear_parts() {
    // ASI timeLimits maxTime on a section, part or test: once it is over,
    // nothing more in that scope can be attempted, so moving on in a
    // linear part leaves the scope (qti-sdk's timing tests expect this).
    let build = |where_: &str| {
        let tl = r#"<timeLimits maxTime="5"/>"#;
        let (s1_limit, p1_limit) = match where_ {
            "section" => (tl, ""),
            _ => ("", tl),
        };
        let s1 = format!(
            r#"<assessmentSection identifier="S1" title="S1" visible="true">{s1_limit}{}</assessmentSection>"#,
            [item("Q1", "A", ""), item("Q2", "B", "")].concat()
        );
        let s2 = section("S2", &item("Q3", "C", ""));
        let p1 = format!(
            r#"<testPart identifier="P1" navigationMode="linear" submissionMode="individual">{p1_limit}{s1}{s2}</testPart>"#
        );
        let p2 = part(
            "P2",
            "linear",
            "individual",
            &section("S3", &item("Q4", "D", "")),
        );
        test_xml(SCORE_SUM, &(p1 + &p2))
    };
    let walk = json!([{"op": "clock", "seconds": 6}, {"op": "next"}, {"op": "next"}]);
    let (s, r) = run(&build("section"), walk.clone());
    r.unwrap();
    assert_eq!(
        s.report()["visited"],
        json!(["Q1", "Q3", "Q4"]),
        "S1 closed"
    );
    let (s, r) = run(&build("part"), walk);
    r.unwrap();
    assert!(s.is_ended(), "P1 closed; moving past Q4 ends the test");
    assert_eq!(s.report()["visited"], json!(["Q1", "Q4"]));
}

#[test]
fn a_wrapping_expression_element_is_read_with_a_warning() {
    // Not QTI: some tools wrap a branchRule's expression in <expression>.
    let rule = r#"<branchRule target="Q3"><expression><match><variable identifier="Q1.RESPONSE"/><baseValue baseType="identifier">A</baseValue></match></expression></branchRule>"#;
    let items = [
        item("Q1", "A", rule),
        item("Q2", "B", ""),
        item("Q3", "C", ""),
    ]
    .concat();
    let xml = test_xml(
        SCORE_SUM,
        &part("P1", "linear", "individual", &section("S1", &items)),
    );
    let loaded = load(&xml).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.to_string().contains("<expression> is not a QTI element")),
        "{:?}",
        loaded.warnings
    );
    let (s, r) = run(&xml, json!([answer("A"), {"op": "submit"}, {"op": "next"}]));
    r.unwrap();
    assert_eq!(s.report()["visited"], json!(["Q1", "Q3"]));
}

#[test]
fn caliper_sensor_state_survives_a_reload() {
    // Caliper Assessment Profile: one attempt per delivery. A page reload
    // restores the test session and the sensor state, and the attempt goes
    // on (same attempt id, no second Started); a fresh delivery while an
    // attempt is open restarts it (Restarted, count 2).
    use qti_engine::caliper::test_delivery::{Snapshot, after, begin};
    use qti_engine::caliper::*;
    let loaded = load(&three_items("linear", "individual")).unwrap();
    let ctx = SensorContext::new(
        Agent::person("https://example.edu/users/1"),
        Agent::software_application("https://example.edu/player", None, None),
        Resource::assessment("https://example.edu/tests/T", Some("T".into())),
    );
    let mut sensor = AssessmentSensorState::new(ctx, RngIds::new(7));
    let mut session = TestSession::new(&loaded, 1).unwrap();
    let now = 1_700_000_000_000;
    let first = begin(&mut sensor, &session, false, now);
    assert_eq!(first[0].to_json()["action"], "Started");
    let attempt_id = first[0].to_json()["generated"]["id"].clone();
    let before = Snapshot::of(&session);
    session
        .perform(&parse_script(&json!([answer("A")])).unwrap()[0])
        .unwrap();
    session
        .perform(&parse_script(&json!([{"op": "submit"}])).unwrap()[0])
        .unwrap();
    after(&mut sensor, &session, &before, now + 1000);

    // The reload: both states come back from their JSON.
    let saved_sensor = serde_json::to_string(&sensor).unwrap();
    let saved_session = serde_json::to_string(&session.state()).unwrap();
    let mut sensor: AssessmentSensorState = serde_json::from_str(&saved_sensor).unwrap();
    let mut session =
        TestSession::restore(&loaded, serde_json::from_str(&saved_session).unwrap()).unwrap();
    assert!(
        begin(&mut sensor, &session, true, now + 5000).is_empty(),
        "no second Started"
    );
    let before = Snapshot::of(&session);
    session
        .perform(&parse_script(&json!([{"op": "endTest"}])).unwrap()[0])
        .unwrap();
    let end = after(&mut sensor, &session, &before, now + 6000);
    let submitted = end
        .iter()
        .map(|e| e.to_json())
        .find(|j| j["action"] == "Submitted")
        .expect("Submitted");
    assert_eq!(submitted["object"]["id"], "https://example.edu/tests/T");
    assert_eq!(submitted["generated"]["id"], attempt_id, "the same attempt");

    // A new delivery while an attempt is open (its page was closed, not submitted).
    let mut open = AssessmentSensorState::new(sensor.context.clone(), RngIds::new(9));
    let fresh = TestSession::new(&loaded, 1).unwrap();
    begin(&mut open, &fresh, false, now);
    let again = begin(&mut open, &fresh, false, now + 1000);
    let restarted = again[0].to_json();
    assert_eq!(restarted["action"], "Restarted");
    assert_eq!(restarted["generated"]["count"], 2);
}

#[test]
fn extra_time_stretches_every_max_time() {
    // AfA PNP additional-testing-time: the candidate's maxTime is longer
    // (x1.5, +10 minutes, or none at all); minTime stays as it is.
    use qti_engine::test_session::ExtraTime;
    let tl = r#"<timeLimits maxTime="10"/>"#;
    let xml = test_xml(
        SCORE_SUM,
        &part(
            "P1",
            "linear",
            "individual",
            &section("S1", &item("Q1", "A", tl)),
        ),
    );
    let loaded = load(&xml).unwrap();
    let script =
        parse_script(&json!([{"op": "clock", "seconds": 12}, answer("A"), {"op": "submit"}]))
            .unwrap();
    let attempt = |extra: ExtraTime| {
        let mut s = TestSession::new(&loaded, 1).unwrap();
        s.allow_extra_time(extra);
        s.run_script(&script).map(|_| s)
    };
    assert!(
        attempt(ExtraTime::None).is_err(),
        "12 s is over a 10 s limit"
    );
    let s = attempt(ExtraTime::Multiplier(1.5)).expect("15 s with time and a half");
    assert_eq!(s.report()["items"]["Q1"]["SCORE"], json!(1.0));
    attempt(ExtraTime::FixedMinutes(1.0)).expect("70 s with a minute more");
    attempt(ExtraTime::Unlimited).expect("no limit");
    assert!(
        attempt(ExtraTime::Multiplier(0.5)).is_err(),
        "never less time"
    );

    // The extra time is part of the saved state.
    let mut s = TestSession::new(&loaded, 1).unwrap();
    s.allow_extra_time(ExtraTime::Multiplier(2.0));
    let restored = TestSession::restore(&loaded, s.state()).unwrap();
    assert_eq!(restored.extra_time(), ExtraTime::Multiplier(2.0));

    // time_left counts down from the stretched test or part limit.
    let part_limited = test_xml(
        SCORE_SUM,
        &format!(
            r#"<testPart identifier="P1" navigationMode="linear" submissionMode="individual"><timeLimits maxTime="60"/>{}</testPart>"#,
            section("S1", &item("Q1", "A", ""))
        ),
    );
    let loaded = load(&part_limited).unwrap();
    let mut s = TestSession::new(&loaded, 1).unwrap();
    assert_eq!(s.time_left(), Some(60.0));
    s.allow_extra_time(ExtraTime::Multiplier(1.5));
    s.clock(30.0);
    assert_eq!(s.time_left(), Some(60.0));
}
