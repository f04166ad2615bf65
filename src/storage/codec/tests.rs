use super::*;
use crate::domain::{Action, Agreement, Cadence, SequentialIds, Workbook};
use chrono::{TimeZone, Utc};

fn sample() -> (PairData, Id) {
    let mut book = Workbook::default();
    let now = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
    let mut ids = SequentialIds(0);
    let pair = book
        .apply(
            Action::CreatePair {
                mentor: "Ana".into(),
                mentee: "Ben".into(),
            },
            now,
            &mut ids,
        )
        .unwrap()
        .pair;
    let agreement = Agreement {
        purpose: "Lead the melt shop's \"safety walk\"".into(),
        ..Agreement::default()
    };
    book.apply(Action::UpdateAgreement { pair, agreement }, now, &mut ids)
        .unwrap();
    (book.pairs[&pair].clone(), pair)
}

#[test]
fn a_pair_round_trips_exactly() {
    let (pair, _) = sample();
    let text = encode_pair(&pair);
    assert!(text.starts_with(r#"{"format":"trellis-pair","version":1,"records":["#));
    assert_eq!(decode_pair(&text).unwrap(), pair);
    assert_eq!(encode_pair(&decode_pair(&text).unwrap()), text);
}

#[test]
fn text_that_is_not_json_says_where_it_breaks() {
    let error = decode_pair("{\"format\": \"trellis-pair\",\n \"version\": 1,,}").unwrap_err();
    match error {
        DecodeError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 15)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(decode_pair("")
        .unwrap_err()
        .to_string()
        .contains("not valid JSON"));
}

#[test]
fn other_json_is_not_taken_for_a_pair() {
    let error = decode_pair(r#"{"name": "shopping list"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "it is not a Trellis pair (found no format name)"
    );
    let error =
        decode_pair(r#"{"format": "trellis-index", "version": 1, "pairs": []}"#).unwrap_err();
    assert!(matches!(error, DecodeError::NotTrellis { .. }));
}

#[test]
fn a_newer_version_is_refused_and_says_which_version_is_read() {
    let error = decode_pair(r#"{"format":"trellis-pair","version":7,"records":[]}"#).unwrap_err();
    assert!(error.is_newer());
    assert_eq!(
        error.to_string(),
        "it was written by a newer version of Trellis (format version 7; this version reads up to 1)"
    );
}

#[test]
fn a_wrong_field_names_the_record_and_field_and_what_was_expected() {
    let (pair, _) = sample();
    let text = encode_pair(&pair).replace(r#""length_minutes":60"#, r#""length_minutes":"sixty""#);
    let error = decode_pair(&text).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("record 2 (agreement "), "{message}");
    assert!(message.contains("field length_minutes"), "{message}");
    assert!(message.contains("expected a whole number"), "{message}");
}

#[test]
fn an_unknown_kind_of_record_is_named() {
    let (pair, _) = sample();
    let text = encode_pair(&pair).replace(r#""body":{"agreement""#, r#""body":{"hologram""#);
    let message = decode_pair(&text).unwrap_err().to_string();
    assert!(message.contains("unknown variant `hologram`"), "{message}");
}

#[test]
fn records_that_do_not_hang_together_are_refused() {
    let (pair, pair_id) = sample();
    let mut records: Vec<Record> = pair.records.values().cloned().collect();
    let orphan = records.iter_mut().find(|r| r.id != pair_id).unwrap();
    orphan.parent = Id::from_u128(4242);
    let message = records_to_pair(records).unwrap_err().to_string();
    assert!(message.contains("which is missing"), "{message}");

    let mut twice: Vec<Record> = pair.records.values().cloned().collect();
    twice.push(twice[0].clone());
    assert!(records_to_pair(twice)
        .unwrap_err()
        .to_string()
        .contains("appears twice"));

    let no_root: Vec<Record> = pair
        .records
        .values()
        .filter(|r| r.id != pair_id)
        .cloned()
        .collect();
    assert!(records_to_pair(no_root).is_err());
}

#[test]
fn a_version_0_pair_migrates_forward() {
    let text = include_str!("../../../tests/fixtures/pair-v0.json");
    let pair = decode_pair(text).unwrap();
    assert_eq!(pair.info().unwrap().display_name(), "Marta & Jonas");
    let agreement = pair.agreement().unwrap();
    assert_eq!(agreement.cadence, Cadence::Fortnightly);
    assert_eq!(agreement.length_minutes, 45);
    assert_eq!(
        agreement.review_every_weeks,
        Agreement::default().review_every_weeks
    );
    let record = pair.agreement_record().unwrap();
    assert_eq!(
        record.updated,
        Utc.with_ymd_and_hms(2025, 9, 3, 17, 30, 0).unwrap()
    );
    let status = pair.agreement_status().unwrap();
    assert!(!status.agreed(), "a confirmation of other content is stale");
    assert!(status.changed_since_agreed());
    let again = decode_pair(&encode_pair(&pair)).unwrap();
    assert_eq!(again, pair);
}

#[test]
fn the_index_and_device_settings_round_trip() {
    let ids = vec![Id::from_u128(1), Id::from_u128(2)];
    assert_eq!(decode_index(&encode_index(&ids)).unwrap(), ids);
    let mut settings = DeviceSettings::default();
    settings.roles.insert(Id::from_u128(1), Role::Mentee);
    assert_eq!(decode_device(&encode_device(&settings)).unwrap(), settings);
    assert!(decode_index("[").is_err());
}

#[test]
fn a_nested_field_is_named_by_its_full_path() {
    let (pair, _) = sample();
    let text = encode_pair(&pair).replace(r#""mentor":{"name":"Ana""#, r#""mentor":{"name":42"#);
    let message = decode_pair(&text).unwrap_err().to_string();
    assert!(message.starts_with("record 1 (pair "), "{message}");
    assert!(
        message.contains("field mentor.name: invalid type: integer `42`, expected a string"),
        "{message}"
    );
}

#[test]
fn a_bad_time_and_a_bad_list_are_named() {
    let (pair, _) = sample();
    let text = encode_pair(&pair);
    let bad_time = text.replacen(
        r#""updated":"2026-05-01T09:00:00.000Z""#,
        r#""updated":"yesterday""#,
        1,
    );
    let message = decode_pair(&bad_time).unwrap_err().to_string();
    assert!(
        message.contains("field updated: expected a date and time"),
        "{message}"
    );

    let not_a_list = r#"{"format":"trellis-pair","version":1,"records":{"a":1}}"#;
    let message = decode_pair(not_a_list).unwrap_err().to_string();
    assert!(
        message.starts_with("field records: invalid type: map"),
        "{message}"
    );
}

#[test]
fn with_several_problems_the_first_is_named() {
    let (pair, _) = sample();
    let text = encode_pair(&pair)
        .replace(r#""length_minutes":60"#, r#""length_minutes":-1"#)
        .replace(r#""rank":"n""#, r#""rank":5"#);
    let message = decode_pair(&text).unwrap_err().to_string();
    assert!(message.starts_with("record 1 (pair "), "{message}");
    assert!(message.contains("field rank"), "{message}");
}
