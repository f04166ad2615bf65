//! End-to-end tests of what can go wrong: a full quota, a tab closed
//! right after an edit, a panic. Nothing typed may be lost.

use serde_json::{json, Value as Json};
use trellis_e2e::{
    choose_file, create_pair, pair_key, repo_root, run, run_with, wait_until_stored, Options,
};

/// Fills this site's localStorage until the browser refuses even one more
/// character, with keys outside Trellis's own; returns how many keys it
/// took.
const FILL_STORAGE: &str = "\
    let n = 0;\n\
    for (const size of [256 * 1024, 4096, 64, 1]) {\n\
      const block = 'x'.repeat(size);\n\
      try { for (;;) { localStorage.setItem('filler/' + n, block); n++; } } catch (full) {}\n\
    }\n\
    return n;";

const FREE_STORAGE: &str = "\
    for (const key of Object.keys(localStorage)) {\n\
      if (key.startsWith('filler/')) localStorage.removeItem(key);\n\
    }";

#[test]
fn a_full_storage_is_reported_the_work_stays_exports_and_saves_once_space_is_freed() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let filled = page.execute(FILL_STORAGE, vec![]).await;
        assert!(filled.as_u64().unwrap_or(0) > 0, "the filler took {filled}");

        let purpose = "Run the furnace relining without overtime";
        page.fill("Why we are doing this", purpose).await;
        let alert = page
            .wait_for_alert_containing("The browser's storage for this site is full.")
            .await;
        assert!(alert.contains("Export workbook"), "{alert}");
        let stored = page
            .local_storage_get(&pair_key(&id))
            .await
            .unwrap_or_default();
        assert!(
            !stored.contains(purpose),
            "the full storage cannot have taken the edit"
        );

        // The work is still in the page, and the export carries it.
        page.click_link("Settings").await;
        page.wait_for_heading("Data in this browser").await;
        page.wait_for_text("In use: about").await;
        page.capture_downloads().await;
        page.click_button("Export workbook").await;
        let file = page.wait_for_download().await;
        assert!(file.text.contains(purpose), "the export holds the edit");

        // Space freed, the next edit saves both changes without a reload.
        page.execute(FREE_STORAGE, vec![]).await;
        page.execute(
            "location.hash = arguments[0];",
            vec![json!(format!("#/pair/{id}/agree"))],
        )
        .await;
        page.wait_for_heading("Mentoring agreement").await;
        page.fill("Cadence", "Monthly").await;
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, purpose).await;
        wait_until_stored(&page, &id, "monthly").await;

        page.reload().await;
        page.wait_for_heading("Mentoring agreement").await;
        page.wait_for_value("Why we are doing this", purpose).await;
    });
}

#[test]
fn an_edit_made_just_before_the_tab_closes_is_there_on_reopening() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let purpose = "Take over the night shift's handover";
        page.fill("Why we are doing this", purpose).await;
        // Leave at once, before the save that typing schedules: the page's
        // pagehide is what must keep it.
        page.client()
            .goto("about:blank")
            .await
            .expect("the tab leaves the app");
        page.goto(&format!("#/pair/{id}/agree")).await;
        page.wait_for_heading("Mentoring agreement").await;
        page.wait_for_value("Why we are doing this", purpose).await;
    });
}

/// The build with the test-only panic switch (scripts/test.sh makes it).
fn panic_build() -> std::path::PathBuf {
    repo_root().join("target").join("dist-panic")
}

#[test]
fn a_panic_shows_an_error_screen_that_exports_what_is_stored_and_reloads() {
    run_with(Options::serving(panic_build()), |page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let purpose = "Cut the ladle preheating time";
        page.fill("Why we are doing this", purpose).await;
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, purpose).await;

        page.goto(&format!("?panic#/pair/{id}/agree")).await;
        page.wait_for_heading("Mentoring agreement").await;
        page.click_link_starting_with("Plan").await;
        page.wait_for_heading("Trellis stopped because of an error")
            .await;
        let alert = page.alert_text().await;
        assert!(alert.contains("safe in this browser"), "{alert}");
        let visible = page
            .execute(
                "return [...document.querySelectorAll('h1, h2, h3, button')]\n\
                 .filter((e) => e.checkVisibility()).map((e) => e.textContent);",
                vec![],
            )
            .await;
        assert_eq!(
            visible,
            json!([
                "Trellis stopped because of an error",
                "Export workbook",
                "Reload"
            ]),
            "only the error screen is on show\n{}",
            page.describe().await
        );

        page.capture_downloads().await;
        page.click_button("Export workbook").await;
        let file = page.wait_for_download().await;
        assert_eq!(file.mime, "application/json");
        let parsed: Json = serde_json::from_str(&file.text).expect("the export is JSON");
        assert_eq!(parsed["format"], "trellis-workbook");
        let stored = page.local_storage_get(&pair_key(&id)).await.unwrap();
        let stored: Json = serde_json::from_str(&stored).unwrap();
        assert_eq!(
            parsed["pairs"],
            json!([stored]),
            "the file holds the stored pair"
        );
        page.wait_for_text("1 pair exported.").await;

        // The file is one the app itself reads: import it on a fresh start.
        let dir = repo_root().join("target").join("e2e-faults");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.text).unwrap();

        // Reload opens the same address; without ?panic, the work is there.
        page.click_button("Reload").await;
        page.wait_for_heading("Plan").await;
        page.goto(&format!("#/pair/{id}/agree")).await;
        page.wait_for_heading("Mentoring agreement").await;
        page.wait_for_value("Why we are doing this", purpose).await;
        page.click_link("Settings").await;
        page.wait_for_heading("Share and back up").await;
        choose_file(&page, &path).await;
        page.click_button("Merge").await;
        page.wait_for_text("The file holds nothing this workbook does not already have.")
            .await;
    });
}

#[test]
fn the_release_build_has_no_panic_switch() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        page.goto(&format!("?panic#/pair/{id}/agree")).await;
        page.wait_for_heading("Mentoring agreement").await;
        page.click_link_starting_with("Plan").await;
        page.wait_for_heading("Plan").await;
        assert!(!page.body_text().await.contains("Trellis stopped"));
    });
}
