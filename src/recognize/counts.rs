//! Counts: a number (digits with the language's separators, or number words), an optional
//! qualifier before it, and the counted noun phrase after it. Dates, years, ordinals,
//! identifiers, ranges, percentages, money, measures and durations are not counts.

use std::borrow::Cow;

use super::{Claim, Context, HitIndex, NUMBER_WORD, Scan};
use crate::document::{Entity, EntityKind, Number, Qualifier};
use crate::lang::Script;
use crate::lexicon::{Tag, kind};
use crate::numbers::{Mode, Seps, Word, parse_digits_phrase, tidy};
use crate::text::TokenClass;

/// A number read from the tokens: its value and the tokens `start..end` it spans.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberSpan {
    pub value: f64,
    pub start: usize,
    pub end: usize,
    /// written with digits (not words)
    pub digits: bool,
    /// ends with a scale word ("2,6 millions", "6 тыс.")
    pub scaled: bool,
}

/// Room for the words of the numbers read (kept from one number to the next).
#[derive(Default)]
pub(crate) struct NumberWords {
    words: Vec<Word>,
    /// per word: read from an ambiguous folded form
    weak: Vec<bool>,
    /// per word: the token after it
    ends: Vec<usize>,
}

/// Reads the number starting at token `i`, if any (`room`: for its words).
pub(crate) fn read_number(sc: &Scan<'_>, i: usize, room: &mut NumberWords) -> Option<NumberSpan> {
    let NumberWords { words, weak, ends } = room;
    words.clear();
    weak.clear();
    ends.clear();
    let p = sc.p();
    let n = sc.n();
    let t = p.tokens.get(i)?;
    let g = &sc.ctx.pack.numbers;
    if t.class == TokenClass::Digits {
        // join "6 600" when a space groups digits in this language
        let (text, mut end) = digit_run(sc, i, sc.ctx.pack.group_seps.contains(&' '));
        let mut value = g.parse_digits(&text)?;
        // a decimal or whole number with a scale word: "2.6 million", "3 万", "1,8 Millionen"
        let mut k = end;
        while k < n && words.len() < 2 {
            words.clear();
            // (a scale word is a lexicon hit: no lookup where none starts)
            if !sc.has_kind(k, kind::SCALE) || !word_values(sc, k, words) {
                break;
            }
            if let [Word::Scale(s, _)] = words.as_slice() {
                value *= s;
                k += 1;
                // abbreviated scale words: "6 тыс. человек", "3 Mio. Menschen"
                if k < n
                    && sc.is_punct(k, ".")
                    && !p.tokens[k].space_before
                    && k + 1 < n
                    && sc.is_word(k + 1)
                    && !p.tokens[k + 1].cap
                {
                    k += 1;
                }
            } else {
                break;
            }
        }
        if k > end {
            end = k;
        } else if value.fract() != 0.0 {
            return None;
        }
        return Some(NumberSpan { value, start: i, end, digits: true, scaled: end > i + 1 });
    }
    // only where the lexicon automaton saw a number word
    if !sc.has_kind(i, kind::NUM | kind::MUL | kind::SCALE) {
        return None;
    }
    // number words; a capitalised one inside a sentence is a name ("Ba Chẽ", "Tam Thanh")
    if t.cap
        && i > 0
        && !sc.is_sentence_end(i - 1)
        && !sc.line_break_after(i - 1)
        && !sc.is_punct(i - 1, "\"“„«(-–—:")
        && !sc.ctx.pack.nouns_capitalized
    {
        return None;
    }
    // Vietnamese written without diacritics: many number words are also other words
    // (nam: năm/Nam, muoi: mười/mươi/muối, tram: trăm/trạm, ba: ba/bà)
    let ascii_vi = !sc.ctx.strict && g.has_weak();
    let mut k = i;
    while k < n {
        let tk = &p.tokens[k];
        if tk.class == TokenClass::Punct {
            // hyphens inside number words: twenty-one, quatre-vingt-dix
            if p.tok(k) == "-"
                && !tk.space_before
                && k + 1 < n
                && !p.tokens[k + 1].space_before
                && !words.is_empty()
            {
                k += 1;
                continue;
            }
            break;
        }
        if tk.class == TokenClass::Digits {
            break;
        }
        let before = words.len();
        // a syllable of a longer term is no number word there (hai in "hai dao", hải đảo)
        if ascii_vi && in_longer_term(sc, k) {
            break;
        }
        // (number words are lexicon hits: no lookup where none starts)
        if sc.has_kind(k, NUMBER_WORD) && word_values(sc, k, words) {
            weak.resize(words.len(), false);
        } else {
            // the folded form of a word written with diacritics (tram: trăm), lower case
            // after the first word
            let word = g.weak_word(p.ftok(k), k == i);
            match word.filter(|_| ascii_vi && tk.class == TokenClass::Word) {
                // an inner word after other number words is no other word ("muoi lam": lăm)
                Some((w, inner)) if k == i || !tk.cap => {
                    words.push(w);
                    weak.push(!inner);
                }
                _ => break,
            }
        }
        for _ in before..words.len() {
            ends.push(k + 1);
        }
        k += 1;
        if sc.ctx.pack.script == Script::Han {
            continue;
        }
    }
    if words.is_empty() {
        return None;
    }
    // "数百名群众", "几千户" (hundreds, thousands of): no number
    if sc.ctx.pack.script == Script::Han
        && i > 0
        && matches!(p.tok(i - 1), "数" | "數" | "几" | "幾")
        && matches!(words[0], Word::Mul(..) | Word::Scale(..))
    {
        return None;
    }
    // "逾万名群众", "上万户", "近万人": a scale word alone after a word of quantity is one of it
    if sc.ctx.pack.script == Script::Han
        && i > 0
        && HAN_ROUND.contains(&p.tok(i - 1))
        && let Word::Scale(s, _) = words[0]
    {
        // (上 is no qualifier of the lexicon: it belongs to the number)
        let start = if p.tok(i - 1) == "上" { i - 1 } else { i };
        return Some(NumberSpan { value: s, start, end: ends[0], digits: false, scaled: true });
    }
    let (mut value, mut used) = g.evaluate_prefix(words, Mode::Text)?;
    // without diacritics, a number of one word, or ending in an ambiguous word, needs its
    // counted noun right after it ("sau xa", but not "sau khi"; "hai muoi nam xa", but
    // "hai muoi" in "hai muoi nam qua" = hai mươi năm, twenty years)
    while ascii_vi && (used == 1 || weak[used - 1]) && !counted_noun_at(sc, ends[used - 1]) {
        if used == 1 {
            return None;
        }
        (value, used) = g.evaluate_prefix(&words[..used - 1], Mode::Text)?;
    }
    let end = ends[used - 1];
    let scaled = matches!(words[used - 1], Word::Scale(..));
    Some(NumberSpan { value, start: i, end, digits: false, scaled })
}

