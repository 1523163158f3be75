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

Re-runs: a file already stored by this extractor version is skipped (``Store.is_current``), and so
is a file whose failure is inherent to it (no logframe found, not a PDF, encrypted, over a limit):
that failure is remembered by the file's sha256 and ``input_key()`` (``Store.known_failure``) and
reported again without reading the file, until the file, the extractor version, the settings, the
limits or ``--ocr`` change, or ``retry_failed`` asks for it. Failures that another try may not
repeat (``is_inherent``) are never remembered.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import hashlib
import importlib.util
import json
import logging
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from extractors import EXTRACTOR_VERSION
from pipeline.deadline import OVER_TIME, deadline
from pipeline.errors import InputError, NaplogError, StoreUnavailableError, one_line
from pipeline.gc_tuning import with_fewer_collections
from pipeline.input_checks import CHANGED, NOT_UTF8_NAME, current_limits, ocr_requested, read_checked, utf8_name
from pipeline.pdf_reader import PdfDocument, sha256_of
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings, Limits

if TYPE_CHECKING:
    # Only the coordinator writes to the store: extraction workers never import SQLAlchemy.
    # A re-run that finds every file current builds no record: it never imports their models.
    from pipeline.records import Document, Logframe
    from pipeline.store import KnownFailure, Store

Status = Literal["loaded", "replaced", "unchanged", "failed"]


@dataclass
class Outcome:
    path: str
    status: Status
    document_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    message: str | None = None
    # How the logframe was obtained: "extracted", "cached" (a Prefect cache hit, see flows/),
    # "remembered" (failed: the same failure as an earlier run's, the file was not read again), or
    # None when nothing was extracted (unchanged or failed before extraction).
    extraction: str | None = None
    # --- faults: the store's problem when this file failed because the store did (gone, full,
    # unreachable): the batch stops there, see ``ingest_paths`` and docs/faults.md ---
    store_fault: str | None = None


def discover(paths: Iterable[Path | str], warn: Callable[[str], None] | None = None) -> list[Path]:
    """PDF files named directly or found (recursively) in folders, in a stable order.

    A path that does not exist is an ``InputError`` (a mistyped argument stops the batch before it
    starts). Inside folders nothing stops the walk: a symbolic link to a folder is followed unless
    it leads back to a folder being walked (a loop: skipped with a warning naming it), and broken
    links, named pipes, sockets and unreadable folders are skipped with a warning (``warn``, default:
    the ``naplog.input`` logger). A link to a PDF outside the folder is read like any file there;
    nothing is ever written next to the files found.
    """
    if warn is None:
        warn = _log_warning
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        try:
            st = os.stat(p)
        except OSError as exc:
            if os.path.islink(p):
                reason = "a symbolic link loop" if exc.errno == errno.ELOOP else \
                    f"a broken symbolic link (to {os.readlink(p)})"
                raise InputError(p, f"no such file or folder: {reason}") from None
            raise InputError(p, "no such file or folder") from None
        if stat.S_ISDIR(st.st_mode):
            found.extend(_walk(p, warn))
        elif _admit(p, st, warn):
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for p in found:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return unique


def _log_warning(message: str) -> None:
    logging.getLogger("naplog.input").warning("%s", message)


