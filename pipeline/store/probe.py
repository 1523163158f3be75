"""What a SQLite store already holds of the files about to be ingested, read with the standard
library's ``sqlite3``.

A re-run over files the store already has (each unchanged, or failed before for a reason of its
own) reads nothing and writes nothing; what it costs is starting up, and importing SQLAlchemy and
the store's schema was 0.4–0.8 s of its 0.9 s. ``settle`` answers for the whole batch from the
store file itself, or not at all (None): then the caller opens the ``pipeline.store.database.Store`` as
always. It answers only for a SQLite store already at the newest migration, read-only, with the
queries of ``Store.is_current`` and ``Store.known_failure``; the tests compare its answers with the
store's on the same store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pipeline.settings import resolve_db_url
from pipeline.store.migrations import head_revisions

# SQLite: how long a connection waits for another writer's lock before "database is locked"
# (seconds); the store's connections too (pipeline.store.database).
BUSY_TIMEOUT = 30


@dataclass(frozen=True)
class KnownFailure:
    """A failure remembered for one file's bytes read one way (``Store.known_failure``)."""

    run_id: int
    source_path: str  # where the file was then (a copy elsewhere has the same sha256)
    message: str
    finished_at: dt.datetime  # UTC


@dataclass(frozen=True)
class Settled:
    """A file the store already has: its document id, or the failure remembered for it."""

    sha256: str
    current: int | None
    known: KnownFailure | None = None


def as_utc(when: dt.datetime) -> dt.datetime:
    """SQLite gives back the naive UTC time naplog wrote; PostgreSQL an aware one in its time zone."""
    return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)


def settle(db: str | None, shas: Iterable[str], extractor_version: str, input_key: str | None) -> list[Settled] | None:
    """Each file (by sha256, taken one at a time: the first unsettled one ends the reading) as the
    store has it, when every one of them is current for this extractor version or, with
    ``input_key``, remembered as failed under that key; else None, as for a store this cannot read
    (not SQLite, not created yet, not at the newest migration, busy past the timeout, damaged)."""
    url = resolve_db_url(db)
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            revisions = {row[0] for row in con.execute("SELECT version_num FROM alembic_version")}
            if revisions != head_revisions():
                return None
            settled = []
            for sha in shas:
                one = _settled(con, sha, extractor_version, input_key)
                if one is None:
                    return None
                settled.append(one)
            return settled
        finally:
            con.close()
    except (sqlite3.Error, ValueError):  # ValueError: a time stored in a form this cannot read
        return None


def _settled(con: sqlite3.Connection, sha: str, extractor_version: str, input_key: str | None) -> Settled | None:
    row = con.execute("SELECT id, extractor_version FROM documents WHERE sha256 = ?", (sha,)).fetchone()
    if row is not None and row[1] == extractor_version:
        return Settled(sha, row[0])
    if input_key is None:
        return None
    run = con.execute(
        "SELECT id, source_path, message, finished_at, started_at FROM runs "
        "WHERE sha256 = ? AND input_key = ? AND status = 'failed' ORDER BY id DESC LIMIT 1",
        (sha, input_key)).fetchone()
    if run is None:
        return None
    run_id, source_path, message, finished_at, started_at = run
    stamp = finished_at or started_at
    when = as_utc(dt.datetime.fromisoformat(stamp)) if stamp else dt.datetime.now(dt.timezone.utc)
    return Settled(sha, None, KnownFailure(run_id, source_path, message or "", when))
