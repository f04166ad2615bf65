//! Reads records from parsed JSON (`storage::parse::Json`).
//!
//! serde's derived readers are large: every field of every kind of record
//! becomes its own branch of generated code, and together they were the
//! biggest single part of the wasm. Here a record kind lists its fields
//! once, and each field is read by one small call, starting from the
//! kind's default so that a field an older build did not write still reads.
//! Single values (text, numbers, enums, dates) are read by hand too, and
//! errors are worded as serde_json worded them. Writing is `domain::json`'s;
//! a round-trip test of every kind with every field set shows the two agree.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::json::{name_index, Named};
use crate::domain::time::{parse_date, parse_instant};
use crate::domain::*;

use super::codec::DeviceSettings;
use super::parse::{Json, Text};

/// Where an error happened (keys and indexes from the top) and what it
/// was, worded as serde_json words it.
pub type Located = (Vec<String>, String);

/// How a value that did not read is described in an error.
pub fn unexpected(value: &Json) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(n) => format!("integer `{n}`"),
        Json::Negative(n) => format!("integer `{n}`"),
        Json::String(s) => {
            // Quoted as `{s:?}` quotes it, written out: the release build
            // has no Debug formatting (see trellis_release in setup.sh).
            let mut quoted = String::from("string \"");
            for c in s.chars() {
                if c == '\'' {
                    quoted.push(c);
                } else {
                    quoted.extend(c.escape_debug());
                }
            }
            quoted.push('"');
            quoted
        }
        Json::Array(_) => "sequence".into(),
        Json::Object(_) => "map".into(),
    }
}

/// An error with no place yet: "invalid type" for a value of the wrong
/// kind, "invalid value" for a value of the right kind that does not fit.
fn invalid(what: &str, value: &Json, expected: &str) -> Located {
    (
        Vec::new(),
        format!("invalid {what}: {}, expected {expected}", unexpected(value)),
    )
}

/// An error with no place yet, from its message.
fn custom(message: String) -> Located {
    (Vec::new(), message)
}

/// The error for a name that is none of the `known` ones.
fn unknown_variant(name: &str, known: &[&str]) -> Located {
    let known: Vec<String> = known.iter().map(|n| format!("`{n}`")).collect();
    custom(format!(
        "unknown variant `{name}`, expected one of {}",
        known.join(", ")
    ))
}

/// The error for a member that must be present.
fn missing_field(name: &str) -> String {
    format!("missing field `{name}`")
}

/// A value read from JSON.
pub trait FromJson: Sized {
    fn from_json(value: &Json) -> Result<Self, Located>;
}

/// Puts `step` in front of an error's place.
fn at(step: &str) -> impl FnOnce(Located) -> Located + '_ {
    move |(mut path, error)| {
        path.insert(0, step.to_string());
        (path, error)
    }
}

fn object<'v, 't>(
    value: &'v Json<'t>,
    what: &'static str,
) -> Result<&'v VecMap<Text<'t>, Json<'t>>, Located> {
    value
        .as_object()
        .ok_or_else(|| invalid("type", value, what))
}

/// Reads an object's members into a value's fields, keeping the first
/// error. Reading on after an error, rather than returning at once, keeps
/// each field down to one call in the wasm.
struct Members<'v, 't> {
    members: &'v VecMap<Text<'t>, Json<'t>>,
    error: Option<Located>,
}

/// A field that a member is read into, whatever its type: `Members::read`
/// takes it as `&mut dyn Slot`, so that code is compiled once, not once
/// per field type.
trait Slot {
    fn read_from(&mut self, value: &Json) -> Result<(), Located>;
}

/// Fields read by their type's `FromJson`. (Named enums have their own,
/// smaller slot, in `named_readers!`.)
macro_rules! slots {
    ($($ty:ty),+ $(,)?) => {$(
        impl Slot for $ty {
            fn read_from(&mut self, value: &Json) -> Result<(), Located> {
                *self = <$ty>::from_json(value)?;
                Ok(())
            }
        }
    )+};
}

slots!(
    String,
    u8,
    u16,
    Option<u8>,
    Option<NaiveDate>,
    Option<DateTime<Utc>>,
    Option<Side>,
    Option<Id>,
    Cadence,
    Person,
    Smart,
    Objective,
    Vec<Id>,
    Vec<String>,
    VecMap<Practice, Rating>,
    VecMap<Id, Rating>,
    VecMap<Id, Role>,
    VecMap<Id, DateTime<Utc>>,
);

