//! The facilitator's demo pair for workshop mode: a process engineer in an
//! aluminium foundry mentored by a steel mill's operations manager, three
//! months in, with something to show in each of the four stages.
//!
//! It is built only by applying the domain's own actions, as a person using
//! the app would build it, so it always obeys the rules `apply` checks; and
//! every date counts from the day it is built, so the demo never looks stale.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::action::{Action, Applied};
use super::id::{Id, IdSource};
use super::model::*;
use super::prompts::agenda_for;
use super::record::Body;
use super::review::PRACTICES;
use super::workbook::Workbook;

/// Builds the demo pair as it stands at `now`: a workbook holding just that
/// pair, and the pair's id. The agreement began 13 weeks before `now`'s
/// date; sessions ran fortnightly up to a week ago.
pub fn sample_workbook(now: DateTime<Utc>, ids: &mut impl IdSource) -> (Workbook, Id) {
    let mut sample = Builder::new(now, ids);
    sample.agreement();
    let objectives = sample.objectives();
    sample.roadmap(&objectives);
    sample.meetings(&objectives);
    sample.reviews(&objectives);
    (sample.book, sample.pair)
}

/// The agreement's start, in days from today.
const START: i64 = -91;

/// The agenda the pair saved as their own: the usual headings, short.
const AGENDA: &str =
    "Check-in\nActions from last time\nProgress on objectives\nA challenge\nNext steps";

/// A task with its dates in days from today: a step, or an action item
/// (done on `done`, if it is).
struct Task {
    title: &'static str,
    owner: Owner,
    start: i64,
    due: i64,
    status: TaskStatus,
    done: Option<i64>,
}

const fn task(title: &'static str, owner: Owner, start: i64, due: i64) -> Task {
    Task {
        title,
        owner,
        start,
        due,
        status: TaskStatus::NotStarted,
        done: None,
    }
}

impl Task {
    const fn done_on(mut self, day: i64) -> Self {
        self.status = TaskStatus::Done;
        self.done = Some(day);
        self
    }

    const fn status(mut self, status: TaskStatus) -> Self {
        self.status = status;
        self
    }
}

/// A milestone of objective `objective` (0 or 1) and its steps; a milestone
/// done on a day is marked done then, which is what records its win.
struct Mark {
    objective: usize,
    task: Task,
    steps: &'static [Task],
}

const ROADMAP: [Mark; 5] = [
    Mark {
        objective: 0,
        task: task("Scrap baseline measured", Owner::Mentee, -77, -56).done_on(-52),
        steps: &[
            task("Pull six months of scrap data", Owner::Mentee, -77, -70).done_on(-71),
            task("Sort scrap by defect type", Owner::Mentee, -70, -60).done_on(-58),
        ],
    },
    Mark {
        objective: 0,
        task: task("Top two causes proven by trials", Owner::Mentee, -52, 14)
            .status(TaskStatus::InProgress),
        steps: &[
            task(
                "Run a die temperature trial on day shift",
                Owner::Mentee,
                -35,
                -24,
            )
            .done_on(-24),
            task(
                "Write up the trial for the quality lab",
                Owner::Mentee,
                -21,
                -4,
            ),
            task("Repeat the trial on night shift", Owner::Both, -7, 10)
                .status(TaskStatus::InProgress),
        ],
    },
    Mark {
        objective: 0,
        task: task("Two fixes live on all shifts", Owner::Both, 14, 100),
        steps: &[task(
            "Train shift leads on the new settings",
            Owner::Both,
            60,
            90,
        )],
    },
    Mark {
        objective: 1,
        task: task("First meeting chaired", Owner::Mentee, -35, -21).done_on(-25),
        steps: &[
            task("Draft a standard agenda", Owner::Mentee, -35, -28).done_on(-30),
            task(
                "Agree the chair role with the area manager",
                Owner::Mentee,
                -35,
                -26,
            )
            .done_on(-27),
        ],
    },
    Mark {
        objective: 1,
        task: task("Eight meetings chaired", Owner::Mentee, -25, 60).status(TaskStatus::InProgress),
        steps: &[
            task("Ask the team to rate each meeting", Owner::Mentee, -25, 56)
                .status(TaskStatus::InProgress),
        ],
    },
];

