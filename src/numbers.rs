//! Number parsing: digits with each language's separators and number words in every
//! supported language ("6.600", "6,600", "achtundzwanzig", "sáu nghìn sáu trăm",
//! "quatre-vingt-dix", "六千六百").
//!
//! The number words are data (`num`, `mul`, `scale` and `filler` entries of each language
//! pack); the grammar below is shared by all languages.
//!
//! ```
//! assert_eq!(civic::numbers::parse("achtundzwanzig", "de"), Some(28.0));
//! assert_eq!(civic::numbers::parse("6.600", "de"), Some(6600.0));
//! assert_eq!(civic::numbers::parse("6,600", "en"), Some(6600.0));
//! assert_eq!(civic::numbers::parse("twenty-one", "en"), Some(21.0));
//! assert_eq!(civic::numbers::parse("sáu nghìn sáu trăm", "vi"), Some(6600.0));
//! assert_eq!(civic::numbers::parse("Resolution 57", "en"), None);
//! ```

use std::collections::HashMap;

use crate::hash::{FastMap, FastSet};
use std::sync::LazyLock;

use crate::lexicon::{Entry, Tag};
use crate::text::fold_str;

/// How a number is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Inside running text (the count recogniser): conservative.
    Text,
    /// A phrase meant as a number by itself ([`parse`], [`find_first`]): also leading zeros
    /// ("zero eight"), a bare scale word first ("thousand nine hundred", "mil", 萬九), an
    /// article before a multiplier ("a dozen", "eine Million"), the elided hundred of
    /// English ("one twenty two"), spoken decimals and the words marked `phrase`.
    Phrase,
}

/// Forms of a multiplier or scale word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Form {
    /// A plural (hundreds, Millionen, cientos): never a number by itself.
    pub plural: bool,
    /// Never multiplies one alone (French cent, mille: "un cent" is no number).
    pub bare: bool,
}

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Word {
    /// A value added to the current group (one, twenty, doscientos).
    Num(f64),
    /// A value that only ends a number (German eins, Spanish uno: "uno mil" is no number).
    Final(f64),
    /// A word that stands for its value only before other number words: an article before
    /// a multiplier or scale (a dozen, eine Million), "o" before digits words (o eight).
    Article(f64),
    /// Multiplies the last value added (hundred, trăm, 百, mươi, dozen).
    Mul(f64, Form),
    /// Closes a group and multiplies it (thousand, million, nghìn, 万).
    Scale(f64, Form),
    /// Joins parts (und, and, et, y, linh).
    Filler,
    /// A spoken decimal mark (point, Komma, 點).
    Point,
    /// Digits read after a spoken decimal mark ("point 77" → 0.77).
    Frac(f64),
}

/// Digit conventions: group separators and the decimal mark.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seps {
    pub group: Vec<char>,
    pub decimal: char,
}

impl Default for Seps {
    fn default() -> Seps {
        Seps { group: vec![','], decimal: '.' }
    }
}

