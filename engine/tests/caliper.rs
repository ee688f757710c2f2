//! Caliper 1.2: our validator against the IMS common fixtures, and the
//! events our sensor generates against the validator and the fixtures'
//! shapes. The fixtures live outside the repository
//! (`../../shared/caliper-fixtures`); tests that need them skip when absent.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use qti_engine::caliper::validate::validate_json;
use qti_engine::caliper::*;
use qti_engine::{ItemSession, Value as QtiValue, read_item};
use serde_json::{Value, json};

#[path = "support/caliper_fixtures.rs"]
mod caliper_fixtures;
use caliper_fixtures::{fixtures, json_files};

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn fixture(dir: &Path, file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap()
}

fn messages(e: &[ValidationError]) -> Vec<String> {
    e.iter().map(ToString::to_string).collect()
}

#[test]
fn reference_fixtures_pass_the_validator() {
    let Some(dir) = fixtures() else { return };
    let mut counts = BTreeMap::new();
    let mut failures = Vec::new();
    for prefix in ["caliperEvent", "caliperEnvelope", "caliperEntity"] {
        for f in json_files(&dir, prefix) {
            let entry = counts.entry(prefix).or_insert((0, 0));
            entry.0 += 1;
            match validate_json(&std::fs::read_to_string(&f).unwrap()) {
                Ok(()) => entry.1 += 1,
                Err(e) => failures.push(format!("{}: {:?}", name(&f), messages(&e))),
            }
        }
    }
    for (prefix, (total, passed)) in &counts {
        println!("{prefix}*.json: {passed}/{total} pass");
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(counts["caliperEvent"].0 >= 40, "fixtures present");
}

/// What a rejection of a fixture named like this must talk about.
fn expected_message(file: &str) -> Option<&'static str> {
    // Files whose name does not say what is wrong with them.
    let actual: &[(&str, &str)] = &[
        // messageParameters is an array where an object is required.
        (
            "LtiSession-MalformedMessageParametersNotAList",
            "must be an object",
        ),
        // searchTerms is an array where a string is required.
        ("Query-MalformedSearchTermsNotAList", "must be a string"),
        // The property is misspelled `endedAtTiem`.
        (
            "Session-MalformedEndedAtTimeNotValidDateTime",
            "no property endedAtTiem",
        ),
        // The file has a trailing comma.
        ("Survey-MalformedItemsContainsWrongEntityType", "not JSON"),
    ];
    if let Some((_, m)) = actual.iter().find(|(k, _)| file.contains(k)) {
        return Some(m);
    }
    let rules: &[(&str, &str)] = &[
        ("BadJson", "not JSON"),
        ("WrongAction", "is not an action of"),
        ("UnknownAction", "is not an action of"),
        ("WrongEntityType", "expected"),
        ("UnknownContext", "@context"),
        ("UnknownEntityType", "unknown type"),
        ("UnknownEventType", "unknown type"),
        ("UnknownProfile", "unknown profile"),
        ("UnknownValue", "vocabulary"),
        ("InvalidDateTime", "date-time"),
        ("NotValidDateTime", "date-time"),
        ("NotADateTime", "date-time"),
        ("NotADuration", "duration"),
        ("NotValidDuration", "duration"),
        ("NotAList", "array"),
        ("Null", "null"),
        ("NoValue", "null"),
        ("-No", "requires"),
        ("NotPresent", "requires"),
    ];
    rules
        .iter()
        .find(|(k, _)| file.contains(k))
        .map(|(_, m)| *m)
}

#[test]
fn common_error_fixtures_are_rejected_with_specific_messages() {
    let Some(dir) = fixtures() else { return };
    let files = json_files(&dir.join("commonErrorFixtures"), "caliper");
    let mut accepted = Vec::new();
    let mut vague = Vec::new();
    for f in &files {
        let file = name(f);
        match validate_json(&std::fs::read_to_string(f).unwrap()) {
            Ok(()) => accepted.push(file),
            Err(e) => {
                assert!(!e.is_empty());
                if let Some(want) = expected_message(&file)
                    && !e.iter().any(|x| x.to_string().contains(want))
                {
                    vague.push(format!("{file}: want {want:?}, got {:?}", messages(&e)));
                }
            }
        }
    }
    println!(
        "commonErrorFixtures: {}/{} rejected; accepted: {accepted:?}",
        files.len() - accepted.len(),
        files.len()
    );
    assert!(files.len() >= 250, "fixtures present");
    assert!(
        accepted.is_empty(),
        "accepted malformed documents: {accepted:#?}"
    );
    assert!(vague.is_empty(), "{vague:#?}");
}

