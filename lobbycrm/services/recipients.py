"""Each recipient's status in a mailing, moved forward by what happens to the letter.

drafted (a copy was produced or queued) -> sent -> acknowledged -> replied; `failed` when the
server refused the message or it bounced; `no_answer` once a reminder went out for it.
Automatic changes never go back (an acknowledgement after a reply leaves `replied`); a status
set by hand overrides everything.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from lobbycrm.core import names
from lobbycrm.core.i18n import N_
from lobbycrm.db.models import Mailing, MailingRecipient, Person
from lobbycrm.services.people import name_parts


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def person_name(p: Person | None) -> str:
    return names.display_name(name_parts(p)) if p is not None else ""


# Shown translated with _(status): the outbox's and the recipients' statuses.
STATUS_LABELS = (
    N_("queued"),
    N_("sending"),
    N_("sent"),
    N_("failed"),
    N_("drafted"),
    N_("acknowledged"),
    N_("replied"),
    N_("no_answer"),
)

# Which statuses an automatic change may replace.
_MAY_REPLACE: dict[str, tuple[str, ...]] = {
    "drafted": (),
    "sent": ("drafted", "failed"),
    "failed": ("drafted", "sent", "failed"),
    "no_answer": ("drafted", "sent"),
    "acknowledged": ("drafted", "sent", "failed", "no_answer"),
    "replied": ("drafted", "sent", "failed", "no_answer", "acknowledged"),
}


def mark_recipient(
    s: Session,
    mailing_id: int,
    person_id: int,
    status: str,
    when: dt.datetime,
    note: str | None = None,
    by_hand: bool = False,
) -> MailingRecipient:
    row = s.scalar(
        select(MailingRecipient).where(
            MailingRecipient.mailing_id == mailing_id, MailingRecipient.person_id == person_id
        )
    )
    if row is None:
        row = MailingRecipient(
            mailing_id=mailing_id, person_id=person_id, status=status, by_hand=by_hand, note=""
        )
        s.add(row)
    elif by_hand or row.status in _MAY_REPLACE[status]:
        row.status = status
        row.by_hand = by_hand
    else:
        return row
    if status == "sent" and row.first_sent_at is None:
        row.first_sent_at = when
    if status in ("acknowledged", "replied") and (
        row.answered_at is None or when < row.answered_at
    ):
        row.answered_at = when
    if by_hand and status not in ("acknowledged", "replied"):
        row.answered_at = None
    if note is not None:
        row.note = note[:500]
    return row


def thread(s: Session, mailing_id: int) -> list[int]:
    """The mailing and the mailings it follows up (a reminder, its first letter), newest
    first; stops at a loop."""
    chain: list[int] = []
    current: int | None = mailing_id
    while current is not None and current not in chain:
        chain.append(current)
        current = s.scalar(select(Mailing.follow_up_of).where(Mailing.id == current))
    return chain


def mark_answer_in_thread(
    s: Session, mailing_id: int, person_id: int, status: str, when: dt.datetime
) -> list[int]:
    """An answer to a reminder answers the letter it reminds of too: the earlier mailings
    of the thread where this person is a recipient move forward as well (automatically, so
    a status set there by hand stays). Returns the earlier mailings' ids."""
    earlier = []
    for mid in thread(s, mailing_id)[1:]:
        has_row = s.scalar(
            select(MailingRecipient.id).where(
                MailingRecipient.mailing_id == mid, MailingRecipient.person_id == person_id
            )
        )
        if has_row is not None:
            mark_recipient(s, mid, person_id, status, when)
            earlier.append(mid)
    return earlier
