"""The corpus reports scored against their inventories (benchmarks/observations.py): every report
meets the issue's targets, chart pages give no chart figure; and the scoring rules themselves."""

from __future__ import annotations

import pytest

from benchmarks.observations import (
    compatible,
    indicator_similarity,
    report_cases,
    score_observations,
    score_report,
)
from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json
from tests.conftest import CORPUS

REPORTS = [name for name, _ in report_cases()]


@pytest.fixture(scope="module")
def scored() -> dict:
    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    out = {}
    for name, expected in report_cases():
        extracted = logframe_json(extract_file(CORPUS / expected["file"]))
        out[name] = (expected, extracted, score_report(name, expected, extracted))
    return out


def test_the_four_corpus_reports_have_inventories():
    assert REPORTS == ["drc_rapport_pays_2022", "drc_rapport_pays_20_ans_2020", "drc_rapport_ua",
                       "kenya_cosme_logframe_progress"]


@pytest.mark.corpus
@pytest.mark.parametrize("name", REPORTS)
def test_report_meets_the_targets(scored, name):
    _expected, _extracted, s = scored[name]
    obs, items = s.observations, s.items_total()
    assert obs.recall >= 0.95 and obs.precision >= 0.98, f"{name}: observations {obs.figures()}"
    assert items.recall >= 0.90 and items.precision >= 0.90, f"{name}: lists {items.figures()}"


@pytest.mark.corpus
@pytest.mark.parametrize("name", REPORTS)
def test_chart_pages_yield_no_chart_figure(scored, name):
    """On the pages the inventory lists as charts, every observation naplog gives is a figure the
    inventory lists (a sentence under the chart, a table beside it; same page, value and unit, no
    contradiction, whatever its indicator text): none is a bar label or a tick."""
    expected, extracted, _s = scored[name]
    charts = set(expected.get("charts") or [])
    on_charts = [o for o in extracted["observations"] if o["page"] in charts]
    assert [o for o in on_charts if not any(compatible(e, o) for e in expected["observations"])] == []
    # Where a chart page has no table, nothing is read as one.
    table_pages = {o["page"] for o in expected["observations"] if o["in"] == "table"}
    assert not [o for o in on_charts if o["page"] not in table_pages and o["method"] != "narrative"]


def _ob(page=3, value=5.0, unit="number", period="2020", sex="women", indicator="Généraux", **dis) -> dict:  # noqa: ANN003
    d = {"sex": sex} if sex else {}
    d.update(dis)
    return {"page": page, "value": value, "unit": unit, "period": period, "disaggregation": d, "indicator": indicator}


def test_a_match_needs_page_value_unit_and_no_contradiction():
    e = _ob(section="Armée")
    assert compatible(e, _ob(section="Armée"))
    assert compatible(e, _ob(period=None, sex=None))  # missing is not contradicting
    assert not compatible(e, _ob(page=4)) and not compatible(e, _ob(value=5.5))
    assert not compatible(e, _ob(unit="percentage")) and not compatible(e, _ob(period="2021"))
    assert not compatible(e, _ob(sex="men")) and not compatible(e, _ob(section="Police"))


def test_indicator_texts_must_agree_and_pairs_are_one_to_one():
    assert indicator_similarity(_ob(indicator="Généraux"), _ob(indicator="Participation", group="Généraux")) == 100
    assert indicator_similarity(_ob(indicator="Généraux"), _ob(indicator="Colonels")) < 60
    expected = [_ob(indicator="Généraux"), _ob(indicator="Colonels")]
    extracted = [_ob(indicator="Colonels"), _ob(indicator="Colonels"), _ob(indicator="Généraux")]
    s = score_observations(expected, extracted)
    assert (s.matched, s.precision, s.recall) == (2, 2 / 3, 1.0)
    assert [x["indicator"] for x in s.extras] == ["Colonels"]
