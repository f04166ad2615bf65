//! End-to-end tests of the Meet stage: logging sessions from the agenda
//! template, the prompt bank, actions carried forward until done, overdue
//! actions and the next check-in, resources and introductions, calendar
//! files, each side's part and the private note, search, delete with undo,
//! accessibility and a narrow screen. They run against the release build in
//! dist/.

use std::time::{Duration, Instant};

use serde_json::Value as Json;
use trellis_e2e::{create_pair_at, run, run_with, wait_until_stored, xpath_literal, Options, Page};

/// The app's clock for most tests: 1 May 2026.
const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
/// A later clock, when an action due on 5 May is late.
const MAY_10: &str = "?now=2026-05-10T09:00:00Z";

/// Session times as typed into the datetime-local fields (local time).
const FIRST: &str = "2026-05-04T14:00";
const SECOND: &str = "2026-05-18T14:00";
const THIRD: &str = "2026-06-01T14:00";

const OUTLINE: &str = "Write the talk outline";
const SLOT: &str = "Book a slot at the team meeting";
const QUESTION: &str = "What options do you see, before I tell you mine?";
const OTHER_QUESTION: &str = "What would a first small step back look like this week?";
const OBJECTIVE: &str = "Get better at presenting";

/// The headings of the built-in agenda, in order.
const TEMPLATE_HEADINGS: [&str; 6] = [
    "Check-in",
    "Actions from last time",
    "Progress on objectives",
    "A challenge",
    "Experience shared",
    "Next steps",
];

const SESSIONS: &str = "//section[h2[normalize-space(.)='Sessions']]";
const OPEN_ACTIONS: &str = "//section[h2[normalize-space(.)='Open actions']]";
const RESOURCES: &str = "//section[h2[normalize-space(.)='Resources']]";
const INTRODUCTIONS: &str = "//section[h2[normalize-space(.)='Introductions']]";
const MEET_LINK: &str =
    "//nav[@aria-label='Stages of this pair']//a[starts-with(normalize-space(.), 'Meet')]";

/// How long these helpers wait: the machine may be busy.
const WAIT: Duration = trellis_e2e::DEFAULT_TIMEOUT;
const POLL: Duration = Duration::from_millis(100);

/// Follows the nav's Meet link and waits for the Meet page.
async fn open_meet(page: &Page) {
    page.click_link_starting_with("Meet").await;
    page.wait_for_hash_ending("/meet").await;
    page.wait_for_heading("Meet").await;
    page.wait_for_heading("Log a session").await;
}

/// Creates a pair (Maya mentors Theo) at `query` with this device's `role`
/// and opens its Meet page; returns the pair's id.
async fn pair_on_meet_page(page: &Page, query: &str, role: &str) -> String {
    let id = create_pair_at(page, query, "Maya", "Theo", role).await;
    open_meet(page).await;
    id
}

/// How the browser writes a local `2026-05-04T14:00` the way the app titles
/// sessions ("May 4, 2026, 2:00 PM", in this browser's locale).
async fn local_moment(page: &Page, local: &str) -> String {
    page.script_string(
        "return new Date(arguments[0]).toLocaleString('default', \
           { dateStyle: 'medium', timeStyle: 'short' });",
        vec![Json::from(local)],
    )
    .await
}

/// A local `2026-05-04T14:00` in the UTC form of calendar files:
/// `20260504T140000Z` in a UTC browser, shifted by its time zone otherwise.
async fn ics_utc(page: &Page, local: &str, plus_minutes: i64) -> String {
    page.script_string(
        "const at = new Date(new Date(arguments[0]).getTime() + arguments[1] * 60000);\n\
         return at.toISOString().replace(/[-:]/g, '').replace(/\\.\\d+Z$/, 'Z');",
        vec![Json::from(local), Json::from(plus_minutes)],
    )
    .await
}

/// The session article whose heading is "Session of <moment>".
fn session_article(moment: &str) -> String {
    format!(
        "{SESSIONS}//article[h3[normalize-space(.)={}]]",
        xpath_literal(&format!("Session of {moment}"))
    )
}

/// Logs a session at `local` (a datetime-local value) and returns its
/// article's xpath once it is listed.
async fn log_session(page: &Page, local: &str) -> String {
    page.fill("Date and time of the session", local).await;
    page.click_button("Log session").await;
    let article = session_article(&local_moment(page, local).await);
    page.wait_for_xpath(&article, &format!("the session of {local}"))
        .await;
    page.wait_for_value_other_than("Date and time of the session", local)
        .await;
    article
}

/// The headings of the listed sessions, in order.
async fn listed_sessions(page: &Page) -> Vec<String> {
    page.texts(&format!("{SESSIONS}//article/h3")).await
}

/// Waits until the listed sessions are exactly those at `locals`, in order.
async fn wait_for_sessions(page: &Page, locals: &[&str], what: &str) {
    let mut wanted = Vec::new();
    for local in locals {
        wanted.push(format!("Session of {}", local_moment(page, local).await));
    }
    page.wait_for_texts(&format!("{SESSIONS}//article/h3"), what, |found| {
        found == wanted.as_slice()
    })
    .await;
}

/// Opens the session's editor and returns the value of its field `label`.
async fn session_field(page: &Page, article: &str, label: &str) -> String {
    page.open_fold(article, "Edit session").await;
    page.value_within(article, label).await
}

/// The session's id, from its heading's id ("session-<id>").
async fn session_id(page: &Page, article: &str) -> String {
    let heading = page
        .script_string(
            "const el = document.evaluate(arguments[0], document, null, \
           XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;\n\
         return el ? el.getAttribute('aria-labelledby') || '' : '';",
            vec![Json::from(article)],
        )
        .await;
    heading
        .strip_prefix("session-")
        .unwrap_or_else(|| {
            panic!("the session article is not labelled by its heading: {heading:?}")
        })
        .to_string()
}

