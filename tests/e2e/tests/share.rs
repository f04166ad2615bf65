//! End-to-end tests of sharing: the mentor and the mentee each keep their
//! own copy in their own browser profile and exchange files. Each `run`
//! starts a fresh profile; the mentor's second visit starts from the
//! mentor's own storage, carried over key by key.

use std::path::PathBuf;

use serde_json::Value as Json;
use trellis_e2e::{
    after_the_address, choose_file, create_pair_at, repo_root, run, wait_until_stored,
    xpath_literal, Page,
};

const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
const MAY_8: &str = "?now=2026-05-08T09:00:00Z";
const PURPOSE: &str = "Grow into leading the night shift";
const RESOURCE: &str = "The Making of a Manager";
const SESSION_AT: &str = "2026-05-04T14:00";
/// What the mentor's merge of the mentee's file brings.
const MENTEE_WORK: &str =
    "Imported 1 pair: 1 session, 1 evaluation round, 1 set of evaluation answers.";

/// A folder for the files the two people send each other.
fn exchange_dir(test: &str) -> PathBuf {
    let dir = repo_root().join("target").join("e2e-share").join(test);
    std::fs::create_dir_all(&dir).expect("a folder for the exchanged files");
    dir
}

/// Every localStorage key and value of the page.
async fn storage(page: &Page) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for key in page.local_storage_keys().await {
        let value = page.local_storage_get(&key).await.unwrap_or_default();
        all.push((key, value));
    }
    all
}

/// Opens Settings and picks `file` in "Import a file".
async fn pick_file(page: &Page, file: &std::path::Path) {
    page.click_link("Settings").await;
    page.wait_for_heading("Share and back up").await;
    choose_file(page, file).await;
}

/// The rows of the import preview: pair, added, updated, kept, deleted,
/// changed on both sides.
async fn preview_rows(page: &Page) -> Vec<String> {
    page.wait_for_texts(
        "//table[caption[normalize-space(.)='What a merge would do']]//tbody/tr",
        "the import preview",
        |rows| !rows.is_empty(),
    )
    .await
}

/// The numbers in the preview's first row: added, updated, kept, deleted,
/// changed on both sides.
async fn preview_counts(page: &Page) -> Vec<String> {
    preview_rows(page).await;
    page.texts("//table[caption[normalize-space(.)='What a merge would do']]//tbody/tr[1]/td")
        .await
}

/// Puts `stored` into the browser's storage for the app's origin, from a
/// page of that origin that is not the app (so the app cannot write over
/// it), then opens the app at `query`.
async fn restore_storage(page: &Page, stored: &[(String, String)], query: &str) {
    let origin = page
        .base_url()
        .trim_end_matches('/')
        .trim_end_matches("trellis");
    page.client()
        .goto(&format!("{origin}not-the-app"))
        .await
        .expect("a page of the app's origin opens");
    for (key, value) in stored {
        page.local_storage_set(key, value).await;
    }
    page.goto(query).await;
}

/// Exports the pair from its dashboard and returns the file.
async fn export_pair(page: &Page, id: &str, query: &str) -> trellis_e2e::Download {
    page.goto(&format!("{query}#/pair/{id}/dashboard")).await;
    page.wait_for_heading("Dashboard").await;
    page.capture_downloads().await;
    page.click_button("Export this pair").await;
    page.wait_for_download().await
}

/// Logs a session on the Meet page at `local` (datetime-local text).
async fn log_session(page: &Page, id: &str, local: &str) {
    page.goto(&format!("{MAY_8}#/pair/{id}/meet")).await;
    page.wait_for_heading("Log a session").await;
    page.fill("Date and time of the session", local).await;
    page.click_button("Log session").await;
    page.wait_for_value_other_than("Date and time of the session", local)
        .await;
}

/// Starts an evaluation on the Review page and answers it as the mentee
/// (one practice rated), as the mentee's own device allows.
async fn answer_evaluation_as_mentee(page: &Page, id: &str) {
    page.goto(&format!("{MAY_8}#/pair/{id}/review")).await;
    page.wait_for_heading("Evaluations").await;
    page.fill("Why now", "A milestone was reached").await;
    page.click_button("Start evaluation now").await;
    let evaluations = "//section[.//h2[normalize-space(.)='Evaluations']]";
    page.open_fold(evaluations, "Answer as mentee").await;
    let form = format!("{evaluations}//div[button[normalize-space(.)='Answer as mentee']]//form");
    page.fill_within(
        &format!("{form}//fieldset[legend[normalize-space(.)='Clear objectives']]"),
        "Rating",
        "4: mostly",
    )
    .await;
    page.click_button_in(&form, "Save the mentee's answers")
        .await;
    page.wait_for_text("The mentee answered on").await;
}

