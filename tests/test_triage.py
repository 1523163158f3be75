"""Page triage: the cheap PDFium pass must pick every page that holds a table, and its text pages
must read like pdfplumber's."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rapidfuzz import fuzz

from benchmarks.accuracy import FLOORS
from pipeline.extract import extract
from pipeline.outputs.export import logframe_json
from pipeline.pdf.reader import read_pdf
from pipeline.pdf.triage import text_layout, text_page_words, triage_pdf
from tests.conftest import ROOT, SAMPLES

EXPECTED = sorted((ROOT / "benchmarks" / "expected").glob("*.json"))
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def _table_pages(expected: dict) -> set[int]:
    """Pages of the inventory's tables, action cards and programme sheets (docs/inventories.md);
    lists in prose are read from text pages and need no full read."""
    return {page for s in expected.get("inventory", []) if any(k in s.get("layout", "") for k in ("table", "card", "sheet"))
            for page in s["pages"]}


def _split_boxes(tree, path: str = "", boxes: dict | None = None):
    """The tree without its bboxes, and the bboxes by path (the two readers differ by fractions
    of a point in where a word's box ends)."""
    boxes = {} if boxes is None else boxes
    if isinstance(tree, dict):
        out = {}
        for key, value in tree.items():
            if key == "bbox":
                boxes[path] = value
            else:
                out[key] = _split_boxes(value, f"{path}.{key}", boxes)[0]
        return out, boxes
    if isinstance(tree, list):
        return [_split_boxes(v, f"{path}[{i}]", boxes)[0] for i, v in enumerate(tree)], boxes
    return tree, boxes


def _assert_same_logframe(pdf: Path, one, other, points: float) -> None:
    """The two readings of ``pdf`` give the same records, their boxes within ``points``."""
    mine, mine_boxes = _split_boxes(logframe_json(extract(one, str(pdf))))
    exact, exact_boxes = _split_boxes(logframe_json(extract(other, str(pdf))))
    assert mine == exact
    assert mine_boxes.keys() == exact_boxes.keys()
    for key, box in exact_boxes.items():
        got = mine_boxes[key]
        assert (box is None) == (got is None), key
        if box is not None:
            assert max(abs(a - b) for a, b in zip(box, got)) <= points, (key, box, got)


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_samples_same_logframe_with_and_without_triage(pdf: Path):
    _assert_same_logframe(pdf, read_pdf(pdf), read_pdf(pdf, triage=False), 1.0)


@pytest.mark.corpus
@pytest.mark.parametrize("case", EXPECTED, ids=lambda p: p.stem)
def test_corpus_table_pages_are_read_in_full(case: Path, corpus: Path):
    """Every table page of the inventory is read in full, but for the pages benchmarks/floors.json
    still lists as missed (a change may only shorten that list)."""
    expected = json.loads(case.read_text())
    surveys, _ = triage_pdf(corpus / expected["file"])
    full = {s.number for s in surveys if s.full}
    allowed = set(json.loads(FLOORS.read_text()).get("_triage_missed_pages", {}).get(expected["file"], []))
    # A report's figures in running text are read from text pages: only its tables need a full read.
    tables = {o["page"] for o in expected.get("observations", []) if o.get("in") == "table"}
    missed = (_table_pages(expected) | tables) - full - allowed
    assert not missed, f"table pages left as text pages: {sorted(missed)}"


@pytest.mark.corpus
def test_triage_reads_few_pages_of_a_plan_in_full(corpus: Path):
    # Liberia's plan: 110 pages, its action tables on a handful of them; its strategy cards on p82-92
    # (and p93-95 after them, which its drawn page background makes look ruled, as p36-37 and p60-62).
    # Seven more pages look like tables whatever their header words (``looks_like_table``: its policy
    # and climate-stressor tables, p36-37, 50, 57-62) and are read in full as such: 28 before.
    surveys, _ = triage_pdf(corpus / "plans" / "adaptation_plan_liberia.pdf")
    full = [s for s in surveys if s.full]
    assert len(surveys) == 110
    assert len(full) <= 35, [(s.number, s.reason) for s in full]


def _text_page(path: Path, number: int):
    """The page as triage reads every page: PDFium's words, no edges."""
    with pdfium.PdfDocument(str(path)) as doc:
        page = doc[number - 1]
        textpage = page.get_textpage()
        words, _, _ = text_page_words(page, textpage)
        return text_layout(number, page, words)


def test_ligatures_are_pdfplumbers():
    """Text pages expand ligatures with naplog's table (no pdfplumber import on that path) as
    pdfplumber's word extractor does for full pages."""
    from pdfplumber.utils.text import LIGATURES as PDFPLUMBER_LIGATURES

    from pipeline.pdf.model import LIGATURES

    assert LIGATURES == PDFPLUMBER_LIGATURES


@pytest.mark.corpus
def test_text_page_words_match_pdfplumber(corpus: Path):
    path = corpus / "plans" / "adaptation_plan_liberia.pdf"
    full = read_pdf(path, pages={10, 30}, reader="pdfplumber").pages
    for number in (10, 30):
        light = _text_page(path, number)
        exact = next(p for p in full if p.number == number)
        assert not light.full and exact.full
        # Same text, give or take hyphenation and spacing differences between the two readers.
        assert fuzz.ratio(light.text(), exact.text()) >= 95
        # Same geometry: each word pdfplumber reads has a PDFium word of that text nearby.
        light_words = {}
        for w in light.words:
            light_words.setdefault(w.text, []).append(w)
        close = matched = 0
        for w in exact.words:
            candidates = light_words.get(w.text)
            if not candidates:
                continue
            matched += 1
            best = min(candidates, key=lambda c: abs(c.x0 - w.x0) + abs(c.top - w.top))
            if abs(best.x0 - w.x0) <= 1.5 and abs(best.bottom - w.bottom) <= 1.5 and abs(best.size - w.size) <= 0.5:
                close += 1
        assert matched >= 0.9 * len(exact.words)
        assert close >= 0.95 * matched


@pytest.mark.corpus
def test_report_tables_are_read_in_full(corpus: Path):
    surveys, _ = triage_pdf(corpus / "wps-reports" / "drc_rapport_ua.pdf")
    full = {s.number: s.reason for s in surveys if s.full}
    # Tableaux on pages 3 and 7 measure the plan's indicators (see tests/test_reports.py).
    assert {3, 7} <= set(full)


def _pages_both_ways(path: Path, numbers) -> list[tuple]:
    import pdfplumber

    from pipeline.pdf.pdfplumber_reader import read_page, use_lean_objects

    pairs = []
    with pdfplumber.open(path) as pdf:
        for n in numbers or range(1, len(pdf.pages) + 1):
            page = pdf.pages[n - 1]
            plain = read_page(page)
            page.close()
            page = use_lean_objects(pdf.pages[n - 1])
            lean = read_page(page)
            page.close()
            pairs.append((n, plain, lean))
    return pairs


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_lean_objects_read_pages_as_pdfplumber_does(pdf: Path):
    for n, plain, lean in _pages_both_ways(pdf, None):
        assert (lean.words, lean.edges, lean.rotation) == (plain.words, plain.edges, plain.rotation), n


@pytest.mark.corpus
def test_lean_objects_on_real_tables(corpus: Path):
    # Rotated and shaded tables (Sri Lanka), a landscape page with curves (CAR).
    for path, numbers in ((corpus / "plans" / "adaptation_plan_sri_lanka.pdf", [60, 61, 163]),
                          (corpus / "plans" / "adaptation_plan_central_african_republic.pdf", [71, 72])):
        for n, plain, lean in _pages_both_ways(path, numbers):
            assert plain.words and plain.edges
            assert (lean.words, lean.edges, lean.rotation) == (plain.words, plain.edges, plain.rotation), (path, n)


# ---- the PDFium full read against pdfplumber's --------------------------------------------------


def _same_page(path: Path, numbers) -> None:
    """Each page PDFium reads in full has pdfplumber's words and ruling edges: the same word texts
    (pdfminer's "(cid:N)" for a glyph without a character aside), boxes and sizes within a point and
    a half, the same edges within a point."""
    pdfium_pages = {p.number: p for p in read_pdf(path, pages=set(numbers), triage=False).pages}
    for exact in read_pdf(path, pages=set(numbers), reader="pdfplumber").pages:
        if exact.number not in numbers:  # a cover, read because ``pages`` always reads it
            continue
        mine = pdfium_pages[exact.number]
        where = f"{path.name} p{exact.number}"
        assert (mine.rotation, round(mine.width), round(mine.height)) == \
               (exact.rotation, round(exact.width), round(exact.height)), where
        theirs = [w for w in exact.words if "(cid:" not in w.text]
        pool: dict[str, list] = {}
        for w in mine.words:
            pool.setdefault(w.text, []).append(w)
        far = 0
        unread = []
        for w in theirs:
            candidates = pool.get(w.text)
            if not candidates:
                unread.append(w.text)
                continue
            best = min(candidates, key=lambda c: abs(c.x0 - w.x0) + abs(c.top - w.top))
            candidates.remove(best)
            far += max(abs(best.x0 - w.x0), abs(best.x1 - w.x1), abs(best.top - w.top),
                       abs(best.bottom - w.bottom), abs(best.size - w.size)) > 1.5 or best.bold != w.bold
        # PDFium drops a written space that overlaps the next character: "SUMMARY ____" in a table
        # of contents (Burkina Faso p2) is one word. A few words may differ.
        assert len(unread) <= 0.02 * len(theirs) + 2, f"{where}: words not read by PDFium: {unread[:10]}"
        assert far <= 0.01 * len(theirs), f"{where}: {far} of {len(theirs)} words placed differently"
        extra = [w.text for ws in pool.values() for w in ws if w.text not in ("•", "·", "")]
        assert len(extra) <= 0.02 * len(theirs) + 2, f"{where}: PDFium reads more words: {extra[:10]}"

        def edges(page) -> list[tuple]:
            # Curve fragments under 2 pt (a logo's) may fall either side of "axis-aligned".
            return sorted((e.orientation, e.x0, e.top, e.x1, e.bottom) for e in page.edges
                          if max(e.x1 - e.x0, e.bottom - e.top) >= 2)

        unmatched = list(edges(mine))
        missing = 0
        for e in edges(exact):
            hit = next((m for m in unmatched if m[0] == e[0] and all(abs(a - b) <= 1 for a, b in zip(m[1:], e[1:]))),
                       None)
            if hit is None:
                missing += 1
            else:
                unmatched.remove(hit)
        assert missing <= 0.02 * len(exact.edges) + 1, f"{where}: {missing} of pdfplumber's edges missing"
        assert len(unmatched) <= 0.02 * len(exact.edges) + 1, f"{where}: {len(unmatched)} edges pdfplumber has not"


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_pdfium_reads_sample_pages_as_pdfplumber_does(pdf: Path):
    with pdfium.PdfDocument(str(pdf)) as doc:
        _same_page(pdf, range(1, len(doc) + 1))


@pytest.mark.corpus
def test_pdfium_reads_real_tables_as_pdfplumber_does(corpus: Path):
    # Rotated and shaded tables (Sri Lanka), a landscape page with curves (CAR), a Word table of
    # 1,460 edges (Burkina Faso), a Kenyan logframe and a DRC report table.
    for path, numbers in ((corpus / "plans" / "adaptation_plan_sri_lanka.pdf", [60, 61, 163]),
                          (corpus / "plans" / "adaptation_plan_central_african_republic.pdf", [71, 72]),
                          (corpus / "plans" / "adaptation_plan_burkina_faso.pdf", [36]),
                          (corpus / "plans" / "kenya_kilifi_risk_preparedness_plan.pdf", [20]),
                          (corpus / "wps-reports" / "drc_rapport_ua.pdf", [3, 7])):
        _same_page(path, numbers)


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_samples_same_logframe_from_pdfium_and_pdfplumber(pdf: Path):
    """The logframe does not depend on the reader: PDFium's full read gives pdfplumber's records."""
    _assert_same_logframe(pdf, read_pdf(pdf, triage=False), read_pdf(pdf, reader="pdfplumber"), 1.5)


# ---- naplog's word builder against pdfplumber's WordExtractor ----------------------------------


def _extractor_words(chars: list[dict]) -> list:
    """The words pdfplumber's ``WordExtractor`` builds with naplog's settings (the reference)."""
    from pdfplumber.utils.text import WordExtractor

    from pipeline.pdf.model import Word
    from pipeline.pdf.words import is_bold_font
    from pipeline.settings import DEFAULT_SETTINGS

    extractor = WordExtractor(x_tolerance_ratio=DEFAULT_SETTINGS.x_tolerance_ratio,
                              y_tolerance=DEFAULT_SETTINGS.y_tolerance, keep_blank_chars=False,
                              use_text_flow=True, extra_attrs=["size"], expand_ligatures=True)
    words = []
    for w, wchars in extractor.iter_extract_tuples([{**c, "doctop": c["top"]} for c in chars]):
        if w["text"].strip():
            bold = sum(is_bold_font(c.get("fontname") or "") for c in wchars) * 2 > len(wchars)
            words.append(Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], float(w["size"] or 0), bold))
    return words


