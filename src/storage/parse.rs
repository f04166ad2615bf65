//! A JSON parser (RFC 8259) into a small `Json` value.
//!
//! serde_json's own parser is general: it reads into any serde type and
//! parses floats with large tables, and its `Value` brought its own map and
//! number code. Trellis only ever parses whole documents, and its files
//! hold no fractions, so this small parser and value do that one job;
//! measured in BENCHMARKS.md. A number with a fraction or an exponent is
//! refused with a clear message.

use std::borrow::Cow;

use crate::domain::VecMap;

/// A text of a parsed document: borrowed from the document where it is
/// written out as it reads (no escapes), so most keys and values cost no
/// copy until a record takes them.
pub type Text<'t> = Cow<'t, str>;

/// A parsed JSON document. Numbers are whole: one that is not negative is
/// a `Number`, a negative one a `Negative`. An object keeps one member per
/// key (the last, when a key repeats), in key order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json<'t> {
    Null,
    Bool(bool),
    Number(u64),
    Negative(i64),
    String(Text<'t>),
    Array(Vec<Json<'t>>),
    Object(VecMap<Text<'t>, Json<'t>>),
}

impl<'t> Json<'t> {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json<'t>> {
        self.as_object()?.get(key)
    }

    /// The member `key` of an object, to change in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json<'t>> {
        self.as_object_mut()?.get_mut(key)
    }

    /// The item at `index` of a list.
    pub fn at(&self, index: usize) -> Option<&Json<'t>> {
        self.as_array()?.get(index)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(number) => Some(*number),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Json<'t>>> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Json<'t>>> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&VecMap<Text<'t>, Json<'t>>> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut VecMap<Text<'t>, Json<'t>>> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }
}

/// Why a text is not JSON, and where: 1-based line and column (in
/// characters) of the character that broke it, and the member names and
/// list positions that lead to the value it broke in.
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
    pub field: Vec<String>,
}

/// Parses a whole JSON document.
pub fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    let mut parser = Parser {
        text,
        at: 0,
        trail: Vec::new(),
    };
    let result = parser.document();
    result.map_err(|message| {
        let before = &text.as_bytes()[..parser.at.min(text.len())];
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column_text = String::from_utf8_lossy(&before[line_start..]);
        let at_end = parser.at >= text.len();
        parser.trail.reverse();
        SyntaxError {
            line: 1 + before.iter().filter(|b| **b == b'\n').count(),
            column: column_text.chars().count() + usize::from(!at_end),
            message,
            field: parser.trail,
        }
    })
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

struct Parser<'t> {
    text: &'t str,
    at: usize,
    /// On a failure, the member names and list positions the error passed
    /// on its way out, innermost first: nothing is kept while all is well.
    trail: Vec<String>,
}

type Step<T> = Result<T, &'static str>;

