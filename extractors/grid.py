"""A table as rows of cells holding text lines: what the ruled and unruled finders produce and
what the logframe interpreter reads. Coordinates are in the page's upright frame."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Callable, Generic, TypeVar

from pipeline.pdf_reader import PageLayout, Word, compiled_lines as compiled

BBox = tuple[float, float, float, float]
T = TypeVar("T")
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


@dataclass
class Cell:
    col: int  # first column
    colspan: int
    lines: list[Line]
    bbox: BBox

    @property
    def raw_text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(line.bold for line in self.lines)

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.colspan


@dataclass
class Row:
    page: PageLayout
    cells: list[Cell]
    bbox: BBox

    def cell(self, col: int) -> Cell | None:
        for c in self.cells:
            if c.covers(col):
                return c
        return None

    def text_cells(self) -> list[Cell]:
        return [c for c in self.cells if not c.empty]


@dataclass
class Grid:
    page: PageLayout
    columns: list[tuple[float, float]]
    rows: list[Row]
    method: str  # ruled_table | unruled_table
    bbox: BBox

    @property
    def ncols(self) -> int:
        return len(self.columns)


def words_in(words: list[Word], bbox: BBox, *, pad: float = 1.0) -> list[Word]:
    """Words whose centre lies inside the box."""
    x0, top, x1, bottom = bbox
    return [w for w in words if x0 - pad <= w.xc <= x1 + pad and top - pad <= w.yc <= bottom + pad]


class WordIndex:
    """``words_in`` for many boxes over the same words (a table's cells): words sorted by their
    centre's height once, each box then looks only at the band of words at its height."""

    def __init__(self, words: list[Word]):
        self.words = words
        self.order = sorted(range(len(words)), key=lambda i: words[i].yc)
        self.ycs = [words[i].yc for i in self.order]

    def within(self, bbox: BBox, *, pad: float = 1.0) -> list[Word]:
        """The words ``words_in(words, bbox, pad=pad)`` gives, in the same order."""
        x0, top, x1, bottom = bbox
        band = sorted(self.order[bisect_left(self.ycs, top - pad):bisect_right(self.ycs, bottom + pad)])
        words = self.words
        return [words[i] for i in band if x0 - pad <= words[i].xc <= x1 + pad]


_BY_TOP_X0 = attrgetter("top", "x0")
_BY_X0 = attrgetter("x0")


def _line_order(line: Line) -> tuple[float, float]:
    return line.top, line.x0


def group_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines (same baseline within a fraction of the font size):
    ``py_group_lines``, by its compiled half (``pipeline/_lines.c``) when that was built and the
    words are ``Word`` tuples of finite floats."""
    if compiled is not None:
        lines = compiled.group_lines(words, Word, Line)
        if lines is not None:
            return lines
    return py_group_lines(words)


def py_group_lines(words: list[Word]) -> list[Line]:
    """``group_lines`` in Python: its definition, and what runs without the compiled half."""
    lines: list[list[Word]] = []
    # Each line's first word's top and bottom: what a word is compared with.
    tops: list[float] = []
    bottoms: list[float] = []
    for w in sorted(words, key=_BY_TOP_X0):
        _, _, top, _, bottom, size, _ = w
        tol = 0.45 * (size or (bottom - top))
        if tol < 1.5:
            tol = 1.5
        # The three most recent lines, newest first.
        j = len(lines) - 1
        stop = j - 3 if j > 2 else -1
        while j > stop:
            if abs(tops[j] - top) <= tol or abs(bottoms[j] - bottom) <= tol:
                lines[j].append(w)
                break
            j -= 1
        else:
            lines.append([w])
            tops.append(top)
            bottoms.append(bottom)
    result = []
    for line, top in zip(lines, tops):
        # Words came in order of their tops, so a line's first word has its smallest top; once
        # sorted left to right, its first word has its smallest x0. Both are set now (they are
        # what Line would compute) because the lines are sorted by them.
        line.sort(key=_BY_X0)
        ln = Line(line)
        ln.__dict__.update(top=top, x0=line[0][1])
        result.append(ln)
    result.sort(key=_line_order)
    return result


def page_lines(page: PageLayout) -> list[Line]:
    """``group_lines(page.words)``, computed once per page (until its words are replaced)."""
    cached = page._lines
    if cached is None or cached[0] is not page.words:
        cached = page._lines = (page.words, group_lines(page.words))
    return list(cached[1])


def lines_without(words: list[Word], lines: list[Line], dropped: set[int]) -> list[Line] | None:
    """``group_lines`` of ``words`` less those whose id is in ``dropped``, from ``lines`` (the
    lines of all ``words``) when that is provably the same, else None.

    It is when the dropped words are the first and the last ones in reading order (a running
    head, a footer, a page number) and make whole lines: ``group_lines`` then built every other
    line before any line of the last ones, and looked back only at lines of the first ones where
    it now finds none, so each remaining word joins the same line as before.
    """
    order = sorted(words, key=_BY_TOP_X0)
    n = len(order)
    head = 0
    while head < n and id(order[head]) in dropped:
        head += 1
    tail = 0
    while tail < n - head and id(order[n - 1 - tail]) in dropped:
        tail += 1
    if head + tail != len(dropped):
        return None  # a dropped word among the others
    kept = []
    for line in lines:
        gone = sum(id(w) in dropped for w in line.words)
        if not gone:
            kept.append(line)
        elif gone != len(line.words):
            return None
    return kept


def split_line_at_gaps(line: Line, min_gap: float) -> list[Line]:
    """Split a line where words are further apart than ``min_gap`` (columns of an unruled table)."""
    parts: list[list[Word]] = [[line.words[0]]]
    for w in line.words[1:]:
        if w.x0 - parts[-1][-1].x1 > min_gap:
            parts.append([w])
        else:
            parts[-1].append(w)
    return [Line(p) for p in parts]
