"""Sending through the outbox to a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import socket
import sqlite3
import subprocess
import sys
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


def _set(db: Path, message_id: int, **values: object) -> None:
    with sqlite3.connect(db) as conn:
        sql = ", ".join(f"{k} = ?" for k in values)
        conn.execute(
            f"UPDATE outbox_message SET {sql} WHERE id = ?", (*values.values(), message_id)
        )


def test_handed_over_message_is_held_until_settled(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], demo_db_path: Path
) -> None:
    """A run that stopped after the message's last line went out, before the answer."""
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    outbox.queue(SENATORS)
    first = outbox.outbox()[0]
    _set(
        demo_db_path,
        first.id,
        status="sending",
        claimed_by=f"{socket.gethostname()}|999999999|gone",
        handed_over_at="2026-05-14 10:00:00.000000",
    )
    report = outbox.send(pause=0)
    assert report.interrupted == [first.id] and len(report.sent) == 18 and not report.ok
    assert first.to_email.lower() not in recorder.to_addresses()
    assert any(
        "Interrupted" in t.title or "Onderbroken" in t.title
        for t in demo_ctx.services.followups.todo()
    )
    assert outbox.send(pause=0).sent == []  # still held
    outbox.resolve_interrupted(first.id, arrived=False)
    assert outbox.send(pause=0).sent == [first.id]
    assert Counter(recorder.to_addresses())[first.to_email.lower()] == 1


def test_claimed_but_not_handed_over_goes_back_unless_its_run_lives(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], demo_db_path: Path
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    outbox.queue(SENATORS)
    rows = outbox.outbox()
    host = socket.gethostname()
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    dead_pid = finished.pid
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    recent = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    try:
        claims = {
            rows[0].id: (f"{host}|{dead_pid}|a", recent),  # this machine, process gone
            rows[1].id: (f"{host}|{alive.pid}|b", recent),  # this machine, still running
            rows[2].id: ("laptop-kim|4242|c", recent),  # another machine, just now
            rows[3].id: ("laptop-kim|4242|d", "2026-05-14 10:00:00.000000"),  # long ago
        }
        for message_id, (claim, tried) in claims.items():
            _set(
                demo_db_path, message_id, status="sending", claimed_by=claim, last_attempt_at=tried
            )
        report = outbox.send(pause=0)
        assert report.ok and len(report.sent) == 17
        assert report.elsewhere == [rows[1].id, rows[2].id] and report.interrupted == []
        with pytest.raises(LobbyError, match="andere verzendronde"):
            outbox.resolve_interrupted(rows[1].id, arrived=False)
        assert outbox.send(pause=0, resend_interrupted=True).sent == []
        assert rows[0].id in report.sent and rows[3].id in report.sent
        status = {r.id: r.status for r in outbox.outbox()}
        assert status[rows[1].id] == status[rows[2].id] == "sending"
        got = Counter(recorder.to_addresses())
        assert rows[1].to_email.lower() not in got and rows[2].to_email.lower() not in got
    finally:
        alive.kill()
        alive.wait()
    assert outbox.send(pause=0).sent == [rows[1].id]  # its run is gone now
    got = Counter(recorder.to_addresses())
    assert len(got) == 18 and set(got.values()) == {1}


def test_connection_lost_after_handing_over_holds_the_message(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    """The server took the 5th message but the line broke before its answer: the 5th is held
    (it did arrive), the rest stays queued, and resuming sends nobody a second copy."""
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    recorder.drop_after = 5
    outbox = demo_ctx.services.outbox
    outbox.queue(SENATORS)
    report = outbox.send(pause=0)
    assert len(report.sent) == 4 and len(report.interrupted) == 1 and report.stopped
    assert "may have arrived" in report.stopped or "aangekomen" in report.stopped
    held = report.interrupted[0]
    assert {r.id: r.status for r in outbox.outbox()}[held] == "sending"
    recorder.drop_after = None
    again = outbox.send(pause=0)
    assert len(again.sent) == 14 and again.interrupted == [held]
    outbox.resolve_interrupted(held, arrived=True)
    got = Counter(recorder.to_addresses())
    assert len(got) == 19 and set(got.values()) == {1}
    assert {r.status for r in outbox.outbox()} == {"sent"}


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


def test_sent_but_not_yet_logged_is_logged_once_on_the_next_run(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], demo_db_path: Path
) -> None:
    """A stop between the `sent` commit and the logging commit loses no timeline entry."""
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    outbox = demo_ctx.services.outbox
    queued = outbox.queue(SENATORS)
    assert outbox.send(pause=0).ok
    first = outbox.outbox()[0]
    with sqlite3.connect(demo_db_path) as conn:
        conn.execute("DELETE FROM interaction WHERE message_id = ?", (first.message_id,))
        conn.execute(
            "UPDATE mailing_recipient SET status = 'drafted', first_sent_at = NULL "
            "WHERE mailing_id = ? AND person_id = ?",
            (queued.mailing_id, first.person_id),
        )
    assert outbox.send(pause=0).sent == []  # nothing to send, but the log is put right
    assert outbox.send(pause=0).sent == []
    with sqlite3.connect(demo_db_path) as conn:
        (n,) = conn.execute(
            "SELECT count(*) FROM interaction WHERE message_id = ? AND kind = 'email'",
            (first.message_id,),
        ).fetchone()
    assert n == 1
    status = {
        r.person_id: r.status for r in demo_ctx.services.replies.recipients(queued.mailing_id)
    }
    assert status[first.person_id] == "sent"
    assert len(recorder.received) == 19
