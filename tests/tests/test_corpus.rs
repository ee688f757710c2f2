//! Tests (assessmentTest) written by other projects: `../shared/qti-corpus`.
//!
//! - every assessmentTest of MANIFEST.tsv not marked invalid reads, and the
//!   ones marked invalid are refused with a message;
//! - tests whose items are in the corpus load with them (each item file
//!   read once) and a session starts on them;
//! - the run-test scripts transcribed from other implementations' test
//!   suites (`tests/run-test/`) give the outcomes those suites assert.
//!
//! Counts are printed (`cargo test -p qti-tests --test test_corpus -- --nocapture`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use qti_engine::test_session::{TestSession, load_test, script};
use qti_engine::{Error, ErrorKind};
use qti_tests::{CORPUS_DIR, parse_tsv, same, violates_spec};
use serde_json::Value as Json;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(CORPUS_DIR);
    dir.join("MANIFEST.tsv").exists().then_some(dir)
}

/// The folder references may not leave: the test's package (nearest
/// imsmanifest.xml up), else the corpus source folder it belongs to.
fn root_of(test: &Path) -> PathBuf {
    let dir = test.parent().expect("a file has a folder");
    if let Some(package) = dir
        .ancestors()
        .find(|d| d.join("imsmanifest.xml").is_file())
    {
        return package.to_path_buf();
    }
    let corpus = PathBuf::from(CORPUS_DIR);
    let source = test
        .strip_prefix(&corpus)
        .ok()
        .and_then(|p| p.components().next());
    source.map_or(dir.to_path_buf(), |s| corpus.join(s))
}

type Resolve = Box<dyn FnMut(&str) -> Result<Vec<u8>, Error>>;

/// A corpus test: its path below its root, its bytes, and a reader of the
/// files beside it. qti-sdk's route and branching suites use tests whose
/// item files were never written (its session factory makes empty items
/// of them); with `empty_missing` an absent item file reads as such an
/// empty item.
fn open(path: &Path, empty_missing: bool) -> (String, Vec<u8>, Resolve) {
    let root = root_of(path);
    let relative = path
        .strip_prefix(&root)
        .expect("below its root")
        .to_string_lossy()
        .replace('\\', "/");
    let bytes = std::fs::read(path).expect("corpus file");
    let resolve = move |p: &str| {
        match std::fs::read(root.join(p)) {
        Err(_) if empty_missing && p.ends_with(".xml") => Ok(format!(
            r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="{}" title="" adaptive="false" timeDependent="false"/>"#,
            p.rsplit('/').next().unwrap_or(p).trim_end_matches(".xml")
        )
        .into_bytes()),
        other => other.map_err(|e| {
            Error::new(ErrorKind::Reference {
                href: p.to_string(),
                message: e.to_string(),
            })
        }),
    }
    };
    (relative, bytes, Box::new(resolve))
}

fn load(path: &Path) -> Result<qti_engine::test_session::LoadedTest, Error> {
    load_with(path, false)
}

fn load_with(
    path: &Path,
    empty_missing: bool,
) -> Result<qti_engine::test_session::LoadedTest, Error> {
    let (relative, bytes, mut resolve) = open(path, empty_missing);
    load_test(&relative, &bytes, &mut resolve)
}

fn read_only(path: &Path) -> Result<(), Error> {
    let (relative, bytes, mut resolve) = open(path, false);
    qti_engine::read::test::read_test_at(&relative, &bytes, &mut resolve).map(|_| ())
}

fn is_attr(kind: &ErrorKind, name: &str) -> bool {
    matches!(kind, ErrorKind::InvalidAttribute { attribute, .. } if attribute == name)
}

/// How many corpus tests load with all their items and start a session.
const TESTS_STARTED_AT_LEAST: usize = 310;

