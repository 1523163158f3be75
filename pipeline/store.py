"""The normalized store: load logframes atomically, read them back, list documents.

SQLite by default (a file, no set-up), PostgreSQL through a URL. The schema is created and
upgraded by Alembic (``pipeline/migrations``) when a store is opened.

Loading rules:
- same sha256 and same extractor version as stored: nothing is written (``unchanged``);
- a document already stored (same sha256, or same source path with new content) extracted by
  another extractor version: its records are replaced in one transaction, its id is kept, and a
  run row records the replacement (``replaced``);
- otherwise a new document (``loaded``).
A failure anywhere rolls the whole document back, so nothing already stored is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pipeline.db_schema import (
    AcronymRow,
    ActivityRow,
    DocumentRow,
    GoalRow,
    IndicatorRow,
    InstitutionAliasRow,
    InstitutionLinkRow,
    InstitutionRow,
    ObservationRow,
    OutputRow,
    PillarProgressRow,
    PillarRow,
    PlanRow,
    ReportItemRow,
    RunRow,
    TimelineRow,
)
from pipeline.corrections import (  # --- corrections ---
    ReapplyReport,
    document_prefix,
    indicator_keys,
    institution_keys,
    level_keys,
    reapply,
)
from pipeline.errors import StoreError, TransientStoreError
from pipeline.linking import relink
from pipeline.records import (
    Activity,
    Budget,
    Classification,
    Document,
    Goal,
    Indicator,
    Institution,
    Logframe,
    MatchedIndicator,
    Observation,
    Output,
    Pillar,
    PillarProgress,
    PlanPeriod,
    ReportItem,
)
from pipeline.settings import resolve_db_url

LoadStatus = Literal["loaded", "replaced", "unchanged"]


@dataclass(frozen=True)
class LoadResult:
    document_id: int
    status: LoadStatus
    counts: dict[str, int]
    # --- corrections: what re-applying analysts' corrections did (``replaced`` loads only) ---
    corrections: ReapplyReport | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _is_transient(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    return exc.connection_invalidated or any(
        s in text
        for s in ("database is locked", "database is busy", "connection", "server closed", "deadlock")
    )


class Store:
    """A naplog store at a SQLAlchemy URL or SQLite path (see ``resolve_db_url``)."""

    def __init__(self, db: str | None = None, *, migrate: bool = True):
        self.url = resolve_db_url(db)
        self.engine = self._engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.upgrade()

    @staticmethod
    def _engine(url: str) -> Engine:
        if url.startswith("sqlite"):
            path = url.removeprefix("sqlite:///")
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001 - DB-API objects
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.close()

            return engine
        return create_engine(url, pool_pre_ping=True)

    def upgrade(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        from pipeline.migrations import upgrade_to_head

        try:
            upgrade_to_head(self.engine)
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {self.safe_url}: {exc.orig}") from exc

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            if _is_transient(exc):
                raise TransientStoreError(f"store {self.safe_url} is busy or unreachable: {exc.orig}") from exc
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()

    # ---- loading -------------------------------------------------------------------

    def is_current(self, sha256: str, extractor_version: str) -> int | None:
        """The document id if this exact file was already loaded by this extractor version."""
        with self.session() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
            if row is not None and row.extractor_version == extractor_version:
                return row.id
        return None

    def load(self, logframe: Logframe) -> LoadResult:
        doc = logframe.document
        with self.session() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.sha256 == doc.sha256))
            if row is None:
                row = s.scalar(select(DocumentRow).where(DocumentRow.source_path == doc.source_path))
            if row is not None and row.sha256 == doc.sha256 and row.extractor_version == doc.extractor_version:
                return LoadResult(row.id, "unchanged", logframe.counts())
            status: LoadStatus = "loaded" if row is None else "replaced"
            if row is None:
                row = DocumentRow()
                s.add(row)
            else:
                self._delete_records(s, row.id)
            self._fill_document(s, row, doc)
            s.flush()
            _RecordWriter(s, row.id).write(logframe)
            # --- corrections: re-apply analysts' corrections to the new records, in this transaction ---
            corrections = reapply(s, row.id) if status == "replaced" else None
            # --- end corrections ---
            # --- reports: (re)link the plan's reports' observations to its indicators ---
            s.flush()
            relink(s, row.plan_id)
            s.add(
                RunRow(
                    document_id=row.id,
                    source_path=doc.source_path,
                    sha256=doc.sha256,
                    extractor_version=doc.extractor_version,
                    status=status,
                    message=corrections.summary() if corrections and corrections.issues else None,
                    counts=logframe.counts(),
                    finished_at=_now(),
                )
            )
            return LoadResult(row.id, status, logframe.counts(), corrections)

    def record_failure(self, source_path: str, sha256: str, extractor_version: str, message: str) -> None:
        """Keep a failed run in the history; the document's stored records are untouched."""
        with self.session() as s:
            doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))
            s.add(
                RunRow(
                    document_id=doc_id,
                    source_path=source_path,
                    sha256=sha256,
                    extractor_version=extractor_version,
                    status="failed",
                    message=message,
                    finished_at=_now(),
                )
            )

    @staticmethod
    def _delete_records(s: Session, document_id: int) -> None:
        # Children first, by document id, so one statement per table does the whole document.
        activity_ids = select(ActivityRow.id).where(ActivityRow.document_id == document_id)
        for stmt in (
            delete(ObservationRow).where(ObservationRow.document_id == document_id),
            delete(ReportItemRow).where(ReportItemRow.document_id == document_id),
            delete(PillarProgressRow).where(PillarProgressRow.document_id == document_id),
            delete(InstitutionLinkRow).where(InstitutionLinkRow.document_id == document_id),
            delete(IndicatorRow).where(IndicatorRow.document_id == document_id),
            delete(TimelineRow).where(TimelineRow.activity_id.in_(activity_ids)),
            delete(ActivityRow).where(ActivityRow.document_id == document_id),
            delete(OutputRow).where(OutputRow.document_id == document_id),
            delete(GoalRow).where(GoalRow.document_id == document_id),
            delete(PillarRow).where(PillarRow.document_id == document_id),
            delete(AcronymRow).where(AcronymRow.document_id == document_id),
        ):
            s.execute(stmt, execution_options={"synchronize_session": False})
        s.expire_all()

    @staticmethod
    def _fill_document(s: Session, row: DocumentRow, doc: Document) -> None:
        period = doc.plan_period
        row.source_path = doc.source_path
        row.sha256 = doc.sha256
        row.kind = doc.kind
        row.country = doc.country
        row.title = doc.title
        row.language = doc.language
        row.period_start = period.start if period else None
        row.period_end = period.end if period else None
        row.generation = doc.generation
        row.pages = doc.pages
        row.extractor_version = doc.extractor_version
        row.loaded_at = _now()
        row.plan_id = _plan_id(s, doc)
        for acronym, expansion in sorted(doc.acronyms.items()):
            row.acronyms.append(AcronymRow(acronym=acronym, expansion=expansion))

    # ---- reading -------------------------------------------------------------------

    def documents(self) -> list[DocumentRow]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow).order_by(DocumentRow.id)))

    def runs(self) -> list[RunRow]:
        with self.session() as s:
            return list(s.scalars(select(RunRow).order_by(RunRow.id)))

    def resolve(self, ref: str) -> int:
        """A document id from an id or the path of its PDF (matched by content, then by path)."""
        with self.session() as s:
            if ref.isdigit():
                if s.get(DocumentRow, int(ref)) is not None:
                    return int(ref)
                raise StoreError(f"no document with id {ref} in {self.safe_url}")
            path = Path(ref)
            if path.is_file():
                from pipeline.pdf_reader import sha256_of

                doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256_of(path)))
                if doc_id is not None:
                    return doc_id
            doc_id = s.scalar(
                select(DocumentRow.id).where(DocumentRow.source_path == str(path.resolve()))
            )
            if doc_id is None:
                raise StoreError(f"{ref}: no such document in {self.safe_url} (run `naplog ingest {ref}` first)")
            return doc_id

    def logframe(self, document_id: int) -> Logframe:
        with self.session() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise StoreError(f"no document with id {document_id} in {self.safe_url}")
            return _RecordReader(s, row).read()

    def logframes(self) -> list[Logframe]:
        return [self.logframe(d.id) for d in self.documents()]


