"""Progress reports: observations, lessons / challenges / recommendations, per-pillar progress,
links to the plan and its indicators; on generated samples and on real DRC reports."""

from __future__ import annotations

import json

import pytest

from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json
from pipeline.records import Logframe
from pipeline.store.database import Store
from tests.conftest import SAMPLES
from tests.test_samples import compare

REPORTS = ["es_informe_progreso", "en_report_chart"]
OBS_KEYS = ("indicator", "table", "value", "value_as_written", "unit", "period", "disaggregation", "source", "page")


@pytest.fixture(scope="module")
def lfs() -> dict[str, Logframe]:
    return {n: extract_file(SAMPLES / f"{n}.pdf") for n in [*REPORTS, "es_unruled_landscape"]}


def _items(lf_json: dict, kind: str) -> list[dict]:
    return [{"text": i["text"], "page": i["page"]} for i in lf_json[kind]]


@pytest.mark.parametrize("name", REPORTS)
def test_report_sample_gives_the_exact_records(name, lfs):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text())
    actual = logframe_json(lfs[name])
    problems: list[str] = []
    compare(expected["document"], actual["document"], "document", problems)
    assert not problems, problems
    assert actual["goals"] == []
    assert [{k: o[k] for k in OBS_KEYS} for o in actual["observations"]] == \
        [{k: o[k] for k in OBS_KEYS} for o in expected["observations"]]
    for kind in ("lessons", "challenges", "recommendations"):
        assert _items(actual, kind) == expected[kind], kind
    assert [{"pillar": p["pillar"], "heading": p["heading"], "page": p["page"]} for p in actual["progress"]] == \
        expected["progress"]
    assert all(p["text"] for p in actual["progress"])


def test_chart_numbers_are_not_observations(lfs):
    assert lfs["en_report_chart"].observations == []


def _matched(lf: Logframe) -> list[str | None]:
    return [o.matched_indicator.text if o.matched_indicator else None for o in lf.observations]


@pytest.mark.parametrize("plan_first", [True, False], ids=["plan-then-report", "report-then-plan"])
def test_report_links_to_its_plan_and_observations_to_indicators(tmp_path, lfs, plan_first):
    store = Store(str(tmp_path / "s.db"))
    order = ["es_unruled_landscape", "es_informe_progreso"]
    ids = {n: store.load(lfs[n]).document_id for n in (order if plan_first else order[::-1])}
    docs = {d.id: d for d in store.documents()}
    assert docs[ids["es_informe_progreso"]].plan_id == docs[ids["es_unruled_landscape"]].plan_id is not None
    back = store.logframe(ids["es_informe_progreso"])
    expected = json.loads((SAMPLES / "es_informe_progreso.expected.json").read_text())["observations"]
    assert _matched(back) == [o["matched_indicator"] for o in expected]
    for o in back.observations:
        if o.matched_indicator:
            assert o.matched_indicator.score >= 0.8
            assert o.matched_indicator.document_sha256 == lfs["es_unruled_landscape"].document.sha256
    assert len(back.observations) == 10  # the unmatched one is kept


def test_report_records_round_trip(db_url, lfs):
    store = Store(db_url)
    lf = lfs["es_informe_progreso"]
    result = store.load(lf)
    back = store.logframe(result.document_id)
    expected = lf.model_dump()
    expected["document"]["id"] = result.document_id
    assert back.model_dump() == expected
    # Narrative plans: classification and institution aliases round-trip too.
    plan = extract_file(SAMPLES / "fr_narrative_plan.pdf")
    result = store.load(plan)
    back = store.logframe(result.document_id)
    expected = plan.model_dump()
    expected["document"]["id"] = result.document_id
    assert back.model_dump() == expected


# ---- real reports ----------------------------------------------------------------------------------
# Expected values written by reading the rendered pages (pdftoppm -r 80); the whole inventories are
# benchmarks/expected/*.json, scored by benchmarks/observations.py (test_report_benchmark.py).

@pytest.fixture(scope="module")
def corpus_dir():
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    return CORPUS


@pytest.fixture(scope="module")
def drc_ua(corpus_dir):
    return extract_file(corpus_dir / "wps-reports" / "drc_rapport_ua.pdf")


@pytest.fixture(scope="module")
def drc_2022(corpus_dir):
    return extract_file(corpus_dir / "wps-reports" / "drc_rapport_pays_2022.pdf")


