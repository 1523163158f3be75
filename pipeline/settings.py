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