/// One side's part of a session: what they wrote, and how they felt before
/// and after.
type Part = Option<(&'static str, u8, u8)>;

/// A session, days from today, with what it touched and produced.
struct Meeting {
    day: i64,
    format: MeetingFormat,
    minutes: u16,
    notes: &'static str,
    question: &'static str,
    touched: &'static [usize],
    mentee: Part,
    mentor: Part,
    actions: &'static [Task],
}

const MEETINGS: [Meeting; 6] = [
    Meeting {
        day: -77,
        format: MeetingFormat::Video,
        minutes: 60,
        notes: "Signed off the agreement and two objectives. Tomas picked scrap on line 2 as his project.",
        question: "What would running an area change in your week?",
        touched: &[0, 1],
        mentee: Some(("Clearer than I expected. The scrap project feels like mine.", 3, 4)),
        mentor: None,
        actions: &[
            task("Send Ruth the plant's scrap report", Owner::Mentee, -77, -70).done_on(-72),
            task("Share a sample project charter", Owner::Mentor, -77, -70).done_on(-74),
        ],
    },
    Meeting {
        day: -63,
        format: MeetingFormat::Video,
        minutes: 60,
        notes: "Porosity is 60% of scrap. Night shift runs hotter dies; nobody has asked them why.",
        question: "Who on night shift would back a trial, and why them?",
        touched: &[0],
        mentee: None,
        mentor: Some(("Good data. Now he needs people, not more charts.", 4, 4)),
        actions: &[task("Meet the night shift lead about a trial", Owner::Mentee, -63, -56)
            .done_on(-45)],
    },
    Meeting {
        day: -49,
        format: MeetingFormat::Video,
        minutes: 45,
        notes: "The night shift meeting slipped twice; now booked. Baseline done: 6.5% scrap.",
        question: "What got in the way, and what was in your control?",
        touched: &[0],
        mentee: Some(("Annoyed at myself for waiting on people.", 2, 3)),
        mentor: Some(("Chasing is part of the job. Book it, do not wait.", 3, 4)),
        actions: &[task("Send Ruth three dates for a site visit", Owner::Mentee, -49, -42)
            .done_on(-44)],
    },
    Meeting {
        day: -35,
        format: MeetingFormat::InPerson,
        minutes: 120,
        notes: "Site visit to Kessler Mill. Watched their 15-minute board meeting: actions in writing, one owner each.",
        question: "Which part of that meeting would work in your area?",
        touched: &[1],
        mentee: Some(("Best session yet. I want that meeting in our plant.", 4, 5)),
        mentor: None,
        actions: &[task("Send a photo of the mill's meeting board", Owner::Mentor, -35, -28)
            .done_on(-33)],
    },
    Meeting {
        day: -21,
        format: MeetingFormat::Video,
        minutes: 60,
        notes: "Tomas chaired his first production meeting. The die trial cut porosity on day shift.",
        question: "What did you do that made the meeting work?",
        touched: &[0, 1],
        mentee: Some(("Nervous at the start, fine by the end.", 2, 4)),
        mentor: None,
        actions: &[task("Ask Priya how her lab reports trials", Owner::Mentee, -21, -5).done_on(-3)],
    },
    Meeting {
        day: -7,
        format: MeetingFormat::Video,
        minutes: 60,
        notes: "Three meetings chaired, so we raised the target. The trial write-up is late. New goal on confidence still vague.",
        question: "What options do you see for the write-up, before I give mine?",
        touched: &[0, 1, 2],
        mentee: Some(("Good month, but the write-up keeps slipping.", 3, 4)),
        mentor: Some(("Strong progress on meetings. Push the write-up out this week.", 4, 4)),
        actions: &[
            task("Email Jonas Berg to set up a call", Owner::Mentee, -7, 7),
            task("Book the night shift trial", Owner::Both, -7, 5),
        ],
    },
];

/// A resource shared in session `session` (0 to 5).
struct Shared {
    session: usize,
    kind: ResourceKind,
    title: &'static str,
    note: &'static str,
    status: FollowUp,
}

const RESOURCES: [Shared; 4] = [
    Shared {
        session: 1,
        kind: ResourceKind::Book,
        title: "Toyota Kata, Mike Rother",
        note: "Read the part on coaching routines.",
        status: FollowUp::Done,
    },
    Shared {
        session: 1,
        kind: ResourceKind::Tool,
        title: "Pareto chart template",
        note: "Sort defects by weight, not count.",
        status: FollowUp::Done,
    },
    Shared {
        session: 4,
        kind: ResourceKind::Course,
        title: "Root cause analysis, two-day course",
        note: "Plant pays; next run in spring.",
        status: FollowUp::InProgress,
    },
    Shared {
        session: 5,
        kind: ResourceKind::Event,
        title: "Regional die casting conference",
        note: "Jonas chairs a session there.",
        status: FollowUp::ToDo,
    },
];

/// One side's answers to an evaluation round: a score per practice (in
/// `PRACTICES` order), a comment on some, and a score per objective.
struct Answers {
    side: Side,
    day: i64,
    scores: [u8; 8],
    comments: &'static [(Practice, &'static str)],
    objectives: [u8; 2],
    works: &'static str,
    change: &'static str,
    adjust: &'static str,
}

