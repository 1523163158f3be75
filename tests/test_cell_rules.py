"""Rules for what is inside cells: institution lists, item splitting, text repair, values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.cells import Vocabulary, join_lines, split_items, strip_marker
from extractors.institutions.rules import split_names
from extractors.values import parse_budget, years_in
from pipeline.pdf.model import Line, Word


@pytest.mark.parametrize("cell, names", [
    ("SEI, MAE & CSOs", ["SEI", "MAE", "CSOs"]),
    ("Ministries of Interior, Justice and Defence", ["Ministry of Interior", "Ministry of Justice", "Ministry of Defence"]),
    ("MoWA, PNTL, CSOs and development partners", ["MoWA", "PNTL", "CSOs", "development partners"]),
    ("Ministerios del Interior y de Justicia", ["Ministerio del Interior", "Ministerio de Justicia"]),
    ("Ministérios do Interior e da Justiça", ["Ministério do Interior", "Ministério da Justiça"]),
    ("Ministerios del Interior y de Justicia, Fiscalía General",
     ["Ministerio del Interior", "Ministerio de Justicia", "Fiscalía General"]),
    ("Ministry of Gender, Children and Social Protection", ["Ministry of Gender, Children and Social Protection"]),
    ("Ministry of Planning (MINP), Ministry of Rural\nDevelopment (MINIDER)",
     ["Ministry of Planning (MINP)", "Ministry of Rural Development (MINIDER)"]),
    ("ID\nMASL\nCC&CRMD\nAFoU/SFoU", ["ID", "MASL", "CC&CRMD", "AFoU", "SFoU"]),
    ("DDD, MINAT\nMINPE", ["DDD", "MINAT", "MINPE"]),
    ("National Seed Service (SENASEM,\nDIAF, MINPE", ["National Seed Service (SENASEM)", "DIAF", "MINPE"]),
    ("Ministère de l'environnement/CN-\nClimat", ["Ministère de l'environnement", "CN-Climat"]),
    ("PNUD, Barreau et cliniques juridiques", ["PNUD", "Barreau", "cliniques juridiques"]),
    ("County ICT and Communication Office", ["County ICT and Communication Office"]),
    ("Ministry of Justice and Human Rights Commission", ["Ministry of Justice", "Human Rights Commission"]),
    ("Kestria National\nPolice, Ministry of Interior", ["Kestria National Police", "Ministry of Interior"]),
    # A collective name with its members in brackets (Cameroon's project sheets, p96): the members.
    ("Ministères sectoriels (MINADER, MINEPAT, MINEE), secteur privé (SODECOTON, SEMRY, etc.)",
     ["MINADER", "MINEPAT", "MINEE", "SODECOTON", "SEMRY"]),
    ("National Disaster Management Authority (NDMA), UN agencies (UNDP and FAO)",
     ["National Disaster Management Authority (NDMA)", "UNDP", "FAO"]),
    ("Ministry of Water (Directorate of Hydrology)", ["Ministry of Water (Directorate of Hydrology)"]),
])
def test_institution_lists_are_split(cell, names):
    assert split_names(cell) == names


def _lines(*rows: tuple[str, float, float]) -> list[Line]:
    """Lines of text at (x0, top), 10pt high, words laid out 5pt per character."""
    lines = []
    for text, x0, top in rows:
        words, x = [], x0
        for token in text.split():
            words.append(Word(token, x, top, x + 5 * len(token), top + 10, 10.0, False))
            x += 5 * len(token) + 3
        lines.append(Line(words))
    return lines


def test_wrapped_sentence_stays_one_item():
    lines = _lines(("Develop the capacity of the Government institutions to", 0, 0),
                   ("integrate WPS agenda in legislation.", 0, 12))
    assert [i.text for i in split_items(lines)] == [
        "Develop the capacity of the Government institutions to integrate WPS agenda in legislation."]


def test_bullets_numbering_and_new_sentences_split():
    lines = _lines(("• # of women trained", 0, 0), ("• % of women elected", 0, 12),
                   ("1.1.2. Undertake advocacy.", 0, 24), ("Number of laws reviewed", 0, 36))
    items = split_items(lines)
    assert [(i.code, i.text) for i in items] == [
        (None, "# of women trained"), (None, "% of women elected"), ("1.1.2", "Undertake advocacy."),
        (None, "Number of laws reviewed")]


def test_indented_sub_bullets_stay_in_their_item():
    lines = _lines(("• Increase the canopy cover in", 0, 0), ("– irrigation reservoirs", 15, 12),
                   ("– water supply reservoirs", 15, 24), ("• Promote conservation farming", 0, 36))
    assert [i.text for i in split_items(lines)] == [
        "Increase the canopy cover in irrigation reservoirs water supply reservoirs", "Promote conservation farming"]


def test_number_inside_a_sentence_is_not_a_code():
    lines = _lines(("Intégrer le PNA initial ou le PNA", 0, 0), ("2 (s'il est déjà prêt) au programme", 0, 12))
    assert len(split_items(lines)) == 1


def test_hyphenation_uses_the_documents_words():
    vocab = Vocabulary(["governance is key", "decision-making processes"])
    assert join_lines(["good gover-", "nance"], vocab) == "good governance"
    assert join_lines(["in decision-", "making"], vocab) == "in decision-making"
    assert join_lines(["CN-", "Climat"]) == "CN-Climat"


def test_markers_and_codes():
    assert strip_marker("BI.8. Manage the database") == ("BI.8", "Manage the database")
    assert strip_marker("A. Improvement of watershed") == ("A", "Improvement of watershed")
    assert strip_marker("b) Revisar los reglamentos") == (None, "Revisar los reglamentos")
    assert strip_marker("(cid:127) regulations reviewed") == (None, "regulations reviewed")


@pytest.mark.parametrize("text, amount, currency", [
    ("150.000", 150000.0, "USD"), ("USD 75.000", 75000.0, "USD"), ("25 000 000", 25000000.0, "USD"),
    ("1,5 million", 1500000.0, "USD"), ("USD 20,000", 20000.0, "USD"), ("45.000.000,00", 45000000.0, "USD"),
    ("À déterminer", None, "USD"),
])
def test_budgets(text, amount, currency):
    budget = parse_budget(text, header_currency="USD")
    assert (budget.amount, budget.currency, budget.as_written) == (amount, currency, text)


def test_years_from_periods():
    assert years_in("2025-2027") == [2025, 2026, 2027]
    assert years_in("2024/25") == [2024, 2025]
    assert years_in("Contínuo") == []


def test_word_index_finds_what_words_in_finds():
    """``WordIndex.within`` is ``words_in`` for many boxes: same words, same order."""
    import random

    from pipeline.pdf.lines import WordIndex, words_in

    rng = random.Random(7)
    words = []
    for i in range(400):
        x, y = rng.uniform(0, 500), rng.uniform(0, 700)
        words.append(Word(f"w{i}", x, y, x + rng.uniform(2, 40), y + rng.uniform(6, 12), 9.0, False))
    index = WordIndex(words)
    for _ in range(200):
        x0, top = rng.uniform(-10, 480), rng.uniform(-10, 680)
        box = (x0, top, x0 + rng.uniform(0, 120), top + rng.uniform(0, 60))
        for pad in (0.0, 0.5, 1.0):
            assert index.within(box, pad=pad) == words_in(words, box, pad=pad)


def test_lines_group_words_by_baseline_and_compute_their_box_once():
    """``group_lines``: words within 0.45 font size of a line's first word join it (looking back three
    lines), lines come top to bottom and words left to right; a line's text and box are computed
    on first read and kept."""
    from pipeline.pdf.lines import group_lines

    words = [
        Word("right", 300, 100.5, 330, 110.5, 10.0, False),  # same line as "left", written first
        Word("left", 50, 100, 80, 110, 10.0, False),
        Word("second", 50, 115, 90, 125, 10.0, False),
        Word("sub", 95, 118, 110, 124, 6.0, False),  # small type, bottom within tolerance of "second"
        Word("third", 50, 140, 80, 150, 10.0, False),
    ]
    lines = group_lines(words)
    assert [ln.text for ln in lines] == ["left right", "second sub", "third"]
    first = lines[0]
    assert (first.x0, first.top, first.x1, first.bottom) == (50, 100, 330, 110.5)
    first.words.append(Word("late", 400, 100, 420, 110, 10.0, False))
    assert first.text == "left right" and first.x1 == 330  # kept from the first read
    assert "text" in vars(first)


def test_lines_are_grouped_as_the_plain_rule_groups_them():
    """``group_lines`` against the rule written plainly: in order of top then x0, a word joins the
    newest of the three most recent lines whose first word's top or bottom is within its
    tolerance (0.45 of its size, at least 1.5 pt), else starts a line; on random words of mixed
    sizes, including lines four back that would match."""
    import random

    from pipeline.pdf.lines import group_lines

    def plain(words: list[Word]) -> list[list[Word]]:
        lines: list[list[Word]] = []
        for w in sorted(words, key=lambda w: (w.top, w.x0)):
            tol = max(0.45 * (w.size or (w.bottom - w.top)), 1.5)
            for line in reversed(lines[-3:]):
                if abs(line[0].top - w.top) <= tol or abs(line[0].bottom - w.bottom) <= tol:
                    line.append(w)
                    break
            else:
                lines.append([w])
        lines = [sorted(line, key=lambda w: w.x0) for line in lines]
        return sorted(lines, key=lambda ln: (min(w.top for w in ln), ln[0].x0))

    # A tall word's line, three lines of small type, then a word whose bottom meets the tall
    # word's line: four lines back, so it starts a line of its own.
    tall = Word("tall", 0, 0, 10, 30, 0.0, False)
    small = [Word(f"s{k}", 20, top, 30, top + 4, 4.0, False) for k, top in enumerate((5.0, 10.0, 15.0))]
    late = Word("late", 40, 20, 50, 30, 4.0, False)
    assert [[w.text for w in ln.words] for ln in group_lines([tall, *small, late])] == \
        [["tall"], ["s0"], ["s1"], ["s2"], ["late"]]
    rng = random.Random(3)
    for _ in range(500):
        words = []
        for _ in range(rng.randint(1, 40)):
            top = rng.choice([rng.uniform(0, 200), rng.randint(0, 20) * 10.0])
            size = rng.choice([0.0, 4.0, 6.0, 10.0, 12.0])
            x0 = rng.uniform(0, 500)
            words.append(Word("w", x0, top, x0 + 20, top + rng.choice([size, rng.uniform(1, 40)]) or 1.0, size, False))
        assert [ln.words for ln in group_lines(words)] == plain(words)


def test_page_text_reads_lines_top_down_and_words_left_to_right():
    """``PageLayout.text``: words sorted by rounded top then x0 (ties in their order), a new line
    where a word's top is over 2 pt from its line's first word; as the plain sort gives it."""
    import random

    from pipeline.pdf.model import PageLayout

    def plain(words: list[Word]) -> str:
        lines: list[list[Word]] = []
        for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
            if lines and abs(lines[-1][0].top - w.top) <= 2:
                lines[-1].append(w)
            else:
                lines.append([w])
        return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)

    rng = random.Random(11)
    for _ in range(500):
        words = [Word(f"w{i}", rng.choice([1.0, 2.0, 2.0, 3.5, 40.0]), rng.choice([10.0, 10.4, 11.6, 12.5, 13.0, 30.2]),
                      0.0, 0.0, 10.0, False) for i in range(rng.randrange(0, 14))]
        assert PageLayout(1, 600, 800, words, []).text() == plain(words)
    page = PageLayout(1, 600, 800, [Word("b", 60, 100.4, 70, 110, 10, False), Word("a", 10, 101, 20, 111, 10, False),
                                    Word("c", 10, 130, 20, 140, 10, False)], [])
    assert page.text() == "a b\nc"


def test_nearest_cell_bound():
    """``_index`` finds the nearest of the clustered bounds as a scan of all of them does."""
    import random

    from extractors.ruled import _cluster, _index

    rng = random.Random(5)
    for _ in range(400):
        bounds = _cluster([rng.choice([rng.uniform(0, 600), round(rng.uniform(0, 600))]) for _ in range(rng.randrange(1, 12))],
                          2.0)
        for v in [rng.uniform(-20, 620) for _ in range(10)] + bounds + [b + 1.0 for b in bounds]:
            best = min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))
            assert _index(bounds, v, 2.0) == (best if abs(bounds[best] - v) <= 4.0 else -1), (bounds, v)
    assert _index([10.0, 20.0], 15.0, 3.0) == 0  # a tie goes to the lower bound


def test_lines_less_dropped_words_are_the_lines_of_the_remaining_words():
    """``lines_without``: the lines less a running head and a footer are exactly ``group_lines`` of
    the words left; when that cannot be shown (a word dropped among others, part of a line
    dropped) it gives None."""
    from pipeline.pdf.lines import group_lines, lines_without

    head = Word("Plan 1325", 50, 20, 120, 30, 10.0, False)
    body = [Word(f"w{k}", 50 + 30 * (k % 3), 100 + 12 * (k // 3), 70 + 30 * (k % 3), 110 + 12 * (k // 3), 10.0, False)
            for k in range(9)]
    foot = Word("12", 300, 780, 310, 790, 10.0, False)
    words = [body[4], foot, *body[:4], head, *body[5:]]
    lines = group_lines(words)
    kept = lines_without(words, lines, {id(head), id(foot)})
    remaining = [w for w in words if w is not head and w is not foot]
    assert kept is not None
    assert [ln.words for ln in kept] == [ln.words for ln in group_lines(remaining)]
    assert lines_without(words, lines, {id(body[4])}) is None  # among the others
    assert lines_without(words, lines, {id(head), id(body[0])}) is None  # w0 in the middle of its line


def _pages_with_kept_lines(pdf_path) -> int:  # noqa: ANN001 - a Path
    """Pages of one PDF whose lines survive furniture removal, each checked against grouping its
    remaining words again."""
    from pipeline.extract import remove_furniture
    from pipeline.pdf.lines import group_lines
    from pipeline.pdf.reader import read_pdf

    kept = 0
    pdf = read_pdf(pdf_path)
    remove_furniture(pdf)
    for page in pdf.pages:
        if page._lines is not None and page._lines[0] is page.words:
            kept += 1
            assert [ln.words for ln in page._lines[1]] == [ln.words for ln in group_lines(page.words)], \
                (pdf_path.name, page.number)
    return kept


def test_pages_keep_their_lines_through_furniture_removal_when_they_are_the_same():
    """Every sample page: the lines triage grouped, less the running text ``strip_running_text``
    took off, are kept only when they are what grouping the page's words again gives."""
    from tests.conftest import SAMPLES

    assert sum(_pages_with_kept_lines(p) for p in sorted(SAMPLES.glob("*.pdf"))) >= 1


