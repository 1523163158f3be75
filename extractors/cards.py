"""Action cards and programme sheets: a results framework laid out as one card per sector, programme
or action rather than as one wide table.

A card is a run of labelled parts: a ruled two-column table whose left cells name the parts
("Objective", "Activités", "Indicadores", "Responsável", "Budget", "Timeframe") and whose right cells
give them, or a box of paragraphs each under a label (a bold line above it, or inline: "Objectif :
..."). The line or banner above the first part (or a title row: "Project 2: ...") is the card's
title. Parts become records (``card_part_role`` in ``pipeline.text.vocabulary`` names them):

    objective            -> goal when the title names a sector or theme (the title is then the goal's pillar);
                            a title naming a programme, project or action is itself the goal, and its
                            objective statement is not a record; without an objective the title is the goal
    specific objectives, expected results, outcomes -> outputs of the goal, one per item
    actions, activities, measures -> activities (under a placeholder output), one per bullet; a
                            table of measures inside the card ("# | Mesures | Acteurs clés") one per row
    indicators           -> the goal's indicators
    responsible, partners -> the goal's institutions (lead, partner)
    budget, timeframe    -> every activity's budget (currency and multiplier read) and timeline

A page whose first card row has no label continues the card of the page before. Pages read as cards
are ``claimed`` on the context, so that the table strategy does not read them again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import takewhile

from extractors.base import Context, Extraction
from extractors.card_labels import settle_unknown_labels
from extractors.cells import EMPTY_VOCAB, Item, Vocabulary, clean, join_lines, split_items, starts_item, strip_marker
from extractors.content_roles import AGREE, ROLE_OF_KIND, cell_kind, column_kind
from extractors.headings import CAPTION
from extractors.institutions.rules import institutions_from_cell
from extractors.ruled import find_ruled_grids
from extractors.tables import Cell, Grid, Row, acronym_list, blank_form, tidy
from extractors.values import currency_in, disaggregation, header_multiplier, indicator_unit, parse_budget, years_in
from pipeline.pdf.lines import group_lines, page_lines, split_line_at_gaps
from pipeline.pdf.model import BBox, Line, PageLayout
from pipeline.records import Activity, Goal, Indicator, Institution, Output, Pillar
from pipeline.text.fold import fold
from pipeline.text.vocabulary import CARD_RECORD_ROLES, CARD_TERM, card_part_role, strip_level_label

METHOD = "card"
RECORD_ROLES = CARD_RECORD_ROLES
# "Projet n° 2 : Accroissement ...", "PROGRAMME NATIONAL 4 : RENFORCEMENT ...", "Project 1: ...".
TITLE = re.compile(r"^(?P<label>[^\W\d][^\d:]{1,40}?)\s*(?:n\s*[°o]\.?\s*)?(?P<code>\d+(?:\.\d+)*)?\s*[:.\-–—]\s*"
                   r"(?P<name>\S.*)$", re.IGNORECASE)
# "Goal 1.1", "Objective 2: ...", "PROJET N° 3": a numbered banner opens a card (or the group above cards).
NUMBERED = re.compile(r"^(?P<label>[^\W\d][^\d:]{1,40}?)\s*(?:n\s*[°o]\.?\s*)?(?P<code>\d+(?:\.\d+)*)\s*[:.\-–—]?\s*"
                      r"(?P<name>.*)$", re.IGNORECASE)
# "Projet de 5 ans, 2015-2020", "Programme of 3 years": a number after a preposition counts something,
# it does not number a card; a card's label ends on its own word ("Projet", "Fiche action", "N°").
_BEFORE_A_COUNT = (r"(?:^|\s)(?:de|du|des|d'|d’|of|for|over|per|pour|sur|en|para|por|do|da|dos|das|del|a|à|au|aux|"
                   r"in|on|within)")
QUANTITY_AFTER = re.compile(_BEFORE_A_COUNT + r"\s*$", re.IGNORECASE)  # a label the number follows
COUNTING = re.compile(_BEFORE_A_COUNT + r"\s+\d", re.IGNORECASE)  # a label holding the count
BULLET_ONLY = re.compile(r"^(?:[•●○◦▪■►➢\-–—*]|[\uf000-\uf0ff]|\(cid:\d+\))$")
# A card titled by its sector or theme: the title is the pillar of the card's objectives.
SECTOR_LABEL = re.compile(r"^(?:secteur|sector|setor|domaine|dominio|theme|thematique|tematica|area|axe|axis|eje|"
                          r"eixo|pilier|pillar|pilar)s?\b")
CONTENT_ROLES = {"goal", "output", "activity", "indicator"}  # what a card states, beside who, when, how much
TITLE_ROLES = ("title", "goal", "output", "activity")  # "Action 1: ...", "Acción 2: ..." name their card
LEFT_SHARE = 0.45  # a label column is at most this share of the card's width
ABOVE_REACH = 36.0  # how far above a card's top its title line may sit, in points


@dataclass
class Part:
    """One labelled part of a card: its role, its label as printed, the lines that give it."""

    role: str
    label: str
    page: PageLayout
    lines: list[Line] = field(default_factory=list)
    ruled: bool = True
    rows: list[dict[str, list[Line]]] = field(default_factory=list)  # a table of measures inside the card
    row_pages: list[PageLayout] = field(default_factory=list)  # the page each of those rows is printed on
    label_box: BBox | None = None
    guessed: bool = False  # the label names no part naplog knows: the role comes from the value


@dataclass
class Card:
    title: str | None
    page: PageLayout
    bbox: BBox | None
    parts: list[Part] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)  # every page the card was read from
    parent: Card | None = None  # a numbered banner above several cards ("Objective 1: ..." over "Goal 1.1")


@dataclass
class Event:
    """What a card reader meets, in reading order: a part's label and value, text without a label
    (a title, or the rest of the part above), a table of measures' header or row."""

    kind: str  # "part" | "text" | "title" | "subheader" | "subrow"
    page: PageLayout
    lines: list[Line] = field(default_factory=list)
    role: str | None = None
    label: str = ""
    columns: dict[int, str] = field(default_factory=dict)  # subheader: column -> role
    cells: dict[int, list[Line]] = field(default_factory=dict)  # subrow: column -> lines
    spans: dict[int, tuple[float, float]] = field(default_factory=dict)  # subheader: column -> its left, right
    ruled: bool = True
    label_box: BBox | None = None  # where the label is printed (benchmarks.ablation replaces its words)
    label_line: Line | None = None  # a label printed on a line of its own
    guessed: bool = False


def _text(lines: list[Line]) -> str:
    return clean(" ".join(ln.text for ln in lines))


# ---- labels ----------------------------------------------------------------------------------------

def _label_role(text: str) -> str | None:
    return card_part_role(text) if len(text) <= 80 and not COUNTING.search(text) else None


def _inline(line: Line) -> tuple[str, str, list[Line]] | None:
    """ "Objectif(s) : Le programme ...", "Chef de file : Ministère ...": (role, label, value words as
    a line). A label ending in a colon with nothing after it gives an empty value."""
    text = line.text
    cut = text.find(":")
    if cut <= 0:
        return None
    role = _label_role(text[:cut])
    if role is None:
        return None
    # The value's words: those after the colon (a word may carry the colon: "Coût :" or "Coût:").
    return role, clean(text[:cut]), _after_colon(line, cut)


def _after_colon(line: Line, cut: int) -> list[Line]:
    """The words after the colon at ``cut`` in the line's text, as a line (a word may carry the
    colon: "Coût :" or "Coût:")."""
    seen, rest = 0, []
    for w in line.words:
        if seen > cut:
            rest.append(w)
        seen += len(w.text) + 1
    return [Line(rest)] if rest else []


