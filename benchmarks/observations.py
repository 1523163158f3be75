"""Accuracy of a progress report's observations, lessons, challenges and recommendations.

    python -m benchmarks.observations [--doc NAME] [--from DIR] [--expected DIR] [--verbose] [--json FILE]

Scores what naplog extracts from each report against its inventory in ``benchmarks/expected/``
(the "Reports" section of docs/inventories.md: every figure in the report's tables and running
text, and its listed lessons, challenges and recommendations). PDFs are read from
``../shared/corpus``; with ``--from DIR`` the extracted JSON is read from ``DIR/NAME.json``
instead (``naplog extract FILE --format json``), to score a saved run.

**Observations.** An extracted observation matches an expected one when

- the page is the same and the value is the same number (after parsing: "36.711" is 36711,
  "0, 75%" 0.75);
- the unit is the same when both give one (number / percentage);
- the period and the disaggregation are *compatible*: neither says something the other
  contradicts. A period is compatible when both are the same or either is missing; the sex
  (women / men / total) likewise; a section row when either is missing or the two texts are
  similar (``SIMILAR`` below);
- the indicator texts agree: the expected indicator (the row label, or the phrase counted in
  running text) compared with each text naplog gives the figure (its indicator, the row label
  ``group``, the ``section``, the column's ``measure``), the best of rapidfuzz's
  ``token_set_ratio`` and ``partial_ratio`` on text folded to lower case without accents and
  punctuation, is at least ``INDICATOR_AGREES``.

Each expected observation matches at most one extracted one: compatible pairs are taken best
indicator similarity first. Precision is matched / extracted, recall matched / expected.
Among the matched pairs the figures also say how often the period, the sex and the unit are the
same exactly (both missing counts as the same), so that a missing period shows up there rather
than in precision. Observations extracted on pages the inventory lists as charts whose page, value
and unit no expected observation has are counted apart (they must be none: a chart's numbers are
no figures).

**Lessons, challenges, recommendations.** An item matches an expected item of the same kind
when their texts, normalised as above, have a rapidfuzz ``ratio`` of at least ``ITEM_MATCH``;
greedy, best first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "benchmarks" / "expected"
CORPUS = ROOT.parent / "shared" / "corpus"

INDICATOR_AGREES = 60.0  # the indicator texts name the same thing (0-100)
INDICATOR_SAME = 85.0  # ... and say it in (nearly) the same words: reported as a share of matches
SIMILAR = 80.0  # two section texts are the same section
ITEM_MATCH = 90.0  # two lessons / challenges / recommendations are the same item
ITEM_KINDS = ("lessons", "challenges", "recommendations")


def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as spaces, white space collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("œ", "oe").replace("Œ", "OE"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w%]+", " ", text).split())


def _same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or fold(a) == fold(b)


def _texts(ob: dict) -> list[str]:
    dis = ob.get("disaggregation") or {}
    texts = [ob.get("indicator"), dis.get("group"), dis.get("section"), dis.get("measure")]
    return [t for t in (fold(x) for x in texts) if t]


def indicator_similarity(expected: dict, extracted: dict) -> float:
    """How well the extracted figure's texts name the expected indicator (0-100)."""
    want = fold(expected.get("indicator"))
    if not want:
        return 0.0
    return max((max(fuzz.token_set_ratio(want, t), fuzz.partial_ratio(want, t)) for t in _texts(extracted)),
               default=0.0)


def compatible(expected: dict, extracted: dict) -> bool:
    """Same page and value, the same unit when both give one, and a period and disaggregation that
    do not contradict each other."""
    if expected.get("page") != extracted.get("page") or not _same_value(expected.get("value"), extracted.get("value")):
        return False
    if not _compatible(expected.get("unit"), extracted.get("unit")):
        return False
    if not _compatible(expected.get("period"), extracted.get("period")):
        return False
    de, dx = expected.get("disaggregation") or {}, extracted.get("disaggregation") or {}
    if not _compatible(de.get("sex"), dx.get("sex")):
        return False
    se, sx = de.get("section"), dx.get("section")
    return se is None or sx is None or fuzz.ratio(fold(se), fold(sx)) >= SIMILAR


