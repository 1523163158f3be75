"""The Prefect ingestion flows: stages, failure isolation, caching, retries, Dask, deployments.

Flow tests share one Prefect test server (``prefect_server``, session-scoped). The end-to-end test
starts its own real ``prefect server start`` on a free localhost port.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pipeline import batch as plain_batch
from pipeline import extract as stages
from pipeline.errors import InputError, StoreError, TransientStoreError
from pipeline.extract import extract_file
from pipeline.store.database import Store
from tests.conftest import ROOT, SAMPLES
from tests.flows.conftest import summary_of
from tests.test_faults import contents

RULED = SAMPLES / "en_ruled_repeated_header.pdf"
UNRULED = SAMPLES / "es_unruled_landscape.pdf"
REPORT = SAMPLES / "en_no_logframe.pdf"


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with plain text and no table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.save()
    return path


def store_contents(db: str) -> dict[str, dict]:
    """Every stored logframe by sha256, without store ids."""
    store = Store(db)
    try:
        return contents(store)
    finally:
        store.dispose()


# ---- plain stages (no Prefect) --------------------------------------------------------------

@pytest.mark.parametrize("sample", [RULED, UNRULED, REPORT], ids=lambda p: p.stem)
def test_stages_give_what_extract_file_gives(sample):
    pdf = stages.parse(sample)
    document = stages.classify(pdf)
    staged = stages.validate(stages.extract(pdf), document)
    assert staged == extract_file(sample)
    assert document == staged.document
    assert stages.extract_file(sample, check=True) == staged


def test_a_plan_without_logframe_is_a_failure_naming_the_file(tmp_path):
    plan = text_pdf(tmp_path / "empty_plan.pdf", [
        "National Action Plan on Women, Peace and Security 2024-2028",
        "This plan describes the context of Resolution 1325 in prose only.",
    ])
    with pytest.raises(InputError, match=r"empty_plan\.pdf: no logframe found"):
        stages.extract_file(plan, check=True)
    store = Store(str(tmp_path / "s.db"))
    outcome = plain_batch.ingest_file(store, plan)
    assert outcome.status == "failed" and "no logframe found" in outcome.message
    assert [r.status for r in store.runs()] == ["failed"]


def test_an_extractor_bug_fails_only_that_file(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr("extractors.logframe.extract_logframe", boom)
    with pytest.raises(InputError, match=r"en_ruled_repeated_header\.pdf: extraction failed \(IndexError"):
        stages.extract_file(RULED, check=True)


def test_retry_condition_retries_only_transient_store_faults():
    from prefect.states import Completed, Failed

    from flows.tasks import only_transient

    assert only_transient(None, None, Failed(data=TransientStoreError("database is locked")))
    assert not only_transient(None, None, Failed(data=InputError("x.pdf", "not a PDF")))
    assert not only_transient(None, None, Failed(data=StoreError("no such document")))
    assert not only_transient(None, None, Completed(data=1))


def test_cache_key_is_content_and_extractor_version(monkeypatch):
    from flows import tasks

    key = tasks.extraction_cache_key(None, {"sha256": "a" * 64, "path": "/one/plan.pdf"})
    assert key == tasks.extraction_cache_key(None, {"sha256": "a" * 64, "path": "/other/copy.pdf"})
    assert key != tasks.extraction_cache_key(None, {"sha256": "b" * 64, "path": "/one/plan.pdf"})
    monkeypatch.setattr(tasks, "EXTRACTOR_VERSION", "99.0.0")
    assert key != tasks.extraction_cache_key(None, {"sha256": "a" * 64, "path": "/one/plan.pdf"})


def test_the_extraction_task_freezes_its_workers_heap_at_exit(prefect_server, monkeypatch):
    """The extraction task registers the exit-time freeze (``gc_tuning.freeze_at_exit``) in the
    process it runs in, as ``naplog extract`` does: a worker holds no store."""
    import atexit
    import gc

    from flows import tasks
    from pipeline import gc_tuning

    registered = []
    monkeypatch.setattr(gc_tuning, "_freeze_registered", False)
    monkeypatch.setattr(atexit, "register", lambda fn, *a, **k: registered.append(fn))
    lf = tasks.extract_document.fn(str(RULED), stages.fingerprint(RULED))
    assert lf.goals
    assert gc.freeze in registered


def test_prefect_yaml_deployments():
    from flows.ingest import ingest_flow, ingest_inbox
    from flows.serve import deployment_specs, runner_deployments

    specs = {d["name"]: d for d in deployment_specs()}
    assert specs["naplog-batch"]["entrypoint"] == "flows/ingest.py:ingest_flow"
    assert not specs["naplog-batch"]["schedules"]  # on demand
    assert specs["naplog-inbox"]["entrypoint"] == "flows/ingest.py:ingest_inbox"
    assert specs["naplog-inbox"]["schedules"][0]["cron"]
    built = {d.name: d for d in runner_deployments()}
    assert built["naplog-batch"].flow_name == ingest_flow.name
    assert built["naplog-inbox"].flow_name == ingest_inbox.name
    assert built["naplog-inbox"].schedules[0].schedule.cron == specs["naplog-inbox"]["schedules"][0]["cron"]
    # every parameter given in prefect.yaml is one the flow accepts
    for name, spec in specs.items():
        accepted = set(built[name]._parameter_openapi_schema.properties)
        assert set(spec["parameters"]) <= accepted, name


# ---- flows on the session's Prefect test server ---------------------------------------------

@pytest.fixture
def batch(tmp_path):
    """A folder with three good documents and three bad ones."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for sample in (RULED, UNRULED, REPORT):
        shutil.copy(sample, folder / sample.name)
    (folder / "broken.pdf").write_text("this is not a pdf")
    (folder / "cut.pdf").write_bytes(RULED.read_bytes()[:2000])
    text_pdf(folder / "empty_plan.pdf", ["National Action Plan on Women, Peace and Security 2024-2028",
                                         "Narrative only."])
    return folder


