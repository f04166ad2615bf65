//! End-to-end tests of the printable agreement and progress report: with
//! print media emulated, only the printable text shows; Chromium's print to
//! PDF makes a file that pdftotext (poppler-utils) reads back.

use std::process::Command;

use trellis_e2e::{create_pair_at, repo_root, run, Page};

const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
const PURPOSE: &str = "Lead the night shift's handover with confidence";
const OBJECTIVE: &str = "Run the weekly handover meeting";

/// The current page printed by Chromium, as text from pdftotext.
async fn printed_text(page: &Page, name: &str) -> String {
    let pdf = page
        .client()
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("Chromium prints the page to PDF");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let dir = repo_root().join("target").join("e2e-print");
    std::fs::create_dir_all(&dir).expect("a folder for the PDFs");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &pdf).expect("the PDF is written");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian's poppler-utils; scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_agreement_prints_its_terms_and_confirmations() {
    run(|page| async move {
        create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        page.fill("Why we are doing this", PURPOSE).await;
        page.fill("Cadence", "Fortnightly").await;
        page.click_button("Confirm as mentor").await;
        page.wait_for_status("Saved").await;
        page.button("Print agreement").await;

        let heading = "//h2[normalize-space(.)='Mentoring agreement: Maya & Theo']";
        assert!(
            page.visible(heading).await.is_none(),
            "print text is hidden on screen"
        );
        page.emulate_print_media(true).await;
        page.wait_for_xpath(heading, "the printable agreement")
            .await;
        assert!(
            page.visible("//form[contains(@class, 'agreement')]")
                .await
                .is_none(),
            "the form is not printed"
        );
        let text = printed_text(&page, "agreement").await;
        for wanted in [
            "Mentoring agreement: Maya & Theo",
            "Why we are doing this",
            PURPOSE,
            "Fortnightly",
            "Confirmed by the mentor, Maya, on",
            "The mentee has not confirmed.",
        ] {
            assert!(
                text.contains(wanted),
                "{wanted:?} is not in the PDF: {text}"
            );
        }
        page.emulate_print_media(false).await;
        page.button("Print agreement").await;
    });
}

#[test]
fn the_dashboard_prints_a_progress_report() {
    run(|page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        page.click_link_starting_with("Plan").await;
        page.fill("New objective title", OBJECTIVE).await;
        page.click_button("Add objective").await;
        page.wait_for_heading(OBJECTIVE).await;
        page.goto(&format!("{MAY_1}#/pair/{id}/dashboard")).await;
        page.wait_for_heading("At a glance").await;
        page.button("Print progress report").await;

        page.emulate_print_media(true).await;
        page.wait_for_xpath(
            "//h2[normalize-space(.)='Progress report: Maya & Theo']",
            "the printable report",
        )
        .await;
        let text = printed_text(&page, "report").await;
        for wanted in [
            "Progress report: Maya & Theo",
            "Where you are",
            "At a glance",
            OBJECTIVE,
            "Roadmap",
            "0 sessions held; 0 actions done, 0 open",
        ] {
            assert!(
                text.contains(wanted),
                "{wanted:?} is not in the PDF: {text}"
            );
        }
        assert!(
            !text.contains("Delete pair"),
            "buttons are not printed: {text}"
        );
    });
}
