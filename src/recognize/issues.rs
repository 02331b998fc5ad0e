//! Issues: topic words of the 14 categories, raised where their sentence names a difficulty,
//! a shortage, a request or a directive, and not praised or dismissed in their own clause.
//!
//! Only maximal cues count: a cue inside a longer cue of another meaning is hidden ("sin
//! problemas" is praise, not a problem; "IT-Ausrüstung" is IT, not facilities). A clause whose
//! last part, after a contrast word (aber, but, nhưng, mais, pero, однако, 但), praises or
//! dismisses ("but it is no longer a problem") raises nothing. The fields a staff or a course
//! is named for ("civil servants specialising in IT and land") are no problems of their own.
//! A problem word next to a word saying it is over ("проблем с электроснабжением больше нет",
//! "tình trạng mất điện đã không còn") raises nothing.

use super::Scan;
use crate::document::{Entity, EntityKind, IssueCategory};
use crate::lang::Hit;
use crate::lexicon::{Tag, kind};

pub(crate) fn recognize(sc: &Scan<'_>, out: &mut Vec<Entity>) {
    let n = sc.n();
    let ends_sentence = |i: usize| sc.is_sentence_end(i) || sc.line_break_after(i);
    // the cues of a sentence, by first token (room for those of most sentences, kept from one
    // sentence to the next)
    let mut all = Vec::with_capacity(32);
    let mut buf = Vec::with_capacity(32);
    // the hits of the sentence's bodies
    let mut bodies: Vec<&Hit> = Vec::new();
    // a sentence raises issues only with a problem or a request word: the sentences with one,
    // in order; each ends after a token with an end mark or a line break (or at the end),
    // and starts after the previous one
    let mut done = 0;
    for p in 0..n {
        if p < done || !sc.has_kind(p, kind::PROBLEM | kind::REQUEST) {
            continue;
        }
        let mut s = p;
        while s > done && !ends_sentence(s - 1) {
            s -= 1;
        }
        let mut e = p;
        while e < n {
            let end_here = ends_sentence(e);
            e += 1;
            if end_here {
                break;
            }
        }
        all.clear();
        let hits = sc.hits_in(s, e);
        // a topic word inside the name of a body ("Service de l'Éducation et de la
        // Formation", "Department of Transport") names the body, not a problem
        bodies.clear();
        bodies.extend(hits.iter().filter(|b| sc.kind_of(b) & kind::BODY != 0));
        let in_body = |h: &Hit| {
            bodies.iter().any(|b| {
                b.fstart <= h.fstart && b.fend >= h.fend && b.fend - b.fstart > h.fend - h.fstart
            })
        };
        all.extend(hits.iter().filter_map(|h| {
            let c = cue_of(sc, h)?;
            if matches!(c, Cue::Topic(_)) && in_body(h) {
                return None;
            }
            Some((h.tok as usize, h, c))
        }));
        sentence(sc, &all, s, e, &mut buf, out);
        done = e;
    }
}

/// What a cue means for issues.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    Problem,
    Request,
    Positive,
    Contrast,
    /// What follows names the field of the staff or course named before it.
    Specialty,
    /// A problem is said to be over (praise that also settles the problem words next to it).
    Settled,
    Topic(IssueCategory),
}

fn cue_of(sc: &Scan<'_>, h: &Hit) -> Option<Cue> {
    match &sc.entry(h).tag {
        Tag::Problem => Some(Cue::Problem),
        Tag::Request => Some(Cue::Request),
        Tag::Positive => Some(Cue::Positive),
        Tag::Contrast => Some(Cue::Contrast),
        Tag::Specialty => Some(Cue::Specialty),
        Tag::Settled => Some(Cue::Settled),
        Tag::Issue(c) => IssueCategory::from_id(c).map(Cue::Topic),
        _ => None,
    }
}

