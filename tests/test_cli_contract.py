"""The command line's contract (issue 23): a mistyped --db creates nothing, an unknown database is
one error line, file names never drive the terminal nor overflow the file system, every command
takes -v/-q, and the libraries' log lines stay off the terminal unless -v."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.store.database import Store
from tests.bad_inputs import text_pdf
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()
FAST = SAMPLES / "fr_narrative_plan.pdf"  # read in a tenth of a second

READ_ONLY = [["export"], ["export", "-f", "xlsx", "-o", "out.xlsx"], ["show", "1"], ["documents"], ["review", "1"],
             ["compare"], ["scorecard", "1"], ["corrections", "list"]]
EVERY_COMMAND = [["extract"], ["ingest"], ["export"], ["show"], ["documents"], ["schema"], ["review"],
                 ["corrections", "apply"], ["corrections", "list"], ["compare"], ["scorecard"]]


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    return lines[0]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_read_only_commands_never_create_a_store(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "naplgo.db"
    res = runner.invoke(app, [*command, "--db", str(typo)])
    assert res.exit_code == 2, res.output
    assert str(typo) in _one_error_line(res.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["documents"], ["ingest", str(FAST)], ["corrections", "apply", "w.xlsx"]],
                         ids=" ".join)
def test_a_missing_folder_is_an_error_not_created(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, [*command, "--db", str(tmp_path / "nonexistent" / "dir" / "x.db")])
    assert res.exit_code == 2, res.output
    assert "nonexistent" in _one_error_line(res.output) and "does not exist" in res.output
    assert not (tmp_path / "nonexistent").exists()


def test_sqlite_urls_are_read_as_sqlalchemy_reads_them(tmp_path, monkeypatch):
    """Three slashes: relative to the current folder; four: absolute. Neither creates a folder."""
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["documents", "--db", "sqlite:///tmp/x.db"])
    assert res.exit_code == 2 and "folder tmp does not exist" in _one_error_line(res.output)
    assert not (tmp_path / "tmp").exists()
    (tmp_path / "tmp").mkdir()
    Store(str(tmp_path / "tmp" / "x.db")).load(_logframe())
    for url in ("sqlite:///tmp/x.db", f"sqlite:///{tmp_path}/tmp/x.db".replace("///", "////", 1)):
        res = runner.invoke(app, ["documents", "--db", url])
        assert res.exit_code == 0 and "tl.pdf" in res.output, (url, res.output)


@pytest.mark.parametrize("value", ["--refresh-cache", "mysql://user:secret@host/db", "postgresq://host/db",
                                   "postgresql+psycopg2://host/db", "sqlite+pysqlcipher:///x.db"])
def test_a_db_value_naplog_cannot_use_is_one_error_line(value, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["documents"], ["ingest", str(FAST)]):
        res = runner.invoke(app, [*command, "--db", value])
        assert res.exit_code == 2, res.output
        line = _one_error_line(res.output)
        assert "secret" not in line and "Traceback" not in res.output
    assert list(tmp_path.iterdir()) == []  # no file named --refresh-cache


def test_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.startswith("naplog ")


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_every_command_takes_verbose_and_quiet(command):
    res = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert res.exit_code == 0
    assert "-v" in res.output and "--verbose" in res.output and "-q" in res.output and "--quiet" in res.output


def test_quiet_prints_the_output_and_errors_only(tmp_path):
    db = str(tmp_path / "x.db")
    Store(db).load(_logframe())
    res = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "o.csv"), "--db", db, "-q"])
    assert res.exit_code == 0 and res.output == "" and (tmp_path / "o.csv").is_file()
    res = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "no" / "o.csv"), "--db", db, "-q"])
    assert res.exit_code == 2 and "does not exist" in _one_error_line(res.output)


def _long_page_with_a_bad_colour(folder: Path) -> Path:
    """A page of more characters than PDFium's text page holds, so pdfminer reads it, and whose
    colour operator has no number: pdfminer logs "Cannot set gray level ..." as a warning."""
    line = b"Activity to train women candidates and mediators in every district of the country again"
    rows = b"".join(b"BT /F1 2 Tf 10 %d Td (%s) Tj ET " % (830 - 2 * i, line) for i in range(410))
    folder.mkdir(exist_ok=True)
    pdf = folder / "long-page.pdf"
    pdf.write_bytes(text_pdf([b"/nope g " + rows]))
    return pdf


def test_library_log_lines_only_with_verbose(tmp_path):
    """pdfminer's warning reached the terminal through logging's last resort."""
    pdf = _long_page_with_a_bad_colour(tmp_path / "in")
    naplog = [sys.executable, "-m", "pipeline.cli", "extract", str(pdf), "-f", "csv"]
    quiet = subprocess.run(naplog, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert quiet.returncode == 0, quiet.stderr
    assert "Cannot set gray" not in quiet.stderr and "pdfminer" not in quiet.stderr
    loud = subprocess.run([*naplog, "-v"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "Cannot set gray" in loud.stderr


@pytest.mark.slow
def test_library_log_lines_stay_off_the_terminal_in_a_batchs_workers(tmp_path):
    """In `naplog ingest` the worker processes read the pages: Prefect's console handler printed
    pdfminer's warning there ("12:53:38.798 | WARNING | pdfminer.pdfinterp - Cannot set gray ...")."""
    pdf = _long_page_with_a_bad_colour(tmp_path / "in")
    res = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(pdf.parent), "--db", str(tmp_path / "x.db"),
                          "--cache-dir", str(tmp_path / "cache"), "--workers", "1"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "failed" in res.stdout + res.stderr  # a page of one line repeated holds no logframe
    assert "Cannot set gray" not in res.stdout + res.stderr and "pdfminer" not in res.stdout + res.stderr


