//! Language detection, cheapest evidence first, on a sample of the text's start:
//!
//! 1. the script: Han or Cyrillic letters;
//! 2. Vietnamese: its letters (ă ơ ư đ, U+1EA0–U+1EF9) and its frequent syllables written
//!    without diacritics (`common` in corpus/lexicons/vi), so that text without diacritics is
//!    recognised too;
//! 3. a vote of frequent function words: each lower-case word of the sample counts for every
//!    language whose `common` list holds it (`corpus/lexicons/<code>/common.tsv`); a clear lead
//!    decides;
//! 4. only when the vote is weak or close: whatlang on the sample, restricted to the enabled
//!    languages other than Vietnamese.
//!
//! What depends only on the enabled languages (the word lists merged into one table, the
//! whatlang allow-list) is built once with the extractor ([`Detector::new`]).

use crate::hash::FastMap;
use crate::lang::{Pack, Script};
use crate::text::{Prepared, TokenClass};

/// Bytes of the text's start that detection looks at.
pub(crate) const SAMPLE_BYTES: usize = 600;
/// Bytes of the text's start that [`has_vietnamese_diacritics`] looks at.
const DIACRITICS_SAMPLE_BYTES: usize = 2048;
/// Fewest function words of one language for the vote to decide.
const MIN_VOTES: u32 = 3;
/// The leader of the vote needs this many times the votes of the runner-up.
const LEAD: u32 = 3;
/// Packs beyond this index take no part in the vote (one bit per pack).
const VOTERS: usize = 64;

/// What detection needs besides the packs, built once for the enabled languages.
pub(crate) struct Detector {
    /// folded word → the packs (bit `i` for pack `i`) whose `common` list holds it
    words: FastMap<Box<str>, u64>,
    han: Option<usize>,
    cyrillic: Option<usize>,
    vi: Option<usize>,
    /// every enabled Latin-script language but Vietnamese has `common` words: a language the
    /// vote cannot see is never out-voted, so an incomplete vote never decides
    vote_complete: bool,
    /// whatlang restricted to the enabled languages but Vietnamese
    whatlang: Option<whatlang::Detector>,
    /// the (first) pack of each whatlang language
    by_whatlang: Vec<(whatlang::Lang, usize)>,
    /// English, else the first pack
    fallback: usize,
}

impl Detector {
    /// Prepares detection among `packs` (the enabled languages, in order).
    pub(crate) fn new(packs: &[Pack]) -> Detector {
        let find = |f: &dyn Fn(&Pack) -> bool| packs.iter().position(f);
        let vi = find(&|pk| pk.code == "vi");
        let mut words: FastMap<Box<str>, u64> = FastMap::default();
        for (i, pk) in packs.iter().enumerate().take(VOTERS) {
            for w in &pk.common {
                *words.entry(w.as_str().into()).or_default() |= 1 << i;
            }
        }
        let vote_complete = packs.iter().enumerate().all(|(i, pk)| {
            pk.script != Script::Latin || Some(i) == vi || (i < VOTERS && !pk.common.is_empty())
        });
        let allow: Vec<whatlang::Lang> = packs
            .iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != vi)
            .filter_map(|(_, pk)| pk.whatlang)
            .collect();
        let mut by_whatlang: Vec<(whatlang::Lang, usize)> = Vec::new();
        for (i, pk) in packs.iter().enumerate() {
            if let Some(l) = pk.whatlang
                && !by_whatlang.iter().any(|&(m, _)| m == l)
            {
                by_whatlang.push((l, i));
            }
        }
        Detector {
            words,
            han: find(&|pk| pk.script == Script::Han),
            cyrillic: find(&|pk| pk.script == Script::Cyrillic),
            vi,
            vote_complete,
            whatlang: (!allow.is_empty()).then(|| whatlang::Detector::with_allowlist(allow)),
            by_whatlang,
            fallback: find(&|pk| pk.code == "en").unwrap_or(0),
        }
    }
}

/// The evidence that chose the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// Only one language is enabled.
    Only,
    /// Han or Cyrillic letters.
    Script,
    /// Vietnamese letters or syllables.
    Vietnamese,
    /// The vote of function words.
    Vote,
    /// whatlang, the vote being weak or close.
    Whatlang,
    /// Nothing decided: the leader of a weak vote, else English, else the first language.
    Fallback,
}

