//! Accessible Yew components that render QTI items from the engine's typed
//! model, collect responses into an engine session and score them in
//! WebAssembly.
//!
//! The DOM is built only from the typed content tree: item content is never
//! injected as an HTML string.

pub mod caliper;
pub mod catalog;
pub mod context;
#[macro_use]
pub mod i18n;
pub mod interaction;
pub mod pnp;
pub mod render;
pub mod stylesheet;
pub mod test_runner;
pub mod tools;
pub mod warm_up;

use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use qti_engine::model::content::{InteractionKind, ModalFeedback, interactions};
use qti_engine::{ItemSession, Value, read_item};
use web_sys::HtmlDialogElement;
use yew::prelude::*;

pub use context::{RenderCtx, SessionHandle};

/// What the player reports to its host.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayerEvent {
    /// The item is rendered and can be answered (sent once per item).
    Ready,
    /// A response changed (identifier, new value).
    ResponseChanged(String, Value),
    /// An attempt was submitted and processed.
    AttemptSubmitted { attempt: i64 },
    /// Outcomes after processing, in declaration order.
    OutcomesChanged(Vec<(String, Value)>),
    /// The session as JSON after a change: save it to resume later with
    /// the `state` property. Sent once the change is rendered, so changes
    /// made together are sent once.
    StateChanged(String),
}

#[derive(Properties, Clone, PartialEq)]
pub struct ItemPlayerProps {
    /// The item's XML (QTI 2.x or 3.0).
    pub xml: AttrValue,
    /// The item already read from `xml` (a host that needed its
    /// declarations first): the player then does not read it again.
    #[prop_or_default]
    pub item: Option<SharedItem>,
    /// Seed for template processing and shuffles.
    #[prop_or_default]
    pub seed: u64,
    /// Receives every [`PlayerEvent`].
    #[prop_or_default]
    pub on_event: Callback<PlayerEvent>,
    /// The item's URL: relative image and media paths resolve against it.
    #[prop_or_default]
    pub base_url: AttrValue,
    /// itemSessionControl `validateResponses`: refuse a submission whose
    /// responses break the interactions' constraints, with a message beside
    /// each interaction (the spec's default is false).
    #[prop_or_default]
    pub validate_responses: bool,
    /// Prefix of the DOM ids this player creates (unique per player on a page).
    #[prop_or(AttrValue::Static("qti"))]
    pub id_prefix: AttrValue,
    /// The files of the package the item comes from; `base_url` is then
    /// the item's path in the package.
    #[prop_or_default]
    pub files: Option<context::PackageFiles>,
    /// The item's shared stimuli, already read by the host.
    #[prop_or_default]
    pub stimuli: Option<SharedStimuli>,
    /// A session saved from [`PlayerEvent::StateChanged`], to resume
    /// (same responses, attempts, template values and shuffles).
    #[prop_or_default]
    pub state: Option<AttrValue>,
    /// Show the correct responses in the interactions (read-only) instead
    /// of the candidate's: an author's "show solution".
    #[prop_or_default]
    pub show_solution: bool,
    /// The candidate's display preferences (text size, spacing, contrast theme, reduced motion).
    #[prop_or_default]
    pub pnp: Option<Rc<pnp::Pnp>>,
    /// Secure scoring: the item is a delivery form (no key in it) and the
    /// platform scores on its server. Submitting only reports the
    /// responses; outcomes and feedback arrive through [`Msg::ShowOutcomes`].
    #[prop_or_default]
    pub external_scoring: bool,
    /// The language of the player's own words (buttons, hints, announcements).
    #[prop_or_default]
    pub locale: i18n::Locale,
    /// PCI module resolver: module id → URL (see [`context::RenderCtx::pci_modules`]).
    #[prop_or_default]
    pub pci_modules: Option<Rc<BTreeMap<String, String>>>,
    /// Whose rubric blocks show (`candidate` unless an author previews another view).
    #[prop_or(AttrValue::Static("candidate"))]
    pub view: AttrValue,
}