def _label_words_box(line: Line, cut: int) -> BBox:
    seen, label = 0, []
    for w in line.words:
        if seen <= cut:
            label.append(w)
        seen += len(w.text) + 1
    return (min(w.x0 for w in label), min(w.top for w in label), max(w.x1 for w in label),
            max(w.bottom for w in label))


def _cell_events(lines: list[Line], page: PageLayout, ruled: bool, labels: frozenset[str] = frozenset()) -> list[Event]:
    """A box's lines as events: labels above their values (a bold line naming a part, or one ending
    in a colon) or inline ("Label : value"); lines before the first label are text. ``labels``: the
    document's template labels (``template_labels``), labels however many words they have."""
    events: list[Event] = []
    for ln in lines:
        text = clean(ln.text)
        if _numbered_title(text) and (ln.bold or not _names_an_action(text)):
            # "Action 2: ..." in plain type inside a part is one of its actions, not a card's title.
            events.append(Event("title", page, lines=[ln], ruled=ruled))
            continue
        inline = _inline(ln)
        alone = _label_role(text) if not starts_item(text) else None
        if alone is not None and not (ln.bold or text.endswith(":")):
            alone = None  # a label above its value stands out: bold, or ending in a colon
        if alone is None and inline is None and ln.bold and (_may_be_label(text) or fold(text) in labels):
            alone = "?"  # a bold line naming no part naplog knows: its value says what it is
        if alone is not None and (inline is None or not inline[2]):
            events.append(Event("title" if alone == "title" else "part", page, role=alone, label=text.rstrip(" :"),
                                ruled=ruled, label_box=_box([ln]), label_line=ln))
        elif inline is not None and inline[0] == "title":
            events.append(Event("title", page, lines=[ln], ruled=ruled))
        elif inline is not None:
            events.append(Event("part", page, lines=list(inline[2]), role=inline[0], label=inline[1], ruled=ruled,
                                label_box=_label_words_box(ln, ln.text.find(":"))))
        elif (guess := _inline_guess(ln, page)) is not None:
            events.append(guess)
        elif events:
            events[-1].lines.append(ln)
        else:
            events.append(Event("text", page, lines=[ln], ruled=ruled))
    return _resolve(events, labels)


def _resolve(events: list[Event], labels: frozenset[str] = frozenset()) -> list[Event]:
    """Parts under a bold label naplog does not know take their role from their value ("other" when
    it says none); a bold line with nothing under it is text (a title), unless the document prints
    it on card after card (its value is in the row below; ``card_labels`` reads it over all cards)."""
    out: list[Event] = []
    for e in events:
        if e.role == "?":
            role = _content_role(e.lines)
            if role is None and not e.lines and fold(e.label) not in labels:
                above = [e.label_line] if e.label_line is not None else []
                e = Event("text", e.page, lines=above, ruled=e.ruled)  # a bold line alone: a title
            else:
                e.role, e.guessed = role or "other", True
        out.append(e)
    return out


def _may_be_label(text: str) -> bool:
    """Short enough to name a card's part: a few words, no sentence, no list item."""
    return 0 < len(text.split()) <= 5 and not text.endswith((".", ";", ",")) and not starts_item(text) \
        and any(ch.isalpha() for ch in text)


def _inline_guess(line: Line, page: PageLayout) -> Event | None:
    """ "Xyz: Ministry of Justice": a colon after one to three words naplog does not know; the value
    says what the part is (an institution, an amount, a period), as a table's column would."""
    text = line.text
    cut = text.find(":")
    if not 0 < cut <= 30 or len(text[:cut].split()) > 3 or not any(ch.isalpha() for ch in text[:cut]) \
            or starts_item(clean(text)):  # an item ("(cid:127) ...", "1. ..."), not a label
        return None
    value = _after_colon(line, cut)
    role = _content_role(value, inline=True)
    if role is None:
        return None
    return Event("part", page, lines=value, role=role, label=clean(text[:cut]), ruled=False,
                 label_box=_label_words_box(line, cut), guessed=True)


def _content_role(lines: list[Line], inline: bool = False) -> str | None:
    """A part's role from its value when its label is unknown (``extractors.content_roles``): a
    list of actions is activities, of bodies institutions, of "Number of ..." indicators; one
    amount is a budget, one period a timeline."""
    items = [it.text for it in split_items(lines)] if lines else []
    if not items:
        return None
    if len(items) == 1:
        kind = cell_kind(items[0])
        if kind in ("amount", "time", "institution") or (not inline and kind in ("action", "measure")):
            return ROLE_OF_KIND[kind]
        return None
    kind, _share = column_kind(items)
    if kind:
        return ROLE_OF_KIND.get(kind)
    # Items the plan marks as a list, of no one kind: what a card lists is mostly its actions.
    return "activity" if sum(starts_item(clean(ln.text)) for ln in lines) >= 2 else None


def _numbered(text: str) -> re.Match[str] | None:
    """``NUMBERED``'s match, unless the number is a quantity ("Projet de 5 ans")."""
    m = NUMBERED.match(text)
    return None if m is None or QUANTITY_AFTER.search(m.group("label")) else m


def _numbered_title(text: str) -> bool:
    """A numbered banner naming a card or the group above cards: "Goal 1.1", "Projet n° 2 : ..."."""
    m = _numbered(text)
    return bool(m) and len(text) <= 200 and card_part_role(m.group("label")) in TITLE_ROLES \
        and len(m.group("label").split()) <= 4


def _names_an_action(text: str) -> bool:
    m = _numbered(text)
    return bool(m) and card_part_role(m.group("label")) == "activity"


def _sheet_title(text: str) -> bool:
    """A title that names a sheet ("Programme 2: ...", "Fiche projet 3"), not a level ("Objective 1")."""
    m = _numbered(text)
    return bool(m) and card_part_role(m.group("label")) == "title"


# ---- ruled cards -----------------------------------------------------------------------------------

# A cell of item numbers only ("#1" / "#2" ..., "1." / "2.", "a)"), beside the items' texts.
CODES_ONLY = re.compile(r"^(?:#\s*)?(?:\d+(?:\.\d+)*|[A-Za-z])[.)]?$")


def _codes_beside(cells: list[Cell]) -> bool:
    """Two cells, the left one numbering the right one's several items line for line (one number
    alone is a table row's: "120 | Développement des filières porteuses")."""
    return len(cells) == 2 and len(cells[0].lines) >= 2 \
        and all(CODES_ONLY.match(clean(ln.text)) for ln in cells[0].lines)


