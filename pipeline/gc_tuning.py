"""Fewer cyclic garbage collections while a document is read and extracted.

Reading a page builds thousands of short-lived tuples, dicts and lists (characters, words, lines,
cells). None of them form reference cycles, so reference counting frees them, but every 700 new
container objects CPython's default collector still walks the youngest generation, and every few
hundred of those walks the whole heap, which holds spaCy's vocabulary, the gazetteer and every
imported module. Over the throughput benchmark's corpus that took 13 % of the CPU time
(``benchmarks/throughput.py``; 3.3 s of 25 s, measured with ``gc.callbacks``). With a young
generation of 10,000 objects it takes about 0.4 s, and peak memory does not change measurably.

The thresholds are raised only inside ``fewer_collections`` and put back when the last user leaves
it, so a program that imports naplog keeps its own settings.

``freeze_at_exit`` is for processes that end once their output is handed over: ``naplog extract``
and the extraction workers (``flows.tasks.extract_document``).
"""

from __future__ import annotations

import atexit
import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

# Young generation 10,000 allocations (default 700); the older ones as by default scaled down, so a
# full collection still runs about every 4 million allocations.
THRESHOLDS = (10_000, 20, 20)

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds (never lower them) for the duration; re-entrant and safe
    across threads: the first to enter saves the settings, the last to leave restores them."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            if _saved[0] > 0:  # a threshold of 0 means automatic collection is off: leave it off
                gc.set_threshold(*(max(a, b) for a, b in zip(THRESHOLDS, _saved)))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None


def with_fewer_collections(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run inside ``fewer_collections``."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with fewer_collections():
            return fn(*args, **kwargs)

    return wrapper


_freeze_registered = False


def freeze_at_exit() -> None:
    """Put every object in the collector's permanent generation when the interpreter exits.

    At shutdown Python clears module after module and runs cyclic collections over what is left;
    with spaCy's vocabulary, the gazetteer and a document's records in memory, that took 0.35 s
    (median of 4) from a 146-page plan's output being written to ``naplog extract`` ending, and
    0.03 s with the objects frozen. Exit handlers still run and objects are still freed by
    reference counting; only garbage in reference cycles is then left to the operating system. So
    it is for processes that hold no store and have closed their files when they end: the command
    and the extraction workers (the flow's process, which may run an extraction itself, disposes
    its store before it ends).
    """
    global _freeze_registered
    if not _freeze_registered:
        atexit.register(gc.freeze)
        _freeze_registered = True