def _plan_id(s: Session, doc: Document) -> int | None:
    """The plan a document belongs to: one per country and period. A report that names no plan
    period goes to the country's plan of the same generation (or its only plan); a plan that arrives
    later takes over the reports left on a period-less plan of its country and generation."""
    if doc.country is None:
        return None
    start = doc.plan_period.start if doc.plan_period else None
    end = doc.plan_period.end if doc.plan_period else None
    if doc.kind == "report" and start is None:
        plans = list(s.scalars(select(PlanRow).where(PlanRow.country == doc.country,
                                                     PlanRow.period_start.is_not(None))))
        same_gen = [p for p in plans if doc.generation is not None and p.generation == doc.generation]
        if len(same_gen) == 1:
            return same_gen[0].id
        if len(plans) == 1 and doc.generation is None:
            return plans[0].id
    elif doc.kind == "nap" and start is not None:
        _adopt_reports(s, doc)
    plan = s.scalar(
        select(PlanRow).where(
            PlanRow.country == doc.country, _eq(PlanRow.period_start, start), _eq(PlanRow.period_end, end)
        )
    )
    if plan is None:
        plan = PlanRow(country=doc.country, period_start=start, period_end=end, generation=doc.generation,
                       title=doc.title if doc.kind == "nap" else None)
        s.add(plan)
        s.flush()
    elif doc.kind == "nap":
        plan.title = doc.title or plan.title
        plan.generation = doc.generation or plan.generation
    return plan.id