def _row_events(row: Row, grid: Grid, split: float | None = None,
                repeated: frozenset[str] = frozenset()) -> list[Event]:
    cells = row.text_cells()
    page = row.page
    if _codes_beside(cells):
        # Read as written: each number on the line of its item ("#1 Disponibilité des programmes ...").
        return [Event("text", page, lines=group_lines([w for c in cells for ln in c.lines for w in ln.words]))]
    width = grid.bbox[2] - grid.bbox[0]
    stacked = _labels_over_values(cells, page, repeated)
    if stacked:
        return stacked
    if len(cells) >= 3 or (len(cells) == 2 and all(_label_role(_text(c.lines)) for c in cells)
                           and not _is_label_cell(cells[0], grid, width)):
        roles = {c.col: _label_role(_text(c.lines)) for c in cells}
        code_cols = {c.col for c in cells if fold(_text(c.lines)) in ("#", "n°", "no", "no.", "n")}
        if sum(1 for r in roles.values() if r in RECORD_ROLES) >= 2 or (code_cols and any(roles.values())):
            columns = {col: ("code" if col in code_cols else role or "") for col, role in roles.items()}
            return [Event("subheader", page, columns=columns, label_box=_box([ln for c in cells for ln in c.lines]))]
        return [Event("subrow", page, cells={c.col: c.lines for c in cells})]
    if len(cells) == 2 and _is_label_cell(cells[0], grid, width):
        left, right = cells
        role = _label_role(_text(left.lines))
        if role == "title":
            return [Event("title", page, lines=[*left.lines, *right.lines])]
        return [Event("part", page, lines=list(right.lines), role=role, label=_text(left.lines).rstrip(" :"),
                      label_box=left.bbox)]
    if len(cells) == 2 and (_guessed_label(cells[0], grid, width) or _repeated_label(cells[0], grid, width, repeated)):
        # A label naplog does not know: its value says what the part is; if it does not, the part
        # is still a part (its lines are not the part above's), of no use.
        left, right = cells
        role = _content_role(right.lines) or "other"
        return [Event("part", page, lines=list(right.lines), role=role, label=_text(left.lines),
                      label_box=left.bbox, guessed=True)]
    if len(cells) == 1 and cells[0].col >= 1 and cells[0].bbox[0] - grid.bbox[0] > 0.1 * width:
        return [Event("text", page, lines=list(cells[0].lines))]  # the right column alone: the part goes on
    if len(cells) == 1 and _wide(cells[0], width) and split is not None \
            and not _numbered_title(clean(cells[0].lines[0].text)):  # a banner ("Goal 1.1") over its name
        beside = _beside(cells[0].lines, page, split, True, repeated=repeated)
        if beside:
            return beside
    events: list[Event] = []
    for cell in cells:
        found = _cell_events(cell.lines, page, True, repeated)
        if len(cells) == 1 and found and found[0].kind == "text" and len(found) == 1 and _wide(cell, width):
            found[0].label = "wide"
        events.extend(found)
    return events


def _value_inline(text: str) -> bool:
    """A label whose value starts on its own line ("Titre : Atténuation ...", "PROJET N° 1. ATTÉNUATION
    DES ..."), not a label alone ("Name of Priority Action No. 2": a number is no value)."""
    m = TITLE.match(clean(text))
    return m is not None and re.search(r"[^\W\d_]{2}", m.group("name")) is not None


def _labels_over_values(cells: list[Cell], page: PageLayout, repeated: frozenset[str] = frozenset()) -> list[Event]:
    """Cells side by side, each a label on its first line over its value ("Name of Priority Action
    No. 2" over "Overarching mainstreaming initiative" | "Responsible Lead Agency / Ministry" over
    "MTE"): each cell is a part of its own (the title's value is the card's title). Empty unless
    every cell is such a pair, its first line a label (known, or printed again on the document's
    cards: ``repeated``) over its value. A label that numbers the card titles it."""
    if len(cells) < 2 or any(len(c.lines) < 2 for c in cells):
        return []
    heads = [_text(c.lines[:1]) for c in cells]
    roles = [_label_role(t) for t in heads]
    # Labels naplog does not know, printed again on every card: the one that numbers the card
    # titles it, and beside that title the others are parts, their values saying which.
    roles = [r if r is not None or _label_key(t) not in repeated else "title" if _numbered(clean(t)) else None
             for t, r in zip(heads, roles)]
    if "title" in roles:
        roles = [r if r is not None or _label_key(t) not in repeated else _content_role(c.lines[1:]) or "other"
                 for t, r, c in zip(heads, roles, cells)]
    events = []
    for cell, text, role in zip(cells, heads, roles):
        head, value = cell.lines[:1], cell.lines[1:]
        if role is None or _value_inline(text) or _label_role(_text(value[:1])) is not None:
            return []
        if role == "title":  # its label too: "Name of Priority Action No. 2" numbers the card
            events.append(Event("title", page, lines=[*head, *value]))
        else:
            events.append(Event("part", page, lines=list(value), role=role, label=text.rstrip(" :"),
                                label_box=_box(head)))
    return events


def _label_key(text: str) -> str:
    """A label as the document's cards repeat it: folded, without the card's number."""
    return re.sub(r"\s*\d+(?:\.\d+)*\s*$", "", fold(clean(text))).rstrip(" .:#°")


def _heads_over_values(grid: Grid) -> frozenset[str]:
    """The first lines of cells side by side that each hold more lines below (labels over values)."""
    heads = set()
    for row in grid.rows:
        cells = row.text_cells()
        if len(cells) >= 2 and all(len(c.lines) >= 2 for c in cells):
            heads |= {_label_key(_text(c.lines[:1])) for c in cells}
    return frozenset(heads)


def _beside(lines: list[Line], page: PageLayout, split: float, ruled: bool, apart: bool = False,
            repeated: frozenset[str] = frozenset()) -> list[Event]:
    """Labels beside their values in one box (a card whose column rule is not drawn): the box's words
    split where the value column starts; a part starts where the left column's text begins with a
    part's name (its label may wrap), and a value line belongs to the part whose label starts at or
    above it. ``apart`` (no rules at all): a label ends clear of the value column, where running text
    flows across it."""
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines:
        lw = [w for w in ln.words if w.x0 < split - 2]
        rw = [w for w in ln.words if w.x0 >= split - 2]
        if apart and lw and rw and rw[0].x0 - lw[-1].x1 < 6:
            lw, rw = [], []  # prose running across the column: neither label nor value
        while lw and BULLET_ONLY.match(lw[-1].text):
            rw.insert(0, lw.pop())  # a value's bullet printed left of the value column
        if lw:
            left.append(Line(lw))
        if rw:
            right.append(Line(rw))
    parts: list[tuple[float, Event]] = []
    lead: list[Line] = []  # left-column text above the first label
    previous: Line | None = None
    for ln in left:
        text = clean(ln.text)
        role = _label_role(text)
        # A label's second line ("Défis pour l'atteinte des / objectifs du PNA") goes on with it;
        # a new block of the label column that names no part is a part naplog does not know.
        wraps = apart and previous is not None and bool(parts) and ln.top - previous.bottom <= 0.6 * ln.height \
            and parts[-1][1].role == "other"
        previous = ln
        if role is None and fold(text) in repeated and _may_be_label(text):
            role = "?"  # a label naplog does not know, printed on card after card: its value says what it is
        if role is not None and role != "title" and not starts_item(text) and not wraps:
            parts.append((ln.top, Event("part", page, role=role, label=text, ruled=ruled, label_box=_box([ln]))))
        elif parts and role is None and not wraps and apart and not starts_item(text):
            parts.append((ln.top, Event("part", page, role="other", label=text, ruled=ruled, label_box=_box([ln]))))
        elif parts:
            event = parts[-1][1]
            event.label = clean(f"{event.label} {text}")
            event.role = _label_role(event.label) or event.role
            event.label_box = _union(event.label_box, _box([ln]))
        else:
            lead.append(ln)
    if not parts:
        return []
    for ln in right:
        owner = next((e for top, e in reversed(parts) if top <= ln.top + 3), None)
        if owner is None:
            lead.append(ln)
        else:
            owner.lines.append(ln)
    events = [e for _, e in parts]
    for e in events:
        if e.role == "?":
            e.role, e.guessed = _content_role(e.lines) or "other", True
    if lead:
        events.insert(0, Event("text", page, lines=sorted(lead, key=lambda ln: ln.top), ruled=ruled))
    return events


def _value_column(lines: list[Line], box: BBox, same_line: bool = False) -> float | None:
    """Where a box's value column starts: the left edge shared by three lines or more (with
    ``same_line``, pages without rules, also by the values printed on a label's line past a wide
    gap), within the left ``LEFT_SHARE`` of the box but clear of its left edge, with text on the left
    of it too."""
    width = box[2] - box[0]
    starts: dict[int, int] = {}
    at_left = 0
    for ln in lines:
        offset = ln.x0 - box[0]
        if offset < 0.08 * width:
            at_left += 1
            pieces = split_line_at_gaps(ln, 2 * ln.height) if same_line else []
            if len(pieces) >= 2 and pieces[1].x0 - box[0] <= LEFT_SHARE * width:
                key = round(pieces[1].x0 / 3)
                starts[key] = starts.get(key, 0) + 1
        elif offset <= LEFT_SHARE * width:
            key = round(ln.x0 / 3)
            starts[key] = starts.get(key, 0) + 1
    if not starts or not at_left:
        return None
    key, count = max(starts.items(), key=lambda kv: kv[1])
    near = sum(n for k, n in starts.items() if abs(k - key) <= 1)
    return key * 3 - 3 if near >= 3 else None


