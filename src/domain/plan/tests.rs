use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::domain::fixture::Fixture;
use crate::domain::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

impl Fixture {
    fn new() -> Self {
        Fixture::at(now())
    }

    fn objective(&mut self, title: &str) -> Id {
        let body = Body::Objective(Objective {
            title: title.into(),
            ..Objective::default()
        });
        self.add(self.pair, body)
    }

    fn milestone(&mut self, objective: Id, title: &str) -> Id {
        self.add(
            objective,
            Body::Milestone(Milestone {
                title: title.into(),
                ..Milestone::default()
            }),
        )
    }

    fn step(&mut self, milestone: Id, title: &str, status: TaskStatus) -> Id {
        self.add(
            milestone,
            Body::Step(Step {
                title: title.into(),
                status,
                ..Step::default()
            }),
        )
    }

    fn update(&mut self, record: Id, body: Body, reason: &str) -> Result<Applied, ActionError> {
        let action = Action::Update {
            pair: self.pair,
            record,
            body,
            by: Some(Side::Mentee),
            date: day(3),
            reason: reason.into(),
        };
        self.book.apply(action, now(), &mut self.ids)
    }

    fn agree(&mut self, objective: Id, side: Side) {
        self.apply(Action::AgreeObjective {
            pair: self.pair,
            objective,
            side,
            date: day(2),
        });
    }
}

#[test]
fn objectives_milestones_and_steps_are_added_under_the_right_parents() {
    let mut f = Fixture::new();
    let objective = f.objective("Chair the hand-over meeting");
    let milestone = f.milestone(objective, "Dry run with mentor");
    let step = f.step(milestone, "Write the agenda", TaskStatus::NotStarted);
    let data = f.data();
    assert_eq!(data.children(f.pair, Kind::Objective).len(), 1);
    assert_eq!(data.record(milestone).unwrap().parent, objective);
    assert_eq!(data.record(step).unwrap().parent, milestone);
}

#[test]
fn adding_in_the_wrong_place_or_without_a_title_is_refused() {
    let mut f = Fixture::new();
    let objective = f.objective("Lead a safety walk");
    let pair = f.pair;
    let step = Body::Step(Step {
        title: "Orphan".into(),
        ..Step::default()
    });
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: objective,
            body: step
        }),
        ActionError::WrongParent
    );
    let milestone = Body::Milestone(Milestone {
        title: "Under the pair".into(),
        ..Milestone::default()
    });
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: pair,
            body: milestone
        }),
        ActionError::WrongParent
    );
    let untitled = Body::Objective(Objective::default());
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: pair,
            body: untitled
        }),
        ActionError::Missing("a title")
    );
    let win = Body::Win(Win::default());
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: pair,
            body: win
        }),
        ActionError::WrongParent
    );
    let ghost = Body::Milestone(Milestone {
        title: "x".into(),
        ..Milestone::default()
    });
    let error = f.refuse(Action::Add {
        pair,
        parent: Id::from_u128(9),
        body: ghost,
    });
    assert_eq!(error, ActionError::UnknownRecord);
}

#[test]
fn both_sides_agree_and_the_status_reads_agreed() {
    let mut f = Fixture::new();
    let objective = f.objective("Present at the quality review");
    assert_eq!(
        f.data().objective_status(objective),
        Some(ObjectiveStatus::Draft)
    );
    f.agree(objective, Side::Mentor);
    // Side::ALL puts the mentor first, the mentee second.
    assert_eq!(f.data().consents(objective)[0], Consent::Current);
    assert_eq!(
        f.data().objective_status(objective),
        Some(ObjectiveStatus::Proposed)
    );
    f.agree(objective, Side::Mentee);
    assert!(f.data().objective_agreed(objective));
    assert_eq!(
        f.data().objective_status(objective),
        Some(ObjectiveStatus::Agreed)
    );
}

