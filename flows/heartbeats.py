"""Flow-run heartbeats that do not hold a finished run for up to a second.

Prefect's synchronous flow engine (3.8.8, ``prefect.flow_engine._send_heartbeats``) sends a flow
run's heartbeats from a daemon thread that sleeps one second at a time, and when the run ends it
*joins* that thread: the run waits for the sleep under way to end, 0 to 1 s, 0.5 s on average
(0.59 s measured at the end of a one-file ``naplog ingest`` of 2.9 s). Its asynchronous engine does
not join (``join_on_exit=False``): the thread sees the stop flag when it wakes and returns without
sending anything more, and as a daemon it never keeps the process alive. ``install()`` makes the
synchronous engine do the same. Heartbeats themselves are kept: they are what a Prefect automation
uses to find a run whose process died (``kill -9``) and mark it Crashed.

Written against prefect 3.8.8, which pyproject pins; ``tests/test_heartbeats.py`` fails if the
engine no longer calls ``_send_heartbeats`` as this expects.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from prefect import flow_engine

_ORIGINAL = flow_engine._send_heartbeats


def _send_heartbeats_without_join(engine: Any, join_on_exit: bool = True) -> AbstractContextManager[None]:
    # ``join_on_exit`` is what the engine asked for; never joining is this module's point.
    return _ORIGINAL(engine, join_on_exit=False)


def install() -> None:
    """Idempotent; called when ``flows.ingest`` is imported, before any flow runs."""
    flow_engine._send_heartbeats = _send_heartbeats_without_join
