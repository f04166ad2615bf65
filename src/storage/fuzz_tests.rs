//! Fuzzing the door other people's bytes come in by: an exported file,
//! mutated at random, is read without a panic or a hang; what the reader
//! accepts is a tree every query can walk, writes back to itself, and
//! imports whole or not at all.
//!
//! `TRELLIS_FUZZ_CASES` sets the number of files (10,000 by default; the
//! README names a longer run).

// A fuzz case that cannot unwrap should fail loudly: that is the point.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

use super::codec::content_lines;
use super::exchange::{decode_export, encode_export, storage_warning};
use crate::domain::json::Named;
use crate::domain::{
    brought_in, coach, imported_pairs, open_conflicts, preview_import, sample_workbook, Action,
    Calendar, CoachContext, IdSet, Kind, PairData, SequentialIds, Stage, Workbook,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// The sample pair cut down to two records of each kind (a tree still,
/// every kind there), its export, and the export parsed by serde: small,
/// so ten thousand cases run in seconds.
struct Base {
    book: Workbook,
    text: String,
    value: Value,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let (sample, pair) = sample_workbook(now(), &mut SequentialIds(0));
        let whole = &sample.pairs[&pair];
        let mut kept = IdSet::new();
        let mut of_kind = [0; Kind::VARIANTS.len()];
        let mut records = Vec::new();
        for id in whole.subtree(pair) {
            let record = whole.record(id).unwrap();
            let count = &mut of_kind[record.body.kind().index()];
            if (id == pair || kept.contains(&record.parent)) && *count < 2 {
                *count += 1;
                kept.insert(id);
                records.push(record.clone());
            }
        }
        let mut book = Workbook::default();
        book.pairs.insert(pair, PairData::from_records(records));
        let text = encode_export(&book, &[pair], now());
        let value = serde_json::from_str(&text).unwrap();
        Base { book, text, value }
    })
}

/// Values that no field of a stored record expects, or only at its edge.
fn odd_value(pick: usize) -> Value {
    let odd = [
        Value::Null,
        Value::from(-1),
        Value::from(u64::MAX),
        Value::from(i64::MIN),
        Value::from(3.5),
        Value::from(1e308),
        Value::from(""),
        Value::from("9999-99-99"),
        Value::from("2026-02-30"),
        Value::from("+275760-09-13T00:00:00Z"),
        Value::from("00000000000000000000000000000000"),
        Value::from("not_a_kind"),
        Value::from("<img src=x onerror=alert(1)>\u{202e}"),
        Value::from("w".repeat(100_000)),
        Value::Array(vec![]),
        Value::Object(serde_json::Map::new()),
    ];
    odd[pick % odd.len()].clone()
}

/// One change to a valid file; the numbers pick what it changes.
#[derive(Clone, Debug)]
enum Mutation {
    /// One bit of one byte of the text.
    FlipBit(usize, u8),
    /// One member of one object, anywhere.
    DropMember(usize, usize),
    /// A record written twice.
    RepeatRecord(usize),
    /// A record's member written twice, the second with another record's
    /// value: which one a reader keeps is its own choice.
    RepeatKey(usize, usize, usize),
    SwapIds(usize, usize),
    SwapParents(usize, usize),
    /// A record's parent set to another record's id (itself, a child, a
    /// record of a kind that cannot hold it).
    ParentFrom(usize, usize),
    /// A value anywhere replaced by an odd one.
    OddLeaf(usize, usize),
    /// A record's body given another kind's name.
    Rekind(usize, usize),
    /// A value anywhere buried in arrays this deep.
    Nest(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>;
    prop_oneof![
        (n(), 0..8u8).prop_map(|(at, bit)| Mutation::FlipBit(at, bit)),
        (n(), n()).prop_map(|(o, m)| Mutation::DropMember(o, m)),
        n().prop_map(Mutation::RepeatRecord),
        (n(), n(), n()).prop_map(|(a, m, b)| Mutation::RepeatKey(a, m, b)),
        (n(), n()).prop_map(|(a, b)| Mutation::SwapIds(a, b)),
        (n(), n()).prop_map(|(a, b)| Mutation::SwapParents(a, b)),
        (n(), n()).prop_map(|(a, b)| Mutation::ParentFrom(a, b)),
        (n(), n()).prop_map(|(at, odd)| Mutation::OddLeaf(at, odd)),
        (n(), n()).prop_map(|(a, k)| Mutation::Rekind(a, k)),
        (n(), 1..3_000usize).prop_map(|(at, depth)| Mutation::Nest(at, depth)),
    ]
}

/// The JSON pointers of every value in `value`, itself first.
fn pointers(value: &Value, at: String, found: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), found);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                pointers(member, format!("{at}/{key}"), found);
            }
        }
        _ => {}
    }
    found.push(at);
}

