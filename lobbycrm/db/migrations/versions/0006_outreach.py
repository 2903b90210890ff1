"""Outreach: the outbox, each recipient's status per mailing, reply Message-IDs.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 21:14:00.546390
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mailing_recipient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailing_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("first_sent_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("by_hand", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status in ('drafted', 'sent', 'failed', 'acknowledged', 'replied', 'no_answer')",
            name=op.f("ck_mailing_recipient_status"),
        ),
        sa.ForeignKeyConstraint(
            ["mailing_id"],
            ["mailing.id"],
            name=op.f("fk_mailing_recipient_mailing_id_mailing"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_mailing_recipient_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailing_recipient")),
        sa.UniqueConstraint("mailing_id", "person_id", name="uq_mailing_recipient"),
    )
    with op.batch_alter_table("mailing_recipient", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mailing_recipient_mailing_id"), ["mailing_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mailing_recipient_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailing_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("to_name", sa.String(length=300), nullable=False),
        sa.Column("to_email", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("follow_up_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status in ('queued', 'sending', 'sent', 'failed')",
            name=op.f("ck_outbox_message_status"),
        ),
        sa.ForeignKeyConstraint(
            ["mailing_id"],
            ["mailing.id"],
            name=op.f("fk_outbox_message_mailing_id_mailing"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_outbox_message_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_message_id")),
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_message_mailing_id"), ["mailing_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_message_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_message_status"), ["status"], unique=False)

    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("follow_up_done", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("message_id", sa.String(length=300), nullable=True))
        batch_op.create_index(batch_op.f("ix_interaction_message_id"), ["message_id"], unique=False)

    with op.batch_alter_table("mailing", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_of", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_mailing_follow_up_of_mailing"),
            "mailing",
            ["follow_up_of"],
            ["id"],
            ondelete="SET NULL",
        )

    # Every copy already produced for a mailing becomes a recipient row ("drafted": whether
    # it left the house is not known), and replies already linked to a mailing count.
    op.execute(
        """
        INSERT INTO mailing_recipient
            (mailing_id, person_id, status, first_sent_at, answered_at, by_hand, note,
             created_at, updated_at)
        SELECT i.mailing_id, i.person_id,
               CASE
                 WHEN SUM(CASE WHEN i.kind = 'reply' THEN 1 ELSE 0 END) > 0 THEN 'replied'
                 WHEN SUM(CASE WHEN i.kind = 'acknowledgement' THEN 1 ELSE 0 END) > 0
                   THEN 'acknowledged'
                 ELSE 'drafted'
               END,
               MIN(CASE WHEN i.kind IN ('letter', 'email') THEN i.occurred_at END),
               MIN(CASE WHEN i.kind IN ('reply', 'acknowledgement') THEN i.occurred_at END),
               false, '', MIN(i.created_at), MAX(i.updated_at)
        FROM interaction i
        WHERE i.mailing_id IS NOT NULL AND i.person_id IS NOT NULL
        GROUP BY i.mailing_id, i.person_id
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("mailing", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_mailing_follow_up_of_mailing"), type_="foreignkey")
        batch_op.drop_column("follow_up_of")

    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_message_id"))
        batch_op.drop_column("message_id")
        batch_op.drop_column("follow_up_done")

    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_status"))
        batch_op.drop_index(batch_op.f("ix_outbox_message_person_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_message_mailing_id"))

    op.drop_table("outbox_message")
    with op.batch_alter_table("mailing_recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mailing_recipient_person_id"))
        batch_op.drop_index(batch_op.f("ix_mailing_recipient_mailing_id"))

    op.drop_table("mailing_recipient")
