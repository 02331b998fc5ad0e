//! The pass over a text that folds it (with the check for NFC) and segments it, so that
//! every character is decoded and looked up in the character table once.
//!
//! Folding writes, for every folded byte, the text byte of the character it comes from
//! as the pass consumes each character, and copies runs of ASCII and of characters that
//! fold to themselves in bulk when another character or the end comes. It also notes the
//! first character that might make the text other than NFC
//! ([`is_nfc_stable`](super::is_nfc_stable)); news text rarely has any, and then needs no
//! other check.
//!
//! Segmentation cuts the text into chunks at ASCII whitespace. A chunk made of characters
//! the table classifies goes through a fast segmenter ([`segment`]) that applies the
//! word boundary rules of UAX #29 that matter for them; as soon as it meets another
//! character, the chunk starts over with unicode-segmentation ([`slow_chunk`]). The
//! rules, for characters without Extend, Format or ZWJ around them (WB4): a run of
//! WSegSpace is one segment (WB3d); letters, digits and ExtendNumLet join one another
//! (WB5, WB8–WB10, WB13a/b); MidLetter or MidNumLet between two letters joins them
//! (WB6/7), MidNum or MidNumLet between two digits joins them (WB11/12); every other
//! character is a segment of its own (WB999).

use unicode_segmentation::UnicodeSegmentation;

use super::chars::{
    ASCII, CharInfo, FOLD_SLOW, NFC, QUOTE, SAME, SPACE, Table, UPPER, Wb, decode, is_bmp_han,
};
use super::{
    Buffers, Token, TokenClass, clear_for, elision_cut, fold_uncached, split_elision, token_class,
};

/// The code point of the two-byte character that starts at byte `i` of `bytes` (valid
/// UTF-8).
#[inline(always)]
fn decode2(bytes: &[u8], i: usize) -> u32 {
    (u32::from(bytes[i] & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F)
}

/// What [`prepare`] makes of a text.
pub(super) struct Pass {
    /// The folded text ([`Prepared::folded`](super::Prepared)).
    pub folded: String,
    /// For every folded byte, the text byte of the character it comes from, and the
    /// text's length last ([`Prepared::fold_to_norm`](super::Prepared)).
    pub map: Vec<u32>,
    pub tokens: Vec<Token>,
    /// The first character that is not NFC-stable: the text might not be NFC.
    pub unstable: Option<usize>,
}

/// Folds and segments `text` in one pass, into the buffers of `spare` (cleared, and
/// grown if they are too small: the buffers of an earlier text, or new ones).
#[inline(never)]
pub(super) fn prepare(table: &Table, text: &str, spare: Buffers) -> Pass {
    let Buffers { mut folded, mut map, mut tokens } = spare;
    if folded.capacity() < text.len() + 16 {
        folded = String::with_capacity(text.len() + 16);
    }
    folded.clear();
    clear_for(&mut map, text.len() + 17);
    clear_for(&mut tokens, token_estimate(text));
    let mut fold = Fold { text, folded, map, same: 0, mapped: 0, unstable: None };
    tokenize(table, &mut fold, &mut tokens);
    fold.map_ascii(text.len());
    fold.flush(text.len());
    debug_assert_eq!(fold.folded.len(), fold.map.len());
    fold.map.push(text.len() as u32);
    Pass { folded: fold.folded, map: fold.map, tokens, unstable: fold.unstable }
}

/// About as many tokens as `text` will have, rather more than fewer (growing the vector
/// copies it): a word and a space are five bytes or more in the alphabets, a Han
/// ideograph, a token of its own, three (told apart by the first bytes of the text).
fn token_estimate(text: &str) -> usize {
    let sample = &text.as_bytes()[..text.len().min(256)];
    let three_byte_leads = sample.iter().filter(|&&b| b >= 0xE0).count();
    if three_byte_leads * 8 > sample.len() { text.len() / 3 + 8 } else { text.len() / 5 + 8 }
}

/// The folding half of the pass: what is folded of the text so far.
///
/// ASCII, the bulk of most texts, costs the pass nothing as it goes: it is mapped and
/// copied in runs, when another character or the end comes.
struct Fold<'t> {
    text: &'t str,
    /// The folded text up to text byte `same`.
    folded: String,
    /// The map of every folded byte up to text byte `mapped`.
    map: Vec<u32>,
    /// `text[mapped..]` up to the character the pass has come to is ASCII (folds to one
    /// byte a character), mapped when another character or the end comes.
    mapped: usize,
    /// `text[same..]` up to the character the pass has come to folds to itself but for
    /// ASCII upper case: it is mapped, and copied when another character or the end comes.
    same: usize,
    /// The first character met that is not NFC-stable.
    unstable: Option<usize>,
}

