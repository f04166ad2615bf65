//! End-to-end tests of the Plan stage: the SMART coach, agreeing an
//! objective and revising it with a reason, the roadmap of milestones and
//! steps with its wins, an overdue milestone, and accessibility. They run
//! against the release build in dist/.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::Value as Json;
use trellis_e2e::{create_pair_at, run, run_with, wait_until_stored, xpath_literal, Options, Page};

/// The app's clock for most tests: 1 May 2026.
const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
/// A later clock, so that a milestone due on 1 May is late.
const MAY_10: &str = "?now=2026-05-10T09:00:00Z";

const OBJECTIVE: &str = "Get better at presenting";
const VAGUE: &str = "Improve my presentation skills";
const SPECIFIC: &str = "Give 3 ten-minute talks at the Friday team meeting";
const MEASURE: &str = "Number of talks given to the team";
const BASELINE: &str = "0 talks";
const TARGET: &str = "3 talks";
const ACHIEVABLE: &str = "Maya reviews each outline and the team lead books the slots";
const RELEVANT: &str = "Theo wants to lead the platform team and must present its plans";
const BY_WHEN: &str = "2026-09-30";
const REASON: &str = "Review moved to monthly";

const COACH: &str = "//ul[@aria-label='SMART coach']/li";
const WINS: &str = "//section[h2[normalize-space(.)='Wins']]//li";
const HISTORY: &str = "//section[h3[normalize-space(.)='History']]//li";
const PLAN_LINK: &str =
    "//nav[@aria-label='Stages of this pair']//a[starts-with(normalize-space(.), 'Plan')]";

/// How long these helpers wait: the machine may be busy.
const WAIT: Duration = trellis_e2e::DEFAULT_TIMEOUT;
const POLL: Duration = Duration::from_millis(100);

/// Follows the nav's Plan link and waits for the Plan page.
async fn open_plan(page: &Page) {
    page.click_link_starting_with("Plan").await;
    page.wait_for_hash_ending("/plan").await;
    page.wait_for_heading("Plan").await;
}

/// Creates a pair at `query` and opens its Plan page; returns the pair's id.
async fn pair_on_plan_page(page: &Page, query: &str) -> String {
    let id = create_pair_at(page, query, "Maya", "Theo", "Both").await;
    open_plan(page).await;
    id
}

/// Adds an objective with the form at the foot of the page.
async fn add_objective(page: &Page, title: &str) {
    page.fill("New objective title", title).await;
    page.click_button("Add objective").await;
    page.wait_for_heading(title).await;
    page.wait_for_value("New objective title", "").await;
}

/// Waits until the SMART coach gives each `(letter, verdict)` pair, e.g.
/// `("Specific", "weak")`: an item reading "Specific: weak ...".
async fn wait_for_coach(page: &Page, expected: &[(&str, &str)]) -> Vec<String> {
    let wanted: Vec<String> = expected
        .iter()
        .map(|(letter, verdict)| format!("{letter}: {verdict}"))
        .collect();
    page.wait_for_texts(
        COACH,
        &format!("the SMART coach to say {wanted:?}"),
        |items| {
            wanted.iter().all(|want| {
                items
                    .iter()
                    .any(|item| item == want || item.starts_with(&format!("{want} ")))
            })
        },
    )
    .await
}

/// The objective's state line: its badge, then "N of M done (P%)".
fn objective_state(title: &str) -> String {
    format!(
        "//article[h2[normalize-space(.)={}]]/p[1]",
        xpath_literal(title)
    )
}

/// Waits until the objective's badge reads `badge` and returns the line.
async fn wait_for_badge(page: &Page, title: &str, badge: &str) -> String {
    let prefix = format!("{badge} ");
    let lines = page
        .wait_for_texts(
            &objective_state(title),
            &format!("the badge of {title:?} to read {badge:?}"),
            |lines| lines.len() == 1 && lines[0].starts_with(&prefix),
        )
        .await;
    lines[0].clone()
}

/// Opens the objective's "Edit this objective" disclosure.
async fn open_editor(page: &Page) {
    page.open_fold("/html", "Edit this objective").await;
    page.field("Objective title").await;
}

/// The form that adds a milestone to the (only) objective.
fn milestone_form() -> String {
    "//form[.//label[normalize-space(.)='New milestone']]".to_string()
}

/// The milestone titled `milestone`, with its steps and its "Add a step".
fn milestone_item(milestone: &str) -> String {
    format!(
        "//label[normalize-space(.)={}]/ancestor::div[.//button[normalize-space(.)='Add a step']][1]",
        xpath_literal(&format!("Milestone reached: {milestone}"))
    )
}

/// The form that adds a step under the milestone titled `milestone`.
fn step_form(milestone: &str) -> String {
    format!(
        "{}//form[.//label[normalize-space(.)='New step']]",
        milestone_item(milestone)
    )
}