def _guessed_label(cell: Cell, grid: Grid, width: float) -> bool:
    """A left cell that reads as a label naplog does not know: narrow, bold, a few words."""
    return cell.bbox[2] - grid.bbox[0] <= LEFT_SHARE * width + 2 and cell.bold and _may_be_label(_text(cell.lines))


def _is_label_cell(cell: Cell, grid: Grid, width: float) -> bool:
    return cell.bbox[2] - grid.bbox[0] <= LEFT_SHARE * width + 2 and _label_role(_text(cell.lines)) is not None


def _wide(cell: Cell, width: float) -> bool:
    return cell.bbox[2] - cell.bbox[0] >= 0.8 * width


def _wide_lines(grid: Grid) -> tuple[list[Line], float | None]:
    """The lines of the grid's rows that are one cell across, and where a value column starts in
    them (a card drawn without its column rule)."""
    width = grid.bbox[2] - grid.bbox[0]
    wide = [ln for row in grid.rows for c in row.text_cells() if len(row.text_cells()) == 1 and _wide(c, width)
            for ln in c.lines]
    return wide, _value_column(wide, grid.bbox)


def _grid_events(grid: Grid, labels: frozenset[str] = frozenset()) -> list[Event]:
    """``labels``: the part labels the document's cards print again and again (``template_labels``)."""
    grid = tidy(grid)
    if grid.ncols < 1:
        return []
    wide, split = _wide_lines(grid)
    repeated = _left_texts(grid) | _left_lines(wide, split) | labels
    return _numbered_tables([e for row in grid.rows for e in _row_events(row, grid, split, repeated)])


def _numbered_row(event: Event) -> bool:
    """A row of a card's table numbered in its first column ("28 | Introduction des ... | MT")."""
    first = min(event.cells) if event.cells else None
    return first is not None and bool(CODES_ONLY.match(clean(_text(event.cells[first]))))


