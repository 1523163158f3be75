"""run lifecycle: started / interrupted runs

A load now writes its ``runs`` row as ``started`` before it writes any record and sets the outcome at
the end, so a process killed in the middle leaves a trace (docs/faults.md). Adds ``started_at``,
``pid`` and ``hostname`` (who ran it: a row left ``started`` by a dead process is marked
``interrupted``), an index on ``status``, and lets ``finished_at`` be NULL while a run is going on.
Rows stored before this migration keep NULL in the new columns.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hostname', sa.String(length=255), nullable=True))
        batch_op.alter_column('finished_at', existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.create_index(batch_op.f('ix_runs_status'), ['status'], unique=False)


def downgrade() -> None:
    # Runs still going on (or interrupted before they could finish) get a finish time: the old schema
    # requires one.
    op.execute("UPDATE runs SET finished_at = COALESCE(started_at, CURRENT_TIMESTAMP) WHERE finished_at IS NULL")
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_runs_status'))
        batch_op.alter_column('finished_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_column('hostname')
        batch_op.drop_column('pid')
        batch_op.drop_column('started_at')
