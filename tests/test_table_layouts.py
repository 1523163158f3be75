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

from extractors.columns import header_from_texts
from extractors.logframe import _is_banner
from extractors.tables import Cell, Grid, Row
from pipeline.extract import extract_file
from pipeline.pdf.furniture import strip_running_text
from pipeline.pdf.model import Line, Word
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


def _monitoring_table(path: Path, filled: bool) -> None:
    """A monitoring table under strategic-priority banners, as plans print them for later reporting:
    slot labels ("Outcome 1:", "Outcome No.:") in the first column, the other cells empty unless
    ``filled``."""
    style = getSampleStyleSheet()["BodyText"]
    rows: list[list] = [["Outcomes", "Name of indicator", "Unit of measurement", "Planned level"]]
    banners = []
    for n, priority in enumerate(["Build the capacities of institutions", "Improve information systems"], 1):
        banners.append(len(rows))
        rows.append([f"STRATEGIC PRIORITY {n}: {priority}", "", "", ""])
        for slot in ("Outcome 1:", "Outcome 2:", "Outcome No.:"):
            rows.append([slot, "", "", ""])
    if filled:
        rows[2] = [Paragraph("Ministries plan adaptation in their budgets", style),
                   Paragraph("Number of ministries with an adaptation budget line", style), "number", "12"]
    _captioned_table(path, "Table 30: Monitoring of outcomes under the National Adaptation Plan", rows,
                     [170, 130, 90, 80], [("SPAN", (0, r), (-1, r)) for r in banners])


