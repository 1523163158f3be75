"""Unruled tables: columns found from the header's text alignment, rows from white space.

The header band (one to three lines naming column roles) gives the columns: its lowest line
gives one column per text segment, the lines above either prefix a column ("Performance" over
"Indicators") or group several ("Implementation Year" over 2024 ... 2028). A table whose header
appears only once is continued on later pages with the previous page's columns.
"""

from __future__ import annotations

import re
from statistics import median

from extractors.columns import Header, header_from_texts, roles_from_body
from extractors.tables import Cell, Grid, Row
from pipeline.pdf.lines import group_lines, split_line_at_gaps
from pipeline.pdf.model import BBox, Line, PageLayout
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.text.fold import fold
from pipeline.text.vocabulary import (
    GOAL_BANNER,
    LEVEL_ROLES,
    PILLAR_BANNER,
    QUARTER_HEADER,
    YEAR_HEADER,
    header_role,
)


def _segments(line: Line, gap: float) -> list[Line]:
    return split_line_at_gaps(line, gap)


def _is_header_segment(text: str) -> bool:
    folded = fold(text)
    return bool(header_role(text)[0] or YEAR_HEADER.match(folded) or QUARTER_HEADER.match(folded))


def _header_band(lines: list[Line], gap: float, settings: ExtractionSettings) -> tuple[int, int] | None:
    for i, line in enumerate(lines):
        segs = _segments(line, gap)
        roles = {header_role(s.text)[0] for s in segs} - {None}
        if len(roles) < settings.min_header_roles or not roles & set(LEVEL_ROLES):
            continue
        if sum(1 for s in segs if not _is_header_segment(s.text)) > len(segs) / 2:
            continue
        role_line = i
        width = len(segs)
        # Wrapped headers can start a line above the line naming most roles ("Presupuesto" over "(USD)").
        while i > 0 and lines[i].top - lines[i - 1].bottom <= 0.9 * max(lines[i].height, 1.0) \
                and all(len(s.text.split()) <= 4 for s in _segments(lines[i - 1], gap)) \
                and not _is_named_banner(lines[i - 1].text):
            i -= 1
        end = role_line + 1
        while end < len(lines) and end - role_line < 3:
            prev, nxt = lines[end - 1], lines[end]
            if nxt.top - prev.bottom > 0.9 * max(prev.height, 1.0):
                break
            segs = _segments(nxt, gap)
            if any(len(s.text.split()) > 4 for s in segs):
                break
            # A header's wrapped second line fills a few columns; a line filling (nearly) all of
            # them is the first body row.
            if len(segs) >= max(3, width - 1) and any(not _is_header_segment(s.text) for s in segs):
                break
            end += 1
        return i, end
    return None


def _styled_band(lines: list[Line], gap: float) -> tuple[int, int] | None:
    """A header band naplog knows none of the words of: a line of two or more short labels, set
    bold, with at least three lines below whose text falls under those labels."""
    for i, line in enumerate(lines[:-3]):
        segs = _segments(line, gap)
        if len(segs) < 3 or any(len(s.text.split()) > 4 for s in segs):
            continue
        if sum(len(w.text) for w in line.words if w.bold) * 3 < 2 * sum(len(w.text) for w in line.words):
            continue
        below = [s for ln in lines[i + 1:i + 8] for s in _segments(ln, gap)]
        under = sum(1 for s in below if any(s.x0 < h.x1 + 2 and s.x1 > h.x0 - 2 for h in segs))
        if len(below) >= 3 and under * 4 >= 3 * len(below):
            return i, i + 1
    return None


def _roles_read_from_body(page: PageLayout, header: Header, body: list[Line], bounds: list[float], x_end: float,
                          gap: float, settings: ExtractionSettings) -> Header | None:
    """The roles of a header whose words name none, from the body's columns: the body is first cut
    into rows as if every column were a level, its columns are read (``roles_from_body``), then the
    caller cuts the rows again by the levels found."""
    every = set(range(len(header.columns)))
    rough = grid_from_lines(page, body, bounds, x_end, every, gap, settings, None)
    if rough is None:
        return None
    roles_from_body(header, rough.rows)
    return header


def _is_named_banner(text: str) -> bool:
    folded = fold(text)
    return bool(PILLAR_BANNER.match(folded) or GOAL_BANNER.match(folded))


