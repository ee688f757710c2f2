//! `qti caliper validate` over the IMS Caliper 1.2 common fixtures, and
//! `qti caliper serve` driven by a plain TCP client. The fixtures live
//! outside the repository (`../shared/caliper-fixtures`); tests that need
//! them skip when absent.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

#[path = "../../engine/tests/support/caliper_fixtures.rs"]
mod caliper_fixtures;
use caliper_fixtures::{fixtures, json_files};

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

// --- serve --------------------------------------------------------------------

/// A running `qti caliper serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    out: PathBuf,
}

impl Server {
    fn start(name: &str, extra: &[&str]) -> Server {
        let out = scratch(name).join("events.jsonl");
        let mut child = Command::new(env!("CARGO_BIN_EXE_qti"))
            .args(["caliper", "serve", "--port", "0", "--out"])
            .arg(&out)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("qti runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on http://127.0.0.1:")
            .and_then(|p| p.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        Server { child, port, out }
    }

    /// Send raw bytes, read the whole response (the server closes).
    fn send(&self, request: &[u8]) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut r = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
            self.port
        );
        for (n, v) in headers {
            r.push_str(&format!("{n}: {v}\r\n"));
        }
        if method == "POST" {
            r.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        r.push_str("\r\n");
        r.push_str(body);
        self.send(r.as_bytes())
    }

    fn post_json(&self, body: &str, headers: &[(&str, &str)]) -> Reply {
        let mut h = vec![("Content-Type", "application/json")];
        h.extend_from_slice(headers);
        self.request("POST", "/", &h, body)
    }

    fn stored(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON value per line"))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = self.out.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.to_lowercase(), v.trim().to_string())
            })
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == &name.to_lowercase())
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

fn envelope(data: Vec<Value>) -> Value {
    json!({
        "sensor": "https://example.edu/sensors/1",
        "sendTime": "2016-11-15T11:05:01.000Z",
        "dataVersion": "http://purl.imsglobal.org/ctx/caliper/v1p2",
        "data": data,
    })
}

fn ids(values: &[Value]) -> Vec<&str> {
    values.iter().map(|v| v["id"].as_str().unwrap()).collect()
}

#[test]
fn serve_accepts_valid_envelopes_and_appends_their_data() {
    let Some(dir) = fixtures() else { return };
    let server = Server::start("accept", &[]);
    let events: Vec<Value> = [
        "caliperEventAssessmentStarted.json",
        "caliperEventAssessmentItemCompleted.json",
        "caliperEventGradeGraded.json",
    ]
    .iter()
    .map(|f| fixture(&dir, f))
    .collect();
    let r = server.post_json(&envelope(events.clone()).to_string(), &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({"accepted": 3}));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("connection"), Some("close"));
    assert_eq!(server.stored(), events, "appended as they came");

    // A reference envelope, with a charset parameter, to another path.
    let batch = fixture(&dir, "caliperEnvelopeEventBatch.json");
    let r = server.request(
        "POST",
        "/caliper",
        &[("Content-Type", "application/json; charset=utf-8")],
        &batch.to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let stored = server.stored();
    let batch_data = batch["data"].as_array().unwrap();
    assert_eq!(stored.len(), 3 + batch_data.len());
    assert_eq!(ids(&stored[3..]), ids(batch_data));

    let r = server.request("GET", "/events", &[], "");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/x-ndjson"));
    assert_eq!(r.body, std::fs::read_to_string(&server.out).unwrap());
}

#[test]
fn serve_requires_the_bearer_token_when_given_one() {
    let Some(dir) = fixtures() else { return };
    let server = Server::start("token", &["--token", "s3cret"]);
    let body = envelope(vec![fixture(&dir, "caliperEventViewViewed.json")]).to_string();
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("Basic s3cret"),
        Some("Bearer s3cre"),
    ] {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let r = server.post_json(&body, &headers);
        assert_eq!(r.status, 401, "{auth:?}");
        assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    }
    assert!(server.stored().is_empty());
    assert_eq!(server.request("GET", "/events", &[], "").status, 401);
    let r = server.post_json(&body, &[("Authorization", "bearer s3cret")]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(server.stored().len(), 1);
    let r = server.request("GET", "/events", &[("Authorization", "Bearer s3cret")], "");
    assert_eq!(r.status, 200);
}

