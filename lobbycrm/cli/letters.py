"""Commands `letters templates|render|sender`."""

from __future__ import annotations

import argparse
from pathlib import Path

from lobbycrm.cli import outreach
from lobbycrm.cli.common import ExitCode, command, context, date_arg, readable, say
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.letters import templates
from lobbycrm.services.letters import FORMATS, SENDER_KEYS, LetterRequest, LetterService


def add_letter_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that produces letters."""
    p.add_argument("--template", default=None, help=_("a template's name or a file path"))
    p.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="SELECTOR",
        help=_(
            "tag:NAME, org:NAME, role:NAME, portfolio:NAME, committee:NAME or "
            "person:ID; join with + (all must hold); repeat to add"
        ),
    )
    p.add_argument("--event", type=int, default=None)
    p.add_argument("--dossier", type=int, default=None)
    p.add_argument("--campaign", type=int, default=None)
    p.add_argument("--cosigner", action="append", default=[], metavar="ORG")
    p.add_argument("--attach", action="append", default=[], metavar="FILE")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_("a value for the template: KEY=VALUE, group:PARTY:KEY=VALUE or person:ID:KEY=VALUE"),
    )


def letter_request(
    args: argparse.Namespace, fmt: str = "eml", out: Path | None = None
) -> LetterRequest:
    if not args.template:
        raise ValidationError("--template", "", _("a template is required"))
    if not args.to:
        raise ValidationError("--to", "", _("choose at least one recipient selector"))
    return LetterRequest(
        template=args.template,
        selectors=args.to,
        fmt=fmt,
        out_dir=out,
        event_id=args.event,
        dossier_id=args.dossier,
        campaign_id=args.campaign,
        cosigners=args.cosigner,
        attachments=[readable(a) for a in args.attach],
        fields=args.set,
        allow_pending=getattr(args, "allow_pending", False),
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letters = command(sub, "letters", help=_("letter templates and tailored copies"))
    lsub = letters.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(lsub, "templates", help=_("list the available templates"))
    p.set_defaults(func=cmd_templates)
    p = command(lsub, "render", help=_("write one tailored copy per recipient"))
    add_letter_options(p)
    p.add_argument("--format", choices=FORMATS, default="eml")
    p.add_argument("--out", default=None, metavar="DIR")
    p.add_argument(
        "--preview",
        type=int,
        default=None,
        metavar="PERSON_ID",
        help=_("print one recipient's copy instead of writing files"),
    )
    p.add_argument(
        "--mailing",
        type=int,
        default=None,
        metavar="ID",
        help=_(
            "produce a recorded mailing (its newest text, selection and "
            "co-signers) instead of --template/--to"
        ),
    )
    p.add_argument(
        "--allow-pending",
        action="store_true",
        help=_("count co-signers who have not answered as approved"),
    )
    p.set_defaults(func=cmd_render)

    p = command(lsub, "mailing", help=_("record a mailing without producing it; prints its id"))
    add_letter_options(p)
    p.add_argument("--name", default="")
    p.set_defaults(func=cmd_mailing)
    p = command(lsub, "mailings", help=_("list recorded mailings"))
    p.set_defaults(func=cmd_mailings)
    p = command(lsub, "show", help=_("one mailing: co-signers, versions, copies"))
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_show)
    p = command(lsub, "cosign", help=_("record a co-signer's answer"))
    p.add_argument("id", type=int, metavar="MAILING")
    p.add_argument("--org", required=True)
    p.add_argument("--status", required=True, choices=("invited", "approved", "declined"))
    p.add_argument("--date", default=None)
    p.add_argument("--contact", default="")
    p.set_defaults(func=cmd_cosign)
    p = command(lsub, "version", help=_("save a new text of a mailing's letter from FILE"))
    p.add_argument("id", type=int, metavar="MAILING")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_version)
    p = command(lsub, "diff", help=_("show what changed between two versions"))
    p.add_argument("id", type=int, metavar="MAILING")
    p.add_argument("a", type=int)
    p.add_argument("b", type=int)
    p.set_defaults(func=cmd_diff)
    p = command(lsub, "sender", help=_("set the sender and letterhead used in letters"))
    for key in SENDER_KEYS:
        p.add_argument(f"--{key}", default=None)
    p.set_defaults(func=cmd_sender)
    outreach.register_letters(lsub)


def cmd_templates(args: argparse.Namespace) -> int:
    for t in templates.available():
        origin = (
            _("built-in") if t.path and t.path.parent == templates.builtin_dir() else str(t.path)
        )
        print(f"{t.name}\t{t.subject}\t({origin})")
    return ExitCode.OK


def print_preview(letters: LetterService, args: argparse.Namespace) -> int:
    """`--preview PERSON_ID` of `letters render` and `letters send`: one copy, nothing kept."""
    all_copies = (
        letters.copies_for_mailing(args.mailing)
        if args.mailing
        else letters.copies(letter_request(args))
    )
    copies = [c for c in all_copies if c.person_id == args.preview]
    if not copies:
        raise ValidationError(
            "--preview", args.preview, _("this person is not among the recipients")
        )
    print(f"{_('Recipient')}: {copies[0].to_name} <{copies[0].to_email or '-'}>")
    print(f"{_('Subject')}: {copies[0].subject}\n")
    print(copies[0].body, end="")
    return ExitCode.OK


def cmd_render(args: argparse.Namespace) -> int:
    ctx = context(args)
    letters = ctx.services.letters
    if args.preview is not None:
        return print_preview(letters, args)
    if not args.out:
        raise ValidationError("--out", "", _("an output folder is required"))
    if args.mailing is not None:
        req = letters.request_for(args.mailing, args.format, Path(args.out), args.allow_pending)
        report = letters.produce(req, args.mailing)
    else:
        report = letters.produce(letter_request(args, args.format, Path(args.out)))
    print(
        _("mailing {id}, version {version}: {n} recipients").format(
            id=report.mailing_id, version=report.version, n=report.recipients
        )
    )
    written, skipped = _("written"), _("skipped")
    for path in report.written:
        print(f"{written}: {path}")
    for reason in report.skipped:
        print(f"{skipped}: {reason}")
    return ExitCode.OK


def cmd_sender(args: argparse.Namespace) -> int:
    ctx = context(args)
    values = {k: getattr(args, k) for k in SENDER_KEYS if getattr(args, k) is not None}
    ctx.services.letters.set_sender(**values)
    sender = ctx.services.letters.sender()
    sender["organisation"] = sender["organisation"]["name"]
    for key in SENDER_KEYS:
        # A field never set prints as the placeholder the letter shows for it.
        print(f"{_(SENDER_LABELS[key])}: {sender[key]}")
    return ExitCode.OK


SENDER_LABELS = {
    "name": N_("name"),
    "function": N_("function"),
    "organisation": N_("organisation"),
    "email": N_("e-mail"),
    "place": N_("place"),
    "address": N_("address"),
    "phone": N_("phone"),
    "website": N_("website"),
}


def cmd_mailing(args: argparse.Namespace) -> int:
    ctx = context(args)
    print(ctx.services.letters.create_mailing(letter_request(args), args.name))
    return ExitCode.OK


def cmd_mailings(args: argparse.Namespace) -> int:
    for m in context(args).services.letters.mailings():
        print(
            f"{m.id}\t{m.name}\t{m.template}\t{' | '.join(m.selectors)}\t"
            + _("{n} copies").format(n=m.copies)
        )
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    m = context(args).services.letters.mailing(args.id)
    print(f"{m.name} ({m.template})")
    print(_("recipients") + ": " + " | ".join(m.selectors))
    for c in m.cosigners:
        when = f" {c.decided_on}" if c.decided_on else ""
        status = labels.label(labels.COSIGNER_STATUS, c.status)
        print(f"  {_('co-signer')}: {c.organisation}: {status}{when} {c.contact}".rstrip())
    for number, note, at in m.versions:
        print(f"  {_('version')} {number}: {at:%Y-%m-%d %H:%M} {note}".rstrip())
    print("  " + _("{n} copies").format(n=m.copies))
    return ExitCode.OK


def cmd_cosign(args: argparse.Namespace) -> int:
    on = date_arg("--date", args.date)
    context(args).services.letters.set_cosigner(args.id, args.org, args.status, on, args.contact)
    status = labels.label(labels.COSIGNER_STATUS, args.status)
    say(_("mailing {id}: {org} {status}").format(id=args.id, org=args.org, status=status))
    return ExitCode.OK


def cmd_version(args: argparse.Namespace) -> int:
    from lobbycrm.core.files import FileProblem

    try:
        text = readable(args.file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            args.file, _("byte {n} is not UTF-8 text").format(n=exc.start + 1)
        ) from None
    number = context(args).services.letters.save_version(args.id, text, args.note)
    print(number)
    say(_("mailing {id}: version {number} saved").format(id=args.id, number=number))
    return ExitCode.OK


def cmd_diff(args: argparse.Namespace) -> int:
    print(context(args).services.letters.diff(args.id, args.a, args.b), end="")
    return ExitCode.OK
