use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::super::app::focus_when_drawn;
use super::super::browser::{
    download_text, file_text, focus_selected, go_to, link_text, location_hash, stored_text_length,
};
use super::super::components::field::{TextField, TextKind};
use super::super::components::header::role_select;
use super::super::components::protect::{protect_choice, Protection};
use super::super::components::record_form::SaveButton;
use super::dashboard::{data_table, Row};
use crate::domain::{preview_import, Id, ImportPreview, Role, Workbook};
use crate::route::{Route, SHARE_LINK};
use crate::state::AppState;
use crate::storage::exchange::{
    check_size, encode_export, storage_warning, MAX_IMPORT_BYTES, STORAGE_LIMIT_CHARS,
};
use crate::storage::sealed::{decode_incoming, unseal, Incoming, OpenFault};

/// What this browser holds, and erasing it.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = AppState::expect();
    let confirming = RwSignal::new(false);
    let erased = RwSignal::new(false);
    let pair_names = state.read_workbook(Box::new(|w| {
        w.live_pairs()
            .into_iter()
            .filter_map(|(_, p)| p.info().map(|i| i.display_name()))
            .collect::<Vec<_>>()
    }));
    // Each button takes itself away: the keyboard goes to the one that
    // takes its place.
    let ask_button = NodeRef::<leptos::html::Button>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    let ask = move |_| {
        erased.set(false);
        confirming.set(true);
        focus_when_drawn(cancel_button);
    };
    let erase = move |_| {
        state.erase_everything();
        confirming.set(false);
        erased.set(true);
        focus_when_drawn(ask_button);
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_when_drawn(ask_button);
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
    let erasing = move || {
        if confirming.get() {
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
                        <button
                            type="button"
                            id="erase-cancel"
                            node_ref=cancel_button
                            on:click=cancel
                        >
                            "Cancel"
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                {move || {
                    erased
                        .get()
                        .then(|| {
                            view! { <p role="alert">"Everything was erased from this browser."</p> }
                        })
                }}
                <button
                    type="button"
                    class="danger"
                    id="erase-ask"
                    node_ref=ask_button
                    on:click=ask
                >
                    "Erase everything from this browser"
                </button>
            }
            .into_any()
        }
    };
    view! {
        <h1>"Settings"</h1>
        <Sharing />
        <section class="card" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Data in this browser"</h2>
            <p>
                "Trellis keeps your workbook in this browser's local storage and nowhere else. Each pair is stored separately, and every change is saved as you make it. Clearing the browser's site data removes it."
            </p>
            <p>
                // The browser's answer, shown by a class on the page once
                // it has come (src/ui/link.js, `startOffline`).
                // All three answers take the same place, so the one that
                // comes later moves nothing.
                <span class="storage-answers">
                    <strong class="storage-answer asking">
                        "Persistent storage: asking the browser…"
                    </strong>
                    <strong class="storage-answer kept">"Persistent storage: granted."</strong>
                    <strong class="storage-answer not-kept">
                        "Persistent storage: not granted."
                    </strong>
                </span>
                " Granted, the browser keeps this site's data even when the disk runs low. Otherwise it may delete it to free space, and Safari deletes the data of a site not visited for seven days unless it was added to the Home Screen. Export the workbook now and then to keep a copy."
            </p>
            <p>{move || storage_use(state)}</p>
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
            {erasing}
        </section>
    }
}

/// How much of what a browser keeps for this site its local storage now
/// holds, read again after every save.
fn storage_use(state: AppState) -> String {
    state.save_status.track();
    let used = stored_text_length();
    let shown = if used < 100_000 {
        format!("{} thousand", used.div_ceil(1000))
    } else {
        format!("{}.{} million", used / 1_000_000, used / 100_000 % 10)
    };
    format!(
        "In use: about {shown} of the about 5 million characters a browser keeps for this site ({}%). When it is full, saving stops until you free space; export first.",
        used * 100 / STORAGE_LIMIT_CHARS
    )
}

