use leptos::prelude::*;

use super::super::browser::{download_text, keep_focus_in_view, use_new_version};
use crate::state::{AppState, Read, SaveStatus};
use crate::storage::browser::Unreadable;

/// The keys whose download failed, with why.
type DownloadErrors = RwSignal<Vec<(String, String)>>;

/// Messages about storage that the user must see: unreadable or newer data,
/// blocked storage, a failed save, a refused change.
#[component]
pub fn Banners() -> impl IntoView {
    let state = AppState::expect();
    let download_errors: DownloadErrors = RwSignal::new(Vec::new());
    let failure = Read::new(move || match state.save_status.get() {
        SaveStatus::Failed(message) => Some(message),
        _ => None,
    });
    view! {
        <div class="banners">
            {move || {
                state
                    .unreadable
                    .with(|list| {
                        list.iter()
                            .map(|u| unreadable_banner(state, u, download_errors))
                            .collect_view()
                    })
            }}
            {move || {
                state
                    .blocked
                    .get()
                    .map(|why| {
                        view! {
                            <div role="alert" class="banner warning">
                                <p>
                                    <strong>
                                        "This browser is not letting Trellis store anything"
                                    </strong>
                                    " ("
                                    {why}
                                    "). You can still try things out, but everything will be gone when this tab closes. Allow this site to store data (a private window often forbids it) and reload."
                                </p>
                            </div>
                        }
                    })
            }}
            {move || {
                failure
                    .get()
                    .map(|message| {
                        view! {
                            <div role="alert" class="banner error">
                                <p>
                                    <strong>"Your latest changes are not saved. "</strong>
                                    {message}
                                </p>
                            </div>
                        }
                    })
            }}
            {move || {
                state
                    .refusal
                    .get()
                    .map(|message| {
                        view! {
                            <div role="alert" class="banner warning">
                                <p>{message}</p>
                                <button type="button" on:click=move |_| state.refusal.set(None)>
                                    "Dismiss message"
                                </button>
                            </div>
                        }
                    })
            }} {new_version_notice()}
        </div>
    }
}

/// Says that a newer version waits, with the button that loads it. Shown
/// by a class the page gets once one does (`startOffline` in
/// src/ui/link.js).
fn new_version_notice() -> impl IntoView {
    view! {
        <div role="status" class="banner new-version">
            <p>
                <strong>"A new version is ready."</strong>
                " Reload to use it. Your workbook stays as it is: it is kept in this browser, apart from the app's files."
            </p>
            <button type="button" on:click=|_| use_new_version()>
                "Reload"
            </button>
        </div>
    }
}

/// One key that could not be read: what happened, that it is kept, a
/// download of its exact text, and why that download failed.
fn unreadable_banner(
    state: AppState,
    unreadable: &Unreadable,
    download_errors: DownloadErrors,
) -> impl IntoView {
    let Unreadable { key, what, error } = unreadable;
    let (headline, advice) = if error.is_newer() {
        (
            format!("This browser holds {what} saved by a newer version of Trellis."),
            "It is kept exactly as it is. Open Trellis's newer version to work with it; until then this version is read-only and changes nothing.",
        )
    } else {
        (
            format!("Data in this browser ({what}) could not be read."),
            "It is kept exactly as it is and nothing will be written over it. Download it to keep a copy or to ask for help with it.",
        )
    };
    let download = {
        let key = key.clone();
        move |_| {
            let file_name = format!("{}.txt", key.replace('/', "-"));
            let result = match state.raw(&key) {
                Some(text) => download_text(&file_name, &text, "text/plain")
                    .map_err(|_| "The browser did not start the download.".to_string()),
                None => Err("That key is no longer in this browser's storage.".into()),
            };
            download_errors.update(|errors| {
                errors.retain(|(k, _)| *k != key);
                if let Err(message) = result {
                    errors.push((key.clone(), message));
                }
            });
        }
    };
    let problem = {
        let key = key.clone();
        move || {
            download_errors.with(|errors| {
                errors
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, message)| view! { <p>{message.clone()}</p> })
            })
        }
    };
    view! {
        <div role="alert" class="banner error">
            <p>
                <strong>{headline}</strong>
                " The problem: "
                {error.to_string()}
                " (stored under the key "
                <code>{key.clone()}</code>
                "). "
                {advice}
            </p>
            <button type="button" on:click=download>
                "Download unreadable data"
            </button>
            {problem}
        </div>
    }
}

/// Offers to undo the last destructive action.
#[component]
pub fn UndoBar() -> impl IntoView {
    let state = AppState::expect();
    let message = Read::new(move || {
        state
            .undo
            .with(|undo| undo.as_ref().map(|offer| offer.message.clone()))
    });
    view! {
        <div class="undo-bar" aria-live="polite">
            {move || {
                message
                    .get()
                    .map(|message| {
                        request_animation_frame(keep_focus_in_view);
                        view! {
                            <div class="undo-card">
                                <span>{message}</span>
                                <button type="button" id="undo" on:click=move |_| state.undo_last()>
                                    "Undo"
                                </button>
                                <button type="button" on:click=move |_| state.undo.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
