use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::super::browser::{
    copy_to_clipboard, focus_later, go_to, link_code, local_date, local_moment, page_address,
    print_page,
};
use super::super::chart::escape;
use super::super::components::field::TextField;
use super::super::components::record_form::{event_data, html_block, FormText, TASK_STATUSES};
use super::meet::check_in_text;
use super::plan::status_label;
use super::review::{comparison_html, evaluation_due_text};
use super::settings::{mark_sent, offer_export};
use crate::domain::json::Named;
use crate::domain::{
    open_conflicts, settle_conflict, Action, Body, Calendar, Id, Kind, ObjectiveStatus, PairData,
    Stage, StageStatus,
};
use crate::route::{share_link_note, PairPage, Route, SHARE_LINK};
use crate::state::AppState;
use crate::storage::codec::content_lines;
use crate::storage::exchange::encode_export;

/// The pair at a glance: where each stage stands, what needs doing next,
/// progress, the last evaluation, recent wins, and the pair's settings.
#[component]
pub fn DashboardPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let name = state.read(
        pair,
        Box::new(|p| p.info().map(|i| i.display_name()).unwrap_or_default()),
    );
    let calendar = state.clock.calendar();
    let overview = state.read(
        pair,
        Box::new(move |p| {
            let reminder = state.device.with(|d| {
                p.export_reminder(
                    d.exported.get(&pair).copied(),
                    calendar.now,
                    d.remind_after_days,
                )
            });
            overview_html(p, pair, calendar, reminder)
        }),
    );
    let conflicts = state.read(pair, Box::new(conflicts_html));
    let settle = move |ev: leptos::ev::MouseEvent| {
        for (restore, attribute, done) in [
            (true, "data-restore", "The kept version is back in place."),
            (false, "data-dismiss", "The kept version was set aside."),
        ] {
            let action = event_data(&ev, attribute)
                .and_then(|id| Id::parse(&id))
                .and_then(|id| {
                    state.workbook.with_untracked(|w| {
                        w.pair(pair).and_then(|p| settle_conflict(p, id, restore))
                    })
                });
            if let Some(action) = action {
                if state.dispatch_with_undo(action, done).is_some() {
                    // The pressed button is gone with its conflict: the
                    // keyboard goes to the way back.
                    focus_later("undo");
                }
            }
        }
    };
    view! {
        <h1>"Dashboard"</h1>
        <p class="lead">{move || name.get()}</p>
        <div on:click=settle inner_html=move || conflicts.get()></div>
        {html_block(overview)}
        <PairSettings pair />
    }
}

/// The share link, ready to copy, with its length and any warning; empty
/// before one is made.
fn link_html(link: &str) -> String {
    if link.is_empty() {
        return String::new();
    }
    format!(
        r#"<div class="field"><label for="share-link">Share link</label><input id="share-link" readonly value="{}"><p class="hint">{}</p><button type="button" data-copy>Copy link</button></div>"#,
        escape(link),
        share_link_note(link.len())
    )
}

/// The versions kept from conflicts, each beside the version in place
/// (only the fields that differ), with buttons to restore it or set it
/// aside; empty when there are none.
fn conflicts_html(p: &PairData) -> String {
    let open = open_conflicts(p);
    if open.is_empty() {
        return String::new();
    }
    let mut html = String::from(
        r#"<section class="card conflicts" aria-labelledby="conflicts-heading"><h2 id="conflicts-heading">Changed on both sides</h2><p>You and the other person both changed these since you last exchanged files. The newer change is in place; the other is kept here so nothing is lost. Restore it, or set it aside.</p>"#,
    );
    for (conflict, kept, current) in open {
        let id = conflict.id;
        let kept_lines = content_lines(&kept.body);
        let mut heading = kept.body.kind().name().replace('_', " ");
        heading[..1].make_ascii_uppercase();
        if let Some((_, title)) = kept_lines.iter().find(|(f, _)| f == "title" || f == "name") {
            heading = format!("{heading}: {title}");
        }
        html += &format!(
            r#"<h3 id="c{id}">{}</h3><table><caption>Kept version from {}; in place since {}</caption><thead><tr><th scope="col">Field</th><th scope="col">In place</th><th scope="col">Kept</th></tr></thead><tbody>"#,
            escape(&heading),
            local_moment(kept.updated),
            local_moment(current.updated),
        );
        let now = content_lines(&current.body);
        for (field, value) in kept_lines {
            let in_place = now
                .iter()
                .find(|(f, _)| *f == field)
                .map_or("(deleted)", |(_, v)| v);
            if in_place != value {
                html += &format!(
                    r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>"#,
                    escape(&field),
                    escape(in_place),
                    escape(&value)
                );
            }
        }
        html += &format!(
            r#"</tbody></table><div class="actions"><button type="button" data-restore="{id}" aria-describedby="c{id}">Restore the kept version</button><button type="button" data-dismiss="{id}" aria-describedby="c{id}">Keep the version in place</button></div>"#
        );
    }
    html + "</section>"
}

