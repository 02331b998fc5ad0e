//! Language packs: the lexicons of one language compiled into shared automata, and language
//! detection.
//!
//! A pack is a folder `corpus/lexicons/<code>/` of TSV files (see `docs/LEXICONS.md`).
//! `meta.tsv` holds `key<TAB>value` settings: `name`, `whatlang` (the whatlang code used for
//! detection), `script` (`latin`, `cyrillic`, `han`), `group` (digit group separators),
//! `decimal` (the decimal mark), `include` (another folder whose entries are shared, such
//! as `common`), `spaces` (`no` for scripts written without spaces).

mod dense;
pub(crate) mod detect;
mod trie;

use std::collections::HashMap;

use crate::error::BuildError;
use crate::hash::{FastMap, FastSet};
use crate::lexicon::{self, Entry, MatchMode, Tag};
use crate::numbers::NumberGrammar;
use crate::text::{Prepared, clear_for};

include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));

/// The raw sources of one language: settings and lexicon files.
#[derive(Debug, Clone, Default)]
pub(crate) struct PackSource {
    pub code: String,
    pub meta: HashMap<String, String>,
    /// (source name, content)
    pub files: Vec<(String, String)>,
    /// title composition tables (source name, content)
    pub compose: Vec<(String, String)>,
}

/// The built-in pack sources, by folder name (including shared folders such as `common`).
pub(crate) fn builtin_sources() -> HashMap<String, PackSource> {
    let mut out: HashMap<String, PackSource> = HashMap::new();
    for (dir, name, content) in BUILTIN_LEXICONS {
        let src = out
            .entry(dir.to_string())
            .or_insert_with(|| PackSource { code: dir.to_string(), ..Default::default() });
        if *name == "meta.tsv" {
            src.meta = parse_meta(content);
        } else if *name == "compose.tsv" {
            src.compose.push((format!("corpus/lexicons/{dir}/{name}"), content.to_string()));
        } else {
            src.files.push((format!("corpus/lexicons/{dir}/{name}"), content.to_string()));
        }
    }
    out
}

pub(crate) fn parse_meta(content: &str) -> HashMap<String, String> {
    content
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// How a script is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Han,
}

/// A lexicon hit in a document: folded byte range, the entry, and the tokens it touches.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub fstart: u32,
    pub fend: u32,
    pub entry: u32,
    /// First token touched.
    pub tok: u32,
    /// One past the last token touched.
    pub tok_end: u32,
}

impl Hit {
    /// The order of hits in a document: by start, longest first, then by entry.
    #[inline]
    fn order(&self) -> (u32, std::cmp::Reverse<u32>, u32) {
        (self.fstart, std::cmp::Reverse(self.fend), self.entry)
    }
}

/// A compiled language pack.
pub(crate) struct Pack {
    pub code: String,
    pub whatlang: Option<whatlang::Lang>,
    pub script: Script,
    pub group_seps: Vec<char>,
    pub entries: Vec<Entry>,
    /// what the lexicon lookup and the hit index need of each entry, packed
    pub info: Vec<EntryInfo>,
    /// entries that start a word (modes `word`, `prefix`): searched from word starts only
    anchored: Option<Patterns<trie::PrefixTrie>>,
    /// entries that may start inside a word (modes `suffix`, `infix`): searched from every
    /// character
    floating: Option<Patterns<Floating>>,
    /// folded common words (language detection of text without diacritics)
    pub common: FastSet<String>,
    pub numbers: NumberGrammar,
    /// (head key, body id or "-") → role id
    pub compose: FastMap<(String, String), String>,
    /// meta `nouns_capitalized`: the counted noun is the first capitalised word (German)
    pub nouns_capitalized: bool,
    /// meta `ordinal_dot`: a number followed by `.` and a word is an ordinal or a date
    pub ordinal_dot: bool,
}

