"""Ruled tables whose drawing adds boxes that are no cells: paragraph shading drawn a rectangle per
line inside the cells, a heading row with its own indicators, and a chronogram whose text columns
are ruled only by the year boxes beside them (layouts of the Madagascar NAP's tables 6 and 8)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.ruled import find_ruled_grids
from pipeline.extract import extract_file
from pipeline.pdf.reader import read_pdf

WIDTH, HEIGHT = A4[1], A4[0]  # landscape


def _rule(c: canvas.Canvas, x0: float, top: float, x1: float, bottom: float) -> None:
    """A border as Word draws it: a thin filled rectangle (top-down coordinates)."""
    c.setFillGray(0)
    c.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=0, fill=1)


def _grid(c: canvas.Canvas, xs: list[float], ys: list[float]) -> None:
    for y in ys:
        _rule(c, xs[0], y, xs[-1], y + 0.5)
    for x in xs:
        _rule(c, x, ys[0], x + 0.5, ys[-1])


def _shaded_lines(c: canvas.Canvas, x0: float, x1: float, top: float, lines: list[str], pad: float = 3) -> None:
    """A cell's lines, each on a grey rectangle of its own a little inside the cell's left border
    (``pad`` under its top rule), as Word shades a paragraph."""
    for i in range(len(lines)):
        c.setFillGray(0.85)
        c.rect(x0 + 4, HEIGHT - (top + pad + 12 * (i + 1)), x1 - x0 - 4.7, 12, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont("Helvetica", 9)
    for i, text in enumerate(lines):
        c.drawString(x0 + 5, HEIGHT - (top + pad + 9 + 12 * i), text)


def _shaded_table(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    xs, ys = [50, 250, 500, 700], [100, 125, 175, 225, 250]
    _grid(c, xs, ys)
    rows = [[["Objectives"], ["Activities"], ["Lead institution"]],
            [["Improve water security in", "the rural districts"], ["Build rainwater tanks in", "rural schools"],
             ["Ministry of Water"]],
            [["Protect coastal settlements", "from storm surges"], ["Restore mangroves along", "the eastern coast"],
             ["Ministry of Environment"]],
            # shaded from the cell's top rule to its bottom one: the shading's left side runs down the cell
            [["Secure food production in", "the drylands"], ["Introduce drought-tolerant", "seed varieties"],
             ["Ministry of Agriculture"]]]
    for r, row in enumerate(rows):
        for k, lines in enumerate(row):
            _shaded_lines(c, xs[k], xs[k + 1], ys[r], lines, pad=0.5 if r == 3 else 3)
    c.save()


def test_paragraph_shading_drawn_a_box_a_line_is_no_row_of_the_table(tmp_path):
    pdf = tmp_path / "shaded.pdf"
    _shaded_table(pdf)
    [grid] = find_ruled_grids(read_pdf(pdf).pages[0])
    texts = [[" ".join(ln.text for ln in c.lines) for c in r.text_cells()] for r in grid.rows]
    assert texts == [["Objectives", "Activities", "Lead institution"],
                     ["Improve water security in the rural districts", "Build rainwater tanks in rural schools",
                      "Ministry of Water"],
                     ["Protect coastal settlements from storm surges", "Restore mangroves along the eastern coast",
                      "Ministry of Environment"],
                     ["Secure food production in the drylands", "Introduce drought-tolerant seed varieties",
                      "Ministry of Agriculture"]]
    goals = extract_file(pdf).goals
    assert [(g.text, [a.text for o in g.outputs for a in o.activities]) for g in goals] == [
        ("Improve water security in the rural districts", ["Build rainwater tanks in rural schools"]),
        ("Protect coastal settlements from storm surges", ["Restore mangroves along the eastern coast"]),
        ("Secure food production in the drylands", ["Introduce drought-tolerant seed varieties"])]


def _text(c: canvas.Canvas, x: float, top: float, lines: list[str], size: float = 9) -> None:
    c.setFillGray(0)
    c.setFont("Helvetica", size)
    for i, line in enumerate(lines):
        c.drawString(x, HEIGHT - (top + size + 1 + (size + 3) * i), line)


def _measured_headings(path: Path) -> None:
    """Activities | Deadline | Lead institution | Indicators, each group of activities under a row
    merged across the first three columns, whose indicator sits in the indicators column."""
    c = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    xs, ys = [50, 260, 360, 500, 760], [90, 110, 140, 170, 200, 230, 260, 290]
    for y in ys:
        _rule(c, xs[0], y, xs[-1], y + 0.5)
    for x in xs:
        for top, bottom in zip(ys, ys[1:]):
            merged = x in xs[1:3] and top in (ys[1], ys[4])
            if not merged:
                _rule(c, x, top, x + 0.5, bottom)
    _text(c, 55, 93, ["Activities"])
    _text(c, 265, 93, ["Deadline"])
    _text(c, 365, 93, ["Lead institution"])
    _text(c, 505, 93, ["Indicators"])
    rows = [("Strengthen the national coordination of adaptation", None, None,
             "Share of ministries with an adaptation focal point"),
            ("Train the planning officers", "2022", "Ministry of Environment", "Number of officers trained"),
            ("Set up the adaptation database", "2023", "National Statistics Office", "Database online"),
            ("Finance the adaptation measures", None, None, "Volume of climate finance mobilised"),
            ("Budget the priority measures", "2022", "Ministry of Finance", "Share of measures budgeted"),
            ("Open a window for private finance", "2024", "Ministry of Finance", "Private funds mobilised")]
    for (activity, deadline, lead, indicator), top in zip(rows, ys[1:]):
        _text(c, 55, top + 4, [activity])
        if deadline:
            _text(c, 265, top + 4, [deadline])
            _text(c, 365, top + 4, [lead])
        _text(c, 505, top + 4, [indicator])
    c.save()


def test_a_heading_row_across_the_activities_keeps_its_own_indicators(tmp_path):
    pdf = tmp_path / "headings.pdf"
    _measured_headings(pdf)
    goals = extract_file(pdf).goals
    assert [(g.text, [i.text for i in g.indicators], [a.text for o in g.outputs for a in o.activities])
            for g in goals] == [
        ("Strengthen the national coordination of adaptation", ["Share of ministries with an adaptation focal point"],
         ["Train the planning officers", "Set up the adaptation database"]),
        ("Finance the adaptation measures", ["Volume of climate finance mobilised"],
         ["Budget the priority measures", "Open a window for private finance"])]


def _chronogram(path: Path) -> None:
    """Actions | Responsible body | 2021 ... 2024: a box for each year of each row, grey where the
    action runs, and no rule across the text columns between their rows; a blank line apart."""
    c = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    xs = [50, 330, 480, 530, 580, 630, 680]
    top, bottom, row = 100, 120, 34
    _rule(c, xs[0], top, xs[-1], top + 0.5)
    _rule(c, xs[0], bottom, xs[-1], bottom + 0.5)
    rows = [(["Build rainwater tanks in rural schools", "of the southern districts"], ["Ministry of Water"], (0, 2)),
            (["Restore mangroves along the coast"], ["Ministry of Environment,", "Forest Service"], (1, 4)),
            (["Introduce drought-tolerant seed", "varieties"], ["Ministry of Agriculture"], (2, 3))]
    end = bottom + row * len(rows)
    for x in xs:
        _rule(c, x, top, x + 0.5, end)
    _rule(c, xs[0], end, xs[-1], end + 0.5)
    _text(c, 55, top + 4, ["Actions"])
    _text(c, 335, top + 4, ["Responsible body"])
    for k, year in enumerate(("2021", "2022", "2023", "2024")):
        _text(c, xs[2 + k] + 5, top + 4, [year])
    for r, (action, body, (first, last)) in enumerate(rows):
        y = bottom + row * r
        for k in range(4):  # the year boxes of the row, shaded where the action runs
            c.setFillGray(0.6 if first <= k < last else 1.0)
            c.rect(xs[2 + k] + 0.5, HEIGHT - (y + row), 49.5, row - 0.5, stroke=1, fill=1)
        _text(c, 55, y + 4, action, size=8)
        _text(c, 335, y + 4, body, size=8)
    c.save()


def test_a_chronogram_ruled_only_by_its_year_boxes_reads_a_row_per_action(tmp_path):
    pdf = tmp_path / "chronogram.pdf"
    _chronogram(pdf)
    [grid] = find_ruled_grids(read_pdf(pdf).pages[0])
    firsts = [" ".join(ln.text for ln in r.text_cells()[0].lines) for r in grid.rows if r.text_cells()]
    assert firsts == ["Actions", "Build rainwater tanks in rural schools of the southern districts",
                      "Restore mangroves along the coast", "Introduce drought-tolerant seed varieties"]
    activities = [a for g in extract_file(pdf).goals for o in g.outputs for a in o.activities]
    assert [(a.text, [i.name for i in a.institutions]) for a in activities] == [
        ("Build rainwater tanks in rural schools of the southern districts", ["Ministry of Water"]),
        ("Restore mangroves along the coast", ["Ministry of Environment", "Forest Service"]),
        ("Introduce drought-tolerant seed varieties", ["Ministry of Agriculture"])]
