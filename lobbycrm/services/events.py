"""Use cases for calendar events: add, update (raising SEQUENCE), cancel, list."""

from __future__ import annotations

import builtins
import datetime as dt
import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import labels
from lobbycrm.core.damaged import damaged_date, damaged_datetime, is_damaged, raw_text
from lobbycrm.core.enums import EventKind, EventStatus
from lobbycrm.core.errors import ValidationError, show_value
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import (
    AMSTERDAM,
    MAX_DATE,
    MAX_REMINDER_MINUTES,
    MAX_SEQUENCE,
    MIN_DATE,
    check_date,
    check_datetime,
    check_order,
    check_reminder,
    check_text,
    check_zone,
)
from lobbycrm.db.models import Dossier, Event, Person, Reminder
from lobbycrm.services.audit import get_for_edit
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import EventRow
from lobbycrm.services.lookup import find_organisation, get_or_fail

UID_DOMAIN = "lobbycrm"


@dataclass
class EventInput:
    """Values for a new event, or (with `None` meaning 'leave as is') for an update."""

    title: str | None = None
    kind: str | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    date: dt.date | None = None
    end_date: dt.date | None = None
    location: str | None = None
    description: str | None = None
    organisation: str | None = None  # '' clears
    dossier_id: int | None = None  # 0 clears
    portfolio: str | None = None
    status: str | None = None
    reminders: list[int] | None = None  # the whole list (replaces); [] clears
    add_reminders: list[int] | None = None  # added to what is there
    remove_reminders: list[int] | None = None  # each must be there
    person_ids: list[int] | None = None
    uid: str | None = None
    sequence: int | None = None
    external_id: str | None = None
    timezone: str | None = None


def check_kind(value: str) -> str:
    try:
        return EventKind(value.strip().lower()).value
    except ValueError:
        allowed = ", ".join(k.value for k in EventKind)
        raise ValidationError(
            _("kind"), value, _("must be one of: {allowed}").format(allowed=allowed)
        ) from None


def check_status(value: str) -> str:
    try:
        return EventStatus(value.strip().lower()).value
    except ValueError:
        allowed = ", ".join(k.value for k in EventStatus)
        raise ValidationError(
            _("status"), value, _("must be one of: {allowed}").format(allowed=allowed)
        ) from None


def new_uid() -> str:
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


_KINDS = frozenset(k.value for k in EventKind)
_STATUSES = frozenset(k.value for k in EventStatus)


def _damage(e: Event) -> tuple[ZoneInfo, list[str]]:
    """The zone to show `e` in and what is wrong with the stored row (nothing, usually)."""
    problems: list[str] = []
    try:
        zone = check_zone(_("time zone"), e.timezone or "Europe/Amsterdam")
    except ValidationError:
        zone = AMSTERDAM
        problems.append(_("unknown time zone {zone}").format(zone=show_value(e.timezone)))
    for name, value in (
        (_("start"), e.start_date if e.all_day else e.starts_at),
        (_("end"), e.end_date if e.all_day else e.ends_at),
    ):
        if is_damaged(value):
            problems.append(
                _("{field} is not a usable date ({value})").format(
                    field=name, value=show_value(raw_text(value))
                )
            )
    if (e.start_date if e.all_day else e.starts_at) is None:
        problems.append(_("no start"))
    if e.kind not in _KINDS:
        problems.append(_("unknown kind {code}").format(code=show_value(e.kind)))
    if e.status not in _STATUSES:
        problems.append(_("unknown status {code}").format(code=show_value(e.status)))
    if not e.title:
        problems.append(_("no title"))
    if not isinstance(e.sequence, int) or not 0 <= e.sequence <= MAX_SEQUENCE:
        problems.append(_("unusable SEQUENCE {value}").format(value=show_value(e.sequence)))
    for r in e.reminders:
        if not isinstance(r.minutes_before, int) or not 0 <= r.minutes_before <= (
            MAX_REMINDER_MINUTES
        ):
            problems.append(
                _("unusable reminder {value}").format(value=show_value(r.minutes_before))
            )
    return zone, problems


def event_row(e: Event) -> EventRow:
    """The event as the agenda shows it; a stored row that can't be shown as it is (a date
    that is no date, a zone that does not exist, ...) comes back with `damaged` saying why,
    and placeholder values that keep every list working."""
    zone, problems = _damage(e)
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None
    if e.all_day:
        start = e.start_date or damaged_date(None)
        end = e.end_date
    else:
        starts = e.starts_at or damaged_datetime(None)
        # A placeholder stays in UTC: its local time in 1900 or 2200 would only confuse.
        start = starts if is_damaged(starts) else starts.astimezone(zone)
        end = e.ends_at.astimezone(zone) if e.ends_at else None
    if end is not None and (
        isinstance(end, dt.datetime) != isinstance(start, dt.datetime) or end < start
    ):
        problems.append(_("the end lies before the start"))
        end = None
    reminders = [
        r.minutes_before
        for r in e.reminders
        if isinstance(r.minutes_before, int) and 0 <= r.minutes_before <= MAX_REMINDER_MINUTES
    ]
    sequence = e.sequence if isinstance(e.sequence, int) and 0 <= e.sequence <= MAX_SEQUENCE else 0
    return EventRow(
        id=e.id,
        uid=e.uid,
        sequence=sequence,
        title=e.title or _("untitled"),
        kind=e.kind,
        start=start,
        end=end,
        all_day=e.all_day,
        status=e.status,
        location=e.location,
        description=e.description,
        timezone=e.timezone,
        organisation_id=e.organisation_id,
        organisation=e.organisation.name if e.organisation else None,
        dossier_id=e.dossier_id,
        dossier=e.dossier.title if e.dossier else None,
        kamerstuk=e.dossier.kamerstuk if e.dossier else None,
        portfolio=e.portfolio,
        reminders=reminders,
        person_ids=[p.id for p in e.persons],
        updated_at=e.updated_at,
        version=e.row_version,
        updated_by=e.updated_by,
        damaged="; ".join(problems),
    )


