"""Stances on a dossier: per person or per party group, every change kept as history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lobbycrm.db.models.base import Base, Timestamped, one_of


class Stance(Timestamped, Base):
    __tablename__ = "stance"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    stance: Mapped[str] = mapped_column(String(10))
    stated_on: Mapped[dt.date] = mapped_column()
    source: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        one_of("stance", ("voor", "tegen", "twijfel", "onbekend")),
        CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_holder"),
    )