impl ItemPlayerProps {
    /// Props for an item given as XML, everything else at its default.
    pub fn new(xml: impl Into<AttrValue>, on_event: Callback<PlayerEvent>) -> Self {
        ItemPlayerProps {
            xml: xml.into(),
            item: None,
            seed: 0,
            on_event,
            base_url: AttrValue::default(),
            validate_responses: false,
            id_prefix: AttrValue::Static("qti"),
            files: None,
            stimuli: None,
            state: None,
            show_solution: false,
            pnp: None,
            external_scoring: false,
            locale: i18n::Locale::En,
            pci_modules: None,
            view: AttrValue::Static("candidate"),
        }
    }
}

/// Stimuli shared with the host, compared by pointer.
#[derive(Clone)]
pub struct SharedStimuli(pub Arc<Vec<qti_engine::read::stimulus::LoadedStimulus>>);

impl PartialEq for SharedStimuli {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

pub enum Msg {
    SetResponse(String, Value),
    /// A PCI's own state (response identifier, state).
    SetInteractionState(String, String),
    /// Read the item aloud (PNP `spoken`), or stop.
    ReadAloud(bool),
    /// The word being read (char range in the text read), for highlighting.
    ReadingAt(usize, usize),
    Submit,
    /// An endAttemptInteraction was pressed.
    EndAttempt(String),
    CloseFeedback,
    /// Secure scoring: the server's outcomes and its feedback as plain text.
    ShowOutcomes(Vec<(String, Value)>, Vec<String>),
}

/// Renders one item and runs its session.
pub struct ItemPlayer {
    session: Result<SessionHandle, String>,
    /// Announced in the live region after each submission.
    status: String,
    /// Whether the modal feedback dialog is open.
    feedback_open: bool,
    /// What is being read aloud, and where (`None` when not reading).
    spoken: Option<Reading>,
    /// Validation messages by response identifier, from the last refused submission.
    messages: Rc<BTreeMap<String, String>>,
    dialog: NodeRef,
    /// Secure scoring: feedback the server sent, shown as text.
    server_feedback: Vec<String>,
    /// The session changed since the host last heard its state. The state
    /// is sent once the change is rendered, so a batch of changes (say a
    /// host's `setResponses`) is serialized and saved once, not per change.
    state_changed: bool,
}

/// A reading aloud in progress: the text, the word being read (chars),
/// and the speech (its event handlers live as long as it does).
struct Reading {
    text: String,
    at: Option<(usize, usize)>,
    _speech: pnp::Speech,
}

/// An item shared with the host, compared by pointer.
#[derive(Clone)]
pub struct SharedItem(pub Arc<qti_engine::model::AssessmentItem>);

impl PartialEq for SharedItem {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn start_session(props: &ItemPlayerProps) -> Result<SessionHandle, String> {
    let item = match &props.item {
        Some(item) => item.0.clone(),
        None => Arc::new(
            read_item(props.xml.as_bytes())
                .map_err(|e| e.to_string())?
                .item,
        ),
    };
    let session = match &props.state {
        Some(json) => restore_session(item, json)?,
        None => ItemSession::new(item, props.seed),
    };
    Ok(SessionHandle(Rc::new(session)))
}

/// A saved session (JSON) resumed. Out of line: V8 compiles a wasm function
/// whole on its first call, and most first items start a new session.
#[inline(never)]
fn restore_session(
    item: Arc<qti_engine::model::AssessmentItem>,
    json: &str,
) -> Result<ItemSession, String> {
    let state =
        serde_json::from_str(json).map_err(|e| format!("the saved session cannot be read: {e}"))?;
    ItemSession::restore(item, state).map_err(|e| e.to_string())
}

impl Component for ItemPlayer {
    type Message = Msg;
    type Properties = ItemPlayerProps;

