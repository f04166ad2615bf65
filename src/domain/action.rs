//! Every change to the workbook is an `Action` applied by `Workbook::apply`,
//! which checks everything first and then changes, so a failure changes
//! nothing. Undo is another action, returned by the one it undoes.

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::agreement::agreement_hash;
use super::id::{Id, IdSource};
use super::model::*;
use super::plan;
use super::rank::{rank_after, rank_between, FIRST_RANK};
use super::record::{next_update, Body, Kind, Record};
use super::review::scheduled_round_id;
use super::workbook::{PairData, Workbook};

/// A change a person makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Starts a pair with both names and an empty agreement.
    CreatePair { mentor: String, mentee: String },
    /// Changes the pair's name or its people.
    UpdatePair { pair: Id, info: PairInfo },
    /// Deletes a pair and everything in it.
    DeletePair { pair: Id },
    /// Replaces the agreement's terms.
    UpdateAgreement { pair: Id, agreement: Agreement },
    /// Records one side's confirmation of the agreement as it stands.
    ConfirmAgreement {
        pair: Id,
        side: Side,
        name: String,
        date: NaiveDate,
    },
    /// Adds a record under its parent: an objective, milestone or step, a
    /// session and what belongs to it, a resource or contact, or one side's
    /// answers to an evaluation round (one set per side and round).
    Add { pair: Id, parent: Id, body: Body },
    /// Starts an evaluation round. A scheduled round (with a due date) gets
    /// the id both devices derive from the pair and the date, so starting
    /// it again, here or on the other device, finds the same round.
    StartRound {
        pair: Id,
        due: Option<NaiveDate>,
        trigger: EvaluationTrigger,
    },
    /// Changes an objective, milestone or step, on behalf of one side (or
    /// of both, on a shared screen: `by` is then `None`).
    /// Changing the title or SMART content of an agreed objective needs a
    /// reason and keeps the earlier version; completing a milestone or
    /// achieving an objective records a win.
    Update {
        pair: Id,
        record: Id,
        body: Body,
        by: Option<Side>,
        date: NaiveDate,
        reason: String,
    },
    /// Moves a record among its siblings: just after `after`, or first.
    Move {
        pair: Id,
        record: Id,
        after: Option<Id>,
    },
    /// Records one side's agreement to an objective as it stands.
    AgreeObjective {
        pair: Id,
        objective: Id,
        side: Side,
        date: NaiveDate,
    },
    /// Ends the mentorship on `date`: the pair is read-only until reopened.
    Close { pair: Id, date: NaiveDate },
    /// Opens a closed mentorship again for changes.
    Reopen { pair: Id },
    /// Deletes one record and everything under it.
    Delete { pair: Id, record: Id },
    /// Puts earlier versions of records back: how deletes and edits undo.
    Restore { pair: Id, records: Vec<Record> },
    /// Puts a whole pair in place, as an import merged or replaced it. Its
    /// undo puts back the pair as it was, or deletes a pair the import
    /// brought.
    Import { data: PairData },
}

/// What a successful action did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The pair it touched, so only that pair is saved.
    pub pair: Id,
    /// The records it created, in order.
    pub created: Vec<Id>,
    /// The action that undoes it.
    pub undo: Action,
}

/// Which records an applied action changed, so that only their readers
/// are told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    /// These records were added, changed, moved or deleted; `reshaped`
    /// holds those of them whose outline changed (see
    /// `Record::same_outline`): every added, deleted, restored or moved
    /// one, and those given new dates.
    Records { changed: Vec<Id>, reshaped: Vec<Id> },
    /// The pair was put in place whole (created, imported or replaced).
    WholePair,
}

impl Applied {
    /// What the action changed, given the pair as it left it: exactly what
    /// its undo puts back, plus what it created.
    pub fn touched(&self, after: &PairData) -> Touched {
        let (mut changed, mut reshaped): (Vec<Id>, Vec<Id>) = match &self.undo {
            Action::Restore { records, .. } => (
                records.iter().map(|r| r.id).collect(),
                records
                    .iter()
                    .filter(|old| {
                        after
                            .record(old.id)
                            .is_none_or(|now| !now.same_outline(old))
                    })
                    .map(|r| r.id)
                    .collect(),
            ),
            Action::Delete { record, .. } => (vec![*record], vec![*record]),
            _ => return Touched::WholePair,
        };
        changed.extend(&self.created);
        reshaped.extend(&self.created);
        Touched::Records { changed, reshaped }
    }
}

