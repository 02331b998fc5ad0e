//! What the fast paths of text preparation need to know about a character, looked up in
//! one table: its folded form, its Word_Break class (UAX #29) as far as the fast segmenter
//! handles it, the class of a token it begins, and whether it is upper case or whitespace.
//!
//! The table is computed once from the same functions the slow paths use ([`fold_uncached`],
//! [`token_class`] and `char`'s own predicates), so it cannot disagree with them; only the
//! Word_Break classes are written out by hand ([`word_break`]), and the tests check them
//! against unicode-segmentation for every character they cover.

use std::sync::LazyLock;

use super::{TokenClass, fold_uncached, is_nfc_stable, token_class};

/// The Word_Break classes of UAX #29 that the fast segmenter handles. Characters of other
/// classes (Extend, Format, ZWJ, Katakana, Hebrew_Letter, Regional_Indicator, …) and
/// characters the table does not list are [`Wb::Slow`]: a chunk of text with one of them
/// goes to unicode-segmentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Wb {
    /// Not handled by the fast segmenter.
    Slow,
    /// Breaks on both sides: punctuation, symbols, Han ideographs, controls, the quotes
    /// `"` (Double_Quote only matters next to Hebrew letters) and Newline characters
    /// (which differ from Other only before Extend and Format characters, all [`Wb::Slow`]).
    Other,
    /// MidLetter (`:`, `·`): joins two letters.
    MidLetter,
    /// MidNum (`,`, `;`): joins two digits.
    MidNum,
    /// MidNumLet and Single_Quote (`.`, `'`, `’`): joins two letters or two digits.
    MidNumLet,
    /// WSegSpace other than U+0020 (the ideographic space, the typographic spaces): a run
    /// of them is one segment.
    Space,
    // the classes that join one another come last (see `is_wordy`), letters and digits
    // last of all (see `is_alnum`)
    /// ExtendNumLet (`_`, U+202F): joins letters, digits and itself on both sides.
    ExtendNumLet,
    /// ALetter.
    Letter,
    /// Numeric.
    Numeric,
}

impl Wb {
    /// Letters, digits and ExtendNumLet, which join one another (WB5, WB8-10, WB13a/b).
    #[inline(always)]
    pub const fn is_wordy(self) -> bool {
        self as u8 >= Wb::ExtendNumLet as u8
    }

    /// Letters and digits.
    #[inline(always)]
    pub const fn is_alnum(self) -> bool {
        self as u8 >= Wb::Letter as u8
    }
}

/// [`CharInfo::flags`]: the character is upper case (`char::is_uppercase`).
pub(super) const UPPER: u8 = 1;
/// [`CharInfo::flags`]: the character is whitespace (`char::is_whitespace`).
pub(super) const SPACE: u8 = 2;
/// [`CharInfo::flags`]: an apostrophe that can end an elided article (`'`, U+2019).
pub(super) const QUOTE: u8 = 4;
/// [`CharInfo::flags`]: the folded form is not one character (`ß` → `ss`, a lone mark
/// folds to nothing, or the table does not know the character): see [`fold_uncached`].
pub(super) const FOLD_SLOW: u8 = 8;
/// [`CharInfo::flags`]: the character is NFC whatever surrounds it ([`is_nfc_stable`]).
pub(super) const NFC: u8 = 16;
/// [`CharInfo::flags`]: the character folds to itself (not said of ASCII).
pub(super) const SAME: u8 = 32;

/// What the fast paths need to know about one character (eight bytes, read at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, align(8))]
pub(super) struct CharInfo {
    /// The folded form (see [`super::fold_char`]) unless [`FOLD_SLOW`].
    pub fold: char,
    /// Length in bytes of the folded form (at most four).
    pub fold_len: u8,
    /// The Word_Break class as far as the fast segmenter is concerned ([`word_break`]).
    pub wb: Wb,
    /// The class of a token that begins with this character.
    pub class: TokenClass,
    /// [`UPPER`], [`SPACE`], [`QUOTE`], [`FOLD_SLOW`], [`NFC`], [`SAME`].
    pub flags: u8,
}

impl CharInfo {
    /// What the table answers for characters it does not know.
    pub const UNKNOWN: CharInfo = CharInfo {
        fold: '\0',
        fold_len: 0,
        wb: Wb::Slow,
        class: TokenClass::Punct,
        flags: FOLD_SLOW,
    };

    fn new(c: char) -> CharInfo {
        let mut s = String::new();
        fold_uncached(c, &mut s);
        assert!(s.len() <= 4, "{c:?} folds to {s:?}, more than four bytes");
        let mut folds = s.chars();
        let (fold, one) = match (folds.next(), folds.next()) {
            (Some(d), None) => (d, true),
            _ => ('\0', false),
        };
        let flags = if c.is_uppercase() { UPPER } else { 0 }
            | if c.is_whitespace() { SPACE } else { 0 }
            | if matches!(c, '\'' | '\u{2019}') { QUOTE } else { 0 }
            | if one { 0 } else { FOLD_SLOW }
            | if is_nfc_stable(c as u32) { NFC } else { 0 }
            | if !c.is_ascii() && one && fold == c { SAME } else { 0 };
        CharInfo {
            fold,
            fold_len: s.len() as u8,
            wb: word_break(c as u32),
            class: token_class(c),
            flags,
        }
    }