    fn create(ctx: &Context<Self>) -> Self {
        ItemPlayer {
            session: start_session(ctx.props()),
            status: String::new(),
            feedback_open: false,
            spoken: None,
            messages: Rc::default(),
            dialog: NodeRef::default(),
            server_feedback: Vec::new(),
            state_changed: false,
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        let p = ctx.props();
        if p.xml != old.xml || p.item != old.item || p.seed != old.seed || p.state != old.state {
            self.session = start_session(p);
            self.status.clear();
            self.feedback_open = false;
        }
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::SetResponse(id, value) => {
                let Some(session) = self.session_mut() else {
                    return false;
                };
                if let Err(e) = session.set_response(&id, value.clone()) {
                    self.status = e.to_string();
                    return true;
                }
                ctx.props()
                    .on_event
                    .emit(PlayerEvent::ResponseChanged(id, value));
                self.state_changed = true;
            }
            Msg::SetInteractionState(id, state) => {
                let Some(session) = self.session_mut() else {
                    return false;
                };
                if session.set_interaction_state(&id, state).is_err() {
                    return false;
                }
                // Nothing to redraw: the host hears of the new state now.
                self.send_state(ctx);
                return false;
            }
            Msg::CloseFeedback => self.feedback_open = false,
            Msg::ShowOutcomes(outcomes, feedback) => {
                let Some(session) = self.session_mut() else {
                    return false;
                };
                for (id, value) in &outcomes {
                    if let Err(e) = session.set_outcome(id, value.clone()) {
                        self.status = e.to_string();
                        return true;
                    }
                }
                self.server_feedback = feedback;
                self.status = ctx.props().locale.t().scored.into();
                ctx.props()
                    .on_event
                    .emit(PlayerEvent::OutcomesChanged(outcomes));
                self.state_changed = true;
            }
            Msg::ReadAloud(start) => {
                if !start {
                    pnp::stop_speaking();
                    self.spoken = None;
                } else if let Ok(handle) = &self.session {
                    let item = handle.0.item();
                    let mut text = item.title.clone();
                    text.push_str(". ");
                    text.push_str(&qti_engine::processing::text::spoken_text(&handle.0));
                    let link = ctx.link();
                    let speech = pnp::speak(
                        &text,
                        item.lang.as_deref(),
                        link.callback(|(a, b)| Msg::ReadingAt(a, b)),
                        link.callback(|_| Msg::ReadAloud(false)),
                    );
                    match speech {
                        Some(speech) => {
                            self.spoken = Some(Reading {
                                text,
                                at: None,
                                _speech: speech,
                            })
                        }
                        None => {
                            self.status = ctx.props().locale.t().no_speech.into();
                        }
                    }
                }
            }
            Msg::ReadingAt(start, end) => {
                if let Some(r) = &mut self.spoken {
                    r.at = Some((start, end));
                }
            }
            Msg::EndAttempt(id) => {
                // The pressed button's response is true, then the attempt ends.
                if let Some(session) = self.session_mut() {
                    let _ = session.set_response(&id, Value::boolean(true));
                }
                self.end_attempt(ctx);
            }
            Msg::Submit => {
                if !self.responses_valid(ctx) {
                    return true;
                }
                self.end_attempt(ctx)
            }
        }
        true
    }

    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        if first {
            ctx.props().on_event.emit(PlayerEvent::Ready);
        }
        if self.state_changed {
            self.send_state(ctx);
        }
        // A native modal dialog: focus moves in, Escape closes, focus returns.
        if let Some(d) = self.dialog.cast::<HtmlDialogElement>() {
            if self.feedback_open && !d.open() {
                let _ = d.show_modal();
            } else if !self.feedback_open && d.open() {
                d.close();
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let handle = match &self.session {
            Ok(h) => h.clone(),
            Err(e) => {
                return html! {
                    <div class="qti-player qti-error" role="alert">
                        <p>{ ctx.props().locale.t().item_unreadable }{ e }</p>
                    </div>
                };
            }
        };
        let link = ctx.link();
        let props = ctx.props();
        let shown = if props.show_solution {
            SessionHandle(Rc::new(solution_of(&handle.0)))
        } else {
            handle.clone()
        };
        let cx = RenderCtx {
            session: shown,
            on_response: if props.show_solution {
                Callback::noop()
            } else {
                link.callback(|(id, v): (String, Value)| Msg::SetResponse(id, v))
            },
            on_end_attempt: link.callback(Msg::EndAttempt),
            on_interaction_state: if props.show_solution {
                Callback::noop()
            } else {
                link.callback(|(id, s): (String, String)| Msg::SetInteractionState(id, s))
            },
            base_url: props.base_url.clone(),
            messages: self.messages.clone(),
            id_prefix: props.id_prefix.clone(),
            show_feedback: true,
            files: props.files.clone(),
            pnp: props.pnp.clone(),
            locale: props.locale,
            pci_modules: props.pci_modules.clone(),
            view: props.view.clone(),
        };
        let on_submit = link.callback(|_: MouseEvent| Msg::Submit);
        let t = props.locale.t();
        let item = handle.0.item().clone();
        let (body_attrs, content) = match &item.body {
            Some(b) => (b.attrs.as_slice(), b.content.as_slice()),
            None => (&[][..], &[][..]),
        };
        // Item stylesheets apply only inside this player.
        let scope_class = format!("{}-scope", props.id_prefix);
        let stimuli = props
            .stimuli
            .as_ref()
            .map(|s| s.0.clone())
            .unwrap_or_default();
        let style_urls = style_urls(&item, &stimuli, &cx);
        let tools = tools::available(&item, props.pnp.as_deref(), &cx);
        html! {
            <div class={classes!("qti-player", scope_class.clone(), props.pnp.as_ref().map(|p| p.classes()))}
                style={props.pnp.as_ref().map(|p| p.style())} lang={props.locale.tag()}>
                if !style_urls.is_empty() {
                    <stylesheet::ItemStyles urls={style_urls} scope={format!(".{scope_class}")} />
                }
                // The player speaks the candidate's language (its root's
                // `lang`); the item's own content keeps the item's language
                // (WCAG 3.1.2), so each is read with the right voice.
                <h2 class="qti-item-title" lang={item.lang.clone()}>{ &item.title }</h2>
                if props.show_solution {
                    <p class="qti-solution-notice" role="note">{ t.showing_solution }</p>
                }
                // Only items with tools compile and run the toolbar.
                if !tools.is_empty() {
                    <tools::Toolbar {tools} id_prefix={props.id_prefix.clone()} locale={props.locale} />
                }
                { render::stimuli(&stimuli, &cx) }
                <div class={classes!("qti-item-body", render::class_attr(body_attrs))} lang={item.lang.clone()}>
                    { render::nodes(content, &cx) }
                </div>
                <div class="qti-controls">
                    <button type="button" class="qti-submit" onclick={on_submit}>{ t.submit }</button>
                    if props.pnp.as_ref().is_some_and(|p| p.spoken) {
                        { self.read_aloud_button(ctx) }
                    }
                </div>
                <div class="qti-status" role="status" aria-live="polite">{ &self.status }</div>
                if self.spoken.is_some() {
                    { self.reading_caption() }
                }
                if !self.server_feedback.is_empty() {
                    { self.server_feedback_view(t) }
                }
                { self.modal_feedback(ctx, &cx) }
            </div>
        }
    }
}

// What only some candidates or deliveries see is drawn out of line: V8
// compiles a wasm function whole on its first call, and `view` runs for
// every item.
impl ItemPlayer {
    #[inline(never)]
    fn read_aloud_button(&self, ctx: &Context<Self>) -> Html {
        let t = ctx.props().locale.t();
        let reading = self.spoken.is_some();
        html! {
            <button type="button" class="qti-read-aloud" aria-pressed={reading.to_string()}
                onclick={ctx.link().callback(move |_: MouseEvent| Msg::ReadAloud(!reading))}>
                { if reading { t.stop_reading } else { t.read_aloud } }
            </button>
        }
    }

