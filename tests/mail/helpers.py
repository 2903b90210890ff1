"""Small helpers shared by the mail tests."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from aiosmtpd.smtp import Envelope

from lobbycrm.bootstrap import Context


def parsed(envelope: Envelope) -> EmailMessage:
    data = envelope.content if isinstance(envelope.content, bytes) else b""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def setup_plain(ctx: Context, port: int, pause: float = 0.0) -> None:
    """A loopback relay without login (no keyring needed)."""
    ctx.services.mail.setup(
        host="127.0.0.1",
        port=port,
        security="none",
        from_address="Noor Jansen <noor@amnesty.example>",
        pause=pause,
    )
