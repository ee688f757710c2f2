//! Our XML tokenizer against one we did not write: every well-formed XML
//! file of `../shared/qti-corpus` must give the same elements, attribute
//! values and text through our tree as through quick-xml's events.
#![cfg(not(target_arch = "wasm32"))]

use std::borrow::Cow;
use std::path::PathBuf;

use qti_engine::xml::{self, Element, Node};
use quick_xml::events::Event;

/// One element in document order: its local name (QTI 3 names mapped as
/// the tree maps them), its attribute values, and its own text with all
/// white space removed (the tree drops whitespace-only text outside content).
#[derive(Debug, PartialEq)]
struct Summary {
    name: String,
    values: Vec<String>,
    text: String,
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

fn ours(source: &str) -> Result<Vec<Summary>, String> {
    let doc = xml::parse(source, Default::default()).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    walk(doc.root(), &mut out);
    Ok(out)
}

fn walk(el: Element<'_>, out: &mut Vec<Summary>) {
    let at = out.len();
    out.push(Summary {
        name: el.name().to_string(),
        values: el.attrs().iter().map(|(_, v)| v.to_string()).collect(),
        text: String::new(),
    });
    for child in el.children() {
        match child {
            Node::Text(t) => out[at].text.push_str(&squeeze(t)),
            Node::Element(e) => walk(e, out),
        }
    }
}

fn theirs(source: &str) -> Result<Vec<Summary>, String> {
    let mut reader = quick_xml::Reader::from_str(source);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<Summary> = Vec::new();
    // Indexes into `out` of the open elements.
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let text: Option<Cow<'_, str>> = match &event {
            Event::Start(start) | Event::Empty(start) => {
                let local = start.local_name().into_inner().to_string();
                let values = start
                    .attributes()
                    .map(|a| a.map_err(|e| e.to_string()))
                    .filter(|a| {
                        a.as_ref().map_or(true, |a| {
                            let key = a.key.into_inner();
                            key != "xmlns" && !key.starts_with("xmlns:")
                        })
                    })
                    .map(|a| {
                        let a = a?;
                        a.normalized_value_with(
                            quick_xml::XmlVersion::Implicit1_0,
                            4,
                            xml::named_entity,
                        )
                        .map(|v| v.into_owned())
                        .map_err(|e| e.to_string())
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(Summary {
                    name: xml::qti3_element_name(&local).into_owned(),
                    values,
                    text: String::new(),
                });
                if matches!(event, Event::Start(_)) {
                    open.push(out.len() - 1);
                }
                None
            }
            Event::End(_) => {
                open.pop();
                None
            }
            Event::Text(t) => Some(t.xml10_content()),
            Event::CData(t) => Some(t.xml10_content()),
            Event::GeneralRef(r) => Some(Cow::Owned(if r.is_char_ref() {
                r.resolve_char_ref()
                    .ok()
                    .flatten()
                    .map(String::from)
                    .unwrap_or_default()
            } else {
                let name = r.xml10_content();
                xml::named_entity(&name).unwrap_or_default().to_string()
            })),
            Event::Eof => break,
            _ => None,
        };
        if let (Some(text), Some(&at)) = (text, open.last()) {
            out[at].text.push_str(&squeeze(&text));
        }
    }
    Ok(out)
}

#[test]
fn well_formed_corpus_files_read_as_quick_xml_reads_them() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/qti-corpus"
    ));
    let Ok(manifest) = std::fs::read_to_string(dir.join("MANIFEST.tsv")) else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let (mut same, mut elements) = (0, 0);
    let mut differences = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.get(12) != Some(&"yes") {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(cols[0])) else {
            continue;
        };
        let Ok(source) = xml::decode(&bytes) else {
            continue;
        };
        match (ours(&source), theirs(&source)) {
            (Ok(a), Ok(b)) if a == b => {
                same += 1;
                elements += a.len();
            }
            (a, b) => {
                let first = match (&a, &b) {
                    (Ok(a), Ok(b)) => format!("{:?}", a.iter().zip(b).find(|(x, y)| x != y)),
                    _ => format!("{:?} / {:?}", a.err(), b.err()),
                };
                differences.push(format!("{}: {first}", cols[0]));
            }
        }
    }
    println!("{same} well-formed corpus files read alike ({elements} elements)");
    for d in &differences {
        println!("  DIFF {d}");
    }
    assert!(same > 2000, "only {same} files compared");
    assert!(
        differences.is_empty(),
        "{} files read differently",
        differences.len()
    );
}
