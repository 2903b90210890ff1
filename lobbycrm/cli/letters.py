"""Commands `letters templates|render|sender`."""

from __future__ import annotations

import argparse
from pathlib import Path

from lobbycrm.cli.common import ExitCode, command, context
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.letters import templates
from lobbycrm.services.letters import FORMATS, SENDER_KEYS, LetterRequest


def add_letter_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that produces letters."""
    p.add_argument("--template", required=True, help=_("a template's name or a file path"))
    p.add_argument(
        "--to",
        action="append",
        required=True,
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
    return LetterRequest(
        template=args.template,
        selectors=args.to,
        fmt=fmt,
        out_dir=out,
        event_id=args.event,
        dossier_id=args.dossier,
        campaign_id=args.campaign,
        cosigners=args.cosigner,
        attachments=[Path(a) for a in args.attach],
        fields=args.set,
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
    p.set_defaults(func=cmd_render)
    p = command(lsub, "sender", help=_("set the sender and letterhead used in letters"))
    for key in SENDER_KEYS:
        p.add_argument(f"--{key}", default=None)
    p.set_defaults(func=cmd_sender)


def cmd_templates(args: argparse.Namespace) -> int:
    for t in templates.available():
        origin = (
            _("built-in") if t.path and t.path.parent == templates.builtin_dir() else str(t.path)
        )
        print(f"{t.name}\t{t.subject}\t({origin})")
    return ExitCode.OK


def cmd_render(args: argparse.Namespace) -> int:
    ctx = context(args)
    letters = ctx.services.letters
    if args.preview is not None:
        req = letter_request(args)
        copies = [c for c in letters.copies(req) if c.person_id == args.preview]
        if not copies:
            raise ValidationError(
                "--preview", args.preview, _("this person is not among the recipients")
            )
        print(f"{_('Recipient')}: {copies[0].to_name} <{copies[0].to_email or '-'}>")
        print(f"{_('Subject')}: {copies[0].subject}\n")
        print(copies[0].body, end="")
        return ExitCode.OK
    if not args.out:
        raise ValidationError("--out", "", _("an output folder is required"))
    report = letters.produce(letter_request(args, args.format, Path(args.out)))
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
    for key, value in ctx.services.settings.all("sender.").items():
        print(f"{key.removeprefix('sender.')}: {value}")
    return ExitCode.OK
