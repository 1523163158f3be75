"""Column roles decided once for a table printed over several pages whose header words naplog does
not know (extractors/table_runs.py): each page holds too few rows for its cells to say what its
columns are, the whole table holds enough (Benin's NAP sector tables, one option and its measures
a page, the header printed again on each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pipeline.extract import extract
from pipeline.pdf.reader import read_pdf

# Header words no vocabulary holds, as the ablation benchmark writes them.
HEADER = ["Oqzkoxk", "Vxkzzvk"]
OPTIONS = [
    ("Strengthening of integrated water resource management in the basins",
     ["Construction of small dams in the northern districts", "Rehabilitation of village boreholes",
      "Training of water user committees in maintenance"]),
    ("Improvement of the resilience of food crops to drought",
     ["Development of drought tolerant seed varieties", "Promotion of micro-irrigation schemes",
      "Establishment of seed banks in every district"]),
    ("Development of early warning systems for floods",
     ["Installation of river gauges on the main rivers", "Creation of a flood alert service",
      "Organisation of evacuation drills in flood zones"]),
]


def _pages(path: Path, ruled_body: bool) -> None:
    """One page per option: the header printed again on each, then the option beside its measures.
    ``ruled_body``: the body row is ruled as the header is; else only the header is boxed and the
    option and its measures stand under it unruled."""
    style = getSampleStyleSheet()["BodyText"]
    bold = [Paragraph(f"<b>{t}</b>", style) for t in HEADER]
    story: list = [Paragraph("National Adaptation Plan of Tamora", getSampleStyleSheet()["Title"]), Spacer(1, 12)]
    for i, (option, measures) in enumerate(OPTIONS):
        rows = [bold, [Paragraph(option, style), Paragraph("<br/>".join(f"• {m}" for m in measures), style)]]
        table = Table(rows, colWidths=[330, 330])
        lines = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled_body else \
            [("BOX", (0, 0), (-1, 0), 0.5, colors.black), ("LINEAFTER", (0, 0), (0, 0), 0.5, colors.black)]
        table.setStyle(TableStyle([*lines, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table] + ([PageBreak()] if i + 1 < len(OPTIONS) else [])
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def _read(path: Path) -> list[tuple[str | None, list[str], set[int]]]:
    """(text of the level above the measures, its measures, their pages) per record read. Every page
    is read in full: triage picks table pages by their header words, which these pages do not have."""
    lf = extract(read_pdf(path, triage=False), str(path))
    found = []
    for g in lf.goals:
        for o in g.outputs:
            if o.activities:
                found.append((o.text or g.text, [a.text for a in o.activities], {a.page for a in o.activities}))
    return found


@pytest.mark.parametrize("ruled_body", [True, False], ids=["ruled", "header-box-only"])
def test_a_table_of_unknown_header_words_takes_its_roles_from_all_its_pages(tmp_path, ruled_body):
    path = tmp_path / "options.pdf"
    _pages(path, ruled_body)
    # Each option is the level above its measures (whichever: no level above names them), on
    # every page, though no page alone holds enough rows to tell the columns apart.
    assert _read(path) == [(option, measures, {page}) for page, (option, measures) in enumerate(OPTIONS, 1)]


def test_the_pages_a_table_goes_on_without_rules_vote_too(tmp_path):
    # Sri Lanka's NAP sector action plans: the header is boxed on the table's first page, which
    # holds one row; the rows go on over the next pages with no rule, under the same columns.
    style = getSampleStyleSheet()["BodyText"]
    options = [(o, m) for o, m in OPTIONS] + [
        ("Promotion of climate resilient housing in coastal towns",
         ["Revision of the building code for coastal zones", "Training of masons in resilient construction",
          "Creation of a housing retrofit fund"]),
        ("Strengthening of health services against vector borne diseases",
         ["Extension of dengue surveillance to every district", "Training of health staff in outbreak response",
          "Distribution of treated bed nets in flood areas"])]
    rows = [[Paragraph(f"<b>{t}</b>", style) for t in HEADER]]
    rows += [[Paragraph(o, style), Paragraph("<br/>".join(f"• {m}" for m in ms), style)] for o, ms in options]
    table = Table(rows, colWidths=[330, 330])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, 0), 0.5, colors.black),
                               ("LINEAFTER", (0, 0), (0, 0), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 1), (-1, -1), 40)]))
    path = tmp_path / "unruled.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([
        Paragraph("National Adaptation Plan of Tamora", getSampleStyleSheet()["Title"]), Spacer(1, 250), table])
    read = _read(path)
    assert {p for _, _, pages in read for p in pages} >= {1, 2}  # the table's first page holds one row
    assert [(o, m) for o, m, _ in read] == options


def _activities_under(tmp_path: Path, above: list[list], acts: list[tuple[str, str]], title: str) -> list:
    """(text, institutions) of each activity read from a ruled table of ``above`` rows (the header,
    a banner over it), then one row per activity with who leads it and a year."""
    style = getSampleStyleSheet()["BodyText"]
    rows = [*above, *[[Paragraph(a, style), Paragraph(lead, style), "2026"] for a, lead in acts]]
    table = Table(rows, colWidths=[300, 150, 60])
    spans = [("SPAN", (0, 0), (-1, 0))] if len([c for c in above[0] if c]) == 1 else []
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans,
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph(title, getSampleStyleSheet()["Title"]), Spacer(1, 12), table])
    lf = extract(read_pdf(path, triage=False), str(path))
    return [(a.text, [i.name for i in a.institutions]) for g in lf.goals for o in g.outputs for a in o.activities]


def test_labels_under_a_banner_across_the_table_are_its_header(tmp_path):
    # CAR's NAP Tableau 10: "1. Renforcement de la gouvernance ..." across the table, then the
    # column labels (plain type, as CAR's white on green), then the activities and who leads them.
    p = lambda t: Paragraph(t, getSampleStyleSheet()["BodyText"])  # noqa: E731
    acts = [("Train planning officers of every ministry in climate risk screening", "Ministry of Planning"),
            ("Revise the national budget guidelines to include adaptation", "Ministry of Finance"),
            ("Establish a climate finance unit in the treasury", "Ministry of Finance"),
            ("Publish the adaptation spending of every ministry", "National Climate Council")]
    above = [[p("<b>1. Strengthening of the governance of adaptation planning</b>"), "", ""],
             [p("Qvoqvozx"), p("Zxjkwoq vzk"), p("Kwozx")]]
    assert _activities_under(tmp_path, above, acts, "National Adaptation Plan of Tamora") == \
        [(a, [lead]) for a, lead in acts]


def test_labels_set_in_capitals_over_a_body_that_is_not_are_a_header(tmp_path):
    # Madagascar's NAP Tableau 6: "ACTIVITES | ECHÉANCE DE MISE EN ŒUVRE | ORGANE EN CHARGE DE LA
    # MISE EN ŒUVRE ..." in plain capitals (white on a dark fill), of more words than a label has.
    p = lambda t: Paragraph(t, getSampleStyleSheet()["BodyText"])  # noqa: E731
    acts = [("Renforcer les capacités du ministère en charge de l'environnement", "Ministère de l'Environnement"),
            ("Intégrer l'adaptation dans les plans communaux de développement", "Ministère de l'Intérieur"),
            ("Former les agents de vulgarisation agricole aux pratiques résilientes", "Ministère de l'Agriculture"),
            ("Mettre en place un système national de suivi de la vulnérabilité", "Ministère de l'Économie")]
    above = [[p("QVOQVOZX ZX KWOZ QVO"), p("ZXJKWOQ VZK ZX QJKWO XV"), p("KWOZX")]]
    assert _activities_under(tmp_path, above, acts, "Plan national d'adaptation du Tamora") == \
        [(a, [lead]) for a, lead in acts]


def test_bodies_set_left_of_their_labelled_column_are_read_with_it():
    # Sri Lanka's NAP: the first agency of each row, in italics, starts left of the "Responsible
    # agencies" column, in a sliver no label heads; both columns read as bodies from their cells.
    from extractors.columns import Column, Header, _strays_of_bodies

    columns = [Column(0, 250, 450, "activity", "Okoqovz"), Column(1, 450, 460, "lead", ""),
               Column(2, 460, 520, "partner", "Qkozzjvoozq"), Column(3, 520, 700, "indicator", "Vkw")]
    _strays_of_bodies(Header(columns=columns, rows=1).columns)
    assert [(c.role, c.alias_of) for c in columns] == [("activity", None), (None, 2), ("lead", None),
                                                       ("indicator", None)]
