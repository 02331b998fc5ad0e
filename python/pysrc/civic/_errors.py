"""The exceptions civic raises (all of them subclasses of :class:`CivicError`)."""

from __future__ import annotations

from typing import Optional, Sequence

__all__ = ["CivicError", "UnknownLanguageError", "LexiconError", "LexiconFileError"]


class CivicError(ValueError):
    """Base class of civic's errors (a :class:`ValueError`)."""


class UnknownLanguageError(CivicError):
    """A language code that civic does not know; ``supported`` lists the ones it knows."""

    def __init__(self, message: str, language: str = "", supported: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.language = language
        self.supported = list(supported)

    def __reduce__(self):  # keep the attributes across processes
        return (type(self), (self.args[0], self.language, self.supported))


class LexiconError(CivicError):
    """A lexicon that cannot be used: a line that cannot be parsed (``line``, 1-based)."""

    def __init__(self, message: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.line = line

    def __reduce__(self):
        return (type(self), (self.args[0], self.line))


class LexiconFileError(LexiconError, OSError):
    """A lexicon file or pack folder that cannot be read.

    Also an :class:`OSError`: ``errno``, ``strerror`` and ``filename`` (the path) are set.
    """

    def __init__(self, errno: int, strerror: str, filename: str) -> None:
        OSError.__init__(self, errno, strerror, filename)
        self.line = None

    def __str__(self) -> str:
        return str(self.strerror)

    def __reduce__(self):
        return (type(self), (self.errno, self.strerror, self.filename))
