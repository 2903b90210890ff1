"""Follow-up: who has not answered after N days, the reminder mailing, the to-do list."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _, datum
from lobbycrm.core.validation import AMSTERDAM, amsterdam_today
from lobbycrm.db.models import Interaction, Mailing, OutboxMessage, Person
from lobbycrm.services.dto import Jsonable
from lobbycrm.services.letters import LetterRequest, LetterService
from lobbycrm.services.recipients import mark_recipient, now_utc, person_name
from lobbycrm.services.replies import RecipientRow, ReplyService


@dataclass(frozen=True)
class TodoItem(Jsonable):
    due: dt.date
    kind: str  # follow-up | outbox
    title: str
    person: str
    person_id: int | None
    mailing_id: int | None
    interaction_id: int | None
    overdue: bool


class FollowUpService:
    def __init__(
        self, sessions: sessionmaker[Session], letters: LetterService, replies: ReplyService
    ) -> None:
        self._sessions = sessions
        self._letters = letters
        self._replies = replies

    def follow_up(
        self, mailing_id: int, days: int, today: dt.date | None = None
    ) -> builtins.list[RecipientRow]:
        """Recipients without acknowledgement or reply, sent (or made) at least `days` ago."""
        if days < 0:
            raise ValidationError("--days", days, _("must be 0 or more days"))
        today = today or amsterdam_today()
        return [
            r
            for r in self._replies.recipients(mailing_id)
            if r.person_id is not None
            and r.status in ("drafted", "sent", "no_answer")
            and (today - r.since.astimezone(AMSTERDAM).date()).days >= days
        ]

    def create_follow_up(
        self,
        mailing_id: int,
        days: int,
        template: str = "herinnering",
        name: str = "",
        today: dt.date | None = None,
    ) -> tuple[int, builtins.list[RecipientRow]]:
        """A reminder mailing for exactly the recipients `follow_up` lists.

        It keeps the first letter's event, dossier, campaign, attachments and approved
        co-signers, and gives the template `fields.eerste_brief` (the first letter's date in
        Dutch words) and `fields.eerste_onderwerp`. The first mailing's rows become no_answer.
        """
        who = self.follow_up(mailing_id, days, today)
        if not who:
            raise LobbyError(
                _(
                    "Everybody answered mailing {id}, or it went out less than {days} days ago."
                ).format(id=mailing_id, days=days)
            )
        first = self._letters.mailing(mailing_id)
        first_date = min(r.since for r in who).astimezone(AMSTERDAM).date()
        with self._sessions() as s:
            subject = s.scalar(
                select(OutboxMessage.subject).where(OutboxMessage.mailing_id == mailing_id)
            ) or s.scalar(
                select(Interaction.subject).where(
                    Interaction.mailing_id == mailing_id,
                    Interaction.kind.in_(("email", "letter")),
                )
            )
        approved = [c.organisation for c in first.cosigners if c.status == "approved"]
        fields = [
            f for f in first.fields if not f.startswith(("eerste_brief=", "eerste_onderwerp="))
        ]
        fields += [f"eerste_brief={datum(first_date)}", f"eerste_onderwerp={subject or first.name}"]
        req = LetterRequest(
            template=template,
            selectors=[f"person:{r.person_id}" for r in who],
            event_id=first.event_id,
            dossier_id=first.dossier_id,
            campaign_id=first.campaign_id,
            cosigners=approved,
            attachments=[Path(a) for a in first.attachments],
            fields=fields,
        )
        reminder_name = name or _("Reminder: {name}").format(name=first.name)
        reminder_id = self._letters.create_mailing(req, reminder_name)
        now = now_utc()
        with self._sessions.begin() as s:
            m = s.get(Mailing, reminder_id)
            if m is not None:
                m.follow_up_of = mailing_id
                for c in m.cosigners:
                    c.status, c.decided_on = "approved", now.date()
            for r in who:
                if r.person_id is not None:
                    mark_recipient(s, mailing_id, r.person_id, "no_answer", now)
        return reminder_id, who

    def todo(self, until: dt.date | None = None) -> builtins.list[TodoItem]:
        """Open follow-ups due by `until` (default: all) and outbox messages needing a look."""
        today = amsterdam_today()
        items: list[TodoItem] = []
        stmt = (
            select(Interaction, Person, Mailing.name)
            .outerjoin(Person, Person.id == Interaction.person_id)
            .outerjoin(Mailing, Mailing.id == Interaction.mailing_id)
            .where(Interaction.follow_up_on.is_not(None), Interaction.follow_up_done.is_(False))
            .order_by(Interaction.follow_up_on, Interaction.id)
        )
        if until is not None:
            stmt = stmt.where(Interaction.follow_up_on <= until)
        with self._sessions() as s:
            for i, p, mailing_name in s.execute(stmt):
                assert i.follow_up_on is not None
                title = (
                    _("No answer yet to: {mailing}").format(mailing=mailing_name)
                    if mailing_name
                    else i.subject or _("Follow up")
                )
                items.append(
                    TodoItem(
                        due=i.follow_up_on,
                        kind="follow-up",
                        title=title,
                        person=person_name(p),
                        person_id=i.person_id,
                        mailing_id=i.mailing_id,
                        interaction_id=i.id,
                        overdue=i.follow_up_on < today,
                    )
                )
            problems = s.execute(
                select(OutboxMessage).where(OutboxMessage.status.in_(("failed", "sending")))
            ).scalars()
            for m in problems:
                title = (
                    _("Not sent: {subject} ({error})").format(subject=m.subject, error=m.error)
                    if m.status == "failed"
                    else _("Interrupted while sending: {subject}; check whether it arrived").format(
                        subject=m.subject
                    )
                )
                items.append(
                    TodoItem(
                        due=(m.last_attempt_at or m.created_at).astimezone(AMSTERDAM).date(),
                        kind="outbox",
                        title=title,
                        person=m.to_name,
                        person_id=m.person_id,
                        mailing_id=m.mailing_id,
                        interaction_id=None,
                        overdue=True,
                    )
                )
        items.sort(key=lambda t: (t.due, t.kind, t.person))
        return items
