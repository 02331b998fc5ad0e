//! Officials: Vietnamese personal names found through honorifics and titles in apposition
//! (before or after the name, chained with commas and conjunctions), with roles composed
//! from the title's head, modifiers and body (`common/compose.tsv`); later mentions of the
//! same name, and titles alone that point back to one known official.

use std::borrow::Cow;

use super::{Claim, DocumentMemory, Office, Scan};
use crate::document::{Entity, EntityKind, Role};
use crate::lexicon::{Tag, kind};
use crate::text::TokenClass;

/// Bodies from the most to the least specific: a title names the most specific one it holds.
const BODY_PRIORITY: &[&str] = &[
    // a committee of a People's Council names the council too: the committee is the office
    "council_commission",
    "fatherland_front",
    "na_delegation",
    "commission",
    "standing_committee",
    "people_council",
    "people_committee",
    "department",
    "ministry",
    "national_assembly",
    "government",
    "politburo",
    "central_committee",
    "party_committee",
];

const MAX_PHRASE: usize = 18;

/// Kinds of the words a Han family name may stand inside (any other ends a name there).
const NOT_NAME_ENDING: u32 = kind::FAMILY
    | kind::ISSUE
    | kind::PROBLEM
    | kind::REQUEST
    | kind::POSITIVE
    | kind::COMMON
    | kind::NOUN;

/// Kinds of the words a title phrase does not look at (issue cues, family names, common
/// words, counted nouns).
const NOT_IN_TITLE: u32 = kind::ISSUE
    | kind::PROBLEM
    | kind::REQUEST
    | kind::POSITIVE
    | kind::FAMILY
    | kind::COMMON
    | kind::NOUN;

/// A title phrase: tokens `start..end`, and the role it names (if any) with its level.
#[derive(Debug, Clone)]
struct Phrase<'a> {
    start: usize,
    end: usize,
    role: Option<(&'a str, Option<&'a str>)>,
    /// the head and body the role was composed of
    parts: Option<(&'a str, Option<&'a str>)>,
    /// a deputy of the office of the title before ("his deputy"): the role is composed when
    /// the phrases are all read
    of_previous: bool,
    /// a plural title ("Vice Chairmen of ..."): it may belong to a list of names
    plural: bool,
}

