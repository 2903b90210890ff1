"""Calendar events: debates, deadlines, votes, meetings; with reminders and linked persons."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.audit import Versioned
from lobbycrm.db.models.base import Base, Timestamped, UTCDateTime, one_of
from lobbycrm.db.models.dossier import Dossier
from lobbycrm.db.models.organisation import Organisation
from lobbycrm.db.models.person import Person

event_person = Table(
    "event_person",
    Base.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Event(Timestamped, Versioned, Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    all_day: Mapped[bool] = mapped_column(default=False)
    # Timed events: instants in UTC plus the zone they are shown in.
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    # All-day events: first and last day (inclusive).
    start_date: Mapped[dt.date | None] = mapped_column(index=True)
    end_date: Mapped[dt.date | None] = mapped_column()
    location: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="confirmed")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier.id", ondelete="SET NULL"), index=True
    )
    portfolio: Mapped[str] = mapped_column(String(200), default="")
    # External id (e.g. a Tweede Kamer Activiteit id) for imports that update in place.
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    organisation: Mapped[Organisation | None] = relationship()
    dossier: Mapped[Dossier | None] = relationship()
    persons: Mapped[list[Person]] = relationship(secondary=event_person)
    reminders: Mapped[list[Reminder]] = relationship(
        cascade="all, delete-orphan", order_by="Reminder.minutes_before"
    )

    __table_args__ = (
        CheckConstraint(
            "(all_day AND start_date IS NOT NULL) OR (NOT all_day AND starts_at IS NOT NULL)",
            name="has_start",
        ),
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="end_after_start"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_date_after_start"),
        one_of("status", ("confirmed", "tentative", "cancelled")),
        CheckConstraint("title <> ''", name="title_not_empty"),
    )


class Reminder(Timestamped, Base):
    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    minutes_before: Mapped[int] = mapped_column()

    __table_args__ = (CheckConstraint("minutes_before >= 0", name="not_negative"),)
