use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::super::browser::{go_to, local_date};
use super::super::components::field::TextField;
use super::meet::check_in_text;
use crate::domain::{
    Action, Body, Calendar, Id, Kind, ObjectiveStatus, PairData, Stage, StageStatus,
};
use crate::route::{PairPage, Route};
use crate::state::AppState;

/// The pair at a glance: where each stage stands, and the pair's settings.
#[component]
pub fn DashboardPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let name = state.read(
        pair,
        Box::new(|p| p.info().map(|i| i.display_name()).unwrap_or_default()),
    );
    let calendar = state.clock.calendar();
    let stages = state.read(
        pair,
        Box::new(move |p| {
            Stage::ALL
                .map(|s| (s, p.stage_status(s, calendar)))
                .to_vec()
        }),
    );
    view! {
        <h1>"Dashboard"</h1>
        <p class="lead">{move || name.get()}</p>
        <section class="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">"Where you are"</h2>
            <ul class="stage-progress">
                {move || {
                    stages
                        .get()
                        .into_iter()
                        .map(|(stage, status)| {
                            view! {
                                <li>
                                    <a href=Route::Pair(pair, PairPage::Stage(stage))
                                        .to_hash()>{stage.label()}</a>
                                    " "
                                    <span class=format!(
                                        "stage-status {}",
                                        status.label(),
                                    )>{status.label()}</span>
                                    " "
                                    <span class="hint">{explain(stage, status)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
        <AtAGlance pair calendar />
        <PairSettings pair />
    }
}

fn explain(stage: Stage, status: StageStatus) -> &'static str {
    match (stage, status) {
        (Stage::Agree, StageStatus::Done) => "Both of you have confirmed the agreement.",
        (Stage::Agree, StageStatus::Due) => {
            "The agreement changed after it was confirmed: confirm it again."
        }
        (Stage::Agree, _) => "Fill in the agreement together, then both confirm it.",
        (Stage::Plan, StageStatus::Done) => "Every objective is achieved or dropped.",
        (Stage::Plan, StageStatus::Due) => {
            "Agree at least one objective, and catch up on any milestone or step past its date."
        }
        (Stage::Plan, _) => "Objectives are agreed and nothing on the roadmap is late.",
        (Stage::Meet, StageStatus::Due) => {
            "An action or the next check-in is overdue: see the Meet page."
        }
        (Stage::Meet, _) => "Meet on the rhythm you agreed and log each session.",
        (Stage::Review, StageStatus::Done) => "The mentorship is closed.",
        (Stage::Review, StageStatus::Due) => "An evaluation is overdue: each of you answers it.",
        (Stage::Review, _) => "Each of you answers the evaluations as they fall due.",
    }
}

/// What needs doing next, progress on each objective, the last
/// evaluation and the latest wins.
#[component]
fn AtAGlance(pair: Id, calendar: Calendar) -> impl IntoView {
    let state = AppState::expect();
    let facts = state.read(pair, Box::new(move |p| facts(p, calendar)));
    let objectives = state.read(
        pair,
        Box::new(|p| {
            let Some(pair) = p.id() else {
                return Vec::new();
            };
            p.children(pair, Kind::Objective)
                .into_iter()
                .filter_map(|r| match &r.body {
                    Body::Objective(o) if o.status != ObjectiveStatus::Dropped => {
                        Some((o.title.clone(), p.objective_progress(r.id).percent()))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        }),
    );
    let wins = state.read(
        pair,
        Box::new(|p| {
            p.wins()
                .iter()
                .rev()
                .take(3)
                .map(|w| w.what.clone())
                .collect::<Vec<_>>()
        }),
    );
    view! {
        <section class="card" aria-labelledby="glance-heading">
            <h2 id="glance-heading">"At a glance"</h2>
            <ul class="glance">
                {move || facts.get().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
            </ul>
            <h3>"Objectives"</h3>
            <ul class="glance">
                {move || {
                    let list = objectives.get();
                    if list.is_empty() {
                        return view! {
                            <li>"No objectives yet: write the first on the Plan page."</li>
                        }
                            .into_any();
                    }
                    list.into_iter()
                        .map(|(title, percent)| {
                            view! {
                                <li>
                                    {format!("{title}: {percent}% ")}
                                    <progress
                                        max="100"
                                        value=percent
                                        aria-label=format!("Progress on {title}")
                                    ></progress>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
            <h3>"Recent wins"</h3>
            <ul class="glance">
                {move || {
                    let list = wins.get();
                    if list.is_empty() {
                        return view! {
                            <li>"No wins yet: they are recorded as milestones are reached."</li>
                        }
                            .into_any();
                    }
                    list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}

/// The pair's next dates and open work, a sentence each.
fn facts(p: &PairData, calendar: Calendar) -> Vec<String> {
    let check_in = check_in_text(p, calendar);
    let open = p.open_actions().len();
    let overdue = p.overdue_actions(calendar.today).len();
    let mut facts = vec![
        if check_in.is_empty() {
            "No check-in is due: set a start date and a cadence in the agreement.".into()
        } else {
            check_in
        },
        format!("Open actions: {open}, of which {overdue} overdue."),
    ];
    facts.push(match p.next_evaluation(calendar.today) {
        Some(e) => format!("Next evaluation {} ({}).", e.wording(), local_date(e.due)),
        None => "No evaluation is scheduled: set a start date and how often you review in the agreement.".into(),
    });
    let last = p
        .evaluations()
        .into_iter()
        .rev()
        .find(|(r, _)| p.round_complete(r.id));
    facts.push(match last {
        Some((round, e)) => {
            let when = e.due.map(local_date).unwrap_or_default();
            let lowest: Vec<&str> = p
                .lowest_rated(round.id)
                .iter()
                .map(|g| g.practice.label())
                .collect();
            match p.compare(round.id).first() {
                Some(g) => format!(
                    "Last evaluation ({when}): you differ most on {} (mentor {}, mentee {}); rated lowest: {}.",
                    g.practice.label(),
                    g.mentor.unwrap_or_default(),
                    g.mentee.unwrap_or_default(),
                    lowest.join(", ")
                ),
                None => format!("Last evaluation ({when}): no practices were rated."),
            }
        }
        None => "No evaluation has both sides' answers yet.".into(),
    });
    facts
}

/// Renaming and deleting the pair.
#[component]
fn PairSettings(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let title = RwSignal::new(state.pair_info(pair).map(|i| i.title).unwrap_or_default());
    let rename = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(mut info) = state.pair_info(pair) {
            info.title = title.get_untracked().trim().to_string();
            state.dispatch(Action::UpdatePair { pair, info });
        }
    };
    let delete = move |_| {
        let name = state
            .pair_info(pair)
            .map(|i| i.display_name())
            .unwrap_or_default();
        if state
            .dispatch_with_undo(
                Action::DeletePair { pair },
                format!("Deleted the pair {name}."),
            )
            .is_some()
        {
            go_to(&Route::Home.to_hash());
        }
    };
    view! {
        <section class="card" aria-labelledby="pair-settings-heading">
            <h2 id="pair-settings-heading">"This pair"</h2>
            <form class="inline-form" on:submit=rename>
                <TextField
                    label="Pair name"
                    hint="Leave empty to use both names."
                    value=title
                    on_input=Callback::new(move |v| title.set(v))
                />
                <button type="submit">"Rename pair"</button>
            </form>
            <p>
                <button type="button" class="danger" on:click=delete>
                    "Delete pair"
                </button>
                " "
                <span class="hint">"You can undo this straight after."</span>
            </p>
        </section>
    }
}
