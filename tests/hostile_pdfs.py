"""Hostile PDFs built to exhaust a reader's memory or time (issue 23), generated, never committed.

Each builder writes one small file whose cost is in what a reader makes of it, not in its bytes:
streams behind chains of filters that inflate past every limit, a page whose drawing instructions
are split over many streams each under the per-stream limit, a Form XObject that draws itself,
forms nested deep and drawn several times each, a ruled grid of a million cells, a page PDFium
cannot load among readable pages. ``python -m tests.hostile_pdfs FOLDER`` writes them all, at
full size, for measuring (docs/robustness.md gives the figures).
"""

from __future__ import annotations

import base64
import binascii
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf

TEXT = b"BT /F1 12 Tf 72 720 Td (Hostile page: a results framework would be here) Tj ET\n"


def _font(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)


def _page(pdf: pikepdf.Pdf, contents: pikepdf.Object, xobjects: dict | None = None) -> pikepdf.Page:
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=_font(pdf)))
    if xobjects:
        resources.XObject = pikepdf.Dictionary(xobjects)
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Resources=resources,
                              Contents=contents)
    return pdf.pages.append(pikepdf.Page(page)) or pdf.pages[-1]


def _raw_stream(pdf: pikepdf.Pdf, encoded: bytes, filters: list[str]) -> pikepdf.Stream:
    """A stream holding ``encoded`` as it is, declared with ``filters`` (already applied)."""
    s = pikepdf.Stream(pdf, encoded)
    names = [pikepdf.Name("/" + f) for f in filters]
    s.Filter = names[0] if len(names) == 1 else pikepdf.Array(names)
    return s


def _deflate_repeated(chunk: bytes, total: int) -> bytes:
    """``chunk`` repeated to ``total`` bytes, deflated without ever holding the whole."""
    c = zlib.compressobj(9)
    out = []
    block = chunk * max(1, (1 << 20) // len(chunk))
    done = 0
    while done < total:
        piece = block[:total - done]
        out.append(c.compress(piece))
        done += len(piece)
    out.append(c.flush())
    return b"".join(out)


def lzw_encode(data: bytes) -> bytes:
    """PDF's LZWDecode (early change 1), the table cleared when full."""
    bits = []  # (code, width)
    table = {bytes([i]): i for i in range(256)}
    next_code, width = 258, 9
    bits.append((256, width))
    w = b""
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        bits.append((table[w], width))
        table[wc] = next_code
        next_code += 1
        if next_code + 1 > (1 << width) and width < 12:
            width += 1
        if next_code >= 4094:
            bits.append((256, width))
            table = {bytes([i]): i for i in range(256)}
            next_code, width = 258, 9
        w = bytes([byte])
    if w:
        bits.append((table[w], width))
    bits.append((257, width))
    acc, n, out = 0, 0, bytearray()
    for code, size in bits:
        acc = (acc << size) | code
        n += size
        while n >= 8:
            n -= 8
            out.append((acc >> n) & 0xFF)
    if n:
        out.append((acc << (8 - n)) & 0xFF)
    return bytes(out)


def _save(pdf: pikepdf.Pdf, path: Path) -> Path:
    # No recompression: the streams must stay as built.
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


DRAWING = b"0 0 m 1 1 l S\n"


def filter_chain_bomb(path: Path, chain: str, megabytes: int = 1024) -> Path:
    """One page whose content stream inflates to ``megabytes`` of drawing instructions behind a
    chain of filters: ``flate-flate``, ``hex-flate``, ``a85-flate`` or ``lzw``."""
    pdf = pikepdf.new()
    total = megabytes << 20
    if chain == "lzw":
        data, filters = lzw_encode(DRAWING * (total // len(DRAWING))), ["LZWDecode"]
    else:
        inner = _deflate_repeated(DRAWING, total)
        if chain == "flate-flate":
            data, filters = zlib.compress(inner, 9), ["FlateDecode", "FlateDecode"]
        elif chain == "hex-flate":
            data, filters = binascii.hexlify(inner) + b">", ["ASCIIHexDecode", "FlateDecode"]
        elif chain == "a85-flate":
            data, filters = base64.a85encode(inner) + b"~>", ["ASCII85Decode", "FlateDecode"]
        else:
            raise ValueError(chain)
    text = pikepdf.Stream(pdf, TEXT)
    _page(pdf, pikepdf.Array([text, _raw_stream(pdf, data, filters)]))
    return _save(pdf, path)


def split_content(path: Path, streams: int = 14, megabytes_each: float = 15) -> Path:
    """One page whose drawing instructions are ``streams`` streams of ``megabytes_each`` MB each:
    every stream under the per-page limit, the page far over it (200 MB in an 815 KB file)."""
    pdf = pikepdf.new()
    parts = [pikepdf.Stream(pdf, TEXT)]
    for _ in range(streams):
        parts.append(_raw_stream(pdf, _deflate_repeated(DRAWING, int(megabytes_each * (1 << 20))), ["FlateDecode"]))
    _page(pdf, pikepdf.Array(parts))
    return _save(pdf, path)


def _form(pdf: pikepdf.Pdf, content: bytes, xobjects: dict | None = None) -> pikepdf.Stream:
    form = pikepdf.Stream(pdf, content)
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 612, 792]
    form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=_font(pdf)))
    if xobjects:
        form.Resources.XObject = pikepdf.Dictionary(xobjects)
    return form


