"""Scoring extracted logframes against expected records, over the whole document.

Texts are compared after normalising case, accents and white space; two texts match when their
rapidfuzz ``ratio`` is at least ``THRESHOLD`` (0-100). Each expected item is matched to at most one
extracted item (greedy, best similarity first, the one under the same parent first). Placeholder
levels (``text: null``) are not items.

An expected file is an inventory of the whole document (docs/inventories.md): every record naplog
emits anywhere is scored, and one the inventory does not hold is a false positive. An older file
with ``scope_pages`` scores only the records on those pages.

Besides each level on its own, ``ANY_LEVEL`` pools goals, outputs and activities: the share of
records whose text is right whatever level they were put on.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

THRESHOLD = 90.0
FIELDS = ("goals", "outputs", "activities", "indicators", "institutions")
LEVELS = ("goals", "outputs", "activities")
ANY_LEVEL = "any level"


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return " ".join(text.casefold().split()).strip(" .;:")


@dataclass(frozen=True)
class Item:
    field: str
    text: str
    parent: str
    page: int | None
    confidence: float | None = None
    raw: str = ""  # the text as written, for reports


def flatten(goals: list[dict], scope_pages: list[int] | None = None) -> dict[str, list[Item]]:
    """Items per field; each item's parent is the text of its nearest named ancestor."""
    out: dict[str, list[Item]] = {f: [] for f in FIELDS}
    scope = set(scope_pages) if scope_pages else None

    def keep(rec: dict) -> bool:
        return scope is None or rec.get("page") in scope

    def item(fld: str, text: str | None, parent: str, rec: dict) -> Item:
        return Item(fld, norm(text), parent, rec.get("page"), rec.get("confidence"), text or "")

    def extras(rec: dict, owner: str) -> None:
        if not keep(rec):
            return
        for ind in rec.get("indicators", []):
            out["indicators"].append(item("indicators", ind["text"], owner, {**rec, **ind}))
        for inst in rec.get("institutions", []):
            key = f"{inst['name']} [{inst.get('role', 'lead')}]"
            out["institutions"].append(item("institutions", key, owner, rec))

    for g in goals:
        gtext = norm(g.get("text"))
        if gtext and keep(g):
            out["goals"].append(item("goals", g.get("text"), "", g))
        extras(g, gtext)
        for o in g.get("outputs", []):
            otext = norm(o.get("text"))
            if otext and keep(o):
                out["outputs"].append(item("outputs", o.get("text"), gtext, o))
            extras(o, otext or gtext)
            for a in o.get("activities", []):
                atext = norm(a.get("text"))
                if atext and keep(a):
                    out["activities"].append(item("activities", a.get("text"), otext or gtext, a))
                extras(a, atext)
    return out


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    parent_ok: int = 0
    misses: list[Item] = field(default_factory=list)
    extras: list[Item] = field(default_factory=list)
    # (confidence, right) of every extracted item: for the calibration table
    judged: list[tuple[float | None, bool]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else (1.0 if not self.extracted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def parent_accuracy(self) -> float:
        return self.parent_ok / self.matched if self.matched else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.extracted += other.extracted
        self.matched += other.matched
        self.parent_ok += other.parent_ok
        self.judged.extend(other.judged)

    def figures(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "parent_accuracy": round(self.parent_accuracy, 3), "expected": self.expected,
                "extracted": self.extracted, "matched": self.matched}


def _similarities(a: list[str], b: list[str]):  # noqa: ANN202 - a numpy matrix
    return cdist(a, b, scorer=fuzz.ratio, score_cutoff=THRESHOLD, workers=1)


def score_field(expected: list[Item], extracted: list[Item]) -> Score:
    s = Score(expected=len(expected), extracted=len(extracted))
    used_e: set[int] = set()
    used_x: set[int] = set()
    if expected and extracted:
        text = _similarities([e.text for e in expected], [x.text for x in extracted])
        rows, cols = text.nonzero()
        parents = {}
        for i, j in zip(rows.tolist(), cols.tolist()):
            pe, px = expected[i].parent, extracted[j].parent
            parents[(i, j)] = 100.0 if pe == px else fuzz.ratio(pe, px)
        pairs = sorted(((-text[i, j], -parents[(i, j)], i, j) for i, j in parents))
        for _neg, neg_parent, i, j in pairs:
            if i in used_e or j in used_x:
                continue
            used_e.add(i)
            used_x.add(j)
            s.matched += 1
            if -neg_parent >= THRESHOLD or (not expected[i].parent and not extracted[j].parent):
                s.parent_ok += 1
    s.misses = [expected[i] for i in range(len(expected)) if i not in used_e]
    s.extras = [extracted[j] for j in range(len(extracted)) if j not in used_x]
    s.judged = [(x.confidence, j in used_x) for j, x in enumerate(extracted)]
    return s


def score_document(expected: dict, extracted: dict) -> dict[str, Score]:
    """Scores per field, and for ``ANY_LEVEL``: goals, outputs and activities pooled."""
    scope = expected.get("scope_pages")
    exp = flatten(expected.get("goals", []), None)
    got = flatten(extracted.get("goals", []), scope)
    scores = {f: score_field(exp[f], got[f]) for f in FIELDS}
    scores[ANY_LEVEL] = score_field([i for f in LEVELS for i in exp[f]], [i for f in LEVELS for i in got[f]])
    return scores


def worst(items: list[Item], n: int = 10) -> list[tuple[int, Item]]:
    """The ``n`` items worth looking at first: texts that come back most often (a running footer
    read on every page), then in page order; each with how many times its text comes back."""
    counts = Counter(i.text for i in items)
    seen: set[str] = set()
    ranked = []
    for item in sorted(items, key=lambda i: (-counts[i.text], i.page or 0)):
        if item.text in seen:
            continue
        seen.add(item.text)
        ranked.append((counts[item.text], item))
    return ranked[:n]