/// The titles of the session cards on the Meet page.
async fn session_headings(page: &Page) -> Vec<String> {
    page.texts("//section[h2[normalize-space(.)='Sessions']]//article/h3")
        .await
}

/// The mentor's first visit, in a browser of its own: starts the pair on
/// 1 May, writes the purpose, exports the pair to `file`; returns the
/// pair's id and the mentor's storage.
fn mentor_starts_and_exports(file: &std::path::Path) -> (String, Vec<(String, String)>) {
    let file = file.to_path_buf();
    let (sender, receiver) = std::sync::mpsc::channel();
    run(move |page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Mentor").await;
        page.fill("Why we are doing this", PURPOSE).await;
        wait_until_stored(&page, &id, PURPOSE).await;
        let exported = export_pair(&page, &id, MAY_1).await;
        assert_eq!(exported.name, "trellis-maya-theo-2026-05-01.json");
        assert_eq!(exported.mime, "application/json");
        let parsed: Json = serde_json::from_str(&exported.text).expect("the export is JSON");
        assert_eq!(parsed["format"], "trellis-workbook");
        assert_eq!(parsed["pairs"].as_array().map(Vec::len), Some(1));
        assert!(exported.text.contains(PURPOSE));
        std::fs::write(&file, &exported.text).expect("the mentor's file is written");
        sender
            .send((id, storage(&page).await))
            .expect("the test is waiting for the mentor's storage");
    });
    receiver.recv().expect("the mentor's run sent its storage")
}

/// The mentee, in an empty browser on 8 May, imports the mentor's file
/// from the welcome page as the mentee of a pair new to this device.
async fn mentee_imports(page: &Page, mentor_file: &std::path::Path) {
    page.goto(MAY_8).await;
    page.wait_for_heading("Welcome to Trellis").await;
    page.wait_for_heading("Received a workbook?").await;
    choose_file(page, mentor_file).await;
    let rows = preview_rows(page).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("Maya & Theo (new)"), "{rows:?}");
    page.fill("In a pair new to this device, I am", "the mentee")
        .await;
    page.click_button("Merge").await;
    page.wait_for_text("Imported 1 pair: 1 change to the pair, 1 change to the agreement.")
        .await;
    // The front page now lists the pair, and the message stays beside it.
    page.wait_for_heading("Your pairs").await;
    page.wait_for_heading("Maya & Theo").await;
}

