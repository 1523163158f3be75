"""Action cards and programme sheets (extractors/cards.py): each way a card is laid out, read.

The small PDFs are drawn here with reportlab, each with just the layout a test is about; the Word
samples (samples/*_docx_fiche*, *_action_cards) are read whole by tests/test_samples.py.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.base import Context
from extractors.cards import CardStrategy
from pipeline.extract import extract_file, parse, remove_furniture
from pipeline.outputs.export import logframe_json
from pipeline.pdf.triage import triage_pdf
from tests.conftest import SAMPLES

WIDTH, HEIGHT = A4
Cell = tuple[int, list[str], bool]  # colspan, lines, bold


class Sheet:
    """A PDF drawn page by page: ruled grids (one rectangle per cell) and free lines of text."""

    def __init__(self, path: Path, title: str = "National Action Plan on Women, Peace and Security 2025-2029"):
        self.path = path
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.top = 60.0
        self.text(title, bold=True, size=14)
        self.text("Republic of Tamora")

    def text(self, line: str, *, bold: bool = False, size: float = 10, x: float = 60) -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.c.drawString(x, HEIGHT - self.top - size, line)
        self.top += size * 1.5

    def grid(self, rows: list[list[Cell]], widths: tuple[float, ...] = (130, 345), flush_right: bool = False) -> None:
        """``flush_right``: the label column's text set flush right, against the values."""
        for row in rows:
            height = 14 * max(len(lines) for _, lines, _ in row) + 8
            x, col = 60.0, 0
            for span, lines, bold in row:
                w = sum(widths[col:col + span])
                self.c.rect(x, HEIGHT - self.top - height, w, height)
                self.c.setFont("Helvetica-Bold" if bold else "Helvetica", 9)
                for i, line in enumerate(lines):
                    if flush_right and col == 0 and span == 1:
                        # The survey's cheap style read knows a font's boldness by (size, weight), and
                        # reportlab's standard fonts carry no weight: only the labels are bold here,
                        # in a size of their own.
                        self.c.setFont("Helvetica-Bold", 9.5)
                        self.c.drawRightString(x + w - 4, HEIGHT - self.top - 13 - 14 * i, line)
                    else:
                        self.c.drawString(x + 4, HEIGHT - self.top - 13 - 14 * i, line)
                x, col = x + w, col + span
            self.top += height
        self.top += 12

    def new_page(self) -> None:
        self.c.showPage()
        self.top = 60.0

    def save(self) -> Path:
        self.c.save()
        return self.path


def _label(label: str, *values: str) -> list[Cell]:
    return [(1, [label], True), (1, list(values), False)]


def _cards(path: Path) -> tuple[list, set[int]]:
    pdf = parse(path)
    remove_furniture(pdf)
    context = Context()
    found = CardStrategy().extract(pdf.pages, context)
    return found.goals, context.claimed


def _activities(goals: list) -> list:
    return [a for g in goals for o in g.outputs for a in o.activities]


def test_labels_beside_their_values_make_a_card(tmp_path):
    sheet = Sheet(tmp_path / "beside.pdf")
    sheet.grid([
        [(2, ["Action 3: Women in the security sector"], True)],
        _label("Objective", "Raise the share of women in the police and the army"),
        _label("Activities", "• Recruit women officers in every regional command",
               "• Open separate facilities for women in barracks"),
        _label("Indicators", "• Share of women among police officers"),
        _label("Responsible", "Ministry of Defence"),
        _label("Timeframe", "2025-2027"),
    ])
    goals, claimed = _cards(sheet.save())
    # The title names the action: it is the goal; the objective statement restates it (no record).
    assert [(g.code, g.text, g.level_name) for g in goals] == [("3", "Women in the security sector", "Action")]
    goal = goals[0]
    assert goal.pillar is None and goal.method == "card"
    assert [a.text for a in _activities(goals)] == ["Recruit women officers in every regional command",
                                                    "Open separate facilities for women in barracks"]
    assert [i.text for i in goal.indicators] == ["Share of women among police officers"]
    assert [(i.name, i.role) for i in goal.institutions] == [("Ministry of Defence", "lead")]
    assert all(a.timeline == "2025-2027" and a.years == [2025, 2026, 2027] for a in _activities(goals))
    assert claimed == {1}


