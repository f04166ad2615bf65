use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::browser::local_date;
use super::super::chart::{column_label, trend_cells, trend_chart, Dot, Series, TrendChart};
use super::super::components::field::{SelectField, TextField, TextKind};
use super::super::components::record_form::{
    problem_view, save_record, AddRecord, Folded, RecordControls, RecordList, SaveButton,
    ACTION_FIELDS,
};
use super::dashboard::table_view;
use super::meet::action_line;
use crate::domain::{
    Action, ActionItem, Body, EvaluationAnswers, EvaluationTrigger, Id, Kind, ObjectiveStatus,
    PairData, Practice, Rating, Side, PRACTICES,
};
use crate::state::{AppState, Read, Scope};

/// The Review stage: when the next evaluation is due, each round with both
/// sides' answers and their comparison, the trends across rounds, and the
/// closing review.
#[component]
pub fn ReviewPage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let today = state.clock.today();
    // What the schedule says, and whether it says when.
    // The schedule follows the agreement's dates and which rounds are
    // complete; the list of rounds, the rounds alone.
    let due = state.read_within(
        pair,
        vec![
            Scope::Branch(Kind::Agreement),
            Scope::Branch(Kind::Evaluation),
        ],
        Box::new(move |p| match evaluation_due_text(p, today) {
            text if text.is_empty() => (unscheduled_text(p), false),
            text => (text, true),
        }),
    );
    let unscheduled = Signal::derive(move || !due.with(|d| d.1));
    let rounds = state.read_in(
        pair,
        Scope::Kind(Kind::Evaluation),
        Box::new(|p| {
            p.evaluations()
                .into_iter()
                .rev()
                .map(|(r, _)| r.id)
                .collect()
        }),
    );
    let trigger = RwSignal::new(String::new());
    let start = move |scheduled: bool| {
        let (due, trigger) = if scheduled {
            let next = state
                .with_pair(pair, |p| p.next_evaluation(today))
                .flatten();
            (next.map(|e| e.due), EvaluationTrigger::Scheduled)
        } else if trigger.get_untracked() == "milestone" {
            (Some(today), EvaluationTrigger::Milestone)
        } else {
            (Some(today), EvaluationTrigger::OnDemand)
        };
        state.dispatch(Action::StartRound { pair, due, trigger });
    };
    view! {
        <h1>"Review"</h1>
        <p class="lead">
            "Every few weeks, each of you rates how the mentoring is going, on your own. Then you compare: where you see it differently is the best place to start talking."
        </p>
        <section class="card" aria-labelledby="due-heading">
            <h2 id="due-heading">"Next evaluation"</h2>
            <p class="check-in" id="due-text">
                {move || due.with(|d| d.0.clone())}
            </p>
            <div class="inline-form">
                <button
                    type="button"
                    class=move || (!unscheduled.get()).then_some("primary")
                    disabled=unscheduled
                    aria-describedby="due-text"
                    on:click=move |_| start(true)
                >
                    "Start scheduled evaluation"
                </button>
                <div class="field">
                    <label for="round-reason">"Why now"</label>
                    <select
                        id="round-reason"
                        on:change=move |ev| trigger.set(event_target_value(&ev))
                    >
                        <option value="">"We asked for one"</option>
                        <option value="milestone">"A milestone was reached"</option>
                    </select>
                </div>
                <button
                    type="button"
                    class=move || unscheduled.get().then_some("primary")
                    on:click=move |_| start(false)
                >
                    "Start evaluation now"
                </button>
            </div>
        </section>
        <section aria-labelledby="rounds-heading">
            <h2 id="rounds-heading">"Evaluations"</h2>
            <p class="notice">
                {move || {
                    if rounds.with(Vec::is_empty) {
                        "No evaluations yet. Start one above: each of you answers on your own, then you compare."
                    } else {
                        ""
                    }
                }}
            </p>
            <RecordList
                ids=rounds
                item=Callback::new(move |round| view! { <Round pair round /> }.into_any())
            />
        </section>
        <Trends pair />
        <Closing pair />
    }
}

/// When the next evaluation is due, as a sentence; empty without a start
/// date and a schedule.
pub fn evaluation_due_text(p: &PairData, today: NaiveDate) -> String {
    p.next_evaluation(today)
        .map(|e| format!("Next evaluation {} ({}).", e.wording(), local_date(e.due)))
        .unwrap_or_default()
}

