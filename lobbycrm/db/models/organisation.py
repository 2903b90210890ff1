"""Organisations: chambers, party groups, committees, municipalities, NGOs, ..."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.audit import Versioned
from lobbycrm.db.models.base import Base, SafeCount, Timestamped, one_of
from lobbycrm.db.models.person import ContactPoint
from lobbycrm.db.models.tag import Tag, organisation_tag

ORG_KINDS = (
    "chamber",
    "party-group",
    "committee",
    "municipality",
    "council",
    "ministry",
    "party",
    "ngo",
    "coalition",
    "other",
)


class Organisation(Timestamped, Versioned, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    short_name: Mapped[str] = mapped_column(String(50), default="")
    # The full official name for letters ("vaste commissie voor Immigratie & Asiel /
    # JBZ-Raad", "CDA-fractie in de Eerste Kamer"); empty: made from name and kind.
    full_name: Mapped[str] = mapped_column(String(500), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    tk_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    cbs_code: Mapped[str | None] = mapped_column(String(10), unique=True)
    # Seats for a chamber, party group or council (majority counts).
    seats: Mapped[int | None] = mapped_column(SafeCount())
    notes: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Organisation | None] = relationship(remote_side="Organisation.id")
    contacts: Mapped[list[ContactPoint]] = relationship(
        cascade="all, delete-orphan", order_by="ContactPoint.id"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=organisation_tag, order_by="Tag.name")

    __table_args__ = (
        one_of("kind", ORG_KINDS),
        CheckConstraint("name <> ''", name="name_not_empty"),
    )
