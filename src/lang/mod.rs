//! Language packs: the lexicons of one language compiled into shared automata, and language
//! detection.
//!
//! A pack is a folder `corpus/lexicons/<code>/` of TSV files (see `docs/LEXICONS.md`).
//! `meta.tsv` holds `key<TAB>value` settings: `name`, `whatlang` (the whatlang code used for
//! detection), `script` (`latin`, `cyrillic`, `han`), `group` (digit group separators),
//! `decimal` (the decimal mark), `include` (another folder whose entries are shared, such
//! as `common`), `spaces` (`no` for scripts written without spaces).

pub(crate) mod detect;

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::BuildError;
use crate::lexicon::{self, Entry, MatchMode, Tag};
use crate::numbers::NumberGrammar;
use crate::text::Prepared;

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

/// A compiled language pack.
pub(crate) struct Pack {
    pub code: String,
    pub whatlang: Option<whatlang::Lang>,
    pub script: Script,
    pub group_seps: Vec<char>,
    pub entries: Vec<Entry>,
    automaton: Option<AhoCorasick>,
    /// pattern id → entries with that folded surface
    pattern_entries: Vec<Vec<u32>>,
    /// folded family names
    pub family: HashSet<String>,
    /// lower-cased family names with their diacritics
    pub family_exact: HashSet<String>,
    /// folded common words (language detection of text without diacritics)
    pub common: HashSet<String>,
    pub numbers: NumberGrammar,
    /// folded surfaces of stop words that cannot be part of a name
    pub stop: HashSet<String>,
    /// lower-cased stop words with their diacritics
    pub stop_exact: HashSet<String>,
    /// (head key, body id or "-") → role id
    pub compose: HashMap<(String, String), String>,
    /// settings of meta.tsv
    pub meta: HashMap<String, String>,
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
        let mut family = HashSet::new();
        let mut family_exact = HashSet::new();
        let mut stop_exact = HashSet::new();
        let mut common = HashSet::new();
        let mut stop = HashSet::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut pattern_entries: Vec<Vec<u32>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match e.tag {
                Tag::Family => {
                    family.insert(e.folded.clone());
                    family_exact.insert(e.lower.clone());
                    continue;
                }
                Tag::Common => {
                    common.insert(e.folded.clone());
                    continue;
                }
                Tag::Stop => {
                    stop.insert(e.folded.clone());
                    stop_exact.insert(e.lower.clone());
                    if spaces {
                        continue;
                    }
                }
                _ => {}
            }
            // number words read only in number phrases (numbers::parse) are no hits in running text
            if e.options.phrase {
                continue;
            }
            let id = *pattern_ids.entry(e.folded.clone()).or_insert_with(|| {
                patterns.push(e.folded.clone());
                pattern_entries.push(Vec::new());
                patterns.len() - 1
            });
            pattern_entries[id].push(i as u32);
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(&patterns)
                    .map_err(|e| BuildError::lexicon(&src.code, 0, e.to_string()))?,
            )
        };
        let numbers = NumberGrammar::from_entries(&entries, meta);
        let mut compose = HashMap::new();
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
            entries,
            automaton,
            pattern_entries,
            family,
            family_exact,
            common,
            numbers,
            stop,
            stop_exact,
            compose,
            meta: meta.clone(),
        })
    }

    /// Finds every lexicon entry in the prepared text, checking word boundaries, case and
    /// (for text written with diacritics) exact diacritics of strict entries.
    pub fn find(&self, p: &Prepared<'_>, strict: bool) -> Vec<Hit> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let f = p.folded.as_bytes();
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(&p.folded) {
            let (s, e) = (m.start(), m.end());
            let at_start = s == 0 || !is_word_byte_before(&p.folded, s);
            let at_end = e == f.len() || !is_word_byte_after(&p.folded, e);
            for &ei in &self.pattern_entries[m.pattern().as_usize()] {
                let entry = &self.entries[ei as usize];
                let ok = match entry.mode {
                    MatchMode::Word => at_start && at_end,
                    MatchMode::Prefix => at_start,
                    MatchMode::Suffix => at_end,
                    MatchMode::Infix => true,
                };
                if !ok {
                    continue;
                }
                let ns = p.fold_to_norm[s] as usize;
                let ne = p.fold_to_norm[e] as usize;
                if entry.options.cap && !p.norm[ns..].chars().next().is_some_and(char::is_uppercase)
                {
                    continue;
                }
                if strict && entry.options.strict && p.norm[ns..ne].to_lowercase() != entry.lower {
                    continue;
                }
                let tok = p.token_at_fold(s as u32 + 1).saturating_sub(1);
                let tok = if p.tokens.get(tok).is_some_and(|t| t.fend as usize <= s) {
                    tok + 1
                } else {
                    tok
                };
                let tok_end = p.token_at_fold(e as u32);
                hits.push(Hit {
                    fstart: s as u32,
                    fend: e as u32,
                    entry: ei,
                    tok: tok as u32,
                    tok_end: tok_end.max(tok + 1) as u32,
                });
            }
        }
        hits.sort_by_key(|h| (h.fstart, std::cmp::Reverse(h.fend)));
        hits
    }
}

fn is_word_byte_before(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() && !crate::text::is_han(c))
}

fn is_word_byte_after(s: &str, i: usize) -> bool {
    s[i..].chars().next().is_some_and(|c| c.is_alphanumeric() && !crate::text::is_han(c))
}
