"""Mechanisms of table reading that hold on layouts no sample was written for: furniture found by
repetition, letter-spaced headings, header rows inside a table, and an output column beside the
activities (the samples en/pt_banner_action_tables exercise banners above tables as parents)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pipeline.extract import extract_file
from pipeline.pdf.furniture import strip_running_text
from pipeline.pdf.reader import read_pdf
from tests.conftest import SAMPLES

BANNERS = SAMPLES / "en_banner_action_tables.pdf"


def test_running_footer_with_its_page_number_and_the_footnote_are_taken_off():
    pdf = read_pdf(BANNERS)
    before = "\n".join(p.text() for p in pdf.pages)
    assert "National Adaptation and Resilience Plan of Tamora 1" in before  # what the file holds
    strip_running_text(pdf.pages)
    after = "\n".join(p.text() for p in pdf.pages)
    assert "National Adaptation and Resilience Plan of Tamora" not in after
    assert "Outputs are indicative and will be refined" not in after  # the footnote
    assert "The measures below are grouped by outcome" in after  # body text stays


def test_letter_spaced_headings_read_as_words():
    text = read_pdf(BANNERS).pages[0].text()
    assert "STRATEGIC OBJECTIVE 1. ACCELERATE POLICY AND LEGISLATIVE" in text
    assert "S T R A" not in text and "STRA TE" not in text


def _form_table(path: Path) -> None:
    """A programme sheet as Green Climate Fund country programmes print them: one ruled table whose
    header rows change inside it ("Programme 1 | Description | Budget", then "Planned activities |
    Budget US$ | Deadline")."""
    style = getSampleStyleSheet()["BodyText"]
    p = lambda t: Paragraph(t, style)  # noqa: E731
    rows = [
        ["Programme 1", "Description", "Budget US$"],
        [p("Adaptation programme for resilient agriculture in the northern provinces"),
         p("Rainfall has become erratic and the dry season longer, which threatens food crops and the "
           "income of smallholders across the provinces."), "900,000,000"],
        ["Planned activities", "Budget US$", "Deadline"],
        [p("Distribute drought tolerant seed to farmer groups"), "97,000,000", "2026"],
        [p("Build small irrigation schemes in three provinces"), "70,000,000", "2027"],
        [p("Train extension officers in climate smart farming"), "10,000,000", "2025"],
    ]
    table = Table(rows, colWidths=[200, 200, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                               ("FONTNAME", (0, 2), (-1, 2), "Helvetica-Bold"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="Country programme")
    doc.build([Paragraph("National Adaptation Plan of Tamora", getSampleStyleSheet()["Title"]), Spacer(1, 12),
               Paragraph("Annex 3: country programme for adaptation", style), Spacer(1, 12), table])


def test_a_header_row_inside_a_table_gives_the_rows_below_it_their_columns(tmp_path):
    path = tmp_path / "programme.pdf"
    _form_table(path)
    lf = extract_file(path)
    goals = [g for g in lf.goals if g.text]
    assert [g.text for g in goals] == ["Adaptation programme for resilient agriculture in the northern provinces"]
    activities = [a for o in goals[0].outputs for a in o.activities]
    assert [(a.text, a.budget.amount if a.budget else None, a.years) for a in activities] == [
        ("Distribute drought tolerant seed to farmer groups", 97_000_000.0, [2026]),
        ("Build small irrigation schemes in three provinces", 70_000_000.0, [2027]),
        ("Train extension officers in climate smart farming", 10_000_000.0, [2025])]
    texts = [r.text for g in lf.goals for r in [g, *g.outputs, *[a for o in g.outputs for a in o.activities]]]
    assert "Planned activities" not in texts and not any("Rainfall" in (t or "") for t in texts)


@pytest.mark.parametrize("headers", [("Activities", "Indicative outputs"), ("Actions", "Expected outputs")])
def test_an_output_column_right_of_the_activities_gives_their_indicators(tmp_path, headers):
    style = getSampleStyleSheet()["BodyText"]
    rows = [[*headers, "Lead"],
            [Paragraph("Map flood risk in every district", style), Paragraph("Flood risk maps produced", style),
             "Ministry of Environment"]]
    path = tmp_path / "actions.pdf"
    table = Table(rows, colWidths=[200, 200, 120])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("National Adaptation Plan", style), table])
    lf = extract_file(path)
    activities = [a for g in lf.goals for o in g.outputs for a in o.activities]
    assert [a.text for a in activities] == ["Map flood risk in every district"]
    assert [i.text for i in activities[0].indicators] == ["Flood risk maps produced"]
    assert not [o for g in lf.goals for o in g.outputs if o.text]


def test_a_sector_caption_over_options_and_measures_makes_the_options_goals(tmp_path):
    # Benin's NAP Tableaux 13-21: the caption names only the sector (the pillar) and the table's
    # columns start at "Options": with nothing above naming a level, the options are the goals.
    style = getSampleStyleSheet()["BodyText"]
    p = lambda t: Paragraph(t, style)  # noqa: E731
    rows = [["Options", "Mesures", "Acteurs"],
            [p("Mobilisation et gestion durable des ressources en eau"),
             p("Construire des retenues d'eau dans les communes du nord"), "Ministère de l'Eau"],
            [p("Amélioration de la gouvernance du secteur"),
             p("Créer un observatoire national de l'eau"), "Ministère de l'Eau"]]
    table = Table(rows, colWidths=[180, 220, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "options.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("Plan national d'adaptation du Tamora", getSampleStyleSheet()["Title"]), Spacer(1, 12),
        Paragraph("Tableau 13 : Options et mesures d'adaptation retenues pour le secteur de l'eau", style),
        Spacer(1, 6), table])
    lf = extract_file(path)
    assert [(g.text, g.pillar) for g in lf.goals] == [
        ("Mobilisation et gestion durable des ressources en eau", "Options et mesures d'adaptation retenues pour le "
                                                                  "secteur de l'eau"),
        ("Amélioration de la gouvernance du secteur", "Options et mesures d'adaptation retenues pour le secteur de "
                                                      "l'eau")]
    assert [[(o.text, [a.text for a in o.activities]) for o in g.outputs] for g in lf.goals] == [
        [(None, ["Construire des retenues d'eau dans les communes du nord"])],
        [(None, ["Créer un observatoire national de l'eau"])]]


def test_a_table_goes_on_next_page_under_the_header_row_inside_it(tmp_path):
    # DRC NAP Annex 3: "Programme 1 | Description | Budget" heads the table, a header row inside it
    # ("Planned activities" over two columns | "Budget US$") heads the activities, and the page after
    # goes on with activity rows only, the rule inside "Planned activities"' span gone.
    style = getSampleStyleSheet()["BodyText"]
    acts = [f"Support farmer group number {i} with drought tolerant seed" for i in range(1, 41)]
    rows = [["Programme 1", "Description", "Budget US$"],
            [Paragraph("Adaptation programme for resilient agriculture", style),
             Paragraph("Rainfall has become erratic and the dry season longer.", style), "900,000,000"],
            ["Planned activities", "", "Budget US$"],
            *[[a, "", f"{i},000,000"] for i, a in enumerate(acts, 1)]]
    table = Table(rows, colWidths=[200, 200, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *[("SPAN", (0, r), (1, r)) for r in range(2, len(rows))]]))
    path = tmp_path / "continued.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("National Adaptation Plan of Tamora", getSampleStyleSheet()["Title"]), Spacer(1, 12),
        Paragraph("Annex 3: country programme for adaptation", style), Spacer(1, 12), table])
    lf = extract_file(path)
    goals = [g for g in lf.goals if g.text]
    assert [g.text for g in goals] == ["Adaptation programme for resilient agriculture"]
    activities = [a for o in goals[0].outputs for a in o.activities]
    assert {a.page for a in activities} == {1, 2}  # the table runs onto the next page
    assert [(a.text, a.budget.amount if a.budget else None) for a in activities] == [
        (a, i * 1_000_000.0) for i, a in enumerate(acts, 1)]
