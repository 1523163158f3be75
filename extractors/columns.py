"""Recognise a logframe's header rows and give each grid column its role."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extractors.content_roles import cell_kind, roles_from_content
from extractors.tables import Cell, Grid, Row
from pipeline.pdf.lines import group_lines
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.text.fold import fold
from pipeline.text.vocabulary import (
    HAZARD_HEADER,
    LEVEL_ROLES,
    QUARTER_HEADER,
    YEAR_HEADER,
    header_role,
    names_logframe,
)


@dataclass
class Column:
    index: int
    x0: float
    x1: float
    role: str | None
    header: str  # header text as written (all header rows joined)
    year: int | None = None
    quarter: int | None = None
    alias_of: int | None = None  # a sliver under the same header cell as an earlier column


@dataclass
class Header:
    columns: list[Column]
    rows: int  # index of the first body row (header rows end there)
    start: int = 0  # index of the first header row; rows above it are banners or titles
    texts: list[str] = field(default_factory=list)  # folded header cell texts, to spot repeats

    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}

    def cols(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def is_logframe(self) -> bool:
        return names_logframe(self.roles())


def _row_cells_text(row: Row) -> list[tuple[int, int, str]]:
    return [(c.col, c.colspan, " ".join(ln.text for ln in c.lines)) for c in row.cells if not c.empty]


def _headerish(row: Row) -> tuple[int, int]:
    """(cells naming a role, cells that do not) in a row."""
    known = unknown = 0
    for _col, _span, text in _row_cells_text(row):
        role, _ = header_role(text)
        if role or fold(text) in {"", "n", "no", "#"}:
            known += 1
        else:
            unknown += 1
    return known, unknown


def find_header(grid: Grid, settings: ExtractionSettings = DEFAULT_SETTINGS, max_scan: int = 4,
                by_content: bool = True) -> Header | None:
    """The header band at the top of a grid (one to three rows), or None. Without ``by_content``,
    only a header whose words name the roles (no first row read as one from its body's cells)."""
    for start in range(min(max_scan, len(grid.rows))):
        known, unknown = _headerish(grid.rows[start])
        if known < settings.min_header_roles or unknown > known:
            continue
        end = start + 1
        # Grouped headers: "Implementation Year" above 2024 ... 2028; wrapped headers in separate rows.
        while end < len(grid.rows) and end - start < 3:
            k, u = _headerish(grid.rows[end])
            texts = _row_cells_text(grid.rows[end])
            if len(texts) == 1 and texts[0][1] >= max(2, int(0.6 * grid.ncols)):
                break  # a banner row right under the header ("Pillar 1: Participation")
            years = sum(1 for _, _, t in texts if YEAR_HEADER.match(fold(t)) or QUARTER_HEADER.match(fold(t)))
            if (k >= 1 and u == 0) or (years and years >= len(texts) - 1) or _wraps(grid.rows[end - 1], grid.rows[end]):
                end += 1
            else:
                break
        header = build_header(grid, grid.rows[start:end], end)
        header.start = start
        if header.is_logframe():
            return header
    return content_header(grid, settings) if by_content else None


def _wraps(above: Row, row: Row) -> bool:
    """``row`` is the wrapped next line of the header row ``above`` ("Alignment" / "with the" /
    "CCAP"): short words, or small numbers (relative years 1..10, months) under a grouped header,
    each under a header cell of the row above."""
    texts = _row_cells_text(row)
    short = bool(texts) and all(
        len(t.split()) <= 3 and (not re.search(r"\d", t) or re.fullmatch(r"\d{1,2}", t.strip()))
        for _, _, t in texts)
    under = {c for c, span, _ in _row_cells_text(above) for c in range(c, c + span)}
    return short and all(c in under for c, _, _ in texts)


BULLET_START = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u25a0\uf0b7\uf0a7\-–—*]|no\.?\s*\d|\d+[.)])", re.IGNORECASE)


def content_header(grid: Grid, settings: ExtractionSettings = DEFAULT_SETTINGS) -> Header | None:
    """The grid's first row as its header when no header names known roles but the row reads as
    one (``label_rows``) over at least two body rows, and the body's columns say what they are
    (``extractors.content_roles``): a level and something about it."""
    band = label_rows(grid, settings)
    if band is None:
        return None
    start, end = band
    if sum(1 for r in grid.rows[end:] if r.text_cells()) < 2:
        return None
    # The first row names the columns; the lines its labels wrap onto are left out of the body
    # only (a level named on a wrapped line would keep the body from naming the other levels).
    header = build_header(grid, grid.rows[start:start + 1], end)
    header.start = start
    return header if header.is_logframe() else None


