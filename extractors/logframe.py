"""Results frameworks: find logframe tables on the pages and turn their rows into records.

The path is: grids (ruled or unruled) -> a header giving each column a role -> logical rows
(banners recognised, a row continued on the next page joined to the row it continues) ->
pillar, goal, output and activity records with indicators, institutions, years and budgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.aligned_rows import split_aligned
from extractors.base import Context, Extraction
from extractors.cells import (
    EMPTY_VOCAB,
    Vocabulary,
    cell_text,
    clean,
    join_lines,
    split_items,
    starts_item,
    strip_marker,
)
from extractors.columns import (
    Column,
    Header,
    build_header,
    find_header,
    header_from_columns,
    is_repeated_header,
    split_by_header,
)
from extractors.headings import CAPTION, headings_above
from extractors.institutions.rules import institutions_from_cell
from extractors.ruled import find_ruled_grids
from extractors.table_runs import headers_over_pages
from extractors.tables import Cell, Grid, Row, blank_form
from extractors.unruled import find_unruled_grid, grid_under_header
from extractors.values import (
    currency_in,
    disaggregation,
    header_multiplier,
    indicator_unit,
    is_mark,
    is_rating,
    parse_budget,
    years_in,
)
from pipeline.pdf.lines import split_line_at_gaps
from pipeline.pdf.model import BBox, Line, PageLayout
from pipeline.records import Activity, Goal, Indicator, Institution, Output, Pillar
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.text.fold import fold
from pipeline.text.vocabulary import (
    GOAL_BANNER,
    LEVEL_ROLES,
    PILLAR_BANNER,
    header_role,
    strip_level_label,
)

CONFIDENCE = {"ruled_table": 0.9, "unruled_table": 0.75}
TOTAL_ROW = re.compile(r"^(sub-?total|total|grand total|sous-total|total general|totales?)\b")
NUMBERED_BANNER = re.compile(r"^(?P<code>[0-9IVX]+(?:\.[0-9]+)*)[.)]?\s+(?P<name>\S.+)$")
TERMINAL = (".", ";", "!", "?", ":")


@dataclass
class LogicalRow:
    """One row of a logframe, possibly joined from pieces on two pages."""

    page: PageLayout
    header: Header
    method: str
    bbox: BBox
    cells: dict[int, list[Line]] = field(default_factory=dict)
    boxes: dict[int, BBox] = field(default_factory=dict)
    soft: set[int] = field(default_factory=set)  # ids of lines joined across a page break
    banner: str | None = None

    def text(self, col: int, vocab: Vocabulary = EMPTY_VOCAB) -> str:
        """A level cell's text, its leading code removed."""
        return cell_text(self.cells.get(col, []), vocab)[1]

    def plain(self, col: int, vocab: Vocabulary = EMPTY_VOCAB) -> str:
        """A value cell's text as written ("25 000 000" keeps its "25")."""
        return join_lines([ln.text for ln in self.cells.get(col, [])], vocab)


@dataclass
class Table:
    header: Header
    rows: list[LogicalRow] = field(default_factory=list)
    last_page: int = 0
    last_banner: str | None = None
    inner: Header | None = None  # the last header row inside the table: the columns its next page goes on with


def _role_slots(header: Header) -> dict[int, tuple[str, int]]:
    """Column index -> (role, n-th column with that role)."""
    seen: dict[str, int] = {}
    slots = {}
    for c in header.columns:
        if c.role:
            slots[c.index] = (c.role, seen.get(c.role, 0))
            seen[c.role] = seen.get(c.role, 0) + 1
    return slots


def _row_to_logical(row: Row, header: Header, method: str, table_header: Header | None = None) -> LogicalRow:
    """A grid row as a logical row. With ``table_header`` (the table this grid continues), cells are
    keyed by that header's columns, matched by role, so a page whose grid has other sliver columns
    still continues the same table."""
    target_header = table_header or header
    remap: dict[int, int] = {}
    if table_header is not None and table_header is not header:
        by_slot = {slot: idx for idx, slot in _role_slots(table_header).items()}
        remap = {idx: by_slot[slot] for idx, slot in _role_slots(header).items() if slot in by_slot}
        # Unnamed columns (the row labels of a vertical logframe) go by position.
        for c in header.columns:
            if c.role is None and c.alias_of is None:
                centre = (c.x0 + c.x1) / 2
                match = next((t for t in table_header.columns if t.x0 - 2 <= centre <= t.x1 + 2 and t.role is None), None)
                if match is not None:
                    remap[c.index] = match.index
    lr = LogicalRow(page=row.page, header=target_header, method=method, bbox=row.bbox)
    for cell in split_by_header(row.cells, header):
        if cell.empty:
            continue
        # A cell spanning several columns belongs to the first column with a role; a cell in a
        # sliver of a wider header cell belongs to that header's column.
        target = next((c for c in range(cell.col, cell.col + cell.colspan)
                       if header.columns[c].role), cell.col)
        alias = header.columns[target].alias_of
        if alias is not None:
            target = alias
        if remap:
            if target not in remap:
                continue
            target = remap[target]
        held = lr.cells.setdefault(target, [])
        # Cells of a grid that overlap (one spanning the slivers the other sits in) hold the same
        # words: each line once.
        seen = {_line_key(ln) for ln in held}
        held.extend(ln for ln in cell.lines if _line_key(ln) not in seen)
        lr.boxes[target] = cell.bbox
    return lr


# Columns that say how a level is measured: a heading row may fill them for itself.
MEASURE_ROLES = ("indicator", "baseline", "target", "mov")


def _subheading(text: str) -> bool:
    """A few words ending in a colon, alone as an entry of the activities' column ("Meningitis:",
    "Water supply :"): a heading over the entries below it, not an action."""
    words = text.rstrip(" :").split()
    return text.rstrip().endswith(":") and 0 < len(words) <= 4 and words[0][:1].isupper()


def _line_key(line: Line) -> tuple:
    """A line by its words and where they stand."""
    return tuple((w.text, round(w.x0), round(w.top)) for w in line.words)