/// Offers a workbook file holding `pairs` for download, named for `name`
/// and today and locked when `protection` says so, or says why it could
/// not.
pub fn offer_export(state: AppState, pairs: Vec<Id>, name: &str, protection: Protection) {
    let now = state.clock.now();
    let text = state
        .workbook
        .with_untracked(|w| encode_export(w, &pairs, now));
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
    leptos::task::spawn_local(async move {
        let Some(text) = protection.apply(text).await else {
            return;
        };
        if download_text(&file, &text, "application/json").is_err() {
            state.refusal.set(Some(
                "The browser refused the download. Try again, or allow downloads for this site."
                    .into(),
            ));
            return;
        }
        mark_sent(state, &pairs, now);
    });
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
    let protection = Protection::default();
    let export_all = move |_| {
        let ids: Vec<_> = state
            .workbook
            .with_untracked(|w| w.live_pairs().into_iter().map(|(id, _)| id).collect());
        offer_export(state, ids, "workbook", protection);
    };
    view! {
        <section class="card" aria-labelledby="sharing-heading">
            <h2 id="sharing-heading">"Share and back up"</h2>
            <p>
                "Send your copy to the other person as a file; they import it and merge it with theirs. Each pair's dashboard exports just that pair. Private notes stay on this device."
            </p>
            {protect_choice(protection)}
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
            <ImportFile opens_links=true />
        </section>
    }
}

