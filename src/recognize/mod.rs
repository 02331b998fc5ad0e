//! The recognisers, run in order on one prepared text: units first (they claim the names
//! of places, also those named after people), then officials, counts and issues.

pub(crate) mod counts;
pub(crate) mod issues;
pub(crate) mod officials;
pub(crate) mod units;

use std::collections::HashMap;

use crate::document::{Entity, Role};
use crate::lang::{Hit, Pack, Script};
use crate::lexicon::{Entry, Tag};
use crate::text::{Prepared, TokenClass};

/// What one recogniser run needs: the prepared text, its language pack and the lexicon hits.
pub(crate) struct Context<'a> {
    pub p: &'a Prepared<'a>,
    pub pack: &'a Pack,
    pub hits: &'a [Hit],
    /// Vietnamese written with diacritics.
    pub strict: bool,
}

/// What is remembered across the pieces of one long document.
#[derive(Default)]
pub(crate) struct DocumentMemory {
    /// folded name → roles found so far
    pub officials: HashMap<String, Vec<Role>>,
    /// folded unit name → unit type given by a type word
    pub unit_types: HashMap<String, String>,
}

/// Token ownership while recognising.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    Free,
    Unit,
    Person,
}

/// Runs every recogniser; returns entities with byte ranges into the normalised text.
pub(crate) fn run(ctx: &Context<'_>, memory: &mut DocumentMemory) -> Vec<Entity> {
    let index = HitIndex::new(ctx);
    let mut claims = vec![Claim::Free; ctx.p.tokens.len()];
    let mut out = Vec::new();
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
}

impl HitIndex {
    fn new(ctx: &Context<'_>) -> HitIndex {
        let n = ctx.p.tokens.len();
        let mut starts = vec![0u32; n + 1];
        let mut j = 0usize;
        for (i, s) in starts.iter_mut().enumerate().take(n + 1) {
            while j < ctx.hits.len() && (ctx.hits[j].tok as usize) < i {
                j += 1;
            }
            *s = j as u32;
        }
        HitIndex { starts }
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

    /// The hits whose first token is `i` (they may start inside it for infix entries).
    pub fn hits_at(&self, i: usize) -> &'a [Hit] {
        if i >= self.n() {
            return &[];
        }
        let (a, b) = (self.index.starts[i] as usize, self.index.starts[i + 1] as usize);
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

    /// Does the hit end at the end of its last token?
    pub fn ends_token(&self, h: &Hit) -> bool {
        let last = h.tok_end as usize - 1;
        self.ctx.p.tokens.get(last).is_some_and(|t| t.fend == h.fend)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.ctx.p.tokens.get(i).is_some_and(|t| t.class == TokenClass::Word)
    }

    pub fn is_punct(&self, i: usize, chars: &str) -> bool {
        i < self.n() && {
            let t = self.ctx.p.tok(i);
            self.ctx.p.tokens[i].class == TokenClass::Punct && t.chars().all(|c| chars.contains(c))
        }
    }

    pub fn is_stop(&self, i: usize) -> bool {
        self.ctx.pack.stop.contains(self.ctx.p.ftok(i))
    }

    pub fn is_family(&self, i: usize) -> bool {
        let t = &self.ctx.p.tokens[i];
        t.cap && t.class == TokenClass::Word && self.ctx.pack.family.contains(self.ctx.p.ftok(i))
    }

    /// A conjunction (und, and, và) occupying token `i` (multi-word ones return their length).
    pub fn conj_len(&self, i: usize) -> Option<usize> {
        self.longest_from(i, |t| matches!(t, Tag::Conj)).map(|h| (h.tok_end as usize) - i)
    }

    /// Is token `i` the start of a hit of title vocabulary (a head, modifier, body, level,
    /// role, honorific or unit word)?
    pub fn is_vocabulary(&self, i: usize) -> bool {
        self.hits_from(i).any(|h| {
            self.ends_token(h)
                && matches!(
                    self.entry(h).tag,
                    Tag::Head(_)
                        | Tag::Mod(_)
                        | Tag::Body(..)
                        | Tag::Role(..)
                        | Tag::Honorific
                        | Tag::Unit(_)
                        | Tag::Level(_)
                )
        })
    }

    /// Can token `i` be part of a proper name (of a person or a place)?
    pub fn is_name_token(&self, i: usize) -> bool {
        let p = self.ctx.p;
        let Some(t) = p.tokens.get(i) else { return false };
        if t.class != TokenClass::Word || !t.cap || self.is_stop(i) {
            return false;
        }
        if self.is_vocabulary(i) && !self.is_family(i) {
            return false;
        }
        match self.ctx.pack.script {
            Script::Latin => {
                let f = p.ftok(i);
                is_vietnamese_syllable(f) || self.ctx.pack.family.contains(f)
            }
            Script::Cyrillic => true,
            Script::Han => false,
        }
    }

    /// Number of name tokens from `i` on (at most `max`).
    pub fn name_run(&self, i: usize, max: usize) -> usize {
        let mut k = 0;
        while k < max && i + k < self.n() && self.is_name_token(i + k) {
            // a name does not run across a line break or a hyphenated compound
            if k > 0 && !self.ctx.p.tokens[i + k].space_before {
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
    pub fn is_sentence_end(&self, i: usize) -> bool {
        self.is_punct(i, ".!?…。！？")
    }

    /// Is there a line break between tokens `i` and `i + 1`?
    pub fn line_break_after(&self, i: usize) -> bool {
        let t = &self.ctx.p.tokens;
        if i + 1 >= t.len() {
            return true;
        }
        self.ctx.p.norm[t[i].end as usize..t[i + 1].start as usize].contains('\n')
    }
}

/// Does a folded ASCII word have the shape of a Vietnamese syllable (onset, vowels, coda)?
pub(crate) fn is_vietnamese_syllable(w: &str) -> bool {
    const ONSETS: &[&str] = &[
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
        "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const CODAS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
    if w.is_empty() || w.len() > 7 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    for on in ONSETS {
        let Some(rest) = w.strip_prefix(on) else { continue };
        let vowels = rest.bytes().take_while(|b| b"aeiouy".contains(b)).count();
        if vowels == 0 && !(on == &"gi" && !rest.is_empty()) && !(on == &"gi" && rest.is_empty()) {
            continue;
        }
        if vowels > 3 {
            continue;
        }
        if CODAS.contains(&&rest[vowels..]) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_vietnamese_syllable as syl;

    #[test]
    fn syllables() {
        for w in ["nghiem", "hoang", "van", "thu", "kinh", "quang", "nguyen", "gia", "gi", "uy"] {
            assert!(syl(w), "{w}");
        }
        for w in ["sekretar", "und", "province", "party", "bezirk", "committee"] {
            assert!(!syl(w), "{w}");
        }
    }
}
