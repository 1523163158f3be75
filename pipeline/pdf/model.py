"""The page model: the types every stage of naplog reads pages in.

A ``PdfDocument`` holds ``PageLayout``s; a page holds ``Word``s and ruling ``Edge``s in its upright
frame, and caches the ``Line``s its words make (``pipeline.pdf.lines``). Nothing here reads a file:
``pipeline.pdf.reader`` does. Coordinates are PDF points with the origin at the top left, as
pdfplumber gives them.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Generic, NamedTuple, TypeVar

try:  # pipeline/pdf/_lines.c, built at install when a C compiler is there (setup.py; pip goes on without it)
    from pipeline.pdf import _lines as compiled_lines
except ImportError:
    compiled_lines = None

BBox = tuple[float, float, float, float]
T = TypeVar("T")
# pdfplumber's ligature expansion (``pdfplumber.utils.text.LIGATURES``; the tests check they agree).
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi", ",b")


def sha256_of(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Word(NamedTuple):
    """A word and its box in the page's upright frame. A named tuple, not a frozen dataclass: pages
    hold hundreds of words and a tuple is built several times faster."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


class Edge(NamedTuple):
    """A ruling line in the page's upright frame. A named tuple, as ``Word``: a ruled page holds
    hundreds of them (a rectangle gives four)."""

    orientation: str  # "h" or "v"
    x0: float
    top: float
    x1: float
    bottom: float

    def as_pdfplumber(self) -> dict:
        return {
            "orientation": self.orientation, "x0": self.x0, "x1": self.x1, "top": self.top,
            "bottom": self.bottom, "width": self.x1 - self.x0, "height": self.bottom - self.top,
            "object_type": "line",
        }


WORD_TEXT, WORD_X0, WORD_X1, WORD_TOP, WORD_BOTTOM, WORD_SIZE = map(
    attrgetter, ("text", "x0", "x1", "top", "bottom", "size"))


class computed_once(Generic[T]):  # noqa: N801 - used like functools.cached_property
    """``functools.cached_property`` without its lock: Python 3.11's takes an ``RLock`` on every
    first read, which made building a page's lines a third slower. Lines are never shared across
    threads while they are built, so the lock buys nothing here."""

    def __init__(self, fn: Callable[[Any], T]):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        # A non-data descriptor: once stored in the instance's dict, reads no longer come here.
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class Line:
    """One visual line of text inside a cell. Its words never change once it is built, so its text
    and box are computed once (they are read many times over)."""

    words: list[Word]

    # map() with the fields' getters: no Python frame per word (lines are built by the thousand).
    @computed_once
    def text(self) -> str:
        return " ".join(map(WORD_TEXT, self.words))

    @computed_once
    def x0(self) -> float:
        return min(map(WORD_X0, self.words))

    @computed_once
    def x1(self) -> float:
        return max(map(WORD_X1, self.words))

    @computed_once
    def top(self) -> float:
        return min(map(WORD_TOP, self.words))

    @computed_once
    def bottom(self) -> float:
        return max(map(WORD_BOTTOM, self.words))

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > sum(len(w.text) for w in self.words)