@pytest.mark.corpus
def test_real_prose_pages_keep_their_lines_through_furniture_removal(corpus):  # noqa: ANN001
    """Real plans and a report, with running heads and page numbers on every page."""
    kept = sum(_pages_with_kept_lines(corpus / sub / name) for sub, name in (
        ("plans", "adaptation_plan_liberia.pdf"), ("plans", "adaptation_plan_albania.pdf"),
        ("wps-reports", "drc_rapport_pays_20_ans_2020.pdf")))
    assert kept >= 150


# ---- ruled cells: extractors.ruled.cells_from_intersections against pdfplumber's own ---------------

def _same_cells_as_pdfplumber(pdf_path) -> int:  # noqa: ANN001 - a Path
    """Every fully read page of one PDF: the cells found from its ruling lines' crossings are
    pdfplumber's ``intersections_to_cells``, in its order; the number of pages with crossings."""
    from pdfplumber.table import intersections_to_cells

    from extractors.ruled import cells_from_intersections, page_intersections
    from pipeline.pdf.reader import read_pdf

    compared = 0
    for page in read_pdf(pdf_path).pages:
        points = page_intersections(page)
        if points:
            assert cells_from_intersections(points) == intersections_to_cells(points), (pdf_path.name, page.number)
            compared += 1
    return compared


