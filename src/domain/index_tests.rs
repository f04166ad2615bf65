//! The pair's index of children: kept equal to a from-scratch build by
//! every action, merge and import, and trusted only for a tree.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::fixture::Fixture;
use super::*;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

/// The index the records alone give.
fn rebuilt(data: &PairData) -> PairData {
    PairData::from_records(data.records().cloned())
}

/// One step of a random session at the Plan and Meet stages: what to do,
/// and numbers that pick its target among the records that exist.
#[derive(Clone, Debug)]
enum Doing {
    AddObjective,
    AddMilestone(usize),
    AddTask(usize),
    AddSession,
    AddAction(usize),
    Tick(usize),
    EditSession(usize, bool),
    Move(usize, bool),
    Delete(usize),
    Undo,
}

fn doing() -> impl Strategy<Value = Doing> {
    prop_oneof![
        Just(Doing::AddObjective),
        any::<usize>().prop_map(Doing::AddMilestone),
        any::<usize>().prop_map(Doing::AddTask),
        Just(Doing::AddSession),
        any::<usize>().prop_map(Doing::AddAction),
        any::<usize>().prop_map(Doing::Tick),
        (any::<usize>(), any::<bool>()).prop_map(|(i, moved)| Doing::EditSession(i, moved)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, up)| Doing::Move(i, up)),
        any::<usize>().prop_map(Doing::Delete),
        Just(Doing::Undo),
    ]
}

/// The live records of one kind, in id order.
fn live(data: &PairData, kind: Kind) -> Vec<Id> {
    data.records()
        .filter(|r| !r.is_deleted() && r.body.kind() == kind)
        .map(|r| r.id)
        .collect()
}

fn pick(ids: &[Id], i: usize) -> Option<Id> {
    (!ids.is_empty()).then(|| ids[i % ids.len()])
}