def _both_readers_chars(path: Path, numbers=None):
    """Each page's characters as PDFium's reader and pdfplumber give them, upright ones only, as
    ``layout_from_objects`` passes them on (sideways pages are turned first)."""
    import pdfplumber

    from pipeline.pdf.pdfium_reader import device_matrix, page_chars
    from pipeline.pdf.words import _content_rotation, _rotate_char
    from pipeline.settings import DEFAULT_SETTINGS

    def upright(chars: list[dict], width: float, height: float) -> list[dict]:
        chars = [c for c in chars if c.get("text", "").strip() or c.get("text") == " "]
        rotation = _content_rotation(chars, DEFAULT_SETTINGS)
        if rotation:
            return [_rotate_char(c, rotation, width, height) for c in chars if not c.get("upright", True)]
        return [c for c in chars if c.get("upright", True)]

    with pdfium.PdfDocument(str(path)) as doc, pdfplumber.open(path) as plumber:
        for n in numbers or range(1, len(doc) + 1):
            page = doc[n - 1]
            textpage = page.get_textpage()
            _, width, height = device_matrix(page)
            yield n, upright(page_chars(page, textpage), width, height)
            textpage.close()
            page.close()
            p = plumber.pages[n - 1]
            yield n, upright(p.chars, float(p.width), float(p.height))
            p.close()


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_words_are_built_as_pdfplumber_builds_them(pdf: Path):
    from pipeline.pdf.words import words_from_chars
    from pipeline.settings import DEFAULT_SETTINGS

    for n, chars in _both_readers_chars(pdf):
        mine = words_from_chars(chars, DEFAULT_SETTINGS.x_tolerance_ratio, DEFAULT_SETTINGS.y_tolerance)
        assert mine == _extractor_words(chars), (pdf.name, n)