/// The maximal cues of tokens `a..b`: (token, cue), in text order, into `out`.
fn cues(all: &[(usize, &Hit, Cue)], a: usize, b: usize, out: &mut Vec<(usize, Cue)>) {
    out.clear();
    let lo = all.partition_point(|(i, _, _)| *i < a);
    let hi = all.partition_point(|(i, _, _)| *i < b);
    let hits = &all[lo..hi];
    debug_assert!(hits.windows(2).all(|w| w[0].1.fstart <= w[1].1.fstart));
    let inside_longer = |h: &Hit, c: &Cue| {
        hits.iter().any(|(_, o, oc)| {
            o.fstart <= h.fstart
                && o.fend >= h.fend
                && (o.fend - o.fstart) > (h.fend - h.fstart)
                && oc != c
                // a problem word inside a topic word ("Personalmangel") still signals
                && !(matches!(c, Cue::Problem | Cue::Request) && matches!(oc, Cue::Topic(_)))
                // "specialists in" keeps its staff word, and "công chức chuyên môn" its cue
                && *oc != Cue::Specialty
                && *c != Cue::Specialty
                // "больше нет" keeps its "нет" for when it settles nothing ("электричества
                // больше нет")
                && !(*oc == Cue::Settled && *c == Cue::Problem)
        })
    };
    // the hits come in order of their start: a hit can be inside another only if an
    // earlier one ends at or after its end, or one starting with it ends after it
    let mut end_before = 0;
    for (x, (i, h, c)) in hits.iter().enumerate() {
        let covered = end_before >= h.fend
            || hits[x + 1..]
                .iter()
                .take_while(|(_, o, _)| o.fstart == h.fstart)
                .any(|(_, o, _)| o.fend > h.fend);
        end_before = end_before.max(h.fend);
        if !(covered && inside_longer(h, c)) {
            out.push((*i, *c));
        }
    }
}

/// The issues of sentence `s..e`, which has a problem or request word; `buf`: room for its
/// cues.
fn sentence(
    sc: &Scan<'_>,
    all: &[(usize, &Hit, Cue)],
    s: usize,
    e: usize,
    buf: &mut Vec<(usize, Cue)>,
    out: &mut Vec<Entity>,
) {
    cues(all, s, e, buf);
    if !buf.iter().any(|(_, c)| matches!(c, Cue::Problem | Cue::Request)) {
        return;
    }
    // clauses split at ";"
    let mut a = s;
    while a < e {
        let mut b = a;
        while b < e && !sc.is_punct(b, ";；") {
            b += 1;
        }
        // a clause that is the whole sentence has the sentence's cues, in `buf` already
        if a > s || b < e {
            cues(all, a, b, buf);
        }
        clause(sc, a, b, buf, out);
        a = b + 1;
    }
}

/// How many tokens before a specialty cue a title word makes it name the field of a staff.
const STAFF_WINDOW: usize = 4;

/// How many tokens between a topic word and a problem word make the problem that topic's own
/// ("headquarters is cramped", "trụ sở xuống cấp").
const OWN_PROBLEM_GAP: usize = 2;

/// Per cue of a clause, whether it is a topic word in the field of a staff or a course: after a
/// specialty cue that follows a staffing or training topic, or shortly a title word
/// (`staff_word` of the cue's token: "400 civil servants specialising in information
/// technology, construction and land"), or that a staffing or training topic follows in its
/// phrase (`staff_after`: "mảng địa chính chỉ có một người phụ trách"), up to the next cue that
/// is no topic; staffing and training topics stay. A topic right before the problem word that
/// ends the enumeration has that problem of its own ("staff specialising in land, and its
/// headquarters is degraded"); `topic_end` gives the token after a topic word starting at a
/// token. Empty when the clause has no specialty cue (nothing hidden).
fn in_specialty(
    cues: &[(usize, Cue)],
    staff_word: impl Fn(usize) -> bool,
    staff_after: impl Fn(usize, usize) -> bool,
    topic_end: impl Fn(usize) -> usize,
) -> Vec<bool> {
    // (no vector for the clauses without a specialty cue, most of them)
    if !cues.iter().any(|(_, c)| *c == Cue::Specialty) {
        return Vec::new();
    }
    let is_staff =
        |c: &Cue| matches!(c, Cue::Topic(IssueCategory::Staffing | IssueCategory::Training));
    let mut hidden = vec![false; cues.len()];
    // the first token of a staffing or training topic
    let first_staff = cues.iter().filter(|(_, c)| is_staff(c)).map(|&(i, _)| i).min();
    // the token of the last specialty cue, while its enumeration lasts
    let mut spec = None;
    for (k, (i, c)) in cues.iter().enumerate() {
        match c {
            Cue::Specialty => spec = Some(*i),
            Cue::Topic(_) if is_staff(c) => {}
            // the staff word may start with the cue or inside it ("специалистов по", "con
            // formación en")
            Cue::Topic(_) => {
                hidden[k] = spec.is_some_and(|s| {
                    staff_word(s)
                        || first_staff.is_some_and(|f| f < *i)
                        || cues[k..].iter().any(|&(j, c)| is_staff(&c) && staff_after(s, j))
                })
            }
            _ => {
                if spec.is_some() && *c == Cue::Problem {
                    for (h, (t, _)) in hidden[..k].iter_mut().zip(cues).rev() {
                        if !*h {
                            break;
                        }
                        if topic_end(*t) + OWN_PROBLEM_GAP >= *i {
                            *h = false;
                        }
                    }
                }
                spec = None
            }
        }
    }
    hidden
}

