"""What a person was really sent and how they answered: a draft is never a sent letter.

A letter or e-mail produced for a mailing counts as sent only when the mailing's recipient row
says so (sent, acknowledged, replied, or no answer after a reminder); rendering .eml drafts or
PDFs leaves it `drafted`. A letter or e-mail logged by hand (no mailing) is something the user
says happened, so it counts as sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.orm import Session

from lobbycrm.db.models import Interaction, Mailing, MailingRecipient, OutboxMessage

LETTER_KINDS = ("letter", "email")
ANSWER_KINDS = ("reply", "acknowledgement")
SENT_STATUSES = ("sent", "acknowledged", "replied", "no_answer")
ANSWERED_STATUSES = ("acknowledged", "replied")


@dataclass(frozen=True)
class ContactEntry:
    """One line of a person's contact history."""

    when: dt.datetime
    kind: str  # an interaction kind: letter, email, call, meeting, note, reply, acknowledgement
    subject: str
    # For letters and e-mails: "sent", "drafted" (produced, not sent) or "failed"; else "".
    delivery: str = ""
    # For a sent letter: "replied", "acknowledged" or "" (no answer yet).
    answer: str = ""
    answered_at: dt.datetime | None = None
    mailing_id: int | None = None

    @property
    def is_sent_letter(self) -> bool:
        return self.kind in LETTER_KINDS and self.delivery == "sent"

    def to_json(self) -> dict[str, object]:
        return {
            "when": self.when.isoformat(),
            "kind": self.kind,
            "subject": self.subject,
            "delivery": self.delivery,
            "answer": self.answer,
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "mailing_id": self.mailing_id,
        }

    def state_text(self) -> str:
        """What happened in the user's words: 'e-mail verstuurd, beantwoord 14 mei 2026',
        'brief alleen als concept gemaakt, nooit verstuurd'; never 'sent' for a draft."""
        from lobbycrm.core import labels
        from lobbycrm.core.i18n import _
        from lobbycrm.services.majority_words import day_text

        what = labels.label(labels.INTERACTION_KIND, self.kind)
        if self.kind not in LETTER_KINDS:
            return what
        if self.delivery == "failed":
            return _("{what} did not go out").format(what=what)
        if self.delivery != "sent":
            return _("{what} drafted only, never mailed").format(what=what)
        day = day_text(self.answered_at or self.when)
        if self.answer == "replied":
            answer = _("answered {day}").format(day=day)
        elif self.answer == "acknowledged":
            answer = _("receipt confirmed {day}").format(day=day)
        else:
            answer = _("no answer yet")
        return _("{what} sent, {answer}").format(what=what, answer=answer)


def is_draft_copy() -> ColumnElement[bool]:
    """An interaction logged for a copy produced from a mailing (an .eml draft, a PDF), not for
    a message the outbox sent: those carry the Message-ID of their outbox row."""
    sent = select(OutboxMessage.id).where(OutboxMessage.message_id == Interaction.message_id)
    return and_(
        Interaction.mailing_id.is_not(None),
        Interaction.kind.in_(LETTER_KINDS),
        ~sent.exists(),
    )


