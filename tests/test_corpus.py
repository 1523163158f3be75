"""Extraction of the real documents in ../shared/corpus against expected records written by
reading their pages (benchmarks/expected/). Skips when the corpus folder is absent."""

from __future__ import annotations

import json

import pytest

from benchmarks.matching import FIELDS, score_document
from pipeline.extract import extract
from pipeline.outputs.export import logframe_json
from pipeline.pdf.reader import read_pdf
from tests.conftest import CORPUS, ROOT

EXPECTED = sorted((ROOT / "benchmarks" / "expected").glob("*.json"))
# Floor per document and field (F1 at a text similarity of 90). The benchmark prints the figures;
# these floors catch regressions. Overall figures are checked against the 0.90 target.
FLOOR = 0.8


def _case(path):
    return json.loads(path.read_text())


def _extract(corpus, expected: dict) -> dict:
    scope = expected.get("scope_pages")
    # Pages around the scope too: tables continue from the page before.
    pages = None if scope is None else {p for s in scope for p in (s - 1, s, s + 1) if p >= 1}
    pdf = read_pdf(corpus / expected["file"], pages=pages)
    return logframe_json(extract(pdf, str(corpus / expected["file"])))


@pytest.fixture(scope="module")
def results():
    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    corpus = CORPUS
    out = {}
    for path in EXPECTED:
        expected = _case(path)
        out[path.stem] = (expected, score_document(expected, _extract(corpus, expected)))
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("name", [p.stem for p in EXPECTED])
def test_document_meets_floor(results, name):
    expected, scores = results[name]
    if not expected["goals"]:
        extracted = sum(scores[f].extracted for f in FIELDS)
        assert extracted == 0, f"{expected['file']} has no results framework but {extracted} items were extracted"
        return
    low = {f: round(scores[f].f1, 2) for f in FIELDS if scores[f].expected and scores[f].f1 < FLOOR}
    assert not low, f"{expected['file']}: F1 below {FLOOR}: {low}"


@pytest.mark.corpus
def test_overall_f1_meets_target(results):
    from benchmarks.matching import Score

    totals = {f: Score() for f in FIELDS}
    for _expected, scores in results.values():
        for f in FIELDS:
            totals[f].add(scores[f])
    f1 = {f: round(totals[f].f1, 3) for f in FIELDS}
    assert all(v >= 0.90 for v in f1.values()), f"overall F1 on the real documents: {f1}"
