//! Labelled form fields: every control has a visible label, and guidance
//! is tied to it with aria-describedby.

use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_FIELD: AtomicUsize = AtomicUsize::new(0);

/// A unique element id for a field, readable in the DOM.
pub fn field_id(label: &str) -> String {
    let n = NEXT_FIELD.fetch_add(1, Ordering::Relaxed);
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("f{n}-{}", slug.trim_matches('-'))
}

/// A field's guidance, when it has any, tied to it by `id`.
fn hint_view(hint: &'static str, id: String) -> impl IntoView {
    (!hint.is_empty()).then(|| {
        view! {
            <p class="hint" id=id>
                {hint}
            </p>
        }
    })
}

/// A control's accessible name when it edits one of several records of
/// the same kind: its label, then the record ("Due date of the milestone:
/// Book the venue"), so that two editors open at once have no two fields
/// of the same name. The label alone names a field that stands by itself.
pub fn name_within(label: &'static str, of: Option<Signal<String>>) -> Option<Signal<String>> {
    of.map(|of| {
        Signal::derive(move || {
            of.with(|of| match of.trim() {
                "" => label.to_string(),
                of => format!("{label}: {of}"),
            })
        })
    })
}

/// What kind of control a text field is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextKind {
    #[default]
    Line,
    Paragraph,
    Date,
    /// A date and a time of day, in the reader's time zone.
    DateTime,
    Number,
    /// A passphrase: hidden as it is typed.
    Passphrase,
}

/// A labelled text, date or number field that reports every change.
#[component]
pub fn TextField(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] kind: TextKind,
    #[prop(optional)] autocomplete: &'static str,
    /// The record the field edits, when the page has others like it.
    #[prop(into, default = None)]
    of: Option<Signal<String>>,
) -> impl IntoView {
    let id = field_id(label);
    let name = name_within(label, of);
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    let input = move |ev| on_input.run(event_target_value(&ev));
    let control = match kind {
        TextKind::Paragraph => view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-label=name
                aria-describedby=described
                prop:value=move || value.get()
                on:input=input
            ></textarea>
        }
        .into_any(),
        _ => {
            let (kind, mode) = match kind {
                TextKind::Date => ("date", None),
                TextKind::DateTime => ("datetime-local", None),
                TextKind::Number => ("number", Some("numeric")),
                TextKind::Passphrase => ("password", None),
                _ => ("text", None),
            };
            let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
            view! {
                <input
                    id=id.clone()
                    type=kind
                    inputmode=mode
                    min=(kind == "number").then_some("1")
                    autocomplete=autocomplete
                    aria-label=name
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=input
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint_view(hint, hint_id)}
            {control}
        </div>
    }
}

/// A labelled drop-down list of fixed choices.
#[component]
pub fn SelectField(
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional)] hint: &'static str,
    /// The record the field edits, when the page has others like it.
    #[prop(into, default = None)]
    of: Option<Signal<String>>,
) -> impl IntoView {
    let id = field_id(label);
    let name = name_within(label, of);
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    // The options are drawn after the value is first set, so the first
    // choice is marked on its option; later ones set the value.
    let first = value.get_untracked();
    let choices = options
        .into_iter()
        .map(|(key, text)| {
            view! {
                <option value=key selected=first == key>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint_view(hint, hint_id)}
            <select
                id=id.clone()
                aria-label=name
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {choices}
            </select>
        </div>
    }
}
