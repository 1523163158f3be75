"""report metadata and table captions: documents.report_kind, report_start, report_end, reports_on;
observations.table_caption

A report now says what sort of report it is, the years it covers and the plan it reports on (as it
names it; the plan's period and generation stay in period_start/period_end/generation, which link it
to the plan). An observation from a table keeps the table's caption, its indicator being the row's
label. Rows stored before this migration keep NULL until their document is extracted again (the
extractor version changed, so the next ingest does).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 12:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('report_start', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('report_end', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reports_on', sa.Text(), nullable=True))
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('table_caption', sa.Text(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN, on SQLite too (3.35 and later): batch mode would rebuild the
    # documents table, and dropping the old one deletes every record under it (ON DELETE CASCADE).
    for table, column in (('observations', 'table_caption'), ('documents', 'reports_on'), ('documents', 'report_end'),
                          ('documents', 'report_start'), ('documents', 'report_kind')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
