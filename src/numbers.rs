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
use std::sync::LazyLock;

use crate::lexicon::{Entry, Tag};
use crate::text::fold_str;

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Word {
    /// A value added to the current group (one, twenty, doscientos).
    Num(f64),
    /// Multiplies the last value added (hundred, trăm, 百, mươi).
    Mul(f64),
    /// Closes a group and multiplies it (thousand, million, nghìn, 万).
    Scale(f64),
    /// Joins parts (und, and, et, y, linh, 零).
    Filler,
}

/// The number words of one language and its digit conventions.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumberGrammar {
    /// lower-cased surface (with diacritics) → word
    exact: HashMap<String, Word>,
    /// folded surface → word
    folded: HashMap<String, Word>,
    /// longest folded word, in chars (for compound splitting)
    max_len: usize,
    /// split compounds written as one word (German)
    compounds: bool,
    /// French vigesimal forms (quatre-vingt, soixante-dix)
    vigesimal: bool,
    /// digit group separators and decimal mark
    group: Vec<char>,
    decimal: char,
}

impl NumberGrammar {
    pub fn from_entries(entries: &[Entry], meta: &HashMap<String, String>) -> NumberGrammar {
        let mut g = NumberGrammar {
            compounds: meta.get("compounds").is_some_and(|v| v == "yes"),
            vigesimal: meta.get("vigesimal").is_some_and(|v| v == "yes"),
            group: meta
                .get("group")
                .map(|g| {
                    g.replace("space", " \u{a0}\u{202f}\u{2009}").chars().collect::<Vec<char>>()
                })
                .unwrap_or_else(|| vec![',']),
            decimal: meta.get("decimal").and_then(|d| d.chars().next()).unwrap_or('.'),
            ..Default::default()
        };
        for e in entries {
            let w = match e.tag {
                Tag::Num(v) => Word::Num(v),
                Tag::Mul(v) => Word::Mul(v),
                Tag::Scale(v) => Word::Scale(v),
                Tag::Filler => Word::Filler,
                _ => continue,
            };
            g.exact.insert(e.lower.clone(), w);
            // strict entries (Vietnamese năm, sáu, tỷ) never match by their folded form
            if !e.options.strict || e.lower == e.folded {
                g.folded.insert(e.folded.clone(), w);
            }
            g.max_len = g.max_len.max(e.folded.chars().count());
        }
        g
    }

    /// Looks up one word (lower-cased; `strict`: diacritics must match).
    pub fn word(&self, lower: &str, strict: bool) -> Option<Word> {
        if let Some(w) = self.exact.get(lower) {
            return Some(*w);
        }
        if strict {
            return None;
        }
        self.folded.get(&fold_str(lower)).copied()
    }

    /// Splits one token into number words: itself, or (for compounding languages) a
    /// sequence of parts covering it ("achtundzwanzig" → acht, und, zwanzig).
    pub fn split(&self, lower: &str, strict: bool, out: &mut Vec<Word>) -> bool {
        if let Some(w) = self.word(lower, strict) {
            out.push(w);
            return true;
        }
        if !self.compounds || lower.len() < 4 {
            return false;
        }
        let folded = fold_str(lower);
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let n = chars.len();
        // best[i]: parts covering folded[..i], fewest parts
        let mut best: Vec<Option<Vec<Word>>> = vec![None; n + 1];
        best[0] = Some(Vec::new());
        for i in 0..n {
            let Some(prefix) = best[i].clone() else { continue };
            let start = chars[i].0;
            for len in 1..=self.max_len.min(n - i) {
                let end = if i + len == n { folded.len() } else { chars[i + len].0 };
                if let Some(w) = self.folded.get(&folded[start..end]) {
                    let mut v = prefix.clone();
                    v.push(*w);
                    let better = match &best[i + len] {
                        None => true,
                        Some(b) => v.len() < b.len(),
                    };
                    if better {
                        best[i + len] = Some(v);
                    }
                }
            }
        }
        match best[n].take() {
            Some(parts) if !parts.is_empty() => {
                out.extend(parts);
                true
            }
            _ => false,
        }
    }

    /// The value of a sequence of number words, if it is one well-formed number.
    pub fn evaluate(&self, words: &[Word]) -> Option<f64> {
        let (v, used) = self.evaluate_prefix(words)?;
        (used == words.len()).then_some(v)
    }