def label_rows(grid: Grid, settings: ExtractionSettings = DEFAULT_SETTINGS) -> tuple[int, int] | None:
    """The rows (start, end) of a header of labels whatever their words: the grid's first row of
    text, short labels over two columns or more, set apart from the body, with the lines a label
    wraps onto below it."""
    rows = [r for r in grid.rows if r.text_cells()]
    # Banners across the table above its labels ("1. Renforcement de la gouvernance ...") are read
    # as banners, above the header.
    banners = 0
    while len(rows) > 1 and banners < 2 and _across(rows[0], grid):
        rows, banners = rows[1:], banners + 1
    if not rows:
        return None  # (a header box alone is one: its body may be the unruled text under it)
    first = rows[0]
    labels = _row_cells_text(first)
    if len(labels) < settings.min_header_roles or any(len(t) > 60 or len(t.split()) > 8 for _, _, t in labels):
        return None
    # Labels are set apart (bold, as headers are) and are no entry of the column they head: not a
    # figure, a year, a code, a list item or a body's name.
    if sum(1 for c in first.text_cells() if c.bold) * 2 < len(first.text_cells()) and not _set_apart(first, rows[1:]) \
            and not _in_capitals(first, rows[1:]):
        return None
    if any(BULLET_START.match(t) or not _label_like(t) for _, _, t in labels):
        return None
    if banners and 2 * len(labels) < max((len(r.text_cells()) for r in rows[1:4]), default=0):
        return None  # under a cell across the table, a row of a few short entries is no header
    start = grid.rows.index(first)
    # A label wrapped over several ruled rows is one header: its next lines are no body cells.
    end = start + 1
    while end < len(grid.rows) and end - start < 3 and _wraps(grid.rows[end - 1], grid.rows[end]):
        end += 1
    return start, end


def _across(row: Row, grid: Grid) -> bool:
    """One cell of text across most of the grid's columns (a banner or a title)."""
    cells = row.text_cells()
    return len(cells) == 1 and cells[0].colspan >= max(2, int(0.6 * grid.ncols))


def _in_capitals(first: Row, body: list[Row]) -> bool:
    """Labels set in capitals over a body that is not ("ACTIVITES | ECHÉANCE DE MISE EN ŒUVRE |
    ORGANE EN CHARGE ..." over "Renforcer les capacités du MEDD | Premier semestre 2020 | ...")."""
    def capitals(cell: Cell) -> bool:
        letters = [c for c in cell.raw_text if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)

    if not all(capitals(c) for c in first.text_cells()):
        return False
    while body and all(capitals(c) for c in body[0].text_cells()):
        body = body[1:]  # the lines the labels wrap onto
    cells = [c for r in body[:6] for c in r.text_cells()]
    return bool(cells) and 4 * sum(capitals(c) for c in cells) < len(cells)


def _set_apart(first: Row, body: list[Row]) -> bool:
    """Labels in plain type that still read as a header: a few words each, over columns whose
    cells say more (most columns' cells, those whose middle lies under the label, run longer)."""
    labels = first.text_cells()
    words = [len(" ".join(ln.text for ln in c.lines).split()) for c in labels]
    if not labels or max(words) > 4:
        return False
    longer = 0
    for label, n in zip(labels, words):
        cells = [len(" ".join(ln.text for ln in c.lines).split()) for r in body for c in r.text_cells()
                 if label.bbox[0] <= (c.bbox[0] + c.bbox[2]) / 2 <= label.bbox[2]]
        if cells and sum(cells) / len(cells) > n:
            longer += 1
    return 2 * longer > len(labels)


def _label_like(text: str) -> bool:
    """A header label: words (a single capitalised token too: "MoV", "OVIs"), not a body's entry
    (a figure, a year, a code, a list of bodies)."""
    kind = cell_kind(text)
    return kind in ("text", "action", "result") or (kind == "institution" and len(text.split()) == 1)


def build_header(grid: Grid, rows: list[Row], nrows: int) -> Header:
    header = labels_header(grid, rows, nrows)
    roles_from_body(header, grid.rows[nrows:])
    return header


