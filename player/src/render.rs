//! Rendering the typed content tree to Yew nodes. Item content never
//! reaches the DOM as an HTML string: every element is built from the
//! engine's allow-listed model.

use qti_engine::model::content::{ContentNode, Element, Object};
use qti_engine::processing::{feedback, printed_variable};
use yew::prelude::*;
use yew::virtual_dom::VTag;

use crate::context::RenderCtx;
use crate::interaction::{InteractionView, PositionObjectStageView};

/// Renders one node differently (gaps inside a gapMatch, hottext inside a
/// hottextInteraction); `None` renders it the usual way.
pub type Override<'a> = &'a dyn Fn(&ContentNode) -> Option<Html>;

pub fn nodes(list: &[ContentNode], cx: &RenderCtx) -> Html {
    nodes_with(list, cx, &|_| None)
}

pub fn nodes_with(list: &[ContentNode], cx: &RenderCtx, over: Override<'_>) -> Html {
    list.iter().map(|n| node(n, cx, over)).collect()
}

fn node(n: &ContentNode, cx: &RenderCtx, over: Override<'_>) -> Html {
    if let Some(h) = over(n) {
        return h;
    }
    match n {
        ContentNode::Text(t) => html! { { t.clone() } },
        ContentNode::Html(e) | ContentNode::MathMl(e) => element(e, cx, over),
        // Speech markup has no look of its own: its content shows.
        ContentNode::Ssml(e) => nodes_with(&e.children, cx, over),
        ContentNode::Object(o) => object(o, cx),
        ContentNode::Interaction(i) => html! {
            <InteractionView interaction={i.clone()} cx={cx.clone()} />
        },
        ContentNode::PositionObjectStage(s) => html! {
            <PositionObjectStageView stage={s.clone()} cx={cx.clone()} />
        },
        ContentNode::Feedback(f) => {
            if !cx.show_feedback
                || !feedback::visible(cx.value(&f.outcome_identifier), &f.identifier, f.show_hide)
            {
                return Html::default();
            }
            let body = nodes_with(&f.content, cx, over);
            let class = classes!(
                if f.block {
                    "qti-feedback-block"
                } else {
                    "qti-feedback-inline"
                },
                class_attr(&f.attrs)
            );
            if f.block {
                html! { <div {class} data-identifier={f.identifier.clone()}>{ body }</div> }
            } else {
                html! { <span {class} data-identifier={f.identifier.clone()}>{ body }</span> }
            }
        }
        ContentNode::Template(t) => {
            if !feedback::visible(cx.value(&t.template_identifier), &t.identifier, t.show_hide) {
                return Html::default();
            }
            let body = nodes_with(&t.content, cx, over);
            let class = classes!(
                if t.block {
                    "qti-template-block"
                } else {
                    "qti-template-inline"
                },
                class_attr(&t.attrs)
            );
            if t.block {
                html! { <div {class}>{ body }</div> }
            } else {
                html! { <span {class}>{ body }</span> }
            }
        }
        ContentNode::PrintedVariable(p) => html! {
            <span class={classes!("qti-printed-variable", class_attr(&p.attrs))}>
                { printed_variable::print(p, cx.value(&p.identifier)) }
            </span>
        },
        ContentNode::RubricBlock(r) => {
            // Only for the view the player shows (a candidate's, unless an
            // author previews a scorer's or their own).
            if !r.views.iter().any(|v| *v == *cx.view) {
                return Html::default();
            }
            html! {
                <div class={classes!("qti-rubric-block", class_attr(&r.attrs))} data-view={cx.view.clone()}>
                    { nodes_with(&r.content, cx, over) }
                </div>
            }
        }
        // Outside their interaction gaps and hottext have no meaning.
        ContentNode::Gap(_) => Html::default(),
        ContentNode::Hottext(h) => nodes_with(&h.content, cx, over),
        ContentNode::Unsupported { name } => html! {
            <span class="qti-unsupported" role="note">{ format!("[{name} is not supported]") }</span>
        },
    }
}

/// The `class` attribute among allow-listed attributes.
pub fn class_attr(attrs: &[(String, String)]) -> Classes {
    attrs
        .iter()
        .find(|(k, _)| k == "class")
        .map(|(_, v)| Classes::from(v.clone()))
        .unwrap_or_default()
}

fn element(e: &Element, cx: &RenderCtx, over: Override<'_>) -> Html {
    let Some((_, id)) = e.attrs.iter().find(|(k, _)| k == "data-catalog-idref") else {
        return plain_element(e, cx, over);
    };
    // Content hidden by access rules: only some candidates' supports show it.
    if e.has_class("qti-hidden") {
        return crate::catalog::hidden(id, e, cx, over);
    }
    // QTI 3 catalogs: a term with supports the candidate's profile asks for.
    crate::catalog::with_supports(id, plain_element(e, cx, over), cx)
}

