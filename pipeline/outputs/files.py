"""Output files written whole or not at all.

A command that fails half-way (a bad value met while saving a workbook, a full disk, Ctrl-C) must not
leave a truncated file where the user expects a good one, nor destroy the file a previous run wrote:
everything is written to a temporary file in the same folder (so the final rename never crosses a
file system) and moved over the target with ``os.replace``, which is atomic.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import InputError


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """A temporary path beside ``target``; once the block ends without error it becomes ``target``.

    An error in the block removes the temporary file and leaves ``target`` as it was. A folder that
    does not exist or cannot be written is an ``InputError`` naming the target (no folder is created:
    a mistyped folder is the user's to fix)."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(target, f"cannot write: folder {folder} does not exist")
    if target.is_dir():
        raise InputError(target, "cannot write: it is a folder")
    try:
        # A short name of its own: the target's may already be as long as the file system allows.
        fd, name = tempfile.mkstemp(prefix=".naplog-", suffix=".part", dir=folder)
    except OSError as exc:
        raise InputError(target, f"cannot write: {exc.strerror or exc}") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        # mkstemp makes the file private (0600): give it the mode a plain open() would have given.
        os.chmod(temp, _mode_of(target))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _mode_of(target: Path) -> int:
    """The file's mode when it exists, else what the umask leaves of 0666."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_text_atomically(target: Path | str, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` whole, or leave it as it was (``atomic_path``)."""
    with atomic_path(target) as temp:
        try:
            temp.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(target, f"cannot write: {exc.strerror or exc}") from None
    return Path(target)
