"""The compiled bulk reads (pipeline/pdf/_pdfium_bulk.c) return exactly what their Python definitions
(pipeline.pdf.pdfium_bulk.py_*) read through ctypes, and naplog reads pages alike without them."""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.pdf import pdfium_bulk
from pipeline.pdf.model import Edge, Word
from pipeline.pdf.pdfium_reader import (
    _FORM,
    _PATH,
    device_matrix,
    object_type,
    page_edges,
    page_object,
    page_object_count,
    py_page_edges,
    upright_style_reader,
)
from pipeline.pdf.triage import _NORMALISE, style_reader
from tests.conftest import IN_CI, ROOT, SAMPLES

needs_compiled = pytest.mark.skipif(pdfium_bulk.compiled is None and not IN_CI,
                                    reason="pipeline.pdf._pdfium_bulk was not built (no C compiler at install)")


def test_the_compiled_half_is_built_in_ci():
    """`make` builds it on a machine with a C compiler, as CI's is; a missing build would only
    show as a slower benchmark, so CI says so here."""
    if not IN_CI and pdfium_bulk.compiled is None:
        pytest.skip("not built here (no C compiler at install)")
    assert pdfium_bulk.compiled is not None
    assert pdfium_bulk.text_words is pdfium_bulk.compiled.text_words
    assert pdfium_bulk.text_style is pdfium_bulk.compiled.text_style


def _pages(path: Path, numbers: list[int] | None = None):
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)) if numbers is None else [n - 1 for n in numbers]:
            page = doc[i]
            textpage = page.get_textpage()
            try:
                yield page, textpage
            finally:
                textpage.close()
                page.close()
    finally:
        doc.close()


def _paths(page: pdfium.PdfPage) -> list[int]:
    """Every path object of the page, inside forms too."""
    from pipeline.pdf.pdfium_reader import _form_count, _form_object

    found: list[int] = []

    def walk(objects: list[int]) -> None:
        for obj in objects:
            kind = object_type(obj)
            if kind == _PATH:
                found.append(obj)
            elif kind == _FORM:
                walk([_form_object(obj, j) for j in range(_form_count(obj))])

    raw = ctypes.cast(page.raw, ctypes.c_void_p).value
    walk([page_object(raw, i) for i in range(page_object_count(raw))])
    return found


def _assert_same_reads(path: Path, numbers: list[int] | None = None) -> int:
    """Both halves read the same tokens, characters and segments on these pages; how many values
    were compared."""
    compared = 0
    for page, textpage in _pages(path, numbers):
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n)
        height = page.get_height()
        # Every character's text object as triage reads it, and one past the last (a failed read).
        styles = [pdfium_bulk.compiled.text_style(handle, i) for i in range(n + 2)]
        assert styles == [pdfium_bulk.py_text_style(handle, i) for i in range(n + 2)]
        assert all(type(t) is bool and type(s) is float and type(w) is int for t, s, w in styles)
        assert styles[n + 1][0] is True  # a zero matrix
        compared += n
        for table in (None, _NORMALISE):
            c_words = pdfium_bulk.compiled.text_words(handle, text, height, style_reader(textpage.raw), table)
            assert c_words == pdfium_bulk.py_text_words(handle, text, height, style_reader(textpage.raw), table)
            assert all(type(w) is Word for w in c_words[0])
        ctm, _, page_height = device_matrix(page)
        args = (ctm[4], ctm[5], page_height, 0.15, 3.0)
        c_chars = pdfium_bulk.compiled.char_words(handle, text, upright_style_reader(textpage.raw, ctm), *args)
        assert c_chars == pdfium_bulk.py_char_words(handle, text, upright_style_reader(textpage.raw, ctm), *args)
        assert c_chars is None or all(type(w) is Word for w in c_chars[0])
        compared += len(c_chars[0]) if c_chars else 0
        for obj in _paths(page):
            segments = pdfium_bulk.compiled.path_segments(obj)
            assert segments == pdfium_bulk.py_path_segments(obj)
            compared += len(segments)
        edges = page_edges(page)
        assert edges == py_page_edges(page)
        assert all(type(e) is Edge for e in edges)
        compared += len(edges)
        compared += len(c_words[0]) + n
    return compared


@needs_compiled
@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.name)
def test_compiled_reads_equal_the_python_reads_on_samples(pdf: Path):
    assert _assert_same_reads(pdf) > 0


@needs_compiled
@pytest.mark.corpus
def test_compiled_reads_equal_the_python_reads_on_real_pages(corpus: Path):
    """Ruled Word tables, a form-drawn report table, prose, a page of a damaged file."""
    compared = 0
    for path, numbers in ((corpus / "plans" / "adaptation_plan_sri_lanka.pdf", [3, 60, 61, 163]),
                          (corpus / "plans" / "adaptation_plan_central_african_republic.pdf", [1, 71, 72]),
                          (corpus / "plans" / "adaptation_plan_burkina_faso.pdf", [36]),
                          (corpus / "wps-reports" / "drc_rapport_ua.pdf", [3, 7]),
                          (corpus / "plans" / "somalia_ddg_project_logframe.pdf", None)):
        compared += _assert_same_reads(path, numbers)
    assert compared > 30_000