#[test]
fn mentor_and_mentee_exchange_files_and_nothing_is_lost() {
    let dir = exchange_dir("exchange");
    let mentor_file = dir.join("from-mentor.json");
    let mentee_file = dir.join("from-mentee.json");

    // The mentor starts the pair, writes the purpose and exports the pair.
    let (id, mentor_storage) = mentor_starts_and_exports(&mentor_file);

    // The mentee imports it into an empty browser, logs a session, exports.
    {
        let (id, mentor_file, mentee_file) = (id.clone(), mentor_file.clone(), mentee_file.clone());
        run(move |page| async move {
            mentee_imports(&page, &mentor_file).await;
            page.goto(&format!("{MAY_8}#/pair/{id}/agree")).await;
            assert_eq!(page.value_of("Why we are doing this").await, PURPOSE);
            log_session(&page, &id, SESSION_AT).await;
            answer_evaluation_as_mentee(&page, &id).await;
            page.wait_for_status("Saved").await;

            // Importing the mentor's file again changes nothing.
            pick_file(&page, &mentor_file).await;
            assert_eq!(preview_counts(&page).await, ["0", "0", "0", "0", "0"]);
            page.click_button("Merge").await;
            page.wait_for_text("The file holds nothing this workbook does not already have.")
                .await;

            let file = export_pair(&page, &id, MAY_8).await;
            std::fs::write(&mentee_file, &file.text).expect("the mentee's file is written");
        });
    }

    // The mentor, in the mentor's own browser, has added a resource since;
    // merging the mentee's file brings the session and keeps the resource.
    run(move |page| async move {
        restore_storage(&page, &mentor_storage, MAY_8).await;
        page.goto(&format!("{MAY_8}#/pair/{id}/meet")).await;
        page.wait_for_heading("Resources").await;
        let resources = "//section[h2[normalize-space(.)='Resources']]";
        page.open_fold(resources, "Share a resource").await;
        page.fill_within(resources, "Resource title", RESOURCE)
            .await;
        page.click_button("Add resource").await;
        page.wait_for_text(RESOURCE).await;
        assert!(session_headings(&page).await.is_empty());

        pick_file(&page, &mentee_file).await;
        let rows = preview_rows(&page).await;
        assert!(rows[0].starts_with("Maya & Theo"), "{rows:?}");
        assert!(!rows[0].contains("(new)"), "{rows:?}");
        assert_eq!(
            preview_counts(&page).await,
            ["3", "0", "0", "0", "0"],
            "the mentee's session, evaluation round and answers are added; the mentor's resource is not in the file"
        );
        page.click_button("Merge").await;
        page.wait_for_text(MENTEE_WORK).await;
        page.goto(&format!("{MAY_8}#/pair/{id}/review")).await;
        page.wait_for_heading("Evaluations").await;
        page.wait_for_text("The mentee answered on").await;

        let meet = format!("{MAY_8}#/pair/{id}/meet");
        page.goto(&meet).await;
        page.wait_for_heading("Log a session").await;
        page.wait_for_texts(
            "//section[h2[normalize-space(.)='Sessions']]//article/h3",
            "the mentee's session",
            |found| found.len() == 1,
        )
        .await;
        page.wait_for_text(RESOURCE).await;

        // Undo puts the workbook back as it was before the import.
        page.click_button("Undo").await;
        page.wait_for_text("No sessions yet").await;
        page.wait_for_text(RESOURCE).await;

        // Merged again, both sides' work survives a reload.
        pick_file(&page, &mentee_file).await;
        preview_rows(&page).await;
        page.click_button("Merge").await;
        page.wait_for_text(MENTEE_WORK).await;
        page.wait_for_status("Saved").await;
        page.goto(&meet).await;
        page.reload().await;
        page.wait_for_heading("Log a session").await;
        page.wait_for_texts(
            "//section[h2[normalize-space(.)='Sessions']]//article/h3",
            "the mentee's session after a reload",
            |found| found.len() == 1,
        )
        .await;
        page.wait_for_text(RESOURCE).await;
    });
}

#[test]
fn a_broken_or_newer_file_is_refused_and_nothing_changes() {
    let dir = exchange_dir("refused");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"format\": \"trellis-workbook\",\n  oops}").expect("a broken file");
    let newer = dir.join("newer.json");
    std::fs::write(
        &newer,
        r#"{"format":"trellis-workbook","version":99,"exported_at":"2031-01-01T00:00:00.000Z","pairs":[]}"#,
    )
    .expect("a newer file");
    let huge = dir.join("huge.json");
    std::fs::write(&huge, "x".repeat(6_000_000)).expect("a file over 5 MB");
    let other = dir.join("other.json");
    std::fs::write(&other, r#"{"name": "my holiday photos"}"#).expect("another JSON file");
    run(move |page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        let before = storage(&page).await;
        pick_file(&page, &broken).await;
        page.wait_for_text("This file cannot be imported: it is not valid JSON (line 2, column 3")
            .await;
        pick_file(&page, &newer).await;
        page.wait_for_text(
            "This file cannot be imported: it was written by a newer version of Trellis (format version 99; this version reads up to 1). Nothing was changed.",
        )
        .await;
        pick_file(&page, &huge).await;
        page.wait_for_text(
            "This file cannot be imported: it is 6000000 bytes, more than the 5242880 bytes (5 MB) Trellis imports. Nothing was changed.",
        )
        .await;
        pick_file(&page, &other).await;
        page.wait_for_text(
            "This file cannot be imported: it is not a Trellis workbook file (found no format name). Nothing was changed.",
        )
        .await;
        assert!(
            page.visible(&format!(
                "//button[normalize-space(.)={}]",
                xpath_literal("Merge")
            ))
            .await
            .is_none(),
            "no preview for a refused file"
        );
        assert_eq!(storage(&page).await, before, "storage is untouched");
        page.goto(&format!("{MAY_1}#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Dashboard").await;
    });
}

