"""Page triage: read every page cheaply with PDFium, and pick the pages a table may be on.

Most pages of a plan are prose. Every page is first read by PDFium (``pypdfium2``, a pdfplumber
dependency) into a *text page*: words with positions, sizes and weight, in a few milliseconds, but
no ruling edges. Pages that may hold a table (a header row naming two column roles, a page printed
rotated, the continuation of a table from the page before, a list of acronyms, a report's figures)
are then read in full (``pipeline.pdf.pdfium_reader``): characters built into words as pdfplumber
builds them, and the ruling lines the table extractors need.

Text pages serve the prose readers (metadata, acronyms in running text, narrative goals, report
sections); the table extractors only see fully read pages.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import InputError
from pipeline.pdf.deadline import check_deadline
from pipeline.pdf.lines import group_lines
from pipeline.pdf.model import (
    BOLD_MARKERS,
    LIGATURES,
    WORD_SIZE,
    WORD_TEXT,
    Line,
    PageLayout,
    Word,
    compiled_lines,
)
from pipeline.pdf.pdfium_bulk import LINE_END_HYPHENS, text_style, text_words
from pipeline.pdf.pdfium_reader import (
    object_type,
    page_object,
    page_object_count,
    page_text,
    read_full_page,
)
from pipeline.settings import (
    DEFAULT_SETTINGS,
    ExtractionSettings,
    Limits,
    current_limits,
    limit_exceeded,
)
from pipeline.text.fold import fold
from pipeline.text.vocabulary import (
    CARD_RECORD_ROLES,
    card_part_role,
    cover_names_report,
    header_role,
    names_logframe,
    strip_level_label,
)

# pdfplumber's ligature expansion, so that both readers spell words alike; PDFium marks a hyphen it
# sees at a line end as U+0002 or U+FFFE (pdfium_bulk.LINE_END_HYPHENS), where pdfminer gives the
# hyphen itself.
_NORMALISE = str.maketrans({**LIGATURES, **dict.fromkeys(LINE_END_HYPHENS, "-")})
_NEEDS_NORMALISING = re.compile("[" + "".join(LIGATURES) + "".join(LINE_END_HYPHENS) + "]")
_ACRONYM_TITLE = re.compile(
    r"^(list of )?(acronyms|abbreviations|abreviations|acronymes|sigles|acronimos|siglas|abreviaturas)\b"
)
# An e-mail address within a word ("name@agency.org").
_EMAIL = re.compile(r"\w@\w[\w-]*\.\w")
# PDFium's text page holds at most this many characters (a page of a plan holds a few thousand).
PDFIUM_MAX_CHARS = 32767


@dataclass
class PageSurvey:
    """What the cheap pass saw on one page, and why it was (or was not) read in full."""

    number: int
    chars: int
    paths: int | None  # path objects, up to ExtractionSettings.ruled_paths; None when the decision could not use them
    rotated: bool
    header_roles: frozenset[str]
    tabular_share: float
    table_rows: int  # lines split into three or more cells
    acronym_list: bool
    # Kinds of action-card parts named at line starts ("Objectif :", "Indicators"); negative when no
    # label stands beside its value and no sheet is named (labelled prose, unless a card goes on).
    card_parts: int = 0
    # Columns of text side by side: left edges, far apart, each starting text on several lines
    # (``text_columns``); a table's columns whatever its header words (``looks_like_table``).
    columns: int = 0
    # E-mail addresses on the page: a table of them is a directory of contacts, not a results table.
    addresses: int = 0
    # Titles beside lists in two columns (``titles_beside_lists``): a table whatever its header words.
    lists_beside: bool = False
    # A line opens with a numbered sheet's title ("Priority Action No. 7", "Projet 6 :"): a card's
    # page whatever its labels' words (``sheet_titled``).
    sheet_title: bool = False
    # Lines opening with a level's label and its number ("SO 3: ...", "Outcome 1.2 - ..."): the
    # entries of a results table whatever its header words (``labelled_levels``).
    labelled: int = 0
    full: bool = False
    reason: str | None = None


def _font_is_bold(textpage: pdfium_c.FPDF_TEXTPAGE, index: int, buf: ctypes.Array) -> bool:
    n = pdfium_c.FPDFText_GetFontInfo(textpage, index, buf, len(buf), None)
    name = bytes(buf[: max(n - 1, 0)]).decode("latin-1").lower() if n else ""
    if any(m in name for m in BOLD_MARKERS):
        return True
    return pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600


def style_reader(raw: pdfium_c.FPDF_TEXTPAGE) -> Callable[[int], tuple[bool, float, bool]]:
    """``style_of(index)``: (turned, size, bold) of the text object of a character of this text
    page (``pdfium_bulk.text_style``: one call for PDFium's three reads); fonts' boldness is looked
    up once per (size, weight)."""
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    fontbuf = (ctypes.c_ubyte * 128)()
    bold_cache: dict[tuple[float, int], bool] = {}

    def style_of(index: int) -> tuple[bool, float, bool]:
        turned, size, weight = text_style(handle, index)
        key = (round(size, 1), weight)
        bold = bold_cache.get(key)
        if bold is None:
            bold = bold_cache[key] = _font_is_bold(raw, index, fontbuf)
        return turned, size, bold

    return style_of


def text_page_words(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list[Word], int, int]:
    """Words of an upright page from PDFium, in pdfminer's geometry; also the page's visible
    characters and how many of them are rotated.

    A word's box spans its first and last characters' loose boxes (font ascent to descent, as
    pdfminer's are); its size is the font size times the text matrix's vertical scale, which is
    what pdfminer calls a character's size. Rotated characters are counted, not read.
    """
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    height = page.get_height()
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return [], 0, 0
    text = page_text(textpage, n)
    table = _NORMALISE if _NEEDS_NORMALISING.search(text) is not None else None
    return text_words(handle, text, height, style_reader(raw), table)


def _count_paths(page: pdfium.PdfPage, limit: int) -> int:
    """Path objects (lines, rectangles) on the page, counted up to ``limit``."""
    count = 0
    raw = ctypes.cast(page.raw, ctypes.c_void_p).value
    for i in range(page_object_count(raw)):
        if object_type(page_object(raw, i)) == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
            if count >= limit:
                break
    return count


def _cell_gap(words: list[Word]) -> float:
    """A gap between words wider than about two spaces of the page's median size: a cell boundary."""
    sizes = sorted(map(WORD_SIZE, words))
    return 1.2 * ((sizes[len(sizes) // 2] if sizes else 0.0) or 10.0)


def _cells(words: list[Word], lines: list[Line], gap: float) -> list[list[str]]:
    """Each visual line split into cells at gaps wider than ``gap`` (``py_line_cells``, by its
    compiled half in ``pipeline/pdf/_lines.c`` when that was built)."""
    if not words:
        return []
    cells = None if compiled_lines is None else compiled_lines.line_cells(lines, gap, Word)
    return py_line_cells(lines, gap) if cells is None else cells


def py_line_cells(lines: list[Line], gap: float) -> list[list[str]]:
    """Each line's words split where the next word's x0 is over ``gap`` past a word's x1, each
    part's texts joined by spaces: ``split_line_at_gaps``'s parts' texts, without a Line per part
    (this runs over every page)."""
    cells = []
    for line in lines:
        ws = line.words
        texts = list(map(WORD_TEXT, ws))
        cuts = [k for k, (a, b) in enumerate(zip(ws, ws[1:]), 1) if b[1] - a[3] > gap]  # x0 - x1
        if not cuts:
            cells.append([" ".join(texts)])
            continue
        bounds = [0, *cuts, len(ws)]
        cells.append([" ".join(texts[i:j]) for i, j in zip(bounds, bounds[1:])])
    return cells


def _runs(lines: list[Line], gap: float) -> Iterator[Word]:
    """The first word of each run of words: a line's first, and each after a gap wider than ``gap``."""
    for line in lines:
        ws = line.words
        for k, w in enumerate(ws):
            if k == 0 or w[1] - ws[k - 1][3] > gap:  # x0 - the previous word's x1
                yield w


def text_columns(lines: list[Line], gap: float, width: float, min_lines: int = 3) -> int:
    """How many columns of text stand side by side on the page: left edges of text (a line's start,
    or a part of a line after a gap wider than ``gap``) where ``min_lines`` lines start text, at
    least a tenth of the page's ``width`` apart. Prose has one (its margin, a bullet's indent within
    a tenth of the page of it); a table has one per column, even where its cells wrap so that few
    lines hold two cells side by side."""
    starts: dict[int, int] = {}
    for w in _runs(lines, gap):
        key = round(w[1] / 4)
        starts[key] = starts.get(key, 0) + 1
    edges = sorted(4 * key for key, n in starts.items() if n >= min_lines)
    columns, last = 0, None
    for x in edges:
        if last is None or x - last >= 0.1 * width:
            columns += 1
            last = x
    return columns


# Glyphs that open a list's item, dashes among them (an item opened by a dash is also one).
_ITEM_GLYPH = re.compile("^[-–•●○◦▪▫■□‣⁃∙➢➤►▶✓✔❖◆◇→\uf000-\uf0ff]")


def titles_beside_lists(lines: list[Line], gap: float, width: float, min_items: int = 4) -> bool:
    """A two-column table of titles beside lists ("1. Développement d'infrastructures ..." |
    "• Promotion des ... • Réalisation des ..."), whatever its header words: ``min_items`` list
    items or more start at one left edge right of the page's text, titles start left of it on the
    line of an item twice at least, and the left column holds fewer lines than half the right one's
    (two columns of prose hold about as many lines each)."""
    segments = [(w[1], w[2], w[0]) for w in _runs(lines, gap)]  # (x0, top, first word) of each run
    if not segments:
        return False
    left_edge = min(x for x, _, _ in segments)
    items: dict[int, list[float]] = {}
    for x, top, text in segments:
        if x > left_edge + 0.12 * width and _ITEM_GLYPH.match(text):
            items.setdefault(round(x / 4), []).append(top)
    if not items:
        return False
    key, tops = max(items.items(), key=lambda kv: len(kv[1]))
    tops += [t for k, ts in items.items() if abs(k - key) == 1 for t in ts]
    if len(tops) < min_items:
        return False
    edge = 4 * key - 4
    left = [(x, top) for x, top, _ in segments if x < edge - 0.1 * width]
    right = sum(1 for x, _, _ in segments if x >= edge - 6)
    beside = sum(1 for _, top in left if any(abs(top - t) <= 2 for t in tops))
    return beside >= 1 and 2 * len(left) < right


def _header_roles(lines: list[list[str]]) -> frozenset[str]:
    """The most column roles named by a band of up to three lines (headers wrap over lines)."""
    per_line = []
    for cells in lines:
        # header_role refuses cells over 60 characters; skipping them here saves folding prose.
        roles = {header_role(c)[0] for c in cells if len(c) <= 60} - {None}
        per_line.append(roles)
    best: set[str] = set()
    for i in range(len(per_line)):
        band = set().union(*per_line[i:i + 3])
        if len(band) > len(best):
            best = band
    return frozenset(best)  # type: ignore[arg-type]


def survey_page(number: int, page: pdfium.PdfPage, words: list[Word], word_lines: list[Line], chars: int,
                rotated_chars: int, count_paths: bool = True,
                settings: ExtractionSettings = DEFAULT_SETTINGS) -> PageSurvey:
    """What the cheap pass sees on a page, from its words grouped in lines (``group_lines``).
    ``count_paths``: whether ``decide`` may look at the drawn paths (in a report, or after a page
    read in full); counting them walks every object of the page."""
    gap = _cell_gap(words)
    lines = _cells(words, word_lines, gap)
    multi = sum(1 for cells in lines if len(cells) >= 2)
    card_parts = _card_parts(lines, _bold_label_roles(word_lines))
    head = [fold(" ".join(c)) for c in lines[:6]]
    columns = text_columns(word_lines, gap, page.get_width()) if words else 0
    titled = sheet_titled(lines)
    labelled = labelled_levels(lines)
    # Paths are counted where text stands in columns too, for ``looks_like_table``: walking the
    # objects of every page would cost the prose pages for nothing.
    return PageSurvey(
        number=number,
        chars=chars,
        paths=_count_paths(page, settings.ruled_paths) if count_paths or columns >= 3 or titled
        or labelled >= settings.labelled_levels else None,
        # /Rotate too: the text page's words are in the page's own (unturned) coordinates.
        rotated=rotated_chars > settings.rotated_share * max(chars, 1) or page.get_rotation() % 360 != 0,
        header_roles=_header_roles(lines),
        tabular_share=multi / len(lines) if lines else 0.0,
        table_rows=sum(1 for cells in lines if len(cells) >= 3),
        acronym_list=any(_ACRONYM_TITLE.match(h) for h in head),
        card_parts=card_parts,
        columns=columns,
        addresses=sum(1 for w in words if _EMAIL.search(w.text)) if columns >= 3 else 0,
        lists_beside=titles_beside_lists(word_lines, gap, page.get_width()) if words else False,
        sheet_title=titled,
        labelled=labelled,
    )


def labelled_levels(lines: list[list[str]]) -> int:
    """How many cells open with a level's label and its number ("SO 1: Restore ...", "Outcome 2 -
    ..."; ``strip_level_label``): the entries of a results table say their level in their cells,
    whatever its header calls the column."""
    return sum(1 for cells in lines for c in cells if strip_level_label(c)[1] is not None)


# "Programme 2 :", "Projet n° 1 :", "PROGRAMME NATIONAL 4 :": a sheet's numbered title.
_NUMBERED_SHEET = re.compile(r"^[^\W\d][^\d:]{1,40}?\s*(?:n\s*[°o]\.?\s*)?\d+(?:\.\d+)*\s*(?::|$)", re.IGNORECASE)


def _bold_label_roles(lines: list[Line]) -> set[str]:
    """Card parts named by a bold label run in before its value in regular type, closer than a cell
    gap ("Overall objective  Increase the capacity ..." in a sheet whose label column is set flush
    right against the values)."""
    roles = set()
    for line in lines:
        words = line.words
        n = next((k for k, w in enumerate(words) if not w.bold), 0)  # the first word in regular type
        if 0 < n <= 6:
            role = card_part_role(" ".join(w.text for w in words[:n]))
            if role in CARD_RECORD_ROLES:
                roles.add(role)
    return roles


def _card_parts(lines: list[list[str]], bold_roles: set[str] = frozenset()) -> int:  # type: ignore[assignment]
    """How many kinds of card parts the page's lines start with: a card's label is a line's first cell
    ("Indicators", "Responsible") or what comes before its colon ("Chef de file : ..."). Prose under
    labelled headings ("Indicators:", "Lead: ...") is the narrative strategy's: the labels count only
    where one stands beside its value (a cell of its own on its line) or the page names its sheets
    ("Programme 2 : ...", "Projet n° 1 :", ``card_part_role``'s titles)."""
    roles = set()
    beside = titled = False
    for cells in lines:
        first = cells[0]
        role = card_part_role(first) if len(first) <= 60 else None
        if role is not None and len(cells) >= 2:
            beside = beside or role in CARD_RECORD_ROLES or role == "title"
        titled = titled or (role == "title" and bool(_NUMBERED_SHEET.match(first)))
        if role is None and 0 < first.find(":") <= 60:
            role = card_part_role(first[:first.find(":")])
            titled = titled or (role == "title" and bool(_NUMBERED_SHEET.match(first)))
        roles.add(role)
    # Two kinds of parts with bold labels beside their values: a sheet, as labels in cells of their own.
    beside = beside or len(bold_roles) >= 2
    kinds = len((roles | bold_roles) & CARD_RECORD_ROLES)
    return kinds if beside or titled else -kinds  # negative: labels over prose, unless a card goes on


def sheet_titled(lines: list[list[str]]) -> bool:
    """A line whose first cell numbers a sheet by a word that titles cards ("Priority Action No. 7",
    "Projet n° 6 : ...", ``card_part_role``'s titles), alone on its line or before a colon."""
    for cells in lines:
        first = cells[0]
        if len(first) <= 60 and _NUMBERED_SHEET.match(first) and card_part_role(first) == "title":
            return True
    return False


def is_table_header(roles: frozenset[str]) -> bool:
    """Roles enough for a results framework's header, or for a table of indicators (a report's)."""
    return names_logframe(roles) or ("indicator" in roles and len(roles) >= 2)


def looks_like_table(s: PageSurvey, settings: ExtractionSettings = DEFAULT_SETTINGS) -> bool:
    """A table by its layout alone, whatever its header words: text in three or more columns, lines
    split into three or more cells (``settings.report_table_rows`` of them) and the lines of a grid
    (``settings.table_paths`` paths). A results table has an action, who does it and when; two
    columns side by side are as often a table of terms or of actors and duties, and a table of
    e-mail addresses is a directory of contacts. A plan whose headers
    naplog does not know still gets its table pages read in full, and the table extractors then
    read its columns from what they hold (extractors.content_roles)."""
    return (s.columns >= 3 and s.table_rows >= settings.report_table_rows and s.addresses < 3
            and s.paths is not None and s.paths >= settings.table_paths)


def _declined(s: PageSurvey, settings: ExtractionSettings = DEFAULT_SETTINGS) -> bool:
    """The page looked like a table and was not read in full (``unknown_table``)."""
    return not s.full and looks_like_table(s, settings)


def _card_page(s: PageSurvey) -> bool:
    """Read in full as a card page, or for a header that also has two kinds of card parts (a sheet
    titled by its sector: "Secteur | Actions à court terme ...")."""
    return s.reason == "card parts" or (s.full and s.card_parts >= 2)


def unknown_table(s: PageSurvey, previous_declined: bool, settings: ExtractionSettings = DEFAULT_SETTINGS) -> bool:
    """A table by its layout whose words naplog cannot judge: they name at most one role naplog
    knows (one cell of the body may name one by chance; row numbers, "code", name none). Words
    that name two roles or more, not those of a results framework (``is_table_header``), say the
    table is another kind (hazards by sector and region, amounts by source): the header decides
    when it is known, the content when it is not. ``previous_declined``: the page before looked
    like a table and was not read in full; a page that looks like one too and names no role is that
    table going on, its header not repeated."""
    return (looks_like_table(s, settings) and len(_kind_roles(s)) < 2
            and not (previous_declined and not s.header_roles))


# Roles any kind of table has: a column of row numbers says nothing of what the table is.
_ANY_TABLE_ROLES = frozenset({"code"})


def _kind_roles(s: PageSurvey) -> frozenset[str]:
    """The header roles that say what kind of table a page holds."""
    return s.header_roles - _ANY_TABLE_ROLES


def decide(s: PageSurvey, previous_full: bool, always: set[int], report: bool,
           settings: ExtractionSettings = DEFAULT_SETTINGS, previous_card: bool = False,
           previous_declined: bool = False) -> None:
    """Mark whether pdfplumber-grade reading is needed for this page, with the reason (kept on the
    survey for benchmarks). ``previous_full``: the page before was read in full for a table;
    ``previous_card``: for an action card (a card goes on where one of its labels is);
    ``previous_declined``: the page before looked like a table and was not read (``unknown_table``).

    A report's tables measure indicators under headers of their own ("Femmes | Hommes | %"), so in
    a report every page that looks like a table is read in full.
    """
    if s.number in always:
        s.full, s.reason = True, "cover"
    elif is_table_header(s.header_roles):
        s.full, s.reason = True, "table header"
    elif s.rotated:
        s.full, s.reason = True, "rotated page"
    elif s.card_parts >= 2 or (abs(s.card_parts) >= 1 and previous_card):
        # Action cards and programme sheets: no header row, but part labels down the left column (one
        # is enough on the page after a card page: the card goes on).
        s.full, s.reason = True, "card parts"
    elif s.acronym_list:
        s.full, s.reason = True, "acronym list"
    elif unknown_table(s, previous_declined, settings):
        s.full, s.reason = True, "table layout"
    elif s.sheet_title and s.paths is not None and s.paths >= settings.table_paths:
        # A numbered sheet's title over a drawn grid: an action card or programme sheet, whatever
        # its labels' words (they are unknown when the parts are not counted above).
        s.full, s.reason = True, "sheet title"
    elif s.labelled >= settings.labelled_levels and s.paths is not None and s.paths >= settings.table_paths:
        # Numbered levels' labels over a drawn grid ("SO 1: ...", "SO 2: ..." under a sector's row):
        # a results table whatever its header words; prose that numbers its objectives has no grid.
        s.full, s.reason = True, "labelled levels"
    elif s.lists_beside and len(_kind_roles(s)) < 2:
        # Two columns only, no grid counted: titles beside their lists (a table of options and
        # measures) are a table by their layout, whatever the header's words.
        s.full, s.reason = True, "titles beside lists"
    elif report and (s.table_rows >= settings.report_table_rows or s.tabular_share >= settings.tabular_share
                     or s.paths >= settings.ruled_paths):
        s.full, s.reason = True, "report table"
    elif previous_full and (s.tabular_share >= settings.tabular_share or s.paths >= settings.ruled_paths):
        # A table continued from the page before, its header not repeated.
        s.full, s.reason = True, "continued table"


def text_layout(number: int, page: pdfium.PdfPage, words: list[Word], lines: list[Line] | None = None) -> PageLayout:
    """A page as its text-page words; ``lines``: those words' ``group_lines``, kept for the prose
    readers (``extractors.tables.page_lines``)."""
    width, height = page.get_size()
    layout = PageLayout(number, width, height, words, [], 0, width, height, full=False)
    if lines is not None:
        layout._lines = (words, lines)
    return layout


def _check_chars(path: Path | str, number: int, textpage: pdfium.PdfTextPage, limits: Limits) -> None:
    """The character limit, before a page's characters are read one by one."""
    n = pdfium_c.FPDFText_CountChars(textpage.raw)
    if limit_exceeded(n, limits.max_page_chars):
        raise InputError(path, f"page {number} has {n} characters, more than the limit of "
                               f"{limits.describe('max_page_chars')} per page")


def _bound_cells(layout: PageLayout, limits: Limits, warnings: list[str]) -> PageLayout:
    """The page without its ruling lines when they could make more cells than ``max_page_cells``
    (distinct horizontal times vertical positions): the table finders' work grows with the cells,
    and a 1,000 x 1,000 grid (11.7 kB of file) held a worker 521 s. Its words are kept."""
    if not limits.max_page_cells or not layout.edges:
        return layout
    rows = {round(e[2]) for e in layout.edges if e[0] == "h"}  # Edge: (orientation, x0, top, x1, bottom)
    columns = {round(e[1]) for e in layout.edges if e[0] == "v"}
    if limit_exceeded(len(rows) * len(columns), limits.max_page_cells):
        warnings.append(f"page {layout.number}: its ruling lines make {len(rows)} x {len(columns)} cells, more than "
                        f"the limit of {limits.describe('max_page_cells')} per page; they were ignored and the "
                        f"page read as text")
        layout.edges = []
    return layout


def triage_pdf(path: Path | str, always: set[int] = frozenset({1, 2}), settings: ExtractionSettings = DEFAULT_SETTINGS,
               *, only: set[int] | None = None, read_all: bool = False, limits: Limits | None = None,
               warnings: list[str] | None = None) -> tuple[list[PageSurvey], list[PageLayout]]:
    """Every page read by PDFium: surveyed, and read in full (``pipeline.pdf.pdfium_reader``) where
    the survey says a table may be, or everywhere with ``read_all``; a text page otherwise.

    With ``only``, just those pages (1-based) are returned, each read in full. A page that cannot
    be read is left out and the others are read; ``warnings`` gets a line for it, and for a page
    whose ruling lines were ignored (``_bound_cells``).
    """
    warnings = [] if warnings is None else warnings
    limits = limits or current_limits()
    surveys: list[PageSurvey] = []
    layouts: list[PageLayout] = []
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        # pdfminer's account of what is wrong is the one a full read gives; PDFium's otherwise.
        # (Deferred, as below: pdfminer is imported only for the rare page PDFium cannot read.)
        from pipeline.pdf.pdfplumber_reader import open_pdf

        open_pdf(path).close()
        raise InputError(path, f"the PDF cannot be read ({exc})") from None
    report = False
    previous_full = False
    try:
        for i in range(len(doc)):
            number = i + 1
            if only is not None and number not in only:
                continue
            check_deadline()
            if limit_exceeded(number, limits.max_pages):
                raise InputError(path, f"the PDF has more than {limits.describe('max_pages')} pages; it was not read")
            try:
                page = doc[i]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:
                # One damaged page must not cost the document: the others are read, the page is named.
                warnings.append(f"page {number} cannot be read ({exc}): it was left out, the other pages were read")
                continue
            try:
                words, chars, rotated = text_page_words(page, textpage)
                lines = group_lines(words)
                survey = survey_page(number, page, words, lines, chars, rotated, count_paths=report or previous_full,
                                     settings=settings)
                decide(survey, previous_full, set(always), report, settings,
                       previous_card=previous_full and bool(surveys) and _card_page(surveys[-1]),
                       previous_declined=bool(surveys) and _declined(surveys[-1], settings))
                if read_all or only is not None:
                    survey.full, survey.reason = True, survey.reason or "asked"
                surveys.append(survey)
                if pdfium_c.FPDFText_CountChars(textpage.raw) >= PDFIUM_MAX_CHARS:
                    # PDFium's text stops there: pdfplumber checks the page against the limit
                    # and, when it is allowed, reads all of it. (Deferred: pdfminer is slow to
                    # import and almost no page needs it.)
                    from pipeline.pdf.pdfplumber_reader import iter_pages

                    survey.full, survey.reason = True, "over PDFium's text limit"
                    layouts.append(next(iter_pages(path, settings, {number}, limits)))
                elif survey.full:
                    _check_chars(path, number, textpage, limits)
                    layouts.append(_bound_cells(read_full_page(number, page, textpage, settings), limits, warnings))
                else:
                    layouts.append(text_layout(number, page, words, lines))
            finally:
                textpage.close()
                page.close()
            previous_full = survey.full and survey.reason != "cover"
            if number == 1:
                # The cover says what a document is, as pipeline.extract.describe reads it.
                report = cover_names_report(layouts[0].text()[:800])
    finally:
        doc.close()
    return surveys, layouts