/// Is token `k` inside a lexicon term of several words other than a number (hải đảo, trạm
/// biến áp, bà con, công chức)? Only asked in Vietnamese written without diacritics.
fn in_longer_term(sc: &Scan<'_>, k: usize) -> bool {
    // the kinds of the tags below that make no longer term
    const NOT_TERM: u32 = NUMBER_WORD | kind::QUAL | kind::COMMON;
    (k.saturating_sub(4)..=k).any(|s| {
        sc.has_kind(s, !NOT_TERM)
            && sc.hits_at(s).iter().any(|h| {
                h.tok_end as usize > k
                    && h.tok_end - h.tok >= 2
                    && !matches!(
                        sc.entry(h).tag,
                        Tag::Num(_)
                            | Tag::Mul(_)
                            | Tag::Scale(_)
                            | Tag::Filler
                            | Tag::Point
                            | Tag::Qual(_)
                            | Tag::Common
                    )
            })
    })
}

/// Does a word that makes a number no count start at token `j`, and no longer counted noun
/// ("giay" is giây, a second, but "giay chung nhan" is giấy chứng nhận, certificates)?
fn noncount_at(sc: &Scan<'_>, j: usize) -> bool {
    sc.longest_of(j, kind::NONCOUNT).is_some_and(|h| {
        !sc.has_kind(j, kind::NOUN)
            || sc.longest_from(j, |t| matches!(t, Tag::Noun)).is_none_or(|m| m.fend <= h.fend)
    })
}

/// Does a lexicon noun start at token `j` that is longer than every non-count word starting
/// there ("期培训班": a course, not 期, a period)?
fn noun_over_noncount(sc: &Scan<'_>, j: usize) -> bool {
    sc.has_kind(j, kind::NOUN)
        && sc.longest_from(j, |t| matches!(t, Tag::Noun)).is_some_and(|m| {
            sc.hits_at(j)
                .iter()
                .filter(|h| matches!(sc.entry(h).tag, Tag::NonCount))
                .all(|h| h.fend < m.fend)
        })
}

/// Does a counted noun (a `noun`, a unit word or a classifier) start at token `j`? A word
/// that is also a number word counts only as part of a longer noun ("sau bon thang": bốn
/// tháng, not six bon villages; "hai tram y te").
fn counted_noun_at(sc: &Scan<'_>, j: usize) -> bool {
    let number = sc.has_kind(j, kind::NUM | kind::MUL | kind::SCALE);
    sc.has_kind(j, kind::NOUN | kind::UNIT | kind::CLASSIFIER)
        && sc.hits_from(j).any(|h| {
            matches!(sc.entry(h).tag, Tag::Noun | Tag::Unit(_) | Tag::Classifier)
                && sc.ends_token(h)
                && (!number || h.tok_end as usize > j + 1)
        })
}

/// The number words of token `k` (appended to `out`); false if it is not made of them.
fn word_values(sc: &Scan<'_>, k: usize, out: &mut Vec<Word>) -> bool {
    let p = sc.p();
    let t = &p.tokens[k];
    if t.class != TokenClass::Word && t.class != TokenClass::Han {
        return false;
    }
    let g = &sc.ctx.pack.numbers;
    let tok = p.tok(k);
    if sc.ctx.pack.script == Script::Han {
        // every character of a Han run is one number word
        let start = out.len();
        for c in tok.chars() {
            let mut buf = [0u8; 4];
            match g.word(c.encode_utf8(&mut buf), false, Mode::Text) {
                Some(w) => out.push(w),
                None => {
                    out.truncate(start);
                    return false;
                }
            }
        }
        return true;
    }
    split_token(sc, k, Mode::Text, out)
}

/// [`NumberGrammar::split`](crate::numbers::NumberGrammar::split) of token `k`, lower-cased,
/// with its folded text (the fold of the lower-cased text but for ẞ and Σ, which lower case
/// changes otherwise: see the tests), without allocating for tokens of up to 64 bytes, and
/// without lower-casing a word whose folded text no number word has.
fn split_token(sc: &Scan<'_>, k: usize, mode: Mode, out: &mut Vec<Word>) -> bool {
    let p = sc.p();
    let (tok, folded) = (p.tok(k), p.ftok(k));
    let g = &sc.ctx.pack.numbers;
    if tok.is_ascii() {
        // ASCII folds to its lower case
        if !g.may_be_word(folded) {
            return g.split_compound(folded.len(), folded, mode, out);
        }
        return g.split(folded, Some(folded), sc.ctx.strict, mode, out);
    }
    let exact_fold = !tok.contains(['ẞ', 'Σ']);
    let word = !exact_fold || g.may_be_word(folded);
    if !word && !g.has_compounds() {
        return false;
    }
    let mut buf = [0u8; 64];
    let owned;
    let lower = match lowercase_in(tok, &mut buf) {
        Some(l) => l,
        None => {
            owned = tok.to_lowercase();
            owned.as_str()
        }
    };
    if !word {
        return g.split_compound(lower.len(), folded, mode, out);
    }
    g.split(lower, exact_fold.then_some(folded), sc.ctx.strict, mode, out)
}

