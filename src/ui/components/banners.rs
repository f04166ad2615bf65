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
    // The keys whose download failed, with why.
    let download_errors = RwSignal::new(Vec::<(String, String)>::new());
    let failure = move || match state.save_status.get() {
        SaveStatus::Failed(message) => Some(message),
        _ => None,
    };
    let press = move |ev: MouseEvent| {
        if event_data(&ev, "data-dismiss").is_some() {
            state.refusal.set(None);
        } else if let Some(key) = event_data(&ev, "data-key") {
            let file_name = format!("{}.txt", key.replace('/', "-"));
            let result = match state.raw(&key) {
                Some(text) => download_text(&file_name, &text, "text/plain")
                    .map_err(|_| "The browser did not start the download.".to_string()),
                None => Err("That key is no longer in this browser's storage.".into()),
            };
            download_errors.update(|errors| {
                errors.retain(|(k, _)| *k != key);
                if let Err(message) = result {
                    errors.push((key, message));
                }
            });
        }
    };
    let banners = move || {
        let mut html = download_errors.with(|errors| {
            state.unreadable.with(|list| {
                list.iter()
                    .map(|u| {
                        let failed = errors.iter().find(|(k, _)| *k == u.key);
                        unreadable_html(u, failed.map(|(_, message)| message.as_str()))
                    })
                    .collect::<String>()
            })
        });
        if let Some(why) = state.blocked.get() {
            html += &format!(
                r#"<div role="alert" class="banner warning"><p><strong>This browser is not letting Trellis store anything</strong> ({}). You can still try things out, but everything will be gone when this tab closes. Allow this site to store data (a private window often forbids it) and reload.</p></div>"#,
                escape(&why),
            );
        }
        if let Some(message) = failure() {
            html += &format!(
                r#"<div role="alert" class="banner error"><p><strong>Your latest changes are not saved. </strong>{}</p></div>"#,
                escape(&message),
            );
        }
        if let Some(message) = state.refusal.get() {
            html += &format!(
                r#"<div role="alert" class="banner warning"><p>{}</p><button type="button" data-dismiss="">Dismiss message</button></div>"#,
                escape(&message),
            );
        }
        html
    };
    view! { <div class="banners" on:click=press inner_html=banners></div> }
}

/// One key that could not be read, as markup: what happened, that it is
/// kept, a download of its exact text, and why that download failed.
fn unreadable_html(unreadable: &Unreadable, download_error: Option<&str>) -> String {
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
    let key = escape(key);
    let problem = download_error
        .map(|message| format!("<p>{}</p>", escape(message)))
        .unwrap_or_default();
    format!(
        r#"<div role="alert" class="banner error"><p><strong>{}</strong> The problem: {} (stored under the key <code>{key}</code>). {advice}</p><button type="button" data-key="{key}">Download unreadable data</button>{problem}</div>"#,
        escape(&headline),
        escape(&error.to_string()),
    )
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
                        r#"<div class="undo-card"><span>{}</span><button type="button" id="undo" data-undo="">Undo</button><button type="button" data-dismiss="">Dismiss</button></div>"#,
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