def run_flow(paths, db, cache_dir, **kwargs):
    from flows.ingest import ingest_flow

    state = ingest_flow(paths=[str(p) for p in paths], db=str(db), cache_dir=str(cache_dir),
                        print_summary=False, return_state=True, **kwargs)
    return summary_of(state), state.state_details.flow_run_id


def task_run_names(flow_run_id, expect: str | None = None) -> list[str]:
    """The flow run's task runs, by name. Prefect records task runs from events, after the flow
    returns: with ``expect``, wait (up to 20 s) until that one is there."""
    from prefect.settings import PREFECT_API_URL

    deadline = time.monotonic() + 20
    while True:
        runs = httpx.post(f"{PREFECT_API_URL.value()}/task_runs/filter", timeout=10, json={
            "flow_runs": {"id": {"any_": [str(flow_run_id)]}}, "sort": "ID_DESC", "limit": 200}).json()
        names = [r["name"] for r in runs]
        if expect is None or expect in names or time.monotonic() > deadline:
            return names
        time.sleep(0.2)


@pytest.mark.slow
def test_batch_isolates_failures_then_second_run_does_no_work(prefect_server, batch, tmp_path):
    from prefect.settings import PREFECT_API_URL

    from flows.ingest import SUMMARY_ARTIFACT_KEY

    db, cache = tmp_path / "store.db", tmp_path / "cache"
    summary, first_id = run_flow([batch], db, cache)
    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert {n for n, o in by_name.items() if o.status == "loaded"} == {RULED.name, UNRULED.name, REPORT.name}
    assert all(by_name[n].extraction == "extracted" for n in (RULED.name, UNRULED.name, REPORT.name))
    assert "broken.pdf: not a PDF" in by_name["broken.pdf"].message
    assert by_name["cut.pdf"].status == "failed" and "cut.pdf" in by_name["cut.pdf"].message
    assert "empty_plan.pdf: no logframe found" in by_name["empty_plan.pdf"].message
    assert len(summary.ok) == 3 and len(summary.failed) == 3
    # the store has the good documents, as the plain-Python ingestion stores them, and the
    # failures in its history
    stored = store_contents(str(db))
    plain_db = str(tmp_path / "plain.db")
    plain_batch.ingest_paths(Store(plain_db), [batch])
    assert stored == store_contents(plain_db) and len(stored) == 3
    assert sorted(r.status for r in Store(str(db)).runs()) == ["failed"] * 3 + ["loaded"] * 3
    # the summary artifact names each failure
    artifacts = httpx.post(f"{PREFECT_API_URL.value()}/artifacts/filter", timeout=10, json={
        "artifacts": {"key": {"any_": [SUMMARY_ARTIFACT_KEY]}}, "sort": "CREATED_DESC", "limit": 1}).json()
    latest = artifacts[0]
    assert latest["flow_run_id"] == str(first_id) and latest["type"] == "markdown"
    assert "3 ok" in latest["description"] and "3 failed" in latest["description"]
    assert "broken.pdf: not a PDF" in latest["data"] and "no logframe found" in latest["data"]
    # task runs are named after their file, and the stages inside an extraction are not tasks
    # (a task call would make Prefect walk the parsed document: seconds per call on a long plan)
    names = task_run_names(first_id, expect=f"load {REPORT.name}")
    assert {f"extract {RULED.name}", f"load {RULED.name}", "record-failure broken.pdf"} <= set(names), names
    assert not {n for n in names if n.split("-")[0] in ("parse", "classify", "extract", "validate")}, names

    # second run over the same folder: good files skipped as unchanged, nothing extracted; the bad
    # ones (not a PDF, truncated, no logframe: failures of their own) failed again as remembered,
    # without being read, and without another run in the history
    summary2, second_id = run_flow([batch], db, cache)
    assert {Path(o.path).name for o in summary2.unchanged} == {RULED.name, UNRULED.name, REPORT.name}
    assert not summary2.ok and all(o.extraction is None for o in summary2.unchanged)
    assert len(summary2.failed) == 3 and summary2.remembered == summary2.failed
    assert all("--retry-failed" in o.message for o in summary2.failed)
    every = {f"extract {name}" for name in by_name}
    names = task_run_names(second_id, expect="check-store broken.pdf")
    assert "check-store broken.pdf" in names
    assert not every & set(names)
    assert len(Store(str(db)).runs()) == 6
    assert store_contents(str(db)) == stored

    # a new store with the same cache: every good document comes from the cache, same records
    db2 = tmp_path / "store2.db"
    summary3, _ = run_flow([batch / p.name for p in (RULED, UNRULED, REPORT)], db2, cache)
    assert {Path(o.path).name for o in summary3.cache_hits} == {RULED.name, UNRULED.name, REPORT.name}
    assert store_contents(str(db2)) == stored


