"""Erasure on request (AVG art. 17): what happens to a person's rows, and the cleaning of the
database file afterwards. Used by services/privacy.py, which owns the transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import String, Text, delete, false, func, or_, select, update
from sqlalchemy.orm import Session

from lobbycrm.core import labels, names
from lobbycrm.core.errors import NotFoundError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import (
    BinEntry,
    ChangeLog,
    ContactPoint,
    Interaction,
    Mailing,
    MailingRecipient,
    Organisation,
    OutboxMessage,
    Person,
    Role,
    Stance,
    metadata,
)
from lobbycrm.services.people import name_parts

ERASED = "[gewist]"
# Free text of other records that may mention a person; never a person's own name fields
# (a namesake keeps their name) and never another owner's contact point (a shared office
# address belongs to the office).
_NOT_SCANNED = {
    "person": {
        "surname",
        "first_name",
        "particle",
        "initials",
        "titles",
        "own_salutation",
        "sort_key",
        "search_text",
        "gender",
        "tk_id",
        "updated_by",
    },
    "contact_point": {"value", "value_key", "kind", "label"},
    "change_log": {"author", "action", "kind", "fields"},
    "alembic_version": {"version_num"},
    "recycle_bin": {"payload", "kind"},  # snapshots are cleaned row by row (_scrub_bin)
}


@dataclass
class ErasureReport:
    person_id: int
    removed: dict[str, int] = field(default_factory=dict)  # record kind -> rows
    anonymous_recipients: int = 0  # mailing rows kept without the person
    scrubbed: list[str] = field(default_factory=list)  # other records whose text mentioned them
    shared_addresses: list[str] = field(default_factory=list)  # kept: also an office's address
    file_cleaned: bool = True  # SQLite: vacuumed and the WAL truncated
    backups: list[Path] = field(default_factory=list)  # made before: still hold the data


def erase_person(s: Session, person_id: int, report: ErasureReport) -> None:
    """Everything of the erasure that happens inside the transaction."""
    p = s.get(Person, person_id)
    snapshot = binned(s, person_id)
    if p is None and snapshot is None:
        raise NotFoundError(_("person"), person_id)
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        # Deleted rows are overwritten on their pages, not only marked free.
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
    if p is not None:
        parts = name_parts(p)
        emails = [c.value for c in p.contacts if c.kind == "email"]
        phones = [c.value for c in p.contacts if c.kind == "phone"]
        addresses = [c.value for c in p.contacts if c.kind == "address"]
    else:
        assert snapshot is not None
        root = snapshot["root"]
        parts = names.NameParts(
            surname=root.get("surname", ""),
            particle=root.get("particle", ""),
            initials=root.get("initials", ""),
            first_name=root.get("first_name", ""),
            titles=root.get("titles", ""),
            particle_is_surname=bool(root.get("particle_is_surname")),
        )
        contacts: list[dict[str, Any]] = next(
            (rows for name, _col, rows in snapshot["owned"] if name == "contact_point"), []
        )
        emails = [c["value"] for c in contacts if c.get("kind") == "email"]
        phones = [c["value"] for c in contacts if c.get("kind") == "phone"]
        addresses = [c["value"] for c in contacts if c.get("kind") == "address"]
    terms = _identifying_terms(parts, emails, phones, addresses)

    # Mailings keep an anonymous row: status, dates and where the person held a role.
    for r in s.scalars(select(MailingRecipient).where(MailingRecipient.person_id == person_id)):
        day = (r.first_sent_at or r.created_at).astimezone(AMSTERDAM).date()
        held = [
            [role.organisation_id, parent]
            for role, parent in s.execute(
                select(Role, Organisation.parent_id)
                .join(Organisation, Organisation.id == Role.organisation_id)
                .where(Role.person_id == person_id)
            )
            if role.held_on(day)
        ]
        r.person_id, r.note, r.held_org_ids = None, "", json.dumps(held)
        report.anonymous_recipients += 1
    s.flush()
    lowered = [e.lower() for e in emails]
    outbox = s.scalars(
        select(OutboxMessage.id).where(
            or_(
                OutboxMessage.person_id == person_id,
                func.lower(OutboxMessage.to_email).in_(lowered) if lowered else false(),
            )
        )
    ).all()
    _count(report, "outbox_message", len(outbox))
    if outbox:
        s.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(outbox)))
    for model, kind in (
        (ContactPoint, "contact_point"),
        (Role, "role"),
        (Interaction, "interaction"),
        (Stance, "stance"),
    ):
        ids = s.scalars(select(model.id).where(model.person_id == person_id)).all()
        _count(report, kind, len(ids))
        if ids:
            s.execute(delete(model).where(model.id.in_(ids)))
    if p is not None:
        s.execute(delete(Person).where(Person.id == person_id))
        _count(report, "person", 1)
    _scrub_mailings(s, person_id)
    _scrub_bin(s, person_id, terms, report)
    logged = s.execute(
        delete(ChangeLog).where(or_(ChangeLog.person_id == person_id, ChangeLog.label.in_(terms)))
    )
    _count(report, "change_log", int(getattr(logged, "rowcount", 0) or 0))
    _scrub_text(s, terms, emails, report)


def _count(report: ErasureReport, kind: str, n: int) -> None:
    if n:
        report.removed[kind] = report.removed.get(kind, 0) + n


def binned(s: Session, person_id: int) -> dict[str, Any] | None:
    """The recycle-bin snapshot of this person, when they were deleted before."""
    for entry in s.scalars(select(BinEntry).where(BinEntry.kind == "person")):
        data = json.loads(entry.payload)
        if data.get("root", {}).get("id") == person_id:
            return data  # type: ignore[no-any-return]
    return None


def _scrub_mailings(s: Session, person_id: int) -> None:
    """A mailing's selection (`person:ID`) and per-person fields (`person:ID:x=...`)."""
    mark = f"person:{person_id}"
    for m in s.scalars(
        select(Mailing).where(or_(Mailing.selectors.contains(mark), Mailing.fields.contains(mark)))
    ):
        selectors = [
            sel
            for sel in json.loads(m.selectors or "[]")
            if mark not in [t.strip() for t in str(sel).split("+")]
        ]
        fields = [f for f in json.loads(m.fields or "[]") if not str(f).startswith(mark + ":")]
        m.selectors, m.fields = json.dumps(selectors), json.dumps(fields)


