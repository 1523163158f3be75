"""A file that exhausts the memory of the process reading it, through ``naplog ingest`` (issue 23):
the flow's worker survives (the pages are read in a capped child), the file is reported failed
with the limit, and the next run remembers it instead of losing a worker again."""

from __future__ import annotations

import pytest

from pipeline.settings import Limits
from pipeline.store.database import Store
from tests.hostile_pdfs import nested_forms


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
