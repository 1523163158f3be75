"""One measured run of the throughput benchmark, in its own process (``benchmarks.throughput`` starts it).

    python -m benchmarks.bench_run SPEC.json RESULT.json

SPEC names the tool (``naplog``, ``pdfplumber``, ``camelot-lattice``, ``camelot-stream``), the
files, the number of worker processes and, for naplog, the SQLite store. Each run is a fresh
process so that its peak memory is its own.

naplog runs the pipeline as ``flows/ingest.py`` does it:

    coordinator   fingerprint (sha256), check the store (unchanged -> skipped), load / record failure
    workers       parse -> classify -> extract -> validate (``pipeline.batch`` stages)

With 1 process the coordinator runs every stage itself (no pool, as ``pipeline.batch.ingest_paths``).
With N processes, N worker processes (``spawn``) extract while the coordinator, the store's single
writer, loads each logframe as it arrives; at most 2N documents are in flight, so no process holds
more than a few documents whatever the size of the corpus. As in the flow, a file is checked
against the store just before it is handed out, so the workers start on the first file while the
rest are still being checked; and the workers are started before the store is opened, so that
their start-up and the store's (SQLAlchemy, the schema) overlap.

A peer runs on every page of each file in the same pool (or in-process with 1 process): for
pdfplumber, ``page.extract_tables()`` on every page; for camelot, ``camelot.read_pdf(pages="all")``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

STAGES = ("fingerprint", "check", "parse", "classify", "extract", "validate", "load")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


# ---- work done in a worker -----------------------------------------------------------------


def naplog_extract(path: str) -> dict:
    """parse -> classify -> extract -> validate one file, timing each stage."""
    _warm("naplog")  # done already unless this worker missed the warm-up call; not a file's time
    from pipeline import extract as stages

    times: dict[str, float] = {}
    source = str(Path(path).resolve())
    result: dict = {"path": path, "pid": os.getpid(), "times": times, "logframe": None, "error": None}
    try:
        t = time.perf_counter()
        pdf = stages.parse(path)
        times["parse"] = time.perf_counter() - t
        t = time.perf_counter()
        document = stages.classify(pdf, source)
        times["classify"] = time.perf_counter() - t
        t = time.perf_counter()
        logframe = stages.extract(pdf, source, document=document)
        times["extract"] = time.perf_counter() - t
        del pdf
        t = time.perf_counter()
        result["logframe"] = stages.validate(logframe, document)
        times["validate"] = time.perf_counter() - t
    except Exception as exc:  # noqa: BLE001 - a failed document is counted, as the pipeline records it
        result["error"] = f"{type(exc).__name__}: {exc}"[:300]
        # Remembered for the next run as `naplog ingest` remembers it (pipeline.batch.ingest_file).
        result["inherent"] = bool(getattr(exc, "inherent", False))
    result["rss_mb"] = peak_rss_mb()
    return result


def peer_tables(tool: str, path: str) -> dict:
    """A peer's table extraction on every page of one file."""
    t = time.perf_counter()
    result: dict = {"path": path, "pid": os.getpid(), "error": None, "tables": 0}
    try:
        if tool == "pdfplumber":
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    result["tables"] += len(page.extract_tables())
                    page.close()
        elif tool.startswith("camelot-"):
            import camelot

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tables = camelot.read_pdf(path, pages="all", flavor=tool.removeprefix("camelot-"))
            result["tables"] = tables.n
        else:
            raise ValueError(f"unknown tool {tool}")
    except Exception as exc:  # noqa: BLE001 - count it and go on, as for naplog
        result["error"] = f"{type(exc).__name__}: {exc}"[:300]
    result["seconds"] = time.perf_counter() - t
    result["rss_mb"] = peak_rss_mb()
    return result


_warmed: set[str] = set()


def _warm(tool: str) -> int:
    """Import the tool in a worker (its start-up is part of the run's wall time, not of a file's)."""
    if tool in _warmed:
        return os.getpid()
    _warmed.add(tool)
    if tool == "naplog":
        import extractors.logframe  # noqa: F401
        import pipeline.batch  # noqa: F401
        import pipeline.extract  # noqa: F401
        from pipeline.gc_tuning import freeze_at_exit

        freeze_at_exit()  # as the flow's extraction task does in its worker
    elif tool == "pdfplumber":
        import pdfplumber  # noqa: F401
    else:
        import camelot  # noqa: F401
    return os.getpid()


# ---- the coordinator -----------------------------------------------------------------------


def _pool_map(fn, items: Iterable, workers: int, tool: str):  # noqa: ANN001, ANN202
    """Results of ``fn(item)`` as they complete, at most 2 * workers in flight (flat memory).

    ``items`` is read lazily, after the workers are started: taking an item may do the
    coordinator's own work on it (the naplog store check) while the workers import their tool.
    """
    if workers <= 1:
        for item in items:
            yield fn(item)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for _ in range(workers):  # not waited for: the tasks go first, one to each new worker
            pool.submit(_warm, tool)
        pending = set()
        it = iter(items)
        for item in it:
            pending.add(pool.submit(fn, item))
            if len(pending) >= 2 * workers:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                for item in it:
                    pending.add(pool.submit(fn, item))
                    break
                yield f.result()


