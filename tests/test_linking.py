"""Observations matched to plan indicators: the batch matcher gives what comparing each pair gives,
and linking a report as it is loaded leaves the store as relinking everything would."""

from __future__ import annotations

import json
import random

import pytest
from rapidfuzz import fuzz
from sqlalchemy import select

from pipeline.settings import output_settings
from pipeline.store.database import Store
from pipeline.store.linking import _norm, best_matches, relink
from pipeline.store.schema import DocumentRow, ObservationRow
from tests.conftest import SAMPLES


def _pair_score(a: str, b: str) -> float:
    """The score as the module defines it, one pair at a time."""
    if not a or not b:
        return 0.0
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    if min(len(a.split()), len(b.split())) >= 5:
        score = max(score, 0.95 * fuzz.token_set_ratio(a, b))
    return round(score / 100, 3)


def _one_by_one(text: str, candidates: list[tuple[int, str]]) -> tuple[int | None, float]:
    best_id, best = None, 0.0
    for cid, ctext in candidates:
        s = _pair_score(text, ctext)
        if s > best:
            best_id, best = cid, s
    return (best_id, best) if best >= output_settings().link_threshold else (None, best)


def _sample_texts() -> tuple[list[str], list[str]]:
    indicators, observations = [], []
    for path in sorted(SAMPLES.glob("*.expected.json")):
        data = json.loads(path.read_text())
        for goal in data.get("goals", []):
            indicators += [i["text"] for i in goal.get("indicators", [])]
            for out in goal.get("outputs", []):
                indicators += [i["text"] for i in out.get("indicators", [])]
                for act in out.get("activities", []):
                    indicators += [i["text"] for i in act.get("indicators", [])]
        observations += [o["indicator"] for o in data.get("observations", [])]
    return [_norm(t) for t in indicators], [_norm(t) for t in observations]


def test_batch_matching_is_pairwise_matching():
    indicators, observations = _sample_texts()
    assert len(indicators) >= 100 and len(observations) >= 10
    rng = random.Random(7)
    candidates = list(enumerate(indicators))
    # Repeated texts (a plan stored twice), an empty text, texts one word apart.
    candidates += [(1000 + k, t) for k, (_, t) in enumerate(rng.sample(candidates, 40))] + [(5000, "")]
    queries = observations + [t for _, t in rng.sample(candidates, 150)] + ["", "x"]
    queries += [" ".join(t.split()[:-1]) for t in rng.sample(indicators, 60)]
    assert best_matches(queries, candidates) == [_one_by_one(q, candidates) for q in queries]
    for _ in range(300):  # small sets: which of equal scores wins
        sub = rng.sample(candidates, rng.randint(1, 6))
        q = rng.choice(queries)
        assert best_matches([q], sub) == [_one_by_one(q, sub)]
    assert best_matches(["a b"], []) == [(None, 0.0)]


def test_blocks_give_the_same_matches(monkeypatch):
    indicators, observations = _sample_texts()
    candidates = list(enumerate(indicators))
    whole = best_matches(observations, candidates)
    monkeypatch.setattr("pipeline.store.linking._BLOCK_SCORES", 1)  # one observation at a time
    assert best_matches(observations, candidates) == whole


def _links(store: Store) -> list[tuple[int, int | None, float | None]]:
    with store.session(readonly=True) as s:
        return [(o.id, o.matched_indicator_id, o.match_score)
                for o in s.scalars(select(ObservationRow).order_by(ObservationRow.id))]


@pytest.mark.parametrize("order", ["plan-first", "reports-first"])
def test_links_made_as_documents_arrive_are_those_of_a_full_relink(tmp_path, order):
    """Loading a report links only its own observations; loading a plan links all its reports'.
    The store must end as if every report of every plan had been relinked at the end."""
    from pipeline.extract import extract_file

    plan = extract_file(SAMPLES / "es_unruled_landscape.pdf")
    report = extract_file(SAMPLES / "es_informe_progreso.pdf")
    docs = []
    for k in range(3):  # the plan and the report stored three times each, as new files
        for lf in (plan, report):
            copy = lf.model_copy(deep=True)
            copy.document.sha256 = f"{k}" + lf.document.sha256[1:]
            copy.document.source_path += f".copy{k}"
            docs.append(copy)
    if order == "reports-first":
        docs.sort(key=lambda lf: lf.document.kind != "report")
    store = Store(str(tmp_path / "s.db"))
    for lf in docs:
        store.load(lf)
    as_loaded = _links(store)
    assert sum(iid is not None for _, iid, _ in as_loaded) == 3 * 9
    with store.session() as s:
        for plan_id in {d.plan_id for d in s.scalars(select(DocumentRow))}:
            relink(s, plan_id)
    assert _links(store) == as_loaded
