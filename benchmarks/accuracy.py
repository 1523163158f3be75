"""Accuracy of logframe extraction against expected records.

    python -m benchmarks.accuracy [--samples-only | --corpus-only] [--doc NAME] [--verbose]

Prints, per document and overall, precision, recall and F1 of goals, outputs, activities,
indicators and institutions, and the share of matched items that hang under the right parent.
Generated samples are read from ``samples/*.expected.json``; real documents from
``benchmarks/expected/*.json`` with their PDFs in ``../shared/corpus``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.matching import FIELDS, THRESHOLD, Score, score_document
from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = ROOT / "benchmarks" / "expected"
CORPUS = ROOT.parent / "shared" / "corpus"


def cases(samples: bool = True, corpus: bool = True) -> list[tuple[str, Path, dict]]:
    found = []
    if samples:
        for exp in sorted(SAMPLES.glob("*.expected.json")):
            data = json.loads(exp.read_text())
            found.append((f"samples/{data['file']}", SAMPLES / data["file"], data))
    if corpus:
        for exp in sorted(EXPECTED.glob("*.json")):
            data = json.loads(exp.read_text())
            found.append((data["file"], CORPUS / data["file"], data))
    return found


def _fmt(s: Score) -> str:
    return f"{s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.parent_accuracy:5.2f} ({s.matched}/{s.expected}/{s.extracted})"


def run(samples: bool, corpus: bool, only: str | None, verbose: bool) -> dict:
    totals = {"samples": {f: Score() for f in FIELDS}, "corpus": {f: Score() for f in FIELDS}}
    results = {}
    print(f"text match: rapidfuzz ratio >= {THRESHOLD:.0f} after case/space normalisation")
    print("columns: precision recall F1 parent-accuracy (matched/expected/extracted)\n")
    for name, pdf, expected in cases(samples, corpus):
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
        scope = expected.get("scope_pages")
        print(f"== {name}  ({elapsed:.1f}s, scope: {'pages ' + ','.join(map(str, scope)) if scope else 'whole document'})")
        for f in FIELDS:
            s = scores[f]
            totals[group][f].add(s)
            print(f"   {f:<13} {_fmt(s)}")
            if verbose:
                for m in s.misses[:8]:
                    print(f"      missed: {m[:110]}")
                for x in s.extras[:8]:
                    print(f"      extra : {x[:110]}")
        if not expected.get("goals"):
            n = sum(scores[f].extracted for f in FIELDS)
            print(f"   no results framework expected: {'none extracted' if n == 0 else f'{n} FALSE items'}")
        results[name] = {f: {"precision": scores[f].precision, "recall": scores[f].recall, "f1": scores[f].f1,
                             "parent_accuracy": scores[f].parent_accuracy} for f in FIELDS}
    for group, fields in totals.items():
        if not any(s.expected or s.extracted for s in fields.values()):
            continue
        print(f"\n== overall ({group}, micro-averaged)")
        for f in FIELDS:
            print(f"   {f:<13} {_fmt(fields[f])}")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples-only", action="store_true")
    ap.add_argument("--corpus-only", action="store_true")
    ap.add_argument("--doc", help="only documents whose name contains this")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed and extra items")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    results = run(not args.corpus_only, not args.samples_only, args.doc, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