/// Chooses the pack for a text among `packs` (all enabled).
#[inline(never)]
pub(crate) fn detect(p: &Prepared<'_>, det: &Detector, packs: &[Pack]) -> usize {
    decide(p, det, packs).0
}

/// Chooses the pack for a text, with the evidence that chose it.
pub(crate) fn decide(p: &Prepared<'_>, det: &Detector, packs: &[Pack]) -> (usize, Evidence) {
    if packs.len() <= 1 {
        return (0, Evidence::Only);
    }
    let sample = prefix(&p.norm, SAMPLE_BYTES);
    let cut = sample.len();
    let n = Letters::count(sample);
    if n.letters > 0 && n.han * 5 >= n.letters {
        if let Some(i) = det.han {
            return (i, Evidence::Script);
        }
    }
    if n.letters > 0 && n.cyrillic * 3 >= n.letters {
        if let Some(i) = det.cyrillic {
            return (i, Evidence::Script);
        }
    }
    // one pass over the lower-case words of the sample (capitalised words may be names, and
    // the names of a translated article are Vietnamese): Vietnamese syllables and the vote
    let mut words = 0u32;
    let mut votes = [0u32; VOTERS];
    for (i, t) in p.tokens.iter().enumerate() {
        if t.start as usize >= cut {
            break;
        }
        if t.class == TokenClass::Word && !t.cap {
            words += 1;
            if let Some(&packs_of_word) = det.words.get(p.ftok(i)) {
                let mut mask = packs_of_word;
                while mask != 0 {
                    votes[mask.trailing_zeros() as usize] += 1;
                    mask &= mask - 1;
                }
            }
        }
    }
    // the vote among the languages but Vietnamese: leader and runner-up
    let (mut best, mut best_votes, mut second) = (None, 0u32, 0u32);
    for (i, &v) in votes.iter().enumerate().take(packs.len()) {
        if Some(i) == det.vi {
            continue;
        }
        if v > best_votes {
            second = best_votes;
            (best, best_votes) = (Some(i), v);
        } else if v > second {
            second = v;
        }
    }
    let clear_lead = best_votes >= MIN_VOTES && best_votes >= LEAD * second;
    if let Some(vi) = det.vi {
        // share of frequent Vietnamese syllables among the words; with Vietnamese letters, a
        // lower share suffices (a French text quoting "Lạng Sơn" has the letters, not the
        // words), unless another language leads the vote with more function words than the
        // text has Vietnamese syllables (a German text quoting "xã", "huyện", "Ủy ban nhân
        // dân"). Folded Vietnamese syllables are often words of other languages (tổ chức,
        // có thể, sự: to, the, su), so a mere majority of them is no evidence against it.
        let common = votes.get(vi).copied().unwrap_or(0);
        let letters_say_vi = n.letters > 0 && n.viet * 40 >= n.letters;
        let share = common * 10 >= words * 4 || (letters_say_vi && common * 4 >= words);
        if words >= 3 && share && !(clear_lead && best_votes > common) {
            return (vi, Evidence::Vietnamese);
        }
        if words < 3 && letters_say_vi {
            return (vi, Evidence::Vietnamese);
        }
    }
    if let Some(b) = best
        && det.vote_complete
        && clear_lead
    {
        return (b, Evidence::Vote);
    }
    // the vote is weak or close: whatlang chooses among the other languages
    if let Some(lang) = det.whatlang.as_ref().and_then(|w| w.detect_lang(sample))
        && let Some(&(_, i)) = det.by_whatlang.iter().find(|&&(l, _)| l == lang)
    {
        return (i, Evidence::Whatlang);
    }
    match best {
        Some(b) if best_votes > second => (b, Evidence::Fallback),
        _ => (det.fallback, Evidence::Fallback),
    }
}

