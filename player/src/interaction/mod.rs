//! One module per QTI interaction, named after the spec's element. Each
//! renders from the engine's typed interaction, reads its value from the
//! session and reports changes through the render context.
//!
//! Keyboard first: every interaction is operable with native controls
//! (inputs, selects, buttons) or focusable shapes with Enter/Space; mouse,
//! touch and drag are conveniences on top.

mod associate;
mod choice;
mod custom;
mod drawing;
mod end_attempt;
mod extended_text;
mod gap_match;
mod graphic;
mod graphic_gap_match;
mod graphic_order;
mod hotspot;
mod hottext;
mod inline_choice;
mod match_;
mod media;
mod order;
mod pci;
mod select_point;
mod slider;
mod text_entry;
mod upload;

use std::sync::Arc;

use qti_engine::model::content::{
    Choice, Hotspot, Interaction, InteractionKind, PositionObjectStage,
};
use qti_engine::processing::{feedback, shuffle};
use yew::prelude::*;

use crate::context::RenderCtx;
use crate::render;

pub use select_point::PositionObjectStageView;

/// Props of every interaction. The interaction is shared with the item
/// model and compared by pointer: the model never changes under a session.
#[derive(Properties, Clone)]
pub struct InteractionProps {
    pub interaction: Arc<Interaction>,
    pub cx: RenderCtx,
}

impl PartialEq for InteractionProps {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.interaction, &other.interaction) && self.cx == other.cx
    }
}

#[function_component(InteractionView)]
pub fn interaction_view(p: &InteractionProps) -> Html {
    // Each kind's `view` is kept out of line (`#[inline(never)]`): V8
    // compiles a wasm function on its first call, so an item with choice
    // interactions should not compile the other twenty renderers with it.
    use InteractionKind::*;
    match &p.interaction.kind {
        Choice { .. } => choice::view(p),
        Order { .. } => component::<order::OrderView>(p),
        Associate { .. } => component::<associate::AssociateView>(p),
        Match { .. } => match_::view(p),
        GapMatch { .. } => gap_match::view(p),
        InlineChoice { .. } => inline_choice::view(p),
        TextEntry(_) => component::<text_entry::TextEntryView>(p),
        ExtendedText { .. } => extended_text::view(p),
        Hottext { .. } => hottext::view(p),
        Hotspot { .. } => hotspot::view(p),
        SelectPoint { .. } => component::<select_point::SelectPointView>(p),
        GraphicOrder { .. } => graphic_order::view(p),
        GraphicAssociate { .. } => component::<associate::AssociateView>(p),
        GraphicGapMatch { .. } => graphic_gap_match::view(p),
        // Rendered by its stage, which shares the background image.
        PositionObject { .. } => component::<select_point::SelectPointView>(p),
        Slider { .. } => slider::view(p),
        Media { .. } => component::<media::MediaView>(p),
        Drawing { .. } => component::<drawing::DrawingView>(p),
        Upload { .. } => component::<upload::UploadView>(p),
        EndAttempt { .. } => end_attempt::view(p),
        Custom { .. } => custom::view(p),
        PortableCustom(_) => component::<pci::PciView>(p),
    }
}

/// An interaction drawn by its own component, out of line for the same reason.
#[inline(never)]
fn component<C: BaseComponent<Properties = InteractionProps>>(p: &InteractionProps) -> Html {
    html! { <C ..p.clone() /> }
}

/// The frame every block interaction shares: a labelled group holding the
/// prompt, a hint stating the constraints, the body and any validation
/// message (announced when it appears).
pub fn frame(p: &InteractionProps, class: &'static str, hint: String, body: Html) -> Html {
    let i = &p.interaction;
    let cx = &p.cx;
    let rid = &i.response_identifier;
    let prompt_id = cx.dom_id(&[rid, "prompt"]);
    let hint_id = cx.dom_id(&[rid, "hint"]);
    let has_prompt = !i.prompt.is_empty();
    let label = (!has_prompt).then(|| humanize(i.element_name()));
    let message = cx.messages.get(rid).cloned();
    let own_lang = cx.own_lang();
    html! {
        <div class={classes!("qti-interaction", class, render::class_attr(&i.attrs))}
            role="group"
            aria-labelledby={has_prompt.then(|| prompt_id.clone())}
            aria-label={label}
            aria-describedby={hint_id.clone()}
            aria-invalid={message.is_some().then_some("true")}
            data-response-identifier={rid.clone()}
            lang={attr(&i.attrs, "xml:lang")} dir={attr(&i.attrs, "dir")}>
            if has_prompt {
                <div class="qti-prompt" id={prompt_id}>{ render::nodes(&i.prompt, cx) }</div>
            }
            // The player's words inside the item: in the player's language
            // and direction, not the item's (an English hint in a Hebrew
            // item keeps its full stop on the right and an English voice).
            <p class="qti-hint" id={hint_id} lang={own_lang} dir={cx.locale.dir()}>{ hint }</p>
            { body }
            <p class="qti-validation-message" role="alert" lang={own_lang} dir={cx.locale.dir()}>
                { message.unwrap_or_default() }
            </p>
        </div>
    }
}

