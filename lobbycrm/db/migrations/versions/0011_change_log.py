"""Team work and privacy: row versions and last author on editable rows, the change log, and
mailing recipients that can outlive an erased person.

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None

VERSIONED = ("person", "organisation", "dossier", "motion", "event", "mailing", "campaign")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("row_version", sa.Integer(), nullable=False, server_default="1")
            )
            batch_op.add_column(
                sa.Column("updated_by", sa.String(length=200), nullable=False, server_default="")
            )
    with op.batch_alter_table("mailing_recipient", schema=None) as batch_op:
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("held_org_ids", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("mailing_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_author"), ["author"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_mailing_id"), ["mailing_id"], unique=False)
        batch_op.create_index("ix_change_log_kind_row_id", ["kind", "row_id"], unique=False)


def downgrade() -> None:
    op.drop_table("change_log")
    # The older schema cannot hold a recipient without a person: the anonymous rows left by
    # an erasure go (their counts with them).
    op.execute("DELETE FROM mailing_recipient WHERE person_id IS NULL")
    with op.batch_alter_table("mailing_recipient", schema=None) as batch_op:
        batch_op.drop_column("held_org_ids")
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=False)
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("updated_by")
            batch_op.drop_column("row_version")
