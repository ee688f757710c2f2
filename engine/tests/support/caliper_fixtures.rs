//! Finding the Caliper 1.2 reference fixtures in `../shared`, for the
//! engine's and the `qti` command's tests (each includes this file).

use std::path::{Path, PathBuf};

/// The v1p2 fixtures directory, or `None` (said on stderr) when absent.
pub fn fixtures() -> Option<PathBuf> {
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

/// The `.json` files in `dir` whose names start with `prefix`, sorted.
pub fn json_files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
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
