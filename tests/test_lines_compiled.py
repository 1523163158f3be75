"""The compiled half of ``extractors.tables.group_lines``, ``PageLayout.text`` and triage's cells
(``pipeline/pdf/_lines.c``) against their definitions, ``py_group_lines``, ``py_page_text`` and
``py_line_cells``: the
same lines, of the same words in the same order, with the same values set, and the same text, on
real pages and on generated words full of ties; and Python's own work for anything the compiled
half does not take."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.pdf import lines as grid
from pipeline.pdf.lines import group_lines, py_group_lines
from pipeline.pdf.model import Line, PageLayout, Word, py_page_text
from pipeline.pdf.reader import read_pdf
from pipeline.pdf.triage import py_line_cells
from tests.conftest import IN_CI, ROOT, SAMPLES

needs_compiled = pytest.mark.skipif(grid.compiled is None and not IN_CI,
                                    reason="pipeline.pdf._lines was not built (no C compiler at install)")


def _compiled(words: list) -> list[Line] | None:
    return grid.compiled.group_lines(words, Word, Line)


def _assert_same(words: list[Word]) -> list[Line]:
    """Both halves give equal lines: the same words in each, the same values set (``top``,
    ``x0``), in the same order; and the same page text."""
    text = grid.compiled.page_text(words, Word)
    assert text is not None and text == py_page_text(words)
    assert PageLayout(1, 600.0, 800.0, words, []).text() == text
    made, defined = _compiled(words), py_group_lines(words)
    assert made is not None
    assert [ln.words for ln in made] == [ln.words for ln in defined]
    assert [list(vars(ln).items()) for ln in made] == [list(vars(ln).items()) for ln in defined]
    assert all(type(ln) is Line for ln in made)
    # Triage's cells of those lines, at gaps of a space, two, and wider than any.
    for gap in (0.0, 3.0, 12.0, 1e9):
        cells = grid.compiled.line_cells(made, gap, Word)
        assert cells is not None and cells == py_line_cells(made, gap)
    return made


def test_the_compiled_half_is_built_in_ci():
    if not IN_CI and grid.compiled is None:
        pytest.skip("not built here (no C compiler at install)")
    assert grid.compiled is not None


@needs_compiled
@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("*.pdf"))[:6], ids=lambda p: p.name)
def test_compiled_lines_equal_the_python_lines_on_samples(pdf: Path):
    for triage in (False, True):
        for page in read_pdf(pdf, triage=triage).pages:
            _assert_same(page.words)
            # A table cell's words, as the ruled finder groups them: a band of the page.
            middle = [w for w in page.words if page.height / 3 <= w.top <= 2 * page.height / 3]
            _assert_same(middle)


@needs_compiled
@pytest.mark.corpus
def test_compiled_lines_equal_the_python_lines_on_real_pages(corpus: Path):
    """A Word plan's ruled tables and a French report, every page."""
    compared = 0
    for path in (corpus / "plans" / "adaptation_plan_burkina_faso.pdf", corpus / "wps-reports" / "drc_rapport_ua.pdf"):
        for page in read_pdf(path, triage=True).pages:
            compared += len(_assert_same(page.words))
    assert compared > 4_000  # lines


# Coordinates from a small set, so that tops, bottoms and x0s tie often (the sorts' ties keep the
# words' order), with both zeros (equal to each other); sizes of zero fall back to the height.
_COORD = st.sampled_from([0.0, -0.0, 0.5, 1.0, 1.5, 2.25, 2.5, 3.0, 10.0, 10.4, 11.0, 12.5, 100.0, 100.5, 101.0,
                          250.75])
_SIZE = st.sampled_from([0.0, -0.0, 1.0, 3.3, 4.0, 10.0, 12.0, 24.0])