/// `s.to_lowercase()` written into `buf`; None if it does not fit or has a Σ (whose lower
/// case depends on its place in the word).
fn lowercase_in<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut len = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c == 'σ' || len + c.len_utf8() > buf.len() {
            return None;
        }
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// The digits of token `i`, joined with the next tokens where a space groups digits
/// ("6 600"): the text and the token after it.
fn digit_run<'a>(sc: &Scan<'a>, i: usize, space_groups: bool) -> (Cow<'a, str>, usize) {
    let p = sc.p();
    let n = sc.n();
    let mut end = i + 1;
    let mut text = Cow::Borrowed(p.tok(i));
    while space_groups
        && end < n
        && p.tokens[end].class == TokenClass::Digits
        && p.tok(end).len() == 3
        && p.tokens[end].space_before
        && {
            let gap = &p.norm[p.tokens[end - 1].end as usize..p.tokens[end].start as usize];
            gap.chars().count() == 1 && !gap.contains('\n')
        }
        && text.len() <= 3 + 4 * (end - i - 1)
    {
        let text = text.to_mut();
        text.push(' ');
        text.push_str(p.tok(end));
        end += 1;
    }
    (text, end)
}

/// A number read as a phrase from token `start` (the public `numbers::parse` and
/// `numbers::find_first`): digits with separators `seps` and multiplier letters ("100k"),
/// number words, and both mixed ("4 millones 2 mil 3", "trente 3"). Returns the value, the
/// token after the number and whether it ends with a multiplier or scale word. `first`:
/// digits may end in a glued unit ("3km" → 3).
fn read_phrase(
    sc: &Scan<'_>,
    start: usize,
    seps: &Seps,
    first: bool,
) -> Option<(f64, usize, bool)> {
    let p = sc.p();
    let n = sc.n();
    let g = &sc.ctx.pack.numbers;
    let mut words: Vec<Word> = Vec::new();
    let mut ends: Vec<usize> = Vec::new(); // token end after each word
    let mut k = start;
    'tokens: while k < n {
        let t = &p.tokens[k];
        let before = words.len();
        let glued_next = k + 1 < n && !p.tokens[k + 1].space_before;
        match t.class {
            TokenClass::Punct => {
                let s = p.tok(k);
                // hyphens inside number words: twenty-one, quatre-vingt-dix
                if s == "-"
                    && !words.is_empty()
                    && !t.space_before
                    && glued_next
                    && sc.is_word(k + 1)
                {
                    k += 1;
                    continue;
                }
                // a decimal without integer part: ".77", ",0012G"
                let mark = s.parse::<char>().ok();
                if words.is_empty()
                    && glued_next
                    && p.tokens[k + 1].class == TokenClass::Digits
                    && (mark == Some(seps.decimal)
                        || (mark == Some('.') && !seps.group.contains(&'.')))
                {
                    let v = parse_digits_phrase(&format!("0{s}{}", p.tok(k + 1)), seps)?;
                    words.push(Word::Num(v));
                    ends.push(k + 2);
                    k += 2;
                    continue;
                }
                break;
            }
            TokenClass::Digits => {
                let (text, end) = digit_run(sc, k, seps.group.contains(&' '));
                match parse_digits_phrase(&text, seps) {
                    Some(v) => {
                        // digits after a spoken decimal mark: "point 77", "零點77"
                        if words.last() == Some(&Word::Point)
                            && text.chars().all(|c| c.is_ascii_digit())
                        {
                            words.pop();
                            ends.pop();
                            words.push(Word::Frac(format!("0.{text}").parse().ok()?));
                        } else {
                            words.push(Word::Num(v));
                        }
                        ends.push(end);
                        k = end;
                        continue;
                    }
                    None if first => {
                        // the digits before a glued unit: "3km"
                        let head: String = text
                            .chars()
                            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                            .collect();
                        let v = parse_digits_phrase(head.trim_end_matches(['.', ',']), seps)?;
                        words.push(Word::Num(v));
                        ends.push(k + 1);
                        break;
                    }
                    None => break,
                }
            }
            TokenClass::Word => {
                if !split_token(sc, k, Mode::Phrase, &mut words) {
                    break;
                }
            }
            TokenClass::Han => {
                for c in p.tok(k).chars() {
                    let mut buf = [0u8; 4];
                    match g.word(c.encode_utf8(&mut buf), false, Mode::Phrase) {
                        Some(w) => words.push(w),
                        None => {
                            words.truncate(before);
                            break 'tokens;
                        }
                    }
                }
            }
        }
        for _ in before..words.len() {
            ends.push(k + 1);
        }
        k += 1;
    }
    let mut len = words.len();
    while len > 0 {
        let (v, used) = g.evaluate_prefix(&words[..len], Mode::Phrase)?;
        if used == len || ends[used - 1] != ends[used] {
            let multiplied = matches!(words[used - 1], Word::Scale(..) | Word::Mul(..));
            return Some((tidy(v), ends[used - 1], multiplied));
        }
        // the number ends inside a compound ("fünfzig|null|zwei"): keep whole tokens only
        let cut = ends[used - 1];
        len = ends.iter().position(|&e| e == cut).unwrap_or(0);
    }
    None
}

