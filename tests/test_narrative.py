"""Goals stated in prose (extractors/narrative.py) and their pillar / ASEAN RPA WPS classification."""

from __future__ import annotations

import json

import pytest

from extractors.narrative import (
    dedupe_against,
    extract_narrative,
    is_toc_page,
    wps_categories_of,
)
from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json
from pipeline.pdf.reader import read_pdf
from pipeline.records import Goal
from tests.conftest import SAMPLES
from tests.test_samples import compare

NARRATIVE = ["en_narrative_plan", "fr_narrative_plan"]


@pytest.fixture(scope="module")
def extracted():
    return {n: logframe_json(extract_file(SAMPLES / f"{n}.pdf")) for n in NARRATIVE}


@pytest.mark.parametrize("name", NARRATIVE)
def test_narrative_plan_gives_the_exact_records(name, extracted):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text())
    actual = extracted[name]
    problems: list[str] = []
    compare(expected["document"], actual["document"], "document", problems)
    compare(expected["goals"], actual["goals"], "goals", problems)
    assert not problems, "\n".join(problems)
    assert actual["document"]["acronyms"] == expected["acronyms"]
    for g in actual["goals"]:
        for rec in [g, *g["outputs"], *[a for o in g["outputs"] for a in o["activities"]]]:
            assert rec["method"] == "narrative" and rec["confidence"] == 0.6
            assert rec["bbox"] is not None


@pytest.mark.parametrize("name", NARRATIVE)
def test_goals_are_classified_with_score_and_evidence(name, extracted):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text())["classifications"]
    got = [g["classification"] for g in extracted[name]["goals"]]
    assert [{"pillar": c["pillar"], "rpa_outcome": c["rpa_outcome"]} for c in got] == expected
    for c in got:
        assert 0 < c["pillar_score"] <= 1 and 0 < c["rpa_score"] <= 1 and c["evidence"]


def test_classification_words_decide():
    c = wps_categories_of("Renforcer la protection des femmes contre les violences basées sur le genre",
                      "Pilier 2 : Protection")
    assert (c.pillar, c.rpa_outcome) == ("protection", "rpa4")
    assert "violences basees sur le genre" in c.evidence
    c = wps_categories_of("Strengthen coordination, monitoring and evaluation of the plan")
    assert (c.pillar, c.rpa_outcome) == ("coordination_me", "rpa6")
    assert wps_categories_of("Annual budget of the plan") is None


def test_tables_of_contents_and_acronym_lists_give_no_goal():
    pages = read_pdf(SAMPLES / "en_narrative_plan.pdf").pages
    assert is_toc_page(pages[1])
    _, goals = extract_narrative(pages[1:3])  # contents and acronym pages only
    assert goals == []


def test_table_plans_get_no_narrative_duplicates(extracted):
    # Samples whose goals come from tables keep exactly their table goals (tests/test_samples.py);
    # a narrative goal repeating a table goal is dropped.
    g = Goal(code="1", text="Improving participation of women", page=1)
    dup = Goal(code="1", text="Improving participation of women.", page=5, method="narrative")
    new = Goal(code="2", text="Preventing violence against women", page=5, method="narrative")
    assert dedupe_against([dup, new], [g]) == [new]
    lf = extract_file(SAMPLES / "en_ruled_repeated_header.pdf")
    assert {g.method for g in lf.goals} == {"ruled_table"}
    assert all(g.classification is not None for g in lf.goals)


@pytest.mark.parametrize("line, leader", [
    ("1. Introduction ........................ 4", True),
    ("Annex 2 . . . . . 17", True),
    ("Contents…… 3", True),
    ("Pillar 1. Participation. Women. Peace. Security.", False),  # four dots, no page number
    ("See p. 4.", False),
    ("The plan… continues", False),
])
def test_dot_leaders(line, leader):
    from extractors.narrative import DOT_LEADER, has_dot_leader

    assert has_dot_leader(line) is leader
    assert has_dot_leader(line) is (DOT_LEADER.search(line) is not None)
