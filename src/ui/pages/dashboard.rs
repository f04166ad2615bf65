use leptos::prelude::*;

use super::super::browser::{
    copy_to_clipboard, focus_selected, go_to, link_code, local_date, local_moment, page_address,
    print_page,
};
use super::super::components::field::TextField;
use super::super::components::protect::{protect_choice, Protection};
use super::super::components::record_form::{FormText, SaveButton, TASK_STATUSES};
use super::super::components::stage_nav::{stage_badge, stage_statuses};
use super::meet::check_in_text;
use super::plan::status_label;
use super::review::evaluation_due_text;
use super::settings::{mark_sent, offer_export};
use crate::domain::json::Named;
use crate::domain::{
    open_conflicts, settle_conflict, Action, Body, Calendar, EvaluationAnswers, Id, Kind,
    ObjectiveStatus, PairData, Side, Stage, StageStatus,
};
use crate::route::{share_link_note, PairPage, Route, SHARE_LINK};
use crate::state::{AppState, Read, Scope};
use crate::storage::codec::content_lines;
use crate::storage::exchange::encode_export;

/// A row of a table: what it is about (its header cell), then its cells.
pub type Row = (String, Vec<String>);

/// A table with a caption, a header row naming its columns, and a row per
/// item whose first cell heads the row.
pub fn data_table(caption: String, columns: &[&str], rows: &[Row]) -> AnyView {
    table_view(
        caption,
        columns.iter().map(|c| c.to_string()).collect(),
        rows.iter()
            .map(|(head, cells)| (head.clone().into_any(), cells.clone()))
            .collect(),
    )
}

