"""Where the per-document extraction tasks run: a local process pool, or a Dask cluster.

Parsing a PDF with pdfplumber and extracting its tables is pure-Python, CPU-bound work that holds
the GIL: a thread pool would run one document at a time however many threads it has. So the
default is Prefect's ``ProcessPoolTaskRunner`` with one process per core (two on our 2-core
machines): documents are extracted in parallel, each in its own interpreter, and a crash or a
runaway document stays in its process. It needs no extra service and starts its processes only
when there is something to extract (a second run over unchanged files starts none).

For large collections the same tasks run on a Dask cluster through ``prefect-dask``: give the
scheduler's address (``naplog ingest --dask-address tcp://host:8786`` or ``NAPLOG_DASK_ADDRESS``),
or ``local`` / ``local:N`` for a ``LocalCluster`` of N single-threaded worker *processes* on this
machine (threads would hit the GIL as above).

Loading is never distributed: the flow loads each document itself, one at a time, as its
extraction finishes, so SQLite always has a single writer.
"""

from __future__ import annotations

import os
import threading
import time

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from pipeline.settings import run_settings

DASK_ADDRESS_ENV = "NAPLOG_DASK_ADDRESS"
WORKERS_ENV = "NAPLOG_WORKERS"


def default_workers() -> int:
    """``NAPLOG_WORKERS`` (``RunSettings.workers``), else one per core, at most 8."""
    value = run_settings().workers
    if value:
        return max(1, int(value))
    return max(1, min(os.cpu_count() or 1, 8))


def dask_address_from_settings() -> str | None:
    return run_settings().dask_address or None


# How often a pool worker looks whether the process that started it is still there.
PARENT_WATCH_INTERVAL_S = 0.5


def exit_with_parent(parent: int) -> None:
    """A pool worker's initializer: end this worker soon after the process that started it is gone.

    A ``kill -9`` of ``naplog ingest`` runs no clean-up, and a worker would otherwise go on
    extracting for nobody (and hold its memory) until its task ends. Polled from a daemon thread,
    not ``PR_SET_PDEATHSIG``: Prefect starts the pool's processes from one of its resolver threads,
    and that signal fires when the creating *thread* ends, not the process. ``parent`` is given by
    the parent itself: a worker takes seconds to import naplog before this runs, and its parent may
    be gone by then (it then exits at once).
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_WATCH_INTERVAL_S)
        os._exit(1)

    threading.Thread(target=watch, name="naplog-parent-watch", daemon=True).start()


def make_task_runner(dask_address: str | None = None, workers: int | None = None,
                     n_files: int | None = None) -> TaskRunner:
    """The task runner for extraction tasks.

    ``dask_address``: ``None`` (then ``$NAPLOG_DASK_ADDRESS``; unset means a local process pool),
    ``local`` or ``local:N`` (a Dask ``LocalCluster`` of N worker processes), or a scheduler
    address such as ``tcp://10.0.0.5:8786``. ``n_files``: how many files the batch has, when
    known; for one, no pool at all (``extracts_in_flow_process``): a process pool's set-up alone
    starts multiprocessing's resource tracker, a process left running as the command exits.
    """
    address = dask_address or dask_address_from_settings()
    if not address and n_files == 1:
        return ThreadPoolTaskRunner(max_workers=1)
    if not address:
        return ProcessPoolTaskRunner(max_workers=workers or default_workers(), initializer=exit_with_parent,
                                     initargs=(os.getpid(),))
    from prefect_dask import DaskTaskRunner

    if address == "local" or address.startswith("local:"):
        n = int(address.split(":", 1)[1]) if ":" in address else (workers or default_workers())
        return DaskTaskRunner(cluster_kwargs={
            "n_workers": n, "threads_per_worker": 1, "processes": True, "dashboard_address": None,
        })
    return DaskTaskRunner(address=address)


def extracts_in_flow_process(n_files: int, runner: object) -> bool:
    """A lone file is extracted in the flow's own process, not in the pool: a pool worker is a new
    interpreter that imports Prefect and naplog again (seconds) to read one file, with nothing to run
    beside it. Its isolation is kept where it matters: the pages are still read in a capped child
    (``pipeline.pdf.capped``) and the document's time limit still applies. A Dask runner is left
    alone (the user asked for the cluster)."""
    return n_files == 1 and isinstance(runner, (ProcessPoolTaskRunner, ThreadPoolTaskRunner))


def describe_runner(runner: TaskRunner, n_files: int | None = None) -> str:
    """Where the extraction runs, as ``naplog ingest`` says it: "on a process pool (2 processes)",
    or "in this process" for a lone file (``extracts_in_flow_process``)."""
    if n_files is not None and extracts_in_flow_process(n_files, runner):
        return "in this process (one file: no process pool)"
    if isinstance(runner, ProcessPoolTaskRunner):
        return f"on a process pool ({runner._max_workers} processes)"
    from prefect_dask import DaskTaskRunner  # only here: Dask's import is a second of a command's start-up

    if isinstance(runner, DaskTaskRunner):
        if runner.address:
            return f"on a Dask cluster at {runner.address}"
        n = (runner.cluster_kwargs or {}).get("n_workers", "?")
        return f"on a local Dask cluster ({n} worker processes)"
    return f"on {type(runner).__name__}"
