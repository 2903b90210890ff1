"""Dossiers (bills and policy files) and the motions on them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.audit import Versioned
from lobbycrm.db.models.base import Base, Timestamped, one_of
from lobbycrm.db.models.organisation import Organisation


class Dossier(Timestamped, Versioned, Base):
    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    # Kamerstukdossier number as written, with its space: '36 334'.
    kamerstuk: Mapped[str] = mapped_column(String(20), default="", index=True)
    chamber_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="open")
    notes: Mapped[str] = mapped_column(Text, default="")
    # What the user wants from this dossier in one or two sentences, and the concrete asks
    # (a JSON list of strings, in order): printed under the briefing's heading, letters' fields.
    kernboodschap: Mapped[str] = mapped_column(Text, default="", server_default="")
    asks: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")

    chamber: Mapped[Organisation | None] = relationship()
    motions: Mapped[list[Motion]] = relationship(back_populates="dossier", order_by="Motion.date")

    __table_args__ = (CheckConstraint("title <> ''", name="title_not_empty"),)


class Motion(Timestamped, Versioned, Base):
    __tablename__ = "motion"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    # Kamerstuk number of the motion itself: '19 637, nr. 3185'.
    number: Mapped[str] = mapped_column(String(50), default="")
    submitters: Mapped[str] = mapped_column(String(500), default="")
    body_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier.id", ondelete="SET NULL"), index=True
    )
    date: Mapped[dt.date | None] = mapped_column()
    # How much of `date` is known: 'day', or only the 'month' or 'year' (then `date` is the
    # first day of it and lists show "maart 2025" or "2025").
    date_precision: Mapped[str] = mapped_column(String(5), default="day", server_default="day")
    result: Mapped[str] = mapped_column(String(20), default="onbekend")
    execution_status: Mapped[str] = mapped_column(String(20), default="onbekend")
    notes: Mapped[str] = mapped_column(Text, default="")

    body: Mapped[Organisation | None] = relationship()
    dossier: Mapped[Dossier | None] = relationship(back_populates="motions")

    __table_args__ = (
        one_of("result", ("aangenomen", "verworpen", "ingetrokken", "aangehouden", "onbekend")),
        one_of("execution_status", ("onbekend", "niet-uitgevoerd", "in-uitvoering", "uitgevoerd")),
        one_of("date_precision", ("day", "month", "year")),
    )
