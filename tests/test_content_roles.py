"""Column roles from what the cells hold (extractors/content_roles.py), for headers naplog does not
know: each rule on the cells that made it necessary, and the layouts where it must not fire."""

from __future__ import annotations

import pytest

from benchmarks.ablation import _nonsense
from extractors.content_roles import cell_kind, roles_from_content


@pytest.mark.parametrize("text", [
    "Equip survivor centres",  # any English verb that is only a verb, not a listed one
    "Deploy mediators to peace committees",
    "Renforcer les capacités des femmes",
])
def test_a_cell_opening_with_a_verb_is_an_action(text: str):
    assert cell_kind(text) == "action"


@pytest.mark.parametrize("text", [
    "Gender units set up in the police",  # "gender" ends like an infinitive ("renforcer") but is English
    "Water supply restored in camps",  # "water" is a noun too: not read as an order
])
def test_english_words_that_end_like_infinitives_are_not_actions(text: str):
    assert cell_kind(text) != "action"


@pytest.mark.parametrize("text", [
    "Survivor centres opened",  # a thing and what became of it, with any English participle
    "Women mediators deployed in counties",
    "Casos juzgados",  # Spanish and Portuguese participles
    "Mulheres capacitadas em mediação",
    "Les femmes participent activement aux mécanismes de médiation",  # a sentence about a thing
    "\uf0a7 Women mediators deployed \uf0a7 Committees include women",  # a list: its first item decides
])
def test_results_are_read_as_results(text: str):
    assert cell_kind(text) == "result"


def test_a_participle_before_a_noun_is_an_adjective_not_a_result():
    assert cell_kind("Conflict affected women and girls") != "result"


@pytest.mark.parametrize("text", [
    "ONU Femmes, PNUD et OSC",  # acronym-led names
    "SEI, PNT & FDT",
    "MAE & municipal authorities",  # half the names, the first among them
    "Fiscalía General",  # a public body's head noun, whatever the gazetteer says
    "Ministério da Acção Social, Família e Promoção da Mulher (MASFAMU)",  # one long name and its acronym
])
def test_lists_of_bodies_are_institutions(text: str):
    assert cell_kind(text) == "institution"


@pytest.mark.parametrize("text", [
    "SHORT-, MEDIUM- OR LONG-TERM",  # a heading in capitals
    "NAP process",
    "Conduire une Revue des dépenses publiques (RDP)",  # an action naming what it sets up
    "inciter chaque SG à s'approprier les outils",
    "Women mediators deployed, Committees include women",
])
def test_what_only_looks_like_bodies_is_not(text: str):
    assert cell_kind(text) != "institution"


def test_cells_naming_their_level_give_the_column_that_level_and_banners_are_skipped():
    goals = ["Eixo 1: Participação", "Objetivo 1: Aumentar a participação das mulheres",
             "Eixo 2: Prevenção", "Objetivo 2: Prevenir a violência"]
    results = ["1.1 Aumentada a representação das mulheres", "2.1 Fortalecida a rede de mediadoras"]
    actions = ["Realizar campanhas de recrutamento", "Criar um programa de mentoria", "Formar mediadoras"]
    assert roles_from_content([goals, results, actions]) == ["goal", "output", "activity"]


def test_results_beside_actions_row_for_row_are_their_indicators():
    actions = ["Accelerate the approval of the land use policy", "Develop a national land use plan",
               "Train district planners in climate projections"]
    products = ["Land use policy endorsed", "National land use plan developed", "District planners trained"]
    assert roles_from_content([actions, products]) == ["activity", "indicator"]
    # ... but objectives written as actions, merged over the rows of the results beside them, are above them
    above, below = roles_from_content([actions[:2], products], spans=[2.5, 1.0])
    levels = ["goal", "output", "activity"]
    assert above in levels and below in levels and levels.index(above) < levels.index(below)