def _is_banner(row: Row, grid: Grid, header: Header) -> str | None:
    cells = _measured_heading(row, header) or row.text_cells()
    if len(cells) != 1:
        return None
    cell = cells[0]
    text = clean(" ".join(ln.text for ln in cell.lines))
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return None  # a row's text running on ("etc.) and on how to ..."), not a heading
    wide = cell.colspan >= max(2, int(0.6 * grid.ncols)) and _header_cells_spanned(cell, header) >= 2
    named = bool(PILLAR_BANNER.match(fold(text)) or GOAL_BANNER.match(fold(text)))
    if wide or (named and cell.colspan >= 2):
        return text
    if grid.method == "unruled_table" and cell.colspan >= 2:
        return text
    return None


def _measured_heading(row: Row, header: Header) -> list[Cell]:
    """A heading row with its own indicators: one cell merged across every column of the table but
    those that measure a level (indicators, baseline, target, verification), which it fills for
    itself ("Renforcer le rôle pivot du MEDD ..." over the activities, timeline and institutions
    columns | "Degré de connaissance du MEDD ..."). Its first cell, which reads as the banner (the
    row's indicators are read from its other cells); empty when the row is no such heading."""
    cells = row.text_cells()
    if len(cells) < 2:
        return []
    first = cells[0]
    if first.colspan < 2 or any(c.col >= len(header.columns) or header.columns[c.col].role not in MEASURE_ROLES
                                for c in cells[1:]):
        return []
    # Every column with a role but those measuring it lies under the heading's cell.
    others = [c.index for c in header.columns if c.role and c.role not in MEASURE_ROLES and c.alias_of is None]
    under = range(first.col, first.col + first.colspan)
    return [first] if others and all(i in under for i in others) else []


def _header_cells_spanned(cell: Cell, header: Header) -> int:
    """How many of the header's cells a body cell spans: the slivers a grid cuts under one header
    cell (``Column.alias_of``) count as that cell. A cell within one header cell is that column's
    entry, however many grid columns it covers (a goal cell over the slivers its neighbours' rules
    cut), not a banner across the table."""
    owners = set()
    for c in range(cell.col, cell.col + cell.colspan):
        if c >= len(header.columns):
            owners.add(c)
            continue
        alias = header.columns[c].alias_of
        owners.add(alias if alias is not None else c)
    return len(owners)


def _deepest_level(header: Header) -> tuple[str, list[int]] | None:
    for role in reversed(LEVEL_ROLES):
        cols = [c.index for c in header.cols(role)]
        if cols:
            return role, cols
    return None


def _has_marks(lr: LogicalRow) -> bool:
    return any(
        lr.header.columns[c].role in ("year", "quarter") and is_mark(" ".join(ln.text for ln in lines))
        for c, lines in lr.cells.items()
    )


def _is_continuation(lr: LogicalRow, prev: LogicalRow) -> bool:
    """Does the first row under a page's header continue the last row of the previous page?

    A continued row has no numbered item of its own, and its level cells start mid-sentence
    (lower case, or the cell above it on the previous page did not finish its sentence). Short
    cells that sit at the top of a row (year marks, timeline, budget) only appear on a new row.
    """
    header = lr.header
    deepest = _deepest_level(header)
    if deepest is None or prev.banner is not None:
        return False
    _role, deep_cols = deepest
    deep_lines = [ln for c in deep_cols for ln in lr.cells.get(c, [])]
    prev_deep = [ln for c in deep_cols for ln in prev.cells.get(c, [])]
    if deep_lines and prev_deep:
        code, text = strip_marker(clean(deep_lines[0].text))
        prev_code, prev_text = strip_marker(clean(prev_deep[0].text))
        # The same numbered row printed again under the new header: the same code, and either the
        # same words or a code that names one item of the plan ("2.3"), not a list's letter or number
        # that every row starts again ("A. Germplasm ..." in each row of a table of options).
        if code and code == prev_code and (text == prev_text or not _restarting_marker(code)):
            return True
    if _has_marks(lr) or any(lr.cells.get(c.index) for c in header.columns
                             if c.role in ("timeline", "budget", "year", "quarter")):
        return False
    # A row label of its own (a sector, a climate risk) starting a sentence: a new row; a label is
    # printed once, where its row begins.
    if any(lr.cells.get(c.index) and not clean(lr.cells[c.index][0].text)[:1].islower()
           for c in header.columns if c.role == "pillar"):
        return False
    level_cols = [c.index for c in header.columns if c.role in LEVEL_ROLES]
    present = [c for c in level_cols if lr.cells.get(c)]
    if not present:
        return True
    for col in present:
        first = clean(lr.cells[col][0].text)
        if strip_marker(first)[0] or starts_item(first):
            return False
        if first[:1].islower():
            continue
        above = prev.cells.get(col)
        if above and not clean(above[-1].text).endswith(TERMINAL):
            continue
        return False
    return True


def _restarting_marker(code: str) -> bool:
    """A one-character list marker ("A", "b", "1"): each row's list may start with it again."""
    return len(code) == 1


def _runs_on(lr: LogicalRow, prev: LogicalRow) -> bool:
    """A row holding only the next line of the previous row's deepest level cell: that sentence
    running on (lower case, after a line that did not end it) past a rule drawn between lines of
    one cell (Burkina Faso's Table 12 boxes each line of its measures). A new row of its own opens
    its sentence, or has something in another column."""
    deepest = _deepest_level(lr.header)
    if deepest is None or prev.banner is not None or prev.page is not lr.page:
        return False
    cols = deepest[1]
    if not lr.cells or any(c not in cols for c in lr.cells):
        return False
    for col, lines in lr.cells.items():
        above = prev.cells.get(col)
        first = clean(lines[0].text)
        if not above or not first[:1].islower() or strip_marker(first)[0] or starts_item(first) \
                or clean(above[-1].text).endswith(TERMINAL):
            return False
    return True


def _run_on(prev: LogicalRow, lr: LogicalRow) -> None:
    """``lr``'s lines go on ``prev``'s cells, on the same page (no page-break join: the lines read
    as one cell's, ``_runs_on``)."""
    for col, lines in lr.cells.items():
        prev.cells[col].extend(lines)
        a, b = prev.boxes.get(col), lr.boxes.get(col)
        if a is not None and b is not None:
            prev.boxes[col] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    prev.bbox = (min(prev.bbox[0], lr.bbox[0]), min(prev.bbox[1], lr.bbox[1]),
                 max(prev.bbox[2], lr.bbox[2]), max(prev.bbox[3], lr.bbox[3]))


