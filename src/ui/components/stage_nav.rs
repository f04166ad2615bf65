use leptos::prelude::*;

use crate::domain::{Id, Kind, Stage, StageStatus};
use crate::route::{PairPage, Route};
use crate::state::{AppState, Read, Scope, CHECK_IN, LIVE_ACTIONS};

/// The pair's pages, each stage with whether it is done, current or due.
#[component]
pub fn StageNav(pair: Id, current: PairPage) -> impl IntoView {
    let state = AppState::expect();
    let statuses = stage_statuses(state, pair);
    let links = PairPage::ALL
        .into_iter()
        .map(|page| {
            let here = page == current;
            let status = match page {
                PairPage::Dashboard => None,
                PairPage::Stage(stage) => Some(view! {
                    " "
                    {stage_badge(statuses, stage, false)}
                }),
            };
            view! {
                <li>
                    <a
                        href=Route::Pair(pair, page).to_hash()
                        aria-current=here.then_some("page")
                        class=here.then_some("current")
                    >
                        <span class="stage-name">{page.label()}</span>
                        {status}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="stage-nav" aria-label="Stages of this pair">
            <ol>{links}</ol>
        </nav>
    }
}

/// Where the pair stands in each stage, in the order of `Stage::ALL`. Each
/// stage is read apart and follows only the branches of the pair its
/// status depends on, so ticking a step re-reads the Plan status alone.
pub fn stage_statuses(state: AppState, pair: Id) -> Read<Vec<StageStatus>> {
    let calendar = state.clock.calendar();
    let each = Stage::ALL.map(|stage| {
        Read::new(move || {
            state.track(pair, Scope::Record(pair));
            for scope in stage_reads(stage).iter().copied().flatten() {
                state.track(pair, *scope);
            }
            state.with_pair(pair, |p| p.stage_status(stage, calendar))
        })
    });
    Read::new(move || each.iter().filter_map(Read::get).collect())
}

/// What of the pair a stage's status reads (besides the pair record
/// itself, which says whether it is closed).
fn stage_reads(stage: Stage) -> &'static [&'static [Scope]] {
    match stage {
        Stage::Agree => &[&[Scope::Branch(Kind::Agreement)]],
        Stage::Plan => &[&[Scope::Branch(Kind::Objective)]],
        // Not a session's parts nor an evaluation's answers: answering a
        // rating leaves this status alone.
        Stage::Meet => &[CHECK_IN, LIVE_ACTIONS],
        // The next evaluation follows the agreement's dates and the rounds.
        Stage::Review => &[&[
            Scope::Branch(Kind::Agreement),
            Scope::Branch(Kind::Evaluation),
        ]],
    }
}

/// A stage's status as a coloured word ("due"), after the stage's name
/// ("Plan: due") when `named`.
pub fn stage_badge(statuses: Read<Vec<StageStatus>>, stage: Stage, named: bool) -> impl IntoView {
    let label = move || statuses.with(|s| s.get(stage as usize).map_or("", |s| s.label()));
    view! {
        <span class=move || {
            format!("stage-status {}", label())
        }>
            {move || {
                if named { format!("{}: {}", stage.label(), label()) } else { label().to_string() }
            }}
        </span>
    }
}
