"""Spreadsheet export for corrections: one sheet per level, stable record keys, editable columns.

``naplog export --format xlsx -o FILE.xlsx`` writes it; analysts edit the yellow columns and
``naplog corrections apply FILE.xlsx`` records each changed cell (pipeline/store/corrections.py).

Sheets: ``goals``, ``outputs``, ``activities``, ``indicators``, ``institutions``, each with the
read-only columns ``record_key``, ``document``, ``parent_key``, ``page``, the texts of the record's
parents (``goal_text``, ``output_text``, ``activity_text``: what it belongs to, read without
following keys), and then the level's editable fields. Read-only columns are locked (the sheets are
protected without a password; filtering and sorting stay allowed), every sheet has an autofilter,
and enumerated fields (``role``, ``type``, ``unit``) offer their values as a drop-down list that
refuses others. Hidden sheets ``_goals`` ... hold the values as exported, so that applying an old
spreadsheet never overwrites a value someone else corrected since (such cells are reported).
Adding or deleting rows has no effect: only cells of existing records are compared.

A read-only ``observations`` sheet lists the reports' figures (one row per observation, as the CSV
export gives them, with the plan indicator each is linked to); applying a workbook ignores it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import InputError
from pipeline.outputs.export import is_formula_like, observation_row
from pipeline.outputs.files import atomic_path
from pipeline.records import clean_text
from pipeline.store.corrections import LEVELS, ApplyReport, Edit, apply_edits
from pipeline.store.schema import DocumentRow, IndicatorRow, InstitutionLinkRow

if TYPE_CHECKING:  # pragma: no cover
    from pipeline.store.database import Store

READ_ONLY = ["record_key", "document", "parent_key", "page"]
HIDDEN_PREFIX = "_"
# The parents' texts shown beside each level's rows (read-only; ``apply`` ignores them).
PARENT_TEXTS = {
    "goals": [], "outputs": ["goal_text"], "activities": ["goal_text", "output_text"],
    "indicators": ["goal_text", "output_text", "activity_text"],
    "institutions": ["goal_text", "output_text", "activity_text"],
}
OWN_TEXT = {"goals": "goal_text", "outputs": "output_text", "activities": "activity_text"}
OBSERVATIONS_SHEET = "observations"
OBSERVATION_SHEET_COLUMNS = ["document", "page", "indicator", "table", "value", "value_as_written", "unit", "period",
                             "sex", "disaggregation", "source", "pillar", "matched_indicator",
                             "matched_indicator_code", "match_score"]


def _owner_key(row: IndicatorRow | InstitutionLinkRow, keys: dict[tuple[str, int], str]) -> str | None:
    if row.goal_id is not None:
        return keys.get(("goal", row.goal_id))
    if row.output_id is not None:
        return keys.get(("output", row.output_id))
    return keys.get(("activity", row.activity_id))  # type: ignore[arg-type]


def sheet_rows(s: Session, document_id: int) -> dict[str, list[dict[str, Any]]]:
    """Rows of every level of one stored document, in logframe order."""
    doc = s.get(DocumentRow, document_id)
    if doc is None:
        raise InputError(str(document_id), "no such document")
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in LEVELS}
    keys: dict[tuple[str, int], str] = {}
    order: list[tuple[str, Any]] = []

    pages: dict[str, int] = {}
    # record key -> the texts of the record and its parents ({"goal_text": ..., "output_text": ...}).
    lineage: dict[str, dict[str, str | None]] = {}

    def add(level: str, row: Any, parent: str | None) -> None:
        spec = LEVELS[level]
        # Institutions have no page of their own: the page of the record naming them.
        page = getattr(row, "page", None) or pages.get(parent or "")
        pages[row.record_key] = page
        parents = lineage.get(parent or "", {})
        if level in OWN_TEXT:
            lineage[row.record_key] = {**parents, OWN_TEXT[level]: row.text}
        rec = {"record_key": row.record_key, "document": document_id, "parent_key": parent, "page": page}
        rec.update({name: parents.get(name) for name in PARENT_TEXTS[level]})
        rec.update({name: f.get(s, row) for name, f in spec.fields.items()})
        out[level].append(rec)

    for g in doc.goals:
        keys[("goal", g.id)] = g.record_key
        add("goals", g, None)
        order.append(("goal", g))
        for o in g.outputs:
            keys[("output", o.id)] = o.record_key
            add("outputs", o, g.record_key)
            order.append(("output", o))
            for a in o.activities:
                keys[("activity", a.id)] = a.record_key
                add("activities", a, o.record_key)
                order.append(("activity", a))
    rank = {owner: i for i, owner in enumerate((kind, r.id) for kind, r in order)}

    def owner_rank(row: IndicatorRow | InstitutionLinkRow) -> tuple[int, int]:
        kind, oid = (("goal", row.goal_id) if row.goal_id is not None else
                     ("output", row.output_id) if row.output_id is not None else ("activity", row.activity_id))
        return (rank.get((kind, oid), 0), row.position)

    for level, model in (("indicators", IndicatorRow), ("institutions", InstitutionLinkRow)):
        rows = sorted(s.scalars(select(model).where(model.document_id == document_id)), key=owner_rank)
        for r in rows:
            add(level, r, _owner_key(r, keys))
    return out


def _read_only(level: str) -> list[str]:
    return READ_ONLY + PARENT_TEXTS[level]


def _columns(level: str) -> list[str]:
    return _read_only(level) + list(LEVELS[level].fields)


def write_workbook(store: "Store", document_ids: Iterable[int], path: Path | str) -> Path:
    """Write the records of the given documents to ``path`` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    ids = list(document_ids)
    per_level: dict[str, list[dict[str, Any]]] = {name: [] for name in LEVELS}
    with store.session() as s:
        for doc_id in ids:
            for level, rows in sheet_rows(s, doc_id).items():
                per_level[level].extend(rows)
    observations = [dict(observation_row({}, ob), document=doc_id)
                    for doc_id in ids for ob in store.logframe(doc_id).observations]

    wb = Workbook()
    about = wb.active
    about.title = "about"
    exported_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    for line in (
        ["naplog corrections workbook"],
        ["store", store.safe_url],
        ["exported_at", exported_at],
        ["documents", ", ".join(str(i) for i in ids)],
        [],
        ["Edit the cells under yellow headers, then run: naplog corrections apply THIS_FILE.xlsx --author NAME"],
        ["Grey columns are read-only (locked): record_key names the record a correction applies to;"],
        ["goal_text, output_text, activity_text show what a row belongs to. role, type and unit offer their values."],
        ["Rows added or deleted are ignored; empty a cell to clear a value."],
        ["The observations sheet (a report's figures) is read-only: applying the workbook ignores it."],
        ["years: comma-separated years (2024,2025); budget_amount: a number; unit: number, percentage, ratio, text;"],
        ["role: lead or partner; type: government, security, parliament, cso, un, development_partner, other "
         "(an institution's type is shared by every plan naming it)."],
    ):
        append_texts(about, line)
    about["A1"].font = Font(bold=True, size=13)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 60

    bold = Font(bold=True)
    editable_fill = PatternFill("solid", fgColor="FFF2B2")
    key_fill = PatternFill("solid", fgColor="DDDDDD")
    widths = {"record_key": 34, "parent_key": 28, "text": 70, "name": 40, "canonical_name": 40,
              "means_of_verification": 40, "baseline": 18, "target": 18, "pillar": 30, "budget_as_written": 22,
              "goal_text": 30, "output_text": 30, "activity_text": 30}
    unlocked = Protection(locked=False)
    for level in LEVELS:
        columns = _columns(level)
        read_only = _read_only(level)
        for hidden in (False, True):
            ws = wb.create_sheet(HIDDEN_PREFIX + level if hidden else level)
            ws.append(columns)
            for rec in per_level[level]:
                append_texts(ws, [rec.get(c) for c in columns])
            # Locked cells cannot be edited; filtering and sorting stay allowed. No password: the
            # protection guards against slips, not against an analyst who means to unprotect.
            ws.protection.sheet = True
            ws.protection.autoFilter = False
            ws.protection.sort = False
            ws.protection.formatColumns = False
            if hidden:
                ws.sheet_state = "hidden"
                continue
            last = ws.max_row
            for i, name in enumerate(columns, 1):
                letter = get_column_letter(i)
                cell = ws.cell(row=1, column=i)
                cell.font = bold
                cell.fill = key_fill if name in read_only else editable_fill
                ws.column_dimensions[letter].width = widths.get(name, 12)
                if name in read_only:
                    if name.endswith("_text"):
                        for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                            row[0].alignment = Alignment(wrap_text=True, vertical="top")
                    continue
                # Text cells, so Excel keeps codes such as 1.10 and years as typed.
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    row[0].number_format = "@"
                    row[0].protection = unlocked
                    if name in ("text", "name", "means_of_verification"):
                        row[0].alignment = Alignment(wrap_text=True, vertical="top")
                choices = getattr(LEVELS[level].fields[name].parse, "choices", None)
                if choices and last >= 2:
                    valid = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                           allow_blank=not LEVELS[level].fields[name].parse.required,
                                           showErrorMessage=True, errorTitle=f"{name}",
                                           error=f"{name} is one of: {', '.join(choices)}")
                    valid.add(f"{letter}2:{letter}{last}")
                    ws.add_data_validation(valid)
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last, 1)}"
            ws.freeze_panes = "B2"
    _observations_sheet(wb, observations, bold, key_fill)
    with atomic_path(path) as temp:  # a save that fails leaves no half-written workbook
        try:
            wb.save(temp)
        except (ValueError, OSError) as exc:
            raise InputError(path, f"cannot write the workbook: {exc}") from None
    return path


