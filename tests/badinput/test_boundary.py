"""What the input boundary lets through, and how: text cleaned, files read as their writers
wrote them, exports safe to open, writers taking turns, a password never echoed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lobbycrm import crashlog
from lobbycrm.bootstrap import Context, open_context
from lobbycrm.cli import run
from lobbycrm.core.errors import NotFoundError, ValidationError
from lobbycrm.core.validation import (
    MAX_ID,
    check_id,
    check_int,
    check_text,
    check_zone,
    clean_text,
    parse_date,
)
from lobbycrm.interchange.csvfile import read_rows
from lobbycrm.interchange.vcard import read_cards
from lobbycrm.mail import incoming
from lobbycrm.services.people import PersonFilter, PersonInput

# --- the shared validators ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Jan\u200bsen", "Jansen"),  # zero-width space
        ("\ufeffJansen\u2060", "Jansen"),  # BOM, word joiner
        ("Jan\u00adsen", "Jansen"),  # soft hyphen
        ("\u202egnp.exe", "gnp.exe"),  # right-to-left override
        ("\u2066Jansen\u2069", "Jansen"),  # isolates
        ("Jansen\x1b[31m", "Jansen[31m"),  # the escape character goes, harmless text stays
        ("Jan\x00sen\x07", "Jansen"),
        ("Jan  \t Jansen\n", "Jan Jansen"),
        ("Ze\u0301lie", "Zélie"),  # NFC
        ("\u3164\u3164", ""),  # Hangul fillers look blank
        ("Zoë Kaya 👩‍💻", "Zoë Kaya 👩💻"),
    ],
)
def test_text_is_normalised(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_multi_line_text_keeps_its_lines() -> None:
    assert clean_text("Regel 1\r\nRegel\u200b 2\r\rtab\there  ", single_line=False) == (
        "Regel 1\nRegel 2\n\ntab\there"
    )


def test_text_bounds_and_surrogates() -> None:
    with pytest.raises(ValidationError, match="mag niet leeg zijn"):
        check_text("achternaam", "\u200b\u200d", required=True)
    with pytest.raises(ValidationError, match="langer dan 10"):
        check_text("x", "a" * 11, max_length=10)
    with pytest.raises(ValidationError, match="geen geldige tekst"):
        check_text("x", "Jan\udcffsen")  # a byte that was not UTF-8 on the command line


def test_ids_and_numbers() -> None:
    assert check_id("id", "#12") == 12
    assert check_id("id", MAX_ID) == MAX_ID
    for bad in (0, -1, MAX_ID + 1, "12a", "", True, 1.5, "9" * 40):
        with pytest.raises(ValidationError):
            check_id("id", bad)
    assert check_int("zetels", "31.805", dutch_thousands=True) == 31805
    for bad in ("veel", "1e3", "12.5", 10**30, -1, float("nan"), None):
        with pytest.raises(ValidationError):
            check_int("zetels", bad, minimum=0, maximum=150)


def test_dates_within_the_range() -> None:
    assert parse_date("d", "1900-01-01") == dt.date(1900, 1, 1)
    assert parse_date("d", "31-12-2199") == dt.date(2199, 12, 31)
    for bad in ("1899-12-31", "2200-01-01", "9999-12-31", "0001-01-01", "20260101x"):
        with pytest.raises(ValidationError):
            parse_date("d", bad)


def test_time_zones() -> None:
    assert str(check_zone("z", "Europe/Amsterdam")) == "Europe/Amsterdam"
    for bad in ("Mars/Olympus", "../../etc/passwd", "/etc/localtime", "", "x" * 300):
        with pytest.raises(ValidationError, match="onbekende tijdzone"):
            check_zone("z", bad)


def test_messages_show_no_python_reprs(ctx: Context) -> None:
    with pytest.raises(ValidationError) as info:
        ctx.services.people.add(PersonInput(surname=""))
    assert str(info.value) == "achternaam: mag niet leeg zijn"
    with pytest.raises(ValidationError) as info:
        ctx.services.people.add(PersonInput(surname="X", emails=["jan@"]))
    assert str(info.value) == "e-mail: geen geldig e-mailadres (jan@)"
    with pytest.raises(NotFoundError) as not_found:
        ctx.services.people.get(12345)
    assert str(not_found.value) == "persoon niet gevonden: 12345"


# --- stored as typed, found as typed ----------------------------------------------------------


def test_invisible_characters_never_hide_a_duplicate(ctx: Context) -> None:
    ctx.services.people.add(PersonInput(surname="Jan\u200bsen", first_name="Piet"))
    ctx.services.people.add(PersonInput(surname="Jansen", first_name="Piet"))
    found = ctx.services.people.list(PersonFilter(search="jansen"))
    assert [p.surname for p in found] == ["Jansen", "Jansen"]
    assert ctx.services.duplicates.candidates()  # the two are offered as a pair


# --- files read the way their writers wrote them --------------------------------------------


def test_csv_encoding_is_decided_per_file() -> None:
    head = "voornaam;achternaam\r\n"
    utf8 = read_rows((head + "Zoë;Kaya\r\n").encode("utf-8-sig"), "a.csv")
    cp1252 = read_rows((head + "Zoë;Kaya\r\nHélène;Dupont\r\n").encode("cp1252"), "b.csv")
    utf16 = read_rows((head.replace(";", "\t") + "Zoë\tKaya\r\n").encode("utf-16"), "c.csv")
    assert utf8[0].values["first_name"] == cp1252[0].values["first_name"] == "Zoë"
    assert cp1252[1].values["first_name"] == "Hélène"
    assert utf16[0].values == {"first_name": "Zoë", "surname": "Kaya"}


def test_csv_keeps_both_email_columns_and_multi_line_notes() -> None:
    data = 'achternaam;e-mail;e-mailadres;notities\r\nJansen;a@x.nl;b@x.nl;"regel 1\r\nregel 2"\r\n'
    row = read_rows(data.encode(), "a.csv")[0]
    assert row.values["email"] == "a@x.nl; b@x.nl"
    assert row.values["notes"] == "regel 1\nregel 2"


def test_csv_import_stores_what_was_meant(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_bytes(
        "achternaam;voornaam;e-mail;mail\r\nJan\u200bsen;\u202ePiet;p@x.nl;piet@y.nl\r\n".encode()
    )
    report = ctx.services.imports.import_csv(path)
    assert report.ok and report.added == 1
    person = ctx.services.people.list(PersonFilter(search="jansen"))[0]
    assert (person.surname, person.first_name) == ("Jansen", "Piet")
    assert person.emails == ["p@x.nl", "piet@y.nl"]


def test_vcard_21_from_outlook() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=Windows-1252:Perin Gopie;Song\xfcl\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Eerste regel=0D=0ATweede r=C3=\r\n"
        b"=A9gel met een =\r\nvervolg\r\n"
        b"PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n /9j/4AAQSkZJRgABAQEASABIAAD==\r\n\r\n"
        b"EMAIL;PREF;INTERNET:s.perin@example.nl\r\n"
        b"item1.EMAIL;type=INTERNET:s.p@voorbeeld.nl\r\nitem1.X-ABLabel:werk\r\n"
        b"END:VCARD\r\n"
    )
    row = read_cards(data, "outlook.vcf")[0]
    assert row.values["surname"] == "Perin Gopie"  # N kept as the writer split it
    assert row.values["first_name"] == "Songül"
    assert row.values["notes"] == "Eerste regel\nTweede régel met een vervolg"
    assert row.values["email"] == "s.perin@example.nl; s.p@voorbeeld.nl"


def test_vcard_base64_ending_in_equals_does_not_swallow_the_next_line() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:van den Berg;Anna;;mr.;\r\n"
        b"PHOTO;ENCODING=b;TYPE=JPEG:AAAA==\r\nEMAIL:anna@ex\r\n ample.nl\r\nEND:VCARD\r\n"
    )
    row = read_cards(data, "apple.vcf")[0]
    assert row.values["email"] == "anna@example.nl"
    assert (row.values["particle"], row.values["surname"]) == ("van den", "Berg")
    assert row.values["titles"] == "mr."


def test_ics_windows_zone_and_own_vtimezone_are_read(ctx: Context, tmp_path: Path) -> None:
    vtimezone = (
        "BEGIN:VTIMEZONE\r\nTZID:Eigen zone\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
        "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        + vtimezone
        + "BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Outlook\r\n"
        "DTSTART;TZID=W. Europe Standard Time:20260601T100000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@x\r\nSUMMARY:Eigen\r\n"
        "DTSTART;TZID=Eigen zone:20260601T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "a.ics"
    path.write_bytes(data.encode())
    ctx.services.calendar.import_file(path)
    starts = {e.title: e.start for e in ctx.services.events.list()}
    assert starts["Outlook"].astimezone(dt.UTC).hour == 8  # type: ignore[union-attr]
    assert starts["Eigen"].astimezone(dt.UTC).hour == 9  # type: ignore[union-attr]


def test_received_mail_with_an_impossible_date_takes_the_file_time() -> None:
    raw = (
        b"From: Jan <jan@example.nl>\r\nDate: Fri, 31 Dec 9999 23:59:59 -1200\r\n"
        b"Subject: Re: \xe2\x80\xaebrief\x1b[2J\r\n\r\nDank!\r\n"
    )
    fallback = dt.datetime(2026, 5, 20, 8, tzinfo=dt.UTC)
    item = incoming.parse(raw, "a.eml", fallback)
    assert item.date == fallback
    assert item.subject == "Re: brief[2J"


# --- exports safe to open --------------------------------------------------------------------


def test_exports_escape_formulas(ctx: Context, tmp_path: Path) -> None:
    ctx.services.people.add(
        PersonInput(surname='=HYPERLINK("http://x")', first_name="@SUM(1)", phones=["+31 6 1"])
    )
    out = tmp_path / "p.csv"
    ctx.services.exports.export_csv(out)
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert rows[1][2] == "'@SUM(1)" and rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][7] == "'+31 6 1"
    # Importing our own export gives the values back without the guard.
    ctx.services.people.delete(ctx.services.people.list()[0].id)
    ctx.services.imports.import_csv(out)
    again = ctx.services.people.list()[0]
    assert (again.surname, again.first_name) == ('=HYPERLINK("http://x")', "@SUM(1)")


def test_list_as_csv_escapes_formulas(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["people", "add", "--surname=-2+3", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert run(["people", "list", "--format", "csv", "--db", str(db_path)]) == 0
    assert "'-2+3" in capsys.readouterr().out


def test_stored_escape_sequences_never_reach_the_terminal(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["people", "add", "--surname", "Jansen", "--db", str(db_path)])
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE person SET surname=char(27)||'[2J'||char(27)||']0;pwn'||char(7)")
    capsys.readouterr()
    for argv in (["people", "list"], ["people", "show", "1"]):
        assert run([*argv, "--db", str(db_path)]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out


# --- errors nobody expected ------------------------------------------------------------------


def test_unexpected_error_is_logged_not_shown(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lobbycrm.services.people import PeopleService

    def broken(*args: object, **kw: object) -> None:
        raise RuntimeError("kapot van binnen")

    monkeypatch.setattr(PeopleService, "details", broken)  # what `people list` reads with
    assert run(["people", "list", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "Er ging onverwacht iets mis" in err and str(crashlog.log_file()) in err
    assert "Traceback" not in err and "kapot van binnen" not in err
    logged = crashlog.log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged and "kapot van binnen" in logged


def test_app_excepthook_logs_and_tells(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from lobbycrm.ui.app import install_excepthook

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise ValueError("in een slot")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and str(crashlog.log_file()) in shown[0]
    assert "in een slot" in crashlog.log_file().read_text(encoding="utf-8")


# --- writers take turns ----------------------------------------------------------------------


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "lijst.csv"
    path.write_text("achternaam;e-mail\r\nJansen;j@x.nl\r\n", encoding="utf-8")
    return path


def test_second_writer_waits_for_the_first(db_path: Path, tmp_path: Path) -> None:
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO tag (name, created_at, updated_at) VALUES ('x', '2026-01-01', '2026-01-01')"
    )
    threading.Timer(1.5, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    code = run(["import", "csv", str(_csv(tmp_path)), "--db", str(db_path)])
    assert code == 0 and time.monotonic() - started >= 1.2
    other.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (1,)


def test_busy_database_says_nothing_was_imported(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lobbycrm.db import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = run(["import", "csv", str(_csv(tmp_path)), "--db", str(db_path)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1
    assert str(db_path) in err and "bezet" in err and "niets gewijzigd" in err
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)


def test_reading_never_waits_for_a_writer(ctx: Context, db_path: Path) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        assert ctx.services.people.list() == []
        assert time.monotonic() - started < 2
    finally:
        other.execute("ROLLBACK")
        other.close()


# --- secrets ---------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_password_typed_at_a_terminal_is_not_echoed(db_path: Path) -> None:
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: lobbycrm with the terminal as its stdin
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "lobbycrm",
                "mail",
                "setup",
                "--host",
                "smtp.example.nl",
                "--user",
                "a@example.nl",
                "--from",
                "a@example.nl",
                "--password-stdin",
                "--db",
                str(db_path),
            ],
        )
    output = b""
    deadline = time.monotonic() + 120
    sent = False
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"Wachtwoord" in output:
            os.write(fd, b"zeer-geheim-42\n")
            sent = True
    os.waitpid(pid, 0)
    assert sent, output
    assert b"zeer-geheim-42" not in output


def test_password_from_a_pipe_is_still_read(db_path: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "lobbycrm",
            "mail",
            "setup",
            "--host",
            "smtp.example.nl",
            "--user",
            "a@example.nl",
            "--from",
            "a@example.nl",
            "--password-stdin",
            "--db",
            str(db_path),
        ],
        input="zeer-geheim-42\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    # Read from the pipe, then refused by the (deliberately failing) keyring, in words.
    assert r.returncode == 1 and "sleutelbos" in r.stderr.lower()
    assert "zeer-geheim-42" not in r.stdout + r.stderr


def test_foreign_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE foto (id INTEGER PRIMARY KEY)")
    before = path.read_bytes()
    with pytest.raises(Exception, match="geen LobbyCRM-database"):
        open_context(str(path))
    assert path.read_bytes() == before
    assert not (tmp_path / "ander.sqlite-wal").exists()
