use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::browser::{focus_selected, local_date};
use super::super::components::check::CheckLine;
use super::super::components::field::TextField;
use super::super::components::record_form::{
    apply_edits, field, problem_view, save_record, stored_body, AddRecord, Celebration, Control,
    Draft, FieldSpec, Folded, PressButton, RecordControls, RecordEditor, RecordFields, RecordList,
    SaveButton, MILESTONE_FIELDS, OBJECTIVE_FIELDS, STEP_FIELDS,
};
use super::super::components::timeline::TimelineCard;
use crate::domain::{
    coach, Action, Advice, Body, CoachContext, Consent, Id, Kind, Milestone, Objective,
    ObjectiveStatus, Progress, Revision, Side, Step, TaskStatus, Verdict,
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
    // Wins are the pair's own records; the timeline is drawn from the
    // objectives' branch alone: neither is re-read for a session's edit.
    let wins = state.read_in(
        pair,
        Scope::Branch(Kind::Win),
        Box::new(|p| {
            p.wins()
                .into_iter()
                .map(|win| (win.what.clone(), win.date))
                .collect::<Vec<_>>()
        }),
    );
    // Dates are written out only when the wins change, not on every edit.
    let wins = Read::new(move || {
        wins.with(|wins| {
            wins.iter()
                .map(|(what, date)| (what.clone(), date.map(local_date).unwrap_or_default()))
                .collect::<Vec<_>>()
        })
    });
    let no_wins = Signal::derive(move || wins.with(Vec::is_empty));
    let today = state.clock.today();
    let timeline = state.read_in(
        pair,
        Scope::Branch(Kind::Objective),
        Box::new(move |p| p.timeline(today)),
    );
    let agreement = state.read_in(
        pair,
        Scope::Children(pair),
        Box::new(|p| p.agreement_record().map(|r| r.id)),
    );
    let planned_end = Read::new(move || {
        let agreement = agreement.get()?;
        state.track(pair, Scope::Record(agreement));
        state
            .with_pair(pair, |p| match &p.record(agreement)?.body {
                Body::Agreement(a) => a.planned_end,
                _ => None,
            })
            .flatten()
    });
    let title = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // The objective added last from this page: its editor opens, so the
    // SMART fields and the coach come next.
    let added = StoredValue::new(None::<Id>);
    let add = move |()| {
        let body = Body::Objective(Objective {
            title: title.get_untracked(),
            ..Objective::default()
        });
        match state.try_dispatch(Action::Add {
            pair,
            parent: pair,
            body,
        }) {
            Ok(applied) => {
                added.set_value(applied.created.first().copied());
                title.set(String::new());
                problem.set(None);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    view! {
        <h1>"Plan"</h1>
        <p class="lead">
            "Turn the purpose of the mentoring into a few objectives the mentee can measure, agree them together, then map the road to each: milestones, and the steps between them."
        </p>
        <p class="notice" hidden=Signal::derive(move || !objectives.with(Vec::is_empty))>
            "No objectives yet. Start with one: what should the mentee be able to do, or have done, by the end of the mentoring?"
        </p>
        <RecordList
            ids=objectives
            item=Callback::new(move |objective| {
                let fresh = added.get_value() == Some(objective);
                view! { <ObjectiveCard pair objective objectives planned_end fresh /> }.into_any()
            })
        />
        <TimelineCard timeline today />
        <form class="card inline-form">
            <TextField
                label="New objective title"
                value=title
                on_input=Callback::new(move |v| title.set(v))
            />
            <SaveButton text="Add objective" primary=true save=add />
            {problem_view(problem)}
        </form>
        <section class="card" aria-labelledby="wins-heading">
            <h2 id="wins-heading">"Wins"</h2>
            <p class="hint" hidden=Signal::derive(move || !no_wins.get())>
                "Completed milestones and achieved objectives are listed here."
            </p>
            <ul class="wins" hidden=no_wins>
                {hinted_items(wins, false)}
            </ul>
        </section>
        <div class="celebration-bar" aria-live="polite">
            {move || {
                celebration
                    .0
                    .get()
                    .map(|what| {
                        view! {
                            <div class="celebration">
                                <span aria-hidden="true">"★"</span>
                                " "
                                {what}
                                {PressButton::new(
                                        "Close".into(),
                                        Signal::from("Close".to_string()),
                                        Callback::new(move |()| celebration.0.set(None)),
                                    )
                                    .view()}
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// One objective: its SMART content with the coach, agreement, history and
/// roadmap.
#[component]
fn ObjectiveCard(
    pair: Id,
    objective: Id,
    /// The pair's objectives, in order, as the page lists them.
    objectives: Read<Vec<Id>>,
    planned_end: Read<Option<NaiveDate>>,
    /// Just added: its editor opens with the keyboard in its first field.
    fresh: bool,
) -> impl IntoView {
    let state = AppState::expect();
    let title: Signal<String> = state
        .read_in(
            pair,
            Scope::Record(objective),
            Box::new(move |p| {
                p.objective(objective)
                    .map(|o| o.title.clone())
                    .unwrap_or_default()
            }),
        )
        .into();
    let standing: Read<(Option<ObjectiveStatus>, Progress)> = state.read_in(
        pair,
        Scope::Subtree(objective),
        Box::new(move |p| {
            (
                p.objective_status(objective),
                p.objective_progress(objective),
            )
        }),
    );
    let badge = Signal::derive(move || {
        standing.with(|s| s.0.map(status_label).unwrap_or_default().to_string())
    });
    let done = Signal::derive(move || {
        standing
            .with(|(_, done)| format!("{} of {} done ({}%)", done.done, done.total, done.percent()))
    });
    let percent = Signal::derive(move || standing.with(|s| s.1.percent().to_string()));
    let progress_name = Signal::derive(move || format!("Progress on {}", title.get()));
    let heading_id = format!("objective-{objective}");
    let labelled_by = heading_id.clone();
    if fresh {
        focus_selected(&format!("[aria-labelledby=\"{heading_id}\"] .smart input"));
    }
    view! {
        <article class="card objective" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p class="objective-state">
                <span class="badge">{badge}</span>
                " "
                {done}
            </p>
            <progress max="100" value=percent aria-label=progress_name></progress>
            <ObjectiveEditor pair objective title planned_end fresh />
            <Agreements pair objective />
            <History pair objective />
            <Roadmap pair objective title />
            <RecordControls pair record=objective noun="objective" title siblings=objectives />
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
fn ObjectiveEditor(
    pair: Id,
    objective: Id,
    /// The objective's title as stored, for its fields' names.
    title: Signal<String>,
    /// When the agreement says the mentoring ends, for the coach.
    planned_end: Read<Option<NaiveDate>>,
    /// Drawn open.
    fresh: bool,
) -> impl IntoView {
    let state = AppState::expect();
    let draft = Draft::new(state, pair, objective);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<Body>);
    let hash = |body: &Body| match body {
        Body::Objective(o) => Some(crate::domain::objective_hash(o)),
        _ => None,
    };
    // The objective as stored, while both sides agree to it.
    let agreed = state.read_in(
        pair,
        Scope::Subtree(objective),
        Box::new(move |p| {
            p.objective_agreed(objective)
                .then(|| p.record(objective).map(|r| r.body.clone()))
                .flatten()
        }),
    );
    let needs_reason = Read::new(move || {
        agreed.with(|stored| {
            let Some(stored) = stored else {
                return false;
            };
            let saving = draft.base.with(|base| {
                draft
                    .edits
                    .with(|edits| apply_edits(OBJECTIVE_FIELDS, base, edits, stored.clone()))
            });
            hash(&saving) != hash(stored)
        })
    });
    let advice = Read::new(move || {
        let context = CoachContext {
            today: state.clock.today(),
            planned_end: planned_end.get(),
        };
        draft.edits.with(|d| match d {
            Body::Objective(o) => coach(o, context).to_vec(),
            _ => Vec::new(),
        })
    });
    let save = move |()| {
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
        <Folded
            summary="Edit this objective"
            on_open=Callback::new(move |()| draft.refresh(state, pair, objective))
            open_at_start=fresh
        >
            <form class="smart">
                <div class="smart-fields">
                    <RecordFields
                        body=draft.edits
                        on_edit=Callback::new(move |b| draft.edits.set(b))
                        specs=OBJECTIVE_FIELDS
                        of=title
                    />
                </div>
                <ul class="coach" aria-label="SMART coach">
                    {move || advice.with(|advice| advice.iter().map(coach_item).collect_view())}
                </ul>
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
                    <SaveButton text="Save objective" primary=true save=save />
                    {move || {
                        draft
                            .edits
                            .with(|d| saved.with(|s| s.as_ref() == Some(d)))
                            .then(|| view! { <span class="hint">"Saved."</span> })
                    }}
                </div>
            </form>
        </Folded>
    }
}

/// The coach's word on one SMART letter, coloured by its verdict.
fn coach_item(advice: &Advice) -> impl IntoView {
    let word = match advice.verdict {
        Verdict::Fine => "fine",
        Verdict::Weak => "weak",
        Verdict::Missing => "missing",
    };
    view! {
        <li class=word>
            <strong>{format!("{}: {word}", advice.letter.label())}</strong>
            " "
            {advice.hint}
        </li>
    }
}

/// Each side's agreement to the objective, and the buttons this device may
/// press.
#[component]
fn Agreements(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    let consents = state.read_in(
        pair,
        Scope::Subtree(objective),
        Box::new(move |p| p.consents(objective)),
    );
    Side::ALL
        .into_iter()
        .enumerate()
        .map(|(at, side)| {
            let who = side.label();
            let consent = move || consents.with(|c| c[at]);
            let line = Signal::derive(move || match consent() {
                Consent::Current => format!("The {who} agrees."),
                Consent::Stale => format!("The {who} agreed to an earlier version."),
                Consent::Missing => format!("The {who} has not agreed yet."),
            });
            let settled = Signal::derive(move || {
                !state.role(pair).can_act_for(side) || consent() == Consent::Current
            });
            let agree = Callback::new(move |()| {
                state.dispatch(Action::AgreeObjective {
                    pair,
                    objective,
                    side,
                    date: state.clock.today(),
                });
            });
            let text = format!("Agree as {who}");
            view! {
                <p class="consent">
                    {line} " "
                    {PressButton {
                        hidden: settled,
                        ..PressButton::new(text.clone(), Signal::from(text), agree)
                    }
                        .view()}
                </p>
            }
        })
        .collect_view()
}

/// The objective's earlier versions and why they changed.
#[component]
fn History(pair: Id, objective: Id) -> impl IntoView {
    let state = AppState::expect();
    let revisions = state.read_in(
        pair,
        Scope::Subtree(objective),
        Box::new(move |p| {
            p.revisions(objective)
                .into_iter()
                .map(revision_lines)
                .collect::<Vec<_>>()
        }),
    );
    view! {
        <section class="history" hidden=Signal::derive(move || revisions.with(Vec::is_empty))>
            <h3>"History"</h3>
            <ol>{hinted_items(revisions, true)}</ol>
        </section>
    }
}

/// List items of a line of text each, then a quieter one after it (or
/// below it).
fn hinted_items(items: Read<Vec<(String, String)>>, below: bool) -> impl IntoView {
    move || {
        items.with(|items| {
            items
                .iter()
                .map(|(text, hint)| {
                    view! {
                        <li>
                            {text.clone()} {below.then(|| view! { <br /> })} " "
                            <span class="hint">{hint.clone()}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    }
}

/// A revision in two lines: when, who and why it changed; and what it was
/// before.
fn revision_lines(r: &Revision) -> (String, String) {
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
    (format!("{when}, changed by {who}: {}", r.reason), was)
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
fn Roadmap(
    pair: Id,
    objective: Id,
    /// The objective's title, for the names of the new milestone's fields.
    title: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let milestones = state.children(pair, objective, Kind::Milestone);
    view! {
        <section class="roadmap">
            <h3>"Roadmap"</h3>
            {move || {
                milestones
                    .with(Vec::is_empty)
                    .then(|| {
                        view! {
                            <p class="hint">
                                "No milestones yet. Open \"Add a milestone\" below to mark the first stop on the way to this objective."
                            </p>
                        }
                    })
            }}
            <RecordList
                ids=milestones
                item=Callback::new(move |milestone| {
                    view! { <MilestoneItem pair milestone milestones /> }.into_any()
                })
            />
            <Folded summary="Add a milestone">
                <AddRecord
                    pair
                    parent=objective
                    specs=NEW_MILESTONE_FIELDS
                    blank=Body::Milestone(Milestone::default())
                    button="Add milestone"
                    within=title
                />
            </Folded>
        </section>
    }
}

/// What differs between a milestone's line and a step's.
struct TaskKind {
    /// Put before the title in the checkbox's label.
    prefix: &'static str,
    /// The status a task goes back to when it is unticked.
    reopened: TaskStatus,
    specs: &'static [FieldSpec],
    noun: &'static str,
}

const MILESTONE_TASK: TaskKind = TaskKind {
    prefix: "Milestone reached: ",
    reopened: TaskStatus::InProgress,
    specs: MILESTONE_FIELDS,
    noun: "milestone",
};

const STEP_TASK: TaskKind = TaskKind {
    prefix: "",
    reopened: TaskStatus::NotStarted,
    specs: STEP_FIELDS,
    noun: "step",
};

/// A milestone's or step's parts: a checkbox that marks it done, its title,
/// owner and dates, and "overdue" when it is late; its folded editor; and
/// its buttons. Returned with its title.
fn task_parts(
    state: AppState,
    pair: Id,
    record: Id,
    siblings: Read<Vec<Id>>,
    kind: &'static TaskKind,
) -> (Signal<String>, impl IntoView) {
    let TaskKind {
        prefix,
        reopened,
        specs,
        noun,
    } = *kind;
    let task = state.read_in(
        pair,
        Scope::Record(record),
        Box::new(move |p| match p.record(record).map(|r| &r.body) {
            Some(Body::Milestone(m)) => Some((m.title.clone(), m.owner, m.start, m.due, m.status)),
            Some(Body::Step(s)) => Some((s.title.clone(), s.owner, s.start, s.due, s.status)),
            _ => None,
        }),
    );
    let title =
        Signal::derive(move || task.with(|t| t.as_ref().map(|t| t.0.clone()).unwrap_or_default()));
    let checked =
        Signal::derive(move || task.with(|t| t.as_ref().is_some_and(|t| t.4 == TaskStatus::Done)));
    let label = Signal::derive(move || format!("{prefix}{}", title.get()));
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
    let parts = view! {
        <CheckLine id=format!("task-{record}") checked label details on_toggle />
        <RecordEditor pair record specs noun title siblings=siblings />
    };
    (title, parts)
}

/// A milestone with its steps; marking it done celebrates a win.
#[component]
fn MilestoneItem(
    pair: Id,
    milestone: Id,
    /// The objective's milestones, in order.
    milestones: Read<Vec<Id>>,
) -> impl IntoView {
    let state = AppState::expect();
    let steps = state.children(pair, milestone, Kind::Step);
    let (title, parts) = task_parts(state, pair, milestone, milestones, &MILESTONE_TASK);
    view! {
        <div class="milestone">
            {parts} <ul class="steps">
                <RecordList
                    ids=steps
                    item=Callback::new(move |step| {
                        view! {
                            <li class="step">
                                {task_parts(state, pair, step, steps, &STEP_TASK).1}
                            </li>
                        }
                            .into_any()
                    })
                />
            </ul> <Folded summary="Add a step">
                <AddRecord
                    pair
                    parent=milestone
                    specs=NEW_STEP_FIELDS
                    blank=Body::Step(Step::default())
                    button="Add step"
                    within=title
                />
            </Folded>
        </div>
    }
}

/// The fields a new milestone is added with.
const NEW_MILESTONE_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("New milestone", "", Control::Line, field!(Milestone, title)),
    FieldSpec::new(
        "Due date of the new milestone",
        "",
        Control::Date,
        field!(Milestone, due),
    ),
];

/// The fields a new step is added with.
const NEW_STEP_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("New step", "", Control::Line, field!(Step, title)),
    FieldSpec::new(
        "Due date of the new step",
        "",
        Control::Date,
        field!(Step, due),
    ),
];
