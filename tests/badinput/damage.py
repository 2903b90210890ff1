"""Damaged rows planted straight into a LobbyCRM SQLite file, as an older version, another
tool or a bug could have left them: each kind is one raw SQL statement (or a few)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from lobbycrm.paths import data_dir

# name -> SQL run with foreign keys and CHECK constraints off (another tool would not care).
DAMAGE: dict[str, list[str]] = {
    "event far future (overflows in a time zone)": [
        "UPDATE event SET all_day=0, starts_at='9999-12-31 23:30:00.000000', ends_at=NULL, "
        "start_date=NULL, end_date=NULL WHERE id=(SELECT min(id) FROM event)",
    ],
    "event before year 1 in a time zone": [
        "INSERT INTO event (uid, sequence, kind, title, description, all_day, starts_at, "
        "timezone, location, status, portfolio, created_at, updated_at) VALUES ('d2@x', 0, "
        "'vote', 'Oud', '', 0, '0001-01-01 00:10:00.000000', 'Europe/Amsterdam', '', "
        "'confirmed', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    ],
    "event start is not a date": [
        "INSERT INTO event (uid, sequence, kind, title, description, all_day, starts_at, "
        "timezone, location, status, portfolio, created_at, updated_at) VALUES ('d3@x', 0, "
        "'vote', 'Rommel', '', 0, 'morgen vroeg', 'Europe/Amsterdam', '', 'confirmed', '', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    ],
    "all-day event on 30 February": [
        "INSERT INTO event (uid, sequence, kind, title, description, all_day, start_date, "
        "end_date, timezone, location, status, portfolio, created_at, updated_at) VALUES "
        "('d4@x', 0, 'deadline', 'Schrikkel', '', 1, '2026-02-30', '2026-01-01', "
        "'Europe/Amsterdam', '', 'confirmed', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    ],
    "event in an unknown time zone, unknown kind and status": [
        "INSERT INTO event (uid, sequence, kind, title, description, all_day, starts_at, "
        "ends_at, timezone, location, status, portfolio, created_at, updated_at) VALUES "
        "('d5@x', 99999999999, 'ruimtereis', '', '', 0, '2026-06-01 10:00:00.000000', "
        "'2026-05-01 10:00:00.000000', 'Mars/Olympus', '', 'misschien', '', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    ],
    "reminder of a billion minutes and a negative one": [
        "INSERT INTO reminder (event_id, minutes_before, created_at, updated_at) "
        "SELECT max(id), 1000000000000000, '2026-01-01', '2026-01-01' FROM event",
        "INSERT INTO reminder (event_id, minutes_before, created_at, updated_at) "
        "SELECT min(id), -30, '2026-01-01', '2026-01-01' FROM event",
    ],
    "person with escape sequences, bidi override and an empty surname": [
        "UPDATE person SET surname=char(27)||'[2J'||char(27)||'[31mEvil'||char(8238)||'gnp.exe', "
        "first_name=char(7)||'Bel' WHERE id=(SELECT min(id) FROM person)",
        "UPDATE person SET surname='', particle='', initials='', first_name='' "
        "WHERE id=(SELECT max(id) FROM person)",
    ],
    "person with an unknown gender, a huge name and a broken created_at": [
        "UPDATE person SET gender='alien', first_name=printf('%.100000c', 'x'), "
        "created_at='gisteren' WHERE id=(SELECT min(id)+1 FROM person)",
    ],
    "party group seats as text, negative and huge": [
        "UPDATE organisation SET seats='veel' WHERE id=(SELECT min(id) FROM organisation "
        "WHERE kind='party-group')",
        "UPDATE organisation SET seats=-5 WHERE id=(SELECT max(id) FROM organisation "
        "WHERE kind='party-group')",
        "UPDATE organisation SET seats=1000000000000000000 WHERE kind='chamber'",
    ],
    "organisation of an unknown kind and a parent that does not exist": [
        "UPDATE organisation SET kind='ruimteschip', parent_id=987654 "
        "WHERE id=(SELECT max(id) FROM organisation)",
    ],
    "role with a broken date, an end before its start and a missing organisation": [
        "UPDATE role SET start_date='ooit' WHERE id=(SELECT min(id) FROM role)",
        "UPDATE role SET start_date='2026-05-01', end_date='2020-01-01' "
        "WHERE id=(SELECT min(id)+1 FROM role)",
        "UPDATE role SET organisation_id=987654 WHERE id=(SELECT max(id) FROM role)",
    ],
    "mailing with selectors and fields that are not JSON": [
        "UPDATE mailing SET selectors='[tag:senator', fields='{', attachments='nee' "
        "WHERE id=(SELECT min(id) FROM mailing)",
    ],
    "interaction in year 9999 with an unknown kind": [
        "UPDATE interaction SET occurred_at='9999-12-31 23:59:59.000000', kind='telepathie', "
        "follow_up_on='9999-12-31' WHERE id=(SELECT min(id) FROM interaction)",
    ],
    "dossier and motion with unknown codes": [
        "UPDATE dossier SET status='zweeft' WHERE id=(SELECT min(id) FROM dossier)",
        "UPDATE motion SET result='half', execution_status='nooit' "
        "WHERE id=(SELECT min(id) FROM motion)",
    ],
    "settings that are not what they should be": [
        "INSERT OR REPLACE INTO setting (key, value, created_at, updated_at) VALUES "
        f"('{key}', '{value}', '2026-01-01', '2026-01-01')"
        for key, value in (
            ("mail.port", "poort"),
            ("mail.pause", "-1e999"),
            ("mail.follow_up_days", "x"),
            ("mail.security", "telepathie"),
            ("calendar.feed_path", "/proc/geen/map/feed.ics"),
            ("sender.name", "\x1b[31m"),
        )
    ],
    "signature count negative and as text, stance with a broken date": [
        "UPDATE signature_count SET count='heel veel' WHERE id=(SELECT min(id) FROM "
        "signature_count)",
        "UPDATE signature_count SET count=-7 WHERE id=(SELECT max(id) FROM signature_count)",
        "UPDATE stance SET stated_on='2026-13-45', stance='boos' "
        "WHERE id=(SELECT min(id) FROM stance)",
    ],
    "tag with control characters and a contact point that is not an address": [
        "UPDATE tag SET name=char(27)||'[5msenator' WHERE id=(SELECT max(id) FROM tag)",
        "UPDATE contact_point SET value=char(0)||'@@', value_key='' "
        "WHERE id=(SELECT min(id) FROM contact_point WHERE kind='email')",
    ],
    "recycle bin entry that is not JSON and one of an unknown kind": [
        "INSERT INTO recycle_bin (kind, label, payload, deleted_at) VALUES "
        "('person', 'Kapot', '{', '2026-01-01 00:00:00')",
        "INSERT INTO recycle_bin (kind, label, payload, deleted_at) VALUES "
        "('ruimteschip', char(27)||'[31mRood', '{}', 'gisteren')",
    ],
    "outbox message and recipients with unknown statuses": [
        "INSERT INTO outbox_message (mailing_id, person_id, version, to_name, to_email, subject, "
        "message_id, raw, status, attempts, error, sent_at, follow_up_days, created_at, "
        "updated_at) SELECT min(id), (SELECT min(id) FROM person), 1, char(27)||'[2J', 'x@', "
        "'Onderwerp', '<kapot@x>', X'00FF', 'verdwaald', -1, '', 'gisteren', 99999999999, "
        "'2026-01-01', '2026-01-01' FROM mailing",
        "UPDATE mailing_recipient SET status='zoek', first_sent_at='ooit' "
        "WHERE id=(SELECT min(id) FROM mailing_recipient)",
        "UPDATE cosigner SET status='misschien', decided_on='2026-13-01' "
        "WHERE id=(SELECT min(id) FROM cosigner)",
    ],
}


def plant(db: Path, kinds: list[str] | None = None) -> None:
    """Apply the named kinds of damage (all by default) with raw SQL."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA ignore_check_constraints=ON")
        conn.execute("BEGIN")
        for name in kinds or list(DAMAGE):
            for sql in DAMAGE[name]:
                conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def damaged_copy(source: Path, folder: Path) -> Path:
    """A copy of `source` with every kind of damage, and a user template that does not even
    parse (bad syntax, not UTF-8) in the user-data folder."""
    target = folder / "damaged.sqlite"
    shutil.copy(source, target)
    plant(target)
    templates = data_dir() / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "kapot.txt").write_bytes(b"Onderwerp: {{ \xff\n\n{% for %}")
    return target
