//! The content of each kind of record, as the mentor and mentee write it.
//!
//! Every struct defaults field by field, so a record written by an older
//! build that lacked a field still reads; a field of the wrong type is an
//! error with its path.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::id::Id;
use super::vec_map::VecMap;

/// One of the two people in a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Mentor,
    Mentee,
}

impl Side {
    /// Both sides, mentor first.
    pub const ALL: [Side; 2] = [Side::Mentor, Side::Mentee];

    /// The word a person reads for this side.
    pub fn label(self) -> &'static str {
        match self {
            Side::Mentor => "mentor",
            Side::Mentee => "mentee",
        }
    }
}

/// Who this device's user is in a pair. Kept on the device only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Mentor,
    Mentee,
    /// A facilitator or a shared screen: may write for either side.
    Both,
}

impl Role {
    /// The role a form's choice names by its stored name ("mentor",
    /// "mentee"); anything else is a shared screen.
    pub fn from_choice(name: &str) -> Role {
        use super::json::Named;
        Role::from_name(name).unwrap_or(Role::Both)
    }

    /// Whether someone in this role may write what belongs to `side`.
    pub fn can_act_for(self, side: Side) -> bool {
        matches!(
            (self, side),
            (Role::Both, _) | (Role::Mentor, Side::Mentor) | (Role::Mentee, Side::Mentee)
        )
    }

    /// The sides this role writes for.
    pub fn sides(self) -> &'static [Side] {
        match self {
            Role::Mentor => &[Side::Mentor],
            Role::Mentee => &[Side::Mentee],
            Role::Both => &Side::ALL,
        }
    }
}

/// Who owns a shared task: a step or an action item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Mentor,
    #[default]
    Mentee,
    Both,
}

impl Owner {
    /// Who it is, in a line of a list: "mentee".
    pub fn label(self) -> &'static str {
        match self {
            Owner::Mentor => "mentor",
            Owner::Mentee => "mentee",
            Owner::Both => "both",
        }
    }
}

/// A person in the pair, as the agreement introduces them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Person {
    pub name: String,
    /// Their job or position.
    pub position: String,
    /// Their field or industry.
    pub field: String,
    /// An optional way to reach them.
    pub contact: String,
}

/// The pair itself: who the two people are and what the pair is called.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct PairInfo {
    /// A name for the pair; empty means "Mentor & Mentee" names.
    pub title: String,
    pub mentor: Person,
    pub mentee: Person,
    /// Set by the closing review; the pair is read-only while it is set.
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub closed_on: Option<NaiveDate>,
    /// The pair's own agenda for new sessions; empty means the built-in one.
    pub agenda_template: String,
}

impl PairInfo {
    /// The pair's name as shown in lists and the header.
    pub fn display_name(&self) -> String {
        let title = self.title.trim();
        if !title.is_empty() {
            return title.to_string();
        }
        let mentor = self.mentor.name.trim();
        let mentee = self.mentee.name.trim();
        match (mentor.is_empty(), mentee.is_empty()) {
            (false, false) => format!("{mentor} & {mentee}"),
            (false, true) => mentor.to_string(),
            (true, false) => mentee.to_string(),
            (true, true) => "Unnamed pair".to_string(),
        }
    }

    /// The name of one side's person, or the side's label when unnamed.
    pub fn name_of(&self, side: Side) -> String {
        let person = match side {
            Side::Mentor => &self.mentor,
            Side::Mentee => &self.mentee,
        };
        let name = person.name.trim();
        if name.is_empty() {
            side.label().to_string()
        } else {
            name.to_string()
        }
    }
}

/// How often the pair plans to meet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    #[default]
    Fortnightly,
    Monthly,
    /// Every given number of days.
    EveryDays(u16),
}

impl Cadence {
    /// The interval in days (a month counts as 30 for planning).
    pub fn days(self) -> u16 {
        match self {
            Cadence::Weekly => 7,
            Cadence::Fortnightly => 14,
            Cadence::Monthly => 30,
            Cadence::EveryDays(days) => days.max(1),
        }
    }
}

/// How a meeting happens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    InPerson,
    #[default]
    Video,
    Phone,
    Chat,
}

/// How the mentor prefers to work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MentorStyle {
    HandsOn,
    Advisory,
    #[default]
    Mixed,
}

/// The mentoring agreement: how the two people will work together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Agreement {
    pub purpose: String,
    pub cadence: Cadence,
    pub format: MeetingFormat,
    pub length_minutes: u16,
    pub mentor_style: MentorStyle,
    pub mentee_preferences: String,
    pub mentee_expects: String,
    pub mentor_expects: String,
    pub boundaries: String,
    pub raising_problems: String,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub start: Option<NaiveDate>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub planned_end: Option<NaiveDate>,
    /// Weeks between evaluations of the relationship.
    pub review_every_weeks: u8,
    pub ending: String,
    /// Who keeps the session log.
    pub log_keeper: Owner,
}

