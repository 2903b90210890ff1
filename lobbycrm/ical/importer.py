"""Read VEVENTs from an .ics file written by any calendar app into plain values."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from lobbycrm.core.errors import ValidationError, show_value
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import (
    check_date,
    check_datetime,
    check_reminder,
    check_sequence,
    clean_text,
    range_text,
    wall_time_exists,
)

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
    """A text property cleaned like any input (NFC, no control or invisible characters);
    DESCRIPTION keeps its lines. A property given twice counts once (the first)."""
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    return clean_text(str(value), single_line=name != "DESCRIPTION")


def _decoded(value: object, where: str, prop: str) -> object:
    """The property's Python value; a value icalendar could not read names the property."""
    try:
        return getattr(value, "dt", None)
    except ValueError as exc:  # icalendar's BrokenCalendarProperty: the text is not a value
        # Its message repeats the class names; the part after the last '): ' is the reason.
        reason = str(exc).rsplit("): ", 1)[-1]
        raise IcsError(
            f"{where}: " + _("{prop} cannot be read ({error})").format(prop=prop, error=reason)
        ) from None


def _when(value: Any, where: str, prop: str) -> dt.datetime | dt.date:
    """A DTSTART/DTEND in its own time zone, within the accepted dates; a zone we can't know
    (a TZID without VTIMEZONE that is no IANA or Windows name) and a local time that does not
    exist (the hour skipped in spring) are refused, never guessed."""
    decoded = _decoded(value, where, prop)
    if isinstance(decoded, dt.datetime):
        if decoded.tzinfo is None:
            zone_id = getattr(value, "params", {}).get("TZID")
            if zone_id:
                raise IcsError(
                    f"{where}: "
                    + _("{prop}: unknown time zone {zone} (the file does not define it)").format(
                        prop=prop, zone=show_value(zone_id)
                    )
                )
            # Floating time (no zone at all): this product's users live in Europe/Amsterdam.
            decoded = decoded.replace(tzinfo=AMSTERDAM)
        try:
            check_datetime(prop, decoded)
        except ValidationError as exc:
            raise IcsError(f"{where}: {exc}") from None
        if not wall_time_exists(decoded):
            raise IcsError(
                f"{where}: "
                + _("{prop}: this local time does not exist (clock change)").format(prop=prop)
                + f" ({decoded.replace(tzinfo=None).isoformat()})"
            )
        return decoded
    if isinstance(decoded, dt.date):
        try:
            return check_date(prop, decoded)
        except ValidationError as exc:
            raise IcsError(f"{where}: {exc}") from None
    raise IcsError(f"{where}: " + _("{prop} is not a date or date-time").format(prop=prop))


def _sequence(component: Any, where: str) -> int:
    prop = component.get("SEQUENCE")
    if prop is None:
        return 0
    text = prop.to_ical() if hasattr(prop, "to_ical") else prop
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    try:
        return check_sequence("SEQUENCE", str(text))
    except ValidationError as exc:
        raise IcsError(f"{where}: {exc}") from None


