use super::*;
use crate::domain::{Calendar, ConfirmState, SequentialIds, Stage, StageStatus};
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
}

/// A workbook with one pair, Ana mentoring Ben.
fn one_pair() -> (Workbook, Id, SequentialIds) {
    let mut ids = SequentialIds(0);
    let mut book = Workbook::default();
    let applied = book
        .apply(
            Action::CreatePair {
                mentor: " Ana ".into(),
                mentee: "Ben".into(),
            },
            now(),
            &mut ids,
        )
        .unwrap();
    (book, applied.pair, ids)
}

fn refused(book: &mut Workbook, action: Action, ids: &mut SequentialIds) -> ActionError {
    let before = book.clone();
    let error = book.apply(action, now(), ids).unwrap_err();
    assert_eq!(*book, before, "a refused action must change nothing");
    error
}

fn confirm(side: Side, pair: Id) -> Action {
    Action::ConfirmAgreement {
        pair,
        side,
        name: "Someone".into(),
        date: today(),
    }
}

#[test]
fn creating_a_pair_makes_the_pair_and_its_empty_agreement() {
    let (book, pair, _) = one_pair();
    let data = book.pair(pair).unwrap();
    let info = data.info().unwrap();
    assert_eq!(info.mentor.name, "Ana");
    assert_eq!(info.mentee.name, "Ben");
    assert_eq!(info.display_name(), "Ana & Ben");
    assert_eq!(data.agreement(), Some(&Agreement::default()));
    assert_eq!(data.len(), 2);
    assert_eq!(data.agreement_record().unwrap().parent, pair);
}

#[test]
fn creating_a_pair_without_names_is_refused() {
    let mut book = Workbook::default();
    let mut ids = SequentialIds(0);
    let error = refused(
        &mut book,
        Action::CreatePair {
            mentor: "  ".into(),
            mentee: "Ben".into(),
        },
        &mut ids,
    );
    assert_eq!(error, ActionError::Missing("the mentor's name"));
    let error = refused(
        &mut book,
        Action::CreatePair {
            mentor: "Ana".into(),
            mentee: "".into(),
        },
        &mut ids,
    );
    assert_eq!(error, ActionError::Missing("the mentee's name"));
}

#[test]
fn pairs_list_in_the_order_they_were_made() {
    let (mut book, first, mut ids) = one_pair();
    let second = book
        .apply(
            Action::CreatePair {
                mentor: "Cy".into(),
                mentee: "Di".into(),
            },
            now(),
            &mut ids,
        )
        .unwrap()
        .pair;
    let order: Vec<Id> = book.live_pairs().into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, vec![first, second]);
}

#[test]
fn renaming_a_pair_keeps_its_people_and_can_be_undone() {
    let (mut book, pair, mut ids) = one_pair();
    let mut info = book.pair(pair).unwrap().info().unwrap().clone();
    info.title = "Rolling mill pair".into();
    let applied = book
        .apply(Action::UpdatePair { pair, info }, now(), &mut ids)
        .unwrap();
    assert_eq!(
        book.pair(pair).unwrap().info().unwrap().display_name(),
        "Rolling mill pair"
    );
    book.apply(applied.undo, now(), &mut ids).unwrap();
    assert_eq!(
        book.pair(pair).unwrap().info().unwrap().display_name(),
        "Ana & Ben"
    );
}

#[test]
fn updating_the_agreement_moves_its_time_forward_even_with_a_slow_clock() {
    let (mut book, pair, mut ids) = one_pair();
    let before = book.pair(pair).unwrap().agreement_record().unwrap().updated;
    let agreement = Agreement {
        purpose: "Grow into a lead role".into(),
        ..Agreement::default()
    };
    let slow_clock = now() - Duration::days(3);
    book.apply(
        Action::UpdateAgreement { pair, agreement },
        slow_clock,
        &mut ids,
    )
    .unwrap();
    let record = book.pair(pair).unwrap().agreement_record().unwrap();
    assert!(record.updated > before);
    assert_eq!(
        book.pair(pair).unwrap().agreement().unwrap().purpose,
        "Grow into a lead role"
    );
}

