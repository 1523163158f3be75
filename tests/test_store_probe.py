"""A batch the store already has whole is answered from the SQLite file (pipeline.store.probe),
exactly as the store answers it, and anything else is left to the store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from extractors import EXTRACTOR_VERSION
from pipeline.batch import ingest_paths, input_key, settled_batch
from pipeline.extract import fingerprint
from pipeline.store.database import Store
from pipeline.store.probe import Settled, settle
from tests.conftest import ROOT, SAMPLES

PLAN = SAMPLES / "en_ruled_repeated_header.pdf"


def _store_with_a_plan_and_a_failure(tmp_path: Path) -> tuple[str, list[Path]]:
    """A SQLite store holding one plan and remembering one file's failure of its own."""
    db = str(tmp_path / "store.db")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot a PDF body")
    outcomes = ingest_paths(Store(db), [PLAN, broken])
    assert [o.status for o in outcomes] == ["loaded", "failed"]
    return db, [PLAN, broken]


def test_settle_answers_as_the_store_does(tmp_path: Path):
    db, files = _store_with_a_plan_and_a_failure(tmp_path)
    shas = [fingerprint(f) for f in files]
    key = input_key()
    store = Store(db)
    got = settle(db, shas, EXTRACTOR_VERSION, key)
    assert got == [Settled(shas[0], store.is_current(shas[0], EXTRACTOR_VERSION)),
                   Settled(shas[1], None, store.known_failure(shas[1], key))]
    assert got[0].current is not None and got[1].known is not None
    # Any file the store does not settle leaves the whole batch to the store.
    assert settle(db, [*shas, "0" * 64], EXTRACTOR_VERSION, key) is None
    assert settle(db, shas, "0.0.0-older", key) is None
    assert settle(db, shas, EXTRACTOR_VERSION, None) is None  # --retry-failed
    assert settle(db, shas, EXTRACTOR_VERSION, "another-key") is None


def test_settle_leaves_other_stores_to_the_store(tmp_path: Path):
    db, files = _store_with_a_plan_and_a_failure(tmp_path)
    shas = [fingerprint(f) for f in files]
    key = input_key()
    assert settle(str(tmp_path / "none-yet.db"), shas, EXTRACTOR_VERSION, key) is None
    assert settle("postgresql://user@localhost/naplog", shas, EXTRACTOR_VERSION, key) is None
    older = tmp_path / "older.db"
    with sqlite3.connect(db) as source, sqlite3.connect(older) as copy:  # its WAL's pages too
        source.backup(copy)
        copy.execute("UPDATE alembic_version SET version_num = 'an-older-revision'")  # a migration to run
    assert settle(db, shas, EXTRACTOR_VERSION, key) is not None
    assert settle(str(older), shas, EXTRACTOR_VERSION, key) is None
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database" * 100)
    assert settle(str(damaged), shas, EXTRACTOR_VERSION, key) is None


def test_a_settled_batch_has_the_outcomes_of_a_run(tmp_path: Path):
    """The same outcomes as running the batch again (unchanged; failed, remembered, with the same
    message), and None as soon as one file needs work."""
    db, files = _store_with_a_plan_and_a_failure(tmp_path)
    again = ingest_paths(Store(db), files)
    assert settled_batch(files, db) == again
    assert [o.status for o in again] == ["unchanged", "failed"] and again[1].extraction == "remembered"
    assert settled_batch(files, db, retry_failed=True) is None
    new = tmp_path / "new.pdf"
    new.write_bytes(PLAN.read_bytes() + b"% a copy with other bytes\n")
    assert settled_batch([*files, new], db) is None
    assert settled_batch([*files, tmp_path / "missing.pdf"], db) is None


def test_a_settled_re_run_imports_no_sqlalchemy(tmp_path: Path):
    """What makes such a re-run cheap (benchmarks.throughput measures it)."""
    db, files = _store_with_a_plan_and_a_failure(tmp_path)
    script = (
        "import sys\n"
        "from pipeline.batch import settled_batch\n"
        f"outcomes = settled_batch({[str(f) for f in files]!r}, {db!r})\n"
        "assert [o.status for o in outcomes] == ['unchanged', 'failed'], outcomes\n"
        "assert 'sqlalchemy' not in sys.modules and 'pipeline.store.database' not in sys.modules\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