/// Why an action was refused; nothing changed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ActionError {
    #[error("That pair is no longer in this workbook.")]
    UnknownPair,
    #[error("That item is no longer in this pair.")]
    UnknownRecord,
    #[error("Please give {0}.")]
    Missing(&'static str),
    #[error("This pair has no agreement yet.")]
    NoAgreement,
    #[error("This mentorship has been closed; reopen it to make changes.")]
    Closed,
    #[error("An earlier version can only replace a record of the same kind.")]
    KindMismatch,
    #[error("That cannot be added there.")]
    WrongParent,
    #[error("Each of you writes your own part; this one belongs to the {0}.")]
    OtherSidesPart(&'static str),
    #[error("The {0} has already answered this evaluation; change those answers instead.")]
    AlreadyAnswered(&'static str),
}

impl Workbook {
    /// Applies `action` at `now`, taking fresh ids from `ids`. On error the
    /// workbook is unchanged.
    pub fn apply(
        &mut self,
        action: Action,
        now: DateTime<Utc>,
        ids: &mut impl IdSource,
    ) -> Result<Applied, ActionError> {
        match action {
            Action::CreatePair { mentor, mentee } => self.create_pair(mentor, mentee, now, ids),
            Action::UpdatePair { pair, info } => {
                let data = self.open_pair(pair)?;
                let record = data.pair_record().ok_or(ActionError::UnknownPair)?;
                if info.closed_on.is_some() != data.is_closed() {
                    return Err(ActionError::Closed);
                }
                let previous = record.clone();
                self.revise(pair, pair, Body::Pair(info), now)?;
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: restore(pair, [previous]),
                })
            }
            Action::Close { pair, date } => {
                self.open_pair(pair)?;
                self.set_closed(pair, Some(date), now)
            }
            Action::Reopen { pair } => {
                self.pair(pair).ok_or(ActionError::UnknownPair)?;
                self.set_closed(pair, None, now)
            }
            Action::DeletePair { pair } => {
                let data = self.pair(pair).ok_or(ActionError::UnknownPair)?;
                let doomed: Vec<Record> = data
                    .subtree(pair)
                    .iter()
                    .filter_map(|id| data.record(*id))
                    .cloned()
                    .collect();
                self.tombstone(pair, &doomed, now);
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: restore(pair, doomed),
                })
            }
            Action::UpdateAgreement { pair, agreement } => {
                let data = self.open_pair(pair)?;
                let record = data.agreement_record().ok_or(ActionError::NoAgreement)?;
                let (id, previous) = (record.id, record.clone());
                self.revise(pair, id, Body::Agreement(agreement), now)?;
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: restore(pair, [previous]),
                })
            }
            Action::ConfirmAgreement {
                pair,
                side,
                name,
                date,
            } => {
                let data = self.open_pair(pair)?;
                let name = required(name, "the name of the person confirming")?;
                let info = data.info().ok_or(ActionError::UnknownPair)?;
                let record = data.agreement_record().ok_or(ActionError::NoAgreement)?;
                let Body::Agreement(agreement) = &record.body else {
                    return Err(ActionError::NoAgreement);
                };
                let confirmation = Confirmation {
                    side: Some(side),
                    name,
                    date: Some(date),
                    confirmed_hash: agreement_hash(info, agreement),
                };
                let parent = record.id;
                let id = self.add(
                    pair,
                    parent,
                    Kind::Confirmation,
                    Body::Confirmation(confirmation),
                    now,
                    ids,
                );
                Ok(Applied {
                    pair,
                    created: vec![id],
                    undo: Action::Delete { pair, record: id },
                })
            }
            Action::Add { pair, parent, body } => {
                let data = self.open_pair(pair)?;
                let parent_kind = data
                    .record(parent)
                    .filter(|r| !r.is_deleted())
                    .map(|r| r.body.kind())
                    .ok_or(ActionError::UnknownRecord)?;
                let kind = body.kind();
                if matches!(body, Body::Deleted(_)) || !plan::may_hold(parent_kind, kind) {
                    return Err(ActionError::WrongParent);
                }
                check_titled(&body)?;
                if let Body::EvaluationAnswers(EvaluationAnswers {
                    side: Some(side), ..
                }) = &body
                {
                    if data.answers(parent, *side).is_some() {
                        return Err(ActionError::AlreadyAnswered(side.label()));
                    }
                }
                let id = self.add(pair, parent, kind, body, now, ids);
                Ok(Applied {
                    pair,
                    created: vec![id],
                    undo: Action::Delete { pair, record: id },
                })
            }
            Action::StartRound { pair, due, trigger } => {
                let data = self.open_pair(pair)?;
                let scheduled = match (trigger, due) {
                    (EvaluationTrigger::Scheduled, Some(due)) => {
                        Some(scheduled_round_id(pair, due))
                    }
                    (EvaluationTrigger::Scheduled, None) => {
                        return Err(ActionError::Missing("the date the evaluation is due"))
                    }
                    _ => None,
                };
                if let Some(id) =
                    scheduled.filter(|id| data.record(*id).is_some_and(|r| !r.is_deleted()))
                {
                    return Ok(Applied {
                        pair,
                        created: vec![id],
                        undo: restore(pair, []),
                    });
                }
                let body = Body::Evaluation(Evaluation { due, trigger });
                let id = match scheduled {
                    Some(id) => {
                        self.add_as(pair, pair, Kind::Evaluation, body, now, id);
                        id
                    }
                    None => self.add(pair, pair, Kind::Evaluation, body, now, ids),
                };
                Ok(Applied {
                    pair,
                    created: vec![id],
                    undo: Action::Delete { pair, record: id },
                })
            }
            Action::Update {
                pair,
                record,
                body,
                by,
                date,
                reason,
            } => self.update(pair, record, body, by, date, reason, now, ids),
            Action::Move {
                pair,
                record,
                after,
            } => {
                let data = self.open_pair(pair)?;
                let moving = data.record(record).filter(|r| !r.is_deleted());
                let moving = moving
                    .filter(|_| record != pair)
                    .ok_or(ActionError::UnknownRecord)?;
                let siblings: Vec<&Record> = data
                    .children(moving.parent, moving.body.kind())
                    .into_iter()
                    .filter(|r| r.id != record)
                    .collect();
                let position = match after {
                    None => 0,
                    Some(after) => {
                        siblings
                            .iter()
                            .position(|r| r.id == after)
                            .ok_or(ActionError::UnknownRecord)?
                            + 1
                    }
                };
                let low = position
                    .checked_sub(1)
                    .map_or("", |i| siblings[i].rank.as_str());
                let high = siblings.get(position).map(|r| r.rank.as_str());
                let rank = rank_between(low, high);
                let previous = moving.clone();
                if let Some(data) = self.pairs.get_mut(&pair) {
                    data.edit(record, |current| {
                        current.rank = rank;
                        current.updated = next_update(now, current.updated);
                    });
                }
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: restore(pair, [previous]),
                })
            }
            Action::AgreeObjective {
                pair,
                objective,
                side,
                date,
            } => {
                let data = self.open_pair(pair)?;
                let content = data
                    .objective(objective)
                    .ok_or(ActionError::UnknownRecord)?;
                let consent = ObjectiveConsent {
                    side: Some(side),
                    date: Some(date),
                    agreed_hash: plan::objective_hash(content),
                };
                let body = Body::ObjectiveConsent(consent);
                let id = self.add(pair, objective, Kind::ObjectiveConsent, body, now, ids);
                Ok(Applied {
                    pair,
                    created: vec![id],
                    undo: Action::Delete { pair, record: id },
                })
            }
            Action::Delete { pair, record } => {
                let data = self.open_pair(pair)?;
                let target = data.record(record).filter(|r| !r.is_deleted());
                if target.is_none() || record == pair {
                    return Err(ActionError::UnknownRecord);
                }
                let doomed: Vec<Record> = data
                    .subtree(record)
                    .iter()
                    .filter_map(|id| data.record(*id))
                    .cloned()
                    .collect();
                self.tombstone(pair, &doomed, now);
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: restore(pair, doomed),
                })
            }
            Action::Import { data } => {
                let pair = data.id().ok_or(ActionError::UnknownPair)?;
                let previous = match self.pairs.get(&pair) {
                    Some(previous) => previous.clone(),
                    None => PairData::from_records(data.records().map(|record| {
                        let mut gone = record.clone();
                        gone.revise(Body::Deleted(record.body.kind()), now);
                        gone
                    })),
                };
                self.pairs.insert(pair, data);
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: Action::Import { data: previous },
                })
            }
            Action::Restore { pair, records } => {
                let data = self.pairs.get(&pair).ok_or(ActionError::UnknownPair)?;
                let mut previous = Vec::with_capacity(records.len());
                for earlier in &records {
                    let current = data.record(earlier.id).ok_or(ActionError::UnknownRecord)?;
                    if current.body.kind() != earlier.body.kind()
                        || current.parent != earlier.parent
                    {
                        return Err(ActionError::KindMismatch);
                    }
                    previous.push(current.clone());
                }
                let data = self.pairs.get_mut(&pair).ok_or(ActionError::UnknownPair)?;
                for earlier in records {
                    data.edit(earlier.id, |current| {
                        current.rank = earlier.rank;
                        current.revise(earlier.body, now);
                    });
                }
                Ok(Applied {
                    pair,
                    created: vec![],
                    undo: restore(pair, previous),
                })
            }
        }
    }

    fn create_pair(
        &mut self,
        mentor: String,
        mentee: String,
        now: DateTime<Utc>,
        ids: &mut impl IdSource,
    ) -> Result<Applied, ActionError> {
        let mentor = required(mentor, "the mentor's name")?;
        let mentee = required(mentee, "the mentee's name")?;
        let pair = ids.next_id();
        let agreement = ids.next_id();
        let info = PairInfo {
            mentor: Person {
                name: mentor,
                ..Person::default()
            },
            mentee: Person {
                name: mentee,
                ..Person::default()
            },
            ..PairInfo::default()
        };
        let rank = self
            .live_pairs()
            .last()
            .and_then(|(_, p)| p.pair_record())
            .map_or_else(|| FIRST_RANK.to_string(), |r| rank_after(&r.rank));
        let data = PairData::from_records([
            Record::new(pair, Id::NONE, now, rank, Body::Pair(info)),
            Record::new(
                agreement,
                pair,
                now,
                FIRST_RANK.to_string(),
                Body::Agreement(Agreement::default()),
            ),
        ]);
        self.pairs.insert(pair, data);
        Ok(Applied {
            pair,
            created: vec![pair, agreement],
            undo: Action::DeletePair { pair },
        })
    }

    #[allow(clippy::too_many_arguments)] // one per field of Action::Update, plus time and ids
    fn update(
        &mut self,
        pair: Id,
        record: Id,
        body: Body,
        by: Option<Side>,
        date: NaiveDate,
        reason: String,
        now: DateTime<Utc>,
        ids: &mut impl IdSource,
    ) -> Result<Applied, ActionError> {
        let data = self.open_pair(pair)?;
        let current = data
            .record(record)
            .filter(|r| !r.is_deleted())
            .ok_or(ActionError::UnknownRecord)?;
        if current.body.kind() != body.kind() || plan::parent_kind(body.kind()).is_none() {
            return Err(ActionError::KindMismatch);
        }
        check_titled(&body)?;
        if let Some(owner) = current.body.owner().filter(|o| body.owner() != Some(*o)) {
            return Err(ActionError::OtherSidesPart(owner.label()));
        }
        let previous = current.clone();
        let mut body = body;
        let mut revision = None;
        let mut win = None;
        match (&previous.body, &mut body) {
            (Body::Objective(before), Body::Objective(after)) => {
                let reworded = plan::objective_hash(before) != plan::objective_hash(after);
                if reworded && data.objective_agreed(record) {
                    let reason =
                        required(reason, "a one-line reason for changing an agreed objective")?;
                    revision = Some(Revision {
                        side: by,
                        date: Some(date),
                        reason,
                        before: before.clone(),
                    });
                    if matches!(
                        after.status,
                        ObjectiveStatus::Agreed | ObjectiveStatus::InProgress
                    ) {
                        after.status = ObjectiveStatus::Proposed;
                    }
                }
                if after.status == ObjectiveStatus::Achieved
                    && before.status != ObjectiveStatus::Achieved
                {
                    win = Some(format!("Objective achieved: {}", after.title.trim()));
                }
            }
            (Body::Milestone(before), Body::Milestone(after))
                if after.status == TaskStatus::Done && before.status != TaskStatus::Done =>
            {
                win = Some(format!("Milestone reached: {}", after.title.trim()));
            }
            _ => {}
        }
        self.revise(pair, record, body, now)?;
        let mut undo = vec![previous];
        let mut created = Vec::new();
        if let Some(revision) = revision {
            let id = self.add(
                pair,
                record,
                Kind::Revision,
                Body::Revision(revision),
                now,
                ids,
            );
            created.push(id);
        }
        if let Some(what) = win {
            let body = Body::Win(Win {
                side: by,
                date: Some(date),
                what,
                source: Some(record),
            });
            let id = self.add(pair, pair, Kind::Win, body, now, ids);
            created.push(id);
        }
        if let Some(data) = self.pairs.get(&pair) {
            for id in &created {
                if let Some(added) = data.record(*id) {
                    let mut gone = added.clone();
                    gone.body = Body::Deleted(added.body.kind());
                    undo.push(gone);
                }
            }
        }
        Ok(Applied {
            pair,
            created,
            undo: restore(pair, undo),
        })
    }

    /// Sets or clears the date the mentorship closed.
    fn set_closed(
        &mut self,
        pair: Id,
        closed_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Applied, ActionError> {
        let data = self.pair(pair).ok_or(ActionError::UnknownPair)?;
        let previous = data.pair_record().ok_or(ActionError::UnknownPair)?.clone();
        let mut info = data.info().ok_or(ActionError::UnknownPair)?.clone();
        info.closed_on = closed_on;
        self.revise(pair, pair, Body::Pair(info), now)?;
        Ok(Applied {
            pair,
            created: vec![],
            undo: restore(pair, [previous]),
        })
    }

    /// A live pair that may be changed (not closed).
    fn open_pair(&self, pair: Id) -> Result<&PairData, ActionError> {
        let data = self.pair(pair).ok_or(ActionError::UnknownPair)?;
        if data.is_closed() {
            return Err(ActionError::Closed);
        }
        Ok(data)
    }

    fn revise(
        &mut self,
        pair: Id,
        id: Id,
        body: Body,
        now: DateTime<Utc>,
    ) -> Result<(), ActionError> {
        let data = self
            .pairs
            .get_mut(&pair)
            .ok_or(ActionError::UnknownRecord)?;
        if data.edit(id, |record| record.revise(body, now)) {
            Ok(())
        } else {
            Err(ActionError::UnknownRecord)
        }
    }

    fn add(
        &mut self,
        pair: Id,
        parent: Id,
        kind: Kind,
        body: Body,
        now: DateTime<Utc>,
        ids: &mut impl IdSource,
    ) -> Id {
        let id = ids.next_id();
        self.add_as(pair, parent, kind, body, now, id);
        id
    }

    /// Adds a record with a given id, last among its siblings. A tombstone
    /// with that id (a round deleted before) is replaced.
    fn add_as(&mut self, pair: Id, parent: Id, kind: Kind, body: Body, now: DateTime<Utc>, id: Id) {
        if let Some(data) = self.pairs.get_mut(&pair) {
            let rank = data
                .children(parent, kind)
                .last()
                .map_or_else(|| FIRST_RANK.to_string(), |r| rank_after(&r.rank));
            data.put(Record::new(id, parent, now, rank, body));
        }
    }

    fn tombstone(&mut self, pair: Id, doomed: &[Record], now: DateTime<Utc>) {
        if let Some(data) = self.pairs.get_mut(&pair) {
            for record in doomed {
                data.edit(record.id, |current| {
                    let kind = current.body.kind();
                    current.revise(Body::Deleted(kind), now);
                });
            }
        }
    }
}

