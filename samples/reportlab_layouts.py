"""Generate realistic NAP-like sample PDFs (and their expected records) with reportlab.

Every sample is drawn from the same Python data structures that produce its
``<name>.expected.json`` file, so text, codes and structure cannot drift apart.
Page numbers in the expected records are the pages on which reportlab actually
placed each row: the tables are laid out by a small canvas table engine that
paginates itself and records the page of every row it places.

Samples
-------
en_ruled_repeated_header  English, portrait A4, full grid, goal banners + header repeated
                          on every page, one activity row split over a page break,
                          grouped "Implementation Year" header with x marks, acronym list.
es_unruled_landscape      Spanish, landscape A4, no ruling at all, header only on the first
                          table page, "Eje" pillar banners, "Objetivo estratégico" goal lines,
                          a)/b) activities in one cell, budgets "150.000" / "USD 75.000".
en_rotated_tight          English, landscape matrix printed rotated on portrait pages (one page
                          rotated with the canvas, one with the page /Rotate attribute), no goal
                          level, tight word spacing, end-of-line hyphenation, "ﬁ" ligatures.
en_no_logframe            Negative sample: progress report with TOC, abbreviations, statistics
                          tables and narrative; no results framework.

Run ``python samples/reportlab_layouts.py`` to (re)build everything next to this script.
Output is deterministic (``invariant=1``): rebuilding gives identical bytes.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
from dataclasses import dataclass, field
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

PORTRAIT = A4  # (595.27, 841.89)
LANDSCAPE = landscape(A4)

# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------

_DEJAVU_DIR = pathlib.Path("/usr/share/fonts/truetype/dejavu")
HAVE_DEJAVU = (_DEJAVU_DIR / "DejaVuSans.ttf").exists() and (_DEJAVU_DIR / "DejaVuSans-Bold.ttf").exists()
if HAVE_DEJAVU:
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(_DEJAVU_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(_DEJAVU_DIR / "DejaVuSans-Bold.ttf")))
    TTF_REGULAR, TTF_BOLD = "DejaVuSans", "DejaVuSans-Bold"
else:  # pragma: no cover - fallback when DejaVu is missing
    TTF_REGULAR, TTF_BOLD = "Helvetica", "Helvetica-Bold"

SOFT_HYPHEN = "\u00ad"  # in the data: a word that may be broken (printed as "gover-" / "nance")
LIG_FI = "\ufb01" if HAVE_DEJAVU else "fi"  # ligature glyph; plain "fi" when no TTF has it


def norm(text: str) -> str:
    """Text as an ideal extractor must return it (soft hyphens removed, ligatures expanded)."""
    text = text.replace(SOFT_HYPHEN, "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"\s+", " ", text).strip()


def sw(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


# ---------------------------------------------------------------------------
# Text wrapping inside cells
# ---------------------------------------------------------------------------

TIGHT_GAP = 0.9  # pt between words in "tight" cells (< pdfplumber's default x_tolerance of 3)
BULLET_INDENT = 7.5


@dataclass
class Para:
    text: str
    bullet: str | None = None
    bold: bool = False
    center: bool = False


@dataclass
class Cell:
    paras: list[Para]
    align: str = "left"  # left | center | right
    tight: bool = False


@dataclass
class Line:
    text: str
    indent: float = 0.0
    bullet: str | None = None
    bold: bool = False


GAP = None  # marker for the half-line gap between paragraphs


def _line_width(words: list[str], font: str, size: float, tight: bool) -> float:
    if not words:
        return 0.0
    if tight:
        return sum(sw(w, font, size) for w in words) + TIGHT_GAP * (len(words) - 1)
    return sw(" ".join(words), font, size)


def wrap_text(text: str, width: float, font: str, size: float, tight: bool = False) -> list[str]:
    """Greedy word wrap; soft hyphens and hard hyphens may break a word at a line end."""
    lines: list[str] = []
    cur: list[str] = []
    for word in text.split():
        plain = word.replace(SOFT_HYPHEN, "")
        if _line_width(cur + [plain], font, size, tight) <= width:
            cur.append(plain)
            continue
        # try to break the word itself at a soft or hard hyphen
        broke = False
        if SOFT_HYPHEN in word:
            head, tail = word.split(SOFT_HYPHEN, 1)
            if _line_width(cur + [head + "-"], font, size, tight) <= width:
                lines.append(" ".join(cur + [head + "-"]))
                cur = [tail.replace(SOFT_HYPHEN, "")]
                broke = True
        elif "-" in plain.strip("-"):
            idx = plain.index("-", 1)
            head, tail = plain[: idx + 1], plain[idx + 1 :]
            if tail and _line_width(cur + [head], font, size, tight) <= width:
                lines.append(" ".join(cur + [head]))
                cur = [tail]
                broke = True
        if not broke:
            if cur:
                lines.append(" ".join(cur))
            cur = [plain]
    if cur:
        lines.append(" ".join(cur))
    return lines


def wrap_cell(cell: Cell, width: float, font: str, bold_font: str, size: float) -> list:
    out: list = []
    for i, p in enumerate(cell.paras):
        if i:
            out.append(GAP)
        f = bold_font if p.bold else font
        if p.bullet:
            texts = wrap_text(p.text, width - BULLET_INDENT, f, size, cell.tight)
            for j, t in enumerate(texts):
                out.append(Line(t, BULLET_INDENT, p.bullet if j == 0 else None, p.bold))
        else:
            for t in wrap_text(p.text, width, f, size, cell.tight):
                out.append(Line(t, 0.0, None, p.bold))
    return out


# ---------------------------------------------------------------------------
# Page handling (portrait, landscape, landscape rotated on portrait pages)
# ---------------------------------------------------------------------------


class Pager:
    """Opens pages on a canvas; drawing always happens in 'logical' page coordinates."""

    def __init__(self, c: rl_canvas.Canvas, footer: Callable[["Pager"], None] | None = None):
        self.c = c
        self.footer = footer
        self.open = False
        self.width = self.height = 0.0
        self.mode = "portrait"

    @property
    def page(self) -> int:
        return self.c.getPageNumber()

    def new_page(self, mode: str = "portrait") -> None:
        if self.open:
            self.finish_page()
        c = self.c
        self.mode = mode
        if mode == "portrait":
            c.setPageSize(PORTRAIT)
            c.setPageRotation(0)
            self.width, self.height = PORTRAIT
        elif mode == "landscape":
            c.setPageSize(LANDSCAPE)
            c.setPageRotation(0)
            self.width, self.height = LANDSCAPE
        elif mode == "rot_canvas":
            # portrait media box, landscape content drawn rotated 90 deg counter-clockwise
            c.setPageSize(PORTRAIT)
            c.setPageRotation(0)
            c.saveState()
            c.translate(PORTRAIT[0], 0)
            c.rotate(90)
            self.width, self.height = LANDSCAPE
        elif mode == "rot_attr":
            # landscape media box drawn normally, page carries /Rotate 90 (shown portrait).
            # reportlab swaps width/height of the MediaBox when /Rotate is 90 or 270, so the
            # portrait size given here ends up as a landscape MediaBox [0 0 842 595].
            c.setPageSize(PORTRAIT)
            c.setPageRotation(90)
            self.width, self.height = LANDSCAPE
        else:
            raise ValueError(mode)
        self.open = True

    def save(self) -> None:
        self.finish_page()
        self.c.save()

    def finish_page(self) -> None:
        if not self.open:
            return
        if self.footer:
            self.footer(self)
        if self.mode == "rot_canvas":
            self.c.restoreState()
        self.c.showPage()
        self.open = False


# ---------------------------------------------------------------------------
# A small canvas table engine with its own pagination
# ---------------------------------------------------------------------------


@dataclass
class HeaderCell:
    r0: int
    r1: int
    c0: int
    c1: int
    lines: list[str]
    align: str | None = None  # None: centred over spanning/narrow columns, else left


@dataclass
class Banner:
    text: str
    rid: str | None = None
    size: float = 9.0
    fill: object = None
    header_after: bool = False  # draw the column header right below this banner
    repeat: bool = False  # repeat at the top of following pages while its section continues
    keep_next: bool = True
    space_before: float = 0.0


@dataclass
class DataRow:
    cells: dict[int, Cell]
    rid: str | None = None
    group: str | None = None  # rows of one group share the span column
    splittable: bool = False
    split_cols: tuple[int, ...] = ()
    space_before: float = 0.0


@dataclass
class TableCfg:
    col_widths: list[float]
    x0: float
    header: list[HeaderCell]
    header_rows: int
    font: str = "Helvetica"
    bold_font: str = "Helvetica-Bold"
    size: float = 7.5
    leading: float = 9.0
    pad: float = 3.0
    rules: str = "grid"  # grid | hlines | none
    header_policy: str = "every_page"  # every_page | first_only
    header_fill: object = None
    span_col: int | None = None  # column drawn once per group (output column)
    top_margin: float = 40.0
    bottom_margin: float = 50.0
    page_mode: str = "portrait"
    min_split_lines: int = 4
    line_width: float = 0.5


class TableEngine:
    def __init__(self, pager: Pager, cfg: TableCfg, page_top: Callable[[Pager, bool], float] | None = None):
        self.p = pager
        self.cfg = cfg
        self.page_top = page_top  # draws page title etc., returns y where the table starts
        self.pages: dict[str, int] = {}
        self.splits: list[tuple[str, int, int]] = []
        self.log: list[tuple] = []
        self.y = 0.0
        self.table_pages = 0
        self.current_repeat: Banner | None = None
        self.group_on_page: str | None = None
        self.header_drawn_on_page = False
        self.col_x = [cfg.x0]
        for w in cfg.col_widths:
            self.col_x.append(self.col_x[-1] + w)
        self.total_w = sum(cfg.col_widths)

    # --- measuring -------------------------------------------------------
    def cell_lines(self, row: DataRow, ci: int) -> list:
        cell = row.cells.get(ci)
        if not cell:
            return []
        cfg = self.cfg
        return wrap_cell(cell, cfg.col_widths[ci] - 2 * cfg.pad, cfg.font, cfg.bold_font, cfg.size)

    def lines_height(self, lines: list) -> float:
        h = 0.0
        for ln in lines:
            h += self.cfg.leading * (0.5 if ln is GAP else 1.0)
        return h

    def row_height(self, row: DataRow, wrapped: dict[int, list] | None = None) -> float:
        wrapped = wrapped or {ci: self.cell_lines(row, ci) for ci in row.cells}
        content = max([self.lines_height(v) for v in wrapped.values()] + [self.cfg.leading])
        return content + 2 * self.cfg.pad + row.space_before

    def banner_lines(self, b: Banner) -> list[str]:
        return wrap_text(b.text, self.total_w - 2 * self.cfg.pad - 2, self.cfg.bold_font, b.size)

    def banner_height(self, b: Banner) -> float:
        return len(self.banner_lines(b)) * b.size * 1.2 + 2 * self.cfg.pad + 1 + b.space_before

    def header_row_heights(self) -> list[float]:
        cfg = self.cfg
        hs = [0.0] * cfg.header_rows
        for hc in cfg.header:
            need = len(hc.lines) * cfg.leading + 2 * cfg.pad
            if hc.r0 == hc.r1:
                hs[hc.r0] = max(hs[hc.r0], need)
        for hc in cfg.header:
            if hc.r0 != hc.r1:
                have = sum(hs[hc.r0 : hc.r1 + 1])
                need = len(hc.lines) * cfg.leading + 2 * cfg.pad
                if need > have:
                    hs[hc.r1] += need - have
        return hs

    def header_height(self) -> float:
        return sum(self.header_row_heights()) if self.cfg.header else 0.0

    # --- drawing primitives ---------------------------------------------
    def _text(self, x: float, y: float, text: str, font: str, size: float, tight: bool, align: str, width: float):
        c = self.p.c
        if tight:
            words = text.split(" ")
            total = _line_width(words, font, size, True)
        else:
            total = sw(text, font, size)
        if align == "center":
            x = x + (width - total) / 2
        elif align == "right":
            x = x + width - total
        c.setFont(font, size)
        if not tight:
            c.drawString(x, y, text)
            return
        for w in words:
            c.drawString(x, y, w)
            x += sw(w, font, size) + TIGHT_GAP

    def draw_lines(self, lines: list, x: float, y_top: float, width: float, cell: Cell):
        cfg = self.cfg
        y = y_top - cfg.pad - cfg.size * 0.92
        for ln in lines:
            if ln is GAP:
                y -= cfg.leading * 0.5
                continue
            font = cfg.bold_font if ln.bold else cfg.font
            if ln.bullet:
                self.p.c.setFont(font, cfg.size)
                self.p.c.drawString(x, y, ln.bullet)
            self._text(x + ln.indent, y, ln.text, font, cfg.size, cell.tight, cell.align, width - ln.indent)
            y -= cfg.leading

    def hline(self, x0: float, x1: float, y: float):
        self.p.c.line(x0, y, x1, y)

    def vline(self, x: float, y0: float, y1: float):
        self.p.c.line(x, y0, x, y1)

    # --- header / banner -------------------------------------------------
    def draw_header(self):
        cfg = self.cfg
        c = self.p.c
        hs = self.header_row_heights()
        tops = [self.y]
        for h in hs:
            tops.append(tops[-1] - h)
        c.setLineWidth(cfg.line_width)
        for hc in cfg.header:
            x0, x1 = self.col_x[hc.c0], self.col_x[hc.c1 + 1]
            yt, yb = tops[hc.r0], tops[hc.r1 + 1]
            if cfg.header_fill is not None:
                c.setFillColor(cfg.header_fill)
                c.rect(x0, yb, x1 - x0, yt - yb, stroke=0, fill=1)
                c.setFillColor(colors.black)
            if cfg.rules == "grid":
                c.rect(x0, yb, x1 - x0, yt - yb, stroke=1, fill=0)
            # vertically centred lines
            block = len(hc.lines) * cfg.leading
            y = yt - (yt - yb - block) / 2 - cfg.size * 0.92
            single_col = cfg.col_widths[hc.c0] if hc.c0 == hc.c1 else None
            for ln in hc.lines:
                align = hc.align or (
                    "center" if (hc.c0 != hc.c1 or (single_col and single_col < 40)) else "left"
                )
                self._text(x0 + cfg.pad, y, ln, cfg.bold_font, cfg.size, False, align, x1 - x0 - 2 * cfg.pad)
                y -= cfg.leading
        if cfg.rules == "hlines":
            self.hline(self.col_x[0], self.col_x[-1], self.y)
            self.hline(self.col_x[0], self.col_x[-1], tops[-1])
        self.y = tops[-1]
        self.header_drawn_on_page = True

    def draw_banner(self, b: Banner):
        cfg = self.cfg
        c = self.p.c
        self.y -= b.space_before
        h = self.banner_height(b) - b.space_before
        x0, x1 = self.col_x[0], self.col_x[-1]
        if b.fill is not None:
            c.setFillColor(b.fill)
            c.rect(x0, self.y - h, x1 - x0, h, stroke=0, fill=1)
            c.setFillColor(colors.black)
        if cfg.rules == "grid":
            c.setLineWidth(cfg.line_width)
            c.rect(x0, self.y - h, x1 - x0, h, stroke=1, fill=0)
        y = self.y - cfg.pad - b.size * 0.92 - 0.5
        for ln in self.banner_lines(b):
            self._text(x0 + cfg.pad, y, ln, cfg.bold_font, b.size, False, "left", x1 - x0)
            y -= b.size * 1.2
        self.y -= h

    # --- pagination ------------------------------------------------------
    def start_page(self):
        self.p.new_page(self.cfg.page_mode)
        first = self.table_pages == 0
        self.y = self.page_top(self.p, first) if self.page_top else self.p.height - self.cfg.top_margin
        self.table_pages += 1
        self.group_on_page = None
        self.header_drawn_on_page = False
        return first

    def page_bottom(self) -> float:
        return self.cfg.bottom_margin

    def open_page_for(self, item, first_page: bool):
        """Top of a new table page: repeated banner and/or header."""
        cfg = self.cfg
        if isinstance(item, Banner):
            # a banner followed by its own header comes first; otherwise the header goes above it
            if not item.header_after and (cfg.header_policy == "every_page" or first_page):
                self.draw_header()
            return
        if self.current_repeat is not None:
            self.draw_banner(self.current_repeat)
            if self.current_repeat.header_after:
                self.draw_header()
                return
        if cfg.header_policy == "every_page" or first_page:
            self.draw_header()

    def place_data(self, row: DataRow, wrapped: dict[int, list], height: float, continuation: bool):
        cfg = self.cfg
        c = self.p.c
        top = self.y
        bottom = top - height
        first_in_group_on_page = row.group != self.group_on_page
        self.group_on_page = row.group
        c.setLineWidth(cfg.line_width)
        if cfg.rules == "grid":
            for ci in range(len(cfg.col_widths)):
                x0, x1 = self.col_x[ci], self.col_x[ci + 1]
                if not (ci == cfg.span_col and not first_in_group_on_page):
                    self.hline(x0, x1, top)
            for x in self.col_x:
                self.vline(x, bottom, top)
        elif cfg.rules == "hlines":
            self.hline(self.col_x[0], self.col_x[-1], top)
        y_content = top - row.space_before
        for ci, lines in wrapped.items():
            if not lines:
                continue
            x0 = self.col_x[ci]
            self.draw_lines(lines, x0 + cfg.pad, y_content, cfg.col_widths[ci] - 2 * cfg.pad, row.cells[ci])
        if row.rid and not continuation and row.rid not in self.pages:
            self.pages[row.rid] = self.p.page
        self.log.append((row.rid, self.p.page, round(top, 1), round(bottom, 1), continuation))
        self.y = bottom

    def run(self, items: list):
        cfg = self.cfg
        self._bottom_line_pending = False
        first_page = self.start_page()
        self.open_page_for(items[0] if items else None, first_page)
        i = 0
        while i < len(items):
            item = items[i]
            avail = self.y - self.page_bottom()
            if isinstance(item, Banner):
                need = self.banner_height(item) + (self.header_height() if item.header_after else 0)
                if item.keep_next:
                    # keep with the next data row (complete)
                    j = i + 1
                    while j < len(items) and isinstance(items[j], Banner):
                        need += self.banner_height(items[j]) + (self.header_height() if items[j].header_after else 0)
                        j += 1
                    if j < len(items):
                        need += min(self.row_height(items[j]), 6 * cfg.leading)
                if need > avail:
                    self.finish_table_page()
                    self.start_page()
                    self.open_page_for(item, False)
                if item.repeat:
                    self.current_repeat = item
                self.draw_banner(item)
                if item.rid and item.rid not in self.pages:
                    self.pages[item.rid] = self.p.page
                if item.header_after:
                    self.draw_header()
                self.group_on_page = None
                i += 1
                continue
            wrapped = {ci: self.cell_lines(item, ci) for ci in item.cells}
            h = self.row_height(item, wrapped)
            if h <= avail:
                self.place_data(item, wrapped, h, continuation=False)
                i += 1
                continue
            # does not fit
            if item.splittable:
                inner = avail - 2 * cfg.pad - item.space_before
                other_h = max(
                    [self.lines_height(v) for ci, v in wrapped.items() if ci not in item.split_cols] + [0.0]
                )
                if inner >= cfg.min_split_lines * cfg.leading and other_h <= inner:
                    part1: dict[int, list] = {}
                    part2: dict[int, list] = {}
                    for ci, lines in wrapped.items():
                        if ci not in item.split_cols:
                            part1[ci] = lines
                            continue
                        acc, k = 0.0, 0
                        while k < len(lines):
                            step = cfg.leading * (0.5 if lines[k] is GAP else 1.0)
                            if acc + step > inner + 0.01:
                                break
                            acc += step
                            k += 1
                        head, tail = lines[:k], lines[k:]
                        while head and head[-1] is GAP:
                            head.pop()
                        while tail and tail[0] is GAP:
                            tail.pop(0)
                        part1[ci], part2[ci] = head, tail
                    self.place_data(item, part1, avail, continuation=False)
                    split_page = self.p.page
                    self.finish_table_page()
                    self.start_page()
                    self.open_page_for(item, False)
                    cont = DataRow(
                        cells={ci: item.cells[ci] for ci in part2 if part2[ci]},
                        rid=item.rid,
                        group=item.group,
                    )
                    cont_wrapped = {ci: v for ci, v in part2.items() if v}
                    self.group_on_page = item.group  # span column continues blank
                    ch = self.row_height(cont, cont_wrapped)
                    self.place_data(cont, cont_wrapped, ch, continuation=True)
                    self.splits.append((item.rid or "", split_page, self.p.page))
                    i += 1
                    continue
            self.finish_table_page()
            self.start_page()
            self.open_page_for(item, False)
            if h > self.y - self.page_bottom():
                raise RuntimeError(f"row {item.rid} taller than a page")
            self.place_data(item, wrapped, h, continuation=False)
            i += 1
        self.finish_table_page()

    def finish_table_page(self):
        cfg = self.cfg
        if cfg.rules in ("hlines", "grid"):
            self.p.c.setLineWidth(cfg.line_width)
            self.hline(self.col_x[0], self.col_x[-1], self.y)


def cell(*paras: str | Para, align: str = "left", tight: bool = False, bullet: str | None = None) -> Cell:
    ps = []
    for p in paras:
        if isinstance(p, Para):
            ps.append(p)
        else:
            ps.append(Para(p, bullet=bullet))
    return Cell(ps, align=align, tight=tight)


# ---------------------------------------------------------------------------
# Expected-record data model
# ---------------------------------------------------------------------------


@dataclass
class Act:
    code: str | None
    text: str
    indicators: list[str]
    inst_printed: str
    inst_names: list[str]
    partners_printed: str | None = None
    partner_names: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    timeline: str | None = None
    budget: tuple[str, float, str] | None = None  # (as_written, amount, currency)
    tight: tuple[str, ...] = ()  # which cells are drawn with tight spacing
    splittable: bool = False
    bullets: bool = False  # indicators printed as bullets
    rid: str = ""


@dataclass
class Out:
    code: str | None
    text: str
    activities: list[Act]
    rid: str = ""
    # Indicators and lead institutions stated once for several activities of one row.
    indicators: list[str] = field(default_factory=list)
    inst_names: list[str] = field(default_factory=list)


@dataclass
class Goal:
    code: str | None
    text: str | None
    outputs: list[Out]
    level_name: str | None = "Goal"
    pillar: str | None = None
    rid: str = ""


def _institutions(names: list[str], role: str) -> list[dict]:
    return [{"name": n, "role": role} for n in names]


def expected_goals(goals: list[Goal], pages: dict[str, int], out_level: str, act_level: str) -> list[dict]:
    res = []
    for g in goals:
        outs = []
        for o in g.outputs:
            acts = []
            for a in o.activities:
                acts.append(
                    {
                        "code": a.code,
                        "text": norm(a.text),
                        "level_name": act_level,
                        "page": pages[a.rid],
                        "indicators": [{"text": norm(t)} for t in a.indicators],
                        "institutions": _institutions([norm(n) for n in a.inst_names], "lead")
                        + _institutions([norm(n) for n in a.partner_names], "partner"),
                        "years": a.years,
                        "timeline": a.timeline,
                        "budget": (
                            {"amount": a.budget[1], "currency": a.budget[2], "as_written": a.budget[0]}
                            if a.budget
                            else None
                        ),
                    }
                )
            outs.append(
                {
                    "code": o.code,
                    "text": norm(o.text),
                    "level_name": out_level,
                    "page": pages[o.rid],
                    "indicators": [{"text": norm(t)} for t in o.indicators],
                    "institutions": _institutions([norm(n) for n in o.inst_names], "lead"),
                    "activities": acts,
                }
            )
        res.append(
            {
                "code": g.code,
                "text": norm(g.text) if g.text is not None else None,
                "level_name": g.level_name,
                "pillar": g.pillar,
                "page": pages[g.rid],
                "indicators": [],
                "institutions": [],
                "outputs": outs,
            }
        )
    return res


def assign_ids(goals: list[Goal]) -> None:
    for gi, g in enumerate(goals):
        g.rid = f"g{gi}"
        for oi, o in enumerate(g.outputs):
            o.rid = f"g{gi}o{oi}"
            for ai, a in enumerate(o.activities):
                a.rid = f"g{gi}o{oi}a{ai}"


def check_institutions(acts: list[Act]) -> None:
    """Guard against drift between the printed institution list and its split form."""
    for a in acts:
        for printed, names in ((a.inst_printed, a.inst_names), (a.partners_printed or "", a.partner_names)):
            low = printed.lower()
            for n in names:
                head = n.split()[-1].lower()
                assert head in low, (n, printed)


def write_expected(out_dir: pathlib.Path, name: str, document: dict, goals: list[dict], notes: str) -> pathlib.Path:
    data = {
        "file": f"{name}.pdf",
        "scope_pages": None,
        "document": document,
        "goals": goals,
        "notes": notes,
    }
    path = out_dir / f"{name}.expected.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def new_canvas(path: pathlib.Path, title: str, author: str) -> rl_canvas.Canvas:
    c = rl_canvas.Canvas(str(path), pagesize=PORTRAIT, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("naplog sample generator")
    return c


def draw_paragraph(c, text: str, x: float, y: float, width: float, font: str, size: float, leading: float) -> float:
    """Draw wrapped plain text at (x, y=first baseline); return the y below the paragraph."""
    c.setFont(font, size)
    for ln in wrap_text(text, width, font, size):
        c.drawString(x, y, ln)
        y -= leading
    return y


# ---------------------------------------------------------------------------
# Sample 1: English, portrait, full grid, repeated header and goal banner
# ---------------------------------------------------------------------------

YEARS_1 = [2024, 2025, 2026, 2027, 2028]
ALL = YEARS_1


def _sample1_goals() -> list[Goal]:
    return [
        Goal(
            "1",
            "Improving, strengthening and expanding the equal and active participation of women in "
            "decision-making processes relating to governance, peace and security",
            [
                Out(
                    "1.1",
                    "Increased representation of women elected or appointed to decision-making positions "
                    "in the security and justice sectors at local and national levels.",
                    [
                        Act(
                            "1.1.1",
                            "Conduct leadership, negotiation and public speaking training for women candidates "
                            "and incumbent women leaders at suco, municipal and national levels ahead of each "
                            "electoral cycle.",
                            [
                                "# and % of women participating in the leadership training at the national "
                                "and suco levels.",
                                "# and % of women elected for senior positions in the local and national "
                                "governance increased.",
                            ],
                            "SEI, MAE & CSOs",
                            ["SEI", "MAE", "CSOs"],
                            years=ALL,
                        ),
                        Act(
                            "1.1.2",
                            "Undertake advocacy and lobbying to develop criteria for the promotion of gender "
                            "equality as a pre-requisite for the appointment of women to governance, senior "
                            "positions and community leadership roles.",
                            [
                                "Number of public institutions that adopt gender equality criteria for "
                                "senior appointments",
                                "Proportion of women among newly appointed directors-general and heads "
                                "of department",
                                "Number of women appointed as aldeia and suco chiefs",
                            ],
                            "SEI, MAE & CSOs",
                            ["SEI", "MAE", "CSOs"],
                            years=[2024, 2025, 2026],
                            bullets=True,
                        ),
                        Act(
                            "1.1.3",
                            "Develop standard and integrated training modules for the promotion of women's "
                            "participation in elections for local and national governance, and roll them out "
                            "through the regional electoral offices.",
                            [
                                "# and % of people reached by civic education related to women's political "
                                "participation.",
                            ],
                            "MAE, National Electoral Commission and CSOs",
                            ["MAE", "National Electoral Commission", "CSOs"],
                            years=[2025, 2026, 2027, 2028],
                        ),
                        Act(
                            "1.1.4",
                            "Establish a mentoring programme that pairs young women civil servants, police "
                            "officers and defence personnel with senior women leaders for a period of twelve "
                            "months.",
                            [
                                "# of mentoring pairs established and completed.",
                                "% of mentees promoted within two years of completing the programme.",
                            ],
                            "SEI, PNT & FDT",
                            ["SEI", "PNT", "FDT"],
                            years=[2025, 2026, 2027, 2028],
                        ),
                        Act(
                            "1.1.5",
                            "Review the recruitment, promotion and deployment regulations of the police and "
                            "the defence force to remove provisions that discriminate against women and to "
                            "introduce temporary special measures.",
                            [
                                "Regulations reviewed and amended",
                                "Proportion of women among new police and defence force recruits",
                                "Number of women deployed to peacekeeping missions",
                            ],
                            "Ministry of Interior, PNT and FDT",
                            ["Ministry of Interior", "PNT", "FDT"],
                            years=[2024, 2025],
                            bullets=True,
                        ),
                        Act(
                            "1.1.6",
                            "Allocate a dedicated budget line for women's political participation in the annual "
                            "plans of the Ministry of State Administration and the municipal authorities.",
                            [
                                "# of municipalities with a budget line for women's political participation.",
                            ],
                            "MAE & municipal authorities",
                            ["MAE", "municipal authorities"],
                            years=[2026, 2027, 2028],
                        ),
                    ],
                ),
                Out(
                    "1.2",
                    "Laws, policies and programmes regarding peace and security are developed with the "
                    "meaningful participation of diverse groups of women, including young women and women "
                    "with disabilities.",
                    [
                        Act(
                            "1.2.1",
                            "Establish a standing consultation mechanism between the security sector "
                            "institutions and women's organisations to review draft laws, policies and "
                            "strategic plans on defence, policing and border management before their approval "
                            "by the Council of Ministers, and publish a summary of how the recommendations "
                            "made by women's organisations were taken into account in each final text.",
                            [
                                "# of draft laws and policies on peace and security reviewed through the "
                                "consultation mechanism.",
                                "% of recommendations from women's organisations reflected in approved "
                                "laws and policies.",
                                "Number of consultation meetings held in the municipalities with the "
                                "participation of young women and women with disabilities",
                                "Annual summary of the consultations published on the SEI website",
                            ],
                            "Ministries of Interior, Justice and Defence",
                            ["Ministry of Interior", "Ministry of Justice", "Ministry of Defence"],
                            years=[2025, 2026, 2027, 2028],
                            splittable=True,
                        ),
                        Act(
                            "1.2.2",
                            "Support women peacebuilders and mediators to take part in national dialogue, "
                            "land dispute resolution and cross-border community meetings.",
                            [
                                "# and % of women among registered community mediators.",
                                "# of national and cross-border dialogue events with at least 30% women "
                                "participants.",
                            ],
                            "SEI, MoWA & CSOs",
                            ["SEI", "MoWA", "CSOs"],
                            years=[2024, 2025, 2026, 2027],
                        ),
                    ],
                ),
            ],
        ),
        Goal(
            "2",
            "Preventing all forms of violence against women and girls and protecting their rights in "
            "conflict, post-conflict, disaster and humanitarian settings",
            [
                Out(
                    "2.1",
                    "Strengthened prevention of gender-based violence through community mechanisms and "
                    "early warning systems that respond to the needs of women and girls.",
                    [
                        Act(
                            "2.1.1",
                            "Integrate gender-sensitive indicators into the national conflict early warning "
                            "and early response system and train community focal points, at least half of "
                            "them women, to collect and report the information.",
                            [
                                "# and % of community focal points trained who are women.",
                                "# of early warning reports that include sex-disaggregated data.",
                            ],
                            "Ministries of Interior, Justice and Defence",
                            ["Ministry of Interior", "Ministry of Justice", "Ministry of Defence"],
                            years=[2024, 2025],
                        ),
                        Act(
                            "2.1.2",
                            "Conduct community awareness campaigns with traditional and religious leaders, "
                            "youth groups and men's networks on the prevention of domestic and sexual "
                            "violence.",
                            [
                                "Number of awareness sessions held in each municipality",
                                "Number of traditional and religious leaders who sign the community "
                                "commitment against violence",
                            ],
                            "MoWA, PNT, CSOs and development partners",
                            ["MoWA", "PNT", "CSOs", "development partners"],
                            years=ALL,
                            bullets=True,
                        ),
                    ],
                ),
                Out(
                    "2.2",
                    "Women and girls who survive violence or are affected by disasters have access to "
                    "protection, relief and recovery services.",
                    [
                        Act(
                            "2.2.1",
                            "Expand the network of police Vulnerable Persons Units and one-stop referral "
                            "centres to all municipalities, with women officers available at all times.",
                            [
                                "# and % of municipalities with a functioning Vulnerable Persons Unit.",
                                "# and % of women officers assigned to the Vulnerable Persons Units.",
                            ],
                            "PNT, MoWA & Ministry of Health",
                            ["PNT", "MoWA", "Ministry of Health"],
                            years=[2025, 2026, 2027, 2028],
                        ),
                        Act(
                            "2.2.2",
                            "Ensure that disaster preparedness plans, evacuation centres and relief "
                            "distributions include safe spaces, dignity kits and women's committees.",
                            [
                                "% of evacuation centres with separate and lockable facilities for women "
                                "and girls.",
                                "# of women's committees consulted in the distribution of relief items.",
                            ],
                            "MoWA, PNT, CSOs and development partners",
                            ["MoWA", "PNT", "CSOs", "development partners"],
                            years=[2026, 2027, 2028],
                        ),
                        Act(
                            "2.2.3",
                            "Provide livelihood grants and psychosocial support to women survivors and "
                            "women-headed households in post-conflict and disaster recovery programmes.",
                            [
                                "Number of women survivors who receive livelihood grants",
                                "Number of women-headed households enrolled in recovery programmes",
                            ],
                            "Ministry of Social Solidarity, MoWA and CSOs",
                            ["Ministry of Social Solidarity", "MoWA", "CSOs"],
                            years=[2027, 2028],
                            bullets=True,
                        ),
                    ],
                ),
            ],
        ),
    ]


ACRONYMS_1 = [
    ("CSOs", "Civil Society Organisations"),
    ("FDT", "Defence Force of Tamora"),
    ("GBV", "Gender-Based Violence"),
    ("M&E", "Monitoring and Evaluation"),
    ("MAE", "Ministry of State Administration"),
    ("MoWA", "Ministry of Women's Affairs"),
    ("NAP", "National Action Plan"),
    ("PNT", "National Police of Tamora"),
    ("SEI", "Secretary of State for Equality and Inclusion"),
    ("UNSCR", "United Nations Security Council Resolution"),
    ("VPU", "Vulnerable Persons Unit"),
    ("WPS", "Women, Peace and Security"),
]


def build_en_ruled_repeated_header(out_dir: pathlib.Path) -> list[pathlib.Path]:
    name = "en_ruled_repeated_header"
    goals = _sample1_goals()
    assign_ids(goals)
    check_institutions([a for g in goals for o in g.outputs for a in o.activities])
    pdf = out_dir / f"{name}.pdf"
    c = new_canvas(pdf, "National Action Plan on Women, Peace and Security 2024-2028", "Republic of Tamora")
    W, H = PORTRAIT

    def footer(p: Pager):
        p.c.setFont("Helvetica", 8)
        p.c.setFillColor(colors.grey)
        p.c.drawCentredString(W / 2, 25, f"NAP WPS 2024-2028  |  {p.page}")
        p.c.setFillColor(colors.black)

    pager = Pager(c, footer)

    # --- page 1: cover
    pager.new_page("portrait")
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString(W / 2, H - 150, "REPUBLIC OF TAMORA")
    c.setFont("Helvetica", 11)
    c.drawCentredString(W / 2, H - 170, "Secretary of State for Equality and Inclusion")
    c.setFont("Helvetica-Bold", 22)
    c.drawCentredString(W / 2, H - 300, "National Action Plan on")
    c.drawCentredString(W / 2, H - 328, "Women, Peace and Security")
    c.drawCentredString(W / 2, H - 356, "2024-2028")
    c.setFont("Helvetica", 11)
    y = H - 420
    for ln in wrap_text(
        "Implementing United Nations Security Council Resolution 1325 (2000) and subsequent resolutions "
        "on Women, Peace and Security in the Republic of Tamora.",
        380,
        "Helvetica",
        11,
    ):
        c.drawCentredString(W / 2, y, ln)
        y -= 15
    c.setFont("Helvetica", 10)
    c.drawCentredString(W / 2, 120, "Port Aurel, Tamora - March 2024")

    # --- page 2: acronyms (a two-column table, not a logframe)
    pager.new_page("portrait")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, H - 70, "List of Acronyms")
    y = H - 95
    c.setLineWidth(0.5)
    c.setFillColor(colors.HexColor("#d9d9d9"))
    c.rect(50, y - 16, 480, 16, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(56, y - 11, "Acronym")
    c.drawString(146, y - 11, "Full form")
    c.rect(50, y - 16, 90, 16)
    c.rect(140, y - 16, 390, 16)
    y -= 16
    c.setFont("Helvetica", 9)
    for ac, full in ACRONYMS_1:
        c.rect(50, y - 15, 90, 15)
        c.rect(140, y - 15, 390, 15)
        c.drawString(56, y - 10.5, ac)
        c.drawString(146, y - 10.5, full)
        y -= 15
    y -= 30
    c.setFont("Helvetica-Bold", 12)
    c.drawString(50, y, "How to read the Results Framework")
    y -= 18
    intro = (
        "The Results Framework in Annex 1 sets out, for each goal of the National Action Plan, the expected "
        "outputs, the specific activities that will be implemented, the performance indicators that will be "
        "used to monitor progress, the years in which each activity will be implemented and the lead "
        "institution responsible. The Secretary of State for Equality and Inclusion coordinates the annual "
        "monitoring of the Plan together with the inter-ministerial working group and civil society."
    )
    draw_paragraph(c, intro, 50, y, 480, "Helvetica", 10, 13.5)

    # --- pages 3..: Annex 1 results framework
    col_widths = [82.0, 116.0, 119.0, 23.0, 23.0, 23.0, 23.0, 23.0, 83.0]
    x0 = (W - sum(col_widths)) / 2
    header = [
        HeaderCell(0, 1, 0, 0, ["Output"]),
        HeaderCell(0, 1, 1, 1, ["Specific Activities"]),
        HeaderCell(0, 1, 2, 2, ["Performance", "Indicators"]),
        HeaderCell(0, 0, 3, 7, ["Implementation Year"]),
        *[HeaderCell(1, 1, 3 + k, 3 + k, [str(yr)]) for k, yr in enumerate(YEARS_1)],
        HeaderCell(0, 1, 8, 8, ["Lead", "Institution"]),
    ]
    cfg = TableCfg(
        col_widths=col_widths,
        x0=x0,
        header=header,
        header_rows=2,
        size=8.0,
        leading=9.6,
        rules="grid",
        header_policy="every_page",
        header_fill=colors.HexColor("#bfbfbf"),
        span_col=0,
        bottom_margin=45,
    )

    def page_top(p: Pager, first: bool) -> float:
        if first:
            p.c.setFont("Helvetica-Bold", 13)
            p.c.drawString(x0, p.height - 55, "Annex 1: Results Framework")
            intro = (
                "The Results Framework below translates the two goals of the Plan into outputs and specific "
                "activities. Each activity is assigned a lead institution, which reports on the performance "
                "indicators to the Secretary of State for Equality and Inclusion every year. An x marks the "
                "years in which the activity is implemented."
            )
            y = draw_paragraph(p.c, intro, x0, p.height - 76, sum(col_widths), "Helvetica", 9.5, 12.5)
            return y - 6
        return p.height - 40

    items: list = []
    for g in goals:
        items.append(
            Banner(
                f"Goal {g.code}: {g.text}",
                rid=g.rid,
                size=8.5,
                fill=colors.HexColor("#e7e6e6"),
                header_after=True,
                repeat=True,
            )
        )
        for o in g.outputs:
            for k, a in enumerate(o.activities):
                cells = {}
                if k == 0:
                    cells[0] = cell(f"{o.code}. {o.text}")
                cells[1] = cell(f"{a.code}. {a.text}")
                cells[2] = cell(*a.indicators, bullet="\u2022" if a.bullets else None)
                for j, yr in enumerate(YEARS_1):
                    if yr in a.years:
                        cells[3 + j] = cell("x", align="center")
                cells[8] = cell(a.inst_printed)
                rid = a.rid
                items.append(DataRow(cells, rid=rid, group=o.rid, splittable=a.splittable, split_cols=(1, 2)))
    engine = TableEngine(pager, cfg, page_top)
    engine.run(items)
    pager.save()

    pages = dict(engine.pages)
    for g in goals:
        for o in g.outputs:
            pages[o.rid] = pages[o.activities[0].rid]
    assert len(engine.splits) == 1, f"expected exactly one split row, got {engine.splits}"
    assert c.getPageNumber() - 1 <= 5, "sample must have at most 5 pages"

    split_code = next(a.code for g in goals for o in g.outputs for a in o.activities if a.rid == engine.splits[0][0])
    exp = expected_goals(goals, pages, "Output", "Activity")
    notes = (
        "Generated sample (reportlab). Levels: 'Goal N:' banner rows = goal (level_name 'Goal'); Output column "
        "= output; Specific Activities column = activity. No pillars. The goal banner and the two-row header "
        "are repeated at the top of every framework page; repeated banners are not new goals. The Output cell "
        "spans its activity rows and is blank under a page break ('same as above'). Activity "
        f"{split_code} is split across pages {engine.splits[0][1]}-{engine.splits[0][2]}: "
        "its continuation (activity and indicator text only) is joined to the row and keeps the first page. "
        "Indicators: one per paragraph or bullet. Years from the x marks under 2024-2028; no timeline cell, "
        "no budget. Lead Institution lists are split (all role 'lead'); 'Ministries of Interior, Justice and "
        "Defence' expands to three ministries. Codes are printed with a trailing dot ('1.1.'). The List of "
        "Acronyms table on page 2 is not a logframe."
    )
    document = {
        "kind": "nap",
        "language": "en",
        "country": "Tamora",
        "plan_period": {"start": 2024, "end": 2028},
    }
    return [pdf, write_expected(out_dir, name, document, exp, notes)]


# ---------------------------------------------------------------------------
# Sample 2: Spanish, landscape, unruled, header only once
# ---------------------------------------------------------------------------


@dataclass
class EsRow:
    acts: list[str]
    indicators: list[str]
    inst_printed: str
    inst_names: list[str]
    budget: tuple[str, float, str]
    plazo: str


def _years_from_period(p: str) -> list[int]:
    m = re.fullmatch(r"(\d{4})\s*[-\u2013]\s*(\d{4})", p)
    if m:
        return list(range(int(m.group(1)), int(m.group(2)) + 1))
    return [int(p)] if re.fullmatch(r"\d{4}", p) else []


def _es_plan():
    # (pillar banner, goal code, goal text, [(output code, output text, [EsRow])])
    return [
        (
            "Eje 1: Participación",
            "1",
            "Aumentar la participación plena, igualitaria y significativa de las mujeres en los espacios de "
            "toma de decisiones sobre paz, seguridad y defensa.",
            [
                (
                    "1.1",
                    "Incrementada la representación de mujeres en cargos de decisión de las instituciones de "
                    "seguridad, defensa y relaciones exteriores.",
                    [
                        EsRow(
                            [
                                "Diseñar e implementar un programa de mentoría para mujeres oficiales de la "
                                "Policía Nacional y de las Fuerzas Armadas con potencial de ascenso a cargos de "
                                "mando."
                            ],
                            [
                                "Número de mujeres oficiales que completan el programa de mentoría.",
                                "Porcentaje de mujeres en cargos de mando de la Policía Nacional.",
                            ],
                            "Policía Nacional, INMUJERES y OSC",
                            ["Policía Nacional", "INMUJERES", "OSC"],
                            ("150.000", 150000.0, "USD"),
                            "2025-2027",
                        ),
                        EsRow(
                            [
                                "Revisar los reglamentos de ascenso y destino de las Fuerzas Armadas para "
                                "eliminar disposiciones que discriminan a las mujeres.",
                                "Establecer una cuota mínima del 30% de mujeres en las promociones de la "
                                "Academia Militar y de la Escuela de Policía.",
                            ],
                            ["Reglamentos de ascenso revisados y aprobados.", "Porcentaje de mujeres en cada promoción."],
                            "Ministerio de Defensa y Ministerio del Interior",
                            ["Ministerio de Defensa", "Ministerio del Interior"],
                            ("USD 75.000", 75000.0, "USD"),
                            "2026-2028",
                        ),
                    ],
                ),
                (
                    "1.2",
                    "Fortalecida la participación de las organizaciones de mujeres en los procesos de diálogo, "
                    "mediación y construcción de paz a nivel nacional y local.",
                    [
                        EsRow(
                            [
                                "Crear una red nacional de mujeres mediadoras y facilitadoras de diálogo con "
                                "capítulos en cada departamento."
                            ],
                            ["Número de mujeres mediadoras registradas en la red, desagregado por departamento."],
                            "INMUJERES y Ministerio de Relaciones Exteriores",
                            ["INMUJERES", "Ministerio de Relaciones Exteriores"],
                            ("USD 120.000", 120000.0, "USD"),
                            "2025-2026",
                        ),
                    ],
                ),
            ],
        ),
        (
            "Eje 2: Prevención",
            "2",
            "Prevenir la violencia contra las mujeres y las niñas, incluida la violencia sexual relacionada "
            "con los conflictos y la trata de personas.",
            [
                (
                    "2.1",
                    "Mejorada la capacidad de las instituciones para prevenir la violencia basada en género y "
                    "detectar de forma temprana situaciones de riesgo para las mujeres.",
                    [
                        EsRow(
                            [
                                "Incorporar indicadores de género en el sistema nacional de alerta temprana de "
                                "conflictos sociales."
                            ],
                            ["Sistema de alerta temprana con indicadores de género en funcionamiento."],
                            "Ministerios del Interior y de Justicia",
                            ["Ministerio del Interior", "Ministerio de Justicia"],
                            ("90.000", 90000.0, "USD"),
                            "2025-2026",
                        ),
                        EsRow(
                            [
                                "Capacitar a jueces, fiscales y personal policial en la atención de casos de "
                                "violencia sexual con enfoque de derechos humanos.",
                                "Elaborar y difundir un protocolo interinstitucional de actuación frente a la "
                                "trata de mujeres y niñas en zonas fronterizas.",
                            ],
                            [
                                "Número de operadores de justicia capacitados, desagregado por sexo.",
                                "Protocolo interinstitucional aprobado.",
                            ],
                            "Ministerios del Interior y de Justicia, Fiscalía General",
                            ["Ministerio del Interior", "Ministerio de Justicia", "Fiscalía General"],
                            ("USD 210.000", 210000.0, "USD"),
                            "2025-2027",
                        ),
                    ],
                ),
                (
                    "2.2",
                    "Transformadas las normas sociales que toleran la violencia contra las mujeres en las "
                    "comunidades más afectadas por la violencia armada.",
                    [
                        EsRow(
                            [
                                "Realizar campañas comunitarias de prevención con lideresas, jóvenes y "
                                "autoridades tradicionales en los municipios priorizados."
                            ],
                            ["Número de personas alcanzadas por las campañas, desagregado por sexo y edad."],
                            "INMUJERES, gobiernos municipales y OSC",
                            ["INMUJERES", "gobiernos municipales", "OSC"],
                            ("60.000", 60000.0, "USD"),
                            "2026",
                        ),
                    ],
                ),
            ],
        ),
        (
            "Eje 3: Protección",
            "3",
            "Proteger los derechos de las mujeres y las niñas y garantizar su acceso a la justicia, la "
            "asistencia humanitaria y la recuperación temprana.",
            [
                (
                    "3.1",
                    "Ampliado el acceso de las sobrevivientes de violencia a servicios integrales de "
                    "protección, salud y justicia.",
                    [
                        EsRow(
                            [
                                "Abrir casas de acogida y centros de atención integral en los departamentos "
                                "fronterizos y en las zonas con población desplazada."
                            ],
                            [
                                "Número de casas de acogida en funcionamiento.",
                                "Número de mujeres atendidas por año.",
                            ],
                            "Policía Nacional, INMUJERES y OSC",
                            ["Policía Nacional", "INMUJERES", "OSC"],
                            ("USD 340.000", 340000.0, "USD"),
                            "2025-2029",
                        ),
                    ],
                ),
                (
                    "3.2",
                    "Integradas las necesidades de las mujeres en la respuesta humanitaria y en los programas "
                    "de socorro y recuperación después de desastres.",
                    [
                        EsRow(
                            [
                                "Incluir a organizaciones de mujeres en los comités de gestión de albergues y "
                                "en la distribución de ayuda humanitaria.",
                                "Otorgar capital semilla a mujeres jefas de hogar afectadas por desastres para "
                                "la recuperación de sus medios de vida.",
                            ],
                            [
                                "Porcentaje de comités de albergue con participación de mujeres.",
                                "Número de mujeres jefas de hogar que reciben capital semilla.",
                            ],
                            "Sistema Nacional de Protección Civil, INMUJERES y OSC",
                            ["Sistema Nacional de Protección Civil", "INMUJERES", "OSC"],
                            ("250.000", 250000.0, "USD"),
                            "2027-2029",
                        ),
                    ],
                ),
            ],
        ),
    ]


def build_es_unruled_landscape(out_dir: pathlib.Path) -> list[pathlib.Path]:
    name = "es_unruled_landscape"
    plan = _es_plan()
    pdf = out_dir / f"{name}.pdf"
    c = new_canvas(pdf, "Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2025-2029", "Costa Serena")
    W, H = LANDSCAPE

    def footer(p: Pager):
        p.c.setFont("Helvetica", 8)
        p.c.drawRightString(W - 40, 22, f"Página {p.page}")
        p.c.drawString(40, 22, "Plan de Acción Nacional 1325 - Costa Serena")

    pager = Pager(c, footer)
    col_widths = [150.0, 212.0, 170.0, 115.0, 62.0, 52.0]
    x0 = 40.0
    header = [
        HeaderCell(0, 0, 0, 0, ["Resultado"]),
        HeaderCell(0, 0, 1, 1, ["Actividades"]),
        HeaderCell(0, 0, 2, 2, ["Indicadores"]),
        HeaderCell(0, 0, 3, 3, ["Responsable"]),
        HeaderCell(0, 0, 4, 4, ["Presupuesto", "(USD)"], align="right"),
        HeaderCell(0, 0, 5, 5, ["Plazo"], align="center"),
    ]
    cfg = TableCfg(
        col_widths=col_widths,
        x0=x0,
        header=header,
        header_rows=1,
        size=8.0,
        leading=9.8,
        pad=2.5,
        rules="none",
        header_policy="first_only",
        span_col=0,
        page_mode="landscape",
        bottom_margin=40,
    )

    def page_top(p: Pager, first: bool) -> float:
        if not first:
            return p.height - 40
        cc = p.c
        cc.setFont("Helvetica", 9)
        cc.drawString(40, p.height - 36, "República de Costa Serena")
        cc.setFont("Helvetica-Bold", 15)
        cc.drawString(40, p.height - 58, "Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2025-2029")
        y = p.height - 80
        intro = (
            "El presente Plan de Acción Nacional da cumplimiento a la Resolución 1325 (2000) del Consejo de "
            "Seguridad de las Naciones Unidas y a las resoluciones posteriores. La matriz de resultados "
            "organiza las acciones del Estado en tres ejes: participación, prevención y protección. Para cada "
            "resultado se indican las actividades, los indicadores de seguimiento, la institución responsable, "
            "el presupuesto estimado y el plazo de ejecución."
        )
        y = draw_paragraph(cc, intro, 40, y, W - 80, "Helvetica", 9.5, 12.5)
        cc.setFont("Helvetica-Bold", 12)
        cc.drawString(40, y - 12, "Matriz de resultados")
        return y - 22

    goals: list[Goal] = []
    items: list = []
    rows_by_act: list[tuple[Act, EsRow]] = []
    for pillar, gcode, gtext, outputs in plan:
        g = Goal(gcode, gtext, [], level_name="Objetivo estratégico", pillar=pillar)
        goals.append(g)
        for ocode, otext, rows in outputs:
            o = Out(ocode, otext, [])
            g.outputs.append(o)
            for r in rows:
                shared = len(r.acts) > 1
                if shared:
                    o.indicators.extend(r.indicators)
                    o.inst_names.extend(n for n in r.inst_names if n not in o.inst_names)
                for t in r.acts:
                    a = Act(
                        None,
                        t,
                        [] if shared else r.indicators,
                        r.inst_printed,
                        [] if shared else r.inst_names,
                        years=_years_from_period(r.plazo),
                        timeline=r.plazo,
                        budget=r.budget,
                    )
                    o.activities.append(a)
                    rows_by_act.append((a, r))
    assign_ids(goals)
    check_institutions([a for g in goals for o in g.outputs for a in o.activities])

    es_rows: list[tuple[DataRow, list[Act]]] = []
    for g, (pillar, gcode, gtext, outputs) in zip(goals, plan):
        items.append(Banner(pillar, rid=None, size=11.0, keep_next=True, space_before=8.0))
        items.append(Banner(f"Objetivo estratégico {g.code}: {g.text}", rid=g.rid, size=9.0, keep_next=True))
        for o, (ocode, otext, rows) in zip(g.outputs, outputs):
            acts = iter(o.activities)
            for k, r in enumerate(rows):
                row_acts = [next(acts) for _ in r.acts]
                cells = {}
                if k == 0:
                    cells[0] = cell(f"{o.code} {o.text}")
                if len(r.acts) == 1:
                    cells[1] = cell(r.acts[0])
                else:
                    cells[1] = Cell([Para(f"{chr(97 + j)}) {t}") for j, t in enumerate(r.acts)])
                cells[2] = cell(*r.indicators)
                cells[3] = cell(r.inst_printed)
                cells[4] = cell(r.budget[0], align="right")
                cells[5] = cell(r.plazo, align="center")
                row = DataRow(cells, rid=row_acts[0].rid, group=o.rid, space_before=5.0)
                es_rows.append((row, row_acts))
                items.append(row)
    engine = TableEngine(pager, cfg, page_top)
    engine.run(items)
    pager.save()

    pages = dict(engine.pages)
    for row, row_acts in es_rows:
        for a in row_acts:
            pages[a.rid] = pages[row.rid]
    for g in goals:
        for o in g.outputs:
            pages[o.rid] = pages[o.activities[0].rid]
    assert 2 <= c.getPageNumber() - 1 <= 5
    exp = expected_goals(goals, pages, "Resultado", "Actividad")
    notes = (
        "Generated sample (reportlab), no ruling lines. Levels: 'Eje N: ...' banners = pillar (set on the goals "
        "below, as written); bold 'Objetivo estratégico N: ...' lines = goal (code N, level_name 'Objetivo "
        "estratégico'); Resultado column = output (code as printed, e.g. '1.1'); Actividades column = "
        "activities. Cells listing 'a) ...', 'b) ...' give one activity per item with the letter stripped and "
        "code null; the row's Indicadores and Responsable are stated once for those activities, so they go to "
        "the output above them (never copied); Presupuesto and Plazo belong to activities and are given to each "
        "(so a shared budget is repeated on each activity). Responsable = lead institutions, split "
        "('Ministerios del Interior y de Justicia' -> 'Ministerio del Interior', 'Ministerio de Justicia'). "
        "Presupuesto amounts use '.' as thousands separator; currency USD from the column header. Plazo is the "
        "timeline as written; years are the years of the period. The column header is printed only on the "
        "first table page; the Resultado cell is blank (same as above) on the rows below it."
    )
    document = {
        "kind": "nap",
        "language": "es",
        "country": "Costa Serena",
        "plan_period": {"start": 2025, "end": 2029},
    }
    return [pdf, write_expected(out_dir, name, document, exp, notes)]


# ---------------------------------------------------------------------------
# Sample 3: English, landscape matrix rotated on portrait pages, text-layer problems
# ---------------------------------------------------------------------------


def _sample3_outputs() -> list[Out]:
    L = LIG_FI
    return [
        Out(
            "1",
            "Strengthened capacity of the security sector to prevent and respond to sexual and gender-based "
            "violence.",
            [
                Act(
                    "1.1",
                    "Review the police training curriculum to include modules on survivor-centred investigation, "
                    f"con{L}dential interviewing and referral of survivors.",
                    [
                        "Revised curriculum approved by the Police Academy",
                        "Number of police officers trained, disaggregated by sex and rank",
                    ],
                    "Kestria National Police",
                    ["Kestria National Police"],
                    partners_printed="UN Women, UNFPA",
                    partner_names=["UN Women", "UNFPA"],
                    years=[2025, 2026],
                    timeline="2025-2026",
                    budget=("USD 20,000", 20000.0, "USD"),
                    tight=("indicators",),
                ),
                Act(
                    None,
                    "Establish gender desks in all district police stations with trained focal points and "
                    f"con{L}dential interview rooms.",
                    ["Number of district police stations with a functioning gender desk"],
                    "Kestria National Police, Ministry of Interior",
                    ["Kestria National Police", "Ministry of Interior"],
                    partners_printed="CSOs",
                    partner_names=["CSOs"],
                    years=[2025, 2026, 2027],
                    timeline="2025-2027",
                    budget=("USD 45,500", 45500.0, "USD"),
                    tight=("indicators", "activity"),
                ),
                Act(
                    "1.3",
                    "Adopt a code of conduct and a whistle-blowing mechanism on sexual harassment and abuse "
                    "within the armed forces and the police.",
                    ["Code of conduct adopted", "Number of complaints received and investigated"],
                    "Ministry of Defence",
                    ["Ministry of Defence"],
                    partners_printed="Ombudsman's Office",
                    partner_names=["Ombudsman's Office"],
                    years=[2026],
                    timeline="2026",
                    budget=("USD 12,000", 12000.0, "USD"),
                ),
                Act(
                    "1.4",
                    "Recruit and retain women police officers through targeted recruitment campaigns, childcare "
                    "support and flexible duty arrangements.",
                    ["Percentage of women in the police service", "Retention rate of women officers after five years"],
                    "Kestria National Police",
                    ["Kestria National Police"],
                    partners_printed="Public Service Commission",
                    partner_names=["Public Service Commission"],
                    years=[2025, 2026, 2027, 2028, 2029],
                    timeline="2025-2029",
                    budget=("USD 60,000", 60000.0, "USD"),
                ),
            ],
        ),
        Out(
            "2",
            "Women's organisations participate meaningfully in district peace and security gover"
            + SOFT_HYPHEN
            + "nance structures.",
            [
                Act(
                    "2.1",
                    "Provide small grants and mentoring to women-led organisations that monitor local "
                    "security committees and report on their gover" + SOFT_HYPHEN + "nance.",
                    ["Number of women-led organisations receiving grants", "Number of monitoring reports published"],
                    "Ministry of Gender and Family Affairs",
                    ["Ministry of Gender and Family Affairs"],
                    partners_printed="Development partners",
                    partner_names=["Development partners"],
                    years=[2025, 2026, 2027, 2028],
                    timeline="2025-2028",
                    budget=("USD 80,000", 80000.0, "USD"),
                    tight=("activity",),
                ),
                Act(
                    None,
                    "Train women members of district security committees on budgeting, oversight and public "
                    "hearings.",
                    ["Number of women committee members trained"],
                    "Ministry of Local Government",
                    ["Ministry of Local Government"],
                    partners_printed="CSOs, UNDP",
                    partner_names=["CSOs", "UNDP"],
                    years=[2026, 2027],
                    timeline="2026-2027",
                    budget=("USD 20,000", 20000.0, "USD"),
                ),
            ],
        ),
        Out(
            None,
            "Improved access of displaced and refugee women to protection, relief and recovery services.",
            [
                Act(
                    "3.1",
                    f"Set up con{L}dential case management and referral systems in camps and host communities, "
                    "with female staff available at every service point.",
                    [
                        "Percentage of camps with a con" + L + "dential referral pathway",
                        "Number of survivors referred to specialised services",
                    ],
                    "Department of Refugee Affairs",
                    ["Department of Refugee Affairs"],
                    partners_printed="UNHCR, IOM, CSOs",
                    partner_names=["UNHCR", "IOM", "CSOs"],
                    years=[2025, 2026, 2027, 2028, 2029],
                    timeline="2025-2029",
                    budget=("USD 150,000", 150000.0, "USD"),
                    tight=("indicators",),
                ),
                Act(
                    "3.2",
                    "Include women's livelihood and cash assistance in early recovery plans after floods and "
                    "other disasters.",
                    ["Number of women receiving cash assistance or livelihood support"],
                    "National Disaster Management Agency",
                    ["National Disaster Management Agency"],
                    partners_printed="WFP, CSOs",
                    partner_names=["WFP", "CSOs"],
                    years=[2027, 2028, 2029],
                    timeline="2027-2029",
                    budget=("USD 95,000", 95000.0, "USD"),
                ),
            ],
        ),
        Out(
            "4",
            "Increased national financing and accountability for the implementation of the National Action "
            "Plan.",
            [
                Act(
                    "4.1",
                    "Introduce a gender budget tag for NAP activities in the budget circulars of the Ministry of "
                    "Finance and in the annual reports of implementing ministries.",
                    [
                        "Gender budget tag introduced in the budget circular",
                        "Share of NAP activities with an allocated budget",
                    ],
                    "Ministry of Finance",
                    ["Ministry of Finance"],
                    partners_printed="Ministry of Gender and Family Affairs, UN Women",
                    partner_names=["Ministry of Gender and Family Affairs", "UN Women"],
                    years=[2026, 2027],
                    timeline="2026-2027",
                    budget=("USD 30,000", 30000.0, "USD"),
                    tight=("indicators",),
                ),
                Act(
                    None,
                    "Hold an annual public hearing on the implementation of the NAP with the parliamentary "
                    "committee on gender equality and civil society.",
                    ["Number of public hearings held", "Number of submissions received from CSOs"],
                    "Parliament of Kestria",
                    ["Parliament of Kestria"],
                    partners_printed="CSOs",
                    partner_names=["CSOs"],
                    years=[2025, 2026, 2027, 2028, 2029],
                    timeline="2025-2029",
                    budget=("USD 8,000", 8000.0, "USD"),
                ),
            ],
        ),
    ]


def build_en_rotated_tight(out_dir: pathlib.Path) -> list[pathlib.Path]:
    name = "en_rotated_tight"
    outputs = _sample3_outputs()
    goal = Goal(None, None, outputs, level_name=None, pillar=None)
    assign_ids([goal])
    check_institutions([a for o in outputs for a in o.activities])
    pdf = out_dir / f"{name}.pdf"
    c = new_canvas(pdf, "Second National Action Plan on Women, Peace and Security 2025-2029", "Republic of Kestria")
    font, bold = TTF_REGULAR, TTF_BOLD

    def footer(p: Pager):
        p.c.setFont(font, 7.5)
        p.c.drawCentredString(p.width / 2, 22, f"- {p.page} -")

    pager = Pager(c, footer)

    # page 1: ordinary portrait text page
    pager.new_page("portrait")
    W, H = PORTRAIT
    c.setFont(bold, 11)
    c.drawString(60, H - 80, "Republic of Kestria")
    c.setFont(bold, 17)
    c.drawString(60, H - 110, "Second National Action Plan on Women, Peace and Security")
    c.drawString(60, H - 132, "2025-2029")
    y = H - 175
    paras = [
        "The second National Action Plan (NAP) of the Republic of Kestria builds on the lessons of the first "
        "plan and concentrates on three areas where change is most needed: the response of the security sector "
        "to sexual and gender-based violence, the participation of women's organisations in local peace and "
        "security structures, and the protection of displaced and refugee women.",
        "The implementation matrix in Annex 2 lists, for each output, the activities, the indicators, the lead "
        "and partner institutions, the estimated budget and the timeframe. The matrix is a living document and "
        "will be reviewed by the NAP Steering Committee at the mid-term review in 2027.",
    ]
    for ptxt in paras:
        y = draw_paragraph(c, ptxt, 60, y, W - 120, font, 10, 14) - 10
    c.setFont(bold, 12)
    c.drawString(60, y - 10, "Annex 2: Implementation Matrix (see the following pages)")

    col_widths = [128.0, 180.0, 154.0, 95.0, 80.0, 66.0, 60.0]
    x0 = (LANDSCAPE[0] - sum(col_widths)) / 2
    header = [
        HeaderCell(0, 0, 0, 0, ["Output"]),
        HeaderCell(0, 0, 1, 1, ["Activities"]),
        HeaderCell(0, 0, 2, 2, ["Indicators"]),
        HeaderCell(0, 0, 3, 3, ["Lead"]),
        HeaderCell(0, 0, 4, 4, ["Partners"]),
        HeaderCell(0, 0, 5, 5, ["Budget"], align="right"),
        HeaderCell(0, 0, 6, 6, ["Timeframe"], align="center"),
    ]
    modes = iter(["rot_canvas", "rot_attr", "rot_canvas", "rot_attr"])
    cfg = TableCfg(
        col_widths=col_widths,
        x0=x0,
        header=header,
        header_rows=1,
        font=font,
        bold_font=bold,
        size=8.6,
        leading=10.5,
        pad=3.5,
        rules="hlines",
        header_policy="every_page",
        header_fill=colors.HexColor("#dce6f1"),
        span_col=0,
        page_mode="rot_canvas",
        bottom_margin=40,
    )

    def page_top(p: Pager, first: bool) -> float:
        if first:
            p.c.setFont(bold, 11)
            p.c.drawString(x0, p.height - 45, "Annex 2: Implementation Matrix")
            return p.height - 58
        return p.height - 40

    items: list = []
    for o in outputs:
        for k, a in enumerate(o.activities):
            cells = {}
            if k == 0:
                cells[0] = cell(f"Output {o.code}: {o.text}" if o.code else o.text)
            cells[1] = cell(f"{a.code} {a.text}" if a.code else a.text, tight="activity" in a.tight)
            cells[2] = cell(*a.indicators, bullet="-", tight="indicators" in a.tight)
            cells[3] = cell(a.inst_printed)
            cells[4] = cell(a.partners_printed or "")
            cells[5] = cell(a.budget[0] if a.budget else "", align="right")
            cells[6] = cell(a.timeline or "", align="center")
            items.append(DataRow(cells, rid=a.rid, group=o.rid))

    engine = TableEngine(pager, cfg, page_top)
    hyphen_breaks = [
        ln.text
        for row in items
        for ci in row.cells
        for ln in engine.cell_lines(row, ci)
        if ln is not GAP and ln.text.endswith("gover-")
    ]
    assert hyphen_breaks, "no cell breaks 'gover-' / 'nance' at a line end; adjust the text"
    orig_start = engine.start_page

    def start_page_alternating():
        cfg.page_mode = next(modes)
        return orig_start()

    engine.start_page = start_page_alternating  # type: ignore[method-assign]
    # the matrix runs over two rotated pages: one rotated with the canvas, one with /Rotate
    engine.run(items)
    pager.save()
    n_pages = c.getPageNumber() - 1
    assert engine.table_pages == 2, f"matrix should fill two rotated pages, got {engine.table_pages}"
    assert n_pages == 3

    pages = dict(engine.pages)
    for o in outputs:
        pages[o.rid] = pages[o.activities[0].rid]
    pages[goal.rid] = pages[outputs[0].rid]
    exp = expected_goals([goal], pages, "Output", "Activity")
    lig_note = (
        "'conﬁdential' is printed with the U+FB01 ligature glyph (DejaVuSans) and expected as 'confidential'. "
        if HAVE_DEJAVU
        else "DejaVuSans not found: ligatures were not used. "
    )
    notes = (
        "Generated sample (reportlab). The plan has no goal level: one placeholder goal (code, text, "
        "level_name null) holds the outputs; its page is the page of the first output. Output column = output "
        "('Output N:' gives code N, level_name 'Output'; the third output has no code). Activities column = "
        "activity (codes '1.1' where printed, else null). Indicators: one per '-' item. Lead column = lead "
        "institutions, Partners column = partner institutions. Budget as written 'USD 20,000'; Timeframe = "
        "timeline as written, years = years of the period. Page 1 is portrait text; page 2 is a portrait page "
        "whose content is drawn rotated 90 degrees (reads bottom-to-top); page 3 is a landscape page with "
        "/Rotate 90. Some cells are drawn word by word with ~0.9pt gaps (tight spacing). 'gover-'/'nance' "
        "is end-of-line hyphenation of 'governance'. " + lig_note
    )
    document = {
        "kind": "nap",
        "language": "en",
        "country": "Kestria",
        "plan_period": {"start": 2025, "end": 2029},
    }
    return [pdf, write_expected(out_dir, name, document, exp, notes)]


# ---------------------------------------------------------------------------
# Sample 4: progress report, no logframe
# ---------------------------------------------------------------------------


class _HeadingDoc(SimpleDocTemplate):
    """Records the page of every level-1 heading (for a correct table of contents)."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.heading_pages: dict[str, int] = {}

    def afterFlowable(self, flowable):
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            self.heading_pages.setdefault(flowable.getPlainText(), self.page)


