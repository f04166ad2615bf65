use leptos::prelude::*;

use super::super::browser::{focus_later, go_to};
use super::super::chart::escape;
use super::field::push_option;
use super::record_form::event_data;
use crate::domain::{Id, Role};
use crate::route::{PairPage, Route};
use crate::state::{AppState, Read, SaveStatus};

/// The top bar: the workbook's pairs, this device's role in the current
/// pair (both drawn as markup, with one listener), whether all is saved,
/// and settings.
#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::expect();
    let route = expect_context::<RwSignal<Route>>();
    let current_pair = Read::new(move || match route.get() {
        Route::Pair(id, _) => state.workbook.with(|w| w.pair(id).map(|_| id)),
        _ => None,
    });
    let pairs = Read::new(move || {
        state.workbook.with(|w| {
            w.live_pairs()
                .into_iter()
                .filter_map(|(id, p)| Some((id, p.info()?.display_name())))
                .collect::<Vec<_>>()
        })
    });

    let choices = move || {
        let current = current_pair.get();
        let mut html = pairs.with(|pairs| {
            if pairs.is_empty() {
                return String::new();
            }
            let mut html = String::from(
                r#"<div class="header-field"><label for="pair-switcher">Pair</label><select id="pair-switcher">"#,
            );
            push_option(&mut html, "", "All pairs", current.is_none());
            for (id, name) in pairs {
                push_option(
                    &mut html,
                    &id.to_string(),
                    &escape(name),
                    current == Some(*id),
                );
            }
            html + "</select></div>"
        });
        if let Some(pair) = current {
            let role = state.role(pair);
            html += r#"<div class="header-field"><label for="device-role">On this device I am</label><select id="device-role">"#;
            for (value, text, this) in ROLES {
                push_option(&mut html, value, text, role == this);
            }
            html += "</select></div>";
        }
        html
    };
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(select) = event_data(&ev, "id") else {
            return;
        };
        if select == "pair-switcher" {
            match Id::parse(&value) {
                Some(id) => go_to(&Route::Pair(id, PairPage::Dashboard).to_hash()),
                None => go_to(&Route::Home.to_hash()),
            }
        } else if let Some(pair) = current_pair.get() {
            state.set_role(pair, Role::from_choice(&value));
        }
        focus_later(select);
    };

    view! {
        <header class="app-header">
            <a class="brand" href="#/" inner_html=BRAND></a>
            <div class="header-choices" on:change=choose inner_html=choices></div>
            <SaveIndicator />
            <a class="header-link" href="#/settings">
                "Settings"
            </a>
        </header>
    }
}

/// The brand link's content, static markup. (A literal in `view!` would be
/// set as an attribute named `inner_html`, so it is a constant.)
const BRAND: &str = r#"<span aria-hidden="true" class="brand-mark">❦</span>Trellis"#;

/// Who this device's user may be in a pair: (value, text, role).
const ROLES: [(&str, &str, Role); 3] = [
    ("mentor", "the mentor", Role::Mentor),
    ("mentee", "the mentee", Role::Mentee),
    ("both", "both (shared screen)", Role::Both),
];

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