def _adopt_reports(s: Session, doc: Document) -> None:
    """Reports of this plan's country and generation stored before it, on a period-less plan."""
    orphans = list(s.scalars(select(PlanRow).where(PlanRow.country == doc.country, PlanRow.period_start.is_(None))))
    if not orphans:
        return
    plan = s.scalar(select(PlanRow).where(PlanRow.country == doc.country,
                                          PlanRow.period_start == doc.plan_period.start,  # type: ignore[union-attr]
                                          PlanRow.period_end == doc.plan_period.end))  # type: ignore[union-attr]
    if plan is None:
        plan = PlanRow(country=doc.country, period_start=doc.plan_period.start,  # type: ignore[union-attr]
                       period_end=doc.plan_period.end, generation=doc.generation, title=doc.title)  # type: ignore[union-attr]
        s.add(plan)
        s.flush()
    for orphan in orphans:
        for d in s.scalars(select(DocumentRow).where(DocumentRow.plan_id == orphan.id, DocumentRow.kind == "report")):
            if d.generation is None or doc.generation is None or d.generation == doc.generation:
                d.plan_id = plan.id
    s.flush()


def _eq(column, value):  # noqa: ANN001, ANN202 - SQLAlchemy column expressions
    return column.is_(None) if value is None else column == value


def _bbox_columns(rec) -> dict:  # noqa: ANN001 - any Provenance record
    x0, top, x1, bottom = rec.bbox if rec.bbox else (None, None, None, None)
    return {
        "page": rec.page, "x0": x0, "top": top, "x1": x1, "bottom": bottom,
        "method": rec.method, "confidence": rec.confidence,
    }


