"""Extraction speed and memory: seconds, pages per second and peak memory per document.

    python -m benchmarks.speed [PDF ...]     (default: samples/*.pdf and the corpus plans)

Each document is extracted in a fresh process so peak memory (max RSS) is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

_CHILD = """
import json, resource, sys, time
from pipeline.extract import extract_file
t0 = time.perf_counter()
lf = extract_file(sys.argv[1])
elapsed = time.perf_counter() - t0
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"pages": lf.document.pages, "seconds": elapsed, "peak_mb": peak_mb, **lf.counts()}))
"""


def measure(pdf: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(pdf)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "samples").glob("*.pdf")) + sorted((CORPUS / "plans").glob("*.pdf"))
    print(f"{'document':<48} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}")
    total_pages = total_s = 0.0
    for pdf in files:
        r = measure(pdf)
        if "error" in r:
            print(f"{pdf.name:<48} error: {r['error']}")
            continue
        total_pages += r["pages"]
        total_s += r["seconds"]
        print(f"{pdf.name:<48} {r['pages']:>5} {r['seconds']:>8.2f} {r['pages'] / r['seconds']:>8.1f} {r['peak_mb']:>8.0f}")
    if total_s:
        print(f"{'all':<48} {int(total_pages):>5} {total_s:>8.2f} {total_pages / total_s:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
