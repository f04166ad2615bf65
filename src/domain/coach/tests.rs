use super::*;
use crate::domain::Smart;

fn context() -> CoachContext {
    CoachContext {
        today: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        planned_end: NaiveDate::from_ymd_opt(2026, 12, 31),
    }
}

/// A well-formed objective: every letter fine.
fn good() -> Objective {
    Objective {
        title: "Run the shift hand-over meeting".into(),
        smart: Smart {
            specific: "Chair the weekly hand-over meeting for the cold-rolling line on my own"
                .into(),
            measure: "Meetings chaired without the supervisor stepping in".into(),
            baseline: "0 of 4".into(),
            target: "4 of 4 in a month".into(),
            achievable: "Supervisor agrees to sit in; one dry run with my mentor".into(),
            relevant: "Leading meetings is the first step towards a shift lead role".into(),
            by_when: NaiveDate::from_ymd_opt(2026, 9, 30),
        },
        ..Objective::default()
    }
}

fn verdict(objective: &Objective, letter: Letter) -> (Verdict, &'static str) {
    let advice = coach(objective, context());
    let found = advice.iter().find(|a| a.letter == letter).unwrap();
    (found.verdict, found.hint)
}

#[test]
fn a_good_objective_is_fine_on_every_letter() {
    let advice = coach(&good(), context());
    assert_eq!(advice.clone().map(|a| a.letter), Letter::ALL);
    for a in advice {
        assert_eq!(a.verdict, Verdict::Fine, "{:?}: {}", a.letter, a.hint);
    }
}

#[test]
fn specific_missing_vague_and_thin() {
    let mut o = good();
    o.smart.specific = "  ".into();
    assert_eq!(verdict(&o, Letter::Specific).0, Verdict::Missing);

    o.smart.specific = "Improve my presentation skills".into();
    o.smart.target = "Feel confident".into();
    let (v, hint) = verdict(&o, Letter::Specific);
    assert_eq!(v, Verdict::Weak);
    assert!(hint.contains("improve"), "{hint}");

    o.smart.specific = "Improve presentation skills to present 3 times".into();
    assert_eq!(
        verdict(&o, Letter::Specific).0,
        Verdict::Fine,
        "a number makes the verb concrete"
    );

    o.smart.specific = "Presentations".into();
    assert_eq!(verdict(&o, Letter::Specific).0, Verdict::Weak);
}

#[test]
fn measurable_needs_a_measure_a_number_a_baseline_and_a_real_change() {
    let mut o = good();
    o.smart.measure = String::new();
    assert_eq!(verdict(&o, Letter::Measurable).0, Verdict::Missing);

    let mut o = good();
    o.smart.target = String::new();
    assert!(verdict(&o, Letter::Measurable).1.contains("target"));

    let mut o = good();
    o.smart.measure = "How the meetings go".into();
    o.smart.target = "Well".into();
    o.smart.baseline = "Badly".into();
    let (v, hint) = verdict(&o, Letter::Measurable);
    assert_eq!(v, Verdict::Weak);
    assert!(hint.contains("number"), "{hint}");

    let mut o = good();
    o.smart.baseline = String::new();
    assert!(verdict(&o, Letter::Measurable).1.contains("baseline"));

    let mut o = good();
    o.smart.baseline = "4 of 4  in a month".into();
    let (v, hint) = verdict(&o, Letter::Measurable);
    assert_eq!(v, Verdict::Weak);
    assert!(hint.contains("same as the baseline"), "{hint}");
}

#[test]
fn achievable_and_relevant_need_a_few_words() {
    for letter in [Letter::Achievable, Letter::Relevant] {
        let mut o = good();
        let field = match letter {
            Letter::Achievable => &mut o.smart.achievable,
            _ => &mut o.smart.relevant,
        };
        *field = String::new();
        assert_eq!(verdict(&o, letter).0, Verdict::Missing, "{letter:?}");
        let field = match letter {
            Letter::Achievable => &mut o.smart.achievable,
            _ => &mut o.smart.relevant,
        };
        *field = "Career".into();
        assert_eq!(verdict(&o, letter).0, Verdict::Weak, "{letter:?}");
    }
}

#[test]
fn time_bound_needs_a_future_date_within_the_mentoring() {
    let mut o = good();
    o.smart.by_when = None;
    assert_eq!(verdict(&o, Letter::TimeBound).0, Verdict::Missing);

    o.smart.by_when = NaiveDate::from_ymd_opt(2026, 4, 30);
    let (v, hint) = verdict(&o, Letter::TimeBound);
    assert_eq!(v, Verdict::Weak);
    assert!(hint.contains("passed"), "{hint}");

    o.smart.by_when = NaiveDate::from_ymd_opt(2027, 1, 1);
    let (v, hint) = verdict(&o, Letter::TimeBound);
    assert_eq!(v, Verdict::Weak);
    assert!(hint.contains("planned end"), "{hint}");

    o.smart.by_when = NaiveDate::from_ymd_opt(2026, 5, 1);
    assert_eq!(
        verdict(&o, Letter::TimeBound).0,
        Verdict::Fine,
        "today still counts"
    );

    let open_ended = CoachContext {
        planned_end: None,
        ..context()
    };
    o.smart.by_when = NaiveDate::from_ymd_opt(2030, 1, 1);
    assert_eq!(coach(&o, open_ended)[4].verdict, Verdict::Fine);
}
