"""Checks on an input file before it is parsed (the *preflight*), and guards while it is read.

naplog reads whatever lands in an inbox. Before pdfplumber or PDFium parse a file, ``preflight``
looks at its bytes and structure, in a few milliseconds, and refuses with an ``InputError`` naming
the file and the reason:

- a file that is empty, not a regular file, or larger than the size limit;
- a file that is not a PDF, saying what it is (an HTML page, a Word document, a PNG image ...);
- a truncated PDF (no end-of-file marker and no usable cross-reference table at its end);
- a PDF protected by a password, or one PDFium cannot open at all;
- a PDF with more pages than the page limit;
- a decompression bomb: a compressed stream that would inflate beyond the per-stream limit, or
  streams that together would inflate beyond the per-document limit. Streams are inflated here in
  small pieces with a cap, never in one piece, and only those whose compressed size could exceed
  a limit at deflate's highest possible ratio (1:1032), so a normal plan costs almost nothing;
- a PDF without a text layer (a scan): it is said so, with the way to add one (``--ocr``).

It notes, without refusing the file: JavaScript, embedded files, launch actions (naplog reads the
text and lines of pages; nothing in a file is ever run, and embedded files are never decoded or
written anywhere); encryption with an empty user password (readable, as any viewer reads it); a
damaged cross-reference table that the readers rebuild by scanning the file.

``read_checked`` runs the preflight, reads the pages (``pipeline.pdf.reader.read_pdf``) under the
document's time limit, and checks afterwards that the file did not change while it was read and
that it had text at all. Limits come from ``pipeline.settings.Limits``.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import logging
import os
import re
import shutil
import stat
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from pipeline.errors import InputError
from pipeline.pdf.capped import read_capped
from pipeline.pdf.deadline import check_deadline, deadline, remaining_seconds
from pipeline.pdf.decoders import chain_of, decode_pieces, max_ratio
from pipeline.pdf.expansion import check_forms, check_page_expansion
from pipeline.pdf.filetype import describe_content
from pipeline.pdf.model import sha256_of
from pipeline.pdf.reader import read_pdf
from pipeline.settings import (
    DEFAULT_SETTINGS,
    ExtractionSettings,
    Limits,
    current_limits,
    limit_exceeded,
    ocr_requested,
    use_limits,
)

log = logging.getLogger("naplog.input")

MB = 1 << 20
# Deflate cannot expand data more than about 1032 times: a stream whose compressed size times
# this is within a limit cannot exceed it, and is not inflated by the preflight.
MAX_DEFLATE_RATIO = 1032
# Acrobat looks for the end-of-file marker within the last 1024 bytes.
EOF_WINDOW = 1024
OCR_HELP = ("install OCRmyPDF and Tesseract (pip install ocrmypdf; Debian/Ubuntu: apt-get install tesseract-ocr "
            "tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-por)")

# ---- the preflight -----------------------------------------------------------------------------


@dataclass
class Preflight:
    """What the preflight found in a file it accepted."""

    path: Path
    size: int
    mtime_ns: int
    inode: int
    pages: int
    text_layer: bool  # fonts are declared somewhere: the pages can carry text
    images: int  # image objects (a scan has images and no fonts)
    encrypted: bool = False
    xref_rebuilt: bool = False
    active_content: list[str] = field(default_factory=list)  # JavaScript, embedded files ...
    warnings: list[str] = field(default_factory=list)
    inflated_bytes: int = 0  # by the decompression-bomb check
    nesting_forms: list[int] = field(default_factory=list)  # Form XObjects that draw forms (object ids)
    drawn_bytes: int = 0  # drawing instructions measured exactly (streams that were inflated)


@dataclass
class _Stream:
    objid: int | None
    genno: int
    start: int  # first byte of the data
    end: int  # byte after it
    objstm: bool
    chain: list[str] = field(default_factory=lambda: ["flate"])  # its filters (pipeline.pdf.decoders)


_STREAM_DICT_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_OBJ_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*$")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_TYPE = re.compile(rb"/Type\s*/(ObjStm|XRef|EmbeddedFile|Metadata)\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_XREF_AT = re.compile(rb"\s*(xref\b|\d+\s+\d+\s+obj\b)")
_MARKERS = [(b"/JavaScript", "JavaScript"), (b"/EmbeddedFile", "embedded files"), (b"/Launch", "a launch action"),
            (b"/RichMedia", "rich media (Flash or video)")]
_WHITESPACE = b" \t\r\n\x00\x0c"


CHANGED = "the file changed while it was being read; it will be retried on the next run"
NOT_UTF8_NAME = ("the file name is not valid UTF-8 (naplog stores and prints names as UTF-8): rename the file "
                 "to read it")


def utf8_name(path: Path | str) -> bool:
    """The path can be written as UTF-8 (a name of raw bytes that are not, as some old archives
    make, reaches Python as surrogate escapes that no database or terminal accepts)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _stat(path: Path) -> os.stat_result:
    if not utf8_name(path):
        raise InputError(path, NOT_UTF8_NAME)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, f"broken symbolic link (it points to {os.readlink(path)}, which does not exist)", inherent=False) \
                from None
        raise InputError(path, "no such file", inherent=False) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop (the link leads back to itself)") from None
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})", inherent=False) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "not a file (a folder)", inherent=False)
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
            else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file"
        raise InputError(path, f"not a regular file ({kind})", inherent=False)
    return st