/// Starts a pair on a shared screen, exports it to `file` and opens the
/// import preview of that file.
async fn preview_own_pair(page: &Page, file: &std::path::Path) {
    let id = create_pair_at(page, MAY_1, "Maya", "Theo", "Both").await;
    let exported = export_pair(page, &id, MAY_1).await;
    std::fs::write(file, exported.text).expect("the exported file");
    pick_file(page, file).await;
    preview_rows(page).await;
}

#[test]
fn the_sharing_controls_pass_axe_with_a_preview_open() {
    let dir = exchange_dir("axe");
    let file = dir.join("pair.json");
    run(move |page| async move {
        preview_own_pair(&page, &file).await;
        page.assert_no_axe_violations("Settings with an import preview")
            .await;
        page.emulate_dark_mode(true).await;
        page.assert_no_axe_violations("Settings with an import preview, dark")
            .await;
        page.set_viewport_width(360).await;
        let (scroll, client) = (page.scroll_width().await, page.client_width().await);
        assert!(
            scroll <= 360 && scroll <= client,
            "Settings with a preview is {scroll} px wide at 360 px"
        );
        page.click_button("Cancel").await;
        page.wait_for_text("Import cancelled. Nothing was changed.")
            .await;
        // The buttons went with the question: the keyboard is back where
        // another file is chosen.
        page.wait_for_focus("import-file").await;
    });
}

#[test]
fn the_dashboard_reminds_to_export_unsent_changes() {
    run(|page| async move {
        // The pair begins a moment after 09:00 on 1 May (the app's clock
        // runs on from the time it is given); the checks run at noon.
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        let dashboard = |query: &str| format!("{query}#/pair/{id}/dashboard");
        let reminder = "//p[contains(., 'changes you have not sent')]";

        page.goto(&dashboard("?now=2026-05-10T09:00:00Z")).await;
        page.reload().await;
        page.wait_for_heading("At a glance").await;
        assert!(page.visible(reminder).await.is_none(), "not before 14 days");

        page.goto(&dashboard("?now=2026-05-20T12:00:00Z")).await;
        page.reload().await;
        page.wait_for_text("This pair has changes you have not sent for 19 days")
            .await;

        page.goto("?now=2026-05-20T12:00:00Z#/settings").await;
        page.wait_for_heading("Share and back up").await;
        assert_eq!(
            page.value_of("Remind me to export after (days)").await,
            "14"
        );
        page.fill("Remind me to export after (days)", "30").await;
        page.goto(&dashboard("?now=2026-05-20T12:00:00Z")).await;
        page.wait_for_heading("At a glance").await;
        assert!(
            page.visible(reminder).await.is_none(),
            "30 days not reached"
        );
        page.reload().await;
        page.wait_for_heading("At a glance").await;
        assert!(
            page.visible(reminder).await.is_none(),
            "the setting is kept"
        );

        page.goto("?now=2026-06-15T12:00:00Z#/settings").await;
        page.reload().await;
        page.fill("Remind me to export after (days)", "14").await;
        page.goto(&dashboard("?now=2026-06-15T12:00:00Z")).await;
        page.wait_for_text("not sent for 45 days").await;
        page.capture_downloads().await;
        page.click_button("Export this pair").await;
        page.wait_for_download().await;
        page.wait_for_texts(reminder, "the reminder to go once exported", |found| {
            found.is_empty()
        })
        .await;
    });
}