// --- the sensor -------------------------------------------------------------

const T0: i64 = 1_479_204_900_000; // 2016-11-15T10:15:00.000Z

fn ctx() -> SensorContext {
    let mut ctx = SensorContext::new(
        Agent::person("https://example.edu/users/554433"),
        Agent::software_application("https://example.edu", None, Some("v2".into())),
        Resource::assessment(
            "https://example.edu/terms/201601/courses/7/sections/1/assess/1",
            Some("Quiz One".into()),
        ),
    );
    ctx.group = Some(Organization::course_section(
        "https://example.edu/terms/201601/courses/7/sections/1",
        Some("CPS 435-01".into()),
        Some("Fall 2016".into()),
    ));
    let mut m = Membership::learner(
        "https://example.edu/terms/201601/courses/7/sections/1/rosters/1",
        "https://example.edu/users/554433",
        "https://example.edu/terms/201601/courses/7/sections/1",
    );
    m.date_created = Some("2016-08-01T06:00:00.000Z".into());
    ctx.membership = Some(m);
    ctx.session = Some(Session::new(
        "https://example.edu/sessions/1f6442a482de72ea6ad134943812bff564a76259",
        Some(T0 - 900_000),
    ));
    ctx
}

fn sensor() -> AssessmentSensorState {
    AssessmentSensorState::new(ctx(), RngIds::new(0x5eed))
}

fn count(e: &Event) -> Option<u64> {
    let v = e.to_json();
    let g = v.get("generated")?;
    g.get("count")
        .or_else(|| g.get("attempt").and_then(|a| a.get("count")))
        .and_then(Value::as_u64)
}

fn check(e: &Event) -> Value {
    let v = e.to_json();
    if let Err(errs) = validate_event(&v) {
        panic!("{:#}\n{:?}", v, messages(&errs));
    }
    assert!(is_uuid_v4_urn(&e.id), "{}", e.id);
    v
}

#[test]
fn attempt_counts_follow_the_assessment_profile() {
    let mut s = sensor();
    let item = s.item_entity("q1", Some("Question 1"));
    let e = s.started(T0).unwrap();
    check(&e);
    assert_eq!(count(&e), Some(1), "Started → 1");
    assert_eq!(count(&s.paused(T0 + 1).unwrap()), Some(1), "Paused keeps");
    assert_eq!(s.started(T0 + 2), Err(SensorError::AlreadyInProgress));
    assert_eq!(count(&s.resumed(T0 + 3).unwrap()), Some(1), "Resumed keeps");

    let e = s.item_started(&item, "q1", T0 + 4).unwrap();
    assert_eq!(count(&e), Some(1));
    let e = s
        .item_completed(
            &item,
            "q1",
            ResponseKind::MultipleChoice,
            &QtiValue::identifier("A"),
            T0 + 5,
        )
        .unwrap();
    assert_eq!(
        count(&e),
        Some(1),
        "Completed keeps the item attempt's count"
    );
    check(&e);
    let e = s
        .item_skipped(&s.item_entity("q2", None), "q2", T0 + 6)
        .unwrap();
    assert!(e.generated.is_none(), "Skipped has no Attempt");
    check(&e);
    assert_eq!(s.item_attempt_count("q2"), 0);
    let e = s.item_started(&item, "q1", T0 + 7).unwrap();
    assert_eq!(count(&e), Some(2), "a new attempt at the item");

    assert_eq!(
        count(&s.restarted(T0 + 8).unwrap()),
        Some(2),
        "Restarted +1"
    );
    assert_eq!(
        count(&s.submitted(T0 + 9).unwrap()),
        Some(2),
        "Submitted keeps"
    );
    assert!(s.paused(T0 + 10).is_err());
    assert_eq!(
        count(&s.started(T0 + 11).unwrap()),
        Some(3),
        "next attempt +1"
    );
    assert_eq!(s.attempt_count(), 3);
    assert!(
        s.item_completed(
            &item,
            "q1",
            ResponseKind::FillinBlank,
            &QtiValue::Null,
            T0 + 12
        )
        .is_err(),
        "the restart abandoned the item attempt"
    );
}

