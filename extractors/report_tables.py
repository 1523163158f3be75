"""A progress report's tables of figures, read into observations.

Grids come from the finders the plan tables use: ruled tables from ``extractors.ruled`` (cells
between ruling lines, made tidy by ``extractors.tables.tidy``), unruled ones from numbers that
line up in columns, their rows built by ``extractors.unruled.grid_from_lines``. A grid is then read
as a table of figures (``read_grid``):

- header rows: the rows above the first row holding a figure; a header cell spanning several
  columns is their group ("Sexe" over "Homme | Femme", "PRISE EN CHARGE" over four kinds of care);
- columns: an index ("N°", row numbers), a year ("Année"), the row labels (the text column with
  the most words), figures (numbers in most of their cells) and other texts (a "Source" column);
- body rows: a row with figures gives one observation per figure; a row with a label and no figure
  is a section row ("Femmes dans la Police", "PARQUETS") that applies to the rows below it up to
  the next section or a "Total" row.

A table whose grid starts at the top of a page without a header, with as many columns as the
last table of the page before, continues that table (``link_continued``): its rows are read with
that table's header, caption and source. A chart's numbers (bar labels, axis ticks) make no table:
they come with no header, no row labels, or several to a cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.ruled import grid_from_cells, table_cell_boxes
from extractors.tables import Cell, Grid, Row, tidy
from extractors.unruled import grid_from_lines
from extractors.values import parse_number
from pipeline.pdf.lines import page_lines, split_line_at_gaps
from pipeline.pdf.model import BBox, Line, PageLayout
from pipeline.records import Observation
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.text.fold import fold_same_length

TABLE_CONFIDENCE = 0.8

# A cell holding one figure: "754", "36.711", "2 ,12", "± 40", "13,7%", "+38.3pp", "-1.6 hrs", "+22.6 pts".
FIGURE = re.compile(r"^(?P<sign>[+\-−±~≈<>]?)\s*(?P<num>\d[\d\s.,]*?)\s*(?P<pct>%)?\s*"
                    r"(?P<unit>pp|pts?|points?|hrs?|hours?|heures?|jours?|days?)?\s*[.,]?$", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
BARE_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s*$")
CAPTION = re.compile(r"^\s*(?:\d+[.)]?\s*|[a-z][.)]\s*)?(tableau|table|cuadro|tabla|quadro|tabela)\b\s*"
                     r"(n\s*[°o]\.?|no\.?|nº)?\s*\.?\s*\d*", re.IGNORECASE)
# "Source : X", "Sources: X", "Source X 2019", "Source police 2022" (a short line), "Souce : X" (sic).
SOURCE_LINE = re.compile(r"^\s*(?:sou?rces?|souce|fuentes?|fontes?)\s*(?::|\s(?=[A-Z])|\s(?=\S+(?:\s+\S+){0,5}\s*$))"
                         r"\s*(?P<text>.+)$", re.IGNORECASE)
PLACEHOLDER_HEADER = re.compile(r"^(colonne|column|col|columna|coluna)\d+$", re.IGNORECASE)  # spaces taken out
# Header words (folded, lower case) that give a column's role.
WOMEN = re.compile(r"(^|[\s%(.'/])(femmes?|women|female|femenino|mujeres?|mulheres?|f|fe|femme|n\.f)\b")
MEN = re.compile(r"(^|[\s%(.'/])(hommes?|men|male|masculino|hombres?|homens?|h|homme|n\.h)\b")
TOTAL = re.compile(r"\btotal\w*\b")
YEAR_COL = re.compile(r"\b(annee|ano|anio|year|periode|period|periodo)\b")
SOURCE_COL = re.compile(r"\b(sources?|fuentes?|fontes?)\b")
PERCENT_COL = re.compile(r"%|pourcentage|percentage|porcentaje|percentagem|porcentagem|taux|tasa|taxa")
INDEX_COL = re.compile(r"^(n\s*[°o]|no\.?|nº|#|numero|num\.?|id)$")
SEX_LABEL = {"femme": "women", "femmes": "women", "women": "women", "female": "women", "mujeres": "women",
             "mulheres": "women", "homme": "men", "hommes": "men", "men": "men", "male": "men", "hombres": "men",
             "homens": "men", "total": "total"}
TOTAL_LABEL = re.compile(r"^\s*total\w*\b", re.IGNORECASE)


# ---- cells ---------------------------------------------------------------------------------------

def cell_text(cell: Cell | None) -> str:
    """A cell's lines as one line of text, a word broken at a line's end ("socioécono-") joined."""
    if cell is None:
        return ""
    out = ""
    for line in cell.lines:
        text = line.text.strip()
        if out.endswith("-") and text[:1].islower():
            out = out[:-1] + text
        else:
            out = f"{out} {text}".strip()
    return out


@dataclass
class Figure:
    value: float
    written: str
    percent: bool


def read_figure(text: str) -> Figure | None:
    """The figure a cell holds, or None when it holds words, several numbers or nothing."""
    text = " ".join(text.split())
    m = FIGURE.match(text)
    if not m or not any(c.isdigit() for c in m.group("num")):
        return None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    if m.group("sign") in ("-", "−"):
        value = -value
    unit = (m.group("unit") or "").lower()
    return Figure(value, text, bool(m.group("pct")) or unit == "pp")


def is_figure_cell(cell: Cell) -> bool:
    return read_figure(cell_text(cell)) is not None


# ---- a grid read as a table of figures -----------------------------------------------------------

@dataclass
class Column:
    header: str = ""  # the column's own header words
    group: str = ""  # the header of a cell spanning it and its neighbours
    role: str = "text"  # index | year | label | figures | source | text


@dataclass
class ReportTable:
    """A table of figures on one page (a part of a table continued over pages shares the first
    part's ``columns``, ``caption`` and ``source`` through ``head``)."""

    grid: Grid
    columns: list[Column]
    body: list[Row]
    caption: str | None = None
    caption_box: BBox | None = None
    source: str | None = None
    head: ReportTable | None = None  # the table's first part, when this part continues it
    header_rows: list[Row] = field(default_factory=list)

    @property
    def page(self) -> PageLayout:
        return self.grid.page

    @property
    def first(self) -> ReportTable:
        return self.head or self

    def label_col(self) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.role == "label"), None)