def _reminders(component: Any, start: dt.datetime | dt.date, where: str) -> tuple[int, ...]:
    minutes: set[int] = set()
    for alarm in component.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        if trigger is None:
            continue
        value = _decoded(trigger, where, "TRIGGER")
        before: dt.timedelta | None = None
        if isinstance(value, dt.timedelta):
            before = -value
        elif isinstance(value, dt.datetime) and isinstance(start, dt.datetime):
            try:
                before = start - value
            except (OverflowError, TypeError):
                before = None
        if before is None or before < dt.timedelta(0):
            continue  # an alarm after the start is not a reminder before it
        try:
            minutes.add(check_reminder("TRIGGER", int(before.total_seconds() // 60)))
        except ValidationError as exc:
            raise IcsError(f"{where}: {exc}") from None
    return tuple(sorted(minutes))


def _check_structure(data: bytes, source: str) -> list[int]:
    """Line numbers of the BEGIN:VEVENT lines; a cut-off or unbalanced file is an error.

    icalendar quietly drops a component that is never closed, so a half-synced download would
    otherwise import as 'nothing to do'.
    """
    begins: list[int] = []
    open_at: int | None = None
    closed = False
    for number, raw in enumerate(data.splitlines(), start=1):
        if raw[:1] in (b" ", b"\t"):
            continue  # folded continuation of the previous line
        line = raw.strip().upper()
        if line == b"BEGIN:VEVENT":
            if open_at is not None:
                raise IcsError(
                    f"{source}, "
                    + _("line {line}").format(line=open_at)
                    + ": "
                    + _("event is not closed (END:VEVENT missing)")
                )
            open_at = number
            begins.append(number)
        elif line == b"END:VEVENT":
            if open_at is None:
                raise IcsError(
                    f"{source}, "
                    + _("line {line}").format(line=number)
                    + ": "
                    + _("END:VEVENT without BEGIN:VEVENT")
                )
            open_at = None
        elif line == b"END:VCALENDAR":
            closed = True
    if open_at is not None:
        raise IcsError(
            f"{source}, "
            + _("line {line}").format(line=open_at)
            + ": "
            + _("event is not closed (END:VEVENT missing)")
        )
    if not closed:
        raise IcsError(f"{source}: " + _("the file is incomplete (END:VCALENDAR missing)"))
    return begins


def parse_calendar(data: bytes, source: str) -> ParsedCalendar:
    """Parse `data` (the bytes of `source`); raises IcsError for anything unusable."""
    if not data.strip():
        raise IcsError(f"{source}: " + _("the file is empty"))
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise IcsError(f"{source}: " + _("not an iCalendar file (no BEGIN:VCALENDAR)"))
    begins = _check_structure(data, source)
    try:
        from icalendar import Calendar  # imported when first used: it is slow to load

        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError) as exc:
        raise IcsError(
            f"{source}: " + _("not a valid iCalendar file ({error})").format(error=exc)
        ) from None
    events: list[ParsedEvent] = []
    skipped: list[str] = []
    seen: set[str] = set()
    components: list[Any] = [comp for cal in calendars for comp in cal.walk("VEVENT")]
    # Name the line of each event's BEGIN:VEVENT when the count leaves no doubt which is which.
    lines = begins if len(begins) == len(components) else [None] * len(components)
    for n, (comp, line) in enumerate(zip(components, lines, strict=True), start=1):
        summary = _text(comp, "SUMMARY")
        uid = _text(comp, "UID")
        where = f"{source}, " + _("line {line}").format(line=line) if line else source
        where += ": " + _("event {n} ({title})").format(n=n, title=summary or _("untitled"))
        if uid:
            where += f" [UID {show_value(uid)}]"
            if len(uid) > 255:
                raise IcsError(f"{where}: " + _("the UID is longer than 255 characters"))
        if "DTSTART" not in comp:
            raise IcsError(f"{where}: " + _("DTSTART is missing"))
        start = _when(comp["DTSTART"], where, "DTSTART")
        if not uid:
            # No UID: derive a stable one so that importing the file again matches.
            digest = hashlib.sha1(f"{summary}|{start.isoformat()}".encode()).hexdigest()
            uid = f"{digest}@import.lobbycrm"
        if "RECURRENCE-ID" in comp or "RRULE" in comp or "RDATE" in comp:
            skipped.append(f"{where}: " + _("recurring event not imported"))
            continue
        if uid in seen:
            skipped.append(f"{where}: " + _("UID occurs twice"))
            continue
        seen.add(uid)
        end: dt.datetime | dt.date | None = None
        if "DTEND" in comp:
            end = _when(comp["DTEND"], where, "DTEND")
        elif "DURATION" in comp:
            duration = _decoded(comp["DURATION"], where, "DURATION")
            if not isinstance(duration, dt.timedelta):
                raise IcsError(f"{where}: " + _("DURATION is not a duration"))
            try:
                end = start + duration
                if isinstance(end, dt.datetime):
                    check_datetime("DURATION", end)
                else:
                    check_date("DURATION", end)
            except (OverflowError, ValidationError):
                raise IcsError(
                    f"{where}: "
                    + _(
                        "DURATION is too long: the end lies outside the dates accepted ({range})"
                    ).format(range=range_text())
                ) from None
        all_day = not isinstance(start, dt.datetime)
        if all_day:
            if isinstance(end, dt.datetime):
                raise IcsError(f"{where}: " + _("DTSTART is a date but DTEND a date-time"))
            # DTEND of a DATE event is exclusive.
            end = end - dt.timedelta(days=1) if end and end - dt.timedelta(days=1) > start else None
        elif end is not None and not isinstance(end, dt.datetime):
            raise IcsError(f"{where}: " + _("DTSTART is a date-time but DTEND a date"))
        if end is not None and end < start:
            raise IcsError(f"{where}: " + _("DTEND lies before DTSTART"))
        sequence = _sequence(comp, where)
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
                reminders=_reminders(comp, start, where),
            )
        )
    return ParsedCalendar(events, skipped)
