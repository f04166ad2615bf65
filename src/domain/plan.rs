//! The plan: objectives, their agreement by both sides, their history, and
//! progress derived from milestones and steps.

use super::hash::content_hash;
use super::id::Id;
use super::json::{Object, ToJson};
use super::model::*;
use super::order::sort_by_key;
use super::record::{Body, Kind};
use super::workbook::PairData;

/// What an agreement to an objective covers: its title and SMART content.
struct Agreed<'a> {
    title: &'a str,
    smart: &'a Smart,
}

impl ToJson for Agreed<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member("title", &self.title)
            .member("smart", self.smart)
            .end();
    }
}

/// The fingerprint of an objective's agreed content.
pub fn objective_hash(objective: &Objective) -> String {
    content_hash(&Agreed {
        title: &objective.title,
        smart: &objective.smart,
    })
}

/// How far along something is: done out of total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// Whole percent done; 0 when there is nothing to do yet.
    pub fn percent(self) -> u8 {
        (self.done * 100)
            .checked_div(self.total)
            .map_or(0, |percent| percent.min(100) as u8)
    }
}

/// One side's agreement to an objective, and whether it still holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Consent {
    #[default]
    Missing,
    Current,
    Stale,
}

impl PairData {
    /// An objective's content.
    pub fn objective(&self, id: Id) -> Option<&Objective> {
        match &self.record(id)?.body {
            Body::Objective(objective) => Some(objective),
            _ => None,
        }
    }

    /// Where each side's agreement stands, in `Side::ALL` order: the
    /// objective's content hashed once, its agreements looked at once.
    pub fn consents(&self, objective: Id) -> [Consent; 2] {
        let Some(content) = self.objective(objective) else {
            return [Consent::Missing; 2];
        };
        let hash = objective_hash(content);
        let consents: Vec<_> = self
            .children(objective, Kind::ObjectiveConsent)
            .into_iter()
            .filter_map(|r| match &r.body {
                Body::ObjectiveConsent(c) => Some((r.updated, c)),
                _ => None,
            })
            .collect();
        Side::ALL.map(|side| {
            let latest = consents
                .iter()
                .filter(|(_, c)| c.side == Some(side))
                .max_by_key(|(updated, c)| (c.date, *updated));
            match latest {
                None => Consent::Missing,
                Some((_, c)) if c.agreed_hash == hash => Consent::Current,
                Some(_) => Consent::Stale,
            }
        })
    }

    /// Both sides agree to the objective as it stands.
    pub fn objective_agreed(&self, objective: Id) -> bool {
        self.consents(objective) == [Consent::Current; 2]
    }

    /// The status to show: the stored one, except that a draft or proposed
    /// objective reads "agreed" while both sides' agreements hold, and an
    /// agreed one reads "proposed" once they no longer do.
    pub fn objective_status(&self, objective: Id) -> Option<ObjectiveStatus> {
        let stored = self.objective(objective)?.status;
        Some(match stored {
            ObjectiveStatus::Draft | ObjectiveStatus::Proposed | ObjectiveStatus::Agreed => {
                let consents = self.consents(objective);
                if consents == [Consent::Current; 2] {
                    ObjectiveStatus::Agreed
                } else if stored == ObjectiveStatus::Draft && consents == [Consent::Missing; 2] {
                    ObjectiveStatus::Draft
                } else {
                    ObjectiveStatus::Proposed
                }
            }
            other => other,
        })
    }

    /// Progress on an objective: its steps done, or its milestones done
    /// when it has no steps yet.
    pub fn objective_progress(&self, objective: Id) -> Progress {
        let milestones = self.children(objective, Kind::Milestone);
        let mut steps = Progress::default();
        let mut reached = Progress::default();
        for milestone in &milestones {
            reached.total += 1;
            if matches!(&milestone.body, Body::Milestone(m) if m.status == TaskStatus::Done) {
                reached.done += 1;
            }
            for step in self.children(milestone.id, Kind::Step) {
                steps.total += 1;
                if matches!(&step.body, Body::Step(s) if s.status == TaskStatus::Done) {
                    steps.done += 1;
                }
            }
        }
        if steps.total > 0 {
            steps
        } else {
            reached
        }
    }

    /// An objective's earlier versions, oldest first.
    pub fn revisions(&self, objective: Id) -> Vec<&Revision> {
        let mut found: Vec<(&Revision, &str)> = self
            .children(objective, Kind::Revision)
            .into_iter()
            .filter_map(|r| match &r.body {
                Body::Revision(revision) => Some((revision, r.rank.as_str())),
                _ => None,
            })
            .collect();
        sort_by_key(&mut found, |(revision, rank)| (revision.date, *rank));
        found.into_iter().map(|(revision, _)| revision).collect()
    }

    /// The pair's wins, newest first.
    pub fn wins(&self) -> Vec<&Win> {
        let Some(pair) = self.id() else {
            return Vec::new();
        };
        let mut found: Vec<(&Win, &str)> = self
            .children(pair, Kind::Win)
            .into_iter()
            .filter_map(|r| match &r.body {
                Body::Win(win) => Some((win, r.rank.as_str())),
                _ => None,
            })
            .collect();
        sort_by_key(&mut found, |(win, rank)| {
            std::cmp::Reverse((win.date, *rank))
        });
        found.into_iter().map(|(win, _)| win).collect()
    }
}

/// The kind of record that a record of `kind` may be added under, for the
/// kinds that are added with `Action::Add`.
pub fn parent_kind(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::Objective => Some(Kind::Pair),
        Kind::Milestone => Some(Kind::Objective),
        Kind::Step => Some(Kind::Milestone),
        Kind::Session | Kind::Resource | Kind::Contact | Kind::Evaluation => Some(Kind::Pair),
        Kind::SessionPart | Kind::ActionItem => Some(Kind::Session),
        Kind::EvaluationAnswers => Some(Kind::Evaluation),
        _ => None,
    }
}

/// Whether a record of kind `child` may be added under a `parent`: where
/// `parent_kind` puts it, and an action item may also come from an
/// evaluation round (an adjustment the pair agreed to make).
pub fn may_hold(parent: Kind, child: Kind) -> bool {
    parent_kind(child) == Some(parent) || (parent, child) == (Kind::Evaluation, Kind::ActionItem)
}

/// Whether a stored record of kind `child` may sit under a `parent`: the
/// places `may_hold` allows for added records, and those of the records
/// that actions and merges put in place themselves. A kept conflict hangs
/// under the record it is a version of, which is never itself a conflict.
/// Under these rules no chain from the pair down holds more than five
/// records (pair, objective, milestone, step, a kept conflict), so no
/// walk up or down a pair the reader accepted can go deep.
pub fn may_hang_under(parent: Kind, child: Kind) -> bool {
    match child {
        Kind::Pair => false,
        Kind::Agreement | Kind::Win => parent == Kind::Pair,
        Kind::Confirmation => parent == Kind::Agreement,
        Kind::ObjectiveConsent | Kind::Revision => parent == Kind::Objective,
        Kind::Conflict => parent != Kind::Conflict,
        Kind::Objective
        | Kind::Milestone
        | Kind::Step
        | Kind::Session
        | Kind::SessionPart
        | Kind::ActionItem
        | Kind::Resource
        | Kind::Contact
        | Kind::Evaluation
        | Kind::EvaluationAnswers => may_hold(parent, child),
    }
}

#[cfg(test)]
mod tests;