def _row_figures(row: Row) -> list[Cell]:
    """The cells of a row holding a figure, years and a leading row number left out."""
    cells = row.text_cells()
    return [c for i, c in enumerate(cells) if is_figure_cell(c) and not BARE_YEAR.match(cell_text(c))
            and not (i == 0 and c.col == 0 and len(cells) > 1 and re.fullmatch(r"\d{1,3}", cell_text(c)))]


def split_header(grid: Grid) -> tuple[list[Row], list[Row]]:
    """Header rows (above the first row holding a figure other than a year or a row number) and
    body rows. Rows at the foot of the header with words in the first columns only are section
    rows over the first body rows ("Femmes dans les forces militaires", "1 | MAGISTRATS DE SIEGE")."""
    start = next((i for i, row in enumerate(grid.rows) if _row_figures(row)), None)
    if start is None:
        return grid.rows, []
    while start > 1 and is_section_row(grid.rows[start - 1], grid.rows[start]):
        start -= 1
    return grid.rows[:start], grid.rows[start:]


def is_section_row(row: Row, below: Row) -> bool:
    """A row of words over rows of figures: its words sit left of the figures below, or it is one
    cell across the table ("Army", "1 | MAGISTRATS DE SIEGE")."""
    cells = row.text_cells()
    figure_cols = [c.col for c in _row_figures(below)]
    if not cells or not figure_cols or any(is_figure_cell(c) and c.col > 0 for c in cells):
        return False
    across = len(cells) == 1 and cells[0].colspan > 1 and cells[0].col + cells[0].colspan > min(figure_cols)
    return across or all(c.col + c.colspan <= min(figure_cols) for c in cells)


def _header_texts(rows: list[Row], ncols: int) -> list[Column]:
    cols = [Column() for _ in range(ncols)]
    for row in rows:
        for cell in row.text_cells():
            text = cell_text(cell)
            if PLACEHOLDER_HEADER.match(text.replace(" ", "")) or cell.colspan >= ncols:
                continue  # "Colonne1" (a word processor's default), a title row across the table
            for k in range(cell.col, min(cell.col + cell.colspan, ncols)):
                col = cols[k]
                if cell.colspan > 1 and not col.group.endswith(text):
                    col.group = f"{col.group} {text}".strip()
                elif cell.colspan == 1 and not col.header.endswith(text):  # a header drawn twice, once
                    col.header = f"{col.header} {text}".strip()
    return cols