pub fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// `textEntryInteraction` → "Text entry interaction" (QTI's names are
/// ASCII: no Unicode case tables needed).
fn humanize(element: &str) -> String {
    let mut out = String::new();
    for (n, c) in element.chars().enumerate() {
        if c.is_ascii_uppercase() {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else if n == 0 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The choices of set `set` in the session's shuffle order, without those
/// a template variable hides.
pub fn ordered_choices<'a>(
    cx: &RenderCtx,
    rid: &str,
    set: usize,
    choices: &'a [Choice],
) -> Vec<&'a Choice> {
    let order = cx
        .session
        .0
        .state()
        .shuffles
        .get(rid)
        .and_then(|o| o.get(set))
        .map(Vec::as_slice);
    shuffle::apply_order(choices, order, |c| c.identifier.as_str())
        .into_iter()
        .filter(|c| {
            choice_visible(
                cx,
                c.template_identifier.as_deref(),
                &c.identifier,
                c.show_hide,
            )
        })
        .collect()
}

/// Hotspots a template variable does not hide.
pub fn visible_hotspots<'a>(cx: &RenderCtx, hotspots: &'a [Hotspot]) -> Vec<&'a Hotspot> {
    hotspots
        .iter()
        .filter(|h| {
            choice_visible(
                cx,
                h.template_identifier.as_deref(),
                &h.identifier,
                h.show_hide,
            )
        })
        .collect()
}

fn choice_visible(
    cx: &RenderCtx,
    template: Option<&str>,
    identifier: &str,
    show_hide: qti_engine::model::content::ShowHide,
) -> bool {
    match template {
        Some(t) => feedback::visible(cx.value(t), identifier, show_hide),
        None => true,
    }
}

/// A callback that toggles `id` in an identifier selection (replacing it
/// when only one may be chosen): choice and hottext.
pub fn toggle_choice(
    cx: &RenderCtx,
    rid: &str,
    current: &[String],
    id: &str,
    single: bool,
) -> Callback<Event> {
    let (cx, rid, current, id) = (
        cx.clone(),
        rid.to_string(),
        current.to_vec(),
        id.to_string(),
    );
    Callback::from(move |_: Event| {
        let mut now = if single { Vec::new() } else { current.clone() };
        match now.iter().position(|c| *c == id) {
            Some(i) => {
                now.remove(i);
            }
            None => now.push(id.clone()),
        }
        let items = now
            .into_iter()
            .map(qti_engine::value::Scalar::Identifier)
            .collect();
        cx.set(&rid, cx.value_of(&rid, items));
    })
}

/// A select's change handler that puts the chosen choice into `target`
/// (a gap or hotspot), replacing what was there: gapMatch and
/// graphicGapMatch, whose responses are "choice target" pairs.
pub fn place_in(
    cx: &RenderCtx,
    rid: &str,
    current: &[(String, String)],
    target: &str,
) -> Callback<Event> {
    let (cx, rid, current, target) = (
        cx.clone(),
        rid.to_string(),
        current.to_vec(),
        target.to_string(),
    );
    Callback::from(move |e: Event| {
        let chosen = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        let bt = cx.base_type(&rid);
        let mut items: Vec<_> = current
            .iter()
            .filter(|(_, g)| *g != target)
            .map(|(c, g)| crate::context::pair_scalar(bt, c, g))
            .collect();
        if !chosen.is_empty() {
            items.push(crate::context::pair_scalar(bt, &chosen, &target));
        }
        cx.set(&rid, cx.value_of(&rid, items));
    })
}

/// The choice placed in `target` (a gap or hotspot), or "".
pub fn placed_in(current: &[(String, String)], target: &str) -> String {
    current
        .iter()
        .find(|(_, g)| g == target)
        .map(|(c, _)| c.clone())
        .unwrap_or_default()
}

/// The options of a placement select: "nothing", then each choice,
/// disabled when its matchMax is used up by other targets.
pub fn placement_options(choices: &[&Choice], current: &[(String, String)], placed: &str) -> Html {
    let options = choices.iter().map(|c| {
        let uses = current.iter().filter(|(x, _)| *x == c.identifier).count() as u32;
        let used_up = c.match_max > 0 && uses >= c.match_max && placed != c.identifier;
        html! {
            <option value={c.identifier.clone()} selected={placed == c.identifier} disabled={used_up}>
                { render::text_of(&c.content) }
            </option>
        }
    });
    html! {
        <>
            <option value="" selected={placed.is_empty()}>{ "…" }</option>
            { for options }
        </>
    }
}

#[derive(Properties, Clone)]
pub struct StageProps {
    pub stage: Arc<PositionObjectStage>,
    pub cx: RenderCtx,
}

impl PartialEq for StageProps {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.stage, &other.stage) && self.cx == other.cx
    }
}
