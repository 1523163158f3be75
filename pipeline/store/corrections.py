"""Analysts' corrections: applying spreadsheet edits, re-applying them after re-extraction.

Every record carries a stable ``record_key`` (``pipeline.store.keys``); a correction names one.

Corrections
-----------
A correction is one field of one record: ``(document_id, record_key, level, field, old, new, author,
created_at, applied_at, status)`` in the ``corrections`` table. Values are stored as text (NULL when
empty). ``apply_workbook`` records one per changed spreadsheet cell and writes the new value.

When a document is re-extracted (``Store.load`` returns ``replaced``), ``reapply`` runs in the same
transaction, oldest correction first:
- no record has the key any more: ``orphaned`` (kept, reported, retried on the next re-extraction);
- the new extraction holds ``old``: the new value is written again, ``applied``;
- the new extraction already holds ``new``: ``applied`` (nothing to write);
- anything else (the extractor now reads something different, or the key names another record):
  ``conflict``, the extracted value is kept and the correction is reported.
Nothing is ever dropped silently: ``correction_issues`` lists orphaned and conflicting corrections.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import NaplogError
from pipeline.records import CODE_RE, InstitutionType, Role, Unit
from pipeline.settings import run_settings
from pipeline.store.keys import key_document
from pipeline.store.schema import (
    ActivityRow,
    CorrectionRow,
    DocumentRow,
    GoalRow,
    IndicatorRow,
    InstitutionLinkRow,
    InstitutionRow,
    OutputRow,
    TimelineRow,
)


class CorrectionError(NaplogError):
    """A corrections file cannot be applied (nothing was changed)."""


# ---- editable fields -----------------------------------------------------------------------------

def _text(raw: str | None) -> str | None:
    if raw is None:
        return None
    v = " ".join(str(raw).split())
    return v or None


def _required(raw: str | None) -> str:
    v = _text(raw)
    if v is None:
        raise ValueError("cannot be empty")
    return v


def _code(raw: str | None) -> str | None:
    v = _text(raw)
    if v is None:
        return None
    v = v.rstrip(".")
    if not CODE_RE.match(v):
        raise ValueError(f"{v!r} is not a hierarchy code like 1, 1.1 or 1.1.2")
    return v


def _choice(options: Iterable[str], required: bool = False) -> Callable[[str | None], str | None]:
    allowed = tuple(options)

    def parse(raw: str | None) -> str | None:
        v = _text(raw)
        if v is None:
            if required:
                raise ValueError(f"cannot be empty (one of {', '.join(allowed)})")
            return None
        v = v.lower()
        if v not in allowed:
            raise ValueError(f"{v!r} is not one of {', '.join(allowed)}")
        return v

    # The workbook offers these as a drop-down list (pipeline.outputs.workbook), from this one place.
    parse.choices = allowed  # type: ignore[attr-defined]
    parse.required = required  # type: ignore[attr-defined]
    return parse


def _number_text(v: float | None) -> str | None:
    if v is None:
        return None
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _amount(raw: str | None) -> str | None:
    v = _text(raw)
    if v is None:
        return None
    try:
        amount = float(v.replace(",", "").replace(" ", ""))
    except ValueError:
        raise ValueError(f"{v!r} is not a number") from None
    if amount < 0:
        raise ValueError(f"{v!r} is negative")
    return _number_text(amount)


def _currency(raw: str | None) -> str | None:
    v = _text(raw)
    if v is None:
        return None
    v = v.upper()
    if not re.fullmatch(r"[A-Z]{3}", v):
        raise ValueError(f"{v!r} is not a three-letter ISO 4217 code")
    return v


def _years(raw: str | None) -> str | None:
    v = _text(raw)
    if v is None:
        return None
    years = set()
    for part in re.split(r"[,;\s]+", v):
        if not part:
            continue
        if not part.isdigit() or not 1990 <= int(part) <= 2100:
            raise ValueError(f"{part!r} is not a year between 1990 and 2100")
        years.add(int(part))
    return ",".join(str(y) for y in sorted(years)) or None


@dataclass(frozen=True)
class FieldSpec:
    get: Callable[[Session, Any], str | None]
    set: Callable[[Session, Any, str | None], None]
    parse: Callable[[str | None], str | None]


def _column(name: str, parse: Callable[[str | None], str | None]) -> FieldSpec:
    def get(_s: Session, row: Any) -> str | None:
        return getattr(row, name)

    def put(_s: Session, row: Any, value: str | None) -> None:
        setattr(row, name, value)

    return FieldSpec(get, put, parse)


def _get_amount(_s: Session, row: ActivityRow) -> str | None:
    return _number_text(row.budget_amount)


def _set_amount(_s: Session, row: ActivityRow, value: str | None) -> None:
    row.budget_amount = float(value) if value is not None else None


def _get_years(_s: Session, row: ActivityRow) -> str | None:
    return ",".join(str(y) for y in sorted({t.year for t in row.timeline_entries})) or None


def _set_years(_s: Session, row: ActivityRow, value: str | None) -> None:
    wanted = {int(y) for y in value.split(",")} if value else set()
    for entry in list(row.timeline_entries):
        if entry.year not in wanted:
            row.timeline_entries.remove(entry)
    have = {t.year for t in row.timeline_entries}
    for year in sorted(wanted - have):
        row.timeline_entries.append(TimelineRow(year=year, quarter=None))


def _get_canonical(_s: Session, row: InstitutionLinkRow) -> str | None:
    return row.institution.canonical_name


def _set_canonical(s: Session, row: InstitutionLinkRow, value: str | None) -> None:
    name = value or row.name_as_written
    inst = s.scalar(select(InstitutionRow).where(InstitutionRow.canonical_name == name))
    if inst is None:
        inst = InstitutionRow(canonical_name=name, acronym=None, type=row.institution.type)
        s.add(inst)
        s.flush()
    row.institution_id = inst.id
    row.institution = inst


def _get_type(_s: Session, row: InstitutionLinkRow) -> str | None:
    return row.institution.type


def _set_type(_s: Session, row: InstitutionLinkRow, value: str | None) -> None:
    # The institution row is shared across plans: its type is corrected everywhere it is named.
    row.institution.type = value


_LEVEL_FIELDS = {
    "code": _column("code", _code),
    "text": _column("text", _text),
    "level_name": _column("level_name", _text),
}


@dataclass(frozen=True)
class LevelSpec:
    name: str  # sheet name and corrections.level
    model: type
    letter: str
    fields: dict[str, FieldSpec]


LEVELS: dict[str, LevelSpec] = {
    "goals": LevelSpec("goals", GoalRow, "g", {
        **_LEVEL_FIELDS, "pillar": _column("pillar_text", _text),
    }),
    "outputs": LevelSpec("outputs", OutputRow, "o", dict(_LEVEL_FIELDS)),
    "activities": LevelSpec("activities", ActivityRow, "a", {
        **_LEVEL_FIELDS,
        "years": FieldSpec(_get_years, _set_years, _years),
        "timeline": _column("timeline", _text),
        "budget_amount": FieldSpec(_get_amount, _set_amount, _amount),
        "budget_currency": _column("budget_currency", _currency),
        "budget_as_written": _column("budget_as_written", _text),
    }),
    "indicators": LevelSpec("indicators", IndicatorRow, "i", {
        "code": _column("code", _code),
        "text": _column("text", _required),
        "unit": _column("unit", _choice(get_args(Unit))),
        "baseline": _column("baseline", _text),
        "target": _column("target", _text),
        "means_of_verification": _column("means_of_verification", _text),
    }),
    "institutions": LevelSpec("institutions", InstitutionLinkRow, "n", {
        "name": _column("name_as_written", _required),
        "role": _column("role", _choice(get_args(Role), required=True)),
        "canonical_name": FieldSpec(_get_canonical, _set_canonical, _text),
        "type": FieldSpec(_get_type, _set_type, _choice(get_args(InstitutionType))),
    }),
}


def records_by_key(s: Session, document_ids: Iterable[int]) -> dict[str, dict[str, Any]]:
    """level -> record_key -> row, for the given documents."""
    ids = sorted(set(document_ids))
    out: dict[str, dict[str, Any]] = {}
    for name, spec in LEVELS.items():
        rows = s.scalars(select(spec.model).where(spec.model.document_id.in_(ids),
                                                  spec.model.record_key.is_not(None))) if ids else []
        out[name] = {r.record_key: r for r in rows}
    return out


# ---- results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CorrectionIssue:
    """A correction that is not in effect: orphaned (record gone) or conflict (value changed)."""

    id: int
    document_id: int
    record_key: str
    level: str
    field: str
    old: str | None
    new: str | None
    author: str
    status: str
    message: str | None

    @classmethod
    def of(cls, row: CorrectionRow) -> "CorrectionIssue":
        return cls(row.id, row.document_id, row.record_key, row.level, row.field, row.old, row.new, row.author,
                   row.status, row.message)

    def describe(self) -> str:
        return (f"{self.status}: {self.level} {self.record_key} {self.field} {self.old!r} -> {self.new!r} "
                f"(by {self.author}): {self.message}")


@dataclass
class ReapplyReport:
    """What happened to a document's corrections after its records were replaced."""

    document_id: int
    applied: int = 0
    already: int = 0  # the new extraction already had the corrected value
    orphaned: list[CorrectionIssue] = field(default_factory=list)
    conflicts: list[CorrectionIssue] = field(default_factory=list)

    @property
    def issues(self) -> list[CorrectionIssue]:
        return [*self.orphaned, *self.conflicts]

    def summary(self) -> str:
        return (f"corrections: {self.applied} re-applied, {self.already} already in the extraction, "
                f"{len(self.orphaned)} orphaned, {len(self.conflicts)} conflicting")