#[test]
fn changing_an_agreed_objective_needs_a_reason_keeps_history_and_asks_again() {
    let mut f = Fixture::new();
    let objective = f.objective("Present at the quality review");
    f.agree(objective, Side::Mentor);
    f.agree(objective, Side::Mentee);
    let mut changed = f.data().objective(objective).unwrap().clone();
    changed.smart.target = "Two presentations".into();

    let before = f.book.clone();
    let error = f
        .update(objective, Body::Objective(changed.clone()), "  ")
        .unwrap_err();
    assert!(matches!(error, ActionError::Missing(_)));
    assert_eq!(f.book, before);

    let applied = f
        .update(
            objective,
            Body::Objective(changed.clone()),
            "Review moved to monthly",
        )
        .unwrap();
    let data = f.data();
    assert_eq!(data.consents(objective)[1], Consent::Stale);
    assert_eq!(
        data.objective_status(objective),
        Some(ObjectiveStatus::Proposed)
    );
    let history = data.revisions(objective);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].reason, "Review moved to monthly");
    assert_eq!(history[0].before.smart.target, "");
    assert_eq!(history[0].side, Some(Side::Mentee));

    f.apply(applied.undo);
    assert!(
        f.data().revisions(objective).is_empty(),
        "undo removes the revision"
    );
    assert!(
        f.data().objective_agreed(objective),
        "undo brings the agreed content back"
    );
}

#[test]
fn an_unagreed_objective_changes_freely_and_status_only_changes_need_no_reason() {
    let mut f = Fixture::new();
    let objective = f.objective("Draft goal");
    let mut changed = f.data().objective(objective).unwrap().clone();
    changed.smart.measure = "Count of reviews".into();
    f.update(objective, Body::Objective(changed.clone()), "")
        .unwrap();
    assert!(f.data().revisions(objective).is_empty());

    f.agree(objective, Side::Mentor);
    f.agree(objective, Side::Mentee);
    changed.status = ObjectiveStatus::InProgress;
    f.update(objective, Body::Objective(changed), "").unwrap();
    assert_eq!(
        f.data().objective_status(objective),
        Some(ObjectiveStatus::InProgress)
    );
    assert!(f.data().objective_agreed(objective));
}

#[test]
fn progress_comes_from_steps_or_else_milestones() {
    let mut f = Fixture::new();
    let objective = f.objective("Network in the industry");
    assert_eq!(
        f.data().objective_progress(objective),
        Progress { done: 0, total: 0 }
    );
    assert_eq!(Progress::default().percent(), 0);

    let first = f.milestone(objective, "Join the association");
    let second = f.milestone(objective, "Speak at a meetup");
    assert_eq!(
        f.data().objective_progress(objective),
        Progress { done: 0, total: 2 }
    );

    f.step(first, "Apply", TaskStatus::Done);
    f.step(first, "Attend a meeting", TaskStatus::Done);
    f.step(second, "Pick a topic", TaskStatus::InProgress);
    let progress = f.data().objective_progress(objective);
    assert_eq!(progress, Progress { done: 2, total: 3 });
    assert_eq!(progress.percent(), 66);

    let pair = f.pair;
    f.apply(Action::Delete {
        pair,
        record: second,
    });
    assert_eq!(
        f.data().objective_progress(objective),
        Progress { done: 2, total: 2 }
    );
}

#[test]
fn completing_a_milestone_or_achieving_an_objective_records_a_win_once() {
    let mut f = Fixture::new();
    let objective = f.objective("Lead the audit");
    let milestone = f.milestone(objective, "Shadow one audit");
    let done = Milestone {
        title: "Shadow one audit".into(),
        status: TaskStatus::Done,
        ..Milestone::default()
    };
    let applied = f
        .update(milestone, Body::Milestone(done.clone()), "")
        .unwrap();
    assert_eq!(applied.created.len(), 1);
    f.update(milestone, Body::Milestone(done), "").unwrap();
    let wins = f.data().wins();
    assert_eq!(
        wins.len(),
        1,
        "a milestone already done is not celebrated twice"
    );
    assert_eq!(wins[0].what, "Milestone reached: Shadow one audit");
    assert_eq!(wins[0].source, Some(milestone));
    assert_eq!(wins[0].date, Some(day(3)));

    let mut achieved = f.data().objective(objective).unwrap().clone();
    achieved.status = ObjectiveStatus::Achieved;
    let applied = f.update(objective, Body::Objective(achieved), "").unwrap();
    assert_eq!(
        f.data().wins()[0].what,
        "Objective achieved: Lead the audit"
    );
    f.apply(applied.undo);
    assert_eq!(f.data().wins().len(), 1, "undo takes the win back");
    assert_eq!(
        f.data().objective_status(objective),
        Some(ObjectiveStatus::Draft)
    );
}

