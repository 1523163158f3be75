"""Read a document's pages in a child process whose memory is capped, and whose time is too.

PDFium builds a page whole in C when it loads it; a hostile page can make it allocate gigabytes
(then abort the process) or work for minutes, and neither Python's memory errors nor its timer
reach inside a C call. ``read_capped`` forks: the child sets its address-space limit (RLIMIT_AS) to
what it holds plus ``Limits.max_memory_mb``, reads the pages with ``pipeline.pdf.reader.read_pdf``
and sends them back pickled through a pipe; the parent waits at most the document's remaining
time, then kills it. A child that runs out of memory (a ``MemoryError``, or PDFium aborting when an
allocation fails) or dies by a signal makes an ``InputError`` naming the file and the limit, which
a batch remembers (the same bytes need the same memory); the process that asked is never harmed.

Without ``fork`` (or with ``max_memory_mb = 0``) the pages are read in the process itself.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import select
import signal
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import InputError
from pipeline.pdf.deadline import OVER_TIME, remaining_seconds, time_up
from pipeline.pdf.model import PdfDocument
from pipeline.pdf.reader import read_pdf
from pipeline.settings import ExtractionSettings, Limits

MB = 1 << 20
Reader = Callable[[Path, ExtractionSettings], PdfDocument]
# Exit statuses of the child, besides 0 (a result, or an error, is in the pipe).
_OUT_OF_MEMORY = 3


def _address_space() -> int:
    """Bytes of address space this process holds now (the first field of /proc/self/statm)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(write_fd: int, path: Path, settings: ExtractionSettings, budget: int, read: Reader) -> None:
    """In the child: cap the address space, read, send back the pages or the error. Never returns."""
    status = 0
    # PDFium aborts when an allocation fails: that is expected here, and the parent says it in one
    # line (a test runner's fault handler would print every thread's stack).
    faulthandler.disable()
    try:
        if budget:
            limit = _address_space() + budget
            resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
        try:
            result: tuple = ("pages", read(path, settings))
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            result = ("error", exc)
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        except Exception as exc:  # noqa: BLE001 - an exception that does not pickle: its words do
            payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view):]
    except MemoryError:
        status = _OUT_OF_MEMORY
    except BaseException:  # noqa: BLE001 - the parent reports the lost child
        status = 1
    os._exit(status)


def _receive(read_fd: int, pid: int, path: Path) -> bytes:
    """Everything the child writes; ``InputError`` when the document's time runs out first."""
    chunks = []
    while True:
        left = remaining_seconds()
        ready, _, _ = select.select([read_fd], [], [], left)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            raise time_up() or InputError(path, f"stopped: {OVER_TIME}", inherent=False)
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _died(path: Path, status: int, limits: Limits) -> InputError:
    """The error for a child that ended without a result."""
    limit = f"{limits.describe('max_memory_mb')} MB"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _OUT_OF_MEMORY:
        return InputError(path, f"reading its pages needed more than {limits.max_memory_mb:g} MB of memory, the "
                                f"limit of {limit} per document; it was not read")
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status)).name
        # SIGKILL was not sent by naplog (it would have said so): the system's out-of-memory killer,
        # or someone's kill; a quieter moment may read it, so it is not remembered.
        return InputError(path, f"the reader process was ended by {sig} while loading its pages (PDFium stops so "
                                f"when it needs more memory than the limit of {limit} per document, or crashes "
                                f"on a damaged page); it was not read", inherent=sig != "SIGKILL")
    return InputError(path, f"the reader process ended with status {os.WEXITSTATUS(status)} without reading "
                            f"its pages", inherent=False)


def read_capped(path: Path | str, settings: ExtractionSettings, limits: Limits,
                read: Reader = read_pdf) -> PdfDocument:
    """``read(path, settings)`` in a child process capped at ``limits.max_memory_mb`` (module doc)."""
    path = Path(path)
    if not limits.max_memory_mb or not hasattr(os, "fork"):
        return read(path, settings)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child ends in os._exit
        os.close(read_fd)
        _child(write_fd, path, settings, int(limits.max_memory_mb * MB), read)
    os.close(write_fd)
    done = False
    try:
        payload = _receive(read_fd, pid, path)
        _, status = os.waitpid(pid, 0)
        done = True
    finally:
        os.close(read_fd)
        if not done:  # interrupted (the time limit's timer, a KeyboardInterrupt): end the child too
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
    if not payload:
        raise _died(path, status, limits)
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value
