"""Persons keep their Tweede Kamer open-data id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 18:12:36.114134
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tk_id", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_person_tk_id"), ["tk_id"])


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_person_tk_id"), type_="unique")
        batch_op.drop_column("tk_id")