impl Seps {
    /// From meta.tsv values (`group`: characters, `space` for the spaces; `decimal`: a character).
    fn from_meta(group: Option<&String>, decimal: Option<&String>, base: &Seps) -> Seps {
        Seps {
            group: group
                .map(|g| g.replace("space", " \u{a0}\u{202f}\u{2009}").chars().collect())
                .unwrap_or_else(|| base.group.clone()),
            decimal: decimal.and_then(|d| d.chars().next()).unwrap_or(base.decimal),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Lookup {
    word: Word,
    /// only in phrases (option `phrase`)
    phrase: bool,
}

/// The number words of one language and its digit conventions.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumberGrammar {
    /// lower-cased surface (with diacritics) → word
    exact: FastMap<String, Lookup>,
    /// folded surface → word
    folded: FastMap<String, Lookup>,
    /// folded surface of a strict word that differs from it (Vietnamese năm → nam, mươi →
    /// muoi) → word: in text written without diacritics these forms are also other words,
    /// and the count recogniser reads them only where the context makes them numbers
    /// (with: whether it never starts a number, option `inner`)
    weak: FastMap<String, (Word, bool)>,
    /// longest folded word, in chars (for compound splitting)
    max_len: usize,
    /// every prefix (at a char boundary) of the keys of `folded`, the keys included: a
    /// compound split stops where no part can start with the text read
    prefixes: FastSet<String>,
    /// the folded form of every number word (of `exact` and `folded`)
    surfaces: FastSet<String>,
    /// split compounds written as one word (German)
    compounds: bool,
    /// French vigesimal forms (quatre-vingt, soixante-dix)
    vigesimal: bool,
    /// values 11..99 written as one word (twelve, douze, veintiuno): then "ten two",
    /// "dix deux", "veinte uno" are no numbers
    single: FastSet<i64>,
    /// a multiplier of ten's powers multiplies values below this (meta `hundreds`):
    /// 10 (units: doscientos), 20 (teens: achtzehnhundert), 100 (tens: forty-five hundred)
    mul_limit: f64,
    /// 21, 31 … 61 take the filler: vingt et un ("vingt un" is no number)
    tens_and_one: bool,
    /// units come before tens: zweiundzwanzig ("zwanzig zwei" is no number)
    unit_before_tens: bool,
    /// a hundred may be left out in phrases: "one twenty two" = 122
    hundred_elided: bool,
    /// a unit right after a multiplier ends the number one place lower: 千一 = 1100
    elided_unit: bool,
    /// digit group separators and decimal mark
    seps: Seps,
    /// conventions of regional locales (meta `group_MX`, `decimal_MX`)
    regions: HashMap<String, Seps>,
}

fn yes(meta: &HashMap<String, String>, key: &str) -> bool {
    meta.get(key).is_some_and(|v| v == "yes")
}

fn is_pow10(v: f64) -> bool {
    v >= 10.0 && place_of(v) == v
}

fn is_unit(v: f64) -> bool {
    (1.0..=9.0).contains(&v) && v.fract() == 0.0
}

/// Does `s` fold to itself ([`fold_str`]): made of Han characters and ASCII without upper
/// case letters?
fn folds_to_itself(s: &str) -> bool {
    if s.is_ascii() {
        return !s.bytes().any(|b| b.is_ascii_uppercase());
    }
    s.chars().all(|c| (c.is_ascii() && !c.is_ascii_uppercase()) || crate::text::is_han(c))
}

/// Rounds away the noise of binary fractions (1.2 × 10⁶ = 1 200 000).
pub(crate) fn tidy(v: f64) -> f64 {
    let r = v.round();
    if (v - r).abs() <= 1e-9 * v.abs().max(1.0) { r } else { v }
}

impl NumberGrammar {
    pub fn from_entries(entries: &[Entry], meta: &HashMap<String, String>) -> NumberGrammar {
        let seps = Seps::from_meta(meta.get("group"), meta.get("decimal"), &Seps::default());
        let mut regions = HashMap::new();
        for k in meta.keys() {
            if let Some(r) = k.strip_prefix("group_").or_else(|| k.strip_prefix("decimal_")) {
                let s = Seps::from_meta(
                    meta.get(&format!("group_{r}")),
                    meta.get(&format!("decimal_{r}")),
                    &seps,
                );
                regions.insert(r.to_uppercase(), s);
            }
        }
        let mut g = NumberGrammar {
            compounds: yes(meta, "compounds"),
            vigesimal: yes(meta, "vigesimal"),
            mul_limit: match meta.get("hundreds").map(String::as_str) {
                Some("teens") => 20.0,
                Some("tens") => 100.0,
                _ => 10.0,
            },
            tens_and_one: yes(meta, "tens_and_one"),
            unit_before_tens: yes(meta, "unit_before_tens"),
            hundred_elided: yes(meta, "hundred_elided"),
            elided_unit: yes(meta, "elided_unit"),
            seps,
            regions,
            ..Default::default()
        };
        for e in entries {
            let form = Form { plural: e.options.plural, bare: e.options.bare };
            let w = match e.tag {
                Tag::Num(v) if e.options.article => Word::Article(v),
                Tag::Num(v) if e.options.last => Word::Final(v),
                Tag::Num(v) => Word::Num(v),
                Tag::Mul(v) => Word::Mul(v, form),
                Tag::Scale(v) => Word::Scale(v, form),
                Tag::Filler => Word::Filler,
                Tag::Point => Word::Point,
                _ => continue,
            };
            if let Word::Num(v) | Word::Final(v) = w {
                if v > 10.0 && v < 100.0 && v.fract() == 0.0 {
                    g.single.insert(v as i64);
                }
            }
            let l = Lookup { word: w, phrase: e.options.phrase };
            g.exact.insert(e.lower.clone(), l);
            // strict entries (Vietnamese năm, sáu, tỷ) never match by their folded form
            if !e.options.strict || e.lower == e.folded {
                g.folded.insert(e.folded.clone(), l);
            } else if !e.options.phrase {
                // a later meaning wins (mươi over mười); the form starts a number if any does
                let inner = e.options.inner && g.weak.get(&e.folded).is_none_or(|x| x.1);
                g.weak.insert(e.folded.clone(), (w, inner));
            }
            g.max_len = g.max_len.max(e.folded.chars().count());
            g.surfaces.insert(e.folded.clone());
        }
        for key in g.folded.keys() {
            let ends = key.char_indices().skip(1).map(|(b, _)| b).chain([key.len()]);
            g.prefixes.extend(ends.map(|b| key[..b].to_string()));
        }
        g
    }

    /// Looks up one word (lower-cased; `strict`: diacritics must match).
    pub fn word(&self, lower: &str, strict: bool, mode: Mode) -> Option<Word> {
        self.word_folded(lower, None, strict, mode)
    }

    /// [`Self::word`] with the folded form of `lower` (`fold_str(lower)`) when the caller
    /// has it at hand (a token's folded text), which spares folding it again.
    pub fn word_folded(
        &self,
        lower: &str,
        folded: Option<&str>,
        strict: bool,
        mode: Mode,
    ) -> Option<Word> {
        let usable = |l: &Lookup| (mode == Mode::Phrase || !l.phrase).then_some(l.word);
        if let Some(l) = self.exact.get(lower) {
            return usable(l);
        }
        if strict {
            return None;
        }
        let l = match folded {
            Some(f) => self.folded.get(f),
            None if folds_to_itself(lower) => self.folded.get(lower),
            None => self.folded.get(&fold_str(lower)),
        };
        l.and_then(usable)
    }

    /// The number word a folded token may be in text written without diacritics, when it
    /// is the folded form of a strict word (Vietnamese "muoi" for mươi, "tram" for trăm).
    /// Returns the word and whether it is `inner` (then it is no word at all for `first`).
    pub fn weak_word(&self, folded: &str, first: bool) -> Option<(Word, bool)> {
        self.weak.get(folded).filter(|x| !(first && x.1)).copied()
    }

    /// Does this language write numbers as compounds of number words (German)?
    pub fn has_compounds(&self) -> bool {
        self.compounds
    }

    /// Does this language have words of [`Self::weak_word`]?
    pub fn has_weak(&self) -> bool {
        !self.weak.is_empty()
    }

    /// Can a word whose lower case folds to `folded` be a number word (by [`Self::word`])?
    /// Not if no number word folds to it.
    pub fn may_be_word(&self, folded: &str) -> bool {
        self.surfaces.contains(folded)
    }

    /// Splits one token into number words: itself, or (for compounding languages) a
    /// sequence of parts covering it ("achtundzwanzig" → acht, und, zwanzig). `folded`:
    /// `fold_str(lower)`, if the caller has it.
    pub fn split(
        &self,
        lower: &str,
        folded: Option<&str>,
        strict: bool,
        mode: Mode,
        out: &mut Vec<Word>,
    ) -> bool {
        if let Some(w) = self.word_folded(lower, folded, strict, mode) {
            out.push(w);
            return true;
        }
        if !self.compounds || lower.len() < 4 {
            return false;
        }
        match folded {
            Some(f) => self.split_compound(lower.len(), f, mode, out),
            None => self.split_compound(lower.len(), &fold_str(lower), mode, out),
        }
    }

    /// The second half of [`Self::split`], for a word that is no number word itself: the
    /// parts of a compound (`lower_len`: the length of the word in lower case, `folded`: its
    /// folded form).
    pub fn split_compound(
        &self,
        lower_len: usize,
        folded: &str,
        mode: Mode,
        out: &mut Vec<Word>,
    ) -> bool {
        if !self.compounds || lower_len < 4 {
            return false;
        }
        // best[b]: the fewest parts covering folded[..b] (b a char boundary), as (number of
        // parts, start of the last part, last part); allocated at the first part found
        let mut best: Vec<Option<(usize, usize, Word)>> = Vec::new();
        for start in folded.char_indices().map(|(b, _)| b) {
            let parts = if start == 0 {
                0
            } else {
                match best.get(start) {
                    Some(Some((parts, _, _))) => *parts,
                    _ => continue,
                }
            };
            let ends = folded[start..].char_indices().skip(1).map(|(b, _)| start + b);
            for (len, end) in ends.chain([folded.len()]).enumerate().map(|(k, e)| (k + 1, e)) {
                if len > self.max_len {
                    break;
                }
                let part = &folded[start..end];
                // no part starts with this text: none longer does either
                if !self.prefixes.contains(part) {
                    break;
                }
                let Some(l) = self.folded.get(part) else { continue };
                if l.phrase && mode == Mode::Text {
                    continue;
                }
                if best.is_empty() {
                    best.resize(folded.len() + 1, None);
                }
                let better = match best[end] {
                    None => true,
                    Some((b, _, _)) => parts + 1 < b,
                };
                if better {
                    best[end] = Some((parts + 1, start, l.word));
                }
            }
        }
        let Some(&Some((parts, _, _))) = best.get(folded.len()) else { return false };
        // the parts, from the last back to the first
        let at = out.len();
        let mut end = folded.len();
        while end > 0 {
            let Some((_, start, w)) = best[end] else { break };
            out.push(w);
            end = start;
        }
        out[at..].reverse();
        debug_assert_eq!(out.len() - at, parts);
        true
    }

    /// The value of a sequence of number words, if it is one well-formed number.
    #[cfg(test)]
    pub fn evaluate(&self, words: &[Word], mode: Mode) -> Option<f64> {
        let (v, used) = self.evaluate_prefix(words, mode)?;
        (used == words.len()).then_some(v)
    }

    /// The value of the longest well-formed prefix of `words`, and its length.
    pub fn evaluate_prefix(&self, words: &[Word], mode: Mode) -> Option<(f64, usize)> {
        let phrase = mode == Mode::Phrase;
        // closed groups (before the last scale word) and the open group
        let mut total = 0.0f64;
        let mut section = 0.0f64;
        // the last value added to the group, and whether it was one Num word (not a product)
        let mut last: Option<f64> = None;
        let mut last_word = false;
        let mut last_scale = f64::INFINITY;
        let mut after_filler = false;
        let mut best: Option<(f64, usize)> = None;
        let mut any = false;
        // a zero read first in running text: nothing may follow
        let mut zero_alone = false;
        // a final word or a decimal fraction was read: nothing (after a fraction: a scale) follows
        let mut closed = false;
        let mut fraction = false;
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            let prev = i.checked_sub(1).map(|p| words[p]);
            let next = words.get(i + 1).copied();
            if zero_alone || (closed && !(fraction && matches!(w, Word::Scale(..)))) {
                break;
            }
            match w {
                Word::Num(v) | Word::Final(v) => {
                    if v == 0.0 {
                        if !any {
                            // "zero" alone; in a phrase also leading zeros ("zero eight", "cero uno")
                            best = Some((0.0, i + 1));
                            zero_alone = !phrase;
                            i += 1;
                            continue;
                        }
                        // "không trăm": an empty hundreds place inside a number
                        if let Some(Word::Mul(m, _)) = next {
                            if last.is_none_or(|l| l >= m * 10.0 || section == 0.0) {
                                last = Some(m);
                                last_word = false;
                                after_filler = false;
                                i += 2;
                                continue;
                            }
                        }
                        // 零 after a multiplier or scale: an empty place (二百零三, 一万零四十)
                        if !after_filler
                            && matches!(prev, Some(Word::Mul(..) | Word::Scale(..)))
                            && matches!(next, Some(Word::Num(n) | Word::Final(n)) if n > 0.0)
                        {
                            after_filler = true;
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    // an elided lower unit: 千一 = 1100, 萬九 = 19 000, 百二萬 = 1 200 000
                    if self.elided_unit && !after_filler && is_unit(v) {
                        let unit = match prev {
                            Some(Word::Mul(m, _) | Word::Scale(m, _))
                                if m >= 100.0 && is_pow10(m) =>
                            {
                                Some(m)
                            }
                            _ => None,
                        };
                        let at_end = match next {
                            None => true,
                            Some(Word::Scale(s, _)) => unit.is_some_and(|u| s > u),
                            _ => false,
                        };
                        if let (Some(u), true) = (unit, at_end) {
                            let add = v * u / 10.0;
                            section += add;
                            last = Some(add);
                            last_word = false;
                            any = true;
                            closed = phrase && matches!(w, Word::Final(_));
                            best = Some((total + section, i + 1));
                            i += 1;
                            continue;
                        }
                    }
                    if let Some(l) = last {
                        // phrases are read strictly: ill-formed sequences are no number (in running
                        // text they keep the reading they always had)
                        if phrase
                            && last_word
                            && !after_filler
                            && (10.0..=90.0).contains(&l)
                            && l % 10.0 == 0.0
                            && is_unit(v)
                        {
                            // "ten five", "dix deux", "veinte uno": the language writes 15, 12, 21 as one word
                            if self.single.contains(&((l + v) as i64)) {
                                break;
                            }
                            // "vingt un": French writes vingt et un
                            if self.tens_and_one && v == 1.0 && (20.0..=60.0).contains(&l) {
                                break;
                            }
                            // "zwanzig zwei": German writes zweiundzwanzig
                            if self.unit_before_tens && l >= 20.0 {
                                break;
                            }
                        }
                        // "one twenty two" = 122: a hundred left out (English phrases)
                        if phrase
                            && self.hundred_elided
                            && last_word
                            && !after_filler
                            && total == 0.0
                            && section == l
                            && is_unit(l)
                            && (20.0..100.0).contains(&v)
                            && v % 10.0 == 0.0
                        {
                            section = l * 100.0 + v;
                            last = Some(v);
                            any = true;
                            best = Some((total + section, i + 1));
                            i += 1;
                            continue;
                        }
                        let place = place_of(l);
                        // quatre-vingt: the four must stand alone in its hundred ("trente quatre vingt" is no number)
                        let four_twenty = self.vigesimal
                            && l == 4.0
                            && v == 20.0
                            && (!phrase || section % 100.0 == 4.0);
                        let ok = v < place
                            || (after_filler
                                && l < 10.0
                                && (20.0..100.0).contains(&v)
                                && v % 10.0 == 0.0)
                            || (self.vigesimal && l % 20.0 == 0.0 && l >= 60.0 && v < 20.0)
                            || four_twenty;
                        if !ok {
                            break;
                        }
                        if four_twenty {
                            section += 76.0;
                            last = Some(80.0);
                            last_word = false;
                            after_filler = false;
                            any = true;
                            best = Some((total + section, i + 1));
                            i += 1;
                            continue;
                        }
                        if after_filler && l < 10.0 && v >= 20.0 {
                            // German order: einundzwanzig
                            section += v;
                            last = Some(v + l);
                            last_word = false;
                            after_filler = false;
                            best = Some((total + section, i + 1));
                            i += 1;
                            continue;
                        }
                    }
                    section += v;
                    last = Some(v);
                    last_word = true;
                    any = true;
                    after_filler = false;
                    closed = phrase && matches!(w, Word::Final(_));
                    best = Some((total + section, i + 1));
                }
                Word::Article(v) => {
                    if !phrase || any {
                        break;
                    }
                    if v == 0.0 {
                        // "o eight": a zero only before other number words (phrases only)
                        if !matches!(
                            next,
                            Some(Word::Num(_) | Word::Final(_) | Word::Mul(..) | Word::Article(_))
                        ) {
                            break;
                        }
                        i += 1;
                        continue;
                    }
                    // "a dozen", "eine Million": one, right before a multiplier or scale (phrases only)
                    let before_mul =
                        matches!(next, Some(Word::Mul(_, f) | Word::Scale(_, f)) if !f.plural);
                    if best.is_some() || !before_mul {
                        break;
                    }
                    section = v;
                    last = Some(v);
                    last_word = true;
                    any = true;
                }
                Word::Mul(m, form) => {
                    let pow10 = is_pow10(m);
                    // the part of the group it multiplies: dix-neuf cent, forty-five hundred, hai mươi
                    let tail = if pow10 { section % m } else { section };
                    if tail == 0.0 {
                        // a bare multiplier: hundred, trăm, 十, dozen (not after "hundred": "hundred hundreds")
                        if after_filler || form.plural {
                            break;
                        }
                        if section != 0.0 {
                            // in running text, a bare ten's power filling an empty place after
                            // a higher one: "ba tram muoi" (ba trăm mười, 310) in Vietnamese
                            // written without diacritics, where mười and mươi are one word
                            if phrase || !pow10 || section % (m * 10.0) != 0.0 {
                                break;
                            }
                            section += m;
                        } else {
                            section = m;
                        }
                        last = Some(m);
                    } else {
                        let limit = if phrase { self.mul_limit.min(m) } else { m };
                        if after_filler
                            || (pow10 && tail >= limit)
                            || (phrase && form.bare && tail == 1.0)
                        {
                            break;
                        }
                        section += tail * m - tail;
                        last = Some(tail * m);
                    }
                    last_word = false;
                    any = true;
                    after_filler = false;
                    best = Some((total + section, i + 1));
                }
                Word::Scale(s, form) => {
                    if after_filler {
                        break;
                    }
                    if !any {
                        // a bare scale word is no number in text ("tỷ lệ", "Millionen Menschen");
                        // a phrase may start with one ("thousand nine hundred", "mil", 萬九), and
                        // so may text with a scale that is never preceded by one ("mille deux
                        // cents logements")
                        if !(phrase || form.bare) || form.plural || best.is_some() {
                            break;
                        }
                        total = s;
                        last_scale = s;
                        any = true;
                        best = Some((total, i + 1));
                        i += 1;
                        continue;
                    }
                    if phrase && form.bare && section == 1.0 && last == Some(1.0) {
                        // "un mille"
                        break;
                    }
                    if s >= last_scale {
                        // "mil millones", "thousand million", "novecientos mil ... millones":
                        // a larger scale multiplies everything before it
                        if s == last_scale {
                            break;
                        }
                        total = (total + section) * s;
                    } else {
                        if section == 0.0 {
                            section = 1.0;
                        }
                        total += section * s;
                    }
                    section = 0.0;
                    last = None;
                    last_word = false;
                    last_scale = s;
                    best = Some((total, i + 1));
                }
                Word::Filler => {
                    if !any || after_filler {
                        break;
                    }
                    after_filler = true;
                }
                Word::Point | Word::Frac(_) => {
                    if after_filler || (!any && !phrase) {
                        break;
                    }
                    let (f, used) = match w {
                        Word::Frac(f) => (f, 0),
                        _ => match self.fraction(&words[i + 1..]) {
                            Some(x) => x,
                            None => break,
                        },
                    };
                    section += f;
                    any = true;
                    closed = true;
                    fraction = true;
                    i += 1 + used;
                    best = Some((total + section, i));
                    continue;
                }
            }
            i += 1;
        }
        best
    }

    /// The decimal fraction spoken after a decimal mark, and the words it uses: single
    /// digits ("point two five" → 0.25) or one number ("coma quince" → 0.15).
    fn fraction(&self, rest: &[Word]) -> Option<(f64, usize)> {
        let run: Vec<f64> = rest
            .iter()
            .map_while(|w| match w {
                Word::Num(d) | Word::Final(d) if *d == 0.0 || is_unit(*d) => Some(*d),
                _ => None,
            })
            .collect();
        let (digits, used) =
            if run.len() >= 2 || (run.len() == 1 && !matches!(rest.get(1), Some(Word::Mul(..)))) {
                (run.iter().map(|d| char::from(b'0' + *d as u8)).collect::<String>(), run.len())
            } else {
                let end = rest
                    .iter()
                    .position(|w| matches!(w, Word::Scale(..) | Word::Point))
                    .unwrap_or(rest.len());
                let (n, used) = self.evaluate_prefix(&rest[..end], Mode::Text)?;
                if n <= 0.0 || n.fract() != 0.0 || n >= 1e15 {
                    return None;
                }
                (format!("{}", n as u64), used)
            };
        Some((format!("0.{digits}").parse().ok()?, used))
    }

    /// The digit conventions of a regional locale ("es_MX", "es-MX"), if it has its own.
    pub fn region(&self, locale: &str) -> Option<&Seps> {
        let region = locale.rsplit(['_', '-']).next()?;
        if region.len() == locale.len() {
            return None;
        }
        self.regions.get(&region.to_uppercase())
    }

    /// This language's digit conventions.
    pub fn seps(&self) -> &Seps {
        &self.seps
    }

    /// Parses digits written with this language's separators: "6.600", "6 600", "2,5".
    /// Returns None for malformed groups ("6.6" where "." groups thousands).
    pub fn parse_digits(&self, s: &str) -> Option<f64> {
        parse_digits_with(s, &self.seps, false)
    }
}

/// Parses digits with separators `seps`; `point`: "." is also a decimal mark where it
/// groups no digits (Russian "1.5" beside "1,5").
pub(crate) fn parse_digits_with(s: &str, seps: &Seps, point: bool) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // digits only (the common case): no separator to read
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return whole_digits(s).or_else(|| s.parse().ok());
    }
    let decimal = if point
        && seps.decimal != '.'
        && !seps.group.contains(&'.')
        && !s.contains(seps.decimal)
    {
        '.'
    } else {
        seps.decimal
    };
    let (int_part, frac_part) = match s.rfind(decimal) {
        Some(i)
            if !seps.group.contains(&decimal)
                && s[i + decimal.len_utf8()..].chars().all(|c| c.is_ascii_digit())
                && s.len() > i + 1 =>
        {
            (&s[..i], Some(&s[i + decimal.len_utf8()..]))
        }
        _ => (s, None),
    };
    let mut digits = String::new();
    let mut groups = int_part.split(|c: char| seps.group.contains(&c));
    let first = groups.next()?;
    if first.is_empty() || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.push_str(first);
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) || first.len() > 3 {
            return None;
        }
        grouped = true;
        digits.push_str(g);
    }
    if grouped && first.starts_with('0') {
        return None;
    }
    let mut v: f64 = match whole_digits(&digits) {
        Some(v) => v,
        None => digits.parse().ok()?,
    };
    if let Some(f) = frac_part {
        let frac: f64 = format!("0.{f}").parse().ok()?;
        v += frac;
    }
    Some(v)
}