/// The session's form that adds an action.
fn action_form(article: &str) -> String {
    format!("{article}//form[.//button[normalize-space(.)='Add action']]")
}

/// Adds an action to the session: `who` is an option of "Who does it" ("The
/// mentee"), `due` a date (`2026-05-05`).
async fn add_action(page: &Page, article: &str, title: &str, who: &str, due: &str) {
    page.open_fold(article, "Add an action").await;
    let form = action_form(article);
    page.fill_within(&form, "Action", title).await;
    page.fill_within(&form, "Who does it", who).await;
    page.fill_within(&form, "Due date", due).await;
    page.click_button_in(&form, "Add action").await;
    page.wait_for_xpath(
        &action_checkbox(article, title),
        &format!("the action {title:?} in the session"),
    )
    .await;
    page.wait_for_value_within(&form, "Action", "an empty new action", str::is_empty)
        .await;
}

/// The label of the action titled `title` inside `scope`: its title, or
/// in Open actions "Open action: <title>".
fn action_label(scope: &str, title: &str) -> String {
    let label = if scope == OPEN_ACTIONS {
        format!("Open action: {title}")
    } else {
        title.to_string()
    };
    format!(
        "({scope})//label[normalize-space(.)={}]",
        xpath_literal(&label)
    )
}

/// The checkbox of the action titled `title` inside `scope`.
fn action_checkbox(scope: &str, title: &str) -> String {
    format!(
        "({scope})//input[@type='checkbox' and @id={}/@for]",
        action_label(scope, title)
    )
}

/// The hint after the action's title ("Owner: mentee · due May 5, 2026 ·
/// overdue").
fn action_hint(scope: &str, title: &str) -> String {
    format!("{}/following-sibling::span[1]", action_label(scope, title))
}

/// The labels of the actions listed in the Open actions section.
fn open_action_titles() -> String {
    format!("{OPEN_ACTIONS}//li//input[@type='checkbox']/following-sibling::label[1]")
}

/// Waits until the Open actions section lists exactly `titles`, in order.
async fn wait_for_open_actions(page: &Page, titles: &[&str], what: &str) {
    page.wait_for_texts(&open_action_titles(), what, |found| {
        found
            .iter()
            .map(|label| label.strip_prefix("Open action: ").unwrap_or(label))
            .eq(titles.iter().copied())
    })
    .await;
}

/// Whether the checkbox matched by `xpath` is ticked.
async fn is_ticked(page: &Page, xpath: &str) -> bool {
    page.wait_for_xpath(xpath, "a checkbox")
        .await
        .is_selected()
        .await
        .unwrap_or(false)
}

/// Waits until the checkbox matched by `xpath` is (or is not) ticked.
async fn wait_for_ticked(page: &Page, xpath: &str, ticked: bool) {
    let deadline = Instant::now() + WAIT;
    loop {
        if is_ticked(page, xpath).await == ticked {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{xpath} should {}be ticked\n{}",
            if ticked { "" } else { "not " },
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until the stage navigation's Meet link reads `text`.
async fn wait_for_meet_link(page: &Page, text: &str) {
    page.wait_for_texts(MEET_LINK, &format!("the Meet link to read {text:?}"), |l| {
        l == [text]
    })
    .await;
}

/// The text of the "Next check-in" section.
async fn check_in_text(page: &Page) -> String {
    page.texts("//section[h2[normalize-space(.)='Next check-in']]")
        .await
        .join(" ")
}

/// Adds an objective on the Plan page and comes back to Meet.
async fn add_objective_on_plan(page: &Page, title: &str) {
    page.click_link_starting_with("Plan").await;
    page.wait_for_hash_ending("/plan").await;
    page.fill("New objective title", title).await;
    page.click_button("Add objective").await;
    page.wait_for_heading(title).await;
    open_meet(page).await;
}

/// Checks a calendar file: one event, times in UTC, CRLF line endings.
/// Returns its unfolded lines.
fn check_calendar_file(text: &str) -> Vec<String> {
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n"),
        "the file does not start with BEGIN:VCALENDAR and CRLF: {text:?}"
    );
    assert!(
        text.ends_with("END:VCALENDAR\r\n"),
        "the file does not end with END:VCALENDAR and CRLF: {text:?}"
    );
    let without_crlf = text.replace("\r\n", "");
    assert!(
        !without_crlf.contains('\n') && !without_crlf.contains('\r'),
        "a line does not end in CRLF: {text:?}"
    );
    let lines: Vec<String> = text
        .replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    for wanted in ["VERSION:2.0", "BEGIN:VEVENT", "END:VEVENT"] {
        assert!(
            lines.iter().any(|l| l == wanted),
            "no {wanted} in {lines:?}"
        );
    }
    for property in ["UID:", "DTSTAMP:", "DTSTART:", "DTEND:", "SUMMARY:"] {
        assert!(
            lines.iter().any(|l| l.starts_with(property)),
            "no {property} line in {lines:?}"
        );
    }
    for property in ["DTSTAMP:", "DTSTART:", "DTEND:"] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(property))
            .map_or("", String::as_str);
        let value = &line[property.len()..];
        assert!(
            value.len() == 16
                && value.ends_with('Z')
                && value.as_bytes()[8] == b'T'
                && value[..8].bytes().all(|b| b.is_ascii_digit())
                && value[9..15].bytes().all(|b| b.is_ascii_digit()),
            "{property} is not a UTC time like 20260504T140000Z: {line:?}"
        );
    }
    lines
}

/// The value of the unfolded line that starts with `property`.
fn property<'a>(lines: &'a [String], property: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(property))
        .unwrap_or_else(|| panic!("no {property} line in {lines:?}"))
}

