"""Page triage by layout (pipeline/pdf/triage.py ``looks_like_table``): a results table whose header
words naplog does not know is still read in full, so that the table extractors see its rules and
read its columns from what they hold (extractors/content_roles.py)."""

from __future__ import annotations

from pathlib import Path

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


def _plan(path: Path) -> None:
    """Two pages of prose (triage reads the first two in full as the cover), then a page with a ruled
    results table under made-up header words: numbered actions, the body that leads each, the years."""
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list = [Paragraph("National Adaptation Plan of Tamora 2024-2028", styles["Title"]), Spacer(1, 12),
                   Paragraph(PROSE, body), PageBreak(), Paragraph(PROSE, body), Paragraph(PROSE, body), PageBreak()]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in HEADER]]
    rows += [[Paragraph(f"{i}", body), Paragraph(action, body), Paragraph(lead, body), Paragraph(years, body)]
             for i, (action, lead, years) in enumerate(ROWS, 1)]
    table = Table(rows, colWidths=[40, 380, 200, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Paragraph("Table 3. Qvoqvo", styles["Heading2"]), table]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def test_a_results_table_of_unknown_header_words_is_read_in_full(tmp_path):
    path = tmp_path / "plan.pdf"
    _plan(path)
    surveys, _ = triage_pdf(path)
    assert len(surveys) == 3
    table_page = surveys[2]
    # No header word is known (a column of years names one role): only the layout says "table".
    assert not is_table_header(table_page.header_roles)
    assert (table_page.full, table_page.reason) == (True, "table layout")


def test_a_results_table_of_unknown_header_words_gives_its_records(tmp_path):
    path = tmp_path / "plan.pdf"
    _plan(path)
    lf = extract_file(path)
    activities = [a for g in lf.goals for o in g.outputs for a in o.activities]
    texts = {a.text.casefold() for a in activities if a.text}
    assert {action.casefold() for action, _, _ in ROWS} <= texts, sorted(texts)
    leads = {i.name.casefold() for a in activities for i in a.institutions}
    assert {lead.casefold() for _, lead, _ in ROWS} <= leads, sorted(leads)
