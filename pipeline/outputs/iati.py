"""IATI results: a plan's logframe, and a report's observations, as IATI 2.03 activity XML.

Aid agencies and ministries publish results frameworks as IATI ``result`` / ``indicator`` /
``baseline`` / ``period`` / ``target`` / ``actual`` elements. ``to_iati`` writes one
``iati-activity`` per document, valid against the IATI 2.03 activity schema bundled in
``pipeline/outputs/iati_schema/`` (``tests/test_iati.py`` validates it with lxml):

- a plan: one ``result`` per goal (type 2, outcome) and per output (type 1, output) that has
  indicators; an activity's indicators go to its output's result (IATI has no activity results),
  with the activity named in the indicator's description. Each indicator has its ``baseline`` (the
  plan's first year, the value as written in a comment, the number as ``value`` when there is one)
  and one ``period`` over the plan's period with its ``target``;
- a report: one ``result`` per pillar section (type 2), one ``indicator`` per indicator measured
  (the plan's wording when the observation was matched to a plan indicator) and one ``period`` per
  year or period reported, with an ``actual`` value per figure (sex and other disaggregations as
  ``dimension``); the plan's activity, when the observations were matched to a loaded plan, as a
  ``related-activity``.

Every activity needs a start or end date: the plan's period, else the years its activities or
observations name; a document with none of these is left out (``IatiExport.skipped`` says so, and
when no document is left ``NaplogError`` says why). The
reporting organisation is ``OutputSettings.iati_org_ref`` / ``iati_org_name`` / ``iati_org_type``
(``NAPLOG_IATI_ORG_REF`` ...): a publisher sets its own registered identifier; activity identifiers
are that reference and the first 16 hex digits of the document's sha256.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import NaplogError
from pipeline.records import Indicator, Logframe, Observation, is_plan, kind_label
from pipeline.settings import output_settings

SCHEMA_DIR = Path(__file__).parent / "iati_schema"
ACTIVITY_SCHEMA = SCHEMA_DIR / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# IATI codelists used (2.03): ResultType, IndicatorMeasure, ActivityDateType, ActivityStatus,
# OrganisationRole, DescriptionType, RelatedActivityType.
OUTCOME, OUTPUT = "2", "1"
MEASURE = {"number": "1", "percentage": "2", "ratio": "1", "text": "5", None: "1"}
PLANNED_START, PLANNED_END = "1", "3"
IMPLEMENTATION = "2"
ACCOUNTABLE = "2"
GENERAL_DESCRIPTION = "1"
SIBLING = "3"
_NUMBER = re.compile(r"[-+]?\d[\d\s,.]*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class IatiExport:
    xml: str
    activities: int
    skipped: list[str] = field(default_factory=list)  # "<file>: why"


def activity_identifier(lf: Logframe) -> str:
    return f"{output_settings().iati_org_ref}-{lf.document.sha256[:16]}"


def to_iati(logframes: list[Logframe], generated: dt.datetime | None = None) -> IatiExport:
    """The documents as one ``iati-activities`` file (version 2.03)."""
    generated = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    root = ET.Element("iati-activities", {"version": "2.03", "generated-datetime": generated.isoformat()})
    plans = {lf.document.sha256: lf for lf in logframes if is_plan(lf.document.kind)}
    skipped = []
    for lf in logframes:
        span = _dates(lf)
        if span is None:
            skipped.append(f"{lf.document.source_path}: no plan period and no year in its records, and an "
                           "IATI activity needs a date")
            continue
        root.append(_activity(lf, span, plans, generated))
    if not len(root):  # the schema wants at least one activity
        raise NaplogError("nothing to export as IATI: " + "; ".join(skipped or ["no documents"]))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return IatiExport(text, len(root), skipped)


def _activity(lf: Logframe, span: tuple[int, int], plans: dict[str, Logframe], generated: dt.datetime) -> ET.Element:
    doc = lf.document
    settings = output_settings()
    lang = doc.language or "en"
    act = ET.Element("iati-activity", {"last-updated-datetime": generated.isoformat(), XML_LANG: lang})
    ET.SubElement(act, "iati-identifier").text = activity_identifier(lf)
    org = ET.SubElement(act, "reporting-org", {"ref": settings.iati_org_ref, "type": settings.iati_org_type})
    _narrative(org, settings.iati_org_name)
    _narrative(ET.SubElement(act, "title"), doc.title or Path(doc.source_path).stem, lang)
    description = ET.SubElement(act, "description", {"type": GENERAL_DESCRIPTION})
    _narrative(description, f"{kind_label(doc.kind, doc.generation)}: results read by naplog from "
                            f"{Path(doc.source_path).name} (sha256 {doc.sha256}).", "en")
    participant = ET.SubElement(act, "participating-org", {"role": ACCOUNTABLE})
    _narrative(participant, f"Government of {doc.country}" if doc.country else settings.iati_org_name, "en")
    ET.SubElement(act, "activity-status", {"code": IMPLEMENTATION})
    ET.SubElement(act, "activity-date", {"type": PLANNED_START, "iso-date": f"{span[0]}-01-01"})
    ET.SubElement(act, "activity-date", {"type": PLANNED_END, "iso-date": f"{span[1]}-12-31"})
    if doc.country_code:
        ET.SubElement(act, "recipient-country", {"code": doc.country_code, "percentage": "100"})
    if is_plan(doc.kind):
        for result in _plan_results(lf, span, lang):
            act.append(result)
    else:
        for sha in sorted({o.matched_indicator.document_sha256 for o in lf.observations
                           if o.matched_indicator and o.matched_indicator.document_sha256} & plans.keys()):
            ET.SubElement(act, "related-activity", {"ref": activity_identifier(plans[sha]), "type": SIBLING})
        for result in _report_results(lf, span, lang):
            act.append(result)
    return act


def _narrative(parent: ET.Element, text: str, lang: str | None = None) -> None:
    ET.SubElement(parent, "narrative", {XML_LANG: lang} if lang else {}).text = text


def _dates(lf: Logframe) -> tuple[int, int] | None:
    """(first year, last year): the plan's period, else the years its records name."""
    if lf.document.plan_period:
        return lf.document.plan_period.start, lf.document.plan_period.end
    years = [y for a in lf.activities() for y in a.years]
    years += [int(y) for o in lf.observations for y in _YEAR.findall(o.period or "")]
    return (min(years), max(years)) if years else None


