"""Reading a PDF into pages: ``read_pdf``, the entry point of the pdf layer.

``read_pdf`` reads with PDFium (``pipeline.pdf.triage``, ``pipeline.pdf.pdfium_reader``) by default;
pdfplumber's reading (``pipeline.pdf.pdfplumber_reader``) is the reference, and both build words the
same way (``pipeline.pdf.words.layout_from_objects``). ``pipeline.pdf.preflight.read_checked`` checks
a file before it is read and reads it within the input limits.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from pipeline.gc_tuning import with_fewer_collections
from pipeline.pdf.lines import repair_letter_spacing
from pipeline.pdf.model import PageLayout, PdfDocument, sha256_of
from pipeline.pdf.triage import triage_pdf
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings


def drop_words_off_the_page(page: PageLayout) -> bool:
    """Take off the words that lie wholly outside the page (a second copy of the page number set
    beyond its right edge, a hidden paragraph of another language): nobody reads them on the page,
    and a reader of the text layer glues them to the line they share a height with. True when
    some were."""
    kept = [w for w in page.words if w.x1 > 0 and w.x0 < page.width and w.bottom > 0 and w.top < page.height]
    if len(kept) == len(page.words):
        return False
    page.set_words(kept)
    return True


@with_fewer_collections
def read_pdf(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
             pages: set[int] | None = None, *, triage: bool = True, reader: str = "pdfium") -> PdfDocument:
    """The document's pages.

    By default every page is first read cheaply by PDFium (``pipeline.pdf.triage``) and only the pages
    that may hold a table are read in full (``pipeline.pdf.pdfium_reader``: words and ruling edges as
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
        # Deferred: pdfplumber and pdfminer take 0.3 s to import, and only this reader needs them.
        from pipeline.pdf.pdfplumber_reader import iter_pages, open_pdf

        layouts = list(iter_pages(path, settings, wanted))
        for layout in layouts:
            drop_words_off_the_page(layout)
            repair_letter_spacing(layout)
        if wanted is not None:
            with open_pdf(path) as pdf:
                total = len(pdf.pages)
        return PdfDocument(path=path, sha256=sha256_of(path), pages=layouts, total_pages=total)
    if reader != "pdfium":
        raise ValueError(f"unknown reader {reader!r} (pdfium or pdfplumber)")
    warnings: list[str] = []
    _, layouts = triage_pdf(path, settings=settings, only=wanted, read_all=not triage, warnings=warnings)
    for layout in layouts:
        drop_words_off_the_page(layout)
        repair_letter_spacing(layout)
    if wanted is not None:
        with pypdfium2.PdfDocument(str(path)) as doc:
            total = len(doc)
    return PdfDocument(path=path, sha256=sha256_of(path), pages=layouts, total_pages=total, warnings=warnings)
