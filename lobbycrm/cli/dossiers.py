"""Commands `dossiers list|add|edit` and `motions list|add`."""

from __future__ import annotations

import argparse
import datetime as dt

from lobbycrm.cli.common import ExitCode, add_format, added, command, context, say
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _


def motion_date_text(r: dict[str, object]) -> str:
    """'maart 2025' when only the month is known (the JSON keeps the date and precision)."""
    from lobbycrm.core.partial_dates import partial_date_text

    day = r["date"]
    if not isinstance(day, str) or not day:
        return ""
    return partial_date_text(dt.date.fromisoformat(day), str(r.get("date_precision", "day")))


DOSSIER_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("kamerstuk"), lambda r: r["kamerstuk"]),
    (N_("title"), lambda r: r["title"]),
    (N_("chamber"), lambda r: r["chamber"]),
    (N_("status"), lambda r: labels.label(labels.DOSSIER_STATUS, r["status"])),
]
MOTION_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("date"), lambda r: motion_date_text(r)),
    (N_("title"), lambda r: r["title"]),
    (N_("number"), lambda r: r["number"]),
    (N_("body"), lambda r: r["body"]),
    (N_("result"), lambda r: labels.label(labels.MOTION_RESULT, r["result"])),
    (N_("execution"), lambda r: labels.label(labels.EXECUTION, r["execution_status"])),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = command(sub, "dossiers")
    dsub = d.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(dsub, "list", help=_("list dossiers"))
    add_format(p)
    p.set_defaults(func=cmd_dossiers_list)
    p = command(dsub, "add", help=_("add a dossier; prints the new id"))
    p.add_argument("--title", required=True, help=_("the bill or policy file"))
    p.add_argument("--kamerstuk", default="", help=_('parliamentary paper number: "36 334"'))
    p.add_argument("--chamber", default="", help=_("the chamber or council dealing with it"))
    p.add_argument("--status", default="open", choices=tuple(labels.DOSSIER_STATUS))
    p.set_defaults(func=cmd_dossiers_add)
    p = command(dsub, "edit", help=_("change a dossier; options not given stay as they are"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--title", default=None, help=_("the bill or policy file"))
    p.add_argument("--kamerstuk", default=None, help=_('parliamentary paper number: "36 334"'))
    p.add_argument(
        "--chamber",
        default=None,
        help=_("the chamber or council dealing with it (for the majority count); '' clears"),
    )
    p.add_argument("--status", default=None, choices=tuple(labels.DOSSIER_STATUS))
    p.add_argument("--notes", default=None, help=_("free text"))
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help=_("refuse when the dossier changed since you read version N (see --format json)"),
    )
    p.set_defaults(func=cmd_dossiers_edit)

    m = command(sub, "motions")
    msub = m.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(msub, "list", help=_("list motions"))
    p.add_argument("--dossier", type=int, default=None, help=_("only motions on this dossier"))
    p.add_argument("--result", default=None, choices=tuple(labels.MOTION_RESULT))
    p.add_argument("--body", default=None, help=_("only motions of this chamber or council"))
    add_format(p)
    p.set_defaults(func=cmd_motions_list)
    p = command(msub, "add", help=_("add a motion; prints the new id"))
    p.add_argument("--title", required=True, help=_("motie-Van Nispen (2024) or its subject"))
    p.add_argument("--number", default="", help=_("its number: 36 334, nr. 12"))
    p.add_argument("--submitters", default="", help=_("who submitted it"))
    p.add_argument("--body", default="", help=_("the chamber or council that voted"))
    p.add_argument("--dossier", type=int, default=None, help=_("dossier id"))
    p.add_argument(
        "--date",
        default=None,
        help=_("day of the vote: 2025-03-14; 2025-03 or 2025 when only the month or year is known"),
    )
    p.add_argument("--result", default="onbekend", choices=tuple(labels.MOTION_RESULT))
    p.add_argument("--execution", default="onbekend", choices=tuple(labels.EXECUTION))
    p.set_defaults(func=cmd_motions_add)


def cmd_dossiers_list(args: argparse.Namespace) -> int:
    rows = context(args).services.dossiers.list()
    emit([r.to_json() for r in rows], args.format, DOSSIER_COLUMNS, empty=_("no dossiers"))
    return ExitCode.OK


def cmd_dossiers_add(args: argparse.Namespace) -> int:
    from lobbycrm.services.dossiers import DossierInput

    ctx = context(args)
    data = DossierInput(args.title, args.kamerstuk, args.chamber, args.status)
    new_id = ctx.services.dossiers.add(data).ids[0]
    title = f"{args.title} ({args.kamerstuk})" if args.kamerstuk else args.title
    added(new_id, _("dossier {id} added: {title}").format(id=new_id, title=title))
    return ExitCode.OK


def _dossier_summary(title: str, kamerstuk: str, chamber: str | None) -> str:
    text = f"{title} ({kamerstuk})" if kamerstuk else title
    return f"{text}, {_('chamber')}: {chamber or _('none')}"


def cmd_dossiers_edit(args: argparse.Namespace) -> int:
    from lobbycrm.services.dossiers import DossierInput

    given = (args.title, args.kamerstuk, args.chamber, args.status, args.notes)
    if all(v is None for v in given):
        raise ValidationError(
            "ID", args.id, _("nothing to change: give an option such as --chamber or --title")
        )
    ctx = context(args)
    d = ctx.services.dossiers.get(args.id)
    stored_chamber = f"#{d.chamber_id}" if d.chamber_id is not None else ""
    data = DossierInput(
        title=d.title if args.title is None else args.title,
        kamerstuk=d.kamerstuk if args.kamerstuk is None else args.kamerstuk,
        chamber=stored_chamber if args.chamber is None else args.chamber,
        status=d.status if args.status is None else args.status,
        notes=d.notes if args.notes is None else args.notes,
    )
    ctx.services.dossiers.update(args.id, data, version=args.if_version)
    after = ctx.services.dossiers.get(args.id)
    say(
        _("dossier {id} changed: {what}").format(
            id=args.id, what=_dossier_summary(after.title, after.kamerstuk, after.chamber)
        )
    )
    return ExitCode.OK


def cmd_motions_list(args: argparse.Namespace) -> int:
    rows = context(args).services.motions.list(args.dossier, args.result, args.body)
    emit([r.to_json() for r in rows], args.format, MOTION_COLUMNS, empty=_("no motions"))
    return ExitCode.OK


def cmd_motions_add(args: argparse.Namespace) -> int:
    from lobbycrm.core.partial_dates import parse_partial_date
    from lobbycrm.services.dossiers import MotionInput

    day, precision = parse_partial_date("--date", args.date) if args.date else (None, None)
    ctx = context(args)
    data = MotionInput(
        title=args.title,
        number=args.number,
        submitters=args.submitters,
        body=args.body,
        dossier_id=args.dossier,
        date=day,
        date_precision=precision,
        result=args.result,
        execution_status=args.execution,
    )
    new_id = ctx.services.motions.add(data).ids[0]
    result = labels.label(labels.MOTION_RESULT, args.result)
    added(
        new_id,
        _("motion {id} added: {title} ({result})").format(
            id=new_id, title=args.title, result=result
        ),
    )
    return ExitCode.OK
