//! `qti`: validate, score and convert QTI items on the server with the same
//! engine the browser player runs.

mod caliper;
mod http;

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

use qti_engine::json::values_to_json;
use qti_engine::results::{
    AssessmentResult, ItemResult, ResultContext, ResultVersion, SessionIdentifier,
    format_datestamp, read_results, rescore, write_results,
};
use qti_engine::write::{write_item, write_test};
use qti_engine::xml::QtiVersion;
use qti_engine::{ItemSession, read_item};

const USAGE: &str = "\
usage:
  qti validate FILE...
      Check items, tests (with the items they reference) and zipped content
      packages; prints file:line:col: message for each problem.
      Exit 0 when all are valid, 1 otherwise.
  qti score ITEM.xml --responses FILE|- [--seed N]
      Run template and response processing and print the outcomes as JSON.
      FILE holds one JSON object (one attempt) or an array of them
      (successive attempts). Exit 2 when responses do not fit the item.
  qti results ITEM.xml --responses FILE|- [--format qti22|qti30|json] [--seed N]
              [--sourced-id ID] [--session SOURCE=IDENTIFIER]
      Score like `qti score`, then print the QTI assessmentResult (default
      qti30). FILE may also be an assessmentResult document: its candidate
      responses are re-scored. The context names the candidate
      (--sourced-id) and the session as the delivery system knows it.
  qti run-test TEST.xml --script FILE|- [--seed N] [--root DIR] [--format json|qti22|qti30]
      Drive a test session with a JSON array of actions ({\"op\": \"answer\",
      \"responses\": {...}}, submit, next, previous, moveTo, skip,
      endTestPart, endTest, clock) and print {\"test\", \"items\", \"visited\"}
      as JSON (or, with --format qti22|qti30, the test's assessmentResult). Referenced files are read below DIR (default: the nearest
      folder up holding imsmanifest.xml, else the working directory if the
      test is below it, else the test's folder).
      Exit 2 at the first action the test does not allow.
  qti convert --to 3.0|2.2 IN OUT
      Write the item or test IN as QTI 3.0 or 2.2 to OUT (- for standard
      output); a test's referenced sections are written in place. What the
      target version cannot express (QTI 3 catalogs, companion materials,
      shared stimuli, PCIs when writing 2.2) is left out with a warning on
      standard error. Exit 1 when IN cannot be read.
  qti deliver ITEM.xml [--seed N] [--to 3.0|2.2] OUT
      Write the delivery form of ITEM for secure scoring: correct responses,
      mappings, lookup tables, response and template processing and feedback
      removed, template values drawn with the seed. The browser gets this;
      the server scores with `qti score ITEM.xml --seed N`.
  qti feedback ITEM.xml --responses FILE|- [--seed N]
      Score like `qti score`, then print the feedback now shown, as a JSON
      array of plain-text messages.
  qti caliper validate FILE|DIR...
      Check Caliper 1.2 envelopes, events and entities (JSON; a DIR stands
      for its *.json files). Prints FILE: PATH: MESSAGE per fault on
      standard output (PATH like data[0].actor.type, (root) for the
      document), FILE:LINE:COL: not JSON: ... for a file that does not
      parse, and a count of files on standard error. Exit 0 when all are
      valid, 1 otherwise.
  qti caliper serve --port N [--token T] [--out FILE.jsonl] [--host-check]
      Receive Caliper envelopes on 127.0.0.1:N (0: any free port) and print
      listening on http://127.0.0.1:PORT/ on standard output. POST to any
      path: 200 {\"accepted\": n} when valid (each element of data is
      appended as a JSON line to FILE, default caliper-events.jsonl); 400
      not JSON; 401 without Authorization: Bearer T (with --token); 411
      no Content-Length (chunked is not supported); 413 over 8 MB; 415
      Content-Type not application/json; 422 not a valid envelope (body:
      the faults as JSON). GET /events returns FILE (with --token, needs
      the token too); OPTIONS answers CORS preflight (204); other methods
      405. Every response allows any origin and closes the connection.
      --host-check refuses (403) a Host other than 127.0.0.1:PORT or
      localhost:PORT. One line per request on standard error.";

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{error}")]
    Item {
        path: String,
        error: qti_engine::Error,
    },
    #[error("{0}")]
    Responses(String),
    #[error(transparent)]
    Caliper(#[from] caliper::CaliperError),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Responses(_) => 2,
            CliError::Usage(_) => 64,
            _ => 1,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("score") => score(&args[1..]),
        Some("results") => results(&args[1..]),
        Some("run-test") => run_test(&args[1..]),
        Some("convert") => convert(&args[1..]),
        Some("deliver") => deliver(&args[1..]),
        Some("feedback") => feedback(&args[1..]),
        Some("caliper") => caliper::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(CliError::Usage(USAGE.to_string())),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("qti: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn read_file(path: &str) -> Result<Vec<u8>, CliError> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| CliError::Io {
                path: "<stdin>".into(),
                message: e.to_string(),
            })?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| CliError::Io {
        path: path.to_string(),
        message: e.to_string(),
    })
}

fn validate(files: &[String]) -> Result<ExitCode, CliError> {
    if files.is_empty() {
        return Err(CliError::Usage(
            "qti validate needs at least one FILE".into(),
        ));
    }
    let mut ok = true;
    for path in files {
        let bytes = match read_file(path) {
            Ok(b) => b,
            Err(e) => {
                println!("{e}");
                ok = false;
                continue;
            }
        };
        let report = |path: &str, error: &qti_engine::Error| match error.position {
            Some(p) => println!("{path}:{}:{}: {}", p.line, p.column, error.kind),
            None => println!("{path}:1:1: {}", error.kind),
        };
        let result = if path.to_ascii_lowercase().ends_with(".zip") || bytes.starts_with(b"PK") {
            validate_package(path, &bytes)
        } else if is_test(&bytes) {
            load_test_file(path, &bytes, None).map(|t| t.warnings)
        } else {
            read_item(&bytes).map(|r| r.warnings)
        };
        match result {
            Ok(warnings) => {
                for w in &warnings {
                    println!("{path}:{w} (warning)");
                }
            }
            Err(error) => {
                ok = false;
                report(path, &error);
            }
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

struct ScoreArgs {
    item: String,
    responses: String,
    seed: u64,
    format: String,
    /// The result's `context`.
    context: ResultContext,
}

/// A command's arguments: positional FILEs, `--name value` options and
/// `--name` flags.
struct Options {
    files: Vec<String>,
    values: std::collections::HashMap<String, String>,
    flags: std::collections::HashSet<String>,
}

impl Options {
    /// Parse `args`, allowing the options named in `known` (each takes a
    /// value) and at most `max_files` positional arguments.
    fn parse(args: &[String], known: &[&str], max_files: usize) -> Result<Self, CliError> {
        Self::parse_with_flags(args, known, &[], max_files)
    }

    /// [`Options::parse`], also allowing the valueless options in `flags`.
    fn parse_with_flags(
        args: &[String],
        known: &[&str],
        flags: &[&str],
        max_files: usize,
    ) -> Result<Self, CliError> {
        let mut o = Options {
            files: Vec::new(),
            values: std::collections::HashMap::new(),
            flags: std::collections::HashSet::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.strip_prefix("--") {
                Some(name) if known.contains(&name) => {
                    let v = it
                        .next()
                        .ok_or_else(|| CliError::Usage(format!("--{name} needs a value")))?;
                    o.values.insert(name.to_string(), v.clone());
                }
                Some(name) if flags.contains(&name) => {
                    o.flags.insert(name.to_string());
                }
                _ if o.files.len() < max_files && !a.starts_with("--") => o.files.push(a.clone()),
                _ => return Err(CliError::Usage(format!("unexpected argument '{a}'"))),
            }
        }
        Ok(o)
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(name)
    }

    /// The first positional argument.
    fn file(&self) -> Option<String> {
        self.files.first().cloned()
    }

    fn get(&self, name: &str) -> Option<&String> {
        self.values.get(name)
    }

    fn seed(&self) -> Result<u64, CliError> {
        match self.get("seed") {
            None => Ok(0),
            Some(v) => v
                .parse()
                .map_err(|_| CliError::Usage(format!("--seed: '{v}' is not a number"))),
        }
    }
}

fn parse_score_args(args: &[String]) -> Result<ScoreArgs, CliError> {
    let o = Options::parse(
        args,
        &["responses", "format", "seed", "sourced-id", "session"],
        1,
    )?;
    let session_identifiers = match o.get("session") {
        Some(s) => {
            let (source_id, identifier) = s.split_once('=').ok_or_else(|| {
                CliError::Usage(format!("--session: '{s}' is not SOURCE=IDENTIFIER"))
            })?;
            vec![SessionIdentifier {
                source_id: source_id.to_string(),
                identifier: identifier.to_string(),
            }]
        }
        None => Vec::new(),
    };
    Ok(ScoreArgs {
        context: ResultContext {
            sourced_id: o.get("sourced-id").cloned(),
            session_identifiers,
        },
        seed: o.seed()?,
        format: o.get("format").cloned().unwrap_or_else(|| "qti30".into()),
        responses: o
            .get("responses")
            .cloned()
            .ok_or_else(|| CliError::Usage("needs --responses FILE|-".into()))?,
        item: o
            .file()
            .ok_or_else(|| CliError::Usage("qti score needs ITEM.xml".into()))?,
    })
}

/// Read the item, then run one attempt per JSON object of responses (or
/// the candidate responses of an assessmentResult document).
fn run_attempts(args: &ScoreArgs) -> Result<ItemSession, CliError> {
    let bytes = read_file(&args.item)?;
    let item = read_item(&bytes)
        .map_err(|error| CliError::Item {
            path: args.item.clone(),
            error,
        })?
        .item;
    let input = read_file(&args.responses)?;
    if input.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        let result = read_results(&input)
            .map_err(|e| CliError::Responses(format!("{}:{e}", args.responses)))?;
        let item_result = result
            .item_results
            .iter()
            .find(|r| r.identifier == item.identifier)
            .or(result.item_results.first())
            .ok_or_else(|| CliError::Responses(format!("{}: no itemResult", args.responses)))?;
        // Template values, responses, human scores and attempts as the
        // result recorded them.
        return rescore(Arc::new(item), item_result, args.seed)
            .map_err(|e| CliError::Responses(format!("{}: {e}", args.responses)));
    }
    let mut session = ItemSession::new(Arc::new(item), args.seed);
    let responses: serde_json::Value = serde_json::from_slice(&input)
        .map_err(|e| CliError::Responses(format!("{}: not JSON: {e}", args.responses)))?;
    let attempts = match responses {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    for attempt in &attempts {
        let serde_json::Value::Object(map) = attempt else {
            return Err(CliError::Responses(
                "each attempt must be a JSON object of response identifier to value".into(),
            ));
        };
        for (id, json) in map {
            let value = session.response_from_json(id, json).map_err(|e| {
                CliError::Responses(match e.kind {
                    qti_engine::ErrorKind::Undeclared { .. } => {
                        format!("'{id}' is not a response variable of the item")
                    }
                    _ => e.to_string(),
                })
            })?;
            session
                .set_response(id, value)
                .map_err(|e| CliError::Responses(e.to_string()))?;
        }
        session.submit();
    }
    for w in session.warnings() {
        eprintln!("qti: warning: {w}");
    }
    Ok(session)
}

fn score(args: &[String]) -> Result<ExitCode, CliError> {
    let session = run_attempts(&parse_score_args(args)?)?;
    println!("{}", values_to_json(session.outcomes()));
    Ok(ExitCode::SUCCESS)
}

fn results(args: &[String]) -> Result<ExitCode, CliError> {
    let args = parse_score_args(args)?;
    let version = match args.format.as_str() {
        "qti22" => Some(ResultVersion::V2_2),
        "qti30" => Some(ResultVersion::V3_0),
        "json" => None,
        other => {
            return Err(CliError::Usage(format!(
                "--format: '{other}' is not qti22, qti30 or json"
            )));
        }
    };
    let session = run_attempts(&args)?;
    let now = now_millis();
    let result = AssessmentResult {
        item_results: vec![ItemResult::from_session(
            &session,
            &format_datestamp(now),
            Some(1),
        )],
        context: args.context.clone(),
        ..Default::default()
    };
    match version {
        Some(v) => print!("{}", write_results(&result, v)),
        None => println!(
            "{}",
            serde_json::to_string_pretty(&result)
                .map_err(|e| CliError::Responses(e.to_string()))?
        ),
    }
    Ok(ExitCode::SUCCESS)
}

fn run_test(args: &[String]) -> Result<ExitCode, CliError> {
    use qti_engine::test_session::{TestSession, script};
    let o = Options::parse(args, &["script", "seed", "root", "format"], 1)?;
    let test = o
        .file()
        .ok_or_else(|| CliError::Usage("qti run-test needs TEST.xml".into()))?;
    let script_path = o
        .get("script")
        .cloned()
        .ok_or_else(|| CliError::Usage("qti run-test needs --script FILE|-".into()))?;
    let format = o.get("format").cloned().unwrap_or_else(|| "json".into());
    let seed = o.seed()?;
    let bytes = read_file(&test)?;
    let loaded = load_test_file(&test, &bytes, o.get("root").map(std::path::Path::new)).map_err(
        |error| CliError::Item {
            path: test.clone(),
            error,
        },
    )?;
    let input = read_file(&script_path)?;
    let json: serde_json::Value = serde_json::from_slice(&input)
        .map_err(|e| CliError::Usage(format!("{script_path}: not JSON: {e}")))?;
    let actions =
        script::parse_script(&json).map_err(|e| CliError::Usage(format!("{script_path}: {e}")))?;
    let mut session = TestSession::new(&loaded, seed).map_err(|error| CliError::Item {
        path: test.clone(),
        error,
    })?;
    let outcome = session.run_script(&actions);
    for w in session.warnings() {
        eprintln!("qti: warning: {w}");
    }
    match outcome {
        Ok(()) => {
            let version = match format.as_str() {
                "json" => None,
                "qti22" => Some(ResultVersion::V2_2),
                "qti30" => Some(ResultVersion::V3_0),
                other => {
                    return Err(CliError::Usage(format!(
                        "--format: '{other}' is not json, qti22 or qti30"
                    )));
                }
            };
            match version {
                None => println!("{}", session.report()),
                Some(v) => {
                    let result = AssessmentResult::from_test_session(
                        &session,
                        &format_datestamp(now_millis()),
                    );
                    print!("{}", write_results(&result, v));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err((i, e)) => Err(CliError::Responses(format!(
            "{script_path}: action {i}: {e}"
        ))),
    }
}

/// `qti convert --to 3.0|2.2 IN OUT`: read an item or a test, write it for
/// the target version. Reading and writing warnings go to standard error.
fn convert(args: &[String]) -> Result<ExitCode, CliError> {
    let o = Options::parse(args, &["to"], 2)?;
    let to = target_version(&o)?
        .ok_or_else(|| CliError::Usage("qti convert needs --to 3.0|2.2".into()))?;
    let [input, output] = o.files.as_slice() else {
        return Err(CliError::Usage("qti convert needs IN and OUT".into()));
    };
    let bytes = read_file(input)?;
    let unreadable = |error| CliError::Item {
        path: input.clone(),
        error,
    };
    let written = if is_test(&bytes) {
        let read = read_test_file(input, &bytes).map_err(unreadable)?;
        report_warnings(input, &read.warnings);
        if !read.compact_items.is_empty() {
            eprintln!(
                "qti: warning: {input}: the {} item(s) written inside the test's item \
                 references are left out",
                read.compact_items.len()
            );
        }
        write_test(&read.test, to)
    } else {
        let read = read_item(&bytes).map_err(unreadable)?;
        report_warnings(input, &read.warnings);
        write_item(&read.item, to)
    };
    for w in &written.warnings {
        eprintln!("qti: warning: {input}: {w}");
    }
    write_output(output, &written.xml)
}

/// `--to 3.0|2.2`, when given.
fn target_version(o: &Options) -> Result<Option<QtiVersion>, CliError> {
    match o.get("to").map(String::as_str) {
        Some("3.0") => Ok(Some(QtiVersion::V3_0)),
        Some("2.2") => Ok(Some(QtiVersion::V2_2)),
        Some(other) => Err(CliError::Usage(format!(
            "--to: '{other}' is not 3.0 or 2.2"
        ))),
        None => Ok(None),
    }
}

/// `qti deliver ITEM [--seed N] [--to 3.0|2.2] OUT`: the delivery form of
/// an item for secure scoring — what the browser may see, with every part
/// that reveals the key removed and template values drawn with the seed
/// (score the responses with `qti score --seed N` on the same item).
fn deliver(args: &[String]) -> Result<ExitCode, CliError> {
    let o = Options::parse(args, &["seed", "to"], 2)?;
    let [input, output] = o.files.as_slice() else {
        return Err(CliError::Usage("qti deliver needs ITEM and OUT".into()));
    };
    let bytes = read_file(input)?;
    let read = read_item(&bytes).map_err(|error| CliError::Item {
        path: input.clone(),
        error,
    })?;
    report_warnings(input, &read.warnings);
    let to = match target_version(&o)? {
        Some(v) => v,
        None if read.item.version.is_v3() => QtiVersion::V3_0,
        None => QtiVersion::V2_2,
    };
    let session = ItemSession::new(Arc::new(read.item), o.seed()?);
    let delivery = qti_engine::delivery::delivery_form(&session);
    let written = write_item(&delivery, to);
    for w in &written.warnings {
        eprintln!("qti: warning: {input}: {w}");
    }
    write_output(output, &written.xml)
}

/// `qti feedback ITEM --responses FILE|- [--seed N]`: score like `qti
/// score`, then print the feedback the candidate would now see, as a JSON
/// array of plain-text messages (for a secure-mode player's `showOutcomes`).
fn feedback(args: &[String]) -> Result<ExitCode, CliError> {
    let session = run_attempts(&parse_score_args(args)?)?;
    let texts = qti_engine::processing::text::visible_feedback(&session);
    println!("{}", serde_json::Value::from(texts));
    Ok(ExitCode::SUCCESS)
}

/// Write `text` to the file `path`, or to standard output for `-`.
fn write_output(path: &str, text: &str) -> Result<ExitCode, CliError> {
    if path == "-" {
        print!("{text}");
    } else {
        std::fs::write(path, text).map_err(|e| CliError::Io {
            path: path.to_string(),
            message: e.to_string(),
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report_warnings(path: &str, warnings: &[qti_engine::read::Warning]) {
    for w in warnings {
        eprintln!("qti: warning: {path}:{w}");
    }
}

/// Read a test file, following its section references below its package
/// root (standard input has none to follow).
fn read_test_file(
    path: &str,
    bytes: &[u8],
) -> Result<qti_engine::read::test::ReadTest, qti_engine::Error> {
    if path == "-" {
        return qti_engine::read::test::read_test(bytes);
    }
    with_test_files(path, None, |relative, resolve| {
        qti_engine::read::test::read_test_at(relative, bytes, resolve)
    })
}

/// Where references may lead: the nearest folder up from `test` that
/// holds an `imsmanifest.xml` (a package's root), else the working
/// directory when the test is below it, else the test's own folder.
fn package_root(test: &std::path::Path) -> std::path::PathBuf {
    let dir = test.parent().unwrap_or(std::path::Path::new("."));
    if let Some(package) = dir
        .ancestors()
        .find(|d| d.join("imsmanifest.xml").is_file())
    {
        return package.to_path_buf();
    }
    match std::env::current_dir().and_then(std::fs::canonicalize) {
        Ok(cwd) if test.starts_with(&cwd) => cwd,
        _ => dir.to_path_buf(),
    }
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Whether an XML document is an assessmentTest (QTI 2 or 3 names).
fn is_test(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.contains("<assessmentTest") || head.contains("<qti-assessment-test")
}

/// Read a test file and the items it references (below its package root).
fn load_test_file(
    path: &str,
    bytes: &[u8],
    root: Option<&std::path::Path>,
) -> Result<qti_engine::test_session::LoadedTest, qti_engine::Error> {
    with_test_files(path, root, |relative, resolve| {
        qti_engine::test_session::load_test(relative, bytes, resolve)
    })
}

/// Run `read` on the test at `path` with its path below its package root
/// (`root`, or the one [`package_root`] finds) and a reader of the files there.
fn with_test_files<T>(
    path: &str,
    root: Option<&std::path::Path>,
    read: impl FnOnce(&str, &mut qti_engine::read::test::Resolver<'_>) -> Result<T, qti_engine::Error>,
) -> Result<T, qti_engine::Error> {
    let reference = |message: String| {
        qti_engine::Error::new(qti_engine::ErrorKind::Reference {
            href: path.to_string(),
            message,
        })
    };
    let test_path = std::fs::canonicalize(path).map_err(|e| reference(e.to_string()))?;
    let root = match root {
        Some(r) => std::fs::canonicalize(r).map_err(|e| reference(format!("--root: {e}")))?,
        None => package_root(&test_path),
    };
    let relative = test_path
        .strip_prefix(&root)
        .map_err(|_| reference("not below its package root".into()))?
        .to_string_lossy()
        .replace('\\', "/");
    let mut resolve =
        |p: &str| std::fs::read(root.join(p)).map_err(|e| reference(format!("{p}: {e}")));
    read(&relative, &mut resolve)
}

/// Every item and test resource of a zipped package; problems are
/// reported per resource.
fn validate_package(
    path: &str,
    bytes: &[u8],
) -> Result<Vec<qti_engine::read::Warning>, qti_engine::Error> {
    use qti_engine::package::ResourceKind;
    let pkg = qti_engine::package::read_zip(bytes)?;
    let mut warnings: Vec<qti_engine::read::Warning> = pkg
        .warnings
        .iter()
        .map(|w| qti_engine::read::Warning {
            position: None,
            message: w.clone(),
        })
        .collect();
    let mut first_error = None;
    for r in &pkg.manifest.resources {
        let result = match r.kind {
            ResourceKind::Item => pkg.read_item(r).map(|i| i.warnings),
            ResourceKind::Test => pkg.load_test(r).map(|t| t.warnings),
            _ => Ok(Vec::new()),
        };
        let file = format!("{path}!/{}", r.href.as_deref().unwrap_or(&r.identifier));
        match result {
            Ok(w) => warnings.extend(w.into_iter().map(|w| qti_engine::read::Warning {
                position: w.position,
                message: format!("{file}: {}", w.message),
            })),
            Err(e) => {
                match e.position {
                    Some(p) => println!("{file}:{}:{}: {}", p.line, p.column, e.kind),
                    None => println!("{file}:1:1: {}", e.kind),
                }
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(qti_engine::Error::new(qti_engine::ErrorKind::Package(
            format!("a resource of the package is invalid ({})", e.kind),
        ))),
        None => Ok(warnings),
    }
}
