"""Ruled tables: cells from the page's ruling lines and rectangle edges (pdfplumber's lines strategy)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pdfplumber.table import (
    T_intersections,
    cells_to_tables,
    edges_to_intersections,
    merge_edges,
)

from extractors.tables import Cell, Grid, Row
from pipeline.pdf.lines import WordIndex, group_lines, words_in
from pipeline.pdf.model import BBox, PageLayout
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.text.vocabulary import BULLETS, SYMBOL_BULLETS


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float, tol: float) -> int:
    """The index of the bound nearest ``v`` (the lower one on a tie), -1 when over ``2 * tol`` away.
    ``bounds`` come from ``_cluster``, sorted and further apart than ``tol``, so the nearest one is
    on either side of where ``v`` would be inserted."""
    i = bisect_left(bounds, v)
    if i == len(bounds) or (i > 0 and abs(bounds[i - 1] - v) <= abs(bounds[i] - v)):
        i -= 1
    return i if abs(bounds[i] - v) <= tol * 2 else -1


def _hline(x0: float, x1: float, y: float) -> dict:
    return {"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0,
            "object_type": "line"}


def _closing_edges(edges: list[dict], page: PageLayout) -> list[dict]:
    """Word tables broken across pages often draw no rule where the page cuts a row: the column
    rules run to the cut and stop. Close such rows with a rule where the column rules end (and
    open the continued row at the top of the next page), so the cut row is still a cell; its
    continuation on the next page is joined later."""
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 20]
    extra = []
    if not vs:
        return extra
    # Only where the column rules stop at the page's cut: their lowest end and their highest start
    # (rules drawn in one piece per row also end between rows, where nothing is cut).
    lowest, highest = round(max(v["bottom"] for v in vs)), round(min(v["top"] for v in vs))
    for end, at in (("bottom", lowest), ("top", highest)):
        ends: dict[int, list[dict]] = {}
        for v in vs:
            if abs(round(v[end]) - at) <= 1:
                ends.setdefault(at, []).append(v)
        for y, group in ends.items():
            level = [h for h in hs if abs(h["top"] - y) <= 3]  # the rules at that height, once
            uncovered = [v for v in group if not any(h["x0"] - 3 <= v["x0"] <= h["x1"] + 3 for h in level)]
            if len(group) >= 2 and uncovered:
                extra.append(_hline(min(v["x0"] for v in group), max(v["x0"] for v in group), float(y)))
    return extra


def cells_from_intersections(intersections: T_intersections) -> list[BBox]:
    """The cells pdfplumber's ``intersections_to_cells`` finds, in its order, found faster.

    For each corner point (sorted) the smallest cell is the first point below it joined to it by a
    vertical edge and the first point right of it joined by a horizontal edge whose far corner
    joins both (pdfplumber's loops, in its order). pdfplumber scans every later point for the
    points below and right, and builds the sets of edges again for each pair it compares: on a
    table page with a thousand corners that took 1-10 ms per page of the whole pipeline's 10 ms.
    Here each point's edge sets are built once, the points below are the ones after it in the
    sorted list with the same x, and the points right of it come from a list per row.
    """
    vs = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["v"]} for p, d in intersections.items()}
    hs = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["h"]} for p, d in intersections.items()}
    points = sorted(intersections)
    rows: dict[float, list[float]] = {}
    for x, y in points:  # sorted by x: each row's xs come in order
        rows.setdefault(y, []).append(x)
    cells: list[BBox] = []
    n = len(points)
    for i, pt in enumerate(points):
        x, y = pt
        pv, ph = vs[pt], hs[pt]
        below = []
        j = i + 1
        while j < n and points[j][0] == x:
            if not pv.isdisjoint(vs[points[j]]):
                below.append(points[j])
            j += 1
        if not below:
            continue
        xs = rows[y]
        right = [(rx, y) for rx in xs[bisect_right(xs, x):] if not ph.isdisjoint(hs[(rx, y)])]
        cell = _first_cell(below, right, vs, hs)
        if cell is not None:
            cells.append((x, y, *cell))
    return cells


def _first_cell(below: list, right: list, vs: dict, hs: dict) -> tuple[float, float] | None:
    for bx, by in below:
        for rx, ry in right:
            corner = (rx, by)
            cv = vs.get(corner)
            if cv is not None and not cv.isdisjoint(vs[(rx, ry)]) and not hs[corner].isdisjoint(hs[(bx, by)]):
                return corner
    return None


def page_intersections(page: PageLayout, settings: ExtractionSettings = DEFAULT_SETTINGS) -> T_intersections:
    """Where the page's ruling lines cross (pdfplumber's lines strategy), with the edges at each."""
    edges = [e.as_pdfplumber() for e in page.edges]
    long = [e for e in edges if _length(e) >= settings.min_edge]
    if len(long) < 4:
        return {}
    # Short pieces count only where they carry on a rule: Word draws a cell's border as several thin
    # rectangles, and a column rule whose top piece (under 3 pt, where it meets the row rule) is
    # left out stops short of the rule above, leaving the header row one cell. The rules keep their
    # place (the pieces do not move them), and a run of short pieces alone (a dotted line, a
    # glyph's strokes) stays out.
    long = _carried_on(long, [e for e in edges if _length(e) < settings.min_edge], settings.join_tolerance)
    long += _closing_edges(long, page)
    long = merge_edges(long, settings.snap_tolerance, settings.snap_tolerance,
                       settings.join_tolerance, settings.join_tolerance)
    return edges_to_intersections(long, settings.intersection_tolerance, settings.intersection_tolerance)


def _carried_on(rules: list[dict], pieces: list[dict], tol: float) -> list[dict]:
    """``rules`` lengthened over the short ``pieces`` that continue them in line (within ``tol``)."""
    if not pieces:
        return rules
    out = []
    for orientation, at, start, end in (("v", "x0", "top", "bottom"), ("h", "top", "x0", "x1")):
        line = sorted((p[at], p[start], p[end]) for p in pieces if p["orientation"] == orientation)
        positions = [p[0] for p in line]
        # The pieces in line with a rule, as chains; rules at one place share theirs.
        chains: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
        for rule in (r for r in rules if r["orientation"] == orientation):
            near = (bisect_left(positions, rule[at] - tol), bisect_right(positions, rule[at] + tol))
            if near[0] < near[1]:
                if near not in chains:
                    chains[near] = _chains([(s, t) for _, s, t in line[near[0]:near[1]]], tol)
                lo, hi = _chained(rule[start], rule[end], *chains[near], tol)
                if (lo, hi) != (rule[start], rule[end]):
                    rule = {**rule, start: lo, end: hi}
                    rule["height" if orientation == "v" else "width"] = hi - lo
            out.append(rule)
    return out


def _chains(spans: list[tuple[float, float]], tol: float) -> tuple[list[float], list[float]]:
    """The starts and ends of the chains the spans make, each span within ``tol`` of the next;
    in order, and more than ``tol`` apart."""
    starts: list[float] = []
    ends: list[float] = []
    for s, t in sorted(spans):
        if ends and s <= ends[-1] + tol:
            ends[-1] = max(ends[-1], t)
        else:
            starts.append(s)
            ends.append(t)
    return starts, ends


def _chained(lo: float, hi: float, starts: list[float], ends: list[float], tol: float) -> tuple[float, float]:
    """``(lo, hi)`` grown over the chains within ``tol`` of it. Found by bisection, once a rule:
    Word draws a table's borders as hundreds of pieces, and trying every piece again each time the
    rule grew took a third of the time spent finding a page's ruled cells."""
    first = bisect_left(ends, lo - tol)
    last = bisect_right(starts, hi + tol) - 1
    if first > last:
        return lo, hi
    return min(lo, starts[first]), max(hi, ends[last])