def _columns_from_band(band: list[Line], gap: float) -> list[tuple[float, float, list[str]]]:
    rows = [_segments(line, gap) for line in band]
    # Start from the line with the most segments (the most specific), then place the others.
    base_idx = max(range(len(rows)), key=lambda i: (len(rows[i]), i))
    cols: list[list] = [[s.x0, s.x1, [(base_idx, s.text)]] for s in rows[base_idx]]
    for idx, segs in enumerate(rows):
        if idx == base_idx:
            continue
        for s in segs:
            hits = [c for c in cols if s.x0 < c[1] + 2 and s.x1 > c[0] - 2]
            if not hits:
                cols.append([s.x0, s.x1, [(idx, s.text)]])
            else:
                for c in hits:
                    c[2].append((idx, s.text))
                    if len(hits) == 1:
                        c[0], c[1] = min(c[0], s.x0), max(c[1], s.x1)
    cols.sort(key=lambda c: c[0])
    return [(c[0], c[1], [t for _, t in sorted(c[2])]) for c in cols]


TABLE_END = re.compile(r"^(source|sources|note|notes|nb|fuente|fuentes|fonte|fontes|remarque)\s*:", re.IGNORECASE)


def _body_lines(lines: list[Line], page: PageLayout) -> list[Line]:
    body = []
    for line in lines:
        text = line.text.strip()
        if TABLE_END.match(text):
            break  # "Source: ..." under a table closes it
        # Running footers: a bare page number or a short line in the bottom margin.
        if line.top > page.height * 0.93 and (text.isdigit() or len(text) < 40):
            continue
        if line.bottom < page.height * 0.05 and len(text) < 60:
            continue
        body.append(line)
    return body


def _boundaries(cols: list[tuple[float, float]], body: list[Line], gap: float) -> list[float]:
    """Left edge of each column: the header's left edge, moved left to where body text starts
    (centred or right-aligned headers sit right of their column's text)."""
    starts = [s.x0 for line in body for s in _segments(line, gap)]
    bounds = []
    for i, (x0, _x1) in enumerate(cols):
        left_limit = cols[i - 1][1] + 1 if i else x0 - 40
        near = [s for s in starts if left_limit <= s <= x0 + 2]
        if len(near) >= 2:
            x0 = min(x0, min(near))
        bounds.append(x0 - 2)
    return bounds


def _prose_share(body: list[Line], bounds: list[float]) -> float:
    """Share of lines whose words run across a column boundary with an ordinary word space:
    prose, not a table row."""
    if not body:
        return 0.0
    straddling = 0
    for line in body:
        words = line.words
        for a, b in zip(words, words[1:]):
            space = b.x0 - a.x1
            if space < 0.5 * (a.size or 8.0) and any(a.x1 <= x <= b.x0 + 1 or a.x0 < x < a.x1 for x in bounds[1:]):
                straddling += 1
                break
    return straddling / len(body)


def _assign(line: Line, bounds: list[float]) -> dict[int, list]:
    cells: dict[int, list] = {}
    for w in line.words:
        col = max((i for i, b in enumerate(bounds) if w.x0 >= b), default=0)
        cells.setdefault(col, []).append(w)
    return cells


def _is_banner(line: Line, bounds: list[float], gap: float) -> bool:
    segs = _segments(line, gap)
    text = line.text.strip()
    spans = len(segs) == 1 and sum(1 for b in bounds[1:] if segs[0].x0 < b < segs[0].x1) >= 1
    named = bool(PILLAR_BANNER.match(fold(text)) or GOAL_BANNER.match(fold(text)))
    return len(segs) == 1 and ((spans and (line.bold or named)) or (named and line.bold))


def _row_rules(page: PageLayout, x0: float, x1: float, top: float) -> list[tuple[float, float, float]]:
    """Horizontal rules (y, x0, x1) that separate rows: a rule across most of the table, or a
    shorter one that ends at the table's right edge (under a cell that a spanning cell sits beside)."""
    width = x1 - x0
    # Word draws each cell's border separately: join the pieces of a rule before measuring it.
    runs: dict[int, list[tuple[float, float]]] = {}
    for e in page.edges:
        if e.orientation == "h" and e.top > top and e.x1 > x0 and e.x0 < x1:
            runs.setdefault(round(e.top), []).append((max(e.x0, x0), min(e.x1, x1)))
    rules = []
    for y, pieces in runs.items():
        pieces.sort()
        joined: list[list[float]] = []
        for a, b in pieces:
            if joined and a <= joined[-1][1] + 3:
                joined[-1][1] = max(joined[-1][1], b)
            else:
                joined.append([a, b])
        for a, b in joined:
            if b - a >= 0.6 * width or (b >= x1 - 3 and b - a >= 0.3 * width):
                rules.append((float(y), a, b))
    rules.sort()
    merged: list[tuple[float, float, float]] = []
    for r in rules:
        if merged and r[0] - merged[-1][0] <= 2:
            m = merged[-1]
            merged[-1] = (m[0], min(m[1], r[1]), max(m[2], r[2]))
        else:
            merged.append(r)
    return merged