def test_ruled_cells_are_pdfplumbers_on_every_sample_page():
    from tests.conftest import SAMPLES

    assert sum(_same_cells_as_pdfplumber(p) for p in sorted(SAMPLES.glob("*.pdf"))) >= 10


@pytest.mark.corpus
def test_ruled_cells_are_pdfplumbers_on_real_tables(corpus):  # noqa: ANN001
    """Word tables with merged cells (Sri Lanka, Cameroon), 1,460 edges a page (Burkina Faso),
    curves (CAR), a project logframe (Somalia)."""
    compared = sum(_same_cells_as_pdfplumber(corpus / "plans" / name) for name in (
        "adaptation_plan_sri_lanka.pdf", "adaptation_plan_burkina_faso.pdf", "adaptation_plan_cameroon.pdf",
        "adaptation_plan_central_african_republic.pdf", "somalia_ddg_project_logframe.pdf"))
    assert compared >= 40


@settings(max_examples=200, deadline=None)
@given(st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5), st.booleans()), max_size=50), st.booleans())
def test_ruled_cells_are_pdfplumbers_for_any_set_of_rules(segments, merged):
    """Rules between the points of a 6 x 6 lattice, any of them missing: spanning cells, open
    sides, rules that cross without a cell, several tables."""
    from pdfplumber.table import (
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    from extractors.ruled import cells_from_intersections

    edges = []
    for i, j, horizontal in segments:
        x, y = 10.0 * i, 10.0 * j
        if horizontal:
            edges.append({"orientation": "h", "x0": x, "x1": x + 10, "top": y, "bottom": y, "width": 10, "height": 0})
        else:
            edges.append({"orientation": "v", "x0": x, "x1": x, "top": y, "bottom": y + 10, "width": 0, "height": 10})
    # Merged, as table_cell_boxes does, and as drawn: one rule per cell side.
    points = edges_to_intersections(merge_edges(edges, 3, 3, 3, 3) if merged else edges, 3, 3)
    assert cells_from_intersections(points) == intersections_to_cells(points)


def test_a_hash_number_opens_an_item():
    """'#3 Nombre de ...' numbers its item as '3 Nombre de ...' does (Cameroon's indicator lists)."""
    from extractors.cells import starts_item, strip_marker

    assert starts_item("#3 Nombre de manuels de formation produits") and starts_item("# 3 Nombre de manuels")
    assert strip_marker("#3 Nombre de manuels produits") == ("3", "Nombre de manuels produits")
    assert not starts_item("#hashtag campaign on social media")


def test_a_pages_table_cells_are_found_once_and_again_when_its_rules_change(monkeypatch):
    """The card reader and the table reader both ask for a page's ruled cells: found once."""
    from extractors import ruled
    from pipeline.pdf.model import Edge, PageLayout

    def grid(x0: float, top: float, cols: int, rows: int, size: float = 50.0) -> list[Edge]:
        hs = [Edge("h", x0, top + r * size, x0 + cols * size, top + r * size) for r in range(rows + 1)]
        vs = [Edge("v", x0 + c * size, top, x0 + c * size, top + rows * size) for c in range(cols + 1)]
        return hs + vs

    calls = []
    found = ruled.page_intersections
    monkeypatch.setattr(ruled, "page_intersections", lambda *a: calls.append(1) or found(*a))
    page = PageLayout(1, 600, 800, [], grid(50, 50, 2, 2))
    first = ruled.table_cell_boxes(page)
    assert len(first) == 1 and len(first[0]) == 4
    kept = [list(t) for t in first]
    first[0].clear()  # a caller's list is its own
    assert ruled.table_cell_boxes(page) == kept and len(calls) == 1
    page.edges = grid(50, 50, 3, 2)  # other rules (triage drops a page's rules this way): found again
    assert len(ruled.table_cell_boxes(page)[0]) == 6 and len(calls) == 2


@pytest.mark.parametrize("text, rating", [
    ("High", True), ("High to moderate", True), ("Very high", True), ("Très élevé", True), ("Moyenne", True),
    ("Baja", True), ("Low - Medium", True), ("High-level forum on adaptation", False),
    ("Highway rehabilitation", False), ("Moderate rains expected", False), ("Strengthen early warning", False)])
def test_ratings_on_a_scale(text, rating):
    from extractors.values import is_rating

    assert is_rating(text) is rating


def _grown_piece_by_piece(lo: float, hi: float, spans: list[tuple[float, float]], tol: float) -> tuple[float, float]:
    """What ``ruled._chained`` over ``ruled._chains`` must give, the plain way: add any span that reaches the rule as
    lengthened so far, until none does."""
    grown = True
    while grown:
        grown = False
        for s, t in spans:
            if s < lo <= t + tol or s - tol <= hi < t:
                lo, hi, grown = min(lo, s), max(hi, t), True
    return lo, hi


_span = st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda p: (float(p[0]), float(p[0] + p[1])))


