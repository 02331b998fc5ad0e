//! Administrative units: a type word before or after one name or an enumeration of names
//! ("Gemeinde Na Sam", "vier Bezirken: Dong Kinh, Ky Lua, Tam Thanh und Luong Van Tri",
//! "Na Sam, Van Lang and Hoi Hoan communes"), and gazetteer names ("Lạng Sơn").

use super::{Claim, DocumentMemory, Scan};
use crate::document::{Entity, EntityKind, UnitType};
use crate::lexicon::{Tag, kind};
use crate::numbers::Mode;
use crate::text::TokenClass;

const MAX_NAME: usize = 4;

pub(crate) fn recognize(
    sc: &Scan<'_>,
    claims: &mut [Claim],
    memory: &mut DocumentMemory,
    out: &mut Vec<Entity>,
) {
    let n = sc.n();
    // (first token, end token, unit type)
    // (room for the units of most texts, without regrowing)
    let mut found: Vec<(usize, usize, Option<UnitType>)> = Vec::with_capacity(32);
    // the names read after or before one type word
    let mut names = Vec::new();
    let mut i = 0;
    while i < n {
        if !sc.has_kind(i, kind::UNIT) || claims[i] == Claim::Unit {
            i += 1;
            continue;
        }
        let Some(h) = sc.longest_from(i, |t| matches!(t, Tag::Unit(_))) else {
            i += 1;
            continue;
        };
        let entry = sc.entry(h);
        let Tag::Unit(ty) = &entry.tag else { unreachable!() };
        let end = h.tok_end as usize;
        // Han text: a type word that starts a longer stop word or noun is an ordinary word
        // (市 of 同春市场 "market", 乡 of 乡村 "countryside", 社 of 居民社区 "community")
        let ordinary = kind::STOP | kind::NOUN;
        if sc.ctx.pack.script == crate::lang::Script::Han
            && sc.has_kind(i, ordinary)
            && sc.hits_from(i).any(|s| sc.kind_of(s) & ordinary != 0 && s.tok_end as usize > end)
        {
            i += 1;
            continue;
        }
        if entry.options.before && !entry.options.after && inside_term(sc, i, end) {
            i += 1;
            continue;
        }
        // "ehemaliger Bezirk", "former district", "huyện X (cũ)": a unit before the 2025 reform
        let two_types = ty.contains('|');
        let (now, before) = match ty.split_once('|') {
            Some((a, b)) => (a, b),
            None => (ty.as_str(), former_type(ty)),
        };
        let ty = if is_former(sc, i, end) { before } else { now };
        // a type word of two types (a city): the first where the gazetteer knows the name
        // (a province-level city), the second elsewhere (a provincial city, a district)
        let type_of = |known: bool| {
            if !two_types {
                ty
            } else if known {
                now
            } else {
                before
            }
        };
        let mut got = false;
        if entry.options.before {
            let mut j = end;
            let mut plural = entry.options.plural || preceded_by_number(sc, i);
            // "communes: A, B", and after a plural type word a dash: "деревень — Намшон, Пахао"
            if sc.is_punct(j, ":") || (plural && sc.is_punct(j, "—–")) {
                plural = true;
                j += 1;
            } else if plural {
                // "Các xã vùng cao như Lý Bôn, ...", "communes such as A and B", "villages, including A"
                if sc.is_punct(j, ",") && sc.longest_of(j + 1, kind::INTRO).is_some() {
                    j += 1;
                }
                if let Some(k) = (j..(j + 8).min(n)).find(|&k| {
                    sc.longest_of(k, kind::INTRO).is_some()
                        && (j..k).all(|m| {
                            // (another counted type word between starts its own phrase:
                            // "neuf quartiers et une zone spéciale, celle de Ly Son")
                            (sc.is_word(m)
                                && !sc.p().tokens[m].cap
                                && !(sc.has_kind(m, kind::UNIT) && small_number_before(sc, m).is_some()))
                                // "vingt communes prioritaires, dont A et B"
                                || (m + 1 == k && m > j && sc.is_punct(m, ","))
                        })
                }) {
                    let h = sc.longest_from(k, |t| matches!(t, Tag::Intro)).unwrap();
                    j = h.tok_end as usize;
                    if sc.is_punct(j, ":") {
                        j += 1;
                    }
                }
            }
            // "Trưởng thôn Hoàng Văn Bình": a title ending in a unit word, then a person; in
            // Russian, where the names of wards and communes are written as one word
            // (Хоангвантху), also after a body ("председатель народного совета квартала Нгуен
            // Тхи Тхюи")
            let title_mask = if sc.ctx.pack.script == crate::lang::Script::Cyrillic {
                kind::HEAD | kind::BODY
            } else {
                kind::HEAD
            };
            // (also after a body that follows a head: "Chủ tịch UBND xã Lý Văn Thắng cho
            // biết", but not in an apposition to a person named earlier in the sentence, who
            // holds the title: "Ông Ma Văn Hùng, Chủ tịch UBND xã Bế Văn Đàn")
            let after_person = |head: usize| {
                let mut s = head;
                while s > 0
                    && head - s < 20
                    && !sc.is_sentence_end(s - 1)
                    && !sc.line_break_after(s - 1)
                {
                    s -= 1;
                    if sc.is_family(s) && sc.p().tokens[s].cap && sc.name_run(s, 4) >= 2 {
                        return true;
                    }
                }
                false
            };
            let head_body = || {
                sc.covered_by(i - 1, kind::BODY)
                    && (2..=4).any(|d| {
                        i > d
                            && sc.covered_by(i - d, kind::HEAD)
                            && !sc.covered_by(i - d - 1, kind::HEAD)
                            && !(sc.is_punct(i - d - 1, ",") && after_person(i - d))
                    })
            };
            let title_before = i > 0
                && (sc.covered_by(i - 1, title_mask) || head_body())
                && sc.is_family(j)
                // (three or four words: more are a unit's name and a person's)
                && (3..=4).contains(&sc.name_run(j, 5));
            names.clear();
            if sc.ctx.pack.script != crate::lang::Script::Han && !title_before {
                read_forward(sc, claims, j, plural, ty == "province", &mut names);
                // "two special zones, Cat Hai and Bach Long Vi", "une zone spéciale, Hoang
                // Sa": an apposition after a counted type word, when it names as many units
                // (or after a dash: "одна особая зона — Конко")
                if names.is_empty()
                    && sc.is_punct(j, ",—–")
                    && let Some(c) = small_number_before(sc, i)
                {
                    // (after a demonstrative: "une zone spéciale, celle de Ly Son")
                    let k = sc.longest_of(j + 1, kind::INTRO).map_or(j + 1, |h| h.tok_end as usize);
                    read_forward(sc, claims, k, c > 1, ty == "province", &mut names);
                    if names.len() != c {
                        names.clear();
                    }
                }
            }
            for &(a, b) in &names {
                // a city is province-level only when the gazetteer knows its name (former too:
                // "бывшего города Хайфон"); another city ("город Винь", "thành phố Vinh") was a
                // provincial city, a district
                found.push((a, b, UnitType::from_id(type_of(city_spans(sc, a, b)))));
                claims[a..b].iter_mut().for_each(|c| *c = Claim::Unit);
                got = true;
            }
        }
        // "省里", "乡里": "the province (government)", not a named unit
        let han_locative = sc.ctx.pack.script == crate::lang::Script::Han
            && end < n
            && matches!(sc.p().tok(end), "里" | "内" | "级");
        if !got && entry.options.after && i > 0 && !han_locative {
            names.clear();
            let han = sc.ctx.pack.script == crate::lang::Script::Han;
            if han {
                read_backward_han(sc, claims, i, entry.options.plural, now, &mut names);
            } else {
                read_backward(sc, claims, i, entry.options.plural, &mut names);
                // a capitalised word that starts a sentence before a province word, unknown to
                // the gazetteer, is no province's name ("Население провинции превышает ...")
                if now == "province"
                    && let [(a, b)] = names[..]
                    && b == a + 1
                    && (a == 0 || sc.is_sentence_end(a - 1) || sc.line_break_after(a - 1))
                    && place_type(sc, a, b).is_none()
                {
                    names.clear();
                }
                // "Ha Tinh communes race to ...": a province's name alone before a plural word
                // of lower units says whose they are (the gazetteer names it a province)
                if entry.options.plural
                    && now != "province"
                    && let [(a, b)] = names[..]
                    && place_type(sc, a, b).is_some_and(|t| t.starts_with("province"))
                {
                    names.clear();
                }
            }
            for &(a, b) in &names {
                // a city is province-level only where the gazetteer knows its name ("Hai Phong
                // city"), in Han text with 市 (河内市, 岘港市); other cities ("Vinh city",
                // 原芽庄市) were provincial cities, districts
                let known = if han { city_spans(sc, a, end) } else { city_spans(sc, a, b) };
                found.push((a, b, UnitType::from_id(type_of(known))));
                claims[a..b].iter_mut().for_each(|c| *c = Claim::Unit);
                got = true;
            }
        }
        i = if got { end.max(i + 1) } else { i + 1 };
    }
    for &(a, b, ty) in &found {
        let key = sc.ftext(a, b);
        if !memory.unit_types.contains_key(key) {
            memory.unit_types.insert(key.to_string(), ty);
        }
    }
    let memory = &*memory;
    // gazetteer names on free tokens
    for i in 0..n {
        if claims[i] != Claim::Free || !sc.has_kind(i, kind::PLACE) {
            continue;
        }
        let Some(h) = sc.longest_from(i, |t| matches!(t, Tag::Place(_))) else { continue };
        let Tag::Place(ty) = &sc.entry(h).tag else { unreachable!() };
        let end = h.tok_end as usize;
        if claims[i..end].iter().any(|c| *c != Claim::Free) || !sc.p().tokens[i].cap {
            continue;
        }
        // a gazetteer name glued to more name syllables is another name ("Thai Binh Duong")
        if end < n && sc.is_name_token(end) && sc.p().tokens[end].space_before && !sc.is_family(end)
        {
            continue;
        }
        if i > 0
            && sc.p().tokens[i].space_before
            && (sc.is_family(i - 1) || (i > 1 && sc.is_family(i - 2) && sc.is_name_token(i - 1)))
            && !sc.line_break_after(i - 1)
        {
            continue;
        }
        let ty = match memory.unit_types.get(sc.ftext(i, end)) {
            Some(&known) => known,
            // ("province|district": a province, whose city of the same name was a district)
            None => UnitType::from_id(ty.split('|').next().unwrap_or(ty)),
        };
        claims[i..end].iter_mut().for_each(|c| *c = Claim::Unit);
        found.push((i, end, ty));
    }
    // a name written with its number elsewhere in the document is that name again when the
    // number follows it ("xa Son Kim 1 cho biet" after "cac xa Son Kim 1 va Son Kim 2")
    let numbered_name = |name: &str| {
        found.iter().any(|&(a, b, _)| {
            b > a + 1 && sc.p().tokens[b - 1].class == TokenClass::Digits && sc.ftext(a, b) == name
        }) || memory.unit_types.contains_key(name)
    };
    let mut extend = Vec::new();
    for (x, &(a, b, _)) in found.iter().enumerate() {
        if b < n
            && claims[b] == Claim::Free
            && sc.p().tokens[b].class == TokenClass::Digits
            && sc.p().tok(b).len() <= 2
            && sc.p().tokens[b].space_before
            && numbered_name(sc.ftext(a, b + 1))
        {
            extend.push(x);
        }
    }
    for x in extend {
        let b = found[x].1;
        claims[b] = Claim::Unit;
        found[x].1 = b + 1;
    }
    numbered_siblings(sc, claims, &mut found);
    for (a, b, ty) in found {
        let mut e = Entity::new(EntityKind::Unit, sc.span(a, b));
        e.name = Some(sc.text(a, b).to_string());
        e.unit_type = ty;
        out.push(e);
    }
    if sc.ctx.pack.script == crate::lang::Script::Cyrillic {
        declined_provinces(sc, claims, out);
    }
}

