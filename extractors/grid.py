"""A table as rows of cells holding text lines: what the ruled and unruled finders produce and
what the logframe interpreter reads. Coordinates are in the page's upright frame."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from pipeline.pdf_reader import PageLayout, Word

BBox = tuple[float, float, float, float]


@dataclass
class Line:
    """One visual line of text inside a cell. Its words never change once it is built, so its text
    and box are computed once (they are read many times over)."""

    words: list[Word]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

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


def group_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines (same baseline within a fraction of the font size)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        tol = max(1.5, 0.45 * (w.size or (w.bottom - w.top)))
        placed = False
        for line in reversed(lines[-3:]):
            ref = line[0]
            if abs(ref.top - w.top) <= tol or abs(ref.bottom - w.bottom) <= tol:
                line.append(w)
                placed = True
                break
        if not placed:
            lines.append([w])
    result = [Line(sorted(line, key=lambda w: w.x0)) for line in lines]
    result.sort(key=lambda ln: (ln.top, ln.x0))
    return result


def page_lines(page: PageLayout) -> list[Line]:
    """``group_lines(page.words)``, computed once per page (until its words are replaced)."""
    cached = page._lines
    if cached is None or cached[0] is not page.words:
        cached = page._lines = (page.words, group_lines(page.words))
    return list(cached[1])


def split_line_at_gaps(line: Line, min_gap: float) -> list[Line]:
    """Split a line where words are further apart than ``min_gap`` (columns of an unruled table)."""
    parts: list[list[Word]] = [[line.words[0]]]
    for w in line.words[1:]:
        if w.x0 - parts[-1][-1].x1 > min_gap:
            parts.append([w])
        else:
            parts[-1].append(w)
    return [Line(p) for p in parts]