/// Parses a whole phrase as one number (the public `numbers::parse`), with digit
/// conventions `seps`. Besides the number it allows a sign before it ("-504"), a
/// classifier after it (一个, 3個), "of" after a multiplier ("a dozen of") and the same
/// number again in parentheses ("forty-five (45)").
pub(crate) fn parse_whole(ctx: &Context<'_>, seps: &Seps) -> Option<f64> {
    let index = HitIndex::new_pub(ctx);
    let sc = Scan { ctx, index: &index };
    let n = sc.n();
    let negative = n > 1 && sc.is_punct(0, "-\u{2212}");
    let (v, mut e, multiplied) = read_phrase(&sc, usize::from(negative), seps, false)?;
    // a classifier (一个, 3個) or "of" after a multiplier ("a dozen of")
    if (e < n && ctx.pack.script == Script::Han && is_classifier(&sc, e))
        || (multiplied && e + 1 == n && sc.is_word(e) && sc.is_stop(e))
    {
        e += 1;
    }
    if e + 2 < n && sc.is_punct(e, "(") {
        if let Some((again, e2, _)) = read_phrase(&sc, e + 1, seps, false) {
            if again == v && e2 + 1 == n && sc.is_punct(e2, ")") {
                e = n;
            }
        }
    }
    (e == n).then_some(if negative { -v } else { v })
}

/// The first number in a text (the public `numbers::find_first`): "3km" → 3, "100k€" → 100 000.
pub(crate) fn find_first(ctx: &Context<'_>, seps: &Seps) -> Option<f64> {
    let index = HitIndex::new_pub(ctx);
    let sc = Scan { ctx, index: &index };
    (0..sc.n()).find_map(|i| read_phrase(&sc, i, seps, true).map(|(v, _, _)| v))
}

/// Is token `k` a classifier (个, 個)?
fn is_classifier(sc: &Scan<'_>, k: usize) -> bool {
    sc.has_kind(k, kind::CLASSIFIER)
        && sc
            .hits_at(k)
            .iter()
            .any(|h| matches!(sc.entry(h).tag, Tag::Classifier) && h.tok_end as usize == k + 1)
}

impl HitIndex {
    pub(crate) fn new_pub(ctx: &Context<'_>) -> HitIndex {
        HitIndex::new(ctx)
    }
}

/// The token after the longest hit of the kinds `mask` that starts at token `i`.
fn has_tag(sc: &Scan<'_>, i: usize, mask: u32) -> Option<usize> {
    sc.longest_of(i, mask).map(|h| h.tok_end as usize)
}

/// The first token of a hit of the kinds `mask` that ends exactly at token `end` (searching
/// starts up to 4 tokens back).
fn tag_ending_at(sc: &Scan<'_>, end: usize, mask: u32) -> Option<usize> {
    (1..=4).rev().filter(|&l| l <= end).find_map(|l| {
        let s = end - l;
        if !sc.has_kind(s, mask) {
            return None;
        }
        sc.hits_from(s)
            .find(|h| sc.kind_of(h) & mask != 0 && h.tok_end as usize == end && sc.ends_token(h))
            .map(|_| s)
    })
}

/// Vietnamese "trong số" (of, among: "12 trong số 40 máy tính"), two words that no lexicon
/// tag of one token can mark: does it start at token `j`?
fn of_phrase_at(sc: &Scan<'_>, j: usize) -> bool {
    let p = sc.p();
    j + 2 < sc.n()
        && sc.ctx.pack.script == Script::Latin
        && p.ftok(j) == "trong"
        && p.ftok(j + 1) == "so"
        && p.tokens[j + 2].class == TokenClass::Digits
}

/// Does an identifier marker end at token `end`, not as the tail of a longer lexicon word
/// ("số 12" is an id, "tổng số 612 hộ" a count: the total), nor of "trong số" (of)?
fn idmark_ending_at(sc: &Scan<'_>, end: usize) -> bool {
    if end >= 2 && of_phrase_at(sc, end - 2) {
        return false;
    }
    tag_ending_at(sc, end, kind::IDMARK).is_some_and(|s| {
        !(s.saturating_sub(3)..s).any(|t| {
            sc.hits_from(t).any(|h| {
                h.tok_end as usize == end && sc.ends_token(h) && sc.kind_of(h) & kind::IDMARK == 0
            })
        })
    })
}