def _move_continued_cells(lr: LogicalRow, table: Table) -> None:
    """A new row whose goal or output cell starts mid-sentence: that cell (merged across rows)
    continues the one on the previous page, so its lines go back to where that cell began."""
    deepest = _deepest_level(lr.header)
    for col in lr.header.columns:
        if col.role not in LEVEL_ROLES or (deepest and col.role == deepest[0]) or not lr.cells.get(col.index):
            continue
        first = clean(lr.cells[col.index][0].text)
        if not first[:1].islower() or strip_marker(first)[0]:
            continue
        owner = next((r for r in reversed(table.rows) if r.banner is None and r.cells.get(col.index)), None)
        if owner is None or clean(owner.cells[col.index][-1].text).endswith(TERMINAL):
            continue
        lines = lr.cells.pop(col.index)
        owner.soft.add(id(lines[0]))
        owner.cells[col.index].extend(lines)
        lr.boxes.pop(col.index, None)


def _merge(prev: LogicalRow, lr: LogicalRow) -> None:
    for col, lines in lr.cells.items():
        existing = prev.cells.get(col)
        if existing and clean(" ".join(ln.text for ln in existing)) == clean(" ".join(ln.text for ln in lines)):
            continue  # a repeated cell (the same activity printed again under the new header)
        if existing:
            prev.soft.add(id(lines[0]))
            existing.extend(lines)
        else:
            prev.cells[col] = list(lines)
            prev.boxes[col] = lr.boxes[col]


def collect_tables(pages: list[PageLayout], settings: ExtractionSettings = DEFAULT_SETTINGS) -> list[Table]:
    """Every logframe table in the document, as logical rows, in reading order."""
    tables: list[Table] = []
    current: Table | None = None
    ruled_pages = [find_ruled_grids(page, settings) for page in pages]
    # A table whose header words are unknown takes the roles its cells agree on over all its pages.
    over_pages = headers_over_pages(pages, ruled_pages, settings)
    for page, ruled in zip(pages, ruled_pages):
        found: list[tuple[Grid, Header, int]] = []
        heads_at: dict[int, BBox] = {}  # a table read below its ruled header: where its headings end
        continuing = current is not None and page.number == current.last_page + 1
        # A template printed empty is no table of the plan, nor a reason to read the page unruled.
        forms = [g for g in ruled if blank_form(g)]
        ruled = [g for g in ruled if not blank_form(g)]
        if _fragmented(ruled, settings):
            # Shaded rows drawn as separate boxes break one table into many small grids: read the
            # page by text alignment instead.
            unruled = find_unruled_grid(page, None, settings)
            if unruled is not None:
                ruled = []
                found.append((unruled[0], unruled[1], 0))
        for grid in ruled:
            header = over_pages.get(id(grid)) or find_header(grid, settings) or _header_printed_again(
                grid, found[-1][1] if found else current.header if current is not None else None)
            if header is not None and len(grid.rows) - header.rows <= 1 and _text_below(page, grid) \
                    and not any(other.bbox[1] >= grid.bbox[3] - 2 for other in ruled if other is not grid):
                # Only the header is boxed: the rows below are separated by rules or white space
                # (unless the page's other ruled tables are what lies below it).
                body = find_unruled_grid(page, header, settings, below=grid.rows[header.rows - 1].bbox[3])
                if body is not None:
                    found.append((body[0], header, 0))
                    heads_at[id(body[0])] = grid.bbox  # its headings sit above the ruled header
                    continue
            if header is not None and _body_without_column_rules(grid, header):
                box = (grid.bbox[0], grid.rows[header.start].bbox[1], grid.bbox[2], grid.rows[header.rows - 1].bbox[3])
                body = grid_under_header(page, header, box, grid.bbox[3], settings)
                if body is not None:
                    found.append((body[0], body[1], 0))
                    heads_at[id(body[0])] = grid.bbox
                    continue
            if header is not None:
                found.append((grid, header, header.rows))
            elif current is not None and (continuing and not found or _below(grid, found)):
                # A grid without a header: the next page of the table, or a piece of it under the
                # piece that had the header (shaded rows drawn as separate boxes).
                reused = header_from_columns(grid, found[-1][1]) if found else _continued_header(grid, current)
                if reused is not None:
                    found.append((grid, reused, 0))
        if not found and not forms:
            previous = (current.inner or current.header) if continuing and current is not None else None
            unruled = find_unruled_grid(page, previous, settings)
            if unruled is not None and (unruled[1] is not previous or _looks_tabular(unruled[0])):
                found.append((unruled[0], unruled[1], 0))
        if not found:
            current = None
            continue
        floor = 0.0
        for grid, header, skip in found:
            # A page going on under the columns of a header row inside the table (its own rows' roles).
            under_inner = current is not None and continuing and current.inner is not None \
                and _same_layout(current.inner, header) and not _same_layout(current.header, header)
            same = current is not None and continuing and (_same_layout(current.header, header) or under_inner)
            if not same:
                current = Table(header=header)
                tables.append(current)
            assert current is not None
            # The caption and level banners printed above the table, outside its grid.
            for text, box in headings_above(page, heads_at.get(id(grid), grid.bbox), floor):
                if text != current.last_banner:
                    current.rows.append(_heading_row(page, header, grid.method, text, box))
                    current.last_banner = text
            floor = grid.bbox[3]
            first_on_page = True
            # Banners printed above the header (a goal banner repeated at the top of each page).
            above = [r for r in grid.rows[:header.start] if _is_banner(r, grid, header)] if skip else []
            rows_header = header
            for row in above + grid.rows[skip:]:
                if is_repeated_header(row, current.header):
                    continue
                inner = _inner_header(row, grid, rows_header, settings)
                if inner is not None:
                    # A header row inside the table ("Planned activities | Budget US$ | Deadline"):
                    # the rows below it have its columns, under the same parents.
                    if inner.roles() != rows_header.roles():
                        rows_header = current.inner = inner
                    continue
                banner = _is_banner(row, grid, header)
                if rows_header is header and not under_inner:
                    lr = _row_to_logical(row, header, grid.method, current.header)
                else:
                    lr = _row_to_logical(row, rows_header, grid.method)
                if not lr.cells:
                    continue
                if banner is not None:
                    if banner == current.last_banner and first_on_page:
                        continue  # the same banner repeated on the new page
                    lr.banner = current.last_banner = banner
                elif first_on_page and same and current.rows and current.rows[-1].page.number < page.number:
                    if _is_continuation(lr, current.rows[-1]):
                        _merge(current.rows[-1], lr)
                        first_on_page = False
                        continue
                    _move_continued_cells(lr, current)
                elif current.rows:
                    if _runs_on(lr, current.rows[-1]):
                        _run_on(current.rows[-1], lr)
                        first_on_page = False
                        continue
                    # A merged goal or output cell whose text runs on into the rows beside it.
                    _move_continued_cells(lr, current)
                    if not lr.cells:
                        first_on_page = False
                        continue
                first_on_page = False
                current.rows.append(lr)
            current.last_page = page.number
            continuing = True
    return [t for t in tables if any(r.banner is None for r in t.rows) and not _keyed_by_the_sdgs(t.header)]


