"""Calendar files: export parsed back, updates keep UIDs and raise SEQUENCE, imports match."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.services.calendar import ExportSelection
from lobbycrm.services.dossiers import DossierInput
from lobbycrm.services.events import EventInput

FIXTURES = Path(__file__).with_name("fixtures")
STAMP = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMSTERDAM)  # type: ignore[misc]


def vevents(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def agenda(ctx: Context) -> dict[str, int]:
    ev = ctx.services.events
    return {
        "summer": ev.add(
            EventInput(
                title="Plenair debat Migratiepact",
                kind="plenary-debate",
                start=at(2026, 5, 19, 13, 30),
                end=at(2026, 5, 19, 18),
                location="Plenaire zaal",
                reminders=[60, 1440],
            )
        ).ids[0],
        "winter": ev.add(
            EventInput(
                title="Commissiedebat",
                kind="committee-debate",
                start=at(2026, 1, 13, 14),
                end=at(2026, 1, 13, 16),
            )
        ).ids[0],
        "deadline": ev.add(
            EventInput(
                title="Inbreng",
                kind="written-round-deadline",
                date=dt.date(2026, 6, 2),
                reminders=[2880],
            )
        ).ids[0],
        "cancelled": ev.add(
            EventInput(title="Hoorzitting", kind="meeting", start=at(2026, 3, 3, 10))
        ).ids[0],
    }


def test_export_instants_dates_alarms_and_status(ctx: Context, agenda: dict[str, int]) -> None:
    ctx.services.events.cancel(agenda["cancelled"])
    data, count = ctx.services.calendar.export_bytes(stamp=STAMP)
    assert count == 4
    cal = Calendar.from_ical(data)
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = vevents(data)
    rows = {k: ctx.services.events.get(v) for k, v in agenda.items()}
    summer = events[rows["summer"].uid]
    assert summer["DTSTART"].params["TZID"] == "Europe/Amsterdam"  # type: ignore[index]
    assert summer["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(  # type: ignore[index]
        2026, 5, 19, 11, 30, tzinfo=dt.UTC
    )
    assert summer["DTEND"].dt.astimezone(dt.UTC).hour == 16  # type: ignore[index]
    assert b"DTSTART;TZID=Europe/Amsterdam:20260519T133000" in data
    winter = events[rows["winter"].uid]
    assert winter["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(  # type: ignore[index]
        2026, 1, 13, 13, 0, tzinfo=dt.UTC
    )
    deadline = events[rows["deadline"].uid]
    assert deadline["DTSTART"].dt == dt.date(2026, 6, 2)  # type: ignore[index]
    assert deadline["DTEND"].dt == dt.date(2026, 6, 3)  # type: ignore[index]
    assert b"DTSTART;VALUE=DATE:20260602" in data
    triggers = sorted(a["TRIGGER"].dt for a in summer.walk("VALARM"))  # type: ignore[attr-defined]
    assert triggers == [dt.timedelta(days=-1), dt.timedelta(hours=-1)]
    assert [a["TRIGGER"].dt for a in deadline.walk("VALARM")] == [  # type: ignore[attr-defined]
        dt.timedelta(days=-2)
    ]
    assert str(events[rows["cancelled"].uid]["STATUS"]) == "CANCELLED"  # type: ignore[index]
    assert str(summer["STATUS"]) == "CONFIRMED"  # type: ignore[index]
    assert summer["CATEGORIES"].cats == ["Plenair debat"]  # type: ignore[index]
    assert "Plenaire zaal" in str(summer["DESCRIPTION"])  # type: ignore[index]
    assert str(summer["DTSTAMP"].dt) == str(STAMP)  # type: ignore[index]
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_export_change_export_keeps_uid_and_raises_sequence(
    ctx: Context, agenda: dict[str, int]
) -> None:
    first = vevents(ctx.services.calendar.export_bytes()[0])
    ctx.services.events.update(
        agenda["summer"], EventInput(start=at(2026, 5, 26, 13, 30), end=at(2026, 5, 26, 18))
    )
    ctx.services.events.update(agenda["winter"], EventInput(description="only a note"))
    second = vevents(ctx.services.calendar.export_bytes()[0])
    assert set(first) == set(second)
    uid = ctx.services.events.get(agenda["summer"]).uid
    assert int(second[uid]["SEQUENCE"]) == int(first[uid]["SEQUENCE"]) + 1  # type: ignore[index]
    assert second[uid]["DTSTART"].dt.date() == dt.date(2026, 5, 26)  # type: ignore[index]
    winter = ctx.services.events.get(agenda["winter"]).uid
    assert second[winter]["SEQUENCE"] == first[winter]["SEQUENCE"]  # type: ignore[index]


def test_export_selection(demo_ctx: Context) -> None:
    cal = demo_ctx.services.calendar
    # The Senate's plenary and the council debate of 25 June 2025.
    assert cal.export_bytes(ExportSelection(kind="plenary-debate"))[1] == 2
    assert cal.export_bytes(ExportSelection(start=dt.date(2026, 1, 1)))[1] == 2
    assert cal.export_bytes(ExportSelection(end=dt.date(2025, 12, 31)))[1] == 2
    assert cal.export_bytes(ExportSelection(organisation="Eerste Kamer"))[1] == 2
    dossier = next(d for d in demo_ctx.services.dossiers.list() if "Migratiepact" in d.title)
    assert cal.export_bytes(ExportSelection(dossier_id=dossier.id))[1] == 2


def test_reimport_own_export_changes_nothing_and_higher_sequence_updates(
    ctx: Context, agenda: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "agenda.ics"
    ctx.services.calendar.export(path, ExportSelection())
    report = ctx.services.calendar.import_file(path)
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (0, 0, 4)
    # Somebody else's calendar app moved the debate and raised SEQUENCE.
    uid = ctx.services.events.get(agenda["summer"]).uid
    cal = Calendar.from_ical(path.read_bytes())
    moved_event = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == uid)
    for prop in ("DTSTART", "DTEND", "SEQUENCE"):
        del moved_event[prop]
    moved_event.add("dtstart", at(2026, 5, 20, 10))
    moved_event.add("dtend", at(2026, 5, 20, 12))
    moved_event.add("sequence", 3)
    (tmp_path / "moved.ics").write_bytes(cal.to_ical())
    report = ctx.services.calendar.import_file(tmp_path / "moved.ics")
    assert len(report.updated) == 1 and len(report.added) == 0
    moved = ctx.services.events.get(agenda["summer"])
    assert moved.sequence == 3 and moved.kind == "plenary-debate"
    assert moved.start == at(2026, 5, 20, 10)
    assert len(ctx.services.events.list()) == 4


@pytest.mark.parametrize(
    ("name", "added", "skipped"), [("google.ics", 2, 1), ("outlook.ics", 2, 0), ("apple.ics", 2, 0)]
)
def test_import_from_other_calendar_apps_twice(
    ctx: Context, name: str, added: int, skipped: int
) -> None:
    report = ctx.services.calendar.import_file(FIXTURES / name)
    assert len(report.added) == added and len(report.skipped) == skipped
    again = ctx.services.calendar.import_file(FIXTURES / name)
    assert len(again.added) == 0 and len(again.unchanged) == added
    assert len(ctx.services.events.list()) == added


def test_imported_times_are_right(ctx: Context) -> None:
    for name in ("google.ics", "outlook.ics", "apple.ics"):
        ctx.services.calendar.import_file(FIXTURES / name)
    by_title = {e.title: e for e in ctx.services.events.list()}
    google = by_title["Rondetafelgesprek kinderen in de opvang"]
    assert google.start == at(2026, 6, 9, 14) and google.reminders == [30]
    assert by_title["Inbreng schriftelijk overleg Asiel- en migratiepact"].all_day
    assert by_title["Inbreng schriftelijk overleg Asiel- en migratiepact"].kind == (
        "written-round-deadline"
    )
    outlook = by_title["Stemmingen Eerste Kamer"]
    assert outlook.start.astimezone(dt.UTC) == dt.datetime(  # type: ignore[union-attr]
        2026, 5, 26, 14, 0, tzinfo=dt.UTC
    )
    assert outlook.kind == "vote" and outlook.reminders == [15]
    winter = by_title["Commissiedebat Vreemdelingen- en asielbeleid"]
    assert winter.start.astimezone(dt.UTC).hour == 9  # type: ignore[union-attr]
    assert by_title["Zwevende tijd belafspraak"].start == at(2026, 4, 15, 14)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "BEGIN:VCALENDAR"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR",
            "DTSTART",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T100000\r\n"
            b"DTEND:20250101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR",
            "DTEND",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:notadate\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR",
            "notadate",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T100000Z\r\n"
            b"DURATION:twee uur\r\nEND:VEVENT\r\nEND:VCALENDAR",
            "DURATION",
        ),
        # Cut off halfway (a sync that did not finish): icalendar alone would drop the event.
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026", "END:VEVENT"),
        (b"BEGIN:VCALENDAR\r\n", "END:VCALENDAR"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T100000Z\r\n"
            b"END:VCALENDAR",
            "END:VEVENT",
        ),
    ],
)
def test_malformed_file_imports_nothing(
    ctx: Context, tmp_path: Path, content: bytes, needle: str
) -> None:
    good = (FIXTURES / "apple.ics").read_bytes().replace(b"END:VCALENDAR\r\n", b"")
    path = tmp_path / "bad.ics"
    path.write_bytes(
        content
        if not content.startswith(b"BEGIN:VCALENDAR")
        else good + content.removeprefix(b"BEGIN:VCALENDAR\r\n")
    )
    with pytest.raises(LobbyError) as info:
        ctx.services.calendar.import_file(path)
    message = str(info.value)
    assert "bad.ics" in message
    assert needle in message or needle.lower() in message.lower()
    assert ctx.services.events.list() == []


def test_error_names_file_line_and_uid(ctx: Context, tmp_path: Path) -> None:
    good = (FIXTURES / "google.ics").read_bytes().replace(b"END:VCALENDAR\r\n", b"")
    line = len(good.splitlines()) + 1
    path = tmp_path / "partner.ics"
    path.write_bytes(
        good + b"BEGIN:VEVENT\r\nUID:kapot-1@partner\r\nSUMMARY:Overleg\r\n"
        b"DTSTART;TZID=Europe/Amsterdam:20261301T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(LobbyError) as info:
        ctx.services.calendar.import_file(path)
    message = str(info.value)
    assert f"partner.ics, regel {line}: " in message
    assert "kapot-1@partner" in message and "DTSTART" in message and "Overleg" in message
    assert ctx.services.events.list() == []


def test_round_trip_through_another_app_keeps_the_description(ctx: Context, tmp_path: Path) -> None:
    dossier = ctx.services.dossiers.add(
        DossierInput(title="Asiel- en migratiepact", kamerstuk="36123")
    )
    eid = ctx.services.events.add(
        EventInput(
            title="Commissiedebat",
            kind="committee-debate",
            start=at(2026, 5, 19, 10),
            location="Thorbeckezaal",
            description="Spreektekst klaar op maandag.\nMet bijlage.",
            dossier_id=dossier.ids[0],
        )
    ).ids[0]
    path = tmp_path / "agenda.ics"
    for round_trip in range(1, 4):
        ctx.services.calendar.export(path)
        cal = Calendar.from_ical(path.read_bytes())
        event = cal.walk("VEVENT")[0]
        assert str(event["DESCRIPTION"]).count("Dossier: Asiel- en migratiepact") == 1
        event["SEQUENCE"] = int(event["SEQUENCE"]) + 1  # moved in the other calendar app
        path.write_bytes(cal.to_ical())
        assert len(ctx.services.calendar.import_file(path).updated) == 1
        row = ctx.services.events.get(eid)
        assert row.description == "Spreektekst klaar op maandag.\nMet bijlage."
        assert row.sequence == round_trip


def test_dry_run_writes_nothing(ctx: Context) -> None:
    report = ctx.services.calendar.import_file(FIXTURES / "outlook.ics", dry_run=True)
    assert len(report.added) == 2
    assert ctx.services.events.list() == []


def test_feed_is_rewritten_after_every_change(ctx: Context, tmp_path: Path) -> None:
    feed = tmp_path / "sync" / "lobbycrm.ics"
    ctx.services.calendar.set_feed(feed)
    assert feed.exists() and not vevents(feed.read_bytes())
    eid = ctx.services.events.add(
        EventInput(title="Stemmingen", kind="vote", start=at(2026, 5, 26, 15))
    ).ids[0]
    uid = ctx.services.events.get(eid).uid
    assert uid in vevents(feed.read_bytes())
    ctx.services.events.cancel(eid)
    assert str(vevents(feed.read_bytes())[uid]["STATUS"]) == "CANCELLED"  # type: ignore[index]
    ctx.services.calendar.import_file(FIXTURES / "apple.ics")
    assert len(vevents(feed.read_bytes())) == 3
    ctx.services.demo.load()
    assert len(vevents(feed.read_bytes())) == 7  # 3 + the demo's 4
    assert not [p for p in feed.parent.iterdir() if p.name != feed.name]  # no temp files left
    ctx.services.calendar.set_feed(None)
    ctx.services.events.delete(eid)
    assert uid in vevents(feed.read_bytes())  # feed off: file no longer touched


def test_text_escaping_and_folding_round_trip() -> None:
    from lobbycrm.ical import CalEvent, build_calendar

    title = "Zoë, José; Yılmaz \\ Ørsted " + "é" * 80
    description = "Regel 1, met komma\nRegel 2; met puntkomma\n" + "ë" * 200
    data = build_calendar(
        [
            CalEvent(
                uid="x@lobbycrm",
                sequence=0,
                title=title,
                category="Overig",
                status="confirmed",
                all_day=False,
                start=at(2026, 10, 25, 2, 30),
                end=None,
                description=description,
            )
        ]
    )
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    data.decode("utf-8")  # folding never splits a character
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == description
    # 02:30 on the night summer time ends exists twice; we write the instant's local time.
    assert event["DTSTART"].dt.astimezone(dt.UTC) == at(2026, 10, 25, 2, 30).astimezone(dt.UTC)


def test_feed_that_cannot_be_written_does_not_fail_the_change(ctx: Context, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(LobbyError, match="not-a-folder"):
        ctx.services.calendar.set_feed(blocker / "lobbycrm.ics")
    assert ctx.services.calendar.feed_path() is None  # refused, not stored
    folder = tmp_path / "sync"
    ctx.services.calendar.set_feed(folder / "lobbycrm.ics")
    folder.joinpath("lobbycrm.ics").unlink()
    folder.rmdir()
    folder.write_text("the synced folder was replaced by a file")
    eid = ctx.services.events.add(
        EventInput(title="Stemmingen", kind="vote", start=at(2026, 5, 26, 15))
    ).ids[0]
    assert ctx.services.events.get(eid).title == "Stemmingen"  # the change itself stands
    assert "lobbycrm.ics" in (ctx.services.calendar.feed_error or "")
    folder.unlink()
    ctx.services.events.cancel(eid)
    assert ctx.services.calendar.feed_error is None
    assert (
        str(
            vevents((folder / "lobbycrm.ics").read_bytes())[ctx.services.events.get(eid).uid][
                "STATUS"
            ]
        )
        == "CANCELLED"
    )  # type: ignore[index]
