"""Compare plans side by side: coverage, completeness, institutions, timelines, ASEAN RPA outcomes.

Plain functions over ``Logframe`` objects (from the store or straight from extraction):

- ``plan_metrics(lf)``            one plan's metrics (``PlanMetrics``);
- ``metric_rows(m)``              the same as (metric, value, detail) rows: the CSV and the printed table;
- ``diff_generations(old, new)``  two generations of a country's plan: goals, outputs, activities and
                                  indicators kept (matched, with rapidfuzz similarity), added and dropped;
- ``generation_pairs(lfs)``       which compared plans are successive generations of one country's plan;
- ``split_plans(lfs)``            the plans among stored documents, and the reports left out (never compared
                                  as if they were plans);
- ``to_terminal`` / ``to_csv`` / ``to_html``  outputs of ``naplog compare``: the terminal's tables fit 100
                                  columns, one table per section (a function each, in ``TERMINAL_SECTIONS``),
                                  plans as rows so any number of plans fits; HTML self-contained, everything
                                  escaped; metrics named in words (``METRIC_LABELS``), the CSV keeps their ids.
- ``plan_progress(plan, reports)`` per plan indicator, the values its progress reports give over the
                                  years, and the share of indicators with a reported value.

Definitions (shares are ``None`` when there is nothing to count):
- an activity *has a lead* when it, or else its output, or else its goal names a ``lead`` institution;
- it *has a timeline* when it has years, quarters or a timeline cell; a *budget* when one was read;
- an output (with text) *has an indicator* when it or one of its activities has one;
- an indicator is *quantitative* when its unit is ``number`` or ``percentage``;
- top lead institutions count the activities each leads (inherited as above), by canonical name;
- pillars: each goal's banner (else its text; plans without a goal level: each output's text) is
  classified with the keyword rules of ``pipeline.text.wps_taxonomy`` and the deciding words are kept;
- ASEAN RPA WPS outcome coverage: goals, outputs and activities whose text (and pillar banner)
  matches an outcome's keywords.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from pipeline.outputs.csp import csp_meta
from pipeline.outputs.export import safe_cell
from pipeline.records import (
    Activity,
    Goal,
    Institution,
    Level,
    Logframe,
    Observation,
    Output,
    is_plan,
)
from pipeline.settings import output_settings
from pipeline.text.fold import keyword_fold as fold
from pipeline.text.wps_taxonomy import ALL_PILLARS, RPA_OUTCOMES, best_pillar, matches

# ---- one plan ------------------------------------------------------------------------------------

@dataclass
class Share:
    n: int
    total: int

    @property
    def value(self) -> float | None:
        return round(self.n / self.total, 4) if self.total else None

    def __str__(self) -> str:
        return "n/a" if self.value is None else f"{self.value:.0%} ({self.n}/{self.total})"


@dataclass
class PlanMetrics:
    document_id: int | None
    label: str
    country: str | None
    period: str | None
    generation: int | None
    counts: dict[str, int]
    kind: str = ""  # document.kind as stored, shown as it is
    file: str = ""
    pillars: dict[str, dict] = field(default_factory=dict)  # pillar id -> {name, records, words}
    activities_with_lead: Share = field(default_factory=lambda: Share(0, 0))
    activities_with_timeline: Share = field(default_factory=lambda: Share(0, 0))
    activities_with_budget: Share = field(default_factory=lambda: Share(0, 0))
    outputs_with_indicator: Share = field(default_factory=lambda: Share(0, 0))
    indicators_quantitative: Share = field(default_factory=lambda: Share(0, 0))
    indicators_with_baseline: Share = field(default_factory=lambda: Share(0, 0))
    indicators_with_target: Share = field(default_factory=lambda: Share(0, 0))
    indicators_with_baseline_or_target: Share = field(default_factory=lambda: Share(0, 0))
    top_leads: list[tuple[str, str | None, int]] = field(default_factory=list)  # name, type, activities
    years: dict[int, int] = field(default_factory=dict)  # year -> activities running that year
    rpa: dict[str, dict] = field(default_factory=dict)  # outcome id -> {name, records, words}


def plan_label(lf: Logframe) -> str:
    d = lf.document
    bits = [d.country or Path(d.source_path).stem]
    if d.plan_period:
        bits.append(f"{d.plan_period.start}-{d.plan_period.end}")
    if d.generation:
        bits.append(f"(NAP {d.generation})")
    return " ".join(bits)


def _leads(level: Level) -> list[Institution]:
    return [i for i in level.institutions if i.role == "lead"]


def activity_leads(g: Goal, o: Output, a: Activity) -> list[Institution]:
    """The lead institutions of an activity: its own, else its output's, else its goal's."""
    return _leads(a) or _leads(o) or _leads(g)


def _pillar_units(lf: Logframe) -> list[tuple[str, str | None]]:
    """(what, text) for each unit classified into pillars: goal banners or texts, else output texts."""
    units: list[tuple[str, str | None]] = []
    for g in lf.goals:
        if g.pillar or g.text:
            units.append(("goal", g.pillar or g.text))
        else:
            units.extend(("output", o.text) for o in g.outputs if o.text)
    return units


def plan_metrics(lf: Logframe) -> PlanMetrics:
    d = lf.document
    m = PlanMetrics(
        document_id=d.id, label=plan_label(lf), country=d.country,
        period=f"{d.plan_period.start}-{d.plan_period.end}" if d.plan_period else None,
        generation=d.generation, counts=lf.counts(), kind=d.kind, file=Path(d.source_path).name,
    )
    for _what, text in _pillar_units(lf):
        hit = best_pillar(text)
        if hit is None:
            continue
        cat, words = hit
        entry = m.pillars.setdefault(cat.id, {"name": cat.name, "records": 0, "words": []})
        entry["records"] += 1
        entry["words"].extend(w for w in words if w not in entry["words"])
    order = [c.id for c in ALL_PILLARS]
    m.pillars = dict(sorted(m.pillars.items(), key=lambda kv: order.index(kv[0])))

    lead_counts: Counter[str] = Counter()
    lead_types: dict[str, str | None] = {}
    acts = lead = timeline = budget = 0
    years: Counter[int] = Counter()
    for g in lf.goals:
        for o in g.outputs:
            for a in o.activities:
                acts += 1
                leads = activity_leads(g, o, a)
                if leads:
                    lead += 1
                for name in dict.fromkeys(i.canonical_name or i.name for i in leads):
                    lead_counts[name] += 1
                for i in leads:
                    lead_types.setdefault(i.canonical_name or i.name, i.type)
                if a.years or a.quarters or a.timeline:
                    timeline += 1
                if a.budget is not None:
                    budget += 1
                for y in sorted(set(a.years) | {int(q[:4]) for q in a.quarters}):
                    years[y] += 1
    m.activities_with_lead = Share(lead, acts)
    m.activities_with_timeline = Share(timeline, acts)
    m.activities_with_budget = Share(budget, acts)
    m.top_leads = [(name, lead_types.get(name), n)
                   for name, n in sorted(lead_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:output_settings().top_institutions]]
    m.years = dict(sorted(years.items()))

    outputs = [o for o in lf.outputs() if o.text]
    m.outputs_with_indicator = Share(
        sum(1 for o in outputs if o.indicators or any(a.indicators for a in o.activities)), len(outputs))
    inds = lf.indicators()
    m.indicators_quantitative = Share(sum(1 for i in inds if i.unit in ("number", "percentage")), len(inds))
    m.indicators_with_baseline = Share(sum(1 for i in inds if i.baseline), len(inds))
    m.indicators_with_target = Share(sum(1 for i in inds if i.target), len(inds))
    m.indicators_with_baseline_or_target = Share(sum(1 for i in inds if i.baseline or i.target), len(inds))

    texts: list[str] = []
    for g in lf.goals:
        if g.text or g.pillar:
            texts.append(" ".join(t for t in (g.pillar, g.text) if t))
        for o in g.outputs:
            if o.text:
                texts.append(o.text)
            texts.extend(a.text for a in o.activities if a.text)
    for cat in RPA_OUTCOMES:
        n, words = 0, []
        for t in texts:
            found = matches(cat, t)
            if found:
                n += 1
                words.extend(w for w in found if w not in words)
        m.rpa[cat.id] = {"name": cat.name, "records": n, "words": words}
    return m


SHARES = [
    ("share_activities_with_lead", "activities_with_lead"),
    ("share_activities_with_timeline", "activities_with_timeline"),
    ("share_activities_with_budget", "activities_with_budget"),
    ("share_outputs_with_indicator", "outputs_with_indicator"),
    ("share_indicators_quantitative", "indicators_quantitative"),
    ("share_indicators_with_baseline", "indicators_with_baseline"),
    ("share_indicators_with_target", "indicators_with_target"),
    ("share_indicators_with_baseline_or_target", "indicators_with_baseline_or_target"),
]


# What each share metric is called in words, and its short column heading in the terminal.
METRIC_LABELS = {
    "share_activities_with_lead": ("Activities with a lead institution", "lead"),
    "share_activities_with_timeline": ("Activities with a timeline", "timeline"),
    "share_activities_with_budget": ("Activities with a budget", "budget"),
    "share_outputs_with_indicator": ("Outputs with an indicator", "outputs\nw/indic."),
    "share_indicators_quantitative": ("Quantitative indicators", "quanti-\ntative"),
    "share_indicators_with_baseline": ("Indicators with a baseline", "base-\nline"),
    "share_indicators_with_target": ("Indicators with a target", "target"),
    "share_indicators_with_baseline_or_target": ("Indicators with a baseline or a target", "baseline\nor target"),
}
NOUNS = {"activity": "activities", "goal": "goals", "output": "outputs", "indicator": "indicators",
         "record": "records", "plan": "plans", "report": "reports"}


def plural(n: int, noun: str) -> str:
    """``1 activity``, ``2 activities``."""
    return f"{n} {noun if n == 1 else NOUNS.get(noun, noun + 's')}"


def split_plans(lfs: list[Logframe]) -> tuple[list[Logframe], list[Logframe]]:
    """The plans among ``lfs`` (``pipeline.records.is_plan``), and the reports left out."""
    return [lf for lf in lfs if is_plan(lf.document.kind)], [lf for lf in lfs if not is_plan(lf.document.kind)]


def metric_rows(m: PlanMetrics) -> list[tuple[str, object, str]]:
    """(metric, value, detail) rows of one plan: what the CSV holds, one row per metric."""
    rows: list[tuple[str, object, str]] = [
        ("pillars_covered", "; ".join(p["name"] for p in m.pillars.values()),
         "; ".join(f"{p['name']}: {', '.join(p['words'])}" for p in m.pillars.values())),
    ]
    for pid, p in m.pillars.items():
        rows.append((f"pillar_{pid}_records", p["records"], ", ".join(p["words"])))
    for k in ("goals", "outputs", "activities", "indicators"):
        rows.append((k, m.counts.get(k, 0), ""))
    for metric, attr in SHARES:
        share: Share = getattr(m, attr)
        rows.append((metric, share.value, f"{share.n}/{share.total}"))
    for rank, (name, typ, n) in enumerate(m.top_leads, 1):
        rows.append((f"top_lead_institution_{rank}", name, f"type {typ or 'unknown'}; leads {plural(n, 'activity')}"))
    for year, n in m.years.items():
        rows.append((f"activities_in_{year}", n, ""))
    for oid, o in m.rpa.items():
        rows.append((f"{oid}_records", o["records"], f"{o['name']}: {', '.join(o['words'])}"))
    return rows


# ---- two generations -----------------------------------------------------------------------------

@dataclass
class LevelDiff:
    kept: list[tuple[str, str, float]] = field(default_factory=list)  # old text, new text, score
    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@dataclass
class GenerationDiff:
    old_label: str
    new_label: str
    levels: dict[str, LevelDiff]


def _texts(lf: Logframe, level: str) -> list[str]:
    if level == "goals":
        items = [g.text for g in lf.goals]
    elif level == "outputs":
        items = [o.text for o in lf.outputs()]
    elif level == "activities":
        items = [a.text for a in lf.activities()]
    else:
        items = [i.text for i in lf.indicators()]
    return [t for t in items if t]


def match_texts(old: list[str], new: list[str], threshold: float | None = None) -> LevelDiff:
    """One-to-one matching, best pairs first, by rapidfuzz ``token_sort_ratio`` of folded texts."""
    pairs = []
    fo, fn = [fold(t) for t in old], [fold(t) for t in new]
    for i, a in enumerate(fo):
        for j, b in enumerate(fn):
            score = fuzz.token_sort_ratio(a, b)
            if score >= (output_settings().compare_match if threshold is None else threshold):
                pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    diff = LevelDiff()
    for score, i, j in pairs:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        diff.kept.append((old[i], new[j], round(score, 1)))
    diff.kept.sort(key=lambda k: old.index(k[0]))
    diff.dropped = [t for i, t in enumerate(old) if i not in used_old]
    diff.added = [t for j, t in enumerate(new) if j not in used_new]
    return diff


def diff_generations(old: Logframe, new: Logframe, threshold: float | None = None) -> GenerationDiff:
    return GenerationDiff(
        plan_label(old), plan_label(new),
        {level: match_texts(_texts(old, level), _texts(new, level), threshold)
         for level in ("goals", "outputs", "activities", "indicators")},
    )


def _generation_order(lf: Logframe) -> tuple:
    d = lf.document
    return (d.generation or 0, d.plan_period.start if d.plan_period else 0, d.id or 0)


def generation_pairs(lfs: list[Logframe]) -> list[tuple[Logframe, Logframe]]:
    """Successive plans of the same country and kind among ``lfs`` (a WPS NAP's generations, not a
    NAP and an adaptation plan), oldest first."""
    by_country: dict[tuple[str, str], list[Logframe]] = {}
    for lf in lfs:
        if is_plan(lf.document.kind) and lf.document.country:
            by_country.setdefault((lf.document.country, lf.document.kind), []).append(lf)
    pairs = []
    for plans in by_country.values():
        plans.sort(key=_generation_order)
        pairs.extend(zip(plans, plans[1:]))
    return pairs


# ---- outputs -------------------------------------------------------------------------------------

def to_csv(metrics: list[PlanMetrics], diffs: list[GenerationDiff] = (), progress: list[PlanProgress] = ()) -> str:
    rows: list[list[object]] = [["document_id", "plan", "metric", "value", "detail"]]
    for m in metrics:
        for metric, value, detail in metric_rows(m):
            rows.append([m.document_id, m.label, metric, "" if value is None else value, detail])
    for d in diffs:
        for level, ld in d.levels.items():
            for what, n in (("kept", len(ld.kept)), ("added", len(ld.added)), ("dropped", len(ld.dropped))):
                rows.append(["", f"{d.old_label} -> {d.new_label}", f"{level}_{what}", n, ""])
    rows.extend(progress_csv(list(progress)))
    buf = io.StringIO()
    # Texts from the plans (labels, indicators) never reach a spreadsheet as formulas.
    csv.writer(buf, lineterminator="\n").writerows([safe_cell(c) for c in row] for row in rows)
    return buf.getvalue()


# ---- the terminal: one table per section, plans as rows ------------------------------------------

def _titled(title: str) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False,
                 show_edge=False, min_width=min(100, len(title)), caption_justify="left")


def _table(title: str, *columns: str, **kw) -> Table:  # noqa: ANN003 - rich column options
    t = _titled(title)
    t.add_column("plan", max_width=24, overflow="fold")
    for c in columns:
        t.add_column(c, **kw)
    return t


def _who(m: PlanMetrics) -> str:
    return f"[{m.document_id}] {m.label}"


def _pct(share: Share) -> str:
    return "–" if share.value is None else f"{share.value:.0%}"


def terminal_plans(metrics: list[PlanMetrics], left_out: list[Logframe]) -> RenderableType:
    t = _titled("Plans compared")
    for c, kw in (("id", {"justify": "right"}), ("plan", {"max_width": 34}), ("kind", {"max_width": 18}),
                  ("file", {"overflow": "fold"})):
        t.add_column(c, **kw)
    for m in metrics:
        t.add_row(str(m.document_id), m.label, m.kind, m.file)
    for lf in left_out:
        d = lf.document
        t.add_row(str(d.id), plan_label(lf), Text(f"{d.kind}: left out, not a plan", style="italic"),
                  Path(d.source_path).name)
    return t


def terminal_size(metrics: list[PlanMetrics]) -> RenderableType:
    t = _table("Size", "goals", "outputs", "activities", "indicators", justify="right")
    for m in metrics:
        t.add_row(_who(m), *(str(m.counts.get(k, 0)) for k in ("goals", "outputs", "activities", "indicators")))
    return t


def terminal_completeness(metrics: list[PlanMetrics]) -> RenderableType:
    t = _table("Completeness (share of activities, outputs or indicators)",
               *(METRIC_LABELS[metric][1] for metric, _ in SHARES), justify="right", max_width=8)
    for m in metrics:
        t.add_row(_who(m), *(_pct(getattr(m, attr)) for _, attr in SHARES))
    t.caption = "; ".join(f"{short.replace(chr(10), ' ').replace('- ', '')}: {long.lower()}"
                          for long, short in METRIC_LABELS.values())
    return t


def terminal_pillars(metrics: list[PlanMetrics]) -> RenderableType:
    t = _table("WPS pillars covered (goals or outputs classified)", "pillars")
    for m in metrics:
        t.add_row(_who(m), "; ".join(f"{p['name']} {p['records']}" for p in m.pillars.values()) or "none found")
    return t


def terminal_leads(metrics: list[PlanMetrics]) -> RenderableType:
    t = _table("Lead institutions (activities each leads)", "#", "institution", "type", "leads")
    t.columns[1].justify = "right"
    for m in metrics:
        for rank, (name, typ, n) in enumerate(m.top_leads, 1):
            t.add_row(_who(m) if rank == 1 else "", str(rank), name, typ or "unknown", plural(n, "activity"),
                      end_section=rank == len(m.top_leads))
        if not m.top_leads:
            t.add_row(_who(m), "", "no lead institution named", "", "", end_section=True)
    return t


def terminal_timeline(metrics: list[PlanMetrics]) -> RenderableType:
    t = _table("Timeline (activities running each year)", "years")
    for m in metrics:
        t.add_row(_who(m), ", ".join(f"{y}: {n}" for y, n in m.years.items()) or "no years")
    return t


def terminal_rpa(metrics: list[PlanMetrics]) -> RenderableType:
    t = _table("ASEAN RPA WPS strategic outcomes (records matching each)",
               *(c.id.removeprefix("rpa") for c in RPA_OUTCOMES), justify="right")
    for m in metrics:
        t.add_row(_who(m), *(str(m.rpa.get(c.id, {}).get("records", 0)) for c in RPA_OUTCOMES))
    t.caption = "; ".join(c.name for c in RPA_OUTCOMES)
    return t


def terminal_generations(diffs: list[GenerationDiff]) -> RenderableType | None:
    if not diffs:
        return None
    t = _titled("Successive plans of a country")
    for c in ("earlier plan -> later plan", "level", "kept", "added", "dropped"):
        t.add_column(c, justify="left" if c in ("level",) or "->" in c else "right", max_width=40)
    for d in diffs:
        for i, (level, ld) in enumerate(d.levels.items()):
            t.add_row(f"{d.old_label} -> {d.new_label}" if i == 0 else "", level, str(len(ld.kept)),
                      str(len(ld.added)), str(len(ld.dropped)), end_section=i == len(d.levels) - 1)
    return t


# One function per section of the terminal's comparison, in order; each takes the plans' metrics.
TERMINAL_SECTIONS = [terminal_size, terminal_completeness, terminal_pillars, terminal_leads, terminal_timeline,
                     terminal_rpa]


def to_terminal(metrics: list[PlanMetrics], diffs: list[GenerationDiff] = (),
                left_out: list[Logframe] = ()) -> list[RenderableType]:
    """What ``naplog compare`` prints: rich tables that fit 100 columns, plans as rows."""
    out = [terminal_plans(metrics, list(left_out)), *(section(metrics) for section in TERMINAL_SECTIONS)]
    generations = terminal_generations(list(diffs))
    return out + ([generations] if generations else [])


# ---- HTML ----------------------------------------------------------------------------------------

def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _bar(share: Share) -> str:
    if share.value is None:
        return '<span class="na">n/a</span>'
    pct = round(share.value * 100)
    return (f'<div class="bar" title="{_e(share)}"><div class="fill" style="width:{pct}%"></div>'
            f'<span>{pct}% <small>({share.n}/{share.total})</small></span></div>')


def _years_svg(m: PlanMetrics) -> str:
    if not m.years:
        return '<span class="na">no years</span>'
    top = max(m.years.values())
    bw, h = 34, 90
    width = bw * len(m.years) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h + 30}" role="img" '
             f'aria-label="{_e("activities per year, " + m.label)}">']
    for k, (year, n) in enumerate(m.years.items()):
        bh = round(h * n / top) if top else 0
        x = 5 + k * bw
        parts.append(f'<rect x="{x}" y="{h - bh + 12}" width="{bw - 8}" height="{bh}" fill="#4a7ab5">'
                     f'<title>{_e(year)}: {_e(plural(n, "activity"))}</title></rect>')
        parts.append(f'<text x="{x + (bw - 8) / 2}" y="{h - bh + 9}" font-size="10" text-anchor="middle">{_e(n)}</text>')
        parts.append(f'<text x="{x + (bw - 8) / 2}" y="{h + 26}" font-size="10" text-anchor="middle">{_e(year)}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;
text-align:left;font-size:.9rem}th{background:#f3f3f3}
.bar{position:relative;width:160px;height:1.2rem;background:#eee;border-radius:2px}
.bar .fill{position:absolute;left:0;top:0;bottom:0;background:#8fbf8f;border-radius:2px}
.bar span{position:relative;padding-left:.3rem;font-size:.8rem}.na{color:#999}.words{color:#666;font-size:.8rem}
.score{font-variant-numeric:tabular-nums}
"""


