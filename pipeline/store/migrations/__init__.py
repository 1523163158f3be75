"""Alembic migrations of the store; ``upgrade_to_head`` is what ``Store`` calls on open."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

HERE = Path(__file__).parent
_REVISION = re.compile(r"^(down_)?revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)\s*$", re.MULTILINE)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
        cfg.attributes["engine"] = engine
    return cfg


@lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """The revisions no migration builds on, read from the migration files' ``revision`` and
    ``down_revision`` lines. Opening a store that is already at head then needs no alembic, whose
    import costs a fifth of a second (a re-run over an unchanged corpus is mostly start-up).
    The tests check this against alembic's own ``ScriptDirectory.get_heads()``."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (HERE / "versions").glob("*.py"):
        for down, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            if value:
                (parents if down else revisions).add(value)
    return frozenset(revisions - parents)


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