def replace_drafts(s: Session, mailing_id: int, person_ids: Iterable[int]) -> int:
    """Remove earlier draft copies of a mailing for these people (before logging new ones)."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    result = s.execute(
        delete(Interaction)
        .where(
            Interaction.mailing_id == mailing_id,
            Interaction.person_id.in_(ids),
            is_draft_copy(),
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class MailingCounts:
    """Each recipient of a mailing counted once, by where the mailing stands for them."""

    recipients: int = 0
    drafted: int = 0  # produced or queued, not (yet) sent
    sent: int = 0  # sent, answered or reminded
    failed: int = 0
    answered: int = 0  # acknowledged or replied (these count as sent too)


def mailing_counts(s: Session, mailing_ids: Iterable[int]) -> dict[int, MailingCounts]:
    ids = sorted(set(mailing_ids))
    found: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        rows = s.execute(
            select(MailingRecipient.mailing_id, MailingRecipient.status, func.count())
            .where(MailingRecipient.mailing_id.in_(ids))
            .group_by(MailingRecipient.mailing_id, MailingRecipient.status)
        ).all()
        for mailing_id, status, n in rows:
            found[mailing_id][status] = int(n)
    out: dict[int, MailingCounts] = {}
    for mailing_id, by_status in found.items():
        out[mailing_id] = MailingCounts(
            recipients=sum(by_status.values()),
            drafted=by_status.get("drafted", 0),
            sent=sum(by_status.get(x, 0) for x in SENT_STATUSES),
            failed=by_status.get("failed", 0),
            answered=sum(by_status.get(x, 0) for x in ANSWERED_STATUSES),
        )
    return out


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def histories(s: Session, person_ids: Iterable[int]) -> dict[int, list[ContactEntry]]:
    """Each person's contacts, newest first; a mailing appears once per person, with where it
    stands for them (drafted, sent, answered)."""
    ids = sorted(set(person_ids))
    out: dict[int, list[ContactEntry]] = {i: [] for i in ids}
    if not ids:
        return out
    recipients = {
        (r.mailing_id, r.person_id): r
        for r in s.scalars(select(MailingRecipient).where(MailingRecipient.person_id.in_(ids)))
    }
    interactions = list(
        s.scalars(
            select(Interaction)
            .where(Interaction.person_id.in_(ids))
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        )
    )
    seen_mailings: set[tuple[int, int]] = set()
    for i in interactions:
        assert i.person_id is not None
        when = _utc(i.occurred_at)
        if i.kind in LETTER_KINDS and i.mailing_id is not None:
            key = (i.mailing_id, i.person_id)
            if key in seen_mailings:
                continue
            seen_mailings.add(key)
            r = recipients.get(key)
            out[i.person_id].append(_mailing_entry(i.kind, i.subject, when, i.mailing_id, r))
        else:
            out[i.person_id].append(
                ContactEntry(when, i.kind, i.subject, "sent" if i.kind in LETTER_KINDS else "")
            )
    # Recipients marked sent without a line on the timeline (marked by hand, say).
    missing = [k for k, r in recipients.items() if k not in seen_mailings]
    if missing:
        names = dict(
            s.execute(
                select(Mailing.id, Mailing.name).where(Mailing.id.in_({m for m, _p in missing}))
            ).all()
        )
        for mailing_id, person_id in missing:
            r = recipients[(mailing_id, person_id)]
            if r.status not in SENT_STATUSES or person_id is None:
                continue
            when = _utc(r.first_sent_at or r.created_at)
            entry = _mailing_entry("letter", names.get(mailing_id, ""), when, mailing_id, r)
            out[person_id].append(entry)
    for person_id, entries in out.items():
        entries.sort(key=lambda e: e.when, reverse=True)
        out[person_id] = _answer_hand_logged(entries)
    return out


def _mailing_entry(
    kind: str, subject: str, when: dt.datetime, mailing_id: int, r: MailingRecipient | None
) -> ContactEntry:
    status = r.status if r is not None else "drafted"
    if status in SENT_STATUSES:
        assert r is not None
        sent_at = _utc(r.first_sent_at) if r.first_sent_at else when
        answer = status if status in ANSWERED_STATUSES else ""
        answered = _utc(r.answered_at) if answer and r.answered_at else None
        return ContactEntry(sent_at, kind, subject, "sent", answer, answered, mailing_id)
    return ContactEntry(
        when, kind, subject, "failed" if status == "failed" else "drafted", "", None, mailing_id
    )


def _answer_hand_logged(entries: list[ContactEntry]) -> list[ContactEntry]:
    """A letter logged by hand counts as answered by a reply or acknowledgement logged after
    it (and before the next letter)."""
    out: list[ContactEntry] = []
    answer: ContactEntry | None = None  # the oldest answer seen since the last letter (newer)
    for e in entries:  # newest first
        if e.kind in ANSWER_KINDS:
            answer = e
        elif e.is_sent_letter and e.mailing_id is None:
            if answer is not None:
                kind = "replied" if answer.kind == "reply" else "acknowledged"
                e = ContactEntry(e.when, e.kind, e.subject, e.delivery, kind, answer.when, None)
            answer = None
        elif e.kind in LETTER_KINDS:
            answer = None if e.delivery == "sent" else answer
        out.append(e)
    return out


def last_sent(entries: Iterable[ContactEntry]) -> ContactEntry | None:
    """The newest letter or e-mail that really went out."""
    return next((e for e in entries if e.is_sent_letter), None)