#[test]
fn updating_with_another_kind_or_a_missing_record_is_refused() {
    let mut f = Fixture::new();
    let objective = f.objective("Goal");
    let before = f.book.clone();
    let as_step = Body::Step(Step {
        title: "x".into(),
        ..Step::default()
    });
    assert_eq!(
        f.update(objective, as_step, "").unwrap_err(),
        ActionError::KindMismatch
    );
    let agreement = f.data().agreement_record().unwrap().id;
    let body = Body::Agreement(Agreement::default());
    assert_eq!(
        f.update(agreement, body, "").unwrap_err(),
        ActionError::KindMismatch
    );
    let missing = Body::Objective(Objective {
        title: "x".into(),
        ..Objective::default()
    });
    assert_eq!(
        f.update(Id::from_u128(5), missing, "").unwrap_err(),
        ActionError::UnknownRecord
    );
    assert_eq!(f.book, before);
}

#[test]
fn moving_reorders_siblings_and_undo_puts_it_back() {
    let mut f = Fixture::new();
    let a = f.objective("A");
    let b = f.objective("B");
    let c = f.objective("C");
    let order = |f: &Fixture| -> Vec<Id> {
        f.data()
            .children(f.pair, Kind::Objective)
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(order(&f), vec![a, b, c]);
    let pair = f.pair;
    f.apply(Action::Move {
        pair,
        record: c,
        after: None,
    });
    assert_eq!(order(&f), vec![c, a, b]);
    f.apply(Action::Move {
        pair,
        record: a,
        after: Some(b),
    });
    assert_eq!(order(&f), vec![c, b, a]);
    f.apply(Action::Move {
        pair,
        record: c,
        after: Some(a),
    });
    assert_eq!(order(&f), vec![b, a, c]);
    let error = f.refuse(Action::Move {
        pair,
        record: a,
        after: Some(Id::from_u128(3)),
    });
    assert_eq!(error, ActionError::UnknownRecord);
    let undo = f
        .apply(Action::Move {
            pair,
            record: b,
            after: Some(c),
        })
        .undo;
    assert_eq!(order(&f), vec![a, c, b]);
    f.apply(undo);
    assert_eq!(order(&f), vec![b, a, c]);
}

#[test]
fn the_plan_stage_is_due_until_agreed_current_after_and_due_again_when_late() {
    let mut f = Fixture::new();
    let today = day(10);
    assert_eq!(
        f.data().stage_status(Stage::Plan, Calendar::noon(today)),
        StageStatus::Due
    );
    let objective = f.objective("Lead the audit");
    assert_eq!(
        f.data().stage_status(Stage::Plan, Calendar::noon(today)),
        StageStatus::Due
    );
    f.agree(objective, Side::Mentor);
    f.agree(objective, Side::Mentee);
    assert_eq!(
        f.data().stage_status(Stage::Plan, Calendar::noon(today)),
        StageStatus::Current
    );

    let late = Milestone {
        title: "Shadow one".into(),
        due: Some(day(9)),
        ..Milestone::default()
    };
    let milestone = f.add(objective, Body::Milestone(late.clone()));
    assert_eq!(f.data().overdue_tasks(today), vec![milestone]);
    assert_eq!(
        f.data().stage_status(Stage::Plan, Calendar::noon(today)),
        StageStatus::Due
    );
    assert!(
        f.data().overdue_tasks(day(9)).is_empty(),
        "due today is not late"
    );

    let done = Milestone {
        status: TaskStatus::Done,
        ..late
    };
    f.update(milestone, Body::Milestone(done), "").unwrap();
    assert_eq!(
        f.data().stage_status(Stage::Plan, Calendar::noon(today)),
        StageStatus::Current
    );

    let mut achieved = f.data().objective(objective).unwrap().clone();
    achieved.status = ObjectiveStatus::Achieved;
    f.update(objective, Body::Objective(achieved), "").unwrap();
    assert_eq!(
        f.data().stage_status(Stage::Plan, Calendar::noon(today)),
        StageStatus::Done
    );
}

#[test]
fn moving_by_one_names_the_sibling_to_follow() {
    let mut f = Fixture::new();
    let a = f.objective("A");
    let b = f.objective("B");
    let c = f.objective("C");
    let data = f.data();
    assert_eq!(data.move_by_one(a, true), None, "the first cannot go up");
    assert_eq!(
        data.move_by_one(b, true),
        Some(None),
        "second up becomes first"
    );
    assert_eq!(data.move_by_one(c, true), Some(Some(a)));
    assert_eq!(data.move_by_one(a, false), Some(Some(b)));
    assert_eq!(data.move_by_one(c, false), None, "the last cannot go down");
    assert_eq!(data.move_by_one(Id::from_u128(7), true), None);
    let pair = f.pair;
    let after = f.data().move_by_one(c, true).unwrap();
    f.apply(Action::Move {
        pair,
        record: c,
        after,
    });
    let order: Vec<Id> = f
        .data()
        .children(pair, Kind::Objective)
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(order, vec![a, c, b]);
}

#[test]
fn agreeing_to_an_unknown_or_deleted_objective_is_refused() {
    let mut f = Fixture::new();
    let pair = f.pair;
    let error = f.refuse(Action::AgreeObjective {
        pair,
        objective: Id::from_u128(42),
        side: Side::Mentor,
        date: day(2),
    });
    assert_eq!(error, ActionError::UnknownRecord);
    let objective = f.objective("Lead the retrospective");
    let milestone = f.milestone(objective, "First run");
    let error = f.refuse(Action::AgreeObjective {
        pair,
        objective: milestone,
        side: Side::Mentor,
        date: day(2),
    });
    assert_eq!(error, ActionError::UnknownRecord);
    f.apply(Action::Delete {
        pair,
        record: objective,
    });
    let error = f.refuse(Action::AgreeObjective {
        pair,
        objective,
        side: Side::Mentee,
        date: day(2),
    });
    assert_eq!(error, ActionError::UnknownRecord);
}

#[test]
fn the_longest_chain_the_tree_rules_allow_is_the_deepest_chain() {
    use crate::domain::json::Named;
    const DEEPEST_CHAIN: usize = 5;
    // The longest chain ending at each kind, found by relaxing the rules
    // once per kind: a cycle in the rules would keep growing past that.
    let mut longest = vec![0usize; Kind::VARIANTS.len()];
    longest[Kind::Pair.index()] = 1;
    for _ in 0..=Kind::VARIANTS.len() {
        for &parent in Kind::VARIANTS {
            for &child in Kind::VARIANTS {
                let above = longest[parent.index()];
                if above > 0 && may_hang_under(parent, child) {
                    let at = &mut longest[child.index()];
                    *at = (*at).max(above + 1);
                }
            }
        }
    }
    assert_eq!(longest.iter().max(), Some(&DEEPEST_CHAIN));
    assert_eq!(longest[Kind::Conflict.index()], DEEPEST_CHAIN);
    assert_eq!(longest[Kind::Step.index()], 4);
    for &kind in Kind::VARIANTS {
        assert!(longest[kind.index()] > 0, "{kind:?} has nowhere to sit");
    }
    assert!(!may_hang_under(Kind::Milestone, Kind::Pair));
    assert!(!may_hang_under(Kind::Pair, Kind::Step));
    assert!(!may_hang_under(Kind::Conflict, Kind::Conflict));
    assert!(may_hang_under(Kind::Evaluation, Kind::ActionItem));
}