def _numbered_tables(events: list[Event]) -> list[Event]:
    """A card's table of measures whose header words naplog does not know ("# | Xyz | Abc"): a row
    of three cells or more over rows numbered in its first column is that table's header. Each of
    its columns takes the role its cells below agree on (an action, a period, a body); what a card
    numbers in a table is its measures, so the widest column of text is the activities when no
    column reads as actions."""
    found = list(events)
    for i, e in enumerate(found):
        if e.kind != "subrow" or _numbered_row(e):
            continue
        below = list(takewhile(lambda x: x.kind == "subrow", found[i + 1:]))
        if not below or not all(_numbered_row(b) for b in below):
            continue
        first = min(e.cells)
        texts = {col: [_text(b.cells.get(col, [])) for b in below] for col in e.cells if col != first}
        roles = {col: _table_column_role(t) for col, t in texts.items()}
        if "activity" not in roles.values():
            free = [col for col, r in roles.items() if r is None]
            if not free:
                continue
            roles[max(free, key=lambda c: sum(len(t) for t in texts[c]))] = "activity"
        columns = {first: "code", **{col: role or "" for col, role in roles.items()}}
        # Where each column is printed: the table may go on over the page in a grid of other columns.
        spans = {col: (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
                 for col, lines in e.cells.items() if lines}
        found[i] = Event("subheader", e.page, columns=columns, spans=spans,
                         label_box=_box([ln for lines in e.cells.values() for ln in lines]))
    return found


def _table_column_role(texts: list[str]) -> str | None:
    """The role the cells of a column of a card's table agree on (one cell is enough)."""
    kinds = Counter(cell_kind(t) for t in texts)
    kinds.pop("empty", None)
    if not kinds:
        return None
    kind, n = kinds.most_common(1)[0]
    return ROLE_OF_KIND.get(kind) if n >= AGREE * sum(kinds.values()) else None


def template_labels(grids: list[Grid], cards: int = 3) -> frozenset[str]:
    """The left texts that come back on ``cards`` grids or more of the document: a card template's
    part labels, whatever their words ("Indicateurs d'atteinte des résultats" on each project's
    sheet). One card states each label once; its template repeats it card after card."""
    seen: Counter = Counter()
    for grid in grids:
        grid = tidy(grid)
        wide, split = _wide_lines(grid)
        seen.update(_left_texts(grid, 1) | _left_lines(wide, split, 1) | _bold_heads(grid) | _heads_over_values(grid))
    return frozenset(t for t, n in seen.items() if n >= cards and _long_label(t))


def _long_label(text: str) -> bool:
    """A label of up to a dozen words, a card template's (not a code, a sentence or an item)."""
    return len(text.split()) <= 12 and any(ch.isalpha() for ch in text) and not text.endswith((".", ";", ",")) \
        and not starts_item(text) and not CODES_ONLY.match(text)


def _bold_heads(grid: Grid) -> frozenset[str]:
    """The bold first lines of the grid's cells, when more follows them or they are a row of their
    own: labels above their values ("Indicateurs d'atteinte des résultats")."""
    return frozenset(fold(clean(c.lines[0].text)) for row in grid.rows for c in row.text_cells()
                     if c.lines and c.lines[0].bold and not starts_item(clean(c.lines[0].text)))


def unruled_template_labels(pages: list[PageLayout], cards: int = 3) -> frozenset[str]:
    """``template_labels`` of cards drawn without rules: the texts left of a page's value column
    that come back on ``cards`` pages or more ("Actions à court terme" on every sector's sheet)."""
    seen: Counter = Counter()
    for page in pages:
        lines = page_lines(page)
        if lines:
            box = (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
                   max(ln.bottom for ln in lines))
            seen.update(_labels_beside_values(lines, _value_column(lines, box, same_line=True)))
    return frozenset(t for t, n in seen.items() if n >= cards and _long_label(t))


def _labels_beside_values(lines: list[Line], split: float | None) -> frozenset[str]:
    """The texts left of the value column on lines whose value starts beside them (a sheet's title,
    alone on its line, is none; nor is a line of prose running across the column)."""
    if split is None:
        return frozenset()
    found = set()
    for ln in lines:
        left = [w for w in ln.words if w.x0 < split - 2]
        right = [w for w in ln.words if w.x0 >= split - 2]
        while left and BULLET_ONLY.match(left[-1].text):
            right.insert(0, left.pop())  # the value's bullet printed left of the value column
        if left and right and right[0].x0 - left[-1].x1 >= 6:
            found.add(fold(" ".join(w.text for w in left)))
    return frozenset(found)


def _left_texts(grid: Grid, least: int = 2) -> frozenset[str]:
    """The left cells' texts that come back ``least`` times down the grid: a card template's part
    labels, known to naplog or not, in bold or not ("Initiatives", "Indicator", "Responsibility" on
    every card)."""
    seen: Counter = Counter()
    for row in grid.rows:
        cells = row.text_cells()
        if len(cells) == 2:
            seen[fold(_text(cells[0].lines))] += 1
    return frozenset(t for t, n in seen.items() if n >= least)


def _left_lines(lines: list[Line], split: float | None, least: int = 2) -> frozenset[str]:
    """The same, for cards drawn without their column rule: the texts left of the value column."""
    if split is None:
        return frozenset()
    seen: Counter = Counter()
    for ln in lines:
        left = [w for w in ln.words if w.x0 < split - 2]
        right = [w for w in ln.words if w.x0 >= split - 2]
        if left and right and right[0].x0 - left[-1].x1 < 6:
            continue  # a line running across the value column ("Plan de développement ..."): no label
        text = fold(" ".join(w.text for w in left))
        if text:
            seen[text] += 1
    return frozenset(t for t, n in seen.items() if n >= least)


def _repeated_label(cell: Cell, grid: Grid, width: float, repeated: frozenset[str]) -> bool:
    text = _text(cell.lines)
    # (A label printed again and again may run to a dozen words: "Recommandations des politiques,
    # programmes et mesures à mettre en place".)
    return cell.bbox[2] - grid.bbox[0] <= LEFT_SHARE * width + 2 and fold(text) in repeated \
        and _long_label(text)


def _names_a_card(events: list[Event]) -> bool:
    """Two kinds of parts named by labels naplog knows; or, under a title row ("Action 2: ..."), two
    read from their values (labels in words naplog does not know; a glossary's bold acronyms beside
    their names are not a card: it has no title row)."""
    known = {e.role for e in events if e.kind == "part" and e.role in RECORD_ROLES and not e.guessed}
    roles = {e.role for e in events if e.kind == "part" and e.role in RECORD_ROLES}
    if not roles & CONTENT_ROLES:
        return False  # who and when without what (a table of policies with their period and lead)
    seen: dict[str | None, int] = {}
    for e in events:
        if e.kind == "title":
            seen = {}
        elif e.kind == "part" and e.role in ("lead", "timeline", "budget") and not e.guessed:
            seen[e.role] = seen.get(e.role, 0) + 1
            if seen[e.role] >= 2:
                return False  # one lead, period, cost per card: a list of items each with its own
    return len(known) >= 2 or (len(roles) >= 2 and any(e.kind == "title" for e in events))


def _templated(events: list[Event], labels: frozenset[str]) -> bool:
    """Two parts or more under labels every card prints (``template_labels``), read as record parts
    from their values: a card of the document's template, whatever its labels' words."""
    return sum(1 for e in events if e.kind == "part" and e.guessed and e.role in RECORD_ROLES
               and fold(e.label) in labels) >= 2


def _continues(events: list[Event]) -> bool:
    """A grid whose first row has no label: the rest of the card above, on the page before."""
    return bool(events) and events[0].kind == "text" and events[0].label != "wide"


def _caption_row(events: list[Event]) -> tuple[tuple[str, BBox] | None, list[Event]]:
    """A grid's first row when it is a table's caption across the grid ("Table 10: ..."), with
    its box, and the events after it; else None and the events."""
    if not events or events[0].kind != "text" or events[0].label != "wide":
        return None, events
    lines = events[0].lines
    text = _text(lines)
    if not lines or not CAPTION.match(fold(text)):
        return None, events
    return (text, _box(lines)), events[1:]  # type: ignore[return-value]  # lines is not empty


def _title_above(page: PageLayout, top: float) -> tuple[str, BBox] | None:
    """The line(s) right above a card: its caption or title (up to three lines, each short; a caption
    line "Table 7: ..." is the block's first)."""
    above = [ln for ln in page_lines(page) if ln.bottom <= top + 1 and top - ln.bottom <= ABOVE_REACH]
    if not above:
        return None
    block = [above[-1]]
    for ln in reversed(above[:-1]):
        if CAPTION.match(fold(block[0].text)) or block[0].top - ln.bottom > 1.2 * ln.height or len(block) >= 3:
            break
        block.insert(0, ln)
    captions = [i for i, ln in enumerate(block) if CAPTION.match(fold(ln.text))]
    block = block[captions[-1]:] if captions else block
    text = _text(block)
    if not text or len(text.split()) > 30 or (text.endswith((".", ";", ",")) and not captions):
        return None
    box = (min(ln.x0 for ln in block), block[0].top, max(ln.x1 for ln in block), block[-1].bottom)
    return text, box


def _title_at_foot(page: PageLayout, bottom: float) -> tuple[str, BBox] | None:
    """A card's numbered title printed below the last card of a page and followed by nothing: its
    card's table starts on the next page ("Projet 7 : ..." at the foot of the page, up to three lines)."""
    below = [ln for ln in page_lines(page) if ln.top >= bottom - 1]
    if not below or not _numbered_title(clean(below[0].text)) or len(below) > 3:
        return None
    if any(b.top - a.bottom > 1.2 * a.height for a, b in zip(below, below[1:])):
        return None  # more than one block below: not a title alone at the foot of the page
    text = _text(below)
    box = (min(ln.x0 for ln in below), below[0].top, max(ln.x1 for ln in below), below[-1].bottom)
    return text, box


# ---- a document's cards ---------------------------------------------------------------------------

@dataclass
class CardReader:
    """Reads the pages in order into cards: ``read_page`` per page, ``cards`` at the end."""

    cards: list[Card] = field(default_factory=list)
    part: Part | None = None
    columns: dict[int, str] = field(default_factory=dict)
    parent: Card | None = None
    last_page: int = 0
    claimed: set[int] = field(default_factory=set)
    # A card's title at the foot of the page just read, its table on the next page: (page, title).
    foot_title: tuple[PageLayout, tuple[str, BBox]] | None = None
    spans: dict[int, tuple[float, float]] = field(default_factory=dict)  # where the table's columns are printed
    labels: frozenset[str] = frozenset()  # the document's template labels (``template_labels``)
    grids: dict[int, list[Grid]] = field(default_factory=dict)  # each page's ruled grids, when found already

    @property
    def card(self) -> Card | None:
        return self.cards[-1] if self.cards else None

    def read_page(self, page: PageLayout, settings: object) -> None:
        if self.card is not None and page.number != self.last_page + 1:
            self.part = None  # a card does not skip pages
        used = form = False
        foot, self.foot_title = self.foot_title, None
        if foot is not None and foot[0].number != page.number - 1:
            foot = None
        last_bottom: float | None = None
        grids = self.grids.get(page.number)
        for grid in grids if grids is not None else find_ruled_grids(page, settings):  # type: ignore[arg-type]
            if blank_form(grid):
                form = True  # a template to fill: no card, and its labels are not read as text
                continue
            if acronym_list(grid):
                continue
            events = _grid_events(grid, self.labels)
            open_card = self.part is not None and self.last_page in (page.number, page.number - 1)
            # A caption printed as the grid's first row ("Table 10: Adaptation strategies of the
            # fisheries sector") titles a new card, and is printed again over the card's continuation.
            caption, events = _caption_row(events)
            if caption is not None and open_card and fold(caption[0]) == fold(self.card.title or ""):  # type: ignore[union-attr]
                caption = None
            opens = bool(events) and all(e.kind == "title" for e in events)  # a banner over the cards below
            # On the page after a card, a narrow grid of parts (or of a part's rest) goes on with it.
            goes_on = open_card and ((grid.ncols <= 3 and (_continues(events) or any(e.kind == "part" for e in events)))
                                     or self._table_goes_on(events))
            if not (_names_a_card(events) or opens or goes_on or _templated(events, self.labels)):
                continue
            own_title = bool(events) and events[0].kind == "title"  # the card's title is its first row
            title = caption or (None if _continues(events) or own_title else _title_above(page, grid.bbox[1]))
            if title is not None and self.card is not None and fold(title[0]) == fold(self.card.title or ""):
                title = None  # the card's caption printed again over its continuation
            if title is None and not own_title and foot is not None and not _continues(events):
                self._new_card(*foot)  # titled at the foot of the page before
            elif title is not None or own_title or not open_card:
                self._new_card(page, title)
            foot = None
            self._read(events)
            used = True
            last_bottom = grid.bbox[3]
        if last_bottom is not None:
            title_at_foot = _title_at_foot(page, last_bottom)
            self.foot_title = (page, title_at_foot) if title_at_foot is not None else None
        if not used and not form:
            lines = page_lines(page)
            events = _cell_events(lines, page, False)
            labelled = [e for e in events if e.kind == "part" and e.role in RECORD_ROLES]
            # Running text with labels is prose (objectives and actions stated in sections, the
            # narrative strategy's) unless the page names its sheets: "Programme 2: ...", "Projet n° 1".
            named = any(e.kind == "title" and _sheet_title(_text(e.lines)) for e in events)
            if len(labelled) >= 3 and _names_a_card(events) and named:
                first = next(i for i, e in enumerate(events) if e.kind in ("part", "title"))
                if first > 0 and events[first - 1].kind == "text" and events[first].kind != "title":
                    # Running text before the first label: its last line (a title) opens the card.
                    lead = events[first - 1]
                    events[first - 1] = Event("title", page, lines=lead.lines[-1:], ruled=False)
                    events = events[first - 1:]
                else:
                    events = events[first:]
                if events[0].kind != "title" and self.part is None:
                    self._new_card(page, None)
                self._read(events)
                used = True
            else:
                used = self._read_unruled_beside(page, lines)
        if used:
            self.claimed.add(page.number)
            self.last_page = page.number

    def _column_role(self, col: int, lines: list[Line]) -> str:
        """The role of a row's cell in the card's table: its column's, or, where the header's columns
        are known by place, the one printed over the cell."""
        if self.spans and lines:
            # Columns start where their header starts: the last header starting left of the cell.
            x = min(ln.x0 for ln in lines)
            left = [c for c, (x0, _x1) in self.spans.items() if x0 <= x + 6]
            if left:
                return self.columns.get(max(left, key=lambda c: self.spans[c][0])) or ""
        return self.columns.get(col) or _nearest(self.columns, col)

    def _table_goes_on(self, events: list[Event]) -> bool:
        """The card's table of measures goes on: the grid opens with its next numbered rows."""
        return self.part is not None and self.part.role == "table" and bool(self.part.rows) \
            and bool(events) and events[0].kind == "subrow" and _numbered_row(events[0])

    def _read_unruled_beside(self, page: PageLayout, lines: list[Line]) -> bool:
        """Labels beside their values without rules (a label column, the values indented past it): a
        card where two kinds of parts are named, or the card of the page before going on. A bold
        line above the first label is the card's title."""
        if not lines:
            return False
        box = (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
               max(ln.bottom for ln in lines))
        split = _value_column(lines, box, same_line=True)
        if split is None:
            return False
        events = _beside(lines, page, split, False, apart=True, repeated=self.labels)
        values = [ln for e in events if e.kind == "part" for ln in e.lines]
        if sum(len(split_line_at_gaps(ln, 2 * ln.height)) >= 2 for ln in values) * 4 > len(values):
            return False  # the values stand in columns of their own: a table, the table strategy's
        parts = [e for e in events if e.kind == "part"]
        unknown = sum(1 for e in parts if e.role == "other")
        if unknown > len(parts) - unknown:
            return False  # a label column names parts naplog knows, mostly: not headings over prose
        open_card = self.part is not None and self.last_page == page.number - 1
        heading = [ln for ln in events[0].lines if ln.bold] if events and events[0].kind == "text" \
            else _bold_above(lines, parts[0]) if parts else []
        # Under a bold title, two parts or more whose labels all name record parts ("Actions à court
        # terme", "Actions à moyen terme"): a card page, though of one kind of part only.
        titled = bool(heading) and len(parts) >= 2 and unknown == 0 \
            and sum(1 for e in parts if e.role in RECORD_ROLES) >= 2
        if not parts or not (_names_a_card(events) or titled or _templated(events, self.labels)
                             or (open_card and parts[0].role in RECORD_ROLES)):
            return False
        title = (_text(heading[-1:]), _box(heading[-1:])) if heading else None
        if events[0].kind == "text":
            events = events[1:]
        if title is not None and self.card is not None and open_card and fold(title[0]) == fold(self.card.title or ""):
            title = None  # the card's banner printed again over its continuation
        if title is not None or not open_card:
            self._new_card(page, title)  # type: ignore[arg-type]
        self._read(events)
        return True

    def _new_card(self, page: PageLayout, title: tuple[str, BBox] | None) -> None:
        card = self.card
        if card is not None and card.title and not card.parts and page.number - self.last_page <= 1 \
                and _numbered_title(card.title):
            self.parent = card  # a banner with no parts of its own: the group the next cards are in
        elif card is None or page.number - self.last_page > 1 or (card.parent is None and card.parts):
            self.parent = None
        self.cards.append(Card(title=title[0] if title else None, page=page, bbox=title[1] if title else None,
                               pages={page.number}, parent=self.parent))
        self.part = None
        self.columns, self.spans = {}, {}

    def _read(self, events: list[Event]) -> None:
        for e in events:
            if self.card is not None:
                self.card.pages.add(e.page.number)
            if e.kind == "title":
                text = _text(e.lines) if e.lines else e.label
                box = _box(e.lines)
                if self.card is not None and not self.card.parts and self.card.title is None:
                    self.card.title, self.card.page, self.card.bbox = text, e.page, box
                else:
                    self._new_card(e.page, (text, box) if box else None)
                    if not box:
                        self.card.title = text  # type: ignore[union-attr]
                continue
            if self.card is None:
                self._new_card(e.page, None)
            card = self.card
            assert card is not None
            if e.kind in ("part", "text") and _goes_on_with_title(card, e):
                rest = _text([e.label_line, *e.lines]) if e.label_line \
                    else _text(e.lines) if e.kind == "text" else f"{e.label} {_text(e.lines)}"
                card.title = f"{card.title} {rest.strip()}"
                continue
            if e.kind == "part":
                if e.role == "goal" and any(p.role == "goal" for p in card.parts) and self.part is not None \
                        and self.part.role != "goal":
                    self._new_card(e.page, None)  # a second objective after other parts: the next card
                    card = self.card
                    assert card is not None
                self.part = Part(role=e.role or "other", label=e.label, page=e.page, lines=list(e.lines),
                                 ruled=e.ruled, label_box=e.label_box, guessed=e.guessed)
                card.parts.append(self.part)
                self.columns, self.spans = {}, {}
            elif e.kind == "subheader":
                self.columns, self.spans = e.columns, e.spans
                self.part = Part(role="table", label="", page=e.page, label_box=e.label_box)
                card.parts.append(self.part)
            elif e.kind == "subrow" and self.columns and self.part is not None and self.part.role == "table":
                row: dict[str, list[Line]] = {}
                for col, lines in e.cells.items():
                    role = self._column_role(col, lines)
                    row.setdefault(role, []).extend(lines)
                self.part.rows.append(row)
                self.part.row_pages.append(e.page)
            elif e.kind in ("text", "subrow"):
                lines = e.lines or [ln for col in sorted(e.cells) for ln in e.cells[col]]
                if self.part is not None and self.part.role == "table" and self.part.rows:
                    # A measure's cell continued on the next row (or page) without its number.
                    last = self.part.rows[-1]
                    last.setdefault("activity", []).extend(lines)
                elif self.part is not None and _in_label_column(self.part, lines):
                    self.part.label = f"{self.part.label} {_text(lines)}"  # "Long-term outcomes" / "(over 15 years)"
                elif self.part is not None:
                    self.part.lines.extend(lines)
                elif card.title is None and not card.parts:
                    card.title, card.page, card.bbox = _text(lines), e.page, _box(lines)
                elif not card.parts and (m := _numbered(card.title)) and not m.group("name"):
                    card.title = f"{card.title} {_text(lines)}"  # "Goal 1.1" over its name, in two rows

    def finish(self) -> list[Card]:
        return [c for c in self.cards if any(p.role in RECORD_ROLES or p.rows for p in c.parts)]


def _bold_above(lines: list[Line], first: Event) -> list[Line]:
    """Bold lines above a page's first labelled part that the part's reading left out (a banner
    over the label column)."""
    top = first.label_box[1] if first.label_box else min((ln.top for ln in first.lines), default=0.0)
    return [ln for ln in lines if ln.bold and ln.bottom <= top + 1]


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _goes_on_with_title(card: Card, e: Event) -> bool:
    """The rest of a title printed over several lines, before the card's first part: lines in
    capitals under a title in capitals, read as a part whose label naplog does not know; or the
    title's wrapped line right under it (read as a row, or as a label with no value)."""
    if card.parts or not card.title:
        return False
    if e.role in (None, "other") and _capitals(card.title) and _capitals(e.label) \
            and all(_capitals(ln.text) for ln in e.lines):
        return True
    # A sentence goes on in small letters ("... climate change" / "adaptation initiatives"); a part
    # or row of its own ("Mesures", "#") does not.
    lines = [e.label_line] if e.label_line else e.lines
    return e.page is card.page and _sheet_title(card.title) and (e.kind == "text" or not e.lines) \
        and _right_under(card, lines) and bool(lines) and lines[0].text[:1].islower()


def _in_label_column(part: Part, lines: list[Line]) -> bool:
    """Lines under a part's label, within its column: the label's wrapped rest, not its value's."""
    box = part.label_box
    if box is None or not part.ruled or not lines or sum(ch.isalpha() for ch in _text(lines)) < 3:
        return False
    # In the label's bold type, within its column, right under it, going on as words do (in small
    # letters or a bracket: "(over 15 years)"), not a value of its own ("MARDA").
    goes_on = lines[0].text[:1].islower() or lines[0].text.startswith("(")
    return goes_on and all(ln.bold and ln.x1 <= box[2] + 2 for ln in lines) \
        and lines[0].top - box[3] <= 2 * lines[0].height


def _right_under(card: Card, lines: list[Line]) -> bool:
    """Lines that start right under the card's title, as a wrapped line of it does."""
    if not lines or card.bbox is None:
        return False
    return -1.0 <= lines[0].top - card.bbox[3] <= 0.6 * lines[0].height


def _nearest(columns: dict[int, str], col: int) -> str:
    return columns[min(columns, key=lambda c: abs(c - col))] if columns else ""


def _union(a: BBox | None, b: BBox | None) -> BBox | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _box(lines: list[Line]) -> BBox | None:
    if not lines:
        return None
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
            max(ln.bottom for ln in lines))


