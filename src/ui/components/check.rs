//! A task's line: a checkbox that marks it done, its title as the box's
//! label, and what else a person needs to see at a glance.

use leptos::prelude::*;

/// A checkbox with its label and a quiet line of details beside it. The box
/// stays in the DOM while its task changes, so the focus stays on it.
#[component]
pub fn CheckLine(
    /// The box's element id (its label points at it).
    id: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] label: Signal<String>,
    /// Owner, dates and state, shown after the label.
    #[prop(into)]
    details: Signal<String>,
    on_toggle: Callback<()>,
    /// The box's accessible name, when its label alone repeats on the page.
    #[prop(into, default = None)]
    named: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <div class="choice">
            <input
                type="checkbox"
                id=id.clone()
                aria-label=named
                prop:checked=move || checked.get()
                on:change=move |_| on_toggle.run(())
            />
            <label for=id>{move || label.get()}</label>
            <span class="hint due">{move || details.get()}</span>
        </div>
    }
}
