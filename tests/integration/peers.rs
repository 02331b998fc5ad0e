//! Conformance with other projects' number test suites (../shared/peers: Duckling and
//! text2num-rs phrases with their values). Skips with a message where ../shared is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

fn peers_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/peers");
    if dir.join("numerals.jsonl").exists() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/peers is absent (the peer suites live outside the project)");
        None
    }
}

fn rows(dir: &std::path::Path, file: &str) -> Vec<Value> {
    std::fs::read_to_string(dir.join(file))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const EXCLUDED_TAGS: &[&str] = &["vague_quantifier", "article_ambiguous", "indian_units"];

/// A row that must pass: a non-negative whole number, not tagged as excluded.
fn required(row: &Value) -> bool {
    let tags: Vec<&str> = row["tags"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    row["integer"].as_bool() == Some(true)
        && row["value"].as_f64().is_some_and(|v| v >= 0.0)
        && !tags.iter().any(|t| EXCLUDED_TAGS.contains(t))
}

/// The value civic reads: the whole phrase (with the digit conventions of the row's
/// regional locale, such as es_MX), or (match "first") the first number in it.
fn value_of(row: &Value) -> Option<f64> {
    let text = row["text"].as_str()?;
    let lang = row["lang"].as_str()?;
    if row["match"] == "first" {
        return civic::numbers::find_first(text, lang);
    }
    civic::numbers::parse_locale(text, lang, row["locale"].as_str())
}

#[test]
fn peer_number_suites_pass_per_language() {
    let Some(dir) = peers_dir() else { return };
    let mut per_lang: BTreeMap<String, (usize, usize, Vec<String>)> = BTreeMap::new();
    let mut info: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut all = rows(&dir, "numerals.jsonl");
    all.extend(rows(&dir, "text2num.jsonl").into_iter().filter(|r| r["call"] == "text2digits"));
    for row in &all {
        let lang = row["lang"].as_str().unwrap().to_string();
        let want = row["value"].as_f64().unwrap();
        let got = value_of(row);
        let ok = got.is_some_and(|g| (g - want).abs() < 1e-6 * want.abs().max(1.0));
        if required(row) {
            let e = per_lang.entry(lang).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            } else {
                e.2.push(format!("{:?} -> {:?} (want {want})", row["text"].as_str().unwrap(), got));
            }
        } else {
            let e = info.entry(lang).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            }
        }
    }
    let mut failed = Vec::new();
    println!("peer number suites, required rows (whole, non-negative):");
    for (lang, (pass, total, misses)) in &per_lang {
        let rate = *pass as f64 / *total as f64;
        println!("  {lang}: {pass}/{total} = {:.1}%", rate * 100.0);
        for m in misses.iter().take(20) {
            println!("      miss {m}");
        }
        if rate < 0.98 {
            failed.push(format!("{lang} {:.1}%", rate * 100.0));
        }
    }
    println!("information only (decimals, fractions, negatives, excluded tags):");
    for (lang, (pass, total)) in &info {
        println!("  {lang}: {pass}/{total}");
    }
    assert!(failed.is_empty(), "languages under 98%: {failed:?}");
}

#[test]
fn text2num_must_fail_rows_do_not_parse() {
    let Some(dir) = peers_dir() else { return };
    let mut wrong = Vec::new();
    let mut total = 0;
    for row in rows(&dir, "text2num_other.jsonl") {
        if row["kind"] != "invalid" {
            continue;
        }
        total += 1;
        if let Some(v) = value_of(&row) {
            wrong.push(format!("{:?} parsed as {v}", row["text"].as_str().unwrap()));
        }
    }
    println!("must-fail rows: {total}, wrongly parsed: {}", wrong.len());
    assert!(wrong.is_empty(), "{wrong:#?}");
}
