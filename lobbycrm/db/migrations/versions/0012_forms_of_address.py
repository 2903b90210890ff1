"""Forms of address: a person's own salutation (aanschrijfnaam) and an organisation's full
official name beside its short one.

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-07 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("own_salutation", sa.String(200), nullable=False, server_default="")
        )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("full_name", sa.String(500), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("full_name")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("own_salutation")