/// Russian: a province named in the genitive or locative, one of the gazetteer's declined
/// forms (level words: "горкома партии Хайфона", "в Ханое"), is that province, named in the
/// nominative as the gazetteer writes it (Хайфон, Ханой). The token stays free: it still
/// closes a title as a level word.
fn declined_provinces(sc: &Scan<'_>, claims: &[Claim], out: &mut Vec<Entity>) {
    for (i, claim) in claims.iter().enumerate() {
        if *claim != Claim::Free || !sc.has_kind(i, kind::LEVEL) || !sc.p().tokens[i].cap {
            continue;
        }
        let declined = sc.hits_at(i).iter().any(|h| {
            let e = sc.entry(h);
            h.tok_end as usize == i + 1
                && e.options.cap
                && matches!(&e.tag, Tag::Level(l) if l == "province")
        });
        if !declined {
            continue;
        }
        let Some(name) = nominative(sc.text(i, i + 1)) else { continue };
        let mut e = Entity::new(EntityKind::Unit, sc.span(i, i + 1));
        e.name = Some(name);
        e.unit_type = Some(UnitType::Province);
        out.push(e);
    }
}

/// The nominative of a Russian place name in the genitive or locative: "-а", "-е" after a
/// consonant drop (Хайфона, Хошимине → Хайфон, Хошимин); "-я", "-е" after a vowel become
/// "-й" (Ханоя, Ханое → Ханой); "-я" after a consonant becomes "-ь" (Куангниня → Куангнинь).
fn nominative(word: &str) -> Option<String> {
    let mut stem: Vec<char> = word.chars().collect();
    let last = stem.pop()?;
    let prev = *stem.last()?;
    let vowel = "аеёиоуыэюяАЕЁИОУЫЭЮЯ".contains(prev);
    let end = match (last, vowel) {
        ('а', false) | ('е', false) => "",
        ('я', true) | ('е', true) => "й",
        ('я', false) => "ь",
        _ => return None,
    };
    let mut name: String = stem.into_iter().collect();
    name.push_str(end);
    Some(name)
}

