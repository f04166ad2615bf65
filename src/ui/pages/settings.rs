use leptos::prelude::*;

use crate::state::{AppState, Read};

/// What this browser holds, and erasing it.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = AppState::expect();
    let confirming = RwSignal::new(false);
    let erased = RwSignal::new(false);
    let pair_names = Read::new(move || {
        state.workbook.with(|w| {
            w.live_pairs()
                .into_iter()
                .filter_map(|(_, p)| p.info().map(|i| i.display_name()))
                .collect::<Vec<_>>()
        })
    });
    let erase = move |_| {
        state.erase_everything();
        confirming.set(false);
        erased.set(true);
    };
    let what_goes = move || {
        let names = pair_names.get();
        let keys = state.stored_keys().len();
        let pairs = match names.len() {
            0 => "no pairs".to_string(),
            1 => format!("1 pair ({})", names[0]),
            n => format!("{n} pairs ({})", names.join(", ")),
        };
        format!(
            "This permanently removes {pairs}, every confirmation and note in them, this device's roles, and any unreadable data kept aside: {keys} stored items in all. It cannot be undone."
        )
    };
    view! {
        <h1>"Settings"</h1>
        <section class="card" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Data in this browser"</h2>
            <p>
                "Trellis keeps your workbook in this browser's local storage and nowhere else. Each pair is stored separately, and every change is saved as you make it. Clearing the browser's site data removes it."
            </p>
            {move || {
                state
                    .clock
                    .is_shifted()
                    .then(|| {
                        view! {
                            <p class="notice">
                                "The clock is set by the page address (now=…), so dates and due times follow that clock."
                            </p>
                        }
                    })
            }}
            {move || {
                erased
                    .get()
                    .then(|| {
                        view! { <p role="alert">"Everything was erased from this browser."</p> }
                    })
            }}
            {move || {
                if !confirming.get() {
                    return view! {
                        <button
                            type="button"
                            class="danger"
                            on:click=move |_| {
                                erased.set(false);
                                confirming.set(true);
                            }
                        >
                            "Erase everything from this browser"
                        </button>
                    }
                        .into_any();
                }
                view! {
                    <div class="confirm-box" role="group" aria-labelledby="erase-question">
                        <p id="erase-question">
                            <strong>"Erase everything?"</strong>
                            " "
                            {what_goes}
                        </p>
                        <div class="actions">
                            <button type="button" class="danger" on:click=erase>
                                "Yes, erase everything"
                            </button>
                            <button type="button" on:click=move |_| confirming.set(false)>
                                "Cancel"
                            </button>
                        </div>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}
