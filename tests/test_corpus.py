"""Extraction of the real documents in ../shared/corpus, scored over the whole document against
their inventories (benchmarks/expected/, docs/inventories.md). Skips when the corpus is absent.

The benchmark (``python -m benchmarks.accuracy``) prints the figures; this test holds every
document to the precision and recall it reached when benchmarks/floors.json was last written, so a
change that makes any document worse on any level fails here."""

from __future__ import annotations

import json

import pytest

from benchmarks.accuracy import FLOORS, ROWS
from benchmarks.matching import FIELDS, score_document
from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json
from tests.conftest import CORPUS, ROOT

EXPECTED = sorted((ROOT / "benchmarks" / "expected").glob("*.json"))
TOLERANCE = 0.005  # rounding of the recorded figures


@pytest.fixture(scope="module")
def results():
    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    out = {}
    for path in EXPECTED:
        expected = json.loads(path.read_text())
        extracted = logframe_json(extract_file(CORPUS / expected["file"]))
        out[path.stem] = (expected, score_document(expected, extracted))
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("name", [p.stem for p in EXPECTED])
def test_document_holds_its_floor(results, name):
    expected, scores = results[name]
    if not expected["goals"]:
        extracted = sum(scores[f].extracted for f in FIELDS)
        assert extracted == 0, f"{expected['file']} has no results framework but {extracted} items were extracted"
        return
    floors = json.loads(FLOORS.read_text()).get(expected["file"])
    assert floors is not None, f"no floor for {expected['file']}: run python -m benchmarks.accuracy --write-floors"
    worse = {row: (round(scores[row].precision, 3), round(scores[row].recall, 3), floor)
             for row, floor in floors.items() if row in ROWS and (
                 scores[row].precision < floor["precision"] - TOLERANCE
                 or scores[row].recall < floor["recall"] - TOLERANCE)}
    assert not worse, f"{expected['file']}: below its floor (precision, recall, floor): {worse}"