@settings(max_examples=300, deadline=None)
@given(_span, st.lists(_span, max_size=25), st.sampled_from([0.0, 1.0, 3.0]))
def test_a_rule_grows_over_every_piece_that_chains_to_it(rule, spans, tol):
    """Pieces before, after, inside and across the rule, touching, overlapping or a gap apart."""
    from extractors.ruled import _chained, _chains

    assert _chained(*rule, *_chains(spans, tol), tol) == _grown_piece_by_piece(*rule, spans, tol)


def test_a_rule_drawn_as_a_long_chain_of_pieces_is_carried_over_all_of_them():
    """Word draws a border as many thin pieces; those in line and touching lengthen the rule, a
    piece off the line or past a gap does not."""
    from extractors.ruled import _carried_on

    rule = {"orientation": "h", "x0": 100.0, "x1": 110.0, "top": 50.0, "bottom": 50.0, "width": 10.0, "height": 0.0}
    pieces = [{"orientation": "h", "x0": 110.0 + 2 * i, "x1": 112.0 + 2 * i, "top": 50.2, "bottom": 50.2}
              for i in range(500)]  # 110 .. 1110, each touching the next
    pieces += [{"orientation": "h", "x0": 1120.0, "x1": 1130.0, "top": 50.0, "bottom": 50.0},  # past a gap
               {"orientation": "h", "x0": 90.0, "x1": 100.0, "top": 60.0, "bottom": 60.0},  # another line
               {"orientation": "v", "x0": 95.0, "x1": 95.0, "top": 40.0, "bottom": 60.0}]
    (grown,) = _carried_on([rule], pieces, 1.0)
    assert (grown["x0"], grown["x1"], grown["width"]) == (100.0, 1110.0, 1010.0)


