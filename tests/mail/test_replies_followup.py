"""Received mail matched to mailings, statuses by hand, follow-up reminders and the to-do list."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services.letters import LetterRequest
from tests.cli.test_cli import run
from tests.mail.conftest import Recorder
from tests.mail.helpers import parsed, setup_plain

SENATORS = LetterRequest(
    template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1, allow_pending=True
)


def sent_mailing(ctx: Context, port: int) -> int:
    setup_plain(ctx, port)
    queued = ctx.services.outbox.queue(SENATORS)
    assert ctx.services.outbox.send(pause=0).ok
    return queued.mailing_id


def mail(
    sender: str,
    subject: str,
    when: dt.datetime,
    in_reply_to: str = "",
    references: str = "",
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "noor@amnesty.example"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{abs(hash((sender, subject, when)))}@example.nl>"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content("Dank voor uw brief.\n")
    return msg


def test_replies_matched_by_reference_and_by_sender(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], tmp_path: Path
) -> None:
    mailing = sent_mailing(demo_ctx, smtp_server[0].port)
    sent = demo_ctx.services.outbox.outbox()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    a, b, c = sent[0], sent[1], sent[2]
    # A reply from another address (a staff member) that refers to our message.
    (tmp_path / "a.eml").write_bytes(
        mail(
            "Medewerker <staf@eerstekamer.nl>",
            "Re: " + a.subject,
            later,
            in_reply_to=a.message_id,
        ).as_bytes()
    )
    # An automatic acknowledgement, matched by the sender's address alone; and a stranger.
    box = tmp_path / "inbox.mbox"
    ack = mail(
        b.to_email, "Ontvangstbevestiging", later, headers={"Auto-Submitted": "auto-replied"}
    )
    stranger = mail("onbekend@example.org", "Vraag", later)
    box.write_bytes(
        b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n"
        + ack.as_bytes()
        + b"\nFrom x Thu Jan  1 00:00:00 2026\n"
        + stranger.as_bytes()
        + b"\n"
    )
    replies = demo_ctx.services.replies
    dry = replies.import_replies([tmp_path / "a.eml", box], dry_run=True)
    assert len(dry.imported) == 2
    assert {r.status for r in replies.recipients(mailing)} == {"sent"}  # dry run kept nothing

    report = replies.import_replies([tmp_path / "a.eml", box])
    assert sorted(status for *_x, status in report.imported) == ["acknowledged", "replied"]
    assert len(report.unmatched) == 1 and "onbekend@example.org" in report.unmatched[0][1]
    rows = {r.person_id: r for r in replies.recipients(mailing)}
    assert rows[a.person_id].status == "replied"
    assert rows[b.person_id].status == "acknowledged"
    assert rows[c.person_id].status == "sent"
    answered_at = rows[a.person_id].answered_at
    assert answered_at is not None and abs((answered_at - later).total_seconds()) < 1
    logged = demo_ctx.services.interactions.list(person_id=a.person_id)
    reply = next(i for i in logged if i.kind == "reply")
    assert reply.subject == "Re: " + a.subject and reply.mailing_id == mailing
    # The follow-up of the answered letters is done; the others stay on the to-do list.
    todo = {t.person_id for t in demo_ctx.services.followups.todo()}
    assert a.person_id not in todo and b.person_id not in todo and c.person_id in todo

    again = replies.import_replies([tmp_path / "a.eml", box])
    assert again.imported == [] and again.already == 2
    # An acknowledgement after a reply does not undo the reply.
    (tmp_path / "late.eml").write_bytes(
        mail(a.to_email, "Automatisch antwoord: afwezig", later + dt.timedelta(days=1)).as_bytes()
    )
    replies.import_replies([tmp_path / "late.eml"])
    assert {r.person_id: r for r in replies.recipients(mailing)}[a.person_id].status == "replied"


def test_bounce_marks_the_recipient_failed(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], tmp_path: Path
) -> None:
    mailing = sent_mailing(demo_ctx, smtp_server[0].port)
    target = demo_ctx.services.outbox.outbox()[5]
    # The shape Postfix sends (RFC 3464), the original's headers attached.
    dsn = (
        "From: MAILER-DAEMON@mx.example.nl (Mail Delivery System)\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        f"Date: {format_datetime(dt.datetime.now(dt.UTC))}\n"
        "Message-ID: <bounce-1@mx.example.nl>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nI'm sorry to have to inform you...\n\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.nl\n\n"
        f"Final-Recipient: rfc822; {target.to_email}\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <x>: Recipient address rejected: mailbox unknown\n\n"
        "--B\nContent-Type: text/rfc822-headers\n\n"
        f"Message-ID: {target.message_id}\nSubject: {target.subject}\n\n"
        "--B--\n"
    )
    (tmp_path / "bounce.eml").write_bytes(dsn.encode())
    report = demo_ctx.services.replies.import_replies([tmp_path / "bounce.eml"])
    assert len(report.bounced) == 1 and report.unmatched == []
    row = {r.person_id: r for r in demo_ctx.services.replies.recipients(mailing)}[target.person_id]
    assert row.status == "failed" and "550" in row.note


def test_bad_mail_files_are_refused_without_changes(demo_ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"missing\.eml"):
        demo_ctx.services.replies.import_replies([tmp_path / "missing.eml"])
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    with pytest.raises(ValidationError, match=r"junk\.eml"):
        demo_ctx.services.replies.import_replies([junk])


def test_mark_by_hand_logs_the_answer(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder]
) -> None:
    mailing = sent_mailing(demo_ctx, smtp_server[0].port)
    person = demo_ctx.services.replies.recipients(mailing)[0].person_id
    demo_ctx.services.replies.mark(mailing, person, "acknowledged", dt.date(2026, 11, 20), "belde")
    row = demo_ctx.services.replies.recipients(mailing)[0]
    assert row.status == "acknowledged" and row.by_hand and row.note == "belde"
    logged = demo_ctx.services.interactions.list(person_id=person, mailing_id=mailing)
    assert any(
        i.kind == "acknowledgement" and i.occurred_at.date() == dt.date(2026, 11, 20)
        for i in logged
    )
    with pytest.raises(ValidationError, match="status"):
        demo_ctx.services.replies.mark(mailing, person, "gelezen")


def test_follow_up_lists_the_silent_and_creates_the_reminder(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], tmp_path: Path
) -> None:
    mailing = sent_mailing(demo_ctx, smtp_server[0].port)
    rows = demo_ctx.services.replies.recipients(mailing)
    demo_ctx.services.replies.mark(mailing, rows[0].person_id, "replied")
    demo_ctx.services.replies.mark(mailing, rows[1].person_id, "acknowledged")
    followups = demo_ctx.services.followups
    assert followups.follow_up(mailing, 30) == []  # sent today: too early
    in_a_month = amsterdam_today() + dt.timedelta(days=31)
    silent = followups.follow_up(mailing, 30, today=in_a_month)
    assert {r.person_id for r in silent} == {r.person_id for r in rows[2:]}

    reminder, who = followups.create_follow_up(mailing, 30, today=in_a_month)
    assert len(who) == 17
    m = demo_ctx.services.letters.mailing(reminder)
    assert m.template == "herinnering"
    assert sorted(m.selectors) == sorted(f"person:{r.person_id}" for r in rows[2:])
    copies = demo_ctx.services.letters.copies_for_mailing(reminder)
    assert len(copies) == 17
    from lobbycrm.core.i18n import datum

    first = datum(amsterdam_today())
    assert all(f"Op {first} stuurden wij" in c.body for c in copies)
    statuses = Counter(r.status for r in demo_ctx.services.replies.recipients(mailing))
    assert statuses == {"no_answer": 17, "replied": 1, "acknowledged": 1}
    # The reminder can be sent like any mailing; a second follow-up finds nobody new.
    queued = demo_ctx.services.outbox.queue(
        LetterRequest(template="herinnering", selectors=[]), mailing_id=reminder
    )
    assert len(queued.queued) == 17
    with pytest.raises(LobbyError):
        followups.create_follow_up(mailing, 30, today=amsterdam_today())


def test_reminder_joins_the_thread_and_an_answer_to_it_answers_the_letter(
    demo_ctx: Context, smtp_server: tuple[Controller, Recorder], tmp_path: Path
) -> None:
    controller, recorder = smtp_server
    mailing = sent_mailing(demo_ctx, controller.port)
    first_ids = {
        r.person_id: r.message_id for r in demo_ctx.services.outbox.outbox(mailing_id=mailing)
    }
    in_a_month = amsterdam_today() + dt.timedelta(days=31)
    reminder, _who = demo_ctx.services.followups.create_follow_up(mailing, 30, today=in_a_month)
    queued = demo_ctx.services.outbox.queue(
        LetterRequest(template="herinnering", selectors=[]), mailing_id=reminder
    )
    assert demo_ctx.services.outbox.send(ids=queued.queued, pause=0).ok
    reminders = {parsed(e)["To"]: parsed(e) for e in recorder.received[19:]}
    assert len(reminders) == 19
    rows = demo_ctx.services.outbox.outbox(mailing_id=reminder)
    for row in rows:
        msg = next(m for m in reminders.values() if m["Message-ID"] == row.message_id)
        assert msg["In-Reply-To"] == first_ids[row.person_id]
        assert msg["References"] == first_ids[row.person_id]

    # A reply to the reminder (quoting only the reminder) answers the first letter too.
    target = rows[0]
    reply = mail(
        "secretariaat@eerstekamer.nl",
        "RE: Herinnering",
        dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
        in_reply_to=target.message_id,
    )
    (tmp_path / "re.eml").write_bytes(reply.as_bytes())
    report = demo_ctx.services.replies.import_replies([tmp_path / "re.eml"])
    assert [(m, st) for _src, _who, m, st in report.imported] == [(reminder, "replied")]
    for mid in (mailing, reminder):
        status = {r.person_id: r.status for r in demo_ctx.services.replies.recipients(mid)}
        assert status[target.person_id] == "replied"
        others = {st for pid, st in status.items() if pid != target.person_id}
        assert "replied" not in others
    assert target.person_id not in {
        t.person_id for t in demo_ctx.services.followups.todo() if t.kind == "follow-up"
    }


def test_cli_import_replies_followup_and_todo(
    tmp_path: Path, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, _recorder = smtp_server
    db = tmp_path / "f.sqlite"
    assert run(db, "demo").returncode == 0
    r = run(
        db,
        "mail",
        "setup",
        "--host",
        "127.0.0.1",
        "--port",
        str(controller.port),
        "--security",
        "none",
        "--from",
        "noor@amnesty.example",
        "--follow-up-days",
        "30",
    )
    assert r.returncode == 0, r.stderr
    r = run(
        db,
        "letters",
        "send",
        "--template",
        "gezamenlijke-brief",
        "--to",
        "tag:senator",
        "--event",
        "1",
        "--allow-pending",
        "--pause",
        "0",
    )
    assert r.returncode == 0, r.stderr
    r = run(db, "todo", "--format", "json")
    import json

    todo = json.loads(r.stdout)
    assert len(todo) == 19
    due = amsterdam_today() + dt.timedelta(days=30)
    assert {t["due"] for t in todo} == {due.isoformat()}
    # Move the sending 40 days back, as if a month went by.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE mailing_recipient SET first_sent_at = datetime('now', '-40 days')")
        (addr, mailing_id) = conn.execute(
            "SELECT to_email, mailing_id FROM outbox_message ORDER BY id LIMIT 1"
        ).fetchone()
    mailing = str(mailing_id)  # the demo has mailings of its own
    (tmp_path / "r.eml").write_bytes(mail(addr, "Re: uw brief", dt.datetime.now(dt.UTC)).as_bytes())
    r = run(db, "import", "replies", str(tmp_path / "r.eml"))
    assert r.returncode == 0, r.stderr
    assert "1 antwoord(en) vastgelegd" in r.stdout
    r = run(db, "letters", "followup", mailing, "--days", "30", "--format", "json")
    assert len(json.loads(r.stdout)) == 18
    r = run(db, "letters", "followup", mailing, "--days", "30", "--create")
    assert r.returncode == 0, r.stderr
    reminder = r.stdout.strip()
    r = run(
        db,
        "letters",
        "render",
        "--mailing",
        reminder,
        "--preview",
        str(
            json.loads(run(db, "letters", "status", mailing, "--format", "json").stdout)[-1][
                "person_id"
            ]
        ),
    )
    assert "Herinnering" in r.stdout and "stuurden wij" in r.stdout
    statuses = json.loads(run(db, "letters", "status", mailing, "--format", "json").stdout)
    assert Counter(s["status"] for s in statuses) == {"no_answer": 18, "replied": 1}
    assert run(db, "letters", "mark", mailing, "999999", "replied").returncode == 1
    first = json.loads(run(db, "todo", "--format", "json").stdout)[0]
    assert (
        run(
            db,
            "todo",
            "done",
            str(first["interaction"] if "interaction" in first else first["interaction_id"]),
        ).returncode
        == 0
    )
    assert len(json.loads(run(db, "todo", "--format", "json").stdout)) == 17
