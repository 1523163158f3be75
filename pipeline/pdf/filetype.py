"""What a file that is not a PDF is, from its first bytes: so that an error can say "not a PDF:
an HTML page" rather than only "not a PDF"."""

from __future__ import annotations

import zipfile
from pathlib import Path

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (DOC, XLS or PPT)"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
]
_ZIP_KINDS = [("word/", "a Word document (DOCX)"), ("xl/", "an Excel workbook (XLSX)"),
              ("ppt/", "a PowerPoint presentation (PPTX)")]


def describe_content(path: Path, head: bytes) -> str | None:
    """What a file that is not a PDF is, from its first bytes ("an HTML page"), or None."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
                mimetype = z.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
            return "a ZIP archive (damaged)"
        for prefix, what in _ZIP_KINDS:
            if any(n.startswith(prefix) for n in names):
                return what
        if mimetype.startswith("application/vnd.oasis.opendocument."):
            return f"an OpenDocument file ({mimetype.rsplit('.', 1)[-1]})"
        if mimetype == "application/epub+zip":
            return "an EPUB e-book"
        return "a ZIP archive"
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:1024] or b"<head" in text[:1024] \
            or b"<body" in text[:1024]:
        return "an HTML page"
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        return "an SVG image" if b"<svg" in text[:1024] else "an XML file"
    if text.startswith((b"{", b"[")):
        return "a JSON or text file"
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        decoded = None if head.count(0) else head.decode("latin-1")
    if decoded is not None and sum(ch.isprintable() or ch in "\r\n\t" for ch in decoded) >= 0.95 * len(decoded):
        return "a text file"
    return None