def _length(edge: dict) -> float:
    return edge["x1"] - edge["x0"] if edge["orientation"] == "h" else edge["bottom"] - edge["top"]


def table_cell_boxes(page: PageLayout, settings: ExtractionSettings = DEFAULT_SETTINGS) -> list[list[BBox]]:
    """The cells of each table the page's ruling lines draw (two cells or more), found once a page:
    the card reader and the table reader both ask, and finding them is a sixth of extraction."""
    found = page._cell_boxes
    if found is None or found[0] is not page.edges or found[1] != settings:
        found = (page.edges, settings, _cell_boxes(page, settings))
        page._cell_boxes = found
    return [list(table) for table in found[2]]


def _cell_boxes(page: PageLayout, settings: ExtractionSettings) -> list[list[BBox]]:
    points = page_intersections(page, settings)
    if not points:
        return []
    cells = cells_from_intersections(points)
    return [t for t in cells_to_tables(cells) if len(t) >= 2]


def _outer_cells(boxes: list[BBox], tol: float = 0.5) -> list[BBox]:
    """A table's cells without the boxes drawn inside them. Word shades a cell's paragraphs with a
    filled rectangle per line, a little inside the cell's borders: their edges cross the column
    rules and make a "cell" of each line, inside the real cell, and the cell's text is read twice,
    a line a row. A cell holds no other cell of its own table; the box around them is the cell."""
    if len(boxes) < 2:
        return boxes
    by_left = sorted(boxes)
    lefts = [b[0] for b in by_left]
    kept = []
    for box in boxes:
        # (Only boxes starting at or left of this one can hold it.)
        outer = by_left[:bisect_right(lefts, box[0] + tol)]
        if not any(o != box and o[1] <= box[1] + tol and o[2] >= box[2] - tol and o[3] >= box[3] - tol
                   for o in outer):
            kept.append(box)
    return _shaded_stacks(kept, tol)


