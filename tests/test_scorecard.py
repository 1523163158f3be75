"""The plan scorecard: evidence from the plan's own structures (records, a costed table, a sentence
giving a coordination body a mandate), "not found" otherwise, and reports never scored. Each verdict
on the samples and on three real plans is the one a reader of the page gives (pages looked at)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.extract import extract_file
from pipeline.outputs.scorecard import (
    NotAPlanError,
    costed_tables,
    gives_a_mandate,
    scorecard,
    states_a_time,
    to_text,
)
from pipeline.pdf.model import PageLayout, Word
from pipeline.records import Logframe
from pipeline.store.database import Store
from tests.conftest import CORPUS, SAMPLES


def verdicts(card) -> dict[str, bool]:  # noqa: ANN001 - a Scorecard
    return {e.id: e.found for e in card.elements}


def evidence(card, key: str) -> list:  # noqa: ANN001
    return next(e for e in card.elements if e.id == key).evidence


# ---- the samples, as their pages read --------------------------------------------------------------

@pytest.fixture(scope="module")
def samples() -> dict[str, Logframe]:
    names = ["en_docx_merged_outcomes", "en_ruled_repeated_header", "pt_docx_quadro_logico", "fr_docx_cadre_logique"]
    return {n: extract_file(SAMPLES / f"{n}.pdf") for n in names}


def test_sample_with_baselines_targets_and_a_steering_committee(samples):
    """en_docx_merged_outcomes: p2 says "the indicators, baselines and targets that the National Steering
    Committee will use to monitor progress"; its table has baseline and target columns, timelines and
    leads, and no cost column anywhere."""
    card = scorecard(samples["en_docx_merged_outcomes"])
    assert verdicts(card) == {"results_framework": True, "lead_institutions": True, "budget": False,
                              "timeline": True, "monitoring_evaluation": True, "coordination": True,
                              "civil_society": True}
    [sentence] = evidence(card, "coordination")
    assert sentence.page == 2 and "National Steering Committee will use" in sentence.detail
    me = evidence(card, "monitoring_evaluation")
    assert [e.page for e in me] == [2, 3] and "baseline 0, target 30%" in me[0].detail
    assert "[ ] Costing / budget: not found" in to_text(card)


def test_sample_whose_indicators_have_no_baseline_or_target(samples):
    """en_ruled_repeated_header: indicators without baselines or targets; p2 says "The Secretary of
    State for Equality and Inclusion coordinates the annual monitoring of the Plan together with the
    inter-ministerial working group"."""
    card = scorecard(samples["en_ruled_repeated_header"])
    v = verdicts(card)
    assert not v["monitoring_evaluation"] and not v["budget"] and v["timeline"] and v["coordination"]
    assert "inter-ministerial working group" in evidence(card, "coordination")[0].detail


def test_sample_costed_in_portuguese_and_french(samples):
    pt = scorecard(samples["pt_docx_quadro_logico"])
    assert verdicts(pt)["budget"] and evidence(pt, "budget")[0].source == "records"
    assert "preside ao Comité Nacional de Seguimento" in evidence(pt, "coordination")[0].detail
    fr = scorecard(samples["fr_docx_cadre_logique"])
    # Its only committees are in the abbreviations list and in "comités locaux de paix" an indicator counts.
    assert verdicts(fr)["budget"] and not verdicts(fr)["coordination"]


def test_a_report_is_never_scored(tmp_path):
    store = Store(str(tmp_path / "r.db"))
    report = ingest_file(store, SAMPLES / "en_no_logframe.pdf")
    with pytest.raises(NotAPlanError, match="a progress report, not a plan: it is not scored"):
        scorecard(store.logframe(report.document_id))
    res = CliRunner().invoke(app, ["scorecard", str(report.document_id), "--db", store.url])
    assert res.exit_code == 2 and "en_no_logframe.pdf: a progress report, not a plan: it is not scored" in res.output
    plan = ingest_file(store, SAMPLES / "fr_docx_cadre_logique.pdf")
    res = CliRunner().invoke(app, ["scorecard", str(plan.document_id), "--db", store.url, "--format", "json"])
    assert res.exit_code == 0 and '"score": "5/7"' in res.stdout
    store.dispose()


def test_without_the_pdf_sentences_and_tables_are_not_searched(samples):
    lf = samples["en_ruled_repeated_header"].model_copy(deep=True)
    lf.document.source_path = "/nowhere/missing.pdf"
    card = scorecard(lf)
    coordination = next(e for e in card.elements if e.id == "coordination")
    assert not coordination.found and "could not be read" in coordination.note
    assert verdicts(card)["results_framework"]  # records still count


# ---- the rules ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The plan is coordinated by the National Gender Machinery Council (NGMC), which reports every year to the Cabinet.",
    "The NAP will be coordinated and steered by the following government bodies: CONEDD and PS/CONEDD.",
    "The County Climate Change Steering Committee (CCCSC) will coordinate the review process.",
    "Le Comité de pilotage est chargé du suivi de la mise en œuvre du plan.",
    "El Comité Nacional de Seguimiento se reunirá dos veces al año y será responsable del informe anual.",
    "A coordenação da implementação cabe ao Ministério, que preside ao Comité Nacional de Seguimento.",
])
def test_sentences_that_give_a_body_a_mandate(sentence: str):
    assert gives_a_mandate(sentence)


