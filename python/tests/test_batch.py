"""extract_many: the same documents as extract, in input order, for any thread count."""

from __future__ import annotations

import pytest

import civic


@pytest.fixture(scope="module")
def extractor():
    return civic.Extractor()


@pytest.fixture(scope="module")
def expected(extractor, gold):
    return [extractor.extract(d["text"], id=d["id"]) for d in gold]


@pytest.mark.parametrize("threads", [1, 2, 3, 8, None])
def test_pairs_in_order(extractor, gold, expected, threads):
    got = extractor.extract_many([(d["id"], d["text"]) for d in gold], threads=threads)
    assert [d.id for d in got] == [d["id"] for d in gold]
    assert got == expected


@pytest.mark.parametrize("threads", [1, 2])
def test_plain_texts_from_a_generator(extractor, gold, expected, threads):
    got = extractor.extract_many((d["text"] for d in gold), threads=threads)
    assert [d.id for d in got] == [None] * len(gold)
    assert [d.to_dict()["entities"] for d in got] == [d.to_dict()["entities"] for d in expected]
    assert [d.text for d in got] == [d["text"] for d in gold]


def test_repeated_batches_keep_order(extractor, gold, expected):
    texts = [(d["id"], d["text"]) for d in gold] * 5
    got = extractor.extract_many(texts, threads=2)
    assert got == expected * 5


def test_module_level_functions(gold, expected):
    assert civic.extract_many([(d["id"], d["text"]) for d in gold], threads=2) == expected
    assert [civic.extract(d["text"], id=d["id"]) for d in gold] == expected


def test_mixed_items_and_int_ids(extractor):
    docs = extractor.extract_many(["Lang Son province.", (7, "Die Gemeinde Na Sam."), ["x", "b"], (None, "c")])
    assert [d.id for d in docs] == [None, "7", "x", None]
    assert [d.text for d in docs] == ["Lang Son province.", "Die Gemeinde Na Sam.", "b", "c"]


def test_empty_batch(extractor):
    assert extractor.extract_many([]) == []
    assert extractor.extract_many(iter(()), threads=4) == []


def test_forced_language(gold):
    langs = civic.supported_languages()
    ex = civic.Extractor(lang=langs[0])
    docs = ex.extract_many([d["text"] for d in gold[:6]], threads=2)
    assert {d.lang for d in docs} == {langs[0]}
    assert docs == [ex.extract(d["text"]) for d in gold[:6]]
    assert civic.Extractor().extract_many([d["text"] for d in gold[:6]], lang=langs[0]) == docs


def test_threads_must_be_positive(extractor):
    with pytest.raises(ValueError):
        extractor.extract_many(["a", "b"], threads=0)
    with pytest.raises((OverflowError, TypeError, ValueError)):
        extractor.extract_many(["a", "b"], threads=-1)


def test_detected_language_is_the_language_extract_gives(extractor, gold, expected):
    assert [extractor.detect_language(d["text"]) for d in gold] == [d.lang for d in expected]
    assert civic.detect_language(gold[0]["text"]) == expected[0].lang
    assert civic.Extractor(lang="de").detect_language(gold[0]["text"]) == "de"
    with pytest.raises(TypeError):
        civic.detect_language(None)


def test_mixed_languages_interleaved_come_back_in_input_order(extractor, gold, expected):
    # every 5th document first, then the next: languages interleaved, grouped inside
    order = [i for k in range(5) for i in range(k, len(gold), 5)]
    got = extractor.extract_many([(gold[i]["id"], gold[i]["text"]) for i in order], threads=1)
    assert got == [expected[i] for i in order]