@pytest.mark.corpus
def test_words_of_real_tables_are_built_as_pdfplumber_builds_them(corpus: Path):
    from pipeline.pdf.words import words_from_chars
    from pipeline.settings import DEFAULT_SETTINGS

    for path, numbers in ((corpus / "plans" / "adaptation_plan_sri_lanka.pdf", [60, 163]),
                          (corpus / "plans" / "adaptation_plan_central_african_republic.pdf", [71]),
                          (corpus / "plans" / "adaptation_plan_burkina_faso.pdf", [36])):
        for n, chars in _both_readers_chars(path, numbers):
            assert chars
            mine = words_from_chars(chars, DEFAULT_SETTINGS.x_tolerance_ratio, DEFAULT_SETTINGS.y_tolerance)
            assert mine == _extractor_words(chars), (path.name, n)


def test_word_rules_one_by_one():
    """Each way a word ends, on made-up characters, as pdfplumber's WordExtractor decides it."""
    from pipeline.pdf.words import words_from_chars

    def ch(text: str, x0: float, top: float = 100.0, size: float = 10.0, font: str = "Arial",
           upright: bool = True, width: float = 5.0) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size,
                "upright": upright, "fontname": font}

    cases = {
        "space": [ch("a", 0), ch("b", 5), ch(" ", 10), ch("c", 15)],
        "gap over 0.08 size": [ch("a", 0), ch("b", 5.7), ch("c", 10.7), ch("d", 16.6)],
        "back to the left": [ch("a", 50), ch("b", 55), ch("c", 54)],
        "next line straight below": [ch("a", 0), ch("b", 5), ch("c", 10, top=103.5), ch("d", 15, top=103.5)],
        "within the line's tolerance": [ch("a", 0), ch("b", 5, top=102.9)],
        "size changes": [ch("a", 0), ch("b", 5, size=10.5), ch("c", 10, size=10.5)],
        "upright changes": [ch("a", 0), ch("b", 5, upright=False)],
        "ligature": [ch("o", 0), ch("ﬃ", 5), ch("ce", 10)],
        "bold majority": [ch("a", 0, font="Arial-Bold"), ch("b", 5, font="Arial-Bold"), ch("c", 10)],
        "bold minority": [ch("a", 0, font="Arial-Bold"), ch("b", 5), ch("c", 10)],
        "boxes": [ch("a", 0, top=99, size=12), ch("b", 4, top=101, size=12, width=9)],
    }
    for name, chars in cases.items():
        assert words_from_chars(chars, 0.08, 3.0) == _extractor_words(chars), name
    assert [w.text for w in words_from_chars(cases["next line straight below"], 0.08, 3.0)] == ["ab", "cd"]
    assert [w.text for w in words_from_chars(cases["size changes"], 0.08, 3.0)] == ["a", "bc"]


