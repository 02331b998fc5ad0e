"""civic documents as a pandas DataFrame (pandas is optional: imported on use)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Union

from ._civic import Document, supported_languages

if TYPE_CHECKING:  # pragma: no cover
    from pandas import DataFrame as _DataFrame

__all__ = ["COLUMNS", "to_frame"]

#: The columns of :func:`to_frame`, in order.
COLUMNS = (
    "doc_id",
    "lang",
    "kind",
    "text",
    "start",
    "end",
    "name",
    "roles",
    "unit_type",
    "value",
    "qualifier",
    "counted",
    "category",
)

KINDS = ("official", "unit", "count", "issue")
UNIT_TYPES = (
    "province",
    "district",
    "ward",
    "commune",
    "town",
    "special_zone",
    "village",
    "country",
    "body",
)
CATEGORIES = (
    "facilities",
    "staffing",
    "training",
    "it_systems",
    "connectivity",
    "electricity",
    "transport",
    "regulations",
    "admin_procedures",
    "funding",
    "housing",
    "land",
    "complaints",
    "remote_areas",
)


def _import_pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "civic.to_frame needs pandas, which is not installed: pip install pandas "
            "(or pip install 'civic[pandas]')"
        ) from e
    return pandas


def _rows(doc: Union[Document, Mapping[str, Any]]) -> Iterable[Dict[str, Any]]:
    d: Mapping[str, Any] = doc.to_dict() if isinstance(doc, Document) else doc
    if not isinstance(d, Mapping) or "entities" not in d:
        raise TypeError(
            f"to_frame expects civic.Document objects or their to_dict() output, not {type(doc).__name__}"
        )
    for e in d["entities"]:
        roles = e.get("roles")
        yield {
            "doc_id": d.get("id"),
            "lang": d.get("lang"),
            "kind": e["kind"],
            "text": e["text"],
            "start": e["start"],
            "end": e["end"],
            "name": e.get("name"),
            "roles": None if roles is None else ",".join(r["role"] for r in roles),
            "unit_type": e.get("unit_type"),
            "value": e.get("value"),
            "qualifier": e.get("qualifier"),
            "counted": e.get("counted"),
            "category": e.get("category"),
        }


def to_frame(docs: Union[Document, Mapping[str, Any], Iterable[Union[Document, Mapping[str, Any]]]]) -> "_DataFrame":
    """One row per entity of ``docs`` (``Document`` objects or their ``to_dict()`` output).

    Columns (:data:`COLUMNS`), with their dtypes:

    - ``doc_id`` (string), ``lang`` (category), ``kind`` (category: official, unit, count, issue),
    - ``text`` (string), ``start`` and ``end`` (Int64, Python string indices into the text),
    - ``name`` (string; officials and units),
    - ``roles`` (string; officials): the role ids joined with commas, in the order the text gives
      them ("party_secretary,people_council_chair"), "" for an official with no role stated,
      missing for other kinds. A string rather than a list, so the column groups, compares and
      writes to CSV and Parquet as it is; ``df.roles.str.split(",").explode()`` gives one row
      per role,
    - ``unit_type`` (category), ``value`` (float64; counts), ``qualifier`` (string),
      ``counted`` (string), ``category`` (category: the issue category).

    The category columns have fixed categories (every kind, unit type and issue category of the
    output contract, every supported language), so frames of different batches concatenate
    without turning them into objects.
    """
    pd = _import_pandas()
    if isinstance(docs, (Document, Mapping)):
        docs = [docs]
    rows: List[Dict[str, Any]] = [row for doc in docs for row in _rows(doc)]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    langs = sorted(set(supported_languages()) | {r["lang"] for r in rows if r["lang"] is not None})
    string = pd.StringDtype()
    return df.astype(
        {
            "doc_id": string,
            "lang": pd.CategoricalDtype(langs),
            "kind": pd.CategoricalDtype(KINDS),
            "text": string,
            "start": "Int64",
            "end": "Int64",
            "name": string,
            "roles": string,
            "unit_type": pd.CategoricalDtype(UNIT_TYPES),
            "value": "float64",
            "qualifier": string,
            "counted": string,
            "category": pd.CategoricalDtype(CATEGORIES),
        }
    )
