"""Re-runs skip a file whose failure is its own (docs/robustness.md, "Re-runs").

A file that fails for a reason inherent to it (no logframe found, not a PDF, over a limit, a scan
without --ocr) is remembered in the store by its sha256 and ``pipeline.batch.input_key()``; the
next run reports it failed again without reading it, until the file, the extractor version, a
limit or --ocr changes, or ``retry_failed`` asks. Failures another try may not repeat (the time
limit, a file changing while read, an extractor bug, a store fault) are tried on every run.

Whether a file was read is counted on the real ``extract_file`` (``extractions``), which still
does the work. The flow and ``naplog ingest``: tests/flows/test_flow_remembered.py.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import event, inspect

from pipeline import batch as ingest
from pipeline import extract as stages
from pipeline.batch import Outcome, ingest_paths, input_key
from pipeline.errors import InputError
from pipeline.pdf.deadline import deadline
from pipeline.pdf.preflight import CHANGED
from pipeline.settings import Limits
from pipeline.store.database import Store
from pipeline.store.migrations import alembic_config
from tests.bad_inputs import CASES, GOOD, build_corpus
from tests.conftest import CORPUS

NEGATIVE = CORPUS / "negative" / "philippines_barmm_accomplishment_report_2024.pdf"
LIMIT_VARIABLES = ("NAPLOG_MAX_PAGES", "NAPLOG_MAX_SECONDS", "NAPLOG_OCR", "NAPLOG_MAX_FILE_MB")


def text_plan(path: Path) -> Path:
    """A plan in prose only (one page, no table): classified as a NAP, no logframe found."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for i, line in enumerate(["National Action Plan on Women, Peace and Security 2024-2028",
                              "This plan describes the context of Resolution 1325 in prose only."]):
        c.drawString(72, 800 - 18 * i, line)
    c.save()
    return path


@pytest.fixture(autouse=True)
def default_limits(monkeypatch) -> None:
    """Every test starts from the default limits and no OCR, whatever the shell has set."""
    for name in LIMIT_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=["generated", "corpus"])
def plan_without_logframe(request, tmp_path) -> Path:
    """A plan in which no logframe is found: a generated one, and the real one of the corpus
    (read where it is: nothing is copied from the corpus)."""
    if request.param == "corpus":
        if not NEGATIVE.is_file():
            pytest.skip(f"{NEGATIVE} not found (the shared corpus folder is absent)")
        return NEGATIVE
    return text_plan(tmp_path / "prose_plan.pdf")


@pytest.fixture
def extractions(monkeypatch) -> list[str]:
    """The names of the files ``ingest_file`` hands to the real ``extract_file``, call by call."""
    calls: list[str] = []
    real = ingest.extract_file

    def counting(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - extract_file's signature
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "extract_file", counting)
    return calls


def ingest_one(store: Store, path: Path, **kwargs: bool) -> Outcome:
    [outcome] = ingest_paths(store, [path], **kwargs)
    return outcome


# ---- remembered until something that decides the answer changes -------------------------------

def test_a_plan_without_logframe_is_remembered_until_the_way_it_is_read_changes(
        db_url, plan_without_logframe, extractions, monkeypatch, tmp_path):
    store = Store(db_url)
    plan = plan_without_logframe

    first = ingest_one(store, plan)
    assert first.status == "failed" and "no logframe found" in first.message, first
    assert first.extraction is None and extractions == [plan.name]
    [run] = store.runs()
    assert run.status == "failed" and run.input_key == input_key()

    # Run 2: not read, the same failure said again, no new run in the history.
    second = ingest_one(store, plan)
    assert (second.status, second.extraction) == ("failed", "remembered")
    assert second.message.startswith(f"{first.message}; remembered from the run of ")
    assert "UTC: the file is unchanged since then" in second.message
    assert second.message.endswith("(--retry-failed reads it again)")
    assert len(extractions) == 1 and len(store.runs()) == 1
    # The same bytes elsewhere (a copy, a move) are the same failure, said under the new name.
    copy = shutil.copy(plan, tmp_path / "copy of the plan.pdf")
    moved = ingest_one(store, copy)
    assert moved.extraction == "remembered" and len(extractions) == 1
    assert moved.message.startswith(f"{copy}: same content as {first.message}; remembered from the run of ")

    # retry_failed reads it again (and records that run); the next plain run remembers it again.
    retried = ingest_one(store, plan, retry_failed=True)
    assert (retried.status, retried.extraction, retried.message) == ("failed", None, first.message)
    assert len(extractions) == 2 and len(store.runs()) == 2
    assert ingest_one(store, plan).extraction == "remembered" and len(extractions) == 2

    # Each change of what decides the answer reads it once, and is remembered under its own key.
    changes = [lambda: monkeypatch.setenv("NAPLOG_MAX_PAGES", "999"),
               lambda: monkeypatch.setenv("NAPLOG_OCR", "1"),
               lambda: monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "99.0.0+test")]
    for n, change in enumerate(changes, start=3):
        change()
        read = ingest_one(store, plan)
        assert (read.status, read.extraction) == ("failed", None) and len(extractions) == n, read
        assert ingest_one(store, plan).extraction == "remembered" and len(extractions) == n
    keys = [r.input_key for r in store.runs()]
    assert len(keys) == 5 and len(set(keys)) == 4 and None not in keys
    store.dispose()


