"""Who changed what and when: the change log as the user reads it, and the stale-edit check.

Recording happens in db/audit.py for every service at once; this module reads it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import labels
from lobbycrm.core.i18n import N_, _, date_time, getal, ngettext
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.audit import check_version
from lobbycrm.db.models import ChangeLog, Versioned, mappers
from lobbycrm.services.dto import Jsonable
from lobbycrm.services.lookup import get_or_fail

V = TypeVar("V", bound=Versioned)

# The words for changed columns and collections, as the change log names them.
FIELD_WORDS: dict[str, str] = {
    "titles": N_("titles"),
    "initials": N_("initials"),
    "first_name": N_("first name"),
    "particle": N_("particle"),
    "surname": N_("surname"),
    "particle_is_surname": N_("particle part of the surname"),
    "gender": N_("form of address"),
    "own_salutation": N_("own form of address"),
    "full_name": N_("full name"),
    "notes": N_("notes"),
    "note": N_("notes"),
    "tk_id": N_("Tweede Kamer id"),
    "contacts": N_("contact points"),
    "roles": N_("roles"),
    "tags": N_("tags"),
    "kind": N_("kind"),
    "label": N_("label"),
    "value": N_("value"),
    "value_key": N_("value"),
    "is_primary": N_("primary"),
    "role": N_("role"),
    "portfolio": N_("portfolio"),
    "start_date": N_("start"),
    "end_date": N_("end"),
    "starts_at": N_("start"),
    "ends_at": N_("end"),
    "external_id": N_("external id"),
    "organisation": N_("organisation"),
    "organisation_id": N_("organisation"),
    "person": N_("person"),
    "person_id": N_("person"),
    "name": N_("name"),
    "short_name": N_("short name"),
    "parent": N_("part of"),
    "parent_id": N_("part of"),
    "cbs_code": N_("CBS code"),
    "seats": N_("seats"),
    "title": N_("title"),
    "kamerstuk": N_("kamerstuk"),
    "chamber": N_("chamber"),
    "chamber_id": N_("chamber"),
    "status": N_("status"),
    "motions": N_("motions"),
    "number": N_("number"),
    "submitters": N_("submitters"),
    "body": N_("body"),
    "body_id": N_("body"),
    "dossier": N_("dossier"),
    "dossier_id": N_("dossier"),
    "dossiers": N_("dossiers"),
    "date": N_("date"),
    "result": N_("result"),
    "execution_status": N_("execution"),
    "date_precision": N_("date precision"),
    "uid": N_("calendar id"),
    "sequence": N_("calendar version"),
    "description": N_("description"),
    "all_day": N_("all day"),
    "timezone": N_("time zone"),
    "location": N_("location"),
    "persons": N_("people"),
    "reminders": N_("reminders"),
    "minutes_before": N_("reminder"),
    "event": N_("event"),
    "event_id": N_("event"),
    "occurred_at": N_("date"),
    "subject": N_("subject"),
    "follow_up_on": N_("follow-up date"),
    "follow_up_done": N_("follow-up done"),
    "message_id": N_("e-mail message"),
    "mailing": N_("mailing"),
    "mailing_id": N_("mailing"),
    "stance": N_("stance"),
    "stated_on": N_("date"),
    "source": N_("source"),
    "template": N_("template"),
    "selectors": N_("recipients"),
    "fields": N_("letter fields"),
    "attachments": N_("attachments"),
    "campaign": N_("campaign"),
    "campaign_id": N_("campaign"),
    "follow_up_of": N_("reminder of"),
    "versions": N_("text versions"),
    "cosigners": N_("co-signers"),
    "text": N_("text"),
    "position": N_("order"),
    "decided_on": N_("decided on"),
    "contact": N_("contact"),
    "first_sent_at": N_("sent"),
    "answered_at": N_("answered"),
    "by_hand": N_("set by hand"),
    "held_org_ids": N_("organisations"),
    "partners": N_("partners"),
    "signature_counts": N_("signature counts"),
    "counted_on": N_("date"),
    "count": N_("count"),
}


def field_words(fields: str) -> list[str]:
    """'surname,contacts' -> ['achternaam', 'contactgegevens'] (each word once)."""
    words = [
        _(FIELD_WORDS[f]) if f in FIELD_WORDS else f.replace("_", " ")
        for f in fields.split(",")
        if f
    ]
    return list(dict.fromkeys(words))


@dataclass(frozen=True)
class ChangeRow(Jsonable):
    id: int
    at: dt.datetime
    author: str
    action: str  # code: add, edit, delete, erase
    kind: str  # code: the table
    row_id: int | None
    rows: int
    label: str
    fields: list[str]  # codes
    person_id: int | None
    dossier_id: int | None
    mailing_id: int | None

    def what(self) -> str:
        """'persoon Piet Jansen', '3 personen' (a bulk import)."""
        kind = labels.label(labels.RECORD_KIND, self.kind)
        if self.rows > 1:
            return _("{n} × {kind}").format(n=getal(self.rows), kind=kind)
        if self.label:
            return f"{kind} {self.label}"
        return f"{kind} #{self.row_id}" if self.row_id is not None else kind

    def change(self) -> str:
        """'gewijzigd: e-mail, telefoon' / 'toegevoegd'."""
        action = labels.label(labels.CHANGE_ACTION, self.action)
        words = field_words(",".join(self.fields))
        if not words:
            return action
        return _("{action}: {fields}").format(action=action, fields=", ".join(words))


@dataclass(frozen=True)
class LastChange(Jsonable):
    author: str
    at: dt.datetime | None
    version: int

    def text(self) -> str:
        """'laatst gewijzigd door Noor op di 2 dec 2026 15:30' (without a name when unknown)."""
        when = date_time(self.at) if self.at else ""
        if self.author:
            return _("last changed by {author} on {date}").format(author=self.author, date=when)
        return _("last changed on {date}").format(date=when)


def get_for_edit(s: Session, model: type[V], ident: int, what: str, version: int | None) -> V:
    """The row to change, refused (ConflictError) when it is no longer the `version` the
    caller read; None = the caller did not say (a script that does not care)."""
    row = get_or_fail(s, model, ident, what)  # type: ignore[type-var]
    check_version(row, version, what)
    return row


def _model(kind: str) -> type[Any] | None:
    for mapper in mappers():
        if getattr(mapper.local_table, "name", None) == kind:
            return mapper.class_
    return None


class AuditService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def log(
        self,
        person_id: int | None = None,
        dossier_id: int | None = None,
        mailing_id: int | None = None,
        user: str | None = None,
        since: dt.date | None = None,
        limit: int = 1000,
    ) -> list[ChangeRow]:
        """Changes, newest first, narrowed to one person, dossier, mailing or author."""
        stmt: Select[ChangeLog] = select(ChangeLog)
        if person_id is not None:
            stmt = stmt.where(ChangeLog.person_id == person_id)
        if dossier_id is not None:
            stmt = stmt.where(ChangeLog.dossier_id == dossier_id)
        if mailing_id is not None:
            stmt = stmt.where(ChangeLog.mailing_id == mailing_id)
        if user:
            stmt = stmt.where(ChangeLog.author == " ".join(user.split()))
        if since is not None:
            start = dt.datetime.combine(since, dt.time(0), AMSTERDAM)
            stmt = stmt.where(ChangeLog.at >= start)
        stmt = stmt.order_by(ChangeLog.at.desc(), ChangeLog.id.desc()).limit(limit)
        with self._sessions() as s:
            return [
                ChangeRow(
                    id=c.id,
                    at=c.at,
                    author=c.author,
                    action=c.action,
                    kind=c.kind,
                    row_id=c.row_id,
                    rows=c.rows,
                    label=c.label,
                    fields=[f for f in c.fields.split(",") if f],
                    person_id=c.person_id,
                    dossier_id=c.dossier_id,
                    mailing_id=c.mailing_id,
                )
                for c in s.scalars(stmt)
            ]

    def last_change(self, kind: str, ident: int) -> LastChange | None:
        """Who saved an editable row last and when (one lookup by id)."""
        model = _model(kind)
        if model is None or not issubclass(model, Versioned):
            return None
        with self._sessions() as s:
            row = s.get(model, ident)
            if row is None:
                return None
            return LastChange(row.updated_by, getattr(row, "updated_at", None), row.row_version)


def count_text(n: int) -> str:
    return ngettext("{n} change", "{n} changes", n).format(n=getal(n))
