"""How a progress report is read, on a report written here with reportlab: a ruled table that runs
onto the next page without its header, section rows, columns of categories and of years, figures
in sentences (and numbers that are not figures), list headings in other words, a chart; and the
pieces underneath (tables.tidy, the furniture rule, report metadata)."""

from __future__ import annotations

import pytest

from extractors.metadata import (
    detect_report_kind,
    detect_report_period,
    reported_generation,
    reported_plan_period,
)
from extractors.report_text import figures_in
from extractors.tables import Cell, Grid, Row, tidy
from pipeline.extract import extract_file
from pipeline.pdf.furniture import strip_running_text
from pipeline.pdf.model import Line, PageLayout, Word
from pipeline.records import Logframe

W, H = 595, 842
ARMY = [("Generals", "2", "48", "50", "4"), ("Colonels", "9", "683", "692", "1,3"), ("Majors", "73", "5 214", "5 287", "1,4"),
        ("Captains", "120", "3 100", "3 220", "3,7"), ("Lieutenants", "210", "4 020", "4 230", "5"),
        ("Sergeants", "681", "31 422", "32 103", "2,1"), ("Corporals", "632", "31 422", "32 054", "2"),
        ("Privates", "1 698", "58 355", "60 053", "2,8")]
POLICE = [("Commissioners", "5", "52", "57", "8,8"), ("Inspectors", "13", "242", "255", "5,1"),
          ("Agents", "611", "2 367", "2 978", "20,5")]
PROVINCES = [("North", "3", "5", "8"), ("South", "1", "2", "6"), ("East", "0", "4", "7")]


def _ruled_rows(c, x: float, top: float, widths: list[float], rows: list, height: float = 18) -> float:  # noqa: ANN001
    """Rows of a ruled table from ``top`` (distance from the page's top) down; a row of one text is a
    section row across the table. Returns where the table ends."""
    y = H - top
    right = x + sum(widths)
    for row in rows:
        c.line(x, y, right, y)
        if isinstance(row, str):
            c.setFont("Helvetica-Bold", 9)
            c.drawString(x + 4, y - 13, row)
            c.line(x, y, x, y - height)
            c.line(right, y, right, y - height)
        else:
            c.setFont("Helvetica", 9)
            edge = x
            for k, (text, w) in enumerate(zip(row, widths)):
                c.line(edge, y, edge, y - height)
                if k == 0:
                    c.drawString(edge + 4, y - 13, text)
                else:
                    c.drawRightString(edge + w - 4, y - 13, text)
                edge += w
            c.line(right, y, right, y - height)
        y -= height
    c.line(x, y, right, y)
    return H - y


def _text(c, x: float, top: float, lines: list[str], size: float = 10, bold: bool = False) -> float:  # noqa: ANN001
    c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
    for line in lines:
        c.drawString(x, H - top, line)
        top += size * 1.35
    return top


def build_report(path) -> None:  # noqa: ANN001
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    widths = [170, 70, 70, 70, 70]
    # Page 1: the cover block, then a table running to the foot of the page.
    top = _text(c, 60, 60, ["Republic of Tamora"], 14, True)
    top = _text(c, 60, top + 4, ["Annual progress report 2023"], 16, True)
    top = _text(c, 60, top + 4, ["on the National Action Plan on Women, Peace and Security 2021-2025"], 11, True)
    top = _text(c, 60, top + 14, ["Women in the security sector grew in number in every service this year."])
    top = _text(c, 60, top + 10, ["Table 1: Women in the security sector"], 10, True)
    header = ("Function", "Women", "Men", "Total", "% women")
    reserve = [(f"Reserve unit {k}", str(k), str(10 * k), str(11 * k), "9,1") for k in range(1, 25)]
    end = _ruled_rows(c, 60, top, widths, [header, "Army", *ARMY, *reserve])
    assert end > H - 80, "the table must run to the foot of the page"
    c.showPage()
    # Page 2: the table goes on without its header, then its source; a table of years; sentences.
    end = _ruled_rows(c, 60, 50, widths, ["Police", *POLICE])
    top = _text(c, 60, end + 14, ["Source: Ministry of Defence, 2023"])
    top = _text(c, 60, top + 14, ["Table 2: Women candidates by province"], 10, True)
    end = _ruled_rows(c, 60, top, [170, 70, 70, 70], [("Province", "2019", "2021", "2023"), *PROVINCES])
    top = _text(c, 60, end + 24, [
        "Women represent 12 % of justices of the peace and 8 % of court clerks. About 400 women were",
        "trained as mediators in 2022. Law n°15/013 of 1 August 2015 and its article 14 implement",
        "Resolution 1325 in the 2nd generation plan.",
    ])
    top = _text(c, 60, top + 14, ["Difficulties encountered"], 12, True)
    top = _text(c, 70, top + 4, ["\u2022 Budgets arrived late in both years.", "\u2022 Staff turnover delayed reporting."])
    top = _text(c, 60, top + 14, ["Way forward"], 12, True)
    top = _text(c, 70, top + 4, ["1. Allocate a budget line to the plan.", "2. Train focal points in every ministry."])
    # A bar chart: numbers over bars, categories under them, no sentence.
    top = _text(c, 60, top + 20, ["Figure 1: Women trained per region"], 10, True)
    base = H - top - 120
    for k, (name, value) in enumerate((("North", 317), ("South", 139), ("East", 287))):
        x = 90 + 110 * k
        c.rect(x, base, 40, value / 4, fill=1)
        c.setFont("Helvetica", 8)
        c.drawString(x + 8, base + value / 4 + 4, str(value))
        c.drawString(x + 6, base - 12, name)
    c.save()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Logframe:
    path = tmp_path_factory.mktemp("report") / "tamora_report_2023.pdf"
    build_report(path)
    return extract_file(path)