def test_a_file_over_a_limit_is_read_once_the_limit_is_raised(db_url, extractions, monkeypatch, tmp_path):
    plan = tmp_path / "plan.pdf"
    shutil.copy(GOOD, plan)  # 4 pages
    store = Store(db_url)
    monkeypatch.setenv("NAPLOG_MAX_PAGES", "3")
    refused = ingest_one(store, plan)
    assert refused.status == "failed" and "the PDF has 4 pages, more than the limit of 3" in refused.message
    assert ingest_one(store, plan).extraction == "remembered" and len(extractions) == 1
    monkeypatch.setenv("NAPLOG_MAX_PAGES", "4")
    assert ingest_one(store, plan).status == "loaded" and len(extractions) == 2
    monkeypatch.setenv("NAPLOG_MAX_PAGES", "3")
    assert ingest_one(store, plan).status == "unchanged"  # stored: the limit no longer matters
    store.dispose()


def test_a_scan_refused_without_ocr_is_read_again_with_ocr_which_is_not_remembered(
        db_url, extractions, monkeypatch, tmp_path):
    """Without --ocr a scan's refusal is its own; with --ocr (OCRmyPDF missing here, or failing)
    the outcome depends on what is installed, which the key does not know: tried every run."""
    if shutil.which("ocrmypdf"):
        pytest.skip("OCRmyPDF is installed: the scan would be read with --ocr")
    [scanned] = [c for c in CASES if c.id == "scanned"]
    scan = build_corpus(tmp_path / "in", [scanned])["scanned"]
    store = Store(db_url)
    assert "no text layer" in ingest_one(store, scan).message
    assert ingest_one(store, scan).extraction == "remembered" and len(extractions) == 1
    monkeypatch.setenv("NAPLOG_OCR", "1")
    for n in (2, 3):
        outcome = ingest_one(store, scan)
        assert "--ocr needs OCRmyPDF and Tesseract" in outcome.message and outcome.extraction is None
        assert len(extractions) == n
    assert [r.input_key is None for r in store.runs()] == [False, True, True]
    store.dispose()


# ---- failures another try may not repeat: never remembered ------------------------------------

def _time_limit(monkeypatch) -> None:  # noqa: ANN001
    # Reading GOOD takes far more than a millisecond (its preflight alone is about that).
    monkeypatch.setenv("NAPLOG_MAX_SECONDS", "0.001")


def _an_extractor_bug(monkeypatch) -> None:  # noqa: ANN001
    def boom(*args, **kwargs):  # noqa: ANN002, ANN003
        raise IndexError("list index out of range")

    monkeypatch.setattr("extractors.logframe.extract_logframe", boom)


