//! Parses a JSON text into a [`Value`], noticing keys written twice.
//!
//! A parsed object keeps one value per key and silently drops the other;
//! the register must not, so the parse itself notes when an insert found
//! the key already there. Only then is the text walked again
//! ([`crate::span::duplicate_keys`]) to place each duplicate.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The text's value, and whether some object in it has a key twice.
pub fn parse(text: &str) -> serde_json::Result<(Value, bool)> {
    let duplicate = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed {
        duplicate: &duplicate,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((value, duplicate.get()))
}

/// Builds a [`Value`] as serde_json does, setting `duplicate` when an
/// object member replaces an earlier one.
#[derive(Clone, Copy)]
struct Seed<'a> {
    duplicate: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            if members.insert(key, value).is_some() {
                self.duplicate.set(true);
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_is_serde_jsons() {
        let text =
            r#"{"b": [1, -2, 3.5, true, null, "x\"y"], "a": {"é": {}}, "n": 18446744073709551615}"#;
        let (value, duplicate) = parse(text).unwrap();
        assert!(!duplicate);
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        // Member order is kept.
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["b", "a", "n"]);
    }

    #[test]
    fn a_key_written_twice_is_noticed_at_any_depth() {
        assert!(parse(r#"{"a": 1, "a": 2}"#).unwrap().1);
        assert!(parse(r#"{"a": [{"k": 1, "k": [1]}]}"#).unwrap().1);
        // The same key in sibling objects, or a value equal to a key, is fine.
        assert!(
            !parse(r#"{"a": [{"x": 1}, {"x": 2}], "b": {"a": "a"}}"#)
                .unwrap()
                .1
        );
    }

    #[test]
    fn syntax_errors_are_serde_jsons() {
        for text in ["{\"a\": 1,}", "[1, 2", "{} x", ""] {
            let ours = parse(text).unwrap_err().to_string();
            let theirs = serde_json::from_str::<Value>(text).unwrap_err().to_string();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