def test_a_table_continued_without_its_header_is_read_to_its_end(report):
    p2 = [o for o in report.observations if o.page == 2 and o.table == "Table 1: Women in the security sector"]
    # The three police rows of page 2 are read with page 1's header, caption and columns.
    assert [(o.indicator, o.value, o.disaggregation.get("sex")) for o in p2[:4]] == [
        ("Commissioners", 5.0, "women"), ("Commissioners", 52.0, "men"), ("Commissioners", 57.0, "total"),
        ("Commissioners", 8.8, None)]
    assert len(p2) == 3 * 4
    # The source under the table's last part is the whole table's, and gives its period.
    table1 = [o for o in report.observations if o.table == "Table 1: Women in the security sector"]
    assert len(table1) == (len(ARMY) + 24 + len(POLICE)) * 4
    assert {(o.source, o.period) for o in table1} == {("Ministry of Defence, 2023", "2023")}


def test_section_rows_group_the_rows_under_them(report):
    sections = {o.indicator: o.disaggregation.get("section") for o in report.observations
                if o.table == "Table 1: Women in the security sector"}
    assert sections["Generals"] == sections["Privates"] == "Army"
    assert sections["Commissioners"] == sections["Agents"] == "Police"
    assert all(o.indicator not in ("Army", "Police") for o in report.observations)


def test_columns_of_categories_and_of_years(report):
    generals = [(o.value, o.unit, o.disaggregation) for o in report.observations if o.indicator == "Generals"]
    assert generals == [(2.0, "number", {"sex": "women", "section": "Army"}),
                        (48.0, "number", {"sex": "men", "section": "Army"}),
                        (50.0, "number", {"sex": "total", "section": "Army"}),
                        (4.0, "percentage", {"measure": "% women", "section": "Army"})]
    assert [o.value for o in report.observations if o.indicator == "Majors"][1] == 5214.0
    north = [(o.period, o.value) for o in report.observations if o.indicator == "North" and o.method != "narrative"]
    assert north == [("2019", 3.0), ("2021", 5.0), ("2023", 8.0)]


def test_figures_in_running_text_and_numbers_that_are_not(report):
    text = [(o.value, o.unit, o.disaggregation.get("sex"), o.period, o.indicator) for o in report.observations
            if o.method == "narrative"]
    assert [t[:4] for t in text] == [(12.0, "percentage", "women", None), (8.0, "percentage", "women", None),
                                     (400.0, "number", "women", "2022")]
    assert "justices of the peace" in text[0][4] and "court clerks" in text[1][4]
    assert "trained as mediators" in text[2][4]


@pytest.mark.parametrize("sentence, figures", [
    ("les femmes représentent 12 % des juges de paix et 8 % des greffiers", ["12 %", "8 %"]),
    ("about 400 women were trained as mediators", ["400"]),
    ("la loi n°15/013 du 1er août 2015, ses articles 14 et 15, la Résolution 1325", []),
    ("le Plan d'Action de 2ème génération, COVID-19, le 10e sommet, 2.3.1. Graphique n°4", []),
    ("Cassation : 41 hommes/2 femmes", ["41", "2"]),
    ("la femme représente 19, 3% des sièges, soit 5 femmes sur 108 en 2006", ["19, 3%", "5", "108"]),
    ("une première tranche de 65 millions de dollars", ["65 millions"]),
    ("(cid:127) Include a budget line", []),  # a glyph pdfplumber could not map
])
def test_what_is_a_figure(sentence, figures):
    assert [f.written for f in figures_in(sentence)] == figures


def test_lists_under_other_heading_words(report):
    assert [i.text for i in report.challenges] == ["Budgets arrived late in both years.",
                                                   "Staff turnover delayed reporting."]
    assert [i.text for i in report.recommendations] == ["Allocate a budget line to the plan.",
                                                        "Train focal points in every ministry."]


