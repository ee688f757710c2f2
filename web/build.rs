//! Embed every sample item of `items/` in the preview app.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

fn main() {
    let items = Path::new(env!("CARGO_MANIFEST_DIR")).join("../items");
    println!("cargo:rerun-if-changed={}", items.display());
    let mut files = Vec::new();
    collect(&items, &mut files);
    files.sort();
    let mut code = String::from(
        "/// (path under items/, XML) of every sample item.\npub static SAMPLES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&items)
            .expect("under items/")
            .to_string_lossy()
            .replace('\\', "/");
        let abs = f.canonicalize().expect("sample path");
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("samples.rs");
    std::fs::write(out, code).expect("write samples.rs");
}
