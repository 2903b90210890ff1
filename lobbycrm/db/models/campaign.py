"""Campaigns: dossiers, partner organisations and petition signature counts over time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.audit import Versioned
from lobbycrm.db.models.base import Base, Timestamped
from lobbycrm.db.models.dossier import Dossier
from lobbycrm.db.models.organisation import Organisation

campaign_dossier = Table(
    "campaign_dossier",
    Base.metadata,
    Column("campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True),
    Column("dossier_id", ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True),
)

campaign_partner = Table(
    "campaign_partner",
    Base.metadata,
    Column("campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)


class Campaign(Timestamped, Versioned, Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    dossiers: Mapped[list[Dossier]] = relationship(secondary=campaign_dossier)
    partners: Mapped[list[Organisation]] = relationship(secondary=campaign_partner)
    signature_counts: Mapped[list[SignatureCount]] = relationship(
        cascade="all, delete-orphan", order_by="SignatureCount.counted_on"
    )


class SignatureCount(Timestamped, Base):
    __tablename__ = "signature_count"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    counted_on: Mapped[dt.date] = mapped_column()
    count: Mapped[int] = mapped_column()

    __table_args__ = (CheckConstraint("count >= 0", name="not_negative"),)
