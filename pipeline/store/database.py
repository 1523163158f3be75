"""The normalized store: load logframes atomically, read them back, list documents.

SQLite by default (a file, no set-up), PostgreSQL through a URL. A new store gets the models'
schema stamped at the newest migration; an older one is upgraded by Alembic
(``pipeline/store/migrations``) when it is opened.

Loading rules:
- same sha256 and same extractor version as stored: nothing is written (``unchanged``);
- a document already stored (same sha256, or same source path with new content) extracted by
  another extractor version: its records are replaced in one transaction, its id is kept, and a
  run row records the replacement (``replaced``);
- otherwise a new document (``loaded``).
A failure anywhere rolls the whole document back, so nothing already stored is lost.

Faults (docs/faults.md): a load first writes its run as ``started`` in a short transaction of its own
and sets the outcome at the end, so a process killed in the middle leaves the document as it was
and a run that ``recover_interrupted`` marks ``interrupted``. Writers are serialised (SQLite: every
write transaction begins with BEGIN IMMEDIATE, waiting up to 30 s for the lock; PostgreSQL: loads
take an advisory lock), transient faults are retried a few times with backoff, and a store that
is gone or full raises ``StoreUnavailableError`` naming the store and the problem.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from sqlalchemy import Engine, create_engine, delete, event, inspect, make_url, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pipeline.errors import StoreError, StoreUnavailableError, TransientStoreError, one_line
from pipeline.pdf.model import sha256_of
from pipeline.records import is_plan
from pipeline.settings import resolve_db_url
from pipeline.store.probe import BUSY_TIMEOUT, KnownFailure, as_utc
from pipeline.store.schema import (
    AcronymRow,
    ActivityRow,
    DocumentRow,
    GoalRow,
    IndicatorRow,
    InstitutionLinkRow,
    ObservationRow,
    OutputRow,
    PillarProgressRow,
    PillarRow,
    PlanRow,
    ReportItemRow,
    RunRow,
    TimelineRow,
)

if TYPE_CHECKING:
    # Records are built and read only when a logframe is loaded or read back
    # (``pipeline.store.rows``): checking what is current, as a re-run does, needs neither
    # pydantic's models nor the corrections.
    from pipeline.records import Document, Logframe
    from pipeline.store.corrections import ReapplyReport

LoadStatus = Literal["loaded", "replaced", "unchanged"]


@dataclass(frozen=True)
class LoadResult:
    document_id: int
    status: LoadStatus
    counts: dict[str, int]
    # --- corrections: what re-applying analysts' corrections did (``replaced`` loads only) ---
    corrections: ReapplyReport | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---- faults (docs/faults.md) ---------------------------------------------------------------------

HOSTNAME = socket.gethostname()
# BUSY_TIMEOUT (pipeline.store.probe): how long a SQLite writer waits for another writer's lock
# before "database is locked" (seconds).
# Pauses between attempts when the store is busy or the connection was lost; then the fault is raised.
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)
# PostgreSQL: loads take this advisory lock (one writer at a time, as on SQLite), for at most this long.
LOAD_LOCK_KEY = 0x6E61706C6F67_02  # "naplog" + 2 (migrations use + 1, see pipeline/store/migrations/env.py)
LOAD_LOCK_TIMEOUT = "120s"
_READONLY = "naplog_readonly"

_TRANSIENT = ("database is locked", "database is busy", "connection", "server closed", "deadlock",
              "could not serialize", "lock timeout")
_UNAVAILABLE = ("database or disk is full", "disk is full", "no space left", "disk i/o error",
                "unable to open database file", "readonly database", "read-only transaction", "no such table",
                "file is not a database", "malformed", "does not exist", "shutting down")

T = TypeVar("T")


def _one_line(exc: BaseException | object) -> str:
    return " ".join(str(exc).split())


def _reason(exc: DBAPIError, limit: int = 300) -> str:
    """The database's reason for an error, on one line and cut: neither SQLAlchemy's copy of the
    statement and its parameters nor PostgreSQL's DETAIL quoting a whole row."""
    lines = str(exc.orig if exc.orig is not None else exc).strip().splitlines() or [type(exc).__name__]
    first = " ".join(lines[0].split())
    return first if len(first) <= limit else first[:limit] + "..."


