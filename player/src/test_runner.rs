//! The test runner: a whole assessmentTest around the item renderer. The
//! engine's [`TestSession`] decides everything (what may be shown, which
//! moves are allowed, when processing runs); the runner renders the
//! current item, offers the moves the navigation mode allows, a question
//! map in nonlinear parts, review and end screens, and a timer, and
//! reports every change so the host can save the session and resume it.

use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use gloo::timers::callback::Interval;
use qti_engine::model::test::{
    FeedbackAccess, NavigationMode, SectionPart, SubmissionMode, TestFeedback,
};
use qti_engine::test_session::{ExtraTime, LoadedTest, TestSession, TestSessionState};
use qti_engine::{Scalar, Value};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::caliper::{CaliperConfig, Sensor};
use crate::context::{RenderCtx, SessionHandle};
use crate::i18n::{Locale, Strings};
use crate::stylesheet::ItemStyles;
use crate::{Variables, render};
use qti_engine::caliper::test_delivery::{self, Snapshot};

/// What the runner reports to its host.
#[derive(Debug, Clone, PartialEq)]
pub enum TestEvent {
    /// The first item is shown.
    Ready,
    /// A response of the current item changed.
    ResponseChanged {
        item: String,
        response: String,
        value: Value,
    },
    /// An item attempt (or a simultaneous part) was submitted and processed.
    Submitted {
        item: String,
    },
    /// The candidate moved from one item to another (item reference identifiers).
    Navigated {
        from: String,
        to: String,
    },
    /// Test outcomes after outcome processing.
    OutcomesChanged(Vec<(String, Value)>),
    /// The test ended.
    Ended,
    /// The candidate paused the test (the clock stops) or resumed it.
    Paused,
    Resumed,
    /// The session as JSON, after every change: save it to resume later.
    StateChanged(String),
}

/// A loaded test shared with the host, compared by pointer.
#[derive(Clone)]
pub struct SharedTest(pub Arc<LoadedTest>);

impl PartialEq for SharedTest {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, Clone, PartialEq)]
pub struct TestRunnerProps {
    pub test: SharedTest,
    #[prop_or_default]
    pub seed: u64,
    /// A session saved from [`TestEvent::StateChanged`], to resume.
    #[prop_or_default]
    pub state: Option<AttrValue>,
    /// The test's URL: item hrefs, and their images, resolve against it.
    #[prop_or_default]
    pub base_url: AttrValue,
    #[prop_or_default]
    pub on_event: Callback<TestEvent>,
    #[prop_or(AttrValue::Static("qti-test"))]
    pub id_prefix: AttrValue,
    /// Caliper sensor settings: the runner then sends the events of the
    /// delivery (test Started/Submitted, navigation, item events, grades).
    #[prop_or_default]
    pub caliper: Option<Rc<CaliperConfig>>,
    /// The files of the package the test comes from; `base_url` is then
    /// the test's path in the package.
    #[prop_or_default]
    pub files: Option<crate::context::PackageFiles>,
    /// Whose rubric blocks show: `candidate`, `scorer`, `author`, `proctor`,
    /// `testConstructor` or `tutor`.
    #[prop_or(AttrValue::Static("candidate"))]
    pub view: AttrValue,
    /// The candidate's display preferences.
    #[prop_or_default]
    pub pnp: Option<Rc<crate::pnp::Pnp>>,
    /// The language of the runner's own words.
    #[prop_or_default]
    pub locale: Locale,
}

pub enum Msg {
    SetResponse(String, Value),
    /// A PCI's own state (response identifier, state).
    SetInteractionState(String, String),
    Submit,
    Next,
    Previous,
    MoveTo(usize),
    ToggleFlag,
    ToggleSolution,
    Review(bool),
    /// Pause (true) or resume (false): the clock stops and the item is hidden.
    Pause(bool),
    EndTest,
    Tick,
}

pub struct TestRunner {
    session: Result<TestSession, String>,
    reviewing: bool,
    paused: bool,
    /// Showing the correct responses (where showSolution allows).
    solution: bool,
    status: String,
    heading: NodeRef,
    focus_heading: bool,
    /// Thresholds (seconds left) already announced.
    announced: BTreeSet<u32>,
    sensor: Option<Sensor>,
    _clock: Option<Interval>,
}

