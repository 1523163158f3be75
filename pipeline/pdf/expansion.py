"""How much drawing a page expands to, measured from the object graph before PDFium loads it.

PDFium interprets a page whole when it loads it: every stream of its ``/Contents`` and, for every
``Do`` of a Form XObject, the form's content again, forms inside forms included. A 918-byte file
whose form draws itself, or forms nested 15-30 deep drawn 2-3 times each, make it build billions
of objects (8 GB, then SIGABRT); a page whose drawing is split over many streams, each under the
per-stream limit, passes a check of single streams. ``check_page_expansion`` walks each page's
contents and forms with pdfminer (whose streams the preflight has already bounded one by one) and
refuses the file when a page's drawing instructions, every use of every form counted, exceed the
per-page limit (``max_page_content_mb``), when forms nest deeper than ``max_form_depth``, or when
a form draws itself.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.pdf.deadline import check_deadline
from pipeline.settings import Limits

MB = 1 << 20
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")


@dataclass
class _Walk:
    path: Path
    limits: Limits
    cap: int  # bytes of drawing instructions a page may expand to (0: none)
    known: dict[int, tuple[int, int]] = field(default_factory=dict)  # form object id: (bytes, depth below)


class _Refused(Exception):
    """A form over a limit, raised from deep in the walk and worded once for the page."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def _resolve(obj):  # noqa: ANN001, ANN202 - pdfminer objects
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _xobjects(resources) -> dict:  # noqa: ANN001 - a pdfminer dictionary
    resources = _resolve(resources)
    if not isinstance(resources, dict):
        return {}
    found = _resolve(resources.get("XObject"))
    return found if isinstance(found, dict) else {}


def _stream_data(stream) -> bytes:  # noqa: ANN001 - a pdfminer stream or a reference to one
    try:
        return _resolve(stream).get_data()
    except Exception:  # noqa: BLE001 - a stream PDFium would skip too
        return b""


def _uses(data: bytes) -> Counter:
    return Counter(m.group(1).decode("latin-1") for m in _DO.finditer(data))


def _drawn(walk: _Walk, data: bytes, xobjects: dict, depth: int, stack: tuple[int, ...]) -> tuple[int, int]:
    """(bytes of drawing instructions ``data`` expands to, the depth of forms it opens)."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    total, deepest = len(data), 0
    for name, count in _uses(data).items():
        ref = xobjects.get(name)
        form = _resolve(ref)
        if not isinstance(form, PDFStream) or getattr(form.attrs.get("Subtype"), "name", None) != "Form":
            continue
        objid = ref.objid if isinstance(ref, PDFObjRef) else id(form)
        size, below = _form(walk, objid, form, xobjects, depth + 1, stack)
        total += count * size
        deepest = max(deepest, below + 1)
        if walk.cap and total > walk.cap:
            return total, deepest  # over already: no need to know by how much
    return total, deepest


def _form(walk: _Walk, objid: int, form, inherited: dict, depth: int,  # noqa: ANN001 - a pdfminer stream
          stack: tuple[int, ...]) -> tuple[int, int]:
    if objid in stack:
        raise _Refused(f"a form (object {objid}) draws itself, which a reader would expand without end")
    max_depth = walk.limits.max_form_depth
    if max_depth and depth > max_depth:
        raise _Refused(f"its forms are nested more than {walk.limits.describe('max_form_depth')} deep")
    if objid in walk.known:
        size, below = walk.known[objid]
        if max_depth and depth + below > max_depth:
            raise _Refused(f"its forms are nested more than {walk.limits.describe('max_form_depth')} deep")
        return size, below
    check_deadline()
    own = _xobjects(form.attrs.get("Resources")) or inherited  # old files: forms use the page's resources
    result = _drawn(walk, _stream_data(form), own, depth, (*stack, objid))
    walk.known[objid] = result
    return result


def _document(data: bytes):  # noqa: ANN202 - a pdfminer PDFDocument, None when it cannot be parsed
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - PDFium's reading says what is wrong
        return None


def check_forms(path: Path, data: bytes, objids: list[int], limits: Limits) -> None:
    """``InputError`` when one of these forms (those that draw forms) expands past the limits: a form
    drawing itself, forms nested deeper than ``max_form_depth``, or more drawing, every use counted,
    than a page may hold. Only the forms are resolved (pdfminer reads the cross-reference table, a
    few tens of milliseconds on a 175-page plan), not the page tree."""
    from pdfminer.pdftypes import PDFStream

    doc = _document(data)
    if doc is None:
        return
    walk = _Walk(path, limits, int(limits.max_page_content_mb * MB))
    for objid in objids:
        try:
            form = doc.getobj(objid)
        except Exception:  # noqa: BLE001 - an object pdfminer cannot read: PDFium will say
            continue
        if not isinstance(form, PDFStream):
            continue
        try:
            size, _ = _form(walk, objid, form, {}, 1, ())
        except _Refused as exc:
            raise InputError(path, f"{exc.why}; it was not read") from None
        except RecursionError:  # no depth limit (0) and forms nested thousands deep
            raise InputError(path, "its forms are nested too deep to measure; it was not read") from None
        if walk.cap and size > walk.cap:
            raise InputError(path, f"a form (object {objid}) draws more than {limits.max_page_content_mb:g} MB of "
                                   f"instructions (the forms it draws counted as many times as it draws them), more "
                                   f"than the limit of {limits.describe('max_page_content_mb')} MB per page; it was "
                                   f"not read")


def check_page_expansion(path: Path, data: bytes, limits: Limits) -> None:
    """``InputError`` when a page's drawing, every form use counted, is over the limits (module doc)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    walk = _Walk(path, limits, int(limits.max_page_content_mb * MB))
    try:
        pages = PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data))))
        for number, page in enumerate(pages, 1):
            check_deadline()
            xobjects = _xobjects(page.resources)
            total, deepest = 0, 0
            for stream in page.contents:
                size, below = _drawn(walk, _stream_data(stream), xobjects, 0, ())
                total, deepest = total + size, max(deepest, below)
            if walk.cap and total > walk.cap:
                raise InputError(path, f"page {number} draws more than {limits.max_page_content_mb:g} MB of "
                                       f"instructions (its content streams, and its forms as many times as it "
                                       f"draws them), more than the limit of "
                                       f"{limits.describe('max_page_content_mb')} MB per page; it was not read")
    except _Refused as exc:
        raise InputError(path, f"page {number}: {exc.why}; it was not read") from None
    except RecursionError:  # no depth limit (0) and forms nested thousands deep
        raise InputError(path, f"page {number}: its forms are nested too deep to measure; it was not read") from None
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - pdfminer cannot walk it: PDFium's reading says what is wrong
        return
