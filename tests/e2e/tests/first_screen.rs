//! End-to-end tests of the static first screen index.html paints before
//! the wasm arrives: it shows with the wasm blocked, with the welcome only
//! on the front page of an empty workbook; its words and their places are
//! the app's own; and the app takes its place without shifting anything.
//! Each browser starts with a fresh profile, so no service worker answers.

use std::path::Path;

use serde_json::{json, Value as Json};
use trellis_e2e::{create_pair, dist_dir, repo_root, run, Page, StaticServer};

/// Holds every request for the wasm from now on, unanswered, as a very
/// slow network would: the page loads and paints, but the app never
/// starts, so only the first screen is there to see.
async fn hold_the_wasm(page: &Page) {
    page.devtools_result(
        "Fetch.enable",
        json!({ "patterns": [{ "urlPattern": "*.wasm", "requestStage": "Request" }] }),
    )
    .await;
}

/// The words and places (x, y, width, height in CSS pixels) of the header's
/// visible parts and of the first four blocks of the welcome: the first
/// screen's while it is there, else the app's.
const LAYOUT: &str = "
    const shell = document.getElementById('shell');
    const root = shell || document.body;
    const main = root.querySelector('main');
    const welcome = shell ? main.querySelector('.shell-welcome') : main;
    const part = (e) => {
        const r = e.getBoundingClientRect();
        return { text: e.innerText.replace(/\\s+/g, ' ').trim(), box: [r.x, r.y, r.width, r.height] };
    };
    const shown = (e) => e.getClientRects().length > 0;
    return {
        header: [...root.querySelector('header').children].filter(shown).map(part),
        welcome: [...welcome.children].filter(shown).slice(0, 4).map(part),
    };";

async fn layout(page: &Page) -> Json {
    page.execute(LAYOUT, vec![]).await
}

/// Opens `rest` without waiting for the app (which never comes while the
/// wasm is held).
async fn open_first_screen(page: &Page, rest: &str) {
    let url = page.url_for(rest);
    if let Err(e) = page.client().goto(&url).await {
        panic!("cannot open {url}: {e}");
    }
    // An address that differs only after the # does not load the page
    // again by itself.
    if let Err(e) = page.client().refresh().await {
        panic!("cannot reload {url}: {e}");
    }
}

async fn welcome_shown(page: &Page) -> bool {
    page.visible("//h1[normalize-space(.)='Welcome to Trellis']")
        .await
        .is_some()
}

#[test]
fn with_the_wasm_blocked_the_first_screen_shows_the_welcome_only_where_the_app_would() {
    run(|page| async move {
        hold_the_wasm(&page).await;
        open_first_screen(&page, "").await;
        page.wait_for_heading("Welcome to Trellis").await;
        page.wait_for_text("Loading Trellis…").await;
        for stage in ["Agree", "Plan", "Meet", "Review"] {
            page.wait_for_text(stage).await;
        }
        let text = page.body_text().await;
        assert!(
            text.contains("Settings") && text.contains("Trellis"),
            "the first screen should show the header; it reads:\n{text}"
        );

        open_first_screen(&page, "#/settings").await;
        page.wait_for_text("Loading Trellis…").await;
        assert!(
            !welcome_shown(&page).await,
            "the welcome should not show on Settings"
        );

        open_first_screen(&page, "").await;
        page.wait_for_heading("Welcome to Trellis").await;
        page.local_storage_set(
            "trellis/index",
            r#"{"format":"trellis-index","version":1,"pairs":["p-1"]}"#,
        )
        .await;
        open_first_screen(&page, "#/").await;
        page.wait_for_text("Loading Trellis…").await;
        assert!(
            !welcome_shown(&page).await,
            "the welcome should not show once the workbook has a pair"
        );
        page.local_storage_set("trellis-ui/presenting", "on").await;
        page.local_storage_set(
            "trellis/index",
            r#"{"format":"trellis-index","version":1,"pairs":[]}"#,
        )
        .await;
        open_first_screen(&page, "").await;
        page.wait_for_heading("Welcome to Trellis").await;
        let presenting = page
            .execute(
                "return document.documentElement.classList.contains('presenting');",
                vec![],
            )
            .await;
        assert_eq!(
            presenting,
            Json::Bool(true),
            "the first screen should use the presenting view this device chose"
        );
    });
}

#[test]
fn the_first_screen_has_the_apps_words_in_the_apps_places() {
    run(|page| async move {
        let widths = [(360, 740), (1280, 800)];
        let mut drawn = Vec::new();
        for (width, height) in widths {
            page.set_viewport(width, height).await;
            page.goto("").await;
            page.button("Create pair").await;
            drawn.push(layout(&page).await);
        }
        hold_the_wasm(&page).await;
        for ((width, height), drawn) in widths.into_iter().zip(drawn) {
            page.set_viewport(width, height).await;
            open_first_screen(&page, "").await;
            page.wait_for_heading("Welcome to Trellis").await;
            let painted = layout(&page).await;
            assert_eq!(
                painted["welcome"].as_array().map(Vec::len),
                Some(4),
                "the first screen's welcome has four blocks"
            );
            assert_eq!(
                painted, drawn,
                "at {width} px the first screen (left) and the app (right) should show the \
                 same header and welcome in the same places: change index.html's #shell to \
                 match the app's header and welcome (src/ui/components/header.rs, \
                 src/ui/pages/home.rs)"
            );
        }
    });
}