pub(crate) fn recognize(
    sc: &Scan<'_>,
    claims: &mut [Claim],
    memory: &mut DocumentMemory,
    out: &mut Vec<Entity>,
) {
    let n = sc.n();
    // 1. personal names
    // (room for the names and phrases of most texts, without regrowing)
    let mut names: Vec<(usize, usize)> = Vec::with_capacity(16);
    let mut i = 0;
    let han = sc.ctx.pack.script == crate::lang::Script::Han;
    while i < n {
        if han {
            if claims[i] == Claim::Free && sc.is_family(i) && !sc.covered_by(i, !NOT_NAME_ENDING) {
                let mut run = (1..3)
                    .take_while(|k| {
                        i + k < n && claims[i + k] == Claim::Free && sc.is_han_name_char(i + k)
                    })
                    .count();
                // the name's end is clear when an honorific, a title or punctuation follows
                let boundary = |e: usize| {
                    e >= n
                        || sc.p().tokens[e].class == crate::text::TokenClass::Punct
                        || sc.hits_from(e).any(|h| {
                            matches!(
                                sc.entry(h).tag,
                                Tag::Honorific
                                    | Tag::Head(_)
                                    | Tag::Role(..)
                                    | Tag::Mod(_)
                                    | Tag::Body(..)
                            )
                        })
                };
                // ... or a stop word that ends a name (a verb of saying: 黄文和表示), when the
                // character before it is no stop word itself, or a conjunction (阮氏秋红和……)
                let boundary_or_stop = |e: usize| {
                    boundary(e)
                        || sc.has_kind(e, kind::CONJ)
                        || (sc.is_stop(e)
                            && !sc.is_stop(e - 1)
                            && sc.hits_from(e).any(|h| matches!(sc.entry(h).tag, Tag::Stop)))
                };
                // a particle ends a name of three characters only before a clear end (黎明还说
                // is 黎明 "still" saying; 阮文还同志 is 阮文还)
                let particle_inside =
                    |e: usize| sc.covered_by(e, kind::PARTICLE) && !boundary(e + 1);
                if run == 2 && particle_inside(i + 2) {
                    run = 1;
                }
                // a given name that is also a function word (阮文和同志, 黄文和表示)
                if run == 1
                    && i + 2 < n
                    && sc.is_han(i + 2)
                    && !sc.covered_by(i + 2, super::TITLE_VOCABULARY)
                    && boundary_or_stop(i + 3)
                    && !particle_inside(i + 2)
                {
                    run = 2;
                }
                // four syllables with 氏 (范氏清茶部长, 阮氏秋香介绍)
                if run == 2
                    && sc.p().tok(i + 1) == "氏"
                    && i + 3 < n
                    && sc.is_han_name_char(i + 3)
                    && boundary_or_stop(i + 4)
                {
                    run = 3;
                }
                if run >= 1 {
                    names.push((i, i + 1 + run));
                    i += 1 + run;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if claims[i] == Claim::Free && sc.is_family(i) {
            let run = sc.name_run(i, 4);
            let run = (0..run).take_while(|k| claims[i + k] == Claim::Free).count();
            if run >= 2 {
                names.push((i, i + run));
                i += run;
                continue;
            }
            if run == 1
                && let Some(a) = given_names_before(sc, claims, &names, i)
            {
                names.push((a, i + 1));
                i += 1;
                continue;
            }
        }
        i += 1;
    }
    let is_name_start: Vec<bool> = {
        let mut v = vec![false; n + 1];
        for &(a, _) in &names {
            v[a] = true;
        }
        v
    };
    // 2. title phrases
    let mut phrases: Vec<Phrase<'_>> = Vec::with_capacity(16);
    // the key looked up in the composition table, kept between phrases
    let mut compose_key = (String::new(), String::new());
    let mut i = 0;
    while i < n {
        if is_name_start[i] || !starts_phrase(sc, i) {
            i += 1;
            continue;
        }
        match parse_phrase(sc, claims, &is_name_start, i, &mut compose_key) {
            Some(mut p) => {
                i = p.end.max(i + 1);
                if p.of_previous {
                    p.role = phrases
                        .last()
                        .and_then(|before| deputy_of(sc, before, p.start, &mut compose_key));
                }
                phrases.push(p);
            }
            None => i += 1,
        }
    }
    // the phrase that starts, and the one that ends at a token: the phrases do not overlap
    // and come in text order, so both their starts and their ends are sorted (a binary
    // search among a few phrases, no tables as long as the text)
    let phrase_starting = |j: usize| phrases.binary_search_by_key(&j, |p| p.start).ok();
    let phrase_ending = |j: usize| phrases.binary_search_by_key(&j, |p| p.end).ok();
    let mut used = vec![false; phrases.len()];

    // 3. attach titles and honorifics to names
    struct Mention {
        start: usize,
        end: usize,
        name: (usize, usize),
        roles: Vec<Role>,
        office: bool,
        /// a plural title stands right before the name / right after it
        plural_before: bool,
        plural_after: bool,
    }
    let mut mentions: Vec<Mention> = Vec::with_capacity(names.len());
    for &(a, b) in &names {
        let mut start = a;
        let mut end = b;
        let mut roles = Vec::new();
        let mut office = false;
        let (mut plural_before, mut plural_after) = (false, false);
        // honorific right before
        let mut before = a;
        if let Some((len, off)) = honorific_before(sc, a) {
            before = a - len;
            start = before;
            office = off;
        }
        // an honorific after the name (黄文严同志)
        let mut j = b;
        if let Some(h) = sc.hits_from(b).find(|h| matches!(sc.entry(h).tag, Tag::Honorific)) {
            if sc.ctx.pack.script == crate::lang::Script::Han {
                office |= sc.entry(h).options.office;
                end = h.tok_end as usize;
                j = end;
            }
        }
        // titles after: [,|-|(] phrase ([,|conj] phrase)*
        if sc.is_punct(j, ",，、-–—(") {
            j += 1;
            // an article before the title: "Tran Thi Hoa, a deputy to the National Assembly",
            // also one that is no stop word (French "le", which folds like the family name Lê)
            // when the title ends the apposition ("X, le président du Comité populaire, a
            // dit", but not "X, le président a suivi")
            let article = |k: usize| {
                sc.is_stop(j)
                    || (sc.is_word(j)
                        && !sc.p().tokens[j].cap
                        && sc.is_punct(phrases[k].end, ",;.)"))
            };
            if !han
                && j + 1 < n
                && sc.conj_len(j).is_none()
                && phrase_starting(j).is_none()
                && phrase_starting(j + 1).is_some_and(article)
            {
                j += 1;
            }
        }
        // in Chinese the titles stand before the name: one after it belongs to the next person,
        // unless a verb of appointment stands between (黄南同志被批准担任省人民委员会常务副主席,
        // 陈文秋被任命为该厅厅长); elsewhere such a verb may stand between the name and its
        // title too ("M. X est nommé président ...", "X was appointed deputy secretary")
        let mut chain_after = !han;
        if let Some(k) = appointed_title_at(sc, j, &phrase_starting) {
            j = k;
            chain_after = true;
        }
        while let Some(k) = phrase_starting(j).filter(|_| chain_after) {
            let p = &phrases[k];
            // "A, đại biểu Quốc hội B": a title running into another name is that name's
            if p.end < n && is_name_start[p.end] {
                break;
            }
            used[k] = true;
            push_role(sc, p, &mut roles);
            plural_after |= p.plural && end == b;
            end = p.end;
            match sc.separator_after(p.end, ",，、") {
                // "ancien président du ..., devient secrétaire du ..."
                Some(next) => {
                    j = appointed_title_at(sc, next, &phrase_starting).unwrap_or(next);
                }
                None => break,
            }
        }
        if sc.is_punct(end, ")") && sc.is_punct(b, "(") {
            end += 1;
        }
        // titles before: phrase ending at the honorific or the name (a comma may stand between)
        let mut e = before;
        if before < a {
            while e > 0 && e + 2 > before && sc.is_stop(e - 1) && phrase_ending(e).is_none() {
                e -= 1;
            }
        }
        if phrase_ending(e).is_none() && e > 0 && sc.is_punct(e - 1, ",，") {
            e -= 1;
        }
        while let Some(k) = phrase_ending(e) {
            if used[k] {
                break;
            }
            let p = &phrases[k];
            used[k] = true;
            push_role(sc, p, &mut roles);
            plural_before |= p.plural && start == before;
            start = start.min(p.start);
            e = p.start;
            // in Chinese a unit's name stands before its body ("省委委员、河江1坊党委书记"): the
            // chain goes on before it when an enumeration comma or a conjunction precedes it (a
            // comma ends a clause: "……为该厅厅长，东河坊党委书记范清平")
            if han && e > 0 && claims[e - 1] == Claim::Unit {
                let mut u = e - 1;
                while u > 0 && claims[u - 1] == Claim::Unit {
                    u -= 1;
                }
                if sc.conj_before(u).is_some() || (u > 0 && sc.is_punct(u - 1, "、")) {
                    e = u;
                }
            }
            // chained before: "X, Y Name" is rare; "X und Y Name" happens
            if let Some(len) = sc.conj_before(e) {
                e -= len;
            } else if e > 0 && sc.is_punct(e - 1, ",，、") {
                e -= 1;
            } else {
                break;
            }
        }
        mentions.push(Mention {
            start,
            end,
            name: (a, b),
            roles,
            office,
            plural_before,
            plural_after,
        });
    }
    // a plural title belongs to every name of the list it stands before or after ("Vice
    // Chairmen of the provincial People's Committee A and B", "A and B, vice-présidents ...")
    // that has no title of its own: names joined by a comma or a conjunction
    let joined = |x: &Mention, y: &Mention| {
        sc.separator_after(x.name.1, ",，、").is_some_and(|k| k == y.name.0)
    };
    for k in 0..mentions.len() {
        if mentions[k].plural_before {
            let mut m = k + 1;
            while m < mentions.len()
                && mentions[m].roles.is_empty()
                && joined(&mentions[m - 1], &mentions[m])
            {
                mentions[m].roles = mentions[k].roles.clone();
                m += 1;
            }
        }
        if mentions[k].plural_after {
            let mut m = k;
            while m > 0
                && mentions[m - 1].roles.is_empty()
                && joined(&mentions[m - 1], &mentions[m])
            {
                mentions[m - 1].roles = mentions[k].roles.clone();
                m -= 1;
            }
        }
    }
    // 4. which names are officials: roles here or elsewhere, or an office honorific
    let names: Vec<Cow<'_, str>> =
        mentions.iter().map(|m| sc.canonical_name(m.name.0, m.name.1)).collect();
    // the folded name: the folded text of its tokens, unless a case ending was removed
    let keys: Vec<Cow<'_, str>> = names
        .iter()
        .zip(&mentions)
        .map(|(name, m)| match name {
            Cow::Borrowed(_) => Cow::Borrowed(sc.ftext(m.name.0, m.name.1)),
            Cow::Owned(name) => Cow::Owned(crate::text::fold_str(name)),
        })
        .collect();
    debug_assert!(names.iter().zip(&keys).all(|(n, k)| crate::text::fold_str(n) == *k));
    for (m, key) in mentions.iter().zip(&keys) {
        if !m.roles.is_empty() || m.office {
            let list = match memory.officials.get_mut(key.as_ref()) {
                Some(list) => list,
                None => memory.officials.entry(key.to_string()).or_default(),
            };
            for r in &m.roles {
                if !list.iter().any(|o| o.role == r.role && o.level == r.level) {
                    list.push(Office { role: r.role.clone(), level: r.level.clone() });
                }
            }
        }
    }
    for ((m, key), name) in mentions.into_iter().zip(&keys).zip(&names) {
        if !memory.officials.contains_key(key.as_ref()) {
            continue;
        }
        let mut e = Entity::new(EntityKind::Official, sc.span(m.start, m.end));
        e.name = Some(name.to_string());
        e.roles = Some(m.roles);
        claims[m.name.0..m.name.1].iter_mut().for_each(|c| *c = Claim::Person);
        out.push(e);
    }
    // 5. titles alone that point back to exactly one known official
    for (k, p) in phrases.iter().enumerate() {
        if used[k] {
            continue;
        }
        let Some((role, level)) = p.role else { continue };
        let mut holders = memory.officials.iter().filter(|(_, roles)| {
            roles.iter().any(|r| {
                r.role == role
                    && (level.is_none() || r.level.is_none() || r.level.as_deref() == level)
            })
        });
        let (Some((holder, _)), None) = (holders.next(), holders.next()) else { continue };
        if role == "other" {
            continue;
        }
        // the name as first written in this text (a search among its few mentions)
        let name = keys
            .iter()
            .zip(&names)
            .find(|(key, _)| key.as_ref() == holder.as_str())
            .map_or_else(|| holder.clone(), |(_, n)| n.to_string());
        let mut roles = Vec::new();
        push_role(sc, p, &mut roles);
        let mut e = Entity::new(EntityKind::Official, sc.span(p.start, p.end));
        e.name = Some(name);
        e.roles = Some(roles);
        out.push(e);
    }
}

/// Where the title after a verb of appointment starting at token `j` starts (one stop word
/// may stand between: 被任命为该厅厅长), if a title phrase starts there.
fn appointed_title_at(
    sc: &Scan<'_>,
    j: usize,
    phrase_starting: &impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    if !sc.has_kind(j, kind::APPOINT) {
        return None;
    }
    let h = sc.longest_from(j, |t| matches!(t, Tag::Appoint))?;
    let k = h.tok_end as usize;
    if phrase_starting(k).is_some() {
        return Some(k);
    }
    (k < sc.n() && sc.is_stop(k) && phrase_starting(k + 1).is_some()).then_some(k + 1)
}

fn push_role(sc: &Scan<'_>, p: &Phrase<'_>, roles: &mut Vec<Role>) {
    if let Some((role, level)) = p.role {
        if !roles.iter().any(|x| x.role == role && x.level.as_deref() == level) {
            roles.push(Role {
                role: role.to_string(),
                level: level.map(str::to_string),
                text: sc.text(p.start, p.end).to_string(),
            });
        }
    }
}

/// The longest honorific ending right before token `a` ("генерал-майор", not its "майор"):
/// (its length in tokens, implies office).
fn honorific_before(sc: &Scan<'_>, a: usize) -> Option<(usize, bool)> {
    for len in (1..=3).rev() {
        if len > a {
            continue;
        }
        let s = a - len;
        if !sc.has_kind(s, kind::HONORIFIC) {
            continue;
        }
        if let Some(h) = sc.hits_from(s).find(|h| {
            matches!(sc.entry(h).tag, Tag::Honorific) && h.tok_end as usize == a && sc.ends_token(h)
        }) {
            return Some((len, sc.entry(h).options.office));
        }
    }
    None
}

fn starts_phrase(sc: &Scan<'_>, i: usize) -> bool {
    sc.has_kind(i, kind::HEAD | kind::ROLE | kind::MOD | kind::BODY | kind::LEVEL)
}

/// The start of the given names before a family name that closes a name, right after an
/// honorific: the Ê-đê write the given name first ("bà H'Nga Niê", "ông Y Biêr Niê").
fn given_names_before(
    sc: &Scan<'_>,
    claims: &[Claim],
    names: &[(usize, usize)],
    family: usize,
) -> Option<usize> {
    let after_last_name = names.last().map_or(0, |&(_, e)| e);
    let mut a = family;
    while a > after_last_name
        && family - a < 3
        && claims[a - 1] == Claim::Free
        && sc.is_name_token(a - 1)
        && sc.p().tokens[a].space_before
    {
        a -= 1;
        if a > 0 && sc.covered_by(a - 1, kind::HONORIFIC) {
            return Some(a);
        }
    }
    None
}

/// Whether `h`, a complete role starting at token `j`, ends inside a longer body that starts
/// within it: without diacritics "Truong Ban To chuc" reads as "trưởng bản" (village head) + "To
/// chuc", but the body "ban tổ chức" goes on past it, so the head "trưởng" + that body is the title.
fn role_crossed_by_body(sc: &Scan<'_>, j: usize, h: &crate::lang::Hit) -> bool {
    let end = h.tok_end as usize;
    matches!(sc.entry(h).tag, Tag::Role(..))
        && (j + 1..end).any(|k| {
            sc.hits_at(k)
                .iter()
                .any(|o| o.tok_end as usize > end && matches!(sc.entry(o).tag, Tag::Body(..)))
        })
}

/// Parses a title phrase starting at token `i`; `compose_key`: room for the key of the
/// composition table.
fn parse_phrase<'a>(
    sc: &Scan<'a>,
    claims: &[Claim],
    is_name_start: &[bool],
    i: usize,
    compose_key: &mut (String, String),
) -> Option<Phrase<'a>> {
    let n = sc.n();
    let mut standing = false;
    let mut deputy = false;
    let mut of_previous = false;
    let mut plural = false;
    let mut head: Option<&'a str> = None;
    let mut role: Option<(&'a str, Option<&'a str>)> = None;
    // the bodies named: the first, and the most specific of BODY_PRIORITY (its rank)
    let mut first_body: Option<&'a str> = None;
    let mut known_body: Option<usize> = None;
    let mut level: Option<&'a str> = None;
    let mut unit_level: Option<&'a str> = None;
    let mut j = i;
    let mut last_content = i; // end of the last token that carried meaning
    'tokens: while j < n && j - i < MAX_PHRASE {
        if j > i && is_name_start[j] {
            break;
        }
        // hits in this token, maximal ones only (not inside a longer hit)
        let relevant = |h: &&crate::lang::Hit| {
            sc.kind_of(h) & NOT_IN_TITLE == 0
                && (h.tok_end as usize == j + 1 || sc.ends_token(h))
                && !role_crossed_by_body(sc, j, h)
        };
        let here = sc.hits_at(j);
        let maximal = here.iter().filter(relevant).filter(|h| {
            !here.iter().any(|o| {
                (o.fstart <= h.fstart && o.fend >= h.fend)
                    && (o.fend - o.fstart > h.fend - h.fstart)
                    && relevant(&o)
            })
        });
        let mut next = j + 1;
        let mut meaningful = false;
        for h in maximal {
            let tag = &sc.entry(h).tag;
            plural |= sc.entry(h).options.plural;
            match tag {
                Tag::Head(id) => {
                    if head.is_some() || role.is_some() {
                        break 'tokens;
                    }
                    head = Some(id);
                }
                Tag::Mod(m) => {
                    if (head.is_some() || role.is_some()) && first_body.is_some() {
                        break 'tokens;
                    }
                    if sc.entry(h).options.previous {
                        of_previous = true;
                    }
                    match m.as_str() {
                        "deputy" => deputy = true,
                        "standing" => standing = true,
                        _ => {}
                    }
                }
                Tag::Role(r, l) => {
                    if head.is_some() || role.is_some() {
                        break 'tokens;
                    }
                    role = Some((r, l.as_deref()));
                }
                Tag::Body(b, l) => {
                    first_body.get_or_insert(b);
                    if let Some(rank) = BODY_PRIORITY.iter().position(|x| x == b) {
                        known_body = Some(known_body.map_or(rank, |k| k.min(rank)));
                    }
                    if level.is_none() {
                        level = l.as_deref();
                    }
                }
                Tag::Level(l) => {
                    if level.is_none() {
                        level = Some(l);
                    }
                }
                Tag::Unit(t) => {
                    if unit_level.is_none() && crate::lexicon::LEVELS.contains(&t.as_str()) {
                        unit_level = Some(t);
                    }
                }
                Tag::Honorific => break 'tokens,
                Tag::Conj => {
                    // "Minister für Wissenschaft und Technologie": a conjunction inside a name
                    let after = h.tok_end as usize;
                    let inside = after < n
                        && sc.p().tokens[after].cap
                        && !starts_phrase(sc, after)
                        && !is_name_start[after]
                        && !sc.is_vocabulary(after);
                    if !inside || (head.is_none() && role.is_none()) {
                        break 'tokens;
                    }
                    j = after;
                    continue 'tokens;
                }
                Tag::Place(_) => {}
                _ => continue,
            }
            if !matches!(tag, Tag::Place(_)) {
                meaningful = true;
            }
            next = next.max(h.tok_end as usize);
        }
        if meaningful {
            last_content = next;
            j = next;
            continue;
        }
        let t = &sc.p().tokens[j];
        if claims[j] == Claim::Unit || sc.has_kind(j, kind::PLACE) {
            last_content = j + 1;
            j += 1;
            continue;
        }
        if t.class == TokenClass::Punct {
            let s = sc.p().tok(j);
            if (s == "'" || s == "’" || s == "-") && !t.space_before {
                j += 1;
                continue;
            }
            break;
        }
        if sc.is_stop(j) && sc.conj_len(j).is_none() {
            j += 1;
            continue;
        }
        if t.class == TokenClass::Word && t.cap && !sc.is_family(j) {
            // unknown capitalised word inside a title (a name of a body, a German noun)
            j += 1;
            continue;
        }
        break;
    }
    let end = last_content;
    if of_previous && head.is_none() && role.is_none() && end > i {
        return Some(Phrase { start: i, end, role: None, parts: None, of_previous, plural });
    }
    if end <= i || (head.is_none() && role.is_none()) {
        return None;
    }
    let level = level.or(unit_level);
    let mut parts = None;
    let role = match role {
        Some((r, l)) => Some((r, l.or(level))),
        None => {
            let head = head?;
            // a title names the most specific body it holds
            let body = known_body.map(|k| BODY_PRIORITY[k]).or(first_body);
            parts = Some((head, body));
            composed(sc, (standing, deputy), head, body, level, compose_key)
        }
    };
    Some(Phrase { start: i, end, role, parts, of_previous: false, plural })
}

