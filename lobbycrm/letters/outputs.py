"""Turn a rendered letter into an e-mail draft (.eml), HTML and plain text."""

from __future__ import annotations

import base64
import datetime as dt
import html
import mimetypes
import random
import re
import sys
from dataclasses import dataclass, field
from email import encoders
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path


def one_line(text: str) -> str:
    """Header-safe: CR, LF and other control characters can never start a new header."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


@dataclass(frozen=True)
class Letterhead:
    organisation: str = ""
    name: str = ""
    function: str = ""
    email: str = ""
    place: str = ""
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file attached to every copy, read once (not once per recipient)."""

    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Copy:
    """One recipient's copy, ready to be written in any format."""

    person_id: int
    file_stem: str
    to_name: str
    to_email: str | None
    address_lines: tuple[str, ...]
    subject: str
    body: str
    date: dt.date
    attachments: tuple[Attachment | Path, ...] = field(default_factory=tuple)


def body_html(body: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def letter_html(copy: Copy, head: Letterhead, date_text: str, for_print: bool) -> str:
    """A whole letter as HTML; printed (HTML, PDF) it is the page of lobbycrm.letters.layout."""
    if for_print:
        from lobbycrm.letters.layout import build_page, page_html

        return page_html(build_page(copy, head))
    parts = [
        "<html><head><meta charset='utf-8'><style>"
        "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10.5pt;}"
        "</style></head><body>"
    ]
    parts.append(body_html(copy.body))
    parts.append("</body></html>")
    return "".join(parts)


_BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))
_TEXT_PART = (
    'Content-Type: text/{kind}; charset="utf-8"\nMIME-Version: 1.0\n'
    "Content-Transfer-Encoding: base64\n\n"
)


def _fold(name: str, value: str) -> bytes:
    """A header line as the email package writes it: a short plain ASCII line as it is, any
    other folded by the package itself."""
    line = f"{name}: {value}\n"
    if len(line) <= 79 and line.isascii() and "  " not in value and value.isprintable():
        return line.encode("ascii")
    return compat32.fold_binary(name, value)


def draft_eml(copy: Copy, head: Letterhead, html_body: str) -> tuple[bytes, str]:
    """The bytes of `build_eml(copy, head, html_body).as_bytes()` and the Message-ID, written
    directly for a draft without attachments: the same headers in the same order, folded by the
    same policy, the same base64 parts, only the boundary drawn here. Building and flattening
    the message objects was most of the time of a thousand drafts."""
    if copy.attachments or not copy.to_email:
        msg = build_eml(copy, head, html_body)
        return msg.as_bytes(), str(msg["Message-ID"])
    token = random.randrange(sys.maxsize)
    boundary = "=" * 15 + f"{token:0{_BOUNDARY_DIGITS}d}" + "=="
    fold = _fold
    headers = [
        fold("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        b"MIME-Version: 1.0\n",
    ]
    if head.email:
        sender = (one_line(head.name or head.organisation), one_line(head.email))
        headers.append(fold("From", formataddr(sender, charset="utf-8")))
    to = formataddr((one_line(copy.to_name), one_line(copy.to_email)), charset="utf-8")
    headers.append(fold("To", to))
    headers.append(fold("Subject", _header(copy.subject)))
    headers.append(fold("Date", format_datetime(dt.datetime.now(dt.UTC))))
    domain = head.email.rpartition("@")[2] if head.email else "lobbycrm.invalid"
    message_id = make_msgid(domain=one_line(domain))
    headers.append(fold("Message-ID", message_id))
    headers.append(b"X-Unsent: 1\n")
    line = f"--{boundary}\n".encode("ascii")
    parts = [
        *headers,
        b"\n",
        line,
        _TEXT_PART.format(kind="plain").encode("ascii"),
        base64.encodebytes(copy.body.encode("utf-8")),
        b"\n",
        line,
        _TEXT_PART.format(kind="html").encode("ascii"),
        base64.encodebytes(html_body.encode("utf-8")),
        b"\n",
        f"--{boundary}--\n".encode("ascii"),
    ]
    return b"".join(parts), message_id


def _header(text: str) -> str:
    clean = one_line(text)
    return clean if clean.isascii() else Header(clean, "utf-8").encode()


def build_eml(
    copy: Copy, head: Letterhead, html_body: str, draft: bool = True, now: dt.datetime | None = None
) -> Message:
    """RFC 5322 message with text and HTML bodies and attachments; a draft carries X-Unsent.

    Built with the classic MIME classes: the modern header registry parses every header it
    sets and is several times slower, which matters for a thousand copies.
    """
    if not copy.to_email:
        raise ValueError("recipient has no e-mail address")
    bodies = MIMEMultipart("alternative")
    bodies.attach(MIMEText(copy.body, "plain", "utf-8"))
    bodies.attach(MIMEText(html_body, "html", "utf-8"))
    if copy.attachments:
        msg: Message = MIMEMultipart("mixed")
        msg.attach(bodies)
        for item in copy.attachments:
            data = item.read_bytes() if isinstance(item, Path) else item.data
            ctype, _enc = mimetypes.guess_type(item.name)
            maintype, subtype = (ctype or "application/octet-stream").split("/", 1)
            part = MIMEBase(maintype, subtype)
            part.set_payload(data)
            encoders.encode_base64(part)
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", item.name))
            msg.attach(part)
    else:
        msg = bodies
    if head.email:
        msg["From"] = formataddr(
            (one_line(head.name or head.organisation), one_line(head.email)), charset="utf-8"
        )
    msg["To"] = formataddr((one_line(copy.to_name), one_line(copy.to_email)), charset="utf-8")
    msg["Subject"] = _header(copy.subject)
    msg["Date"] = format_datetime(now or dt.datetime.now(dt.UTC))
    domain = head.email.rpartition("@")[2] if head.email else "lobbycrm.invalid"
    msg["Message-ID"] = make_msgid(domain=one_line(domain))
    if draft:
        msg["X-Unsent"] = "1"
    return msg