pub(crate) fn recognize(sc: &Scan<'_>, claims: &[Claim], out: &mut Vec<Entity>) {
    let p = sc.p();
    let n = sc.n();
    let pack = sc.ctx.pack;
    let ordinal_dot = pack.ordinal_dot;
    let nouns_cap = pack.nouns_capitalized;
    let han = pack.script == Script::Han;
    // the last count: (its end token, counted noun span) for numbers whose noun is left out
    let mut last: Option<(usize, usize, usize)> = None;
    let mut room = NumberWords::default();
    let mut i = 0;
    while i < n {
        if claims[i] != Claim::Free {
            i += 1;
            continue;
        }
        // only digits and tokens where the automaton saw a number word start a number
        if p.tokens[i].class != TokenClass::Digits
            && !sc.has_kind(i, kind::NUM | kind::MUL | kind::SCALE)
        {
            i += 1;
            continue;
        }
        // a number word glued to the end of a previous word is not a number (Han excepted)
        let Some(num) = read_number(sc, i, &mut room) else {
            i += 1;
            continue;
        };
        let mut num = num;
        // Han words that start with number characters are no numbers (百姓, 三角洲, 千方百计):
        // a stop word from the number's first character reaches past its end
        // (or a gazetteer name: 二征夫人路, a street named after the Trưng sisters)
        if han
            && sc.has_kind(i, kind::STOP | kind::PLACE)
            && let Some(h) = sc.hits_from(i).find(|h| {
                sc.kind_of(h) & (kind::STOP | kind::PLACE) != 0 && h.tok_end as usize > num.end
            })
        {
            i = h.tok_end as usize;
            continue;
        }
        // "七百九十多万", "1,200余万": more than a number of ten thousands
        let mut qual_inside = None;
        if han && let Some(q) = qualifier_before_scale(sc, &mut num) {
            qual_inside = Some(q);
        }
        let next_i = num.end.max(i + 1);
        // the low end of a range ("三四个小时", "五六公里", "四五百人", "二百五十至三百公里"):
        // the high end, read next, tells what is counted
        if han && qual_inside.is_none() && starts_range_end(sc, num.end) {
            i = next_i;
            continue;
        }
        if !accept(sc, &num, ordinal_dot) {
            // "hơn hai năm": do not read the non-count word itself as a number next
            i = match sc.longest_of(num.end, kind::NONCOUNT) {
                Some(h) => (h.tok_end as usize).max(next_i),
                None => next_i,
            };
            continue;
        }
        // qualifier before
        let mut start = num.start;
        let mut qualifier = qual_inside;
        if let Some(s) = tag_ending_at(sc, num.start, kind::QUAL) {
            if let Some(h) = sc.hits_from(s).find(|h| matches!(sc.entry(h).tag, Tag::Qual(_))) {
                if let Tag::Qual(q) = &sc.entry(h).tag {
                    qualifier = Qualifier::from_id(q);
                    start = s;
                }
            }
        }
        // counted noun phrase
        let mut j = num.end;
        // a qualifier after the number (300多户, 300-odd)
        if let Some(e) = has_tag(sc, j, kind::QUAL) {
            if han || p.tokens[j].space_before {
                if qualifier.is_none() {
                    if let Some(h) =
                        sc.hits_from(j).find(|h| matches!(sc.entry(h).tag, Tag::Qual(_)))
                    {
                        if let Tag::Qual(q) = &sc.entry(h).tag {
                            qualifier = Qualifier::from_id(q);
                        }
                    }
                }
                j = e;
            }
        }
        // "deux millions de personnes", "2 million of them": skip "de/of" after a scale word
        if num.scaled && j + 1 < n && sc.is_stop(j) && sc.is_word(j + 1) && !sc.is_stop(j + 1) {
            j += 1;
        }
        // a unit of measure or time after a qualifier or a classifier: "200多公里", "3个小时"
        let mut after_cl = j;
        if han
            && after_cl < n
            && sc.hits_at(after_cl).iter().any(|h| {
                matches!(sc.entry(h).tag, Tag::Classifier) && h.tok_end as usize == after_cl + 1
            })
        {
            after_cl += 1;
        }
        if after_cl < n && (after_cl > num.end || j > num.end) && noncount_at(sc, after_cl) {
            i = next_i;
            continue;
        }
        let mut noun_start = j;
        let mut noun_end = counted_end(sc, noun_start, nouns_cap, han);
        // "12 trong số 40 máy tính" (12 of the 40 computers): a stop phrase of several words,
        // then a number with its noun, which is the noun of both
        if of_phrase_at(sc, j)
            && let Some(second) = read_number(sc, j + 2, &mut room)
        {
            let e2 = counted_end(sc, second.end, nouns_cap, han);
            if e2 > second.end {
                noun_start = second.end;
                noun_end = e2;
            }
        }
        // "78 von 82 Delegierten", "3 of the 5 communes": the noun of the second number
        if noun_end <= noun_start && j + 1 < n && sc.is_stop(j) {
            let k = if sc.is_stop(j + 1) { j + 2 } else { j + 1 };
            if let Some(second) = read_number(sc, k, &mut room) {
                let e2 = counted_end(sc, second.end, nouns_cap, han);
                if e2 > second.end {
                    noun_start = second.end;
                    noun_end = e2;
                }
            }
        }
        // "逾期档案三千四百零五份", "积压档案近180份": in Chinese the noun may stand before the
        // number when the classifier after it ends the clause, or a scaled number without a
        // classifier ("人口约四百四十万。"); a verb may stand between ("干部共有一千名，")
        let mut span_start = start;
        if han
            && noun_end <= noun_start
            && j < n
            && ((j + 1 < n && is_classifier(sc, j) && p.tokens[j + 1].class == TokenClass::Punct)
                || (num.scaled && p.tokens[j].class == TokenClass::Punct)
                // "人口超过十万的坊": the number modifies what follows 的
                || p.tok(j) == "的")
        {
            let mut b = start;
            while b > 0 && start - b < 2 && sc.is_han(b - 1) && sc.is_stop(b - 1) {
                b -= 1;
            }
            let start = b;
            let mut a = start;
            while a > 0
                && start - a < 8
                && p.tokens[a - 1].class == TokenClass::Han
                && !sc.is_stop(a - 1)
                && !sc.has_kind(a - 1, NUMBER_WORD)
                // (a classifier after a number ends the noun; one after none is part of it:
                // 部 of 干部, 口 of 人口)
                && !(sc.has_kind(a - 1, kind::CLASSIFIER)
                    && a >= 2
                    && (p.tokens[a - 2].class == TokenClass::Digits
                        || sc.has_kind(a - 2, NUMBER_WORD)))
            {
                a -= 1;
            }
            if a + 1 < start {
                noun_start = a;
                noun_end = start;
                span_start = a;
            }
        }
        // "1 850 dossiers, dont 1 120 ont été réglés", "not 1,127 tasks but 1,060": the noun
        // of the previous count in the same sentence
        if noun_end <= noun_start {
            // (not for 一, a count only with its own noun: "一辆已使用十五年的公务车"; not a
            // number closing a name: "le pont Rach Mieu 2", "quartier Ha Giang 1"; not a number
            // after a time word: "sau đợt lũ tháng 10" is a month; nor a number word right
            // before digits: "trước năm 2020" is the year, not five)
            if let Some((end, a, b)) = last
                && (num.digits || num.value != 1.0)
                && !(num.start > 0 && sc.is_name_token(num.start - 1))
                && !(num.start > 0 && noncount_at(sc, num.start - 1))
                // (nor a number word that is also a time word: "so với năm trước", last year)
                && (num.digits || !noncount_at(sc, num.start))
                && !(!num.digits && num.end < n && p.tokens[num.end].class == TokenClass::Digits)
                && num.start > end
                && num.start - end <= 12
                && !(end..num.start).any(|k| sc.is_sentence_end(k))
                // (a line break right after the previous noun ends its sentence too: a headline)
                && !(end - 1..num.start).any(|k| sc.line_break_after(k))
            {
                noun_start = a;
                noun_end = b;
            } else {
                i = next_i;
                continue;
            }
        }
        let counted = sc.text(noun_start, noun_end);
        let span_end = if noun_start >= num.end {
            noun_end
        } else if span_start < start {
            // (the classifier after the number ends the mention)
            if is_classifier(sc, j) { j + 1 } else { num.end }
        } else {
            num.end
        };
        last = Some((span_end, noun_start, noun_end));
        let mut e = Entity::new(EntityKind::Count, sc.span(span_start, span_end));
        e.value = Some(Number::from_f64(num.value));
        e.qualifier = Some(qualifier);
        e.counted = Some(counted.to_string());
        out.push(e);
        i = next_i;
    }
}

