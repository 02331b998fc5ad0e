//! The recognisers, run in order on one prepared text: units first (they claim the names
//! of places, also those named after people), then officials, counts and issues.

pub(crate) mod counts;
pub(crate) mod issues;
pub(crate) mod officials;
pub(crate) mod units;

use std::borrow::Cow;

use crate::document::{Entity, UnitType};
use crate::hash::FastMap;
use crate::lang::{Hit, Pack, Script};
use crate::lexicon::{Entry, Tag, kind};
use crate::text::{Prepared, TokenClass};

/// What one recogniser run needs: the prepared text, its language pack and the lexicon hits.
pub(crate) struct Context<'a> {
    pub p: &'a Prepared<'a>,
    pub pack: &'a Pack,
    pub hits: &'a [Hit],
    /// per token: family name and stop word flags (`lang::FAMILY`, ...)
    pub flags: &'a [u8],
    /// Vietnamese written with diacritics.
    pub strict: bool,
}

/// What is remembered across the pieces of one long document.
#[derive(Default)]
pub(crate) struct DocumentMemory {
    /// folded name → the offices found so far (each role and level once)
    pub officials: FastMap<String, Vec<Office>>,
    /// folded unit name → unit type given by a type word
    pub unit_types: FastMap<String, Option<UnitType>>,
}

/// An office an official was found to hold: what later mentions by title alone are matched
/// with (a [`crate::document::Role`] without the title as written).
pub(crate) struct Office {
    pub role: String,
    pub level: Option<String>,
}

/// Token ownership while recognising.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    Free,
    Unit,
    Person,
}

/// Runs every recogniser; returns entities with byte ranges into the normalised text.
#[inline(never)]
pub(crate) fn run(ctx: &Context<'_>, memory: &mut DocumentMemory) -> Vec<Entity> {
    let index = HitIndex::new(ctx);
    let mut claims = vec![Claim::Free; ctx.p.tokens.len()];
    // room for the entities of most texts (about one per 14 tokens, up to twice as many in
    // dense texts), without regrowing (which copies every entity)
    let mut out = Vec::with_capacity(ctx.p.tokens.len() / 8 + 8);
    let sc = Scan { ctx, index: &index };
    units::recognize(&sc, &mut claims, memory, &mut out);
    officials::recognize(&sc, &mut claims, memory, &mut out);
    counts::recognize(&sc, &claims, &mut out);
    issues::recognize(&sc, &mut out);
    out
}

/// Hits grouped by the token they start in.
pub(crate) struct HitIndex {
    /// `starts[i]..starts[i+1]`: the hits whose first token is `i`
    starts: Vec<u32>,
    /// per token: the [`Tag::kind`] bits of the hits whose first token it is
    kinds: Vec<u32>,
    /// per token: [`SENTENCE_END`], [`LINE_BREAK_AFTER`]
    marks: Vec<u8>,
    /// per token: the kind bits of the hits that cover it and start at most 4 tokens
    /// before it (what [`Scan::covered_by`] looks at); only for Han text, where it is asked
    /// of most tokens (stop words, name characters)
    covered: Option<Vec<u32>>,
}

/// Token mark: a sentence end mark (. ! ? … 。 ！ ？).
const SENTENCE_END: u8 = 1;
/// Token mark: a line break (or the end of the text) follows the token.
const LINE_BREAK_AFTER: u8 = 2;