def _captioned_table(path: Path, caption: str, rows: list[list], widths: list[int], style: list[tuple]) -> None:
    """A PDF of one ruled table under its caption."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *style]))
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(caption, getSampleStyleSheet()["BodyText"]), Spacer(1, 6), table])


@pytest.mark.parametrize("filled", [False, True])
def test_a_template_printed_empty_is_a_blank_form_and_a_filled_one_is_not(tmp_path, filled):
    from extractors.ruled import find_ruled_grids
    from extractors.tables import blank_form

    path = tmp_path / "monitoring.pdf"
    _monitoring_table(path, filled)
    grids = find_ruled_grids(read_pdf(path, triage=False).pages[0])
    assert [blank_form(g) for g in grids] == [not filled]


def test_monitoring_templates_of_a_real_plan_give_no_records(corpus):  # noqa: ANN001
    # Burkina Faso's NAP prints its M&E tables 29-31 empty ("Activity 1:", "Outcome No.:" under the
    # strategic-priority banners): a form for later reports, not part of the results framework.
    from pipeline.extract import extract

    pdf = read_pdf(corpus / "plans" / "adaptation_plan_burkina_faso.pdf", pages=[126, 127, 128])
    lf = extract(pdf)
    records = [r for g in lf.goals for o in g.outputs for r in [g, o, *o.activities]] + lf.goals
    assert not [(r.page, r.text) for r in records if r.text and r.page in (126, 127, 128)]


def _sdg_table(path: Path, sdg_first: bool) -> None:
    """The plan's sectors and actions against the SDG targets: keyed by the targets (a crosswalk),
    or with the targets as an alignment column right of the actions."""
    style = getSampleStyleSheet()["BodyText"]
    p = lambda t: Paragraph(t, style)  # noqa: E731
    rows = [["Sector in NAP", "Adaptation action", "Responsible agency", "SDG Goal and Target"],
            [p("Food security"), p("Improve farm water management in the dry zone"), p("Ministry of Agriculture"),
             p("2.4 by 2030 ensure sustainable food production systems")],
            [p("Water resources"), p("Rehabilitate small tanks and their catchments"), p("Irrigation Department"),
             p("6.4 by 2030 substantially increase water-use efficiency")]]
    if sdg_first:
        rows = [[r[3], *r[:3]] for r in rows]
    _captioned_table(path, "Table 16: Links between SDGs and the National Adaptation Plan", rows,
                     [120, 120, 150, 110] if sdg_first else [120, 150, 110, 120], [])


@pytest.mark.parametrize("sdg_first", [True, False])
def test_a_table_keyed_by_the_sdg_targets_is_a_crosswalk_not_a_logframe(tmp_path, sdg_first):
    path = tmp_path / "sdgs.pdf"
    _sdg_table(path, sdg_first)
    lf = extract_file(path)
    activities = [a.text for g in lf.goals for o in g.outputs for a in o.activities]
    expected = ["Improve farm water management in the dry zone", "Rehabilitate small tanks and their catchments"]
    assert activities == ([] if sdg_first else expected)


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


def _table_of_thin_rectangles(path: Path, dotted: bool = False) -> None:
    """A 3-column table drawn as Word draws borders: every rule a 0.5 pt filled rectangle, and the
    header row's column rules in three pieces (0.5 pt and 2.9 pt where they meet the top rule, then
    the rest), so that the long piece starts 3.4 pt under the top rule. ``dotted``: a dotted line
    (2 pt dashes) across the middle of the first body row."""
    from reportlab.pdfgen import canvas

    width, height = A4[1], A4[0]
    c = canvas.Canvas(str(path), pagesize=(width, height))
    xs, ys = [40, 220, 470, 700], [100, 130, 190, 250, 310]

    def box(x0: float, top: float, x1: float, bottom: float) -> None:
        c.rect(x0, height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    for y in ys:
        box(xs[0], y, xs[-1], y + 0.5)
    for x in xs:
        for top, bottom in zip(ys[1:], ys[2:]):
            box(x, top + 0.5, x + 0.5, bottom)
        if x in (xs[0], xs[-1]):
            box(x, ys[0], x + 0.5, ys[1])
        else:
            box(x, ys[0], x + 0.5, ys[0] + 0.5)
            box(x, ys[0] + 0.5, x + 0.5, ys[0] + 3.4)
            box(x, ys[0] + 3.4, x + 0.5, ys[1])
    if dotted:
        x = xs[0] + 5
        while x < xs[-1] - 5:
            box(x, 160, x + 2, 160.5)
            x += 3
    rows = [["Strategic objectives", "Adaptation measures", "Responsible institution"],
            ["Improve water security", "Build rainwater tanks in rural schools", "Ministry of Water"],
            ["Protect coastal settlements", "Restore mangroves along the eastern coast", "Ministry of Environment"],
            ["Secure food production", "Introduce drought-tolerant seed varieties", "Ministry of Agriculture"]]
    _write_rows(c, rows, xs, ys, height, size=10, inset=6, baseline=18)
    c.save()


def _write_rows(c, rows: list[list[str]], xs: list[float], ys: list[float], height: float,  # noqa: ANN001
                size: float, inset: float, baseline: float) -> None:
    """Each row's texts at the left of its columns, ``baseline`` points under the row's top rule."""
    c.setFont("Helvetica", size)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k] + inset, height - (ys[r] + baseline), text)


def test_column_rules_drawn_in_pieces_still_divide_the_header_row(tmp_path):
    from extractors.ruled import find_ruled_grids

    pdf = tmp_path / "pieces.pdf"
    _table_of_thin_rectangles(pdf)
    [grid] = find_ruled_grids(read_pdf(pdf).pages[0])
    assert [" ".join(ln.text for ln in c.lines) for c in grid.rows[0].cells] == [
        "Strategic objectives", "Adaptation measures", "Responsible institution"]
    goals = extract_file(pdf).goals
    assert [(g.text, [a.text for o in g.outputs for a in o.activities]) for g in goals][0] == (
        "Improve water security", ["Build rainwater tanks in rural schools"])


def test_a_dotted_line_of_short_pieces_is_no_rule(tmp_path):
    from extractors.ruled import find_ruled_grids

    plain, dotted = tmp_path / "plain.pdf", tmp_path / "dotted.pdf"
    _table_of_thin_rectangles(plain)
    _table_of_thin_rectangles(dotted, dotted=True)
    rows = [[len(r.cells) for r in find_ruled_grids(read_pdf(p).pages[0])[0].rows] for p in (plain, dotted)]
    assert rows[0] == rows[1] == [3, 3, 3, 3]


def _risk_table(path: Path) -> None:
    """Adaptation measures by climate risk, as adaptation plans tabulate them, over two pages: the
    risk names the row, vulnerability and impacts are diagnosis, the measures are what the plan does.
    The last measure on the first page ends without a full stop, as list items do."""
    style = getSampleStyleSheet()["BodyText"]
    risks = [("Abundant rainfall", "Floods, erosion", ["Public awareness", "Erosion control, reforestation"]),
             ("Increase in temperature", "Risk of food insecurity", ["Promotion of crop rotation", "Reforestation"]),
             ("Drought", "Loss of harvests", ["Installation of irrigation systems", "Adequate treatment of diseases"])]
    rows: list[list] = [["Climate risks", "Vulnerability", "Potential impacts", "Adaptation measures"]]
    for risk, impact, measures in risks:
        rows.append([risk, Paragraph("Poverty<br/>Sandy soil", style), Paragraph(impact, style),
                     [Paragraph(m, style) for m in measures]])  # one paragraph per measure
    table = Table(rows, colWidths=[110, 110, 110, 150], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Table 1: Climate risks, vulnerability, potential impacts and proposed adaptation measures",
                   style), Spacer(1, 560), table])


def test_measures_by_climate_risk_are_activities_under_the_risk(tmp_path):
    pdf = tmp_path / "risks.pdf"
    _risk_table(pdf)
    lf = extract_file(pdf)
    assert {g.page for g in lf.goals} == {1, 2}  # the table goes on over the page break
    # The risk is the measures' pillar, not an objective; a risk row at the top of the next page is
    # a row of its own, not the rest of the row above.
    assert [(g.text, g.pillar, [a.text for o in g.outputs for a in o.activities]) for g in lf.goals] == [
        (None, "Abundant rainfall", ["Public awareness", "Erosion control, reforestation"]),
        (None, "Increase in temperature", ["Promotion of crop rotation", "Reforestation"]),
        (None, "Drought", ["Installation of irrigation systems", "Adequate treatment of diseases"])]


def test_a_card_page_with_a_sector_column_keeps_the_next_pages_read_as_cards(corpus):  # noqa: ANN001
    # Benin's Annexe 1 sector sheets: p158 names a sector and actions (a table's header words) as
    # well as card parts; the sheets going on over p159-160 must still be read in full.
    from pipeline.pdf.triage import triage_pdf

    surveys, _ = triage_pdf(corpus / "plans" / "adaptation_plan_benin.pdf")
    assert [(s.number, s.full) for s in surveys if 158 <= s.number <= 161] == [
        (158, True), (159, True), (160, True), (161, True)]


def _open_sided_table(path: Path) -> None:
    """A table ruled as many Word styles draw it: a boxed header row, then full-width rules between
    rows and rules between the columns, with no border on the body's left or right side."""
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    xs, ys = [50, 200, 390, 545], [100, 125, 185, 245]
    for y in ys:
        c.line(xs[0], height - y, xs[-1], height - y)
    for x in xs[1:-1]:
        c.line(x, height - ys[0], x, height - ys[-1])
    for x in (xs[0], xs[-1]):
        c.line(x, height - ys[0], x, height - ys[1])
    rows = [["Objectives", "Activities", "Lead institution"],
            ["Improve water security", "Build rainwater tanks in rural schools", "Ministry of Water"],
            ["Protect coastal settlements", "Restore mangroves along the coast", "Ministry of Environment"]]
    _write_rows(c, rows, xs, ys, height, size=9, inset=5, baseline=15)
    c.save()


