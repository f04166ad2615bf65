//! End-to-end tests of the Meet stage: sessions logged from the agenda
//! template, the prompt bank, actions carried forward and overdue, each
//! side's part, private notes, resources, introductions, calendar files and
//! accessibility. They run against the release build in dist/.

use trellis_e2e::{create_pair_at, pair_key, run, run_with, xpath_literal, Options, Page};

/// The app's clock for most tests: 1 May 2026.
const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
/// Past the first action's due date (5 May), before the second's (20 May).
const MAY_12: &str = "?now=2026-05-12T09:00:00Z";

const SESSIONS: &str = "//section[h2[normalize-space(.)='Sessions']]//article";
const OPEN_ACTIONS: &str = "//section[h2[normalize-space(.)='Open actions']]//li\
     //input[@type='checkbox']/following-sibling::label";
const MEET_LINK: &str =
    "//nav[@aria-label='Stages of this pair']//a[starts-with(normalize-space(.), 'Meet')]";
const PROMPT: &str = "What options do you see, before I tell you mine?";

/// Follows the nav's Meet link and waits for the Meet page.
async fn open_meet(page: &Page) {
    page.click_link_starting_with("Meet").await;
    page.wait_for_hash_ending("/meet").await;
    page.wait_for_heading("Meet").await;
}

/// Logs a session at `when` (a datetime-local value) and waits until the
/// page lists `count` sessions.
async fn log_session(page: &Page, when: &str, count: usize) {
    page.fill("Date and time of the session", when).await;
    page.click_button("Log session").await;
    page.wait_for_texts(SESSIONS, &format!("{count} sessions"), |s| s.len() == count)
        .await;
}

/// Opens (or closes) the first visible folded section whose summary reads
/// `summary`.
async fn toggle(page: &Page, summary: &str) {
    let xpath = format!("//summary[normalize-space(.)={}]", xpath_literal(summary));
    page.click_xpath(&xpath, &format!("the summary {summary:?}"))
        .await;
}

/// Adds an action to the newest session (the first on the page).
async fn add_action(page: &Page, title: &str, owner: &str, due: &str) {
    page.fill("Action", title).await;
    page.fill("Who does it", owner).await;
    page.fill("Due date", due).await;
    page.click_submit("Add action").await;
    page.wait_for_value("Action", "").await;
}

/// The checkbox of the first visible action line labelled `title`.
fn action_box(title: &str) -> String {
    format!(
        "//input[@type='checkbox'][following-sibling::label[normalize-space(.)={}]]",
        xpath_literal(title)
    )
}

/// Records what the app offers for download: each file's name and text.
async fn capture_downloads(page: &Page) {
    page.execute(
        "window.__downloads = [];\n\
         const create = URL.createObjectURL;\n\
         URL.createObjectURL = (blob) => {\n\
           const entry = { name: '', text: null };\n\
           window.__downloads.push(entry);\n\
           blob.text().then((t) => { entry.text = t; });\n\
           return create(blob);\n\
         };\n\
         const click = HTMLAnchorElement.prototype.click;\n\
         HTMLAnchorElement.prototype.click = function () {\n\
           const last = window.__downloads[window.__downloads.length - 1];\n\
           if (last && this.download) { last.name = this.download; }\n\
           return click.call(this);\n\
         };",
        vec![],
    )
    .await;
}