impl Fold<'_> {
    /// The offset in the folded text of text byte `i`, the one the pass has come to.
    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        (self.map.len() + (i - self.mapped)) as u32
    }

    /// Maps the ASCII bytes from `mapped` to `to`.
    #[inline(always)]
    fn map_ascii(&mut self, to: usize) {
        if self.mapped < to {
            map_ascii(&mut self.map, self.mapped, to);
            self.mapped = to;
        }
    }

    /// Folds the character of `len` bytes at `i`, which the table says `info` of (ASCII
    /// is left for [`Fold::map_ascii`] and [`Fold::flush`]).
    #[inline(always)]
    fn char(&mut self, i: usize, len: usize, info: CharInfo) {
        if len == 1 {
            return;
        }
        if info.flags & NFC == 0 && self.unstable.is_none() {
            self.unstable = Some(i);
        }
        self.map_ascii(i);
        self.mapped = i + len;
        if info.flags & SAME != 0 {
            map_char(&mut self.map, i, len);
            return;
        }
        self.flush(i);
        if info.flags & FOLD_SLOW == 0 {
            self.folded.push(info.fold);
            map_char(&mut self.map, i, info.fold_len as usize);
        } else {
            push_slow(self.text, i, &mut self.folded, &mut self.map);
        }
        self.same = i + len;
    }

    /// Folds the Han ideograph at `i` (three bytes, NFC-stable, folds to itself).
    #[inline(always)]
    fn han(&mut self, i: usize) {
        self.map_ascii(i);
        self.mapped = i + 3;
        map_char(&mut self.map, i, 3);
    }

    /// Copies `text[same..to]` (mapped already) to the folded text in ASCII lower case.
    #[inline(always)]
    fn flush(&mut self, to: usize) {
        if self.same < to {
            let at = self.folded.len();
            self.folded.push_str(&self.text[self.same..to]);
            if has_ascii_upper(self.text.as_bytes(), self.same, to) {
                self.folded[at..].make_ascii_lowercase();
            }
            self.same = to;
        }
    }
}

/// Bytes whose high bit is set: not ASCII.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// One in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Might `bytes[from..to]` have ASCII upper-case letters? Short runs, the eight bytes
/// from `from` at once, are looked at (most of them have none, and then need no byte by
/// byte lowering); longer ones are taken to.
#[inline(always)]
fn has_ascii_upper(bytes: &[u8], from: usize, to: usize) -> bool {
    let n = to - from;
    let Some(word) = bytes.get(from..from + 8).filter(|_| n <= 8) else { return true };
    let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
    // on the low seven bits of every byte, where adding less than 0x80 carries into the
    // high bit only: `ge(lo)` sets the high bit of the bytes that are `lo` or more
    let x = word & !HIGH;
    let ge = |lo: u8| (x + (0x80 - u64::from(lo)) * ONES) & HIGH;
    let upper = ge(b'A') & !ge(b'Z' + 1) & !word;
    // the bytes of the run only
    let lanes = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
    upper & lanes != 0
}

/// Maps the next `n` folded bytes (at most four) to text byte `i`: writes four, keeps `n`.
#[inline(always)]
fn map_char(map: &mut Vec<u32>, i: usize, n: usize) {
    let at = map.len();
    map.extend_from_slice(&[i as u32; 4]);
    map.truncate(at + n);
}

