"""Page triage by layout (pipeline/pdf/triage.py ``looks_like_table``): a results table whose header
words naplog does not know is still read in full, so that the table extractors see its rules and
read its columns from what they hold (extractors/content_roles.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pipeline.extract import extract_file
from pipeline.pdf.triage import is_table_header, triage_pdf

# Header words no vocabulary holds, as the ablation benchmark writes them.
HEADER = ["Oqzkoxk", "Vxkzzvk", "Zqwojkx", "Kxqvo"]
ROWS = [
    ("Strengthen the early warning system for floods in the river basins",
     "Ministry of Environment", "2024-2026"),
    ("Train community health workers in the prevention of vector borne diseases",
     "Ministry of Health", "2024-2025"),
    ("Rehabilitate village boreholes in the drought prone districts",
     "Ministry of Water Resources", "2025-2027"),
    ("Develop drought tolerant seed varieties with farmer organisations",
     "National Agricultural Research Institute", "2024-2028"),
    ("Build small dams for irrigation in the northern districts",
     "Ministry of Agriculture", "2026-2028"),
    ("Establish a climate information service for fishing communities",
     "Meteorological Department", "2025-2026"),
]
PROSE = ("This chapter sets out what the government will do over the period of the plan. The actions "
         "below were chosen with the sectors and the communities concerned, and each names the body "
         "that leads it and the years in which it is carried out.")


def _after_prose(path: Path, caption: str, table: Table) -> None:
    """Two pages of prose (triage reads the first two in full as the cover), then ``table`` under
    its ``caption``."""
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list = [Paragraph("National Adaptation Plan of Tamora 2024-2028", styles["Title"]), Spacer(1, 12),
                   Paragraph(PROSE, body), PageBreak(), Paragraph(PROSE, body), Paragraph(PROSE, body), PageBreak()]
    story += [Paragraph(caption, styles["Heading2"]), table]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def _plan(path: Path, header: list[str] = HEADER) -> None:
    """A ruled results table under made-up header words, after two pages of prose: numbered
    actions, the body that leads each, the years."""
    body = getSampleStyleSheet()["BodyText"]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in header]]
    rows += [[Paragraph(f"{i}", body), Paragraph(action, body), Paragraph(lead, body), Paragraph(years, body)]
             for i, (action, lead, years) in enumerate(ROWS, 1)]
    table = Table(rows, colWidths=[40, 380, 200, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _after_prose(path, "Table 3. Qvoqvo", table)


def test_a_results_table_of_unknown_header_words_is_read_in_full(tmp_path):
    path = tmp_path / "plan.pdf"
    _plan(path)
    surveys, _ = triage_pdf(path)
    assert len(surveys) == 3
    table_page = surveys[2]
    # No header word is known (a column of years names one role): only the layout says "table".
    assert not is_table_header(table_page.header_roles)
    assert (table_page.full, table_page.reason) == (True, "table layout")


def test_a_column_of_row_numbers_says_nothing_of_what_a_table_is(tmp_path):
    path = tmp_path / "plan.pdf"
    # The years in the body name a role by chance, a header word numbers the rows: still one role
    # that says what the table is, too few to judge it by; its layout decides.
    _plan(path, ["No.", "Oqzkoxk", "Zqwojkx", "Kxqvo"])
    surveys, _ = triage_pdf(path)
    assert surveys[2].header_roles == {"code", "year"}
    assert (surveys[2].full, surveys[2].reason) == (True, "table layout")


def test_a_results_table_of_unknown_header_words_gives_its_records(tmp_path):
    path = tmp_path / "plan.pdf"
    _plan(path)
    lf = extract_file(path)
    activities = [a for g in lf.goals for o in g.outputs for a in o.activities]
    texts = {a.text.casefold() for a in activities if a.text}
    assert {action.casefold() for action, _, _ in ROWS} <= texts, sorted(texts)
    leads = {i.name.casefold() for a in activities for i in a.institutions}
    assert {lead.casefold() for _, lead, _ in ROWS} <= leads, sorted(leads)


OPTIONS = [("1. Water for farming in the dry season", [
    "Build small dams and water retention works for irrigation in the northern districts exposed to drought",
    "Rehabilitate village boreholes and protect the water points used by women and herders",
    "Train water user committees in the maintenance of pumps and the sharing of water between uses",
    "Promote drip irrigation in market gardens run by women's groups",
    "Install rain gauges in every district and publish the readings each week"]),
    ("2. Resilient fisheries", [
        "Set up community fish reserves in the lagoons and protect the mangroves around them",
        "Promote fish farming in ponds with species tolerant of warmer water and of low oxygen",
        "Map the landing sites exposed to floods and move the most exposed to safer ground",
        "Train fishers' cooperatives to read the marine weather bulletins",
        "Build cold stores at the main landing sites to cut losses in the heat"])]


def _titles_beside_lists(path: Path, widths: tuple[float, float] = (330, 390), glyph: str = "•") -> None:
    """A two-column table (made-up header words) after two pages of prose: titles beside bulleted
    lists of measures, ruled only around its header and between its rows."""
    body = getSampleStyleSheet()["BodyText"]
    rows = [[Paragraph("<b>Oqzkoxk</b>", body), Paragraph("<b>Vxkzzvk</b>", body)]]
    rows += [[Paragraph(f"<b>{title}</b>", body), [Paragraph(f"{glyph} {m}", body) for m in measures]]
             for title, measures in OPTIONS]
    table = Table(rows, colWidths=list(widths))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, 0), 1, colors.black),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _after_prose(path, "Table 14. Qvoqvo kzw xoqv", table)


# (A narrow column of titles, as a card's labels are, and items opened by a dash are lists too.)
@pytest.mark.parametrize(("widths", "glyph"), [((330, 390), "•"), ((130, 590), "•"), ((330, 390), "–")])
def test_titles_beside_lists_in_two_columns_are_read_in_full(tmp_path, widths, glyph):
    path = tmp_path / "two_columns.pdf"
    _titles_beside_lists(path, widths, glyph)
    surveys, _ = triage_pdf(path)
    # Two columns only, no grid counted: the layout of titles beside lists says "table".
    assert (surveys[2].full, surveys[2].reason) == (True, "titles beside lists")


def test_titles_beside_lists_give_their_measures(tmp_path):
    path = tmp_path / "two_columns.pdf"
    _titles_beside_lists(path)
    lf = extract_file(path)
    activities = {a.text for g in lf.goals for o in g.outputs for a in o.activities}
    assert {m for _, measures in OPTIONS for m in measures} <= activities, sorted(activities)


def test_two_columns_of_prose_with_a_list_are_no_table(tmp_path):
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    path = tmp_path / "prose.pdf"
    story: list = [Paragraph("National Adaptation Plan of Tamora 2024-2028", styles["Title"]), PageBreak(),
                   PageBreak()]
    left = [Paragraph(PROSE, body) for _ in range(3)]
    right = [Paragraph(PROSE, body), *[Paragraph(f"• {m}", body) for m in OPTIONS[0][1]]]
    story.append(Table([[left, right]], colWidths=[360, 360], style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    surveys, _ = triage_pdf(path)
    assert not surveys[-1].lists_beside and not surveys[-1].full


def test_titles_heading_lists_under_a_caption_are_the_goals(tmp_path):
    path = tmp_path / "two_columns.pdf"
    _titles_beside_lists(path)
    lf = extract_file(path)
    # The titles head the lists beside them (their role from their cells, the header's words being
    # unknown) and nothing above names a goal: they are the goals, the caption their pillar.
    assert [(g.text, g.pillar) for g in lf.goals] == [(title.split(". ", 1)[1], "Qvoqvo kzw xoqv")
                                                      for title, _ in OPTIONS]


SECTORS = [("Agriculture", ["Restore the fertility of degraded soils",
                            "Improve farmers' access to drought tolerant seed varieties",
                            "Develop early warning systems for the farming season"]),
           ("Energy", ["Reduce the impact of climate change on the energy sector",
                       "Provide a sustainable supply of cooking energy"])]


def _objectives_by_sector(path: Path, header: tuple[str, str] = ("Oqzkoxkvzq kxqvo", "Vxkzzvk zqwojkx")) -> None:
    """A two-column ruled table (made-up header words unless told), after two pages of prose: a
    shaded row per sector, then its specific objectives numbered "SO 1:", "SO 2:" in the second
    column."""
    body = getSampleStyleSheet()["BodyText"]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in header]]
    shaded = []
    for sector, objectives in SECTORS:
        shaded.append(len(rows))
        rows.append([Paragraph(f"<b>{sector}</b>", body), ""])
        rows += [["", Paragraph(f"SO {i}: {text}", body)] for i, text in enumerate(objectives, 1)]
    table = Table(rows, colWidths=[160, 560])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *[("BACKGROUND", (0, r), (-1, r), colors.lightblue) for r in shaded]]))
    _after_prose(path, "Table 2. Qvoqvo", table)


def test_numbered_levels_over_a_grid_are_read_in_full(tmp_path):
    path = tmp_path / "sectors.pdf"
    _objectives_by_sector(path)
    surveys, _ = triage_pdf(path)
    # Two columns, no header word known, no list: only the entries' own labels ("SO 1:") say what
    # the table holds.
    assert not is_table_header(surveys[2].header_roles)
    assert (surveys[2].full, surveys[2].reason) == (True, "labelled levels")


def test_numbered_levels_in_prose_are_not_read_in_full(tmp_path):
    styles = getSampleStyleSheet()
    path = tmp_path / "prose.pdf"
    story: list = [Paragraph("National Adaptation Plan of Tamora 2024-2028", styles["Title"]), PageBreak(),
                   PageBreak(), Paragraph(PROSE, styles["BodyText"])]
    story += [Paragraph(f"SO {i}: {text}", styles["BodyText"]) for i, text in enumerate(SECTORS[0][1], 1)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    surveys, _ = triage_pdf(path)
    assert surveys[-1].labelled == 3 and not surveys[-1].full


def test_numbered_levels_by_sector_give_their_objectives(tmp_path):
    path = tmp_path / "sectors.pdf"
    # Burkina Faso's summary of its action plans (p12-13, p103-104) heads its sectors so.
    _objectives_by_sector(path, ("Development sector", "Specific objectives of the action plan"))
    lf = extract_file(path)
    # Each "SO n:" is a goal, its label off its text; the sector rows are pillars, no goals.
    got = [(g.code, g.text) for g in lf.goals if g.text]
    assert got == [(str(i), text) for _, objectives in SECTORS for i, text in enumerate(objectives, 1)], got
