//! A workbook file or share link protected with a passphrase: the
//! `trellis-sealed` envelope. The browser does the cryptography
//! (WebCrypto, in `src/ui/link.js`): a key from the passphrase by
//! PBKDF2-SHA-256 with a random salt, then AES-256-GCM with a random
//! nonce over the export file's text, compressed (deflate-raw) first. This
//! module writes and reads the envelope around the result, so what a file
//! holds is checked here, in pure Rust, before the browser is asked to
//! open it.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

use super::codec::{parse_text, DecodeError};
use super::exchange::MAX_IMPORT_BYTES;
use super::parse::Json;
use crate::domain::json::Object;

/// The envelope's format name.
pub const SEALED_FORMAT: &str = "trellis-sealed";
/// The newest envelope version this build reads, and the one it writes.
pub const SEALED_VERSION: u32 = 1;
/// The cipher, as the envelope names it.
pub const CIPHER: &str = "AES-256-GCM";
/// How the key comes from the passphrase, as the envelope names it.
pub const KEY_FROM: &str = "PBKDF2-SHA-256";
/// PBKDF2 iterations for a new file: OWASP's figure for SHA-256 in 2023.
pub const ITERATIONS: u32 = 600_000;
/// More iterations than this would keep the browser busy for many seconds: a
/// file asking for them is refused rather than opened.
const MOST_ITERATIONS: u64 = 10_000_000;
/// The salt's length, in bytes.
const SALT_BYTES: usize = 16;
/// The nonce's length, in bytes (AES-GCM's 96 bits).
const NONCE_BYTES: usize = 12;
/// The authentication tag AES-GCM puts after the encrypted bytes.
const TAG_BYTES: usize = 16;

/// A sealed file: how to make the key, and the encrypted bytes, each in
/// base64url without padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: String,
    pub nonce: String,
    pub data: String,
}

impl Sealed {
    /// The envelope's text, as a file or inside a share link.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        Object::new(&mut out)
            .member("format", &SEALED_FORMAT)
            .member("version", &SEALED_VERSION)
            .member("cipher", &CIPHER)
            .member("kdf", &KEY_FROM)
            .member("iterations", &self.iterations)
            .member("salt", &self.salt)
            .member("nonce", &self.nonce)
            .member("data", &self.data)
            .end();
        out
    }

    /// Reads a parsed document as a sealed envelope; `None` when it is not
    /// one (it names another format, or none).
    pub fn from_json(value: &Json) -> Option<Result<Sealed, DecodeError>> {
        (value.get("format").and_then(Json::as_str) == Some(SEALED_FORMAT)).then(|| read(value))
    }
}

/// The envelope's fields, each checked: a newer version, another cipher
/// or key method, too few or too many iterations, or a salt, nonce or data of
/// the wrong length or alphabet is refused, naming the field.
fn read(value: &Json) -> Result<Sealed, DecodeError> {
    let field = |name: &str, message: String| DecodeError::Shape {
        place: format!("field {name}"),
        message,
    };
    let version = value.get("version").and_then(Json::as_u64);
    let version = version.ok_or_else(|| field("version", "expected a whole number".into()))?;
    if version > u64::from(SEALED_VERSION) {
        return Err(DecodeError::Newer {
            found: version,
            supported: SEALED_VERSION,
        });
    }
    for (name, known) in [("cipher", CIPHER), ("kdf", KEY_FROM)] {
        let found = value.get(name).and_then(Json::as_str);
        if found != Some(known) {
            return Err(field(
                name,
                format!("it is locked in a way this version of Trellis cannot open (expected \"{known}\")"),
            ));
        }
    }
    let iterations = value
        .get("iterations")
        .and_then(Json::as_u64)
        .filter(|r| (u64::from(ITERATIONS)..=MOST_ITERATIONS).contains(r))
        .ok_or_else(|| {
            field(
                "iterations",
                format!("expected a whole number from {ITERATIONS} to {MOST_ITERATIONS}"),
            )
        })?;
    let code = |name: &str, fits: &dyn Fn(usize) -> bool, expected: &str| {
        value
            .get(name)
            .and_then(Json::as_str)
            .filter(|code| decoded_length(code).is_some_and(fits))
            .map(str::to_string)
            .ok_or_else(|| field(name, format!("expected {expected} in base64url")))
    };
    Ok(Sealed {
        iterations: iterations as u32,
        salt: code("salt", &|n| n == SALT_BYTES, "16 bytes")?,
        nonce: code("nonce", &|n| n == NONCE_BYTES, "12 bytes")?,
        data: code("data", &|n| n > TAG_BYTES, "the encrypted file")?,
    })
}

/// How many bytes a base64url text (without padding) holds, or `None`
/// when it is not one.
fn decoded_length(code: &str) -> Option<usize> {
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_';
    (code.bytes().all(|b| alphabet(&b)) && code.len() % 4 != 1).then_some(code.len() * 3 / 4)
}

/// What a file or link holds: a workbook to preview, or a sealed one to
/// open with its passphrase first.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    Plain(crate::domain::Workbook),
    Sealed(Sealed),
}

/// Reads a file or link's text completely: a sealed envelope, or an
/// export file (see `exchange::decode_export`).
pub fn decode_incoming(text: &str) -> Result<Incoming, DecodeError> {
    super::exchange::check_size(text.len())?;
    let value = parse_text(text)?;
    match Sealed::from_json(&value) {
        Some(sealed) => sealed.map(Incoming::Sealed),
        None => super::exchange::decode_export_value(value).map(Incoming::Plain),
    }
}

#[wasm_bindgen(module = "/src/ui/link.js")]
extern "C" {
    #[wasm_bindgen(js_name = seal)]
    fn seal_in_browser(text: &str, passphrase: &str, iterations: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = unseal)]
    fn unseal_in_browser(
        passphrase: &str,
        iterations: u32,
        salt: &str,
        nonce: &str,
        data: &str,
        limit: usize,
    ) -> js_sys::Promise;
}

/// Locks `text` with `passphrase`: the envelope's text, or `None` when
/// this browser cannot (WebCrypto runs only on https pages and localhost).
pub async fn seal(text: &str, passphrase: &str) -> Option<String> {
    let parts = JsFuture::from(seal_in_browser(text, passphrase, ITERATIONS))
        .await
        .ok()?
        .as_string()?;
    let mut parts = parts.split('.').map(str::to_string);
    Some(
        Sealed {
            iterations: ITERATIONS,
            salt: parts.next()?,
            nonce: parts.next()?,
            data: parts.next()?,
        }
        .to_text(),
    )
}

/// Why a sealed file or link did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenFault {
    /// AES-GCM checks every byte: a wrong passphrase and a changed byte
    /// fail the same check, and cannot be told apart.
    #[error("that passphrase does not open it, or it was changed after it was locked")]
    Wrong,
    #[error("it unpacks to more than the 5 MB Trellis imports")]
    TooLarge,
    #[error("this browser cannot open protected files on this page (it needs an https address)")]
    Unsupported,
}

/// Opens a sealed file with `passphrase`: the text it holds, or why not.
pub async fn unseal(sealed: &Sealed, passphrase: &str) -> Result<String, OpenFault> {
    let promise = unseal_in_browser(
        passphrase,
        sealed.iterations,
        &sealed.salt,
        &sealed.nonce,
        &sealed.data,
        MAX_IMPORT_BYTES,
    );
    let opened = JsFuture::from(promise)
        .await
        .map_err(|_| OpenFault::Unsupported)?;
    if opened.is_undefined() {
        return Err(OpenFault::Wrong);
    }
    opened.as_string().ok_or(OpenFault::TooLarge)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