def test_a_table_without_side_borders_keeps_its_first_and_last_columns(tmp_path):
    pdf = tmp_path / "open.pdf"
    _open_sided_table(pdf)
    goals = extract_file(pdf).goals
    assert [(g.text, [a.text for o in g.outputs for a in o.activities], [i.name for i in g.institutions]
             + [i.name for o in g.outputs for a in o.activities for i in a.institutions]) for g in goals] == [
        ("Improve water security", ["Build rainwater tanks in rural schools"], ["Ministry of Water"]),
        ("Protect coastal settlements", ["Restore mangroves along the coast"], ["Ministry of Environment"])]


def _matrix(path: Path, header: list[str], rows: list[list]) -> None:
    style = getSampleStyleSheet()["BodyText"]
    cells = [[Paragraph(t, style) for t in header]]
    for objective, *sectors in rows:
        cells.append([Paragraph(objective, style)] + [[Paragraph(f"• {a}", style) for a in acts] for acts in sectors])
    table = Table(cells, colWidths=[130] + [110] * (len(header) - 1))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build([table])


def test_a_matrix_of_objectives_against_sectors(tmp_path):
    """"Objectifs stratégiques | Secteur santé | Secteur agriculture | Secteur des ressources en eau":
    each cell lists the objective's actions in that sector (Benin's Tableau 12). The third sector's
    header is too long for "secteur" alone to name it: its siblings do."""
    pdf = tmp_path / "matrix.pdf"
    _matrix(pdf, ["Objectifs stratégiques", "Secteur santé", "Secteur agriculture", "Secteur des ressources en eau"],
            [["Renforcer la gouvernance climatique", ["Former les agents de santé"], [],
              ["Créer des comités de bassin", "Réviser le code de l'eau"]],
             ["Protéger les moyens d'existence", ["Assurer l'accès aux soins"], ["Diffuser des semences adaptées"],
              []]])
    goals = extract_file(pdf).goals
    assert [(g.text, g.pillar, [a.text for o in g.outputs for a in o.activities]) for g in goals] == [
        ("Renforcer la gouvernance climatique", "Secteur santé", ["Former les agents de santé"]),
        ("Renforcer la gouvernance climatique", "Secteur des ressources en eau",
         ["Créer des comités de bassin", "Réviser le code de l'eau"]),
        ("Protéger les moyens d'existence", "Secteur santé", ["Assurer l'accès aux soins"]),
        ("Protéger les moyens d'existence", "Secteur agriculture", ["Diffuser des semences adaptées"])]


