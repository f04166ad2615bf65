use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::domain::fixture::Fixture;
use crate::domain::*;

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, day, hour, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

impl Fixture {
    /// A pair meeting weekly from 1 May.
    fn weekly() -> Self {
        let mut f = Fixture::at(at(1, 9));
        let agreement = Agreement {
            cadence: Cadence::Weekly,
            start: Some(day(1)),
            ..Agreement::default()
        };
        f.apply(Action::UpdateAgreement {
            pair: f.pair,
            agreement,
        });
        f
    }

    fn session(&mut self, starts_at: DateTime<Utc>, agenda: &str) -> Id {
        let body = Body::Session(Session {
            starts_at: Some(starts_at),
            agenda: agenda.into(),
            ..Session::default()
        });
        self.add(self.pair, body)
    }

    fn action(&mut self, session: Id, title: &str, due: Option<NaiveDate>) -> Id {
        let body = Body::ActionItem(ActionItem {
            title: title.into(),
            due,
            ..ActionItem::default()
        });
        self.add(session, body)
    }
}

#[test]
fn sessions_come_newest_first_and_are_found_by_text_and_objective() {
    let mut f = Fixture::weekly();
    let objective = f.add(
        f.pair,
        Body::Objective(Objective {
            title: "Present well".into(),
            ..Objective::default()
        }),
    );
    let first = f.session(at(2, 16), "Check-in and the talk outline");
    let second = f.session(at(9, 16), "Networking plan");
    let pair = f.pair;
    let mut touched = f.data().record(second).unwrap().clone();
    if let Body::Session(s) = &mut touched.body {
        s.objectives.push(objective);
    }
    f.apply(Action::Update {
        pair,
        record: second,
        body: touched.body,
        by: None,
        date: day(9),
        reason: String::new(),
    });
    f.add(
        first,
        Body::SessionPart(SessionPart {
            side: Some(Side::Mentee),
            text: "I felt nervous about the OUTLINE".into(),
            ..SessionPart::default()
        }),
    );
    let order: Vec<Id> = f.data().sessions().iter().map(|(r, _)| r.id).collect();
    assert_eq!(order, [second, first]);
    assert_eq!(f.data().find_sessions("", None), [second, first]);
    assert_eq!(f.data().find_sessions("networking", None), [second]);
    assert_eq!(
        f.data().find_sessions("nervous", None),
        [first],
        "a part's text counts"
    );
    assert_eq!(f.data().find_sessions("outline", None), [first]);
    assert_eq!(f.data().find_sessions("", Some(objective)), [second]);
    assert!(f
        .data()
        .find_sessions("outline", Some(objective))
        .is_empty());
    assert_eq!(
        f.data()
            .session_part(first, Side::Mentee)
            .map(|(_, p)| p.text.as_str()),
        Some("I felt nervous about the OUTLINE")
    );
    assert!(f.data().session_part(first, Side::Mentor).is_none());
}

#[test]
fn meet_records_need_their_essentials_and_the_right_parent() {
    let mut f = Fixture::weekly();
    let pair = f.pair;
    let error = f.refuse(Action::Add {
        pair,
        parent: pair,
        body: Body::Session(Session::default()),
    });
    assert_eq!(
        error,
        ActionError::Missing("the date and time of the session")
    );
    let session = f.session(at(2, 16), "");
    let error = f.refuse(Action::Add {
        pair,
        parent: session,
        body: Body::SessionPart(SessionPart::default()),
    });
    assert_eq!(error, ActionError::Missing("whose part this is"));
    let error = f.refuse(Action::Add {
        pair,
        parent: session,
        body: Body::ActionItem(ActionItem::default()),
    });
    assert_eq!(error, ActionError::Missing("a title"));
    let error = f.refuse(Action::Add {
        pair,
        parent: pair,
        body: Body::ActionItem(ActionItem {
            title: "Book a room".into(),
            ..ActionItem::default()
        }),
    });
    assert_eq!(error, ActionError::WrongParent);
    let error = f.refuse(Action::Add {
        pair,
        parent: pair,
        body: Body::Contact(Contact::default()),
    });
    assert_eq!(error, ActionError::Missing("a name"));
    f.add(
        pair,
        Body::Resource(Resource {
            title: "Talk like TED".into(),
            session: Some(session),
            ..Resource::default()
        }),
    );
    f.add(
        pair,
        Body::Contact(Contact {
            name: "Cleo".into(),
            session: Some(session),
            ..Contact::default()
        }),
    );
    assert_eq!(f.data().children(pair, Kind::Resource).len(), 1);
    assert_eq!(f.data().children(pair, Kind::Contact).len(), 1);
}

