"""Commands for sending and following up: `mail`, `outbox`, `todo`, `import replies`, and
`letters send|status|mark|followup`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lobbycrm.cli.common import (
    ExitCode,
    add_format,
    command,
    context,
    date_arg,
    group,
    readable,
    say,
)
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.files import FileProblem
from lobbycrm.core.i18n import N_, _, short_date

if TYPE_CHECKING:
    from lobbycrm.services.outbox import SendReport

# As lobbycrm.mail.smtp.SECURITY, without importing smtplib and ssl to build the parser.
SECURITY = ("starttls", "ssl", "none")


def _status(r: dict[str, Any]) -> str:
    return labels.label(labels.DELIVERY_STATUS, r["status"])


OUTBOX_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("mailing"), lambda r: r["mailing_id"]),
    (N_("status"), _status),
    (N_("recipient"), lambda r: f"{r['to_name']} <{r['to_email']}>"),
    (N_("attempts"), lambda r: r["attempts"]),
    (N_("sent"), lambda r: (r["sent_at"] or "")[:16].replace("T", " ")),
    (N_("error"), lambda r: r["error"]),
]
RECIPIENT_COLUMNS = [
    (N_("person"), lambda r: r["person_id"]),
    (N_("name"), lambda r: r["name"]),
    (N_("e-mail"), lambda r: r["email"]),
    (N_("status"), _status),
    (N_("sent"), lambda r: (r["first_sent_at"] or "")[:10]),
    (N_("answered"), lambda r: (r["answered_at"] or "")[:10]),
    (N_("note"), lambda r: r["note"]),
]
TODO_COLUMNS = [
    (N_("due"), lambda r: r["due"]),
    (N_("person"), lambda r: r["person"]),
    (N_("what"), lambda r: r["title"]),
    (N_("mailing"), lambda r: r["mailing_id"] or ""),
    (N_("interaction"), lambda r: r["interaction_id"] or ""),
]
# The words for `mail show` / `mail setup`, instead of the settings' field names.
SETTING_NAMES = {
    "host": N_("server"),
    "port": N_("port"),
    "security": N_("security"),
    "user": N_("user name"),
    "from_address": N_("sender address"),
    "from_name": N_("sender name"),
    "cafile": N_("extra CA certificate"),
    "pause": N_("pause between messages (seconds)"),
    "follow_up_days": N_("follow up after (days)"),
}


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: {value}").format(value=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("must not be negative"))
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = command(sub, "mail")
    msub = mail.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(
        msub,
        "setup",
        help=_("set the server; the password goes to the system keyring"),
        global_user=False,  # --user is the SMTP login here
    )
    p.add_argument("--host", required=True, help=_("the SMTP server: smtp.example.nl"))
    p.add_argument("--port", type=int, default=None, help=_("default: 587, 465 for ssl, 25"))
    p.add_argument("--user", dest="smtp_user", default="", help=_("the user name to log in with"))
    p.add_argument(
        "--from",
        dest="from_address",
        required=True,
        metavar="ADDRESS",
        help=_('the sender: "Noor Jansen <noor@amnesty.nl>"'),
    )
    p.add_argument("--from-name", default=None, metavar="NAME", help=_("the sender's name"))
    p.add_argument(
        "--security",
        choices=SECURITY,
        default="starttls",
        help=_("starttls (port 587), ssl (port 465) or none"),
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from standard input and keep it in the keyring"),
    )
    p.add_argument("--cafile", default="", help=_("an extra CA certificate (PEM) to trust"))
    p.add_argument(
        "--pause",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help=_("pause between two messages"),
    )
    p.add_argument(
        "--follow-up-days",
        type=int,
        default=None,
        metavar="DAYS",
        help=_("days after sending when a follow-up is due"),
    )
    p.set_defaults(func=cmd_mail_setup)
    p = command(msub, "test", help=_("connect, log in and leave"))
    p.set_defaults(func=cmd_mail_test)
    p = command(msub, "show", help=_("the settings (never the password)"))
    p.set_defaults(func=cmd_mail_show)
    p = command(msub, "forget", help=_("remove the password from the keyring"))
    p.set_defaults(func=cmd_mail_forget)

    out = command(sub, "outbox")
    osub = out.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(osub, "list", help=_("every message with its status"))
    p.add_argument("--mailing", type=int, default=None, help=_("only this mailing's messages"))
    p.add_argument("--status", choices=("queued", "sending", "sent", "failed"), default=None)
    add_format(p)
    p.set_defaults(func=cmd_outbox_list)
    p = command(osub, "send", help=_("send what is still queued or failed"))
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help=_("only these messages"))
    p.add_argument("--mailing", type=int, default=None, help=_("only this mailing's messages"))
    p.add_argument(
        "--pause",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help=_("pause between two messages"),
    )
    p.add_argument(
        "--resend-interrupted",
        action="store_true",
        help=_("also send messages a stopped run may have delivered already"),
    )
    p.set_defaults(func=cmd_outbox_send)
    p = command(osub, "settle", help=_("say whether an interrupted message arrived"))
    p.add_argument("id", type=int, metavar="ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--arrived", action="store_true", help=_("it arrived: record it as sent"))
    how.add_argument(
        "--not-arrived", action="store_true", help=_("it did not arrive: queue it again")
    )
    p.set_defaults(func=cmd_outbox_settle)
    p = command(osub, "remove", help=_("take a message that was not sent out of the outbox"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_outbox_remove)

    todo = command(sub, "todo")
    todo.add_argument(
        "--until",
        default=None,
        metavar="DATE",
        help=_("what is due up to this day (default: today)"),
    )
    add_format(todo)
    todo.set_defaults(func=cmd_todo)
    tsub = todo.add_subparsers(dest="action", required=False, metavar="ACTION")
    p = command(tsub, "done", help=_("mark an interaction's follow-up as done"))
    p.add_argument("interaction", type=int, metavar="INTERACTION")
    p.add_argument("--undo", action="store_true", help=_("mark it as not done again"))
    p.set_defaults(func=cmd_todo_done)

    imp = group(sub, "import")
    p = command(imp, "replies", help=_("received mail (.eml files, folders, mbox) as answers"))
    p.add_argument("paths", nargs="+", metavar="FILE", help=_(".eml files, folders or mbox files"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would change"))
    p.set_defaults(func=cmd_import_replies)


def register_letters(lsub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from lobbycrm.cli.letters import add_letter_options

    p = command(lsub, "send", help=_("send one tailored e-mail per recipient over SMTP"))
    add_letter_options(p)
    p.add_argument(
        "--mailing",
        type=int,
        default=None,
        metavar="ID",
        help=_("send a recorded mailing instead of --template/--to"),
    )
    p.add_argument(
        "--allow-pending",
        action="store_true",
        help=_("count co-signers who have not answered as approved"),
    )
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
    p.add_argument(
        "--pause",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help=_("pause between two messages"),
    )
    p.add_argument(
        "--follow-up-days",
        type=int,
        default=None,
        metavar="DAYS",
        help=_("days after sending when a follow-up is due"),
    )
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
    p.add_argument("--date", default=None, help=_("the day it happened (default: today)"))
    p.add_argument("--note", default="", help=_("free text"))
    p.set_defaults(func=cmd_letters_mark)

    p = command(lsub, "followup", help=_("who has not answered after N days; make the reminder"))
    p.add_argument("id", type=int, metavar="MAILING")
    p.add_argument(
        "--days", type=int, default=None, help=_("days without an answer (default: the setting)")
    )
    p.add_argument("--create", action="store_true", help=_("record the reminder mailing"))
    p.add_argument(
        "--template", default="herinnering", help=_("template of the reminder (herinnering)")
    )
    p.add_argument("--name", default="", help=_("name of the reminder mailing"))
    add_format(p)
    p.set_defaults(func=cmd_letters_followup)


# --- mail ------------------------------------------------------------------------------------


def cmd_mail_setup(args: argparse.Namespace) -> int:
    if args.cafile:
        readable(args.cafile)
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
        name = _(SETTING_NAMES[key]) if key in SETTING_NAMES else key
        print(f"{name}: {value}")


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
    emit([r.to_json() for r in rows], args.format, OUTBOX_COLUMNS, empty=_("the outbox is empty"))
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
    if args.arrived:
        say(_("message {id} recorded as sent").format(id=args.id))
    else:
        say(_("message {id} queued again").format(id=args.id))
    return ExitCode.OK


def cmd_outbox_remove(args: argparse.Namespace) -> int:
    context(args).services.outbox.cancel(args.id)
    say(_("message {id} taken out of the outbox").format(id=args.id))
    return ExitCode.OK


# --- to do -----------------------------------------------------------------------------------


def cmd_todo(args: argparse.Namespace) -> int:
    until = date_arg("--until", args.until)
    rows = context(args).services.followups.todo(until)
    emit([r.to_json() for r in rows], args.format, TODO_COLUMNS, empty=_("nothing to do"))
    return ExitCode.OK


def cmd_todo_done(args: argparse.Namespace) -> int:
    context(args).services.interactions.set_follow_up_done(args.interaction, not args.undo)
    if args.undo:
        say(_("follow-up of contact {id} open again").format(id=args.interaction))
    else:
        say(_("follow-up of contact {id} done").format(id=args.interaction))
    return ExitCode.OK


def _mail_source(path: str) -> Path:
    """A received-mail path: an .eml or mbox file, or a folder of them."""
    target = Path(path).expanduser()
    if target.is_dir():
        return target
    if not target.exists():
        raise FileProblem(target, _("file not found"))
    return readable(path)


def cmd_import_replies(args: argparse.Namespace) -> int:
    paths = [_mail_source(p) for p in args.paths]
    report = context(args).services.replies.import_replies(paths, dry_run=args.dry_run)
    for source, who, mailing_id, status in report.imported:
        word = labels.label(labels.DELIVERY_STATUS, status)
        print(f"{source}: {who}: {word} ({_('mailing')} {mailing_id})")
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
    from lobbycrm.cli.letters import field_hint
    from lobbycrm.services.letters import MissingFields

    try:
        return _letters_send(args)
    except MissingFields as exc:
        raise field_hint(exc) from None


def _letters_send(args: argparse.Namespace) -> int:
    from lobbycrm.cli.letters import letter_request, print_preview, with_extra_attachments

    ctx = context(args)
    letters = ctx.services.letters
    if args.preview is not None:
        return print_preview(letters, args)
    if args.mailing is not None:
        req = letters.request_for(args.mailing, "eml", None, args.allow_pending)
        req = with_extra_attachments(req, args)
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
    emit([r.to_json() for r in rows], args.format, RECIPIENT_COLUMNS, empty=_("no recipients"))
    return ExitCode.OK


def cmd_letters_mark(args: argparse.Namespace) -> int:
    on = date_arg("--date", args.date)
    context(args).services.replies.mark(args.id, args.person, args.status, on, args.note)
    say(
        _("mailing {id}: person {person} marked {status}").format(
            id=args.id,
            person=args.person,
            status=labels.label(labels.DELIVERY_STATUS, args.status),
        )
    )
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
            status = labels.label(labels.DELIVERY_STATUS, r.status)
            print(f"{r.person_id}\t{r.name}\t{r.email}\t{status}\t{short_date(r.since)}")
        return ExitCode.OK
    emit([r.to_json() for r in rows], args.format, RECIPIENT_COLUMNS)
    return ExitCode.OK
