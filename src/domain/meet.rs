//! The Meet stage read from a pair: its sessions, the actions they left
//! open, and when the pair should meet next.

use chrono::{DateTime, NaiveDate, Utc};

use super::cadence::{next_check_in, CheckIn};
use super::id::Id;
use super::model::{ActionItem, Session, SessionPart, Side};
use super::order::{sort_by, sort_by_key};
use super::record::{Body, Kind, Record};
use super::stage::{Calendar, StageStatus};
use super::workbook::PairData;

impl PairData {
    /// The pair's sessions, newest first.
    pub fn sessions(&self) -> Vec<(&Record, &Session)> {
        let Some(pair) = self.id() else {
            return Vec::new();
        };
        let mut found: Vec<(&Record, &Session)> = self
            .children(pair, Kind::Session)
            .into_iter()
            .filter_map(|r| match &r.body {
                Body::Session(s) => Some((r, s)),
                _ => None,
            })
            .collect();
        sort_by(&mut found, |(ra, a), (rb, b)| {
            (b.starts_at, rb.created, rb.id).cmp(&(a.starts_at, ra.created, ra.id))
        });
        found
    }

    /// The sessions whose agenda, notes, questions or either side's part
    /// mention `text` (ignoring the case of ASCII letters: full Unicode case
    /// folding would add its tables to the wasm), and that touched `objective` when
    /// one is given; newest first.
    pub fn find_sessions(&self, text: &str, objective: Option<Id>) -> Vec<Id> {
        let needle = text.trim().to_ascii_lowercase();
        self.sessions()
            .into_iter()
            .filter(|(_, s)| objective.is_none_or(|o| s.objectives.contains(&o)))
            .filter(|(r, s)| {
                needle.is_empty() || {
                    let parts = self.children(r.id, Kind::SessionPart);
                    let part_texts = parts.iter().filter_map(|p| match &p.body {
                        Body::SessionPart(part) => Some(part.text.as_str()),
                        _ => None,
                    });
                    [s.agenda.as_str(), s.notes.as_str()]
                        .into_iter()
                        .chain(s.questions.iter().map(String::as_str))
                        .chain(part_texts)
                        .any(|t| t.to_ascii_lowercase().contains(&needle))
                }
            })
            .map(|(r, _)| r.id)
            .collect()
    }

    /// One side's own part of a session: its reflections or feedback.
    pub fn session_part(&self, session: Id, side: Side) -> Option<(Id, &SessionPart)> {
        self.children(session, Kind::SessionPart)
            .into_iter()
            .find_map(|r| match &r.body {
                Body::SessionPart(part) if part.side == Some(side) => Some((r.id, part)),
                _ => None,
            })
    }

    /// Every action item, from the sessions and from the evaluation rounds
    /// (adjustments the pair agreed to make), in no promised order: the
    /// parents are walked as the index keeps them, not sorted by date.
    pub fn actions(&self) -> Vec<(&Record, &ActionItem)> {
        let Some(pair) = self.id() else {
            return Vec::new();
        };
        self.all_children(pair)
            .filter(|r| {
                !r.is_deleted() && matches!(r.body.kind(), Kind::Session | Kind::Evaluation)
            })
            .flat_map(|parent| self.children(parent.id, Kind::ActionItem))
            .filter_map(|r| match &r.body {
                Body::ActionItem(a) => Some((r, a)),
                _ => None,
            })
            .collect()
    }

    /// Action items not yet done; those due soonest first, undated ones last.
    pub fn open_actions(&self) -> Vec<(Id, &ActionItem)> {
        let mut found: Vec<(Id, &ActionItem, &Record)> = self
            .actions()
            .into_iter()
            .filter(|(_, a)| a.done_on.is_none())
            .map(|(r, a)| (r.id, a, r))
            .collect();
        sort_by_key(&mut found, |(id, a, r)| {
            (a.due.is_none(), a.due, r.created, *id)
        });
        found.into_iter().map(|(id, a, _)| (id, a)).collect()
    }

    /// Open action items whose due date has passed, in no promised order.
    pub fn overdue_actions(&self, today: NaiveDate) -> Vec<Id> {
        self.actions()
            .into_iter()
            .filter(|(_, a)| a.done_on.is_none() && a.due.is_some_and(|due| due < today))
            .map(|(r, _)| r.id)
            .collect()
    }

    /// The most recent session that has begun by `now`.
    pub fn last_meeting(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.sessions()
            .into_iter()
            .filter_map(|(_, s)| s.starts_at)
            .find(|at| *at <= now)
    }

    /// The next check-in, from the agreed cadence and the last meeting.
    pub fn check_in(&self, calendar: Calendar) -> Option<CheckIn> {
        let agreement = self.agreement()?;
        let last = self.last_meeting(calendar.now).map(calendar.day_of);
        next_check_in(agreement.cadence, last, agreement.start, calendar.today)
    }

    /// Due when the check-in or an action is overdue, current otherwise.
    pub fn meet_status(&self, calendar: Calendar) -> StageStatus {
        let late_check_in = self.check_in(calendar).is_some_and(|c| c.days_left < 0);
        if late_check_in || !self.overdue_actions(calendar.today).is_empty() {
            StageStatus::Due
        } else {
            StageStatus::Current
        }
    }
}

#[cfg(test)]
mod tests;