# Narrower than any column of text: the strip between a cell's border and its lines' shading.
SHADING_INSET = 6.0


def _shaded_stacks(boxes: list[BBox], tol: float) -> list[BBox]:
    """Cells whose shaded lines broke them up: where no rule closes a line's shading apart from the
    cell around it, the shading's left side runs down the cell, and the cell reads as a strip
    narrower than text (``SHADING_INSET``) beside a stack of one box a line. Where the same column
    has a whole cell elsewhere (a box from the strip's left to the stack's right), the strip and
    its stack are that cell again."""
    lefts = {round(b[0]) for b in boxes}
    spans = {(round(b[0]), round(b[2])) for b in boxes}
    out = list(boxes)
    for strip in boxes:
        if strip[2] - strip[0] > SHADING_INSET or strip not in out:
            continue
        stack = sorted((b for b in out if abs(b[0] - strip[2]) <= tol and b[1] >= strip[1] - tol
                        and b[3] <= strip[3] + tol), key=lambda b: b[1])
        if len(stack) < 2 or len({round(b[2]) for b in stack}) != 1 or round(strip[0]) not in lefts:
            continue
        tiled = abs(stack[0][1] - strip[1]) <= tol and abs(stack[-1][3] - strip[3]) <= tol and all(
            abs(a[3] - b[1]) <= tol for a, b in zip(stack, stack[1:]))
        if not tiled or not any(abs(x0 - strip[0]) <= 1 and abs(x1 - stack[0][2]) <= 1 for x0, x1 in spans):
            continue
        out = [b for b in out if b is not strip and b not in stack]
        out.append((strip[0], strip[1], stack[0][2], strip[3]))
    return out


def _drop_stray_dashes(words: list, box: BBox) -> list:
    """Lone dashes at a cell's far right are list markers of hidden bullets (seen in Word exports),
    not text; a dash at the left edge is a bullet and stays."""
    mid = (box[0] + box[2]) / 2
    return [w for w in words if not (w.text in ("-", "–", "—") and w.x0 > mid)]


def grid_from_cells(page: PageLayout, boxes: list[BBox], tol: float = 2.0) -> Grid | None:
    boxes = _split_at_gutters(page, boxes, tol)
    boxes = _split_at_empty_rows(page, boxes, tol)
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], tol)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], tol)
    if len(xs) < 3 or len(ys) < 2:
        return None
    columns = list(zip(xs[:-1], xs[1:]))
    nrows = len(ys) - 1
    row_cells: list[list[Cell]] = [[] for _ in range(nrows)]
    covered = [[False] * len(columns) for _ in range(nrows)]
    words = WordIndex(words_in(page.words, (xs[0], ys[0], xs[-1], ys[-1])))
    for box in boxes:
        c0, c1 = _index(xs, box[0], tol), _index(xs, box[2], tol)
        r0, r1 = _index(ys, box[1], tol), _index(ys, box[3], tol)
        if min(c0, c1, r0, r1) < 0 or c1 <= c0 or r1 <= r0:
            continue
        row_cells[r0].append(Cell(col=c0, colspan=c1 - c0, lines=_lines_in(words, box), bbox=box))
        for r in range(r0, r1):
            covered[r][c0:c1] = [True] * (c1 - c0)
    for r in range(nrows):
        row_cells[r].extend(_open_sides(words, xs, ys, r, covered[r]))
    rows = []
    for r in range(nrows):
        cells = sorted(row_cells[r], key=lambda c: c.col)
        if not cells:
            continue
        rows.append(Row(page=page, cells=cells, bbox=(xs[0], ys[r], xs[-1], ys[r + 1])))
    if not rows:
        return None
    return Grid(page=page, columns=columns, rows=rows, method="ruled_table", bbox=(xs[0], ys[0], xs[-1], ys[-1]))


