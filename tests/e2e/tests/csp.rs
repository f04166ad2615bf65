//! The Content-Security-Policy and Trusted Types of the release build:
//! every page runs under them with nothing refused, and what they exist to
//! stop is stopped.

use serde_json::{json, Value as Json};
use trellis_e2e::{create_pair, run, Page};

/// The pages of one pair, by address slug and heading.
const PAIR_PAGES: [(&str, &str); 5] = [
    ("dashboard", "Dashboard"),
    ("agree", "Mentoring agreement"),
    ("plan", "Plan"),
    ("meet", "Meet"),
    ("review", "Review"),
];

/// Every resource the page has fetched, as full URLs.
async fn fetched(page: &Page) -> Vec<String> {
    let urls = page
        .execute(
            "return performance.getEntriesByType('resource').map((e) => e.name)\n\
             .concat(performance.getEntriesByType('navigation').map((e) => e.name));",
            vec![],
        )
        .await;
    serde_json::from_value(urls).unwrap_or_default()
}

/// Loads `hash` afresh (so the policy applies from the first byte), waits
/// for `heading`, shows it as printed too, and returns what the console
/// said and which addresses the page fetched that are not the app's own.
async fn visit(page: &Page, hash: &str, heading: &str) -> (Vec<String>, Vec<String>) {
    page.goto(hash).await;
    page.wait_for_heading(heading).await;
    page.emulate_print_media(true).await;
    page.emulate_print_media(false).await;
    let origin = page
        .script_string("return location.origin + '/';", vec![])
        .await;
    let foreign = fetched(page)
        .await
        .into_iter()
        .filter(|url| !url.starts_with(&origin) && !url.starts_with("blob:"))
        .collect();
    (page.browser_console().await, foreign)
}

fn pair_id_of(hash: &str) -> String {
    hash.split('/')
        .skip_while(|part| *part != "pair")
        .nth(1)
        .unwrap_or_else(|| panic!("no pair in {hash}"))
        .to_string()
}

#[test]
fn every_page_of_a_pair_and_the_demo_runs_under_the_policy_with_nothing_refused() {
    run(|page| async move {
        page.goto("").await;
        page.wait_for_heading("Welcome to Trellis").await;
        let policy = page
            .script_string(
                "return document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content ?? '';",
                vec![],
            )
            .await;
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types default trellis-worker",
        ] {
            assert!(
                policy.contains(directive),
                "{directive} is missing from {policy}"
            );
        }
        assert!(!policy.contains("unsafe-inline"), "{policy}");

        let id = create_pair(&page, "Maya", "Theo", "Both").await;
        let mut visits = vec![
            ("#/".to_string(), "Your pairs".to_string()),
            ("#/settings".to_string(), "Settings".to_string()),
        ];
        for (slug, heading) in PAIR_PAGES {
            visits.push((format!("#/pair/{id}/{slug}"), heading.to_string()));
        }

        page.goto("").await;
        page.click_button("Try the sample pair").await;
        page.click_link_starting_with("Ruth").await;
        page.wait_for_heading("Dashboard").await;
        let demo = pair_id_of(&page.hash().await);
        visits.push(("#/demo".to_string(), "Your pairs".to_string()));
        for (slug, heading) in PAIR_PAGES {
            visits.push((format!("#/demo/pair/{demo}/{slug}"), heading.to_string()));
        }
        page.browser_console().await;

        let mut said = Vec::new();
        let mut foreign = Vec::new();
        for (hash, heading) in &visits {
            let (console, others) = visit(&page, hash, heading).await;
            said.extend(console.into_iter().map(|line| format!("{hash}: {line}")));
            foreign.extend(others);
        }
        // The parts drawn on request: a share link and its preview, the
        // demo's QR code.
        page.goto(&format!("#/pair/{id}/dashboard")).await;
        page.wait_for_heading("Dashboard").await;
        page.click_button("Make a share link").await;
        page.wait_for_value_other_than("Share link", "").await;
        let link = page.value_of("Share link").await;
        let fragment = link.split_once('#').map(|(_, f)| format!("#{f}")).unwrap();
        page.goto(&fragment).await;
        page.wait_for_text("Import this link?").await;
        page.goto(&format!("#/demo/pair/{demo}/dashboard")).await;
        page.click_button("Show a QR code").await;
        page.wait_for_xpath(
            "//*[local-name()='svg']//*[local-name()='path']",
            "the QR code",
        )
        .await;
        said.extend(page.browser_console().await);

        let errors: Vec<&String> = said
            .iter()
            .filter(|line| line.contains("SEVERE") || line.contains("Content Security Policy"))
            .collect();
        assert!(errors.is_empty(), "the console reported: {errors:#?}");
        assert!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
        // The service worker registered through its Trusted Types policy.
        let registered = page
            .execute(
                "return navigator.serviceWorker.getRegistration().then((r) => !!r);",
                vec![],
            )
            .await;
        assert_eq!(registered, json!(true));
    });
}

#[test]
fn markup_that_could_run_a_script_is_refused_and_plain_markup_passes() {
    run(|page| async move {
        page.goto("").await;
        page.wait_for_heading("Welcome to Trellis").await;
        let outcome: Json = page
            .execute(
                "const tried = (markup) => {\n\
                   const template = document.createElement('template');\n\
                   try { template.innerHTML = markup; return template.innerHTML; }\n\
                   catch (refused) { return refused.name; }\n\
                 };\n\
                 const script = document.createElement('script');\n\
                 let source;\n\
                 try { script.src = 'https://example.com/x.js'; source = 'set'; }\n\
                 catch (refused) { source = refused.name; }\n\
                 return {\n\
                   plain: tried('<p class=\"card\"><b>Plan</b></p>'),\n\
                   handler: tried('<img src=x onerror=\"alert(1)\">'),\n\
                   script: tried('<script>alert(1)</' + 'script>'),\n\
                   url: tried('<a href=\"JavaScript:alert(1)\">x</a>'),\n\
                   source,\n\
                 };",
                vec![],
            )
            .await;
        assert_eq!(outcome["plain"], json!("<p class=\"card\"><b>Plan</b></p>"));
        for refused in ["handler", "script", "url", "source"] {
            assert_eq!(outcome[refused], json!("TypeError"), "{refused}: {outcome}");
        }
    });
}
