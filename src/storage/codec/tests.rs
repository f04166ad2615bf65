use super::*;
use crate::domain::{
    Action, ActionItem, Agreement, Cadence, Milestone, Objective, SequentialIds, Session, Step,
    Workbook,
};
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
    let mut records: Vec<Record> = pair.records().cloned().collect();
    let orphan = records.iter_mut().find(|r| r.id != pair_id).unwrap();
    orphan.parent = Id::from_u128(4242);
    let message = records_to_pair(records).unwrap_err().to_string();
    assert!(message.contains("which is missing"), "{message}");

    let mut twice: Vec<Record> = pair.records().cloned().collect();
    twice.push(twice[0].clone());
    assert!(records_to_pair(twice)
        .unwrap_err()
        .to_string()
        .contains("appears twice"));

    let no_root: Vec<Record> = pair
        .records()
        .filter(|r| r.id != pair_id)
        .cloned()
        .collect();
    assert!(records_to_pair(no_root).is_err());
}

#[test]
fn a_record_that_is_its_own_ancestor_is_refused_by_name() {
    let (pair, pair_id) = sample();
    let mut records: Vec<Record> = pair.records().cloned().collect();
    let looped = records.iter_mut().find(|r| r.id != pair_id).unwrap();
    looped.parent = looped.id;
    let looped = looped.id;
    let text = encode_pair(&PairData::from_records(records));
    let message = decode_pair(&text).unwrap_err().to_string();
    assert!(
        message.contains(&format!("the record {looped} does not belong to the pair")),
        "{message}"
    );
}

/// The sample pair with `extra` records added, written out and read back.
fn sample_with(extra: impl FnOnce(Id) -> Vec<Record>) -> Result<PairData, DecodeError> {
    let (pair, pair_id) = sample();
    let mut records: Vec<Record> = pair.records().cloned().collect();
    records.extend(extra(pair_id));
    decode_pair(&encode_pair(&PairData::from_records(records)))
}

fn record(id: u128, parent: Id, body: Body) -> Record {
    let now = Utc.with_ymd_and_hms(2026, 5, 2, 9, 0, 0).unwrap();
    Record::new(Id::from_u128(id), parent, now, "n".into(), body)
}