/// Why no evaluation is scheduled: the agreement fields still empty.
fn unscheduled_text(p: &PairData) -> String {
    let needs = p.schedule_needs().join("\" and \"");
    format!("Nothing is scheduled yet: fill in \"{needs}\" in the agreement (Agree) to have evaluations fall due on their own. Until then, start one now when you want one.")
}

/// One evaluation round: each side's answers, and once both have
/// answered, the comparison and the actions the pair agreed.
#[component]
fn Round(pair: Id, round: Id) -> impl IntoView {
    let state = AppState::expect();
    let title = state.read_in(
        pair,
        Scope::Record(round),
        Box::new(move |p| match p.record(round).map(|r| &r.body) {
            Some(Body::Evaluation(e)) => format!(
                "Evaluation of {} ({})",
                e.due.map(local_date).unwrap_or_default(),
                e.trigger.label()
            ),
            _ => String::new(),
        }),
    );
    let heading_id = format!("round-{round}");
    let labelled_by = heading_id.clone();
    let actions = state.children(pair, round, Kind::ActionItem);
    let adjust = state.read_in(
        pair,
        Scope::Subtree(round),
        Box::new(move |p| {
            Side::ALL
                .iter()
                .filter_map(|side| p.answers(round, *side))
                .map(|(_, a)| a.adjust.trim().to_string())
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join(" / ")
        }),
    );
    view! {
        <article class="card round" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || title.get()}</h3>
            <Answers pair round side=Side::Mentor title />
            <Answers pair round side=Side::Mentee title />
            <Comparison pair round />
            <h4>"Agreed actions"</h4>
            <ul class="actions-list">
                <RecordList
                    ids=actions
                    item=Callback::new(move |id| action_line(state, pair, id, ""))
                />
            </ul>
            // Drawn when opened, from the adjustments as they are then; it
            // keeps what is typed while open.
            <Folded summary="Turn an adjustment into an action">
                {move || {
                    let blank = Body::ActionItem(ActionItem {
                        title: untrack(move || adjust.get()),
                        ..ActionItem::default()
                    });
                    view! {
                        <AddRecord
                            pair
                            parent=round
                            specs=ACTION_FIELDS
                            blank
                            button="Add action"
                            within=Signal::from(title)
                        />
                    }
                }}
            </Folded>
            <RecordControls pair record=round noun="evaluation" title />
        </article>
    }
}

/// One side's answers to a round: a form on a device that writes for that
/// side, else whether they have arrived.
#[component]
fn Answers(
    pair: Id,
    round: Id,
    side: Side,
    /// The round's heading, for the names of the form's fields.
    title: Read<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let answered = state.read_in(
        pair,
        Scope::Subtree(round),
        Box::new(move |p| {
            p.answers(round, side)
                .and_then(|(_, a)| a.date)
                .map(local_date)
                .unwrap_or_default()
        }),
    );
    let who = side.label();
    let named = Signal::derive(move || format!("{who}, {}", title.get()));
    let status = move || {
        let on = answered.get();
        if on.is_empty() {
            format!("The {who} has not answered yet.")
        } else {
            format!("The {who} answered on {on}.")
        }
    };
    let summary = move || {
        if answered.with(String::is_empty) {
            format!("Answer as {who}")
        } else {
            format!("Change the {who}'s answers")
        }
    };
    // The form stays in place across saves (only the sentences around it
    // change), so it keeps its focus and stays open after the first save.
    // It is drawn once opened: a round's form asks about every objective.
    let form = move || {
        state.role(pair).can_act_for(side).then(|| {
            view! {
                <Folded summary=Signal::derive(summary)>
                    <AnswerForm pair round side named />
                </Folded>
            }
        })
    };
    view! {
        <p class="answered" role="status">
            {status}
        </p>
        {form}
    }
}