def test_labels_above_and_inline_in_an_unruled_sheet(tmp_path):
    sheet = Sheet(tmp_path / "above.pdf")
    sheet.text("Programme 4: Justice for survivors", bold=True, size=11)
    sheet.text("Objective", bold=True)
    sheet.text("Bring perpetrators of sexual violence to justice", x=72)
    sheet.text("Activities", bold=True)
    sheet.text("• Deploy mobile courts in the eastern provinces", x=72)
    sheet.text("• Train prosecutors in the handling of sexual violence cases", x=72)
    sheet.text("Lead: Ministry of Justice")
    sheet.text("Partners: UN Women, UNDP")
    sheet.text("Budget: USD 300,000")
    goals, _claimed = _cards(sheet.save())
    assert [g.text for g in goals] == ["Justice for survivors"]
    assert goals[0].pillar is None
    acts = _activities(goals)
    assert [a.text for a in acts] == ["Deploy mobile courts in the eastern provinces",
                                      "Train prosecutors in the handling of sexual violence cases"]
    assert [(i.name, i.role) for i in goals[0].institutions] == [
        ("Ministry of Justice", "lead"), ("UN Women", "partner"), ("UNDP", "partner")]
    assert all(a.budget is not None and a.budget.amount == 300_000 and a.budget.currency == "USD" for a in acts)


def _beside(sheet: Sheet, rows: list[tuple[str, list[str]]]) -> None:
    """Labels at the left margin, their values beside them, no rules."""
    for label, values in rows:
        top = sheet.top
        sheet.text(label)
        sheet.top = top
        for value in values:
            sheet.text(value, x=200)
        sheet.top += 6


def test_a_banner_wider_than_the_label_column_names_the_sector(tmp_path):
    # The banner reaches over the value column: the reading of labels and values leaves it out.
    sheet = Sheet(tmp_path / "wide_banner.pdf")
    sheet.new_page()
    sheet.text("Infrastructures et aménagements urbains", bold=True)
    _beside(sheet, [("Actions à court terme", ["• Renforcer le système d'alerte précoce",
                                               "• Former les acteurs du BTP"]),
                    ("Actions à moyen terme", ["• Mettre en œuvre des stratégies d'assainissement",
                                               "• Renforcer les équipements hydro-météo"])])
    goals, _claimed = _cards(sheet.save())
    assert [(g.text, g.pillar) for g in goals] == [(None, "Infrastructures et aménagements urbains")]
    assert len(_activities(goals)) == 4


def test_a_sector_sheet_of_actions_only_over_two_pages(tmp_path):
    # Benin's NAP Annexe 1: a page of one kind of part ("Actions à court / moyen terme") under the
    # sector's bold banner, the banner printed again over the page after.
    banner = "Tourisme"
    sheet = Sheet(tmp_path / "sector_sheet.pdf")
    sheet.new_page()
    sheet.text(banner, bold=True)
    _beside(sheet, [("Actions à court terme", ["• Gérer les feux précoces dans les aires protégées",
                                               "• Sensibiliser les populations riveraines"]),
                    ("Actions à moyen terme", ["• Aménager les sites touristiques",
                                               "• Valoriser les pratiques endogènes"])])
    sheet.new_page()
    sheet.text(banner, bold=True)
    _beside(sheet, [("Actions à long terme", ["• Promouvoir l'écotourisme résilient"]),
                    ("Budget", ["12 millions USD"]),
                    ("Responsabilités", ["Direction du développement touristique"])])
    goals, claimed = _cards(sheet.save())
    # The banner names only the sector: the pillar of a goal the plan does not state.
    assert [(g.text, g.pillar) for g in goals] == [(None, banner)]
    assert [a.text for a in _activities(goals)] == [
        "Gérer les feux précoces dans les aires protégées", "Sensibiliser les populations riveraines",
        "Aménager les sites touristiques", "Valoriser les pratiques endogènes", "Promouvoir l'écotourisme résilient"]
    assert claimed == {2, 3}