def _column_cells(body: list[Row], col: int) -> list[str]:
    return [cell_text(c) for r in body for c in r.cells if c.col == col and not c.empty]


def assign_roles(cols: list[Column], body: list[Row]) -> None:
    """Each column's role from its header and its body cells."""
    for k, col in enumerate(cols):
        texts = _column_cells(body, k)
        head = fold_same_length(f"{col.group} {col.header}").strip()
        figures = sum(1 for t in texts if read_figure(t) is not None)
        years = sum(1 for t in texts if BARE_YEAR.match(t))
        numbered = sum(1 for t in texts if re.fullmatch(r"\d{1,3}", t))
        if texts and k <= 1 and ((INDEX_COL.match(head) and numbered) or (not head and numbered == len(texts))):
            col.role = "index"
        elif (YEAR_COL.search(head) and years) or (texts and years == len(texts) and len(texts) >= 2):
            col.role = "year"
        elif SOURCE_COL.search(head) and figures < len(texts):
            col.role = "source"
        elif texts and figures * 2 >= len(texts):
            col.role = "figures"
    text_cols = [k for k, c in enumerate(cols) if c.role == "text"]
    if text_cols:
        letters = {k: sum(sum(ch.isalpha() for ch in t) for t in _column_cells(body, k)) for k in text_cols}
        best = max(text_cols, key=lambda k: (letters[k], -k))
        if letters[best]:
            cols[best].role = "label"


def _carried_columns(grid: Grid, head: ReportTable) -> list[Column] | None:
    """The columns of the table a grid continues, in the grid's order: each of the grid's columns
    is the head's column under it (a column left empty on this page may be missing), or, on a page
    laid out otherwise, the head's column of the same rank when there are as many."""
    centres = [(a + b) / 2 for a, b in grid.columns]
    spans = head.grid.columns
    under = [next((k for k, (a, b) in enumerate(spans) if a - 3 <= x <= b + 3), None) for x in centres]
    if None not in under and len(set(under)) == len(under):
        return [head.columns[k] for k in under]  # type: ignore[index]
    return list(head.columns) if grid.ncols == len(head.columns) else None


def read_grid(grid: Grid, continued: ReportTable | None = None) -> ReportTable | None:
    """The grid as a table of figures, or None when it is not one (a chart's numbers, a table of
    words). ``continued``: the table of the page before, which a grid without a header continues."""
    header, body = split_header(grid)
    if not body:
        return None
    if continued is not None and header and all(is_section_row(r, body[0]) for r in header):
        header, body = [], header + body  # the page goes on with a section row ("Police")
    carried = _carried_columns(grid, continued.first) if not header and continued is not None else None
    if carried is not None:
        table = ReportTable(grid, carried, body, head=continued.first)
    elif header:
        cols = _header_texts(header, grid.ncols)
        assign_roles(cols, body)
        table = ReportTable(grid, cols, body, header_rows=header)
        if not any(c.header or c.group for c in cols if c.role == "figures"):
            return None  # figures under no header: a chart's labels
    else:
        return None
    if not any(c.role == "figures" for c in table.columns):
        return None
    rows_with_figures = [r for r in body if _row_figures(r)]
    return table if rows_with_figures else None


# ---- what the page says around a table: caption, source ------------------------------------------

def _above(lines: list[Line], box: BBox, floor: float) -> list[Line]:
    """Lines above a box (nearest first), below ``floor`` (the table or source above it)."""
    return sorted((ln for ln in lines if floor <= ln.top and ln.bottom <= box[1] + 2
                   and ln.x1 > box[0] - 40 and ln.x0 < box[2] + 40), key=lambda ln: -ln.top)


def find_caption(lines: list[Line], box: BBox, floor: float, settings: ExtractionSettings) -> tuple[str, BBox] | None:
    """The caption over a table ("Tableau n°7 Proportion de femmes ...", wrapped lines joined)."""
    above = [ln for ln in _above(lines, box, floor) if box[1] - ln.bottom <= settings.report_caption_gap]
    for k, ln in enumerate(above[:4]):
        if SOURCE_LINE.match(ln.text):
            return None  # the source of a table above
        if CAPTION.match(ln.text) and len(ln.text.strip()) > 8:
            parts = [ln, *reversed(above[:k])]
            text = " ".join(p.text.strip() for p in parts)
            return text, (min(p.x0 for p in parts), ln.top, max(p.x1 for p in parts), parts[-1].bottom)
    return None


