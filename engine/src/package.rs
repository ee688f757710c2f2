//! IMS Content Packages of QTI (a zip, or files already unpacked): the
//! `imsmanifest.xml`, its item, test and stimulus resources with their
//! files and dependencies, LOM titles and CASE alignments
//! (`curriculumStandardsMetadata`). Reading is in memory, so it works in
//! the browser as natively.
//!
//! Refused with a clear error: entry paths that are absolute or climb out
//! of the package (zip slip), zip bombs (too many entries, too large, or
//! too highly compressed), a missing manifest, and QTI documents the
//! manifest names that are not in the package (other missing files, such
//! as media, are listed in [`Package::warnings`]).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::href;
use crate::read::item::{ReadItem, read_item};
use crate::test_session::{LoadedTest, load_test};
use crate::xml::{self, Element, Limits};

/// Bounds on what a package may unpack to.
#[derive(Debug, Clone, Copy)]
pub struct PackageLimits {
    pub max_entries: usize,
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
    /// Uncompressed / compressed size above which an entry is a bomb.
    pub max_ratio: u64,
}

impl Default for PackageLimits {
    fn default() -> Self {
        PackageLimits {
            max_entries: 10_000,
            max_entry_bytes: 64 << 20,
            max_total_bytes: 256 << 20,
            max_ratio: 200,
        }
    }
}

/// What a manifest resource is, from its `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResourceKind {
    Item,
    Test,
    Section,
    Stimulus,
    ResponseProcessing,
    Other,
}

impl ResourceKind {
    fn of(kind: &str) -> Self {
        let k = kind.to_ascii_lowercase();
        if !k.starts_with("imsqti") {
            return ResourceKind::Other;
        }
        if k.contains("_item_") {
            ResourceKind::Item
        } else if k.contains("_test_") || k.contains("_assessment_") {
            ResourceKind::Test
        } else if k.contains("_section_") {
            ResourceKind::Section
        } else if k.contains("_stimulus_") {
            ResourceKind::Stimulus
        } else if k.contains("_rptemplate_") {
            ResourceKind::ResponseProcessing
        } else {
            ResourceKind::Other
        }
    }
}

pub use crate::model::Alignment;

/// A `resource` of the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub identifier: String,
    pub kind: ResourceKind,
    /// The `type` as written (`imsqti_item_xmlv3p0`, `webcontent`, ...).
    pub type_name: String,
    /// The main file, relative to the package root.
    pub href: Option<String>,
    pub files: Vec<String>,
    /// `identifierref`s of the resources this one needs.
    pub dependencies: Vec<String>,
    /// The LOM title, when the resource has one.
    pub title: Option<String>,
    pub alignments: Vec<Alignment>,
}

/// `imsmanifest.xml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub identifier: String,
    pub title: Option<String>,
    pub resources: Vec<Resource>,
}

/// A package held in memory.
#[derive(Debug, Clone)]
pub struct Package {
    pub manifest: Manifest,
    files: BTreeMap<String, Vec<u8>>,
    /// Files the manifest lists that are absent but that no QTI document
    /// needs to be read (media, scripts): the package still opens.
    pub warnings: Vec<String>,
}

fn package_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Package(message.into()))
}

/// Read a zipped package, within the default limits.
pub fn read_zip(bytes: &[u8]) -> Result<Package, Error> {
    read_zip_with(bytes, PackageLimits::default())
}

pub fn read_zip_with(bytes: &[u8], limits: PackageLimits) -> Result<Package, Error> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| package_error(format!("not a readable zip file ({e})")))?;
    if archive.len() > limits.max_entries {
        return Err(package_error(format!(
            "{} entries, more than the {} allowed",
            archive.len(),
            limits.max_entries
        )));
    }
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| package_error(format!("entry {i} cannot be read ({e})")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| package_error(format!("entry {i} has an unreadable name ({e})")))?
            .to_string();
        // Zip slip: only plain relative paths inside the package.
        let path = href::join("imsmanifest.xml", &name.replace('\\', "/"))
            .ok()
            .filter(|_| {
                !name.starts_with('/') && !name.contains(':') && entry.enclosed_name().is_some()
            })
            .ok_or_else(|| {
                Error::new(ErrorKind::Reference {
                    href: name.clone(),
                    message:
                        "a zip entry outside the package (absolute or climbing path) is refused"
                            .into(),
                })
            })?;
        let size = entry.size();
        let ratio_bomb = entry.compressed_size() > 0
            && size > 1 << 20
            && size / entry.compressed_size() > limits.max_ratio;
        if size > limits.max_entry_bytes || ratio_bomb {
            return Err(package_error(format!(
                "'{name}' unpacks to {size} bytes from {}: refused as a zip bomb",
                entry.compressed_size()
            )));
        }
        // Declared sizes can lie: read at most one byte past the limit.
        let mut data = Vec::new();
        (&mut entry)
            .take(limits.max_entry_bytes + 1)
            .read_to_end(&mut data)
            .map_err(|e| package_error(format!("'{name}' cannot be unpacked ({e})")))?;
        total += data.len() as u64;
        if data.len() as u64 > limits.max_entry_bytes || total > limits.max_total_bytes {
            return Err(package_error(format!(
                "the package unpacks to more than {} bytes: refused as a zip bomb",
                limits.max_total_bytes.min(limits.max_entry_bytes)
            )));
        }
        files.insert(path, data);
    }
    from_files(files)
}

