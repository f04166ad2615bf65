use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::super::browser::{
    download_text, file_text, focus_later, go_to, link_text, location_hash, selected_value,
    stored_text_length,
};
use super::super::chart::escape;
use super::super::components::field::{TextField, TextKind};
use super::super::components::record_form::event_data;
use crate::domain::{preview_import, Role, Workbook};
use crate::route::{Route, SHARE_LINK};
use crate::state::{AppState, Read};
use crate::storage::exchange::{
    check_size, decode_export, encode_export, storage_warning, MAX_IMPORT_BYTES,
};

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
    let erase_clicked = move |ev: leptos::ev::MouseEvent| {
        let Some(step) = event_data(&ev, "data-erase") else {
            return;
        };
        match step.as_str() {
            "ask" => {
                erased.set(false);
                confirming.set(true);
            }
            "yes" => {
                state.erase_everything();
                confirming.set(false);
                erased.set(true);
            }
            _ => confirming.set(false),
        }
        // The pressed button is drawn anew: keep the keyboard where it was.
        focus_later(if step == "ask" {
            "erase-cancel"
        } else {
            "erase-ask"
        });
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
    let erase_html = move || {
        let done = if erased.get() {
            r#"<p role="alert">Everything was erased from this browser.</p>"#
        } else {
            ""
        };
        if !confirming.get() {
            return format!(
                r#"{done}<button type="button" class="danger" id="erase-ask" data-erase="ask">Erase everything from this browser</button>"#
            );
        }
        format!(
            r#"<div class="confirm-box" role="group" aria-labelledby="erase-question"><p id="erase-question"><strong>Erase everything?</strong> {}</p><div class="actions"><button type="button" class="danger" data-erase="yes">Yes, erase everything</button><button type="button" id="erase-cancel" data-erase="no">Cancel</button></div></div>"#,
            escape(&what_goes())
        )
    };
    view! {
        <h1>"Settings"</h1>
        <Sharing />
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
            <div on:click=erase_clicked inner_html=erase_html></div>
        </section>
    }
}

/// Offers a workbook file holding `pairs` for download, named for `name`
/// and today, or says why it could not.
pub fn offer_export(state: AppState, pairs: &[crate::domain::Id], name: &str) {
    let now = state.clock.now();
    let text = state
        .workbook
        .with_untracked(|w| encode_export(w, pairs, now));
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let file = format!(
        "trellis-{}-{}.json",
        slug.trim_matches('-'),
        state.clock.today()
    );
    if download_text(&file, &text, "application/json").is_err() {
        state.refusal.set(Some(
            "The browser refused the download. Try again, or allow downloads for this site.".into(),
        ));
        return;
    }
    mark_sent(state, pairs, now);
}

/// Notes that `pairs` were sent at `now`, for the export reminder.
pub fn mark_sent(state: AppState, pairs: &[crate::domain::Id], now: chrono::DateTime<chrono::Utc>) {
    state.update_device(|d| {
        for pair in pairs {
            d.exported.insert(*pair, now);
        }
    });
}