def test_header_ablation_gives_different_words_different_made_up_words():
    # Same-length headers ("Outcome", "Results") once became the same made-up word, which reads as
    # one header cell split in two: the ablation then measured its own artefact.
    assert _nonsense("Outcome") != _nonsense("Results")
    assert len(_nonsense("Indicators")) == len("Indicators") and _nonsense("Lead")[0].isupper()


def test_a_body_named_by_a_word_ending_like_an_infinitive_is_not_an_action():
    # "Ministère" ends like "renforcer": a card's "Chefs de file" value was read as an action.
    text = ("Ministère de l'enseignement supérieur, de la recherche scientifique et de l'innovation "
            "technologique et Ministère de l'enseignement primaire")
    assert cell_kind(text) != "action"


def test_header_ablation_replaces_letters_only():
    # A label's colon and a banner's number are not words: a plan with labels naplog does not know
    # still prints them ("Xyzw: Ministry of Justice", "Qvoxkzwqo 1").
    assert _nonsense("Lead:").endswith(":") and _nonsense("Lead:")[:4].isalpha()
    assert _nonsense("(USD)")[0] + _nonsense("(USD)")[-1] == "()" and _nonsense("1.2") == "1.2"


@pytest.mark.parametrize("text", [
    "1.1 Incrementada la representación de mujeres en cargos de decisión",  # the participle first
    "Ampliado el acceso de las sobrevivientes de violencia a servicios integrales",
    "Integradas las necesidades de las mujeres en la respuesta humanitaria",
])
def test_iberian_results_with_the_participle_first_are_results(text: str):
    assert cell_kind(text) == "result"


def test_an_indicator_column_of_counts_and_milestones_is_indicators():
    actions = ["Diseñar un programa de mentoría para mujeres oficiales", "Revisar los reglamentos de ascenso",
               "Crear una red nacional de mujeres mediadoras", "Capacitar a jueces y fiscales"]
    indicators = ["Número de mujeres oficiales que completan el programa", "Protocolo interinstitucional aprobado",
                  "Porcentaje de mujeres en cada promoción", "Sistema de alerta temprana en funcionamiento"]
    assert roles_from_content([actions, indicators]) == ["activity", "indicator"]


def test_statements_merged_over_several_actions_are_the_level_between():
    outcomes = ["Outcome 1: Women participate meaningfully in decision making",
                "Outcome 2: Women and girls are protected from violence"]
    results = ["Increased number of women appointed to leadership positions",
               "Security sector institutions have accountability mechanisms for misconduct",
               "Women's organisations are represented in peace negotiations",
               "Survivors of sexual violence have access to quality services"]
    actions = ["Review recruitment and promotion policies of the police", "Train women candidates for office",
               "Establish a complaints mechanism", "Support women's organisations to take part in talks",
               "Open one-stop centres for survivors", "Train health workers in clinical care",
               "Deploy mobile courts", "Fund shelters in every province"]
    assert roles_from_content([outcomes, results, actions], spans=[3.0, 1.8, 1.0]) == ["goal", "output", "activity"]


@pytest.mark.parametrize("text", [
    "Representation of women in WCCPCs and County DRM Committees",
    "Area of rehabilitated forest, mangrove, and watershed ecosystems",
    "Average time between early warning alert and first emergency action",
    "Existence and operation of county DRM coordination platform",
])
def test_shares_and_sizes_are_measures(text: str):
    assert cell_kind(text) == "measure"


def test_a_vertical_logframe_names_its_levels_in_its_first_column():
    # The EU's matrix with its header in words naplog does not know: the row labels say the levels.
    labels = ["Overall Objective", "Immediate Objective(s)", "Results", "Activities"]
    logic = ["To contribute to the security of fragile districts", "Communities implement their own safety projects",
             "Community safety plans prepared in target communities", "Facilitate community dialogue meetings"]
    indicators = ["25% increase in the number of people who feel safe", "% of communities with a safety plan",
                  "All safety plans endorsed by local authorities", "Dialogue meetings held"]
    sources = ["Baseline and endline survey", "Activity tracking tool", "Plan documents", "Meeting minutes"]
    roles = roles_from_content([labels, logic, indicators, sources])
    assert roles[:3] == ["level", "narrative", "indicator"]


