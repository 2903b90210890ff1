"""The outbox: mailings sent over SMTP, one message per recipient, each exactly once.

Sending is crash-safe: every message is first queued (its exact bytes and a stable
Message-ID stored in one transaction). Each message is then claimed (`sending`, committed,
naming the run), its envelope and text go to the server, `handed_over_at` is committed just
before the final line that asks the server to take it, and the message is recorded as `sent`
together with its interaction in one commit, or as `failed` with the server's words.
Resuming sends what is `queued` or `failed`, and first puts back in the queue what a stopped
run had claimed but not handed over (the server cannot have it). Only a message handed over
without an answer (the program or the connection stopped in that instant) is held until the
user says whether it arrived, so nobody ever gets a second copy.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import email
import email.policy
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _, datum
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import Interaction, Mailing, OutboxMessage
from lobbycrm.letters.outputs import Letterhead, build_eml, letter_html
from lobbycrm.mail import claims
from lobbycrm.mail.smtp import (
    SmtpConnection,
    SmtpFailure,
    refuses_reserved,
    reserved_refusal,
)
from lobbycrm.services.changes import Changes
from lobbycrm.services.correspondence import replace_drafts
from lobbycrm.services.dto import Jsonable
from lobbycrm.services.interactions import InteractionInput, build_interaction
from lobbycrm.services.letters import LetterRequest, LetterService, remember_attachments
from lobbycrm.services.lookup import get_or_fail
from lobbycrm.services.mail_settings import MailService, MailSettings
from lobbycrm.services.recipients import mark_recipient, now_utc, thread

RETRYABLE = ("queued", "failed")
# The sending runs of this process that are still going (see claims.claim_abandoned).
_LIVE_CLAIMS: set[str] = set()


@dataclass
class QueueReport:
    mailing_id: int = 0
    version: int = 0
    recipients: int = 0
    queued: list[int] = field(default_factory=list)  # outbox ids
    already: int = 0  # recipients who already had a message of this mailing in the outbox
    skipped: list[str] = field(default_factory=list)


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # id, address, reason
    stopped: str = ""  # why the batch stopped early (connection, server), if it did
    cancelled: bool = False
    remaining: int = 0  # still queued or failed afterwards
    interrupted: list[int] = field(default_factory=list)  # held: handed over, no answer
    elsewhere: list[int] = field(default_factory=list)  # being sent by another run right now

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stopped and not self.interrupted


@dataclass(frozen=True)
class OutboxRow(Jsonable):
    id: int
    mailing_id: int
    mailing: str
    person_id: int | None
    to_name: str
    to_email: str
    subject: str
    message_id: str
    status: str
    attempts: int
    error: str
    queued_at: dt.datetime
    sent_at: dt.datetime | None


class OutboxService:
    def __init__(
        self, sessions: sessionmaker[Session], letters: LetterService, mail: MailService
    ) -> None:
        self._sessions = sessions
        self._letters = letters
        self._mail = mail
        self.sleep: Callable[[float], None] = time.sleep  # tests may speed this up

    def _head(self, cfg: MailSettings) -> Letterhead:
        head = self._letters.letterhead()
        return dataclasses.replace(
            head, email=cfg.from_address, name=cfg.from_name or head.name or head.organisation
        )

    def queue(
        self,
        req: LetterRequest,
        mailing_id: int | None = None,
        follow_up_days: int | None = None,
    ) -> QueueReport:
        """Render every copy and queue one message per recipient with an e-mail address.

        Recipients who already have a message of this mailing in the outbox are not queued
        again (so `letters send --mailing N` twice sends nobody a second copy).
        """
        cfg = self._mail.configured()
        days = cfg.follow_up_days if follow_up_days is None else follow_up_days
        if not 0 <= days <= 3650:
            raise ValidationError("--follow-up-days", days, _("must be 0 or more days"))
        req = dataclasses.replace(req, fmt="eml")
        req, mailing_id, version, copies = self._letters.prepare(req, mailing_id)
        head = self._head(cfg)
        domain = cfg.from_address.rpartition("@")[2]
        report = QueueReport(mailing_id=mailing_id, version=version, recipients=len(copies))
        now = now_utc()
        with self._sessions.begin() as s:
            remember_attachments(s, mailing_id, req.attachments)
            have = set(
                s.scalars(
                    select(OutboxMessage.person_id).where(OutboxMessage.mailing_id == mailing_id)
                )
            )
            for copy in copies:
                if copy.person_id in have:
                    report.already += 1
                    continue
                if not copy.to_email:
                    report.skipped.append(_("{name}: no e-mail address").format(name=copy.to_name))
                    mark_recipient(
                        s, mailing_id, copy.person_id, "failed", now, _("no e-mail address")
                    )
                    continue
                html = letter_html(copy, head, datum(copy.date), for_print=False)
                msg = build_eml(copy, head, html, draft=False)
                token = secrets.token_hex(6)
                message_id = f"<lobbycrm.{mailing_id}.{copy.person_id}.{token}@{domain}>"
                del msg["Message-ID"]
                msg["Message-ID"] = message_id
                earlier = self._earlier_messages(s, mailing_id, copy.person_id)
                if earlier:
                    # A reminder joins the first letter's thread in the recipient's mail
                    # program; answers to either are matched to this mailing's thread.
                    msg["In-Reply-To"] = earlier[-1]
                    msg["References"] = " ".join(earlier)
                row = OutboxMessage(
                    mailing_id=mailing_id,
                    person_id=copy.person_id,
                    version=version,
                    to_name=copy.to_name[:300],
                    to_email=copy.to_email,
                    subject=copy.subject[:500],
                    message_id=message_id,
                    raw=msg.as_bytes(),
                    status="queued",
                    follow_up_days=days,
                )
                s.add(row)
                s.flush()
                report.queued.append(row.id)
                mark_recipient(s, mailing_id, copy.person_id, "drafted", now)
        return report

    @staticmethod
    def _earlier_messages(s: Session, mailing_id: int, person_id: int) -> builtins.list[str]:
        """Message-IDs this person was sent earlier in the mailing's thread, oldest first."""
        found: list[str] = []
        for earlier in reversed(thread(s, mailing_id)[1:]):
            mid = s.scalar(
                select(OutboxMessage.message_id).where(
                    OutboxMessage.mailing_id == earlier,
                    OutboxMessage.person_id == person_id,
                    OutboxMessage.status == "sent",
                )
            ) or s.scalar(
                select(Interaction.message_id).where(
                    Interaction.mailing_id == earlier,
                    Interaction.person_id == person_id,
                    Interaction.kind == "email",
                    Interaction.message_id.is_not(None),
                )
            )
            if mid:
                found.append(mid)
        return found

    # --- sending -------------------------------------------------------------------------

    def _claim(
        self, message_id: int, statuses: tuple[str, ...], claim: str
    ) -> OutboxMessage | None:
        """Mark one message `sending` (committed) unless another run took it meanwhile."""
        with self._sessions.begin() as s:
            done = s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.status.in_(statuses))
                .values(
                    status="sending",
                    claimed_by=claim,
                    handed_over_at=None,
                    attempts=OutboxMessage.attempts + 1,
                    last_attempt_at=now_utc(),
                    updated_at=now_utc(),
                )
            )
            if getattr(done, "rowcount", 0) != 1:
                return None
            row = s.get(OutboxMessage, message_id)
            if row is not None:
                s.expunge(row)
            return row

    def _record_sent(self, row: OutboxMessage) -> None:
        """The server took it: say so at once (one small commit, so the instant in which a
        stop leaves the message uncertain is as short as it can be), then log it."""
        now = now_utc()
        with self._sessions.begin() as s:
            s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(
                    status="sent",
                    sent_at=now,
                    error="",
                    claimed_by="",
                    handed_over_at=func.coalesce(OutboxMessage.handed_over_at, now),
                    updated_at=now,
                )
            )
        self._log_sent(row.id)

    def _log_sent(self, message_id: int) -> None:
        """The sent message on the recipient's timeline (with its follow-up date) and in the
        mailing's recipient status; does nothing when that was done already."""
        with self._sessions.begin() as s:
            m = s.get(OutboxMessage, message_id)
            if m is None or m.person_id is None or m.status != "sent":
                return
            logged = s.scalar(
                select(Interaction.id).where(
                    Interaction.message_id == m.message_id, Interaction.kind == "email"
                )
            )
            if logged is not None:
                return
            when = m.sent_at or now_utc()
            mailing = s.get(Mailing, m.mailing_id)
            follow = (
                when.astimezone(AMSTERDAM).date() + dt.timedelta(days=m.follow_up_days)
                if m.follow_up_days
                else None
            )
            build_interaction(
                s,
                InteractionInput(
                    kind="email",
                    occurred_at=when,
                    person_id=m.person_id,
                    subject=m.subject,
                    notes=_("Sent to {address}, mailing {mailing}, version {version}").format(
                        address=m.to_email,
                        mailing=mailing.name if mailing else m.mailing_id,
                        version=m.version,
                    ),
                    dossier_id=mailing.dossier_id if mailing else None,
                    event_id=mailing.event_id if mailing else None,
                    mailing_id=m.mailing_id,
                    follow_up_on=follow,
                    message_id=m.message_id,
                ),
            )
            mark_recipient(s, m.mailing_id, m.person_id, "sent", when)
            # The message that went out takes the place of the drafts made before it.
            replace_drafts(s, m.mailing_id, [m.person_id])

    def _log_unlogged(self) -> None:
        """Sent messages whose logging a stop cut off (between the two commits)."""
        logged = select(Interaction.id).where(
            Interaction.message_id == OutboxMessage.message_id, Interaction.kind == "email"
        )
        with self._sessions() as s:
            ids = list(
                s.scalars(
                    select(OutboxMessage.id).where(
                        OutboxMessage.status == "sent",
                        OutboxMessage.person_id.is_not(None),
                        ~logged.exists(),
                    )
                )
            )
        for message_id in ids:
            self._log_sent(message_id)

    def _handing_over(self, message_id: int) -> None:
        """Committed before the server can take the message: from here on it is uncertain."""
        with self._sessions.begin() as s:
            s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(handed_over_at=now_utc())
            )

    def _release(self, message_id: int, reason: str = "") -> None:
        """Back to the queue: the server cannot have taken it."""
        with self._sessions.begin() as s:
            s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.status == "sending")
                .values(status="queued", claimed_by="", error=reason, updated_at=now_utc())
            )

    def _record_uncertain(self, message_id: int, reason: str) -> None:
        """Left `sending` (held for the user to settle), with what happened."""
        with self._sessions.begin() as s:
            s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(error=reason[:2000], updated_at=now_utc())
            )

    def recover_abandoned(self) -> builtins.list[int]:
        """Put right what a stopped run left: sent messages not yet logged are logged, and
        messages it had claimed but not yet handed over go back to the queue.

        Claims of runs still going (in this process or another one on this machine) are left
        alone, as are messages that were handed over (they may have arrived).
        """
        self._log_unlogged()
        now = now_utc()
        with self._sessions() as s:
            rows = s.execute(
                select(
                    OutboxMessage.id, OutboxMessage.claimed_by, OutboxMessage.last_attempt_at
                ).where(OutboxMessage.status == "sending", OutboxMessage.handed_over_at.is_(None))
            ).all()
        gone = [
            i for i, claim, tried in rows if claims.claim_abandoned(claim, tried, _LIVE_CLAIMS, now)
        ]
        for message_id in gone:
            self._release(
                message_id, _("the program stopped before the server could take this message")
            )
        return gone

    def _record_failed(self, row: OutboxMessage, reason: str) -> None:
        with self._sessions.begin() as s:
            m = s.get(OutboxMessage, row.id)
            if m is None:
                return
            m.status, m.error, m.claimed_by = "failed", reason, ""
            if m.person_id is not None:
                mark_recipient(s, m.mailing_id, m.person_id, "failed", now_utc(), reason)

    def _wire_bytes(self, raw: bytes) -> bytes:
        """The stored message as it goes on the wire: today's Date, the same Message-ID and
        content, and CRLF line ends (smtplib passes bytes on as they are; servers refuse
        bare LF)."""
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        del msg["Date"]
        msg["Date"] = format_datetime(now_utc())
        return msg.as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))

    def pending(self, mailing_id: int | None = None) -> builtins.list[int]:
        stmt = select(OutboxMessage.id).where(OutboxMessage.status.in_(RETRYABLE))
        if mailing_id is not None:
            stmt = stmt.where(OutboxMessage.mailing_id == mailing_id)
        with self._sessions() as s:
            return list(s.scalars(stmt.order_by(OutboxMessage.id)))

    def send(
        self,
        ids: builtins.list[int] | None = None,
        mailing_id: int | None = None,
        pause: float | None = None,
        progress: Callable[[int, int], bool] | None = None,
        resend_interrupted: bool = False,
    ) -> SendReport:
        """Send what is queued or failed (or just `ids`), one commit per message.

        `progress(done, total)` is called before each message and during pauses; returning
        False stops after the current message (the rest stays queued).
        """
        cfg = self._mail.configured()
        pause = cfg.pause if pause is None else pause
        if pause < 0:
            raise ValidationError("--pause", pause, _("must be between 0 and 3600 seconds"))
        statuses = (*RETRYABLE, "sending") if resend_interrupted else RETRYABLE
        report = SendReport()
        self.recover_abandoned()
        with self._sessions() as s:
            stmt = select(
                OutboxMessage.id,
                OutboxMessage.status,
                OutboxMessage.handed_over_at.is_not(None),
            ).order_by(OutboxMessage.id)
            if ids is not None:
                stmt = stmt.where(OutboxMessage.id.in_(ids))
            if mailing_id is not None:
                stmt = stmt.where(OutboxMessage.mailing_id == mailing_id)
            found = s.execute(stmt).all()
        if ids is not None:
            missing = sorted(set(ids) - {i for i, _st, _h in found})
            if missing:
                raise ValidationError(_("message"), missing[0], _("no such message in the outbox"))
        # Still `sending` after the recovery: held (handed over, no answer), or claimed by
        # a run that is still going, which is left alone whatever the options say.
        held = [i for i, st, handed in found if st == "sending" and handed]
        report.elsewhere = [i for i, st, handed in found if st == "sending" and not handed]
        todo = [i for i, st, _h in found if st in RETRYABLE or (resend_interrupted and i in held)]
        report.interrupted = [] if resend_interrupted else held
        todo = self._refuse_reserved(cfg.host, todo, statuses, report)
        if todo:
            claim = claims.new_claim()
            _LIVE_CLAIMS.add(claim)
            try:
                with self._mail.connection(cfg) as conn:
                    self._send_batch(conn, cfg, todo, statuses, claim, pause, progress, report)
            finally:
                _LIVE_CLAIMS.discard(claim)
        report.remaining = len(self.pending(mailing_id))
        return report

    def _refuse_reserved(
        self,
        host: str,
        todo: builtins.list[int],
        statuses: tuple[str, ...],
        report: SendReport,
    ) -> builtins.list[int]:
        """Messages to reserved example addresses (the demo's) fail at once, before any
        connection is made; what is left is returned."""
        with self._sessions() as s:
            found = s.execute(
                select(OutboxMessage.id, OutboxMessage.to_email).where(OutboxMessage.id.in_(todo))
            ).all()
        refused = {i: to for i, to in found if refuses_reserved(host, to)}
        for message_id, to in refused.items():
            row = self._claim(message_id, statuses, claims.new_claim())
            if row is not None:
                reason = reserved_refusal(to)
                self._record_failed(row, reason)
                report.failed.append((row.id, to, reason))
        return [i for i in todo if i not in refused]

    def _send_batch(
        self,
        conn: SmtpConnection,
        cfg: MailSettings,
        todo: builtins.list[int],
        statuses: tuple[str, ...],
        claim: str,
        pause: float,
        progress: Callable[[int, int], bool] | None,
        report: SendReport,
    ) -> None:
        for n, message_id in enumerate(todo):
            if n and pause and not self._wait(pause, progress, n, len(todo)):
                report.cancelled = True
                return
            if progress is not None and not progress(n, len(todo)):
                report.cancelled = True
                return
            row = self._claim(message_id, statuses, claim)
            if row is None:
                continue
            handed_over = False

            def handing_over(message_id: int = row.id) -> None:
                nonlocal handed_over
                self._handing_over(message_id)
                handed_over = True

            try:
                conn.send(cfg.from_address, row.to_email, self._wire_bytes(row.raw), handing_over)
            except SmtpFailure as exc:
                reason = str(exc)
                if exc.uncertain:
                    self._record_uncertain(row.id, reason)
                    report.interrupted.append(row.id)
                    report.stopped = reason
                    return
                self._record_failed(row, reason)
                report.failed.append((row.id, row.to_email, reason))
                if not exc.permanent:
                    report.stopped = reason
                    return
                continue
            except BaseException:
                # Anything else (a bug, Ctrl+C): what the server cannot have taken is queued
                # again at once; a message it may have taken stays held.
                if not handed_over:
                    self._release(row.id)
                raise
            self._record_sent(row)
            report.sent.append(row.id)
            if progress is not None:
                progress(n + 1, len(todo))

    def _wait(
        self, seconds: float, progress: Callable[[int, int], bool] | None, n: int, total: int
    ) -> bool:
        """Pause between two messages; False when the user stopped meanwhile."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.sleep(min(left, 0.2))
            if progress is not None and not progress(n, total):
                return False
        return True

    def resolve_interrupted(self, message_id: int, arrived: bool) -> Changes:
        """The user checked a message left `sending`: it arrived (sent) or not (queued)."""
        self.recover_abandoned()
        with self._sessions() as s:
            row = get_or_fail(s, OutboxMessage, message_id, _("message"))
            status, handed = row.status, row.handed_over_at is not None
        if status == "sending" and not handed:
            raise ValidationError(
                _("message"), message_id, _("another run is sending this message right now")
            )
        if status != "sending":
            raise ValidationError(
                _("message"), message_id, _("only an interrupted message can be settled")
            )
        if arrived:
            self._record_sent(row)
        else:
            with self._sessions.begin() as s:
                s.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == message_id)
                    .values(status="queued", error="", claimed_by="", updated_at=now_utc())
                )
        return Changes.of("outbox", ids=(message_id,))

    def cancel(self, message_id: int) -> Changes:
        """Take a message that was not sent out of the outbox."""
        with self._sessions.begin() as s:
            row = get_or_fail(s, OutboxMessage, message_id, _("message"))
            if row.status not in RETRYABLE:
                raise ValidationError(
                    _("message"), message_id, _("only a queued or failed message can be removed")
                )
            s.delete(row)
        return Changes.of("outbox", ids=(message_id,))

    def outbox(
        self, mailing_id: int | None = None, status: str | None = None
    ) -> builtins.list[OutboxRow]:
        stmt = (
            select(OutboxMessage, Mailing.name)
            .join(Mailing, Mailing.id == OutboxMessage.mailing_id)
            .order_by(OutboxMessage.id)
        )
        if mailing_id is not None:
            stmt = stmt.where(OutboxMessage.mailing_id == mailing_id)
        if status is not None:
            stmt = stmt.where(OutboxMessage.status == status)
        with self._sessions() as s:
            return [
                OutboxRow(
                    id=m.id,
                    mailing_id=m.mailing_id,
                    mailing=name,
                    person_id=m.person_id,
                    to_name=m.to_name,
                    to_email=m.to_email,
                    subject=m.subject,
                    message_id=m.message_id,
                    status=m.status,
                    attempts=m.attempts,
                    error=m.error,
                    queued_at=m.created_at,
                    sent_at=m.sent_at,
                )
                for m, name in s.execute(stmt)
            ]
