"""Stances of persons and party groups on dossiers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 18:25:07.818531
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("stance", sa.String(length=10), nullable=False),
        sa.Column("stated_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "stance in ('voor', 'tegen', 'twijfel', 'onbekend')", name=op.f("ck_stance_stance")
        ),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (organisation_id IS NULL)", name=op.f("ck_stance_one_holder")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_stance_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_stance_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_stance_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stance")),
    )
    with op.batch_alter_table("stance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stance_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_stance_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stance_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("stance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stance_person_id"))
        batch_op.drop_index(batch_op.f("ix_stance_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_stance_dossier_id"))

    op.drop_table("stance")