impl Pack {
    pub fn build(
        src: &PackSource,
        shared: &HashMap<String, PackSource>,
        extra: &[(String, String)],
    ) -> Result<Pack, BuildError> {
        let meta = &src.meta;
        let script = match meta.get("script").map(String::as_str) {
            Some("han") => Script::Han,
            Some("cyrillic") => Script::Cyrillic,
            _ => Script::Latin,
        };
        let spaces = meta.get("spaces").map(String::as_str) != Some("no");
        let default_mode = if spaces { MatchMode::Word } else { MatchMode::Infix };
        let mut files: Vec<&(String, String)> = Vec::new();
        let mut compose_files: Vec<&(String, String)> = src.compose.iter().collect();
        if let Some(inc) = meta.get("include") {
            for name in inc.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let s = shared.get(name).ok_or_else(|| {
                    BuildError::lexicon(
                        &format!("corpus/lexicons/{}/meta.tsv", src.code),
                        0,
                        format!("include of unknown folder {name:?}"),
                    )
                })?;
                files.extend(s.files.iter());
                compose_files.extend(s.compose.iter());
            }
        }
        files.extend(src.files.iter());
        files.extend(extra.iter());
        let mut entries = Vec::new();
        for (name, content) in files {
            entries.extend(lexicon::parse(name, content, default_mode)?);
        }
        let mut common = FastSet::default();
        let mut anchored = PatternSet::default();
        let mut floating = PatternSet::default();
        for (i, e) in entries.iter().enumerate() {
            if let Tag::Common = e.tag {
                common.insert(e.folded.clone());
                continue;
            }
            // number words read only in number phrases (numbers::parse) are no hits in running text
            if e.options.phrase {
                continue;
            }
            // family names and stop words mark whole tokens: looked up from word starts
            let whole_token =
                matches!(e.tag, Tag::Family) || (spaces && matches!(e.tag, Tag::Stop));
            let entry = PatternEntry { entry: i as u32, test: Test::new(e, spaces) };
            match e.mode {
                _ if whole_token && spaces => anchored.add(&e.folded, entry),
                MatchMode::Word | MatchMode::Prefix => anchored.add(&e.folded, entry),
                MatchMode::Suffix | MatchMode::Infix => floating.add(&e.folded, entry),
            }
        }
        let anchored = anchored.compile(|s| Ok(trie::PrefixTrie::new(s)))?;
        let floating = floating.compile(|s| {
            Ok(if spaces {
                Floating::Automaton(Box::new(dense::Dense::new(s)))
            } else {
                Floating::Trie(trie::PrefixTrie::new(s))
            })
        })?;
        let numbers = NumberGrammar::from_entries(&entries, meta);
        let mut compose = FastMap::default();
        for (name, content) in compose_files {
            for (i, line) in content.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
                if cols.len() != 3 || !lexicon::role_ids().contains(&cols[2]) {
                    return Err(BuildError::lexicon(
                        name,
                        i + 1,
                        "expected HEAD<TAB>BODY<TAB>ROLE_ID",
                    ));
                }
                compose.insert((cols[0].to_string(), cols[1].to_string()), cols[2].to_string());
            }
        }
        let group_seps = meta
            .get("group")
            .map(|g| {
                g.replace("space", " ").replace("thin", "\u{202f}\u{2009}\u{a0}").chars().collect()
            })
            .unwrap_or_else(|| vec![',']);
        Ok(Pack {
            code: src.code.clone(),
            whatlang: meta.get("whatlang").and_then(whatlang::Lang::from_code),
            script,
            group_seps,
            info: entries.iter().map(|e| EntryInfo { kind: e.tag.kind() }).collect(),
            entries,
            anchored,
            floating,
            common,
            numbers,
            compose,
            nouns_capitalized: meta.get("nouns_capitalized").is_some_and(|v| v == "yes"),
            ordinal_dot: meta.get("ordinal_dot").is_some_and(|v| v == "yes"),
        })
    }

    /// Finds every lexicon entry in the prepared text, checking word boundaries, case and
    /// (for text written with diacritics) exact diacritics of strict entries.
    ///
    /// Entries that start a word are looked up by anchored searches from the word starts
    /// (a walk of a few bytes each); only entries that may start inside a word need a search
    /// through every byte ([`Floating`]). Hits come out in order (by start, longest first,
    /// then by entry): the trie walks yield them by start, the few matches of the automaton
    /// are sorted, and the two lists are merged.
    pub fn find(&self, p: &Prepared<'_>, strict: bool) -> Found {
        let mut found = Found::default();
        self.find_into(p, strict, &mut found);
        found
    }

    /// [`Pack::find`] into `found`, the buffers of an earlier lookup (cleared first).
    #[inline(never)]
    pub fn find_into(&self, p: &Prepared<'_>, strict: bool, found: &mut Found) {
        let Found { hits, flags, more } = found;
        clear_for(hits, p.tokens.len());
        clear_for(flags, p.tokens.len());
        flags.resize(p.tokens.len(), 0);
        more.clear();
        let search = Search { pack: self, p, folded: &p.folded, f: p.folded.as_bytes(), strict };
        // the patterns that start at a position, longest first (a new vector: the trie walk
        // that fills it costs more with one kept in `Found`)
        let mut matches = Vec::with_capacity(16);
        if let Some(auto) = &self.anchored {
            search.anchored(auto, &mut matches, hits, flags);
        }
        match self.floating.as_ref().map(|auto| (&auto.matcher, auto)) {
            Some((Floating::Trie(trie), auto)) => {
                search.floating_trie(trie, auto, &mut matches, more, flags);
                merge(hits, more);
            }
            Some((Floating::Automaton(dfa), auto)) => {
                search.floating_automaton(dfa, auto, more, flags);
                if !more.is_empty() {
                    more.sort_unstable_by_key(Hit::order);
                    merge(hits, more);
                }
            }
            None => {}
        }
    }
}