def _fast_and_general_words(path: Path, numbers=None):
    """Each page's words by ``upright_words`` (None: it leaves the page to the general path) and
    by the general path (``page_chars`` then ``layout_from_objects``), with the page's rotation."""
    from pipeline.pdf.pdfium_reader import device_matrix, page_chars, upright_words
    from pipeline.pdf.words import layout_from_objects
    from pipeline.settings import DEFAULT_SETTINGS as S

    with pdfium.PdfDocument(str(path)) as doc:
        for n in numbers or range(1, len(doc) + 1):
            page = doc[n - 1]
            textpage = page.get_textpage()
            _, width, height = device_matrix(page)
            fast = upright_words(page, textpage, S.x_tolerance_ratio, S.y_tolerance, S.rotated_share)
            general = layout_from_objects(n, width, height, page_chars(page, textpage), [], S)
            yield n, fast, general, page.get_rotation() % 360
            textpage.close()
            page.close()


def _check_fast_words(path: Path, numbers=None) -> int:
    fast_pages = 0
    for n, fast, general, rotate in _fast_and_general_words(path, numbers):
        if fast is None:  # only pages turned, by /Rotate or because most of their text is
            assert rotate or general.rotation, (path.name, n)
        else:
            assert general.rotation == 0 and not rotate, (path.name, n)
            assert fast == general.words, (path.name, n)  # the same floats, to the last bit
            fast_pages += 1
    return fast_pages


