"""remembered failures: runs.input_key

A file whose failure is inherent to it (no logframe found, not a PDF, encrypted, damaged, over a
limit) used to be parsed and extracted again on every run. ``Store.record_failure`` now writes, on
such a failure only, ``input_key``: a digest of everything besides the file's bytes that decides what
reading it gives (extractor version, record schema, extraction settings, input limits, OCR; see
``pipeline.batch.input_key``). The next run finds the failure by (sha256, input_key) and does not
read the file again (``Store.known_failure``). Rows stored before this migration keep NULL: those
failures are tried once more, and remembered from then on.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-15 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('input_key', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_runs_sha256_input_key', ['sha256', 'input_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_index('ix_runs_sha256_input_key')
        batch_op.drop_column('input_key')