/// One lexicon lookup: the pack and the text that every match is checked against.
struct Search<'a, 'p> {
    pack: &'a Pack,
    p: &'a Prepared<'p>,
    /// the folded text, and its bytes
    folded: &'a str,
    f: &'a [u8],
    strict: bool,
}

impl Search<'_, '_> {
    /// Looks up the entries that start a word: from every token start that does not follow
    /// a word character, and from every position inside a token after a character that is
    /// not part of a word (People's, e.g: ASCII punctuation inside a word).
    #[inline(always)]
    fn anchored(
        &self,
        auto: &Patterns<trie::PrefixTrie>,
        matches: &mut Vec<(u32, u32)>,
        hits: &mut Vec<Hit>,
        flags: &mut [u8],
    ) {
        for (ti, t) in self.p.tokens.iter().enumerate() {
            let (a, b) = (t.fstart as usize, t.fend as usize);
            // (no pattern starts with most tokens' first byte in text of another script)
            // (a token that folds to nothing may stand at the end)
            if self.f.get(a).is_some_and(|&first| auto.matcher.may_start_with(first))
                && (a == 0 || !is_word_byte_before(self.folded, a))
            {
                self.anchored_at(auto, a, ti, matches, hits, flags);
            }
            // the bytes a..b - 1 precede the positions inside the token (a plain token has
            // no such byte to look for): eight at a time, the high bit of each lane set for
            // ASCII that is not a letter or digit
            let mut i = if t.plain { b } else { a };
            while i + 1 < b {
                let n = (b - 1 - i).min(8);
                let lanes = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
                let mut m = ascii_non_alnum(word_at(self.f, i)) & lanes;
                while m != 0 {
                    let q = i + (m.trailing_zeros() / 8) as usize + 1;
                    self.anchored_at(auto, q, ti, matches, hits, flags);
                    m &= m - 1;
                }
                i += n;
            }
        }
    }

    /// Looks up the entries that start a word at byte `q` of token `ti`; `matches` is a
    /// buffer for the trie walk.
    #[inline(always)]
    fn anchored_at(
        &self,
        auto: &Patterns<trie::PrefixTrie>,
        q: usize,
        ti: usize,
        matches: &mut Vec<(u32, u32)>,
        hits: &mut Vec<Hit>,
        flags: &mut [u8],
    ) {
        matches.clear();
        auto.matcher.prefixes_at(self.f, q, |pattern, end| matches.push((pattern, end as u32)));
        for &(pattern, end) in matches.iter().rev() {
            let entries = auto.entries_of(pattern);
            let lookup = Lookup { s: q, e: end as usize, tok: ti, anchored: true };
            self.accept(entries, lookup, hits, flags)
        }
    }

