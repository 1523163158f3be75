"""Alembic environment: runs migrations on the engine the store opened (or the configured URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from pipeline.store.schema import Base

config = context.config
target_metadata = Base.metadata

# Two processes opening a fresh store at once must not both create the tables. On PostgreSQL the
# migration transaction first takes this advisory lock (released at commit), so the second one waits
# and then finds the schema at head. On SQLite the store's engine begins every write transaction
# with BEGIN IMMEDIATE (pipeline/store/database.py), which serialises them the same way.
MIGRATION_LOCK_KEY = 0x6E61706C6F67_01  # "naplog" + 1


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
            render_as_batch=connection.dialect.name == "sqlite",
        )
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
