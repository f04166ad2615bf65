//! Not a test: writes the workbooks `scripts/bench.sh` measures, at 1x, 10x
//! and 100x, built through the domain's own actions so they are what the app
//! would have stored. Run with
//! `cargo test --release --test scale_data -- --ignored --nocapture`;
//! `TRELLIS_BENCH_DATA` names the folder (default target/bench/data).
//!
//! At scale `s` the measured pair ("Maya Okafor & Theo Lind") holds 2s
//! objectives, each with 2 milestones of 3 steps, 10s sessions (each with
//! its agenda, notes, the mentee's part and 2 actions, one done), and s
//! evaluation rounds that both sides have answered except the newest, which
//! waits for the mentor. The other pairs are each the 1x pair, padding the
//! workbook to 1, 2 and 20 pairs.
//!
//! For each scale the folder `<s>x/` gets `workbook.json` (an export file,
//! as "Import a file" reads it), `storage.json` (the localStorage keys the
//! app keeps, as an object of key to stored text) and `about.json` (what
//! the benchmark needs to find things: the pair's id and counts).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use trellis::domain::{
    sample_workbook, Action, ActionItem, Agreement, Applied, Body, Category, EvaluationAnswers,
    EvaluationTrigger, Horizon, Id, Kind, Milestone, Objective, ObjectiveStatus, Owner, Rating,
    Role, SequentialIds, Session, SessionPart, Side, Smart, Step, TaskStatus, Workbook, PRACTICES,
};
use trellis::storage::codec::{encode_device, encode_index, encode_pair};
use trellis::storage::exchange::encode_export;
use trellis::storage::DeviceSettings;

/// The clock the workbooks are written at; the benchmark opens the app at it.
const NOW: &str = "2026-05-01T09:00:00Z";

/// Sizes of the measured pair, by scale.
struct Shape {
    objectives: usize,
    sessions: usize,
    rounds: usize,
}

impl Shape {
    fn at(scale: usize) -> Self {
        Shape {
            objectives: 2 * scale,
            sessions: 10 * scale,
            rounds: scale,
        }
    }
}

/// Builds one workbook through actions, as a person using the app would.
struct Builder {
    book: Workbook,
    ids: SequentialIds,
    now: DateTime<Utc>,
}

impl Builder {
    fn apply(&mut self, action: Action) -> Applied {
        match self.book.apply(action.clone(), self.now, &mut self.ids) {
            Ok(applied) => applied,
            Err(e) => panic!("the generator's action was refused ({e}): {action:?}"),
        }
    }

    fn add(&mut self, pair: Id, parent: Id, body: Body) -> Id {
        self.apply(Action::Add { pair, parent, body }).created[0]
    }

    fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    fn day(&self, offset: i64) -> NaiveDate {
        self.today() + Duration::days(offset)
    }

    /// Creates a pair shaped like `shape` and returns its id.
    fn pair(&mut self, mentor: &str, mentee: &str, shape: &Shape) -> Id {
        let pair = self
            .apply(Action::CreatePair {
                mentor: mentor.into(),
                mentee: mentee.into(),
            })
            .pair;
        self.agreement(pair, mentor, mentee);
        let objectives: Vec<Id> = (1..=shape.objectives)
            .map(|n| self.objective(pair, n))
            .collect();
        for n in 1..=shape.sessions {
            self.session(pair, n, shape.sessions);
        }
        for n in 1..=shape.rounds {
            self.round(pair, n, shape.rounds, &objectives);
        }
        pair
    }

    fn agreement(&mut self, pair: Id, mentor: &str, mentee: &str) {
        let agreement = Agreement {
            purpose: format!("{mentee} grows into leading the ward's shift handovers."),
            mentee_preferences: "Direct feedback, examples from real shifts.".into(),
            mentee_expects: "Honest feedback and an introduction to the practice lead.".into(),
            mentor_expects: "Come prepared with one question a session.".into(),
            boundaries: "What we say stays between us unless safety is at stake.".into(),
            raising_problems: "Either of us says so at the start of the next session.".into(),
            start: Some(self.day(-365)),
            planned_end: Some(self.day(180)),
            ending: "A last session to look back and plan what comes next.".into(),
            ..Agreement::default()
        };
        self.apply(Action::UpdateAgreement { pair, agreement });
        for (side, name) in [(Side::Mentor, mentor), (Side::Mentee, mentee)] {
            let date = self.day(-360);
            self.apply(Action::ConfirmAgreement {
                pair,
                side,
                name: name.into(),
                date,
            });
        }
    }