def test_a_pages_ruled_grids_are_read_once_and_again_when_its_words_change(monkeypatch):
    """The card reader and the table reader both ask for a page's grids: read once, a fresh list
    for each caller, read again once the page's words are replaced (furniture, joined words)."""
    from extractors import ruled
    from pipeline.pdf.model import Edge, PageLayout, Word

    hs = [Edge("h", 50.0, 50.0 + 40 * r, 250.0, 50.0 + 40 * r) for r in range(3)]
    vs = [Edge("v", 50.0 + 100 * c, 50.0, 50.0 + 100 * c, 130.0) for c in range(3)]
    words = [Word("Outcome", 60.0, 60.0, 100.0, 70.0, 10.0, True),
             Word("Output", 160.0, 60.0, 195.0, 70.0, 10.0, True),
             Word("Safer", 60.0, 100.0, 90.0, 110.0, 10.0, False),
             Word("Trained", 160.0, 100.0, 200.0, 110.0, 10.0, False)]
    page = PageLayout(1, 600.0, 800.0, words, hs + vs)
    calls = []
    read = ruled._ruled_grids
    monkeypatch.setattr(ruled, "_ruled_grids", lambda *a: calls.append(1) or read(*a))
    first = ruled.find_ruled_grids(page)
    assert len(first) == 1 and first[0].rows[1].cells[0].raw_text == "Safer"
    first.clear()  # a caller's list is its own
    assert len(ruled.find_ruled_grids(page)) == 1 and len(calls) == 1
    page.set_words([w._replace(text="Calmer") if w.text == "Safer" else w for w in words])
    assert ruled.find_ruled_grids(page)[0].rows[1].cells[0].raw_text == "Calmer" and len(calls) == 2