#[test]
fn a_new_session_starts_from_the_built_in_agenda_template() {
    run(|page| async move {
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        page.wait_for_text("No sessions yet").await;
        let article = log_session(&page, FIRST).await;
        assert_eq!(listed_sessions(&page).await.len(), 1);

        let agenda = session_field(&page, &article, "Agenda").await;
        let mut from = 0;
        for heading in TEMPLATE_HEADINGS {
            let at = agenda[from..]
                .find(&format!("{heading}:"))
                .unwrap_or_else(|| panic!("no {heading:?} (in order) in the agenda {agenda:?}"));
            from += at + heading.len();
        }
        assert_eq!(
            page.value_within(&article, "Length (minutes)").await,
            "60",
            "a new session should last as long as the agreement says"
        );
        assert_eq!(page.value_within(&article, "Date and time").await, FIRST);
        page.wait_for_status("Saved").await;
        wait_until_stored(&page, &id, "Progress on objectives").await;
    });
}

#[test]
fn our_own_agenda_template_is_used_with_the_open_actions_listed() {
    run(|page| async move {
        const OWN: &str = "Wins since last time\nWhat is blocking you";
        pair_on_meet_page(&page, MAY_1, "Both").await;
        let log = "//section[h2[normalize-space(.)='Log a session']]";
        page.open_fold(log, "Our agenda template").await;
        page.fill("Agenda template", OWN).await;
        page.click_button_in(log, "Save agenda template").await;
        page.wait_for_status("Saved").await;

        let first = log_session(&page, FIRST).await;
        let agenda = session_field(&page, &first, "Agenda").await;
        assert!(
            agenda.starts_with(OWN) && !agenda.contains("Check-in:"),
            "the agenda should be our own template, not the built-in one: {agenda:?}"
        );
        add_action(&page, &first, OUTLINE, "The mentee", "2026-05-08").await;

        let second = log_session(&page, SECOND).await;
        let agenda = session_field(&page, &second, "Agenda").await;
        assert!(
            agenda.starts_with(OWN) && agenda.contains("Open actions:") && agenda.contains(OUTLINE),
            "the agenda should be our template followed by the open actions: {agenda:?}"
        );

        page.reload().await;
        page.wait_for_heading("Log a session").await;
        page.open_fold(log, "Our agenda template").await;
        page.wait_for_value("Agenda template", OWN).await;
    });
}

#[test]
fn a_question_from_the_prompt_bank_is_added_to_the_session() {
    run(|page| async move {
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        let article = log_session(&page, FIRST).await;
        page.open_fold(&article, "Add a question from the prompt bank")
            .await;
        page.fill_within(&article, "Prompt bank", QUESTION).await;
        page.click_button_in(&article, "Insert question").await;
        wait_until_stored(&page, &id, QUESTION).await;
        page.open_fold(&article, "Add a question from the prompt bank")
            .await;
        page.fill_within(&article, "Prompt bank", OTHER_QUESTION)
            .await;
        page.click_button_in(&article, "Insert question").await;
        wait_until_stored(&page, &id, OTHER_QUESTION).await;

        let questions = session_field(&page, &article, "Open questions asked").await;
        assert_eq!(
            questions,
            format!("{QUESTION}\n{OTHER_QUESTION}"),
            "the questions should be listed one per line, in the order inserted"
        );

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_xpath(&article, "the session after a reload")
            .await;
        let questions = session_field(&page, &article, "Open questions asked").await;
        assert_eq!(questions, format!("{QUESTION}\n{OTHER_QUESTION}"));
    });
}

#[test]
fn a_question_inserted_while_the_session_editor_is_open_shows_in_it() {
    run(|page| async move {
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        let article = log_session(&page, FIRST).await;
        page.open_fold(&article, "Edit session").await;
        page.open_fold(&article, "Add a question from the prompt bank")
            .await;
        page.fill_within(&article, "Prompt bank", QUESTION).await;
        page.click_button_in(&article, "Insert question").await;
        wait_until_stored(&page, &id, QUESTION).await;
        page.wait_for_value_within(
            &article,
            "Open questions asked",
            "the inserted question in the open editor",
            |v| v == QUESTION,
        )
        .await;
    });
}

#[test]
fn open_actions_carry_into_the_next_agenda_until_they_are_done() {
    run(|page| async move {
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        page.wait_for_text("No open actions.").await;
        let first = log_session(&page, FIRST).await;
        add_action(&page, &first, OUTLINE, "The mentee", "2026-05-08").await;
        add_action(&page, &first, SLOT, "The mentor", "2026-05-20").await;
        // Due soonest first.
        wait_for_open_actions(&page, &[OUTLINE, SLOT], "both actions open").await;
        let hints = page.texts(&action_hint(&first, OUTLINE)).await;
        assert!(
            hints.len() == 1
                && hints[0].contains("mentee")
                && hints[0].contains("due May 8, 2026")
                && !hints[0].contains("overdue"),
            "the outline's hint should name its owner and due date: {hints:?}"
        );

        let second = log_session(&page, SECOND).await;
        let agenda = session_field(&page, &second, "Agenda").await;
        let carried = agenda
            .split_once("Actions from last time:")
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_default();
        assert!(
            carried.contains(&format!("- {OUTLINE}")) && carried.contains(&format!("- {SLOT}")),
            "the open actions should be listed under \"Actions from last time\": {agenda:?}"
        );

        // Done: it leaves the open actions, and stays ticked in its session.
        let outline_in_open = action_checkbox(OPEN_ACTIONS, OUTLINE);
        page.click_xpath(&outline_in_open, "the outline's checkbox in Open actions")
            .await;
        wait_for_open_actions(&page, &[SLOT], "only the slot still open").await;
        wait_for_ticked(&page, &action_checkbox(&first, OUTLINE), true).await;
        page.wait_for_texts(
            &action_hint(&first, OUTLINE),
            "the outline done today",
            |h| h.len() == 1 && h[0].contains("done May 1, 2026"),
        )
        .await;
        wait_until_stored(&page, &id, "\"done_on\"").await;

        let third = log_session(&page, THIRD).await;
        let agenda = session_field(&page, &third, "Agenda").await;
        assert!(
            agenda.contains(&format!("- {SLOT}")) && !agenda.contains(OUTLINE),
            "the next agenda should list the open action only: {agenda:?}"
        );

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Open actions").await;
        wait_for_open_actions(&page, &[SLOT], "only the slot open after a reload").await;
        wait_for_ticked(&page, &action_checkbox(&first, OUTLINE), true).await;
    });
}