/// The questions of an evaluation for one side: a rating and a comment per
/// practice, progress on each active objective, and three open questions.
#[component]
fn AnswerForm(
    pair: Id,
    round: Id,
    side: Side,
    /// The side and the round, for the fields' names.
    named: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let stored = state.with_pair(pair, |p| {
        let objectives = objectives(p, true);
        let answers = p
            .answers(round, side)
            .map(|(_, a)| a.clone())
            .unwrap_or_default();
        (answers, objectives)
    });
    let (answers, objectives) = stored.unwrap_or_default();
    let draft = RwSignal::new(answers);
    let problem = RwSignal::new(None::<String>);
    let save = move |()| {
        let mut answers = draft.get_untracked();
        answers.side = Some(side);
        answers.date = Some(state.clock.today());
        let body = Body::EvaluationAnswers(answers);
        // The side's answers as stored now: the first save adds them, a
        // later one (or one after they arrived from the other device)
        // changes them.
        let record = state
            .with_pair(pair, |p| p.answers(round, side).map(|(id, _)| id))
            .flatten();
        let outcome = match record {
            Some(record) => save_record(state, pair, record, body, String::new()),
            None => state
                .try_dispatch(Action::Add {
                    pair,
                    parent: round,
                    body,
                })
                .map(|_| ()),
        };
        problem.set(outcome.err());
    };
    let text = |get: fn(&EvaluationAnswers) -> &String, set: fn(&mut EvaluationAnswers, String)| {
        (
            Signal::derive(move || draft.with(|a| get(a).clone())),
            Callback::new(move |v| draft.update(|a| set(a, v))),
        )
    };
    let (works, on_works) = text(|a| &a.works, |a, v| a.works = v);
    let (change, on_change) = text(|a| &a.change, |a, v| a.change = v);
    let (adjust, on_adjust) = text(|a| &a.adjust, |a, v| a.adjust = v);
    let practices = PRACTICES
        .iter()
        .map(|&practice| {
            rated(
                practice.label().to_string(),
                practice.question(),
                "Comment",
                draft,
                Rated::Practice(practice),
                named,
            )
        })
        .collect_view();
    let progress = objectives
        .into_iter()
        .map(|(objective, title)| {
            rated(
                title,
                "Progress towards it, from 1 (not started) to 5 (done).",
                "Note",
                draft,
                Rated::Objective(objective),
                named,
            )
        })
        .collect_view();
    view! {
        <form class="record-form evaluation">
            {practices} {progress}
            <TextField
                label="What works"
                kind=TextKind::Paragraph
                value=works
                on_input=on_works
                of=named
            />
            <TextField
                label="What to change"
                kind=TextKind::Paragraph
                value=change
                on_input=on_change
                of=named
            />
            <TextField
                label="What we agree to adjust"
                hint="Each adjustment can become an action once you have both answered."
                kind=TextKind::Paragraph
                value=adjust
                on_input=on_adjust
                of=named
            /> {problem_view(problem)}
            <SaveButton
                text=format!("Save the {}'s answers", side.label())
                primary=true
                save=save
            />
        </form>
    }
}

/// The pair's objectives with their titles: only those still being worked
/// on (`active_only`, for new ratings), or all of them (to show ratings
/// already given, also for objectives since achieved or dropped).
fn objectives(p: &PairData, active_only: bool) -> Vec<(Id, String)> {
    let Some(pair) = p.id() else {
        return Vec::new();
    };
    p.children(pair, Kind::Objective)
        .into_iter()
        .filter_map(|r| match &r.body {
            Body::Objective(o)
                if !active_only
                    || !matches!(
                        o.status,
                        ObjectiveStatus::Achieved | ObjectiveStatus::Dropped
                    ) =>
            {
                Some((r.id, o.title.clone()))
            }
            _ => None,
        })
        .collect()
}

/// Which rating of the answers a group edits.
#[derive(Clone, Copy)]
enum Rated {
    Practice(Practice),
    Objective(Id),
}

impl Rated {
    fn get(self, a: &EvaluationAnswers) -> Rating {
        match self {
            Rated::Practice(p) => a.practices.get(&p),
            Rated::Objective(o) => a.objectives.get(&o),
        }
        .cloned()
        .unwrap_or_default()
    }

    /// Stores the rating, or removes it once it says nothing.
    fn set(self, a: &mut EvaluationAnswers, rating: Rating) {
        let keep = rating.score > 0 || !rating.comment.is_empty();
        match (self, keep) {
            (Rated::Practice(p), true) => {
                a.practices.insert(p, rating);
            }
            (Rated::Practice(p), false) => {
                a.practices.remove(&p);
            }
            (Rated::Objective(o), true) => {
                a.objectives.insert(o, rating);
            }
            (Rated::Objective(o), false) => {
                a.objectives.remove(&o);
            }
        }
    }
}

