//! Open questions a mentor can bring into a session, grouped by what the
//! conversation is for, and the agenda a new session starts from.

/// Questions that serve one purpose in a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PromptGroup {
    pub purpose: &'static str,
    pub questions: &'static [&'static str],
}

/// The prompt bank. Every question is open: it cannot be answered with a
/// yes or a no, and it leaves the thinking to the mentee.
pub const PROMPTS: &[PromptGroup] = &[
    PromptGroup {
        purpose: "Exploring a goal",
        questions: &[
            "What would be different for you if this goal were already reached?",
            "How will you know, a year from now, that this was worth the effort?",
            "Which part of this goal excites you most, and which part do you keep putting off?",
            "Who else cares whether you reach it, and what do they expect?",
            "What is the smallest version of this goal you would still be proud of?",
            "What have you already tried, and what did it teach you?",
            "If you had twice the time, what would you do differently; and with half?",
        ],
    },
    PromptGroup {
        purpose: "Reflecting on a setback",
        questions: &[
            "Walk me through what happened, in the order it happened.",
            "At which moment could things still have gone another way?",
            "What was in your control, and what was not?",
            "What would you tell a colleague who came to you with the same story?",
            "What do you know now that you did not know a month ago?",
            "What would a first small step back look like this week?",
            "How do you want to remember this in a year's time?",
        ],
    },
    PromptGroup {
        purpose: "Building independence",
        questions: &[
            "What options do you see, before I tell you mine?",
            "How would you decide if I were not here to ask?",
            "Which of these choices would you regret not having tried?",
            "What information would make this decision easy, and where could you find it?",
            "What would you need to feel ready to handle this on your own next time?",
            "Where have you solved something like this before?",
            "What is the risk of waiting, and the risk of acting now?",
        ],
    },
    PromptGroup {
        purpose: "Networking",
        questions: &[
            "Who in your field would you most like to learn from, and why them?",
            "What could you offer someone you would like to meet?",
            "Which conversation from the last month gave you the most energy?",
            "Who has helped you before and has not heard from you since?",
            "What would make an introduction from me useful rather than awkward?",
            "Where do the people you want to meet already gather?",
            "How will you follow up after meeting someone new?",
        ],
    },
    PromptGroup {
        purpose: "After a success",
        questions: &[
            "What did you do that made the difference?",
            "Which of your strengths did this draw on?",
            "What would you repeat exactly, and what would you change?",
            "Who should hear about this, and how will you tell them?",
            "What does this success make possible next?",
            "How did it feel, and how do you want to mark it?",
        ],
    },
    PromptGroup {
        purpose: "Checking in on the mentoring",
        questions: &[
            "What has been most useful in our sessions so far?",
            "What would you like more of, or less of, when we meet?",
            "What have you not yet felt able to bring up with me?",
            "How well does our rhythm of meetings fit your weeks?",
            "What should we stop doing because it no longer helps?",
            "Where do you want to be when our mentoring ends?",
        ],
    },
];

/// The headings a new session's agenda starts from, each with a short
/// reminder of what it is for.
pub const AGENDA_TEMPLATE: &[(&str, &str)] = &[
    (
        "Check-in",
        "How each of us arrives today; anything on our minds first.",
    ),
    (
        "Actions from last time",
        "What got done, what did not, and why.",
    ),
    (
        "Progress on objectives",
        "Where each objective stands, with evidence.",
    ),
    (
        "A challenge",
        "One situation the mentee wants to think through.",
    ),
    (
        "Experience shared",
        "What the mentor has seen work, or fail, in similar cases.",
    ),
    (
        "Next steps",
        "Actions with an owner and a date, and when we meet next.",
    ),
];

/// The agenda text for a new session: the pair's own template if they
/// saved one, otherwise the built-in headings; the open actions due
/// soonest are listed under "Actions from last time".
pub fn agenda_for(own_template: Option<&str>, open_actions: &[&str]) -> String {
    let mut agenda = String::new();
    match own_template.filter(|t| !t.trim().is_empty()) {
        Some(template) => {
            agenda.push_str(template.trim_end());
            agenda.push('\n');
            if !open_actions.is_empty() {
                agenda.push_str("\nOpen actions:\n");
                push_actions(&mut agenda, open_actions);
            }
        }
        None => {
            for (heading, reminder) in AGENDA_TEMPLATE {
                agenda.push_str(&format!("{heading}: {reminder}\n"));
                if *heading == "Actions from last time" {
                    push_actions(&mut agenda, open_actions);
                }
            }
        }
    }
    agenda
}

/// How many open actions a new agenda lists: a session has time to go over
/// about this many, and the rest are under "Open actions" on the Meet page.
pub const AGENDA_ACTIONS: usize = 10;

fn push_actions(agenda: &mut String, open_actions: &[&str]) {
    for action in open_actions.iter().take(AGENDA_ACTIONS) {
        agenda.push_str(&format!("  - {action}\n"));
    }
    if let Some(more) = open_actions
        .len()
        .checked_sub(AGENDA_ACTIONS)
        .filter(|&n| n > 0)
    {
        agenda.push_str(&format!("  - and {more} more, under Open actions\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_holds_at_least_forty_distinct_open_questions() {
        let all: Vec<&str> = PROMPTS
            .iter()
            .flat_map(|g| g.questions.iter().copied())
            .collect();
        assert!(all.len() >= 40, "only {} questions", all.len());
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len(), "a question appears twice");
        for question in all {
            let first = question.split_whitespace().next().unwrap_or_default();
            assert!(
                !["Do", "Did", "Is", "Are", "Can", "Could", "Will", "Would", "Have", "Has"]
                    .contains(&first),
                "a yes-or-no question: {question}"
            );
        }
    }

    #[test]
    fn a_new_agenda_carries_the_open_actions_forward() {
        let actions = ["Book the room (mentor, due 3 May)"];
        let agenda = agenda_for(None, &actions);
        let lines: Vec<&str> = agenda.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("Actions from last time:"))
            .unwrap();
        assert_eq!(lines[at + 1], "  - Book the room (mentor, due 3 May)");
        assert!(lines[0].starts_with("Check-in:"));
        assert!(lines.last().unwrap().starts_with("Next steps:"));
    }

    #[test]
    fn a_new_agenda_lists_the_first_open_actions_and_counts_the_rest() {
        let actions: Vec<String> = (1..=AGENDA_ACTIONS + 3)
            .map(|n| format!("Action {n}"))
            .collect();
        let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
        let agenda = agenda_for(Some("Wins"), &actions);
        let listed: Vec<&str> = agenda.lines().filter(|l| l.starts_with("  - ")).collect();
        assert_eq!(listed.len(), AGENDA_ACTIONS + 1);
        assert_eq!(listed[0], "  - Action 1");
        assert_eq!(
            listed[AGENDA_ACTIONS - 1],
            format!("  - Action {AGENDA_ACTIONS}")
        );
        assert_eq!(listed[AGENDA_ACTIONS], "  - and 3 more, under Open actions");
        assert!(
            !agenda_for(None, &actions[..AGENDA_ACTIONS]).contains("more, under"),
            "no count when every open action is listed"
        );
    }

    #[test]
    fn the_pairs_own_template_is_used_with_the_open_actions_after_it() {
        let agenda = agenda_for(Some("Wins\nBlockers\n"), &["Send the draft"]);
        assert_eq!(
            agenda,
            "Wins\nBlockers\n\nOpen actions:\n  - Send the draft\n"
        );
        assert_eq!(agenda_for(Some("  "), &[]), agenda_for(None, &[]));
    }
}
