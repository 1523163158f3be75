"""Read PDF pages into words, ruling edges and page geometry (pdfplumber).

Each page is returned in an *upright frame*: when most of a page's text is rotated (a landscape
table printed on a portrait page), characters and edges are turned so that the text reads left to
right, and ``PageLayout.to_page_bbox`` maps boxes back to the page as displayed. Text that runs
across the main direction (a rotated running header in the margin) is left out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType
from typing import NamedTuple

import pdfplumber
from pdfminer.layout import LTChar, LTCurve, LTItem
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import WordExtractor

from pipeline.deadline import check_deadline
from pipeline.errors import InputError
from pipeline.input_checks import current_limits, describe_content
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings, Limits, limit_exceeded

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


@dataclass(frozen=True, slots=True)
class Edge:
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
        """The page's words in reading order, one text line per visual line."""
        if self._text is None:
            lines: list[list[Word]] = []
            for w in sorted(self.words, key=lambda w: (round(w.top), w.x0)):
                if lines and abs(lines[-1][0].top - w.top) <= 2:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            self._text = "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)
        return self._text


@dataclass
class PdfDocument:
    path: Path
    sha256: str
    pages: list[PageLayout]
    total_pages: int | None = None  # of the file, when only some pages were read

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
    size = nbottom - ntop
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


def _is_bold(fontname: str) -> bool:
    name = (fontname or "").lower()
    return any(m in name for m in BOLD_MARKERS)


# The attributes naplog reads from pdfplumber's objects: their geometry, and a character's text,
# font and orientation. pdfplumber's own ``Page.process_object`` also resolves every colour,
# colour space and graphics state of every character, which is a third of a page's read time.
_LEAN_ATTRS = ("x0", "x1", "y0", "y1", "width", "height", "size", "adv", "fontname", "upright", "matrix",
               "pts", "linewidth", "stroke", "fill")


