//! The two passes over a text: folding (with the check for NFC) and segmentation.
//!
//! Folding copies runs of ASCII, which fold byte for byte, in bulk, and folds every other
//! character through the character table. It also looks out for characters that might
//! make the text other than NFC ([`is_nfc_stable`](super::is_nfc_stable)); news text
//! rarely has any, and then needs no other check.
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
use super::{Token, TokenClass, elision_cut, fold_uncached, split_elision, token_class};

/// Bytes whose high bit is set: not ASCII.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The code point of the two-byte character that starts at byte `i` of `bytes` (valid
/// UTF-8).
#[inline(always)]
fn decode2(bytes: &[u8], i: usize) -> u32 {
    (u32::from(bytes[i] & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F)
}

/// The end of the run of ASCII bytes that starts at byte `i` (eight bytes at a time).
#[inline(always)]
fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if word & HIGH != 0 {
            return i + (word & HIGH).trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii() {
        i += 1;
    }
    i
}

/// The folded text and, for every folded byte, the text byte of the character it comes
/// from ([`Prepared::fold_to_norm`](super::Prepared)).
pub(super) struct Folded {
    text: String,
    map: Vec<u32>,
}

impl Folded {
    /// Buffers for a text of `n` bytes (which folds to about as many).
    pub fn new(n: usize) -> Folded {
        Folded { text: String::with_capacity(n + 16), map: Vec::with_capacity(n + 17) }
    }

    /// Forgets what was folded.
    pub fn clear(&mut self) {
        self.text.clear();
        self.map.clear();
    }

    /// The folded text and the map, with the end of the text (`text_len`) last.
    pub fn finish(mut self, text_len: usize) -> (String, Vec<u32>) {
        debug_assert_eq!(self.text.len(), self.map.len());
        self.map.push(text_len as u32);
        (self.text, self.map)
    }
}

/// Folds `text` from byte `from` on into `out` (see [`fold_char`](super::fold_char)). With
/// `CHECK_NFC` it stops at the first character that is not NFC-stable (the text might not
/// be NFC) and returns its offset.
///
/// Runs of ASCII and of characters that fold to themselves are copied whole when another
/// character or the end comes (and mapped eight bytes or one character at a time); other
/// characters are folded one at a time through the table.
#[inline(never)]
pub(super) fn fold_text<const CHECK_NFC: bool>(
    table: &Table,
    text: &str,
    from: usize,
    out: &mut Folded,
) -> Option<usize> {
    // the buffers as local variables, which the compiler keeps the lengths of in registers
    let (mut folded, mut map) = (std::mem::take(&mut out.text), std::mem::take(&mut out.map));
    let stop = fold_into::<CHECK_NFC>(table, text, from, &mut folded, &mut map);
    (out.text, out.map) = (folded, map);
    stop
}

/// [`fold_text`] into `folded` and `map`.
#[inline(always)]
fn fold_into<const CHECK_NFC: bool>(
    table: &Table,
    text: &str,
    from: usize,
    folded: &mut String,
    map: &mut Vec<u32>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    // `text[same..i]` folds to itself but for ASCII upper case: it is mapped, and copied
    // when another character or the end comes
    let mut same = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            let end = ascii_run_end(bytes, i + 1);
            map.extend(i as u32..end as u32);
            i = end;
            continue;
        }
        if is_common_han(b) {
            // NFC-stable, folds to itself
            map_char(map, i, 3);
            i += 3;
            continue;
        }
        let (info, len) = if b < 0xE0 {
            (table.get2(decode2(bytes, i)), 2)
        } else {
            let (cp, len) = decode(bytes, i);
            (table.get(cp), len)
        };
        if CHECK_NFC && info.flags & NFC == 0 {
            copy_same(text, same, i, folded);
            return Some(i);
        }
        if info.flags & SAME != 0 {
            map_char(map, i, len);
            i += len;
            continue;
        }
        copy_same(text, same, i, folded);
        if info.flags & FOLD_SLOW == 0 {
            folded.push(info.fold);
            map_char(map, i, info.fold_len as usize);
        } else {
            push_slow(text[i..].chars().next().expect("a character at i"), i, folded, map);
        }
        i += len;
        same = i;
    }
    copy_same(text, same, i, folded);
    None
}

/// Maps the next `n` folded bytes (at most four) to text byte `i`: writes four, keeps `n`.
#[inline(always)]
fn map_char(map: &mut Vec<u32>, i: usize, n: usize) {
    let at = map.len();
    map.extend_from_slice(&[i as u32; 4]);
    map.truncate(at + n);
}

