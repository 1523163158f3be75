"""The interface every extraction strategy implements, and what they share.

A strategy reads a document's pages and gives records: ``CardStrategy`` (``extractors.cards``: action
cards and programme sheets, one two-column card per action; it runs first and claims the pages it
reads), ``TableStrategy`` (``extractors.logframe``: results-framework tables, their grids found by
``extractors.ruled`` or ``extractors.unruled``), ``LevelListStrategy`` (``extractors.level_lists``: a table that lists goals or
outcomes under banners naming their level, on pages the first two took nothing from),
``NarrativeStrategy`` (``extractors.narrative``: objectives and actions stated in prose) and
``ReportStrategy`` (``extractors.report``: a progress report's figures, lessons and
recommendations). ``pipeline.extract`` runs the plan strategies in order (``PLAN_STRATEGIES``) or
the report strategy, and decides how their records combine; a new layout gets a new strategy
module behind this interface, not a branch inside another one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from pipeline.pdf.model import PageLayout
from pipeline.records import Goal, Observation, Pillar, PillarProgress, ReportItem
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings


@dataclass
class Context:
    """What every strategy may use besides the pages: the document's own acronym list, the
    vocabulary of its running text (to repair words split at line ends), its country (currencies
    of budgets) and the extraction settings."""

    acronyms: dict[str, str] = field(default_factory=dict)
    vocab: object | None = None  # extractors.cells.Vocabulary
    country: str | None = None
    settings: ExtractionSettings = DEFAULT_SETTINGS
    # Pages a strategy read whole (action cards: extractors.cards): the table strategy skips them,
    # so that one card is not read again as a table.
    claimed: set[int] = field(default_factory=set)


@dataclass
class Extraction:
    """What a strategy found. A plan strategy fills ``pillars`` and ``goals``; the report strategy
    ``observations`` and the report's items."""

    pillars: list[Pillar] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    lessons: list[ReportItem] = field(default_factory=list)
    challenges: list[ReportItem] = field(default_factory=list)
    recommendations: list[ReportItem] = field(default_factory=list)
    progress: list[PillarProgress] = field(default_factory=list)


class Strategy(Protocol):
    """One way of finding records on pages. ``method`` is what its records' provenance says."""

    method: str

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        ...