def find_source(lines: list[Line], box: BBox, settings: ExtractionSettings) -> str | None:
    """The "Source : ..." line under a table, with the lines it wraps over."""
    below = sorted((ln for ln in lines if ln.top >= box[3] - 2 and ln.top - box[3] <= settings.report_source_gap
                    and ln.x1 > box[0] - 40 and ln.x0 < box[2] + 40), key=lambda ln: ln.top)
    for k, ln in enumerate(below[:3]):
        m = SOURCE_LINE.match(ln.text)
        if m:
            return _wrapped(m.group("text").strip(), ln, [x for x in lines if x.top > ln.top])
        if CAPTION.match(ln.text):
            return None
    return None


def _wrapped(text: str, first: Line, after: list[Line]) -> str:
    prev = first
    for ln in sorted(after, key=lambda x: x.top)[:3]:
        if ln.top - prev.bottom > 0.6 * max(prev.height, 1.0) or CAPTION.match(ln.text) or SOURCE_LINE.match(ln.text):
            break
        text = f"{text} {ln.text.strip()}"
        prev = ln
    return text


def caption_indicator(caption: str | None) -> str | None:
    """A caption without its "Tableau n°3." label."""
    if not caption:
        return None
    return CAPTION.sub("", caption, count=1).strip(" .:-–") or None


# ---- observations --------------------------------------------------------------------------------

@dataclass
class _Carry:
    """What a row inherits from the rows above it (over the pages of a continued table)."""

    section: str | None = None
    year: str | None = None  # a year written in the year column of the header, over the rows


def _last_year(text: str | None) -> str | None:
    years = YEAR.findall(text or "")
    return years[-1] if years else None


def _sex_of_header(header: str) -> str | None:
    folded = fold_same_length(header).lower()
    if WOMEN.search(folded):
        return "women"
    if MEN.search(folded):
        return "men"
    return "total" if TOTAL.search(folded) else None


def _plain_sex(text: str) -> str | None:
    """The sex a label or header names and nothing else ("Femme", "Hommes", "Total")."""
    return SEX_LABEL.get(fold_same_length(text).lower().strip(" .:"))


@dataclass
class _RowContext:
    label: str
    period: str | None
    source: str | None
    section: str | None
    total: bool


def _row_context(table: ReportTable, cells: dict[int, Cell], carry: _Carry) -> _RowContext:
    cols = table.columns
    text_of = {cols[k].role: cell_text(c) for k, c in cells.items() if k < len(cols)}
    label = text_of.get("label", "")
    if not label:  # no label column, or an empty label: the row's words are its label ("Total")
        label = next((cell_text(c) for k, c in sorted(cells.items()) if k < len(cols) and cols[k].role != "year"
                      and not is_figure_cell(c)), "")
    label = re.sub(r"^\d{1,3}\s*[(.)]?\s+(?=\D)", "", label).strip()
    year = text_of["year"].strip() if BARE_YEAR.match(text_of.get("year", "")) else None
    source = text_of.get("source") or table.first.source
    period = year or carry.year or (label[-4:] if re.search(r"\b(?:19|20)\d\d$", label) else None) \
        or _last_year(text_of.get("source")) or _last_year(table.first.source)
    total = bool(TOTAL_LABEL.match(label))
    return _RowContext(label, period, source, None if total else carry.section, total)


def _indicator(table: ReportTable, col: Column, ctx: _RowContext) -> tuple[str | None, dict[str, str]]:
    """The indicator a figure measures and what sets it apart: the row label, else (a row of a sex or
    a total, or no label) the table's caption or the column's group header."""
    dis: dict[str, str] = {}
    if ctx.label and not ctx.total and _plain_sex(ctx.label) is None:
        return ctx.label, dis
    if ctx.total:
        dis["group"] = ctx.label
    named = caption_indicator(table.first.caption)
    if col.group and not ctx.label:
        return col.group, dis
    return named or col.group or None, dis