@pytest.mark.slow
def test_changed_file_and_new_extractor_version_are_extracted_again(prefect_server, tmp_path, monkeypatch):
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.ingest import ingest_flow

    folder = tmp_path / "inbox"
    folder.mkdir()
    plan = folder / "plan.pdf"
    plan.write_bytes(UNRULED.read_bytes())
    db, cache = tmp_path / "store.db", tmp_path / "cache"
    # In-process tasks, so that the patched extractor version below is the one every task sees.
    flow = ingest_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=1))

    def run():
        return flow(paths=[str(folder)], db=str(db), cache_dir=str(cache), print_summary=False).outcomes[0]

    assert (run().status, run().status) == ("loaded", "unchanged")
    plan.write_bytes(REPORT.read_bytes())  # new content at the same path
    changed = run()
    assert (changed.status, changed.extraction) == ("replaced", "extracted")
    for module in ("flows.tasks", "pipeline.extract", "pipeline.batch"):
        monkeypatch.setattr(f"{module}.EXTRACTOR_VERSION", "0.1.0+test")
    bumped = run()
    assert (bumped.status, bumped.extraction) == ("replaced", "extracted")
    assert Store(str(db)).documents()[0].extractor_version == "0.1.0+test"


@pytest.mark.slow
def test_transient_store_faults_are_retried_bad_input_is_not(prefect_server, tmp_path, monkeypatch):
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows import tasks
    from flows.ingest import ingest_flow

    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(REPORT, folder / "a_report.pdf")
    shutil.copy(UNRULED, folder / "b_plan.pdf")
    (folder / "c_broken.pdf").write_text("garbage")
    real_load = Store.load
    calls: dict[str, int] = {}

    def flaky_load(self, logframe):
        name = Path(logframe.document.source_path).name
        calls[name] = calls.get(name, 0) + 1
        if name == "a_report.pdf" and calls[name] <= 2:
            raise TransientStoreError("store is busy: database is locked")
        if name == "b_plan.pdf":
            raise StoreError("constraint failed")  # not transient: no retry
        return real_load(self, logframe)

    monkeypatch.setattr(Store, "load", flaky_load)
    monkeypatch.setattr(tasks.load, "retry_delay_seconds", [0, 0, 0])
    parsed: list[str] = []
    real_parse = stages.parse

    def counting_parse(path, *args, **kwargs):
        parsed.append(Path(path).name)
        return real_parse(path, *args, **kwargs)

    monkeypatch.setattr(stages, "parse", counting_parse)
    flow = ingest_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=1))
    summary = summary_of(flow(paths=[str(folder)], db=str(tmp_path / "s.db"), cache_dir=str(tmp_path / "cache"),
                              print_summary=False, return_state=True))
    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert by_name["a_report.pdf"].status == "loaded" and calls["a_report.pdf"] == 3
    assert by_name["b_plan.pdf"].status == "failed" and calls["b_plan.pdf"] == 1
    assert "constraint failed" in by_name["b_plan.pdf"].message
    assert by_name["c_broken.pdf"].status == "failed"
    assert parsed.count("c_broken.pdf") == 1  # failed once, never retried