def test_a_table_of_the_laws_in_force_is_no_logframe(tmp_path):
    """The legal framework ("Secteurs | Lois | Institution responsable | Objectifs") says what each law
    aims at, not what the plan will do."""
    pdf = tmp_path / "laws.pdf"
    _captioned_table(pdf, "Tableau 9 : Cadre juridique par secteur", [
        ["Secteurs", "Lois", "Institution responsable", "Objectifs"],
        ["Énergie", "Loi n° 2020-05 portant code de l'électricité", "Ministère de l'Énergie",
         Paragraph("Diversifier les sources d'approvisionnement énergétique", getSampleStyleSheet()["BodyText"])],
        ["Santé", "Loi n° 87-015 portant code de l'hygiène publique", "Ministère de la Santé",
         Paragraph("Préserver la santé physique et mentale", getSampleStyleSheet()["BodyText"])]],
        [80, 160, 110, 140], [])
    lf = extract_file(pdf)
    assert not lf.goals


# Needs and options by climate effect, as annex tables of adaptation plans print them: a filled
# header row boxed cell by cell, then rows ruled across with no rule between the columns, items
# bulleted or lettered (each row's options start again at "A."), going on over the page break
# without its header.
_EFFECTS = [
    ("Longer dry spells", "Decline of crop yields", "Loss of farm income", "Enhance the resilience of crops to drought",
     ["Germplasm improvement", "Improvement of farm water management"]),
    ("Intense rainfall", "Soil erosion on slopes", "Damage to rural roads", "Reduce flood damage to farm land",
     ["Drainage of low fields", "Terracing of slopes", "Flood forecasting for farmers"]),
    ("Sea level rise", "Salt water intrusion", "Loss of paddy land", "Protect coastal paddy from salinity",
     ["Salt tolerant varieties", "Tidal barriers on estuaries"]),
]