# ---- rows ruled in empty columns only: a chronogram's text columns ----------------------------

def _split_at_empty_rows(page: PageLayout, boxes: list[BBox], tol: float) -> list[BBox]:
    """Tall cells of text cut where their rows part. A chronogram draws a box for each year of each
    row (shaded where the action runs) and no rule across its text columns: the actions and their
    institutions are then each one cell as tall as all their rows. Where every box beside such
    cells that rules a row inside them is empty, the rows are where the cells' text parts: the
    white space between paragraphs that all of them leave at the same height (wider than the
    space between lines). A merged cell beside cells of text (a goal beside its activities) is
    left whole, and so is a cell whose lines run on evenly."""
    if len(boxes) < 4:
        return boxes
    # Only a box that another box's top or bottom falls inside can be such a cell: found by
    # bisection first, so that a table without one (most) costs no word index and no pairs.
    edges = sorted(y for b in boxes for y in (b[1], b[3]))
    spanning = [b for b in boxes if bisect_right(edges, b[1] + tol) < bisect_left(edges, b[3] - tol)]
    if not spanning:
        return boxes
    words = WordIndex(words_in(page.words, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                            max(b[2] for b in boxes), max(b[3] for b in boxes))))
    filled = {b: bool(words.within(b, pad=-1.0)) for b in boxes}
    tall = []
    for box in spanning:
        # The boxes beside it that rule a row inside it.
        beside = [b for b in boxes if (b[2] <= box[0] + tol or b[0] >= box[2] - tol)
                  and b[1] >= box[1] - tol and b[3] <= box[3] + tol
                  and any(box[1] + tol < y < box[3] - tol for y in (b[1], b[3]))]
        if beside and filled[box] and not any(filled[b] for b in beside):
            tall.append(box)
    if not tall:
        return boxes
    out = [b for b in boxes if b not in tall]
    # Tall cells side by side (the same rows) part at the same heights.
    for span in {(round(b[1]), round(b[3])) for b in tall}:
        group = [b for b in tall if (round(b[1]), round(b[3])) == span]
        lines = sorted((ln for b in group for ln in _lines_in(words, b)), key=lambda ln: ln.top)
        cuts = _paragraph_breaks(lines)
        for box in group:
            ys = [box[1], *cuts, box[3]]
            out += [(box[0], a, box[2], b) for a, b in zip(ys, ys[1:])]
    return out


