//! End-to-end tests of the foundation: creating a pair, the Agree stage,
//! routing, storage that is kept when it cannot be read, accessibility and
//! a narrow screen. They run against the release build in dist/.

use serde_json::Value as Json;
use trellis_e2e::{create_pair, pair_key, run, run_with, Options, Page};

const PURPOSE: &str = "Help Theo grow into leading the platform team";
const CORRUPT: &str = "{\"format\":\"trellis-pair\", this is not JSON \u{e9}\u{1f331}";

/// The text of the element that has the keyboard focus.
async fn focused_text(page: &Page) -> String {
    page.script_string(
        "return document.activeElement ? document.activeElement.textContent.trim() : '';",
        vec![],
    )
    .await
}

#[test]
fn an_agreement_confirmed_by_both_survives_a_reload() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        page.fill("Why we are doing this", PURPOSE).await;
        page.fill("Cadence", "Fortnightly").await;
        page.fill("Usual length (minutes)", "45").await;
        page.click_button("Confirm as mentor").await;
        page.wait_for_text("Confirmed by Maya on").await;
        assert_eq!(
            focused_text(&page).await,
            "Confirm as mentor",
            "the pressed button keeps the focus\n{}",
            page.describe().await
        );
        page.click_button("Confirm as mentee").await;
        page.wait_for_text("Agreed by both").await;
        page.wait_for_status("Saved").await;

        let keys = page.local_storage_keys().await;
        assert!(
            keys.contains(&"trellis/index".to_string()),
            "keys: {keys:?}"
        );
        assert!(keys.contains(&pair_key(&id)), "keys: {keys:?}");
        assert!(
            keys.iter().all(|k| k.starts_with("trellis/")),
            "keys: {keys:?}"
        );

        page.reload().await;
        page.wait_for_heading("Mentoring agreement").await;
        page.wait_for_value("Why we are doing this", PURPOSE).await;
        page.wait_for_value("Cadence", "Fortnightly").await;
        page.wait_for_value("Usual length (minutes)", "45").await;
        page.wait_for_text("Agreed by both").await;

        page.append("Why we are doing this", " and enjoy it").await;
        page.wait_for_text("Changed since agreed").await;
    });
}

#[test]
fn the_agree_form_has_every_field_and_the_cadence_choices() {
    run(|page| async move {
        create_pair(&page, "Maya", "Theo", "Both").await;
        for label in [
            "Why we are doing this",
            "Cadence",
            "Format",
            "Usual length (minutes)",
            "What the mentee expects of the mentor",
            "What the mentor expects of the mentee",
            "Boundaries and confidentiality",
            "How either of us raises a problem",
            "Start date",
            "Planned end date",
            "How it ends",
        ] {
            page.field(label).await;
        }
        for cadence in ["Weekly", "Fortnightly", "Monthly", "Every N days"] {
            page.fill("Cadence", cadence).await;
            page.wait_for_value("Cadence", cadence).await;
        }
        page.fill("Start date", "2026-05-04").await;
        page.wait_for_value("Start date", "2026-05-04").await;
        page.button("Confirm as mentor").await;
        page.button("Confirm as mentee").await;
    });
}

#[test]
fn a_deep_link_to_a_stage_opens_it_after_a_reload() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        page.wait_for_status("Saved").await;
        page.goto(&format!("#/pair/{id}/meet")).await;
        page.reload().await;
        page.wait_for_heading("Meet").await;
        page.wait_for_heading("Log a session").await;
        assert!(
            !page
                .body_text()
                .await
                .contains("arrives in a later version"),
            "Meet is a real page now, not a notice\n{}",
            page.describe().await
        );
        assert_eq!(page.hash().await, format!("#/pair/{id}/meet"));
    });
}

#[test]
fn the_stage_links_lead_to_each_stage() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        page.click_link_starting_with("Plan").await;
        page.wait_for_hash_ending("/plan").await;
        page.wait_for_heading("Plan").await;
        page.click_link_starting_with("Meet").await;
        page.wait_for_hash_ending("/meet").await;
        page.wait_for_heading("Log a session").await;
        page.click_link_starting_with("Review").await;
        page.wait_for_hash_ending("/review").await;
        page.wait_for_heading("Next evaluation").await;
        page.click_link_starting_with("Agree").await;
        page.wait_for_heading("Mentoring agreement").await;
        page.click_link_starting_with("Dashboard").await;
        page.wait_for_heading("Dashboard").await;
        assert!(page.hash().await.starts_with(&format!("#/pair/{id}")));
    });
}