@dataclass
class PairScore:
    """Matched / expected / extracted counts, with the pairs and the left-overs."""

    expected: int = 0
    extracted: int = 0
    pairs: list[tuple[dict, dict, float]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(self, other: "PairScore") -> None:
        self.expected += other.expected
        self.extracted += other.extracted
        self.pairs += other.pairs
        self.misses += other.misses
        self.extras += other.extras

    def figures(self) -> str:
        return f"P {self.precision:4.2f}  R {self.recall:4.2f}  ({self.matched}/{self.expected}/{self.extracted})"


def _greedy(expected: list[dict], extracted: list[dict], score) -> PairScore:  # noqa: ANN001 - (dict, dict) -> float | None
    """One-to-one pairs, best score first; ``score`` gives None for a pair that cannot match."""
    candidates = []
    for i, e in enumerate(expected):
        for j, x in enumerate(extracted):
            s = score(e, x)
            if s is not None:
                candidates.append((-s, i, j))
    candidates.sort()
    used_e: set[int] = set()
    used_x: set[int] = set()
    out = PairScore(expected=len(expected), extracted=len(extracted))
    for neg, i, j in candidates:
        if i in used_e or j in used_x:
            continue
        used_e.add(i)
        used_x.add(j)
        out.pairs.append((expected[i], extracted[j], -neg))
    out.misses = [e for i, e in enumerate(expected) if i not in used_e]
    out.extras = [x for j, x in enumerate(extracted) if j not in used_x]
    return out


def _observation_score(e: dict, x: dict) -> float | None:
    if not compatible(e, x):
        return None
    sim = indicator_similarity(e, x)
    return sim if sim >= INDICATOR_AGREES else None


def score_observations(expected: list[dict], extracted: list[dict]) -> PairScore:
    """Pairs page by page (a match needs the same page)."""
    out = PairScore()
    for page in sorted({o["page"] for o in expected} | {o["page"] for o in extracted}):
        out.add(_greedy([o for o in expected if o["page"] == page], [o for o in extracted if o["page"] == page],
                        _observation_score))
    return out


def score_items(expected: list[dict], extracted: list[dict]) -> PairScore:
    def score(e: dict, x: dict) -> float | None:
        s = fuzz.ratio(fold(e["text"]), fold(x["text"]))
        return s if s >= ITEM_MATCH else None

    return _greedy(expected, extracted, score)


@dataclass
class ReportScore:
    name: str
    observations: PairScore
    by_place: dict[str, PairScore]  # "table" / "text": recall of the expected observations found there
    on_charts: int  # observations on chart pages that no expected one has the page, value and unit of
    items: dict[str, PairScore]

    def agreement(self) -> dict[str, float]:
        """Among matched observations: the share whose indicator, period, sex, unit are the same."""
        pairs = self.observations.pairs
        if not pairs:
            return {}

        def share(test) -> float:  # noqa: ANN001
            return round(sum(1 for e, x, s in pairs if test(e, x, s)) / len(pairs), 3)

        sex = lambda o: (o.get("disaggregation") or {}).get("sex")  # noqa: E731
        return {
            "indicator": share(lambda e, x, s: s >= INDICATOR_SAME),
            "period": share(lambda e, x, s: fold(e.get("period")) == fold(x.get("period"))),
            "sex": share(lambda e, x, s: sex(e) == sex(x)),
            "unit": share(lambda e, x, s: e.get("unit") == x.get("unit")),
        }

    def items_total(self) -> PairScore:
        total = PairScore()
        for s in self.items.values():
            total.add(s)
        return total

    def as_dict(self) -> dict:
        o, items = self.observations, self.items_total()
        return {
            "observations": {"precision": round(o.precision, 3), "recall": round(o.recall, 3), "matched": o.matched,
                             "expected": o.expected, "extracted": o.extracted},
            "recall_by_place": {k: round(v.recall, 3) for k, v in self.by_place.items()},
            "agreement": self.agreement(),
            "observations_on_chart_pages": self.on_charts,
            "items": {"precision": round(items.precision, 3), "recall": round(items.recall, 3),
                      **{k: {"precision": round(v.precision, 3), "recall": round(v.recall, 3)}
                         for k, v in self.items.items()}},
        }


def score_report(name: str, expected: dict, extracted: dict) -> ReportScore:
    exp_obs = expected.get("observations", [])
    got_obs = extracted.get("observations", [])
    obs = score_observations(exp_obs, got_obs)
    found = {id(e) for e, _x, _s in obs.pairs}
    by_place = {}
    for place in ("table", "text"):
        wanted = [e for e in exp_obs if e.get("in") == place]
        by_place[place] = PairScore(expected=len(wanted), pairs=[(e, {}, 0.0) for e in wanted if id(e) in found])
    charts = set(expected.get("charts") or [])
    # A chart page may hold a table or a sentence too: what counts is a figure the inventory does not
    # list at all there (not even with other indicator words), a bar label or a tick.
    on_charts = sum(1 for o in obs.extras if o["page"] in charts and not any(compatible(e, o) for e in exp_obs))
    items = {k: score_items(expected.get(k, []), extracted.get(k, [])) for k in ITEM_KINDS}
    return ReportScore(name, obs, by_place, on_charts, items)


def report_cases(only: str | None = None, expected: Path = EXPECTED) -> list[tuple[str, dict]]:
    """(name, inventory) of every report inventory in ``expected`` (benchmarks/expected/)."""
    out = []
    for path in sorted(expected.glob("*.json")):
        data = json.loads(path.read_text())
        if data.get("document", {}).get("kind") == "report" and "observations" in data:
            if only is None or only in path.stem:
                out.append((path.stem, data))
    return out


def _extracted(name: str, data: dict, saved: Path | None) -> dict | None:
    if saved is not None:
        path = saved / f"{name}.json"
        return json.loads(path.read_text()) if path.is_file() else None
    pdf = CORPUS / data["file"]
    if not pdf.is_file():
        return None
    # Deferred: scoring saved runs (--from) needs none of naplog.
    from pipeline.extract import extract_file
    from pipeline.outputs.export import logframe_json

    return logframe_json(extract_file(pdf))


def _show(ob: dict) -> str:
    dis = ob.get("disaggregation") or {}
    return (f"p{ob['page']} {ob.get('value_as_written') or ob.get('value')!s:>9} {ob.get('unit') or '':<10} "
            f"{ob.get('period') or '-':<9} {dis.get('sex') or '-':<6} {(ob.get('indicator') or '')[:60]}"
            + (f" / {dis['group'][:30]}" if dis.get("group") else ""))


def print_report(s: ReportScore, seconds: float | None, verbose: bool) -> None:
    took = f" ({seconds:.1f}s)" if seconds is not None else ""
    print(f"== {s.name}{took}")
    print(f"   observations   {s.observations.figures()}   recall in tables {s.by_place['table'].recall:4.2f} "
          f"({s.by_place['table'].matched}/{s.by_place['table'].expected}), in text {s.by_place['text'].recall:4.2f} "
          f"({s.by_place['text'].matched}/{s.by_place['text'].expected})")
    agree = s.agreement()
    if agree:
        print("   of the matched, the same: " + ", ".join(f"{k} {v:.2f}" for k, v in agree.items()))
    print(f"   unexpected on chart pages {s.on_charts}")
    print(f"   lessons/challenges/recommendations {s.items_total().figures()}   "
          + ", ".join(f"{k} {v.matched}/{v.expected}/{v.extracted}" for k, v in s.items.items()))
    if verbose:
        for e in s.observations.misses:
            print(f"      missed: {_show(e)}")
        for x in s.observations.extras:
            print(f"      extra : {_show(x)}")
        for k, v in s.items.items():
            for e in v.misses:
                print(f"      missed {k[:-1]}: p{e.get('page')} {e['text'][:90]}")
            for x in v.extras:
                print(f"      extra {k[:-1]} : p{x.get('page')} {x['text'][:90]}")


def run(only: str | None = None, saved: Path | None = None, verbose: bool = False,
        expected: Path = EXPECTED) -> dict[str, dict]:
    print(f"observation match: same page and value, same unit, compatible period / sex / section, indicator "
          f"similarity >= {INDICATOR_AGREES:.0f}; items: ratio >= {ITEM_MATCH:.0f}")
    print("figures: precision, recall (matched/expected/extracted)\n")
    results: dict[str, dict] = {}
    total_obs, total_items = PairScore(), PairScore()
    for name, data in report_cases(only, expected):
        t0 = time.perf_counter()
        extracted = _extracted(name, data, saved)
        if extracted is None:
            print(f"== {name}: SKIPPED (no PDF at {CORPUS / data['file']} or no saved extraction)")
            continue
        s = score_report(name, data, extracted)
        print_report(s, None if saved else time.perf_counter() - t0, verbose)
        total_obs.add(s.observations)
        total_items.add(s.items_total())
        results[name] = s.as_dict()
    if results:
        print(f"\n== overall (micro-averaged)\n   observations   {total_obs.figures()}\n"
              f"   lessons/challenges/recommendations {total_items.figures()}")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--doc", help="only reports whose name contains this")
    ap.add_argument("--from", dest="saved", type=Path, help="score saved extractions DIR/NAME.json")
    ap.add_argument("--expected", type=Path, default=EXPECTED, help="read the inventories from DIR")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed and extra observations and items")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    results = run(args.doc, args.saved, args.verbose, args.expected)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
