"""Concurrent calls from Python threads, and fork after a parallel call."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import civic


@pytest.fixture(scope="module")
def expected(gold):
    return {d["id"]: civic.extract(d["text"], id=d["id"]) for d in gold}


def test_threads_extract(gold, expected):
    ex = civic.Extractor()
    jobs = [d for d in gold for _ in range(4)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda d: ex.extract(d["text"], id=d["id"]), jobs))
        got_default = list(pool.map(lambda d: civic.extract(d["text"], id=d["id"]), jobs))
    for d, a, b in zip(jobs, got, got_default):
        assert a == expected[d["id"]]
        assert b == expected[d["id"]]


def test_threads_extract_many(gold, expected):
    """Several Python threads share one extractor and run batches on shared pools."""
    ex = civic.Extractor()
    pairs = [(d["id"], d["text"]) for d in gold]

    def batch(i):
        return ex.extract_many(pairs[i:] + pairs[:i], threads=1 + i % 3)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(batch, range(12)))
    for i, docs in enumerate(results):
        want = [expected[p[0]] for p in pairs[i:] + pairs[:i]]
        assert docs == want


def test_default_extractor_first_use_from_threads(python_env):
    """The shared default extractor is built once even when many threads ask at once."""
    from conftest import run_python

    code = (
        "import civic\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "with ThreadPoolExecutor(16) as p:\n"
        "    docs = list(p.map(lambda i: civic.extract('Lang Son province has 65 communes.'), range(64)))\n"
        "assert len({d.to_json() for d in docs}) == 1\n"
        "print('ok')\n"
    )
    r = run_python(["-c", code], python_env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def _child_batch(texts):
    # Runs in a forked child after the parent used its thread pools.
    return [d.to_json() for d in civic.extract_many(texts, threads=2)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_fork_after_parallel_call(gold):
    texts = [d["text"] for d in gold[:8]]
    want = [d.to_json() for d in civic.extract_many(texts, threads=2)]  # pools now have threads
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        res = pool.map_async(_child_batch, [texts, texts[::-1]])
        got = res.get(timeout=120)  # a deadlock would time out here
    assert got[0] == want
    assert got[1] == want[::-1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_raw_fork_after_parallel_call(gold):
    texts = [d["text"] for d in gold[:6]]
    civic.extract_many(texts, threads=2)
    pid = os.fork()
    if pid == 0:  # child: must not hang; exit code tells the parent
        try:
            ok = len(civic.extract_many(texts, threads=2)) == len(texts)
            os._exit(0 if ok else 1)
        except BaseException:
            os._exit(2)
    import time

    deadline = time.monotonic() + 120
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child deadlocked in extract_many")
        time.sleep(0.05)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
