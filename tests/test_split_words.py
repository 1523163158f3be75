"""Words the text layer cut in pieces without a space between them ("STREN GTHEN", "augmen ter")
are joined when the document prints the whole word elsewhere and a piece is no word of it; two
words set tight ("of the") stay two."""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pipeline.extract import parse, remove_furniture
from pipeline.pdf.reader import read_pdf
from pipeline.pdf.split_words import join_split_words

BODY = ("The plan will strengthen public communication on adaptation and strengthen the outreach of "
        "the ministries, so that communities learn of the adaptation measures.")


def _pieces(c: canvas.Canvas, x: float, y: float, pieces: list[str], gap: float, size: float = 10) -> float:
    """Draw ``pieces`` one after the other, ``gap`` points apart and no space character between
    them: how a text layer prints a word it cut (or two words set tight); the x after them."""
    for piece in pieces:
        c.drawString(x, y, piece)
        x += stringWidth(piece, "Helvetica", size) + gap
    return x


def _plan(path: Path) -> None:
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 10)
    y = 780
    for line in textwrap.wrap(BODY, 80):  # the body prints the words whole
        c.drawString(72, y, line)
        y -= 14
    # A heading cut inside its words, 1 pt apart (a word space is about 2.8 pt at this size).
    x = _pieces(c, 72, 700, ["STREN", "GTHEN"], 1.0)
    _pieces(c, x + 2.8, 700, ["PUBLIC"], 1.0)
    _pieces(c, 72, 688, ["ADA", "P", "TA", "TI", "ON"], 1.0)  # its second line
    # Two words of the document set as tight: not one word.
    _pieces(c, 72, 660, ["learn", "of", "the", "measures"], 1.0)
    c.save()


def test_pieces_of_a_word_printed_whole_elsewhere_are_joined(tmp_path):
    path = tmp_path / "plan.pdf"
    _plan(path)
    pdf = read_pdf(path, triage=False)
    assert "STREN GTHEN" in pdf.pages[0].text()  # what the text layer gives
    assert join_split_words(pdf.pages) == 2
    text = pdf.pages[0].text()
    assert "STRENGTHEN PUBLIC\nADAPTATION\n" in text
    assert "learn of the measures" in text


def test_extraction_reads_the_pages_with_the_words_joined(tmp_path):
    path = tmp_path / "plan.pdf"
    _plan(path)
    pdf = parse(path)
    remove_furniture(pdf)
    assert "STRENGTHEN PUBLIC\nADAPTATION\n" in pdf.pages[0].text()


def test_a_word_counts_whole_in_any_printed_form_and_never_beside_its_pieces():
    """'Adaptation,' and 'adaptation' are one word of the document; a piece next to another piece
    it may be cut from ('ADA' 'P') does not count."""
    from pipeline.pdf.model import PageLayout, Word
    from pipeline.pdf.split_words import document_words

    def word(text: str, x0: float, top: float = 100.0) -> Word:
        return Word(text, x0, top, x0 + 6.0 * len(text), top + 10.0, 10.0, False)

    page = PageLayout(1, 600.0, 800.0, [
        word("Adaptation,", 10.0), word("adaptation", 90.0), word("ADAPTATION", 170.0),
        word("ADA", 10.0, 200.0), word("P", 29.0, 200.0), word("TA", 36.0, 200.0),  # 1 pt apart: cut
        word("of", 10.0, 300.0), word("the", 25.0, 300.0),  # 3 pt apart: a word space
    ], [])
    counted = document_words([page])
    assert counted["adaptation"] == 3 and counted["of"] == counted["the"] == 1
    assert "ada" not in counted and "p" not in counted and "ta" not in counted
