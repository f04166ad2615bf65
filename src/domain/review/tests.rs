use chrono::{NaiveDate, TimeZone, Utc};

use crate::domain::fixture::Fixture;
use crate::domain::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn rating(score: u8) -> Rating {
    Rating {
        score,
        comment: String::new(),
    }
}

impl Fixture {
    /// A pair that started on 1 May and reviews every 4 weeks.
    fn reviewing() -> Self {
        let mut f = Fixture::at(Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap());
        let agreement = Agreement {
            start: Some(day(5, 1)),
            review_every_weeks: 4,
            ..Agreement::default()
        };
        f.apply(Action::UpdateAgreement {
            pair: f.pair,
            agreement,
        });
        f
    }

    fn round(&mut self, due: NaiveDate) -> Id {
        let pair = self.pair;
        self.apply(Action::StartRound {
            pair,
            due: Some(due),
            trigger: EvaluationTrigger::Scheduled,
        })
        .created[0]
    }

    fn answer(&mut self, round: Id, side: Side, scores: &[(Practice, u8)]) -> Id {
        let practices: VecMap<Practice, Rating> =
            scores.iter().map(|(p, s)| (*p, rating(*s))).collect();
        let body = Body::EvaluationAnswers(EvaluationAnswers {
            side: Some(side),
            practices,
            ..EvaluationAnswers::default()
        });
        self.add(round, body)
    }
}

#[test]
fn a_scheduled_round_has_the_same_id_on_every_device() {
    let mut f = Fixture::reviewing();
    let due = day(5, 29);
    let round = f.round(due);
    assert_eq!(round, scheduled_round_id(f.pair, due));
    assert_ne!(round, scheduled_round_id(f.pair, day(6, 26)));
    let again = f.round(due);
    assert_eq!(again, round, "starting it again finds the same round");
    assert_eq!(f.data().evaluations().len(), 1);

    let mut other = Fixture::reviewing();
    assert_eq!(
        scheduled_round_id(other.pair, due),
        other.round(due),
        "the other device derives it the same way"
    );
}

#[test]
fn a_round_needs_its_date_and_each_side_answers_once_with_ratings_from_1_to_5() {
    let mut f = Fixture::reviewing();
    let pair = f.pair;
    assert_eq!(
        f.refuse(Action::StartRound {
            pair,
            due: None,
            trigger: EvaluationTrigger::Scheduled,
        }),
        ActionError::Missing("the date the evaluation is due")
    );
    let on_demand = f
        .apply(Action::StartRound {
            pair,
            due: None,
            trigger: EvaluationTrigger::OnDemand,
        })
        .created[0];
    assert_ne!(on_demand, scheduled_round_id(pair, day(5, 29)));

    let round = f.round(day(5, 29));
    f.answer(round, Side::Mentor, &[(Practice::Networking, 4)]);
    let twice = Body::EvaluationAnswers(EvaluationAnswers {
        side: Some(Side::Mentor),
        ..EvaluationAnswers::default()
    });
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: round,
            body: twice,
        }),
        ActionError::AlreadyAnswered("mentor")
    );
    let zero = Body::EvaluationAnswers(EvaluationAnswers {
        side: Some(Side::Mentee),
        practices: [(Practice::Networking, rating(0))].into_iter().collect(),
        ..EvaluationAnswers::default()
    });
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: round,
            body: zero,
        }),
        ActionError::Missing("each rating from 1 to 5")
    );
    let nobody = Body::EvaluationAnswers(EvaluationAnswers::default());
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: round,
            body: nobody,
        }),
        ActionError::Missing("whose answers these are")
    );
    assert!(!f.data().round_complete(round));
    f.answer(round, Side::Mentee, &[(Practice::Networking, 2)]);
    assert!(f.data().round_complete(round));
}

#[test]
fn the_next_evaluation_follows_the_schedule_after_the_last_complete_round() {
    let mut f = Fixture::reviewing();
    let next = f.data().next_evaluation(day(5, 10)).unwrap();
    assert_eq!((next.due, next.days_left), (day(5, 29), 19));
    assert_eq!(next.round, scheduled_round_id(f.pair, day(5, 29)));
    assert_eq!(f.data().review_status(day(5, 10)), StageStatus::Current);

    let late = f.data().next_evaluation(day(6, 2)).unwrap();
    assert_eq!(late.days_left, -4, "overdue by four days");
    assert_eq!(f.data().review_status(day(6, 2)), StageStatus::Due);

    let round = f.round(day(5, 29));
    f.answer(round, Side::Mentor, &[(Practice::Networking, 4)]);
    assert_eq!(
        f.data().next_evaluation(day(6, 2)).unwrap().due,
        day(5, 29),
        "one side's answers do not finish a round"
    );
    assert!(f.data().last_complete_round().is_none());
    f.answer(round, Side::Mentee, &[(Practice::Networking, 3)]);
    assert_eq!(
        f.data().last_complete_round().map(|(r, _)| r.id),
        Some(round)
    );
    assert_eq!(
        f.data().next_evaluation(day(6, 2)).unwrap().due,
        day(6, 26),
        "four weeks on"
    );
    assert_eq!(f.data().review_status(day(6, 2)), StageStatus::Current);
}