/// A small number written after a name (" 1", " 12"): token `k` is its digits.
fn small_number_at(sc: &Scan<'_>, k: usize) -> bool {
    let p = sc.p();
    k < sc.n()
        && p.tokens[k].class == TokenClass::Digits
        && p.tok(k).len() <= 2
        && p.tokens[k].space_before
}

/// A numbered unit's name written elsewhere with another number is a unit of the same type
/// ("la commune de Son Kim 1, qui a absorbé Son Kim 2 et Son Tay": Son Kim 2); appended to
/// `found`.
fn numbered_siblings(
    sc: &Scan<'_>,
    claims: &mut [Claim],
    found: &mut Vec<(usize, usize, Option<UnitType>)>,
) {
    let n = sc.n();
    let p = sc.p();
    let mut siblings = Vec::new();
    for &(a, b, ty) in found.iter() {
        if b < a + 2 || !small_number_at(sc, b - 1) {
            continue;
        }
        let len = b - 1 - a;
        let base = sc.ftext(a, b - 1);
        for i in 0..n.saturating_sub(len) {
            let d = i + len;
            if p.ftok(i) == p.ftok(a)
                && p.tokens[i].cap
                && small_number_at(sc, d)
                && p.tok(d) != p.tok(b - 1)
                && claims[i..=d].iter().all(|c| *c == Claim::Free)
                && sc.ftext(i, d) == base
                && !(i > 0 && p.tokens[i].space_before && sc.is_name_token(i - 1))
            {
                siblings.push((i, d + 1, ty));
            }
        }
    }
    for (a, b, ty) in siblings {
        if claims[a..b].iter().all(|c| *c == Claim::Free) {
            claims[a..b].iter_mut().for_each(|c| *c = Claim::Unit);
            found.push((a, b, ty));
        }
    }
}

