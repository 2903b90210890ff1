"""Declarative base with a naming convention, UTC timestamps and the created/updated mixin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, MetaData, TypeDecorator, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

from lobbycrm.core.damaged import damaged_date, damaged_datetime, in_range

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: Sequence[str]) -> CheckConstraint:
    """CHECK that `column` holds one of `values`, named after the column.

    Written as `column = 'a' OR column = 'b' ...`, not `column IN ('a', 'b', ...)`: SQLite
    builds a lookup table for an IN list of three or more values each time it checks a row,
    which made checking a row cost more than storing it (an import of 100,000 persons spent
    0.7 s there). Both forms accept and refuse the same values, NULL included."""
    return CheckConstraint(" OR ".join(f"{column} = '{value}'" for value in values), name=column)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes stored as naive UTC (SQLite keeps no offset); read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            return damaged_datetime(value)
        value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        return value if in_range(value) else damaged_datetime(value)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        # A stored text that is no date-time at all ('gisteren') must not stop the query that
        # reads it: it becomes a DamagedDateTime, shown as such (lobbycrm.core.damaged).
        inner = self.impl_instance.result_processor(dialect, coltype)
        outer = self.process_result_value
        parse_iso = dt.datetime.fromisoformat

        def process(value: Any) -> dt.datetime | None:
            if value is None:
                return None
            if type(value) is str and len(value) == 26 and value[10] == " " and value[19] == ".":
                # What SQLAlchemy writes on SQLite ('2026-12-08 09:30:00.000000'), read in C
                # (a listing of thousands reads two a person); the same datetime as below.
                try:
                    read = parse_iso(value + "+00:00")
                except ValueError:
                    pass
                else:
                    if in_range(read):
                        return read
            try:
                parsed = inner(value) if inner is not None else value
            except (ValueError, TypeError, OverflowError):
                return damaged_datetime(value)
            return outer(parsed, dialect)

        return process


class SafeDate(TypeDecorator[dt.date]):
    """A date column; a stored value that is no date or lies outside the accepted range
    reads as a DamagedDate instead of stopping the query."""

    impl = Date
    cache_ok = True

    def coerce_compared_value(self, op: Any, value: Any) -> Any:
        # Compared with what a query gives (an ISO string, a date), as a plain Date column is.
        return self.impl_instance.coerce_compared_value(op, value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            return damaged_date(value)
        return value if in_range(value) else damaged_date(value)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        inner = self.impl_instance.result_processor(dialect, coltype)
        outer = self.process_result_value

        def process(value: Any) -> dt.date | None:
            if value is None:
                return None
            try:
                parsed = inner(value) if inner is not None else value
            except (ValueError, TypeError, OverflowError):
                return damaged_date(value)
            return outer(parsed, dialect)

        return process


class SafeCount(TypeDecorator[int]):
    """A count such as a party group's seats; a stored value that is no whole number from 0 to
    `maximum` ('veel', -5, 10^18) reads as None (not recorded) instead of breaking the sums."""

    impl = Integer
    cache_ok = True

    def __init__(self, maximum: int = 100_000) -> None:
        super().__init__()
        self.maximum = maximum

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        if type(value) is int and 0 <= value <= self.maximum:
            return value
        return None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.date: SafeDate}  # noqa: RUF012 - SQLAlchemy's own class attribute


@event.listens_for(Mapper, "before_configured")
def _load_every_model() -> None:
    """Before the ORM first works out how the mapped classes refer to each other (at the first
    ORM query), every model is there: the package imports a model's module only when asked
    for one of its names (lobbycrm.db.models), and "Role" in a relationship must be found."""
    from lobbycrm.db.models import load_all

    load_all()


class Timestamped:
    """Every row knows when it was created and last changed."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
