"""Read PDF pages with pdfplumber (pdfminer): the reference reading.

``pipeline.pdf.reader.read_pdf`` reads with PDFium by default (``pipeline.pdf.pdfium_reader``), ten times
faster; this module is what it is tested against (``read_pdf(reader="pdfplumber")``), what reads a
page PDFium cannot hold whole (over 32,767 characters, see ``pipeline.pdf.triage``), and what names
the problem of a file PDFium refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import MethodType

import pdfplumber
from pdfminer.layout import LTChar, LTCurve, LTItem
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import InputError
from pipeline.pdf.deadline import check_deadline
from pipeline.pdf.filetype import describe_content
from pipeline.pdf.model import PageLayout
from pipeline.pdf.words import layout_from_objects
from pipeline.settings import (
    DEFAULT_SETTINGS,
    ExtractionSettings,
    Limits,
    current_limits,
    limit_exceeded,
)

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
    """The page read by pdfplumber (pdfminer): the reference reading (see ``pipeline.pdf.pdfium_reader``)."""
    return layout_from_objects(page.page_number, float(page.width), float(page.height), page.chars,
                               page.edges, settings)


def open_pdf(path: Path | str) -> pdfplumber.PDF:
    """Open a PDF or raise an ``InputError`` that names the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file", inherent=False)
    if not path.is_file():
        raise InputError(path, "not a file", inherent=False)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})", inherent=False) from None
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
    ``pipeline.pdf.preflight.current_limits``) and the time limit before it is laid out.
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