def _row(lf: Logframe, page: int, indicator: str) -> list[tuple]:
    return [(o.value, o.unit, o.disaggregation.get("sex"), o.disaggregation.get("section"), o.period)
            for o in lf.observations if o.page == page and o.indicator == indicator]


@pytest.mark.corpus
def test_drc_ua_p3_security_sector_table(drc_ua):
    p3 = [o for o in drc_ua.observations if o.page == 3 and o.table and o.table.startswith("Tableau N°1")]
    # Tableau N°1: 9 army rows and 7 police rows x women / men / % women, under two section rows.
    assert len(p3) == 16 * 3
    assert {o.source for o in p3} == {"FARDC, Police Nationale, DPKO, www.un.org /en/peackeeping/contributoires "
                                      "/jul13, Rapport CJR1325, Observation du genre dans la RSS, inédit, "
                                      "septembre 2014."}
    army = "Femmes dans les forces militaires"
    assert _row(drc_ua, 3, "Officiers (Total)") == [(754.0, "number", "women", army, "2014"),
                                                    (36711.0, "number", "men", army, "2014"),
                                                    (2.0, "percentage", None, army, "2014")]
    assert _row(drc_ua, 3, "Subalternes")[2][:2] == (2.12, "percentage")
    assert _row(drc_ua, 3, "Commissaire") == [(5.0, "number", "women", "Femmes dans la Police", "2014"),
                                              (52.0, "number", "men", "Femmes dans la Police", "2014"),
                                              (10.8, "percentage", None, "Femmes dans la Police", "2014")]
    assert _row(drc_ua, 3, "Secrétariat exécutif du Comité de Suivi de la Réforme de la Police (SE.CSRP)")[1][0] \
        == 40.0


@pytest.mark.corpus
def test_drc_ua_tables_continue_on_the_next_page(drc_ua):
    # Tableau n°2 runs from p3 onto p4 without its header: p4's rows keep its caption, its columns,
    # the section row "MAGISTRATS DE SIEGE" of p3, and the source printed at the top of p5.
    commerce = [o for o in drc_ua.observations if o.page == 4 and o.indicator == "Présidents des Tribunaux du Commerce"]
    assert [(o.value, o.disaggregation.get("sex"), o.disaggregation.get("section")) for o in commerce] == [
        (8.0, "total", "MAGISTRATS DE SIEGE"), (1.0, "women", "MAGISTRATS DE SIEGE"),
        (7.0, "men", "MAGISTRATS DE SIEGE"), (13.0, None, "MAGISTRATS DE SIEGE")]
    assert {o.table for o in commerce} == {"Tableau n°2: Participation des Femmes dans la magistrature"}
    assert {o.source for o in commerce} == {"Ministère de la Justice, dernière mise en place des magistrats, 2016"}
    assert _row(drc_ua, 4, "Procureurs Généraux")[0][3] == "PARQUETS"
    # The candidates table (p5) ends on p6: 18 + 4 provinces; Tableau n°6 (p7) ends on p8.
    provinces = {o.indicator for o in drc_ua.observations if o.page in (5, 6) and o.table is None}
    assert len(provinces) == 22 and {"Haut Katanga", "Kwilu", "Sud Kivu"} <= provinces
    assert [(v, s) for v, _u, s, _x, _p in _row(drc_ua, 6, "Sud Kivu")] == [(32.0, None), (897.0, "men")]
    p8 = [(o.value, o.period) for o in drc_ua.observations
          if o.page == 8 and o.indicator == "Concertations nationales du Palais du Peuple"]
    assert p8 == [(95.0, "2014"), (668.0, "2014"), (12.4, "2014")]


