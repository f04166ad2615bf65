//! End-to-end tests of the Review stage: evaluations answered by each side
//! and compared, an adjustment turned into an action, trends across rounds,
//! closing and reopening the mentorship, the dashboard's and home page's
//! figures, accessibility and a narrow screen. They run against the release
//! build in dist/.

use std::time::Instant;

use serde_json::Value as Json;
use trellis_e2e::{create_pair_at, run, run_with, wait_until_stored, xpath_literal, Options, Page};

/// The app's clock for most tests: 1 May 2026, the agreement's start.
const MAY_1: &str = "?now=2026-05-01T09:00:00Z";
/// Nine days later: an action due on 5 May is late.
const MAY_10: &str = "?now=2026-05-10T09:00:00Z";
/// When the second evaluation of the trend test happens.
const JUNE_10: &str = "?now=2026-06-10T09:00:00Z";
/// When the mentorship of the closing test ends.
const JUNE_5: &str = "?now=2026-06-05T09:00:00Z";

/// The agreement's start, and its first scheduled evaluation four weeks on.
const START: &str = "2026-05-01";
const FIRST_DUE: &str = "2026-05-29";
const SECOND_DUE: &str = "2026-06-26";

const CLEAR: &str = "Clear objectives";
const OPEN: &str = "Open communication";
const NETWORKING: &str = "Networking";
const INDEPENDENT: &str = "Independent thinking";
const RELATIONSHIP: &str = "Our relationship";

const OBJECTIVE: &str = "Get better at presenting";
const OUTLINE: &str = "Write the talk outline";
const SLOT: &str = "Book a slot at the team meeting";

/// The sections, each found by its heading (which may sit in a wrapper).
const NEXT_EVALUATION: &str = "(//section[.//h2[normalize-space(.)='Next evaluation']]//p)[1]";
const EVALUATIONS: &str = "//section[.//h2[normalize-space(.)='Evaluations']]";
const TRENDS: &str = "//section[.//h2[normalize-space(.)='Trends']]";
const CLOSING: &str = "//section[.//h2[normalize-space(.)='Closing the mentorship' \
                       or normalize-space(.)='Closing review']]";
const OPEN_ACTIONS: &str = "//section[.//h2[normalize-space(.)='Open actions']]";
const GLANCE: &str = "(//section[.//h2[normalize-space(.)='At a glance']]//ul)[1]/li";
const COMPARISON_CAPTION: &str = "Ratings, where you differ most first";

/// How long these helpers wait: the machine may be busy.
const WAIT: std::time::Duration = trellis_e2e::DEFAULT_TIMEOUT;
const POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// The option of a "Rating" select for a score.
fn rating_option(score: u8) -> &'static str {
    match score {
        1 => "1: not at all",
        2 => "2: a little",
        3 => "3: partly",
        4 => "4: mostly",
        5 => "5: fully",
        _ => "Not rated",
    }
}

/// One side's answers to an evaluation: a score per practice (or
/// objective, by its title), with an optional comment, and the three open
/// questions.
#[derive(Clone, Copy, Default)]
struct Answers<'a> {
    ratings: &'a [(&'a str, u8)],
    comment: Option<(&'a str, &'a str)>,
    works: &'a str,
    change: &'a str,
    adjust: &'a str,
}

/// The mentor's answers of the first round in most tests.
const MENTOR: Answers = Answers {
    ratings: &[
        (CLEAR, 5),
        (OPEN, 4),
        (NETWORKING, 3),
        (INDEPENDENT, 5),
        (RELATIONSHIP, 5),
    ],
    comment: Some((CLEAR, "We set three goals in week one")),
    works: "Theo comes prepared",
    change: "Sessions run over time",
    adjust: "Keep each session to an hour",
};

/// The mentee's answers: apart by 3 on Clear objectives, 2 on Networking,
/// 4 on Independent thinking, 1 on Our relationship, 0 on Open
/// communication; Networking and Independent thinking rated lowest (1).
const MENTEE: Answers = Answers {
    ratings: &[
        (CLEAR, 2),
        (OPEN, 4),
        (NETWORKING, 1),
        (INDEPENDENT, 1),
        (RELATIONSHIP, 4),
    ],
    comment: None,
    works: "Maya shares real stories",
    change: "I get answers before I have thought",
    adjust: "Ask me first, then tell",
};

/// The comparison of MENTOR and MENTEE, row by row, the largest gap first.
const COMPARED: [[&str; 4]; 5] = [
    [INDEPENDENT, "5", "1", "4"],
    [CLEAR, "5", "2", "3"],
    [NETWORKING, "3", "1", "2"],
    [RELATIONSHIP, "5", "4", "1"],
    [OPEN, "4", "4", "0"],
];

/// How the app writes the day `2026-05-29` ("May 29, 2026" in this
/// browser's locale).
async fn local_day(page: &Page, day: &str) -> String {
    page.script_string(
        "const [y, m, d] = arguments[0].split('-').map(Number);\n\
         return new Date(y, m - 1, d).toLocaleDateString('default', { dateStyle: 'medium' });",
        vec![Json::from(day)],
    )
    .await
}

/// Follows the nav link whose text starts with `stage` and waits for its
/// page (its hash ends with `/<hash>` and it shows `heading`).
async fn open_stage(page: &Page, stage: &str, hash: &str, heading: &str) {
    page.click_link_starting_with(stage).await;
    page.wait_for_hash_ending(&format!("/{hash}")).await;
    page.wait_for_heading(heading).await;
}