pub(crate) fn plain_element(e: &Element, cx: &RenderCtx, over: Override<'_>) -> Html {
    let mut tag = VTag::new(e.tag.clone());
    for (k, v) in &e.attrs {
        let (name, value) = match k.as_str() {
            // `xml:lang` becomes `lang` in HTML; QTI's `label` has no HTML meaning.
            "xml:lang" => ("lang".to_string(), v.clone()),
            "label" => continue,
            "src" | "href" | "poster" | "data" => (k.clone(), cx.resolve(v)),
            _ => (k.clone(), v.clone()),
        };
        tag.add_attribute(intern(name), value);
    }
    tag.add_child(nodes_with(&e.children, cx, over));
    tag.into()
}

/// An object shown as what its type says; anything else shows its
/// fallback content (never an `<object>` element, which could run plugins).
pub fn object(o: &Object, cx: &RenderCtx) -> Html {
    let src = cx.resolve(&o.data);
    let class = classes!("qti-object", class_attr(&o.attrs));
    if o.is_image() {
        html! {
            <img {class} {src} alt={o.label.clone().unwrap_or_default()}
                width={o.width.clone()} height={o.height.clone()} />
        }
    } else if o.is_audio() {
        html! { <audio {class} {src} controls=true aria-label={o.label.clone()}>{ nodes(&o.fallback, cx) }</audio> }
    } else if o.is_video() {
        html! {
            <video {class} {src} controls=true width={o.width.clone()} height={o.height.clone()}
                aria-label={o.label.clone()}>{ nodes(&o.fallback, cx) }</video>
        }
    } else {
        html! { <span {class}>{ nodes(&o.fallback, cx) }</span> }
    }
}

/// Yew wants attribute names as `&'static str`. Each distinct name is
/// leaked once and reused: names come from the engine's allow-list plus
/// the `aria-*`/`data-*` names items use, a small bounded set.
fn intern(name: String) -> &'static str {
    use std::cell::RefCell;
    use std::collections::HashSet;
    thread_local! {
        static NAMES: RefCell<HashSet<&'static str>> = RefCell::new(HashSet::new());
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(n) = names.get(name.as_str()) {
            return *n;
        }
        let leaked: &'static str = Box::leak(name.into_boxed_str());
        names.insert(leaked);
        leaked
    })
}

/// The plain text of content, for labels of options and hotspots.
pub fn text_of(list: &[ContentNode]) -> String {
    fn collect(list: &[ContentNode], out: &mut String) {
        for n in list {
            match n {
                ContentNode::Text(t) => out.push_str(t),
                ContentNode::Object(o) => match &o.label {
                    Some(l) => out.push_str(l),
                    None => collect(&o.fallback, out),
                },
                ContentNode::Html(e) if e.tag == "img" => {
                    if let Some((_, alt)) = e.attrs.iter().find(|(k, _)| k == "alt") {
                        out.push_str(alt);
                    }
                }
                ContentNode::Html(e) | ContentNode::MathMl(e) | ContentNode::Ssml(e) => {
                    collect(&e.children, out)
                }
                ContentNode::Hottext(c) => collect(&c.content, out),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    collect(list, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shared stimuli of an item (QTI 3 `qti-assessment-stimulus-ref`),
/// each in a labelled region before the item body; their images resolve
/// against the stimulus file, not the item.
pub fn stimuli(list: &[qti_engine::read::stimulus::LoadedStimulus], cx: &RenderCtx) -> Html {
    list.iter()
        .map(|s| {
            let mut scx = cx.clone();
            scx.base_url = stimulus_base(s, cx).into();
            let title = if s.stimulus.title.is_empty() {
                cx.t().shared_material.to_string()
            } else {
                s.stimulus.title.clone()
            };
            html! {
                <aside class="qti-shared-stimulus" aria-label={title}
                    lang={s.stimulus.lang.clone().or_else(|| cx.item_lang().map(str::to_string))}
                    data-stimulus={s.stimulus.identifier.clone()}>
                    { nodes(&s.stimulus.body, &scx) }
                </aside>
            }
        })
        .collect()
}

/// Where a stimulus's relative paths start: its path in a package, or its
/// reference resolved against the item's URL.
pub fn stimulus_base(s: &qti_engine::read::stimulus::LoadedStimulus, cx: &RenderCtx) -> String {
    if cx.files.is_some() {
        s.path.clone()
    } else {
        cx.resolve(&s.href)
    }
}