/// Exporting the whole workbook, and importing a file: read completely,
/// previewed, then merged or replaced on the user's word.
#[component]
fn Sharing() -> impl IntoView {
    let state = AppState::expect();
    // The file or link read and waiting for the user's word, and which
    // it was; the preview is drawn from it against the workbook as it is.
    let incoming = RwSignal::new(None::<(Workbook, &'static str)>);
    let message = RwSignal::new(None::<String>);
    let export_all = move |_| {
        let ids: Vec<_> = state
            .workbook
            .with_untracked(|w| w.live_pairs().into_iter().map(|(id, _)| id).collect());
        offer_export(state, &ids, "workbook");
    };
    let preview = move || {
        incoming.with(|read| {
            let Some((book, what)) = read else {
                return String::new();
            };
            state.workbook.with(|w| {
                preview_html(
                    what,
                    &preview_import(w, book),
                    storage_warning(w, book, stored_text_length()),
                )
            })
        })
    };
    let show = move |read: Result<String, String>, what: &'static str| {
        let read = read.and_then(|text| decode_export(&text).map_err(|e| e.to_string()));
        match read {
            Ok(book) => {
                incoming.set(Some((book, what)));
                message.set(None);
                if what == "link" {
                    // A link opens Settings at the top; bring its question to view.
                    focus_later("import-question");
                }
            }
            Err(problem) => {
                incoming.set(None);
                message.set(Some(format!(
                    "This {what} cannot be imported: {problem}. Nothing was changed."
                )));
            }
        }
    };
    let open = move |file: web_sys::File| {
        if let Err(problem) = check_size(file.size() as usize) {
            show(Err(problem.to_string()), "file");
            return;
        }
        leptos::task::spawn_local(async move { show(file_text(file).await, "file") });
    };
    let route = expect_context::<RwSignal<Route>>();
    Effect::new(move |_| {
        if route.get() != Route::Share {
            return;
        }
        let hash = location_hash();
        leptos::task::spawn_local(async move {
            let text = match hash.strip_prefix(SHARE_LINK) {
                Some(code) => link_text(code, MAX_IMPORT_BYTES).await,
                None => Err("it was made by a newer version of Trellis; reload the page to update it, or ask for the file instead".to_string()),
            };
            show(text, "link");
        });
    });
    let picked = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            open(file);
        }
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            open(file);
        }
    };
    let answer = move |ev: leptos::ev::MouseEvent| {
        let Some(choice) = event_data(&ev, "data-import") else {
            return;
        };
        let Some((book, _)) = incoming.try_update(Option::take).flatten() else {
            return;
        };
        let role = Role::from_choice(&selected_value("import-role"));
        message.set(Some(match choice.as_str() {
            "cancel" => "Import cancelled. Nothing was changed.".into(),
            replace => match state.import(&book, replace == "replace", role) {
                Ok(done) => done,
                Err(problem) => format!("The import stopped: {problem}"),
            },
        }));
        if route.get_untracked() == Route::Share {
            go_to(&Route::Settings.to_hash());
        }
    };
    view! {
        <section class="card" aria-labelledby="sharing-heading">
            <h2 id="sharing-heading">"Share and back up"</h2>
            <p>
                "Send your copy to the other person as a file; they import it and merge it with theirs. Each pair's dashboard exports just that pair. Private notes stay on this device."
            </p>
            <button type="button" on:click=export_all>
                "Export workbook"
            </button>
            <TextField
                label="Remind me to export after (days)"
                hint="The dashboard reminds you when a pair has changes you have not sent for this many days."
                kind=TextKind::Number
                value=Signal::derive(move || {
                    state.device.with(|d| d.remind_after_days.to_string())
                })
                on_input=Callback::new(move |text: String| {
                    if let Ok(days) = text.trim().parse::<u16>() {
                        state.update_device(|d| d.remind_after_days = days.max(1));
                    }
                })
            />
            <div
                class="drop-zone"
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=dropped
            >
                <label for="import-file">"Import a file"</label>
                <p class="hint">
                    "Choose a Trellis file, or drop it here. It is checked completely before anything changes."
                </p>
                <input
                    id="import-file"
                    type="file"
                    accept=".json,application/json"
                    on:change=picked
                />
            </div>
            <p role="status">{move || message.get()}</p>
            <div on:click=answer inner_html=preview></div>
        </section>
    }
}

/// The question whether to import a `what` ("file" or "link"): what a
/// merge would do as a table, a row per pair, after the warning that the
/// result may not fit in storage, if it may not; this device's role in new
/// pairs; merge, replace or cancel.
fn preview_html(
    what: &str,
    previews: &[crate::domain::ImportPreview],
    warning: Option<String>,
) -> String {
    let mut html = format!(
        r#"<div class="confirm-box" role="group" aria-labelledby="import-question"><p id="import-question" tabindex="-1"><strong>Import this {what}?</strong> Merge keeps the newer version of each item from both copies; replace puts the file's pairs in place of yours.</p>"#
    );
    if let Some(warning) = warning {
        html += &format!(r#"<p class="notice">{}</p>"#, escape(&warning));
    }
    html += r#"<table><caption>What a merge would do</caption><thead><tr><th scope="col">Pair</th><th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Kept (yours newer)</th><th scope="col">Deleted</th><th scope="col">Changed on both sides</th></tr></thead><tbody>"#;
    for p in previews {
        html += &format!(
            r#"<tr><th scope="row">{}{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            escape(&p.name),
            if p.new { " (new)" } else { "" },
            p.added,
            p.updated,
            p.kept,
            p.deleted,
            p.conflicts
        );
    }
    html + r#"</tbody></table><div class="field"><label for="import-role">In a pair new to this device, I am</label><select id="import-role"><option value="both">both (shared screen)</option><option value="mentor">the mentor</option><option value="mentee">the mentee</option></select></div><div class="actions"><button type="button" class="primary" data-import="merge">Merge</button><button type="button" class="danger" data-import="replace">Replace</button><button type="button" data-import="cancel">Cancel</button></div></div>"#
}