impl Default for Agreement {
    fn default() -> Self {
        Agreement {
            purpose: String::new(),
            cadence: Cadence::default(),
            format: MeetingFormat::default(),
            length_minutes: 60,
            mentor_style: MentorStyle::default(),
            mentee_preferences: String::new(),
            mentee_expects: String::new(),
            mentor_expects: String::new(),
            boundaries: String::new(),
            raising_problems: String::new(),
            start: None,
            planned_end: None,
            review_every_weeks: 8,
            ending: String::new(),
            log_keeper: Owner::Mentee,
        }
    }
}

/// One side's confirmation of the agreement, with the fingerprint of what
/// it confirmed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Confirmation {
    pub side: Option<Side>,
    pub name: String,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub date: Option<NaiveDate>,
    pub confirmed_hash: String,
}

/// Short or long term.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    #[default]
    Short,
    Long,
}

/// What an objective is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    #[default]
    Skill,
    Network,
    CareerMove,
    Leadership,
    Confidence,
    Other,
}

/// Where an objective stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveStatus {
    #[default]
    Draft,
    Proposed,
    Agreed,
    InProgress,
    Achieved,
    Dropped,
}

/// The SMART content of an objective: one field per letter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Smart {
    pub specific: String,
    pub measure: String,
    pub baseline: String,
    pub target: String,
    pub achievable: String,
    pub relevant: String,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub by_when: Option<NaiveDate>,
}

/// A SMART objective of the mentee's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Objective {
    pub title: String,
    pub smart: Smart,
    pub horizon: Horizon,
    pub category: Category,
    pub status: ObjectiveStatus,
}

/// One side's agreement to an objective, with the fingerprint of the SMART
/// content it agreed to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct ObjectiveConsent {
    pub side: Option<Side>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub date: Option<NaiveDate>,
    pub agreed_hash: String,
}

/// An earlier version of an agreed objective and why it changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Revision {
    pub side: Option<Side>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub date: Option<NaiveDate>,
    pub reason: String,
    pub before: Objective,
}

/// Where a milestone, step or action item stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

/// A milestone on the road to an objective.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Milestone {
    pub title: String,
    pub owner: Owner,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub start: Option<NaiveDate>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
}

/// An action step under a milestone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Step {
    pub title: String,
    pub owner: Owner,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub start: Option<NaiveDate>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
}

/// Something worth celebrating, recorded by the side that marked it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Win {
    pub side: Option<Side>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub date: Option<NaiveDate>,
    pub what: String,
    /// The milestone or objective the win came from, if any.
    pub source: Option<Id>,
}

/// A meeting of the pair: the shared part of the session log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Session {
    #[serde(with = "super::time::instant_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub starts_at: Option<chrono::DateTime<chrono::Utc>>,
    pub length_minutes: u16,
    pub format: MeetingFormat,
    pub agenda: String,
    pub notes: String,
    pub objectives: Vec<Id>,
    pub questions: Vec<String>,
}

/// One side's own part of a session: reflections (mentee) or feedback
/// (mentor), and how they felt before and after.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct SessionPart {
    pub side: Option<Side>,
    pub text: String,
    pub feeling_before: Option<u8>,
    pub feeling_after: Option<u8>,
}

/// A task agreed in a session, carried forward until done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct ActionItem {
    pub title: String,
    pub owner: Owner,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub due: Option<NaiveDate>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub done_on: Option<NaiveDate>,
}

/// What kind of resource was shared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Book,
    #[default]
    Article,
    Course,
    Event,
    Tool,
    Other,
}

/// Where the mentee is with a resource or an introduction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    #[default]
    ToDo,
    InProgress,
    Done,
}

/// A book, article, course, event or tool shared in the pair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Resource {
    pub title: String,
    pub kind: ResourceKind,
    pub link: String,
    pub note: String,
    pub status: FollowUp,
    /// The session it was shared in, if any.
    pub session: Option<Id>,
}

/// An introduction the mentor made, and its follow-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Contact {
    pub name: String,
    pub organisation: String,
    pub position: String,
    pub introduced_by: String,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub date: Option<NaiveDate>,
    pub follow_up: FollowUp,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub follow_up_on: Option<NaiveDate>,
    pub session: Option<Id>,
}

/// Why an evaluation round happens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvaluationTrigger {
    #[default]
    Scheduled,
    Milestone,
    OnDemand,
    Closing,
}

/// An evaluation round; each side answers it in its own record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Evaluation {
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub due: Option<NaiveDate>,
    pub trigger: EvaluationTrigger,
}

/// The practices each side rates in an evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Practice {
    ClearObjectives,
    OpenCommunication,
    SharingExperience,
    GoalSetting,
    Networking,
    ResourcesAndSupport,
    IndependentThinking,
    Relationship,
}

/// A rating from 1 to 5 with an optional comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct Rating {
    pub score: u8,
    pub comment: String,
}

/// One side's answers to an evaluation round.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
pub struct EvaluationAnswers {
    pub side: Option<Side>,
    #[serde(with = "super::time::date_opt")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        schemars(with = "Option<String>")
    )]
    pub date: Option<NaiveDate>,
    pub practices: VecMap<Practice, Rating>,
    pub objectives: VecMap<Id, Rating>,
    pub works: String,
    pub change: String,
    pub adjust: String,
}
