//! A direct JSON writer for [`Document`]: the bytes `serde_json::to_string` gives, written
//! without the serde machinery (the command line writes millions of entities).
//!
//! The output is exactly serde_json's compact form: the fields in declaration order, absent
//! optional fields left out, strings escaped as serde_json escapes them (`"`, `\` and the
//! control characters below U+0020; everything else, non-ASCII included, is copied as is).

use super::{Document, Entity, Number, Role};

impl Document {
    /// Appends the document's JSON (the output contract, without a line end) to `out`.
    ///
    /// The bytes are those of `serde_json::to_string(&doc)`, only produced faster.
    ///
    /// ```
    /// let doc = civic::Extractor::new().extract("Lang Son province has 65 communes and wards.");
    /// let mut out = Vec::new();
    /// doc.write_json(&mut out);
    /// assert_eq!(out, serde_json::to_vec(&doc).unwrap());
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        write_opt_str(out, self.id.as_deref());
        out.extend_from_slice(b",\"lang\":");
        write_str(out, &self.lang);
        out.extend_from_slice(b",\"entities\":[");
        for (i, e) in self.entities.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_entity(out, e);
        }
        out.extend_from_slice(b"]}");
    }
}

/// One entity: the fields of [`Entity`] in order, the optional ones only when set.
fn write_entity(out: &mut Vec<u8>, e: &Entity) {
    out.extend_from_slice(b"{\"kind\":");
    write_id(out, e.kind.as_str());
    out.extend_from_slice(b",\"text\":");
    write_str(out, &e.text);
    out.extend_from_slice(b",\"start\":");
    write_u64(out, e.start as u64);
    out.extend_from_slice(b",\"end\":");
    write_u64(out, e.end as u64);
    if let Some(name) = &e.name {
        out.extend_from_slice(b",\"name\":");
        write_str(out, name);
    }
    if let Some(roles) = &e.roles {
        out.extend_from_slice(b",\"roles\":[");
        for (i, r) in roles.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_role(out, r);
        }
        out.push(b']');
    }
    if let Some(t) = e.unit_type {
        out.extend_from_slice(b",\"unit_type\":");
        write_id(out, t.as_str());
    }
    if let Some(v) = e.value {
        out.extend_from_slice(b",\"value\":");
        write_number(out, v);
    }
    if let Some(q) = e.qualifier {
        out.extend_from_slice(b",\"qualifier\":");
        match q {
            Some(q) => write_id(out, q.as_str()),
            None => out.extend_from_slice(b"null"),
        }
    }
    if let Some(counted) = &e.counted {
        out.extend_from_slice(b",\"counted\":");
        write_str(out, counted);
    }
    if let Some(c) = e.category {
        out.extend_from_slice(b",\"category\":");
        write_id(out, c.as_str());
    }
    out.push(b'}');
}

/// One role: `{"role", "level", "text"}`, `level` `null` when unknown.
fn write_role(out: &mut Vec<u8>, r: &Role) {
    out.extend_from_slice(b"{\"role\":");
    write_str(out, &r.role);
    out.extend_from_slice(b",\"level\":");
    write_opt_str(out, r.level.as_deref());
    out.extend_from_slice(b",\"text\":");
    write_str(out, &r.text);
    out.push(b'}');
}

/// A count's value: an integer as its digits, a float as serde_json writes it (`null` when
/// it is not finite).
fn write_number(out: &mut Vec<u8>, v: Number) {
    match v {
        Number::Int(i) => {
            if i < 0 {
                out.push(b'-');
            }
            write_u64(out, i.unsigned_abs());
        }
        Number::Float(f) => {
            serde_json::to_writer(&mut *out, &f).expect("writing to a Vec cannot fail");
        }
    }
}

/// An identifier of the output contract (`"unit"`, `"province"`, ...): ASCII letters and
/// underscores, which need no escape.
fn write_id(out: &mut Vec<u8>, id: &str) {
    debug_assert!(id.bytes().all(|b| ESCAPE[usize::from(b)] == 0), "{id:?} needs escapes");
    out.push(b'"');
    out.extend_from_slice(id.as_bytes());
    out.push(b'"');
}

