"""Comparison metrics, generation diff, scorecard, HTML/CSV outputs, WPS taxonomy and saved queries."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from sqlalchemy import text
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.outputs.compare import (
    diff_generations,
    generation_pairs,
    metric_rows,
    plan_metrics,
    split_plans,
    to_csv,
    to_html,
    to_terminal,
)
from pipeline.records import Logframe, is_plan
from pipeline.store.database import Store
from pipeline.store.schema import CorrectionRow
from pipeline.text.fold import keyword_fold as fold
from pipeline.text.wps_taxonomy import RPA_OUTCOMES, best_pillar, matches
from tests.conftest import ROOT, SAMPLES

QUERIES = ROOT / "docs" / "queries"


def inst(name: str, role: str = "lead", type_: str | None = "government") -> dict:
    return {"name": name, "canonical_name": name, "type": type_, "role": role}


def constructed(country: str = "Tamora", generation: int = 2, sha: str = "a" * 64, path: str = "/nowhere/plan.pdf",
                activity_text: str = "Hold regional dialogues") -> Logframe:
    """A small plan whose metrics are worked out by hand in the tests below."""
    return Logframe.model_validate({
        "document": {"source_path": path, "sha256": sha, "kind": "nap", "country": country, "language": "en",
                     "plan_period": {"start": 2024, "end": 2026}, "generation": generation, "pages": 5,
                     "extractor_version": "1.0"},
        "goals": [
            {"code": "1", "text": "Women take part in peace processes", "pillar": "Pillar 1: Participation", "page": 2,
             "institutions": [inst("Ministry of Women's Affairs")],
             "outputs": [
                 {"code": "1.1", "text": "Women mediators trained", "page": 2,
                  "indicators": [{"text": "Number of women trained", "unit": "number", "baseline": "5", "page": 2}],
                  "activities": [
                      {"code": "1.1.1", "text": activity_text, "page": 2, "years": [2024, 2025]},
                      {"code": "1.1.2", "text": "Fund mediation networks", "page": 3, "timeline": "2025",
                       "institutions": [inst("National Police", type_="security")],
                       "indicators": [{"text": "Ratio of funded networks", "unit": "ratio", "page": 3}],
                       "budget": {"amount": 1000.0, "currency": "USD", "as_written": "USD 1,000"}},
                  ]},
                 {"code": "1.2", "text": "Laws reviewed", "page": 3,
                  "activities": [{"code": "1.2.1", "text": "Review electoral laws", "page": 3}]},
             ]},
            {"code": "2", "text": "Protect survivors of sexual violence", "page": 4,
             "outputs": [
                 {"code": "2.1", "text": "Better services for survivors", "page": 4,
                  "indicators": [{"text": "% of cases referred", "unit": "percentage", "target": "50%", "page": 4}],
                  "activities": [
                      {"code": "2.1.1", "text": "Train police on survivor-centred handling of gender-based "
                                                "violence cases", "page": 4,
                       "institutions": [inst("CSOs", role="partner", type_="cso")]},
                      {"code": "2.1.2", "text": "Open shelters", "page": 4, "years": [2026],
                       "institutions": [inst("National Police", type_="security")],
                       "indicators": [{"text": "Qualitative review of shelters", "unit": "text", "page": 4}]},
                  ]},
             ]},
        ],
    })


# ---- metrics -------------------------------------------------------------------------------------

def test_metrics_of_a_constructed_plan():
    m = plan_metrics(constructed())
    assert m.counts["goals"] == 2 and m.counts["outputs"] == 3
    assert m.counts["activities"] == 5 and m.counts["indicators"] == 4
    # leads: 1.1.1 and 1.2.1 inherit the goal's ministry, 1.1.2 and 2.1.2 name the police, 2.1.1 only a partner
    assert (m.activities_with_lead.n, m.activities_with_lead.total, m.activities_with_lead.value) == (4, 5, 0.8)
    assert (m.activities_with_timeline.n, m.activities_with_budget.n) == (3, 1)
    assert (m.outputs_with_indicator.n, m.outputs_with_indicator.total) == (2, 3)
    assert m.indicators_quantitative.value == 0.5
    assert (m.indicators_with_baseline.n, m.indicators_with_target.n,
            m.indicators_with_baseline_or_target.n) == (1, 1, 2)
    assert m.top_leads == [("Ministry of Women's Affairs", "government", 2), ("National Police", "security", 2)]
    assert m.years == {2024: 1, 2025: 1, 2026: 1}
    assert list(m.pillars) == ["participation", "protection"]
    assert m.pillars["participation"]["words"] == ["participation"]
    assert m.rpa["rpa4"]["records"] == 2
    assert m.rpa["rpa4"]["words"] == ["sexual violence", "gender-based violence"]
    assert m.rpa["rpa6"]["records"] == 0
    rows = {r[0]: r for r in metric_rows(m)}
    assert rows["share_activities_with_lead"][1:] == (0.8, "4/5")
    assert rows["top_lead_institution_2"][1] == "National Police"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("compare") / "naplog.db"))
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        ingest_file(store, pdf)
    return store


def _by_file(store: Store, name: str) -> Logframe:
    return next(lf for lf in store.logframes() if Path(lf.document.source_path).name == name)


def test_metrics_of_samples_match_hand_counts(sample_store):
    # Counted by hand from samples/en_docx_merged_outcomes.expected.json.
    m = plan_metrics(_by_file(sample_store, "en_docx_merged_outcomes.pdf"))
    assert [m.counts[k] for k in ("goals", "outputs", "activities", "indicators")] == [4, 6, 10, 10]
    assert (m.activities_with_lead.n, m.activities_with_timeline.n, m.activities_with_budget.n) == (10, 10, 0)
    assert (m.outputs_with_indicator.n, m.outputs_with_indicator.total) == (6, 6)
    assert (m.indicators_quantitative.n, m.indicators_with_baseline.n, m.indicators_with_target.n) == (9, 10, 10)
    assert m.years == {2025: 4, 2026: 6, 2027: 6, 2028: 3, 2029: 2}
    assert list(m.pillars) == ["participation", "prevention", "protection", "relief_recovery"]
    # samples/es_unruled_landscape.expected.json: budgets on every activity, no units, baselines or targets.
    es = plan_metrics(_by_file(sample_store, "es_unruled_landscape.pdf"))
    assert [es.counts[k] for k in ("goals", "outputs", "activities", "indicators")] == [3, 6, 11, 13]
    assert (es.activities_with_budget.n, es.activities_with_budget.total) == (11, 11)
    assert es.indicators_with_baseline_or_target.value == 0.0
    assert es.years == {2025: 6, 2026: 9, 2027: 8, 2028: 5, 2029: 3}
    assert list(es.pillars) == ["participation", "prevention", "protection"]


def test_generation_diff_matches_with_scores():
    old = constructed(generation=1, sha="1" * 64, path="/p/nap1.pdf")
    new = constructed(generation=2, sha="2" * 64, path="/p/nap2.pdf")
    new.goals[0].text = "Women take part in peace processes and mediation"
    new.goals[1].text = "Address climate security risks for women"
    new.goals[0].outputs[1].text = "Electoral laws reviewed and amended"
    d = diff_generations(old, new)
    goals = d.levels["goals"]
    assert [(a, b) for a, b, _ in goals.kept] == [("Women take part in peace processes",
                                                    "Women take part in peace processes and mediation")]
    score = goals.kept[0][2]
    assert score == round(fuzz.token_sort_ratio(fold("Women take part in peace processes"),
                                                 fold("Women take part in peace processes and mediation")), 1)
    assert 70 <= score < 100
    assert goals.dropped == ["Protect survivors of sexual violence"]
    assert goals.added == ["Address climate security risks for women"]
    outputs = d.levels["outputs"]
    assert outputs.dropped == ["Laws reviewed"] and outputs.added == ["Electoral laws reviewed and amended"]
    assert len(outputs.kept) == 2 and all(s == 100 for *_, s in outputs.kept)
    assert len(d.levels["indicators"].kept) == 4
    other = constructed(country="Kelora", sha="3" * 64, path="/p/k.pdf")
    assert [(a.document.generation, b.document.generation) for a, b in generation_pairs([new, other, old])] == [(1, 2)]


# ---- outputs -------------------------------------------------------------------------------------

def test_csv_has_one_row_per_plan_per_metric():
    a, b = plan_metrics(constructed()), plan_metrics(constructed(country="Kelora", sha="3" * 64))
    rows = list(csv.DictReader(io.StringIO(to_csv([a, b]))))
    assert len(rows) == len(metric_rows(a)) + len(metric_rows(b))
    per_plan = Counter((r["plan"], r["metric"]) for r in rows)
    assert max(per_plan.values()) == 1
    lead = next(r for r in rows if r["plan"].startswith("Kelora") and r["metric"] == "share_activities_with_lead")
    assert (lead["value"], lead["detail"]) == ("0.8", "4/5")


def test_html_is_self_contained_and_escaped():
    evil = constructed(country='<script>alert("x")</script>', activity_text="Train <b>staff</b> & partners")
    old = constructed(country='<script>alert("x")</script>', generation=1, sha="9" * 64,
                      activity_text="<img src=x onerror=alert(1)>")
    html = to_html([plan_metrics(old), plan_metrics(evil)], [diff_generations(old, evil)])
    assert "<script" not in html and "<img" not in html and "<b>staff" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Train &lt;b&gt;staff&lt;/b&gt; &amp; partners" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert re.search(r"<[a-z]+[^>]*\s(src|href)=", html) is None  # nothing loaded from elsewhere
    assert "<link" not in html and "https://" not in html
    assert "<svg" in html and 'class="bar"' in html


def test_cli_compare_writes_html_and_csv(sample_store, tmp_path):
    db = sample_store.url
    html, csv_path = tmp_path / "c.html", tmp_path / "c.csv"
    res = CliRunner().invoke(app, ["compare", "--db", db, "--html", str(html), "--csv", str(csv_path)],
                             env={"COLUMNS": "400"})
    assert res.exit_code == 0, res.output
    assert "Completeness" in res.stdout and "share_activities_with_lead" not in res.stdout
    plans = {r["document_id"] for r in csv.DictReader(csv_path.open(encoding="utf-8"))} - {""}
    stored_plans = {str(d.id) for d in sample_store.documents() if is_plan(d.kind)}
    assert plans == stored_plans and len(plans) == 15  # the samples but the three reports
    page = html.read_text(encoding="utf-8")
    assert "ASEAN RPA WPS strategic outcomes" in page and "Activities with a lead institution" in page
    assert "Left out, as progress reports are not plans: " in page and "es_informe_progreso.pdf" in page


def _terminal(parts, width: int = 100) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    for part in parts:
        console.print(part)
    return console.export_text()


def test_terminal_fits_100_columns_in_words(sample_store):
    lfs, reports = split_plans(sample_store.logframes())
    assert len(lfs) == 15 and len(reports) == 3
    text = _terminal(to_terminal([plan_metrics(lf) for lf in lfs], [], reports))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    # metrics in words, no identifier and nothing cut short
    assert not re.search(r"share_|_records|top_lead|pillar_|activities_in_", text)
    assert "…" not in text
    assert "activities with a lead institution" in text and "Quantitative" not in text.split("Completeness")[0]
    # every plan's kind, as stored; the reports named and left out
    plans_table = text.split("Size")[0]
    assert sum(plans_table.count(f" {kind} ") for kind in ("nap", "adaptation_plan")) == 15
    assert plans_table.count("report: left out,") == 3  # "not a plan" may wrap to the next line


def test_plurals_in_words():
    lf = constructed()
    lf.goals[1].outputs[0].activities[1].institutions = [inst("Ombudsman")]  # leads one activity
    m = plan_metrics(lf)
    assert ("Ombudsman", "government", 1) in m.top_leads
    text = _terminal(to_terminal([m]))
    assert "1 activity " in text and "1 activities" not in text and "2 activities" in text
    assert "leads 1 activity)" in to_html([m]) and "1 activities" not in to_html([m])
    assert "type government; leads 1 activity" in {d for _, _, d in metric_rows(m)}


def test_cli_compare_leaves_a_named_report_out(sample_store, tmp_path):
    report = _by_file(sample_store, "es_informe_progreso.pdf").document.id
    plan = _by_file(sample_store, "es_unruled_landscape.pdf").document.id
    out = tmp_path / "c.csv"
    res = CliRunner().invoke(app, ["compare", str(plan), str(report), "--db", sample_store.url, "--csv", str(out)],
                             env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    assert f"left out es_informe_progreso.pdf (document {report}): a progress report (report), not a plan" \
        in res.stderr
    assert {r["document_id"] for r in csv.DictReader(out.open(encoding="utf-8"))} == {str(plan)}
    # Named alone, a report brings the plan its observations are linked to; linked to none, nothing.
    only = CliRunner().invoke(app, ["compare", str(report), "--db", sample_store.url], env={"COLUMNS": "100"})
    assert only.exit_code == 0, only.output
    assert "left out es_informe_progreso.pdf" in only.stderr and "reported progress" in only.stdout
    assert f"{plan}" in only.stdout.split("Size")[0]
    unlinked = _by_file(sample_store, "en_no_logframe.pdf").document.id
    none = CliRunner().invoke(app, ["compare", str(unlinked), "--db", sample_store.url])
    assert none.exit_code == 2 and "no plans to compare" in none.output


# ---- taxonomy ------------------------------------------------------------------------------------

@pytest.mark.parametrize("banner,pillar", [
    ("Pillar 1: Participation", "participation"), ("Eje 2: Prevención", "prevention"),
    ("PILIER 3 : PROTECTION", "protection"), ("Eixo 1: Participação", "participation"),
    ("Pillar 4: Relief and Recovery", "relief_recovery"), ("Axe 5 : Consolidation de la paix", "relief_recovery"),
    ("Climate security and disasters", "climate_security"), ("Lutte contre l'extrémisme violent", "violent_extremism"),
])
def test_pillar_keywords(banner, pillar):
    hit = best_pillar(banner)
    assert hit is not None and hit[0].id == pillar and hit[1]


def test_rpa_outcomes_have_keywords_in_four_languages():
    assert [c.id for c in RPA_OUTCOMES] == ["rpa1", "rpa2", "rpa3", "rpa4", "rpa5", "rpa6"]
    rpa4 = RPA_OUTCOMES[3]
    for t in ("sexual violence", "violences basées sur le genre", "violencia de género", "violência sexual"):
        assert matches(rpa4, f"Prevenir la {t} ahora"), t


def test_keyword_matches_are_those_of_one_search_per_keyword():
    """``matches`` and ``categories_in`` skip a keyword none of whose text's runs of letters can start
    it; what they find, and in which order, is what a search per keyword finds: on texts made of
    every keyword, cut, with suffixes and neighbours, in every category."""
    import random

    from pipeline.text.wps_taxonomy import ALL_PILLARS, _pattern, categories_in

    def per_keyword(category, text: str) -> list[str]:
        folded, found = fold(text), []
        for kw in category.keywords:
            for m in _pattern(kw).finditer(folded):
                if m.group(0) not in found:
                    found.append(m.group(0))
        return found

    categories = ALL_PILLARS + RPA_OUTCOMES
    keywords = [kw.rstrip("*") for c in categories for kw in c.keywords]
    pieces = [kw[:cut] + tail for kw in keywords for cut in (len(kw), len(kw) - 1, 3)
              for tail in ("", "s", "-x", "ing", "é")]
    pieces += ["the", "de la", "and", "plan", "women", "-", "(", "1", "_"]
    rng = random.Random(11)
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(800)]
    texts += [rng.choice(pieces) + rng.choice(["", "x", "-"]) + rng.choice(pieces) for _ in range(800)]
    hits = 0
    for sample in texts:
        expected = [(c, per_keyword(c, sample)) for c in categories]
        for c, words in expected:
            assert matches(c, sample) == words, (c.id, sample)
            hits += bool(words)
        assert categories_in(sample, categories) == sorted([(c, w) for c, w in expected if w],
                                                           key=lambda cw: -len(cw[1]))
    assert hits > 1500


# ---- saved queries -------------------------------------------------------------------------------

def _query(store: Store, name: str) -> list[dict]:
    sql = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


@pytest.fixture(scope="module")
def query_store(sample_store) -> Store:
    doc = sample_store.load(constructed(path="/nowhere/constructed.pdf")).document_id
    import datetime as dt

    with sample_store.session() as s:
        s.add(CorrectionRow(document_id=doc, record_key=f"{doc}:g9", level="goals", field="text", old="a", new="b",
                            author="ana", created_at=dt.datetime.now(dt.timezone.utc), status="orphaned",
                            message="no goal with key"))
    return sample_store


def test_saved_queries_return_correct_rows(query_store):
    lfs = query_store.logframes()
    constructed_id = next(lf.document.id for lf in lfs if lf.document.source_path == "/nowhere/constructed.pdf")

    rows = _query(query_store, "activities_without_lead")
    unled = [(lf.document.id, a.code) for lf in sorted(lfs, key=lambda lf: lf.document.id) for g in lf.goals
             if not any(i.role == "lead" for i in g.institutions) for o in g.outputs
             if not any(i.role == "lead" for i in o.institutions) for a in o.activities
             if not any(i.role == "lead" for i in a.institutions)]
    assert [(r["document_id"], r["activity_code"]) for r in rows] == unled
    assert (constructed_id, "2.1.1") in unled  # the constructed plan's one activity without a lead

    rows = _query(query_store, "indicators_per_plan_and_pillar")
    per_doc = Counter()
    for r in rows:
        per_doc[r["document_id"]] += r["indicators"]
    assert per_doc == Counter({lf.document.id: len(lf.indicators()) for lf in lfs if lf.indicators()})
    kelora = _by_file(query_store, "en_docx_merged_outcomes.pdf").document.id
    assert {r["pillar"]: r["indicators"] for r in rows if r["document_id"] == kelora} == {
        "Pillar 1: Participation": 3, "Pillar 2: Prevention": 2, "Pillar 3: Protection": 3,
        "Pillar 4: Relief and Recovery": 2}

    rows = _query(query_store, "top_lead_institutions")
    led = Counter()
    for lf in lfs:
        for a in lf.activities():
            for name in {i.canonical_name or i.name for i in a.institutions if i.role == "lead"}:
                led[name] += 1
    assert len(rows) == min(25, len(led))
    assert all(led[r["institution"]] == r["activities_led"] for r in rows)
    assert [r["activities_led"] for r in rows] == sorted((r["activities_led"] for r in rows), reverse=True)
    # "CSOs", "OSC" and "civil society organisations" are one canonical institution across the samples.
    assert rows[0]["activities_led"] == max(led.values()) == led["Civil society organisations"]

    rows = _query(query_store, "activities_per_year")
    assert {(r["year"], r["activities"]) for r in rows if r["document_id"] == kelora} == {
        (2025, 4), (2026, 6), (2027, 6), (2028, 3), (2029, 2)}

    rows = _query(query_store, "open_corrections")
    assert [(r["document_id"], r["status"], r["author"]) for r in rows] == [(constructed_id, "orphaned", "ana")]


def test_datasette_metadata_holds_the_saved_queries():
    meta = json.loads((QUERIES / "metadata.json").read_text(encoding="utf-8"))
    canned = meta["databases"]["naplog"]["queries"]
    files = {p.stem: p.read_text(encoding="utf-8") for p in QUERIES.glob("*.sql")}
    assert len(files) >= 3
    assert {k: v["sql"] for k, v in canned.items()} == files
