//! `qti caliper validate`: Caliper 1.2 documents checked with the
//! engine's validator.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use qti_engine::caliper::{validate_document, validate_envelope};
use serde_json::Value;

use crate::{CliError, Options};

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        _ => Err(CliError::Usage(
            "qti caliper needs 'validate FILE...'".into(),
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

#[cfg(test)]
mod tests {
    use serde_json::json;

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
}
