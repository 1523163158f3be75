"""Card parts whose labels naplog does not know (extractors/card_labels.py): a label's role is read
from its values over all the document's cards, as a table column's is from its cells."""

from __future__ import annotations

import pytest

from tests.test_cards import Sheet, _activities, _cards, _label

# Labels in no language: every card prints the same ones, as a plan's template does.
OBJECTIVE, RESULTS, ACTIONS, MEASURES, LEADS, ALLIES = "Vqjqokkjv", "Jqxjxvqx jzqzwoq", "Kjoozxjokw", \
    "Qjwjvwkkvv", "Wjvwx", "Okqjoxzz"


def _two_cards(sheet: Sheet) -> None:
    sheet.grid([
        [(2, ["Action 1: Women in local peace committees"], True)],
        _label(OBJECTIVE, "Strengthen the leadership of women in local peace committees"),
        _label(RESULTS, "• Local peace committees are chaired by women in half of the districts"),
        _label(ACTIONS, "• Train women committee members in facilitation",
               "• Support exchange visits between women-led peace committees"),
        _label(MEASURES, "• Number of local peace committees chaired by women"),
        _label(LEADS, "Ministry of Local Government"),
        _label(ALLIES, "UN Women"),
    ])
    sheet.grid([
        [(2, ["Action 2: Gender-responsive security sector"], True)],
        _label(OBJECTIVE, "Make the security services responsive to the needs of women"),
        # Alone, this reads as a body's name ("... police command"): the label's other values say it is a result.
        _label(RESULTS, "• Gender desks operate in every regional police command"),
        _label(ACTIONS, "• Open gender desks in regional police commands",
               "• Recruit women police officers for the gender desks"),
        _label(MEASURES, "• Number of regional police commands with a gender desk"),
        _label(LEADS, "Ministry of Internal Affairs"),
        _label(ALLIES, "National Police, UNDP"),
    ])


def test_unknown_labels_take_the_role_their_values_take_over_all_the_cards(tmp_path):
    sheet = Sheet(tmp_path / "unknown_labels.pdf")
    _two_cards(sheet)
    goals, claimed = _cards(sheet.save())
    # A card titled as an action is the goal (docs/inventories.md); the first statement of each card,
    # alone and unmarked, with more below it, is its objective: it restates the title and is no record.
    assert [g.text for g in goals] == ["Women in local peace committees", "Gender-responsive security sector"]
    assert [g.pillar for g in goals] == [None, None]
    texts = {o.text for g in goals for o in g.outputs} | {a.text for a in _activities(goals)}
    assert not texts & {"Strengthen the leadership of women in local peace committees",
                        "Make the security services responsive to the needs of women"}
    assert [[o.text for o in g.outputs if o.text] for g in goals] == [
        ["Local peace committees are chaired by women in half of the districts"],
        ["Gender desks operate in every regional police command"]]
    assert [a.text for a in _activities(goals)] == [
        "Train women committee members in facilitation", "Support exchange visits between women-led peace committees",
        "Open gender desks in regional police commands", "Recruit women police officers for the gender desks"]
    assert [[i.text for i in g.indicators] for g in goals] == [
        ["Number of local peace committees chaired by women"],
        ["Number of regional police commands with a gender desk"]]
    # Of two labels of bodies, the first names who leads, the next the partners.
    assert [[(i.name, i.role) for i in g.institutions] for g in goals] == [
        [("Ministry of Local Government", "lead"), ("UN Women", "partner")],
        [("Ministry of Internal Affairs", "lead"), ("National Police", "partner"), ("UNDP", "partner")]]
    assert claimed == {1}


