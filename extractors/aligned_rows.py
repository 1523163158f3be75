"""Rows that hold several results side by side: one printed row, n logframe rows.

Plans often save space by listing two or three results in one cell, with their indicators and
activities as bullets in the cells beside them, each starting at the height of its result:

    | - Result A        | - Indicator of A  | - Activity of A     |
    |                   |                   | - Second one of A   |
    | - Result B        | - Indicator of B  | - Activity of B     |

Read as one row, the indicators and activities of both results would hang under one record.
The heights say which goes with which, so the row is cut at the heights where its results start,
as an analyst copying it into a spreadsheet would. Only when the layout says so: another column
must start an item at the height of every result, and no column may run across a cut without
starting an item there (then nothing tells which result it belongs to, and the row stays whole).
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.cells import EMPTY_VOCAB, Item, Vocabulary, split_items
from pipeline.pdf.lines import median_height
from pipeline.pdf.model import Line

# Roles a result's row may share with the results below it: stated once at the top, they are
# the same for each result (an institution, a period, a cost) and are given to every part.
SHARED_ROLES = frozenset({"lead", "partner", "timeline", "year", "quarter", "budget"})
# Roles above the result: a goal or pillar stated once beside several results is their parent,
# and stays whole in the first part (its text may run down beside all of them).
PARENT_ROLES = frozenset({"pillar", "level", "goal"})
# Columns whose items, starting at each result's height, show the layout is one result per height.
ALIGNED_ROLES = frozenset({"output", "activity", "indicator"})
# A line starts at a result's height when its top is within this share of a line's height.
HEIGHT_TOLERANCE = 0.6
# White space above a line, in line heights, that ends one result's lines in a column without
# markers (the leading between the lines of one paragraph is about a fifth of a line).
GAP_SHARE = 0.4


def _marked_items(lines: list[Line], vocab: Vocabulary) -> list[Item]:
    """A cell's items when they are marked (bullets, numbers): wrapping and white space never cut."""
    return split_items(lines, vocab, sentences=False, gaps=False)


def _starts_at_every(tops: list[float], items: list[Item], tolerance: float) -> bool:
    starts = [it.lines[0].top for it in items if it.lines]
    return all(any(abs(s - t) <= tolerance for s in starts) for t in tops)


def _breaks_at_every(tops: list[float], lines: list[Line], tolerance: float, height: float) -> bool:
    """A line starts at each result's height after white space: the column's own rows, cut where
    the results are (an institution list, a period, one per result)."""
    for top in tops:
        at = [i for i, ln in enumerate(lines) if abs(ln.top - top) <= tolerance]
        if not at:
            return False
        i = at[0]
        if i and lines[i].top - lines[i - 1].bottom < GAP_SHARE * height:
            return False
    return True


def _part_of(top: float, cuts: list[float]) -> int:
    """Index of the part a line starting at ``top`` falls in (cuts are the parts' upper edges)."""
    index = 0
    for i, cut in enumerate(cuts):
        if top >= cut:
            index = i
    return index


def split_aligned(cells: dict[int, list[Line]], roles: dict[int, str | None], anchor_roles: tuple[str, ...],
                  vocab: Vocabulary = EMPTY_VOCAB) -> list[dict[int, list[Line]]] | None:
    """The row's cells cut into one set of cells per result, or None when the row is one result.

    ``roles`` gives each column's role; the first of ``anchor_roles`` whose column holds two or
    more marked items is the result column.
    """
    for anchor_role in anchor_roles:
        anchor = next((c for c, r in roles.items() if r == anchor_role and cells.get(c)), None)
        if anchor is None:
            continue
        items = [it for it in _marked_items(cells[anchor], vocab) if it.lines]
        if len(items) < 2:
            continue
        return _cut(cells, roles, anchor, [it.lines[0].top for it in items], anchor_role, vocab)
    return None


def _cut(cells: dict[int, list[Line]], roles: dict[int, str | None], anchor: int, tops: list[float],
         anchor_role: str, vocab: Vocabulary) -> list[dict[int, list[Line]]] | None:
    height = median_height(cells[anchor])
    tolerance = HEIGHT_TOLERANCE * height
    cuts = [top - tolerance for top in tops]
    anchor_x0 = min(ln.x0 for ln in cells[anchor])
    aligned = 0
    plan: dict[int, Callable[[Line], list[int]]] = {}
    everywhere = list(range(len(tops)))
    for col, lines in cells.items():
        role = roles.get(col)
        if not lines:
            continue
        spread = {_part_of(ln.top, cuts) for ln in lines}
        # A result's details are printed to its right; columns to its left that run on beside
        # several results (an outcome's indicators, with the results as their targets on the
        # right) say the row is one record with sub-items, not several results.
        beside = min(ln.x0 for ln in lines) > anchor_x0
        if col == anchor:
            plan[col] = lambda ln: [_part_of(ln.top, cuts)]
        elif role in PARENT_ROLES and role != anchor_role:
            plan[col] = lambda ln: [0]
        elif beside and role in ALIGNED_ROLES and role != anchor_role \
                and _starts_at_every(tops, _marked_items(lines, vocab), tolerance):
            aligned += 1
            plan[col] = lambda ln: [_part_of(ln.top, cuts)]
        elif beside and len(spread) > 1 and _breaks_at_every(tops[1:], lines, tolerance, height):
            plan[col] = lambda ln: [_part_of(ln.top, cuts)]
        elif spread == {0} and role in SHARED_ROLES:
            plan[col] = lambda ln: everywhere
        elif spread == {0}:
            plan[col] = lambda ln: [0]
        else:
            return None  # it runs across a cut without starting an item there: nothing says whose it is
    if not aligned:
        return None
    parts: list[dict[int, list[Line]]] = [{} for _ in tops]
    for col, lines in cells.items():
        for ln in lines:
            for index in plan[col](ln):
                parts[index].setdefault(col, []).append(ln)
    return parts