/// The value of ASCII digits `s` of up to 15 digits, read without the float parser (exact: such
/// a value is below 2^53, so `s.parse::<f64>()` gives the same); None when longer.
fn whole_digits(s: &str) -> Option<f64> {
    if s.len() > 15 {
        return None;
    }
    let v = s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
    Some(v as f64)
}

/// A multiplier letter glued to digits (100k, 3M, 1.2G; Cyrillic 100К, 3М, .0012Г): the
/// digits and the multiplier.
pub(crate) fn suffix_multiplier(s: &str) -> Option<(&str, f64)> {
    let c = s.chars().last()?;
    let m = match c {
        'k' | 'K' | 'к' | 'К' => 1e3,
        'M' | 'М' => 1e6,
        'G' | 'Г' => 1e9,
        _ => return None,
    };
    let head = &s[..s.len() - c.len_utf8()];
    head.ends_with(|c: char| c.is_ascii_digit()).then_some((head, m))
}

/// Digits in a phrase: with separators `seps` (also "." as a decimal mark where it groups
/// nothing) and an optional multiplier letter ("100k", "1,2M").
pub(crate) fn parse_digits_phrase(s: &str, seps: &Seps) -> Option<f64> {
    if let Some(v) = parse_digits_with(s, seps, true) {
        return Some(v);
    }
    let (head, m) = suffix_multiplier(s)?;
    parse_digits_with(head, seps, true).map(|v| tidy(v * m))
}