def _number(text: str | None) -> str | None:
    """The first number of a value as written ("35% of households" -> "35"; "2 000" -> "2000")."""
    m = _NUMBER.search(text or "")
    if not m:
        return None
    raw = re.sub(r"\s", "", m.group()).rstrip(".,")
    if re.fullmatch(r"\d{1,3}([,.]\d{3})+", raw):  # thousands separators
        raw = re.sub(r"[,.]", "", raw)
    return raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw.replace(",", "")


# ---- a plan --------------------------------------------------------------------------------------

def _plan_results(lf: Logframe, span: tuple[int, int], lang: str) -> list[ET.Element]:
    results = []
    for g in lf.goals:
        if g.text and g.indicators:
            results.append(_result(OUTCOME, _level_title(g.code, g.text), [(i, None) for i in g.indicators],
                                   span, lang))
        for o in g.outputs:
            indicators = [(i, None) for i in o.indicators]
            indicators += [(i, a.text) for a in o.activities for i in a.indicators]
            if not indicators:
                continue
            if o.text:
                results.append(_result(OUTPUT, _level_title(o.code, o.text), indicators, span, lang))
            elif g.text:  # a plan without an output level: the goal's activities' indicators
                results.append(_result(OUTCOME, _level_title(g.code, g.text), indicators, span, lang))
    return results


def _level_title(code: str | None, text: str) -> str:
    return f"{code} {text}" if code else text


def _result(kind: str, title: str, indicators: list[tuple[Indicator, str | None]], span: tuple[int, int],
            lang: str) -> ET.Element:
    result = ET.Element("result", {"type": kind})
    _narrative(ET.SubElement(result, "title"), title, lang)
    for ind, activity in indicators:
        el = ET.SubElement(result, "indicator", {"measure": MEASURE[ind.unit]})
        _narrative(ET.SubElement(el, "title"), ind.text, lang)
        notes = [f"Activity: {activity}" if activity else "", f"Means of verification: "
                 f"{ind.means_of_verification}" if ind.means_of_verification else "", f"Page {ind.page}"]
        _narrative(ET.SubElement(el, "description"), ". ".join(n for n in notes if n), "en")
        if ind.baseline:
            year = _YEAR.search(ind.baseline)
            baseline = ET.SubElement(el, "baseline", {"year": year.group(1) if year else str(span[0])})
            if (value := _number(_YEAR.sub("", ind.baseline))) is not None:
                baseline.set("value", value)
            _narrative(ET.SubElement(baseline, "comment"), ind.baseline, lang)
        if ind.target:
            period = ET.SubElement(el, "period")
            ET.SubElement(period, "period-start", {"iso-date": f"{span[0]}-01-01"})
            ET.SubElement(period, "period-end", {"iso-date": f"{span[1]}-12-31"})
            target = ET.SubElement(period, "target")
            if (value := _number(_YEAR.sub("", ind.target))) is not None:
                target.set("value", value)
            _narrative(ET.SubElement(target, "comment"), ind.target, lang)
    return result


# ---- a report ------------------------------------------------------------------------------------

def _report_results(lf: Logframe, span: tuple[int, int], lang: str) -> list[ET.Element]:
    by_pillar: dict[str, dict[str, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    for o in lf.observations:
        name = o.matched_indicator.text if o.matched_indicator else o.indicator
        by_pillar[o.pillar or "other"][name].append(o)
    results = []
    for pillar, indicators in by_pillar.items():
        result = ET.Element("result", {"type": OUTCOME})
        _narrative(ET.SubElement(result, "title"), f"Progress reported: {pillar.replace('_', ' ')}", "en")
        for name, observations in indicators.items():
            el = ET.SubElement(result, "indicator", {"measure": MEASURE[observations[0].unit]})
            _narrative(ET.SubElement(el, "title"), name, lang)
            by_period: dict[tuple[int, int], list[Observation]] = defaultdict(list)
            for o in observations:
                years = [int(y) for y in _YEAR.findall(o.period or "")]
                by_period[(min(years), max(years)) if years else span].append(o)
            for (start, end), values in sorted(by_period.items()):
                period = ET.SubElement(el, "period")
                ET.SubElement(period, "period-start", {"iso-date": f"{start}-01-01"})
                ET.SubElement(period, "period-end", {"iso-date": f"{end}-12-31"})
                for o in values:
                    actual = ET.SubElement(period, "actual")
                    if o.value is not None:
                        actual.set("value", f"{o.value:g}")
                    for dim, val in sorted(o.disaggregation.items()):
                        ET.SubElement(actual, "dimension", {"name": dim, "value": val})
                    where = f"page {o.page}" + (f", source: {o.source}" if o.source else "")
                    _narrative(ET.SubElement(actual, "comment"), f"{o.value_as_written or o.value} ({where})", lang)
        results.append(result)
    return results
