//! A pair deleted here and met again in a file: shown as deleted, left
//! deleted by a merge, and brought back only when asked.

use trellis_e2e::{choose_file, create_pair, run, wait_until_stored};

#[test]
fn a_pair_deleted_here_is_shown_as_deleted_in_the_preview_and_comes_back_only_when_asked() {
    run(|page| async move {
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let purpose = "Take over the casting line";
        page.fill("Why we are doing this", purpose).await;
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, purpose).await;

        page.goto(&format!("#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Dashboard").await;
        page.capture_downloads().await;
        page.click_button("Export this pair").await;
        let file = page.wait_for_download().await;
        let dir = trellis_e2e::repo_root().join("target").join("e2e-deleted");
        std::fs::create_dir_all(&dir).expect("a folder for the file");
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.text).expect("the file is written");

        page.click_button("Delete pair").await;
        page.wait_for_heading("Welcome to Trellis").await;
        page.wait_for_status("Saved").await;

        let pick = || async {
            choose_file(&page, &path).await;
            page.wait_for_text("Maya & Theo (deleted here)").await;
        };
        // A merge leaves it deleted.
        pick().await;
        page.wait_for_text("Merge leaves it deleted").await;
        page.click_button("Merge").await;
        page.wait_for_text("Left deleted on this device, as you deleted it: Maya & Theo.")
            .await;
        page.wait_for_status("Saved").await;
        page.goto("#/").await;
        page.wait_for_heading("Welcome to Trellis").await;

        // Brought back, it is there with its agreement.
        pick().await;
        page.click_button("Merge and bring back the deleted pairs")
            .await;
        page.wait_for_heading("Your pairs").await;
        page.goto(&format!("#/pair/{id}/agree")).await;
        page.wait_for_value("Why we are doing this", purpose).await;
        page.reload().await;
        page.wait_for_value("Why we are doing this", purpose).await;
    });
}
