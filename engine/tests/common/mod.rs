//! What several engine test files share: where the samples and the corpus are.

use std::path::PathBuf;

/// Our sample items and tests (`items/`).
#[allow(dead_code)]
pub fn items_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../items"))
}

/// `../shared/qti-corpus` and the paths (relative to it) of the
/// assessmentItems its MANIFEST.tsv lists; `None` when the corpus is absent.
#[allow(dead_code)]
pub fn corpus_items() -> Option<(PathBuf, Vec<String>)> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/qti-corpus"
    ));
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).ok()?;
    let paths = manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.get(4) == Some(&"assessmentItem")).then(|| cols[0].to_string())
        })
        .collect();
    Some((dir, paths))
}

/// Every sample item (`items/qti22/*.xml`, `items/qti30/*.xml`) as (path, bytes).
#[allow(dead_code)]
pub fn sample_items() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for version in ["qti22", "qti30"] {
        for entry in std::fs::read_dir(items_dir().join(version)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "xml") {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}
