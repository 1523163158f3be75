"""The corrections workbook guides an analyst: drop-down lists on enumerated columns, locked
read-only columns, autofilters, the parents' texts beside each row; applying it unchanged changes
nothing, and neither does editing a parent's text shown there."""

from __future__ import annotations

import openpyxl
import pytest

from pipeline.batch import ingest_file
from pipeline.outputs.workbook import apply_workbook, write_workbook
from pipeline.records import InstitutionType, Role, Unit
from pipeline.store.database import Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("workbook")
    store = Store(str(tmp_path / "w.db"))
    outcome = ingest_file(store, SAMPLES / "en_docx_merged_outcomes.pdf")
    path = write_workbook(store, [outcome.document_id], tmp_path / "c.xlsx")
    yield store, path, store.logframe(outcome.document_id)
    store.dispose()


def _header(ws) -> dict[str, int]:  # noqa: ANN001 - an openpyxl sheet
    return {c.value: c.column for c in ws[1]}


def _lists(ws) -> dict[str, str]:  # noqa: ANN001
    """Column name -> the list a data validation offers on it."""
    names = {c.column_letter: c.value for c in ws[1]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list" and dv.showErrorMessage
        for rng in dv.sqref.ranges:
            out[names[rng.coord.split(":")[0].rstrip("0123456789")]] = dv.formula1
    return out


def test_enumerated_columns_offer_their_values_only(exported):
    _, path, _ = exported
    wb = openpyxl.load_workbook(path)
    assert _lists(wb["institutions"]) == {"role": '"' + ",".join(Role.__args__) + '"',
                                          "type": '"' + ",".join(InstitutionType.__args__) + '"'}
    assert _lists(wb["indicators"]) == {"unit": '"' + ",".join(Unit.__args__) + '"'}
    assert _lists(wb["activities"]) == {}
    role = next(dv for dv in wb["institutions"].data_validations.dataValidation if "lead" in dv.formula1)
    assert not role.allow_blank  # every institution link has a role


def test_read_only_columns_are_locked_and_every_sheet_filters(exported):
    _, path, _ = exported
    wb = openpyxl.load_workbook(path)
    for name in ("goals", "outputs", "activities", "indicators", "institutions"):
        ws = wb[name]
        cols = _header(ws)
        assert ws.protection.sheet and not ws.protection.autoFilter and not ws.protection.sort
        assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(cols)).column_letter}{ws.max_row}"
        for col in ("record_key", "document", "parent_key", "page"):
            assert ws.cell(row=2, column=cols[col]).protection.locked
        assert not ws.cell(row=2, column=cols["code" if name != "institutions" else "role"]).protection.locked
    assert wb["activities"].cell(row=2, column=_header(wb["activities"])["goal_text"]).protection.locked


def test_each_row_shows_its_parents_texts(exported):
    _, path, lf = exported
    ws = openpyxl.load_workbook(path)["activities"]
    cols = _header(ws)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    expected = [(g.text, o.text, a.text) for g in lf.goals for o in g.outputs for a in o.activities]
    assert [(r[cols["goal_text"] - 1], r[cols["output_text"] - 1], r[cols["text"] - 1]) for r in rows] == expected
    indicators = openpyxl.load_workbook(path)["indicators"]
    icols = _header(indicators)
    first = next(indicators.iter_rows(min_row=2, values_only=True))
    assert first[icols["goal_text"] - 1] == lf.goals[0].text


def test_apply_unchanged_or_with_a_parent_text_edited_changes_nothing(exported, tmp_path):
    store, original, _ = exported
    assert apply_workbook(store, original, author="ana").applied == []
    path = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(original)
    ws = wb["activities"]
    ws.cell(row=2, column=_header(ws)["goal_text"]).value = "Someone typed here"
    wb.save(path)
    report = apply_workbook(store, path, author="ana")
    assert report.applied == [] and report.skipped == []
