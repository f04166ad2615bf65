use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::super::browser::{focus_later, go_to, local_date};
use super::super::chart::escape;
use super::super::components::field::TextField;
use super::super::components::record_form::{html_block, problem_view};
use crate::domain::{Action, Calendar, Id, PairData, Role, Stage};
use crate::route::{PairPage, Route};
use crate::state::{AppState, Read};

/// The workbook's front page: a welcome when it is empty, else its pairs.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = AppState::expect();
    let creating = RwSignal::new(false);
    let front = Read::new(move || {
        let pairs = state.workbook.with(|w| {
            let calendar = state.clock.calendar();
            w.live_pairs()
                .into_iter()
                .filter_map(|(id, p)| pair_html(id, p, calendar))
                .collect::<String>()
        });
        if pairs.is_empty() {
            WELCOME.to_string()
        } else {
            format!(r#"<h1>Your pairs</h1><ul class="pair-list">{pairs}</ul>"#)
        }
    });
    let open_form = move |_| {
        creating.set(true);
        focus_later("new-pair-heading");
    };

    view! {
        {html_block(front)}
        {move || {
            if creating.get() {
                view! { <CreatePairForm on_cancel=Callback::new(move |_| creating.set(false)) /> }
                    .into_any()
            } else {
                view! {
                    <p>
                        <button type="button" class="primary" on:click=open_form>
                            "Create pair"
                        </button>
                    </p>
                }
                    .into_any()
            }
        }}
    }
}

/// A pair on the front page, as a list item of HTML: its name (a link to
/// its dashboard), where each stage stands, its open actions and the next
/// evaluation, or when it closed.
fn pair_html(id: Id, p: &PairData, calendar: Calendar) -> Option<String> {
    let info = p.info()?;
    let mut html = format!(
        r#"<li class="card"><h2><a href="{}">{}</a></h2><p class="stage-line">"#,
        Route::Pair(id, PairPage::Dashboard).to_hash(),
        escape(&info.display_name()),
    );
    for stage in Stage::ALL {
        let status = p.stage_status(stage, calendar).label();
        html += &format!(
            r#"<span class="stage-status {status}">{}: {status}</span> "#,
            stage.label()
        );
    }
    let mut state_line = format!("Open actions: {}.", p.open_actions().len());
    if let Some(on) = info.closed_on {
        state_line = format!("Closed on {}.", local_date(on));
    } else if let Some(e) = p.next_evaluation(calendar.today) {
        state_line += &format!(" Next evaluation {}.", e.wording());
    }
    Some(html + &format!(r#"</p><p class="hint">{state_line}</p></li>"#))
}

/// What Trellis is, for someone opening it the first time: static, so
/// drawn as markup.
const WELCOME: &str = r#"<h1>Welcome to Trellis</h1><p class="lead">A workbook for a mentor and a mentee. It walks you both from a first agreement, through goals and regular meetings, to an honest look back at what the mentoring changed.</p><ol class="journey"><li><strong>Agree</strong> how you will work together, and both confirm it.</li><li><strong>Plan</strong> objectives the mentee can measure, and the steps towards them.</li><li><strong>Meet</strong> regularly, and keep a log of what you discussed and decided.</li><li><strong>Review</strong> the relationship from both sides, and adjust.</li></ol><p>Everything stays in this browser: there is no account and nothing is sent anywhere. Start by creating a pair for the two of you.</p>"#;

/// Asks for both names and this device's role, then opens the new pair.
#[component]
fn CreatePairForm(on_cancel: Callback<()>) -> impl IntoView {
    let state = AppState::expect();
    let mentor = RwSignal::new(String::new());
    let mentee = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Both);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
    let choose_role = move |ev: leptos::ev::Event| {
        role.set(Role::from_choice(&event_target_value(&ev)));
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2 id="new-pair-heading" tabindex="-1">
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
            <fieldset on:change=choose_role inner_html=ROLE_CHOICES></fieldset>
            {problem_view(problem)}
            <div class="actions">
                <button type="submit" class="primary">
                    "Create pair"
                </button>
                <button type="button" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// The new pair's choice of this device's role, as markup: "Both" is
/// chosen until another is.
const ROLE_CHOICES: &str = r#"<legend>On this device I am</legend><div class="choice"><input type="radio" name="new-pair-role" id="role-mentor" value="mentor"><label for="role-mentor">Mentor</label><span class="hint">You write the mentor's parts here.</span></div><div class="choice"><input type="radio" name="new-pair-role" id="role-mentee" value="mentee"><label for="role-mentee">Mentee</label><span class="hint">You write the mentee's parts here.</span></div><div class="choice"><input type="radio" name="new-pair-role" id="role-both" value="both" checked><label for="role-both">Both</label><span class="hint">A shared screen or a facilitator: either side can be written here.</span></div>"#;
