"""The SQL store (SQLite by default, PostgreSQL for teams): ``database.Store`` opens it and loads a
logframe in one transaction; ``schema`` holds the tables and ``migrations`` upgrades them (Alembic);
``rows`` writes and reads a logframe's records; ``keys`` names every record stably; ``corrections``
records analysts' edits and re-applies them; ``linking`` ties a report's observations to its plan's
indicators; ``probe`` answers a re-run from a SQLite file without SQLAlchemy; ``faults`` injects
kills for the tests.

This package's ``__init__`` imports nothing, so that ``pipeline.store.probe`` stays free of
SQLAlchemy; ``from pipeline.store import Store`` still works (loaded on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.store.database import Store  # noqa: F401 - for type checkers


def __getattr__(name: str) -> Any:
    # Deferred, not a cycle: importing SQLAlchemy costs 0.3 s that a settled re-run never pays.
    if name == "Store":
        from pipeline.store.database import Store

        return Store
    raise AttributeError(name)
