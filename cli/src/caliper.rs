//! `qti caliper validate` and `qti caliper serve`: Caliper 1.2 documents
//! checked with the engine's validator, from files or as a receiving
//! endpoint on the loopback interface.

use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use qti_engine::caliper::{ValidationError, validate_document, validate_envelope};
use serde_json::{Value, json};

use crate::http::{self, Head, HttpError, Response};
use crate::{CliError, Options};

/// Failures that stop a command before it does its work.
#[derive(Debug, thiserror::Error)]
pub enum CaliperError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen { port: u16, source: io::Error },
    #[error("{path}: cannot open for appending: {source}")]
    Output { path: String, source: io::Error },
}

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("serve") => serve(&args[1..]),
        _ => Err(CliError::Usage(
            "qti caliper needs 'validate FILE...' or 'serve --port N'".into(),
        )),
    }
}

// --- validate -----------------------------------------------------------------

fn validate(args: &[String]) -> Result<ExitCode, CliError> {
    let o = Options::parse(args, &[], usize::MAX)?;
    if o.files.is_empty() {
        return Err(CliError::Usage(
            "qti caliper validate needs at least one FILE".into(),
        ));
    }
    let (mut files, mut invalid) = (0, 0);
    let mut out = io::stdout().lock();
    for path in o.files.iter().flat_map(|f| expand(f)) {
        files += 1;
        let faults = check_file(&path);
        if !faults.is_empty() {
            invalid += 1;
        }
        // A closed pipe (`| head`) ends the report, without a panic.
        if faults.iter().any(|f| writeln!(out, "{f}").is_err()) {
            return Ok(ExitCode::FAILURE);
        }
    }
    eprintln!("qti caliper validate: {files} file(s), {invalid} invalid");
    Ok(if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A directory stands for its `*.json` files (not its subdirectories'),
/// in name order; anything else for itself.
fn expand(arg: &str) -> Vec<String> {
    let dir = Path::new(arg);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![arg.to_string()];
    };
    let mut files: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// The faults of one file, each as the line to print: `FILE: PATH:
/// MESSAGE`, or `FILE:LINE:COL: not JSON: ...` when it does not parse.
fn check_file(path: &str) -> Vec<String> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => return vec![format!("{path}: cannot read: {e}")],
    };
    let doc: Value = match serde_json::from_str(&text) {
        Ok(d) => d,
        Err(e) => return vec![json_error(path, &e)],
    };
    // An envelope is recognised by its own properties, like the engine's
    // validate_json; anything else is a standalone event or entity.
    let result = if doc.get("sensor").is_some() || doc.get("dataVersion").is_some() {
        validate_envelope(&doc)
    } else {
        validate_document(&doc)
    };
    match result {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{path}: {}: {}", dotted_path(&doc, &e.path), e.message))
            .collect(),
    }
}

fn read_text(path: &str) -> io::Result<String> {
    if path == "-" {
        let mut s = String::new();
        io::stdin().read_to_string(&mut s)?;
        return Ok(s);
    }
    std::fs::read_to_string(path)
}

/// `FILE:LINE:COL: not JSON: what`, like the positions `qti validate`
/// prints.
fn json_error(path: &str, e: &serde_json::Error) -> String {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position goes first.
    let what = full.split(" at line ").next().unwrap_or(&full);
    format!("{path}:{}:{}: not JSON: {what}", e.line(), e.column())
}

/// The validator's JSON pointer (`/data/0/actor/type`) as a property path
/// (`data[0].actor.type`); the document itself is `(root)`. The document
/// tells array indexes from object keys that look like numbers.
pub fn dotted_path(doc: &Value, pointer: &str) -> String {
    if pointer.is_empty() {
        return "(root)".into();
    }
    let mut out = String::new();
    let mut at = Some(doc);
    for raw in pointer.split('/').skip(1) {
        let key = raw.replace("~1", "/").replace("~0", "~");
        let index = match at {
            Some(Value::Array(_)) | None => key.parse::<usize>().ok(),
            Some(_) => None,
        };
        at = match (at, index) {
            (Some(Value::Array(items)), Some(i)) => items.get(i),
            (Some(Value::Object(m)), _) => m.get(&key),
            _ => None,
        };
        match index {
            Some(i) => write!(out, "[{i}]").unwrap_or_default(),
            None if is_plain_key(&key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&key);
            }
            None => write!(out, "[{}]", Value::from(key)).unwrap_or_default(),
        }
    }
    out
}

/// Keys written as `.key`; others (IRIs in extensions, say) as `["key"]`.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@' || b == b'$')
}

// --- serve --------------------------------------------------------------------

/// Bodies larger than this are refused (413) before they are read.
const MAX_BODY: u64 = 8 * 1024 * 1024;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_TIMEOUT: Duration = Duration::from_secs(30);
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections handled at once; more are answered 503 straight away.
const MAX_CONNECTIONS: usize = 64;
const DEFAULT_OUT: &str = "caliper-events.jsonl";

