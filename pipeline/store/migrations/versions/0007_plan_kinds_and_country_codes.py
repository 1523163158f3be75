"""plan kinds and country codes: documents.kind widened, documents.country_code

A document's kind was "nap" or "report"; it now tells apart the kinds of plans naplog reads
(``pipeline.records.Kind``: WPS national, regional and local action plans, climate adaptation and
development plans, other plans with a results framework, project logframes) from reports, so the
column is wider and its check lists them. ``country_code`` holds the ISO 3166-1 alpha-2 code of the
document's country. Rows stored before keep their kind ("nap" or "report", both still valid) and a
NULL code until the document is re-extracted (a new extractor version re-extracts them).

Revision ID: 0007
Revises: 0005
Create Date: 2027-01-10 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None

KINDS = ("nap", "wps_regional_plan", "wps_local_plan", "adaptation_plan", "development_plan", "other_plan",
         "project_logframe", "report")


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint('ck_document_kind', type_='check')
        batch_op.alter_column('kind', existing_type=sa.String(length=10), type_=sa.String(length=20),
                              existing_nullable=False)
        batch_op.add_column(sa.Column('country_code', sa.String(length=2), nullable=True))
        batch_op.create_check_constraint('ck_document_kind', f"kind in ({', '.join(repr(k) for k in KINDS)})")


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint('ck_document_kind', type_='check')
        batch_op.drop_column('country_code')
        batch_op.execute("UPDATE documents SET kind = 'nap' WHERE kind <> 'report'")
        batch_op.alter_column('kind', existing_type=sa.String(length=20), type_=sa.String(length=10),
                              existing_nullable=False)
        batch_op.create_check_constraint('ck_document_kind', "kind in ('nap', 'report')")
