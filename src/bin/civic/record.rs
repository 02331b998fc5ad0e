//! The fast reading of a JSONL record: only `id` and `text` are kept, the text borrowed from
//! the line when it has no escapes, and no `serde_json::Value` is built for the rest.
//!
//! Every string of the line (keys and the values of the other fields included) is still
//! decoded by serde_json, which checks its UTF-8: when [`Fields`] deserialises from a byte
//! slice, the whole line is valid UTF-8 (JSON has no other place for non-ASCII bytes) and
//! valid JSON.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The fields of a record object that `civic extract` reads. Like `serde_json::Value`, a
/// repeated key counts with its last value. The `text`, when present, is a string: any other
/// value fails.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    /// The `id` field.
    pub id: Option<Value>,
    /// The `text` field.
    pub text: Option<Cow<'a, str>>,
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => fields.id = Some(map.next_value()?),
                Key::Text => fields.text = Some(map.next_value::<Text<'de>>()?.0),
                Key::Other => {
                    map.next_value::<Checked>()?;
                }
            }
        }
        Ok(fields)
    }
}

/// A key of the record object.
enum Key {
    Id,
    Text,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match key {
            "id" => Key::Id,
            "text" => Key::Text,
            _ => Key::Other,
        })
    }
}

/// A string, borrowed from the input when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(s)))
    }
}

/// Any JSON value, read and dropped; unlike [`serde::de::IgnoredAny`] with serde_json, its strings are
/// decoded, so their UTF-8 is checked.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_key::<Checked>()?.is_some() {
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &[u8]) -> Option<(Option<Value>, Option<Cow<'_, str>>)> {
        serde_json::from_slice::<Fields>(line).ok().map(|f| (f.id, f.text))
    }

    #[test]
    fn reads_id_and_text_and_borrows_plain_text() {
        let (id, text) =
            fields(br#"{"id": 7, "meta": {"a": [1, "b", null]}, "text": "x y"}"#).unwrap();
        assert_eq!(id, Some(Value::from(7)));
        assert!(matches!(text, Some(Cow::Borrowed("x y"))));
        let (_, text) =
            fields(br#"{"text": "a\nb", "text": "\u00e9\"", "t\u0065xt": "last"}"#).unwrap();
        assert_eq!(text.as_deref(), Some("last"));
    }

    #[test]
    fn fails_where_the_line_is_not_a_valid_record() {
        assert!(fields(b"[1]").is_none());
        assert!(fields(br#"{"text": 1}"#).is_none());
        assert!(fields(br#"{"text": "a"} x"#).is_none());
        // invalid UTF-8 in a field that is not read
        assert!(fields(b"{\"text\": \"a\", \"x\": \"\xff\"}").is_none());
        assert!(fields(b"{\"text\": \"a\", \"x\": [{\"\xc3\": 1}]}").is_none());
        assert!(fields(b"{\"text\": \"a\xc3\\u00a9\"}").is_none());
    }
}
