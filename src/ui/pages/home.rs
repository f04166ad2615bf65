use leptos::prelude::*;

use super::super::app::focus_when_drawn;
use super::super::browser::{go_to, local_date};
use super::super::components::field::TextField;
use super::super::components::record_form::{problem_view, RecordList, SaveButton};
use super::super::components::stage_nav::{stage_badge, stage_statuses};
use super::super::demo::enter;
use super::settings::ImportFile;
use crate::domain::json::Named;
use crate::domain::{Action, Id, Role, Stage};
use crate::route::{in_demo, PairPage, Route};
use crate::state::{AppState, Read};

/// The workbook's front page: a welcome when it is empty, else its pairs.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = AppState::expect();
    let creating = RwSignal::new(false);
    let pairs = state.listed_pairs();
    let any_pairs = Read::new(move || pairs.with(|p| !p.is_empty()));
    let front = move || {
        if any_pairs.get() {
            view! {
                <h1>"Your pairs"</h1>
                <ul class="pair-list">
                    <RecordList ids=pairs item=Callback::new(move |id| pair_card(state, id)) />
                </ul>
            }
            .into_any()
        } else {
            welcome().into_any()
        }
    };
    // Kept on the page after an import fills the workbook, so its message
    // stays in view.
    let offer_import = !in_demo() && !untrack(move || any_pairs.get());
    let create = NodeRef::<leptos::html::Button>::new();
    let cancel = Callback::new(move |_| {
        creating.set(false);
        focus_when_drawn(create);
    });

    view! {
        {front}
        {move || {
            if creating.get() {
                view! { <CreatePairForm on_cancel=cancel /> }.into_any()
            } else {
                view! {
                    <p>
                        <button
                            type="button"
                            class="primary"
                            node_ref=create
                            on:click=move |_| creating.set(true)
                        >
                            "Create pair"
                        </button>
                    </p>
                }
                    .into_any()
            }
        }}
        {(!in_demo())
            .then(|| {
                view! {
                    <p>
                        <button type="button" on:click=|_| enter()>
                            "Try the sample pair"
                        </button>
                        " See all four stages filled in, in a demo kept apart from your workbook."
                    </p>
                }
            })}
        {offer_import
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="import-heading">
                        <h2 id="import-heading">"Received a workbook?"</h2>
                        <p>
                            "If your mentor or mentee sent you their Trellis file, import it here and carry on from their copy."
                        </p>
                        <ImportFile />
                    </section>
                }
            })}
    }
}

/// A pair on the front page: its name (a link to its dashboard), where
/// each stage stands, its open actions and the next evaluation, or when it
/// closed.
fn pair_card(state: AppState, pair: Id) -> AnyView {
    let calendar = state.clock.calendar();
    let statuses = stage_statuses(state, pair);
    let summary = state.read(
        pair,
        Box::new(move |p| {
            let Some(info) = p.info() else {
                return Default::default();
            };
            let line = if let Some(on) = info.closed_on {
                format!("Closed on {}.", local_date(on))
            } else {
                let open = format!("Open actions: {}.", p.open_actions().len());
                match p.next_evaluation(calendar.today) {
                    Some(e) => format!("{open} Next evaluation {}.", e.wording()),
                    None => open,
                }
            };
            (info.display_name(), line)
        }),
    );
    let badges = Stage::ALL
        .into_iter()
        .map(|stage| {
            view! {
                {stage_badge(statuses, stage, true)}
                " "
            }
        })
        .collect_view();
    view! {
        <li class="card">
            <h2>
                <a href=Route::Pair(pair, PairPage::Dashboard)
                    .to_hash()>{move || summary.with(|s| s.0.clone())}</a>
            </h2>
            <p class="stage-line">{badges}</p>
            <p class="hint">{move || summary.with(|s| s.1.clone())}</p>
        </li>
    }
    .into_any()
}

/// What Trellis is, for someone opening it the first time.
fn welcome() -> impl IntoView {
    view! {
        <h1>"Welcome to Trellis"</h1>
        <p class="lead">
            "A workbook for a mentor and a mentee. It walks you both from a first agreement, through goals and regular meetings, to an honest look back at what the mentoring changed."
        </p>
        <ol class="journey">
            <li>
                <strong>"Agree"</strong>
                " how you will work together, and both confirm it."
            </li>
            <li>
                <strong>"Plan"</strong>
                " objectives the mentee can measure, and the steps towards them."
            </li>
            <li>
                <strong>"Meet"</strong>
                " regularly, and keep a log of what you discussed and decided."
            </li>
            <li>
                <strong>"Review"</strong>
                " the relationship from both sides, and adjust."
            </li>
        </ol>
        <p>
            "Everything stays in this browser: there is no account and nothing is sent anywhere. Start by creating a pair for the two of you."
        </p>
    }
}

/// Asks for both names and this device's role, then opens the new pair.
#[component]
fn CreatePairForm(on_cancel: Callback<()>) -> impl IntoView {
    let state = AppState::expect();
    let mentor = RwSignal::new(String::new());
    let mentee = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Both);
    let problem = RwSignal::new(None::<String>);
    let submit = move |()| {
        let action = Action::CreatePair {
            mentor: mentor.get_untracked(),
            mentee: mentee.get_untracked(),
        };
        match state.try_dispatch(action) {
            Ok(applied) => {
                state.set_role(applied.pair, role.get_untracked());
                go_to(&Route::Pair(applied.pair, PairPage::Stage(Stage::Agree)).to_hash());
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    let heading = NodeRef::<leptos::html::H2>::new();
    // The button that opened the form is gone: the keyboard goes to it.
    focus_when_drawn(heading);
    view! {
        <form class="card form">
            <h2 id="new-pair-heading" tabindex="-1" node_ref=heading>
                "New pair"
            </h2>
            <TextField
                label="Mentor's name"
                value=mentor
                on_input=Callback::new(move |v| mentor.set(v))
                autocomplete="off"
            />
            <TextField
                label="Mentee's name"
                value=mentee
                on_input=Callback::new(move |v| mentee.set(v))
                autocomplete="off"
            />
            <fieldset>
                <legend>"On this device I am"</legend>
                {role_choice(role, Role::Mentor, "Mentor", "You write the mentor's parts here.")}
                {role_choice(role, Role::Mentee, "Mentee", "You write the mentee's parts here.")}
                {role_choice(
                    role,
                    Role::Both,
                    "Both",
                    "A shared screen or a facilitator: either side can be written here.",
                )}
            </fieldset>
            {problem_view(problem)}
            <div class="actions">
                <SaveButton text="Create pair" primary=true save=submit />
                <button type="button" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// One of the new pair's choices of this device's role: "Both" is chosen
/// until another is.
fn role_choice(
    chosen: RwSignal<Role>,
    role: Role,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let id = format!("role-{}", role.name());
    view! {
        <div class="choice">
            <input
                type="radio"
                name="new-pair-role"
                id=id.clone()
                value=role.name()
                checked=role == Role::Both
                on:change=move |_| chosen.set(role)
            />
            <label for=id>{label}</label>
            <span class="hint">{hint}</span>
        </div>
    }
}