/// Appends the folded form of the character at text byte `i` by [`fold_uncached`].
#[cold]
#[inline(never)]
fn push_slow(text: &str, i: usize, folded: &mut String, map: &mut Vec<u32>) {
    fold_uncached(text[i..].chars().next().expect("a character at i"), folded);
    map.resize(folded.len(), i as u32);
}

/// Folds and segments the text of `fold` into `tokens`: by [`segment`] where it can (with
/// shortcuts for the commonest segments: ASCII words, ASCII punctuation and [`han`]), by
/// [`slow_chunk`] for the chunks (runs between ASCII whitespace) where it cannot.
#[inline(always)]
fn tokenize(table: &Table, fold: &mut Fold<'_>, tokens: &mut Vec<Token>) {
    let text = fold.text;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // whitespace (or the start of the text) precedes the next token
    let mut space = true;
    while let Some(&b) = bytes.get(i) {
        // the offset in the folded text of byte `i`
        let f = fold.at(i);
        // the commonest tokens first: ASCII words and punctuation, Han ideographs
        let s = match BYTE_WB[b as usize] {
            Wb::Letter | Wb::Numeric => {
                // letters and digits, then what comes after them
                let rest = &bytes[i + 1..];
                let end = i
                    + 1
                    + rest
                        .iter()
                        .position(|&c| !BYTE_WB[c as usize].is_alnum())
                        .unwrap_or(rest.len());
                let after = bytes.get(end).map_or(Wb::Other, |&c| BYTE_WB[c as usize]);
                let first = ASCII[b as usize];
                // the token, if the word ends here
                let token = Token {
                    start: i as u32,
                    end: end as u32,
                    fstart: f,
                    fend: f + (end - i) as u32,
                    class: first.class,
                    cap: first.flags & UPPER != 0,
                    space_before: space,
                    plain: true,
                };
                let ends = match after {
                    Wb::Other => true,
                    // `_` joins whatever comes after it
                    Wb::ExtendNumLet => false,
                    // ASCII whitespace (the space is taken along), or a character that
                    // is not ASCII and might go on with the word
                    Wb::Slow => {
                        if bytes[end].is_ascii() {
                            tokens.push(token);
                            (i, space) = (end + 1, true);
                            continue;
                        }
                        false
                    }
                    // a MidLetter, MidNum or MidNumLet character joins only what is a
                    // letter or a digit after it (and what comes before it decides which)
                    _ => bytes
                        .get(end + 1)
                        .is_none_or(|&c| c.is_ascii() && !BYTE_WB[c as usize].is_wordy()),
                };
                if ends {
                    tokens.push(token);
                    (i, space) = (end, false);
                    continue;
                }
                word(table, bytes, fold, end, BYTE_WB[bytes[end - 1] as usize], first)
            }
            // a segment of its own (a MidLetter, MidNum or MidNumLet character joins only
            // what comes after a letter or a digit), no token for whitespace
            Wb::Other | Wb::MidLetter | Wb::MidNum | Wb::MidNumLet => {
                if ASCII[b as usize].flags & SPACE == 0 {
                    let token = Token {
                        start: i as u32,
                        end: i as u32 + 1,
                        fstart: f,
                        fend: f + 1,
                        class: TokenClass::Punct,
                        cap: false,
                        space_before: space,
                        plain: true,
                    };
                    tokens.push(token);
                    space = false;
                } else {
                    space = true;
                }
                i += 1;
                continue;
            }
            // ASCII whitespace (folds to itself)
            Wb::Slow if b.is_ascii() => {
                (i, space) = (i + 1, true);
                continue;
            }
            _ => match han(bytes, i) {
                Some(end) => {
                    fold.han(i);
                    let token = Token {
                        start: i as u32,
                        end: end as u32,
                        fstart: f,
                        fend: f + 3,
                        class: TokenClass::Han,
                        cap: false,
                        space_before: space,
                        plain: true,
                    };
                    tokens.push(token);
                    (i, space) = (end, false);
                    continue;
                }
                None => segment(table, bytes, fold, i),
            },
        };
        i = match s {
            Some(s) => {
                push_segment(text, tokens, i, f, s);
                s.end
            }
            None => redo_chunk(table, fold, i, tokens),
        };
        space = space_before(tokens, i);
    }
}

