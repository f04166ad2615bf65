//! End-to-end tests of the app's shell: renaming and deleting a pair (with
//! undo), switching pairs from the header, this device's role, the save
//! indicator, erasing everything, and the create-pair form refusing empty
//! names. They run against the release build in dist/.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::Value as Json;
use trellis_e2e::{create_pair, pair_key, run, xpath_literal, Page};

const RENAMED: &str = "Rolling mill pair";
const PURPOSE: &str = "Ben runs the rolling mill shift on his own by autumn";
const MENTEE_HINT: &str =
    "The mentee confirms on their own device; it arrives here when you import their copy.";

/// The visible text of every option of the select labelled `label`.
async fn options_of(page: &Page, label: &str) -> Vec<String> {
    let select = page.field(label).await;
    let select = serde_json::to_value(&select)
        .unwrap_or_else(|e| panic!("cannot pass the select {label:?} to a script: {e}"));
    let texts = page
        .execute(
            "return [...arguments[0].options].map((o) => o.text.replace(/\\s+/g, ' ').trim());",
            vec![select],
        )
        .await;
    serde_json::from_value(texts).unwrap_or_default()
}

/// Waits until the select labelled `label` offers (or, with `present` false,
/// no longer offers) an option reading `option`.
async fn wait_for_option(page: &Page, label: &str, option: &str, present: bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let options = options_of(page, label).await;
        if options.iter().any(|o| o == option) == present {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the select {label:?} should {}offer {option:?}; it offers {options:?}\n{}",
            if present { "" } else { "no longer " },
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of every link in the page's main area (the home page's list of
/// pairs), whitespace-normalised.
async fn main_links(page: &Page) -> Vec<String> {
    let texts = page
        .execute(
            "return [...document.querySelectorAll('main a')]\
             .map((a) => a.textContent.replace(/\\s+/g, ' ').trim());",
            vec![],
        )
        .await;
    serde_json::from_value(texts).unwrap_or_default()
}

/// Waits until the main area does (or does not) hold a link reading `name`.
async fn wait_for_main_link(page: &Page, name: &str, present: bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let links = main_links(page).await;
        if links.iter().any(|l| l == name) == present {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the page should {}list {name:?}; its links are {links:?}\n{}",
            if present { "" } else { "no longer " },
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How many visible buttons read exactly `name` (text or aria-label).
async fn visible_buttons(page: &Page, name: &str) -> usize {
    let lit = xpath_literal(name);
    let xpath = format!("//button[normalize-space(.)={lit} or normalize-space(@aria-label)={lit}]");
    let found = page
        .client()
        .find_all(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("cannot look for the button {name:?}: {e}"));
    let mut visible = 0;
    for button in found {
        if button.is_displayed().await.unwrap_or(false) {
            visible += 1;
        }
    }
    visible
}

/// Waits until `name` is (or is not) a visible button.
async fn wait_for_button_presence(page: &Page, name: &str, present: bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if (visible_buttons(page, name).await > 0) == present {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the button {name:?} should {}be on the page\n{}",
            if present { "" } else { "not " },
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the role="group" element containing `marker` is there (or
/// gone, with `present` false) and returns its text.
async fn wait_for_group(page: &Page, marker: &str, present: bool) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let groups = page.role_texts("group").await;
        let found = groups.iter().find(|g| g.contains(marker)).cloned();
        if found.is_some() == present {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "a role=\"group\" containing {marker:?} should {}be on the page; groups: {groups:?}\n{}",
            if present { "" } else { "not " },
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// This device's stored role for `id`, from the trellis/device key.
async fn stored_role(page: &Page, id: &str) -> Option<String> {
    let text = page.local_storage_get("trellis/device").await?;
    let device: Json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("trellis/device does not hold JSON ({e}): {text}"));
    device["roles"][id].as_str().map(str::to_string)
}

/// Every localStorage key under Trellis's prefix.
async fn trellis_keys(page: &Page) -> Vec<String> {
    page.local_storage_keys()
        .await
        .into_iter()
        .filter(|k| k.starts_with("trellis/"))
        .collect()
}

#[test]
fn a_renamed_pair_can_be_deleted_and_brought_back_with_undo() {
    run(|page| async move {
        let id = create_pair(&page, "Ana", "Ben", "Both").await;
        let key = pair_key(&id);

        page.click_link_starting_with("Dashboard").await;
        page.wait_for_heading("Dashboard").await;
        wait_for_option(&page, "Pair", "Ana & Ben", true).await;
        page.fill("Pair name", RENAMED).await;
        page.click_button("Rename pair").await;
        wait_for_option(&page, "Pair", RENAMED, true).await;
        wait_for_option(&page, "Pair", "Ana & Ben", false).await;
        page.wait_for_status("Saved").await;
        let saved = page
            .local_storage_get(&key)
            .await
            .unwrap_or_else(|| panic!("{key} was not saved"));
        assert!(
            saved.contains(RENAMED),
            "{key} does not hold the new name: {saved}"
        );

        page.goto("#/").await;
        page.wait_for_heading("Your pairs").await;
        wait_for_main_link(&page, RENAMED, true).await;

        page.click_link(RENAMED).await;
        page.wait_for_heading("Dashboard").await;
        assert_eq!(page.hash().await, format!("#/pair/{id}/dashboard"));
        page.click_button("Delete pair").await;
        page.wait_for_hash_ending("#/").await;
        page.wait_for_heading("Welcome to Trellis").await;
        wait_for_main_link(&page, RENAMED, false).await;
        page.wait_for_text(&format!("Deleted the pair {RENAMED}."))
            .await;
        // Let the deletion reach storage before changing one's mind, so
        // the undo has to win over a saved deletion.
        page.wait_for_status("Saved").await;

        page.click_button("Undo").await;
        page.wait_for_heading("Your pairs").await;
        wait_for_main_link(&page, RENAMED, true).await;
        wait_for_button_presence(&page, "Undo", false).await;
        wait_for_button_presence(&page, "Dismiss", false).await;
        page.wait_for_status("Saved").await;
        let keys = page.local_storage_keys().await;
        assert!(keys.contains(&key), "{key} is gone after undo: {keys:?}");

        page.reload().await;
        page.wait_for_heading("Your pairs").await;
        wait_for_main_link(&page, RENAMED, true).await;
        wait_for_option(&page, "Pair", RENAMED, true).await;
    });
}

#[test]
fn the_header_pair_select_switches_between_pairs_and_back_to_all() {
    run(|page| async move {
        let first = create_pair(&page, "Ana", "Ben", "Both").await;
        let second = create_pair(&page, "Cleo", "Dev", "Both").await;
        assert_ne!(first, second, "two pairs got the same id");
        assert!(page.hash().await.contains(&second));

        wait_for_option(&page, "Pair", "Ana & Ben", true).await;
        wait_for_option(&page, "Pair", "Cleo & Dev", true).await;
        page.wait_for_value("Pair", "Cleo & Dev").await;

        page.fill("Pair", "Ana & Ben").await;
        page.wait_for_hash_ending(&format!("#/pair/{first}/dashboard"))
            .await;
        page.wait_for_heading("Dashboard").await;
        page.wait_for_value("Pair", "Ana & Ben").await;

        // Leaving and coming back by address must show the pair again, even
        // after the user has picked from the list once.
        page.goto(&format!("#/pair/{second}/agree")).await;
        page.wait_for_value("Pair", "Cleo & Dev").await;
        page.goto(&format!("#/pair/{first}/agree")).await;
        page.wait_for_value("Pair", "Ana & Ben").await;

        page.fill("Pair", "All pairs").await;
        page.wait_for_hash_ending("#/").await;
        assert_eq!(page.hash().await, "#/");
        page.wait_for_heading("Your pairs").await;
        wait_for_main_link(&page, "Ana & Ben", true).await;
        wait_for_main_link(&page, "Cleo & Dev", true).await;
    });
}

#[test]
fn names_that_look_like_markup_are_shown_as_text() {
    run(|page| async move {
        let name = "<b>Ana</b> & Ben <img src=x>";
        create_pair(&page, "<b>Ana</b>", "Ben <img src=x>", "Both").await;
        wait_for_option(&page, "Pair", name, true).await;
        page.goto("#/").await;
        page.wait_for_heading("Your pairs").await;
        wait_for_main_link(&page, name, true).await;
        let elements = page
            .execute(
                "return document.querySelectorAll('header b, header img, main b, main img').length;",
                vec![],
            )
            .await;
        assert_eq!(
            elements,
            0,
            "a name became markup\n{}",
            page.describe().await
        );
    });
}

#[test]
fn this_devices_role_decides_who_can_confirm_and_survives_a_reload() {
    run(|page| async move {
        let id = create_pair(&page, "Ana", "Ben", "Mentor").await;
        assert_eq!(stored_role(&page, &id).await.as_deref(), Some("mentor"));
        page.wait_for_value("On this device I am", "the mentor")
            .await;

        page.button("Confirm as mentor").await;
        page.wait_for_text(MENTEE_HINT).await;
        assert_eq!(
            visible_buttons(&page, "Confirm as mentee").await,
            0,
            "a mentor's device offers to confirm for the mentee\n{}",
            page.describe().await
        );

        page.fill("On this device I am", "both (shared screen)")
            .await;
        page.button("Confirm as mentor").await;
        page.button("Confirm as mentee").await;
        assert!(
            !page.body_text().await.contains(MENTEE_HINT),
            "the mentee's hint is still shown for a shared screen"
        );
        assert_eq!(stored_role(&page, &id).await.as_deref(), Some("both"));

        page.reload().await;
        page.wait_for_heading("Mentoring agreement").await;
        page.wait_for_value("On this device I am", "both (shared screen)")
            .await;
        page.button("Confirm as mentor").await;
        page.button("Confirm as mentee").await;
        assert_eq!(stored_role(&page, &id).await.as_deref(), Some("both"));
    });
}

#[test]
fn the_save_indicator_says_saved_only_once_the_text_is_stored() {
    run(|page| async move {
        let id = create_pair(&page, "Ana", "Ben", "Both").await;
        let key = pair_key(&id);
        page.fill("Why we are doing this", PURPOSE).await;

        // Right after typing the indicator reads "Saving…" (the save waits
        // for a pause in typing) or has already turned to "Saved"; within a
        // few seconds it must read "Saved", and then the text is stored.
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut seen: Vec<String> = Vec::new();
        loop {
            let status = page.status_text().await;
            if seen.last() != Some(&status) {
                seen.push(status.clone());
            }
            assert!(
                status == "Saving…" || status == "Saved",
                "the save indicator reads {status:?} (it read {seen:?})\n{}",
                page.describe().await
            );
            if status == "Saved" {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the save indicator did not turn to \"Saved\" within 5 s (it read {seen:?})\n{}",
                page.describe().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let stored = page
            .local_storage_get(&key)
            .await
            .unwrap_or_else(|| panic!("{key} is missing while the indicator says Saved"));
        assert!(
            stored.contains(PURPOSE),
            "the indicator says Saved (it read {seen:?}) but {key} lacks the typed text: {stored}"
        );

        page.reload().await;
        page.wait_for_value("Why we are doing this", PURPOSE).await;
        page.wait_for_status("Saved").await;
    });
}

#[test]
fn erasing_everything_asks_first_and_names_what_goes() {
    run(|page| async move {
        let id = create_pair(&page, "Ana", "Ben", "Both").await;
        let key = pair_key(&id);

        page.click_link("Settings").await;
        page.wait_for_heading("Settings").await;
        page.click_button("Erase everything from this browser")
            .await;
        let question = wait_for_group(&page, "Erase everything?", true)
            .await
            .unwrap_or_default();
        assert!(
            question.contains("Ana & Ben"),
            "the confirmation does not name the pair: {question:?}"
        );
        page.wait_for_focus("erase-cancel").await;

        page.click_button("Cancel").await;
        wait_for_group(&page, "Erase everything?", false).await;
        page.wait_for_focus("erase-ask").await;
        page.button("Erase everything from this browser").await;
        let keys = page.local_storage_keys().await;
        for kept in [key.as_str(), "trellis/index", "trellis/device"] {
            assert!(
                keys.iter().any(|k| k == kept),
                "{kept} is gone after Cancel: {keys:?}"
            );
        }

        page.click_button("Erase everything from this browser")
            .await;
        wait_for_group(&page, "Ana & Ben", true).await;
        page.click_button("Yes, erase everything").await;
        page.wait_for_alert_containing("Everything was erased")
            .await;
        let left = trellis_keys(&page).await;
        assert!(left.is_empty(), "keys left after erasing: {left:?}");

        page.goto("#/").await;
        page.wait_for_heading("Welcome to Trellis").await;
        assert!(main_links(&page).await.is_empty());

        page.reload().await;
        page.wait_for_heading("Welcome to Trellis").await;
        let left = trellis_keys(&page).await;
        assert!(left.is_empty(), "keys back after a reload: {left:?}");
    });
}

#[test]
fn a_pair_without_names_is_refused_inline_and_nothing_is_stored() {
    run(|page| async move {
        page.goto("").await;
        page.wait_for_heading("Welcome to Trellis").await;
        page.click_button("Create pair").await;
        page.field("Mentor's name").await;
        page.click_submit("Create pair").await;
        let alert = page.wait_for_alert_containing("mentor's name").await;
        assert!(
            !alert.contains("mentee"),
            "the first missing name is the mentor's: {alert:?}"
        );

        page.fill("Mentor's name", "Ana").await;
        page.click_submit("Create pair").await;
        page.wait_for_alert_containing("mentee's name").await;

        // Still on the form, on the home page, with nothing created.
        page.field("Mentee's name").await;
        page.wait_for_heading("Welcome to Trellis").await;
        let hash = page.hash().await;
        assert!(hash.is_empty() || hash == "#/", "moved to {hash}");
        let keys = page.local_storage_keys().await;
        assert!(
            !keys.iter().any(|k| k.starts_with("trellis/pair/")),
            "a refused pair was stored: {keys:?}"
        );
        assert_eq!(page.status_text().await, "Saved");
    });
}
