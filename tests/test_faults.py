"""Faults: a process killed in the middle of a load, concurrent ingests on one store, the store
disappearing or full in the middle of a batch. On SQLite and PostgreSQL (``db_url``).

docs/faults.md lists each fault with what naplog does and the test here that covers it. The
Prefect flow and ``naplog ingest`` under the same faults are in tests/flows/test_flow_faults.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, func, inspect, select, text

from extractors import EXTRACTOR_VERSION
from pipeline import batch as ingest_module
from pipeline.batch import ingest_paths
from pipeline.errors import StoreError
from pipeline.records import Logframe
from pipeline.store.database import HOSTNAME, Store, resolve_db_url
from pipeline.store.faults import FAULT_ENV
from pipeline.store.schema import Base, DocumentRow, RunRow
from tests.conftest import ROOT, SAMPLES, pg_url

PYTHON = sys.executable
HEAD = "0009"  # the newest migration (pipeline/store/migrations/versions)
# Four small samples that all load (a report and three plans), in the order discover() gives them.
BATCH = ["en_no_logframe.pdf", "en_ruled_repeated_header.pdf", "es_unruled_landscape.pdf",
         "fr_docx_cadre_logique.pdf"]
INSTITUTIONS = [f"Ministry of Affairs {i}" for i in range(12)]
# ``db_url`` on PostgreSQL only (skipped when NAPLOG_TEST_PG is not set, a failure in CI).
ONLY_POSTGRESQL = pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                          indirect=True)


# ---- helpers -------------------------------------------------------------------------------------

def big_logframe(goals: int, *, tag: str, version: str = "1.0", sha: str = "a" * 64,
                 path: str = "/plans/big.pdf", outputs: int = 4, activities: int = 5,
                 country: str = "Tamora") -> Logframe:
    """A plan with goals x outputs x activities, an indicator on every output and activity and two
    institutions (from a shared list) on every activity; ``tag`` is in every text."""
    goal_list = []
    for g in range(goals):
        out_list = []
        for o in range(outputs):
            acts = []
            for a in range(activities):
                k = (g * outputs + o) * activities + a
                acts.append({
                    "code": f"{g + 1}.{o + 1}.{a + 1}", "text": f"{tag} activity {k}", "page": 3 + g,
                    "indicators": [{"text": f"{tag} indicator {k}", "unit": "number", "page": 3 + g}],
                    "institutions": [
                        {"name": INSTITUTIONS[k % 12], "canonical_name": INSTITUTIONS[k % 12], "role": "lead"},
                        {"name": INSTITUTIONS[(k + 5) % 12], "canonical_name": INSTITUTIONS[(k + 5) % 12],
                         "role": "partner"}],
                    "years": [2024, 2025],
                })
            out_list.append({"code": f"{g + 1}.{o + 1}", "text": f"{tag} output {g}.{o}", "page": 3 + g,
                             "activities": acts, "indicators": [{"text": f"{tag} output indicator {g}.{o}",
                                                                 "page": 3 + g}]})
        goal_list.append({"code": str(g + 1), "text": f"{tag} goal {g}", "page": 3 + g, "outputs": out_list})
    return Logframe.model_validate({
        "document": {"source_path": path, "sha256": sha, "kind": "nap", "country": country, "language": "en",
                     "plan_period": {"start": 2024, "end": 2028}, "pages": 3 + goals, "extractor_version": version},
        "goals": goal_list,
    })


def table_counts(store: Store) -> dict[str, int]:
    """Rows in every table but the run history."""
    with store.session(readonly=True) as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables if t.name != "runs"}


def contents(store: Store) -> dict[str, dict]:
    """Every stored logframe by sha256, without store ids."""
    out = {}
    for lf in store.logframes():
        data = lf.model_dump(mode="json")
        data["document"].pop("id")
        out[data["document"]["sha256"]] = data
    return out


def snapshot(store: Store) -> dict:
    return {"tables": table_counts(store), "documents": contents(store)}


def dump(lf: Logframe) -> dict:
    data = lf.model_dump(mode="json")
    data["document"].pop("id", None)
    return data


def runs(store: Store) -> list[tuple[str, str]]:
    return [(r.extractor_version, r.status) for r in store.runs()]


def python(code: str, *args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    """``python -c code args...`` in the project, as its own process."""
    return subprocess.Popen([PYTHON, "-c", code, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


# Processes started with ``start_together`` wait here, after their imports, until all are ready.
BARRIER = """
import os, time
from pathlib import Path
if os.environ.get("TEST_GO"):
    Path(os.environ["TEST_GO"] + f".{os.getpid()}").touch()
    while not Path(os.environ["TEST_GO"]).exists():
        time.sleep(0.005)
