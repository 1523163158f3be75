"""PDF pages as words, ruling edges and page geometry: the page model, and ``read_pdf``.

``read_pdf`` reads with PDFium (``pipeline.triage``, ``pipeline.pdfium_reader``) by default;
pdfplumber's reading (``pipeline.pdfplumber_reader``) is the reference, and both build words the
same way (``layout_from_objects``).

Each page is returned in an *upright frame*: when most of a page's text is rotated (a landscape
table printed on a portrait page), characters and edges are turned so that the text reads left to
right, and ``PageLayout.to_page_bbox`` maps boxes back to the page as displayed. Text that runs
across the main direction (a rotated running header in the margin) is left out.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from pipeline.gc_tuning import with_fewer_collections
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings

try:  # pipeline/_lines.c, built at install when a C compiler is there (setup.py; pip goes on without it)
    from pipeline import _lines as compiled_lines
except ImportError:
    compiled_lines = None

# pdfplumber's ligature expansion (``pdfplumber.utils.text.LIGATURES``; the tests check they agree).
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_HAS_LIGATURE = re.compile("[" + "".join(LIGATURES) + "]")
BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi", ",b")


def sha256_of(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Word(NamedTuple):
    """A word and its box in the page's upright frame. A named tuple, not a frozen dataclass: pages
    hold hundreds of words and a tuple is built several times faster."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


class Edge(NamedTuple):
    """A ruling line in the page's upright frame. A named tuple, as ``Word``: a ruled page holds
    hundreds of them (a rectangle gives four)."""

    orientation: str  # "h" or "v"
    x0: float
    top: float
    x1: float
    bottom: float

    def as_pdfplumber(self) -> dict:
        return {
            "orientation": self.orientation, "x0": self.x0, "x1": self.x1, "top": self.top,
            "bottom": self.bottom, "width": self.x1 - self.x0, "height": self.bottom - self.top,
            "object_type": "line",
        }