#[test]
fn every_action_checkbox_is_labelled_by_its_title_and_named_apart() {
    run(|page| async move {
        pair_on_meet_page(&page, MAY_1, "Both").await;
        let first = log_session(&page, FIRST).await;
        add_action(&page, &first, OUTLINE, "The mentee", "2026-05-08").await;
        wait_for_open_actions(&page, &[OUTLINE], "the action open").await;
        // A checkbox is labelled when one of its labels reads the title: the
        // one in the session by the title, the one in Open actions by the
        // title after "Open action: ", so the two have names of their own.
        let labels = page
            .execute(
                "return [...document.querySelectorAll('input[type=checkbox]')]\n\
                   .filter((box) => box.closest('li'))\n\
                   .map((box) => [...box.labels].map((l) => l.textContent.trim()).join(' '));",
                vec![],
            )
            .await;
        let labels: Vec<String> = serde_json::from_value(labels).unwrap_or_default();
        let ids = page
            .execute(
                "const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);\n\
                 return ids.filter((id, i) => ids.indexOf(id) !== i);",
                vec![],
            )
            .await;
        assert!(
            labels == [OUTLINE.to_string(), format!("Open action: {OUTLINE}")]
                && ids == Json::Array(Vec::new()),
            "the action's checkbox in the session and in Open actions should be \
             labelled by the action's title, and element ids should be unique; the \
             checkboxes' labels read {labels:?} and these ids repeat: {ids}"
        );
    });
}

#[test]
fn an_action_past_its_due_date_is_overdue_and_makes_meet_due() {
    run(|page| async move {
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        // Without a start date and a meeting yet, no check-in is due.
        let check_in = check_in_text(&page).await;
        assert!(
            check_in.contains("No check-in date yet")
                && check_in.contains("fill in the start date in the agreement"),
            "{check_in:?}"
        );
        let first = log_session(&page, FIRST).await;
        add_action(&page, &first, OUTLINE, "The mentee", "2026-05-05").await;
        wait_for_meet_link(&page, "Meet current").await;
        assert!(
            !page.body_text().await.contains("overdue"),
            "nothing is overdue on 1 May\n{}",
            page.describe().await
        );
        page.wait_for_status("Saved").await;

        page.goto(&format!("{MAY_10}#/pair/{id}/meet")).await;
        page.wait_for_heading("Open actions").await;
        for scope in [first.as_str(), OPEN_ACTIONS] {
            page.wait_for_texts(
                &action_hint(scope, OUTLINE),
                "the action to be overdue on 10 May",
                |h| h.len() == 1 && h[0].contains("due May 5, 2026 · overdue"),
            )
            .await;
        }
        page.wait_for_text("1 action is overdue.").await;
        wait_for_meet_link(&page, "Meet due").await;
        // The check-in counts from the session of 4 May (fortnightly).
        let check_in = check_in_text(&page).await;
        assert!(
            check_in.contains("Next check-in due in 8 days (May 18, 2026)."),
            "{check_in:?}"
        );

        // Done, it is no longer overdue and Meet is current again.
        page.click_xpath(
            &action_checkbox(OPEN_ACTIONS, OUTLINE),
            "the overdue action",
        )
        .await;
        wait_for_open_actions(&page, &[], "no open actions").await;
        wait_for_meet_link(&page, "Meet current").await;
        page.wait_for_texts(&action_hint(&first, OUTLINE), "no longer overdue", |h| {
            h.len() == 1 && !h[0].contains("overdue")
        })
        .await;
    });
}

#[test]
fn the_next_check_in_follows_the_agreement_and_downloads_as_a_calendar_file() {
    run(|page| async move {
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        page.fill("Cadence", "Fortnightly").await;
        page.fill("Start date", "2026-04-24").await;
        page.wait_for_status("Saved").await;
        open_meet(&page).await;
        page.wait_for_texts(
            "//section[h2[normalize-space(.)='Next check-in']]/p[1]",
            "the check-in a fortnight after the start",
            |p| p == ["Next check-in due in 7 days (May 8, 2026)."],
        )
        .await;

        page.capture_downloads().await;
        page.click_button("Download next check-in (.ics)").await;
        let file = page.wait_for_download().await;
        assert_eq!(file.name, "check-in-2026-05-08.ics");
        assert!(file.mime.starts_with("text/calendar"), "{}", file.mime);
        let lines = check_calendar_file(&file.text);
        assert_eq!(
            property(&lines, "UID:"),
            format!("next-{id}-2026-05-08@trellis")
        );
        assert_eq!(
            property(&lines, "DTSTART:"),
            ics_utc(&page, "2026-05-08T09:00", 0).await
        );
        assert_eq!(
            property(&lines, "DTEND:"),
            ics_utc(&page, "2026-05-08T09:00", 60).await
        );
        assert!(
            property(&lines, "DTSTAMP:").starts_with("20260501T"),
            "DTSTAMP should be the app's now: {lines:?}"
        );
    });
}