def _observation(table: ReportTable, cell: Cell, col: Column, ctx: _RowContext, pillar: str | None) -> Observation | None:
    figure = read_figure(cell_text(cell))
    if figure is None:
        return None
    indicator, dis = _indicator(table, col, ctx)
    if not indicator:
        return None
    header = col.header or col.group
    percent = figure.percent or bool(PERCENT_COL.search(fold_same_length(header).lower()))
    row_sex = _plain_sex(ctx.label) if ctx.label else None
    col_sex = None if percent else _sex_of_header(header)
    if row_sex == "total":  # a "Total" row: the column says whose total it is
        row_sex = col_sex or (None if percent else "total")
    sex = row_sex or col_sex
    if sex:
        dis["sex"] = sex
    if header and _plain_sex(header) is None:
        dis["measure"] = " ".join(header.split())
    if ctx.section:
        dis["section"] = ctx.section
    period = header.strip() if BARE_YEAR.match(header) else ctx.period
    page = table.page
    return Observation(
        indicator=indicator, table=table.first.caption, value=figure.value, value_as_written=figure.written,
        unit="percentage" if percent else "number", period=period, disaggregation=dis, source=ctx.source,
        pillar=pillar, page=page.number, bbox=page.to_page_bbox(cell.bbox), method=table.grid.method,
        confidence=TABLE_CONFIDENCE)


def row_observations(table: ReportTable, row: Row, carry: _Carry, pillar: str | None) -> list[Observation]:
    """One observation per figure of a body row; a row with a label and no figure is a section row."""
    cols = table.columns
    cells = {c.col: c for c in row.text_cells()}
    ctx = _row_context(table, cells, carry)
    figures = [(k, c) for k, c in cells.items() if k < len(cols) and cols[k].role == "figures" and is_figure_cell(c)]
    if not figures:
        words = " ".join(cell_text(c) for k, c in sorted(cells.items()) if k >= len(cols) or cols[k].role
                         not in ("index", "year"))
        if words.strip() and not ctx.total:
            carry.section = words.strip()
        return []
    found = [_observation(table, c, cols[k], ctx, pillar) for k, c in sorted(figures)]
    return [o for o in found if o is not None]


# ---- grids on a page -----------------------------------------------------------------------------

def _touching(a: BBox, b: BBox) -> bool:
    """Two tables side by side on the same rows: one table the ruling drew in two."""
    same_rows = abs(a[1] - b[1]) <= 4 and abs(a[3] - b[3]) <= 4
    return same_rows and (0 <= b[0] - a[2] <= 8 or 0 <= a[0] - b[2] <= 8)


def _extent(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def ruled_grids(page: PageLayout, settings: ExtractionSettings) -> list[Grid]:
    """The page's ruled tables (``extractors.ruled``), tables drawn in two halves side by side
    joined, each made tidy (``extractors.tables.tidy``: rows a figure spans joined)."""
    tables = table_cell_boxes(page, settings)
    joined: list[list[BBox]] = []
    for boxes in sorted(tables, key=lambda t: _extent(t)[0]):
        mate = next((j for j in joined if _touching(_extent(j), _extent(boxes))), None)
        if mate is not None:
            mate.extend(boxes)
        else:
            joined.append(list(boxes))
    grids = []
    for boxes in joined:
        grid = grid_from_cells(page, boxes)
        if grid is not None and grid.ncols >= 2:
            grid = tidy(grid, joins=is_figure_cell)
            if grid.rows and grid.ncols >= 2:
                grids.append(grid)
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0]))


@dataclass
class _Seg:
    line: Line
    figure: bool


def _segments(line: Line, gap: float) -> list[_Seg]:
    return [_Seg(part, read_figure(part.text) is not None) for part in split_line_at_gaps(line, gap)]


def _is_value_line(line: Line, gap: float) -> bool:
    """A line of an unruled table of figures: a label followed by figures, or several figures."""
    segs = _segments(line, gap)
    figures = [s for s in segs if s.figure and not BARE_YEAR.match(s.line.text)]
    labelled = any(not s.figure and sum(c.isalpha() for c in s.line.text) >= 2 for s in segs[:1])
    return len(figures) >= 2 or (len(figures) == 1 and labelled and len(segs) >= 2)


