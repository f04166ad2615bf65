//! Passphrase-protected sharing, end to end: a file and a share link
//! locked in one browser profile and opened in a fresh one, with a wrong
//! passphrase (refused, nothing changes) and then the right one.

use serde_json::Value as Json;
use trellis_e2e::{
    after_the_address, choose_file, create_pair_at, pair_key, repo_root, run, wait_until_stored,
    Page,
};

const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
const PURPOSE: &str = "Grow into leading the night shift";
const PASSPHRASE: &str = "copper kettle 42";

/// Ticks "Protect with a passphrase" and types `passphrase`.
async fn protect_with(page: &Page, passphrase: &str) {
    page.field("Protect with a passphrase")
        .await
        .click()
        .await
        .expect("the box takes a click");
    page.fill("Passphrase to lock with", passphrase).await;
}

/// A pair with a purpose, saved; its id.
async fn pair_with_purpose(page: &Page) -> String {
    let id = create_pair_at(page, MAY_1, "Maya", "Theo", "Mentor").await;
    page.fill("Why we are doing this", PURPOSE).await;
    wait_until_stored(page, &id, PURPOSE).await;
    id
}

/// The text a share link's code unpacks to, unpacked in the page.
async fn unpacked(page: &Page, link: &str) -> String {
    let code = link.split("#share=v1.").nth(1).expect("a share link");
    page.script_string(
        "const code = arguments[0];\n\
         const bytes = Uint8Array.from(atob(code.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));\n\
         return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();",
        vec![Json::String(code.to_string())],
    )
    .await
}

/// Types `passphrase` into the unlock prompt and presses Open.
async fn open_with(page: &Page, passphrase: &str) {
    page.fill("Passphrase to open it", passphrase).await;
    page.click_button("Open").await;
}

/// Checks that the envelope names its method and holds none of the pair.
fn assert_locked(text: &str) {
    let envelope: Json = serde_json::from_str(text).expect("the envelope is JSON");
    assert_eq!(envelope["format"], "trellis-sealed", "{text}");
    assert_eq!(envelope["version"], 1);
    assert_eq!(envelope["cipher"], "AES-256-GCM");
    assert_eq!(envelope["kdf"], "PBKDF2-SHA-256");
    assert_eq!(envelope["iterations"], 600_000);
    for plain in [PURPOSE, "Maya", "trellis-workbook"] {
        assert!(!text.contains(plain), "{plain:?} is readable in {text}");
    }
}

#[test]
fn a_protected_share_link_opens_in_a_fresh_browser_only_with_its_passphrase() {
    let (sender, receiver) = std::sync::mpsc::channel();
    run(move |page| async move {
        let id = pair_with_purpose(&page).await;
        page.goto(&format!("{MAY_1}#/pair/{id}/dashboard")).await;
        page.wait_for_heading("This pair").await;
        // Too short a passphrase makes no link, and says why.
        protect_with(&page, "short").await;
        page.click_button("Make a share link").await;
        page.wait_for_text("Choose a passphrase of at least 8 characters")
            .await;
        assert!(page.visible("//input[@id='share-link']").await.is_none());

        page.fill("Passphrase to lock with", PASSPHRASE).await;
        page.assert_no_axe_violations("the dashboard with protection chosen")
            .await;
        page.click_button("Make a share link").await;
        page.wait_for_text("Locked with the passphrase.").await;
        let link = page.value_of("Share link").await;
        assert!(link.contains(&format!("{MAY_1}#share=v1.")), "{link}");
        assert_locked(&unpacked(&page, &link).await);
        let after_address = after_the_address(&page, &link);
        sender
            .send((id, after_address))
            .expect("the test waits for the link");
    });
    let (id, after_address) = receiver.recv().expect("the first run sent the link");

    run(move |page| async move {
        page.goto(&after_address).await;
        page.wait_for_text("This link is protected with a passphrase.")
            .await;
        // The passphrase's field takes the focus once it is drawn.
        let deadline = std::time::Instant::now() + trellis_e2e::DEFAULT_TIMEOUT;
        while page
            .script_string("return document.activeElement.type || '';", vec![])
            .await
            != "password"
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the passphrase's field never took the focus\n{}",
                page.describe().await
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        page.assert_no_axe_violations("the passphrase prompt").await;

        open_with(&page, "copper kettle 43").await;
        page.wait_for_text("That passphrase does not open this link")
            .await;
        assert!(page.local_storage_get(&pair_key(&id)).await.is_none());
        assert!(page
            .visible("//button[normalize-space(.)='Merge']")
            .await
            .is_none());

        open_with(&page, PASSPHRASE).await;
        page.wait_for_text("Import this link?").await;
        page.fill("In a pair new to this device, I am", "the mentee")
            .await;
        page.click_button("Merge").await;
        page.wait_for_text("Imported 1 pair: 1 change to the pair, 1 change to the agreement.")
            .await;
        page.wait_for_hash_ending("#/settings").await;
        page.goto(&format!("{MAY_1}#/pair/{id}/agree")).await;
        assert_eq!(page.value_of("Why we are doing this").await, PURPOSE);
    });
}

#[test]
fn a_protected_export_imports_in_a_fresh_browser_only_with_its_passphrase() {
    let dir = repo_root()
        .join("target")
        .join("e2e-share")
        .join("protected");
    std::fs::create_dir_all(&dir).expect("a folder for the file");
    let file = dir.join("workbook.json");
    let written = file.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    run(move |page| async move {
        let id = pair_with_purpose(&page).await;
        page.click_link("Settings").await;
        page.wait_for_heading("Share and back up").await;
        protect_with(&page, PASSPHRASE).await;
        page.capture_downloads().await;
        page.click_button("Export workbook").await;
        let exported = page.wait_for_download().await;
        assert_eq!(exported.name, "trellis-workbook-2026-05-01.json");
        assert_locked(&exported.text);
        std::fs::write(&written, &exported.text).expect("the file is written");
        sender.send(id).expect("the test waits for the pair's id");
    });
    let id = receiver.recv().expect("the first run sent the pair's id");

    run(move |page| async move {
        page.goto(MAY_1).await;
        page.click_link("Settings").await;
        page.wait_for_heading("Share and back up").await;
        choose_file(&page, &file).await;
        page.wait_for_text("This file is protected with a passphrase.")
            .await;
        open_with(&page, "").await;
        page.wait_for_text("That passphrase does not open this file")
            .await;
        // Cancel leaves the prompt and changes nothing.
        page.click_button("Cancel").await;
        page.wait_for_text("Import cancelled. Nothing was changed.")
            .await;
        assert!(page
            .visible("//button[normalize-space(.)='Open']")
            .await
            .is_none());
        assert!(page.local_storage_get(&pair_key(&id)).await.is_none());

        choose_file(&page, &file).await;
        open_with(&page, PASSPHRASE).await;
        page.wait_for_text("Import this file?").await;
        page.click_button("Merge").await;
        page.wait_for_text("Imported 1 pair").await;
        wait_until_stored(&page, &id, PURPOSE).await;
    });
}
