use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::super::browser::{local_date, local_day, local_moment, parse_local_datetime};
use super::super::components::field::{TextField, TextKind};
use super::super::components::record_form::{
    problem_view, RecordControls, RecordEditor, RecordList, SESSION_FIELDS,
};
use crate::domain::{agenda_for, Action, Body, Id, Session};
use crate::state::AppState;

/// The Meet stage: when to meet next, logging a session from the agenda
/// template, and the log of sessions, newest first.
#[component]
pub fn MeetPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let now = state.clock.now();
    let today = state.clock.today();
    let sessions = state.read(
        pair,
        Box::new(|p| p.sessions().iter().map(|(r, _)| r.id).collect::<Vec<_>>()),
    );
    let check_in = state.read(
        pair,
        Box::new(move |p| {
            p.check_in(now, today, local_day)
                .map(|c| (c.wording(), c.due, c.drifting()))
        }),
    );
    let when = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let log = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = state.workbook.with_untracked(|w| {
            let p = w.pair(pair)?;
            let open: Vec<String> = p
                .open_actions()
                .into_iter()
                .map(|(_, a)| a.title.clone())
                .collect();
            let agreement = p.agreement().cloned().unwrap_or_default();
            Some(Body::Session(Session {
                starts_at: parse_local_datetime(&when.get_untracked()),
                length_minutes: agreement.length_minutes,
                format: agreement.format,
                agenda: agenda_for(None, &open),
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
    view! {
        <h1>"Meet"</h1>
        <p class="lead">
            "Meet on the rhythm you agreed. Log each session with its agenda and what you decided; open actions carry forward into the next agenda."
        </p>
        <p class="check-in">
            {move || match check_in.get() {
                Some((wording, due, drifting)) => {
                    let drift = if drifting {
                        " You have missed two or more check-ins: agree a date now, or change the cadence in the agreement."
                    } else {
                        ""
                    };
                    format!("Next check-in {wording} ({}).{drift}", local_date(due))
                }
                None => {
                    "Set a start date and a cadence in the agreement to see when the next check-in is due."
                        .to_string()
                }
            }}
        </p>
        <form class="card inline-form" on:submit=log>
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
        {move || {
            sessions
                .with(Vec::is_empty)
                .then(|| {
                    view! {
                        <p class="notice">
                            "No sessions yet. Log your first one above: its agenda starts from a template you can change."
                        </p>
                    }
                })
        }}
        <RecordList
            ids=sessions
            item=Callback::new(move |session| session_card(state, pair, session).into_any())
        />
    }
}

/// One session: when it was, its shared content, and its buttons.
fn session_card(state: AppState, pair: Id, session: Id) -> impl IntoView {
    let title = Signal::derive(move || {
        state.workbook.with(|w| {
            w.pair(pair)
                .and_then(|p| match &p.records.get(&session)?.body {
                    Body::Session(s) => s.starts_at.map(local_moment),
                    _ => None,
                })
                .unwrap_or_default()
        })
    });
    let heading_id = format!("session-{session}");
    let labelled_by = heading_id.clone();
    view! {
        <article class="card session" aria-labelledby=labelled_by>
            <h2 id=heading_id>{move || format!("Session of {}", title.get())}</h2>
            <RecordEditor pair record=session specs=SESSION_FIELDS noun="session" />
            <RecordControls pair record=session noun="session" title dated=true />
        </article>
    }
}
