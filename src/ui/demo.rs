//! The workshop's demo: the sample pair in storage of its own, apart from
//! the workbook's, with a banner that says so and the ways to reset it and
//! to leave it. A page runs either the demo or the workbook, never both:
//! going from one to the other loads the page again.

use leptos::prelude::*;

use super::browser::{go_to, page_address};
use super::qr::QrImage;
use crate::domain::{sample_workbook, Action, Role};
use crate::route::DEMO_HASH;
use crate::state::{new_id, AppState};
use crate::storage::browser::{Store, DEFAULT_PREFIX};

/// The prefix of the demo's keys. It does not start with the workbook's,
/// so no key of one is ever read or written as the other's.
pub const DEMO_PREFIX: &str = "trellis-demo/";

/// The store a page works in: the demo's, or the workbook's.
pub fn store_for(demo: bool) -> Store {
    Store::new(if demo { DEMO_PREFIX } else { DEFAULT_PREFIX })
}

/// Puts the sample pair into an empty demo, dated from today, shown on a
/// shared screen, and saves it at once. Refused (the demo's storage holds
/// a newer version's data), the banners say why.
pub fn fill_if_empty(state: AppState) {
    if state.workbook.with_untracked(|w| !w.pairs.is_empty()) {
        return;
    }
    let (mut book, pair) = sample_workbook(state.clock.now(), &mut new_id);
    let Some(data) = book.pairs.remove(&pair) else {
        return;
    };
    if state.dispatch(Action::Import { data }).is_some() {
        state.set_role(pair, Role::Both);
        state.save_now();
    }
}

/// Loads the page again at `hash`: how the demo is entered, left and
/// reset, so the page's state always belongs to one side.
pub fn reload_at(hash: &str) {
    go_to(hash);
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Opens the demo from the workbook.
pub fn enter() {
    reload_at(DEMO_HASH);
}

/// Says the page is the demo, offers to reset it or leave it, and shows
/// the room a QR code of the demo's address.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = AppState::expect();
    let confirming = RwSignal::new(false);
    let showing_code = RwSignal::new(false);
    let code_dialog = NodeRef::<leptos::html::Dialog>::new();
    let show_code = move |_| {
        showing_code.set(true);
        if let Some(dialog) = code_dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let hide_code = move |_| {
        if let Some(dialog) = code_dialog.get_untracked() {
            dialog.close();
        }
    };
    let address = format!("{}{DEMO_HASH}", page_address());
    let link = address.clone();
    let code = {
        let address = address.clone();
        move || {
            showing_code.get().then(|| {
                view! { <QrImage text=address.clone() name=format!("QR code of {address}") /> }
            })
        }
    };
    let reset = move |_| {
        // Nothing may be written after the keys are gone.
        state.save_now();
        store_for(true).erase_all();
        reload_at(DEMO_HASH);
    };
    view! {
        <div class="banners">
            <section class="banner demo" aria-labelledby="demo-heading">
                <p>
                    <strong id="demo-heading">"This is the demo."</strong>
                    " A sample pair to try Trellis with: change anything. Nothing here is kept in your own workbook."
                </p>
                <p hidden=confirming>
                    <button type="button" on:click=move |_| confirming.set(true)>
                        "Reset demo"
                    </button>
                    " "
                    <button type="button" on:click=move |_| reload_at("#/")>
                        "Leave demo"
                    </button>
                    " "
                    <button type="button" on:click=show_code>
                        "Show a QR code"
                    </button>
                </p>
                <p hidden=move || {
                    !confirming.get()
                }>
                    "Put the sample pair back as it started? Your changes to it are lost. "
                    <button type="button" class="danger" on:click=reset>
                        "Reset demo now"
                    </button> " " <button type="button" on:click=move |_| confirming.set(false)>
                        "Cancel"
                    </button>
                </p>
            </section>
            <dialog
                node_ref=code_dialog
                class="room-code"
                aria-labelledby="room-code-heading"
                on:close=move |_| showing_code.set(false)
            >
                <h2 id="room-code-heading">"Open the demo on your phone"</h2>
                {code}
                <p>
                    "Point your phone's camera at the code, or type the address: "
                    <a href=link>{address}</a>
                </p>
                <button type="button" on:click=hide_code>
                    "Hide the QR code"
                </button>
            </dialog>
        </div>
    }
}
