"""The table model: a table as rows of cells holding text lines, what the ruled and unruled finders
produce and what the logframe interpreter reads. Coordinates are in the page's upright frame."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from extractors.acronyms import ACRONYM_TOKEN
from pipeline.pdf.model import BBox, Line, PageLayout


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


# A slot of a form printed empty: a level's name and a number, "No." or dots, then a colon
# ("Outcome 2:", "Specific objective No.:", "Activité n° :").
SLOT_LABEL = re.compile(r"^[^\W\d_][^\d:]{0,40}?\s*(\d{1,2}|no\.?|n[°º]\.?|#|\.{2,}|…)?\s*:$", re.IGNORECASE)


def blank_form(grid: Grid) -> bool:
    """A monitoring template the plan prints for later use, not a results framework: but for its
    header row, each row holds one cell of text at most, a banner across the table or a slot label
    in its first column ("Outcome 1:", "Activity No.:"), and nothing is filled in beside the slots."""
    slots, header = 0, False
    for row in grid.rows:
        cells = row.text_cells()
        if len(cells) > 1:
            if header or slots:
                return False
            header = True  # the column headings, above every slot
            continue
        if cells and cells[0].colspan == 1:
            if cells[0].col != 0 or not all(SLOT_LABEL.match(ln.text.strip()) for ln in cells[0].lines):
                return False
            slots += 1
    return slots >= 2


def acronym_list(grid: Grid) -> bool:
    """A list of abbreviations drawn as a table ("AFoU | Agriculture Faculties of Universities"): in
    nearly every row, an acronym alone, then its long form. Its names are the document's acronyms
    (``extractors.acronyms``), never a card's labels or a logframe's rows."""
    rows = [row.text_cells() for row in grid.rows]
    rows = [cells for cells in rows if cells]
    pairs = sum(1 for cells in rows if len(cells) == 2 and ACRONYM_TOKEN.match(cells[0].raw_text.strip())
                and len(cells[1].raw_text.split()) >= 2)
    return len(rows) >= 3 and pairs >= 0.8 * len(rows)


# ---- a grid as a reader sees it ------------------------------------------------------------------
# Ruling lines drawn cell by cell (Word and LibreOffice exports) leave slivers: a column a few points
# wide that no cell occupies alone, cells drawn twice over each other, a row cut in several by rules
# that cross only some of its cells. ``tidy`` gives the grid a reader sees: one column per column of
# text, each row once, each word once. Report tables are read this way (extractors/report_tables.py).

def _cell_words(cell: Cell) -> set:
    return {w for line in cell.lines for w in line.words}


def _rows_spanned(grid: Grid, cell: Cell) -> list[int]:
    """Indexes of the grid's rows whose band a cell's box covers."""
    top, bottom = cell.bbox[1], cell.bbox[3]
    return [i for i, r in enumerate(grid.rows) if r.bbox[1] >= top - 1 and r.bbox[3] <= bottom + 1]


def join_spanned_rows(grid: Grid, joins: Callable[[Cell], bool]) -> list[Row]:
    """Rows the ruling cut in several joined again: rows a cell accepted by ``joins`` spans (a value
    printed once, centred, beside a label cut over three rules) are one row."""
    owner = list(range(len(grid.rows)))

    def find(i: int) -> int:
        while owner[i] != i:
            i = owner[i]
        return i

    for row in grid.rows:
        for cell in row.cells:
            if cell.empty or not joins(cell):
                continue
            spanned = _rows_spanned(grid, cell)
            for i in spanned[1:]:
                owner[find(i)] = find(spanned[0])
    joined: dict[int, list[Row]] = {}
    for i, row in enumerate(grid.rows):
        joined.setdefault(find(i), []).append(row)
    return [_join_rows(parts) for _, parts in sorted(joined.items())]


def _join_rows(parts: list[Row]) -> Row:
    if len(parts) == 1:
        return parts[0]
    cells = [c for r in parts for c in r.cells]
    box = (min(r.bbox[0] for r in parts), min(r.bbox[1] for r in parts),
           max(r.bbox[2] for r in parts), max(r.bbox[3] for r in parts))
    return Row(page=parts[0].page, cells=cells, bbox=box)


def column_groups(ncols: int, rows: list[Row]) -> list[list[int]]:
    """The grid's columns grouped into the columns a reader sees. A column that no non-empty cell
    occupies alone is a sliver: it joins the neighbour that cells spanning it share (the one they
    share most), or is dropped when no non-empty cell touches it."""
    alone = [False] * ncols
    shared = [[0, 0] for _ in range(ncols)]  # cells spanning a column and its left / right neighbour
    touched = [False] * ncols
    for row in rows:
        for c in row.cells:
            if c.empty:
                continue
            span = range(c.col, min(c.col + c.colspan, ncols))
            for k in span:
                touched[k] = True
            if c.colspan == 1:
                alone[c.col] = True
            for k in span:
                if k - 1 in span:
                    shared[k][0] += 1
                if k + 1 in span:
                    shared[k][1] += 1
    groups: list[list[int]] = []
    pending: list[int] = []  # slivers waiting for the column on their right
    for k in range(ncols):
        if not touched[k]:
            continue
        if alone[k]:
            groups.append(pending + [k])
            pending = []
        elif shared[k][0] >= shared[k][1] and shared[k][0] and groups and groups[-1][-1] == k - 1:
            groups[-1].append(k)
        else:
            pending.append(k)
    if pending:
        if groups and groups[-1][-1] == pending[0] - 1:
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    return _split_where_cells_meet(groups, rows)


def _split_where_cells_meet(groups: list[list[int]], rows: list[Row], min_rows: int = 2) -> list[list[int]]:
    """Groups cut where two non-empty cells of one row meet, in ``min_rows`` rows or more: a table
    inside a card ("# | Mesures | CT, MT, LT" under the card's label and value columns) has columns
    of its own, though none of them is a column alone."""
    meets: dict[int, int] = {}
    for row in rows:
        cells = sorted((c for c in row.cells if not c.empty), key=lambda c: c.col)
        for a, b in zip(cells, cells[1:]):
            if a.col + a.colspan == b.col:
                meets[b.col] = meets.get(b.col, 0) + 1
    cuts = {k for k, n in meets.items() if n >= min_rows}
    out: list[list[int]] = []
    for group in groups:
        part = [group[0]]
        for k in group[1:]:
            if k in cuts:
                out.append(part)
                part = []
            part.append(k)
        out.append(part)
    return out


def _regroup_row(row: Row, where: dict[int, int]) -> Row:
    """A row's cells on the grouped columns: cells falling in one column joined, each word once."""
    by_col: dict[int, list[Cell]] = {}
    spans: dict[int, int] = {}
    for c in row.cells:
        cols = sorted({where[k] for k in range(c.col, c.col + c.colspan) if k in where})
        if not cols:
            continue
        by_col.setdefault(cols[0], []).append(c)
        spans[cols[0]] = max(spans.get(cols[0], 1), cols[-1] - cols[0] + 1)
    cells = []
    for col, parts in sorted(by_col.items()):
        seen: set = set()
        lines = []
        for part in sorted(parts, key=lambda c: (c.bbox[1], c.bbox[0])):
            words = _cell_words(part)
            if words and words <= seen:
                continue  # the same words drawn in a second, overlapping cell
            seen |= words
            lines.extend(part.lines)
        lines.sort(key=lambda ln: (round(ln.top), ln.x0))
        box = (min(c.bbox[0] for c in parts), min(c.bbox[1] for c in parts),
               max(c.bbox[2] for c in parts), max(c.bbox[3] for c in parts))
        cells.append(Cell(col=col, colspan=spans[col], lines=lines, bbox=box))
    return Row(page=row.page, cells=cells, bbox=row.bbox)


def tidy(grid: Grid, joins: Callable[[Cell], bool] | None = None) -> Grid:
    """The grid as a reader sees it: rows that ``joins`` says a cell spans joined (``join_spanned_rows``),
    rows without text dropped, sliver columns joined to their neighbour (``column_groups``), cells
    drawn twice kept once."""
    rows = join_spanned_rows(grid, joins) if joins is not None else list(grid.rows)
    rows = [r for r in rows if any(not c.empty for c in r.cells)]
    groups = column_groups(grid.ncols, rows)
    where = {k: i for i, group in enumerate(groups) for k in group}
    columns = [(grid.columns[g[0]][0], grid.columns[g[-1]][1]) for g in groups]
    rows = [_regroup_row(r, where) for r in rows]
    rows = [r for r in rows if r.cells and any(not c.empty for c in r.cells)]
    return Grid(page=grid.page, columns=columns, rows=rows, method=grid.method, bbox=grid.bbox)
