"""``naplog ingest`` (the Prefect flow) under faults: another writer on the store the whole time,
and the store disappearing in the middle of a batch. The store-level fault tests are in
tests/test_faults.py; docs/faults.md lists them all.

Both use the session's Prefect test server (``prefect_server``): the ``naplog ingest`` process of
the first test is pointed at it with PREFECT_API_URL, so it does not start a server of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline.store.database import Store
from tests.test_faults import (
    BATCH,
    contents,
    python,
    reference,  # noqa: F401 - a fixture
    snapshot,
)

NAPLOG = str(Path(sys.executable).with_name("naplog"))

# As soon as another process starts loading into the store, loads one synthetic document after
# another (0.1 s apart: it holds the write lock about half of the time) until that process has
# loaded its N documents (and at least three itself), or is told to stop: a writer fighting for
# the store's lock the whole time ``naplog ingest`` loads.
BUSY_WRITER = """
import json, os, sys, time
from pathlib import Path
from pipeline.store.database import Store
from tests.test_faults import big_logframe
store, stop, n = Store(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[4])
Path(sys.argv[3]).touch()  # ready
def others(status):
    return sum(r.pid != os.getpid() and r.status in status for r in store.runs())
while not stop.exists() and not others(("started", "loaded")):
    time.sleep(0.02)
done = []
while not stop.exists() and others(("loaded",)) < n or len(done) < 3:
    i = len(done)
    lf = big_logframe(2, tag=f"busy{i}", sha=f"{i:064x}", path=f"/busy/{i}.pdf", country="Busyland")
    done.append(store.load(lf).status)
    time.sleep(0.1)
print(json.dumps(done))
"""


def test_naplog_ingest_while_another_process_writes(prefect_server, reference, tmp_path):  # noqa: F811
    """``naplog ingest`` (its own process) loads the batch into a SQLite store while another
    process keeps loading documents into it: both finish, no "database is locked" reaches the
    user, and the store holds exactly what the two would have stored one after the other.
    (PostgreSQL and the plain-Python ingest under the same contention: tests/test_faults.py.)"""
    from prefect.settings import PREFECT_API_URL

    stop, ready, db_url = tmp_path / "stop", tmp_path / "ready", str(tmp_path / "shared.db")
    writer = python(BUSY_WRITER, db_url, str(stop), str(ready), str(len(BATCH)))
    while not ready.exists():
        assert writer.poll() is None, writer.communicate()
        time.sleep(0.01)
    try:
        cli = subprocess.Popen(
            [NAPLOG, "ingest", str(reference["folder"]), "--db", db_url, "--cache-dir", str(tmp_path / "cache"),
             "--workers", "1"],
            env={**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "COLUMNS": "200"}, cwd=tmp_path,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = cli.communicate(timeout=300)
    finally:
        stop.touch()
    w_out, w_err = writer.communicate(timeout=120)
    assert cli.returncode == 0, out + err
    assert writer.returncode == 0, w_err
    assert f"{len(BATCH)} loaded" in out
    for text in (out, err, w_err):
        assert "locked" not in text.lower() and "Traceback" not in text
    busy = json.loads(w_out)
    assert set(busy) == {"loaded"} and len(busy) >= 3

    store = Store(db_url)
    stored = contents(store)
    assert {sha: lf for sha, lf in stored.items() if lf["document"]["country"] != "Busyland"} == reference["contents"]
    assert sum(lf["document"]["country"] == "Busyland" for lf in stored.values()) == len(busy)
    history = store.runs()
    assert sorted(r.status for r in history) == ["loaded"] * (len(BATCH) + len(busy))
    # they did overlap: the writer started loading before naplog ingest had finished
    mine = [r for r in history if r.pid == cli.pid]
    theirs = [r for r in history if r.pid == writer.pid]
    assert len(mine) == len(BATCH) and min(r.started_at for r in theirs) < max(r.finished_at for r in mine)
    store.dispose()


def test_naplog_ingest_stops_cleanly_when_the_store_disappears(prefect_server, reference, tmp_path,  # noqa: F811
                                                               monkeypatch):
    """The store's folder is moved away as the third document is loaded: ``naplog ingest`` prints
    one error line naming the store and exits 2; moved back, the store holds the two documents
    loaded before, whole, and the next ``naplog ingest`` loads the other two."""
    from prefect.task_runners import ThreadPoolTaskRunner
    from typer.testing import CliRunner

    import flows.ingest
    import flows.runners
    from pipeline.cli import app

    # Extraction in a thread of this process: no worker process to start (what is tested here is
    # the load side; the test above runs naplog ingest with its process pool).
    for module in (flows.ingest, flows.runners):
        monkeypatch.setattr(module, "make_task_runner", lambda *args: ThreadPoolTaskRunner(max_workers=1))
    home = tmp_path / "store"
    home.mkdir()  # naplog creates a store's file, never its folder
    db = str(home / "naplog.db")
    args = ["ingest", str(reference["folder"]), "--db", db, "--cache-dir", str(tmp_path / "cache")]
    real_load = Store.load
    loads: list[str] = []
    before: dict = {}

    def load_then_vanish(self, logframe):  # noqa: ANN001
        loads.append(logframe.document.source_path)
        if len(loads) == 3:
            before.update(snapshot(self))
            home.rename(tmp_path / "elsewhere")
        return real_load(self, logframe)

    monkeypatch.setattr(Store, "load", load_then_vanish)
    result = CliRunner().invoke(app, args)
    monkeypatch.setattr(Store, "load", real_load)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"error: store sqlite:///{db}: the database file is gone")
    assert "the batch stopped: 2 document(s) stored are kept, 2 not loaded" in errors[0]
    assert "Traceback" not in result.output and "failed:" not in result.output

    shutil.move(tmp_path / "elsewhere", home)
    store = Store(db)
    assert snapshot(store) == before and len(before["documents"]) == 2
    store.dispose()
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "2 loaded, 2 unchanged" in again.stdout
    store = Store(db)
    assert contents(store) == reference["contents"]
    store.dispose()
