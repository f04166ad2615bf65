//! Two tabs of one browser on the same pair: each keeps the other's work.

use serde_json::json;
use trellis_e2e::{create_pair, run, wait_until_stored, Page};

/// Opens a second tab at `hash` and returns the handles of the first and
/// the second; the second is current.
async fn second_tab(
    page: &Page,
    hash: &str,
) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
    let first = page.client().window().await.expect("the first tab");
    let second = page
        .client()
        .new_window(true)
        .await
        .expect("a second tab opens")
        .handle;
    page.client()
        .switch_to_window(second.clone())
        .await
        .expect("the second tab takes over");
    page.goto(hash).await;
    (first, second)
}

async fn switch(page: &Page, tab: &fantoccini::wd::WindowHandle) {
    page.client()
        .switch_to_window(tab.clone())
        .await
        .expect("the tab takes over");
}

/// Goes to `hash` within the running page (no reload: memory stays).
async fn go_within(page: &Page, hash: &str) {
    page.execute("location.hash = arguments[0];", vec![json!(hash)])
        .await;
}

#[test]
fn two_tabs_editing_different_records_both_keep_their_edits() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let agree = format!("#/pair/{id}/agree");
        let (first, second) = second_tab(&page, &agree).await;
        page.wait_for_heading("Mentoring agreement").await;
        page.fill("Mentor's position", "Melt shop lead").await;
        page.wait_for_status("Saved").await;

        switch(&page, &first).await;
        page.fill("Why we are doing this", "Run the furnace relining")
            .await;
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, "Melt shop lead").await;
        wait_until_stored(&page, &id, "Run the furnace relining").await;
        page.wait_for_value("Mentor's position", "Melt shop lead")
            .await;

        switch(&page, &second).await;
        page.wait_for_value("Why we are doing this", "Run the furnace relining")
            .await;
        page.reload().await;
        page.wait_for_value("Mentor's position", "Melt shop lead")
            .await;
        page.wait_for_value("Why we are doing this", "Run the furnace relining")
            .await;
    });
}

#[test]
fn two_tabs_editing_the_same_record_keep_the_later_edit_and_the_earlier_as_a_conflict() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let agree = format!("#/pair/{id}/agree");
        let (first, second) = second_tab(&page, &agree).await;
        page.wait_for_heading("Mentoring agreement").await;
        // The second tab hears of the first's save only later, as a busy
        // tab can: both then change the purpose from the same version.
        page.execute(
            "Object.defineProperty(StorageEvent.prototype, 'key', { get: () => null });",
            vec![],
        )
        .await;

        switch(&page, &first).await;
        page.fill("Why we are doing this", "Halve the relining time")
            .await;
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, "Halve the relining time").await;

        switch(&page, &second).await;
        assert_eq!(page.value_of("Why we are doing this").await, "");
        page.fill("Why we are doing this", "Cut the relining to five days")
            .await;
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, "Cut the relining to five days").await;
        wait_until_stored(&page, &id, "\"conflict\"").await;
        wait_until_stored(&page, &id, "Halve the relining time").await;

        // The later edit is in place; the earlier is kept, in both tabs.
        page.wait_for_value("Why we are doing this", "Cut the relining to five days")
            .await;
        go_within(&page, &format!("#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Changed on both sides").await;
        page.wait_for_text("Halve the relining time").await;

        switch(&page, &first).await;
        page.wait_for_value("Why we are doing this", "Cut the relining to five days")
            .await;
        go_within(&page, &format!("#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Changed on both sides").await;
        page.wait_for_text("Halve the relining time").await;
    });
}
