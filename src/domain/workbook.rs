use chrono::{DateTime, Utc};

use super::id::Id;
use super::model::*;
use super::order::{sort_by, sort_by_key};
use super::record::{Body, Kind, Record};
use super::vec_map::VecMap;

/// Everything one pair holds: the pair record and all its descendants, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairData {
    pub records: VecMap<Id, Record>,
}

/// The workbook: every pair on this device, each stored under its own key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workbook {
    pub pairs: VecMap<Id, PairData>,
}

impl PairData {
    /// A pair's data from its records.
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        PairData {
            records: VecMap::from_unsorted(records.into_iter().map(|r| (r.id, r)).collect()),
        }
    }

    /// A record of this pair, live or deleted, by id.
    pub fn record(&self, id: Id) -> Option<&Record> {
        self.records.get(&id)
    }

    /// Every record of the pair, live and deleted, in id order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.records.values()
    }

    /// The pair record: the one record without a parent.
    pub fn pair_record(&self) -> Option<&Record> {
        self.records.values().find(|r| r.parent == Id::NONE)
    }

    /// The pair's id.
    pub fn id(&self) -> Option<Id> {
        self.pair_record().map(|r| r.id)
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

    /// Live children of `parent` of one kind, in rank order.
    pub fn children(&self, parent: Id, kind: Kind) -> Vec<&Record> {
        let mut found: Vec<&Record> = self
            .records
            .values()
            .filter(|r| r.parent == parent && !r.is_deleted() && r.body.kind() == kind)
            .collect();
        sort_by(&mut found, |a, b| a.rank.cmp(&b.rank).then(a.id.cmp(&b.id)));
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

    /// The pair's agreement record (the first, should merging ever bring two).
    pub fn agreement_record(&self) -> Option<&Record> {
        let pair = self.id()?;
        self.children(pair, Kind::Agreement).into_iter().next()
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
        while i < found.len() {
            let parent = found[i];
            found.extend(
                self.records
                    .values()
                    .filter(|r| r.parent == parent && !r.is_deleted())
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
