"""Shared fixtures: the gold corpus and the command line's output on it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "corpus" / "gold"
EXAMPLES = REPO / "python" / "examples"


def load_gold() -> List[dict]:
    """Every annotated article of corpus/gold: dicts with id, lang, text."""
    docs = []
    for path in sorted(GOLD.glob("*/*.json")):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        docs.append({"id": d.get("id") or path.stem, "lang": d.get("lang"), "text": d["text"]})
    return docs


GOLD_DOCS = load_gold()


@pytest.fixture(scope="session")
def gold() -> List[dict]:
    assert GOLD_DOCS, f"no gold documents under {GOLD}"
    return GOLD_DOCS


@pytest.fixture(scope="session")
def gold_jsonl(tmp_path_factory, gold) -> Path:
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for d in gold:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def cli_binary() -> Path:
    """target/release/civic, built (or brought up to date) with cargo for this session."""
    binary = REPO / "target" / "release" / ("civic.exe" if os.name == "nt" else "civic")
    cargo = shutil.which("cargo")
    if cargo is not None and os.environ.get("CIVIC_SKIP_CARGO_BUILD") != "1":
        r = subprocess.run(
            [cargo, "build", "--release", "-p", "civic", "--bin", "civic"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            pytest.fail(f"cargo build --release failed:\n{r.stderr[-4000:]}")
    if not binary.exists():
        pytest.skip(f"{binary} does not exist and cargo is not available to build it")
    return binary


def _parse_json_output(out: str) -> List[dict]:
    out = out.strip()
    if not out:
        return []
    if out.startswith("["):
        return json.loads(out)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def cli_output(cli_binary, gold_jsonl, gold) -> Dict[str, dict]:
    """The command line's JSON for every gold document, by id.

    `civic extract` is tried with the JSONL file as argument, then on standard input (with and
    without `-`), then the bare binary on standard input; the first that prints one JSON object
    per document, with the right ids, is used.
    """
    data = gold_jsonl.read_bytes()
    attempts = [
        ([str(cli_binary), "extract", str(gold_jsonl)], None),
        ([str(cli_binary), "extract"], data),
        ([str(cli_binary), "extract", "-"], data),
        ([str(cli_binary)], data),
    ]
    want = [d["id"] for d in gold]
    failures = []
    for argv, stdin in attempts:
        try:
            r = subprocess.run(argv, input=stdin, capture_output=True, timeout=300, cwd=REPO)
        except subprocess.TimeoutExpired:
            failures.append(f"{argv[1:]}: timed out")
            continue
        if r.returncode != 0:
            failures.append(f"{argv[1:]}: exit {r.returncode}: {r.stderr.decode(errors='replace')[-500:]}")
            continue
        try:
            objs = _parse_json_output(r.stdout.decode("utf-8"))
        except ValueError as e:
            failures.append(f"{argv[1:]}: output is not JSON lines ({e})")
            continue
        ids = [o.get("id") for o in objs if isinstance(o, dict)]
        if sorted(map(str, ids)) != sorted(want):
            failures.append(f"{argv[1:]}: {len(objs)} objects, ids {ids[:3]}...")
            continue
        return {str(o["id"]): o for o in objs}
    pytest.fail("could not get JSON from the command line:\n" + "\n".join(failures))


@pytest.fixture(scope="session")
def python_env() -> Dict[str, str]:
    """The environment for subprocesses (they run this interpreter, where civic is installed)."""
    env = dict(os.environ)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_python(args, env, timeout=300, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd)