    /// Looks up the entries of text written without spaces: a trie walk from every
    /// character. Puts the hits in `hits` (in order); sets the flags of whole tokens.
    #[inline(always)]
    fn floating_trie(
        &self,
        trie: &trie::PrefixTrie,
        auto: &Patterns<Floating>,
        matches: &mut Vec<(u32, u32)>,
        hits: &mut Vec<Hit>,
        flags: &mut [u8],
    ) {
        let (f, tokens) = (self.f, &self.p.tokens[..]);
        clear_for(hits, f.len() / 4);
        // the token where a match starts (or the next one, after a gap): a cursor, as
        // starts come in order
        let mut tok = 0;
        // patterns are text: they start at character starts only
        let mut next = 0;
        while let Some(&b) = f.get(next) {
            let s = next;
            next += utf8_width(b);
            matches.clear();
            trie.prefixes_at(f, s, |pattern, end| matches.push((pattern, end as u32)));
            if matches.is_empty() {
                continue;
            }
            while tokens.get(tok).is_some_and(|t| t.fend as usize <= s) {
                tok += 1;
            }
            for &(pattern, end) in matches.iter().rev() {
                let entries = auto.entries_of(pattern);
                let lookup = Lookup { s, e: end as usize, tok, anchored: false };
                self.accept(entries, lookup, hits, flags);
            }
        }
    }

    /// Looks up the entries that may start inside a word, in text written with spaces: adds
    /// the matches of the automaton to `hits`, in order of their end. Not inlined, which
    /// leaves the code of the other lookups as it was.
    #[inline(never)]
    fn floating_automaton(
        &self,
        dfa: &dense::Dense,
        auto: &Patterns<Floating>,
        hits: &mut Vec<Hit>,
        flags: &mut [u8],
    ) {
        dfa.find_all(self.f, |pattern, s, e| {
            let tok = self.p.tokens.partition_point(|t| t.fend as usize <= s);
            let entries = auto.entries_of(pattern);
            let lookup = Lookup { s, e, tok, anchored: false };
            self.accept(entries, lookup, hits, flags);
        });
    }

    /// Checks the entries of a match and records those that hold as hits.
    #[inline(always)]
    fn accept(
        &self,
        entries: &[PatternEntry],
        Lookup { s, e, tok, anchored }: Lookup,
        hits: &mut Vec<Hit>,
        flags: &mut [u8],
    ) {
        let (p, f, strict) = (self.p, self.f, self.strict);
        // computed at most once per match
        let mut at_start = None;
        let mut at_end = None;
        let mut tok_end = None;
        for &PatternEntry { entry: ei, test } in entries {
            // family names and stop words: the whole token, with its diacritics when the
            // text has them (the folded family match is kept apart for names without them)
            let flag = test.token_flag;
            if flag != 0 {
                let t = &p.tokens[tok];
                // the whole token, or its start for a prefix (the H' of Ê-đê names: H'Yim)
                let prefix = test.mode == MatchMode::Prefix;
                if t.fstart as usize != s || (t.fend as usize != e && !prefix) {
                    continue;
                }
                if flag == FAMILY {
                    flags[tok] |= FAMILY_FOLDED;
                }
                let exact = !strict || {
                    let end = if prefix { p.fold_to_norm[e] } else { t.end };
                    let text = &p.norm[t.start as usize..end as usize];
                    lowercase_eq(text, &self.pack.entries[ei as usize].lower)
                };
                if exact {
                    flags[tok] |= flag;
                }
                continue;
            }
            let mut start = || {
                *at_start.get_or_insert_with(|| {
                    anchored || s == 0 || !is_word_byte_before(self.folded, s)
                })
            };
            let mut end = || {
                *at_end.get_or_insert_with(|| e == f.len() || !is_word_byte_after(self.folded, e))
            };
            let ok = match test.mode {
                MatchMode::Word => start() && end(),
                MatchMode::Prefix => start(),
                MatchMode::Suffix => end(),
                MatchMode::Infix => true,
            };
            if !ok {
                continue;
            }
            let ns = p.fold_to_norm[s] as usize;
            if test.cap && !p.norm[ns..].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if strict && test.strict {
                let ne = p.fold_to_norm[e] as usize;
                if !lowercase_eq(&p.norm[ns..ne], &self.pack.entries[ei as usize].lower) {
                    continue;
                }
            }
            let tok_end = *tok_end.get_or_insert_with(|| {
                let mut j = tok + 1;
                while p.tokens.get(j).is_some_and(|t| (t.fstart as usize) < e) {
                    j += 1;
                }
                j
            });
            hits.push(Hit {
                fstart: s as u32,
                fend: e as u32,
                entry: ei,
                tok: tok as u32,
                tok_end: tok_end as u32,
            });
        }
    }
}