# The Sustainable Development Goals, in the four languages: a crosswalk table lists the plan's items
# again against them (rows "Goal 1: End poverty ...", "1.5 by 2030 build the resilience ...").
SDG_HEADER = re.compile(r"\b(sdgs?|odds?|ods|sustainable development goals?|objectifs? de developpement durable"
                        r"|objetivos? de desarrollo sostenible|objetivos? de desenvolvimento sustentavel)\b")


def _keyed_by_the_sdgs(header: Header) -> bool:
    """The table's first column holds the goals and targets of the SDGs: its rows are another
    framework's, and the plan's options beside them are repeated from its own tables. An SDG
    column right of the plan's levels (an alignment column) leaves the table a logframe."""
    first = min(header.columns, key=lambda c: c.index, default=None)
    return first is not None and first.role is None and bool(SDG_HEADER.search(fold(first.header)))


def _header_printed_again(grid: Grid, previous: Header | None) -> Header | None:
    """A table whose first row prints the header of the table before it again, word for word (a
    plan that gives each objective's measures a table of its own): the roles read there hold here,
    though one or two rows are too few to read them from, and whatever the header's words."""
    if previous is None or not grid.rows or not is_repeated_header(grid.rows[0], previous):
        return None
    reused = header_from_columns(grid, previous)
    if reused is not None:
        reused.start, reused.rows = 0, 1
    return reused


def _continued_header(grid: Grid, table: Table) -> Header | None:
    """The header a grid without one on the table's next page goes on with: the columns of the
    table's last header row inside it ("Planned activities | Budget US$"), else of its own header."""
    if table.inner is not None:
        reused = header_from_columns(grid, table.inner) or _merged_columns_header(grid, table.inner)
        if reused is not None:
            return reused
    return header_from_columns(grid, table.header)


def _merged_columns_header(grid: Grid, previous: Header, tol: float = 12.0) -> Header | None:
    """A previous header for a grid whose columns each cover one or more of its columns side by
    side (a rule the previous page drew inside a header cell's span is gone on this page)."""
    cols = []
    for i, (x0, x1) in enumerate(grid.columns):
        inside = [c for c in previous.columns if c.x0 >= x0 - tol and c.x1 <= x1 + tol]
        if not inside or abs(inside[0].x0 - x0) > tol or abs(inside[-1].x1 - x1) > tol:
            return None
        m = next((c for c in inside if c.role), inside[0])
        cols.append(Column(i, x0, x1, m.role, m.header, m.year, m.quarter))
    return Header(columns=cols, rows=0, texts=previous.texts)


def _inner_header(row: Row, grid: Grid, current: Header, settings: ExtractionSettings) -> Header | None:
    """A row inside a table that names its columns: two cells or more, at least half of them,
    naming column roles (one a level's), all short. The caller skips it, and when its roles are
    not those in force the rows below take its columns."""
    cells = row.text_cells()
    if len(cells) < settings.min_header_roles or any(len(c.raw_text) > 60 for c in cells):
        return None
    named = sum(1 for c in cells if header_role(" ".join(ln.text for ln in c.lines))[0])
    if named < settings.min_header_roles or named * 2 < len(cells):
        return None
    inner = build_header(grid, [row], 0)
    return inner if any(c.role in LEVEL_ROLES for c in inner.columns) else None


def _heading_row(page: PageLayout, header: Header, method: str, text: str, box: BBox) -> LogicalRow:
    """A heading above a table as a banner row of the table (the box it was printed in)."""
    col = next((c.index for c in header.columns if c.role), 0)
    return LogicalRow(page=page, header=header, method=method, bbox=box, boxes={col: box}, banner=text)


def _below(grid: Grid, found: list[tuple[Grid, Header, int]]) -> bool:
    if not found:
        return False
    last = found[-1][0]
    return grid.bbox[1] >= last.bbox[3] - 2 and abs(grid.bbox[0] - last.bbox[0]) <= 5 \
        and abs(grid.bbox[2] - last.bbox[2]) <= 5


def _fragmented(grids: list[Grid], settings: ExtractionSettings = DEFAULT_SETTINGS) -> bool:
    """Several small grids stacked under one header-like grid, within its width, that do not
    repeat its header (tables one under the other, each under its own banners, repeat theirs)."""
    if len(grids) < 3:
        return False
    first = grids[0]
    below = [g for g in grids[1:] if g.bbox[1] >= first.bbox[1] and g.bbox[0] >= first.bbox[0] - 5
             and g.bbox[2] <= first.bbox[2] + 5]
    top = find_header(first, settings)
    if top is not None and top.start == 0 and below and all(
            (h := find_header(g, settings)) is not None and h.start == 0 and h.texts == top.texts for g in below):
        return False
    return len(below) >= 2 and all(len(g.rows) <= 6 for g in grids)