#[test]
fn a_session_downloads_as_a_calendar_file() {
    run(|page| async move {
        pair_on_meet_page(&page, MAY_1, "Both").await;
        let article = log_session(&page, FIRST).await;
        let session = session_id(&page, &article).await;
        page.open_fold(&article, "Edit session").await;
        page.fill_within(&article, "Length (minutes)", "45").await;
        page.click_button_in(&article, "Save session").await;
        page.wait_for_status("Saved").await;

        page.capture_downloads().await;
        page.click_button_in(&article, "Download calendar file (.ics)")
            .await;
        let file = page.wait_for_download().await;
        assert_eq!(file.name, "session-2026-05-04.ics");
        assert!(file.mime.starts_with("text/calendar"), "{}", file.mime);
        let lines = check_calendar_file(&file.text);
        assert_eq!(property(&lines, "UID:"), format!("{session}@trellis"));
        assert_eq!(property(&lines, "DTSTART:"), ics_utc(&page, FIRST, 0).await);
        assert_eq!(property(&lines, "DTEND:"), ics_utc(&page, FIRST, 45).await);
        assert!(
            property(&lines, "DTSTAMP:").starts_with("20260501T"),
            "DTSTAMP should be the app's now: {lines:?}"
        );
        assert_eq!(
            property(&lines, "SUMMARY:"),
            "Mentoring session: Maya & Theo"
        );
        let description = property(&lines, "DESCRIPTION:");
        assert!(
            description.starts_with("Check-in:") && description.contains("\\n"),
            "the description should be the agenda, line breaks escaped: {description:?}"
        );
    });
}

#[test]
fn a_resource_and_an_introduction_from_a_session_join_their_lists() {
    run(|page| async move {
        const BOOK: &str = "Resonate by Nancy Duarte";
        const CONTACT: &str = "Priya Natarajan";
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        page.wait_for_text("No resources yet").await;
        page.wait_for_text("No introductions yet").await;
        let article = log_session(&page, FIRST).await;

        page.open_fold(&article, "Share a resource from this session")
            .await;
        let form = format!("{article}//form[.//button[normalize-space(.)='Add resource']]");
        page.fill_within(&form, "Resource title", BOOK).await;
        page.fill_within(&form, "Kind of resource", "Book").await;
        page.fill_within(
            &form,
            "Link",
            "https://www.duarte.com/resources/books/resonate/",
        )
        .await;
        page.click_button_in(&form, "Add resource").await;

        page.open_fold(&article, "Record an introduction from this session")
            .await;
        let form = format!("{article}//form[.//button[normalize-space(.)='Add introduction']]");
        page.fill_within(&form, "Contact name", CONTACT).await;
        page.fill_within(&form, "Organisation", "Northwind").await;
        page.fill_within(&form, "Their role", "Head of Developer Relations")
            .await;
        page.fill_within(&form, "Introduced by", "Maya").await;
        page.fill_within(&form, "Introduced on", "2026-05-04").await;
        page.click_button_in(&form, "Add introduction").await;

        let resources = format!("{RESOURCES}/ul/li/span[1]");
        let introductions = format!("{INTRODUCTIONS}/ul/li/span[1]");
        page.wait_for_texts(&resources, "the book in Resources", |r| r == [BOOK])
            .await;
        page.wait_for_texts(&introductions, "the contact in Introductions", |i| {
            i == [CONTACT]
        })
        .await;
        let item = format!("{RESOURCES}/ul/li");
        page.open_fold(&item, "Edit resource").await;
        assert_eq!(page.value_within(&item, "Kind of resource").await, "Book");
        page.button(&format!("Delete resource: {BOOK}")).await;
        let item = format!("{INTRODUCTIONS}/ul/li");
        page.open_fold(&item, "Edit introduction").await;
        page.button(&format!("Delete introduction: {CONTACT}"))
            .await;
        assert_eq!(page.value_within(&item, "Organisation").await, "Northwind");
        assert_eq!(
            page.value_within(&item, "Introduced on").await,
            "2026-05-04"
        );

        wait_until_stored(&page, &id, CONTACT).await;
        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Resources").await;
        page.wait_for_texts(&resources, "the book after a reload", |r| r == [BOOK])
            .await;
        page.wait_for_texts(&introductions, "the contact after a reload", |i| {
            i == [CONTACT]
        })
        .await;
    });
}

