use leptos::prelude::*;

use super::super::browser::{go_to, presenting};
use super::super::tour::TourButton;
use super::record_form::RecordList;
use crate::domain::json::Named;
use crate::domain::{Id, Role};
use crate::route::{PairPage, Route};
use crate::state::{AppState, Read, SaveStatus, Scope};

/// The top bar: the workbook's pairs, this device's role in the current
/// pair, whether all is saved, and settings.
#[component]
pub fn Header(
    /// The pair the address names, while it is in the workbook.
    current_pair: Read<Option<Id>>,
) -> impl IntoView {
    let state = AppState::expect();
    let pairs = state.listed_pairs();
    let any_pairs = Read::new(move || pairs.with(|p| !p.is_empty()));
    let switch = move |ev: leptos::ev::Event| match Id::parse(&event_target_value(&ev)) {
        Some(id) => go_to(&Route::Pair(id, PairPage::Dashboard).to_hash()),
        None => go_to(&Route::Home.to_hash()),
    };
    let switcher = move || {
        any_pairs.get().then(|| {
            view! {
                <div class="header-field">
                    <label for="pair-switcher">"Pair"</label>
                    <select id="pair-switcher" on:change=switch>
                        <option value="" prop:selected=move || current_pair.with(Option::is_none)>
                            "All pairs"
                        </option>
                        <RecordList
                            ids=pairs
                            item=Callback::new(move |id| pair_option(state, id, current_pair))
                        />
                    </select>
                </div>
            }
        })
    };
    let role = move || {
        current_pair.get().map(|pair| {
            view! {
                <div class="header-field">
                    <label for="device-role">"On this device I am"</label>
                    {role_select(
                        "device-role",
                        [Role::Mentor, Role::Mentee, Role::Both],
                        Signal::derive(move || state.role(pair)),
                        Callback::new(move |role| state.set_role(pair, role)),
                    )}
                </div>
            }
        })
    };

    let presenting_view = RwSignal::new(presenting(None));
    let toggle_presenting = move |_| {
        presenting_view.set(presenting(Some(!presenting_view.get_untracked())));
    };

    view! {
        <header class="app-header">
            <a class="brand" href=Route::Home.to_hash()>
                <span aria-hidden="true" class="brand-mark">
                    "❦"
                </span>
                "Trellis"
            </a>
            <div class="header-choices">{switcher}{role}</div>
            <SaveIndicator />
            <TourButton />
            <button
                type="button"
                class="header-link"
                aria-pressed=move || presenting_view.get().to_string()
                on:click=toggle_presenting
            >
                "Presenting view"
            </button>
            <a class="header-link" href=Route::Settings.to_hash()>
                "Settings"
            </a>
        </header>
    }
}

/// A pair in the switcher, chosen while it is the current pair.
fn pair_option(state: AppState, pair: Id, current: Read<Option<Id>>) -> AnyView {
    let name = state.read_in(
        pair,
        Scope::Record(pair),
        Box::new(|p| p.info().map(|i| i.display_name()).unwrap_or_default()),
    );
    view! {
        <option value=pair.to_string() prop:selected=move || current.get() == Some(pair)>
            {move || name.get()}
        </option>
    }
    .into_any()
}

/// A choice of who this device's user is, offered in `order`, showing
/// `chosen` and handing a new choice to `on_choose`.
pub fn role_select(
    id: &'static str,
    order: [Role; 3],
    chosen: Signal<Role>,
    on_choose: Callback<Role>,
) -> impl IntoView {
    let options = order
        .into_iter()
        .map(|role| {
            let text = match role {
                Role::Mentor => "the mentor",
                Role::Mentee => "the mentee",
                Role::Both => "both (shared screen)",
            };
            view! {
                <option value=role.name() prop:selected=move || chosen.get() == role>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            id=id
            on:change=move |ev| on_choose.run(Role::from_choice(&event_target_value(&ev)))
        >
            {options}
        </select>
    }
}

/// Says truthfully whether everything is stored.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = AppState::expect();
    let text = move || match state.save_status.get() {
        SaveStatus::Saved => "Saved",
        SaveStatus::Saving => "Saving…",
        SaveStatus::Failed(_) => "Not saved",
        SaveStatus::ReadOnly if state.blocked.with(Option::is_some) => "Not saved",
        SaveStatus::ReadOnly => "Read-only",
    };
    let class = move || match state.save_status.get() {
        SaveStatus::Saved => "save-status saved",
        SaveStatus::Saving => "save-status saving",
        SaveStatus::Failed(_) | SaveStatus::ReadOnly => "save-status failed",
    };
    view! {
        <p role="status" class=class>
            {text}
        </p>
    }
}
