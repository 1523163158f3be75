"""Page triage: the cheap PDFium pass must pick every page that holds a table, and its text pages
must read like pdfplumber's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from pipeline.export import logframe_json
from pipeline.extract import extract_pdf
from pipeline.pdf_reader import read_pdf
from pipeline.triage import triage_pdf
from tests.conftest import ROOT, SAMPLES

EXPECTED = sorted((ROOT / "benchmarks" / "expected").glob("*.json"))
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def _record_pages(tree) -> set[int]:
    """Pages of the expected records (the corpus's expected records all come from tables)."""
    pages: set[int] = set()
    if isinstance(tree, dict):
        if isinstance(tree.get("page"), int):
            pages.add(tree["page"])
        for value in tree.values():
            pages |= _record_pages(value)
    elif isinstance(tree, list):
        for value in tree:
            pages |= _record_pages(value)
    return pages


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


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_samples_same_logframe_with_and_without_triage(pdf: Path):
    triaged, triaged_boxes = _split_boxes(logframe_json(extract_pdf(read_pdf(pdf), str(pdf))))
    full, full_boxes = _split_boxes(logframe_json(extract_pdf(read_pdf(pdf, triage=False), str(pdf))))
    assert triaged == full
    assert triaged_boxes.keys() == full_boxes.keys()
    for key, box in full_boxes.items():
        other = triaged_boxes[key]
        assert (box is None) == (other is None), key
        if box is not None:
            assert max(abs(a - b) for a, b in zip(box, other)) <= 1.0, (key, box, other)


@pytest.mark.corpus
@pytest.mark.parametrize("case", EXPECTED, ids=lambda p: p.stem)
def test_corpus_table_pages_are_read_in_full(case: Path, corpus: Path):
    expected = json.loads(case.read_text())
    surveys, _ = triage_pdf(corpus / expected["file"])
    full = {s.number for s in surveys if s.full}
    missed = _record_pages(expected) - full
    assert not missed, f"table pages left as text pages: {sorted(missed)}"


@pytest.mark.corpus
def test_triage_reads_few_pages_of_a_plan_in_full(corpus: Path):
    # Liberia's plan: 110 pages, its action tables on a handful of them.
    surveys, _ = triage_pdf(corpus / "plans" / "adaptation_plan_liberia.pdf")
    full = [s for s in surveys if s.full]
    assert len(surveys) == 110
    assert len(full) <= 20, [(s.number, s.reason) for s in full]


@pytest.mark.corpus
def test_text_page_words_match_pdfplumber(corpus: Path):
    path = corpus / "plans" / "adaptation_plan_liberia.pdf"
    _, text_pages = triage_pdf(path)
    full = read_pdf(path, pages={10, 30}).pages
    for number in (10, 30):
        light = next(p for p in text_pages if p.number == number)
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

    from pipeline.pdf_reader import read_page, use_lean_objects

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