def test_a_label_opening_in_lower_case_is_the_rest_of_the_label_above(tmp_path):
    from extractors.card_labels import settle_unknown_labels
    from extractors.cards import Card, Part
    from pipeline.pdf.model import Line, PageLayout, Word

    page = PageLayout(number=1, width=600, height=800, words=[], edges=[])
    x = 100.0
    words = []
    for text in "Protect the survivors of sexual violence".split():
        words.append(Word(text, x, 100, x + 6 * len(text), 110, 10, False))
        x += 6 * len(text) + 3
    value = Line(words)
    cards = [Card(title=None, page=page, bbox=None,
                  parts=[Part(role="other", label=label, page=page, lines=[value], guessed=True),
                         Part(role="activity", label="Activities", page=page, lines=[value])])
             for label in ("du projet", "du projet")]
    settle_unknown_labels(cards)
    assert [c.parts[0].role for c in cards] == ["other", "other"]


def test_an_indicator_table_in_plain_type_with_unknown_headers_names_its_level_on_the_left(tmp_path):
    from pipeline.extract import extract_file
    from pipeline.outputs.export import logframe_json

    sheet = Sheet(tmp_path / "plain_header.pdf")
    sheet.text("Table 3: Sample preparedness metrics")
    plain = [(1, ["Vqjqokkjv qkkw"], False), (1, ["Wqkvkxwq (2025)"], False), (1, ["Jooozw (2030)"], False),
             (1, ["Vkw xwwwvvkvv"], False)]
    rows = [("Community disaster awareness", "35% of households aware", "80%",
             ["Proportion of population trained in first aid"]),
            ("Functional early warning systems", "Operational in 2 sub-counties", "Operational in all 7",
             ["Proportion of wards with early warning"]),
            ("Women in disaster preparedness", "28% representation", "55%",
             ["Representation of women in committees"])]
    sheet.grid([plain] + [[(1, [a], False), (1, [b], False), (1, [c], False), (1, d, False)] for a, b, c, d in rows],
               widths=(160, 110, 90, 170))
    lf = logframe_json(extract_file(str(sheet.save())))
    assert [g["text"] for g in lf["goals"]] == [r[0] for r in rows]
    assert [[i["text"] for i in g["indicators"]] for g in lf["goals"]] == [[" ".join(r[3])] for r in rows]


def test_unknown_labels_in_plain_type_are_labels_when_every_card_prints_them(tmp_path):
    sheet = Sheet(tmp_path / "plain_labels.pdf")
    rows = [("Action 1: Women in local peace committees", "Strengthen the leadership of women in peace committees",
             ["• Train women committee members in facilitation", "• Support exchange visits between committees"],
             "Ministry of Local Government"),
            ("Action 2: Gender-responsive security sector", "Make the security services responsive to women",
             ["• Open gender desks in regional police commands", "• Recruit women police officers"],
             "Ministry of Internal Affairs")]
    # One table holds the cards, one after the other (the labels come back in it card after card).
    sheet.grid([row for title, objective, actions, lead in rows for row in (
        [(2, [title], True)], [(1, [OBJECTIVE], False), (1, [objective], False)],
        [(1, [ACTIONS], False), (1, actions, False)], [(1, [LEADS], False), (1, [lead], False)])])
    goals, _claimed = _cards(sheet.save())
    assert [g.text for g in goals] == [r[0].split(": ", 1)[1] for r in rows]
    assert [a.text for a in _activities(goals)] == [a[2:] for r in rows for a in r[2]]
    assert [[i.name for i in g.institutions] for g in goals] == [[r[3]] for r in rows]


# Labels of a dozen words and a table header in no language, printed on every card.
LONG_LABEL = "Kqzvo wjxoq vvq jzwkxo kxvjo qjz zxkqvw"  # seven words: more than a label naplog guesses alone
STEP, WHEN = "Zjqvokw", "Vqxj"