# ---- cards to records ------------------------------------------------------------------------------

@dataclass
class CardBuilder:
    """Turns cards into goals (with outputs, activities, indicators, institutions) and pillars."""

    vocab: Vocabulary
    acronyms: dict[str, str]
    country: str | None
    goals: list[Goal] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    parents: dict[int, Goal] = field(default_factory=dict)  # a group banner's goal, by the banner card's id

    def _prov(self, page: PageLayout, bbox: BBox | None, evidence: float) -> dict:
        box = tuple(round(v, 1) for v in page.to_page_bbox(bbox)) if bbox else None
        return {"page": page.number, "bbox": box, "method": METHOD, "confidence": round(min(0.9, evidence), 2)}

    def _items(self, part: Part) -> list[Item]:
        items = (_unlabelled(it) for it in split_items(part.lines, self.vocab))
        return [it for it in items if it.text and _says_something(it.text)]

    def _grouped(self, card: Card) -> None:
        """A card under a numbered banner: the banner is the goal, the card's title its output, and
        what the card lists (activities, indicators, institutions) belongs to that output."""
        parent = card.parent
        assert parent is not None
        goal = self.parents.get(id(parent))
        if goal is None:
            code, text, name = _title(parent.title) or (None, None, None)
            goal = Goal(code=code, text=text, level_name=name, **self._prov(parent.page, parent.bbox, 0.7))
            self.parents[id(parent)] = goal
            self.goals.append(goal)
        code, text, name = _title(card.title) or (None, None, None)
        out = Output(code=code, text=text, level_name=name,
                     **self._prov(card.page, card.bbox if text else None, 0.7 if text else 0.5))
        goal.outputs.append(out)
        activities = self._activities(card, out)
        self._describe(card, out)
        self._budget_and_time(card, activities)

    def _describe(self, card: Card, owner: Goal | Output) -> None:
        """The card's indicators and institutions, given to the record the card is about."""
        for part in card.parts:
            if part.role == "indicator":
                for item in self._items(part):
                    owner.indicators.append(Indicator(
                        code=item.code, text=item.text, unit=indicator_unit(item.text),
                        disaggregation=disaggregation(item.text),
                        **self._prov(part.page, item.bbox, _evidence(part, item))))
            elif part.role in ("lead", "partner"):
                self._institutions(owner, "\n".join(ln.text for ln in part.lines), part.role)

    def build(self, card: Card) -> None:
        if card.parent is not None:
            self._grouped(card)
            return
        title = _title(card.title)
        # A sheet named as a programme, project or action is the goal; its objective statement restates
        # it and has no level of its own. A sector's or theme's card keeps its objectives as the goals.
        goal_parts = [] if _names_a_programme(title) else [p for p in card.parts if p.role == "goal" and p.lines]
        pillar = None
        goals: list[Goal] = []
        if goal_parts and title is not None:
            pillar = title[1] if not CAPTION.match(fold(card.title or "")) else _caption_name(card.title or "")
            self.pillars.append(Pillar(code=title[0], name=pillar, text=card.title or pillar,
                                       **self._prov(card.page, card.bbox, 0.7)))
        for part in goal_parts:
            items = self._items(part)
            for item in items if len(items) > 1 else [_whole(part, self.vocab)]:
                goals.append(Goal(code=item.code, text=item.text, level_name=part.label or None, pillar=pillar,
                                  **self._prov(part.page, None if item.continued else item.bbox,
                                               _evidence(part, item))))
        if not goals and _names_a_sector(title):
            # A banner naming only the sector ("Tourisme"): the pillar of what the card lists.
            pillar = title[1]  # type: ignore[index]
            goals.append(Goal(code=None, text=None, pillar=pillar, **self._prov(card.page, None, 0.5)))
        if not goals:
            code, text, name = title if title is not None else (None, None, None)
            goals.append(Goal(code=code, text=text, level_name=name, pillar=None,
                              **self._prov(card.page, card.bbox if text else None, 0.7 if text else 0.5)))
        # Several objectives side by side: what the card lists serves all of them (a placeholder goal).
        owner = goals[0] if len(goals) == 1 else Goal(code=None, text=None, pillar=pillar,
                                                      **self._prov(card.page, None, 0.5))
        if owner is not goals[0]:
            goals.append(owner)
        for part in card.parts:
            if part.role == "output":
                for item in self._items(part):
                    owner.outputs.append(Output(code=item.code, text=item.text, level_name=part.label or None,
                                                **self._prov(part.page, item.bbox, _evidence(part, item))))
        holder = Output(code=None, text=None, **self._prov(card.page, None, 0.5))
        activities = self._activities(card, holder, owner)
        if holder.activities:
            owner.outputs.append(holder)
        self._describe(card, owner)
        self._budget_and_time(card, activities)
        self.goals.extend(goals)

    def _activities(self, card: Card, holder: Output, owner: Goal | None = None) -> list[Activity]:
        """The card's activities, in ``holder``; with ``owner``, numbered headings over bulleted
        actions become outputs of it, each holding the actions under it (``_headings_over_bullets``)."""
        made: list[Activity] = []
        group: Output | None = None
        for part in card.parts:
            if part.role == "activity":
                term = CARD_TERM.search(fold(part.label))
                items = self._items(part)
                grouped = owner is not None and (_headings_over_bullets(items) or (group is not None and (
                    not items or not _numbered_by_marker(items[0]))))
                if grouped and group is not None and not _headings_over_bullets(items) and _capitals(part.label):
                    group.text = f"{group.text} {part.label}"  # a heading's last line read as a label
                elif not grouped:
                    group = None
                for item in items:
                    if grouped and _numbered_by_marker(item):
                        group = Output(code=item.code, text=item.text, **self._prov(part.page, item.bbox,
                                                                                    _evidence(part, item)))
                        owner.outputs.append(group)  # type: ignore[union-attr]
                        continue
                    act = Activity(code=item.code, text=item.text, level_name=part.label or None,
                                   timeline=term.group(0) if term else None,
                                   **self._prov(part.page, item.bbox, _evidence(part, item)))
                    (group or holder).activities.append(act)
                    made.append(act)
            elif part.role == "table":
                for row, page in zip(part.rows, part.row_pages):
                    lines = row.get("activity", [])
                    if not lines:
                        continue
                    code, text = strip_marker(join_lines([ln.text for ln in lines], self.vocab))
                    number = _text(row.get("code", []))
                    if not _says_something(text):
                        continue
                    act = Activity(code=code or (number.rstrip(".") or None), text=text,
                                   **self._prov(page, _box(lines), 0.8))
                    for role in ("lead", "partner"):
                        if row.get(role):
                            self._institutions(act, "\n".join(ln.text for ln in row[role]), role)
                    if row.get("timeline"):
                        act.timeline = _text(row["timeline"])
                        act.years = years_in(act.timeline)
                    holder.activities.append(act)
                    made.append(act)
        return made

    def _institutions(self, owner: Goal | Output | Activity, text: str, role: str) -> None:
        names = {i.name for i in owner.institutions}
        found: list[Institution] = institutions_from_cell(text, role, self.acronyms)
        owner.institutions.extend(i for i in found if i.name not in names)

    def _budget_and_time(self, card: Card, activities: list[Activity]) -> None:
        budget = None
        timeline = None
        for part in card.parts:
            text = join_lines([ln.text for ln in part.lines], self.vocab)
            if part.role == "budget" and text and budget is None:
                budget = parse_budget(text, currency_in(part.label, self.country), self.country,
                                      header_multiplier(part.label))
            elif part.role == "timeline" and text and timeline is None:
                timeline = text
        for act in activities:
            if timeline and not act.timeline:
                act.timeline = timeline
            if timeline:
                act.years = sorted(set(act.years) | set(years_in(timeline)))
            if budget is not None and act.budget is None:
                act.budget = budget.model_copy()