/// Is this number a count candidate (not an identifier, date, year, range, ordinal, percentage...)?
fn accept(sc: &Scan<'_>, num: &NumberSpan, ordinal_dot: bool) -> bool {
    let p = sc.p();
    let n = sc.n();
    let (a, b) = (num.start, num.end);
    // value 1 in words is mostly an article ("ein", "một", "one month"); in Chinese 一 before a
    // classifier is a count ("只有一名干部"); Russian has no articles: один is the number
    // ("один служебный автомобиль"; without a noun after it, "один из", it counts nothing)
    if !num.digits
        && num.value <= 1.0
        && !(num.value == 1.0
            && sc.ctx.pack.script == Script::Han
            && b < n
            && is_classifier(sc, b)
            && !(a > 0 && HAN_NOT_ONE.contains(&p.tok(a - 1))))
        && !(num.value == 1.0 && sc.ctx.pack.script == Script::Cyrillic)
    {
        return false;
    }
    if num.value < 0.0 || num.value.fract() != 0.0 {
        return false;
    }
    // glued to punctuation that makes it an identifier, a date, a range or a ratio
    let glued = |k: usize| !p.tokens[k].space_before;
    if b < n && glued(b) && sc.is_punct(b, "/-–—:%‰") {
        return false;
    }
    if b < n && sc.is_punct(b, "%‰％") {
        return false;
    }
    // Han tenths are a share, not a count: 八成居民 (80 % of the residents), 三成档案
    if sc.ctx.pack.script == Script::Han && b < n && p.tok(b) == "成" {
        return false;
    }
    if a > 0 && glued(a) && sc.is_punct(a - 1, "/-–—:#№") {
        return false;
    }
    if a > 0 && sc.is_punct(a - 1, "#№$€£¥") {
        return false;
    }
    // German ordinals and dates: "4. August", "1. Juli"
    if ordinal_dot && b < n && sc.is_punct(b, ".") && glued(b) && b + 1 < n && sc.is_word(b + 1) {
        return false;
    }
    // an identifier marker before: "Nr. 1", "Resolution 57", "số 1" (across a period only
    // before digits: in "the plan. Three hundred plots" the period ends a sentence)
    let mut k = a;
    if num.digits && k > 0 && sc.is_punct(k - 1, ".") {
        k -= 1;
    }
    if idmark_ending_at(sc, k) || (k != a && idmark_ending_at(sc, a)) {
        return false;
    }
    // a non-count word right before (currency: "VND 12 billion") or after (months, units)
    if let Some(s) = tag_ending_at(sc, a, kind::NONCOUNT) {
        if sc
            .hits_from(s)
            .any(|h| matches!(sc.entry(h).tag, Tag::NonCount) && sc.entry(h).options.before)
        {
            return false;
        }
    }
    if b < n && noncount_at(sc, b) {
        return false;
    }
    if b < n
        && !p.tokens[b].space_before
        && sc.has_kind(b, kind::NONCOUNT)
        && sc.hits_at(b).iter().any(|h| matches!(sc.entry(h).tag, Tag::NonCount))
        && !noun_over_noncount(sc, b)
    {
        return false;
    }
    // a telephone number or a code: three digits or more with a leading zero ("0208", but
    // "04 máy tính" is four), or one of several groups of digits in a row that make no number
    // together ("0208 3855 123", "1900 1234")
    if num.digits {
        let t = p.tok(a);
        if t.len() > 2 && t.starts_with('0') && t.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let spaced = |k: usize| {
            let gap = &p.norm[p.tokens[k - 1].end as usize..p.tokens[k].start as usize];
            !gap.is_empty() && gap.chars().all(|c| c.is_whitespace() && c != '\n')
        };
        if (b < n && p.tokens[b].class == TokenClass::Digits && spaced(b))
            || (a > 0 && p.tokens[a - 1].class == TokenClass::Digits && spaced(a))
        {
            return false;
        }
    }
    // a date written with a preposition: "30 de junio", "le 1er de mai" (a number, a stop
    // word, then a month or another non-count word); and the first of two numbers joined by a
    // word before one: "les 4 et 5 décembre", "du 10 au 15 mai", "3 or 4 km"
    if sc.ctx.pack.script != Script::Han && b + 1 < n && sc.is_word(b) {
        let joined = sc.is_stop(b) || sc.conj_len(b) == Some(1);
        if joined && noncount_at(sc, b + 1) {
            return false;
        }
        if joined
            && b + 2 < n
            && p.tokens[b + 1].class == TokenClass::Digits
            && noncount_at(sc, b + 2)
        {
            return false;
        }
    }
    // years: four digits from 1900 to 2100 without group separators; not after a count
    // qualifier ("почти 2000 домохозяйств", "hơn 2000 hộ", "nearly 2000 people"), nor in Chinese
    // before a classifier, 户 or 人 ("2000户", "2000个村": a year takes 年)
    if num.digits && b == a + 1 {
        let t = p.tok(a);
        // (the noun right after it: "in about 2010 the commune" is a year)
        let noun_after = b < n
            && if sc.ctx.pack.script == Script::Han {
                p.tokens[b].class == TokenClass::Han
            } else {
                sc.is_word(b) && !sc.is_stop(b) && !p.tokens[b].cap
            };
        let counted = noun_after
            && (tag_ending_at(sc, a, kind::QUAL).is_some()
                || (sc.ctx.pack.script == Script::Han
                    && (is_classifier(sc, b) || matches!(p.tok(b), "户" | "戶" | "人"))));
        if t.len() == 4 && (1900.0..=2100.0).contains(&num.value) && !counted {
            return false;
        }
    }
    true
}

