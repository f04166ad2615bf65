//! Reads a parsed JSON value into the record types, like serde_json's own
//! `&Value` deserializer but stricter: a struct must be a JSON object.
//!
//! serde_json also accepts an array for a struct, so serde's derive code for
//! reading every struct from a sequence gets compiled and shipped, though
//! Trellis never writes one. Refusing that shape leaves the sequence code
//! out of the wasm (about 5 KB brotli; see BENCHMARKS.md). Errors are
//! serde_json's, and the reader notes where one happened: the keys and
//! indexes from the top down to the value that failed.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Error as _, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Value};
use std::cell::RefCell;

/// Where an error happened, written innermost first as the error travels
/// out.
type Trail = RefCell<Vec<String>>;

/// A JSON value to read from, and the trail to note an error's place on.
#[derive(Clone, Copy)]
pub struct Json<'de, 't> {
    value: &'de Value,
    trail: &'t Trail,
}

/// Reads a nested value, noting `step` on the trail if it fails.
fn nested<'de, S: DeserializeSeed<'de>>(
    seed: S,
    value: &'de Value,
    trail: &Trail,
    step: &dyn std::fmt::Display,
) -> Result<S::Value, Error> {
    seed.deserialize(Json { value, trail })
        .inspect_err(|_| trail.borrow_mut().push(step.to_string()))
}

pub fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, f) => Unexpected::Float(f.unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

impl<'de> Json<'de, '_> {
    fn object<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => visitor.visit_map(Members {
                entries: map.iter(),
                current: None,
                trail: self.trail,
            }),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }
}

impl<'de> Deserializer<'de> for Json<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (_, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                trail: self.trail,
            }),
            Value::Object(_) => self.object(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(tag) => visitor.visit_enum(Variant {
                tag,
                content: None,
                trail: self.trail,
            }),
            Value::Object(map) if map.len() == 1 => {
                let (tag, content) = map.iter().next().ok_or_else(|| {
                    Error::invalid_value(Unexpected::Map, &"a map with a single key")
                })?;
                visitor.visit_enum(Variant {
                    tag,
                    content: Some(content),
                    trail: self.trail,
                })
            }
            Value::Object(_) => Err(Error::invalid_value(
                Unexpected::Map,
                &"a map with a single key",
            )),
            other => Err(Error::invalid_type(unexpected(other), &"a string or a map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct identifier
    }
}

/// The members of an object, key then value.
struct Members<'de, 't> {
    entries: serde_json::map::Iter<'de>,
    current: Option<(&'de String, &'de Value)>,
    trail: &'t Trail,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.current = Some((key, value));
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        match self.current.take() {
            Some((key, value)) => nested(seed, value, self.trail, key),
            None => Err(Error::custom("a value was read before its key")),
        }
    }
}

/// The items of an array.
struct Items<'de, 't> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    trail: &'t Trail,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        self.items
            .next()
            .map(|(index, item)| nested(seed, item, self.trail, &index))
            .transpose()
    }
}

/// An enum variant: its tag, and its content unless it is a unit variant.
struct Variant<'de, 't> {
    tag: &'de str,
    content: Option<&'de Value>,
    trail: &'t Trail,
}

impl<'de> EnumAccess<'de> for Variant<'de, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let tag = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.tag))?;
        Ok((tag, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.content {
            None | Some(Value::Null) => Ok(()),
            Some(other) => Err(Error::invalid_type(unexpected(other), &"a unit variant")),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        let value = self.content.unwrap_or(&Value::Null);
        nested(seed, value, self.trail, &self.tag)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.content {
            Some(Value::Array(items)) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                trail: self.trail,
            }),
            Some(other) => Err(Error::invalid_type(unexpected(other), &visitor)),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &visitor)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.content {
            Some(value) => Json {
                value,
                trail: self.trail,
            }
            .object(visitor),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &visitor)),
        }
    }
}

/// An error, and where it happened: the keys and indexes from the top down
/// to the value that failed.
pub type Located = (Vec<String>, Error);

/// Reads `value` as a `T`; on failure, also says where.
pub fn from_value<'de, T: de::Deserialize<'de>>(value: &'de Value) -> Result<T, Located> {
    read_with(value, |json: Json<'de, '_>| T::deserialize(json))
}

/// Reads `value` with a serde reading function, such as a `with` module's
/// `deserialize`; on failure, also says where.
pub fn read_with<'de, T>(
    value: &'de Value,
    read: impl FnOnce(Json<'de, '_>) -> Result<T, Error>,
) -> Result<T, Located> {
    let trail = Trail::default();
    read(Json {
        value,
        trail: &trail,
    })
    .map_err(|error| {
        let mut path = trail.take();
        path.reverse();
        (path, error)
    })
}
