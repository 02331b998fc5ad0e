//! Text preparation, done once per document: NFC normalisation (with a map back to the
//! input's offsets), folding for lexicon matching (lower case, no diacritics, `đ` → `d`),
//! and segmentation into tokens with unicode-segmentation.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Folds one character into `out`: lower case, combining marks removed, `đ` → `d`, `ß` → `ss`.
#[inline]
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'đ' | 'Đ' => out.push('d'),
        'ß' => out.push_str("ss"),
        // typographic apostrophes and dashes fold to their ASCII forms
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

/// Folded forms of the code points below U+2000 (Latin, Greek, Cyrillic, Vietnamese), computed once.
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
    // a lone combining mark folds to nothing
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// Folds a whole string (see [`fold_char`]).
pub(crate) fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A token: a word, a number or a punctuation mark (whitespace is dropped).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte range in the normalised text.
    pub start: u32,
    pub end: u32,
    /// Byte range in the folded text.
    pub fstart: u32,
    pub fend: u32,
    pub class: TokenClass,
    /// The first character is upper case.
    pub cap: bool,
    /// Whitespace (or the start of text) precedes the token.
    pub space_before: bool,
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenClass {
    Word,
    Digits,
    Punct,
    /// A Han (CJK) character or run.
    Han,
}

/// A document's text, prepared for the recognisers.
pub(crate) struct Prepared<'a> {
    /// The NFC-normalised text.
    pub norm: Cow<'a, str>,
    /// Folded text used for lexicon matching.
    pub folded: String,
    /// `fold_to_norm[i]`: byte in `norm` of the character that produced folded byte `i`
    /// (one more element for the end).
    pub fold_to_norm: Vec<u32>,
    /// When `norm` differs from the input: pairs (norm byte, input byte) at grapheme starts.
    pub norm_to_input: Option<Vec<(u32, u32)>>,
    pub tokens: Vec<Token>,
}

impl<'a> Prepared<'a> {
    #[inline(never)]
    pub fn new(input: &'a str) -> Prepared<'a> {
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
        for (i, w) in words(&norm).flat_map(split_elision) {
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
            });
            prev_end = end;
        }
        Prepared { norm, folded, fold_to_norm, norm_to_input, tokens }
    }

    /// The normalised text of token `i`.
    #[inline]
    pub fn tok(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.start as usize..t.end as usize]
    }

    /// The folded text of token `i`.
    #[inline]
    pub fn ftok(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.folded[t.fstart as usize..t.fend as usize]
    }

    /// Maps a byte range of the normalised text back to the input text.
    pub fn to_input(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.norm_to_input {
            None => (start, end),
            Some(map) => (map_back(map, start), map_back(map, end)),
        }
    }

    /// Index of the first token whose folded start is `>= f`.
    pub fn token_at_fold(&self, f: u32) -> usize {
        self.tokens.partition_point(|t| t.fstart < f)
    }
}

fn map_back(map: &[(u32, u32)], pos: usize) -> usize {
    // the last grapheme start at or before `pos` (entity edges fall on grapheme starts)
    let idx = map.partition_point(|&(n, _)| (n as usize) <= pos);
    if idx == 0 { 0 } else { map[idx - 1].1 as usize }
}

/// NFC-normalises `input`, keeping a map from normalised offsets back to the input's.
#[inline(never)]
fn normalize(input: &str) -> (Cow<'_, str>, Option<Vec<(u32, u32)>>) {
    match is_nfc_quick(input.chars()) {
        IsNormalized::Yes => return (Cow::Borrowed(input), None),
        IsNormalized::Maybe if unicode_normalization::is_nfc(input) => {
            return (Cow::Borrowed(input), None);
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
        return (Cow::Borrowed(input), None);
    }
    (Cow::Owned(out), Some(map))
}

/// The word boundaries of `text` (UAX #29, unicode-segmentation), with a fast path for
/// whitespace-separated chunks that are pure ASCII, segmented by the same rules for ASCII:
/// letters and digits join, an apostrophe or a `.`/`,` between digits stays inside, every
/// other character stands alone.
#[inline(never)]
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
        if chunk.is_ascii() {
            ascii_words(chunk, start, &mut out);
        } else {
            out.extend(chunk.split_word_bound_indices().map(|(k, w)| (start + k, w)));
        }
    }
    out.into_iter()
}

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
                            // letters around an apostrophe or a dot (People's, e.g)
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

/// Splits an elided article or preposition from a capitalised name: "d'An" → "d'", "An"
/// (French, Italian); Vietnamese names such as "H'Nhi" stay whole (upper-case prefix).
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

/// Is `c` a Han ideograph (CJK unified ideographs and extensions, compatibility ideographs)?
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Converts sorted byte offsets of `text` to character offsets in one pass.
pub(crate) struct CharIndex<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        CharIndex { text, byte: 0, chars: 0 }
    }

    /// Character offset of byte offset `b` (must be on a char boundary).
    pub fn chars_at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..b].chars().count();
        self.byte = b;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_strips_vietnamese_diacritics() {
        assert_eq!(fold_str("Đồng chí Hoàng Văn Nghiệm"), "dong chi hoang van nghiem");
        assert_eq!(fold_str("Straße Bürger"), "strasse burger");
    }

    #[test]
    fn decomposed_input_maps_back() {
        let input = "xa\u{0303} Na Sa\u{0300}m"; // xã Na Sàm, decomposed
        let p = Prepared::new(input);
        assert_eq!(p.norm, "xã Na Sàm");
        let last = p.tokens.last().unwrap();
        let (s, e) = p.to_input(last.start as usize, last.end as usize);
        assert_eq!(&input[s..e], "Sa\u{0300}m");
    }
}

#[cfg(test)]
mod segmentation_tests {
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn ascii_fast_path_agrees_with_uax29_on_news_text() {
        let texts = [
            "Comrade Hoang Van Nghiem, Secretary of the Party Committee's board, met 6,600 people on 4.8.2025.",
            "Resolution 57-NQ/TW (2025-2030): 50% of the BTS2 stations; e.g. x_y; H'Nhi and d'An.",
            "Die Gemeinden: Na Sam, Van Lang und Hoi Hoan - 1.250 Akten, 12:30 Uhr.",
        ];
        for t in texts {
            let ours: Vec<(usize, &str)> = super::words(t).collect();
            let uax: Vec<(usize, &str)> =
                t.split_word_bound_indices().filter(|(_, w)| !w.trim().is_empty()).collect();
            assert_eq!(ours, uax, "{t}");
        }
    }
}
