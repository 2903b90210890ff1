"""A large file checked in a second process while the first writes it (the command line's
import) gives exactly what the same import in one process gives: the same rows in every
table, the same report, the same problems named on the same lines when a row is refused; and
when the second process fails, the import is done again in one."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lobbycrm.bootstrap import Context, open_context
from lobbycrm.services import imports
from lobbycrm.services.imports import PARALLEL_FROM, ImportReport

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

ROWS = PARALLEL_FROM + 2_000
HEADER = (
    "titel;voornaam;voorletters;tussenvoegsel;achternaam;aanhef;e-mail;telefoon;organisatie;"
    "functie;portefeuille;begindatum;einddatum;tags;notities"
)
FIRST = ["Zoë", "Jan Willem", "", "IJsbrand", "Fatima", "José", "Anna-Lena", "Ömer"]
PARTICLES = ["", "van der", "in 't", "d'", "van", "De", "ter"]
SURNAMES = ["Jansen", "Jansen-de Vries", "Çelik", "Heß", "O'Brien", "Smit", "Bakker"]


def _line(i: int, surname: str | None = None, email: str | None = None) -> str:
    no_email = i % 7 == 3
    mail = email if email is not None else ("" if no_email else f"p{i}@example.org")
    if i % 11 == 5 and not no_email and email is None:
        mail = f'"{mail}; tweede{i}@example.org"'
    return ";".join(
        [
            ("dr.", "mr. drs.", "", "")[i % 4],
            FIRST[i % len(FIRST)],
            ("", "A.B.", "")[i % 3],
            PARTICLES[i % len(PARTICLES)],
            surname or f"{SURNAMES[i % len(SURNAMES)]}{i // 3}",
            ("dhr", "mevr", "", "x")[i % 4],
            mail,
            "" if i % 5 == 0 else f"06 {10000000 + i}",
            ("Tweede Kamer", "", f"Gemeenteraad Plaats{i % 40}")[i % 3],
            ("woordvoerder", "", "raadslid")[i % 3] if i % 3 != 1 else "",
            "asiel en migratie" if i % 4 == 0 else "",
            "1-2-2024" if i % 6 == 0 else "",
            "31-12-2025" if i % 12 == 0 else "",
            f'"import, groep {i % 9}"' if i % 2 else "",
            "Sprak ons aan op het congres" if i % 13 == 0 else "",
        ]
    )


def _file(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\ufeff" + "\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8"))
    return path


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import writes, without the moments it was written."""
    tables = ("person", "contact_point", "role", "organisation", "tag", "person_tag")
    with sqlite3.connect(db) as conn:
        out = {}
        for table in tables:
            columns = [
                r[1]
                for r in conn.execute(f'PRAGMA table_info("{table}")')
                if r[1] not in ("created_at", "updated_at")
            ]
            out[table] = conn.execute(
                f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY rowid'
            ).fetchall()
        # The persons one flush updates are logged in the order the ORM writes them, which
        # is not the order of the file (in either way of checking it).
        # every index there again after the import (they are dropped while it writes)
        out["indexes"] = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()
        out["change_log"] = sorted(
            conn.execute("SELECT action, kind, coalesce(row_id, 0), rows FROM change_log")
        )
    return out


@pytest.fixture
def second(template_db: Path, tmp_path: Path) -> Iterator[Context]:
    """Another empty database, for the import checked in one process."""
    path = tmp_path / "serial.sqlite"
    shutil.copy(template_db, path)
    c = open_context(str(path))
    yield c
    c.close()