/// The first pair's records, while an earlier mutation left them a list.
fn records(file: &mut Value) -> Option<&mut Vec<Value>> {
    file.pointer_mut("/pairs/0/records")?
        .as_array_mut()
        .filter(|all| !all.is_empty())
}

/// `file` with `mutation` made: as a value, or as text where a value
/// cannot say it (bytes that are not JSON, repeated keys, deep nesting).
fn mutate(file: &mut Value, text: &mut Option<String>, mutation: &Mutation) {
    let written = |file: &Value| serde_json::to_string(file).unwrap();
    let count = records(file).map_or(0, |all| all.len());
    match *mutation {
        Mutation::FlipBit(at, bit) => {
            let mut bytes = text.take().unwrap_or_else(|| written(file)).into_bytes();
            let at = at % bytes.len();
            bytes[at] ^= 1 << bit;
            *text = Some(String::from_utf8_lossy(&bytes).into_owned());
        }
        Mutation::RepeatKey(a, member, b) => {
            let Some(all) = file.pointer("/pairs/0/records").and_then(Value::as_array) else {
                return;
            };
            if all.is_empty() {
                return;
            }
            let record = &all[a % all.len()];
            let Some(keys) = record.as_object().map(|r| r.keys().collect::<Vec<_>>()) else {
                return;
            };
            let Some(key) = keys.get(member % keys.len().max(1)) else {
                return;
            };
            let other = &all[b % all.len()][key.as_str()];
            let mut whole = text.take().unwrap_or_else(|| written(file));
            let shown = written(record);
            let doubled = format!("{{\"{key}\":{},{}", written(other), &shown[1..]);
            whole = whole.replacen(&shown, &doubled, 1);
            *text = Some(whole);
        }
        Mutation::Nest(at, depth) => {
            let mut whole = text.take().unwrap_or_else(|| written(file));
            let mut found = Vec::new();
            pointers(file, String::new(), &mut found);
            let target = written(file.pointer(&found[at % found.len()]).unwrap());
            let nested = format!("{}{target}{}", "[".repeat(depth), "]".repeat(depth));
            whole = whole.replacen(&target, &nested, 1);
            *text = Some(whole);
        }
        _ if text.is_some() || count == 0 => {}
        Mutation::DropMember(object, member) => {
            let mut found = Vec::new();
            pointers(file, String::new(), &mut found);
            let objects: Vec<&String> = found
                .iter()
                .filter(|p| file.pointer(p).is_some_and(|v| v.is_object()))
                .collect();
            let target = objects[object % objects.len()].clone();
            let members = file.pointer_mut(&target).unwrap().as_object_mut().unwrap();
            if let Some(key) = members.keys().nth(member % members.len().max(1)).cloned() {
                members.remove(&key);
            }
        }
        Mutation::RepeatRecord(a) => {
            let all = records(file).unwrap();
            all.push(all[a % count].clone());
        }
        Mutation::SwapIds(a, b) | Mutation::SwapParents(a, b) => {
            let key = if matches!(mutation, Mutation::SwapIds(..)) {
                "id"
            } else {
                "parent"
            };
            let all = records(file).unwrap();
            if !all[a % count].is_object() || !all[b % count].is_object() {
                return;
            }
            let first = all[a % count][key].take();
            let second = std::mem::replace(&mut all[b % count][key], first);
            all[a % count][key] = second;
        }
        Mutation::ParentFrom(a, b) => {
            let all = records(file).unwrap();
            if all[a % count].is_object() {
                all[a % count]["parent"] = all[b % count]["id"].clone();
            }
        }
        Mutation::OddLeaf(at, odd) => {
            let mut found = Vec::new();
            pointers(file, String::new(), &mut found);
            let target = found[at % found.len()].clone();
            *file.pointer_mut(&target).unwrap() = odd_value(odd);
        }
        Mutation::Rekind(a, kind) => {
            let record = &mut records(file).unwrap()[a % count];
            if let Some(members) = record.get_mut("body").and_then(Value::as_object_mut) {
                if let Some(value) = members.values().next().cloned() {
                    members.clear();
                    let name = Kind::VARIANTS[kind % Kind::VARIANTS.len()].name();
                    members.insert(name.into(), value);
                }
            }
        }
    }
}