def _numbered_card(sheet: Sheet, number: int, actions: list[tuple[str, str]], measures: list[str]) -> None:
    widths = (30, 150, 195, 100)
    sheet.grid([
        [(4, [f"Project {number}: Water for farming communities {number}"], True)],
        [(2, [OBJECTIVE], True), (2, ["Secure water for the dry season in farming districts"], False)],
        [(2, [LEADS], True), (2, ["Ministry of Water"], False)],
        [(2, [LONG_LABEL], True), (2, [f"• {m}" for m in measures], False)],
        [(1, ["#"], True), (2, [STEP], True), (1, [WHEN], True)],
        *[[(1, [str(i)], False), (2, [a], False), (1, [t], False)] for i, (a, t) in enumerate(actions, 1)],
    ], widths=widths)


def test_a_numbered_table_of_measures_with_unknown_header_words_in_a_card_goes_on_over_the_page(tmp_path):
    sheet = Sheet(tmp_path / "numbered.pdf")
    _numbered_card(sheet, 1, [("Build small dams in dry districts", "Court terme"),
                              ("Train water user committees", "MT et LT")], ["Number of small dams built"])
    sheet.new_page()
    # The table goes on at the top of the next page, its header not printed again.
    sheet.grid([[(1, ["3"], False), (2, ["Rehabilitate village boreholes"], False), (1, ["LT"], False)]],
               widths=(30, 150, 195, 100))
    goals, _claimed = _cards(sheet.save())
    # The numbered rows under "# | Zjqvokw | Vqxj" are the card's measures, each with its period.
    assert [(a.text, a.timeline) for a in _activities(goals)] == [
        ("Build small dams in dry districts", "Court terme"), ("Train water user committees", "MT et LT"),
        ("Rehabilitate village boreholes", "LT")]


def test_a_long_label_every_card_prints_is_a_label(tmp_path):
    sheet = Sheet(tmp_path / "template.pdf")
    for n in (1, 2, 3):
        _numbered_card(sheet, n, [(f"Build small dams in district {n}", "CT")],
                       [f"Number of small dams built in district {n}", f"Share of farms irrigated in district {n}"])
    goals, _claimed = _cards(sheet.save())
    # Its values are measurements over all the cards: the indicators of each card.
    assert [[i.text for i in g.indicators] for g in goals] == [
        [f"Number of small dams built in district {n}", f"Share of farms irrigated in district {n}"] for n in (1, 2, 3)]


# (``explained``: each action followed by a line explaining it, which reads as no kind of item.)
@pytest.mark.parametrize("explained", [False, True])
def test_of_two_lists_of_actions_on_a_card_the_first_states_its_results(tmp_path, explained):
    sheet = Sheet(tmp_path / "two_lists.pdf")
    strategy, measures = "Vzvjwqwo xqwkqx", "Kxxzkj xv"
    for n, sector in ((1, "Fisheries"), (2, "Forestry")):
        note = ["• This concerns the coastal districts"] if explained else []
        sheet.grid([
            [(2, [f"Sector {n}. {sector}"], True)],
            _label(OBJECTIVE, f"Reduce the vulnerability of {sector.lower()} to climate change"),
            _label(strategy, f"• Organise the {sector.lower()} sector", f"• Diversify {sector.lower()} incomes"),
            _label(measures, f"• Action {n}.1: Map the {sector.lower()} areas exposed to floods", *note,
                   f"• Action {n}.2: Train {sector.lower()} cooperatives in early warning", *note),
            _label(LEADS, f"Ministry of {sector}"),
        ])
    goals, _claimed = _cards(sheet.save())
    # The list over the actions is what they serve: the outputs (a card states its levels top down).
    assert [o.text for g in goals for o in g.outputs if o.text] == [
        "Organise the fisheries sector", "Diversify fisheries incomes",
        "Organise the forestry sector", "Diversify forestry incomes"]
    assert len(_activities(goals)) == (8 if explained else 4)