def build_en_no_logframe(out_dir: pathlib.Path) -> list[pathlib.Path]:
    name = "en_no_logframe"
    pdf = out_dir / f"{name}.pdf"
    title = "First Annual Progress Report on the National Action Plan on Women, Peace and Security"
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13.5, spaceAfter=7)
    h1 = ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=6, spaceAfter=8)
    h2 = ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=5)
    ttl = ParagraphStyle("ttl", parent=base, fontName="Helvetica-Bold", fontSize=19, leading=24, alignment=1)
    sub = ParagraphStyle("sub", parent=base, fontSize=11, leading=15, alignment=1)

    def on_page(c, doc):
        c.saveState()
        c.setFont("Helvetica", 8)
        c.drawCentredString(PORTRAIT[0] / 2, 25, f"Progress Report 2024 - page {doc.page}")
        c.restoreState()

    TOC = [
        "Abbreviations",
        "1. Introduction",
        "2. Progress by pillar",
        "3. Statistics on women in decision-making and the security sector",
        "4. Challenges and lessons learned",
        "5. Recommendations for 2025",
    ]

    def make(toc_pages: dict[str, int]) -> dict[str, int]:
        doc = _HeadingDoc(
            str(pdf),
            pagesize=PORTRAIT,
            leftMargin=2.2 * cm,
            rightMargin=2.2 * cm,
            topMargin=2 * cm,
            bottomMargin=2 * cm,
            title=title,
            author="Republic of Tamora",
            creator="naplog sample generator",
            invariant=1,
        )
        s: list = []
        s.append(Spacer(1, 40))
        s.append(Paragraph("Republic of Tamora", sub))
        s.append(Paragraph("Secretary of State for Equality and Inclusion", sub))
        s.append(Spacer(1, 30))
        s.append(Paragraph(title, ttl))
        s.append(Spacer(1, 8))
        s.append(Paragraph("Reporting period: January - December 2024", sub))
        s.append(Spacer(1, 30))
        s.append(Paragraph("Table of Contents", h1))
        t = Table([[h, str(toc_pages.get(h, 2))] for h in TOC], colWidths=[380, 60])
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        s.append(t)
        s.append(PageBreak())
        s.append(Paragraph("Abbreviations", h1))
        abbr = [
            ("CSOs", "Civil Society Organisations"),
            ("MoWA", "Ministry of Women's Affairs"),
            ("NAP", "National Action Plan"),
            ("PNT", "National Police of Tamora"),
            ("SEI", "Secretary of State for Equality and Inclusion"),
            ("VPU", "Vulnerable Persons Unit"),
            ("WPS", "Women, Peace and Security"),
        ]
        t = Table([[a, b] for a, b in abbr], colWidths=[70, 370])
        t.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "Helvetica-Bold", 9.5), ("FONT", (1, 0), (1, -1), "Helvetica", 9.5)]))
        s.append(t)
        s.append(Paragraph("1. Introduction", h1))
        for txt in [
            "This report presents the progress made during the first year of implementation of the National Action "
            "Plan on Women, Peace and Security 2024-2028. It was prepared by the SEI on the basis of the reports "
            "submitted by line ministries, the PNT and the members of the civil society monitoring group, and was "
            "validated at a national workshop held in Port Aurel in February 2025.",
            "Overall, 21 of the 34 activities planned for 2024 were started, seven were completed and six had not "
            "started by the end of the year, mainly because the budget allocations for the Plan were approved only "
            "in the second half of the year.",
        ]:
            s.append(Paragraph(txt, base))
        s.append(Paragraph("2. Progress by pillar", h1))
        for head, txt in [
            (
                "Pillar 1: Participation",
                "Leadership training was delivered to 412 women candidates in eleven municipalities before the suco "
                "elections. Women now hold 21% of suco chief positions, compared with 15% in 2021. The inter-ministerial "
                "working group agreed to develop criteria on gender equality for senior appointments in 2025.",
            ),
            (
                "Pillar 2: Prevention",
                "Community awareness sessions on domestic and sexual violence reached more than 9,000 people. Gender "
                "indicators were added to the national early warning system, although data collection started only "
                "in four municipalities.",
            ),
            (
                "Pillar 3: Protection, relief and recovery",
                "Two new Vulnerable Persons Units were opened, bringing the total to nine of the thirteen "
                "municipalities. After the floods of April 2024, dignity kits were distributed to 3,200 women and "
                "girls, and women's committees took part in the management of six evacuation centres.",
            ),
        ]:
            s.append(Paragraph(head, h2))
            s.append(Paragraph(txt, base))
        s.append(Paragraph("3. Statistics on women in decision-making and the security sector", h1))
        s.append(Paragraph("Table 1: Women in the National Parliament, 2012-2024", h2))
        parl = [["Year", "Seats held by women", "Total seats", "% women"]]
        for yr, w, tot in [(2012, 25, 65), (2017, 21, 65), (2018, 21, 65), (2023, 23, 65), (2024, 24, 65)]:
            parl.append([str(yr), str(w), str(tot), f"{100 * w / tot:.1f}%"])
        t = Table(parl, colWidths=[80, 130, 100, 90])
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                    ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9d9")),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        s.append(t)
        s.append(Paragraph("Source: National Parliament secretariat.", ParagraphStyle("src", parent=base, fontSize=8)))
        s.append(Paragraph("Table 2: Personnel of the National Police of Tamora by sex and rank, December 2024", h2))
        pol = [["Rank", "Women", "Men", "Total", "% women"]]
        for rank, w, m in [
            ("Senior officers", 12, 118),
            ("Inspectors", 57, 402),
            ("Sergeants", 140, 786),
            ("Agents", 611, 2367),
        ]:
            pol.append([rank, str(w), str(m), str(w + m), f"{100 * w / (w + m):.1f}%"])
        tw, tm = sum(int(r[1]) for r in pol[1:]), sum(int(r[2]) for r in pol[1:])
        pol.append(["Total", str(tw), str(tm), str(tw + tm), f"{100 * tw / (tw + tm):.1f}%"])
        t = Table(pol, colWidths=[120, 70, 70, 70, 70])
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                    ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                    ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9d9")),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        s.append(t)
        s.append(Paragraph("4. Challenges and lessons learned", h1))
        for txt in [
            "The main challenge was the late release of funds: most ministries did not have a budget line for WPS "
            "activities and had to rely on development partners. Sex-disaggregated data remain scarce outside the "
            "police and the electoral administration, which made several indicators of the Plan impossible to "
            "measure in the first year.",
            "Coordination improved after the working group started meeting every quarter, and the participation of "
            "CSOs in the monitoring visits helped to identify problems early, in particular the lack of women "
            "officers in the remote VPUs and the distance between survivors and the nearest referral centre.",
        ]:
            s.append(Paragraph(txt, base))
        s.append(Paragraph("5. Recommendations for 2025", h1))
        for txt in [
            "Include a specific WPS budget line in the annual plans of the ministries responsible for activities "
            "under the NAP.",
            "Agree on a common set of sex-disaggregated data to be reported every six months by all implementing "
            "institutions.",
            "Prioritise the opening of VPUs in the four remaining municipalities and the recruitment of women "
            "officers to staff them.",
        ]:
            s.append(Paragraph(txt, base, bulletText="\u2022"))
        doc.build(s, onFirstPage=on_page, onLaterPages=on_page)
        return doc.heading_pages

    # two passes: the table of contents shows the pages where the headings really fall
    toc_pages = make({})
    if make(toc_pages) != toc_pages:
        raise RuntimeError("table of contents page numbers did not settle")
    notes = (
        "Negative sample: an annual progress report with a table of contents, an abbreviation list, two "
        "statistics tables and narrative text (mentions of pillars and activities are narrative, not a results "
        "framework). No logframe, so goals is empty. plan_period is the period of the plan the report covers "
        "(2024-2028), which links the report to its plan."
    )
    document = {"kind": "report", "language": "en", "country": "Tamora", "plan_period": {"start": 2024, "end": 2028}}
    return [pdf, write_expected(out_dir, name, document, [], notes)]


# ---------------------------------------------------------------------------


BUILDERS = [
    build_en_ruled_repeated_header,
    build_es_unruled_landscape,
    build_en_rotated_tight,
    build_en_no_logframe,
]


def build_all(out_dir: pathlib.Path) -> list[pathlib.Path]:
    """Write every sample's PDF and expected JSON into out_dir; return the written paths."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[pathlib.Path] = []
    for b in BUILDERS:
        written.extend(b(out_dir))
    return written


if __name__ == "__main__":
    for p in build_all(pathlib.Path(os.path.dirname(os.path.abspath(__file__)))):
        print(p)