def _figure_columns(lines: list[Line], gap: float) -> list[tuple[float, float]] | None:
    """x ranges of the figure columns, or None when the figures do not line up (a chart)."""
    cols: list[list[float]] = []  # x0, x1, lines holding a figure there
    spans = [(s.line.x0, s.line.x1, i) for i, ln in enumerate(lines) for s in _segments(ln, gap) if s.figure]
    members: list[set[int]] = []
    for x0, x1, i in sorted(spans, key=lambda t: t[1]):
        k = next((k for k, c in enumerate(cols) if x0 <= c[1] + 2 and x1 >= c[0] - 2 or abs(x1 - c[1]) < 4), None)
        if k is None:
            cols.append([x0, x1])
            members.append({i})
        else:
            cols[k] = [min(cols[k][0], x0), max(cols[k][1], x1)]
            members[k].add(i)
    aligned = sum(len(m) for m in members if len(m) >= 2)
    if not spans or aligned < 0.6 * len(spans):
        return None
    return sorted((c[0], c[1]) for c in cols)


def _header_lines(lines: list[Line], first: int, taken_top: float) -> list[Line]:
    """The lines just above a table's first row that name its columns (short, not prose)."""
    out: list[Line] = []
    k = first - 1
    while k >= 0 and first - k <= 4 and lines[first].top - lines[k].bottom < 60 and lines[k].top > taken_top:
        text = lines[k].text
        if CAPTION.match(text) or SOURCE_LINE.match(text) or len(text.split()) > 12:
            break
        out.insert(0, lines[k])
        k -= 1
    return out


def _widen_to_header(spans: list[list[float]], head: list[Line], gap: float) -> None:
    """Each header cell widens the column it overlaps most, or the nearest (a header is often
    left-aligned over right-aligned figures), so that column boundaries fall between headers too."""
    for line in head:
        for seg in split_line_at_gaps(line, gap):
            def fit(k: int) -> tuple[float, float]:
                a, b = spans[k]
                return (min(b, seg.x1) - max(a, seg.x0), -abs((a + b) / 2 - (seg.x0 + seg.x1) / 2))

            k = max(range(len(spans)), key=fit)
            lo = spans[k - 1][1] + 1 if k else -1e9
            hi = spans[k + 1][0] - 1 if k + 1 < len(spans) else 1e9
            spans[k] = [max(lo, min(spans[k][0], seg.x0)), min(hi, max(spans[k][1], seg.x1))]


def _unruled_grid(page: PageLayout, lines: list[Line], first: int, last: int, floor: float,
                  settings: ExtractionSettings) -> Grid | None:
    body = lines[first:last + 1]
    size = sorted(w.size for ln in body for w in ln.words)[len(body) // 2] or 10.0
    gap = 0.9 * size
    cols = _figure_columns([ln for ln in body if _is_value_line(ln, gap)], gap)
    head = _header_lines(lines, first, floor)
    if not cols or not head:
        return None
    # A label wrapped under the last row ("... que completan" / "el programa de mentoría").
    for ln in lines[last + 1:last + 3]:
        if ln.top - body[-1].bottom > 0.8 * max(body[-1].height, 1.0) or ln.x1 >= cols[0][0]:
            break
        body.append(ln)
    label_x1 = max((s.line.x1 for ln in body for s in _segments(ln, gap)[:1] if not s.figure), default=cols[0][0])
    spans = [[min(ln.x0 for ln in body), min(label_x1, cols[0][0] - 2)]] + [list(c) for c in cols]
    # Text right of the figures (a source column) and header cells beyond the figures widen the table.
    right = max(ln.x1 for ln in body + head)
    if right > cols[-1][1] + 10:
        spans.append([cols[-1][1] + 4, right])
    _widen_to_header(spans, head, 0.6 * size)
    bounds = [spans[0][0] - 1] + [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])]
    starts = [ln.top - 0.5 for ln in body if _is_value_line(ln, gap) or (ln.bold and not _is_value_line(ln, gap))]
    rules = [(y, bounds[0], right + 2) for y in starts]
    return grid_from_lines(page, head + body, bounds, right + 2, {0}, gap, settings, rules)


