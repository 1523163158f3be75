"""Pydantic records for a logframe: the one set of types every stage speaks.

The JSON produced by ``Logframe.model_dump(mode="json")`` is the contract described in
``docs/json-contract.md``; ``pipeline/schema/logframe.schema.json`` is generated from these
models (``naplog schema``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

Method = Literal["ruled_table", "unruled_table", "card", "narrative", "manual"]
Kind = Literal["nap", "wps_regional_plan", "wps_local_plan", "adaptation_plan", "development_plan", "other_plan",
               "project_logframe", "report"]
# What each kind is, as ``naplog documents`` says it. Every kind but "report" is a plan: it holds a
# logframe, is scored and compared; a report measures a plan (observations) and is never scored.
KIND_LABELS: dict[str, str] = {
    "nap": "WPS national action plan",
    "wps_regional_plan": "WPS regional action plan",
    "wps_local_plan": "WPS local action plan",
    "adaptation_plan": "climate adaptation plan",
    "development_plan": "development plan",
    "other_plan": "plan with a results framework",
    "project_logframe": "project logframe",
    "report": "progress report",
}


def is_plan(kind: str) -> bool:
    """A plan of any kind (a WPS NAP, an adaptation plan, a project logframe ...), not a report."""
    return kind != "report"


def kind_label(kind: str, generation: int | None = None) -> str:
    """"WPS national action plan (2nd generation)", "climate adaptation plan", "progress report"."""
    label = KIND_LABELS.get(kind, kind)
    if generation and kind.startswith(("nap", "wps_")):
        ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(generation, f"{generation}th")
        label += f" ({ordinal} generation)"
    return label
Role = Literal["lead", "partner"]
Unit = Literal["number", "percentage", "ratio", "text"]
InstitutionType = Literal[
    "government", "security", "parliament", "cso", "un", "development_partner", "other"
]
Language = Literal["en", "fr", "es", "pt"]

CODE_RE = re.compile(r"^[0-9A-Za-z]{1,4}(\.[0-9A-Za-z]{1,4}){0,5}$")
QUARTER_RE = re.compile(r"^(19|20)\d\d-Q[1-4]$")

BBox = Annotated[tuple[float, float, float, float], Field(description="x0, top, x1, bottom in PDF points")]


# What no stored text may hold (XML, and so XLSX, refuses them; a terminal obeys them): control
# characters but tab and line feed, DEL and the C1 controls, lone surrogates, and the Unicode
# non-characters (U+FDD0-U+FDEF, and the last two code points of every plane). U+0002 and U+FFFE are
# PDFium's marks of a hyphen ending a line: pdfminer reads the hyphen there, so they become "-".
_LINE_END_HYPHEN = re.compile("[\x02\ufffe]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                       + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
                       + "]")
# Fields that name a file or a digest, not text read from a PDF: kept exactly (the store finds a
# document by its path; a terminal escapes it when printing, see pipeline.errors.one_line).
_NOT_CLEANED = frozenset({"source_path", "sha256", "document_sha256"})


def clean_text(text: str) -> str:
    """``text`` without control or non-characters (``_NOT_TEXT``; CR becomes a line feed), PDFium's
    line-end hyphen marks as "-"."""
    if text.isprintable():  # nearly every text: nothing to look for
        return text
    text = _LINE_END_HYPHEN.sub("-", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _NOT_TEXT.sub("", text)


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict):
        return {clean_text(k) if isinstance(k, str) else k: clean_text(v) if isinstance(v, str) else v
                for k, v in value.items()}
    return value


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: object, info: ValidationInfo) -> object:
        """Every text of every record, whichever reader or extractor made it, as ``clean_text``
        leaves it: no stored text holds a control or non-character (issue 23)."""
        return value if info.field_name in _NOT_CLEANED else _cleaned(value)


class Provenance(Record):
    """Where a record came from: every extracted record carries these fields."""

    page: int = Field(ge=1, description="1-based PDF page where the record's row starts")
    bbox: BBox | None = None
    method: Method = "ruled_table"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("bbox")
    @classmethod
    def _bbox_ordered(cls, v: tuple[float, float, float, float] | None):
        if v is not None and (v[0] > v[2] or v[1] > v[3]):
            raise ValueError(f"bbox {v} is not (x0, top, x1, bottom) with x0<=x1 and top<=bottom")
        return v


def _check_code(v: str | None) -> str | None:
    if v is None:
        return None
    v = v.strip().rstrip(".")
    if not v:
        return None
    if not CODE_RE.match(v):
        raise ValueError(f"code {v!r} is not a hierarchy code like 1, 1.1 or 1.1.2")
    return v


def _check_text(v: str | None) -> str | None:
    if v is None:
        return None
    v = " ".join(v.split())
    return v or None


# While the extractors build a document's records (``pipeline.extract.extract``), a required text that
# nothing is left of once cleaned (a cell of control or non-characters only: a font mapping its glyphs
# to nothing) is kept as "", so that ``Logframe.drop_empty_records`` leaves that one record out with a
# warning naming its page; one such cell used to cost the whole document (issue 23). Everywhere else
# an empty required text is an error, as the schema says ("minLength": 1).
_EMPTY_KEPT: ContextVar[bool] = ContextVar("naplog_empty_texts_kept", default=False)


@contextmanager
def keeping_empty_texts() -> Iterator[None]:
    """Within this block, a required text left empty by the cleaning is "" instead of an error."""
    token = _EMPTY_KEPT.set(True)
    try:
        yield
    finally:
        _EMPTY_KEPT.reset(token)


def _non_empty(v: str) -> str:
    if not v and not _EMPTY_KEPT.get():
        raise ValueError("String should have at least 1 character")
    return v


def _collapsed_non_empty(v: str) -> str:
    return _non_empty(" ".join(v.split()))


_MIN_ONE = {"minLength": 1}
# A required text as written (pillar banners keep their line breaks) ...
RequiredText = Annotated[str, AfterValidator(_non_empty), Field(json_schema_extra=_MIN_ONE)]
# ... and one whose white space is collapsed (what ``_check_text`` does to optional texts).
RequiredWords = Annotated[str, AfterValidator(_collapsed_non_empty), Field(json_schema_extra=_MIN_ONE)]


class Budget(Record):
    amount: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, description="ISO 4217 code such as USD, XOF, EUR")
    as_written: str

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[A-Z]{3}", v):
            raise ValueError(f"currency {v!r} is not a three-letter ISO 4217 code")
        return v


# An institution's name is unique in the store's index (institutions.canonical_name), and a PostgreSQL
# index entry holds at most 2,704 bytes: 500 characters take at most 2,000 in UTF-8. Checked here, so
# that SQLite and PostgreSQL take and refuse the same records (every other text takes any length).
MAX_NAME_CHARS = 500


class Institution(Record):
    name: RequiredWords = Field(max_length=MAX_NAME_CHARS, description="as written in the plan, after a "
                                "list is split")
    canonical_name: str | None = Field(default=None, max_length=MAX_NAME_CHARS)
    acronym: str | None = None
    type: InstitutionType | None = None
    role: Role = "lead"
    aliases: list[str] = Field(default_factory=list, description="other names of the same body (sorted)")

    _strip = field_validator("canonical_name", "acronym")(_check_text)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: list[str]) -> list[str]:
        # An alias too long for the store's index is no name anyone uses: left out, not an error.
        return sorted({" ".join(a.split()) for a in v if a and a.strip() and len(a) <= MAX_NAME_CHARS})


class Indicator(Provenance):
    text: RequiredWords
    code: str | None = None
    unit: Unit | None = None
    baseline: str | None = None
    target: str | None = None
    disaggregation: list[str] = Field(default_factory=list)
    means_of_verification: str | None = None

    _code = field_validator("code")(_check_code)
    _strip = field_validator("baseline", "target", "means_of_verification")(_check_text)


class Level(Provenance):
    """Common fields of goal, output and activity."""

    code: str | None = None
    text: str | None = Field(default=None, description="null when the plan has no such level")
    level_name: str | None = Field(default=None, description="the plan's own name for this level")
    indicators: list[Indicator] = Field(default_factory=list)
    institutions: list[Institution] = Field(default_factory=list)

    _code = field_validator("code")(_check_code)
    _strip = field_validator("text", "level_name")(_check_text)


class Activity(Level):
    years: list[int] = Field(default_factory=list)
    quarters: list[str] = Field(default_factory=list)
    timeline: str | None = Field(default=None, description="timeline cell as written")
    budget: Budget | None = None

    @field_validator("years")
    @classmethod
    def _years(cls, v: list[int]) -> list[int]:
        for y in v:
            if not 1990 <= y <= 2100:
                raise ValueError(f"year {y} is outside 1990-2100")
        return sorted(set(v))

    @field_validator("quarters")
    @classmethod
    def _quarters(cls, v: list[str]) -> list[str]:
        for q in v:
            if not QUARTER_RE.match(q):
                raise ValueError(f"quarter {q!r} is not like 2025-Q1")
        return sorted(set(v))


class Classification(Record):
    """The WPS pillar and ASEAN RPA WPS strategic outcome a goal or output is about
    (``pipeline.text.wps_taxonomy``), each with a score in 0-1 and the words that decided it."""

    pillar: str | None = Field(default=None, description="pillar id: participation, prevention, protection, "
                               "relief_recovery, or an emerging / implementation pillar id")
    pillar_score: float = Field(default=0.0, ge=0.0, le=1.0)
    rpa_outcome: str | None = Field(default=None, description="rpa1 ... rpa6 (ASEAN RPA WPS strategic outcome)")
    rpa_score: float = Field(default=0.0, ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list, description="matched words, pillar's first")


class Output(Level):
    activities: list[Activity] = Field(default_factory=list)
    classification: Classification | None = None


class Goal(Level):
    pillar: str | None = Field(default=None, description="pillar banner text as written")
    outputs: list[Output] = Field(default_factory=list)
    classification: Classification | None = None


class Pillar(Provenance):
    code: str | None = None
    name: RequiredText = Field(description="pillar name without its label and code")
    text: RequiredText = Field(description="banner as written")

    _code = field_validator("code")(_check_code)


class PlanPeriod(Record):
    start: int = Field(ge=1990, le=2100)
    end: int = Field(ge=1990, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> "PlanPeriod":
        if self.end < self.start:
            raise ValueError(f"plan period ends ({self.end}) before it starts ({self.start})")
        return self


class Document(Record):
    source_path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    kind: Kind = Field(default="nap", description="what the document is (pipeline.records.KIND_LABELS): a WPS "
                       "national, regional or local action plan, another plan with a results framework, a "
                       "project logframe, or a progress report")
    country: str | None = None
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$",
                                     description="ISO 3166-1 alpha-2 code of the country (XK: Kosovo)")
    title: str | None = None
    language: Language | None = None
    plan_period: PlanPeriod | None = None
    generation: int | None = Field(default=None, ge=1, le=20)
    report_kind: str | None = Field(default=None, description="a report only: what sort of report it is "
                                    "(country report, progress report, midline report ...)")
    report_period: PlanPeriod | None = Field(default=None, description="a report only: the years it covers")
    reports_on: str | None = Field(default=None, description="a report only: the plan it reports on, as it names it")
    pages: int = Field(ge=0)
    extractor_version: str
    acronyms: dict[str, str] = Field(default_factory=dict)
    id: int | None = Field(default=None, description="store id, set once the document is stored")


class Plan(Record):
    """A country's action plan as a whole; plan documents and their reports link to it."""

    country: str | None
    period: PlanPeriod | None = None
    generation: int | None = None
    title: str | None = None


