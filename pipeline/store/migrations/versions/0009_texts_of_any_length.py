"""texts of any length: the free-text columns that had a VARCHAR limit become TEXT

PostgreSQL enforced those limits and SQLite did not: the Albania adaptation plan, whose extracted
level name is 260 characters long, loaded into SQLite and never into PostgreSQL (``VARCHAR(120)``),
and so could a long country, acronym, alias, period, report kind or correction author. Every column
holding text read from a PDF or typed by a user now takes any length on both databases; the columns
left with a limit hold values the records validate (codes, kinds, units, roles, ISO codes, digests,
record keys). Institution names, unique in an index, are validated at 500 characters by the records
(``pipeline.records.MAX_NAME_CHARS``: a PostgreSQL index entry holds at most 2,704 bytes).

On PostgreSQL ``VARCHAR(n)`` to ``TEXT`` rewrites no row; on SQLite (where the declared type is only
a declaration) each table is rebuilt in batch mode, foreign keys off (migrations/env.py). Downgrading
cuts longer texts to the old limits.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 13:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# table -> (column, its former VARCHAR length)
WIDENED = {
    'plans': (('country', 120),),
    'documents': (('country', 120), ('report_kind', 40)),
    'goals': (('level_name', 120),),
    'outputs': (('level_name', 120),),
    'activities': (('level_name', 120),),
    'acronyms': (('acronym', 40),),
    'institutions': (('canonical_name', 300), ('acronym', 40)),
    'institution_aliases': (('alias', 300),),
    'corrections': (('author', 120),),
    'observations': (('period', 40),),
}


def upgrade() -> None:
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, length in columns:
                batch_op.alter_column(column, existing_type=sa.String(length=length), type_=sa.Text())


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == 'postgresql'
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, length in columns:
                # PostgreSQL refuses a longer value than the type: cut it (SQLite keeps it whole).
                batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=length),
                                      postgresql_using=f'left({column}, {length})' if postgresql else None)
