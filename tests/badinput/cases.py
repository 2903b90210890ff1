"""The corpus of bad input: every way in (command-line options, CSV, vCard, .ics, Tweede Kamer
JSON, received mail, templates, preferences, the services behind the desktop forms), each case
with the words its message must contain.

A case's files are written to a fresh folder first; `{dir}` in its arguments is that folder,
`{db}` the database (a copy of the demo data), given as --db unless the case gives its own.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lobbycrm.bootstrap import Context


@dataclass(frozen=True)
class Case:
    id: str
    expect: str  # a fragment of the message (Dutch unless lang is "en")
    argv: tuple[str, ...] = ()  # the command line; `{dir}` is the case's folder
    files: dict[str, bytes] = field(default_factory=dict)
    code: int = 1  # 2 for usage errors
    lang: str | None = None
    call: Callable[[Context], Any] | None = None  # a service call, as a desktop form makes it
    env: dict[str, str] = field(default_factory=dict)
    stdin: str | None = None
    subprocess: bool = False  # run as its own process (environment read at start-up)


CASES: list[Case] = []


def case(id: str, expect: str, *argv: str, **kw: Any) -> None:
    CASES.append(Case(id, expect, tuple(argv), **kw))


# --- command-line options: ids, numbers, dates, text ----------------------------------------

BIG = "99999999999999999999"
case("id-too-large", "is te groot", "people", "show", BIG)
case("id-2-63", "is te groot", "events", "show", str(2**63))
case("id-zero", "persoon niet gevonden: 0", "people", "show", "0")
case("id-negative", "persoon niet gevonden: -5", "people", "show", "-5")
case("id-not-a-number", "abc", "people", "show", "abc", code=2)
case(
    "event-option-too-large",
    "--event: is te groot",
    "letters",
    "render",
    "--template",
    "herinnering",
    "--to",
    "tag:senator",
    "--event",
    BIG,
    "--out",
    "{dir}/uit",
)
case(
    "person-selector-too-large",
    "person:",
    "letters",
    "render",
    "--template",
    "herinnering",
    "--to",
    f"person:{BIG}",
    "--out",
    "{dir}/uit",
)
case(
    "person-selector-not-a-number",
    "person:",
    "letters",
    "mailing",
    "--template",
    "herinnering",
    "--to",
    "person:twaalf",
)
case(
    "reminder-too-large",
    "--reminder: is te groot",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--date",
    "2026-06-01",
    "--reminder",
    BIG,
)
case(
    "reminder-beyond-a-year",
    "moet een getal van 0 tot en met 527040 zijn",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--date",
    "2026-06-01",
    "--reminder",
    "999999999",
)
case(
    "reminder-negative",
    "moet een getal van 0 tot en met",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--date",
    "2026-06-01",
    "--reminder=-5",
)
case("dossier-filter-too-large", "--dossier: is te groot", "events", "list", "--dossier", BIG)
case("majority-event-too-large", "--event: is te groot", "majority", "--event", BIG)
case(
    "list-to-year-9999",
    "ligt buiten de toegestane datums (1900-01-01 tot en met 2199-12-31)",
    "events",
    "list",
    "--to",
    "9999-12-31",
)
case(
    "list-from-1850",
    "--from: ligt buiten de toegestane datums",
    "events",
    "list",
    "--from",
    "1850-01-01",
)
case(
    "start-year-1",
    "--start: ligt buiten",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--start",
    "0001-01-01T00:10:00",
)
case(
    "start-year-9999-utc",
    "--start: ligt buiten",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--start",
    "9999-12-31T23:30:00+00:00",
)
case(
    "start-in-dst-gap",
    "deze lokale tijd bestaat niet",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--start",
    "2026-03-29T02:30",
)
case(
    "start-not-a-date",
    "geen geldige datum en tijd",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "vote",
    "--start",
    "morgen",
)
case(
    "date-30-february",
    "geen geldige datum",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "deadline",
    "--date",
    "2026-02-30",
)
case(
    "end-date-before-start",
    "einde",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "deadline",
    "--date",
    "2026-06-01",
    "--end-date",
    "2026-05-01",
)
case(
    "title-only-zero-width",
    "titel: mag niet leeg zijn",
    "events",
    "add",
    "--title",
    "\u200b\u200c\u200d",
    "--kind",
    "vote",
    "--date",
    "2026-06-01",
)
case(
    "title-too-long",
    "is langer dan 500 tekens",
    "events",
    "add",
    "--title",
    "x" * 600,
    "--kind",
    "vote",
    "--date",
    "2026-06-01",
)
case(
    "kind-unknown",
    "--kind: ongeldige keuze: 'ruimtereis' (kies uit: plenary-debate (Plenair debat)",
    "events",
    "add",
    "--title",
    "x",
    "--kind",
    "ruimtereis",
    "--date",
    "2026-06-01",
    code=2,
)
case("surname-empty", "achternaam: mag niet leeg zijn", "people", "add", "--surname", "")
case(
    "surname-only-invisible",
    "achternaam: mag niet leeg zijn",
    "people",
    "add",
    "--surname",
    "\u200b\u2060\ufeff",
)
case(
    "surname-only-bidi-overrides",
    "achternaam: mag niet leeg zijn",
    "people",
    "add",
    "--surname",
    "\u202e\u202d\u2066",
)
case(
    "surname-only-hangul-filler",
    "achternaam: mag niet leeg zijn",
    "people",
    "add",
    "--surname",
    "\u3164\u3164",
)
case("surname-too-long", "is langer dan 200 tekens", "people", "add", "--surname", "J" * 300)
case("surname-empty-en", "surname: must not be empty", "people", "add", "--surname", " ", lang="en")
case(
    "email-incomplete",
    "geen geldig e-mailadres",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--email",
    "jan@",
)
case(
    "email-header-injection",
    "geen geldig e-mailadres",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--email",
    "jan@example.nl\r\nBcc: iedereen@example.nl",
)
case(
    "email-invalid-en",
    "not a valid e-mail address",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--email",
    "jan@@example.nl",
    lang="en",
)
case(
    "phone-words",
    "geen geldig telefoonnummer",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--phone",
    "bel me maar",
)
case(
    "gender-unknown",
    "ongeldige keuze: 'alien' (kies uit: man, vrouw, onbekend)",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--gender",
    "alien",
    code=2,
)
case(
    "role-org-unknown",
    "organisatie niet gevonden: Nergenshuizen",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--org",
    "Nergenshuizen",
    "--role",
    "lid",
)
case(
    "role-end-before-start",
    "einde",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--org",
    "Eerste Kamer",
    "--role",
    "senator",
    "--start",
    "2026-05-01",
    "--end",
    "2020-01-01",
)
case(
    "role-start-year-3000",
    "--start: ligt buiten",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--org",
    "Eerste Kamer",
    "--role",
    "senator",
    "--start",
    "3000-01-01",
)
case("org-name-empty", "naam", "orgs", "add", "--name", "\u200b", "--kind", "ngo")
case(
    "org-seats-too-large",
    "--seats: is te groot",
    "orgs",
    "add",
    "--name",
    "X",
    "--kind",
    "party-group",
    "--seats",
    BIG,
)
case("seats-more-than-chamber", "75", "orgs", "seats", "CDA", "1000")
case("seats-too-large", "N: is te groot", "orgs", "seats", "CDA", "1" + "0" * 30)
case("signatures-words", "--count", "campaigns", "signatures", "1", "--count", "veel")
case("signatures-negative", "--count", "campaigns", "signatures", "1", "--count=-5")
case("signatures-huge", "--count", "campaigns", "signatures", "1", "--count", "1" + "0" * 30)
case(
    "stance-date-year-9999",
    "--date: ligt buiten",
    "stances",
    "set",
    "--dossier",
    "1",
    "--org",
    "CDA",
    "--stance",
    "voor",
    "--date",
    "9999-01-01",
)

# --- files the commands write or read -------------------------------------------------------

case("export-csv-onto-folder", "is een map", "export", "csv", "{dir}")
case("export-ics-onto-folder", "is een map", "export", "ics", "{dir}")
case(
    "export-vcard-under-a-file",
    "geen map",
    "export",
    "vcard",
    "{dir}/bestand/x.vcf",
    files={"bestand": b"dit is een bestand"},
)
case("export-csv-onto-folder-en", "is a folder", "export", "csv", "{dir}", lang="en")
case("import-csv-missing", "bestand niet gevonden", "import", "csv", "{dir}/weg.csv")
case("import-csv-folder", "is een map", "import", "csv", "{dir}")
case(
    "render-out-is-a-file",
    "is een bestand, geen map",
    "letters",
    "render",
    "--template",
    "herinnering",
    "--to",
    "tag:senator",
    "--format",
    "txt",
    "--out",
    "{dir}/brief.txt",
    files={"brief.txt": b"al bestaand"},
)
case(
    "mailing-to-empty",
    "mag niet leeg zijn",
    "letters",
    "mailing",
    "--template",
    "herinnering",
    "--to",
    "",
)
case(
    "mailing-to-blank",
    "mag niet leeg zijn",
    "letters",
    "mailing",
    "--template",
    "herinnering",
    "--to",
    "   ",
)
case(
    "render-set-without-value",
    "SLEUTEL=WAARDE",
    "letters",
    "render",
    "--template",
    "herinnering",
    "--to",
    "tag:senator",
    "--set",
    "zonder",
    "--out",
    "{dir}/uit",
)

# --- databases that are not ours -------------------------------------------------------------


def _foreign_database() -> bytes:
    """A SQLite file as another program (a mail client, a photo library) leaves it."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, subject TEXT)")
    conn.execute("INSERT INTO messages (subject) VALUES ('hallo')")
    conn.commit()
    return conn.serialize()


