"""Logframe records to store rows and back: what ``pipeline.store.database`` writes when it loads a
logframe and reads when it gives one back.

Kept apart from the store itself so that opening a store and checking what is current (a re-run
over unchanged files) imports neither the pydantic record models nor the corrections.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

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
from pipeline.store.faults import fault_point
from pipeline.store.keys import (  # --- corrections ---
    document_prefix,
    indicator_keys,
    institution_keys,
    level_keys,
    position_path,
)
from pipeline.store.schema import (
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
    ReportItemRow,
    TimelineRow,
)


def _bbox_columns(rec) -> dict:  # noqa: ANN001 - any Provenance record
    x0, top, x1, bottom = rec.bbox if rec.bbox else (None, None, None, None)
    return {
        "page": rec.page, "x0": x0, "top": top, "x1": x1, "bottom": bottom,
        "method": rec.method, "confidence": rec.confidence,
    }


class RecordWriter:
    """Writes one logframe's records under a document row.

    Level by level, each table gets one bulk INSERT of plain values that returns the new rows' ids
    in the order the rows were given (SQLAlchemy's "insertmanyvalues", on SQLite and PostgreSQL);
    the next level refers to its parents by those ids. Rows are inserted in the order an ORM flush
    of the same records inserted them, so they get the same ids. An ORM object per row, sorted by
    the unit of work, took most of a load's time. Institutions, shared across documents and found
    by name, stay ORM rows."""

    def __init__(self, s: Session, document_id: int):
        self.s = s
        self.document_id = document_id
        self._institutions: dict[str, InstitutionRow] = {}
        # Filled while the levels are written, inserted once every level has its ids.
        self._indicators: list[dict] = []
        self._links: list[tuple[dict, InstitutionRow]] = []

    def write(self, lf: Logframe) -> None:
        doc = self.document_id
        pillar_ids = self._insert_ids(PillarRow, [
            dict(document_id=doc, position=pos, code=p.code, name=p.name, text=p.text, **_bbox_columns(p))
            for pos, p in enumerate(lf.pillars)])
        pillar_of: dict[str, int] = {}
        for p, pid in zip(lf.pillars, pillar_ids):
            pillar_of.setdefault(p.text, pid)
        # --- corrections: record keys (scheme in pipeline/store/corrections.py) ---
        gkeys = level_keys(document_prefix(doc), "g", [g.code for g in lf.goals])
        okeys = [level_keys(gkeys[gpos], "o", [o.code for o in g.outputs]) for gpos, g in enumerate(lf.goals)]
        # --- end corrections ---
        goal_ids = self._insert_ids(GoalRow, [
            dict(document_id=doc, position=gpos, code=g.code, text=g.text, level_name=g.level_name,
                 pillar_text=g.pillar, classification=_json(g.classification),
                 pillar_id=pillar_of.get(g.pillar or ""), record_key=gkeys[gpos], **_bbox_columns(g))
            for gpos, g in enumerate(lf.goals)])
        fault_point("kill-during-load")  # the goals written, nothing under them (tests/test_faults.py)
        outputs = [(o, gid, okeys[gpos][opos], opos)
                   for gpos, (g, gid) in enumerate(zip(lf.goals, goal_ids)) for opos, o in enumerate(g.outputs)]
        output_ids = self._insert_ids(OutputRow, [
            dict(document_id=doc, goal_id=gid, position=opos, code=o.code, text=o.text, level_name=o.level_name,
                 classification=_json(o.classification), record_key=key, **_bbox_columns(o))
            for o, gid, key, opos in outputs])
        activities = []
        for (o, _, okey, _), oid in zip(outputs, output_ids):
            akeys = level_keys(okey, "a", [a.code for a in o.activities])  # --- corrections ---
            activities.extend((a, oid, akeys[apos], apos) for apos, a in enumerate(o.activities))
        activity_ids = self._insert_ids(ActivityRow, [_activity_values(doc, a, oid, apos, key)
                                                      for a, oid, key, apos in activities])
        fault_point("during-load")  # thousands of rows written, indicators and links not yet (tests)
        self._insert(TimelineRow, [dict(activity_id=aid, year=year, quarter=quarter)
                                   for (a, *_), aid in zip(activities, activity_ids)
                                   for year, quarter in _timeline(a)])
        # Indicators and institutions in the order an ORM flush inserted them: each goal's, then
        # each of its outputs' and their activities'.
        activity_at = iter(zip(activities, activity_ids))
        output_at = iter(zip(outputs, output_ids))
        for g, gid, gkey in zip(lf.goals, goal_ids, gkeys):
            self._extras(g, gkey, goal_id=gid)
            for _ in g.outputs:
                (o, _, okey, _), oid = next(output_at)
                self._extras(o, okey, output_id=oid)
                for _ in o.activities:
                    (a, _, akey, _), aid = next(activity_at)
                    self._extras(a, akey, activity_id=aid)
        self._insert(IndicatorRow, self._indicators)
        if self._links:
            self.s.flush()  # the institutions this logframe added get their ids
            self._insert(InstitutionLinkRow, [dict(values, institution_id=row.id) for values, row in self._links])
        self._report(lf)

    def _report(self, lf: Logframe) -> None:
        """A report's rows: none has rows of its own, so each table is one bulk INSERT of plain
        values (a report holds up to a few thousand observations)."""
        doc = self.document_id
        self._insert(ObservationRow, [
            dict(document_id=doc, position=pos, indicator=ob.indicator, table_caption=ob.table, value=ob.value,
                 value_as_written=ob.value_as_written, unit=ob.unit, period=ob.period,
                 disaggregation=ob.disaggregation or None, source=ob.source, pillar=ob.pillar,
                 matched_indicator_id=None, match_score=None, **_bbox_columns(ob))
            for pos, ob in enumerate(lf.observations)])
        self._insert(ReportItemRow, [
            dict(document_id=doc, kind=kind, position=pos, text=item.text, **_bbox_columns(item))
            for kind in ("lessons", "challenges", "recommendations") for pos, item in enumerate(getattr(lf, kind))])
        self._insert(PillarProgressRow, [
            dict(document_id=doc, position=pos, pillar=pr.pillar, heading=pr.heading, text=pr.text,
                 **_bbox_columns(pr))
            for pos, pr in enumerate(lf.progress)])

    def _insert(self, table: type, rows: list[dict]) -> None:
        if rows:
            self.s.execute(insert(table), rows)

    def _insert_ids(self, table: type, rows: list[dict]) -> list[int]:
        """Insert ``rows``; their ids, in the same order."""
        if not rows:
            return []
        stmt = insert(table).returning(table.id, sort_by_parameter_order=True)
        return list(self.s.scalars(stmt, rows))

    def _extras(self, level, key: str, **owner: int) -> None:  # noqa: ANN001 - a goal, output or activity
        # --- corrections: record keys ---
        ikeys = indicator_keys(key, [(ind.code, ind.text) for ind in level.indicators])
        nkeys = institution_keys(key, [inst.name for inst in level.institutions])
        # --- end corrections ---
        no_owner = {"goal_id": None, "output_id": None, "activity_id": None}
        for pos, ind in enumerate(level.indicators):
            self._indicators.append(dict(
                no_owner, document_id=self.document_id, position=pos, code=ind.code, text=ind.text,
                unit=ind.unit, baseline=ind.baseline, target=ind.target,
                disaggregation=ind.disaggregation or None, means_of_verification=ind.means_of_verification,
                record_key=ikeys[pos], **owner, **_bbox_columns(ind)))
        for pos, inst in enumerate(level.institutions):
            self._links.append((dict(no_owner, document_id=self.document_id, position=pos, role=inst.role,
                                     name_as_written=inst.name, record_key=nkeys[pos], **owner),
                                self._institution(inst)))

    def _institution(self, inst: Institution) -> InstitutionRow:
        canonical = inst.canonical_name or inst.name
        if canonical in self._institutions:
            return self._institutions[canonical]
        # No flush of the rows added so far: an institution this logframe added is in the cache.
        with self.s.no_autoflush:
            row = self.s.scalar(select(InstitutionRow).where(InstitutionRow.canonical_name == canonical))
            if row is None:
                row = InstitutionRow(canonical_name=canonical, acronym=inst.acronym, type=inst.type)
                self.s.add(row)
            else:
                row.acronym = row.acronym or inst.acronym
                row.type = row.type or inst.type
            have = {a.alias for a in row.aliases}
        for alias in inst.aliases:
            if alias not in have and alias != canonical:  # aliases: at most MAX_NAME_CHARS (records)
                row.aliases.append(InstitutionAliasRow(alias=alias))
                have.add(alias)
        self._institutions[canonical] = row
        return row


class RecordReader:
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
        covered = PlanPeriod(start=r.report_start, end=r.report_end) if r.report_start and r.report_end else None
        document = Document(
            id=r.id, source_path=r.source_path, sha256=r.sha256, kind=r.kind, country=r.country,
            country_code=r.country_code, title=r.title,
            language=r.language, plan_period=period, generation=r.generation, report_kind=r.report_kind,
            report_period=covered, reports_on=r.reports_on, pages=r.pages,
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
                indicator=ob.indicator, table=ob.table_caption, value=ob.value, value_as_written=ob.value_as_written, unit=ob.unit,
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


def record_keys(s: Session, document_id: int) -> dict[str, str]:
    """Every goal's, output's, activity's and indicator's ``record_key`` by its position path
    (``pipeline.store.keys.position_path``): how the review names a record as the workbook does."""
    places: dict[tuple[str, int], tuple[int, ...]] = {}  # (level, row id) -> 1-based positions
    keys: dict[str, str] = {}
    for table, level, parent in ((GoalRow, "goal", None), (OutputRow, "output", "goal"),
                                 (ActivityRow, "activity", "output")):
        parent_id = getattr(table, f"{parent}_id") if parent else table.document_id
        for row_id, pos, key, of in s.execute(select(table.id, table.position, table.record_key, parent_id)
                                              .where(table.document_id == document_id)):
            place = (*(places[(parent, of)] if parent else ()), pos + 1)
            places[(level, row_id)] = place
            if key:
                keys[position_path(*place)] = key
    for ind in s.execute(select(IndicatorRow.goal_id, IndicatorRow.output_id, IndicatorRow.activity_id,
                                IndicatorRow.position, IndicatorRow.record_key)
                         .where(IndicatorRow.document_id == document_id)):
        level, owner_id = _owner(ind)
        owner = places.get((level, owner_id))
        if ind.record_key and owner:
            keys[position_path(*owner, *([None] * (3 - len(owner))), ind.position + 1)] = ind.record_key
    return keys


def _activity_values(document_id: int, a: Activity, output_id: int, pos: int, key: str) -> dict:
    budget = a.budget
    return dict(
        document_id=document_id, output_id=output_id, position=pos, code=a.code, text=a.text,
        level_name=a.level_name, timeline=a.timeline, record_key=key,
        budget_amount=budget.amount if budget else None, budget_currency=budget.currency if budget else None,
        budget_as_written=budget.as_written if budget else None, **_bbox_columns(a))


def _timeline(a: Activity) -> list[tuple[int, int | None]]:
    """The (year, quarter) rows of an activity: a year alone, or each of its quarters."""
    quarters: dict[int, list[int]] = {int(q[:4]): [] for q in a.quarters}
    for q in a.quarters:
        quarters[int(q[:4])].append(int(q[-1]))
    return [(year, quarter) for year in sorted(set(a.years) | set(quarters)) for quarter in quarters.get(year) or [None]]


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
