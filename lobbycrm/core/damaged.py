"""Stored values that cannot be used as they are (written by an older version, another tool
or a bug): placeholders that keep every screen and list working and say that they are one.

A date that is not a date ('2026-02-30', 'ooit') or lies outside the accepted range
(9999-12-31, which overflows once a time zone is applied) is read as a `DamagedDate` /
`DamagedDateTime`: a real date at the edge of the range, so arithmetic and time zones keep
working, that remembers the stored text in `raw`. The row it belongs to is shown as damaged
and can be edited or deleted; the stored value is only replaced when the user saves a new one.
"""

from __future__ import annotations

import datetime as dt
import json

from lobbycrm.core.validation import MAX_DATE, MIN_DATE, clean_text


class DamagedDate(dt.date):
    raw: str = ""


class DamagedDateTime(dt.datetime):
    raw: str = ""


def _raw(value: object) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text[:60]


def _late(value: object) -> bool:
    if isinstance(value, dt.date):
        return value > MAX_DATE if not isinstance(value, dt.datetime) else value.date() > MAX_DATE
    return False


def damaged_date(value: object) -> DamagedDate:
    edge = MAX_DATE if _late(value) else MIN_DATE
    out = DamagedDate(edge.year, edge.month, edge.day)
    out.raw = _raw(value)
    return out


def damaged_datetime(value: object) -> DamagedDateTime:
    late = _late(value)
    edge = MAX_DATE if late else MIN_DATE
    clock = dt.time(23, 59) if late else dt.time(0, 0)
    out = DamagedDateTime.combine(edge, clock, dt.UTC)
    out.raw = _raw(value)
    return out


def in_range(value: dt.date) -> bool:
    day = value.date() if isinstance(value, dt.datetime) else value
    return MIN_DATE <= day <= MAX_DATE


def is_damaged(value: object) -> bool:
    return isinstance(value, DamagedDate | DamagedDateTime)


def raw_text(value: object) -> str:
    """What was stored, for a message ('9999-12-31T23:30:00')."""
    return getattr(value, "raw", "") or str(value)


def unsafe_text(text: str) -> bool:
    """Stored text with control or invisible formatting characters (an escape sequence, a
    right-to-left override) that input checks would have removed."""
    if text.isascii() and text.isprintable():
        return False
    return clean_text(text, single_line=False) != "\n".join(
        line.rstrip() for line in text.replace("\r\n", "\n").split("\n")
    ).strip("\n").strip(" ")


def shown_text(text: str, limit: int = 10_000) -> str:
    """Stored single-line text as it may be shown: cleaned like input is (see clean_text) and
    cut at `limit` characters (a 100,000-character name would freeze a list)."""
    if len(text) > limit:
        text = text[: limit + 1000]
    if not (text.isascii() and text.isprintable()):
        text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_list(stored: str) -> tuple[list[str], bool]:
    """A JSON list of texts as stored; ([], True) when it is not one (damaged)."""
    try:
        value = json.loads(stored)
    except (ValueError, TypeError, RecursionError):
        return [], True
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [], True
    return value, False
