"""Tables that list a plan's goals or outcomes under banners that name their level.

Plans often sum their results framework up in one table before detailing it: a banner row
"Overarching NAP Goals" over a row of numbered goals, "Cross-sectoral outcomes" over numbered
outcomes (two lists side by side in one cell), "Sectoral outcomes" over sub-banners that name
sectors ("Water | Agriculture") and their lists. No column has a header, so the table reader finds
no roles; the structure says what each item is. A banner is a row of one short cell whose last
words name a level ("goals", "outcomes", "objectifs spécifiques"); every numbered or bulleted item
under it, until the next banner, is a record of that level. A banner whose words name no level
(a plan's own wording, or words naplog does not know) still heads goals when it looks like one (one
bold cell across the table) and most of its items are stated as actions or results. A table of
anything else (prose, a figure in a cell, an unmarked phrase under a banner, a list of documents)
is not such a list and gives nothing.

A list that goes on over the next page without its banner (the table's first rows are lists)
keeps the level of the last banner above it. It runs before the card and table readers, and
claims the pages whose every table it read (``Context.claimed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import Context, Extraction
from extractors.cells import EMPTY_VOCAB, Item, clean, split_items, starts_item
from extractors.content_roles import cell_kind
from extractors.ruled import find_ruled_grids
from extractors.tables import Cell, Grid, Row
from pipeline.pdf.lines import group_lines, median_height
from pipeline.pdf.model import BBox, Line, PageLayout, Word
from pipeline.records import Goal, Output
from pipeline.text.vocabulary import header_role

METHOD = "ruled_table"
_AIM = re.compile(r"^to\s+(?=[a-z])", re.IGNORECASE)
# A banner names a level in a few words; a longer single cell is a statement, not a banner.
BANNER_WORDS = 8
# The levels such a table lists: goals or outcomes, and their objectives (the actions are the
# detail tables', read by extractors.logframe).
BANNER_ROLES = ("goal", "output")
# A sub-banner (a sector's name over its list) is a short unmarked phrase.
SUB_BANNER_WORDS = 7
# Two lists side by side in one cell stand apart by a gutter of at least this many times the
# text's height (a word space is about a quarter).
GUTTER = 0.5
# A banner that names no level spans this share of the table's width at least.
ACROSS = 0.6
# Evidence of a record read from such a list: structure only, no header (extractors.confidence
# calibrates it against the corpus).
EVIDENCE = 0.6


@dataclass
class _Banner:
    role: str  # goal or output
    name: str  # the level's name as printed ("Cross-sectoral outcomes")
    box: BBox
    named: bool = True  # False: no level word; a goal by its place (``_unnamed_banner``)


def banner_level(text: str) -> str | None:
    """The level a banner names, whole or by its last or first words ("Overarching NAP Goals",
    "Objetivos generales del PNA" -> goal), or None."""
    words = clean(text).split()
    if not words or len(words) > BANNER_WORDS or starts_item(" ".join(words)):
        return None
    spans = [words] + [words[-n:] for n in (3, 2, 1)] + [words[:n] for n in (3, 2, 1)]
    for span in spans:
        role = header_role(" ".join(span))[0]
        if role in BANNER_ROLES:
            return role
    return None


def _text_columns(lines: list[Line], height: float) -> list[list[Line]]:
    """A cell's lines cut where a second list starts beside the first: at a gap that runs down
    the whole cell and opens on an item's number or bullet. The gap alone cannot tell: justified
    lists set their columns as far apart as a number from its item's text."""
    words = sorted((w for ln in lines for w in ln.words), key=lambda w: w.x0)
    if not words:
        return []
    groups: list[list[Word]] = [[words[0]]]
    reach = words[0].x1
    for w in words[1:]:
        if w.x0 - reach > GUTTER * height and _marker(w.text) and not _marker(groups[-1][-1].text):
            groups.append([w])
        else:
            groups[-1].append(w)
        reach = max(reach, w.x1)
    return [group_lines(g) for g in groups]


def _marker(word: str) -> bool:
    """A word that is an item's number or bullet ("2.", "•"): it opens an item when text follows."""
    return starts_item(f"{word} x")


def _items(cell: Cell) -> list[Item] | None:
    """The items of a list cell, each opened by a number or a bullet; None when the cell holds
    anything else (a sentence with no marker, a figure)."""
    height = median_height(cell.lines) or 10.0
    items: list[Item] = []
    for column in _text_columns(cell.lines, height):
        if not column or not starts_item(clean(column[0].text)):
            return None
        found = [it for it in split_items(column, EMPTY_VOCAB, sentences=False, gaps=False) if it.text]
        if not all(starts_item(clean(it.lines[0].text)) for it in found):
            return None
        items += found
    return items