    /// Feedback the platform's server sent back (secure mode).
    #[inline(never)]
    fn server_feedback_view(&self, t: &i18n::Strings) -> Html {
        html! {
            <div class="qti-server-feedback" role="region" aria-label={t.feedback}>
                { for self.server_feedback.iter().map(|f| html! { <p>{ f }</p> }) }
            </div>
        }
    }

    /// While reading aloud (PNP spoken), the sentence being read with the
    /// current word marked, for candidates who follow along. Hidden from
    /// screen readers: they hear the speech itself.
    #[inline(never)]
    fn reading_caption(&self) -> Html {
        let Some(Reading {
            text, at: Some(at), ..
        }) = &self.spoken
        else {
            return Html::default();
        };
        let (before, word, after) = pnp::in_sentence(text, *at);
        html! {
            <p class="qti-reading-caption" aria-hidden="true">
                { before }<mark class="qti-reading-word">{ word }</mark>{ after }
            </p>
        }
    }

    /// With `validate_responses`, checks the responses; problems become
    /// messages beside their interactions and the attempt does not end.
    fn responses_valid(&mut self, ctx: &Context<Self>) -> bool {
        if !ctx.props().validate_responses {
            return true;
        }
        let Ok(handle) = &self.session else {
            return false;
        };
        let session = &handle.0;
        let problems =
            qti_engine::processing::validation::validate_responses(session.item(), |id| {
                session.value(id)
            });
        // Inserted one by one: collecting into a BTreeMap would compile a
        // stable sort of its own for this iterator (about 3 KB of wasm).
        let mut messages = BTreeMap::new();
        for p in &problems {
            let message = ctx.props().locale.t().problem(&p.problem);
            messages.insert(p.response_identifier.clone(), message);
        }
        self.messages = Rc::new(messages);
        if problems.is_empty() {
            return true;
        }
        let t = ctx.props().locale.t();
        self.status = tr!(
            t.plural(t.not_submitted, problems.len() as u64),
            problems.len()
        );
        false
    }

