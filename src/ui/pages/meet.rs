use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;

use super::super::browser::{
    download_text, focus_later, local_date, local_datetime_text, local_moment, parse_local_datetime,
};
use super::super::chart::escape;
use super::super::components::field::{field_id, push_option, TextField, TextKind};
use super::super::components::record_form::{
    check_line, check_markup, event_data, problem_view, save_record, stored_body, AddRecord,
    RecordControls, RecordEditor, RecordItem, RecordList, ACTION_FIELDS, CONTACT_FIELDS,
    MENTEE_PART_FIELDS, MENTOR_PART_FIELDS, RESOURCE_FIELDS, SESSION_FIELDS,
};
use crate::domain::{
    agenda_for, calendar_file, Action, ActionItem, Body, CalendarEvent, Contact, Id, Kind,
    Objective, Resource, Session, SessionPart, Side, PROMPTS,
};
use crate::state::{AppState, Read};

/// The Meet stage: when to meet next, logging sessions from the agenda
/// template, the log itself, open actions, resources and introductions.
#[component]
pub fn MeetPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let calendar = state.clock.calendar();
    let query = RwSignal::new(String::new());
    let objective = RwSignal::new(String::new());
    let sessions = state.read(
        pair,
        Box::new(move |p| {
            let objective = objective.with(|o| Id::parse(o));
            query.with(|q| p.find_sessions(q, objective))
        }),
    );
    let all_sessions = state.children(pair, pair, Kind::Session);
    let objectives = state.read(pair, Box::new(objective_titles));
    let open_actions = state.read(
        pair,
        Box::new(|p| p.open_actions().into_iter().map(|(id, _)| id).collect()),
    );
    let check_in = state.read(pair, Box::new(move |p| check_in_text(p, calendar)));
    let overdue = state.read(pair, Box::new(move |p| p.overdue_actions(calendar.today)));
    let download_next = move |_| {
        let next = state.workbook.with_untracked(|w| {
            let p = w.pair(pair)?;
            let due = p.check_in(calendar)?.due;
            let time_of_day = p
                .sessions()
                .into_iter()
                .find_map(|(_, s)| s.starts_at)
                .map(|at| local_datetime_text(at)[10..].to_string())
                .unwrap_or_else(|| "T09:00".into());
            Some((due, parse_local_datetime(&format!("{due}{time_of_day}"))?))
        });
        let Some((due, starts_at)) = next else {
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
                        "Set a start date and a cadence in the agreement to see when the next check-in is due."
                            .to_string()
                    } else {
                        text
                    }
                }}
            </p>
            <p class="overdue">
                {move || match overdue.with(Vec::len) {
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
        <LogSession pair />
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
                        on:change=move |ev| objective.set(event_target_value(&ev))
                        inner_html=move || {
                            let chosen = objective.get();
                            let mut html = String::new();
                            push_option(&mut html, "", "All objectives", chosen.is_empty());
                            objectives
                                .with(|list| {
                                    for (id, title) in list {
                                        let id = id.to_string();
                                        push_option(&mut html, &id, &escape(title), chosen == id);
                                    }
                                });
                            html
                        }
                    ></select>
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
                    view! { <SessionCard pair session /> }.into_any()
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
                    item=Callback::new(move |id| action_line(state, pair, id))
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
    state.workbook.with_untracked(|w| {
        w.pair(pair)
            .and_then(|p| p.agreement())
            .map_or(60, |a| a.length_minutes)
    })
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
fn LogSession(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let when = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let template = RwSignal::new(
        state
            .pair_info(pair)
            .map(|i| i.agenda_template)
            .unwrap_or_default(),
    );
    let log = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = state.workbook.with_untracked(|w| {
            let p = w.pair(pair)?;
            let open: Vec<String> = p
                .open_actions()
                .into_iter()
                .map(|(_, a)| a.title.clone())
                .collect();
            let own = p.info().map(|i| i.agenda_template.as_str());
            let agreement = p.agreement().cloned().unwrap_or_default();
            Some(Body::Session(Session {
                starts_at: parse_local_datetime(&when.get_untracked()),
                length_minutes: agreement.length_minutes,
                format: agreement.format,
                agenda: agenda_for(own, &open),
                ..Session::default()
            }))
        });
        let Some(body) = body else { return };
        match state.try_dispatch(Action::Add {
            pair,
            parent: pair,
            body,
        }) {
            Ok(_) => {
                when.set(String::new());
                problem.set(None);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    let save_template = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(mut info) = state.pair_info(pair) {
            info.agenda_template = template.get_untracked();
            state.dispatch(Action::UpdatePair { pair, info });
        }
    };
    view! {
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">"Log a session"</h2>
            <form class="inline-form" on:submit=log>
                <TextField
                    label="Date and time of the session"
                    kind=TextKind::DateTime
                    value=when
                    on_input=Callback::new(move |v| when.set(v))
                />
                <button type="submit" class="primary">
                    "Log session"
                </button>
                {problem_view(problem)}
            </form>
            <details class="editor">
                <summary>"Our agenda template"</summary>
                <form on:submit=save_template>
                    <TextField
                        label="Agenda template"
                        hint="New sessions start from this text, followed by the open actions. Leave it empty to use the built-in agenda: check-in, actions from last time, progress on objectives, a challenge, experience shared, next steps."
                        kind=TextKind::Paragraph
                        value=template
                        on_input=Callback::new(move |v| template.set(v))
                    />
                    <button type="submit">"Save agenda template"</button>
                </form>
            </details>
        </section>
    }
}

/// One session: when it was, its shared content, each side's part, this
/// device's private note, its actions, and its buttons.
#[component]
fn SessionCard(pair: Id, session: Id) -> impl IntoView {
    let state = AppState::expect();
    let title = Signal::derive(move || {
        state.workbook.with(|w| {
            w.pair(pair)
                .and_then(|p| match &p.record(session)?.body {
                    Body::Session(s) => s.starts_at.map(local_moment),
                    _ => None,
                })
                .unwrap_or_else(|| "no date".into())
        })
    });
    let actions = state.children(pair, session, Kind::ActionItem);
    let heading_id = format!("session-{session}");
    let labelled_by = heading_id.clone();
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
            <RecordEditor pair record=session specs=SESSION_FIELDS noun="session" />
            <PromptPicker pair session />
            <ObjectivesTouched pair session />
            <SessionPartView pair session side=Side::Mentee />
            <SessionPartView pair session side=Side::Mentor />
            <PrivateNote session />
            <h4>"Actions"</h4>
            <ul class="actions-list">
                <RecordList
                    ids=actions
                    item=Callback::new(move |id| action_line(state, pair, id))
                />
            </ul>
            <AddRecord
                pair
                parent=session
                specs=ACTION_FIELDS
                blank=Body::ActionItem(ActionItem::default())
                button="Add action"
            />
            <details class="editor">
                <summary>"Share a resource from this session"</summary>
                <AddRecord
                    pair
                    parent=pair
                    specs=&RESOURCE_FIELDS[..3]
                    blank=Body::Resource(Resource {
                        session: Some(session),
                        ..Resource::default()
                    })
                    button="Add resource"
                />
            </details>
            <details class="editor">
                <summary>"Record an introduction from this session"</summary>
                <AddRecord
                    pair
                    parent=pair
                    specs=&CONTACT_FIELDS[..5]
                    blank=Body::Contact(Contact {
                        session: Some(session),
                        ..Contact::default()
                    })
                    button="Add introduction"
                />
            </details>
            <div class="record-controls">
                <button type="button" on:click=download>
                    "Download calendar file (.ics)"
                </button>
            </div>
            <RecordControls pair record=session noun="session" title dated=true />
        </article>
    }
}

/// The prompt bank: pick an open question and add it to the session's
/// questions.
#[component]
fn PromptPicker(pair: Id, session: Id) -> impl IntoView {
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
                on:change=move |ev| chosen.set(event_target_value(&ev))
                inner_html=prompt_options()
            ></select>
            <button type="button" on:click=insert>
                "Insert question"
            </button>
        </div>
    }
}

/// The prompt bank's choices as markup: a group per purpose.
fn prompt_options() -> String {
    let mut html = String::from(r#"<option value="">Choose an open question</option>"#);
    for group in PROMPTS {
        html += &format!(r#"<optgroup label="{}">"#, escape(group.purpose));
        for question in group.questions {
            let question = escape(question);
            html += &format!(r#"<option value="{question}">{question}</option>"#);
        }
        html += "</optgroup>";
    }
    html
}

/// Which objectives a session touched, as checkboxes.
#[component]
fn ObjectivesTouched(pair: Id, session: Id) -> impl IntoView {
    let state = AppState::expect();
    let boxes = state.read(
        pair,
        Box::new(move |p| {
            let list = objective_titles(p);
            if list.is_empty() {
                return String::new();
            }
            let touched = match p.record(session).map(|r| &r.body) {
                Some(Body::Session(s)) => s.objectives.clone(),
                _ => Vec::new(),
            };
            let mut html = String::from(
                r#"<fieldset class="touched"><legend>Objectives this session touched</legend>"#,
            );
            for (objective, title) in list {
                let checked = if touched.contains(&objective) {
                    " checked"
                } else {
                    ""
                };
                html += &format!(
                    r#"<div class="choice"><input type="checkbox" id="touch-{session}-{objective}" data-objective="{objective}"{checked}><label for="touch-{session}-{objective}">{}</label></div>"#,
                    escape(&title)
                );
            }
            html + "</fieldset>"
        }),
    );
    let toggle = move |ev: leptos::ev::Event| {
        let Some(objective) = event_data(&ev, "data-objective").and_then(|o| Id::parse(&o)) else {
            return;
        };
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
        focus_later(format!("touch-{session}-{objective}"));
    };
    view! { <div on:change=toggle inner_html=move || boxes.get()></div> }
}

/// One side's own part of a session. This device writes the sides its
/// role allows; the other side's part is shown as it arrived.
#[component]
fn SessionPartView(pair: Id, session: Id, side: Side) -> impl IntoView {
    let state = AppState::expect();
    let part: Read<Vec<Id>> = state.read(
        pair,
        Box::new(move |p| {
            p.session_part(session, side)
                .map(|(id, _)| id)
                .into_iter()
                .collect()
        }),
    );
    let writable = Signal::derive(move || state.role(pair).can_act_for(side));
    let (specs, noun, start) = match side {
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
    let label = specs[0].label;
    // What a device that does not edit the part shows: the part as it
    // arrived, or the button that begins it.
    let shown = state.read(
        pair,
        Box::new(move |p| {
            let writable = state.role(pair).can_act_for(side);
            match p.session_part(session, side) {
                Some(_) if writable => String::new(),
                Some((_, part)) => {
                    let felt = match (part.feeling_before, part.feeling_after) {
                        (Some(b), Some(a)) => format!(" (felt {b} before, {a} after)"),
                        _ => String::new(),
                    };
                    format!(
                        r#"<p class="session-part"><strong>{label}</strong>: {}{felt}</p>"#,
                        escape(&part.text)
                    )
                }
                None if writable => {
                    format!(r#"<button type="button" data-begin="">{start}</button>"#)
                }
                None => String::new(),
            }
        }),
    );
    let begin = move |ev: MouseEvent| {
        if event_data(&ev, "data-begin").is_some() {
            state.dispatch(Action::Add {
                pair,
                parent: session,
                body: Body::SessionPart(SessionPart {
                    side: Some(side),
                    ..SessionPart::default()
                }),
            });
        }
    };
    move || match part.get().first().copied().filter(|_| writable.get()) {
        Some(record) => view! { <RecordEditor pair record specs noun /> }.into_any(),
        None => view! { <div on:click=begin inner_html=move || shown.get()></div> }.into_any(),
    }
}

/// This device's private note on a session: kept in this browser only.
#[component]
fn PrivateNote(session: Id) -> impl IntoView {
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
        />
        {problem_view(problem)}
    }
}

/// An action item: a checkbox that marks it done, who and when, and
/// "overdue" once its date has passed.
pub fn action_line(state: AppState, pair: Id, record: Id) -> AnyView {
    let title = state.read(
        pair,
        Box::new(move |p| match p.record(record).map(|r| &r.body) {
            Some(Body::ActionItem(a)) => a.title.clone(),
            _ => String::new(),
        }),
    );
    let id = field_id("action");
    let box_id = id.clone();
    let line = state.read(
        pair,
        Box::new(move |p| {
            let Some(Body::ActionItem(a)) = p.record(record).map(|r| &r.body) else {
                return String::new();
            };
            let mut details = format!(" {}", a.owner.label());
            if let Some(due) = a.due {
                details += &format!(" · due {}", local_date(due));
                if a.done_on.is_none() && due < state.clock.today() {
                    details += " · overdue";
                }
            }
            if let Some(on) = a.done_on {
                details += &format!(" · done {}", local_date(on));
            }
            check_markup(&box_id, a.done_on.is_some(), &escape(&a.title), &details)
        }),
    );
    let toggle = Callback::new(move |()| {
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
            {check_line(id, line, toggle)}
            <RecordEditor pair record specs=ACTION_FIELDS noun="action" />
            <RecordControls pair record noun="action" title dated=true />
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
                        view! { <RecordItem pair record specs noun /> }.into_any()
                    })
                />
            </ul>
            <details class="editor">
                <summary>{adding}</summary>
                <AddRecord pair parent=pair specs=new_fields blank button />
            </details>
        </section>
    }
}
