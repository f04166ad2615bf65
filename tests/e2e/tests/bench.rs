//! Not tests: browser-side timings of exporting and importing a large
//! workbook, for BENCHMARKS.md. Make the workbook first (the native
//! benchmark writes it), then run these against the release build:
//!
//! ```sh
//! cargo test --release --lib exchange_timings -- --ignored --nocapture
//! scripts/build.sh
//! cargo test -p trellis-e2e --release --test bench -- --ignored --nocapture --test-threads=1
//! ```
//!
//! Each step is timed inside the page with `performance.now()`, from the
//! user's action until the page shows its result, so the WebDriver round
//! trips are not counted.

use serde_json::{json, Value as Json};
use trellis_e2e::{repo_root, run, Page};

/// Runs `script` in the page as an async script: it gets the arguments and
/// must call `done(milliseconds)`.
async fn timed(page: &Page, script: &str, args: Vec<Json>) -> f64 {
    let script = format!(
        "const done = arguments[arguments.length - 1];\n\
         const args = Array.from(arguments).slice(0, -1);\n{script}"
    );
    let value = page
        .client()
        .execute_async(&script, args)
        .await
        .unwrap_or_else(|e| panic!("the timed script failed: {e}"));
    value
        .as_f64()
        .unwrap_or_else(|| panic!("the timed script returned {value}"))
}

/// Starts a clock, runs `start` (JavaScript), and calls `done` with the
/// time until the page's text contains `args[1]`.
const UNTIL_TEXT: &str = "\
    const wanted = args[1];\n\
    const t0 = performance.now();\n\
    const check = () => {\n\
      if (document.body.innerText.includes(wanted)) {\n\
        observer.disconnect();\n\
        done(performance.now() - t0);\n\
        return true;\n\
      }\n\
      return false;\n\
    };\n\
    const observer = new MutationObserver(check);\n\
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });\n\
    START;\n\
    check();";

/// Picks a file holding `text` in "Import a file" and times it until the
/// preview is shown.
async fn time_preview(page: &Page, text: &str) -> f64 {
    let start = "const transfer = new DataTransfer();\n\
        transfer.items.add(new File([args[0]], 'workbook.json', { type: 'application/json' }));\n\
        const input = document.getElementById('import-file');\n\
        input.files = transfer.files;\n\
        input.dispatchEvent(new Event('change', { bubbles: true }))";
    timed(
        page,
        &UNTIL_TEXT.replace("START", start),
        vec![json!(text), json!("What a merge would do")],
    )
    .await
}

/// Clicks the button named `name` and times it until `shown` is on the page.
async fn time_click(page: &Page, name: &str, shown: &str) -> f64 {
    let start = "Array.from(document.querySelectorAll('button'))\n\
        .find((b) => b.textContent.trim() === args[0]).click()";
    timed(
        page,
        &UNTIL_TEXT.replace("START", start),
        vec![json!(name), json!(shown)],
    )
    .await
}

#[test]
#[ignore]
fn export_and_import_timings_in_the_browser() {
    let file = repo_root().join("target/bench/workbook-10-pairs.json");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run `cargo test --release --lib exchange_timings -- --ignored` first",
            file.display()
        )
    });
    run(move |page| async move {
        page.goto("#/settings").await;
        page.wait_for_heading("Share and back up").await;
        println!("file: {} bytes, 10 pairs, 3,020 records", text.len());

        let preview = time_preview(&page, &text).await;
        let merge = time_click(&page, "Merge", "Imported 10 pairs").await;
        println!("into an empty browser: read and preview {preview:.0} ms, merge {merge:.0} ms");
        page.wait_for_status("Saved").await;

        for round in 1..=3 {
            let preview = time_preview(&page, &text).await;
            let merge = time_click(
                &page,
                "Merge",
                "The file holds nothing this workbook does not already have.",
            )
            .await;
            println!(
                "the same file again ({round}): read and preview {preview:.0} ms, merge {merge:.0} ms"
            );
        }

        page.capture_downloads().await;
        for round in 1..=3 {
            let export = timed(
                &page,
                "const button = Array.from(document.querySelectorAll('button'))\n\
                   .find((b) => b.textContent.trim() === 'Export workbook');\n\
                 const t0 = performance.now();\n\
                 button.click();\n\
                 done(performance.now() - t0);",
                vec![],
            )
            .await;
            let download = page.wait_for_download().await;
            assert!(download.text.len() >= text.len());
            println!(
                "export of the whole workbook ({round}, {} bytes): {export:.0} ms",
                download.text.len()
            );
        }
    });
}
