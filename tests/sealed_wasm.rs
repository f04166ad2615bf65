//! Passphrase-protected files and links with the real WebCrypto of
//! headless Chromium: what is locked opens with its passphrase, and only
//! with it, and not once a byte has changed.
#![cfg(target_arch = "wasm32")]
// A test that cannot unwrap should fail loudly: that is what these do.
#![allow(clippy::unwrap_used)]

use trellis::storage::exchange::MAX_IMPORT_BYTES;
use trellis::storage::sealed::{decode_incoming, seal, unseal, Incoming, OpenFault, Sealed};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSPHRASE: &str = "copper kettle 42";

fn plain_file() -> &'static str {
    include_str!("fixtures/export-v1.json")
}

/// The envelope a locked text reads as.
fn read_sealed(text: &str) -> Sealed {
    match decode_incoming(text).unwrap() {
        Incoming::Sealed(sealed) => sealed,
        Incoming::Plain(_) => panic!("a locked text read as a plain workbook"),
    }
}

/// `code` with its character at `at` replaced by another of the alphabet.
fn changed_at(code: &str, at: usize) -> String {
    let mut bytes = code.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

#[wasm_bindgen_test]
async fn a_locked_file_opens_with_its_passphrase_to_the_same_text() {
    let locked = seal(plain_file(), PASSPHRASE).await.unwrap();
    // None of the workbook's words are left readable in what is sent.
    for word in ["trellis-workbook", "records", "mentor", "agenda_template"] {
        assert!(!locked.contains(word), "{word} is readable in {locked}");
    }
    let sealed = read_sealed(&locked);
    assert_eq!(sealed.iterations, 600_000);
    assert_eq!(
        unseal(&sealed, PASSPHRASE).await,
        Ok(plain_file().to_string())
    );
    // A new salt and nonce each time: the same text never locks the same.
    let again = read_sealed(&seal(plain_file(), PASSPHRASE).await.unwrap());
    assert_ne!(again.salt, sealed.salt);
    assert_ne!(again.nonce, sealed.nonce);
    assert_ne!(again.data, sealed.data);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_does_not_open_it() {
    let sealed = read_sealed(&seal(plain_file(), PASSPHRASE).await.unwrap());
    for wrong in [
        "copper kettle 43",
        "Copper kettle 42",
        "",
        "copper kettle 42 ",
    ] {
        assert_eq!(
            unseal(&sealed, wrong).await,
            Err(OpenFault::Wrong),
            "{wrong:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_changed_byte_anywhere_is_refused() {
    let sealed = read_sealed(&seal(plain_file(), PASSPHRASE).await.unwrap());
    let last = sealed.data.len() - 1;
    let changes = [
        Sealed {
            data: changed_at(&sealed.data, 0),
            ..sealed.clone()
        },
        Sealed {
            data: changed_at(&sealed.data, sealed.data.len() / 2),
            ..sealed.clone()
        },
        // The last characters carry the authentication tag.
        Sealed {
            data: changed_at(&sealed.data, last - 1),
            ..sealed.clone()
        },
        Sealed {
            salt: changed_at(&sealed.salt, 3),
            ..sealed.clone()
        },
        Sealed {
            nonce: changed_at(&sealed.nonce, 5),
            ..sealed.clone()
        },
        Sealed {
            iterations: sealed.iterations + 1,
            ..sealed.clone()
        },
    ];
    for changed in changes {
        assert_eq!(
            unseal(&changed, PASSPHRASE).await,
            Err(OpenFault::Wrong),
            "{changed:?}"
        );
    }
    assert_eq!(
        unseal(&sealed, PASSPHRASE).await,
        Ok(plain_file().to_string())
    );
}

#[wasm_bindgen_test]
async fn a_locked_file_that_unpacks_past_the_import_limit_is_refused() {
    let huge = "a".repeat(MAX_IMPORT_BYTES + 1);
    let locked = seal(&huge, PASSPHRASE).await.unwrap();
    assert!(
        locked.len() < 100_000,
        "it compresses: {} bytes",
        locked.len()
    );
    assert_eq!(
        unseal(&read_sealed(&locked), PASSPHRASE).await,
        Err(OpenFault::TooLarge)
    );
}