def _headings_over_bullets(items: list[Item]) -> bool:
    """A list of numbered headings with bulleted actions under them ("1. PROMOUVOIR ..." then
    "* Former ..."): the headings group the actions, a level between the card and its actions."""
    numbered = [_numbered_by_marker(it) for it in items]
    return len(items) >= 3 and numbered[0] and sum(numbered) >= 2 \
        and any(it.code is None and starts_item(clean(it.lines[0].text)) for it in items if it.lines)


def _numbered_by_marker(item: Item) -> bool:
    """The item opens with a number of its own ("1. PROMOUVOIR ..."): a heading may be numbered so.
    A code read off a level's label ("Action 1.1: ...", ``_unlabelled``) numbers an entry of that
    level, no heading over others."""
    return bool(item.lines) and strip_marker(clean(item.lines[0].text))[0] is not None


def _evidence(part: Part, item: Item) -> float:
    """Evidence for a record read from a card: its part's label was recognised (0.6; 0.45 when the
    part's role was read from its value), in a ruled card (+0.1), the plan marked the item (a
    bullet or a number, +0.1)."""
    marked = bool(item.lines) and starts_item(clean(item.lines[0].text))
    return (0.45 if part.guessed else 0.6) + (0.1 if part.ruled else 0.0) + (0.1 if marked else 0.0)


