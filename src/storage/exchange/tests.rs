use super::*;
use crate::domain::{Action, Agreement, Body, SequentialIds, Session};
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

/// A workbook with two pairs: Ana mentoring Ben (with an agreement and a
/// session) and Ana mentoring Cy.
fn two_pairs() -> (Workbook, Id, Id) {
    let mut book = Workbook::default();
    let mut ids = SequentialIds(0);
    let mut create = |book: &mut Workbook, mentee: &str| {
        book.apply(
            Action::CreatePair {
                mentor: "Ana".into(),
                mentee: mentee.into(),
            },
            now(),
            &mut ids,
        )
        .unwrap()
        .pair
    };
    let ben = create(&mut book, "Ben");
    let cy = create(&mut book, "Cy");
    let mut ids = SequentialIds(100);
    let agreement = Agreement {
        purpose: "Lead the \"safety walk\" — in Zürich".into(),
        ..Agreement::default()
    };
    book.apply(
        Action::UpdateAgreement {
            pair: ben,
            agreement,
        },
        now(),
        &mut ids,
    )
    .unwrap();
    let session = Body::Session(Session {
        starts_at: Some(now()),
        agenda: "Check-in\nNext steps".into(),
        ..Session::default()
    });
    book.apply(
        Action::Add {
            pair: ben,
            parent: ben,
            body: session,
        },
        now(),
        &mut ids,
    )
    .unwrap();
    (book, ben, cy)
}

#[test]
fn an_export_of_every_pair_reads_back_exactly() {
    let (book, ben, cy) = two_pairs();
    let text = encode_export(&book, &[ben, cy], now());
    assert!(text.starts_with(
        r#"{"format":"trellis-workbook","version":1,"exported_at":"2026-05-01T09:00:00.000Z","pairs":[{"format":"trellis-pair""#
    ));
    assert_eq!(decode_export(&text).unwrap(), book);
}

#[test]
fn an_export_of_one_pair_holds_only_that_pair() {
    let (book, ben, _) = two_pairs();
    let text = encode_export(&book, &[ben], now());
    assert!(!text.contains("\"Cy\""));
    let read = decode_export(&text).unwrap();
    assert_eq!(read.pairs.len(), 1);
    assert_eq!(read.pair(ben), book.pair(ben));
}

#[test]
fn the_golden_export_fixture_imports() {
    let text = include_str!("../../../tests/fixtures/export-v1.json");
    let book = decode_export(text).unwrap();
    let (expected, ben, cy) = two_pairs();
    assert_eq!(book, expected);
    assert_eq!(encode_export(&book, &[ben, cy], now()), text.trim_end());
}

/// Ben's pair after the mentor imported a file in which the mentee had
/// changed the purpose while the mentor changed it too: marked versions and
/// a kept conflict, as version 1 writes them.
fn ben_after_a_conflict() -> (Workbook, Id) {
    let (book, ben, _) = two_pairs();
    let purpose = |text: &str| Agreement {
        purpose: text.into(),
        ..Agreement::default()
    };
    let mut theirs = Workbook::default();
    theirs
        .pairs
        .insert(ben, import_pair(&PairData::default(), &book.pairs[&ben]));
    let mut ids = SequentialIds(700);
    let mut ours = book.clone();
    for (copy, text, hours) in [(&mut theirs, "Theirs", 1), (&mut ours, "Ours", 2)] {
        copy.apply(
            Action::UpdateAgreement {
                pair: ben,
                agreement: purpose(text),
            },
            now() + chrono::Duration::hours(hours),
            &mut ids,
        )
        .unwrap();
    }
    let merged = import_pair(&ours.pairs[&ben], &theirs.pairs[&ben]);
    assert_eq!(crate::domain::open_conflicts(&merged).len(), 1);
    let mut result = Workbook::default();
    result.pairs.insert(ben, merged);
    (result, ben)
}