/// Each round's due date (days from today, on the six-weekly schedule from
/// the start) and both sides' answers.
const ROUNDS: [(i64, [Answers; 2]); 2] = [
    (
        START + 42,
        [
            Answers {
                side: Side::Mentor,
                day: -48,
                scores: [4, 4, 4, 3, 3, 4, 2, 4],
                comments: &[(
                    Practice::IndependentThinking,
                    "I hand him answers too fast.",
                )],
                objectives: [3, 2],
                works: "He comes with data.",
                change: "More room for him to decide.",
                adjust: "I ask for his options before I advise.",
            },
            Answers {
                side: Side::Mentee,
                day: -49,
                scores: [5, 4, 5, 3, 3, 4, 4, 4],
                comments: &[],
                objectives: [3, 2],
                works: "Real examples from Ruth's plant.",
                change: "Fewer notes, clearer actions.",
                adjust: "I send the agenda a day ahead.",
            },
        ],
    ),
    (
        START + 84,
        [
            Answers {
                side: Side::Mentor,
                day: -7,
                scores: [5, 4, 5, 4, 4, 4, 4, 5],
                comments: &[(Practice::Networking, "Two good introductions so far.")],
                objectives: [4, 4],
                works: "He runs the meeting himself now.",
                change: "Get the scrap project back on time.",
                adjust: "",
            },
            Answers {
                side: Side::Mentee,
                day: -6,
                scores: [5, 5, 5, 4, 2, 4, 4, 5],
                comments: &[(Practice::Networking, "Two contacts are not a network yet.")],
                objectives: [3, 4],
                works: "The site visit.",
                change: "Meet people outside steel.",
                adjust: "Ruth introduces me to two foundry people.",
            },
        ],
    ),
];

/// Applies the sample's actions at one `now`, with dates counted from its day.
struct Builder<'a, I: IdSource> {
    book: Workbook,
    pair: Id,
    now: DateTime<Utc>,
    today: NaiveDate,
    ids: &'a mut I,
    /// Action items logged open and done later: (id, item, the day done).
    pending: Vec<(Id, ActionItem, i64)>,
}

impl<'a, I: IdSource> Builder<'a, I> {
    fn new(now: DateTime<Utc>, ids: &'a mut I) -> Self {
        let mut builder = Builder {
            book: Workbook::default(),
            pair: Id::NONE,
            now,
            today: now.date_naive(),
            ids,
            pending: Vec::new(),
        };
        builder.pair = builder
            .apply(Action::CreatePair {
                mentor: "Ruth Adeyemi".into(),
                mentee: "Tomas Novak".into(),
            })
            .pair;
        builder
    }

    /// Applies an action the sample is made of. Each one is valid by
    /// construction (the tests build the sample), so a refusal is a bug in
    /// this module, not something user data can cause.
    fn apply(&mut self, action: Action) -> Applied {
        self.book
            .apply(action, self.now, self.ids)
            .expect("the demo pair is built only from valid actions")
    }

