"""Mailings: one letter to a selection of recipients, its text versions and co-signers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.audit import Versioned
from lobbycrm.db.models.base import Base, Timestamped, one_of
from lobbycrm.db.models.organisation import Organisation


class Mailing(Timestamped, Versioned, Base):
    __tablename__ = "mailing"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    template: Mapped[str] = mapped_column(String(500))  # name or path it started from
    selectors: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of --to selectors
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of --set items
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of paths
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossier.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))
    # A reminder points at the mailing it follows up.
    follow_up_of: Mapped[int | None] = mapped_column(ForeignKey("mailing.id", ondelete="SET NULL"))

    versions: Mapped[list[MailingVersion]] = relationship(
        cascade="all, delete-orphan", order_by="MailingVersion.number"
    )
    cosigners: Mapped[list[Cosigner]] = relationship(
        cascade="all, delete-orphan", order_by="Cosigner.position"
    )


class MailingVersion(Timestamped, Base):
    """Every saved text of the letter is kept."""

    __tablename__ = "mailing_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    mailing_id: Mapped[int] = mapped_column(
        ForeignKey("mailing.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (UniqueConstraint("mailing_id", "number", name="uq_mailing_version_number"),)


class Cosigner(Timestamped, Base):
    """A co-signing organisation and whether it approved the text."""

    __tablename__ = "cosigner"

    id: Mapped[int] = mapped_column(primary_key=True)
    mailing_id: Mapped[int] = mapped_column(
        ForeignKey("mailing.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="invited")
    decided_on: Mapped[dt.date | None] = mapped_column()
    contact: Mapped[str] = mapped_column(String(300), default="")

    organisation: Mapped[Organisation] = relationship()

    __table_args__ = (
        UniqueConstraint("mailing_id", "organisation_id", name="uq_cosigner_organisation"),
        one_of("status", ("invited", "approved", "declined")),
    )