/// A package from its files (path relative to the package root → bytes),
/// as unpacked on disk or received from a host.
pub fn from_files(mut files: BTreeMap<String, Vec<u8>>) -> Result<Package, Error> {
    // Some tools zip the package folder itself: one folder holding the manifest.
    if !files.contains_key("imsmanifest.xml") {
        let nested: Vec<&String> = files
            .keys()
            .filter(|k| k.ends_with("/imsmanifest.xml") && k.matches('/').count() == 1)
            .collect();
        if let [only] = nested.as_slice() {
            let prefix = only.trim_end_matches("imsmanifest.xml").to_string();
            files = files
                .into_iter()
                .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.to_string(), v)))
                .collect();
        }
    }
    let manifest_bytes = files
        .get("imsmanifest.xml")
        .ok_or_else(|| package_error("no imsmanifest.xml at the root: not a content package"))?;
    let manifest = read_manifest(manifest_bytes)?;
    // A missing QTI document (an item, a test) makes its resource unusable:
    // refused. A missing image or script is reported and the package opens.
    let mut missing = Vec::new();
    let mut warnings = Vec::new();
    for r in &manifest.resources {
        let main = r.href.as_deref();
        for f in r.href.iter().chain(&r.files) {
            if f.contains("://") {
                continue;
            }
            let p = href::join("imsmanifest.xml", f)?;
            if files.contains_key(&p) {
                continue;
            }
            let qti_document = r.kind != ResourceKind::Other && Some(f.as_str()) == main;
            let line = format!("{p} (resource {})", r.identifier);
            if qti_document {
                if !missing.contains(&line) {
                    missing.push(line);
                }
            } else if !warnings.contains(&format!("missing file {line}")) {
                warnings.push(format!("missing file {line}"));
            }
        }
    }
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        return Err(package_error(format!(
            "{} QTI file(s) named by the manifest are not in the package: {}{}",
            missing.len(),
            shown.join(", "),
            if missing.len() > 5 { ", ..." } else { "" }
        )));
    }
    Ok(Package {
        manifest,
        files,
        warnings,
    })
}

/// Read `imsmanifest.xml`.
pub fn read_manifest(bytes: &[u8]) -> Result<Manifest, Error> {
    let text = xml::decode(bytes)?;
    let doc = xml::parse(&text, Limits::default())?;
    let root = doc.root();
    if root.name() != "manifest" {
        return Err(Error::new(ErrorKind::RootElement {
            expected: "manifest".into(),
            found: root.name().to_string(),
        })
        .at(doc.position(root.pos())));
    }
    let mut resources = Vec::new();
    for list in root.children_named("resources") {
        for r in list.children_named("resource") {
            let identifier = r.attr("identifier").unwrap_or_default().trim().to_string();
            let type_name = r.attr("type").unwrap_or_default().trim().to_string();
            let metadata = r.child("metadata");
            resources.push(Resource {
                kind: ResourceKind::of(&type_name),
                href: r.attr("href").map(|h| h.trim().to_string()),
                files: r
                    .children_named("file")
                    .filter_map(|f| f.attr("href"))
                    .map(|h| h.trim().to_string())
                    .collect(),
                dependencies: r
                    .children_named("dependency")
                    .filter_map(|d| d.attr("identifierref"))
                    .map(|h| h.trim().to_string())
                    .collect(),
                title: metadata.and_then(lom_title),
                alignments: metadata.map(alignments).unwrap_or_default(),
                identifier,
                type_name,
            });
        }
    }
    Ok(Manifest {
        identifier: root.attr("identifier").unwrap_or_default().to_string(),
        title: root.child("metadata").and_then(lom_title),
        resources,
    })
}

