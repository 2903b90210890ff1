"""What the command line prints: labels instead of codes (JSON keeps the codes), one line for
every change, a header and "geen ..." for an empty list, reminders, help topics."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import dump, run


def test_events_list_shows_labels_organisation_and_dossier(demo_db_path: Path) -> None:
    db = demo_db_path
    nl = run(db, "events", "list").stdout
    header = nl.splitlines()[0].split()
    assert header[:4] == ["id", "wanneer", "soort", "titel"]
    assert {"organisatie", "dossier", "status", "herinneringen"} <= set(header)
    debate = next(line for line in nl.splitlines() if line.startswith("1 "))
    for needle in (
        "di 19 mei 2026 13:30–18:00",
        "Plenair debat",
        "Eerste Kamer der Staten-Generaal",
        "Uitvoerings- en Implementatiewet EU-Asiel en Migratiepact",
        "bevestigd",
        "1 uur, 1 dag",
    ):
        assert needle in debate, needle
    assert "plenary-debate" not in nl and "confirmed" not in nl and "1440" not in nl
    en = run(db, "events", "list", lang="en").stdout
    assert "Plenary debate" in en and "confirmed" in en and "1 hour, 1 day" in en
    assert "Plenair debat" not in en and "bevestigd" not in en
    # Scripts keep the stable codes whatever the language.
    for lang in ("nl", "en"):
        rows = json.loads(run(db, "events", "list", "--format", "json", lang=lang).stdout)
        first = next(r for r in rows if r["id"] == 1)
        assert (first["kind"], first["status"], first["reminders"]) == (
            "plenary-debate",
            "confirmed",
            [60, 1440],
        )
    dossiers = run(db, "dossiers", "list").stdout
    assert "in behandeling" in dossiers and "in-behandeling" not in dossiers
    orgs = run(db, "orgs", "list", "--kind", "fractie", lang="en").stdout
    assert "party group" in orgs and "party-group" not in orgs


def test_every_change_says_what_it_did_and_an_add_prints_the_id_alone(
    demo_db_path: Path,
) -> None:
    db = demo_db_path
    r = run(db, "stances", "set", "--dossier", "1", "--org", "CDA", "--stance", "tegen",
            "--date", "12-05-2026")  # fmt: skip
    assert r.returncode == 0 and r.stdout == ""
    assert r.stderr.strip() == "standpunt vastgelegd: CDA tegen op 12-05-2026"
    # The English word is accepted and stored as the code.
    r = run(db, "stances", "set", "--dossier", "1", "--org", "BBB", "--stance", "against",
            "--date", "2026-05-13", lang="en")  # fmt: skip
    assert r.returncode == 0 and r.stderr.strip() == "stance recorded: BBB against on 13-05-2026"
    stances = json.loads(run(db, "stances", "list", "--dossier", "1", "--format", "json").stdout)
    assert [(s["holder"], s["stance"]) for s in stances][:2] == [
        (stances[0]["holder"], "tegen"),
        (stances[1]["holder"], "tegen"),
    ]
    table = run(db, "stances", "list", "--dossier", "1").stdout.splitlines()
    assert table[0].split() == ["datum", "wie", "standpunt", "bron", "notitie"]
    assert all("tegen" in line for line in table[1:]) and len(table) == 3

    r = run(db, "people", "add", "--surname", "Hattem", "--particle", "van",
            "--first-name", "Alexander", "--gender", "man")  # fmt: skip
    assert r.returncode == 0
    new_id = int(r.stdout)  # the id alone on standard output
    assert r.stderr.strip() == f"persoon {new_id} toegevoegd: Alexander van Hattem"
    r = run(db, "people", "delete", str(new_id), lang="en")
    assert r.stderr.strip() == f"person {new_id} deleted: Alexander van Hattem"

    r = run(db, "events", "cancel", "2")
    assert r.returncode == 0 and r.stderr.startswith("agendapunt 2 geannuleerd: ")
    r = run(db, "orgs", "seats", "CDA", "6")
    assert "zetels vastgelegd: CDA 6" in r.stderr


def test_empty_lists_print_their_header_and_say_so(tmp_path: Path) -> None:
    db = tmp_path / "leeg.sqlite"
    assert run(db, "dossiers", "add", "--title", "Kinderpardon").returncode == 0
    cases = {
        ("stances", "list", "--dossier", "1"): ("geen standpunten", "no stances"),
        ("events", "list"): ("geen agendapunten", "no events"),
        ("people", "list"): ("geen personen", "no persons"),
        ("motions", "list"): ("geen moties", "no motions"),
    }
    for argv, (dutch, english) in cases.items():
        nl = run(db, *argv).stdout.splitlines()
        assert len(nl) == 2 and nl[1] == dutch, (argv, nl)
        en = run(db, *argv, lang="en").stdout.splitlines()
        assert len(en) == 2 and en[1] == english, (argv, en)
    assert json.loads(run(db, "people", "list", "--format", "json").stdout) == []
    assert run(db, "people", "list", "--format", "csv").stdout.splitlines()[1:] == []


def test_reminders_are_added_removed_and_cleared_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    r = run(db, "events", "add", "--title", "Plenair debat", "--kind", "plenair debat",
            "--start", "2026-05-19T13:30", "--reminder", "1d")  # fmt: skip
    assert r.returncode == 0, r.stderr
    eid = r.stdout.strip()

    def reminders() -> list[int]:
        return list(
            json.loads(run(db, "events", "show", eid, "--format", "json").stdout)[0]["reminders"]
        )

    r = run(db, "events", "update", eid, "--reminder", "60")
    assert r.returncode == 0 and reminders() == [60, 1440]
    assert "herinneringen: 1 uur, 1 dag" in r.stderr
    r = run(db, "events", "update", eid, "--remove-reminder", "1 dag", lang="en")
    assert r.returncode == 0 and reminders() == [60] and "reminders: 1 hour" in r.stderr
    before = dump(db)
    r = run(db, "events", "update", eid, "--remove-reminder", "2u")
    assert r.returncode == 1 and "2 uur" in r.stderr and "1 uur" in r.stderr
    assert dump(db) == before
    r = run(db, "events", "update", eid, "--no-reminders", "--reminder", "30m")
    assert r.returncode == 0 and reminders() == [30]
    r = run(db, "events", "update", eid, "--no-reminders")
    assert r.returncode == 0 and reminders() == [] and "herinneringen: geen" in r.stderr


def test_help_topics_and_examples(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    r = run(db, "help")
    assert r.returncode == 0
    for topic in ("debat", "agenda", "brief", "importeren"):
        assert f"  {topic}" in r.stdout
    r = run(db, "help", "brief")
    assert "Een gezamenlijke brief opstellen en versturen" in r.stdout
    assert "lobbycrm letters mailing --template gezamenlijke-brief" in r.stdout
    r = run(db, "help", "calendar", lang="en")
    assert "Export the agenda to your calendar" in r.stdout and "lobbycrm export ics" in r.stdout
    r = run(db, "help", "events")  # a command: its own help
    assert r.returncode == 0 and "gebruik: lobbycrm events" in r.stdout
    r = run(db, "help", "debta")
    assert r.returncode == 2 and "bedoelde u 'debat'?" in r.stderr
    r = run(db, "import", "csv", "--help")
    assert "lobbycrm import csv lijst.csv --dry-run" in r.stdout
    assert "lobbycrm help importeren" in r.stdout
    assert not db.exists()


def test_terminal_safe_escapes_every_control_character_and_nothing_else() -> None:
    """The quick path for plain ASCII (a listing of thousands) and the expression agree on
    every ASCII character, alone and inside a long text of many lines."""
    from lobbycrm.cli.output import terminal_safe

    def escaped(ch: str) -> str:
        unsafe = (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F
        return f"\\u{ord(ch):04x}" if unsafe else ch

    lines = "\n".join(f'{{"name": "Jansen{i}"}}' for i in range(2000))
    for code in range(0x80):
        ch = chr(code)
        assert terminal_safe(f"a{ch}b\n") == f"a{escaped(ch)}b\n"
        assert terminal_safe(lines + ch + lines) == lines + escaped(ch) + lines
    assert terminal_safe("Zoë\u202e\x1b[31m\n") == "Zoë\\u202e\\u001b[31m\n"
    assert terminal_safe(lines) is lines  # nothing to escape: the text itself
