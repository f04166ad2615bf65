//! Merging two copies of a workbook: per record id, the copy with the
//! greater (updated, base, canonical bytes) wins. Because that choice is a total
//! order on copies, merging is commutative, associative and idempotent, and
//! no id present on either side is ever dropped.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use super::action::Action;
use super::id::Id;
use super::json::to_json;
use super::order::sort_by_key;
use super::record::{next_update, Body, Kind, Record};
use super::workbook::{PairData, TreeFault, Workbook};

/// The copy of one record that survives a merge.
pub fn newer_of<'a>(a: &'a Record, b: &'a Record) -> &'a Record {
    match compare(a, b) {
        Ordering::Less => b,
        _ => a,
    }
}

/// Orders two copies of a record: the later update wins; of two copies of
/// the same version, the one that knows a later shared version (`base`),
/// so a tab that has not seen an import cannot drop its marks; then the
/// canonical bytes, so that any two copies have a winner.
fn compare(a: &Record, b: &Record) -> Ordering {
    a.updated
        .cmp(&b.updated)
        .then_with(|| a.base.cmp(&b.base))
        .then_with(|| {
            if a == b {
                Ordering::Equal
            } else {
                canonical(a).cmp(&canonical(b))
            }
        })
}

fn canonical(record: &Record) -> String {
    to_json(record)
}

/// Merges two copies of one pair.
pub fn merge_pair(ours: &PairData, theirs: &PairData) -> PairData {
    let mut merged = ours.clone();
    for record in theirs.records() {
        keep_newer(&mut merged, record.clone());
    }
    merged
}

