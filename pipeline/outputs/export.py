"""Render logframes as the JSON contract, or as flat rows (JSONL, CSV) for spreadsheets.

A plan gives one row per lowest-level entry (activity, else output, else goal); a report one row per
observation (``OBSERVATION_COLUMNS``: its indicator, value, unit, period, disaggregation, page and
the plan indicator it is linked to). Both share one header, ``record`` saying what each row is."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from pipeline.errors import NaplogError
from pipeline.records import Activity, Goal, Logframe, Observation, Output

FLAT_COLUMNS = [
    "document_id", "source_path", "country", "language", "pillar", "goal_code", "goal_text", "output_code",
    "output_text", "activity_code", "activity_text", "indicators", "lead_institutions", "partner_institutions",
    "years", "budget_amount", "budget_currency", "budget_as_written", "page",
]
# A report's rows (one per observation); a plan's rows leave them empty.
OBSERVATION_COLUMNS = [
    "record", "indicator", "table", "value", "value_as_written", "unit", "period", "sex", "disaggregation",
    "source", "method", "matched_indicator", "matched_indicator_code", "match_score",
]
COLUMNS = FLAT_COLUMNS + OBSERVATION_COLUMNS

# A cell text a spreadsheet would run as a formula (OWASP "CSV injection"): Excel, LibreOffice and
# Google Sheets read a cell starting with one of these as a formula, a tab or CR as a way to hide one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """A text a spreadsheet would take for a formula (``=HYPERLINK(...)``, ``-2+3``, ``@SUM(...)``)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as the text it is: a formula-like text gets a leading
    apostrophe (OWASP's advice; spreadsheets hide it and show the rest as text). Numbers and
    other texts are left alone."""
    return "'" + value if is_formula_like(value) else value  # type: ignore[operator]


def logframe_json(lf: Logframe) -> dict:
    """One document in the JSON contract (docs/json-contract.md)."""
    return lf.model_dump(mode="json")


def to_json(logframes: list[Logframe]) -> str:
    """A list of documents, however many there are (none: ``[]``)."""
    return json.dumps([logframe_json(lf) for lf in logframes], ensure_ascii=False, indent=2)


def document_json(lf: Logframe) -> str:
    """One document as a JSON object (``naplog extract`` prints one file's)."""
    return json.dumps(logframe_json(lf), ensure_ascii=False, indent=2)


def _names(level: Goal | Output | Activity, role: str) -> str:
    return "; ".join(i.name for i in level.institutions if i.role == role)


def flat_rows(lf: Logframe) -> Iterable[dict]:
    """One row per lowest-level entry (activity, else output, else goal), parents repeated; a
    report's rows are its observations."""
    doc = lf.document
    base = {"document_id": doc.id, "source_path": doc.source_path, "country": doc.country,
            "language": doc.language}
    for ob in lf.observations:
        yield observation_row(base, ob)
    for g in lf.goals:
        grow = {**base, "pillar": g.pillar, "goal_code": g.code, "goal_text": g.text}
        if not g.outputs:
            yield _row(grow, g)
            continue
        for o in g.outputs:
            orow = {**grow, "output_code": o.code, "output_text": o.text}
            if not o.activities:
                yield _row(orow, o, parents=[g])
                continue
            for a in o.activities:
                arow = {**orow, "activity_code": a.code, "activity_text": a.text,
                        "years": ",".join(str(y) for y in a.years)}
                if a.budget is not None:
                    arow.update(budget_amount=a.budget.amount, budget_currency=a.budget.currency,
                                budget_as_written=a.budget.as_written)
                yield _row(arow, a, parents=[g, o])


def _row(row: dict, level: Goal | Output | Activity, parents: list | None = None) -> dict:
    indicators = [i.text for i in level.indicators]
    leads, partners = _names(level, "lead"), _names(level, "partner")
    if not leads and parents:
        # Institutions named on a parent (a goal row listing who is responsible) apply below it.
        leads = next((_names(p, "lead") for p in reversed(parents) if _names(p, "lead")), "")
    out = {c: None for c in COLUMNS}
    out.update(row)
    out.update(record="activity" if isinstance(level, Activity) else "output" if isinstance(level, Output) else "goal",
               indicators=" | ".join(indicators) or None, lead_institutions=leads or None,
               partner_institutions=partners or None, page=level.page)
    return out


def to_dataframe(logframes: list[Logframe]):  # noqa: ANN201 - a pandas.DataFrame (pandas is optional)
    """The flat rows of ``flat_rows`` (columns ``COLUMNS``: a report's observations too) as a pandas
    DataFrame.

    pandas is not a naplog dependency (``pip install pandas``, or ``naplog[pandas]``); without it this
    raises ``NaplogError`` saying so."""
    try:
        import pandas as pd  # deferred and optional: pandas is not a naplog dependency
    except ImportError as exc:
        raise NaplogError("pandas is not installed: `pip install pandas` (or naplog[pandas]) to get a "
                          "DataFrame; flat_rows() gives the same rows as dicts") from exc
    return pd.DataFrame([r for lf in logframes for r in flat_rows(lf)], columns=COLUMNS)


def observation_row(base: dict, ob: Observation) -> dict:
    """One observation as a flat row: disaggregation as "key=value; ..." (sex also in a column of
    its own), the plan indicator it is linked to when the plan is in the store."""
    out = {c: None for c in COLUMNS}
    out.update(base)
    matched = ob.matched_indicator
    out.update(
        record="observation", pillar=ob.pillar, indicator=ob.indicator, table=ob.table, value=ob.value,
        value_as_written=ob.value_as_written, unit=ob.unit, period=ob.period, sex=ob.disaggregation.get("sex"),
        disaggregation="; ".join(f"{k}={v}" for k, v in ob.disaggregation.items()) or None, source=ob.source,
        method=ob.method, page=ob.page, matched_indicator=matched.text if matched else None,
        matched_indicator_code=matched.code if matched else None, match_score=matched.score if matched else None)
    return out


def to_jsonl(logframes: list[Logframe]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for lf in logframes for r in flat_rows(lf))


def to_csv(logframes: list[Logframe]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for lf in logframes:
        for r in flat_rows(lf):
            writer.writerow({k: safe_cell(v) for k, v in r.items()})
    return buf.getvalue()


def to_iati_xml(logframes: list[Logframe]) -> str:
    # Deferred: ElementTree's import (15 ms) is paid only by an IATI export, not by every command.
    from pipeline.outputs.iati import to_iati

    return to_iati(logframes).xml


RENDERERS = {"json": to_json, "jsonl": to_jsonl, "csv": to_csv, "iati": to_iati_xml}


def render(logframes: list[Logframe], fmt: str) -> str:
    try:
        return RENDERERS[fmt](logframes)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(RENDERERS)}") from None
