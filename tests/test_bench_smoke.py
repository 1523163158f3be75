"""The throughput benchmark runs end to end (figures present); no timing is asserted."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from benchmarks.bench_corpus import DocInfo, scaled_copies

ROOT = Path(__file__).resolve().parent.parent


def test_throughput_quick_runs(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.throughput", "--quick", "--no-peers", "--no-single", "--scale", "0",
         "--repeat", "2", "--no-commands", "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for expected in ("machine:", "pages/s", "docs/s", "peak RSS", "naplog, whole pipeline", "stages, 1 process",
                     "stages, 2 processes", "parse", "extract", "load", "re-run over the unchanged corpus",
                     "targets:"):
        assert expected in out, f"{expected!r} missing from:\n{out}"
    fig = json.loads((tmp_path / "throughput.json").read_text())
    assert fig["corpus"]["docs"] == 2
    runs = fig["runs"]
    assert set(runs) >= {"naplog_1", "naplog_2", "rerun"}
    for key in ("naplog_1", "naplog_2"):
        r = runs[key]
        assert r["pages"] > 0 and r["pages_per_s"] > 0 and r["docs_per_s"] > 0
        assert r["max_process_rss_mb"] > 0
        assert r["stages"]["parse"] > 0 and r["stages"]["extract"] > 0
        assert r["status"].get("loaded", 0) + r["status"].get("failed", 0) == 2
    assert runs["naplog_2"]["workers"] == 2 and len(runs["naplog_2"]["worker_rss_mb"]) >= 1
    # Repeated runs: the median is reported, with each run's seconds.
    for key in ("naplog_2", "rerun"):
        assert len(runs[key]["repeats"]) == 2 and runs[key]["seconds"] in runs[key]["repeats"]
    assert "median of 2 runs" in out
    assert runs["rerun"]["status"] == {"unchanged": 2}
    # The generated documents are cached under --out and reused on the next run.
    assert list((tmp_path / "corpus").rglob("manifest.json"))


@pytest.mark.slow
def test_throughput_quick_times_the_products_commands(tmp_path):
    """``naplog ingest`` and ``naplog extract`` as commands: the figures the README quotes."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.throughput", "--quick", "--no-single", "--scale", "0", "--repeat", "1",
         "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for expected in ("the product's commands over 2 documents", "naplog ingest, 1 process",
                     "naplog ingest, 2 processes", "naplog extract, 2 at a time", "marginal pages/s",
                     "peak RSS per process",
                     "naplog ingest time / pdfplumber extract_tables() time", "re-run over the unchanged corpus",
                     "start-up: one-file ingest", "empty folder", "first run of a fresh PREFECT_HOME",
                     "one-file ingest, warm (naplog server running)", "empty folder, warm",
                     "naplog ingest >= 90 % of naplog extract"):
        assert expected in proc.stdout, f"{expected!r} missing from:\n{proc.stdout}"
    commands = json.loads((tmp_path / "throughput.json").read_text())["commands"]
    assert commands["docs"] == 2 and commands["ingest_2"]["seconds"] > commands["rerun"] > 0
    assert commands["extract_2"]["failed"] == 0 and commands["pdfplumber_seconds"] > 0
    startup = commands["startup"]
    assert startup["one_file_warm"]["returncode"] == 0 and startup["empty_warm"]["returncode"] == 0


def test_scaled_copies_differ_and_open(tmp_path):
    src = ROOT / "samples" / "en_no_logframe.pdf"
    doc = DocInfo(str(src), "real", "en", 3, "real")
    copies = scaled_copies([doc], 2, tmp_path)
    digests = {hashlib.sha256(Path(c.path).read_bytes()).hexdigest() for c in copies}
    digests.add(hashlib.sha256(src.read_bytes()).hexdigest())
    assert len(digests) == 3
    with pdfplumber.open(copies[1].path) as pdf, pdfplumber.open(src) as orig:
        assert len(pdf.pages) == len(orig.pages)
        assert pdf.pages[0].extract_text() == orig.pages[0].extract_text()
