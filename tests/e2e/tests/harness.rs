//! Tests of the harness itself, against hand-written pages in
//! tests/e2e/fixtures/, so a broken harness is not mistaken for a broken app.

use std::time::Duration;

use trellis_e2e::{fixture_dir, http_get, run_with, Options, StaticServer};

fn basic() -> Options {
    Options::serving(fixture_dir("basic"))
}

#[test]
fn the_server_serves_the_folder_under_the_sub_path_only() {
    let server = StaticServer::start(&fixture_dir("basic")).expect("server starts");
    let host = server.addr().to_string();
    let get = |path: &str| http_get(&host, path).expect("the server answers");

    let index = get("/trellis/");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(index.body.contains("<h1>Harness fixture</h1>"));

    let with_query = get("/trellis/?now=2026-05-01T09:00:00Z");
    assert_eq!(with_query.status, 200);
    assert_eq!(with_query.body, index.body);

    let wasm = get("/trellis/empty.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.bytes, b"\0asm\x01\0\0\0");

    let script = get("/trellis/app.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let style = get("/trellis/style.css");
    assert_eq!(
        style.header("content-type"),
        Some("text/css; charset=utf-8")
    );

    let bare = get("/trellis");
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("location"), Some("/trellis/"));

    for outside in [
        "/",
        "/index.html",
        "/app.js",
        "/trellis/missing.js",
        "/trellis/../basic/index.html",
    ] {
        assert_eq!(get(outside).status, 404, "{outside} must be a 404");
    }
}

#[test]
fn a_page_is_driven_by_labels_button_text_and_roles() {
    run_with(basic(), |page| async move {
        page.goto("").await;
        page.wait_for_heading("Harness fixture").await;
        page.wait_for_text("WebAssembly served correctly").await;
        assert_eq!(page.status_text().await, "Idle");

        page.fill("Your name", "Ada").await;
        page.fill("Colour", "Green").await;
        page.fill("Start date", "2026-05-01").await;
        page.fill("Mentor's note", "Be kind").await;
        page.append("Mentor's note", ", always").await;
        page.choose("Size", "Large").await;
        assert!(page.is_chosen("Size", "Large").await);
        assert!(!page.is_chosen("Size", "Small").await);

        page.click_button("Greet").await;
        page.wait_for_status("Hello Ada (Green, large, 2026-05-01, Be kind, always)")
            .await;
        page.click_submit("Greet").await;
        page.wait_for_status("Submitted Ada (Green, large, 2026-05-01, Be kind, always)")
            .await;

        assert_eq!(page.value_of("Your name").await, "Ada");
        assert_eq!(page.value_of("Colour").await, "Green");
        assert_eq!(page.value_of("Start date").await, "2026-05-01");
        page.wait_for_value("Mentor's note", "Be kind, always")
            .await;

        page.click_link("Next page").await;
        assert_eq!(page.wait_for_hash_ending("/next").await, "#/next");
        page.wait_for_status("At #/next").await;

        page.assert_no_axe_violations("the basic fixture").await;
    });
}

#[test]
fn navigation_local_storage_and_reload_keep_bytes_exactly() {
    run_with(basic(), |page| async move {
        page.goto("?now=2026-05-01T09:00:00Z#/pair/abc/agree").await;
        page.wait_for_heading("Harness fixture").await;
        let url = page.current_url().await;
        assert!(
            url.ends_with("/trellis/?now=2026-05-01T09:00:00Z#/pair/abc/agree"),
            "{url}"
        );
        assert_eq!(page.hash().await, "#/pair/abc/agree");

        let odd = "{not json \u{e9} \"quoted\"\n\ttabbed";
        page.local_storage_set("trellis/pair/abc", odd).await;
        page.local_storage_set("trellis/index", "[]").await;
        page.reload().await;
        page.wait_for_heading("Harness fixture").await;
        assert_eq!(
            page.local_storage_get("trellis/pair/abc").await.as_deref(),
            Some(odd)
        );
        assert_eq!(
            page.local_storage_keys().await,
            ["trellis/index", "trellis/pair/abc"]
        );
        page.local_storage_remove("trellis/index").await;
        assert_eq!(page.local_storage_get("trellis/index").await, None);
    });
}

#[test]
fn each_test_starts_with_empty_storage() {
    run_with(basic(), |page| async move {
        page.goto("").await;
        page.wait_for_heading("Harness fixture").await;
        assert!(page.local_storage_keys().await.is_empty());
    });
}

#[test]
fn viewport_width_and_dark_mode_are_emulated() {
    run_with(basic().dark_mode(), |page| async move {
        page.goto("").await;
        page.wait_for_heading("Harness fixture").await;
        assert!(page.prefers_dark().await);
        page.set_viewport_width(360).await;
        assert_eq!(page.inner_width().await, 360);
        assert!(page.scroll_width().await <= 360);
        page.reload().await;
        page.wait_for_heading("Harness fixture").await;
        assert!(page.prefers_dark().await, "dark mode must survive a reload");
        assert_eq!(page.inner_width().await, 360);
        page.emulate_dark_mode(false).await;
        assert!(!page.prefers_dark().await);
        page.assert_no_axe_violations("the basic fixture at 360 px")
            .await;
    });
}

#[test]
fn axe_reports_an_unlabelled_input() {
    run_with(
        Options::serving(fixture_dir("unlabelled")),
        |page| async move {
            page.goto("").await;
            page.wait_for_heading("An input nobody can name").await;
            let violations = page.axe_scan().await;
            let label = violations
                .iter()
                .find(|v| v.id == "label")
                .unwrap_or_else(|| panic!("axe missed the unlabelled input: {violations:?}"));
            assert!(label.nodes.iter().any(|n| n.html.contains("<input")));
        },
    );
}

#[test]
#[should_panic(expected = "axe found")]
fn assert_no_axe_violations_fails_on_an_unlabelled_input() {
    run_with(
        Options::serving(fixture_dir("unlabelled")),
        |page| async move {
            page.goto("").await;
            page.wait_for_heading("An input nobody can name").await;
            page.assert_no_axe_violations("the unlabelled fixture")
                .await;
        },
    );
}

#[test]
#[should_panic(expected = "deliberate failure")]
fn a_failing_assertion_in_the_body_fails_the_test() {
    run_with(basic(), |page| async move {
        page.goto("").await;
        assert_eq!(1 + 1, 3, "deliberate failure");
    });
}

#[test]
#[should_panic(expected = "Harness fixture")]
fn a_timeout_reports_the_text_of_the_page() {
    run_with(basic(), |page| async move {
        page.goto("").await;
        page.wait_for_text_within("Nowhere to be seen", Duration::from_secs(1))
            .await;
    });
}