class MatchedIndicator(Record):
    """The plan indicator an observation measures, found by fuzzy matching of the texts."""

    text: str
    code: str | None = None
    score: float = Field(ge=0.0, le=1.0)
    document_sha256: str | None = Field(default=None, description="sha256 of the plan document (stable across stores)")


class Observation(Provenance):
    """One value a report gives for an indicator (one per value: men, women and % are three)."""

    indicator: RequiredWords = Field(description="indicator as written in the report: a table's row "
                           "label, or the phrase a figure in running text counts")
    table: str | None = Field(default=None, description="caption of the table the figure is in, as written "
                              "(null in running text or when the table has none)")
    value: float | None = None
    value_as_written: str | None = None
    unit: Unit | None = None
    period: str | None = Field(default=None, description="year (2022) or period (2020-2022) the value is for")
    disaggregation: dict[str, str] = Field(
        default_factory=dict, description="e.g. {\"sex\": \"women\", \"group\": \"Généraux\"}")
    source: str | None = None
    pillar: str | None = Field(default=None, description="pillar id of the report section")
    matched_indicator: MatchedIndicator | None = None

    _strip = field_validator("table", "source", "value_as_written")(_check_text)


class ReportItem(Provenance):
    """A lesson learned, challenge or recommendation, as written (numbering and bullets removed)."""

    text: RequiredWords


