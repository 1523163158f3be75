"""Start-up of ``naplog ingest`` (issue 21): the long-lived server of ``naplog server start`` is
reused and left running, a temporary one is started (and stopped) only without it, the store and
the summary are the same either way, and a lone file is extracted without a process pool."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from flows import server as naplog_server
from tests.conftest import SAMPLES
from tests.flows.test_flows import REPORT, RULED, _free_port, store_contents

NAPLOG = Path(sys.executable).with_name("naplog")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


def _naplog(env: dict[str, str], *args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(NAPLOG), *args], env={**env, "COLUMNS": "200"}, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def _start(work: Path) -> tuple[dict[str, str], str, int]:
    """``naplog server start`` with ``work/prefect-home``: (environment, API, pid). A server that
    did not come up was stopped by the command itself."""
    env = _env(work / "prefect-home")
    port = _free_port()
    proc = _naplog(env, "server", "start", "--port", str(port), cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pid = json.loads((work / "prefect-home" / naplog_server.STATE_FILE).read_text())["pid"]
    return env, f"http://127.0.0.1:{port}/api", pid


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> tuple[dict[str, str], str, int]:
    """A naplog server with a PREFECT_HOME of this module's own."""
    work = tmp_path_factory.mktemp("naplog-server")
    env, api, pid = _start(work)
    try:
        yield env, api, pid
    finally:
        _naplog(env, "server", "stop", cwd=work, timeout=120)


def _flow_runs(api: str) -> int:
    return len(httpx.post(f"{api}/flow_runs/filter", json={}, timeout=30).json())


def _table(stdout: str, db: Path) -> str:
    """The summary as printed, without the store's path (each run has its own store)."""
    return re.sub(r"\s+", " ", stdout.replace(str(db), "STORE"))