def test_labels_beside_their_values_without_rules(tmp_path):
    sheet = Sheet(tmp_path / "unruled_beside.pdf")
    sheet.text("Annex 2. Sector sheets", bold=True, size=12)
    sheet.text("Health", bold=True)
    rows = [("Objective", ["Protect the health of women in displacement camps"]),
            ("Activities", ["• Deploy mobile clinics to the camps", "• Train midwives among the displaced women"]),
            ("Responsible", ["Ministry of Health"])]
    _beside(sheet, rows)
    goals, claimed = _cards(sheet.save())
    assert [(g.text, g.pillar) for g in goals] == [("Protect the health of women in displacement camps", "Health")]
    assert [a.text for a in _activities(goals)] == ["Deploy mobile clinics to the camps",
                                                    "Train midwives among the displaced women"]
    assert [i.name for i in goals[0].institutions] == ["Ministry of Health"] and claimed == {1}


def test_a_sector_card_keeps_its_objectives_as_goals_under_the_sector(tmp_path):
    sheet = Sheet(tmp_path / "sector.pdf")
    sheet.grid([
        [(2, ["Sector 2: Health"], True)],
        _label("Objective", "Protect the health of women in displacement camps"),
        _label("Activities", "• Deploy mobile clinics to the camps"),
        _label("Responsible", "Ministry of Health"),
    ])
    goals, _claimed = _cards(sheet.save())
    # A title naming only a sector is the pillar; the card's objective is the goal.
    assert [(g.text, g.pillar) for g in goals] == [("Protect the health of women in displacement camps", "Health")]


def test_a_title_in_capitals_over_several_lines_is_read_whole(tmp_path):
    sheet = Sheet(tmp_path / "capitals.pdf")
    sheet.grid([
        [(2, ["PROGRAMME NATIONAL 4 :"], True)],
        [(2, ["RENFORCEMENT DE LA PARTICIPATION", "DES FEMMES AUX COMITES DE PAIX"], True)],
        _label("Objectif", "Les femmes participent aux comités locaux de paix"),
        _label("Activités", "• Former les femmes membres des comités", "• Créer un réseau des médiatrices"),
        _label("Responsable", "Ministère de la Femme"),
    ])
    goals, _claimed = _cards(sheet.save())
    assert [(g.code, g.text) for g in goals] == [
        ("4", "RENFORCEMENT DE LA PARTICIPATION DES FEMMES AUX COMITES DE PAIX")]
    assert [a.text for a in _activities(goals)] == ["Former les femmes membres des comités",
                                                    "Créer un réseau des médiatrices"]


def test_numbered_headings_over_bulleted_actions_are_outputs(tmp_path):
    sheet = Sheet(tmp_path / "groups.pdf")
    sheet.grid([
        [(2, ["Programme 2: Resilient farming in the south"], True)],
        _label("Activities", "1. ADAPT FARMING PRACTICES TO CLIMATE CHANGE",
               "• Breed drought tolerant varieties", "• Invest in small irrigation schemes",
               "2. SUPPORT RURAL INCOMES", "• Diversify farm and livestock income"),
        _label("Responsible", "Ministry of Agriculture"),
    ])
    goals, _claimed = _cards(sheet.save())
    assert [g.text for g in goals] == ["Resilient farming in the south"]
    # The numbered headings group the actions under them: a level between the sheet and its actions.
    assert [(o.code, o.text, [a.text for a in o.activities]) for o in goals[0].outputs] == [
        ("1", "ADAPT FARMING PRACTICES TO CLIMATE CHANGE",
         ["Breed drought tolerant varieties", "Invest in small irrigation schemes"]),
        ("2", "SUPPORT RURAL INCOMES", ["Diversify farm and livestock income"])]