/// The role of a head over a body (`head_mods`: standing, deputy) in the composition table,
/// with its level (`central` for the offices of the state); `compose_key`: room for the key.
fn composed<'a>(
    sc: &Scan<'a>,
    (standing, deputy): (bool, bool),
    head: &str,
    body: Option<&str>,
    level: Option<&'a str>,
    compose_key: &mut (String, String),
) -> Option<(&'a str, Option<&'a str>)> {
    let (key, body_key) = compose_key;
    key.clear();
    if standing {
        key.push_str("standing_");
    }
    if deputy {
        key.push_str("deputy_");
    }
    key.push_str(head);
    body_key.clear();
    body_key.push_str(body.unwrap_or("-"));
    sc.ctx.pack.compose.get(compose_key).map(|r| {
        let level = if matches!(
            r.as_str(),
            "prime_minister"
                | "deputy_prime_minister"
                | "minister"
                | "deputy_minister"
                | "na_chair"
                | "general_secretary"
                | "president"
        ) {
            Some("central")
        } else {
            level
        };
        (r.as_str(), level)
    })
}

/// The role of a deputy of the office that the title `before` names ("the director of the
/// department and his deputy"), if `before` ends close to `start` and was composed of a
/// head and a body.
fn deputy_of<'a>(
    sc: &Scan<'a>,
    before: &Phrase<'a>,
    start: usize,
    compose_key: &mut (String, String),
) -> Option<(&'a str, Option<&'a str>)> {
    // the name of the office's holder (and a conjunction) may stand between
    if start > before.end + 6 {
        return None;
    }
    let (head, body) = before.parts?;
    let level = before.role.and_then(|(_, l)| l);
    composed(sc, (false, true), head, body, level, compose_key)
}
