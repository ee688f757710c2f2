//! Accessible Yew components that render QTI items from the engine's typed
//! model, collect responses into an engine session and score them in
//! WebAssembly.
//!
//! The DOM is built only from the typed content tree: item content is never
//! injected as an HTML string.

pub mod render;

use std::rc::Rc;
use std::sync::Arc;

use qti_engine::{ItemSession, Value, read_item};
use yew::prelude::*;

/// What the player reports to its host.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayerEvent {
    /// A response changed (identifier, new value).
    ResponseChanged(String, Value),
    /// An attempt was submitted and processed.
    AttemptSubmitted { attempt: i64 },
    /// Outcomes after processing, in declaration order.
    OutcomesChanged(Vec<(String, Value)>),
}

#[derive(Properties, Clone, PartialEq)]
pub struct ItemPlayerProps {
    /// The item's XML (QTI 2.x or 3.0).
    pub xml: AttrValue,
    /// Seed for template processing and shuffles.
    #[prop_or_default]
    pub seed: u64,
    /// Receives every [`PlayerEvent`].
    #[prop_or_default]
    pub on_event: Callback<PlayerEvent>,
}

/// The session, shared with the rendering layer. Yew compares props by
/// pointer for it: a new `Rc` after every change re-renders.
#[derive(Clone)]
pub struct SessionHandle(pub Rc<ItemSession>);

impl PartialEq for SessionHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

pub enum Msg {
    SetResponse(String, Value),
    Submit,
}

/// Renders one item and runs its session.
pub struct ItemPlayer {
    session: Result<SessionHandle, String>,
    /// Announced in the live region after each submission.
    status: String,
}

fn start_session(xml: &str, seed: u64) -> Result<SessionHandle, String> {
    let read = read_item(xml.as_bytes()).map_err(|e| e.to_string())?;
    Ok(SessionHandle(Rc::new(ItemSession::new(
        Arc::new(read.item),
        seed,
    ))))
}

impl Component for ItemPlayer {
    type Message = Msg;
    type Properties = ItemPlayerProps;

    fn create(ctx: &Context<Self>) -> Self {
        ItemPlayer {
            session: start_session(&ctx.props().xml, ctx.props().seed),
            status: String::new(),
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        let p = ctx.props();
        if p.xml != old.xml || p.seed != old.seed {
            self.session = start_session(&p.xml, p.seed);
            self.status.clear();
        }
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        let Ok(handle) = &mut self.session else {
            return false;
        };
        let session = Rc::make_mut(&mut handle.0);
        match msg {
            Msg::SetResponse(id, value) => {
                if let Err(e) = session.set_response(&id, value.clone()) {
                    self.status = e.to_string();
                    return true;
                }
                ctx.props()
                    .on_event
                    .emit(PlayerEvent::ResponseChanged(id, value));
            }
            Msg::Submit => {
                session.submit();
                let attempt = match session.value("numAttempts") {
                    Value::Single(qti_engine::Scalar::Integer(n)) => *n,
                    _ => 0,
                };
                let outcomes: Vec<(String, Value)> = session
                    .outcomes()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
                self.status = format!("Attempt {attempt} submitted.");
                let on_event = &ctx.props().on_event;
                on_event.emit(PlayerEvent::AttemptSubmitted { attempt });
                on_event.emit(PlayerEvent::OutcomesChanged(outcomes));
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let handle = match &self.session {
            Ok(h) => h.clone(),
            Err(e) => {
                return html! {
                    <div class="qti-player qti-error" role="alert">
                        <p>{ "This item cannot be shown: " }{ e }</p>
                    </div>
                };
            }
        };
        let link = ctx.link();
        let on_response = link.callback(|(id, v): (String, Value)| Msg::SetResponse(id, v));
        let on_submit = link.callback(|_: MouseEvent| Msg::Submit);
        let item = handle.0.item().clone();
        html! {
            <div class="qti-player" lang={item.lang.clone()}>
                <h2 class="qti-item-title">{ &item.title }</h2>
                { render::item_body(&handle, &on_response) }
                <div class="qti-controls">
                    <button type="button" class="qti-submit" onclick={on_submit}>{ "Submit" }</button>
                </div>
                <div class="qti-status" role="status" aria-live="polite">{ &self.status }</div>
            </div>
        }
    }
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
