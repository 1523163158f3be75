"""The per-document time limit (``pipeline.pdf.deadline``): whatever moment its alarm arrives at,
it stops that document only and leaves the process as it found it."""

from __future__ import annotations

import os
import signal

import pytest

from pipeline.errors import InputError
from pipeline.pdf import deadline as clock
from pipeline.pdf.deadline import check_deadline, deadline, remaining_seconds


@pytest.fixture
def alarm_at_once(monkeypatch) -> None:  # noqa: ANN001
    """``setitimer`` that fires its alarm before returning: the alarm then arrives on the first
    bytecode after the timer starts, the moment a 1 ms limit on a busy machine hits by chance."""
    assert clock._can_use_timer(), "the test needs the SIGALRM timer free (no other alarm in this process)"
    real = signal.setitimer

    def at_once(which: int, seconds: float, *interval: float) -> tuple[float, float]:
        previous = real(which, seconds, *interval)
        if seconds:
            os.kill(os.getpid(), signal.SIGALRM)
        return previous

    monkeypatch.setattr(signal, "setitimer", at_once)


def test_an_alarm_right_after_the_timer_starts_leaves_no_clock_or_handler_behind(alarm_at_once, tmp_path):
    handler = signal.getsignal(signal.SIGALRM)
    body_ran = []
    with pytest.raises(InputError, match=r"a\.pdf: stopped after 5 s") as stopped:
        with deadline(tmp_path / "a.pdf", 5):
            body_ran.append(True)
    assert not stopped.value.inherent and body_ran == []
    assert remaining_seconds() is None  # no expired clock left for the next document
    assert signal.getsignal(signal.SIGALRM) == handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_next_document_gets_its_own_clock_after_one_was_stopped(alarm_at_once, monkeypatch, tmp_path):
    with pytest.raises(InputError):
        with deadline(tmp_path / "a.pdf", 5):
            pass
    monkeypatch.undo()  # the real timer again
    with deadline(tmp_path / "b.pdf", 60):
        check_deadline()  # the stopped document's clock would raise here
        left = remaining_seconds()
        assert left is not None and 59 < left <= 60


def test_a_body_that_never_returns_is_stopped_and_the_process_left_clean(tmp_path):
    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(InputError, match=r"slow\.pdf: stopped after 0\.05 s"):
        with deadline(tmp_path / "slow.pdf", 0.05):
            while True:  # no check point: only the timer can stop it
                pass
    assert remaining_seconds() is None and signal.getsignal(signal.SIGALRM) == handler


@pytest.mark.parametrize("body", ["returns", "stops itself"])
def test_an_alarm_that_reaches_python_during_the_clean_up_leaves_no_clock_behind(monkeypatch, tmp_path, body):
    """The system delivered the alarm before the timer was cancelled, and Python runs its handler
    only as the handler is being put back (a 1 ms limit on a busy machine): the document's clock
    must not be left in force for every later document ("stopped after 0.001 s" on each)."""
    assert clock._can_use_timer(), "the test needs the SIGALRM timer free (no other alarm in this process)"
    handler = signal.getsignal(signal.SIGALRM)
    real = signal.signal

    def late(signum, action):  # noqa: ANN001, ANN202
        if signum == signal.SIGALRM and action == handler:  # putting the handler back: the alarm arrives now
            os.kill(os.getpid(), signal.SIGALRM)
        return real(signum, action)

    monkeypatch.setattr(signal, "signal", late)
    try:
        with deadline(tmp_path / "a.pdf", 60):
            if body == "stops itself":
                raise InputError(tmp_path / "a.pdf", "stopped by its own check")
    except InputError:
        pass
    assert remaining_seconds() is None  # no clock left in force
    assert signal.getsignal(signal.SIGALRM) == handler
    monkeypatch.undo()
    with deadline(tmp_path / "b.pdf", 60):
        check_deadline()
