"""The privacy duties of an NGO (AVG/GDPR): access (art. 15), erasure (art. 17), and a review
of persons the organisation may no longer need to keep.

- `access` gathers everything held about one person; `export` writes it as a readable HTML
  report and a JSON file.
- `erase` removes the person and everything that identifies them in one transaction:
  contact points, roles, tags, notes, contact moments, stances, the texts of letters and
  e-mails addressed to them (outbox), replies, change-log entries about them, recycle-bin
  snapshots, and their name, e-mail addresses and phone numbers wherever they were typed
  into other records' free text. A mailing keeps an anonymous row per erased recipient (its
  status and dates, and the organisations they held a role at when it went out), so sent,
  answered and council counts stay as they were. Afterwards the SQLite file is vacuumed and
  its write-ahead log truncated, so no free page still holds the data; the change log says
  that an erasure happened, without a name.
- `review` lists persons without a current role and without any contact for N months.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import labels, names
from lobbycrm.core.errors import NotFoundError, ValidationError
from lobbycrm.core.filenames import dated_name
from lobbycrm.core.files import FileProblem, file_problem
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import AMSTERDAM, amsterdam_today, check_text
from lobbycrm.db.audit import SUPPRESS_KEY, session_author
from lobbycrm.db.engine import sqlite_path
from lobbycrm.db.models import (
    ChangeLog,
    Dossier,
    Event,
    Interaction,
    Mailing,
    MailingRecipient,
    Organisation,
    OutboxMessage,
    Person,
    Role,
    Stance,
    event_person,
)
from lobbycrm.services.audit import field_words
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import Jsonable
from lobbycrm.services.erasure import ErasureReport, binned, clean_database_file, erase_person
from lobbycrm.services.people import name_parts, person_detail


@dataclass(frozen=True)
class ExportResult:
    html: Path
    json: Path


@dataclass(frozen=True)
class ReviewRow(Jsonable):
    id: int
    name: str
    last_role: str  # "griffier, Gemeente Assen (tot 2019-05-01)"
    last_role_end: dt.date | None
    last_contact: dt.date | None
    created_at: dt.datetime


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _plain_text(raw: bytes) -> str:
    """The readable text of a stored e-mail (its plain-text part)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    return str(part.get_content())


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


