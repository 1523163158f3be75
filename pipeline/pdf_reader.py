"""Read PDF pages into words, ruling edges and page geometry (pdfplumber).

Each page is returned in an *upright frame*: when most of a page's text is rotated (a landscape
table printed on a portrait page), characters and edges are turned so that the text reads left to
right, and ``PageLayout.to_page_bbox`` maps boxes back to the page as displayed. Text that runs
across the main direction (a rotated running header in the margin) is left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import WordExtractor

from pipeline.errors import InputError
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings

BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi", ",b")


def sha256_of(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Word:
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
    _text: str | None = field(default=None, repr=False)

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
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError(path, "not a PDF (the file does not start with %PDF-)")
    try:
        pdf = pdfplumber.open(path)
        n = len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(path, f"the PDF is encrypted or password-protected ({type(exc).__name__})") from exc
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, "the PDF is encrypted or password-protected") from exc
        raise InputError(path, f"the PDF is damaged and cannot be read ({cause!s})") from exc
    if n == 0:
        pdf.close()
        raise InputError(path, "the PDF has no pages")
    return pdf


def iter_pages(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
               pages: set[int] | None = None) -> Iterator[PageLayout]:
    """Pages one at a time (only the 1-based numbers in ``pages`` when given), releasing
    pdfplumber's per-page caches as it goes."""
    pdf = open_pdf(path)
    try:
        for page in pdf.pages:
            if pages is not None and page.page_number not in pages:
                continue
            try:
                yield read_page(page, settings)
            except Exception as exc:  # noqa: BLE001 - any pdfminer failure on a page is a damaged file
                raise InputError(path, f"page {page.page_number} cannot be read ({type(exc).__name__}: {exc})") from exc
            finally:
                page.close()
    finally:
        pdf.close()


def read_pdf(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
             pages: set[int] | None = None) -> PdfDocument:
    """The document's pages; with ``pages``, only those (the cover is always read: it says what
    the document is). ``page_count`` is then the number of pages read, not of the file."""
    path = Path(path)
    wanted = None if pages is None else set(pages) | {1, 2}
    layouts = list(iter_pages(path, settings, wanted))
    total = None
    if wanted is not None:
        with open_pdf(path) as pdf:
            total = len(pdf.pages)
    return PdfDocument(path=path, sha256=sha256_of(path), pages=layouts, total_pages=total)
