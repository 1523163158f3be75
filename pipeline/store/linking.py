"""Link a progress report to its plan, and each observation to the plan indicator it measures.

A report belongs to the plan of the same country and period; a report that names no period
("rapport pays 2022" on the second-generation plan) goes to the country's plan of the same
generation, or to the country's only plan. Observations are matched to that plan's indicators by
fuzzy comparison of the texts (rapidfuzz on text folded to lower case without accents; the best
of plain, token-sort and, for long texts, token-set ratios). An observation from a table is
compared by its indicator (the row label) and by its table's caption (without its "Tableau n°3"
label): a table of figures by province or by rank often measures, as a whole, the plan indicator its
caption names. A match scoring below ``OutputSettings.link_threshold`` is not kept: the observation
stays in the store, unlinked.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.records import is_plan
from pipeline.settings import output_settings
from pipeline.store.schema import DocumentRow, IndicatorRow, ObservationRow
from pipeline.text.fold import fold

_NOISE = re.compile(r"[^\w%# ]+")
_CAPTION_LABEL = re.compile(r"^\s*(?:\d+[.)]?\s*|[a-z][.)]\s*)?(?:tableau|table|cuadro|tabla|quadro|tabela)\b\s*"
                            r"(?:n\s*[°o]\.?|no\.?|nº)?\s*[.:]?\s*\d*\s*[.:\-–]?\s*", re.IGNORECASE)
# Texts of at least this many words are also compared as sets of words.
SET_WORDS = 5
# Scores computed at once, at most (a block of observations against all the indicators): 8 bytes
# each, three scorers, so about 50 MB whatever the size of the plan.
_BLOCK_SCORES = 2_000_000


def _norm(text: str) -> str:
    return " ".join(_NOISE.sub(" ", fold(text)).split())


def _scores(queries: list[str], choices: list[str]) -> np.ndarray:
    """Raw 0-100 scores of each query against each choice: the best of ``fuzz.ratio`` and
    ``fuzz.token_sort_ratio`` and, when both texts have ``SET_WORDS`` words or more, 0.95 times
    ``fuzz.token_set_ratio`` ("Number of women mediators registered" vs. "..., disaggregated by
    department"); 0 when either text is empty. Computed by rapidfuzz in C++, in doubles, so each
    is the number the pairwise functions give."""
    ratio = process.cdist(queries, choices, scorer=fuzz.ratio, dtype=np.float64)
    score = np.maximum(ratio, process.cdist(queries, choices, scorer=fuzz.token_sort_ratio, dtype=np.float64))
    long_q = np.array([len(q.split()) >= SET_WORDS for q in queries])
    long_c = np.array([len(c.split()) >= SET_WORDS for c in choices])
    if long_q.any() and long_c.any():
        both = long_q[:, None] & long_c[None, :]
        token_set = process.cdist(queries, choices, scorer=fuzz.token_set_ratio, dtype=np.float64)
        score = np.where(both, np.maximum(score, 0.95 * token_set), score)
    empty_q = np.array([not q for q in queries])
    empty_c = np.array([not c for c in choices])
    score[empty_q, :] = 0.0
    score[:, empty_c] = 0.0
    return score


def _pick(row: np.ndarray, ids: list[int]) -> tuple[int | None, float]:
    """The first candidate with the best score rounded to 0-1 in three decimals (so candidates
    that differ below the rounding keep the order of the plan), if it reaches ``OutputSettings.link_threshold``."""
    top = float(row.max())
    best = round(top / 100, 3)
    if best <= 0.0:
        return None, 0.0
    # Rounding is monotonic: only scores within one rounding step of the maximum can tie with it.
    for j in np.flatnonzero(row >= top - 0.1).tolist():
        if round(float(row[j]) / 100, 3) == best:
            return (ids[j], best) if best >= output_settings().link_threshold else (None, best)
    raise AssertionError("the maximum is among the candidates")


def best_matches(texts: list[str], candidates: list[tuple[int, str]]) -> list[tuple[int | None, float]]:
    """For each text, (id, score) of the best candidate at or above ``OutputSettings.link_threshold``, else (None, best
    score); texts and candidates' texts normalised (``_norm``). Every text is compared with every
    candidate, in blocks of texts so that memory stays bounded."""
    if not candidates:
        return [(None, 0.0)] * len(texts)
    # Each distinct text is scored once: a plan stored twice (a revision, a translation kept in
    # the original's words) repeats its indicators, and reports repeat theirs year after year.
    # A repeated candidate can never win over its first occurrence, which comes first in order.
    first_id: dict[str, int] = {}
    for cid, text in candidates:
        first_id.setdefault(text, cid)
    ids, choices = list(first_id.values()), list(first_id)
    queries = list(dict.fromkeys(texts))
    block = max(1, _BLOCK_SCORES // len(choices))
    found: dict[str, tuple[int | None, float]] = {}
    for start in range(0, len(queries), block):
        part = queries[start:start + block]
        found.update(zip(part, (_pick(row, ids) for row in _scores(part, choices))))
    return [found[t] for t in texts]


def relink(s: Session, plan_id: int | None, report_id: int | None = None) -> int:
    """Match observations to the plan's indicators (again); returns the number linked.

    ``report_id``: only that report's observations (a report was loaded; the plan's indicators did
    not change, so its other reports' links stand). Otherwise every report of the plan (a plan was
    loaded or replaced). Without this, each load redid the links of every report of its plan,
    which grows with the store: 23 s for one plan loaded into a store holding ten copies of it.
    """
    if plan_id is None:
        return 0
    docs = list(s.scalars(select(DocumentRow).where(DocumentRow.plan_id == plan_id)))
    plan_docs = [d.id for d in docs if is_plan(d.kind)]
    reports = [d.id for d in docs if d.kind == "report" and (report_id is None or d.id == report_id)]
    if not reports:
        return 0
    candidates = [(i.id, _norm(i.text)) for i in s.scalars(
        select(IndicatorRow).where(IndicatorRow.document_id.in_(plan_docs)).order_by(IndicatorRow.id))] \
        if plan_docs else []
    observations = list(s.scalars(select(ObservationRow).where(ObservationRow.document_id.in_(reports))))
    matches = best_matches([_norm(o.indicator) for o in observations], candidates)
    by_caption = best_matches([_norm(_CAPTION_LABEL.sub("", o.table_caption or "", count=1)) for o in observations],
                              candidates)
    # The better of the two; the indicator's on a tie.
    matches = [m if m[1] >= c[1] or c[0] is None else c for m, c in zip(matches, by_caption)]
    for obs, (iid, score) in zip(observations, matches):
        obs.matched_indicator_id = iid
        obs.match_score = score if iid is not None else None
    return sum(iid is not None for iid, _ in matches)