def _megabytes(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n / 1024:.1f} kB"


def preflight(path: Path | str, limits: Limits | None = None) -> Preflight:
    """Check a file before it is parsed; ``InputError`` naming the file and the reason when it is refused."""
    path = Path(path)
    limits = limits or current_limits()
    st = _stat(path)
    if st.st_size == 0:
        raise InputError(path, "empty file (0 bytes)")
    if limit_exceeded(st.st_size / MB, limits.max_file_mb):
        raise InputError(path, f"the file is {_megabytes(st.st_size)}, more than the size limit of "
                               f"{limits.describe('max_file_mb')} MB")
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})", inherent=False) from None
    with fh:
        head = fh.read(8192)
        if b"%PDF-" not in head[:1024]:
            what = describe_content(path, head)
            raise InputError(path, f"not a PDF: {what}" if what else "not a PDF (the file does not start with %PDF-)")
        # Read, not memory-mapped: a mapped file cut short by another program kills the process
        # (SIGBUS) when the missing bytes are touched; a read just comes back short.
        try:
            data = head + fh.read()
        except OSError as exc:
            raise InputError(path, f"cannot read the file ({exc.strerror or exc})", inherent=False) from None
    if len(data) != st.st_size:
        raise InputError(path, CHANGED, inherent=False)
    report = Preflight(path=path, size=st.st_size, mtime_ns=st.st_mtime_ns, inode=st.st_ino, pages=0,
                       text_layer=False, images=0)
    _check_structure(path, data, report)
    _count_pages(path, data, report, limits)
    _check_streams(path, data, report, limits)
    if report.nesting_forms:
        # Forms drawing forms: each use expands again, so each is measured with what it draws.
        check_forms(path, data, report.nesting_forms, limits)
    if limit_exceeded(report.drawn_bytes, limits.max_page_content_mb * MB):
        # More drawing than one page may hold, which several streams of one page could add up to:
        # measured page by page (pdfminer's page tree: a tenth of a second or more, so only then).
        check_page_expansion(path, data, limits)
    if report.active_content:
        report.warnings.append(f"contains {', '.join(report.active_content)}: ignored (naplog only reads the "
                               f"text and lines of the pages; nothing in the file is run, opened or saved)")
    return report


