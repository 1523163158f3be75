"""Check the shape of a whole-document inventory (docs/inventories.md) without running naplog.

    python -m benchmarks.inventory_check benchmarks/expected/adaptation_plan_benin.json [...]

Prints each file's records per level and per inventory structure, and every problem found: a
missing field, a record on a page no structure of the inventory covers, counts that differ from
what a structure says it holds, an empty text where a placeholder is not meant, a budget whose
amount is not a number. Exit status 1 when a file has a problem.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

LEVELS = ("goals", "outputs", "activities", "indicators", "institutions")
TOP_FIELDS = ("file", "scope_pages", "document", "goals", "notes")
INVENTORY_FIELDS = ("inventory", "nothing_else", "written")
OBSERVATION_FIELDS = ("page", "indicator", "value", "value_as_written", "unit", "period", "disaggregation")


def _structure_of(page: int | None, inventory: list[dict]) -> int | None:
    for i, s in enumerate(inventory):
        if page in s.get("pages", []):
            return i
    return None


def _count(rec: dict, level: str, where: int | None, counts: Counter, problems: list[str]) -> None:
    page = rec.get("page")
    if not isinstance(page, int):
        problems.append(f"{level[:-1]} without a page: {str(rec.get('text'))[:60]!r}")
    if rec.get("text") is not None:
        if not str(rec["text"]).strip():
            problems.append(f"{level[:-1]} on p{page} with empty text (use null for a placeholder)")
        counts[(where, level)] += 1
    for ind in rec.get("indicators", []):
        if not (ind.get("text") or "").strip():
            problems.append(f"indicator without text on p{page}")
        counts[(where, "indicators")] += 1
    for inst in rec.get("institutions", []):
        if not (inst.get("name") or "").strip() or inst.get("role") not in ("lead", "partner"):
            problems.append(f"institution on p{page} needs a name and a role lead|partner: {inst}")
        counts[(where, "institutions")] += 1
    budget = rec.get("budget")
    if budget is not None and not isinstance(budget.get("amount"), (int, float, type(None))):
        problems.append(f"budget amount on p{page} is not a number: {budget}")


def check(path: Path) -> tuple[list[str], str]:
    data = json.loads(path.read_text())
    problems = [f"missing field {f!r}" for f in TOP_FIELDS + INVENTORY_FIELDS if f not in data]
    inventory = data.get("inventory") or []
    counts: Counter = Counter()
    for g in data.get("goals", []):
        gwhere = _structure_of(g.get("page"), inventory)
        _count(g, "goals", gwhere, counts, problems)
        for o in g.get("outputs", []):
            owhere = _structure_of(o.get("page"), inventory) if o.get("page") is not None else gwhere
            _count(o, "outputs", owhere, counts, problems)
            for a in o.get("activities", []):
                _count(a, "activities", _structure_of(a.get("page"), inventory), counts, problems)
    for level in LEVELS:
        if counts[(None, level)]:
            problems.append(f"{counts[(None, level)]} {level} on pages no inventory structure lists")
    lines = []
    for i, s in enumerate(inventory):
        got = {level: counts[(i, level)] for level in LEVELS}
        said = s.get("records")
        mark = "" if said is None or all(said.get(k, 0) == v for k, v in got.items()) else "  <- differs from 'records'"
        if mark:
            problems.append(f"structure {i} ({s.get('what', '')[:40]}): counted {got}, says {said}")
        pages = s.get("pages", [])
        span = f"p{pages[0]}-{pages[-1]}" if pages else "no pages"
        lines.append(f"   {span:<10} {s.get('what', '')[:50]:<50} " + " ".join(f"{v:4d}" for v in got.values()) + mark)
    for ob in data.get("observations", []):
        missing = [f for f in OBSERVATION_FIELDS if f not in ob]
        if missing:
            problems.append(f"observation on p{ob.get('page')} lacks {missing}")
    totals = {level: sum(v for (_, lv), v in counts.items() if lv == level) for level in LEVELS}
    head = f"{path.name}: " + ", ".join(f"{v} {k}" for k, v in totals.items())
    if "observations" in data:
        head += f", {len(data['observations'])} observations"
    return problems, "\n".join([head, *lines])


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    bad = 0
    for path in paths:
        problems, summary = check(path)
        print(summary)
        for p in problems:
            print(f"   PROBLEM: {p}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
