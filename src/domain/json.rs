//! Writes records as JSON: the text that is stored, exported, merged by
//! and fingerprinted.
//!
//! serde's derived writers were a large part of the wasm, so each kind of
//! record lists its fields once, in `record_structs!`, and both this writer
//! and the reader in `storage::read` are generated from that list. The
//! output is byte for byte what serde_json writes for the derived
//! `Serialize` (which stays, as the reference a test compares against), so
//! fingerprints taken before this writer still match.

use chrono::{DateTime, NaiveDate, Utc};

use super::id::Id;
use super::model::*;
use super::record::{Body, Kind, Record};
use super::time::{push_date, push_instant};
use super::vec_map::VecMap;

/// Something written as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// The JSON text of `value`.
pub fn to_json(value: &dyn ToJson) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// A JSON string, escaped as serde_json escapes it. Only ASCII needs an
/// escape, so the text between two escapes is copied as it is.
pub fn write_str(out: &mut String, text: &str) {
    out.push('"');
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "\\u00",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(escape);
        if escape.len() == 4 {
            out.push(char::from(b'0' + byte / 16));
            out.extend(char::from_digit(u32::from(byte % 16), 16));
        }
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// Whole numbers.
macro_rules! numbers {
    ($($ty:ty),+) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                out.push_str(&self.to_string());
            }
        }
    )+};
}

numbers!(u8, u16, u32);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

/// Map keys, which JSON writes as strings.
impl<K: ToJson, V: ToJson> ToJson for VecMap<K, V> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (key, value)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            key.write_json(out);
            out.push(':');
            value.write_json(out);
        }
        out.push('}');
    }
}

impl ToJson for Id {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        self.push_hex(out);
        out.push('"');
    }
}

impl ToJson for NaiveDate {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        push_date(out, *self);
        out.push('"');
    }
}

impl ToJson for DateTime<Utc> {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        push_instant(out, *self);
        out.push('"');
    }
}

/// A field-less enum stored by the snake_case name of each variant, listed
/// once in a table that both the writer and the reader use (serde's derived
/// code for this was compiled once per enum; see BENCHMARKS.md). Looking a
/// name up goes through `name_index`, which is compiled once for all enums.
pub trait Named: Copy + 'static {
    /// Every variant, in declaration order.
    const VARIANTS: &'static [Self];
    /// The stored name of each variant, in the order of `VARIANTS`.
    const NAMES: &'static [&'static str];

    /// This variant's place in `VARIANTS`.
    fn index(self) -> usize;

    /// The stored name of this variant.
    fn name(self) -> &'static str {
        Self::NAMES[self.index()]
    }

    /// The variant stored as `name`.
    fn from_name(name: &str) -> Option<Self> {
        name_index(Self::NAMES, name).map(|at| Self::VARIANTS[at])
    }
}

/// Where `name` is in `names`.
pub fn name_index(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

/// Lists each named enum's variants with their stored names, and calls
/// `$then!` with the types (the reader makes its impls from the list).
#[macro_export]
macro_rules! record_enums {
    ($then:ident) => {
        $then!(
            Side,
            Owner,
            MeetingFormat,
            MentorStyle,
            Horizon,
            Category,
            ObjectiveStatus,
            TaskStatus,
            ResourceKind,
            FollowUp,
            EvaluationTrigger,
            Practice,
            Kind,
        );
    };
}

macro_rules! named {
    ($($ty:ident { $($variant:ident => $name:literal),+ $(,)? })+) => {$(
        impl Named for $ty {
            const VARIANTS: &'static [Self] = &[$($ty::$variant),+];
            const NAMES: &'static [&'static str] = &[$($name),+];

            fn index(self) -> usize {
                self as usize
            }
        }

        impl ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                write_str(out, self.name());
            }
        }
    )+};
}

