"""Confidence that means something: how often records like this one were right.

Every goal, output, activity and indicator falls in an evidence bucket: how it was read (a ruled
table, an unruled one, prose, a card), its level, whether its text looks whole or cut ("... and",
a lower-case start, a label repeated down a column), and what its text reads as (an action, a
result, a measure: ``extractors.content_roles``). ``extractors/data/calibration.json`` holds, for each
bucket, the share of such records that were right over the corpus's plans (written by
``python -m benchmarks.calibrate --write``, which also prints it with a leave-one-document-out
check). A record's confidence is that share, but below ``TRUSTED`` unless the share reached
``TRUSTED_SHARE``: records at or above 0.8 are those of buckets at least 95 % right. A bucket with
too few records backs off to a coarser one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from extractors.content_roles import cell_kind
from pipeline.records import Activity, Goal, Indicator, Output

CALIBRATION = Path(__file__).parent / "data" / "calibration.json"
TRUSTED, TRUSTED_SHARE = 0.8, 0.95
MIN_BUCKET = 10  # records a bucket needs before its share is trusted
DEFAULT = 0.5
_TRAILING = re.compile(r"(?:,|;|-|\b(?:and|or|of|the|to|in|for|with|de|des|du|la|le|les|et|ou|en|pour|y|e|para|"
                       r"por|con|com|da|do))$", re.IGNORECASE)


def method_group(method: str | None) -> str:
    if not method:
        return "other"
    if method.startswith("ruled"):
        return "ruled"
    if method.startswith("unruled"):
        return "unruled"
    return method


def quality(text: str | None, repeats: int) -> str:
    """"repeated" (the same text three times or more at this level: a label), "cut" (it starts in
    lower case or ends on a comma or a joining word), "short" (two words or fewer) or "whole"."""
    t = (text or "").strip()
    if repeats >= 3:
        return "repeated"
    if t[:1].islower() or _TRAILING.search(t):
        return "cut"
    if len(t.split()) <= 2:
        return "short"
    return "whole"


def reads_as(level: str, text: str | None) -> str:
    kind = cell_kind(text or "")
    if level == "indicators":
        return "measure" if kind == "measure" else "other"
    return kind if kind in ("action", "result", "measure", "institution") else "text"


def bucket(method: str | None, level: str, text: str | None, repeats: int) -> tuple[str, str, str, str]:
    return method_group(method), level, quality(text, repeats), reads_as(level, text)


@lru_cache(maxsize=1)
def calibration() -> dict[str, tuple[float, int]]:
    """Bucket ("ruled|activities|whole|action") -> (share right, records) from the data file."""
    if not CALIBRATION.exists():
        return {}
    return {k: (v["right"], v["n"]) for k, v in json.loads(CALIBRATION.read_text())["buckets"].items()}


def share_right(key: tuple[str, ...]) -> float | None:
    """The measured share for the bucket, backing off to coarser buckets when it is too small."""
    table = calibration()
    for depth in (4, 3, 2):
        found = table.get("|".join(key[:depth]))
        if found is not None and found[1] >= MIN_BUCKET:
            return found[0]
    return None


def confidence_for(key: tuple[str, ...]) -> float:
    share = share_right(key)
    if share is None:
        return DEFAULT
    value = share if share >= TRUSTED_SHARE else min(share, TRUSTED - 0.01)
    return round(max(0.05, min(value, 0.99)), 2)


def records_by_level(goals: list[Goal]) -> dict[str, list[Goal | Output | Activity | Indicator]]:
    out: dict[str, list] = {"goals": [], "outputs": [], "activities": [], "indicators": []}
    for g in goals:
        if g.text:
            out["goals"].append(g)
        out["indicators"].extend(g.indicators)
        for o in g.outputs:
            if o.text:
                out["outputs"].append(o)
            out["indicators"].extend(o.indicators)
            for a in o.activities:
                out["activities"].append(a)
                out["indicators"].extend(a.indicators)
    return out


def calibrate(goals: list[Goal]) -> None:
    """Set every record's confidence from its evidence bucket (in place). Placeholders (no text)
    keep theirs: they are structure, not records."""
    if not calibration():
        return
    for level, recs in records_by_level(goals).items():
        repeats = Counter((r.text or "").strip().casefold() for r in recs)
        for r in recs:
            key = bucket(r.method, level, r.text, repeats[(r.text or "").strip().casefold()])
            r.confidence = confidence_for(key)
