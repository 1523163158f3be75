"""Column roles decided once for a table printed over several pages.

When a table's header words name no role naplog knows, its columns take the role their cells
agree on (``extractors.content_roles``). One page of a long table may hold too few cells for that
(a sector table printing one option and its measures per page, under the same header again), and
two pages of one table read apart may come out with different roles. A reader decides a column's
role once for the whole table: here, grids that continue each other (the next grid down the
document, on the same or the next page, with the same columns, starting with the same header
printed again or with no header) form a run; their body cells are pooled for one content vote,
and every grid of the run is read with the roles found. A header whose words name the roles
still decides on its own: such grids are in no run.
"""

from __future__ import annotations

from extractors.columns import (
    Header,
    find_header,
    header_from_columns,
    label_rows,
    labels_header,
    roles_from_body,
)
from extractors.tables import Grid, Row, blank_form
from extractors.unruled import rows_below
from pipeline.pdf.model import PageLayout
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.text.fold import fold

# How far (points) a column's edges may move from one page of a table to the next.
EDGE_TOL = 12.0


def _texts(row: Row) -> tuple[str, ...]:
    return tuple(fold(c.raw_text) for c in row.cells if not c.empty)


def _same_columns(a: Grid, b: Grid) -> bool:
    return a.ncols == b.ncols and all(abs(x0 - y0) <= EDGE_TOL and abs(x1 - y1) <= EDGE_TOL
                                      for (x0, x1), (y0, y1) in zip(a.columns, b.columns))


def _leading_header_rows(grid: Grid, header_rows: list[tuple[str, ...]]) -> int:
    """How many of the grid's first rows print the run's header rows again, in order."""
    n = 0
    while n < len(header_rows) and n < len(grid.rows) and _texts(grid.rows[n]) == header_rows[n]:
        n += 1
    return n if n == len(header_rows) else 0


def _follows(prev: tuple[PageLayout, Grid], page: PageLayout, grid: Grid) -> bool:
    """``grid`` is the next grid down the document after ``prev``'s, on its page or the next one,
    with the same columns."""
    last_page, last = prev
    return page.number in (last_page.number, last_page.number + 1) and _same_columns(last, grid)


def _runs(pages: list[PageLayout], grids: list[list[Grid]],
          settings: ExtractionSettings) -> list[tuple[list[tuple[PageLayout, Grid]], list[tuple[str, ...]]]]:
    """Grids without a header of known words, grouped into runs of one table, each with the texts
    of its header rows (its first grid's rows of labels)."""
    runs: list[tuple[list[tuple[PageLayout, Grid]], list[tuple[str, ...]]]] = []
    current: list[tuple[PageLayout, Grid]] | None = None
    header_rows: list[tuple[str, ...]] = []
    for page, found in zip(pages, grids):
        for grid in found:
            if blank_form(grid) or find_header(grid, settings, by_content=False) is not None:
                current = None  # the header's words decide; a run does not go on across it
                continue
            repeated = bool(header_rows) and _leading_header_rows(grid, header_rows) > 0
            band = None if repeated else label_rows(grid, settings)
            if current is not None and _follows(current[-1], page, grid) and (repeated or band is None):
                current.append((page, grid))
                continue
            current = [(page, grid)]
            header_rows = [_texts(r) for r in grid.rows[band[0]:band[1]]] if band is not None else []
            runs.append((current, header_rows))
    return runs


def _body(page: PageLayout, grid: Grid, skip: int, floors: dict[int, float],
          settings: ExtractionSettings) -> list[Row]:
    """A grid's body rows under its ``skip`` header rows. A grid that is only its header box reads
    on in the text under it (down to ``floors``, the next grid on its page), and one whose body is a
    single box across the table (rows not ruled) in the text inside it, cut into rows as a reader
    does."""
    body = grid.rows[skip:]
    if skip and not body:
        bottom = floors.get(id(grid), page.height)
        return [r for r in rows_below(page, grid.columns, grid.bbox[3], settings) if r.bbox[3] <= bottom + 1]
    cells = body[0].text_cells() if len(body) == 1 else []
    if skip and len(cells) == 1 and cells[0].colspan >= max(2, int(0.6 * grid.ncols)):
        top = grid.rows[skip - 1].bbox[3]
        return [r for r in rows_below(page, grid.columns, top, settings) if r.bbox[3] <= grid.bbox[3] + 1]
    return body


def _unruled_pages_after(last: PageLayout, pages: list[PageLayout], grids: list[list[Grid]], first: Grid,
                         settings: ExtractionSettings) -> list[list[Row]]:
    """The rows of the pages that go on with the table without a ruled grid (its columns where the
    first grid has them, as the table is read there), up to a page of prose or of grids."""
    found = []
    at = next(i for i, p in enumerate(pages) if p is last) + 1
    while at < len(pages) and pages[at].number == pages[at - 1].number + 1 and not grids[at]:
        rows = rows_below(pages[at], first.columns, 0.0, settings)
        if not rows:
            break
        found.append(rows)
        at += 1
    return found


def _floors(grids: list[list[Grid]]) -> dict[int, float]:
    """For each grid, the top of the next grid down its page."""
    floors: dict[int, float] = {}
    for found in grids:
        for grid in found:
            under = [g.bbox[1] for g in found if g.bbox[1] >= grid.bbox[3] - 2 and g is not grid]
            if under:
                floors[id(grid)] = min(under)
    return floors


def headers_over_pages(pages: list[PageLayout], grids: list[list[Grid]],
                       settings: ExtractionSettings = DEFAULT_SETTINGS) -> dict[int, Header]:
    """The header each grid of a run is read with (by ``id`` of the grid): the roles the cells of
    the whole run agree on, each grid's columns where it draws them, the header rows each grid
    prints again skipped."""
    headers: dict[int, Header] = {}
    floors = _floors(grids)
    for run, header_rows in _runs(pages, grids, settings):
        (page, first), band = run[0], label_rows(run[0][1], settings)
        if band is None:
            continue  # no row of labels: nothing says where the run's header is
        start, end = band
        # The first row names the columns, as ``content_header`` reads them.
        header = labels_header(first, first.rows[start:start + 1], end)
        header.start = start
        body = _body(page, first, end, floors, settings)
        more: list[tuple[Header, list[Row]]] = []
        skips: dict[int, int] = {}
        for p, grid in run[1:]:
            copy = header_from_columns(grid, header)
            if copy is not None:
                skips[id(grid)] = _leading_header_rows(grid, header_rows)
                more.append((copy, _body(p, grid, skips[id(grid)], floors, settings)))
        more += [(header, rows) for rows in _unruled_pages_after(run[-1][0], pages, grids, first, settings)]
        if len(body) + sum(len(rows) for _, rows in more) < 2:
            continue
        roles_from_body(header, body, more)
        if not header.is_logframe():
            continue
        headers[id(first)] = header
        for _, grid in run[1:]:
            reused = header_from_columns(grid, header) if id(grid) in skips else None
            if reused is not None:
                reused.start, reused.rows = 0, skips[id(grid)]
                headers[id(grid)] = reused
    return headers
