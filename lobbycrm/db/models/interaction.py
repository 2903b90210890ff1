"""Interactions: the activity log of letters, calls, meetings, replies per person/organisation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.base import Base, Timestamped, UTCDateTime, one_of
from lobbycrm.db.models.organisation import Organisation
from lobbycrm.db.models.person import Person


class Interaction(Timestamped, Base):
    __tablename__ = "interaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    subject: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier.id", ondelete="SET NULL"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    mailing_id: Mapped[int | None] = mapped_column(
        ForeignKey("mailing.id", ondelete="SET NULL"), index=True
    )
    follow_up_on: Mapped[dt.date | None] = mapped_column(index=True)
    follow_up_done: Mapped[bool] = mapped_column(default=False)
    # The Message-ID of a received or sent e-mail, so importing it again adds nothing.
    message_id: Mapped[str | None] = mapped_column(String(300), index=True)

    person: Mapped[Person | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    __table_args__ = (
        one_of("kind", ("letter", "email", "call", "meeting", "note", "reply", "acknowledgement")),
        CheckConstraint("person_id IS NOT NULL OR organisation_id IS NOT NULL", name="has_party"),
    )
