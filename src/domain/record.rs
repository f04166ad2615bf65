use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::id::Id;
use super::model::*;

/// One stored thing in a pair: its identity, its place and its content.
///
/// Children point at their parent; no record stores a list of children, so
/// two people adding to the same parent never touch the same record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Record {
    pub id: Id,
    /// The record this one belongs to (`Id::NONE` for the pair record).
    pub parent: Id,
    #[serde(with = "super::time::instant")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "String"))]
    pub created: DateTime<Utc>,
    #[serde(with = "super::time::instant")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "String"))]
    pub updated: DateTime<Utc>,
    /// Orders siblings (see `rank`).
    pub rank: String,
    pub body: Body,
    /// The version of this record (its `updated`) that both copies last
    /// held, as far as this copy knows: an import sets it when it brings or
    /// finds the other side's version, and edits here keep it. It is how an
    /// import tells an edit of the other side's version from a change made
    /// on both sides (see `merge::import_pair`).
    #[serde(
        with = "super::time::instant_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub base: Option<DateTime<Utc>>,
}

/// A record's content, by kind; a deleted record keeps only its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Pair(PairInfo),
    Agreement(Agreement),
    Confirmation(Confirmation),
    Objective(Objective),
    ObjectiveConsent(ObjectiveConsent),
    Revision(Revision),
    Milestone(Milestone),
    Step(Step),
    Win(Win),
    Session(Session),
    SessionPart(SessionPart),
    ActionItem(ActionItem),
    Resource(Resource),
    Contact(Contact),
    Evaluation(Evaluation),
    EvaluationAnswers(EvaluationAnswers),
    /// A version of the parent record that lost to a newer one when both
    /// sides had changed it: kept so the user can see it and restore it.
    Conflict(Box<Record>),
    /// A tombstone: the record was deleted; deletion travels on merge.
    Deleted(Kind),
}

/// The kind of a record, kept by tombstones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Pair,
    Agreement,
    Confirmation,
    Objective,
    ObjectiveConsent,
    Revision,
    Milestone,
    Step,
    Win,
    Session,
    SessionPart,
    ActionItem,
    Resource,
    Contact,
    Evaluation,
    EvaluationAnswers,
    Conflict,
}

impl Kind {
    /// How a person counts records of this kind: "1 session", "2 sessions".
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            Kind::Pair => ("change to the pair", "changes to the pair"),
            Kind::Agreement => ("change to the agreement", "changes to the agreement"),
            Kind::Confirmation => ("confirmation", "confirmations"),
            Kind::Objective => ("objective", "objectives"),
            Kind::ObjectiveConsent => ("agreement to an objective", "agreements to objectives"),
            Kind::Revision => ("objective revision", "objective revisions"),
            Kind::Milestone => ("milestone", "milestones"),
            Kind::Step => ("step", "steps"),
            Kind::Win => ("win", "wins"),
            Kind::Session => ("session", "sessions"),
            Kind::SessionPart => ("reflection or feedback", "reflections and feedback"),
            Kind::ActionItem => ("action", "actions"),
            Kind::Resource => ("resource", "resources"),
            Kind::Contact => ("introduction", "introductions"),
            Kind::Evaluation => ("evaluation round", "evaluation rounds"),
            Kind::EvaluationAnswers => ("set of evaluation answers", "sets of evaluation answers"),
            Kind::Conflict => (
                "change made on both sides (the other version is on the dashboard)",
                "changes made on both sides (the other versions are on the dashboard)",
            ),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

impl Body {
    /// The kind of record this content belongs to.
    pub fn kind(&self) -> Kind {
        match self {
            Body::Pair(_) => Kind::Pair,
            Body::Agreement(_) => Kind::Agreement,
            Body::Confirmation(_) => Kind::Confirmation,
            Body::Objective(_) => Kind::Objective,
            Body::ObjectiveConsent(_) => Kind::ObjectiveConsent,
            Body::Revision(_) => Kind::Revision,
            Body::Milestone(_) => Kind::Milestone,
            Body::Step(_) => Kind::Step,
            Body::Win(_) => Kind::Win,
            Body::Session(_) => Kind::Session,
            Body::SessionPart(_) => Kind::SessionPart,
            Body::ActionItem(_) => Kind::ActionItem,
            Body::Resource(_) => Kind::Resource,
            Body::Contact(_) => Kind::Contact,
            Body::Evaluation(_) => Kind::Evaluation,
            Body::EvaluationAnswers(_) => Kind::EvaluationAnswers,
            Body::Conflict(_) => Kind::Conflict,
            Body::Deleted(kind) => *kind,
        }
    }

    /// The side that owns this content, for records one person writes.
    pub fn owner(&self) -> Option<Side> {
        match self {
            Body::Confirmation(c) => c.side,
            Body::ObjectiveConsent(c) => c.side,
            Body::Revision(r) => r.side,
            Body::Win(w) => w.side,
            Body::SessionPart(p) => p.side,
            Body::EvaluationAnswers(a) => a.side,
            _ => None,
        }
    }
}

impl Record {
    /// A new record, created and updated now.
    pub fn new(id: Id, parent: Id, now: DateTime<Utc>, rank: String, body: Body) -> Self {
        Record {
            id,
            parent,
            created: now,
            updated: now,
            rank,
            body,
            base: None,
        }
    }

    /// Whether the record has been deleted.
    pub fn is_deleted(&self) -> bool {
        matches!(self.body, Body::Deleted(_))
    }

    /// Whether two versions of a record have the same outline: where it
    /// hangs (parent and rank), whether it is deleted, and the dates lists
    /// order and count it by (a session's start, an action's due and done
    /// dates). An edit that keeps the outline changes only what the record
    /// says, so a list of such records stays as it was.
    pub fn same_outline(&self, other: &Record) -> bool {
        let dates = |r: &Record| match &r.body {
            Body::Session(s) => (s.starts_at, None, None),
            Body::ActionItem(a) => (None, a.due, a.done_on),
            _ => (None, None, None),
        };
        (self.parent, &self.rank, self.is_deleted(), dates(self))
            == (other.parent, &other.rank, other.is_deleted(), dates(other))
    }

    /// Replaces the content and moves the update time forward.
    pub fn revise(&mut self, body: Body, now: DateTime<Utc>) {
        self.body = body;
        self.updated = next_update(now, self.updated);
    }
}

/// The update time for an edit made at `now` to a record last updated at
/// `previous`: never earlier than one millisecond after `previous`, so an
/// edit on a device with a slow clock still wins over the version it edited.
pub fn next_update(now: DateTime<Utc>, previous: DateTime<Utc>) -> DateTime<Utc> {
    now.max(previous + Duration::milliseconds(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_edit_with_a_slow_clock_still_moves_time_forward() {
        let previous = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
        let slow = Utc.with_ymd_and_hms(2026, 4, 1, 12, 0, 0).unwrap();
        assert_eq!(
            next_update(slow, previous),
            previous + Duration::milliseconds(1)
        );
        let later = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        assert_eq!(next_update(later, previous), later);
    }

    #[test]
    fn a_tombstone_keeps_its_kind_and_no_content() {
        let json = serde_json::to_string(&Body::Deleted(Kind::Objective)).unwrap();
        assert_eq!(json, r#"{"deleted":"objective"}"#);
    }
}
