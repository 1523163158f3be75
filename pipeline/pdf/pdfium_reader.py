"""Read a page in full with PDFium: its characters and ruling edges, as pdfplumber gives them.

pdfplumber lays a page out with pdfminer, in pure Python: 0.1–0.3 s a page, and results
frameworks run over dozens of pages (an adaptation plan's action tables cover a third of it).
PDFium (``pypdfium2``, which pdfplumber itself depends on) has already interpreted the page for
triage, in C. This module turns what PDFium knows into pdfplumber's objects (character dicts with
pdfminer's geometry, edges from path objects by pdfplumber's rules) and hands them to the word
building and rotation ``pipeline.pdf.pdfplumber_reader.read_page`` uses too, so the table extractors
see the same page whichever reader read it. ``read_pdf(reader="pdfplumber")`` keeps pdfplumber's
reading as the reference (tests compare the two).

Geometry, in pdfplumber's terms (origin at the top left of the page as displayed):
- a character spans its advance along the line (PDFium's loose box) and, across it, from the
  font's descent to the descent plus the font size — pdfminer's box, whose height is the size;
- a path becomes edges as pdfminer and pdfplumber make them: a two-point line one edge, an
  axis-aligned rectangle its four sides, any other path the axis-aligned steps between its
  consecutive points (a curve's end points only, not its control points);
- ``/Rotate`` is applied as pdfminer applies it (its device matrix for the page).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.pdf.model import Edge, PageLayout, Word
from pipeline.pdf.pdfium_bulk import (
    ODD_CHARS,
    char_words,
    compiled,
    get_char_origin,
    get_loose_char_box,
    get_text_object,
    path_segments,
    pdfium_function,
    special_char,
)
from pipeline.pdf.words import is_bold_font, layout_from_objects
from pipeline.settings import ExtractionSettings

# Coordinates equal within this are equal: PDFium computes in single precision, pdfminer in double.
_EPS = 0.01
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_MOVETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO

Matrix = tuple[float, float, float, float, float, float]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row vectors, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def device_matrix(page: pdfium.PdfPage) -> tuple[Matrix, float, float]:
    """pdfminer's matrix from PDF user space to the page as displayed (y up), with the displayed
    width and height; pdfplumber's ``top`` is then the height minus y."""
    x0, y0, x1, y1 = page.get_mediabox()
    rotation = page.get_rotation() % 360
    if rotation == 90:
        ctm: Matrix = (0, -1, 1, 0, -y0, x1)
    elif rotation == 180:
        ctm = (-1, 0, 0, -1, x1, y1)
    elif rotation == 270:
        ctm = (0, 1, -1, 0, y1, -x0)
    else:
        ctm = (1, 0, 0, 1, -x0, -y0)
    width, height = abs(x1 - x0), abs(y1 - y0)
    if rotation in (90, 270):
        width, height = height, width
    return ctm, width, height


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _font_style(textobj: int, buf: ctypes.Array, fonts: dict[int, tuple[str, float]]) -> tuple[str, float]:
    """The font's base name, as pdfminer names it (the subset prefix aside), and its descent per
    point of size (negative: below the baseline). ``fonts``: those already read on this page, by
    font (a page's text objects share a few fonts, which PDFium keeps while the page is open)."""
    font = _get_font(textobj)
    if not font:
        return "", 0.0
    known = fonts.get(font)
    if known is None:
        known = fonts[font] = _read_font(font, buf)
    return known


def _read_font(address: int, buf: ctypes.Array) -> tuple[str, float]:
    font = ctypes.cast(address, pdfium_c.FPDF_FONT)
    n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
    name = buf.raw[: max(n - 1, 0)].decode("latin-1") if n else ""
    descent = ctypes.c_float()
    if not pdfium_c.FPDFFont_GetDescent(font, 1.0, descent):
        return name, 0.0
    return name, min(descent.value, 0.0)


