//! Language detection: script first (Han, Cyrillic), then Vietnamese cues (its letters, or
//! its frequent syllables for text written without diacritics), then whatlang restricted
//! to the enabled languages.

use crate::lang::{Pack, Script};
use crate::text::{Prepared, TokenClass};

/// Letters that occur in Vietnamese and (almost) nowhere else.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}')
}

/// Chooses the pack for a text among `packs` (all enabled).
#[inline(never)]
pub(crate) fn detect(p: &Prepared<'_>, packs: &[Pack]) -> usize {
    let sample_end = p.norm.len().min(600);
    let mut cut = sample_end;
    while !p.norm.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &p.norm[..cut];
    let (mut han, mut cyr, mut viet, mut letters) = (0usize, 0usize, 0usize, 0usize);
    for c in sample.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if crate::text::is_han(c) {
                han += 1;
            } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
                cyr += 1;
            } else if is_vietnamese_letter(c) {
                viet += 1;
            }
        }
    }
    let find = |script: Script| packs.iter().position(|pk| pk.script == script);
    if letters > 0 && han * 5 >= letters {
        if let Some(i) = find(Script::Han) {
            return i;
        }
    }
    if letters > 0 && cyr * 3 >= letters {
        if let Some(i) = find(Script::Cyrillic) {
            return i;
        }
    }
    let vi = packs.iter().position(|pk| pk.code == "vi");
    if let Some(vi) = vi {
        // share of frequent Vietnamese syllables (folded); with Vietnamese letters, a lower
        // share suffices (a French text quoting "Lạng Sơn" has the letters, not the words)
        let mut words = 0usize;
        let mut common = 0usize;
        for (i, t) in p.tokens.iter().enumerate() {
            if t.start as usize >= cut {
                break;
            }
            // lower-case words only: the names of a translated article are Vietnamese too
            if t.class == TokenClass::Word && !t.cap {
                words += 1;
                if packs[vi].common.contains(p.ftok(i)) {
                    common += 1;
                }
            }
        }
        let letters_say_vi = letters > 0 && viet * 40 >= letters;
        if words >= 3 && (common * 10 >= words * 4 || (letters_say_vi && common * 4 >= words)) {
            return vi;
        }
        if words < 3 && letters_say_vi {
            return vi;
        }
    }
    // no Vietnamese signal: whatlang chooses among the other languages
    let allow: Vec<whatlang::Lang> = packs
        .iter()
        .filter(|pk| {
            Some(pk.code.as_str()) != vi.map(|v| packs[v].code.as_str()) || packs.len() == 1
        })
        .filter_map(|pk| pk.whatlang)
        .collect();
    if !allow.is_empty() {
        let det = whatlang::Detector::with_allowlist(allow);
        if let Some(lang) = det.detect_lang(sample) {
            if let Some(i) = packs.iter().position(|pk| pk.whatlang == Some(lang)) {
                return i;
            }
        }
    }
    packs.iter().position(|pk| pk.code == "en").unwrap_or(0)
}

/// Whether a Vietnamese text is written with diacritics.
#[inline(never)]
pub(crate) fn has_vietnamese_diacritics(p: &Prepared<'_>) -> bool {
    let mut viet = 0usize;
    let mut letters = 0usize;
    for c in p.norm.chars().take(20_000) {
        if c.is_alphabetic() {
            letters += 1;
            if is_vietnamese_letter(c) {
                viet += 1;
            }
        }
    }
    letters > 0 && viet * 40 >= letters
}
