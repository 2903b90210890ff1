"""`lobbycrm export ics`, `import ics` and `feed` as whole processes."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar, Component

from tests.cli.test_cli import dump, run

FIXTURES = Path(__file__).resolve().parent.parent / "ical" / "fixtures"


def senate_plenary(path: Path) -> Component:
    """The demo's Senate plenary (event 1) in an export; the council debate is there too."""
    return next(
        e
        for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        if str(e["UID"]) == "demo-plenair-migratiepact-2026@lobbycrm"
    )


def test_export_update_export_and_import(tmp_path: Path) -> None:
    db = tmp_path / "cal.sqlite"
    assert run(db, "demo").returncode == 0
    out = tmp_path / "agenda.ics"
    r = run(db, "export", "ics", str(out), "--kind", "plenary-debate")
    assert r.returncode == 0, r.stderr
    assert "2 agendapunten" in r.stdout  # the Senate's plenary and the council debate
    first = senate_plenary(out)
    assert (
        run(
            db, "events", "update", "1", "--start", "2026-05-26T13:30", "--end", "2026-05-26T18:00"
        ).returncode
        == 0
    )
    run(db, "export", "ics", str(out), "--kind", "plenary-debate")
    second = senate_plenary(out)
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    r = run(db, "import", "ics", str(FIXTURES / "outlook.ics"))
    assert r.returncode == 0, r.stderr
    assert "toegevoegd: 2" in r.stdout
    r = run(db, "import", "ics", str(FIXTURES / "outlook.ics"))
    assert "toegevoegd: 0" in r.stdout and "ongewijzigd: 2" in r.stdout


def test_bad_calendar_file_exit_1_nothing_imported(tmp_path: Path) -> None:
    db = tmp_path / "cal.sqlite"
    run(db, "init")
    before = dump(db)
    bad = tmp_path / "kapot.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    r = run(db, "import", "ics", str(bad))
    assert r.returncode == 1 and "kapot.ics" in r.stderr and "DTSTART" in r.stderr
    assert "Traceback" not in r.stderr
    assert run(db, "import", "ics", str(tmp_path / "missing.ics")).returncode == 1
    assert run(db, "export", "ics", str(tmp_path / "x.ics"), "--from", "gisteren").returncode == 1
    r = run(
        db, "export", "ics", str(tmp_path / "x.ics"), "--from", "2026-06-01", "--to", "2026-05-01"
    )
    assert r.returncode == 1 and "einddatum" in r.stderr
    assert not (tmp_path / "x.ics").exists()
    assert dump(db) == before


def test_dry_run_and_feed(tmp_path: Path) -> None:
    db = tmp_path / "cal.sqlite"
    run(db, "init")
    before = dump(db)
    r = run(db, "import", "ics", str(FIXTURES / "google.ics"), "--dry-run")
    assert r.returncode == 0 and "toegevoegd: 2" in r.stdout and "Proefdraai" in r.stdout
    assert dump(db) == before
    feed = tmp_path / "feed" / "lobbycrm.ics"
    assert run(db, "feed", "set", str(feed)).returncode == 0
    assert run(db, "feed", "show").stdout.strip() == str(feed.resolve())
    r = run(
        db,
        "events",
        "add",
        "--title",
        "Stemmingen",
        "--kind",
        "vote",
        "--start",
        "2026-05-26T15:00",
    )
    assert r.returncode == 0
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT")]
    assert titles == ["Stemmingen"]
    assert run(db, "feed", "off").returncode == 0
    assert "geen agendafeed" in run(db, "feed", "show").stdout


def test_unwritable_files_exit_1_and_a_broken_feed_does_not_fail_the_change(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cal.sqlite"
    run(db, "init")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    r = run(db, "export", "ics", str(blocker / "agenda.ics"))
    assert r.returncode == 1 and "a-file" in r.stderr and "Traceback" not in r.stderr
    r = run(db, "feed", "set", str(blocker / "feed.ics"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "geen agendafeed" in run(db, "feed", "show").stdout
    folder = tmp_path / "sync"
    assert run(db, "feed", "set", str(folder / "feed.ics")).returncode == 0
    (folder / "feed.ics").unlink()
    folder.rmdir()
    folder.write_text("the synced folder is gone")
    r = run(
        db,
        "events",
        "add",
        "--title",
        "Stemmingen",
        "--kind",
        "vote",
        "--start",
        "2026-05-26T15:00",
    )
    # The event was saved, so the command succeeds and prints its id; the feed problem is a
    # warning (otherwise the officer would add it again).
    assert r.returncode == 0 and r.stdout.strip() == "1", r.stderr
    assert "agendafeed niet bijgewerkt" in r.stderr and "Traceback" not in r.stderr
