"""The ingestion flows: a batch over files and folders, and the scheduled ingestion of an inbox.

For every PDF found:

    check-store (flow process)     sha256; already loaded by this extractor version -> unchanged, no work;
                                   the same bytes failed the same way before -> failed (remembered), no work
    extract-document (workers)     parse -> classify -> extract -> validate, cached on sha256 + version
    load / record-failure (flow)   one writer, retried only on transient store faults

A document that fails (unreadable, not a PDF, no logframe found, an extraction error) is marked
failed with its reason and the others go on. A failure inherent to the file is remembered and not
tried again while the file and the way it is read stay the same (``retry_failed`` tries anyway; see
``pipeline.batch.input_key`` and ``NaplogError.inherent``). The flow ends with a summary (ok, unchanged, failed
with reasons), printed and published as the markdown artifact ``naplog-ingest-summary``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.filesystems import LocalFileSystem
from prefect.futures import PrefectFuture, as_completed
from prefect.results import ResultStore
from prefect.states import Failed, State

from extractors import EXTRACTOR_VERSION
from flows import EPHEMERAL_STARTUP_TIMEOUT_S, heartbeats, tasks
from flows.runners import default_workers, extracts_in_flow_process, make_task_runner
from flows.server import EarlyServer, discard_early
from pipeline.batch import Outcome, discover, not_attempted, remembered, settled_batch
from pipeline.errors import NaplogError, StoreUnavailableError
from pipeline.settings import resolve_db_url
from pipeline.store.database import Store

SUMMARY_ARTIFACT_KEY = "naplog-ingest-summary"

# A finished run is not held up to a second by its heartbeat thread (flows/heartbeats.py).
heartbeats.install()


@dataclass
class IngestSummary:
    store: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("loaded", "replaced")]

    @property
    def unchanged(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "unchanged"]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def cache_hits(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.extraction == "cached"]

    @property
    def remembered(self) -> list[Outcome]:
        """Failed as in an earlier run, without being read again (counted in ``failed`` too)."""
        return [o for o in self.outcomes if o.extraction == "remembered"]

    def headline(self) -> str:
        again = f" ({len(self.remembered)} remembered from earlier runs)" if self.remembered else ""
        return (f"{len(self.ok)} ok ({len(self.cache_hits)} from the extraction cache), "
                f"{len(self.unchanged)} skipped as unchanged, {len(self.failed)} failed{again}")

    def to_text(self) -> str:
        lines = [f"naplog ingest -> {self.store}: {self.headline()}"]
        for o in self.outcomes:
            extra = f" ({o.extraction})" if o.extraction else ""
            ident = f" id {o.document_id}" if o.document_id else ""
            lines.append(f"  {o.status:<9} {Path(o.path).name}{ident}{extra}")
        for o in self.failed:
            lines.append(f"  failed: {o.message}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        rows = ["| document | status | id | extraction | goals | outputs | activities | indicators | reason |",
                "|---|---|---|---|---|---|---|---|---|"]
        for o in self.outcomes:
            c = o.counts
            reason = (o.message or "").replace("|", "\\|")
            rows.append(f"| {Path(o.path).name} | {o.status} | {o.document_id or ''} | {o.extraction or ''} | "
                        + " | ".join(str(c.get(k, "")) for k in ("goals", "outputs", "activities", "indicators"))
                        + f" | {reason} |")
        return (f"# naplog ingest\n\nStore: `{self.store}`, extractor {EXTRACTOR_VERSION}\n\n"
                f"**{self.headline()}**\n\n" + "\n".join(rows) + "\n")


def _failure_reason(exc: BaseException, path: str) -> str:
    text = str(exc) or type(exc).__name__
    return text if path in text or Path(path).name in text else f"{path}: {text}"


def _record_failure(store: Store, path: str, sha256: str | None, message: str,
                    input_key: str | None = None) -> Outcome:
    try:
        return tasks.record_failure(store, path, sha256, message, input_key)
    except Exception as exc:  # noqa: BLE001 - the failure itself is what matters
        return Outcome(path, "failed", message=f"{message} (and it could not be recorded: {exc})")


# Called with each document's outcome as soon as it is known (``naplog ingest``'s progress bar);
# a context variable, not a flow parameter, because a callable cannot be sent to the API.
progress_callback: ContextVar[Callable[[Outcome], None] | None] = ContextVar("naplog_progress", default=None)


def _report(outcome: Outcome) -> Outcome:
    callback = progress_callback.get()
    if callback is not None:
        callback(outcome)
    return outcome


def _remember_under(exc: BaseException, reason: str, check: tasks.StoreCheck) -> str | None:
    """The key to remember this failure under, or None to try the file again next run: only the
    input failures workers report (``DocumentFailed``; not a lost worker or a crash) inherent to it."""
    return check.input_key if isinstance(exc, tasks.DocumentFailed) and exc.inherent else None


def _finish(store: Store, path: str, check: tasks.StoreCheck, run: State | PrefectFuture) -> Outcome:
    """Load the logframe an extract-document run produced, or record why it failed.

    (A future's result is taken from the future itself, not re-read from the worker's storage,
    which on a Dask cluster may be another machine's disk.)
    """
    logger = get_run_logger()
    try:
        logframe = run.result()
    except Exception as exc:  # noqa: BLE001 - DocumentFailed, or a worker process lost
        reason = _failure_reason(exc, path)
        outcome = _record_failure(store, path, check.sha256, reason, _remember_under(exc, reason, check))
        logger.warning("failed: %s", outcome.message)
        return outcome
    state = run.state if isinstance(run, PrefectFuture) else run
    extraction = "cached" if state.name == "Cached" else "extracted"
    # A cached result may come from the same content at another path: this file is the source.
    logframe.document.source_path = path
    try:
        outcome = tasks.load_logframe(store, logframe, extraction)
    except StoreUnavailableError as exc:  # gone, full, or unreachable through the retries: the batch stops
        outcome = Outcome(path, "failed", message=f"{path}: not loaded: {exc}", store_fault=str(exc))
    except Exception as exc:  # noqa: BLE001 - this document only; Store.load marked its run failed
        outcome = Outcome(path, "failed", message=f"{path}: could not be loaded ({exc})")
    logger.info("%s: %s (%s)", Path(path).name, outcome.status, extraction)
    return outcome


def _finish_lost(lost: list[tuple[str, tasks.StoreCheck]],
                 finish: Callable[[str, tasks.StoreCheck, State], Outcome]) -> dict[str, Outcome]:
    """The files of a broken process pool (a worker died: ``tasks.worker_lost``), each extracted
    again in a process of its own (``tasks.extract_each_alone``) and finished as any other: the one
    that kills its process is failed for what it is (and remembered), the others are loaded."""
    if not lost:
        return {}
    get_run_logger().warning("a worker process died; its %d file(s) are read again, each in a process of its own",
                             len(lost))
    checks = dict(lost)
    runs = tasks.extract_each_alone([(path, check.sha256) for path, check in lost], default_workers())
    return {path: finish(path, checks[path], state) for path, state in runs}


def ingest_documents(paths: list[str], db: str | None = None, cache_dir: str | None = None,
                     refresh_cache: bool = False, print_summary: bool = True,
                     retry_failed: bool = False) -> IngestSummary:
    """The flow body (shared by ``ingest_flow`` and ``ingest_inbox``)."""
    logger = get_run_logger()
    store = Store(db)
    files = [str(p.resolve()) for p in discover(paths)]
    # A Path is turned into a LocalFileSystem by Prefect; an unsaved block instance is refused.
    storage = Path(cache_dir).expanduser().resolve() if cache_dir else tasks.default_cache_dir()
    extract = tasks.extract_document.with_options(result_storage=storage, refresh_cache=refresh_cache)
    logger.info("%d PDF file(s) -> %s (extractor %s, cache %s)", len(files), store.safe_url, EXTRACTOR_VERSION,
                storage)

    cache = ResultStore(result_storage=LocalFileSystem(basepath=str(storage)))
    here = extracts_in_flow_process(len(files), FlowRunContext.get().task_runner)

    outcomes: dict[str, Outcome] = {}
    pending: dict[PrefectFuture, tuple[str, tasks.StoreCheck]] = {}
    # --- faults: once the store fails (gone, full, unreachable), the batch stops (docs/faults.md) ---
    fault: list[str] = []

    def finish(path: str, check: tasks.StoreCheck, run: State | PrefectFuture) -> Outcome:
        outcome = not_attempted(path, fault[0]) if fault else _finish(store, path, check, run)
        if outcome.store_fault and not fault:
            fault.append(outcome.store_fault)
            logger.error("%s", outcome.store_fault)
        return _report(outcome)
    # --- end faults ---
    for path in files:
        if fault:
            outcomes[path] = _report(not_attempted(path, fault[0]))
            continue
        try:
            check = tasks.check_store(store, path, retry_failed)
        except StoreUnavailableError as exc:
            fault.append(str(exc))
            outcomes[path] = _report(Outcome(path, "failed", message=f"{path}: not checked: {exc}",
                                             store_fault=str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - unreadable file
            outcomes[path] = _report(_record_failure(store, path, None, _failure_reason(exc, path)))
            continue
        if check.current is not None:
            outcomes[path] = _report(Outcome(path, "unchanged", check.current))
            continue
        if check.known is not None:  # failed before, read the same way: not read again, nor recorded again
            outcomes[path] = _report(remembered(path, check.known))
            continue
        if here or (not refresh_cache and cache.exists(tasks.extraction_cache_key(None, {"sha256": check.sha256}))):
            # A cache hit only reads a JSON file: done here, without starting a worker process.
            state = extract(path, check.sha256, return_state=True)
            outcomes[path] = finish(path, check, state)
        else:
            pending[extract.submit(path, check.sha256)] = (path, check)

    # Load each document as soon as its extraction finishes, in this process: one writer.
    lost: list[tuple[str, tasks.StoreCheck]] = []
    for future in as_completed(list(pending)):
        path, check = pending[future]
        if tasks.worker_lost(future):
            lost.append((path, check))
            continue
        outcomes[path] = finish(path, check, future)
    outcomes.update(_finish_lost(lost, finish))

    summary = IngestSummary(store.safe_url, [outcomes[p] for p in files])
    store.dispose()
    create_markdown_artifact(key=SUMMARY_ARTIFACT_KEY, markdown=summary.to_markdown(),
                             description=summary.headline())
    logger.info(summary.headline())
    if print_summary:
        print(summary.to_text())
    return summary


# Task runner: a process pool, one process per core (2 here), because parsing PDFs is CPU-bound
# Python that a thread pool would serialise on the GIL; or Dask when NAPLOG_DASK_ADDRESS is set.
# Loads run in the flow's process, never in the pool (see flows/runners.py).
def final_state(summary: IngestSummary) -> IngestSummary | State:
    """The flow run's end: Completed with the summary, or Failed naming the files that failed.

    A batch with a failed file must not look green in the UI, and a Prefect automation on
    "flow run Failed" can then alert on it; the good files are stored all the same. The summary is
    the state's data either way (``state.result(raise_on_failure=False)``), and ``run_ingest`` gets
    it through ``_summaries``.
    """
    holder = _summaries.get()
    if holder is not None:
        holder.append(summary)
    if not summary.failed:
        return summary
    names = ", ".join(Path(o.path).name for o in summary.failed[:10])
    more = f" and {len(summary.failed) - 10} more" if len(summary.failed) > 10 else ""
    return Failed(message=f"{len(summary.failed)} of {len(summary.outcomes)} file(s) failed: {names}{more}",
                  data=summary)


# Where ``run_ingest`` collects its flow run's summary whatever the final state (a list, not the
# value itself: Prefect runs the flow in a copy of this context, so only a shared object comes back).
_summaries: ContextVar[list[IngestSummary] | None] = ContextVar("naplog_summaries", default=None)


@flow(name="naplog-ingest", task_runner=make_task_runner(), validate_parameters=True)
def ingest_flow(paths: list[str], db: str | None = None, cache_dir: str | None = None,
                refresh_cache: bool = False, print_summary: bool = True,
                retry_failed: bool = False) -> IngestSummary | State:
    """Extract every PDF named or found (recursively) in ``paths`` and load it into the store ``db``.

    Files already loaded by this extractor version are skipped as unchanged; extraction results
    are cached on sha256 + extractor version in ``cache_dir`` ($NAPLOG_CACHE_DIR by default);
    ``refresh_cache`` re-extracts anyway. A file whose failure is inherent to it (no logframe
    found, not a PDF ...) is reported failed again without being read while it and the way it is
    read stay the same; ``retry_failed`` reads it anyway. The run ends Failed when a file failed
    (``final_state``).
    """
    return final_state(ingest_documents(paths, db, cache_dir, refresh_cache, print_summary, retry_failed))


@flow(name="naplog-ingest-inbox", task_runner=make_task_runner(), validate_parameters=True)
def ingest_inbox(inbox: str, db: str | None = None, cache_dir: str | None = None,
                 retry_failed: bool = False) -> IngestSummary | State:
    """Scheduled ingestion of the reports that land in ``inbox``: only new or changed files are
    extracted and loaded (the others are skipped as unchanged, or failed again as remembered
    unless ``retry_failed``)."""
    folder = Path(inbox).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return final_state(ingest_documents([str(folder)], db, cache_dir, retry_failed=retry_failed))


def _server_tied_to_this_process(early: EarlyServer | None = None):  # noqa: ANN202 - a prefect SubprocessASGIServer
    """Prefect's temporary server, started so that it ends with this process even when this
    process is killed (``kill -9``: no ``atexit``); see ``flows.server.die_with_parent``. ``early``:
    the one ``flows.server.start_temporary_server_early`` started, adopted instead of a new one."""
    import subprocess

    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import get_current_settings

    from flows.server import TEMPORARY_SERVER_ENV, die_with_parent, temporary_server_command

    adopt = [early.process] if early is not None else []

    class TiedServer(SubprocessASGIServer):
        def __new__(cls, *args: object, **kwargs: object) -> TiedServer:
            # Prefect keeps one server per port in this process; this one is ours alone.
            return object.__new__(cls)

        def _run_uvicorn_command(self) -> subprocess.Popen:
            # Prefect 3.8's command line and environment (SubprocessASGIServer._run_uvicorn_command),
            # with the child started by a preexec_fn that ties it to this process. Prefect calls this
            # again with another port when the first exits with 3 (its port taken meanwhile).
            if adopt:
                return adopt.pop()
            return subprocess.Popen(
                temporary_server_command(self.port),
                env={**os.environ, **TEMPORARY_SERVER_ENV,
                     **get_current_settings().to_environment_variables(exclude_unset=True)},
                preexec_fn=die_with_parent)

    server = TiedServer(early.port if early is not None else None)
    server._instance_key = -1  # not a port: its stop() removes no other server from Prefect's registry
    return server


@contextmanager
def _api_for_workers(api_url: str) -> Iterator[None]:
    """``PREFECT_API_URL`` in Prefect's settings and in ``os.environ`` for the duration: a pool worker
    is a new interpreter started from this environment, and one that did not find the address there
    started a temporary server of its own as it set up its logging (seen with ``-v``)."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    saved = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    # In the process's settings too, not only in this thread's context: Prefect's process pool
    # forwards its workers' events from a thread of its own, which starts with no context and
    # reads the process-global settings; without the address it started a second temporary server
    # and sent the workers' events there (5-7 s of CPU in a corpus run, beside the workers).
    refresh_global_settings_context()
    try:
        with temporary_settings({PREFECT_API_URL: api_url}):
            yield
    finally:
        if saved is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = saved
        refresh_global_settings_context()


@contextmanager
def prefect_api(early: EarlyServer | None = None) -> Iterator[tuple[str, str]]:
    """A Prefect API for this process and the worker processes it starts: ``(url, how)``, ``how``
    being ``"configured"``, ``"naplog server"`` or ``"ephemeral"``.

    With ``PREFECT_API_URL`` set (a server started with ``prefect server start``, or Prefect
    Cloud) that one is used. Else the long-lived server of ``naplog server start``, when it is
    running (``flows.server``): connected to, and left running. Otherwise this is Prefect's
    *ephemeral mode*: a temporary local server on a free 127.0.0.1 port, with its database in
    ``$PREFECT_HOME`` (``~/.prefect``), stopped when the process exits (a ``kill -9`` included).
    Prefect would start one by itself, but only for this process: each worker process of the pool
    would start its own (seconds each), so its address is put into the settings that the task
    runner hands to its workers. ``early``: that temporary server, already started
    (``flows.server.start_temporary_server_early``); stopped here whichever API is used.
    """
    from prefect.settings import PREFECT_API_URL

    from flows.server import running_server

    current = PREFECT_API_URL.value()
    if current:
        discard_early(early)
        yield current, "configured"
        return
    reused = running_server()
    if reused is not None:
        discard_early(early)
        with _api_for_workers(reused.api_url):
            yield reused.api_url, "naplog server"
        return
    server = _server_tied_to_this_process(early)
    # Read here too: Prefect's settings keep the default when Prefect was imported before flows.
    server.start(timeout=int(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS",
                                            EPHEMERAL_STARTUP_TIMEOUT_S)))
    try:
        with _api_for_workers(server.api_url):
            yield server.api_url, "ephemeral"
    finally:
        # Stopped here rather than at interpreter exit (atexit): the command's output pipes close
        # with it, and a caller waiting on them is not kept waiting by a server left behind.
        server.stop()


