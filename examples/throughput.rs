//! Extraction throughput on the texts of the gold corpus, for profiling and instruction
//! counts (the criterion bench `benches/extract.rs` is the measurement of record).
//!
//! `cargo run --release --example throughput -- [ROUNDS] [DIR...]` extracts every text of
//! the given folders (default `corpus/gold`) ROUNDS times (default 20) on one thread and
//! prints MB/s. With `ROUNDS = 0` it only builds the extractor, which lets
//! `benches/instructions.sh` subtract the start-up cost.

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut dirs: Vec<String> = args.collect();
    if dirs.is_empty() {
        dirs.push("corpus/gold".into());
    }
    let gold = civic::eval::load_gold(&dirs).expect("the corpus loads");
    let texts: Vec<String> = gold.into_iter().map(|g| g.text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let extractor = civic::Extractor::new();
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            black_box(extractor.extract(black_box(t)));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    if rounds > 0 {
        let mb = (bytes * rounds) as f64 / 1e6;
        println!(
            "{} texts, {:.2} MB per round, {rounds} rounds: {:.1} MB/s",
            texts.len(),
            bytes as f64 / 1e6,
            mb / secs
        );
    }
    println!("bytes per round: {bytes}");
}