/// A string, or `null`.
fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// The decimal digits of `n`.
fn write_u64(out: &mut Vec<u8>, n: u64) {
    if n < 10_000 {
        // offsets: at most four digits, written two at a time
        let n = n as usize;
        let (high, low) = (n / 100, n % 100);
        if high > 0 {
            write_below_100(out, high);
            out.extend_from_slice(&PAIRS[2 * low..2 * low + 2]);
        } else {
            write_below_100(out, low);
        }
    } else {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        let mut rest = n;
        while rest > 0 {
            i -= 1;
            buf[i] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        out.extend_from_slice(&buf[i..]);
    }
}

/// The digits of `n`, below 100, without a leading zero.
#[inline]
fn write_below_100(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
    } else {
        out.extend_from_slice(&PAIRS[2 * n..2 * n + 2]);
    }
}

/// The two digits of every number below 100: `00`, `01`, ..., `99`.
static PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// What a byte becomes inside a JSON string: 0 for itself, else the letter after the
/// backslash (`u` for `\u00XX`). The table of serde_json.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Eight copies of a byte.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Whether one of the eight bytes of `w` needs an escape: a control character (below 0x20),
/// a quote or a backslash. (Bytes from 0x80 up never match: `!w` clears their high bit.)
#[inline]
fn needs_escape(w: u64) -> bool {
    const HIGH: u64 = splat(0x80);
    let control = w.wrapping_sub(splat(0x20));
    let quote = (w ^ splat(b'"')).wrapping_sub(splat(1));
    let backslash = (w ^ splat(b'\\')).wrapping_sub(splat(1));
    // a byte below 0x20, or equal to the quote or backslash, borrows into its high bit; the
    // high bits of `w ^ x` and of `w` agree since `x` is ASCII
    (control | quote | backslash) & !w & HIGH != 0
}

/// A JSON string: quoted, with serde_json's escapes.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if needs_no_escape(bytes) {
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
    } else {
        write_escaped(out, bytes);
    }
}

/// Whether no byte of `bytes` needs an escape. Long strings are checked sixteen bytes at a
/// time (a loop the compiler turns into vector instructions), the last sixteen overlapping
/// the ones before; shorter ones eight bytes at a time, or byte by byte below eight.
#[inline]
fn needs_no_escape(bytes: &[u8]) -> bool {
    let word = |b: &[u8]| u64::from_ne_bytes(b.try_into().expect("eight bytes"));
    let n = bytes.len();
    if n >= 16 {
        let block = |b: &[u8]| -> bool {
            let mut any = false;
            for &c in b {
                any |= (c < 0x20) | (c == b'"') | (c == b'\\');
            }
            any
        };
        let chunks = bytes.chunks_exact(16);
        !chunks.into_iter().any(block) && !block(&bytes[n - 16..])
    } else if n >= 8 {
        !needs_escape(word(&bytes[..8])) && !needs_escape(word(&bytes[n - 8..]))
    } else {
        bytes.iter().all(|&b| ESCAPE[usize::from(b)] == 0)
    }
}

/// A string with bytes to escape: runs of plain bytes are copied whole, the others escaped.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    let mut run = 0; // start of the bytes not yet copied
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(b)];
        if escape != 0 {
            out.extend_from_slice(&bytes[run..i]);
            write_escape(out, b, escape);
            run = i + 1;
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The escape of byte `b` (`escape` is its entry in [`ESCAPE`]).
fn write_escape(out: &mut Vec<u8>, b: u8, escape: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if escape == b'u' {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xF)],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', escape]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = [
            "",
            "plain",
            "exactly8",
            "a \"quoted\" word",
            "back\\slash\\",
            "tab\tnew\nline\r\x0c\x08",
            "nul\0 and \x01\x1f\x7f",
            "Thành phố Hà Nội, Провинция, 省, emoji 🏛️ \u{2028}",
            "\"\"\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\\\\\",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.extend(
            (0u8..=0x7f)
                .map(|b| format!("{}{}{}", "x".repeat(b as usize % 11), b as char, "y".repeat(9))),
        );
        for s in &cases {
            assert_eq!(escaped(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for n in [0, 1, 9, 10, 65, 99, 100, 101, 999, 1000, 1009, 9999, 10000, 12345, u64::MAX] {
            let mut out = Vec::new();
            write_u64(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
        for v in [
            Number::Int(0),
            Number::Int(-7),
            Number::Int(i64::MIN),
            Number::Int(i64::MAX),
            Number::Float(1.5),
            Number::Float(-0.25),
            Number::Float(1e21),
            Number::Float(f64::NAN),
            Number::Float(f64::INFINITY),
        ] {
            let mut out = Vec::new();
            write_number(&mut out, v);
            assert_eq!(out, serde_json::to_vec(&v).unwrap(), "{v:?}");
        }
    }
}
