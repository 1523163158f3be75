"""Tables of the normalized store (SQLAlchemy 2 declarative models).

One row per record, parents by foreign key, so analysts can query across plans with their own
tools. Institutions are shared across documents: the same ministry is one row linked from every
goal, output and activity that names it. Migrations live in ``pipeline/store/migrations``.
"""

from __future__ import annotations

from datetime import datetime
from typing import get_args

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from pipeline.records import Kind


class Base(DeclarativeBase):
    pass


# Portable across SQLite and PostgreSQL (PostgreSQL cannot add booleans).
ONE_OWNER_SQL = (
    "(CASE WHEN goal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN output_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN activity_id IS NULL THEN 0 ELSE 1 END) = 1"
)


class ProvenanceColumns:
    page: Mapped[int] = mapped_column(Integer)
    x0: Mapped[float | None] = mapped_column(Float)
    top: Mapped[float | None] = mapped_column(Float)
    x1: Mapped[float | None] = mapped_column(Float)
    bottom: Mapped[float | None] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    country: Mapped[str | None] = mapped_column(Text)  # any length: migration 0009
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    generation: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("country", "period_start", "period_end", name="uq_plan"),)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    source_path: Mapped[str] = mapped_column(Text, index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(Text)  # any length: migration 0009
    country_code: Mapped[str | None] = mapped_column(String(2))
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(5))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    generation: Mapped[int | None] = mapped_column(Integer)
    # --- report metadata (migration 0008) ---
    report_kind: Mapped[str | None] = mapped_column(Text)
    report_start: Mapped[int | None] = mapped_column(Integer)
    report_end: Mapped[int | None] = mapped_column(Integer)
    reports_on: Mapped[str | None] = mapped_column(Text)
    # --- end report metadata ---
    pages: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(20))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (CheckConstraint(f"kind in ({', '.join(repr(k) for k in get_args(Kind))})",
                                      name="ck_document_kind"),)

    goals: Mapped[list[GoalRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="GoalRow.position"
    )
    pillars: Mapped[list[PillarRow]] = relationship(
        cascade="all, delete-orphan", order_by="PillarRow.position"
    )
    acronyms: Mapped[list[AcronymRow]] = relationship(cascade="all, delete-orphan")


class RunRow(Base):
    """One load of a document (or a failure to extract one): the store's history.

    A load writes its row as ``started`` (with the process id and host) in a transaction of its own
    before it writes any record, and sets ``loaded`` / ``replaced`` / ``failed`` at the end; a row
    left ``started`` by a process that died is marked ``interrupted`` when the store is next opened
    (``Store.recover_interrupted``, docs/faults.md).
    """

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    source_path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(20))
    # started | loaded | replaced | failed | interrupted
    status: Mapped[str] = mapped_column(String(20), index=True)
    message: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict | None] = mapped_column(JSON)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # NULL while started
    # --- faults (migration 0004): who ran the load, so a dead process's run can be told apart ---
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pid: Mapped[int | None] = mapped_column(Integer)
    hostname: Mapped[str | None] = mapped_column(String(255))
    # --- end faults ---
    # --- re-runs (migration 0005): set only on a failure inherent to the file (no logframe found, not
    # a PDF, encrypted, over a limit ...): ``pipeline.batch.input_key()``, a digest of what else
    # decides what reading the file gives (extractor version, settings, limits, OCR). With ``sha256``
    # it lets the next run skip the same bytes read the same way (``Store.known_failure``). NULL on
    # every other run, so failures of the store, the clock or a bug are always tried again. ---
    input_key: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_runs_sha256_input_key", "sha256", "input_key"),)


class AcronymRow(Base):
    __tablename__ = "acronyms"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    acronym: Mapped[str] = mapped_column(Text)
    expansion: Mapped[str] = mapped_column(Text)


class PillarRow(ProvenanceColumns, Base):
    __tablename__ = "pillars"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class LevelColumns(ProvenanceColumns):
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(30))
    text: Mapped[str | None] = mapped_column(Text)
    level_name: Mapped[str | None] = mapped_column(Text)  # any length: migration 0009
    # --- corrections (migration 0002): stable key of the record, see pipeline/store/corrections.py ---
    record_key: Mapped[str | None] = mapped_column(String(255), index=True)
    # --- end corrections ---


class GoalRow(LevelColumns, Base):
    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    pillar_id: Mapped[int | None] = mapped_column(ForeignKey("pillars.id", ondelete="SET NULL"))
    pillar_text: Mapped[str | None] = mapped_column(Text)
    classification: Mapped[dict | None] = mapped_column(JSON)  # migration 0003
    document: Mapped[DocumentRow] = relationship(back_populates="goals")
    outputs: Mapped[list[OutputRow]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="OutputRow.position"
    )


class OutputRow(LevelColumns, Base):
    __tablename__ = "outputs"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    classification: Mapped[dict | None] = mapped_column(JSON)  # migration 0003
    goal: Mapped[GoalRow] = relationship(back_populates="outputs")
    activities: Mapped[list[ActivityRow]] = relationship(
        back_populates="output", cascade="all, delete-orphan", order_by="ActivityRow.position"
    )


