//! "Protect with a passphrase", beside Export and Make a share link: the
//! file or link is locked in this browser before it leaves the page, so
//! only someone with the passphrase can read it.

use leptos::prelude::*;

use super::field::{field_id, TextField, TextKind};
use crate::storage::sealed::seal;

/// The shortest passphrase Trellis locks with.
const SHORTEST: usize = 8;

/// Whether what is sent is locked, with which passphrase, and how the
/// last locking went.
#[derive(Clone, Copy)]
pub struct Protection {
    on: RwSignal<bool>,
    passphrase: RwSignal<String>,
    status: RwSignal<String>,
}

impl Default for Protection {
    fn default() -> Self {
        Protection {
            on: RwSignal::new(false),
            passphrase: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
        }
    }
}

impl Protection {
    /// `text` as it is to be sent: locked when protection is chosen, and
    /// `None` when it cannot be (the status line says why).
    pub async fn apply(self, text: String) -> Option<String> {
        if !self.on.get_untracked() {
            return Some(text);
        }
        let passphrase = self.passphrase.get_untracked();
        if passphrase.chars().count() < SHORTEST {
            self.status.set(
                "Choose a passphrase of at least 8 characters, or clear \"Protect with a passphrase\". Nothing was sent."
                    .into(),
            );
            return None;
        }
        self.status.set("Locking with the passphrase…".into());
        let sealed = seal(&text, &passphrase).await;
        self.status.set(
            if sealed.is_some() {
                "Locked with the passphrase."
            } else {
                "This browser cannot lock files on this page (it needs an https address). Nothing was sent."
            }
            .into(),
        );
        sealed
    }
}

/// The choice and, once it is made, the passphrase's field.
pub fn protect_choice(protection: Protection) -> impl IntoView {
    let id = field_id("protect");
    view! {
        <div class="choice">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || protection.on.get()
                on:change=move |ev| protection.on.set(event_target_checked(&ev))
            />
            <label for=id>"Protect with a passphrase"</label>
        </div>
        {move || {
            protection
                .on
                .get()
                .then(|| {
                    view! {
                        <TextField
                            label="Passphrase to lock with"
                            hint="At least 8 characters. Tell it to the other person another way (by phone, say), not with the file or link. Without it nobody can open them, Trellis included."
                            kind=TextKind::Passphrase
                            autocomplete="new-password"
                            value=protection.passphrase
                            on_input=Callback::new(move |text| protection.passphrase.set(text))
                        />
                    }
                })
        }}
        <p role="status">{move || protection.status.get()}</p>
    }
}
