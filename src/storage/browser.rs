//! The workbook in the browser's localStorage, under one key prefix.
//!
//! Layout: `<prefix>index` lists the pairs; `<prefix>pair/<id>` holds one
//! pair; `<prefix>device` holds this device's own settings; unreadable keys
//! that must be replaced are first copied to `<prefix>aside/...`. A key that
//! does not decode is never written over.

use std::hash::Hasher;

use gloo_storage::{LocalStorage, Storage as _};
use rustc_hash::FxHasher;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::codec::{self, DecodeError, DeviceSettings};

use crate::domain::{merge_pair, merge_tab, Id, PairData, Workbook};

/// The prefix of the real workbook's keys.
pub const DEFAULT_PREFIX: &str = "trellis/";

/// A stored key that could not be read, kept exactly as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The key it is stored under (or was copied aside to).
    pub key: String,
    /// What it holds, for the user's information.
    pub what: &'static str,
    pub error: DecodeError,
}

/// What start-up found in storage.
#[derive(Debug, Default)]
pub struct Loaded {
    pub workbook: Workbook,
    /// The fingerprint of each pair's text as it was read, so the first
    /// save knows whether another tab wrote it since, without decoding it.
    pub read: Vec<(Id, Fingerprint)>,
    pub device: DeviceSettings,
    pub unreadable: Vec<Unreadable>,
    /// Set when storage is blocked (private mode, disabled by the user).
    pub blocked: Option<String>,
}

impl Loaded {
    /// Data from a newer Trellis is present: nothing may be written at all.
    pub fn newer_data(&self) -> bool {
        self.unreadable.iter().any(|u| u.error.is_newer())
    }
}

/// Why a save did not happen; the workbook in memory is untouched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("The browser's storage for this site is full.")]
    Full,
    #[error("The browser refused to store data ({0}).")]
    Blocked(String),
    #[error("The browser took the save but did not keep it.")]
    NotKept,
    #[error(
        "The stored copy of {key} can no longer be read ({error}), so it was not overwritten."
    )]
    Unreadable { key: String, error: DecodeError },
}

/// Tells apart the texts a tab wrote without keeping a copy of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of a stored text. Kept only in memory, so any good
    /// 64-bit hash does: Fx reads eight bytes a step where FNV-1a reads
    /// one, and a save at 100x takes two fingerprints of 2.4 MB.
    pub fn of(text: &str) -> Self {
        let mut hasher = FxHasher::default();
        hasher.write(text.as_bytes());
        Fingerprint(hasher.finish())
    }
}

/// The workbook's keys in localStorage, under one prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    prefix: String,
}

impl Store {
    /// A store whose keys all start with `prefix`.
    pub fn new(prefix: impl Into<String>) -> Self {
        Store {
            prefix: prefix.into(),
        }
    }

    /// The key of the index of pairs.
    pub fn index_key(&self) -> String {
        format!("{}index", self.prefix)
    }

    /// The key of one pair.
    pub fn pair_key(&self, pair: Id) -> String {
        format!("{}pair/{pair}", self.prefix)
    }

    /// The pair a key holds, if it is a pair key of this store.
    pub fn pair_of_key(&self, key: &str) -> Option<Id> {
        key.strip_prefix(&self.prefix)?
            .strip_prefix("pair/")
            .and_then(Id::parse)
    }

    /// The key of this device's settings.
    pub fn device_key(&self) -> String {
        format!("{}device", self.prefix)
    }