impl Members<'_, '_> {
    /// Reads the member `name`, if present, into `slot`.
    fn read(&mut self, name: &str, slot: &mut dyn Slot) {
        if self.error.is_some() {
            return;
        }
        if let Some(value) = self.members.get(name) {
            if let Err(error) = slot.read_from(value) {
                self.error = Some(at(name)(error));
            }
        }
    }

    fn finish<T>(self, read: T) -> Result<T, Located> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(read),
        }
    }
}

/// Reads the member `name`, which must be present.
fn required<T: FromJson>(
    members: &VecMap<Text<'_>, Json<'_>>,
    name: &'static str,
) -> Result<T, Located> {
    let value = members
        .get(name)
        .ok_or_else(|| custom(missing_field(name)))?;
    T::from_json(value).map_err(at(name))
}

fn wrong_type(value: &Json, expected: &'static str) -> Located {
    invalid("type", value, expected)
}

impl FromJson for String {
    fn from_json(value: &Json) -> Result<Self, Located> {
        value
            .as_str()
            .map(String::from)
            .ok_or_else(|| wrong_type(value, "a string"))
    }
}

/// Whole numbers that must fit their type.
macro_rules! whole_numbers {
    ($($ty:ty),+) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Json) -> Result<Self, Located> {
                let number = value
                    .as_u64()
                    .ok_or_else(|| wrong_type(value, "a whole number"))?;
                <$ty>::try_from(number).map_err(|_| {
                    invalid("value", value, concat!("a number that fits ", stringify!($ty)))
                })
            }
        }
    )+};
}

whole_numbers!(u8, u16);

impl FromJson for Id {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let text = value.as_str().ok_or_else(|| wrong_type(value, "an id"))?;
        Id::parse(text).ok_or_else(|| invalid("value", value, "an id of 32 hexadecimal digits"))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json) -> Result<Self, Located> {
        match value {
            Json::Null => Ok(None),
            _ => T::from_json(value).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let mut read = Vec::new();
        each_item(value, &mut |item| {
            read.push(T::from_json(item)?);
            Ok(())
        })?;
        Ok(read)
    }
}

/// Runs `read` on each item of a list, putting the item's index in front
/// of an error's place. Not generic, so the loop is compiled once.
fn each_item(
    value: &Json,
    read: &mut dyn FnMut(&Json) -> Result<(), Located>,
) -> Result<(), Located> {
    let items = value
        .as_array()
        .ok_or_else(|| wrong_type(value, "a list"))?;
    for (index, item) in items.iter().enumerate() {
        read(item).map_err(at(&index.to_string()))?;
    }
    Ok(())
}

/// Reads a named enum by its stored name.
fn by_name<T: Named>(value: &Json) -> Result<T, Located> {
    name_at(value, T::NAMES).map(|at| T::VARIANTS[at])
}

/// Where the name `value` holds is in `names`.
fn name_at(value: &Json, names: &[&str]) -> Result<usize, Located> {
    let name = value.as_str().ok_or_else(|| wrong_type(value, "a name"))?;
    name_index(names, name).ok_or_else(|| unknown_variant(name, names))
}

macro_rules! named_readers {
    ($($ty:ty),+ $(,)?) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Json) -> Result<Self, Located> {
                by_name(value)
            }
        }

        impl Slot for $ty {
            fn read_from(&mut self, value: &Json) -> Result<(), Located> {
                *self = Self::VARIANTS[name_at(value, Self::NAMES)?];
                Ok(())
            }
        }
    )+};
}

crate::record_enums!(named_readers);

impl FromJson for Cadence {
    fn from_json(value: &Json) -> Result<Self, Located> {
        match value {
            Json::String(name) => match name.as_ref() {
                "weekly" => Ok(Cadence::Weekly),
                "fortnightly" => Ok(Cadence::Fortnightly),
                "monthly" => Ok(Cadence::Monthly),
                _ => Err(custom(format!(
                    "unknown variant `{name}`, expected one of `weekly`, `fortnightly`, `monthly`, `every_days`"
                ))),
            },
            Json::Object(members) => required(members, "every_days").map(Cadence::EveryDays),
            _ => Err(wrong_type(value, "a cadence")),
        }
    }
}

impl FromJson for NaiveDate {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let text = String::from_json(value)?;
        parse_date(&text)
            .ok_or_else(|| custom(format!("expected a date like 2026-05-01, found \"{text}\"")))
    }
}

impl FromJson for DateTime<Utc> {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let text = String::from_json(value)?;
        parse_instant(&text).ok_or_else(|| {
            custom(format!(
                "expected a date and time like 2026-05-01T09:00:00Z, found \"{text}\""
            ))
        })
    }
}

