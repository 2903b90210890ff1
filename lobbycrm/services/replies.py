"""Each recipient's answer to a mailing: marked by hand or read from received mail."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import AMSTERDAM, check_text
from lobbycrm.db.models import (
    RECIPIENT_STATUSES,
    ContactPoint,
    Interaction,
    Mailing,
    MailingRecipient,
    OutboxMessage,
    Person,
)
from lobbycrm.mail import incoming
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import Jsonable
from lobbycrm.services.interactions import InteractionInput, build_interaction
from lobbycrm.services.lookup import get_or_fail
from lobbycrm.services.recipients import (
    mark_answer_in_thread,
    mark_recipient,
    now_utc,
    person_name,
)


@dataclass(frozen=True)
class RecipientRow(Jsonable):
    mailing_id: int
    person_id: int | None  # None: the person was erased on request (the row keeps counting)
    name: str
    email: str
    status: str
    first_sent_at: dt.datetime | None
    answered_at: dt.datetime | None
    by_hand: bool
    note: str
    since: dt.datetime  # when it was sent, else when the copy was made


@dataclass
class ReplyReport:
    imported: list[tuple[str, str, int, str]] = field(default_factory=list)  # source, who, ...
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # source, reason
    already: int = 0
    bounced: list[tuple[str, str, int]] = field(default_factory=list)  # source, who, mailing


class ReplyService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def recipients(self, mailing_id: int) -> builtins.list[RecipientRow]:
        with self._sessions() as s:
            get_or_fail(s, Mailing, mailing_id, _("mailing"))
            rows = s.execute(
                select(MailingRecipient, Person)
                .outerjoin(Person, Person.id == MailingRecipient.person_id)
                .where(MailingRecipient.mailing_id == mailing_id)
                .order_by(Person.sort_key.is_(None), Person.sort_key, Person.id)
            ).all()
            addresses = dict(
                s.execute(
                    select(OutboxMessage.person_id, OutboxMessage.to_email).where(
                        OutboxMessage.mailing_id == mailing_id
                    )
                ).all()
            )
            out = []
            for r, p in rows:
                email_address = (
                    addresses.get(p.id)
                    or next((c.value for c in p.contacts if c.kind == "email"), "")
                    if p is not None
                    else ""
                )
                out.append(
                    RecipientRow(
                        mailing_id=mailing_id,
                        person_id=p.id if p is not None else None,
                        name=person_name(p) if p is not None else _("(erased on request)"),
                        email=email_address,
                        status=r.status,
                        first_sent_at=r.first_sent_at,
                        answered_at=r.answered_at,
                        by_hand=r.by_hand,
                        note=r.note,
                        since=r.first_sent_at or r.created_at,
                    )
                )
            return out

    def mark(
        self,
        mailing_id: int,
        person_id: int,
        status: str,
        on: dt.date | None = None,
        note: str = "",
    ) -> Changes:
        """Set a recipient's status by hand; an answer is logged as an interaction too."""
        if status not in RECIPIENT_STATUSES:
            raise ValidationError(
                _("status"),
                status,
                _("must be one of: {allowed}").format(allowed=", ".join(RECIPIENT_STATUSES)),
            )
        note = check_text(_("note"), note, max_length=500)
        when = (
            dt.datetime.combine(on, dt.time(12, 0), AMSTERDAM).astimezone(dt.UTC)
            if on
            else now_utc()
        )
        with self._sessions.begin() as s:
            mailing = get_or_fail(s, Mailing, mailing_id, _("mailing"))
            get_or_fail(s, Person, person_id, _("person"))
            mark_recipient(s, mailing_id, person_id, status, when, note, by_hand=True)
            if status in ("acknowledged", "replied"):
                build_interaction(
                    s,
                    InteractionInput(
                        kind="reply" if status == "replied" else "acknowledgement",
                        occurred_at=when,
                        person_id=person_id,
                        subject=_("Answer to: {mailing}").format(mailing=mailing.name),
                        notes=note or _("marked by hand"),
                        dossier_id=mailing.dossier_id,
                        event_id=mailing.event_id,
                        mailing_id=mailing_id,
                    ),
                )
                self._close_follow_ups(s, mailing_id, person_id)
                for earlier in mark_answer_in_thread(s, mailing_id, person_id, status, when):
                    self._close_follow_ups(s, earlier, person_id)
            return Changes.of("mailing", ids=(mailing_id,))

    @staticmethod
    def _close_follow_ups(s: Session, mailing_id: int, person_id: int) -> None:
        s.execute(
            update(Interaction)
            .where(
                Interaction.mailing_id == mailing_id,
                Interaction.person_id == person_id,
                Interaction.follow_up_on.is_not(None),
            )
            .values(follow_up_done=True)
        )

    # --- replies -------------------------------------------------------------------------

    def import_replies(self, paths: builtins.list[Path], dry_run: bool = False) -> ReplyReport:
        """Log received mail as replies/acknowledgements to the mailing it answers.

        Matching: a Message-ID in In-Reply-To or References that we sent (outbox) or wrote
        as a draft; otherwise the sender's address belongs to exactly one person who got a
        mailing before the message's date (the newest such mailing). Bounces mark the
        message failed. All in one transaction; importing the same mail again adds nothing.
        """
        items = incoming.read(paths)
        report = ReplyReport()
        s = self._sessions()
        try:
            with s.begin():
                for item in items:
                    self._import_one(s, item, report)
                if dry_run:
                    s.rollback()
        finally:
            s.close()
        return report

    def _import_one(self, s: Session, item: incoming.Incoming, report: ReplyReport) -> None:
        if item.kind == "bounce":
            self._import_bounce(s, item, report)
            return
        exists = s.scalar(
            select(func.count())
            .select_from(Interaction)
            .where(Interaction.message_id == item.message_id)
        )
        if exists:
            report.already += 1
            return
        target = self._match(s, item)
        if isinstance(target, str):
            report.unmatched.append((item.source, target))
            return
        mailing_id, person_id = target
        mailing = s.get(Mailing, mailing_id)
        status = "replied" if item.kind == "reply" else "acknowledged"
        build_interaction(
            s,
            InteractionInput(
                kind="reply" if item.kind == "reply" else "acknowledgement",
                occurred_at=item.date,
                person_id=person_id,
                subject=item.subject or _("(no subject)"),
                notes=_("From {sender}, imported from {file}").format(
                    sender=item.from_address or "?", file=item.source
                ),
                dossier_id=mailing.dossier_id if mailing else None,
                event_id=mailing.event_id if mailing else None,
                mailing_id=mailing_id,
                message_id=item.message_id,
            ),
        )
        s.flush()
        mark_recipient(s, mailing_id, person_id, status, item.date)
        self._close_follow_ups(s, mailing_id, person_id)
        for earlier in mark_answer_in_thread(s, mailing_id, person_id, status, item.date):
            self._close_follow_ups(s, earlier, person_id)
        who = person_name(s.get(Person, person_id))
        report.imported.append((item.source, who, mailing_id, status))

    def _by_message_id(self, s: Session, ids: tuple[str, ...]) -> tuple[int, int] | None:
        for mid in ids:
            row: Any = s.execute(
                select(OutboxMessage.mailing_id, OutboxMessage.person_id).where(
                    OutboxMessage.message_id == mid
                )
            ).first()
            if row is None:
                row = s.execute(
                    select(Interaction.mailing_id, Interaction.person_id).where(
                        Interaction.message_id == mid,
                        Interaction.mailing_id.is_not(None),
                        Interaction.person_id.is_not(None),
                        Interaction.kind.in_(("email", "letter")),
                    )
                ).first()
            if row is not None and row[0] is not None and row[1] is not None:
                return int(row[0]), int(row[1])
        return None

    def _match(self, s: Session, item: incoming.Incoming) -> tuple[int, int] | str:
        found = self._by_message_id(s, item.answers)
        if found is not None:
            return found
        if not item.from_address:
            return _("no sender address and no reference to a message we sent")
        found_ids = s.scalars(
            select(ContactPoint.person_id).where(
                ContactPoint.value_key == item.from_address,
                ContactPoint.person_id.is_not(None),
            )
        )
        persons = sorted({pid for pid in found_ids if pid is not None})
        if not persons:
            return _("{address} belongs to nobody in LobbyCRM").format(address=item.from_address)
        if len(persons) > 1:
            return _("{address} belongs to more than one person").format(address=item.from_address)
        person_id = persons[0]
        rows = s.execute(
            select(
                MailingRecipient.mailing_id,
                MailingRecipient.first_sent_at,
                MailingRecipient.created_at,
            )
            .where(MailingRecipient.person_id == person_id)
            .order_by(MailingRecipient.mailing_id.desc())
        ).all()
        candidates = [
            (since, mailing_id)
            for mailing_id, sent, made in rows
            if (since := sent or made) is not None and since <= item.date
        ]
        if not candidates:
            return _("{address} was sent no mailing before {date}").format(
                address=item.from_address, date=item.date.astimezone(AMSTERDAM).date()
            )
        return max(candidates)[1], person_id

    def _import_bounce(self, s: Session, item: incoming.Incoming, report: ReplyReport) -> None:
        for mid in item.bounced or item.answers:
            m = s.scalar(select(OutboxMessage).where(OutboxMessage.message_id == mid))
            if m is None:
                continue
            if m.person_id is None:
                continue
            reason = _("bounced: {reason}").format(reason=item.reason or item.subject)
            m.error = reason[:2000]
            row = s.scalar(
                select(MailingRecipient).where(
                    MailingRecipient.mailing_id == m.mailing_id,
                    MailingRecipient.person_id == m.person_id,
                )
            )
            if row is not None and row.status == "failed" and row.note == reason[:500]:
                report.already += 1
                return
            mark_recipient(s, m.mailing_id, m.person_id, "failed", item.date, reason)
            report.bounced.append(
                (item.source, person_name(s.get(Person, m.person_id)), m.mailing_id)
            )
            return
        report.unmatched.append((item.source, _("a bounce for a message we did not send")))