def test_a_chart_gives_no_observation(report):
    # 317, 139 and 287 stand over bars, "North" ... under them: no table, no sentence.
    assert not [o for o in report.observations if o.value in (317.0, 139.0, 287.0)]


def test_the_report_says_what_it_reports_on(report):
    d = report.document
    assert (d.kind, d.report_kind, d.country) == ("report", "annual report", "Tamora")
    assert (d.report_period.start, d.report_period.end) == (2023, 2023)
    assert (d.plan_period.start, d.plan_period.end) == (2021, 2025)


# ---- the pieces -----------------------------------------------------------------------------------

def _cell(page: PageLayout, col: int, span: int, box: tuple, text: str = "") -> Cell:
    words = [Word(t, box[0] + 2 + 12 * i, box[1] + 2, box[0] + 10 + 12 * i, box[1] + 10, 8.0, False)
             for i, t in enumerate(text.split())]
    return Cell(col=col, colspan=span, lines=[Line(words)] if words else [], bbox=box)


def test_tidy_joins_slivers_keeps_each_word_once_and_joins_rows_a_figure_spans():
    page = PageLayout(1, W, H, [], [])
    columns = [(0, 100), (100, 104), (104, 160), (160, 220)]
    twelve = _cell(page, 1, 2, (100, 20, 160, 30), "12")
    rows = [
        Row(page, [_cell(page, 0, 1, (0, 0, 100, 20), "Province"), _cell(page, 1, 2, (100, 0, 160, 20), "Women"),
                   _cell(page, 3, 1, (160, 0, 220, 20), "Men")], (0, 0, 220, 20)),
        # "12" is drawn in two overlapping cells (the same word in both); "1 040" spans this row and the next.
        Row(page, [_cell(page, 0, 1, (0, 20, 100, 30), "North"), twelve,
                   Cell(2, 1, twelve.lines, (104, 20, 160, 30)), _cell(page, 3, 1, (160, 20, 220, 40), "1 040")],
            (0, 20, 220, 30)),
        Row(page, [_cell(page, 0, 1, (0, 30, 100, 40), "Kivu")], (0, 30, 220, 40)),
        Row(page, [_cell(page, 0, 1, (0, 40, 100, 50)), _cell(page, 1, 2, (100, 40, 160, 50))], (0, 40, 220, 50)),
    ]
    grid = Grid(page, columns, rows, "ruled_table", (0, 0, 220, 50))

    def figure(cell: Cell) -> bool:
        return cell.raw_text.replace(" ", "").isdigit()

    tidied = tidy(grid, joins=figure)
    assert tidied.columns == [(0, 100), (100, 160), (160, 220)]  # the 4-point sliver joined its neighbour
    assert [[(c.col, c.raw_text.replace("\n", " / ")) for c in r.cells] for r in tidied.rows] == [
        [(0, "Province"), (1, "Women"), (2, "Men")],
        [(0, "North / Kivu"), (1, "12"), (2, "1 040")],  # one row, "12" once; the empty row dropped
    ]


def _margin_line(page: int, texts: list[tuple[float, str]]) -> PageLayout:
    words = [Word(t, x, 20, x + 20, 30, 9.0, False) for x, t in texts]
    words.append(Word("body", 60, 400, 90, 410, 9.0, False))
    return PageLayout(page, W, H, words, [])


def test_a_figure_of_a_table_row_at_a_page_number_place_is_kept():
    # Page 2's table row starts at the top margin with "632" where page 1 prints a page number ("1").
    pages = [_margin_line(1, [(300, "1")]), _margin_line(2, [(60, "Corporals"), (240, "31422"), (300, "632"),
                                                              (360, "32054")])]
    strip_running_text(pages)
    assert "632" in [w.text for w in pages[1].words]
    assert "1" not in [w.text for w in pages[0].words]


def test_report_metadata_from_its_title_and_cover():
    title = "RAPPORT PAYS DE 20 ANS DE LA MISE EN OEUVRE DE LA RESOLUTION 1325"
    assert detect_report_kind(title) == "country report"
    assert reported_generation("RAPPORT PAYS DE LA MISE EN ŒUVRE DU PLAN D'ACTION NATIONAL DE IIème GENERATION",
                               "") == 2
    assert reported_plan_period("Le PAN 1325 de 2010 – 2017 avait focalisé ses actions") .start == 2010
    cover = PageLayout(1, W, H, [Word("0ctobre", 60, 700, 100, 712, 12.0, True),
                                 Word("2020", 104, 700, 130, 712, 12.0, True)], [])
    period = detect_report_period(title, title, [cover])
    assert (period.start, period.end) == (2000, 2020)  # "20 ans" up to the year it is dated
