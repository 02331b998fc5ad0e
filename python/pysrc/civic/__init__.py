"""civic: officials, administrative units, counts and issues from news about government.

>>> import civic
>>> doc = civic.extract("Genosse Hoang Van Nghiem, Sekretär des Provinzparteiausschusses, "
...                     "arbeitete mit vier Bezirken: Dong Kinh, Ky Lua, Tam Thanh und Luong Van Tri.")
>>> doc.lang
'de'
>>> [u.name for u in doc.units]
['Dong Kinh', 'Ky Lua', 'Tam Thanh', 'Luong Van Tri']

``doc.to_dict()`` is the JSON object of the output contract (the same as ``civic extract`` on
the command line); :func:`to_frame` gives a pandas DataFrame with one row per entity; in a
notebook a document renders itself with its entities highlighted.

Many texts: ``civic.Extractor().extract_many(texts, threads=4)`` runs in parallel with the
interpreter released. Extractors, documents and entities pickle (they are rebuilt from their
settings and data), so they can be sent to multiprocessing, Dask or Spark workers.
"""

from __future__ import annotations

import os as _os

from . import _civic
from ._civic import (
    Document,
    Entity,
    Extractor,
    Role,
    __version__,
    detect_language,
    extract,
    extract_many,
    parse_number,
    supported_languages,
)
from ._errors import CivicError, LexiconError, LexiconFileError, UnknownLanguageError
from ._frame import COLUMNS, to_frame

__all__ = [
    "COLUMNS",
    "CivicError",
    "Document",
    "Entity",
    "Extractor",
    "LexiconError",
    "LexiconFileError",
    "Role",
    "UnknownLanguageError",
    "__version__",
    "detect_language",
    "extract",
    "extract_many",
    "parse_number",
    "supported_languages",
    "to_frame",
]

# A forked child has none of the parent's threads: drop the thread pools it inherited, so that
# `extract_many` after `os.fork()` (multiprocessing's default on Linux) builds fresh ones
# instead of waiting forever. The pools are also keyed by process id, as a second guard.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_civic._after_fork)