    /// An ASCII character, for [`ASCII`].
    const fn ascii(b: u8) -> CharInfo {
        let flags = if b.is_ascii_uppercase() { UPPER } else { 0 }
            | if matches!(b, b'\t'..=b'\r' | b' ') { SPACE } else { 0 }
            | if b == b'\'' { QUOTE } else { 0 }
            | NFC;
        let class = if b.is_ascii_digit() {
            TokenClass::Digits
        } else if b.is_ascii_alphabetic() {
            TokenClass::Word
        } else {
            TokenClass::Punct
        };
        CharInfo {
            fold: b.to_ascii_lowercase() as char,
            fold_len: 1,
            wb: word_break(b as u32),
            class,
            flags,
        }
    }

    /// A Han ideograph of the Basic Multilingual Plane: folds to itself, its own word.
    #[inline(always)]
    fn han(c: char) -> CharInfo {
        CharInfo { fold: c, fold_len: 3, wb: Wb::Other, class: TokenClass::Han, flags: NFC | SAME }
    }
}

/// The table's answers for ASCII, as a constant.
pub(super) static ASCII: [CharInfo; 128] = {
    let mut t = [CharInfo::UNKNOWN; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = CharInfo::ascii(b as u8);
        b += 1;
    }
    t
};

/// The blocks of code points the table lists, with their offsets in it: Latin, Greek,
/// Cyrillic, Vietnamese and the rest below U+2000 with general punctuation, superscripts,
/// currency signs and letterlike symbols; CJK symbols and punctuation; fullwidth forms.
const LOW_END: u32 = 0x2140;
const CJK: (u32, u32) = (0x3000, 0x3040);
const FULLWIDTH: (u32, u32) = (0xFF00, 0xFFF0);

/// The Han ideographs the table answers for without listing them (CJK Unified Ideographs
/// and Extension A, all assigned, all Word_Break Other, all folding to themselves).
#[inline]
pub(super) fn is_bmp_han(cp: u32) -> bool {
    matches!(cp, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// How many characters the table lists.
const TABLE_LEN: usize = (LOW_END + (CJK.1 - CJK.0) + (FULLWIDTH.1 - FULLWIDTH.0)) as usize;

/// The table of [`CharInfo`] (see [`table`]).
pub(super) struct Table {
    entries: Box<[CharInfo; TABLE_LEN]>,
}

impl Table {
    fn build() -> Table {
        let blocks = [(0, LOW_END), CJK, FULLWIDTH];
        let entries: Vec<CharInfo> = blocks
            .iter()
            .flat_map(|&(a, b)| a..b)
            .map(|cp| CharInfo::new(char::from_u32(cp).expect("no surrogates in the blocks")))
            .collect();
        let entries = entries.into_boxed_slice().try_into().expect("TABLE_LEN entries");
        Table { entries }
    }

    /// The facts about code point `cp` (a `char`), [`CharInfo::UNKNOWN`] if the table
    /// does not know it.
    #[inline(always)]
    pub fn get(&self, cp: u32) -> CharInfo {
        let idx = if cp < LOW_END {
            cp
        } else if is_bmp_han(cp) {
            return char::from_u32(cp).map_or(CharInfo::UNKNOWN, CharInfo::han);
        } else if (CJK.0..CJK.1).contains(&cp) {
            cp - CJK.0 + LOW_END
        } else if (FULLWIDTH.0..FULLWIDTH.1).contains(&cp) {
            cp - FULLWIDTH.0 + LOW_END + (CJK.1 - CJK.0)
        } else {
            return CharInfo::UNKNOWN;
        };
        self.entries[idx as usize]
    }

    /// Like [`Table::get`], for a character of two bytes in UTF-8 (`cp` below U+0800).
    #[inline(always)]
    pub fn get2(&self, cp: u32) -> CharInfo {
        debug_assert!((0x80..0x800).contains(&cp));
        self.entries[(cp & 0x7FF) as usize]
    }

    /// Like [`Table::get`], for the characters below U+2140 (Latin, Cyrillic, Vietnamese)
    /// only, `None` for the others.
    #[inline(always)]
    pub fn get_low(&self, cp: u32) -> Option<CharInfo> {
        self.entries.get(..LOW_END as usize)?.get(cp as usize).copied()
    }
}

/// The character table, computed on first use.
#[inline]
pub(super) fn table() -> &'static Table {
    static TABLE: LazyLock<Table> = LazyLock::new(Table::build);
    &TABLE
}

/// Decodes the character that starts at byte `i` of `bytes` (valid UTF-8, `i` on a
/// character boundary): its code point and length in bytes.
#[inline(always)]
pub(super) fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = bytes[i] as u32;
    if b0 < 0x80 {
        return (b0, 1);
    }
    let cont = |k: usize| (bytes[i + k] & 0x3F) as u32;
    if b0 < 0xE0 {
        ((b0 & 0x1F) << 6 | cont(1), 2)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    }
}