def _needs_and_options(path: Path, repeat: int) -> None:
    style = getSampleStyleSheet()["BodyText"]
    p = lambda t: Paragraph(t, style)  # noqa: E731
    header = ["Physical effects", "Impacts", "Socio-economic outcomes", "Adaptation need", "Adaptation options"]
    rows = [[p(h) for h in header]]
    for k in range(repeat):
        for n, (effect, impact, outcome, need, options) in enumerate(_EFFECTS, start=1 + 3 * k):
            rows.append([p(f"• {effect}"), p(f"• {impact}"), p(f"• {outcome}"), p(f"{n}. {need} ({k + 1})"),
                         p("<br/>".join(f"{'ABC'[i]}. {o}" for i, o in enumerate(options)))])
    table = Table(rows, colWidths=[90, 95, 100, 110, 125], repeatRows=0)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                               ("GRID", (0, 0), (-1, 0), 0.6, colors.white),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#4F81BD")),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Table A-1: Adaptation needs and options", style),
                                                     Spacer(1, 12), table])


def test_columns_of_a_table_ruled_only_between_rows_come_from_its_gutters(tmp_path):
    pdf = tmp_path / "needs.pdf"
    _needs_and_options(pdf, repeat=5)
    lf = extract_file(pdf)
    assert {g.page for g in lf.goals} == {1, 2}  # the table goes on over the page break, its header not repeated
    expected = [(f"{need} ({k + 1})", options) for k in range(5) for _, _, _, need, options in _EFFECTS]
    assert [(g.text, [o.text for o in g.outputs]) for g in lf.goals] == expected
    # The columns that set the context (effects, impacts, outcomes) give no record.
    texts = {r.text for g in lf.goals for r in (g, *g.outputs, *(a for o in g.outputs for a in o.activities))}
    assert not any("Decline of crop" in t or "Loss of farm" in t or "dry spells" in t for t in texts if t)


def test_a_header_wrapped_over_two_rows_is_read_whole_and_a_grouped_one_by_its_lower_row():
    from extractors.columns import header_from_texts

    columns = [(0.0, 100.0), (100.0, 200.0), (200.0, 300.0), (300.0, 350.0), (350.0, 400.0)]
    texts = [["Socio-economic", "outcomes"], ["Adaptation need"], ["Adaptation options"],
             ["Implementation year", "2025"], ["Implementation year", "2026"]]
    roles = [(c.role, c.year) for c in header_from_texts(columns, texts, 2).columns]
    # "Socio-economic outcomes" names no level (its lower row alone, "outcomes", would be a goal).
    assert roles == [(None, None), ("goal", None), ("output", None), ("year", 2025), ("year", 2026)]


def _glossary_then_logframe(path: Path) -> None:
    from reportlab.platypus import PageBreak

    pairs = [("AFoU", "Agriculture Faculties of Universities"), ("CCS", "Climate Change Secretariat"),
             ("DAPH", "Department of Animal Production and Health"), ("DOA", "Department of Agriculture"),
             ("DMC", "Disaster Management Centre"), ("FD", "Forest Department"),
             ("NARA", "National Aquatic Resources Research Agency"), ("NGOs", "Non-governmental organizations")]
    # Long enough to go on over a page, as a plan's list of abbreviations does.
    glossary = Table([[f"{a}{k or ''}", f"{name} {k}" if k else name] for k in range(8) for a, name in pairs],
                     colWidths=[80, 320])
    glossary.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    rows = [["Objective", "Activities", "Lead institution"],
            ["Improve water security", "Build rainwater tanks in rural schools", "DOA"],
            ["Protect coastal settlements", "Restore mangroves along the coast", "CCS"]]
    logframe = Table(rows, colWidths=[150, 200, 100])
    logframe.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([glossary, PageBreak(), logframe])


