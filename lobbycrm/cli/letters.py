"""Commands `letters templates|render|sender`."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from lobbycrm.cli import outreach
from lobbycrm.cli.common import ExitCode, command, context, date_arg, readable, say
from lobbycrm.core import labels
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import N_, _, ngettext
from lobbycrm.letters import templates
from lobbycrm.services.letters import (
    FORMATS,
    SENDER_KEYS,
    LetterRequest,
    LetterService,
    MailingRow,
    MissingFields,
)


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
    """Each template with its description and the fields it uses; a broken one with its file,
    line and reason (the others are listed all the same)."""
    broken = 0
    for entry in templates.catalogue():
        origin = _("built-in") if entry.builtin else str(entry.path)
        print(f"{entry.name} ({origin})")
        if entry.template is None:
            broken += 1
            print("  " + _("cannot be used: {error}").format(error=entry.problem))
            continue
        t = entry.template
        print(
            f"  {_('Description')}: {t.description or _('none (the template has no description)')}"
        )
        fields = t.fields
        if not fields:
            print(f"  {_('Fields')}: {_('none')}")
        for f in fields:
            what = f.description or ""
            if f.required:
                state = _("required")
            elif f.default:
                state = _("optional, default: {value}").format(value=f.default)
            else:
                state = _("optional")
            print(f"  {_('Field')} {f.name}: " + "; ".join(x for x in (what, state) if x))
    if broken:
        print(
            ngettext("{n} template cannot be used", "{n} templates cannot be used", broken).format(
                n=broken
            )
        )
    return ExitCode.OK


def with_extra_attachments(req: LetterRequest, args: argparse.Namespace) -> LetterRequest:
    """`--attach` beside `--mailing`: the files join the mailing's own attachments."""
    extra = [readable(a) for a in getattr(args, "attach", [])]
    if not extra:
        return req
    return dataclasses.replace(req, attachments=[*req.attachments, *extra])


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


def field_hint(exc: MissingFields) -> LobbyError:
    """On the command line a missing field says how to give it."""
    names = " ".join(f"--set {f.name}=..." for f in exc.missing)
    return LobbyError(f"{exc} ({_('give a value with')} {names})")


def cmd_render(args: argparse.Namespace) -> int:
    try:
        return _render(args)
    except MissingFields as exc:
        raise field_hint(exc) from None


def _render(args: argparse.Namespace) -> int:
    ctx = context(args)
    letters = ctx.services.letters
    if args.preview is not None:
        return print_preview(letters, args)
    if not args.out:
        raise ValidationError("--out", "", _("an output folder is required"))
    if args.mailing is not None:
        req = letters.request_for(args.mailing, args.format, Path(args.out), args.allow_pending)
        report = letters.produce(with_extra_attachments(req, args), args.mailing)
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
        print(f"{m.id}\t{m.name}\t{m.template}\t{' | '.join(m.selectors)}\t" + counts_text(m))
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
    print("  " + counts_text(m))
    attachments = context(args).services.letters.attachments(args.id)
    for a in attachments:
        state = f" ({a.problem})" if a.problem else ""
        print(f"  {_('attachment')}: {a.path}{state}")
    return ExitCode.OK


def counts_text(m: MailingRow) -> str:
    """'19 ontvangers: 19 concept, 0 verstuurd, 0 mislukt, 0 beantwoord': each recipient once."""
    c = m.counts
    return (
        ngettext("{n} recipient", "{n} recipients", c.recipients).format(n=c.recipients)
        + ": "
        + _("{drafted} drafted, {sent} sent, {failed} failed, {answered} answered").format(
            drafted=c.drafted, sent=c.sent, failed=c.failed, answered=c.answered
        )
    )


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
