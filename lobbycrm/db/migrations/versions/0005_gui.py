"""Recycle bin for undoing deletes; a covering index for the people list.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 18:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recycle_bin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recycle_bin")),
    )
    with op.batch_alter_table("recycle_bin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recycle_bin_deleted_at"), ["deleted_at"], unique=False)
    op.create_index("ix_person_sort_key_search", "person", ["sort_key", "id", "search_text"])


def downgrade() -> None:
    op.drop_index("ix_person_sort_key_search", table_name="person")
    with op.batch_alter_table("recycle_bin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recycle_bin_deleted_at"))
    op.drop_table("recycle_bin")
