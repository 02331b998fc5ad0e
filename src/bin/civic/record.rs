//! The fast reading of a JSONL record: only `id` and `text` are kept, the text borrowed from
//! the line when it has no escapes, and no `serde_json::Value` is built for the rest.
//!
//! Two readers, each giving up on what it does not handle: [`read_plain`] reads the common
//! `{"id": "...", "text": "..."}` without serde; [`Fields`] reads any object with serde_json.
//! Both check the UTF-8 of every string they pass (keys and the values of other fields
//! included): when they accept a line, the whole line is valid UTF-8 (JSON has no other place
//! for non-ASCII bytes) and valid JSON, and `serde_json::Value` would give the same id and text.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Reads a record written in the plain form: a JSON object whose keys are `text` and maybe
/// `id`, written without escapes, and whose values are strings (any whitespace, any order; a
/// repeated key counts with its last value). Gives the id (if any) and the text, borrowed
/// when it has no escapes; `None` for any other line, and for strings with a control
/// character or an escaped surrogate, and for a line that is not UTF-8 (which [`Fields`] then
/// reads or rejects).
pub fn read_plain(line: &[u8]) -> Option<(Option<String>, Cow<'_, str>)> {
    // the whole line checked at once (many bytes at a time: most texts are long); the
    // strings are then cut from it at quotes and backslashes, which are character boundaries
    let line = simdutf8::basic::from_utf8(line).ok()?;
    let mut p = Cursor { s: line, b: line.as_bytes(), i: 0 };
    let (mut id, mut text) = (None, None);
    p.skip_ws();
    p.eat(b'{')?;
    loop {
        p.skip_ws();
        if p.eat_all(b"\"text\"").is_some() {
            p.colon()?;
            text = Some(p.string()?);
        } else {
            p.eat_all(b"\"id\"")?;
            p.colon()?;
            id = Some(p.string()?.into_owned());
        }
        p.skip_ws();
        match p.next()? {
            b',' => continue,
            b'}' => break,
            _ => return None,
        }
    }
    p.skip_ws();
    (p.i == line.len()).then_some(())?;
    Some((id, text?))
}

/// A position in a line being read by [`read_plain`].
struct Cursor<'a> {
    /// the line, and its bytes
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    /// Skips JSON whitespace.
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// The next byte, consumed.
    fn next(&mut self) -> Option<u8> {
        let b = *self.b.get(self.i)?;
        self.i += 1;
        Some(b)
    }

    /// Consumes byte `b`, if it is next.
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    /// Consumes `s`, if it comes next.
    fn eat_all(&mut self, s: &[u8]) -> Option<()> {
        self.b[self.i..].starts_with(s).then(|| self.i += s.len())
    }

    /// Consumes the colon after a key and the whitespace around it.
    fn colon(&mut self) -> Option<()> {
        self.skip_ws();
        self.eat(b':')?;
        self.skip_ws();
        Some(())
    }

    /// Reads a string value: borrowed when it has no escapes, decoded otherwise.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.i;
        let mut j = start + find_special(&self.b[start..])?;
        if self.b[j] == b'"' {
            self.i = j + 1;
            return Some(Cow::Borrowed(&self.s[start..j]));
        }
        // decoding: raw runs are copied and escapes decoded
        let mut out = String::with_capacity(self.b.len() - start);
        let mut run = start;
        loop {
            out.push_str(&self.s[run..j]);
            match self.b[j] {
                b'"' => break,
                b'\\' => {
                    let decoded = match *self.b.get(j + 1)? {
                        b'"' => b'"',
                        b'\\' => b'\\',
                        b'/' => b'/',
                        b'b' => 0x08,
                        b'f' => 0x0C,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => {
                            let hex = self.s.get(j + 2..j + 6)?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            // surrogates (pairs included) are left to serde_json
                            let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                            out.push(c);
                            j += 4;
                            run = j + 2;
                            j = run + find_special(&self.b[run..])?;
                            continue;
                        }
                        _ => return None,
                    };
                    out.push(char::from(decoded));
                    run = j + 2;
                }
                _ => return None, // a control character
            }
            j = run + find_special(&self.b[run..])?;
        }
        self.i = j + 1;
        Some(Cow::Owned(out))
    }
}

/// Whether a byte ends a run of plain string bytes: a quote, a backslash or a control
/// character.
#[inline]
fn is_special(c: u8) -> bool {
    (c < 0x20) | (c == b'"') | (c == b'\\')
}

/// The position of the first byte of `b` that ends a run of plain string bytes; sixteen
/// bytes at a time (a loop the compiler turns into vector instructions).
fn find_special(b: &[u8]) -> Option<usize> {
    let blocks = b.chunks_exact(16);
    let tail = blocks.remainder();
    for (k, block) in blocks.enumerate() {
        if block.iter().fold(false, |any, &c| any | is_special(c)) {
            return block.iter().position(|&c| is_special(c)).map(|p| k * 16 + p);
        }
    }
    tail.iter().position(|&c| is_special(c)).map(|p| b.len() - tail.len() + p)
}

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

