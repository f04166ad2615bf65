//! The stored text of a pair, the index and the device settings: versioned
//! envelopes around the domain's records, with decode errors that say which
//! record and field went wrong and what was expected.

use super::read;
use super::read::Located;
use crate::domain::json::Object;
use chrono::{DateTime, Utc};
use thiserror::Error;

use super::migrate::migrate;
use super::parse::{parse, Json};

use crate::domain::{sort_by_key, Body, Id, Kind, PairData, Record, Role, VecMap};

/// The envelope format name of one stored pair.
pub const PAIR_FORMAT: &str = "trellis-pair";
/// The envelope format name of the index of pairs.
pub const INDEX_FORMAT: &str = "trellis-index";
/// The envelope format name of this device's own settings.
pub const DEVICE_FORMAT: &str = "trellis-device";
/// The newest envelope version this build reads and the one it writes.
pub const VERSION: u32 = 1;

/// Why stored or imported text could not be read. Nothing is changed when
/// this happens: the text is kept as it is.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("it is not valid JSON (line {line}, column {column}: {message})")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("it is not a Trellis {expected} (found {found})")]
    NotTrellis {
        expected: &'static str,
        found: String,
    },
    #[error("it was written by a newer version of Trellis (format version {found}; this version reads up to {supported})")]
    Newer { found: u64, supported: u32 },
    #[error("{place}: {message}")]
    Shape { place: String, message: String },
    #[error("{0}")]
    Invalid(String),
}

impl DecodeError {
    /// Whether the data is fine but needs a newer Trellis.
    pub fn is_newer(&self) -> bool {
        matches!(self, DecodeError::Newer { .. })
    }
}

/// What this device keeps for itself and never exports: its user's role
/// in each pair, when it last exported each pair, and after how many days
/// of unsent changes the dashboard reminds it to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceSettings {
    pub roles: VecMap<Id, Role>,
    pub exported: VecMap<Id, DateTime<Utc>>,
    pub remind_after_days: u16,
}

impl Default for DeviceSettings {
    fn default() -> Self {
        DeviceSettings {
            roles: VecMap::new(),
            exported: VecMap::new(),
            remind_after_days: 14,
        }
    }
}

/// The stored text of one pair.
pub fn encode_pair(pair: &PairData) -> String {
    let records: Vec<&Record> = pair.records().collect();
    let mut out = String::new();
    Object::new(&mut out)
        .member("format", &PAIR_FORMAT)
        .member("version", &VERSION)
        .member("records", &records)
        .end();
    out
}

/// Reads one pair's stored text, migrating older versions forward.
pub fn decode_pair(text: &str) -> Result<PairData, DecodeError> {
    pair_from_value(&open_envelope(text, PAIR_FORMAT, "pair")?)
}

/// Reads one pair from its envelope, already checked and migrated.
pub fn pair_from_value(value: &Json) -> Result<PairData, DecodeError> {
    let records = read::records(value).map_err(|located| shape(value, located))?;
    records_to_pair(records)
}

/// Checks a pair's records hang together: unique ids, one pair record, and
/// every other record's parent present.
pub fn records_to_pair(records: Vec<Record>) -> Result<PairData, DecodeError> {
    // Sorted once (ids in any order take n log n), then neighbours compared.
    let mut ids: Vec<Id> = records.iter().map(|r| r.id).collect();
    sort_by_key(&mut ids, |id| *id);
    if let Some(twice) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(DecodeError::Invalid(format!(
            "the record {} appears twice",
            twice[0]
        )));
    }
    let roots: Vec<&Record> = records.iter().filter(|r| r.parent == Id::NONE).collect();
    match roots.as_slice() {
        [root] if root.body.kind() == Kind::Pair => {}
        [] => return Err(DecodeError::Invalid("it has no pair record".into())),
        [_] => return Err(DecodeError::Invalid("its top record is not a pair".into())),
        _ => {
            return Err(DecodeError::Invalid(
                "it holds more than one pair record".into(),
            ))
        }
    }
    for record in &records {
        if record.parent != Id::NONE && ids.binary_search(&record.parent).is_err() {
            return Err(DecodeError::Invalid(format!(
                "the record {} belongs to {}, which is missing",
                record.id, record.parent
            )));
        }
    }
    let pair = PairData::from_records(records);
    pair.check_tree()
        .map_err(|fault| DecodeError::Invalid(fault.to_string()))?;
    Ok(pair)
}

/// A record's content as lines a person can read, (field, value) in the
/// stored order: nested fields joined by spaces, underscores as spaces, a
/// list as one line per item. Used to show two versions side by side.
pub fn content_lines(body: &Body) -> Vec<(String, String)> {
    fn flatten(name: &str, value: &Json, lines: &mut Vec<(String, String)>) {
        let text = match value {
            Json::Object(members) => {
                for (key, member) in members.iter() {
                    let key = key.replace('_', " ");
                    flatten(format!("{name} {key}").trim(), member, lines);
                }
                return;
            }
            Json::Array(items) => {
                for item in items {
                    flatten(name, item, lines);
                }
                return;
            }
            Json::Null => String::new(),
            Json::Bool(yes) => (if *yes { "yes" } else { "no" }).into(),
            Json::Number(n) => n.to_string(),
            Json::Negative(n) => n.to_string(),
            Json::String(text) => text.to_string(),
        };
        lines.push((name.to_string(), text));
    }
    let mut lines = Vec::new();
    if let Ok(Json::Object(tagged)) = parse(&crate::domain::json::to_json(body)) {
        for (_, content) in tagged.iter() {
            flatten("", content, &mut lines);
        }
    }
    lines
}

