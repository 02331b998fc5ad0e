//! Throughput of extraction: `Extractor::extract` on one thread over every text of the gold
//! corpus (and the shared seed when present), and `extract_batch` on all cores.
//!
//! `cargo bench --bench extract`; criterion reports MB/s (Throughput::Bytes).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use civic::Extractor;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn texts() -> Vec<String> {
    let mut paths = vec!["corpus/gold"];
    if Path::new("../shared/corpus/seed-de.json").exists() {
        paths.push("../shared/corpus/seed-de.json");
    }
    let gold = civic::eval::load_gold(&paths).expect("the gold corpus loads");
    assert!(!gold.is_empty(), "no gold documents under corpus/gold");
    gold.into_iter().map(|g| g.text).collect()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let ex = Extractor::new();

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.bench_function("single_thread", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(ex.extract(black_box(t)));
            }
        })
    });
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    g.bench_function(format!("batch_{threads}_threads"), |b| {
        b.iter(|| pool.install(|| black_box(ex.extract_batch(black_box(&texts)))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