/// Maps the ASCII bytes `i..end` (which fold to one byte each).
#[inline(always)]
fn map_ascii(map: &mut Vec<u32>, i: usize, end: usize) {
    if end - i <= 8 {
        // eight at once, then the ones that are there kept
        let at = map.len();
        let k = i as u32;
        map.extend_from_slice(&[k, k + 1, k + 2, k + 3, k + 4, k + 5, k + 6, k + 7]);
        map.truncate(at + (end - i));
    } else {
        map.extend(i as u32..end as u32);
    }
}

/// If a Han ideograph of the Basic Multilingual Plane is at byte `i`, where it ends (it is
/// a segment of its own).
#[inline(always)]
fn han(bytes: &[u8], i: usize) -> Option<usize> {
    let b = bytes[i];
    if is_common_han(b) {
        return Some(i + 3);
    }
    if !(0xE3..=0xE4).contains(&b) || i + 3 > bytes.len() {
        return None;
    }
    is_bmp_han(decode(bytes, i).0).then_some(i + 3)
}

/// Is `b` the lead byte of one of U+5000..U+9FFF, all Han ideographs (see
/// [`is_bmp_han`])?
#[inline(always)]
fn is_common_han(b: u8) -> bool {
    (0xE5..=0xE9).contains(&b)
}

/// Drops the tokens of the chunk around byte `i` (where the pass has come to), folds the
/// rest of it and segments it again with [`slow_chunk`]; returns its end.
#[cold]
#[inline(never)]
fn redo_chunk(table: &Table, fold: &mut Fold<'_>, mut i: usize, tokens: &mut Vec<Token>) -> usize {
    #[cfg(test)]
    tests::REDONE.with(|n| n.set(n.get() + 1));
    let bytes = fold.text.as_bytes();
    let start = bytes[..i].iter().rposition(u8::is_ascii_whitespace).map_or(0, |k| k + 1);
    tokens.truncate(tokens.partition_point(|t| (t.start as usize) < start));
    fold.map_ascii(i);
    let fstart = fold.map.partition_point(|&n| (n as usize) < start) as u32;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
        let (c, len) = peek(table, bytes, i);
        fold.char(i, len, c);
        i += len;
    }
    fold.map_ascii(i);
    slow_chunk(fold.text, &fold.map, start, fstart, tokens)
}

/// The character at byte `i` with its length.
#[inline(always)]
fn peek(table: &Table, bytes: &[u8], i: usize) -> (CharInfo, usize) {
    match bytes[i] {
        b @ 0..0x80 => (ASCII[b as usize], 1),
        _ => {
            let (cp, len) = decode(bytes, i);
            (table.get(cp), len)
        }
    }
}

/// Word_Break classes of bytes, [`Wb::Slow`] for those that are not ASCII.
static BYTE_WB: [Wb; 256] = {
    let mut t = [Wb::Slow; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII[b].wb;
        b += 1;
    }
    t
};

/// Goes on from byte `i` (after a character of class `state`) over letters and digits,
/// ASCII or below U+2140, folding them; returns where they end and the class of the last of
/// them.
#[inline(always)]
fn wordy_run(
    table: &Table,
    bytes: &[u8],
    fold: &mut Fold<'_>,
    mut i: usize,
    mut state: Wb,
) -> (usize, Wb) {
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            let wb = BYTE_WB[b as usize];
            if !wb.is_alnum() {
                break;
            }
            state = wb;
            i += 1;
            continue;
        }
        let (c, len) = if b < 0xE0 {
            (table.get2(decode2(bytes, i)), 2)
        } else {
            let (cp, len) = decode(bytes, i);
            match table.get_low(cp) {
                Some(c) => (c, len),
                None => break,
            }
        };
        if !c.wb.is_alnum() {
            break;
        }
        fold.char(i, len, c);
        state = c.wb;
        i += len;
    }
    (i, state)
}