    /// The value of the longest well-formed prefix of `words`, and its length.
    pub fn evaluate_prefix(&self, words: &[Word]) -> Option<(f64, usize)> {
        let mut total = 0.0f64;
        let mut section = 0.0f64;
        let mut last: Option<f64> = None;
        let mut last_scale = f64::INFINITY;
        let mut after_filler = false;
        let mut best: Option<(f64, usize)> = None;
        let mut any = false;
        let mut zero_alone = false;
        let mut skip_next = false;
        for (i, w) in words.iter().enumerate() {
            if skip_next {
                skip_next = false;
                continue;
            }
            match *w {
                Word::Num(v) => {
                    if zero_alone {
                        break;
                    }
                    if v == 0.0 && any {
                        // "không trăm": an empty hundreds place inside a number
                        if let Some(Word::Mul(m)) = words.get(i + 1) {
                            if last.is_none_or(|l| l >= *m * 10.0 || section == 0.0) {
                                last = Some(*m);
                                skip_next = true;
                                after_filler = false;
                                continue;
                            }
                        }
                        break;
                    }
                    if let Some(l) = last {
                        let place = place_of(l);
                        let ok = v < place
                            || (after_filler && l < 10.0 && v >= 20.0 && v < 100.0 && v % 10.0 == 0.0)
                            || (self.vigesimal && l % 20.0 == 0.0 && l >= 60.0 && v < 20.0)
                            || (self.vigesimal && l == 4.0 && v == 20.0);
                        if !ok {
                            break;
                        }
                        if self.vigesimal && l == 4.0 && v == 20.0 {
                            section += 76.0;
                            last = Some(80.0);
                            after_filler = false;
                            any = true;
                            best = Some((total + section, i + 1));
                            continue;
                        }
                        if after_filler && l < 10.0 && v >= 20.0 {
                            // German order: einundzwanzig
                            section += v;
                            last = Some(v + l);
                            after_filler = false;
                            best = Some((total + section, i + 1));
                            continue;
                        }
                    } else if v == 0.0 {
                        if any {
                            break;
                        }
                        zero_alone = true;
                    }
                    section += v;
                    last = Some(v);
                    any = true;
                    after_filler = false;
                    best = Some((total + section, i + 1));
                }
                Word::Mul(m) => {
                    if zero_alone {
                        break;
                    }
                    match last {
                        Some(l) if l < m => {
                            section += l * m - l;
                            last = Some(l * m);
                        }
                        Some(_) => break,
                        None => {
                            if after_filler {
                                break;
                            }
                            section += m;
                            last = Some(m);
                        }
                    }
                    any = true;
                    after_filler = false;
                    best = Some((total + section, i + 1));
                }
                Word::Scale(s) => {
                    if zero_alone || after_filler || !any {
                        // a bare scale word is no number ("tỷ lệ", "Millionen Menschen")
                        break;
                    }
                    if s >= last_scale {
                        // "mil millones", "thousand million", "novecientos mil ... millones":
                        // a larger scale multiplies everything before it
                        if s == last_scale {
                            break;
                        }
                        total = (total + section) * s;
                        section = 0.0;
                        last = None;
                        last_scale = s;
                        best = Some((total, i + 1));
                        continue;
                    }
                    if section == 0.0 {
                        section = 1.0;
                    }
                    total += section * s;
                    section = 0.0;
                    last = None;
                    last_scale = s;
                    any = true;
                    best = Some((total, i + 1));
                }
                Word::Filler => {
                    if !any || after_filler {
                        break;
                    }
                    after_filler = true;
                }
            }
        }
        best
    }

    /// Parses digits written with this language's separators: "6.600", "6 600", "2,5".
    /// Returns None for malformed groups ("6.6" where "." groups thousands).
    pub fn parse_digits(&self, s: &str) -> Option<f64> {
        let s = s.trim();
        if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let (int_part, frac_part) = match s.rfind(self.decimal) {
            Some(i)
                if !self.group.contains(&self.decimal)
                    && s[i + self.decimal.len_utf8()..].chars().all(|c| c.is_ascii_digit())
                    && s.len() > i + 1 =>
            {
                (&s[..i], Some(&s[i + self.decimal.len_utf8()..]))
            }
            _ => (s, None),
        };
        let mut digits = String::new();
        let mut groups = int_part.split(|c: char| self.group.contains(&c));
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
        let mut v: f64 = digits.parse().ok()?;
        if let Some(f) = frac_part {
            let frac: f64 = format!("0.{f}").parse().ok()?;
            v += frac;
        }
        Some(v)
    }
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
/// digits with the language's separators, number words, or digits with a scale word
/// ("2.6 million", "3 万"). Returns `None` when the phrase is not one number, or the
/// language is unknown.
///
/// ```
/// use civic::numbers::parse;
/// assert_eq!(parse("quatre-vingt-dix", "fr"), Some(90.0));
/// assert_eq!(parse("hai mươi mốt", "vi"), Some(21.0));
/// assert_eq!(parse("1,8 million", "fr"), Some(1_800_000.0));
/// assert_eq!(parse("fifty three zero", "en"), None);
/// ```
pub fn parse(text: &str, lang: &str) -> Option<f64> {
    DEFAULT.parse_number(text, lang)
}

/// TEMP
pub fn find_first(text: &str, lang: &str) -> Option<f64> {
    parse(text, lang)
}