def html_size_and_completeness(metrics: list[PlanMetrics], heads: str) -> list[str]:
    h = ["<h2>Size and completeness</h2><table><tr><th>metric</th>" + heads + "</tr>"]
    for k in ("goals", "outputs", "activities", "indicators"):
        h.append(f"<tr><th>{_e(k.capitalize())}</th>" + "".join(f"<td>{_e(m.counts.get(k, 0))}</td>" for m in metrics)
                 + "</tr>")
    for metric, attr in SHARES:
        h.append(f"<tr><th>{_e(METRIC_LABELS[metric][0])}</th>"
                 + "".join(f"<td>{_bar(getattr(m, attr))}</td>" for m in metrics) + "</tr>")
    h.append("</table>")
    return h


def html_pillars(metrics: list[PlanMetrics], heads: str) -> list[str]:
    h = ["<h2>Pillars covered</h2><table><tr><th>pillar</th>" + heads + "</tr>"]
    for cat in ALL_PILLARS:
        if not any(cat.id in m.pillars for m in metrics):
            continue
        cells = []
        for m in metrics:
            p = m.pillars.get(cat.id)
            cells.append("<td>" + (f"{_e(p['records'])} <span class=\"words\">({_e(', '.join(p['words']))})</span>"
                                   if p else '<span class="na">-</span>') + "</td>")
        h.append(f"<tr><th>{_e(cat.name)}</th>{''.join(cells)}</tr>")
    h.append("</table>")
    return h


