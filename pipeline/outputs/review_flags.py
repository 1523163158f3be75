"""What the review flags, and in what order an analyst sees the flags.

``entries(logframe)`` lists every record with a position id (``pipeline.store.keys.position_path``:
``g1-o2-a3``, the same path ``Store.record_keys`` gives each record's key by). ``anomalies(logframe)``
lists what a reviewer should look at, in document order. ``flag_groups(logframe, anomalies)`` orders
them for the review:

- flags that point to an extraction error an analyst can correct come first (a box covering other
  rows, text run together or cut, low confidence, no box), then gaps in what was extracted (an
  activity without a lead, an output or goal without indicators), which are as often the plan's own;
- a flag that most of the records it applies to share (at least ``OutputSettings.review_pattern_share``
  of them, and ``review_pattern_min`` records) says something about the whole plan or about how its
  tables were read ("no output has an indicator": the plan's tables have no indicator column), not
  about one record: it is shown once, as a trait of the document, with its records folded under it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.records import Activity, Goal, Indicator, Logframe, Output, Pillar
from pipeline.settings import output_settings
from pipeline.store.keys import position_path

KINDS = ("pillar", "goal", "output", "activity", "indicator")

# In the order the review shows them: likely extraction errors first, then gaps.
ANOMALY_TITLES = {
    "box_covers_others": "Box that covers other records' boxes",
    "text_run_together": "Text that looks run together",
    "text_cut": "Text that looks cut",
    "low_confidence": "Low confidence",
    "no_position": "Record without a box on the page",
    "activity_without_lead": "Activity without a lead institution",
    "output_without_indicators": "Output without indicators",
    "goal_without_indicators": "Goal without indicators (the plan has no output level)",
}
ANOMALY_NOTES = {
    "activity_without_lead": "A lead institution stated on the activity, on its output or on its goal counts: "
                             "plans often name the lead once per row for several activities.",
    "output_without_indicators": "Indicators on the output or on any of its activities count.",
    "goal_without_indicators": "The plan has no output level under this goal: indicators on the goal or on "
                               "any of its activities count.",
    "text_cut": "Ends with a hyphen, comma or a word such as \"and\"/\"of\"/\"de\", has an unclosed bracket, or "
                "starts in lower case: part of the text may be in the next or previous cell.",
    "text_run_together": "A missing space after a full stop, a lower-case word running into a capitalised one, "
                         "an over-long word, or a hierarchy code inside the text: two cells or rows may be joined.",
    "box_covers_others": "The box covers most of other records of the same type on its page: rows may be joined, "
                         "or the box merges parts of a row continued on another page.",
}
# What each flag is counted against when the review decides whether it is a trait of the document.
APPLIES_TO = {
    "activity_without_lead": "activities",
    "output_without_indicators": "outputs",
    "goal_without_indicators": "goals without an output level",
    "box_covers_others": "records with a box",
}


# ---- records and ids ------------------------------------------------------------------


@dataclass
class Entry:
    """One record with a position: what the tree and the page boxes show."""

    rid: str
    kind: str
    record: Pillar | Goal | Output | Activity | Indicator
    parents: list = field(default_factory=list)  # goal / output above, nearest last

    @property
    def code(self) -> str | None:
        return getattr(self.record, "code", None)

    @property
    def text(self) -> str | None:
        return self.record.name if self.kind == "pillar" else self.record.text

    @property
    def placeholder(self) -> bool:
        """A goal or output standing for a level the plan does not have (no text of its own)."""
        return self.kind in ("goal", "output") and self.record.text is None

    def label(self) -> str:
        r = self.record
        if self.kind == "pillar":
            return "Pillar" + (f" {r.code}" if r.code else "")
        name = getattr(r, "level_name", None) or self.kind.capitalize()
        return f"{name} {self.code}" if self.code else name


def entries(lf: Logframe) -> Iterator[Entry]:
    """Every record with provenance, in document order, with ids made from positions."""
    for p, pillar in enumerate(lf.pillars, 1):
        yield Entry(f"p{p}", "pillar", pillar)
    for gi, g in enumerate(lf.goals, 1):
        grid = position_path(gi)
        yield Entry(grid, "goal", g)
        yield from _indicators(grid, g, [g])
        for oi, o in enumerate(g.outputs, 1):
            orid = position_path(gi, oi)
            yield Entry(orid, "output", o, [g])
            yield from _indicators(orid, o, [g, o])
            for ai, a in enumerate(o.activities, 1):
                arid = position_path(gi, oi, ai)
                yield Entry(arid, "activity", a, [g, o])
                yield from _indicators(arid, a, [g, o, a])


def _indicators(rid: str, level, parents: list) -> Iterator[Entry]:  # noqa: ANN001
    for ii, ind in enumerate(level.indicators, 1):
        yield Entry(f"{rid}-i{ii}", "indicator", ind, parents)


# ---- anomalies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Anomaly:
    kind: str  # a key of ANOMALY_TITLES
    rid: str  # the record's id in the review (data-rid)
    record_kind: str  # goal, output, activity, indicator, pillar
    page: int
    message: str

    @property
    def title(self) -> str:
        return ANOMALY_TITLES[self.kind]


_END_WORDS = set(
    # en
    "and or of the a an to for in on with by at from as into than"
    # fr
    " et ou de des du la le les à au aux en pour par avec sur dans"
    # es
    " y o del el los las para por con al e"
    # pt
    " do da dos das os as em no na nos nas com pelo pela".split()
)
_MISSING_SPACE = re.compile(r"[a-zà-ÿ]{2,}[.;][A-ZÀ-Þ][a-zà-ÿ]")
# A lower-case word running into a capitalised one; a word that starts with a capital and has
# another inside is a name (WhatsApp, PowerPoint, MettelSat), not two words.
_CAMEL_JOIN = re.compile(r"\b[a-zà-ÿ]{3,}[A-ZÀ-Þ][a-zà-ÿ]{2,}")
_LONG_WORD = re.compile(r"[^\W\d_]{28,}")
_INNER_CODE = re.compile(r"\S\s+\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-ZÀ-Þ]")


def text_problems(text: str | None, kind: str) -> list[tuple[str, str]]:
    """(anomaly kind, reason) pairs for a text that looks cut or run together."""
    if not text:
        return []
    t = text.strip()
    found: list[tuple[str, str]] = []
    cut: list[str] = []
    last = t.split()[-1].lower() if t.split() else ""
    if t.endswith(("-", ",")):
        cut.append(f"ends with {t[-1]!r}")
    elif last in _END_WORDS:
        cut.append(f"ends with {last!r}")
    if t.count("(") > t.count(")") or t.count("[") > t.count("]"):
        cut.append("has an unclosed bracket")
    if kind in ("goal", "output", "activity") and t[0].islower():
        cut.append("starts in lower case")
    if len(t) < 3:
        cut.append("is shorter than 3 characters")
    if cut:
        found.append(("text_cut", "; ".join(cut)))
    joined: list[str] = []
    if m := _MISSING_SPACE.search(t):
        joined.append(f"no space after a full stop in {m.group(0)!r}")
    if m := _CAMEL_JOIN.search(t):
        joined.append(f"words run together in {m.group(0)!r}")
    if m := _LONG_WORD.search(t):
        joined.append(f"over-long word {m.group(0)[:40]!r}")
    if m := _INNER_CODE.search(t):
        joined.append(f"a hierarchy code inside the text ({m.group(0).strip()!r})")
    if joined:
        found.append(("text_run_together", "; ".join(joined)))
    return found


def _has_lead(*levels) -> bool:  # noqa: ANN002
    return any(i.role == "lead" for lv in levels if lv is not None for i in lv.institutions)


def _gaps(e: Entry) -> Iterator[tuple[str, str]]:
    """A missing lead or missing indicators; a plan without an output level is flagged on its goal."""
    r = e.record
    if e.kind == "activity":
        goal, output = e.parents
        if not _has_lead(r, output, goal):
            partners = [i.name for i in [*r.institutions, *output.institutions, *goal.institutions]]
            yield ("activity_without_lead", "no lead institution on the activity, its output or its goal"
                   + (f" (partners only: {', '.join(partners)})" if partners else ""))
    elif e.kind == "output" and not e.placeholder:
        if not (r.indicators or any(a.indicators for a in r.activities)):
            yield "output_without_indicators", "no indicator on the output or on any of its activities"
    elif e.kind == "goal" and not e.placeholder and r.outputs and all(o.text is None for o in r.outputs):
        if not (r.indicators or any(o.indicators or any(a.indicators for a in o.activities) for o in r.outputs)):
            yield "goal_without_indicators", "no indicator on the goal or on any of its activities"


def anomalies(lf: Logframe) -> list[Anomaly]:
    """What a reviewer should check, in document order."""
    found: list[Anomaly] = []
    all_entries = list(entries(lf))
    for e in all_entries:
        r = e.record

        def add(kind: str, message: str) -> None:
            found.append(Anomaly(kind, e.rid, e.kind, r.page, message))

        if not e.placeholder and r.confidence < output_settings().low_confidence:
            add("low_confidence", f"confidence {r.confidence:.2f} ({r.method})")
        if not e.placeholder and r.bbox is None:
            add("no_position", "the record has no bbox, so it cannot be outlined on the page")
        for kind, message in _gaps(e):
            add(kind, message)
        for kind, reason in text_problems(e.text, e.kind):
            add(kind, reason)
        covered = _covered(e, all_entries)
        if covered:
            add("box_covers_others", f"its box covers {len(covered)} other {e.kind} box(es) on page {r.page} "
                                     f"({', '.join(_name(c) for c in covered[:4])}{', …' if len(covered) > 4 else ''})")
    return found


def _name(e: Entry) -> str:
    return e.label() if e.code else f"{e.label()} “{short(e.text, 30)}”"


def short(text: str | None, n: int = 300) -> str:
    if not text:
        return ""
    return text if len(text) <= n else text[: n - 1] + "…"


def _area(b: tuple[float, float, float, float]) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _covered(e: Entry, all_entries: list[Entry]) -> list[Entry]:
    """Other records of the same type on the same page whose box lies mostly inside this larger box."""
    a = e.record.bbox
    if a is None:
        return []
    out = []
    for o in all_entries:
        b = o.record.bbox
        if o is e or o.kind != e.kind or o.record.page != e.record.page or b is None:
            continue
        inter = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
        if inter[0] < inter[2] and inter[1] < inter[3] and _area(a) > 1.2 * _area(b) \
                and _area(inter) >= 0.5 * _area(b):
            out.append(o)
    return out


# ---- in the order an analyst should see them --------------------------------------------


@dataclass
class FlagGroup:
    kind: str
    items: list[Anomaly]
    applies_to: int  # how many records the flag could have been raised on
    noun: str  # what those records are ("activities", "records with text")
    trait: bool  # shared by most of them: a trait of the document, shown once

    @property
    def title(self) -> str:
        return ANOMALY_TITLES[self.kind]


def _applies_to(kind: str, all_entries: list[Entry]) -> tuple[int, str]:
    if kind == "activity_without_lead":
        n = sum(e.kind == "activity" for e in all_entries)
    elif kind == "output_without_indicators":
        n = sum(e.kind == "output" and not e.placeholder for e in all_entries)
    elif kind == "goal_without_indicators":
        n = sum(e.kind == "goal" and not e.placeholder and bool(e.record.outputs)
                and all(o.text is None for o in e.record.outputs) for e in all_entries)
    elif kind == "box_covers_others":
        n = sum(e.record.bbox is not None for e in all_entries)
    else:
        n = sum(not e.placeholder for e in all_entries)
    return n, APPLIES_TO.get(kind, "records")


def flag_groups(lf: Logframe, found: list[Anomaly]) -> list[FlagGroup]:
    """The flags by kind, likely extraction errors first; each group in page order."""
    settings = output_settings()
    all_entries = list(entries(lf))
    order = {e.rid: i for i, e in enumerate(all_entries)}
    groups = []
    for kind in ANOMALY_TITLES:
        items = sorted((a for a in found if a.kind == kind), key=lambda a: (a.page, order.get(a.rid, 0)))
        if not items:
            continue
        n, noun = _applies_to(kind, all_entries)
        trait = len(items) >= settings.review_pattern_min and len(items) >= settings.review_pattern_share * n
        groups.append(FlagGroup(kind, items, n, noun, trait))
    return groups
