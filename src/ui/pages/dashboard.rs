use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::super::browser::go_to;
use super::super::components::field::TextField;
use crate::domain::{Action, Id, Stage, StageStatus};
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
            <p class="hint">
                "Evaluations and a fuller overview will show here when the Review stage arrives in a later version."
            </p>
        </section>
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
        (_, _) => "Arrives in a later version.",
    }
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
