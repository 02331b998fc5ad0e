"""The bindings give exactly the command line's JSON on every gold document."""

from __future__ import annotations

import pytest

import civic
from conftest import GOLD_DOCS


@pytest.mark.parametrize("doc", GOLD_DOCS, ids=[d["id"] for d in GOLD_DOCS])
def test_extract_equals_cli(doc, cli_output):
    got = civic.extract(doc["text"], id=doc["id"]).to_dict()
    want = cli_output[doc["id"]]
    # The command line may add keys of its own; every key of the contract must be equal.
    want = {k: want[k] for k in got if k in want}
    if got != want:
        diff = [
            f"  python: {g}\n  cli:    {w}"
            for g, w in zip(got["entities"], want.get("entities", []))
            if g != w
        ]
        pytest.fail(
            f"{doc['id']}: lang {got['lang']!r} vs {want.get('lang')!r} (the extension and target/release/civic "
            f"must be built from the same sources: rerun maturin develop), "
            f"{len(got['entities'])} vs {len(want.get('entities', []))} entities\n" + "\n".join(diff[:10])
        )


def test_extract_many_equals_cli(gold, cli_output):
    docs = civic.Extractor().extract_many([(d["id"], d["text"]) for d in gold], threads=2)
    for doc in docs:
        want = cli_output[doc.id]
        got = doc.to_dict()
        assert got == {k: want[k] for k in got}, doc.id


def test_to_json_is_the_cli_line(gold, cli_output):
    """to_json() is the very line the command line prints (same serde serialisation)."""
    import json

    for d in gold[:5]:
        line = civic.extract(d["text"], id=d["id"]).to_json()
        assert json.loads(line) == civic.extract(d["text"], id=d["id"]).to_dict()
        want = cli_output[d["id"]]
        if set(want) == {"id", "lang", "entities"}:
            assert json.loads(line) == want