/// A word boundary segment found by [`segment`].
#[derive(Clone, Copy)]
struct Segment {
    /// Where it ends, in the text and folded.
    end: usize,
    fend: u32,
    /// Its first character.
    first: CharInfo,
    /// Where its first apostrophe ends (if one joins two letters or digits inside), in the
    /// text and folded.
    quote: Option<(usize, u32)>,
    /// Letters and digits below U+2140 only ([`Token::plain`]).
    plain: bool,
}

/// The word boundary segment that starts at byte `i` of `bytes` (not ASCII whitespace),
/// folded, or `None` if it has or meets a character that the fast segmenter does not
/// handle (then nothing of it is folded, and the chunk goes to unicode-segmentation).
#[inline(always)]
fn segment(table: &Table, bytes: &[u8], fold: &mut Fold<'_>, i: usize) -> Option<Segment> {
    let (first, len) = peek(table, bytes, i);
    if first.wb == Wb::Slow {
        return None;
    }
    fold.char(i, len, first);
    let mut i = i + len;
    match first.wb {
        Wb::Space => {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                let (c, clen) = peek(table, bytes, i);
                if c.wb != Wb::Space {
                    break;
                }
                fold.char(i, clen, c);
                i += clen;
            }
        }
        wb if wb.is_wordy() => return word(table, bytes, fold, i, wb, first),
        _ => {}
    }
    Some(Segment { end: i, fend: fold.at(i), first, quote: None, plain: false })
}

/// Goes on with a segment of letters, digits and `_` that begins with `first` and has
/// come to byte `i` (folded up to there) after a character of class `state`: the segment,
/// folded, or `None` as for [`segment`].
#[inline(always)]
fn word(
    table: &Table,
    bytes: &[u8],
    fold: &mut Fold<'_>,
    mut i: usize,
    mut state: Wb,
    first: CharInfo,
) -> Option<Segment> {
    let ends = |i: usize| i >= bytes.len() || bytes[i].is_ascii_whitespace();
    let mut quote = None;
    let mut plain = first.wb.is_alnum();
    loop {
        // the common case: letters and digits (below U+2140)
        (i, state) = wordy_run(table, bytes, fold, i, state);
        if ends(i) {
            break;
        }
        let (c, clen) = peek(table, bytes, i);
        if c.wb.is_wordy() {
            fold.char(i, clen, c);
            i += clen;
            state = c.wb;
            plain = false;
            continue;
        }
        // WB6/7 and WB11/12: a character between two letters or two digits joins them,
        // depending on its class
        let want = match (state, c.wb) {
            (Wb::Letter, Wb::MidLetter | Wb::MidNumLet) => Wb::Letter,
            (Wb::Numeric, Wb::MidNum | Wb::MidNumLet) => Wb::Numeric,
            _ => break,
        };
        let j = i + clen;
        if ends(j) {
            break;
        }
        let (d, dlen) = peek(table, bytes, j);
        if d.wb != want {
            break;
        }
        fold.char(i, clen, c);
        if quote.is_none() && c.flags & QUOTE != 0 {
            quote = Some((j, fold.at(j)));
        }
        fold.char(j, dlen, d);
        i = j + dlen;
        plain = false;
    }
    Some(Segment { end: i, fend: fold.at(i), first, quote, plain })
}