def html_leads(metrics: list[PlanMetrics], heads: str) -> list[str]:
    h = ["<h2>Top lead institutions</h2><table><tr><th>rank</th>" + heads + "</tr>"]
    for rank in range(max((len(m.top_leads) for m in metrics), default=0)):
        cells = []
        for m in metrics:
            if rank < len(m.top_leads):
                name, typ, n = m.top_leads[rank]
                cells.append(f"<td>{_e(name)} <span class=\"words\">({_e(typ or 'type unknown')}; "
                             f"leads {_e(plural(n, 'activity'))})</span></td>")
            else:
                cells.append("<td></td>")
        h.append(f"<tr><th>{rank + 1}</th>{''.join(cells)}</tr>")
    h.append("</table>")
    return h


def html_timeline(metrics: list[PlanMetrics], heads: str) -> list[str]:
    return ["<h2>Timeline coverage (activities per year)</h2><table><tr>" + heads + "</tr><tr>"
            + "".join(f"<td>{_years_svg(m)}</td>" for m in metrics) + "</tr></table>"]


def html_rpa(metrics: list[PlanMetrics], heads: str) -> list[str]:
    h = ["<h2>ASEAN RPA WPS strategic outcomes</h2><p>Goals, outputs and activities whose text matches "
         "each outcome's keywords (the matched words in grey).</p><table><tr><th>outcome</th>" + heads + "</tr>"]
    for cat in RPA_OUTCOMES:
        cells = []
        for m in metrics:
            o = m.rpa.get(cat.id, {"records": 0, "words": []})
            cells.append(f"<td>{_e(o['records'])} <span class=\"words\">{_e(', '.join(o['words']))}</span></td>"
                         if o["records"] else '<td><span class="na">not covered</span></td>')
        h.append(f'<tr><th title="{_e(cat.description)}">{_e(cat.name)}</th>{"".join(cells)}</tr>')
    h.append("</table>")
    return h


