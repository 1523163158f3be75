"""Alembic migrations of the store; ``upgrade_to_head`` is what ``Store`` calls on open, and
``create_at_head`` what it calls first on a database that holds no table yet."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

HERE = Path(__file__).parent
# Two processes opening a fresh store at once must not both create the tables. On PostgreSQL the
# creating or migrating transaction first takes this advisory lock (released at commit), so the
# second one waits and then finds the schema at head. On SQLite the store's engine begins every
# write transaction with BEGIN IMMEDIATE (pipeline/store/database.py), which serialises them the same way.
MIGRATION_LOCK_KEY = 0x6E61706C6F67_01  # "naplog" + 1
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


def create_at_head(engine: Engine) -> bool:
    """Give a database that holds no table the models' schema, stamped at the newest migration, in
    one transaction; False (nothing done) when it already holds a table, which the migrations then
    handle. Replaying every migration on a new store costs Alembic's import and one table rebuild
    after another (about 0.4 s of a one-file ingest's CPU); the result is the same schema, which
    the tests compare on SQLite and PostgreSQL."""
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table, inspect, text

    from pipeline.store.schema import Base

    # The table and constraint names Alembic itself creates, so that later migrations find it.
    version = Table("alembic_version", MetaData(), Column("version_num", String(32), nullable=False),
                    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        if inspect(conn).get_table_names():  # another process created it meanwhile, or not a new store
            return False
        Base.metadata.create_all(conn)
        version.create(conn)
        conn.execute(version.insert(), [{"version_num": head} for head in sorted(head_revisions())])
    return True


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
