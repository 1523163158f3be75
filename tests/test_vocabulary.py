"""``header_role`` answers as the plain search over every role's phrases does, with its short cuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import vocabulary
from extractors.grid import group_lines, split_line_at_gaps
from pipeline.pdf_reader import read_pdf

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def plain_header_role(text: str) -> tuple[str | None, str | None]:
    """The rule as written before its short cuts: every role's phrases searched, then the tests."""
    folded = vocabulary.fold(text)
    if not folded or len(folded) > 60:
        return None, None
    if vocabulary.YEAR_HEADER.match(folded):
        return "year", folded
    best = None
    for role, pattern in vocabulary._ROLE_PATTERNS:
        for m in pattern.finditer(folded):
            key = (m.start(), -len(m.group(1)))
            if best is None or key < (best[0], -len(best[2])):
                best = (m.start(), role, m.group(1))
    if best is None:
        return None, None
    core = " ".join(vocabulary._NOT_LETTERS.sub(" ", folded).split())
    if len(folded.split()) > 8 or len(best[2]) < 0.35 * max(len(core), 1):
        return None, None
    return best[1], best[2]


def sample_cells() -> list[str]:
    cells: set[str] = set()
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        for page in read_pdf(pdf).pages:
            for line in group_lines(page.words):
                cells.add(line.text)
                cells.update(part.text for part in split_line_at_gaps(line, 12.0))
    return sorted(cells)


HEADERS = ["Activities", "Key activities", "Indicateurs de résultat", "Résultats attendus", "Responsable",
           "Institución responsable", "Meios de verificação", "Orçamento (USD)", "Calendrier de mise en œuvre",
           "2026", "2025/26", "Lead agency", "Partners", "Means of verification", "Baseline", "Target 2027",
           "the needs and priorities of women", "Outputs and activities of the national action plan ahead"]


@pytest.mark.parametrize("text", HEADERS)
def test_known_headers(text: str):
    assert vocabulary.header_role(text) == plain_header_role(text)


def test_every_cell_of_the_samples():
    cells = sample_cells()
    assert len(cells) > 1000
    named = 0
    for text in cells:
        expected = plain_header_role(text)
        assert vocabulary.header_role(text) == expected, text
        named += expected[0] is not None
    assert named >= 50  # the samples' headers are among them
