"""Alembic environment: runs migrations on the engine the store opened (or the configured URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from pipeline.store.migrations import MIGRATION_LOCK_KEY  # see there why it is taken
from pipeline.store.schema import Base

config = context.config
target_metadata = Base.metadata



def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copying it and dropping the old one; with foreign keys on,
            # dropping ``documents`` would delete every record under it (ON DELETE CASCADE). SQLite
            # only turns them off outside a transaction, so on the connection before it begins; the
            # migration checks them before it commits.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                context.configure(
                    connection=connection,
                    target_metadata=target_metadata,
                    # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
                    render_as_batch=sqlite,
                )
                context.run_migrations()
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("a migration left rows whose parent is gone (PRAGMA foreign_key_check)")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
