"""Link a progress report to its plan, and each observation to the plan indicator it measures.

A report belongs to the plan of the same country and period; a report that names no period
("rapport pays 2022" on the second-generation plan) goes to the country's plan of the same
generation, or to the country's only plan. Observations are matched to that plan's indicators by
fuzzy comparison of the texts (rapidfuzz on text folded to lower case without accents; the best
of plain, token-sort and, for long texts, token-set ratios). A match scoring below ``THRESHOLD``
is not kept: the observation stays in the store, unlinked.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.vocabulary import fold

THRESHOLD = 0.8
_NOISE = re.compile(r"[^\w%# ]+")


def _norm(text: str) -> str:
    return " ".join(_NOISE.sub(" ", fold(text)).split())


def similarity(na: str, nb: str) -> float:
    """0-1 similarity of an observation's indicator and a plan indicator, both normalised (``_norm``)."""
    if not na or not nb:
        return 0.0
    score = max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb))
    if min(len(na.split()), len(nb.split())) >= 5:
        # "Number of women mediators registered" vs. "..., disaggregated by department".
        score = max(score, 0.95 * fuzz.token_set_ratio(na, nb))
    return round(score / 100, 3)


def best_match(norm: str, candidates: list[tuple[int, str]]) -> tuple[int | None, float]:
    """(id, score) of the best candidate at or above THRESHOLD, else (None, best score); the text
    and the candidates' texts normalised (``_norm``)."""
    best_id, best = None, 0.0
    for cid, ctext in candidates:
        s = similarity(norm, ctext)
        if s > best:
            best_id, best = cid, s
    return (best_id, best) if best >= THRESHOLD else (None, best)


def relink(s: Session, plan_id: int | None) -> int:
    """Match the observations of every report of a plan to the plan's indicators (again); returns
    the number of linked observations."""
    from pipeline.db_schema import DocumentRow, IndicatorRow, ObservationRow

    if plan_id is None:
        return 0
    docs = list(s.scalars(select(DocumentRow).where(DocumentRow.plan_id == plan_id)))
    plan_docs = [d.id for d in docs if d.kind == "nap"]
    reports = [d.id for d in docs if d.kind == "report"]
    if not reports:
        return 0
    # Normalised once: every observation is compared with every indicator.
    candidates = [(i.id, _norm(i.text)) for i in s.scalars(
        select(IndicatorRow).where(IndicatorRow.document_id.in_(plan_docs)).order_by(IndicatorRow.id))] \
        if plan_docs else []
    linked = 0
    for obs in s.scalars(select(ObservationRow).where(ObservationRow.document_id.in_(reports))):
        iid, score = best_match(_norm(obs.indicator), candidates)
        obs.matched_indicator_id = iid
        obs.match_score = score if iid is not None else None
        linked += iid is not None
    return linked
