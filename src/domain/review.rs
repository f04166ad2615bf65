//! The Review stage's rules: evaluation rounds on the agreed schedule, both
//! sides' answers set side by side, ratings across rounds, and the figures
//! of the closing review.

use chrono::{Days, NaiveDate};

use super::id::Id;
use super::model::*;
use super::order::{sort_by, sort_by_key};
use super::record::{Body, Kind, Record};
use super::stage::StageStatus;
use super::workbook::PairData;

/// The id of the scheduled round due on `due` in `pair`. Both devices
/// derive the same id, so answers given on two devices belong to one round
/// after their files are merged.
pub fn scheduled_round_id(pair: Id, due: NaiveDate) -> Id {
    Id::derived(&format!("{pair}/evaluation/{due}"))
}

/// The next scheduled evaluation and how far away it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvaluationDue {
    pub due: NaiveDate,
    /// Negative once it is overdue.
    pub days_left: i64,
    /// The round's id (it may not exist yet: the first answer creates it).
    pub round: Id,
}

/// One practice as both sides rated it in a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PracticeGap {
    pub practice: Practice,
    pub mentor: Option<u8>,
    pub mentee: Option<u8>,
}

impl PracticeGap {
    /// How far apart the two ratings are, when both sides gave one.
    pub fn gap(&self) -> Option<u8> {
        Some(self.mentor?.abs_diff(self.mentee?))
    }

    /// The lower of the two ratings given.
    pub fn lowest(&self) -> Option<u8> {
        match (self.mentor, self.mentee) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A column of the trend charts: a dated round, told apart from other
/// rounds of the same date by its place among them (0 for the first).
pub type Column = (NaiveDate, u8);

/// A rating of one practice or objective by one side across rounds:
/// (the round's column, the score), oldest first.
pub type Trend = Vec<(Column, u8)>;

/// A dated round's chart column and each side's answers, mentor first.
struct DatedRound<'a> {
    column: Column,
    answers: [Option<&'a EvaluationAnswers>; 2],
}

/// The dated rounds of a pair, oldest first, with their answers.
pub struct AnsweredRounds<'a>(Vec<DatedRound<'a>>);

impl AnsweredRounds<'_> {
    /// The rounds that have answers, as chart columns.
    pub fn columns(&self) -> Vec<Column> {
        self.0
            .iter()
            .filter(|r| r.answers.iter().any(Option::is_some))
            .map(|r| r.column)
            .collect()
    }

    /// One side's rating of a practice across the rounds.
    pub fn practice_trend(&self, practice: Practice, side: Side) -> Trend {
        self.trend(side, |a| a.practices.get(&practice))
    }

    /// One side's rating of progress on an objective across the rounds.
    pub fn objective_trend(&self, objective: Id, side: Side) -> Trend {
        self.trend(side, |a| a.objectives.get(&objective))
    }

    fn trend(&self, side: Side, rating: impl Fn(&EvaluationAnswers) -> Option<&Rating>) -> Trend {
        let at = Side::ALL.iter().position(|s| *s == side).unwrap_or(0);
        self.0
            .iter()
            .filter_map(|r| Some((r.column, rating(r.answers[at]?)?.score)))
            .collect()
    }
}

/// The figures of the closing review.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClosingSummary {
    pub objectives_achieved: usize,
    pub objectives_not_achieved: usize,
    pub sessions_held: usize,
    pub actions_done: usize,
    pub actions_open: usize,
    pub wins: usize,
    pub resources: usize,
    pub contacts: usize,
}

/// Every practice, in the order the evaluation asks about them.
pub const PRACTICES: [Practice; 8] = [
    Practice::ClearObjectives,
    Practice::OpenCommunication,
    Practice::SharingExperience,
    Practice::GoalSetting,
    Practice::Networking,
    Practice::ResourcesAndSupport,
    Practice::IndependentThinking,
    Practice::Relationship,
];