impl HitIndex {
    fn new(ctx: &Context<'_>) -> HitIndex {
        let p = ctx.p;
        let n = p.tokens.len();
        // the hits come in order of their first token: starts[i] counts those before token i
        let mut starts = vec![0u32; n + 1];
        let mut kinds = vec![0u32; n + 1];
        let mut covered = (ctx.pack.script == Script::Han).then(|| vec![0u32; n]);
        for h in ctx.hits {
            let t = h.tok as usize;
            let kind = ctx.pack.info[h.entry as usize].kind;
            if t < n {
                starts[t + 1] += 1;
                if let Some(covered) = &mut covered {
                    for c in &mut covered[t..(h.tok_end as usize).min(t + 5).min(n)] {
                        *c |= kind;
                    }
                }
            }
            if let Some(k) = kinds.get_mut(t) {
                *k |= kind;
            }
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let norm = p.norm.as_bytes();
        let mut marks = vec![0u8; n];
        for (i, (t, m)) in p.tokens.iter().zip(&mut marks).enumerate() {
            if t.class == TokenClass::Punct {
                let end_mark = match &norm[t.start as usize..t.end as usize] {
                    [b'.' | b'!' | b'?'] => true,
                    [b] if b.is_ascii() => false,
                    _ => p
                        .tok(i)
                        .chars()
                        .all(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')),
                };
                if end_mark {
                    *m |= SENTENCE_END;
                }
            }
        }
        if let Some(last) = marks.last_mut() {
            *last |= LINE_BREAK_AFTER;
        }
        // the few line breaks, searched in the text (not in the gap after every token): each
        // marks the token before it, if it stands between two tokens
        let mut from = 0;
        while let Some(at) = p.norm[from..].find('\n') {
            let b = from + at;
            from = b + 1;
            let after = p.tokens.partition_point(|t| (t.end as usize) <= b);
            if after > 0 && p.tokens.get(after).is_none_or(|u| b < u.start as usize) {
                marks[after - 1] |= LINE_BREAK_AFTER;
            }
        }
        HitIndex { starts, kinds, marks, covered }
    }
}

/// A recogniser's view: context plus the hit index, with helpers shared by all recognisers.
pub(crate) struct Scan<'a> {
    pub ctx: &'a Context<'a>,
    pub index: &'a HitIndex,
}

impl<'a> Scan<'a> {
    pub fn p(&self) -> &'a Prepared<'a> {
        self.ctx.p
    }

    pub fn n(&self) -> usize {
        self.ctx.p.tokens.len()
    }

    /// Does a hit whose first token is `i` have one of the kinds `mask` ([`crate::lexicon::kind`])?
    #[inline]
    pub fn has_kind(&self, i: usize, mask: u32) -> bool {
        self.index.kinds.get(i).is_some_and(|k| k & mask != 0)
    }

    /// The hits whose first token is `i` (they may start inside it for infix entries).
    pub fn hits_at(&self, i: usize) -> &'a [Hit] {
        if i >= self.n() {
            return &[];
        }
        let (a, b) = (self.index.starts[i] as usize, self.index.starts[i + 1] as usize);
        &self.ctx.hits[a..b]
    }