def _lean_process_object(page: pdfplumber.page.Page, obj: LTItem) -> dict:
    """``Page.process_object`` for the attributes in ``_LEAN_ATTRS``, with the same coordinates
    (top/bottom from the page height and MediaBox, as pdfplumber 0.11 computes them)."""
    kind = type(obj).__name__[2:].lower()  # LTChar -> char, LTRect -> rect
    values = obj.__dict__
    attr = {k: values[k] for k in _LEAN_ATTRS if k in values}
    attr["object_type"] = kind
    attr["page_number"] = page.page_number
    if isinstance(obj, LTChar):
        attr["text"] = obj.get_text()
        if isinstance(attr.get("fontname"), bytes):
            attr["fontname"] = attr["fontname"].decode("latin-1")
    elif isinstance(obj, LTCurve):
        attr["pts"] = [page.point2coord(pt) for pt in attr["pts"]]
    mb_x0, mb_top = page.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (page.height - attr["y1"]) + mb_top
        attr["bottom"] = (page.height - attr["y0"]) + mb_top
        attr["doctop"] = page.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def use_lean_objects(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """Make ``page`` build its objects with ``_lean_process_object`` (before anything reads them)."""
    if page.pdf.unicode_norm is None and not page.pdf.laparams:
        page.process_object = MethodType(_lean_process_object, page)  # type: ignore[method-assign]
    return page


def read_page(page: pdfplumber.page.Page, settings: ExtractionSettings = DEFAULT_SETTINGS) -> PageLayout:
    width, height = float(page.width), float(page.height)
    chars = [c for c in page.chars if c.get("text", "").strip() or c.get("text") == " "]
    rotation = _content_rotation(chars, settings)
    raw_edges = [e for e in page.edges if e.get("orientation") in ("h", "v")]
    if rotation:
        chars = [_rotate_char(c, rotation, width, height) for c in chars if not c.get("upright", True)]
        edges = [_rotate_edge(e, rotation, width, height) for e in raw_edges]
        frame_w, frame_h = height, width
    else:
        chars = [c for c in chars if c.get("upright", True)]
        edges = [Edge(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in raw_edges]
        frame_w, frame_h = width, height
    extractor = WordExtractor(
        x_tolerance_ratio=settings.x_tolerance_ratio,
        y_tolerance=settings.y_tolerance,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size"],
        expand_ligatures=True,
    )
    words: list[Word] = []
    for w, wchars in extractor.iter_extract_tuples(chars):
        text = w["text"]
        if not text.strip():
            continue
        bold = sum(_is_bold(c.get("fontname", "")) for c in wchars) * 2 > len(wchars)
        words.append(Word(text, w["x0"], w["top"], w["x1"], w["bottom"], float(w.get("size") or 0), bold))
    return PageLayout(page.page_number, frame_w, frame_h, words, edges, rotation, width, height)


def open_pdf(path: Path | str) -> pdfplumber.PDF:
    """Open a PDF or raise an ``InputError`` that names the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if not head:
        raise InputError(path, "empty file (0 bytes)")
    if b"%PDF-" not in head[:1024]:
        what = describe_content(path, head)
        raise InputError(path, f"not a PDF: {what}" if what else "not a PDF (the file does not start with %PDF-)")
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(path, f"the PDF is encrypted or password-protected ({type(exc).__name__})") from exc
    except Exception as exc:  # noqa: BLE001 - whatever pdfminer trips on, the file is damaged
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, "the PDF is encrypted or password-protected") from exc
        raise InputError(path, f"the PDF is damaged and cannot be read ({_reason(cause)})") from exc
    try:
        n = len(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - a broken page tree
        pdf.close()
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        raise InputError(path, f"the PDF is damaged and its pages cannot be read ({_reason(cause)})") from exc
    if n == 0:
        pdf.close()
        raise InputError(path, "the PDF is damaged: no page can be read from it (its cross-reference table or "
                               "page tree is broken)")
    return pdf


def _reason(exc: object) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text and isinstance(exc, BaseException) else (text or type(exc).__name__)


# A literal string, with one level of balanced parentheses inside, or a hex string: the text shown
# by a content stream is inside these, one byte (or two hex digits) or more per character.
_PDF_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<([0-9A-Fa-f\s]*)>", re.DOTALL)


def _page_content(page: pdfplumber.page.Page) -> bytes:
    """The page's content streams, inflated (pdfminer keeps them: interpreting the page reuses them)."""
    streams = (resolve1(s) for s in page.page_obj.contents or [])
    return b"".join(s.get_data() for s in streams if hasattr(s, "get_data"))


def _max_chars_shown(content: bytes) -> int:
    """The most characters a content stream can show by itself (its strings' bytes)."""
    total = 0
    for m in _PDF_STRING.finditer(content):
        total += len(re.sub(rb"\s", b"", m.group(1))) // 2 if m.group(1) is not None else len(m.group(0)) - 2
    return total


def check_page(path: Path | str, page: pdfplumber.page.Page, limits: Limits) -> None:
    """Limits checked on a page before pdfminer lays it out, and its characters after."""
    check_deadline()
    number = page.page_number
    if limit_exceeded(number, limits.max_pages):
        raise InputError(path, f"the PDF has more than {limits.describe('max_pages')} pages; it was not read")
    if not (limits.max_page_content_mb or limits.max_page_chars):
        return
    content = _page_content(page)
    if limit_exceeded(len(content) / (1 << 20), limits.max_page_content_mb):
        raise InputError(path, f"page {number} holds {len(content) / (1 << 20):.1f} MB of drawing instructions, "
                               f"more than the limit of {limits.describe('max_page_content_mb')} MB per page")
    if limits.max_page_chars and len(content) > limits.max_page_chars:
        shown = _max_chars_shown(content)
        if shown > limits.max_page_chars:
            raise InputError(path, f"page {number} has about {shown} characters, more than the limit of "
                                   f"{limits.describe('max_page_chars')} per page")


def iter_pages(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
               pages: set[int] | None = None, limits: Limits | None = None) -> Iterator[PageLayout]:
    """Pages one at a time (only the 1-based numbers in ``pages`` when given), releasing
    pdfplumber's per-page caches as it goes.

    Each page is checked against ``limits`` (default: the document's, see
    ``pipeline.input_checks.current_limits``) and the time limit before it is laid out.
    """
    limits = limits or current_limits()
    pdf = open_pdf(path)
    try:
        for page in pdf.pages:
            if pages is not None and page.page_number not in pages:
                continue
            use_lean_objects(page)
            try:
                check_page(path, page, limits)
                n_chars = len(page.chars)
                if limit_exceeded(n_chars, limits.max_page_chars):
                    raise InputError(path, f"page {page.page_number} has {n_chars} characters, more than the "
                                           f"limit of {limits.describe('max_page_chars')} per page")
                yield read_page(page, settings)
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - any pdfminer failure on a page is a damaged file
                cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
                raise InputError(path, f"page {page.page_number} cannot be read ({_reason(cause)})") from exc
            finally:
                page.close()
    finally:
        pdf.close()


def read_pdf(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
             pages: set[int] | None = None, *, triage: bool = True) -> PdfDocument:
    """The document's pages.

    By default every page is first read cheaply by PDFium (``pipeline.triage``) and only the pages
    that may hold a table are read in full by pdfplumber; the others stay text pages
    (``PageLayout.full`` is False). ``triage=False`` reads every page in full. With ``pages``, only
    those pages are read, in full (the cover is always read: it says what the document is);
    ``page_count`` is then the number of pages of the file.
    """
    path = Path(path)
    if pages is not None or not triage:
        wanted = None if pages is None else set(pages) | {1, 2}
        layouts = list(iter_pages(path, settings, wanted))
        total = None
        if wanted is not None:
            with open_pdf(path) as pdf:
                total = len(pdf.pages)
        return PdfDocument(path=path, sha256=sha256_of(path), pages=layouts, total_pages=total)
    from pipeline.triage import triage_pdf

    surveys, layouts = triage_pdf(path)
    full = {s.number for s in surveys if s.full}
    by_number = {p.number: p for p in layouts}
    for page in iter_pages(path, settings, full):
        by_number[page.number] = page
    return PdfDocument(path=path, sha256=sha256_of(path), pages=[by_number[n] for n in sorted(by_number)])