def test_a_card_continued_on_the_next_page_without_a_label(tmp_path):
    sheet = Sheet(tmp_path / "continued.pdf")
    sheet.grid([
        [(2, ["Action 5: Early warning"], True)],
        _label("Objective", "Give women a role in community early warning"),
        _label("Activities", "• Set up women's early-warning committees"),
    ])
    sheet.new_page()
    # The row goes on at the top of the next page: no label, the value column only.
    sheet.grid([
        [(1, [], False), (1, ["• Link the committees to the national early-warning centre"], False)],
        _label("Indicators", "• Number of committees reporting every month"),
    ])
    goals, claimed = _cards(sheet.save())
    assert [g.text for g in goals] == ["Early warning"]
    assert [a.text for a in _activities(goals)] == ["Set up women's early-warning committees",
                                                    "Link the committees to the national early-warning centre"]
    assert [i.text for i in goals[0].indicators] == ["Number of committees reporting every month"]
    assert claimed == {1, 2}


def _on_page_three(path: Path) -> Sheet:
    sheet = Sheet(path)
    sheet.text("Context", bold=True)
    sheet.new_page()
    sheet.new_page()
    return sheet


def test_triage_reads_card_pages_in_full(tmp_path):
    sheet = _on_page_three(tmp_path / "triage.pdf")  # pages 1-2 are always read in full (the cover)
    sheet.grid([
        [(2, ["Action 6: Women's shelters"], True)],
        _label("Objective", "Protect women fleeing violence"),
        _label("Strategies", "• Open shelters for women in every province", "• Train shelter staff"),
    ])
    sheet.new_page()
    # The card goes on: only one label on this page.
    sheet.grid([
        [(1, [], False), (1, ["• Fund shelters run by women's organisations"], False)],
        _label("Indicators", "• Number of women sheltered every year"),
    ])
    surveys, _pages = triage_pdf(sheet.save())
    assert [(s.number, s.full, s.reason) for s in surveys[2:]] == [(3, True, "card parts"), (4, True, "card parts")]


def test_bold_labels_flush_against_their_values_make_a_card_page(tmp_path):
    sheet = _on_page_three(tmp_path / "flush.pdf")  # pages 1-2 are always read in full (the cover)
    sheet.grid([
        [(2, ["Project 1: Women's associations and climate change"], False)],
        _label("Overall objective", "Increase the capacity of women's associations"),
        _label("Specific objectives", "• Train the members of women's associations"),
        _label("Long-term outcomes", "• Women are provided with tools to increase their resilience"),
        [(1, ["(over 15 years)"], True), (1, [], False)],
    ], flush_right=True)
    path = sheet.save()
    surveys, _pages = triage_pdf(path)
    # The labels stand a word's space from their values: the bold labels name the parts.
    assert [(s.number, s.full, s.reason) for s in surveys[2:]] == [(3, True, "card parts")]
    goals, _claimed = _cards(path)
    assert [(g.code, g.text) for g in goals] == [("1", "Women's associations and climate change")]
    # "(over 15 years)" under the last label is the label's rest, not an outcome's words.
    assert [o.text for o in goals[0].outputs] == ["Train the members of women's associations",
                                                  "Women are provided with tools to increase their resilience"]


