"""PDFium values read many at a time: a text page's words, its characters' boxes, a path's
segments.

Reading a page makes a few PDFium calls per word, character or path segment. Through ctypes each
call costs about a microsecond of Python, more than PDFium's own work, and the calls were a third
of reading a page. ``pipeline/_pdfium_bulk.c`` makes the same calls from C and hands back tuples (and a text page's
words, the one loop done there whole: one per word of every page);
it is built at install when a C compiler is there (setup.py; pip goes on without it). The Python
functions below are the definition and the fallback: the same calls, the same values (floats are
PDFium's single-precision numbers as Python floats either way). ``tests/test_pdfium_bulk.py``
compares the two on real pages.

The functions that make words and edges of these values stay in Python (``pipeline.triage``,
``pipeline.pdfium_reader``), whichever half read them.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

import pypdfium2.raw as pdfium_c

from pipeline.pdf_reader import Word


def _fast(name: str, restype: type, *argtypes: type) -> ctypes._CFuncPtr:
    """A PDFium function called with plain integers for its handles and out-pointers: the
    bindings' typed pointers cost a conversion per call, and these run once per character."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


def _address(name: str) -> int:
    return ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value


_VP, _INT = ctypes.c_void_p, ctypes.c_int
get_text_object = _fast("FPDFText_GetTextObject", _VP, _VP, _INT)
get_loose_char_box = _fast("FPDFText_GetLooseCharBox", _INT, _VP, _INT, _VP)
_count_segments = _fast("FPDFPath_CountSegments", _INT, _VP)
_get_segment = _fast("FPDFPath_GetPathSegment", _VP, _VP, _INT)
_segment_type = _fast("FPDFPathSegment_GetType", _INT, _VP)
_segment_point = _fast("FPDFPathSegment_GetPoint", _INT, _VP, _VP, _VP)
_segment_closes = _fast("FPDFPathSegment_GetClose", _INT, _VP)
_BOUND = ("FPDFText_GetTextObject", "FPDFText_GetLooseCharBox", "FPDFPath_CountSegments",
          "FPDFPath_GetPathSegment", "FPDFPathSegment_GetType", "FPDFPathSegment_GetPoint",
          "FPDFPathSegment_GetClose")
# One point for all segments, as the compiled half keeps one: a failed read leaves the last.
_POINT = (ctypes.c_float(), ctypes.c_float())
_POINT_ADDRESSES = tuple(ctypes.addressof(v) for v in _POINT)
# A word as triage reads it: a run of characters that are neither white space nor NUL.
TOKEN = re.compile(r"[^\s\x00]+")


def py_text_words(handle: int, text: str, height: float, style_of: Callable[[int], tuple[bool, float, bool]],
                  table: dict | None) -> tuple[list[Word], int, int]:
    """The words of a text page whose text is ``text``, in a page ``height`` high: one per token,
    spanning its first and last characters' loose boxes, in pdfminer's frame (top down), ``table``
    applied to its text (``str.translate``) unless None; and how many characters were in tokens
    and in turned tokens (which make no word).

    ``style_of(index)`` gives (turned, size, bold) for the text object of the character at
    ``index``; it is asked once per text object, and for every token that PDFium places in none.
    A word's top is its bottom less its size.
    """
    box = pdfium_c.FS_RECTF()
    address = ctypes.addressof(box)
    words: list[Word] = []
    append = words.append
    make_word = tuple.__new__  # Word(...) without its Python-level __new__: once per word
    styles: dict[int, tuple[bool, float, bool]] = {}
    visible = rotated = 0
    for m in TOKEN.finditer(text):
        first, end = m.span()
        visible += end - first
        textobj = get_text_object(handle, first)
        style = styles.get(textobj) if textobj else None
        if style is None:
            style = style_of(first)
            if textobj:
                styles[textobj] = style
        turned, size, bold = style
        if turned:
            rotated += end - first
            continue
        get_loose_char_box(handle, first, address)
        x0, low = box.left, box.bottom
        if end - first > 1:
            get_loose_char_box(handle, end - 1, address)
        x1 = box.right
        bottom = height - low
        token = m.group()
        if table is not None:
            token = token.translate(table)
        append(make_word(Word, (token, x0, bottom - size, x1 if x1 > x0 else x0, bottom, size, bold)))
    return words, visible, rotated


def py_char_boxes(handle: int, n: int) -> list[tuple[int, float, float]]:
    """Each of the text page's first ``n`` characters: (its text object or 0, loose left, loose
    right)."""
    box = pdfium_c.FS_RECTF()
    address = ctypes.addressof(box)
    out = []
    for i in range(n):
        textobj = get_text_object(handle, i) or 0
        get_loose_char_box(handle, i, address)
        out.append((textobj, box.left, box.right))
    return out


def py_path_segments(path: int) -> list[tuple[int, float, float, bool]]:
    """Each segment of a path object: (PDFium's segment type, x, y, whether it closes the
    subpath), the point in the path's own coordinates."""
    x, y = _POINT
    xa, ya = _POINT_ADDRESSES
    out = []
    for i in range(_count_segments(path)):
        segment = _get_segment(path, i)
        kind = _segment_type(segment)
        _segment_point(segment, xa, ya)
        out.append((kind, x.value, y.value, bool(_segment_closes(segment))))
    return out


try:
    from pipeline import _pdfium_bulk as compiled
except ImportError:  # built without a C compiler: the same values, read from Python
    compiled = None
    text_words, char_boxes, path_segments = py_text_words, py_char_boxes, py_path_segments
else:
    compiled.bind(Word, *map(_address, _BOUND))
    text_words, char_boxes, path_segments = compiled.text_words, compiled.char_boxes, compiled.path_segments