/// Is the type word at `i..end` (one written before the name) a syllable of a longer term: of
/// a gazetteer name ("Ha Tinh" without diacritics: tinh is also tỉnh), or of a title or body
/// that goes on after it ("Uy ban Kiem tra", "Tinh uy": ban and tinh are also bản and tỉnh)?
/// Not "UBND xa", which ends with it.
fn inside_term(sc: &Scan<'_>, i: usize, end: usize) -> bool {
    const TERM: u32 = kind::PLACE | kind::BODY | kind::ROLE | kind::HEAD;
    (i.saturating_sub(4)..=i).any(|s| {
        sc.has_kind(s, TERM)
            && sc.hits_at(s).iter().any(|h| {
                let (a, b) = (h.tok as usize, h.tok_end as usize);
                match sc.entry(h).tag {
                    Tag::Place(_) => a < i && b >= end,
                    Tag::Body(..) | Tag::Role(..) | Tag::Head(_) => {
                        a <= i && b > end && sc.ends_token(h)
                    }
                    _ => false,
                }
            })
    })
}

/// Is the type word at `i` preceded by a number or a plural determiner?
fn preceded_by_number(sc: &Scan<'_>, i: usize) -> bool {
    (1..=2).any(|k| {
        i >= k && {
            let j = i - k;
            sc.p().tokens[j].class == TokenClass::Digits
                || sc
                    .hits_from(j)
                    .any(|h| matches!(sc.entry(h).tag, Tag::Num(v) if v >= 2.0) && sc.ends_token(h))
        }
    })
}

/// The small number (1 to 12) in digits or words one or two tokens before token `i`
/// ("two special zones", "une zone spéciale").
fn small_number_before(sc: &Scan<'_>, i: usize) -> Option<usize> {
    (1..=2).filter(|&k| i >= k).find_map(|k| {
        let j = i - k;
        let v = if sc.p().tokens[j].class == TokenClass::Digits {
            sc.p().tok(j).parse::<f64>().ok()?
        } else {
            sc.hits_from(j).find_map(|h| match sc.entry(h).tag {
                Tag::Num(v) if sc.ends_token(h) => Some(v),
                _ => None,
            })?
        };
        (1.0..=12.0).contains(&v).then_some(v as usize)
    })
}