@pytest.mark.slow
def test_dask_cluster_of_two_workers_gives_the_same_store(prefect_server, tmp_path):
    from flows.ingest import ingest_flow
    from flows.runners import make_task_runner

    samples = [RULED, UNRULED, REPORT, SAMPLES / "fr_docx_cadre_logique.pdf"]
    plain_db, dask_db = str(tmp_path / "plain.db"), str(tmp_path / "dask.db")
    plain_batch.ingest_paths(Store(plain_db), samples)  # the plain run: no Prefect at all
    state = ingest_flow.with_options(task_runner=make_task_runner("local:2"))(
        paths=[str(p) for p in samples], db=dask_db, cache_dir=str(tmp_path / "dask-cache"),
        print_summary=False, return_state=True)
    on_dask = summary_of(state)
    assert len(on_dask.ok) == len(samples)
    assert all(o.extraction == "extracted" for o in on_dask.outcomes)  # the work was done on Dask
    assert store_contents(dask_db) == store_contents(plain_db)


def test_cli_ingest_runs_the_flow(prefect_server, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / "report.pdf")
    (folder / "bad.pdf").write_text("nope")
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output
    assert "1 loaded" in result.stdout and "1 failed" in result.stdout
    assert "bad.pdf: not a PDF" in result.output
    assert "Prefect: server at" in result.output


# ---- without a Prefect server, and with a real one --------------------------------------------

@pytest.fixture(scope="module")
def prefect_home(tmp_path_factory) -> Path:
    """One PREFECT_HOME for the tests below, so that Prefect's database is created only once."""
    return tmp_path_factory.mktemp("prefect-home")


def _env(tmp_path: Path, prefect_home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               NAPLOG_CACHE_DIR=str(tmp_path / "cache"), **extra)
    return env