/// Adds the segment `s` that starts at byte `start` (folded offset `fstart`) as a token,
/// or as two for an elided article; none if it begins with whitespace.
#[inline(always)]
fn push_segment(text: &str, tokens: &mut Vec<Token>, start: usize, fstart: u32, s: Segment) {
    if s.first.flags & SPACE != 0 {
        return;
    }
    let mut token = Token {
        start: start as u32,
        end: s.end as u32,
        fstart,
        fend: s.fend,
        class: s.first.class,
        cap: s.first.flags & UPPER != 0,
        space_before: space_before(tokens, start),
        plain: s.plain,
    };
    if let Some((cut, fcut)) = s.quote {
        if let Some(k) = elision_cut(&text[start..s.end]) {
            debug_assert_eq!(start + k, cut, "the cut is after the first apostrophe");
            let rest = text[cut..].chars().next().expect("a letter after the cut");
            tokens.push(Token { end: cut as u32, fend: fcut, ..token });
            token = Token {
                start: cut as u32,
                fstart: fcut,
                class: token_class(rest),
                cap: rest.is_uppercase(),
                space_before: false,
                ..token
            };
        }
    }
    tokens.push(token);
}

/// Segments the chunk that starts at byte `start` (folded offset `fstart`) with
/// unicode-segmentation; returns its end. `map` maps the folded text up to the chunk's
/// end at least.
#[cold]
#[inline(never)]
fn slow_chunk(
    text: &str,
    map: &[u32],
    start: usize,
    fstart: u32,
    tokens: &mut Vec<Token>,
) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    // the folded offset of text byte `pos`: the first folded byte that comes from it or
    // from a later character, the end of the map if none does yet (the positions asked
    // for only grow)
    let mut cursor = fstart as usize;
    let mut fold_at = |pos: usize| {
        while map.get(cursor).is_some_and(|&n| (n as usize) < pos) {
            cursor += 1;
        }
        cursor as u32
    };
    for (k, w) in text[start..end].split_word_bound_indices() {
        for (i, w) in split_elision(start + k, w) {
            let Some(first) = w.chars().next() else { continue };
            if first.is_whitespace() {
                continue;
            }
            let space_before = space_before(tokens, i);
            tokens.push(Token {
                start: i as u32,
                end: (i + w.len()) as u32,
                fstart: fold_at(i),
                fend: fold_at(i + w.len()),
                class: token_class(first),
                cap: first.is_uppercase(),
                space_before,
                plain: false,
            });
        }
    }
    end
}

/// Whitespace precedes a token that starts at `start`: it is the first, or some text lies
/// between it and the previous one (ASCII whitespace or segments that begin with
/// whitespace, which are all that is left out).
#[inline(always)]
fn space_before(tokens: &[Token], start: usize) -> bool {
    tokens.last().is_none_or(|t| (t.end as usize) < start)
}

#[cfg(test)]
mod tests {
    use super::super::chars::table;
    use super::*;
    use proptest::prelude::*;

    /// The tokens UAX #29 gives: the segments of unicode-segmentation, elided articles
    /// split off, those that begin with whitespace left out.
    fn uax29(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices()
            .flat_map(|(i, w)| split_elision(i, w))
            .filter(|(_, w)| !w.starts_with(char::is_whitespace))
            .collect()
    }