/// How many tokens may stand between a weak topic word and the problem word that makes it the
/// one at issue.
const WEAK_GAP: usize = 1;

/// How many tokens before a settled cue that ends its phrase (or follows the problem by its
/// `after` option) a problem word may be to be the one said to be over ("проблем с
/// электроснабжением в общине больше нет", "tình trạng quá tải hồ sơ tại Trung tâm phục vụ hành
/// chính công trong tháng 7 đã được khắc phục").
const SETTLED_BEFORE: usize = 16;

/// How many tokens an aside set off by commas may have between a problem word and the passive
/// that settles it.
const ASIDE: usize = 4;

/// How many tokens after a settled cue a problem word may be to be the one said to be over
/// ("ha eliminado por completo el atraso", "no longer face the problem"); further on, the words
/// after "không còn" tell what is lost ("không còn trụ sở làm việc nên phải thuê nhà").
const SETTLED_AFTER: usize = 3;

/// `cues` of clause `..b` with each settled cue made a positive one, and the problem words it
/// settles as well: those inside or overlapping it, those at most [`SETTLED_AFTER`] tokens after
/// it, and, when it ends its phrase or is a passive (option `after`: "đã được khắc phục"), those
/// at most [`SETTLED_BEFORE`] tokens before it ("tình trạng mất điện kéo dài đã không còn."),
/// with no punctuation or contrast word between. Without
/// a problem word near, a settled cue only praises, and its own problem word stays
/// ("электричества больше нет" is a problem) unless it is a passive ("问题已经彻底解决").
fn settle(sc: &Scan<'_>, cues: &[(usize, Cue)], b: usize) -> Vec<(usize, Cue)> {
    let open = |x: usize, y: usize| {
        !(x..y).any(|p| sc.is_punct(p, ",，;；:：、()（）\"“”«»"))
            && !cues.iter().any(|&(q, c)| c == Cue::Contrast && (x..y).contains(&q))
    };
    // between a problem word and the passive that settles it, only asides set off by a pair of
    // commas ("проблему с интернетом, по его словам, удалось решить", "le retard, important en
    // août, a été résorbé")
    let aside = |x: usize, y: usize| {
        let commas: Vec<usize> = (x..y).filter(|&p| sc.is_punct(p, ",，")).collect();
        !commas.is_empty()
            && commas.len() % 2 == 0
            && commas.chunks(2).all(|w| w[1] - w[0] <= ASIDE + 1)
            && open(x, commas[0])
            && (commas.chunks(2).all(|w| {
                !cues.iter().any(|&(q, c)| c == Cue::Contrast && (w[0]..w[1]).contains(&q))
            }))
            && !(x..y).any(|p| !sc.is_punct(p, ",，") && sc.is_punct(p, ";；:：、()（）\"“”«»"))
    };
    let ends_phrase = |end: usize| end >= b || sc.is_punct(end, ",，;；:：.。!！?？…)）\"“”«»");
    let problem_end = |q: usize| end_of(sc, q, |tag| matches!(tag, Tag::Problem));
    let near = |t: usize, end: usize, passive: bool, q: usize| {
        if q < t && problem_end(q) > t {
            // overlapping it: "has no" in "has no backlog"
            true
        } else if q < t {
            // "problems with electricity: none", "проблем со связью: нет": a colon right
            // before the settled word joins it to the problem it answers
            let t_open = if t > 0 && sc.is_punct(t - 1, ":：") { t - 1 } else { t };
            t - q <= SETTLED_BEFORE
                && (passive || ends_phrase(end))
                && (open(q, t_open) || (passive && aside(q, t)))
        } else if q < end {
            true
        } else {
            q - end <= SETTLED_AFTER && open(end, q)
        }
    };
    let topic_end = |t: usize| end_of(sc, t, |tag| matches!(tag, Tag::Issue(_)));
    let mut out = cues.to_vec();
    // the problem words settled: (first token, token after)
    let mut gone: Vec<(usize, usize)> = Vec::new();
    for &(t, _) in cues.iter().filter(|(_, c)| *c == Cue::Settled) {
        let end = end_of(sc, t, |tag| matches!(tag, Tag::Settled));
        let passive = (sc.hits_at(t).iter().map(|h| sc.entry(h)))
            .any(|e| matches!(e.tag, Tag::Settled) && e.options.after);
        let outside = |q: usize| !(t..end).contains(&q) && near(t, end, passive, q);
        // a passive settles its own problem word even with none near ("这一问题已经彻底解决"
        // after a contrast)
        let wide = cues.iter().any(|&(q, c)| c == Cue::Problem && outside(q));
        if !wide && !passive {
            continue;
        }
        for (q, c) in out.iter_mut() {
            let settles = if wide { near(t, end, passive, *q) } else { (t..end).contains(q) };
            if *c == Cue::Problem && settles {
                *c = Cue::Positive;
                gone.push((*q, problem_end(*q)));
            }
        }
    }
    // a topic that shares its words with a problem said to be over, or stands next to it in
    // its phrase, goes with it ("干部短缺问题缓解", "tình trạng mất sóng đã không còn")
    for (t, c) in out.iter_mut() {
        let t = *t;
        if !matches!(c, Cue::Topic(_)) {
            continue;
        }
        let t_end = topic_end(t);
        let by = gone.iter().any(|&(q, q_end)| {
            (q < t_end && t < q_end)
                || (t_end <= q && q - t_end <= OWN_PROBLEM_GAP && open(t_end, q))
                || (q_end <= t && t - q_end <= OWN_PROBLEM_GAP && open(q_end, t))
        });
        if by {
            *c = Cue::Positive;
        }
    }
    for (_, c) in out.iter_mut() {
        if *c == Cue::Settled {
            *c = Cue::Positive;
        }
    }
    out
}