named! {
    Side { Mentor => "mentor", Mentee => "mentee" }
    Role { Mentor => "mentor", Mentee => "mentee", Both => "both" }
    Owner { Mentor => "mentor", Mentee => "mentee", Both => "both" }
    MeetingFormat { InPerson => "in_person", Video => "video", Phone => "phone", Chat => "chat" }
    MentorStyle { HandsOn => "hands_on", Advisory => "advisory", Mixed => "mixed" }
    Horizon { Short => "short", Long => "long" }
    Category {
        Skill => "skill", Network => "network", CareerMove => "career_move",
        Leadership => "leadership", Confidence => "confidence", Other => "other",
    }
    ObjectiveStatus {
        Draft => "draft", Proposed => "proposed", Agreed => "agreed",
        InProgress => "in_progress", Achieved => "achieved", Dropped => "dropped",
    }
    TaskStatus {
        NotStarted => "not_started", InProgress => "in_progress", Done => "done",
        Blocked => "blocked",
    }
    ResourceKind {
        Book => "book", Article => "article", Course => "course", Event => "event",
        Tool => "tool", Other => "other",
    }
    FollowUp { ToDo => "to_do", InProgress => "in_progress", Done => "done" }
    EvaluationTrigger {
        Scheduled => "scheduled", Milestone => "milestone", OnDemand => "on_demand",
        Closing => "closing",
    }
    Practice {
        ClearObjectives => "clear_objectives", OpenCommunication => "open_communication",
        SharingExperience => "sharing_experience", GoalSetting => "goal_setting",
        Networking => "networking", ResourcesAndSupport => "resources_and_support",
        IndependentThinking => "independent_thinking", Relationship => "relationship",
    }
    Kind {
        Pair => "pair", Agreement => "agreement", Confirmation => "confirmation",
        Objective => "objective", ObjectiveConsent => "objective_consent",
        Revision => "revision", Milestone => "milestone", Step => "step", Win => "win",
        Session => "session", SessionPart => "session_part", ActionItem => "action_item",
        Resource => "resource", Contact => "contact", Evaluation => "evaluation",
        EvaluationAnswers => "evaluation_answers", Conflict => "conflict",
    }
}

/// A cadence is a name, or `{"every_days": n}` for a custom one.
impl ToJson for Cadence {
    fn write_json(&self, out: &mut String) {
        match self {
            Cadence::Weekly => write_str(out, "weekly"),
            Cadence::Fortnightly => write_str(out, "fortnightly"),
            Cadence::Monthly => write_str(out, "monthly"),
            Cadence::EveryDays(days) => Object::new(out).member("every_days", days).end(),
        }
    }
}

/// Writes a JSON object member by member: `{"a":1,"b":2}`.
pub struct Object<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Object<'o> {
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    /// Writes one member. The value is taken as `&dyn ToJson` so this is
    /// compiled once, not once per value type.
    pub fn member(&mut self, name: &str, value: &dyn ToJson) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, name);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// Every kind of record content and the fields it is written and read
/// with, in the order they are written. Calls `$then!` with the list.
#[macro_export]
macro_rules! record_structs {
    ($then:ident) => {
        $then! {
            Person { name, position, field, contact }
            PairInfo { title, mentor, mentee, closed_on, agenda_template }
            Agreement {
                purpose, cadence, format, length_minutes, mentor_style, mentee_preferences,
                mentee_expects, mentor_expects, boundaries, raising_problems, start, planned_end,
                review_every_weeks, ending, log_keeper,
            }
            Confirmation { side, name, date, confirmed_hash }
            Smart { specific, measure, baseline, target, achievable, relevant, by_when }
            Objective { title, smart, horizon, category, status }
            ObjectiveConsent { side, date, agreed_hash }
            Revision { side, date, reason, before }
            Milestone { title, owner, start, due, status }
            Step { title, owner, start, due, status }
            Win { side, date, what, source }
            Session { starts_at, length_minutes, format, agenda, notes, objectives, questions }
            SessionPart { side, text, feeling_before, feeling_after }
            ActionItem { title, owner, due, done_on }
            Resource { title, kind, link, note, status, session }
            Contact {
                name, organisation, position, introduced_by, date, follow_up, follow_up_on,
                session,
            }
            Evaluation { due, trigger }
            Rating { score, comment }
            EvaluationAnswers { side, date, practices, objectives, works, change, adjust }
        }
    };
}