/// A match of a pattern: folded byte range, the token where it starts, and whether it was
/// found by an anchored search (which starts at word starts only).
#[derive(Clone, Copy)]
struct Lookup {
    s: usize,
    e: usize,
    tok: usize,
    anchored: bool,
}

/// The eight bytes of `f` from `i` (little-endian), letters past its end.
#[inline(always)]
fn word_at(f: &[u8], i: usize) -> u64 {
    match f.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("8 bytes")),
        None => {
            let mut w = [b'a'; 8];
            let rest = &f[i.min(f.len())..];
            w[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(w)
        }
    }
}

/// The high bit of each byte of `v` (little-endian lanes) that is ASCII and not a letter or
/// digit.
#[inline(always)]
fn ascii_non_alnum(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // seven low bits per lane: adding 0x80 - lo sets the high bit exactly when x >= lo,
    // without a carry into the next lane
    let ge = |x: u64, lo: u8| (x + (0x80 - lo as u64) * ONES) & HIGH;
    let x = v & !HIGH;
    let digit = ge(x, b'0') & !ge(x, b'9' + 1);
    // with bit 0x20 set, capitals read as small letters (and nothing else does)
    let y = x | (0x20 * ONES);
    let letter = ge(y, b'a') & !ge(y, b'z' + 1);
    !v & HIGH & !(digit | letter)
}

