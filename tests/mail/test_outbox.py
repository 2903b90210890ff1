"""Sending through the outbox to a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.services.letters import LetterRequest
from tests.mail.conftest import Recorder
from tests.mail.helpers import parsed, setup_plain

SENATORS = LetterRequest(
    template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1, allow_pending=True
)


def test_send_reaches_every_senator_once_with_stable_message_ids(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    queued = outbox.queue(SENATORS)
    assert len(queued.queued) == 19 and not queued.skipped
    rows = {r.id: r for r in outbox.outbox()}
    assert {r.status for r in rows.values()} == {"queued"}
    assert recorder.received == []  # queueing sends nothing

    report = outbox.send(pause=0)
    assert report.ok and len(report.sent) == 19 and report.remaining == 0
    assert Counter(recorder.to_addresses()) == Counter(r.to_email for r in rows.values())
    by_id = {r.message_id: r for r in rows.values()}
    for envelope in recorder.received:
        msg = parsed(envelope)
        row = by_id[msg["Message-ID"]]  # the Message-ID chosen when it was queued
        assert envelope.rcpt_tos == [row.to_email]
        assert envelope.mail_from == "noor@amnesty.example"
        assert msg["From"].addresses[0].addr_spec == "noor@amnesty.example"
        assert msg["Subject"] == row.subject
        assert msg["X-Unsent"] is None
        body = msg.get_body(("plain",))
        assert body is not None and body.get_content().startswith("Geachte ")
    after = outbox.outbox()
    assert {r.status for r in after} == {"sent"} and all(r.sent_at for r in after)
    statuses = demo_ctx.services.replies.recipients(queued.mailing_id)
    assert len(statuses) == 19 and {r.status for r in statuses} == {"sent"}
    logged = demo_ctx.services.interactions.list(mailing_id=queued.mailing_id)
    assert len(logged) == 19 and {i.kind for i in logged} == {"email"}
    assert {i.message_id for i in logged} == set(by_id)
    assert all(i.follow_up_on is not None for i in logged)

    # Sending again, or queueing the same mailing again, sends nobody a second copy.
    assert outbox.send(pause=0).sent == []
    again = outbox.queue(SENATORS, mailing_id=queued.mailing_id)
    assert again.queued == [] and again.already == 19
    assert len(recorder.received) == 19


def test_server_failing_after_k_messages_then_resume(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    queued = outbox.queue(SENATORS)
    recorder.fail_after = 5
    report = outbox.send(pause=0)
    assert len(report.sent) == 5
    assert len(report.failed) == 1 and "451" in report.failed[0][2]
    assert report.stopped and report.remaining == 14
    statuses = Counter(r.status for r in outbox.outbox())
    assert statuses == {"sent": 5, "failed": 1, "queued": 13}
    failed = next(r for r in outbox.outbox() if r.status == "failed")
    assert "451" in failed.error and failed.attempts == 1
    first_ids = {r.id: r.message_id for r in outbox.outbox()}

    recorder.fail_after = None
    resumed = outbox.send(pause=0)
    assert resumed.ok and len(resumed.sent) == 14 and resumed.remaining == 0
    counts = Counter(recorder.to_addresses())
    assert len(counts) == 19 and set(counts.values()) == {1}  # each exactly one copy
    assert {r.id: r.message_id for r in outbox.outbox()} == first_ids
    assert len(demo_ctx.services.interactions.list(mailing_id=queued.mailing_id)) == 19


def test_refused_address_fails_alone_and_the_rest_goes(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    queued = outbox.queue(SENATORS)
    victim = outbox.outbox()[3]
    recorder.refuse = {victim.to_email.lower()}
    report = outbox.send(pause=0)
    assert len(report.sent) == 18 and not report.stopped
    assert [f[0] for f in report.failed] == [victim.id] and "550" in report.failed[0][2]
    rows = demo_ctx.services.replies.recipients(queued.mailing_id)
    bad = next(r for r in rows if r.person_id == victim.person_id)
    assert bad.status == "failed" and "550" in bad.note
    assert victim.to_email.lower() not in recorder.to_addresses()


def test_interrupted_message_is_held_until_settled(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], demo_db_path: Path
) -> None:
    """A run that stopped between handing a message over and recording it (`sending`)."""
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    outbox.queue(SENATORS)
    first = outbox.outbox()[0]
    with sqlite3.connect(demo_db_path) as conn:
        conn.execute("UPDATE outbox_message SET status='sending' WHERE id=?", (first.id,))
    report = outbox.send(pause=0)
    assert report.interrupted == [first.id] and len(report.sent) == 18 and not report.ok
    assert first.to_email.lower() not in recorder.to_addresses()
    assert any(
        "Interrupted" in t.title or "Onderbroken" in t.title
        for t in demo_ctx.services.followups.todo()
    )
    outbox.resolve_interrupted(first.id, arrived=False)
    assert outbox.send(pause=0).sent == [first.id]
    assert Counter(recorder.to_addresses())[first.to_email.lower()] == 1


def test_pause_between_messages_and_stop(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port, pause=1.5)
    outbox = demo_ctx.services.outbox
    slept: list[float] = []
    outbox.sleep = slept.append
    outbox.queue(
        LetterRequest(
            template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1, allow_pending=True
        )
    )
    calls = {"n": 0}

    def progress(done: int, total: int) -> bool:
        calls["n"] += 1
        return done < 3  # the user presses stop after three messages

    report = outbox.send(progress=progress)
    assert len(report.sent) == 3 and report.cancelled and report.remaining == 16
    assert slept and sum(slept) >= 1.5 * 2 - 0.01  # paused between the messages sent
    assert len(recorder.received) == 3


def test_sending_needs_settings_and_leaves_nothing_behind(demo_ctx: Context) -> None:
    before = demo_ctx.services.letters.mailings()  # the demo's own
    with pytest.raises(LobbyError, match="mail setup"):
        demo_ctx.services.outbox.queue(SENATORS)
    assert demo_ctx.services.letters.mailings() == before


def test_unreachable_server_changes_nothing(demo_ctx: Context) -> None:
    from tests.mail.conftest import free_port

    setup_plain(demo_ctx, free_port())
    outbox = demo_ctx.services.outbox
    outbox.queue(SENATORS)
    with pytest.raises(LobbyError, match=r"127\.0\.0\.1"):
        outbox.send(pause=0)
    assert {r.status for r in outbox.outbox()} == {"queued"}
    assert all(r.attempts == 0 for r in outbox.outbox())
