"""Remembered failures in the Prefect flow and through ``naplog ingest`` (docs/robustness.md, "Re-runs").

The plain-Python ingestion's tests, with the classification and the key: tests/test_remembered_failures.py.
Here the same rules hold where the flow applies them: ``check-store`` finds the remembered failure
and nothing is extracted; a failure reported by a worker is remembered only when it is the file's own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import extract as ingest
from pipeline.store.database import Store
from tests.conftest import SAMPLES
from tests.flows.conftest import summary_of
from tests.test_remembered_failures import text_plan

UNRULED = SAMPLES / "es_unruled_landscape.pdf"


@pytest.fixture(autouse=True)
def default_limits(monkeypatch) -> None:
    for name in ("NAPLOG_MAX_PAGES", "NAPLOG_MAX_SECONDS", "NAPLOG_OCR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the files the flow's ``parse`` task reads, with the real ``ingest.parse``."""
    calls: list[str] = []
    real = ingest.parse

    def counting(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - ingest.parse's signature
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "parse", counting)
    return calls


@pytest.mark.slow
def test_the_flow_remembers_a_files_own_failure_and_tries_the_others_again(prefect_server, parsed, monkeypatch,
                                                                            tmp_path):
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.ingest import ingest_flow

    folder = tmp_path / "inbox"
    folder.mkdir()
    text_plan(folder / "a_prose_plan.pdf")
    (folder / "b_broken.pdf").write_text("this is not a pdf")
    db = str(tmp_path / "store.db")
    # In-process tasks, so that ``parsed`` counts every read (and the patches below reach them).
    flow = ingest_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=1))

    def run(**kwargs: bool):  # noqa: ANN202 - an IngestSummary
        return summary_of(flow(paths=[str(folder)], db=db, cache_dir=str(tmp_path / "cache"), print_summary=False,
                               return_state=True, **kwargs))

    first = run()
    assert [o.status for o in first.outcomes] == ["failed", "failed"] and not first.remembered
    assert "no logframe found" in first.outcomes[0].message and "not a PDF" in first.outcomes[1].message
    assert sorted(parsed) == ["a_prose_plan.pdf", "b_broken.pdf"]

    second = run()
    assert second.remembered == second.failed and len(second.failed) == 2
    assert [o.message.split("; remembered from the run of ")[0] for o in second.outcomes] == [o.message for o in first.outcomes]
    assert "2 failed (2 remembered from earlier runs)" in second.headline()
    assert len(parsed) == 2 and len(Store(db).runs()) == 2  # not read, not recorded again

    third = run(retry_failed=True)
    assert not third.remembered and len(parsed) == 4 and len(Store(db).runs()) == 4

    monkeypatch.setenv("NAPLOG_MAX_PAGES", "999")  # another limit: read again, once
    assert not run().remembered and len(parsed) == 6
    assert len(run().remembered) == 2 and len(parsed) == 6

    # A worker's failure that is not the file's own (an extractor bug) is tried on every run.
    shutil.copy(UNRULED, folder / "c_plan.pdf")

    def boom(*args, **kwargs):  # noqa: ANN002, ANN003
        raise IndexError("list index out of range")

    monkeypatch.setattr("extractors.logframe.extract_logframe", boom)
    for n in (7, 8):
        plan = run().outcomes[2]
        assert plan.status == "failed" and "extraction failed (IndexError" in plan.message
        assert plan.extraction is None and parsed.count("c_plan.pdf") == n - 6
    assert [r.input_key for r in Store(db).runs() if r.source_path.endswith("c_plan.pdf")] == [None, None]


@pytest.mark.slow
def test_naplog_ingest_remembers_and_retry_failed_reads_again(prefect_server, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    text_plan(folder / "prose_plan.pdf")
    db = str(tmp_path / "cli.db")
    base = ["ingest", str(folder), "--db", db, "--cache-dir", str(tmp_path / "c")]
    runner = CliRunner()

    def naplog(*extra: str) -> tuple[str, list]:
        result = runner.invoke(app, base + list(extra))
        assert result.exit_code == 1, result.output  # a failed file, as before
        assert "1 failed" in result.stdout
        [line] = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
        return line, Store(db).runs()

    line, runs = naplog()
    assert "prose_plan.pdf: no logframe found" in line and "remembered" not in line and len(runs) == 1
    line, runs = naplog()
    assert line.endswith("(--retry-failed reads it again)") and "; remembered from the run of " in line
    assert len(runs) == 1
    line, runs = naplog("--retry-failed")
    assert "remembered" not in line and len(runs) == 2
    line, runs = naplog("--max-pages", "999")  # the limit reaches the flow's key as its workers' limit
    assert "remembered" not in line and len(runs) == 3
    assert len({r.input_key for r in runs}) == 2
