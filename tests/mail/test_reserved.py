"""Demo addresses cannot be mailed through a real server (issue 16)."""

from __future__ import annotations

from collections import Counter

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.reserved import is_fictional_phone, is_local_host, is_reserved_email
from lobbycrm.mail.smtp import SmtpConfig, SmtpConnection, SmtpFailure
from lobbycrm.services.letters import LetterRequest

SENATORS = LetterRequest(
    template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1, allow_pending=True
)


def test_sending_the_demo_letter_through_a_real_server_is_refused(demo_ctx: Context) -> None:
    """A real server configured: every demo message fails at once, with a clear reason, and
    no connection is even tried (the host does not exist; trying would stop the run)."""
    demo_ctx.services.mail.setup(
        host="smtp.amnesty.example",
        port=587,
        security="none",
        from_address="Noor Jansen <noor@amnesty.example>",
        pause=0,
    )
    outbox = demo_ctx.services.outbox
    queued = outbox.queue(SENATORS)
    assert len(queued.queued) == 19
    report = outbox.send(pause=0)
    assert report.sent == [] and len(report.failed) == 19 and not report.stopped
    reason = report.failed[0][2]
    assert "gereserveerd voorbeeldadres" in reason and "niets naartoe verzonden" in reason
    assert "eerstekamer.example" in reason
    assert Counter(r.status for r in outbox.outbox()) == {"failed": 19}
    statuses = demo_ctx.services.replies.recipients(queued.mailing_id)
    assert {r.status for r in statuses} == {"failed"}
    # Nothing is logged as sent to a senator.
    assert demo_ctx.services.interactions.list(mailing_id=queued.mailing_id) == []


def test_the_connection_itself_refuses_before_any_command() -> None:
    conn = SmtpConnection(SmtpConfig(host="smtp.example.nl", port=587), None)  # never opened
    with pytest.raises(SmtpFailure) as caught:
        conn.send("noor@amnesty.nl", "noortje.thijssen@eerstekamer.example", b"x")
    assert caught.value.permanent and "gereserveerd" in str(caught.value)
    with pytest.raises(SmtpFailure) as not_connected:
        conn.send("noor@amnesty.nl", "iemand@amnesty.nl", b"x")
    assert "gereserveerd" not in str(not_connected.value)  # a real address goes on as before


@pytest.mark.parametrize(
    ("address", "reserved"),
    [
        ("a@eerstekamer.example", True),
        ("a@EXAMPLE.COM", True),
        ("a@mail.example.org", True),
        ("a@x.invalid", True),
        ("a@x.test", True),
        ("<a@example.net>", True),
        ("a@eerstekamer.nl", False),
        ("a@example.nl", False),
        ("a@notexample.com", False),
        ("geen-adres", False),
    ],
)
def test_reserved_domains(address: str, reserved: bool) -> None:
    assert is_reserved_email(address) is reserved


def test_fictional_phone_ranges_and_local_hosts() -> None:
    assert is_fictional_phone("+44 7700 900101") and is_fictional_phone("07700 900999")
    assert is_fictional_phone("+44 20 7946 0123")
    assert not is_fictional_phone("+31 70 312 9200") and not is_fictional_phone("06-12345678")
    assert not is_fictional_phone("+44 7700 901000")
    assert is_local_host("127.0.0.1") and is_local_host("localhost") and is_local_host("::1")
    assert not is_local_host("smtp.example.nl") and not is_local_host("10.0.0.1")