/// Han characters that make 一 before them "every", "which", "same" or "another", not a
/// count (每一条意见, 哪一级机关, 同一个, 另一名).
const HAN_NOT_ONE: &[&str] = &["每", "哪", "同", "另"];

/// Han words after which a scale word alone is one of it: 逾万 (over ten thousand), 上万 (up
/// to ten thousand), 近万 (nearly), 约万, 超万, 过万.
const HAN_ROUND: &[&str] = &["逾", "上", "近", "约", "超", "过", "過"];

/// Han words that join the two ends of a range ("二百五十至三百公里", "5到10个").
const HAN_RANGE: &[&str] = &["至", "到", "~", "～"];

/// Does the high end of a range start at token `j`, right after a number (Han): another
/// number word of zero to nine ("三四个", "四五百"; or the next digit of a year written digit
/// by digit, 二〇二五年), or a range word and a number?
fn starts_range_end(sc: &Scan<'_>, j: usize) -> bool {
    let p = sc.p();
    let n = sc.n();
    let number_at = |k: usize| {
        k < n
            && (p.tokens[k].class == TokenClass::Digits
                || (p.tokens[k].class == TokenClass::Han && sc.has_kind(k, NUMBER_WORD)))
    };
    if j >= n {
        return false;
    }
    if p.tokens[j].class == TokenClass::Han && sc.has_kind(j, kind::NUM) {
        let c = p.tok(j);
        return sc
            .ctx
            .pack
            .numbers
            .word(c, false, Mode::Text)
            .is_some_and(|w| matches!(w, Word::Num(v) if (0.0..=9.0).contains(&v)));
    }
    HAN_RANGE.contains(&p.tok(j)) && number_at(j + 1)
}

/// "七百九十多万": a qualifier of one token (多, 余) between the number and a scale word; the
/// number then takes the scale and ends after it, and the qualifier is returned.
fn qualifier_before_scale(sc: &Scan<'_>, num: &mut NumberSpan) -> Option<Qualifier> {
    let j = num.end;
    if j + 1 >= sc.n() || num.scaled || !sc.has_kind(j + 1, kind::SCALE) {
        return None;
    }
    let q = sc.hits_from(j).find_map(|h| match &sc.entry(h).tag {
        Tag::Qual(q) if h.tok_end as usize == j + 1 => Qualifier::from_id(q),
        _ => None,
    })?;
    let mut words = Vec::new();
    if !word_values(sc, j + 1, &mut words) {
        return None;
    }
    let [Word::Scale(s, _)] = words.as_slice() else { return None };
    num.value *= s;
    num.end = j + 2;
    num.scaled = true;
    Some(q)
}

