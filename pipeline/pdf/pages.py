"""What the review needs of a PDF's pages: their sizes, the page numbers printed on them, and a copy
of the document that holds only some of them.

- ``page_sizes`` gives each page's width and height in points as it is shown (after ``/Rotate``),
  the space record boxes are given in.
- ``printed_page_numbers`` gives the number a reader sees on a page, which is rarely its place in
  the file (covers, front matter numbered i, ii, ...): the PDF's own page labels when it has them,
  else a number standing alone at the top or bottom edge of the page (``furniture.PAGE_NUMBER``),
  kept only when it runs in step with the file's pages (the same offset on most pages), so a stray
  figure in a footer is not taken for one.
- ``page_subset`` copies the given pages into a new PDF (PDFium's page import: fonts and images
  the pages use come along, nothing else), which the review embeds instead of the whole file.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.errors import InputError
from pipeline.pdf.furniture import PAGE_NUMBER

# The share of the page height (as shown) searched for a printed page number at the top and bottom.
EDGE_SHARE = 0.1
_FIRST_NUMBER = re.compile(r"\d{1,4}")
_LEADING = re.compile(r"(\d{1,4})\s*[|·•–—-]?\s+[^\W\d_]")
_TRAILING = re.compile(r"[^\W\d_][.:]?\s*[|·•–—-]?\s+(\d{1,4})$")


def page_sizes(doc: pdfium.PdfDocument, pages: Iterable[int]) -> dict[int, tuple[float, float]]:
    """(width, height) in points of each given 1-based page, as shown; pages beyond the end are left out."""
    return {n: tuple(doc[n - 1].get_size()) for n in pages if 1 <= n <= len(doc)}


def _edge_texts(page: pdfium.PdfPage) -> list[str]:
    """The text lines in the top and bottom bands of a page as shown, in the page's own coordinates."""
    w, h = page.get_size()
    if page.get_rotation() in (90, 270):
        w, h = h, w  # the unrotated page: its left and right edges are shown at the top and bottom
        bands = [(0, 0, w * EDGE_SHARE, h), (w * (1 - EDGE_SHARE), 0, w, h)]
    else:
        bands = [(0, h * (1 - EDGE_SHARE), w, h), (0, 0, w, h * EDGE_SHARE)]
    textpage = page.get_textpage()
    try:
        return [line for band in bands for line in textpage.get_text_bounded(*band).splitlines()]
    finally:
        textpage.close()


def _candidates(line: str) -> set[int]:
    """Numbers a line at the page's edge may print as the page number: the line is the number
    ("12", "Page 12 of 80"), or it starts or ends with it beside a running title ("12  Plan National
    d'Adaptation", "40 | P a g e")."""
    line = line.strip()
    if PAGE_NUMBER.match(line):
        return {int(_FIRST_NUMBER.search(line).group(0))}
    return {int(m.group(1)) for m in (_LEADING.match(line), _TRAILING.search(line)) if m}


def printed_page_numbers(doc: pdfium.PdfDocument, pages: Iterable[int]) -> dict[int, str]:
    """The page number printed on each given 1-based page, where one is known (see the module)."""
    wanted = [n for n in sorted(set(pages)) if 1 <= n <= len(doc)]
    labels = {n: doc.get_page_label(n - 1) for n in wanted}
    if any(labels.values()):
        return {n: label for n, label in labels.items() if label}
    found: dict[int, set[int]] = {}
    for n in wanted:
        page = doc[n - 1]
        try:
            found[n] = {c for line in _edge_texts(page) for c in _candidates(line)}
        finally:
            page.close()
    offsets = Counter(offset for n, numbers in found.items() for offset in {c - n for c in numbers})
    if not offsets:
        return {}
    offset, count = offsets.most_common(1)[0]
    if count < 2 and len(wanted) > 1:
        return {}  # numbers that do not run in step with the pages are not page numbers
    return {n: str(n + offset) for n, numbers in found.items() if n + offset in numbers}


def page_subset(doc: pdfium.PdfDocument, pages: Iterable[int]) -> bytes:
    """A new PDF holding the given 1-based pages in order (pages beyond the end are left out)."""
    wanted = [n for n in sorted(set(pages)) if 1 <= n <= len(doc)]
    subset = pdfium.PdfDocument.new()
    try:
        subset.import_pages(doc, [n - 1 for n in wanted])
        buf = io.BytesIO()
        subset.save(buf)
        return buf.getvalue()
    finally:
        subset.close()


def open_pdf(path: Path | str) -> pdfium.PdfDocument:
    """The PDF at ``path`` opened by PDFium (the caller closes it); ``InputError`` when it cannot be."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"the PDF cannot be opened ({exc})") from None