class PillarProgress(Provenance):
    """What a report says about one pillar's implementation: its section's narrative text."""

    pillar: str = Field(description="pillar id (pipeline.text.wps_taxonomy)")
    heading: str = Field(description="section heading as written")
    text: str = Field(description="narrative paragraphs of the section, tables and lists of values left out")


class Logframe(Record):
    """One document and everything extracted from it. Reports (``document.kind == "report"``) have
    no goals; they carry observations, lessons, challenges, recommendations and per-pillar progress."""

    document: Document
    pillars: list[Pillar] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    lessons: list[ReportItem] = Field(default_factory=list)
    challenges: list[ReportItem] = Field(default_factory=list)
    recommendations: list[ReportItem] = Field(default_factory=list)
    progress: list[PillarProgress] = Field(default_factory=list)

    def outputs(self) -> list[Output]:
        return [o for g in self.goals for o in g.outputs]

    def activities(self) -> list[Activity]:
        return [a for o in self.outputs() for a in o.activities]

    def indicators(self) -> list[Indicator]:
        levels: list[Level] = [*self.goals, *self.outputs(), *self.activities()]
        return [i for lv in levels for i in lv.indicators]

    def drop_empty_records(self) -> list[str]:
        """Leave out every record whose required text is empty (built under ``keeping_empty_texts``),
        and say which, in page order: "page 3: an indicator whose text is ... was left out".

        A record holding others keeps them: a goal, output or activity without text stays, as a level
        the plan does not name (its text null), with its outputs, activities and indicators. What is
        left out (an indicator, an institution, a pillar banner, an observation, a report item) holds
        no other record.
        """
        dropped: list[tuple[int, str]] = []

        def kept(records: list, texts: Callable[[Any], tuple], what: str, page: int | None = None) -> list:
            keep = [r for r in records if all(texts(r))]
            dropped.extend((page or r.page, what) for r in records if not all(texts(r)))
            return keep if len(keep) < len(records) else records

        self.pillars = kept(self.pillars, lambda p: (p.name, p.text), "a pillar banner")
        levels: list[Level] = [*self.goals, *self.outputs(), *self.activities()]
        for level in levels:
            level.indicators = kept(level.indicators, lambda i: (i.text,), "an indicator")
            # An institution has no page of its own: the level naming it has.
            level.institutions = kept(level.institutions, lambda i: (i.name,), "an institution", level.page)
        self.observations = kept(self.observations, lambda o: (o.indicator,), "an observation")
        for name in ("lessons", "challenges", "recommendations"):
            setattr(self, name, kept(getattr(self, name), lambda r: (r.text,), f"one of the {name}"))
        return [f"page {page}: {what} whose text is only characters that are not text (control or "
                f"non-characters) was left out" for page, what in sorted(dropped)]

    def counts(self) -> dict[str, int]:
        levels: list[Level] = [*self.goals, *self.outputs(), *self.activities()]
        return {
            "goals": sum(1 for g in self.goals if g.text),
            "outputs": sum(1 for o in self.outputs() if o.text),
            "activities": len(self.activities()),
            "indicators": len(self.indicators()),
            "institutions": sum(len(lv.institutions) for lv in levels),
        }