def _admit(path: Path, st: os.stat_result, warn: Callable[[str], None]) -> bool:
    """Whether a file found (or named) can be read: a regular file with a UTF-8 name; else warn."""
    if not utf8_name(path):
        warn(f"{one_line(str(path))}: skipped: {NOT_UTF8_NAME}")
        return False
    if not stat.S_ISREG(st.st_mode):
        warn(f"{one_line(str(path))}: skipped: not a regular file ({_file_kind(st.st_mode)})")
        return False
    return True


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _walk(root: Path, warn: Callable[[str], None]) -> list[Path]:
    """PDF files under ``root``, sorted per folder, following links to folders but never round a loop."""
    files: list[Path] = []
    visited: set[tuple[int, int]] = set()

    def visit(folder: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            st = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            warn(f"{one_line(str(folder))}: folder skipped: cannot read it ({exc.strerror or exc})")
            return
        ident = (st.st_dev, st.st_ino)
        if ident in visited:
            return  # reached again through another link: its files are already listed
        visited.add(ident)
        ancestors = ancestors | {ident}
        for entry in entries:
            path = folder / entry.name
            is_pdf = entry.name.lower().endswith(".pdf")
            try:
                target = entry.stat(follow_symlinks=True)
            except OSError as exc:
                if entry.is_symlink() and (is_pdf or exc.errno == errno.ELOOP):
                    what = "a symbolic link loop" if exc.errno == errno.ELOOP else \
                        f"a broken symbolic link (to {one_line(os.readlink(path))})"
                    warn(f"{one_line(str(path))}: skipped: {what}")
                elif is_pdf:
                    warn(f"{one_line(str(path))}: skipped: cannot read it ({exc.strerror or exc})")
                continue
            if stat.S_ISDIR(target.st_mode):
                if (target.st_dev, target.st_ino) in ancestors:
                    warn(f"{one_line(str(path))}: skipped: a symbolic link loop (it leads back to "
                         f"{one_line(str(folder if (target.st_dev, target.st_ino) == ident else path.resolve()))})")
                    continue
                visit(path, ancestors)
            elif is_pdf and _admit(path, target, warn):
                files.append(path)

    visit(root, frozenset())
    return files


# ---- stages ------------------------------------------------------------------------


def fingerprint(path: Path | str) -> str:
    """The file's sha256; ``InputError`` naming the file when it cannot be read."""
    path = Path(path)
    try:
        return sha256_of(path)
    except OSError as exc:
        raise InputError(path.resolve(), f"cannot read the file ({exc.strerror or exc})") from exc


@with_fewer_collections
def parse(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
          expected_sha256: str | None = None) -> PdfDocument:
    """Read the PDF's pages (words with positions, ruling edges); ``InputError`` when unusable.

    The file is checked first (``pipeline.input_checks.preflight``: not a PDF, truncated,
    encrypted, over a limit, a decompression bomb, no text layer ...) and read under the limits
    of ``pipeline.settings.Limits`` ($NAPLOG_MAX_*), within the document's time limit; it must not
    change while it is read (nor differ from ``expected_sha256``, its fingerprint, when given).
    """
    return read_checked(Path(path), settings, expected_sha256=expected_sha256)


@with_fewer_collections
def classify(pdf: PdfDocument, source_path: str | None = None) -> Document:
    """What the document is: NAP or report, language, country, title, plan period, acronyms.

    Reads the pages without page numbers and running headers, which it takes off them as
    extraction does (once: ``pipeline.extract.remove_furniture``), so that ``extract`` reuses the
    pages' texts and lines.
    """
    from pipeline.extract import describe, remove_furniture

    remove_furniture(pdf)
    return describe(pdf, source_path or str(pdf.path.resolve()))


def extract(pdf: PdfDocument, source_path: str | None = None,
            settings: ExtractionSettings = DEFAULT_SETTINGS, document: Document | None = None) -> Logframe:
    """The logframe (or, for a report, its observations) exactly as ``pipeline.extract`` gives it.

    ``document``: what ``classify`` found, so that it is not worked out twice (it reads the same
    pages, stripped the same way, and takes a few percent of a document's time)."""
    from pipeline.extract import extract_pdf

    return extract_pdf(pdf, source_path or str(pdf.path.resolve()), settings, document)


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
        raise InputError(source, f"extracted records failed validation: {exc.errors()[0]['msg']}") from exc
    if document is not None and (document.kind, document.language, document.country) != (
            logframe.document.kind, logframe.document.language, logframe.document.country):
        raise InputError(source, f"classified as {document.kind}/{document.language}/{document.country} "
                                 f"but extracted as {logframe.document.kind}/{logframe.document.language}/"
                                 f"{logframe.document.country}")
    if logframe.document.kind == "nap" and not logframe.goals:
        raise InputError(source, "no logframe found (no results-framework table was recognised in this plan)")
    return logframe


def extract_document(path: Path | str, settings: ExtractionSettings = DEFAULT_SETTINGS,
                     expected_sha256: str | None = None) -> Logframe:
    """parse -> classify -> extract -> validate; every failure is an ``InputError`` naming the file.

    Gives the same logframe as ``pipeline.extract.extract_file``, and in addition rejects a plan in
    which no logframe was found. An unexpected error in an extractor (a bug) is reported as the
    file's failure too, so that one document never stops a batch. The four stages together run
    within the document's time limit (``Limits.max_seconds``).
    """
    path = Path(path)
    source = str(path.resolve())
    try:
        with deadline(source, current_limits().max_seconds):
            pdf = parse(path, settings, expected_sha256)
            document = classify(pdf, source)
            return validate(extract(pdf, source, settings, document), document)
    except NaplogError:
        raise
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop the batch
        raise InputError(source, f"extraction failed ({type(exc).__name__}: {exc})") from exc


def load(store: Store, logframe: Logframe, extraction: str | None = "extracted") -> Outcome:
    """Write one logframe to the store (one transaction); ``unchanged`` when already there."""
    result = store.load(logframe)
    return Outcome(logframe.document.source_path, result.status, result.document_id, result.counts,
                   extraction=extraction)


def record_failure(store: Store, path: Path | str, sha256: str | None, message: str,
                   input_key: str | None = None) -> Outcome:
    """Keep a failed run in the store's history (when the file could be read) and report it.

    ``input_key`` remembers the failure for the next run (give it only when ``is_inherent``).
    When the store cannot take it (gone, full) the failure is still reported, with that reason too;
    a store fault is marked on the outcome (``store_fault``), which stops the batch.
    """
    source = str(Path(path).resolve())
    if sha256 is not None:
        try:
            store.record_failure(source, sha256, EXTRACTOR_VERSION, message, input_key)
        except Exception as exc:  # noqa: BLE001 - the document's failure is what is reported
            fault = str(exc) if isinstance(exc, StoreUnavailableError) else None
            return Outcome(source, "failed", message=f"{message} (not recorded in the store: {one_line(str(exc))})",
                           store_fault=fault)
    return Outcome(source, "failed", message=message)


def not_attempted(path: Path | str, fault: str) -> Outcome:
    """A file left out because the store failed earlier in the batch; the next run loads it."""
    source = str(Path(path).resolve())
    return Outcome(source, "failed", message=f"{one_line(source)}: not attempted: {fault}", store_fault=fault)


# ---- re-runs: failures remembered by sha256 + input key ------------------------------


@functools.lru_cache(maxsize=1)
def records_digest() -> str:
    """A digest of the record models' source and the default extraction settings.

    Part of the extraction cache key (``flows.tasks``) and of ``input_key``: a change of
    ``pipeline.records`` or of the thresholds without a new ``EXTRACTOR_VERSION`` must neither feed
    old results back nor keep old failures. The module's source is read rather than its models'
    schema built: a re-run computes this key and otherwise needs no model (any edit of the module,
    a comment too, then counts as a change, which only costs a new extraction).
    """
    spec = importlib.util.find_spec("pipeline.records")
    source = Path(spec.origin).read_bytes() if spec and spec.origin else b""
    material = source + repr(dataclasses.asdict(DEFAULT_SETTINGS)).encode()
    return hashlib.sha256(material).hexdigest()[:12]


def input_key(settings: ExtractionSettings = DEFAULT_SETTINGS, limits: Limits | None = None,
              ocr: bool | None = None) -> str:
    """Everything besides a file's bytes that decides what reading it gives, as one digest.

    A failure is remembered under the file's sha256 and this key, so any change that could give
    another answer reads the file again: the extractor version, the record schema, the extraction
    settings, the input limits in force (a file over the page limit may be under a raised one; the
    time limit too, though a time-out is never remembered) and whether OCR was asked for (a scan
    refused without ``--ocr`` is read with it). ``limits`` and ``ocr`` default to those of this
    process (``current_limits()``, ``$NAPLOG_OCR``), which ``naplog ingest`` sets from its options
    and hands to its workers. ``NaplogError`` when a ``NAPLOG_MAX_*`` variable is not a number.
    """
    material = json.dumps({
        "extractor": EXTRACTOR_VERSION,
        "records": records_digest(),
        "settings": dataclasses.asdict(settings),
        "limits": dataclasses.asdict(current_limits() if limits is None else limits),
        "ocr": ocr_requested() if ocr is None else ocr,
    }, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


# Failures that reading the same bytes again may not repeat, found by a part of their message that
# no other failure has. They depend on the moment (the clock, another program writing the file, the
# file system, OCRmyPDF being installed and finishing) or are a bug in naplog, which a fix without a
# new EXTRACTOR_VERSION may cure. Matched on the message, not on the exception, because the flow gets
# only the message back from its worker processes (``flows.tasks.DocumentFailed``), and the checks of
# pipeline/input_checks.py raise plain ``InputError``s. A path that happens to contain one of these
# only makes its file be tried again: the safe side.
RETRIED_NEXT_RUN: tuple[str, ...] = (
    OVER_TIME,  # pipeline/deadline.py: the document's time limit
    CHANGED,  # pipeline/input_checks.py: the file changed while it was read
    "cannot read the file (",  # an OSError reading it (permissions, an I/O error, a network file system)
    "no such file",  # gone, or replaced by something else, between its fingerprint and its reading
    "broken symbolic link",
    "not a file",
    "not a regular file",
    "--ocr needs OCRmyPDF",  # OCRmyPDF not installed (yet)
    "OCR (ocrmypdf) ",  # OCRmyPDF timed out, could not be started, or failed
    "after OCR: ",  # what OCRmyPDF wrote could not be read
    "OCR found no text",  # depends on the Tesseract installed, which input_key does not know
    "extraction failed (",  # an unexpected exception in an extractor: a bug
    "extracted records failed validation",  # the extractor's records break the schema: a bug
    " but extracted as ",  # classify and extract disagree: a bug
)


def is_inherent(message: str) -> bool:
    """Whether an input failure (its one-line message) belongs to the file's bytes as read under
    the current ``input_key``: reading them again would fail the same way, so it is remembered."""
    return not any(marker in message for marker in RETRIED_NEXT_RUN)


def remembered(path: Path | str, known: KnownFailure) -> Outcome:
    """The outcome of a file skipped because the same bytes, read the same way, failed before."""
    source = str(Path(path).resolve())
    when = known.finished_at.strftime("%Y-%m-%d %H:%M UTC")
    # The remembered message names the file where it was then; a copy (or a move) names itself first.
    said = known.message if known.source_path == source else f"{one_line(source)}: same content as {known.message}"
    return Outcome(source, "failed", extraction="remembered",
                   message=f"{said}; remembered from the run of {when}: the file is unchanged since then "
                           f"(--retry-failed reads it again)")


def settled_batch(paths: Iterable[Path | str], db: str | None, retry_failed: bool = False) -> list[Outcome] | None:
    """The outcomes of a batch the store already has whole, every file unchanged or remembered
    as failed (unless ``retry_failed``), read from the store file without opening the store
    (``pipeline.store_probe``: a re-run over an unchanged folder then costs its start-up and the
    files' sha256 only). None when any file needs work, or the batch or the store is anything but
    plain (a path missing, a warning while walking folders, a store that is not SQLite at head):
    the caller then runs the batch as always, which reports all of that."""
    from pipeline.store_probe import settle

    warnings: list[str] = []
    try:
        files = [str(p.resolve()) for p in discover(paths, warn=warnings.append)]
        key = None if retry_failed else input_key()
    except NaplogError:
        return None
    if warnings or not files:
        return None
    try:
        # Hashed as they are asked for: a batch with a new file costs one file's sha256 here.
        settled = settle(db, map(fingerprint, files), EXTRACTOR_VERSION, key)
    except InputError:  # a file that cannot be read: the batch reports it
        return None
    if settled is None:
        return None
    return [Outcome(f, "unchanged", s.current) if s.current is not None else remembered(f, s.known)
            for f, s in zip(files, settled)]


# ---- the plain-Python ingestion (no Prefect) ----------------------------------------


def ingest_file(store: Store, path: Path, *, retry_failed: bool = False) -> Outcome:
    """One file: ``unchanged``, ``loaded`` / ``replaced``, or ``failed`` with its reason.

    A file whose failure is remembered (the same bytes failed under the same ``input_key``) is
    ``failed`` again without being read, unless ``retry_failed``.
    ``StoreUnavailableError`` (the store is gone, full, or unreachable after retries) is raised, for
    ``ingest_paths`` to stop the batch; any other failure to load fails this file only (its run is
    marked ``failed`` by ``Store.load``, the stored document stays as it was).
    """
    source = str(path.resolve())
    try:
        sha = fingerprint(path)
    except InputError as exc:
        return Outcome(source, "failed", message=str(exc))
    doc_id = store.is_current(sha, EXTRACTOR_VERSION)
    if doc_id is not None:
        return Outcome(source, "unchanged", doc_id)
    try:
        key = input_key()
    except NaplogError as exc:  # NAPLOG_MAX_PAGES=many: no file can be read, and it is no file's fault
        return Outcome(source, "failed", message=str(exc))
    known = None if retry_failed else store.known_failure(sha, key)
    if known is not None:
        return remembered(path, known)
    try:
        logframe = extract_document(path)
    except NaplogError as exc:
        # Only an InputError is about the file; remembered when another read would fail the same way.
        inherent = isinstance(exc, InputError) and is_inherent(str(exc))
        return record_failure(store, path, sha, str(exc), key if inherent else None)
    try:
        return load(store, logframe)
    except StoreUnavailableError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. records the database refuses: this file only
        problem = str(exc) if isinstance(exc, NaplogError) else f"{type(exc).__name__}: {exc}"
        return Outcome(source, "failed", message=f"{one_line(source)}: could not be loaded ({' '.join(problem.split())})")


def ingest_paths(store: Store, paths: Iterable[Path | str],
                 progress: Callable[[Outcome], None] | None = None, *, retry_failed: bool = False) -> list[Outcome]:
    """Ingest every PDF named or found in ``paths``; one outcome per file, in order.

    A document's failure never stops the others. Files whose failure is remembered from an earlier
    run are reported failed again without being read, unless ``retry_failed`` (see ``ingest_file``).
    A store fault (``StoreUnavailableError``: the
    database is gone, full or unreachable after retries) stops the batch: that file and the ones
    after it are reported ``failed`` with the store's problem in ``store_fault`` (the outcome of the
    ones not attempted says so); the documents loaded before are kept, and nothing of the others was
    stored, so the next run loads them. See docs/faults.md.
    """
    outcomes = []
    fault: str | None = None
    for path in discover(paths):
        if fault is not None:
            outcome = not_attempted(path, fault)
        else:
            try:
                outcome = ingest_file(store, path, retry_failed=retry_failed)
            except StoreUnavailableError as exc:
                source = one_line(str(path.resolve()))
                outcome = Outcome(str(path.resolve()), "failed", message=f"{source}: not loaded: {exc}",
                                  store_fault=str(exc))
            fault = outcome.store_fault
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