def _largest_first(item: str | tuple[str, str]) -> int:
    """Documents go to the workers largest first, for every tool: a 178-page plan handed out last
    would leave one worker alone with it at the end."""
    path = item if isinstance(item, str) else item[0]
    return -os.path.getsize(path)


def run_naplog(files: list[str], db: str, workers: int) -> dict:
    from extractors import EXTRACTOR_VERSION
    from pipeline import batch
    from pipeline import extract as extraction

    t0 = time.perf_counter()
    stages: dict[str, float] = defaultdict(float)
    per_doc: dict[str, float] = defaultdict(float)
    status: Counter[str] = Counter()
    failures: list[str] = []
    worker_rss: dict[int, float] = {}
    # As `naplog ingest` (flows.ingest.run_ingest): a batch the store already has whole is
    # answered from the store file, without opening the store.
    t = time.perf_counter()
    settled = batch.settled_batch(files, db)
    if settled is not None:
        stages["check"] += time.perf_counter() - t
        for outcome in settled:
            status["unchanged" if outcome.status == "unchanged" else "failed (remembered)"] += 1
            if outcome.status != "unchanged":
                failures.append(f"{Path(outcome.path).name}: remembered: {outcome.message}"[:300])
        return _naplog_result(workers, t0, stages, per_doc, status, failures, {})
    shas: dict[str, str] = {}
    store = None  # opened by to_extract when it is first asked for a file
    key = batch.input_key()

    def to_extract() -> Iterator[str]:
        """The files the store does not have, largest first, each checked as it is handed out."""
        nonlocal store
        from pipeline.store.database import Store

        store = Store(db)
        for path in sorted(files, key=_largest_first):
            t = time.perf_counter()
            sha = extraction.fingerprint(path)
            stages["fingerprint"] += (dt := time.perf_counter() - t)
            per_doc[path] += dt
            t = time.perf_counter()
            current = store.is_current(sha, EXTRACTOR_VERSION)
            known = store.known_failure(sha, key) if current is None else None
            stages["check"] += (dt := time.perf_counter() - t)
            per_doc[path] += dt
            if current is not None:
                status["unchanged"] += 1
            elif known is not None:  # failed before, for a reason of its own: not read again
                status["failed (remembered)"] += 1
                failures.append(f"{Path(path).name}: remembered: {known.message}"[:300])
            else:
                shas[path] = sha
                yield path

    for r in _pool_map(naplog_extract, to_extract(), workers, "naplog"):
        path = r["path"]
        for k, v in r["times"].items():
            stages[k] += v
            per_doc[path] += v
        if workers > 1:
            worker_rss[r["pid"]] = max(worker_rss.get(r["pid"], 0.0), r["rss_mb"])
        t = time.perf_counter()
        if r["error"] is not None:
            batch.record_failure(store, path, shas[path], r["error"], key if r.get("inherent") else None)
            status["failed"] += 1
            failures.append(f"{Path(path).name}: {r['error']}")
        else:
            outcome = batch.load(store, r["logframe"])
            status[outcome.status] += 1
        stages["load"] += (dt := time.perf_counter() - t)
        per_doc[path] += dt
        del r
    store.dispose()
    return _naplog_result(workers, t0, stages, per_doc, status, failures, worker_rss)


def _naplog_result(workers: int, t0: float, stages: dict[str, float], per_doc: dict[str, float],
                   status: Counter[str], failures: list[str], worker_rss: dict[int, float]) -> dict:
    return {"tool": "naplog", "workers": workers, "inner_seconds": time.perf_counter() - t0,
            "stages": {k: stages.get(k, 0.0) for k in STAGES}, "per_doc": dict(per_doc), "status": dict(status),
            "failures": failures[:20], "coordinator_rss_mb": peak_rss_mb(),
            "worker_rss_mb": sorted(worker_rss.values(), reverse=True) or [peak_rss_mb()]}


def run_peer(tool: str, files: list[str], workers: int) -> dict:
    t0 = time.perf_counter()
    per_doc: dict[str, float] = {}
    worker_rss: dict[int, float] = {}
    tables = errors = 0
    failures: list[str] = []
    from functools import partial

    for r in _pool_map(partial(peer_tables, tool), sorted(files, key=_largest_first), workers, tool):
        per_doc[r["path"]] = r["seconds"]
        tables += r["tables"]
        if r["error"]:
            errors += 1
            failures.append(f"{Path(r['path']).name}: {r['error']}")
        if workers > 1:
            worker_rss[r["pid"]] = max(worker_rss.get(r["pid"], 0.0), r["rss_mb"])
    return {"tool": tool, "workers": workers, "inner_seconds": time.perf_counter() - t0, "per_doc": per_doc,
            "tables": tables, "status": {"failed": errors, "ok": len(files) - errors}, "failures": failures[:20],
            "coordinator_rss_mb": peak_rss_mb(),
            "worker_rss_mb": sorted(worker_rss.values(), reverse=True) or [peak_rss_mb()]}


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[0]).read_text())
    if spec["tool"] == "naplog":
        result = run_naplog(spec["files"], spec["db"], spec["workers"])
    else:
        result = run_peer(spec["tool"], spec["files"], spec["workers"])
    Path(argv[1]).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
