use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::domain::*;
use crate::storage::exchange::{decode_export, encode_export};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn built(now: DateTime<Utc>) -> (Workbook, Id) {
    sample_workbook(now, &mut SequentialIds(0))
}

fn objectives(data: &PairData) -> Vec<Id> {
    let pair = data.id().unwrap();
    data.children(pair, Kind::Objective)
        .iter()
        .map(|r| r.id)
        .collect()
}

/// Sessions oldest first.
fn sessions(data: &PairData) -> Vec<(Id, &Session)> {
    let mut found: Vec<(Id, &Session)> = data
        .sessions()
        .into_iter()
        .map(|(r, s)| (r.id, s))
        .collect();
    found.reverse();
    found
}

#[test]
fn the_workbook_holds_one_open_pair_whose_index_matches_its_records() {
    let (book, pair) = built(now());
    assert_eq!(book.live_pairs().len(), 1);
    let data = book.pair(pair).unwrap();
    assert_eq!(data.id(), Some(pair));
    assert!(!data.is_closed());
    assert_eq!(data, &PairData::from_records(data.records().cloned()));
    assert_eq!(data.check_tree(), Ok(()));
    assert!(data.records().all(|r| !r.is_deleted()));
    let info = data.info().unwrap();
    assert_eq!(info.display_name(), "Ruth Adeyemi & Tomas Novak");
}

#[test]
fn every_stage_has_content_and_the_stages_tell_a_story() {
    let (book, pair) = built(now());
    let data = book.pair(pair).unwrap();
    let today = now().date_naive();
    let calendar = Calendar::utc(now());

    // Agree: every term filled, confirmed by both as it stands.
    let status = data.agreement_status().unwrap();
    assert!(status.agreed(), "{status:?}");
    let a = data.agreement().unwrap();
    for (field, text) in [
        ("purpose", &a.purpose),
        ("mentee_preferences", &a.mentee_preferences),
        ("mentee_expects", &a.mentee_expects),
        ("mentor_expects", &a.mentor_expects),
        ("boundaries", &a.boundaries),
        ("raising_problems", &a.raising_problems),
        ("ending", &a.ending),
    ] {
        assert!(!text.trim().is_empty(), "{field} is empty");
    }
    let (start, end) = (a.start.unwrap(), a.planned_end.unwrap());
    assert!((80..=100).contains(&(today - start).num_days()));
    assert!(end > today);

    // Plan: three objectives, two agreed and under way, one only proposed.
    let ids = objectives(data);
    assert_eq!(ids.len(), 3);
    let statuses: Vec<_> = ids
        .iter()
        .map(|id| data.objective_status(*id).unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            ObjectiveStatus::InProgress,
            ObjectiveStatus::InProgress,
            ObjectiveStatus::Proposed
        ]
    );
    assert!(data.objective_agreed(ids[0]) && data.objective_agreed(ids[1]));
    assert!(!data.objective_agreed(ids[2]));
    let revisions = data.revisions(ids[1]);
    assert_eq!(revisions.len(), 1);
    assert!(!revisions[0].reason.is_empty());
    assert_ne!(
        revisions[0].before.smart.target,
        data.objective(ids[1]).unwrap().smart.target
    );

    // The roadmap: something done, something under way, something late.
    let scrap = data.objective_progress(ids[0]);
    assert!(scrap.done > 0 && scrap.done < scrap.total, "{scrap:?}");
    let meeting = data.objective_progress(ids[1]);
    assert!(
        meeting.done > 0 && meeting.done < meeting.total,
        "{meeting:?}"
    );
    let tasks: Vec<&Record> = ids
        .iter()
        .flat_map(|o| data.children(*o, Kind::Milestone))
        .flat_map(|m| {
            let steps = data.children(m.id, Kind::Step);
            std::iter::once(m).chain(steps)
        })
        .collect();
    let status_of = |r: &Record| match &r.body {
        Body::Milestone(m) => m.status,
        Body::Step(s) => s.status,
        _ => unreachable!(),
    };
    for (kind, wanted) in [
        (Kind::Milestone, TaskStatus::Done),
        (Kind::Milestone, TaskStatus::InProgress),
        (Kind::Step, TaskStatus::Done),
        (Kind::Step, TaskStatus::InProgress),
        (Kind::Step, TaskStatus::NotStarted),
    ] {
        assert!(
            tasks
                .iter()
                .any(|r| r.body.kind() == kind && status_of(r) == wanted),
            "no {kind:?} {wanted:?}"
        );
    }
    let overdue = data.overdue_tasks(today);
    assert!(!overdue.is_empty());
    for id in &overdue {
        assert!(
            matches!(&data.record(*id).unwrap().body, Body::Step(s) if s.status != TaskStatus::Done)
        );
    }

    // Wins: the two milestones reached, each pointing at its milestone.
    let wins = data.wins();
    assert_eq!(wins.len(), 2);
    for win in wins {
        assert!(win.what.starts_with("Milestone reached: "), "{}", win.what);
        let source = data.record(win.source.unwrap()).unwrap();
        assert!(matches!(&source.body, Body::Milestone(m) if m.status == TaskStatus::Done));
        assert!(win.date.unwrap() < today);
    }

    // Meet: six fortnightly sessions up to last week, each with a note, a
    // question, someone's part and an action.
    let log = sessions(data);
    assert_eq!(log.len(), 6);
    let days: Vec<i64> = log
        .iter()
        .map(|(_, s)| (today - s.starts_at.unwrap().date_naive()).num_days())
        .collect();
    assert_eq!(days.last(), Some(&7));
    assert!(days.first().is_some_and(|d| (70..=100).contains(d)));
    assert!(days.windows(2).all(|w| w[0] > w[1]));
    for (id, session) in &log {
        assert!(!session.notes.is_empty() && !session.questions.is_empty());
        assert!(!session.objectives.is_empty());
        assert!(!data.children(*id, Kind::ActionItem).is_empty());
        assert!(!data.children(*id, Kind::SessionPart).is_empty());
    }
    let actions = data.actions();
    assert!(actions.iter().any(|(_, a)| a.done_on.is_some()));
    assert!(actions.iter().any(|(_, a)| a.done_on.is_none()));
    assert!(data.overdue_actions(today).is_empty());
    let in_sessions = |kind| {
        data.children(pair, kind)
            .iter()
            .filter(|r| match &r.body {
                Body::Resource(x) => x.session.is_some(),
                Body::Contact(x) => x.session.is_some(),
                _ => false,
            })
            .count()
    };
    assert!(in_sessions(Kind::Resource) >= 3);
    assert!(in_sessions(Kind::Contact) >= 2);
    let check_in = data.check_in(calendar).unwrap();
    assert_eq!(check_in.days_left, 7);

    // Review: two rounds, each answered by both, disagreeing on networking.
    let rounds = data.evaluations();
    assert_eq!(rounds.len(), 2);
    for (round, _) in &rounds {
        assert!(data.round_complete(round.id));
        let gaps = data.compare(round.id);
        assert_eq!(gaps.len(), PRACTICES.len());
    }
    let latest = data.last_complete_round().unwrap().0.id;
    let widest = data.compare(latest)[0];
    assert_eq!(widest.practice, Practice::Networking);
    assert_eq!(widest.gap(), Some(2));
    assert!(data.children(latest, Kind::ActionItem).len() == 1);
    assert_eq!(data.trend_columns().len(), 2);
    let next = data.next_evaluation(today).unwrap();
    assert!(next.days_left > 0);

    // Agreement done, a late step makes the plan due, the rest current.
    let stages = Stage::ALL.map(|stage| data.stage_status(stage, calendar));
    assert_eq!(
        stages,
        [
            StageStatus::Done,
            StageStatus::Due,
            StageStatus::Current,
            StageStatus::Current
        ]
    );
}

