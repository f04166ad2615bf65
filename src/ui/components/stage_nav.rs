use leptos::prelude::*;

use crate::domain::Id;
use crate::route::{PairPage, Route};
use crate::state::{AppState, Read};

/// The pair's pages, each stage with whether it is done, current or due.
/// Plain links, so drawn as markup.
#[component]
pub fn StageNav(pair: Id, current: PairPage) -> impl IntoView {
    let state = AppState::expect();
    let calendar = state.clock.calendar();
    let links: Read<String> = state.read(
        pair,
        Box::new(move |p| {
            PairPage::ALL
                .into_iter()
                .map(|page| {
                    let status = match page {
                        PairPage::Dashboard => String::new(),
                        PairPage::Stage(stage) => {
                            let label = p.stage_status(stage, calendar).label();
                            format!(r#" <span class="stage-status {label}">{label}</span>"#)
                        }
                    };
                    format!(
                        r#"<li><a href="{}"{}><span class="stage-name">{}</span>{status}</a></li>"#,
                        Route::Pair(pair, page).to_hash(),
                        if page == current {
                            r#" aria-current="page" class="current""#
                        } else {
                            ""
                        },
                        page.label(),
                    )
                })
                .collect()
        }),
    );
    view! {
        <nav class="stage-nav" aria-label="Stages of this pair">
            <ol inner_html=move || links.get()></ol>
        </nav>
    }
}