#[test]
fn sensor_state_survives_serialization() {
    let mut s = sensor();
    s.started(T0).unwrap();
    s.paused(T0 + 60_000).unwrap();
    let saved = serde_json::to_string(&s).unwrap();
    let mut back: AssessmentSensorState = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, s);
    back.resumed(T0 + 120_000).unwrap();
    let e = back.submitted(T0 + 180_000).unwrap();
    let v = check(&e);
    assert_eq!(v["generated"]["count"], 1);
    assert_eq!(v["generated"]["duration"], "PT2M", "paused time excluded");
    assert_eq!(v["generated"]["endedAtTime"], "2016-11-15T10:18:00.000Z");
    // The restored generator continues the sequence, it does not repeat it.
    let mut fresh = sensor();
    let first = fresh.started(T0).unwrap();
    assert_ne!(first.id, e.id);
}

/// Hottext selections are identifiers, like a choice's, but Caliper has a
/// Response type of their own for them (SelectTextResponse).
#[test]
fn hottext_selections_are_select_text_responses() {
    let item = qti_engine::read_item(
        br#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="h" title="H" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
      <itemBody><hottextInteraction responseIdentifier="RESPONSE" maxChoices="1"><p>The <hottext identifier="H1">cat</hottext> sat.</p></hottextInteraction></itemBody>
    </assessmentItem>"#,
    )
    .unwrap()
    .item;
    let (id, interaction) = reported_response(&item).unwrap();
    assert_eq!(id, "RESPONSE");
    let value = QtiValue::Single(qti_engine::value::Scalar::Identifier("H1".into()));
    assert_eq!(
        ResponseKind::for_interaction(interaction.unwrap(), &value),
        ResponseKind::SelectText
    );
    assert_eq!(
        ResponseKind::for_value(&value),
        ResponseKind::MultipleChoice
    );
    let mut s = sensor();
    s.started(T0).unwrap();
    let res =
        Resource::assessment_item("https://example.edu/items/h", None, "https://example.edu/a");
    assert!(!s.is_item_in_progress("h"));
    s.item_started(&res, "h", T0).unwrap();
    assert!(s.is_item_in_progress("h"));
    let e = s
        .item_completed(&res, "h", ResponseKind::SelectText, &value, T0 + 1)
        .unwrap();
    assert_eq!(check(&e)["generated"]["type"], "SelectTextResponse");
    assert!(!s.is_item_in_progress("h"));
}

/// A reloaded page keeps only the progress: the host gives the context
/// again and the page its own randomness; the attempt goes on.
#[test]
fn sensor_resumes_from_its_progress() {
    let mut s = sensor();
    let started = s.started(T0).unwrap();
    let saved = serde_json::to_string(s.progress()).unwrap();
    assert!(!saved.contains("actor"), "the context is not kept: {saved}");
    let progress: SensorProgress = serde_json::from_str(&saved).unwrap();
    let mut back = AssessmentSensorState::resume(ctx(), RngIds::new(99), progress);
    assert_eq!(back.attempt_count(), 1);
    assert!(back.is_in_progress());
    let e = back.submitted(T0 + 60_000).unwrap();
    let v = check(&e);
    assert_eq!(v["generated"]["id"], check(&started)["generated"]["id"]);
    assert_eq!(v["generated"]["count"], 1);
    assert_ne!(e.id, started.id);
}

