"""A finished flow run is not held by its heartbeat thread (flows/heartbeats.py), and heartbeats
are still sent."""

from __future__ import annotations

import threading

import pytest
from prefect import flow, flow_engine

import flows.ingest  # noqa: F401 - installs the heartbeat change, as importing the flows does
from flows import heartbeats


@flow(name="naplog-test-heartbeat")
def _tiny() -> int:
    return 1


def test_the_engine_still_calls_the_function_replaced() -> None:
    """Prefect 3.8.8's synchronous engine looks ``_send_heartbeats`` up in its module when a run
    starts; if a later Prefect stops doing so, the change no longer applies: this test says it."""
    import inspect

    source = inspect.getsource(flow_engine.FlowRunEngine)
    assert "with _send_heartbeats(self):" in source
    assert flow_engine._send_heartbeats is heartbeats._send_heartbeats_without_join


def test_a_run_sends_heartbeats_and_does_not_wait_for_their_thread(prefect_server, monkeypatch) -> None:
    started: list[tuple[threading.Thread, object]] = []
    joined: list[threading.Thread] = []
    start, join = threading.Thread.start, threading.Thread.join

    def spy_start(self: threading.Thread) -> None:
        started.append((self, self._target))  # a thread forgets its target once it has run
        start(self)

    def spy_join(self: threading.Thread, timeout: float | None = None) -> None:
        joined.append(self)
        join(self, timeout)

    sent: list[object] = []
    emit = flow_engine.FlowRunEngine._emit_flow_run_heartbeat
    monkeypatch.setattr(threading.Thread, "start", spy_start)
    monkeypatch.setattr(threading.Thread, "join", spy_join)
    monkeypatch.setattr(flow_engine.FlowRunEngine, "_emit_flow_run_heartbeat",
                        lambda self, *a: (sent.append(self.flow_run.id), emit(self, *a)))

    state = _tiny(return_state=True)

    assert state.is_completed()
    assert sent, "no heartbeat was sent: the thread must still run"
    # Prefect runs the heartbeat loop through a copy of the caller's context: ``Context.run``.
    beats = [t for t, target in started if getattr(target, "__qualname__", "") == "Context.run"]
    assert beats, "the heartbeat thread was not started"
    assert not set(beats) & set(joined), "the run waited for its heartbeat thread"


@pytest.fixture(autouse=True)
def _heartbeats_on(monkeypatch):
    # Prefect's default (every 180 s, the first at once); a test profile may have turned them off.
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 180}):
        yield