/// Maps keyed by something written as text (a practice, an id).
impl<K: FromJson + Ord, V: FromJson> FromJson for VecMap<K, V> {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let mut map = VecMap::new();
        each_member(value, &mut |key, item| {
            let read_key = K::from_json(&Json::String(key.into()))?;
            map.insert(read_key, V::from_json(item)?);
            Ok(())
        })?;
        Ok(map)
    }
}

/// Runs `read` on each member of an object, putting the member's key in
/// front of an error's place. Not generic, so the loop is compiled once.
fn each_member(
    value: &Json,
    read: &mut dyn FnMut(&str, &Json) -> Result<(), Located>,
) -> Result<(), Located> {
    for (key, item) in object(value, "a map")? {
        read(key, item).map_err(at(key))?;
    }
    Ok(())
}

/// Record contents: every listed field is read if present, the rest keep
/// their default.
macro_rules! by_fields {
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {$(
        impl FromJson for $ty {
            #[inline(never)]
            fn from_json(value: &Json) -> Result<Self, Located> {
                let mut members = Members {
                    members: object(value, concat!("struct ", stringify!($ty)))?,
                    error: None,
                };
                let mut read = $ty::default();
                $(members.read(stringify!($field), &mut read.$field);)+
                members.finish(read)
            }
        }
    )+};
}

crate::record_structs!(by_fields);

/// The tags of a record's content, as stored.
const BODY_TAGS: &[&str] = &[
    "pair",
    "agreement",
    "confirmation",
    "objective",
    "objective_consent",
    "revision",
    "milestone",
    "step",
    "win",
    "session",
    "session_part",
    "action_item",
    "resource",
    "contact",
    "evaluation",
    "evaluation_answers",
    "conflict",
    "deleted",
];

impl FromJson for Body {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let members = object(value, "a record's content")?;
        let mut tags = members.iter();
        let (Some((tag, content)), None) = (tags.next(), tags.next()) else {
            return Err(invalid("value", value, "a map with a single key"));
        };
        let body = match tag.as_ref() {
            "pair" => FromJson::from_json(content).map(Body::Pair),
            "agreement" => FromJson::from_json(content).map(Body::Agreement),
            "confirmation" => FromJson::from_json(content).map(Body::Confirmation),
            "objective" => FromJson::from_json(content).map(Body::Objective),
            "objective_consent" => FromJson::from_json(content).map(Body::ObjectiveConsent),
            "revision" => FromJson::from_json(content).map(Body::Revision),
            "milestone" => FromJson::from_json(content).map(Body::Milestone),
            "step" => FromJson::from_json(content).map(Body::Step),
            "win" => FromJson::from_json(content).map(Body::Win),
            "session" => FromJson::from_json(content).map(Body::Session),
            "session_part" => FromJson::from_json(content).map(Body::SessionPart),
            "action_item" => FromJson::from_json(content).map(Body::ActionItem),
            "resource" => FromJson::from_json(content).map(Body::Resource),
            "contact" => FromJson::from_json(content).map(Body::Contact),
            "evaluation" => FromJson::from_json(content).map(Body::Evaluation),
            "evaluation_answers" => FromJson::from_json(content).map(Body::EvaluationAnswers),
            "conflict" => Record::from_json(content).map(|r| Body::Conflict(Box::new(r))),
            "deleted" => FromJson::from_json(content).map(Body::Deleted),
            other => return Err(unknown_variant(other, BODY_TAGS)),
        };
        body.map_err(at(tag))
    }
}

impl FromJson for Record {
    fn from_json(value: &Json) -> Result<Self, Located> {
        let members = object(value, "struct Record")?;
        Ok(Record {
            id: required(members, "id")?,
            parent: required(members, "parent")?,
            created: required(members, "created")?,
            updated: required(members, "updated")?,
            rank: required(members, "rank")?,
            body: required(members, "body")?,
            base: members
                .get("base")
                .map(FromJson::from_json)
                .transpose()
                .map_err(at("base"))?,
        })
    }
}

impl FromJson for Role {
    fn from_json(value: &Json) -> Result<Self, Located> {
        by_name(value)
    }
}

/// Reads the `pairs` list of the index.
pub fn index_pairs(envelope: &Json) -> Result<Vec<Id>, Located> {
    required(object(envelope, "the index")?, "pairs")
}

