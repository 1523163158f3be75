"""Accuracy of logframe extraction over whole documents.

    python -m benchmarks.accuracy [--samples-only | --corpus-only] [--doc NAME] [--verbose]
                                  [--json FILE] [--record-first]

Every record naplog emits anywhere in a document is scored against the document's inventory
(docs/inventories.md): one the inventory does not hold is a false positive. Prints, per document
and overall, precision, recall and F1 of goals, outputs, activities, indicators and institutions,
the same for goals, outputs and activities pooled ("any level": the text is right whatever level
it was put on), the share of matched items under the right parent, the ten worst false positives
and misses of each document (page and text), and how often records are right at each confidence.
A progress report's observations, lessons, challenges and recommendations are scored as well, by
``benchmarks.observations`` (its figures under ``reports`` in ``--json``).
``--record-first`` writes a document's figures into its expected file the first time it is
measured (``first_measured``), so that what naplog did before any work on it stays on record.

Generated samples are read from ``samples/*.expected.json``; real documents from
``benchmarks/expected/*.json`` with their PDFs in ``../shared/corpus``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.matching import (
    ANY_LEVEL,
    FIELDS,
    LEVELS,
    THRESHOLD,
    Score,
    score_document,
    worst,
)
from benchmarks.observations import PairScore, print_report, score_report
from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = ROOT / "benchmarks" / "expected"
CORPUS = ROOT.parent / "shared" / "corpus"
ROWS = (*FIELDS, ANY_LEVEL)
# What each real document scored at least, per row: tests/test_corpus.py fails when a change scores
# below it. Raised with --write-floors after a change that scores better, never lowered quietly.
FLOORS = ROOT / "benchmarks" / "floors.json"
# Records at or above this confidence must be right at least this often (issue 19).
TRUSTED, TRUSTED_SHARE = 0.8, 0.95


def cases(samples: bool = True, corpus: bool = True) -> list[tuple[str, Path, Path, dict]]:
    found = []
    if samples:
        for exp in sorted(SAMPLES.glob("*.expected.json")):
            data = json.loads(exp.read_text())
            found.append((f"samples/{data['file']}", SAMPLES / data["file"], exp, data))
    if corpus:
        for exp in sorted(EXPECTED.glob("*.json")):
            data = json.loads(exp.read_text())
            found.append((data["file"], CORPUS / data["file"], exp, data))
    return found


def _fmt(s: Score) -> str:
    return (f"{s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.parent_accuracy:5.2f} "
            f"({s.matched}/{s.expected}/{s.extracted})")


def _scope(expected: dict) -> str:
    scope = expected.get("scope_pages")
    if scope:
        return "pages " + ",".join(map(str, scope))
    written = expected.get("written") or {}
    return "whole document" + (", blind inventory" if written.get("blind") else "")


def _print_document(name: str, elapsed: float, expected: dict, scores: dict[str, Score], verbose: bool) -> None:
    print(f"== {name}  ({elapsed:.1f} s, {_scope(expected)})")
    for f in ROWS:
        print(f"   {f:<13} {_fmt(scores[f])}")
    if not expected.get("goals"):
        n = sum(scores[f].extracted for f in FIELDS)
        print(f"   no results framework expected: {'none extracted' if n == 0 else f'{n} FALSE items'}")
    first = expected.get("first_measured")
    if first:
        was = " ".join(f"{f[:3]} {first['figures'][f]['f1']:.2f}" for f in FIELDS if f in first["figures"])
        print(f"   first measured {first['date']} (F1): {was}")
    n = 30 if verbose else 10
    extras = [i for f in FIELDS for i in scores[f].extras]
    misses = [i for f in FIELDS for i in scores[f].misses]
    for label, items in (("false positive", extras), ("missed", misses)):
        for count, item in worst(items, n):
            times = f" (x{count})" if count > 1 else ""
            print(f"      {label:<14} p{item.page or '?':<4} {item.field:<12} {item.raw[:90]!r}{times}")


def _calibration(judged: list[tuple[float | None, bool]]) -> list[str]:
    """Share of right records at each confidence, and at or above ``TRUSTED``."""
    by: dict[float, list[bool]] = defaultdict(list)
    for conf, right in judged:
        by[round(conf if conf is not None else 1.0, 2)].append(right)
    lines = [f"   confidence {c:.2f}: {sum(v) / len(v):5.1%} right ({sum(v)}/{len(v)})" for c, v in sorted(by.items())]
    trusted = [r for c, rs in by.items() if c >= TRUSTED for r in rs]
    if trusted:
        share = sum(trusted) / len(trusted)
        mark = "met" if share >= TRUSTED_SHARE else "NOT met"
        lines.append(f"   at or above {TRUSTED}: {share:5.1%} right ({sum(trusted)}/{len(trusted)}); "
                     f"target {TRUSTED_SHARE:.0%}: {mark}")
    return lines


def _record_first(path: Path, expected: dict, scores: dict[str, Score]) -> None:
    if expected.get("first_measured") or expected.get("scope_pages") is not None:
        return
    from extractors import EXTRACTOR_VERSION

    expected["first_measured"] = {"date": dt.date.today().isoformat(), "extractor_version": EXTRACTOR_VERSION,
                                  "figures": {f: scores[f].figures() for f in ROWS}}
    path.write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


def run(samples: bool, corpus: bool, only: str | None, verbose: bool, record_first: bool = False) -> dict:
    totals = {"samples": {f: Score() for f in ROWS}, "corpus": {f: Score() for f in ROWS}}
    results: dict = {}
    reports: dict[str, dict] = {}  # a report's observations and lists, scored by benchmarks.observations
    report_totals = PairScore()
    print(f"text match: rapidfuzz ratio >= {THRESHOLD:.0f} after case/space normalisation; whole documents")
    print("columns: precision recall F1 parent-accuracy (matched/expected/extracted)\n")
    for name, pdf, path, expected in cases(samples, corpus):
        if only and only not in name:
            continue
        if not pdf.exists():
            print(f"{name}: SKIPPED (file not found at {pdf})")
            continue
        t0 = time.perf_counter()
        extracted = logframe_json(extract_file(pdf))
        elapsed = time.perf_counter() - t0
        scores = score_document(expected, extracted)
        group = "samples" if name.startswith("samples/") else "corpus"
        for f in ROWS:
            totals[group][f].add(scores[f])
        _print_document(name, elapsed, expected, scores, verbose)
        if record_first and group == "corpus":
            _record_first(path, expected, scores)
        results[name] = {f: scores[f].figures() for f in ROWS}
        if "observations" in expected:  # a report: what it measures is scored too
            report = score_report(name, expected, extracted)
            print_report(report, None, verbose)
            report_totals.add(report.observations)
            reports[name] = report.as_dict()
    if reports:
        print(f"\n== reports' observations (micro-averaged): {report_totals.figures()}")
        results["reports"] = reports
    for group, fields in totals.items():
        if not any(s.expected or s.extracted for s in fields.values()):
            continue
        print(f"\n== overall ({group}, micro-averaged)")
        for f in ROWS:
            print(f"   {f:<13} {_fmt(fields[f])}")
        print("   records right by confidence (goals, outputs, activities, indicators):")
        for line in _calibration([j for f in ("goals", *LEVELS[1:], "indicators") for j in fields[f].judged]):
            print(line)
        results[f"overall ({group})"] = {f: fields[f].figures() for f in ROWS}
    return results


def write_floors(results: dict) -> None:
    """Each corpus document's precision and recall per row, as the floors tests hold it to."""
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    for name, rows in results.items():
        if name.startswith(("samples/", "overall")) or name == "reports":
            continue
        floors[name] = {row: {"precision": fig["precision"], "recall": fig["recall"]} for row, fig in rows.items()}
    FLOORS.write_text(json.dumps(dict(sorted(floors.items())), indent=1) + "\n")
    print(f"floors written to {FLOORS}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples-only", action="store_true")
    ap.add_argument("--corpus-only", action="store_true")
    ap.add_argument("--doc", help="only documents whose name contains this")
    ap.add_argument("--verbose", "-v", action="store_true", help="list 30 false positives and misses, not 10")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--write-floors", action="store_true",
                    help="write the corpus documents' figures to benchmarks/floors.json (after an improvement)")
    ap.add_argument("--record-first", action="store_true",
                    help="write each document's figures into its expected file when none are recorded yet")
    args = ap.parse_args(argv)
    results = run(not args.corpus_only, not args.samples_only, args.doc, args.verbose, args.record_first)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.write_floors:
        write_floors(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
