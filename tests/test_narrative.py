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
            # Prose is never among the records trusted at 0.8 (extractors/data/calibration.json).
            assert rec["method"] == "narrative" and 0.0 < rec["confidence"] < 0.8
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


# ---- prose only where it is plan content (issue 19) ------------------------------------------------

def _plan_pdf(path, blocks):
    """A flowing document of (kind, text) blocks: "h1" / "h2" headings, "p" prose, "b" bullets, "n" numbered."""
    from samples.narrative_layouts import Writer

    w = Writer(path, "Plan", "naplog tests")
    n = 0
    for kind, text in blocks:
        if kind == "h1":
            w.para(text, size=14, bold=True)
        elif kind == "h2":
            w.para(text, size=11, bold=True)
        elif kind == "p":
            w.space(6)
            w.para(text)
        elif kind == "b":
            w.para(text, indent=10, marker="\u2022", after=2)
        else:
            n += 1
            w.para(text, indent=10, marker=f"{n}.", after=2)
    w.save()
    return read_pdf(path).pages


CONTEXT_LIST = ["Annual rainfall fell by 12 per cent between 1990 and 2020.",
                "Floods displaced 40,000 people in the northern districts in 2019."]
CONSULTED = ["The National Climate Change Policy (2011);", "The Second National Communication (2010);"]
ACTIONS = ["Build flood defences along the northern rivers.", "Train district officers in early warning."]


def _texts(goals):
    return [[(o.text, [a.text for a in o.activities]) for o in g.outputs] for g in goals]


def test_lists_in_context_and_methodology_give_nothing(tmp_path):
    pages = _plan_pdf(tmp_path / "plan.pdf", [
        ("h1", "1. Context and climate trends"), ("p", "The country has a tropical climate with two rainy seasons "
                                                   "and a long dry season in the north."),
        *[("b", t) for t in CONTEXT_LIST],
        ("h1", "2. Methodology"), ("p", "Les documents consultés incluent :"), *[("b", t) for t in CONSULTED],
        ("h1", "3. Priority adaptation actions"), *[("b", t) for t in ACTIONS],
    ])
    _, goals = extract_narrative(pages)
    # One null goal and output hold the actions of section 3, nothing from sections 1 and 2.
    assert [(g.text, g.code) for g in goals] == [(None, None)]
    assert _texts(goals) == [[(None, ACTIONS)]]


def test_a_list_after_a_lead_in_is_read_at_the_level_it_names(tmp_path):
    objectives = ["Reduce the exposure of coastal communities to sea-level rise.",
                  "Secure water supply for farms in the dry season."]
    pages = _plan_pdf(tmp_path / "plan.pdf", [
        ("h1", "4. The plan"), ("p", "The plan was validated in 2024 after two national workshops."),
        ("p", "The strategic objectives of the plan are:"), *[("n", t) for t in objectives],
        ("p", "Les documents consultés incluent :"), *[("b", t) for t in CONSULTED],
    ])
    _, goals = extract_narrative(pages)
    assert [(g.code, g.text, g.level_name) for g in goals] == [("1", objectives[0], None),
                                                                ("2", objectives[1], None)]
    # Under a heading that names them, the heading is the level's name.
    pages = _plan_pdf(tmp_path / "plan2.pdf", [("h1", "7.2. Strategic objectives"), *[("n", t) for t in objectives]])
    _, goals = extract_narrative(pages)
    assert [(g.text, g.level_name) for g in goals] == [(t, "Strategic objectives") for t in objectives]


def test_a_placeholder_holds_one_section_only(tmp_path):
    # Madagascar once hung 251 activities from p4-104 under one empty goal: a pillar heading's null goal
    # took every list of the document. A heading closes the pillar and its placeholder.
    pages = _plan_pdf(tmp_path / "plan.pdf", [
        ("h1", "Pillar 1: Protection"), *[("n", t) for t in ACTIONS],
        ("h1", "5. References"), *[("b", t) for t in CONSULTED],
        ("h1", "6. Monitoring"), ("p", "Progress is reviewed every year by the steering committee, which "
                                       "publishes its findings."), *[("b", t) for t in CONTEXT_LIST],
    ])
    pillars, goals = extract_narrative(pages)
    assert [p.text for p in pillars] == ["Pillar 1: Protection"]
    assert [g.pillar for g in goals] == ["Pillar 1: Protection"]
    assert _texts(goals) == [[(None, ACTIONS)]]


def test_a_bulleted_pillar_line_is_an_item_not_a_pillar(tmp_path):
    pages = _plan_pdf(tmp_path / "plan.pdf", [
        ("h1", "2. Contexte national"), ("p", "Le plan national de relèvement compte trois piliers :"),
        ("b", "pilier 1 : soutenir la paix, la sécurité et la réconciliation"),
        ("b", "pilier 2 : renouveler le contrat social entre l'État et la population"),
        *[("b", t) for t in CONSULTED],
    ])
    assert extract_narrative(pages) == ([], [])


