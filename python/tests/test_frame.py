"""civic.to_frame: one row per entity, fixed columns and dtypes."""

from __future__ import annotations

import sys

import pytest

import civic

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def docs(gold):
    return civic.extract_many([(d["id"], d["text"]) for d in gold], threads=2)


def check_dtypes(df):
    assert list(df.columns) == list(civic.COLUMNS) == [
        "doc_id", "lang", "kind", "text", "start", "end", "name", "roles",
        "unit_type", "value", "qualifier", "counted", "category",
    ]
    for col in ["lang", "kind", "unit_type", "category"]:
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    for col in ["start", "end"]:
        assert df[col].dtype == "Int64", col
    assert df["value"].dtype == "float64"
    for col in ["doc_id", "text", "name", "roles", "qualifier", "counted"]:
        assert isinstance(df[col].dtype, pd.StringDtype), col
    assert list(df["kind"].cat.categories) == ["official", "unit", "count", "issue"]


def test_columns_and_dtypes(docs):
    df = civic.to_frame(docs)
    check_dtypes(df)
    assert len(df) == sum(len(d) for d in docs)


def test_rows_match_entities(docs):
    df = civic.to_frame(docs)
    rows = df.to_dict("records")
    i = 0
    for doc in docs:
        for e in doc:
            r = rows[i]
            i += 1
            assert r["doc_id"] == doc.id and r["lang"] == doc.lang
            assert (r["kind"], r["text"], r["start"], r["end"]) == (e.kind, e.text, e.start, e.end)
            assert doc.text[r["start"] : r["end"]] == r["text"]
            if e.kind == "official":
                assert r["roles"] == ",".join(x.role for x in e.roles)
            else:
                assert pd.isna(r["roles"])
            if e.value is not None:
                assert r["value"] == float(e.value)
            else:
                assert pd.isna(r["value"])
            assert (r["unit_type"] if not pd.isna(r["unit_type"]) else None) == e.unit_type
            assert (r["category"] if not pd.isna(r["category"]) else None) == e.category
    assert i == len(rows)


def test_dicts_and_single_documents(docs):
    a = civic.to_frame(docs)
    b = civic.to_frame([d.to_dict() for d in docs])
    pd.testing.assert_frame_equal(a, b)
    one = civic.to_frame(docs[0])
    assert len(one) == len(docs[0])


def test_empty():
    df = civic.to_frame([])
    assert len(df) == 0
    check_dtypes(df)
    df = civic.to_frame([civic.extract("")])
    assert len(df) == 0
    check_dtypes(df)


def test_concat_keeps_categories(docs):
    a, b = civic.to_frame(docs[:3]), civic.to_frame(docs[3:])
    both = pd.concat([a, b], ignore_index=True)
    check_dtypes(both)


def test_official_with_no_role_has_empty_roles():
    doc = civic.Document("Nguyen Van A", "vi", [civic.Entity("official", "Nguyen Van A", 0, 12, name="Nguyen Van A", roles=[])])
    df = civic.to_frame([doc])
    assert df["roles"][0] == ""


def test_bad_input():
    with pytest.raises(TypeError):
        civic.to_frame([3])


def test_import_error_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        civic.to_frame([])