/// A table whose rows are headed by views (a title that follows its
/// record). Every table of the app is drawn by this one view.
pub fn table_view(
    caption: String,
    head: Vec<String>,
    rows: Vec<(AnyView, Vec<String>)>,
) -> AnyView {
    view! {
        <table>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {head
                        .into_iter()
                        .map(|name| view! { <th scope="col">{name}</th> })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, cells)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells
                                    .into_iter()
                                    .map(|cell| view! { <td>{cell}</td> })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A list of sentences, or one line saying there is nothing yet.
fn glance_list(items: Read<Vec<String>>, empty: &'static str) -> impl IntoView {
    view! {
        <ul class="glance">
            {move || {
                items
                    .with(|items| {
                        if items.is_empty() {
                            view! { <li>{empty}</li> }.into_any()
                        } else {
                            items
                                .iter()
                                .map(|item| view! { <li>{item.clone()}</li> })
                                .collect_view()
                                .into_any()
                        }
                    })
            }}
        </ul>
    }
}

/// The pair at a glance: where each stage stands, what needs doing next,
/// progress, the last evaluation, recent wins, and the pair's settings.
#[component]
pub fn DashboardPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let name = state.read_in(
        pair,
        Scope::Record(pair),
        Box::new(|p| p.info().map(|i| i.display_name()).unwrap_or_default()),
    );
    let calendar = state.clock.calendar();
    let reminder = state.read(
        pair,
        Box::new(move |p| {
            state.device.with(|d| {
                p.export_reminder(
                    d.exported.get(&pair).copied(),
                    calendar.now,
                    d.remind_after_days,
                )
            })
        }),
    );
    let statuses = stage_statuses(state, pair);
    let stages = Stage::ALL
        .into_iter()
        .map(|stage| {
            let explanation = move || {
                statuses.with(|s| s.get(stage as usize).map(|status| explain(stage, *status)))
            };
            view! {
                <li>
                    <a href=Route::Pair(pair, PairPage::Stage(stage)).to_hash()>{stage.label()}</a>
                    " "
                    {stage_badge(statuses, stage, false)}
                    " "
                    <span class="hint">{explanation}</span>
                </li>
            }
        })
        .collect_view();
    let facts = state.read(pair, Box::new(move |p| facts(p, calendar)));
    let objectives = state.read(pair, Box::new(objective_progress));
    let wins = state.read_in(
        pair,
        Scope::Branch(Kind::Win),
        Box::new(|p| {
            p.wins()
                .iter()
                .rev()
                .take(3)
                .map(|w| w.what.clone())
                .collect()
        }),
    );
    let progress = move || {
        objectives.with(|objectives| {
            if objectives.is_empty() {
                return view! { <li>"No objectives yet: write the first on the Plan page."</li> }
                    .into_any();
            }
            objectives
                .iter()
                .map(|(title, percent)| {
                    view! {
                        <li>
                            {format!("{title}: {percent}% ")}
                            <progress
                                max="100"
                                value=percent.to_string()
                                aria-label=format!("Progress on {title}")
                            ></progress>
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <h1>"Dashboard"</h1>
        <p class="lead">{move || name.get()}</p>
        <Conflicts pair />
        // One block with the report, so that print shows these cards too.
        <div>
            {move || {
                reminder
                    .get()
                    .map(|days| {
                        view! {
                            <p class="notice">
                                {format!(
                                    "This pair has changes you have not sent for {days} days: export this pair (below) and send the file to the other person.",
                                )}
                            </p>
                        }
                    })
            }} <section class="card" aria-labelledby="progress-heading">
                <h2 id="progress-heading">"Where you are"</h2>
                <ul class="stage-progress">{stages}</ul>
            </section> <section class="card" aria-labelledby="glance-heading">
                <h2 id="glance-heading">"At a glance"</h2>
                {glance_list(facts, "")}
                <h3>"Objectives"</h3>
                <ul class="glance">{progress}</ul>
                <h3>"Recent wins"</h3>
                {glance_list(wins, "No wins yet: they are recorded as milestones are reached.")}
            </section> <Report pair />
        </div>
        <PairSettings pair />
    }
}

/// Each objective still pursued, with how far along it is.
fn objective_progress(p: &PairData) -> Vec<(String, u8)> {
    let Some(pair) = p.id() else {
        return Vec::new();
    };
    p.children(pair, Kind::Objective)
        .into_iter()
        .filter_map(|record| match &record.body {
            Body::Objective(o) if o.status != ObjectiveStatus::Dropped => {
                Some((o.title.clone(), p.objective_progress(record.id).percent()))
            }
            _ => None,
        })
        .collect()
}

/// A version kept from a conflict: the conflict, its heading, when each
/// version was made, and the fields that differ (in place, kept).
type KeptVersion = (Id, String, String, Vec<Row>);

/// The versions kept from conflicts, each beside the version in place
/// (only the fields that differ), with buttons to restore it or set it
/// aside; nothing when there are none.
#[component]
fn Conflicts(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let conflicts = state.read(pair, Box::new(kept_versions));
    let settle = move |conflict: Id, restore: bool| {
        let done = if restore {
            "The kept version is back in place."
        } else {
            "The kept version was set aside."
        };
        let action = state
            .with_pair(pair, |p| settle_conflict(p, conflict, restore))
            .flatten();
        if let Some(action) = action {
            if state.dispatch_with_undo(action, done).is_some() {
                // The pressed button is gone with its conflict: the
                // keyboard goes to the way back.
                focus_selected("#undo");
            }
        }
    };
    let kept_view = move |(conflict, heading, caption, rows): &KeptVersion| {
        let conflict = *conflict;
        let heading_id = format!("c{conflict}");
        view! {
            <h3 id=heading_id.clone()>{heading.clone()}</h3>
            {data_table(caption.clone(), &["Field", "In place", "Kept"], rows)}
            <div class="actions">
                <button
                    type="button"
                    aria-describedby=heading_id.clone()
                    on:click=move |_| settle(conflict, true)
                >
                    "Restore the kept version"
                </button>
                <button
                    type="button"
                    aria-describedby=heading_id
                    on:click=move |_| settle(conflict, false)
                >
                    "Keep the version in place"
                </button>
            </div>
        }
    };
    move || {
        conflicts.with(|kept| {
            (!kept.is_empty()).then(|| {
                view! {
                    <section class="card conflicts" aria-labelledby="conflicts-heading">
                        <h2 id="conflicts-heading">"Changed on both sides"</h2>
                        <p>
                            "You and the other person both changed these since you last exchanged files. The newer change is in place; the other is kept here so nothing is lost. Restore it, or set it aside."
                        </p>
                        {kept.iter().map(kept_view).collect_view()}
                    </section>
                }
            })
        })
    }
}

/// The open conflicts of a pair, as `Conflicts` shows them.
fn kept_versions(p: &PairData) -> Vec<KeptVersion> {
    open_conflicts(p)
        .into_iter()
        .map(|(conflict, kept, current)| {
            let kept_lines = content_lines(&kept.body);
            let mut heading = kept.body.kind().name().replace('_', " ");
            heading[..1].make_ascii_uppercase();
            if let Some((_, title)) = kept_lines.iter().find(|(f, _)| f == "title" || f == "name") {
                heading = format!("{heading}: {title}");
            }
            let caption = format!(
                "Kept version from {}; in place since {}",
                local_moment(kept.updated),
                local_moment(current.updated),
            );
            let now = content_lines(&current.body);
            let rows = kept_lines
                .into_iter()
                .filter_map(|(field, value)| {
                    let in_place = now
                        .iter()
                        .find(|(f, _)| *f == field)
                        .map_or("(deleted)", |(_, v)| v);
                    (in_place != value).then(|| (field, vec![in_place.to_string(), value]))
                })
                .collect();
            (conflict.id, heading, caption, rows)
        })
        .collect()
}

/// What the printed progress report adds to the dashboard.
#[derive(Clone, Debug, Default, PartialEq)]
struct Report {
    name: String,
    /// Each objective with its state, and its milestones with theirs.
    roadmap: Vec<(String, Vec<String>)>,
    /// What the pair did together, in a sentence.
    together: String,
    /// The last evaluation both sides answered: its date and comparison.
    last_evaluation: Option<(String, Compared)>,
}

/// A complete round's answers compared: the ratings, the lowest rated,
/// progress on the objectives, and the open questions.
#[derive(Clone, Debug, Default, PartialEq)]
struct Compared {
    ratings: Vec<Row>,
    lowest: String,
    progress: Vec<Row>,
    words: Vec<Row>,
}

/// The progress report, shown only in print: the roadmap's state, what the
/// pair did, and the last evaluation compared.
#[component]
fn Report(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let report = state.read(pair, Box::new(report));
    move || {
        report.with(|r| {
            let roadmap = r
                .roadmap
                .iter()
                .map(|(objective, milestones)| {
                    view! {
                        <li>
                            {objective.clone()}
                            <ul>
                                {milestones
                                    .iter()
                                    .map(|m| view! { <li>{m.clone()}</li> })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view();
            let last = r.last_evaluation.as_ref().map(|(date, compared)| {
                view! {
                    <h3>{format!("Last evaluation ({date})")}</h3>
                    {comparison_view(compared)}
                }
            });
            view! {
                <section class="print-only">
                    <h2>{format!("Progress report: {}", r.name)}</h2>
                    <h3>"Roadmap"</h3>
                    <ul>{roadmap}</ul>
                    <h3>"Together so far"</h3>
                    <p>{r.together.clone()}</p>
                    {last}
                </section>
            }
        })
    }
}

/// Both sides' answers to a round side by side, in a region that scrolls
/// on a narrow screen.
fn comparison_view(compared: &Compared) -> impl IntoView {
    let lowest = (!compared.lowest.is_empty()).then(|| {
        view! {
            <p>
                <strong>"Rated lowest:"</strong>
                {format!(" {}", compared.lowest)}
            </p>
        }
    });
    let progress = (!compared.progress.is_empty()).then(|| {
        data_table(
            "Progress on objectives".into(),
            &["Objective", "Mentor", "Mentee"],
            &compared.progress,
        )
    });
    view! {
        <div
            class="comparison"
            tabindex="0"
            role="region"
            aria-label="Both sides' answers compared"
        >
            {data_table(
                "Ratings, where you differ most first".into(),
                &["Practice", "Mentor", "Mentee", "Apart by"],
                &compared.ratings,
            )}
            {lowest}
            {progress}
            {data_table(
                "In your own words".into(),
                &["Question", "Mentor", "Mentee"],
                &compared.words,
            )}
        </div>
    }
}

fn report(p: &PairData) -> Report {
    let Some(pair) = p.id() else {
        return Report::default();
    };
    let roadmap = p
        .children(pair, Kind::Objective)
        .into_iter()
        .filter_map(|objective| {
            let Body::Objective(o) = &objective.body else {
                return None;
            };
            let status = p.objective_status(objective.id).unwrap_or(o.status);
            let milestones = p
                .children(objective.id, Kind::Milestone)
                .into_iter()
                .filter_map(|milestone| match &milestone.body {
                    Body::Milestone(m) => {
                        let key = m.status.to_text();
                        let state = TASK_STATUSES
                            .iter()
                            .find(|(k, _)| *k == key)
                            .map_or("", |(_, label)| label);
                        Some(format!("{}: {state}", m.title))
                    }
                    _ => None,
                })
                .collect();
            Some((
                format!("{} ({})", o.title, status_label(status)),
                milestones,
            ))
        })
        .collect();
    let s = p.closing_summary();
    Report {
        name: p.info().map(|i| i.display_name()).unwrap_or_default(),
        roadmap,
        together: format!(
            "{} sessions held; {} actions done, {} open; {} wins; {} resources and {} introductions gathered.",
            s.sessions_held, s.actions_done, s.actions_open, s.wins, s.resources, s.contacts
        ),
        last_evaluation: p.last_complete_round().and_then(|(round, e)| {
            Some((e.due.map(local_date).unwrap_or_default(), compare(p, round.id)?))
        }),
    }
}

/// A round's answers compared, or `None` until both sides have answered.
fn compare(p: &PairData, round: Id) -> Option<Compared> {
    let (_, mentor) = p.answers(round, Side::Mentor)?;
    let (_, mentee) = p.answers(round, Side::Mentee)?;
    let score = |s: Option<u8>| s.map_or("–".to_string(), |s| s.to_string());
    let ratings = p
        .compare(round)
        .iter()
        .map(|g| {
            let cells = vec![score(g.mentor), score(g.mentee), score(g.gap())];
            (g.practice.label().to_string(), cells)
        })
        .collect();
    let lowest: Vec<&str> = p
        .lowest_rated(round)
        .iter()
        .map(|g| g.practice.label())
        .collect();
    let progress = p
        .children(p.id()?, Kind::Objective)
        .into_iter()
        .filter_map(|r| {
            let Body::Objective(o) = &r.body else {
                return None;
            };
            let of = |a: &EvaluationAnswers| a.objectives.get(&r.id).map(|rating| rating.score);
            let (by_mentor, by_mentee) = (of(mentor), of(mentee));
            (by_mentor.is_some() || by_mentee.is_some())
                .then(|| (o.title.clone(), vec![score(by_mentor), score(by_mentee)]))
        })
        .collect();
    let words = [
        ("What works", &mentor.works, &mentee.works),
        ("What to change", &mentor.change, &mentee.change),
        ("What we agree to adjust", &mentor.adjust, &mentee.adjust),
    ]
    .into_iter()
    .map(|(question, by_mentor, by_mentee)| {
        (
            question.to_string(),
            vec![by_mentor.clone(), by_mentee.clone()],
        )
    })
    .collect();
    Some(Compared {
        ratings,
        lowest: lowest.join(", "),
        progress,
        words,
    })
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
    let rename = move |()| {
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
    let protection = Protection::default();
    let make_link = move |_| {
        let now = state.clock.now();
        let text = state
            .workbook
            .with_untracked(|w| encode_export(w, &[pair], now));
        leptos::task::spawn_local(async move {
            let Some(text) = protection.apply(text).await else {
                return;
            };
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
    let copy_link = move |_| {
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
            <form class="inline-form">
                <TextField
                    label="Pair name"
                    hint="Leave empty to use both names."
                    value=title
                    on_input=Callback::new(move |v| title.set(v))
                />
                <SaveButton text="Rename pair" save=rename />
            </form>
            <p>
                <button type="button" on:click=|_| print_page()>
                    "Print progress report"
                </button>
            </p>
            {protect_choice(protection)}
            <p>
                <button
                    type="button"
                    on:click=move |_| {
                        let name = state
                            .pair_info(pair)
                            .map(|i| i.display_name())
                            .unwrap_or_default();
                        offer_export(state, vec![pair], &name, protection);
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
            {move || {
                let link = link.get();
                (!link.is_empty())
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="share-link">"Share link"</label>
                                <input id="share-link" readonly prop:value=link.clone() />
                                <p class="hint">{share_link_note(link.len())}</p>
                                <button type="button" on:click=copy_link>
                                    "Copy link"
                                </button>
                            </div>
                        }
                    })
            }}
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