def _check_structure(path: Path, mm: bytes, report: Preflight) -> None:
    """Truncation and the cross-reference table, from the file's last bytes."""
    size = len(mm)
    eof = mm.rfind(b"%%EOF")
    after_eof = mm[eof + 5:].strip(_WHITESPACE) if eof >= 0 and size - eof <= 64 * EOF_WINDOW else None
    eof_ok = after_eof is not None and len(after_eof) <= EOF_WINDOW
    sx = mm.rfind(b"startxref", max(0, size - 64 * EOF_WINDOW))
    xref_ok = False
    if sx >= 0:
        m = _STARTXREF.match(mm[sx:sx + 40])
        if m and 0 < int(m.group(1)) < size:
            offset = int(m.group(1))
            xref_ok = _XREF_AT.match(mm[offset:offset + 40]) is not None and _xref_entries_ok(mm, offset)
    if not eof_ok and not xref_ok:
        raise InputError(path, f"the PDF is truncated: it stops after {size} bytes, without the end-of-file marker "
                               f"and cross-reference table a complete PDF ends with (an interrupted download or copy?)")
    if not xref_ok:
        report.xref_rebuilt = True
        report.warnings.append("the cross-reference table is damaged; it was rebuilt by scanning the file "
                               "(the pages read normally)")
    elif not eof_ok:
        report.warnings.append("the file does not end with an end-of-file marker after its last update "
                               "(extra bytes at the end are ignored)")


_XREF_SECTION = re.compile(rb"xref\s+(\d+)\s+(\d+)\s*?[\r\n]+")
_XREF_ENTRY = re.compile(rb"[ \t\r\n]*(\d{10}) \d{5} ([nf])")
_OBJ_AT = re.compile(rb"\s*\d+\s+\d+\s+obj\b")


def _xref_entries_ok(mm: bytes, offset: int, sample: int = 64) -> bool:
    """Whether a classic cross-reference table's first entries point at objects. PDFium rebuilds
    a table whose entries point at the wrong bytes; saying so is the reader's due."""
    m = _XREF_SECTION.match(mm, offset)
    if m is None:  # a cross-reference stream: its offsets are checked by the readers
        return True
    pos = m.end()
    for _ in range(min(int(m.group(2)), sample)):
        entry = _XREF_ENTRY.match(mm, pos)
        if entry is None:
            return False
        pos = entry.end()
        target = int(entry.group(1))
        # Offset 0 marks an object never written (readers take it as missing), not a wrong byte.
        if entry.group(2) == b"n" and target and _OBJ_AT.match(mm[target:target + 40]) is None:
            return False
    return True


def _count_pages(path: Path, data: bytes, report: Preflight, limits: Limits) -> None:
    """Open the document with PDFium (a millisecond or two): page count, password."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(path, "the PDF is protected by a password: naplog cannot read it (ask for an "
                                   "unprotected copy, or remove the protection, e.g. with "
                                   "qpdf --decrypt --password=PASSWORD in.pdf out.pdf)") from None
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(path, "the PDF is encrypted with a method naplog cannot read (a certificate or "
                                   "an unsupported security handler)") from None
        if _pdfminer_page_count(data) == 0:
            raise InputError(path, "the PDF has no pages") from None
        raise InputError(path, f"the PDF is damaged and cannot be read ({exc})") from None
    try:
        n = len(doc)
        report.encrypted = pdfium_c.FPDF_GetSecurityHandlerRevision(doc.raw) != -1
    finally:
        doc.close()
    if n == 0:
        raise InputError(path, "the PDF has no pages")
    if limit_exceeded(n, limits.max_pages):
        raise InputError(path, f"the PDF has {n} pages, more than the limit of {limits.describe('max_pages')} "
                               f"pages; it was not read")
    report.pages = n
    if report.encrypted:
        report.warnings.append("the PDF is encrypted with an empty user password: read as any PDF viewer "
                               "reads it (its owner restrictions do not stop reading its text)")


def _pdfminer_page_count(data: bytes) -> int | None:
    """Pages pdfminer finds (None when it cannot open the file either)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        return sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except Exception:  # noqa: BLE001 - damaged for pdfminer too
        return None


