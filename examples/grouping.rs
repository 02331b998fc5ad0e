//! Extraction alone (no reading, parsing or writing) of the texts of a JSONL archive, in three
//! orders: as they come, grouped by language within runs of 1024 (as `civic extract` groups
//! a batch), and sorted by language. It measures what the order of languages costs, which
//! end-to-end runs hide under their other work.
//!
//! `cargo run --release --example grouping -- ARCHIVE.jsonl [ROUNDS]` (an archive from
//! `benches/archive.sh`; 3 rounds by default) prints MB/s for each order, for language
//! detection alone and for the quick guess that groups texts (with the texts where the guess
//! and detection disagree).

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: grouping ARCHIVE.jsonl [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let archive = std::fs::read_to_string(&path).expect("the archive reads");
    let texts: Vec<String> = archive
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let ex = civic::Extractor::new();
    let in_order: Vec<(&str, &str)> =
        texts.iter().map(|t| (ex.detect_language(t), t.as_str())).collect();
    let mut grouped = in_order.clone();
    for run in grouped.chunks_mut(1024) {
        run.sort_by_key(|&(lang, _)| lang);
    }
    let mut sorted = in_order.clone();
    sorted.sort_by_key(|&(lang, _)| lang);
    let rate = |order: &[(&str, &str)]| {
        let start = Instant::now();
        for &(lang, text) in order {
            black_box(ex.extract_as(None, black_box(text), Some(lang)));
        }
        mb / start.elapsed().as_secs_f64()
    };
    let disagree = in_order.iter().filter(|&&(lang, t)| ex.guess_language(t) != lang).count();
    println!("{} texts, {mb:.1} MB; the guess differs from detection on {disagree}", texts.len());
    for round in 1..=rounds {
        let (a, g, s) = (rate(&in_order), rate(&grouped), rate(&sorted));
        let start = Instant::now();
        for &(_, text) in &in_order {
            black_box(ex.detect_language(black_box(text)));
        }
        let d = mb / start.elapsed().as_secs_f64();
        let start = Instant::now();
        for &(_, text) in &in_order {
            black_box(ex.guess_language(black_box(text)));
        }
        let q = mb / start.elapsed().as_secs_f64();
        println!(
            "round {round}: as they come {a:.1} MB/s, grouped in runs of 1024 {g:.1}, \
             sorted by language {s:.1}; detection alone {d:.0} MB/s, guess alone {q:.0} MB/s"
        );
    }
}
