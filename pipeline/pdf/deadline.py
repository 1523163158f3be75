"""A time limit on reading and extracting one document.

``with deadline(path, seconds):`` starts the clock for one document; ``check_deadline()`` raises
an ``InputError`` naming the file and the limit once the time is up. The page loops of
``pipeline.pdf.triage.triage_pdf`` and ``pipeline.pdf.pdfplumber_reader.iter_pages`` call it between pages, so
the limit holds in any thread (cooperatively). In the main thread of a process, a timer (``SIGALRM``) also interrupts work that
never returns to such a check point (one page that pdfminer takes minutes over, an extractor
stuck in a loop).

Nested ``deadline`` blocks for the same document share the outer clock: ``pipeline.extract.extract_file``
starts it, ``parse`` inside it does not restart it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.settings import LIMIT_ENV, LIMIT_OPTIONS


@dataclass(frozen=True)
class _Clock:
    path: str
    seconds: float
    ends: float  # time.monotonic()


_current: ContextVar[_Clock | None] = ContextVar("naplog_deadline", default=None)


class _Interrupted(BaseException):
    """Raised by the timer signal. A BaseException, so that pdfminer's and the extractors'
    ``except Exception`` blocks cannot swallow it; turned into an ``InputError`` by ``deadline``."""


# In every time-limit message; ``pipeline.batch`` looks for it to never remember such a failure (the
# same file may be read in time on a quieter machine).
OVER_TIME = "reading this document takes longer than the time limit"


def _message(clock: _Clock) -> str:
    return (f"stopped after {clock.seconds:g} s: {OVER_TIME} "
            f"({LIMIT_ENV['max_seconds']} / {LIMIT_OPTIONS['max_seconds']})")


def check_deadline() -> None:
    """Raise an ``InputError`` when the current document's time is up (no-op without a deadline)."""
    clock = _current.get()
    if clock is not None and time.monotonic() > clock.ends:
        raise InputError(clock.path, _message(clock), inherent=False)


def time_up() -> InputError | None:
    """The error ``check_deadline`` raises once the time is up, for code that stopped the work
    itself (a child process killed at the deadline); None without a deadline."""
    clock = _current.get()
    return None if clock is None else InputError(clock.path, _message(clock), inherent=False)


def remaining_seconds() -> float | None:
    """Seconds left for the current document (None without a deadline)."""
    clock = _current.get()
    return None if clock is None else max(0.0, clock.ends - time.monotonic())


def _can_use_timer() -> bool:
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return False
    # Leave a timer someone else set (a test runner's timeout, an application's own alarm) alone.
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) \
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@contextmanager
def deadline(path: Path | str, seconds: float | None) -> Iterator[None]:
    """Limit the work on one document to ``seconds`` (None or 0: no limit)."""
    if not seconds or _current.get() is not None:
        yield
        return
    clock = _Clock(str(path), float(seconds), time.monotonic() + float(seconds))
    token = _current.set(clock)
    previous = None
    # Everything after ``_current.set`` sits in the ``try`` whose ``finally`` undoes it: a short
    # limit's alarm can arrive on the very next bytecode after ``setitimer``, and an alarm raised
    # outside the ``try`` would leave this expired clock (and the handler) in place for every
    # later document of the process.
    # The alarm interrupts only while the work runs. An alarm the system delivered before the
    # timer was cancelled can reach Python later, on any bytecode of the clean-up below (on a busy
    # machine, with a limit of milliseconds); raised there, it skipped ``_current.reset`` and left
    # this expired clock to stop every later document of the process.
    armed = True
    try:
        if _can_use_timer():
            def _alarm(signum, frame):  # noqa: ANN001, ARG001 - signal handler signature
                if armed:
                    raise _Interrupted()

            previous = signal.signal(signal.SIGALRM, _alarm)
            try:
                signal.setitimer(signal.ITIMER_REAL, float(seconds))
                yield
            finally:  # first thing: a signal arriving now is still caught just below
                armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
        else:
            yield
    except _Interrupted:
        raise InputError(clock.path, _message(clock), inherent=False) from None
    finally:
        armed = False
        _current.reset(token)
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)
