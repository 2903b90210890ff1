"""Time exporting 10,000 events to .ics, against building the same calendar with icalendar alone.

Usage: python benchmarks/ics_export.py [N]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event
from sqlalchemy import insert

from lobbycrm.bootstrap import open_context
from lobbycrm.db.models import Event as EventRow
from lobbycrm.db.models import Reminder

AMS = ZoneInfo("Europe/Amsterdam")


def populate(ctx, n: int) -> None:  # type: ignore[no-untyped-def]
    base = dt.datetime(2026, 1, 5, 9, 0, tzinfo=AMS)
    now = dt.datetime.now(dt.UTC)
    rows = []
    for i in range(n):
        start = base + dt.timedelta(hours=7 * i)
        all_day = i % 5 == 0
        rows.append(
            {
                "uid": f"bench-{i}@lobbycrm",
                "sequence": i % 3,
                "kind": "committee-debate",
                "title": f"Commissiedebat {i}",
                "description": "",
                "all_day": all_day,
                "starts_at": None if all_day else start,
                "ends_at": None if all_day else start + dt.timedelta(hours=2),
                "timezone": "Europe/Amsterdam",
                "start_date": start.date() if all_day else None,
                "end_date": None,
                "location": "Thorbeckezaal",
                "status": "cancelled" if i % 50 == 0 else "confirmed",
                "portfolio": "",
                "created_at": now,
                "updated_at": now,
            }
        )
    with ctx.sessions.begin() as s:
        s.execute(insert(EventRow), rows)
        s.execute(
            insert(Reminder),
            [
                {"event_id": i + 1, "minutes_before": 60, "created_at": now, "updated_at": now}
                for i in range(n)
            ],
        )


def bare_icalendar(ctx) -> bytes:  # type: ignore[no-untyped-def]
    rows = ctx.services.events.list()
    cal = Calendar()
    cal.add("prodid", "-//bench//")
    cal.add("version", "2.0")
    stamp = dt.datetime.now(dt.UTC)
    for r in rows:
        ev = Event()
        ev.add("uid", r.uid)
        ev.add("dtstamp", stamp)
        ev.add("sequence", r.sequence)
        ev.add("summary", r.title)
        ev.add("dtstart", r.start)
        if r.end:
            ev.add("dtend", r.end)
        ev.add("location", r.location)
        for m in r.reminders:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", dt.timedelta(minutes=-m))
            ev.add_component(alarm)
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(str(Path(tmp) / "bench.sqlite"))
        populate(ctx, n)
        t0 = time.perf_counter()
        count = ctx.services.calendar.export(Path(tmp) / "out.ics")
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        bare_icalendar(ctx)
        bare = time.perf_counter() - t0
        size = (Path(tmp) / "out.ics").stat().st_size
        ctx.close()
    print(f"events exported:            {count}")
    print(f"lobbycrm export ics:        {ours:.2f} s ({size / 1e6:.1f} MB)")
    print(f"bare icalendar, same data:  {bare:.2f} s (query included)")
    print(f"ratio ours / bare:          {ours / bare:.2f}")
    print(f"target < 2 s:               {'met' if ours < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