/// Makes a share link on the pair's dashboard and returns it.
async fn make_share_link(page: &Page, id: &str, query: &str) -> String {
    page.goto(&format!("{query}#/pair/{id}/dashboard")).await;
    page.wait_for_heading("Dashboard").await;
    page.click_button("Make a share link").await;
    let deadline = std::time::Instant::now() + trellis_e2e::DEFAULT_TIMEOUT;
    loop {
        if page.visible("//input[@id='share-link']").await.is_some() {
            let link = page.value_of("Share link").await;
            if !link.is_empty() {
                return link;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no share link appeared\n{}",
            page.describe().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Letters that deflate cannot shrink much, `n` of them.
fn hard_to_compress(n: usize) -> String {
    let mut seed: u32 = 12345;
    (0..n)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'a' + ((seed >> 16) % 26) as u8)
        })
        .collect()
}

#[test]
fn a_share_link_opens_the_preview_in_a_fresh_browser() {
    let (sender, receiver) = std::sync::mpsc::channel();
    run(move |page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Mentor").await;
        page.fill("Why we are doing this", PURPOSE).await;
        page.wait_for_status("Saved").await;
        let link = make_share_link(&page, &id, MAY_1).await;
        assert!(
            link.starts_with(&format!("{}{MAY_1}#share=v1.", page.base_url())),
            "{link}"
        );
        page.wait_for_text(&format!("{} characters.", link.chars().count()))
            .await;
        assert!(!page.body_text().await.contains("send the file instead"));

        // A long purpose makes a link too long for chat tools: it says so.
        page.goto(&format!("{MAY_1}#/pair/{id}/agree")).await;
        page.fill("Why we are doing this", &hard_to_compress(4000))
            .await;
        page.wait_for_status("Saved").await;
        let long = make_share_link(&page, &id, MAY_1).await;
        assert!(long.len() > 2000, "{}", long.len());
        page.wait_for_text("send the file instead (Export this pair)")
            .await;
        let after_address = after_the_address(&page, &link);
        sender
            .send((id, after_address))
            .expect("the test is waiting for the link");
    });
    let (id, after_address) = receiver.recv().expect("the mentor's run sent the link");

    run(move |page| async move {
        page.goto(&after_address).await;
        page.wait_for_text("Import this link?").await;
        // The page opens at the top: the question takes the focus, in view.
        page.wait_for_focus("import-question").await;
        let rows = preview_rows(&page).await;
        assert!(rows[0].starts_with("Maya & Theo (new)"), "{rows:?}");
        assert!(
            page.local_storage_get(&trellis_e2e::pair_key(&id))
                .await
                .is_none(),
            "nothing is imported before the user says so"
        );
        page.fill("In a pair new to this device, I am", "the mentee")
            .await;
        page.click_button("Merge").await;
        page.wait_for_text("Imported 1 pair: 1 change to the pair, 1 change to the agreement.")
            .await;
        page.wait_for_hash_ending("#/settings").await;
        page.goto(&format!("{MAY_1}#/pair/{id}/agree")).await;
        assert_eq!(page.value_of("Why we are doing this").await, PURPOSE);

        // A link cut short, or from a newer Trellis, is refused.
        page.goto(&format!("{MAY_1}#share=v1.q1Yqz")).await;
        page.reload().await;
        page.wait_for_text("This link cannot be imported: it is damaged or cut short")
            .await;
        page.goto(&format!("{MAY_1}#share=v2.abc")).await;
        page.wait_for_text(
            "This link cannot be imported: it was made by a newer version of Trellis",
        )
        .await;
        // A short link that would unpack to far more than a workbook holds
        // is stopped at the import limit.
        let bomb = page
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1];\n\
                 const stream = new Blob(['x'.repeat(6000000)]).stream()\n\
                   .pipeThrough(new CompressionStream('deflate-raw'));\n\
                 new Response(stream).arrayBuffer().then((buffer) => {\n\
                   let binary = '';\n\
                   for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);\n\
                   done(btoa(binary).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''));\n\
                 });",
                vec![],
            )
            .await
            .expect("the page compresses");
        let bomb = bomb.as_str().expect("a base64url code").to_string();
        assert!(bomb.len() < 20_000, "{}", bomb.len());
        page.goto(&format!("{MAY_1}#share=v1.{bomb}")).await;
        page.wait_for_text(
            "This link cannot be imported: it unpacks to more than the 5242880 bytes (5 MB) Trellis imports. Nothing was changed.",
        )
        .await;
        assert!(
            page.visible("//button[normalize-space(.)='Merge']")
                .await
                .is_none(),
            "no preview for a refused link"
        );
    });
}