/// One name starting at `j`: its end, or None.
fn name_at(sc: &Scan<'_>, claims: &[Claim], j: usize, province: bool) -> Option<usize> {
    if j >= sc.n() || claims[j] != Claim::Free || (j > 0 && sc.line_break_after(j - 1)) {
        return None;
    }
    let mut run = sc.name_run(j, 7);
    // after a type word or in a list, a capitalised type word starts a name ("xa Ban Giang",
    // "cac xa Tam Duong, Ban Giang va Nam Tam": Bản Giang), where nouns are not capitalised
    if run == 0
        && !sc.ctx.pack.nouns_capitalized
        && sc.p().tokens[j].cap
        && sc.has_kind(j, kind::UNIT)
        && sc.p().tokens.get(j + 1).is_some_and(|t| t.space_before)
    {
        let rest = sc.name_run(j + 1, 6);
        if rest > 0 {
            run = 1 + rest;
        }
    }
    if run == 0 {
        return None;
    }
    // without diacritics a name may also end in a type word ("cac xa Cuc Phuong, Phu Long":
    // Cúc Phương): a capitalised one right after the name and ending it is its last syllable
    let k = j + run;
    if !sc.ctx.pack.nouns_capitalized
        && run < 7
        && k < sc.n()
        && sc.p().tokens[k].cap
        && sc.p().tokens[k].space_before
        && sc.has_kind(k, kind::UNIT)
        && !sc.is_name_token(k + 1)
        && (k + 1 >= sc.n() || !sc.has_kind(k + 1, kind::UNIT))
    {
        run += 1;
    }
    let run = (0..run).take_while(|k| claims[j + k] == Claim::Free).count();
    if run == 0 {
        return None;
    }
    // a gazetteer name followed by a person's name ("tỉnh Lạng Sơn Hồ Tiến Thiệu"), or one
    // with a syllable that is also a type word ("tinh Ha Tinh" without diacritics)
    if let Some(h) = sc.longest_of(j, kind::PLACE) {
        let e = h.tok_end as usize;
        let free = claims[j..e.min(claims.len())].iter().all(|c| *c == Claim::Free);
        if e == j + run
            || (e > j + run && free)
            || (e < j + run && sc.is_family(e) && j + run - e >= 2)
        {
            return Some(numbered(sc, e));
        }
    }
    if province && sc.is_family(j) && run >= 2 {
        // after a province word, an unknown name led by a family name is a person
        return None;
    }
    // a person's name after the place name ("xã Na Sầm Nguyễn Văn A")
    for k in 1..run {
        if sc.is_family(j + k) && run - k >= if k == 1 { 3 } else { 2 } {
            return Some(j + k);
        }
    }
    let end = j + run.min(MAX_NAME);
    Some(numbered(sc, end))
}

/// Extends a unit name by a small number written after it ("Son Kim 1", "Mong Cai 2") when the
/// number ends the phrase (punctuation, a conjunction, a line end).
fn numbered(sc: &Scan<'_>, end: usize) -> usize {
    let p = sc.p();
    let n = sc.n();
    if end < n
        && p.tokens[end].class == crate::text::TokenClass::Digits
        && p.tok(end).len() <= 2
        && p.tokens[end].space_before
        && (end + 1 >= n
            || sc.is_punct(end + 1, ",.;:)、")
            || sc.conj_len(end + 1).is_some()
            || sc.line_break_after(end)
            // a word no number counts: "phường Bảo Lộc 1 về", "Son Kim 1 said" (not "3 thôn",
            // "2 năm", "Ha Long 3 villages")
            || (sc.is_word(end + 1)
                && !p.tokens[end + 1].cap
                && !sc.has_kind(
                    end + 1,
                    kind::NOUN | kind::UNIT | kind::CLASSIFIER | kind::NONCOUNT | kind::QUAL,
                )
                && sc.ctx.pack.script != crate::lang::Script::Han))
    {
        end + 1
    } else {
        end
    }
}

/// The names after a type word (appended to `names`).
fn read_forward(
    sc: &Scan<'_>,
    claims: &[Claim],
    start: usize,
    plural: bool,
    province: bool,
    names: &mut Vec<(usize, usize)>,
) {
    let from = names.len();
    let mut j = start;
    while let Some(e) = name_at(sc, claims, j, province) {
        names.push((j, e));
        if !plural {
            break;
        }
        // separator: "," or a conjunction, or ", und"
        match sc.separator_after(e, ",、") {
            Some(next) => j = next,
            None => break,
        }
    }
    // in a list of numbered names ("кварталов Хазянг 1 и Хазянг 2 пользуются"), a small
    // number right after a name is part of it, also where no punctuation follows
    let list = &mut names[from..];
    if list.len() >= 2 && list.iter().any(|&(a, e)| e > a + 1 && small_number_at(sc, e - 1)) {
        for item in list.iter_mut() {
            if small_number_at(sc, item.1) && claims[item.1] == Claim::Free {
                item.1 += 1;
            }
        }
    }
}