/// Every element named `name` below `el`, in document order.
fn descendants<'e>(el: Element<'e>, name: &str, out: &mut Vec<Element<'e>>) {
    for c in el.elements() {
        if c.name() == name {
            out.push(c);
        }
        descendants(c, name, out);
    }
}

fn first_text(el: Element, names: &[&str]) -> Option<String> {
    let mut found = Vec::new();
    for n in names {
        descendants(el, n, &mut found);
    }
    found
        .into_iter()
        .map(|e| e.text().trim().to_string())
        .find(|t| !t.is_empty())
}

/// LOM `general/title` (a `string` or, in older LOM, a `langstring`).
fn lom_title(metadata: Element) -> Option<String> {
    let mut generals = Vec::new();
    descendants(metadata, "general", &mut generals);
    generals.into_iter().find_map(|g| {
        let title = g.child("title")?;
        first_text(title, &["string", "langstring"])
            .or_else(|| Some(title.text().trim().to_string()).filter(|t| !t.is_empty()))
    })
}

/// CASE alignments: every `labelledGUID` of the curriculum standards metadata.
fn alignments(metadata: Element) -> Vec<Alignment> {
    let mut guids = Vec::new();
    descendants(metadata, "labelledGUID", &mut guids);
    guids
        .into_iter()
        .map(|g| Alignment {
            label: first_text(g, &["label"]),
            case_item_uri: first_text(g, &["caseItemURI"]),
            guid: first_text(g, &["GUID"]),
        })
        .collect()
}

impl Package {
    /// Paths of every file, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// A file by its path, as the test and section readers ask for them.
    pub fn resolve(&self, path: &str) -> Result<Vec<u8>, Error> {
        self.file(path).map(<[u8]>::to_vec).ok_or_else(|| {
            Error::new(ErrorKind::Reference {
                href: path.to_string(),
                message: "not in the package".into(),
            })
        })
    }

    pub fn resource(&self, identifier: &str) -> Option<&Resource> {
        self.manifest
            .resources
            .iter()
            .find(|r| r.identifier == identifier)
    }

    fn main_file(&self, resource: &Resource) -> Result<String, Error> {
        let h = resource.href.as_deref().ok_or_else(|| {
            package_error(format!("resource '{}' has no href", resource.identifier))
        })?;
        href::join("imsmanifest.xml", h)
    }

    /// Read an item resource, with the standards the manifest aligns it to.
    pub fn read_item(&self, resource: &Resource) -> Result<ReadItem, Error> {
        let path = self.main_file(resource)?;
        let mut read = read_item(&self.resolve(&path)?)?;
        read.item.alignments = resource.alignments.clone();
        Ok(read)
    }

    /// The shared stimuli an item resource refers to (missing ones are
    /// warnings: the item works without them).
    pub fn item_stimuli(
        &self,
        resource: &Resource,
        item: &crate::model::AssessmentItem,
    ) -> (
        Vec<crate::read::stimulus::LoadedStimulus>,
        Vec<crate::read::Warning>,
    ) {
        match self.main_file(resource) {
            Ok(path) => {
                crate::read::stimulus::load_stimuli(&path, item, &mut |p: &str| self.resolve(p))
            }
            Err(_) => (Vec::new(), Vec::new()),
        }
    }

    /// Read a test resource with its items (each item file read once);
    /// items get the standards their own manifest resources align them to.
    pub fn load_test(&self, resource: &Resource) -> Result<LoadedTest, Error> {
        let path = self.main_file(resource)?;
        let bytes = self.resolve(&path)?;
        let mut loaded = load_test(&path, &bytes, &mut |p: &str| self.resolve(p))?;
        self.align_items(&path, &mut loaded);
        Ok(loaded)
    }

    /// Alignments of the item resources of a loaded test, found by the
    /// file each item reference points to.
    fn align_items(&self, test_path: &str, loaded: &mut LoadedTest) {
        let by_file: BTreeMap<String, &[Alignment]> = self
            .manifest
            .resources
            .iter()
            .filter(|r| !r.alignments.is_empty())
            .filter_map(|r| Some((self.main_file(r).ok()?, r.alignments.as_slice())))
            .collect();
        if by_file.is_empty() {
            return;
        }
        let test = Arc::clone(&loaded.test);
        for item_ref in test.item_refs() {
            let Ok(file) = href::join(test_path, &item_ref.href) else {
                continue;
            };
            if let (Some(alignments), Some(item)) = (
                by_file.get(&file),
                loaded.items.get_mut(&item_ref.identifier),
            ) {
                Arc::make_mut(item).alignments = alignments.to_vec();
            }
        }
    }
}
