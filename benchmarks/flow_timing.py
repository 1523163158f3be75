"""Time the ingestion flow over a folder: a first run, a second run, and a run from the cache.

    .venv/bin/python -m benchmarks.flow_timing                  # samples/, in-process flow runs
    .venv/bin/python -m benchmarks.flow_timing --cli            # also `naplog ingest` as a command, twice
    .venv/bin/python -m benchmarks.flow_timing plans/ --workers 2 --dask-address local:2

Each run gets a fresh store and extraction cache in a temporary folder:

- first run: every file parsed and extracted (the process pool, or Dask, starts its workers);
- second run, same store: every file skipped as unchanged (sha256 + extractor version), no extraction;
- third run, a new store but the same cache: every extraction is a Prefect cache hit (no parsing).

The Prefect API is started once before the runs (ephemeral mode, unless PREFECT_API_URL names a
server) and its start-up time is printed separately. ``--cli`` times the whole command, Python
and Prefect start-up and the temporary server included, which is what a user waits for.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(fn):  # noqa: ANN001, ANN202
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time first, second and cached runs of the ingestion flow.")
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--dask-address", default=None)
    parser.add_argument("--cli", action="store_true", help="also time `naplog ingest` run twice as a command")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="naplog-flow-timing-"))
    os.environ["NAPLOG_CACHE_DIR"] = str(work / "cache")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    try:
        import flows  # noqa: F401 - settings before Prefect is imported
        from flows.ingest import prefect_api, run_ingest
        from pipeline.batch import discover

        n = len(discover(args.paths))
        print(f"{n} PDF files in {', '.join(args.paths)}; {os.cpu_count()} cores")
        rows = []
        t_api, ctx = _timed(lambda: prefect_api())
        t_enter, (api, how) = _timed(ctx.__enter__)
        print(f"Prefect API {'(ephemeral, started)' if how == 'ephemeral' else f'({how}, running)'} {api}: "
              f"{t_api + t_enter:.1f} s")
        try:
            def run(db: str):  # noqa: ANN202
                return run_ingest(args.paths, db, dask_address=args.dask_address, workers=args.workers,
                                  print_summary=False)

            for label, db in (("first run (extract all)", "a.db"), ("second run (same store)", "a.db"),
                              ("new store, warm cache", "b.db")):
                seconds, summary = _timed(lambda db=db: run(str(work / db)))
                rows.append((label, seconds, summary.headline()))
        finally:
            ctx.__exit__(None, None, None)
        print()
        for label, seconds, headline in rows:
            print(f"  {label:<26} {seconds:6.1f} s   {headline}")

        if args.cli:
            naplog = Path(sys.executable).with_name("naplog")
            env = ({k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} if how == "ephemeral"
                else dict(os.environ))
            env["NAPLOG_CACHE_DIR"] = str(work / "cli-cache")
            print("\n`naplog ingest` as a command (Python start-up, Prefect API, flow):")
            for label in ("first", "second"):
                cmd = [str(naplog), "ingest", *args.paths, "--db", str(work / "cli.db")]
                if args.workers:
                    cmd += ["--workers", str(args.workers)]
                seconds, proc = _timed(lambda cmd=cmd: subprocess.run(cmd, env=env, capture_output=True, text=True))
                last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
                print(f"  {label:<7} {seconds:6.1f} s   exit {proc.returncode}: {last}")
            print("  $ " + " ".join(cmd))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
