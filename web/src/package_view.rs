//! An opened content package: its items and tests as a tree with titles
//! and standards alignments; each opens in the item player or the test
//! runner.

use std::rc::Rc;
use std::sync::Arc;

use qti_engine::package::{Alignment, Package, Resource, ResourceKind};
use qti_player::SharedStimuli;
use qti_player::context::PackageFiles;
use qti_player::test_runner::{SharedTest, TestRunner};
use yew::prelude::*;

use crate::Preview;

/// A package shared by the studio's views, compared by pointer, with
/// object URLs for its media so that items show their images.
#[derive(Clone)]
pub struct SharedPackage(pub Rc<Package>, pub PackageFiles);

impl PartialEq for SharedPackage {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedPackage {
    pub fn new(package: Package) -> Self {
        let files = package
            .paths()
            .filter_map(|p| {
                let mime = media_type(p)?;
                let url = object_url(package.file(p)?, mime)?;
                Some((p.to_string(), url))
            })
            .collect();
        SharedPackage(Rc::new(package), Rc::new(files))
    }
}

/// The MIME types the studio hands to the browser, by file extension.
fn media_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "css" => "text/css",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "wav" => "audio/wav",
        "ogg" | "oga" => "audio/ogg",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "ogv" => "video/ogg",
        "vtt" => "text/vtt",
        _ => return None,
    })
}

fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

#[derive(Properties, PartialEq)]
pub struct PackageTreeProps {
    pub name: AttrValue,
    pub package: SharedPackage,
}

fn label(r: &Resource) -> String {
    r.title
        .clone()
        .or_else(|| r.href.clone())
        .unwrap_or_else(|| r.identifier.clone())
}

/// Tests first (each with the items it depends on), then every item.
#[function_component(PackageTree)]
pub fn package_tree(props: &PackageTreeProps) -> Html {
    let pkg = &props.package.0;
    let of_kind = |k: ResourceKind| pkg.manifest.resources.iter().filter(move |r| r.kind == k);
    let item_link = |r: &Resource| {
        html! {
            <li class="studio-resource" data-resource={r.identifier.clone()}>
                <a href={format!("#/package/item/{}", r.identifier)}>{ label(r) }</a>
                { alignments(&r.alignments) }
            </li>
        }
    };
    html! {
        <nav class="studio-package" aria-label="Package contents">
            <h2>{ pkg.manifest.title.clone().unwrap_or_else(|| props.name.to_string()) }</h2>
            if !pkg.warnings.is_empty() {
                <details class="studio-warnings">
                    <summary>{ format!("{} warning(s)", pkg.warnings.len()) }</summary>
                    <ul>{ for pkg.warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
                </details>
            }
            <h3>{ "Tests" }</h3>
            <ul class="studio-tests-tree">
                { for of_kind(ResourceKind::Test).map(|t| html! {
                    <li class="studio-resource" data-resource={t.identifier.clone()}>
                        <a href={format!("#/package/test/{}", t.identifier)}>{ label(t) }</a>
                        { alignments(&t.alignments) }
                        <ul>
                            { for t.dependencies.iter().filter_map(|d| pkg.resource(d)).filter(|d| d.kind == ResourceKind::Item).map(item_link) }
                        </ul>
                    </li>
                }) }
            </ul>
            <h3>{ "Items" }</h3>
            <ul class="studio-items-tree">{ for of_kind(ResourceKind::Item).map(item_link) }</ul>
        </nav>
    }
}

/// The standards a resource is aligned to, each linked to its CASE item.
pub fn alignments(list: &[Alignment]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <ul class="studio-alignments" aria-label="Standards alignment">
            { for list.iter().map(|a| {
                let text = a.label.clone().or_else(|| a.guid.clone()).unwrap_or_default();
                html! {
                    <li>
                        { "Standard: " }
                        if let Some(uri) = a.case_item_uri.clone().filter(|u| u.starts_with("https://")) {
                            <a href={uri} rel="noopener noreferrer" target="_blank">{ text }</a>
                        } else {
                            { text }
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct PackageResourceProps {
    pub package: SharedPackage,
    pub identifier: AttrValue,
    pub test: bool,
}

/// One resource of the package in the player or the runner.
#[function_component(PackageResource)]
pub fn package_resource(props: &PackageResourceProps) -> Html {
    let pkg = &props.package.0;
    let files = Some(props.package.1.clone());
    let Some(resource) = pkg.resource(&props.identifier) else {
        return html! { <p role="alert">{ format!("The package has no resource '{}'.", props.identifier) }</p> };
    };
    let back = html! { <p><a href="#/package">{ "Back to the package" }</a></p> };
    if props.test {
        return match pkg.load_test(resource) {
            Ok(t) => html! {
                <>
                    { back }
                    <TestRunner test={SharedTest(Arc::new(t))} {files}
                        base_url={resource.href.clone().unwrap_or_default()} />
                </>
            },
            Err(e) => html! { <>{ back }<p role="alert">{ e.to_string() }</p></> },
        };
    }
    let xml = resource
        .href
        .as_deref()
        .and_then(|h| qti_engine::href::join("imsmanifest.xml", h).ok())
        .and_then(|p| pkg.file(&p))
        .map(|b| String::from_utf8_lossy(b).into_owned());
    match xml {
        Some(xml) => {
            // Shared stimuli are read from the package beside the item.
            let stimuli = qti_engine::read_item(xml.as_bytes())
                .ok()
                .map(|read| SharedStimuli(Arc::new(pkg.item_stimuli(resource, &read.item).0)));
            html! {
                <>
                    { back }
                    <Preview xml={AttrValue::from(xml)} {files} {stimuli}
                        base_url={resource.href.clone().unwrap_or_default()}
                        alignments={resource.alignments.clone()} />
                </>
            }
        }
        None => html! { <>{ back }<p role="alert">{ "This resource has no file." }</p></> },
    }
}
