"""Pages read from PDFium in a few calls: a text page's words, a full page's words built
character by character, a page's ruling edges.

Reading a page makes a few PDFium calls per word, character or path segment. Through ctypes each
call costs about a microsecond of Python, more than PDFium's own work, and the calls were a third
of reading a page. ``pipeline/pdf/_pdfium_bulk.c`` makes the same calls from C, and runs there the
loops that make words of them (one turn per word or character of every page). It is built at
install when a C compiler is there (setup.py; pip goes on without it).

The Python functions below (``py_*``) are the definition and the fallback: the same calls and the
same values (floats are PDFium's single-precision numbers as Python floats either way).
``tests/test_pdfium_bulk.py`` compares the two on real pages.

What a text object's characters share (size, font, boldness) is read once per text object by a
function the caller passes (``pipeline.pdf.triage``, ``pipeline.pdf.pdfium_reader``). A page's edges are
defined in ``pipeline.pdf.pdfium_reader`` (``py_page_edges``), whose ``page_edges`` is the compiled
one when it is built.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

import pypdfium2.raw as pdfium_c

from pipeline.pdf.model import LIGATURES, Edge, Word
from pipeline.pdf.words import add_word


def pdfium_function(name: str, restype: type, *argtypes: type) -> ctypes._CFuncPtr:
    """A PDFium function called with plain integers for its handles and out-pointers: the
    bindings' typed pointers cost a conversion per call, and these run once per character."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


def _address(name: str) -> int:
    return ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value


_VP, _INT = ctypes.c_void_p, ctypes.c_int
get_text_object = pdfium_function("FPDFText_GetTextObject", _VP, _VP, _INT)
get_loose_char_box = pdfium_function("FPDFText_GetLooseCharBox", _INT, _VP, _INT, _VP)
_is_generated = pdfium_function("FPDFText_IsGenerated", _INT, _VP, _INT)
get_char_origin = pdfium_function("FPDFText_GetCharOrigin", _INT, _VP, _INT, _VP, _VP)
_count_segments = pdfium_function("FPDFPath_CountSegments", _INT, _VP)
_get_segment = pdfium_function("FPDFPath_GetPathSegment", _VP, _VP, _INT)
_segment_type = pdfium_function("FPDFPathSegment_GetType", _INT, _VP)
_segment_point = pdfium_function("FPDFPathSegment_GetPoint", _INT, _VP, _VP, _VP)
_segment_closes = pdfium_function("FPDFPathSegment_GetClose", _INT, _VP)
_get_char_matrix = pdfium_function("FPDFText_GetMatrix", _INT, _VP, _INT, _VP)
_get_font_size = pdfium_function("FPDFText_GetFontSize", ctypes.c_double, _VP, _INT)
_get_font_weight = pdfium_function("FPDFText_GetFontWeight", _INT, _VP, _INT)
_BOUND = ("FPDFText_GetTextObject", "FPDFText_GetLooseCharBox", "FPDFPath_CountSegments",
          "FPDFPath_GetPathSegment", "FPDFPathSegment_GetType", "FPDFPathSegment_GetPoint",
          "FPDFPathSegment_GetClose", "FPDFText_IsGenerated", "FPDFText_GetCharOrigin", "FPDFPage_CountObjects",
          "FPDFPage_GetObject", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPageObj_GetType",
          "FPDFPageObj_GetMatrix", "FPDFText_GetMatrix", "FPDFText_GetFontSize", "FPDFText_GetFontWeight")
# The constants the compiled half was written with (object and segment types), as pypdfium2 has them.
_CONSTANTS = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_SEGMENT_MOVETO,
              pdfium_c.FPDF_SEGMENT_BEZIERTO)
# One point for all segments, as the compiled half keeps one: a failed read leaves the last.
_POINT = (ctypes.c_float(), ctypes.c_float())
_POINT_ADDRESSES = tuple(ctypes.addressof(v) for v in _POINT)
# Control characters: PDFium's line breaks, and glyphs a font maps to no character (pdfminer
# writes those "(cid:1)"; either way they are not text).
_CONTROL = frozenset(chr(i) for i in range(32)) | {"\x7f"}
# PDFium gives U+FFFE for a soft hyphen that ends a line.
LINE_END_HYPHENS = ("\x02", "\ufffe")
ODD_CHARS = frozenset(LINE_END_HYPHENS) | {"\x7f", "\u00a0"}
# Characters ``py_char_words`` looks at twice: the odd ones and all white space but the plain space
# (str.isspace knows none above U+3000).
_NOT_PLAIN = ODD_CHARS | {ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch != " "}
# A word as triage reads it: a run of characters that are neither white space nor NUL, ended by a
# U+FFFE: PDFium puts no line break after that line-end hyphen, where pdfminer's "docu-" ends its line
# and "ment" starts the next (ended there, the two readers give the same words).
TOKEN = re.compile(r"[^\s\x00\ufffe]*\ufffe|[^\s\x00]+")


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


