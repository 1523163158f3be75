"""Errors naplog reports to users: each names the file and what is wrong with it.

An error says what it means instead of leaving it to be read from its message: ``inherent`` is
whether the failure belongs to the input itself (reading the same bytes the same way would fail the
same way, so a batch remembers it and does not read the file again) or to the moment (a time limit,
a file changing while read, a missing OCR tool, a bug in naplog), which the next run tries again.
Errors survive pickling with all their fields, so a worker process hands them back whole.
"""

from __future__ import annotations

from pathlib import Path


class NaplogError(Exception):
    """Base class for errors shown to users without a traceback."""

    inherent: bool = False


def _input_error(cls: type, path: str, problem: str, inherent: bool) -> InputError:
    return cls(path, problem, inherent=inherent)


class InputError(NaplogError):
    """A file given to naplog cannot be used (missing, not a PDF, encrypted, damaged).

    ``inherent`` (default True): reading the same bytes again, the same way, fails the same way.
    Raise it with ``inherent=False`` for a failure of the moment or of naplog.
    """

    def __init__(self, path: Path | str, problem: str, *, inherent: bool = True):
        self.path = str(path)
        self.problem = problem
        self.inherent = inherent
        # One line, whatever the file is called ("a\nb.pdf") or the reader said.
        super().__init__(f"{one_line(self.path)}: {one_line(problem)}")

    def __reduce__(self):  # noqa: ANN204 - pickle protocol
        return _input_error, (type(self), self.path, self.problem, self.inherent)


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