"""

LOADER = """
import json, sys
from pathlib import Path
from pipeline.records import Logframe
from pipeline.store.database import Store
""" + BARRIER + """
store = Store(sys.argv[1])
for f in sys.argv[2:]:
    r = store.load(Logframe.model_validate_json(Path(f).read_text()))
    print(json.dumps([r.document_id, r.status]), flush=True)
"""

# ``ingest_paths`` of a folder; with a third argument, a folder of extracted logframes (name.json)
# that stand in for parsing the PDFs again (``extract_file``).
INGEST = """
import json, sys
from pathlib import Path
from pipeline import batch
from pipeline.batch import ingest_paths
from pipeline.records import Logframe
from pipeline.store.database import Store
if len(sys.argv) > 3:
    cache = Path(sys.argv[3])
    batch.extract_file = lambda path, *a, **k: Logframe.model_validate_json(
        (cache / (Path(path).name + ".json")).read_text())
""" + BARRIER + """
outcomes = ingest_paths(Store(sys.argv[1]), [sys.argv[2]])
print(json.dumps([[Path(o.path).name, o.status, o.message] for o in outcomes]))
"""


def start_together(go: Path, *commands: tuple[str, ...]) -> list[subprocess.Popen]:
    """Start ``(code, *args)`` processes; once all have imported what they need, let them go at once."""
    procs = [python(code, *args, env={"TEST_GO": str(go)}) for code, *args in commands]
    deadline = time.monotonic() + 120
    while not all(Path(f"{go}.{p.pid}").exists() for p in procs):
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        assert time.monotonic() < deadline, "the processes never got ready"
        time.sleep(0.01)
    go.touch()
    return procs


def copy_batch(folder: Path, names: list[str] = BATCH) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    """The batch loaded by one process into a fresh SQLite store: what every fault scenario must
    end with. All scenarios ingest this one folder (same source paths). Also keeps each file's
    extracted logframe, for ``extracted_once``."""
    base = tmp_path_factory.mktemp("reference")
    folder = copy_batch(base / "batch")
    store = Store(str(base / "ref.db"))
    extracted: dict[str, Logframe] = {}
    real = ingest_module.extract_file

    def keep(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        extracted[str(Path(path).resolve())] = lf = real(path, *args, **kwargs)
        return lf.model_copy(deep=True)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest_module, "extract_file", keep)
        outcomes = ingest_paths(store, [folder])
    assert [o.status for o in outcomes] == ["loaded"] * len(BATCH), [o.message for o in outcomes]
    snap = snapshot(store)
    store.dispose()
    return {"folder": folder, "snapshot": snap, "contents": snap["documents"], "extracted": extracted}


@pytest.fixture
def extracted_once(reference, monkeypatch) -> None:
    """In-process ingests of the batch get each file's logframe as the reference extracted it, without
    parsing the PDF again: the tests using this are about the store, and run several ingests."""
    def cached(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        return reference["extracted"][str(Path(path).resolve())].model_copy(deep=True)

    monkeypatch.setattr(ingest_module, "extract_file", cached)


def batch_folder(reference: dict) -> Path:
    """The folder every scenario ingests: the reference's, so that source paths are the same."""
    return reference["folder"]


# ---- the schema ----------------------------------------------------------------------------------