def _touched_while_read(monkeypatch) -> None:  # noqa: ANN001
    """Another program touches the file while naplog reads it: the same bytes, a new modification
    time, so the same sha256 next run (a remembered failure would be found)."""
    import pipeline.pdf.preflight as reader

    real_read = reader.read_pdf

    def read_then_touch(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        doc = real_read(path, *args, **kwargs)
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        return doc

    monkeypatch.setattr(reader, "read_pdf", read_then_touch)


@pytest.mark.parametrize(("make_it_fail", "problem"), [
    (_time_limit, "stopped after 0.001 s: reading this document takes longer than the time limit "
                  "(NAPLOG_MAX_SECONDS / --max-seconds)"),
    (_an_extractor_bug, "extraction failed (IndexError: list index out of range)"),
    (_touched_while_read, CHANGED),
], ids=["time-limit", "extractor-bug", "changed-while-read"])
def test_failures_another_try_may_not_repeat_are_tried_every_run(db_url, extractions, monkeypatch, tmp_path,
                                                                 make_it_fail, problem):
    plan = tmp_path / "plan.pdf"
    shutil.copy(GOOD, plan)
    sha = stages.fingerprint(plan)
    make_it_fail(monkeypatch)
    store = Store(db_url)
    for n in (1, 2):
        outcome = ingest_one(store, plan)
        assert outcome.status == "failed" and outcome.message == f"{plan}: {problem}", outcome.message
        assert outcome.extraction is None and len(extractions) == n
    assert stages.fingerprint(plan) == sha  # the same bytes both times
    assert [(r.status, r.input_key) for r in store.runs()] == [("failed", None)] * 2
    assert store.known_failure(sha, input_key()) is None
    monkeypatch.undo()
    assert ingest_one(store, plan).status == "loaded"
    store.dispose()


def test_a_load_the_store_failed_to_take_is_tried_again(extractions, tmp_path):
    """A genuine SQLITE_FULL (the file capped at its size) fails the load: its run is marked
    failed (or interrupted) by the store, never remembered; the next run reads the file and loads it."""
    plan = tmp_path / "plan.pdf"
    shutil.copy(GOOD, plan)
    db = tmp_path / "full.db"
    store = Store(str(db))
    store.engine.dispose()
    with sqlite3.connect(db) as con:  # no free pages left by the migrations' table rebuilds
        con.execute("VACUUM")

    @event.listens_for(store.engine, "connect")
    def cap(dbapi_conn, _record) -> None:  # noqa: ANN001 - a DB-API connection
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()
    full = ingest_one(store, plan)
    assert full.status == "failed" and full.store_fault and "database or disk is full" in full.store_fault
    store.dispose()

    reopened = Store(str(db))
    assert all(r.status in ("failed", "interrupted") and r.input_key is None for r in reopened.runs())
    loaded = ingest_one(reopened, plan)
    assert loaded.status == "loaded" and extractions == [plan.name, plan.name]
    reopened.dispose()


# ---- the classifier, on the messages the real checks give ---------------------------------------

def test_only_failures_of_the_file_itself_are_inherent(tmp_path):
    inherent: list[InputError] = []
    html = tmp_path / "download.pdf"
    html.write_text("<!DOCTYPE html><html><body>404</body></html>")
    for bad in (html, text_plan(tmp_path / "prose.pdf")):
        with pytest.raises(InputError) as refused:
            stages.extract_file(bad, check=True)
        inherent.append(refused.value)
    with pytest.raises(InputError) as too_long:
        with deadline(tmp_path / "slow.pdf", 0.05):
            while True:  # a page loop that never ends: the timer (main thread) stops it
                pass
    with pytest.raises(InputError) as unreadable:
        stages.fingerprint(tmp_path)  # a folder: an OSError when read
    retried = [too_long.value, unreadable.value]
    assert [e.inherent for e in inherent] == [True, True]
    assert [e.inherent for e in retried] == [False, False], [str(e) for e in retried]
    # What a worker process hands back: the same error, whole (the flow decides on ``inherent``).
    for e in inherent + retried:
        back = pickle.loads(pickle.dumps(e))
        assert (type(back), str(back), back.path, back.inherent) == (type(e), str(e), e.path, e.inherent)


def test_the_key_follows_the_extractor_the_limits_and_ocr(monkeypatch):
    key = input_key()
    assert key == input_key(limits=Limits(), ocr=False) and len(key) == 64
    assert key != input_key(limits=Limits(max_pages=999))
    assert key != input_key(limits=Limits(max_seconds=60))
    assert key != input_key(ocr=True)
    monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "99.0.0+test")
    assert key != input_key()


# ---- the schema ------------------------------------------------------------------------------------

def test_migration_0005_adds_and_removes_the_input_key(db_url):
    """Up and down on SQLite (batch mode rebuilds the table) and PostgreSQL; failures recorded
    before the migration have no key, so they are tried once more."""
    store = Store(db_url)
    sha, key = "e" * 64, "k" * 64
    store.record_failure("/in/x.pdf", sha, "1.0", "/in/x.pdf: not a PDF", input_key=key)
    assert store.known_failure(sha, key).message == "/in/x.pdf: not a PDF"
    assert store.known_failure(sha, "j" * 64) is None and store.known_failure("f" * 64, key) is None
    cfg = alembic_config(store.engine)

    command.downgrade(cfg, "0004")
    schema = inspect(store.engine)
    assert "input_key" not in {c["name"] for c in schema.get_columns("runs")}
    assert "ix_runs_sha256_input_key" not in {i["name"] for i in schema.get_indexes("runs")}

    command.upgrade(cfg, "head")
    schema = inspect(store.engine)
    assert "input_key" in {c["name"] for c in schema.get_columns("runs")}
    assert "ix_runs_sha256_input_key" in {i["name"] for i in schema.get_indexes("runs")}
    assert [(r.status, r.message, r.input_key) for r in store.runs()] == [("failed", "/in/x.pdf: not a PDF", None)]
    assert store.known_failure(sha, key) is None
    store.dispose()