/// The action a step stands for in the pair as it is, if it has a target.
fn action_for(f: &Fixture, step: &Doing, undo: &Option<Action>) -> Option<Action> {
    let data = f.data();
    let pair = f.pair;
    let add = |parent: Id, body: Body| Action::Add { pair, parent, body };
    Some(match step {
        Doing::AddObjective => add(
            pair,
            Body::Objective(Objective {
                title: "Lead a shift handover".into(),
                ..Objective::default()
            }),
        ),
        Doing::AddMilestone(i) => add(
            pick(&live(data, Kind::Objective), *i)?,
            Body::Milestone(Milestone {
                title: "First handover".into(),
                ..Milestone::default()
            }),
        ),
        Doing::AddTask(i) => add(
            pick(&live(data, Kind::Milestone), *i)?,
            Body::Step(Step {
                title: "Read the log".into(),
                ..Step::default()
            }),
        ),
        Doing::AddSession => add(
            pair,
            Body::Session(Session {
                starts_at: Some(at(0)),
                ..Session::default()
            }),
        ),
        Doing::AddAction(i) => add(
            pick(&live(data, Kind::Session), *i)?,
            Body::ActionItem(ActionItem {
                title: "Send the notes".into(),
                due: Some(at(0).date_naive() + Duration::days(7)),
                ..ActionItem::default()
            }),
        ),
        Doing::Tick(i) => {
            let record = pick(&live(data, Kind::Step), *i)?;
            let Body::Step(mut step) = data.record(record)?.body.clone() else {
                return None;
            };
            step.status = TaskStatus::Done;
            Action::Update {
                pair,
                record,
                body: Body::Step(step),
                by: None,
                date: at(0).date_naive(),
                reason: String::new(),
            }
        }
        Doing::EditSession(i, moved) => {
            let record = pick(&live(data, Kind::Session), *i)?;
            let Body::Session(mut session) = data.record(record)?.body.clone() else {
                return None;
            };
            if *moved {
                session.starts_at = session.starts_at.map(|at| at + Duration::days(7));
            } else {
                session.notes.push_str("Talked through the audit.");
            }
            Action::Update {
                pair,
                record,
                body: Body::Session(session),
                by: None,
                date: at(0).date_naive(),
                reason: String::new(),
            }
        }
        Doing::Move(i, up) => {
            let mut movable = live(data, Kind::Objective);
            movable.extend(live(data, Kind::Milestone));
            movable.extend(live(data, Kind::Step));
            let record = pick(&movable, *i)?;
            let after = data.move_by_one(record, *up)?;
            Action::Move {
                pair,
                record,
                after,
            }
        }
        Doing::Delete(i) => {
            let mut deletable = live(data, Kind::Objective);
            deletable.extend(live(data, Kind::Milestone));
            deletable.extend(live(data, Kind::Session));
            Action::Delete {
                pair,
                record: pick(&deletable, *i)?,
            }
        }
        Doing::Undo => undo.clone()?,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_action_keeps_the_index_equal_to_a_fresh_build(
        steps in proptest::collection::vec(doing(), 1..40)
    ) {
        let mut f = Fixture::at(at(0));
        let mut undo = None;
        for (n, step) in steps.iter().enumerate() {
            let Some(action) = action_for(&f, step, &undo) else {
                continue;
            };
            f.now = at(n as i64 + 1);
            let before = f.data().clone();
            let Ok(applied) = f.book.apply(action, f.now, &mut f.ids) else {
                prop_assert_eq!(f.data(), &before);
                continue;
            };
            let data = f.data();
            prop_assert_eq!(data, &rebuilt(data), "after {:?}", step);
            prop_assert!(data.check_tree().is_ok());
            // What the action says it touched covers every record that
            // changed, and every change of outline is among the reshaped.
            let Touched::Records { changed, reshaped } = applied.touched(data) else {
                continue;
            };
            for record in data.records() {
                let earlier = before.record(record.id);
                if earlier != Some(record) {
                    prop_assert!(changed.contains(&record.id), "{:?} missed {}", step, record.id);
                }
                let outlined = earlier.is_none_or(|e| !e.same_outline(record));
                prop_assert_eq!(reshaped.contains(&record.id), outlined, "{:?} on {}", step, record.id);
                // Nothing moves a record to another parent, so a reshaped
                // record's readers are under the parent it has now.
                prop_assert!(earlier.is_none_or(|e| e.parent == record.parent));
            }
            // The open and overdue actions follow the action items' outline
            // alone (the app's reads of them are told of nothing else).
            let items_reshaped = reshaped
                .iter()
                .any(|id| data.record(*id).is_some_and(|r| r.body.kind() == Kind::ActionItem));
            if !items_reshaped {
                let open = |d: &PairData| d.open_actions().iter().map(|(id, _)| *id).collect::<Vec<_>>();
                prop_assert_eq!(open(&before), open(data), "after {:?}", step);
                let today = at(0).date_naive() + Duration::days(30);
                prop_assert_eq!(before.overdue_actions(today), data.overdue_actions(today));
            }
            undo = Some(applied.undo);
        }
    }

    #[test]
    fn merging_and_importing_keep_the_index_equal_to_a_fresh_build(
        ours in proptest::collection::vec(doing(), 1..25),
        theirs in proptest::collection::vec(doing(), 1..25),
    ) {
        let mut mentor = Fixture::at(at(0));
        let mut mentee = Fixture::at(at(0));
        let shared = mentor.data().clone();
        mentee.book.pairs.insert(mentor.pair, shared);
        mentee.pair = mentor.pair;
        mentee.ids = SequentialIds(10_000);
        for (f, steps) in [(&mut mentor, &ours), (&mut mentee, &theirs)] {
            for (n, step) in steps.iter().enumerate() {
                if let Some(action) = action_for(f, step, &None) {
                    f.now = at(n as i64 + 1);
                    let _ = f.book.apply(action, f.now, &mut f.ids);
                }
            }
        }
        let merged = merge_pair(mentor.data(), mentee.data());
        prop_assert_eq!(&merged, &rebuilt(&merged));
        prop_assert!(merged.check_tree().is_ok());
        let imported = import_pair(mentor.data(), mentee.data());
        prop_assert_eq!(&imported, &rebuilt(&imported));
        prop_assert!(imported.check_tree().is_ok());
    }
}

#[test]
fn children_come_in_rank_order_after_moves() {
    let mut f = Fixture::at(at(0));
    let pair = f.pair;
    let titles = ["Weld", "Cast", "Roll"];
    let ids: Vec<Id> = titles
        .iter()
        .map(|title| {
            f.add(
                pair,
                Body::Objective(Objective {
                    title: (*title).into(),
                    ..Objective::default()
                }),
            )
        })
        .collect();
    f.apply(Action::Move {
        pair,
        record: ids[2],
        after: None,
    });
    let order: Vec<Id> = f
        .data()
        .children(pair, Kind::Objective)
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(order, vec![ids[2], ids[0], ids[1]]);
    assert_eq!(f.data(), &rebuilt(f.data()));
}

#[test]
fn a_record_that_never_reaches_the_pair_is_found() {
    let f = Fixture::at(at(0));
    let mut records: Vec<Record> = f.data().records().cloned().collect();
    let stray = Id::from_u128(7);
    records.push(Record::new(
        stray,
        stray,
        at(0),
        "n".into(),
        Body::Milestone(Milestone::default()),
    ));
    let loop_a = Id::from_u128(8);
    let loop_b = Id::from_u128(9);
    for (id, parent) in [(loop_a, loop_b), (loop_b, loop_a)] {
        records.push(Record::new(
            id,
            parent,
            at(0),
            "n".into(),
            Body::Step(Step::default()),
        ));
    }
    let data = PairData::from_records(records);
    assert_eq!(data.check_tree(), Err(TreeFault::Stray(stray)));
    // Walking up from a loop ends.
    assert!(data.ancestry(loop_a).len() <= data.len() + 1);
    assert!(data.subtree(loop_a).len() <= data.len() + 1);
}