_TOP = attrgetter("top")
_X0 = attrgetter("x0")


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float  # of the upright frame
    height: float
    words: list[Word]
    edges: list[Edge]
    rotation: int = 0  # 0, 90 (text read bottom-to-top) or 270 (top-to-bottom)
    page_width: float = 0.0  # of the page as displayed
    page_height: float = 0.0
    # False for a text page read by PDFium in triage (words only, no ruling edges): table
    # extractors skip those (see pipeline/pdf/triage.py).
    full: bool = True
    _text: str | None = field(default=None, repr=False)
    # (the words list they were built from, its lines): see extractors.tables.page_lines.
    _lines: tuple | None = field(default=None, repr=False, compare=False)
    # (the edges list and settings they were found from, the table cells its ruling lines make):
    # see extractors.ruled.table_cell_boxes, asked for by the card and the table readers alike.
    _cell_boxes: tuple | None = field(default=None, repr=False, compare=False)
    # (the words, edges and settings they were read from, the page's ruled tables read as grids):
    # see extractors.ruled.find_ruled_grids, asked for by the card and the table readers alike.
    _grids: tuple | None = field(default=None, repr=False, compare=False)

    # A page is pickled when the reader's child process sends it back (pipeline.pdf.capped): as
    # columns, its numbers as arrays of doubles, and its cached lines as indexes into its words.
    # Word by word, pickling and unpickling the pages took a fifth of a document's extraction.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["words"] = _columns(self.words, 1, len(Word._fields) - 1)
        state["edges"] = _columns(self.edges, 1, len(Edge._fields))
        state["_lines"] = _line_indexes(self.words, self._lines)
        state["_cell_boxes"] = state["_grids"] = None  # found from the edges again where asked for
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        words = state["words"] = _rows(Word, state["words"], 1, len(Word._fields) - 1)
        state["edges"] = _rows(Edge, state["edges"], 1, len(Edge._fields))
        if state["_lines"] is not None:
            state["_lines"] = (words, [Line([words[i] for i in line]) for line in state["_lines"]])
        self.__dict__.update(state)

    def to_page_bbox(self, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """Map a box in the upright frame back to the page as displayed (pdfplumber coordinates)."""
        x0, top, x1, bottom = bbox
        if self.rotation == 90:
            return (top, self.page_height - x1, bottom, self.page_height - x0)
        if self.rotation == 270:
            return (self.page_width - bottom, x0, self.page_width - top, x1)
        return bbox

    def set_words(self, words: list[Word]) -> None:
        """Replace the page's words, forgetting the text and lines computed from the old ones."""
        self.words = words
        self._lines = None
        self._text = None

    def text(self) -> str:
        """The page's words in reading order, one text line per visual line (``py_page_text``, by
        its compiled half in ``pipeline/pdf/_lines.c`` when that was built)."""
        if self._text is None:
            text = None if compiled_lines is None else compiled_lines.page_text(self.words, Word)
            self._text = py_page_text(self.words) if text is None else text
        return self._text


def _columns(rows: list[tuple], first: int, last: int) -> tuple:
    """``rows`` (words or edges) as their columns; those from ``first`` to ``last`` (floats) packed
    as one array of doubles, the others as tuples."""
    if not rows:
        return ()
    columns = list(zip(*rows))
    numbers = array("d")
    for column in columns[first:last]:
        numbers.extend(column)
    return (len(rows), *columns[:first], numbers.tobytes(), *columns[last:])


def _rows(kind: type, packed: tuple, first: int, last: int) -> list:
    """The rows ``_columns`` packed, as ``kind`` (``Word`` or ``Edge``)."""
    if not packed:
        return []
    n, *columns = packed
    numbers = array("d")
    numbers.frombytes(columns[first])
    floats = [numbers[i * n:(i + 1) * n] for i in range(last - first)]
    # tuple.__new__ with each row: no Python frame per row, as the named tuple's own __new__ has.
    return list(map(tuple.__new__, repeat(kind), zip(*columns[:first], *floats, *columns[first + 1:])))


def _line_indexes(words: list[Word], lines: tuple | None) -> list[list[int]] | None:
    """A page's cached lines (``pipeline.pdf.lines.page_lines``) as indexes into its words; None when
    there are none, or they were built from other words (they would be built again anyway)."""
    if lines is None or lines[0] is not words:
        return None
    index = {id(w): i for i, w in enumerate(words)}
    try:
        return [[index[id(w)] for w in line.words] for line in lines[1]]
    except KeyError:  # a line holding a word the page no longer has
        return None


def py_page_text(words: list[Word]) -> str:
    """The words sorted by (rounded top, x0), ties in their order; a new line where a word's top is
    over 2 pt from its line's first word's; each line's words left to right, joined by spaces."""
    # The sort keys are built in C (a Python key function per word cost as much as the rest).
    order = sorted(zip(map(round, map(_TOP, words)), map(_X0, words), range(len(words))))
    lines: list[list[Word]] = []
    line: list[Word] = []
    first_top = 0.0
    for _, _, i in order:
        w = words[i]
        if line and abs(first_top - w.top) <= 2:
            line.append(w)
        else:
            line = [w]
            lines.append(line)
            first_top = w.top
    return "\n".join(" ".join([w.text for w in sorted(line, key=_X0)]) for line in lines)


@dataclass
class PdfDocument:
    path: Path
    sha256: str
    pages: list[PageLayout]
    total_pages: int | None = None  # of the file, when only some pages were read
    # Running headers, footers and page numbers taken off the pages (pipeline.extract.remove_furniture).
    furniture_removed: bool = False
    # Pages left out or read in part (a page PDFium cannot load, ruling lines over the cell limit):
    # the document is read without them, and these lines say so (logged by read_checked).
    warnings: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return self.total_pages if self.total_pages is not None else len(self.pages)
