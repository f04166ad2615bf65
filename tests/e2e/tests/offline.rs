//! End-to-end tests of Trellis as an installed, offline app: its service
//! worker keeps the built files, Chromium finds it installable, a new build
//! is offered with "Reload" and changes no data, and Settings says whether
//! the browser keeps the storage. Each test serves its own copy of dist/
//! from a server it can stop or change.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value as Json};
use trellis_e2e::{create_pair, dist_dir, repo_root, run, workbook_keys, Page, StaticServer};

/// A fresh copy of dist/ in target/e2e-offline/<name>.
fn copy_of_dist(name: &str) -> PathBuf {
    let site = repo_root().join("target").join("e2e-offline").join(name);
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&dist_dir(), &site);
    site
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder for the copy");
    for entry in std::fs::read_dir(from).expect("dist/ can be read") {
        let entry = entry.expect("an entry of dist/");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a file copied");
        }
    }
}

/// The page's service worker registration, each worker's state, and the
/// caches it made, as a JSON text.
const WORKER_STATE: &str = "return navigator.serviceWorker.getRegistration()
    .then((r) => r && { installing: r.installing?.state, waiting: r.waiting?.state, active: r.active?.state })
    .then((registration) => caches.keys().then((keys) => JSON.stringify({ registration, keys })));";

