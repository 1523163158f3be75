"""A generated corpus of bad input: every kind of file an unattended inbox may receive.

``build_corpus(folder)`` writes one file per ``CASES`` entry (plain bytes, a small PDF writer
below, or pikepdf for encryption and attachments) and returns ``{case id: path}``. Nothing here
reads the network or the shared corpus; the good PDFs the variants start from are the bundled
samples. Each case says what naplog must do with it: refuse it with an error matching
``refused`` (a regular expression on the problem, the part after "path: "), or read it and warn
with a message matching ``warning``. docs/robustness.md lists the same cases.

``build_folder_traps(folder)`` makes the file-system traps (names with spaces, unicode, a
newline, non-UTF-8 bytes; a symbolic-link loop, a broken link, a link to a PDF outside, a named
pipe) for ``discover``.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from tests.hostile_pdfs import filter_chain_bomb, nested_forms, one_unreadable_page, self_drawing_form

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "samples" / "en_ruled_repeated_header.pdf"  # a plan with a logframe: 4 pages
FAST = ROOT / "samples" / "fr_narrative_plan.pdf"  # a plan read in a tenth of a second, for the name traps


# ---- a minimal PDF writer ----------------------------------------------------------------------


def stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    """A stream object's body; ``data`` deflated unless ``compress`` is False (already deflated
    data is passed with compress=False and ``/Filter /FlateDecode`` in ``extra``)."""
    if compress:
        data = zlib.compress(data)
        extra = b"/Filter /FlateDecode " + extra
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def build_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF of ``objects`` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_pdf(contents: list[bytes], extra_objects: list[bytes] | None = None, font: bytes = FONT,
             compress: bool = True) -> bytes:
    """One page per content stream, with Helvetica as /F1. Objects: 1 catalog, 2 pages, 3 font,
    then page and content pairs, then ``extra_objects``."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), font]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(stream(content, compress=compress))
    return build_pdf(objects + (extra_objects or []))