def _iter_streams(mm: bytes, report: Preflight, outside: list[bytes]) -> Iterator[tuple[_Stream, bytes]]:
    """Every stream object that pdfminer or PDFium might inflate, with its dictionary; images and
    embedded files are counted (and noted) but not returned. The bytes between streams (where
    every uncompressed dictionary is) are appended to ``outside``."""
    pos = 0
    last = 0  # end of the previous stream's data
    size = len(mm)
    while True:
        i = mm.find(b"stream", pos)
        if i < 0:
            outside.append(mm[last:])
            return
        pos = i + 6
        if i >= 3 and mm[i - 3:i] == b"end":
            continue
        eol = mm[i + 6:i + 8]
        if eol.startswith(b"\r\n"):
            start = i + 8
        elif eol[:1] in (b"\n", b"\r"):
            start = i + 7
        else:
            continue
        before = mm[max(0, i - 16):i].rstrip(_WHITESPACE)
        if not before.endswith(b">>"):
            continue  # the word "stream" in some text, not a stream keyword
        k = mm.rfind(b"obj", max(0, i - 16384), i)
        if k < 0:
            continue
        dictionary = mm[k + 3:i]
        header = _OBJ_HEADER.search(mm[max(0, k - 24):k + 3])
        objid = int(header.group(1)) if header else None
        genno = int(header.group(2)) if header else 0
        end = -1
        m = _LENGTH.search(dictionary)
        if m:
            candidate = start + int(m.group(1))
            if candidate <= size and mm[candidate:candidate + 12].lstrip(_WHITESPACE).startswith(b"endstream"):
                end = candidate
        if end < 0:
            end = mm.find(b"endstream", start)
            if end < 0:
                end = size
        outside.append(mm[last:start])
        pos = last = end
        kind = _TYPE.search(dictionary)
        if _IMAGE.search(dictionary):
            report.images += 1
            continue
        if kind and kind.group(1) in (b"XRef", b"Metadata"):
            continue
        if kind and kind.group(1) == b"EmbeddedFile":
            if "embedded files" not in report.active_content:
                report.active_content.append("embedded files")
            continue
        f = _STREAM_DICT_FILTER.search(dictionary)
        chain = chain_of(_NAME.findall(f.group(1))) if f else []  # [] : stored as it is
        if chain is None or (f and not chain):
            continue  # an image filter: never decoded to read text
        yield _Stream(objid, genno, start, end, bool(kind and kind.group(1) == b"ObjStm"), chain), dictionary


def _inflate_stream(data: bytes, start: int, end: int, chain: list[str], cap: int, keep: bool = False,
                    exact: bool = False) -> tuple[int, int, bytes]:
    """A stream measured by its filters: plain Flate by ``_inflate`` (which stops early once the rest
    cannot reach the cap), any other chain by ``_decode_chain``."""
    if chain == ["flate"]:
        return _inflate(data, start, end, cap, keep, exact)
    return _decode_chain(data, start, end, chain, cap, keep)