@pytest.fixture
def in_two_processes(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many checked rows came back from the second process (0: it was all done here)."""
    assert threading.active_count() == 1, threading.enumerate()
    came_back = [0]
    unflat = imports._unflat

    def counted(values: Any) -> Any:
        came_back[0] += 1
        return unflat(values)

    monkeypatch.setattr(imports, "_unflat", counted)
    return lambda: came_back[0]


def _db(c: Context) -> Path:
    return Path(str(c.engine.url.database))


def test_command_line_import_equals_the_import_in_one_process(
    db_path: Path, second: Context, tmp_path: Path
) -> None:
    path = _file(tmp_path / "personen.csv", [_line(i) for i in range(ROWS)])
    env = {k: v for k, v in os.environ.items() if k != "LOBBYCRM_DB"}
    command = ["import", "csv", str(path), "--create-orgs"]
    done = subprocess.run(
        [sys.executable, "-m", "lobbycrm", "--db", str(db_path), *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    serial = second.services.imports.import_csv(path, create_orgs=True)
    assert serial.ok and serial.added == ROWS
    assert f"toegevoegd: {ROWS}, bijgewerkt: 0," in done.stdout + done.stderr
    assert _rows(db_path) == _rows(_db(second))


def test_parts_checked_apart_give_the_same_persons_and_report(
    ctx: Context, second: Context, tmp_path: Path, in_two_processes: Callable[[], int]
) -> None:
    path = _file(tmp_path / "personen.csv", [_line(i) for i in range(ROWS)])
    apart = ctx.services.imports.import_csv(path, create_orgs=True, parallel=True)
    assert in_two_processes() == ROWS  # every row was checked by the other process
    serial = second.services.imports.import_csv(path, create_orgs=True)
    assert apart == serial and apart.added == ROWS
    assert _rows(_db(ctx)) == _rows(_db(second))


def test_a_reimport_checked_apart_updates_as_one_checked_whole(
    ctx: Context, second: Context, tmp_path: Path, in_two_processes: Callable[[], int]
) -> None:
    first = _file(tmp_path / "eerst.csv", [_line(i) for i in range(ROWS)])
    for c in (ctx, second):
        assert c.services.imports.import_csv(first, create_orgs=True).ok
    # Changed names at both ends, new persons, rows without e-mail matched on their name.
    lines = [_line(i) for i in range(ROWS)]
    for i in (4, 9, ROWS - 9, ROWS - 4):
        lines[i] = _line(i, surname=f"Veranderd{i}")
    lines += [_line(i) for i in range(ROWS, ROWS + 30)]
    again = _file(tmp_path / "opnieuw.csv", lines)
    apart = ctx.services.imports.import_csv(again, create_orgs=True, parallel=True)
    assert in_two_processes() > 0
    serial = second.services.imports.import_csv(again, create_orgs=True)
    assert apart == serial
    assert (apart.added, apart.updated) == (30, 4) and apart.unchanged > ROWS / 2
    assert _rows(_db(ctx)) == _rows(_db(second))


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        # the same address in both parts: only the whole file shows it
        ({50: "dubbel@example.org", ROWS - 50: "dubbel@example.org"}, {ROWS - 48}),
        # the same address twice in the last part
        ({ROWS - 60: "dubbel@example.org", ROWS - 50: "dubbel@example.org"}, {ROWS - 48}),
        # a wrong address in the last part, and one in each part
        ({ROWS - 5: "geen-adres"}, {ROWS - 3}),
        ({7: "geen-adres", ROWS - 5: "ook@@fout"}, {9, ROWS - 3}),
    ],
)
def test_refused_rows_are_named_as_when_checked_whole(
    ctx: Context,
    second: Context,
    tmp_path: Path,
    change: dict[int, str],
    refused: set[int],
    in_two_processes: Callable[[], int],
) -> None:
    lines = [_line(i, email=change.get(i)) for i in range(ROWS)]
    path = _file(tmp_path / "personen.csv", lines)
    apart = ctx.services.imports.import_csv(path, create_orgs=True, parallel=True)
    serial = second.services.imports.import_csv(path, create_orgs=True)
    assert apart == serial and not apart.ok
    assert {r.line for r in apart.rejected} == refused  # file lines: the header is line 1
    assert _rows(_db(ctx))["person"] == []


def test_an_unknown_organisation_in_the_last_part_is_named(
    ctx: Context, second: Context, tmp_path: Path
) -> None:
    known = _file(tmp_path / "bekend.csv", [_line(i) for i in range(120)])
    for c in (ctx, second):
        assert c.services.imports.import_csv(known, create_orgs=True).ok
    lines = [_line(i) for i in range(ROWS)]
    lines[ROWS - 3] = lines[ROWS - 3].replace("Tweede Kamer", "Provinciale Staten Nergens")
    path = _file(tmp_path / "personen.csv", lines)
    apart = ctx.services.imports.import_csv(path, parallel=True)
    serial: ImportReport = second.services.imports.import_csv(path)
    assert apart == serial and not apart.ok
    assert [(r.line, r.column) for r in apart.rejected] == [(ROWS - 1, "organisatie")]


def test_when_the_second_process_fails_the_import_is_done_in_one(
    ctx: Context,
    second: Context,
    tmp_path: Path,
    in_two_processes: Callable[[], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    flat = imports._flat

    def breaks_late(p: Any) -> Any:
        if p.line > ROWS * 3 // 4:  # in the second process, after parts were written here
            os._exit(3)
        return flat(p)

    monkeypatch.setattr(imports, "_flat", breaks_late)
    path = _file(tmp_path / "personen.csv", [_line(i) for i in range(ROWS)])
    apart = ctx.services.imports.import_csv(path, create_orgs=True, parallel=True)
    assert 0 < in_two_processes() < ROWS  # some parts had come (and were written) first
    serial = second.services.imports.import_csv(path, create_orgs=True)
    assert apart == serial and apart.added == ROWS
    assert _rows(_db(ctx)) == _rows(_db(second))


def test_a_large_vcard_file_checked_apart_equals_one_checked_whole(
    ctx: Context, second: Context, tmp_path: Path, in_two_processes: Callable[[], int]
) -> None:
    cards = []
    for i in range(ROWS):
        name = f"{SURNAMES[i % len(SURNAMES)]}{i}"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{name};{FIRST[i % len(FIRST)] or 'Kim'};;{('dr.', '')[i % 2]};\r\n"
            f"FN:{FIRST[i % len(FIRST)] or 'Kim'} {name}\r\n"
            + (f"EMAIL;TYPE=INTERNET:v{i}@example.org\r\n" if i % 7 != 3 else "")
            + f"TEL;TYPE=CELL:06 {20000000 + i}\r\n"
            + (f"ORG:Gemeenteraad Plaats{i % 30}\r\nTITLE:raadslid\r\n" if i % 2 else "")
            + "END:VCARD\r\n"
        )
    path = tmp_path / "contacten.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    apart = ctx.services.imports.import_vcard(path, create_orgs=True, parallel=True)
    assert in_two_processes() == ROWS
    serial = second.services.imports.import_vcard(path, create_orgs=True)
    assert apart == serial and apart.added == ROWS
    assert _rows(_db(ctx)) == _rows(_db(second))


@pytest.mark.parametrize("where", ["header", "late"])
def test_a_file_that_cannot_be_read_is_refused_as_in_one_process(
    ctx: Context,
    second: Context,
    tmp_path: Path,
    where: str,
    in_two_processes: Callable[[], int],
) -> None:
    from lobbycrm.core.errors import LobbyError

    lines = [_line(i) for i in range(ROWS)]
    if where == "late":  # a quote opened on a line far down and never closed
        assert ";Tweede Kamer;" in lines[ROWS - 12]
        lines[ROWS - 12] = lines[ROWS - 12].replace(";Tweede Kamer;", ';"Tweede Kamer;', 1)
    path = _file(tmp_path / "personen.csv", lines)
    if where == "header":
        path.write_bytes(path.read_bytes().replace(b"achternaam", b"familie", 1))
    before = _rows(_db(ctx))
    messages = []
    for c, parallel in ((ctx, True), (second, False)):
        with pytest.raises(LobbyError) as refused:
            c.services.imports.import_csv(path, create_orgs=True, parallel=parallel)
        messages.append(str(refused.value))
    assert messages[0] == messages[1] and "personen.csv" in messages[0]
    # parts were written before the reading failed (late), and nothing of them is kept
    assert (in_two_processes() > 0) == (where == "late")
    assert _rows(_db(ctx)) == before


def test_a_dry_run_checked_apart_reports_as_one_and_keeps_nothing(
    ctx: Context, second: Context, tmp_path: Path, in_two_processes: Callable[[], int]
) -> None:
    path = _file(tmp_path / "personen.csv", [_line(i) for i in range(ROWS)])
    before = _rows(_db(ctx))
    apart = ctx.services.imports.import_csv(path, dry_run=True, create_orgs=True, parallel=True)
    assert in_two_processes() == ROWS
    serial = second.services.imports.import_csv(path, dry_run=True, create_orgs=True)
    assert apart == serial and apart.added == ROWS and apart.dry_run
    assert _rows(_db(ctx)) == before