class ActivityRow(LevelColumns, Base):
    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    output_id: Mapped[int] = mapped_column(ForeignKey("outputs.id", ondelete="CASCADE"), index=True)
    timeline: Mapped[str | None] = mapped_column(Text)
    budget_amount: Mapped[float | None] = mapped_column(Float)
    budget_currency: Mapped[str | None] = mapped_column(String(3))
    budget_as_written: Mapped[str | None] = mapped_column(Text)
    output: Mapped[OutputRow] = relationship(back_populates="activities")
    timeline_entries: Mapped[list[TimelineRow]] = relationship(cascade="all, delete-orphan")


class TimelineRow(Base):
    """One year (and optionally quarter) in which an activity runs."""

    __tablename__ = "activity_timeline"
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)


class IndicatorRow(ProvenanceColumns, Base):
    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    # Exactly one owner: the goal, output or activity the indicator measures.
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    output_id: Mapped[int | None] = mapped_column(ForeignKey("outputs.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(20))
    baseline: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    disaggregation: Mapped[list | None] = mapped_column(JSON)
    means_of_verification: Mapped[str | None] = mapped_column(Text)
    # --- corrections (migration 0002) ---
    record_key: Mapped[str | None] = mapped_column(String(255), index=True)
    # --- end corrections ---
    __table_args__ = (
        CheckConstraint(
            ONE_OWNER_SQL,
            name="ck_indicator_one_owner",
        ),
    )


class InstitutionRow(Base):
    __tablename__ = "institutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_name: Mapped[str] = mapped_column(Text, unique=True)  # MAX_NAME_CHARS (records)
    acronym: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(30))
    aliases: Mapped[list[InstitutionAliasRow]] = relationship(
        cascade="all, delete-orphan", order_by="InstitutionAliasRow.alias")


class InstitutionLinkRow(Base):
    """An institution named on a goal, output or activity, with its role and the name as written."""

    __tablename__ = "institution_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    output_id: Mapped[int | None] = mapped_column(ForeignKey("outputs.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10))
    name_as_written: Mapped[str] = mapped_column(Text)
    # --- corrections (migration 0002) ---
    record_key: Mapped[str | None] = mapped_column(String(255), index=True)
    # --- end corrections ---
    institution: Mapped[InstitutionRow] = relationship()
    __table_args__ = (
        CheckConstraint("role in ('lead', 'partner')", name="ck_link_role"),
        CheckConstraint(
            ONE_OWNER_SQL,
            name="ck_link_one_owner",
        ),
    )


# --- corrections (migration 0002) ---------------------------------------------------------------
class CorrectionRow(Base):
    """An analyst's change to one field of one record (pipeline/store/corrections.py).

    ``record_key`` names the record (see pipeline/store/corrections.py for the scheme), ``old`` and ``new``
    are the field's values as text (NULL for empty). ``status``: ``applied`` (the store holds ``new``),
    ``orphaned`` (no record has this key after a re-extraction) or ``conflict`` (the re-extracted value
    is neither ``old`` nor ``new``); orphaned and conflicting corrections are kept and retried on the
    next re-extraction.
    """

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    record_key: Mapped[str] = mapped_column(String(255), index=True)
    level: Mapped[str] = mapped_column(String(20))  # goals | outputs | activities | indicators | institutions
    field: Mapped[str] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("status in ('applied', 'orphaned', 'conflict')", name="ck_correction_status"),
    )
# --- end corrections ---


# --- reports and narrative plans (migration 0003) ------------------------------------------------
class InstitutionAliasRow(Base):
    """Another name of an institution (an acronym, a translation, a spelling seen in a plan)."""

    __tablename__ = "institution_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("institution_id", "alias", name="uq_institution_alias"),)


class ObservationRow(ProvenanceColumns, Base):
    """One value a report gives for an indicator; linked to the plan indicator it measures when the
    plan is in the store (``matched_indicator_id``, ``match_score``), kept unlinked otherwise."""

    __tablename__ = "observations"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text)
    table_caption: Mapped[str | None] = mapped_column(Text)  # migration 0008
    value: Mapped[float | None] = mapped_column(Float)
    value_as_written: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(20))
    period: Mapped[str | None] = mapped_column(Text)
    disaggregation: Mapped[dict | None] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(Text)
    pillar: Mapped[str | None] = mapped_column(String(40))
    matched_indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL"), index=True)
    match_score: Mapped[float | None] = mapped_column(Float)
    matched_indicator: Mapped[IndicatorRow | None] = relationship()


class ReportItemRow(ProvenanceColumns, Base):
    """A lesson learned, challenge or recommendation of a report."""

    __tablename__ = "report_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # lessons | challenges | recommendations
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("kind in ('lessons', 'challenges', 'recommendations')", name="ck_report_item_kind"),
    )


class PillarProgressRow(ProvenanceColumns, Base):
    """A report's narrative on one pillar's implementation."""

    __tablename__ = "pillar_progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    pillar: Mapped[str] = mapped_column(String(40))
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
# --- end reports ---