def _day_bounds(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), AMSTERDAM)


def _calendar_fields(e: Event) -> tuple[object, ...]:
    """What a calendar app shows; a change here must raise SEQUENCE."""
    return (
        e.title,
        e.starts_at,
        e.ends_at,
        e.start_date,
        e.end_date,
        e.all_day,
        e.location,
        e.status,
    )


def apply_event(s: Session, e: Event, data: EventInput, is_new: bool) -> bool:
    """Apply `data`; return True when time, place, title or status changed."""
    before = _calendar_fields(e)
    if data.title is not None or is_new:
        e.title = check_text(_("title"), data.title, required=True)
    if data.kind is not None or is_new:
        e.kind = check_kind(data.kind or "other")
    if data.timezone:
        e.timezone = str(check_zone(_("time zone"), data.timezone))
    if data.date is not None:
        if data.start is not None:
            raise ValidationError(
                _("date"), data.date, _("give either a date or a start time, not both")
            )
        check_date(_("date"), data.date)
        if data.end_date is not None:
            check_date(_("end date"), data.end_date)
        check_order(_("end date"), data.date, data.end_date)
        e.all_day, e.start_date, e.end_date = True, data.date, data.end_date
        e.starts_at = e.ends_at = None
    elif data.start is not None:
        check_datetime(_("start"), data.start)
        end = data.end
        if end is not None:
            check_datetime(_("end"), end)
        check_order(_("end"), data.start, end)
        e.all_day, e.starts_at, e.ends_at = False, data.start, end
        e.start_date = e.end_date = None
    elif data.end is not None:
        if e.all_day or e.starts_at is None:
            raise ValidationError(_("end"), data.end, _("an all-day event has no end time"))
        check_datetime(_("end"), data.end)
        check_order(_("end"), e.starts_at, data.end)
        e.ends_at = data.end
    elif data.end_date is not None:
        if not e.all_day:
            raise ValidationError(_("end date"), data.end_date, _("not an all-day event"))
        check_date(_("end date"), data.end_date)
        check_order(_("end date"), e.start_date, data.end_date)
        e.end_date = data.end_date
    elif is_new:
        raise ValidationError(_("start"), None, _("a start time or a date is required"))
    if data.location is not None:
        e.location = check_text(_("location"), data.location, max_length=300)
    if data.description is not None:
        e.description = check_text(
            _("description"), data.description, single_line=False, max_length=100_000
        )
    if data.portfolio is not None:
        e.portfolio = check_text(_("portfolio"), data.portfolio, max_length=200)
    if data.organisation is not None:
        e.organisation = (
            find_organisation(s, data.organisation) if data.organisation.strip() else None
        )
    if data.dossier_id is not None:
        e.dossier = (
            get_or_fail(s, Dossier, data.dossier_id, _("dossier")) if data.dossier_id else None
        )
    if data.status is not None:
        e.status = check_status(data.status)
    if (
        data.reminders is not None
        or data.add_reminders is not None
        or data.remove_reminders is not None
    ):
        e.reminders = _reminders(e, data)
    if data.person_ids is not None:
        e.persons = [get_or_fail(s, Person, i, _("person")) for i in data.person_ids]
    if data.external_id is not None:
        e.external_id = data.external_id or None
    return before != _calendar_fields(e)


def _reminders(e: Event, data: EventInput) -> list[Reminder]:
    """The event's reminders after replacing, removing and adding (in that order)."""
    kept = {r.minutes_before: r for r in e.reminders}
    if data.reminders is not None:
        kept = {m: kept.get(m) or Reminder(minutes_before=m) for m in _offsets(data.reminders)}
    for m in data.remove_reminders or ():
        if m not in kept:
            have = ", ".join(labels.offset_text(x) for x in sorted(kept)) or _("none")
            raise ValidationError(
                _("reminder"),
                labels.offset_text(m),
                _("the event has no such reminder (it has: {have})").format(have=have),
            )
        del kept[m]
    for m in _offsets(data.add_reminders or ()):
        kept.setdefault(m, Reminder(minutes_before=m))
    return [kept[m] for m in sorted(kept)]


