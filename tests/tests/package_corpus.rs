//! Content packages of `../shared/qti-corpus`: every imsmanifest.xml is
//! read with the files of its folder (as unpacked from the original zip);
//! packages not marked invalid must read, with every item and test
//! resource loading; those marked invalid must be refused with a message.
//! Counts are printed (`cargo test -p qti-tests --test package_corpus -- --nocapture`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use qti_engine::ErrorKind;
use qti_engine::package::{ResourceKind, from_files};
use qti_tests::{CORPUS_DIR, parse_tsv, violates_spec};

fn files_under(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// An item or test the resource names is not in the corpus copy, or is
/// not a QTI document (an LTI link given as an item).
fn is_missing_in_corpus(e: &qti_engine::Error) -> bool {
    match &e.kind {
        ErrorKind::Reference { message, .. } => message.contains("not in the package"),
        // A resource whose type does not match its document.
        ErrorKind::RootElement { .. } => true,
        ErrorKind::ItemRef { error, .. } => {
            violates_spec(&error.kind) || is_missing_in_corpus(error)
        }
        _ => false,
    }
}

#[test]
fn corpus_packages_read_and_their_resources_load() {
    let dir = PathBuf::from(CORPUS_DIR);
    let Ok(text) = std::fs::read_to_string(dir.join("MANIFEST.tsv")) else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let (mut read, mut refused, mut items, mut tests, mut aligned) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    let mut incomplete = Vec::new();
    let mut violations = Vec::new();
    let mut accepted_invalid = Vec::new();
    for row in parse_tsv(&text).iter().filter(|r| r["kind"] == "manifest") {
        let path = dir.join(&row["path"]);
        if !row["path"].ends_with("imsmanifest.xml") {
            continue;
        }
        let invalid =
            row["intentionally_invalid"].starts_with("yes") || row["well_formed"] != "yes";
        let result = from_files(files_under(path.parent().unwrap()));
        match (invalid, result) {
            (true, Err(e)) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
            (true, Ok(_)) => accepted_invalid.push(row["path"].clone()),
            // The corpus left out some files of the original packages (see
            // its README): refusing such a package is the right answer.
            (false, Err(e)) if matches!(e.kind, ErrorKind::Package(_)) => {
                incomplete.push(format!("{}: {e}", row["path"]))
            }
            (false, Err(e)) => failures.push(format!("{}: {e}", row["path"])),
            (false, Ok(pkg)) => {
                read += 1;
                for r in &pkg.manifest.resources {
                    aligned += usize::from(!r.alignments.is_empty());
                    let loaded = match r.kind {
                        ResourceKind::Item => pkg.read_item(r).map(|_| items += 1),
                        ResourceKind::Test => pkg.load_test(r).map(|_| tests += 1),
                        _ => Ok(()),
                    };
                    match loaded {
                        Ok(()) => {}
                        Err(e) if violates_spec(&e.kind) || is_missing_in_corpus(&e) => violations
                            .push(format!("{} resource {}: {e}", row["path"], r.identifier)),
                        Err(e) => {
                            failures.push(format!("{} resource {}: {e}", row["path"], r.identifier))
                        }
                    }
                }
            }
        }
    }
    println!(
        "corpus packages: {read} read ({items} item and {tests} test resources loaded, {aligned} \
         resources with CASE alignments), {refused} marked invalid and refused, {} accepted though \
         marked invalid, {} refused for QTI files the corpus copy lacks, {} resources refused as \
         violating the spec or naming absent files, {} failures",
        accepted_invalid.len(),
        incomplete.len(),
        violations.len(),
        failures.len()
    );
    for i in &incomplete {
        println!("  INCOMPLETE {i}");
    }
    for v in &violations {
        println!("  SPEC {v}");
    }
    for a in &accepted_invalid {
        println!("  ACCEPTED {a}");
    }
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus packages failed",
        failures.len()
    );
    assert!(
        read >= 134 && items >= 932 && tests >= 108,
        "fewer packages or resources read than before"
    );
}

/// The 1EdTech CASE sample package: the standards its manifest aligns each
/// item to reach the items of its test, and the AssessmentItem of the
/// Caliper events a delivery of the test sends (`learningObjectives`).
#[test]
fn case_alignments_reach_the_caliper_events_of_a_test_delivery() {
    use qti_engine::caliper::{
        Agent, AssessmentSensorState, Resource, RngIds, SensorContext, test_delivery,
    };
    use qti_engine::test_session::TestSession;
    let root = PathBuf::from(CORPUS_DIR).join("1edtech-qti-examples/qtiv3-examples/packaging/CASE");
    if !root.exists() {
        eprintln!("corpus not found; skipped");
        return;
    }
    let pkg = from_files(files_under(&root)).expect("the CASE package reads");
    let test = pkg
        .manifest
        .resources
        .iter()
        .find(|r| r.kind == ResourceKind::Test)
        .expect("a test resource");
    let loaded = pkg.load_test(test).expect("its test loads");
    let aligned = loaded
        .items
        .values()
        .filter(|i| !i.alignments.is_empty())
        .count();
    assert_eq!(
        aligned,
        loaded.items.len(),
        "every item of the test is aligned"
    );

    let ctx = SensorContext::new(
        Agent::person("https://example.edu/users/1"),
        Agent::software_application("https://example.edu/player", None, None),
        Resource::assessment("https://example.edu/tests/tx-g6", None),
    );
    let mut sensor = AssessmentSensorState::new(ctx, RngIds::new(5));
    let session = TestSession::new(&loaded, 1).expect("the session starts");
    let events = test_delivery::start(&mut sensor, &session, 1_700_000_000_000);
    let item_started = events
        .iter()
        .map(|e| e.to_json())
        .find(|e| e["type"] == "AssessmentItemEvent")
        .expect("the first item starts");
    let objectives = item_started["object"]["learningObjectives"]
        .as_array()
        .expect("the item's learning objectives");
    assert!(!objectives.is_empty());
    for o in objectives {
        assert_eq!(o["type"], "LearningObjective");
        assert!(
            o["id"]
                .as_str()
                .is_some_and(|id| id.contains("://") || id.starts_with("urn:"))
        );
    }
    let names: Vec<_> = objectives
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.contains("rational numbers") || n.contains("absolute value")),
        "{names:?}"
    );
}