/// A rating from 1 to 5 and a comment, as a group named `legend`, in the
/// answers that `named` names (the side and the round).
fn rated(
    legend: String,
    hint: &'static str,
    comment_label: &'static str,
    draft: RwSignal<EvaluationAnswers>,
    slot: Rated,
    named: Signal<String>,
) -> AnyView {
    let of = {
        let legend = legend.clone();
        Signal::derive(move || format!("{legend}, {}", named.get()))
    };
    let write = move |edit: &dyn Fn(&mut Rating)| {
        draft.update(|a| {
            let mut rating = slot.get(a);
            edit(&mut rating);
            slot.set(a, rating);
        })
    };
    // The form asks about every objective: an answer redraws its own
    // fields, not the form's other hundreds.
    let rating = Read::new(move || draft.with(|a| slot.get(a)));
    let score = Signal::derive(move || {
        rating.with(|r| match r.score {
            0 => String::new(),
            n => n.to_string(),
        })
    });
    let comment = Signal::derive(move || rating.with(|r| r.comment.clone()));
    view! {
        <fieldset class="rated">
            <legend>{legend}</legend>
            <p class="hint">{hint}</p>
            <SelectField
                label="Rating"
                options=RATINGS.to_vec()
                value=score
                on_change=Callback::new(move |v: String| {
                    let score = v.parse().unwrap_or(0);
                    write(&|r| r.score = score);
                })
                of
            />
            <TextField
                label=comment_label
                value=comment
                on_input=Callback::new(move |text: String| write(&|r| r.comment = text.clone()))
                of
            />
        </fieldset>
    }
    .into_any()
}

const RATINGS: [(&str, &str); 6] = [
    ("", "Not rated"),
    ("1", "1: not at all"),
    ("2", "2: a little"),
    ("3", "3: partly"),
    ("4", "4: mostly"),
    ("5", "5: fully"),
];

/// Both sides' answers side by side, once both have answered: the ratings
/// sorted by how far apart they are, the lowest rated, progress on the
/// objectives and the open questions, in a region that scrolls on a narrow
/// screen.
#[component]
pub fn Comparison(pair: Id, round: Id) -> impl IntoView {
    let state = AppState::expect();
    let compared = state.read_in(
        pair,
        Scope::Subtree(round),
        Box::new(move |p| compare(p, round)),
    );
    let complete = Read::new(move || compared.with(Option::is_some));
    // Each part is read on its own, so a changed rating redraws the
    // ratings, not the progress on every objective.
    let part = |get: fn(&Compared) -> Compared| {
        Read::new(move || compared.with(|c| c.as_ref().map(get).unwrap_or_default()))
    };
    let ratings = part(|c| Compared {
        ratings: c.ratings.clone(),
        lowest: c.lowest.clone(),
        ..Compared::default()
    });
    let progress = part(|c| Compared {
        progress: c.progress.clone(),
        ..Compared::default()
    });
    let words = part(|c| Compared {
        words: c.words.clone(),
        ..Compared::default()
    });
    // The objectives' order is the pair's; each title is read on its own.
    let objectives = state.children(pair, pair, Kind::Objective);
    let named = |rows: Vec<(&'static str, Vec<String>)>| {
        rows.into_iter()
            .map(|(name, cells)| (name.into_any(), cells))
            .collect()
    };
    let rating_tables = move || {
        let Compared {
            ratings, lowest, ..
        } = ratings.get();
        view! {
            {table(
                "Ratings, where you differ most first",
                &["Practice", "Mentor", "Mentee", "Apart by"],
                named(ratings),
            )}
            {(!lowest.is_empty())
                .then(|| {
                    view! {
                        <p>
                            <strong>"Rated lowest:"</strong>
                            " "
                            {lowest}
                        </p>
                    }
                })}
        }
    };
    let progress_table = move || {
        let progress: Vec<Row> = progress.with(|c| {
            objectives.with(|ids| {
                ids.iter()
                    .filter_map(|id| c.progress.iter().find(|(rated, _)| rated == id))
                    .map(|(id, cells)| (objective_title(state, pair, *id), cells.clone()))
                    .collect()
            })
        });
        (!progress.is_empty()).then(|| {
            table(
                "Progress on objectives",
                &["Objective", "Mentor", "Mentee"],
                progress,
            )
        })
    };
    let words_table = move || {
        table(
            "In your own words",
            &["Question", "Mentor", "Mentee"],
            named(words.get().words),
        )
    };
    let tables = move || {
        view! {
            {rating_tables}
            {progress_table}
            {words_table}
        }
    };
    move || {
        complete.get().then(|| {
            view! {
                <div
                    class="comparison"
                    tabindex="0"
                    role="region"
                    id=format!("compared-{round}")
                    aria-labelledby=format!("compared-{round} round-{round}")
                    aria-label="Both sides' answers compared:"
                >
                    {tables}
                </div>
            }
        })
    }
}

