//! The four stages and where a pair stands in each, derived from its data.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{ObjectiveStatus, TaskStatus};
use super::record::{Body, Kind};
use super::workbook::PairData;

/// When a rule is evaluated: the instant, today in the reader's calendar,
/// and which day of that calendar an instant falls on (the browser knows
/// the time zone; tests use UTC).
#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub day_of: fn(DateTime<Utc>) -> NaiveDate,
}

impl Calendar {
    /// A calendar in UTC at `now`.
    pub fn utc(now: DateTime<Utc>) -> Self {
        Calendar {
            now,
            today: now.date_naive(),
            day_of: |instant| instant.date_naive(),
        }
    }

    /// A calendar in UTC at noon on `today`.
    pub fn noon(today: NaiveDate) -> Self {
        Calendar::utc(today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    }
}

/// A stage of the mentoring journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Agree,
    Plan,
    Meet,
    Review,
}

/// Where a pair stands in a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageStatus {
    /// Finished, and nothing has changed it since.
    Done,
    /// Where the pair is working now.
    Current,
    /// Needs attention: something is missing, stale or late.
    Due,
}

impl Stage {
    /// The four stages in order.
    pub const ALL: [Stage; 4] = [Stage::Agree, Stage::Plan, Stage::Meet, Stage::Review];

    /// The stage's name.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Agree => "Agree",
            Stage::Plan => "Plan",
            Stage::Meet => "Meet",
            Stage::Review => "Review",
        }
    }
}

impl StageStatus {
    /// The word shown next to the stage.
    pub fn label(self) -> &'static str {
        match self {
            StageStatus::Done => "done",
            StageStatus::Current => "current",
            StageStatus::Due => "due",
        }
    }
}

impl PairData {
    /// Due while no objective is agreed or a milestone or step is late;
    /// done when every objective is achieved or dropped.
    fn plan_status(&self, today: NaiveDate) -> StageStatus {
        let Some(pair) = self.id() else {
            return StageStatus::Due;
        };
        let objectives = self.children(pair, Kind::Objective);
        let statuses: Vec<ObjectiveStatus> = objectives
            .iter()
            .filter_map(|o| self.objective_status(o.id))
            .collect();
        let finished =
            |s: &ObjectiveStatus| matches!(s, ObjectiveStatus::Achieved | ObjectiveStatus::Dropped);
        if !statuses.is_empty() && statuses.iter().all(finished) {
            return StageStatus::Done;
        }
        let agreed = objectives.iter().any(|o| self.objective_agreed(o.id));
        if !agreed || !self.overdue_tasks(today).is_empty() {
            StageStatus::Due
        } else {
            StageStatus::Current
        }
    }

    /// Milestones and steps past their due date and not done, in roadmap
    /// order: found by walking the live objectives' roadmaps, so deleted
    /// branches are never visited.
    pub fn overdue_tasks(&self, today: NaiveDate) -> Vec<super::id::Id> {
        let late = |due: Option<NaiveDate>, status: TaskStatus| {
            status != TaskStatus::Done && due.is_some_and(|due| due < today)
        };
        let mut found = Vec::new();
        let Some(pair) = self.id() else {
            return found;
        };
        for objective in self.children(pair, Kind::Objective) {
            for milestone in self.children(objective.id, Kind::Milestone) {
                if let Body::Milestone(m) = &milestone.body {
                    if late(m.due, m.status) {
                        found.push(milestone.id);
                    }
                }
                for step in self.children(milestone.id, Kind::Step) {
                    if let Body::Step(s) = &step.body {
                        if late(s.due, s.status) {
                            found.push(step.id);
                        }
                    }
                }
            }
        }
        found
    }

    /// Where the pair stands in `stage` at the time `calendar` gives.
    pub fn stage_status(&self, stage: Stage, calendar: Calendar) -> StageStatus {
        let today = calendar.today;
        match stage {
            Stage::Agree => match self.agreement_status() {
                Some(status) if status.agreed() => StageStatus::Done,
                Some(status) if status.changed_since_agreed() => StageStatus::Due,
                _ => StageStatus::Current,
            },
            Stage::Plan => self.plan_status(today),
            Stage::Meet => self.meet_status(calendar),
            Stage::Review => self.review_status(today),
        }
    }
}
