"""Settings: where the store is, and every extraction threshold with its default.

Thresholds live in one object (as pdfplumber does with its table settings) so that a user can
see and tune what the extractors decide with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "naplog.db"


def resolve_db_url(db: str | None = None) -> str:
    """Turn ``--db`` / ``NAPLOG_DB`` into a SQLAlchemy URL; a plain path means SQLite."""
    value = db or os.environ.get("NAPLOG_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver we install; SQLAlchemy defaults to psycopg2 otherwise.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(frozen=True)
class ExtractionSettings:
    # Word building. A tolerance relative to font size copes with both 7pt table text and
    # 12pt banners; 0.08 of the size separates words set with tight (~1pt) spacing that the
    # default absolute 3pt tolerance would run together (gaps of 0.9pt at 8.6pt were seen).
    x_tolerance_ratio: float = 0.08
    y_tolerance: float = 3.0
    # Ruled tables: pdfplumber's lines strategy; edges closer than this snap together.
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    # A header row must name at least this many known column roles.
    min_header_roles: int = 2
    # Unruled tables: a vertical gap larger than this many line heights starts a new row.
    row_gap_lines: float = 1.2
    # Pages where more than this share of characters is rotated are read rotated.
    rotated_share: float = 0.6
    extra: dict[str, float] = field(default_factory=dict)


DEFAULT_SETTINGS = ExtractionSettings()


# ---- limits on one input document ----------------------------------------------------------
# Not extraction thresholds: they decide whether a file is read at all, never what is extracted
# from it, so they are kept out of ExtractionSettings (and out of the extraction cache key).
# docs/robustness.md says what happens when each one is exceeded.

LIMIT_ENV = {
    "max_pages": "NAPLOG_MAX_PAGES",
    "max_file_mb": "NAPLOG_MAX_FILE_MB",
    "max_seconds": "NAPLOG_MAX_SECONDS",
    "max_page_chars": "NAPLOG_MAX_PAGE_CHARS",
    "max_page_content_mb": "NAPLOG_MAX_PAGE_CONTENT_MB",
    "max_stream_mb": "NAPLOG_MAX_STREAM_MB",
    "max_inflated_mb": "NAPLOG_MAX_INFLATED_MB",
}
# The limits ``naplog extract`` and ``naplog ingest`` take as options (the others: variables only).
LIMIT_OPTIONS = {name: "--" + name.replace("_", "-") for name in
                 ("max_pages", "max_file_mb", "max_seconds", "max_page_chars")}


@dataclass(frozen=True)
class Limits:
    """How much of a document naplog agrees to read. 0 means no limit.

    The defaults leave a wide margin above real plans (the largest seen: ~190 pages, ~30 MB, at
    most ~7,000 characters and 1 MB of drawing instructions on a page, no compressed stream over
    1 MB once inflated) and stop what no plan needs: thousands of pages, a page of hundreds of
    thousands of characters, a decompression bomb, a document that keeps a worker busy for more
    than ten minutes.
    """

    max_pages: int = 1000
    max_file_mb: float = 200.0
    max_seconds: float = 600.0  # reading and extracting one document, wall clock
    max_page_chars: int = 200_000
    max_page_content_mb: float = 16.0  # a page's drawing instructions, once inflated
    max_stream_mb: float = 256.0  # any one compressed stream, once inflated
    max_inflated_mb: float = 4096.0  # all compressed streams of the document, once inflated

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: float | None) -> Limits:
        """Defaults, then ``NAPLOG_MAX_*`` variables, then ``overrides`` (CLI options; None = unset)."""
        env = os.environ if env is None else env
        values: dict[str, float] = {}
        for name, var in LIMIT_ENV.items():
            raw = env.get(var)
            if raw is not None and raw.strip():
                values[name] = _limit_value(name, raw, var)
        for name, value in overrides.items():
            if name not in LIMIT_ENV:
                raise TypeError(f"unknown limit {name!r}")
            if value is not None:
                values[name] = _limit_value(name, str(value), LIMIT_OPTIONS.get(name, name))
        return cls(**values)

    def describe(self, name: str) -> str:
        """``1000 (NAPLOG_MAX_PAGES / --max-pages)``: a limit and where to change it."""
        value = getattr(self, name)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        option = f" / {LIMIT_OPTIONS[name]}" if name in LIMIT_OPTIONS else ""
        return f"{shown} ({LIMIT_ENV[name]}{option})"

    def as_env(self) -> dict[str, str]:
        """The limits as ``NAPLOG_MAX_*`` variables (for worker processes started later)."""
        return {var: repr(getattr(self, name)) for name, var in LIMIT_ENV.items()}


def _limit_value(name: str, raw: str, source: str) -> float:
    from pipeline.errors import NaplogError

    try:
        value = float(raw)
    except ValueError:
        raise NaplogError(f"{source}: expected a number, got {raw!r}") from None
    if not value >= 0 or value == float("inf"):
        raise NaplogError(f"{source}: expected a number >= 0 (0 means no limit), got {raw!r}")
    if Limits.__dataclass_fields__[name].type in ("int", int):
        if value != int(value):
            raise NaplogError(f"{source}: expected a whole number, got {raw!r}")
        return int(value)
    return value


def limit_exceeded(value: float, limit: float) -> bool:
    """``value`` is over ``limit`` (a limit of 0 means none)."""
    return bool(limit) and value > limit