fn start(props: &TestRunnerProps) -> Result<TestSession, String> {
    let loaded = &props.test.0;
    let mut session = match &props.state {
        Some(json) => {
            let state: TestSessionState = serde_json::from_str(json)
                .map_err(|e| format!("the saved session cannot be read: {e}"))?;
            TestSession::restore(loaded, state).map_err(|e| e.to_string())?
        }
        None => TestSession::new(loaded, props.seed).map_err(|e| e.to_string())?,
    };
    // The candidate's extra time (PNP additional-testing-time).
    if let Some(pnp) = &props.pnp
        && pnp.extra_time != ExtraTime::None
    {
        session.allow_extra_time(pnp.extra_time);
    }
    Ok(session)
}

impl Component for TestRunner {
    type Message = Msg;
    type Properties = TestRunnerProps;

    fn create(ctx: &Context<Self>) -> Self {
        let session = start(ctx.props());
        let timed = session.as_ref().is_ok_and(has_time_limits);
        let clock = timed.then(|| {
            let link = ctx.link().clone();
            Interval::new(1000, move || link.send_message(Msg::Tick))
        });
        TestRunner {
            session,
            reviewing: false,
            paused: false,
            solution: false,
            status: String::new(),
            heading: NodeRef::default(),
            focus_heading: false,
            announced: BTreeSet::new(),
            sensor: ctx.props().caliper.clone().map(Sensor::resumable),
            _clock: clock,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        let Ok(session) = &mut self.session else {
            return false;
        };
        let before = session.current().map(|r| r.item_ref.clone());
        let before_position = session.position();
        let snapshot = Snapshot::of(session);
        let on_event = ctx.props().on_event.clone();
        let t = ctx.props().locale.t();
        let result = match msg {
            Msg::SetResponse(id, value) => {
                let r = session.answer(vec![(id.clone(), value.clone())]);
                if r.is_ok() {
                    on_event.emit(TestEvent::ResponseChanged {
                        item: before.clone().unwrap_or_default(),
                        response: id,
                        value,
                    });
                }
                r
            }
            Msg::SetInteractionState(id, state) => {
                if session.set_interaction_state(&id, state).is_ok() {
                    self.save(ctx);
                }
                return false;
            }
            Msg::Submit => {
                let r = session.submit();
                if r.is_ok() {
                    self.status = match session.submission_mode() {
                        SubmissionMode::Individual => t.answer_submitted.into(),
                        SubmissionMode::Simultaneous => t.part_submitted.into(),
                    };
                    on_event.emit(TestEvent::Submitted {
                        item: before.clone().unwrap_or_default(),
                    });
                    on_event.emit(TestEvent::OutcomesChanged(outcomes(session)));
                }
                r
            }
            Msg::Next => session.move_next(),
            Msg::Previous => session.move_previous(),
            Msg::MoveTo(index) => {
                let item = session.route()[index].item_ref.clone();
                session.move_to(&item)
            }
            Msg::ToggleFlag => {
                session.toggle_flag();
                Ok(())
            }
            Msg::ToggleSolution => {
                self.solution = !self.solution;
                return true;
            }
            Msg::Review(open) => {
                self.reviewing = open;
                self.focus_heading = true;
                return true;
            }
            Msg::EndTest => {
                session.end_test();
                self.reviewing = false;
                on_event.emit(TestEvent::OutcomesChanged(outcomes(session)));
                Ok(())
            }
            Msg::Pause(pause) => {
                if self.paused != pause {
                    self.paused = pause;
                    self.focus_heading = true;
                    self.status = if pause {
                        t.test_paused_status.into()
                    } else {
                        t.test_resumed.into()
                    };
                    on_event.emit(if pause {
                        TestEvent::Paused
                    } else {
                        TestEvent::Resumed
                    });
                    if let Some(sensor) = &mut self.sensor {
                        let now = Sensor::now();
                        let event = if pause {
                            sensor.state.paused(now)
                        } else {
                            sensor.state.resumed(now)
                        };
                        if let Ok(e) = event {
                            sensor.record(e);
                        }
                    }
                }
                return true;
            }
            Msg::Tick if self.paused => return false,
            Msg::Tick => {
                session.clock(1.0);
                self.announce_time(ctx);
                return true;
            }
        };
        let session = self.session.as_ref().expect("checked above");
        if let Err(e) = result {
            self.status = e.to_string();
            return true;
        }
        let after = session.current().map(|r| r.item_ref.clone());
        if session.position() != before_position || (after.is_none() && before.is_some()) {
            self.focus_heading = true;
            self.status.clear();
            if let (Some(from), Some(to)) = (&before, &after) {
                on_event.emit(TestEvent::Navigated {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        if session.is_ended() && before.is_some() {
            on_event.emit(TestEvent::Ended);
        }
        if let Some(sensor) = &mut self.sensor {
            for event in test_delivery::after(&mut sensor.state, session, &snapshot, Sensor::now())
            {
                sensor.record(event);
            }
        }
        self.save(ctx);
        true
    }

    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        if first && let Ok(session) = &self.session {
            ctx.props().on_event.emit(TestEvent::Ready);
            if let Some(sensor) = &mut self.sensor {
                let restored = ctx.props().state.is_some();
                let events =
                    test_delivery::begin(&mut sensor.state, session, restored, Sensor::now());
                for event in events {
                    sensor.record(event);
                }
            }
            self.save(ctx);
        }
        if std::mem::take(&mut self.focus_heading)
            && let Some(h) = self.heading.cast::<HtmlElement>()
        {
            let _ = h.focus();
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let t = ctx.props().locale.t();
        let session = match &self.session {
            Ok(s) => s,
            Err(e) => {
                return html! {
                    <div class="qti-test-runner qti-error" role="alert">
                        <p>{ t.test_unreadable }{ e }</p>
                    </div>
                };
            }
        };
        let test = session.test();
        let body = if session.is_ended() {
            self.end_screen(ctx, session)
        } else if self.paused {
            html! {
                <section class="qti-paused" aria-labelledby="qti-paused-heading">
                    <h2 id="qti-paused-heading" tabindex="-1" ref={self.heading.clone()}>{ t.test_paused }</h2>
                    <p>{ t.clock_stopped }</p>
                    <button type="button" class="qti-resume" onclick={ctx.link().callback(|_: MouseEvent| Msg::Pause(false))}>{ t.resume_test }</button>
                </section>
            }
        } else if self.reviewing {
            self.review_screen(ctx, session)
        } else {
            self.item_screen(ctx, session)
        };
        html! {
            <div class={classes!("qti-player", "qti-test-runner", ctx.props().pnp.as_ref().map(|p| p.classes()))}
                style={ctx.props().pnp.as_ref().map(|p| p.style())} data-test={test.identifier.clone()}
                lang={ctx.props().locale.tag()}>
                <header class="qti-test-header">
                    <h1 class="qti-test-title">{ &test.title }</h1>
                    { self.timer(ctx, session) }
                </header>
                { body }
                <div class="qti-status" role="status" aria-live="polite">{ &self.status }</div>
            </div>
        }
    }
}

impl TestRunner {
    fn save(&self, ctx: &Context<Self>) {
        if let Ok(s) = &self.session
            && let Ok(json) = serde_json::to_string(&s.state())
        {
            ctx.props().on_event.emit(TestEvent::StateChanged(json));
        }
    }

    fn item_screen(&self, ctx: &Context<Self>, session: &TestSession) -> Html {
        let link = ctx.link();
        let props = ctx.props();
        let t = props.locale.t();
        let position = session.position();
        let route = session.route();
        let current = &route[position];
        let in_part: Vec<usize> = (0..route.len())
            .filter(|&i| route[i].part == current.part)
            .collect();
        let number = in_part.iter().position(|&i| i == position).unwrap_or(0) + 1;
        let item_session = session.item_session(position).expect("current item exists");
        let item = item_session.item().clone();
        let href = session
            .item_ref(&current.item_ref)
            .map(|r| r.href.clone())
            .unwrap_or_default();
        // itemSessionControl showSolution: once the attempts are over, the
        // correct responses can be shown in the interactions (read-only).
        let solution_allowed =
            session.control(position).show_solution && !session.interacting(position);
        let showing_solution = solution_allowed && self.solution;
        let shown = if showing_solution {
            crate::solution_of(item_session)
        } else {
            item_session.clone()
        };
        let cx = RenderCtx {
            session: SessionHandle(Rc::new(shown)),
            on_response: if showing_solution {
                Callback::noop()
            } else {
                link.callback(|(id, v): (String, Value)| Msg::SetResponse(id, v))
            },
            // An endAttemptInteraction ends the attempt like Submit.
            on_end_attempt: link.callback(|_: String| Msg::Submit),
            on_interaction_state: if showing_solution {
                Callback::noop()
            } else {
                link.callback(|(id, s): (String, String)| Msg::SetInteractionState(id, s))
            },
            base_url: match &props.files {
                // In a package, paths are joined and normalized like the engine's.
                Some(_) => qti_engine::href::join(&props.base_url, &href)
                    .unwrap_or_default()
                    .into(),
                None => join_url(&props.base_url, &href).into(),
            },
            messages: Rc::default(),
            id_prefix: format!("{}-{}", props.id_prefix, position).into(),
            // itemSessionControl showFeedback: item feedback after an attempt.
            show_feedback: session.control(position).show_feedback
                && item_session.num_attempts() > 0,
            files: props.files.clone(),
            pnp: props.pnp.clone(),
            locale: props.locale,
            pci_modules: None,
            view: props.view.clone(),
        };
        let stimuli = props
            .test
            .0
            .stimuli
            .get(&current.item_ref)
            .map(|s| s.as_slice().to_vec())
            .unwrap_or_default();
        // Item and stimulus stylesheets apply only inside the item.
        let scope_class = format!("{}-scope", props.id_prefix);
        let style_urls = crate::style_urls(&item, &stimuli, &cx);
        let nonlinear = session.navigation_mode() == NavigationMode::Nonlinear;
        let individual = session.submission_mode() == SubmissionMode::Individual;
        let last_in_part = in_part.last() == Some(&position);
        let heading_id = format!("{}-item-heading", props.id_prefix);
        let title = if item.title.is_empty() {
            tr!(t.question_n, number)
        } else {
            tr!(t.question_n_title, number, item.title)
        };
        let flagged = session.flagged().contains(&position);
        html! {
            <>
            <p class="qti-test-progress">{ tr!(t.question_n_of, number, in_part.len()) }</p>
            if nonlinear { { self.question_map(ctx, session, &in_part) } }
            { feedback_list(session, FeedbackAccess::During) }
            <section class={classes!("qti-test-item", scope_class.clone())} aria-labelledby={heading_id.clone()}>
                if !style_urls.is_empty() {
                    <ItemStyles urls={style_urls} scope={format!(".{scope_class}")} />
                }
                { self.section_context(session, &cx, &props.view) }
                <h2 id={heading_id} class="qti-item-title" tabindex="-1" ref={self.heading.clone()}>{ title }</h2>
                if showing_solution {
                    <p class="qti-solution-notice" role="note">{ t.showing_solution }</p>
                }
                { render::stimuli(&stimuli, &cx) }
                <div class="qti-item-body">{ render::nodes(item.body.as_ref().map_or(&[][..], |b| &b.content), &cx) }</div>
            </section>
            <div class="qti-controls qti-test-controls">
                if individual {
                    <button type="button" class="qti-submit" onclick={link.callback(|_: MouseEvent| Msg::Submit)}>{ t.submit_answer }</button>
                }
                if nonlinear {
                    <button type="button" class="qti-previous" disabled={in_part.first() == Some(&position)}
                        onclick={link.callback(|_: MouseEvent| Msg::Previous)}>{ t.previous }</button>
                    <button type="button" class="qti-flag" aria-pressed={flagged.to_string()}
                        onclick={link.callback(|_: MouseEvent| Msg::ToggleFlag)}>{ t.flag }</button>
                }
                if !last_in_part {
                    <button type="button" class="qti-next" onclick={link.callback(|_: MouseEvent| Msg::Next)}>{ t.next }</button>
                } else {
                    <button type="button" class="qti-next qti-finish-part" onclick={link.callback(|_: MouseEvent| Msg::Next)}>{ t.finish_part }</button>
                }
                if solution_allowed {
                    <button type="button" class="qti-show-solution" aria-pressed={showing_solution.to_string()}
                        onclick={link.callback(|_: MouseEvent| Msg::ToggleSolution)}>{ t.show_solution }</button>
                }
                <button type="button" class="qti-pause" onclick={link.callback(|_: MouseEvent| Msg::Pause(true))}>{ t.pause }</button>
                <button type="button" class="qti-review" onclick={link.callback(|_: MouseEvent| Msg::Review(true))}>{ t.review_and_end }</button>
            </div>
            </>
        }
    }

    /// Titles of the visible sections around the item and their rubric
    /// blocks meant for candidates.
    fn section_context(&self, session: &TestSession, cx: &RenderCtx, view: &str) -> Html {
        let current = &session.route()[session.position()];
        let mut out = Vec::new();
        for id in &current.sections {
            let Some(section) = find_section(session, id) else {
                continue;
            };
            if section.visible && !section.title.is_empty() {
                out.push(html! { <p class="qti-section-title">{ &section.title }</p> });
            }
            for r in &section.rubric_blocks {
                if r.views.is_empty() || r.views.iter().any(|v| v.as_str() == view) {
                    out.push(html! { <div class="qti-rubric-block">{ render::nodes(&r.content, cx) }</div> });
                }
            }
        }
        out.into_iter().collect()
    }

    fn question_map(&self, ctx: &Context<Self>, session: &TestSession, in_part: &[usize]) -> Html {
        let position = session.position();
        let t = ctx.props().locale.t();
        html! {
            <nav class="qti-question-map" aria-label={t.questions}>
                <ol>
                { for in_part.iter().enumerate().map(|(n, &i)| {
                    let answered = answered(session, i);
                    let flagged = session.flagged().contains(&i);
                    let label = question_state(t, n + 1, answered, flagged);
                    let current = (i == position).then_some("step");
                    html! {
                        <li>
                            <button type="button" aria-label={label} aria-current={current}
                                class={classes!("qti-map-item", answered.then_some("qti-answered"), flagged.then_some("qti-flagged"))}
                                onclick={ctx.link().callback(move |_: MouseEvent| Msg::MoveTo(i))}>
                                { n + 1 }
                            </button>
                        </li>
                    }
                }) }
                </ol>
            </nav>
        }
    }

    fn review_screen(&self, ctx: &Context<Self>, session: &TestSession) -> Html {
        let link = ctx.link();
        let route = session.route();
        let part = route[session.position()].part;
        let items: Vec<usize> = (0..route.len())
            .filter(|&i| route[i].part == part)
            .collect();
        let unanswered = items.iter().filter(|&&i| !answered(session, i)).count();
        let t = ctx.props().locale.t();
        html! {
            <section class="qti-review-screen" aria-labelledby="qti-review-heading">
                <h2 id="qti-review-heading" tabindex="-1" ref={self.heading.clone()}>{ t.review_heading }</h2>
                <p>{ tr!(t.review_summary, (items.len() - unanswered), items.len(), session.flagged().len()) }</p>
                <ul class="qti-review-list">
                { for items.iter().enumerate().map(|(n, &i)| html! {
                    <li>{ question_state(t, n + 1, answered(session, i), session.flagged().contains(&i)) }</li>
                }) }
                </ul>
                <div class="qti-controls">
                    <button type="button" class="qti-back" onclick={link.callback(|_: MouseEvent| Msg::Review(false))}>{ t.back_to_questions }</button>
                    <button type="button" class="qti-end-test" onclick={link.callback(|_: MouseEvent| Msg::EndTest)}>{ t.submit_test }</button>
                </div>
            </section>
        }
    }

    fn end_screen(&self, ctx: &Context<Self>, session: &TestSession) -> Html {
        let values: Vec<(String, Value)> = outcomes(session);
        html! {
            <section class="qti-end-screen" aria-labelledby="qti-end-heading">
                <h2 id="qti-end-heading" tabindex="-1" ref={self.heading.clone()}>{ ctx.props().locale.t().test_submitted }</h2>
                { feedback_list(session, FeedbackAccess::AtEnd) }
                if !values.is_empty() { <Variables values={values} /> }
            </section>
        }
    }

    fn timer(&self, ctx: &Context<Self>, session: &TestSession) -> Html {
        match session.time_left() {
            Some(left) => html! {
                <p class="qti-timer">{ tr!(ctx.props().locale.t().time_left, clock_text(left)) }</p>
            },
            None => html! {},
        }
    }

    /// Announce 5 minutes, 1 minute and 10 seconds left once each; at
    /// zero, end the test (or the part) as its time limit says.
    fn announce_time(&mut self, ctx: &Context<Self>) {
        let Ok(session) = &mut self.session else {
            return;
        };
        let Some(left) = session.time_left() else {
            return;
        };
        for threshold in [300, 60, 10] {
            if left <= f64::from(threshold) && self.announced.insert(threshold) {
                self.status = tr!(
                    ctx.props().locale.t().time_warning,
                    clock_text(f64::from(threshold))
                );
            }
        }
        if left <= 0.0 && !session.is_ended() {
            session.end_test();
            self.status = ctx.props().locale.t().time_up.into();
            ctx.props().on_event.emit(TestEvent::Ended);
            self.save(ctx);
        }
    }
}

/// "Question 3, answered, flagged" (map buttons and the review list).
fn question_state(t: &Strings, number: usize, answered: bool, flagged: bool) -> String {
    let mut label = tr!(t.question_n, number);
    label.push_str(", ");
    label.push_str(if answered { t.answered } else { t.not_answered });
    if flagged {
        label.push_str(", ");
        label.push_str(t.flagged);
    }
    label
}

/// The test and part feedback of `access` that the outcomes make visible
/// (`during` while the test runs, `atEnd` on the end screen).
fn feedback_list(session: &TestSession, access: FeedbackAccess) -> Html {
    let test = session.test();
    let shown: Vec<&TestFeedback> = test
        .test_feedback
        .iter()
        .chain(test.test_parts.iter().flat_map(|p| &p.test_feedback))
        .filter(|f| f.access == access && feedback_visible(session, f))
        .collect();
    html! {
        <div class="qti-test-feedback-list" aria-live="polite">
            { for shown.iter().map(|f| html! {
                <div class="qti-test-feedback" data-identifier={f.identifier.clone()}>
                    if let Some(t) = &f.title { <h3>{ t }</h3> }
                    { render::text_of(&f.content) }
                </div>
            }) }
        </div>
    }
}

fn outcomes(session: &TestSession) -> Vec<(String, Value)> {
    session
        .outcomes()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn answered(session: &TestSession, index: usize) -> bool {
    session
        .item_session(index)
        .is_some_and(|s| s.is_responded())
}

fn feedback_visible(session: &TestSession, f: &TestFeedback) -> bool {
    let value = session
        .outcomes()
        .get(&f.outcome_identifier)
        .cloned()
        .unwrap_or_default();
    let matches = value
        .items()
        .iter()
        .any(|s| matches!(s, Scalar::Identifier(id) if *id == f.identifier));
    matches == f.show
}

fn find_section<'t>(
    session: &'t TestSession,
    id: &str,
) -> Option<&'t qti_engine::model::test::Section> {
    fn walk<'a>(
        parts: &'a [SectionPart],
        id: &str,
    ) -> Option<&'a qti_engine::model::test::Section> {
        parts.iter().find_map(|p| match p {
            SectionPart::Section(s) if s.identifier == id => Some(s),
            SectionPart::Section(s) => walk(&s.parts, id),
            SectionPart::Item(_) => None,
        })
    }
    session
        .test()
        .test_parts
        .iter()
        .flat_map(|p| &p.sections)
        .find_map(|s| {
            if s.identifier == id {
                Some(s)
            } else {
                walk(&s.parts, id)
            }
        })
}

fn has_time_limits(session: &TestSession) -> bool {
    let test = session.test();
    test.time_limits.is_some_and(|t| t.max_time.is_some())
        || test
            .test_parts
            .iter()
            .any(|p| p.time_limits.is_some_and(|t| t.max_time.is_some()))
}

fn clock_text(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// `href` relative to the test's URL.
fn join_url(base: &str, href: &str) -> String {
    if href.contains("://") || base.is_empty() {
        return href.to_string();
    }
    let dir = base.rfind('/').map_or("", |i| &base[..=i]);
    format!("{dir}{href}")
}
