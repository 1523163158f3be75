"""A table that sums a plan's framework up: level banners over numbered lists (Saint Lucia's
"Overarching NAP Goals" / "Cross-sectoral outcomes" / "Sectoral outcomes" table). Each item is a
record of the level its banner names; a numbered list under any other banner is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from extractors.level_lists import banner_level
from pipeline.extract import extract_file

STYLE = getSampleStyleSheet()["BodyText"]


def _list(items: list[str], start: int = 1) -> list[Paragraph]:
    return [Paragraph(f"{n}. {text}", STYLE) for n, text in enumerate(items, start)]


def _side_by_side(left: list[str], right: list[str]) -> Table:
    """Two numbered lists beside each other in one cell, with no rule between them (the right
    one's numbers go on from the left's)."""
    inner = Table([[_list(left), _list(right, len(left) + 1)]], colWidths=[215, 215])
    inner.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return inner


def _summary_table(path: Path, banners: tuple[str, str, str], sectors: tuple[str, str],
                   goals: tuple[list[str], list[str]], outcomes: tuple[list[str], list[str]],
                   sectoral: tuple[list[str], list[str]]) -> None:
    rows = [[Paragraph(f"<b>{banners[0]}</b>", STYLE), ""],
            [_side_by_side(*goals), ""],
            [Paragraph(f"<b>{banners[1]}</b>", STYLE), ""],
            [_list(outcomes[0]), _list(outcomes[1], len(outcomes[0]) + 1)],
            [Paragraph(f"<b>{banners[2]}</b>", STYLE), ""],
            [Paragraph(f"<i>{sectors[0]}</i>", STYLE), Paragraph(f"<i>{sectors[1]}</i>", STYLE)],
            [_list(sectoral[0]), _list(sectoral[1])]]
    table = Table(rows, colWidths=[225, 225])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *[("SPAN", (0, r), (1, r)) for r in (0, 1, 2, 4)]]))
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Table 10. The plan's goals, cross-sectoral and sectoral outcomes.", STYLE), table])


CASES = {
    "en": (("Overarching NAP Goals", "Cross-sectoral outcomes", "Sectoral outcomes"), ("Water", "Health"),
           (["To enhance the national enabling environment for adaptation"],
            ["To accelerate adaptation actions critical to safeguard livelihoods"]),
           (["Improved legal and regulatory framework for adaptation", "Increased use of climate information"],
            ["Increased funding for climate adaptation action"]),
           (["Increased water access, availability and quality"], ["Improved public health under a changing climate"])),
    "es": (("Objetivos generales del PNA", "Objetivos transversales", "Objetivos sectoriales"), ("Agua", "Salud"),
           (["Fortalecer el entorno nacional para la adaptación"],
            ["Acelerar las acciones de adaptación prioritarias"]),
           (["Marco legal y normativo mejorado para la adaptación", "Mayor uso de la información climática"],
            ["Mayor financiación para la adaptación"]),
           (["Mayor acceso al agua potable en zonas rurales"], ["Salud pública mejorada ante el cambio climático"])),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_items_under_level_banners_are_records_of_that_level(tmp_path, lang):
    banners, sectors, goals, outcomes, sectoral = CASES[lang]
    pdf = tmp_path / f"summary_{lang}.pdf"
    _summary_table(pdf, banners, sectors, goals, outcomes, sectoral)
    found = [(g.code, g.text, g.level_name) for g in extract_file(pdf).goals]
    expected = [(str(n), text, banners[0]) for n, text in enumerate(goals[0] + goals[1], 1)]
    expected += [(str(n), text, banners[1]) for n, text in enumerate(outcomes[0] + outcomes[1], 1)]
    expected += [("1", text, banners[2]) for text in sectoral[0] + sectoral[1]]
    assert found == expected


def test_a_numbered_list_under_a_banner_that_names_no_level_gives_nothing(tmp_path):
    pdf = tmp_path / "documents.pdf"
    _summary_table(pdf, ("Documents consulted", "Studies reviewed", "Sectoral reports"), ("Water", "Health"),
                   (["National climate change policy, 2015"], ["Third national communication, 2017"]),
                   (["Water sector adaptation plan, 2018", "Coastal zone strategy, 2016"], ["Health sector study"]),
                   (["Water resources assessment, 2019"], ["Vector-borne disease survey, 2014"]))
    with pytest.raises(Exception, match="no logframe"):
        extract_file(pdf, check=True)


def test_a_level_banner_over_prose_gives_nothing(tmp_path):
    """A banner naming goals over a paragraph that explains them: no list, no records."""
    pdf = tmp_path / "prose.pdf"
    rows = [[Paragraph("<b>Overarching NAP Goals</b>", STYLE)],
            [Paragraph("The plan pursues two goals that the following chapters set out in detail, with the "
                       "outcomes that each sector expects to reach by the end of the first cycle.", STYLE)]]
    table = Table(rows, colWidths=[450])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(pdf), pagesize=A4).build([table])
    assert extract_file(pdf).goals == []


@pytest.mark.parametrize("text, level", [
    ("Overarching NAP Goals", "goal"), ("Cross-sectoral outcomes", "goal"), ("Objectifs globaux", "goal"),
    ("Objetivos generales del PNA", "goal"), ("Resultados intersetoriais", "output"),
    ("Water", None), ("Documents consulted", None), ("1. Goals of the plan", None),
    ("The goals of the plan are set out in the following chapters of this document", None),
])
def test_a_banner_names_its_level_whole_or_by_its_last_or_first_words(text, level):
    assert banner_level(text) == level


def test_bold_banners_in_words_naplog_does_not_know_head_goals_when_their_items_state_results(tmp_path):
    """The header ablation's case, and a plan's own wording: banners across the table, bold, naming
    no level; their numbered items read as actions or results, so they are the plan's goals."""
    banners, sectors, goals, outcomes, sectoral = CASES["en"]
    pdf = tmp_path / "unknown_banners.pdf"
    _summary_table(pdf, ("Qvoqvoqvoq NAP Zxcvb", "Wertyuiop-asdfghj Lkjhgfdsa", "Poiuytre Mnbvcxz"), sectors,
                   goals, outcomes, sectoral)
    found = [g.text for g in extract_file(pdf).goals]
    assert found == goals[0] + goals[1] + outcomes[0] + outcomes[1] + sectoral[0] + sectoral[1]
