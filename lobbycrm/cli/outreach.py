"""Commands for sending and following up: `mail`, `outbox`, `todo`, `import replies`, and
`letters send|status|mark|followup`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lobbycrm.cli.common import ExitCode, add_format, command, context, date_arg, group
from lobbycrm.cli.output import emit
from lobbycrm.core.i18n import N_, _, short_date
from lobbycrm.mail.smtp import SECURITY
from lobbycrm.services.outbox import SendReport

OUTBOX_COLUMNS = [
    ("id", lambda r: r["id"]),
    ("mailing", lambda r: r["mailing_id"]),
    ("status", lambda r: _(r["status"])),
    (N_("recipient"), lambda r: f"{r['to_name']} <{r['to_email']}>"),
    (N_("attempts"), lambda r: r["attempts"]),
    ("sent", lambda r: (r["sent_at"] or "")[:16].replace("T", " ")),
    ("error", lambda r: r["error"]),
]
RECIPIENT_COLUMNS = [
    ("person", lambda r: r["person_id"]),
    ("name", lambda r: r["name"]),
    ("e-mail", lambda r: r["email"]),
    ("status", lambda r: _(r["status"])),
    ("sent", lambda r: (r["first_sent_at"] or "")[:10]),
    ("answered", lambda r: (r["answered_at"] or "")[:10]),
    ("note", lambda r: r["note"]),
]
TODO_COLUMNS = [
    (N_("due"), lambda r: r["due"]),
    ("person", lambda r: r["person"]),
    (N_("what"), lambda r: r["title"]),
    ("mailing", lambda r: r["mailing_id"] or ""),
    ("interaction", lambda r: r["interaction_id"] or ""),
]


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: {value}").format(value=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("must not be negative"))
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = command(sub, "mail", help=_("the SMTP server letters are sent through"))
    msub = mail.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(
        msub,
        "setup",
        help=_("set the server; the password goes to the system keyring"),
        global_user=False,  # --user is the SMTP login here
    )
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, default=None, help=_("default: 587, 465 for ssl, 25"))
    p.add_argument("--user", dest="smtp_user", default="")
    p.add_argument("--from", dest="from_address", required=True, metavar="ADDRESS")
    p.add_argument("--from-name", default=None, metavar="NAME")
    p.add_argument("--security", choices=SECURITY, default="starttls")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from standard input and keep it in the keyring"),
    )
    p.add_argument("--cafile", default="", help=_("an extra CA certificate (PEM) to trust"))
    p.add_argument("--pause", type=_positive_float, default=None, metavar="SECONDS")
    p.add_argument("--follow-up-days", type=int, default=None, metavar="DAYS")
    p.set_defaults(func=cmd_mail_setup)
    p = command(msub, "test", help=_("connect, log in and leave"))
    p.set_defaults(func=cmd_mail_test)
    p = command(msub, "show", help=_("the settings (never the password)"))
    p.set_defaults(func=cmd_mail_show)
    p = command(msub, "forget", help=_("remove the password from the keyring"))
    p.set_defaults(func=cmd_mail_forget)

    out = command(sub, "outbox", help=_("messages waiting, sent or failed"))
    osub = out.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(osub, "list", help=_("every message with its status"))
    p.add_argument("--mailing", type=int, default=None)
    p.add_argument("--status", choices=("queued", "sending", "sent", "failed"), default=None)
    add_format(p)
    p.set_defaults(func=cmd_outbox_list)
    p = command(osub, "send", help=_("send what is still queued or failed"))
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--mailing", type=int, default=None)
    p.add_argument("--pause", type=_positive_float, default=None, metavar="SECONDS")
    p.add_argument(
        "--resend-interrupted",
        action="store_true",
        help=_("also send messages a stopped run may have delivered already"),
    )
    p.set_defaults(func=cmd_outbox_send)
    p = command(osub, "settle", help=_("say whether an interrupted message arrived"))
    p.add_argument("id", type=int, metavar="ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--arrived", action="store_true")
    how.add_argument("--not-arrived", action="store_true")
    p.set_defaults(func=cmd_outbox_settle)
    p = command(osub, "remove", help=_("take a message that was not sent out of the outbox"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_outbox_remove)

    todo = command(sub, "todo", help=_("follow-ups that are due and messages that need a look"))
    todo.add_argument("--until", default=None, metavar="DATE")
    add_format(todo)
    todo.set_defaults(func=cmd_todo)
    tsub = todo.add_subparsers(dest="action", required=False, metavar="ACTION")
    p = command(tsub, "done", help=_("mark an interaction's follow-up as done"))
    p.add_argument("interaction", type=int, metavar="INTERACTION")
    p.add_argument("--undo", action="store_true")
    p.set_defaults(func=cmd_todo_done)

    imp = group(sub, "import", help=_("read data from another program's file"))
    p = command(imp, "replies", help=_("received mail (.eml files, folders, mbox) as answers"))
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.set_defaults(func=cmd_import_replies)


def register_letters(lsub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from lobbycrm.cli.letters import add_letter_options

    p = command(lsub, "send", help=_("send one tailored e-mail per recipient over SMTP"))
    add_letter_options(p)
    p.add_argument("--mailing", type=int, default=None, metavar="ID")
    p.add_argument("--allow-pending", action="store_true")
    p.add_argument(
        "--preview",
        type=int,
        default=None,
        metavar="PERSON_ID",
        help=_("print one recipient's copy instead of sending"),
    )
    p.add_argument(
        "--queue-only", action="store_true", help=_("put the messages in the outbox, send later")
    )
    p.add_argument("--pause", type=_positive_float, default=None, metavar="SECONDS")
    p.add_argument("--follow-up-days", type=int, default=None, metavar="DAYS")
    p.set_defaults(func=cmd_letters_send)

    p = command(lsub, "status", help=_("each recipient's status in a mailing"))
    p.add_argument("id", type=int, metavar="MAILING")
    add_format(p)
    p.set_defaults(func=cmd_letters_status)

    p = command(lsub, "mark", help=_("set a recipient's status by hand"))
    p.add_argument("id", type=int, metavar="MAILING")
    p.add_argument("person", type=int, metavar="PERSON")
    p.add_argument(
        "status",
        choices=("drafted", "sent", "failed", "acknowledged", "replied", "no_answer"),
    )
    p.add_argument("--date", default=None)
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_letters_mark)

    p = command(lsub, "followup", help=_("who has not answered after N days; make the reminder"))
    p.add_argument("id", type=int, metavar="MAILING")
    p.add_argument("--days", type=int, default=None)
    p.add_argument("--create", action="store_true", help=_("record the reminder mailing"))
    p.add_argument("--template", default="herinnering")
    p.add_argument("--name", default="")
    add_format(p)
    p.set_defaults(func=cmd_letters_followup)


# --- mail ------------------------------------------------------------------------------------


def cmd_mail_setup(args: argparse.Namespace) -> int:
    password = None
    if args.password_stdin:
        if sys.stdin is not None and sys.stdin.isatty():
            import getpass

            # Typed at a terminal: never echoed.
            password = getpass.getpass(_("Password: "), stream=sys.stderr)
        else:
            password = (sys.stdin.readline() if sys.stdin else "").rstrip("\r\n")
    cfg = context(args).services.mail.setup(
        host=args.host,
        port=args.port,
        security=args.security,
        user=args.smtp_user,
        from_address=args.from_address,
        from_name=args.from_name,
        password=password,
        cafile=args.cafile,
        pause=args.pause,
        follow_up_days=args.follow_up_days,
    )
    _print_settings(cfg.to_json())
    if password is not None:
        print(_("The password is stored in the system keyring."))
    return ExitCode.OK


def _print_settings(values: dict[str, Any]) -> None:
    for key, value in values.items():
        print(f"{key}: {value}")


def cmd_mail_test(args: argparse.Namespace) -> int:
    print(context(args).services.mail.test_connection())
    return ExitCode.OK


def cmd_mail_show(args: argparse.Namespace) -> int:
    mail = context(args).services.mail
    cfg = mail.mail_settings()
    _print_settings(cfg.to_json())
    if cfg.user:
        stored = mail.has_password()
        print(_("password") + ": " + (_("in the keyring") if stored else _("not stored")))
    return ExitCode.OK


def cmd_mail_forget(args: argparse.Namespace) -> int:
    removed = context(args).services.mail.forget_password()
    print(_("Password removed from the keyring.") if removed else _("No password was stored."))
    return ExitCode.OK


# --- outbox ----------------------------------------------------------------------------------


def cmd_outbox_list(args: argparse.Namespace) -> int:
    rows = context(args).services.outbox.outbox(args.mailing, args.status)
    emit([r.to_json() for r in rows], args.format, OUTBOX_COLUMNS)
    return ExitCode.OK


def _print_send(report: SendReport) -> int:
    print(_("{n} sent").format(n=len(report.sent)))
    for _id, address, reason in report.failed:
        print(_("failed: {address}: {reason}").format(address=address, reason=reason))
    if report.stopped:
        print(_("Stopped: {reason}").format(reason=report.stopped), file=sys.stderr)
    if report.remaining:
        print(
            _(
                "{n} message(s) still in the outbox: run 'lobbycrm outbox send' to try again."
            ).format(n=report.remaining),
            file=sys.stderr,
        )
    if report.interrupted:
        ids = ", ".join(str(i) for i in report.interrupted)
        print(
            _(
                "Held back (a run stopped while sending them, they may have arrived): {ids}. "
                "Check the recipient or your server, then 'lobbycrm outbox settle ID "
                "--arrived|--not-arrived'."
            ).format(ids=ids),
            file=sys.stderr,
        )
    if report.elsewhere:
        print(
            _("{n} message(s) are being sent by another LobbyCRM right now; left alone.").format(
                n=len(report.elsewhere)
            ),
            file=sys.stderr,
        )
    return ExitCode.OK if report.ok and not report.cancelled else ExitCode.ERROR


def cmd_outbox_send(args: argparse.Namespace) -> int:
    outbox = context(args).services.outbox
    report = outbox.send(
        ids=args.ids or None,
        mailing_id=args.mailing,
        pause=args.pause,
        resend_interrupted=args.resend_interrupted,
    )
    return _print_send(report)


def cmd_outbox_settle(args: argparse.Namespace) -> int:
    context(args).services.outbox.resolve_interrupted(args.id, arrived=args.arrived)
    return ExitCode.OK


def cmd_outbox_remove(args: argparse.Namespace) -> int:
    context(args).services.outbox.cancel(args.id)
    return ExitCode.OK


# --- to do -----------------------------------------------------------------------------------


def cmd_todo(args: argparse.Namespace) -> int:
    until = date_arg("--until", args.until)
    rows = context(args).services.followups.todo(until)
    emit([r.to_json() for r in rows], args.format, TODO_COLUMNS)
    return ExitCode.OK


def cmd_todo_done(args: argparse.Namespace) -> int:
    context(args).services.interactions.set_follow_up_done(args.interaction, not args.undo)
    return ExitCode.OK


def cmd_import_replies(args: argparse.Namespace) -> int:
    report = context(args).services.replies.import_replies(
        [Path(p) for p in args.paths], dry_run=args.dry_run
    )
    for source, who, mailing_id, status in report.imported:
        print(f"{source}: {who}: {_(status)} ({_('mailing')} {mailing_id})")
    for source, who, mailing_id in report.bounced:
        print(f"{source}: {who}: {_('failed')} ({_('mailing')} {mailing_id})")
    for source, reason in report.unmatched:
        print(f"{source}: {_('not matched')}: {reason}")
    summary = _("{n} answer(s) logged, {b} bounce(s), {u} not matched, {a} already known").format(
        n=len(report.imported), b=len(report.bounced), u=len(report.unmatched), a=report.already
    )
    if args.dry_run:
        summary += " (" + _("dry run: nothing saved") + ")"
    print(summary)
    return ExitCode.OK


# --- letters send | status | mark | followup -------------------------------------------------


def cmd_letters_send(args: argparse.Namespace) -> int:
    from lobbycrm.cli.letters import letter_request, print_preview

    ctx = context(args)
    letters = ctx.services.letters
    if args.preview is not None:
        return print_preview(letters, args)
    if args.mailing is not None:
        req = letters.request_for(args.mailing, "eml", None, args.allow_pending)
    else:
        req = letter_request(args)
    outbox = ctx.services.outbox
    queued = outbox.queue(req, args.mailing, args.follow_up_days)
    print(
        _("mailing {id}, version {version}: {n} message(s) queued").format(
            id=queued.mailing_id, version=queued.version, n=len(queued.queued)
        )
    )
    for reason in queued.skipped:
        print(f"{_('skipped')}: {reason}")
    if queued.already:
        print(_("{n} recipient(s) already had this mailing in the outbox").format(n=queued.already))
    if args.queue_only or not queued.queued:
        return ExitCode.OK
    report = outbox.send(ids=queued.queued, pause=args.pause)
    return _print_send(report)


def cmd_letters_status(args: argparse.Namespace) -> int:
    rows = context(args).services.replies.recipients(args.id)
    emit([r.to_json() for r in rows], args.format, RECIPIENT_COLUMNS)
    return ExitCode.OK


def cmd_letters_mark(args: argparse.Namespace) -> int:
    on = date_arg("--date", args.date)
    context(args).services.replies.mark(args.id, args.person, args.status, on, args.note)
    return ExitCode.OK


def cmd_letters_followup(args: argparse.Namespace) -> int:
    ctx = context(args)
    days = args.days if args.days is not None else ctx.services.mail.mail_settings().follow_up_days
    if args.create:
        reminder, who = ctx.services.followups.create_follow_up(
            args.id, days, args.template, args.name
        )
        print(reminder)
        print(
            _(
                "Reminder mailing {id} for {n} recipient(s). Send it with 'lobbycrm letters send "
                "--mailing {id}' or print it with 'lobbycrm letters render --mailing {id}'."
            ).format(id=reminder, n=len(who)),
            file=sys.stderr,
        )
        return ExitCode.OK
    rows = ctx.services.followups.follow_up(args.id, days)
    if args.format == "table":
        for r in rows:
            print(f"{r.person_id}\t{r.name}\t{r.email}\t{_(r.status)}\t{short_date(r.since)}")
        return ExitCode.OK
    emit([r.to_json() for r in rows], args.format, RECIPIENT_COLUMNS)
    return ExitCode.OK