def _newer_database() -> bytes:
    """A LobbyCRM database from a newer version: a migration this version does not know."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('0099')")
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, surname TEXT)")
    conn.commit()
    return conn.serialize()


case(
    "db-of-a-newer-version",
    "gemaakt door een nieuwere versie van LobbyCRM (databaseversie 0099)",
    "people",
    "list",
    "--db",
    "{dir}/nieuw.sqlite",
    files={"nieuw.sqlite": _newer_database()},
)
case(
    "db-of-another-program",
    "geen LobbyCRM-database",
    "people",
    "list",
    "--db",
    "{dir}/ander.sqlite",
    files={"ander.sqlite": _foreign_database()},
)
case(
    "db-of-another-program-write",
    "messages",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--db",
    "{dir}/ander.sqlite",
    files={"ander.sqlite": _foreign_database()},
)
case(
    "db-read-only",
    "de database is alleen-lezen; er is niets gewijzigd",
    "people",
    "add",
    "--surname",
    "Jansen",
    "--db",
    "sqlite:///file:{db}?mode=ro&uri=true",
)
case(
    "db-is-a-text-file",
    "geen databasebestand",
    "people",
    "list",
    "--db",
    "{dir}/tekst.sqlite",
    files={"tekst.sqlite": b"Dit is geen database maar een boodschappenlijst.\n" * 200},
)
case(
    "db-is-a-text-file-en",
    "not a database file",
    "people",
    "list",
    "--db",
    "{dir}/tekst.sqlite",
    files={"tekst.sqlite": b"SQLite format 2\x00" + b"x" * 4000},
    lang="en",
)

# --- CSV -------------------------------------------------------------------------------------

HEAD = "voornaam;achternaam;e-mail\r\n"


def csv_case(id: str, expect: str, data: bytes, *extra: str, **kw: Any) -> None:
    case(id, expect, "import", "csv", "{dir}/lijst.csv", *extra, files={"lijst.csv": data}, **kw)


csv_case(
    "csv-mixed-encodings",
    "regel 3: deze regel is geen UTF-8 en regel 2 wel",
    (HEAD + "Hélène;Dupont;h@example.nl\r\n").encode()
    + "Zoë;Kaya;z@example.nl\r\n".encode("cp1252"),
)
csv_case(
    "csv-mixed-encodings-en",
    "line 3: this line is not UTF-8 while line 2 is",
    (HEAD + "Hélène;Dupont;h@example.nl\r\n").encode()
    + "Zoë;Kaya;z@example.nl\r\n".encode("cp1252"),
    lang="en",
)
csv_case(
    "csv-bom-then-cp1252",
    "de BOM",
    b"\xef\xbb\xbf" + HEAD.encode() + "Zoë;Kaya;z@example.nl\r\n".encode("cp1252"),
)
csv_case(
    "csv-unclosed-quote",
    "regel 3: hier opent een aanhalingsteken",
    (
        HEAD
        + 'Jan;Jansen;j@example.nl\r\nPiet;"Pietersen;p@example.nl\r\n'
        + "".join(f"Iemand;Anders{i};a{i}@example.nl\r\n" for i in range(50))
    ).encode(),
)
csv_case(
    "csv-text-after-quote",
    "regel 2: tekst direct na een sluitend aanhalingsteken",
    (HEAD + '"Jan"x;Jansen;j@example.nl\r\n').encode(),
)
csv_case(
    "csv-nul-after-4k",
    "regel 102: bevat een NUL-teken",
    (
        HEAD
        + "".join(f"Iemand;Anders{i};a{i}@example.nl\r\n" for i in range(100))
        + "Jan;Jan\x00sen;j@example.nl\r\n"
    ).encode(),
)
csv_case("csv-byte-not-cp1252", "byte 0x81", HEAD.encode() + b"Jan;Jan\x81sen;j@example.nl\r\n")
csv_case("csv-empty", "het bestand is leeg", b"  \r\n")
csv_case(
    "csv-no-surname-column",
    "geen kolom voor de achternaam",
    b"voornaam;telefoon\r\nJan;0612345678\r\n",
)
csv_case(
    "csv-line-break-in-surname",
    "regelovergang",
    (HEAD + 'Jan;"Jansen\r\nPietersen";j@example.nl\r\n').encode(),
)
csv_case(
    "csv-two-org-columns-differ",
    "wijkt af van kolom organisatie",
    b"achternaam;organisatie;fractie\r\nJansen;Amnesty;UNICEF\r\n",
)
csv_case(
    "csv-surname-zero-width",
    "achternaam ontbreekt",
    (HEAD + "Jan;\u200b\u200b;j@example.nl\r\n").encode(),
)
csv_case("csv-email-invalid", "regel 2", (HEAD + "Jan;Jansen;jan@\r\n").encode())
csv_case(
    "csv-start-year-9999",
    "ligt buiten de toegestane datums",
    b"achternaam;organisatie;functie;begindatum\r\nJansen;Amnesty;lid;9999-12-31\r\n",
    "--create-orgs",
)
csv_case(
    "csv-surname-too-long",
    "langer dan 200",
    (HEAD + "Jan;" + "J" * 500 + ";j@example.nl\r\n").encode(),
)
csv_case(
    "csv-role-too-long",
    "langer dan 100",
    ("achternaam;organisatie;functie\r\nJansen;Amnesty;" + "r" * 300 + "\r\n").encode(),
)
csv_case(
    "csv-huge-field", "regel 2", (HEAD + 'Jan;"' + "J" * 200_000 + '";j@example.nl\r\n').encode()
)
csv_case(
    "csv-utf16-with-nul", "NUL-teken", "\ufeffachternaam\r\nJan\x00sen\r\n".encode("utf-16-le")
)

# --- vCard -----------------------------------------------------------------------------------


def vcf_case(id: str, expect: str, text: str | bytes, **kw: Any) -> None:
    data = text.encode() if isinstance(text, str) else text
    case(id, expect, "import", "vcard", "{dir}/kaart.vcf", files={"kaart.vcf": data}, **kw)


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jansen;Jan;;;\r\nEMAIL:jan@example.nl\r\nEND:VCARD\r\n"
vcf_case(
    "vcard-begin-inside-card",
    "regel 4: een nieuwe kaart begint voordat de kaart van regel 1",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jansen;Jan;;;\r\n" + CARD,
)
vcf_case("vcard-end-without-begin", "END:VCARD zonder BEGIN:VCARD", CARD + "END:VCARD\r\n")
vcf_case("vcard-not-closed", "kaart.vcf, regel 6", CARD + "BEGIN:VCARD\r\nN:Open;Kaart\r\n")
vcf_case("vcard-no-begin", "geen vCard", "N:Jansen;Jan\r\nEMAIL:jan@example.nl\r\n")
vcf_case(
    "vcard-line-without-colon",
    "regel 3: geen vCard-regel",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nzomaar wat tekst\r\nEND:VCARD\r\n",
)
vcf_case(
    "vcard-unknown-charset",
    "onbekende tekenset",
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:Jansen;Jan"
    "\r\nEND:VCARD\r\n",
)
vcf_case(
    "vcard-mixed-encodings",
    "het bestand mengt tekensets",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jan\r\nEND:VCARD\r\n".encode()
    + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kaya;Zoë\r\nEND:VCARD\r\n".encode("cp1252"),
)
vcf_case(
    "vcard-name-invisible",
    "achternaam ontbreekt",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nN:\u200b;\u200b;;;\r\nFN:\u200b\r\n"
    "EMAIL:x@example.nl\r\nEND:VCARD\r\n",
)
vcf_case(
    "vcard-email-invalid",
    "e-mailadres",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jansen;Jan;;;\r\nEMAIL:jan(at)example\r\nEND:VCARD\r\n",
)
vcf_case("vcard-nul", "NUL-teken", CARD.replace("Jansen", "Jan\x00sen"))

# --- .ics ------------------------------------------------------------------------------------


def ics(*lines: str, head: str = "") -> bytes:
    body = "\r\n".join(lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ander//NL\r\n"
        + head
        + "BEGIN:VEVENT\r\nUID:partner-42@example.org\r\nSUMMARY:Rondetafel\r\n"
        + body
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def ics_case(id: str, expect: str, data: bytes, **kw: Any) -> None:
    case(id, expect, "import", "ics", "{dir}/agenda.ics", files={"agenda.ics": data}, **kw)


ics_case(
    "ics-unknown-tzid",
    "onbekende tijdzone Mars/Olympus",
    ics("DTSTART;TZID=Mars/Olympus:20260601T100000"),
)
ics_case(
    "ics-unknown-tzid-names-uid",
    "UID partner-42@example.org",
    ics("DTSTART;TZID=Europe/Atlantis:20260601T100000"),
)
ics_case(
    "ics-unknown-tzid-en",
    "unknown time zone Mars/Olympus",
    ics("DTSTART;TZID=Mars/Olympus:20260601T100000"),
    lang="en",
)
ics_case(
    "ics-dst-gap",
    "deze lokale tijd bestaat niet",
    ics("DTSTART;TZID=Europe/Amsterdam:20260329T023000"),
)
ics_case("ics-year-9999", "ligt buiten de toegestane datums", ics("DTSTART:99991231T230000Z"))
ics_case("ics-date-year-1", "ligt buiten de toegestane datums", ics("DTSTART;VALUE=DATE:00010101"))
ics_case(
    "ics-sequence-huge",
    "SEQUENCE",
    ics("DTSTART:20260601T100000Z", "SEQUENCE:999999999999999999999999"),
)
ics_case("ics-sequence-words", "SEQUENCE", ics("DTSTART:20260601T100000Z", "SEQUENCE:veel"))
ics_case(
    "ics-duration-impractical",
    "DURATION",
    ics("DTSTART:20260601T100000Z", "DURATION:P99999999999D"),
)
ics_case(
    "ics-duration-too-long",
    "DURATION is te lang",
    ics("DTSTART:20260601T100000Z", "DURATION:P9999999W"),
)
ics_case(
    "ics-trigger-huge",
    "agenda.ics",
    ics(
        "DTSTART:20260601T100000Z",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P99999999999D",
        "END:VALARM",
    ),
)
ics_case(
    "ics-trigger-two-years",
    "TRIGGER",
    ics(
        "DTSTART:20260601T100000Z", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P800D", "END:VALARM"
    ),
)
ics_case(
    "ics-cut-off",
    "onvolledig",
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260601T100000Z"
    b"\r\nEND:VEVENT\r\n",
)
ics_case("ics-end-before-start", "DTEND", ics("DTSTART:20260601T100000Z", "DTEND:20260501T100000Z"))
ics_case("ics-no-dtstart", "DTSTART", ics("DTEND:20260601T100000Z"))

# --- Tweede Kamer open data ------------------------------------------------------------------


def odata(entity: str, *rows: dict[str, Any]) -> bytes:
    return json.dumps({"@odata.context": f"x#{entity}", "value": list(rows)}).encode()


def fractie(**fields: Any) -> bytes:
    return odata(
        "Fractie",
        {
            "Id": "f-1",
            "Verwijderd": False,
            "NaamNL": "GroenLinks-PvdA",
            "Afkorting": "GL-PvdA",
            "AantalZetels": 25,
            **fields,
        },
    )


def persoon(**fields: Any) -> bytes:
    return odata(
        "Persoon",
        {
            "Id": "p-1",
            "Verwijderd": False,
            "Initialen": "F.",
            "Roepnaam": "Fleur",
            "Achternaam": "Linden",
            **fields,
        },
    )


def tk_case(id: str, expect: str, files: dict[str, bytes], **kw: Any) -> None:
    case(id, expect, "import", "tk", "{dir}", files=files, **kw)


tk_case(
    "tk-seats-words",
    "Fractie.json, record 1 (Id f-1): AantalZetels: moet een geheel getal",
    {"Fractie.json": fractie(AantalZetels="veel")},
)
tk_case(
    "tk-seats-negative",
    "AantalZetels: moet een getal van 0 tot en met 150 zijn",
    {"Fractie.json": fractie(AantalZetels=-5)},
)
tk_case("tk-seats-huge", "AantalZetels", {"Fractie.json": fractie(AantalZetels=10**30)})
tk_case("tk-seats-fraction", "AantalZetels", {"Fractie.json": fractie(AantalZetels=12.5)})
tk_case(
    "tk-name-is-a-number",
    "Persoon.json, record 1 (Id p-1): Achternaam: moet tekst zijn",
    {"Persoon.json": persoon(Achternaam=12345)},
)
tk_case(
    "tk-name-huge",
    "Achternaam: is langer dan 200 tekens",
    {"Persoon.json": persoon(Achternaam="x" * 100_000)},
)
tk_case(
    "tk-name-empty",
    "Achternaam: mag niet leeg zijn",
    {"Persoon.json": persoon(Achternaam="\u200b")},
)
tk_case("tk-deep-nesting", "te diep genest", {"Persoon.json": b"[" * 100_000})
tk_case("tk-not-json", "geen geldige JSON (regel 1", {"Persoon.json": b"{value: [}"})
tk_case("tk-id-missing", "Id ontbreekt", {"Persoon.json": odata("Persoon", {"Achternaam": "X"})})
tk_case("tk-id-number", "Id ontbreekt", {"Persoon.json": persoon(Id=7)})
tk_case(
    "tk-start-year-9999",
    "Aanvangstijd: ligt buiten",
    {
        "Activiteit.json": odata(
            "Activiteit",
            {"Id": "a-1", "Soort": "Plenair debat", "Aanvangstijd": "9999-12-31T23:30:00Z"},
        )
    },
)
tk_case(
    "tk-date-garbage",
    "Van",
    {
        "FractieZetelPersoon.json": odata(
            "FractieZetelPersoon",
            {"Id": "z-1", "Persoon_Id": "p-1", "FractieZetel_Id": "fz-1", "Van": "ooit"},
        )
    },
)
tk_case(
    "tk-record-not-object",
    "record 2",
    {"Persoon.json": odata("Persoon", {"Id": "p-1", "Achternaam": "X"}, ["niet", "een", "record"])},
)
tk_case(
    "tk-seats-words-en",
    "AantalZetels: must be a whole number",
    {"Fractie.json": fractie(AantalZetels="veel")},
    lang="en",
)

# --- received mail ---------------------------------------------------------------------------

case(
    "replies-not-mail",
    "geen e-mailbericht",
    "import",
    "replies",
    "{dir}/foto.eml",
    files={"foto.eml": bytes(range(256)) * 4},
)
case("replies-missing", "bestand niet gevonden", "import", "replies", "{dir}/weg.eml")

# --- templates -------------------------------------------------------------------------------


def template_case(id: str, expect: str, text: bytes, **kw: Any) -> None:
    case(
        id,
        expect,
        "letters",
        "render",
        "--template",
        "{dir}/sjabloon.txt",
        "--to",
        "tag:senator",
        "--format",
        "txt",
        "--out",
        "{dir}/uit",
        files={"sjabloon.txt": text},
        **kw,
    )


template_case("template-syntax-error", "regel 3", b"Onderwerp: x\n\nBeste {{ naam }\n")
template_case("template-include", "include", b'Onderwerp: x\n\n{% include "/etc/passwd" %}\n')
template_case("template-import", "include", b'Onderwerp: x\n\n{% import "a" as b %}{{ b }}\n')
template_case(
    "template-recursion",
    "herhaalt zich eindeloos",
    b"Onderwerp: x\n\n{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n",
)
template_case("template-cp1252", "UTF-8", "Onderwerp: Geachte\n\nZoë\n".encode("cp1252"))
template_case("template-no-subject", "regel 1", b"Beste allemaal,\n\nTekst\n")
template_case("template-unknown-variable", "onbekende variabele", b"Onderwerp: x\n\n{{ wie }}\n")

# --- preferences and secrets -----------------------------------------------------------------


def _save_language(ctx: Context) -> None:
    from lobbycrm import config

    config.save(config.Preferences(language="klingon"))


CASES.append(Case("preferences-unknown-language", "klingon", call=_save_language))
case(
    "keyring-backend-unusable",
    "PYTHON_KEYRING_BACKEND",
    "mail",
    "setup",
    "--host",
    "smtp.example.nl",
    "--user",
    "noor@example.nl",
    "--from",
    "noor@example.nl",
    "--password-stdin",
    stdin="geheim\n",
    subprocess=True,
    env={
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
    },
)

# --- the services behind the desktop forms ---------------------------------------------------


def _call(id: str, expect: str, fn: Callable[[Context], Any], lang: str | None = None) -> None:
    CASES.append(Case(id, expect, call=fn, lang=lang))


def _person(**kw: Any) -> Callable[[Context], Any]:
    from lobbycrm.services.people import PersonInput

    return lambda ctx: ctx.services.people.add(PersonInput(**kw))


def _event(**kw: Any) -> Callable[[Context], Any]:
    from lobbycrm.services.events import EventInput

    base: dict[str, Any] = {"title": "Debat", "kind": "vote"}
    return lambda ctx: ctx.services.events.add(EventInput(**{**base, **kw}))


UTC = dt.UTC
_call("form-surname-zero-width", "achternaam: mag niet leeg zijn", _person(surname="\u200b\u200b"))
_call("form-surname-rtl-override-only", "achternaam: mag niet leeg zijn", _person(surname="\u202e"))
_call("form-surname-surrogate", "geen geldige tekst", _person(surname="Jan\udcffsen"))
_call("form-email-bad", "e-mail: geen geldig e-mailadres", _person(surname="X", emails=["a@b"]))
_call("form-tag-too-long", "tag: is langer dan 100", _person(surname="X", tags=["t" * 200]))
_call(
    "form-event-year-9999",
    "ligt buiten",
    _event(start=dt.datetime(9999, 12, 31, 23, 30, tzinfo=UTC)),
)
_call("form-event-year-1800", "ligt buiten", _event(date=dt.date(1800, 1, 1)))
_call(
    "form-event-zone-unknown",
    "onbekende tijdzone",
    _event(start=dt.datetime(2026, 6, 1, 10, tzinfo=UTC), timezone="Mars/Olympus"),
)
_call(
    "form-event-zone-path",
    "onbekende tijdzone",
    _event(start=dt.datetime(2026, 6, 1, 10, tzinfo=UTC), timezone="../../etc/passwd"),
)
_call(
    "form-event-reminder-huge", "herinnering", _event(date=dt.date(2026, 6, 1), reminders=[10**12])
)
_call("form-event-naive-start", "tijdzone", _event(start=dt.datetime(2026, 6, 1, 10)))
_call(
    "form-event-not-found",
    "agendapunt niet gevonden",
    lambda ctx: ctx.services.events.delete(2**63),
)
_call("form-person-not-found", "persoon niet gevonden", lambda ctx: ctx.services.people.get(10**30))
_call("form-seats-negative", "zetels", lambda ctx: ctx.services.planning.set_seats("CDA", -1))
_call(
    "form-seats-en", "seats", lambda ctx: ctx.services.planning.set_seats("CDA", 10**30), lang="en"
)


def _role(ctx: Context) -> Any:
    from lobbycrm.services.people import RoleInput

    return ctx.services.people.add_role(
        1, RoleInput("Eerste Kamer", "senator", start=dt.date(3000, 1, 1))
    )


def _interaction(ctx: Context) -> Any:
    from lobbycrm.services.interactions import InteractionInput

    return ctx.services.interactions.add(
        InteractionInput(
            kind="note",
            occurred_at=dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
            person_id=1,
            subject="x",
        )
    )


def _motion(ctx: Context) -> Any:
    from lobbycrm.services.dossiers import MotionInput

    return ctx.services.motions.add(MotionInput(title="Motie", date=dt.date(1800, 1, 1)))


_call("form-role-year-3000", "ligt buiten", _role)
_call("form-interaction-year-9999", "ligt buiten", _interaction)
_call("form-motion-year-1800", "ligt buiten", _motion)
_call(
    "form-stance-year-9999",
    "ligt buiten",
    lambda ctx: ctx.services.planning.set_stance(
        1, "voor", organisation="CDA", on=dt.date(9999, 1, 1)
    ),
)
_call(
    "form-signatures-huge",
    "handtekeningen",
    lambda ctx: ctx.services.campaigns.record_signatures(1, 10**15, dt.date(2026, 1, 1)),
)

case("backup-onto-folder", "is een map", "backup", "{dir}")
case("feed-onto-folder", "is een map", "feed", "set", "{dir}")
case(
    "briefing-unknown-suffix",
    "gebruik een bestandsnaam op .pdf of .html",
    "briefing",
    "1",
    "--out",
    "{dir}/briefing.docx",
)
case(
    "letters-version-not-utf8",
    "byte 11 is geen UTF-8-tekst",
    "letters",
    "version",
    "1",
    "{dir}/tekst.txt",
    files={"tekst.txt": "Geachte Zoë,\n".encode("cp1252")},
)

# --- team and privacy commands ---------------------------------------------------------------

case(
    "privacy-export-id-too-large",
    "PERSOON: is te groot",
    "privacy",
    "export",
    BIG,
    "--out",
    "{dir}/uit",
)
case(
    "privacy-export-onto-a-file",
    "is een bestand, geen map",
    "privacy",
    "export",
    "1",
    "--out",
    "{dir}/bestand",
    files={"bestand": b"al bestaand"},
)
case("log-person-too-large", "--person: is te groot", "log", "--person", BIG)
case("log-since-year-9999", "--since", "log", "--since", "9999-12-31")
case(
    "privacy-keep-reason-too-long", "is langer dan", "privacy", "keep", "1", "--reason", "x" * 3000
)
