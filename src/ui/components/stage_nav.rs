use leptos::prelude::*;

use crate::domain::{Id, Stage, StageStatus};
use crate::route::{PairPage, Route};
use crate::state::{AppState, Read};

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

/// Where the pair stands in each stage, in the order of `Stage::ALL`.
pub fn stage_statuses(state: AppState, pair: Id) -> Read<Vec<StageStatus>> {
    let calendar = state.clock.calendar();
    state.read(
        pair,
        Box::new(move |p| {
            Stage::ALL
                .into_iter()
                .map(|stage| p.stage_status(stage, calendar))
                .collect()
        }),
    )
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