def unruled_grids(page: PageLayout, taken: list[BBox], settings: ExtractionSettings) -> list[Grid]:
    """Tables of figures without ruling: runs of lines whose figures line up in columns."""
    lines = [ln for ln in page_lines(page) if not any(b[1] - 2 <= ln.top <= b[3] + 2 for b in taken)]
    if not lines:
        return []
    size = sorted(w.size for w in page.words)[len(page.words) // 2] or 10.0
    value_at = [i for i, ln in enumerate(lines) if _is_value_line(ln, 0.9 * size)]
    grids, floor, i = [], 0.0, 0
    while i < len(value_at):
        j = i
        while j + 1 < len(value_at) and value_at[j + 1] - value_at[j] <= 4 \
                and lines[value_at[j + 1]].top - lines[value_at[j]].bottom < 40:
            j += 1
        if j > i:
            grid = _unruled_grid(page, lines, value_at[i], value_at[j], floor, settings)
            if grid is not None:
                grids.append(grid)
                floor = grid.bbox[3]
        i = j + 1
    return grids


def page_grids(page: PageLayout, settings: ExtractionSettings = DEFAULT_SETTINGS) -> list[Grid]:
    ruled = ruled_grids(page, settings)
    unruled = unruled_grids(page, [g.bbox for g in ruled], settings)
    return sorted(ruled + unruled, key=lambda g: (g.bbox[1], g.bbox[0]))


# ---- the report's tables, page after page --------------------------------------------------------

def _nothing_above(grid: Grid, lines: list[Line]) -> bool:
    return not any(ln.bottom < grid.bbox[1] - 2 for ln in lines)


def _nothing_below(box: BBox, lines: list[Line]) -> bool:
    return not any(ln.top > box[3] + 2 for ln in lines)


def _page_tables(page: PageLayout, lines: list[Line], before: ReportTable | None,
                 settings: ExtractionSettings) -> list[ReportTable]:
    """The tables of figures on a page; ``before``: the table that ran to the foot of the page
    before, which the page's first grid may continue."""
    found: list[ReportTable] = []
    floor = 0.0
    for grid in page_grids(page, settings):
        continued = before if not found and _nothing_above(grid, lines) else None
        table = read_grid(grid, continued)
        if table is None:
            continue
        if table.head is None:
            caption = find_caption(lines, grid.bbox, floor, settings)
            if caption is not None:
                table.caption, table.caption_box = caption
        found.append(table)
        floor = grid.bbox[3]
    return found


def read_tables(pages: list[PageLayout], settings: ExtractionSettings = DEFAULT_SETTINGS) -> list[ReportTable]:
    """Every table of figures of the report, in page order, each part of a continued table linked to
    its first part, sources found under the last part (or at the top of the next page)."""
    tables: list[ReportTable] = []
    before: ReportTable | None = None
    lines_of: dict[int, list[Line]] = {}
    for page in pages:
        if not page.full:  # tables only where the page was read in full (pipeline/pdf/triage.py)
            before = None
            continue
        lines = lines_of[page.number] = page_lines(page)
        found = _page_tables(page, lines, before, settings)
        tables.extend(found)
        before = found[-1] if found and _nothing_below(found[-1].grid.bbox, lines) else None
    for k, table in enumerate(tables):
        if table.first.source is None:
            table.first.source = _source_of(table, lines_of, pages, settings)
    return tables


def _source_of(table: ReportTable, lines_of: dict[int, list[Line]], pages: list[PageLayout],
               settings: ExtractionSettings) -> str | None:
    lines = lines_of[table.page.number]
    source = find_source(lines, table.grid.bbox, settings)
    if source is None and _nothing_below(table.grid.bbox, lines):
        following = [p for p in pages if p.number == table.page.number + 1]
        if following:
            top = page_lines(following[0])
            m = SOURCE_LINE.match(top[0].text) if top else None
            if m:
                source = _wrapped(m.group("text").strip(), top[0], top[1:])
    return source


def _header_year(table: ReportTable) -> str | None:
    """A year the header writes in the year column ("ANNEE" over "2017"): the body rows' period."""
    cols = [k for k, c in enumerate(table.columns) if c.role == "year"]
    years = [cell_text(c).strip() for r in table.header_rows for c in r.text_cells()
             if c.col in cols and BARE_YEAR.match(cell_text(c))]
    return years[-1] if years else None


def table_observations(tables: list[ReportTable], pillar_at) -> list[Observation]:  # noqa: ANN001 - (page, top) -> pillar
    """The observations of every table, rows of a continued table reading on from its part before."""
    out: list[Observation] = []
    carries: dict[int, _Carry] = {}
    for table in tables:
        carry = carries.setdefault(id(table.first), _Carry(year=_header_year(table.first)))
        for row in table.body:
            out.extend(row_observations(table, row, carry, pillar_at(table.page.number, row.bbox[1])))
    return out