def zlib_bomb(megabytes: int) -> bytes:
    """A valid zlib stream of ``megabytes`` MB of zeros, about 1 KB per MB, built in a blink
    (identical deflate blocks after full flushes, and the right checksum)."""
    zeros = bytes(1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(zeros, adler)
    return first + block * (megabytes - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def deflated(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def _empty_record(path: Path) -> None:
    """The good plan, with one indicator's two lines drawn in a font whose ToUnicode map gives C1
    controls and non-characters (U+0081, U+FDD0, U+009F): a reader reads them, the records' cleaning
    removes them, and the indicator is left without text (as 2 of 1,600 fuzzed plans were)."""
    pdf = pikepdf.open(GOOD)
    page = pdf.pages[2]
    data = page.Contents.read_bytes()
    codes = sorted(set(b"".join(EMPTIED_LINES)))
    not_text = (0x81, 0xFDD0, 0x9F)
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /NotText def "
            b"1 begincodespacerange <00> <FF> endcodespacerange %d beginbfchar\n" % len(codes)
            + b"".join(b"<%02X> <%04X>\n" % (c, not_text[i % 3]) for i, c in enumerate(codes))
            + b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    for line in EMPTIED_LINES:  # "BT /F1 8 Tf ... ET BT ... (line) Tj": the line's font becomes /FZ
        data, n = re.subn(rb"BT /F1 (\d+) Tf ([^\n]*\nBT [^\n]*\(" + re.escape(line) + rb"\) Tj)",
                          rb"BT /FZ \1 Tf \2", data)
        assert n == 1, line
    page.Resources.Font.FZ = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        ToUnicode=pdf.make_stream(cmap)))
    page.Contents = pdf.make_stream(data)
    pdf.save(path)


EMPTIED_LINES = (b"Number of women appointed", b"as aldeia and suco chiefs")
EMPTIED = "Number of women appointed as aldeia and suco chiefs"


# ---- the cases -----------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    filename: str
    build: Callable[[Path], None]
    refused: str | None = None  # regular expression on the problem; None: the file is read
    warning: str | None = None  # regular expression on a warning logged while it is read
    env: dict[str, str] = field(default_factory=dict)  # limits lowered for this case
    left_out: tuple[str, ...] = ()  # texts of the good plan's indicators a readable case loses
    what: str = ""  # the row of docs/robustness.md


def _write(data: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(data)
    return build


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff" * 3 * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
                                        '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>National Action '
                                        'Plan</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()


def _good() -> bytes:
    return GOOD.read_bytes()


def _truncated(path: Path) -> None:
    data = _good()
    path.write_bytes(data[: int(len(data) * 0.6)])


def _truncated_header(path: Path) -> None:
    path.write_bytes(_good()[:2000])


def _broken_startxref(path: Path) -> None:
    """The table is intact, but startxref points 7 bytes past it: readers rebuild it by scanning."""
    data = _good()
    m = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
    path.write_bytes(data[:m.start(1)] + str(int(m.group(1)) + 7).encode() + data[m.end(1):])


def _wrong_xref_offsets(path: Path) -> None:
    """The table is where startxref says, but every entry points at the wrong byte."""
    data = _good()
    start = int(list(re.finditer(rb"startxref\s+(\d+)", data))[-1].group(1))
    end = data.index(b"trailer", start)
    table = re.sub(rb"\d{10} 00000 n", b"0000000017 00000 n", data[start:end])
    path.write_bytes(data[:start] + table + data[end:])


def _garbage_after_header(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\nstartxref\n9\n%%EOF\n")


def _encrypted(user: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with pikepdf.open(GOOD) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(user=user, owner="owner-secret",
                                                         allow=pikepdf.Permissions(extract=False)))
    return build


def _scanned(path: Path) -> None:
    """Two pages, each a gray image and nothing else: no font, no text."""
    image = stream(bytes(range(256)) * 64, b"/Type /XObject /Subtype /Image /Width 128 /Height 128 "
                                           b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>"]
    for page in (3, 5):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 7 0 R >> "
                       b">> /Contents %d 0 R >>" % (page + 1))
        objects.append(stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"))
    objects.append(image)
    path.write_bytes(build_pdf(objects))


def _textless(path: Path) -> None:
    """A font is declared, but the pages only draw lines: no text to extract."""
    path.write_bytes(text_pdf([b"0 0 m 500 500 l S", b"10 10 m 200 400 l S"]))


def _no_pages(path: Path) -> None:
    path.write_bytes(build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))


def _many_pages(count: int) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
                   stream(b"BT /F1 12 Tf 72 720 Td (A page of a very long file) Tj ET")]
        objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R /Resources << /Font << "
                    b"/F1 %d 0 R >> >> >>" % (4 + count)] * count
        objects.append(FONT)
        path.write_bytes(build_pdf(objects))
    return build


def _huge_page(path: Path) -> None:
    """A page showing 300,000 characters (about 50,000 words) from a 300 KB content stream."""
    words = b" ".join(b"lorem" for _ in range(50_000))
    path.write_bytes(text_pdf([b"BT /F1 1 Tf 10 800 Td (" + words + b") Tj ET"]))


def _heavy_page(path: Path) -> None:
    """A page of 17 MB of drawing instructions (blank space: deflates to 17 KB)."""
    content = b"BT /F1 12 Tf 72 720 Td (Title) Tj ET\n" + b" " * (17 << 20)
    path.write_bytes(text_pdf([content]))


def _font_bomb(path: Path) -> None:
    """A 300 MB embedded font program in 300 KB: pdfminer would inflate it whole to read the font."""
    bomb = zlib_bomb(300)
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R "
            b"/Encoding /WinAnsiEncoding >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>")
    fontfile = stream(bomb, b"/Filter /FlateDecode /Length1 %d " % (300 << 20), compress=False)
    path.write_bytes(text_pdf([b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"], [descriptor, fontfile], font=font))


def _content_bomb(path: Path) -> None:
    """The page's own content stream inflates to 300 MB (the classic bomb)."""
    content = stream(zlib_bomb(300), b"/Filter /FlateDecode ", compress=False)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", FONT,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 5 0 R >>", content]
    path.write_bytes(build_pdf(objects))


def _many_small_bombs(path: Path) -> None:
    """Twelve 10 MB font programs: each one under the per-stream limit, 120 MB in all."""
    extra = []
    for i in range(12):
        extra.append(stream(zlib_bomb(10), b"/Filter /FlateDecode /Length1 %d " % (10 << 20), compress=False))
    path.write_bytes(text_pdf([b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"], extra))


def _active_content(path: Path) -> None:
    """The good plan with JavaScript run on opening, an attached program and a launch action."""
    with pikepdf.open(GOOD) as pdf:
        js = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('opened');"))
        pdf.Root.OpenAction = pdf.make_indirect(js)
        attachment = pikepdf.AttachedFileSpec(pdf, b"MZ payload that must never be written", filename="payload.exe")
        pdf.attachments["payload.exe"] = attachment
        launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("payload.exe"))
        annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                   Rect=pikepdf.Array([0, 0, 100, 100]), A=launch)
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
        pdf.save(path)


def _compressed_objects(path: Path) -> None:
    """The good plan saved with object streams (its dictionaries compressed), and JavaScript hidden
    in one of them: found all the same."""
    with pikepdf.open(GOOD) as pdf:
        js = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hidden');"))
        pdf.Root.OpenAction = pdf.make_indirect(js)
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)


CASES: list[Case] = [
    Case("empty", "empty.pdf", _write(b""), r"^empty file \(0 bytes\)$", what="Empty file"),
    Case("html", "download.pdf", _write(b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                                        b"<body>Not found</body></html>\n"),
         r"^not a PDF: an HTML page$", what="HTML page named .pdf (an error page saved as the download)"),
    Case("docx", "plan-word.pdf", _write(_docx()), r"^not a PDF: a Word document \(DOCX\)$",
         what="Word document (DOCX) named .pdf"),
    Case("png", "scan-image.pdf", _write(_png()), r"^not a PDF: a PNG image$", what="PNG image named .pdf"),
    Case("text", "notes.pdf", _write("Plan d'action national – notes\n".encode() * 20), r"^not a PDF: a text file$",
         what="Plain text named .pdf"),
    Case("garbage-after-header", "garbled.pdf", _garbage_after_header,
         r"^the PDF is damaged and cannot be read \(.*\)$", what="Starts with %PDF- but is not a PDF inside"),
    Case("truncated", "cut-download.pdf", _truncated, r"^the PDF is truncated: it stops after \d+ bytes",
         what="Truncated PDF (download cut at 60 %)"),
    Case("truncated-header", "cut-early.pdf", _truncated_header, r"^the PDF is truncated",
         what="Truncated PDF (only the first 2,000 bytes)"),
    Case("broken-startxref", "xref-moved.pdf", _broken_startxref, None,
         r"cross-reference table is damaged; it was rebuilt by scanning the file",
         what="Broken cross-reference table (startxref points to the wrong byte), objects intact"),
    Case("wrong-xref-offsets", "xref-wrong.pdf", _wrong_xref_offsets, None,
         r"cross-reference table is damaged; it was rebuilt by scanning the file",
         what="Cross-reference entries pointing to wrong bytes"),
    Case("no-pages", "no-pages.pdf", _no_pages, r"^the PDF has no pages$", what="A PDF with no pages"),
    Case("encrypted", "protected.pdf", _encrypted("user-secret"), r"^the PDF is protected by a password",
         what="Encrypted PDF with a user password"),
    Case("encrypted-empty-password", "locked-for-editing.pdf", _encrypted(""), None,
         r"encrypted with an empty user password: read as any PDF viewer reads it",
         what="Encrypted PDF with an empty user password (owner restrictions only)"),
    Case("scanned", "scanned.pdf", _scanned,
         r"^the PDF has no text layer \(no fonts; 2 pages, 1 image\): it looks like a scanned document; "
         r"(run again with --ocr|naplog can add a text layer with --ocr once OCRmyPDF and Tesseract are installed: "
         r"install OCRmyPDF and Tesseract \(pip install ocrmypdf; Debian/Ubuntu: apt-get install tesseract-ocr)",
         what="Scanned PDF without a text layer"),
    Case("textless", "drawing-only.pdf", _textless, r"^no text was found on any of its 2 pages: it has no text layer \(a scanned document, or text drawn as "
         r"shapes\); (run again with --ocr|naplog can add a text layer with --ocr)",
         what="PDF with fonts declared but no text drawn"),
    Case("many-pages", "five-thousand-pages.pdf", _many_pages(5000),
         r"^the PDF has 5000 pages, more than the limit of 1000 \(NAPLOG_MAX_PAGES / --max-pages\) pages",
         what="5,000 pages (limit 1,000)"),
    Case("huge-page", "dense-page.pdf", _huge_page,
         r"^page 1 has about \d{6} characters, more than the limit of 200000 \(NAPLOG_MAX_PAGE_CHARS",
         what="A page of 300,000 characters (limit 200,000)"),
    Case("heavy-page", "heavy-page.pdf", _heavy_page,
         r"^object 5, drawing instructions for a page, inflates from 0\.0\d MB to more than 16 MB, more than the "
         r"limit of 16 "
         r"\(NAPLOG_MAX_PAGE_CONTENT_MB\) MB per page; it was not read$", what="A page of 17 MB of drawing instructions (limit 16 MB)"),
    Case("content-bomb", "content-bomb.pdf", _content_bomb,
         r"^object 5, drawing instructions for a page, inflates from 0\.\d\d MB to more than 16 MB",
         what="Decompression bomb in a page's content (300 KB inflating to 300 MB)"),
    Case("font-bomb", "font-bomb.pdf", _font_bomb,
         r"^refused as a decompression bomb: object 7 inflates from 0\.\d+ MB to more than 256 MB "
         r"\(limit 256 \(NAPLOG_MAX_STREAM_MB\) MB\); nothing was extracted$", what="Decompression bomb in an embedded font (300 KB to 300 MB)"),
    Case("many-small-bombs", "small-bombs.pdf", _many_small_bombs,
         r"^refused as a decompression bomb: its streams inflate to more than 100 MB in all",
         env={"NAPLOG_MAX_INFLATED_MB": "100"},
         what="Twelve 10 MB streams (each under the per-stream limit), 120 MB in all (limit lowered to 100 MB)"),
    Case("filter-chain-bomb", "flate-twice.pdf", lambda p: filter_chain_bomb(p, "flate-flate", 20),
         r"^object 5 \(filters FlateDecode, FlateDecode\), drawing instructions for a page, inflates from "
         r"[\d,]+ bytes to more than 16 MB", what="A page's drawing behind /Filter [/FlateDecode /FlateDecode] (20 MB)"),
    Case("form-draws-itself", "self-form.pdf", self_drawing_form,
         r"^a form \(object \d+\) draws itself, which a reader would expand without end; it was not read$",
         what="A Form XObject that draws itself"),
    Case("nested-forms", "nested-forms.pdf", nested_forms,
         r"^its forms are nested more than 12 \(NAPLOG_MAX_FORM_DEPTH\) deep; it was not read$",
         what="Forms nested 24 deep, each drawn 3 times"),
    Case("unreadable-page", "one-bad-page.pdf", lambda p: one_unreadable_page(p, GOOD), None,
         r"page 5 cannot be read \(Failed to load page\.\): it was left out, the other pages were read",
         what="One page PDFium cannot load among good pages"),
    Case("empty-record", "not-text-font.pdf", _empty_record, None,
         r": page 3: an indicator whose text is only characters that are not text \(control or non-characters\) "
         r"was left out$", left_out=(EMPTIED,),
         what="One indicator whose text is only characters the records' cleaning removes (a font mapping its "
              "glyphs to C1 controls and non-characters)"),
    Case("active-content", "with-javascript.pdf", _active_content, None,
         r"contains JavaScript, embedded files, a launch action: ignored \(naplog only reads the text",
         what="JavaScript on opening, an attached .exe, a launch action"),
    Case("hidden-javascript", "objstm-javascript.pdf", _compressed_objects, None,
         r"contains JavaScript: ignored", what="JavaScript inside a compressed object stream"),
    Case("file-size", "padded.pdf", lambda p: p.write_bytes(_good() + b"\n" * (3 << 20)),
         r"^the file is 3\.0 MB, more than the size limit of 1 \(NAPLOG_MAX_FILE_MB / --max-file-mb\) MB$",
         env={"NAPLOG_MAX_FILE_MB": "1"}, what="File over the size limit (3 MB, limit lowered to 1 MB)"),
]


def build_corpus(folder: Path, cases: list[Case] | None = None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in cases or CASES:
        path = folder / case.filename
        case.build(path)
        paths[case.id] = path
    return paths


# ---- file-system traps for discover ------------------------------------------------------------

ODD_NAMES = ["plan with spaces.pdf", "plan_ünïcødé_計画.pdf", "[draft] plan.pdf", "new\nline.pdf"]
NON_UTF8_NAME = b"plan_\xff\xfe.pdf"


def build_folder_traps(inbox: Path, outside: Path) -> dict[str, Path]:
    """``inbox`` with good plans under odd names and every link trap; ``outside`` holds the
    target of a link that leaves the inbox. Returns the notable paths by role."""
    inbox.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    good = FAST.read_bytes()
    made: dict[str, Path] = {}
    for name in ODD_NAMES:
        (inbox / name).write_bytes(good)
        made[name] = inbox / name
    raw = os.fsencode(inbox) + b"/" + NON_UTF8_NAME
    with open(raw, "wb") as fh:
        fh.write(good)
    made["non-utf8"] = Path(os.fsdecode(raw))
    sub = inbox / "sub"
    sub.mkdir()
    os.symlink(inbox, sub / "loop")  # sub/loop -> inbox: a loop
    os.symlink("self.pdf", inbox / "self.pdf")  # a link to itself
    os.symlink(inbox / "missing.pdf", inbox / "broken.pdf")
    (outside / "elsewhere.pdf").write_bytes(good)
    os.symlink(outside / "elsewhere.pdf", inbox / "linked-from-outside.pdf")
    os.mkfifo(inbox / "pipe.pdf")
    made.update(loop=sub / "loop", self=inbox / "self.pdf", broken=inbox / "broken.pdf",
                linked=inbox / "linked-from-outside.pdf", pipe=inbox / "pipe.pdf")
    return made