@pytest.mark.parametrize("cell, bodies", [
    ("MTE (lead) PMO (involved) IMWG members (involved)",
     [("MTE", "lead"), ("PMO", "partner"), ("IMWG members", "partner")]),
    ("MTE/NDA (lead)\nUNDP", [("MTE", "lead"), ("NDA", "lead"), ("UNDP", "partner")]),
    ("MTE\nSupport: relevant donors", [("MTE", "lead"), ("relevant donors", "partner")]),
    ("UNDP (lead agency), UNICEF (support)", [("UNDP", "lead"), ("UNICEF", "partner")]),
    ("MINEPDED (chef de file), MINADER", [("MINEPDED", "lead"), ("MINADER", "partner")]),
    ("Ministry of Water, UNDP", [("Ministry of Water", "lead"), ("UNDP", "lead")]),
])
def test_a_cell_marking_who_leads_gives_leads_and_partners(cell, bodies):
    from extractors.institutions.rules import institutions_from_cell

    assert [(i.name, i.role) for i in institutions_from_cell(cell, "lead")] == bodies


def test_bullets_under_a_heading_in_capitals_are_items_of_their_own():
    lines = _lines(("3. FORMALISE THE FISHERS' TRADES AND MANAGEMENT", 0, 0),
                   ("• Bring the fishers into a consultation platform", 8, 12),
                   ("• Develop a capacity programme for fishing associations", 0, 24))
    assert [i.text for i in split_items(lines)] == [
        "FORMALISE THE FISHERS' TRADES AND MANAGEMENT", "Bring the fishers into a consultation platform",
        "Develop a capacity programme for fishing associations"]
