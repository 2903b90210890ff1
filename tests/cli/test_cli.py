"""The command line as a whole process against a temporary database."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run(db: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LOBBYCRM_DB"}
    cmd = [sys.executable, "-m", "lobbycrm", *args, "--db", str(db)]
    if lang:
        cmd += ["--lang", lang]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return [(t, *row) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"')]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def test_init_prints_location_and_creates_schema(db: Path) -> None:
    r = run(db, "init")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(db.resolve())
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_env_variable_chooses_database(tmp_path: Path) -> None:
    target = tmp_path / "via-env.sqlite"
    env = {**os.environ, "LOBBYCRM_DB": str(target)}
    r = subprocess.run(
        [sys.executable, "-m", "lobbycrm", "init"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0 and target.exists()


def test_people_add_list_json_and_csv(db: Path) -> None:
    assert run(db, "orgs", "add", "--name", "Eerste Kamer", "--kind", "chamber").returncode == 0
    r = run(
        db,
        "people",
        "add",
        "--surname",
        "Hattem",
        "--particle",
        "van",
        "--first-name",
        "Alexander",
        "--gender",
        "man",
        "--email",
        "alexander.vanhattem@eerstekamer.nl",
        "--org",
        "Eerste Kamer",
        "--role",
        "senator",
        "--portfolio",
        "asiel en migratie",
        "--start",
        "2023-06-13",
        "--tag",
        "senator",
    )
    assert r.returncode == 0, r.stderr
    new_id = int(r.stdout.strip())
    r = run(
        db,
        "people",
        "add",
        "--surname",
        "Perin-Gopie",
        "--first-name",
        "Gaby",
        "--gender",
        "vrouw",
        "--title",
        "mr.",
    )
    gaby = int(r.stdout)
    r = run(db, "people", "list", "--format", "json")
    people = json.loads(r.stdout)
    assert [p["sort_name"] for p in people] == ["Hattem, A. van", "Perin-Gopie, G."]
    first = people[0]
    assert first["id"] == new_id
    assert first["salutation"] == "Geachte heer Van Hattem,"
    assert first["emails"] == ["alexander.vanhattem@eerstekamer.nl"]
    assert first["tags"] == ["senator"]
    role = first["roles"][0]
    assert (
        role["organisation"],
        role["role"],
        role["portfolio"],
        role["start"],
        role["end"],
        role["current"],
    ) == ("Eerste Kamer", "senator", "asiel en migratie", "2023-06-13", None, True)
    assert people[1]["id"] == gaby and people[1]["salutation"] == "Geachte mevrouw Perin-Gopie,"
    rows = list(
        csv.reader(
            io.StringIO(run(db, "people", "list", "--format", "csv", "--tag", "senator").stdout)
        )
    )
    assert rows[0][0] == "id" and len(rows) == 2
    table = run(db, "people", "list", "--current", "--org", "Eerste Kamer").stdout
    assert "Hattem, A. van" in table and "Perin-Gopie" not in table


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["people", "add", "--surname", "X", "--email", "geen-adres"], "geen-adres"),
        (["people", "add", "--surname", "X", "--org", "Nergens", "--role", "lid"], "Nergens"),
        (
            [
                "people",
                "add",
                "--surname",
                "X",
                "--org",
                "Eerste Kamer",
                "--role",
                "lid",
                "--start",
                "2024-02-01",
                "--end",
                "2024-01-01",
            ],
            "2024-01-01",
        ),
        (
            [
                "people",
                "add",
                "--surname",
                "X",
                "--org",
                "Eerste Kamer",
                "--role",
                "lid",
                "--start",
                "31-31-2024",
            ],
            "--start",
        ),
        (
            [
                "events",
                "add",
                "--title",
                "T",
                "--kind",
                "vote",
                "--start",
                "2026-05-19T14:00",
                "--end",
                "2026-05-19T13:00",
            ],
            "einde",
        ),
        (["events", "add", "--title", "T", "--kind", "vote", "--start", "morgen"], "--start"),
        (["events", "update", "999", "--title", "T"], "999"),
    ],
)
def test_bad_input_exit_1_names_field_changes_nothing(
    db: Path, args: list[str], needle: str
) -> None:
    run(db, "orgs", "add", "--name", "Eerste Kamer", "--kind", "chamber")
    before = dump(db)
    r = run(db, *args)
    assert r.returncode == 1
    assert needle in r.stderr and r.stdout == ""
    assert "Traceback" not in r.stderr
    assert dump(db) == before


def test_usage_errors_exit_2(db: Path) -> None:
    assert run(db, "people", "list", "--format", "xml").returncode == 2
    assert run(db, "people", "add").returncode == 2
    assert run(db, "nonsense").returncode == 2
    r = run(db, "events", "add", "--title", "T", "--kind", "feest", "--date", "2026-05-19")
    assert r.returncode == 2 and "feest" in r.stderr and r.stdout == ""
    assert not db.exists()


def test_messages_in_english_on_request(db: Path) -> None:
    r = run(db, "people", "add", "--surname", "X", "--email", "bad", lang="en")
    assert "not a valid e-mail address" in r.stderr
    r = run(db, "people", "add", "--surname", "X", "--email", "bad")
    assert "geen geldig e-mailadres" in r.stderr


def test_events_add_update_cancel_list(db: Path) -> None:
    r = run(
        db,
        "events",
        "add",
        "--title",
        "Plenair debat",
        "--kind",
        "plenary-debate",
        "--start",
        "2026-05-19T13:30",
        "--end",
        "2026-05-19T18:00",
        "--reminder",
        "60",
        "--location",
        "Den Haag",
    )
    assert r.returncode == 0, r.stderr
    eid = r.stdout.strip()
    run(
        db,
        "events",
        "add",
        "--title",
        "Inbreng",
        "--kind",
        "written-round-deadline",
        "--date",
        "2026-01-13",
    )
    events = json.loads(run(db, "events", "list", "--format", "json").stdout)
    assert [e["title"] for e in events] == ["Inbreng", "Plenair debat"]
    debate = events[1]
    assert debate["start"] == "2026-05-19T13:30:00+02:00" and debate["all_day"] is False
    assert events[0]["start"] == "2026-01-13" and events[0]["all_day"] is True
    assert (
        run(
            db, "events", "update", eid, "--start", "2026-05-26T13:30", "--end", "2026-05-26T18:00"
        ).returncode
        == 0
    )
    assert run(db, "events", "cancel", eid).returncode == 0
    after = json.loads(run(db, "events", "list", "--format", "json", "--from", "2026-05-20").stdout)
    assert len(after) == 1
    assert (after[0]["uid"], after[0]["status"], after[0]["sequence"]) == (
        debate["uid"],
        "cancelled",
        2,
    )


def test_demo_twice_and_backup(db: Path, tmp_path: Path) -> None:
    assert run(db, "demo").returncode == 0
    once = json.loads(run(db, "people", "list", "--format", "json").stdout)
    assert run(db, "demo").returncode == 0
    twice = json.loads(run(db, "people", "list", "--format", "json").stdout)
    assert len(once) == len(twice) >= 19
    copy = tmp_path / "copy.sqlite"
    r = run(db, "backup", str(copy))
    assert r.returncode == 0, r.stderr
    assert json.loads(run(copy, "people", "list", "--format", "json").stdout) == twice
    assert run(db, "backup", str(db)).returncode == 1