def append_texts(ws: Any, values: list[Any]) -> None:
    """Append a row whose texts stay texts: openpyxl would store a text starting with "=" as a live
    formula (``=HYPERLINK(...)`` from a hostile PDF, run when the workbook is opened). Every text is
    written as a string cell (data type 's'), and a formula-like one (``=``, ``+``, ``-``, ``@``, tab,
    CR) is also marked quote-prefixed, as Excel marks a text typed after an apostrophe, so that editing
    the cell keeps it a text. The value itself is unchanged: ``corrections apply`` reads it back as
    exported."""
    from openpyxl.cell import Cell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            # A store loaded before texts were cleaned (pipeline.records.clean_text) may hold
            # PDFium's U+FFFE, which XML refuses: the whole save would fail on it.
            cell = Cell(ws, value=clean_text(value))
            cell.data_type = "s"
            if is_formula_like(cell.value):
                cell.quotePrefix = True
            value = cell
        row.append(value)
    ws.append(row)


def _observations_sheet(wb: Any, rows: list[dict[str, Any]], bold: Any, fill: Any) -> None:
    """The reports' observations, read-only (grey header): not corrected through the workbook."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(OBSERVATIONS_SHEET)
    ws.append(OBSERVATION_SHEET_COLUMNS)
    for row in rows:
        append_texts(ws, [row.get(c) for c in OBSERVATION_SHEET_COLUMNS])
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    ws.freeze_panes = "C2"
    # Locked like the other sheets' read-only columns: filtering and sorting stay allowed.
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.auto_filter.ref = f"A1:{get_column_letter(len(OBSERVATION_SHEET_COLUMNS))}{max(ws.max_row, 1)}"


def cell_text(value: Any) -> str | None:
    """A cell as the text naplog compares (numbers without a spurious .0)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _sheet_records(ws: Any) -> tuple[list[str], list[tuple[int, dict[str, str | None]]]]:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return [], []
    columns = [str(h).strip() if h is not None else "" for h in header]
    out = []
    for n, values in enumerate(rows, 2):
        rec = {c: cell_text(v) for c, v in zip(columns, values) if c}
        if rec.get("record_key"):
            out.append((n, rec))
    return columns, out