#[test]
fn unreadable_pair_data_is_kept_byte_for_byte() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        page.wait_for_status("Saved").await;
        let key = pair_key(&id);
        page.local_storage_set(&key, CORRUPT).await;

        page.reload().await;
        page.wait_for_alert_containing("could not be read").await;
        page.button("Download unreadable data").await;
        assert_eq!(
            page.local_storage_get(&key).await.as_deref(),
            Some(CORRUPT),
            "the unreadable data changed on load"
        );

        page.click_link("Settings").await;
        page.wait_for_heading("Settings").await;
        assert_eq!(
            page.local_storage_get(&key).await.as_deref(),
            Some(CORRUPT),
            "the unreadable data changed after a user action"
        );
    });
}

#[test]
fn pair_data_from_a_newer_version_is_kept_unchanged() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        page.wait_for_status("Saved").await;
        let key = pair_key(&id);
        let saved = page
            .local_storage_get(&key)
            .await
            .unwrap_or_else(|| panic!("{key} was not saved"));
        let mut newer: Json = serde_json::from_str(&saved)
            .unwrap_or_else(|e| panic!("{key} does not hold JSON ({e}): {saved}"));
        newer["format"] = Json::from("trellis-pair");
        newer["version"] = Json::from(999);
        let newer = newer.to_string();
        page.local_storage_set(&key, &newer).await;

        page.reload().await;
        page.wait_for_alert_containing("newer version").await;
        assert_eq!(
            page.local_storage_get(&key).await.as_deref(),
            Some(newer.as_str()),
            "data from a newer version changed on load"
        );

        page.click_link("Settings").await;
        page.wait_for_heading("Settings").await;
        assert_eq!(
            page.local_storage_get(&key).await.as_deref(),
            Some(newer.as_str()),
            "data from a newer version changed after a user action"
        );
    });
}

/// Visits every page of the foundation and checks each with axe.
async fn scan_every_page(page: Page, theme: &str) {
    page.goto("").await;
    page.wait_for_heading("Welcome to Trellis").await;
    page.assert_no_axe_violations(&format!("the welcome page ({theme})"))
        .await;

    page.click_button("Create pair").await;
    page.field("Mentor's name").await;
    page.assert_no_axe_violations(&format!("the create-pair form ({theme})"))
        .await;

    page.fill("Mentor's name", "Maya").await;
    page.fill("Mentee's name", "Theo").await;
    page.choose("On this device I am", "Both").await;
    page.click_submit("Create pair").await;
    page.wait_for_heading("Mentoring agreement").await;
    page.assert_no_axe_violations(&format!("Agree ({theme})"))
        .await;

    page.click_link_starting_with("Plan").await;
    page.wait_for_hash_ending("/plan").await;
    page.wait_for_heading("Plan").await;
    page.assert_no_axe_violations(&format!("Plan ({theme})"))
        .await;

    page.click_link_starting_with("Meet").await;
    page.wait_for_hash_ending("/meet").await;
    page.wait_for_heading("Meet").await;
    page.wait_for_heading("Log a session").await;
    page.assert_no_axe_violations(&format!("Meet ({theme})"))
        .await;

    page.click_link_starting_with("Review").await;
    page.wait_for_hash_ending("/review").await;
    page.wait_for_heading("Next evaluation").await;
    page.assert_no_axe_violations(&format!("Review ({theme})"))
        .await;

    page.click_link_starting_with("Dashboard").await;
    page.wait_for_heading("Dashboard").await;
    page.assert_no_axe_violations(&format!("Dashboard ({theme})"))
        .await;

    page.click_link("Settings").await;
    page.wait_for_heading("Settings").await;
    page.assert_no_axe_violations(&format!("Settings ({theme})"))
        .await;
}

#[test]
fn every_page_passes_axe() {
    run(|page| scan_every_page(page, "light"));
}

#[test]
fn every_page_passes_axe_in_dark_mode() {
    run_with(Options::default().dark_mode(), |page| async move {
        assert!(page.prefers_dark().await, "dark mode is not emulated");
        scan_every_page(page, "dark").await;
    });
}

#[test]
fn the_agree_page_does_not_scroll_sideways_at_360_px() {
    run(|page| async move {
        page.set_viewport_width(360).await;
        create_pair(&page, "Maya", "Theo", "Both").await;
        page.field("How it ends").await;
        let scroll = page.scroll_width().await;
        let client = page.client_width().await;
        assert!(
            scroll <= 360 && scroll <= client,
            "the Agree page is {scroll} px wide in a 360 px viewport \
             ({client} px without scrollbars): it scrolls sideways"
        );
    });
}