    fn send_state(&mut self, ctx: &Context<Self>) {
        self.state_changed = false;
        if let Ok(handle) = &self.session
            && let Ok(json) = serde_json::to_string(handle.0.state())
        {
            ctx.props().on_event.emit(PlayerEvent::StateChanged(json));
        }
    }

    fn session_mut(&mut self) -> Option<&mut ItemSession> {
        self.session.as_mut().ok().map(|h| Rc::make_mut(&mut h.0))
    }

    /// Submits the attempt: endAttempt responses not pressed are false,
    /// processing runs, the host hears of it and modal feedback opens.
    fn end_attempt(&mut self, ctx: &Context<Self>) {
        let Some(session) = self.session_mut() else {
            return;
        };
        let item = session.item().clone();
        if let Some(body) = &item.body {
            for i in interactions(&body.content) {
                if matches!(i.kind, InteractionKind::EndAttempt { .. })
                    && session.value(&i.response_identifier).is_null()
                {
                    let _ = session.set_response(&i.response_identifier, Value::boolean(false));
                }
            }
        }
        session.submit();
        let attempt = match session.value("numAttempts") {
            Value::Single(qti_engine::Scalar::Integer(n)) => *n,
            _ => 0,
        };
        let on_event = &ctx.props().on_event;
        if ctx.props().external_scoring {
            // The delivery form has no processing: the outcomes come from
            // the platform's server, so none are reported here.
            self.server_feedback.clear();
            self.status = tr!(
                ctx.props().locale.t().attempt_submitted_for_scoring,
                attempt
            );
            on_event.emit(PlayerEvent::AttemptSubmitted { attempt });
            self.state_changed = true;
            return;
        }
        let outcomes: Vec<(String, Value)> = session
            .outcomes()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.status = tr!(ctx.props().locale.t().attempt_submitted, attempt);
        on_event.emit(PlayerEvent::AttemptSubmitted { attempt });
        on_event.emit(PlayerEvent::OutcomesChanged(outcomes));
        self.state_changed = true;
        self.feedback_open = !self.visible_modal_feedback().is_empty();
    }

    fn visible_modal_feedback(&self) -> Vec<&ModalFeedback> {
        let Ok(handle) = &self.session else {
            return Vec::new();
        };
        qti_engine::processing::text::visible_modal_feedback(&handle.0)
    }