/// One line on standard error; the server goes on if that is closed.
macro_rules! log {
    ($($arg:tt)*) => {
        let _ = writeln!(io::stderr(), "qti caliper serve: {}", format_args!($($arg)*));
    };
}

struct Server {
    token: Option<String>,
    /// With `--host-check`, the `Host` values accepted (DNS rebinding).
    hosts: Option<[String; 2]>,
    out: Mutex<File>,
    out_path: String,
    active: AtomicUsize,
}

fn serve(args: &[String]) -> Result<ExitCode, CliError> {
    let o = Options::parse_with_flags(args, &["port", "token", "out"], &["host-check"], 0)?;
    let port = o
        .get("port")
        .ok_or_else(|| CliError::Usage("qti caliper serve needs --port N".into()))?;
    let port: u16 = port
        .parse()
        .map_err(|_| CliError::Usage(format!("--port: '{port}' is not a port number")))?;
    let out_path = o.get("out").cloned().unwrap_or_else(|| DEFAULT_OUT.into());
    let out = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&out_path)
        .map_err(|source| CaliperError::Output {
            path: out_path.clone(),
            source,
        })?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|source| CaliperError::Listen { port, source })?;
    let port = listener
        .local_addr()
        .map_err(|source| CaliperError::Listen { port, source })?
        .port();
    let server = Arc::new(Server {
        token: o.get("token").cloned(),
        hosts: o
            .flag("host-check")
            .then(|| [format!("127.0.0.1:{port}"), format!("localhost:{port}")]),
        out: Mutex::new(out),
        out_path,
        active: AtomicUsize::new(0),
    });
    // Scripts and tests read the port from this line: flush it now.
    let mut stdout = io::stdout();
    let _ = writeln!(stdout, "listening on http://127.0.0.1:{port}/").and_then(|()| stdout.flush());
    log!("appending accepted data to {}", server.out_path);
    accept_loop(&listener, &server);
    Ok(ExitCode::SUCCESS)
}