    fn day(&self, offset: i64) -> NaiveDate {
        self.today + Duration::days(offset)
    }

    fn add(&mut self, parent: Id, body: Body) -> Id {
        let pair = self.pair;
        self.apply(Action::Add { pair, parent, body }).created[0]
    }

    fn update(&mut self, record: Id, body: Body, by: Option<Side>, day: i64, reason: &str) {
        let date = self.day(day);
        self.apply(Action::Update {
            pair: self.pair,
            record,
            body,
            by,
            date,
            reason: reason.into(),
        });
    }

    fn agree_both(&mut self, objective: Id, day: i64) {
        for side in Side::ALL {
            let date = self.day(day);
            self.apply(Action::AgreeObjective {
                pair: self.pair,
                objective,
                side,
                date,
            });
        }
    }

    /// The people, the terms, and both sides' confirmations.
    fn agreement(&mut self) {
        let person = |name: &str, position: &str, field: &str, contact: &str| Person {
            name: name.into(),
            position: position.into(),
            field: field.into(),
            contact: contact.into(),
        };
        let info = PairInfo {
            title: String::new(),
            mentor: person(
                "Ruth Adeyemi",
                "Plant operations manager, Kessler Mill",
                "Steel rolling",
                "ruth.adeyemi@example.com",
            ),
            mentee: person(
                "Tomas Novak",
                "Process engineer, Nordvik Foundry",
                "Aluminium die casting",
                "tomas.novak@example.com",
            ),
            closed_on: None,
            agenda_template: AGENDA.into(),
        };
        self.apply(Action::UpdatePair {
            pair: self.pair,
            info,
        });
        let agreement = Agreement {
            purpose: "Prepare Tomas to lead a production area within a year: projects across shifts, chairing meetings, a wider network.".into(),
            cadence: Cadence::Fortnightly,
            format: MeetingFormat::Video,
            length_minutes: 60,
            mentor_style: MentorStyle::Mixed,
            mentee_preferences: "A worked example first, then a go on his own, then a debrief.".into(),
            mentee_expects: "Straight feedback, and how a plant manager weighs cost, safety and people.".into(),
            mentor_expects: "Tomas sets the agenda, brings data, and does the actions agreed.".into(),
            boundaries: "What we say stays between us. No confidential figures from either company.".into(),
            raising_problems: "Say it at the next session, or by email if it cannot wait.".into(),
            start: Some(self.day(START)),
            planned_end: Some(self.day(START + 364)),
            review_every_weeks: 6,
            ending: "A closing review at the planned end; then we decide whether to stay in touch.".into(),
            log_keeper: Owner::Mentee,
        };
        self.apply(Action::UpdateAgreement {
            pair: self.pair,
            agreement,
        });
        for (side, name, day) in [
            (Side::Mentee, "Tomas Novak", -78),
            (Side::Mentor, "Ruth Adeyemi", -77),
        ] {
            let date = self.day(day);
            self.apply(Action::ConfirmAgreement {
                pair: self.pair,
                side,
                name: name.into(),
                date,
            });
        }
    }