def test_project_sheets_of_a_real_plan(corpus):
    # Burkina Faso's NAP p94-98: bold labels flush right against the values, titles wrapping in
    # their row, "Long-term outcomes (over 15 years)" over two lines of the label column.
    path = corpus / "plans" / "adaptation_plan_burkina_faso.pdf"
    surveys, _pages = triage_pdf(path)
    assert [s.reason for s in surveys[93:98]] == ["card parts"] * 5
    pdf = parse(path)
    remove_furniture(pdf)
    found = CardStrategy().extract([p for p in pdf.pages if 94 <= p.number <= 98], Context())
    assert [(g.page, g.code, g.text) for g in found.goals] == [
        (94, "1", "Training/information/awareness raising among women's associations"),
        (95, "2", "Improve the resilience of women's associations and their capacity for climate change adaptations "
                  "by introducing revenue-generating activities"),
        (96, "3", "Research into best practices in relation to climate change adaptations which are beneficial and "
                  "accessible to women"),
        (97, "1", "Improve and strengthen the involvement of civil society organisations in climate change adaptation "
                  "decisions"),
        (97, "2", "Improve the sustainability of civil society climate change adaptation initiatives"),
        (98, "3", "Capitalisate on and disseminate best practices by civil society organisations in the field of "
                  "climate change adaptations"),
    ]
    assert not any("(over 15 years)" in o.text for g in found.goals for o in g.outputs if o.text)


def test_bullets_in_a_symbol_font_split_activities():
    # The French sample's bullets are Symbol-font glyphs: private-use code points in the text layer.
    pdf = parse(SAMPLES / "fr_docx_fiches_projets.pdf")
    assert "\uf0b7" in pdf.pages[0].text()
    goals, _claimed = _cards(SAMPLES / "fr_docx_fiches_projets.pdf")
    assert [a.text for a in _activities(goals[:1])] == [
        "Former les femmes membres des comités locaux de paix à la médiation",
        "Créer un réseau national des femmes élues pour la paix",
        "Organiser des forums régionaux sur le leadership féminin"]


def test_budget_multiplier_in_the_amount_or_the_label():
    goals, _claimed = _cards(SAMPLES / "en_docx_action_cards.pdf")
    first, second = (_activities([g]) for g in goals)
    assert {(a.budget.amount, a.budget.currency, a.budget.as_written) for a in first} == {
        (2_500_000.0, "USD", "USD 2.5M")}
    # "Budget (USD millions)" beside "1.8".
    assert {(a.budget.amount, a.budget.currency) for a in second} == {(1_800_000.0, "USD")}


def test_claimed_pages_are_not_read_again_as_tables(tmp_path):
    sheet = Sheet(tmp_path / "claimed.pdf")
    sheet.grid([
        [(3, ["Project 7: Women's economic recovery"], True)],
        [(1, ["Objective"], True), (2, ["Restore the livelihoods of women affected by the conflict"], False)],
        [(1, ["No."], True), (1, ["Measures"], True), (1, ["Key actors"], True)],
        [(1, ["1"], False), (1, ["Give grants to women's cooperatives"], False), (1, ["Ministry of Trade"], False)],
        [(1, ["2"], False), (1, ["Train women in business management"], False), (1, ["Chamber of Commerce"], False)],
        [(1, ["Timeframe"], True), (2, ["2026-2028"], False)],
    ], widths=(60, 270, 145))
    path = sheet.save()
    lf = extract_file(path)
    texts = [a.text for g in lf.goals for o in g.outputs for a in o.activities]
    # The measures table inside the card is read once, by the card, with each measure's actor.
    assert sorted(texts) == ["Give grants to women's cooperatives", "Train women in business management"]
    acts = [a for g in lf.goals for o in g.outputs for a in o.activities]
    assert all(a.method == "card" for a in acts)
    assert [(a.code, [i.name for i in a.institutions]) for a in acts] == [
        ("1", ["Ministry of Trade"]), ("2", ["Chamber of Commerce"])]


