"""``naplog ingest`` as a user runs it: missing paths among good files, an empty folder, and a
``kill -9`` that must not leave the temporary Prefect server or the pool's workers running."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from pipeline.store.database import Store
from tests.conftest import SAMPLES

NAPLOG = Path(sys.executable).with_name("naplog")
PLAN = SAMPLES / "en_ruled_repeated_header.pdf"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               NAPLOG_CACHE_DIR=str(tmp_path / "cache"), **extra)
    return env


def test_missing_path_is_reported_and_the_other_files_are_loaded(prefect_server, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    good = tmp_path / "plan.pdf"
    shutil.copy(PLAN, good)
    db = str(tmp_path / "s.db")
    missing = tmp_path / "no_such_plan.pdf"
    result = CliRunner().invoke(app, ["ingest", str(missing), str(good), "--db", db,
                                      "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output
    assert f"{missing}: no such file or folder" in result.output
    assert "1 loaded" in result.stdout
    assert [Path(d.source_path).name for d in Store(db).documents()] == ["plan.pdf"]
    # again: the good file is unchanged (answered without a flow), the missing one still reported
    again = CliRunner().invoke(app, ["ingest", str(missing), str(good), "--db", db])
    assert again.exit_code == 1 and "1 unchanged" in again.stdout
    assert f"{missing}: no such file or folder" in again.output


def test_an_empty_folder_answers_without_starting_prefect(tmp_path):
    """Nothing to do: exit 0 with its message, and Prefect is not even imported (an unreachable
    PREFECT_API_URL would fail any use of it)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    code = ("import sys\nfrom pipeline.cli import app\n"
            "try:\n    app(['ingest', sys.argv[1], '--db', sys.argv[2]])\n"
            "except SystemExit as e:\n    print('exit', e.code, 'prefect' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(empty), str(tmp_path / "s.db")],
                          env=_env(tmp_path, PREFECT_API_URL="http://127.0.0.1:9/api"),
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "no PDF files found" in proc.stdout, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "exit 0 False", proc.stdout + proc.stderr
    assert not (tmp_path / "s.db").exists()  # nothing to store: no store created either


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _is_pool_worker(p: psutil.Process) -> bool:
    try:
        return "spawn_main" in " ".join(p.cmdline())
    except psutil.Error:
        return False


def _is_prefect_server(p: psutil.Process) -> bool:
    try:
        return "prefect.server.api.server:create_app" in " ".join(p.cmdline())
    except psutil.Error:
        return False


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
def test_the_workers_events_go_to_the_commands_one_temporary_server(tmp_path):
    """Ephemeral mode with the process pool: Prefect forwards the workers' events from a thread of
    its own, which reads the process-global settings, not the flow's context. It used to find no
    API there and start a second temporary server for them (seconds of CPU beside the workers, and
    the extraction's task run recorded by whichever server got it): one server serves all."""
    run = subprocess.run([str(NAPLOG), "ingest", str(PLAN), "--db", str(tmp_path / "s.db"), "--workers", "2", "-v"],
                         env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    starts = [line for line in run.stderr.splitlines() if "Starting temporary server" in line]
    assert len(starts) == 1, starts


def test_kill_9_of_ingest_leaves_neither_the_server_nor_the_workers_running(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(sample, folder / sample.name)
    # Ephemeral mode (no PREFECT_API_URL): the temporary server is this command's child too.
    ingest = subprocess.Popen([str(NAPLOG), "ingest", str(folder), "--db", str(tmp_path / "s.db"), "--workers", "2"],
                              env=_env(tmp_path), cwd=tmp_path, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 300  # a bound for a slow shared machine, not a measure
        while time.monotonic() < deadline and ingest.poll() is None:
            children = _descendants(ingest.pid)
            if any(map(_is_pool_worker, children)) and any(map(_is_prefect_server, children)):
                break
            time.sleep(0.2)
        assert ingest.poll() is None, "naplog ingest ended before a pool worker was seen"
        assert any(map(_is_pool_worker, children)) and any(map(_is_prefect_server, children)), children
        children = _descendants(ingest.pid)
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(map(_alive, children)):
            time.sleep(0.2)
        left = [(p.pid, " ".join(p.cmdline())[:120]) for p in children if _alive(p)]
        assert not left, f"still running after their parent was killed: {left}"
    finally:
        if ingest.poll() is None:
            ingest.kill()
        for p in children:  # only what this test started
            if _alive(p):
                p.kill()


@pytest.mark.slow
def test_dask_logs_stay_out_of_the_terminal_unless_verbose(tmp_path):
    """A local Dask cluster's scheduler, nanny and worker log every step at INFO."""
    proc = subprocess.run([str(NAPLOG), "ingest", str(PLAN), "--db", str(tmp_path / "s.db"),
                           "--dask-address", "local:1"], env=_env(tmp_path), capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "1 loaded" in proc.stdout
    assert "distributed." not in proc.stderr and " INFO " not in proc.stderr, proc.stderr
