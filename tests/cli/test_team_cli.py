"""Team and privacy commands as whole processes: --user, log, stale edits, copy-to, erase."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from lobbycrm.bootstrap import open_context
from lobbycrm.db.models import ChangeLog, Person
from lobbycrm.services.people import PersonInput


def run(db: Path | str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LOBBYCRM_DB", "LOBBYCRM_USER")}
    cmd = [sys.executable, "-m", "lobbycrm", *args, "--db", str(db)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180, input=stdin)


@pytest.fixture
def db(demo_db_path: Path) -> Path:
    return demo_db_path


def test_user_option_names_the_author_and_log_lists_in_dutch(db: Path) -> None:
    r = run(
        db,
        "people",
        "add",
        "--surname",
        "Jansen",
        "--first-name",
        "Piet",
        "--email",
        "piet@example.org",
        "--user",
        "Noor de Vries",
    )
    assert r.returncode == 0, r.stderr
    pid = int(r.stdout)
    r = run(db, "log", "--person", str(pid))
    assert r.returncode == 0, r.stderr
    header, *lines = r.stdout.splitlines()
    assert header.split()[:2] == ["wanneer", "wie"]
    assert any(
        "Noor de Vries" in line and "persoon Piet Jansen" in line and "toegevoegd" in line
        for line in lines
    )
    assert all("contact_point" not in line and "add" not in line.split() for line in lines)
    r = run(db, "log", "--user", "Noor de Vries", "--format", "json")
    rows = json.loads(r.stdout)
    assert rows and {x["author"] for x in rows} == {"Noor de Vries"}
    assert {x["action"] for x in rows} == {"add"} and rows[0]["change"] == "toegevoegd"
    r = run(db, "log", "--user", "Niemand")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 1  # the header only
    r = run(db, "log", "--since", "gisteren")
    assert r.returncode == 2 or r.returncode == 1
    assert "--since" in r.stderr


def test_a_stale_edit_on_the_command_line_exits_1_and_changes_nothing(db: Path) -> None:
    event = json.loads(run(db, "events", "list", "--format", "json").stdout)[0]
    version = event["version"]
    r = run(db, "events", "update", str(event["id"]), "--location", "Zaal 2", "--user", "Sanne")
    assert r.returncode == 0, r.stderr
    r = run(
        db,
        "events",
        "update",
        str(event["id"]),
        "--location",
        "Zaal 3",
        "--if-version",
        str(version),
        "--user",
        "Noor",
    )
    assert r.returncode == 1
    assert "gewijzigd door Sanne om" in r.stderr and "terwijl u aan het bewerken was" in r.stderr
    again = json.loads(run(db, "events", "list", "--format", "json").stdout)[0]
    assert again["location"] == "Zaal 2" and again["updated_by"] == "Sanne"


def test_erase_asks_for_yes_and_then_erases(db: Path, tmp_path: Path) -> None:
    pid = run(db, "people", "add", "--surname", "Wisselaar", "--email", "w@example.org").stdout
    r = run(db, "privacy", "erase", pid.strip(), stdin="")
    assert r.returncode == 1 and "--yes" in r.stderr
    assert run(db, "people", "show", pid.strip()).returncode == 0  # still there
    r = run(db, "privacy", "export", pid.strip(), "--out", str(tmp_path / "inzage"))
    assert r.returncode == 0, r.stderr
    assert [Path(p).suffix for p in r.stdout.split()] == [".html", ".json"]
    r = run(db, "privacy", "erase", pid.strip(), "--yes")
    assert r.returncode == 0, r.stderr
    assert "gewist" in r.stdout
    assert run(db, "people", "show", pid.strip()).returncode == 1
    assert b"Wisselaar" not in db.read_bytes()
    log = run(db, "log", "--limit", "1").stdout
    assert "gewist (AVG-verzoek)" in log and "Wisselaar" not in log


def test_copy_to_postgresql_keeps_every_row_and_history(db: Path, pg_url: str) -> None:
    run(db, "people", "add", "--surname", "Kopie", "--user", "Noor")
    with sqlite3.connect(db) as conn:
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        history = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
        orgs = conn.execute("SELECT count(*) FROM organisation").fetchone()[0]
    r = run(db, "copy-to", pg_url)
    assert r.returncode == 0, r.stderr
    target = create_engine(pg_url)
    with target.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Person)) == people
        assert conn.scalar(select(func.count()).select_from(ChangeLog)) == history
    target.dispose()
    # The team opens it: new ids continue after the copied ones, history is there.
    ctx = open_context(pg_url, user="Sanne")
    try:
        new = ctx.services.people.add(PersonInput(surname="Nieuw")).ids[0]
        assert new > people
        assert len(ctx.services.orgs.list()) == orgs
        assert any(c.author == "Noor" for c in ctx.services.audit.log())
    finally:
        ctx.close()
    # A second copy into the now filled database is refused and changes nothing there.
    r = run(db, "copy-to", pg_url)
    assert r.returncode == 1 and "niet leeg" in r.stderr


def test_copy_to_is_all_or_nothing(db: Path, pg_url: str) -> None:
    # A value PostgreSQL refuses (SQLite does not check lengths) stops the whole copy.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE person SET initials = ? WHERE id = 1", ("X" * 80,))
    r = run(db, "copy-to", pg_url)
    assert r.returncode == 1
    target = create_engine(pg_url)
    with target.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Person)) == 0
        assert conn.scalar(select(func.count()).select_from(ChangeLog)) == 0
    target.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE person SET initials = 'K.' WHERE id = 1")
    assert run(db, "copy-to", pg_url).returncode == 0  # the empty target can be used again