/// Fills the control labelled `label` inside the form matched by `form`:
/// dates take `2026-05-01`, everything else is typed, then Tab.
async fn fill_in(page: &Page, form: &str, label: &str, value: &str) {
    let lit = xpath_literal(label);
    let xpath = format!(
        "({form})//*[(self::input or self::textarea or self::select) \
         and @id=({form})//label[normalize-space(.)={lit}]/@for]"
    );
    let control = page
        .wait_for_xpath(&xpath, &format!("the field {label:?}"))
        .await;
    let kind = control
        .attr("type")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    if kind == "date" {
        let element = serde_json::to_value(&control)
            .unwrap_or_else(|e| panic!("cannot pass {label:?} to a script: {e}"));
        page.execute(
            "const [el, value] = arguments;\n\
             const setter = Object.getOwnPropertyDescriptor(\
               Object.getPrototypeOf(el), 'value').set;\n\
             el.focus();\n\
             setter.call(el, value);\n\
             el.dispatchEvent(new Event('input', { bubbles: true }));\n\
             el.dispatchEvent(new Event('change', { bubbles: true }));\n\
             el.blur();",
            vec![element, serde_json::Value::from(value)],
        )
        .await;
    } else {
        let typed = match control.clear().await {
            Ok(()) => control.send_keys(&(value.to_string() + &Key::Tab)).await,
            Err(e) => Err(e),
        };
        if let Err(e) = typed {
            panic!(
                "cannot fill {label:?} with {value:?}: {e}\n{}",
                page.describe().await
            );
        }
    }
}

/// Adds a milestone (with a due date when given) and waits for its checkbox.
async fn add_milestone(page: &Page, title: &str, due: Option<&str>) {
    page.open_fold("//main", "Add a milestone").await;
    let form = milestone_form();
    fill_in(page, &form, "New milestone", title).await;
    if let Some(due) = due {
        fill_in(page, &form, "Due date of the new milestone", due).await;
    }
    page.click_xpath(
        &format!("{form}//button[normalize-space(.)='Add milestone']"),
        "the button \"Add milestone\"",
    )
    .await;
    page.field(&format!("Milestone reached: {title}")).await;
}

/// Adds a step under the milestone titled `milestone`.
async fn add_step(page: &Page, milestone: &str, title: &str) {
    page.open_fold(&milestone_item(milestone), "Add a step")
        .await;
    let form = step_form(milestone);
    fill_in(page, &form, "New step", title).await;
    page.click_xpath(
        &format!("{form}//button[normalize-space(.)='Add step']"),
        &format!("the button \"Add step\" under {milestone:?}"),
    )
    .await;
    page.field(title).await;
}

/// Whether the checkbox labelled `label` is ticked.
async fn is_ticked(page: &Page, label: &str) -> bool {
    page.field(label).await.is_selected().await.unwrap_or(false)
}