/// The stored text of the index: which pair keys exist, in order.
pub fn encode_index(pairs: &[Id]) -> String {
    let mut out = String::new();
    Object::new(&mut out)
        .member("format", &INDEX_FORMAT)
        .member("version", &VERSION)
        .member("pairs", &pairs.to_vec())
        .end();
    out
}

/// Reads the index.
pub fn decode_index(text: &str) -> Result<Vec<Id>, DecodeError> {
    let value = open_envelope(text, INDEX_FORMAT, "index")?;
    read::index_pairs(&value).map_err(|located| shape(&value, located))
}

/// The stored text of this device's settings.
pub fn encode_device(settings: &DeviceSettings) -> String {
    let mut out = String::new();
    Object::new(&mut out)
        .member("format", &DEVICE_FORMAT)
        .member("version", &VERSION)
        .member("roles", &settings.roles)
        .member("exported", &settings.exported)
        .member("remind_after_days", &settings.remind_after_days)
        .end();
    out
}

/// Reads this device's settings.
pub fn decode_device(text: &str) -> Result<DeviceSettings, DecodeError> {
    let value = open_envelope(text, DEVICE_FORMAT, "device settings")?;
    read::device_settings(&value).map_err(|located| shape(&value, located))
}

/// Parses JSON, checks the envelope's format and version, and migrates an
/// older version forward. The result is the current version's shape.
pub fn open_envelope<'t>(
    text: &'t str,
    format: &'static str,
    what: &'static str,
) -> Result<Json<'t>, DecodeError> {
    check_envelope(parse_text(text)?, format, what)
}

/// Parses stored or imported text, saying where it stops being JSON; half
/// a character (a lone surrogate) is named by the field that holds it.
pub fn parse_text(text: &str) -> Result<Json<'_>, DecodeError> {
    parse(text).map_err(|e| {
        if e.message.contains("surrogate") && !e.field.is_empty() {
            return DecodeError::Shape {
                place: format!("field {}", e.field.join(".")),
                message: format!(
                    "half a character, not a whole one ({}, line {}, column {})",
                    e.message, e.line, e.column
                ),
            };
        }
        DecodeError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message.to_string(),
        }
    })
}

/// Checks a parsed envelope's format and version, and migrates an older
/// version forward.
pub fn check_envelope<'t>(
    mut value: Json<'t>,
    format: &'static str,
    what: &'static str,
) -> Result<Json<'t>, DecodeError> {
    let found_format = value
        .get("format")
        .and_then(Json::as_str)
        .unwrap_or_default();
    if found_format != format {
        let found = if found_format.is_empty() {
            "no format name".to_string()
        } else {
            format!("format \"{found_format}\"")
        };
        return Err(DecodeError::NotTrellis {
            expected: what,
            found,
        });
    }
    let version =
        value
            .get("version")
            .and_then(Json::as_u64)
            .ok_or_else(|| DecodeError::Shape {
                place: "version".into(),
                message: "expected a whole number".into(),
            })?;
    if version > u64::from(VERSION) {
        return Err(DecodeError::Newer {
            found: version,
            supported: VERSION,
        });
    }
    migrate(&mut value, version)?;
    Ok(value)
}

/// The error for a value that did not read, with its place in words.
fn shape(value: &Json, (path, error): Located) -> DecodeError {
    DecodeError::Shape {
        place: describe_place(value, &path),
        message: error,
    }
}

/// Turns a path such as records, 3, body, agreement, cadence into words a
/// person can follow to the bad spot: the record's number, kind and id,
/// then the field.
fn describe_place(value: &Json, path: &[String]) -> String {
    let field = |parts: &[String]| parts.join(".");
    match path {
        [] => "the whole file".into(),
        [records, index, rest @ ..] if records == "records" => {
            let Ok(number) = index.parse::<usize>() else {
                return format!("field {}", field(path));
            };
            let record = value.get("records").and_then(|r| r.at(number));
            let id = record
                .and_then(|r| r.get("id"))
                .and_then(Json::as_str)
                .unwrap_or("without an id");
            let kind = record
                .and_then(|r| r.get("body"))
                .and_then(Json::as_object)
                .and_then(|body| body.keys().next().cloned())
                .map_or_else(|| "record".to_string(), |kind| kind.replace('_', " "));
            let inner = match rest {
                [body, _kind, inner @ ..] if body == "body" => inner,
                other => other,
            };
            if inner.is_empty() {
                format!("record {} ({kind} {id})", number + 1)
            } else {
                format!(
                    "record {} ({kind} {id}), field {}",
                    number + 1,
                    field(inner)
                )
            }
        }
        _ => format!("field {}", field(path)),
    }
}

#[cfg(test)]
mod tests;
