//! Running the built `qti` command from the repository root, as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `qti ARGS` with `stdin` on its standard input.
pub fn qti(args: &[&str], stdin: &str) -> Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qti"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qti runs");
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    // A run that refuses its arguments exits without reading its input; on
    // a loaded machine it may be gone before we write, which is no failure.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}
