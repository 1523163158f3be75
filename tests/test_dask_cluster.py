"""``naplog ingest --dask-address`` against a real cluster: a ``dask scheduler`` and two ``dask
worker`` processes started here, the store on PostgreSQL, the extraction cache on a folder the
workers share. The store must equal a one-process run's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import batch
from pipeline.store.database import Store
from tests.conftest import SAMPLES
from tests.flows.test_flows import _free_port, _stop, _wait
from tests.test_faults import contents

BIN = Path(sys.executable).parent
# Variables that silence Dask or library logs, set by naplog's CLI in its own process.
QUIETING = {"DASK_LOGGING__DISTRIBUTED", "NAPLOG_LIBRARY_LOGS"}
DOCUMENTS = [SAMPLES / n for n in ("en_ruled_repeated_header.pdf", "es_unruled_landscape.pdf",
                                   "en_no_logframe.pdf", "fr_docx_cadre_logique.pdf")]


def _contents(url: str) -> dict[str, dict]:
    store = Store(url)
    try:
        return contents(store)
    finally:
        store.dispose()


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers, each its own process; their address."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    # Their INFO lines are what this fixture waits for: a CLI call made earlier in this test process
    # may have left DASK_LOGGING__DISTRIBUTED=critical (or naplog's log switch) in os.environ.
    env = {k: v for k, v in os.environ.items() if k not in QUIETING}
    env.update(DASK_DISTRIBUTED__WORKER__DAEMON="False", DASK_LOGGING__DISTRIBUTED="info")
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], env=env, start_new_session=True,
                              stdout=open(logs / "scheduler.log", "w"), stderr=subprocess.STDOUT)]
    try:
        # Generous bounds for a shared machine (they bound a hang; nothing is timed)
        try:
            _wait(lambda: "Scheduler at" in (logs / "scheduler.log").read_text(), 300, "the Dask scheduler", procs)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{(logs / 'scheduler.log').read_text()[-3000:]}") from None
        for i in (1, 2):
            procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                 "--name", f"w{i}"], env=env, start_new_session=True,
                stdout=open(logs / f"worker{i}.log", "w"), stderr=subprocess.STDOUT))
        _wait(lambda: all("Registered to" in (logs / f"worker{i}.log").read_text() for i in (1, 2)), 180,
              "two Dask workers", procs)
        yield address, logs
    finally:
        for proc in reversed(procs):
            _stop(proc)


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_ingest_on_a_dask_cluster_gives_the_store_of_a_one_process_run(cluster, db_url, tmp_path):
    address, _ = cluster
    shared = tmp_path / "shared-cache"  # the folder every worker writes the extraction results to
    # naplog's own choice of what reaches the terminal is under test: nothing inherited decides it
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k not in QUIETING}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    proc = subprocess.run([str(BIN / "naplog"), "ingest", *map(str, DOCUMENTS), "--db", db_url,
                           "--dask-address", address, "--cache-dir", str(shared)],
                          env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 loaded" in proc.stdout and f"Dask cluster at {address}" in proc.stderr, proc.stderr
    # Dask's INFO lines stay out of the user's terminal (they are shown with -v)
    assert not re.search(r"\bINFO\b|distributed\.", proc.stderr), proc.stderr
    # the extractions ran on the workers (the flow's process extracts nothing on a cluster), which
    # wrote their results to the shared folder
    assert len(list(shared.iterdir())) == len(DOCUMENTS)

    plain = str(tmp_path / "plain.db")
    store = Store(plain)
    batch.ingest_paths(store, DOCUMENTS)  # one process, no Prefect, no Dask
    store.dispose()
    assert _contents(db_url) == _contents(plain) and len(_contents(plain)) == len(DOCUMENTS)
