#!/usr/bin/env python3
"""Extract civic entities from a JSONL archive with Dask, on a cluster of worker processes.

Input: JSON Lines, one article per line with a ``text`` and (optionally) an ``id``; plain or
compressed (``.gz``, ``.bz2``, ``.xz``: read by dask.bag.read_text), one file, several, or a glob.

Output (a folder):

- ``--format jsonl`` (default): ``part-00000.jsonl``, ... one JSON object per article, exactly
  what ``civic extract`` prints, in input order when the parts are read in name order;
- ``--format parquet`` (needs pyarrow): one row per entity, the columns of ``civic.to_frame``.

Without ``--scheduler``, a local cluster of worker processes is started
(``--workers`` processes with ``--threads-per-worker`` threads each). Each task extracts one
partition with ``Extractor.extract_many``; the extractor is built on the client (so a bad
language or a missing lexicon fails at once) and put in the graph once, as a ``dask.delayed``
value: it pickles as its settings, and each worker process that needs it rebuilds it once.

    python dask_extract.py articles.jsonl.gz -o out/ --workers 4
    python dask_extract.py 'archive/*.jsonl' -o out/ --format parquet --scheduler tcp://host:8786
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, Iterable, List, Optional

import civic

def _records(lines: Iterable[str]) -> List[tuple]:
    pairs = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        rec = json.loads(line)
        rid = rec.get("id")
        if rid is not None and not isinstance(rid, str):
            rid = json.dumps(rid) if not isinstance(rid, int) else str(rid)
        pairs.append((rid, rec.get("text") or ""))
    return pairs


def extract_partition(lines: Iterable[str], extractor: civic.Extractor, threads: int = 1) -> List[Dict[str, Any]]:
    """The contract's JSON objects of the articles of one partition, in order."""
    return [d.to_dict() for d in extractor.extract_many(_records(lines), threads=threads)]


def frame_partition(lines: Iterable[str], extractor: civic.Extractor, threads: int = 1):
    """One DataFrame row per entity of the articles of one partition."""
    return civic.to_frame(extractor.extract_many(_records(lines), threads=threads))


def run(
    inputs: List[str],
    output: str,
    extractor: civic.Extractor,
    fmt: str = "jsonl",
    blocksize: Optional[str] = "32MiB",
    threads: int = 1,
) -> List[str]:
    """Builds and runs the graph on the current Dask client; returns the files written."""
    import dask
    import dask.bag as db

    # Compressed files cannot be split: one partition per file.
    compressed = any(p.endswith((".gz", ".bz2", ".xz", ".zst")) for p in inputs)
    lines = db.read_text(inputs, blocksize=None if compressed else blocksize, compression="infer")
    os.makedirs(output, exist_ok=True)
    # One node of the graph holds the extractor; tasks refer to it instead of each carrying a copy.
    ex = dask.delayed(extractor, pure=True)
    if fmt == "jsonl":
        docs = lines.map_partitions(extract_partition, ex, threads)
        docs.map(lambda d: json.dumps(d, ensure_ascii=False)).to_textfiles(
            os.path.join(output, "part-*.jsonl"), name_function=lambda i: f"{i:05d}", encoding="utf-8"
        )
        return sorted(os.path.join(output, f) for f in os.listdir(output) if f.endswith(".jsonl"))
    if fmt == "parquet":
        import dask.dataframe as dd

        parts = [dask.delayed(frame_partition)(p, ex, threads) for p in lines.to_delayed()]
        meta = civic.to_frame([])
        frame = dd.from_delayed(parts, meta=meta, verify_meta=False)
        frame.to_parquet(output, write_index=False, name_function=lambda i: f"part-{i:05d}.parquet")
        return sorted(os.path.join(output, f) for f in os.listdir(output) if f.endswith(".parquet"))
    raise ValueError(f"unknown format {fmt!r} (jsonl or parquet)")


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSONL files or globs (optionally compressed)")
    ap.add_argument("-o", "--output", required=True, help="output folder")
    ap.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    ap.add_argument("--workers", type=int, default=2, help="local cluster: worker processes")
    ap.add_argument("--threads-per-worker", type=int, default=1, help="local cluster: threads per worker")
    ap.add_argument("--blocksize", default="32MiB", help="bytes per partition of uncompressed input")
    ap.add_argument("--languages", help="restrict detection to these languages (comma-separated)")
    ap.add_argument("--lang", help="force this language")
    args = ap.parse_args(argv)

    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            ap.error("--format parquet needs pyarrow (pip install pyarrow)")
    extractor = civic.Extractor(
        languages=args.languages.split(",") if args.languages else None, lang=args.lang
    )

    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=args.threads_per_worker, processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        files = run(args.inputs, args.output, extractor, args.format, args.blocksize, args.threads_per_worker)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"wrote {len(files)} file(s) to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