#[test]
fn without_a_start_or_a_schedule_nothing_is_due() {
    let mut f = Fixture::at(Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap());
    assert_eq!(f.data().next_evaluation(day(9, 1)), None);
    let agreement = Agreement {
        start: Some(day(5, 1)),
        review_every_weeks: 0,
        ..Agreement::default()
    };
    f.apply(Action::UpdateAgreement {
        pair: f.pair,
        agreement,
    });
    assert_eq!(f.data().next_evaluation(day(9, 1)), None);
}

#[test]
fn the_schedule_names_each_agreement_field_it_still_needs() {
    let mut f = Fixture::at(Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap());
    let mut agree = |start, review_every_weeks| {
        let agreement = Agreement {
            start,
            review_every_weeks,
            ..Agreement::default()
        };
        f.apply(Action::UpdateAgreement {
            pair: f.pair,
            agreement,
        });
        f.data().schedule_needs()
    };
    assert_eq!(agree(None, 0), ["Start date", "Weeks between reviews"]);
    assert_eq!(agree(Some(day(5, 1)), 0), ["Weeks between reviews"]);
    assert_eq!(agree(None, 6), ["Start date"]);
    assert!(agree(Some(day(5, 1)), 6).is_empty());
}

#[test]
fn the_comparison_puts_the_largest_disagreement_first_and_names_the_lowest() {
    let mut f = Fixture::reviewing();
    let round = f.round(day(5, 29));
    f.answer(
        round,
        Side::Mentor,
        &[
            (Practice::ClearObjectives, 4),
            (Practice::OpenCommunication, 5),
            (Practice::Networking, 2),
            (Practice::Relationship, 5),
        ],
    );
    f.answer(
        round,
        Side::Mentee,
        &[
            (Practice::ClearObjectives, 4),
            (Practice::OpenCommunication, 2),
            (Practice::Networking, 3),
            (Practice::GoalSetting, 2),
        ],
    );
    let gaps = f.data().compare(round);
    let order: Vec<(Practice, Option<u8>)> = gaps.iter().map(|g| (g.practice, g.gap())).collect();
    assert_eq!(
        order,
        [
            (Practice::OpenCommunication, Some(3)),
            (Practice::Networking, Some(1)),
            (Practice::ClearObjectives, Some(0)),
            (Practice::GoalSetting, None),
            (Practice::Relationship, None),
        ]
    );
    let lowest: Vec<Practice> = f
        .data()
        .lowest_rated(round)
        .iter()
        .map(|g| g.practice)
        .collect();
    assert_eq!(
        lowest,
        [
            Practice::OpenCommunication,
            Practice::GoalSetting,
            Practice::Networking
        ]
    );
}

#[test]
fn trends_follow_each_side_across_dated_rounds() {
    let mut f = Fixture::reviewing();
    let second = f.round(day(6, 26));
    let first = f.round(day(5, 29));
    f.answer(first, Side::Mentee, &[(Practice::Networking, 2)]);
    f.answer(second, Side::Mentee, &[(Practice::Networking, 4)]);
    f.answer(second, Side::Mentor, &[(Practice::Networking, 3)]);
    assert_eq!(
        f.data().practice_trend(Practice::Networking, Side::Mentee),
        [((day(5, 29), 0), 2), ((day(6, 26), 0), 4)],
        "oldest first, whatever order the rounds were started in"
    );
    assert_eq!(
        f.data().practice_trend(Practice::Networking, Side::Mentor),
        [((day(6, 26), 0), 3)]
    );
    assert_eq!(f.data().trend_columns(), [(day(5, 29), 0), (day(6, 26), 0)]);
    assert!(f
        .data()
        .practice_trend(Practice::Relationship, Side::Mentee)
        .is_empty());

    let objective = f.add(
        f.pair,
        Body::Objective(Objective {
            title: "Present at the team meeting".into(),
            ..Objective::default()
        }),
    );
    let answers = f.data().answers(first, Side::Mentee).unwrap().0;
    let mut body = f.data().record(answers).unwrap().body.clone();
    if let Body::EvaluationAnswers(a) = &mut body {
        a.objectives.insert(objective, rating(3));
    }
    f.apply(Action::Update {
        pair: f.pair,
        record: answers,
        body,
        by: Some(Side::Mentee),
        date: day(5, 29),
        reason: String::new(),
    });
    assert_eq!(
        f.data().objective_trend(objective, Side::Mentee),
        [((day(5, 29), 0), 3)]
    );
}

#[test]
fn two_rounds_of_the_same_day_are_two_columns_of_the_trend() {
    let mut f = Fixture::reviewing();
    let scheduled = f.round(day(5, 29));
    f.answer(scheduled, Side::Mentee, &[(Practice::Networking, 2)]);
    f.now += chrono::Duration::hours(1);
    let asked = f.apply(Action::StartRound {
        pair: f.pair,
        due: Some(day(5, 29)),
        trigger: EvaluationTrigger::OnDemand,
    });
    f.answer(asked.created[0], Side::Mentee, &[(Practice::Networking, 4)]);
    assert_eq!(
        f.data().practice_trend(Practice::Networking, Side::Mentee),
        [((day(5, 29), 0), 2), ((day(5, 29), 1), 4)]
    );
    assert_eq!(f.data().trend_columns(), [(day(5, 29), 0), (day(5, 29), 1)]);
}