def _paragraph_breaks(lines: list) -> list[float]:
    """The middles of the gaps between paragraphs among ``lines`` (sorted by top): white space
    taller than half a line where the gaps between lines are narrower (none when every gap is as
    wide: a cell whose lines run on evenly)."""
    if len(lines) < 2:
        return []
    height = sorted(ln.bottom - ln.top for ln in lines)[len(lines) // 2]
    gaps, reach = [], lines[0].bottom
    for ln in lines[1:]:
        if ln.top - reach > 0.5 * height:
            gaps.append((reach + ln.top) / 2)
        reach = max(reach, ln.bottom)
    return gaps


# ---- rows ruled, columns not: the columns from the whitespace between them --------------------

# Narrower than the space between a column's text and the next column's; wider than a word space.
MIN_GUTTER = 6.0
# A segment holding nothing but list markers is its items' indent, not a column.
_MARKER = re.compile(r"^(?:[" + re.escape(BULLETS) + SYMBOL_BULLETS + r"]|\(?\d{1,2}[.)]|\(?[A-Za-z][.)]|"
                     r"\(?[ivxIVX]{1,4}[.)])$")


def _split_at_gutters(page: PageLayout, boxes: list[BBox], tol: float) -> list[BBox]:
    """Boxes of a table whose rows are ruled but whose columns are not (Word's "horizontal borders
    only", common in annex tables): each row is one box the table's width. Its columns are where
    every such row leaves a gutter of whitespace (``MIN_GUTTER``) at the same place; the rows are
    cut there, into three columns at least. Rows whose text runs across (a banner, a paragraph)
    leave no common gutter, and then nothing is cut. Other boxes (a header drawn as cells) stay."""
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    wide = [b for b in boxes if abs(b[0] - left) <= tol and abs(b[2] - right) <= tol]
    if len(wide) < 2:  # a table ruled cell by cell (most are): nothing to look for
        return boxes
    words = WordIndex(words_in(page.words, (left, min(b[1] for b in boxes), right, max(b[3] for b in boxes))))
    rows = [ws for ws in (words.within(b, pad=0.5) for b in wide) if ws]
    if len(rows) < 2:  # one row alone may leave gutters by chance
        return boxes
    bounds = _column_bounds(rows, left, right)
    if len(bounds) < 2:
        return boxes
    edges = [left, *bounds, right]
    rules = [e for e in page.edges if e.orientation == "h"]
    cut = [box for b in wide for x0, x1 in zip(edges, edges[1:]) for box in _column_cells(rules, b, x0, x1, tol)]
    return [b for b in boxes if b not in wide] + cut


def _column_cells(rules: list, row: BBox, x0: float, x1: float, tol: float) -> list[BBox]:
    """A wide row's cells in the column ``x0``-``x1``: cut again by the horizontal ``rules`` that
    cross that column only (sub-rows "A." "B." "C." ruled beside a goal cell that spans them all)."""
    middle = (x0 + x1) / 2
    ys = sorted({e.top for e in rules if e.x0 - tol <= middle <= e.x1 + tol and row[1] + tol < e.top < row[3] - tol})
    cuts = _cluster([row[1], *ys, row[3]], tol)
    return [(x0, a, x1, b) for a, b in zip(cuts, cuts[1:])]


def _column_bounds(rows: list[list], left: float, right: float) -> list[float]:
    """Where to cut: the middle of each gutter all ``rows`` share, but those that only set a list's
    markers apart from its items."""
    shared = [(left, right)]
    for words in rows:
        shared = [g for a in shared for b in _gaps(words, left, right) if (g := (max(a[0], b[0]), min(a[1], b[1])))
                  and g[1] - g[0] >= MIN_GUTTER]
    bounds = [(a + b) / 2 for a, b in shared if a > left and b < right]
    return [x for i, x in enumerate(bounds) if not _only_markers(rows, bounds[i - 1] if i else left, x)]


def _gaps(words: list, left: float, right: float) -> list[tuple[float, float]]:
    gaps, reach = [], left
    for x0, x1 in sorted((w.x0, w.x1) for w in words):
        if x0 - reach >= MIN_GUTTER:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    if right - reach >= MIN_GUTTER:
        gaps.append((reach, right))
    return gaps


def _only_markers(rows: list[list], x0: float, x1: float) -> bool:
    texts = [w.text for words in rows for w in words if x0 <= w.xc <= x1]
    return bool(texts) and all(_MARKER.match(t) for t in texts)


def _open_sides(words: WordIndex, xs: list[float], ys: list[float], r: int, covered: list[bool]) -> list[Cell]:
    """The first and last columns of a row in a table drawn without outer side borders (only the rules
    between columns): no box closes them, but their text is the row's. A cell for each such side that
    holds words, between the table's edge (from the rows that have it) and the first rule."""
    if not any(covered):
        return []
    first = covered.index(True)
    last = len(covered) - 1 - covered[::-1].index(True)
    cells = []
    for c0, c1 in ((0, first), (last + 1, len(covered))):
        if c1 <= c0:
            continue
        box = (xs[c0], ys[r], xs[c1], ys[r + 1])
        lines = _lines_in(words, box)
        if lines:
            cells.append(Cell(col=c0, colspan=c1 - c0, lines=lines, bbox=box))
    return cells


def _lines_in(words: WordIndex, box: BBox) -> list:
    """A cell's lines: the words inside its box, without a list's stray dashes."""
    return group_lines(_drop_stray_dashes(words.within(box, pad=0.5), box))


def find_ruled_grids(page: PageLayout, settings: ExtractionSettings = DEFAULT_SETTINGS) -> list[Grid]:
    """The page's ruled tables as grids, top to bottom, read once a page (the card reader and the
    table reader both ask, and neither changes a grid); again when the page's words or rules change."""
    found = page._grids
    if found is None or found[0] is not page.words or found[1] is not page.edges or found[2] != settings:
        found = page._grids = (page.words, page.edges, settings, _ruled_grids(page, settings))
    return list(found[3])


def _ruled_grids(page: PageLayout, settings: ExtractionSettings) -> list[Grid]:
    grids = []
    for boxes in table_cell_boxes(page, settings):
        # (The reports' tables of figures read the boxes as drawn: extractors.report_tables.)
        grid = grid_from_cells(page, _outer_cells(boxes))
        if grid is not None and grid.ncols >= 2 and any(not c.empty for r in grid.rows for c in r.cells):
            grids.append(grid)
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return grids
