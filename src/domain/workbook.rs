use chrono::{DateTime, Utc};

use super::id::Id;
use super::json::Named;
use super::model::*;
use super::order::{sort_by, sort_by_key};
use super::record::{Body, Kind, Record};
use super::vec_map::VecMap;

/// Everything one pair holds: the pair record and all its descendants, by
/// id, with the children of each record kept in rank order.
///
/// The records are private so that nothing changes them without the index
/// following: `put` and `edit` keep it up to date, so a query costs what
/// the queried record's own children or subtree hold, never the pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairData {
    records: VecMap<Id, Record>,
    /// The children of each record, live and deleted, by (rank, id), each
    /// with its kind: a pair's thousand sessions are passed over without
    /// a look-up when its evaluations are asked for.
    children: VecMap<Id, Vec<(Kind, Id)>>,
    /// The record without a parent.
    root: Option<Id>,
}

/// Why a pair's records do not make the tree a pair must be: the first
/// record found out of place, named so a person can look for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TreeFault {
    /// Following its parents never reaches the pair record (a loop, or a
    /// parent outside the pair).
    #[error("the record {0} does not belong to the pair: following its parents never reaches the pair record")]
    Stray(Id),
    /// Its parent is of a kind that cannot hold it (a step under a session).
    #[error(
        "the record {record} (kind \"{}\") sits under a record of kind \"{}\", which cannot hold it",
        kind.name(),
        under.name()
    )]
    Misplaced { record: Id, kind: Kind, under: Kind },
}

/// The workbook: every pair on this device, each stored under its own key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workbook {
    pub pairs: VecMap<Id, PairData>,
}

impl PairData {
    /// A pair's data from its records (of two with one id, the later).
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let records = VecMap::from_unsorted(records.into_iter().map(|r| (r.id, r)).collect());
        let mut by_parent: Vec<(Id, &str, Id, Kind)> = records
            .values()
            .map(|r| (r.parent, r.rank.as_str(), r.id, r.body.kind()))
            .collect();
        sort_by(&mut by_parent, |a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        let mut children: Vec<(Id, Vec<(Kind, Id)>)> = Vec::new();
        let mut root = None;
        for (parent, _, id, kind) in by_parent {
            if parent == Id::NONE {
                root.get_or_insert(id);
                continue;
            }
            match children.last_mut() {
                Some((last, ids)) if *last == parent => ids.push((kind, id)),
                _ => children.push((parent, vec![(kind, id)])),
            }
        }
        PairData {
            records,
            children: VecMap::from_unsorted(children),
            root,
        }
    }

    /// A record of this pair, live or deleted, by id.
    pub fn record(&self, id: Id) -> Option<&Record> {
        self.records.get(&id)
    }

    /// Every record of the pair, live and deleted, in id order.
    pub fn records(&self) -> impl ExactSizeIterator<Item = &Record> {
        self.records.values()
    }

    /// How many records the pair holds, live and deleted.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the pair holds no record at all.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Puts `record` in place of the record with its id, or adds it.
    pub fn put(&mut self, record: Record) {
        let id = record.id;
        let placed = (record.parent, record.rank.clone(), record.body.kind());
        if let Some(old) = self.records.insert(id, record) {
            if (old.parent, old.rank, old.body.kind()) == placed {
                return;
            }
            self.unlink(old.parent, id);
        }
        self.link(placed.0, id);
    }

    /// Changes the record `id` in place (its parent and rank too); `false`
    /// when there is no such record.
    pub fn edit(&mut self, id: Id, change: impl FnOnce(&mut Record)) -> bool {
        let Some(record) = self.records.get_mut(&id) else {
            return false;
        };
        let placed = (record.parent, record.rank.clone(), record.body.kind());
        change(record);
        record.id = id;
        if (record.parent, &record.rank, record.body.kind()) != (placed.0, &placed.1, placed.2) {
            let parent = record.parent;
            self.unlink(placed.0, id);
            self.link(parent, id);
        }
        true
    }