def _is_transient(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    state = getattr(exc.orig, "sqlstate", None) or ""
    return (exc.connection_invalidated or any(s in text for s in _TRANSIENT)
            or state.startswith(("08", "40", "57P", "55P03")))


def _is_unavailable(exc: DBAPIError) -> bool:
    """The store cannot be used: full, gone, read-only or not a naplog store (any more)."""
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    state = getattr(exc.orig, "sqlstate", None) or ""
    return any(s in text for s in _UNAVAILABLE) or state.startswith(("53", "3D", "25006", "42P01"))


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` of this host runs (a zombie, killed but not yet reaped, does not)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would not test it there: assume alive, never mark wrongly
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, under another user
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _use_wal(cur) -> None:  # noqa: ANN001 - a DB-API cursor
    """Put the database in WAL mode (it stays so; then this costs nothing).

    Switching a database that is not yet in WAL mode needs it to itself: while another process
    holds a write transaction on it (two processes creating one new store, one of them running
    the migrations), SQLite answers "database is locked" at once, without waiting for the busy
    timeout. So the switch is retried, with growing pauses, until the busy timeout."""
    import sqlite3

    give_up = time.monotonic() + BUSY_TIMEOUT
    pause = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > give_up:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL as SQLAlchemy reads it (three slashes: relative to the current
    folder; four: absolute), None for an in-memory database or another database."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" and not database.startswith("file:") else None


def _check_sqlite_file(url: str, create: bool) -> None:
    """A SQLite store's folder must exist, and its file too unless the store may be created."""
    path = _sqlite_file(url)
    if path is None:
        return
    shown = one_line(str(path))
    if not path.parent.is_dir():
        raise StoreError(f"no store at {shown}: the folder {one_line(str(path.parent))} does not exist "
                         "(naplog creates a store's file, never its folders)")
    if not create and not path.exists():
        raise StoreError(f"no store at {shown}: `naplog ingest --db {shown} ...` creates one")


class Store:
    """A naplog store at a SQLAlchemy URL or SQLite path (see ``resolve_db_url``)."""

    def __init__(self, db: str | None = None, *, migrate: bool = True, create: bool = True):
        """``create=False`` (the read-only commands): a store that does not exist yet is an error,
        not a new empty store. A SQLite file's folder is never created (a mistyped path is an error)."""
        self.url = resolve_db_url(db)
        _check_sqlite_file(self.url, create)
        self.engine = self._engine(self.url)
        # Reads begin a plain (deferred) transaction on SQLite; everything else BEGIN IMMEDIATE.
        self._read_engine = self.engine.execution_options(**{_READONLY: True})
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self._read_engine, expire_on_commit=False)
        self._sqlite_path = _sqlite_file(self.url)
        self._file_id: tuple[int, int] | None = None
        if not create and self._sqlite_path is None:
            self._check_exists()
        if migrate:
            self.upgrade()
            self._check_file()
            try:
                self.recover_interrupted()
            except (StoreError, DBAPIError):  # e.g. a read-only store: reading it still works
                pass

    @staticmethod
    def _engine(url: str) -> Engine:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001 - DB-API objects
                # naplog begins transactions itself (below), not pysqlite.
                dbapi_conn.isolation_level = None
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
                _use_wal(cur)
                cur.close()

            @event.listens_for(engine, "begin")
            def _begin(conn):  # noqa: ANN001 - a SQLAlchemy connection
                # A write transaction takes the write lock when it begins (waiting for it up to the
                # busy timeout): a deferred one that read first could not wait for it (SQLITE_BUSY at
                # once when it tries to write after another writer committed).
                readonly = conn.get_execution_options().get(_READONLY)
                conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

            return engine
        connect_args = {"connect_timeout": 10} if url.startswith("postgresql") else {}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)

    def upgrade(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        # Deferred: Alembic's import (0.1 s) is paid only when a store is opened, not when it is named.
        from pipeline.store.migrations import create_at_head, head_revisions, upgrade_to_head

        try:
            # A store already at head is not migrated: opening it takes no write lock (on SQLite,
            # upgrading begins with BEGIN IMMEDIATE and would wait for a writer's load to end).
            current = self._current_revisions()
            if current == head_revisions() or (not current and create_at_head(self.engine)):
                return
            upgrade_to_head(self.engine)
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {self.safe_url}: {_one_line(exc.orig)}") from exc

    def _current_revisions(self) -> frozenset[str]:
        """The revisions recorded in alembic's own table (none for a new store), read without
        importing alembic."""
        with self._read_engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return frozenset()
            return frozenset(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())

    def _check_exists(self) -> None:
        """A server database that holds no naplog store (no migration ever ran in it) is an error
        for a command that only reads: it is not made into a store."""
        try:
            if not self._current_revisions():
                raise StoreError(f"no naplog store in {self.safe_url}: `naplog ingest --db ...` creates one")
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {self.safe_url}: {_one_line(exc.orig)}") from exc

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def _check_file(self) -> None:
        """A SQLite store whose file was deleted, moved or replaced while open is an error: its
        open connections would go on writing to the old file, which nobody will read again."""
        if self._sqlite_path is None:
            return
        try:
            st = os.stat(self._sqlite_path)
        except OSError as exc:
            if self._file_id is None:
                return  # not created yet: SQLite creates it
            raise StoreUnavailableError(f"store {self.safe_url}: the database file is gone (deleted or moved "
                                        f"while naplog was using it: {exc.strerror or exc})") from None
        ident = (st.st_dev, st.st_ino)
        if self._file_id is None:
            self._file_id = ident
        elif ident != self._file_id:
            raise StoreUnavailableError(f"store {self.safe_url}: the database file was replaced by another "
                                        "file while naplog was using it")

    def _store_error(self, exc: DBAPIError) -> StoreError | None:
        problem = _one_line(exc.orig if exc.orig is not None else exc)
        if _is_transient(exc):
            return TransientStoreError(f"store {self.safe_url} is busy or unreachable: {problem}")
        if _is_unavailable(exc):
            return StoreUnavailableError(f"store {self.safe_url}: {problem}")
        return None

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on any error.

        On SQLite a write transaction (the default) holds the write lock from its start; pass
        ``readonly=True`` for one that only reads (it never waits for writers).
        """
        self._check_file()
        session = (self._readers if readonly else self._sessions)()
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            error = self._store_error(exc)
            if error is not None:
                raise error from exc
            if isinstance(exc, IntegrityError):  # load() retries it: another process stored the same
                raise
            # Data the database refuses: its own one-line reason, not the statement and its kB of values.
            raise StoreError(f"store {self.safe_url} refused the data: {_reason(exc)}") from exc
        finally:
            session.close()

    def _retrying(self, fn: Callable[[], T]) -> T:
        """``fn()``, tried again after a pause (with jitter) while the store is busy or unreachable."""
        for delay in RETRY_DELAYS:
            try:
                return fn()
            except TransientStoreError:
                time.sleep(delay * random.uniform(1.0, 1.5))
        return fn()

    def dispose(self) -> None:
        self.engine.dispose()

    # ---- run history -----------------------------------------------------------------

    def _begin_run(self, doc: Document) -> int:
        """The run's ``started`` row, committed before any record is written."""
        def start() -> int:
            with self.session() as s:
                run = RunRow(source_path=doc.source_path, sha256=doc.sha256, extractor_version=doc.extractor_version,
                             status="started", started_at=_now(), pid=os.getpid(), hostname=HOSTNAME)
                s.add(run)
                s.flush()
                return run.id
        return self._retrying(start)

    def _end_run_quietly(self, run_id: int, exc: BaseException) -> None:
        """Mark a run that raised ``failed`` (``interrupted`` for Ctrl-C); when even that cannot be
        written (the store is gone) the row stays ``started`` and ``recover_interrupted`` marks it."""
        status = "failed" if isinstance(exc, Exception) else "interrupted"
        message = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {_one_line(exc)}"
        try:
            with self.session() as s:
                run = s.get(RunRow, run_id)
                if run is not None and run.status == "started":
                    run.status, run.message, run.finished_at = status, message, _now()
        except Exception:  # noqa: BLE001 - best effort: the original error is what is raised
            pass

    def recover_interrupted(self) -> list[int]:
        """Mark ``interrupted`` the runs left ``started`` by a process of this host that no longer
        runs (killed or crashed in the middle of a load, whose transaction was rolled back).

        Runs of other hosts cannot be checked from here: they stay ``started`` until naplog runs
        again on their host. Called whenever a store is opened; gives the ids it marked.
        """
        with self.session(readonly=True) as s:
            started = s.execute(select(RunRow.id, RunRow.pid, RunRow.hostname)
                                .where(RunRow.status == "started")).all()
        dead = [r.id for r in started if r.hostname == HOSTNAME and r.pid is not None and not _process_alive(r.pid)]
        if not dead:
            return []
        marked = []
        with self.session() as s:
            for run in s.scalars(select(RunRow).where(RunRow.id.in_(dead), RunRow.status == "started")):
                run.status, run.finished_at = "interrupted", _now()
                run.message = (f"process {run.pid} on {run.hostname} ended before this load finished (killed or "
                               "crashed); its transaction was rolled back: nothing of this run was stored")
                marked.append(run.id)
        return marked

    # ---- loading -------------------------------------------------------------------

    def is_current(self, sha256: str, extractor_version: str) -> int | None:
        """The document id if this exact file was already loaded by this extractor version."""
        def check() -> int | None:
            with self.session(readonly=True) as s:
                row = s.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
                if row is not None and row.extractor_version == extractor_version:
                    return row.id
            return None
        return self._retrying(check)

    def load(self, logframe: Logframe) -> LoadResult:
        """Store one logframe in one transaction (see the module's docstring for the rules).

        Its run is written ``started`` first, in a transaction of its own, and given its outcome at
        the end; a failure marks it ``failed`` and leaves the stored document as it was. Another
        process that stored the same document meanwhile makes this load ``unchanged`` (the unique
        constraints catch the case where both insert at once: the second attempt sees the first).
        """
        doc = logframe.document
        current = self.is_current(doc.sha256, doc.extractor_version)
        if current is not None:
            return LoadResult(current, "unchanged", logframe.counts())
        run_id = self._begin_run(doc)
        try:
            try:
                return self._retrying(lambda: self._load(logframe, run_id))
            except IntegrityError:
                try:
                    return self._retrying(lambda: self._load(logframe, run_id))
                except IntegrityError as exc:  # not a race: a constraint the records break, in one line
                    raise StoreError(f"store {self.safe_url} refused the data: {_reason(exc)}") from exc
        except BaseException as exc:
            self._end_run_quietly(run_id, exc)
            raise

    def _load(self, logframe: Logframe, run_id: int) -> LoadResult:
        # Deferred, not a cycle: the records' pydantic models are built only when a logframe is
        # loaded or read back (a re-run that finds every file current never builds them).
        from pipeline.store.corrections import reapply  # --- corrections ---
        from pipeline.store.rows import RecordWriter

        doc = logframe.document
        with self.session() as s:
            if self.engine.dialect.name == "postgresql":  # one writer at a time, as on SQLite
                s.execute(text(f"SET LOCAL lock_timeout = '{LOAD_LOCK_TIMEOUT}'"))
                s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOAD_LOCK_KEY})
            row = s.scalar(select(DocumentRow).where(DocumentRow.sha256 == doc.sha256))
            if row is None:
                row = s.scalar(select(DocumentRow).where(DocumentRow.source_path == doc.source_path))
            if row is not None and row.sha256 == doc.sha256 and row.extractor_version == doc.extractor_version:
                # Stored by another process since is_current: nothing to do, and nothing to keep.
                s.execute(delete(RunRow).where(RunRow.id == run_id))
                return LoadResult(row.id, "unchanged", logframe.counts())
            status: LoadStatus = "loaded" if row is None else "replaced"
            if row is None:
                row = DocumentRow()
                s.add(row)
            else:
                self._delete_records(s, row.id)
            self._fill_document(s, row, doc)
            s.flush()
            RecordWriter(s, row.id).write(logframe)
            # --- corrections: re-apply analysts' corrections to the new records, in this transaction ---
            corrections = reapply(s, row.id) if status == "replaced" else None
            # --- end corrections ---
            # --- reports: (re)link the plan's reports' observations to its indicators ---
            s.flush()
            # Deferred (NumPy and rapidfuzz's matrices): opening a store to check what is current needs none.
            from pipeline.store.linking import relink

            relink(s, row.plan_id, report_id=row.id if doc.kind == "report" else None)
            run = s.get(RunRow, run_id)
            if run is None:  # its started row was deleted meanwhile: the history still gets the load
                run = RunRow(source_path=doc.source_path, sha256=doc.sha256, extractor_version=doc.extractor_version,
                             started_at=_now(), pid=os.getpid(), hostname=HOSTNAME)
                s.add(run)
            run.document_id = row.id
            run.status = status
            run.message = corrections.summary() if corrections and corrections.issues else None
            run.counts = logframe.counts()
            run.finished_at = _now()
            return LoadResult(row.id, status, logframe.counts(), corrections)

    def record_failure(self, source_path: str, sha256: str, extractor_version: str, message: str,
                       input_key: str | None = None) -> None:
        """Keep a failed run in the history; the document's stored records are untouched.

        ``input_key`` (``pipeline.batch.input_key()``) only for a failure inherent to the file:
        ``known_failure`` then gives it back to the next run, which does not read the file again.
        Without it (a time limit, a file being written, a bug ...) the file is tried on every run.
        """
        def record() -> None:
            with self.session() as s:
                doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))
                now = _now()
                s.add(
                    RunRow(
                        document_id=doc_id,
                        source_path=source_path,
                        sha256=sha256,
                        extractor_version=extractor_version,
                        status="failed",
                        message=message,
                        started_at=now,
                        finished_at=now,
                        pid=os.getpid(),
                        hostname=HOSTNAME,
                        input_key=input_key,
                    )
                )
        self._retrying(record)

    def known_failure(self, sha256: str, input_key: str) -> KnownFailure | None:
        """The newest failure remembered for these bytes read under ``input_key``, if any.

        Only ``record_failure`` with an ``input_key`` writes one: a load the store failed to take
        (``_end_run_quietly``) or an interrupted run never matches, so it is retried.
        """
        def find() -> KnownFailure | None:
            with self.session(readonly=True) as s:
                run = s.scalar(select(RunRow)
                               .where(RunRow.sha256 == sha256, RunRow.input_key == input_key,
                                      RunRow.status == "failed")
                               .order_by(RunRow.id.desc()).limit(1))
                if run is None:
                    return None
                return KnownFailure(run.id, run.source_path, run.message or "",
                                    as_utc(run.finished_at or run.started_at or _now()))
        return self._retrying(find)

    @staticmethod
    def _delete_records(s: Session, document_id: int) -> None:
        # Children first, by document id, so one statement per table does the whole document.
        activity_ids = select(ActivityRow.id).where(ActivityRow.document_id == document_id)
        for stmt in (
            delete(ObservationRow).where(ObservationRow.document_id == document_id),
            delete(ReportItemRow).where(ReportItemRow.document_id == document_id),
            delete(PillarProgressRow).where(PillarProgressRow.document_id == document_id),
            delete(InstitutionLinkRow).where(InstitutionLinkRow.document_id == document_id),
            delete(IndicatorRow).where(IndicatorRow.document_id == document_id),
            delete(TimelineRow).where(TimelineRow.activity_id.in_(activity_ids)),
            delete(ActivityRow).where(ActivityRow.document_id == document_id),
            delete(OutputRow).where(OutputRow.document_id == document_id),
            delete(GoalRow).where(GoalRow.document_id == document_id),
            delete(PillarRow).where(PillarRow.document_id == document_id),
            delete(AcronymRow).where(AcronymRow.document_id == document_id),
        ):
            s.execute(stmt, execution_options={"synchronize_session": False})
        s.expire_all()

    @staticmethod
    def _fill_document(s: Session, row: DocumentRow, doc: Document) -> None:
        period = doc.plan_period
        row.source_path = doc.source_path
        row.sha256 = doc.sha256
        row.kind = doc.kind
        row.country = doc.country
        row.country_code = doc.country_code
        row.title = doc.title
        row.language = doc.language
        row.period_start = period.start if period else None
        row.period_end = period.end if period else None
        row.generation = doc.generation
        row.report_kind = doc.report_kind
        row.report_start = doc.report_period.start if doc.report_period else None
        row.report_end = doc.report_period.end if doc.report_period else None
        row.reports_on = doc.reports_on
        row.pages = doc.pages
        row.extractor_version = doc.extractor_version
        row.loaded_at = _now()
        row.plan_id = _plan_id(s, doc)
        for acronym, expansion in sorted(doc.acronyms.items()):
            row.acronyms.append(AcronymRow(acronym=acronym, expansion=expansion))

    # ---- reading -------------------------------------------------------------------

    def documents(self) -> list[DocumentRow]:
        with self.session(readonly=True) as s:
            return list(s.scalars(select(DocumentRow).order_by(DocumentRow.id)))

    def runs(self) -> list[RunRow]:
        with self.session(readonly=True) as s:
            return list(s.scalars(select(RunRow).order_by(RunRow.id)))

    def resolve(self, ref: str) -> int:
        """A document id from an id or the path of its PDF (matched by content, then by path)."""
        with self.session(readonly=True) as s:
            if ref.isdigit():
                if s.get(DocumentRow, int(ref)) is not None:
                    return int(ref)
                raise StoreError(f"no document with id {ref} in {self.safe_url}")
            path = Path(ref)
            if path.is_file():
                doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256_of(path)))
                if doc_id is not None:
                    return doc_id
            doc_id = s.scalar(
                select(DocumentRow.id).where(DocumentRow.source_path == str(path.resolve()))
            )
            if doc_id is None:
                raise StoreError(f"{ref}: no such document in {self.safe_url} (run `naplog ingest {ref}` first)")
            return doc_id

    def logframe(self, document_id: int) -> Logframe:
        with self.session(readonly=True) as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise StoreError(f"no document with id {document_id} in {self.safe_url}")
            from pipeline.store.rows import RecordReader  # deferred: see ``_load``

            return RecordReader(s, row).read()

    def record_keys(self, document_id: int) -> dict[str, str]:
        """The ``record_key`` of each goal, output, activity and indicator of a document, by its
        position path (``pipeline.store.keys.position_path``, e.g. ``g1-o2-a3``)."""
        from pipeline.store.rows import record_keys  # deferred: see ``_load``

        with self.session(readonly=True) as s:
            return record_keys(s, document_id)

    def logframes(self) -> list[Logframe]:
        return [self.logframe(d.id) for d in self.documents()]


def _plan_id(s: Session, doc: Document) -> int | None:
    """The plan a document belongs to: one per country and period. A report that names no plan
    period goes to the country's plan of the same generation (or its only plan); a plan that arrives
    later takes over the reports left on a period-less plan of its country and generation."""
    if doc.country is None:
        return None
    start = doc.plan_period.start if doc.plan_period else None
    end = doc.plan_period.end if doc.plan_period else None
    if doc.kind == "report" and start is None:
        plans = list(s.scalars(select(PlanRow).where(PlanRow.country == doc.country,
                                                     PlanRow.period_start.is_not(None))))
        same_gen = [p for p in plans if doc.generation is not None and p.generation == doc.generation]
        if len(same_gen) == 1:
            return same_gen[0].id
        if len(plans) == 1 and doc.generation is None:
            return plans[0].id
    elif is_plan(doc.kind) and start is not None:
        _adopt_reports(s, doc)
    plan = s.scalar(
        select(PlanRow).where(
            PlanRow.country == doc.country, _eq(PlanRow.period_start, start), _eq(PlanRow.period_end, end)
        )
    )
    if plan is None:
        plan = PlanRow(country=doc.country, period_start=start, period_end=end, generation=doc.generation,
                       title=doc.title if is_plan(doc.kind) else None)
        s.add(plan)
        s.flush()
    elif is_plan(doc.kind):
        plan.title = doc.title or plan.title
        plan.generation = doc.generation or plan.generation
    return plan.id


def _adopt_reports(s: Session, doc: Document) -> None:
    """Reports of this plan's country and generation stored before it, on a period-less plan."""
    orphans = list(s.scalars(select(PlanRow).where(PlanRow.country == doc.country, PlanRow.period_start.is_(None))))
    if not orphans:
        return
    plan = s.scalar(select(PlanRow).where(PlanRow.country == doc.country,
                                          PlanRow.period_start == doc.plan_period.start,  # type: ignore[union-attr]
                                          PlanRow.period_end == doc.plan_period.end))  # type: ignore[union-attr]
    if plan is None:
        plan = PlanRow(country=doc.country, period_start=doc.plan_period.start,  # type: ignore[union-attr]
                       period_end=doc.plan_period.end, generation=doc.generation, title=doc.title)  # type: ignore[union-attr]
        s.add(plan)
        s.flush()
    for orphan in orphans:
        for d in s.scalars(select(DocumentRow).where(DocumentRow.plan_id == orphan.id, DocumentRow.kind == "report")):
            if d.generation is None or doc.generation is None or d.generation == doc.generation:
                d.plan_id = plan.id
    s.flush()


def _eq(column, value):  # noqa: ANN001, ANN202 - SQLAlchemy column expressions
    return column.is_(None) if value is None else column == value