#[test]
fn ids_times_grade_actor_and_envelope() {
    let mut s = sensor();
    let started = s.started(T0).unwrap();
    let submitted = s.submitted(T0 + 630_000).unwrap();
    let graded = s
        .graded(None, Some(10.0), Some(15.0), T0 + 700_000)
        .unwrap();
    for e in [&started, &submitted, &graded] {
        let v = check(e);
        let id = v["id"].as_str().unwrap();
        let hex = id.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = hex.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&hex[14..15], "4");
        assert!("89ab".contains(&hex[19..20]));
        let t = v["eventTime"].as_str().unwrap();
        assert_eq!(t.len(), 24);
        assert!(t.ends_with('Z') && &t[19..20] == ".");
    }
    assert_eq!(started.event_time, "2016-11-15T10:15:00.000Z");
    let g = graded.to_json();
    assert_eq!(g["type"], "GradeEvent");
    assert_eq!(g["profile"], "GradingProfile");
    assert_eq!(g["actor"]["type"], "SoftwareApplication");
    assert_eq!(g["actor"]["id"], "https://example.edu");
    assert_eq!(g["generated"]["scoredBy"], "https://example.edu");
    assert_eq!(g["generated"]["scoreGiven"], json!(10.0));
    assert_eq!(g["object"]["type"], "Attempt");
    assert_eq!(g["object"]["count"], 1);
    assert_eq!(submitted.to_json()["generated"]["duration"], "PT10M30S");

    let env = Envelope::new(
        "https://example.edu/sensors/1",
        T0 + 800_000,
        &[started, submitted, graded],
    );
    let v = serde_json::to_value(&env).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(sorted, ["data", "dataVersion", "sendTime", "sensor"]);
    assert_eq!(v["dataVersion"], CONTEXT);
    assert_eq!(v["sendTime"], "2016-11-15T10:28:20.000Z");
    assert_eq!(v["data"].as_array().unwrap().len(), 3);
    validate_envelope(&v).unwrap();
    validate_json(&env.to_json_string()).unwrap();
}

// --- shapes against the fixtures ---------------------------------------------

/// Every path with the JSON type found there (entity objects by `type`).
fn shape(v: &Value, path: &str, out: &mut BTreeMap<String, String>) {
    let kind = match v {
        Value::Null => "null".to_string(),
        Value::Bool(_) => "boolean".into(),
        Value::Number(n) if n.is_f64() => "float".into(),
        Value::Number(_) => "integer".into(),
        Value::String(_) => "string".into(),
        Value::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                shape(it, &format!("{path}/{i}"), out);
            }
            "array".into()
        }
        Value::Object(m) => {
            for (k, x) in m {
                shape(x, &format!("{path}/{k}"), out);
            }
            match m.get("type").and_then(Value::as_str) {
                Some(t) if path.is_empty() || m.contains_key("id") => format!("entity {t}"),
                _ => "object".into(),
            }
        }
    };
    out.insert(path.to_string(), kind);
}

fn assert_same_shape(ours: &Value, theirs: &Value, ignore: &[&str], label: &str) {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    shape(ours, "", &mut a);
    shape(theirs, "", &mut b);
    let keep = |p: &String| {
        !ignore
            .iter()
            .any(|i| p == i || p.starts_with(&format!("{i}/")))
    };
    a.retain(|p, _| keep(p));
    b.retain(|p, _| keep(p));
    if a != b {
        let only_ours: Vec<_> = a.iter().filter(|(k, v)| b.get(*k) != Some(v)).collect();
        let only_theirs: Vec<_> = b.iter().filter(|(k, v)| a.get(*k) != Some(v)).collect();
        panic!("{label}: shapes differ\nours only: {only_ours:#?}\nfixture only: {only_theirs:#?}");
    }
}

fn from<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

/// A sensor whose host-given entities are the fixture's, so only what the
/// sensor generates can differ.
fn fixture_sensor(f: &Value) -> AssessmentSensorState {
    let mut c = SensorContext::new(from(&f["actor"]), from(&f["edApp"]), from(&f["object"]));
    c.group = Some(from(&f["group"]));
    c.membership = Some(from(&f["membership"]));
    c.session = Some(from(&f["session"]));
    AssessmentSensorState::new(c, RngIds::new(42))
}

