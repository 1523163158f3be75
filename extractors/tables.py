"""The table model: a table as rows of cells holding text lines, what the ruled and unruled finders
produce and what the logframe interpreter reads. Coordinates are in the page's upright frame."""

from __future__ import annotations

from dataclasses import dataclass

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