_TOP = attrgetter("top")
_X0 = attrgetter("x0")


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float  # of the upright frame
    height: float
    words: list[Word]
    edges: list[Edge]
    rotation: int = 0  # 0, 90 (text read bottom-to-top) or 270 (top-to-bottom)
    page_width: float = 0.0  # of the page as displayed
    page_height: float = 0.0
    # False for a text page read by PDFium in triage (words only, no ruling edges): table
    # extractors skip those (see pipeline/triage.py).
    full: bool = True
    _text: str | None = field(default=None, repr=False)
    # (the words list they were built from, its lines): see extractors.grid.page_lines.
    _lines: tuple | None = field(default=None, repr=False, compare=False)

    def to_page_bbox(self, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """Map a box in the upright frame back to the page as displayed (pdfplumber coordinates)."""
        x0, top, x1, bottom = bbox
        if self.rotation == 90:
            return (top, self.page_height - x1, bottom, self.page_height - x0)
        if self.rotation == 270:
            return (self.page_width - bottom, x0, self.page_width - top, x1)
        return bbox

    def text(self) -> str:
        """The page's words in reading order, one text line per visual line (``py_page_text``, by
        its compiled half in ``pipeline/_lines.c`` when that was built)."""
        if self._text is None:
            text = None if compiled_lines is None else compiled_lines.page_text(self.words, Word)
            self._text = py_page_text(self.words) if text is None else text
        return self._text


def py_page_text(words: list[Word]) -> str:
    """The words sorted by (rounded top, x0), ties in their order; a new line where a word's top is
    over 2 pt from its line's first word's; each line's words left to right, joined by spaces."""
    # The sort keys are built in C (a Python key function per word cost as much as the rest).
    order = sorted(zip(map(round, map(_TOP, words)), map(_X0, words), range(len(words))))
    lines: list[list[Word]] = []
    line: list[Word] = []
    first_top = 0.0
    for _, _, i in order:
        w = words[i]
        if line and abs(first_top - w.top) <= 2:
            line.append(w)
        else:
            line = [w]
            lines.append(line)
            first_top = w.top
    return "\n".join(" ".join([w.text for w in sorted(line, key=_X0)]) for line in lines)


@dataclass
class PdfDocument:
    path: Path
    sha256: str
    pages: list[PageLayout]
    total_pages: int | None = None  # of the file, when only some pages were read
    # Running headers, footers and page numbers taken off the pages (pipeline.extract.remove_furniture).
    furniture_removed: bool = False

    @property
    def page_count(self) -> int:
        return self.total_pages if self.total_pages is not None else len(self.pages)


def _rotate_char(c: dict, rotation: int, width: float, height: float) -> dict:
    x0, top, x1, bottom = c["x0"], c["top"], c["x1"], c["bottom"]
    if rotation == 90:
        nx0, nx1, ntop, nbottom = height - bottom, height - top, x0, x1
    else:
        nx0, nx1, ntop, nbottom = top, bottom, width - x1, width - x0
    # pdfminer gives a rotated glyph's advance as its "size"; the font size is across the line.
    # Rounded: words break where the size changes, and a difference of floats is not constant.
    size = round(nbottom - ntop, 3)
    return {**c, "x0": nx0, "x1": nx1, "top": ntop, "bottom": nbottom, "upright": True,
            "width": nx1 - nx0, "height": nbottom - ntop, "size": size}


def _rotate_edge(e: dict, rotation: int, width: float, height: float) -> Edge:
    orientation = "v" if e["orientation"] == "h" else "h"
    if rotation == 90:
        return Edge(orientation, height - e["bottom"], e["x0"], height - e["top"], e["x1"])
    return Edge(orientation, e["top"], width - e["x1"], e["bottom"], width - e["x0"])


def _content_rotation(chars: list[dict], settings: ExtractionSettings) -> int:
    if not chars:
        return 0
    rotated = [c for c in chars if not c.get("upright", True)]
    if len(rotated) <= settings.rotated_share * len(chars):
        return 0
    # The text matrix's b component says which way rotated text runs: up the page or down.
    up = sum(1 for c in rotated if c["matrix"][1] > 0)
    return 90 if up >= len(rotated) - up else 270


def words_from_chars(chars: list[dict], x_tolerance_ratio: float, y_tolerance: float) -> list[Word]:
    """Words as pdfplumber's ``WordExtractor`` builds them with naplog's settings (``use_text_flow``,
    ``extra_attrs=["size"]``, ligatures expanded, tolerances along the line relative to the
    font size), in one pass instead of its generic layers of generators and dicts, which cost as
    much as reading the characters (the tests compare the two on every sample page).

    Characters are taken in content order, not clustered into lines by position: clustering
    chains through the rows of neighbouring columns whose tops fall within the tolerance, and
    interleaves their characters into one line. A word ends at a space, where the upright flag or
    the size changes, where the next character starts left of the last one's start or further
    than ``x_tolerance_ratio`` times its size after its end, or where the tops differ by more
    than ``y_tolerance``. Its box spans its characters; it is bold when most of them are.
    """
    words: list[Word] = []
    run: list[dict] = []
    group: tuple | None = None
    for c in chars:
        g = (c["upright"], c["size"])
        if g != group:
            if run:
                _add_word(run, words)
                run = []
            group = g
        if c["text"].isspace():
            if run:
                _add_word(run, words)
                run = []
        elif run:
            p = run[-1]
            x = c["x0"]
            if x < p["x0"] or x > p["x1"] + x_tolerance_ratio * p["size"] or abs(c["top"] - p["top"]) > y_tolerance:
                _add_word(run, words)
                run = [c]
            else:
                run.append(c)
        else:
            run = [c]
    if run:
        _add_word(run, words)
    return words


def _add_word(run: list[dict], words: list[Word]) -> None:
    add_word([(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], is_bold_font(c.get("fontname") or ""))
              for c in run], run[0]["size"], words)


_make_word = tuple.__new__  # Word(...) without its Python-level __new__: once per word


