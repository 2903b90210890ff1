"""Reading received mail (.eml files, folders of them, mbox files) for replies to mailings.

Each message becomes an `Incoming`: who sent it, when, the Message-IDs it answers
(In-Reply-To and References), and what kind it is: a reply written by a person, an
acknowledgement (automatic reply, receipt confirmation, read receipt) or a bounce (a delivery
status notification, with the Message-ID of the message that did not arrive).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import mailbox
import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_datetime, clean_text

KINDS = ("reply", "acknowledgement", "bounce")

_MSGID = re.compile(r"<[^<>\s]+>")
_ACK_SUBJECT = re.compile(
    r"^\s*(ontvangstbevestiging|bevestiging van ontvangst|automatisch antwoord|automatisch"
    r" bericht|afwezigheidsbericht|afwezig|autoreply|auto-reply|automatic reply|auto:"
    r"|out of office|received:|gelezen:|read:|ontvangen:)",
    re.IGNORECASE,
)
_ACK_WORDS = re.compile(
    r"ontvangstbevestiging|bevestiging van ontvangst|acknowledg(e)?ment of receipt",
    re.IGNORECASE,
)
_BOUNCE_SENDER = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)


@dataclass(frozen=True)
class Incoming:
    source: str  # file (and message number in an mbox) for messages to the user
    message_id: str
    from_address: str
    from_name: str
    date: dt.datetime  # aware, UTC
    subject: str
    answers: tuple[str, ...]  # Message-IDs from In-Reply-To and References, nearest first
    kind: str
    bounced: tuple[str, ...] = ()  # for a bounce: the Message-IDs that did not arrive
    reason: str = ""  # for a bounce: the server's words


def message_ids(text: str | None) -> list[str]:
    return _MSGID.findall(text or "")


def _text(msg: EmailMessage, name: str) -> str:
    """A header as one clean line (NFC, no control or invisible characters), bounded."""
    try:
        value = msg.get(name)
        text = str(value) if value is not None else ""
    except (ValueError, TypeError, IndexError, LookupError):
        return ""  # a header the parser can't make sense of counts as absent
    return clean_text(text[:2000])


def _kind(msg: EmailMessage, from_address: str, subject: str) -> str:
    ctype = msg.get_content_type()
    report = str(msg.get_param("report-type", "") or "").lower()
    if ctype == "multipart/report" and report == "delivery-status":
        return "bounce"
    if _BOUNCE_SENDER.match(from_address) and ctype.startswith("multipart/"):
        return "bounce"
    if ctype == "multipart/report" and report == "disposition-notification":
        return "acknowledgement"
    auto = _text(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return "acknowledgement"
    if msg.get("X-Autoreply") or msg.get("X-Autorespond"):
        return "acknowledgement"
    if _ACK_SUBJECT.match(subject) or _ACK_WORDS.search(subject):
        return "acknowledgement"
    return "reply"


def _bounce_details(msg: EmailMessage) -> tuple[tuple[str, ...], str]:
    ids: list[str] = []
    reason = ""
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                inner = payload[0]
                if isinstance(inner, Message):
                    ids += message_ids(str(inner.get("Message-ID", "")))
            else:
                text = payload if isinstance(payload, str) else ""
                found = re.search(r"^Message-ID:\s*(<[^>]+>)", text, re.IGNORECASE | re.MULTILINE)
                if found:
                    ids.append(found.group(1))
        elif ctype == "message/delivery-status":
            text = str(part.get_payload() if not part.is_multipart() else "")
            if part.is_multipart():
                text = " ".join(str(p) for p in part.get_payload())
            found = re.search(r"Diagnostic-Code:\s*[^;]*;\s*(.+)", text)
            if found:
                reason = " ".join(found.group(1).split())
    return tuple(dict.fromkeys(ids)), reason


def parse(raw: bytes, source: str, fallback_date: dt.datetime) -> Incoming:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    name, address = parseaddr(_text(msg, "From"))
    if not address:
        senders = getaddresses([_text(msg, "Sender"), _text(msg, "Reply-To")])
        name, address = next(((n, a) for n, a in senders if a), ("", ""))
    subject = _text(msg, "Subject")
    try:
        date = parsedate_to_datetime(_text(msg, "Date")) if msg.get("Date") else None
    except (TypeError, ValueError, OverflowError, IndexError):
        date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    try:
        if date is not None:
            check_datetime("Date", date)
    except ValidationError:
        date = None  # a Date in the year 9999 (or 1) says nothing: the file's time is used
    if date is None:
        date = fallback_date
    answers = message_ids(_text(msg, "In-Reply-To"))
    answers += reversed(message_ids(_text(msg, "References")))
    own = [m for m in message_ids(_text(msg, "Message-ID")) if len(m) <= 300]
    if own:
        message_id = own[0]
    else:  # stable, so importing the same file twice still finds it
        digest = hashlib.sha1(raw).hexdigest()[:24]
        message_id = f"<{digest}@lobbycrm.derived>"
    kind = _kind(msg, address, subject)
    bounced, reason = _bounce_details(msg) if kind == "bounce" else ((), "")
    return Incoming(
        source=source,
        message_id=message_id,
        from_address=address.strip().lower(),
        from_name=name.strip(),
        date=date.astimezone(dt.UTC),
        subject=subject,
        answers=tuple(dict.fromkeys(answers)),
        kind=kind,
        bounced=bounced,
        reason=reason,
    )


def _is_mbox(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(5) == b"From "


def read(paths: list[Path]) -> list[Incoming]:
    """Every message in the given files and folders (.eml, mbox); a bad file names itself."""
    out: list[Incoming] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".eml"
            )
        elif path.is_file():
            files.append(path)
        else:
            raise ValidationError(_("file"), str(path), _("file not found"))
    for path in files:
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        try:
            if _is_mbox(path):
                box = mailbox.mbox(path, create=False)
                try:
                    for i, key in enumerate(box.keys(), start=1):
                        raw = box.get_bytes(key)
                        out.append(parse(raw, f"{path.name} #{i}", mtime))
                finally:
                    box.close()
            else:
                raw = path.read_bytes()
                item = parse(raw, path.name, mtime)
                if not item.from_address and not item.answers:
                    raise ValidationError(
                        _("file"), str(path), _("not an e-mail message (no sender, no headers)")
                    )
                out.append(item)
        except OSError as exc:
            raise file_problem(path, exc) from None
    return out
