//! Steps through Trellis itself that many end-to-end tests share.

use std::time::{Duration, Instant};

use crate::{Page, DEFAULT_TIMEOUT};

/// Creates a pair from the home page with this device's `role` ("Mentor",
/// "Mentee" or "Both"), waits until it is saved and returns its id.
pub async fn create_pair(page: &Page, mentor: &str, mentee: &str, role: &str) -> String {
    create_pair_at(page, "", mentor, mentee, role).await
}

/// `create_pair`, with the app opened at `query` (for example
/// "?now=2026-05-01T09:00:00Z" to set its clock).
pub async fn create_pair_at(
    page: &Page,
    query: &str,
    mentor: &str,
    mentee: &str,
    role: &str,
) -> String {
    page.goto(query).await;
    page.click_button("Create pair").await;
    page.fill("Mentor's name", mentor).await;
    page.fill("Mentee's name", mentee).await;
    page.choose("On this device I am", role).await;
    page.click_submit("Create pair").await;
    page.wait_for_heading("Mentoring agreement").await;
    let hash = page.wait_for_hash_ending("/agree").await;
    let id = hash
        .strip_prefix("#/pair/")
        .and_then(|rest| rest.strip_suffix("/agree"))
        .unwrap_or_else(|| panic!("unexpected hash after creating a pair: {hash}"));
    assert!(!id.is_empty() && !id.contains('/'), "bad pair id in {hash}");
    page.wait_for_status("Saved").await;
    id.to_string()
}

/// Picks `file` in the "Import a file" on the page (the welcome page or
/// Settings).
pub async fn choose_file(page: &Page, file: &std::path::Path) {
    page.field("Import a file")
        .await
        .send_keys(
            &file
                .canonicalize()
                .expect("the file to import exists")
                .to_string_lossy(),
        )
        .await
        .expect("the file input takes the file's path");
}

/// The localStorage key that holds one pair.
pub fn pair_key(id: &str) -> String {
    format!("trellis/pair/{id}")
}

/// Waits until the stored pair `id` holds `needle` (its save has happened).
pub async fn wait_until_stored(page: &Page, id: &str, needle: &str) {
    let key = pair_key(id);
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    loop {
        let stored = page.local_storage_get(&key).await.unwrap_or_default();
        if stored.contains(needle) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{key} never held {needle:?}: {stored}\n{}",
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every key of the real workbook (`trellis/...`) with its text, in key
/// order: what must stay byte for byte the same across the demo, a new
/// build, and anything else that promises not to touch the workbook.
pub async fn workbook_keys(page: &Page) -> Vec<(String, String)> {
    let found = page
        .execute(
            "return Object.keys(localStorage).filter((k) => k.startsWith('trellis/')).sort()\
               .map((k) => [k, localStorage.getItem(k)]);",
            vec![],
        )
        .await;
    serde_json::from_value(found).unwrap_or_else(|e| panic!("keys as pairs: {e}"))
}

/// What follows the app's address in `link` (a share link made on this
/// page): each run serves the app on its own port, so this is what
/// another browser opens.
pub fn after_the_address(page: &Page, link: &str) -> String {
    link.strip_prefix(page.base_url())
        .expect("the link starts with the app's address")
        .to_string()
}
