"""Ingest PDFs into the store: discover files, skip unchanged ones, extract, load.

Plain Python: ``flows/`` runs the same steps as Prefect tasks. One document's failure is recorded
with its reason and never stops the others. A document is extracted by the stages of
``pipeline.extract`` (``extract_file(..., check=True)``: fingerprint, parse, classify, extract,
validate); ``load`` writes it to the store in one transaction.

Re-runs: a file already stored by this extractor version is skipped (``Store.is_current``), and so
is a file whose failure is inherent to it (no logframe found, not a PDF, encrypted, over a limit):
that failure is remembered by the file's sha256 and ``input_key()`` (``Store.known_failure``) and
reported again without reading the file, until the file, the extractor version, the settings, the
limits or ``--ocr`` change, or ``retry_failed`` asks for it. Failures that another try may not
repeat (``NaplogError.inherent`` is False) are never remembered.
"""

from __future__ import annotations

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

from extractors import EXTRACTOR_VERSION
from pipeline.errors import InputError, NaplogError, StoreUnavailableError, one_line
from pipeline.extract import extract_file, fingerprint
from pipeline.pdf.preflight import NOT_UTF8_NAME, utf8_name
from pipeline.settings import (
    DEFAULT_SETTINGS,
    ExtractionSettings,
    Limits,
    current_limits,
    ocr_requested,
)
from pipeline.store.probe import settle

if TYPE_CHECKING:
    # Only the coordinator writes to the store: extraction workers never import SQLAlchemy.
    # A re-run that finds every file current builds no record: it never imports their models.
    from pipeline.records import Logframe
    from pipeline.store.database import KnownFailure, Store

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


def discover(paths: Iterable[Path | str], warn: Callable[[str], None] | None = None,
             missing: Callable[[InputError], None] | None = None) -> list[Path]:
    """PDF files named directly or found (recursively) in folders, in a stable order.

    A path that does not exist is an ``InputError``, raised, or given to ``missing`` and left out
    when ``missing`` is given (``naplog ingest`` reports it and loads the others). Inside folders
    nothing stops the walk: a symbolic link to a folder is followed unless it leads back to a folder
    being walked (a loop: skipped with a warning naming it), and broken links, named pipes, sockets
    and unreadable folders are skipped with a warning (``warn``, default: the ``naplog.input`` logger). A link to a PDF outside the folder is read like any file there;
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
            problem = _missing(p, exc)
            if missing is None:
                raise problem from None
            missing(problem)
            continue
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


def _missing(path: Path, exc: OSError) -> InputError:
    if os.path.islink(path):
        reason = "a symbolic link loop" if exc.errno == errno.ELOOP else \
            f"a broken symbolic link (to {os.readlink(path)})"
        return InputError(path, f"no such file or folder: {reason}")
    return InputError(path, "no such file or folder")


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


def load(store: Store, logframe: Logframe, extraction: str | None = "extracted") -> Outcome:
    """Write one logframe to the store (one transaction); ``unchanged`` when already there."""
    result = store.load(logframe)
    return Outcome(logframe.document.source_path, result.status, result.document_id, result.counts,
                   extraction=extraction)


def record_failure(store: Store, path: Path | str, sha256: str | None, message: str,
                   input_key: str | None = None) -> Outcome:
    """Keep a failed run in the store's history (when the file could be read) and report it.

    ``input_key`` remembers the failure for the next run (give it only when the failure is ``inherent``).
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
    material = source + repr(DEFAULT_SETTINGS.model_dump()).encode()
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
        "settings": settings.model_dump(),
        "limits": (current_limits() if limits is None else limits).model_dump(),
        "ocr": ocr_requested() if ocr is None else ocr,
    }, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


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
    (``pipeline.store.probe``: a re-run over an unchanged folder then costs its start-up and the
    files' sha256 only). None when any file needs work, or the batch or the store is anything but
    plain (a path missing, a warning while walking folders, a store that is not SQLite at head):
    the caller then runs the batch as always, which reports all of that."""
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
        logframe = extract_file(path, check=True)
    except NaplogError as exc:
        # Remembered when another read of the same bytes would fail the same way (``exc.inherent``).
        return record_failure(store, path, sha, str(exc), key if exc.inherent else None)
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