/// Waits for the first captured download and returns (name, text).
async fn first_download(page: &Page) -> (String, String) {
    for _ in 0..100 {
        let found = page
            .execute(
                "const d = (window.__downloads || [])[0];\n\
                 return d && d.text !== null ? [d.name, d.text] : null;",
                vec![],
            )
            .await;
        if let Some([name, text]) = found.as_array().map(Vec::as_slice) {
            return (
                name.as_str().unwrap_or_default().to_string(),
                text.as_str().unwrap_or_default().to_string(),
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("nothing was offered for download");
}

#[test]
fn a_session_from_the_template_carries_its_open_actions_into_the_next_agenda() {
    run(|page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        open_meet(&page).await;
        page.wait_for_text("No sessions yet.").await;

        log_session(&page, "2026-05-01T10:00", 1).await;
        toggle(&page, "Edit session").await;
        let agenda = page.value_of("Agenda").await;
        for heading in ["Check-in:", "Actions from last time:", "Next steps:"] {
            assert!(
                agenda.contains(heading),
                "{heading} missing from {agenda:?}"
            );
        }

        page.fill("Prompt bank", PROMPT).await;
        page.click_button("Insert question").await;
        toggle(&page, "Edit session").await;
        toggle(&page, "Edit session").await;
        page.wait_for_value("Open questions asked", PROMPT).await;
        toggle(&page, "Edit session").await;

        add_action(&page, "Send the draft", "The mentee", "2026-05-05").await;
        add_action(&page, "Book a room", "The mentor", "2026-05-20").await;
        page.wait_for_texts(OPEN_ACTIONS, "both actions open", |a| {
            a == ["Send the draft", "Book a room"]
        })
        .await;

        log_session(&page, "2026-05-08T10:00", 2).await;
        toggle(&page, "Edit session").await;
        let next = page.value_of("Agenda").await;
        assert!(
            next.contains("  - Send the draft\n  - Book a room\n"),
            "the open actions are not in the next agenda: {next:?}"
        );
        toggle(&page, "Edit session").await;

        page.click_xpath(&action_box("Send the draft"), "the box of Send the draft")
            .await;
        page.wait_for_texts(OPEN_ACTIONS, "only Book a room open", |a| {
            a == ["Book a room"]
        })
        .await;
        page.wait_for_status("Saved").await;

        page.goto(&format!("{MAY_12}#/pair/{id}/meet")).await;
        page.wait_for_heading("Meet").await;
        page.wait_for_text("Book a room").await;
        let lines = page
            .texts("//li[.//label[normalize-space(.)='Book a room']]")
            .await;
        assert!(
            lines.iter().all(|l| !l.contains("overdue")),
            "Book a room is due on 20 May: {lines:?}"
        );
        let stage = page.texts(MEET_LINK).await;
        assert!(
            stage.iter().all(|s| !s.contains("due")),
            "the done action is not overdue and no check-in is set: {stage:?}"
        );

        log_session(&page, "2026-05-12T10:00", 3).await;
        toggle(&page, "Edit session").await;
        let third = page.value_of("Agenda").await;
        assert!(third.contains("  - Book a room\n"), "{third:?}");
        assert!(
            !third.contains("Send the draft"),
            "a done action came back: {third:?}"
        );

        page.goto(&format!("?now=2026-05-25T09:00:00Z#/pair/{id}/meet"))
            .await;
        page.wait_for_text("1 action is overdue.").await;
        page.wait_for_texts(MEET_LINK, "the Meet stage to be due", |s| {
            s.iter().any(|t| t.ends_with("due"))
        })
        .await;
        let late = page
            .texts("//li[.//label[normalize-space(.)='Book a room']]")
            .await;
        assert!(late.iter().any(|l| l.contains("overdue")), "{late:?}");

        page.reload().await;
        page.wait_for_texts(SESSIONS, "3 sessions after a reload", |s| s.len() == 3)
            .await;
        page.wait_for_texts(OPEN_ACTIONS, "Book a room still open", |a| {
            a == ["Book a room"]
        })
        .await;
    });
}

#[test]
fn a_session_gathers_parts_private_notes_resources_introductions_and_a_calendar_file() {
    run(|page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        open_meet(&page).await;
        log_session(&page, "2026-05-04T17:30", 1).await;

        page.click_button("Write the mentee's reflections").await;
        toggle(&page, "Edit mentee's reflections").await;
        page.fill("Mentee's reflections", "Clearer about the next talk")
            .await;
        page.fill("Mentee felt before (1-5)", "2").await;
        page.fill("Mentee felt after (1-5)", "5: great").await;
        page.click_submit("Save mentee's reflections").await;
        page.wait_for_status("Saved").await;

        page.fill("Private notes", "Ask about the budget").await;
        let session_key = page
            .local_storage_keys()
            .await
            .into_iter()
            .find(|k| k.starts_with("trellis/private/"))
            .expect("a private note key");
        assert_eq!(
            page.local_storage_get(&session_key).await.as_deref(),
            Some("Ask about the budget")
        );
        let stored = page
            .local_storage_get(&pair_key(&id))
            .await
            .unwrap_or_default();
        assert!(stored.contains("Clearer about the next talk"));
        assert!(
            !stored.contains("Ask about the budget"),
            "a private note reached the pair's data"
        );

        toggle(&page, "Share a resource from this session").await;
        page.fill("Resource title", "Thinking in Systems").await;
        page.fill("Kind of resource", "Book").await;
        page.click_submit("Add resource").await;
        toggle(&page, "Record an introduction from this session").await;
        page.fill("Contact name", "Ana Ruiz").await;
        page.fill("Organisation", "Northern Metals").await;
        page.fill("Introduced by", "Maya").await;
        page.click_submit("Add introduction").await;
        page.wait_for_texts(
            "//section[h2[normalize-space(.)='Resources']]//li",
            "the resource in the list",
            |r| r.len() == 1 && r[0].starts_with("Thinking in Systems"),
        )
        .await;
        page.wait_for_texts(
            "//section[h2[normalize-space(.)='Introductions']]//li",
            "the introduction in the list",
            |c| c.len() == 1 && c[0].starts_with("Ana Ruiz"),
        )
        .await;

        capture_downloads(&page).await;
        page.click_button("Download calendar file (.ics)").await;
        let (name, ics) = first_download(&page).await;
        assert_eq!(name, "session-2026-05-04.ics");
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{ics}"
        );
        assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
        for line in [
            "BEGIN:VEVENT",
            "UID:",
            "DTSTAMP:2026",
            "DTSTART:202605",
            "DTEND:",
        ] {
            assert!(
                ics.contains(&format!("\r\n{line}")),
                "{line} missing: {ics}"
            );
        }
        assert!(
            ics.lines().all(|l| l.len() <= 76),
            "a line is longer than 75 octets: {ics}"
        );
        let start = ics
            .lines()
            .find(|l| l.starts_with("DTSTART:"))
            .unwrap_or_default();
        assert!(start.ends_with('Z'), "DTSTART is not in UTC: {start}");

        page.reload().await;
        page.wait_for_heading("Meet").await;
        page.wait_for_value("Private notes", "Ask about the budget")
            .await;
        page.wait_for_text("Thinking in Systems").await;
        page.wait_for_text("Ana Ruiz").await;
        toggle(&page, "Edit mentee's reflections").await;
        page.wait_for_value("Mentee's reflections", "Clearer about the next talk")
            .await;
    });
}