_VP, _INT = ctypes.c_void_p, ctypes.c_int
# Pages hold thousands of path objects (a Word table draws every cell side): the same for them.
page_object_count = pdfium_function("FPDFPage_CountObjects", _INT, _VP)
page_object = pdfium_function("FPDFPage_GetObject", _VP, _VP, _INT)
_form_count = pdfium_function("FPDFFormObj_CountObjects", _INT, _VP)
_form_object = pdfium_function("FPDFFormObj_GetObject", _VP, _VP, ctypes.c_ulong)
object_type = pdfium_function("FPDFPageObj_GetType", _INT, _VP)
_get_matrix = pdfium_function("FPDFPageObj_GetMatrix", _INT, _VP, _VP)
_get_font = pdfium_function("FPDFTextObj_GetFont", _VP, _VP)
# Out-parameters, reused (one page is read at a time in a process, as PDFium requires).
_MATRIX = pdfium_c.FS_MATRIX()
_MATRIX_ADDRESS = ctypes.addressof(_MATRIX)


def _char_style(raw: pdfium_c.FPDF_TEXTPAGE, i: int, textobj: int | None, ctm: Matrix, plain: bool,
                matrix: pdfium_c.FS_MATRIX, fontbuf: ctypes.Array, fonts: dict[int, tuple[str, float]]) -> tuple:
    """What every character of one text object shares: (its matrix on the page, upright, size,
    font name, descent in points, across_y, sign, standing). ``standing``: upright glyphs on a page
    without /Rotate, whose box is found in a few operations."""
    a0, b0, c0, d0 = ctm[:4]
    pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
    m = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0), (a0, b0, c0, d0, 0.0, 0.0))
    a, b, c, d = m[:4]
    size = pdfium_c.FPDFText_GetFontSize(raw, i) * (c * c + d * d) ** 0.5
    # Across the line: along y when the glyphs stand up (or upside down), else along x;
    # ``sign`` is the way the glyphs' tops point.
    across_y = abs(d) >= abs(c)
    sign = (1.0 if d > 0 else -1.0) if across_y else (1.0 if c > 0 else -1.0)
    fontname, descent = _font_style(textobj, fontbuf, fonts) if textobj else ("", 0.0)
    return (m, a * d > 0 and b * c <= 0, size, fontname, descent * size, across_y, sign,
            plain and across_y and sign > 0)


def page_text(textpage: pdfium.PdfTextPage, n: int) -> str:
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP shift indices; read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
    return text


def _char_buffers() -> tuple:
    """Out-parameters of the per-character PDFium calls, with their addresses (passed as plain
    integers): a loose box, an origin, a matrix and a font name buffer; and the page's fonts read
    so far (``_font_style``)."""
    box = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    return (box, ctypes.addressof(box), ox, oy, ctypes.addressof(ox), ctypes.addressof(oy), pdfium_c.FS_MATRIX(),
            ctypes.create_string_buffer(256), {})


def page_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[dict]:
    """The page's characters as pdfplumber's char dicts (the keys naplog reads).

    Characters PDFium adds itself (spaces it infers between words, line breaks) are left out, as
    pdfminer has no such characters; spaces written in the PDF are kept. Along the line a
    character spans PDFium's loose box (its advance); across it, from the baseline plus the font's
    descent up by one font size, as pdfminer's box does. (The loose box's other sides are not the
    font's: for a font whose descriptor gives no descent PDFium measures each glyph.)
    """
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return []
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    ctm, _, height = device_matrix(page)
    a0, b0, c0, d0, e0, f0 = ctm
    plain = (a0, b0, c0, d0) == (1, 0, 0, 1)  # no /Rotate: the matrix only moves the origin
    text = page_text(textpage, n)
    box, box_address, ox, oy, ox_address, oy_address, matrix, fontbuf, fonts = _char_buffers()
    styles: dict[int | None, tuple] = {}
    chars: list[dict] = []
    append = chars.append
    for i, ch in enumerate(text):
        if ch <= " " or ch in ODD_CHARS:
            ch = special_char(ch, handle, i)
            if ch is None:
                continue
        textobj = get_text_object(handle, i)
        style = styles.get(textobj)
        if style is None:
            style = styles[textobj] = _char_style(raw, i, textobj, ctm, plain, matrix, fontbuf, fonts)
        m, upright, size, fontname, descent, across_y, sign, standing = style
        get_loose_char_box(handle, i, box_address)
        get_char_origin(handle, i, ox_address, oy_address)
        if standing:  # the common case, in a few operations
            x0, x1 = box.left + e0, box.right + e0
            y0 = oy.value + f0 + descent
            y1 = y0 + size
        else:
            ax, ay = _apply(ctm, box.left, box.bottom)
            bx, by = _apply(ctm, box.right, box.top)
            px, py = _apply(ctm, ox.value, oy.value)
            if across_y:
                x0, x1 = min(ax, bx), max(ax, bx)
                low = py + sign * descent
                y0, y1 = sorted((low, low + sign * size))
            else:
                y0, y1 = min(ay, by), max(ay, by)
                low = px + sign * descent
                x0, x1 = sorted((low, low + sign * size))
        top = height - y1
        append({
            "text": ch, "x0": x0, "x1": x1, "top": top, "bottom": height - y0,
            # pdfminer's size: the font size upright, the box's height otherwise. Words break
            # where it changes, so it is the one number per text object, not a difference.
            "upright": upright, "size": size if upright else y1 - y0, "fontname": fontname, "matrix": m,
        })
    return chars