/// A key of the record object (escaped keys are read as their text, as serde_json does).
#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Id,
    Text,
    #[serde(other)]
    Other,
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

    /// What serde_json reads from a line: the id if it is a string, and the text.
    fn by_value(line: &[u8]) -> Option<(Option<String>, String)> {
        let Value::Object(mut o) = serde_json::from_slice(line).ok()? else { return None };
        let Some(Value::String(text)) = o.remove("text") else { return None };
        let id = match o.remove("id") {
            Some(Value::String(id)) => Some(id),
            None => None,
            Some(_) => return None,
        };
        Some((id, text))
    }

    #[test]
    fn plain_records_read_as_serde_json_reads_them() {
        let lines: &[&[u8]] = &[
            br#"{"id": "a", "text": "plain"}"#,
            br#" {"text":"x","id":"b"} "#,
            b"\t{\r\n\"text\"\n:\n\"x\"\n}\n",
            br#"{"text": "a\nb\t\"c\" \\ \/ \b\f\r \u00e9\u20AC\u0000 end"}"#,
            "{\"id\": \"ü\", \"text\": \"Thành phố Hà Nội 🏛️ \\n x\"}".as_bytes(),
            br#"{"text": "first", "text": "second", "id": "1", "id": "2"}"#,
            br#"{"text": "0123456789abcdef0123456789abcdef\"0123456789abcdef"}"#,
            br#"{"text": ""}"#,
            br#"{"text": "\ud83c\udfdb pair"}"#,
            br#"{"text": "lone \ud800"}"#,
            br#"{"text": "\u00zz"}"#,
            br#"{"text": "\x"}"#,
            br#"{"text": "a", }"#,
            br#"{"text": "a"} x"#,
            br#"{"text": "a""#,
            br#"{"text": 1}"#,
            br#"{"id": 1, "text": "a"}"#,
            br#"{"id": "a", "text": "b", "x": 1}"#,
            br#"{"t\u0065xt": "a"}"#,
            br#"{}"#,
            br#"[]"#,
            b"{\"text\": \"a\x01b\"}",
            b"{\"text\": \"a\xffb\"}",
            b"{\"text\": \"a\xc3\\u00a9\"}",
            b"{\"text\": \"\xe2\x82\"}",
        ];
        for line in lines {
            let plain = read_plain(line).map(|(id, text)| (id, text.into_owned()));
            if let Some(p) = &plain {
                assert_eq!(Some(p), by_value(line).as_ref(), "{}", String::from_utf8_lossy(line));
            }
        }
        assert!(matches!(read_plain(br#"{"text": "x y"}"#), Some((None, Cow::Borrowed("x y")))));
        assert!(read_plain(br#"{"id": "a", "text": "a\nb"}"#).is_some());
        assert!(read_plain(br#"{"text": "\ud83c\udfdb pair"}"#).is_none());
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

    /// Pieces of JSON records, well and badly formed.
    const PIECES: &[&[u8]] = &[
        b"{",
        b"}",
        b"\"",
        b"\"text\"",
        b"\"id\"",
        b":",
        b",",
        b" ",
        b"\n",
        b"\t",
        b"\\",
        b"\\n",
        b"\\u00e9",
        b"\\ud83c",
        b"\\udfdb",
        b"\\u00",
        b"zz",
        b"abc",
        b"1",
        b"null",
        b"[",
        b"]",
        b"\x01",
        b"\x00",
        b"\xff",
        b"\xc3",
        b"\xc3\xa9",
        b"H\xc3\xa0 N\xe1\xbb\x99i",
        b"\xf0\x9f\x8f\x9b",
        b"\\\"",
        b"\\/",
        b"abc",
        b"de",
        b"f",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Records whose strings are put together from pieces (quotes, escapes, control
        /// characters, broken and valid UTF-8), with stray pieces around: whenever the plain
        /// reader accepts a line, serde_json reads the same id and text from it.
        #[test]
        fn the_plain_reader_agrees_with_serde_json(
            id in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..6),
            text in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..12),
            stray in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..3),
            at in 0usize..64,
        ) {
            let mut line = [&b"{\"id\": \""[..], &id.concat(), b"\", \"text\":\"", &text.concat(), b"\"}"]
                .concat();
            let at = at.min(line.len());
            line.splice(at..at, stray.concat());
            if let Some((id, text)) = read_plain(&line) {
                let plain = (id, text.into_owned());
                proptest::prop_assert_eq!(Some(plain), by_value(&line));
            }
        }

        /// Well-formed records with arbitrary strings: the plain reader reads every one it
        /// accepts as serde_json does, and accepts those written without escapes.
        #[test]
        fn the_plain_reader_reads_records_serde_json_writes(id in "\\PC*", text in "\\PC*") {
            let line = serde_json::to_vec(&serde_json::json!({"id": id, "text": text})).unwrap();
            let read = read_plain(&line).map(|(id, text)| (id, text.into_owned()));
            proptest::prop_assert_eq!(read, Some((Some(id), text)));
        }
    }
}