/// Merges another tab's stored copy of a pair (`theirs`) into this tab's,
/// against the stored copy this tab last read or wrote (`base`), record
/// by record, by version (update time and what it knows of the other
/// side). A record
/// only one tab changed since then is taken from that tab, even when its
/// version is older or gone: an import one tab took back stays taken back
/// in the other. Where both changed it, the later change is in place and
/// the earlier is kept under the record as a conflict, as an import keeps
/// one; both tabs derive the same conflict. Should the result not hang
/// together (one tab took back a record the other has since put something
/// under), the newer copy of each record is kept, as `merge_pair` does.
pub fn merge_tab(ours: &PairData, theirs: &PairData, base: &PairData) -> PairData {
    let version = |r: Option<&Record>| r.map(|r| (r.updated, r.base));
    let mut kept = Vec::new();
    let only_theirs = theirs.records().filter(|r| ours.record(r.id).is_none());
    for (mine, incoming) in ours
        .records()
        .map(|mine| (Some(mine), theirs.record(mine.id)))
        .chain(only_theirs.map(|incoming| (None, Some(incoming))))
    {
        let Some(id) = mine.or(incoming).map(|r| r.id) else {
            continue;
        };
        let known = version(base.record(id));
        let record = if version(mine) == known {
            incoming
        } else if version(incoming) == known {
            mine
        } else if let (Some(mine), Some(incoming)) = (mine, incoming) {
            let winner = newer_of(mine, incoming);
            let loser = if std::ptr::eq(winner, mine) {
                incoming
            } else {
                mine
            };
            // A side that changed only what it knows of the other side
            // (an import's marks, or their undoing) made no change to keep.
            if !(same_version(mine, incoming)
                || known.map(|(updated, _)| updated) == Some(loser.updated)
                || loser.is_deleted()
                || loser.body.kind() == Kind::Conflict
                || winner.body == loser.body)
            {
                kept.push(conflict_of(winner, loser));
            }
            Some(winner)
        } else {
            mine.or(incoming)
        };
        kept.extend(record.cloned());
    }
    let merged = PairData::from_records(kept);
    if merged.check_tree().is_ok() {
        merged
    } else {
        merge_pair(ours, theirs)
    }
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

/// What an import makes of our copy of a pair and the file's: the merge,
/// with two additions. Where both sides changed a record since they last
/// held the same version of it, the losing version is kept under the
/// record as a conflict, to be seen and restored (its id is derived, so
/// importing the file again finds it, even once dismissed). And every
/// version the file holds is marked as one both copies know (`base`),
/// which is how the next import tells a change made on one side from one
/// made on both.
pub fn import_pair(ours: &PairData, theirs: &PairData) -> PairData {
    let mut result = ours.clone();
    for incoming in theirs.records() {
        let mut stored = incoming.clone();
        // Compared with the result, not with ours: a conflict kept a moment
        // ago for another record may be this very record of the file.
        if let Some(mine) = result.record(incoming.id).cloned() {
            if same_version(&mine, incoming) {
                stored = mine;
            } else if compare(&mine, incoming) == Ordering::Greater {
                keep_conflict(&mut result, &mine, incoming);
                continue;
            } else {
                keep_conflict(&mut result, incoming, &mine);
            }
        }
        stored.base = Some(incoming.updated);
        result.put(stored);
    }
    result
}

/// Puts `record` in `pair` unless a newer copy of it is there already.
fn keep_newer(pair: &mut PairData, record: Record) {
    match pair.record(record.id) {
        Some(existing) if compare(existing, &record) != Ordering::Less => {}
        _ => pair.put(record),
    }
}

/// Whether two copies of a record are the same version (whatever each
/// copy knows of the other side).
fn same_version(a: &Record, b: &Record) -> bool {
    a.updated == b.updated && a.rank == b.rank && a.body == b.body
}

/// The pairs an import of `incoming` puts in place in `book`: each pair the
/// file changes, merged with ours (or, with `replace`, in place of ours),
/// in the file's order; a pair deleted here stays deleted unless it is in
/// `bring_back`. Every one is checked before any is returned, so a file
/// that would leave one pair out of shape changes nothing at all.
pub fn imported_pairs(
    book: &Workbook,
    incoming: &Workbook,
    replace: bool,
    bring_back: &[Id],
    now: DateTime<Utc>,
) -> Result<Vec<PairData>, TreeFault> {
    let mut changed = Vec::new();
    for (id, theirs) in &incoming.pairs {
        // A pair deleted here is ours too: its deletions are newer than
        // what the file holds of it, so a merge leaves it deleted.
        let ours = book.pairs.get(id);
        let mut data = match (ours, replace) {
            (Some(ours), false) => import_pair(ours, theirs),
            _ => import_pair(&PairData::default(), theirs),
        };
        if bring_back.contains(id) {
            undelete_from(&mut data, theirs, now);
        }
        if ours == Some(&data) {
            continue;
        }
        data.check_tree()?;
        changed.push(data);
    }
    Ok(changed)
}

/// Puts back each record deleted in `data` that `theirs` holds alive, as
/// `theirs` has it and as a change made `now`, so it stands over the
/// deletion here and the next exchange carries it.
fn undelete_from(data: &mut PairData, theirs: &PairData, now: DateTime<Utc>) {
    for incoming in theirs.records().filter(|r| !r.is_deleted()) {
        let Some(deleted) = data.record(incoming.id).filter(|r| r.is_deleted()) else {
            continue;
        };
        let mut back = incoming.clone();
        back.updated = next_update(now, deleted.updated);
        back.base = Some(incoming.updated);
        data.put(back);
    }
}

/// Keeps `loser` as a conflict under its record when it holds a change the
/// `winner` was not made from: neither was it a version both sides held,
/// nor was the winner edited from it.
fn keep_conflict(result: &mut PairData, winner: &Record, loser: &Record) {
    // Copies written before versions were marked know nothing of each
    // other: between them the newer simply wins, as it always did.
    let made_on_both_sides = !loser.is_deleted()
        && loser.body.kind() != Kind::Conflict
        && winner.body != loser.body
        && (loser.base.is_some() || winner.base.is_some())
        && loser.base != Some(loser.updated)
        && winner.base != Some(loser.updated);
    if !made_on_both_sides {
        return;
    }
    keep_newer(result, conflict_of(winner, loser));
}

/// The conflict record that keeps `loser` under its record: its id is
/// derived from the version it keeps, so every copy that keeps the same
/// version makes the same record.
fn conflict_of(winner: &Record, loser: &Record) -> Record {
    let id = Id::derived(&format!("{}/conflict/{}", loser.id, loser.updated));
    Record::new(
        id,
        loser.id,
        winner.updated,
        String::new(),
        Body::Conflict(Box::new(loser.clone())),
    )
}

/// The versions a pair keeps from conflicts, still to be looked at: each
/// conflict record with the version it keeps and the record as it is now.
pub fn open_conflicts(pair: &PairData) -> Vec<(&Record, &Record, &Record)> {
    pair.records()
        .filter_map(|conflict| match &conflict.body {
            Body::Conflict(kept) => Some((conflict, &**kept, pair.record(conflict.parent)?)),
            _ => None,
        })
        .collect()
}

/// The change that settles a conflict: the kept version put back in place
/// of the current one (`restore`), or just set aside. Either way the
/// conflict is closed, and the action's undo reopens it.
pub fn settle_conflict(data: &PairData, conflict: Id, restore: bool) -> Option<Action> {
    let (record, kept, current) = open_conflicts(data)
        .into_iter()
        .find(|(record, _, _)| record.id == conflict)?;
    let mut records = vec![Record {
        body: Body::Deleted(Kind::Conflict),
        ..record.clone()
    }];
    if restore {
        records.push(Record {
            body: kept.body.clone(),
            ..current.clone()
        });
    }
    Some(Action::Restore {
        pair: data.id()?,
        records,
    })
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
    /// The pair was deleted here; a merge leaves it deleted unless it is
    /// brought back.
    pub deleted_here: bool,
    /// Records only the file has.
    pub added: usize,
    /// Records the file has in a newer version.
    pub updated: usize,
    /// Records ours has in a newer version, which a merge keeps.
    pub kept: usize,
    /// Records the file has deleted since our version.
    pub deleted: usize,
    /// Records both sides changed: the newer version wins and the other is
    /// kept as a conflict.
    pub conflicts: usize,
}

impl ImportPreview {
    /// Whether merging the file changes nothing in this pair.
    pub fn unchanged(&self) -> bool {
        !self.new && self.added + self.updated + self.deleted + self.conflicts == 0
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
                deleted_here: false,
                added: 0,
                updated: 0,
                kept: 0,
                deleted: 0,
                conflicts: 0,
            };
            let Some(mine) = ours.pairs.get(id) else {
                preview.new = true;
                preview.added = incoming.records().filter(|r| !r.is_deleted()).count();
                return preview;
            };
            preview.deleted_here = mine.is_deleted();
            // Conflicts are counted from the import itself, below.
            let records = incoming
                .records()
                .filter(|r| r.body.kind() != Kind::Conflict);
            for record in records {
                match mine.record(record.id) {
                    None if record.is_deleted() => {}
                    None => preview.added += 1,
                    Some(current) if same_version(current, record) => {}
                    Some(current) if current.is_deleted() && record.is_deleted() => {}
                    Some(current) => match compare(current, record) {
                        Ordering::Less if record.is_deleted() => preview.deleted += 1,
                        Ordering::Less => preview.updated += 1,
                        Ordering::Greater => preview.kept += 1,
                        Ordering::Equal => {}
                    },
                }
            }
            preview.conflicts = open_conflicts(&import_pair(mine, incoming))
                .into_iter()
                .filter(|(r, _, _)| mine.record(r.id) != Some(*r))
                .count();
            preview
        })
        .collect()
}

