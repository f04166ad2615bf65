use leptos::prelude::*;

use super::super::browser::{
    download_text, local_date, local_datetime_text, local_moment, parse_local_datetime,
};
use super::super::components::check::CheckLine;
use super::super::components::field::{field_id, name_within, TextField, TextKind};
use super::super::components::record_form::{
    problem_view, save_record, stored_body, AddRecord, FieldSpec, Folded, RecordControls,
    RecordEditor, RecordList, SaveButton, ACTION_FIELDS, CONTACT_FIELDS, MENTEE_PART_FIELDS,
    MENTOR_PART_FIELDS, RESOURCE_FIELDS, SESSION_FIELDS,
};
use crate::domain::{
    agenda_for, calendar_file, Action, ActionItem, Body, CalendarEvent, Contact, Id, Kind,
    Objective, PromptGroup, Resource, Session, SessionPart, Side, PROMPTS,
};
use crate::state::{AppState, Read, Scope, CHECK_IN, LIVE_ACTIONS};

/// The Meet stage: when to meet next, logging sessions from the agenda
/// template, the log itself, open actions, resources and introductions.
#[component]
pub fn MeetPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let calendar = state.clock.calendar();
    let query = RwSignal::new(String::new());
    let objective = RwSignal::new(None::<Id>);
    // Newest first, which changes only with the sessions' outline; a
    // search reads what they say as well.
    let all_sessions = state.read_in(
        pair,
        Scope::Outline(Kind::Session),
        Box::new(|p| p.sessions().iter().map(|(r, _)| r.id).collect()),
    );
    let found = state.read_within(
        pair,
        vec![Scope::Kind(Kind::Session), Scope::Kind(Kind::SessionPart)],
        Box::new(move |p| {
            let objective = objective.get();
            query.with(|q| {
                (!q.trim().is_empty() || objective.is_some()).then(|| p.find_sessions(q, objective))
            })
        }),
    );
    let sessions = Read::new(move || found.get().unwrap_or_else(|| all_sessions.get()));
    let objectives = Objectives::new(state.read_in(
        pair,
        Scope::Kind(Kind::Objective),
        Box::new(objective_titles),
    ));
    let open_actions = state.read_within(
        pair,
        LIVE_ACTIONS.to_vec(),
        Box::new(|p| p.open_actions().into_iter().map(|(id, _)| id).collect()),
    );
    let check_in = state.read_within(
        pair,
        CHECK_IN.to_vec(),
        Box::new(move |p| check_in_text(p, calendar)),
    );
    let overdue = state.read_within(
        pair,
        LIVE_ACTIONS.to_vec(),
        Box::new(move |p| p.overdue_actions(calendar.today).len()),
    );
    let download_next = move |_| {
        let next = state.with_pair(pair, |p| {
            let due = p.check_in(calendar)?.due;
            let time_of_day = p
                .sessions()
                .into_iter()
                .find_map(|(_, s)| s.starts_at)
                .map(|at| local_datetime_text(at)[10..].to_string())
                .unwrap_or_else(|| "T09:00".into());
            Some((due, parse_local_datetime(&format!("{due}{time_of_day}"))?))
        });
        let Some((due, starts_at)) = next.flatten() else {
            return;
        };
        let event = CalendarEvent {
            uid: format!("next-{pair}-{due}@trellis"),
            starts_at,
            minutes: agreed_length(state, pair),
            summary: format!("Mentoring check-in: {}", pair_name(state, pair)),
            description: "The next check-in your mentoring agreement asks for.".into(),
        };
        offer_calendar(state, &format!("check-in-{due}.ics"), &event);
    };
    view! {
        <h1>"Meet"</h1>
        <p class="lead">
            "Meet on the rhythm you agreed. Log each session with its agenda and what you decided; open actions carry forward into the next agenda."
        </p>
        <section class="card" aria-labelledby="check-in-heading">
            <h2 id="check-in-heading">"Next check-in"</h2>
            <p class="check-in">
                {move || {
                    let text = check_in.get();
                    if text.is_empty() {
                        "No check-in date yet: it counts from the last session logged or, before the first, from the agreement's \"Start date\". Log a session below, or fill in the start date in the agreement (Agree)."
                            .to_string()
                    } else {
                        text
                    }
                }}
            </p>
            <p class="overdue">
                {move || match overdue.get() {
                    0 => String::new(),
                    1 => "1 action is overdue.".to_string(),
                    n => format!("{n} actions are overdue."),
                }}
            </p>
            <button
                type="button"
                disabled=move || check_in.with(String::is_empty)
                on:click=download_next
            >
                "Download next check-in (.ics)"
            </button>
        </section>
        <LogSession pair open_actions />
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Sessions"</h2>
            <div class="inline-form">
                <TextField
                    label="Search sessions"
                    hint="Agenda, notes, questions and both sides' parts."
                    value=query
                    on_input=Callback::new(move |v| query.set(v))
                />
                <div class="field">
                    <label for="objective-filter">"Objective"</label>
                    <select
                        id="objective-filter"
                        on:change=move |ev| objective.set(Id::parse(&event_target_value(&ev)))
                    >
                        <option value="">"All objectives"</option>
                        <RecordList
                            ids=objectives.ids
                            item=Callback::new(move |id: Id| {
                                let title = objectives.title(id);
                                view! {
                                    // Chosen again when it comes back after an undo.
                                    <option
                                        value=id.to_string()
                                        prop:selected=move || objective.get() == Some(id)
                                    >
                                        {move || title.get()}
                                    </option>
                                }
                                    .into_any()
                            })
                        />
                    </select>
                </div>
            </div>
            <p class="notice">
                {move || {
                    if all_sessions.with(Vec::is_empty) {
                        "No sessions yet. Log your first one above: its agenda starts from a template you can change."
                    } else if sessions.with(Vec::is_empty) {
                        "No session matches this search."
                    } else {
                        ""
                    }
                }}
            </p>
            <RecordList
                ids=sessions
                item=Callback::new(move |session| {
                    view! { <SessionCard pair session objectives /> }.into_any()
                })
            />
        </section>
        <section class="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">"Open actions"</h2>
            <p class="hint">
                {move || {
                    if open_actions.with(Vec::is_empty) {
                        "No open actions. Add them in a session, with who does them and by when."
                    } else {
                        "Until they are done, these appear in every new session's agenda."
                    }
                }}
            </p>
            <ul class="actions-list">
                <RecordList
                    ids=open_actions
                    item=Callback::new(move |id| action_line(state, pair, id, "Open action: "))
                />
            </ul>
        </section>
        <Gathered
            pair
            kind=Kind::Resource
            heading="Resources"
            empty="No resources yet: books, articles, courses, events and tools shared in the pair gather here."
        />
        <Gathered
            pair
            kind=Kind::Contact
            heading="Introductions"
            empty="No introductions yet: people the mentor introduces gather here, with their follow-up."
        />
    }
}