/// The length of the UTF-8 character that starts with byte `b`.
#[inline(always)]
fn utf8_width(b: u8) -> usize {
    match b {
        0..0xE0 => 1 + (b >= 0xC0) as usize,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Merges `more` into `hits`, both in [`Hit::order`] (those of `hits` first among equals),
/// in place: from the back, into the room `more` is given at the end (`more` is left as it
/// is or, if `hits` was empty, exchanged with it).
fn merge(hits: &mut Vec<Hit>, more: &mut Vec<Hit>) {
    if hits.is_empty() {
        // the buffers change places
        std::mem::swap(hits, more);
        return;
    }
    let (mut i, mut j) = (hits.len(), more.len());
    hits.extend_from_slice(more);
    while j > 0 {
        let k = i + j - 1;
        if i > 0 && hits[i - 1].order() > more[j - 1].order() {
            hits[k] = hits[i - 1];
            i -= 1;
        } else {
            hits[k] = more[j - 1];
            j -= 1;
        }
    }
}

/// The parts of an entry that the hit index needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryInfo {
    /// [`Tag::kind`] of the entry's tag
    pub kind: u32,
}

/// What the lookup tests of an entry, packed (4 bytes instead of a whole entry).
#[derive(Debug, Clone, Copy)]
struct Test {
    mode: MatchMode,
    /// [`FAMILY`] or [`STOP`] for entries that mark whole tokens, else 0
    token_flag: u8,
    cap: bool,
    strict: bool,
}

impl Test {
    fn new(e: &Entry, spaces: bool) -> Test {
        Test {
            mode: e.mode,
            token_flag: match e.tag {
                Tag::Family => FAMILY,
                Tag::Stop if spaces => STOP,
                _ => 0,
            },
            cap: e.options.cap,
            strict: e.options.strict,
        }
    }
}

/// An entry of a pattern, with what the lookup tests of it.
#[derive(Debug, Clone, Copy)]
struct PatternEntry {
    entry: u32,
    test: Test,
}

/// What the lexicon lookup finds in a text: hits, and flags per token (with the buffers
/// of the lookup, kept for the next text: see [`Pack::find_into`]).
#[derive(Default)]
pub(crate) struct Found {
    /// hits sorted by start, longest first
    pub hits: Vec<Hit>,
    /// per token: [`FAMILY`], [`FAMILY_FOLDED`], [`STOP`]
    pub flags: Vec<u8>,
    /// the hits of entries that may start inside a word, before they are merged
    more: Vec<Hit>,
}

impl Found {
    /// Drops the buffers that take more than `bytes` (those of a long text), which keeps
    /// the memory a thread holds on to bounded.
    pub fn trim(&mut self, bytes: usize) {
        use crate::text::drop_if_larger;
        drop_if_larger(&mut self.hits, bytes);
        drop_if_larger(&mut self.flags, bytes);
        drop_if_larger(&mut self.more, bytes);
    }
}

/// Token flag: a family name (with matching diacritics in text written with them).
pub(crate) const FAMILY: u8 = 1;
/// Token flag: a family name once folded (diacritics ignored).
pub(crate) const FAMILY_FOLDED: u8 = 2;
/// Token flag: a stop word (languages written with spaces).
pub(crate) const STOP: u8 = 4;

/// Surfaces with the entries that share each, before compilation.
#[derive(Default)]
struct PatternSet {
    ids: HashMap<String, usize>,
    surfaces: Vec<String>,
    entries: Vec<Vec<PatternEntry>>,
}

impl PatternSet {
    fn add(&mut self, surface: &str, entry: PatternEntry) {
        let id = *self.ids.entry(surface.to_string()).or_insert_with(|| {
            self.surfaces.push(surface.to_string());
            self.entries.push(Vec::new());
            self.surfaces.len() - 1
        });
        self.entries[id].push(entry);
    }

    fn compile<M>(
        self,
        matcher: impl FnOnce(&[String]) -> Result<M, BuildError>,
    ) -> Result<Option<Patterns<M>>, BuildError> {
        if self.surfaces.is_empty() {
            return Ok(None);
        }
        let matcher = matcher(&self.surfaces)?;
        let mut entries = Vec::new();
        let mut ranges = Vec::with_capacity(self.entries.len());
        for list in self.entries {
            let lo = entries.len() as u32;
            entries.extend(list);
            ranges.push((lo, entries.len() as u32));
        }
        Ok(Some(Patterns { matcher, entries, ranges }))
    }
}

/// The matcher of the entries that may start inside a word.
enum Floating {
    /// for text written without spaces, where matches are dense: a walk from every byte
    Trie(trie::PrefixTrie),
    /// for text written with spaces, where these entries are few and matches rare: an
    /// Aho-Corasick automaton
    Automaton(Box<dense::Dense>),
}

/// A matcher over folded surfaces, with the entries of each pattern.
struct Patterns<M> {
    matcher: M,
    /// entries, grouped by pattern
    entries: Vec<PatternEntry>,
    /// pattern id → range in `entries`
    ranges: Vec<(u32, u32)>,
}

impl<M> Patterns<M> {
    #[inline]
    fn entries_of(&self, pattern: u32) -> &[PatternEntry] {
        let (lo, hi) = self.ranges[pattern as usize];
        &self.entries[lo as usize..hi as usize]
    }
}

/// Does `text`, lower-cased character by character, equal `lower` (a lower-cased string)?
///
/// The common start is compared by bytes (an equal character of a lower-cased string is its
/// own lower case, see the tests; an ASCII capital is one byte): only what follows a
/// difference is lower-cased.
#[inline(never)]
fn lowercase_eq(text: &str, lower: &str) -> bool {
    let (t, l) = (text.as_bytes(), lower.as_bytes());
    let mut k = 0;
    while k < t.len() && k < l.len() && (t[k] == l[k] || t[k].to_ascii_lowercase() == l[k]) {
        k += 1;
    }
    (k == t.len() && k == l.len()) || lowercase_eq_from(text, lower, k)
}

/// [`lowercase_eq`] after a common start of `k` bytes (the same characters, ASCII capitals
/// aside, up to the character where they differ) that a difference or an end follows.
#[inline(never)]
fn lowercase_eq_from(text: &str, lower: &str, mut k: usize) -> bool {
    let t = text.as_bytes();
    // back to the start of the character that differs (continuation bytes are 0b10xx_xxxx)
    while t.get(k).is_some_and(|&b| (b as i8) < -0x40) {
        k -= 1;
    }
    // the commonest case, a character that is its own lower case (a letter with other
    // diacritics): its bytes differ from those of `lower` there, so the lower-cased text
    // does too; and text that ends first is shorter
    let Some(c) = text[k..].chars().next() else { return false };
    simple_lower(c) != Some(c) && lowercase_eq_chars(&text[k..], &lower[k..])
}

/// [`lowercase_eq`] character by character.
#[cold]
#[inline(never)]
fn lowercase_eq_chars(text: &str, lower: &str) -> bool {
    let mut lc = lower.chars();
    for c in text.chars() {
        if let Some(l) = simple_lower(c) {
            if lc.next() != Some(l) {
                return false;
            }
        } else if !c.to_lowercase().all(|l| lc.next() == Some(l)) {
            return false;
        }
    }
    lc.next().is_none()
}

/// The lower case of a character of the Latin letters of the news (ASCII, Latin-1, the
/// start of Latin Extended-A, Vietnamese) without a table search; `None` for the others.
#[inline]
fn simple_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0..=0x7F => c.to_ascii_lowercase() as u32,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xD7..=0xFF => u,
        // pairs of capital (even) and small (odd) letters
        0x100..=0x12F | 0x1EA0..=0x1EFF => u | 1,
        0x1A0 | 0x1A1 => 0x1A1,
        0x1AF | 0x1B0 => 0x1B0,
        _ => return None,
    };
    char::from_u32(l)
}

