"""Settings: every threshold, limit and place naplog decides with, in a few objects.

Each object reads, in this order, its defaults, an optional TOML file and ``NAPLOG_*`` environment
variables (pydantic-settings), and command-line options override them where a command has one
(``naplog --help`` names each variable next to its option):

- ``ExtractionSettings`` ([extraction] in the file): what the readers and extractors decide with
  (word tolerances, ruling-line snapping, which pages triage reads in full, header matching, row
  gaps). Part of the extraction cache key: a change extracts again.
- ``Limits`` ([limits]): how much of a document naplog agrees to read (docs/robustness.md).
- ``OutputSettings`` ([outputs]): what the review flags, how compare and report linking match.
- ``RunSettings`` ([run]): where things are (the store, the extraction cache, the gazetteer),
  how a batch runs (workers, a Dask scheduler, OCR) and who corrects.

The file is ``$NAPLOG_CONFIG`` when set, else ``naplog.toml`` in the current folder when there is
one. Thresholds live here as pdfplumber keeps its table settings in ``TableSettings``: one place
where a user sees and tunes them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from pipeline.errors import NaplogError

DEFAULT_DB = "naplog.db"
CONFIG_ENV = "NAPLOG_CONFIG"
CONFIG_FILE = "naplog.toml"


def config_file() -> Path | None:
    """The settings file in force: ``$NAPLOG_CONFIG``, else ``./naplog.toml`` when it exists."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise NaplogError(f"{CONFIG_ENV}: {path}: no such settings file")
        return path
    here = Path(CONFIG_FILE)
    return here if here.is_file() else None


class _Section(BaseSettings):
    """A settings object: defaults < the TOML file's section < ``NAPLOG_*`` variables < arguments."""

    section: ClassVar[str] = ""
    model_config = SettingsConfigDict(env_prefix="NAPLOG_", frozen=True, extra="ignore")

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource) -> tuple:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = config_file()
        if path is not None:
            sources.append(_TomlSection(settings_cls, path, cls.section))
        return tuple(sources)


