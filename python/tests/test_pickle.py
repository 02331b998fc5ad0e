"""Extractor, Document, Entity and Role pickle by rebuilding from settings and data."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

import civic


def roundtrip(obj):
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


@pytest.fixture(scope="module")
def docs(gold):
    return civic.Extractor().extract_many([(d["id"], d["text"]) for d in gold], threads=2)


def test_document_roundtrip(docs):
    for doc in docs:
        back = roundtrip(doc)
        assert back == doc
        assert back.to_dict() == doc.to_dict()
        assert back.text == doc.text
        assert back._repr_html_() == doc._repr_html_()


def test_entity_and_role_roundtrip(docs):
    n = 0
    for doc in docs:
        for e in doc:
            back = roundtrip(e)
            assert back == e
            assert back.to_dict() == e.to_dict()
            for r in e.roles or []:
                assert roundtrip(r) == r
            n += 1
    assert n > 0


def test_pickles_are_data_not_memory(docs):
    """The pickle names the class and carries plain values (no raw bytes of Rust memory)."""
    data = pickle.dumps(docs[0])
    assert b"civic._civic" in data and b"Document" in data
    assert docs[0].text.encode("utf-8")[:40] in data


def test_qualifier_null_survives(docs):
    counts = [e for d in docs for e in d.counts]
    if not counts:
        pytest.skip("no counts found in the gold corpus yet")
    for e in counts:
        assert "qualifier" in roundtrip(e).to_dict()


def _configs():
    langs = civic.supported_languages()
    return [{}, {"languages": langs[:2]}, {"lang": langs[-1]}, {"languages": langs[:1], "lang": langs[0]}]


@pytest.mark.parametrize("kwargs", _configs(), ids=repr)
def test_extractor_roundtrip(kwargs, gold):
    ex = civic.Extractor(**kwargs)
    back = roundtrip(ex)
    assert back.languages == ex.languages
    assert back.lang == ex.lang
    texts = [d["text"] for d in gold[::5]]
    assert back.extract_many(texts) == ex.extract_many(texts)


def test_extractor_with_lexicon_file_roundtrip(tmp_path, monkeypatch):
    lex = tmp_path / "extra.tsv"
    lex.write_text("Weiler\tunit=village\tbefore\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ex = civic.Extractor(lexicons={"de": "extra.tsv"})  # relative: stored as absolute
    assert ex.lexicons == {"de": [str(lex)]}
    monkeypatch.chdir("/")
    back = roundtrip(ex)
    assert back.lexicons == ex.lexicons
    text = "Der Bürgermeister besuchte den Weiler Ban Chang in der Gemeinde Na Sam."
    assert back.extract(text) == ex.extract(text)


def _extract_in_child(args):
    ex, text = args
    return ex.extract(text, id="child")


def test_cross_process_spawn(gold):
    """Objects go to a spawned process and come back (what Dask and Spark workers do)."""
    ex = civic.Extractor()
    ctx = multiprocessing.get_context("spawn")
    texts = [d["text"] for d in gold[:4]]
    with ctx.Pool(2) as pool:
        got = pool.map(_extract_in_child, [(ex, t) for t in texts])
    assert got == [ex.extract(t, id="child") for t in texts]


def test_errors_pickle():
    with pytest.raises(civic.UnknownLanguageError) as info:
        civic.Extractor(languages=["xx"])
    back = roundtrip(info.value)
    assert type(back) is civic.UnknownLanguageError
    assert back.language == "xx" and back.supported == civic.supported_languages()
    with pytest.raises(civic.LexiconFileError) as info:
        civic.Extractor(lexicons={"de": "/does/not/exist.tsv"})
    back = roundtrip(info.value)
    assert back.filename == "/does/not/exist.tsv" and isinstance(back, OSError)