fn accept_loop(listener: &TcpListener, server: &Arc<Server>) {
    for conn in listener.incoming() {
        match conn {
            Ok(stream) => dispatch(server, stream),
            Err(e) => {
                // Out of descriptors, say: wait rather than spin.
                log!("accept: {e}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// Handle a connection on its own thread, or refuse it when too many are
/// in progress (a slow client holds its thread until its deadline).
fn dispatch(server: &Arc<Server>, mut stream: TcpStream) {
    let Some(slot) = Slot::take(server) else {
        stream.set_write_timeout(Some(Duration::from_secs(1))).ok();
        let _ = cors(error(503, "too many connections")).write_to(&mut stream);
        return;
    };
    // When no thread starts, the closure and its slot are dropped.
    if let Err(e) = std::thread::Builder::new().spawn(move || slot.0.handle(stream)) {
        log!("cannot start a thread: {e}");
    }
}

/// One of the [`MAX_CONNECTIONS`], given back when dropped: when the
/// connection is done, and also if its handler panics.
struct Slot(Arc<Server>);

impl Slot {
    fn take(server: &Arc<Server>) -> Option<Slot> {
        let slot = Slot(Arc::clone(server));
        (server.active.fetch_add(1, Ordering::SeqCst) < MAX_CONNECTIONS).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Server {
    fn handle(&self, mut stream: TcpStream) {
        let (what, result) = match http::read_head(&mut stream, Instant::now() + HEAD_TIMEOUT) {
            Ok(head) => (
                format!("{} {}", head.method, head.path()),
                self.route(head, &mut stream),
            ),
            Err(e) => ("-".to_string(), Err(e)),
        };
        let response = match result {
            Ok(r) => r,
            Err(e) => match e.status() {
                Some(status) => error(status, &e.to_string()),
                None => return,
            },
        };
        log!("{what} {}", response.status);
        stream.set_write_timeout(Some(WRITE_TIMEOUT)).ok();
        if cors(response).write_to(&mut stream).is_ok() {
            http::linger_close(stream);
        }
    }

    fn route(&self, head: Head, stream: &mut TcpStream) -> Result<Response, HttpError> {
        if let Some(refused) = self.check_host(&head) {
            return Ok(refused);
        }
        match (head.method.as_str(), head.path()) {
            ("OPTIONS", _) => Ok(preflight(&head)),
            ("GET", "/events") => Ok(self.check_token(&head).unwrap_or_else(|| self.events())),
            ("POST", _) => self.receive(head, stream),
            _ => Ok(
                error(405, "only POST (and GET /events, OPTIONS) are allowed")
                    .header("Allow", "POST, GET, OPTIONS"),
            ),
        }
    }

    /// With `--host-check`, a `Host` other than this server's (a page on
    /// another name that resolves to 127.0.0.1) is refused.
    fn check_host(&self, head: &Head) -> Option<Response> {
        let hosts = self.hosts.as_ref()?;
        let host = head.header("host").unwrap_or_default();
        if hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return None;
        }
        Some(error(
            403,
            &format!("Host must be {} or {}", hosts[0], hosts[1]),
        ))
    }

    /// With `--token`, `Authorization: Bearer TOKEN` is required.
    fn check_token(&self, head: &Head) -> Option<Response> {
        let token = self.token.as_ref()?;
        let given = head.header("authorization").and_then(|v| {
            let (scheme, t) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(t.trim())
        });
        if given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
            return None;
        }
        let challenge = match given {
            Some(_) => "Bearer error=\"invalid_token\"",
            None => "Bearer",
        };
        Some(
            error(401, "a valid Authorization: Bearer token is required")
                .header("WWW-Authenticate", challenge),
        )
    }

    /// POST of an envelope: checks in the order that reads the least.
    fn receive(&self, head: Head, stream: &mut TcpStream) -> Result<Response, HttpError> {
        if let Some(refused) = self.check_token(&head) {
            return Ok(refused);
        }
        if !is_json(head.header("content-type")) {
            return Ok(error(415, "Content-Type must be application/json"));
        }
        let length = head.content_length()?;
        if length > MAX_BODY {
            return Err(HttpError::BodyTooLarge {
                length,
                limit: MAX_BODY,
            });
        }
        if head
            .header("expect")
            .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
        {
            stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        let deadline = Instant::now() + BODY_TIMEOUT;
        let body = http::read_body(stream, head, length, MAX_BODY, deadline)?;
        let doc: Value = match serde_json::from_slice(&body) {
            Ok(d) => d,
            Err(e) => return Ok(error(400, &format!("the body is not JSON: {e}"))),
        };
        if let Err(errors) = validate_envelope(&doc) {
            return Ok(rejected(&doc, &errors));
        }
        let data = doc["data"].as_array().map_or(&[][..], Vec::as_slice);
        match self.append(data) {
            Ok(()) => Ok(Response::json(200, &json!({ "accepted": data.len() }))),
            Err(e) => {
                log!("{}: {e}", self.out_path);
                Ok(error(500, "the events could not be stored"))
            }
        }
    }

    /// One line per element of `data`, written at once under the lock so
    /// that concurrent envelopes do not interleave.
    fn append(&self, data: &[Value]) -> io::Result<()> {
        let mut lines = String::new();
        for item in data {
            lines.push_str(&item.to_string());
            lines.push('\n');
        }
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        out.write_all(lines.as_bytes())?;
        out.flush()
    }

    /// `GET /events`: the JSONL file as it is now.
    fn events(&self) -> Response {
        // Hold the lock so that no envelope is half written.
        let _guard = self.out.lock().unwrap_or_else(|e| e.into_inner());
        match std::fs::read(&self.out_path) {
            Ok(bytes) => Response::new(200).body("application/x-ndjson", bytes),
            Err(e) => {
                log!("{}: {e}", self.out_path);
                error(500, "the events could not be read")
            }
        }
    }
}

/// 422 with the faults, as `{"error", "errors": [{"path", "pointer", "message"}]}`.
fn rejected(doc: &Value, errors: &[ValidationError]) -> Response {
    let faults: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "path": dotted_path(doc, &e.path),
                "pointer": e.path,
                "message": e.message,
            })
        })
        .collect();
    Response::json(
        422,
        &json!({ "error": "not a valid Caliper 1.2 envelope", "errors": faults }),
    )
}

fn error(status: u16, message: &str) -> Response {
    Response::json(status, &json!({ "error": message }))
}

/// Players post from pages on other origins (another port of 127.0.0.1).
fn cors(r: Response) -> Response {
    r.header("Access-Control-Allow-Origin", "*")
}

/// The answer to a CORS preflight: POST with a bearer token and a JSON
/// body may follow.
fn preflight(head: &Head) -> Response {
    let r = Response::new(204)
        .header("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
        .header(
            "Access-Control-Allow-Headers",
            "Authorization, Content-Type",
        )
        .header("Access-Control-Max-Age", "600");
    // Chrome's Private Network Access asks before a page reaches loopback.
    match head.header("access-control-request-private-network") {
        Some(v) if v.eq_ignore_ascii_case("true") => {
            r.header("Access-Control-Allow-Private-Network", "true")
        }
        _ => r,
    }
}

/// `application/json`, with parameters (`; charset=utf-8`) or without.
fn is_json(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// Compare without stopping at the first difference, so that the time
/// taken does not tell how much of a guessed token was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_property_paths() {
        let doc =
            json!({"data": [{"actor": {"type": "Person"}}], "extensions": {"0": 1, "a b": 2}});
        assert_eq!(dotted_path(&doc, ""), "(root)");
        assert_eq!(
            dotted_path(&doc, "/data/0/actor/type"),
            "data[0].actor.type"
        );
        assert_eq!(dotted_path(&doc, "/extensions/0"), "extensions.0");
        assert_eq!(dotted_path(&doc, "/extensions/a b"), "extensions[\"a b\"]");
        assert_eq!(dotted_path(&doc, "/@context"), "@context");
        assert_eq!(dotted_path(&doc, "/data/3/x"), "data[3].x");
        assert_eq!(dotted_path(&doc, "/a~1b"), "[\"a/b\"]");
    }

    #[test]
    fn media_types_and_tokens() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(Some("application/jsonx")));
        assert!(!is_json(None));
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