@st.composite
def _words(draw) -> list[Word]:
    words = []
    for k in range(draw(st.integers(0, 30))):
        top = draw(_COORD)
        x0 = draw(_COORD)
        words.append(Word(f"w{k}", x0, top, x0 + draw(_COORD), top + draw(_COORD), draw(_SIZE), draw(st.booleans())))
    return words


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(_words())
def test_compiled_lines_equal_the_python_lines_on_any_words(words: list[Word]):
    assert group_lines(words) is not None
    _assert_same(words)


@needs_compiled
@pytest.mark.parametrize("odd", ["int", "nan", "inf", "none", "tuple", "list", "not a list"])
def test_what_the_compiled_half_does_not_take_python_groups(odd: str):
    """Integers, NaN or infinity (Python's sorts order NaN as no comparator can), a size of None,
    plain tuples, words in a tuple or a generator: the compiled half declines, and
    ``group_lines`` gives Python's lines."""
    words = [Word("a", 10.0, 100.0, 20.0, 110.0, 10.0, False), Word("b", 30.0, 100.5, 40.0, 110.5, 10.0, False),
             Word("c", 10.0, 130.0, 20.0, 140.0, 10.0, False)]
    if odd == "int":
        words[1] = words[1]._replace(x0=30)
    elif odd in ("nan", "inf"):
        words[2] = words[2]._replace(top=float(odd))
    elif odd == "none":
        words[0] = words[0]._replace(size=None)
    elif odd == "tuple":
        words[0] = tuple(words[0])
    given_words = tuple(words) if odd == "list" else iter(words) if odd == "not a list" else words
    assert _compiled(given_words) is None
    if odd != "none":  # a size is not read for the text
        assert grid.compiled.page_text(given_words, Word) is None
    if odd in ("nan", "inf"):  # no rounded top: Python's error, as without the compiled half
        with pytest.raises((ValueError, OverflowError)):
            PageLayout(1, 600.0, 800.0, words, []).text()
    elif odd not in ("tuple", "list", "not a list"):
        assert PageLayout(1, 600.0, 800.0, words, []).text() == py_page_text(words)
    if odd in ("int", "tuple"):
        assert grid.compiled.line_cells([Line(words)], 3.0, Word) is None
    elif odd in ("nan", "inf"):  # cells read the words' x0 and x1 only
        assert grid.compiled.line_cells([Line(words)], 3.0, Word) == py_line_cells([Line(words)], 3.0)
        assert grid.compiled.line_cells([Line([words[0]._replace(x1=float(odd))])], 3.0, Word) is None
    assert grid.compiled.line_cells([Line([])], 3.0, Word) is None  # an empty line: Python's [""]
    assert grid.compiled.line_cells(tuple([Line(words[:1])]), 3.0, Word) is None
    if odd == "tuple":
        return  # Python reads fields by name: a plain tuple is no word for either half
    expected = py_group_lines(list(words))
    got = group_lines(tuple(words) if odd == "list" else list(words))
    assert [ln.words for ln in got] == [ln.words for ln in expected]
    assert [ln.text for ln in got] == ["a b", "c"]


def test_lines_are_the_same_without_the_compiled_half():
    """A process that cannot import the module (built without a C compiler) groups a sample's
    pages into the same lines, with the same text."""
    pdf = str(SAMPLES / "fr_docx_cadre_logique.pdf")
    script = (
        "import json, sys\n"
        "sys.modules['pipeline.pdf._lines'] = None  # as if it was never built\n"
        "from pipeline.pdf import lines as grid\n"
        "from pipeline.pdf import model as pdf_reader, reader\n"
        "assert grid.compiled is None and pdf_reader.compiled_lines is None\n"
        f"pages = reader.read_pdf({pdf!r}, triage=True).pages\n"
        "print(json.dumps([[[list(w) for w in ln.words] for ln in grid.group_lines(p.words)] + [p.text()]\n"
        "                  for p in pages]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    here = [[[list(w) for w in ln.words] for ln in group_lines(p.words)] + [p.text()]
            for p in read_pdf(pdf, triage=True).pages]
    assert json.loads(run.stdout) == json.loads(json.dumps(here))