def _unlabelled(item: Item) -> Item:
    """An item that names its level and number before its text ("Mesure 6.11. Encourager ...",
    "Output 2: ..."): the number is its code, the label no part of its text (a table's cells lose
    theirs the same way, ``logframe``)."""
    label, code, rest = strip_level_label(item.text)
    if label is None or code is None or not rest:
        return item
    return replace(item, code=item.code or code, text=rest)


def _whole(part: Part, vocab: Vocabulary) -> Item:
    code, text = strip_marker(join_lines([ln.text for ln in part.lines], vocab))
    return Item(code, text, part.lines)


def _says_something(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 3 and (card_part_role(text) is None or len(text.split()) > 6)


def _title(text: str | None) -> tuple[str | None, str, str | None] | None:
    """(code, name, label) of a card's title: "Projet 1 : Renforcer ..." -> ("1", "Renforcer ...", "Projet")."""
    if not text:
        return None
    text = clean(text)
    m = _numbered(text)
    if m and m.group("name") and card_part_role(m.group("label")) in TITLE_ROLES:
        return m.group("code"), m.group("name").strip(" :.-–—"), m.group("label").strip()
    m = TITLE.match(text)
    if m and (m.group("code") or card_part_role(m.group("label")) == "title") and not CAPTION.match(fold(text)):
        return m.group("code"), m.group("name").strip(), m.group("label").strip()
    if CAPTION.match(fold(text)):
        return None, _caption_name(text), None
    return None, text, None


def _names_a_programme(title: tuple[str | None, str, str | None] | None) -> bool:
    """A title with a label that is not a sector's or theme's ("Programme 2: ...", "Action 1: ...",
    "Projet 3 : ..."; not "Secteur 1. Agriculture", "Table 14: ...", a bare "Tourisme")."""
    return title is not None and bool(title[2]) and not SECTOR_LABEL.match(fold(title[2] or ""))


def _names_a_sector(title: tuple[str | None, str, str | None] | None) -> bool:
    """A bare banner of a few words without a label or code that is no action or measurement
    ("Tourisme", "Ressources en eau"): a sector's or theme's name, not an objective or a title."""
    if title is None or title[0] or title[2]:
        return False
    return 1 <= len(title[1].split()) <= 4 and cell_kind(title[1]) == "text"


def _caption_name(text: str) -> str:
    m = CAPTION.match(fold(text))
    return text[m.end() - 1:].strip(" :.-–—") if m else text


def read_cards(pages: list[PageLayout], context: Context) -> tuple[list[Card], set[int]]:
    """The document's cards, and the pages they were read from."""
    full = [page for page in pages if page.full]
    grids = {page.number: find_ruled_grids(page, context.settings) for page in full}
    # Labels a card template prints on every card are labels, whatever their words.
    labels = template_labels([g for found in grids.values() for g in found if not blank_form(g)]) \
        | unruled_template_labels([page for page in full if not grids[page.number]])
    reader = CardReader(labels=labels, grids=grids)
    for page in full:
        reader.read_page(page, context.settings)
    found = reader.finish()
    settle_unknown_labels(found)  # unknown labels read over all the cards, as a table's columns are
    return found, reader.claimed


class CardStrategy:
    """Action cards and programme sheets (one two-column card per sector, programme or action)."""

    method = METHOD

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        cards, claimed = read_cards(pages, context)
        builder = CardBuilder(vocab=context.vocab or EMPTY_VOCAB, acronyms=context.acronyms,  # type: ignore[arg-type]
                              country=context.country)
        for card in cards:
            builder.build(card)
        context.claimed |= {n for c in cards for n in c.pages} & claimed
        return Extraction(pillars=builder.pillars, goals=[g for g in builder.goals if g.text or g.outputs])