# ---- file names ----------------------------------------------------------------------------------

def test_review_of_a_document_with_a_255_byte_name(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "é" * 60 + "p" * (255 - 120 - 4) + ".pdf"  # 255 bytes in UTF-8
    assert len(name.encode()) == 255
    pdf = folder / name
    shutil.copy(FAST, pdf)
    db = str(tmp_path / "x.db")
    outcome = ingest_file(Store(db), pdf)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["review", str(outcome.document_id), "--db", db])
    assert res.exit_code == 0, res.output
    written = [p for p in tmp_path.iterdir() if p.name.endswith(".review.html")]
    assert len(written) == 1 and len(written[0].name.encode()) <= 255
    assert written[0].name.startswith("é" * 60)


def test_control_characters_in_file_names_never_reach_the_terminal(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = folder / "plan\x1b[2J\x1b[31mred.pdf"
    shutil.copy(FAST, pdf)
    db = str(tmp_path / "x.db")
    outcome = ingest_file(Store(db), pdf)
    assert outcome.status == "loaded"
    monkeypatch.chdir(tmp_path)
    # The summary's document column whole: a wide terminal for these calls only (setting the
    # console's width with monkeypatch would pin it at 80 columns for every later test).
    wide = {"COLUMNS": "300"}
    # The ingest summary (a batch the store already has whole: no Prefect run) and review's messages.
    for args in (["ingest", str(pdf)], ["review", str(outcome.document_id)], ["show", str(outcome.document_id)]):
        res = runner.invoke(app, [*args, "--db", db], env=wide)
        assert res.exit_code == 0, res.output
        assert "\x1b" not in res.output, (args, res.output)
    assert "\\x1b" in runner.invoke(app, ["ingest", str(pdf), "--db", db], env=wide).output
    assert (tmp_path / "plan_[2J_[31mred.review.html").is_file()  # the review's own name: no ESC either


def _logframe():  # noqa: ANN202 - a Logframe
    from tests.test_store import make_logframe

    return make_logframe()
