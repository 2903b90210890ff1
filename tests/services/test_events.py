"""Events: instants, all-day dates, sequence raised on real changes, cancel keeps the row."""

from __future__ import annotations

import datetime as dt

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.services.events import EventInput


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMSTERDAM)  # type: ignore[misc]


def test_add_timed_event_keeps_instant_in_both_seasons(ctx: Context) -> None:
    summer = ctx.services.events.add(
        EventInput(
            title="Plenair",
            kind="plenary-debate",
            start=at(2026, 5, 19, 13, 30),
            end=at(2026, 5, 19, 18),
        )
    ).ids[0]
    winter = ctx.services.events.add(
        EventInput(title="Stemmingen", kind="vote", start=at(2026, 12, 15, 14, 0))
    ).ids[0]
    s = ctx.services.events.get(summer)
    w = ctx.services.events.get(winter)
    assert isinstance(s.start, dt.datetime) and isinstance(w.start, dt.datetime)
    assert s.start.astimezone(dt.UTC).hour == 11
    assert w.start.astimezone(dt.UTC).hour == 13
    assert s.start.isoformat() == "2026-05-19T13:30:00+02:00"
    assert s.uid.endswith("@lobbycrm") and s.sequence == 0 and s.status == "confirmed"


def test_all_day_deadline(ctx: Context) -> None:
    eid = ctx.services.events.add(
        EventInput(title="Inbreng", kind="written-round-deadline", date=dt.date(2026, 6, 2))
    ).ids[0]
    e = ctx.services.events.get(eid)
    assert e.all_day and e.start == dt.date(2026, 6, 2)


def test_sequence_rises_only_when_time_place_title_or_status_change(ctx: Context) -> None:
    eid = ctx.services.events.add(
        EventInput(title="Debat", kind="committee-debate", start=at(2026, 5, 19, 10))
    ).ids[0]
    ctx.services.events.update(eid, EventInput(description="alleen een notitie"))
    assert ctx.services.events.get(eid).sequence == 0
    ctx.services.events.update(eid, EventInput(start=at(2026, 5, 20, 10)))
    assert ctx.services.events.get(eid).sequence == 1
    ctx.services.events.update(eid, EventInput(location="Thorbeckezaal"))
    ctx.services.events.update(eid, EventInput(title="Commissiedebat"))
    uid = ctx.services.events.get(eid).uid
    ctx.services.events.cancel(eid)
    e = ctx.services.events.get(eid)
    assert (e.sequence, e.status, e.uid) == (4, "cancelled", uid)


def test_bad_event_input_writes_nothing(ctx: Context) -> None:
    with pytest.raises(ValidationError):
        ctx.services.events.add(
            EventInput(title="X", kind="vote", start=at(2026, 5, 19, 14), end=at(2026, 5, 19, 13))
        )
    with pytest.raises(ValidationError):
        ctx.services.events.add(EventInput(title="X", kind="feest", date=dt.date(2026, 1, 1)))
    with pytest.raises(ValidationError):
        ctx.services.events.add(EventInput(title="X", kind="vote"))
    assert ctx.services.events.list() == []


def test_list_range_and_order(ctx: Context) -> None:
    ev = ctx.services.events
    ev.add(EventInput(title="B", kind="vote", start=at(2026, 5, 19, 23, 30)))
    ev.add(EventInput(title="A", kind="deadline", date=dt.date(2026, 5, 19)))
    ev.add(EventInput(title="C", kind="vote", start=at(2026, 5, 20, 0, 30)))
    assert [e.title for e in ev.list(dt.date(2026, 5, 19), dt.date(2026, 5, 19))] == ["A", "B"]
    assert [e.title for e in ev.list()] == ["A", "B", "C"]
    assert [e.title for e in ev.list(kind="vote")] == ["B", "C"]


def test_reminders_are_added_removed_and_cleared(ctx: Context) -> None:
    events = ctx.services.events
    eid = events.add(
        EventInput(title="Plenair", kind="plenary-debate", start=at(2026, 5, 19, 13, 30))
    ).ids[0]
    events.update(eid, EventInput(add_reminders=[1440]))
    events.update(eid, EventInput(add_reminders=[60, 1440]))  # adding one that is there: kept once
    assert events.get(eid).reminders == [60, 1440]
    events.update(eid, EventInput(remove_reminders=[1440]))
    assert events.get(eid).reminders == [60]
    with pytest.raises(ValidationError) as missing:
        events.update(eid, EventInput(remove_reminders=[30]))
    assert "30" in str(missing.value) and "1 uur" in str(missing.value)
    assert events.get(eid).reminders == [60]
    # Clear, then add: the new list only.
    events.update(eid, EventInput(reminders=[], add_reminders=[2880]))
    assert events.get(eid).reminders == [2880]
    events.update(eid, EventInput(reminders=[]))
    assert events.get(eid).reminders == []
    # A reminder is not what a calendar app shows as the event: SEQUENCE stays.
    assert events.get(eid).sequence == 0
    with pytest.raises(ValidationError):
        events.update(eid, EventInput(add_reminders=[-5]))