def add_word(run: list[tuple], size: float | None, words: list[Word]) -> None:
    """Append the word made of ``run``'s characters, each (text, x0, x1, top, bottom, bold), all of
    one ``size``: its text with ligatures expanded (none when it is blank), its box spanning them,
    bold when most of them are."""
    if len(run) == 1:
        ch, x0, x1, top, bottom, bold = run[0]
        text = LIGATURES.get(ch, ch)
        if text.strip():
            words.append(Word(text, x0, top, x1, bottom, float(size or 0), bold))
        return
    texts, x0s, x1s, tops, bottoms, bolds = zip(*run)
    text = "".join(texts)
    if _HAS_LIGATURE.search(text):
        text = "".join([LIGATURES.get(c, c) for c in texts])
    if not text.strip():
        return
    words.append(_make_word(Word, (text, min(x0s), min(tops), max(x1s), max(bottoms), float(size or 0),
                                   sum(bolds) * 2 > len(run))))


@functools.lru_cache(maxsize=1024)
def is_bold_font(fontname: str) -> bool:
    name = (fontname or "").lower()
    return any(m in name for m in BOLD_MARKERS)


def layout_from_objects(number: int, width: float, height: float, chars: list[dict], raw_edges: list[dict],
                        settings: ExtractionSettings = DEFAULT_SETTINGS) -> PageLayout:
    """Words and edges in the page's upright frame, from pdfplumber-style character and edge dicts
    (pdfplumber's own, or PDFium's made alike by ``pipeline.pdfium_reader``)."""
    chars = [c for c in chars if c.get("text", "").strip() or c.get("text") == " "]
    rotation = _content_rotation(chars, settings)
    raw_edges = [e for e in raw_edges if e.get("orientation") in ("h", "v")]
    if rotation:
        chars = [_rotate_char(c, rotation, width, height) for c in chars if not c.get("upright", True)]
        edges = [_rotate_edge(e, rotation, width, height) for e in raw_edges]
        frame_w, frame_h = height, width
    else:
        chars = [c for c in chars if c.get("upright", True)]
        edges = [Edge(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in raw_edges]
        frame_w, frame_h = width, height
    words = words_from_chars(chars, settings.x_tolerance_ratio, settings.y_tolerance)
    return PageLayout(number, frame_w, frame_h, words, edges, rotation, width, height)


@with_fewer_collections
def read_pdf(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
             pages: set[int] | None = None, *, triage: bool = True, reader: str = "pdfium") -> PdfDocument:
    """The document's pages.

    By default every page is first read cheaply by PDFium (``pipeline.triage``) and only the pages
    that may hold a table are read in full (``pipeline.pdfium_reader``: words and ruling edges as
    pdfplumber gives them); the others stay text pages (``PageLayout.full`` is False).
    ``triage=False`` reads every page in full. With ``pages``, only those pages are read, in full
    (the cover is always read: it says what the document is); ``page_count`` is then the number of
    pages of the file. ``reader="pdfplumber"`` reads every page (or ``pages``) with pdfplumber
    itself: the reference the PDFium reading is tested against, and ten times slower.
    """
    path = Path(path)
    wanted = None if pages is None else set(pages) | {1, 2}
    total = None
    if reader == "pdfplumber":
        from pipeline.pdfplumber_reader import iter_pages, open_pdf

        layouts = list(iter_pages(path, settings, wanted))
        if wanted is not None:
            with open_pdf(path) as pdf:
                total = len(pdf.pages)
        return PdfDocument(path=path, sha256=sha256_of(path), pages=layouts, total_pages=total)
    if reader != "pdfium":
        raise ValueError(f"unknown reader {reader!r} (pdfium or pdfplumber)")
    from pipeline.triage import triage_pdf

    _, layouts = triage_pdf(path, settings=settings, only=wanted, read_all=not triage)
    if wanted is not None:
        import pypdfium2

        with pypdfium2.PdfDocument(str(path)) as doc:
            total = len(doc)
    return PdfDocument(path=path, sha256=sha256_of(path), pages=layouts, total_pages=total)

