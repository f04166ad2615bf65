//! The storage adapter against the real localStorage of headless Chromium.
#![cfg(target_arch = "wasm32")]
// A test that cannot unwrap should fail loudly: that is what these do.
#![allow(clippy::unwrap_used)]

use gloo_storage::{LocalStorage, Storage as _};
use leptos::prelude::Owner;
use leptos::prelude::*;
use trellis::clock::Clock;
use trellis::domain::{Action, Agreement, Id, Role, SequentialIds, Workbook};
use trellis::state::{AppState, SaveStatus};
use trellis::storage::browser::{is_full, Fingerprint, SaveError, Store};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A store under a prefix no other test uses.
fn fresh_store(name: &str) -> Store {
    let prefix = format!("test-{name}-{}/", js_sys::Math::random().to_bits());
    Store::new(prefix)
}

fn raw() -> web_sys::Storage {
    LocalStorage::raw()
}

/// `book` as a file from the other person holds it: the agreement's
/// purpose changed to "Changed in the file", later than `book`'s.
fn with_purpose_changed_in_a_file(book: &Workbook, pair: Id) -> Workbook {
    let mut file = book.clone();
    let later = chrono::DateTime::from_timestamp(1_780_000_500, 0).unwrap();
    let mut ids = SequentialIds(u128::from(js_sys::Math::random().to_bits()) << 32);
    let agreement = Agreement {
        purpose: "Changed in the file".into(),
        ..Agreement::default()
    };
    file.apply(Action::UpdateAgreement { pair, agreement }, later, &mut ids)
        .unwrap();
    file
}

fn workbook_with_pair() -> (Workbook, Id) {
    let mut book = Workbook::default();
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let mut ids = SequentialIds(u128::from(js_sys::Math::random().to_bits()) << 32);
    let pair = book
        .apply(
            Action::CreatePair {
                mentor: "Ana".into(),
                mentee: "Ben".into(),
            },
            now,
            &mut ids,
        )
        .unwrap()
        .pair;
    let agreement = Agreement {
        purpose: "Run the next plant audit".into(),
        ..Agreement::default()
    };
    book.apply(Action::UpdateAgreement { pair, agreement }, now, &mut ids)
        .unwrap();
    (book, pair)
}

#[wasm_bindgen_test]
fn a_saved_workbook_loads_back_the_same() {
    let store = fresh_store("roundtrip");
    let (book, pair) = workbook_with_pair();
    store.save_pair(&book.pairs[&pair], None, None).unwrap();
    store.save_index(&book).unwrap();
    let loaded = store.load();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.workbook, book);
    assert!(raw().get_item(&store.index_key()).unwrap().is_some());
    store.erase_all();
    assert!(store.keys().is_empty());
}

#[wasm_bindgen_test]
fn a_corrupt_pair_is_kept_byte_for_byte_and_never_written_over() {
    let store = fresh_store("corrupt");
    let (book, pair) = workbook_with_pair();
    let key = store.pair_key(pair);
    let garbage = "{\"format\":\"trellis-pair\",\"version\":1,\"records\":[{\"id\": tr";
    raw().set_item(&key, garbage).unwrap();

    let loaded = store.load();
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, key);
    assert!(loaded.workbook.pairs.is_empty());

    let refused = store.save_pair(&book.pairs[&pair], None, None).unwrap_err();
    assert!(
        matches!(refused, SaveError::Unreadable { .. }),
        "{refused:?}"
    );
    assert_eq!(raw().get_item(&key).unwrap().as_deref(), Some(garbage));
    store.erase_all();
}

#[wasm_bindgen_test]
fn a_newer_pair_is_reported_as_newer_and_left_alone() {
    let store = fresh_store("newer");
    let key = store.pair_key(Id::from_u128(5));
    let future = r#"{"format":"trellis-pair","version":999,"records":[{"hologram":true}]}"#;
    raw().set_item(&key, future).unwrap();
    let loaded = store.load();
    assert!(loaded.newer_data());
    assert_eq!(raw().get_item(&key).unwrap().as_deref(), Some(future));
    store.erase_all();
}

#[wasm_bindgen_test]
fn a_corrupt_index_is_copied_aside_byte_for_byte_and_rebuilt() {
    let store = fresh_store("index");
    let (book, pair) = workbook_with_pair();
    store.save_pair(&book.pairs[&pair], None, None).unwrap();
    let broken = "[[[ not an index";
    raw().set_item(&store.index_key(), broken).unwrap();

    let loaded = store.load();
    assert_eq!(
        loaded.workbook, book,
        "the pairs are found from their own keys"
    );
    let aside = &loaded.unreadable[0].key;
    assert_ne!(aside, &store.index_key());
    assert_eq!(raw().get_item(aside).unwrap().as_deref(), Some(broken));
    store.save_index(&loaded.workbook).unwrap();
    assert!(store.load().unreadable.is_empty() || store.load().unreadable[0].key == *aside);
    store.erase_all();
}

