"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 16:23:50.719827
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("name", name=op.f("uq_campaign_name")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("tk_id", sa.String(length=64), nullable=True),
        sa.Column("cbs_code", sa.String(length=10), nullable=True),
        sa.Column("seats", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind in ('chamber', 'party-group', 'committee', 'municipality', 'council', 'ministry', 'party', 'ngo', 'coalition', 'other')",
            name=op.f("ck_organisation_kind"),
        ),
        sa.CheckConstraint("name <> ''", name=op.f("ck_organisation_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_parent_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("cbs_code", name=op.f("uq_organisation_cbs_code")),
        sa.UniqueConstraint("tk_id", name=op.f("uq_organisation_tk_id")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisation_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("titles", sa.String(length=100), nullable=False),
        sa.Column("initials", sa.String(length=50), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("particle", sa.String(length=50), nullable=False),
        sa.Column("surname", sa.String(length=200), nullable=False),
        sa.Column("particle_is_surname", sa.Boolean(), nullable=False),
        sa.Column("gender", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.String(length=400), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("gender in ('man', 'vrouw', 'onbekend')", name=op.f("ck_person_gender")),
        sa.CheckConstraint("surname <> ''", name=op.f("ck_person_surname_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_sort_key"), ["sort_key"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "campaign_partner",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_partner_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_campaign_partner_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", "organisation_id", name=op.f("pk_campaign_partner")),
    )
    op.create_table(
        "contact_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("value_key", sa.String(length=320), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind in ('email', 'phone', 'address')", name=op.f("ck_contact_point_kind")
        ),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (organisation_id IS NULL)",
            name=op.f("ck_contact_point_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_contact_point_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_contact_point_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_point")),
    )
    with op.batch_alter_table("contact_point", schema=None) as batch_op:
        batch_op.create_index("ix_contact_point_organisation_id", ["organisation_id"], unique=False)
        batch_op.create_index("ix_contact_point_person_id", ["person_id"], unique=False)
        batch_op.create_index("ix_contact_point_value_key", ["value_key"], unique=False)

    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kamerstuk", sa.String(length=20), nullable=False),
        sa.Column("chamber_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("title <> ''", name=op.f("ck_dossier_title_not_empty")),
        sa.ForeignKeyConstraint(
            ["chamber_id"],
            ["organisation.id"],
            name=op.f("fk_dossier_chamber_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
    )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_chamber_id"), ["chamber_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_kamerstuk"), ["kamerstuk"], unique=False)

    op.create_table(
        "organisation_tag",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_tag_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_organisation_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("organisation_id", "tag_id", name=op.f("pk_organisation_tag")),
    )
    with op.batch_alter_table("organisation_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "person_tag",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_tag_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_person_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "tag_id", name=op.f("pk_person_tag")),
    )
    with op.batch_alter_table("person_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("portfolio", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("external_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_role_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_role_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_role_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role")),
        sa.UniqueConstraint("external_id", name=op.f("uq_role_external_id")),
    )
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.create_index("ix_role_organisation_id", ["organisation_id"], unique=False)
        batch_op.create_index("ix_role_person_id", ["person_id"], unique=False)
        batch_op.create_index("ix_role_role", ["role"], unique=False)

    op.create_table(
        "signature_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("counted_on", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_signature_count_not_negative")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_signature_count_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature_count")),
    )
    with op.batch_alter_table("signature_count", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signature_count_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "campaign_dossier",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_dossier_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_campaign_dossier_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", "dossier_id", name=op.f("pk_campaign_dossier")),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("portfolio", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status in ('confirmed', 'tentative', 'cancelled')", name=op.f("ck_event_status")
        ),
        sa.CheckConstraint("title <> ''", name=op.f("ck_event_title_not_empty")),
        sa.CheckConstraint(
            "(all_day AND start_date IS NOT NULL) OR (NOT all_day AND starts_at IS NOT NULL)",
            name=op.f("ck_event_has_start"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_event_end_date_after_start")
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR ends_at >= starts_at", name=op.f("ck_event_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_event_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_event_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("external_id", name=op.f("uq_event_external_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_event_uid")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "motion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("number", sa.String(length=50), nullable=False),
        sa.Column("submitters", sa.String(length=500), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=True),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("execution_status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "execution_status in ('onbekend', 'niet-uitgevoerd', 'in-uitvoering', 'uitgevoerd')",
            name=op.f("ck_motion_execution_status"),
        ),
        sa.CheckConstraint(
            "result in ('aangenomen', 'verworpen', 'ingetrokken', 'aangehouden', 'onbekend')",
            name=op.f("ck_motion_result"),
        ),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["organisation.id"],
            name=op.f("fk_motion_body_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_motion_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motion")),
    )
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_motion_body_id"), ["body_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_motion_dossier_id"), ["dossier_id"], unique=False)

    op.create_table(
        "event_person",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_person_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_event_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "person_id", name=op.f("pk_event_person")),
    )
    with op.batch_alter_table("event_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("mailing_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind in ('letter', 'email', 'call', 'meeting', 'note', 'reply', 'acknowledgement')",
            name=op.f("ck_interaction_kind"),
        ),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR organisation_id IS NOT NULL",
            name=op.f("ck_interaction_has_party"),
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_interaction_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_interaction_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_interaction_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_interaction_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interaction_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interaction_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interaction_follow_up_on"), ["follow_up_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interaction_mailing_id"), ["mailing_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interaction_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interaction_person_id"), ["person_id"], unique=False)

    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("minutes_before", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("minutes_before >= 0", name=op.f("ck_reminder_not_negative")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_reminder_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_event_id"))

    op.drop_table("reminder")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_person_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_interaction_mailing_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_follow_up_on"))
        batch_op.drop_index(batch_op.f("ix_interaction_event_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_dossier_id"))

    op.drop_table("interaction")
    with op.batch_alter_table("event_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_person_person_id"))

    op.drop_table("event_person")
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motion_dossier_id"))
        batch_op.drop_index(batch_op.f("ix_motion_body_id"))

    op.drop_table("motion")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_starts_at"))
        batch_op.drop_index(batch_op.f("ix_event_start_date"))
        batch_op.drop_index(batch_op.f("ix_event_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_event_dossier_id"))

    op.drop_table("event")
    op.drop_table("campaign_dossier")
    with op.batch_alter_table("signature_count", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signature_count_campaign_id"))

    op.drop_table("signature_count")
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.drop_index("ix_role_role")
        batch_op.drop_index("ix_role_person_id")
        batch_op.drop_index("ix_role_organisation_id")

    op.drop_table("role")
    with op.batch_alter_table("person_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_tag_tag_id"))

    op.drop_table("person_tag")
    with op.batch_alter_table("organisation_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_tag_tag_id"))

    op.drop_table("organisation_tag")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_kamerstuk"))
        batch_op.drop_index(batch_op.f("ix_dossier_chamber_id"))

    op.drop_table("dossier")
    with op.batch_alter_table("contact_point", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_point_value_key")
        batch_op.drop_index("ix_contact_point_person_id")
        batch_op.drop_index("ix_contact_point_organisation_id")

    op.drop_table("contact_point")
    op.drop_table("campaign_partner")
    op.drop_table("tag")
    op.drop_table("setting")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_sort_key"))

    op.drop_table("person")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_parent_id"))
        batch_op.drop_index(batch_op.f("ix_organisation_name"))

    op.drop_table("organisation")
    op.drop_table("campaign")