# Every character Python calls white space, NUL, and ordinary characters of each width (Latin-1,
# the BMP, beyond it), as a str holds them in 1, 2 or 4 bytes.
_SPACES = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
_TEXT = st.text(alphabet=st.sampled_from([*_SPACES, "\x00", "a", "é", "\u2013", "ﬁ", "\U0001d400", "\ufffe"]),
                max_size=40)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from([False, True]))
def test_compiled_words_split_where_the_pattern_does(text: str, turned: bool):
    """Words split where re's \\s or NUL is, whatever the string's width; every token asks for its
    style when PDFium places it in no text object. Indices past the page's characters read nothing
    in PDFium (no object, the box left as it was), alike in both halves."""
    asked: list[int] = []

    def style_of(index: int) -> tuple[bool, float, bool]:
        asked.append(index)
        return turned, 9.5, index % 2 == 0

    doc = pdfium.PdfDocument(str(SAMPLES / "en_narrative_plan.pdf"))
    try:
        page = doc[0]
        textpage = page.get_textpage()
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        far = text + " " * 4000  # past the page's last character: no text object there
        offset = len(far)
        far += text
        words, visible, rotated = pdfium_bulk.compiled.text_words(handle, far, 800.0, style_of, None)
        spans = [m.span() for m in pdfium_bulk.TOKEN.finditer(far)]
        late = [(a, b) for a, b in spans if a >= offset]
        assert visible == sum(b - a for a, b in spans)
        assert rotated == (visible if turned else 0)
        assert [w.text for w in words] == ([] if turned else [far[a:b] for a, b in spans])
        assert asked[-len(late):] == [a for a, _ in late] if late else True
        assert (words, visible, rotated) == pdfium_bulk.py_text_words(handle, far, 800.0, style_of, None)
        textpage.close()
        page.close()
    finally:
        doc.close()


_CHAR_TEXT = st.text(alphabet=st.sampled_from(["a", "b", "é", " ", " ", "ﬁ", "ﬂ", "\x02", "\ufffe", "\xa0", "\x00",
                                               "\n", "\u2003", "\x7f", "\U0001d400", "-"]), min_size=1, max_size=400)


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(_CHAR_TEXT, st.integers(0, 2**32), st.sampled_from([0.15, 3.0]), st.sampled_from([0.5, 3.0]))
def test_compiled_char_words_build_words_as_the_definition(text: str, seed: int, x_ratio: float, y_tol: float):
    """Any characters over a real page's boxes, with text objects of random size, boldness,
    baseline (or none: each character's origin is read) and now and then not upright or not
    standing: ligatures, line-end hyphens, spaces PDFium inferred, words split by size, gaps and
    baselines, bold by majority, alike in both halves."""
    import random

    def style_of(index: int, textobj: int) -> tuple:
        r = random.Random(seed ^ textobj)
        baseline = r.choice([None, 700.0, 700.5, 704.0])
        upright = r.random() > 0.05
        standing = r.random() > 0.02
        size = r.choice([9.0, 10.0, 0.0])
        return ((1, 0, 0, 1, 0, 0), upright, size, "F", -2.0, True, 1.0, standing, r.random() > 0.5, baseline)

    doc = pdfium.PdfDocument(str(SAMPLES / "en_narrative_plan.pdf"))
    try:
        page = doc[1]
        textpage = page.get_textpage()
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        args = (handle, text, style_of, 0.0, 0.0, 842.0, x_ratio, y_tol)
        got = pdfium_bulk.compiled.char_words(*args)
        assert got == pdfium_bulk.py_char_words(*args)
        textpage.close()
        page.close()
    finally:
        doc.close()


def _one_object_per_character(path: Path, seed: int) -> Path:
    """A page whose every character is a text object of its own, in a random one of two fonts
    (regular, bold), sizes and baselines: words whose characters differ in all of these."""
    import random

    from reportlab.pdfgen import canvas

    r = random.Random(seed)
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    y = 800.0
    for _ in range(30):
        x = 40.0
        for word in r.choices(["Ministry", "of", "Gender", "ﬁnance", "WPS", "1325", "x", "outcome"], k=6):
            for ch in word:
                font = r.choice(["Helvetica", "Helvetica-Bold"])
                size = r.choice([10, 10, 10, 9])
                c.setFont(font, size)
                c.drawString(x, y + r.choice([0, 0, 0, 1, 4]), ch)
                x += c.stringWidth(ch, font, size)
            x += r.choice([2.5, 6.0])
        y -= 24
    c.save()
    return path


