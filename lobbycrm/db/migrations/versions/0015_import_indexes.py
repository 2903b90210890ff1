"""Leaner indexes for large imports: the person sort-key index duplicated the first column of
the people-list index (sort key, id, search text), and the organisation index of contact
points held an entry for every person's address, all of them NULL.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-07 21:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_person_sort_key", table_name="person")
    op.drop_index("ix_contact_point_organisation_id", table_name="contact_point")
    op.create_index(
        "ix_contact_point_organisation_id",
        "contact_point",
        ["organisation_id"],
        sqlite_where=sa.text("organisation_id IS NOT NULL"),
        postgresql_where=sa.text("organisation_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_contact_point_organisation_id", table_name="contact_point")
    op.create_index("ix_contact_point_organisation_id", "contact_point", ["organisation_id"])
    op.create_index("ix_person_sort_key", "person", ["sort_key"])