def test_upright_pages_read_in_one_pass_give_the_general_paths_words():
    fast_pages = sum(_check_fast_words(pdf) for pdf in SAMPLE_PDFS)
    assert fast_pages >= 30


@pytest.mark.corpus
def test_real_pages_read_in_one_pass_give_the_general_paths_words(corpus: Path):
    """Tables of real plans (Word tables, shaded cells, curves), a page whose text is set sideways
    (Sri Lanka 163) and pages printed sideways with /Rotate (DRC, from page 56)."""
    for path, numbers in ((corpus / "plans" / "adaptation_plan_sri_lanka.pdf", [3, 60, 163]),
                          (corpus / "plans" / "adaptation_plan_central_african_republic.pdf", [1, 71]),
                          (corpus / "plans" / "adaptation_plan_burkina_faso.pdf", [36]),
                          (corpus / "plans" / "adaptation_plan_democratic_republic_of_congo.pdf", None),
                          (corpus / "plans" / "kenya_kilifi_risk_preparedness_plan.pdf", None)):
        _check_fast_words(path, numbers)


@pytest.mark.corpus
def test_line_end_hyphens_read_as_pdfplumber_reads_them(corpus: Path):
    """PDFium marks a hyphen ending a line as U+FFFE with no line break after it ("docu\\ufffement" on
    page 13 of the Central African Republic plan); pdfplumber reads "docu-" ending one line and "ment"
    starting the next. Triage's words are pdfplumber's: no U+FFFE, the hyphenated halves apart."""
    path = corpus / "plans" / "adaptation_plan_central_african_republic.pdf"
    for number in (12, 13):
        light = _text_page(path, number)
        exact = next(p for p in read_pdf(path, pages={number}, reader="pdfplumber").pages if p.number == number)
        light_words = [w.text for w in light.words]
        assert not any("\ufffe" in w for w in light_words)
        hyphenated = [w.text for w in exact.words if w.text.endswith("-") and len(w.text) > 1]
        assert hyphenated, "page without a line-end hyphen: the test reads nothing"
        missing = [w for w in hyphenated if w not in light_words]
        assert not missing, missing