def labels_header(grid: Grid, rows: list[Row], nrows: int) -> Header:
    """The header the words of ``rows`` name (no role read from the body yet)."""
    texts: list[list[str]] = [[] for _ in range(grid.ncols)]
    for row in rows:
        for cell in row.cells:
            if not cell.empty:
                t = " ".join(ln.text for ln in cell.lines)
                for col in range(cell.col, cell.col + cell.colspan):
                    texts[col].append(t)
    return header_from_texts(grid.columns, texts, nrows)


def roles_from_body(header: Header, body: list[Row], more: list[tuple[Header, list[Row]]] | None = None) -> None:
    """Columns whose header names no role take the role their cells agree on; a level only when
    the header names none (a known header's levels are not second-guessed). ``more``: the bodies of
    the same table on its other pages, each with the header as that page draws its columns (their
    cells vote too: ``extractors.table_runs``)."""
    unnamed = [c for c in header.columns if c.role is None and c.alias_of is None]
    bodies = [(header, body), *(more or [])]
    if not unnamed or not any(rows for _, rows in bodies):
        return
    cells: dict[int, list[str]] = {c.index: [] for c in header.columns}
    for own, rows in bodies:
        for col, text in _column_entries(own, rows):
            if col in cells:
                cells[col].append(text)
    body = [r for _, rows in bodies for r in rows]
    order = [c.index for c in header.columns]
    content = roles_from_content([cells[i] for i in order],
                                 [1.0 + _rows_covered(body, i) for i in order])
    known_levels = any(c.role in LEVEL_ROLES for c in header.columns)
    for col, role in zip(header.columns, content):
        if col in unnamed and role is not None and not (role in LEVEL_ROLES and known_levels):
            col.role = role
    _strays_of_bodies(header.columns)
    _disambiguate(header.columns)


_BODIES = ("lead", "partner")


def _strays_of_bodies(columns: list[Column]) -> None:
    """A column no label heads, right against a labelled column of bodies, both read as bodies:
    names set a little left of their column (italics, a hanging indent), not a second list of
    bodies. Its cells are the labelled column's, which leads if either did."""
    for c, n in zip(columns, columns[1:]):
        if c.role in _BODIES and n.role in _BODIES and not c.header.strip() and n.header.strip() \
                and c.alias_of is None:
            n.role = "lead" if "lead" in (c.role, n.role) else n.role
            c.role, c.alias_of = None, n.index


def _column_entries(header: Header, body: list[Row]) -> list[tuple[int, str]]:
    """(named column, text) of each body row's entry in each column, banners left out."""
    entries = []
    for row in body:
        if _banner_row(row, header):
            continue  # a banner across the table ("Objetivo estratégico 1: ...") is no entry of a column
        # The pieces of one row under one header cell are one entry: a row number ruled apart from
        # its action ("7 | Develop ...") under "Activities" is read with it, as the builder reads it.
        pieces: dict[int, list[str]] = {}
        for cell in split_by_header(row.text_cells(), header):
            pieces.setdefault(named_column(header, _owner(header, cell)), []).append(
                "\n".join(ln.text for ln in cell.lines))
        entries += [(col, "\n".join(texts)) for col, texts in pieces.items()]
    return entries


def _banner_row(row: Row, header: Header) -> bool:
    """A row whose one cell of text runs across the table's columns (all of them but one at most)
    and names a level or a pillar ("Objetivo estratégico 1: ..."): a line of prose across a page
    read as a grid is no banner."""
    cells = row.text_cells()
    if len(cells) != 1 or len(header.columns) < 3:
        return False
    cell = cells[0]
    covered = [c for c in header.columns if c.x0 < cell.bbox[2] - 2 and c.x1 > cell.bbox[0] + 2]
    if max(cell.colspan, len(covered)) < len(header.columns) - 1:
        return False
    kind = cell_kind(" ".join(ln.text for ln in cell.lines))
    return kind == "banner" or kind.startswith("level:")


def _owner(header: Header, cell: Cell) -> int:
    """The column a body cell is read into, as the record builder reads it: a cell spanning several
    columns belongs to the first one its header names (a Word table whose body rules fall between
    the header's: "550" under "Estimated budget" though its cell begins in the sliver left of it)."""
    return next((c for c in range(cell.col, cell.col + cell.colspan) if header.columns[c].role), cell.col)


def _rows_covered(body: list[Row], col: int) -> float:
    """How many rows a column's cells cover beside the next column: more than one when its cells
    are merged over rows (a level above the one beside it)."""
    # A ruled grid draws an empty cell as a cell; a merged cell leaves no cell in the rows below
    # its first (and an unruled grid leaves none where a column is blank): only those are spanned.
    filled = sum(1 for r in body if any(c.col <= col < c.col + c.colspan for c in r.cells))
    return (len(body) / filled - 1.0) if filled else 0.0


