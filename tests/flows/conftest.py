"""Fixtures for the Prefect flow tests: ONE Prefect test server for the whole session.

``prefect_test_harness`` starts a temporary Prefect server (a few seconds) with its own database;
it is started once, on the first test that needs it, and stays up until the session ends (other
tests that run a flow afterwards, such as ``naplog ingest`` in test_cli, use it too).
"""

from __future__ import annotations

import os
import tempfile

import pytest

# Keep what the flows write outside the test's tmp dirs out of the user's home: Prefect's own
# state (results, the ephemeral server's database) and naplog's extraction cache. Set before
# Prefect is imported (it reads its settings at import).
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="naplog-test-prefect-home-"))
os.environ.setdefault("NAPLOG_CACHE_DIR", tempfile.mkdtemp(prefix="naplog-test-cache-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def summary_of(state):
    """The flow run's ``IngestSummary``, checking its final state: Completed when every file went
    well, else Failed with a message naming the files that failed (``flows.ingest.final_state``)."""
    from pathlib import Path

    summary = state.result(raise_on_failure=False)
    if summary.failed:
        assert state.is_failed(), state
        assert all(Path(o.path).name in state.message for o in summary.failed[:10]), state.message
    else:
        assert state.is_completed(), state
    return summary