/// When the pair should meet next, as a sentence; empty without a start
/// date and cadence.
pub fn check_in_text(p: &crate::domain::PairData, calendar: crate::domain::Calendar) -> String {
    p.check_in(calendar)
        .map(|check| {
            let drift = if check.drifting() {
                " You have missed two or more check-ins: agree a date now, or change the cadence in the agreement."
            } else {
                ""
            };
            format!(
                "Next check-in {} ({}).{drift}",
                check.wording(),
                local_date(check.due)
            )
        })
        .unwrap_or_default()
}

/// (id, title) of the pair's objectives, for the filter and the touched
/// list.
fn objective_titles(p: &crate::domain::PairData) -> Vec<(Id, String)> {
    let Some(pair) = p.id() else {
        return Vec::new();
    };
    p.children(pair, Kind::Objective)
        .into_iter()
        .filter_map(|r| match &r.body {
            Body::Objective(Objective { title, .. }) => Some((r.id, title.clone())),
            _ => None,
        })
        .collect()
}

fn pair_name(state: AppState, pair: Id) -> String {
    state
        .pair_info(pair)
        .map(|i| i.display_name())
        .unwrap_or_default()
}

fn agreed_length(state: AppState, pair: Id) -> u16 {
    state
        .with_pair(pair, |p| p.agreement().map(|a| a.length_minutes))
        .flatten()
        .unwrap_or(60)
}

/// Offers a calendar file for download, or says why it could not.
fn offer_calendar(state: AppState, file_name: &str, event: &CalendarEvent) {
    let text = calendar_file(event, state.clock.now());
    if download_text(file_name, &text, "text/calendar").is_err() {
        state.refusal.set(Some(
            "The browser refused the download. Try again, or allow downloads for this site.".into(),
        ));
    }
}