#[test]
fn an_action_left_open_is_carried_into_the_next_agenda() {
    let (book, pair) = built(now());
    let data = book.pair(pair).unwrap();
    let log = sessions(data);
    let mut carried = 0;
    for (at, (id, session)) in log.iter().enumerate() {
        let held = session.starts_at.unwrap().date_naive();
        for record in data.children(*id, Kind::ActionItem) {
            let Body::ActionItem(action) = &record.body else {
                unreachable!()
            };
            let Some((_, next)) = log.get(at + 1) else {
                continue;
            };
            let next_day = next.starts_at.unwrap().date_naive();
            let open_then = action.done_on.is_none_or(|done| done >= next_day);
            let listed = next.agenda.contains(&format!("  - {}\n", action.title));
            assert_eq!(
                listed, open_then,
                "{} in the agenda after {held}",
                action.title
            );
            carried += usize::from(listed && action.done_on.is_some());
        }
    }
    assert!(carried >= 1, "no action was carried forward and then done");
    assert!(log[0].1.agenda.starts_with("Check-in\n"));
}

#[test]
fn the_coach_flags_only_the_vague_objective() {
    let (book, pair) = built(now());
    let data = book.pair(pair).unwrap();
    let context = CoachContext {
        today: now().date_naive(),
        planned_end: data.agreement().unwrap().planned_end,
    };
    let ids = objectives(data);
    for id in &ids[..2] {
        let objective = data.objective(*id).unwrap();
        for advice in coach(objective, context) {
            assert_eq!(
                advice.verdict,
                Verdict::Fine,
                "{}: {:?} {}",
                objective.title,
                advice.letter,
                advice.hint
            );
        }
    }
    let weak = coach(data.objective(ids[2]).unwrap(), context).map(|a| (a.letter, a.verdict));
    assert_eq!(
        weak,
        [
            (Letter::Specific, Verdict::Weak),
            (Letter::Measurable, Verdict::Missing),
            (Letter::Achievable, Verdict::Weak),
            (Letter::Relevant, Verdict::Weak),
            (Letter::TimeBound, Verdict::Missing),
        ]
    );
}

