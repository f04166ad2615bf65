use leptos::prelude::*;

use crate::domain::Id;
use crate::route::{PairPage, Route};
use crate::state::AppState;

/// The pair's pages, each stage with whether it is done, current or due.
#[component]
pub fn StageNav(pair: Id, current: PairPage) -> impl IntoView {
    let state = AppState::expect();
    let links = PairPage::ALL
        .into_iter()
        .map(|page| {
            let calendar = state.clock.calendar();
            let status = state.read(
                pair,
                Box::new(move |p| match page {
                    PairPage::Dashboard => None,
                    PairPage::Stage(stage) => Some(p.stage_status(stage, calendar)),
                }),
            );
            let is_current = page == current;
            view! {
                <li>
                    <a
                        href=Route::Pair(pair, page).to_hash()
                        aria-current=is_current.then_some("page")
                        class:current=is_current
                    >
                        <span class="stage-name">{page.label()}</span>
                        {move || {
                            status
                                .get()
                                .map(|status| {
                                    view! {
                                        " "
                                        <span class=format!(
                                            "stage-status {}",
                                            status.label(),
                                        )>{status.label()}</span>
                                    }
                                })
                        }}
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