/// The dashboard's cards as HTML (text from the pair escaped): the stages,
/// the pair's next dates and open work, objective progress, recent wins.
fn overview_html(p: &PairData, pair: Id, calendar: Calendar, reminder: Option<i64>) -> String {
    let mut html = String::new();
    if let Some(days) = reminder {
        html += &format!(
            r#"<p class="notice">This pair has changes you have not sent for {days} days: export this pair (below) and send the file to the other person.</p>"#
        );
    }
    html += r#"<section class="card" aria-labelledby="progress-heading"><h2 id="progress-heading">Where you are</h2><ul class="stage-progress">"#;
    for stage in Stage::ALL {
        let status = p.stage_status(stage, calendar);
        html += &format!(
            r#"<li><a href="{}">{}</a> <span class="stage-status {2}">{2}</span> <span class="hint">{3}</span></li>"#,
            Route::Pair(pair, PairPage::Stage(stage)).to_hash(),
            stage.label(),
            status.label(),
            explain(stage, status),
        );
    }
    html += r#"</ul></section><section class="card" aria-labelledby="glance-heading"><h2 id="glance-heading">At a glance</h2><ul class="glance">"#;
    for fact in facts(p, calendar) {
        html += &format!("<li>{}</li>", escape(&fact));
    }
    html += r#"</ul><h3>Objectives</h3><ul class="glance">"#;
    let objectives = p
        .id()
        .map(|id| p.children(id, Kind::Objective))
        .unwrap_or_default();
    let mut any = false;
    for record in objectives {
        if let Body::Objective(o) = &record.body {
            if o.status != ObjectiveStatus::Dropped {
                any = true;
                let percent = p.objective_progress(record.id).percent();
                let title = escape(&o.title);
                html += &format!(
                    r#"<li>{title}: {percent}% <progress max="100" value="{percent}" aria-label="Progress on {title}"></progress></li>"#
                );
            }
        }
    }
    if !any {
        html += "<li>No objectives yet: write the first on the Plan page.</li>";
    }
    html += r#"</ul><h3>Recent wins</h3><ul class="glance">"#;
    let wins = p.wins();
    for win in wins.iter().rev().take(3) {
        html += &format!("<li>{}</li>", escape(&win.what));
    }
    if wins.is_empty() {
        html += "<li>No wins yet: they are recorded as milestones are reached.</li>";
    }
    html += "</ul></section>";
    html + &report_html(p)
}

/// What the printed progress report adds to the dashboard: the roadmap's
/// state, what the pair did, and the last evaluation compared.
fn report_html(p: &PairData) -> String {
    let Some(pair) = p.id() else {
        return String::new();
    };
    let mut html = format!(
        r#"<section class="print-only"><h2>Progress report: {}</h2><h3>Roadmap</h3><ul>"#,
        escape(&p.info().map(|i| i.display_name()).unwrap_or_default())
    );
    for objective in p.children(pair, Kind::Objective) {
        let Body::Objective(o) = &objective.body else {
            continue;
        };
        let status = p.objective_status(objective.id).unwrap_or(o.status);
        html += &format!("<li>{} ({})<ul>", escape(&o.title), status_label(status));
        for milestone in p.children(objective.id, Kind::Milestone) {
            if let Body::Milestone(m) = &milestone.body {
                let key = m.status.to_text();
                let state = TASK_STATUSES
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or("", |(_, label)| label);
                html += &format!("<li>{}: {state}</li>", escape(&m.title));
            }
        }
        html += "</ul></li>";
    }
    let s = p.closing_summary();
    html += &format!(
        "</ul><h3>Together so far</h3><p>{} sessions held; {} actions done, {} open; {} wins; {} resources and {} introductions gathered.</p>",
        s.sessions_held, s.actions_done, s.actions_open, s.wins, s.resources, s.contacts
    );
    if let Some((round, e)) = p.last_complete_round() {
        html += &format!(
            "<h3>Last evaluation ({})</h3>{}",
            e.due.map(local_date).unwrap_or_default(),
            comparison_html(p, round.id)
        );
    }
    html + "</section>"
}

fn explain(stage: Stage, status: StageStatus) -> &'static str {
    match (stage, status) {
        (Stage::Agree, StageStatus::Done) => "Both of you have confirmed the agreement.",
        (Stage::Agree, StageStatus::Due) => {
            "The agreement changed after it was confirmed: confirm it again."
        }
        (Stage::Agree, _) => "Fill in the agreement together, then both confirm it.",
        (Stage::Plan, StageStatus::Done) => "Every objective is achieved or dropped.",
        (Stage::Plan, StageStatus::Due) => {
            "Agree at least one objective, and catch up on any milestone or step past its date."
        }
        (Stage::Plan, _) => "Objectives are agreed and nothing on the roadmap is late.",
        (Stage::Meet, StageStatus::Due) => {
            "An action or the next check-in is overdue: see the Meet page."
        }
        (Stage::Meet, _) => "Meet on the rhythm you agreed and log each session.",
        (Stage::Review, StageStatus::Done) => "The mentorship is closed.",
        (Stage::Review, StageStatus::Due) => "An evaluation is overdue: each of you answers it.",
        (Stage::Review, _) => "Each of you answers the evaluations as they fall due.",
    }
}

