#!/usr/bin/env python3
"""Benchmarks of the Python bindings (not a test): run with the venv's Python after
`maturin develop --release -m python/Cargo.toml`.

    python python/benches/bench_python.py [--repeat 50] [--rounds 5] [--cli target/release/civic]

1. Throughput: `Extractor.extract_many` on N times as many documents as the gold has, each new
   (as in benches/archive.sh: as many sentences as a gold text, drawn at random from the texts of
   its folder; repeated texts would let the processor learn them by heart), with 1 and 2 threads
   (and the speed-up), with and without `to_dict()` on every document; the command line on the
   same input when its binary exists (`civic extract -j 1` / `-j 2`), for comparison.
2. Per-document overhead for a ~5 KB article: the Rust work alone (`_civic._extract_json_only`,
   which extracts and serialises in Rust and returns a length) against `civic.extract`,
   `civic.extract(...).entities` and `civic.extract(...).to_dict()`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import civic
from civic import _civic

REPO = Path(__file__).resolve().parents[2]


def gold_texts():
    """(id, text, folder) of every gold text."""
    out = []
    for p in sorted((REPO / "corpus" / "gold").glob("*/*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        out.append((d["id"], d["text"], p.parent.name))
    return out


SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n+")


def new_documents(texts, repeat):
    """`repeat` rounds of new documents, one per gold text: its number of sentences, drawn at
    random (seed 0) from the texts of its folder."""
    pool = {}
    for _, text, folder in texts:
        pool.setdefault(folder, []).extend(s for s in SENTENCE_END.split(text) if s.strip())
    rng = random.Random(0)
    out = []
    for i in range(repeat):
        for doc_id, text, folder in texts:
            k = max(1, sum(1 for s in SENTENCE_END.split(text) if s.strip()))
            sents = [rng.choice(pool[folder]) for _ in range(k)]
            sep = "" if folder == "zh" else " "
            out.append((f"{i}-{doc_id}", "\n\n".join(sep.join(sents[j:j + 4]) for j in range(0, k, 4))))
    return out


def best(fn, rounds):
    """(best wall time, median wall time, CPU time of the best round) in seconds."""
    times = []
    for _ in range(rounds):
        c = time.process_time()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t, time.process_time() - c))
    return min(times)[0], statistics.median(w for w, _ in times), min(times)[1]


def per_call(fn, n, rounds):
    """Per call: (best wall, median wall, best CPU): CPU time is robust on a busy machine."""
    times = []
    for _ in range(rounds):
        c = time.process_time()
        t = time.perf_counter()
        for _ in range(n):
            fn()
        times.append(((time.perf_counter() - t) / n, (time.process_time() - c) / n))
    return min(w for w, _ in times), statistics.median(w for w, _ in times), min(c for _, c in times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cli", default=str(REPO / "target" / "release" / "civic"))
    args = ap.parse_args()

    texts = gold_texts()
    batch = new_documents(texts, args.repeat)
    total_bytes = sum(len(t.encode("utf-8")) for _, t in batch)
    ex = civic.Extractor()
    ex.extract_many(batch[:200], threads=2)  # warm up the pools and caches

    print(f"civic {civic.__version__}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; "
          f"languages {civic.supported_languages()}")
    print(f"\n1. extract_many: {len(texts)} gold texts x {args.repeat} = {len(batch)} new documents, "
          f"{total_bytes / 1e6:.1f} MB (best / median of {args.rounds})")
    results = {}
    for threads in (1, 2):
        b, m, cpu = best(lambda: ex.extract_many(batch, threads=threads), args.rounds)
        results[threads] = b
        print(f"   threads={threads}: {b:7.3f} s / {m:7.3f} s (CPU {cpu:6.3f} s)  {len(batch) / b:8.0f} docs/s  "
              f"{total_bytes / b / 1e6:6.1f} MB/s")
    print(f"   speed-up 2 threads vs 1: {results[1] / results[2]:.2f}x")
    for threads in (1, 2):
        b, m, _ = best(lambda: [d.to_dict() for d in ex.extract_many(batch, threads=threads)], args.rounds)
        print(f"   threads={threads} + to_dict(): {b:7.3f} s / {m:7.3f} s  {len(batch) / b:8.0f} docs/s "
              f"(to_dict adds {1e6 * (b - results[threads]) / len(batch):.0f} us/doc)")

    cli = Path(args.cli)
    if cli.exists():
        with tempfile.TemporaryDirectory() as tmp:
            inp = Path(tmp) / "in.jsonl"
            with open(inp, "w", encoding="utf-8") as f:
                for i, t in batch:
                    f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
            for threads in (1, 2):
                argv = [str(cli), "extract", "-q", "-j", str(threads), str(inp), "-o", str(Path(tmp) / "out.jsonl")]
                if subprocess.run(argv, capture_output=True).returncode not in (0, 1):
                    print("   (the command line failed; skipped)")
                    break
                b, m, _ = best(lambda: subprocess.run(argv, capture_output=True), args.rounds)
                print(f"   CLI -j {threads} (whole process, JSON written): {b:7.3f} s / {m:7.3f} s  {len(batch) / b:8.0f} docs/s")

    # 2. One ~5 KB article: the longest gold text, extended with a second one of its language.
    by_lang = {}
    for i, t, _ in texts:
        by_lang.setdefault(i.split("-")[0], []).append(t)
    article = ""
    for lang in ("en", "de", "vi"):
        if lang in by_lang and len(by_lang[lang]) > 1:
            article = by_lang[lang][0] + "\n\n" + by_lang[lang][1]
            break
    if not article:
        article = "\n\n".join(t for _, t, _ in texts[:2])
    n = 200
    doc = civic.extract(article)
    print(f"\n2. one article: {len(article)} characters, {len(article.encode('utf-8'))} bytes, "
          f"{len(doc)} entities (per call: best / median of {args.rounds} x {n})")
    rows = [
        ("Rust: extract only (_extract_json_only, serialize=False)", lambda: _civic._extract_json_only(article, False)),
        ("Rust: extract + serde JSON (_extract_json_only)", lambda: _civic._extract_json_only(article)),
        ("civic.extract(text)", lambda: civic.extract(article)),
        ("civic.extract(text).entities", lambda: civic.extract(article).entities),
        ("civic.extract(text).to_dict()", lambda: civic.extract(article).to_dict()),
        ("civic.extract(text).to_json()", lambda: civic.extract(article).to_json()),
    ]
    print(f"   {'':58s} {'wall best':>10s} {'median':>9s} {'CPU':>9s}  CPU over the Rust extraction")
    base = None
    for name, fn in rows:
        fn()
        b, m, c = per_call(fn, n, args.rounds)
        if base is None:
            base = c
        print(f"   {name:58s} {b * 1e6:8.1f}us {m * 1e6:7.1f}us {c * 1e6:7.1f}us  "
              f"+{(c - base) * 1e6:6.1f} us ({100 * (c - base) / base:+5.1f} %)")
    d = civic.extract(article)
    for name, fn, k in [
        ("doc.to_dict() alone", lambda: d.to_dict(), n),
        ("doc.to_json() alone", lambda: d.to_json(), n),
        ("doc._repr_html_() alone", lambda: d._repr_html_(), n),
        ("civic.to_frame([doc]) (pandas)", lambda: civic.to_frame([d]), 20),
    ]:
        b, m, c = per_call(fn, k, args.rounds)
        print(f"   {name:58s} {b * 1e6:8.1f}us {m * 1e6:7.1f}us {c * 1e6:7.1f}us")


if __name__ == "__main__":
    sys.exit(main())
