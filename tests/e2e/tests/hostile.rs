//! A file from someone else is data, never a way in: hostile text in every
//! field of every kind of record is shown as inert text on every page,
//! printed, in the conflict card and in a share link's preview, and a
//! 100,000-letter word does not push the page sideways at 360 px.

use chrono::TimeZone;
use serde_json::{json, Value as Json};
use trellis_e2e::hostile::{hostile_file, HOSTILE, PWNED};
use trellis_e2e::{choose_file, repo_root, run, Page};

const NOW: &str = "?now=2026-11-02T09:00:00Z";

/// `inert_on` for a part that shows the pair's content.
async fn inert(page: &Page, what: &str) {
    inert_on(page, what, true).await;
}

/// Whether any of the hostile text got out of being text on the page, and
/// (with `shows_pair`, on a page that shows the pair's content) that some
/// of it is there to read as text.
async fn inert_on(page: &Page, what: &str, shows_pair: bool) {
    let found: Json = page
        .execute(
            "const shown = document.body.innerText;\n\
             return {\n\
               ran: window[arguments[0]] ?? null,\n\
               handlers: document.querySelectorAll('[onerror], [onload], [onfocus], [autofocus]').length,\n\
               planted: document.querySelectorAll('img[src=x], a[x]').length,\n\
               shown: arguments[1].filter((text) => shown.includes(text)).length,\n\
               overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,\n\
               past: [...document.querySelectorAll('body *')]\n\
                 .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)\n\
                 .slice(0, 6).map((e) => e.tagName + '.' + e.className),\n\
             };",
            vec![json!(PWNED), json!(HOSTILE)],
        )
        .await;
    assert_eq!(found["ran"], Json::Null, "{what}: a hostile text ran");
    assert_eq!(
        found["handlers"],
        json!(0),
        "{what}: an event handler got into the page"
    );
    assert_eq!(
        found["planted"],
        json!(0),
        "{what}: hostile markup became elements"
    );
    assert!(
        !shows_pair || found["shown"].as_u64().unwrap_or(0) > 0,
        "{what}: none of the hostile texts is shown as text\n{}",
        page.describe().await
    );
    assert!(
        found["overflow"].as_i64().unwrap_or(1) <= 0,
        "{what}: the page scrolls sideways by {} px at 360 px wide, past the edge: {}",
        found["overflow"],
        found["past"]
    );
}

#[test]
fn the_hostile_file_has_hostile_text_in_every_kind_of_record_that_holds_text() {
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
        .single()
        .expect("a real date");
    let file = hostile_file(now);
    let every_kind_with_text = [
        "action_item",
        "agreement",
        "confirmation",
        "conflict",
        "contact",
        "evaluation_answers",
        "milestone",
        "objective",
        "objective_consent",
        "pair",
        "resource",
        "revision",
        "session",
        "session_part",
        "step",
        "win",
    ];
    assert_eq!(file.kinds, every_kind_with_text, "{} fields", file.fields);
    assert!(
        file.text.len() < 5 * 1024 * 1024,
        "the file must still import"
    );
}

#[test]
fn hostile_text_in_every_field_is_inert_on_every_page_and_the_layout_holds() {
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
        .single()
        .expect("a real date");
    let file = hostile_file(now);
    let (text, pair) = (file.text, file.pair);
    let dir = repo_root().join("target").join("e2e-hostile");
    std::fs::create_dir_all(&dir).expect("a folder for the hostile file");
    let path = dir.join("hostile-workbook.json");
    std::fs::write(&path, &text).expect("the hostile file is written");

    run(move |page| async move {
        page.set_viewport(360, 800).await;
        page.goto(NOW).await;
        page.wait_for_heading("Received a workbook?").await;
        choose_file(&page, &path).await;
        page.wait_for_text("Import this file?").await;
        inert(&page, "the import preview").await;
        page.fill("In a pair new to this device, I am", "both (shared screen)")
            .await;
        page.click_button("Merge").await;
        page.wait_for_text("Imported 1 pair").await;

        let pages = [
            ("#/", "Your pairs"),
            ("#/settings", "Settings"),
            (&format!("#/pair/{pair}/dashboard") as &str, "Dashboard"),
            (&format!("#/pair/{pair}/agree"), "Mentoring agreement"),
            (&format!("#/pair/{pair}/plan"), "Plan"),
            (&format!("#/pair/{pair}/meet"), "Meet"),
            (&format!("#/pair/{pair}/review"), "Review"),
        ]
        .map(|(hash, heading)| (hash.to_string(), heading));
        for (hash, heading) in &pages {
            page.goto(&format!("{NOW}{hash}")).await;
            page.wait_for_heading(heading).await;
            let shows_pair = *heading != "Settings";
            inert_on(&page, heading, shows_pair).await;
            page.emulate_print_media(true).await;
            inert_on(&page, &format!("{heading}, printed"), shows_pair).await;
            page.emulate_print_media(false).await;
        }

        // The conflict card shows the kept version's text as text.
        page.goto(&format!("{NOW}#/pair/{pair}/dashboard")).await;
        page.wait_for_heading("Dashboard").await;
        page.wait_for_heading("Changed on both sides").await;
        inert(&page, "the conflict card").await;

        // A share link of the pair opens a preview that shows it as text.
        page.click_button("Make a share link").await;
        page.wait_for_value_other_than("Share link", "").await;
        let link = page.value_of("Share link").await;
        let (_, fragment) = link.split_once('#').expect("a share link has a fragment");
        page.execute("localStorage.clear();", vec![]).await;
        page.goto(&format!("{NOW}#{fragment}")).await;
        page.wait_for_text("Import this link?").await;
        inert(&page, "the share link's preview").await;
    });
}