#[test]
fn serve_refuses_other_media_types_bad_json_and_invalid_envelopes() {
    let Some(dir) = fixtures() else { return };
    let server = Server::start("refuse", &[]);
    let valid = envelope(vec![fixture(&dir, "caliperEventViewViewed.json")]).to_string();
    for ct in [
        "text/plain",
        "application/jsonx",
        "application/x-www-form-urlencoded",
    ] {
        let r = server.request("POST", "/", &[("Content-Type", ct)], &valid);
        assert_eq!(r.status, 415, "{ct}");
    }
    assert_eq!(server.request("POST", "/", &[], &valid).status, 415);

    let r = server.post_json("{\"sensor\": ", &[]);
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("not JSON"));

    let wrong = fixture(
        &dir.join("commonErrorFixtures"),
        "caliperEventAssessment-WrongAction.json",
    );
    let r = server.post_json(&envelope(vec![wrong]).to_string(), &[]);
    assert_eq!(r.status, 422, "{}", r.body);
    let errors = r.json()["errors"].clone();
    assert_eq!(errors[0]["path"], "data[0].action", "{errors}");
    assert_eq!(errors[0]["pointer"], "/data/0/action");
    // A bare event is not an envelope.
    let r = server.post_json(
        &fixture(&dir, "caliperEventViewViewed.json").to_string(),
        &[],
    );
    assert_eq!(r.status, 422);
    assert!(server.stored().is_empty(), "nothing appended");
}

#[test]
fn serve_answers_preflight_and_refuses_other_methods() {
    let server = Server::start("methods", &[]);
    let r = server.request(
        "OPTIONS",
        "/",
        &[
            ("Origin", "http://127.0.0.1:8080"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization, content-type",
            ),
        ],
        "",
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(
        r.header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));
    for method in ["GET", "PUT", "DELETE", "HEAD"] {
        let r = server.request(method, "/", &[], "");
        assert_eq!(r.status, 405, "{method}");
        assert!(r.header("allow").unwrap().contains("POST"));
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    }
}

#[test]
fn serve_limits_sizes_framing_and_slow_clients() {
    let Some(dir) = fixtures() else { return };
    let server = Server::start("limits", &[]);
    let host = format!("Host: 127.0.0.1:{}\r\n", server.port);
    // Refused from the head alone: the client never sends the 9 MB.
    let r = server.send(
        format!("POST / HTTP/1.1\r\n{host}Content-Type: application/json\r\nContent-Length: 9000000\r\n\r\n{{")
            .as_bytes(),
    );
    assert_eq!(r.status, 413);
    let r = server.send(
        format!("POST / HTTP/1.1\r\n{host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(r.status, 411);
    let r = server.send(
        format!("POST / HTTP/1.1\r\n{host}Content-Type: application/json\r\n\r\n").as_bytes(),
    );
    assert_eq!(r.status, 411);
    let big = format!(
        "GET / HTTP/1.1\r\n{host}X-Big: {}\r\n\r\n",
        "a".repeat(17 * 1024)
    );
    assert_eq!(server.send(big.as_bytes()).status, 431);
    assert_eq!(server.send(b"hello\r\n\r\n").status, 400);
    assert_eq!(
        server.send(b"POST / HTTP/1.1\r\nBad Header\r\n\r\n").status,
        400
    );

    // A client that stalls in the middle of its request does not hold up
    // the others.
    let mut stalled = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stalled.write_all(b"POST / HTTP/1.1\r\nContent-Le").unwrap();
    let body = envelope(vec![fixture(&dir, "caliperEventViewViewed.json")]).to_string();
    let r = server.post_json(&body, &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(server.stored().len(), 1);
    drop(stalled);
}

#[test]
fn serve_with_host_check_refuses_other_hosts() {
    let server = Server::start("host", &["--host-check"]);
    let preflight = |host: &str| {
        server
            .send(format!("OPTIONS / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
            .status
    };
    assert_eq!(preflight(&format!("127.0.0.1:{}", server.port)), 204);
    assert_eq!(preflight(&format!("localhost:{}", server.port)), 204);
    assert_eq!(preflight(&format!("attacker.example:{}", server.port)), 403);
    assert_eq!(preflight("127.0.0.1:1"), 403);
}