/// Fills localStorage until the browser raises a real QuotaExceededError,
/// returning the keys it used.
fn fill_storage() -> Vec<String> {
    let block = "x".repeat(512 * 1024);
    let mut keys = Vec::new();
    for i in 0..200 {
        let key = format!("test-filler/{i}");
        if raw().set_item(&key, &block).is_err() {
            break;
        }
        keys.push(key);
    }
    let small = "y".repeat(1024);
    for i in 0..2000 {
        let key = format!("test-filler/small/{i}");
        if raw().set_item(&key, &small).is_err() {
            break;
        }
        keys.push(key);
    }
    keys
}

fn empty_storage(keys: &[String]) {
    for key in keys {
        LocalStorage::delete(key);
    }
}

/// Saves a pair, breaks storage with `break_storage` (which returns how to
/// mend it), edits the agreement to `purpose` and saves: the save must fail
/// with a message holding each of `said`, the edit must stay in memory, and
/// once storage is mended the next save must store it.
fn a_failed_save_loses_nothing(
    name: &str,
    purpose: String,
    break_storage: impl FnOnce() -> Box<dyn FnOnce()>,
    said: &[&str],
) {
    let owner = Owner::new();
    owner.with(|| {
        let store = fresh_store(name);
        let state = AppState::provide(store.clone(), Clock::default());
        let applied = state
            .dispatch(Action::CreatePair {
                mentor: "Ana".into(),
                mentee: "Ben".into(),
            })
            .unwrap();
        state.save_now();
        assert_eq!(state.save_status.get_untracked(), SaveStatus::Saved);

        let mend = break_storage();
        let agreement = Agreement {
            purpose,
            ..Agreement::default()
        };
        state.dispatch(Action::UpdateAgreement {
            pair: applied.pair,
            agreement: agreement.clone(),
        });
        state.save_now();
        let status = state.save_status.get_untracked();
        mend();

        match status {
            SaveStatus::Failed(message) => {
                for words in said {
                    assert!(message.contains(words), "{words:?} is not in: {message}");
                }
            }
            other => panic!("expected a failed save, got {other:?}"),
        }
        let in_memory = state
            .workbook
            .with_untracked(|w| w.pair(applied.pair).and_then(|p| p.agreement().cloned()));
        assert_eq!(
            in_memory,
            Some(agreement.clone()),
            "the edit is still in memory"
        );

        state.save_now();
        assert_eq!(state.save_status.get_untracked(), SaveStatus::Saved);
        let stored = store.load();
        assert_eq!(
            stored
                .workbook
                .pair(applied.pair)
                .and_then(|p| p.agreement().cloned()),
            Some(agreement)
        );
        store.erase_all();
    });
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_nothing_in_memory_is_lost() {
    a_failed_save_loses_nothing(
        "quota",
        "x".repeat(64 * 1024),
        || {
            let filler = fill_storage();
            Box::new(move || empty_storage(&filler))
        },
        &["full", "Export workbook"],
    );
}

/// An error object with these members, as some browsers throw them.
fn thrown(members: &[(&str, JsValue)]) -> JsValue {
    let error = js_sys::Object::new();
    for (name, value) in members {
        js_sys::Reflect::set(&error, &JsValue::from_str(name), value).unwrap();
    }
    error.into()
}

#[wasm_bindgen_test]
fn a_full_storage_is_known_by_every_browsers_name_for_it() {
    let chromium =
        web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    assert_eq!(chromium.code(), 22);
    assert!(is_full(&chromium.into()));
    let old_firefox = thrown(&[
        ("name", "NS_ERROR_DOM_QUOTA_REACHED".into()),
        ("code", 1014.into()),
    ]);
    assert!(is_full(&old_firefox));
    assert!(is_full(&thrown(&[
        ("name", "Error".into()),
        ("code", 1014.into())
    ])));
    assert!(is_full(&thrown(&[("code", 22.into())])));

    let security = web_sys::DomException::new_with_message_and_name("no", "SecurityError").unwrap();
    assert!(!is_full(&security.into()));
    assert!(!is_full(&JsValue::from_str("QuotaExceededError")));
    assert!(!is_full(&JsValue::UNDEFINED));
    assert!(!is_full(&thrown(&[("code", 18.into())])));
}

#[wasm_bindgen_test]
fn a_save_the_browser_takes_but_does_not_keep_is_reported_and_nothing_is_lost() {
    a_failed_save_loses_nothing(
        "dropped",
        "Kept in memory while the browser drops it".into(),
        || {
            // A storage that says yes and keeps nothing, as a broken
            // browser extension or a storage layer gone wrong can.
            let prototype = js_sys::Reflect::get(&js_sys::global(), &"Storage".into())
                .and_then(|storage| js_sys::Reflect::get(&storage, &"prototype".into()))
                .unwrap();
            let set_item = js_sys::Reflect::get(&prototype, &"setItem".into()).unwrap();
            js_sys::Reflect::set(
                &prototype,
                &"setItem".into(),
                &js_sys::Function::new_no_args(""),
            )
            .unwrap();
            Box::new(move || {
                js_sys::Reflect::set(&prototype, &"setItem".into(), &set_item).unwrap();
            })
        },
        &["did not keep it", "Export workbook"],
    );
}

#[wasm_bindgen_test]
fn another_tabs_save_is_merged_not_overwritten() {
    let store = fresh_store("tabs");
    let (book, pair) = workbook_with_pair();
    store.save_pair(&book.pairs[&pair], None, None).unwrap();
    // This tab loads the pair and keeps the fingerprint of what it read,
    // so its first save sees that another tab wrote the pair since.
    let loaded = store.load();
    let text = raw().get_item(&store.pair_key(pair)).unwrap().unwrap();
    let read_here = Fingerprint::of(&text);
    assert_eq!(loaded.read, vec![(pair, read_here)]);

    let mut other_tab = book.clone();
    let mut ids = SequentialIds(u128::from(js_sys::Math::random().to_bits()) << 32);
    let later = chrono::DateTime::from_timestamp(1_780_000_500, 0).unwrap();
    other_tab
        .apply(
            Action::ConfirmAgreement {
                pair,
                side: trellis::domain::Side::Mentee,
                name: "Ben".into(),
                date: later.date_naive(),
            },
            later,
            &mut ids,
        )
        .unwrap();
    // Both tabs last read the pair as `book` holds it.
    let read = book.pairs[&pair].clone();
    store
        .save_pair(&other_tab.pairs[&pair], None, Some(&read))
        .unwrap();

    let mut this_tab = book.clone();
    let agreement = Agreement {
        purpose: "Edited in this tab".into(),
        ..Agreement::default()
    };
    this_tab
        .apply(Action::UpdateAgreement { pair, agreement }, later, &mut ids)
        .unwrap();
    let (merged, _) = store
        .save_pair(&this_tab.pairs[&pair], Some(read_here), Some(&read))
        .unwrap();

    assert_eq!(merged.agreement().unwrap().purpose, "Edited in this tab");
    assert_eq!(merged.len(), other_tab.pairs[&pair].len());
    assert_eq!(store.load().workbook.pairs[&pair], merged);
    store.erase_all();
}

#[wasm_bindgen_test]
fn an_undone_import_stays_undone_after_the_next_save() {
    let owner = Owner::new();
    owner.with(|| {
        let store = fresh_store("undo-import");
        let state = AppState::provide(store.clone(), Clock::default());
        let (book, pair) = workbook_with_pair();
        state.import(&book, false, Role::Both, &[]).unwrap();
        state.save_now();
        let theirs = with_purpose_changed_in_a_file(&book, pair);

        state.import(&theirs, false, Role::Both, &[]).unwrap();
        state.save_now();
        state.undo_last();
        state.save_now();

        let purpose = |book: &Workbook| {
            book.pair(pair)
                .and_then(|p| p.agreement())
                .map(|a| a.purpose.clone())
        };
        let undone = Some("Run the next plant audit".to_string());
        assert_eq!(state.workbook.with_untracked(purpose), undone);
        assert_eq!(purpose(&store.load().workbook), undone);

        let read = book.pairs[&pair].clone();
        let (other_tab, _) = store
            .save_pair(&theirs.pairs[&pair], None, Some(&read))
            .unwrap();
        assert_eq!(
            other_tab.agreement().map(|a| a.purpose.as_str()),
            Some("Changed in the file"),
            "a copy another tab saves is still merged in"
        );
        store.erase_all();
    });
}

#[wasm_bindgen_test]
fn an_import_undone_in_one_tab_is_not_merged_back_by_another_that_had_seen_it() {
    let owner = Owner::new();
    owner.with(|| {
        let store = fresh_store("undo-two-tabs");
        let (book, pair) = workbook_with_pair();
        let tab_a = AppState::provide(store.clone(), Clock::default());
        tab_a.import(&book, false, Role::Both, &[]).unwrap();
        tab_a.save_now();
        let tab_b = AppState::provide(store.clone(), Clock::default());

        let file = with_purpose_changed_in_a_file(&book, pair);
        let key = store.pair_key(pair);
        // Tab B hears of each of tab A's saves, as the storage event tells it.
        let tell_b = || tab_b.on_storage_changed(&key, raw().get_item(&key).unwrap().as_deref());
        let purpose = |tab: &AppState| {
            tab.workbook.with_untracked(|book| {
                book.pair(pair)
                    .and_then(|p| p.agreement())
                    .map(|a| a.purpose.clone())
                    .unwrap_or_default()
            })
        };

        tab_a.import(&file, false, Role::Both, &[]).unwrap();
        tab_a.save_now();
        tell_b();
        assert_eq!(purpose(&tab_b), "Changed in the file");

        tab_a.undo_last();
        tab_a.save_now();
        tell_b();
        assert_eq!(purpose(&tab_a), "Run the next plant audit");
        assert_eq!(
            purpose(&tab_b),
            "Run the next plant audit",
            "tab B took the undo"
        );
        tab_b.save_now();
        assert_eq!(
            store.load().workbook.pairs[&pair]
                .agreement()
                .map(|a| a.purpose.as_str()),
            Some("Run the next plant audit"),
            "tab B did not write the import back"
        );
        store.erase_all();
    });
}
