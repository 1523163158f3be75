"""Calibrate records' confidence on the corpus's plans (extractors/confidence.py).

    python -m benchmarks.calibrate [--write]

Extracts every plan with an inventory (benchmarks/expected/), scores each goal, output, activity
and indicator as right or wrong (the accuracy benchmark's matching), and counts, per evidence
bucket, how many were right. Prints the table, then what the confidences it sets would give:
the share of records right at or above 0.8, in-sample and leaving each document out in turn (its
records take the shares measured on the other documents: the figure for a plan never seen).
``--write`` stores the table in extractors/data/calibration.json, which the extractors read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.matching import flatten, score_field
from extractors import EXTRACTOR_VERSION, confidence
from pipeline.extract import extract_file
from pipeline.outputs.export import logframe_json

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("goals", "outputs", "activities", "indicators")


def judged_records() -> list[tuple[str, tuple[str, ...], bool]]:
    """(document, bucket, right) for every record of every plan with an inventory."""
    out = []
    for path in sorted((ROOT / "benchmarks" / "expected").glob("*.json")):
        expected = json.loads(path.read_text())
        if not expected.get("goals"):
            continue
        pdf = ROOT.parent / "shared" / "corpus" / expected["file"]
        if not pdf.exists():
            continue
        got = logframe_json(extract_file(pdf))
        exp, ext = flatten(expected["goals"]), flatten(got["goals"])
        methods = _methods(got["goals"])
        for level in LEVELS:
            repeats = Counter(i.raw.strip().casefold() for i in ext[level])
            score = score_field(exp[level], ext[level])
            for (_, right), item in zip(score.judged, ext[level]):
                method = methods[level].get(item.raw, "other")
                key = confidence.bucket(method, level, item.raw, repeats[item.raw.strip().casefold()])
                out.append((expected["file"], key, right))
    return out


def _methods(goals: list[dict]) -> dict[str, dict[str, str]]:
    """Each level's records' method by their text (the matching's items keep no method)."""
    out: dict[str, dict[str, str]] = {level: {} for level in LEVELS}
    for g in goals:
        records = [("goals", g)] + [("outputs", o) for o in g["outputs"]] + \
                  [("activities", a) for o in g["outputs"] for a in o["activities"]]
        for level, rec in records:
            if rec.get("text"):
                out[level].setdefault(rec["text"], rec.get("method") or "other")
            for ind in rec.get("indicators", []):
                out["indicators"].setdefault(ind["text"], ind.get("method") or rec.get("method") or "other")
    return out


def table(records: list[tuple[str, tuple[str, ...], bool]]) -> dict[str, dict[str, float]]:
    """Share right per bucket, at each depth (method|level|quality|reads-as, and coarser)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, key, right in records:
        for depth in (2, 3, 4):
            c = counts["|".join(key[:depth])]
            c[0] += right
            c[1] += 1
    return {k: {"right": round(r / n, 3), "n": n} for k, (r, n) in sorted(counts.items())}


def trusted_share(records: list[tuple[str, tuple[str, ...], bool]], buckets: dict) -> tuple[int, int]:
    """(right, all) of the records whose confidence would be at or above 0.8 under ``buckets``."""
    confidence.calibration.cache_clear()
    saved = confidence.calibration
    confidence.calibration = lambda: {k: (v["right"], v["n"]) for k, v in buckets.items()}  # type: ignore[assignment]
    try:
        picked = [right for _, key, right in records if confidence.confidence_for(key) >= confidence.TRUSTED]
    finally:
        confidence.calibration = saved
    return sum(picked), len(picked)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="store the table in extractors/data/calibration.json")
    args = ap.parse_args(argv)
    records = judged_records()
    buckets = table(records)
    print("bucket (method|level|quality|reads as)                 right    records")
    for k, v in buckets.items():
        if k.count("|") == 3:
            print(f"  {k:<52} {v['right']:6.1%} {v['n']:8d}")
    right, n = trusted_share(records, buckets)
    print(f"\nat or above {confidence.TRUSTED}: in-sample {right}/{n} = {right / max(n, 1):.1%} right "
          f"(target {confidence.TRUSTED_SHARE:.0%})")
    docs = sorted({d for d, _, _ in records})
    lo_right = lo_n = 0
    for doc in docs:
        others = table([r for r in records if r[0] != doc])
        r, m = trusted_share([x for x in records if x[0] == doc], others)
        lo_right += r
        lo_n += m
    print(f"at or above {confidence.TRUSTED}: leaving each document out {lo_right}/{lo_n} = "
          f"{lo_right / max(lo_n, 1):.1%} right")
    if args.write:
        confidence.CALIBRATION.write_text(json.dumps({
            "about": "Share of records right per evidence bucket over the corpus's plans; written by "
                     "python -m benchmarks.calibrate --write (see extractors/confidence.py).",
            "date": dt.date.today().isoformat(), "extractor_version": EXTRACTOR_VERSION,
            "documents": docs, "buckets": buckets}, indent=1) + "\n")
        print(f"written to {confidence.CALIBRATION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