#[test]
fn generated_events_have_the_fixture_shapes() {
    let Some(dir) = fixtures() else { return };

    let f = fixture(&dir, "caliperEventAssessmentStarted.json");
    let mut s = fixture_sensor(&f);
    let started = check(&s.started(T0).unwrap());
    assert_same_shape(&started, &f, &[], "AssessmentEvent Started");

    let f = fixture(&dir, "caliperEventAssessmentSubmitted.json");
    let submitted = check(&s.submitted(T0 + 630_000).unwrap());
    assert_same_shape(&submitted, &f, &[], "AssessmentEvent Submitted");

    let f = fixture(&dir, "caliperEventAssessmentItemStarted.json");
    let mut s = fixture_sensor(&fixture(&dir, "caliperEventAssessmentStarted.json"));
    s.started(T0).unwrap();
    let item: Resource = from(&f["object"]);
    let e = check(&s.item_started(&item, "3", T0 + 1000).unwrap());
    // The fixture describes the parent attempt as {id, type}; we give its IRI.
    assert_same_shape(
        &e,
        &f,
        &["/generated/isPartOf"],
        "AssessmentItemEvent Started",
    );
    assert!(e["generated"]["isPartOf"].is_string());

    let f = fixture(&dir, "caliperEventAssessmentItemCompleted.json");
    let answer = QtiValue::container(
        qti_engine::Cardinality::Ordered,
        vec![
            qti_engine::Scalar::String("subject".into()),
            qti_engine::Scalar::String("object".into()),
            qti_engine::Scalar::String("predicate".into()),
        ],
    );
    let kind = ResponseKind::for_value(&answer);
    assert_eq!(kind, ResponseKind::FillinBlank);
    let e = check(
        &s.item_completed(&item, "3", kind, &answer, T0 + 11_000)
            .unwrap(),
    );
    assert_same_shape(&e, &f, &[], "AssessmentItemEvent Completed");
    assert_eq!(
        e["generated"]["values"],
        json!(["subject", "object", "predicate"])
    );

    let f = fixture(&dir, "caliperEventAssessmentItemSkipped.json");
    let skipped: Resource = from(&f["object"]);
    let e = check(&s.item_skipped(&skipped, "2", T0 + 12_000).unwrap());
    assert_same_shape(&e, &f, &[], "AssessmentItemEvent Skipped");

    // Grading: the fixture's scorer is a separate autograder, its edApp an
    // IRI, its Attempt's assignee described; the rest must agree.
    let f = fixture(&dir, "caliperEventGradeGradedItem.json");
    s.context.scorer = Some(from(&f["actor"]));
    let mut e = check(&s.graded(Some("3"), None, Some(0.0), T0 + 20_000).unwrap());
    e["generated"]["comment"] = json!("auto-graded exam");
    assert_same_shape(
        &e,
        &f,
        &[
            "/edApp",
            "/object/assignee",
            "/object/assignable",
            "/object/endedAtTime",
        ],
        "GradeEvent Graded (item)",
    );
    assert_eq!(e["actor"], f["actor"]);
    assert_eq!(e["generated"]["scoredBy"], f["actor"]["id"]);

    let f = fixture(&dir, "caliperEventNavigationNavigatedTo.json");
    let e = check(&s.navigated_to(from(&f["object"]), Some(from(&f["referrer"])), T0 + 30_000));
    assert_same_shape(
        &e,
        &f,
        &["/profile", "/edApp"],
        "NavigationEvent NavigatedTo",
    );
    assert_eq!(e["profile"], "AssessmentProfile");

    let f = fixture(&dir, "caliperEventViewViewed.json");
    let e = check(&s.viewed(from(&f["object"]), T0 + 40_000));
    assert_same_shape(&e, &f, &["/edApp"], "ViewEvent Viewed");
}

// --- builders from engine types ----------------------------------------------

const ITEM: &str = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2"
    identifier="choice" title="Unattended Luggage" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>ChoiceA</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">
    <defaultValue><value>1</value></defaultValue>
  </outcomeDeclaration>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
</assessmentItem>"#;