/// Reads this device's settings. A member that is missing, or does not
/// read, keeps its default: these are conveniences of one device, and a bad
/// one must not make the app refuse the device's storage.
pub fn device_settings(envelope: &Json) -> Result<DeviceSettings, Located> {
    let mut settings = DeviceSettings::default();
    let members = object(envelope, "the device settings")?;
    // Each on its own: one that does not read keeps its default without
    // taking the others with it.
    let slots: [(&str, &mut dyn Slot); 3] = [
        ("roles", &mut settings.roles),
        ("exported", &mut settings.exported),
        ("remind_after_days", &mut settings.remind_after_days),
    ];
    for (name, slot) in slots {
        Members {
            members,
            error: None,
        }
        .read(name, slot);
    }
    Ok(settings)
}

/// Reads the `records` list of a pair's envelope.
pub fn records(envelope: &Json) -> Result<Vec<Record>, Located> {
    let members = object(envelope, "struct PairIn")?;
    let value = members
        .get("records")
        .ok_or_else(|| custom(missing_field("records")))?;
    let items = value
        .as_array()
        .ok_or_else(|| at("records")(invalid("type", value, "a sequence")))?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            Record::from_json(item).map_err(|(mut path, error)| {
                path.splice(0..0, ["records".to_string(), index.to_string()]);
                (path, error)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::storage::codec::{decode_pair, encode_pair};
    use crate::storage::parse::parse;

    fn json(text: &str) -> Json<'_> {
        parse(text).unwrap()
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 7, d)
    }

    fn person(name: &str) -> Person {
        Person {
            name: name.into(),
            position: format!("{name}'s position"),
            field: format!("{name}'s field"),
            contact: format!("{name}@example.org"),
        }
    }

    #[test]
    fn a_string_is_described_as_debug_formatting_quotes_it() {
        for text in [
            "plain",
            "it's \"quoted\"",
            "tab\tnew\nline\\",
            "\u{301}accent",
            "nul\u{0}\u{7f}",
            "é✓🌱",
        ] {
            assert_eq!(
                unexpected(&Json::String(text.into())),
                format!("string {text:?}")
            );
        }
    }

    fn rating(score: u8) -> Rating {
        Rating {
            score,
            comment: format!("scored {score}"),
        }
    }

    /// One content of every kind, with no field left at its default, so a
    /// field the reader forgot would come back different.
    fn every_kind() -> Vec<Body> {
        let smart = Smart {
            specific: "Give three talks".into(),
            measure: "talks given".into(),
            baseline: "0".into(),
            target: "3".into(),
            achievable: "slots are booked".into(),
            relevant: "leads the team".into(),
            by_when: day(30),
        };
        let objective = Objective {
            title: "Present well".into(),
            smart,
            horizon: Horizon::Long,
            category: Category::Leadership,
            status: ObjectiveStatus::InProgress,
        };
        vec![
            Body::Agreement(Agreement {
                purpose: "grow".into(),
                cadence: Cadence::EveryDays(10),
                format: MeetingFormat::Phone,
                length_minutes: 45,
                mentor_style: MentorStyle::Advisory,
                mentee_preferences: "examples".into(),
                mentee_expects: "honesty".into(),
                mentor_expects: "preparation".into(),
                boundaries: "private".into(),
                raising_problems: "say so".into(),
                start: day(1),
                planned_end: day(31),
                review_every_weeks: 6,
                ending: "a review".into(),
                log_keeper: Owner::Both,
            }),
            Body::Confirmation(Confirmation {
                side: Some(Side::Mentee),
                name: "Ben".into(),
                date: day(2),
                confirmed_hash: "abc".into(),
            }),
            Body::Objective(objective.clone()),
            Body::ObjectiveConsent(ObjectiveConsent {
                side: Some(Side::Mentor),
                date: day(3),
                agreed_hash: "def".into(),
            }),
            Body::Revision(Revision {
                side: Some(Side::Mentee),
                date: day(4),
                reason: "moved".into(),
                before: objective,
            }),
            Body::Milestone(Milestone {
                title: "Outline".into(),
                owner: Owner::Mentor,
                start: day(5),
                due: day(6),
                status: TaskStatus::Blocked,
            }),
            Body::Step(Step {
                title: "Draft".into(),
                owner: Owner::Both,
                start: day(7),
                due: day(8),
                status: TaskStatus::Done,
            }),
            Body::Win(Win {
                side: Some(Side::Mentor),
                date: day(9),
                what: "Outline done".into(),
                source: Some(Id::from_u128(77)),
            }),
            Body::Session(Session {
                starts_at: Some(Utc.with_ymd_and_hms(2026, 7, 10, 8, 30, 0).unwrap()),
                length_minutes: 50,
                format: MeetingFormat::InPerson,
                agenda: "check-in".into(),
                notes: "went well".into(),
                objectives: vec![Id::from_u128(78)],
                questions: vec!["What next?".into()],
            }),
            Body::SessionPart(SessionPart {
                side: Some(Side::Mentee),
                text: "learned a lot".into(),
                feeling_before: Some(2),
                feeling_after: Some(4),
            }),
            Body::ActionItem(ActionItem {
                title: "Book a room".into(),
                owner: Owner::Mentor,
                due: day(11),
                done_on: day(12),
            }),
            Body::Resource(Resource {
                title: "A book".into(),
                kind: ResourceKind::Book,
                link: "https://example.org/book".into(),
                note: "chapter 3".into(),
                status: FollowUp::Done,
                session: Some(Id::from_u128(79)),
            }),
            Body::Contact(Contact {
                name: "Cleo".into(),
                organisation: "Acme".into(),
                position: "CTO".into(),
                introduced_by: "Ana".into(),
                date: day(13),
                follow_up: FollowUp::InProgress,
                follow_up_on: day(14),
                session: Some(Id::from_u128(80)),
            }),
            Body::Evaluation(Evaluation {
                due: day(15),
                trigger: EvaluationTrigger::Closing,
            }),
            Body::EvaluationAnswers(EvaluationAnswers {
                side: Some(Side::Mentor),
                date: day(16),
                practices: [(Practice::Networking, rating(2))].into_iter().collect(),
                objectives: [(Id::from_u128(81), rating(5))].into_iter().collect(),
                works: "the rhythm".into(),
                change: "shorter".into(),
                adjust: "monthly".into(),
            }),
            Body::Conflict(Box::new(Record {
                base: Some(Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap()),
                ..Record::new(
                    Id::from_u128(82),
                    Id::from_u128(1),
                    Utc.with_ymd_and_hms(2026, 6, 2, 9, 0, 0).unwrap(),
                    "c".into(),
                    Body::Step(Step {
                        title: "The version that lost".into(),
                        ..Step::default()
                    }),
                )
            })),
            Body::Deleted(Kind::Step),
        ]
    }

    #[test]
    fn every_kind_with_every_field_set_is_written_as_serde_writes_it_and_reads_back() {
        let now = Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap();
        let pair = Id::from_u128(1);
        let info = PairInfo {
            title: "Ana and Ben".into(),
            mentor: person("Ana"),
            mentee: person("Ben"),
            closed_on: day(20),
            agenda_template: "Check-in\nNext steps".into(),
        };
        let mut records = vec![Record::new(
            pair,
            Id::NONE,
            now,
            "a".into(),
            Body::Pair(info),
        )];
        for (n, body) in every_kind().into_iter().enumerate() {
            let id = Id::from_u128(100 + n as u128);
            let kind = body.kind();
            let parent = records
                .iter()
                .find(|r| crate::domain::may_hang_under(r.body.kind(), kind))
                .map_or(pair, |r| r.id);
            let mut record = Record::new(id, parent, now, format!("b{n}"), body);
            if n % 2 == 0 {
                record.base = Some(now);
            }
            records.push(record);
        }
        for record in &records {
            assert_eq!(
                crate::domain::json::to_json(record),
                serde_json::to_string(record).unwrap(),
                "the writer and serde's derived Serialize differ"
            );
        }
        let written = PairData::from_records(records);
        let read = decode_pair(&encode_pair(&written)).unwrap();
        assert_eq!(read, written);
    }

    #[test]
    fn missing_fields_take_their_defaults_and_unknown_ones_are_ignored() {
        let step = Step::from_json(&json(r#"{"title": "Draft", "colour": "red"}"#)).unwrap();
        assert_eq!(
            step,
            Step {
                title: "Draft".into(),
                ..Step::default()
            }
        );
        let agreement = Agreement::from_json(&json(r#"{}"#)).unwrap();
        assert_eq!(agreement, Agreement::default());
    }

    #[test]
    fn a_bad_field_is_named_with_its_path() {
        let (path, error) =
            Objective::from_json(&json(r#"{"smart": {"by_when": "soon"}}"#)).unwrap_err();
        assert_eq!(path, ["smart", "by_when"]);
        assert!(error
            .to_string()
            .contains("expected a date like 2026-05-01"));
        let (path, _) = Body::from_json(&json(r#"{"step": {"owner": "nobody"}}"#)).unwrap_err();
        assert_eq!(path, ["step", "owner"]);
        let (path, error) = Body::from_json(&json(r#"{"a": {}, "b": {}}"#)).unwrap_err();
        assert!(path.is_empty());
        assert!(error.to_string().contains("a map with a single key"));
    }
}