/// "Import a file" (picked or dropped) and a share link opened: what the
/// file holds is checked and previewed, then merged, replaced or left.
#[component]
pub fn ImportFile(
    /// Whether this one reads a share link when one is opened: only one
    /// drawn place may.
    #[prop(optional)]
    opens_links: bool,
) -> impl IntoView {
    let state = AppState::expect();
    // The file or link read and waiting for the user's word, and which
    // it was; the preview is drawn from it against the workbook as it is.
    let incoming = RwSignal::new(None::<(Workbook, &'static str)>);
    let message = RwSignal::new(None::<String>);
    let import_role = RwSignal::new(Role::Both);
    let question = NodeRef::<leptos::html::P>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let preview = state.read_workbook(Box::new(move |w| {
        incoming.with(|read| {
            read.as_ref().map(|(book, what)| {
                (
                    *what,
                    preview_import(w, book),
                    storage_warning(w, book, stored_text_length()),
                )
            })
        })
    }));
    let route = expect_context::<RwSignal<Route>>();
    // The text of a sealed file or link waiting for its passphrase (empty
    // when none is); a link is read only on its own page.
    let locked = RwSignal::new(String::new());
    let locked_what = move || {
        if route.get() == Route::Share {
            "link"
        } else {
            "file"
        }
    };
    let passphrase = RwSignal::new(String::new());
    let show = move |read: Result<String, String>, what: &'static str| {
        locked.set(String::new());
        let read = read.and_then(|text| {
            let incoming = decode_incoming(&text).map_err(|e| e.to_string());
            if matches!(incoming, Ok(Incoming::Sealed(_))) {
                locked.set(text);
            }
            incoming
        });
        incoming.set(None);
        message.set(None);
        match read {
            Ok(Incoming::Plain(book)) => {
                import_role.set(Role::Both);
                incoming.set(Some((book, what)));
                if what == "link" {
                    // A link opens Settings at the top; bring its question to view.
                    focus_when_drawn(question);
                }
            }
            Ok(Incoming::Sealed(_)) => {
                passphrase.set(String::new());
                focus_selected("#unlock-question + form input");
            }
            Err(problem) => message.set(Some(format!(
                "This {what} cannot be imported: {problem}. Nothing was changed."
            ))),
        }
    };
    let unlock = move |()| {
        let Ok(Incoming::Sealed(sealed)) = decode_incoming(&locked.get_untracked()) else {
            return;
        };
        let what = untrack(locked_what);
        message.set(Some("Opening…".into()));
        leptos::task::spawn_local(async move {
            match unseal(&sealed, &passphrase.get_untracked()).await {
                Ok(text) => show(Ok(text), what),
                Err(OpenFault::Wrong) => message.set(Some(format!(
                    "That passphrase does not open this {what} (or the {what} was changed after it was locked). Check it with the person who sent it and try again. Nothing was changed."
                ))),
                Err(fault) => show(Err(fault.to_string()), what),
            }
        });
    };
    let open = move |file: web_sys::File| {
        if let Err(problem) = check_size(file.size() as usize) {
            show(Err(problem.to_string()), "file");
            return;
        }
        leptos::task::spawn_local(async move { show(file_text(file).await, "file") });
    };
    // Once a link is imported or left, its pair leaves the address bar.
    let leave_link = move || {
        if route.get_untracked() == Route::Share {
            go_to(&Route::Settings.to_hash());
        }
    };
    Effect::new(move |_| {
        if !opens_links || route.get() != Route::Share {
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
    // Merge (`Some(false)`), replace (`Some(true)`) or cancel (`None`);
    // with `bring_back`, the pairs deleted here come back from the file.
    let answer = move |replace: Option<bool>, bring_back: bool| {
        let back: Vec<Id> = preview.with_untracked(|p| {
            p.iter()
                .flat_map(|(_, previews, _)| previews)
                .filter(|p| bring_back && p.deleted_here)
                .map(|p| p.pair)
                .collect()
        });
        let Some((book, _)) = incoming.try_update(Option::take).flatten() else {
            return;
        };
        message.set(Some(match replace {
            None => "Import cancelled. Nothing was changed.".into(),
            Some(replace) => match state.import(&book, replace, import_role.get_untracked(), &back)
            {
                Ok(done) => done,
                Err(problem) => format!("The import stopped: {problem}"),
            },
        }));
        // The question has gone with its buttons: the keyboard goes back
        // to where another file is chosen.
        focus_when_drawn(file_input);
        leave_link();
    };
    let unlock_box = move || {
        let what = locked_what();
        (!locked.with(String::is_empty)).then(|| {
            view! {
                <div class="confirm-box" role="group" aria-labelledby="unlock-question">
                    <p id="unlock-question" tabindex="-1">
                        <strong>{format!("This {what} is protected with a passphrase.")}</strong>
                        " It is opened here, in this browser: type the passphrase the other person gave you."
                    </p>
                    <form class="inline-form">
                        <TextField
                            label="Passphrase to open it"
                            kind=TextKind::Passphrase
                            autocomplete="off"
                            value=passphrase
                            on_input=Callback::new(move |text| passphrase.set(text))
                        />
                        <SaveButton text="Open" primary=true save=unlock />
                        <button
                            type="button"
                            on:click=move |_| {
                                locked.set(String::new());
                                message.set(Some("Import cancelled. Nothing was changed.".into()));
                                leave_link();
                            }
                        >
                            "Cancel"
                        </button>
                    </form>
                </div>
            }
        })
    };
    let question_box = move || {
        preview.with(|preview| {
            preview.as_ref().map(|(what, previews, warning)| {
                view! {
                    <div class="confirm-box" role="group" aria-labelledby="import-question">
                        <p id="import-question" tabindex="-1" node_ref=question>
                            <strong>{format!("Import this {what}?")}</strong>
                            " Merge keeps the newer version of each item from both copies; replace puts the file's pairs in place of yours."
                        </p>
                        {warning.clone().map(|warning| view! { <p class="notice">{warning}</p> })}
                        {data_table(
                            "What a merge would do".into(),
                            &[
                                "Pair",
                                "Added",
                                "Updated",
                                "Kept (yours newer)",
                                "Deleted",
                                "Changed on both sides",
                            ],
                            &preview_rows(previews),
                        )}
                        {previews
                            .iter()
                            .any(|p| p.deleted_here)
                            .then(|| {
                                view! {
                                    <p class="notice">
                                        "A pair marked (deleted here) was deleted on this device, and the file still has it: Merge leaves it deleted, \"Merge and bring back the deleted pairs\" puts it back as the file has it."
                                    </p>
                                }
                            })}
                        <div class="field">
                            <label for="import-role">"In a pair new to this device, I am"</label>
                            {role_select(
                                "import-role",
                                [Role::Both, Role::Mentor, Role::Mentee],
                                import_role.into(),
                                Callback::new(move |role| import_role.set(role)),
                            )}
                        </div>
                        <div class="actions">
                            <button
                                type="button"
                                class="primary"
                                on:click=move |_| answer(Some(false), false)
                            >
                                "Merge"
                            </button>
                            <button
                                type="button"
                                class="danger"
                                on:click=move |_| answer(Some(true), false)
                            >
                                "Replace"
                            </button>
                            {previews
                                .iter()
                                .any(|p| p.deleted_here)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            on:click=move |_| answer(Some(false), true)
                                        >
                                            "Merge and bring back the deleted pairs"
                                        </button>
                                    }
                                })}
                            <button type="button" on:click=move |_| answer(None, false)>
                                "Cancel"
                            </button>
                        </div>
                    </div>
                }
            })
        })
    };
    view! {
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
                node_ref=file_input
                on:change=picked
            />
        </div>
        <p role="status">{move || message.get()}</p>
        {unlock_box}
        {question_box}
    }
}

/// What a merge would do, a row per pair of the file.
fn preview_rows(previews: &[ImportPreview]) -> Vec<Row> {
    previews
        .iter()
        .map(|p| {
            let note = match (p.new, p.deleted_here) {
                (true, _) => " (new)",
                (_, true) => " (deleted here)",
                _ => "",
            };
            let name = format!("{}{note}", p.name);
            let counts = [p.added, p.updated, p.kept, p.deleted, p.conflicts];
            (name, counts.iter().map(usize::to_string).collect())
        })
        .collect()
}