/// The names before a type word (appended to `names`, in text order).
fn read_backward(
    sc: &Scan<'_>,
    claims: &[Claim],
    type_at: usize,
    plural: bool,
    names: &mut Vec<(usize, usize)>,
) {
    let from = names.len();
    let mut end = type_at;
    loop {
        let mut a = end;
        // a numbered name: "Mong Cai 1 ward", "the Ha Giang 1 and Ha Giang 2 wards"
        if a > 1
            && small_number_at(sc, a - 1)
            && claims[a - 1] == Claim::Free
            && claims[a - 2] == Claim::Free
            && sc.is_name_token(a - 2)
            && sc.p().tokens[a - 1].space_before
        {
            a -= 1;
        }
        let digits = a < end;
        while a > 0
            && end - a < MAX_NAME
            && claims[a - 1] == Claim::Free
            && sc.is_name_token(a - 1)
            && (a == end || sc.p().tokens[a].space_before)
            // (a possessive is the unit it belongs to: "Thanh Hoa's Muong Lat commune")
            && !(a < end && possessive(sc.p().tok(a - 1)))
        {
            a -= 1;
        }
        // the end of an identifier ("Постановлению № 33/2023/ND-CP провинции") is no name
        // (a run of tokens glued to it holds digits or a slash)
        let glued_to_id = (0..a.min(8))
            .map(|d| a - 1 - d)
            .take_while(|&m| !sc.p().tokens[m + 1].space_before)
            .any(|m| sc.p().tokens[m].class == TokenClass::Digits || sc.is_punct(m, "/"));
        // a number word at the start of a sentence is no name ("Две провинции граничат")
        let number = end == a + 1
            && sc.has_kind(a, kind::NUM)
            && sc
                .hits_from(a)
                .any(|h| matches!(sc.entry(h).tag, Tag::Num(_)) && h.tok_end as usize == end);
        if a == end || glued_to_id || number || (digits && a + 1 == end) {
            break;
        }
        names.push((a, end));
        if !plural || a == 0 {
            break;
        }
        // separator before the name
        let mut k = a;
        let mut sep = false;
        if k > 0 && sc.conj_before(k).is_some() {
            k -= sc.conj_before(k).unwrap_or(0);
            sep = true;
        }
        if k > 0 && sc.is_punct(k - 1, ",、") {
            k -= 1;
            sep = true;
        }
        if !sep {
            break;
        }
        end = k;
    }
    names[from..].reverse();
}

/// Is this word a possessive ("Hoa's", "City’s")?
fn possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// The type of the gazetteer name that spans exactly tokens `a..b` ("province",
/// "province|district", "ward"...).
fn place_type<'s>(sc: &'s Scan<'_>, a: usize, b: usize) -> Option<&'s str> {
    if !sc.has_kind(a, kind::PLACE) {
        return None;
    }
    sc.hits_from(a).find_map(|h| match &sc.entry(h).tag {
        Tag::Place(t) if h.tok_end as usize == b => Some(t.as_str()),
        _ => None,
    })
}

/// Is tokens `a..b` the gazetteer name of a province-level city (Hà Nội, 河内市), which a
/// city word makes a province? Other cities were provincial cities, districts: those of the
/// provinces' names (`province|district`: "Ha Tinh city") and those the gazetteer lists as
/// districts (荣市, Vinh).
fn city_spans(sc: &Scan<'_>, a: usize, b: usize) -> bool {
    place_type(sc, a, b) == Some("province")
}

/// The start of a gazetteer name of two to five Han characters of unit type `ty` (a province:
/// also `province|district`) that ends at token `k` and whose tokens are free.
fn place_ending_at(sc: &Scan<'_>, claims: &[Claim], k: usize, ty: &str) -> Option<usize> {
    (2..=5.min(k)).rev().map(|l| k - l).find(|&a| {
        claims[a..k].iter().all(|c| *c == Claim::Free)
            && place_type(sc, a, k).is_some_and(|t| t.split('|').next() == Some(ty))
    })
}