def header_from_texts(grid_columns: list[tuple[float, float]], texts: list[list[str]], nrows: int) -> Header:
    """Columns' roles from their header texts, top row first."""
    folded_cells = sorted({fold(t) for parts in texts for t in parts})
    columns = []
    for i, (x0, x1) in enumerate(grid_columns):
        parts = texts[i]
        col = Column(index=i, x0=x0, x1=x1, role=None, header=" ".join(parts))
        # The most specific (lowest) header row decides, the rows above refine; but a header
        # wrapped over two rows is read whole ("Socio-economic" / "outcomes" names no level).
        for part in ([col.header] if _wrapped(texts, i) else reversed(parts)):
            folded = fold(part)
            if YEAR_HEADER.match(folded):
                col.role, col.year = "year", int(folded[:4])
                break
            q = QUARTER_HEADER.match(folded)
            if q:
                col.role, col.quarter = "quarter", int(q.group(1))
                year = next((int(m) for p in parts for m in re.findall(r"(?:19|20)\d\d", p)), None)
                col.year = year
                break
            role, _ = header_role(part)
            if role:
                col.role = role
                break
        prev = columns[-1] if columns else None
        if prev is not None and parts and parts == texts[i - 1] and col.role not in ("year", "quarter", "timeline"):
            # One header cell over several grid columns (slivers made by other rows' rules): the
            # columns are one, named once.
            col.alias_of = prev.alias_of if prev.alias_of is not None else prev.index
            col.role = None
        columns.append(col)
    _disambiguate(columns)
    return Header(columns=columns, rows=nrows, texts=folded_cells)


def _wrapped(texts: list[list[str]], i: int) -> bool:
    """Column ``i``'s header is one label wrapped over two rows or more, not a grouped header: its
    upper text is not shared with a neighbouring column that has other text below ("Implementation
    year" over "2024 | 2025"). Columns cut in slivers by other rows' rules share all their texts."""
    parts = texts[i]
    if len(parts) < 2:
        return False
    neighbours = [texts[j] for j in (i - 1, i + 1) if 0 <= j < len(texts)]
    return not any(parts[0] in other and other != parts for other in neighbours)


def _sector_siblings(columns: list[Column]) -> None:
    """A matrix of objectives against sectors names each sector column "Secteur ...": once two of
    them name the pillar, a column whose header opens with the same word does too, however long
    the sector's name ("Secteur des ressources en eau" is too long a header for "secteur" alone)."""
    firsts = [fold(c.header).split()[0] for c in columns if c.role == "pillar" and fold(c.header).split()]
    for word in {w for w in firsts if firsts.count(w) >= 2}:
        for c in columns:
            words = fold(c.header).split()
            if c.role is None and c.alias_of is None and len(words) >= 2 and words[0] == word:
                c.role = "pillar"


def _disambiguate(columns: list[Column]) -> None:
    """Fix roles that depend on their neighbours."""
    _sector_siblings(columns)
    levels = [c for c in columns if c.role in LEVEL_ROLES]
    # Two "output"-like columns (Résultat attendu, Résultats): the first is the goal level when
    # no goal column exists. Two goal columns: the second is the output level.
    for a, b in zip(levels, levels[1:]):
        if a.role == b.role == "goal":
            b.role = "output"
        elif a.role == b.role == "output":
            a.role = "goal"
        elif a.role == b.role == "activity":
            a.role = "output"
    # "Area / Goal / Indicator": an area column is the pillar. Without a goal column, the first
    # column naming an area ("Cross-cutting area", "Focus area") is the goal level itself.
    if not any(c.role == "goal" for c in columns):
        first_level = next((c for c in columns if c.role in LEVEL_ROLES), None)
        area = next((c for c in columns if c.role == "pillar"), None)
        if area is not None and (first_level is None or area.index < first_level.index) \
                and not HAZARD_HEADER.search(fold(area.header)) and not _costs_by_area(columns):
            area.role = "goal"
    leads = [c for c in columns if c.role == "lead"]
    for extra in leads[1:]:
        extra.role = "partner"
    _results_of_the_row(columns)


# Roles that say nothing of what is to be done: a table of them beside areas is a costing.
_COST_ROLES = frozenset({"pillar", "budget", "code"})