def test_a_piece_of_work_named_by_a_noun_that_is_also_a_verb_is_no_action():
    # Saint Lucia's NAP "Indicative outputs": products named as things, not orders; the same verbs
    # giving an order stay actions.
    assert [cell_kind(t) for t in [
        "Study on coastal flooding under various sea level scenarios",  # a noun-verb, then "on"
        "Plan for State acquisition of private water catchments",
        "Study conducted for modelling the risk of disease",  # a participle closing the clause
        "Review of the gender policy completed",
        "Study the effects of floods on crops",
        "Support displaced women and girls",
        "Review the national gender policy",
    ]] == ["text", "text", "result", "result", "action", "action", "action"]


def test_products_named_beside_the_actions_row_for_row_are_their_indicators():
    # Saint Lucia's NAP measure | indicative outputs | alignment: the outputs agree on no kind (some
    # named as things, some as results), the alignment column files each row under a few values.
    actions = ["Conduct a feasibility study to establish river usage zoning",
               "Undertake a comprehensive study of the watersheds and water resources",
               "Improve river bank management by introducing riparian buffer zones",
               "Expand reforestation programmes in critical watersheds",
               "Adopt forest management plans to reduce soil erosion",
               "Relocate water intakes away from flood zones"]
    products = ["Feasibility study establishing river usage zoning",
                "Water resources database and reporting system",
                "Riparian buffer zones introduced and maintained",
                "New or expanded reforestation programmes in critical watersheds",
                "Forest management plans in place and implemented",
                "Water intakes relocated to suitable areas"]
    alignment = ["Facilitation", "Implementation", "Implementation", "Facilitation", "Implementation",
                 "Implementation"]
    assert roles_from_content([actions, products, alignment]) == ["activity", "indicator", None]


def test_bodies_acronyms_one_a_line_are_institutions():
    # Sri Lanka's NAP "Responsible agencies": one acronym a line, no comma between them.
    assert cell_kind("DOA\nDAPH\nVRI\nNLDB") == "institution"
    assert cell_kind("Establish the national\ncommission on water") == "action"  # a wrapped action stays one


def test_short_names_each_beside_a_list_of_actions_head_them():
    # Sri Lanka's NAP "Adaptation options" beside "Actions": each option is the level above the
    # bulleted actions in its row, though the options agree on no kind.
    options = ["A. Germplasm improvement", "B. Improvement of farm water management",
               "C. Promotion of resource efficient farming systems"]
    actions = ["\uf0b7 Screen existing varieties for heat and water stress\n\uf0b7 Develop tolerant varieties",
               "\uf0b7 Reduce field-level irrigation water losses\n\uf0b7 Promote micro-irrigation techniques",
               "\uf0b7 Improve cropping systems\n\uf0b7 Introduce flower induction techniques in fruits"]
    assert roles_from_content([options, actions]) == ["output", "activity"]
    # Lists of particulars beside names ("Calendrier : ...", "Budget : ...") are no actions headed.
    particulars = ["\uf0b7 Calendrier : janvier 2016\n\uf0b7 Budget : 300 000 dollars US"] * 3
    assert roles_from_content([options, particulars])[0] is None


def test_periods_joined_by_a_conjunction_are_one_period():
    # "MT et LT" reads as two acronyms (bodies) unless the conjunction between periods is a period's too.
    assert [cell_kind(t) for t in ("MT et LT", "CT et MT", "short-term and long-term")] == ["time", "time", "time"]
    assert cell_kind("MINEE et MINEPAT") == "institution"


def test_bodies_named_by_an_abbreviated_kind_are_institutions():
    # "Dept" is a department as much as "Department" is: a column of them names who leads.
    leads = ["County Planning Dept, WCCPCs", "County Education Dept, NGOs", "County Health Dept"]
    assert [cell_kind(t) for t in leads] == ["institution"] * 3
    assert roles_from_content([leads]) == ["lead"]