class _RecordWriter:
    """Writes one logframe's records under a document row."""

    def __init__(self, s: Session, document_id: int):
        self.s = s
        self.document_id = document_id
        self._institutions: dict[str, int] = {}

    def write(self, lf: Logframe) -> None:
        pillar_ids: dict[str, int] = {}
        for pos, p in enumerate(lf.pillars):
            prow = PillarRow(document_id=self.document_id, position=pos, code=p.code, name=p.name,
                             text=p.text, **_bbox_columns(p))
            self.s.add(prow)
            self.s.flush()
            pillar_ids[p.text] = prow.id
        # --- corrections: record keys (scheme in pipeline/corrections.py) ---
        gkeys = level_keys(document_prefix(self.document_id), "g", [g.code for g in lf.goals])
        # --- end corrections ---
        for gpos, g in enumerate(lf.goals):
            grow = GoalRow(document_id=self.document_id, position=gpos, code=g.code, text=g.text,
                           level_name=g.level_name, pillar_text=g.pillar, classification=_json(g.classification),
                           pillar_id=pillar_ids.get(g.pillar or ""), **_bbox_columns(g),
                           record_key=gkeys[gpos])
            self.s.add(grow)
            self.s.flush()
            self._extras(g, gkeys[gpos], goal_id=grow.id)
            okeys = level_keys(gkeys[gpos], "o", [o.code for o in g.outputs])  # --- corrections ---
            for opos, o in enumerate(g.outputs):
                orow = OutputRow(document_id=self.document_id, goal_id=grow.id, position=opos, code=o.code,
                                 text=o.text, level_name=o.level_name, classification=_json(o.classification),
                                 **_bbox_columns(o),
                                 record_key=okeys[opos])
                self.s.add(orow)
                self.s.flush()
                self._extras(o, okeys[opos], output_id=orow.id)
                akeys = level_keys(okeys[opos], "a", [a.code for a in o.activities])  # --- corrections ---
                for apos, a in enumerate(o.activities):
                    self._activity(a, orow.id, apos, akeys[apos])
        self._report(lf)

    def _report(self, lf: Logframe) -> None:
        for pos, ob in enumerate(lf.observations):
            self.s.add(ObservationRow(
                document_id=self.document_id, position=pos, indicator=ob.indicator, value=ob.value,
                value_as_written=ob.value_as_written, unit=ob.unit, period=ob.period,
                disaggregation=ob.disaggregation or None, source=ob.source, pillar=ob.pillar,
                matched_indicator_id=None, match_score=None, **_bbox_columns(ob)))
        for kind in ("lessons", "challenges", "recommendations"):
            for pos, item in enumerate(getattr(lf, kind)):
                self.s.add(ReportItemRow(document_id=self.document_id, kind=kind, position=pos, text=item.text,
                                         **_bbox_columns(item)))
        for pos, pr in enumerate(lf.progress):
            self.s.add(PillarProgressRow(document_id=self.document_id, position=pos, pillar=pr.pillar,
                                         heading=pr.heading, text=pr.text, **_bbox_columns(pr)))
        self.s.flush()

    def _activity(self, a: Activity, output_id: int, pos: int, key: str) -> None:
        budget = a.budget
        arow = ActivityRow(
            document_id=self.document_id, output_id=output_id, position=pos, code=a.code, text=a.text,
            level_name=a.level_name, timeline=a.timeline, record_key=key,
            budget_amount=budget.amount if budget else None,
            budget_currency=budget.currency if budget else None,
            budget_as_written=budget.as_written if budget else None, **_bbox_columns(a),
        )
        quarters = {int(q[:4]): [] for q in a.quarters}
        for q in a.quarters:
            quarters[int(q[:4])].append(int(q[-1]))
        for year in sorted(set(a.years) | set(quarters)):
            for quarter in quarters.get(year) or [None]:
                arow.timeline_entries.append(TimelineRow(year=year, quarter=quarter))
        self.s.add(arow)
        self.s.flush()
        self._extras(a, key, activity_id=arow.id)

    def _extras(self, level, key: str, **owner: int) -> None:  # noqa: ANN001 - Goal | Output | Activity
        # --- corrections: record keys ---
        ikeys = indicator_keys(key, [(ind.code, ind.text) for ind in level.indicators])
        nkeys = institution_keys(key, [inst.name for inst in level.institutions])
        # --- end corrections ---
        for pos, ind in enumerate(level.indicators):
            self.s.add(IndicatorRow(
                document_id=self.document_id, position=pos, code=ind.code, text=ind.text, unit=ind.unit,
                baseline=ind.baseline, target=ind.target, disaggregation=ind.disaggregation or None,
                means_of_verification=ind.means_of_verification, **_bbox_columns(ind), **owner,
                record_key=ikeys[pos],
            ))
        for pos, inst in enumerate(level.institutions):
            self.s.add(InstitutionLinkRow(
                document_id=self.document_id, institution_id=self._institution_id(inst), position=pos,
                role=inst.role, name_as_written=inst.name, **owner, record_key=nkeys[pos],
            ))

    def _institution_id(self, inst: Institution) -> int:
        canonical = inst.canonical_name or inst.name
        if canonical in self._institutions:
            return self._institutions[canonical]
        row = self.s.scalar(select(InstitutionRow).where(InstitutionRow.canonical_name == canonical))
        if row is None:
            row = InstitutionRow(canonical_name=canonical, acronym=inst.acronym, type=inst.type)
            self.s.add(row)
            self.s.flush()
        else:
            row.acronym = row.acronym or inst.acronym
            row.type = row.type or inst.type
        have = {a.alias for a in row.aliases}
        for alias in inst.aliases:
            if alias not in have and alias != canonical and len(alias) <= 300:
                row.aliases.append(InstitutionAliasRow(alias=alias))
                have.add(alias)
        self.s.flush()
        self._institutions[canonical] = row.id
        return row.id