def html_generations(diffs: list[GenerationDiff]) -> list[str]:
    h: list[str] = []
    for d in diffs:
        h.append(f"<h2>{_e(d.old_label)} → {_e(d.new_label)}</h2>")
        for level, ld in d.levels.items():
            h.append(f"<h3>{_e(level)}: {len(ld.kept)} kept, {len(ld.added)} added, {len(ld.dropped)} dropped</h3>")
            if ld.kept:
                h.append("<table><tr><th>earlier plan</th><th>later plan</th><th>similarity</th></tr>")
                h.extend(f"<tr><td>{_e(a)}</td><td>{_e(b)}</td><td class=\"score\">{_e(s)}</td></tr>"
                         for a, b, s in ld.kept)
                h.append("</table>")
            for what, items in (("added", ld.added), ("dropped", ld.dropped)):
                if items:
                    h.append(f"<p><b>{_e(what)}</b></p><ul>" + "".join(f"<li>{_e(t)}</li>" for t in items) + "</ul>")
    return h


# One function per section of the HTML comparison, in order: (metrics, the plans' column heads) -> HTML.
HTML_SECTIONS = [html_size_and_completeness, html_pillars, html_leads, html_timeline, html_rpa]


def to_html(metrics: list[PlanMetrics], diffs: list[GenerationDiff] = (), title: str = "naplog: plans compared",
            left_out: list[Logframe] = (), progress: list[PlanProgress] = ()) -> str:
    h: list[str] = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', csp_meta([]), f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style></head><body>", f"<h1>{_e(title)}</h1>",
    ]
    if left_out:
        h.append('<p class="na">Left out, as progress reports are not plans: '
                 + "; ".join(f"{_e(Path(lf.document.source_path).name)} (document {_e(lf.document.id)}, "
                             f"{_e(lf.document.kind)})" for lf in left_out) + "</p>")
    heads = "".join(f"<th>{_e(m.label)}<br><small>document {_e(m.document_id)} · {_e(m.kind)}</small></th>"
                    for m in metrics)
    for section in HTML_SECTIONS:
        h.extend(section(metrics, heads))
    h.extend(html_generations(list(diffs)))
    h.append(progress_html(list(progress)))
    h.append("</body></html>")
    return "\n".join(h)