/// The layout shifts the page has seen since it loaded, as `[total,
/// [[value, [[node, [y, height before, y, height after]]...]]...]]`.
const LAYOUT_SHIFTS: &str = "
    const done = arguments[arguments.length - 1];
    const seen = [];
    new PerformanceObserver((list) => seen.push(...list.getEntries()))
        .observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => done([
        seen.reduce((sum, e) => sum + e.value, 0),
        seen.map((e) => [e.value, e.sources.map((s) => [
            s.node ? s.node.nodeName + '.' + s.node.className : '?',
            [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height, s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height, e.startTime],
        ])]),
    ]), 1500);";

async fn layout_shifts(page: &Page) -> Json {
    match page.client().execute_async(LAYOUT_SHIFTS, vec![]).await {
        Ok(value) => value,
        Err(e) => panic!("cannot read the layout shifts: {e}"),
    }
}

#[test]
fn the_app_takes_the_first_screens_place_without_shifting_anything() {
    run(|page| async move {
        for (width, height) in [(360, 740), (1280, 800)] {
            page.set_viewport(width, height).await;
            page.goto("").await;
            page.button("Create pair").await;
            let shifts = layout_shifts(&page).await;
            assert_eq!(
                shifts[0],
                json!(0),
                "at {width} px a new visitor's front page shifted: {shifts}"
            );
        }
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        for rest in [
            String::new(),
            format!("#/pair/{id}"),
            format!("#/pair/{id}/plan"),
            "#/settings".to_string(),
        ] {
            // A new address that differs only after the # would not load
            // the page again: reload it.
            page.goto(&rest).await;
            page.reload().await;
            let shifts = layout_shifts(&page).await;
            assert_eq!(
                shifts[0],
                json!(0),
                "opening {rest:?} shifted the page: {shifts}"
            );
        }
        let mains = page
            .execute(
                "return [document.querySelectorAll('main').length, document.querySelectorAll('header').length];",
                vec![],
            )
            .await;
        assert_eq!(
            mains,
            json!([1, 1]),
            "once the app runs the page has one header and one main"
        );
    });
}

#[test]
fn without_scripts_the_first_screen_says_what_trellis_needs_instead_of_loading() {
    run(|page| async move {
        page.devtools_result(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": true }),
        )
        .await;
        open_first_screen(&page, "").await;
        page.wait_for_text("Trellis needs JavaScript and WebAssembly to run.")
            .await;
        let text = page.body_text().await;
        assert!(
            text.contains("Settings")
                && !text.contains("Loading Trellis")
                && !text.contains("Welcome"),
            "without scripts the first screen should show the header and why nothing comes, \
             not a loading line or the welcome; it reads:\n{text}"
        );
    });
}

/// A copy of dist/ without its wasm, as a download that fails leaves it.
fn copy_without_wasm(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder for the copy");
    for entry in std::fs::read_dir(from).expect("dist/ can be read") {
        let path = entry.expect("an entry of dist/").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_without_wasm(&path, &target);
        } else if path.extension().is_none_or(|e| e != "wasm") {
            std::fs::copy(&path, &target).expect("a file copied");
        }
    }
}

#[test]
fn a_wasm_that_never_arrives_is_reported_as_not_loaded_with_what_is_stored_kept() {
    let site = repo_root().join("target").join("e2e-no-wasm");
    let _ = std::fs::remove_dir_all(&site);
    copy_without_wasm(&dist_dir(), &site);
    run(move |browser| async move {
        let server = StaticServer::start(&site).expect("a server for the copy");
        let page = browser.at(server.base_url());
        open_first_screen(&page, "").await;
        page.wait_for_heading("Trellis could not finish loading")
            .await;
        let alert = page.alert_text().await;
        assert!(
            alert.contains("Nothing stored in this browser has changed"),
            "{alert}"
        );
        page.button("Reload").await;
        page.button("Export workbook").await;
    });
}

#[test]
fn the_app_starts_even_when_the_browser_never_reports_the_first_paint() {
    run(|page| async move {
        // A PerformanceObserver that observes nothing: the paint report
        // the app waits for never comes.
        page.devtools_result(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": "window.PerformanceObserver = class { \
                static get supportedEntryTypes() { return ['paint']; } \
                observe() {} disconnect() {} };" }),
        )
        .await;
        page.goto("").await;
        page.button("Create pair").await;
    });
}