fn refusal(result: Result<PairData, DecodeError>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn a_step_straight_under_the_pair_is_refused_by_name() {
    let message = refusal(sample_with(|pair| {
        vec![record(700, pair, Body::Step(Step::default()))]
    }));
    assert_eq!(
        message,
        format!(
            "the record {} (kind \"step\") sits under a record of kind \"pair\", which cannot hold it",
            Id::from_u128(700)
        )
    );
}

#[test]
fn an_action_item_under_a_milestone_is_refused_by_name() {
    let message = refusal(sample_with(|pair| {
        vec![
            record(701, pair, Body::Objective(Objective::default())),
            record(
                702,
                Id::from_u128(701),
                Body::Milestone(Milestone::default()),
            ),
            record(
                703,
                Id::from_u128(702),
                Body::ActionItem(ActionItem::default()),
            ),
        ]
    }));
    assert!(
        message.contains(&format!("{} (kind \"action_item\")", Id::from_u128(703))),
        "{message}"
    );
    assert!(message.contains("of kind \"milestone\""), "{message}");
}

#[test]
fn a_session_inside_a_session_is_refused_by_name() {
    let message = refusal(sample_with(|pair| {
        vec![
            record(704, pair, Body::Session(Session::default())),
            record(705, Id::from_u128(704), Body::Session(Session::default())),
        ]
    }));
    assert!(
        message.contains(&format!(
            "{} (kind \"session\") sits under a record of kind \"session\"",
            Id::from_u128(705)
        )),
        "{message}"
    );
}

#[test]
fn a_pair_inside_a_pair_is_refused_by_name() {
    let message = refusal(sample_with(|pair| {
        vec![record(706, pair, Body::Pair(Default::default()))]
    }));
    assert!(
        message.contains(&format!("{} (kind \"pair\")", Id::from_u128(706))),
        "{message}"
    );
}

#[test]
fn a_conflict_kept_of_a_conflict_is_refused_but_one_of_an_action_is_read() {
    let session = |pair| record(707, pair, Body::Session(Session::default()));
    let action = || {
        record(
            708,
            Id::from_u128(707),
            Body::ActionItem(ActionItem::default()),
        )
    };
    let conflict = |id, parent| record(id, parent, Body::Conflict(Box::new(action())));
    let read = sample_with(|pair| vec![session(pair), action(), conflict(709, Id::from_u128(708))])
        .expect("a session, its action and a kept version of the action make a tree");
    assert_eq!(read.ancestry(Id::from_u128(709)).len(), 4);

    let message = refusal(sample_with(|pair| {
        vec![
            session(pair),
            action(),
            conflict(709, Id::from_u128(708)),
            conflict(710, Id::from_u128(709)),
        ]
    }));
    assert!(
        message.contains(&format!(
            "{} (kind \"conflict\") sits under a record of kind \"conflict\"",
            Id::from_u128(710)
        )),
        "{message}"
    );
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

/// Broken texts, as replacements in a good pair's text or whole texts, and
/// the decode error each gives. Pins every message's wording.
fn broken_texts() -> Vec<(&'static str, String)> {
    let (pair, _) = sample();
    let good = encode_pair(&pair);
    let field = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        good.replacen(from, to, 1)
    };
    let minutes = r#""length_minutes":60"#;
    let cadence = r#""cadence":"fortnightly""#;
    let pair_body = r#""body":{"pair":{"title":"""#;
    let id = r#""id":"00000000000000000000000000000002""#;
    let device =
        |roles: &str| format!(r#"{{"format":"trellis-device","version":1,"roles":{roles}}}"#);
    let index = |pairs: &str| format!(r#"{{"format":"trellis-index","version":1{pairs}}}"#);
    let v0 =
        |records: &str| format!(r#"{{"format":"trellis-pair","version":0,"records":{records}}}"#);
    vec![
        ("pair", field(minutes, r#""length_minutes":"sixty""#)),
        ("pair", field(minutes, r#""length_minutes":-1"#)),
        ("pair", field(minutes, r#""length_minutes":70000"#)),
        ("pair", field(minutes, r#""length_minutes":null"#)),
        ("pair", field(minutes, r#""length_minutes":true"#)),
        ("pair", field(minutes, r#""length_minutes":[]"#)),
        ("pair", field(minutes, r#""length_minutes":{}"#)),
        ("pair", field(minutes, r#""length_minutes":-0"#)),
        (
            "pair",
            field(minutes, r#""length_minutes":-9223372036854775808"#),
        ),
        (
            "pair",
            field(minutes, r#""length_minutes":18446744073709551615"#),
        ),
        ("pair", field(cadence, r#""cadence":"daily""#)),
        ("pair", field(cadence, r#""cadence":{"every_days":"x"}"#)),
        ("pair", field(cadence, r#""cadence":{}"#)),
        ("pair", field(cadence, r#""cadence":5"#)),
        ("pair", field(cadence, r#""cadence":{"every_days":300}"#)),
        (
            "pair",
            field(r#""mentor_style":"mixed""#, r#""mentor_style":"bossy""#),
        ),
        (
            "pair",
            field(r#""mentor_style":"mixed""#, r#""mentor_style":1"#),
        ),
        (
            "pair",
            field(r#""format":"video""#, r#""format":"\u00e9\"\\\u0001x""#),
        ),
        (
            "pair",
            field(minutes, r#""length_minutes":"\u00e9\"\\\u0001\u007f""#),
        ),
        (
            "pair",
            field(r#""start":null"#, r#""start":"\u00e9\"\\\u0001""#),
        ),
        (
            "pair",
            field(r#""mentor":{"name":"Ana""#, r#""mentor":{"name":{"a":1}"#),
        ),
        ("pair", field(r#""start":null"#, r#""start":"soon""#)),
        ("pair", field(r#""start":null"#, r#""start":"2026-13-01""#)),
        (
            "pair",
            field(r#""purpose":"Lead"#, r#""purpose":5,"x":"Lead"#),
        ),
        (
            "pair",
            field(r#""body":{"agreement""#, r#""body":{"hologram""#),
        ),
        (
            "pair",
            field(r#""body":{"agreement""#, r#""body":{"step":{},"agreement""#),
        ),
        (
            "pair",
            field(
                r#""body":{"agreement""#,
                r#""body":{"agreement":{},"agreement""#,
            ),
        ),
        (
            "pair",
            field(r#""body":{"agreement":{"#, r#""body":"x","y":{"#),
        ),
        (
            "pair",
            field(r#""body":{"agreement":{"#, r#""body":{},"y":{"#),
        ),
        (
            "pair",
            field(
                r#""body":{"agreement":{"#,
                r#""body":{"deleted":"hologram","y":{"#,
            ),
        ),
        (
            "pair",
            field(
                pair_body,
                r#""body":{"pair":{"title":"","mentor":"Ana","x":"""#,
            ),
        ),
        (
            "pair",
            field(r#""mentor":{"name":"Ana""#, r#""mentor":{"name":42"#),
        ),
        (
            "pair",
            field(
                r#""mentor":{"name":"Ana""#,
                r#""mentor":{"name":"é\"\\\u0001 at line 3 column 4""#,
            ),
        ),
        (
            "pair",
            field(
                r#""updated":"2026-05-01T09:00:00.000Z""#,
                r#""updated":"yesterday""#,
            ),
        ),
        (
            "pair",
            field(
                r#""updated":"2026-05-01T09:00:00.000Z""#,
                r#""modified":"2026-05-01T09:00:00.000Z""#,
            ),
        ),
        ("pair", field(id, r#""id":"zz""#)),
        ("pair", field(id, r#""id":5"#)),
        ("pair", field(id, r#""id":"é\"x""#)),
        ("pair", field(r#""rank":"n""#, r#""rank":5"#)),
        ("pair", field(r#""format":"trellis-pair""#, r#""format":5"#)),
        ("pair", field(r#""version":1"#, r#""version":"1""#)),
        ("pair", field(r#""version":1"#, r#""version":-1"#)),
        ("pair", field(r#""version":1"#, r#""version":2"#)),
        ("pair", field(r#""records":["#, r#""recs":["#)),
        (
            "pair",
            r#"{"format":"trellis-pair","version":1,"records":{"a":1}}"#.into(),
        ),
        (
            "pair",
            r#"{"format":"trellis-pair","version":1,"records":[5]}"#.into(),
        ),
        (
            "pair",
            r#"{"format":"trellis-pair","version":1,"records":[{"id":"x"}]}"#.into(),
        ),
        (
            "pair",
            r#"{"format":"trellis-pair","version":1,"records":[]}"#.into(),
        ),
        ("pair", r#"["format"]"#.into()),
        ("pair", v0("5")),
        ("pair", v0("[5, {\"id\": 1}]")),
        (
            "pair",
            v0("[{\"modified\": 1, \"body\": {\"agreement\": {\"cadence\": 9}}}]"),
        ),
        (
            "pair",
            v0("[{\"body\": {\"agreement\": {\"cadence\": 7}}}]"),
        ),
        (
            "pair",
            "{\"format\": \"trellis-pair\",\n \"version\": 1,,}".into(),
        ),
        ("pair", "".into()),
        ("pair", "{\"a\": 1.5}".into()),
        ("pair", "[\"\\ud800\"]".into()),
        ("pair", "\"\u{e9}\u{e9}\\q\"".into()),
        (
            "device",
            device(r#"{"00000000000000000000000000000001":"boss"}"#),
        ),
        ("device", device(r#"{"nothex":"mentor"}"#)),
        ("device", device("[]")),
        ("device", device("null")),
        (
            "device",
            r#"{"format":"trellis-device","version":1}"#.into(),
        ),
        ("index", index("")),
        ("index", index(r#","pairs":[1]"#)),
        ("index", index(r#","pairs":"x""#)),
        (
            "index",
            index(r#","pairs":["0000000000000000000000000000000g"]"#),
        ),
        (
            "index",
            r#"{"format":"trellis-index","version":1,"pairs":[],"format":"x"}"#.into(),
        ),
    ]
}

#[test]
fn each_broken_text_is_explained_as_before() {
    let expected: Vec<Result<(), &str>> = vec![
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: string \"sixty\", expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: integer `-1`, expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid value: integer `70000`, expected a number that fits u16"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: null, expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: boolean `true`, expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: sequence, expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: map, expected a whole number"),
        Ok(()),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: integer `-9223372036854775808`, expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid value: integer `18446744073709551615`, expected a number that fits u16"),
        Err("record 2 (agreement 00000000000000000000000000000002), field cadence: unknown variant `daily`, expected one of `weekly`, `fortnightly`, `monthly`, `every_days`"),
        Err("record 2 (agreement 00000000000000000000000000000002), field cadence.every_days: invalid type: string \"x\", expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field cadence: missing field `every_days`"),
        Err("record 2 (agreement 00000000000000000000000000000002), field cadence: invalid type: integer `5`, expected a cadence"),
        Ok(()),
        Err("record 2 (agreement 00000000000000000000000000000002), field mentor_style: unknown variant `bossy`, expected one of `hands_on`, `advisory`, `mixed`"),
        Err("record 2 (agreement 00000000000000000000000000000002), field mentor_style: invalid type: integer `1`, expected a name"),
        Err("record 2 (agreement 00000000000000000000000000000002), field format: unknown variant `é\"\\\u{1}x`, expected one of `in_person`, `video`, `phone`, `chat`"),
        Err("record 2 (agreement 00000000000000000000000000000002), field length_minutes: invalid type: string \"é\\\"\\\\\\u{1}\\u{7f}\", expected a whole number"),
        Err("record 2 (agreement 00000000000000000000000000000002), field start: expected a date like 2026-05-01, found \"é\"\\\u{1}\""),
        Err("record 1 (pair 00000000000000000000000000000001), field mentor.name: invalid type: map, expected a string"),
        Err("record 2 (agreement 00000000000000000000000000000002), field start: expected a date like 2026-05-01, found \"soon\""),
        Err("record 2 (agreement 00000000000000000000000000000002), field start: expected a date like 2026-05-01, found \"2026-13-01\""),
        Err("record 2 (agreement 00000000000000000000000000000002), field purpose: invalid type: integer `5`, expected a string"),
        Err("record 2 (hologram 00000000000000000000000000000002), field body: unknown variant `hologram`, expected one of `pair`, `agreement`, `confirmation`, `objective`, `objective_consent`, `revision`, `milestone`, `step`, `win`, `session`, `session_part`, `action_item`, `resource`, `contact`, `evaluation`, `evaluation_answers`, `conflict`, `deleted`"),
        Err("record 2 (agreement 00000000000000000000000000000002), field body: invalid value: map, expected a map with a single key"),
        Ok(()),
        Err("it is not valid JSON (line 1, column 922: expected `,` or `]`)"),
        Err("it is not valid JSON (line 1, column 921: expected `,` or `]`)"),
        Err("record 2 (deleted 00000000000000000000000000000002), field body: invalid value: map, expected a map with a single key"),
        Ok(()),
        Err("record 1 (pair 00000000000000000000000000000001), field mentor.name: invalid type: integer `42`, expected a string"),
        Ok(()),
        Err("record 1 (pair 00000000000000000000000000000001), field updated: expected a date and time like 2026-05-01T09:00:00Z, found \"yesterday\""),
        Err("record 1 (pair 00000000000000000000000000000001): missing field `updated`"),
        Err("record 2 (agreement zz), field id: invalid value: string \"zz\", expected an id of 32 hexadecimal digits"),
        Err("record 2 (agreement without an id), field id: invalid type: integer `5`, expected an id"),
        Err("record 2 (agreement é\"x), field id: invalid value: string \"é\\\"x\", expected an id of 32 hexadecimal digits"),
        Err("record 1 (pair 00000000000000000000000000000001), field rank: invalid type: integer `5`, expected a string"),
        Err("it is not a Trellis pair (found no format name)"),
        Err("version: expected a whole number"),
        Err("version: expected a whole number"),
        Err("it was written by a newer version of Trellis (format version 2; this version reads up to 1)"),
        Err("the whole file: missing field `records`"),
        Err("field records: invalid type: map, expected a sequence"),
        Err("record 1 (record without an id): invalid type: integer `5`, expected struct Record"),
        Err("record 1 (record x), field id: invalid value: string \"x\", expected an id of 32 hexadecimal digits"),
        Err("it has no pair record"),
        Err("it is not a Trellis pair (found no format name)"),
        Err("it could not be upgraded from version 0: its records are not a list"),
        Err("record 1 (record without an id): invalid type: integer `5`, expected struct Record"),
        Err("record 1 (agreement without an id): missing field `id`"),
        Err("record 1 (agreement without an id): missing field `id`"),
        Err("it is not valid JSON (line 2, column 15: key must be a string)"),
        Err("it is not valid JSON (line 1, column 0: EOF while parsing a value)"),
        Err("it is not valid JSON (line 1, column 8: a number with a fraction or an exponent, which Trellis never writes)"),
        Err("field 0: half a character, not a whole one (lone leading surrogate in hex escape, line 1, column 9)"),
        Err("it is not valid JSON (line 1, column 5: invalid escape)"),
        Ok(()),
        Ok(()),
        Ok(()),
        Ok(()),
        Ok(()),
        Err("the whole file: missing field `pairs`"),
        Err("field pairs.0: invalid type: integer `1`, expected an id"),
        Err("field pairs: invalid type: string \"x\", expected a list"),
        Err("field pairs.0: invalid value: string \"0000000000000000000000000000000g\", expected an id of 32 hexadecimal digits"),
        Err("it is not a Trellis index (found format \"x\")"),
    ];
    let found: Vec<Result<(), String>> = broken_texts()
        .into_iter()
        .map(|(what, text)| {
            let decoded = match what {
                "pair" => decode_pair(&text).map(|_| ()),
                "device" => decode_device(&text).map(|_| ()),
                _ => decode_index(&text).map(|_| ()),
            };
            decoded.map_err(|error| error.to_string())
        })
        .collect();
    assert_eq!(found.len(), expected.len());
    for (found, expected) in found.iter().zip(&expected) {
        assert_eq!(
            found.as_ref().map(|_| ()).map_err(String::as_str),
            *expected
        );
    }
}

#[test]
fn device_settings_keep_exports_and_the_reminder_and_default_to_14_days() {
    let mut settings = DeviceSettings::default();
    assert_eq!(settings.remind_after_days, 14);
    settings.roles.insert(Id::from_u128(1), Role::Mentee);
    settings.exported.insert(
        Id::from_u128(1),
        Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap(),
    );
    settings.remind_after_days = 30;
    assert_eq!(decode_device(&encode_device(&settings)).unwrap(), settings);
    let older = r#"{"format":"trellis-device","version":1,"roles":{}}"#;
    assert_eq!(decode_device(older).unwrap(), DeviceSettings::default());
}

#[test]
fn content_reads_as_lines_of_field_and_value() {
    let body = Body::Objective(crate::domain::Objective {
        title: "Give a talk".into(),
        ..Default::default()
    });
    let lines = content_lines(&body);
    assert!(lines.contains(&("title".to_string(), "Give a talk".to_string())));
    assert!(
        lines.iter().any(|(name, _)| name == "smart specific"),
        "{lines:?}"
    );
    assert!(lines.iter().all(|(name, _)| !name.contains('_')));
}

#[test]
fn one_device_setting_that_does_not_read_keeps_the_others() {
    let text = r#"{"format":"trellis-device","version":1,"roles":{"00000000000000000000000000000001":"boss"},"exported":{"00000000000000000000000000000001":"2026-05-01T09:00:00.000Z"},"remind_after_days":30}"#;
    let settings = decode_device(text).unwrap();
    assert!(settings.roles.is_empty());
    assert_eq!(settings.exported.len(), 1);
    assert_eq!(settings.remind_after_days, 30);
}

#[test]
fn a_value_that_reads_like_a_position_is_quoted_whole() {
    let text = r#"{"format":"trellis-pair","version":1,"records":[{"id":"00000000000000000000000000000001","parent":"00000000000000000000000000000000","created":"2026-05-01T09:00:00.000Z","updated":"2026-05-01T09:00:00.000Z","rank":"n","body":{"pair":{"title":"x"}}},{"id":"00000000000000000000000000000002","parent":"00000000000000000000000000000001","created":"2026-05-01T09:00:00.000Z","updated":"2026-05-01T09:00:00.000Z","rank":"n","body":{"agreement":{"mentor_style":"chill at line 4"}}}]}"#;
    let message = decode_pair(text).unwrap_err().to_string();
    assert!(
        message.contains("unknown variant `chill at line 4`"),
        "{message}"
    );
}

#[test]
fn half_a_character_is_refused_by_the_field_that_holds_it() {
    let file = include_str!("../../../tests/fixtures/export-v1.json");
    for (escape, what) in [
        ("\\ud800", "lone leading surrogate"),
        ("\\udc00", "lone trailing surrogate"),
        ("\\ud800\\u0041", "invalid surrogate pair"),
    ] {
        let broken = file.replacen("\"purpose\":\"", &format!("\"purpose\":\"{escape}"), 1);
        let error = crate::storage::exchange::decode_export(&broken).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(
                "field pairs.0.records.1.body.agreement.purpose: half a character, not a whole one ("
            ),
            "{message}"
        );
        assert!(message.contains(what), "{message}");
    }
    // A broken key or a text outside any member still says where it is.
    let error = parse_text("\"\\ud800\"").unwrap_err();
    assert!(matches!(error, DecodeError::Syntax { .. }), "{error}");
}
