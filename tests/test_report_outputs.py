"""A report's observations in the exports (CSV, JSONL, the XLSX workbook), read back; compare's
report section (per plan indicator, the values reported over the years, the share of indicators
with a reported value); a report is never scored or compared as a plan."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract import extract_file
from pipeline.outputs.compare import (
    plan_metrics,
    plan_progress,
    progress_svg,
    to_csv,
    to_html,
)
from pipeline.outputs.scorecard import scorecard
from pipeline.records import Logframe
from pipeline.store.database import Store
from tests.conftest import SAMPLES

runner = CliRunner()
PLAN, REPORT = "es_unruled_landscape", "es_informe_progreso"


@pytest.fixture(scope="module")
def lfs() -> dict[str, Logframe]:
    return {n: extract_file(SAMPLES / f"{n}.pdf") for n in (PLAN, REPORT)}


@pytest.fixture
def store(db_url, lfs) -> Store:
    store = Store(db_url)
    for name in (PLAN, REPORT):
        store.load(lfs[name])
    return store


def _report_id(store: Store) -> int:
    return next(d.id for d in store.documents() if d.kind == "report")


def _expected_rows(store: Store) -> list[dict]:
    """What each exported row must say, from the stored report."""
    out = []
    for ob in store.logframe(_report_id(store)).observations:
        m = ob.matched_indicator
        out.append({"indicator": ob.indicator, "table": ob.table, "value": ob.value, "unit": ob.unit,
                    "period": ob.period, "sex": ob.disaggregation.get("sex"),
                    "disaggregation": "; ".join(f"{k}={v}" for k, v in ob.disaggregation.items()) or None,
                    "page": ob.page, "matched_indicator": m.text if m else None})
    return out


def _as_text(row: dict, keys) -> dict:  # noqa: ANN001
    return {k: (None if row.get(k) in ("", None) else str(row[k])) for k in keys}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_gives_one_row_per_observation(store, db_url, fmt):
    result = runner.invoke(app, ["export", "--db", db_url, "--document", str(_report_id(store)), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    expected = _expected_rows(store)
    assert len(rows) == len(expected) == 10
    assert {r["record"] for r in rows} == {"observation"}
    keys = list(expected[0])
    as_read = [_as_text(r, keys) for r in rows]
    assert [{**r, "value": str(float(r["value"]))} for r in as_read] == \
        [{**_as_text(e, keys), "value": str(float(e["value"]))} for e in expected]
    # Linked to the plan's indicators: nine of the ten figures measure one of them.
    assert sum(1 for r in as_read if r["matched_indicator"]) == 9


def test_plan_rows_keep_their_columns_and_say_what_they_are(store, db_url):
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["record"] for r in rows} == {"activity", "observation"}
    plan_rows = [r for r in rows if r["record"] == "activity"]
    assert plan_rows and all(r["activity_text"] and not r["value"] for r in plan_rows)


def test_workbook_lists_observations_read_only(store, db_url, tmp_path):
    path = tmp_path / "all.xlsx"
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(path)["observations"]
    header, *rows = list(ws.iter_rows(values_only=True))
    got = [dict(zip(header, r)) for r in rows]
    expected = _expected_rows(store)
    keys = ["indicator", "table", "unit", "period", "sex", "disaggregation", "page", "matched_indicator"]
    assert [_as_text(g, keys) for g in got] == [_as_text(e, keys) for e in expected]
    assert [float(g["value"]) for g in got] == [e["value"] for e in expected]
    # Applying the workbook ignores the sheet: nothing to apply, nothing refused.
    result = runner.invoke(app, ["corrections", "apply", str(path), "--db", db_url])
    assert result.exit_code == 0 and "0 corrections applied, 0 skipped" in result.output


def _report(year: int, values: list[tuple[str, float, str | None]], sha: str = "a" * 64) -> Logframe:
    obs = [{"indicator": text, "value": v, "unit": "number", "period": str(year), "page": 2,
            "disaggregation": {"sex": sex} if sex else {},
            "matched_indicator": {"text": text, "code": None, "score": 0.9, "document_sha256": sha}}
           for text, v, sex in values]
    return Logframe.model_validate({"document": {
        "source_path": f"/r{year}.pdf", "sha256": f"{year}".ljust(64, "0"), "kind": "report", "country": "Tamora",
        "report_kind": "annual report", "report_period": {"start": year, "end": year}, "pages": 3,
        "extractor_version": "1"}, "observations": obs})


def _plan() -> Logframe:
    return Logframe.model_validate({"document": {
        "source_path": "/plan.pdf", "sha256": "a" * 64, "kind": "nap", "country": "Tamora", "pages": 5,
        "plan_period": {"start": 2022, "end": 2026}, "extractor_version": "1"},
        "goals": [{"text": "Women take part", "page": 1, "outputs": [{"text": "Mediators", "page": 1, "indicators": [
            {"text": "Number of women mediators", "page": 1}, {"text": "Number of shelters", "page": 1},
            {"text": "Share of women police", "page": 1}, {"text": "Number of hotlines", "page": 1}]}]}]})


def test_plan_progress_gives_values_over_the_years_and_the_share_reported():
    reports = [_report(2022, [("Number of women mediators", 40, "women")]),
               _report(2023, [("Number of women mediators", 95, "women"), ("Number of shelters", 3, None)]),
               _report(2024, [("Number of women mediators", 150, "women")], sha="b" * 64)]  # another plan's
    pp = plan_progress(_plan(), reports)
    assert (pp.reported.n, pp.reported.total, pp.reported.value) == (2, 4, 0.5)
    mediators = pp.indicators[0]
    assert [(v.period, v.value) for v in mediators.values] == [("2022", 40), ("2023", 95)]
    assert pp.reports == ["annual report Tamora 2022", "annual report Tamora 2023"]
    svg = progress_svg(mediators)
    assert svg.count("<circle") == 2 and "<polyline" in svg and ">2022<" in svg and ">2023<" in svg
    html = to_html([plan_metrics(_plan())], [], progress=[pp])
    assert "Reported progress on the plans' indicators" in html and "50% <small>(2/4)</small>" in html
    rows = list(csv.reader(io.StringIO(to_csv([plan_metrics(_plan())], [], progress=[pp]))))
    share = next(r for r in rows if r[2] == "share_indicators_with_reported_values")
    assert share[3] == "0.5" and share[4].startswith("2/4")
    assert any(r[2] == "reported: Number of women mediators" and r[3] == "2022: 40 (women); 2023: 95 (women)"
               for r in rows)


def test_compare_shows_reported_progress_and_never_a_report_as_a_plan(store, db_url, tmp_path):
    html = tmp_path / "c.html"
    result = runner.invoke(app, ["compare", "--db", db_url, "--html", str(html)])
    assert result.exit_code == 0, result.output
    assert "reported progress" in result.stdout and "Costa Serena 2025-2029" in result.stdout
    assert f"[{_report_id(store)}]" not in result.stdout  # the report is no column of the plans' table
    assert "Reported progress on the plans' indicators" in html.read_text()
    # A report named is shown under its plan, not compared as one.
    named = runner.invoke(app, ["compare", str(_report_id(store)), "--db", db_url])
    assert named.exit_code == 0, named.output
    assert "Costa Serena 2025-2029" in named.stdout and "reported progress" in named.stdout


def test_a_report_is_not_scored_as_a_plan(store, db_url, lfs):
    with pytest.raises(Exception, match="a progress report, not a plan"):
        scorecard(lfs[REPORT], read_pdf=False)
    result = runner.invoke(app, ["scorecard", str(_report_id(store)), "--db", db_url])
    assert result.exit_code == 2 and "a progress report, not a plan" in result.output


def test_show_lists_a_reports_tables_and_lists(store, db_url):
    result = runner.invoke(app, ["show", str(_report_id(store)), "--db", db_url], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.replace("│", " ").split())
    assert "Cuadro 1. Indicadores de participación 4 observations, p1, 4 linked to the plan" in out
    assert "figures in the text 4 observations, p1" in out
    assert "lessons (2)" in out and "recommendations (2)" in out
