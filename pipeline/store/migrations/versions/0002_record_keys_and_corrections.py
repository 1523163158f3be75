"""record keys and corrections

Adds ``record_key`` to goals, outputs, activities, indicators and institution_links (filled in for
records already stored, with the scheme of pipeline/store/corrections.py), and the ``corrections`` table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

KEYED = ('goals', 'outputs', 'activities', 'indicators', 'institution_links')


def upgrade() -> None:
    for table in KEYED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('record_key', sa.String(length=255), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_record_key'), ['record_key'], unique=False)

    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('record_key', sa.String(length=255), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.CheckConstraint("status in ('applied', 'orphaned', 'conflict')", name='ck_correction_status'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrections_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_corrections_record_key'), ['record_key'], unique=False)

    _backfill(op.get_bind())


def _backfill(conn) -> None:  # noqa: ANN001 - a SQLAlchemy connection
    """Keys for records stored before this migration (same scheme as store_records.RecordWriter)."""
    # Imported when this revision runs, not when Alembic reads the revision files to order them.
    from pipeline.store.keys import (
        document_prefix,
        indicator_keys,
        institution_keys,
        level_keys,
    )

    def rows(sql: str, **params):  # noqa: ANN202
        return conn.execute(sa.text(sql), params).all()

    def set_key(table: str, row_id: int, key: str) -> None:
        conn.execute(sa.text(f'UPDATE {table} SET record_key = :k WHERE id = :i'), {'k': key, 'i': row_id})

    def extras(owner_col: str, owner_id: int, owner_key: str) -> None:
        inds = rows(f'SELECT id, code, text FROM indicators WHERE {owner_col} = :o ORDER BY position', o=owner_id)
        for (iid, *_), key in zip(inds, indicator_keys(owner_key, [(c, t) for _, c, t in inds])):
            set_key('indicators', iid, key)
        links = rows(f'SELECT id, name_as_written FROM institution_links WHERE {owner_col} = :o ORDER BY position',
                     o=owner_id)
        for (lid, _), key in zip(links, institution_keys(owner_key, [n for _, n in links])):
            set_key('institution_links', lid, key)

    for (doc_id,) in rows('SELECT id FROM documents ORDER BY id'):
        goals = rows('SELECT id, code FROM goals WHERE document_id = :d ORDER BY position', d=doc_id)
        for (gid, _), gkey in zip(goals, level_keys(document_prefix(doc_id), 'g', [c for _, c in goals])):
            set_key('goals', gid, gkey)
            extras('goal_id', gid, gkey)
            outputs = rows('SELECT id, code FROM outputs WHERE goal_id = :g ORDER BY position', g=gid)
            for (oid, _), okey in zip(outputs, level_keys(gkey, 'o', [c for _, c in outputs])):
                set_key('outputs', oid, okey)
                extras('output_id', oid, okey)
                acts = rows('SELECT id, code FROM activities WHERE output_id = :o ORDER BY position', o=oid)
                for (aid, _), akey in zip(acts, level_keys(okey, 'a', [c for _, c in acts])):
                    set_key('activities', aid, akey)
                    extras('activity_id', aid, akey)


def downgrade() -> None:
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrections_record_key'))
        batch_op.drop_index(batch_op.f('ix_corrections_document_id'))
    op.drop_table('corrections')
    for table in reversed(KEYED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_record_key'))
            batch_op.drop_column('record_key')