def run_ingest(paths: list[str], db: str | None = None, *, dask_address: str | None = None,
               workers: int | None = None, cache_dir: str | None = None, refresh_cache: bool = False,
               print_summary: bool = True, progress: Callable[[Outcome], None] | None = None,
               retry_failed: bool = False, settle_first: bool = True) -> IngestSummary:
    """Run ``ingest_flow`` with the chosen task runner (what ``naplog ingest`` calls).

    A batch the store already has whole (every file unchanged, or remembered as failed) is
    answered from the store file, without starting Prefect or a flow run
    (``pipeline.batch.settled_batch``): the same outcomes and summary in a fraction of a second.
    ``settle_first=False``: the caller has asked that already (``naplog ingest`` does, before it
    starts Prefect).
    """
    settled = settled_batch(paths, db, retry_failed) if settle_first else None
    if settled is not None:
        for outcome in settled:
            if progress is not None:
                progress(outcome)
        summary = IngestSummary(resolve_db_url(db), settled)
        if print_summary:
            print(summary.to_text())
        return summary
    runner = make_task_runner(dask_address, workers, len(discover(paths)))
    token = progress_callback.set(progress)
    summaries: list[IngestSummary] = []
    summary_token = _summaries.set(summaries)
    try:
        with prefect_api():
            state = ingest_flow.with_options(task_runner=runner)(
                paths=[str(p) for p in paths], db=db, cache_dir=cache_dir, refresh_cache=refresh_cache,
                print_summary=print_summary, retry_failed=retry_failed, return_state=True)
        if not summaries:  # the flow itself crashed before its summary: Prefect's exception
            state.result()
            raise RuntimeError(f"the ingestion flow ended {state.name} without a summary")
        return summaries[-1]
    finally:
        _summaries.reset(summary_token)
        progress_callback.reset(token)


__all__ = ["IngestSummary", "NaplogError", "ingest_flow", "ingest_inbox", "prefect_api", "run_ingest"]
