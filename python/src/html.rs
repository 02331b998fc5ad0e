//! HTML rendering of a document for notebooks (`Document._repr_html_`), in the manner of
//! displaCy: the text with every entity in a coloured `<mark>` labelled with its kind, and its
//! normalised values in the `title` (shown on hover).
//!
//! Entities may nest or overlap. Marks are kept well nested: a mark that crosses the end of an
//! enclosing one is closed there and reopened after it (the pieces share the entity's
//! `data-start`/`data-end`, and the label is written once, at the entity's end).

use std::fmt::Write;

use civic::{Document, Entity, EntityKind};

fn colour(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Official => "#aa9cfc",
        EntityKind::Unit => "#feca74",
        EntityKind::Count => "#7aecec",
        EntityKind::Issue => "#ff9fa8",
        _ => "#dddddd",
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(s, &mut out);
    out
}

/// The hover text: the kind and the normalised values (one per line).
fn title(e: &Entity) -> String {
    let mut lines = vec![e.kind.as_str().to_string()];
    if let Some(n) = &e.name {
        lines.push(format!("name: {n}"));
    }
    if let Some(roles) = &e.roles {
        if roles.is_empty() {
            lines.push("roles: none stated".into());
        }
        for r in roles {
            match &r.level {
                Some(l) => lines.push(format!("role: {} ({l}): {}", r.role, r.text)),
                None => lines.push(format!("role: {}: {}", r.role, r.text)),
            }
        }
    }
    if let Some(u) = e.unit_type {
        lines.push(format!("unit_type: {u}"));
    }
    if let Some(v) = e.value {
        let v = match v {
            civic::Number::Int(i) => i.to_string(),
            civic::Number::Float(f) => f.to_string(),
        };
        lines.push(format!("value: {v}"));
    }
    if let Some(q) = e.qualifier.flatten() {
        lines.push(format!("qualifier: {q}"));
    }
    if let Some(c) = &e.counted {
        lines.push(format!("counted: {c}"));
    }
    if let Some(c) = e.category {
        lines.push(format!("category: {c}"));
    }
    lines.join("\n")
}

const MARK_STYLE: &str = "padding: 0.2em 0.3em; margin: 0 0.1em; line-height: 1; border-radius: 0.35em; box-decoration-break: clone; -webkit-box-decoration-break: clone;";
const LABEL_STYLE: &str = "font-size: 0.65em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; margin-left: 0.4em; text-transform: uppercase; font-family: sans-serif;";

fn open(out: &mut String, e: &Entity, titles: &[String], i: usize, continued: bool) {
    let _ = write!(
        out,
        "<mark class=\"civic-entity civic-{kind}{cont}\" data-kind=\"{kind}\" data-start=\"{start}\" data-end=\"{end}\" title=\"{title}\" style=\"background: {colour}; {MARK_STYLE}\">",
        kind = e.kind.as_str(),
        cont = if continued { " civic-continued" } else { "" },
        start = e.start,
        end = e.end,
        title = titles[i],
        colour = colour(e.kind),
    );
}

fn close(out: &mut String, e: &Entity, last: bool) {
    if last {
        let _ = write!(
            out,
            "<span class=\"civic-label\" style=\"{LABEL_STYLE}\">{}</span>",
            e.kind.as_str()
        );
    }
    out.push_str("</mark>");
}

/// The document as an HTML `<div>`: a header (id, language, counts per kind, legend) and the
/// text with the entities highlighted.
pub fn render(doc: &Document) -> String {
    let text = doc.text.as_str();
    let ents = &doc.entities;
    // Entities whose byte range is not valid for this text are listed but not marked.
    let valid: Vec<bool> = ents
        .iter()
        .map(|e| {
            e.bytes.start <= e.bytes.end
                && e.bytes.end <= text.len()
                && text.is_char_boundary(e.bytes.start)
                && text.is_char_boundary(e.bytes.end)
        })
        .collect();
    let titles: Vec<String> = ents.iter().map(|e| escaped(&title(e))).collect();

    let mut out = String::with_capacity(text.len() * 2 + ents.len() * 300);
    out.push_str("<div class=\"civic-document\" style=\"font-family: sans-serif; line-height: 2.3; white-space: pre-wrap; direction: ltr;\">");
    out.push_str("<div class=\"civic-header\" style=\"font-size: 0.85em; line-height: 1.6; color: #555; margin-bottom: 0.6em; white-space: normal;\">");
    if let Some(id) = &doc.id {
        let _ = write!(out, "<b>{}</b> · ", escaped(id));
    }
    let _ = write!(out, "lang: {} · {} entities", escaped(&doc.lang), ents.len());
    for kind in [EntityKind::Official, EntityKind::Unit, EntityKind::Count, EntityKind::Issue] {
        let n = ents.iter().filter(|e| e.kind == kind).count();
        let _ = write!(
            out,
            " <span style=\"background: {}; padding: 0.1em 0.4em; border-radius: 0.35em; margin-left: 0.3em;\">{} {n}</span>",
            colour(kind),
            kind.as_str()
        );
    }
    out.push_str("</div>");

    // Boundaries: every start and end, in byte offsets.
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for (i, e) in ents.iter().enumerate() {
        if valid[i] {
            bounds.push(e.bytes.start);
            bounds.push(e.bytes.end);
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    // Entities by start; at one start, the longest first (it is the outer mark).
    let mut by_start: Vec<usize> = (0..ents.len()).filter(|&i| valid[i]).collect();
    by_start.sort_by_key(|&i| (ents[i].bytes.start, std::cmp::Reverse(ents[i].bytes.end), i));
    let mut next = 0;
    let mut stack: Vec<usize> = Vec::new();

    for (bi, &p) in bounds.iter().enumerate() {
        // Close the entities that end here; marks above them that go on are reopened.
        if let Some(k) = stack.iter().position(|&i| ents[i].bytes.end == p) {
            let popped: Vec<usize> = stack.drain(k..).collect();
            let mut reopen = Vec::new();
            for &i in popped.iter().rev() {
                let last = ents[i].bytes.end == p;
                close(&mut out, &ents[i], last);
                if !last {
                    reopen.push(i);
                }
            }
            for &i in reopen.iter().rev() {
                open(&mut out, &ents[i], &titles, i, true);
                stack.push(i);
            }
        }
        // Open the entities that start here (empty ones open and close at once).
        while next < by_start.len() && ents[by_start[next]].bytes.start == p {
            let i = by_start[next];
            next += 1;
            open(&mut out, &ents[i], &titles, i, false);
            if ents[i].bytes.end == p {
                close(&mut out, &ents[i], true);
            } else {
                stack.push(i);
            }
        }
        if let Some(&q) = bounds.get(bi + 1) {
            escape(&text[p..q], &mut out);
        }
    }
    // Every valid entity ends at a boundary, so the stack is empty here.
    for &i in stack.iter().rev() {
        close(&mut out, &ents[i], true);
    }
    out.push_str("</div>");
    out
}