#[test]
fn actions_on_a_missing_pair_are_refused() {
    let (mut book, _, mut ids) = one_pair();
    let ghost = Id::from_u128(999);
    let actions = [
        Action::UpdateAgreement {
            pair: ghost,
            agreement: Agreement::default(),
        },
        Action::UpdatePair {
            pair: ghost,
            info: PairInfo::default(),
        },
        Action::DeletePair { pair: ghost },
        confirm(Side::Mentor, ghost),
        Action::Delete {
            pair: ghost,
            record: ghost,
        },
        Action::Restore {
            pair: ghost,
            records: vec![],
        },
    ];
    for action in actions {
        assert_eq!(
            refused(&mut book, action, &mut ids),
            ActionError::UnknownPair
        );
    }
}

#[test]
fn both_confirmations_make_it_agreed_and_an_edit_makes_them_stale() {
    let (mut book, pair, mut ids) = one_pair();
    let status = |book: &Workbook| book.pair(pair).unwrap().agreement_status().unwrap();
    assert_eq!(status(&book).mentor, ConfirmState::Missing);

    book.apply(confirm(Side::Mentor, pair), now(), &mut ids)
        .unwrap();
    assert!(!status(&book).agreed());
    book.apply(confirm(Side::Mentee, pair), now(), &mut ids)
        .unwrap();
    assert!(status(&book).agreed());
    assert_eq!(
        book.pair(pair)
            .unwrap()
            .stage_status(Stage::Agree, Calendar::noon(today())),
        StageStatus::Done
    );

    let agreement = Agreement {
        purpose: "A new purpose".into(),
        ..Agreement::default()
    };
    book.apply(Action::UpdateAgreement { pair, agreement }, now(), &mut ids)
        .unwrap();
    let changed = status(&book);
    assert!(changed.changed_since_agreed());
    assert!(!changed.agreed());
    assert!(matches!(changed.mentee, ConfirmState::Stale { .. }));
    assert_eq!(
        book.pair(pair)
            .unwrap()
            .stage_status(Stage::Agree, Calendar::noon(today())),
        StageStatus::Due
    );

    book.apply(
        confirm(Side::Mentor, pair),
        now() + Duration::days(1),
        &mut ids,
    )
    .unwrap();
    let half = status(&book);
    assert!(matches!(half.mentor, ConfirmState::Current { .. }));
    assert!(matches!(half.mentee, ConfirmState::Stale { .. }));
    book.apply(
        confirm(Side::Mentee, pair),
        now() + Duration::days(1),
        &mut ids,
    )
    .unwrap();
    assert!(status(&book).agreed());
}

#[test]
fn renaming_a_person_also_makes_confirmations_stale() {
    let (mut book, pair, mut ids) = one_pair();
    book.apply(confirm(Side::Mentor, pair), now(), &mut ids)
        .unwrap();
    book.apply(confirm(Side::Mentee, pair), now(), &mut ids)
        .unwrap();
    let mut info = book.pair(pair).unwrap().info().unwrap().clone();
    info.mentee.name = "Benedikt".into();
    book.apply(Action::UpdatePair { pair, info }, now(), &mut ids)
        .unwrap();
    assert!(book
        .pair(pair)
        .unwrap()
        .agreement_status()
        .unwrap()
        .changed_since_agreed());
}

#[test]
fn a_confirmation_needs_a_name_and_can_be_withdrawn_by_undo() {
    let (mut book, pair, mut ids) = one_pair();
    let nameless = Action::ConfirmAgreement {
        pair,
        side: Side::Mentor,
        name: " ".into(),
        date: today(),
    };
    assert!(matches!(
        refused(&mut book, nameless, &mut ids),
        ActionError::Missing(_)
    ));
    let applied = book
        .apply(confirm(Side::Mentor, pair), now(), &mut ids)
        .unwrap();
    assert!(matches!(
        book.pair(pair).unwrap().agreement_status().unwrap().mentor,
        ConfirmState::Current { .. }
    ));
    book.apply(applied.undo, now(), &mut ids).unwrap();
    assert_eq!(
        book.pair(pair).unwrap().agreement_status().unwrap().mentor,
        ConfirmState::Missing
    );
}

