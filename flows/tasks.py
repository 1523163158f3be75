"""Prefect tasks: thin wrappers around the plain-Python stages of ``pipeline.batch``.

- ``extract_document`` runs in a worker process (or on a Dask worker) and calls the plain-Python
  stages ``parse -> classify -> extract -> validate`` (``pipeline.extract``) directly: they are not
  tasks, because a task call makes Prefect walk its parameters, and the parsed ``PdfDocument`` is
  huge (on the 175-page Benin plan the four stages took 2.7 s as functions, 21 s as nested tasks,
  one ``classify`` call alone 11 s). The task takes a path and a sha256 and is cached on them and
  the extractor version: its result, the validated ``Logframe``, is persisted as JSON in the cache
  folder, so a file seen before is never parsed again (``Cached`` state).
- ``check_store`` (sha256; already stored, or a failure remembered for the same bytes read the same
  way: then nothing is extracted), ``load`` and ``record_failure`` run in the flow's own process, one at a time
  (a single writer for SQLite). They touch the database, so they retry, but only on
  ``TransientStoreError`` (database busy or locked, connection lost): bad input is never retried.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.futures import PrefectFuture
from prefect.runtime import task_run as runtime_task_run
from prefect.states import Completed, Failed, State
from prefect.utilities.annotations import quote

from extractors import EXTRACTOR_VERSION
from flows.runners import exit_with_parent
from pipeline import batch
from pipeline import extract as stages
from pipeline.batch import Outcome
from pipeline.errors import NaplogError, TransientStoreError
from pipeline.gc_tuning import freeze_at_exit
from pipeline.pdf.deadline import deadline
from pipeline.records import Logframe
from pipeline.settings import current_limits, run_settings
from pipeline.store.database import KnownFailure, Store
from pipeline.store.faults import FAULT_ENV

CACHE_DIR_ENV = "NAPLOG_CACHE_DIR"
STORE_RETRIES = 3
STORE_RETRY_DELAYS = [1, 2, 4]


class DocumentFailed(Exception):
    """One document could not be extracted; the message names the file and the reason, and
    ``inherent`` says whether the failure belongs to the file (``NaplogError.inherent``: then it is
    remembered). It pickles whole, so the flow gets both back from any worker."""

    def __init__(self, message: str, inherent: bool = False):
        super().__init__(message)
        self.inherent = inherent

    def __reduce__(self):  # noqa: ANN204 - pickle protocol
        return type(self), (str(self), self.inherent)


def default_cache_dir() -> Path:
    """Where extraction results are persisted: ``$NAPLOG_CACHE_DIR``, else ``~/.cache/naplog/extractions``.

    On a multi-machine Dask cluster each worker writes to its own copy of this folder unless it is
    on a shared file system; the flow never reads it (it gets results from the futures), so a miss
    only means a document is extracted again.
    """
    value = run_settings().cache_dir
    if value:
        return Path(value).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "naplog" / "extractions"


def extraction_cache_key(context: TaskRunContext | None, parameters: dict[str, Any]) -> str:
    """``<sha256>-<extractor version>-<records digest>``: the file's content, not its path or date.

    The records digest (``pipeline.batch.records_digest``: the record schema and the extraction
    settings) is shared with the key remembered failures are kept under (``batch.input_key``).
    """
    return f"naplog-extract-{parameters['sha256']}-{EXTRACTOR_VERSION}-{batch.records_digest()}"


def only_transient(task, task_run, state) -> bool:  # noqa: ANN001 - Prefect's retry_condition_fn signature
    """Retry store faults that may pass (busy, locked, connection lost); never bad input."""
    try:
        state.result()
    except TransientStoreError:
        return True
    except BaseException:  # noqa: BLE001 - any other failure is final
        return False
    return False


def _extract_run_name() -> str:
    return f"extract {Path(runtime_task_run.parameters.get('path', '?')).name}"


def _store_run_name() -> str:
    params = runtime_task_run.parameters
    return f"{runtime_task_run.task_name} {Path(str(params.get('path', '?'))).name}"


# Fault injection for tests (docs/faults.md): NAPLOG_FAULT=sigsegv-extracting:NAME makes the process
# extracting the file named NAME kill itself with SIGSEGV once its pages are read, as a crash in C
# code (a reader's, an extension's) would: a real signal, so that a pool worker dies as in the field.
SIGSEGV_EXTRACTING = "sigsegv-extracting:"


def _crash_point(path: str) -> None:
    if os.environ.get(FAULT_ENV) == f"{SIGSEGV_EXTRACTING}{Path(path).name}":
        os.kill(os.getpid(), signal.SIGSEGV)


def extract_stages(path: str) -> Logframe:
    """parse -> classify -> extract -> validate, as plain functions (testable without Prefect)."""
    pdf = stages.parse(path)
    document = stages.classify(pdf, path)
    _crash_point(path)
    return stages.validate(stages.extract(pdf, path, document=document), document)


@task(
    name="extract-document",
    task_run_name=_extract_run_name,
    cache_key_fn=extraction_cache_key,
    cache_expiration=None,
    persist_result=True,
    result_serializer="json",  # a Logframe pydantic model: readable, and no pickle to trust
    retries=0,  # a bad PDF stays bad: no retries for input errors
)
def extract_document(path: str, sha256: str) -> Logframe:
    """parse -> classify -> extract -> validate for one file (``sha256`` is the cache key), within
    the document's time limit (``pipeline.pdf.deadline``; NAPLOG_MAX_SECONDS)."""
    freeze_at_exit()  # a worker's exit: no collection over spaCy's vocabulary (the flow disposes its store)
    try:
        with deadline(path, current_limits().max_seconds):
            return extract_stages(path)
    except NaplogError as exc:
        raise DocumentFailed(str(exc), exc.inherent) from None
    except Exception as exc:  # noqa: BLE001 - an extractor bug fails this document only
        raise DocumentFailed(f"{path}: extraction failed ({type(exc).__name__}: {exc})") from None