def py_text_style(handle: int, index: int) -> tuple[bool, float, int]:
    """What triage reads of the text object of the character at ``index``: whether it is turned
    (its matrix rotates or mirrors it), its size (the font size times the matrix's vertical scale,
    pdfminer's size) and its font weight. A failed read (past the page's characters) leaves the
    matrix zero, so that is turned."""
    matrix = pdfium_c.FS_MATRIX()
    _get_char_matrix(handle, index, ctypes.addressof(matrix))
    turned = abs(matrix.b) > 1e-3 or abs(matrix.c) > 1e-3 or matrix.d <= 0
    return turned, _get_font_size(handle, index) * matrix.d, _get_font_weight(handle, index)


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


def special_char(ch: str, handle: int, i: int) -> str | None:
    """A space, control or odd character as pdfminer has it, or None when pdfminer has no such
    character: a space PDFium inferred, a line break, an unmapped glyph, other white space."""
    if ch == " ":
        return None if _is_generated(handle, i) else ch
    if ch in LINE_END_HYPHENS:
        return "-"
    if not ch.strip() or ch in _CONTROL:
        return None
    return ch


def py_char_words(handle: int, text: str, style_of: Callable[[int, int], tuple], e0: float, f0: float,
                  height: float, x_tolerance_ratio: float, y_tolerance: float) -> tuple[list[Word], int, int] | None:
    """The words of an upright text page whose text is ``text``, built character by character as
    pdfplumber's word extractor builds them (``pipeline.pdf.words.words_from_chars``), and how
    many characters were read and how many of them were not upright (left out of the words).

    A character's x spans its loose box moved by ``e0``; across the line it spans from the baseline
    plus the font's descent up by the font size, in a page ``height`` high (pdfminer's box). A word
    ends at a space, where the size changes, where the next character starts left of the last
    one's start or further right than ``x_tolerance_ratio`` times the size past its end, or moves
    more than ``y_tolerance`` up or down.

    ``style_of(index, text object)`` gives what the characters of one text object share:
    ``pipeline.pdf.pdfium_reader``'s (matrix, upright, size, font name, descent in points, across_y,
    sign, standing, bold, baseline or None); it is asked once per text object. None when a
    character is upright but not standing (the general path must read the page).
    """
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_address, oy_address = ctypes.addressof(ox), ctypes.addressof(oy)
    styles: dict[int, tuple] = {}
    words: list[Word] = []
    # The word being built: its characters as (text, x0, x1, top, bottom, bold), and its size.
    run: list[tuple] = []
    group: float | None = None
    total = rotated = 0
    for i, (ch, (textobj, left, right)) in enumerate(zip(text, py_char_boxes(handle, len(text)))):
        if ch <= " " or ch in _NOT_PLAIN:
            ch = special_char(ch, handle, i)
            if ch is None:
                continue
        style = styles.get(textobj)
        if style is None:
            style = styles[textobj] = style_of(i, textobj)
        total += 1
        if not style[1]:  # not upright: left out of the words unless most of the page is so
            rotated += 1
            continue
        if not style[7]:
            return None
        size = style[2]
        if size != group:
            if run:
                add_word(run, group, words)
                run = []
            group = size
        if ch == " ":
            if run:
                add_word(run, size, words)
                run = []
            continue
        x0 = left + e0
        y0 = style[9]
        if y0 is None:
            get_char_origin(handle, i, ox_address, oy_address)
            y0 = oy.value + f0 + style[4]
        top = height - (y0 + size)  # as page_chars computes it, to the last bit
        if run:
            p = run[-1]
            if x0 < p[1] or x0 > p[2] + x_tolerance_ratio * size or abs(top - p[3]) > y_tolerance:
                add_word(run, size, words)
                run = []
        run.append((ch, x0, right + e0, top, height - y0, style[8]))
    if run:
        add_word(run, group, words)
    return words, total, rotated


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
    from pipeline.pdf import _pdfium_bulk as compiled
except ImportError:  # built without a C compiler: the same values, read from Python
    compiled = None
if compiled is not None and compiled.CONSTANTS != _CONSTANTS:  # another PDFium's numbering: not used
    compiled = None
if compiled is None:
    text_words, text_style, char_words, path_segments = py_text_words, py_text_style, py_char_words, py_path_segments
else:
    compiled.bind(Word, Edge, str.maketrans(LIGATURES), *map(_address, _BOUND))
    text_words, text_style, char_words, path_segments = (compiled.text_words, compiled.text_style,
                                                         compiled.char_words, compiled.path_segments)
