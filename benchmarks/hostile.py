"""Peak memory and time of `naplog extract` on each hostile file (issue 23; docs/robustness.md).

    python -m benchmarks.hostile [--markdown] [--timeout S] [NAME ...]

Writes every case of tests/bad_inputs.py and, at full size, the issue's hostile files
(tests/hostile_pdfs.py: filter-chain bombs of 1 GiB, 200 MB of drawing operators split over 14
streams, a form that draws itself, forms nested 24 deep and 11 deep x 3 uses, a 1,000 x 1,000 ruled
grid) into a temporary folder, then runs `naplog extract FILE` on each in a process of its own
(with the case's lowered limits, as the tests run it) and prints its wall time, its peak RSS,
its CPU time (user + system, of the whole tree: what a shared machine's load does not inflate), and
the first line it printed. NAME: only those files (a case id or a builder name).

Peak RSS is ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a small process that starts
`naplog extract` and waits for it: the largest single process of the tree (`naplog extract`, or the
child it reads pages in), not their sum, as /usr/bin/time -v gives it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.settings import Limits
from tests.bad_inputs import CASES, GOOD
from tests.hostile_pdfs import BUILDERS, nested_forms, self_drawing_form

ROOT = Path(__file__).resolve().parent.parent
# Runs one command, then prints its wall time and the peak RSS of its process tree (JSON).
_MEASURE = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1]))
seconds = time.perf_counter() - t0
lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                  "status": proc.returncode, "first": lines[0] if lines else ""}))
"""


@dataclass
class Hostile:
    name: str
    build: Callable[[Path], object]
    env: dict[str, str] = field(default_factory=dict)


def hostile_files() -> list[Hostile]:
    """The good plan the cases start from (what any file costs: `naplog extract` starting, reading a
    4-page plan), every case of the bad-input corpus, then the issue's files at full size."""
    files = [Hostile("good-plan (reference)", lambda p: shutil.copy(GOOD, p))]
    files += [Hostile(c.id, c.build, c.env) for c in CASES]
    files += [Hostile(name, build) for name, build in BUILDERS.items()]
    # The 3.8 KB file: shallower than the depth limit, but 3 ** 11 copies of its drawing.
    files.append(Hostile("nested-forms-wide", lambda p: nested_forms(p, depth=11, uses=3)))
    # The forms again with the object graph's limits off, so that PDFium itself meets them: what the
    # reading child's memory cap (here 512 MB) leaves of a file no measured limit catches.
    uncaught = Limits(max_form_depth=0, max_page_content_mb=0, max_memory_mb=512).as_env()
    for name, build in (("self-drawing-form", self_drawing_form), ("nested-forms", nested_forms),
                        ("nested-forms-wide", lambda p: nested_forms(p, depth=11, uses=3))):
        files.append(Hostile(f"{name} (graph limits off)", build, uncaught))
    return files


def naplog_command() -> list[str]:
    script = Path(sys.executable).with_name("naplog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.cli"]


def measure(path: Path, env: dict[str, str], timeout: float) -> dict:
    """`naplog extract PATH` in a process of its own: seconds, peak RSS, exit status, first line."""
    command = [sys.executable, "-c", _MEASURE, str(timeout), *naplog_command(), "extract", str(path)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env})
    if proc.returncode != 0:  # the measuring process itself failed: over the time out
        tail = proc.stderr.strip().splitlines()
        return {"seconds": None, "cpu": None, "peak_kb": None, "status": None, "first": tail[-1] if tail else "?"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size < 1 << 20 else f"{size / (1 << 20):.1f} MB"


def _first(line: str, path: Path, width: int = 150) -> str:
    line = line.replace(str(path), "FILE")
    return line if len(line) <= width else line[:width - 3] + "..."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--markdown", action="store_true", help="a table for docs/robustness.md")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per file (default 900)")
    args = parser.parse_args(argv)
    files = [h for h in hostile_files() if not args.names or h.name in args.names]
    folder = Path(tempfile.mkdtemp(prefix="naplog-hostile-"))
    try:
        if args.markdown:
            print("| File | Size | Wall s | CPU s | Peak RSS MB | Exit | First line |\n|---|---|---|---|---|---|---|")
        else:
            print(f"{'file':<26} {'size':>9} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'exit':>4}  first line")
        for hostile in files:
            path = folder / f"{hostile.name.split()[0]}.pdf"
            hostile.build(path)
            got = measure(path, hostile.env, args.timeout)
            wall = f"{got['seconds']:.2f}" if got["seconds"] is not None else "timeout"
            cpu = f"{got['cpu']:.2f}" if got["cpu"] is not None else "?"
            peak = f"{got['peak_kb'] / 1024:.0f}" if got["peak_kb"] is not None else "?"
            first = _first(got["first"], path)
            if args.markdown:
                print(f"| {hostile.name} | {_size(path)} | {wall} | {cpu} | {peak} | {got['status']} | "
                      f"`{first.replace('|', '/')}` |")
            else:
                print(f"{hostile.name:<26} {_size(path):>9} {wall:>7} {cpu:>7} {peak:>8} {got['status']!s:>4}  "
                      f"{first}")
            sys.stdout.flush()
            path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