# ---- a worker process lost: each of its files read again alone --------------------------------

# Signals a process gets from outside (the system's out-of-memory killer, an operator, a shutdown):
# the file may read well at a quieter moment, so a death by one of them is not remembered.
_SENT_FROM_OUTSIDE = frozenset({signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP})


def worker_lost(future: PrefectFuture) -> bool:
    """Whether ``future``'s task ended because its process pool broke: a worker died (a crash in C
    code, ``os._exit``, a signal), and every task it ran or had queued failed with it, whichever
    file killed it (``concurrent.futures.process.BrokenProcessPool``)."""
    try:
        future.wait()  # the task's final state, without reading its result (``_finish`` reads it once)
    except BrokenExecutor:
        return True
    except BaseException:  # noqa: BLE001 - anything else is for ``_finish`` to record
        return False
    return False


def _extract_alone(conn: Connection, path: str, sha256: str, parent: int) -> None:
    """In a process of its own: extract ``path``, send back the logframe or the file's failure."""
    exit_with_parent(parent)
    try:
        result: tuple[str, object] = ("ok", extract_document.fn(path, sha256))
    except DocumentFailed as exc:
        result = ("failed", exc)
    conn.send(result)
    conn.close()


def _died(path: str, exitcode: int) -> DocumentFailed:
    """The failure of a file whose extraction, alone in its process, ended that process."""
    if exitcode < 0:
        sig = signal.Signals(-exitcode)
        return DocumentFailed(f"{path}: the process extracting it was ended by {sig.name} (a crash reading or "
                              f"extracting this file); it was not loaded", inherent=sig not in _SENT_FROM_OUTSIDE)
    # An exit status, not a signal: the process may never have reached the file (it failed to start,
    # to import naplog): tried again on the next run rather than remembered against the file.
    return DocumentFailed(f"{path}: the process extracting it ended with status {exitcode} without a result; it "
                          f"was not loaded", inherent=False)