#[test]
fn a_mentee_reflection_is_shared_and_a_private_note_stays_in_its_own_key() {
    run(|page| async move {
        const REFLECTION: &str = "I felt ready to ask for the team meeting slot";
        const NOTE: &str = "Theo seemed tired: ask about workload next time";
        let id = pair_on_meet_page(&page, MAY_1, "Both").await;
        let article = log_session(&page, FIRST).await;
        let session = session_id(&page, &article).await;
        // On a shared device both sides can write their part.
        page.wait_for_xpath(
            &format!("{article}//button[normalize-space(.)=\"Write the mentor's feedback\"]"),
            "the mentor's button",
        )
        .await;
        page.click_button_in(&article, "Write the mentee's reflections")
            .await;
        page.open_fold(&article, "Edit mentee's reflections").await;
        page.fill_within(&article, "Mentee's reflections", REFLECTION)
            .await;
        page.fill_within(&article, "Mentee felt before (1-5)", "2")
            .await;
        page.fill_within(&article, "Mentee felt after (1-5)", "5: great")
            .await;
        page.click_button_in(&article, "Save mentee's reflections")
            .await;
        wait_until_stored(&page, &id, REFLECTION).await;

        page.open_fold(&article, "Private notes").await;
        page.fill_within(&article, "Private notes", NOTE).await;
        let private_key = format!("trellis/private/{session}");
        let deadline = Instant::now() + WAIT;
        while page.local_storage_get(&private_key).await.as_deref() != Some(NOTE) {
            assert!(
                Instant::now() < deadline,
                "{private_key} should hold the note; keys: {:?}",
                page.local_storage_keys().await
            );
            tokio::time::sleep(POLL).await;
        }
        page.wait_for_status("Saved").await;
        let keys = page.local_storage_keys().await;
        let private: Vec<&String> = keys
            .iter()
            .filter(|k| k.starts_with("trellis/private/"))
            .collect();
        assert_eq!(private, [&private_key], "keys: {keys:?}");
        for key in keys.iter().filter(|k| **k != private_key) {
            let stored = page.local_storage_get(key).await.unwrap_or_default();
            assert!(
                !stored.contains("ask about workload"),
                "the private note leaked into {key}: {stored}"
            );
        }

        page.reload().await;
        page.wait_for_xpath(&article, "the session after a reload")
            .await;
        page.open_fold(&article, "Private notes").await;
        assert_eq!(page.value_within(&article, "Private notes").await, NOTE);
        page.open_fold(&article, "Edit mentee's reflections").await;
        assert_eq!(
            page.value_within(&article, "Mentee's reflections").await,
            REFLECTION
        );
        assert_eq!(
            page.value_within(&article, "Mentee felt before (1-5)")
                .await,
            "2"
        );
        assert_eq!(
            page.value_within(&article, "Mentee felt after (1-5)").await,
            "5: great"
        );
    });
}

#[test]
fn a_mentee_device_writes_only_the_mentees_part() {
    run(|page| async move {
        pair_on_meet_page(&page, MAY_1, "Mentee").await;
        let article = log_session(&page, FIRST).await;
        page.wait_for_xpath(
            &format!("{article}//button[normalize-space(.)=\"Write the mentee's reflections\"]"),
            "the mentee's button",
        )
        .await;
        assert!(
            page.visible(&format!(
                "{article}//button[normalize-space(.)=\"Write the mentor's feedback\"]"
            ))
            .await
            .is_none(),
            "a mentee's device offers to write the mentor's feedback\n{}",
            page.describe().await
        );
    });
}

#[test]
fn sessions_are_found_by_text_and_by_objective() {
    run(|page| async move {
        const NOTES: &str = "We rehearsed the quarterly talk twice";
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        add_objective_on_plan(&page, OBJECTIVE).await;
        let first = log_session(&page, FIRST).await;
        let second = log_session(&page, SECOND).await;
        wait_for_sessions(&page, &[SECOND, FIRST], "newest first").await;

        page.open_fold(&first, "Edit session").await;
        page.fill_within(&first, "Shared notes", NOTES).await;
        page.click_button_in(&first, "Save session").await;
        wait_until_stored(&page, &id, NOTES).await;

        page.open_fold(&second, "Choose the objectives this session touched")
            .await;
        let touched = format!(
            "{second}//fieldset[legend[normalize-space(.)='Objectives this session touched']]"
        );
        let objective_box = format!(
            "{touched}//input[@type='checkbox' and @id={touched}//label[normalize-space(.)={}]/@for]",
            xpath_literal(OBJECTIVE)
        );
        page.click_xpath(&objective_box, "the objective in the second session")
            .await;
        wait_for_ticked(&page, &objective_box, true).await;

        page.fill("Search sessions", "QUARTERLY").await;
        wait_for_sessions(&page, &[FIRST], "only the session whose notes match").await;
        page.fill("Search sessions", "no session says this").await;
        wait_for_sessions(&page, &[], "no session").await;
        page.wait_for_text("No session matches this search.").await;
        page.fill("Search sessions", "").await;
        wait_for_sessions(&page, &[SECOND, FIRST], "both again").await;

        page.fill("Objective", OBJECTIVE).await;
        wait_for_sessions(&page, &[SECOND], "only the session that touched it").await;
        page.fill("Search sessions", "quarterly").await;
        wait_for_sessions(&page, &[], "no session both touching it and matching").await;
        page.fill("Search sessions", "").await;
        page.fill("Objective", "All objectives").await;
        wait_for_sessions(&page, &[SECOND, FIRST], "all sessions").await;

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Sessions").await;
        page.wait_for_xpath(
            &format!(
                "{second}//p[normalize-space(.)={}]",
                xpath_literal(&format!("Objectives touched: {OBJECTIVE}"))
            ),
            "the touched objective named in the session",
        )
        .await;
        page.open_fold(&second, "Choose the objectives this session touched")
            .await;
        wait_for_ticked(&page, &objective_box, true).await;

        // Saved notes left the log's order alone; a new start moves the
        // session to where its date now falls.
        page.open_fold(&first, "Edit session").await;
        page.fill_within(&first, "Date and time", THIRD).await;
        page.click_button_in(&first, "Save session").await;
        wait_for_sessions(&page, &[THIRD, SECOND], "the moved session first").await;
    });
}

/// Marks the element matching `xpath` so that `same_element` can tell
/// whether a later render kept it or drew a new one.
async fn mark_element(page: &Page, xpath: &str) {
    page.wait_for_xpath(xpath, "the element to mark").await;
    page.execute(
        "window.__marked = document.evaluate(arguments[0], document, null, \
           XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;",
        vec![Json::from(xpath)],
    )
    .await;
}

/// Whether the element matching `xpath` is the one marked, still in the
/// page and holding the keyboard focus.
async fn marked_and_focused(page: &Page, xpath: &str) -> bool {
    page.execute(
        "const el = document.evaluate(arguments[0], document, null, \
           XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;\n\
         return el !== null && el === window.__marked && el.isConnected \
           && document.activeElement === el;",
        vec![Json::from(xpath)],
    )
    .await
        == Json::Bool(true)
}

