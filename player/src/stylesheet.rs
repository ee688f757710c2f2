//! Item stylesheets (`stylesheet href`), scoped to the item. The CSS is
//! fetched relative to the item, stripped of what could load or run
//! anything (`@import`, `url()` with a script or remote scheme,
//! `expression()`, `behavior`, `-moz-binding`), and wrapped in
//! `@scope (<the player>)`, so its rules can style the item and nothing
//! else on the page (a rule for `body` matches no element inside the
//! player). It reaches the DOM as the text of a `<style>` element, never
//! parsed as HTML.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// `css` made safe and confined to the elements under `scope`.
pub fn scope_css(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() + scope.len() + 16);
    let lower = css.to_ascii_lowercase();
    let mut i = 0;
    while i < css.len() {
        let rest = &lower[i..];
        if rest.starts_with("@import") {
            // Drop the whole @import statement.
            i += rest.find(';').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if rest.starts_with("expression(")
            || rest.starts_with("behavior")
            || rest.starts_with("-moz-binding")
        {
            out.push_str("/* removed */ none");
            // Skip to the end of the declaration.
            i += rest.find([';', '}']).unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with("url(") {
            let end = rest.find(')').map_or(rest.len(), |e| e + 1);
            let target = rest[4..end.saturating_sub(1)]
                .trim()
                .trim_matches(['"', '\'']);
            let safe = !(target.starts_with("javascript:")
                || target.starts_with("vbscript:")
                || target.starts_with("data:text")
                || target.contains("://")
                || target.starts_with("//"));
            out.push_str(if safe { &css[i..i + end] } else { "none" });
            i += end;
            continue;
        }
        let c = css[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    format!("@scope ({scope}) {{\n{out}\n}}")
}

#[derive(Properties, PartialEq)]
pub struct ItemStylesProps {
    /// Resolved URLs of the item's stylesheets.
    pub urls: Vec<AttrValue>,
    /// The selector of the player root the rules are confined to.
    pub scope: AttrValue,
}

/// Fetches the item's stylesheets and renders them, scoped.
#[function_component(ItemStyles)]
pub fn item_styles(props: &ItemStylesProps) -> Html {
    let css = use_state(String::new);
    {
        let css = css.clone();
        let scope = props.scope.to_string();
        use_effect_with(props.urls.clone(), move |urls| {
            let urls = urls.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut all = String::new();
                for url in urls {
                    match fetch_text(&url).await {
                        Some(text) => all.push_str(&scope_css(&text, &scope)),
                        None => gloo::console::warn!(format!(
                            "item stylesheet {url} could not be loaded"
                        )),
                    }
                    all.push('\n');
                }
                css.set(all);
            });
        });
    }
    if css.is_empty() {
        return Html::default();
    }
    html! { <style class="qti-item-stylesheet">{ (*css).clone() }</style> }
}

async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::scope_css;

    #[wasm_bindgen_test]
    fn rules_are_scoped_and_active_parts_removed() {
        let css = r#"@import url("evil.css"); body { background: url(javascript:alert(1)) }
.x { width: expression(alert(1)); color: red; background: url(img/a.png) }
.y { background: url('https://tracker.example/p.gif') }"#;
        let out = scope_css(css, ".qti-player-1");
        assert!(out.starts_with("@scope (.qti-player-1) {"));
        assert!(
            !out.contains("@import") && !out.contains("javascript") && !out.contains("expression(")
        );
        assert!(!out.contains("tracker.example"));
        assert!(
            out.contains("url(img/a.png)"),
            "relative images stay: {out}"
        );
        assert!(out.contains("color: red"));
    }
}
