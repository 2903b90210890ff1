"""Outreach: the outbox of e-mails to send and each recipient's status per mailing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from lobbycrm.db.models.base import Base, Timestamped, UTCDateTime, one_of

OUTBOX_STATUSES = ("queued", "sending", "sent", "failed")
RECIPIENT_STATUSES = ("drafted", "sent", "failed", "acknowledged", "replied", "no_answer")


class OutboxMessage(Timestamped, Base):
    """One e-mail, stored as the exact bytes that go to the server (so a resend is identical).

    `sending` is written (and committed, with `claimed_by` naming the run) before the
    conversation with the server starts; `handed_over_at` is committed just before the last
    line of the message (the one that asks the server to take it) goes out; `sent` or
    `failed` replaces `sending` right after the server's answer. A row left `sending`
    without `handed_over_at` by a run that is gone was never taken by the server and goes
    back to the queue; with `handed_over_at` nobody knows, so it is held for a check.
    """

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    mailing_id: Mapped[int] = mapped_column(
        ForeignKey("mailing.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    to_name: Mapped[str] = mapped_column(String(300), default="")
    to_email: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500), default="")
    message_id: Mapped[str] = mapped_column(String(300), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    handed_over_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    follow_up_days: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (one_of("status", ("queued", "sending", "sent", "failed")),)


class MailingRecipient(Timestamped, Base):
    """Where a mailing stands for one recipient: drafted, sent, failed, answered or not."""

    __tablename__ = "mailing_recipient"

    id: Mapped[int] = mapped_column(primary_key=True)
    mailing_id: Mapped[int] = mapped_column(
        ForeignKey("mailing.id", ondelete="CASCADE"), index=True
    )
    # Empty once the person was erased (privacy): the row stays so the mailing's counts do.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12), default="drafted")
    first_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    by_hand: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(500), default="")
    # For an erased recipient: the organisations where they held a role when the letter went
    # out (JSON list of ids), so a campaign's council counts stay as they were.
    held_org_ids: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        UniqueConstraint("mailing_id", "person_id", name="uq_mailing_recipient"),
        one_of("status", ("drafted", "sent", "failed", "acknowledged", "replied", "no_answer")),
    )
