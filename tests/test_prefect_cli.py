"""Prefect as its users know it, against a real ``prefect server start`` with its own PREFECT_HOME:
``prefect deploy --all`` with the project's prefect.yaml, ``prefect deployment ls``, ``prefect
deployment run``, ``prefect flow-run ls`` (they failed with HTTP 422 "Input should be a valid
integer" under fastapi >= 0.151: see the pin in pyproject.toml), and ``python -m flows.serve`` from
an installed wheel (it looked for prefect.yaml next to site-packages)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.flows.test_flows import _free_port, _stop, _wait

PREFECT = Path(sys.executable).with_name("prefect")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> dict[str, str]:
    """A Prefect server of this module's own; the environment to reach it."""
    home = tmp_path_factory.mktemp("prefect-cli")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               NAPLOG_CACHE_DIR=str(home / "cache"))
    proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port),
                             "--no-ui", "--analytics-off"], env=env, cwd=home, start_new_session=True,
                            stdout=open(home / "server.log", "w"), stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            return httpx.get(f"{api}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        _wait(healthy, 180, "the Prefect server's health check", [proc])
        yield {**env, "PREFECT_API_URL": api}
    finally:
        _stop(proc)


def prefect(env: dict[str, str], *args: str, cwd: Path = ROOT) -> str:
    proc = subprocess.run([str(PREFECT), *args], env={**env, "COLUMNS": "250"}, cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, f"prefect {' '.join(args)}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_deploy_all_then_list_and_run_with_the_prefect_cli(server):
    env = {**server, "NAPLOG_PROJECT_DIR": str(ROOT)}
    prefect(env, "work-pool", "create", "naplog", "--type", "process")
    deployed = prefect(env, "--no-prompt", "deploy", "--all")
    assert "naplog-ingest/naplog-batch" in deployed and "naplog-ingest-inbox/naplog-inbox" in deployed, deployed
    listed = prefect(env, "deployment", "ls")
    assert "naplog-ingest/naplog-batch" in listed and "naplog-ingest-inbox/naplog-inbox" in listed, listed
    prefect(env, "deployment", "run", "naplog-ingest/naplog-batch")
    runs = prefect(env, "flow-run", "ls")
    assert "naplog-ingest" in runs and "SCHEDULED" in runs, runs


def test_flows_serve_runs_from_an_installed_wheel(server, tmp_path):
    """The wheel's flows package carries prefect.yaml: served from it, outside the project."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            str(ROOT), "-w", str(tmp_path / "dist")], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    site = tmp_path / "site"
    with zipfile.ZipFile(next((tmp_path / "dist").glob("naplog-*.whl"))) as wheel:
        wheel.extractall(site)
    env = {**server, "PYTHONPATH": str(site)}  # before the editable install's finder
    inbox = tmp_path / "inbox"
    code = "import flows.serve as s; print(s.PREFECT_YAML)"
    where = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                           timeout=120)
    assert where.returncode == 0 and where.stdout.strip() == str(site / "flows" / "prefect.yaml"), where
    served = subprocess.Popen([sys.executable, "-m", "flows.serve", "--only", "naplog-inbox", "--inbox", str(inbox),
                               "--db", str(tmp_path / "s.db")], env=env, cwd=tmp_path, start_new_session=True,
                              stdout=open(tmp_path / "serve.log", "w"), stderr=subprocess.STDOUT)
    api = server["PREFECT_API_URL"]
    try:
        def deployment():  # noqa: ANN202
            r = httpx.get(f"{api}/deployments/name/naplog-ingest-inbox/naplog-inbox", timeout=5)
            return r.json() if r.status_code == 200 and r.json()["parameters"].get("inbox") == str(inbox) else None

        try:
            dep = _wait(deployment, 120, "the deployment served from the wheel", [served])
        except AssertionError:
            raise AssertionError((tmp_path / "serve.log").read_text()[-3000:]) from None
        assert dep["schedules"][0]["schedule"]["cron"] == "5 * * * *"
    finally:
        _stop(served)