def read_workbook(path: Path | str) -> list[Edit]:
    """The edits a corrections workbook holds: one per row with a record key, in sheet order."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(path, f"not an .xlsx workbook ({exc})") from exc
    edits: list[Edit] = []
    try:
        if not any(level in wb.sheetnames for level in LEVELS):
            raise InputError(path, f"no sheet named {', '.join(LEVELS)}: not a naplog corrections workbook")
        for level in LEVELS:
            if level not in wb.sheetnames:
                continue
            columns, records = _sheet_records(wb[level])
            if "record_key" not in columns:
                raise InputError(path, f"sheet {level} has no record_key column")
            exported: dict[str, dict[str, str | None]] = {}
            if HIDDEN_PREFIX + level in wb.sheetnames:
                exported = {r["record_key"]: r for _, r in _sheet_records(wb[HIDDEN_PREFIX + level])[1]}
            fields = [c for c in columns if c in LEVELS[level].fields]
            for n, rec in records:
                key = rec["record_key"].strip()
                original = exported.get(key)
                edits.append(Edit(
                    level=level, record_key=key, values={f: rec.get(f) for f in fields},
                    exported={f: original.get(f) for f in fields} if original is not None else None,
                    where=f"{path.name} sheet {level} row {n}",
                ))
    finally:
        wb.close()
    return edits


def apply_workbook(store: Store, path: Path | str, author: str | None = None) -> ApplyReport:
    """Apply the edits of a spreadsheet written by ``naplog export --format xlsx``, in one transaction."""
    edits = read_workbook(path)
    with store.session() as s:
        return apply_edits(s, edits, author)