    /// The hits whose first token is one of `a..b` (`b` at most the number of tokens).
    pub fn hits_in(&self, a: usize, b: usize) -> &'a [Hit] {
        let (a, b) = (self.index.starts[a] as usize, self.index.starts[b] as usize);
        &self.ctx.hits[a..b]
    }

    /// The hits that start exactly at the start of token `i`.
    pub fn hits_from(&self, i: usize) -> impl Iterator<Item = &'a Hit> + 'a {
        let f = self.ctx.p.tokens.get(i).map_or(u32::MAX, |t| t.fstart);
        self.hits_at(i).iter().filter(move |h| h.fstart == f)
    }

    pub fn entry(&self, h: &Hit) -> &'a Entry {
        &self.ctx.pack.entries[h.entry as usize]
    }

    /// The longest hit starting at token `i` whose tag satisfies `f`, ending on a token end.
    pub fn longest_from(&self, i: usize, f: impl Fn(&Tag) -> bool) -> Option<&'a Hit> {
        self.hits_from(i)
            .filter(|h| f(&self.entry(h).tag) && self.ends_token(h))
            .max_by_key(|h| h.fend)
    }

    /// The longest hit starting at token `i` whose tag is of one of the kinds `mask` (bits of
    /// [`Tag::kind`]): nothing to look for where no hit of these kinds starts.
    #[inline]
    pub fn longest_of(&self, i: usize, mask: u32) -> Option<&'a Hit> {
        if !self.has_kind(i, mask) {
            return None;
        }
        self.hits_from(i)
            .filter(|h| self.kind_of(h) & mask != 0 && self.ends_token(h))
            .max_by_key(|h| h.fend)
    }

    /// The [`Tag::kind`] bit of a hit's entry (from the pack's compact entry table: no look at
    /// the entry itself).
    #[inline]
    pub fn kind_of(&self, h: &Hit) -> u32 {
        self.ctx.pack.info[h.entry as usize].kind
    }

    /// Does the hit end at the end of its last token?
    pub fn ends_token(&self, h: &Hit) -> bool {
        let last = h.tok_end as usize - 1;
        self.ctx.p.tokens.get(last).is_some_and(|t| t.fend == h.fend)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.ctx.p.tokens.get(i).is_some_and(|t| t.class == TokenClass::Word)
    }

    /// Is token `i` punctuation made only of characters in `chars`? (Inlined everywhere: most
    /// tokens are no punctuation, and the call costs more than the test.)
    #[inline(always)]
    pub fn is_punct(&self, i: usize, chars: &str) -> bool {
        let Some(t) = self.ctx.p.tokens.get(i) else { return false };
        if t.class != TokenClass::Punct {
            return false;
        }
        let text = self.ctx.p.tok(i);
        match text.as_bytes() {
            // one ASCII character: a byte search (no UTF-8 sequence contains an ASCII byte)
            [b] if b.is_ascii() => chars.as_bytes().contains(b),
            _ => text.chars().all(|c| chars.contains(c)),
        }
    }

    pub fn is_stop(&self, i: usize) -> bool {
        if self.ctx.pack.script == Script::Han {
            return self.covered_by(i, kind::STOP);
        }
        self.flag(i, crate::lang::STOP)
    }

    /// Does token `i` carry the token flag `flag`?
    #[inline]
    pub fn flag(&self, i: usize, flag: u8) -> bool {
        self.ctx.flags.get(i).is_some_and(|f| f & flag != 0)
    }

    /// Is token `i` inside a hit (starting up to 4 tokens earlier) whose tag is of one of the
    /// kinds `mask` (bits of [`Tag::kind`])?
    pub fn covered_by(&self, i: usize, mask: u32) -> bool {
        if let Some(covered) = &self.index.covered
            && covered.get(i).is_none_or(|c| c & mask == 0)
        {
            return false;
        }
        // (the hits of a token are looked at only if one of them has such a kind)
        (i.saturating_sub(4)..=i).any(|s| {
            self.has_kind(s, mask)
                && self
                    .hits_at(s)
                    .iter()
                    .any(|h| h.tok_end as usize > i && self.kind_of(h) & mask != 0)
        })
    }

    /// Is token `i` a Han character?
    pub fn is_han(&self, i: usize) -> bool {
        self.ctx.p.tokens.get(i).is_some_and(|t| t.class == TokenClass::Han)
    }

    pub fn is_family(&self, i: usize) -> bool {
        let Some(t) = self.ctx.p.tokens.get(i) else { return false };
        let known = || self.flag(i, crate::lang::FAMILY);
        match t.class {
            TokenClass::Han => known(),
            TokenClass::Word => t.cap && known(),
            _ => false,
        }
    }

    /// Can Han token `i` be part of a name (not a stop word, not title or unit vocabulary)?
    pub fn is_han_name_char(&self, i: usize) -> bool {
        self.is_han(i) && !self.is_stop(i) && !self.covered_by(i, TITLE_VOCABULARY | NAME_BREAK)
    }

    /// The name of tokens `a..b` in its dictionary form: Russian case endings of the last
    /// word are removed ("Нгиемом" → "Нгием"); other scripts are kept as written.
    pub fn canonical_name(&self, a: usize, b: usize) -> Cow<'a, str> {
        let text = self.text(a, b);
        if self.ctx.pack.script != Script::Cyrillic {
            return Cow::Borrowed(text);
        }
        let (head, last) = match text.rfind(' ') {
            Some(i) => (&text[..=i], &text[i + 1..]),
            None => ("", text),
        };
        // (ending, soft stem: the nominative ends in "ь")
        const ENDINGS: &[(&str, bool)] = &[
            ("ом", false),
            ("ем", true),
            ("ём", true),
            ("ым", false),
            ("ой", false),
            ("а", false),
            ("я", true),
            ("у", false),
            ("ю", true),
            ("е", false),
        ];
        for (e, soft) in ENDINGS {
            if let Some(stem) = last.strip_suffix(e) {
                let stem_chars = stem.chars().count();
                const VOWELS: &str = "аеёиоуыэюя";
                let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
                let ends_consonant = stem
                    .chars()
                    .last()
                    .is_some_and(|c| !VOWELS.contains(lower(c)) && !"йьъ".contains(lower(c)));
                // a stem without a vowel is no syllable: "Тху", "Тхе", "Тхом", "Зьем" are
                // given names (Thu, Thế, Thơm, Diễm), not case forms of "Тх" or "Зь"
                let has_vowel = stem.chars().any(|c| VOWELS.contains(lower(c)));
                if stem_chars >= 2 && ends_consonant && has_vowel {
                    return Cow::Owned(format!("{head}{stem}{}", if *soft { "ь" } else { "" }));
                }
            }
        }
        Cow::Borrowed(text)
    }

    /// The token after a list separator at `i`: one of `punct`, a conjunction, or both
    /// (", und"); None when there is none.
    pub fn separator_after(&self, i: usize, punct: &str) -> Option<usize> {
        let mut k = i;
        if self.is_punct(k, punct) {
            k += 1;
        }
        if let Some(len) = self.conj_len(k) {
            k += len;
        }
        (k > i).then_some(k)
    }

    /// Length of a conjunction that ends just before token `i`.
    pub fn conj_before(&self, i: usize) -> Option<usize> {
        (1..=3).filter(|&len| len <= i).find(|&len| self.conj_len(i - len) == Some(len))
    }

    /// A conjunction (und, and, và) occupying token `i` (multi-word ones return their length).
    pub fn conj_len(&self, i: usize) -> Option<usize> {
        self.longest_of(i, kind::CONJ).map(|h| (h.tok_end as usize) - i)
    }

    /// Is token `i` the start of a hit of title vocabulary (a head, modifier, body, level,
    /// role, honorific or unit word)?
    pub fn is_vocabulary(&self, i: usize) -> bool {
        self.has_kind(i, TITLE_VOCABULARY)
            && self
                .hits_from(i)
                .any(|h| self.kind_of(h) & TITLE_VOCABULARY != 0 && self.ends_token(h))
    }

    /// Can token `i` be part of a proper name (of a person or a place)?
    pub fn is_name_token(&self, i: usize) -> bool {
        let p = self.ctx.p;
        let Some(t) = p.tokens.get(i) else { return false };
        if t.class != TokenClass::Word || !t.cap {
            return false;
        }
        // a stop word capitalised inside a sentence is a name syllable ("Ngo May", "La Hien")
        if self.is_stop(i) {
            // (in Cyrillic every capitalised Cyrillic word may be a syllable: "Чан Ван Нам")
            let cyrillic = |k: usize| {
                self.ctx.pack.script == Script::Cyrillic
                    && self
                        .ctx
                        .p
                        .tok(k)
                        .chars()
                        .next()
                        .is_some_and(|c| ('\u{400}'..='\u{4ff}').contains(&c))
            };
            let syllable_word = |k: usize| {
                self.ctx.p.tokens.get(k).is_some_and(|x| x.class == TokenClass::Word && x.cap)
                    && ((cyrillic(k) && cyrillic(i)) || is_vietnamese_syllable(self.ctx.p.ftok(k)))
                    && !self.is_stop(k)
            };
            let starts = i == 0
                || self.is_sentence_end(i - 1)
                || self.is_punct(i - 1, ":\"“„«")
                || self.line_break_after(i - 1)
                || !t.space_before;
            let inside = (i > 0 && syllable_word(i - 1)) || syllable_word(i + 1);
            if starts || !inside {
                return false;
            }
        }
        if self.is_vocabulary(i) && !self.is_family(i) {
            return false;
        }
        match self.ctx.pack.script {
            Script::Latin => {
                let f = p.ftok(i);
                is_vietnamese_syllable(f)
                    || self.flag(i, crate::lang::FAMILY_FOLDED)
                    || (f.len() <= 7 && is_two_syllables(f))
            }
            Script::Cyrillic => true,
            Script::Han => false,
        }
    }

    /// Number of name tokens from `i` on (at most `max`).
    pub fn name_run(&self, i: usize, max: usize) -> usize {
        let mut k = 0;
        while k < max && i + k < self.n() && self.is_name_token(i + k) {
            // a name does not run across a line break (a headline ending in a name, then the
            // dateline) or a hyphenated compound
            if k > 0 && (!self.ctx.p.tokens[i + k].space_before || self.line_break_after(i + k - 1))
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// Byte range in the normalised text of tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let t = &self.ctx.p.tokens;
        t[a].start as usize..t[b - 1].end as usize
    }

    /// Text of tokens `a..b` (normalised).
    pub fn text(&self, a: usize, b: usize) -> &'a str {
        let r = self.span(a, b);
        &self.ctx.p.norm[r]
    }

    /// Folded text of tokens `a..b`.
    pub fn ftext(&self, a: usize, b: usize) -> &'a str {
        let t = &self.ctx.p.tokens;
        &self.ctx.p.folded[t[a].fstart as usize..t[b - 1].fend as usize]
    }

    /// Sentence boundaries: is token `i` a sentence end mark?
    #[inline]
    pub fn is_sentence_end(&self, i: usize) -> bool {
        self.index.marks.get(i).is_some_and(|m| m & SENTENCE_END != 0)
    }

    /// Is there a line break between tokens `i` and `i + 1`?
    #[inline]
    pub fn line_break_after(&self, i: usize) -> bool {
        self.index.marks.get(i).is_none_or(|m| m & LINE_BREAK_AFTER != 0)
    }
}