    fn modal_feedback(&self, ctx: &Context<Self>, cx: &RenderCtx) -> Html {
        let shown = self.visible_modal_feedback();
        let close = ctx.link().callback(|_: MouseEvent| Msg::CloseFeedback);
        let onclose = ctx.link().callback(|_: Event| Msg::CloseFeedback);
        let title_id = format!("{}-feedback-title", ctx.props().id_prefix);
        let item_lang = cx.item_lang().map(str::to_string);
        // The author's title is in the item's language; ours in the player's.
        let (title, title_lang) = match shown.iter().find_map(|m| m.title.clone()) {
            Some(title) => (title, item_lang.clone()),
            None => (ctx.props().locale.t().feedback.into(), None),
        };
        html! {
            <dialog ref={self.dialog.clone()} class="qti-modal-feedback"
                aria-labelledby={title_id.clone()} {onclose}>
                <h3 id={title_id} lang={title_lang}>{ title }</h3>
                { for shown.iter().map(|m| html! {
                    <div class="qti-modal-feedback-content" data-identifier={m.identifier.clone()}
                        lang={item_lang.clone()}>
                        { render::nodes(&m.content, cx) }
                    </div>
                }) }
                <button type="button" class="qti-close" onclick={close}>{ ctx.props().locale.t().close }</button>
            </dialog>
        }
    }
}

/// A copy of an item session whose responses are the correct ones
/// (template processing's overrides included), for "show solution".
#[inline(never)]
pub fn solution_of(session: &ItemSession) -> ItemSession {
    let mut shown = session.clone();
    let ids: Vec<String> = session
        .declarations()
        .iter()
        .filter(|d| d.response().is_some())
        .map(|d| d.identifier.clone())
        .collect();
    for id in ids {
        let correct = session.correct_response(&id);
        if !correct.is_null() {
            let _ = shown.set_response(&id, correct);
        }
    }
    shown
}

/// The CSS files of an item and of its stimuli, as URLs (each stimulus's
/// resolved against the stimulus).
pub fn style_urls(
    item: &qti_engine::model::AssessmentItem,
    stimuli: &[qti_engine::read::stimulus::LoadedStimulus],
    cx: &RenderCtx,
) -> Vec<AttrValue> {
    let is_css = |h: &str| h.ends_with(".css") || h.contains(".css?");
    let mut urls: Vec<AttrValue> = item
        .stylesheets
        .iter()
        .filter(|s| is_css(&s.href))
        .map(|s| AttrValue::from(cx.resolve(&s.href)))
        .collect();
    for st in stimuli {
        let mut scx = cx.clone();
        scx.base_url = render::stimulus_base(st, cx).into();
        urls.extend(
            st.stimulus
                .stylesheets
                .iter()
                .filter(|s| is_css(&s.href))
                .map(|s| AttrValue::from(scx.resolve(&s.href))),
        );
    }
    urls.retain(|u| !u.is_empty());
    urls
}

/// A table of variables and their values (for previews and debugging).
#[derive(Properties, Clone, PartialEq)]
pub struct VariablesProps {
    pub values: Vec<(String, Value)>,
}

#[function_component(Variables)]
pub fn variables(props: &VariablesProps) -> Html {
    html! {
        <table class="qti-variables">
            <thead><tr><th scope="col">{ "Variable" }</th><th scope="col">{ "Value" }</th></tr></thead>
            <tbody>
            { for props.values.iter().map(|(k, v)| html! {
                <tr>
                    <th scope="row">{ k }</th>
                    <td data-outcome={k.clone()}>{ display_value(v) }</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

/// A value as people read it: NULL shown as an empty set sign.
pub fn display_value(v: &Value) -> String {
    match v {
        Value::Null => "∅".into(),
        Value::Single(s) => s.to_string(),
        Value::Multiple(items) | Value::Ordered(items) => items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Record(fields) => fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    v.as_ref().map(ToString::to_string).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}
