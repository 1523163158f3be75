"""Text folding: one module, one named function per purpose.

Each purpose folds a little differently, and each difference is there for a reason:

- ``fold``: how header words, banners, vocabularies and cells are matched (lower case, accents
  off, ``’`` as ``'``, ``œ`` as ``oe``, white space collapsed; short texts cached).
- ``keyword_fold``: how WPS keywords and scorecard evidence are matched (``casefold``, so ``ß`` is
  ``ss``; accents off; white space collapsed).
- ``record_key_fold``: the text an indicator's or institution's record key hashes
  (``pipeline.store.keys``). Keys are stored and written into analysts' workbooks, so this fold
  must never change; a test pins it.
- ``fold_same_length``: lower case without accents, one character for each character, so that a
  match's positions stay valid in the original text (headings and phrases in prose).
- ``fold_with_positions``: ``keyword_fold`` and, for each folded character, its index in the text
  (a snippet is cut from the original around a match).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable


class CharTable(dict):
    """A ``str.translate`` table that works each character out with ``fn`` (its replacement, or None
    to delete it) the first time it is seen: the lookups then stay in C, where calling Python for
    every character of every text cost a fifth of some extractors' time."""

    def __init__(self, fn: Callable[[str], str | None]):
        super().__init__()
        self.fn = fn

    def __missing__(self, code: int) -> str | None:
        value = self[code] = self.fn(chr(code))
        return value


_NO_COMBINING = CharTable(lambda ch: None if unicodedata.combining(ch) else ch)


def strip_combining(text: str) -> str:
    """``text`` without its combining marks (its accents, once decomposed with NFD or NFKD)."""
    return text.translate(_NO_COMBINING)


def fold(text: str) -> str:
    """Lower case, accents stripped, whitespace collapsed: the form headers are matched in.

    Short texts (cells, lines) are cached: triage, furniture, headers and the extractors fold the
    same ones again; long ones are not, so the cache stays a few megabytes."""
    return _fold_cached(text) if len(text) <= 200 else _fold(text)


@functools.lru_cache(maxsize=1 << 15)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():  # most text: nothing to decompose (same result, a tenth of the time)
        return " ".join(text.lower().split())
    text = strip_combining(unicodedata.normalize("NFKD", text))
    text = text.replace("’", "'").replace("œ", "oe").replace("Œ", "oe")
    return " ".join(text.lower().split())


def keyword_fold(text: str) -> str:
    """Case folded, accents removed, white space collapsed: the form WPS keywords are matched on."""
    return " ".join(strip_combining(unicodedata.normalize("NFKD", text.casefold())).split())


def record_key_fold(text: str) -> str:
    """The form of an indicator's text or an institution's name that its record key hashes.
    Frozen: stored keys and exported workbooks depend on it (tests/test_fold.py pins it)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _same_length_char(ch: str) -> str:
    if ch == "’":
        return "'"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


_SAME_LENGTH = CharTable(_same_length_char)


def fold_same_length(text: str) -> str:
    """Lower case without accents, one character per character (positions stay valid)."""
    if text.isascii():
        return text.lower()
    return text.translate(_SAME_LENGTH)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """``keyword_fold(text)`` and each folded character's index in ``text``."""
    out: list[str] = []
    idx: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                idx.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in unicodedata.normalize("NFKD", ch.casefold()):
            if not unicodedata.combining(c):
                out.append(c)
                idx.append(i)
    return "".join(out), idx