    thread_local! {
        /// How many chunks [`redo_chunk`] did again on this thread.
        pub(super) static REDONE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// The tokens of [`prepare`], `None` if it had to leave a chunk to
    /// unicode-segmentation.
    fn fast(text: &str) -> Option<Vec<(usize, &str)>> {
        let before = REDONE.get();
        let tokens = prepare(table(), text, Buffers::default()).tokens;
        let words =
            tokens.iter().map(|t| (t.start as usize, &text[t.start as usize..t.end as usize]));
        (REDONE.get() == before).then(|| words.collect())
    }

    #[test]
    fn has_ascii_upper_finds_every_upper_case_letter_in_short_runs() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b'q'; 12];
                bytes[lane] = b;
                for n in 0..=8 {
                    let upper = bytes[..n].iter().any(u8::is_ascii_uppercase);
                    assert_eq!(has_ascii_upper(&bytes, 0, n), upper, "{b:x} at {lane} of {n}");
                }
                // too long, or too near the end to be looked at: maybe
                assert!(has_ascii_upper(&bytes, 0, 9));
                assert!(has_ascii_upper(&bytes, 5, 6));
            }
        }
    }

    /// Every character the fast segmenter handles, next to characters of every class,
    /// in every position of a three-character window (the widest context of the rules).
    #[test]
    fn word_break_classes_agree_with_uax29() {
        let probes: Vec<char> = "aя1_.':,;!\u{3000}中\u{202f}１，·\"’".chars().collect();
        let table = table();
        let handled = (0..0x2140)
            .chain(0x3000..0x3040)
            .chain(0xFF00..0xFFF0)
            .chain((0x3400..=0x9FFF).step_by(89))
            .filter(|&cp| table.get(cp).wb != Wb::Slow)
            .filter_map(char::from_u32);
        let mut s = String::new();
        let mut n = 0;
        for c in handled {
            n += 1;
            let mut check = |chars: &[char]| {
                s.clear();
                s.extend(chars);
                assert_eq!(fast(&s).as_ref(), Some(&uax29(&s)), "{s:?} ({:x})", c as u32);
            };
            check(&[c]);
            check(&[c, c]);
            check(&[c, c, c]);
            for &x in &probes {
                check(&[x, c]);
                check(&[c, x]);
                for &y in &probes {
                    check(&[x, c, y]);
                    check(&[c, x, y]);
                    check(&[x, y, c]);
                }
            }
        }
        assert!(n > 1000, "{n} characters");
    }

    /// Letters of the scripts of the news, digits, Han, the punctuation that matters.
    fn news_text() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = "aAbBzZéÉàÀẢảệỆốỐưƯơđĐăĂßÄöÜçñøĳǄǅǆяЯжЖёЁйЙїЇ\
            0123456789中国人〇々'.,:;_-/%()\" ’‘“”«»„–—…·№€°\u{a0}\u{202f}\u{2009}\u{3000}\
            、。，：；（）！１２ＡＢ＿．"
            .chars()
            .collect();
        prop::collection::vec(prop::sample::select(alphabet), 0..40)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        #[test]
        fn fast_segmenter_agrees_with_uax29(text in news_text()) {
            prop_assert_eq!(fast(&text), Some(uax29(&text)));
        }
    }

    #[test]
    fn news_text_agrees_with_uax29() {
        let texts = [
            "Comrade Hoang Van Nghiem, Secretary of the Party Committee's board, met 6,600 people on 4.8.2025.",
            "Resolution 57-NQ/TW (2025-2030): 50% of the BTS2 stations; e.g. x_y; H'Nhi and d'An.",
            "Die Gemeinden: Na Sam, Van Lang und Hoi Hoan - 1.250 Akten, 12:30 Uhr.",
            "Đồng chí Hoàng Văn Nghiệm, Bí thư Đảng ủy xã Na Sầm, đã gặp 6.600 người dân.",
            "Глава администрации «Единая Россия» — 6 600 человек, №\u{a0}57; ёлка.",
            "越南高平省人民委员会主席阮文A，于2025年8月4日（星期一）召开会议。",
            "l’Assemblée d’An Giang, qu'Il, aujourd'hui, 1'000; 1;2 _x __init__ ４５ ｆｕｌｌ．",
        ];
        for t in texts {
            assert_eq!(fast(t), Some(uax29(t)), "{t}");
        }
    }

    #[test]
    fn characters_it_does_not_handle_go_to_unicode_segmentation() {
        for text in ["a\u{301}", "\u{200d}", "ナ", "ש", "a.\u{301}b", "😀", "\u{ad}"] {
            assert_eq!(fast(text), None, "{text:?}");
        }
        assert_eq!(
            fast("Ông Nguyễn, «Россия» 中国。1'000 d’An"),
            Some(uax29("Ông Nguyễn, «Россия» 中国。1'000 d’An"))
        );
    }
}
