"""Rows listing results side by side (extractors/aligned_rows.py): one logframe row per result when
the cells beside the results start their items at the results' heights, and only then."""

from __future__ import annotations

import pytest

from extractors.aligned_rows import split_aligned
from pipeline.extract import extract_file
from pipeline.pdf.model import Line, Word
from tests.conftest import SAMPLES

H = 10.0  # line height
LEADING = 12.0  # from one line's top to the next


def _line(text: str, x0: float, row: int) -> Line:
    """A line of a cell, ``row`` lines below the row's top; a leading "•" marks an item."""
    top = 100.0 + row * LEADING
    return Line([Word(text, x0, top, x0 + 6.0 * len(text), top + H, H, False)])


def _cell(x0: float, rows: dict[int, str]) -> list[Line]:
    return [_line(text, x0, row) for row, text in sorted(rows.items())]


ROLES = {0: "goal", 1: "output", 2: "indicator", 3: "activity", 4: "lead", 5: "timeline"}


def _row(indicators: dict[int, str], lead: dict[int, str] | None = None) -> dict[int, list[Line]]:
    """An outcome with two results (lines 0 and 3), its period once at the top."""
    return {
        0: _cell(10, {0: "Women take part in", 1: "peace processes at", 2: "every level", 3: "and in", 4: "councils"}),
        1: _cell(120, {0: "• Mediators deployed", 3: "• Committees include women"}),
        2: _cell(260, indicators),
        3: _cell(400, {0: "• Train mediators", 1: "• Deploy mediators", 3: "• Revise guidelines"}),
        4: _cell(540, lead if lead is not None else {0: "Gender Department", 3: "Cohesion Commission"}),
        5: _cell(660, {0: "2025-2027"}),
    }


def _texts(part: dict[int, list[Line]], col: int) -> list[str]:
    return [ln.text for ln in part.get(col, [])]


def test_results_side_by_side_make_one_row_each():
    parts = split_aligned(_row({0: "• Number of mediators", 3: "• % of members who are women"}), ROLES,
                          ("output", "goal"))
    assert parts is not None and len(parts) == 2
    first, second = parts
    assert _texts(first, 1) == ["• Mediators deployed"]
    assert _texts(second, 1) == ["• Committees include women"]
    assert _texts(first, 3) == ["• Train mediators", "• Deploy mediators"]
    assert _texts(second, 3) == ["• Revise guidelines"]
    assert _texts(first, 2) == ["• Number of mediators"] and _texts(second, 2) == ["• % of members who are women"]
    # An institution list without markers is cut where white space ends one result's lines.
    assert _texts(first, 4) == ["Gender Department"] and _texts(second, 4) == ["Cohesion Commission"]
    # The outcome stays whole in the first row (its text runs down beside both results) ...
    assert len(_texts(first, 0)) == 5 and not _texts(second, 0)
    # ... and the period stated once at the top holds for each result.
    assert _texts(first, 5) == _texts(second, 5) == ["2025-2027"]


def test_a_column_running_past_a_result_without_an_item_there_keeps_the_row_whole():
    # The indicators' first item wraps onto line 3, where the second result starts: nothing says
    # which result the indicators measure.
    row = _row({0: "• Number of mediators and of", 1: "members of the committees", 2: "who are", 3: "women",
                4: "• Share of committees"})
    assert split_aligned(row, ROLES, ("output", "goal")) is None


def test_an_institution_list_running_on_without_a_break_keeps_the_row_whole():
    row = _row({0: "• Number of mediators", 3: "• % of members who are women"},
               lead={0: "Gender Department", 1: "Ministry of Interior", 2: "Cohesion", 3: "Commission"})
    assert split_aligned(row, ROLES, ("output", "goal")) is None


def test_results_whose_indicators_are_printed_on_their_left_are_sub_items():
    # Indicators left of the items they line up with: the items are the targets of one outcome's
    # indicators (the DRC plan's M&E annex), not results with their own indicators.
    roles = {0: "goal", 1: "indicator", 2: "output"}
    row = {0: _cell(10, {0: "Staff capacities strengthened"}),
           1: _cell(120, {0: "1.1 Number of people involved", 3: "1.2 Number of people trained"}),
           2: _cell(300, {0: "1.1 Three people per year", 3: "1.2 Three people trained"})}
    assert split_aligned(row, roles, ("output", "goal")) is None


def test_one_result_is_one_row():
    row = _row({0: "• Number of mediators"})
    row[1] = _cell(120, {0: "• Mediators deployed"})
    assert split_aligned(row, ROLES, ("output", "goal")) is None


@pytest.mark.parametrize("name", ["en_docx_side_by_side_results", "es_docx_resultados_lado_a_lado"])
def test_each_result_of_a_word_plan_keeps_its_own_indicators_activities_and_lead(name: str):
    result = extract_file(SAMPLES / f"{name}.pdf")
    outputs = [o for g in result.goals for o in g.outputs]
    aligned = [o for o in outputs if o.activities]
    assert len(aligned) >= 4
    for out in aligned:
        # Each result's activities are its own (never the activities of the results beside it).
        assert 1 <= len(out.activities) <= 2
        leads = {i.name for i in out.institutions} | {i.name for a in out.activities for i in a.institutions}
        assert len(leads) == 1, (out.text, leads)