#[test]
fn a_sides_part_cannot_be_handed_to_the_other_side() {
    let mut f = Fixture::weekly();
    let session = f.session(at(2, 16), "");
    let part = f.add(
        session,
        Body::SessionPart(SessionPart {
            side: Some(Side::Mentor),
            text: "Good preparation".into(),
            ..SessionPart::default()
        }),
    );
    let pair = f.pair;
    let stolen = Body::SessionPart(SessionPart {
        side: Some(Side::Mentee),
        text: "Mine now".into(),
        ..SessionPart::default()
    });
    let error = f.refuse(Action::Update {
        pair,
        record: part,
        body: stolen,
        by: Some(Side::Mentee),
        date: day(2),
        reason: String::new(),
    });
    assert_eq!(error, ActionError::OtherSidesPart("mentor"));
    let edited = Body::SessionPart(SessionPart {
        side: Some(Side::Mentor),
        text: "Good preparation, clear questions".into(),
        feeling_after: Some(4),
        ..SessionPart::default()
    });
    f.apply(Action::Update {
        pair,
        record: part,
        body: edited,
        by: Some(Side::Mentor),
        date: day(2),
        reason: String::new(),
    });
    let (_, stored) = f.data().session_part(session, Side::Mentor).unwrap();
    assert_eq!(stored.feeling_after, Some(4));
}

#[test]
fn open_actions_carry_forward_until_done_and_are_flagged_when_late() {
    let mut f = Fixture::weekly();
    let first = f.session(at(2, 16), "");
    let room = f.action(first, "Book a room", Some(day(5)));
    let draft = f.action(first, "Send the draft", Some(day(12)));
    let someday = f.action(first, "Read the book", None);
    let open: Vec<Id> = f.data().open_actions().iter().map(|(id, _)| *id).collect();
    assert_eq!(
        open,
        [room, draft, someday],
        "soonest due first, undated last"
    );
    assert!(f.data().overdue_actions(day(5)).is_empty());
    assert_eq!(f.data().overdue_actions(day(6)), [room]);

    let pair = f.pair;
    f.apply(Action::Update {
        pair,
        record: room,
        body: Body::ActionItem(ActionItem {
            title: "Book a room".into(),
            due: Some(day(5)),
            done_on: Some(day(4)),
            ..ActionItem::default()
        }),
        by: None,
        date: day(4),
        reason: String::new(),
    });
    let titles: Vec<String> = f
        .data()
        .open_actions()
        .iter()
        .map(|(_, a)| a.title.clone())
        .collect();
    assert_eq!(titles, ["Send the draft", "Read the book"]);
    assert!(f.data().overdue_actions(day(6)).is_empty());
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let agenda = agenda_for(None, &titles);
    assert!(agenda.contains("Actions from last time: "));
    assert!(agenda.contains("  - Send the draft\n  - Read the book\n"));

    f.apply(Action::Delete {
        pair,
        record: first,
    });
    assert!(
        f.data().open_actions().is_empty(),
        "a deleted session's actions go with it"
    );
}

#[test]
fn the_next_check_in_follows_the_cadence_and_the_last_meeting() {
    let mut f = Fixture::weekly();
    let before_any = f.data().check_in(Calendar::utc(at(3, 9))).unwrap();
    assert_eq!(before_any.due, day(8), "a week after the agreed start");
    f.session(at(4, 16), "");
    f.session(at(20, 16), "a session planned ahead does not count yet");
    let check = f.data().check_in(Calendar::utc(at(6, 9))).unwrap();
    assert_eq!(check.due, day(11));
    assert_eq!(check.wording(), "due in 5 days");
    assert_eq!(
        f.data().meet_status(Calendar::utc(at(6, 9))),
        StageStatus::Current
    );
    assert_eq!(
        f.data().meet_status(Calendar::utc(at(12, 9))),
        StageStatus::Due
    );
    let late = f.data().check_in(Calendar::utc(at(19, 9))).unwrap();
    assert!(late.drifting(), "two weeks missed: {late:?}");
}

#[test]
fn an_overdue_action_makes_meet_due() {
    let mut f = Fixture::weekly();
    let session = f.session(at(4, 16), "");
    f.action(session, "Book a room", Some(day(5)));
    assert_eq!(
        f.data().meet_status(Calendar::utc(at(6, 9))),
        StageStatus::Due
    );
}