/// Waits until the app's service worker is activated and controls the
/// page. The worker claims the page it was installed from; should that
/// claim not have reached the page, the next load of the app is controlled
/// by the activated worker in any case, so the page is loaded once more.
async fn wait_for_service_worker(page: &Page) {
    let controlled = async || {
        page.execute("return !!navigator.serviceWorker.controller;", vec![])
            .await
            == Json::Bool(true)
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut reloaded = false;
    loop {
        if controlled().await {
            return;
        }
        let worker = page.execute(WORKER_STATE, vec![]).await;
        let activated = worker
            .as_str()
            .is_some_and(|state| state.contains(r#""active":"activated""#));
        if activated && !reloaded {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if controlled().await {
                return;
            }
            page.reload().await;
            page.wait_for_text("Trellis").await;
            reloaded = true;
        }
        if Instant::now() >= deadline {
            panic!(
                "no service worker took control of the page (reloaded: {reloaded}; its registration and caches: {worker})\n{}",
                page.describe().await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn after_a_first_load_the_app_opens_and_works_with_the_server_stopped() {
    let site = copy_of_dist("stopped");
    run(move |browser| async move {
        let server = StaticServer::start(&site).expect("a server for the copy");
        let addr = server.addr();
        let page = browser.at(server.base_url());
        page.goto("").await;
        page.wait_for_text("Welcome to Trellis").await;
        wait_for_service_worker(&page).await;
        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        // Another page beside the app on the same host is that page, not
        // the app's.
        std::fs::write(
            site.join("beside.html"),
            "<title>Beside</title><p>Another page</p>",
        )
        .expect("a page beside the app");
        page.goto("beside.html").await;
        page.wait_for_text("Another page").await;
        page.goto(&format!("#/pair/{id}/agree")).await;
        page.wait_for_heading("Mentoring agreement").await;

        drop(server);
        assert!(
            trellis_e2e::http_get(&addr.to_string(), "/trellis/").is_err(),
            "the server still answers"
        );
        page.reload().await;
        page.wait_for_heading("Mentoring agreement").await;
        page.fill(
            "Why we are doing this",
            "Theo leads the night shift by March",
        )
        .await;
        page.wait_for_status("Saved").await;
        page.click_link("Settings").await;
        page.wait_for_heading("Share and back up").await;
        page.goto("").await;
        page.wait_for_heading("Your pairs").await;
        page.wait_for_text("Maya").await;
    });
}

#[test]
fn chromium_finds_the_app_installable() {
    run(|page| async move {
        page.goto("").await;
        page.wait_for_text("Welcome to Trellis").await;
        wait_for_service_worker(&page).await;
        let manifest = page.devtools_result("Page.getAppManifest", json!({})).await;
        assert!(
            manifest["errors"].as_array().is_some_and(Vec::is_empty),
            "manifest errors: {manifest}"
        );
        let found = page
            .devtools_result("Page.getInstallabilityErrors", json!({}))
            .await;
        assert_eq!(
            found["installabilityErrors"],
            json!([]),
            "Chromium's installability errors: {found}"
        );
        let themes = page
            .execute(
                "return [...document.querySelectorAll('meta[name=theme-color]')].map((m) => m.media);",
                vec![],
            )
            .await;
        assert_eq!(
            themes,
            json!([
                "(prefers-color-scheme: light)",
                "(prefers-color-scheme: dark)"
            ])
        );
    });
}

/// Makes `site` a new build: a new worker version and a page that says
/// which build it is.
fn deploy_build_b(site: &Path) {
    let worker = std::fs::read_to_string(site.join("sw.js")).expect("sw.js in the build");
    // The version: 16 hexadecimal digits, in the name of its cache.
    let version = worker
        .split('"')
        .filter_map(|part| part.strip_prefix("trellis-"))
        .find(|rest| rest.len() == 16 && rest.bytes().all(|b| b.is_ascii_hexdigit()))
        .expect("a versioned cache name in sw.js")
        .to_string();
    std::fs::write(
        site.join("sw.js"),
        worker.replace(&version, "b0b0b0b0b0b0b0b0"),
    )
    .expect("sw.js of build B");
    let page = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    assert!(page.contains("<title>"), "index.html has no title");
    std::fs::write(
        site.join("index.html"),
        page.replacen("<title>", "<meta name=\"build\" content=\"B\"><title>", 1),
    )
    .expect("index.html of build B");
}

/// The build the page was served from: "B", or "" for the first.
async fn build_of(page: &Page) -> String {
    page.script_string(
        "return document.querySelector('meta[name=build]')?.content ?? '';",
        vec![],
    )
    .await
}

#[test]
fn a_new_build_is_offered_with_reload_and_keeps_the_data() {
    let site = copy_of_dist("new-build");
    run(move |browser| async move {
        let server = StaticServer::start(&site).expect("a server for the copy");
        let page = browser.at(server.base_url());
        page.goto("").await;
        wait_for_service_worker(&page).await;
        create_pair(&page, "Maya", "Theo", "Both").await;
        page.fill(
            "Why we are doing this",
            "Theo leads the night shift by March",
        )
        .await;
        page.wait_for_status("Saved").await;
        let before = workbook_keys(&page).await;
        assert!(
            page.visible("//*[normalize-space(.)='A new version is ready.']")
                .await
                .is_none(),
            "the notice shows before there is a new version"
        );

        deploy_build_b(&site);
        page.reload().await;
        page.wait_for_text("A new version is ready.").await;
        assert_eq!(
            build_of(&page).await,
            "",
            "the waiting build is not in use yet"
        );
        assert_eq!(workbook_keys(&page).await, before);
        page.assert_no_axe_violations("the page with the new-version notice")
            .await;

        page.click_button("Reload").await;
        let deadline = Instant::now() + Duration::from_secs(20);
        while build_of(&page).await != "B" {
            assert!(
                Instant::now() < deadline,
                "the page never came from build B\n{}",
                page.describe().await
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        page.wait_for_heading("Mentoring agreement").await;
        assert_eq!(
            page.value_of("Why we are doing this").await,
            "Theo leads the night shift by March"
        );
        assert_eq!(workbook_keys(&page).await, before);
        assert!(
            page.visible("//*[normalize-space(.)='A new version is ready.']")
                .await
                .is_none(),
            "the notice still shows in the new version"
        );
        drop(server);
    });
}

#[test]
fn settings_says_what_the_browser_answered_to_keep_the_storage() {
    run(|page| async move {
        page.goto("").await;
        page.wait_for_text("Welcome to Trellis").await;
        page.click_link("Settings").await;
        page.wait_for_heading("Data in this browser").await;
        let kept = page
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 navigator.storage.persisted().then(done, () => done(false));",
                vec![],
            )
            .await
            .expect("navigator.storage.persisted() answers");
        let wanted = if kept == Json::Bool(true) {
            "Persistent storage: granted."
        } else {
            "Persistent storage: not granted."
        };
        page.wait_for_text(wanted).await;
        assert_eq!(
            page.body_text()
                .await
                .matches("Persistent storage:")
                .count(),
            1,
            "only the browser's answer shows, not the others beside it"
        );
        page.wait_for_text("Safari deletes the data of a site not visited for seven days")
            .await;
    });
}

/// Where the words after the storage answer start, and where the paragraph
/// after it sits, with each of the three answers shown, as `[[left, top,
/// top], ...]`.
const PLACES_BY_ANSWER: &str = "
    const root = document.documentElement;
    const kept = ['storage-kept', 'storage-not-kept'].filter((c) => root.classList.contains(c));
    const paragraphs = [...document.querySelectorAll('p')];
    const words = [...paragraphs.find((p) => p.textContent.includes('Persistent storage:')).childNodes]
        .find((n) => n.nodeType === Node.TEXT_NODE && n.data.includes('Granted'));
    const next = paragraphs.find((p) => p.textContent.startsWith('In use:'));
    const start = document.createRange();
    start.setStart(words, 1);
    start.setEnd(words, 2);
    const places = [[], ['storage-kept'], ['storage-not-kept']].map((shown) => {
        root.classList.remove('storage-kept', 'storage-not-kept');
        root.classList.add(...shown);
        const first = start.getBoundingClientRect();
        return [first.left, first.top, next.getBoundingClientRect().top];
    });
    root.classList.remove('storage-kept', 'storage-not-kept');
    root.classList.add(...kept);
    return places;";

#[test]
fn the_browsers_answer_moves_nothing_when_it_comes() {
    run(|page| async move {
        page.goto("#/settings").await;
        page.wait_for_heading("Data in this browser").await;
        for width in [360, 700, 1280] {
            page.set_viewport_width(width).await;
            let places = page.execute(PLACES_BY_ANSWER, vec![]).await;
            let first = &places[0];
            assert!(
                first.is_array() && places.as_array().is_some_and(|p| p.iter().all(|t| t == first)),
                "at {width} px the text after the storage answer moved as the answer came: {places}"
            );
        }
    });
}