/// The smallest power of ten that `v`'s lowest non-zero digit stands at (20 → 10, 300 → 100, 5 → 1).
fn place_of(v: f64) -> f64 {
    let mut p = 1.0;
    let mut x = v.round() as i64;
    if x == 0 {
        return 1.0;
    }
    while x % 10 == 0 {
        x /= 10;
        p *= 10.0;
    }
    p
}

static DEFAULT: LazyLock<crate::Extractor> = LazyLock::new(crate::Extractor::new);

/// Parses a number phrase in language `lang` (an ISO 639-1 code of a built-in language):
/// digits with the language's separators, multiplier letters ("100k", "1,2M"), number
/// words, or digits and words mixed ("2.6 million", "3 万", "4 millones 2 mil 3"). Leading
/// zeros ("zero eight"), a sign ("-504"), a classifier (一个) and a restatement in
/// parentheses ("forty-five (45)") are allowed. Returns `None` when the phrase is not one
/// number, or the language is unknown.
///
/// ```
/// use civic::numbers::parse;
/// assert_eq!(parse("quatre-vingt-dix", "fr"), Some(90.0));
/// assert_eq!(parse("hai mươi mốt", "vi"), Some(21.0));
/// assert_eq!(parse("1,8 million", "fr"), Some(1_800_000.0));
/// assert_eq!(parse("100k", "en"), Some(100_000.0));
/// assert_eq!(parse("參萬肆仟伍佰陸拾柒", "zh"), Some(34_567.0));
/// assert_eq!(parse("fifty three zero", "en"), None);
/// ```
pub fn parse(text: &str, lang: &str) -> Option<f64> {
    DEFAULT.parse_number(text, lang)
}