#[test]
fn manifest_tests_read_or_are_refused() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let rows = parse_tsv(&std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("manifest"));
    let (mut read_ok, mut refused_ok, mut started, mut missing_items) = (0, 0, 0, 0);
    let mut bad_items = 0;
    let mut failures = Vec::new();
    let mut violations = Vec::new();
    let mut missing_sections = 0;
    let mut accepted_invalid = Vec::new();
    for row in rows.iter().filter(|r| r["kind"] == "assessmentTest") {
        let path = dir.join(&row["path"]);
        let invalid =
            row["intentionally_invalid"].starts_with("yes") || row["well_formed"] != "yes";
        match (invalid, read_only(&path)) {
            (false, Ok(())) => read_ok += 1,
            (true, Err(e)) => {
                assert!(!e.to_string().is_empty());
                refused_ok += 1;
                continue;
            }
            (false, Err(e)) if matches!(e.kind, ErrorKind::Reference { .. }) => {
                missing_sections += 1;
                continue;
            }
            (false, Err(e)) if violates_spec(&e.kind) || is_attr(&e.kind, "coords") => {
                violations.push(format!("{}: {e}", row["path"]));
                continue;
            }
            (false, Err(e)) => {
                failures.push(format!("{}: {e}", row["path"]));
                continue;
            }
            (true, Ok(())) => {
                accepted_invalid.push(format!(
                    "{} ({})",
                    row["path"], row["intentionally_invalid"]
                ));
            }
        }
        match load(&path) {
            Ok(loaded) => {
                let session = TestSession::new(&loaded, 1).expect("a loaded test starts");
                let _ = session.report();
                started += 1;
            }
            Err(e) if matches!(e.kind, ErrorKind::Reference { .. }) => missing_items += 1,
            // The item itself is refused (the item corpus test covers why).
            Err(e) if matches!(e.kind, ErrorKind::ItemRef { .. }) => bad_items += 1,
            Err(e) => failures.push(format!("{} (items): {e}", row["path"])),
        }
    }
    println!(
        "corpus tests: {read_ok} read, {refused_ok} marked invalid and refused, {} accepted though \
         marked invalid, {} refused as violating the spec though not marked invalid, \
         {missing_sections} reference section files absent from the corpus; {started} loaded with \
         their items and started, {missing_items} reference items absent from the corpus, {bad_items} \
         reference an item that is refused; {} failed",
        accepted_invalid.len(),
        violations.len(),
        failures.len()
    );
    for v in &violations {
        println!("  SPEC {v}");
    }
    for a in &accepted_invalid {
        println!("  ACCEPTED {a}");
    }
    for f in &failures {
        println!("  FAIL {f}");
    }
    // Every corpus test not marked invalid reads (or is refused as a
    // spec violation with a specific error, listed above).
    assert!(
        failures.is_empty(),
        "{} corpus tests failed",
        failures.len()
    );
    assert!(
        started >= TESTS_STARTED_AT_LEAST,
        "only {started} corpus tests started"
    );
}

/// The run-test cases transcribed from other implementations' suites.
fn cases() -> Vec<(PathBuf, Json)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("run-test");
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let json = serde_json::from_slice(&std::fs::read(&p).expect("case"))
                    .expect("case is JSON");
                out.push((p, json));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Compare what a case expects (a subset) with the report.
fn check(expect: &Json, report: &Json) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(Json::Object(test)) = expect.get("test") {
        for (k, v) in test {
            let got = &report["test"][k];
            if !same(got, v) {
                problems.push(format!("test {k}: expected {v}, got {got}"));
            }
        }
    }
    if let Some(Json::Object(items)) = expect.get("items") {
        for (item, outcomes) in items {
            for (k, v) in outcomes.as_object().into_iter().flatten() {
                let got = &report["items"][item][k];
                if !same(got, v) {
                    problems.push(format!("{item}.{k}: expected {v}, got {got}"));
                }
            }
        }
    }
    if let Some(visited) = expect.get("visited")
        && visited != &report["visited"]
    {
        problems.push(format!(
            "visited: expected {visited}, got {}",
            report["visited"]
        ));
    }
    problems
}

/// How many transcribed cases passed before; the number only goes up.
// Known differences (printed): qti-sdk refuses a nonlinear jump to an item
// whose own maxTime is over (we let the candidate see it and refuse late
// submissions only); JQTI+ skips response processing for a choice
// identifier the interaction does not offer (the identifier is a valid
// value of the declared baseType; no clause makes it invalid).
const SCRIPT_CASES_PASSING_AT_LEAST: usize = 140;

#[test]
fn transcribed_run_test_cases() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let mut passed = 0;
    let mut failed: HashMap<String, Vec<String>> = HashMap::new();
    let all = cases();
    for (path, case) in &all {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let test = dir.join(case["test"].as_str().expect("case names its test"));
        let result = (|| -> Result<Vec<String>, String> {
            let loaded = load_with(&test, true).map_err(|e| format!("load: {e}"))?;
            let seed = case.get("seed").and_then(Json::as_u64).unwrap_or(0);
            let mut session = TestSession::new(&loaded, seed).map_err(|e| e.to_string())?;
            let actions = script::parse_script(&case["script"]).map_err(|e| e.to_string())?;
            let refused_at = case
                .get("expectRefusedAt")
                .and_then(Json::as_u64)
                .map(|n| n as usize);
            let outcome = session.run_script(&actions);
            let mut problems = match (outcome, refused_at) {
                (Ok(()), None) => Vec::new(),
                (Err((i, _)), Some(at)) if i == at => Vec::new(),
                (Err((i, e)), _) => vec![format!("action {i} refused: {e}")],
                (Ok(()), Some(at)) => vec![format!("action {at} should have been refused")],
            };
            problems.extend(check(&case["expect"], &session.report()));
            Ok(problems)
        })();
        match result {
            Ok(p) if p.is_empty() => passed += 1,
            Ok(p) => {
                failed.insert(name, p);
            }
            Err(e) => {
                failed.insert(name, vec![e]);
            }
        }
    }
    println!("run-test cases: {passed} of {} pass", all.len());
    let mut names: Vec<_> = failed.keys().cloned().collect();
    names.sort();
    for n in names {
        println!("  FAIL {n}: {}", failed[&n].join("; "));
    }
    assert!(
        passed >= SCRIPT_CASES_PASSING_AT_LEAST,
        "{passed} run-test cases pass; {SCRIPT_CASES_PASSING_AT_LEAST} did before"
    );
}