#[test]
fn a_change_made_on_both_sides_is_kept_and_can_be_restored() {
    let dir = exchange_dir("conflict");
    let mentor_file = dir.join("from-mentor.json");
    let mentee_file = dir.join("from-mentee.json");
    const THEIRS: &str = "Lead the night shift by autumn";
    const OURS: &str = "Lead the night shift by the summer";
    let conflicts = "//section[h2[normalize-space(.)='Changed on both sides']]";

    let (id, mentor_storage) = mentor_starts_and_exports(&mentor_file);

    // The mentee imports and changes the purpose on 8 May, at 09:00.
    {
        let (id, mentor_file, mentee_file) = (id.clone(), mentor_file.clone(), mentee_file.clone());
        run(move |page| async move {
            mentee_imports(&page, &mentor_file).await;
            page.goto(&format!("{MAY_8}#/pair/{id}/agree")).await;
            page.fill("Why we are doing this", THEIRS).await;
            wait_until_stored(&page, &id, THEIRS).await;
            let file = export_pair(&page, &id, MAY_8).await;
            std::fs::write(&mentee_file, &file.text).expect("the mentee's file is written");
        });
    }

    // The mentor changed it too, later that day, before the file came.
    run(move |page| async move {
        let later = "?now=2026-05-08T15:00:00Z";
        restore_storage(&page, &mentor_storage, later).await;
        page.goto(&format!("{later}#/pair/{id}/agree")).await;
        page.fill("Why we are doing this", OURS).await;
        wait_until_stored(&page, &id, OURS).await;

        pick_file(&page, &mentee_file).await;
        assert_eq!(
            preview_counts(&page).await,
            ["0", "0", "1", "0", "1"],
            "the mentor's newer purpose is kept and the mentee's is a conflict"
        );
        page.click_button("Merge").await;
        page.wait_for_text("1 change made on both sides").await;

        page.goto(&format!("{later}#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Changed on both sides").await;
        let rows = page.texts(&format!("{conflicts}//tbody/tr")).await;
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(
            rows[0].starts_with("purpose") && rows[0].contains(OURS) && rows[0].contains(THEIRS),
            "{rows:?}"
        );
        page.assert_no_axe_violations("Dashboard with a conflict")
            .await;
        page.emulate_dark_mode(true).await;
        page.assert_no_axe_violations("Dashboard with a conflict, dark")
            .await;
        page.emulate_dark_mode(false).await;
        page.set_viewport_width(360).await;
        let (scroll, client) = (page.scroll_width().await, page.client_width().await);
        assert!(
            scroll <= 360 && scroll <= client,
            "the dashboard with a conflict is {scroll} px wide at 360 px"
        );

        page.click_button("Restore the kept version").await;
        page.wait_for_focus("undo").await;
        page.wait_for_texts(conflicts, "the conflict to be settled", |found| {
            found.is_empty()
        })
        .await;
        page.goto(&format!("{later}#/pair/{id}/agree")).await;
        assert_eq!(page.value_of("Why we are doing this").await, THEIRS);

        // Undo puts the mentor's version back and the conflict with it.
        page.click_button("Undo").await;
        page.wait_for_value("Why we are doing this", OURS).await;
        page.goto(&format!("{later}#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Changed on both sides").await;
        page.click_button("Keep the version in place").await;
        page.wait_for_texts(conflicts, "the conflict to be set aside", |found| {
            found.is_empty()
        })
        .await;
        wait_until_stored(&page, &id, "\"deleted\":\"conflict\"").await;
        page.reload().await;
        page.wait_for_heading("At a glance").await;
        assert!(page.visible(conflicts).await.is_none());

        // The same file again brings nothing back.
        pick_file(&page, &mentee_file).await;
        assert_eq!(preview_counts(&page).await, ["0", "0", "1", "0", "0"]);
    });
}

#[test]
fn the_preview_warns_when_the_result_would_not_fit_in_storage() {
    let dir = exchange_dir("full");
    let file = dir.join("pair.json");
    run(move |page| async move {
        preview_own_pair(&page, &file).await;
        assert!(!page.body_text().await.contains("more than the 5 MB"));
        page.click_button("Cancel").await;

        // Another app on this site has used nearly all of the storage.
        page.execute(
            "localStorage.setItem('another-app/cache', 'x'.repeat(4999000)); return null;",
            vec![],
        )
        .await;
        pick_file(&page, &file).await;
        page.wait_for_text("more than the 5 MB browsers usually keep, so saving may fail")
            .await;
        page.click_button("Cancel").await;
        page.wait_for_text("Import cancelled. Nothing was changed.")
            .await;
    });
}
