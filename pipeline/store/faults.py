"""Fault injection for the tests of what a killed process leaves in the store (tests/test_faults.py).

With ``NAPLOG_FAULT`` unset (always, outside those tests) ``fault_point`` does nothing.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

# Fault injection for tests: NAPLOG_FAULT=kill-during-load makes the process SIGKILL itself in the
# middle of writing a document's records; NAPLOG_FAULT=pause-during-load:MARK makes it create the file
# MARK there and wait, so that a test kills it from outside at a moment it knows is inside the
# transaction (see fault_point and tests/test_faults.py). A sleep before the kill raced the load.
FAULT_ENV = "NAPLOG_FAULT"
PAUSE = "pause-"


def fault_point(name: str) -> None:
    """With ``NAPLOG_FAULT=<name>`` set, die here by SIGKILL (as ``kill -9`` or the OOM killer would).
    With ``NAPLOG_FAULT=pause-<name>:MARK``, create the file MARK and wait here until killed."""
    wanted = os.environ.get(FAULT_ENV, "")
    if wanted == name:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    elif wanted.startswith(f"{PAUSE}{name}:"):
        Path(wanted.split(":", 1)[1]).touch()
        while True:
            time.sleep(3600)