def _decipher(data: bytes) -> Callable[[int, int, bytes], bytes] | None:
    """pdfminer's decryption of stream data, for a PDF encrypted with an empty user password."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - the reader gives the real error later
        return None
    if doc.decipher is None:
        return None
    decipher = doc.decipher
    return lambda objid, genno, data: decipher(objid, genno, data, {})


def _inflate(data: bytes, start: int, end: int, cap: int, keep: bool = False,
             exact: bool = False) -> tuple[int, int, bytes]:
    """Inflate ``data[start:end]`` piece by piece (never more than 1 MB at a time), stopping once
    the output passes ``cap`` (0: no cap), or, unless ``keep`` or ``exact``, once the compressed
    data left could not take it past ``cap`` even at deflate's highest ratio.

    Gives the bytes inflated (more than ``cap`` when over it), the most the whole stream can
    inflate to (the same number when it was inflated to its end), and the data when ``keep``.
    """
    d = zlib.decompressobj()
    total = 0
    kept: list[bytes] = []
    pos = start
    step = 1 << 16
    try:
        buf = b""
        while True:
            if d.unconsumed_tail:
                buf = d.unconsumed_tail
            elif pos < end:
                if cap and not (keep or exact) and total + (end - pos) * MAX_DEFLATE_RATIO <= cap:
                    return total, total + (end - pos) * MAX_DEFLATE_RATIO, b""  # the rest cannot reach the cap
                buf = data[pos:min(pos + step, end)]
                pos += step
            else:
                break
            out = d.decompress(buf, MB)
            total += len(out)
            if keep:
                kept.append(out)
            if cap and total > cap:
                break
            if d.eof:
                break
    except zlib.error:
        pass  # what inflated before the damage is what a reader could get
    return total, total, b"".join(kept)


def _decode_chain(data: bytes, start: int, end: int, chain: list[str], cap: int,
                  keep: bool = False) -> tuple[int, int, bytes]:
    """``_inflate`` for any chain of filters: decoded a piece at a time (``pipeline.pdf.decoders``),
    stopping once the last filter's output passes ``cap``; every stage is bounded, so a chain that
    inflates twice (Flate of Flate, ASCII85 then Flate, LZW) is measured as cheaply as one."""
    total = 0
    kept: list[bytes] = []
    for piece in decode_pieces(data, chain, start, end):
        total += len(piece)
        if keep:
            kept.append(piece)
        if cap and total > cap:
            break
    return total, total, b"".join(kept)


def _compressed(n: int) -> str:
    """A stream's compressed size: in MB, or in bytes when that would read 0.00 MB (a chain of
    filters inflates a few kB to gigabytes)."""
    return f"{n / MB:.2f} MB" if n >= MB // 100 else f"{n:,} bytes"


def _filters(s: _Stream) -> str:
    """`` (filters ASCII85Decode, FlateDecode)`` for a stream of more than one plain Flate."""
    names = {"flate": "FlateDecode", "lzw": "LZWDecode", "hex": "ASCIIHexDecode", "a85": "ASCII85Decode",
             "rl": "RunLengthDecode"}
    return "" if s.chain == ["flate"] else f" (filters {', '.join(names[k] for k in s.chain)})"


# Stream dictionaries of things that are not drawing instructions: font programs, colour profiles,
# functions, shadings, character maps, XML.
_NOT_DRAWING = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType|XML)\b|/N\s+\d|"
                          rb"/FunctionType\b|/ShadingType\b|/CMapName\b|/Type\s*/CMap\b")


_FORM_DICT = re.compile(rb"/Subtype\s*/Form\b")
_DRAWS_FORM = re.compile(rb"/[^\s/\[\]()<>{}%]+\s*Do\b")


def _check_streams(path: Path, mm: bytes, report: Preflight, limits: Limits) -> None:
    """Decompression bombs, oversized page content; fonts (a text layer), images, JavaScript and
    embedded files."""
    stream_cap = int(limits.max_stream_mb * MB)
    page_cap = int(limits.max_page_content_mb * MB)
    total_cap = int(limits.max_inflated_mb * MB)
    decipher = None
    if report.encrypted:
        decipher = _decipher(mm)
    sizes: list[tuple[int, bool, _Stream]] = []  # (the most it inflates to, exact?, stream)
    extra_text: list[bytes] = []  # inflated object streams, where dictionaries hide
    outside: list[bytes] = []  # the file's bytes outside stream data

    def inflate(s: _Stream, cap: int, keep: bool = False, exact: bool = False) -> tuple[int, int, bytes]:
        if decipher is not None and s.objid is not None:
            try:
                data = decipher(s.objid, s.genno, mm[s.start:s.end].rstrip(_WHITESPACE))
            except Exception:  # noqa: BLE001 - undecryptable: the reader will say so
                return 0, 0, b""
            result = _inflate_stream(data, 0, len(data), s.chain, cap, keep, exact)
        else:
            result = _inflate_stream(mm, s.start, s.end, s.chain, cap, keep, exact)
        report.inflated_bytes += result[0]
        return result

    def name(s: _Stream) -> str:
        where = f"object {s.objid}" if s.objid is not None else f"the stream at byte {s.start}"
        return where + _filters(s)

    def bomb(what: str, limit_name: str) -> InputError:
        return InputError(path, f"refused as a decompression bomb: {what} (limit {limits.describe(limit_name)} "
                                f"MB); nothing was extracted")

    for s, dictionary in _iter_streams(mm, report, outside):
        check_deadline()
        compressed = s.end - s.start
        drawing = bool(page_cap) and not s.objstm and _NOT_DRAWING.search(dictionary) is None
        form = drawing and _FORM_DICT.search(dictionary) is not None
        cap = min(c for c in (stream_cap, page_cap if drawing else 0) if c) if (stream_cap or drawing) else 0
        ratio = max_ratio(s.chain)
        if not (s.objstm or form) and not (cap and compressed * ratio > cap):
            bound = compressed * ratio
            sizes.append((min(bound, stream_cap) if stream_cap else bound, False, s))
            continue
        # Forms are inflated (they are few and small) to see whether they draw forms in turn.
        size, upper, data = inflate(s, cap, keep=s.objstm or form, exact=form)
        if stream_cap and size > stream_cap:
            raise bomb(f"{name(s)} inflates from {_compressed(compressed)} to more than {limits.max_stream_mb:g} MB",
                       "max_stream_mb")
        if drawing and size > page_cap:
            raise InputError(path, f"{name(s)}, drawing instructions for a page, inflates from "
                                   f"{_compressed(compressed)} to more than {limits.max_page_content_mb:g} MB, "
                                   f"more than the limit of "
                                   f"{limits.describe('max_page_content_mb')} MB per page; it was not read")
        sizes.append((upper, size == upper, s))
        if drawing and size == upper:
            report.drawn_bytes += size
        if form and s.objid is not None and _DRAWS_FORM.search(data):
            report.nesting_forms.append(s.objid)
        if s.objstm:
            extra_text.append(data)
    if total_cap and sum(n for n, _, _ in sizes) > total_cap:
        # Only an upper bound is over: inflate the largest streams until the bound fits, or the
        # bytes really inflated do not.
        pending = sum(n for n, _, _ in sizes)
        exact = 0
        for n, is_exact, s in sorted(sizes, key=lambda x: -x[0]):
            if exact + pending <= total_cap:
                break
            pending -= n
            if not is_exact:
                check_deadline()
                n = inflate(s, total_cap - exact + 1, exact=True)[0]
            exact += n
            if exact > total_cap:
                raise bomb(f"its streams inflate to more than {limits.max_inflated_mb:g} MB in all", "max_inflated_mb")
    haystacks = [b"".join(outside), *extra_text]
    report.text_layer = any(h.find(b"/Font") >= 0 for h in haystacks)
    found = set(report.active_content)
    report.active_content = [what for marker, what in _MARKERS
                             if what in found or any(h.find(marker) >= 0 for h in haystacks)]


# ---- reading a checked file ------------------------------------------------------------------


def ocr_available() -> bool:
    return shutil.which("ocrmypdf") is not None


def no_text_message(pre: Preflight | None, parsed: bool = False) -> str:
    pages = f"{pre.pages} page{'s' if pre.pages != 1 else ''}" if pre else "pages"
    if pre is not None and not pre.text_layer:
        what = (f"the PDF has no text layer (no fonts; {pages}, {pre.images} image"
                f"{'s' if pre.images != 1 else ''}): it looks like a scanned document")
    else:
        what = (f"no text was found on any of its {pages}: it has no text layer (a scanned document, or text "
                f"drawn as shapes)")
    if ocr_available():
        return f"{what}; run again with --ocr to add a text layer with OCRmyPDF"
    return f"{what}; naplog can add a text layer with --ocr once OCRmyPDF and Tesseract are installed: {OCR_HELP}"


def _tesseract_languages() -> str:
    """The plan languages Tesseract has (eng, fra, spa, por), as OCRmyPDF's -l argument."""
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "eng"
    have = {line.strip() for line in out.splitlines()}
    langs = [lang for lang in ("eng", "fra", "spa", "por") if lang in have]
    return "+".join(langs) or "eng"