/// Writers for the kinds `record_structs!` lists.
macro_rules! write_fields {
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {$(
        impl ToJson for $ty {
            #[inline(never)]
            fn write_json(&self, out: &mut String) {
                let mut object = Object::new(out);
                $(object.member(stringify!($field), &self.$field);)+
                object.end();
            }
        }
    )+};
}

record_structs!(write_fields);

impl ToJson for Body {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::new(out);
        match self {
            Body::Pair(x) => object.member("pair", x),
            Body::Agreement(x) => object.member("agreement", x),
            Body::Confirmation(x) => object.member("confirmation", x),
            Body::Objective(x) => object.member("objective", x),
            Body::ObjectiveConsent(x) => object.member("objective_consent", x),
            Body::Revision(x) => object.member("revision", x),
            Body::Milestone(x) => object.member("milestone", x),
            Body::Step(x) => object.member("step", x),
            Body::Win(x) => object.member("win", x),
            Body::Session(x) => object.member("session", x),
            Body::SessionPart(x) => object.member("session_part", x),
            Body::ActionItem(x) => object.member("action_item", x),
            Body::Resource(x) => object.member("resource", x),
            Body::Contact(x) => object.member("contact", x),
            Body::Evaluation(x) => object.member("evaluation", x),
            Body::EvaluationAnswers(x) => object.member("evaluation_answers", x),
            Body::Conflict(x) => object.member("conflict", &**x),
            Body::Deleted(x) => object.member("deleted", x),
        };
        object.end();
    }
}

impl ToJson for Record {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::new(out);
        object
            .member("id", &self.id)
            .member("parent", &self.parent)
            .member("created", &self.created)
            .member("updated", &self.updated)
            .member("rank", &self.rank)
            .member("body", &self.body);
        if let Some(base) = &self.base {
            object.member("base", base);
        }
        object.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// The serde reference for `value`.
    fn serde_json_text<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    /// Each enum's table lists its variants in declaration order, so a
    /// variant's index is its place in the table.
    fn table_in_order<T: Named + PartialEq + std::fmt::Debug>() {
        assert_eq!(T::VARIANTS.len(), T::NAMES.len());
        for (at, variant) in T::VARIANTS.iter().enumerate() {
            assert_eq!(variant.index(), at, "{variant:?}");
            assert_eq!(T::from_name(variant.name()), Some(*variant));
        }
    }

    macro_rules! tables_in_order {
        ($($ty:ty),+ $(,)?) => {
            $(table_in_order::<$ty>();)+
        };
    }

    #[test]
    fn every_name_table_is_in_declaration_order() {
        crate::record_enums!(tables_in_order);
        table_in_order::<Role>();
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} del \u{7f} é ✓";
        assert_eq!(to_json(&text), serde_json_text(&text));
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_json_escapes_it() {
        let text: String = (0u8..0x80).map(char::from).collect();
        assert_eq!(to_json(&text), serde_json_text(&text));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(text in "\\PC*|[\\x00-\\x1f\"\\\\é✓]*") {
            proptest::prop_assert_eq!(to_json(&text), serde_json_text(&text));
        }

        #[test]
        fn any_id_is_written_as_serde_writes_its_text(bits in proptest::num::u128::ANY) {
            let id = Id::from_u128(bits);
            proptest::prop_assert_eq!(to_json(&id), serde_json_text(&format!("{bits:032x}")));
            proptest::prop_assert_eq!(id.to_string(), format!("{bits:032x}"));
        }
    }

    #[test]
    fn maps_options_and_lists_match_serde_json() {
        let map: VecMap<Practice, Rating> = [
            (Practice::Relationship, Rating::default()),
            (
                Practice::ClearObjectives,
                Rating {
                    score: 5,
                    comment: "ok".into(),
                },
            ),
        ]
        .into_iter()
        .collect();
        let btree: BTreeMap<Practice, Rating> = map.clone().into_iter().collect();
        assert_eq!(to_json(&map), serde_json_text(&btree));
        let ids = vec![Id::from_u128(1), Id::from_u128(2)];
        assert_eq!(to_json(&ids), serde_json_text(&ids));
        assert_eq!(to_json(&None::<u8>), "null");
    }
}