def test_migrations_give_the_models_schema(db_url):
    """Every migration replayed on an empty database (what an old store goes through) leaves no
    difference between the models and the database."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pipeline.store.migrations import upgrade_to_head

    engine = Store._engine(resolve_db_url(db_url))
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert set(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()) == {HEAD}
    engine.dispose()


def _schema(engine) -> dict:  # noqa: ANN001 - an Engine
    """Every table's columns (type, nullability, default; in any order), keys, foreign keys, indexes and
    checks, as reflected."""
    found = {}
    with engine.connect() as conn:
        insp = inspect(conn)
        for table in sorted(insp.get_table_names()):
            found[table] = {
                "columns": sorted((c["name"], str(c["type"]), c["nullable"], c.get("default"))
                               for c in insp.get_columns(table)),
                "primary": insp.get_pk_constraint(table)["constrained_columns"],
                "foreign": sorted((f["constrained_columns"], f["referred_table"], f["referred_columns"],
                                   (f.get("options") or {}).get("ondelete")) for f in insp.get_foreign_keys(table)),
                "unique": sorted((u["name"], u["column_names"]) for u in insp.get_unique_constraints(table)),
                "indexes": sorted((i["name"], i["column_names"], bool(i["unique"])) for i in insp.get_indexes(table)),
                "checks": sorted(" ".join(c["sqltext"].split()) for c in insp.get_check_constraints(table)),
            }
        versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
        found["alembic_version"]["rows"] = sorted(versions)
    return found


def test_a_new_store_is_created_as_the_migrations_would_leave_it(db_url):
    """A new store gets the models' schema in one go, stamped at head, instead of every migration
    replayed; reflected, it is the schema the migrations give (same columns, types, defaults, keys,
    foreign keys with their ON DELETE, indexes), so later migrations and downgrades work on it."""
    from pipeline.store.migrations import upgrade_to_head

    store = Store(db_url)
    created = _schema(store.engine)
    with store.engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE alembic_version")
    assert inspect(store.engine).get_table_names() == []
    upgrade_to_head(store.engine)
    assert _schema(store.engine) == created
    store.dispose()


def test_a_new_store_needs_no_alembic(tmp_path):
    """Creating a store runs no migration: Alembic is not even imported (its import and the table
    rebuilds of nine migrations were most of the store's share of a one-file ingest)."""
    code = ("import sys; from pipeline.store.database import Store; "
            f"Store({str(tmp_path / 'new.db')!r}).dispose(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr


def test_a_new_store_is_not_created_over_tables_already_there(db_url):
    """A database that already holds a table (another process created the store a moment before, or
    it is not a new store) is left to the migrations: ``create_at_head`` does nothing."""
    from pipeline.store.migrations import create_at_head

    store = Store(db_url)
    engine = store.engine
    assert create_at_head(engine) is False
    assert store._current_revisions() == {HEAD}
    store.dispose()


def test_head_revisions_are_alembics():
    """The store's alembic-free check of the newest migration agrees with alembic's own."""
    from alembic.script import ScriptDirectory

    from pipeline.store.migrations import alembic_config, head_revisions

    assert head_revisions() == frozenset(ScriptDirectory.from_config(alembic_config()).get_heads()) == {HEAD}


def test_opening_a_store_behind_head_upgrades_it(db_url):
    """A store one migration behind is upgraded when opened; one at head is opened as it is."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from pipeline.store.migrations import alembic_config

    store = Store(db_url)
    command.downgrade(alembic_config(store.engine), "-1")
    before = ScriptDirectory.from_config(alembic_config()).get_revision(HEAD).down_revision
    assert store._current_revisions() == {before}
    store.dispose()
    store = Store(db_url)
    assert store._current_revisions() == {HEAD}
    store.dispose()


# ---- killed in the middle of a load ------------------------------------------------------------

def test_killed_in_the_middle_of_a_load_keeps_the_old_version(db_url, tmp_path):
    """A process SIGKILLed half-way through writing a new version's records (NAPLOG_FAULT hook):
    the store holds the old version, whole; the run history says the load was interrupted; the
    next load of the new version replaces it, whole."""
    store = Store(db_url)
    old = big_logframe(2, tag="old", version="1.0", outputs=2, activities=3)
    doc_id = store.load(old).document_id
    before = snapshot(store)
    new = big_logframe(4, tag="new", version="2.0", outputs=3, activities=2)
    (tmp_path / "new.json").write_text(new.model_dump_json())

    proc = python(LOADER, db_url, str(tmp_path / "new.json"), env={FAULT_ENV: "kill-during-load"})
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, (out, err)
    assert out == ""  # it never got to report a result
    store.dispose()

    reopened = Store(db_url)  # opening marks the dead process's run
    assert snapshot(reopened) == before
    assert dump(reopened.logframe(doc_id)) == dump(old)
    history = reopened.runs()
    assert [(r.extractor_version, r.status) for r in history] == [("1.0", "loaded"), ("2.0", "interrupted")]
    assert history[-1].pid == proc.pid and history[-1].hostname == HOSTNAME
    assert f"process {proc.pid}" in history[-1].message and "nothing of this run was stored" in history[-1].message
    assert reopened.is_current(new.document.sha256, "2.0") is None  # the next run loads it

    result = reopened.load(new)
    assert (result.status, result.document_id) == ("replaced", doc_id)
    assert dump(reopened.logframe(doc_id)) == dump(new)
    assert runs(reopened) == [("1.0", "loaded"), ("2.0", "interrupted"), ("2.0", "replaced")]
    reopened.dispose()


def test_sigkill_from_outside_in_the_middle_of_a_big_load(db_url, tmp_path):
    """No self-kill: the loader of a ~1000-activity load stops inside its transaction (goals, outputs
    and activities written, indicators not yet) and the test sends it SIGKILL from outside, as
    ``kill -9`` would. Old version whole, run ``interrupted``, nothing of the new version anywhere.
    The pause is the test's own point, so the kill never races the load (a fixed sleep did)."""
    store = Store(db_url)
    old = big_logframe(2, tag="old", version="1.0", outputs=2, activities=3)
    doc_id = store.load(old).document_id
    before = snapshot(store)
    (tmp_path / "new.json").write_text(big_logframe(50, tag="new", version="2.0").model_dump_json())

    mark = tmp_path / "inside-the-transaction"
    proc = python(LOADER, db_url, str(tmp_path / "new.json"), env={FAULT_ENV: f"pause-during-load:{mark}"})
    deadline = time.monotonic() + 120
    while not mark.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the load never reached its activities"
        time.sleep(0.02)
    with store.session(readonly=True) as s:  # what the loader wrote is not visible outside it
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 1
    proc.kill()
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL and out == ""
    store.dispose()

    reopened = Store(db_url)
    assert snapshot(reopened) == before
    assert dump(reopened.logframe(doc_id)) == dump(old)
    assert runs(reopened) == [("1.0", "loaded"), ("2.0", "interrupted")]
    with reopened.session(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 1
    reopened.dispose()


def test_only_runs_of_dead_processes_of_this_host_are_marked_interrupted(tmp_path):
    store = Store(str(tmp_path / "r.db"))
    dead = subprocess.Popen(["true"])
    dead.wait()
    zombie = subprocess.Popen(["sleep", "30"])
    zombie.kill()  # killed, not yet reaped: dead too
    # Wait until it has died, without reaping it (WNOWAIT): a condition, where a fixed sleep raced
    # the kill on a loaded machine.
    os.waitid(os.P_PID, zombie.pid, os.WEXITED | os.WNOWAIT)
    alive = subprocess.Popen(["sleep", "30"])
    try:
        with store.session() as s:
            for pid, host in ((dead.pid, HOSTNAME), (zombie.pid, HOSTNAME), (alive.pid, HOSTNAME),
                              (os.getpid(), HOSTNAME), (dead.pid, "another-host")):
                s.add(RunRow(source_path=f"/{pid}.pdf", sha256="f" * 64, extractor_version="1", status="started",
                             pid=pid, hostname=host))
        marked = store.recover_interrupted()
        statuses = [(r.pid, r.hostname, r.status) for r in store.runs()]
        assert len(marked) == 2
        assert statuses == [(dead.pid, HOSTNAME, "interrupted"), (zombie.pid, HOSTNAME, "interrupted"),
                            (alive.pid, HOSTNAME, "started"), (os.getpid(), HOSTNAME, "started"),
                            (dead.pid, "another-host", "started")]
        assert store.recover_interrupted() == []  # once
    finally:
        alive.kill()
        alive.wait()
        zombie.wait()
        store.dispose()


def test_a_failed_load_is_in_the_run_history(db_url, monkeypatch):
    from pipeline.store import rows as store_records

    store = Store(db_url)
    store.load(big_logframe(2, tag="old"))

    def boom(self, lf):  # noqa: ANN001
        raise RuntimeError("the writer broke")

    monkeypatch.setattr(store_records.RecordWriter, "write", boom)
    with pytest.raises(RuntimeError):
        store.load(big_logframe(2, tag="new", version="2.0"))
    last = store.runs()[-1]
    assert (last.status, last.message) == ("failed", "RuntimeError: the writer broke")
    assert last.finished_at is not None


# ---- concurrent writers --------------------------------------------------------------------------

def test_a_document_stored_by_another_process_meanwhile_is_unchanged(db_url, monkeypatch):
    """Another process stores the document between this one's ``is_current`` and its load: the load
    checks again inside its transaction, reports ``unchanged`` and leaves no run behind."""
    store, other = Store(db_url), Store(db_url)
    lf = big_logframe(1, tag="race")
    real_load = Store._load

    def after_the_other(self, logframe, run_id):  # noqa: ANN001
        if self is store and other.is_current(logframe.document.sha256, "1.0") is None:
            other.load(logframe)
        return real_load(self, logframe, run_id)

    monkeypatch.setattr(Store, "_load", after_the_other)
    assert store.load(lf).status == "unchanged"
    assert table_counts(store)["documents"] == 1
    assert [r.status for r in store.runs()] == ["loaded"]
    store.dispose()
    other.dispose()


@ONLY_POSTGRESQL
def test_the_same_document_inserted_twice_at_once_is_unchanged_not_an_error(db_url, monkeypatch):
    """The unique constraint on sha256 is the backstop against a writer that does not take naplog's
    lock: it inserts the document after this load looked for it and before this load inserts it.
    This load's transaction fails on the constraint, is tried again, finds it: ``unchanged``.
    (PostgreSQL only: on SQLite no other writer can get in while a load holds the write lock.)"""
    store = Store(db_url)
    lf = big_logframe(1, tag="race")
    doc = lf.document
    real_fill = Store._fill_document
    raced: list[bool] = []

    def fill_after_an_intruder(s, row, document):  # noqa: ANN001
        if not raced:
            raced.append(True)
            with create_engine(store.url).begin() as conn:  # its own connection, committed at once
                conn.execute(DocumentRow.__table__.insert().values(
                    source_path=doc.source_path, sha256=doc.sha256, kind="nap", pages=1,
                    extractor_version=doc.extractor_version, loaded_at=dt.datetime.now(dt.timezone.utc)))
        return real_fill(s, row, document)

    monkeypatch.setattr(Store, "_fill_document", staticmethod(fill_after_an_intruder))
    result = store.load(lf)
    assert raced and result.status == "unchanged"
    assert table_counts(store)["documents"] == 1
    assert store.runs() == []  # the intruder kept no history, and this load changed nothing
    store.dispose()


def test_a_new_store_opened_while_another_writer_creates_it_waits(tmp_path):
    """A SQLite file not yet in WAL mode, another connection in a write transaction on it (as
    when two processes create one new store): opening the store waits for that transaction
    instead of failing at once with "database is locked" (SQLite does not wait for the busy
    timeout when the journal mode is switched)."""
    import sqlite3
    import threading

    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE elsewhere (x)")
    committing = threading.Event()

    def commit() -> None:
        committing.set()  # before the COMMIT: the store cannot have seen it end before this is set
        other.execute("COMMIT")

    timer = threading.Timer(0.6, commit)
    timer.start()
    try:
        store = Store(str(path))
        # It waited for the other writer: the store opened only once that transaction had ended
        # (an order the test controls, not an elapsed time).
        assert committing.is_set()
    finally:
        timer.join()
        other.close()
    assert table_counts(store)["documents"] == 0
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.dispose()


def test_two_ingests_of_one_folder_at_once(db_url, reference, tmp_path):
    """Two plain-Python ingests (separate processes) of the same folder into one fresh store at
    once: both exit 0, no "database is locked", each file loaded by exactly one of them, and the
    store equals the one a single process makes. (The PDFs' extractions are handed to them, so they
    race for the same documents from the first moment; ``naplog ingest`` extracting for real next
    to another writer: tests/flows/test_flow_faults.py.)

    Both open the fresh store at the same moment, so both run its migrations: they take turns
    (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL) instead of one failing with "table
    alembic_version already exists" (PostgreSQL: a duplicate key in pg_type)."""
    folder = str(batch_folder(reference))
    cache = tmp_path / "extracted"  # the reference's extractions: the processes only load
    cache.mkdir()
    for path, lf in reference["extracted"].items():
        (cache / (Path(path).name + ".json")).write_text(lf.model_dump_json())
    procs = start_together(tmp_path / "go", (INGEST, db_url, folder, str(cache)),
                           (INGEST, db_url, folder, str(cache)))
    results = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert "locked" not in (out + err).lower() and "Traceback" not in err
    outcomes = [o for out, _ in results for o in json.loads(out)]
    assert all(status in ("loaded", "unchanged") for _, status, _ in outcomes), outcomes
    assert sorted(name for name, status, _ in outcomes if status == "loaded") == BATCH

    store = Store(db_url)
    assert snapshot(store) == reference["snapshot"]
    assert sorted(r.status for r in store.runs()) == ["loaded"] * len(BATCH)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]
    store.dispose()


# ---- the store disappears or fills up in the middle of a batch ---------------------------------

def _batch_breaking_after(store: Store, folder: Path, n: int, breaker) -> tuple[list, dict]:  # noqa: ANN001
    """Ingest ``folder``; ``breaker()`` runs once ``n`` documents are done. Gives the outcomes and
    the store's snapshot just before it broke."""
    seen, before = [], {}

    def progress(outcome) -> None:  # noqa: ANN001
        seen.append(outcome)
        if len(seen) == n:
            before.update(snapshot(store))
            breaker()

    return ingest_paths(store, [folder], progress=progress), before


def _check_stopped_batch(outcomes: list, problem: str, store_name: str) -> None:
    assert [o.status for o in outcomes] == ["loaded", "loaded", "failed", "failed"], [o.message for o in outcomes]
    failed, skipped = outcomes[2], outcomes[3]
    assert failed.store_fault and problem in failed.store_fault and store_name in failed.store_fault
    assert "\n" not in failed.message and "Traceback" not in failed.message
    assert failed.message.startswith(failed.path) and "not loaded" in failed.message
    assert skipped.message == f"{skipped.path}: not attempted: {failed.store_fault}"


def _check_second_run(db: str, reference: dict) -> None:
    store = Store(db)
    again = ingest_paths(store, [batch_folder(reference)])
    assert [o.status for o in again] == ["unchanged", "unchanged", "loaded", "loaded"], [o.message for o in again]
    assert snapshot(store) == reference["snapshot"]
    store.dispose()


def test_sqlite_store_full_mid_batch(reference, extracted_once, tmp_path):
    """A genuine SQLITE_FULL (``PRAGMA max_page_count`` caps the file at its size) after two
    documents: a one-line error naming the store, the batch stops, the two stay whole, and the
    next run (disk freed) loads the other two."""
    db = tmp_path / "full.db"
    store = Store(str(db))

    def fill_the_disk() -> None:
        def cap(dbapi_conn, _record):  # noqa: ANN001
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages}")
        event.listen(store.engine, "connect", cap)
        store.engine.dispose()

    outcomes, before = _batch_breaking_after(store, batch_folder(reference), 2, fill_the_disk)
    _check_stopped_batch(outcomes, "database or disk is full", str(db))
    store.dispose()

    reopened = Store(str(db))
    assert snapshot(reopened) == before
    history = reopened.runs()
    assert [r.status for r in history[:2]] == ["loaded", "loaded"]
    # The third document's run: ``failed`` with the reason (or, if even that could not be written,
    # ``interrupted``); never loaded, so not current.
    assert [Path(r.source_path).name for r in history[2:]] == [BATCH[2]]
    assert history[2].status in ("failed", "interrupted")
    if history[2].status == "failed":
        assert "database or disk is full" in history[2].message
    assert reopened.is_current(history[2].sha256, EXTRACTOR_VERSION) is None
    reopened.dispose()
    _check_second_run(str(db), reference)


def test_failure_to_record_a_failure_does_not_crash_the_batch(tmp_path):
    """A bad PDF just after the store's folder was moved away: the file is reported failed with
    both reasons, and the batch stops cleanly (no exception) with the store's problem."""
    folder = copy_batch(tmp_path / "in", [BATCH[1], BATCH[2]])
    (folder / "b_broken.pdf").write_text("not a pdf")  # the first file of the batch
    home = tmp_path / "store"
    home.mkdir()  # naplog creates a store's file, never its folder
    store = Store(str(home / "naplog.db"))

    def failing_store(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        home.rename(tmp_path / "elsewhere")
        return real_record(*args, **kwargs)

    real_record = store.record_failure
    store.record_failure = failing_store  # the store goes away just as the failure is recorded
    outcomes = ingest_paths(store, [folder])
    assert [Path(o.path).name for o in outcomes] == ["b_broken.pdf", BATCH[1], BATCH[2]]
    broken, first, second = outcomes
    assert broken.status == "failed" and "not a PDF" in broken.message
    assert "not recorded in the store" in broken.message and "the database file is gone" in broken.message
    assert broken.store_fault and str(home / "naplog.db") in broken.store_fault
    assert (first.status, second.status) == ("failed", "failed")
    assert "not attempted" in first.message and "not attempted" in second.message
    store.dispose()


@pytest.mark.parametrize("how", ["moved", "deleted"])
def test_sqlite_store_disappears_mid_batch(reference, extracted_once, tmp_path, how):
    """The store's folder is moved away (or deleted) after two documents: a one-line error naming
    the store, the batch stops; moved back, the store holds the two, whole, and the next run loads
    the rest (deleted: the next run refuses to make the folder again; once it is made, it starts a
    new store and loads all four)."""
    home = tmp_path / "store"
    home.mkdir()  # naplog creates a store's file, never its folder
    db = home / "naplog.db"
    store = Store(str(db))

    def lose_the_store() -> None:
        if how == "moved":
            home.rename(tmp_path / "elsewhere")
        else:
            shutil.rmtree(home)

    outcomes, before = _batch_breaking_after(store, batch_folder(reference), 2, lose_the_store)
    _check_stopped_batch(outcomes, "the database file is gone", str(db))
    store.dispose()
    if how == "moved":
        (tmp_path / "elsewhere").rename(home)
        reopened = Store(str(db))
        assert snapshot(reopened) == before
        assert [r.status for r in reopened.runs()] == ["loaded", "loaded"]
        reopened.dispose()
        _check_second_run(str(db), reference)
    else:
        with pytest.raises(StoreError, match="does not exist"):  # a deleted folder is not made again
            Store(str(db))
        home.mkdir()
        fresh = Store(str(db))
        assert [o.status for o in ingest_paths(fresh, [batch_folder(reference)])] == ["loaded"] * 4
        assert snapshot(fresh) == reference["snapshot"]
        fresh.dispose()


@ONLY_POSTGRESQL
@pytest.mark.parametrize("how", ["connections-dropped", "connections-refused"])
def test_postgresql_server_goes_away_mid_batch(reference, extracted_once, db_url, how, monkeypatch):
    """After two documents every connection of the store is terminated (pg_terminate_backend):
    naplog reconnects and finishes the batch. With new connections refused as well (the database
    no longer accepts any, as when the server is down), the batch stops with a one-line error
    naming the store; once the server is back, the two are whole and the next run loads the rest."""
    from pipeline.store import database as store_module

    monkeypatch.setattr(store_module, "RETRY_DELAYS", (0.05, 0.1, 0.2))  # fewer, shorter pauses: same path
    name = db_url.rsplit("/", 1)[1]
    admin = create_engine(pg_url().replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    store = Store(db_url)

    def server_goes_away() -> None:
        with admin.connect() as conn:
            if how == "connections-refused":
                conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            killed = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                       "WHERE datname = :db AND pid <> pg_backend_pid()"), {"db": name}).scalar()
            assert killed >= 1

    try:
        outcomes, before = _batch_breaking_after(store, batch_folder(reference), 2, server_goes_away)
        if how == "connections-dropped":
            assert [o.status for o in outcomes] == ["loaded"] * 4, [o.message for o in outcomes]
            assert snapshot(store) == reference["snapshot"]
            return
        _check_stopped_batch(outcomes, "not currently accepting connections", "postgresql+psycopg://")
        assert name in outcomes[2].store_fault
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        store.dispose()
        admin.dispose()
    reopened = Store(db_url)
    assert snapshot(reopened) == before
    reopened.dispose()
    _check_second_run(db_url, reference)
