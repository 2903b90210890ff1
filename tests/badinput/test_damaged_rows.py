"""Nothing stored can brick a command: every kind of damaged row, planted with raw SQL, and
still every list command works, showing the row as damaged; it can be edited and deleted.
(The desktop app on the same rows: tests/ui/test_damaged_rows_app.py.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from lobbycrm import crashlog
from lobbycrm.bootstrap import open_context
from lobbycrm.cli import run
from tests.badinput.damage import DAMAGE, damaged_copy

LIST_COMMANDS = [
    ["people", "list"],
    ["people", "list", "--format", "csv"],
    ["people", "list", "--format", "json"],
    ["people", "show", "1"],
    ["people", "show", "2"],
    ["orgs", "list"],
    ["orgs", "show", "1"],
    ["events", "list"],
    ["events", "list", "--format", "json"],
    ["events", "show", "1"],
    ["dossiers", "list"],
    ["motions", "list"],
    ["motions-open"],
    ["campaigns", "list"],
    ["campaigns", "show", "1"],
    ["campaigns", "councils", "2"],
    ["letters", "templates"],
    ["letters", "mailings"],
    ["letters", "show", "1"],
    ["letters", "status", "1"],
    ["letters", "followup", "1", "--days", "1"],
    ["outbox", "list"],
    ["todo"],
    ["stances", "list", "--dossier", "1"],
    ["majority", "--dossier", "1"],
    ["duplicates"],
    ["bin", "list"],
    ["feed", "show"],
    ["mail", "show"],
]


@pytest.fixture
def damaged_db(demo_db_path: Path, tmp_path: Path) -> Path:
    return damaged_copy(demo_db_path, tmp_path)


@pytest.fixture
def no_crash_log() -> Iterator[None]:
    yield
    log = crashlog.log_file()
    assert not log.exists(), log.read_text(encoding="utf-8")


def test_every_kind_of_damage_is_planted(damaged_db: Path) -> None:
    import sqlite3

    with sqlite3.connect(damaged_db) as conn:
        start = conn.execute("SELECT starts_at FROM event WHERE id=1").fetchone()[0]
        seats = conn.execute("SELECT count(*) FROM organisation WHERE seats='veel'").fetchone()
    assert start.startswith("9999-12-31 23:30") and seats == (1,)
    assert len(DAMAGE) >= 15


@pytest.mark.usefixtures("no_crash_log")
def test_every_list_command_works_on_damaged_rows(
    damaged_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = [
        ["export", "ics", str(tmp_path / "a.ics")],
        ["export", "csv", str(tmp_path / "p.csv")],
        ["export", "vcard", str(tmp_path / "p.vcf")],
        ["briefing", "1", "--out", str(tmp_path / "b.html")],
    ]
    for argv in LIST_COMMANDS + exports:
        code = run([*argv, "--db", str(damaged_db)])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert "Traceback" not in out + err
        assert "\x1b" not in out + err and "\u202e" not in out + err, argv
    events = run(["events", "list", "--format", "json", "--db", str(damaged_db)])
    rows = json.loads(capsys.readouterr().out)
    assert events == 0
    damaged = {r["id"]: r["damaged"] for r in rows if r["damaged"]}
    assert "9999-12-31" in damaged[1]
    assert any("Mars/Olympus" in why for why in damaged.values())
    run(["people", "list", "--db", str(damaged_db)])
    assert "beschadigd" in capsys.readouterr().out


@pytest.mark.usefixtures("no_crash_log")
def test_damaged_event_can_be_edited_and_deleted(damaged_db: Path) -> None:
    import datetime as dt

    from lobbycrm.services.events import EventInput

    ctx = open_context(str(damaged_db))
    try:
        ctx.services.events.update(
            1, EventInput(start=dt.datetime(2026, 5, 19, 13, 30, tzinfo=dt.UTC), reminders=[60])
        )
        assert ctx.services.events.get(1).damaged == ""
        broken = [r for r in ctx.services.events.list() if r.damaged]
        assert broken
        for row in broken:
            ctx.services.events.delete(row.id)
        assert not [r for r in ctx.services.events.list() if r.damaged]
    finally:
        ctx.close()


@pytest.mark.usefixtures("no_crash_log")
def test_damaged_bin_entry_is_refused_in_words(
    damaged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    with sqlite3.connect(damaged_db) as conn:
        broken = conn.execute("SELECT id FROM recycle_bin WHERE payload='{'").fetchone()[0]
    assert run(["bin", "restore", str(broken), "--db", str(damaged_db)]) == 1
    assert "kan niet worden teruggezet" in capsys.readouterr().err
