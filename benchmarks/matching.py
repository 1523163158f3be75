"""Scoring extracted logframes against expected records.

Texts are compared after normalising case, accents and white space; two texts match when their
rapidfuzz ``ratio`` is at least ``THRESHOLD`` (0-100). Each expected item is matched to at most one
extracted item (greedy, best similarity first). Placeholder levels (``text: null``) are not items.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

THRESHOLD = 90.0
FIELDS = ("goals", "outputs", "activities", "indicators", "institutions")


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


def flatten(goals: list[dict], scope_pages: list[int] | None = None) -> dict[str, list[Item]]:
    """Items per field; each item's parent is the text of its nearest named ancestor."""
    out: dict[str, list[Item]] = {f: [] for f in FIELDS}
    scope = set(scope_pages) if scope_pages else None

    def keep(rec: dict) -> bool:
        return scope is None or rec.get("page") in scope

    def extras(rec: dict, owner: str) -> None:
        if not keep(rec):
            return
        for ind in rec.get("indicators", []):
            out["indicators"].append(Item("indicators", norm(ind["text"]), owner, ind.get("page", rec.get("page"))))
        for inst in rec.get("institutions", []):
            key = f"{norm(inst['name'])} [{inst.get('role', 'lead')}]"
            out["institutions"].append(Item("institutions", key, owner, rec.get("page")))

    for g in goals:
        gtext = norm(g.get("text"))
        if gtext and keep(g):
            out["goals"].append(Item("goals", gtext, "", g.get("page")))
        extras(g, gtext)
        for o in g.get("outputs", []):
            otext = norm(o.get("text"))
            if otext and keep(o):
                out["outputs"].append(Item("outputs", otext, gtext, o.get("page")))
            extras(o, otext or gtext)
            for a in o.get("activities", []):
                atext = norm(a.get("text"))
                if atext and keep(a):
                    out["activities"].append(Item("activities", atext, otext or gtext, a.get("page")))
                extras(a, atext)
    return out


def similar(a: str, b: str) -> float:
    if a == b:
        return 100.0
    return fuzz.ratio(a, b)


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    parent_ok: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

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

    def add(self, other: "Score") -> None:
        self.expected += other.expected
        self.extracted += other.extracted
        self.matched += other.matched
        self.parent_ok += other.parent_ok


def score_field(expected: list[Item], extracted: list[Item]) -> Score:
    s = Score(expected=len(expected), extracted=len(extracted))
    pairs = []
    for i, e in enumerate(expected):
        for j, x in enumerate(extracted):
            sim = similar(e.text, x.text)
            if sim >= THRESHOLD:
                pairs.append((-sim, -similar(e.parent, x.parent), i, j))
    pairs.sort()
    used_e: set[int] = set()
    used_x: set[int] = set()
    for _neg, neg_parent, i, j in pairs:
        if i in used_e or j in used_x:
            continue
        used_e.add(i)
        used_x.add(j)
        s.matched += 1
        if -neg_parent >= THRESHOLD or (not expected[i].parent and not extracted[j].parent):
            s.parent_ok += 1
    s.misses = [expected[i].text for i in range(len(expected)) if i not in used_e]
    s.extras = [extracted[j].text for j in range(len(extracted)) if j not in used_x]
    return s


def score_document(expected: dict, extracted: dict) -> dict[str, Score]:
    scope = expected.get("scope_pages")
    exp = flatten(expected.get("goals", []), None)
    got = flatten(extracted.get("goals", []), scope)
    return {f: score_field(exp[f], got[f]) for f in FIELDS}