class PrivacyService:
    def __init__(self, sessions: sessionmaker[Session], letters: Any = None) -> None:
        self._sessions = sessions
        self._letters = letters  # LetterService: re-renders a letter written to a file

    # --- access (art. 15) ----------------------------------------------------------------

    def access(self, person_id: int) -> dict[str, Any]:
        """Everything held about one person, as JSON-ready data."""
        with self._sessions() as s:
            p = s.get(Person, person_id)
            if p is None:
                raise NotFoundError(_("person"), person_id)
            detail = person_detail(p)
            out: dict[str, Any] = {
                "generated_at": dt.datetime.now(AMSTERDAM).isoformat(timespec="seconds"),
                "person": {
                    "id": p.id,
                    "name": detail.display_name,
                    "formal_name": detail.formal_name,
                    "salutation": detail.salutation,
                    "own_salutation": p.own_salutation,
                    "titles": p.titles,
                    "initials": p.initials,
                    "first_name": p.first_name,
                    "particle": p.particle,
                    "surname": p.surname,
                    "gender": p.gender,
                    "gender_label": labels.label(labels.GENDER, p.gender),
                    "notes": p.notes,
                    "tk_id": p.tk_id,
                    "created_at": _iso(p.created_at),
                    "updated_at": _iso(p.updated_at),
                    "updated_by": p.updated_by,
                },
                "contact_points": [
                    {
                        "kind": c.kind,
                        "kind_label": labels.label(labels.CONTACT_KIND, c.kind),
                        "label": c.label,
                        "value": c.value,
                        "primary": c.is_primary,
                    }
                    for c in p.contacts
                ],
                "roles": [r.to_json() for r in detail.roles],
                "tags": detail.tags,
            }
            out["events"] = [
                {"id": e.id, "title": e.title, "start": _iso(e.starts_at or e.start_date)}
                for e in s.scalars(
                    select(Event)
                    .join(event_person, event_person.c.event_id == Event.id)
                    .where(event_person.c.person_id == person_id)
                    .order_by(Event.id)
                )
            ]
            interactions = list(
                s.scalars(
                    select(Interaction)
                    .where(Interaction.person_id == person_id)
                    .order_by(Interaction.occurred_at)
                )
            )
            out["interactions"] = [
                {
                    "id": i.id,
                    "kind": i.kind,
                    "kind_label": labels.label(labels.INTERACTION_KIND, i.kind),
                    "occurred_at": _iso(i.occurred_at),
                    "subject": i.subject,
                    "notes": i.notes,
                    "mailing_id": i.mailing_id,
                    "dossier_id": i.dossier_id,
                    "follow_up_on": _iso(i.follow_up_on),
                }
                for i in interactions
            ]
            out["replies"] = [
                x for x in out["interactions"] if x["kind"] in ("reply", "acknowledgement")
            ]
            out["letters"] = self._letters_to(s, person_id, interactions)
            out["stances"] = [
                {
                    "dossier_id": st.dossier_id,
                    "dossier": title,
                    "stance": st.stance,
                    "stance_label": labels.label(labels.STANCE, st.stance),
                    "stated_on": _iso(st.stated_on),
                    "source": st.source,
                    "note": st.note,
                }
                for st, title in s.execute(
                    select(Stance, Dossier.title)
                    .join(Dossier, Dossier.id == Stance.dossier_id)
                    .where(Stance.person_id == person_id)
                    .order_by(Stance.stated_on, Stance.id)
                )
            ]
            out["changes"] = [
                {
                    "at": _iso(c.at),
                    "author": c.author,
                    "action": c.action,
                    "action_label": labels.label(labels.CHANGE_ACTION, c.action),
                    "kind": c.kind,
                    "kind_label": labels.label(labels.RECORD_KIND, c.kind),
                    "fields": [f for f in c.fields.split(",") if f],
                    "field_labels": field_words(c.fields),
                }
                for c in s.scalars(
                    select(ChangeLog)
                    .where(ChangeLog.person_id == person_id)
                    .order_by(ChangeLog.at, ChangeLog.id)
                )
            ]
        return out

    def _letters_to(
        self, s: Session, person_id: int, interactions: list[Interaction]
    ) -> list[dict[str, Any]]:
        """Each mailing the person was sent, with its status and the text they got."""
        recipients = {
            r.mailing_id: r
            for r in s.scalars(
                select(MailingRecipient).where(MailingRecipient.person_id == person_id)
            )
        }
        messages: dict[int, list[OutboxMessage]] = {}
        for m in s.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.person_id == person_id)
            .order_by(OutboxMessage.id)
        ):
            messages.setdefault(m.mailing_id, []).append(m)
        mailing_ids = set(recipients) | set(messages)
        mailing_ids |= {i.mailing_id for i in interactions if i.mailing_id is not None}
        out = []
        for mailing in s.scalars(
            select(Mailing).where(Mailing.id.in_(mailing_ids)).order_by(Mailing.id)
        ):
            r = recipients.get(mailing.id)
            sent = [
                {
                    "to": f"{m.to_name} <{m.to_email}>",
                    "subject": m.subject,
                    "status": m.status,
                    "status_label": labels.label(labels.DELIVERY_STATUS, m.status),
                    "sent_at": _iso(m.sent_at),
                    "message_id": m.message_id,
                    "text": _plain_text(m.raw),
                }
                for m in messages.get(mailing.id, [])
            ]
            entry: dict[str, Any] = {
                "mailing_id": mailing.id,
                "mailing": mailing.name,
                "status": r.status if r else "",
                "status_label": labels.label(labels.DELIVERY_STATUS, r.status) if r else "",
                "first_sent_at": _iso(r.first_sent_at) if r else None,
                "answered_at": _iso(r.answered_at) if r else None,
                "note": r.note if r else "",
                "messages": sent,
                "letter_text": "",
            }
            if not sent:
                entry["letter_text"] = self._rendered_letter(mailing.id, person_id)
            out.append(entry)
        return out

    def _rendered_letter(self, mailing_id: int, person_id: int) -> str:
        """A letter written to a file is not stored: it is made again from the mailing's
        newest text for this person (said so in the report)."""
        if self._letters is None:
            return ""
        import dataclasses

        from lobbycrm.core.errors import LobbyError
        from lobbycrm.letters import templates

        try:
            req = self._letters.request_for(mailing_id, "txt", None, True)
            req = dataclasses.replace(req, selectors=[f"person:{person_id}"], attachments=[])
            number, text = self._letters.version_text(mailing_id)
            template = templates.parse_template(f"{req.template} v{number}", text)
            copies = self._letters.copies(req, template, [])
        except (LobbyError, OSError, ValueError):
            return ""
        return f"{copies[0].subject}\n\n{copies[0].body}" if copies else ""

    def export(self, person_id: int, out_dir: Path, today: dt.date | None = None) -> ExportResult:
        """Write the access report (HTML) and the same data (JSON) into `out_dir`."""
        from lobbycrm.services.privacy_report import render_html

        data = self.access(person_id)
        folder = Path(out_dir).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise FileProblem(out_dir, _("is a file, not a folder")) from None
        except OSError as exc:
            raise file_problem(out_dir, exc) from None
        day = today or amsterdam_today()
        stem = dated_name(_("access request"), day, data["person"]["name"], suffix="")
        html_path = folder / f"{stem}-{person_id}.html"
        json_path = folder / f"{stem}-{person_id}.json"
        html_path.write_text(render_html(data), encoding="utf-8")
        json_path.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return ExportResult(html_path, json_path)

    # --- review ----------------------------------------------------------------------------

    def review(
        self, older_than_months: int = 24, today: dt.date | None = None, limit: int = 500
    ) -> list[ReviewRow]:
        """Persons with no current role, no role that ended and no contact (contact moment,
        letter, stance) within the last N months, and added before that: candidates to erase
        or keep. Oldest activity first."""
        if not 1 <= older_than_months <= 1200:
            raise ValidationError(
                "--older-than", older_than_months, _("must be between 1 and 1200 months")
            )
        today = today or amsterdam_today()
        cutoff = months_before(today, older_than_months)
        cutoff_at = dt.datetime.combine(cutoff, dt.time(0), AMSTERDAM)
        recent_role = exists().where(
            Role.person_id == Person.id, or_(Role.end_date.is_(None), Role.end_date >= cutoff)
        )
        recent_contact = exists().where(
            Interaction.person_id == Person.id, Interaction.occurred_at >= cutoff_at
        )
        recent_stance = exists().where(Stance.person_id == Person.id, Stance.stated_on >= cutoff)
        recent_mail = exists().where(
            MailingRecipient.person_id == Person.id,
            or_(
                MailingRecipient.first_sent_at >= cutoff_at,
                MailingRecipient.answered_at >= cutoff_at,
            ),
        )
        last_contact = (
            select(func.max(Interaction.occurred_at))
            .where(Interaction.person_id == Person.id)
            .correlate(Person)
            .scalar_subquery()
        )
        stmt = (
            select(Person, last_contact)
            .where(
                Person.created_at < cutoff_at,
                ~recent_role,
                ~recent_contact,
                ~recent_stance,
                ~recent_mail,
            )
            .order_by(last_contact.asc().nulls_first(), Person.sort_key, Person.id)
            .limit(limit)
        )
        out = []
        with self._sessions() as s:
            found = list(s.execute(stmt))
            roles: dict[int, Role] = {}
            if found:
                for role in s.scalars(
                    select(Role).where(Role.person_id.in_([p.id for p, _c in found]))
                ):
                    best = roles.get(role.person_id)
                    if best is None or (role.end_date or dt.date.min) > (
                        best.end_date or dt.date.min
                    ):
                        roles[role.person_id] = role
            for p, contact in found:
                last = roles.get(p.id)
                role_text = ""
                if last is not None:
                    org = s.get(Organisation, last.organisation_id)
                    role_text = f"{last.role}, {org.name if org else ''}".strip(", ")
                out.append(
                    ReviewRow(
                        id=p.id,
                        name=names.sort_name(name_parts(p)),
                        last_role=role_text,
                        last_role_end=last.end_date if last is not None else None,
                        last_contact=contact.replace(tzinfo=dt.UTC).astimezone(AMSTERDAM).date()
                        if isinstance(contact, dt.datetime)
                        else None,
                        created_at=p.created_at,
                    )
                )
        return out

    def name_of(self, person_id: int) -> str:
        """The person's name (also of one in the recycle bin), to confirm an erasure."""
        with self._sessions() as s:
            p = s.get(Person, person_id)
            if p is not None:
                return names.display_name(name_parts(p))
            snapshot = binned(s, person_id)
        if snapshot is None:
            raise NotFoundError(_("person"), person_id)
        return str(snapshot["root"].get("surname", "")) or str(person_id)

    def clean(self) -> bool:
        """Clean the database file of freed space (see erasure.clean_database_file)."""
        return clean_database_file(self._sessions.kw["bind"])

    def keep(self, person_id: int, reason: str = "") -> Changes:
        """The user decided to keep a person the review listed: noted on their timeline (so
        the review leaves them alone for the period it looks back)."""
        reason = check_text(_("reason"), reason, max_length=500)
        with self._sessions.begin() as s:
            if s.get(Person, person_id) is None:
                raise NotFoundError(_("person"), person_id)
            s.add(
                Interaction(
                    person_id=person_id,
                    kind="note",
                    occurred_at=dt.datetime.now(dt.UTC),
                    subject=_("Kept after the privacy review"),
                    notes=reason,
                )
            )
        return Changes.of("interaction", "person", ids=(person_id,))

    # --- erasure (art. 17) -----------------------------------------------------------------

    def erase(self, person_id: int) -> ErasureReport:
        """Remove the person and everything that identifies them (see the module docstring).
        All in one transaction; the database file is cleaned afterwards."""
        report = ErasureReport(person_id)
        with self._sessions.begin() as s:
            s.info[SUPPRESS_KEY] = True
            try:
                erase_person(s, person_id, report)
            finally:
                s.info.pop(SUPPRESS_KEY, None)
            s.add(
                ChangeLog(
                    at=dt.datetime.now(dt.UTC),
                    author=session_author(s),
                    action="erase",
                    kind="person",
                    row_id=person_id,
                    label="",
                    fields="",
                )
            )
        engine = self._sessions.kw["bind"]
        report.file_cleaned = clean_database_file(engine)
        path = sqlite_path(str(engine.url))
        if path is not None:
            folder = path.parent / "backups"
            if folder.is_dir():
                report.backups = sorted(p for p in folder.iterdir() if p.is_file())
        return report


__all__ = [
    "ErasureReport",
    "ExportResult",
    "PrivacyService",
    "ReviewRow",
    "months_before",
]