/// A cheap guess of the pack [`detect`] chooses for `text`, to put texts of one language
/// next to one another before they are extracted (which detects again, on the prepared
/// text). It reads the raw start of the text, not a prepared one: the script, Vietnamese
/// letters, then a vote of the lower-case ASCII words that are `common` words of a
/// language (Vietnamese syllables included). It agrees with [`detect`] on most texts; where
/// it does not, a text is merely extracted out of its language's run.
pub(crate) fn guess(text: &str, det: &Detector, packs: &[Pack]) -> usize {
    if packs.len() <= 1 {
        return 0;
    }
    // the script shows in the first few dozen letters
    let n = Letters::count(prefix(text, GUESS_SCRIPT_BYTES));
    if n.letters > 0 {
        if let Some(i) = det.han.filter(|_| n.han * 5 >= n.letters) {
            return i;
        }
        if let Some(i) = det.cyrillic.filter(|_| n.cyrillic * 3 >= n.letters) {
            return i;
        }
    }
    // the vote of the words that are ASCII letters and digits only and start in lower case
    let b = prefix(text, GUESS_VOTE_BYTES).as_bytes();
    let is_word_byte = |c: u8| c.is_ascii_alphanumeric() || !c.is_ascii();
    let mut votes = [0u32; VOTERS];
    let mut i = 0;
    while i < b.len() {
        if !is_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_word_byte(b[i]) {
            i += 1;
        }
        let word = &b[start..i];
        if word[0].is_ascii_lowercase()
            && word.is_ascii()
            && let Some(&mask) = std::str::from_utf8(word).ok().and_then(|w| det.words.get(w))
        {
            let mut mask = mask;
            while mask != 0 {
                votes[mask.trailing_zeros() as usize] += 1;
                mask &= mask - 1;
            }
        }
    }
    // Vietnamese letters win unless another language has more votes than Vietnamese
    // syllables (a translation quoting Vietnamese names); else the most votes
    let mut best = (0, det.fallback);
    for (i, &v) in votes.iter().enumerate().take(packs.len()) {
        if Some(i) != det.vi && v > best.0 {
            best = (v, i);
        }
    }
    if let Some(vi) = det.vi {
        let letters_say_vi = n.letters > 0 && n.viet * 12 >= n.letters;
        if votes[vi] >= best.0 && (letters_say_vi || votes[vi] > 0) {
            return vi;
        }
    }
    best.1
}

/// Bytes of the text's start where [`guess`] counts letters.
const GUESS_SCRIPT_BYTES: usize = 200;
/// Bytes of the text's start whose words [`guess`] counts.
const GUESS_VOTE_BYTES: usize = 300;

/// Whether a Vietnamese text is written with diacritics (judged on its start).
#[inline(never)]
pub(crate) fn has_vietnamese_diacritics(p: &Prepared<'_>) -> bool {
    let sample = prefix(&p.norm, DIACRITICS_SAMPLE_BYTES);
    // a sample of k bytes has at most k letters: k / 40 Vietnamese letters settle it
    let n = Letters::count_until(sample, sample.len().div_ceil(40) as u32);
    n.letters > 0 && n.viet * 40 >= n.letters
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// Letters of a text (`char::is_alphabetic`), and those of the scripts detection looks for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Letters {
    letters: u32,
    han: u32,
    cyrillic: u32,
    /// letters that occur in Vietnamese and (almost) nowhere else
    viet: u32,
}

/// What a character counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    None,
    Letter,
    Han,
    Cyrillic,
    Viet,
}

impl Letters {
    /// Counts the letters of `s` byte by byte: ASCII by a range check, other characters
    /// decoded and classified by the ranges of the scripts met in news text, with the
    /// Unicode tables only for rare characters.
    fn count(s: &str) -> Letters {
        Letters::count_until(s, u32::MAX)
    }