/// The token after the longest hit at token `t` whose tag `is` accepts (`t + 1` if none).
fn end_of(sc: &Scan<'_>, t: usize, is: impl Fn(&Tag) -> bool) -> usize {
    (sc.hits_at(t).iter())
        .filter(|h| is(&sc.entry(h).tag))
        .map(|h| h.tok_end as usize)
        .max()
        .unwrap_or(t + 1)
}

/// The issues of clause `a..b` of a sentence, whose maximal cues are `cues`.
fn clause(sc: &Scan<'_>, a: usize, b: usize, cues: &[(usize, Cue)], out: &mut Vec<Entity>) {
    if a >= b {
        return;
    }
    let settled;
    let cues = if cues.iter().any(|(_, c)| *c == Cue::Settled) {
        settled = settle(sc, cues, b);
        &settled[..]
    } else {
        cues
    };
    let problem = cues.iter().any(|(_, c)| *c == Cue::Problem);
    // a positive word after a request says how the work is to be done, not that it works
    // ("потребовал своевременно рассматривать жалобы", "demanded timely handling")
    let first_request = cues.iter().position(|(_, c)| *c == Cue::Request).unwrap_or(cues.len());
    let positive = cues[..first_request].iter().any(|(_, c)| *c == Cue::Positive);
    if positive && !problem {
        return;
    }
    // "..., aber das ist kein Problem mehr": the part after the last contrast dismisses it
    // "Trụ sở mới rộng rãi, ..., nhưng 4 làng vẫn chưa có sóng": the part before the first
    // contrast praises, the problem comes after it; the praised topics raise nothing
    let mut from = 0;
    if let Some(k) = cues.iter().rposition(|(_, c)| *c == Cue::Contrast) {
        let tail = &cues[k + 1..];
        if tail.iter().any(|(_, c)| *c == Cue::Positive)
            && !tail.iter().any(|(_, c)| *c == Cue::Problem)
        {
            return;
        }
        // the praise may run past a contrast word that is none ("xã này", read "nay" without
        // diacritics): the last contrast with only praise before it starts the problem
        for (j, _) in cues[..=k].iter().enumerate().filter(|(_, (_, c))| *c == Cue::Contrast) {
            let head = &cues[..j];
            if head.iter().any(|(_, c)| matches!(c, Cue::Problem | Cue::Request)) {
                break;
            }
            if head.iter().any(|(_, c)| *c == Cue::Positive) {
                from = j + 1;
            }
        }
    }
    // a title or office word shortly before ("civil servants specialising in", "funcionarios con
    // formación en") names a staff as well as a staffing topic does
    let staff_word = |i: usize| {
        (i.saturating_sub(STAFF_WINDOW)..i)
            .any(|p| p >= a && sc.has_kind(p, kind::ROLE | kind::HEAD))
    };
    let topic_end = |t: usize| end_of(sc, t, |tag| matches!(tag, Tag::Issue(_)));
    // a staffing topic at token `j` in the phrase of a specialty cue at token `s` before it
    let staff_after = |s: usize, j: usize| !(s..j).any(|p| sc.is_punct(p, ",，;；:：.。()（）"));
    let hidden = in_specialty(cues, staff_word, staff_after, topic_end);
    // a weak topic word (bare "staff": "forcing staff to receive dossiers by hand") is at issue
    // only with a problem word right next to it ("lack of staff", "staff quit"); a request
    // there says what the staff must do ("cán bộ phải hướng dẫn từng người")
    let weak = |t: usize| {
        (sc.hits_at(t).iter().map(|h| sc.entry(h)))
            .filter(|e| matches!(e.tag, Tag::Issue(_)))
            .max_by_key(|e| e.folded.len())
            .is_some_and(|e| e.options.weak)
    };
    let next_to_cue = |t: usize| {
        let t_end = topic_end(t);
        cues.iter().any(|&(q, c)| {
            c == Cue::Problem
                && if q < t {
                    let q_end = end_of(sc, q, |tag| matches!(tag, Tag::Problem));
                    q_end + WEAK_GAP >= t
                } else {
                    q <= t_end + WEAK_GAP
                }
        })
    };
    let mut topics = cues.iter().enumerate().skip(from).filter_map(|(k, &(i, c))| match c {
        Cue::Topic(t)
            if !hidden.get(k).copied().unwrap_or(false) && (!weak(i) || next_to_cue(i)) =>
        {
            Some(t)
        }
        _ => None,
    });
    let Some(first) = topics.next() else { return };
    // trim punctuation at the clause edges
    let (mut x, mut y) = (a, b);
    while x < y && sc.is_punct(x, ",:;.-–—…*•") {
        x += 1;
    }
    while y > x && sc.is_punct(y - 1, ",:;.-–—…*•") {
        y -= 1;
    }
    if x >= y {
        return;
    }
    // the categories of this clause so far are those of the entities pushed since here
    let clause_start = out.len();
    for cat in std::iter::once(first).chain(topics) {
        if out[clause_start..].iter().any(|e| e.category == Some(cat)) {
            continue;
        }
        let mut ent = Entity::new(EntityKind::Issue, sc.span(x, y));
        ent.category = Some(cat);
        out.push(ent);
    }
}