async fn open_review(page: &Page) {
    open_stage(page, "Review", "review", "Review").await;
    page.wait_for_heading("Evaluations").await;
}

/// Creates a pair (Maya mentors Theo, on a shared device) at `query` whose
/// agreement starts on 1 May with a review every four weeks; returns its id
/// on the agreement page.
async fn pair_with_schedule(page: &Page, query: &str) -> String {
    let id = create_pair_at(page, query, "Maya", "Theo", "Both").await;
    page.fill("Weeks between reviews", "4").await;
    page.fill("Start date", START).await;
    wait_until_stored(page, &id, "\"review_every_weeks\":4").await;
    wait_until_stored(page, &id, &format!("\"start\":\"{START}\"")).await;
    page.wait_for_status("Saved").await;
    id
}

/// Adds an objective on the Plan page.
async fn add_objective(page: &Page, title: &str) {
    open_stage(page, "Plan", "plan", "Plan").await;
    page.fill("New objective title", title).await;
    page.click_button("Add objective").await;
    page.wait_for_heading(title).await;
}

/// The round article titled "Evaluation of <day> (<why>)".
async fn round_article(page: &Page, day: &str, why: &str) -> String {
    let title = format!("Evaluation of {} ({why})", local_day(page, day).await);
    format!(
        "{EVALUATIONS}//article[h3[normalize-space(.)={}]]",
        xpath_literal(&title)
    )
}

/// Starts the scheduled evaluation due on `day` and returns its article.
async fn start_scheduled(page: &Page, day: &str) -> String {
    page.click_button("Start scheduled evaluation").await;
    let article = round_article(page, day, "scheduled").await;
    page.wait_for_xpath(&article, &format!("the evaluation of {day}"))
        .await;
    article
}

/// The headings of the listed rounds, in order.
async fn round_titles(page: &Page) -> Vec<String> {
    page.texts(&format!("{EVALUATIONS}//article/h3")).await
}

/// The fieldset of a practice (or objective) inside `form`.
fn rated_group(form: &str, legend: &str) -> String {
    format!(
        "{form}//fieldset[legend[normalize-space(.)={}]]",
        xpath_literal(legend)
    )
}

/// The paragraph that says whether `side` ("mentor") has answered.
fn answered_line(article: &str, side: &str) -> String {
    format!(
        "{article}/p[starts-with(normalize-space(.), {})]",
        xpath_literal(&format!("The {side} "))
    )
}