def upright_style_reader(raw: pdfium_c.FPDF_TEXTPAGE, ctm: Matrix) -> Callable[[int, int], tuple]:
    """``style_of(index, text object)`` for ``pipeline.pdf.pdfium_bulk.char_words``: what the characters
    of one text object share (``_char_style``), whether their font is bold, and their baseline when
    it is one for all of them."""
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    f0 = ctm[5]
    buffers = _char_buffers()
    _, _, _, oy, ox_address, oy_address, matrix, fontbuf, fonts = buffers

    def style_of(i: int, textobj: int) -> tuple:
        style = _char_style(raw, i, textobj, ctm, True, matrix, fontbuf, fonts)
        # The baseline is one for all characters of a text object whose matrix has no skew
        # (b = 0: y = b * x + f): read once. It held for all 922,000 characters of the
        # corpus's table pages, and the tests compare the words to the last bit.
        baseline = None
        if textobj and matrix.b == 0.0:
            get_char_origin(handle, i, ox_address, oy_address)
            baseline = oy.value + f0 + style[4]
        return (*style, is_bold_font(style[3]), baseline)

    # PDFium writes the origin's x through ox_address into a double nothing here reads: it must
    # live as long as style_of does, or PDFium writes into freed memory.
    style_of.buffers = buffers  # type: ignore[attr-defined]
    return style_of


def upright_words(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, x_tolerance_ratio: float,
                  y_tolerance: float, rotated_share: float) -> list[Word] | None:
    """The words ``layout_from_objects(..., page_chars(page, textpage), ...)`` gives a page that is
    not turned, built as the characters are read: without a dict per character and the passes
    over them that select, count and group them, which cost as much as reading them.

    None when the general path is needed: a page with /Rotate, glyphs set sideways or mirrored in
    its upright text, or text mostly rotated (a table printed sideways is turned first). The
    tests compare the two paths on every sample page and the real tables.
    """
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return []
    ctm, _, height = device_matrix(page)
    if ctm[:4] != (1, 0, 0, 1):
        return None
    e0, f0 = ctm[4], ctm[5]
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    read = char_words(handle, page_text(textpage, n), upright_style_reader(raw, ctm), e0, f0, height,
                      x_tolerance_ratio, y_tolerance)
    if read is None:
        return None
    words, total, rotated = read
    if rotated > rotated_share * total:
        return None
    return words


def _object_edges(obj: int, m: Matrix, height: float, out: list[Edge]) -> None:
    """Edges of one path object, its points mapped by ``m`` (its matrix, its forms', the page's).

    As pdfminer reads a path, a curve contributes its end point only (PDFium lists both control
    points too, as segments of the same type), and closing a subpath returns to its first point.
    """
    a, b, c, d, e, f = m
    subpaths: list[list[tuple[float, float]]] = []
    closed: list[bool] = []
    bezier = 0
    for kind, px, py, closes in path_segments(obj):
        if kind == _BEZIERTO:
            bezier += 1
            if bezier % 3:  # a control point
                continue
        else:
            bezier = 0
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == _MOVETO or not subpaths:
            subpaths.append([point])
            closed.append(False)
        else:
            subpaths[-1].append(point)
        if closes:
            closed[-1] = True
    for pts, is_closed in zip(subpaths, closed):
        if is_closed and len(pts) > 2 and not _same(pts[-1], pts[0]):
            pts.append(pts[0])
        _subpath_edges(pts, height, out)


_make_edge = tuple.__new__  # Edge(...) without its Python-level __new__: hundreds per ruled page