def test_a_list_of_acronyms_drawn_as_a_table_gives_no_record(tmp_path):
    """The card reader skips it (a plan's own acronyms recur in its tables, and its cards' labels
    are learnt from what recurs)."""
    from extractors.ruled import find_ruled_grids
    from extractors.tables import acronym_list

    pdf = tmp_path / "glossary.pdf"
    _glossary_then_logframe(pdf)
    pages = read_pdf(pdf).pages
    assert [acronym_list(g) for p in pages for g in find_ruled_grids(p)] == [True, True, False]
    lf = extract_file(pdf)
    assert [g.text for g in lf.goals] == ["Improve water security", "Protect coastal settlements"]


def test_ratings_on_a_scale_are_no_records(tmp_path):
    """A table of vulnerability by sector ("Degree of impact": High, High to moderate) grades the
    sectors; its ratings are not goals, whatever its header words say."""
    pdf = tmp_path / "ratings.pdf"
    rows = [["Resource / Sector", "Degree of impact", "Duration of impact", "Importance of resource"],
            ["Water", "High", "High", "Very high"], ["Agriculture", "High to moderate", "Moderate", "High"],
            ["Forestry", "Low", "Low to moderate", "High"]]
    table = Table(rows, colWidths=[120, 110, 110, 130])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(pdf), pagesize=A4).build([table])
    lf = extract_file(pdf)
    texts = [r.text for g in lf.goals for r in (g, *g.outputs, *(a for o in g.outputs for a in o.activities))]
    assert not [t for t in texts if t and ("high" in t.lower() or "low" in t.lower() or "moderate" in t.lower())]


def _one_cell_row(col: int, colspan: int, text: str) -> Row:
    words, x = [], 10.0 + 100 * col
    for token in text.split():
        words.append(Word(token, x, 100, x + 5 * len(token), 110, 10.0, False))
        x += 5 * len(token) + 3
    box = (10.0 + 100 * col, 100.0, 10.0 + 100 * (col + colspan), 112.0)
    return Row(None, [Cell(col, colspan, [Line(words)], box)], box)  # type: ignore[arg-type]


def test_a_cell_across_one_header_cells_slivers_is_no_banner():
    # Burkina Faso's sector summary (p12): rules of the shaded sector rows cut the objectives'
    # column into three slivers under one header cell; an objective's cell spans the three.
    columns = [(10.0 + 100 * i, 110.0 + 100 * i) for i in range(4)]
    texts = [["Sector"], ["Specific objectives"], ["Specific objectives"], ["Specific objectives"]]
    header = header_from_texts(columns, texts, 1)
    assert [(c.role, c.alias_of) for c in header.columns] == [("pillar", None), ("goal", None), (None, 1), (None, 1)]
    grid = Grid(None, columns, [], "ruled_table", (10.0, 90.0, 410.0, 300.0))  # type: ignore[arg-type]
    objective = _one_cell_row(1, 3, "SO 1: Restore the fertility of degraded soils")
    assert _is_banner(objective, grid, header) is None
    across = _one_cell_row(0, 4, "Agriculture and livestock")
    assert _is_banner(across, grid, header) == "Agriculture and livestock"


def test_areas_beside_their_costs_are_no_objectives():
    # Burkina Faso p17 and p105: "Development sector | Estimated cost in billion FCFA" costs the
    # plan by sector; a sector column with nothing but a budget beside it names no goals.
    columns = [(10.0, 200.0), (200.0, 400.0)]
    costs = header_from_texts(columns, [["Sector"], ["Estimated cost (US$ million)"]], 1)
    assert [c.role for c in costs.columns] == ["pillar", "budget"] and not costs.is_logframe()
    # Beside what is to be done (its indicators), an area column is still the goal level.
    areas = header_from_texts(columns + [(400.0, 500.0)], [["Sector"], ["Indicators"], ["Budget"]], 1)
    assert [c.role for c in areas.columns] == ["goal", "indicator", "budget"]