/// End (exclusive) of the counted noun phrase starting at token `j`.
fn counted_end(sc: &Scan<'_>, j: usize, nouns_cap: bool, han: bool) -> usize {
    let p = sc.p();
    let n = sc.n();
    if j >= n {
        return j;
    }
    if han {
        // classifier, then the noun: up to 10 Han characters, across one "的"
        let mut k = j;
        let mut chars = 0;
        let mut de = false;
        let first = p.tokens[k].class == TokenClass::Han
            && sc.hits_at(k).iter().any(|h| matches!(sc.entry(h).tag, Tag::Classifier));
        if first {
            k += 1;
        }
        let mut end = k;
        let mut joined = false;
        loop {
            // type words listed before the noun: "四百名坊、乡干部", "126个乡、坊公安所" (not a
            // next count: "51个坊、75个乡")
            if k + 2 < n
                && chars > 0
                && chars <= 2
                && sc.is_punct(k, "、")
                && (k - chars..k).all(|m| sc.has_kind(m, kind::UNIT))
                && sc.has_kind(k + 1, kind::UNIT)
                && p.tokens[k + 2].class == TokenClass::Han
            {
                k += 1;
                continue;
            }
            if !(k < n && p.tokens[k].class == TokenClass::Han && chars < 10) {
                break;
            }
            if p.tok(k) == "的" && !de && chars > 0 {
                de = true;
                k += 1;
                continue;
            }
            // "十万的坊": 的 right after the number, no noun after it
            if p.tok(k) == "的" && chars == 0 {
                break;
            }
            // right after the number, a conjunction or a stop word that starts a longer word is
            // a syllable of the noun: "两名兼职人员" (兼 of 兼职, part-time), "三百件在线投诉"
            // (在 of 在线, online)
            if chars == 0
                && sc.has_kind(k, kind::CONJ | kind::STOP)
                && k + 1 < n
                && p.tokens[k + 1].class == TokenClass::Han
                && !sc.is_stop(k + 1)
                && !sc.has_kind(k + 1, NUMBER_WORD)
                && (sc.has_kind(k, kind::CONJ)
                    || sc.hits_from(k).any(|h| {
                        sc.kind_of(h) & (kind::STOP | NUMBER_WORD) == 0
                            && h.tok_end as usize > k + 1
                    }))
            {
                chars += 1;
                k += 1;
                end = k;
                continue;
            }
            if sc.has_kind(k, kind::CONJ) {
                // coordinated modifiers of one noun, once: "80名信息技术和土地干部" (not before
                // another number or a stop word: "51个坊和75个乡")
                match sc.conj_len(k) {
                    Some(len)
                        if !joined
                            && chars > 0
                            && k + len < n
                            && p.tokens[k + len].class == TokenClass::Han
                            && !sc.is_stop(k + len)
                            && !sc.has_kind(k + len, NUMBER_WORD | kind::CONJ) =>
                    {
                        joined = true;
                        k += len;
                        continue;
                    }
                    _ => break,
                }
            }
            if sc.is_stop(k) {
                // words of the kind of unit right before a type word: "12个偏远村",
                // "3个海岛乡" (they are stop words: no place names)
                let mut m = k;
                while m < n && m - k < 6 && sc.is_stop(m) {
                    m += 1;
                }
                if chars == 0 && m < n && sc.has_kind(m, kind::UNIT) {
                    chars += m - k;
                    k = m;
                    continue;
                }
                // right after a classifier, a clause that modifies the noun up to 的: "一艘已使用
                // 二十年的公务船" (a boat used for twenty years), read across to the noun
                if chars == 0
                    && first
                    && !de
                    && let Some(d) = (k + 1..(k + 10).min(n))
                        .take_while(|&m| {
                            p.tokens[m].class == TokenClass::Han
                                || p.tokens[m].class == TokenClass::Digits
                        })
                        .find(|&m| p.tok(m) == "的")
                    && d + 1 < n
                    && p.tokens[d + 1].class == TokenClass::Han
                    && !sc.is_stop(d + 1)
                {
                    de = true;
                    chars += d - k;
                    k = d + 1;
                    continue;
                }
                break;
            }
            chars += 1;
            k += 1;
            end = k;
        }
        return if chars == 0 { j } else { end };
    }
    // (an acronym before a noun is no name and no stop word: "two IT officers")
    let acronym = |k: usize| {
        let t = p.tok(k);
        t.len() >= 2
            && t.bytes().all(|c| c.is_ascii_uppercase())
            && k + 1 < n
            && sc.is_word(k + 1)
            && !p.tokens[k + 1].cap
    };
    let first = &p.tokens[j];
    if first.class != TokenClass::Word || (sc.is_stop(j) && !acronym(j)) || sc.conj_len(j).is_some()
    {
        return j;
    }
    if noncount_at(sc, j) {
        return j;
    }
    if nouns_cap {
        // up to the first capitalised noun (adjectives before it), then "zu/der X" once
        let mut k = j;
        while k < n && k - j < 4 && sc.is_word(k) && !p.tokens[k].cap && !sc.is_stop(k) {
            k += 1;
        }
        if k < n && sc.is_word(k) && p.tokens[k].cap {
            let mut end = k + 1;
            // hyphenated compounds: "Verwaltungs-Akten"
            while end + 1 < n
                && sc.is_punct(end, "-")
                && !p.tokens[end].space_before
                && sc.is_word(end + 1)
            {
                end += 2;
            }
            // complement: "zu Verwaltungsverfahren", "der Provinz"
            if end + 1 < n
                && sc.is_word(end)
                && sc.is_stop(end)
                && sc.conj_len(end).is_none()
                && sc.is_word(end + 1)
                && p.tokens[end + 1].cap
                && p.tokens[end + 1].space_before
            {
                end += 2;
            }
            return end;
        }
        return j;
    }
    // other languages: up to 4 words (hyphen-joined count as one), no stop words, no names;
    // a capitalised word right after the number is a name ("ba Dương Thị ...": Mrs, not 3)
    if first.cap
        && !(j > 0 && sc.is_sentence_end(j - 1))
        && sc.ctx.pack.script == Script::Latin
        && !acronym(j)
    {
        return j;
    }
    // a counted noun of the lexicon is read whole ("giay chung nhan": chung is also chúng)
    let (mut k, mut words) = match sc.longest_from(j, |t| matches!(t, Tag::Noun)) {
        Some(h) if sc.has_kind(j, kind::NOUN) => (h.tok_end as usize, h.tok_end as usize - j),
        _ => (j, 0),
    };
    while k < n && words < 4 {
        let t = &p.tokens[k];
        if t.class == TokenClass::Punct
            && p.tok(k) == "-"
            && !t.space_before
            && k + 1 < n
            && sc.is_word(k + 1)
        {
            k += 2;
            continue;
        }
        // "212 temporary and dilapidated houses": coordinated modifiers
        if let Some(len) = sc.conj_len(k).filter(|_| words > 0 && words < 3) {
            // (not before the next number: "sau xa va bon phuong")
            if k + len < n
                && sc.is_word(k + len)
                && !p.tokens[k + len].cap
                && !sc.is_stop(k + len)
                && !sc.has_kind(k + len, kind::NUM | kind::MUL | kind::SCALE)
            {
                k += len;
                continue;
            }
        }
        if t.class != TokenClass::Word
            || (sc.is_stop(k) && !(k == j && acronym(k)))
            || sc.conj_len(k).is_some()
        {
            break;
        }
        if words > 0 && t.cap && sc.ctx.pack.script != Script::Cyrillic {
            break;
        }
        if words > 0 && sc.longest_of(k, kind::QUAL | kind::NONCOUNT).is_some() {
            break;
        }
        words += 1;
        k += 1;
    }
    k
}