@pytest.mark.parametrize("sentence", [
    "Annex 2: Composition of Technical Committee for Monitoring of the National Adaptation Plan",
    "National reports on climate change National Committee on Climate Change Provincial Committees",
    "Implementing United Nations Security Council Resolution 1325 shall be a priority for every ministry.",
    "The coordination committee of the project met in 2019.",
    "Figure 3: Coordination mechanisms for climate finance",
])
def test_a_body_named_without_a_mandate(sentence: str):
    assert not gives_a_mandate(sentence)


@pytest.mark.parametrize("cell,is_time", [
    ("2025-2027", True), ("Short-/medium-term (1–6 years)", True), ("Q3 2026", True), ("Ongoing", True),
    ("CT-MT", True), ("Court terme", True), ("Contínuo", True), ("900,660,000", False),
    ("Climate change affects seasonal cycles and crops", False), (None, False),
])
def test_a_timeline_says_when(cell, is_time):
    assert states_a_time(cell) == is_time


def _page(cells: list[tuple[str, float, float]], number: int = 9) -> PageLayout:
    """Words at (x0, top), one word per cell text split on spaces."""
    words = []
    for text, x0, top in cells:
        x = x0
        for part in text.split():
            words.append(Word(text=part, x0=x, top=top, x1=x + 6 * len(part), bottom=top + 10, size=10.0, bold=False))
            x += 6 * len(part) + 3
    return PageLayout(number=number, width=595.0, height=842.0, words=words, edges=[])


def test_a_costed_table_is_a_cost_header_above_amounts():
    rows = [("Development sector", 60, 100), ("Estimated cost in billion FCFA", 330, 100)]
    rows += [(sector, 60, 120 + 15 * i) for i, sector in enumerate(["Agriculture", "Energy", "Water security"])]
    rows += [(amount, 380, 120 + 15 * i) for i, amount in enumerate(["1 313", "1 126", "101,75"])]
    [found] = costed_tables([_page(rows)], limit=12)
    assert found.page == 9 and "Estimated cost in billion FCFA" in found.detail and "“1 313”" in found.detail
    # The same amounts under another header, or a cost header above text, are no costed table.
    assert costed_tables([_page([("Population", 330, 100)] + rows[2:])], limit=12) == []
    assert costed_tables([_page(rows[:5])], limit=12) == []


# ---- three real plans, as their pages read ---------------------------------------------------------

# What a reader of each plan's pages says (pages rendered and read): found or not, and the page the
# verdict rests on where it is found by a sentence or a table.
REAL = {
    # DRC NAP: p58-61 priority actions with leads and "Short-/medium-term (1-6 years)"; p67 a table of
    # planned activities with "Budget (US$)"; p68-71 outcomes, indicators and means of verification but
    # no baseline or target; p23 "the DDD ... is the government body responsible for coordinating and
    # monitoring the implementation of ... the Rio Conventions".
    "plans/adaptation_plan_democratic_republic_of_congo.pdf": (
        {"results_framework": True, "lead_institutions": True, "budget": True, "timeline": True,
         "monitoring_evaluation": False, "coordination": True}, {"coordination": 23}),
    # Kilifi: p12 objectives with baselines and targets; p14 interventions with responsible agencies and
    # no timeline column; p20 "Estimated budget (KES million)"; p26 "The County Climate Change Steering
    # Committee (CCCSC) ... will coordinate the review process".
    "plans/kenya_kilifi_risk_preparedness_plan.pdf": (
        {"results_framework": True, "lead_institutions": True, "budget": True, "timeline": False,
         "monitoring_evaluation": True, "coordination": True}, {"coordination": 26}),
    # Burkina Faso: p71-117 objectives / outcomes / indicators / data sources / hypotheses, no
    # responsible body, no baseline or target; p66-67 recommended measures, each "Short-, medium- or
    # long-term"; p17-18 proposed actions with "Amounts in billion CFA" (so the costed Table 25 of
    # p105 is not needed as evidence); p18 "The NAP will be coordinated and steered by the following
    # government bodies".
    "plans/adaptation_plan_burkina_faso.pdf": (
        {"results_framework": True, "lead_institutions": False, "budget": True, "timeline": True,
         "monitoring_evaluation": False, "coordination": True},
        {"coordination": 18, "budget": 18, "timeline": 66}),
}


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_plans_verdicts_match_their_pages(name: str):
    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS}")
    expected, pages = REAL[name]
    card = scorecard(extract_file(CORPUS / name))
    assert {k: v for k, v in verdicts(card).items() if k in expected} == expected
    for key, page in pages.items():
        assert page in [e.page for e in evidence(card, key)], (key, evidence(card, key))
