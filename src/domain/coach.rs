//! The SMART coach: reads an objective and says, letter by letter, what is
//! missing or weak, in plain words. It advises; it never blocks a save.

use chrono::NaiveDate;

use super::model::Objective;

/// A letter of SMART.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Letter {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
}

impl Letter {
    /// The five letters in order.
    pub const ALL: [Letter; 5] = [
        Letter::Specific,
        Letter::Measurable,
        Letter::Achievable,
        Letter::Relevant,
        Letter::TimeBound,
    ];

    /// The letter's name.
    pub fn label(self) -> &'static str {
        match self {
            Letter::Specific => "Specific",
            Letter::Measurable => "Measurable",
            Letter::Achievable => "Achievable",
            Letter::Relevant => "Relevant",
            Letter::TimeBound => "Time-bound",
        }
    }
}

/// How well one letter is covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Fine,
    Weak,
    Missing,
}

/// The coach's word on one letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    pub letter: Letter,
    pub verdict: Verdict,
    pub hint: &'static str,
}

/// What the coach needs to know besides the objective itself.
#[derive(Clone, Copy, Debug)]
pub struct CoachContext {
    pub today: NaiveDate,
    /// The agreement's planned end, if it has one.
    pub planned_end: Option<NaiveDate>,
}

/// Verbs that say a direction but not a result.
const VAGUE: [&str; 10] = [
    "improve",
    "get better",
    "be better",
    "work on",
    "learn more",
    "develop",
    "enhance",
    "be more",
    "try to",
    "understand",
];

/// Advice on every letter, in SMART order.
pub fn coach(objective: &Objective, context: CoachContext) -> [Advice; 5] {
    Letter::ALL.map(|letter| {
        let (verdict, hint) = match letter {
            Letter::Specific => specific(objective),
            Letter::Measurable => measurable(objective),
            Letter::Achievable => described(
                &objective.smart.achievable,
                "Say what will make this possible: time, people, training, budget, and what could get in the way.",
                "Name at least one resource or obstacle, so you can plan for it.",
            ),
            Letter::Relevant => described(
                &objective.smart.relevant,
                "Say why this matters to the mentee: which aspiration or next step it serves.",
                "A few more words on why it matters will help when priorities compete.",
            ),
            Letter::TimeBound => time_bound(objective, context),
        };
        Advice { letter, verdict, hint }
    })
}

fn specific(objective: &Objective) -> (Verdict, &'static str) {
    let text = format!("{} {}", objective.title, objective.smart.specific).to_ascii_lowercase();
    if objective.smart.specific.trim().is_empty() {
        return (
            Verdict::Missing,
            "Say exactly what the mentee will do or change.",
        );
    }
    let vague = VAGUE.iter().any(|verb| text.contains(verb));
    if vague && !has_number(&text) && !has_number(&objective.smart.target) {
        return (
            Verdict::Weak,
            "A verb like \"improve\" gives a direction but not a result: say what will be different, and how much.",
        );
    }
    if words(&objective.smart.specific) < 4 {
        return (
            Verdict::Weak,
            "Add detail: what, where, with whom, to what standard.",
        );
    }
    (Verdict::Fine, "Clear about what will change.")
}

fn measurable(objective: &Objective) -> (Verdict, &'static str) {
    let smart = &objective.smart;
    if smart.measure.trim().is_empty() {
        return (
            Verdict::Missing,
            "Say how you will both know it is done: what you will count or observe.",
        );
    }
    if smart.target.trim().is_empty() {
        return (
            Verdict::Weak,
            "Give a target: the number or level that counts as done.",
        );
    }
    if !has_number(&smart.measure) && !has_number(&smart.target) {
        return (
            Verdict::Weak,
            "Put a number or unit in the measure or target, so progress can be counted.",
        );
    }
    if smart.baseline.trim().is_empty() {
        return (
            Verdict::Weak,
            "Note the baseline: where the mentee starts, so progress shows.",
        );
    }
    if normalised(&smart.baseline) == normalised(&smart.target) {
        return (
            Verdict::Weak,
            "The target is the same as the baseline: nothing would change.",
        );
    }
    (Verdict::Fine, "Measured, with a baseline and a target.")
}

fn described(text: &str, missing: &'static str, weak: &'static str) -> (Verdict, &'static str) {
    match words(text) {
        0 => (Verdict::Missing, missing),
        1..=3 => (Verdict::Weak, weak),
        _ => (Verdict::Fine, "Covered."),
    }
}

fn time_bound(objective: &Objective, context: CoachContext) -> (Verdict, &'static str) {
    let Some(by_when) = objective.smart.by_when else {
        return (
            Verdict::Missing,
            "Choose a date by which it should be done.",
        );
    };
    if by_when < context.today {
        return (
            Verdict::Weak,
            "That date has passed: choose a new one, or mark the objective achieved or dropped.",
        );
    }
    if context.planned_end.is_some_and(|end| by_when > end) {
        return (
            Verdict::Weak,
            "The date falls after the mentoring's planned end: bring it forward or plan how it continues.",
        );
    }
    (Verdict::Fine, "Has a date within the mentoring.")
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn has_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests;
