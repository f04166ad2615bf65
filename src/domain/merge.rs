//! Merging two copies of a workbook: per record id, the copy with the
//! greater (updated, canonical bytes) wins. Because that choice is a total
//! order on copies, merging is commutative, associative and idempotent, and
//! no id present on either side is ever dropped.

use std::cmp::Ordering;

use super::id::Id;
use super::json::to_json;
use super::order::sort_by_key;
use super::record::{Kind, Record};
use super::workbook::{PairData, Workbook};

/// The copy of one record that survives a merge.
pub fn newer_of<'a>(a: &'a Record, b: &'a Record) -> &'a Record {
    match compare(a, b) {
        Ordering::Less => b,
        _ => a,
    }
}

fn compare(a: &Record, b: &Record) -> Ordering {
    a.updated
        .cmp(&b.updated)
        .then_with(|| canonical(a).cmp(&canonical(b)))
}

fn canonical(record: &Record) -> String {
    to_json(record)
}

/// Merges two copies of one pair.
pub fn merge_pair(ours: &PairData, theirs: &PairData) -> PairData {
    let mut merged = ours.clone();
    for (id, record) in &theirs.records {
        match merged.records.get_mut(id) {
            None => {
                merged.records.insert(*id, record.clone());
            }
            Some(mine) => {
                if compare(mine, record) == Ordering::Less {
                    *mine = record.clone();
                }
            }
        }
    }
    merged
}

/// Merges two workbooks pair by pair.
pub fn merge_workbook(ours: &Workbook, theirs: &Workbook) -> Workbook {
    let mut merged = ours.clone();
    for (id, pair) in &theirs.pairs {
        let combined = match merged.pairs.get(id) {
            Some(mine) => merge_pair(mine, pair),
            None => pair.clone(),
        };
        merged.pairs.insert(*id, combined);
    }
    merged
}

/// What importing another copy of a pair would do to ours, record by
/// record, under the merge rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    pub pair: Id,
    /// The pair's name as the file has it.
    pub name: String,
    /// The pair is not in this workbook yet.
    pub new: bool,
    /// Records only the file has.
    pub added: usize,
    /// Records the file has in a newer version.
    pub updated: usize,
    /// Records ours has in a newer version, which a merge keeps.
    pub kept: usize,
    /// Records the file has deleted since our version.
    pub deleted: usize,
}

impl ImportPreview {
    /// Whether merging the file changes nothing in this pair.
    pub fn unchanged(&self) -> bool {
        !self.new && self.added + self.updated + self.deleted == 0
    }
}

/// What merging `theirs` into `ours` would do, pair by pair, in the file's
/// order of pairs.
pub fn preview_import(ours: &Workbook, theirs: &Workbook) -> Vec<ImportPreview> {
    theirs
        .pairs
        .iter()
        .map(|(id, incoming)| {
            let mut preview = ImportPreview {
                pair: *id,
                name: incoming
                    .info()
                    .map(|i| i.display_name())
                    .unwrap_or_default(),
                new: false,
                added: 0,
                updated: 0,
                kept: 0,
                deleted: 0,
            };
            let Some(mine) = ours.pair(*id) else {
                preview.new = true;
                preview.added = incoming
                    .records
                    .values()
                    .filter(|r| !r.is_deleted())
                    .count();
                return preview;
            };
            for record in incoming.records.values() {
                match mine.records.get(&record.id) {
                    None if record.is_deleted() => {}
                    None => preview.added += 1,
                    Some(current) => match compare(current, record) {
                        Ordering::Less if record.is_deleted() && !current.is_deleted() => {
                            preview.deleted += 1
                        }
                        Ordering::Less => preview.updated += 1,
                        Ordering::Greater => preview.kept += 1,
                        Ordering::Equal => {}
                    },
                }
            }
            preview
        })
        .collect()
}

/// What a merge brought from the other copy of a pair, in words: how many
/// records of each kind it added or changed, in the order of `Kind`
/// ("2 sessions, 1 action"); empty when it brought nothing.
pub fn brought_in(ours: Option<&PairData>, merged: &PairData) -> String {
    let mut counts: Vec<(Kind, usize)> = Vec::new();
    for record in merged.records.values() {
        if ours.and_then(|o| o.records.get(&record.id)) == Some(record) {
            continue;
        }
        let kind = record.body.kind();
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    sort_by_key(&mut counts, |(kind, _)| *kind as u8);
    counts
        .iter()
        .map(|(kind, n)| kind.count(*n))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::{Body, Id, Kind, PairInfo};
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_780_000_000_000 + ms).unwrap()
    }

    /// Records drawn from a small id space and few times, so that copies of
    /// the same id with equal times but different content are common.
    fn record() -> impl Strategy<Value = Record> {
        (0u128..6, 0i64..4, 0u8..3, any::<bool>()).prop_map(|(id, ms, title, deleted)| {
            let id = Id::from_u128(id + 1);
            let body = if deleted {
                Body::Deleted(Kind::Pair)
            } else {
                Body::Pair(PairInfo {
                    title: format!("t{title}"),
                    ..PairInfo::default()
                })
            };
            Record {
                id,
                parent: Id::NONE,
                created: at(0),
                updated: at(ms),
                rank: "n".into(),
                body,
            }
        })
    }

    fn pair() -> impl Strategy<Value = PairData> {
        proptest::collection::vec(record(), 0..8).prop_map(PairData::from_records)
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in pair(), b in pair()) {
            prop_assert_eq!(merge_pair(&a, &b), merge_pair(&b, &a));
        }

        #[test]
        fn merge_is_idempotent(a in pair(), b in pair()) {
            prop_assert_eq!(merge_pair(&a, &a), a.clone());
            let once = merge_pair(&a, &b);
            prop_assert_eq!(merge_pair(&once, &b), once);
        }

        #[test]
        fn merge_is_associative(a in pair(), b in pair(), c in pair()) {
            prop_assert_eq!(
                merge_pair(&merge_pair(&a, &b), &c),
                merge_pair(&a, &merge_pair(&b, &c))
            );
        }

        #[test]
        fn merge_keeps_every_id(a in pair(), b in pair()) {
            let merged = merge_pair(&a, &b);
            for id in a.records.keys().chain(b.records.keys()) {
                prop_assert!(merged.records.contains_key(id));
            }
            prop_assert!(merged.records.len() <= a.records.len() + b.records.len());
        }

        #[test]
        fn merge_keeps_the_newest_copy(a in pair(), b in pair()) {
            let merged = merge_pair(&a, &b);
            for (id, record) in &merged.records {
                for side in [&a, &b] {
                    if let Some(other) = side.records.get(id) {
                        prop_assert!(other.updated <= record.updated);
                    }
                }
            }
        }
    }

    #[test]
    fn a_tombstone_newer_than_an_edit_wins_and_an_older_one_loses() {
        let live = Record {
            id: Id::from_u128(1),
            parent: Id::NONE,
            created: at(0),
            updated: at(5),
            rank: "n".into(),
            body: Body::Pair(PairInfo::default()),
        };
        let mut dead = live.clone();
        dead.body = Body::Deleted(Kind::Pair);
        dead.updated = at(9);
        assert!(newer_of(&live, &dead).is_deleted());
        dead.updated = at(1);
        assert!(!newer_of(&live, &dead).is_deleted());
    }
}