#[test]
fn builders_from_engine_types() {
    let item = Arc::new(read_item(ITEM.as_bytes()).unwrap().item);
    let mut s = sensor();
    let entity = s.item_from_qti(&item);
    assert_eq!(
        entity.id,
        "https://example.edu/terms/201601/courses/7/sections/1/assess/1/items/choice"
    );
    assert_eq!(entity.name.as_deref(), Some("Unattended Luggage"));
    assert_eq!(entity.is_time_dependent, Some(false));

    let mut session = ItemSession::new(item.clone(), 1);
    session
        .set_response("RESPONSE", QtiValue::identifier("ChoiceA"))
        .unwrap();
    session.submit();

    s.started(T0).unwrap();
    s.item_started(&entity, "choice", T0 + 1).unwrap();
    let e = s
        .item_completed_from_session(&entity, &session, "RESPONSE", None, T0 + 2)
        .unwrap();
    let v = check(&e);
    assert_eq!(v["generated"]["type"], "MultipleChoiceResponse");
    assert_eq!(v["generated"]["value"], "ChoiceA");
    assert!(v["generated"].get("values").is_none());

    let score = Score::from_session("urn:uuid:00000000-0000-4000-8000-000000000000", &session);
    assert_eq!((score.score_given, score.max_score), (Some(1.0), Some(1.0)));
    let g = check(&s.graded_session("choice", &session, T0 + 3).unwrap());
    assert_eq!(g["generated"]["scoreGiven"], json!(1.0));
    assert_eq!(g["generated"]["maxScore"], json!(1.0));
    assert_eq!(g["object"]["assignable"], json!(entity.id));

    // Response types by value and interaction.
    let cases = [
        (
            QtiValue::identifier("A"),
            None,
            "MultipleChoiceResponse",
            json!({"value": "A"}),
        ),
        (
            QtiValue::container(
                qti_engine::Cardinality::Multiple,
                vec![
                    qti_engine::Scalar::Identifier("A".into()),
                    qti_engine::Scalar::Identifier("C".into()),
                ],
            ),
            None,
            "MultipleResponseResponse",
            json!({"values": ["A", "C"]}),
        ),
        (
            QtiValue::boolean(true),
            None,
            "TrueFalseResponse",
            json!({"value": "true"}),
        ),
        (
            QtiValue::string("Paris"),
            None,
            "FillinBlankResponse",
            json!({"values": ["Paris"]}),
        ),
        (
            QtiValue::container(
                qti_engine::Cardinality::Multiple,
                vec![qti_engine::Scalar::Identifier("H1".into())],
            ),
            Some(ResponseKind::SelectText),
            "SelectTextResponse",
            json!({"values": ["H1"]}),
        ),
    ];
    for (value, hint, ty, want) in cases {
        let kind = hint.unwrap_or_else(|| ResponseKind::for_value(&value));
        let r = Response::from_value("https://example.edu/r/1", kind, &value);
        let mut v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["type"], ty);
        v.as_object_mut()
            .unwrap()
            .retain(|k, _| k == "value" || k == "values");
        assert_eq!(v, want, "{ty}");
        let mut doc = serde_json::to_value(&r).unwrap();
        doc["@context"] = json!(CONTEXT);
        validate_entity(&doc).unwrap();
    }
}

#[test]
fn case_learning_objectives_on_the_assessment() {
    let c = ctx().with_learning_objectives(vec![LearningObjective::case(
        "https://case.example.org/uri/9f3a1c2e-0000-4000-8000-000000000001",
        Some("Solve linear equations".into()),
    )]);
    let mut s = AssessmentSensorState::new(c, RngIds::new(3));
    let v = check(&s.started(T0).unwrap());
    assert_eq!(
        v["object"]["learningObjectives"],
        json!([{
            "id": "https://case.example.org/uri/9f3a1c2e-0000-4000-8000-000000000001",
            "type": "LearningObjective",
            "name": "Solve linear equations"
        }])
    );
}

/// The first JSON pointer at which `ours` and `theirs` differ.
fn first_difference(ours: &Value, theirs: &Value, path: &str) -> Option<String> {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|k| match (a.get(k), b.get(k)) {
                (Some(x), Some(y)) => first_difference(x, y, &format!("{path}/{k}")),
                (x, _) => Some(format!(
                    "{path}/{k} {}",
                    if x.is_some() { "added" } else { "lost" }
                )),
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}/{i}"))),
        _ if ours == theirs => None,
        _ => Some(format!("{path}: {ours} instead of {theirs}")),
    }
}

