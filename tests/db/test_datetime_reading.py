"""A stored timestamp reads the same whichever way it is read: the quick way for the text
SQLAlchemy writes on SQLite, and SQLAlchemy's own parsing for everything else (a damaged or
foreign value still reads as a DamagedDateTime instead of stopping the query)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.dialects import sqlite

from lobbycrm.core.damaged import DamagedDateTime, damaged_datetime
from lobbycrm.db.models.base import UTCDateTime

DIALECT = sqlite.dialect()
READ = UTCDateTime().dialect_impl(DIALECT).result_processor(DIALECT, None)
PLAIN = DateTime().dialect_impl(DIALECT).result_processor(DIALECT, None)
STORE = UTCDateTime().dialect_impl(DIALECT).bind_processor(DIALECT)


def _slow(value: str) -> Any:
    """What reading gave before the quick way: SQLAlchemy's parsing, then made aware."""
    try:
        parsed = PLAIN(value)
    except (ValueError, TypeError, OverflowError):
        return damaged_datetime(value)
    return UTCDateTime().process_result_value(parsed, DIALECT)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and str(a) == str(b) and a == b


def test_stored_timestamps_read_as_sqlalchemy_reads_them() -> None:
    pick = random.Random(14)
    start = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
    values = [
        start + dt.timedelta(seconds=pick.randrange(200 * 365 * 86400), microseconds=us)
        for us in [pick.randrange(1_000_000) for _ in range(5_000)] + [0, 999_999]
    ]
    for value in values:
        stored = STORE(value)
        assert isinstance(stored, str) and len(stored) == 26  # what SQLite is handed
        read = READ(stored)
        assert read == value and read.tzinfo is dt.UTC
        assert _same(read, _slow(stored))


def test_other_texts_read_as_before() -> None:
    for text in [
        "2026-12-08T02:10:16.208583",  # another program's ISO form: SQLAlchemy reads a date
        "2026-12-08 02:10:16.20858Z",
        "2026-12-08 24:00:00.000000",
        "2026-02-30 10:00:00.000000",
        "2026-12-08 02:10:16.2085８3",  # a full-width digit
        "0001-01-01 00:00:00.000000",  # outside the dates the program takes
        "9999-12-31 23:59:59.999999",
        "2026-12-08 02:10:16",
        "2026-12-08 02:10:16.208583+01:00",
        "gisteren om tien uur, ongeveer",
    ]:
        assert _same(READ(text), _slow(text)), text
    assert isinstance(READ("0001-01-01 00:00:00.000000"), DamagedDateTime)