Rule = tuple[float, float, float]  # y, x0, x1 of a horizontal rule


def grid_from_lines(page: PageLayout, body: list[Line], bounds: list[float], x_end: float,
                    level_cols: set[int], gap: float, settings: ExtractionSettings,
                    rules: list[Rule] | None = None) -> Grid | None:
    """Rows from white space (or from horizontal rules when the table has them). A rule that does
    not cross a column (a goal cell spanning several rows) leaves that column's text in the row
    where its cell began."""
    if not body:
        return None
    h = median([ln.height for ln in body] or [10.0])
    columns = [(b, bounds[i + 1] if i + 1 < len(bounds) else x_end) for i, b in enumerate(bounds)]
    rows: list[dict[int, list[Line]]] = []
    banners: dict[int, Line] = {}
    owner: dict[int, int] = {}  # column -> row holding that column's open cell

    def new_row(cols: range | set[int]) -> None:
        rows.append({})
        for c in cols:
            owner[c] = len(rows) - 1

    prev: Line | None = None
    for line in body:
        if _is_banner(line, bounds, gap):
            new_row(range(len(bounds)))
            banners[len(rows) - 1] = line
            new_row(range(len(bounds)))
            prev = line
            continue
        parts = _assign(line, bounds)
        if not rows:
            new_row(range(len(bounds)))
        elif rules:
            # Glyph boxes overhang their baseline a little: allow 2pt either side of the rule.
            crossed = [r for r in rules if prev is not None and prev.bottom - 2 <= r[0] <= line.top + 2]
            if crossed and any(rows[-1].values()):
                covered = {c for c, (a, b) in enumerate(columns) for r in crossed if r[1] <= (a + b) / 2 <= r[2]}
                new_row(covered or range(len(bounds)))
        else:
            gap_above = line.top - prev.bottom if prev is not None else 0.0
            if any(rows[-1].values()) and gap_above > settings.row_gap_lines * 0.5 * h and (set(parts) & level_cols):
                new_row(range(len(bounds)))
        for col, words in parts.items():
            rows[owner.get(col, len(rows) - 1)].setdefault(col, []).append(Line(words))
        prev = line
    result: list[Row] = []
    for i, cells_by_col in enumerate(rows):
        if i in banners:
            ln = banners[i]
            result.append(Row(page=page, cells=[Cell(col=0, colspan=len(bounds), lines=[ln],
                                                     bbox=(ln.x0, ln.top, ln.x1, ln.bottom))],
                              bbox=(bounds[0], ln.top, x_end, ln.bottom)))
            continue
        if not cells_by_col:
            continue
        cells = [Cell(col=col, colspan=1, lines=lines,
                      bbox=(min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines)))
                 for col, lines in sorted(cells_by_col.items())]
        result.append(Row(page=page, cells=cells, bbox=(bounds[0], min(c.bbox[1] for c in cells), x_end,
                                                         max(c.bbox[3] for c in cells))))
    if not result:
        return None
    return Grid(page=page, columns=columns, rows=result, method="unruled_table",
                bbox=(bounds[0], min(r.bbox[1] for r in result), x_end, max(r.bbox[3] for r in result)))