impl Practice {
    /// The practice's short name.
    pub fn label(self) -> &'static str {
        match self {
            Practice::ClearObjectives => "Clear objectives",
            Practice::OpenCommunication => "Open communication",
            Practice::SharingExperience => "Sharing experience",
            Practice::GoalSetting => "Goal setting and planning",
            Practice::Networking => "Networking",
            Practice::ResourcesAndSupport => "Resources and support",
            Practice::IndependentThinking => "Independent thinking",
            Practice::Relationship => "Our relationship",
        }
    }

    /// What a rating of 5 would mean, asked of both sides.
    pub fn question(self) -> &'static str {
        match self {
            Practice::ClearObjectives => "We both know what we are working towards, and why.",
            Practice::OpenCommunication => {
                "We say what we think, including when something is not working."
            }
            Practice::SharingExperience => {
                "The mentor's experience comes in a form the mentee can use."
            }
            Practice::GoalSetting => "Goals turn into plans with steps and dates.",
            Practice::Networking => "The mentee meets people who can help, through the mentor.",
            Practice::ResourcesAndSupport => {
                "The mentee finds the reading, tools and support the goals need."
            }
            Practice::IndependentThinking => {
                "The mentee is asked to find answers, not handed them."
            }
            Practice::Relationship => "We trust each other, and the time together is worth it.",
        }
    }
}

impl EvaluationTrigger {
    /// Why the round happens, as a few words.
    pub fn label(self) -> &'static str {
        match self {
            EvaluationTrigger::Scheduled => "scheduled",
            EvaluationTrigger::Milestone => "after a milestone",
            EvaluationTrigger::OnDemand => "asked for",
            EvaluationTrigger::Closing => "closing review",
        }
    }
}

impl EvaluationDue {
    /// When it is due, in words: "due in 3 days", "overdue by 1 day".
    pub fn wording(&self) -> String {
        super::cadence::due_wording(self.days_left)
    }
}

impl PairData {
    /// The evaluation rounds, oldest due date first (undated last).
    pub fn evaluations(&self) -> Vec<(&Record, &Evaluation)> {
        let Some(pair) = self.id() else {
            return Vec::new();
        };
        let mut found: Vec<(&Record, &Evaluation)> = self
            .children(pair, Kind::Evaluation)
            .into_iter()
            .filter_map(|r| match &r.body {
                Body::Evaluation(e) => Some((r, e)),
                _ => None,
            })
            .collect();
        sort_by_key(&mut found, |(r, e)| {
            (e.due.is_none(), e.due, r.created, r.id)
        });
        found
    }

    /// One side's answers to a round.
    pub fn answers(&self, round: Id, side: Side) -> Option<(Id, &EvaluationAnswers)> {
        self.children(round, Kind::EvaluationAnswers)
            .into_iter()
            .find_map(|r| match &r.body {
                Body::EvaluationAnswers(a) if a.side == Some(side) => Some((r.id, a)),
                _ => None,
            })
    }

    /// The latest round both sides have answered.
    pub fn last_complete_round(&self) -> Option<(&Record, &Evaluation)> {
        self.evaluations()
            .into_iter()
            .rev()
            .find(|(r, _)| self.round_complete(r.id))
    }

    /// Whether both sides have answered a round.
    pub fn round_complete(&self, round: Id) -> bool {
        Side::ALL
            .iter()
            .all(|side| self.answers(round, *side).is_some())
    }

