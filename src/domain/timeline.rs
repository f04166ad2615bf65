//! The roadmap across months: what the timeline draws, computed from the
//! plan so the view only places shapes.

use chrono::{Datelike, Months, NaiveDate};

use super::id::Id;
use super::model::{ObjectiveStatus, TaskStatus};
use super::record::{Body, Kind};
use super::workbook::PairData;

/// One line of the timeline: an objective's span or a milestone's date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    pub id: Id,
    pub title: String,
    /// Milestones are drawn as points under their objective.
    pub milestone: bool,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub done: bool,
    pub overdue: bool,
}

/// The months shown and the rows drawn across them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// The first day of the first month shown.
    pub from: NaiveDate,
    /// The first day of the month after the last one shown.
    pub to: NaiveDate,
    pub rows: Vec<TimelineRow>,
}

impl Timeline {
    /// The first day of every month shown.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut months = Vec::new();
        let mut month = self.from;
        while month < self.to {
            months.push(month);
            month = month + Months::new(1);
        }
        months
    }

    /// The timeline with every row neither done nor overdue: where its
    /// rows sit and what they say, which ticking a milestone or an
    /// objective does not change, so what is drawn from it stays.
    pub fn layout(&self) -> Timeline {
        Timeline {
            from: self.from,
            to: self.to,
            rows: self
                .rows
                .iter()
                .map(|row| TimelineRow {
                    done: false,
                    overdue: false,
                    ..row.clone()
                })
                .collect(),
        }
    }

    /// Where a date falls, from 0 (start of the first month) to 1 (end of
    /// the last).
    pub fn position(&self, date: NaiveDate) -> f64 {
        let span = (self.to - self.from).num_days().max(1) as f64;
        ((date - self.from).num_days() as f64 / span).clamp(0.0, 1.0)
    }
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

impl PairData {
    /// The timeline of the plan on `today`: objectives from when they were
    /// written to their date, milestones at their due date; `None` when
    /// nothing has a date yet.
    pub fn timeline(&self, today: NaiveDate) -> Option<Timeline> {
        let pair = self.id()?;
        let mut rows = Vec::new();
        for objective in self.children(pair, Kind::Objective) {
            let Body::Objective(content) = &objective.body else {
                continue;
            };
            let written = objective.created.date_naive();
            let due = content.smart.by_when;
            let finished = matches!(
                content.status,
                ObjectiveStatus::Achieved | ObjectiveStatus::Dropped
            );
            if let Some(due) = due {
                rows.push(TimelineRow {
                    id: objective.id,
                    title: content.title.clone(),
                    milestone: false,
                    start: written.min(due),
                    end: due,
                    done: finished,
                    overdue: !finished && due < today,
                });
            }
            for milestone in self.children(objective.id, Kind::Milestone) {
                let Body::Milestone(m) = &milestone.body else {
                    continue;
                };
                let Some(due) = m.due else { continue };
                let done = m.status == TaskStatus::Done;
                rows.push(TimelineRow {
                    id: milestone.id,
                    title: m.title.clone(),
                    milestone: true,
                    start: m.start.unwrap_or(due).min(due),
                    end: due,
                    done,
                    overdue: !done && due < today,
                });
            }
        }
        if rows.is_empty() {
            return None;
        }
        let first = rows.iter().map(|r| r.start).chain([today]).min()?;
        let last = rows.iter().map(|r| r.end).chain([today]).max()?;
        Some(Timeline {
            from: month_start(first),
            to: month_start(last) + Months::new(1),
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;
    use chrono::{TimeZone, Utc};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn rows_span_months_with_today_inside_and_late_items_flagged() {
        let mut ids = SequentialIds(0);
        let mut book = Workbook::default();
        let now = Utc.with_ymd_and_hms(2026, 3, 15, 9, 0, 0).unwrap();
        let pair = book
            .apply(
                Action::CreatePair {
                    mentor: "A".into(),
                    mentee: "B".into(),
                },
                now,
                &mut ids,
            )
            .unwrap()
            .pair;
        assert_eq!(
            book.pair(pair).unwrap().timeline(day(3, 15)),
            None,
            "nothing dated yet"
        );

        let mut objective = Objective {
            title: "Lead the audit".into(),
            ..Objective::default()
        };
        objective.smart.by_when = Some(day(6, 30));
        let add = Action::Add {
            pair,
            parent: pair,
            body: Body::Objective(objective),
        };
        let objective = book.apply(add, now, &mut ids).unwrap().created[0];
        let late = Milestone {
            title: "Shadow one".into(),
            due: Some(day(4, 1)),
            ..Milestone::default()
        };
        let add = Action::Add {
            pair,
            parent: objective,
            body: Body::Milestone(late),
        };
        book.apply(add, now, &mut ids).unwrap();
        let undated = Milestone {
            title: "Someday".into(),
            ..Milestone::default()
        };
        book.apply(
            Action::Add {
                pair,
                parent: objective,
                body: Body::Milestone(undated),
            },
            now,
            &mut ids,
        )
        .unwrap();

        let timeline = book.pair(pair).unwrap().timeline(day(5, 20)).unwrap();
        assert_eq!(timeline.from, day(3, 1));
        assert_eq!(timeline.to, day(7, 1));
        assert_eq!(
            timeline.months(),
            vec![day(3, 1), day(4, 1), day(5, 1), day(6, 1)]
        );
        assert_eq!(timeline.rows.len(), 2, "the undated milestone is not drawn");
        let (goal, step) = (&timeline.rows[0], &timeline.rows[1]);
        assert_eq!(
            (goal.start, goal.end, goal.overdue),
            (day(3, 15), day(6, 30), false)
        );
        assert!(step.milestone && step.overdue);
        assert_eq!(timeline.position(day(3, 1)), 0.0);
        assert_eq!(timeline.position(day(7, 1)), 1.0);
        let middle = timeline.position(day(5, 1));
        assert!(middle > 0.49 && middle < 0.51, "{middle}");
    }

    #[test]
    fn a_change_of_state_leaves_the_layout_as_it_was() {
        let row = |done, overdue| TimelineRow {
            id: Id::from_u128(7),
            title: "Shadow one".into(),
            milestone: true,
            start: day(4, 1),
            end: day(4, 1),
            done,
            overdue,
        };
        let late = Timeline {
            from: day(4, 1),
            to: day(5, 1),
            rows: vec![row(false, true)],
        };
        let reached = Timeline {
            rows: vec![row(true, false)],
            ..late.clone()
        };
        assert_ne!(late, reached);
        assert_eq!(late.layout(), reached.layout());
        assert_eq!(late.layout().rows, vec![row(false, false)]);
    }
}
