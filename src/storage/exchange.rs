//! The file a mentor and a mentee send each other: a versioned envelope
//! around pairs written exactly as storage writes them, so one codec (and
//! one set of migrations) serves both.

use chrono::{DateTime, Utc};

use super::codec::{
    check_envelope, encode_pair, pair_from_value, parse_text, DecodeError, PAIR_FORMAT,
};
use super::parse::Json;
use crate::domain::json::to_json;
use crate::domain::{import_pair, Id, PairData, Workbook};

/// The envelope format name of an exported file.
pub const EXPORT_FORMAT: &str = "trellis-workbook";

/// The largest file Trellis imports: about what browser storage holds.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// About what a browser keeps in local storage for one site, in
/// characters (Chromium allows 10 MiB of UTF-16, Firefox 5 MiB).
pub const STORAGE_LIMIT_CHARS: usize = 5_000_000;

/// A warning when merging `incoming` into `ours` would take this site's
/// local storage, now holding `used` characters, past what browsers keep;
/// `None` when it fits.
pub fn storage_warning(ours: &Workbook, incoming: &Workbook, used: usize) -> Option<String> {
    let mut after = used;
    for (id, theirs) in &incoming.pairs {
        let mine = ours.pairs.get(id);
        let merged = import_pair(mine.unwrap_or(&PairData::default()), theirs);
        // In UTF-16 code units, as browsers count what local storage holds.
        let stored = |pair: &PairData| encode_pair(pair).encode_utf16().count();
        after += stored(&merged);
        after = after.saturating_sub(mine.map_or(0, stored));
    }
    (after > STORAGE_LIMIT_CHARS).then(|| {
        format!(
            "After this import, this browser would hold about {}.{} MB for this site, more than the 5 MB browsers usually keep, so saving may fail. Export a backup of your workbook first, or delete pairs you no longer need. If saving does fail, nothing is lost: your work stays open and the header says so.",
            after / 1_000_000,
            after / 100_000 % 10
        )
    })
}

/// Refuses a file of `bytes` bytes when it is over the import limit; the
/// browser asks before reading a picked file, the reader after.
pub fn check_size(bytes: usize) -> Result<(), DecodeError> {
    if bytes > MAX_IMPORT_BYTES {
        return Err(DecodeError::Invalid(format!(
            "it is {bytes} bytes, more than the {MAX_IMPORT_BYTES} bytes (5 MB) Trellis imports"
        )));
    }
    Ok(())
}

/// The text of an export file holding `pairs` of the workbook (the pairs
/// it does not hold are skipped). Private notes and this device's roles
/// live outside the workbook, so they are never part of it.
pub fn encode_export(workbook: &Workbook, pairs: &[Id], exported_at: DateTime<Utc>) -> String {
    let entries: Vec<String> = pairs
        .iter()
        .filter_map(|id| workbook.pair(*id))
        .map(encode_pair)
        .collect();
    format!(
        r#"{{"format":"{EXPORT_FORMAT}","version":{},"exported_at":{},"pairs":[{}]}}"#,
        super::codec::VERSION,
        to_json(&exported_at),
        entries.join(",")
    )
}

/// Reads an export file completely, or says precisely what is wrong with
/// it: its size, its JSON (line and column), its format and version, or the
/// pair, record and field that does not read.
pub fn decode_export(text: &str) -> Result<Workbook, DecodeError> {
    check_size(text.len())?;
    decode_export_value(parse_text(text)?)
}

/// Reads an export file already parsed (see `decode_export`).
pub fn decode_export_value(value: Json) -> Result<Workbook, DecodeError> {
    let mut file = check_envelope(value, EXPORT_FORMAT, "workbook file")?;
    let Some(Json::Array(entries)) = file.as_object_mut().and_then(|f| f.remove("pairs")) else {
        return Err(DecodeError::Shape {
            place: "field pairs".into(),
            message: "expected a list of pairs".into(),
        });
    };
    let mut workbook = Workbook::default();
    for (number, entry) in entries.into_iter().enumerate() {
        let in_pair = |error: DecodeError| DecodeError::Shape {
            place: format!("pair {}", number + 1),
            message: error.to_string(),
        };
        let entry = check_envelope(entry, PAIR_FORMAT, "pair").map_err(in_pair)?;
        let pair = pair_from_value(&entry).map_err(in_pair)?;
        let id = pair
            .id()
            .ok_or_else(|| in_pair(DecodeError::Invalid("it has no pair record".into())))?;
        if workbook.pairs.insert(id, pair).is_some() {
            return Err(in_pair(DecodeError::Invalid(format!(
                "the pair {id} appears twice"
            ))));
        }
    }
    Ok(workbook)
}

#[cfg(test)]
pub(super) mod tests;