    /// Takes `id` out of its parent's list of children.
    fn unlink(&mut self, parent: Id, id: Id) {
        if parent == Id::NONE {
            if self.root == Some(id) {
                self.root = self
                    .records
                    .values()
                    .find(|r| r.parent == Id::NONE)
                    .map(|r| r.id);
            }
            return;
        }
        if let Some(siblings) = self.children.get_mut(&parent) {
            siblings.retain(|sibling| sibling.1 != id);
        }
    }

    /// Adds `id`, already among the records, to its parent's children in
    /// rank order.
    fn link(&mut self, parent: Id, id: Id) {
        if parent == Id::NONE {
            self.root = Some(self.root.map_or(id, |root| root.min(id)));
            return;
        }
        let records = &self.records;
        let key = |id: Id| records.get(&id).map(|r| (r.rank.as_str(), id));
        let place = key(id);
        let Some(kind) = records.get(&id).map(|r| r.body.kind()) else {
            return;
        };
        if self.children.get(&parent).is_none() {
            self.children.insert(parent, Vec::new());
        }
        if let Some(siblings) = self.children.get_mut(&parent) {
            let at = siblings.partition_point(|sibling| key(sibling.1) < place);
            siblings.insert(at, (kind, id));
        }
    }

    /// The pair record: the one record without a parent.
    pub fn pair_record(&self) -> Option<&Record> {
        self.records.get(&self.root?)
    }

    /// The pair's id.
    pub fn id(&self) -> Option<Id> {
        self.root
    }

    /// The pair's people and name, unless the pair was deleted.
    pub fn info(&self) -> Option<&PairInfo> {
        match &self.pair_record()?.body {
            Body::Pair(info) => Some(info),
            _ => None,
        }
    }

    /// Whether the pair itself has been deleted.
    pub fn is_deleted(&self) -> bool {
        self.pair_record().is_none_or(Record::is_deleted)
    }

    /// Every child of `parent`, live and deleted, in rank order.
    pub fn all_children(&self, parent: Id) -> impl Iterator<Item = &Record> {
        self.children_of_kind(parent, None)
    }

    /// Every child of `parent` of `kind` (or of any kind), live and
    /// deleted, in rank order.
    fn children_of_kind(&self, parent: Id, kind: Option<Kind>) -> impl Iterator<Item = &Record> {
        self.children
            .get(&parent)
            .into_iter()
            .flatten()
            .filter(move |child| kind.is_none_or(|kind| child.0 == kind))
            .filter_map(|child| self.records.get(&child.1))
    }

    /// Live children of `parent` of one kind, in rank order.
    pub fn children(&self, parent: Id, kind: Kind) -> Vec<&Record> {
        self.children_of_kind(parent, Some(kind))
            .filter(|r| !r.is_deleted())
            .collect()
    }

    /// The records from `id` up to the pair record, `id` first. Stops at a
    /// missing parent, and after as many steps as there are records, so
    /// even a loop (which the reader refuses) cannot hold it.
    pub fn ancestry(&self, id: Id) -> Vec<Id> {
        let mut found = Vec::new();
        let mut at = self.records.get(&id);
        while let Some(record) = at {
            if found.len() > self.records.len() {
                break;
            }
            found.push(record.id);
            at = self.records.get(&record.parent);
        }
        found
    }

    /// Whether every record reaches the pair record through its parents,
    /// with no loop, and sits under a record of a kind that may hold it:
    /// the shape every query relies on. Names the first record that does
    /// not.
    pub fn check_tree(&self) -> Result<(), TreeFault> {
        let Some(root) = self.root else {
            return self
                .records
                .keys()
                .next()
                .map_or(Ok(()), |id| Err(TreeFault::Stray(*id)));
        };
        let reached = self.subtree_with_deleted(root);
        if reached.len() != self.records.len() {
            let mut seen = super::vec_map::IdSet::new();
            for id in reached {
                seen.insert(id);
            }
            if let Some(stray) = self.records.keys().find(|id| !seen.contains(id)) {
                return Err(TreeFault::Stray(*stray));
            }
        }
        for record in self.records.values() {
            let kind = record.body.kind();
            let under = match self.records.get(&record.parent) {
                Some(parent) => parent.body.kind(),
                None if kind == Kind::Pair => continue,
                None => return Err(TreeFault::Stray(record.id)),
            };
            if !super::plan::may_hang_under(under, kind) {
                return Err(TreeFault::Misplaced {
                    record: record.id,
                    kind,
                    under,
                });
            }
        }
        Ok(())
    }