@pytest.mark.parametrize("heading, kind", [
    ("3. Priority adaptation actions", "activity"), ("Actions prioritaires", "activity"),
    ("Mesures d'adaptation", "activity"), ("Acciones prioritarias", "activity"), ("Ações prioritárias", "activity"),
    ("1.3 Les objectifs du PNACC", "goal"), ("AXE STRATEGIQUE 2 : METTRE EN ŒUVRE DES PROGRAMMES", "goal"),
    ("Ejes estratégicos", "goal"), ("Objetivos específicos", "goal"), ("Eixos estratégicos", "goal"),
    ("Expected results", "output"), ("Résultats attendus", "output"), ("Resultados esperados", "output"),
    ("I.1 MÉTHODE D'ÉLABORATION", "excluded"), ("Les documents consultés incluent :", "excluded"),
    ("Bibliography", "excluded"), ("Lecciones aprendidas", "excluded"), ("Contexto nacional", "excluded"),
    ("Vulnerability assessment", "excluded"), ("Mesures d'adaptation aux impacts", "activity"),
    ("AGRICULTURE, ÉLEVAGE ET PÊCHE", None),
])
def test_section_kind(heading, kind):
    from pipeline.text.vocabulary import section_kind

    assert section_kind(heading) is kind or section_kind(heading) == kind


def test_a_lead_in_names_its_list_last():
    from pipeline.text.vocabulary import section_kind

    lead = "The measures contribute to 13 overarching outcomes and two overarching adaptation goals, namely:"
    assert section_kind(lead, lead_in=True) == "goal"  # Saint Lucia p14: the two goals follow
    assert section_kind("Objectives are reached through the following actions:", lead_in=True) == "activity"
    assert section_kind("Mesures d'adaptation aux impacts") == "activity"  # a heading names it first
    lead = ("An analysis of national adaptation programmes of action illustrates that they are beset by "
            "difficulties, during both formulation and implementation:")
    assert section_kind(lead, lead_in=True) is None  # Burkina Faso p9: a list of difficulties


def test_contents_without_leaders_are_skipped(tmp_path):
    # No title to go by and no leaders: the page numbers at the lines' ends say it.
    pages = _plan_pdf(tmp_path / "toc.pdf", [
        ("p", f"Chapitre {i} : Objectifs et actions prioritaires {10 + 4 * i}") for i in range(1, 10)])
    assert is_toc_page(pages[0])


@pytest.mark.parametrize("name, start, count", [("es_narrative_plan", "Abrir casas de acogida", 6),
                                                ("pt_narrative_plan", "Criar centros de atendimento", 4)])
def test_an_item_broken_by_the_page_break_is_one_record(name, start, count):
    lf = extract_file(SAMPLES / f"{name}.pdf")
    acts = [a for g in lf.goals for o in g.outputs for a in o.activities]
    broken = [a for a in acts if a.text.startswith(start)]
    assert len(broken) == 1 and broken[0].page == 1 and broken[0].text.endswith("filhos." if name[:2] == "pt"
                                                                                    else "hijos.")
    assert broken[0].bbox[3] <= 842  # its box stays on the page where it starts
    assert len(acts) == count  # two actions per pillar (and two listed in es): the page break ends nothing


def test_a_footnote_at_the_foot_of_a_page_is_not_continued_by_the_next_page(tmp_path):
    from samples.narrative_layouts import BOTTOM, Writer

    objectives = ["Reduce the exposure of coastal communities to sea-level rise.",
                  "Secure water supply for farms in the dry season."]
    w = Writer(tmp_path / "plan.pdf", "Plan", "naplog tests")
    w.para("4. The plan", size=14, bold=True)
    w.para("The plan sets out measures that contribute to two strategic")
    w.space(w.y - BOTTOM - 20)
    # A footnote of two lines, the foot of page 1 (its second line starts where the body does).
    w.para("* 1 Note that the plan was revised in 2024 after the floods that struck the northern districts and "
           "the coast, with the help of the national climate change committee and its partners.", size=7)
    w.new_page()
    w.para("objectives of the plan, namely:")  # page 2 goes on with the paragraph, in lower case
    for i, t in enumerate(objectives, 1):
        w.para(t, indent=10, marker=f"{i}.", after=2)
    w.save()
    _, goals = extract_narrative(read_pdf(tmp_path / "plan.pdf").pages)
    assert [(g.code, g.text, g.page) for g in goals] == [("1", objectives[0], 2), ("2", objectives[1], 2)]