impl<'t> Parser<'t> {
    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    fn document(&mut self) -> Step<Json<'t>> {
        let value = self.value(0)?;
        self.skip_space();
        if self.at < self.bytes().len() {
            return Err("trailing characters");
        }
        Ok(value)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` after any space, or fails with `message`.
    fn expect(&mut self, byte: u8, message: &'static str) -> Step<()> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(message)
        }
    }

    fn value(&mut self, depth: usize) -> Step<Json<'t>> {
        if depth > MAX_DEPTH {
            return Err("nesting too deep");
        }
        self.skip_space();
        match self.peek() {
            None => Err("EOF while parsing a value"),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err("expected value"),
        }
    }

    fn word(&mut self, word: &str, value: Json<'t>) -> Step<Json<'t>> {
        for expected in word.bytes() {
            if self.peek() != Some(expected) {
                return Err("expected value");
            }
            self.at += 1;
        }
        Ok(value)
    }

    fn object(&mut self, depth: usize) -> Step<Json<'t>> {
        self.at += 1;
        // Gathered, then sorted once into the map (`VecMap::from_unsorted`).
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(VecMap::new()));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err("key must be a string");
            }
            let key = self.string()?;
            self.expect(b':', "expected `:`")?;
            let value = match self.value(depth + 1) {
                Ok(value) => value,
                Err(message) => {
                    self.trail.push(key.into_owned());
                    return Err(message);
                }
            };
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(VecMap::from_unsorted(members)));
                }
                None => return Err("EOF while parsing an object"),
                Some(_) => return Err("expected `,` or `}`"),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Step<Json<'t>> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            match self.value(depth + 1) {
                Ok(item) => items.push(item),
                Err(message) => {
                    self.trail.push(items.len().to_string());
                    return Err(message);
                }
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err("EOF while parsing a list"),
                Some(_) => return Err("expected `,` or `]`"),
            }
        }
    }

    /// A string, borrowed from the document unless it has escapes.
    fn string(&mut self) -> Step<Text<'t>> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            // A plain loop over the slice, not a call per byte.
            let bytes = self.bytes();
            let mut end = start;
            while end < bytes.len() && !matches!(bytes[end], b'"' | b'\\' | 0..=0x1f) {
                end += 1;
            }
            self.at = end;
            // The text came in as a str and the run starts and stops at
            // ASCII bytes, so the run is whole UTF-8.
            let run = &self.text[start..self.at];
            match self.peek() {
                None => return Err("EOF while parsing a string"),
                Some(b'"') => {
                    self.at += 1;
                    if out.is_empty() {
                        return Ok(Cow::Borrowed(run));
                    }
                    out.push_str(run);
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(run);
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err("invalid escape"),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                Some(_) => return Err("control character in a string"),
            }
        }
    }

    /// The four hex digits after `\u`, with the second half of a surrogate
    /// pair when the first needs one.
    fn unicode_escape(&mut self) -> Step<char> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                return Err("lone leading surrogate in hex escape");
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err("invalid surrogate pair in hex escape");
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or("lone trailing surrogate in hex escape")
    }

    fn hex4(&mut self) -> Step<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or("invalid escape")?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn number(&mut self) -> Step<Json<'t>> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.at += 1;
                }
            }
            _ => return Err("invalid number"),
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return Err("a number with a fraction or an exponent, which Trellis never writes");
        }
        let mut magnitude: u64 = 0;
        for digit in &self.bytes()[start..self.at] {
            magnitude = magnitude
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(digit - b'0')))
                .ok_or("number out of range")?;
        }
        if negative && magnitude > 0 {
            let value = i64::try_from(-i128::from(magnitude)).map_err(|_| "number out of range")?;
            Ok(Json::Negative(value))
        } else {
            Ok(Json::Number(magnitude))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's value as a `Json`.
    fn from_serde(value: serde_json::Value) -> Json<'static> {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => match n.as_u64() {
                Some(u) => Json::Number(u),
                None => Json::Negative(n.as_i64().unwrap()),
            },
            Value::String(s) => Json::String(s.into()),
            Value::Array(items) => Json::Array(items.into_iter().map(from_serde).collect()),
            Value::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (key.into(), from_serde(value)))
                    .collect(),
            ),
        }
    }

    fn same_as_serde(text: &str) {
        let expected = from_serde(serde_json::from_str(text).unwrap());
        assert_eq!(parse(text).unwrap(), expected, "{text}");
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            "{}",
            "[]",
            " { \"a\" : [1, -2, 0, true, false, null, \"x\"], \"b\": {\"c\": {}} } ",
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 end""#,
            "\"caf\u{e9} \u{1f600}\"",
            "18446744073709551615",
            "-9223372036854775808",
            r#"{"dup": 1, "dup": 2}"#,
        ] {
            same_as_serde(text);
        }
    }

    #[test]
    fn keys_and_strings_without_escapes_are_not_copied() {
        let text = r#"{"title": "plain", "note": "two\nlines"}"#;
        let Ok(Json::Object(members)) = parse(text) else {
            panic!("not an object");
        };
        assert!(members
            .iter()
            .all(|(key, _)| matches!(key, Cow::Borrowed(_))));
        assert!(matches!(
            members.get("title"),
            Some(Json::String(Cow::Borrowed("plain")))
        ));
        assert!(
            matches!(members.get("note"), Some(Json::String(Cow::Owned(note))) if note == "two\nlines")
        );
    }

    #[test]
    fn says_where_a_text_breaks() {
        let at = |text: &str| {
            let e = parse(text).unwrap_err();
            (e.line, e.column)
        };
        assert_eq!(
            at("{\"format\": \"trellis-pair\",\n \"version\": 1,,}"),
            (2, 15)
        );
        assert_eq!(at(""), (1, 0));
        assert_eq!(at("{\"a\": 1"), (1, 7));
        assert_eq!(at("[1 2]"), (1, 4));
        assert_eq!(at("\"\u{e9}\u{e9}\\q\""), (1, 5));
    }

    #[test]
    fn refuses_what_is_not_json_or_not_trellis() {
        for text in [
            "{a: 1}",
            "[1,]",
            "01",
            "1.5",
            "2e3",
            "\"tab\there\"",
            "\"\\ud800\"",
            "18446744073709551616",
            "nul",
            "{} {}",
            &"[".repeat(200),
        ] {
            assert!(parse(text).is_err(), "{text:?} should be refused");
        }
    }
}
