//! A workbook file that tries to get in: the sample pair (every stage
//! filled) with hostile text in every free-text field of every kind of
//! record, and a kept conflict, written by Trellis's own codec.

use serde_json::{json, Value};
use trellis::domain::{sample_workbook, SequentialIds};
use trellis::storage::exchange::{decode_export, encode_export};

/// Set by any of the hostile texts, should one ever run as a script.
pub const PWNED: &str = "__pwned";

/// Markup and breakers that would run a script, or mislead, if a page ever
/// took them for anything but text.
pub const HOSTILE: [&str; 6] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "\"><svg onload=\"window.__pwned=1\"><a x=\"",
    "' onfocus='window.__pwned=1' autofocus x='",
    "\u{202e}txt.exe\u{202c} reversed by a right-to-left override",
    "javascript:window.__pwned=1",
];

/// One word of 100,000 letters, put in one field of each kind.
pub fn long_word() -> String {
    "Ofenreise".repeat(11_112)[..100_000].to_string()
}

/// Keys whose strings are structure, not text a person wrote.
const STRUCTURE: [&str; 7] = [
    "id", "parent", "created", "updated", "rank", "base", "format",
];

/// The JSON pointer of every string in `value` under a key that is not
/// structure.
fn text_leaves(value: &Value, at: String, key: &str, found: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                text_leaves(item, format!("{at}/{i}"), key, found);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                text_leaves(member, format!("{at}/{name}"), name, found);
            }
        }
        Value::String(_) if !STRUCTURE.contains(&key) && key != "exported_at" => found.push(at),
        _ => {}
    }
}

/// The hostile workbook file.
pub struct HostileFile {
    pub text: String,
    /// The pair's id.
    pub pair: String,
    /// How many fields hold hostile text.
    pub fields: usize,
    /// The kinds of record with hostile text, by their stored names.
    pub kinds: Vec<String>,
}

/// The hostile workbook file: its pair and dates are the sample pair's,
/// built at `now`.
pub fn hostile_file(now: chrono::DateTime<chrono::Utc>) -> HostileFile {
    let (book, pair) = sample_workbook(now, &mut SequentialIds(0));
    let mut file: Value =
        serde_json::from_str(&encode_export(&book, &[pair], now)).expect("the export is JSON");

    // A version of the first objective kept as a conflict under it, as a
    // merge keeps one.
    let records = file["pairs"][0]["records"]
        .as_array_mut()
        .expect("the pair's records");
    let objective = records
        .iter()
        .find(|r| r["body"].get("objective").is_some())
        .expect("the sample has an objective")
        .clone();
    records.push(json!({
        "id": "0000000000000000000000000000c0f1",
        "parent": objective["id"],
        "created": objective["updated"],
        "updated": objective["updated"],
        "rank": "n",
        "body": { "conflict": objective },
    }));

    // Read and written again, so the records are in the order the codec
    // writes them and a probe below finds its string where it put it.
    let canonical = decode_export(&file.to_string()).expect("the file with the conflict reads");
    let mut file: Value =
        serde_json::from_str(&encode_export(&canonical, &[pair], now)).expect("the export is JSON");

    // Every string the reader takes as free text: a probe put in its
    // place reads back (dates, ids and names of choices are refused).
    let mut leaves = Vec::new();
    text_leaves(&file, String::new(), "", &mut leaves);
    let mut texts = Vec::new();
    for leaf in leaves {
        let before = file.pointer(&leaf).cloned();
        *file.pointer_mut(&leaf).expect("a leaf found a moment ago") = json!("Probe text");
        let read = decode_export(&file.to_string()).is_ok_and(|book| {
            let again: Value =
                serde_json::from_str(&encode_export(&book, &[pair], now)).unwrap_or_default();
            again.pointer(&leaf) == Some(&json!("Probe text"))
        });
        if read {
            texts.push(leaf.clone());
        }
        *file.pointer_mut(&leaf).expect("a leaf found a moment ago") = before.unwrap_or_default();
    }

    // Hostile text in each, and the long word in the first of each kind.
    let mut kinds_with_long_word = Vec::new();
    for (n, leaf) in texts.iter().enumerate() {
        let record = leaf.split('/').take(5).collect::<Vec<_>>().join("/");
        let kind = file
            .pointer(&format!("{record}/body"))
            .and_then(Value::as_object)
            .and_then(|body| body.keys().next().cloned())
            .unwrap_or_default();
        let text = if kinds_with_long_word.contains(&kind) {
            HOSTILE[n % HOSTILE.len()].to_string()
        } else {
            kinds_with_long_word.push(kind);
            long_word()
        };
        *file.pointer_mut(leaf).expect("a text leaf") = json!(text);
    }
    let text = file.to_string();
    decode_export(&text).expect("the hostile file still reads");
    kinds_with_long_word.sort();
    HostileFile {
        text,
        pair: pair.to_string(),
        fields: texts.len(),
        kinds: kinds_with_long_word,
    }
}