def _body_without_column_rules(grid: Grid, header: Header) -> bool:
    """Body rows that are one cell across the table while their text sits in several columns."""
    body = [r for r in grid.rows[header.rows:] if r.text_cells()]
    if not body:
        return False
    wide = 0
    for row in body:
        cells = row.text_cells()
        if len(cells) == 1 and cells[0].colspan >= max(2, int(0.6 * grid.ncols)):
            lines = cells[0].lines
            if any(len(split_line_at_gaps(ln, 8.0)) >= 2 for ln in lines):
                wide += 1
    return wide * 2 > len(body)


def _text_below(page: PageLayout, grid: Grid) -> bool:
    return sum(1 for w in page.words if w.top > grid.bbox[3] + 2) >= 10


def _same_layout(a: Header, b: Header) -> bool:
    """Same roles in the same order (empty sliver columns of one page's grid do not count)."""
    return [c.role for c in a.columns if c.role] == [c.role for c in b.columns if c.role]


def _looks_tabular(grid: Grid) -> bool:
    """A page continuing an unruled table has text in several columns, not one prose block."""
    multi = sum(1 for r in grid.rows if len(r.text_cells()) >= 2)
    return multi >= max(1, len(grid.rows) // 3)


@dataclass
class RecordBuilder:
    """Turns one table's logical rows into goals (with outputs and activities) and pillars."""

    vocab: Vocabulary
    acronyms: dict[str, str]
    country: str | None
    goals: list[Goal] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    pillar: str | None = None
    goal: Goal | None = None
    output: Output | None = None
    last: Goal | Output | Activity | None = None
    row_level: str | None = None  # vertical logframes: the level named by the current row label
    row_level_name: str | None = None
    # Banners' labels ("outcome", "strategic objective") by the level they name in this document:
    # the first label met names the top level, a label met right under it (no row between) the
    # next one. Kept across tables: the document's own hierarchy.
    banner_levels: dict[str, int] = field(default_factory=dict)
    last_banner_label: str | None = None
    rows_since_banner: int = 0

    def build(self, table: Table) -> None:
        first = table.rows[0] if table.rows else None
        # A table that opens under a lower-level banner ("Strategic objective 2" on a new page)
        # continues the goal above it; any other table starts afresh.
        if not (first is not None and first.banner is not None and self._known_level(first.banner) >= 1):
            self.pillar = None
            self.goal = self.output = self.last = None
        for lr in table.rows:
            if TOTAL_ROW.match(fold(" ".join(ln.text for lines in lr.cells.values() for ln in lines[:1]))):
                continue
            if lr.banner is not None:
                self._banner(lr)
                self._banner_indicators(lr)
            else:
                self.rows_since_banner += 1
                for part in _side_by_side(lr, self.vocab):
                    self._row(part)

    # -- helpers ------------------------------------------------------------------------

    def _prov(self, lr: LogicalRow, bbox: BBox | None) -> dict:
        box = lr.page.to_page_bbox(bbox) if bbox else None
        box = tuple(round(v, 1) for v in box) if box else None
        return {"page": lr.page.number, "bbox": box, "method": lr.method,
                "confidence": CONFIDENCE.get(lr.method, 0.7)}

    def _new_goal(self, lr: LogicalRow, code: str | None, text: str | None, level_name: str | None,
                  bbox: BBox | None) -> Goal:
        goal = Goal(code=_code(code), text=text, level_name=level_name, pillar=self.pillar, **self._prov(lr, bbox))
        self.goals.append(goal)
        self.goal, self.output = goal, None
        return goal

    def _ensure_goal(self, lr: LogicalRow) -> Goal:
        if self.goal is None:
            self._new_goal(lr, None, None, None, None)
            self.goal.confidence = 0.5  # type: ignore[union-attr]
        return self.goal  # type: ignore[return-value]

    def _ensure_output(self, lr: LogicalRow) -> Output:
        goal = self._ensure_goal(lr)
        if self.output is None:
            self.output = Output(code=None, text=None, **self._prov(lr, None))
            self.output.confidence = 0.5
            goal.outputs.append(self.output)
        return self.output

    def _banner(self, lr: LogicalRow) -> None:
        text = lr.banner or ""
        folded = fold(text)
        header = lr.header
        has_goal_col = bool(header.cols("goal"))
        bbox = next(iter(lr.boxes.values()), None)
        pm = PILLAR_BANNER.match(folded)
        gm = GOAL_BANNER.match(folded)
        caption = CAPTION.match(folded)
        if caption:
            # A table's caption ("Tableau 13 : Options ... du secteur agriculture") titles it: a pillar.
            self._set_pillar(lr, text[caption.end() - 1:].strip(" :.-–—") or text, None, bbox)
            return
        if pm and not gm:
            self._set_pillar(lr, text, pm.group("code"), bbox)
            return
        if gm and has_goal_col:
            # "Overall objective: ..." above a table with its own objectives column ranks above them.
            self._set_pillar(lr, text, gm.group("code"), bbox)
            return
        if gm:
            label_len = len(gm.group(0)) - len(gm.group("name"))
            name = text[label_len:].strip()
            label = re.sub(r"\s*[0-9IVX.]*\s*[:.\-–—]\s*$", "", text[:label_len]).strip()
            level = self._banner_level(fold(gm.group("label")))
            if level >= 1 and (self.goal is not None or header.cols("activity")):
                self._banner_output(lr, gm.group("code"), name, label or None, bbox)
                return
            if self.goal is not None and self.goal.text == name:
                return  # the goal banner repeated at the top of a new page
            self._new_goal(lr, gm.group("code"), name, label or None, bbox)
            return
        nm = NUMBERED_BANNER.match(text)
        if has_goal_col or header.cols("pillar"):
            self._set_pillar(lr, text, nm.group("code") if nm else None, bbox)
        elif nm:
            if self.goal is not None and self.goal.text == nm.group("name").strip():
                return
            self._new_goal(lr, nm.group("code"), nm.group("name").strip(), None, bbox)
        else:
            if self.goal is not None and self.goal.text == text:
                return
            self._new_goal(lr, None, text, None, bbox)

    def _banner_indicators(self, lr: LogicalRow) -> None:
        """A heading row's own indicators (``_measured_heading``), on the goal or output it began."""
        if not any(lr.cells.get(c.index) for c in lr.header.cols("indicator")):
            return
        owner = self.output if self.output is not None and self.output.page == lr.page.number else self.goal
        if owner is not None and owner.text and owner.text == lr.banner:
            owner.indicators.extend(self._indicators(lr))

    def _known_level(self, banner: str) -> int:
        gm = GOAL_BANNER.match(fold(banner))
        return self.banner_levels.get(fold(gm.group("label")), 0) if gm else 0

    def _banner_level(self, label: str) -> int:
        """The level a banner's label names (0: goal, 1: output), from the order labels came in."""
        level = self.banner_levels.get(label)
        if level is None:
            above = self.banner_levels.get(self.last_banner_label or "")
            level = above + 1 if above is not None and self.rows_since_banner == 0 else 0
            self.banner_levels[label] = level
        self.last_banner_label, self.rows_since_banner = label, 0
        return level

    def _banner_output(self, lr: LogicalRow, code: str | None, name: str, label: str | None,
                       bbox: BBox | None) -> None:
        """A banner naming the level under the goal ("Strategic objective 2: ..." under "Outcome 1")."""
        if self.output is not None and self.output.text == name:
            return  # repeated at the top of a new page
        out = Output(code=_code(code), text=name, level_name=label, **self._prov(lr, bbox))
        self._ensure_goal(lr).outputs.append(out)
        self.output = self.last = out

    def _set_pillar(self, lr: LogicalRow, text: str, code: str | None, bbox: BBox | None) -> None:
        if self.pillar == text:
            return
        self.pillar = text
        self.goal = self.output = None
        m = PILLAR_BANNER.match(fold(text))
        name = text[len(text) - len(m.group("name")):].strip() if m and m.group("name") else text
        if not any(p.text == text for p in self.pillars):
            self.pillars.append(Pillar(code=_code(code), name=name or text, text=text, **self._prov(lr, bbox)))

    def _items(self, lr: LogicalRow, col: int, **kw) -> list:  # noqa: ANN003
        lines = lr.cells.get(col, [])
        if not lines:
            return []
        soft = lr.soft
        items = []
        # Split within the stretches of lines on each side of a page-break join, so the white space
        # where the page broke is not read as a new item.
        chunk: list[Line] = []
        chunks = []
        for ln in lines:
            if id(ln) in soft and chunk:
                chunks.append((chunk, True))
                chunk = []
            chunk.append(ln)
        chunks.append((chunk, False))
        joined_prev = False
        for part, joined_next in chunks:
            part_items = split_items(part, self.vocab, **kw)
            if joined_prev:
                # Lines from the next page: their boxes are not on the row's page.
                for it in part_items:
                    it.continued = True
                if items and part_items and not _starts_new(part[0]):
                    first = part_items.pop(0)
                    items[-1].text = join_lines([items[-1].text, first.text], self.vocab)
            items.extend(part_items)
            joined_prev = joined_next
        return items

    def _vertical_row(self, lr: LogicalRow) -> None:
        """A logframe whose levels are row labels ("Overall Objective", "Outputs", "Activities")
        and whose texts sit in an "Intervention logic" column."""
        header = lr.header
        narrative = header.cols("narrative")[0]
        label_col = next((c for c in header.columns if c.index < narrative.index and c.role in (None, "level")), None)
        label = clean(" ".join(ln.text for ln in lr.cells.get(label_col.index, []))) if label_col else ""
        if label:
            self.row_level = header_role(label)[0] if header_role(label)[0] in LEVEL_ROLES else None
            self.row_level_name = label
        level = self.row_level
        items = [it for it in self._items(lr, narrative.index, sentences=False, gaps=False) if it.text]
        created: list[Goal | Output | Activity] = []
        for item in items:
            bbox = item.bbox
            if level == "goal":
                created.append(self._new_goal(lr, item.code, item.text, self.row_level_name, bbox))
            elif level == "output":
                out = Output(code=_code(item.code), text=item.text, level_name=self.row_level_name,
                             **self._prov(lr, bbox))
                self._parent_goal(out.code, lr).outputs.append(out)
                self.output = out
                created.append(out)
            elif level == "activity":
                act = Activity(code=_code(item.code), text=item.text, level_name=self.row_level_name,
                               **self._prov(lr, bbox))
                self._ensure_output(lr).activities.append(act)
                created.append(act)
        owner = created[0] if len(created) == 1 else (None if created else self.last)
        if created:
            self.last = created[-1]
        if owner is not None:
            self._attach(lr, owner, [owner] if isinstance(owner, Activity) else [])

    def _parent_goal(self, code: str | None, lr: LogicalRow) -> Goal:
        """The goal an output belongs to: by its code ("2" or "2.1" under goal "2") when one matches."""
        if code:
            head = code.split(".")[0]
            for goal in reversed(self.goals):
                if goal.code == head:
                    self.goal = goal
                    return goal
        return self._ensure_goal(lr)

    def _level_items(self, lr: LogicalRow, col: int, **kw) -> list:  # noqa: ANN003
        """A level cell's items with their labels ("Output 2:") turned into codes; marks dropped."""
        items = []
        for item in self._items(lr, col, **kw):
            _label, label_code, item.text = strip_level_label(item.text)
            item.code = item.code or label_code
            if _is_level_text(item.text):
                items.append(item)
        return items

    def _row(self, lr: LogicalRow) -> None:
        header = lr.header
        if header.cols("narrative"):
            self._vertical_row(lr)
            return
        matrix = _sector_matrix(header)
        if matrix is not None:
            self._matrix_row(lr, *matrix)
            return
        for col in header.cols("pillar") + header.cols("level"):
            text = lr.text(col.index, self.vocab)
            if text:
                self._set_pillar(lr, text, None, lr.boxes.get(col.index))
        created_goals: list[Goal] = []
        created_outputs: list[Output] = []
        created_activities: list[Activity] = []
        for col in header.cols("goal"):
            # One goal per cell, unless the cell lists labelled goals ("Goal 1: ...", "Goal 2: ...").
            items = self._items(lr, col.index, sentences=False, gaps=False)
            labelled = len(items) > 1 and all(strip_level_label(it.text)[0] for it in items)
            if not labelled and lr.cells.get(col.index):
                code, text = cell_text(lr.cells[col.index], self.vocab)
                _label, label_code, text = strip_level_label(text)
                if _is_level_text(text):
                    created_goals.append(self._new_goal(lr, code or label_code, text, _level_name(col.header),
                                                        lr.boxes.get(col.index)))
                continue
            for item in items:
                _label, label_code, text = strip_level_label(item.text)
                if _is_level_text(text):
                    created_goals.append(self._new_goal(lr, item.code or label_code, text,
                                                        _level_name(col.header), item.bbox))
        for col in header.cols("output"):
            for item in self._level_items(lr, col.index, sentences=False, gaps=False):
                out = Output(code=_code(item.code), text=item.text, level_name=_level_name(col.header),
                             **self._prov(lr, item.bbox))
                self._ensure_goal(lr).outputs.append(out)
                self.output = out
                created_outputs.append(out)
        for col in header.cols("activity"):
            items = self._level_items(lr, col.index)
            for item in items:
                if not header.cols("output") and len(items) == 1 and _subheading(item.text):
                    # "Malaria:" alone in its cell over the measures against malaria: the group they
                    # form, an output (a label before more lines of its cell heads only that entry).
                    out = Output(code=_code(item.code), text=item.text.rstrip(" :"), **self._prov(lr, item.bbox))
                    self._ensure_goal(lr).outputs.append(out)
                    self.output = out
                    created_outputs.append(out)
                    continue
                act = Activity(code=_code(item.code), text=item.text, level_name=_level_name(col.header),
                               **self._prov(lr, item.bbox))
                self._ensure_output(lr).activities.append(act)
                created_activities.append(act)
        # Indicators and institutions go to the one record the row is about; when a cell lists
        # several activities they are stated once for all of them, so they go to the record above
        # (never copied: counts of indicators must not grow with the number of bullets).
        # Years, timeline and budget belong to activities and are given to each.
        owner: Goal | Output | Activity | None
        if len(created_activities) == 1:
            owner = created_activities[0]
        elif created_activities:
            real_output = self.output if self.output is not None and self.output.text else None
            owner = created_outputs[-1] if len(created_outputs) == 1 else real_output or self._ensure_goal(lr)
        elif len(created_outputs) == 1:
            owner = created_outputs[0]
        elif created_goals or created_outputs:
            owner = created_goals[-1] if created_goals else self._ensure_goal(lr)
        else:
            owner = self.last
        if owner is None:
            return
        activities = created_activities or ([owner] if isinstance(owner, Activity) else [])
        self.last = created_activities[-1] if created_activities else owner
        created = [*created_goals, *created_outputs, *created_activities]
        if len(created) == 1 and created[0].code is None:
            created[0].code = _row_code(lr)
        self._attach(lr, owner, activities, created)

    def _matrix_row(self, lr: LogicalRow, level: Column, sectors: list[Column]) -> None:
        """A row of objectives against sectors: for each sector whose cell lists actions, the row's
        objective under that sector (the column's header, a pillar) with the cell's items as its
        activities (under a placeholder output)."""
        code, text = cell_text(lr.cells.get(level.index, []), self.vocab)
        _label, label_code, text = strip_level_label(text)
        if not _is_level_text(text):
            return
        for col in sectors:
            items = self._level_items(lr, col.index)
            if not items:
                continue  # the sector has nothing under this objective
            self._set_pillar(lr, clean(col.header), None, None)
            self._new_goal(lr, code or label_code, text, _level_name(level.header), lr.boxes.get(level.index))
            output = self._ensure_output(lr)
            for item in items:
                output.activities.append(Activity(code=_code(item.code), text=item.text, level_name=None,
                                                  **self._prov(lr, item.bbox)))

    def _attach(self, lr: LogicalRow, owner: Goal | Output | Activity, activities: list[Activity],
                created: list[Goal | Output | Activity] | None = None) -> None:
        header = lr.header
        indicators = []
        for ind in self._indicators(lr):
            # "Indicator 2.1" measures goal 2 when one row lists goals 1-3 and their indicators.
            match = _by_code_prefix(ind.code, created or [])
            if match is not None and match is not owner:
                match.indicators.append(ind)
            else:
                indicators.append(ind)
        institutions: list[Institution] = []
        for role in ("lead", "partner"):
            for col in header.cols(role):
                text = "\n".join(ln.text for ln in lr.cells.get(col.index, []))
                institutions.extend(institutions_from_cell(text, role, self.acronyms))
        years: set[int] = set()
        quarters: set[str] = set()
        timeline: str | None = None
        for col in header.columns:
            text = clean(" ".join(ln.text for ln in lr.cells.get(col.index, [])))
            if not text:
                continue
            if col.role == "year" and col.year and is_mark(text):
                years.add(col.year)
            elif col.role == "quarter" and col.year and is_mark(text):
                quarters.add(f"{col.year}-Q{col.quarter}")
            elif col.role == "timeline":
                timeline = lr.plain(col.index, self.vocab)
                years.update(years_in(timeline))
        budget = None
        for col in header.cols("budget"):
            text = lr.plain(col.index, self.vocab)
            if text:
                budget = parse_budget(text, currency_in(col.header, self.country), self.country,
                                      header_multiplier(col.header))
        owner.indicators.extend(indicators)
        names = {i.name for i in owner.institutions}
        owner.institutions.extend(i for i in institutions if i.name not in names)
        for target in activities:
            if years:
                target.years = sorted(set(target.years) | years)
            if quarters:
                target.quarters = sorted(set(target.quarters) | quarters)
            if timeline:
                target.timeline = timeline if not target.timeline else f"{target.timeline} {timeline}"
            if budget is not None and target.budget is None:
                target.budget = budget.model_copy()

    def _indicators(self, lr: LogicalRow) -> list[Indicator]:
        header = lr.header
        result: list[Indicator] = []
        for col in header.cols("indicator"):
            for item in self._items(lr, col.index):
                _label, label_code, text = strip_level_label(item.text)
                if text:
                    result.append(Indicator(text=text, code=_code(item.code or label_code), unit=indicator_unit(text),
                                            disaggregation=disaggregation(text), **self._prov(lr, item.bbox)))
        if not result:
            return result
        for role, attr in (("baseline", "baseline"), ("target", "target"), ("mov", "means_of_verification")):
            for col in header.cols(role):
                values = [it.text for it in self._items(lr, col.index) if it.text]
                if not values:
                    continue
                if len(values) == len(result):
                    for ind, value in zip(result, values):
                        setattr(ind, attr, value)
                elif len(result) == 1:
                    setattr(result[0], attr, "; ".join(values))
                else:
                    for ind, value in zip(result, values):
                        setattr(ind, attr, value)
        return result


def _side_by_side(lr: LogicalRow, vocab: Vocabulary) -> list[LogicalRow]:
    """The row as one logical row per result it lists side by side (``extractors.aligned_rows``).
    A row joined across a page break keeps its lines on two pages: their heights do not compare."""
    if lr.soft or lr.header.cols("narrative"):
        return [lr]
    roles = {c.index: c.role for c in lr.header.columns}
    parts = split_aligned(lr.cells, roles, ("output", "goal"), vocab)
    if parts is None:
        return [lr]
    return [replace(lr, cells=part, boxes={col: _lines_box(lines) for col, lines in part.items()})
            for part in parts]


def _sector_matrix(header: Header) -> tuple[Column, list[Column]] | None:
    """(level column, sector columns) of a matrix of objectives against sectors ("Objectifs
    stratégiques | Secteur santé | Secteur agriculture | ..."): two sector columns or more right of
    the one level column, and no column for the level below. Its cells list the actions of that
    objective in that sector."""
    sectors = header.cols("pillar")
    levels = [c for c in header.columns if c.role in LEVEL_ROLES]
    if len(sectors) < 2 or len(levels) != 1 or levels[0].index > min(c.index for c in sectors):
        return None
    return levels[0], sectors


def _lines_box(lines: list[Line]) -> BBox:
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


ROW_CODE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVX]{1,4})[.)]?$")


