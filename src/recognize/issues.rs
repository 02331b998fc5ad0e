//! Issues: topic words of the 14 categories, raised where their sentence names a difficulty,
//! a shortage, a request or a directive, and not praised in their own clause.

use super::Scan;
use crate::document::{Entity, EntityKind, IssueCategory};
use crate::lexicon::Tag;

pub(crate) fn recognize(sc: &Scan<'_>, out: &mut Vec<Entity>) {
    let n = sc.n();
    let mut s = 0;
    while s < n {
        // sentence s..e
        let mut e = s;
        while e < n {
            let end_here = sc.is_sentence_end(e) || sc.line_break_after(e);
            e += 1;
            if end_here {
                break;
            }
        }
        sentence(sc, s, e, out);
        s = e;
    }
}

fn sentence(sc: &Scan<'_>, s: usize, e: usize, out: &mut Vec<Entity>) {
    let mut cue = false;
    for i in s..e {
        if sc.hits_at(i).iter().any(|h| matches!(sc.entry(h).tag, Tag::Problem | Tag::Request)) {
            cue = true;
            break;
        }
    }
    if !cue {
        return;
    }
    // clauses split at ";" (and at ":" that opens a list)
    let mut a = s;
    while a < e {
        let mut b = a;
        while b < e && !sc.is_punct(b, ";；") {
            b += 1;
        }
        clause(sc, a, b, out);
        a = b + 1;
    }
}

fn clause(sc: &Scan<'_>, a: usize, b: usize, out: &mut Vec<Entity>) {
    if a >= b {
        return;
    }
    let mut problem = false;
    let mut positive = false;
    let mut topics: Vec<(IssueCategory, usize, usize)> = Vec::new();
    // only maximal hits: "sin problemas" (positive) hides "problemas" (problem)
    let hits: Vec<_> = (a..b).flat_map(|i| sc.hits_at(i).iter().map(move |h| (i, h))).collect();
    let relevant = |h: &crate::lang::Hit| {
        matches!(
            sc.entry(h).tag,
            Tag::Problem | Tag::Request | Tag::Positive | Tag::Issue(_)
        )
    };
    for &(i, h) in &hits {
        if !relevant(h) {
            continue;
        }
        let inside_longer = hits.iter().any(|(_, o)| {
            relevant(o)
                && o.fstart <= h.fstart
                && o.fend >= h.fend
                && (o.fend - o.fstart) > (h.fend - h.fstart)
                && std::mem::discriminant(&sc.entry(o).tag) != std::mem::discriminant(&sc.entry(h).tag)
        });
        if inside_longer {
            continue;
        }
        {
            match &sc.entry(h).tag {
                Tag::Problem | Tag::Request => problem = true,
                Tag::Positive => positive = true,
                Tag::Issue(c) => {
                    if let Some(cat) = IssueCategory::from_id(c) {
                        topics.push((cat, i, (h.tok_end as usize).min(b)));
                    }
                }
                _ => {}
            }
        }
    }
    if topics.is_empty() || (positive && !problem) {
        return;
    }
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
    let mut seen: Vec<IssueCategory> = Vec::new();
    for (cat, _, _) in topics {
        if seen.contains(&cat) {
            continue;
        }
        seen.push(cat);
        let mut ent = Entity::new(EntityKind::Issue, &sc.p().norm, sc.span(x, y));
        ent.category = Some(cat);
        out.push(ent);
    }
}