/// What a merge brought from the other copy of a pair, in words: how many
/// records of each kind it added or changed, in the order of `Kind`
/// ("2 sessions, 1 action"); empty when it brought nothing.
pub fn brought_in(ours: Option<&PairData>, merged: &PairData) -> String {
    let mut counts: Vec<(Kind, usize)> = Vec::new();
    let mut deleted = 0;
    for record in merged.records() {
        let before = ours.and_then(|o| o.record(record.id));
        if before.is_some_and(|o| same_version(o, record)) {
            continue;
        }
        if record.is_deleted() {
            if before.is_some_and(|o| !o.is_deleted()) && record.body.kind() != Kind::Conflict {
                deleted += 1;
            }
            continue;
        }
        let kind = record.body.kind();
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    sort_by_key(&mut counts, |(kind, _)| *kind as u8);
    let mut parts: Vec<String> = counts.iter().map(|(kind, n)| kind.count(*n)).collect();
    match deleted {
        0 => {}
        1 => parts.push("1 item deleted".into()),
        n => parts.push(format!("{n} items deleted")),
    }
    parts.join(", ")
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
        (
            0u128..6,
            0i64..4,
            0u8..3,
            any::<bool>(),
            proptest::option::of(0i64..4),
        )
            .prop_map(|(id, ms, title, deleted, base)| {
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
                    base: base.map(at),
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
            for id in a.records().map(|r| &r.id).chain(b.records().map(|r| &r.id)) {
                prop_assert!(merged.record(*id).is_some());
            }
            prop_assert!(merged.len() <= a.len() + b.len());
        }

        #[test]
        fn an_import_keeps_every_id_and_a_second_import_changes_nothing(a in pair(), b in pair()) {
            let once = import_pair(&a, &b);
            for id in a.records().map(|r| &r.id).chain(b.records().map(|r| &r.id)) {
                prop_assert!(once.record(*id).is_some());
            }
            prop_assert_eq!(import_pair(&once, &b), once.clone());
            for record in once.records() {
                for side in [&a, &b] {
                    if let Some(other) = side.record(record.id) {
                        prop_assert!(other.updated <= record.updated);
                    }
                }
            }
        }

        #[test]
        fn merge_keeps_the_newest_copy(a in pair(), b in pair()) {
            let merged = merge_pair(&a, &b);
            for record in merged.records() {
                let id = &record.id;
                for side in [&a, &b] {
                    if let Some(other) = side.record(*id) {
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
            base: None,
        };
        let mut dead = live.clone();
        dead.body = Body::Deleted(Kind::Pair);
        dead.updated = at(9);
        assert!(newer_of(&live, &dead).is_deleted());
        dead.updated = at(1);
        assert!(!newer_of(&live, &dead).is_deleted());
    }

    /// A pair with one objective titled `title`, last changed at `ms`.
    fn with_objective(title: &str, ms: i64, base: Option<i64>) -> PairData {
        let pair = Record::new(
            Id::from_u128(1),
            Id::NONE,
            at(0),
            "n".into(),
            Body::Pair(PairInfo::default()),
        );
        let mut objective = Record::new(
            Id::from_u128(2),
            Id::from_u128(1),
            at(0),
            "n".into(),
            Body::Objective(crate::domain::Objective {
                title: title.into(),
                ..Default::default()
            }),
        );
        objective.updated = at(ms);
        objective.base = base.map(at);
        PairData::from_records(vec![pair, objective])
    }

    fn conflicts(pair: &PairData) -> Vec<&Record> {
        pair.records()
            .filter(|r| matches!(r.body, Body::Conflict(_)))
            .collect()
    }

    fn title(pair: &PairData) -> String {
        match pair.record(Id::from_u128(2)).map(|r| &r.body) {
            Some(Body::Objective(o)) => o.title.clone(),
            other => panic!("not an objective: {other:?}"),
        }
    }

    #[test]
    fn a_change_made_on_both_sides_keeps_the_losing_version_as_a_conflict() {
        // Both copies held version 1; the mentor changed it at 5, the mentee at 7.
        let mentor = with_objective("Speak at the meetup", 5, Some(1));
        let mentee = with_objective("Give a talk", 7, Some(1));
        let merged = import_pair(&mentor, &mentee);
        assert_eq!(title(&merged), "Give a talk");
        let kept = conflicts(&merged);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].parent, Id::from_u128(2));
        match &kept[0].body {
            Body::Conflict(version) => {
                assert_eq!(version.updated, at(5));
                assert!(
                    matches!(&version.body, Body::Objective(o) if o.title == "Speak at the meetup")
                );
            }
            other => panic!("not a conflict: {other:?}"),
        }
        // The other direction keeps the same version under the same id.
        let other_way = import_pair(&mentee, &mentor);
        assert_eq!(conflicts(&other_way), kept);
        assert_eq!(preview_import(&wb(&mentor), &wb(&mentee))[0].conflicts, 1);
    }

    #[test]
    fn an_edit_of_the_other_sides_version_is_no_conflict() {
        // The mentor wrote version 1 and sent it (its copy knows no base);
        // the mentee imported it (base 1) and edited it at 7.
        let mentor = with_objective("Speak at the meetup", 1, None);
        let mentee = with_objective("Give a talk", 7, Some(1));
        let merged = import_pair(&mentor, &mentee);
        assert_eq!(title(&merged), "Give a talk");
        assert!(conflicts(&merged).is_empty());
        // Nor is a newer version over one this copy had from the other side.
        let merged = import_pair(&mentee, &with_objective("Give a talk", 1, Some(1)));
        assert!(conflicts(&merged).is_empty());
        assert_eq!(preview_import(&wb(&mentor), &wb(&mentee))[0].conflicts, 0);
    }

    #[test]
    fn importing_marks_what_both_copies_hold_and_a_second_import_changes_nothing() {
        let mentor = with_objective("Speak at the meetup", 5, Some(1));
        let mentee = with_objective("Give a talk", 7, Some(1));
        let once = import_pair(&mentor, &mentee);
        assert_eq!(once.record(Id::from_u128(2)).unwrap().base, Some(at(7)));
        assert_eq!(import_pair(&once, &mentee), once);
        let preview = &preview_import(&wb(&once), &wb(&mentee))[0];
        assert!(preview.unchanged() && preview.conflicts == 0);
        // The same version on both sides is no news, whatever each copy knew.
        let same = with_objective("Give a talk", 7, None);
        let marked = import_pair(&same, &mentee);
        assert_eq!(brought_in(Some(&same), &marked), "");
        assert_eq!(marked.record(Id::from_u128(2)).unwrap().base, Some(at(7)));
    }

    #[test]
    fn a_copy_without_the_import_marks_does_not_drop_them() {
        let marked = with_objective("Give a talk", 7, Some(7));
        let unmarked = with_objective("Give a talk", 7, None);
        assert_eq!(merge_pair(&unmarked, &marked), marked);
        assert_eq!(merge_pair(&marked, &unmarked), marked);
    }

    #[test]
    fn a_dismissed_conflict_stays_dismissed_when_the_file_comes_again() {
        let mentor = with_objective("Speak at the meetup", 9, Some(1));
        let mentee = with_objective("Give a talk", 7, Some(1));
        let mut merged = import_pair(&mentor, &mentee);
        assert_eq!(title(&merged), "Speak at the meetup");
        let id = conflicts(&merged)[0].id;
        merged.edit(id, |r| r.revise(Body::Deleted(Kind::Conflict), at(20)));
        let again = import_pair(&merged, &mentee);
        assert!(again.record(id).unwrap().is_deleted());
        assert_eq!(again, merged);
    }

    #[test]
    fn a_deletion_over_a_change_keeps_the_change_and_a_lost_deletion_is_no_conflict() {
        let changed = with_objective("Give a talk", 7, Some(1));
        let mut deleted = with_objective("Speak at the meetup", 9, Some(1));
        deleted.edit(Id::from_u128(2), |r| {
            r.body = Body::Deleted(Kind::Objective)
        });
        let merged = import_pair(&changed, &deleted);
        assert!(merged.record(Id::from_u128(2)).unwrap().is_deleted());
        assert_eq!(conflicts(&merged).len(), 1);
        let mut early = deleted.clone();
        early.edit(Id::from_u128(2), |r| r.updated = at(3));
        assert!(conflicts(&import_pair(&changed, &early)).is_empty());
    }

    fn wb(pair: &PairData) -> Workbook {
        let mut book = Workbook::default();
        book.pairs.insert(Id::from_u128(1), pair.clone());
        book
    }

    #[test]
    fn settling_a_conflict_restores_or_sets_aside_and_undo_reopens_it() {
        let mentor = with_objective("Speak at the meetup", 5, Some(1));
        let mentee = with_objective("Give a talk", 7, Some(1));
        let merged = import_pair(&mentor, &mentee);
        let conflict = conflicts(&merged)[0].id;
        let mut ids = crate::domain::SequentialIds(900);

        let mut book = wb(&merged);
        let restore = settle_conflict(&merged, conflict, true).unwrap();
        let applied = book.apply(restore, at(30), &mut ids).unwrap();
        let after = book.pair(Id::from_u128(1)).unwrap().clone();
        assert_eq!(title(&after), "Speak at the meetup");
        assert!(after.record(Id::from_u128(2)).unwrap().updated > at(7));
        assert!(open_conflicts(&after).is_empty());
        book.apply(applied.undo, at(31), &mut ids).unwrap();
        let undone = book.pair(Id::from_u128(1)).unwrap().clone();
        assert_eq!(title(&undone), "Give a talk");
        assert_eq!(open_conflicts(&undone).len(), 1);

        let mut book = wb(&merged);
        let set_aside = settle_conflict(&merged, conflict, false).unwrap();
        book.apply(set_aside, at(30), &mut ids).unwrap();
        let after = book.pair(Id::from_u128(1)).unwrap();
        assert_eq!(title(after), "Give a talk");
        assert!(open_conflicts(after).is_empty());
        assert_eq!(settle_conflict(after, conflict, true), None);
    }

    #[test]
    fn copies_written_before_versions_were_marked_merge_newer_wins_without_conflicts() {
        let mentor = with_objective("Speak at the meetup", 1, None);
        let mentee = with_objective("Give a talk", 7, None);
        let merged = import_pair(&mentor, &mentee);
        assert_eq!(title(&merged), "Give a talk");
        assert!(conflicts(&merged).is_empty());
        assert_eq!(preview_import(&wb(&mentor), &wb(&mentee))[0].conflicts, 0);
    }

    #[test]
    fn the_summary_counts_deletions_as_deletions_and_only_open_conflicts() {
        let ours = with_objective("Give a talk", 7, Some(7));
        let mut theirs = ours.clone();
        theirs.edit(Id::from_u128(2), |r| {
            r.revise(Body::Deleted(Kind::Objective), at(9))
        });
        let merged = import_pair(&ours, &theirs);
        assert_eq!(brought_in(Some(&ours), &merged), "1 item deleted");

        let mentor = with_objective("Speak at the meetup", 5, Some(1));
        let mentee = with_objective("Give a talk", 7, Some(1));
        let merged = import_pair(&mentor, &mentee);
        assert_eq!(
            brought_in(Some(&mentor), &merged),
            "1 objective, 1 change made on both sides (the other version is on the dashboard)"
        );
        let mut set_aside = merged.clone();
        let conflict = conflicts(&merged)[0].id;
        set_aside.edit(conflict, |r| {
            r.revise(Body::Deleted(Kind::Conflict), at(20))
        });
        assert_eq!(brought_in(Some(&merged), &set_aside), "");
    }

    #[test]
    fn the_preview_counts_a_conflict_once_and_a_deletion_only_of_something_alive() {
        let mentor = with_objective("Speak at the meetup", 5, Some(1));
        let mentee = with_objective("Give a talk", 7, Some(1));
        // The mentee's copy after importing the mentor's: it holds the
        // conflict too, and sends it back.
        let mentee_after = import_pair(&mentee, &mentor);
        let preview = &preview_import(&wb(&mentor), &wb(&mentee_after))[0];
        assert_eq!(
            (preview.added, preview.updated, preview.conflicts),
            (0, 1, 1),
            "{preview:?}"
        );
        assert!(!preview.unchanged());

        let mut gone = with_objective("Give a talk", 7, Some(7));
        gone.edit(Id::from_u128(2), |r| {
            r.revise(Body::Deleted(Kind::Objective), at(9))
        });
        let mut gone_later = gone.clone();
        gone_later.edit(Id::from_u128(2), |r| r.updated = at(12));
        let preview = &preview_import(&wb(&gone), &wb(&gone_later))[0];
        assert_eq!((preview.updated, preview.deleted), (0, 0), "{preview:?}");
        assert!(preview.unchanged());
    }

    #[test]
    fn two_tabs_that_change_the_same_record_keep_the_later_change_and_the_earlier_as_a_conflict() {
        // Both tabs read the stored copy (version 3); tab A edits at 5, tab
        // B at 7, before either hears of the other.
        let read = with_objective("Cut relining", 3, None);
        let tab_a = with_objective("Cut the relining time", 5, None);
        let tab_b = with_objective("Halve the relining time", 7, None);

        // B saves second: it finds A's copy stored and merges it in.
        let stored = merge_tab(&tab_b, &tab_a, &read);
        assert_eq!(title(&stored), "Halve the relining time");
        let kept = conflicts(&stored);
        assert_eq!(kept.len(), 1);
        assert!(
            matches!(&kept[0].body, Body::Conflict(k) if title(&PairData::from_records(vec![(**k).clone()])) == "Cut the relining time")
        );
        assert_eq!(open_conflicts(&stored).len(), 1);

        // A hears of B's save and merges the stored copy: the same result,
        // and merging once more changes nothing.
        let in_a = merge_tab(&tab_a, &stored, &read);
        assert_eq!(in_a, stored);
        assert_eq!(merge_tab(&in_a, &stored, &stored), stored);
    }

    #[test]
    fn a_change_made_in_one_tab_only_since_the_last_read_is_simply_taken() {
        let read = with_objective("Cut the relining time", 3, None);
        let changed = with_objective("Halve the relining time", 7, None);
        let merged = merge_tab(&read, &changed, &read);
        assert_eq!(merged, changed);
        // The other way round: the change is this tab's, kept as it is.
        assert_eq!(merge_tab(&changed, &read, &read), changed);
        // Nor is the same change seen twice a conflict.
        assert!(conflicts(&merge_tab(&changed, &changed, &read)).is_empty());
    }

    /// The pair of `with_objective` with a milestone under the objective.
    fn with_milestone(pair: &PairData, ms: i64) -> PairData {
        let mut milestone = Record::new(
            Id::from_u128(3),
            Id::from_u128(2),
            at(ms),
            "n".into(),
            Body::Milestone(crate::domain::Milestone {
                title: "Trial on line 2".into(),
                ..Default::default()
            }),
        );
        milestone.base = Some(at(ms));
        let mut pair = pair.clone();
        pair.put(milestone);
        pair
    }

    #[test]
    fn an_import_one_tab_took_back_stays_taken_back_in_the_other() {
        // Tab A imports a file that changes the objective and adds a
        // milestone; tab B hears of it and holds the same.
        let before = with_objective("Cut the relining time", 3, None);
        let file = with_milestone(&with_objective("Halve the relining time", 6, None), 6);
        let imported = import_pair(&before, &file);
        let b_read = imported.clone();
        // A undoes the import: the earlier versions are stored again, and
        // the milestone is gone.
        let undone = before.clone();

        // B hears of that: nothing of the import comes back.
        assert_eq!(merge_tab(&imported, &undone, &b_read), undone);

        // B had meanwhile renamed the pair, not yet saved: that change
        // stays, the import stays taken back.
        let mut b_edited = imported.clone();
        b_edited.edit(Id::from_u128(1), |r| {
            r.revise(
                Body::Pair(PairInfo {
                    title: "Relining".into(),
                    ..PairInfo::default()
                }),
                at(9),
            )
        });
        let merged = merge_tab(&b_edited, &undone, &b_read);
        assert_eq!(title(&merged), "Cut the relining time");
        assert!(merged.record(Id::from_u128(3)).is_none());
        assert!(
            matches!(&merged.pair_record().unwrap().body, Body::Pair(info) if info.title == "Relining")
        );
        assert!(conflicts(&merged).is_empty());

        // Had B put a step under the taken-back milestone, the milestone
        // stays with it: nothing B wrote is lost.
        let mut b_step = imported.clone();
        b_step.put(Record::new(
            Id::from_u128(4),
            Id::from_u128(3),
            at(9),
            "n".into(),
            Body::Step(crate::domain::Step {
                title: "Book the crane".into(),
                ..Default::default()
            }),
        ));
        let merged = merge_tab(&b_step, &undone, &b_read);
        assert!(merged.record(Id::from_u128(4)).is_some());
        assert!(merged.check_tree().is_ok());
    }
}