def extract_each_alone(files: list[tuple[str, str]], workers: int) -> Iterator[tuple[str, State]]:
    """Extract each ``(path, sha256)`` in a new process of its own, ``workers`` at a time, and yield
    each path with its run's state as it ends: Completed with the logframe, or Failed with the
    file's ``DocumentFailed`` (a process that died: ``_died``, remembered like any inherent failure).

    For the files of a broken pool (``worker_lost``): the pool cannot say which of its files killed
    it, and cannot run any more; alone, a file that kills its process fails by itself, and the others
    are read as usual. Started with ``spawn`` (the flow's process holds Prefect's threads), so each
    process imports naplog first: this costs seconds a file, paid only after a worker died.
    """
    context = multiprocessing.get_context("spawn")
    queue = list(files)
    running: dict[Connection, tuple[multiprocessing.process.BaseProcess, str]] = {}
    while queue or running:
        while queue and len(running) < max(1, workers):
            path, sha256 = queue.pop(0)
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_extract_alone, args=(send, path, sha256, os.getpid()),
                                      name="naplog-extract-alone", daemon=True)
            process.start()
            send.close()  # the child's end: a child that dies closes it, and ``wait`` wakes
            running[receive] = (process, path)
        for receive in wait(list(running)):
            process, path = running.pop(receive)
            try:
                kind, value = receive.recv()
            except EOFError:  # ended without a word
                kind, value = "died", None
            receive.close()
            process.join()
            if kind == "ok":
                yield path, Completed(data=value)
            else:
                yield path, Failed(data=value if kind == "failed" else _died(path, process.exitcode or 0))


# ---- store tasks, run in the flow's process -------------------------------------------------

_store_task = functools.partial(
    task,
    cache_policy=NO_CACHE,
    persist_result=False,
    retries=STORE_RETRIES,
    retry_delay_seconds=STORE_RETRY_DELAYS,
    retry_condition_fn=only_transient,
    task_run_name=_store_run_name,
)


@dataclass(frozen=True)
class StoreCheck:
    """What the store knows of a file before any work is done on it."""

    sha256: str
    current: int | None  # the document id when this extractor version already loaded these bytes
    # Not current: ``batch.input_key()`` of this run (what an inherent failure is remembered under),
    # and the failure remembered for these bytes and this key, if any.
    input_key: str | None = None
    known: KnownFailure | None = None


@_store_task(name="check-store")
def check_store(store: Store, path: str, retry_failed: bool = False) -> StoreCheck:
    """The file's sha256; its document id when the store already has it from this extractor;
    else the failure remembered for it (none looked for when ``retry_failed``).

    The input key is computed here, in the flow's process, from the limits and ``--ocr`` that
    ``naplog ingest`` put in the environment its worker processes inherit: the same ones they read.
    """
    sha = stages.fingerprint(path)
    current = store.is_current(sha, EXTRACTOR_VERSION)
    if current is not None:
        return StoreCheck(sha, current)
    key = batch.input_key()
    return StoreCheck(sha, None, key, None if retry_failed else store.known_failure(sha, key))


@_store_task(name="load")
def load(store: Store, path: str, logframe: Any, extraction: str) -> Outcome:
    """``logframe``: the ``Logframe`` under ``prefect.utilities.annotations.quote`` (see ``load_logframe``)."""
    return batch.load(store, logframe.unquote() if isinstance(logframe, quote) else logframe, extraction)


def load_logframe(store: Store, logframe: Logframe, extraction: str) -> Outcome:
    """Run the ``load`` task with the logframe quoted: Prefect then passes it as it is instead of
    walking every record in it for futures (the task is named after ``path``)."""
    return load(store, logframe.document.source_path, quote(logframe), extraction)


@_store_task(name="record-failure")
def record_failure(store: Store, path: str, sha256: str | None, message: str,
                   input_key: str | None = None) -> Outcome:
    return batch.record_failure(store, path, sha256, message, input_key)