def _row_code(lr: LogicalRow) -> str | None:
    """The row's number in a column of its own: a "No." / "#" column, or an unnamed one on the
    left whose cell holds only a code ("12", "3.1", "B")."""
    for col in lr.header.columns:
        lines = lr.cells.get(col.index)
        if not lines or not (col.role == "code" or (col.role is None and not col.header.strip())):
            continue
        text = clean(" ".join(ln.text for ln in lines))
        if ROW_CODE.match(text):
            return _code(text.rstrip(".)"))
    return None


def _is_level_text(text: str | None) -> bool:
    """A goal, output or activity says something: an "X" mark, a number ("3,8": a score), a rating
    ("High to moderate") or a column's label ("Planned activities", "Indicateurs d'atteinte des
    résultats") is not one."""
    if not text or len(text.strip()) <= 2 or is_mark(text) or is_rating(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3 or letters * 2 < len(text.strip()):
        return False
    return not (len(text.split()) <= 6 and header_role(text)[0] is not None)


def _by_code_prefix(code: str | None, records: list[Goal | Output | Activity]) -> Goal | Output | Activity | None:
    """The record whose code is the longest proper prefix of ``code`` (2.1 -> 2), if several are coded."""
    if not code or len([r for r in records if r.code]) < 2:
        return None
    parts = code.split(".")
    for n in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:n])
        found = [r for r in records if r.code == prefix]
        if found:
            return found[-1]
    return None


