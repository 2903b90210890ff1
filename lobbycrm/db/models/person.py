"""Persons and their contact points (e-mail, phone, postal address)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lobbycrm.db.models.audit import Versioned
from lobbycrm.db.models.base import Base, Timestamped, one_of
from lobbycrm.db.models.tag import Tag, person_tag

if TYPE_CHECKING:
    from lobbycrm.db.models.role import Role


class Person(Timestamped, Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    titles: Mapped[str] = mapped_column(String(100), default="")
    initials: Mapped[str] = mapped_column(String(50), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    particle: Mapped[str] = mapped_column(String(50), default="")
    surname: Mapped[str] = mapped_column(String(200))
    particle_is_surname: Mapped[bool] = mapped_column(default=False)
    gender: Mapped[str] = mapped_column(String(10), default="onbekend")
    # The person's own form of address (aanschrijfnaam): every letter uses it instead of
    # the salutation computed from the name parts. Empty: computed.
    own_salutation: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Derived from the name parts on every save (names module); indexed for large lists by
    # ix_person_sort_key_search (indexes.py), whose first column it is.
    sort_key: Mapped[str] = mapped_column(String(400))
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Tweede Kamer open-data Persoon id, so a newer download updates instead of doubling.
    tk_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    contacts: Mapped[list[ContactPoint]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="ContactPoint.id"
    )
    roles: Mapped[list[Role]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Role.id"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=person_tag, order_by="Tag.name")

    __table_args__ = (
        one_of("gender", ("man", "vrouw", "onbekend")),
        CheckConstraint("surname <> ''", name="surname_not_empty"),
    )


class ContactPoint(Timestamped, Base):
    """One e-mail address, phone number or postal address of a person or an organisation."""

    __tablename__ = "contact_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(50), default="")
    value: Mapped[str] = mapped_column(Text)
    # Lower-cased e-mail for matching; empty for other kinds.
    value_key: Mapped[str] = mapped_column(String(320), default="")
    is_primary: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person | None] = relationship(back_populates="contacts")

    __table_args__ = (
        one_of("kind", ("email", "phone", "address")),
        CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name="one_owner"),
        Index("ix_contact_point_person_id", "person_id"),
        # Partial: a person's contact points (nearly all of them) have no organisation, and an
        # import of 100,000 persons need not write 200,000 NULL entries. Migration 0015 makes
        # it partial on PostgreSQL as well; naming postgresql_where here would make every
        # start import SQLAlchemy's PostgreSQL dialect (and asyncio), about 30 ms.
        Index(
            "ix_contact_point_organisation_id",
            "organisation_id",
            sqlite_where=text("organisation_id IS NOT NULL"),
        ),
        Index("ix_contact_point_value_key", "value_key"),
    )
