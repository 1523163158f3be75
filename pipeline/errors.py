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
        # One line, whatever the file is called ("a\nb.pdf") or the reader said.
        super().__init__(f"{one_line(self.path)}: {one_line(problem)}")


def one_line(text: str) -> str:
    """``text`` safe to print on one line: control characters and bytes that are not UTF-8 in a
    file name (Python's surrogate escapes) are written as escapes (``\\n``, ``\\udcff``)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for ch in text)


class StoreError(NaplogError):
    """The store cannot be opened or a document cannot be found in it."""


class StoreUnavailableError(StoreError):
    """The store cannot be used any more: its file is gone, the disk is full, the server is down.

    A batch stops on it (the documents loaded before are kept, the others are loaded by the next
    run); the message names the store and the problem. See docs/faults.md.
    """


class TransientStoreError(StoreUnavailableError):
    """A fault worth retrying: the database is busy or the connection was lost."""