/// Waits until the checkbox labelled `label` is (or is not) ticked.
async fn wait_for_ticked(page: &Page, label: &str, ticked: bool) {
    let deadline = Instant::now() + WAIT;
    loop {
        if is_ticked(page, label).await == ticked {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the checkbox {label:?} should {}be ticked\n{}",
            if ticked { "" } else { "not " },
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Ticks the checkbox labelled `label`, as a person clicking it would.
async fn tick(page: &Page, label: &str) {
    assert!(
        !is_ticked(page, label).await,
        "{label:?} is already ticked\n{}",
        page.describe().await
    );
    let lit = xpath_literal(label);
    let checkbox =
        format!("//input[@type='checkbox' and @id=//label[normalize-space(.)={lit}]/@for]");
    page.click_xpath(&checkbox, &format!("the checkbox {label:?}"))
        .await;
    wait_for_ticked(page, label, true).await;
}

/// Fills every SMART field of the open editor with concrete content.
async fn fill_smart(page: &Page) {
    page.fill("What exactly (specific)", SPECIFIC).await;
    page.fill("How it is measured", MEASURE).await;
    page.fill("Baseline", BASELINE).await;
    page.fill("Target", TARGET).await;
    page.fill("What makes it achievable", ACHIEVABLE).await;
    page.fill("Why it matters (relevant)", RELEVANT).await;
    page.fill("By when", BY_WHEN).await;
}

const ALL_FINE: [(&str, &str); 5] = [
    ("Specific", "fine"),
    ("Measurable", "fine"),
    ("Achievable", "fine"),
    ("Relevant", "fine"),
    ("Time-bound", "fine"),
];

/// Adds the objective, fills it in, saves it and waits until it is stored.
async fn saved_objective(page: &Page, id: &str) {
    add_objective(page, OBJECTIVE).await;
    open_editor(page).await;
    fill_smart(page).await;
    wait_for_coach(page, &ALL_FINE).await;
    page.click_button("Save objective").await;
    wait_until_stored(page, id, MEASURE).await;
}

/// Both sides agree to the objective on this shared screen.
async fn agree_both(page: &Page) {
    page.click_button("Agree as mentor").await;
    page.wait_for_text("The mentor agrees.").await;
    page.click_button("Agree as mentee").await;
    page.wait_for_text("The mentee agrees.").await;
    wait_for_badge(page, OBJECTIVE, "Agreed").await;
}

#[test]
fn the_smart_coach_reads_the_draft_and_a_saved_objective_survives_a_reload() {
    run(|page| async move {
        let id = pair_on_plan_page(&page, MAY_1).await;
        page.wait_for_text("No objectives yet").await;
        add_objective(&page, OBJECTIVE).await;
        wait_for_badge(&page, OBJECTIVE, "Draft").await;

        open_editor(&page).await;
        page.wait_for_value("Objective title", OBJECTIVE).await;
        page.fill("What exactly (specific)", VAGUE).await;
        page.wait_for_value("How it is measured", "").await;
        wait_for_coach(
            &page,
            &[
                ("Specific", "weak"),
                ("Measurable", "missing"),
                ("Time-bound", "missing"),
            ],
        )
        .await;

        fill_smart(&page).await;
        let coach = wait_for_coach(&page, &ALL_FINE).await;
        assert_eq!(
            coach.len(),
            5,
            "the coach should have five letters: {coach:?}"
        );

        page.click_button("Save objective").await;
        wait_until_stored(&page, &id, MEASURE).await;
        page.wait_for_status("Saved").await;

        page.reload().await;
        page.wait_for_heading("Plan").await;
        page.wait_for_heading(OBJECTIVE).await;
        open_editor(&page).await;
        for (label, value) in [
            ("Objective title", OBJECTIVE),
            ("What exactly (specific)", SPECIFIC),
            ("How it is measured", MEASURE),
            ("Baseline", BASELINE),
            ("Target", TARGET),
            ("What makes it achievable", ACHIEVABLE),
            ("Why it matters (relevant)", RELEVANT),
            ("By when", BY_WHEN),
        ] {
            page.wait_for_value(label, value).await;
        }
        wait_for_coach(&page, &ALL_FINE).await;
    });
}

#[test]
fn changing_an_agreed_objective_needs_a_reason_kept_in_the_history() {
    run(|page| async move {
        let id = pair_on_plan_page(&page, MAY_1).await;
        saved_objective(&page, &id).await;
        page.wait_for_text("The mentor has not agreed yet.").await;
        page.wait_for_text("The mentee has not agreed yet.").await;

        agree_both(&page).await;
        assert!(
            page.visible("//button[normalize-space(.)='Agree as mentor']")
                .await
                .is_none()
                && page
                    .visible("//button[normalize-space(.)='Agree as mentee']")
                    .await
                    .is_none(),
            "the agree buttons are still offered after both agreed\n{}",
            page.describe().await
        );

        open_editor(&page).await;
        page.fill("Target", "3 talks a month").await;
        page.field("Reason for the change").await;
        page.click_button("Save objective").await;
        let alert = page.wait_for_alert_containing("reason").await;
        assert!(
            alert.contains("Please give a one-line reason"),
            "unexpected alert: {alert:?}"
        );
        wait_for_badge(&page, OBJECTIVE, "Agreed").await;
        assert!(
            page.texts(HISTORY).await.is_empty(),
            "a refused save made a history entry\n{}",
            page.describe().await
        );

        page.fill("Reason for the change", REASON).await;
        page.click_button("Save objective").await;
        wait_for_badge(&page, OBJECTIVE, "Proposed").await;
        let history = page
            .wait_for_texts(HISTORY, "one history entry with the reason", |entries| {
                entries.len() == 1 && entries[0].contains(REASON)
            })
            .await;
        assert!(
            history[0].starts_with("May 1, 2026, changed by both of you: "),
            "the history entry does not start with the date and who: {:?}",
            history[0]
        );
        assert!(
            history[0].contains("target 3 talks;"),
            "the history entry does not show the earlier target: {:?}",
            history[0]
        );
        page.wait_for_text("The mentee agreed to an earlier version.")
            .await;
        page.wait_for_text("The mentor agreed to an earlier version.")
            .await;
        page.button("Agree as mentor").await;
        page.button("Agree as mentee").await;
        assert!(
            page.alert_text().await.is_empty(),
            "an alert is left after a successful save: {:?}",
            page.alert_text().await
        );
        wait_until_stored(&page, &id, REASON).await;
    });
}

#[test]
fn ticking_steps_and_milestones_shows_progress_and_wins_that_survive_a_reload() {
    run(|page| async move {
        const FIRST: &str = "Run a practice talk";
        const SECOND: &str = "Present at the all-hands";
        const STEP: &str = "Write the outline";
        let first_label = format!("Milestone reached: {FIRST}");

        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        page.wait_for_text("No milestones yet.").await;
        add_milestone(&page, FIRST, Some("2026-06-15")).await;
        assert!(
            !page.body_text().await.contains("No milestones yet."),
            "the empty roadmap's hint stays after a milestone is added"
        );
        add_milestone(&page, SECOND, None).await;
        add_step(&page, FIRST, STEP).await;
        page.wait_for_texts(&objective_state(OBJECTIVE), "0 of 1 done", |l| {
            l.len() == 1 && l[0].ends_with("0 of 1 done (0%)")
        })
        .await;
        page.wait_for_texts(WINS, "no wins yet", <[String]>::is_empty)
            .await;

        tick(&page, STEP).await;
        page.wait_for_texts(&objective_state(OBJECTIVE), "1 of 1 done (100%)", |l| {
            l.len() == 1 && l[0].ends_with("1 of 1 done (100%)")
        })
        .await;

        // The timeline's table says the milestone's state; ticking it
        // changes that cell and writes nothing else in the table.
        let timeline_state = format!(
            "//table[caption='The timeline as a table']\
             //tr[normalize-space(th)='Milestone: {FIRST}']/td[3]"
        );
        page.wait_for_texts(&timeline_state, "the milestone open in the timeline", |s| {
            s == ["open"]
        })
        .await;
        page.execute(
            "const table = document.evaluate(arguments[0], document, null, \
               XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.closest('table');\n\
             window.timelineWrites = [];\n\
             new MutationObserver((list) => window.timelineWrites.push(\n\
               ...list.filter((m) => m.type !== 'characterData').map((m) => m.type + ' ' + (m.attributeName || ''))))\n\
               .observe(table, { subtree: true, childList: true, attributes: true, characterData: true });\n\
             return true;",
            vec![serde_json::Value::from(timeline_state.as_str())],
        )
        .await;

        tick(&page, &first_label).await;
        page.wait_for_texts(&timeline_state, "the milestone done in the timeline", |s| {
            s == ["done"]
        })
        .await;
        let writes = page.execute("return window.timelineWrites;", vec![]).await;
        assert_eq!(
            writes,
            serde_json::json!([]),
            "ticking a milestone wrote more of the timeline's table than its state"
        );
        page.wait_for_texts(
            "//button[normalize-space(.)='Close']/parent::*",
            "a celebration of the first milestone",
            |found| found.iter().any(|c| c.contains(&first_label)),
        )
        .await;
        let wins = page
            .wait_for_texts(WINS, "the first milestone in Wins", |wins| {
                wins.len() == 1 && wins[0].starts_with(&first_label)
            })
            .await;
        assert!(
            wins[0].contains("May 1, 2026"),
            "the win is not dated today: {wins:?}"
        );
        assert!(!is_ticked(&page, &format!("Milestone reached: {SECOND}")).await);

        page.click_button("Close").await;
        page.wait_for_texts(
            "//button[normalize-space(.)='Close']",
            "the celebration to close",
            <[String]>::is_empty,
        )
        .await;

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading(OBJECTIVE).await;
        wait_for_ticked(&page, STEP, true).await;
        wait_for_ticked(&page, &first_label, true).await;
        wait_for_ticked(&page, &format!("Milestone reached: {SECOND}"), false).await;
        page.wait_for_texts(WINS, "the first milestone in Wins after a reload", |wins| {
            wins.len() == 1 && wins[0].starts_with(&first_label)
        })
        .await;
        page.wait_for_texts(&objective_state(OBJECTIVE), "1 of 1 done (100%)", |l| {
            l.len() == 1 && l[0].ends_with("1 of 1 done (100%)")
        })
        .await;
    });
}

#[test]
fn an_overdue_milestone_is_marked_and_makes_the_plan_due() {
    run(|page| async move {
        const LATE: &str = "Book a slot at the team meeting";
        pair_on_plan_page(&page, MAY_10).await;
        add_objective(&page, OBJECTIVE).await;
        agree_both(&page).await;
        // With an agreed objective and nothing late, Plan is current.
        page.wait_for_texts(PLAN_LINK, "the Plan link to read \"Plan current\"", |l| {
            l == ["Plan current"]
        })
        .await;

        add_milestone(&page, LATE, Some("2026-05-01")).await;
        page.wait_for_texts(PLAN_LINK, "the Plan link to read \"Plan due\"", |l| {
            l == ["Plan due"]
        })
        .await;
        let row = format!(
            "//label[normalize-space(.)={}]/parent::*",
            xpath_literal(&format!("Milestone reached: {LATE}"))
        );
        page.wait_for_texts(&row, "the late milestone's row to say \"overdue\"", |r| {
            r.len() == 1 && r[0].contains("overdue")
        })
        .await;
    });
}

/// Builds a Plan page with everything on it (an objective with SMART
/// content, agreed then revised so it has a history, milestones with a
/// late one, a ticked step, a win, the editor open) and checks it with axe.
async fn scan_a_full_plan_page(page: Page, theme: &str) {
    let id = pair_on_plan_page(&page, MAY_10).await;
    page.assert_no_axe_violations(&format!("the empty Plan page ({theme})"))
        .await;

    saved_objective(&page, &id).await;
    agree_both(&page).await;
    page.fill("Target", "4 talks").await;
    page.fill("Reason for the change", REASON).await;
    page.click_button("Save objective").await;
    page.wait_for_texts(HISTORY, "a history entry", |e| e.len() == 1)
        .await;

    add_milestone(&page, "Book a slot", Some("2026-05-01")).await;
    add_milestone(&page, "Run a practice talk", Some("2026-06-15")).await;
    add_step(&page, "Run a practice talk", "Write the outline").await;
    add_step(&page, "Run a practice talk", "Rehearse with Maya").await;
    tick(&page, "Write the outline").await;
    tick(&page, "Milestone reached: Book a slot").await;
    page.wait_for_texts(WINS, "a win", |w| w.len() == 1).await;
    open_editor(&page).await;
    // Let the celebration's entrance animation finish before checking colours.
    tokio::time::sleep(Duration::from_secs(1)).await;
    page.assert_no_axe_violations(&format!(
        "the Plan page with an objective, history, roadmap, wins and the editor open ({theme})"
    ))
    .await;

    // The reason field and the inline alert of a refused save.
    page.click_button("Close").await;
    agree_both(&page).await;
    page.fill("Baseline", "1 talk").await;
    page.field("Reason for the change").await;
    page.click_button("Save objective").await;
    page.wait_for_alert_containing("reason").await;
    page.assert_no_axe_violations(&format!(
        "the Plan page asking for a reason for the change ({theme})"
    ))
    .await;
}

#[test]
fn the_plan_page_passes_axe() {
    run(|page| scan_a_full_plan_page(page, "light"));
}

#[test]
fn the_plan_page_passes_axe_in_dark_mode() {
    run_with(Options::default().dark_mode(), |page| async move {
        assert!(page.prefers_dark().await, "dark mode is not emulated");
        scan_a_full_plan_page(page, "dark").await;
    });
}

#[test]
fn a_deleted_objective_comes_back_with_undo() {
    run(|page| async move {
        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        add_milestone(&page, "Run a practice talk", None).await;
        page.click_button("Delete objective").await;
        page.wait_for_text(&format!("Deleted the objective {OBJECTIVE}."))
            .await;
        page.wait_for_text("No objectives yet").await;
        assert!(
            page.visible(&objective_state(OBJECTIVE)).await.is_none(),
            "the deleted objective is still shown\n{}",
            page.describe().await
        );
        page.click_button("Undo").await;
        page.wait_for_heading(OBJECTIVE).await;
        page.field("Milestone reached: Run a practice talk").await;
        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading(OBJECTIVE).await;
        page.field("Milestone reached: Run a practice talk").await;
    });
}

/// The milestone row (its line, editor, buttons and steps) of `title`.
fn milestone_row(title: &str) -> String {
    format!(
        "//div[contains(concat(' ', @class, ' '), ' milestone ')]\
         [div/label[normalize-space(.)={}]]",
        xpath_literal(&format!("Milestone reached: {title}"))
    )
}

/// Waits until the page shows the milestones titled `titles`, in that
/// order.
async fn wait_for_milestone_order(page: &Page, titles: &[&str], what: &str) {
    page.wait_for_texts(
        "//div[contains(concat(' ', @class, ' '), ' milestone ')]/div/label",
        what,
        |labels| {
            labels.len() == titles.len()
                && labels
                    .iter()
                    .zip(titles)
                    .all(|(label, title)| label == &format!("Milestone reached: {title}"))
        },
    )
    .await;
}

/// Picks the option `option` of the select labelled `label` inside `form`.
async fn choose_in(page: &Page, form: &str, label: &str, option: &str) {
    let xpath = format!(
        "({form})//select[@id=({form})//label[normalize-space(.)={}]/@for]\
         /option[normalize-space(.)={}]",
        xpath_literal(label),
        xpath_literal(option)
    );
    page.click_xpath(&xpath, &format!("the option {option:?} of {label:?}"))
        .await;
}

#[test]
fn milestones_and_steps_are_edited_reordered_and_deleted_with_undo() {
    run(|page| async move {
        const OUTLINE: &str = "Draft the outline";
        const PRACTICE: &str = "Run a practice talk";
        const STEP: &str = "Ask Maya for feedback";
        let id = pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        add_milestone(&page, OUTLINE, Some("2026-06-01")).await;
        add_milestone(&page, PRACTICE, None).await;
        wait_for_milestone_order(&page, &[OUTLINE, PRACTICE], "the milestones as added").await;

        // The first cannot move up; the second can, and then leads. The
        // move buttons are in each milestone's editor.
        page.open_fold(&milestone_row(OUTLINE), "Edit milestone")
            .await;
        page.open_fold(&milestone_row(PRACTICE), "Edit milestone")
            .await;
        let first_up = page.button(&format!("Move up: {OUTLINE}")).await;
        assert!(
            !first_up.is_enabled().await.unwrap_or(true),
            "the first milestone offers to move up"
        );
        page.click_button(&format!("Move up: {PRACTICE}")).await;
        wait_for_milestone_order(&page, &[PRACTICE, OUTLINE], "the practice talk first").await;
        page.click_button(&format!("Move down: {PRACTICE}")).await;
        wait_for_milestone_order(&page, &[OUTLINE, PRACTICE], "the outline first again").await;
        page.click_button(&format!("Move up: {PRACTICE}")).await;

        // Edit the outline milestone: who does it, its start and due dates.
        let row = milestone_row(OUTLINE);
        page.open_fold(&row, "Edit milestone").await;
        let form = format!("{row}/div[button[@aria-expanded]]/form");
        choose_in(&page, &form, "Who does the milestone", "The mentor").await;
        fill_in(&page, &form, "Start date of the milestone", "2026-05-10").await;
        fill_in(&page, &form, "Due date of the milestone", "2026-06-20").await;
        page.click_xpath(
            &format!("{form}//button[normalize-space(.)='Save milestone']"),
            "the button \"Save milestone\"",
        )
        .await;
        page.wait_for_texts(
            &format!("{row}/div/span"),
            "the outline's line to show its owner and dates",
            |line| {
                line.len() == 1
                    && line[0].contains("mentor")
                    && line[0].contains("from May 10, 2026")
                    && line[0].contains("due Jun 20, 2026")
            },
        )
        .await;

        // A step is deleted, then comes back with Undo.
        add_step(&page, OUTLINE, STEP).await;
        page.open_fold(
            &format!(
                "{row}//li[div/label[normalize-space(.)={}]]",
                xpath_literal(STEP)
            ),
            "Edit step",
        )
        .await;
        page.click_button(&format!("Delete step: {STEP}")).await;
        page.wait_for_text(&format!("Deleted the step {STEP}."))
            .await;
        page.wait_for_texts(
            &format!("{row}//li/div/label"),
            "the step to be gone",
            <[String]>::is_empty,
        )
        .await;
        page.click_button("Undo").await;
        page.field(STEP).await;

        // The objective's category.
        open_editor(&page).await;
        page.fill("Category", "Leadership").await;
        page.click_button("Save objective").await;
        wait_until_stored(&page, &id, "\"category\":\"leadership\"").await;
        wait_until_stored(&page, &id, "\"owner\":\"mentor\"").await;

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading(OBJECTIVE).await;
        wait_for_milestone_order(&page, &[PRACTICE, OUTLINE], "the order after a reload").await;
        page.field(STEP).await;
        open_editor(&page).await;
        page.wait_for_value("Category", "Leadership").await;
    });
}

#[test]
fn a_full_plan_page_does_not_scroll_sideways_at_360_px() {
    run(|page| async move {
        page.set_viewport_width(360).await;
        let id = pair_on_plan_page(&page, MAY_10).await;
        saved_objective(&page, &id).await;
        add_milestone(&page, "Book a slot", Some("2026-05-01")).await;
        add_milestone(&page, "Run a practice talk", Some("2026-08-15")).await;
        add_step(&page, "Run a practice talk", "Write the outline").await;
        open_editor(&page).await;
        page.wait_for_xpath("//*[local-name()='svg']", "the timeline")
            .await;
        let scroll = page.scroll_width().await;
        let client = page.client_width().await;
        assert!(
            scroll <= 360 && scroll <= client,
            "the Plan page is {scroll} px wide in a 360 px viewport \
             ({client} px without scrollbars): it scrolls sideways"
        );
        let chart = "//div[@role='region' and @aria-label='Timeline chart']";
        let overflow = page
            .execute(
                "const el = document.evaluate(arguments[0], document, null, \
                   XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;\n\
                 return [el.scrollWidth, el.clientWidth];",
                vec![serde_json::Value::from(chart)],
            )
            .await;
        let widths: Vec<u64> = serde_json::from_value(overflow).unwrap_or_default();
        assert!(
            widths.len() == 2 && widths[0] > widths[1],
            "the timeline should scroll inside its own region at 360 px: {widths:?}"
        );
    });
}

#[test]
fn saving_an_open_editor_keeps_a_milestone_ticked_meanwhile() {
    run(|page| async move {
        const OUTLINE: &str = "Draft the outline";
        let label = format!("Milestone reached: {OUTLINE}");
        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        add_milestone(&page, OUTLINE, Some("2026-06-01")).await;
        let row = milestone_row(OUTLINE);
        page.open_fold(&row, "Edit milestone").await;
        let form = format!("{row}/div[button[@aria-expanded]]/form");
        fill_in(&page, &form, "Due date of the milestone", "2026-06-20").await;
        // Before saving the editor, the milestone is ticked done.
        tick(&page, &label).await;
        page.click_xpath(
            &format!("{form}//button[normalize-space(.)='Save milestone']"),
            "the button \"Save milestone\"",
        )
        .await;
        page.wait_for_texts(&format!("{row}/div/span"), "the new due date", |line| {
            line.len() == 1 && line[0].contains("due Jun 20, 2026")
        })
        .await;
        wait_for_ticked(&page, &label, true).await;
        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading(OBJECTIVE).await;
        wait_for_ticked(&page, &label, true).await;
    });
}

/// Waits until the keyboard focus is on the button whose accessible name
/// is `name`.
async fn wait_for_focus_on(page: &Page, name: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let focused = page
            .script_string(
                "const el = document.activeElement;\n\
                 return el ? (el.getAttribute('aria-label') || el.textContent.trim()) : '';",
                vec![],
            )
            .await;
        if focused == name {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the focus should be on {name:?}, it is on {focused:?}\n{}",
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Presses Enter on whatever has the keyboard focus.
async fn press_enter(page: &Page) {
    let focused = page
        .client()
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("no element has the focus: {e}"));
    if let Err(e) = focused.send_keys(&Key::Enter).await {
        panic!("cannot press Enter: {e}\n{}", page.describe().await);
    }
}

#[test]
fn a_moved_milestone_keeps_the_focus_on_its_move_buttons() {
    run(|page| async move {
        const FIRST: &str = "Draft the outline";
        const SECOND: &str = "Run a practice talk";
        const THIRD: &str = "Present at the all-hands";
        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        for title in [FIRST, SECOND, THIRD] {
            add_milestone(&page, title, None).await;
        }
        wait_for_milestone_order(&page, &[FIRST, SECOND, THIRD], "the milestones as added").await;

        // From the middle it can still move up: the pressed button keeps
        // the focus, so the keyboard can press it again.
        page.open_fold(&milestone_row(THIRD), "Edit milestone")
            .await;
        page.click_button(&format!("Move up: {THIRD}")).await;
        wait_for_milestone_order(&page, &[FIRST, THIRD, SECOND], "the last one second").await;
        wait_for_focus_on(&page, &format!("Move up: {THIRD}")).await;

        // At the top "Move up" is disabled, so the focus goes to "Move down".
        press_enter(&page).await;
        wait_for_milestone_order(&page, &[THIRD, FIRST, SECOND], "the last one first").await;
        wait_for_focus_on(&page, &format!("Move down: {THIRD}")).await;
        press_enter(&page).await;
        wait_for_milestone_order(&page, &[FIRST, THIRD, SECOND], "back to second").await;
        wait_for_focus_on(&page, &format!("Move down: {THIRD}")).await;
    });
}

#[test]
fn a_new_objective_opens_its_smart_editor_with_the_coach_and_the_keyboard_in_its_title() {
    run(|page| async move {
        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, VAGUE).await;
        page.wait_for_xpath(
            "//button[@aria-expanded='true'][normalize-space(.)='Edit this objective']",
            "the new objective's editor, open",
        )
        .await;
        let title = page.field("Objective title").await;
        let id = title.attr("id").await.ok().flatten().unwrap_or_default();
        page.wait_for_focus(&id).await;
        assert_eq!(page.value_of("Objective title").await, VAGUE);
        wait_for_coach(&page, &[("Specific", "missing")]).await;
        let coach = page
            .wait_for_xpath("//ul[@aria-label='SMART coach']", "the SMART coach")
            .await;
        assert!(coach.is_displayed().await.unwrap_or(false));

        // An objective already there keeps its editor folded on a reload.
        page.reload().await;
        page.wait_for_heading(VAGUE).await;
        assert!(
            page.visible(
                "//button[@aria-expanded='true'][normalize-space(.)='Edit this objective']"
            )
            .await
            .is_none(),
            "the editor is open after a reload"
        );
    });
}

/// Every form saves from its button's click, which the browser also fires
/// for Enter in a field, and cancels the browser's own submission (see
/// `RecordEditor`): Enter still adds and saves, and the page stays.
#[test]
fn enter_in_a_field_adds_and_saves_without_leaving_the_page() {
    run(|page| async move {
        pair_on_plan_page(&page, MAY_1).await;
        let address = page.current_url().await;
        let new_title = page.field("New objective title").await;
        if let Err(e) = new_title
            .send_keys(&format!("{OBJECTIVE}{}", Key::Enter))
            .await
        {
            panic!("cannot type the new objective: {e}");
        }
        page.wait_for_heading(OBJECTIVE).await;
        page.wait_for_value("New objective title", "").await;

        // The new objective's editor has the keyboard in its title.
        let title = page.field("Objective title").await;
        let id = title.attr("id").await.ok().flatten().unwrap_or_default();
        page.wait_for_focus(&id).await;
        if let Err(e) = title
            .send_keys(&format!(" to the team{}", Key::Enter))
            .await
        {
            panic!("cannot type into the objective's title: {e}");
        }
        page.wait_for_heading(&format!("{OBJECTIVE} to the team"))
            .await;
        assert_eq!(page.current_url().await, address, "Enter left the page");
    });
}

/// The quiet line after the task labelled `label`: owner, dates and state.
async fn task_details(page: &Page, label: &str) -> String {
    let xpath = format!(
        "//label[normalize-space(.)={}]/following-sibling::span[1]",
        xpath_literal(label)
    );
    page.wait_for_xpath(&xpath, &format!("the details of {label:?}"))
        .await;
    page.texts(&xpath).await.concat()
}

#[test]
fn a_roadmap_leads_with_titles_and_owners_and_keeps_row_actions_in_each_editor() {
    run(|page| async move {
        const OUTLINE: &str = "Draft the outline";
        let steps = [
            "Pick a topic",
            "Book a room",
            "Write slides",
            "Rehearse",
            "Ask for notes",
        ];
        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        add_milestone(&page, OUTLINE, Some("2026-06-01")).await;
        for step in steps {
            add_step(&page, OUTLINE, step).await;
        }
        page.reload().await;
        page.wait_for_heading(OBJECTIVE).await;

        // The owner is a label of its own after the title, not part of it.
        let milestone = format!("Milestone reached: {OUTLINE}");
        assert!(page
            .field(&milestone)
            .await
            .is_displayed()
            .await
            .unwrap_or(false));
        let details = task_details(&page, &milestone).await;
        assert!(details.starts_with("Owner: mentee"), "{details:?}");
        let details = task_details(&page, steps[0]).await;
        assert!(details.starts_with("Owner: mentee"), "{details:?}");

        // A milestone with five steps shows no row buttons until a row's
        // editor is opened; then that row's are named after it.
        let row = milestone_row(OUTLINE);
        let buttons = page
            .texts(&format!("{row}//button[not(@aria-expanded)]"))
            .await;
        assert!(
            buttons.is_empty(),
            "buttons shown on the roadmap: {buttons:?}"
        );
        let step_row = format!(
            "{row}//li[.//label[normalize-space(.)={}]]",
            xpath_literal(steps[1])
        );
        page.open_fold(&step_row, "Edit step").await;
        for name in ["Move up", "Move down", "Delete step"] {
            page.button(&format!("{name}: {}", steps[1])).await;
        }
        let shown = page
            .texts(&format!("{row}//button[not(@aria-expanded)]"))
            .await;
        assert_eq!(shown.len(), 4, "only the open row's buttons: {shown:?}");
    });
}

/// Where the focus is, if the undo card covers any of it: empty when it
/// does not (or when the focus is on the card itself).
async fn focus_under_the_undo_bar(page: &Page) -> String {
    page.script_string(
        "const card = document.querySelector('.undo-card');\n\
         const focused = document.activeElement;\n\
         if (!card || !focused || card.contains(focused)) return '';\n\
         const [c, f] = [card.getBoundingClientRect(), focused.getBoundingClientRect()];\n\
         const covered = f.bottom > c.top && f.top < c.bottom;\n\
         return covered ? `${focused.outerHTML.slice(0, 120)} at ${f.top}-${f.bottom}, bar at ${c.top}-${c.bottom}` : '';",
        vec![],
    )
    .await
}

#[test]
fn on_a_phone_the_undo_bar_keeps_to_two_lines_and_clear_of_the_focus() {
    run(|page| async move {
        const LONG: &str = "Write up what the trial showed for the quality lab and the shift leads";
        page.set_viewport(360, 640).await;
        pair_on_plan_page(&page, MAY_1).await;
        add_objective(&page, OBJECTIVE).await;
        add_milestone(&page, LONG, None).await;
        let row = milestone_row(LONG);
        page.open_fold(&row, "Edit milestone").await;
        page.click_button(&format!("Delete milestone: {LONG}"))
            .await;
        page.wait_for_text(&format!("Deleted the milestone {LONG}."))
            .await;

        let lines = page
            .execute(
                "const card = document.querySelector('.undo-card');\n\
                 const text = card.querySelector('span');\n\
                 return [card.getBoundingClientRect().height, text.getBoundingClientRect().height,\n\
                   parseFloat(getComputedStyle(text).lineHeight)];",
                vec![],
            )
            .await;
        let lines: Vec<f64> = serde_json::from_value(lines).unwrap_or_default();
        assert!(lines.len() == 3, "{lines:?}");
        assert!(
            lines[1] <= 2.0 * lines[2] + 1.0 && lines[0] <= 80.0,
            "the undo bar is {} px high with {} px of text in {} px lines",
            lines[0],
            lines[1],
            lines[2]
        );

        // Tabbing through the page never puts the focus under the bar.
        page.execute(
            "document.querySelector('main button[aria-expanded]').focus();",
            vec![],
        )
        .await;
        for _ in 0..16 {
            let focused = page.client().active_element().await.expect("a focus");
            focused.send_keys(&Key::Tab.to_string()).await.expect("Tab");
            let covered = focus_under_the_undo_bar(&page).await;
            assert!(
                covered.is_empty(),
                "the focus is under the undo bar: {covered}"
            );
        }
        page.click_button("Undo").await;
        page.field(&format!("Milestone reached: {LONG}")).await;
    });
}

/// Whether the heading reading `title` is drawn (not in a card the browser
/// skips because it is far from the screen).
const HEADING_DRAWN: &str = "
    const h = [...document.querySelectorAll('h2')].find((h) => h.textContent.trim() === arguments[0]);
    return h ? h.checkVisibility({ contentVisibilityAuto: true }) : null;";

#[test]
fn a_card_far_below_the_screen_waits_to_be_drawn_and_is_drawn_for_the_keyboard() {
    run(|page| async move {
        page.set_viewport(360, 740).await;
        pair_on_plan_page(&page, "").await;
        let titles: Vec<String> = (1..=6).map(|n| format!("Objective number {n}")).collect();
        for title in &titles {
            add_objective(&page, title).await;
        }
        page.reload().await;
        let last = titles.last().map(String::as_str).unwrap_or_default();
        // The card is in the page (found by its heading) but not drawn.
        page.wait_for_heading(last).await;
        assert_eq!(
            page.execute(HEADING_DRAWN, vec![last.into()]).await,
            Json::Bool(false),
            "a card far below the screen is laid out only when it comes near"
        );
        wait_until_drawn(&page, &titles[0]).await;
        // Moving the keyboard into it draws it.
        let focused = page
            .execute(
                "const card = [...document.querySelectorAll('article')].pop();\
                 const button = [...card.querySelectorAll('button')]\
                     .find((b) => b.textContent.trim() === 'Edit this objective');\
                 button.focus();\
                 return document.activeElement === button;",
                vec![],
            )
            .await;
        assert_eq!(
            focused,
            Json::Bool(true),
            "the last card's button takes the focus"
        );
        wait_until_drawn(&page, last).await;
    });
}

/// Waits until the card headed `title` is drawn: the browser decides which
/// cards are near the screen in a frame of its own after the page is built.
async fn wait_until_drawn(page: &Page, title: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while page.execute(HEADING_DRAWN, vec![title.into()]).await != Json::Bool(true) {
        assert!(
            Instant::now() < deadline,
            "the card {title:?} was not drawn within 10 s"
        );
        tokio::time::sleep(POLL).await;
    }
}
