"""Extracting one PDF: the stages, written once.

    fingerprint  sha256 of the file (the store's and the cache's key, with the extractor version)
    parse        read the PDF's pages (``InputError`` naming the file when it cannot be used)
    classify     what the document is: NAP or report, language, country, period, acronyms
    extract      the extractors on the parsed pages: the ``Logframe`` (a report's observations)
    validate     re-validate it, check the classification; a plan without any logframe is an error

``extract_file`` runs them in order within the document's time limit. ``naplog extract``, the batch
(``pipeline.batch``), the Prefect tasks (``flows.tasks``) and the benchmarks all call these; the
store's ``load`` is the stage after them (``pipeline.batch.load``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import ValidationError

from extractors import EXTRACTOR_VERSION
from extractors.acronyms import document_acronyms
from extractors.base import Context
from extractors.cards import CardStrategy
from extractors.cells import Vocabulary
from extractors.confidence import calibrate
from extractors.level_lists import LevelListStrategy
from extractors.logframe import TableStrategy
from extractors.metadata import (
    cover_page,
    describe_report,
    detect_generation,
    detect_kind,
    detect_language,
    detect_period,
    detect_plan_period,
    detect_title,
    find_country,
    front_text,
)
from extractors.narrative import NarrativeStrategy, dedupe_against, tag_wps_categories
from extractors.report import ReportStrategy
from pipeline.errors import InputError, NaplogError
from pipeline.gc_tuning import with_fewer_collections
from pipeline.pdf.deadline import deadline
from pipeline.pdf.furniture import strip_running_text
from pipeline.pdf.model import PdfDocument, sha256_of
from pipeline.pdf.preflight import read_checked
from pipeline.pdf.split_words import join_split_words
from pipeline.records import Document, Logframe, is_plan, keeping_empty_texts
from pipeline.settings import (
    DEFAULT_SETTINGS,
    ExtractionSettings,
    Limits,
    current_limits,
    use_limits,
)

# The strategies a plan's pages go through, and a report's (extractors.base.Strategy).
CARDS = CardStrategy()
TABLES = TableStrategy()
NARRATIVE = NarrativeStrategy()
LEVEL_LISTS = LevelListStrategy()
REPORT_STRATEGY = ReportStrategy()
# Where what was read with a defect is said ("warning: PATH: ..." on naplog's stderr).
log = logging.getLogger("naplog.input")


def fingerprint(path: Path | str) -> str:
    """The file's sha256; ``InputError`` naming the file when it cannot be read."""
    path = Path(path)
    try:
        return sha256_of(path)
    except OSError as exc:
        raise InputError(path.resolve(), f"cannot read the file ({exc.strerror or exc})", inherent=False) from exc


@with_fewer_collections
def parse(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
          expected_sha256: str | None = None, *, ocr: bool | None = None) -> PdfDocument:
    """Read the PDF's pages (words with positions, ruling edges); ``InputError`` when unusable.

    The file is checked first (``pipeline.pdf.preflight``: not a PDF, truncated, encrypted, over a
    limit, a decompression bomb, no text layer ...) and read under the input limits in force
    (``pipeline.settings.Limits``), within the document's time limit; it must not change while it is
    read (nor differ from ``expected_sha256``, its fingerprint, when given). ``ocr``: give a scan a
    text layer with OCRmyPDF first (default: ``$NAPLOG_OCR``).
    """
    return read_checked(Path(path), settings, expected_sha256=expected_sha256, ocr=ocr)


@with_fewer_collections
def classify(pdf: PdfDocument, source_path: str | None = None) -> Document:
    """What the document is: NAP or report, language, country, title, plan period, acronyms.

    Reads the pages without page numbers and running headers, which it takes off them as
    extraction does (once: ``remove_furniture``), so that ``extract`` reuses the pages' texts and
    lines.
    """
    remove_furniture(pdf)
    return describe(pdf, source_path or str(pdf.path.resolve()))


def remove_furniture(pdf: PdfDocument) -> None:
    """Take running headers, footers and page numbers off the pages, once: classification and
    extraction both read the pages without them (and then share the pages' texts and lines)."""
    if not pdf.furniture_removed:
        strip_running_text(pdf.pages)
        join_split_words(pdf.pages)  # once the furniture is off: words that stand whole in the body
        pdf.furniture_removed = True


@with_fewer_collections
def describe(pdf: PdfDocument, source_path: str) -> Document:
    """Document metadata: kind, language, country, title, plan period, generation, acronyms."""
    front = front_text(pdf.pages, 2)
    body = "\n".join(p.text() for p in pdf.pages[:12])
    cover = cover_page(pdf.pages)
    # The cover says what a document is; later pages of a plan may mention its reports.
    kind = detect_kind(cover.text(), front_text(pdf.pages, 3))
    country = find_country(front) or find_country(body)
    document = Document(
        source_path=source_path,
        sha256=pdf.sha256,
        kind=kind,  # type: ignore[arg-type]
        country=country.name if country else None,
        country_code=country.code if country else None,
        title=detect_title(cover),
        language=detect_language(body),  # type: ignore[arg-type]
        plan_period=detect_period(front) if kind == "report" else detect_plan_period(pdf.pages),
        generation=detect_generation(front),
        pages=pdf.page_count,
        extractor_version=EXTRACTOR_VERSION,
        acronyms=document_acronyms(pdf.pages),
    )
    if kind == "report":  # its plan_period and generation are those of the plan it reports on
        report = describe_report(pdf.pages)
        document = document.model_copy(update={
            "plan_period": report.plan_period, "generation": report.generation, "report_kind": report.kind,
            "report_period": report.period, "reports_on": report.plan_name})
    return document


