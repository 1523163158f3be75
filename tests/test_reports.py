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
OBS_KEYS = ("indicator", "value", "value_as_written", "unit", "period", "disaggregation", "source", "page")


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
# Expected values written by reading the rendered pages (pdftoppm -r 80).

@pytest.fixture(scope="module")
def drc_ua(corpus_dir):
    return extract_file(corpus_dir / "wps-reports" / "drc_rapport_ua.pdf")


@pytest.fixture(scope="module")
def drc_2022(corpus_dir):
    return extract_file(corpus_dir / "wps-reports" / "drc_rapport_pays_2022.pdf")


@pytest.fixture(scope="module")
def corpus_dir():
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS} (the shared corpus folder is absent)")
    return CORPUS


def _find(lf: Logframe, page: int, **dis) -> list[tuple[float | None, str | None]]:
    return [(o.value, o.unit) for o in lf.observations
            if o.page == page and all(o.disaggregation.get(k) == v for k, v in dis.items())]


@pytest.mark.corpus
def test_drc_ua_p3_security_sector_table(drc_ua):
    p3 = [o for o in drc_ua.observations if o.page == 3 and o.indicator.startswith("Participation de la Femme dans")]
    # Tableau N°1: 9 army rows and 7 police rows x women / men / % women.
    assert len(p3) == 16 * 3
    assert {o.source for o in p3} == {"FARDC, Police Nationale, DPKO, www.un.org /en/peackeeping/contributoires "
                                      "/jul13, Rapport CJR1325, Observation du genre dans la RSS, inédit, "
                                      "septembre 2014."}
    assert _find(drc_ua, 3, group="Officiers (Total)") == [(754.0, "number"), (36711.0, "number"),
                                                           (2.0, "percentage")]
    assert _find(drc_ua, 3, group="Généraux") == [(5.0, "number"), (120.0, "number"), (4.0, "percentage")]
    assert _find(drc_ua, 3, group="Subalternes", sex="women") == [(681.0, "number"), (2.12, "percentage")]
    assert _find(drc_ua, 3, group="Commissaire") == [(5.0, "number"), (52.0, "number"), (10.8, "percentage")]
    sec = _find(drc_ua, 3, group="Secrétariat exécutif du Comité de Suivi de la Réforme de la Police (SE.CSRP)")
    assert sec == [(7.0, "number"), (40.0, "number"), (19.0, "percentage")]
    police = [o for o in p3 if o.disaggregation.get("section") == "Femmes dans la Police"]
    assert police and police[0].disaggregation["group"] == "Commissaires Divisionnaire en Chef"


@pytest.mark.corpus
def test_drc_ua_p5_candidates_by_province(drc_ua):
    p5 = [o for o in drc_ua.observations if o.page == 5]
    assert len({o.disaggregation["group"] for o in p5}) == 18  # Haut Katanga ... Tshopo
    hk = [(o.indicator, o.value, o.disaggregation.get("sex")) for o in p5 if o.disaggregation["group"] == "Haut Katanga"]
    assert hk == [("sièges", 21.0, None), ("Candidats H", 583.0, "men"), ("%H", 82.0, "men"),
                  ("Candidat Fe", 121.0, "women"), ("%F", 17.2, "women"), ("Total", 704.0, "total")]


@pytest.mark.corpus
def test_drc_ua_p7_p8_indicator_tables(drc_ua):
    rows = [(o.indicator, o.value, o.disaggregation.get("sex"), o.period, o.source) for o in drc_ua.observations
            if o.page == 7 and o.indicator.startswith(("Proportion", "Nombre de femmes"))]
    assert rows[:3] == [
        ("Proportion de femmes députés nationales", 448.0, "men", "2011", "Assemblée Nationale 2011"),
        ("Proportion de femmes députés nationales", 52.0, "women", "2011", "Assemblée Nationale 2011"),
        ("Proportion de femmes députés nationales", 10.4, "women", "2011", "Assemblée Nationale 2011"),
    ]
    assert ("Nombre de femmes gouverneurs", 1.0, "women", "2016", "CENI, 2016") in rows
    assert len(rows) == 15  # Tableau n°4: five indicators x men / women / % women
    nego = [(o.value, o.period) for o in drc_ua.observations if o.page == 7 and o.indicator.startswith("Nombre et")]
    assert nego[:3] == [(45.0, "1999"), (300.0, "1999"), (13.04, "1999")]
    p8 = [(o.value, o.disaggregation.get("sex"), o.period) for o in drc_ua.observations
          if o.page == 8 and o.indicator.startswith("Proportion des femmes Secrétaire")]
    assert p8 == [(44.0, "men", "2015"), (7.0, "women", "2015"), (13.7, "women", "2015")]


@pytest.mark.corpus
def test_drc_ua_lessons_challenges_recommendations(drc_ua):
    assert [len(drc_ua.lessons), len(drc_ua.challenges), len(drc_ua.recommendations)] == [8, 5, 8]
    assert drc_ua.lessons[0].text == "Inclusivité du processus de son élaboration ;"
    assert drc_ua.challenges[1].text == "Faible mise en œuvre des activités du PAN 325 ;"
    assert drc_ua.recommendations[-1].text.startswith("Consolider le lien entre la RDC et le Bureau régional")
    assert {r.page for r in drc_ua.recommendations} == {11}
    assert [p.pillar for p in drc_ua.progress] == ["prevention", "participation", "protection", "relief_recovery"]


@pytest.mark.corpus
def test_drc_2022_lists_and_charts(drc_2022):
    assert [len(drc_2022.lessons), len(drc_2022.challenges), len(drc_2022.recommendations)] == [7, 3, 8]
    assert drc_2022.lessons[-1].text.startswith("Mise en place du Forum des Ministres et Chefs des Divisions")
    assert drc_2022.challenges[0].text == "Problématique de la Budgétisation Sensible au Genre ;"
    assert drc_2022.recommendations[0].text.startswith("Opérationnaliser le Trust Fund")
    assert drc_2022.recommendations[-1].text == \
        "Continuer à installer les Comités provinciaux 1325 dans les Provinces restantes(4)"
    # Charts (pages 4-8, 14-16) give nothing; the only table is Tableau n°3 on page 9 (17 provinces x 6).
    assert {o.page for o in drc_2022.observations} == {9}
    assert len(drc_2022.observations) == 17 * 6
    nk = [(o.disaggregation["measure"], o.value) for o in drc_2022.observations
          if o.disaggregation["group"] == "Nord-Kivu"]
    assert nk[:5] == [("Nombre de cas Rapportés", 7219.0), ("Nombre de cas Incidents", 3859.0),
                      ("Prise en charge Médicale", 3555.0), ("Accompagnement Psychosocial", 6312.0),
                      ("Assistance Juridique", 1038.0)]
    # The last header is a word broken over four lines of a narrow cell ("Réinsertion socioécono /
    # mique/Scol / aire"): its value is right, its header is kept as the lines read.
    assert nk[5][1] == 815.0 and nk[5][0].endswith("mique/Scol aire")