def _edge(x0: float, y0: float, x1: float, y1: float, orientation: str, height: float) -> Edge:
    left, right = (x0, x1) if x0 <= x1 else (x1, x0)
    low, high = (y0, y1) if y0 <= y1 else (y1, y0)
    return _make_edge(Edge, (orientation, left, height - high, right, height - low))


def _subpath_edges(pts: list[tuple[float, float]], height: float, out: list[Edge]) -> None:
    if len(pts) < 2:
        return
    if len(pts) == 2 or (len(pts) == 3 and _same(pts[0], pts[2])):
        # A line: pdfplumber calls it horizontal when flat, vertical otherwise.
        (x0, y0), (x1, y1) = pts[:2]
        out.append(_edge(x0, y0, x1, y1, "h" if abs(y0 - y1) < _EPS else "v", height))
        return
    if len(pts) == 5 and _same(pts[0], pts[4]) and _is_rectangle(pts[:4]):
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        left, right, low, high = min(xs), max(xs), min(ys), max(ys)
        out.append(_edge(left, high, right, high, "h", height))
        out.append(_edge(left, low, right, low, "h", height))
        out.append(_edge(left, low, left, high, "v", height))
        out.append(_edge(right, low, right, high, "v", height))
        return
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if abs(x0 - x1) < _EPS:
            out.append(_edge(x0, y0, x1, y1, "v", height))
        elif abs(y0 - y1) < _EPS:
            out.append(_edge(x0, y0, x1, y1, "h", height))


def _same(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return abs(p[0] - q[0]) < _EPS and abs(p[1] - q[1]) < _EPS


def _is_rectangle(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    eq = lambda u, v: abs(u - v) < _EPS  # noqa: E731 - four uses, one line each
    return (eq(x0, x1) and eq(y1, y2) and eq(x2, x3) and eq(y3, y0)) or \
           (eq(y0, y1) and eq(x1, x2) and eq(y2, y3) and eq(x3, x0))


def _matrix_of(obj: int) -> Matrix:
    fs = _MATRIX
    _get_matrix(obj, _MATRIX_ADDRESS)
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _walk_objects(count: int, get_object, parent: Matrix, height: float, out: list[Edge], depth: int) -> None:
    for i in range(count):
        obj = get_object(i)
        kind = object_type(obj)
        if kind == _PATH:
            _object_edges(obj, _multiply(_matrix_of(obj), parent), height, out)
        elif kind == _FORM and depth < 15:
            form = _multiply(_matrix_of(obj), parent)
            _walk_objects(_form_count(obj), lambda j, o=obj: _form_object(o, j), form, height, out, depth + 1)


def py_page_edges(page: pdfium.PdfPage) -> list[Edge]:
    """Edges of the page's painted paths (inside forms too), as pdfplumber's ``page.edges``, in
    the page's frame as displayed (``Edge.as_pdfplumber`` gives pdfplumber's dicts)."""
    ctm, _, height = device_matrix(page)
    raw = ctypes.cast(page.raw, ctypes.c_void_p).value
    out: list[Edge] = []
    _walk_objects(page_object_count(raw), lambda i: page_object(raw, i), ctm, height, out, 0)
    return out


def page_edges(page: pdfium.PdfPage) -> list[Edge]:
    """``py_page_edges``, by the compiled half of ``pipeline.pdf.pdfium_bulk`` when it is built (the
    same edges: a Word table draws every cell side, thousands of paths a page)."""
    if compiled is None:
        return py_page_edges(page)
    ctm, _, height = device_matrix(page)
    return compiled.page_edges(ctypes.cast(page.raw, ctypes.c_void_p).value, ctm, height, _EPS)


def read_full_page(number: int, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage,
                   settings: ExtractionSettings) -> PageLayout:
    """The page as ``pipeline.pdf.pdfplumber_reader.read_page`` reads it with pdfplumber: words (turned upright
    on a page printed sideways) and ruling edges."""
    _, width, height = device_matrix(page)
    words = upright_words(page, textpage, settings.x_tolerance_ratio, settings.y_tolerance, settings.rotated_share)
    if words is None:
        edges = [e.as_pdfplumber() for e in page_edges(page)]
        return layout_from_objects(number, width, height, page_chars(page, textpage), edges, settings)
    return PageLayout(number, width, height, words, page_edges(page), 0, width, height)