/// Reads `f` as `T` and writes it back; an error names what went wrong.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(f: &Value) -> Result<(), String> {
    let typed: T = serde_json::from_value(f.clone()).map_err(|e| format!("not read: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("not written: {e}"))?;
    if let Some(d) = first_difference(&back, f, "") {
        return Err(d);
    }
    validate_document_or_envelope(&back).map_err(|e| format!("written back invalid: {e:?}"))
}

fn validate_document_or_envelope(v: &Value) -> Result<(), Vec<String>> {
    let r = if v.get("sensor").is_some() {
        validate_envelope(v)
    } else {
        validate_document(v)
    };
    r.map_err(|e| messages(&e))
}

/// Round-trips the fixture `file` as what its name says it is.
fn round_trip_fixture(dir: &Path, file: &str) -> Result<(), String> {
    let f = fixture(dir, file);
    assert_eq!(validate_document_or_envelope(&f), Ok(()), "{file}");
    if file.starts_with("caliperEvent") {
        round_trip::<Event>(&f)
    } else if file.starts_with("caliperEnvelope") {
        round_trip::<Envelope<Data>>(&f)
    } else {
        round_trip::<EntityDocument>(&f)
    }
}

/// Every IMS event and envelope fixture (and, since the typed entities
/// must not lose what a fixture describes either, every entity fixture)
/// reads into our types and writes back as the same JSON.
#[test]
fn every_event_and_envelope_fixture_round_trips() {
    let Some(dir) = fixtures() else { return };
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for prefix in ["caliperEvent", "caliperEnvelope", "caliperEntity"] {
        let files = json_files(&dir, prefix);
        for file in &files {
            if let Err(e) = round_trip_fixture(&dir, &name(file)) {
                failures.push(format!("{}: {e}", name(file)));
            }
        }
        counts.push(files.len());
    }
    eprintln!(
        "caliper round trip: {} events, {} envelopes, {} entities, {} failures",
        counts[0],
        counts[1],
        counts[2],
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(counts[0] >= 40 && counts[1] >= 8, "fixtures present");
}

/// Envelope items are typed: events as events, entities as our structs
/// where we model the type, kept verbatim where we do not.
#[test]
fn envelope_items_are_typed() {
    let Some(dir) = fixtures() else { return };
    let env: Envelope<Data> = from(&fixture(&dir, "caliperEnvelopeMixedBatch.json"));
    let Data::Entity(person) = &env.data[0] else {
        panic!("an entity")
    };
    let Entity::Agent(person) = &person.entity else {
        panic!("a Person")
    };
    assert_eq!(person.other_identifiers.len(), 4);
    assert!(matches!(env.data.last(), Some(Data::Event(_))));

    let e: Event = from(&fixture(&dir, "caliperEventMessagePosted.json"));
    assert_eq!(e.kind, EventType::parse("MessageEvent").unwrap());
    assert_eq!(e.action.as_str(), "Posted");
    let Ref::Entity(Entity::Other(message)) = &e.object else {
        panic!("a Message kept as JSON")
    };
    assert_eq!(message.kind().as_str(), "Message");
    assert_eq!(EventType::parse("ViewEvent"), Some(EventType::ViewEvent));
    assert_eq!(Action::parse("Noticed"), None);
}

#[test]
fn session_profile_events() {
    let mut s = sensor();
    let v = check(&s.logged_in(T0 - 900_000));
    assert_eq!(v["type"], "SessionEvent");
    assert_eq!(v["profile"], "SessionProfile");
    assert_eq!(v["object"]["type"], "SoftwareApplication");
    let v = check(&s.logged_out(Some(T0 - 900_000), T0 + 900_000));
    assert_eq!(v["action"], "LoggedOut");
    assert_eq!(v["session"]["endedAtTime"], "2016-11-15T10:30:00.000Z");
    assert_eq!(v["session"]["duration"], "PT30M");
}