@pytest.mark.slow
def test_ingest_reuses_the_running_server_and_leaves_it_running(started, tmp_path):
    env, api, pid = started
    status = _naplog(env, "server", "status", cwd=tmp_path)
    assert status.returncode == 0 and api in status.stdout, status.stdout
    runs_before = _flow_runs(api)
    proc = _naplog({**env, "NAPLOG_CACHE_DIR": str(tmp_path / "c")}, "ingest", str(RULED), "--db",
                   str(tmp_path / "s.db"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"Prefect: naplog server at {api}" in proc.stderr, proc.stderr
    assert "1 loaded" in proc.stdout
    assert _flow_runs(api) == runs_before + 1  # the flow ran against that server, not a temporary one
    assert psutil.pid_exists(pid)
    again = _naplog(env, "server", "status", cwd=tmp_path)
    assert again.returncode == 0 and f"pid {pid}" in again.stdout
    # a second start finds it
    second = _naplog(env, "server", "start", "--port", str(_free_port()), cwd=tmp_path)
    assert second.returncode == 0 and "already running" in second.stdout and api in second.stdout


@pytest.mark.slow
def test_no_temporary_server_is_started_early_when_one_is_not_needed(started, monkeypatch):
    env, _, _ = started
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", env["PREFECT_HOME"])  # where the naplog server runs
    assert naplog_server.start_temporary_server_early() is None
    monkeypatch.setenv("PREFECT_HOME", "/nonexistent")
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert naplog_server.start_temporary_server_early() is None


def test_an_api_url_in_the_active_prefect_profile_is_found_without_prefect(tmp_path, monkeypatch):
    """``prefect config set PREFECT_API_URL=...`` writes it to profiles.toml, not the environment."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILES_PATH", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    monkeypatch.delitem(sys.modules, "prefect.settings", raising=False)  # as in a command before Prefect's import
    (tmp_path / "profiles.toml").write_text('active = "team"\n[profiles.team]\n'
                                            'PREFECT_API_URL = "http://prefect.example:4200/api"\n')
    assert naplog_server._api_url_configured(tmp_path)
    monkeypatch.setenv("PREFECT_PROFILE", "local")
    assert not naplog_server._api_url_configured(tmp_path)


@pytest.mark.slow
def test_the_same_summary_and_store_with_the_server_or_a_temporary_one(started, tmp_path):
    env, api, _ = started
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in (RULED, REPORT):  # two files: through the process pool
        (folder / sample.name).write_bytes(sample.read_bytes())
    own = _env(tmp_path / "another-prefect-home")  # no naplog server there: a temporary one
    results = {}
    for name, base in (("reused", env), ("temporary", own)):
        db = tmp_path / f"{name}.db"
        proc = _naplog({**base, "NAPLOG_CACHE_DIR": str(tmp_path / f"cache-{name}")}, "ingest", str(folder),
                       "--db", str(db), cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        results[name] = (proc, db)
    (reused, reused_db), (temporary, temporary_db) = results["reused"], results["temporary"]
    assert f"naplog server at {api}" in reused.stderr
    assert "ephemeral mode, temporary server at" in temporary.stderr
    assert "2 loaded" in reused.stdout
    assert _table(reused.stdout, reused_db) == _table(temporary.stdout, temporary_db)
    assert store_contents(str(reused_db)) == store_contents(str(temporary_db))
    # the temporary server was stopped with the command; nothing answers where it was
    port = re.search(r"temporary server at http://127\.0\.0\.1:(\d+)/api", temporary.stderr).group(1)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)


@pytest.mark.slow
def test_stop_stops_it_and_ingest_then_starts_a_temporary_server(tmp_path):
    env, _, pid = _start(tmp_path)
    try:
        proc = psutil.Process(pid)
        group = [proc, *proc.children(recursive=True)]
    finally:
        stop = _naplog(env, "server", "stop", cwd=tmp_path, timeout=120)
    assert stop.returncode == 0 and f"stopped (pid {pid})" in stop.stdout, stop.stdout
    assert not [p for p in group if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    status = _naplog(env, "server", "status", cwd=tmp_path)
    assert status.returncode == 1 and "no naplog server running" in status.stdout
    ingest = _naplog({**env, "NAPLOG_CACHE_DIR": str(tmp_path / "c")}, "ingest", str(RULED), "--db",
                     str(tmp_path / "s.db"), cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    assert "ephemeral mode, temporary server at" in ingest.stderr


def test_a_recorded_server_that_is_not_ours_is_neither_used_nor_stopped(tmp_path):
    """The recorded pid now belongs to another process (the server died, the id was reused)."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        home = tmp_path / "prefect-home"
        home.mkdir()
        (home / naplog_server.STATE_FILE).write_text(json.dumps(
            {"pid": other.pid, "api_url": f"http://127.0.0.1:{_free_port()}/api", "log": ""}))
        assert naplog_server.running_server(home) is None
        assert naplog_server.stop_server(home) is None
        assert other.poll() is None  # left alone
        assert not (home / naplog_server.STATE_FILE).exists()
    finally:
        other.kill()
        other.wait()


def test_a_lone_file_is_extracted_without_the_process_pool(prefect_server, tmp_path, monkeypatch):
    """One file: the extraction task runs in the flow's process; two: in the pool."""
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    from flows.ingest import run_ingest

    submitted: list[str] = []

    def spy(runner_class: type) -> None:
        real_submit = runner_class.submit

        def submit(self, task, parameters=None, *args, **kwargs):  # noqa: ANN001, ANN202 - the runner's own
            submitted.append(Path(parameters["path"]).name)
            return real_submit(self, task, parameters, *args, **kwargs)

        monkeypatch.setattr(runner_class, "submit", submit)

    spy(ProcessPoolTaskRunner)
    spy(ThreadPoolTaskRunner)
    one = run_ingest([str(RULED)], str(tmp_path / "one.db"), cache_dir=str(tmp_path / "c1"), print_summary=False)
    assert [o.status for o in one.outcomes] == ["loaded"] and one.outcomes[0].extraction == "extracted"
    assert submitted == []
    folder = tmp_path / "two"
    folder.mkdir()
    for sample in (RULED, SAMPLES / "en_no_logframe.pdf"):
        (folder / sample.name).write_bytes(sample.read_bytes())
    two = run_ingest([str(folder)], str(tmp_path / "two.db"), cache_dir=str(tmp_path / "c2"), print_summary=False)
    assert [o.status for o in two.outcomes] == ["loaded", "loaded"]
    assert sorted(submitted) == ["en_no_logframe.pdf", "en_ruled_repeated_header.pdf"]
    alone, among = store_contents(str(tmp_path / "one.db")), store_contents(str(tmp_path / "two.db"))
    for contents in (*alone.values(), *among.values()):  # the same file, from another folder
        contents["document"]["source_path"] = Path(contents["document"]["source_path"]).name
    assert [among[sha] for sha in alone] == list(alone.values())  # the same records either way


EARLY = """
import flows.server as s
early = s.start_temporary_server_early()
from flows.ingest import prefect_api
with prefect_api(early) as (api, how):
    print(how, api == f"http://127.0.0.1:{early.port}/api", early.process.poll())
print("stopped", early.process.poll() is not None)
"""


@pytest.mark.slow
def test_the_temporary_server_started_early_is_the_one_used_then_stopped(tmp_path):
    """``naplog ingest`` starts its temporary server before it imports Prefect; ``prefect_api``
    adopts that one (no second server) and stops it."""
    proc = subprocess.run([sys.executable, "-c", EARLY], env=_env(tmp_path / "prefect-home"), cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["ephemeral True None", "stopped True"], proc.stdout