def run_ocr(path: Path, output: Path) -> None:
    """Add a text layer to ``path`` with OCRmyPDF, written to ``output``; ``InputError`` on failure."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        raise InputError(path, f"--ocr needs OCRmyPDF and Tesseract, which are not installed: {OCR_HELP}", inherent=False)
    timeout = remaining_seconds()
    cmd = [exe, "--skip-text", "--quiet", "-l", _tesseract_languages(), "--", str(path), str(output)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout or None,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise InputError(path, "OCR (ocrmypdf) did not finish within the document's time limit "
                               "(NAPLOG_MAX_SECONDS / --max-seconds)", inherent=False) from None
    except OSError as exc:
        raise InputError(path, f"OCR (ocrmypdf) could not be started ({exc})", inherent=False) from None
    if proc.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
        last = (proc.stderr or proc.stdout or "").strip().splitlines()
        reason = last[-1] if last else f"exit status {proc.returncode}"
        raise InputError(path, f"OCR (ocrmypdf) failed: {reason}", inherent=False)


def ensure_unchanged(path: Path, pre: Preflight, sha256: str | None = None,
                     expected_sha256: str | None = None) -> None:
    """``InputError`` when the file is not the one the preflight saw (or, given ``expected_sha256``,
    not the one that was fingerprinted)."""
    try:
        st = os.stat(path)
        now = (st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        now = None
    changed = now != (pre.size, pre.mtime_ns, pre.inode)
    if expected_sha256 is not None and sha256 is not None and sha256 != expected_sha256:
        changed = True
    if changed:
        raise InputError(path, CHANGED, inherent=False)


_WORD_TEXT = itemgetter(0)  # pipeline.pdf.model.Word.text


def _check_page_text(path: Path, pdf, limits: Limits) -> None:  # noqa: ANN001 - PdfDocument
    """The character limit on every page read (pages read in full are also checked before their
    characters are read, in ``triage.triage_pdf``)."""
    if not limits.max_page_chars:
        return
    for page in pdf.pages:
        n = sum(map(len, map(_WORD_TEXT, page.words)))  # in C: a page holds thousands of words
        if n > limits.max_page_chars:
            raise InputError(path, f"page {page.number} has {n} characters, more than the limit of "
                                   f"{limits.describe('max_page_chars')} per page")


def read_checked(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS, limits: Limits | None = None,
                 *, ocr: bool | None = None, expected_sha256: str | None = None):  # noqa: ANN201 - PdfDocument
    """Preflight, then read the pages under the time limit; every refusal is an ``InputError``.

    With ``ocr`` (default: ``$NAPLOG_OCR``), a document without text gets a text layer from
    OCRmyPDF in a temporary file first; the document keeps its own path and sha256.
    """
    path = Path(path)
    limits = limits or current_limits()
    ocr = ocr_requested() if ocr is None else ocr
    with use_limits(limits), deadline(path, limits.max_seconds):
        pre = preflight(path, limits)
        for warning in pre.warnings:
            log.warning("%s: %s", path, warning)
        if not pre.text_layer and not ocr:
            raise InputError(path, no_text_message(pre))
        pdf = None
        if pre.text_layer:
            pdf = read_capped(path, settings, limits, read_pdf)
            ensure_unchanged(path, pre, pdf.sha256, expected_sha256)
            if not any(p.words for p in pdf.pages):
                if not ocr:
                    raise InputError(path, no_text_message(pre, parsed=True))
                pdf = None
        if pdf is None:
            pdf = _read_with_ocr(path, pre, settings, limits, expected_sha256)
        _check_page_text(path, pdf, limits)
        for warning in pdf.warnings:
            log.warning("%s: %s", path, warning)
        return pdf


def _read_with_ocr(path: Path, pre: Preflight, settings: ExtractionSettings, limits: Limits,
                   expected_sha256: str | None):  # noqa: ANN202 - PdfDocument
    sha = sha256_of(path)
    # A name of naplog's own in a fresh private folder: nothing derived from the input's name.
    with tempfile.TemporaryDirectory(prefix="naplog-ocr-") as tmp:
        output = Path(tmp) / "ocr.pdf"
        run_ocr(path, output)
        ensure_unchanged(path, pre, sha, expected_sha256)
        preflight(output, limits)
        try:
            pdf = read_capped(output, settings, limits, read_pdf)
        except InputError as exc:
            raise InputError(path, f"after OCR: {exc.problem}", inherent=False) from None
    if not any(p.words for p in pdf.pages):
        raise InputError(path, "OCR found no text in the document", inherent=False)
    return dataclasses.replace(pdf, path=path, sha256=sha)