def test_a_rule_between_two_lines_of_one_measure_does_not_split_it(tmp_path):
    # Burkina Faso's Table 12 (p62-67) boxes each line of its measures: a measure wrapped over two
    # lines sits in two ruled rows, its second line running on in lower case, nothing beside it.
    body = getSampleStyleSheet()["BodyText"]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in ("Objectives", "Adaptation measures", "Term")],
            ["Protect the farming systems", "Apply water and soil conservation methods (stone barriers, small dikes,",
             "Short-term"],
            ["", "agroforestry, dune fixing etc.)", ""],
            ["", "Promote sustainable land management", "Medium-term"],
            ["", "Ensure stakeholders take account of climate change in development planning by", "Medium-term"],
            ["", "improving their skills", ""],
            ["", "Introduce agricultural insurance", "Long-term"]]
    table = Table(rows, colWidths=[150, 420, 90])
    # No padding: the lines of a measure keep their spacing across the rule, as they do there.
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, 1), (-1, -1), 0)]))
    path = tmp_path / "measures.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("National Adaptation Plan of Tamora", body),
                                                     Spacer(1, 12), table])
    lf = extract_file(path)
    acts = [(a.text, a.timeline) for g in lf.goals for o in g.outputs for a in o.activities]
    assert acts == [
        ("Apply water and soil conservation methods (stone barriers, small dikes, agroforestry, dune fixing etc.)",
         "Short-term"),
        ("Promote sustainable land management", "Medium-term"),
        ("Ensure stakeholders take account of climate change in development planning by improving their skills",
         "Medium-term"),
        ("Introduce agricultural insurance", "Long-term")], acts


def test_a_heading_among_the_measures_groups_those_below_it(tmp_path):
    # Burkina Faso's Table 12 (p67): "Meningitis:" and "Malaria:" head the measures of the public
    # health objective, alone in their rows of the measures' column.
    body = getSampleStyleSheet()["BodyText"]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in ("Objectives", "Measures", "Term")],
            ["Protect and improve public health", "Meningitis:", ""],
            ["", "Carry out vaccinations before the first cases are reported", "Short-term"],
            ["", "Step up public awareness raising campaigns", "Medium-term"],
            ["", "Malaria:", ""],
            ["", "Provide proper treatment in all cases of simple malaria", "Short-term"]]
    table = Table(rows, colWidths=[150, 420, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "headings.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("National Adaptation Plan of Tamora", body),
                                                     Spacer(1, 12), table])
    lf = extract_file(path)
    got = [(g.text, o.text, [a.text for a in o.activities]) for g in lf.goals for o in g.outputs]
    assert got == [
        ("Protect and improve public health", "Meningitis",
         ["Carry out vaccinations before the first cases are reported", "Step up public awareness raising campaigns"]),
        ("Protect and improve public health", "Malaria", ["Provide proper treatment in all cases of simple malaria"])], got


def test_overlapping_cells_give_their_words_once():
    # Burkina Faso p67: the objective's cell spans three slivers and a cell of one of them holds the
    # same first line again.
    from extractors.columns import Column, Header
    from extractors.logframe import _row_to_logical

    header = Header(columns=[Column(0, 10, 110, None, ""), Column(1, 110, 210, "goal", "Objectives"),
                             Column(2, 210, 310, None, "")], rows=1)
    whole = _one_cell_row(0, 3, "Protect and improve public").cells[0]
    whole.lines.append(_one_cell_row(0, 3, "health").cells[0].lines[0])
    whole.lines[1].words[:] = [w._replace(top=112, bottom=122) for w in whole.lines[1].words]
    again = _one_cell_row(0, 1, "Protect and improve public").cells[0]
    again.col = 1
    row = Row(None, [whole, again], whole.bbox)  # type: ignore[arg-type]
    lr = _row_to_logical(row, header, "ruled_table")
    assert [ln.text for ln in lr.cells[1]] == ["Protect and improve public", "health"]