fn restore(pair: Id, records: impl IntoIterator<Item = Record>) -> Action {
    Action::Restore {
        pair,
        records: records.into_iter().collect(),
    }
}

/// Objectives, milestones and steps need a title.
/// What a record must hold before it is saved: a title, a name, a date or
/// the side whose part it is.
fn check_titled(body: &Body) -> Result<(), ActionError> {
    let (text, what) = match body {
        Body::Objective(o) => (&o.title, "a title"),
        Body::Milestone(m) => (&m.title, "a title"),
        Body::Step(s) => (&s.title, "a title"),
        Body::ActionItem(a) => (&a.title, "a title"),
        Body::Resource(r) => (&r.title, "a title"),
        Body::Contact(c) => (&c.name, "a name"),
        Body::Session(s) if s.starts_at.is_none() => {
            return Err(ActionError::Missing("the date and time of the session"))
        }
        Body::SessionPart(p) if p.side.is_none() => {
            return Err(ActionError::Missing("whose part this is"))
        }
        Body::EvaluationAnswers(a) => {
            let ratings = a.practices.values().chain(a.objectives.values());
            return match (
                a.side,
                ratings.into_iter().all(|r| (1..=5).contains(&r.score)),
            ) {
                (None, _) => Err(ActionError::Missing("whose answers these are")),
                (_, false) => Err(ActionError::Missing("each rating from 1 to 5")),
                _ => Ok(()),
            };
        }
        _ => return Ok(()),
    };
    if text.trim().is_empty() {
        Err(ActionError::Missing(what))
    } else {
        Ok(())
    }
}

fn required(text: String, what: &'static str) -> Result<String, ActionError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(ActionError::Missing(what))
    } else {
        Ok(trimmed.to_string())
    }
}

#[cfg(test)]
mod tests;
