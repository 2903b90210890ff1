"""Dossiers: the kernboodschap (key message) and the list of asks.

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kernboodschap", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("asks", sa.Text(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_column("asks")
        batch_op.drop_column("kernboodschap")
