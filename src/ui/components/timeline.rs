//! The roadmap across months: a chart drawn as an SVG view, and the same
//! content as a table for those who cannot see the chart.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::browser::{local_date, local_month};
use crate::domain::{Timeline, TimelineRow};
use crate::state::Read;

const MONTH_WIDTH: i32 = 96;
const ROW_HEIGHT: i32 = 30;
const TOP: i32 = 26;

/// The timeline's card, shown while something in the plan has a date: a
/// column per month, a bar per objective (from when it was written to its
/// date), a diamond per milestone and a line for today; then the table.
///
/// The card is drawn from the timeline's layout, and only the shapes'
/// colours and the table's state cells follow the rows' states: ticking a
/// milestone at 100x changed every label and row of the card before (the
/// rebuild of an element writes all its attributes again), 4,947 DOM
/// mutations against 11 now (BENCHMARKS.md).
#[component]
pub fn TimelineCard(timeline: Read<Option<Timeline>>, today: NaiveDate) -> impl IntoView {
    let layout = Read::new(move || timeline.with(|t| t.as_ref().map(Timeline::layout)));
    move || layout.with(|l| l.as_ref().map(|l| card(l, timeline, today)))
}

/// The card of a timeline, drawn from its layout; `timeline` gives the
/// rows' states.
fn card(layout: &Timeline, timeline: Read<Option<Timeline>>, today: NaiveDate) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <div class="timeline-scroll" tabindex="0" role="region" aria-label="Timeline chart">
                {chart(layout, timeline, today)}
            </div>
            <table class="timeline-table">
                <caption>"The timeline as a table"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Item"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"State"</th>
                    </tr>
                </thead>
                <tbody>
                    {layout
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(i, row)| table_row(row, move || row_state(timeline, i)))
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Where the chart draws: its size, and the x of a date.
struct Frame<'a> {
    timeline: &'a Timeline,
    width: i32,
    height: i32,
}

impl<'a> Frame<'a> {
    fn new(timeline: &'a Timeline) -> Self {
        Frame {
            timeline,
            width: timeline.months().len() as i32 * MONTH_WIDTH,
            height: TOP + timeline.rows.len() as i32 * ROW_HEIGHT + 8,
        }
    }

    fn x(&self, date: NaiveDate) -> i32 {
        (self.timeline.position(date) * f64::from(self.width)).round() as i32
    }

    /// A vertical line across the chart at `x`, as path data.
    fn across(&self, x: i32) -> String {
        format!("M{x},0V{}", self.height)
    }

    /// The shape of the row at `index`, as path data.
    fn shape(&self, index: usize, row: &TimelineRow) -> String {
        let y = TOP + index as i32 * ROW_HEIGHT;
        let (start, end) = (self.x(row.start), self.x(row.end));
        if row.milestone {
            let (top, middle, bottom) = (y + 4, y + 12, y + 20);
            let (left, right) = (end - 8, end + 8);
            format!("M{end},{top}L{right},{middle}L{end},{bottom}L{left},{middle}Z")
        } else {
            let (left, top, straight) = (start + 4, y + 6, (end - start).max(8) - 8);
            format!(
                "M{left},{top}h{straight}a4,4 0 0 1 4,4v4a4,4 0 0 1 -4,4h-{straight}a4,4 0 0 1 -4,-4v-4a4,4 0 0 1 4,-4Z"
            )
        }
    }

    /// Where the label of a row starts: after a milestone's diamond, inside
    /// an objective's bar.
    fn label_x(&self, row: &TimelineRow) -> i32 {
        if row.milestone {
            self.x(row.end) + 12
        } else {
            self.x(row.start) + 4
        }
    }
}

/// The chart of a timeline, placed by its layout. Shapes of one colour
/// are one path, and every text is one kind of element, so the chart is a
/// handful of elements.
fn chart(layout: &Timeline, timeline: Read<Option<Timeline>>, today: NaiveDate) -> impl IntoView {
    let frame = Frame::new(layout);
    let months = layout.months();
    let now = frame.x(today);
    let mut labels: Vec<_> = months
        .iter()
        .enumerate()
        .map(|(i, month)| label(i as i32 * MONTH_WIDTH + 4, 16, "month", local_month(*month)))
        .collect();
    for (i, row) in layout.rows.iter().enumerate() {
        let y = TOP + i as i32 * ROW_HEIGHT + 27;
        labels.push(label(frame.label_x(row), y, "label", row.title.clone()));
    }
    labels.push(label(
        now + 4,
        frame.height - 4,
        "month",
        "today".to_string(),
    ));
    let grid: String = (0..months.len() as i32)
        .map(|i| frame.across(i * MONTH_WIDTH))
        .collect();
    let paths = Memo::new(move |_| timeline.with(|t| t.as_ref().map(items).unwrap_or_default()));
    view! {
        <svg
            width=frame.width
            height=frame.height
            role="img"
            aria-label="Objectives and milestones across the months, with today marked. The table below lists the same."
        >
            {shape(grid, "grid")}
            {state_path(paths, 0, "item")}
            {state_path(paths, 1, "item done")}
            {state_path(paths, 2, "item overdue")}
            {shape(frame.across(now), "today")}
            {labels}
        </svg>
    }
}