# ---- what reports say about a plan's indicators ----------------------------------------------------
# The store links each observation of a report to the plan indicator it measures (linking.py); here,
# per plan indicator, the values its reports give over the years, and the share of the plan's
# indicators with at least one reported value. A report is never compared as a plan.

@dataclass
class ReportedValue:
    period: str | None
    value: float | None
    unit: str | None
    label: str  # what the value is of: its row, sex, category ("Généraux, women")
    report: str
    page: int


@dataclass
class IndicatorProgress:
    text: str
    code: str | None
    values: list[ReportedValue] = field(default_factory=list)


@dataclass
class PlanProgress:
    document_id: int | None
    label: str
    reports: list[str]
    indicators: list[IndicatorProgress]

    @property
    def reported(self) -> Share:
        return Share(sum(1 for i in self.indicators if i.values), len(self.indicators))


def _value_label(ob: Observation) -> str:
    dis = ob.disaggregation
    matched = ob.matched_indicator.text if ob.matched_indicator else ""
    own = ob.indicator if fuzz.token_set_ratio(fold(ob.indicator), fold(matched)) < 90 else None
    parts = [own, dis.get("group"), dis.get("section"), dis.get("measure"), dis.get("sex")]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def report_label(lf: Logframe) -> str:
    d = lf.document
    bits = [d.report_kind or "report", d.country or Path(d.source_path).stem]
    if d.report_period:
        years = d.report_period
        bits.append(str(years.start) if years.start == years.end else f"{years.start}-{years.end}")
    return " ".join(bits)