/// Does a word character (a letter or digit, not Han) end just before byte `i`?
#[inline(always)]
fn is_word_byte_before(s: &str, i: usize) -> bool {
    let b = s.as_bytes()[i - 1];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    word_char_before(s, i)
}

/// [`is_word_byte_before`] for a character that is not ASCII.
#[inline(never)]
fn word_char_before(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_some_and(is_word_char)
}

/// Does a word character (a letter or digit, not Han) start at byte `i`?
#[inline(always)]
fn is_word_byte_after(s: &str, i: usize) -> bool {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    word_char_after(s, i)
}

/// [`is_word_byte_after`] for a character that is not ASCII.
#[inline(never)]
fn word_char_after(s: &str, i: usize) -> bool {
    s[i..].chars().next().is_some_and(is_word_char)
}

/// A letter or digit that is not Han; the letters of Latin, Vietnamese and Cyrillic text
/// without a table search.
#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0xC0..=0x24F => c != '\u{D7}' && c != '\u{F7}',
        0x400..=0x481 | 0x48A..=0x52F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric() && !crate::text::is_han(c),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_case_characters_are_their_own_lower_case() {
        // what `lowercase_eq` relies on: every character of a lower-cased string
        for cp in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            for l in c.to_lowercase().chain(['ς']) {
                assert!(l.to_lowercase().eq([l]), "U+{:04X}", l as u32);
            }
        }
    }

    proptest::proptest! {
        /// Texts of letters with and without diacritics, in both cases, against lower-cased
        /// texts of the same letters (often the text's own lower case, then with one
        /// character changed).
        #[test]
        fn lowercase_eq_agrees_with_lower_casing(
            text in "[aAàÀảẢăĂắẮơƠưƯđĐeéÉễỄiİıIσΣς]{0,6}",
            other in "[aàảăắơưđeéễiı\u{307}σς]{0,6}",
            at in 0usize..8,
            own in proptest::bool::ANY,
        ) {
            let mut lower: String = text.chars().flat_map(char::to_lowercase).collect();
            if !own {
                lower = other;
            } else if at < lower.chars().count() {
                let c = lower.chars().nth(at).unwrap();
                let swap = if c == 'a' { 'à' } else { 'a' };
                lower = lower.chars().enumerate().map(|(i, c)| if i == at { swap } else { c }).collect();
            }
            let want = text.chars().flat_map(char::to_lowercase).eq(lower.chars());
            proptest::prop_assert_eq!(super::lowercase_eq(&text, &lower), want, "{} {}", text, lower);
        }
    }

    #[test]
    fn simple_lower_case_agrees_with_the_unicode_tables() {
        for cp in 0..0x3_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            if let Some(l) = super::simple_lower(c) {
                assert!(c.to_lowercase().eq([l]), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn lowercase_eq_is_lower_casing_and_comparing() {
        let cases = [
            ("Bürgermeister", "bürgermeister", true),
            ("BÜRGERMEISTER", "bürgermeister", true),
            ("Burgermeister", "bürgermeister", false),
            ("Chủ tịch", "chủ tịch", true),
            ("ĐẢNG", "đảng", true),
            ("Đảng", "đảng ủy", false),
            ("İ", "i\u{307}", true),
            ("Σ", "σ", true),
            ("ƯỚC", "ước", true),
            ("Ước", "uớc", false),
            ("Đà", "đa", false),
            ("ÀB", "àbc", false),
            ("", "", true),
            ("a", "", false),
            ("", "a", false),
            ("vụ", "vừ", false),
            ("Chủ", "chu", false),
            ("sở", "số", false),
            ("ĐỒNG", "đồng", true),
            ("Đồng", "dồng", false),
            ("ab", "abc", false),
            ("abc", "ab", false),
            ("ÀB", "àb", true),
            ("Ơn", "ơ", false),
        ];
        for (text, lower, same) in cases {
            assert_eq!(super::lowercase_eq(text, lower), same, "{text} {lower}");
            assert_eq!(text.chars().flat_map(char::to_lowercase).eq(lower.chars()), same);
        }
    }

    #[test]
    fn merge_in_place_is_a_stable_merge() {
        let hit = |fstart, fend, entry, tok| super::Hit { fstart, fend, entry, tok, tok_end: 0 };
        let a = [hit(0, 4, 1, 0), hit(0, 2, 3, 1), hit(5, 6, 0, 2), hit(9, 12, 2, 3)];
        let b = [hit(0, 4, 1, 10), hit(1, 3, 0, 11), hit(5, 6, 0, 12), hit(13, 14, 0, 13)];
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                let mut hits = a[..i].to_vec();
                super::merge(&mut hits, &mut b[..j].to_vec());
                let mut want = [&a[..i], &b[..j]].concat();
                want.sort_by_key(super::Hit::order);
                let toks = |v: &[super::Hit]| v.iter().map(|h| h.tok).collect::<Vec<_>>();
                assert_eq!(toks(&hits), toks(&want), "{i} {j}");
            }
        }
    }

    #[test]
    fn ascii_non_alnum_marks_every_such_byte_of_a_word() {
        for len in [1, 7, 8, 9, 12] {
            for x in 0..=255u8 {
                for at in [0, len / 2, len - 1] {
                    let mut text = vec![b'a'; len];
                    text[at] = x;
                    for i in 0..len {
                        let m = super::ascii_non_alnum(super::word_at(&text, i));
                        for (k, &c) in text[i..].iter().take(8).enumerate() {
                            let want = c.is_ascii() && !c.is_ascii_alphanumeric();
                            assert_eq!(m >> (8 * k + 7) & 1 == 1, want, "{x:#x} at {at} of {len}");
                        }
                        // letters past the end
                        if len - i < 8 {
                            assert_eq!(m >> (8 * (len - i)), 0, "{x:#x} at {at} of {len}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn word_chars_agree_with_the_unicode_tables() {
        for cp in 0..0x3_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            assert_eq!(
                super::is_word_char(c),
                c.is_alphanumeric() && !crate::text::is_han(c),
                "U+{cp:04X}"
            );
        }
    }
}