def _offsets(values: Iterable[int]) -> list[int]:
    return sorted({check_reminder(_("reminder"), m) for m in values})


class EventService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        # Called after every committed change (e.g. to rewrite the calendar feed).
        self.listeners: builtins.list[Callable[[Changes], None]] = []

    def _changed(self, changes: Changes) -> Changes:
        for listener in self.listeners:
            listener(changes)
        return changes

    def _query(self) -> Select[Event]:
        return select(Event).options(
            selectinload(Event.organisation),
            selectinload(Event.dossier),
            selectinload(Event.reminders),
            selectinload(Event.persons),
        )

    def list(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kind: str | None = None,
        organisation: str | None = None,
        dossier_id: int | None = None,
        include_cancelled: bool = True,
        organisation_ids: Collection[int] | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[EventRow]:
        """Events overlapping [start, end] (whole days, Europe/Amsterdam), sorted by start;
        with `limit`, only the first `limit` of them (a window, not the whole table), or the
        last `limit` of them with `newest_first`."""
        # A filter beyond the accepted dates (a date picker allows the year 9999) means
        # 'everything from/until then'; the arithmetic below must not overflow.
        start = max(start, MIN_DATE) if start is not None else None
        end = min(end, MAX_DATE) if end is not None else None
        stmt = self._query()
        if start is not None:
            stmt = stmt.where(
                or_(
                    and_(
                        Event.all_day.is_(True),
                        or_(
                            Event.end_date >= start,
                            and_(Event.end_date.is_(None), Event.start_date >= start),
                        ),
                    ),
                    and_(
                        Event.all_day.is_(False),
                        or_(
                            Event.ends_at >= _day_bounds(start),
                            and_(Event.ends_at.is_(None), Event.starts_at >= _day_bounds(start)),
                        ),
                    ),
                )
            )
        if end is not None:
            stmt = stmt.where(
                or_(
                    and_(Event.all_day.is_(True), Event.start_date <= end),
                    and_(
                        Event.all_day.is_(False),
                        Event.starts_at < _day_bounds(end + dt.timedelta(days=1)),
                    ),
                )
            )
        if kind:
            stmt = stmt.where(Event.kind == check_kind(kind))
        if dossier_id is not None:
            stmt = stmt.where(Event.dossier_id == dossier_id)
        if not include_cancelled:
            stmt = stmt.where(Event.status != EventStatus.CANCELLED.value)
        if organisation_ids is not None:
            stmt = stmt.where(Event.organisation_id.in_(list(organisation_ids)))
        if limit is not None:
            # Dates and UTC moments are stored as ISO text: one order for both kinds.
            when = func.coalesce(Event.start_date, Event.starts_at)
            order = (when.desc(), Event.id.desc()) if newest_first else (when, Event.id)
            stmt = stmt.order_by(*order).limit(limit)
        with self._sessions() as s:
            if organisation:
                stmt = stmt.where(Event.organisation_id == find_organisation(s, organisation).id)
            rows = [event_row(e) for e in s.scalars(stmt)]
        return sorted(rows, key=_sort_key)

    def get(self, event_id: int) -> EventRow:
        with self._sessions() as s:
            return event_row(get_or_fail(s, Event, event_id, _("event")))

    def find_by_uid(self, uid: str) -> EventRow | None:
        with self._sessions() as s:
            e = s.scalar(self._query().where(Event.uid == uid))
            return event_row(e) if e else None

    def add(self, data: EventInput) -> Changes:
        with self._sessions.begin() as s:
            e = Event(
                uid=data.uid or new_uid(),
                sequence=data.sequence or 0,
                kind="other",
                title="",
                location="",
                status="confirmed",
            )
            apply_event(s, e, data, is_new=True)
            if data.status is None:
                e.status = EventStatus.CONFIRMED.value
            s.add(e)
            s.flush()
            changes = Changes.of("event", ids=(e.id,))
        return self._changed(changes)

    def update(self, event_id: int, data: EventInput, version: int | None = None) -> Changes:
        with self._sessions.begin() as s:
            e = get_for_edit(s, Event, event_id, _("event"), version)
            changed = apply_event(s, e, data, is_new=False)
            if data.sequence is not None:
                e.sequence = max(e.sequence, data.sequence)
            elif changed:
                # RFC 5545: a calendar app only takes the update if SEQUENCE went up.
                e.sequence += 1
        return self._changed(Changes.of("event", ids=(event_id,)))

    def cancel(self, event_id: int) -> Changes:
        return self.update(event_id, EventInput(status=EventStatus.CANCELLED.value))

    def delete(self, event_id: int) -> Changes:
        with self._sessions.begin() as s:
            s.delete(get_or_fail(s, Event, event_id, _("event")))
        return self._changed(Changes.of("event", ids=(event_id,)))


def _sort_key(r: EventRow) -> tuple[dt.datetime, int]:
    if isinstance(r.start, dt.datetime):
        return (r.start.astimezone(dt.UTC), r.id)
    return (dt.datetime.combine(r.start, dt.time(0), AMSTERDAM).astimezone(dt.UTC), r.id)
