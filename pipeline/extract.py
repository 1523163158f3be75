"""Extract one PDF into a validated ``Logframe``: the core of every command and flow."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from extractors import EXTRACTOR_VERSION
from extractors.acronyms import document_acronyms
from extractors.cell_text import Vocabulary
from extractors.furniture import strip_running_text
from extractors.logframe import extract_logframe
from extractors.narrative import classify_levels, dedupe_against, extract_narrative
from extractors.report import extract_report
from extractors.metadata import (
    detect_country,
    detect_generation,
    detect_kind,
    detect_language,
    detect_period,
    detect_title,
    front_text,
)
from pipeline.errors import InputError
from pipeline.gc_tuning import with_fewer_collections
from pipeline.pdf_reader import PdfDocument
from pipeline.records import Document, Logframe
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings, Limits


def remove_furniture(pdf: PdfDocument) -> None:
    """Take running headers, footers and page numbers off the pages, once: classification and
    extraction both read the pages without them (and then share the pages' texts and lines)."""
    if not pdf.furniture_removed:
        strip_running_text(pdf.pages)
        pdf.furniture_removed = True


@with_fewer_collections
def describe(pdf: PdfDocument, source_path: str) -> Document:
    """Document metadata: kind, language, country, title, plan period, generation, acronyms."""
    front = front_text(pdf.pages, 2)
    body = "\n".join(p.text() for p in pdf.pages[:12])
    return Document(
        source_path=source_path,
        sha256=pdf.sha256,
        # The cover says what a document is; later pages of a plan may mention its reports.
        kind=detect_kind(pdf.pages[0].text()[:800]),  # type: ignore[arg-type]
        country=detect_country(front) or detect_country(body),
        title=detect_title(pdf.pages[0]),
        language=detect_language(body),  # type: ignore[arg-type]
        plan_period=detect_period(front),
        generation=detect_generation(front),
        pages=pdf.page_count,
        extractor_version=EXTRACTOR_VERSION,
        acronyms=document_acronyms(pdf.pages),
    )


@with_fewer_collections
def extract_pdf(pdf: PdfDocument, source_path: str | None = None,
                settings: ExtractionSettings = DEFAULT_SETTINGS, document: Document | None = None) -> Logframe:
    """The logframe of a read PDF (a report's observations); ``document``: its ``describe`` when
    already known (``pipeline.ingest.classify``)."""
    source = source_path or str(pdf.path.resolve())
    remove_furniture(pdf)
    if document is None or document.source_path != source:
        document = describe(pdf, source)
    vocab = Vocabulary([p.text() for p in pdf.pages])
    try:
        if document.kind == "report":
            # A report's tables measure a plan (observations), they are not its results framework.
            rep = extract_report(pdf.pages)
            return Logframe(document=document, observations=rep.observations, lessons=rep.lessons,
                            challenges=rep.challenges, recommendations=rep.recommendations, progress=rep.progress)
        pillars, goals = extract_logframe(pdf.pages, acronyms=document.acronyms, vocab=vocab,
                                          country=document.country, settings=settings)
        pillars, goals = _with_narrative(pdf, pillars, goals, document.acronyms)
        classify_levels(goals)
        return Logframe(document=document, pillars=pillars, goals=goals)
    except ValidationError as exc:
        raise InputError(source, f"extracted records failed validation: {exc.errors()[0]['msg']}") from exc


def _with_narrative(pdf: PdfDocument, pillars: list, goals: list, acronyms: dict[str, str]) -> tuple[list, list]:
    """Goals stated in prose, on pages that hold no table record, not repeating a table's goals."""
    table_pages = {r.page for g in goals for r in [g, *g.outputs, *[a for o in g.outputs for a in o.activities]]}
    if goals:
        # A plan with a results table: only pages well before or after it can hold narrative goals
        # that the table does not repeat (its introduction usually restates them).
        pages = [p for p in pdf.pages if p.number not in table_pages]
    else:
        pages = pdf.pages
    n_pillars, n_goals = extract_narrative(pages, acronyms)
    n_goals = dedupe_against(n_goals, goals)
    if goals:
        # Next to a results table, prose restates or introduces it: keep only narrative goals that
        # carry their own actions, away from the table's pages.
        first, last = min(table_pages), max(table_pages)
        n_goals = [g for g in n_goals if any(o.activities for o in g.outputs)
                   and not first - 1 <= g.page <= last + 1]
    if not n_goals:
        return pillars, goals
    if goals:
        return pillars, goals + n_goals
    return n_pillars, n_goals


@with_fewer_collections
def extract_file(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS, limits: Limits | None = None,
                 *, ocr: bool | None = None) -> Logframe:
    """Read and extract a PDF; raises ``InputError`` naming the file when it cannot be used.

    The file is checked and read by ``pipeline.input_checks.read_checked`` (limits: ``limits``,
    else $NAPLOG_MAX_*; ``ocr``: add a text layer to a scan with OCRmyPDF), and reading plus
    extraction run within the document's time limit.
    """
    from pipeline.deadline import deadline
    from pipeline.input_checks import current_limits, read_checked, use_limits

    path = Path(path)
    limits = limits or current_limits()
    with use_limits(limits), deadline(path, limits.max_seconds):
        return extract_pdf(read_checked(path, settings, limits, ocr=ocr), str(path.resolve()), settings)
