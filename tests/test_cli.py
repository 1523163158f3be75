"""The naplog commands end to end on a sample PDF."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()
SAMPLE = SAMPLES / "en_ruled_repeated_header.pdf"


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


def test_help_lists_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for cmd in ("extract", "ingest", "export", "show", "documents", "schema"):
        assert cmd in result.output


def test_extract_json_contract():
    result = invoke("extract", str(SAMPLE))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["kind"] == "nap"
    assert data["document"]["language"] == "en"
    goal = data["goals"][0]
    assert {"code", "text", "pillar", "page", "indicators", "outputs"} <= goal.keys()
    output = goal["outputs"][0]
    assert {"code", "text", "page", "indicators", "institutions", "activities"} <= output.keys()
    act = output["activities"][0]
    assert {"code", "text", "page", "indicators", "institutions", "years", "budget"} <= act.keys()
    assert act["code"] == "1.1.1" and act["years"] == [2024, 2025, 2026, 2027, 2028]
    assert [i["name"] for i in act["institutions"]] == ["SEI", "MAE", "CSOs"]


def test_extract_jsonl_and_csv_give_one_row_per_activity():
    jsonl = invoke("extract", str(SAMPLE), "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    data = json.loads(invoke("extract", str(SAMPLE)).stdout)
    n_activities = sum(len(o["activities"]) for g in data["goals"] for o in g["outputs"])
    assert len(rows) == n_activities
    assert rows[0]["goal_text"] == data["goals"][0]["text"]  # parent text repeated
    table = list(csv.DictReader(io.StringIO(invoke("extract", str(SAMPLE), "-f", "csv").stdout)))
    assert len(table) == n_activities and table[0]["activity_code"] == "1.1.1"


def test_extract_bad_file_names_the_file(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_text("this is not a pdf")
    result = invoke("extract", str(bad))
    assert result.exit_code == 2
    assert "broken.pdf" in result.output and "not a PDF" in result.output
    missing = invoke("extract", str(tmp_path / "missing.pdf"))
    assert missing.exit_code == 2 and "missing.pdf: no such file" in missing.output


def test_truncated_pdf_is_reported(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(SAMPLE.read_bytes()[:2000])
    result = invoke("extract", str(cut))
    assert result.exit_code == 2 and "cut.pdf" in result.output


def test_ingest_twice_loads_once_then_export_and_show(tmp_path):
    db = str(tmp_path / "store.db")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "plan.pdf").write_bytes(SAMPLE.read_bytes())
    (folder / "notes.txt").write_text("ignored")
    first = invoke("ingest", str(folder), "--db", db)
    assert first.exit_code == 0, first.output
    assert "1 loaded" in first.stdout
    exported = invoke("export", "--db", db)
    second = invoke("ingest", str(folder), "--db", db)
    assert "1 unchanged" in second.stdout and second.exit_code == 0
    # Answered from the store file (pipeline.store.probe): no Prefect server started for it.
    assert "Prefect:" in first.output and "Prefect:" not in second.output
    assert invoke("export", "--db", db).stdout == exported.stdout
    [doc] = json.loads(exported.stdout)  # a list, even of one document
    assert doc["document"]["id"] == 1
    by_path = invoke("export", "--document", str(folder / "plan.pdf"), "--db", db, "-f", "jsonl")
    assert by_path.exit_code == 0 and by_path.stdout.count("\n") == len(
        [a for g in doc["goals"] for o in g["outputs"] for a in o["activities"]])
    shown = invoke("show", "1", "--db", db)
    assert shown.exit_code == 0 and "1.1.1" in shown.stdout and "SEI" in shown.stdout
    listed = invoke("documents", "--db", db)
    assert "plan.pdf" in listed.stdout


def test_ingest_keeps_going_after_a_bad_file(tmp_path):
    db = str(tmp_path / "store.db")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_bad.pdf").write_text("garbage")
    (folder / "b_good.pdf").write_bytes(SAMPLE.read_bytes())
    result = invoke("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    assert "1 failed" in result.stdout and "1 loaded" in result.stdout
    assert "a_bad.pdf: not a PDF" in result.output


def test_show_unknown_document(tmp_path):
    from pipeline.store.database import Store

    Store(str(tmp_path / "s.db")).dispose()  # an empty store (show never creates one)
    result = invoke("show", "42", "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 2 and "no document with id 42" in result.output


def test_naplog_db_environment_variable(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("NAPLOG_DB", str(db))
    result = invoke("ingest", str(SAMPLE))
    assert result.exit_code == 0 and db.exists()


def test_console_script_runs():
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "ingest" in proc.stdout


def test_extract_imports_only_what_one_document_needs(tmp_path):
    """`naplog extract` starts fast: no Prefect, no SQLAlchemy, no trained spaCy pipeline, and
    pdfminer's page reading only where PDFium cannot read a page."""
    code = ("import sys\n"
            "from pipeline.cli import app\n"
            f"app(['extract', {str(SAMPLES / 'en_ruled_repeated_header.pdf')!r}, '-o', {str(tmp_path / 'out.json')!r}],"
            " standalone_mode=False)\n"
            "print(' '.join(sorted(m for m in sys.modules if '.' not in m or m.startswith('pipeline.'))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert json.loads((tmp_path / "out.json").read_text())["goals"]
    assert not loaded & {"prefect", "sqlalchemy", "en_core_web_sm", "fr_core_news_sm"}
    assert "pipeline.pdf.pdfplumber_reader" not in done.stdout