    /// Two sound objectives, agreed by both and under way (the second
    /// revised once), and a vague one the SMART coach has plenty to say
    /// about.
    fn objectives(&mut self) -> [Id; 3] {
        let mut scrap = Objective {
            title: "Cut scrap on casting line 2".into(),
            smart: Smart {
                specific: "Find the main causes of scrap on line 2 and put two fixes in place with the shift teams.".into(),
                measure: "Scrap as % of cast weight, monthly average".into(),
                baseline: "6.5%".into(),
                target: "4% or lower".into(),
                achievable: "The plant manager backs it and the lab gives two days a month. Risk: alloy changes.".into(),
                relevant: "Leading a project across shifts is the step before an area lead role.".into(),
                by_when: Some(self.day(120)),
            },
            horizon: Horizon::Short,
            category: Category::Skill,
            status: ObjectiveStatus::Proposed,
        };
        let mut meeting = Objective {
            title: "Chair the weekly production meeting".into(),
            smart: Smart {
                specific: "Chair the area's weekly production meeting with a set agenda and written actions.".into(),
                measure: "Meetings chaired; the team's rating of each (1 to 5)".into(),
                baseline: "0 chaired; rating 2.8".into(),
                target: "4 chaired; rating 3.5".into(),
                achievable: "The area manager hands over the chair; Ruth shares her mill's format.".into(),
                relevant: "An area lead runs this meeting every week.".into(),
                by_when: Some(self.day(60)),
            },
            horizon: Horizon::Short,
            category: Category::Leadership,
            status: ObjectiveStatus::Proposed,
        };
        let confidence = Objective {
            title: "Be more confident".into(),
            smart: Smart {
                specific: "Get better at speaking up.".into(),
                achievable: "Practice.".into(),
                relevant: "Matters for promotion.".into(),
                ..Smart::default()
            },
            horizon: Horizon::Long,
            category: Category::Confidence,
            status: ObjectiveStatus::Proposed,
        };
        let pair = self.pair;
        let ids = [&scrap, &meeting, &confidence]
            .map(|objective| self.add(pair, Body::Objective(objective.clone())));
        for (id, objective) in [(ids[0], &mut scrap), (ids[1], &mut meeting)] {
            self.agree_both(id, -77);
            objective.status = ObjectiveStatus::InProgress;
            self.update(id, Body::Objective(objective.clone()), None, -77, "");
        }
        meeting.smart.target = "8 chaired; rating 4 or more".into();
        let reason = "Three went well, so we raised the target.";
        let body = Body::Objective(meeting.clone());
        self.update(ids[1], body, Some(Side::Mentee), -7, reason);
        self.agree_both(ids[1], -7);
        meeting.status = ObjectiveStatus::InProgress;
        self.update(ids[1], Body::Objective(meeting), None, -7, "");
        ids
    }

    /// Milestones and steps; reaching a milestone records a win.
    fn roadmap(&mut self, objectives: &[Id; 3]) {
        for mark in &ROADMAP {
            let milestone = Milestone {
                title: mark.task.title.into(),
                owner: mark.task.owner,
                start: Some(self.day(mark.task.start)),
                due: Some(self.day(mark.task.due)),
                status: match mark.task.done {
                    Some(_) => TaskStatus::InProgress,
                    None => mark.task.status,
                },
            };
            let id = self.add(
                objectives[mark.objective],
                Body::Milestone(milestone.clone()),
            );
            for step in mark.steps {
                let body = Body::Step(Step {
                    title: step.title.into(),
                    owner: step.owner,
                    start: Some(self.day(step.start)),
                    due: Some(self.day(step.due)),
                    status: step.status,
                });
                self.add(id, body);
            }
            if let Some(day) = mark.task.done {
                let reached = Milestone {
                    status: TaskStatus::Done,
                    ..milestone
                };
                self.update(id, Body::Milestone(reached), Some(Side::Mentee), day, "");
            }
        }
    }