#[test]
fn deleting_a_pair_leaves_tombstones_and_undo_brings_everything_back() {
    let (mut book, pair, mut ids) = one_pair();
    book.apply(confirm(Side::Mentor, pair), now(), &mut ids)
        .unwrap();
    let before = book.pair(pair).unwrap().clone();
    let applied = book
        .apply(Action::DeletePair { pair }, now(), &mut ids)
        .unwrap();
    assert!(book.pair(pair).is_none());
    assert!(book.live_pairs().is_empty());
    let stored = &book.pairs[&pair];
    assert_eq!(stored.len(), 3, "tombstones keep every id");
    assert!(stored.records().all(Record::is_deleted));

    book.apply(applied.undo, now(), &mut ids).unwrap();
    let back = book.pair(pair).unwrap();
    for record in before.records() {
        let id = &record.id;
        assert_eq!(back.record(*id).unwrap().body, record.body);
        assert!(back.record(*id).unwrap().updated > record.updated);
    }
}

#[test]
fn deleting_a_record_takes_its_children_and_undo_restores_them() {
    let (mut book, pair, mut ids) = one_pair();
    let agreement = book.pair(pair).unwrap().agreement_record().unwrap().id;
    book.apply(confirm(Side::Mentor, pair), now(), &mut ids)
        .unwrap();
    let applied = book
        .apply(
            Action::Delete {
                pair,
                record: agreement,
            },
            now(),
            &mut ids,
        )
        .unwrap();
    let data = book.pair(pair).unwrap();
    assert!(data.agreement().is_none());
    assert!(data
        .records()
        .filter(|r| r.id != pair)
        .all(Record::is_deleted));
    book.apply(applied.undo, now(), &mut ids).unwrap();
    assert!(book.pair(pair).unwrap().agreement_status().unwrap().mentor != ConfirmState::Missing);
}

#[test]
fn deleting_the_pair_record_or_a_missing_record_is_refused() {
    let (mut book, pair, mut ids) = one_pair();
    let error = refused(&mut book, Action::Delete { pair, record: pair }, &mut ids);
    assert_eq!(error, ActionError::UnknownRecord);
    let error = refused(
        &mut book,
        Action::Delete {
            pair,
            record: Id::from_u128(77),
        },
        &mut ids,
    );
    assert_eq!(error, ActionError::UnknownRecord);
}

#[test]
fn restoring_a_record_as_another_kind_is_refused_whole() {
    let (mut book, pair, mut ids) = one_pair();
    let data = book.pair(pair).unwrap();
    let mut good = data.agreement_record().unwrap().clone();
    if let Body::Agreement(a) = &mut good.body {
        a.purpose = "restored".into();
    }
    let mut bad = data.pair_record().unwrap().clone();
    bad.body = Body::Agreement(Agreement::default());
    let error = refused(
        &mut book,
        Action::Restore {
            pair,
            records: vec![good, bad],
        },
        &mut ids,
    );
    assert_eq!(error, ActionError::KindMismatch);
}

#[test]
fn a_closed_pair_refuses_changes() {
    let (mut book, pair, mut ids) = one_pair();
    let data = book.pairs.get_mut(&pair).unwrap();
    data.edit(pair, |record| {
        if let Body::Pair(info) = &mut record.body {
            info.closed_on = Some(today());
        }
    });
    let actions = [
        Action::UpdateAgreement {
            pair,
            agreement: Agreement::default(),
        },
        confirm(Side::Mentee, pair),
    ];
    for action in actions {
        assert_eq!(refused(&mut book, action, &mut ids), ActionError::Closed);
    }
}

#[test]
fn each_side_only_acts_for_itself_unless_both() {
    assert!(Role::Mentor.can_act_for(Side::Mentor));
    assert!(!Role::Mentor.can_act_for(Side::Mentee));
    assert!(Role::Mentee.can_act_for(Side::Mentee));
    assert!(!Role::Mentee.can_act_for(Side::Mentor));
    assert!(Role::Both.can_act_for(Side::Mentor) && Role::Both.can_act_for(Side::Mentee));
}

#[test]
fn stages_start_current_due_or_later() {
    let (book, pair, _) = one_pair();
    let data = book.pair(pair).unwrap();
    assert_eq!(
        data.stage_status(Stage::Agree, Calendar::noon(today())),
        StageStatus::Current
    );
    assert_eq!(
        data.stage_status(Stage::Plan, Calendar::noon(today())),
        StageStatus::Due
    );
    assert_eq!(
        data.stage_status(Stage::Meet, Calendar::noon(today())),
        StageStatus::Current
    );
}