@dataclass
class Change:
    document_id: int
    record_key: str
    level: str
    field: str
    old: str | None
    new: str | None


@dataclass
class ApplyReport:
    applied: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # unknown keys, stale cells: not applied, reported


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def default_author() -> str:
    return run_settings().author or getpass.getuser()


# ---- re-application (called by Store.load inside its transaction) ---------------------------------

def reapply(s: Session, document_id: int) -> ReapplyReport:
    """Re-apply a document's corrections to its freshly written records, oldest first."""
    report = ReapplyReport(document_id)
    corrections = list(s.scalars(select(CorrectionRow).where(CorrectionRow.document_id == document_id)
                                 .order_by(CorrectionRow.id)))
    if not corrections:
        return report
    s.flush()
    rows = records_by_key(s, [document_id])
    version = s.scalar(select(DocumentRow.extractor_version).where(DocumentRow.id == document_id))
    now = _now()
    # Corrections of one field form a chain (A -> B, then B -> C): replayed in order.
    chains: dict[tuple[str, str, str], list[CorrectionRow]] = {}
    for c in corrections:
        chains.setdefault((c.level, c.record_key, c.field), []).append(c)
    for (level, key, name), chain in chains.items():
        spec = LEVELS.get(level)
        row = rows.get(level, {}).get(key)
        fspec = spec.fields.get(name) if spec else None
        if row is None or fspec is None:
            for c in chain:
                c.status, c.applied_at = "orphaned", None
                c.message = f"no {level[:-1]} with key {key} after re-extraction (extractor {version})"
                report.orphaned.append(CorrectionIssue.of(c))
            continue
        current = fspec.get(s, row)
        if current == chain[-1].new:
            for c in chain:
                c.status, c.applied_at, c.message = "applied", now, "the re-extraction already has the corrected value"
                report.already += 1
            continue
        for c in chain:
            if current == c.old:
                fspec.set(s, row, c.new)
                current = c.new
                c.status, c.applied_at, c.message = "applied", now, None
                report.applied += 1
            elif current == c.new:
                c.status, c.applied_at, c.message = "applied", now, "the re-extraction already has the new value"
                report.already += 1
            else:
                c.status, c.applied_at = "conflict", None
                c.message = (f"re-extraction (extractor {version}) gives {current!r}, neither the old value nor "
                             "the correction; the extracted value is kept")
                report.conflicts.append(CorrectionIssue.of(c))
    s.flush()
    return report