@pytest.mark.corpus
def test_drc_ua_p7_p8_indicator_tables(drc_ua):
    rows = [(o.indicator, o.value, o.disaggregation.get("sex"), o.period, o.source) for o in drc_ua.observations
            if o.page == 7 and o.table and "Tableau n°4" in o.table]
    assert rows[:3] == [
        ("Proportion de femmes députés nationales", 448.0, "men", "2011", "Assemblée Nationale 2011"),
        ("Proportion de femmes députés nationales", 52.0, "women", "2011", "Assemblée Nationale 2011"),
        ("Proportion de femmes députés nationales", 10.4, None, "2011", "Assemblée Nationale 2011"),
    ]
    assert ("Nombre de femmes gouverneurs", 1.0, "women", "2016", "CENI, 2016") in rows
    assert len(rows) == 15  # Tableau n°4: five indicators x men / women / % women
    nego = [(o.value, o.period) for o in drc_ua.observations if o.page == 7 and o.indicator.startswith("Accord de")]
    assert nego[:3] == [(45.0, "1999"), (300.0, "1999"), (13.04, "1999")]
    p8 = [(o.value, o.disaggregation.get("sex"), o.period) for o in drc_ua.observations
          if o.page == 8 and o.indicator.startswith("Proportion des femmes Secrétaire")]
    assert p8 == [(44.0, "men", "2015"), (7.0, "women", "2015"), (13.7, None, "2015")]


@pytest.mark.corpus
def test_drc_ua_lessons_challenges_recommendations(drc_ua):
    assert [len(drc_ua.lessons), len(drc_ua.challenges), len(drc_ua.recommendations)] == [8, 5, 8]
    assert drc_ua.lessons[0].text == "Inclusivité du processus de son élaboration ;"
    assert drc_ua.challenges[1].text == "Faible mise en œuvre des activités du PAN 325 ;"
    assert drc_ua.recommendations[-1].text.startswith("Consolider le lien entre la RDC et le Bureau régional")
    assert {r.page for r in drc_ua.recommendations} == {11}
    assert [p.pillar for p in drc_ua.progress] == ["prevention", "participation", "protection", "relief_recovery"]


@pytest.mark.corpus
def test_drc_reports_say_what_they_report_on(drc_ua, drc_2022):
    ua, y2022 = drc_ua.document, drc_2022.document
    assert (ua.kind, ua.report_kind, ua.plan_period.start, ua.plan_period.end) == ("report", "progress report", 2010, 2017)
    assert ua.reports_on == "PLAN D'ACTION NATIONAL SUR LA RESOLUTION 1325"
    assert (ua.report_period.start, ua.report_period.end) == (2018, 2018)  # "Fait Kinshasa, le 13/09/2018"
    assert (y2022.report_kind, y2022.generation, y2022.plan_period) == ("country report", 2, None)
    assert (y2022.report_period.start, y2022.report_period.end) == (2022, 2022)


@pytest.mark.corpus
def test_drc_2022_lists_and_text_figures(drc_2022):
    assert [len(drc_2022.lessons), len(drc_2022.challenges), len(drc_2022.recommendations)] == [7, 3, 8]
    assert drc_2022.lessons[-1].text.startswith("Mise en place du Forum des Ministres et Chefs des Divisions")
    assert drc_2022.challenges[0].text == "Problématique de la Budgétisation Sensible au Genre ;"
    assert drc_2022.recommendations[0].text.startswith("Opérationnaliser le Trust Fund")
    assert drc_2022.recommendations[-1].text == \
        "Continuer à installer les Comités provinciaux 1325 dans les Provinces restantes(4)"
    # The only table is Tableau n°3 on page 9 (17 provinces x 6); the other figures are in sentences.
    table = [o for o in drc_2022.observations if o.method != "narrative"]
    assert {o.page for o in table} == {9} and len(table) == 17 * 6
    nk = [(o.disaggregation["measure"], o.value) for o in table if o.indicator == "Nord-Kivu"]
    assert nk[:5] == [("Nombre de cas Rapportés", 7219.0), ("Nombre de cas Incidents", 3859.0),
                      ("Prise en charge Médicale", 3555.0), ("Accompagnement Psychosocial", 6312.0),
                      ("Assistance Juridique", 1038.0)]
    # A word broken over the lines of a narrow header cell is joined ("socioécono-" "mique/Scol" "aire").
    assert nk[5][1] == 815.0
    p11 = [(o.value, o.unit, o.disaggregation.get("sex"), o.period) for o in drc_2022.observations if o.page == 11]
    assert p11 == [(4.6, "percentage", None, None), (5.0, "number", "women", "2006"), (108.0, "number", "total", "2006"),
                   (10.0, "percentage", "women", "2011")]
    under_chart = [o for o in drc_2022.observations if o.page == 4]
    assert {(o.value, o.source, o.period) for o in under_chart} == {(3.0, "Ministère Défense 2022", "2022"),
                                                                 (2.0, "Ministère Défense 2022", "2022")}