def test_a_plain_two_column_table_is_not_a_card(tmp_path):
    sheet = Sheet(tmp_path / "plain.pdf")
    sheet.grid([
        [(1, ["Objective"], True), (1, ["Activities"], True)],
        [(1, ["1. Increase women's participation"], False), (1, ["1.1 Train women candidates"], False)],
        [(1, ["2. Protect women and girls"], False), (1, ["2.1 Open one-stop centres"], False)],
        [(1, ["3. Prevent conflict"], False), (1, ["3.1 Support women's peace networks"], False)],
    ], widths=(200, 275))
    path = sheet.save()
    goals, claimed = _cards(path)
    assert goals == [] and claimed == set()
    # The table strategy reads it, as before.
    data = logframe_json(extract_file(path))
    assert [g["text"] for g in data["goals"]] == ["Increase women's participation", "Protect women and girls",
                                                  "Prevent conflict"]


def test_a_count_is_no_card_number_and_a_title_at_the_foot_of_a_page_opens_the_next_card(tmp_path):
    """"Projet de 5 ans : 2016-2020" under the duration counts years (no card titled "2016-2020");
    "Projet 2 : ..." printed alone under the last card of a page titles the card whose table starts
    on the next page (as Cameroon's project sheets do), rather than that table going on with the card
    above."""
    sheet = Sheet(tmp_path / "foot.pdf")
    sheet.grid([
        [(2, ["Projet 1 : Irrigation villageoise"], True)],
        _label("Objectif", "Sécuriser la production agricole des villages"),
        _label("Mesures", "• Construire des retenues d'eau collinaires"),
        _label("Responsable", "Ministère de l'Agriculture"),
        _label("Durée", "Projet de 5 ans : 2016-2020"),
    ])
    sheet.text("Projet 2 : Alerte précoce", bold=True, size=12)
    sheet.new_page()
    sheet.grid([
        _label("Objectif", "Prévenir les populations des inondations"),
        _label("Mesures", "• Installer des stations hydrométriques"),
        _label("Responsable", "Ministère de l'Eau"),
    ])
    goals, _ = _cards(sheet.save())
    assert [(g.code, g.text, g.page) for g in goals] == [("1", "Irrigation villageoise", 1),
                                                         ("2", "Alerte précoce", 1)]
    assert [[a.text for o in g.outputs for a in o.activities] for g in goals] == [
        ["Construire des retenues d'eau collinaires"], ["Installer des stations hydrométriques"]]
    assert [[i.name for i in g.institutions] for g in goals] == [["Ministère de l'Agriculture"],
                                                                 ["Ministère de l'Eau"]]


def test_a_table_inside_a_card_keeps_its_own_columns():
    """A card's "# | Mesures | CT, MT, LT" table under its label and value columns (Cameroon's project
    sheets): the rules of the two parts do not line up, and no column of the inner table stands alone
    in the grid, but the cells of its rows meet at the same rules row after row: those are columns."""
    from extractors.cards import _grid_events
    from extractors.tables import Grid, Row
    from pipeline.pdf.model import PageLayout
    from tests.test_report_reading import _cell

    page = PageLayout(1, WIDTH, HEIGHT, [], [])
    xs = [60, 70, 80, 110, 130, 150, 300, 420, 440, 500, 530]  # 10 grid columns
    columns = list(zip(xs, xs[1:]))

    def cell(col: int, span: int, top: float, text: str):  # noqa: ANN202 - a Cell
        return _cell(page, col, span, (xs[col], top, xs[col + span], top + 20), text)

    rows = [Row(page, cells, (60, top, 530, top + 20)) for top, cells in [
        (0, [cell(0, 5, 0, "Objectif global"), cell(5, 5, 0, "Développer une agriculture résiliente")]),
        (20, [cell(0, 5, 20, "Objectifs spécifiques"), cell(5, 5, 20, "Promouvoir l'irrigation")]),
        (40, [cell(1, 1, 40, "#"), cell(4, 2, 40, "Mesures"), cell(8, 1, 40, "CT, MT, LT")]),
        (60, [cell(0, 3, 60, "120"), cell(3, 4, 60, "Développement des filières porteuses"), cell(7, 3, 60, "MT")]),
        (80, [cell(0, 3, 80, "121"), cell(3, 4, 80, "Sélection d'une zone d'intervention"), cell(7, 3, 80, "LT")]),
    ]]
    events = _grid_events(Grid(page, columns, rows, "ruled_table", (60, 0, 530, 100)))
    assert [e.kind for e in events] == ["part", "part", "subheader", "subrow", "subrow"]
    assert sorted(events[2].columns.values()) == ["activity", "code", "timeline"]  # CT, MT, LT: the terms
    assert [[" ".join(ln.text for ln in lines) for _, lines in sorted(e.cells.items())] for e in events[3:]] == [
        ["120", "Développement des filières porteuses", "MT"], ["121", "Sélection d'une zone d'intervention", "LT"]]