    /// A record and every descendant, deleted ones included.
    fn subtree_with_deleted(&self, root: Id) -> Vec<Id> {
        let mut found = vec![root];
        let mut i = 0;
        while i < found.len() && found.len() <= self.records.len() {
            let parent = found[i];
            if let Some(children) = self.children.get(&parent) {
                found.extend(children.iter().map(|child| child.1));
            }
            i += 1;
        }
        found
    }

    /// Where `record` lands when it moves one place up or down among its
    /// siblings, as `Action::Move` takes it (`Some(None)`: first); `None`
    /// when it is already at that end.
    pub fn move_by_one(&self, record: Id, up: bool) -> Option<Option<Id>> {
        let moving = self.records.get(&record)?;
        let siblings = self.children(moving.parent, moving.body.kind());
        let at = siblings.iter().position(|r| r.id == record)?;
        if up {
            let before = at.checked_sub(1)?;
            Some(before.checked_sub(1).map(|i| siblings[i].id))
        } else {
            siblings.get(at + 1).map(|next| Some(next.id))
        }
    }

    /// When the pair's newest change was made.
    pub fn newest_update(&self) -> Option<DateTime<Utc>> {
        self.records.values().map(|r| r.updated).max()
    }

    /// The pair's agreement record (the first, should merging ever bring two).
    pub fn agreement_record(&self) -> Option<&Record> {
        self.first_child(self.id()?, Kind::Agreement)
    }

    /// The first live child of `parent` of one kind, in rank order: found
    /// without collecting the others (a pair has a thousand sessions
    /// beside its one agreement, usually ranked first).
    pub fn first_child(&self, parent: Id, kind: Kind) -> Option<&Record> {
        self.children_of_kind(parent, Some(kind))
            .find(|r| !r.is_deleted())
    }

    /// The agreement's content.
    pub fn agreement(&self) -> Option<&Agreement> {
        match &self.agreement_record()?.body {
            Body::Agreement(agreement) => Some(agreement),
            _ => None,
        }
    }

    /// A record and every live descendant of it.
    pub fn subtree(&self, root: Id) -> Vec<Id> {
        let mut found = vec![root];
        let mut i = 0;
        while i < found.len() && found.len() <= self.records.len() {
            let parent = found[i];
            found.extend(
                self.all_children(parent)
                    .filter(|r| !r.is_deleted())
                    .map(|r| r.id),
            );
            i += 1;
        }
        found
    }

    /// Whether the closing review has made this pair read-only.
    pub fn is_closed(&self) -> bool {
        self.info().is_some_and(|info| info.closed_on.is_some())
    }

    /// How many days the pair has held changes that were not exported,
    /// once that is `after_days` or more: the days since the last export,
    /// provided something changed after it, or since the pair began when it
    /// was never exported. `None` while there is nothing to remind.
    pub fn export_reminder(
        &self,
        last_export: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        after_days: u16,
    ) -> Option<i64> {
        let since = last_export.or_else(|| self.pair_record().map(|r| r.created))?;
        let changed = self.records.values().map(|r| r.updated).max()?;
        let unsent = last_export.is_none() || changed > since;
        let days = (now - since).num_days();
        (unsent && days >= i64::from(after_days)).then_some(days)
    }
}

impl Workbook {
    /// Live pairs, in the order they were created.
    pub fn live_pairs(&self) -> Vec<(Id, &PairData)> {
        let mut pairs: Vec<(Id, &PairData)> = self
            .pairs
            .iter()
            .filter(|(_, p)| !p.is_deleted())
            .map(|(id, p)| (*id, p))
            .collect();
        sort_by_key(&mut pairs, |(id, p)| {
            (p.pair_record().map(|r| r.created), *id)
        });
        pairs
    }

    /// A live pair by id.
    pub fn pair(&self, id: Id) -> Option<&PairData> {
        self.pairs.get(&id).filter(|p| !p.is_deleted())
    }
}