#[test]
fn ticking_a_box_keeps_that_box_and_its_focus_and_titles_stay_text() {
    run(|page| async move {
        const MARKUP: &str = "<b>Speak</b> & \"listen\" <img src=x onerror=alert(1)>";
        const ACTION_MARKUP: &str = "<i>Rehearse</i> twice </label><img src=y>";
        let id = create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        add_objective_on_plan(&page, MARKUP).await;
        let first = log_session(&page, FIRST).await;
        add_action(&page, &first, ACTION_MARKUP, "The mentee", "2026-05-08").await;

        page.open_fold(&first, "Choose the objectives this session touched")
            .await;
        let touched = format!(
            "{first}//fieldset[legend[normalize-space(.)='Objectives this session touched']]"
        );
        page.wait_for_texts(&format!("{touched}//label"), "the title as text", |l| {
            l == [MARKUP]
        })
        .await;
        page.wait_for_texts(
            "//select[@id='objective-filter']/option",
            "the objective's title as an option's text",
            |o| o == ["All objectives", MARKUP],
        )
        .await;
        let objective_box = format!(
            "{touched}//input[@type='checkbox' and @id={touched}//label[normalize-space(.)={}]/@for]",
            xpath_literal(MARKUP)
        );
        mark_element(&page, &objective_box).await;
        page.click_xpath(&objective_box, "the objective's box")
            .await;
        wait_for_ticked(&page, &objective_box, true).await;
        wait_until_stored(&page, &id, "\"objectives\":[\"").await;
        assert!(
            marked_and_focused(&page, &objective_box).await,
            "ticking the objective replaced its box or lost the focus\n{}",
            page.describe().await
        );

        let action_box = action_checkbox(&first, ACTION_MARKUP);
        mark_element(&page, &action_box).await;
        page.click_xpath(&action_box, "the action's box").await;
        wait_for_open_actions(&page, &[], "the action done").await;
        wait_for_ticked(&page, &action_box, true).await;
        assert!(
            marked_and_focused(&page, &action_box).await,
            "ticking the action replaced its box or lost the focus\n{}",
            page.describe().await
        );
        assert_eq!(
            page.execute(
                "return document.querySelectorAll('b, i, img').length;",
                vec![]
            )
            .await,
            Json::from(0),
            "a title's markup reached the page as elements"
        );
    });
}

#[test]
fn a_deleted_session_comes_back_with_undo_and_survives_a_reload() {
    run(|page| async move {
        pair_on_meet_page(&page, MAY_1, "Both").await;
        let first = log_session(&page, FIRST).await;
        add_action(&page, &first, OUTLINE, "The mentee", "2026-05-08").await;
        log_session(&page, SECOND).await;
        wait_for_sessions(&page, &[SECOND, FIRST], "two sessions").await;

        let moment = local_moment(&page, FIRST).await;
        page.click_button(&format!("Delete session: {moment}"))
            .await;
        page.wait_for_text(&format!("Deleted the session {moment}."))
            .await;
        wait_for_sessions(&page, &[SECOND], "the first session gone").await;
        wait_for_open_actions(&page, &[], "its action gone with it").await;

        page.click_button("Undo").await;
        wait_for_sessions(&page, &[SECOND, FIRST], "the first session back").await;
        wait_for_open_actions(&page, &[OUTLINE], "its action back").await;

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Sessions").await;
        wait_for_sessions(&page, &[SECOND, FIRST], "both sessions after a reload").await;
        wait_for_open_actions(&page, &[OUTLINE], "the action after a reload").await;
    });
}

/// Builds a Meet page with everything on it (an objective, sessions with
/// actions, one overdue and one done, a prompt, both sides' parts with
/// their editors open, a private note, a resource, an introduction, the
/// forms open) and checks it with axe.
async fn scan_a_full_meet_page(page: Page, theme: &str) {
    let id = create_pair_at(&page, MAY_10, "Maya", "Theo", "Both").await;
    add_objective_on_plan(&page, OBJECTIVE).await;
    page.assert_no_axe_violations(&format!("the empty Meet page ({theme})"))
        .await;

    let first = log_session(&page, FIRST).await;
    add_action(&page, &first, OUTLINE, "The mentee", "2026-05-05").await;
    add_action(&page, &first, SLOT, "Both of us", "2026-05-20").await;
    page.click_xpath(&action_checkbox(&first, SLOT), "the slot's checkbox")
        .await;
    wait_for_open_actions(&page, &[OUTLINE], "the outline open").await;
    page.open_fold(&first, "Add a question from the prompt bank")
        .await;
    page.fill_within(&first, "Prompt bank", QUESTION).await;
    page.click_button_in(&first, "Insert question").await;
    wait_until_stored(&page, &id, QUESTION).await;
    page.click_button_in(&first, "Write the mentee's reflections")
        .await;
    page.click_button_in(&first, "Write the mentor's feedback")
        .await;
    page.open_fold(&first, "Edit mentee's reflections").await;
    page.open_fold(&first, "Edit mentor's feedback").await;
    page.open_fold(&first, "Private notes").await;
    page.fill_within(&first, "Private notes", "Ask about workload")
        .await;
    page.open_fold(&first, "Share a resource from this session")
        .await;
    let form = format!("{first}//form[.//button[normalize-space(.)='Add resource']]");
    page.fill_within(&form, "Resource title", "Resonate").await;
    page.click_button_in(&form, "Add resource").await;
    page.open_fold(&first, "Record an introduction from this session")
        .await;
    let form = format!("{first}//form[.//button[normalize-space(.)='Add introduction']]");
    page.fill_within(&form, "Contact name", "Priya Natarajan")
        .await;
    page.click_button_in(&form, "Add introduction").await;
    page.open_fold(&first, "Edit session").await;
    log_session(&page, SECOND).await;
    page.open_fold(
        "//section[h2[normalize-space(.)='Log a session']]",
        "Our agenda template",
    )
    .await;
    page.open_fold(RESOURCES, "Edit resource").await;
    page.open_fold(INTRODUCTIONS, "Edit introduction").await;
    page.wait_for_text("1 action is overdue.").await;
    page.wait_for_status("Saved").await;
    page.assert_no_axe_violations(&format!(
        "the Meet page with sessions, actions, parts, resources and introductions ({theme})"
    ))
    .await;

    // The undo bar after a delete, and a search that finds nothing.
    page.click_button(&format!(
        "Delete session: {}",
        local_moment(&page, SECOND).await
    ))
    .await;
    page.button("Undo").await;
    page.fill("Search sessions", "no session says this").await;
    page.wait_for_text("No session matches this search.").await;
    page.assert_no_axe_violations(&format!(
        "the Meet page with the undo bar and an empty search ({theme})"
    ))
    .await;
}