def test_numbers_in_a_cell_beside_their_items_are_read_on_their_lines():
    """"#1 / #2" in a narrow cell beside the items they number (Cameroon's 'Indicateurs d'atteinte des
    résultats'): each number is read on its item's line, so each item is one record with its code."""
    from extractors.cards import _row_events
    from extractors.tables import Cell, Grid, Row
    from pipeline.pdf.model import Line, PageLayout, Word

    page = PageLayout(1, WIDTH, HEIGHT, [], [])

    def lines(x: float, texts: list[str]) -> list[Line]:
        return [Line([Word(w, x + 30 * k, 10 + 12 * i, x + 30 * k + 25, 20 + 12 * i, 9.0, False)
                      for k, w in enumerate(t.split())]) for i, t in enumerate(texts)]

    row = Row(page, [Cell(0, 1, lines(60, ["#1", "#2"]), (60, 10, 90, 40)),
                     Cell(1, 1, lines(100, ["Nombre de manuels produits", "Nombre de cadres formés"]),
                          (90, 10, 530, 40))], (60, 10, 530, 40))
    [event] = _row_events(row, Grid(page, [(60, 90), (90, 530)], [row], "ruled_table", (60, 10, 530, 40)))
    assert event.kind == "text" and [ln.text for ln in event.lines] == [
        "#1 Nombre de manuels produits", "#2 Nombre de cadres formés"]


def test_a_caption_in_a_cards_first_row_opens_a_new_card_and_is_printed_again_over_its_continuation(tmp_path):
    """Liberia's sector tables: "Table 9: ..." across the card's first row; the card goes on over the
    page under its caption printed again, and the next card starts right below with a caption of
    its own: its parts are not the first card's."""
    sheet = Sheet(tmp_path / "captions.pdf")
    sheet.grid([
        [(2, ["Table 9: Adaptation strategies of the energy sector"], False)],
        _label("Goals", "Reduce the energy sector's exposure to climate risks"),
        _label("Strategies", "• Promote solar energy in rural areas"),
    ])
    sheet.new_page()
    sheet.grid([
        [(2, ["Table 9: Adaptation strategies of the energy sector"], False)],
        [(1, [], False), (1, ["• Protect hydropower catchments"], False)],
        _label("Responsibility", "Ministry of Mines and Energy"),
    ])
    sheet.grid([
        [(2, ["Table 10: Adaptation strategies of the fisheries sector"], False)],
        _label("Goals", "Reduce climate-induced changes in fisheries ecosystems"),
        _label("Strategies", "• Train fisheries officers in stock monitoring"),
        _label("Responsibility", "Bureau of National Fisheries"),
    ])
    goals, _ = _cards(sheet.save())
    assert [g.text for g in goals] == ["Reduce the energy sector's exposure to climate risks",
                                       "Reduce climate-induced changes in fisheries ecosystems"]
    assert [[a.text for o in g.outputs for a in o.activities] for g in goals] == [
        ["Promote solar energy in rural areas", "Protect hydropower catchments"],
        ["Train fisheries officers in stock monitoring"]]
    assert [[i.name for i in g.institutions] + [i.name for o in g.outputs for a in o.activities for i in a.institutions]
            for g in goals] == [["Ministry of Mines and Energy"], ["Bureau of National Fisheries"]]