    /// Objective `n`, agreed by both, with 2 milestones of 3 steps; about a
    /// third of the steps are done and a quarter of the objectives achieved.
    fn objective(&mut self, pair: Id, n: usize) -> Id {
        let status = match n % 4 {
            0 => ObjectiveStatus::Achieved,
            1 => ObjectiveStatus::InProgress,
            2 => ObjectiveStatus::Agreed,
            _ => ObjectiveStatus::Proposed,
        };
        let body = Body::Objective(Objective {
            title: format!("Objective {n}: lead the handover on ward {n}"),
            smart: Smart {
                specific: format!("Run the morning handover on ward {n} on my own."),
                measure: "Handovers led, and the team's rating of them.".into(),
                baseline: "None led so far.".into(),
                target: "Four handovers led, rated 4 of 5 or better.".into(),
                achievable: "The ward manager offered two slots a week.".into(),
                relevant: "Leading handovers is part of the next band.".into(),
                by_when: Some(self.day(30 + n as i64)),
            },
            horizon: if n.is_multiple_of(2) {
                Horizon::Long
            } else {
                Horizon::Short
            },
            category: Category::Leadership,
            status,
        });
        let objective = self.add(pair, pair, body);
        if status != ObjectiveStatus::Proposed {
            for side in Side::ALL {
                let date = self.day(-300);
                self.apply(Action::AgreeObjective {
                    pair,
                    objective,
                    side,
                    date,
                });
            }
        }
        for m in 1..=2 {
            let milestone = self.add(
                pair,
                objective,
                Body::Milestone(Milestone {
                    title: format!("Milestone {n}.{m}: shadow and then co-lead"),
                    owner: Owner::Mentee,
                    start: Some(self.day(-200)),
                    due: Some(self.day(m * 20 - 30)),
                    status: TaskStatus::InProgress,
                }),
            );
            for s in 1..=3 {
                let step = Step {
                    title: format!("Step {n}.{m}.{s}"),
                    owner: if s == 2 { Owner::Mentor } else { Owner::Mentee },
                    start: None,
                    due: Some(self.day((s as i64) * 7 - 14)),
                    status: if s == 1 {
                        TaskStatus::Done
                    } else {
                        TaskStatus::NotStarted
                    },
                };
                self.add(pair, milestone, Body::Step(step));
            }
        }
        objective
    }

    /// Session `n` of `count`, one a day up to yesterday; the last one is
    /// next week.
    fn session(&mut self, pair: Id, n: usize, count: usize) {
        let starts_at = if n == count {
            self.now + Duration::days(7)
        } else {
            self.now - Duration::days((count - n) as i64)
        };
        let body = Body::Session(Session {
            starts_at: Some(starts_at),
            length_minutes: 45,
            agenda: "Check-in\nActions from last time\nProgress on the plan\nNext steps".into(),
            notes: format!(
                "Session {n}: we went through the handover notes and the rota. \
                 Theo will try the new checklist and tell the team lead how it went."
            ),
            ..Session::default()
        });
        let session = self.add(pair, pair, body);
        self.add(
            pair,
            session,
            Body::SessionPart(SessionPart {
                side: Some(Side::Mentee),
                text: format!("What I learned in session {n}: ask for the handover sheet early."),
                feeling_before: Some(3),
                feeling_after: Some(4),
            }),
        );
        for a in 1..=2 {
            let done = a == 1 && n != count;
            let due = self.day(n as i64 - count as i64 + 7);
            self.add(
                pair,
                session,
                Body::ActionItem(ActionItem {
                    title: format!("Action {n}.{a}: draft the handover note"),
                    owner: if a == 1 { Owner::Mentee } else { Owner::Mentor },
                    due: Some(due),
                    done_on: done.then_some(due),
                }),
            );
        }
    }

    /// Evaluation round `n` of `count`, a week apart up to today; both
    /// sides answered every round but the newest, where only the mentee did.
    fn round(&mut self, pair: Id, n: usize, count: usize, objectives: &[Id]) {
        let due = self.day(7 * (n as i64 - count as i64));
        let round = self
            .apply(Action::StartRound {
                pair,
                due: Some(due),
                trigger: EvaluationTrigger::Scheduled,
            })
            .created[0];
        let sides: &[Side] = if n == count {
            &[Side::Mentee]
        } else {
            &Side::ALL
        };
        for &side in sides {
            let mut answers = EvaluationAnswers {
                side: Some(side),
                date: Some(due),
                works: "Meeting every week keeps us honest.".into(),
                change: "Shorter agendas.".into(),
                adjust: "Send the agenda a day before.".into(),
                ..EvaluationAnswers::default()
            };
            for (i, &practice) in PRACTICES.iter().enumerate() {
                let score = 1 + ((n + i + side as usize) % 5) as u8;
                answers.practices.insert(
                    practice,
                    Rating {
                        score,
                        comment: if i == 0 {
                            "Clear from the start.".into()
                        } else {
                            String::new()
                        },
                    },
                );
            }
            for &objective in objectives.iter().take(2) {
                answers.objectives.insert(
                    objective,
                    Rating {
                        score: 3,
                        comment: String::new(),
                    },
                );
            }
            self.add(pair, round, Body::EvaluationAnswers(answers));
        }
    }
}