def _sheet_actions(sector: str) -> list[str]:
    return [f"Train {sector.lower()} workers in early warning", f"Map the {sector.lower()} sites exposed to floods",
            f"Inform the {sector.lower()} users of the risks", f"Rebuild the {sector.lower()} works away from floods",
            f"Insure the {sector.lower()} assets against droughts", f"Plan the {sector.lower()} budget for disasters",
            f"Restore the {sector.lower()} land after floods", f"Monitor the {sector.lower()} losses every year",
            f"Protect the {sector.lower()} records from floods", f"Equip the {sector.lower()} offices with radios"]


@pytest.mark.parametrize("own_label", [False, True])
def test_plain_labels_beside_their_values_without_rules_on_every_sheet_are_labels(tmp_path, own_label):
    from tests.test_cards import _beside

    soon, later, leads = "Qvxoz kq zowkq", "Qvxoz kq jwzzk", "Zkwqovwo"  # plain type, no rules, no known word
    sheet = Sheet(tmp_path / "unruled_template.pdf")
    sectors = ["Health", "Water", "Tourism"]
    for n, sector in enumerate(sectors):
        if n:
            sheet.new_page()
            sheet.top += 40 * n  # the sheets start at different heights (no running header)
        sheet.text(sector, bold=True)
        _beside(sheet, [(soon, [f"• {a}" for a in _sheet_actions(sector)[:5]]),
                        (later, [f"• {a}" for a in _sheet_actions(sector)[5:]]),
                        (leads, [f"Ministry of {sector}"]),
                        # (``own_label``: a label of this sheet only, saying nothing naplog reads.)
                        *([(f"{sector} Kqo", ["See the annex"])] if own_label else [])])
    goals, claimed = _cards(sheet.save())
    # The labels come back on every sheet beside their values: each sheet's actions are read.
    assert sorted(a.text for a in _activities(goals)) == sorted(a for s in sectors for a in _sheet_actions(s))
    assert claimed == {1, 2, 3}


def test_cards_of_one_kind_of_part_under_labels_every_card_prints_are_cards(tmp_path):
    sheet = Sheet(tmp_path / "one_kind.pdf")
    aims, steps = "Qzvkwj xoq", "Vkqjzo wxz"  # both read as actions from their values: one kind of part
    sectors = ["Health", "Water", "Forests"]
    for n, sector in enumerate(sectors, 1):
        sheet.grid([
            [(2, [f"Sector {n}. {sector}"], True)],
            _label(aims, f"Reduce the vulnerability of {sector.lower()} to floods"),
            _label(steps, f"• Map the {sector.lower()} sites exposed to floods",
                   f"• Train {sector.lower()} staff in early warning"),
        ])
    goals, _claimed = _cards(sheet.save())
    # Every card prints the two labels: each is a card, though its parts are all of one kind, its
    # objective the goal under its sector, its list the goal's actions.
    assert [(g.text, g.pillar, [a.text for o in g.outputs for a in o.activities]) for g in goals] == [
        (f"Reduce the vulnerability of {s.lower()} to floods", s,
         [f"Map the {s.lower()} sites exposed to floods", f"Train {s.lower()} staff in early warning"])
        for s in sectors]


def test_triage_reads_a_numbered_sheet_over_a_grid_whatever_its_labels(tmp_path):
    from pipeline.pdf.triage import triage_pdf
    from tests.test_cards import _on_page_three

    sheet = _on_page_three(tmp_path / "titled.pdf")  # pages 1-2 are read in full as the cover
    sheet.text("Priority Action No. 3", bold=True)
    sheet.grid([_label(OBJECTIVE, "Raise the share of women in the police and the army"),
                _label(ACTIONS, "• Recruit women officers in every regional command",
                       "• Open separate facilities for women in barracks"),
                _label(MEASURES, "• Number of women officers recruited"),
                _label(LEADS, "Ministry of Defence")])
    path = sheet.save()
    surveys, _ = triage_pdf(path)
    # No label is known: the sheet's numbered title over a drawn grid says "card".
    assert (surveys[2].full, surveys[2].reason) == (True, "sheet title")
