"""Mailings: letters to a selection, their text versions and co-signers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 17:36:28.558642
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mailing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("template", sa.String(length=500), nullable=False),
        sa.Column("selectors", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_mailing_campaign_id_campaign"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_mailing_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_mailing_event_id_event"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailing")),
    )
    op.create_table(
        "cosigner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailing_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status in ('invited', 'approved', 'declined')", name=op.f("ck_cosigner_status")
        ),
        sa.ForeignKeyConstraint(
            ["mailing_id"],
            ["mailing.id"],
            name=op.f("fk_cosigner_mailing_id_mailing"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_cosigner_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cosigner")),
        sa.UniqueConstraint("mailing_id", "organisation_id", name="uq_cosigner_organisation"),
    )
    with op.batch_alter_table("cosigner", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cosigner_mailing_id"), ["mailing_id"], unique=False)

    op.create_table(
        "mailing_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailing_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mailing_id"],
            ["mailing.id"],
            name=op.f("fk_mailing_version_mailing_id_mailing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailing_version")),
        sa.UniqueConstraint("mailing_id", "number", name="uq_mailing_version_number"),
    )
    with op.batch_alter_table("mailing_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mailing_version_mailing_id"), ["mailing_id"], unique=False
        )

    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_interaction_mailing_id_mailing"),
            "mailing",
            ["mailing_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_interaction_mailing_id_mailing"), type_="foreignkey"
        )

    with op.batch_alter_table("mailing_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mailing_version_mailing_id"))

    op.drop_table("mailing_version")
    with op.batch_alter_table("cosigner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cosigner_mailing_id"))

    op.drop_table("cosigner")
    op.drop_table("mailing")