#[test]
fn the_meet_page_passes_axe() {
    run(|page| scan_a_full_meet_page(page, "light"));
}

#[test]
fn the_meet_page_passes_axe_in_dark_mode() {
    run_with(Options::default().dark_mode(), |page| async move {
        assert!(page.prefers_dark().await, "dark mode is not emulated");
        scan_a_full_meet_page(page, "dark").await;
    });
}

#[test]
fn a_full_meet_page_does_not_scroll_sideways_at_360_px() {
    run(|page| async move {
        page.set_viewport_width(360).await;
        let id = create_pair_at(&page, MAY_10, "Maya", "Theo", "Both").await;
        add_objective_on_plan(&page, OBJECTIVE).await;
        let first = log_session(&page, FIRST).await;
        add_action(&page, &first, OUTLINE, "The mentee", "2026-05-05").await;
        page.open_fold(&first, "Add a question from the prompt bank")
            .await;
        page.fill_within(&first, "Prompt bank", QUESTION).await;
        page.click_button_in(&first, "Insert question").await;
        wait_until_stored(&page, &id, QUESTION).await;
        page.click_button_in(&first, "Write the mentee's reflections")
            .await;
        page.open_fold(&first, "Edit mentee's reflections").await;
        page.open_fold(&first, "Edit session").await;
        page.open_fold(&first, "Share a resource from this session")
            .await;
        page.open_fold(&first, "Record an introduction from this session")
            .await;
        page.open_fold(RESOURCES, "Share a resource").await;
        page.open_fold(INTRODUCTIONS, "Record an introduction")
            .await;
        page.wait_for_text("1 action is overdue.").await;
        let scroll = page.scroll_width().await;
        let client = page.client_width().await;
        assert!(
            scroll <= 360 && scroll <= client,
            "the Meet page is {scroll} px wide in a 360 px viewport \
             ({client} px without scrollbars): it scrolls sideways"
        );
    });
}

/// A UTC instant as this browser's datetime-local field writes it.
async fn datetime_local(page: &Page, utc: &str) -> String {
    page.script_string(
        "const d = new Date(arguments[0]);\n\
         const two = (n) => String(n).padStart(2, '0');\n\
         return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;",
        vec![Json::from(utc)],
    )
    .await
}

#[test]
fn log_session_follows_the_clock_while_the_page_stays_open() {
    run(|page| async move {
        pair_on_meet_page(&page, MAY_1, "Both").await;
        let drawn = datetime_local(&page, "2026-05-01T09:00:00Z").await;
        assert_eq!(page.value_of("Date and time of the session").await, drawn);
        // Three hours pass with the page open.
        page.execute(
            "const real = Date.now.bind(Date); Date.now = () => real() + 3 * 3600 * 1000;",
            vec![],
        )
        .await;
        page.click_button("Log session").await;
        let later = datetime_local(&page, "2026-05-01T12:00:00Z").await;
        let article = session_article(&local_moment(&page, &later).await);
        page.wait_for_xpath(
            &article,
            "the session logged three hours after the page was drawn",
        )
        .await;
        assert!(
            page.visible(&session_article(&local_moment(&page, &drawn).await))
                .await
                .is_none(),
            "the session was logged at the time the page was drawn"
        );
        assert_eq!(page.value_of("Date and time of the session").await, later);

        // A time the pair typed is theirs: reaching the button keeps it.
        log_session(&page, FIRST).await;
    });
}

#[test]
fn log_session_starts_at_now_and_a_logged_session_shows_its_agenda() {
    run(|page| async move {
        pair_on_meet_page(&page, MAY_1, "Both").await;
        // The form holds the app's now (09:00 UTC on 1 May, in this
        // browser's time zone); logging it needs no typing.
        let now = datetime_local(&page, "2026-05-01T09:00:00Z").await;
        assert_eq!(page.value_of("Date and time of the session").await, now);
        page.click_button("Log session").await;
        let article = session_article(&local_moment(&page, &now).await);
        page.wait_for_xpath(&article, "the session logged at now")
            .await;

        // Its agenda shows on the card, with no editor opened.
        let agenda = page
            .wait_for_texts(
                &format!("{article}//div[h4[normalize-space(.)='Agenda']]/p"),
                "the session's agenda",
                |found| found.len() == 1 && !found[0].is_empty(),
            )
            .await;
        assert!(agenda[0].starts_with("Check-in:"), "{agenda:?}");
        assert!(
            page.visible(&format!("{article}//button[@aria-expanded='true']"))
                .await
                .is_none(),
            "an editor was opened"
        );
    });
}