/// A complete round's answers as the comparison shows them: a row per
/// practice or question, with its cells.
#[derive(Clone, Debug, Default, PartialEq)]
struct Compared {
    /// The practices rated: mentor, mentee and how far apart, the largest
    /// gap first.
    ratings: Vec<(&'static str, Vec<String>)>,
    /// The practices rated lowest, by name.
    lowest: String,
    /// Each objective either side rated, with both scores.
    progress: Vec<(Id, Vec<String>)>,
    /// Both sides' answers to the open questions.
    words: Vec<(&'static str, Vec<String>)>,
}

/// The comparison of a round, or `None` until both sides have answered.
fn compare(p: &PairData, round: Id) -> Option<Compared> {
    let (_, mentor) = p.answers(round, Side::Mentor)?;
    let (_, mentee) = p.answers(round, Side::Mentee)?;
    let ratings = p
        .compare(round)
        .iter()
        .map(|g| {
            let cells = vec![score(g.mentor), score(g.mentee), score(g.gap())];
            (g.practice.label(), cells)
        })
        .collect();
    let lowest: Vec<&str> = p
        .lowest_rated(round)
        .iter()
        .map(|g| g.practice.label())
        .collect();
    let mut rated: Vec<Id> = mentor.objectives.keys().copied().collect();
    rated.extend(
        mentee
            .objectives
            .keys()
            .filter(|id| !mentor.objectives.contains_key(*id)),
    );
    let progress = rated
        .into_iter()
        .map(|id| {
            let of = |a: &EvaluationAnswers| score(a.objectives.get(&id).map(|r| r.score));
            (id, vec![of(mentor), of(mentee)])
        })
        .collect();
    let words = [
        (
            "What works",
            (|a| &a.works) as fn(&EvaluationAnswers) -> &String,
        ),
        ("What to change", |a| &a.change),
        ("What we agree to adjust", |a| &a.adjust),
    ]
    .into_iter()
    .map(|(question, get)| (question, vec![get(mentor).clone(), get(mentee).clone()]))
    .collect();
    Some(Compared {
        ratings,
        lowest: lowest.join(", "),
        progress,
        words,
    })
}

/// A score as a table cell, "–" when there is none.
fn score(score: Option<u8>) -> String {
    score.map_or("–".to_string(), |s| s.to_string())
}

/// An objective's title as text that follows its edits.
fn objective_title(state: AppState, pair: Id, objective: Id) -> AnyView {
    let title = state.read_in(
        pair,
        Scope::Record(objective),
        Box::new(move |p| match p.record(objective).map(|r| &r.body) {
            Some(Body::Objective(o)) => o.title.clone(),
            _ => String::new(),
        }),
    );
    (move || title.get()).into_any()
}

/// A table row: its header (what is rated or asked), then its cells.
type Row = (AnyView, Vec<String>);

/// A table under `caption` with a header row naming the columns and a row
/// per item.
fn table(caption: &'static str, head: &[&str], rows: Vec<Row>) -> AnyView {
    let head = head.iter().map(|h| h.to_string()).collect();
    table_view(caption.into(), head, rows)
}

/// Each practice's ratings across rounds, per side, and progress on each
/// objective, as charts with the same figures in a table.
#[component]
fn Trends(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let read = move |table: bool| {
        state.read_within(
            pair,
            vec![
                Scope::Branch(Kind::Evaluation),
                Scope::Kind(Kind::Objective),
            ],
            Box::new(move |p| trends(p, table)),
        )
    };
    let trends = read(false);
    // Shown once, so the table's fold stays open as points are added.
    let shown = Read::new(move || trends.with(|t| !t.dates.is_empty()));
    // One read per chart, passed on only when that chart changes: a new
    // rating redraws its own practice's chart, not all of them.
    let count = Read::new(move || trends.with(|t| t.charts.len()));
    let charts = move || {
        (0..count.get())
            .map(|at| {
                trend_figure(Read::new(move || {
                    trends.with(|t| t.charts.get(at).cloned().unwrap_or_default())
                }))
            })
            .collect_view()
    };
    // The table is read while its fold is open: a rating at 100 rounds
    // writes out thousands of its cells.
    let ratings = move || {
        let table = read(true);
        move || {
            let TrendsData { dates, rows, .. } = table.get();
            let head = std::iter::once("Rated".to_string()).chain(dates).collect();
            let rows = rows
                .into_iter()
                .map(|(name, cells)| (name.into_any(), cells))
                .collect();
            table_view("Ratings by date".into(), head, rows)
        }
    };
    let body = move || {
        if shown.get() {
            view! {
                {charts}
                <Folded summary="Trends as a table">{ratings()}</Folded>
            }
            .into_any()
        } else {
            view! {
                <p class="notice">
                    "Trends appear once an evaluation has answers: each new round adds a point."
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="trends-heading">
            <h2 id="trends-heading">"Trends"</h2>
            <p class="hint">
                "Solid lines are the mentor's ratings, dashed lines the mentee's. Each chart's figures are also in the table below it."
            </p>
            <div class="trends">{body}</div>
        </section>
    }
}

/// The trends of a pair: a chart per practice and per objective rated,
/// or (for the table) the same ratings as rows.
#[derive(Clone, Debug, Default, PartialEq)]
struct TrendsData {
    /// The rounds with answers, oldest first, as column headings; none
    /// before the first answers.
    dates: Vec<String>,
    /// Each chart with its title.
    charts: Vec<(String, TrendChart)>,
    /// For the table, a row per chart and side: "Networking, mentor" and
    /// its ratings.
    rows: Vec<(String, Vec<String>)>,
}

/// The trends' charts, or with `table` their rows.
fn trends(p: &PairData, table: bool) -> TrendsData {
    let rounds = p.answered_rounds();
    let dates = rounds.columns();
    if dates.is_empty() {
        return TrendsData::default();
    }
    let mut rated: Vec<_> = PRACTICES
        .iter()
        .map(|&practice| {
            (
                practice.label().to_string(),
                rounds.practice_trend(practice, Side::Mentor),
                rounds.practice_trend(practice, Side::Mentee),
            )
        })
        .collect();
    for (objective, title) in objectives(p, false) {
        let mentor = rounds.objective_trend(objective, Side::Mentor);
        let mentee = rounds.objective_trend(objective, Side::Mentee);
        if !mentor.is_empty() || !mentee.is_empty() {
            rated.push((format!("Progress: {title}"), mentor, mentee));
        }
    }
    let mut data = TrendsData {
        dates: dates.iter().map(|d| column_label(*d, local_date)).collect(),
        ..TrendsData::default()
    };
    for (title, mentor, mentee) in rated {
        let series = [
            Series {
                name: "Mentor",
                class: "mentor",
                trend: &mentor,
            },
            Series {
                name: "Mentee",
                class: "mentee",
                trend: &mentee,
            },
        ];
        if table {
            data.rows
                .push((format!("{title}, mentor"), trend_cells(&dates, &mentor)));
            data.rows
                .push((format!("{title}, mentee"), trend_cells(&dates, &mentee)));
        } else {
            data.charts
                .push((title, trend_chart(&dates, &series, local_date)));
        }
    }
    data
}

/// A chart as a figure under its title: the grid with its ratings, the
/// rounds' dates, and a line with a dot per rating for each side. Each dot
/// carries its value as a tooltip; the trends table gives the same as text.
/// Dots and dates are keyed rows, so a changed rating redraws its own dot
/// and line, and a new round adds its own column.
fn trend_figure(chart: Read<(String, TrendChart)>) -> impl IntoView {
    let (left, height, levels, lines) = chart.with_untracked(|(_, c)| {
        let classes: Vec<&'static str> = c.lines.iter().map(|l| l.class).collect();
        (c.left, c.height, c.levels.clone(), classes)
    });
    let width = move || chart.with(|(_, c)| c.width);
    let label = move || chart.with(|(title, _)| format!("{title}: ratings from 1 to 5 by date"));
    let columns = move || chart.with(|(_, c)| c.columns.clone());
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(at, class)| {
            let line = move || chart.with(|(_, c)| c.lines.get(at).cloned().unwrap_or_default());
            view! {
                <polyline points=move || line().points() class=class />
                <For
                    each=move || line().dots
                    key=Dot::clone
                    children=move |dot| {
                        view! {
                            <circle cx=dot.x cy=dot.y r=4 class=class>
                                <title>{dot.tooltip}</title>
                            </circle>
                        }
                    }
                />
            }
        })
        .collect_view();
    view! {
        <figure>
            <figcaption>{move || chart.with(|(title, _)| title.clone())}</figcaption>
            <svg
                class="trend"
                viewBox=move || format!("0 0 {} {height}", width())
                width=width
                height=height
                role="img"
                aria-label=label
            >
                {levels
                    .into_iter()
                    .map(|(rating, y)| {
                        view! {
                            <line x1=left y1=y x2=width y2=y class="grid" />
                            <text x=4 y=y + 4 class="month">
                                {rating}
                            </text>
                        }
                    })
                    .collect_view()}
                <For
                    each=columns
                    key=Clone::clone
                    children=move |(x, date)| {
                        view! {
                            <text x=x y=height - 4 class="month" text-anchor="middle">
                                {date}
                            </text>
                        }
                    }
                />
                {lines}
            </svg>
        </figure>
    }
}

/// Ending the mentorship: a final evaluation, the summary of what the pair
/// did, and the close itself (which makes the pair read-only until it is
/// reopened).
#[component]
fn Closing(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let today = state.clock.today();
    let closed_on = state.read_in(
        pair,
        Scope::Record(pair),
        Box::new(|p| p.info().and_then(|i| i.closed_on)),
    );
    let counts = state.read_within(pair, COUNTED.to_vec(), Box::new(summary_counts));
    let moves = state.read_in(
        pair,
        Scope::Branch(Kind::Evaluation),
        Box::new(summary_moves),
    );
    let started = state.read_in(pair, Scope::Kind(Kind::Evaluation), Box::new(final_started));
    let start_final = move |_| {
        state.dispatch(Action::StartRound {
            pair,
            due: Some(today),
            trigger: EvaluationTrigger::Closing,
        });
    };
    let close = move |_| {
        state.dispatch_with_undo(
            Action::Close { pair, date: today },
            "Closed the mentorship: it is now read-only.",
        );
    };
    // One final evaluation is enough: once started it is answered above.
    let buttons = move || {
        view! {
            <div class="record-controls">
                {move || {
                    (!started.get())
                        .then(|| {
                            view! {
                                <button type="button" on:click=start_final>
                                    "Start final evaluation"
                                </button>
                            }
                        })
                }} <button type="button" class="danger" on:click=close>
                    "Close mentorship"
                </button>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="closing-heading">
            <h2 id="closing-heading">
                {move || {
                    if closed_on.with(Option::is_some) {
                        "Closing review"
                    } else {
                        "Closing the mentorship"
                    }
                }}
            </h2>
            <p>{move || closing_text(closed_on.get())}</p>
            <ul class="summary">
                {move || {
                    counts
                        .get()
                        .into_iter()
                        .chain(moves.get())
                        .map(|line| view! { <li>{line}</li> })
                        .collect_view()
                }}
            </ul>
            {move || closed_on.with(Option::is_none).then(buttons)}
        </section>
    }
}

/// The closing card's text above the summary: how to close, or when it
/// closed.
fn closing_text(closed_on: Option<NaiveDate>) -> String {
    match closed_on {
        Some(on) => format!(
            "This mentorship closed on {}. What you did together:",
            local_date(on)
        ),
        None => "When the mentorship ends, start a final evaluation, each answer it, then close. Closing keeps everything and makes it read-only; you can reopen it. So far:".into(),
    }
}

/// Whether the final evaluation has been started.
fn final_started(p: &PairData) -> bool {
    p.evaluations()
        .iter()
        .any(|(_, e)| e.trigger == EvaluationTrigger::Closing)
}

/// What the closing summary counts: objectives, sessions, the actions
/// under sessions and rounds (and whether those are live), wins, resources
/// and introductions. Not the evaluations' answers, so answering a rating
/// leaves the counts alone.
const COUNTED: &[Scope] = &[
    Scope::Kind(Kind::Objective),
    Scope::Kind(Kind::Session),
    Scope::Kind(Kind::Evaluation),
    Scope::Kind(Kind::ActionItem),
    Scope::Kind(Kind::Win),
    Scope::Kind(Kind::Resource),
    Scope::Kind(Kind::Contact),
];

/// The closing summary's counts, a sentence per figure.
fn summary_counts(p: &PairData) -> Vec<String> {
    let s = p.closing_summary();
    vec![
        format!(
            "Objectives: {} achieved, {} not achieved.",
            s.objectives_achieved, s.objectives_not_achieved
        ),
        format!("Sessions held: {}.", s.sessions_held),
        format!("Actions: {} done, {} open.", s.actions_done, s.actions_open),
        format!("Wins: {}.", s.wins),
        format!(
            "Gathered: {} resources, {} introductions.",
            s.resources, s.contacts
        ),
    ]
}

/// The closing summary's sentence for each rating that moved.
fn summary_moves(p: &PairData) -> Vec<String> {
    p.rating_moves()
        .into_iter()
        .map(|(practice, side, first, last)| {
            format!(
                "{} by the {}: from {first} to {last}.",
                practice.label(),
                side.label()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EvaluationTrigger, Objective, SequentialIds, Workbook};
    use chrono::{TimeZone, Utc};

    #[test]
    fn ratings_of_an_objective_achieved_since_stay_in_the_comparison() {
        let now = Utc.with_ymd_and_hms(2026, 5, 29, 9, 0, 0).unwrap();
        let today = now.date_naive();
        let mut ids = SequentialIds(1);
        let mut book = Workbook::default();
        let mut apply = |book: &mut Workbook, action| book.apply(action, now, &mut ids).unwrap();
        let pair = apply(
            &mut book,
            Action::CreatePair {
                mentor: "Ana".into(),
                mentee: "Ben".into(),
            },
        )
        .pair;
        let talk = Objective {
            title: "Give a talk".into(),
            ..Objective::default()
        };
        let objective = apply(
            &mut book,
            Action::Add {
                pair,
                parent: pair,
                body: Body::Objective(talk.clone()),
            },
        )
        .created[0];
        let round = apply(
            &mut book,
            Action::StartRound {
                pair,
                due: Some(today),
                trigger: EvaluationTrigger::OnDemand,
            },
        )
        .created[0];
        for (side, score) in [(Side::Mentor, 4), (Side::Mentee, 2)] {
            let answers = EvaluationAnswers {
                side: Some(side),
                objectives: [(
                    objective,
                    Rating {
                        score,
                        comment: String::new(),
                    },
                )]
                .into_iter()
                .collect(),
                ..EvaluationAnswers::default()
            };
            apply(
                &mut book,
                Action::Add {
                    pair,
                    parent: round,
                    body: Body::EvaluationAnswers(answers),
                },
            );
        }
        apply(
            &mut book,
            Action::Update {
                pair,
                record: objective,
                body: Body::Objective(Objective {
                    status: ObjectiveStatus::Achieved,
                    ..talk
                }),
                by: None,
                date: today,
                reason: String::new(),
            },
        );
        let compared = compare(book.pair(pair).unwrap(), round).unwrap();
        assert_eq!(
            compared.progress,
            [(objective, vec!["4".into(), "2".into()])]
        );
    }

    #[test]
    fn the_final_evaluation_is_offered_until_it_has_been_started() {
        let now = Utc.with_ymd_and_hms(2026, 5, 29, 9, 0, 0).unwrap();
        let mut ids = SequentialIds(1);
        let mut book = Workbook::default();
        let pair = book
            .apply(
                Action::CreatePair {
                    mentor: "Ana".into(),
                    mentee: "Ben".into(),
                },
                now,
                &mut ids,
            )
            .unwrap()
            .pair;
        let offered = |book: &Workbook| !final_started(book.pair(pair).unwrap());
        assert!(offered(&book));
        book.apply(
            Action::StartRound {
                pair,
                due: Some(now.date_naive()),
                trigger: EvaluationTrigger::Closing,
            },
            now,
            &mut ids,
        )
        .unwrap();
        assert!(!offered(&book));
    }
}