def _costs_by_area(columns: list[Column]) -> bool:
    """Areas or sectors beside their cost and nothing else ("Development sector | Estimated cost"):
    a budget summary; its areas are no objectives of the plan (no level, result or actor named)."""
    roles = {c.role for c in columns if c.role}
    return "budget" in roles and roles <= _COST_ROLES


def _results_of_the_row(columns: list[Column]) -> None:
    """An output column right of an activity column ("Activities | Indicative outputs") lists what
    that row's activity is to deliver, not the level above it: without an indicator column, its
    items are the row's indicators. Results frameworks otherwise run from the top level on the left
    ("Outcome | Output | Activity"); an outcome or objective column after the activities ("Intervention
    | ... | Expected outcome") still names the goal the row serves."""
    if any(c.role == "indicator" for c in columns):
        return
    rank = {role: i for i, role in enumerate(LEVEL_ROLES)}
    lowest_so_far: int | None = None
    for c in columns:
        if c.role not in rank:
            continue
        if c.role == "output" and lowest_so_far is not None and rank[c.role] < lowest_so_far:
            c.role = "indicator"
            continue
        lowest_so_far = rank[c.role] if lowest_so_far is None else max(lowest_so_far, rank[c.role])


def header_from_columns(grid: Grid, previous: Header, tol: float = 12.0) -> Header | None:
    """Reuse a previous page's header for a grid without one when its columns line up."""
    if grid.ncols != len(previous.columns):
        # Allow a grid whose columns match the previous ones by position.
        mapping = []
        for x0, x1 in grid.columns:
            match = next((c for c in previous.columns if abs(c.x0 - x0) <= tol and abs(c.x1 - x1) <= tol), None)
            if match is None:
                return None
            mapping.append(match)
    else:
        mapping = previous.columns
        if any(abs(c.x0 - x0) > tol * 3 or abs(c.x1 - x1) > tol * 3
               for c, (x0, x1) in zip(previous.columns, grid.columns)):
            return None
    cols = [Column(i, x0, x1, m.role, m.header, m.year, m.quarter, m.alias_of if mapping is previous.columns else None)
            for i, ((x0, x1), m) in enumerate(zip(grid.columns, mapping))]
    return Header(columns=cols, rows=0, texts=previous.texts)


def is_repeated_header(row: Row, header: Header) -> bool:
    cells = [fold(t) for _, _, t in _row_cells_text(row)]
    if not cells:
        return False
    hits = sum(1 for t in cells if t in header.texts)
    return hits >= max(2, len(cells) - 1)


def named_column(header: Header, col: int) -> int:
    """The header column a grid column belongs to (a sliver made by other rows' rules belongs to
    the header cell over it)."""
    alias = header.columns[col].alias_of
    return col if alias is None else alias


def split_by_header(cells: list[Cell], header: Header) -> list[Cell]:
    """Cells, with each one that spans named columns its text keeps to split into one per column.

    Some tables rule their columns in the header only (or in some rows): a body row is then one
    ruled cell across the table while its text sits in the header's columns ("1 | Accelerate the
    formal approval ... | - Land use policy updated ... | Facilitation"). When no word of such a
    cell crosses the edge between two named columns and its words fill two of them or more, each
    named column's words are a cell of their own; running text across the columns (a banner)
    crosses an edge and stays one cell."""
    out: list[Cell] = []
    for cell in cells:
        named = sorted({named_column(header, c) for c in range(cell.col, cell.col + cell.colspan)})
        words = [w for ln in cell.lines for w in ln.words]
        if len(named) < 2 or not words:
            out.append(cell)
            continue
        edges = [header.columns[c].x0 for c in named[1:]]
        if any(w.x0 < e - 1 and w.x1 > e + 1 for w in words for e in edges):
            out.append(cell)
            continue
        parts: dict[int, list] = {}
        for w in words:
            parts.setdefault(named[bisect_right(edges, w.xc)], []).append(w)
        if len(parts) < 2:
            out.append(cell)
            continue
        for col, ws in sorted(parts.items()):
            last = max(c for c in range(cell.col, cell.col + cell.colspan) if named_column(header, c) == col)
            box = (max(cell.bbox[0], header.columns[col].x0), cell.bbox[1],
                   min(cell.bbox[2], header.columns[last].x1), cell.bbox[3])
            out.append(Cell(col=col, colspan=last - col + 1, lines=group_lines(ws), bbox=box))
    return out