class _TomlSection(TomlConfigSettingsSource):
    """One ``[section]`` of the settings file."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path, section: str):
        self.section = section
        super().__init__(settings_cls, toml_file=path)

    def _read_file(self, file_path: Path) -> dict[str, Any]:
        try:
            data = super()._read_file(file_path)
        except Exception as exc:  # noqa: BLE001 - a broken file is the user's to fix: say where
            raise NaplogError(f"{file_path}: not a valid TOML settings file ({exc})") from None
        section = data.get(self.section, {})
        return section if isinstance(section, dict) else {}


def _load(cls: type[_Section], **values: Any) -> Any:
    """``cls(**values)`` with a validation error turned into one line naming the variable."""
    try:
        return cls(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first.get("loc") else "?"
        raise NaplogError(f"NAPLOG_{name.upper()}: {first['msg']}") from None


# ---- extraction ------------------------------------------------------------------------------

class ExtractionSettings(_Section):
    """What the readers and the extractors decide with. Frozen and hashable: part of the
    extraction cache key (``pipeline.batch.records_digest``)."""

    section: ClassVar[str] = "extraction"

    # Word building. A tolerance relative to font size copes with both 7pt table text and
    # 12pt banners; 0.08 of the size separates words set with tight (~1pt) spacing that the
    # default absolute 3pt tolerance would run together (gaps of 0.9pt at 8.6pt were seen).
    x_tolerance_ratio: float = 0.08
    y_tolerance: float = 3.0
    # Pages where more than this share of characters is rotated are read rotated.
    rotated_share: float = 0.6
    # Ruled tables: pdfplumber's lines strategy; edges closer than this snap together.
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    # Ruling lines shorter than this (points) are glyph strokes or underlines, not cell borders.
    min_edge: float = 3.0
    # A header row must name at least this many known column roles.
    min_header_roles: int = 2
    # Unruled tables: a vertical gap larger than this many line heights starts a new row.
    row_gap_lines: float = 1.2
    # Triage (pipeline.pdf.triage): a page is read in full for its tables when this share of its
    # lines split into two or more cells (a table continued from the page before), when it draws
    # this many paths (ruling lines and cell fills), or, in a report, when this many lines split
    # into three or more cells (a small table of figures).
    tabular_share: float = 0.3
    ruled_paths: int = 24
    report_table_rows: int = 3
    # Triage: a page whose text stands in three or more columns (``triage.looks_like_table``) and that
    # draws this many paths is read in full as a table even when no header word is known (a grid of
    # cells needs lines; ten-odd paths draw a small ruled table).
    table_paths: int = 8
    # Triage: a page where this many cells open with a level's label and number ("SO 1:", "Outcome
    # 2 -") over ``table_paths`` drawn paths is read in full as a results table, whatever its header
    # words (three: a table lists its objectives; a heading or two in prose name fewer).
    labelled_levels: int = 3
    # Report tables (extractors/report_tables.py): how far above a table its caption is looked for,
    # and below it its "Source :" line (points; captions sit a line or two above, a blank line between).
    report_caption_gap: float = 90.0
    report_source_gap: float = 40.0


# ---- limits ----------------------------------------------------------------------------------
# Not extraction thresholds: they decide whether a file is read at all, never what is extracted
# from it, so they are kept out of ExtractionSettings (and out of the extraction cache key).
# docs/robustness.md says what happens when each one is exceeded.

LIMIT_ENV = {name: f"NAPLOG_{name.upper()}" for name in (
    "max_pages", "max_file_mb", "max_seconds", "max_page_chars", "max_page_content_mb", "max_stream_mb",
    "max_inflated_mb", "max_form_depth", "max_page_cells", "max_memory_mb")}
# The limits ``naplog extract`` and ``naplog ingest`` take as options (the others: variables only).
LIMIT_OPTIONS = {name: "--" + name.replace("_", "-") for name in
                 ("max_pages", "max_file_mb", "max_seconds", "max_page_chars")}


class Limits(_Section):
    """How much of a document naplog agrees to read. 0 means no limit.

    The defaults leave a wide margin above real plans (the largest seen: ~190 pages, ~30 MB, at
    most ~7,000 characters and 1 MB of drawing instructions on a page, no compressed stream over
    1 MB once inflated) and stop what no plan needs: thousands of pages, a page of hundreds of
    thousands of characters, a decompression bomb, a document that keeps a worker busy for more
    than ten minutes.
    """

    section: ClassVar[str] = "limits"

    max_pages: int = 1000
    max_file_mb: float = 200.0
    max_seconds: float = 600.0  # reading and extracting one document, wall clock
    max_page_chars: int = 200_000
    max_page_content_mb: float = 16.0  # a page's drawing instructions, once inflated
    max_stream_mb: float = 256.0  # any one compressed stream, once inflated
    max_inflated_mb: float = 4096.0  # all compressed streams of the document, once inflated
    # Form XObjects drawn inside forms: PDFium expands every use of every form when it loads a page.
    max_form_depth: int = 12
    # Cells a page's ruling lines can make (distinct horizontal x vertical positions): the table
    # finders' work grows with them; past the limit the page's lines are ignored, its text kept.
    max_page_cells: int = 100_000
    # Memory (MB) the pages of one document may take to load, on top of what the process holds: PDFium
    # reads them in a child process whose address space is capped at that (pipeline.pdf.capped).
    max_memory_mb: float = 2048.0

    @field_validator("*", mode="before")
    @classmethod
    def _a_limit(cls, raw: Any, info: Any) -> float:
        whole = cls.model_fields[info.field_name].annotation in (int, "int")
        return _limit_value(raw, whole)

    @classmethod
    def from_env(cls, **overrides: float | None) -> Limits:
        """Defaults, the settings file, ``NAPLOG_MAX_*`` variables, then ``overrides`` (the CLI's
        options; None = not given). ``NaplogError`` naming the variable or option that is wrong."""
        for name in overrides:
            if name not in LIMIT_ENV:
                raise TypeError(f"unknown limit {name!r}")
        given = {name: value for name, value in overrides.items() if value is not None}
        for name, value in given.items():
            try:
                _limit_value(value, cls.model_fields[name].annotation in (int, "int"))
            except ValueError as exc:
                raise NaplogError(f"{LIMIT_OPTIONS.get(name, name)}: {exc}") from None
        try:
            return cls(**given)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = str(first["loc"][0])
            raise NaplogError(f"{LIMIT_ENV[name]}: {first['ctx']['error'] if 'ctx' in first else first['msg']}") \
                from None

    def describe(self, name: str) -> str:
        """``1000 (NAPLOG_MAX_PAGES / --max-pages)``: a limit and where to change it."""
        value = getattr(self, name)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        option = f" / {LIMIT_OPTIONS[name]}" if name in LIMIT_OPTIONS else ""
        return f"{shown} ({LIMIT_ENV[name]}{option})"

    def as_env(self) -> dict[str, str]:
        """The limits as ``NAPLOG_MAX_*`` variables (for worker processes started later)."""
        return {var: repr(getattr(self, name)) for name, var in LIMIT_ENV.items()}


def _limit_value(raw: Any, whole: bool) -> float:
    """A limit as given (a number, or its text): a number >= 0, whole where the limit counts."""
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise ValueError(f"expected a number, got {raw!r}") from None
    if not value >= 0 or value == float("inf"):
        raise ValueError(f"expected a number >= 0 (0 means no limit), got {raw!r}")
    if whole:
        if value != int(value):
            raise ValueError(f"expected a whole number, got {raw!r}")
        return int(value)
    return value


def limit_exceeded(value: float, limit: float) -> bool:
    """``value`` is over ``limit`` (a limit of 0 means none)."""
    return bool(limit) and value > limit


# ---- outputs ---------------------------------------------------------------------------------

class OutputSettings(_Section):
    """What the review flags and how records are matched across documents."""

    section: ClassVar[str] = "outputs"

    # The review flags records extracted with less confidence than this.
    low_confidence: float = 0.7
    # Resolution of the page images a review embeds when PDF.js is not installed (dots per inch);
    # with PDF.js the pages are drawn from the PDF itself, sharp at any zoom.
    review_dpi: int = 100
    # The review shows a flag once, as a trait of the document, when at least this share of the
    # records it applies to have it ("no output has an indicator": the plan's tables have no
    # indicator column) and at least ``review_pattern_min`` records do; else flag by flag.
    review_pattern_share: float = 0.5
    review_pattern_min: int = 10
    # Compare: two plans' records are the same when rapidfuzz's ratio of their texts reaches this.
    compare_match: float = 70.0
    # Compare: how many lead institutions a plan's summary names.
    top_institutions: int = 5
    # Linking: a report's observation is tied to the plan indicator it matches at least this well (0-1).
    link_threshold: float = 0.8
    # Scorecard: sentences (a coordination body's mandate) and costed tables are cited from at most this
    # many pages.
    scorecard_pages: int = 12
    # IATI export: the reporting organisation. A publisher sets its own registered organisation
    # identifier (activity identifiers begin with it); the default only says that none was given.
    iati_org_ref: str = "XX-NAPLOG"
    iati_org_name: str = "Results read by naplog (no reporting organisation given: set NAPLOG_IATI_ORG_REF)"
    # IATI OrganisationType code of the reporting organisation (10: government).
    iati_org_type: str = "10"


# ---- the run ---------------------------------------------------------------------------------

class RunSettings(_Section):
    """Where things are and how a batch runs."""

    section: ClassVar[str] = "run"

    # The store: a SQLAlchemy URL or a SQLite file path (``--db``).
    db: str = DEFAULT_DB
    # The extraction cache folder (``--cache-dir``); default ~/.cache/naplog/extractions.
    cache_dir: Path | None = None
    # Extraction processes (``--workers``); default one per core.
    workers: int | None = None
    # A Dask scheduler address, or "local" / "local:N" (``--dask-address``).
    dask_address: str | None = None
    # Give scans a text layer with OCRmyPDF (``--ocr``).
    ocr: bool = False
    # Who corrects (``corrections apply --author``); default the login name.
    author: str | None = None
    # An extra gazetteer of institutions (JSON, as extractors/data/institutions.json).
    gazetteer: Path | None = None


def run_settings() -> RunSettings:
    """The run settings in force now (they are read again each time: commands set variables)."""
    return _load(RunSettings)


@lru_cache(maxsize=1)
def output_settings() -> OutputSettings:
    return _load(OutputSettings)


# The databases naplog stores in, and the drivers it installs (None: SQLAlchemy's default).
DB_DRIVERS = {"sqlite": (None, "pysqlite"), "postgresql": (None, "psycopg"), "postgres": (None,)}
DB_FORMS = ("a SQLite file path, sqlite:///RELATIVE/PATH, sqlite:////ABSOLUTE/PATH or "
            "postgresql://USER@HOST/DATABASE")


def check_db_value(value: str) -> None:
    """``--db`` / ``NAPLOG_DB`` as naplog can use it, else ``NaplogError`` in one line: an option
    taken for its value (``--db --refresh-cache``), an unknown database or driver (``mysql://``,
    ``postgresq://``). The URL itself is never repeated (it may hold a password)."""
    if not value.strip():
        raise NaplogError(f"--db is empty: give {DB_FORMS}")
    if value.startswith("-"):
        raise NaplogError(f"--db needs a value, got the option {value.split('=')[0]!r}: give {DB_FORMS}")
    if "://" not in value:
        return
    scheme = value.split("://", 1)[0]
    dialect, _, driver = scheme.partition("+")
    drivers = DB_DRIVERS.get(dialect.lower())
    if drivers is None:
        raise NaplogError(f"--db: naplog cannot store in {scheme}:// databases: give {DB_FORMS}")
    if (driver or None) not in drivers:
        raise NaplogError(f"--db: the driver {driver!r} of {scheme}:// is not installed with naplog: use "
                          f"{dialect}://" + (f" or {dialect}+{drivers[1]}://" if len(drivers) > 1 else ""))


def resolve_db_url(db: str | None = None) -> str:
    """Turn ``--db`` / ``NAPLOG_DB`` into a SQLAlchemy URL; a plain path means SQLite (relative to
    the current folder). A URL is taken as SQLAlchemy takes it: ``sqlite:///tmp/x.db`` is
    ``./tmp/x.db``, ``sqlite:////tmp/x.db`` is ``/tmp/x.db``. ``NaplogError`` for a value naplog cannot
    use (``check_db_value``)."""
    value = db or os.environ.get("NAPLOG_DB") or DEFAULT_DB
    check_db_value(value)
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver we install; SQLAlchemy defaults to psycopg2 otherwise.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


# The limits of the document being read: set by ``use_limits`` for the time one document is read
# (``pipeline.extract.extract_file``), else the environment's.
_active_limits: ContextVar[Limits | None] = ContextVar("naplog_limits", default=None)


def current_limits() -> Limits:
    """The limits of the document being read (``use_limits``), else the environment's."""
    return _active_limits.get() or Limits.from_env()


@contextmanager
def use_limits(limits: Limits) -> Iterator[None]:
    token = _active_limits.set(limits)
    try:
        yield
    finally:
        _active_limits.reset(token)


OCR_ENV = "NAPLOG_OCR"


def ocr_requested() -> bool:
    return os.environ.get(OCR_ENV, "").strip().lower() in ("1", "true", "yes", "on")


DEFAULT_SETTINGS = _load(ExtractionSettings)


# ---- the libraries' log lines ----------------------------------------------------------------
# Loggers of the libraries naplog reads and runs with: their lines (pdfminer's "Cannot set gray
# level", Dask's worker chatter) mean nothing to a user of the command line, which shows them only
# with -v. (Prefect's own are set by PREFECT_LOGGING_LEVEL.)
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "distributed", "dask", "tornado", "asyncio", "PIL",
                   "fontTools", "alembic", "httpx", "uvicorn", "fsspec",
                   # Prefect's background services log under their class names ("EventsWorker - Still
                   # processing items: 3 items remaining..." as a one-file ingest exits)
                   "EventsWorker", "APILogWorker")
# Set by the command line ("hide" or "show") for itself and the worker processes it starts.
LIBRARY_LOGS_ENV = "NAPLOG_LIBRARY_LOGS"


def hide_library_logs(hide: bool = True) -> None:
    """No line of the libraries' loggers reaches stderr (logging's last resort prints warnings,
    Prefect's console handler on the root logger prints them in a batch's workers); ``hide=False``
    gives them back to the root logger (-v, in a process that hid them as it started)."""
    import logging

    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [h for h in logger.handlers if not isinstance(h, logging.NullHandler)]
        if hide:
            logger.addHandler(logging.NullHandler())
        logger.propagate = not hide


# A worker process of `naplog ingest` (a process pool's or Dask's) imports this module before it reads
# a page: the command line's choice reaches it through the environment. A program using naplog as a
# library never sets the variable, and keeps its logging as it configured it.
if os.environ.get(LIBRARY_LOGS_ENV) == "hide":
    hide_library_logs()
