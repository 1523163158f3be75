"""Ingest PDFs into the store: discover files, skip unchanged ones, extract, load.

Plain Python: ``flows/`` runs the same steps as Prefect tasks. One document's failure is recorded
with its reason and never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extractors import EXTRACTOR_VERSION
from pipeline.errors import InputError, NaplogError
from pipeline.extract import extract_file
from pipeline.pdf_reader import sha256_of
from pipeline.store import Store

Status = Literal["loaded", "replaced", "unchanged", "failed"]


@dataclass
class Outcome:
    path: str
    status: Status
    document_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    message: str | None = None


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


def ingest_file(store: Store, path: Path) -> Outcome:
    source = str(path.resolve())
    try:
        sha = sha256_of(path)
    except OSError as exc:
        return Outcome(source, "failed", message=f"{source}: cannot read the file ({exc.strerror})")
    doc_id = store.is_current(sha, EXTRACTOR_VERSION)
    if doc_id is not None:
        return Outcome(source, "unchanged", doc_id)
    try:
        logframe = extract_file(path)
    except NaplogError as exc:
        store.record_failure(source, sha, EXTRACTOR_VERSION, str(exc))
        return Outcome(source, "failed", message=str(exc))
    result = store.load(logframe)
    return Outcome(source, result.status, result.document_id, result.counts)


def ingest_paths(store: Store, paths: Iterable[Path | str],
                 progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    outcomes = []
    for path in discover(paths):
        outcome = ingest_file(store, path)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
