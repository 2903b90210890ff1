"""Roles: a person's function in an organisation over a period (history is kept)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, Index, String, and_, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.base import Base, Timestamped
from lobbycrm.db.models.organisation import Organisation
from lobbycrm.db.models.person import Person


class Role(Timestamped, Base):
    __tablename__ = "role"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(100))
    portfolio: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[dt.date | None] = mapped_column()
    end_date: Mapped[dt.date | None] = mapped_column()
    # External id of the membership (e.g. a Tweede Kamer FractieZetelPersoon id).
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    person: Mapped[Person] = relationship(back_populates="roles")
    organisation: Mapped[Organisation] = relationship()

    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="end_after_start",
        ),
        Index("ix_role_person_id", "person_id"),
        Index("ix_role_organisation_id", "organisation_id"),
        Index("ix_role_role", "role"),
    )

    def is_current(self, today: dt.date) -> bool:
        """No end date, or one in the future (a role that ends today is over)."""
        return self.end_date is None or self.end_date > today

    def held_on(self, day: dt.date) -> bool:
        """Begun by `day` (or no start known) and not yet ended: the role counted that day."""
        return (self.start_date is None or self.start_date <= day) and self.is_current(day)

    @staticmethod
    def held_on_clause(day: dt.date) -> ColumnElement[bool]:
        """`held_on` as a query condition."""
        return and_(
            or_(Role.start_date.is_(None), Role.start_date <= day),
            or_(Role.end_date.is_(None), Role.end_date > day),
        )