/// Opens `side`'s answer form in the round (the first answer or a change)
/// and returns its xpath.
async fn open_answer_form(page: &Page, article: &str, side: &str) -> String {
    let summaries = [
        format!("Answer as {side}"),
        format!("Change the {side}'s answers"),
    ];
    let deadline = Instant::now() + WAIT;
    loop {
        for summary in &summaries {
            let details = format!(
                "{article}//div[button[@aria-expanded][normalize-space(.)={}]]",
                xpath_literal(summary)
            );
            if page.visible(&details).await.is_some() {
                page.open_fold(article, summary).await;
                return format!("{details}//form");
            }
        }
        assert!(
            Instant::now() < deadline,
            "no form to answer as the {side} in {article}\n{}",
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Answers the round as `side` ("mentor" or "mentee"), saves, and waits
/// until the round says that side answered.
async fn answer(page: &Page, article: &str, side: &str, answers: Answers<'_>) {
    let form = open_answer_form(page, article, side).await;
    for (legend, score) in answers.ratings {
        page.fill_within(&rated_group(&form, legend), "Rating", rating_option(*score))
            .await;
    }
    if let Some((legend, comment)) = answers.comment {
        page.fill_within(&rated_group(&form, legend), "Comment", comment)
            .await;
    }
    for (label, text) in [
        ("What works", answers.works),
        ("What to change", answers.change),
        ("What we agree to adjust", answers.adjust),
    ] {
        if !text.is_empty() {
            page.fill_within(&form, label, text).await;
        }
    }
    page.click_button_in(&form, &format!("Save the {side}'s answers"))
        .await;
    page.wait_for_texts(
        &answered_line(article, side),
        &format!("the {side}'s answers saved"),
        |p| p.len() == 1 && p[0].starts_with(&format!("The {side} answered on ")),
    )
    .await;
}

/// The comparison table's cells, row by row.
async fn comparison_rows(page: &Page, article: &str) -> Vec<Vec<String>> {
    let cells = page
        .texts(&format!(
            "{article}//table[caption[normalize-space(.)={}]]/tbody/tr/*",
            xpath_literal(COMPARISON_CAPTION)
        ))
        .await;
    cells.chunks(4).map(<[String]>::to_vec).collect()
}

/// Waits until the round's comparison reads `rows`, in order.
async fn wait_for_comparison(page: &Page, article: &str, rows: &[[&str; 4]], what: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let found = comparison_rows(page, article).await;
        if found == rows {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: the comparison should read {rows:?}, largest gap first, \
             but it reads {found:?}\n{}",
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

/// The "Rated lowest" line of the round's comparison.
async fn rated_lowest(page: &Page, article: &str) -> Vec<String> {
    page.texts(&format!(
        "{article}//p[strong[starts-with(normalize-space(.), 'Rated lowest')]]"
    ))
    .await
}

/// The cells of the row `question` in the round's "In your own words".
async fn own_words(page: &Page, article: &str, question: &str) -> Vec<String> {
    page.texts(&format!(
        "{article}//table[caption[normalize-space(.)='In your own words']]\
         /tbody/tr[th[normalize-space(.)={}]]/td",
        xpath_literal(question)
    ))
    .await
}

/// Checks everything a complete first round shows: who answered when, the
/// comparison, the lowest rated and the open questions.
async fn check_first_round(page: &Page, article: &str, answered_on: &str, what: &str) {
    for side in ["mentor", "mentee"] {
        page.wait_for_texts(
            &answered_line(article, side),
            &format!("the {side} answered ({what})"),
            |p| p == [format!("The {side} answered on {answered_on}.")],
        )
        .await;
    }
    wait_for_comparison(page, article, &COMPARED, what).await;
    assert_eq!(
        rated_lowest(page, article).await,
        [format!("Rated lowest: {NETWORKING}, {INDEPENDENT}")],
        "{what}: both practices rated 1 are the lowest rated, in the evaluation's order"
    );
    for (question, mentor, mentee) in [
        ("What works", MENTOR.works, MENTEE.works),
        ("What to change", MENTOR.change, MENTEE.change),
        ("What we agree to adjust", MENTOR.adjust, MENTEE.adjust),
    ] {
        assert_eq!(
            own_words(page, article, question).await,
            [mentor, mentee],
            "{what}: the answers to {question:?}"
        );
    }
}

/// A pair with the first scheduled evaluation (29 May) answered by both
/// sides (MENTOR and MENTEE) on 1 May; returns (pair id, round article).
async fn pair_with_first_round(page: &Page) -> (String, String) {
    let id = pair_with_schedule(page, MAY_1).await;
    open_review(page).await;
    let article = start_scheduled(page, FIRST_DUE).await;
    answer(page, &article, "mentor", MENTOR).await;
    answer(page, &article, "mentee", MENTEE).await;
    (id, article)
}

/// The agreed actions listed in the round.
fn agreed_actions(article: &str) -> String {
    format!(
        "{article}/h4[normalize-space(.)='Agreed actions']/following-sibling::ul[1]\
         /li//input[@type='checkbox']/following-sibling::label[1]"
    )
}

/// The labels of the actions in the Meet page's Open actions section.
fn open_action_titles() -> String {
    format!("{OPEN_ACTIONS}//li//input[@type='checkbox']/following-sibling::label[1]")
}

/// The titles in labels that read "Open action: <title>".
fn unprefixed(labels: &[String]) -> Vec<&str> {
    labels
        .iter()
        .map(|label| label.strip_prefix("Open action: ").unwrap_or(label))
        .collect()
}

/// The Trends chart of `practice`: its svg, and the circles of `class`
/// ("mentor" or "mentee") in it.
fn chart(practice: &str) -> String {
    format!(
        "{TRENDS}//figure[figcaption[normalize-space(.)={}]]/*[local-name()='svg']",
        xpath_literal(practice)
    )
}

fn circles(practice: &str, class: &str) -> String {
    format!(
        "{}/*[local-name()='circle' and @class={}]",
        chart(practice),
        xpath_literal(class)
    )
}

/// A script's first lines: `at(xpath)` is the first node it finds.
const AT_XPATH: &str = "const at = (x) => document.evaluate(x, document, null, \
    XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;";

/// The cells of the trend table's row `name` ("Clear objectives, mentor").
async fn trend_row(page: &Page, name: &str) -> Vec<String> {
    page.texts(&format!(
        "{TRENDS}//table[caption[normalize-space(.)='Ratings by date']]\
         /tbody/tr[th[normalize-space(.)={}]]/td",
        xpath_literal(name)
    ))
    .await
}

/// The lines of the closing summary.
async fn summary_lines(page: &Page) -> Vec<String> {
    page.texts(&format!("{CLOSING}//ul/li")).await
}

/// The names (text, aria-label or id) of the form controls in the page's
/// main region that can be used now.
async fn enabled_controls(page: &Page) -> Vec<String> {
    let found = page
        .execute(
            "return [...document.querySelectorAll(\
               'main input, main select, main textarea, main button')]\n\
               .filter((e) => !e.matches(':disabled'))\n\
               .map((e) => (e.textContent || '').replace(/\\s+/g, ' ').trim()\n\
                 || e.getAttribute('aria-label') || e.id);",
            vec![],
        )
        .await;
    serde_json::from_value(found).unwrap_or_default()
}

/// Waits until the only control that can be used in the main region is
/// "Reopen mentorship" (everything else is read-only while closed).
async fn wait_until_read_only(page: &Page, what: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let enabled = enabled_controls(page).await;
        if enabled == ["Reopen mentorship"] {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: only \"Reopen mentorship\" should be usable while closed, \
             but these controls are enabled: {enabled:?}\n{}",
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Whether the control labelled `label` is disabled.
async fn is_disabled(page: &Page, label: &str) -> bool {
    let control = page.field(label).await;
    page.execute(
        "return arguments[0].matches(':disabled');",
        vec![serde_json::to_value(&control).unwrap_or(Json::Null)],
    )
    .await
        == Json::Bool(true)
}

/// Waits until the control labelled `label` is (or is not) disabled.
async fn wait_for_disabled(page: &Page, label: &str, disabled: bool) {
    let deadline = Instant::now() + WAIT;
    while is_disabled(page, label).await != disabled {
        assert!(
            Instant::now() < deadline,
            "{label:?} should {}be disabled\n{}",
            if disabled { "" } else { "not " },
            page.describe().await
        );
        tokio::time::sleep(POLL).await;
    }
}

#[test]
fn both_sides_answer_an_evaluation_and_compare_the_largest_gap_first() {
    run(|page| async move {
        let id = pair_with_schedule(&page, MAY_1).await;
        open_review(&page).await;
        let first_due = local_day(&page, FIRST_DUE).await;
        page.wait_for_texts(NEXT_EVALUATION, "the first evaluation in four weeks", |p| {
            p == [format!("Next evaluation due in 28 days ({first_due}).")]
        })
        .await;
        page.wait_for_text("No evaluations yet.").await;
        page.wait_for_text("Trends appear once an evaluation has answers")
            .await;

        let article = start_scheduled(&page, FIRST_DUE).await;
        assert_eq!(round_titles(&page).await.len(), 1);
        for side in ["mentor", "mentee"] {
            assert_eq!(
                page.texts(&answered_line(&article, side)).await,
                [format!("The {side} has not answered yet.")]
            );
        }

        answer(&page, &article, "mentor", MENTOR).await;
        assert!(
            comparison_rows(&page, &article).await.is_empty(),
            "the comparison should wait for both sides\n{}",
            page.describe().await
        );
        answer(&page, &article, "mentee", MENTEE).await;
        let today = local_day(&page, START).await;
        check_first_round(&page, &article, &today, "both answered").await;
        // Answered, the round no longer counts: the next one is due after it.
        let second_due = local_day(&page, SECOND_DUE).await;
        page.wait_for_texts(
            NEXT_EVALUATION,
            "the next evaluation after the answered one",
            |p| p == [format!("Next evaluation due in 56 days ({second_due}).")],
        )
        .await;

        wait_until_stored(&page, &id, MENTEE.adjust).await;
        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Evaluations").await;
        page.wait_for_xpath(&article, "the evaluation after a reload")
            .await;
        check_first_round(&page, &article, &today, "after a reload").await;
        let form = open_answer_form(&page, &article, "mentor").await;
        let clear = rated_group(&form, CLEAR);
        assert_eq!(page.value_within(&clear, "Rating").await, "5: fully");
        assert_eq!(
            page.value_within(&clear, "Comment").await,
            "We set three goals in week one"
        );
        assert_eq!(
            page.value_within(&rated_group(&form, "Sharing experience"), "Rating")
                .await,
            "Not rated"
        );
        assert_eq!(
            page.value_within(&form, "What to change").await,
            MENTOR.change
        );
        let form = open_answer_form(&page, &article, "mentee").await;
        assert_eq!(
            page.value_within(&rated_group(&form, NETWORKING), "Rating")
                .await,
            "1: not at all"
        );
        assert_eq!(
            page.value_within(&form, "What we agree to adjust").await,
            MENTEE.adjust
        );
    });
}

#[test]
fn an_adjustment_becomes_an_agreed_action_and_an_open_action_on_meet() {
    run(|page| async move {
        let (id, article) = pair_with_first_round(&page).await;
        page.open_fold(&article, "Turn an adjustment into an action")
            .await;
        let form = format!("{article}//form[.//button[normalize-space(.)='Add action']]");
        let title = page.value_within(&form, "Action").await;
        assert!(
            title.contains(MENTOR.adjust) && title.contains(MENTEE.adjust),
            "the new action should start from both adjustments: {title:?}"
        );
        // What is typed stays while the answers change underneath.
        let title = "Book a slot to practise the talk".to_string();
        page.fill_within(&form, "Action", &title).await;
        answer(
            &page,
            &article,
            "mentee",
            Answers {
                adjust: "Meet every two weeks",
                ..MENTEE
            },
        )
        .await;
        assert_eq!(page.value_within(&form, "Action").await, title);
        page.fill_within(&form, "Who does it", "Both of us").await;
        page.fill_within(&form, "Due date", "2026-05-15").await;
        page.click_button_in(&form, "Add action").await;
        page.wait_for_texts(
            &agreed_actions(&article),
            "the adjustment among the agreed actions",
            |a| unprefixed(a) == [title.as_str()],
        )
        .await;
        wait_until_stored(&page, &id, "\"due\":\"2026-05-15\"").await;
        page.wait_for_status("Saved").await;

        open_stage(&page, "Meet", "meet", "Meet").await;
        page.wait_for_texts(
            &open_action_titles(),
            "the agreed action among the open actions",
            |a| unprefixed(a) == [title.as_str()],
        )
        .await;

        page.reload().await;
        page.wait_for_heading("Open actions").await;
        page.wait_for_texts(
            &open_action_titles(),
            "the agreed action open after a reload",
            |a| unprefixed(a) == [title.as_str()],
        )
        .await;
        open_review(&page).await;
        page.wait_for_texts(
            &agreed_actions(&article),
            "the agreed action in its round after a reload",
            |a| unprefixed(a) == [title.as_str()],
        )
        .await;
    });
}

#[test]
fn a_second_evaluation_adds_a_second_point_to_each_trend() {
    run(|page| async move {
        let (id, first) = pair_with_first_round(&page).await;
        page.wait_for_texts(&circles(CLEAR, "mentor"), "one mentor point", |c| {
            c.len() == 1
        })
        .await;

        page.goto(&format!("{JUNE_10}#/pair/{id}/review")).await;
        page.wait_for_heading("Evaluations").await;
        page.fill("Why now", "A milestone was reached").await;
        page.click_button("Start evaluation now").await;
        let second = round_article(&page, "2026-06-10", "after a milestone").await;
        page.wait_for_xpath(&second, "the evaluation after a milestone")
            .await;
        let (may_29, june_10) = (
            local_day(&page, FIRST_DUE).await,
            local_day(&page, "2026-06-10").await,
        );
        assert_eq!(
            round_titles(&page).await,
            [
                format!("Evaluation of {june_10} (after a milestone)"),
                format!("Evaluation of {may_29} (scheduled)"),
            ],
            "the newest evaluation should come first"
        );
        page.wait_for_xpath(&first, "the first evaluation").await;
        // Opened before the second round's answers arrive, the table stays
        // open while they add their points.
        page.open_fold(TRENDS, "Trends as a table").await;
        // The first round's dot, marked: the second round's answers add
        // dots of their own and leave this one, the same element, in place.
        let first_dot = format!("({})[1]", circles(CLEAR, "mentor"));
        page.execute(
            &format!("{AT_XPATH} at(arguments[0]).trellisKept = true;"),
            vec![first_dot.clone().into()],
        )
        .await;
        answer(
            &page,
            &second,
            "mentor",
            Answers {
                ratings: &[(CLEAR, 3)],
                ..Answers::default()
            },
        )
        .await;
        answer(
            &page,
            &second,
            "mentee",
            Answers {
                ratings: &[(CLEAR, 4)],
                ..Answers::default()
            },
        )
        .await;

        let mentor_points = page
            .wait_for_texts(
                &format!("{}/*[local-name()='title']", circles(CLEAR, "mentor")),
                "two mentor points on Clear objectives",
                |t| t.len() == 2,
            )
            .await;
        assert_eq!(
            mentor_points,
            [
                format!("Mentor, {may_29}: 5"),
                format!("Mentor, {june_10}: 3")
            ]
        );
        let kept = page
            .execute(
                &format!("{AT_XPATH} return at(arguments[0]).trellisKept === true;"),
                vec![first_dot.into()],
            )
            .await;
        assert_eq!(
            kept,
            Json::Bool(true),
            "the first round's dot was drawn again"
        );
        let mentee_points = page
            .texts(&format!(
                "{}/*[local-name()='title']",
                circles(CLEAR, "mentee")
            ))
            .await;
        assert_eq!(
            mentee_points,
            [
                format!("Mentee, {may_29}: 2"),
                format!("Mentee, {june_10}: 4")
            ]
        );
        let label = page
            .wait_for_xpath(&chart(CLEAR), "the Clear objectives chart")
            .await
            .attr("aria-label")
            .await
            .ok()
            .flatten();
        assert_eq!(
            label.as_deref(),
            Some("Clear objectives: ratings from 1 to 5 by date")
        );
        assert_eq!(
            page.texts(&circles(NETWORKING, "mentor")).await.len(),
            1,
            "Networking was rated in the first evaluation only"
        );

        assert!(
            page.visible(&format!(
                "{TRENDS}//button[@aria-expanded='true'][normalize-space(.)='Trends as a table']"
            ))
            .await
            .is_some(),
            "the trends table should stay open as points are added\n{}",
            page.describe().await
        );
        assert_eq!(
            page.texts(&format!(
                "{TRENDS}//table[caption[normalize-space(.)='Ratings by date']]/thead/tr/th"
            ))
            .await,
            ["Rated", may_29.as_str(), june_10.as_str()]
        );
        assert_eq!(
            trend_row(&page, "Clear objectives, mentor").await,
            ["5", "3"]
        );
        assert_eq!(
            trend_row(&page, "Clear objectives, mentee").await,
            ["2", "4"]
        );
        assert_eq!(trend_row(&page, "Networking, mentor").await, ["3", "–"]);

        // The closing summary names the ratings that moved.
        let lines = summary_lines(&page).await;
        for moved in [
            "Clear objectives by the mentor: from 5 to 3.",
            "Clear objectives by the mentee: from 2 to 4.",
        ] {
            assert!(
                lines.iter().any(|l| l == moved),
                "the summary should say {moved:?}: {lines:?}"
            );
        }
        assert!(
            !lines.iter().any(|l| l.starts_with(NETWORKING)),
            "Networking was rated once: no move to report: {lines:?}"
        );

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Trends").await;
        page.wait_for_texts(
            &circles(CLEAR, "mentor"),
            "two mentor points after a reload",
            |c| c.len() == 2,
        )
        .await;
    });
}

#[test]
fn a_title_with_markup_stays_text_in_the_comparison_and_the_trends() {
    run(|page| async move {
        let title = "<b>Speak</b> & <img src=x onerror=alert(1)>";
        pair_with_schedule(&page, MAY_1).await;
        add_objective(&page, title).await;
        open_review(&page).await;
        let article = start_scheduled(&page, FIRST_DUE).await;
        for (side, score) in [("mentor", 2), ("mentee", 4)] {
            let ratings = [(title, score)];
            let answers = Answers {
                ratings: &ratings,
                ..Answers::default()
            };
            answer(&page, &article, side, answers).await;
        }
        page.wait_for_texts(
            &format!(
                "{article}//table[caption[normalize-space(.)='Progress on objectives']]/tbody/tr/*"
            ),
            "the objective's row in the comparison, its title as text",
            |cells| cells == [title, "2", "4"],
        )
        .await;
        page.wait_for_xpath(
            &chart(&format!("Progress: {title}")),
            "the objective's chart",
        )
        .await;
        page.open_fold(TRENDS, "Trends as a table").await;
        assert_eq!(
            trend_row(&page, &format!("Progress: {title}, mentee")).await,
            ["4"]
        );
        let elements = page
            .execute(
                "return document.querySelectorAll('main b, main img').length;",
                vec![],
            )
            .await;
        assert_eq!(
            elements,
            Json::from(0),
            "the title's markup should stay text\n{}",
            page.describe().await
        );
    });
}

#[test]
fn closing_shows_the_summary_and_makes_everything_read_only_until_reopened() {
    run(|page| async move {
        let id = create_pair_at(&page, JUNE_5, "Maya", "Theo", "Both").await;
        add_objective(&page, OBJECTIVE).await;
        open_stage(&page, "Meet", "meet", "Meet").await;
        for at in ["2026-05-18T14:00", "2026-05-04T14:00"] {
            page.fill("Date and time of the session", at).await;
            page.click_button("Log session").await;
            page.wait_for_value_other_than("Date and time of the session", at)
                .await;
        }
        page.wait_for_texts(
            "//section[h2[normalize-space(.)='Sessions']]//article/h3",
            "two sessions",
            |s| s.len() == 2,
        )
        .await;
        // The earlier session (listed last) gets the actions.
        let first = "(//section[h2[normalize-space(.)='Sessions']]//article)[2]";
        page.open_fold(first, "Add an action").await;
        let form = format!("{first}//form[.//button[normalize-space(.)='Add action']]");
        for (title, due) in [(OUTLINE, "2026-05-08"), (SLOT, "2026-06-20")] {
            page.fill_within(&form, "Action", title).await;
            page.fill_within(&form, "Due date", due).await;
            page.click_button_in(&form, "Add action").await;
            page.wait_for_value_within(&form, "Action", "an empty new action", str::is_empty)
                .await;
        }
        page.wait_for_texts(&open_action_titles(), "both actions open", |a| {
            unprefixed(a) == [OUTLINE, SLOT]
        })
        .await;
        page.click_xpath(
            &format!(
                "{OPEN_ACTIONS}//input[@type='checkbox' and @id={OPEN_ACTIONS}\
                 //label[normalize-space(.)={}]/@for]",
                xpath_literal(&format!("Open action: {OUTLINE}"))
            ),
            "the outline's checkbox",
        )
        .await;
        page.wait_for_texts(&open_action_titles(), "only the slot open", |a| {
            unprefixed(a) == [SLOT]
        })
        .await;
        wait_until_stored(&page, &id, "\"done_on\"").await;

        open_review(&page).await;
        let summary = [
            "Objectives: 0 achieved, 1 not achieved.",
            "Sessions held: 2.",
            "Actions: 1 done, 1 open.",
            "Wins: 0.",
            "Gathered: 0 resources, 0 introductions.",
        ];
        page.wait_for_texts(&format!("{CLOSING}//ul/li"), "the summary so far", |l| {
            l == summary
        })
        .await;
        assert!(
            enabled_controls(&page)
                .await
                .iter()
                .any(|c| c == "Start evaluation now"),
            "an open mentorship can start an evaluation\n{}",
            page.describe().await
        );

        let june_5 = local_day(&page, "2026-06-05").await;
        let notice =
            format!("This mentorship closed on {june_5}. Everything is kept, and read-only until you reopen it.");
        let closed_review = format!("This mentorship closed on {june_5}. What you did together:");
        page.click_button("Close mentorship").await;
        page.wait_for_heading("Closing review").await;
        page.wait_for_text(&closed_review).await;
        page.wait_for_text(&notice).await;
        page.wait_for_text("Closed the mentorship: it is now read-only.")
            .await;
        assert_eq!(summary_lines(&page).await, summary);
        assert!(
            page.visible("//button[normalize-space(.)='Close mentorship']")
                .await
                .is_none(),
            "a closed mentorship offers to close it again\n{}",
            page.describe().await
        );
        wait_until_read_only(&page, "the Review page once closed").await;

        // Undo takes the close back; close again.
        page.click_button("Undo").await;
        page.wait_for_heading("Closing the mentorship").await;
        wait_for_disabled(&page, "Why now", false).await;
        page.click_button("Close mentorship").await;
        page.wait_for_heading("Closing review").await;
        wait_until_read_only(&page, "the Review page closed again").await;

        open_stage(&page, "Meet", "meet", "Meet").await;
        page.wait_for_text(&notice).await;
        wait_for_disabled(&page, "Date and time of the session", true).await;
        wait_until_read_only(&page, "the Meet page while closed").await;
        open_stage(&page, "Agree", "agree", "Mentoring agreement").await;
        wait_for_disabled(&page, "Start date", true).await;
        wait_until_read_only(&page, "the Agree page while closed").await;

        wait_until_stored(&page, &id, "\"closed_on\":\"2026-06-05\"").await;
        page.wait_for_status("Saved").await;
        page.goto(&format!("{JUNE_5}#/")).await;
        page.wait_for_heading("Your pairs").await;
        page.wait_for_text(&format!("Closed on {june_5}.")).await;

        page.goto(&format!("{JUNE_5}#/pair/{id}/review")).await;
        page.wait_for_heading("Closing review").await;
        page.wait_for_text(&notice).await;
        page.wait_for_text(&closed_review).await;
        wait_until_read_only(&page, "the Review page closed after a reload").await;

        page.click_button("Reopen mentorship").await;
        page.wait_for_heading("Closing the mentorship").await;
        wait_for_disabled(&page, "Why now", false).await;
        assert!(
            !page.body_text().await.contains(&notice),
            "the closed notice should go once reopened\n{}",
            page.describe().await
        );
        page.button("Close mentorship").await;
        open_stage(&page, "Meet", "meet", "Meet").await;
        wait_for_disabled(&page, "Date and time of the session", false).await;

        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_heading("Log a session").await;
        wait_for_disabled(&page, "Date and time of the session", false).await;
        assert!(
            !page.body_text().await.contains("This mentorship closed on"),
            "reopened should survive a reload\n{}",
            page.describe().await
        );
    });
}

#[test]
fn the_dashboard_and_home_page_show_actions_and_evaluations() {
    run(|page| async move {
        let id = pair_with_schedule(&page, MAY_1).await;
        open_stage(&page, "Meet", "meet", "Meet").await;
        page.fill("Date and time of the session", "2026-05-04T14:00")
            .await;
        page.click_button("Log session").await;
        let session = "//section[h2[normalize-space(.)='Sessions']]//article";
        page.open_fold(session, "Add an action").await;
        let form = format!("{session}//form[.//button[normalize-space(.)='Add action']]");
        for (title, due) in [(OUTLINE, "2026-05-05"), (SLOT, "2026-05-20")] {
            page.fill_within(&form, "Action", title).await;
            page.fill_within(&form, "Due date", due).await;
            page.click_button_in(&form, "Add action").await;
            page.wait_for_value_within(&form, "Action", "an empty new action", str::is_empty)
                .await;
        }
        page.wait_for_texts(&open_action_titles(), "both actions open", |a| {
            unprefixed(a) == [OUTLINE, SLOT]
        })
        .await;

        let (may_29, june_26) = (
            local_day(&page, FIRST_DUE).await,
            local_day(&page, SECOND_DUE).await,
        );
        open_stage(&page, "Dashboard", "dashboard", "Dashboard").await;
        let facts = page
            .wait_for_texts(GLANCE, "four facts", |f| f.len() == 4)
            .await;
        assert_eq!(facts[1], "Open actions: 2, of which 0 overdue.");
        assert_eq!(
            facts[2],
            format!("Next evaluation due in 28 days ({may_29}).")
        );
        assert_eq!(facts[3], "No evaluation has both sides' answers yet.");

        open_review(&page).await;
        let article = start_scheduled(&page, FIRST_DUE).await;
        answer(&page, &article, "mentor", MENTOR).await;
        answer(&page, &article, "mentee", MENTEE).await;
        wait_until_stored(&page, &id, MENTEE.adjust).await;
        page.wait_for_status("Saved").await;

        page.goto(&format!("{MAY_10}#/pair/{id}/dashboard")).await;
        page.wait_for_heading("At a glance").await;
        let facts = page
            .wait_for_texts(GLANCE, "four facts", |f| f.len() == 4)
            .await;
        assert!(
            facts[0].starts_with("Next check-in"),
            "the first fact is the next check-in: {facts:?}"
        );
        assert_eq!(
            facts[1..],
            [
                "Open actions: 2, of which 1 overdue.".to_string(),
                format!("Next evaluation due in 47 days ({june_26})."),
                format!(
                    "Last evaluation ({may_29}): you differ most on {INDEPENDENT} \
                     (mentor 5, mentee 1); rated lowest: {NETWORKING}, {INDEPENDENT}."
                ),
            ]
        );

        page.goto(&format!("{MAY_10}#/")).await;
        page.wait_for_heading("Your pairs").await;
        page.wait_for_text("Open actions: 2. Next evaluation due in 47 days.")
            .await;
    });
}

/// Builds a Review page with everything on it (an objective rated, a round
/// answered and compared with its forms open, an agreed action, a second
/// round waiting for answers, the trends and their table), scanning it
/// with axe along the way when `theme` is given; then closes the
/// mentorship.
async fn build_a_full_review_page(page: &Page, theme: Option<&str>) {
    let scan = |what: &'static str| async move {
        if let Some(theme) = theme {
            page.assert_no_axe_violations(&format!("the Review page {what} ({theme})"))
                .await;
        }
    };
    pair_with_schedule(page, MAY_1).await;
    add_objective(page, OBJECTIVE).await;
    open_review(page).await;
    scan("before any evaluation").await;

    let article = start_scheduled(page, FIRST_DUE).await;
    let mut ratings = MENTOR.ratings.to_vec();
    ratings.push((OBJECTIVE, 2));
    answer(
        page,
        &article,
        "mentor",
        Answers {
            ratings: &ratings,
            ..MENTOR
        },
    )
    .await;
    let mut ratings = MENTEE.ratings.to_vec();
    ratings.push((OBJECTIVE, 3));
    answer(
        page,
        &article,
        "mentee",
        Answers {
            ratings: &ratings,
            ..MENTEE
        },
    )
    .await;
    wait_for_comparison(page, &article, &COMPARED, "the full page").await;
    page.wait_for_xpath(
        &format!("{article}//table[caption[normalize-space(.)='Progress on objectives']]"),
        "the progress on objectives",
    )
    .await;

    page.open_fold(&article, "Turn an adjustment into an action")
        .await;
    let form = format!("{article}//form[.//button[normalize-space(.)='Add action']]");
    page.click_button_in(&form, "Add action").await;
    page.wait_for_texts(&agreed_actions(&article), "an agreed action", |a| {
        a.len() == 1
    })
    .await;

    page.click_button("Start evaluation now").await;
    let second = round_article(page, START, "asked for").await;
    page.wait_for_xpath(&second, "the evaluation asked for")
        .await;
    open_answer_form(page, &second, "mentee").await;
    open_answer_form(page, &article, "mentor").await;
    page.open_fold(TRENDS, "Trends as a table").await;
    page.wait_for_xpath(
        &chart(&format!("Progress: {OBJECTIVE}")),
        "the objective's trend",
    )
    .await;
    page.wait_for_status("Saved").await;
    scan("with answers, comparison, trends and open forms").await;

    page.click_button("Close mentorship").await;
    page.wait_for_heading("Closing review").await;
    page.wait_for_text("Closed the mentorship: it is now read-only.")
        .await;
    wait_until_read_only(page, "the full Review page closed").await;
    scan("closed, with the undo bar").await;
}

#[test]
fn the_review_page_passes_axe() {
    run(|page| async move {
        build_a_full_review_page(&page, Some("light")).await;
    });
}

#[test]
fn the_review_page_passes_axe_in_dark_mode() {
    run_with(Options::default().dark_mode(), |page| async move {
        assert!(page.prefers_dark().await, "dark mode is not emulated");
        build_a_full_review_page(&page, Some("dark")).await;
    });
}

/// The elements of the main region that reach past `width` px, with their
/// left and right edges and the start of their text.
async fn reaching_past(page: &Page, width: u32) -> Vec<String> {
    let found = page
        .execute(
            "const out = [];\n\
             for (const e of document.querySelectorAll('main *')) {\n\
               const r = e.getBoundingClientRect();\n\
               if (r.width > 0 && r.right > arguments[0] + 0.5) {\n\
                 const text = (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);\n\
                 out.push(`${e.tagName.toLowerCase()} ${Math.round(r.left)}-${Math.round(r.right)} px: ${text}`);\n\
               }\n\
             }\n\
             return out.slice(0, 12);",
            vec![Json::from(width)],
        )
        .await;
    serde_json::from_value(found).unwrap_or_default()
}

/// Fails when the page scrolls sideways in a 360 px viewport.
async fn assert_fits_360_px(page: &Page, what: &str) {
    let scroll = page.scroll_width().await;
    let client = page.client_width().await;
    assert!(
        scroll <= 360 && scroll <= client,
        "the Review page {what} is {scroll} px wide in a 360 px viewport \
         ({client} px without scrollbars): it scrolls sideways; these reach past \
         the edge: {:#?}",
        reaching_past(page, client as u32).await
    );
}

#[test]
fn a_full_review_page_does_not_scroll_sideways_at_360_px() {
    run(|page| async move {
        page.set_viewport_width(360).await;
        build_a_full_review_page(&page, None).await;
        assert_fits_360_px(&page, "closed, with the comparison and trends").await;
        page.click_button("Reopen mentorship").await;
        page.wait_for_heading("Closing the mentorship").await;
        page.open_fold("//main", "Change the mentee's answers")
            .await;
        page.open_fold("//main", "Answer as mentor").await;
        page.open_fold("//main", "Trends as a table").await;
        assert_fits_360_px(&page, "with answer forms and the trends table open").await;
    });
}

/// Whether the button named `name` is the page's prominent one.
async fn is_primary(page: &Page, name: &str) -> bool {
    let class = page.button(name).await.attr("class").await.ok().flatten();
    class.is_some_and(|c| c.split_whitespace().any(|c| c == "primary"))
}

#[test]
fn without_a_schedule_the_usable_start_leads_and_the_other_says_what_is_missing() {
    run(|page| async move {
        // A new agreement has its weeks between reviews, not its start.
        create_pair_at(&page, MAY_1, "Maya", "Theo", "Both").await;
        open_review(&page).await;
        let scheduled = page.button("Start scheduled evaluation").await;
        assert!(!scheduled.is_enabled().await.unwrap_or(true));
        let reason_id = scheduled.attr("aria-describedby").await.ok().flatten();
        assert_eq!(reason_id.as_deref(), Some("due-text"));
        let reason = page.texts("//p[@id='due-text']").await.concat();
        assert!(
            reason.contains("fill in \"Start date\" in the agreement") && !reason.contains("Weeks"),
            "{reason:?}"
        );
        assert!(is_primary(&page, "Start evaluation now").await);
        assert!(!is_primary(&page, "Start scheduled evaluation").await);

        // Once scheduled, the scheduled start leads.
        open_stage(&page, "Agree", "agree", "Mentoring agreement").await;
        page.fill("Start date", START).await;
        page.wait_for_status("Saved").await;
        open_review(&page).await;
        page.wait_for_texts(NEXT_EVALUATION, "a scheduled evaluation", |t| {
            t.concat().starts_with("Next evaluation")
        })
        .await;
        let scheduled = page.button("Start scheduled evaluation").await;
        assert!(scheduled.is_enabled().await.unwrap_or(false));
        assert!(is_primary(&page, "Start scheduled evaluation").await);
        assert!(!is_primary(&page, "Start evaluation now").await);
    });
}