def plan_progress(plan: Logframe, reports: list[Logframe]) -> PlanProgress:
    """The plan's indicators, each with the values its reports give (observations the store linked
    to it: same plan document, same indicator text and code)."""
    indicators: dict[tuple[str, str | None], IndicatorProgress] = {}
    for ind in plan.indicators():
        indicators.setdefault((ind.text, ind.code), IndicatorProgress(ind.text, ind.code))
    used: list[str] = []
    for report in reports:
        label = report_label(report)
        for ob in report.observations:
            m = ob.matched_indicator
            if m is None or m.document_sha256 != plan.document.sha256 or (m.text, m.code) not in indicators:
                continue
            indicators[(m.text, m.code)].values.append(ReportedValue(
                ob.period, ob.value, ob.unit, _value_label(ob), label, ob.page))
            if label not in used:
                used.append(label)
    for ip in indicators.values():
        ip.values.sort(key=lambda v: (v.period or "", v.label))
    return PlanProgress(plan.document.id, plan_label(plan), used, list(indicators.values()))


def _shown(v: ReportedValue) -> str:
    number = "n/a" if v.value is None else f"{v.value:g}"
    return f"{v.period or 'no period'}: {number}{'%' if v.unit == 'percentage' else ''}" + \
        (f" ({v.label})" if v.label else "")