def _sub_banner(row: Row) -> bool:
    """A row of short unmarked phrases: the sectors or themes whose lists follow."""
    cells = row.text_cells()
    return bool(cells) and all(
        len(clean(c.raw_text).split()) <= SUB_BANNER_WORDS and not starts_item(clean(c.raw_text)) for c in cells)


def _banner(row: Row, grid: Grid) -> _Banner | None:
    """The row as a banner: one cell that names a level; or, naming none, one bold cell across the
    whole table, short and unmarked (its level then comes from its place and its items)."""
    cells = row.text_cells()
    if len(cells) != 1:
        return None
    cell = cells[0]
    text = clean(cell.raw_text)
    role = banner_level(text)
    if role is not None:
        return _Banner(role, text, cell.bbox)
    words = [w for ln in cell.lines for w in ln.words]
    # Across the table: its other cells (slivers where rows below are cut differently) are empty.
    across = cell.bbox[2] - cell.bbox[0] >= ACROSS * (grid.bbox[2] - grid.bbox[0])
    if across and words and 2 * sum(w.bold for w in words) > len(words) and len(text.split()) <= BANNER_WORDS \
            and not starts_item(text):
        return _Banner("goal", text, cell.bbox, named=False)
    return None


def _unnamed_banner(found: list[tuple[_Banner, Item]], banner: _Banner) -> bool:
    """Whether the items under a banner that names no level read as a plan's goals: two at least,
    and most of them stated as actions or results ("Enhance ...", "Improved ..."), not a list of
    documents or places (``extractors.content_roles``)."""
    # "To enhance the national enabling environment ...": an aim stated with its infinitive's "to".
    kinds = [cell_kind(_AIM.sub("", it.text)) for b, it in found if b is banner]
    return len(kinds) >= 2 and 3 * sum(k in ("action", "result") for k in kinds) >= 2 * len(kinds)


def _grid_items(grid: Grid, banner: _Banner | None) -> tuple[list[tuple[_Banner, Item]], _Banner | None] | None:
    """Each item with the banner it is listed under, and the last banner (for the next page's
    table); None when the grid is not such a list."""
    found: list[tuple[_Banner, Item]] = []
    banners = 0
    for row in grid.rows:
        cells = row.text_cells()
        if not cells:
            continue
        heading = _banner(row, grid)
        if heading is not None:
            banner = heading
            banners += 1
            continue
        lists = [_items(c) for c in cells]
        if all(items is not None for items in lists):
            if banner is None:
                return None  # items under no level: a numbered table of something else
            found += [(banner, it) for items in lists for it in items]  # type: ignore[union-attr]
        elif not (_sub_banner(row) and banner is not None):
            return None
    unnamed = {id(b): b for b, _ in found if not b.named}
    dropped = {key for key, b in unnamed.items() if not _unnamed_banner(found, b)}
    found = [(b, it) for b, it in found if id(b) not in dropped]
    if not found or (banners == 0 and len(found) < 2):
        return None
    return found, banner


class LevelListStrategy:
    """Goals and outcomes listed under level banners in a table with no header (module doc)."""

    method = METHOD

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        goals: list[Goal] = []
        carried: _Banner | None = None  # the last banner, while its table may go on over the page
        previous = -1
        for page in pages:
            if not page.full or page.number in context.claimed:
                carried = None
                continue
            grids = find_ruled_grids(page, context.settings)
            lists = 0
            for i, grid in enumerate(grids):
                # Only a page's first table, on the page right after the list, goes on with it.
                inherited = carried if i == 0 and page.number == previous + 1 else None
                read = _grid_items(grid, inherited)
                if read is None:
                    carried = None
                    continue
                listed, carried = read
                previous = page.number
                lists += 1
                goals += _records(page, listed)
            if grids and lists == len(grids):
                # Every table of the page is such a list: the card and table readers, which would
                # take its banners for labels or level rows and its sector names for records,
                # leave the page alone.
                context.claimed.add(page.number)
        return Extraction(goals=goals)


def _records(page: PageLayout, listed: list[tuple[_Banner, Item]]) -> list[Goal]:
    """Goals for the items of goal banners; an output banner's items go under a goal with no text
    (the plan prints no goal above them: docs/json-contract.md's placeholder)."""
    goals: list[Goal] = []
    for banner, item in listed:
        prov = _prov(page, item.bbox)
        if banner.role == "goal":
            goals.append(Goal(code=item.code, text=item.text, level_name=banner.name, **prov))
        elif banner.role == "output":
            if not goals or goals[-1].text is not None:
                goals.append(Goal(code=None, text=None, **_prov(page, None)))
            goals[-1].outputs.append(Output(code=item.code, text=item.text, level_name=banner.name, **prov))
    return goals


def _prov(page: PageLayout, bbox: BBox | None) -> dict:
    box = tuple(round(v, 1) for v in page.to_page_bbox(bbox)) if bbox else None
    return {"page": page.number, "bbox": box, "method": METHOD, "confidence": EVIDENCE}
