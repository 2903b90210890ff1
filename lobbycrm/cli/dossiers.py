"""Commands `dossiers list|add` and `motions list|add`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import ExitCode, add_format, command, context, date_arg
from lobbycrm.cli.output import emit
from lobbycrm.core.i18n import N_, _
from lobbycrm.services.dossiers import DossierInput, MotionInput

DOSSIER_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("kamerstuk"), lambda r: r["kamerstuk"]),
    (N_("title"), lambda r: r["title"]),
    (N_("chamber"), lambda r: r["chamber"]),
    (N_("status"), lambda r: r["status"]),
]
MOTION_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("date"), lambda r: r["date"]),
    (N_("title"), lambda r: r["title"]),
    (N_("number"), lambda r: r["number"]),
    (N_("body"), lambda r: r["body"]),
    (N_("result"), lambda r: r["result"]),
    (N_("execution"), lambda r: r["execution_status"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = command(sub, "dossiers", help=_("bills and policy files"))
    dsub = d.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(dsub, "list", help=_("list dossiers"))
    add_format(p)
    p.set_defaults(func=cmd_dossiers_list)
    p = command(dsub, "add", help=_("add a dossier; prints the new id"))
    p.add_argument("--title", required=True)
    p.add_argument("--kamerstuk", default="")
    p.add_argument("--chamber", default="")
    p.add_argument("--status", default="open")
    p.set_defaults(func=cmd_dossiers_add)

    m = command(sub, "motions", help=_("motions and their execution"))
    msub = m.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(msub, "list", help=_("list motions"))
    p.add_argument("--dossier", type=int, default=None)
    p.add_argument("--result", default=None)
    p.add_argument("--body", default=None)
    add_format(p)
    p.set_defaults(func=cmd_motions_list)
    p = command(msub, "add", help=_("add a motion; prints the new id"))
    p.add_argument("--title", required=True)
    p.add_argument("--number", default="")
    p.add_argument("--submitters", default="")
    p.add_argument("--body", default="")
    p.add_argument("--dossier", type=int, default=None)
    p.add_argument("--date", default=None)
    p.add_argument("--result", default="onbekend")
    p.add_argument("--execution", default="onbekend")
    p.set_defaults(func=cmd_motions_add)


def cmd_dossiers_list(args: argparse.Namespace) -> int:
    rows = context(args).services.dossiers.list()
    emit([r.to_json() for r in rows], args.format, DOSSIER_COLUMNS)
    return ExitCode.OK


def cmd_dossiers_add(args: argparse.Namespace) -> int:
    ctx = context(args)
    data = DossierInput(args.title, args.kamerstuk, args.chamber, args.status)
    print(ctx.services.dossiers.add(data).ids[0])
    return ExitCode.OK


def cmd_motions_list(args: argparse.Namespace) -> int:
    rows = context(args).services.motions.list(args.dossier, args.result, args.body)
    emit([r.to_json() for r in rows], args.format, MOTION_COLUMNS)
    return ExitCode.OK


def cmd_motions_add(args: argparse.Namespace) -> int:
    day = date_arg("--date", args.date)
    ctx = context(args)
    data = MotionInput(
        title=args.title,
        number=args.number,
        submitters=args.submitters,
        body=args.body,
        dossier_id=args.dossier,
        date=day,
        result=args.result,
        execution_status=args.execution,
    )
    print(ctx.services.motions.add(data).ids[0])
    return ExitCode.OK
