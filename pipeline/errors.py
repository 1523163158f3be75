"""Errors naplog reports to users: each names the file and what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class NaplogError(Exception):
    """Base class for errors shown to users without a traceback."""


class InputError(NaplogError):
    """A file given to naplog cannot be used (missing, not a PDF, encrypted, damaged)."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(NaplogError):
    """The store cannot be opened or a document cannot be found in it."""


class TransientStoreError(StoreError):
    """A fault worth retrying: the database is busy or the connection was lost."""