    /// Like [`Letters::count`], stopping early once `viet` Vietnamese letters are found.
    #[inline]
    fn count_until(s: &str, viet: u32) -> Letters {
        let b = s.as_bytes();
        let mut n = Letters::default();
        let mut i = 0;
        while i < b.len() {
            // the ASCII bytes of the next eight at once, up to the first other byte
            if let Some(chunk) = b.get(i..i + 8) {
                let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                let high = w & HIGH;
                if high == 0 {
                    n.letters += ascii_letters(w, !0);
                    i += 8;
                    continue;
                }
                // bytes are little-endian: the low bytes come first in the text
                let ascii = high.trailing_zeros() / 8;
                n.letters += ascii_letters(w, (1u64 << (8 * ascii)) - 1);
                i += ascii as usize;
            }
            let x = b[i];
            if x < 0x80 {
                n.letters += u32::from((x | 0x20).wrapping_sub(b'a') < 26);
                i += 1;
                continue;
            }
            // the lead byte alone tells the commonest letters of Cyrillic and Han
            if matches!(x, 0xD0 | 0xD1) {
                // U+0400–U+047F
                (n.letters, n.cyrillic) = (n.letters + 1, n.cyrillic + 1);
                i += 2;
                continue;
            }
            if matches!(x, 0xE5..=0xE9) {
                // U+5000–U+9FFF
                (n.letters, n.han) = (n.letters + 1, n.han + 1);
                i += 3;
                continue;
            }
            // `s` is valid UTF-8 and `i` a character start: the lead byte gives the length
            let cp = if x < 0xE0 {
                i += 2;
                (u32::from(x & 0x1F) << 6) | u32::from(b[i - 1] & 0x3F)
            } else if x < 0xF0 {
                i += 3;
                (u32::from(x & 0x0F) << 12)
                    | (u32::from(b[i - 2] & 0x3F) << 6)
                    | u32::from(b[i - 1] & 0x3F)
            } else {
                i += 4;
                (u32::from(x & 0x07) << 18)
                    | (u32::from(b[i - 3] & 0x3F) << 12)
                    | (u32::from(b[i - 2] & 0x3F) << 6)
                    | u32::from(b[i - 1] & 0x3F)
            };
            match classify(cp) {
                Class::None => {}
                Class::Letter => n.letters += 1,
                Class::Han => (n.letters, n.han) = (n.letters + 1, n.han + 1),
                Class::Cyrillic => (n.letters, n.cyrillic) = (n.letters + 1, n.cyrillic + 1),
                Class::Viet => {
                    (n.letters, n.viet) = (n.letters + 1, n.viet + 1);
                    if n.viet >= viet {
                        break;
                    }
                }
            }
        }
        n
    }
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The ASCII letters among the bytes of `w` that `keep` selects (`0xFF` bytes), counted in
/// one register: lower-cased by setting bit 5, a byte is a letter if it is at least `a` and
/// not above `z`. A byte below 0x80 never carries into the next one; the bytes from the first
/// one at or above 0x80 on must not be kept.
#[inline]
fn ascii_letters(w: u64, keep: u64) -> u32 {
    let l = w | (ONES * 0x20);
    let from_a = l.wrapping_add(ONES * (0x80 - u64::from(b'a')));
    let past_z = l.wrapping_add(ONES * (0x80 - u64::from(b'z') - 1));
    let letters = (from_a & !past_z & HIGH & keep) >> 7;
    // the sum of the eight bytes (each 0 or 1) gathers in the top byte
    (letters.wrapping_mul(ONES) >> 56) as u32
}

/// The class of a non-ASCII code point: ranges for the common cases, [`classify_slow`] for the
/// rest (the same answer, checked for every code point by a test).
#[inline]
fn classify(cp: u32) -> Class {
    match cp {
        // Latin-1 punctuation and symbols; ª µ º are letters
        0x80..=0xBF => {
            if matches!(cp, 0xAA | 0xB5 | 0xBA) {
                Class::Letter
            } else {
                Class::None
            }
        }
        0xD7 | 0xF7 => Class::None,
        // ă Ă đ Đ ơ Ơ ư Ư
        0x102 | 0x103 | 0x110 | 0x111 | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 => Class::Viet,
        // Latin-1 letters, Latin Extended-A and -B
        0xC0..=0x24F => Class::Letter,
        // Cyrillic but the sign ҂ and the combining marks U+0483–U+0489
        0x400..=0x481 | 0x48A..=0x4FF => Class::Cyrillic,
        // Latin Extended Additional: Vietnamese letters with two diacritics or a dot below
        0x1EA0..=0x1EF9 => Class::Viet,
        0x1E00..=0x1E9F | 0x1EFA..=0x1EFF => Class::Letter,
        // general punctuation (dashes, quotes, spaces), CJK and full-width punctuation
        0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020 | 0xFF00..=0xFF20 => Class::None,
        // CJK unified ideographs and extension A (no unassigned code points)
        0x3400..=0x4DBF | 0x4E00..=0x9FFF => Class::Han,
        _ => classify_slow(cp),
    }
}

/// The class of a code point by the Unicode tables.
#[cold]
fn classify_slow(cp: u32) -> Class {
    let Some(c) = char::from_u32(cp) else { return Class::None };
    if !c.is_alphabetic() {
        Class::None
    } else if crate::text::is_han(c) {
        Class::Han
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        Class::Cyrillic
    } else if matches!(c, 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}')
    {
        Class::Viet
    } else {
        Class::Letter
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    /// Every built-in language, in the order of `Extractor::new`.
    static PACKS: LazyLock<Vec<Pack>> = LazyLock::new(|| packs(&[]));

    fn packs(only: &[&str]) -> Vec<Pack> {
        let sources = crate::lang::builtin_sources();
        let mut codes: Vec<&String> = sources
            .iter()
            .filter(|(code, s)| {
                s.meta.contains_key("name") && (only.is_empty() || only.contains(&code.as_str()))
            })
            .map(|(code, _)| code)
            .collect();
        codes.sort();
        codes.iter().map(|c| Pack::build(&sources[*c], &sources, &[]).unwrap()).collect()
    }

    fn run(packs: &[Pack], text: &str) -> (String, Evidence) {
        let det = Detector::new(packs);
        let (i, ev) = decide(&Prepared::new(text), &det, packs);
        (packs[i].code.clone(), ev)
    }

    fn lang(text: &str) -> (String, Evidence) {
        run(&PACKS, text)
    }

    #[track_caller]
    fn check(text: &str, code: &str, evidence: Evidence) {
        assert_eq!(lang(text), (code.to_string(), evidence), "{text}");
    }

    #[test]
    fn short_sentences_by_their_function_words() {
        use Evidence::Vote;
        check(
            "Der Vorsitzende des Volkskomitees hat am Montag die neuen Straßen der Gemeinde \
             besichtigt und mit den Bewohnern gesprochen.",
            "de",
            Vote,
        );
        check("Im Bezirk wurden die Schulen nach dem Sturm wieder geöffnet.", "de", Vote);
        check(
            "The chairman of the provincial committee said that the new roads will be \
             finished before the rainy season.",
            "en",
            Vote,
        );
        check("Officials from the district said the bridge has been repaired.", "en", Vote);
        check(
            "Le président du comité populaire a visité les nouvelles routes et il a \
             rencontré les habitants dans la commune.",
            "fr",
            Vote,
        );
        check("Les écoles du district sont fermées depuis lundi après les crues.", "fr", Vote);
        check(
            "El presidente del comité visitó las nuevas carreteras con los vecinos para \
             conocer sus problemas.",
            "es",
            Vote,
        );
        check("Las escuelas del distrito fueron cerradas por las lluvias.", "es", Vote);
    }

    /// What [`guess`] and [`decide`] give `text`.
    fn guess_and_detection(text: &str) -> (String, String) {
        let det = Detector::new(&PACKS);
        let guessed = &PACKS[guess(text, &det, &PACKS)].code;
        (guessed.clone(), lang(text).0)
    }

    #[test]
    fn the_guess_agrees_with_detection_on_plain_texts() {
        for text in [
            "Der Vorsitzende des Volkskomitees hat am Montag die neuen Straßen der Gemeinde \
             besichtigt und mit den Bewohnern gesprochen.",
            "The chairman of the provincial committee said that the new roads will be \
             finished before the rainy season.",
            "Le président du comité populaire a visité les nouvelles routes de la commune et \
             a rencontré les habitants.",
            "El presidente del comité popular visitó las nuevas carreteras de la comuna y \
             habló con los vecinos.",
            "Председатель народного комитета провинции посетил новые дороги в коммуне.",
            "省人民委员会主席视察了新建的道路，并与居民座谈。",
            "Chủ tịch Ủy ban nhân dân tỉnh đã kiểm tra các tuyến đường mới và làm việc với \
             người dân.",
            "Chu tich Uy ban nhan dan tinh da kiem tra cac tuyen duong moi va lam viec voi \
             nguoi dan.",
            // Vietnamese names in a German text: few of its letters are Vietnamese ones
            "Genosse Nguyễn Văn Thắng, Sekretär des Parteikomitees der Provinz Lạng Sơn, \
             besuchte mit Genossin Hoàng Thị Hạnh und Genosse Đỗ Văn Đức die Gemeinden \
             Đồng Đăng, Tân Thanh und Hữu Lũng im Bezirk Văn Lãng.",
        ] {
            let (guessed, detected) = guess_and_detection(text);
            assert_eq!(guessed, detected, "{text}");
        }
    }

    #[test]
    fn scripts_decide_first() {
        check(
            "Председатель народного комитета провинции посетил новые дороги в коммуне.",
            "ru",
            Evidence::Script,
        );
        check("省人民委员会主席视察了新建的道路，并与居民座谈。", "zh", Evidence::Script);
        check("谅山省 Lạng Sơn 人民委员会召开会议。", "zh", Evidence::Script);
    }

    #[test]
    fn vietnamese_with_and_without_diacritics() {
        use Evidence::Vietnamese;
        check(
            "Chủ tịch Ủy ban nhân dân tỉnh đã kiểm tra các tuyến đường mới và làm việc với \
             người dân.",
            "vi",
            Vietnamese,
        );
        check(
            "Chu tich Uy ban nhan dan tinh da kiem tra cac tuyen duong moi va lam viec voi \
             nguoi dan.",
            "vi",
            Vietnamese,
        );
        check("Ủy ban nhân dân xã Đồng Đăng", "vi", Vietnamese);
        // folded syllables that are English or Spanish function words (tổ: to, thể: the, sự: su)
        check("tổ chức để có thể giải quyết sự cố", "vi", Vietnamese);
        check("to chuc de co the giai quyet su co", "vi", Vietnamese);
        check("xa thieu giao vien, duong giao thong xuong cap", "vi", Vietnamese);
    }

    #[test]
    fn vietnamese_names_do_not_make_a_text_vietnamese() {
        check(
            "Genosse Nguyễn Văn Thắng, Sekretär des Parteikomitees der Provinz Lạng Sơn, \
             besuchte mit Genossin Hoàng Thị Hạnh und Genosse Đỗ Văn Đức die Gemeinden \
             Đồng Đăng, Tân Thanh und Hữu Lũng im Bezirk Văn Lãng; in Lạng Sơn wurden \
             die Ergebnisse der Đổi Mới gelobt.",
            "de",
            Evidence::Vote,
        );
        check(
            "Le camarade Nguyễn Văn Thắng, secrétaire du comité provincial de Lạng Sơn, a \
             visité avec Hoàng Thị Hạnh les communes Đồng Đăng, Tân Thanh et Hữu Lũng où \
             il a rencontré les habitants.",
            "fr",
            Evidence::Vote,
        );
        // lower-case Vietnamese words quoted in a German text: the German words outnumber them
        check(
            "Die Gemeinde (xã) und der Bezirk (huyện) sind in Lạng Sơn nach der Reform mit \
             dem Ủy ban nhân dân verbunden, wie die Behörden sagen.",
            "de",
            Evidence::Vote,
        );
    }

    #[test]
    fn a_weak_vote_leaves_the_choice_to_whatlang() {
        // one function word only: whatlang decides
        check(
            "Heavy rains caused landslides, flooding several mountainous communes; local \
             authorities evacuated hundreds of families",
            "en",
            Evidence::Whatlang,
        );
        // as many German as English function words: a close vote
        check(
            "Hochwasser: the Bezirk und the Gemeinden, Straßen, Brücken und Häuser \
             überflutet, Schulen geschlossen",
            "de",
            Evidence::Whatlang,
        );
    }

    #[test]
    fn an_incomplete_vote_never_decides() {
        // a Latin-script pack without function words (a language added without them) is
        // never out-voted: whatlang decides
        let mut packs = packs(&["de", "en"]);
        packs[1].common.clear();
        assert_eq!(
            run(&packs, "Officials from the district said the bridge has been repaired."),
            ("en".to_string(), Evidence::Whatlang)
        );
        assert_eq!(
            run(&packs, "Im Bezirk wurden die Schulen nach dem Sturm wieder geöffnet."),
            ("de".to_string(), Evidence::Whatlang)
        );
    }

    #[test]
    fn one_language_needs_no_detection() {
        let packs = packs(&["vi"]);
        assert_eq!(run(&packs, "The committee met."), ("vi".to_string(), Evidence::Only));
    }

    #[test]
    fn empty_and_wordless_texts_fall_back() {
        assert_eq!(lang("").0, "en");
        assert_eq!(lang("12 345 — 67").0, "en");
    }

    #[test]
    fn diacritics_are_judged_on_the_start() {
        let yes = Prepared::new("Ủy ban nhân dân xã Đồng Đăng họp với các thôn.");
        assert!(has_vietnamese_diacritics(&yes));
        // diacritics throughout a long text (the scan stops early)
        let long = "Ủy ban nhân dân xã họp với các thôn về kế hoạch năm tới. ".repeat(100);
        assert!(has_vietnamese_diacritics(&Prepared::new(&long)));
        // a few letters with diacritics in a text without: the share decides
        let few = format!("{}Đồng Đăng", "uy ban nhan dan xa hop voi cac thon ".repeat(10));
        assert!(!has_vietnamese_diacritics(&Prepared::new(&few)));
        let many = format!("{}Ủy ban Đồng Đăng", "uy ban nhan dan xa ".repeat(3));
        assert!(has_vietnamese_diacritics(&Prepared::new(&many)));
        let no = Prepared::new("Uy ban nhan dan xa Dong Dang hop voi cac thon.");
        assert!(!has_vietnamese_diacritics(&no));
        // a heading with diacritics above a long text without them
        let text = format!(
            "Lạng Sơn: Đồng Đăng\n\n{}",
            "uy ban nhan dan xa hop voi cac thon. ".repeat(60)
        );
        assert!(!has_vietnamese_diacritics(&Prepared::new(&text)));
    }

    #[test]
    fn the_fast_classification_agrees_with_the_unicode_tables() {
        for cp in 0x80..=0x10FFFF {
            assert_eq!(classify(cp), classify_slow(cp), "U+{cp:04X}");
            let Some(c) = char::from_u32(cp) else { continue };
            let mut want = Letters::default();
            match classify_slow(cp) {
                Class::None => {}
                Class::Letter => want.letters = 1,
                Class::Han => (want.letters, want.han) = (1, 1),
                Class::Cyrillic => (want.letters, want.cyrillic) = (1, 1),
                Class::Viet => (want.letters, want.viet) = (1, 1),
            }
            assert_eq!(Letters::count(c.encode_utf8(&mut [0; 4])), want, "U+{cp:04X}");
        }
    }

    #[test]
    fn ascii_letters_are_counted_eight_at_a_time() {
        for c in 0u8..0x80 {
            for pos in 0..8 {
                let mut bytes = *b"0-9 !?[{";
                bytes[pos] = c;
                let want = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() as u32;
                assert_eq!(ascii_letters(u64::from_le_bytes(bytes), !0), want, "{c:#x} at {pos}");
            }
        }
        assert_eq!(ascii_letters(u64::from_le_bytes(*b"AbCdzZaA"), !0), 8);
        assert_eq!(ascii_letters(u64::from_le_bytes(*b"AbCdzZaA"), 0xFF_FFFF), 3);
        assert_eq!(ascii_letters(u64::from_le_bytes(*b"@[`{@[`{"), !0), 0);
        // bytes from 0x80 on after the kept ones carry into nothing that is kept
        for k in 0..8 {
            let mut bytes = [0xFFu8; 8];
            bytes[..k].copy_from_slice(&b"zZaAzZaA"[..k]);
            assert_eq!(ascii_letters(u64::from_le_bytes(bytes), (1u64 << (8 * k)) - 1), k as u32);
        }
    }

    #[test]
    fn letters_are_counted_as_by_is_alphabetic() {
        let s = "Lạng Sơn – «Đồng» 谅山 Лангшон ½ ª 〇 、 𠀀 e\u{301} 12";
        let want = s.chars().filter(|c| c.is_alphabetic()).count() as u32;
        let n = Letters::count(s);
        assert_eq!(n.letters, want);
        assert_eq!((n.han, n.cyrillic, n.viet), (4, 7, 4));
        // every prefix (ASCII runs of every length before and after other characters)
        let s = format!("{s} The committee met, Z@[`{{ and 4 communes; Đồng Đăng.");
        for (end, _) in s.char_indices() {
            let want = s[..end].chars().filter(|c| c.is_alphabetic()).count() as u32;
            assert_eq!(Letters::count(&s[..end]).letters, want, "{:?}", &s[..end]);
        }
    }
}
