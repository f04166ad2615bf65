use super::*;
use crate::storage::codec::parse_text;

/// An envelope as Trellis writes one: 16 bytes of salt, 12 of nonce and 40
/// of data, in base64url.
fn written() -> Sealed {
    Sealed {
        iterations: ITERATIONS,
        salt: "AAECAwQFBgcICQoLDA0ODw".into(),
        nonce: "EBESExQVFhcYGRob".into(),
        data: "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGRw".into(),
    }
}

/// The written envelope with one member changed (or removed, for `None`).
fn with_member(name: &str, value: Option<&str>) -> String {
    let mut text = String::from("{");
    for (key, written) in [
        ("format", "\"trellis-sealed\"".to_string()),
        ("version", "1".into()),
        ("cipher", "\"AES-256-GCM\"".into()),
        ("kdf", "\"PBKDF2-SHA-256\"".into()),
        ("iterations", "600000".into()),
        ("salt", format!("\"{}\"", written().salt)),
        ("nonce", format!("\"{}\"", written().nonce)),
        ("data", format!("\"{}\"", written().data)),
    ] {
        let value = if key == name {
            match value {
                Some(value) => value.to_string(),
                None => continue,
            }
        } else {
            written
        };
        if text.len() > 1 {
            text.push(',');
        }
        text += &format!("\"{key}\":{value}");
    }
    text + "}"
}

fn read_text(text: &str) -> Result<Incoming, DecodeError> {
    decode_incoming(text)
}