@pytest.mark.slow
def test_naplog_ingest_works_without_a_prefect_server(tmp_path, prefect_home):
    """Ephemeral mode: no PREFECT_API_URL, no server started beforehand."""
    naplog = Path(sys.executable).with_name("naplog")
    proc = subprocess.run([str(naplog), "ingest", str(REPORT), "--db", str(tmp_path / "e.db")],
                          env=_env(tmp_path, prefect_home), capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ephemeral mode" in proc.stderr and "1 loaded" in proc.stdout
    # The temporary server stops as the batch ends: nothing of its shutdown reaches the user.
    assert "Traceback" not in proc.stderr and "ERROR" not in proc.stderr, proc.stderr


def test_the_ephemeral_server_is_given_time_for_its_first_start(tmp_path, prefect_home):
    """Prefect's own 20 s is less than its first start on a fresh machine (it creates and migrates
    its database): naplog's default reaches Prefect's settings, and an explicit setting wins."""
    code = ("import flows; from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as T; "
            "print(T.value())")
    for extra, expected in (({}, "180"), ({"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "45"}, "45")):
        proc = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path, prefect_home, **extra),
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout: float, what: str, procs=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise AssertionError(f"{what}: process {p.args[:4]} exited with {p.returncode}")
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the group this test started (start_new_session)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.mark.slow
def test_end_to_end_scheduled_inbox_on_a_real_prefect_server(tmp_path, prefect_home):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = _env(tmp_path, prefect_home, PREFECT_API_URL=api, PREFECT_RUNNER_POLL_FREQUENCY="1")
    logs = tmp_path / "logs"
    logs.mkdir()
    inbox, db = tmp_path / "inbox", tmp_path / "store.db"
    inbox.mkdir()
    prefect = Path(sys.executable).with_name("prefect")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui", "--analytics-off"],
        env={k: v for k, v in env.items() if k != "PREFECT_API_URL"}, cwd=tmp_path, start_new_session=True,
        stdout=open(logs / "server.log", "w"), stderr=subprocess.STDOUT)
    served = None
    try:
        def healthy():
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait(healthy, 120, "the Prefect server's health check", [server])
        served = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", "--only", "naplog-inbox", "--inbox", str(inbox), "--db", str(db),
             # a schedule that does not fire during the test: this run is triggered through the API
             "--cron", "0 0 1 1 *"],
            env=env, cwd=ROOT, start_new_session=True, stdout=open(logs / "serve.log", "w"), stderr=subprocess.STDOUT)

        def deployment():
            r = httpx.get(f"{api}/deployments/name/naplog-ingest-inbox/naplog-inbox", timeout=5)
            return r.json() if r.status_code == 200 else None

        dep = _wait(deployment, 90, "the served deployment", [server, served])
        assert dep["schedules"] and dep["schedules"][0]["schedule"]["cron"] == "0 0 1 1 *"
        assert dep["parameters"]["inbox"] == str(inbox)

        # a new report lands in the inbox; the deployment is run now
        shutil.copy(REPORT, inbox / "annual_report_2025.pdf")
        def created():
            # The server's SQLite may be busy with the runner's own writes: a 5xx is tried again.
            r = httpx.post(f"{api}/deployments/{dep['id']}/create_flow_run", json={}, timeout=10)
            created.last = f"{r.status_code} {r.text[:500]}"
            return r.json() if r.status_code in (200, 201) else None

        try:
            run = _wait(created, 60, "a flow run of the deployment", [server, served])
        except AssertionError:
            raise AssertionError(f"create_flow_run answered {getattr(created, 'last', None)}") from None

        def finished():
            r = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=5)
            state = r.json().get("state") if r.status_code == 200 else None
            return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        try:
            state = _wait(finished, 150, "the flow run to finish", [server, served])
        except AssertionError:
            raise AssertionError((logs / "serve.log").read_text()[-4000:]) from None
        assert state["type"] == "COMPLETED", (logs / "serve.log").read_text()[-4000:]
        docs = Store(str(db)).documents()
        assert [(Path(d.source_path).name, d.kind, d.country) for d in docs] == [
            ("annual_report_2025.pdf", "report", "Tamora")]
    finally:
        for proc in (served, server):
            if proc is not None:
                _stop(proc)