/// Logging a new session: its time, and the agenda template it starts
/// from, which the pair can make its own.
#[component]
fn LogSession(
    pair: Id,
    /// The page's open actions, due soonest first: the new agenda lists
    /// the first of them.
    open_actions: Read<Vec<Id>>,
) -> impl IntoView {
    let state = AppState::expect();
    // Filled with the time it is now, so a session held today is logged in
    // one press; the pair changes it for one held earlier or later. Until
    // they do, the time follows the clock: it is set again as the form is
    // reached and as the session is logged, however long the page was open.
    let now = move || local_datetime_text(state.clock.now());
    let when = RwSignal::new(now());
    let typed = StoredValue::new(false);
    let follow_clock = move || {
        if !typed.get_value() {
            when.set(now());
        }
    };
    let problem = RwSignal::new(None::<String>);
    let template = RwSignal::new(
        state
            .pair_info(pair)
            .map(|i| i.agenda_template)
            .unwrap_or_default(),
    );
    let log = move |()| {
        follow_clock();
        let body = state.with_pair(pair, |p| {
            let open: Vec<&str> = open_actions.with_untracked(|ids| {
                ids.iter()
                    .filter_map(|id| match &p.record(*id)?.body {
                        Body::ActionItem(action) => Some(action.title.as_str()),
                        _ => None,
                    })
                    .collect()
            });
            let own = p.info().map(|i| i.agenda_template.as_str());
            let agreement = p.agreement().cloned().unwrap_or_default();
            Body::Session(Session {
                starts_at: parse_local_datetime(&when.get_untracked()),
                length_minutes: agreement.length_minutes,
                format: agreement.format,
                agenda: agenda_for(own, &open),
                ..Session::default()
            })
        });
        let Some(body) = body else { return };
        match state.try_dispatch(Action::Add {
            pair,
            parent: pair,
            body,
        }) {
            Ok(_) => {
                typed.set_value(false);
                when.set(now());
                problem.set(None);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    let save_template = move |()| {
        if let Some(mut info) = state.pair_info(pair) {
            info.agenda_template = template.get_untracked();
            state.dispatch(Action::UpdatePair { pair, info });
        }
    };
    view! {
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">"Log a session"</h2>
            <form class="inline-form" on:focusin=move |_| follow_clock()>
                <TextField
                    label="Date and time of the session"
                    kind=TextKind::DateTime
                    value=when
                    on_input=Callback::new(move |v| {
                        typed.set_value(true);
                        when.set(v);
                    })
                />
                <SaveButton text="Log session" primary=true save=log />
                {problem_view(problem)}
            </form>
            <Folded summary="Our agenda template">
                <form>
                    <TextField
                        label="Agenda template"
                        hint="New sessions start from this text, followed by the ten open actions due soonest. Leave it empty to use the built-in agenda: check-in, actions from last time, progress on objectives, a challenge, experience shared, next steps."
                        kind=TextKind::Paragraph
                        value=template
                        on_input=Callback::new(move |v| template.set(v))
                    />
                    <SaveButton text="Save agenda template" save=save_template />
                </form>
            </Folded>
        </section>
    }
}

/// One session: when it was, its shared content, each side's part, this
/// device's private note, its actions, and its buttons.
#[component]
fn SessionCard(pair: Id, session: Id, objectives: Objectives) -> impl IntoView {
    let state = AppState::expect();
    let title = state.read_in(
        pair,
        Scope::Record(session),
        Box::new(move |p| {
            match p.record(session).map(|r| &r.body) {
                Some(Body::Session(s)) => s.starts_at.map(local_moment),
                _ => None,
            }
            .unwrap_or_else(|| "no date".into())
        }),
    );
    let agenda = state.read_in(
        pair,
        Scope::Record(session),
        Box::new(move |p| match p.record(session).map(|r| &r.body) {
            Some(Body::Session(s)) => s.agenda.clone(),
            _ => String::new(),
        }),
    );
    let actions = state.children(pair, session, Kind::ActionItem);
    let heading_id = format!("session-{session}");
    let labelled_by = heading_id.clone();
    // What the session's fields' names call it, beside other sessions'.
    let named = Signal::derive(move || format!("session of {}", title.get()));
    let download = move |_| {
        let Body::Session(s) = stored_body(state, pair, session) else {
            return;
        };
        let Some(starts_at) = s.starts_at else {
            state.refusal.set(Some(
                "Give the session a date and time first, then download it.".into(),
            ));
            return;
        };
        let event = CalendarEvent {
            uid: format!("{session}@trellis"),
            starts_at,
            minutes: s.length_minutes,
            summary: format!("Mentoring session: {}", pair_name(state, pair)),
            description: s.agenda,
        };
        offer_calendar(
            state,
            &format!("session-{}.ics", &local_datetime_text(starts_at)[..10]),
            &event,
        );
    };
    view! {
        <article class="card session" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || format!("Session of {}", title.get())}</h3>
            <div class="agenda" hidden=move || agenda.with(String::is_empty)>
                <h4>"Agenda"</h4>
                <p>{move || agenda.get()}</p>
            </div>
            <RecordEditor pair record=session specs=SESSION_FIELDS noun="session" named />
            <Folded summary="Add a question from the prompt bank">
                <PromptPicker pair session named />
            </Folded>
            <ObjectivesTouched pair session objectives named />
            <SessionPartView pair session side=Side::Mentee named />
            <SessionPartView pair session side=Side::Mentor named />
            <Folded summary="Private notes">
                <PrivateNote session named />
            </Folded>
            <h4>"Actions"</h4>
            <ul class="actions-list">
                <RecordList
                    ids=actions
                    item=Callback::new(move |id| action_line(state, pair, id, ""))
                />
            </ul>
            <Folded summary="Add an action">
                <AddRecord
                    pair
                    parent=session
                    specs=ACTION_FIELDS
                    blank=Body::ActionItem(ActionItem::default())
                    button="Add action"
                    within=named
                />
            </Folded>
            <Folded summary="Share a resource from this session">
                <AddRecord
                    pair
                    parent=pair
                    specs=&RESOURCE_FIELDS[..3]
                    blank=Body::Resource(Resource {
                        session: Some(session),
                        ..Resource::default()
                    })
                    button="Add resource"
                    within=named
                />
            </Folded>
            <Folded summary="Record an introduction from this session">
                <AddRecord
                    pair
                    parent=pair
                    specs=&CONTACT_FIELDS[..5]
                    blank=Body::Contact(Contact {
                        session: Some(session),
                        ..Contact::default()
                    })
                    button="Add introduction"
                    within=named
                />
            </Folded>
            <div class="record-controls">
                <button type="button" on:click=download>
                    "Download calendar file (.ics)"
                </button>
            </div>
            <RecordControls pair record=session noun="session" title />
        </article>
    }
}

/// The prompt bank: pick an open question and add it to the session's
/// questions.
#[component]
fn PromptPicker(
    pair: Id,
    session: Id,
    /// The session as the list's name calls it.
    named: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let chosen = RwSignal::new(String::new());
    let id = format!("prompt-{session}");
    let insert = move |_| {
        let question = chosen.get_untracked();
        if question.is_empty() {
            state
                .refusal
                .set(Some("Choose a question from the prompt bank first.".into()));
            return;
        }
        let mut body = stored_body(state, pair, session);
        if let Body::Session(s) = &mut body {
            s.questions.push(question);
        }
        if let Err(message) = save_record(state, pair, session, body, String::new()) {
            state.refusal.set(Some(message));
        }
    };
    view! {
        <div class="field prompt-picker">
            <label for=id.clone()>"Prompt bank"</label>
            <select
                id=id
                aria-label=name_within("Prompt bank", Some(named))
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                <option value="">"Choose an open question"</option>
                {PROMPTS
                    .iter()
                    .map(|&PromptGroup { purpose, questions }| {
                        view! {
                            <optgroup label=purpose>
                                {questions
                                    .iter()
                                    .map(|&question| {
                                        view! { <option value=question>{question}</option> }
                                    })
                                    .collect_view()}
                            </optgroup>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="button" on:click=insert>
                "Insert question"
            </button>
        </div>
    }
}

/// The pair's objectives, read once for the page: the search filter's
/// options and every session's boxes are keyed by their ids and look their
/// titles up here, so a session row adds no read of its own per objective.
#[derive(Clone, Copy)]
struct Objectives {
    titles: Read<Vec<(Id, String)>>,
    ids: Read<Vec<Id>>,
    /// Whether the pair has any objective at all.
    any: Read<bool>,
}

impl Objectives {
    fn new(titles: Read<Vec<(Id, String)>>) -> Self {
        let ids: Read<Vec<Id>> =
            Read::new(move || titles.with(|t| t.iter().map(|(id, _)| *id).collect()));
        let any = Read::new(move || ids.with(|ids| !ids.is_empty()));
        Objectives { titles, ids, any }
    }

    /// An objective's title, following renames.
    fn title(self, objective: Id) -> Signal<String> {
        Signal::derive(move || {
            self.titles.with(|t| {
                t.iter()
                    .find(|(id, _)| *id == objective)
                    .map(|(_, title)| title.clone())
                    .unwrap_or_default()
            })
        })
    }
}

/// Which objectives a session touched, as checkboxes.
#[component]
fn ObjectivesTouched(
    pair: Id,
    session: Id,
    objectives: Objectives,
    /// The session as its boxes' names call it.
    named: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let touched = state.read_in(
        pair,
        Scope::Record(session),
        Box::new(move |p| match p.record(session).map(|r| &r.body) {
            Some(Body::Session(s)) => s.objectives.clone(),
            _ => Vec::new(),
        }),
    );
    let toggle = move |objective: Id| {
        let mut body = stored_body(state, pair, session);
        if let Body::Session(s) = &mut body {
            match s.objectives.iter().position(|o| *o == objective) {
                Some(at) => {
                    s.objectives.remove(at);
                }
                None => s.objectives.push(objective),
            }
        }
        if let Err(message) = save_record(state, pair, session, body, String::new()) {
            state.refusal.set(Some(message));
        }
    };
    let row = Callback::new(move |objective: Id| {
        let title = objectives.title(objective);
        view! {
            <CheckLine
                id=format!("touch-{session}-{objective}")
                checked=Signal::derive(move || touched.with(|t| t.contains(&objective)))
                label=title
                details=String::new()
                on_toggle=Callback::new(move |()| toggle(objective))
                named=Signal::derive(move || format!("{}, {}", title.get(), named.get()))
            />
        }
        .into_any()
    });
    let touched_titles = Signal::derive(move || {
        touched.with(|t| {
            objectives.titles.with(|titles| {
                titles
                    .iter()
                    .filter(|(id, _)| t.contains(id))
                    .map(|(_, title)| title.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        })
    });
    move || {
        objectives.any.get().then(|| {
            view! {
                <p class="touched-list">
                    {move || {
                        touched_titles
                            .with(|n| {
                                if n.is_empty() {
                                    "Objectives touched: none marked yet.".to_string()
                                } else {
                                    format!("Objectives touched: {n}")
                                }
                            })
                    }}
                </p>
                <Folded summary="Choose the objectives this session touched">
                    <fieldset class="touched">
                        <legend>"Objectives this session touched"</legend>
                        <RecordList ids=objectives.ids item=row />
                    </fieldset>
                </Folded>
            }
        })
    }
}

/// One side's own part of a session. This device writes the sides its
/// role allows; the other side's part is shown as it arrived.
#[component]
fn SessionPartView(
    pair: Id,
    session: Id,
    side: Side,
    /// The session as its fields' names call it.
    named: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    // A part's side is set when it is added, so which child is this side's
    // part changes only with the session's children.
    let part = state.read_in(
        pair,
        Scope::Children(session),
        Box::new(move |p| p.session_part(session, side).map(|(id, _)| id)),
    );
    let (specs, noun, start): (&'static [FieldSpec], _, _) = match side {
        Side::Mentee => (
            MENTEE_PART_FIELDS,
            "mentee's reflections",
            "Write the mentee's reflections",
        ),
        Side::Mentor => (
            MENTOR_PART_FIELDS,
            "mentor's feedback",
            "Write the mentor's feedback",
        ),
    };
    let writable = Read::new(move || state.role(pair).can_act_for(side));
    let begin = move |_| {
        state.dispatch(Action::Add {
            pair,
            parent: session,
            body: Body::SessionPart(SessionPart {
                side: Some(side),
                ..SessionPart::default()
            }),
        });
    };
    move || match (part.get(), writable.get()) {
        (Some(record), true) => view! { <RecordEditor pair record specs noun named /> }.into_any(),
        (Some(record), false) => {
            view! { <ArrivedPart pair record label=specs[0].label /> }.into_any()
        }
        (None, true) => view! {
            <button type="button" on:click=begin>
                {start}
            </button>
        }
        .into_any(),
        (None, false) => ().into_any(),
    }
}

/// The other side's part of a session as it arrived: its text and how
/// they felt.
#[component]
fn ArrivedPart(pair: Id, record: Id, label: &'static str) -> impl IntoView {
    let state = AppState::expect();
    let text = state.read_in(
        pair,
        Scope::Record(record),
        Box::new(move |p| match p.record(record).map(|r| &r.body) {
            Some(Body::SessionPart(part)) => match (part.feeling_before, part.feeling_after) {
                (Some(b), Some(a)) => format!("{} (felt {b} before, {a} after)", part.text),
                _ => part.text.clone(),
            },
            _ => String::new(),
        }),
    );
    view! {
        <p class="session-part">
            <strong>{label}</strong>
            ": "
            {move || text.get()}
        </p>
    }
}

/// This device's private note on a session: kept in this browser only.
#[component]
fn PrivateNote(
    session: Id,
    /// The session as the field's name calls it.
    named: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let note = RwSignal::new(state.private_note(session));
    let problem = RwSignal::new(None::<String>);
    let on_input = Callback::new(move |text: String| {
        problem.set(state.save_private_note(session, &text).err());
        note.set(text);
    });
    view! {
        <TextField
            label="Private notes"
            hint="Only on this device: never exported, shared or merged."
            kind=TextKind::Paragraph
            value=note
            on_input
            of=named
        />
        {problem_view(problem)}
    }
}

/// An action item: a checkbox that marks it done, who and when, and
/// "overdue" once its date has passed.
pub fn action_line(state: AppState, pair: Id, record: Id, prefix: &'static str) -> AnyView {
    let action = state.read_in(
        pair,
        Scope::Record(record),
        Box::new(move |p| match p.record(record).map(|r| &r.body) {
            Some(Body::ActionItem(a)) => a.clone(),
            _ => ActionItem::default(),
        }),
    );
    let title = Signal::derive(move || action.with(|a| a.title.clone()));
    let label = Signal::derive(move || format!("{prefix}{}", title.get()));
    let details = Signal::derive(move || {
        action.with(|a| {
            let mut details = format!("Owner: {}", a.owner.label());
            if let Some(due) = a.due {
                details += &format!(" · due {}", local_date(due));
                if a.done_on.is_none() && due < state.clock.today() {
                    details += " · overdue";
                }
            }
            if let Some(on) = a.done_on {
                details += &format!(" · done {}", local_date(on));
            }
            details
        })
    });
    let on_toggle = Callback::new(move |()| {
        let mut body = stored_body(state, pair, record);
        if let Body::ActionItem(a) = &mut body {
            a.done_on = match a.done_on {
                Some(_) => None,
                None => Some(state.clock.today()),
            };
        }
        if let Err(message) = save_record(state, pair, record, body, String::new()) {
            state.refusal.set(Some(message));
        }
    });
    view! {
        <li class="action-item">
            <CheckLine
                id=field_id("action")
                checked=Signal::derive(move || action.with(|a| a.done_on.is_some()))
                label
                details
                on_toggle
            />
            <RecordEditor pair record specs=ACTION_FIELDS noun="action" title named=label />
        </li>
    }
    .into_any()
}

/// A list of the pair's resources or introductions, with a form to add one.
#[component]
fn Gathered(pair: Id, kind: Kind, heading: &'static str, empty: &'static str) -> impl IntoView {
    let state = AppState::expect();
    let ids = state.children(pair, pair, kind);
    let (specs, new_fields, noun, blank, button, adding) = match kind {
        Kind::Resource => (
            RESOURCE_FIELDS,
            &RESOURCE_FIELDS[..3],
            "resource",
            Body::Resource(Resource::default()),
            "Add resource",
            "Share a resource",
        ),
        _ => (
            CONTACT_FIELDS,
            &CONTACT_FIELDS[..5],
            "introduction",
            Body::Contact(Contact::default()),
            "Add introduction",
            "Record an introduction",
        ),
    };
    let heading_id = format!("{noun}-list-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <p class="hint">{move || if ids.with(Vec::is_empty) { empty } else { "" }}</p>
            <ul class="gathered">
                <RecordList
                    ids
                    item=Callback::new(move |record| {
                        view! { <GatheredItem pair record specs noun /> }.into_any()
                    })
                />
            </ul>
            <Folded summary=adding>
                <AddRecord pair parent=pair specs=new_fields blank=blank.clone() button />
            </Folded>
        </section>
    }
}

/// A resource or an introduction in its list: its first field as its title,
/// a folded editor, and its delete button.
#[component]
fn GatheredItem(
    pair: Id,
    record: Id,
    specs: &'static [FieldSpec],
    noun: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    let title = state.read_in(
        pair,
        Scope::Record(record),
        Box::new(move |p| {
            p.record(record)
                .map(|r| (specs[0].get)(&r.body))
                .unwrap_or_default()
        }),
    );
    view! {
        <li class="record-item">
            <span class="record-title">{move || title.get()}</span>
            <RecordEditor pair record specs noun title />
        </li>
    }
}
