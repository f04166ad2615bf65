use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::hash::{fnv1a, FNV_OFFSET};

/// A globally unique record id: 128 random bits made at the edge, so two
/// people's copies of a workbook never hand out the same id. Written as 32
/// lowercase hex digits.
///
/// Kept as two 64-bit halves, high first, so that ids compare (and sort)
/// as their text does, two integer comparisons at most: the maps of a
/// pair find records by binary search over ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id {
    high: u64,
    low: u64,
}

impl Id {
    /// Wraps raw bits; the edge passes random ones, tests pass small numbers.
    pub const fn from_u128(bits: u128) -> Self {
        Id {
            high: (bits >> 64) as u64,
            low: bits as u64,
        }
    }

    /// An id both devices derive from the same text (two 64-bit FNV-1a
    /// hashes), for a record each may create on its own and that must
    /// meet itself on merge: a scheduled evaluation round, a conflict.
    pub fn derived(text: &str) -> Self {
        let high = fnv1a(FNV_OFFSET, text);
        let low = fnv1a(0x6c62_272e_07bb_0142, text);
        Id::from_u128((u128::from(high) << 64) | u128::from(low))
    }

    /// The nil id, used as the parent of a pair record (which has none).
    pub const NONE: Id = Id::from_u128(0);

    /// Reads the 32-hex-digit form (hyphens, as in a UUID, are allowed).
    /// Read digit by digit, with no copy: a stored pair at 100x holds
    /// thirteen thousand ids.
    pub fn parse(text: &str) -> Option<Self> {
        let mut value: u128 = 0;
        let mut digits = 0;
        for byte in text.bytes().filter(|b| *b != b'-') {
            value = value << 4 | u128::from(char::from(byte).to_digit(16)?);
            digits += 1;
        }
        (digits == 32).then(|| Id::from_u128(value))
    }

    /// Appends the 32 lowercase hex digits, without the general formatter:
    /// a save of a large pair writes tens of thousands of ids.
    pub fn push_hex(&self, out: &mut String) {
        for half in [self.high, self.low] {
            for shift in (0..16).rev() {
                out.extend(char::from_digit((half >> (shift * 4)) as u32 & 15, 16));
            }
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(32);
        self.push_hex(&mut text);
        f.write_str(&text)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Id::parse(&text).ok_or_else(|| {
            D::Error::custom(format!("expected an id of 32 hex digits, found \"{text}\""))
        })
    }
}

/// Where `apply` gets fresh ids for the records an action creates.
pub trait IdSource {
    /// A new id, never handed out before.
    fn next_id(&mut self) -> Id;
}

/// Counts up from a start; deterministic ids for native tests.
#[derive(Clone, Debug)]
pub struct SequentialIds(pub u128);

impl IdSource for SequentialIds {
    fn next_id(&mut self) -> Id {
        self.0 += 1;
        Id::from_u128(self.0)
    }
}

impl<F: FnMut() -> Id> IdSource for F {
    fn next_id(&mut self) -> Id {
        self()
    }
}

/// An id in the export format's JSON Schema: 32 lowercase hex digits.
#[cfg(all(test, not(target_arch = "wasm32")))]
impl schemars::JsonSchema for Id {
    fn schema_name() -> String {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            string: Some(Box::new(schemars::schema::StringValidation {
                pattern: Some("^[0-9a-f]{32}$".into()),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_what_they_write_and_refuse_anything_else() {
        let id = Id::from_u128(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        assert_eq!(id.to_string(), "0123456789abcdef0011223344556677");
        assert_eq!(Id::parse(&id.to_string()), Some(id));
        assert_eq!(Id::parse("01234567-89ab-cdef-0011-223344556677"), Some(id));
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"0123456789abcdef0011223344556677\""
        );
        for bad in [
            "",
            "xyz",
            "0123456789abcdef001122334455667",
            "+123456789abcdef0011223344556677",
            "0123456789abcdef00112233445566778",
            "é123456789abcdef0011223344556677",
            "0123456789abcdef0011223344556677\u{663}",
        ] {
            assert_eq!(Id::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_sort_as_their_text_does() {
        let texts = [
            "00000000000000000000000000000001",
            "00000000000000010000000000000000",
            "0fffffffffffffffffffffffffffffff",
            "f0000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffff",
        ];
        for pair in texts.windows(2) {
            let (a, b) = (Id::parse(pair[0]).unwrap(), Id::parse(pair[1]).unwrap());
            assert!(a < b, "{a} < {b}");
        }
        assert_eq!(
            Id::parse("ABCDEF0123456789ABCDEF0123456789").map(|id| id.to_string()),
            Some("abcdef0123456789abcdef0123456789".to_string())
        );
    }
}
