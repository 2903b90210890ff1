"""Read VEVENTs from an .ics file written by any calendar app into plain values."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from lobbycrm.core.i18n import _

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STATUS = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}


class IcsError(ValueError):
    """The file is not a usable calendar; the message names the file and the event."""


@dataclass(frozen=True)
class ParsedEvent:
    uid: str
    sequence: int
    title: str
    categories: tuple[str, ...]
    status: str
    all_day: bool
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None
    location: str
    description: str
    reminders: tuple[int, ...]


@dataclass(frozen=True)
class ParsedCalendar:
    events: list[ParsedEvent]
    skipped: list[str]  # human-readable reasons, one per skipped component


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    return " ".join(str(value).split()) if name == "SUMMARY" else str(value).strip()


def _when(value: object, where: str, prop: str) -> dt.datetime | dt.date:
    decoded = getattr(value, "dt", None)
    if isinstance(decoded, dt.datetime):
        if decoded.tzinfo is None:
            # Floating time: this product's users live in Europe/Amsterdam.
            return decoded.replace(tzinfo=AMSTERDAM)
        return decoded
    if isinstance(decoded, dt.date):
        return decoded
    raise IcsError(f"{where}: " + _("{prop} is not a date or date-time").format(prop=prop))


def _reminders(component: Any, start: dt.datetime | dt.date) -> tuple[int, ...]:
    minutes: set[int] = set()
    for alarm in component.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        if trigger is None:
            continue
        value = trigger.dt
        if isinstance(value, dt.timedelta):
            if value <= dt.timedelta(0):
                minutes.add(int(-value.total_seconds() // 60))
        elif isinstance(value, dt.datetime) and isinstance(start, dt.datetime):
            before = start - value
            if before >= dt.timedelta(0):
                minutes.add(int(before.total_seconds() // 60))
    return tuple(sorted(minutes))


def parse_calendar(data: bytes, source: str) -> ParsedCalendar:
    """Parse `data` (the bytes of `source`); raises IcsError for anything unusable."""
    if not data.strip():
        raise IcsError(f"{source}: " + _("the file is empty"))
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise IcsError(f"{source}: " + _("not an iCalendar file (no BEGIN:VCALENDAR)"))
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError) as exc:
        raise IcsError(
            f"{source}: " + _("not a valid iCalendar file ({error})").format(error=exc)
        ) from None
    events: list[ParsedEvent] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for cal in calendars:
        comp: Any
        for n, comp in enumerate(cal.walk("VEVENT"), start=1):
            summary = _text(comp, "SUMMARY")
            where = f"{source}: " + _("event {n} ({title})").format(
                n=n, title=summary or _("untitled")
            )
            if "DTSTART" not in comp:
                raise IcsError(f"{where}: " + _("DTSTART is missing"))
            start = _when(comp["DTSTART"], where, "DTSTART")
            uid = _text(comp, "UID")
            if not uid:
                # No UID: derive a stable one so that importing the file again matches.
                digest = hashlib.sha1(f"{summary}|{start.isoformat()}".encode()).hexdigest()
                uid = f"{digest}@import.lobbycrm"
            if "RECURRENCE-ID" in comp or "RRULE" in comp or "RDATE" in comp:
                skipped.append(
                    f"{where}: " + _("recurring event not imported ({uid})").format(uid=uid)
                )
                continue
            if uid in seen:
                skipped.append(f"{where}: " + _("UID occurs twice ({uid})").format(uid=uid))
                continue
            seen.add(uid)
            end: dt.datetime | dt.date | None = None
            if "DTEND" in comp:
                end = _when(comp["DTEND"], where, "DTEND")
            elif "DURATION" in comp:
                end = start + comp["DURATION"].dt
            all_day = not isinstance(start, dt.datetime)
            if all_day:
                if isinstance(end, dt.datetime):
                    raise IcsError(f"{where}: " + _("DTSTART is a date but DTEND a date-time"))
                # DTEND of a DATE event is exclusive.
                end = (
                    end - dt.timedelta(days=1)
                    if end and end - dt.timedelta(days=1) > start
                    else None
                )
            elif end is not None and not isinstance(end, dt.datetime):
                raise IcsError(f"{where}: " + _("DTSTART is a date-time but DTEND a date"))
            if end is not None and end < start:
                raise IcsError(f"{where}: " + _("DTEND lies before DTSTART"))
            try:
                sequence = int(comp.get("SEQUENCE", 0))
            except (TypeError, ValueError):
                raise IcsError(f"{where}: " + _("SEQUENCE is not a number")) from None
            cats: list[str] = []
            for prop in (
                comp.get("CATEGORIES", [])
                if isinstance(comp.get("CATEGORIES"), list)
                else [comp.get("CATEGORIES")]
            ):
                if prop is not None:
                    cats.extend(str(c) for c in getattr(prop, "cats", [prop]))
            events.append(
                ParsedEvent(
                    uid=uid,
                    sequence=sequence,
                    title=summary or _("untitled"),
                    categories=tuple(cats),
                    status=STATUS.get(_text(comp, "STATUS").upper(), "confirmed"),
                    all_day=all_day,
                    start=start,
                    end=end,
                    location=" ".join(_text(comp, "LOCATION").split()),
                    description=_text(comp, "DESCRIPTION"),
                    reminders=_reminders(comp, start),
                )
            )
    return ParsedCalendar(events, skipped)