def test_labels_over_their_values_side_by_side_name_the_card_and_its_lead(tmp_path):
    # A card opening with two cells, each a label on its first line over its value (the Albanian
    # NAP's priority action cards): the name is the card's title, the agency its lead.
    sheet = Sheet(tmp_path / "over.pdf")
    sheet.text("Priority Action No. 2", bold=True, size=12)
    sheet.grid([
        [(1, ["Name of Priority Action No. 2", "Overarching mainstreaming initiative"], True),
         (1, ["Responsible Lead Agency / Ministry", "Ministry of Tourism and Environment"], True)],
        [(2, ["Activities"], True)],
        [(2, ["• Promote mainstreaming tools in sector strategies", "• Coordinate mainstreaming pilots"], False)],
    ], widths=(200, 275))
    goals, _claimed = _cards(sheet.save())
    assert [(g.code, g.text) for g in goals] == [("2", "Overarching mainstreaming initiative")]
    assert [(i.name, i.role) for i in goals[0].institutions] == [("Ministry of Tourism and Environment", "lead")]
    assert [a.text for a in _activities(goals)] == ["Promote mainstreaming tools in sector strategies",
                                                    "Coordinate mainstreaming pilots"]


def test_labels_over_values_naplog_does_not_know_repeated_on_every_card(tmp_path):
    # The same template with labels in made-up words (benchmarks.ablation): printed on every card,
    # they are labels; the one carrying the card's number titles it.
    sheet = Sheet(tmp_path / "unknown.pdf")
    names = ["Overarching mainstreaming initiative", "Climate finance readiness", "Implementation monitoring"]
    for n, name in enumerate(names, 1):
        sheet.grid([
            [(1, [f"Qvoq qv Qvoqvoqv Qvoqvq No. {n}", name], True),
             (1, ["Qvoqvoqvqv Qvoq Qvoqvq / Qvoqvoqv", "Ministry of Tourism and Environment"], True)],
            [(2, ["Activities"], True)],
            [(2, [f"• Promote the tools of action {n} in sector strategies", f"• Coordinate the pilots of action {n}"],
              False)],
        ], widths=(200, 275))
    goals, _claimed = _cards(sheet.save())
    # (A label naplog does not know stays in the title: nothing says where the name begins.)
    assert [g.text for g in goals] == [f"Qvoq qv Qvoqvoqv Qvoqvq No. {n} {name}" for n, name in enumerate(names, 1)]
    assert [[(i.name, i.role) for i in g.institutions] for g in goals] == [
        [("Ministry of Tourism and Environment", "lead")]] * 3
    assert [[a.text for o in g.outputs for a in o.activities] for g in goals][0] == [
        "Promote the tools of action 1 in sector strategies", "Coordinate the pilots of action 1"]


def test_measures_numbered_by_their_label_keep_the_number_as_code(tmp_path):
    # Cameroon's sector cards (p68-75): "Mesure 6.11. Encourager ...", the label and number before
    # each measure's text, as a table's cells print "Output 2: ...".
    sheet = Sheet(tmp_path / "measures.pdf")
    sheet.grid([
        [(2, ["Secteur 6. Energie et industrie"], True)],
        _label("Objectif", "Reduire la vulnerabilite du secteur"),
        _label("Mesures", "Mesure 6.10. Examiner les plans d'utilisation des terres", "",
               "Mesure 6.11. Encourager la relocalisation des industries", "",
               "Mesure 6.12. Developper les produits industriels de qualite"),
        _label("Responsable", "Ministry of Industry"),
    ])
    goals, _claimed = _cards(sheet.save())
    assert [(a.code, a.text) for a in _activities(goals)] == [
        ("6.10", "Examiner les plans d'utilisation des terres"),
        ("6.11", "Encourager la relocalisation des industries"),
        ("6.12", "Developper les produits industriels de qualite")]