# ---- reading -------------------------------------------------------------------------------------

def list_corrections(s: Session, document_id: int | None = None) -> list[CorrectionRow]:
    """The corrections recorded (of one document, or all), oldest first."""
    q = select(CorrectionRow).order_by(CorrectionRow.id)
    if document_id is not None:
        q = q.where(CorrectionRow.document_id == document_id)
    return list(s.scalars(q))


def correction_issues(s: Session, document_id: int | None = None) -> list[CorrectionIssue]:
    """Orphaned and conflicting corrections (of one document, or all): what an ingest summary shows."""
    return [CorrectionIssue.of(c) for c in list_corrections(s, document_id) if c.status != "applied"]


# ---- applying changes ----------------------------------------------------------------------------

@dataclass
class Edit:
    """One spreadsheet row: the record, the cells given, and the cells as exported (for staleness)."""

    level: str
    record_key: str
    values: dict[str, str | None]
    exported: dict[str, str | None] | None = None
    where: str = ""  # "activities row 7" for messages


def apply_edits(s: Session, edits: Sequence[Edit], author: str | None = None) -> ApplyReport:
    """Diff edits against the store and record/apply every change in the session's transaction.

    Invalid values raise ``CorrectionError`` listing all of them, and nothing is changed. Keys that
    name no record and cells whose stored value changed since the export (someone else corrected
    it, or the document was re-extracted) are reported in ``skipped`` and not applied.
    """
    author = author or default_author()
    report = ApplyReport()
    errors: list[str] = []
    docs = {d for e in edits if (d := key_document(e.record_key)) is not None}
    rows = records_by_key(s, docs)
    planned: list[tuple[Any, FieldSpec, Change]] = []
    for e in edits:
        spec = LEVELS[e.level]
        row = rows[e.level].get(e.record_key)
        if row is None:
            report.skipped.append(f"{e.where}: no {e.level[:-1]} with key {e.record_key} in the store "
                                  "(re-extracted since the export, or from another store); row not applied")
            continue
        for name, raw in e.values.items():
            fspec = spec.fields.get(name)
            if fspec is None:
                continue
            try:
                new = fspec.parse(raw)
            except ValueError as exc:
                errors.append(f"{e.where}, column {name}: {exc}")
                continue
            current = fspec.get(s, row)
            if new == current:
                continue
            if e.exported is not None and name in e.exported:
                try:
                    was = fspec.parse(e.exported[name])
                except ValueError:
                    was = e.exported[name]
                if was != current:
                    report.skipped.append(
                        f"{e.where}, column {name}: the store changed since the export "
                        f"(exported {was!r}, now {current!r}); your value {new!r} was not applied")
                    continue
            planned.append((row, fspec, Change(row.document_id, e.record_key, e.level, name, current, new)))
    if errors:
        raise CorrectionError("nothing was applied; fix these cells and apply again:\n  " + "\n  ".join(errors))
    now = _now()
    for row, fspec, ch in planned:
        fspec.set(s, row, ch.new)
        s.add(CorrectionRow(document_id=ch.document_id, record_key=ch.record_key, level=ch.level,
                            field=ch.field, old=ch.old, new=ch.new, author=author, created_at=now,
                            applied_at=now, status="applied"))
        report.applied.append(ch)
    return report