def progress_rows(pp: PlanProgress) -> list[tuple[str, object, str]]:
    """(metric, value, detail) rows: the share of indicators with a reported value, then one row per
    indicator with values (its values over the years)."""
    share = pp.reported
    rows: list[tuple[str, object, str]] = [
        ("share_indicators_with_reported_values", share.value, f"{share.n}/{share.total}; reports: "
         + ("; ".join(pp.reports) or "none linked"))]
    for ip in pp.indicators:
        if ip.values:
            rows.append((f"reported: {ip.code or ip.text[:60]}", "; ".join(_shown(v) for v in ip.values),
                         ip.text))
    return rows


def progress_csv(progress: list[PlanProgress]) -> list[list[object]]:
    return [[pp.document_id, pp.label, metric, "" if value is None else value, detail]
            for pp in progress for metric, value, detail in progress_rows(pp)]


def _series(values: list[ReportedValue]) -> dict[str, list[tuple[int, float]]]:
    """Values with a year, one series per label, of the unit most of them have."""
    dated = [v for v in values if v.value is not None and v.period and v.period[:4].isdigit()]
    units = Counter(v.unit for v in dated)
    if not units:
        return {}
    unit = units.most_common(1)[0][0]
    series: dict[str, list[tuple[int, float]]] = {}
    for v in dated:
        if v.unit == unit:
            series.setdefault(v.label or "value", []).append((int(v.period[:4]), v.value))  # type: ignore[arg-type]
    return dict(list(series.items())[:4])


