"""Bad input raises Python exceptions; nothing crashes the interpreter."""

from __future__ import annotations

import pytest

import civic


@pytest.mark.parametrize("bad", [None, 3, 2.5, b"bytes", ["a"], object()])
def test_non_str_text_is_type_error(bad):
    with pytest.raises(TypeError):
        civic.extract(bad)
    with pytest.raises(TypeError):
        civic.Extractor().extract(bad)
    with pytest.raises(TypeError):
        civic.parse_number(bad, civic.supported_languages()[0])


@pytest.mark.parametrize("bad", [[3], [("id", 3)], [("a", "b", "c")], [b"x"], 42, None])
def test_bad_batches_are_type_error(bad):
    with pytest.raises(TypeError):
        civic.Extractor().extract_many(bad)


def test_a_single_str_is_not_a_batch():
    with pytest.raises(TypeError, match="single str"):
        civic.extract_many("one text")


def test_bad_ids():
    with pytest.raises(TypeError):
        civic.extract("text", id=3.5)
    with pytest.raises(TypeError):
        civic.extract_many([(1.5, "text")])
    assert civic.extract("text", id=12).id == "12"


def test_unknown_language_names_the_supported_ones():
    supported = civic.supported_languages()
    for call in [
        lambda: civic.Extractor(languages=["xx"]),
        lambda: civic.Extractor(lang="xx"),
        lambda: civic.extract("text", lang="xx"),
        lambda: civic.Extractor().extract("text", lang="xx"),
        lambda: civic.Extractor().extract_many(["text"], lang="xx"),
        lambda: civic.parse_number("3", "xx"),
    ]:
        with pytest.raises(ValueError) as info:
            call()
        err = info.value
        assert isinstance(err, civic.UnknownLanguageError)
        assert isinstance(err, civic.CivicError)
        assert "xx" in str(err)
        for code in supported:
            assert code in str(err)
        assert err.language == "xx"
        assert err.supported == supported


def test_language_outside_a_restricted_extractor():
    langs = civic.supported_languages()
    if len(langs) < 2:
        pytest.skip("needs two languages")
    ex = civic.Extractor(languages=[langs[0]])
    with pytest.raises(civic.UnknownLanguageError):
        ex.extract("text", lang=langs[1])


def test_missing_lexicon_file_is_os_error(tmp_path):
    missing = tmp_path / "missing.tsv"
    lang = civic.supported_languages()[0]
    with pytest.raises(OSError) as info:
        civic.Extractor(lexicons={lang: missing})
    err = info.value
    assert isinstance(err, civic.LexiconFileError)
    assert isinstance(err, civic.CivicError)
    assert err.filename == str(missing)
    assert str(missing) in str(err)
    with pytest.raises(OSError) as info:
        civic.Extractor(lexicons=[tmp_path / "no-such-pack"])
    assert "no-such-pack" in info.value.filename


def test_lexicon_for_unknown_language(tmp_path):
    lex = tmp_path / "x.tsv"
    lex.write_text("Weiler\tunit=village\tbefore\n", encoding="utf-8")
    with pytest.raises(civic.UnknownLanguageError):
        civic.Extractor(lexicons={"xx": lex})


def test_invalid_lexicon_line(tmp_path):
    lex = tmp_path / "bad.tsv"
    lex.write_text("Weiler\tno-such-tag=1\n", encoding="utf-8")
    with pytest.raises(civic.LexiconError) as info:
        civic.Extractor(lexicons={civic.supported_languages()[0]: [str(lex)]})
    assert "bad.tsv" in str(info.value)


@pytest.mark.parametrize("bad", [3, [3], {"de": 3}, {3: "x.tsv"}])
def test_bad_lexicons_argument(bad):
    with pytest.raises(TypeError):
        civic.Extractor(lexicons=bad)


def test_empty_text_gives_an_empty_document():
    for doc in [civic.extract(""), civic.Extractor().extract(""), civic.extract_many([""])[0]]:
        assert doc.text == ""
        assert len(doc) == 0
        assert doc.entities == []
        assert doc.to_dict()["entities"] == []
        assert isinstance(doc.lang, str)


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x00",
        "a\u0301" * 1000,
        "\U0001F600 " * 500,
        " \n\t " * 1000,
        "٣٤٥ ٦٧ 六千六百 4,200 6.600 1 000",
        "Xã " * 5000,
        "Genosse " * 3000 + "Hoang",
        "x" * 200_000,
        ("lorem ipsum dolor sit amet " * 5000 + "\n\n") * 9 + "Die Gemeinde Na Sam zählt 21.000 Einwohner.",
    ],
    ids=["nul", "combining", "emoji", "spaces", "digits", "unit-words", "honorifics", "one-word", "over-1MiB"],
)
def test_odd_inputs_do_not_crash(text):
    doc = civic.extract(text)
    for e in doc:
        assert doc.text[e.start : e.end] == e.text


def test_lone_surrogate_is_an_error_not_a_crash():
    with pytest.raises(UnicodeError):
        civic.extract("a\ud800b")
    with pytest.raises(UnicodeError):
        civic.extract_many(["ok", "a\udfffb"])


def test_bad_document_and_entity_construction():
    with pytest.raises(ValueError):
        civic.Entity("person", "x", 0, 1)
    with pytest.raises(ValueError):
        civic.Entity("unit", "x", 0, 1, unit_type="planet")
    with pytest.raises(ValueError):
        civic.Entity("issue", "x", 2, 1, category="funding")
    with pytest.raises(ValueError):
        civic.Document("abc", "en", [civic.Entity("issue", "x", 2, 9, category="funding")])
    with pytest.raises(TypeError):
        civic.Document("abc", "en", [3])
    with pytest.raises(TypeError):
        civic.Document("abc", "en", [{"kind": "issue", "text": "a", "start": 0, "end": 1, "bogus": 1}])
