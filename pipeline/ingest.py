"""Ingest PDFs into the store: discover files, skip unchanged ones, extract, load.

Plain Python: ``flows/`` runs the same steps as Prefect tasks. One document's failure is recorded
with its reason and never stops the others.

The work on one document is split into stages, each a plain function that ``flows/`` wraps in a
task (``extract_document`` chains the first four exactly as ``pipeline.extract.extract_file`` does):

    fingerprint  sha256 of the file (the store's and the cache's key, with the extractor version)
    parse        read the PDF's pages (``InputError`` naming the file when it cannot be used)
    classify     what the document is: NAP or report, language, country, period, acronyms
    extract      ``pipeline.extract.extract_pdf`` on the parsed pages: the ``Logframe``
    validate     re-validate it, check the classification; a plan without any logframe is an error
    load         write it to the store in one transaction
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import dataclasses

from pydantic import ValidationError

from extractors import EXTRACTOR_VERSION
from pipeline.errors import InputError, NaplogError
from pipeline.pdf_reader import PdfDocument, read_pdf, sha256_of
from pipeline.records import Document, Logframe
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings
from pipeline.store import Store

Status = Literal["loaded", "replaced", "unchanged", "failed"]


@dataclass
class Outcome:
    path: str
    status: Status
    document_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    message: str | None = None
    # How the logframe was obtained: "extracted", "cached" (a Prefect cache hit, see flows/),
    # or None when nothing was extracted (unchanged or failed before extraction).
    extraction: str | None = None


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """PDF files named directly or found (recursively) in folders, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf"))
        elif p.exists():
            found.append(p)
        else:
            raise InputError(p, "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in found:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return unique


# ---- stages ------------------------------------------------------------------------


def fingerprint(path: Path | str) -> str:
    """The file's sha256; ``InputError`` naming the file when it cannot be read."""
    path = Path(path)
    try:
        return sha256_of(path)
    except OSError as exc:
        raise InputError(path.resolve(), f"cannot read the file ({exc.strerror or exc})") from exc


def parse(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS) -> PdfDocument:
    """Read the PDF's pages (words with positions, ruling edges); ``InputError`` when unusable."""
    return read_pdf(Path(path), settings)


def classify(pdf: PdfDocument, source_path: str | None = None) -> Document:
    """What the document is: NAP or report, language, country, title, plan period, acronyms.

    Reads a copy of the pages without page numbers and running headers, as extraction does; the
    parsed pages themselves are left as they are for ``extract``.
    """
    from extractors.furniture import strip_running_text
    from pipeline.extract import describe

    pages = [dataclasses.replace(p, words=list(p.words), _text=None) for p in pdf.pages]
    strip_running_text(pages)
    return describe(PdfDocument(pdf.path, pdf.sha256, pages), source_path or str(pdf.path.resolve()))


def extract(pdf: PdfDocument, source_path: str | None = None,
            settings: ExtractionSettings = DEFAULT_SETTINGS) -> Logframe:
    """The logframe (or, for a report, its observations) exactly as ``pipeline.extract`` gives it."""
    from pipeline.extract import extract_pdf

    return extract_pdf(pdf, source_path or str(pdf.path.resolve()), settings)


def validate(logframe: Logframe, document: Document | None = None) -> Logframe:
    """Check what ``extract`` gave: valid records, the classification, and that a plan has a logframe.

    ``InputError`` naming the file when the records do not validate, when the document was not
    classified as ``classify`` said, or when no goal / output / activity was found in a plan (a
    report is not expected to have a logframe).
    """
    source = logframe.document.source_path
    try:
        Logframe.model_validate(logframe.model_dump())
    except ValidationError as exc:
        raise InputError(source, f"extracted records failed validation: {exc.errors()[0]['msg']}") from exc
    if document is not None and (document.kind, document.language, document.country) != (
            logframe.document.kind, logframe.document.language, logframe.document.country):
        raise InputError(source, f"classified as {document.kind}/{document.language}/{document.country} "
                                 f"but extracted as {logframe.document.kind}/{logframe.document.language}/"
                                 f"{logframe.document.country}")
    if logframe.document.kind == "nap" and not logframe.goals:
        raise InputError(source, "no logframe found (no results-framework table was recognised in this plan)")
    return logframe


def extract_document(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS) -> Logframe:
    """parse -> classify -> extract -> validate; every failure is an ``InputError`` naming the file.

    Gives the same logframe as ``pipeline.extract.extract_file``, and in addition rejects a plan in
    which no logframe was found. An unexpected error in an extractor (a bug) is reported as the
    file's failure too, so that one document never stops a batch.
    """
    path = Path(path)
    source = str(path.resolve())
    try:
        pdf = parse(path, settings)
        document = classify(pdf, source)
        return validate(extract(pdf, source, settings), document)
    except NaplogError:
        raise
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop the batch
        raise InputError(source, f"extraction failed ({type(exc).__name__}: {exc})") from exc


def load(store: Store, logframe: Logframe, extraction: str | None = "extracted") -> Outcome:
    """Write one logframe to the store (one transaction); ``unchanged`` when already there."""
    result = store.load(logframe)
    return Outcome(logframe.document.source_path, result.status, result.document_id, result.counts,
                   extraction=extraction)


def record_failure(store: Store, path: Path | str, sha256: str | None, message: str) -> Outcome:
    """Keep a failed run in the store's history (when the file could be read) and report it."""
    source = str(Path(path).resolve())
    if sha256 is not None:
        store.record_failure(source, sha256, EXTRACTOR_VERSION, message)
    return Outcome(source, "failed", message=message)


# ---- the plain-Python ingestion (no Prefect) ----------------------------------------


def ingest_file(store: Store, path: Path) -> Outcome:
    source = str(path.resolve())
    try:
        sha = fingerprint(path)
    except InputError as exc:
        return Outcome(source, "failed", message=str(exc))
    doc_id = store.is_current(sha, EXTRACTOR_VERSION)
    if doc_id is not None:
        return Outcome(source, "unchanged", doc_id)
    try:
        logframe = extract_document(path)
    except NaplogError as exc:
        return record_failure(store, path, sha, str(exc))
    return load(store, logframe)


def ingest_paths(store: Store, paths: Iterable[Path | str],
                 progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    outcomes = []
    for path in discover(paths):
        outcome = ingest_file(store, path)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
