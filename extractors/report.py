"""What a progress report says about a plan's implementation: the report strategy.

- **Observations** from tables (``extractors.report_tables``): every figure of every table of
  figures, on the row's indicator, for the column's sex, category or year, tables continued over
  pages read to their end.
- **Observations** from running text (``extractors.report_text``): each figure a sentence gives,
  with the phrase it counts as its indicator.
- Charts whose numbers survive only as scattered text give no observation: their numbers make no
  table (no header, no row labels) and are not in sentences.
- **Lessons, challenges, recommendations** and **per-pillar progress** (``extractors.report_sections``).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.base import Context, Extraction
from extractors.metadata import detect_title
from extractors.report_sections import ReportText, read_sections
from extractors.report_tables import read_tables, table_observations
from extractors.report_text import text_observations, title_numbers
from pipeline.pdf.lines import page_lines
from pipeline.pdf.model import BBox, PageLayout
from pipeline.records import Observation, PillarProgress, ReportItem
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings


@dataclass
class ReportExtraction:
    observations: list[Observation]
    lessons: list[ReportItem]
    challenges: list[ReportItem]
    recommendations: list[ReportItem]
    progress: list[PillarProgress]


def extract_report(pages: list[PageLayout], settings: ExtractionSettings = DEFAULT_SETTINGS) -> ReportExtraction:
    tables = read_tables(pages, settings)
    taken: dict[int, list[BBox]] = {}
    for t in tables:
        taken.setdefault(t.page.number, []).append(t.grid.bbox)
        if t.caption_box is not None:
            taken[t.page.number].append(t.caption_box)
    sections = read_sections(pages, taken)

    def pillar_at(page: int, top: float) -> str | None:
        return _pillar_at(sections, page, top)

    observations = table_observations(tables, pillar_at)
    title = title_numbers(detect_title(pages[0])) if pages else set()
    for page in pages:
        boxes = taken.get(page.number, [])
        free = [ln for ln in page_lines(page) if not any(_inside(ln, b) for b in boxes)]
        observations.extend(text_observations(page, free, title, pillar_at))
    observations.sort(key=lambda o: (o.page, o.bbox[1] if o.bbox else 0))
    return ReportExtraction(observations, sections.lessons, sections.challenges, sections.recommendations,
                            sections.progress)


def _inside(line, box: BBox) -> bool:  # noqa: ANN001 - a Line
    return box[1] - 2 <= (line.top + line.bottom) / 2 <= box[3] + 2 and line.x0 >= box[0] - 5 and line.x1 <= box[2] + 5


def _pillar_at(sections: ReportText, page: int, top: float) -> str | None:
    """The pillar of the section a point is in (the last pillar heading before it)."""
    best = None
    for p in sections.progress:
        if (p.page, p.bbox[1] if p.bbox else 0) <= (page, top):
            best = p.pillar
    return best


class ReportStrategy:
    """A progress report: figures in its tables and text, its lessons, challenges and recommendations."""

    method = "report"

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        rep = extract_report(pages, context.settings)
        return Extraction(observations=rep.observations, lessons=rep.lessons, challenges=rep.challenges,
                          recommendations=rep.recommendations, progress=rep.progress)
