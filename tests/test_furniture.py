"""Page furniture found by repetition and position, on documents written here with reportlab: what
is taken off (running titles, page numbers in any numbering) and what is not (a table's column
headings repeated at the top of each of its pages)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.pdf.furniture import strip_running_text
from pipeline.pdf.reader import read_pdf

STYLE = getSampleStyleSheet()["BodyText"]


def _long_table(path: Path) -> None:
    """A table of measures over three pages, its heading row printed again at the top of each: the
    middle column's heading on a line of its own, between the two-line headings beside it."""
    head = [Paragraph("Indicative<br/>outputs", STYLE), Paragraph("Adaptation measures", STYLE),
            Paragraph("Alignment<br/>with the CCAP", STYLE)]
    rows = [head] + [[Paragraph(f"Output {n} delivered", STYLE),
                      Paragraph(f"Carry out adaptation measure number {n} in the coastal districts", STYLE),
                      Paragraph("Facilitation", STYLE)] for n in range(1, 61)]
    table = Table(rows, colWidths=[150, 220, 100], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]))
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=40).build([table])


def test_column_headings_repeated_at_the_top_of_a_tables_pages_are_not_running_text(tmp_path):
    path = tmp_path / "measures.pdf"
    _long_table(path)
    pdf = read_pdf(path, triage=False)
    assert len(pdf.pages) >= 3
    strip_running_text(pdf.pages)
    assert all("Adaptation measures" in p.text() for p in pdf.pages)