/// Appends `text[from..to]` (mapped already) to `folded` in ASCII lower case.
#[inline(always)]
fn copy_same(text: &str, from: usize, to: usize, folded: &mut String) {
    if from < to {
        let at = folded.len();
        folded.push_str(&text[from..to]);
        folded[at..].make_ascii_lowercase();
    }
}

/// Appends the folded form of character `c` at text byte `i` by [`fold_uncached`].
#[cold]
#[inline(never)]
fn push_slow(c: char, i: usize, folded: &mut String, map: &mut Vec<u32>) {
    fold_uncached(c, folded);
    map.resize(folded.len(), i as u32);
}

/// Segments `text` into `tokens`: by [`segment`] where it can (with shortcuts for the
/// commonest segments: ASCII words ([`wordy_end`]), ASCII punctuation and [`han`]), by [`slow_chunk`] for the chunks (runs
/// between ASCII whitespace) where it cannot. `map` is the folded-to-text map of
/// [`fold_text`].
#[inline(never)]
pub(super) fn tokenize(table: &Table, text: &str, map: &[u32], tokens: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    // `f`: the offset in the folded text of byte `i`
    let (mut i, mut f) = (0usize, 0u32);
    // whitespace (or the start of the text) precedes the next token
    let mut space = true;
    while let Some(&b) = bytes.get(i) {
        // the commonest tokens first: ASCII words and punctuation, Han ideographs
        let s = match BYTE_WB[b as usize] {
            Wb::Letter | Wb::Numeric => {
                // letters, digits and `_`, then what comes after them
                let mut end = i + 1;
                let after = loop {
                    let Some(&c) = bytes.get(end) else { break Wb::Other };
                    let wb = BYTE_WB[c as usize];
                    if !wb.is_wordy() {
                        break wb;
                    }
                    end += 1;
                };
                let first = ASCII[b as usize];
                let fend = f + (end - i) as u32;
                // the token, if the word ends here
                let token = Token {
                    start: i as u32,
                    end: end as u32,
                    fstart: f,
                    fend,
                    class: first.class,
                    cap: first.flags & UPPER != 0,
                    space_before: space,
                };
                let ends = match after {
                    Wb::Other => true,
                    // ASCII whitespace (the space is taken along), or a character that
                    // is not ASCII and might go on with the word
                    Wb::Slow => {
                        if bytes[end].is_ascii() {
                            tokens.push(token);
                            (i, f, space) = (end + 1, fend + 1, true);
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
                    (i, f, space) = (end, fend, false);
                    continue;
                }
                word(table, bytes, end, fend, BYTE_WB[bytes[end - 1] as usize], first)
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
                    };
                    tokens.push(token);
                    space = false;
                } else {
                    space = true;
                }
                (i, f) = (i + 1, f + 1);
                continue;
            }
            // ASCII whitespace (folds to itself)
            Wb::Slow if b.is_ascii() => {
                (i, f, space) = (i + 1, f + 1, true);
                continue;
            }
            _ => match han(bytes, i) {
                Some(end) => {
                    let token = Token {
                        start: i as u32,
                        end: end as u32,
                        fstart: f,
                        fend: f + 3,
                        class: TokenClass::Han,
                        cap: false,
                        space_before: space,
                    };
                    tokens.push(token);
                    (i, f, space) = (end, f + 3, false);
                    continue;
                }
                None => segment(table, bytes, i, f),
            },
        };
        match s {
            Some(s) => {
                push_segment(text, tokens, i, f, s);
                (i, f) = (s.end, s.fend);
            }
            None => (i, f) = redo_chunk(text, map, i, tokens),
        }
        space = space_before(tokens, i);
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

/// Drops the tokens of the chunk around byte `i` and segments it again with
/// [`slow_chunk`]; returns its end and the end's folded offset.
#[cold]
#[inline(never)]
fn redo_chunk(text: &str, map: &[u32], i: usize, tokens: &mut Vec<Token>) -> (usize, u32) {
    #[cfg(test)]
    tests::REDONE.with(|n| n.set(n.get() + 1));
    let bytes = text.as_bytes();
    let start = bytes[..i].iter().rposition(u8::is_ascii_whitespace).map_or(0, |k| k + 1);
    tokens.truncate(tokens.partition_point(|t| (t.start as usize) < start));
    let fstart = map.partition_point(|&n| (n as usize) < start) as u32;
    slow_chunk(text, map, start, fstart, tokens)
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

/// Goes on from byte `i` (folded offset `f`, after a character of class `state`) over
/// letters, digits and `_`, ASCII or below U+2140; returns where they end, the folded
/// offset there and the class of the last of them.
#[inline(always)]
fn wordy_run(
    table: &Table,
    bytes: &[u8],
    mut i: usize,
    mut f: u32,
    mut state: Wb,
) -> (usize, u32, Wb) {
    while let Some(&b) = bytes.get(i) {
        let (wb, len, flen) = if b.is_ascii() {
            (BYTE_WB[b as usize], 1, 1)
        } else if b < 0xE0 {
            let c = table.get2(decode2(bytes, i));
            (c.wb, 2, c.fold_len as u32)
        } else {
            let (cp, len) = decode(bytes, i);
            match table.get_low(cp) {
                Some(c) => (c.wb, len, c.fold_len as u32),
                None => break,
            }
        };
        if !wb.is_wordy() {
            break;
        }
        state = wb;
        i += len;
        f += flen;
    }
    (i, f, state)
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
}

/// The word boundary segment that starts at byte `i` of `bytes` (not ASCII whitespace,
/// folded offset `f`), or `None` if it has or meets a character that the fast segmenter
/// does not handle (then the chunk goes to unicode-segmentation).
#[inline(always)]
fn segment(table: &Table, bytes: &[u8], i: usize, f: u32) -> Option<Segment> {
    let (first, len) = peek(table, bytes, i);
    let (mut i, mut f) = (i + len, f + first.fold_len as u32);
    match first.wb {
        Wb::Slow => return None,
        Wb::Space => {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                let (c, clen) = peek(table, bytes, i);
                if c.wb != Wb::Space {
                    break;
                }
                i += clen;
                f += c.fold_len as u32;
            }
        }
        wb if wb.is_wordy() => return word(table, bytes, i, f, wb, first),
        _ => {}
    }
    Some(Segment { end: i, fend: f, first, quote: None })
}

/// Goes on with a segment of letters, digits and `_` that begins with `first` and has
/// come to byte `i` (folded offset `f`) after a character of class `state`: the segment,
/// or `None` as for [`segment`].
#[inline(always)]
fn word(
    table: &Table,
    bytes: &[u8],
    mut i: usize,
    mut f: u32,
    mut state: Wb,
    first: CharInfo,
) -> Option<Segment> {
    let ends = |i: usize| i >= bytes.len() || bytes[i].is_ascii_whitespace();
    let mut quote = None;
    loop {
        // the common case: letters, digits and `_` (below U+2140)
        (i, f, state) = wordy_run(table, bytes, i, f, state);
        if ends(i) {
            break;
        }
        let (c, clen) = peek(table, bytes, i);
        if c.wb.is_wordy() {
            i += clen;
            f += c.fold_len as u32;
            state = c.wb;
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
        f += c.fold_len as u32;
        if quote.is_none() && c.flags & QUOTE != 0 {
            quote = Some((j, f));
        }
        f += d.fold_len as u32;
        i = j + dlen;
    }
    Some(Segment { end: i, fend: f, first, quote })
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
/// unicode-segmentation; returns its end and the end's folded offset.
#[cold]
#[inline(never)]
fn slow_chunk(
    text: &str,
    map: &[u32],
    start: usize,
    fstart: u32,
    tokens: &mut Vec<Token>,
) -> (usize, u32) {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    // the folded offset of text byte `pos`: the first folded byte that comes from it or
    // from a later character (the positions asked for only grow)
    let mut cursor = fstart as usize;
    let mut fold_at = |pos: usize| {
        while (map[cursor] as usize) < pos {
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
            });
        }
    }
    (end, fold_at(end))
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

    /// The tokens of [`tokenize`], `None` if it had to leave a chunk to
    /// unicode-segmentation.
    fn fast(text: &str) -> Option<Vec<(usize, &str)>> {
        let table = table();
        let mut out = Folded::new(text.len());
        fold_text::<false>(table, text, 0, &mut out);
        let (_, map) = out.finish(text.len());
        let mut tokens = Vec::new();
        let before = REDONE.get();
        tokenize(table, text, &map, &mut tokens);
        let words =
            tokens.iter().map(|t| (t.start as usize, &text[t.start as usize..t.end as usize]));
        (REDONE.get() == before).then(|| words.collect())
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
