//! The straightforward implementation of text preparation that the fast one replaced, kept
//! for the tests to compare against: NFC with unicode-normalization's quick check, folding
//! character by character, unicode-segmentation for every chunk.
//!
//! It differs from the original in one respect: the original segmented pure ASCII chunks
//! with a hand-written approximation of UAX #29 ([`ascii_words`], kept to document the
//! difference) that split `_x`, `1'000` and `1;2`, which UAX #29 keeps whole.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::{Token, TokenClass, is_han};

/// The original `fold_char`.
pub(super) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'đ' | 'Đ' => out.push('d'),
        'ß' => out.push_str("ss"),
        '\u{2019}' | '\u{2018}' => out.push('\''),
        '\u{2013}' | '\u{2014}' | '\u{2212}' => out.push('-'),
        '\u{00a0}' | '\u{202f}' | '\u{2009}' => out.push(' '),
        'ё' => out.push('е'),
        'Ё' => out.push('е'),
        'й' => out.push('й'),
        'Й' => out.push('й'),
        _ if (c as u32) < FOLD_TABLE_END => out.push_str(&FOLD_TABLE[c as usize]),
        _ if is_han(c) => out.push(c),
        _ => fold_slow(c, out),
    }
}

const FOLD_TABLE_END: u32 = 0x2000;

static FOLD_TABLE: std::sync::LazyLock<Vec<Box<str>>> = std::sync::LazyLock::new(|| {
    (0..FOLD_TABLE_END)
        .map(|cp| {
            let mut s = String::new();
            if let Some(c) = char::from_u32(cp) {
                match c {
                    'đ' | 'Đ' => s.push('d'),
                    'ß' => s.push_str("ss"),
                    'ё' | 'Ё' => s.push('е'),
                    'й' | 'Й' => s.push('й'),
                    '\u{00a0}' => s.push(' '),
                    _ if c.is_ascii() => s.push(c.to_ascii_lowercase()),
                    _ => fold_slow(c, &mut s),
                }
            }
            s.into_boxed_str()
        })
        .collect()
});

fn fold_slow(c: char, out: &mut String) {
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// What the original `Prepared::new` computed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Prepared {
    pub norm: String,
    pub folded: String,
    pub fold_to_norm: Vec<u32>,
    pub norm_to_input: Option<Vec<(u32, u32)>>,
    pub tokens: Vec<Token>,
}

/// The original `Prepared::new`, with unicode-segmentation for ASCII chunks too
/// (`ascii = false`) or with the original ASCII approximation (`ascii = true`).
pub(super) fn prepare(input: &str, ascii: bool) -> Prepared {
    let (norm, norm_to_input) = normalize(input);
    let mut folded = String::with_capacity(norm.len());
    let mut fold_to_norm = Vec::with_capacity(norm.len() + 1);
    let mut norm_to_fold = vec![0u32; norm.len() + 1];
    for (i, c) in norm.char_indices() {
        norm_to_fold[i] = folded.len() as u32;
        let before = folded.len();
        fold_char(c, &mut folded);
        for _ in before..folded.len() {
            fold_to_norm.push(i as u32);
        }
    }
    norm_to_fold[norm.len()] = folded.len() as u32;
    fold_to_norm.push(norm.len() as u32);

    let mut tokens = Vec::with_capacity(norm.len() / 5);
    let mut prev_end = 0usize;
    for (i, w) in words(&norm, ascii).into_iter().flat_map(split_elision) {
        let first = match w.chars().next() {
            Some(c) => c,
            None => continue,
        };
        if first.is_whitespace() {
            continue;
        }
        let class = if first.is_ascii_digit() {
            TokenClass::Digits
        } else if is_han(first) {
            TokenClass::Han
        } else if first.is_alphanumeric() {
            if w.chars().all(|c| c.is_ascii_digit()) {
                TokenClass::Digits
            } else {
                TokenClass::Word
            }
        } else {
            TokenClass::Punct
        };
        let space_before = i == 0
            || norm[prev_end..i].chars().any(char::is_whitespace)
            || tokens.is_empty() && i > 0;
        let end = i + w.len();
        tokens.push(Token {
            start: i as u32,
            end: end as u32,
            fstart: norm_to_fold[i],
            fend: norm_to_fold[end],
            class,
            cap: first.is_uppercase(),
            space_before,
            plain: false,
        });
        prev_end = end;
    }
    Prepared { norm, folded, fold_to_norm, norm_to_input, tokens }
}

/// The original `normalize`.
fn normalize(input: &str) -> (String, Option<Vec<(u32, u32)>>) {
    match is_nfc_quick(input.chars()) {
        IsNormalized::Yes => return (input.to_string(), None),
        IsNormalized::Maybe if unicode_normalization::is_nfc(input) => {
            return (input.to_string(), None);
        }
        _ => {}
    }
    let mut out = String::with_capacity(input.len());
    let mut map = Vec::new();
    for (i, g) in input.grapheme_indices(true) {
        map.push((out.len() as u32, i as u32));
        out.extend(g.nfc());
    }
    map.push((out.len() as u32, input.len() as u32));
    if out == input {
        return (input.to_string(), None);
    }
    (out, Some(map))
}

/// The original `words`: chunks between ASCII whitespace, segmented by unicode-segmentation
/// or, for pure ASCII chunks when `ascii`, by [`ascii_words`].
pub(super) fn words(text: &str, ascii: bool) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, &str)> = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let chunk = &text[start..i];
        if ascii && chunk.is_ascii() {
            ascii_words(chunk, start, &mut out);
        } else {
            out.extend(chunk.split_word_bound_indices().map(|(k, w)| (start + k, w)));
        }
    }
    out
}

/// The original segmentation of pure ASCII chunks.
fn ascii_words<'a>(chunk: &'a str, offset: usize, out: &mut Vec<(usize, &'a str)>) {
    let b = chunk.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let start = i;
        if b[i].is_ascii_alphanumeric() {
            i += 1;
            loop {
                if i < n && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                } else if i + 1 < n
                    && (b[i] == b'\'' || b[i] == b'.' || b[i] == b',' || b[i] == b':')
                    && b[i + 1].is_ascii_alphanumeric()
                    && {
                        let prev = b[i - 1];
                        let next = b[i + 1];
                        match b[i] {
                            b'\'' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
                            b'.' => {
                                (prev.is_ascii_digit() && next.is_ascii_digit())
                                    || (prev.is_ascii_alphabetic() && next.is_ascii_alphabetic())
                            }
                            b':' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
                            _ => prev.is_ascii_digit() && next.is_ascii_digit(),
                        }
                    }
                {
                    i += 2;
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        out.push((offset + start, &chunk[start..i]));
    }
}

/// The original `split_elision`.
fn split_elision((i, w): (usize, &str)) -> impl Iterator<Item = (usize, &str)> {
    let cut = w.char_indices().find(|&(_, c)| c == '\'' || c == '\u{2019}').and_then(|(k, c)| {
        let prefix = &w[..k];
        let rest = &w[k + c.len_utf8()..];
        let short_lower = !prefix.is_empty()
            && prefix.chars().count() <= 2
            && prefix.chars().all(|c| c.is_lowercase());
        (short_lower && rest.chars().next().is_some_and(char::is_uppercase))
            .then_some(k + c.len_utf8())
    });
    let (a, b) = match cut {
        Some(k) => ((i, &w[..k]), Some((i + k, &w[k..]))),
        None => ((i, w), None),
    };
    std::iter::once(a).chain(b)
}