@with_fewer_collections
def extract(pdf: PdfDocument, source_path: str | None = None,
            settings: ExtractionSettings = DEFAULT_SETTINGS, document: Document | None = None) -> Logframe:
    """The logframe of a read PDF (for a report, its observations); ``document``: what ``classify``
    found, so that it is not worked out twice (it reads the same pages, stripped the same way)."""
    source = source_path or str(pdf.path.resolve())
    remove_furniture(pdf)
    if document is None or document.source_path != source:
        document = describe(pdf, source)
    context = Context(acronyms=document.acronyms, vocab=Vocabulary([p.text() for p in pdf.pages]),
                      country=document.country, settings=settings)
    try:
        with keeping_empty_texts():  # a record left without text is dropped below, not the document
            logframe = _extracted(pdf, document, context)
    except ValidationError as exc:  # the extractor's records break the schema: a bug, not the file's
        raise InputError(source, f"extracted records failed validation: {exc.errors()[0]['msg']}",
                         inherent=False) from exc
    for warning in logframe.drop_empty_records():
        log.warning("%s: %s", source, warning)
    return logframe


def _extracted(pdf: PdfDocument, document: Document, context: Context) -> Logframe:
    """The strategies on the pages: a report's observations, or a plan's cards, tables and prose."""
    if document.kind == "report":
        # A report's tables measure a plan (observations), they are not its results framework.
        found = REPORT_STRATEGY.extract(pdf.pages, context)
        return Logframe(document=document, observations=found.observations, lessons=found.lessons,
                        challenges=found.challenges, recommendations=found.recommendations,
                        progress=found.progress)
    # Lists under level banners first, then cards: the pages they read are claimed, and the next
    # strategies skip them (the card reader would take a list's banners for a card's labels).
    lists = LEVEL_LISTS.extract(pdf.pages, context)
    cards = CARDS.extract([p for p in pdf.pages if p.number not in context.claimed], context)
    tables = TABLES.extract(pdf.pages, context)
    table_goals = sorted(cards.goals + tables.goals + lists.goals, key=lambda g: g.page or 0)
    pillars, goals = _with_narrative(pdf, cards.pillars + tables.pillars, table_goals, context)
    tag_wps_categories(goals)
    calibrate(goals)
    return Logframe(document=document, pillars=pillars, goals=goals)


def record_pages(goals: list) -> set[int]:
    """The pages the goals, outputs and activities were read on."""
    return {r.page for g in goals for r in [g, *g.outputs, *[a for o in g.outputs for a in o.activities]]}


def _with_narrative(pdf: PdfDocument, pillars: list, goals: list, context: Context) -> tuple[list, list]:
    """Goals stated in prose, on pages that hold no table record, not repeating a table's goals."""
    table_pages = record_pages(goals)
    if goals:
        # A plan with a results table: only pages well before or after it can hold narrative goals
        # that the table does not repeat (its introduction usually restates them).
        pages = [p for p in pdf.pages if p.number not in table_pages]
    else:
        pages = pdf.pages
    prose = NARRATIVE.extract(pages, context)
    n_pillars, n_goals = prose.pillars, prose.goals
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
def validate(logframe: Logframe, document: Document | None = None) -> Logframe:
    """Check what ``extract`` gave: valid records, the classification, and that a plan has a logframe.

    ``InputError`` naming the file when the records do not validate, when the document was not
    classified as ``classify`` said, or when no goal / output / activity was found in a plan (a
    report is not expected to have a logframe).
    """
    source = logframe.document.source_path
    try:
        type(logframe).model_validate(logframe.model_dump())
    except ValidationError as exc:
        raise InputError(source, f"extracted records failed validation: {exc.errors()[0]['msg']}",
                         inherent=False) from exc
    if document is not None and (document.kind, document.language, document.country) != (
            logframe.document.kind, logframe.document.language, logframe.document.country):
        raise InputError(source, f"classified as {document.kind}/{document.language}/{document.country} "
                                 f"but extracted as {logframe.document.kind}/{logframe.document.language}/"
                                 f"{logframe.document.country}", inherent=False)
    if is_plan(logframe.document.kind) and not logframe.goals:
        raise InputError(source, "no logframe found (no results-framework table was recognised in this plan)")
    return logframe


@with_fewer_collections
def extract_file(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS, limits: Limits | None = None,
                 *, ocr: bool | None = None, expected_sha256: str | None = None, check: bool = False) -> Logframe:
    """parse -> classify -> extract (-> validate, with ``check``) for one file, within its time limit.

    Raises ``InputError`` naming the file when it cannot be used. ``limits``: the input limits
    (default: those in force, ``$NAPLOG_MAX_*``); ``ocr``: add a text layer to a scan with OCRmyPDF.
    With ``check`` (the batch), the logframe is validated, a plan in which no logframe was found is
    an error, and an unexpected error in an extractor (a bug) is reported as the file's failure, so
    that one document never stops a batch.
    """
    path = Path(path)
    source = str(path.resolve())
    limits = limits or current_limits()
    try:
        with use_limits(limits), deadline(source, limits.max_seconds):
            pdf = parse(path, settings, expected_sha256, ocr=ocr)
            document = classify(pdf, source)
            logframe = extract(pdf, source, settings, document)
            return validate(logframe, document) if check else logframe
    except NaplogError:
        raise
    except Exception as exc:
        if not check:
            raise
        # A bug in an extractor: this file fails, the batch goes on; a fix may cure it (not inherent).
        raise InputError(source, f"extraction failed ({type(exc).__name__}: {exc})", inherent=False) from exc