SERIES_COLOURS = ("#4a7ab5", "#d9822b", "#5a9e5a", "#9b59b6")


def progress_svg(ip: IndicatorProgress) -> str:
    """A small chart of an indicator's reported values over the years (a point per value, a line
    per series: a sex, a category)."""
    series = _series(ip.values)
    if not series:
        return '<span class="na">no dated value</span>'
    years = sorted({y for pts in series.values() for y, _ in pts})
    top = max(v for pts in series.values() for _, v in pts) or 1.0
    w, h, pad = 190, 60, 14
    def x(year: int) -> float:
        return pad + (w - 2 * pad) * ((years.index(year) + 0.5) / len(years))
    def y(value: float) -> float:
        return 6 + (h - 12) * (1 - value / top)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h + 14}" role="img" '
             f'aria-label="{_e("reported values over the years: " + ip.text)}">']
    for k, (label, pts) in enumerate(series.items()):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        pts = sorted(pts)
        if len(pts) > 1:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="'
                         + " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in pts) + '"/>')
        parts.extend(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="3" fill="{colour}"><title>{_e(label)}, '
                     f'{_e(a)}: {_e(f"{b:g}")}</title></circle>' for a, b in pts)
    parts.extend(f'<text x="{x(yr):.1f}" y="{h + 11}" font-size="9" text-anchor="middle">{_e(yr)}</text>'
                 for yr in years)
    parts.append("</svg>")
    if len(series) > 1 or next(iter(series)) != "value":
        parts.append('<div class="words">' + " ".join(
            f'<span style="color:{SERIES_COLOURS[k % len(SERIES_COLOURS)]}">&#9679;</span> {_e(label)}'
            for k, label in enumerate(series)) + "</div>")
    return "".join(parts)


def progress_html(progress: list[PlanProgress]) -> str:
    """The HTML section: per plan, the share of its indicators with a reported value, and each
    indicator with values: the values by year and their chart."""
    if not progress:
        return ""
    h = ["<h2>Reported progress on the plans' indicators</h2><p>Values the stored progress reports give for "
         "each plan indicator (observations linked to it), over the years.</p>"]
    for pp in progress:
        h.append(f"<h3>{_e(pp.label)}: {_bar(pp.reported)}</h3><p class=\"words\">indicators with at least one "
                 f"reported value; reports: {_e('; '.join(pp.reports) or 'none linked')}</p>")
        rows = [ip for ip in pp.indicators if ip.values]
        if not rows:
            continue
        h.append("<table><tr><th>plan indicator</th><th>reported values</th><th>over the years</th></tr>")
        for ip in rows:
            values = "<br>".join(f"{_e(_shown(v))} <span class=\"words\">{_e(v.report)} p{_e(v.page)}</span>"
                                 for v in ip.values)
            h.append(f"<tr><td>{_e((ip.code + ' ') if ip.code else '')}{_e(ip.text)}</td><td>{values}</td>"
                     f"<td>{progress_svg(ip)}</td></tr>")
        h.append("</table>")
    return "\n".join(h)
