use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;

use super::super::browser::{local_date, local_month};
use super::super::chart::{escape, timeline_svg};
use super::super::components::check::CheckLine;
use super::super::components::field::TextField;
use super::super::components::record_form::{
    apply_edits, event_data, field, html_block, problem_view, save_record, side_pressed,
    stored_body, AddRecord, Celebration, Control, Draft, FieldSpec, RecordControls, RecordEditor,
    RecordFields, RecordList, MILESTONE_FIELDS, OBJECTIVE_FIELDS, STEP_FIELDS,
};
use crate::domain::{
    coach, Action, Body, CoachContext, Consent, Id, Kind, Milestone, Objective, ObjectiveStatus,
    Side, Step, TaskStatus, Verdict,
};
use crate::state::{AppState, Read, Scope};

/// The Plan stage: SMART objectives with the coach, both sides' agreement,
/// their history, and the roadmap of milestones and steps.
#[component]
pub fn PlanPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let celebration = Celebration(RwSignal::new(None));
    provide_context(celebration);
    let objectives = state.children(pair, pair, Kind::Objective);
    let wins = state.read(
        pair,
        Box::new(|p| {
            let wins = p.wins();
            if wins.is_empty() {
                return r#"<p class="hint">Completed milestones and achieved objectives are listed here.</p>"#.into();
            }
            let items: String = wins
                .into_iter()
                .map(|win| {
                    let when = win.date.map(local_date).unwrap_or_default();
                    format!(r#"<li>{} <span class="hint">{when}</span></li>"#, escape(&win.what))
                })
                .collect();
            format!(r#"<ul class="wins">{items}</ul>"#)
        }),
    );
    let no_objectives = Read::new(move || {
        if objectives.with(Vec::is_empty) {
            r#"<p class="notice">No objectives yet. Start with one: what should the mentee be able to do, or have done, by the end of the mentoring?</p>"#.into()
        } else {
            String::new()
        }
    });
    let title = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = Body::Objective(Objective {
            title: title.get_untracked(),
            ..Objective::default()
        });
        match state.try_dispatch(Action::Add {
            pair,
            parent: pair,
            body,
        }) {
            Ok(_) => {
                title.set(String::new());
                problem.set(None);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    let celebration_html = move || {
        celebration
            .0
            .get()
            .map(|what| {
                format!(
                    r#"<div class="celebration"><span aria-hidden="true">★</span> {}<button type="button" data-close="">Close</button></div>"#,
                    escape(&what)
                )
            })
            .unwrap_or_default()
    };
    let close_celebration = move |ev: MouseEvent| {
        if event_data(&ev, "data-close").is_some() {
            celebration.0.set(None);
        }
    };
    view! {
        <h1>"Plan"</h1>
        <p class="lead">
            "Turn the purpose of the mentoring into a few objectives the mentee can measure, agree them together, then map the road to each: milestones, and the steps between them."
        </p>
        {html_block(no_objectives)}
        <RecordList
            ids=objectives
            item=Callback::new(move |objective| {
                view! { <ObjectiveCard pair objective /> }.into_any()
            })
        />
        <TimelineView pair />
        <form class="card inline-form" on:submit=add>
            <TextField
                label="New objective title"
                value=title
                on_input=Callback::new(move |v| title.set(v))
            />
            <button type="submit" class="primary">
                "Add objective"
            </button>
            {problem_view(problem)}
        </form>
        <section class="card" aria-labelledby="wins-heading">
            <h2 id="wins-heading">"Wins"</h2>
            {html_block(wins)}
        </section>
        <div
            class="celebration-bar"
            aria-live="polite"
            on:click=close_celebration
            inner_html=celebration_html
        ></div>
    }
}

/// One objective: its SMART content with the coach, agreement, history and
/// roadmap.
#[component]
fn ObjectiveCard(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    let content = state.read(pair, Box::new(move |p| p.objective(objective).cloned()));
    let state_line = state.read(
        pair,
        Box::new(move |p| {
            let done = p.objective_progress(objective);
            format!(
                r#"<span class="badge">{}</span> {} of {} done ({}%)"#,
                p.objective_status(objective)
                    .map(status_label)
                    .unwrap_or_default(),
                done.done,
                done.total,
                done.percent()
            )
        }),
    );
    let progress = state.read(pair, Box::new(move |p| p.objective_progress(objective)));
    let heading_id = format!("objective-{objective}");
    let labelled_by = heading_id.clone();
    let title = move || content.with(|c| c.as_ref().map(|c| c.title.clone()).unwrap_or_default());
    view! {
        <article class="card objective" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p class="objective-state" inner_html=move || state_line.get()></p>
            <progress
                max="100"
                value=move || progress.get().percent()
                aria-label=move || format!("Progress on {}", title())
            ></progress>
            <ObjectiveEditor pair objective />
            <Agreements pair objective />
            <History pair objective />
            <Roadmap pair objective />
            <RecordControls pair record=objective noun="objective" title=Signal::derive(title) />
        </article>
    }
}

pub fn status_label(status: ObjectiveStatus) -> &'static str {
    match status {
        ObjectiveStatus::Draft => "Draft",
        ObjectiveStatus::Proposed => "Proposed",
        ObjectiveStatus::Agreed => "Agreed",
        ObjectiveStatus::InProgress => "In progress",
        ObjectiveStatus::Achieved => "Achieved",
        ObjectiveStatus::Dropped => "Dropped",
    }
}

/// Edits a draft of the objective; the coach reads the draft as it is typed.
#[component]
fn ObjectiveEditor(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    let draft = Draft::new(state, pair, objective);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<Body>);
    let hash = |body: &Body| match body {
        Body::Objective(o) => Some(crate::domain::objective_hash(o)),
        _ => None,
    };
    let needs_reason = Read::new(move || {
        let (agreed, stored) = state.workbook.with(|w| {
            let p = w.pair(pair);
            (
                p.is_some_and(|p| p.objective_agreed(objective)),
                p.and_then(|p| p.record(objective)).map(|r| r.body.clone()),
            )
        });
        let Some(stored) = stored.filter(|_| agreed) else {
            return false;
        };
        let saving = draft.base.with(|base| {
            draft
                .edits
                .with(|edits| apply_edits(OBJECTIVE_FIELDS, base, edits, stored.clone()))
        });
        hash(&saving) != hash(&stored)
    });
    let advice = move || {
        let context = CoachContext {
            today: state.clock.today(),
            planned_end: state.workbook.with(|w| {
                w.pair(pair)
                    .and_then(|p| p.agreement().and_then(|a| a.planned_end))
            }),
        };
        draft.edits.with(|d| match d {
            Body::Objective(o) => coach(o, context)
                .iter()
                .map(|a| {
                    let word = match a.verdict {
                        Verdict::Fine => "fine",
                        Verdict::Weak => "weak",
                        Verdict::Missing => "missing",
                    };
                    format!(
                        r#"<li class="{word}"><strong>{}: {word}</strong> {}</li>"#,
                        a.letter.label(),
                        escape(a.hint)
                    )
                })
                .collect(),
            _ => String::new(),
        })
    };
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = draft.to_save(OBJECTIVE_FIELDS, state, pair, objective);
        match save_record(state, pair, objective, body, reason.get_untracked()) {
            Ok(()) => {
                reason.set(String::new());
                problem.set(None);
                draft.reload(state, pair, objective);
                saved.set(Some(draft.edits.get_untracked()));
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    view! {
        <details class="editor" on:toggle=move |_| draft.refresh(state, pair, objective)>
            <summary>"Edit this objective"</summary>
            <form class="smart" on:submit=save>
                <div class="smart-fields">
                    <RecordFields
                        body=draft.edits
                        on_edit=Callback::new(move |b| draft.edits.set(b))
                        specs=OBJECTIVE_FIELDS
                    />
                </div>
                <ul class="coach" aria-label="SMART coach" inner_html=advice></ul>
                {move || {
                    needs_reason
                        .get()
                        .then(|| {
                            view! {
                                <TextField
                                    label="Reason for the change"
                                    hint="Both of you agreed the earlier version: say in a line why it changes. It is kept in the history, and you both agree again."
                                    value=reason
                                    on_input=Callback::new(move |v| reason.set(v))
                                />
                            }
                        })
                }}
                {problem_view(problem)}
                <div class="actions">
                    <button type="submit" class="primary">
                        "Save objective"
                    </button>
                    {move || {
                        draft
                            .edits
                            .with(|d| saved.with(|s| s.as_ref() == Some(d)))
                            .then(|| view! { <span class="hint">"Saved."</span> })
                    }}
                </div>
            </form>
        </details>
    }
}

/// Each side's agreement to the objective, and the buttons this device may
/// press.
#[component]
fn Agreements(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    let lines: Read<String> = state.read(
        pair,
        Box::new(move |p| {
            let role = state.role(pair);
            Side::ALL
                .into_iter()
                .map(|side| {
                    let who = side.label();
                    let consent = p.consent(objective, side);
                    let line = match consent {
                        Consent::Current => format!("The {who} agrees."),
                        Consent::Stale => format!("The {who} agreed to an earlier version."),
                        Consent::Missing => format!("The {who} has not agreed yet."),
                    };
                    let button = if role.can_act_for(side) && consent != Consent::Current {
                        format!(
                            r#"<button type="button" data-side="{who}">Agree as {who}</button>"#
                        )
                    } else {
                        String::new()
                    };
                    format!(r#"<p class="consent">{line} {button}</p>"#)
                })
                .collect()
        }),
    );
    let agree = move |ev: MouseEvent| {
        if let Some(side) = side_pressed(&ev) {
            state.dispatch(Action::AgreeObjective {
                pair,
                objective,
                side,
                date: state.clock.today(),
            });
        }
    };
    view! { <div on:click=agree inner_html=move || lines.get()></div> }
}

/// The objective's earlier versions and why they changed.
#[component]
fn History(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    html_block(state.read(pair, Box::new(move |p| history_html(p, objective))))
}

/// The revisions of an objective as HTML (text escaped), or nothing when it
/// has none.
fn history_html(p: &crate::domain::PairData, objective: Id) -> String {
    let revisions = p.revisions(objective);
    if revisions.is_empty() {
        return String::new();
    }
    let mut html = String::from(r#"<section class="history"><h3>History</h3><ol>"#);
    for r in revisions {
        let when = r.date.map(local_date).unwrap_or_default();
        let who = match r.side {
            None => "both of you",
            Some(Side::Mentor) => "the mentor",
            Some(Side::Mentee) => "the mentee",
        };
        let before = &r.before;
        let was = format!(
            "Before: \"{}\"; measured by {}; target {}; by {}.",
            before.title,
            or_none(&before.smart.measure),
            or_none(&before.smart.target),
            before
                .smart
                .by_when
                .map(local_date)
                .unwrap_or_else(|| "no date".into()),
        );
        html += &format!(
            r#"<li>{}<br><span class="hint">{}</span></li>"#,
            escape(&format!("{when}, changed by {who}: {}", r.reason)),
            escape(&was)
        );
    }
    html + "</ol></section>"
}

fn or_none(text: &str) -> &str {
    if text.trim().is_empty() {
        "(nothing)"
    } else {
        text
    }
}

/// Milestones under the objective and steps under each milestone.
#[component]
fn Roadmap(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    let milestones = state.children(pair, objective, Kind::Milestone);
    view! {
        <section class="roadmap">
            <h3>"Roadmap"</h3>
            <RecordList
                ids=milestones
                item=Callback::new(move |milestone| {
                    view! { <MilestoneItem pair milestone /> }.into_any()
                })
            />
            <AddRecord
                pair
                parent=objective
                specs=NEW_MILESTONE_FIELDS
                blank=Body::Milestone(Milestone::default())
                button="Add milestone"
            />
        </section>
    }
}

/// The line of a milestone or step: a checkbox that marks it done, its
/// title, owner and dates, and "overdue" when it is late.
fn task_line(
    state: AppState,
    pair: Id,
    record: Id,
    prefix: &'static str,
    reopened: TaskStatus,
) -> impl IntoView {
    let task = state.read_in(
        pair,
        Scope::Record(record),
        Box::new(move |p| match p.record(record).map(|r| &r.body) {
            Some(Body::Milestone(m)) => Some((m.title.clone(), m.owner, m.start, m.due, m.status)),
            Some(Body::Step(s)) => Some((s.title.clone(), s.owner, s.start, s.due, s.status)),
            _ => None,
        }),
    );
    let checked =
        Signal::derive(move || task.with(|t| t.as_ref().is_some_and(|t| t.4 == TaskStatus::Done)));
    let label = Signal::derive(move || {
        task.with(|t| {
            t.as_ref()
                .map(|t| format!("{prefix}{}", t.0))
                .unwrap_or_default()
        })
    });
    let details = Signal::derive(move || {
        task.with(|t| {
            let Some((_, owner, start, due, status)) = t else {
                return String::new();
            };
            let mut details = format!("Owner: {}", owner.label());
            if let Some(start) = start {
                details += &format!(" · from {}", local_date(*start));
            }
            if let Some(due) = due {
                details += &format!(" · due {}", local_date(*due));
                if *status != TaskStatus::Done && *due < state.clock.today() {
                    details += " · overdue";
                }
            }
            if *status == TaskStatus::Blocked {
                details += " · blocked";
            }
            details
        })
    });
    let on_toggle = Callback::new(move |()| {
        let mut body = stored_body(state, pair, record);
        if let Body::Milestone(Milestone { status, .. }) | Body::Step(Step { status, .. }) =
            &mut body
        {
            *status = if *status == TaskStatus::Done {
                reopened
            } else {
                TaskStatus::Done
            };
        }
        if let Err(message) = save_record(state, pair, record, body, String::new()) {
            state.refusal.set(Some(message));
        }
    });
    view! { <CheckLine id=format!("task-{record}") checked label details on_toggle /> }
}

/// The title of a milestone or step, for the names of its buttons.
fn task_title(state: AppState, pair: Id, record: Id) -> Signal<String> {
    Signal::derive(move || {
        state.workbook.with(|w| {
            w.pair(pair)
                .and_then(|p| match &p.record(record)?.body {
                    Body::Milestone(m) => Some(m.title.clone()),
                    Body::Step(s) => Some(s.title.clone()),
                    _ => None,
                })
                .unwrap_or_default()
        })
    })
}

/// A milestone with its steps; marking it done celebrates a win.
#[component]
fn MilestoneItem(pair: Id, milestone: Id) -> impl IntoView {
    let state = AppState::expect();
    let steps = state.children(pair, milestone, Kind::Step);
    view! {
        <div class="milestone">
            {task_line(state, pair, milestone, "Milestone reached: ", TaskStatus::InProgress)}
            <RecordEditor pair record=milestone specs=MILESTONE_FIELDS noun="milestone" />
            <RecordControls
                pair
                record=milestone
                noun="milestone"
                title=task_title(state, pair, milestone)
            /> <ul class="steps">
                <RecordList
                    ids=steps
                    item=Callback::new(move |step| {
                        view! {
                            <li class="step">
                                {task_line(state, pair, step, "", TaskStatus::NotStarted)}
                                <RecordEditor pair record=step specs=STEP_FIELDS noun="step" />
                                <RecordControls
                                    pair
                                    record=step
                                    noun="step"
                                    title=task_title(state, pair, step)
                                />
                            </li>
                        }
                            .into_any()
                    })
                />
            </ul>
            <AddRecord
                pair
                parent=milestone
                specs=NEW_STEP_FIELDS
                blank=Body::Step(Step::default())
                button="Add step"
            />
        </div>
    }
}

/// The fields a new milestone is added with.
const NEW_MILESTONE_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("New milestone", "", Control::Line, field!(Milestone, title)),
    FieldSpec::new("Due date", "", Control::Date, field!(Milestone, due)),
];

/// The fields a new step is added with.
const NEW_STEP_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("New step", "", Control::Line, field!(Step, title)),
    FieldSpec::new("Due date", "", Control::Date, field!(Step, due)),
];

/// The roadmap across months, drawn as SVG, with the same content as a table.
#[component]
fn TimelineView(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let today = state.clock.today();
    let html = state.read(
        pair,
        Box::new(move |p| {
            p.timeline(today)
                .map(|t| timeline_html(&t, today))
                .unwrap_or_default()
        }),
    );
    html_block(html)
}

/// The timeline's card as HTML: the chart, and the same as a table (text
/// escaped).
fn timeline_html(t: &crate::domain::Timeline, today: chrono::NaiveDate) -> String {
    let mut html = format!(
        r#"<section class="card" aria-labelledby="timeline-heading"><h2 id="timeline-heading">Timeline</h2><div class="timeline-scroll" tabindex="0" role="region" aria-label="Timeline chart">{}</div><table class="timeline-table"><caption>The timeline as a table</caption><thead><tr><th scope="col">Item</th><th scope="col">From</th><th scope="col">Due</th><th scope="col">State</th></tr></thead><tbody>"#,
        timeline_svg(t, today, local_month)
    );
    for row in &t.rows {
        let state_word = if row.overdue {
            "overdue"
        } else if row.done {
            "done"
        } else {
            "open"
        };
        html += &format!(
            r#"<tr><th scope="row">{}{}</th><td>{}</td><td>{}</td><td>{state_word}</td></tr>"#,
            if row.milestone {
                "Milestone: "
            } else {
                "Objective: "
            },
            escape(&row.title),
            local_date(row.start),
            local_date(row.end),
        );
    }
    html + "</tbody></table></section>"
}
