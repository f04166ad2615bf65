use leptos::ev::MouseEvent;
use leptos::prelude::*;

use super::super::browser::download_text;
use super::super::chart::escape;
use super::record_form::event_data;
use crate::state::{AppState, SaveStatus};
use crate::storage::browser::Unreadable;

/// Messages about storage that the user must see: unreadable or newer data,
/// blocked storage, a failed save, a refused change.
#[component]
pub fn Banners() -> impl IntoView {
    let state = AppState::expect();
    let failure = move || match state.save_status.get() {
        SaveStatus::Failed(message) => Some(message),
        _ => None,
    };
    let dismiss = move |ev: MouseEvent| {
        if event_data(&ev, "data-dismiss").is_some() {
            state.refusal.set(None);
        }
    };
    view! {
        <div class="banners">
            {move || {
                state
                    .unreadable
                    .get()
                    .into_iter()
                    .map(|unreadable| view! { <UnreadableBanner unreadable /> })
                    .collect_view()
            }}
            <div
                on:click=dismiss
                inner_html=move || {
                    let mut html = String::new();
                    if let Some(why) = state.blocked.get() {
                        html
                            += &format!(
                                r#"<div role="alert" class="banner warning"><p><strong>This browser is not letting Trellis store anything</strong> ({}). You can still try things out, but everything will be gone when this tab closes. Allow this site to store data (a private window often forbids it) and reload.</p></div>"#,
                                escape(&why),
                            );
                    }
                    if let Some(message) = failure() {
                        html
                            += &format!(
                                r#"<div role="alert" class="banner error"><p><strong>Your latest changes are not saved. </strong>{}</p></div>"#,
                                escape(&message),
                            );
                    }
                    if let Some(message) = state.refusal.get() {
                        html
                            += &format!(
                                r#"<div role="alert" class="banner warning"><p>{}</p><button type="button" data-dismiss="">Dismiss message</button></div>"#,
                                escape(&message),
                            );
                    }
                    html
                }
            ></div>
        </div>
    }
}

/// One key that could not be read: what happened, that it is kept, and a
/// download of its exact text.
#[component]
fn UnreadableBanner(unreadable: Unreadable) -> impl IntoView {
    let state = AppState::expect();
    let Unreadable { key, what, error } = unreadable;
    let newer = error.is_newer();
    let download_error = RwSignal::new(None::<String>);
    let key_for_download = key.clone();
    let download = move |_| {
        let file_name = format!("{}.txt", key_for_download.replace('/', "-"));
        let result = match state.raw(&key_for_download) {
            Some(text) => download_text(&file_name, &text, "text/plain")
                .map_err(|_| "The browser did not start the download.".to_string()),
            None => Err("That key is no longer in this browser's storage.".into()),
        };
        download_error.set(result.err());
    };
    let headline = if newer {
        format!("This browser holds {what} saved by a newer version of Trellis.")
    } else {
        format!("Data in this browser ({what}) could not be read.")
    };
    let advice = if newer {
        "It is kept exactly as it is. Open Trellis's newer version to work with it; until then this version is read-only and changes nothing."
    } else {
        "It is kept exactly as it is and nothing will be written over it. Download it to keep a copy or to ask for help with it."
    };
    view! {
        <div role="alert" class="banner error">
            <p>
                <strong>{headline}</strong>
                " The problem: "
                {error.to_string()}
                " (stored under the key "
                <code>{key}</code>
                "). "
                {advice}
            </p>
            <button type="button" on:click=download>
                "Download unreadable data"
            </button>
            {move || download_error.get().map(|message| view! { <p>{message}</p> })}
        </div>
    }
}

/// Offers to undo the last destructive action.
#[component]
pub fn UndoBar() -> impl IntoView {
    let state = AppState::expect();
    let offer = move || {
        state
            .undo
            .with(|undo| {
                undo.as_ref().map(|offer| {
                    format!(
                        r#"<div class="undo-card"><span>{}</span><button type="button" data-undo="">Undo</button><button type="button" data-dismiss="">Dismiss</button></div>"#,
                        escape(&offer.message)
                    )
                })
            })
            .unwrap_or_default()
    };
    let press = move |ev: MouseEvent| {
        if event_data(&ev, "data-undo").is_some() {
            state.undo_last();
        } else if event_data(&ev, "data-dismiss").is_some() {
            state.undo.set(None);
        }
    };
    view! { <div class="undo-bar" aria-live="polite" on:click=press inner_html=offer></div> }
}