/// The pair's next dates and open work, a sentence each.
fn facts(p: &PairData, calendar: Calendar) -> Vec<String> {
    let check_in = check_in_text(p, calendar);
    let open = p.open_actions().len();
    let overdue = p.overdue_actions(calendar.today).len();
    let mut facts = vec![
        if check_in.is_empty() {
            "No check-in is due: set a start date and a cadence in the agreement.".into()
        } else {
            check_in
        },
        format!("Open actions: {open}, of which {overdue} overdue."),
    ];
    let due = evaluation_due_text(p, calendar.today);
    facts.push(if due.is_empty() {
        "No evaluation is scheduled: set a start date and how often you review in the agreement."
            .into()
    } else {
        due
    });
    facts.push(match p.last_complete_round() {
        Some((round, e)) => {
            let when = e.due.map(local_date).unwrap_or_default();
            let lowest: Vec<&str> = p
                .lowest_rated(round.id)
                .iter()
                .map(|g| g.practice.label())
                .collect();
            let both = p.compare(round.id).into_iter().find_map(|g| {
                Some((g.practice, g.mentor?, g.mentee?))
            });
            match both {
                Some((practice, mentor, mentee)) => format!(
                    "Last evaluation ({when}): you differ most on {} (mentor {mentor}, mentee {mentee}); rated lowest: {}.",
                    practice.label(),
                    lowest.join(", ")
                ),
                None => format!("Last evaluation ({when}): no practice was rated by both of you."),
            }
        }
        None => "No evaluation has both sides' answers yet.".into(),
    });
    facts
}

/// Renaming and deleting the pair.
#[component]
fn PairSettings(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let title = RwSignal::new(state.pair_info(pair).map(|i| i.title).unwrap_or_default());
    let rename = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(mut info) = state.pair_info(pair) {
            info.title = title.get_untracked().trim().to_string();
            state.dispatch(Action::UpdatePair { pair, info });
        }
    };
    let delete = move |_| {
        let name = state
            .pair_info(pair)
            .map(|i| i.display_name())
            .unwrap_or_default();
        if state
            .dispatch_with_undo(
                Action::DeletePair { pair },
                format!("Deleted the pair {name}."),
            )
            .is_some()
        {
            go_to(&Route::Home.to_hash());
        }
    };
    let link = RwSignal::new(String::new());
    let link_status = RwSignal::new("");
    let make_link = move |_| {
        let now = state.clock.now();
        let text = state
            .workbook
            .with_untracked(|w| encode_export(w, &[pair], now));
        leptos::task::spawn_local(async move {
            match link_code(&text).await {
                Some(code) => {
                    link.set(format!("{}{SHARE_LINK}{code}", page_address()));
                    link_status.set("");
                    mark_sent(state, &[pair], now);
                }
                None => link_status
                    .set("This browser cannot make share links: export the file instead."),
            }
        });
    };
    let copy_link = move |ev: leptos::ev::MouseEvent| {
        if event_data(&ev, "data-copy").is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            link_status.set(if copy_to_clipboard(&link.get_untracked()).await {
                "Link copied."
            } else {
                "The browser did not allow copying: select the link and copy it."
            });
        });
    };
    view! {
        <section class="card" aria-labelledby="pair-settings-heading">
            <h2 id="pair-settings-heading">"This pair"</h2>
            <form class="inline-form" on:submit=rename>
                <TextField
                    label="Pair name"
                    hint="Leave empty to use both names."
                    value=title
                    on_input=Callback::new(move |v| title.set(v))
                />
                <button type="submit">"Rename pair"</button>
            </form>
            <p>
                <button type="button" on:click=|_| print_page()>
                    "Print progress report"
                </button>
            </p>
            <p>
                <button
                    type="button"
                    on:click=move |_| {
                        let name = state
                            .pair_info(pair)
                            .map(|i| i.display_name())
                            .unwrap_or_default();
                        offer_export(state, &[pair], &name);
                    }
                >
                    "Export this pair"
                </button>
                " "
                <span class="hint">
                    "A file to send the other person: only this pair, without private notes."
                </span>
            </p>
            <p>
                <button type="button" on:click=make_link>
                    "Make a share link"
                </button>
                " "
                <span class="hint">"The same, inside a link to paste into a message."</span>
            </p>
            <div on:click=copy_link inner_html=move || link_html(&link.get())></div>
            <p role="status">{move || link_status.get()}</p>
            <p>
                <button type="button" class="danger" on:click=delete>
                    "Delete pair"
                </button>
                " "
                <span class="hint">"You can undo this straight after."</span>
            </p>
        </section>
    }
}