def _scrub_bin(s: Session, person_id: int, terms: list[str], report: ErasureReport) -> None:
    """Their own snapshot goes; other snapshots lose the rows that name them."""
    for entry in s.scalars(select(BinEntry)):
        data = json.loads(entry.payload)
        if entry.kind == "person" and data.get("root", {}).get("id") == person_id:
            s.delete(entry)
            _count(report, "recycle_bin", 1)
            continue
        changed = False
        for owned in data.get("owned", []):
            rows = owned[2]
            keep = [
                r
                for r in rows
                if r.get("person_id") != person_id
                and not any(t.lower() in json.dumps(r, ensure_ascii=False).lower() for t in terms)
            ]
            if len(keep) != len(rows):
                owned[2], changed = keep, True
        if changed:
            entry.payload = json.dumps(data)


def _scrub_text(s: Session, terms: list[str], emails: list[str], report: ErasureReport) -> None:
    """Their name, addresses and numbers typed into other records become '[gewist]';
    an e-mail address that is also an office's own contact point stays with the office."""
    lowered = {e.lower() for e in emails}
    shared = set(
        s.scalars(
            select(ContactPoint.value_key).where(
                ContactPoint.value_key.in_(lowered), ContactPoint.organisation_id.is_not(None)
            )
        )
    )
    report.shared_addresses = sorted(shared)
    scrub = [t for t in terms if t.lower() not in shared]
    if not scrub:
        return
    for table in metadata().sorted_tables:
        skip = _NOT_SCANNED.get(table.name, set())
        columns = [c for c in table.c if isinstance(c.type, String | Text) and c.name not in skip]
        keys = list(table.primary_key.columns)
        if not columns or len(keys) != 1:
            continue
        key = keys[0]
        condition = or_(
            *(func.lower(c).contains(t.lower(), autoescape=True) for c in columns for t in scrub)
        )
        for row in s.execute(select(table).where(condition)).mappings():
            values = {}
            for c in columns:
                text = row[c.name]
                if isinstance(text, str):
                    new = _replace_all(text, scrub)
                    if new != text:
                        values[c.name] = new
            if values:
                s.execute(update(table).where(key == row[key.name]).values(values))
                report.scrubbed.append(
                    f"{labels.label(labels.RECORD_KIND, table.name)} {row[key.name]}"
                )


def _identifying_terms(
    parts: names.NameParts, emails: list[str], phones: list[str], addresses: list[str]
) -> list[str]:
    """The strings that name this person: full name forms, addresses, numbers."""
    found = [
        names.display_name(parts),
        names.formal_name(parts),
        names.sort_name(parts),
        *emails,
        *phones,
        *addresses,
    ]
    out: list[str] = []
    for term in found:
        term = term.strip()
        if len(term) >= 5 and term not in out:
            out.append(term)
    return out


def _replace_all(text: str, terms: list[str]) -> str:
    lowered = text.lower()
    for term in sorted(terms, key=len, reverse=True):
        start = lowered.find(term.lower())
        while start >= 0:
            text = text[:start] + ERASED + text[start + len(term) :]
            lowered = text.lower()
            start = lowered.find(term.lower(), start + len(ERASED))
    return text


def clean_database_file(engine: Any) -> bool:
    """After an erasure: no free page or old log frame may still hold the erased rows.

    SQLite: VACUUM rebuilds the file without free pages, then the write-ahead log is
    checkpointed and truncated to nothing. False when another program held the file open
    in a way that kept the log (run the erasure's cleaning again when it is closed).
    PostgreSQL: VACUUM marks the dead rows' space for reuse in every table.
    """
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            driver.execute("PRAGMA secure_delete=ON")
            driver.execute("VACUUM")
            busy, _log, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return bool(busy == 0)
        finally:
            raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
    return True