def find_unruled_grid(page: PageLayout, previous: Header | None = None,
                      settings: ExtractionSettings = DEFAULT_SETTINGS,
                      below: float | None = None) -> tuple[Grid, Header] | None:
    """An unruled logframe on the page, with its header.

    With ``previous`` and no header of its own on the page, the table continues with the previous
    header's columns. With ``below``, only text under that height is read (the body of a table whose
    header sits in a ruled box and whose rows are separated only by horizontal rules).
    """
    words = page.words
    if below is not None:
        words = [w for w in words if w.top > below]
    if not words:
        return None
    lines = group_lines(words)
    sizes = [w.size for w in words if w.size] or [10.0]
    gap = 0.9 * median(sizes)
    band = None if below is not None else _header_band(lines, gap, settings)
    by_content = False
    if band is None and below is None and previous is None:
        band, by_content = _styled_band(lines, gap), True
    if band is not None:
        i, end = band
        raw_cols = _columns_from_band(lines[i:end], gap)
        body = _body_lines(lines[end:], page)
        bounds = _boundaries([(c[0], c[1]) for c in raw_cols], body, gap)
        x_end = max([c[1] for c in raw_cols] + [ln.x1 for ln in body]) + 2
        columns = [(b, bounds[k + 1] if k + 1 < len(bounds) else x_end) for k, b in enumerate(bounds)]
        header = header_from_texts(columns, [c[2] for c in raw_cols], 0)
        if by_content:
            header = _roles_read_from_body(page, header, body, bounds, x_end, gap, settings)
        if header is None or not header.is_logframe():
            return None
        top = lines[end - 1].bottom
    elif previous is not None:
        header = previous
        body = _body_lines(lines, page)
        bounds = [c.x0 for c in previous.columns]
        if _prose_share(body, bounds) > 0.25:
            return None  # the table ended: this page's text runs across the columns
        x_end = max([previous.columns[-1].x1] + [ln.x1 for ln in body]) + 2
        top = below if below is not None else 0.0
    else:
        return None
    level_cols = {c.index for c in header.columns if c.role in LEVEL_ROLES}
    rules = _row_rules(page, bounds[0], x_end, top)
    grid = grid_from_lines(page, body, bounds, x_end, level_cols, gap, settings, rules if len(rules) >= 2 else None)
    if grid is None:
        return None
    if header is not previous:
        for c, (x0, x1) in zip(header.columns, grid.columns):
            c.x0, c.x1 = x0, x1
    return grid, header


def grid_under_header(page: PageLayout, header: Header, header_box: BBox, bottom: float,
                      settings: ExtractionSettings = DEFAULT_SETTINGS) -> tuple[Grid, Header] | None:
    """The body of a table whose header is boxed (shaded cells) but whose body rows have no
    column rules, only horizontal ones: columns from where the header's words sit, rows from the
    rules. The header's roles are kept; its empty sliver columns are dropped."""
    x0, top, x1, hbottom = header_box
    head_words = [w for w in page.words if top - 1 <= w.yc <= hbottom + 1 and x0 - 1 <= w.xc <= x1 + 1]
    cols = []
    for c in header.columns:
        words = [w for w in head_words if c.x0 - 1 <= w.xc <= c.x1 + 1]
        # A column whose header names no role still holds its own text ("Alignment with the
        # policy"): kept, so that its words do not run into the column beside it.
        if words and (c.role or c.alias_of is None):
            cols.append((min(w.x0 for w in words), max(w.x1 for w in words), c))
    if sum(1 for _, _, c in cols if c.role) < 2:
        return None
    body_words = [w for w in page.words if hbottom + 1 < w.yc < bottom and x0 - 1 <= w.xc <= x1 + 1]
    if not body_words:
        return None
    sizes = [w.size for w in body_words if w.size] or [10.0]
    gap = 0.9 * median(sizes)
    body = group_lines(body_words)
    bounds = _boundaries([(a, b) for a, b, _ in cols], body, gap)
    bounds[0] = min(bounds[0], x0)
    columns = [(b, bounds[k + 1] if k + 1 < len(bounds) else x1) for k, b in enumerate(bounds)]
    new_header = header_from_texts(columns, [[c.header] for _, _, c in cols], 0)
    for col, (_, _, old) in zip(new_header.columns, cols):
        col.role, col.year, col.quarter = old.role, old.year, old.quarter
    level_cols = {c.index for c in new_header.columns if c.role in LEVEL_ROLES}
    rules = [r for r in _row_rules(page, x0, x1, hbottom) if r[0] < bottom + 2]
    grid = grid_from_lines(page, body, bounds, x1, level_cols, gap, settings, rules if len(rules) >= 2 else None)
    return (grid, new_header) if grid is not None else None


def rows_below(page: PageLayout, columns: list[tuple[float, float]], below: float,
               settings: ExtractionSettings = DEFAULT_SETTINGS) -> list[Row]:
    """The text under a boxed header whose rows are not ruled, cut into rows on ``columns`` as if
    every column were a level: what the columns hold, for reading their roles from it before the
    header's roles are known (``extractors.table_runs``). Prose under the header gives none."""
    words = [w for w in page.words if w.top > below]
    if not words:
        return []
    gap = 0.9 * median([w.size for w in words if w.size] or [10.0])
    body = _body_lines(group_lines(words), page)
    bounds = [x0 for x0, _ in columns]
    if not body or _prose_share(body, bounds) > 0.25:
        return []
    x_end = max([columns[-1][1]] + [ln.x1 for ln in body]) + 2
    rules = _row_rules(page, bounds[0], x_end, below)  # rows drawn apart by rules across the columns
    rough = grid_from_lines(page, body, bounds, x_end, set(range(len(columns))), gap, settings,
                            rules if len(rules) >= 2 else None)
    return rough.rows if rough is not None else []
