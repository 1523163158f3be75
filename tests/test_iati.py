"""IATI results export: valid against the bundled IATI 2.03 activity schema (lxml), a plan's
indicators with baselines and targets, a report's figures as actual values."""

from __future__ import annotations

import pytest
from lxml import etree
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.errors import NaplogError
from pipeline.outputs.iati import (
    ACTIVITY_SCHEMA,
    SCHEMA_DIR,
    activity_identifier,
    to_iati,
)
from pipeline.store.database import Store
from tests.conftest import SAMPLES
from tests.test_store import make_logframe


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ACTIVITY_SCHEMA)))


def valid(schema: etree.XMLSchema, xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(root), schema.error_log.filter_from_errors()
    return root


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("iati") / "i.db"))
    for name in ("en_docx_merged_outcomes", "es_unruled_landscape", "es_informe_progreso"):
        ingest_file(store, SAMPLES / f"{name}.pdf")
    yield store
    store.dispose()


def _by_file(store: Store, name: str):  # noqa: ANN202
    return next(lf for lf in store.logframes() if lf.document.source_path.endswith(name))


def test_the_schema_is_bundled_with_its_licence():
    assert {p.name for p in SCHEMA_DIR.iterdir() if p.suffix == ".xsd"} == {
        "iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd"}
    assert "CC" in (SCHEMA_DIR / "LICENSE.md").read_text() or "Creative Commons" in (
        SCHEMA_DIR / "LICENSE.md").read_text()


def test_a_plans_results_with_baselines_and_targets(store, schema):
    lf = _by_file(store, "en_docx_merged_outcomes.pdf")
    root = valid(schema, to_iati([lf]).xml)
    act = root.find("iati-activity")
    assert act.findtext("iati-identifier") == activity_identifier(lf)
    assert [d.get("iso-date") for d in act.findall("activity-date")] == ["2025-01-01", "2029-12-31"]
    results = act.findall("result")
    # Every output of this plan has indicators (on itself or its activities); goals carry none.
    assert [r.get("type") for r in results] == ["1"] * 6
    indicators = [i for r in results for i in r.findall("indicator")]
    assert len(indicators) == len(lf.indicators()) == 10
    first = indicators[0]
    assert first.findtext("title/narrative") == lf.indicators()[0].text
    assert first.get("measure") == "2"  # percentage
    assert first.find("baseline").get("value") == "0" and first.find("baseline").get("year") == "2025"
    target = first.find("period/target")
    assert target.get("value") == "30" and target.findtext("comment/narrative") == "30%"


def test_a_reports_figures_are_actual_values(store, schema):
    report, plan = _by_file(store, "es_informe_progreso.pdf"), _by_file(store, "es_unruled_landscape.pdf")
    root = valid(schema, to_iati([plan, report]).xml)
    report_act = root.findall("iati-activity")[1]
    assert report_act.find("related-activity").get("ref") == activity_identifier(plan)
    actuals = report_act.findall(".//actual")
    assert len(actuals) == len(report.observations) > 0
    values = {a.get("value") for a in actuals}
    assert {f"{o.value:g}" for o in report.observations if o.value is not None} == values - {None}
    with_sex = [a for a in actuals if a.find("dimension[@name='sex']") is not None]
    assert len(with_sex) == sum(1 for o in report.observations if "sex" in o.disaggregation)
    for period in report_act.findall(".//period"):
        assert period.find("period-start").get("iso-date") <= period.find("period-end").get("iso-date")


def test_the_country_code_is_the_recipient_country(schema):
    lf = make_logframe()
    lf.document.country_code = "TL"
    act = valid(schema, to_iati([lf]).xml).find("iati-activity")
    assert act.find("recipient-country").get("code") == "TL"


def test_a_document_with_no_date_is_left_out_with_a_reason(schema):
    undated = make_logframe(sha="d" * 64, path="/plans/undated.pdf")
    undated.document.plan_period = None
    for a in undated.activities():
        a.years = []
    exported = to_iati([make_logframe(), undated])
    assert exported.activities == 1 and exported.skipped == [
        "/plans/undated.pdf: no plan period and no year in its records, and an IATI activity needs a date"]
    valid(schema, exported.xml)
    with pytest.raises(NaplogError, match="nothing to export as IATI: /plans/undated.pdf: no plan period"):
        to_iati([undated])  # iati-activities needs one activity at least


def test_the_schema_refuses_what_iati_refuses(schema):
    """The validation is real: an indicator without its required measure is refused."""
    xml = to_iati([make_logframe()]).xml.replace(' measure="1"', "", 1)
    assert not schema.validate(etree.fromstring(xml.encode("utf-8")))


def test_cli_export_iati(store, tmp_path, schema):
    out = tmp_path / "results.xml"
    res = CliRunner().invoke(app, ["export", "--db", store.url, "--format", "iati", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert len(valid(schema, out.read_text(encoding="utf-8")).findall("iati-activity")) == 3


def test_cli_extract_iati_and_a_clear_error_without_a_date(tmp_path, schema):
    res = CliRunner().invoke(app, ["extract", str(SAMPLES / "en_rotated_tight.pdf"), "--format", "iati"])
    assert res.exit_code == 0, res.output
    assert valid(schema, res.stdout).find("iati-activity/result") is not None
    undated = make_logframe()
    undated.document.plan_period = None
    for a in undated.activities():
        a.years = []
    with pytest.raises(NaplogError, match=r"^nothing to export as IATI: /plans/tl.pdf: no plan period"):
        to_iati([undated])