/// Han names before a suffix type word: "谅山省", "东京坊", "高禄、巴山和黄文树五个乡",
/// "孟涅、森头和孟通等乡", numbered "芒街1坊", three characters "奠边府坊"; before a type word
/// of provinces (`province`), gazetteer names are read whole ("庆和省": 和 is also "and").
fn read_backward_han(
    sc: &Scan<'_>,
    claims: &[Claim],
    type_at: usize,
    plural: bool,
    ty: &str,
    out: &mut Vec<(usize, usize)>,
) {
    let p = sc.p();
    let mut k = type_at;
    let province = ty == "province";
    // a city of one character the gazetteer lists with its type word (荣市: 原荣市, 省会荣市)
    if province
        && k > 0
        && claims[k - 1] == Claim::Free
        && place_type(sc, k - 1, k + 1) == Some("district")
    {
        out.push((k - 1, k));
        return;
    }
    let mut plural = plural;
    // a numbered name: "芒街1坊", "河江2坊" (digits glued between the name and the type word)
    let numbered = k > 1
        && p.tokens[k - 1].class == TokenClass::Digits
        && p.tok(k - 1).len() <= 2
        && !p.tokens[k - 1].space_before
        && claims[k - 1] == Claim::Free
        && sc.is_han_name_char(k - 2);
    let mut name_end = None;
    if numbered {
        name_end = Some(k);
        k -= 1;
    }
    // a count before the type word: "五个乡", "4个坊", "等4个坊", also with a modifier of up to
    // two characters between the classifier and the type word ("四个边境乡", "四个沿海乡"); a
    // classifier after no number is a syllable of the name (门 of 荆门市)
    if !numbered
        && let Some(m) = (0..=2).find(|&m| {
            k > m + 1
                && sc.covered_by(k - 1 - m, kind::CLASSIFIER)
                && (k - m..k).all(|j| sc.is_han(j))
                && (p.tokens[k - 2 - m].class == TokenClass::Digits
                    || (sc.is_han(k - 2 - m) && is_number_word(sc, k - 2 - m)))
        })
    {
        k -= m + 1;
    }
    // a name ending in 一 (Nhất) right before the type word: "统一乡" (Thống Nhất), "新山一坊"
    // (Tân Sơn Nhất); one commune or ward is counted with a classifier (一个乡)
    let mut one_end = false;
    if name_end.is_none()
        && k == type_at
        && k > 1
        && p.tok(k - 1) == "一"
        && claims[k - 1] == Claim::Free
        && sc.is_han_name_char(k - 2)
        && !is_number_word(sc, k - 2)
    {
        name_end = Some(k);
        k -= 1;
        one_end = true;
    }
    let mut skipped = 0;
    while !one_end
        && k > 0
        && (p.tokens[k - 1].class == TokenClass::Digits
            || (sc.is_han(k - 1) && is_number_word(sc, k - 1)))
    {
        k -= 1;
        skipped += 1;
    }
    // names before a count are a list of them ("高禄、巴山和黄文树五个乡"), or end in 等; one name
    // before a count is something else ("13个村中有5个村", "新建两所乡卫生站")
    let mut min_names = 1;
    if skipped > 0 {
        plural = true;
        min_names = 2;
        if k > 0 && p.tok(k - 1) == "等" {
            k -= 1;
            min_names = 1;
        }
    } else if !numbered {
        // the end of a list: "孟涅、森头和孟通等乡", "太原、高平、谅山等受灾省份", with words of the
        // kind of unit (stop words) between 等 and the type word
        let mut j = k;
        while j > 0 && k - j < 6 && p.tok(j - 1) != "等" && sc.is_han(j - 1) && sc.is_stop(j - 1) {
            j -= 1;
        }
        if j > 0 && p.tok(j - 1) == "等" {
            plural = true;
            k = j - 1;
        }
    }
    let mut names = Vec::new();
    loop {
        // (gazetteer names are read whole: "庆和省", where 和 is also "and"; "二征夫人坊")
        if let Some(a) = place_ending_at(sc, claims, k, ty) {
            names.push((a, name_end.take().unwrap_or(k)));
            match before_separator(sc, a) {
                Some(end) if plural => k = end,
                _ => break,
            }
            continue;
        }
        // (an item of an enumeration of typed names, "永福村、永和村", may end in 和 as a list does)
        let listed = plural || (k >= 3 && sc.is_punct(k - 3, "、"));
        let mut a = k;
        // (a name never crosses a space: "…和电脑 省委要求" in a headline names no province)
        while a > 0
            && k - a < 4
            && claims[a - 1] == Claim::Free
            && !p.tokens[a].space_before
            && (sc.is_han_name_char(a - 1) || (a == k && last_place_char(sc, a - 1, listed)))
        {
            a -= 1;
        }
        let run = k - a;
        if run < if one_end { 1 } else { 2 } {
            break;
        }
        // three characters when a family name starts them (黄文树), or when exactly three stand
        // between the type word and what ends a name (。奠边府坊, 的阿巴寨村), not counting a
        // particle before them (原, 同, 向: 原宣光省 is 宣光)
        let particle = |i: usize| sc.covered_by(i, kind::PARTICLE);
        let three = run >= 3
            && !particle(k - 3)
            && (sc.is_family(k - 3) || run == 3 || (run == 4 && particle(k - 4)));
        // (before 一: one character after a type word, "同奈省统一乡" is 统一)
        let len = if three {
            3
        } else if one_end && (run == 1 || sc.has_kind(k - 2, kind::UNIT)) {
            1
        } else {
            2
        };
        // a count before it: "12个海岛村" (twelve island villages) names no village
        let a = k - len;
        if a > 0
            && (p.tokens[a - 1].class == TokenClass::Digits
                || sc.covered_by(a - 1, kind::CLASSIFIER))
        {
            break;
        }
        // two names joined by a dash are one (巴地—头顿省, 春香—大叻坊)
        let mut first = a;
        if a > 2 && sc.is_punct(a - 1, "—–-") && !p.tokens[a - 1].space_before {
            let b = a - 1;
            let mut c = b;
            while c > 0 && b - c < 3 && claims[c - 1] == Claim::Free && sc.is_han_name_char(c - 1) {
                c -= 1;
            }
            if b - c >= 2 {
                first = c;
            }
        }
        names.push((first, name_end.take().unwrap_or(k)));
        match before_separator(sc, first) {
            Some(end) if plural => k = end,
            _ => break,
        }
    }
    if names.len() >= min_names {
        out.extend(names.iter().rev());
    }
}