/// The rows' shapes as path data, one per state: open, done, overdue.
fn items(timeline: &Timeline) -> [String; 3] {
    let frame = Frame::new(timeline);
    let mut paths = [String::new(), String::new(), String::new()];
    for (i, row) in timeline.rows.iter().enumerate() {
        paths[usize::from(row.done) + 2 * usize::from(row.overdue)].push_str(&frame.shape(i, row));
    }
    paths
}

/// The path of the rows in one state (`paths[state]`), redrawn when they
/// change.
fn state_path(paths: Memo<[String; 3]>, state: usize, class: &'static str) -> impl IntoView {
    view! { <path d=move || paths.with(|p| p[state].clone()) class=class /> }
}

/// A shape of the chart, drawn from path data.
fn shape(d: String, class: &'static str) -> impl IntoView {
    view! { <path d=d class=class /> }
}

/// A text in the chart, at `x`, `y`.
fn label(x: i32, y: i32, class: &'static str, text: String) -> impl IntoView {
    view! {
        <text x=x y=y class=class>
            {text}
        </text>
    }
}

/// The state of the row at `index`, as its table cell says it.
fn row_state(timeline: Read<Option<Timeline>>, index: usize) -> Option<&'static str> {
    timeline.with(|t| {
        let row = t.as_ref()?.rows.get(index)?;
        Some(if row.overdue {
            "overdue"
        } else if row.done {
            "done"
        } else {
            "open"
        })
    })
}

/// A row of the timeline's table, its state drawn by `state`.
fn table_row(
    row: &TimelineRow,
    state: impl Fn() -> Option<&'static str> + Send + Sync + 'static,
) -> impl IntoView {
    let kind = if row.milestone {
        "Milestone"
    } else {
        "Objective"
    };
    view! {
        <tr>
            <th scope="row">{format!("{kind}: {}", row.title)}</th>
            {cell(local_date(row.start))}
            {cell(local_date(row.end))}
            <td>{state}</td>
        </tr>
    }
}

/// A cell of the timeline's table.
fn cell(text: String) -> impl IntoView {
    view! { <td>{text}</td> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn row(milestone: bool) -> TimelineRow {
        TimelineRow {
            id: Id::from_u128(1),
            title: "Outline".into(),
            milestone,
            start: date(2026, 1, 1),
            end: date(2026, 2, 1),
            done: false,
            overdue: false,
        }
    }

    fn two_months(rows: Vec<TimelineRow>) -> Timeline {
        Timeline {
            from: date(2026, 1, 1),
            to: date(2026, 3, 1),
            rows,
        }
    }

    #[test]
    fn the_chart_is_a_column_per_month_wide_and_a_row_per_item_high() {
        let timeline = two_months(vec![row(false), row(true)]);
        let frame = Frame::new(&timeline);
        assert_eq!((frame.width, frame.height), (192, 94));
    }

    #[test]
    fn today_sits_where_its_date_falls() {
        let timeline = two_months(vec![row(false)]);
        let frame = Frame::new(&timeline);
        // 31 of 59 days into a 192 px wide chart.
        assert_eq!(frame.across(frame.x(date(2026, 2, 1))), "M101,0V64");
    }

    #[test]
    fn an_objective_is_a_bar_and_a_milestone_a_diamond_at_its_date() {
        let timeline = two_months(vec![row(false), row(true)]);
        let frame = Frame::new(&timeline);
        let bar = frame.shape(0, &timeline.rows[0]);
        assert!(bar.starts_with("M4,32h93a4,4"), "{bar}");
        assert_eq!(frame.label_x(&timeline.rows[0]), 4);
        let diamond = frame.shape(1, &timeline.rows[1]);
        assert_eq!(diamond, "M101,60L109,68L101,76L93,68Z");
        assert_eq!(frame.label_x(&timeline.rows[1]), 113);
    }
}