/// Writes the golden files again (`TRELLIS_WRITE_FIXTURES=1`), for a
/// deliberate change of format.
fn golden(name: &str, text: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    if std::env::var_os("TRELLIS_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, format!("{text}\n")).unwrap();
    }
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_golden_fixture_with_a_conflict_imports() {
    let (expected, ben) = ben_after_a_conflict();
    let written = encode_export(&expected, &[ben], now());
    let text = golden("export-v1-conflict.json", &written);
    let book = decode_export(&text).unwrap();
    assert_eq!(book, expected);
    assert_eq!(written, text.trim_end());
    assert!(text.contains(r#""base":"#) && text.contains(r#"{"conflict":{"#));
}

fn refused(text: &str) -> String {
    decode_export(text).unwrap_err().to_string()
}

#[test]
fn every_kind_of_bad_file_says_what_is_wrong() {
    let too_big = format!("{{\"pad\":\"{}\"}}", "x".repeat(MAX_IMPORT_BYTES));
    assert_eq!(
        refused(&too_big),
        format!(
            "it is {} bytes, more than the 5242880 bytes (5 MB) Trellis imports",
            too_big.len()
        )
    );
    assert!(
        refused("{\"format\": \"trellis-workbook\",\n \"version\": 1,,}")
            .starts_with("it is not valid JSON (line 2, column 15"),
        "{}",
        refused("{\"format\": \"trellis-workbook\",\n \"version\": 1,,}")
    );
    assert_eq!(
        refused(r#"{"format":"trellis-pair","version":1,"records":[]}"#),
        r#"it is not a Trellis workbook file (found format "trellis-pair")"#
    );
    assert_eq!(
        refused(r#"{"format":"trellis-workbook","version":7,"pairs":[]}"#),
        "it was written by a newer version of Trellis (format version 7; this version reads up to 1)"
    );
    assert_eq!(
        refused(r#"{"format":"trellis-workbook","version":1}"#),
        "field pairs: expected a list of pairs"
    );
    let (book, ben, _) = two_pairs();
    let good = encode_export(&book, &[ben], now());
    let newer_pair = good.replacen(
        r#""format":"trellis-pair","version":1"#,
        r#""format":"trellis-pair","version":9"#,
        1,
    );
    assert_eq!(
        refused(&newer_pair),
        "pair 1: it was written by a newer version of Trellis (format version 9; this version reads up to 1)"
    );
    let bad_cadence = good.replacen(r#""cadence":"fortnightly""#, r#""cadence":"hourly""#, 1);
    assert_ne!(bad_cadence, good, "the sample has a cadence to break");
    let message = refused(&bad_cadence);
    assert!(
        message.starts_with("pair 1: record 2 (agreement ") && message.contains("field cadence"),
        "{message}"
    );
    let twice = good.replacen("]}]}", "]}, PAIR]}", 1);
    let entry = &good[good.find(r#"{"format":"trellis-pair""#).unwrap()..good.len() - 2];
    let twice = twice.replacen("PAIR", entry, 1);
    assert_eq!(
        refused(&twice),
        format!("pair 2: the pair {ben} appears twice")
    );
}

#[test]
fn the_preview_warns_only_when_the_result_would_not_fit_in_storage() {
    let (book, ben, _) = two_pairs();
    let file = decode_export(&encode_export(&book, &[ben], now())).unwrap();
    // Counted as the browser counts: UTF-16 code units ("Zürich", "—" are one each).
    let size = encode_pair(&import_pair(&PairData::default(), &file.pairs[&ben]))
        .encode_utf16()
        .count();
    let empty = Workbook::default();
    assert_eq!(
        storage_warning(&empty, &file, STORAGE_LIMIT_CHARS - size),
        None
    );
    let warning = storage_warning(&empty, &file, STORAGE_LIMIT_CHARS - size + 1).unwrap();
    assert!(
        warning.starts_with("After this import, this browser would hold about 5.0 MB"),
        "{warning}"
    );
    // A pair already here counts once: only what the merge adds is new.
    let mut here = Workbook::default();
    here.pairs
        .insert(ben, import_pair(&PairData::default(), &file.pairs[&ben]));
    assert_eq!(storage_warning(&here, &file, STORAGE_LIMIT_CHARS), None);
}

#[test]
fn a_file_with_an_older_pair_is_upgraded() {
    let v0 = include_str!("../../../tests/fixtures/pair-v0.json");
    let file = format!(
        r#"{{"format":"trellis-workbook","version":1,"exported_at":"2026-05-01T09:00:00Z","pairs":[{}]}}"#,
        v0.trim()
    );
    let book = decode_export(&file).unwrap();
    assert_eq!(book.pairs.len(), 1);
}

/// Not a test: prints how long exporting, reading, previewing and merging
/// take for a large workbook (BENCHMARKS.md), and writes its export to
/// target/bench/workbook-10-pairs.json for the browser benchmark
/// (tests/e2e/tests/bench.rs). Run with
/// `cargo test --release --lib exchange_timings -- --ignored --nocapture`.
#[test]
#[ignore]
fn exchange_timings() {
    use crate::domain::{merge_workbook, preview_import, ActionItem, SessionPart, Side};
    use std::time::Instant;

    let mut book = Workbook::default();
    let mut ids = SequentialIds(0);
    let mut pairs = Vec::new();
    for p in 0..10 {
        let pair = book
            .apply(
                Action::CreatePair {
                    mentor: format!("Mentor {p}"),
                    mentee: format!("Mentee {p}"),
                },
                now(),
                &mut ids,
            )
            .unwrap()
            .pair;
        pairs.push(pair);
        for s in 0..100 {
            let at = now() + chrono::Duration::days(s);
            let session = Body::Session(Session {
                starts_at: Some(at),
                agenda: "Check-in\nActions from last time\nProgress\nNext steps".repeat(3),
                notes: "We talked about the rota and the next review.".repeat(4),
                ..Session::default()
            });
            let session = book
                .apply(
                    Action::Add {
                        pair,
                        parent: pair,
                        body: session,
                    },
                    at,
                    &mut ids,
                )
                .unwrap()
                .created[0];
            for body in [
                Body::SessionPart(SessionPart {
                    side: Some(Side::Mentee),
                    text: "What I learned this week.".repeat(5),
                    ..SessionPart::default()
                }),
                Body::ActionItem(ActionItem {
                    title: "Draft the shift handover note".into(),
                    ..ActionItem::default()
                }),
            ] {
                book.apply(
                    Action::Add {
                        pair,
                        parent: session,
                        body,
                    },
                    at,
                    &mut ids,
                )
                .unwrap();
            }
        }
    }
    let records: usize = book.pairs.values().map(|p| p.len()).sum();
    let timed = |what: &str, run: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..5 {
            run();
        }
        println!(
            "{what}: {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0 / 5.0
        );
    };
    let mut text = String::new();
    timed("export", &mut || text = encode_export(&book, &pairs, now()));
    println!(
        "{} pairs, {records} records, {} bytes",
        pairs.len(),
        text.len()
    );
    let mut read = Workbook::default();
    timed("read the file", &mut || {
        read = decode_export(&text).unwrap()
    });
    timed("preview", &mut || {
        preview_import(&book, &read);
    });
    timed("merge", &mut || {
        merge_workbook(&book, &read);
    });
    timed("import (merge, conflicts, marks)", &mut || {
        for (id, theirs) in &read.pairs {
            import_pair(&book.pairs[id], theirs);
        }
    });
    timed("import into an empty workbook", &mut || {
        for theirs in read.pairs.values() {
            import_pair(&PairData::default(), theirs);
        }
    });
    assert_eq!(read, book);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("workbook-10-pairs.json"), &text).unwrap();
}

/// The export file's envelope, for its JSON Schema.
#[cfg(not(target_arch = "wasm32"))]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct TrellisWorkbookFile {
    /// Always "trellis-workbook".
    format: String,
    /// The format version; this version of Trellis writes 1.
    version: u32,
    /// When the file was written (RFC 3339, UTC).
    exported_at: String,
    pairs: Vec<PairEnvelope>,
}

/// One pair, exactly as the browser stores it.
#[cfg(not(target_arch = "wasm32"))]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct PairEnvelope {
    /// Always "trellis-pair".
    format: String,
    version: u32,
    records: Vec<crate::domain::Record>,
}

/// The published schema (docs/trellis-workbook.schema.json) is the one the
/// Rust types give. After a change to the types, regenerate it with
/// `TRELLIS_WRITE_SCHEMA=1 cargo test --lib the_published_schema` and commit it.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_published_schema_matches_the_types() {
    assert_published(
        &schemars::schema_for!(TrellisWorkbookFile),
        "trellis-workbook.schema.json",
    );
}

/// Fails unless docs/`file` holds `schema`; writes it there first when
/// `TRELLIS_WRITE_SCHEMA` is set.
#[cfg(not(target_arch = "wasm32"))]
pub(in crate::storage) fn assert_published(schema: &schemars::schema::RootSchema, file: &str) {
    let text = serde_json::to_string_pretty(schema).expect("a schema is JSON") + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(file);
    if std::env::var_os("TRELLIS_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &text).expect("the schema is written");
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == text,
        "docs/{file} differs from the types; regenerate it with \
         TRELLIS_WRITE_SCHEMA=1 cargo test --lib the_published_schema"
    );
}
