"""Page furniture found by repetition and position, on documents written here with reportlab: what
is taken off (running titles, page numbers in any numbering) and what is not (a table's column
headings repeated at the top of each of its pages)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
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


ROMAN = ["i", "ii", "iii", "iv", "v", "vi"]
BODY = ["Foreword by the Minister of Environment.", "Acknowledgements to the drafting team.",
        "Table of contents of the plan.", "List of tables and figures.", "List of abbreviations used.",
        "Executive summary of the plan."]


def _front_matter(path: Path) -> None:
    """Six pages of front matter: a running title at the foot of each with the page's number in
    roman numerals beside it, set 12 pt lower on the last two pages (another page layout)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, numeral in enumerate(ROMAN):
        c.setFont("Helvetica", 11)
        c.drawString(72, 500, BODY[n])
        c.setFont("Helvetica", 9)
        y = 40 if n < 4 else 28
        c.drawString(72, y, "National Adaptation Plan of Tamora")
        c.drawRightString(523, y, numeral.upper())
        c.showPage()
    c.save()


def test_roman_page_numbers_and_a_running_title_that_moves_are_taken_off(tmp_path):
    path = tmp_path / "front.pdf"
    _front_matter(path)
    pdf = read_pdf(path, triage=False)
    strip_running_text(pdf.pages)
    for n, page in enumerate(pdf.pages):
        lines = page.text().splitlines()
        assert lines, n
        assert lines == [BODY[n]]


def test_words_set_outside_the_page_are_not_read(tmp_path):
    # A second copy of the page number beyond the page's right edge, at the height of a list item:
    # nobody sees it, and read with the item it became "... international NGOs. 121".
    path = tmp_path / "offpage.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 500, "to private foundations and international NGOs.")
    c.drawString(A4[0] + 170, 500, "121")
    c.showPage()
    c.save()
    pdf = read_pdf(path, triage=False)
    assert pdf.pages[0].text() == "to private foundations and international NGOs."