def _starts_new(line: Line) -> bool:
    return starts_item(clean(line.text))


def _code(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().rstrip(".")
    return code or None


def _level_name(header_text: str) -> str | None:
    text = clean(header_text)
    return text or None


def extract_logframe(pages: list[PageLayout], *, acronyms: dict[str, str] | None = None,
                     vocab: Vocabulary | None = None, country: str | None = None,
                     settings: ExtractionSettings = DEFAULT_SETTINGS,
                     claimed: set[int] | frozenset[int] = frozenset()) -> tuple[list[Pillar], list[Goal]]:
    builder = RecordBuilder(vocab=vocab or Vocabulary([p.text() for p in pages]), acronyms=acronyms or {},
                            country=country)
    # Tables are read only on pages pdfplumber read in full (see pipeline/pdf/triage.py).
    # Pages another strategy read whole (action cards) are not read again.
    for table in collect_tables([p for p in pages if p.full and p.number not in claimed], settings):
        builder.build(table)
    return builder.pillars, [g for goal in builder.goals if goal.text or goal.outputs
                             for g in _top_level_as_goals(goal)]


def _top_level_as_goals(goal: Goal) -> list[Goal]:
    """A table whose caption or banner names only a sector or theme (the goals' pillar) and whose
    columns start at the output level ("Options | Mesures"): its top level is the plan's goal level
    there, nothing above it naming one. Each output becomes a goal, its activities under a
    placeholder output. Otherwise the goal as it is."""
    if goal.text is not None or goal.pillar is None or goal.indicators or goal.institutions or not goal.outputs \
            or not all(o.text for o in goal.outputs):
        return [goal]
    if not all(o.level_name and header_role(o.level_name)[0] in ("output", None) for o in goal.outputs):
        # Only a column headed as a level under the goal ("Options", "Résultats"), or whose header
        # names no role (its cells said it heads the lists beside it): a column headed as actions
        # is not known to be the top.
        return [goal]
    goals = []
    for out in goal.outputs:
        holder = Output(code=None, text=None, activities=out.activities, page=out.page, bbox=None,
                        method=out.method, confidence=0.5)
        goals.append(Goal(code=out.code, text=out.text, level_name=out.level_name, pillar=goal.pillar,
                          indicators=out.indicators, institutions=out.institutions,
                          outputs=[holder] if out.activities else [], page=out.page, bbox=out.bbox,
                          method=out.method, confidence=out.confidence))
    return goals


class TableStrategy:
    """Results-framework tables: grids (ruled, else unruled), column roles, rows to records."""

    method = "table"

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        pillars, goals = extract_logframe(pages, acronyms=context.acronyms, vocab=context.vocab,  # type: ignore[arg-type]
                                          country=context.country, settings=context.settings,
                                          claimed=context.claimed)
        return Extraction(pillars=pillars, goals=goals)