#[test]
fn the_envelope_is_written_as_documented_and_reads_back() {
    let text = written().to_text();
    assert_eq!(text, with_member("", None));
    assert!(text.starts_with(r#"{"format":"trellis-sealed","version":1,"cipher":"AES-256-GCM","kdf":"PBKDF2-SHA-256","iterations":600000,"salt":"#));
    assert_eq!(read_text(&text), Ok(Incoming::Sealed(written())));
}

#[test]
fn a_plain_export_file_is_read_as_a_workbook_not_as_a_sealed_one() {
    let text = include_str!("../../../tests/fixtures/export-v1.json");
    match read_text(text) {
        Ok(Incoming::Plain(book)) => assert!(!book.pairs.is_empty()),
        other => panic!("expected a plain workbook, got {other:?}"),
    }
    assert!(Sealed::from_json(&parse_text(text).unwrap()).is_none());
}

#[test]
fn a_newer_envelope_is_refused_naming_its_version() {
    let error = read_text(&with_member("version", Some("2"))).unwrap_err();
    assert!(error.is_newer(), "{error}");
    assert!(error.to_string().contains("format version 2"), "{error}");
}

#[test]
fn another_cipher_or_key_method_is_refused_by_field() {
    for (field, value) in [
        ("cipher", "\"AES-128-CBC\""),
        ("cipher", "null"),
        ("kdf", "\"scrypt\""),
    ] {
        let error = read_text(&with_member(field, Some(value))).unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with(&format!("field {field}:")), "{message}");
        assert!(message.contains("cannot open"), "{message}");
    }
    let missing = read_text(&with_member("cipher", None)).unwrap_err();
    assert!(
        missing.to_string().starts_with("field cipher:"),
        "{missing}"
    );
}

#[test]
fn too_few_or_too_many_iterations_are_refused() {
    for value in [
        "1000",
        "599999",
        "10000001",
        "-1",
        "\"600000\"",
        "18446744073709551615",
    ] {
        let error = read_text(&with_member("iterations", Some(value))).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("field iterations: expected a whole number from 600000 to 10000000"),
            "{value}: {error}"
        );
    }
    let most = with_member("iterations", Some("10000000"));
    match read_text(&most) {
        Ok(Incoming::Sealed(sealed)) => assert_eq!(sealed.iterations, 10_000_000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_salt_nonce_or_data_of_the_wrong_length_or_alphabet_is_refused_by_field() {
    let cases = [
        ("salt", "\"AAECAwQFBgcICQoLDA0O\"", "16 bytes"),
        ("salt", "\"AAECAwQFBgcICQoLDA0ODw==\"", "16 bytes"),
        ("salt", "\"AAECAwQFBgcICQoLDA0OD+\"", "16 bytes"),
        ("salt", "16", "16 bytes"),
        ("nonce", "\"EBESExQVFhcYGRobHB0\"", "12 bytes"),
        ("nonce", "\"EBESExQVFhc/GRob\"", "12 bytes"),
        ("data", "\"ICEiIyQlJicoKSorLC0uLw\"", "the encrypted file"),
        (
            "data",
            "\"ICEiIyQlJicoKSorLC0uLzAxMj<script>\"",
            "the encrypted file",
        ),
        ("data", "\"A\"", "the encrypted file"),
    ];
    for (field, value, expected) in cases {
        let error = read_text(&with_member(field, Some(value))).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("field {field}: expected {expected} in base64url"),
            "{field} = {value}"
        );
        let gone = read_text(&with_member(field, None)).unwrap_err();
        assert!(gone.to_string().starts_with(&format!("field {field}:")));
    }
}

#[test]
fn a_sealed_file_too_large_to_import_is_refused_before_it_is_read() {
    let data = "A".repeat(MAX_IMPORT_BYTES + 100);
    let text = with_member("data", Some(&format!("\"{data}\"")));
    let error = read_text(&text).unwrap_err();
    assert!(error.to_string().contains("5 MB"), "{error}");
}

#[test]
fn the_length_of_base64url_is_counted_without_decoding() {
    assert_eq!(decoded_length(""), Some(0));
    assert_eq!(decoded_length("AA"), Some(1));
    assert_eq!(decoded_length("AAA"), Some(2));
    assert_eq!(decoded_length("AAAA"), Some(3));
    assert_eq!(decoded_length("A"), None);
    assert_eq!(decoded_length("AA=="), None);
    assert_eq!(decoded_length("a-_9"), Some(3));
    assert_eq!(decoded_length("a+/9"), None);
}

/// A passphrase-protected file, for its JSON Schema.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct TrellisSealedFile {
    /// Always "trellis-sealed".
    format: String,
    /// The envelope's version; this version of Trellis writes 1.
    version: u32,
    /// Always "AES-256-GCM": the file's text, compressed with deflate (raw,
    /// no header), encrypted with a 256-bit key and a 96-bit nonce; the
    /// 16-byte authentication tag follows the encrypted bytes.
    cipher: String,
    /// Always "PBKDF2-SHA-256": how the key comes from the passphrase (its
    /// UTF-8 bytes) and the salt.
    kdf: String,
    /// PBKDF2 iterations: 600,000 in files Trellis writes; it opens files
    /// with 600,000 to 10,000,000.
    #[schemars(range(min = 600_000, max = 10_000_000))]
    iterations: u32,
    /// 16 random bytes, base64url without padding (22 characters).
    #[schemars(length(equal = 22))]
    salt: String,
    /// 12 random bytes, base64url without padding (16 characters).
    #[schemars(length(equal = 16))]
    nonce: String,
    /// The encrypted bytes and the tag, base64url without padding. Once
    /// opened and inflated, a `trellis-workbook` file
    /// (docs/trellis-workbook.schema.json).
    #[schemars(regex(pattern = "^[A-Za-z0-9_-]+$"))]
    data: String,
}

/// docs/trellis-sealed.schema.json is the one the type above gives, and
/// the envelope Trellis writes has the members it requires, and no other.
#[test]
fn the_published_schema_of_the_envelope_matches_the_type() {
    let schema = schemars::schema_for!(TrellisSealedFile);
    crate::storage::exchange::tests::assert_published(&schema, "trellis-sealed.schema.json");
    let written: serde_json::Value = serde_json::from_str(&written().to_text()).unwrap();
    let mut members: Vec<&String> = written.as_object().unwrap().keys().collect();
    members.sort_unstable();
    let required = &schema.schema.object.as_ref().unwrap().required;
    assert_eq!(members, required.iter().collect::<Vec<_>>());
}