class _RecordReader:
    """Rebuilds a ``Logframe`` from a document's rows."""

    def __init__(self, s: Session, row: DocumentRow):
        self.s = s
        self.row = row
        doc_id = row.id
        self.indicators: dict[tuple[str, int], list[IndicatorRow]] = {}
        for ind in s.scalars(select(IndicatorRow).where(IndicatorRow.document_id == doc_id)
                             .order_by(IndicatorRow.position)):
            self.indicators.setdefault(_owner(ind), []).append(ind)
        self.links: dict[tuple[str, int], list[InstitutionLinkRow]] = {}
        for link in s.scalars(select(InstitutionLinkRow).where(InstitutionLinkRow.document_id == doc_id)
                              .order_by(InstitutionLinkRow.position)):
            self.links.setdefault(_owner(link), []).append(link)

    def read(self) -> Logframe:
        r = self.row
        period = PlanPeriod(start=r.period_start, end=r.period_end) if r.period_start and r.period_end else None
        document = Document(
            id=r.id, source_path=r.source_path, sha256=r.sha256, kind=r.kind, country=r.country, title=r.title,
            language=r.language, plan_period=period, generation=r.generation, pages=r.pages,
            extractor_version=r.extractor_version, acronyms={a.acronym: a.expansion for a in r.acronyms},
        )
        pillars = [Pillar(code=p.code, name=p.name, text=p.text, **_prov(p)) for p in r.pillars]
        goals = [
            Goal(code=g.code, text=g.text, level_name=g.level_name, pillar=g.pillar_text, **_prov(g),
                 classification=_classification(g.classification), **self._extras("goal", g.id),
                 outputs=[
                     Output(code=o.code, text=o.text, level_name=o.level_name, **_prov(o),
                            classification=_classification(o.classification), **self._extras("output", o.id),
                            activities=[self._activity(a) for a in o.activities])
                     for o in g.outputs
                 ])
            for g in r.goals
        ]
        return Logframe(document=document, pillars=pillars, goals=goals, **self._report())

    def _report(self) -> dict:
        doc_id = self.row.id
        observations = []
        for ob in self.s.scalars(select(ObservationRow).where(ObservationRow.document_id == doc_id)
                                 .order_by(ObservationRow.position)):
            matched = None
            if ob.matched_indicator is not None:
                mi = ob.matched_indicator
                plan_sha = self.s.scalar(select(DocumentRow.sha256).where(DocumentRow.id == mi.document_id))
                matched = MatchedIndicator(text=mi.text, code=mi.code, score=ob.match_score or 0.0,
                                           document_sha256=plan_sha)
            observations.append(Observation(
                indicator=ob.indicator, value=ob.value, value_as_written=ob.value_as_written, unit=ob.unit,
                period=ob.period, disaggregation=ob.disaggregation or {}, source=ob.source, pillar=ob.pillar,
                matched_indicator=matched, **_prov(ob)))
        items: dict[str, list[ReportItem]] = {"lessons": [], "challenges": [], "recommendations": []}
        for it in self.s.scalars(select(ReportItemRow).where(ReportItemRow.document_id == doc_id)
                                 .order_by(ReportItemRow.kind, ReportItemRow.position)):
            items[it.kind].append(ReportItem(text=it.text, **_prov(it)))
        progress = [PillarProgress(pillar=p.pillar, heading=p.heading, text=p.text, **_prov(p))
                    for p in self.s.scalars(select(PillarProgressRow).where(PillarProgressRow.document_id == doc_id)
                                            .order_by(PillarProgressRow.position))]
        return {"observations": observations, **items, "progress": progress}

    def _activity(self, a: ActivityRow) -> Activity:
        budget = Budget(amount=a.budget_amount, currency=a.budget_currency, as_written=a.budget_as_written) \
            if a.budget_as_written is not None else None
        entries = a.timeline_entries
        return Activity(
            code=a.code, text=a.text, level_name=a.level_name, **_prov(a), **self._extras("activity", a.id),
            years=sorted({t.year for t in entries}),
            quarters=[f"{t.year}-Q{t.quarter}" for t in entries if t.quarter],
            timeline=a.timeline, budget=budget,
        )

    def _extras(self, kind: str, owner_id: int) -> dict:
        return {
            "indicators": [
                Indicator(code=i.code, text=i.text, unit=i.unit, baseline=i.baseline, target=i.target,
                          disaggregation=i.disaggregation or [], means_of_verification=i.means_of_verification,
                          **_prov(i))
                for i in self.indicators.get((kind, owner_id), [])
            ],
            "institutions": [
                Institution(name=link.name_as_written, canonical_name=link.institution.canonical_name,
                            acronym=link.institution.acronym, type=link.institution.type, role=link.role,
                            aliases=[a.alias for a in link.institution.aliases])
                for link in self.links.get((kind, owner_id), [])
            ],
        }


def _json(c: Classification | None) -> dict | None:
    return c.model_dump(mode="json") if c is not None else None


def _classification(data: dict | None) -> Classification | None:
    return Classification.model_validate(data) if data else None


def _owner(row: IndicatorRow | InstitutionLinkRow) -> tuple[str, int]:
    if row.goal_id is not None:
        return ("goal", row.goal_id)
    if row.output_id is not None:
        return ("output", row.output_id)
    return ("activity", row.activity_id)  # type: ignore[return-value]


def _prov(row) -> dict:  # noqa: ANN001 - any row with provenance columns
    bbox = (row.x0, row.top, row.x1, row.bottom) if row.x0 is not None else None
    return {"page": row.page, "bbox": bbox, "method": row.method, "confidence": row.confidence}