/// The Word_Break class (UAX #29, as unicode-segmentation has it) of the code points in the
/// table's blocks, [`Wb::Slow`] for those the fast segmenter leaves to unicode-segmentation
/// and for the ASCII whitespace that separates chunks.
pub(super) const fn word_break(cp: u32) -> Wb {
    use Wb::*;
    match cp {
        // ASCII: whitespace separates chunks and never reaches the segmenter
        0x09 | 0x0A | 0x0C | 0x0D | 0x20 => Slow,
        0x30..=0x39 => Numeric,
        0x41..=0x5A | 0x61..=0x7A => Letter,
        0x5F => ExtendNumLet,
        0x27 | 0x2E => MidNumLet,
        0x3A => MidLetter,
        0x2C | 0x3B => MidNum,
        0x00..=0x7F => Other,
        // Latin-1 supplement
        0xAD => Slow, // soft hyphen: Format
        0xAA | 0xB5 | 0xB8 | 0xBA => Letter,
        0xB7 => MidLetter,
        0x80..=0xBF | 0xD7 | 0xF7 => Other,
        // Latin letters, IPA, spacing modifier letters
        0xC0..=0x2D7 | 0x2DE..=0x2FF => Letter,
        0x2D8..=0x2DD => Other,
        // Cyrillic (U+0483..U+0489 are combining marks)
        0x400..=0x481 | 0x48A..=0x52F => Letter,
        0x482 => Other,
        // Latin Extended Additional (Vietnamese)
        0x1E00..=0x1EFF => Letter,
        // general punctuation
        0x2000..=0x2006 | 0x2008..=0x200A | 0x205F | 0x3000 => Space,
        0x200C..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F => Slow,
        0x2018 | 0x2019 | 0x2024 | 0xFF07 | 0xFF0E => MidNumLet,
        0x2027 | 0xFF1A => MidLetter,
        0x2044 | 0xFF0C | 0xFF1B => MidNum,
        0x202F | 0x203F | 0x2040 | 0x2054 | 0xFF3F => ExtendNumLet,
        // superscripts and subscripts, currency signs (U+20D0.. are combining marks)
        0x2071 | 0x207F | 0x2090..=0x209C => Letter,
        0x2000..=0x20CF => Other,
        // letterlike symbols up to U+2125 (U+2126 OHM SIGN is not NFC)
        0x2102 | 0x2107 | 0x210A..=0x2113 | 0x2115 | 0x2119..=0x211D | 0x2124 => Letter,
        0x2100..=0x2125 => Other,
        // CJK symbols and punctuation (U+302A.. are marks, U+3031.. Katakana)
        0x3005 | 0x303B | 0x303C => Letter,
        0x3001..=0x3029 | 0x3030 | 0x3036..=0x303A | 0x303D..=0x303F => Other,
        // fullwidth forms (U+FF66.. are halfwidth Katakana)
        0xFF10..=0xFF19 => Numeric,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Letter,
        0xFF00..=0xFF65 => Other,
        // Han ideographs (Word_Break Other: each is a word of its own)
        0x3400..=0x4DBF | 0x4E00..=0x9FFF => Other,
        _ => Slow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_entries_are_what_the_table_would_hold() {
        assert_eq!(CharInfo::han('中'), CharInfo::new('中'));
        let table = table();
        for c in (0x3400..=0x9FFF).filter(|&cp| is_bmp_han(cp)).filter_map(char::from_u32) {
            assert_eq!(table.get(c as u32), CharInfo::new(c), "{c:?}");
        }
    }

    #[test]
    fn the_ascii_constants_are_what_the_table_would_hold() {
        for b in 0..128u8 {
            assert_eq!(ASCII[b as usize], CharInfo::new(b as char), "{b:x}");
        }
    }

    #[test]
    fn the_table_answers_for_its_blocks_only() {
        let table = table();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let cp = c as u32;
            let listed = cp < LOW_END
                || is_bmp_han(cp)
                || (CJK.0..CJK.1).contains(&cp)
                || (FULLWIDTH.0..FULLWIDTH.1).contains(&cp);
            let expected = if listed { CharInfo::new(c) } else { CharInfo::UNKNOWN };
            assert_eq!(table.get(cp), expected, "{c:?}");
        }
    }

    #[test]
    fn decode_agrees_with_chars() {
        let text = "aé\u{7ff}\u{800}ệ中\u{ffff}\u{10000}😀\u{10ffff}z";
        for (i, c) in text.char_indices() {
            assert_eq!(decode(text.as_bytes(), i), (c as u32, c.len_utf8()));
        }
    }
}