    /// Whether localStorage can be used at all.
    pub fn check_available() -> Result<(), String> {
        let window = web_sys::window().ok_or("there is no window")?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err("this browser offers no local storage".into()),
            Err(error) => Err(error_text(&error)),
        }
    }

    /// The key of this device's private note on a session. Private notes
    /// live only here: they are not part of the workbook, so no save,
    /// export or merge ever carries them.
    pub fn private_note_key(&self, session: Id) -> String {
        format!("{}private/{session}", self.prefix)
    }

    /// Writes a private note; an empty note removes its key.
    pub fn save_private_note(&self, session: Id, text: &str) -> Result<(), SaveError> {
        let key = self.private_note_key(session);
        if text.is_empty() {
            Self::check_available().map_err(SaveError::Blocked)?;
            let _ = LocalStorage::raw().remove_item(&key);
            return Ok(());
        }
        self.write(&key, text)
    }

    /// Every key under this store's prefix.
    pub fn keys(&self) -> Vec<String> {
        if Self::check_available().is_err() {
            return Vec::new();
        }
        let storage = LocalStorage::raw();
        (0..LocalStorage::length())
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(&self.prefix))
            .collect()
    }

    /// The raw text under a key.
    pub fn read(&self, key: &str) -> Option<String> {
        Self::check_available().ok()?;
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    /// Writes `text` under `key` and reads it back: a write the browser
    /// took without complaint but did not keep is a failure too. The two
    /// copies are compared in JavaScript, so the text crosses from wasm
    /// only once.
    fn write(&self, key: &str, text: &str) -> Result<(), SaveError> {
        Self::check_available().map_err(SaveError::Blocked)?;
        let storage: TextStorage = LocalStorage::raw().unchecked_into();
        let value = js_sys::JsString::from(text);
        storage.set_text(key, &value).map_err(|error| {
            if is_full(&error) {
                SaveError::Full
            } else {
                SaveError::Blocked(error_text(&error))
            }
        })?;
        if storage.get_text(key) != JsValue::from(value) {
            return Err(SaveError::NotKept);
        }
        Ok(())
    }

    /// Reads the whole workbook. Unreadable keys are reported and left as
    /// they are; an unreadable index or device key is copied aside first,
    /// since both are rebuilt.
    pub fn load(&self) -> Loaded {
        let mut loaded = Loaded::default();
        if let Err(why) = Self::check_available() {
            loaded.blocked = Some(why);
            return loaded;
        }
        for key in self.keys() {
            if self.pair_of_key(&key).is_none() {
                continue;
            }
            let Some(text) = self.read(&key) else {
                continue;
            };
            match codec::decode_pair(&text) {
                Ok(pair) => match pair.id() {
                    Some(id) if key == self.pair_key(id) => {
                        loaded.workbook.pairs.insert(id, pair);
                        loaded.read.push((id, Fingerprint::of(&text)));
                    }
                    _ => loaded.unreadable.push(Unreadable {
                        key,
                        what: "a pair",
                        error: DecodeError::Invalid(
                            "its key does not match the pair it holds".into(),
                        ),
                    }),
                },
                Err(error) => loaded.unreadable.push(Unreadable {
                    key,
                    what: "a pair",
                    error,
                }),
            }
        }
        if let Some(text) = self.read(&self.index_key()) {
            if let Err(error) = codec::decode_index(&text) {
                let key = self.keep_aside(&self.index_key(), &text, &error);
                loaded.unreadable.push(Unreadable {
                    key,
                    what: "the list of pairs",
                    error,
                });
            }
        }
        if let Some(text) = self.read(&self.device_key()) {
            match codec::decode_device(&text) {
                Ok(device) => loaded.device = device,
                Err(error) => {
                    let key = self.keep_aside(&self.device_key(), &text, &error);
                    loaded.unreadable.push(Unreadable {
                        key,
                        what: "this device's roles",
                        error,
                    });
                }
            }
        }
        loaded
    }

    /// Copies an unreadable key aside byte for byte, unless it is from a
    /// newer version (then it stays where it is and nothing is written).
    fn keep_aside(&self, key: &str, text: &str, error: &DecodeError) -> String {
        if error.is_newer() {
            return key.to_string();
        }
        let aside = format!(
            "{}aside/{}",
            self.prefix,
            key.trim_start_matches(&self.prefix)
        );
        if self.read(&aside).is_none() && self.write(&aside, text).is_ok() {
            aside
        } else {
            key.to_string()
        }
    }

    /// Saves one pair. `last` is the fingerprint of the text this tab last
    /// read or wrote for it. If storage holds something else, another tab
    /// saved meanwhile and its copy is merged in first, against `base`, the
    /// copy this tab last read or wrote (see `merge_tab`; without them
    /// the newer copy of each record is kept); if it still holds that
    /// text, the pair is written as it is, so a change this tab
    /// took back (an undone import) stays taken back. Returns the pair as
    /// saved, for memory to take, and the fingerprint of what was written.
    pub fn save_pair(
        &self,
        pair: &PairData,
        last: Option<Fingerprint>,
        base: Option<&PairData>,
    ) -> Result<(PairData, Fingerprint), SaveError> {
        let id = pair
            .id()
            .ok_or_else(|| SaveError::Blocked("a pair without its pair record".into()))?;
        let key = self.pair_key(id);
        let stored = self.read(&key);
        let merged = match &stored {
            Some(stored) if Some(Fingerprint::of(stored)) != last => {
                let theirs = codec::decode_pair(stored).map_err(|error| SaveError::Unreadable {
                    key: key.clone(),
                    error,
                })?;
                match base {
                    Some(base) => merge_tab(pair, &theirs, base),
                    None => merge_pair(pair, &theirs),
                }
            }
            _ => pair.clone(),
        };
        let text = codec::encode_pair(&merged);
        if stored.as_deref() != Some(text.as_str()) {
            self.write(&key, &text)?;
        }
        Ok((merged, Fingerprint::of(&text)))
    }

    /// Saves the index of pairs (after the pairs themselves).
    pub fn save_index(&self, workbook: &Workbook) -> Result<(), SaveError> {
        let ids: Vec<Id> = workbook.pairs.keys().copied().collect();
        let key = self.index_key();
        let text = codec::encode_index(&ids);
        let stored = self.read(&key);
        match &stored {
            Some(stored) if *stored == text => return Ok(()),
            Some(stored) => {
                if let Err(error) = codec::decode_index(stored) {
                    if error.is_newer() {
                        return Err(SaveError::Unreadable { key, error });
                    }
                }
            }
            None => {}
        }
        self.write(&key, &text)
    }

    /// Saves this device's settings.
    pub fn save_device(&self, device: &DeviceSettings) -> Result<(), SaveError> {
        self.write(&self.device_key(), &codec::encode_device(device))
    }

    /// Removes every key under the prefix: the whole workbook on this
    /// browser, kept-aside copies included.
    pub fn erase_all(&self) {
        for key in self.keys() {
            LocalStorage::delete(&key);
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// localStorage, seen through the two calls a save makes with a text
    /// that stays in JavaScript.
    type TextStorage;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_text(this: &TextStorage, key: &str, value: &js_sys::JsString) -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = getItem)]
    fn get_text(this: &TextStorage, key: &str) -> JsValue;
}

/// Whether a failed write means the storage is full, in each browser's
/// words for it: `QuotaExceededError` (code 22) in Chromium, Safari and
/// Firefox today, `NS_ERROR_DOM_QUOTA_REACHED` (code 1014) in older
/// Firefox.
pub fn is_full(error: &JsValue) -> bool {
    let field = |name: &str| js_sys::Reflect::get(error, &JsValue::from_str(name)).ok();
    let name = field("name")
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let code = field("code").and_then(|c| c.as_f64());
    matches!(
        name.as_str(),
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
    ) || code == Some(22.0)
        || code == Some(1014.0)
}

fn error_text(error: &JsValue) -> String {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) => format!("{}: {}", exception.name(), exception.message()),
        None => error.as_string().unwrap_or_else(|| "unknown error".into()),
    }
}