/// The kinds of the number words ([`crate::numbers::Word`]): a token where no hit of them
/// starts is none.
pub(crate) const NUMBER_WORD: u32 =
    kind::NUM | kind::MUL | kind::SCALE | kind::FILLER | kind::POINT;

/// Title and unit vocabulary (heads, modifiers, bodies, roles, honorifics, unit words, levels).
const TITLE_VOCABULARY: u32 =
    kind::HEAD | kind::MOD | kind::BODY | kind::ROLE | kind::HONORIFIC | kind::UNIT | kind::LEVEL;
/// Kinds of the other words that a Han name does not contain (conjunctions, classifiers,
/// non-count words, qualifiers).
const NAME_BREAK: u32 = kind::CONJ | kind::CLASSIFIER | kind::NONCOUNT | kind::QUAL;

/// Does a folded ASCII word have the shape of a Vietnamese syllable (onset, vowels, coda)?
/// Onset clusters and codas of the minority languages of the highlands (Ksor, Kbang, H'Bloanh,
/// Sok) are accepted too; parts joined by an apostrophe are checked one by one.
pub(crate) fn is_vietnamese_syllable(w: &str) -> bool {
    if w.contains('\'') {
        return w.split('\'').all(|part| {
            part.is_empty() || (part.len() == 1 && part != "'") || is_vietnamese_syllable(part)
        });
    }
    // onset clusters, the minority languages' ones included
    let is_onset = |on: &[u8]| {
        matches!(
            on,
            b"ngh"
                | b"chr"
                | b"str"
                | b"ng"
                | b"nh"
                | b"ch"
                | b"gh"
                | b"gi"
                | b"kh"
                | b"ph"
                | b"qu"
                | b"th"
                | b"tr"
                | b"sr"
                | b"dl"
                | b"bl"
                | b"br"
                | b"kl"
                | b"kr"
                | b"kb"
                | b"kp"
                | b"pn"
                | b"pl"
                | b"pr"
                | b"dr"
                | b"gr"
                // (Đắk Glei, Ia Glai)
                | b"gl"
                | b"hr"
                | b"hm"
                | b"hn"
                | b"rm"
                | b"rc"
                | b"ks"
                | b"kt"
                | b"b"
                | b"c"
                | b"d"
                | b"g"
                | b"h"
                | b"k"
                | b"l"
                | b"m"
                | b"n"
                | b"p"
                | b"r"
                | b"s"
                | b"t"
                | b"v"
                | b"x"
                | b"y"
                | b""
        )
    };
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 8 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    // every onset that begins the word (at most one of each length), longest first
    for len in (0..=3usize.min(b.len())).rev() {
        let on = &b[..len];
        if !is_onset(on) {
            continue;
        }
        let rest = &b[len..];
        let vowels = rest.iter().take_while(|c| b"aeiouy".contains(c)).count();
        if vowels == 0 && !(on == b"gi" || (on == b"y" && rest.is_empty())) {
            continue;
        }
        if vowels > 3 {
            continue;
        }
        if matches!(
            &rest[vowels..],
            b"ng"
                | b"nh"
                | b"ch"
                | b"c"
                | b"m"
                | b"n"
                | b"p"
                | b"t"
                | b"k"
                | b"l"
                | b"r"
                | b"h"
                | b""
        ) {
            return true;
        }
    }
    false
}