@needs_compiled
@pytest.mark.parametrize("seed", range(6))
def test_compiled_char_words_on_words_made_of_many_objects(tmp_path: Path, seed: int):
    """Characters of one word in different text objects (fonts, sizes, baselines): words split by
    size and baseline, and bold by majority, alike in both halves and as the general path reads
    them (pdfplumber's rules)."""
    from pipeline.pdf.pdfium_reader import page_chars
    from pipeline.pdf.words import words_from_chars

    pdf = _one_object_per_character(tmp_path / "objects.pdf", seed)
    for page, textpage in _pages(pdf):
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        text = textpage.get_text_range(0, textpage.count_chars())
        ctm, _, height = device_matrix(page)
        for y_tolerance in (0.5, 3.0):
            args = (ctm[4], ctm[5], height, 0.15, y_tolerance)
            got = pdfium_bulk.compiled.char_words(handle, text, upright_style_reader(textpage.raw, ctm), *args)
            assert got == pdfium_bulk.py_char_words(handle, text, upright_style_reader(textpage.raw, ctm), *args)
            chars = [c for c in page_chars(page, textpage) if c["text"].strip() or c["text"] == " "]
            assert got[0] == words_from_chars(chars, 0.15, y_tolerance)
            assert any(w.bold for w in got[0]) and not all(w.bold for w in got[0])
            assert len({w.size for w in got[0]}) == 2


def _drawn_paths(path: Path, seed: int) -> Path:
    """A page of every kind of path pdfminer tells apart: lines (flat, steep, slanted), rectangles
    (filled, stroked, nearly square), closed and open polygons, curves, paths of several
    subpaths, and some of them inside a form drawn twice under a moved, scaled and turned matrix."""
    import random

    from reportlab.pdfgen import canvas

    r = random.Random(seed)
    c = canvas.Canvas(str(path), pagesize=(595, 842))

    def shapes() -> None:
        for _ in range(25):
            x, y = r.uniform(20, 500), r.uniform(20, 780)
            kind = r.choice(["line", "rect", "poly", "curve", "multi", "corners"])
            if kind == "corners":  # three sides drawn, the fourth (and an L's sixth) by closing
                p = c.beginPath()
                p.moveTo(x, y)
                for dx, dy in r.choice([[(40, 0), (40, 20), (0, 20)], [(40, 0), (40, 10), (20, 10), (20, 20), (0, 20)]]):
                    p.lineTo(x + dx, y + dy)
                p.close()
                c.drawPath(p, stroke=1, fill=0)
            elif kind == "line":
                c.line(x, y, x + r.choice([0, 0.005, 40, 3]), y + r.choice([0, 0.004, 30, 2]))
            elif kind == "rect":
                c.rect(x, y, r.choice([60, 0.005, 12.5]), r.choice([20, 0.004, 12.5]), fill=r.random() > 0.5)
            else:
                p = c.beginPath()
                p.moveTo(x, y)
                for _ in range(r.randint(1, 5)):
                    if kind == "curve" and r.random() > 0.5:
                        p.curveTo(x + 5, y + 9, x + 10, y - 4, x + 20, y)
                    x += r.choice([0, 15, 0.003])
                    y += r.choice([0, 10, 0.002])
                    p.lineTo(x, y)
                    if kind == "multi" and r.random() > 0.6:
                        p.moveTo(x + 7, y + 7)
                if r.random() > 0.4:
                    p.close()
                c.drawPath(p, stroke=1, fill=r.random() > 0.7)

    shapes()
    c.beginForm("shapes")
    shapes()
    c.endForm()
    c.doForm("shapes")
    c.saveState()
    c.translate(30, -40)
    c.scale(0.8, 1.1)
    c.rotate(90)
    c.doForm("shapes")
    c.restoreState()
    c.save()
    return path


@needs_compiled
@pytest.mark.parametrize("seed", range(8))
def test_compiled_page_edges_on_every_kind_of_path(tmp_path: Path, seed: int):
    for page, _ in _pages(_drawn_paths(tmp_path / "paths.pdf", seed)):
        edges = page_edges(page)
        assert edges == py_page_edges(page)
        assert {e.orientation for e in edges} == {"h", "v"}


def test_pages_read_alike_without_the_compiled_half(tmp_path: Path):
    """With the module unavailable (a machine without a C compiler), pages read through ctypes
    give the same words and edges, here and in a process that cannot import it."""
    pdfs = [str(SAMPLES / "fr_docx_cadre_logique.pdf"), str(SAMPLES / "en_narrative_plan.pdf")]
    script = (
        "import json, sys\n"
        "sys.modules['pipeline.pdf._pdfium_bulk'] = None  # as if it was never built\n"
        "from pipeline.pdf import pdfium_bulk\n"
        "assert pdfium_bulk.compiled is None and pdfium_bulk.text_words is pdfium_bulk.py_text_words\n"
        "assert pdfium_bulk.text_style is pdfium_bulk.py_text_style\n"
        "from pipeline.pdf.reader import read_pdf\n"
        f"docs = [read_pdf(p, triage=t) for p in {pdfs!r} for t in (False, True)]\n"
        "print(json.dumps([[[list(w) for w in p.words] + [list(e) for e in p.edges] for p in d.pages] for d in docs]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    from pipeline.pdf.reader import read_pdf

    here = [read_pdf(p, triage=t) for p in pdfs for t in (False, True)]
    assert any(p.edges for p in here[0].pages) and not all(p.full for p in here[3].pages)
    assert json.loads(run.stdout) == json.loads(json.dumps(
        [[[list(w) for w in p.words] + [list(e) for e in p.edges] for p in d.pages] for d in here]))