#[test]
fn sessions_are_found_by_text_and_a_deleted_one_comes_back_with_undo() {
    run(|page| async move {
        create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        open_meet(&page).await;
        log_session(&page, "2026-05-01T10:00", 1).await;
        toggle(&page, "Edit session").await;
        page.fill("Shared notes", "We rehearsed the quarterly talk")
            .await;
        page.click_submit("Save session").await;
        page.wait_for_status("Saved").await;
        log_session(&page, "2026-05-08T10:00", 2).await;

        page.fill("Search sessions", "QUARTERLY").await;
        page.wait_for_texts(SESSIONS, "one matching session", |s| s.len() == 1)
            .await;
        page.fill("Search sessions", "budget").await;
        page.wait_for_text("No session matches this search.").await;
        page.execute(
            "const label = [...document.querySelectorAll('label')]\
               .find((l) => l.textContent.trim() === 'Search sessions');\
             label.control.value = '';\
             label.control.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await;
        page.wait_for_texts(SESSIONS, "both sessions again", |s| s.len() == 2)
            .await;

        page.click_xpath(
            "(//button[starts-with(@aria-label, 'Delete session: ')])[1]",
            "the first session's delete button",
        )
        .await;
        page.wait_for_texts(SESSIONS, "one session left", |s| s.len() == 1)
            .await;
        page.click_button("Undo").await;
        page.wait_for_texts(SESSIONS, "both sessions back", |s| s.len() == 2)
            .await;
    });
}

#[test]
fn the_meet_page_passes_axe_in_light_mode() {
    run(|page| async move {
        axe_on_a_full_meet_page(&page, "light").await;
    });
}

#[test]
fn the_meet_page_passes_axe_in_dark_mode() {
    run_with(Options::default().dark_mode(), |page| async move {
        axe_on_a_full_meet_page(&page, "dark").await;
    });
}

async fn axe_on_a_full_meet_page(page: &Page, theme: &str) {
    create_pair_at(page, MAY_1, "Maya", "Theo", "Both").await;
    open_meet(page).await;
    page.assert_no_axe_violations(&format!("Meet, empty ({theme})"))
        .await;
    log_session(page, "2026-05-01T10:00", 1).await;
    add_action(page, "Send the draft", "The mentee", "2026-05-05").await;
    page.click_button("Write the mentor's feedback").await;
    toggle(page, "Edit session").await;
    page.assert_no_axe_violations(&format!("Meet with a session ({theme})"))
        .await;
    page.set_viewport_width(360).await;
    assert!(
        page.scroll_width().await <= page.inner_width().await,
        "the Meet page scrolls sideways at 360 px"
    );
}
