"""Corrections: record keys, xlsx round trip, applying edits, re-application after re-extraction."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.outputs.workbook import apply_workbook
from pipeline.store.corrections import (
    CorrectionError,
    correction_issues,
    list_corrections,
)


def _listed(store, document_id=None):  # noqa: ANN001, ANN202
    with store.session(readonly=True) as s:
        return list_corrections(s, document_id)


def _issues(store, document_id=None):  # noqa: ANN001, ANN202
    with store.session(readonly=True) as s:
        return correction_issues(s, document_id)
from pipeline.batch import ingest_file
from pipeline.outputs.workbook import read_workbook, write_workbook
from pipeline.store.database import Store
from pipeline.store.keys import indicator_keys, level_keys, text_hash
from pipeline.store.schema import (
    ActivityRow,
    GoalRow,
    IndicatorRow,
    InstitutionLinkRow,
    OutputRow,
    RunRow,
)
from tests.conftest import SAMPLES
from tests.test_store import make_logframe

runner = CliRunner()


def _set(path: Path, sheet: str, record_key: str, column: str, value) -> None:  # noqa: ANN001
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    col = header.index(column) + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value == record_key:
            ws.cell(row=row[0].row, column=col, value=value)
            break
    else:
        raise AssertionError(f"{record_key} not in sheet {sheet}")
    wb.save(path)


def _keys(store: Store, model) -> list[str]:  # noqa: ANN001
    with store.session() as s:
        return sorted(s.scalars(select(model.record_key)))


# ---- record keys ---------------------------------------------------------------------------------

def test_key_scheme():
    assert level_keys("7:", "g", ["1", None, "1"]) == ["7:g1", "7:g#2", "7:g1~2"]
    assert level_keys("7:g1", "o", ["1.1"]) == ["7:g1/o1.1"]
    h = text_hash("# of  laws REVIEWED")
    assert h == text_hash("# of laws reviewed") and len(h) == 8
    assert indicator_keys("7:g1/o1.1", [(None, "# of laws reviewed"), ("2", "x")]) == [
        f"7:g1/o1.1/i{h}", "7:g1/o1.1/i2"]


def test_writer_stores_record_keys(tmp_path):
    store = Store(str(tmp_path / "k.db"))
    doc = store.load(make_logframe()).document_id
    assert _keys(store, GoalRow) == [f"{doc}:g1"]
    assert _keys(store, OutputRow) == [f"{doc}:g1/o1.1"]
    assert _keys(store, ActivityRow) == [f"{doc}:g1/o1.1/a1.1.2"]
    assert _keys(store, IndicatorRow) == sorted([f"{doc}:g1/o1.1/i{text_hash('# of laws reviewed')}",
                                                f"{doc}:g1/o1.1/a1.1.2/i{text_hash('# and % of women elected')}"])
    assert _keys(store, InstitutionLinkRow) == sorted(
        [f"{doc}:g1/o1.1/a1.1.2/n{text_hash('SEI')}", f"{doc}:g1/o1.1/a1.1.2/n{text_hash('CSOs')}"])


def test_migration_backfills_keys_of_records_stored_before_it(tmp_path):
    store = Store(str(tmp_path / "b.db"))
    ingest_file(store, SAMPLES / "en_docx_merged_outcomes.pdf")
    models = (GoalRow, OutputRow, ActivityRow, IndicatorRow, InstitutionLinkRow)
    before = {m: _keys(store, m) for m in models}
    with store.session() as s:
        for m in models:
            s.execute(update(m).values(record_key=None))
    spec = importlib.util.spec_from_file_location(
        "m0002", Path("pipeline/store/migrations/versions/0002_record_keys_and_corrections.py").resolve())
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with store.engine.begin() as conn:
        mod._backfill(conn)
    assert {m: _keys(store, m) for m in models} == before


def test_migration_downgrades_and_upgrades(tmp_path):
    from alembic import command

    from pipeline.store.migrations import alembic_config

    store = Store(str(tmp_path / "m.db"))
    store.load(make_logframe())
    cfg = alembic_config(store.engine)
    command.downgrade(cfg, "0001")
    command.upgrade(cfg, "head")
    assert _keys(store, GoalRow)[0].endswith(":g1")  # backfilled again


# ---- xlsx ----------------------------------------------------------------------------------------

def test_xlsx_round_trip_changes_nothing(tmp_path):
    store = Store(str(tmp_path / "x.db"))
    outcome = ingest_file(store, SAMPLES / "en_docx_merged_outcomes.pdf")
    path = write_workbook(store, [outcome.document_id], tmp_path / "c.xlsx")
    wb = openpyxl.load_workbook(path)
    assert [n for n in wb.sheetnames if not n.startswith("_")] == [
        "about", "goals", "outputs", "activities", "indicators", "institutions", "observations"]
    counts = outcome.counts
    for sheet, n in (("goals", counts["goals"]), ("outputs", counts["outputs"]),
                     ("activities", counts["activities"]), ("indicators", counts["indicators"]),
                     ("institutions", counts["institutions"])):
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert rows[0][:4] == ("record_key", "document", "parent_key", "page")
        assert len(rows) - 1 == n
        keys = [r[0] for r in rows[1:]]
        assert len(set(keys)) == n and all(k.startswith(f"{outcome.document_id}:") for k in keys)
    first_activity = list(wb["activities"].iter_rows(values_only=True))[1]
    assert first_activity[0] == f"{outcome.document_id}:g1/o1.1/a1.1.1"
    assert first_activity[2] == f"{outcome.document_id}:g1/o1.1"
    assert "2025,2026,2027" in first_activity
    edits = read_workbook(path)
    assert len(edits) == sum(counts[k] for k in ("goals", "outputs", "activities", "indicators", "institutions"))
    report = apply_workbook(store, path, author="ana")
    assert report.applied == [] and report.skipped == []
    assert _listed(store) == []


def test_cli_export_xlsx_needs_output_and_keeps_other_formats(tmp_path):
    db = str(tmp_path / "cli.db")
    store = Store(db)
    store.load(make_logframe())
    res = runner.invoke(app, ["export", "--format", "xlsx", "--db", db])
    assert res.exit_code == 2 and "--output FILE.xlsx" in res.output
    res = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(tmp_path / "out.xlsx"), "--db", db])
    assert res.exit_code == 0, res.output
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames[1] == "goals"
    from pipeline.outputs.export import render

    res = runner.invoke(app, ["export", "--format", "csv", "--db", db])
    assert res.stdout == render(store.logframes(), "csv")


def _corrected_store(db_url: str, tmp_path: Path) -> tuple[Store, int, Path]:
    store = Store(db_url)
    doc = store.load(make_logframe(version="1.0")).document_id
    path = write_workbook(store, [doc], tmp_path / "edit.xlsx")
    ind = f"{doc}:g1/o1.1/a1.1.2/i{text_hash('# and % of women elected')}"
    _set(path, "activities", f"{doc}:g1/o1.1/a1.1.2", "text", "Undertake advocacy and lobbying with parliament")
    _set(path, "activities", f"{doc}:g1/o1.1/a1.1.2", "budget_amount", 175000)
    _set(path, "activities", f"{doc}:g1/o1.1/a1.1.2", "years", "2024, 2025, 2026")
    _set(path, "indicators", ind, "target", "35%")
    _set(path, "goals", f"{doc}:g1", "pillar", "Pillar 1: Participation and leadership")
    _set(path, "institutions", f"{doc}:g1/o1.1/a1.1.2/n{text_hash('CSOs')}", "role", "lead")
    return store, doc, path


def test_apply_records_who_when_old_new(db_url, tmp_path):
    store, doc, path = _corrected_store(db_url, tmp_path)
    report = apply_workbook(store, path, author="ana")
    assert len(report.applied) == 6 and report.skipped == []
    rows = _listed(store, doc)
    got = {(c.record_key.rsplit("/", 1)[-1], c.field): (c.old, c.new, c.author, c.status) for c in rows}
    assert got[("a1.1.2", "text")] == ("Undertake advocacy and lobbying",
                                       "Undertake advocacy and lobbying with parliament", "ana", "applied")
    assert got[("a1.1.2", "budget_amount")] == ("150000", "175000", "ana", "applied")
    assert got[("a1.1.2", "years")] == ("2024,2025", "2024,2025,2026", "ana", "applied")
    assert got[(f"i{text_hash('# and % of women elected')}", "target")][:2] == ("30%", "35%")
    assert got[(f"n{text_hash('CSOs')}", "role")][:2] == ("partner", "lead")
    assert all(c.created_at is not None and c.applied_at is not None for c in rows)
    lf = store.logframe(doc)
    act = lf.activities()[0]
    assert act.text == "Undertake advocacy and lobbying with parliament"
    assert act.budget.amount == 175000 and act.years == [2024, 2025, 2026] and act.quarters == ["2025-Q3"]
    assert act.indicators[0].target == "35%"
    assert [i.role for i in act.institutions] == ["lead", "lead"]
    assert lf.goals[0].pillar == "Pillar 1: Participation and leadership"
    # Applying the same workbook again changes nothing.
    assert apply_workbook(store, path, author="ana").applied == []


def test_reextraction_reapplies_corrections_and_reports_orphans(db_url, tmp_path):
    store, doc, path = _corrected_store(db_url, tmp_path)
    apply_workbook(store, path, author="ana")

    # A newer extractor reads the same records: every correction is re-applied.
    result = store.load(make_logframe(version="2.0"))
    assert result.status == "replaced" and result.document_id == doc
    assert result.corrections is not None
    assert (result.corrections.applied, result.corrections.issues) == (6, [])
    act = store.logframe(doc).activities()[0]
    assert act.text == "Undertake advocacy and lobbying with parliament" and act.budget.amount == 175000
    assert act.indicators[0].target == "35%"

    # The next one renumbers the activity (its key no longer resolves) and rewrites the goal's pillar.
    lf = make_logframe(version="3.0")
    lf.goals[0].outputs[0].activities[0].code = "1.1.3"
    lf.goals[0].pillar = "Pillar 1: Women's participation"
    result = store.load(lf)
    rep = result.corrections
    assert rep.applied == 0
    assert sorted(i.field for i in rep.orphaned) == ["budget_amount", "role", "target", "text", "years"]
    assert [(i.field, i.status) for i in rep.conflicts] == [("pillar", "conflict")]
    issues = _issues(store, doc)
    assert len(issues) == 6 and {i.status for i in issues} == {"orphaned", "conflict"}
    assert all(i.author == "ana" and i.message for i in issues)
    after = store.logframe(doc)
    assert after.activities()[0].text == "Undertake advocacy and lobbying"  # the extracted text, uncorrected
    assert after.goals[0].pillar == "Pillar 1: Women's participation"  # conflict: extraction kept
    with store.session() as s:
        last = s.scalars(select(RunRow).order_by(RunRow.id.desc())).first()
        assert "5 orphaned, 1 conflicting" in last.message

    # Orphans are kept, not dropped: when the record comes back they apply again.
    result = store.load(make_logframe(version="4.0"))
    assert result.corrections.applied == 6 and result.corrections.issues == []
    assert _issues(store, doc) == []


def test_unchanged_load_does_not_touch_corrections(tmp_path):
    store, doc, path = _corrected_store(str(tmp_path / "u.db"), tmp_path)
    apply_workbook(store, path, author="ana")
    result = store.load(make_logframe(version="1.0"))
    assert result.status == "unchanged" and result.corrections is None
    assert store.logframe(doc).activities()[0].budget.amount == 175000


def test_new_extraction_already_holding_the_value_counts_as_applied(tmp_path):
    store, doc, path = _corrected_store(str(tmp_path / "a.db"), tmp_path)
    apply_workbook(store, path, author="ana")
    result = store.load(make_logframe(version="2.0", activity="Undertake advocacy and lobbying with parliament"))
    assert result.corrections.already == 1 and result.corrections.applied == 5
    assert result.corrections.issues == []


def test_invalid_cells_apply_nothing(tmp_path):
    store = Store(str(tmp_path / "i.db"))
    doc = store.load(make_logframe()).document_id
    path = write_workbook(store, [doc], tmp_path / "bad.xlsx")
    _set(path, "activities", f"{doc}:g1/o1.1/a1.1.2", "text", "A valid change")
    _set(path, "activities", f"{doc}:g1/o1.1/a1.1.2", "years", "2024, 1850")
    _set(path, "institutions", f"{doc}:g1/o1.1/a1.1.2/n{text_hash('SEI')}", "role", "boss")
    with pytest.raises(CorrectionError) as exc:
        apply_workbook(store, path, author="ana")
    assert "column years" in str(exc.value) and "'boss' is not one of lead, partner" in str(exc.value)
    assert _listed(store) == []
    assert store.logframe(doc).activities()[0].text == "Undertake advocacy and lobbying"


def test_stale_workbook_does_not_overwrite_a_later_correction(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    doc = store.load(make_logframe()).document_id
    key = f"{doc}:g1/o1.1/a1.1.2"
    old_copy = write_workbook(store, [doc], tmp_path / "old.xlsx")
    first = write_workbook(store, [doc], tmp_path / "first.xlsx")
    _set(first, "activities", key, "timeline", "2024-2026")
    apply_workbook(store, first, author="bo")
    _set(old_copy, "activities", key, "timeline", "2024-2027")
    _set(old_copy, "activities", key, "code", "1.1.9")
    report = apply_workbook(store, old_copy, author="ana")
    assert [c.field for c in report.applied] == ["code"]
    assert len(report.skipped) == 1 and "changed since the export" in report.skipped[0]
    assert store.logframe(doc).activities()[0].timeline == "2024-2026"


def test_cli_corrections_apply_and_list(tmp_path):
    db = str(tmp_path / "c.db")
    store = Store(db)
    doc = store.load(make_logframe()).document_id
    path = tmp_path / "e.xlsx"
    assert runner.invoke(app, ["export", "-f", "xlsx", "-o", str(path), "--db", db]).exit_code == 0
    _set(path, "goals", f"{doc}:g1", "text", "Improving women's participation")
    res = runner.invoke(app, ["corrections", "apply", str(path), "--author", "ana", "--db", db])
    assert res.exit_code == 0, res.output
    assert "1 correction applied" in res.stdout
    res = runner.invoke(app, ["corrections", "list", str(doc), "--db", db], env={"COLUMNS": "300"})
    assert res.exit_code == 0 and "ana" in res.stdout and "applied" in res.stdout
    res = runner.invoke(app, ["corrections", "apply", str(tmp_path / "missing.xlsx"), "--db", db])
    assert res.exit_code == 2 and "no such file" in res.output