    /// What the agreement still needs before evaluations are scheduled, by
    /// the names its fields have on the Agree page; empty once they are.
    pub fn schedule_needs(&self) -> Vec<&'static str> {
        let agreement = self.agreement();
        let mut needs = Vec::new();
        if agreement.and_then(|a| a.start).is_none() {
            needs.push("Start date");
        }
        if agreement.is_none_or(|a| a.review_every_weeks == 0) {
            needs.push("Weeks between reviews");
        }
        needs
    }

    /// The next scheduled evaluation: every `review_every_weeks` weeks from
    /// the agreement's start, the first such date after the last round both
    /// sides have answered. `None` without a start date or a schedule.
    pub fn next_evaluation(&self, today: NaiveDate) -> Option<EvaluationDue> {
        let agreement = self.agreement()?;
        let start = agreement.start?;
        let every = u64::from(agreement.review_every_weeks) * 7;
        if every == 0 {
            return None;
        }
        let last_done = self
            .evaluations()
            .into_iter()
            .filter(|(r, _)| self.round_complete(r.id))
            .filter_map(|(_, e)| e.due)
            .max();
        let mut due = start.checked_add_days(Days::new(every))?;
        while last_done.is_some_and(|done| due <= done) {
            due = due.checked_add_days(Days::new(every))?;
        }
        Some(EvaluationDue {
            due,
            days_left: (due - today).num_days(),
            round: scheduled_round_id(self.id()?, due),
        })
    }

    /// Both sides' ratings of each practice in a round, the largest
    /// disagreement first; practices one side has not rated yet come last.
    pub fn compare(&self, round: Id) -> Vec<PracticeGap> {
        let score = |side, practice: Practice| {
            self.answers(round, side)
                .and_then(|(_, a)| a.practices.get(&practice))
                .map(|r| r.score)
        };
        let mut gaps: Vec<PracticeGap> = PRACTICES
            .iter()
            .map(|&practice| PracticeGap {
                practice,
                mentor: score(Side::Mentor, practice),
                mentee: score(Side::Mentee, practice),
            })
            .filter(|g| g.mentor.is_some() || g.mentee.is_some())
            .collect();
        sort_by(&mut gaps, |a, b| {
            b.gap().cmp(&a.gap()).then(a.lowest().cmp(&b.lowest()))
        });
        gaps
    }

    /// The practices that either side rated lowest in a round: every
    /// practice whose lower rating is the round's lowest, in the order of
    /// the evaluation.
    pub fn lowest_rated(&self, round: Id) -> Vec<PracticeGap> {
        let gaps = self.compare(round);
        let Some(lowest) = gaps.iter().filter_map(PracticeGap::lowest).min() else {
            return Vec::new();
        };
        let mut found: Vec<PracticeGap> = gaps
            .into_iter()
            .filter(|g| g.lowest() == Some(lowest))
            .collect();
        sort_by_key(&mut found, |g| {
            PRACTICES.iter().position(|p| *p == g.practice)
        });
        found
    }

    /// One side's rating of a practice across the dated rounds.
    pub fn practice_trend(&self, practice: Practice, side: Side) -> Trend {
        self.answered_rounds().practice_trend(practice, side)
    }

    /// One side's rating of progress on an objective across the dated rounds.
    pub fn objective_trend(&self, objective: Id, side: Side) -> Trend {
        self.answered_rounds().objective_trend(objective, side)
    }

    /// The columns of the trend charts: the dated rounds that have answers,
    /// oldest first.
    pub fn trend_columns(&self) -> Vec<Column> {
        self.answered_rounds().columns()
    }

    /// The dated rounds, oldest first, with each side's answers: found once
    /// for all the trends of a page, which each read every round.
    pub fn answered_rounds(&self) -> AnsweredRounds<'_> {
        let mut rounds: Vec<DatedRound<'_>> = Vec::new();
        for (record, evaluation) in self.evaluations() {
            if let Some(due) = evaluation.due {
                let before = rounds.iter().filter(|r| r.column.0 == due).count();
                rounds.push(DatedRound {
                    column: (due, before as u8),
                    answers: Side::ALL.map(|side| self.answers(record.id, side).map(|(_, a)| a)),
                });
            }
        }
        AnsweredRounds(rounds)
    }

    /// The figures of the closing review.
    pub fn closing_summary(&self) -> ClosingSummary {
        let Some(pair) = self.id() else {
            return ClosingSummary::default();
        };
        let mut summary = ClosingSummary::default();
        for objective in self.children(pair, Kind::Objective) {
            if let Body::Objective(o) = &objective.body {
                if o.status == ObjectiveStatus::Achieved {
                    summary.objectives_achieved += 1;
                } else {
                    summary.objectives_not_achieved += 1;
                }
            }
        }
        summary.sessions_held = self.sessions().len();
        for (_, action) in self.actions() {
            if action.done_on.is_some() {
                summary.actions_done += 1;
            } else {
                summary.actions_open += 1;
            }
        }
        summary.wins = self.wins().len();
        summary.resources = self.children(pair, Kind::Resource).len();
        summary.contacts = self.children(pair, Kind::Contact).len();
        summary
    }

    /// For each practice and side rated in two rounds or more: the first
    /// and the last score, for the closing review. It reads the evaluation
    /// rounds alone, so it is apart from the counts of `closing_summary`.
    pub fn rating_moves(&self) -> Vec<(Practice, Side, u8, u8)> {
        let rounds = self.answered_rounds();
        let mut moves = Vec::new();
        for practice in PRACTICES {
            for side in Side::ALL {
                let trend = rounds.practice_trend(practice, side);
                if let [(_, first), .., (_, last)] = trend.as_slice() {
                    moves.push((practice, side, *first, *last));
                }
            }
        }
        moves
    }

    /// Done once the mentorship is closed; due while a scheduled evaluation
    /// is overdue; current otherwise.
    pub fn review_status(&self, today: NaiveDate) -> StageStatus {
        if self.is_closed() {
            StageStatus::Done
        } else if self.next_evaluation(today).is_some_and(|e| e.days_left < 0) {
            StageStatus::Due
        } else {
            StageStatus::Current
        }
    }
}

#[cfg(test)]
mod tests;