/// A name fused from two syllables ("Pleiku", "Hanoi", "Danang").
fn is_two_syllables(w: &str) -> bool {
    (2..w.len().saturating_sub(1)).any(|i| {
        w.is_char_boundary(i) && is_vietnamese_syllable(&w[..i]) && is_vietnamese_syllable(&w[i..])
    })
}

#[cfg(test)]
mod tests {
    use super::is_vietnamese_syllable as syl;

    #[test]
    fn kind_bits_agree_with_the_tags() {
        use crate::lexicon::{Tag, kind};
        let s = String::new;
        for (tag, bit) in [
            (Tag::Unit(s()), kind::UNIT),
            (Tag::Place(s()), kind::PLACE),
            (Tag::Qual(s()), kind::QUAL),
            (Tag::NonCount, kind::NONCOUNT),
            (Tag::IdMark, kind::IDMARK),
            (Tag::Conj, kind::CONJ),
            (Tag::Intro, kind::INTRO),
            (Tag::Mod(s()), kind::MOD),
            (Tag::Noun, kind::NOUN),
            (Tag::Family, kind::FAMILY),
            (Tag::Issue(s()), kind::ISSUE),
            (Tag::Problem, kind::PROBLEM),
            (Tag::Request, kind::REQUEST),
            (Tag::Positive, kind::POSITIVE),
            (Tag::Stop, kind::STOP),
            (Tag::Common, kind::COMMON),
            (Tag::Particle, kind::PARTICLE),
            (Tag::Appoint, kind::APPOINT),
            (Tag::Specialty, kind::SPECIALTY),
            (Tag::Settled, kind::POSITIVE),
            (Tag::Classifier, kind::CLASSIFIER),
            (Tag::Head(s()), kind::HEAD),
            (Tag::Body(s(), None), kind::BODY),
            (Tag::Role(s(), None), kind::ROLE),
            (Tag::Level(s()), kind::LEVEL),
            (Tag::Honorific, kind::HONORIFIC),
        ] {
            assert_eq!(tag.kind(), bit, "{tag:?}");
        }
    }

    #[test]
    fn syllables() {
        for w in ["nghiem", "hoang", "van", "thu", "kinh", "quang", "nguyen", "gia", "gi", "uy"] {
            assert!(syl(w), "{w}");
        }
        // Central Highlands names: Ia Pnon, H'Nga, Kbang, Krong
        for w in ["pnon", "h'nga", "kbang", "krong"] {
            assert!(syl(w), "{w}");
        }
        for w in ["sekretar", "und", "province", "party", "bezirk", "committee", "schwierigkeiten"]
        {
            assert!(!syl(w), "{w}");
        }
    }
}