/// Asks a pair every question the pages ask of it, so that any that
/// walks up or down without end, or trips on what it finds, shows here.
fn walk(pair: &PairData) {
    let today = now().date_naive();
    let calendar = Calendar::utc(now());
    let context = CoachContext {
        today,
        planned_end: pair.agreement().and_then(|a| a.planned_end),
    };
    for record in pair.records() {
        // Pair, objective, milestone, step and a kept conflict at most.
        assert!(pair.ancestry(record.id).len() <= 5);
        assert!(pair.subtree(record.id).len() <= pair.len());
        for kind in Kind::VARIANTS {
            pair.children(record.id, *kind);
        }
        pair.move_by_one(record.id, true);
        pair.move_by_one(record.id, false);
        content_lines(&record.body);
    }
    for objective in pair.children(pair.id().unwrap(), Kind::Objective) {
        pair.objective_status(objective.id);
        pair.objective_progress(objective.id);
        pair.consents(objective.id);
        pair.revisions(objective.id);
        if let Some(smart) = pair.objective(objective.id) {
            coach(smart, context);
        }
    }
    pair.sessions();
    pair.find_sessions("safety", None);
    pair.open_actions();
    pair.overdue_actions(today);
    pair.last_meeting(now());
    pair.check_in(calendar);
    pair.overdue_tasks(today);
    pair.timeline(today);
    pair.wins();
    pair.agreement_status();
    for (round, _) in pair.evaluations() {
        pair.compare(round.id);
        pair.lowest_rated(round.id);
        pair.round_complete(round.id);
    }
    pair.next_evaluation(today);
    pair.trend_columns();
    pair.closing_summary();
    pair.rating_moves();
    for stage in Stage::ALL {
        pair.stage_status(stage, calendar);
    }
    open_conflicts(pair);
}

fn check_file(text: &str, replace: bool, bring_back: bool) -> Result<(), TestCaseError> {
    let mine = &base().book;
    let Ok(incoming) = decode_export(text) else {
        return Ok(());
    };
    for pair in incoming.pairs.values() {
        prop_assert!(pair.check_tree().is_ok());
        walk(pair);
    }
    let again = encode_export(
        &incoming,
        &incoming.pairs.keys().copied().collect::<Vec<_>>(),
        now(),
    );
    prop_assert_eq!(decode_export(&again), Ok(incoming.clone()));
    preview_import(mine, &incoming);
    storage_warning(mine, &incoming, 0);
    // A refusal returns before anything is applied: `mine` is only read.
    let back: Vec<_> = if bring_back {
        incoming.pairs.keys().copied().collect()
    } else {
        Vec::new()
    };
    let Ok(changed) = imported_pairs(mine, &incoming, replace, &back, now()) else {
        return Ok(());
    };
    let mut book = mine.clone();
    let mut ids = SequentialIds(1 << 40);
    for data in changed {
        let id = data.id().unwrap();
        brought_in(book.pair(id), &data);
        book.apply(
            Action::Import { data },
            now() + Duration::minutes(1),
            &mut ids,
        )
        .unwrap();
        let pair = book.pair(id).unwrap();
        prop_assert!(pair.check_tree().is_ok());
        walk(pair);
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("TRELLIS_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_mutated_file_is_read_safely_and_imports_whole_or_not_at_all(
        mutations in proptest::collection::vec(mutation(), 1..4),
        replace in any::<bool>(),
        bring_back in any::<bool>(),
    ) {
        let mut file = base().value.clone();
        let mut text = None;
        for mutation in &mutations {
            mutate(&mut file, &mut text, mutation);
        }
        let text = text.unwrap_or_else(|| serde_json::to_string(&file).unwrap());
        check_file(&text, replace, bring_back)?;
    }
}

#[test]
fn the_unmutated_file_reads_back_as_the_workbook_it_came_from() {
    let base = base();
    assert_eq!(decode_export(&base.text).as_ref(), Ok(&base.book));
    let reordered = serde_json::to_string(&base.value).unwrap();
    assert_eq!(decode_export(&reordered).as_ref(), Ok(&base.book));
    check_file(&base.text, false, false).unwrap();
}