#[test]
fn every_date_moves_with_the_day_it_is_built() {
    let later = now() + Duration::days(365) + Duration::hours(5);
    let (book_a, pair_a) = built(now());
    let (book_b, pair_b) = built(later);
    let (a, b) = (book_a.pair(pair_a).unwrap(), book_b.pair(pair_b).unwrap());
    let shift = |day: NaiveDate, today: NaiveDate| (day - today).num_days();
    let (today_a, today_b) = (now().date_naive(), later.date_naive());

    // The same records, kind for kind.
    let kinds = |data: &PairData| {
        let mut kinds: Vec<String> = data
            .records()
            .map(|r| format!("{:?}", r.body.kind()))
            .collect();
        kinds.sort();
        kinds
    };
    assert_eq!(kinds(a), kinds(b));

    // Picked dates, each the same number of days from its today.
    let first_session = |data: &PairData| sessions(data)[0].1.starts_at.unwrap().date_naive();
    assert_eq!(
        shift(first_session(a), today_a),
        shift(first_session(b), today_b)
    );
    let overdue_due =
        |data: &PairData, today| match &data.record(data.overdue_tasks(today)[0]).unwrap().body {
            Body::Step(s) => s.due.unwrap(),
            _ => unreachable!(),
        };
    assert_eq!(
        shift(overdue_due(a, today_a), today_a),
        shift(overdue_due(b, today_b), today_b)
    );
    let start = |data: &PairData| data.agreement().unwrap().start.unwrap();
    assert_eq!(shift(start(a), today_a), shift(start(b), today_b));
    let win_days = |data: &PairData, today| -> Vec<i64> {
        data.wins()
            .iter()
            .map(|w| shift(w.date.unwrap(), today))
            .collect()
    };
    assert_eq!(win_days(a, today_a), win_days(b, today_b));
    let round_days = |data: &PairData, today| -> Vec<i64> {
        data.evaluations()
            .iter()
            .map(|(_, e)| shift(e.due.unwrap(), today))
            .collect()
    };
    assert_eq!(round_days(a, today_a), round_days(b, today_b));

    // And so every date-driven reading is the same.
    for stage in Stage::ALL {
        assert_eq!(
            a.stage_status(stage, Calendar::utc(now())),
            b.stage_status(stage, Calendar::utc(later))
        );
    }
    assert_eq!(
        a.next_evaluation(today_a).unwrap().days_left,
        b.next_evaluation(today_b).unwrap().days_left
    );
    assert_eq!(
        a.overdue_tasks(today_a).len(),
        b.overdue_tasks(today_b).len()
    );
}

/// Imports an export file into an empty workbook as the app does, and
/// exports the result again.
fn import_and_export(text: &str, pair: Id) -> String {
    let file = decode_export(text).unwrap();
    let mut book = Workbook::default();
    let data = import_pair(&PairData::default(), &file.pairs[&pair]);
    book.apply(Action::Import { data }, now(), &mut SequentialIds(9_000))
        .unwrap();
    encode_export(&book, &[pair], now())
}

/// The workbook with the marks an import sets taken off.
fn without_bases(book: &Workbook) -> Workbook {
    let mut plain = Workbook::default();
    for (id, data) in &book.pairs {
        let records = data.records().cloned().map(|mut r| {
            r.base = None;
            r
        });
        plain.pairs.insert(*id, PairData::from_records(records));
    }
    plain
}

#[test]
fn the_sample_survives_export_and_import() {
    let (book, pair) = built(now());
    let first = encode_export(&book, &[pair], now());
    assert_eq!(decode_export(&first).unwrap(), book);

    let second = import_and_export(&first, pair);
    assert!(second.contains(r#""base":"#));
    let read = decode_export(&second).unwrap();
    assert_eq!(without_bases(&read), book);
    assert_eq!(encode_export(&without_bases(&read), &[pair], now()), first);

    let third = import_and_export(&second, pair);
    assert_eq!(third, second);
}