    /// The six sessions in order, each opening with the actions still open
    /// (as the app pre-fills them), then the resources and introductions.
    fn meetings(&mut self, objectives: &[Id; 3]) {
        let pair = self.pair;
        let mut sessions = Vec::new();
        for meeting in &MEETINGS {
            self.finish_actions_before(meeting.day);
            let open: Vec<String> = self
                .pending
                .iter()
                .map(|(_, item, _)| item.title.clone())
                .collect();
            let starts = self
                .day(meeting.day)
                .and_hms_opt(14, 0, 0)
                .unwrap_or_default();
            let session = self.add(
                pair,
                Body::Session(Session {
                    starts_at: Some(starts.and_utc()),
                    length_minutes: meeting.minutes,
                    format: meeting.format,
                    agenda: agenda_for(
                        Some(AGENDA),
                        &open.iter().map(String::as_str).collect::<Vec<_>>(),
                    ),
                    notes: meeting.notes.into(),
                    objectives: meeting.touched.iter().map(|&i| objectives[i]).collect(),
                    questions: vec![meeting.question.into()],
                }),
            );
            sessions.push(session);
            for (side, part) in [
                (Side::Mentee, meeting.mentee),
                (Side::Mentor, meeting.mentor),
            ] {
                if let Some((text, before, after)) = part {
                    let part = SessionPart {
                        side: Some(side),
                        text: text.into(),
                        feeling_before: Some(before),
                        feeling_after: Some(after),
                    };
                    self.add(session, Body::SessionPart(part));
                }
            }
            for action in meeting.actions {
                self.log_action(session, action);
            }
        }
        self.finish_actions_before(0);
        for shared in &RESOURCES {
            let resource = Resource {
                title: shared.title.into(),
                kind: shared.kind,
                link: String::new(),
                note: shared.note.into(),
                status: shared.status,
                session: Some(sessions[shared.session]),
            };
            self.add(pair, Body::Resource(resource));
        }
        let contacts = [
            (
                "Priya Nair",
                "Kessler Mill",
                "Quality lab lead",
                3,
                -35,
                FollowUp::Done,
                -28,
            ),
            (
                "Jonas Berg",
                "Nordic Foundry Network",
                "Chair, young engineers",
                5,
                -7,
                FollowUp::ToDo,
                7,
            ),
        ];
        for (name, organisation, position, session, day, follow_up, on) in contacts {
            let contact = Contact {
                name: name.into(),
                organisation: organisation.into(),
                position: position.into(),
                introduced_by: "Ruth Adeyemi".into(),
                date: Some(self.day(day)),
                follow_up,
                follow_up_on: Some(self.day(on)),
                session: Some(sessions[session]),
            };
            self.add(pair, Body::Contact(contact));
        }
    }

    /// Adds an action item under `parent`, open; one done later waits in
    /// `pending` until its day.
    fn log_action(&mut self, parent: Id, action: &Task) {
        let item = ActionItem {
            title: action.title.into(),
            owner: action.owner,
            due: Some(self.day(action.due)),
            done_on: None,
        };
        let id = self.add(parent, Body::ActionItem(item.clone()));
        self.pending
            .push((id, item, action.done.unwrap_or(i64::MAX)));
    }

    /// Marks done the pending actions finished before `day`.
    fn finish_actions_before(&mut self, day: i64) {
        let (finished, waiting) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(_, _, done)| *done < day);
        self.pending = waiting;
        for (id, mut item, done) in finished {
            item.done_on = Some(self.day(done));
            self.update(id, Body::ActionItem(item), None, done, "");
        }
    }

    /// The two scheduled evaluation rounds, both sides' answers, and the
    /// adjustment the second one led to.
    fn reviews(&mut self, objectives: &[Id; 3]) {
        let rating = |score: u8, comment: &str| Rating {
            score,
            comment: comment.into(),
        };
        let mut rounds = Vec::new();
        for (due, answers) in &ROUNDS {
            let due = self.day(*due);
            let round = self
                .apply(Action::StartRound {
                    pair: self.pair,
                    due: Some(due),
                    trigger: EvaluationTrigger::Scheduled,
                })
                .created[0];
            rounds.push(round);
            for side in answers {
                let practices = PRACTICES
                    .iter()
                    .zip(side.scores)
                    .map(|(&practice, score)| {
                        let comment = side.comments.iter().find(|(p, _)| *p == practice);
                        (practice, rating(score, comment.map_or("", |(_, c)| c)))
                    })
                    .collect();
                let answers = EvaluationAnswers {
                    side: Some(side.side),
                    date: Some(self.day(side.day)),
                    practices,
                    objectives: objectives
                        .iter()
                        .zip(side.objectives)
                        .map(|(&id, score)| (id, rating(score, "")))
                        .collect(),
                    works: side.works.into(),
                    change: side.change.into(),
                    adjust: side.adjust.into(),
                };
                self.add(round, Body::EvaluationAnswers(answers));
            }
        }
        let adjustment = task(
            "Introduce Tomas to two foundry contacts",
            Owner::Mentor,
            -6,
            21,
        );
        if let Some(&round) = rounds.last() {
            self.log_action(round, &adjustment);
        }
    }
}

#[cfg(test)]
mod tests;