/// In an enumeration of names ("永福、永和村"), where the name before the one that starts at
/// token `k` ends: before the 、 or the conjunction that precedes `k`, if one does.
fn before_separator(sc: &Scan<'_>, k: usize) -> Option<usize> {
    if k > 0 && sc.is_punct(k - 1, "、") { Some(k - 1) } else { sc.conj_before(k).map(|l| k - l) }
}

/// Can Han token `i`, not a name character, be the last character of a place name? A
/// classifier that follows no number (头 in 森头乡, but not 个 in 五个乡 or 部 in 干部下村),
/// or a time word of one character (天 in 应天乡), or in a list a conjunction of one character
/// (和 in "盘棋和春和等坊").
fn last_place_char(sc: &Scan<'_>, i: usize, list: bool) -> bool {
    let p = sc.p();
    let single = |mask: u32| {
        sc.has_kind(i, mask)
            && sc
                .hits_at(i)
                .iter()
                .any(|h| sc.kind_of(h) & mask != 0 && h.tok_end as usize == i + 1)
    };
    sc.is_han(i)
        && !sc.is_stop(i)
        && (sc.covered_by(i, kind::CLASSIFIER)
            && !sc
                .covered_by(i, super::TITLE_VOCABULARY | kind::CONJ | kind::NONCOUNT | kind::QUAL)
            || (single(if list { kind::NONCOUNT | kind::CONJ } else { kind::NONCOUNT })
                && !sc.covered_by(i, super::TITLE_VOCABULARY | kind::QUAL | kind::CLASSIFIER))
            // in a list, a qualifier of one character before no number (约 of 鄂约 in "鄂约、伊莫和
            // 波里亚三个乡"; not 多 of 许多乡, many communes)
            || (list
                && single(kind::QUAL)
                && i + 1 < sc.n()
                && p.tokens[i + 1].class != TokenClass::Digits
                && !(sc.is_han(i + 1) && is_number_word(sc, i + 1))
                && !sc.covered_by(i, super::TITLE_VOCABULARY | kind::CLASSIFIER)))
        && !(i > 0
            && (p.tokens[i - 1].class == TokenClass::Digits
                || (sc.is_han(i - 1) && is_number_word(sc, i - 1))))
}

/// Is token `k` one number word (五, 两)? (Looked up only where a number word hit starts.)
fn is_number_word(sc: &Scan<'_>, k: usize) -> bool {
    sc.has_kind(k, super::NUMBER_WORD)
        && sc.ctx.pack.numbers.word(sc.p().tok(k), false, Mode::Text).is_some()
}

/// Is the type word at `i..end` marked as former ("ehemalig", "former", "cũ", "原")?
fn is_former(sc: &Scan<'_>, i: usize, end: usize) -> bool {
    let former = |k: usize| {
        sc.has_kind(k, kind::MOD)
            && sc.hits_from(k).any(|h| matches!(&sc.entry(h).tag, Tag::Mod(m) if m == "former"))
    };
    let after = end..(end + 6).min(sc.n());
    // no modifier near: none of them is "former"
    if !(i.saturating_sub(6)..i).chain(after.clone()).any(|k| sc.has_kind(k, kind::MOD)) {
        return false;
    }
    // "ehemals Vorsitzender des Volkskomitees des Bezirks X": up to 6 words back, in one phrase
    let mut back = false;
    for d in 1..=6 {
        if d > i || sc.is_punct(i - d, ",.;:!?()") || sc.line_break_after(i - d) {
            break;
        }
        if former(i - d) {
            back = true;
            break;
        }
    }
    back || after.into_iter().any(|k| {
        former(k) && (sc.is_punct(k - 1, "(") || !sc.is_word(k - 1) || sc.p().tokens[k - 1].cap)
    })
}

/// The type a unit word had before the 2025 reform: wards and communes named "Bezirk",
/// "quận", "district" were districts then.
fn former_type(ty: &str) -> &str {
    match ty {
        "ward" => "district",
        other => other,
    }
}
