//! `qti caliper validate` over the IMS Caliper 1.2 common fixtures. The
//! fixtures live
//! outside the repository (`../shared/caliper-fixtures`); tests that need
//! them skip when absent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn fixtures() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/caliper-fixtures/v1p2"
    ));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("caliper fixtures not found at {}; skipping", dir.display());
        None
    }
}

fn json_files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".json")
        })
        .collect();
    files.sort();
    files
}

fn fixture(dir: &Path, file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap()
}

/// A fresh, empty scratch directory outside the repository.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qti-caliper-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn qti<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qti"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("qti runs")
}

fn stdout_lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The reported lines per file name.
fn by_file(lines: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in lines {
        let (file, fault) = l.split_once(".json").expect("FILE.json...");
        let name = Path::new(&format!("{file}.json"))
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        map.entry(name).or_default().push(fault.to_string());
    }
    map
}

// --- validate -----------------------------------------------------------------

#[test]
fn validate_accepts_every_reference_fixture() {
    let Some(dir) = fixtures() else { return };
    let mut files = Vec::new();
    for prefix in ["caliperEvent", "caliperEnvelope", "caliperEntity"] {
        files.extend(json_files(&dir, prefix));
    }
    assert!(files.len() >= 120, "fixtures present");
    let o = qti(&[&["caliper".into(), "validate".into()], &files[..]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(o.stdout.is_empty());
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(
        summary.contains(&format!("{} file(s), 0 invalid", files.len())),
        "{summary}"
    );
}

/// The property a fixture's fault is at, where its name does not say it
/// in the usual `Type-Malformed<Property><Problem>` way.
fn actual_property(file: &str) -> Option<&'static str> {
    let actual: &[(&str, &str)] = &[
        ("caliperEntity-MalformedCreationDate", "dateCreated"),
        ("caliperEntity-MalformedModifiedDate", "dateModified"),
        // Misspelt in the name.
        ("MalformedIsTimeDependant", "isTimeDependent"),
        ("MalformedGeneratableWrong", "generated"),
        ("MalformedTaretWrong", "target"),
        ("MalformedOjbectWrong", "object"),
        // The names of these two files are swapped.
        ("MalformedMaxScoreNotAFloat", "maxSubmits"),
        ("MalformedMaxSubmitsNotAnInt", "maxScore"),
        // The bad date is in dateCreated.
        ("MalformedDatePublishedNotValidDateTime", "dateCreated"),
        // The file is the Generatable one's twin: its wrong entity is `generated`.
        (
            "caliperEventAssignable-MalformedTargetWrongEntityType",
            "generated",
        ),
        // The property is misspelt `endedAtTiem` in the file.
        (
            "Session-MalformedEndedAtTimeNotValidDateTime",
            "endedAtTiem",
        ),
        ("UnknownEventType", "type"),
        ("UnknownEntityType", "type"),
    ];
    actual
        .iter()
        .find(|(k, _)| file.contains(k))
        .map(|(_, p)| *p)
}

/// Whether a fault (`: PATH: MESSAGE`) is about the property the file's
/// name gives (`Type-Malformed<Property>...`, `-No<Property>`,
/// `-Null<Property>`, `-Unknown<Property>`, `-Wrong<Property>`): the first
/// name of PATH begins that part of the name, or, for a property missing
/// at the root, the message ends with it.
fn names_property(file: &str, fault: &str) -> bool {
    let (path, message) = fault
        .trim_start_matches(": ")
        .split_once(": ")
        .unwrap_or_default();
    let top = path.split(['.', '[']).next().unwrap_or_default();
    let mut candidates = vec![top.trim_start_matches('@').to_lowercase()];
    if path == "(root)" {
        candidates.push(
            message
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .to_lowercase(),
        );
    }
    if let Some(p) = actual_property(file) {
        return candidates.contains(&p.to_lowercase());
    }
    let tail = file.split_once('-').map_or("", |(_, t)| t).to_lowercase();
    let said = ["malformed", "malfromed", "null", "no", "unknown", "wrong"]
        .iter()
        .find_map(|p| tail.strip_prefix(p))
        .unwrap_or(&tail);
    candidates
        .iter()
        .any(|c| c != "(root)" && !c.is_empty() && said.starts_with(c.as_str()))
}

#[test]
fn validate_rejects_every_common_error_fixture_naming_the_property() {
    let Some(dir) = fixtures() else { return };
    let errors = dir.join("commonErrorFixtures");
    let files = json_files(&errors, "caliper");
    assert!(files.len() >= 250, "fixtures present");
    let o = qti(&["caliper".as_ref(), "validate".as_ref(), errors.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let lines = stdout_lines(&o);
    for l in &lines {
        assert!(
            l.starts_with(&errors.join("caliper").to_string_lossy().into_owned()),
            "{l}"
        );
    }
    let reported = by_file(&lines);
    let mut unreported = Vec::new();
    let mut vague = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let Some(faults) = reported.get(&name) else {
            unreported.push(name);
            continue;
        };
        let json_error = faults.iter().any(|x| {
            let mut parts = x.splitn(4, ':');
            parts.next() == Some("")
                && parts.next().is_some_and(|n| n.parse::<u32>().is_ok())
                && parts.next().is_some_and(|n| n.parse::<u32>().is_ok())
                && parts.next().is_some_and(|m| m.starts_with(" not JSON: "))
        });
        let named = if name.contains("BadJson") || name.contains("Survey-MalformedItemsContains") {
            // Not JSON at all (the Survey file has a trailing comma).
            json_error
        } else {
            faults.iter().any(|x| names_property(&name, x))
        };
        if !named {
            vague.push(format!("{name}: {faults:?}"));
        }
    }
    assert!(unreported.is_empty(), "not reported: {unreported:#?}");
    assert!(vague.is_empty(), "faulty property not named: {vague:#?}");
    assert_eq!(
        reported.len(),
        files.len(),
        "only the fixtures are reported"
    );
}

#[test]
fn validate_reports_exactly_the_faulty_files_of_a_directory() {
    let Some(dir) = fixtures() else { return };
    let mixed = scratch("mixed");
    for f in [
        "caliperEventViewViewed.json",
        "caliperEnvelopeEventBatch.json",
        "caliperEntityAssessment.json",
    ] {
        std::fs::copy(dir.join(f), mixed.join(f)).unwrap();
    }
    for f in [
        "caliperEntity-BadJson.json",
        "caliperEventAssessment-WrongAction.json",
    ] {
        std::fs::copy(dir.join("commonErrorFixtures").join(f), mixed.join(f)).unwrap();
    }
    // An envelope whose first event's actor has a type no Caliper entity has.
    let mut envelope = fixture(&dir, "caliperEnvelopeEventSingle.json");
    envelope["data"][0]["actor"]["type"] = json!("Martian");
    std::fs::write(mixed.join("bad-actor.json"), envelope.to_string()).unwrap();
    // Neither a .json file nor a file: not looked at.
    std::fs::write(mixed.join("notes.txt"), "not JSON").unwrap();
    std::fs::create_dir(mixed.join("sub")).unwrap();
    std::fs::write(mixed.join("sub/x.json"), "not JSON").unwrap();

    let o = qti(&["caliper".as_ref(), "validate".as_ref(), mixed.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let lines = stdout_lines(&o);
    let files: BTreeSet<String> = lines
        .iter()
        .map(|l| l.split_once(".json").unwrap().0.to_string())
        .collect();
    let expected: BTreeSet<String> = [
        "bad-actor",
        "caliperEntity-BadJson",
        "caliperEventAssessment-WrongAction",
    ]
    .iter()
    .map(|f| mixed.join(f).to_string_lossy().into_owned())
    .collect();
    assert_eq!(files, expected, "{lines:#?}");
    let at = |f: &str| mixed.join(f).to_string_lossy().into_owned();
    assert!(
        lines.contains(&format!(
            "{}:1:1: not JSON: expected value",
            at("caliperEntity-BadJson.json")
        )),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{}: data[0].actor.type: ", at("bad-actor.json")))),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "{}: action: ",
            at("caliperEventAssessment-WrongAction.json")
        ))),
        "{lines:#?}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("6 file(s), 3 invalid"));

    // Unreadable files are faults too; no file at all is a usage error.
    let missing = mixed.join("missing.json");
    let o = qti(&["caliper".as_ref(), "validate".as_ref(), missing.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout_lines(&o)[0].starts_with(&format!("{}: cannot read: ", missing.display())));
    assert_eq!(qti(&["caliper", "validate"]).status.code(), Some(64));
    let _ = std::fs::remove_dir_all(&mixed);
}
