"""reports, narrative plans and institution aliases

Adds ``institution_aliases``, the report tables ``observations``, ``report_items`` and
``pillar_progress``, and a ``classification`` column (pillar / ASEAN RPA WPS outcome, JSON) on goals
and outputs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def _provenance() -> list[sa.Column]:
    return [
        sa.Column('page', sa.Integer(), nullable=False),
        sa.Column('x0', sa.Float(), nullable=True),
        sa.Column('top', sa.Float(), nullable=True),
        sa.Column('x1', sa.Float(), nullable=True),
        sa.Column('bottom', sa.Float(), nullable=True),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('confidence', sa.Float(), nullable=False),
    ]


def upgrade() -> None:
    for table in ('goals', 'outputs'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('classification', sa.JSON(), nullable=True))

    op.create_table('institution_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('institution_id', 'alias', name='uq_institution_alias')
    )
    with op.batch_alter_table('institution_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institution_aliases_institution_id'), ['institution_id'], unique=False)

    op.create_table('observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_as_written', sa.Text(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=True),
    sa.Column('period', sa.String(length=40), nullable=True),
    sa.Column('disaggregation', sa.JSON(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('pillar', sa.String(length=40), nullable=True),
    sa.Column('matched_indicator_id', sa.Integer(), nullable=True),
    sa.Column('match_score', sa.Float(), nullable=True),
    *_provenance(),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['matched_indicator_id'], ['indicators.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observations_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observations_matched_indicator_id'), ['matched_indicator_id'],
                              unique=False)

    op.create_table('report_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    *_provenance(),
    sa.CheckConstraint("kind in ('lessons', 'challenges', 'recommendations')", name='ck_report_item_kind'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_items_document_id'), ['document_id'], unique=False)

    op.create_table('pillar_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pillar', sa.String(length=40), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    *_provenance(),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pillar_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pillar_progress_document_id'), ['document_id'], unique=False)


def downgrade() -> None:
    for table in ('pillar_progress', 'report_items', 'observations', 'institution_aliases'):
        op.drop_table(table)
    for table in ('outputs', 'goals'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('classification')