#[test]
fn the_closing_summary_counts_what_the_pair_did_and_how_ratings_moved() {
    let mut f = Fixture::reviewing();
    for (title, status) in [
        ("Present at the team meeting", ObjectiveStatus::Achieved),
        ("Lead a project", ObjectiveStatus::Dropped),
        ("Build a network", ObjectiveStatus::Proposed),
    ] {
        let id = f.add(
            f.pair,
            Body::Objective(Objective {
                title: title.into(),
                ..Objective::default()
            }),
        );
        let mut body = f.data().record(id).unwrap().body.clone();
        if let Body::Objective(o) = &mut body {
            o.status = status;
        }
        f.apply(Action::Update {
            pair: f.pair,
            record: id,
            body,
            by: None,
            date: day(6, 1),
            reason: String::new(),
        });
    }
    let session = f.add(
        f.pair,
        Body::Session(Session {
            starts_at: Some(Utc.with_ymd_and_hms(2026, 5, 4, 17, 0, 0).unwrap()),
            ..Session::default()
        }),
    );
    for (title, done_on) in [("Send the draft", Some(day(5, 6))), ("Book a room", None)] {
        f.add(
            session,
            Body::ActionItem(ActionItem {
                title: title.into(),
                done_on,
                ..ActionItem::default()
            }),
        );
    }
    f.add(
        f.pair,
        Body::Resource(Resource {
            title: "Thinking in Systems".into(),
            ..Resource::default()
        }),
    );
    let first = f.round(day(5, 29));
    let second = f.round(day(6, 26));
    f.answer(first, Side::Mentee, &[(Practice::Networking, 2)]);
    f.answer(second, Side::Mentee, &[(Practice::Networking, 4)]);
    f.answer(second, Side::Mentor, &[(Practice::Networking, 4)]);

    let summary = f.data().closing_summary();
    assert_eq!(
        summary,
        ClosingSummary {
            objectives_achieved: 1,
            objectives_not_achieved: 2,
            sessions_held: 1,
            actions_done: 1,
            actions_open: 1,
            wins: 1,
            resources: 1,
            contacts: 0,
        }
    );
    assert_eq!(
        f.data().rating_moves(),
        [(Practice::Networking, Side::Mentee, 2, 4)],
        "the mentor rated networking once: no move"
    );
}

#[test]
fn an_agreed_adjustment_becomes_an_action_of_the_round() {
    let mut f = Fixture::reviewing();
    let round = f.round(day(5, 29));
    let action = f.add(
        round,
        Body::ActionItem(ActionItem {
            title: "Meet in person once a month".into(),
            ..ActionItem::default()
        }),
    );
    let open: Vec<Id> = f
        .data()
        .open_actions()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(open, [action], "the Meet stage carries it forward");
    assert_eq!(f.data().closing_summary().actions_open, 1);
    let pair = f.pair;
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: round,
            body: Body::Resource(Resource {
                title: "A book".into(),
                ..Resource::default()
            }),
        }),
        ActionError::WrongParent
    );
}

#[test]
fn closing_makes_the_pair_read_only_until_it_is_reopened() {
    let mut f = Fixture::reviewing();
    let pair = f.pair;
    assert_eq!(f.data().review_status(day(5, 2)), StageStatus::Current);
    let closed = f.apply(Action::Close {
        pair,
        date: day(6, 30),
    });
    assert!(f.data().is_closed());
    assert_eq!(f.data().info().unwrap().closed_on, Some(day(6, 30)));
    assert_eq!(f.data().review_status(day(7, 1)), StageStatus::Done);
    let session = Body::Session(Session {
        starts_at: Some(Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()),
        ..Session::default()
    });
    assert_eq!(
        f.refuse(Action::Add {
            pair,
            parent: pair,
            body: session.clone(),
        }),
        ActionError::Closed
    );
    assert_eq!(
        f.refuse(Action::Close {
            pair,
            date: day(7, 1),
        }),
        ActionError::Closed
    );

    f.apply(closed.undo);
    assert!(!f.data().is_closed(), "closing can be undone");
    f.apply(Action::Close {
        pair,
        date: day(6, 30),
    });
    let reopened = f.apply(Action::Reopen { pair });
    assert!(!f.data().is_closed());
    f.add(pair, session);
    f.apply(reopened.undo);
    assert!(f.data().is_closed(), "reopening can be undone");
}

#[test]
fn an_overdue_evaluation_makes_the_review_stage_due() {
    let f = Fixture::reviewing();
    let on = |d: u32| Calendar::utc(Utc.with_ymd_and_hms(2026, 5, d, 9, 0, 0).unwrap());
    assert_eq!(
        f.data().stage_status(Stage::Review, on(29)),
        StageStatus::Current
    );
    assert_eq!(
        f.data().stage_status(Stage::Review, on(30)),
        StageStatus::Due
    );
}
