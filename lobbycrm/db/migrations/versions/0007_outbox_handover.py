"""Outbox: who claimed a message for sending, and when its last byte went to the server.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("claimed_by", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("handed_over_at", sa.DateTime(), nullable=True))
    # Messages already sent were handed over when they were sent; a message left `sending`
    # by an older version may have been handed over, so it keeps being held for a check.
    op.execute(
        "UPDATE outbox_message SET handed_over_at = COALESCE(sent_at, last_attempt_at) "
        "WHERE status IN ('sent', 'sending')"
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("handed_over_at")
        batch_op.drop_column("claimed_by")
