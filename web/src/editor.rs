//! The split view: the item's XML with line numbers beside its live
//! rendering. The rendering follows the text after a short pause in
//! typing; problems are listed with line and column, and choosing one
//! puts the cursor on that line of the source.

use gloo::timers::callback::Timeout;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::Preview;

/// How long typing must pause before the item is read again.
const DEBOUNCE_MS: u32 = 400;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub xml: AttrValue,
    pub base_url: AttrValue,
}

/// A problem to list: where, and what.
struct Problem {
    line: u32,
    column: u32,
    message: String,
    warning: bool,
}

fn problems(xml: &str) -> Vec<Problem> {
    match qti_engine::read_item(xml.as_bytes()) {
        Ok(read) => read
            .warnings
            .iter()
            .map(|w| Problem {
                line: w.position.map_or(1, |p| p.line),
                column: w.position.map_or(1, |p| p.column),
                message: w.message.clone(),
                warning: true,
            })
            .collect(),
        Err(e) => vec![Problem {
            line: e.position.map_or(1, |p| p.line),
            column: e.position.map_or(1, |p| p.column),
            message: e.kind.to_string(),
            warning: false,
        }],
    }
}

/// The UTF-16 offset of the start of `line` (1-based): what
/// `setSelectionRange` counts in.
fn line_offset(text: &str, line: u32) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i as u32 + 1 == line {
            break;
        }
        offset += l.encode_utf16().count() as u32 + 1;
    }
    offset
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let text = use_state(|| props.xml.to_string());
    let rendered = use_state(|| props.xml.clone());
    let timer = use_mut_ref(|| None::<Timeout>);
    let area = use_node_ref();
    let gutter = use_node_ref();
    let oninput = {
        let (text, rendered, timer) = (text.clone(), rendered.clone(), timer.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            text.set(value.clone());
            let rendered = rendered.clone();
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                rendered.set(AttrValue::from(value));
            }));
        })
    };
    // The line numbers scroll with the text.
    let onscroll = {
        let (area, gutter) = (area.clone(), gutter.clone());
        Callback::from(move |_: Event| {
            if let (Some(a), Some(g)) = (
                area.cast::<HtmlTextAreaElement>(),
                gutter.cast::<web_sys::Element>(),
            ) {
                g.set_scroll_top(a.scroll_top());
            }
        })
    };
    let lines = text.split('\n').count();
    let found = problems(&rendered);
    let jump = |line: u32| {
        let (area, text) = (area.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                let at = line_offset(&text, line);
                let _ = a.focus();
                let _ = a.set_selection_range(at, at);
            }
        })
    };
    html! {
        <div class="studio-split">
            <section class="studio-editor" aria-label="Source">
                <label for="studio-source" class="studio-editor-label">{ "Item XML (the preview follows as you type)" }</label>
                <div class="studio-source">
                    <pre class="studio-gutter" aria-hidden="true" ref={gutter}>
                        { (1..=lines).map(|n| n.to_string()).collect::<Vec<_>>().join("\n") }
                    </pre>
                    <textarea id="studio-source" ref={area.clone()} spellcheck="false" value={(*text).clone()}
                        {oninput} {onscroll} wrap="off" />
                </div>
                <div class="studio-problems" aria-live="polite">
                    if found.is_empty() {
                        <p class="studio-valid">{ "No problems found." }</p>
                    } else {
                        <ul>
                            { for found.iter().map(|p| html! {
                                <li class={if p.warning { "studio-warning" } else { "studio-error" }}>
                                    <button type="button" class="studio-problem" onclick={jump(p.line)}>
                                        { format!("{}:{}: {}{}", p.line, p.column, if p.warning { "warning: " } else { "" }, p.message) }
                                    </button>
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            </section>
            <div class="studio-split-preview">
                <Preview xml={(*rendered).clone()} base_url={props.base_url.clone()} />
            </div>
        </div>
    }
}