def self_drawing_form(path: Path) -> Path:
    """A Form XObject whose content draws itself (918 bytes in the issue)."""
    pdf = pikepdf.new()
    form = pdf.make_indirect(_form(pdf, b"q 0.5 0 0 0.5 0 0 cm /X Do Q " + DRAWING + b"/X Do\n"))
    form.Resources.XObject = pikepdf.Dictionary(X=form)
    _page(pdf, pikepdf.Stream(pdf, TEXT + b"/X Do\n"), {"/X": form})
    return _save(pdf, path)


def nested_forms(path: Path, depth: int = 24, uses: int = 3) -> Path:
    """Forms nested ``depth`` deep, each drawing the next ``uses`` times: uses ** depth copies of
    the innermost form's drawing (a few kB of file)."""
    pdf = pikepdf.new()
    inner = pdf.make_indirect(_form(pdf, DRAWING * 20))
    for _ in range(depth):
        inner = pdf.make_indirect(_form(pdf, b"/Y Do\n" * uses + DRAWING, {"/Y": inner}))
    _page(pdf, pikepdf.Stream(pdf, TEXT + b"/Y Do\n"), {"/Y": inner})
    return _save(pdf, path)


def ruled_grid(path: Path, cells: int = 1000, step: float = 4.0) -> Path:
    """A ``cells`` x ``cells`` ruled grid, ``step`` points apart (wider than the snapping tolerance),
    on the cover (always read in full) under a table header; a few kB of file."""
    pdf = pikepdf.new()
    size = cells * step + 72
    ops = [b"0.1 w\n"]
    for i in range(cells + 1):
        at = 36 + i * step
        ops.append(b"36 %.2f m %.2f %.2f l S\n" % (at, size - 36, at))
        ops.append(b"%.2f 36 m %.2f %.2f l S\n" % (at, at, size - 36))
    head = b"BT /F1 3 Tf 37 %.2f Td (Outcome) Tj 8 0 Td (Indicator) Tj 8 0 Td (Responsible) Tj ET\n" % (size - 39)
    words = b"".join(b"BT /F1 3 Tf %.2f %.2f Td (x%d) Tj ET\n" % (37 + (i % 50) * step, size - 43 - (i // 50) * step, i)
                     for i in range(1000))
    page = _page(pdf, _raw_stream(pdf, zlib.compress(TEXT + head + words + b"".join(ops), 9), ["FlateDecode"]))
    page.obj.MediaBox = [0, 0, size, size]
    _page(pdf, pikepdf.Stream(pdf, TEXT))
    return _save(pdf, path)


def one_unreadable_page(path: Path, source: Path) -> Path:
    """``source`` and, after its pages, one more whose dictionary PDFium cannot load as a page."""
    pdf = pikepdf.open(source)
    pdf.pages.append(pdf.pages[-1])  # a copy, then broken
    broken = pdf.pages[-1].obj
    for key in list(broken.keys()):
        if key not in ("/Type", "/Parent"):
            del broken[key]
    broken.Type = pikepdf.Name.Font  # a page that is not a page
    return _save(pdf, path)


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "flate-flate": lambda p: filter_chain_bomb(p, "flate-flate"),
    "hex-flate": lambda p: filter_chain_bomb(p, "hex-flate"),
    "a85-flate": lambda p: filter_chain_bomb(p, "a85-flate"),
    "lzw": lambda p: filter_chain_bomb(p, "lzw", 64),
    "split-content": split_content,
    "self-drawing-form": self_drawing_form,
    "nested-forms": nested_forms,
    "ruled-grid": ruled_grid,
}


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        if len(sys.argv) > 2 and name not in sys.argv[2:]:
            continue
        out = build(folder / f"{name}.pdf")
        print(f"{out}: {out.stat().st_size} bytes")
