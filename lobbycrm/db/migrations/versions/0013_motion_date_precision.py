"""Motions: how much of the date is known (day, month or year); every row keeps 'day'.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("date_precision", sa.String(length=5), nullable=False, server_default="day")
        )
        batch_op.create_check_constraint(
            op.f("ck_motion_date_precision"), "date_precision in ('day', 'month', 'year')"
        )


def downgrade() -> None:
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_motion_date_precision"), type_="check")
        batch_op.drop_column("date_precision")