/// Like [`parse`], with the digit conventions of a regional `locale` (`es_MX`: "1,200,000"
/// and "1.5"; meta keys `group_MX` and `decimal_MX` of the language pack). A locale
/// without conventions of its own, or `None`, reads digits as the language does.
///
/// ```
/// use civic::numbers::parse_locale;
/// assert_eq!(parse_locale("1,200,000", "es", Some("es_MX")), Some(1_200_000.0));
/// assert_eq!(parse_locale("1.200.000", "es", Some("es_AR")), Some(1_200_000.0));
/// assert_eq!(parse_locale("1.200.000", "es", None), Some(1_200_000.0));
/// ```
pub fn parse_locale(text: &str, lang: &str, locale: Option<&str>) -> Option<f64> {
    DEFAULT.parse_number_locale(text, lang, locale)
}

/// The first number in `text`, read as [`parse`] reads numbers; digits may carry a unit
/// glued to them.
///
/// ```
/// use civic::numbers::find_first;
/// assert_eq!(find_first("3km", "en"), Some(3.0));
/// assert_eq!(find_first("100k€", "en"), Some(100_000.0));
/// assert_eq!(find_first("about twenty-one people", "en"), Some(21.0));
/// assert_eq!(find_first("no number", "en"), None);
/// ```
pub fn find_first(text: &str, lang: &str) -> Option<f64> {
    DEFAULT.first_number(text, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{self, MatchMode};

    fn grammar(lex: &str, meta: &[(&str, &str)]) -> NumberGrammar {
        let entries = lexicon::parse("test", lex, MatchMode::Word).unwrap();
        let meta = meta.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        NumberGrammar::from_entries(&entries, &meta)
    }

    const EN: &str = "one\tnum=1\nfive\tnum=5\nnine\tnum=9\nten\tnum=10\nfifteen\tnum=15\n\
                      forty\tnum=40\nhundred\tmul=100\nhundreds\tmul=100\tplural\n\
                      dozen\tmul=12\nthousand\tscale=1000\nand\tfiller\n\
                      a\tnum=1\tarticle,phrase\npoint\tpoint\tphrase\n";

    fn words(g: &NumberGrammar, text: &str, mode: Mode) -> Vec<Word> {
        let mut out = Vec::new();
        for w in text.split(' ') {
            assert!(g.split(w, None, false, mode, &mut out), "{w}");
        }
        out
    }

    #[test]
    fn folding_and_lower_case() {
        for cp in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = c.to_string();
            let folded = fold_str(&s);
            // what `folds_to_itself` tells without folding
            if folds_to_itself(&s) {
                assert_eq!(folded, s, "U+{cp:04X}");
            }
            // a token's folded text is its lower case folded (the count recogniser relies on
            // it), but for ẞ (folded ß, lower case ss) and Σ (lower case σ or ς)
            if c != 'ẞ' && c != 'Σ' {
                let lower: String = c.to_lowercase().collect();
                assert_eq!(fold_str(&lower), folded, "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn strict_in_phrases_lenient_in_text() {
        let g = grammar(EN, &[("hundreds", "tens")]);
        let ten_five = words(&g, "ten five", Mode::Text);
        assert_eq!(g.evaluate(&ten_five, Mode::Phrase), None);
        assert_eq!(g.evaluate(&ten_five, Mode::Text), Some(15.0));
        // leading zeros only in phrases; a zero after a value never
        let z = grammar("zero\tnum=0\neight\tnum=8\nfifty\tnum=50\n", &[]);
        assert_eq!(
            g.evaluate(&words(&z, "zero zero eight", Mode::Phrase), Mode::Phrase),
            Some(8.0)
        );
        assert_eq!(g.evaluate(&words(&z, "zero eight", Mode::Text), Mode::Text), None);
        assert_eq!(g.evaluate(&words(&z, "fifty zero eight", Mode::Phrase), Mode::Phrase), None);
    }

    #[test]
    fn multipliers_take_the_tail_of_the_group() {
        let g = grammar(EN, &[("hundreds", "tens")]);
        let w = |t| words(&g, t, Mode::Phrase);
        assert_eq!(g.evaluate(&w("forty five hundred"), Mode::Phrase), Some(4500.0));
        assert_eq!(g.evaluate(&w("fifteen hundred"), Mode::Phrase), Some(1500.0));
        assert_eq!(g.evaluate(&w("hundred hundreds"), Mode::Phrase), None);
        assert_eq!(g.evaluate(&w("hundreds"), Mode::Phrase), None);
        assert_eq!(g.evaluate(&w("five hundred dozen"), Mode::Phrase), Some(6000.0));
        assert_eq!(g.evaluate(&w("a dozen"), Mode::Phrase), Some(12.0));
        assert_eq!(g.evaluate(&w("a"), Mode::Phrase), None);
        assert_eq!(g.evaluate(&w("thousand nine hundred"), Mode::Phrase), Some(1900.0));
        // "units" (the default): only 1..9 are multiplied
        let units = grammar(EN, &[]);
        assert_eq!(units.evaluate(&w("fifteen hundred"), Mode::Phrase), None);
        assert_eq!(units.evaluate(&w("fifteen hundred"), Mode::Text), Some(1500.0));
        // running text: no article, no bare scale, no phrase-only words
        let mut out = Vec::new();
        assert!(!g.split("a", None, false, Mode::Text, &mut out));
        assert_eq!(g.evaluate(&w("thousand nine"), Mode::Text), None);
    }

    #[test]
    fn spoken_decimals() {
        let g = grammar(EN, &[]);
        let w = |t| words(&g, t, Mode::Phrase);
        assert_eq!(g.evaluate(&w("five point five"), Mode::Phrase), Some(5.5));
        let v = g.evaluate(&w("five point nine one thousand"), Mode::Phrase).unwrap();
        assert!((v - 5910.0).abs() < 1e-9);
        assert_eq!(g.evaluate(&w("point"), Mode::Phrase), None);
    }

    #[test]
    fn language_settings() {
        let fr = grammar(
            "un\tnum=1\ndeux\tnum=2\nsept\tnum=7\ndix\tnum=10\ndouze\tnum=12\nvingt\tnum=20\n\
             cent\tmul=100\tbare\nmille\tscale=1000\tbare\net\tfiller\n",
            &[("tens_and_one", "yes"), ("hundreds", "teens")],
        );
        let w = |t| words(&fr, t, Mode::Phrase);
        let p = |t| fr.evaluate(&w(t), Mode::Phrase);
        assert_eq!(p("dix sept"), Some(17.0));
        assert_eq!(p("dix deux"), None);
        assert_eq!(p("vingt un"), None);
        assert_eq!(p("vingt et un"), Some(21.0));
        assert_eq!(p("un cent"), None);
        assert_eq!(p("un mille"), None);
        assert_eq!(p("cent un mille"), Some(101_000.0));
        assert_eq!(p("dix sept cent"), Some(1700.0));
        assert_eq!(p("vingt deux cent"), None);
        // "mille" stands alone, also in running text; "un mille" is still no number
        let t = |s| fr.evaluate(&words(&fr, s, Mode::Text), Mode::Text);
        assert_eq!(t("mille deux cent vingt"), Some(1220.0));
        assert_eq!(t("mille"), Some(1000.0));
        let de = grammar(
            "eins\tnum=1\tfinal\nein\tnum=1\tarticle\nzwei\tnum=2\nzwanzig\tnum=20\nund\tfiller\n\
             Million\tscale=1000000\n",
            &[("unit_before_tens", "yes")],
        );
        let w = |t| words(&de, t, Mode::Phrase);
        let p = |t| de.evaluate(&w(t), Mode::Phrase);
        assert_eq!(p("zwei und zwanzig"), Some(22.0));
        assert_eq!(p("zwanzig zwei"), None);
        assert_eq!(p("eins und zwanzig"), None);
        assert_eq!(p("ein und zwanzig"), None);
        assert_eq!(p("ein million"), Some(1_000_000.0));
        assert_eq!(p("zwanzig eins"), None);
    }

    #[test]
    fn chinese_places() {
        let zh = grammar(
            "零\tnum=0\n一\tnum=1\n二\tnum=2\n三\tnum=3\n四\tnum=4\n五\tnum=5\n九\tnum=9\n\
             十\tmul=10\n百\tmul=100\n千\tmul=1000\n万\tscale=10000\n卅\tnum=30\n\
             對\tmul=2\tplural\n打\tmul=12\tplural\n",
            &[("elided_unit", "yes")],
        );
        let p = |t: &str| {
            let mut out = Vec::new();
            for c in t.chars() {
                out.push(zh.word(&c.to_string(), false, Mode::Phrase).unwrap());
            }
            zh.evaluate(&out, Mode::Phrase)
        };
        assert_eq!(p("二百零三"), Some(203.0));
        assert_eq!(p("一万零四十"), Some(10_040.0));
        assert_eq!(p("一百零四万"), Some(1_040_000.0));
        assert_eq!(p("千一"), Some(1100.0));
        assert_eq!(p("万九"), Some(19_000.0));
        assert_eq!(p("百二万"), Some(1_200_000.0));
        assert_eq!(p("一千一百"), Some(1100.0));
        assert_eq!(p("三千五百"), Some(3500.0));
        assert_eq!(p("五百卅四"), Some(534.0));
        assert_eq!(p("五對"), Some(10.0));
        assert_eq!(p("五打"), Some(60.0));
        assert_eq!(p("對"), None);
        assert_eq!(p("零"), Some(0.0));
        assert_eq!(p("五零"), None);
    }

    #[test]
    fn digits_in_phrases() {
        let en = Seps::default();
        let de = Seps { group: vec!['.', ' '], decimal: ',' };
        let ru = Seps { group: vec![' '], decimal: ',' };
        assert_eq!(parse_digits_phrase("100k", &en), Some(100_000.0));
        assert_eq!(parse_digits_phrase("1.2M", &en), Some(1_200_000.0));
        assert_eq!(parse_digits_phrase("0.0012G", &en), Some(1_200_000.0));
        assert_eq!(parse_digits_phrase("1,2M", &de), Some(1_200_000.0));
        assert_eq!(parse_digits_phrase("3000К", &ru), Some(3_000_000.0));
        assert_eq!(parse_digits_phrase("1.2М", &ru), Some(1_200_000.0));
        assert_eq!(parse_digits_phrase("1.5", &ru), Some(1.5));
        assert_eq!(parse_digits_phrase("0033", &en), Some(33.0));
        assert_eq!(parse_digits_phrase("3km", &en), None);
        assert_eq!(parse_digits_phrase("k", &en), None);
        // running text keeps the language's own marks only
        assert_eq!(parse_digits_with("1.5", &ru, false), None);
    }

    #[test]
    fn public_parse() {
        assert_eq!(parse("100K", "de"), Some(100_000.0));
        assert_eq!(parse(",0012G", "fr"), Some(1_200_000.0));
        assert_eq!(parse(".0012Г", "ru"), Some(1_200_000.0));
        assert_eq!(parse("zero zero hundred twenty five", "en"), Some(125.0));
        assert_eq!(parse("o eight", "en"), Some(8.0));
        assert_eq!(parse("o", "en"), None);
        assert_eq!(parse("five o", "en"), None);
        assert_eq!(parse("one twenty two", "en"), Some(122.0));
        assert_eq!(parse("two hundred dozens", "en"), Some(2400.0));
        assert_eq!(parse("a dozen of", "en"), Some(12.0));
        assert_eq!(parse("two point two million", "en"), Some(2_200_000.0));
        assert_eq!(parse("forty-five (45)", "en"), Some(45.0));
        assert_eq!(parse("45 (forty six)", "en"), None);
        assert_eq!(parse("sixty hundreds", "en"), Some(6000.0));
        assert_eq!(parse("hundreds", "en"), None);
        assert_eq!(parse("-504", "en"), Some(-504.0));
        assert_eq!(parse("tausendachthundertzweiundfünfzig", "de"), Some(1852.0));
        assert_eq!(parse("ein hundert fünfzehn", "de"), Some(115.0));
        assert_eq!(parse("fünfzignullzwei", "de"), None);
        assert_eq!(parse("sechzighundert", "de"), None);
        assert_eq!(parse("dix neuf cent soixante-treize", "fr"), Some(1973.0));
        assert_eq!(parse("zéro zéro trente quatre vingt", "fr"), None);
        assert_eq!(parse("mille un cent", "fr"), None);
        assert_eq!(parse("4 millones 2 mil 3", "es"), Some(4_002_003.0));
        assert_eq!(parse("treinta y 3", "es"), Some(33.0));
        assert_eq!(parse("uno mil", "es"), None);
        assert_eq!(parse("quince cientos", "es"), None);
        assert_eq!(parse("пятьсот девяноста пять", "ru"), Some(595.0));
        assert_eq!(parse("一个", "zh"), Some(1.0));
        assert_eq!(parse("0个", "zh"), Some(0.0));
        assert_eq!(parse("貳佰零參", "zh"), Some(203.0));
        assert_eq!(parse("一萬零卌", "zh"), Some(10_040.0));
        assert_eq!(parse("一雙", "zh"), Some(2.0));
        assert_eq!(parse("一點五", "zh"), Some(1.5));
        assert_eq!(parse("hai chục", "vi"), Some(20.0));
    }

    #[test]
    fn locales_and_first_numbers() {
        assert_eq!(parse_locale("100,000", "es", Some("es_MX")), Some(100_000.0));
        assert_eq!(parse_locale("1.5", "es", Some("es_MX")), Some(1.5));
        assert_eq!(parse_locale("100,000", "es", Some("es_AR")), Some(100.0));
        assert_eq!(parse_locale("100.000", "es", Some("es_CL")), Some(100_000.0));
        assert_eq!(find_first("3km", "en"), Some(3.0));
        assert_eq!(find_first("100k€", "en"), Some(100_000.0));
        assert_eq!(find_first("10.99$", "en"), Some(10.99));
        assert_eq!(find_first("Lieferung von drei Kisten", "de"), Some(3.0));
        assert_eq!(find_first("nothing", "en"), None);
    }
}