fn out_dir() -> PathBuf {
    std::env::var_os("TRELLIS_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/data"))
}

fn write(path: PathBuf, text: &str) {
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// A JSON string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn generate(scale: usize, pairs: usize) {
    let now: DateTime<Utc> = NOW.parse().unwrap_or_else(|e| panic!("bad NOW: {e}"));
    let mut builder = Builder {
        book: Workbook::default(),
        ids: SequentialIds(0),
        now,
    };
    let measured = builder.pair("Maya Okafor", "Theo Lind", &Shape::at(scale));
    let mut order = vec![measured];
    for p in 2..=pairs {
        let pad = builder.pair(
            &format!("Mentor {p}"),
            &format!("Mentee {p}"),
            &Shape::at(1),
        );
        order.push(pad);
    }
    let shape = Shape::at(scale);
    let counts = Counts {
        objectives: shape.objectives,
        steps: shape.objectives * 6,
        sessions: shape.sessions,
        rounds: shape.rounds,
    };
    write_case(&format!("{scale}x"), scale, &builder.book, &order, &counts);
}

/// What the measured pair holds, for the benchmark to wait for.
struct Counts {
    objectives: usize,
    steps: usize,
    sessions: usize,
    rounds: usize,
}

/// Writes `book` (its pairs in `order`, the first one measured) into the
/// folder `name`: as an export file, as the app's localStorage keys, and
/// what the benchmark needs to know about it.
fn write_case(name: &str, scale: usize, book: &Workbook, order: &[Id], counts: &Counts) {
    let now: DateTime<Utc> = NOW.parse().unwrap_or_else(|e| panic!("bad NOW: {e}"));
    let pairs = order.len();
    let measured = order[0];
    let mut settings = DeviceSettings::default();
    for id in order {
        settings.roles.insert(*id, Role::Both);
    }
    let mut storage = vec![
        ("trellis/index".to_string(), encode_index(order)),
        ("trellis/device".to_string(), encode_device(&settings)),
    ];
    for id in order {
        let data = book
            .pair(*id)
            .unwrap_or_else(|| panic!("the pair {id} went missing"));
        storage.push((format!("trellis/pair/{id}"), encode_pair(data)));
    }
    let dir = out_dir().join(name);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let export = encode_export(book, order, now);
    let members: Vec<String> = storage
        .iter()
        .map(|(key, text)| format!("{}:{}", quoted(key), quoted(text)))
        .collect();
    let storage_text = format!("{{{}}}", members.join(","));
    let measured_text = &storage[2].1;
    let about = format!(
        r#"{{"name":"{name}","scale":{scale},"pair":"{measured}","pairs":{pairs},"objectives":{},"steps":{},"sessions":{},"rounds":{},"now":"{NOW}","pair_bytes":{},"storage_bytes":{},"export_bytes":{}}}"#,
        counts.objectives,
        counts.steps,
        counts.sessions,
        counts.rounds,
        measured_text.len(),
        storage
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum::<usize>(),
        export.len(),
    );
    write(dir.join("workbook.json"), &export);
    write(dir.join("storage.json"), &storage_text);
    write(dir.join("about.json"), &about);
    println!(
        "{name}: {pairs} pairs; the measured pair {} objectives, {} sessions, {} rounds, \
         {} B stored; workbook.json {} B",
        counts.objectives,
        counts.sessions,
        counts.rounds,
        measured_text.len(),
        export.len()
    );
}

/// The demo's sample pair, the one "Try the sample pair" opens, dated from
/// the benchmark's clock and stored as the app stores a pair.
fn generate_demo() {
    let now: DateTime<Utc> = NOW.parse().unwrap_or_else(|e| panic!("bad NOW: {e}"));
    let (book, pair) = sample_workbook(now, &mut SequentialIds(0));
    let data = book.pair(pair).expect("the sample pair");
    let count = |kind: Kind| data.records().filter(|r| r.body.kind() == kind).count();
    let counts = Counts {
        objectives: count(Kind::Objective),
        steps: count(Kind::Step),
        sessions: count(Kind::Session),
        rounds: count(Kind::Evaluation),
    };
    write_case("demo", 1, &book, &[pair], &counts);
}

#[test]
#[ignore]
fn write_the_benchmark_workbooks() {
    for (scale, pairs) in [(1, 1), (10, 2), (100, 20)] {
        generate(scale, pairs);
    }
    generate_demo();
}
