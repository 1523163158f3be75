"""A file that exhausts the memory of the process reading it, through ``naplog ingest`` (issue 23):
the flow's worker survives (the pages are read in a capped child), the file is reported failed
with the limit, and the next run remembers it instead of losing a worker again."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import Limits
from pipeline.store.database import Store
from tests.hostile_pdfs import nested_forms

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.slow
def test_naplog_ingest_remembers_a_file_that_needs_too_much_memory(prefect_server, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app

    # The object graph's limits off, so that PDFium itself meets the bomb (3**24 forms).
    for name, value in Limits(max_form_depth=0, max_page_content_mb=0, max_memory_mb=256).as_env().items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "in"
    folder.mkdir()
    nested_forms(folder / "bomb.pdf", depth=24, uses=3)
    db = str(tmp_path / "h.db")
    runner = CliRunner()

    def naplog() -> str:
        result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--cache-dir", str(tmp_path / "c")])
        assert result.exit_code == 1, result.output
        [line] = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
        return line

    first = naplog()
    assert "bomb.pdf" in first and "256 (NAPLOG_MAX_MEMORY_MB) MB" in first and "remembered" not in first
    again = naplog()
    assert "; remembered from the run of " in again
    assert len(Store(db).runs()) == 1


@pytest.mark.slow
def test_naplog_ingest_attributes_a_dead_worker_to_its_file(prefect_server, tmp_path, monkeypatch):
    """A pool worker killed by a signal while it extracts one file (after its pages were read): that
    file is failed for what it is and remembered; the others, in flight or queued behind it on the
    broken pool, are loaded (before: every one of them failed "A process in the process pool was
    terminated abruptly", none remembered, the same again on every run)."""
    import shutil

    from typer.testing import CliRunner

    from flows.tasks import SIGSEGV_EXTRACTING
    from pipeline.cli import app
    from pipeline.store.faults import FAULT_ENV

    folder = tmp_path / "in"
    folder.mkdir()
    names = ["en_ruled_repeated_header.pdf", "fr_narrative_plan.pdf", "en_narrative_plan.pdf",
             "en_banner_action_tables.pdf"]
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / "en_ruled_repeated_header.pdf", folder / "crashes.pdf")
    (folder / "crashes.pdf").open("ab").write(b"% another file\n")  # other bytes: not a cache hit
    monkeypatch.setenv(FAULT_ENV, SIGSEGV_EXTRACTING + "crashes.pdf")  # a real SIGSEGV of its process
    monkeypatch.setenv("NAPLOG_WORKERS", "2")
    db = str(tmp_path / "w.db")
    runner = CliRunner()

    def naplog() -> list[str]:
        result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--cache-dir", str(tmp_path / "c")])
        assert result.exit_code == 1, result.output
        return [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]

    [first] = naplog()
    assert first.startswith(f"failed: {folder / 'crashes.pdf'}: the process extracting it was ended by SIGSEGV"), first
    store = Store(db)
    assert sorted(Path(d.source_path).name for d in store.documents()) == sorted(names)
    [again] = naplog()
    assert "ended by SIGSEGV" in again and "; remembered from the run of " in again
    assert [r.status for r in store.runs()].count("failed") == 1
