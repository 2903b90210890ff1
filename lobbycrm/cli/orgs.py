"""Commands `orgs list|add|show|seats`."""

from __future__ import annotations

import argparse
import sys

from lobbycrm.cli.common import ExitCode, add_format, command, context
from lobbycrm.cli.output import emit
from lobbycrm.core.enums import OrgKind
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.services.orgs import OrgInput

COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("name"), lambda r: r["name"]),
    (N_("short"), lambda r: r["short_name"]),
    (N_("kind"), lambda r: r["kind"]),
    (N_("part of"), lambda r: r["parent"]),
    (N_("seats"), lambda r: r["seats"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    orgs = command(sub, "orgs", help=_("organisations"))
    osub = orgs.add_subparsers(dest="action", required=True, metavar="ACTION")
    kinds = ", ".join(k.value for k in OrgKind)

    p = command(osub, "list", help=_("list organisations"))
    p.add_argument("--kind", default=None, help=kinds)
    p.add_argument("--search", default="")
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = command(osub, "add", help=_("add an organisation; prints the new id"))
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, help=kinds)
    p.add_argument("--short", default="")
    p.add_argument("--parent", default="")
    p.add_argument("--email", action="append", default=[])
    p.add_argument("--seats", type=int, default=None)
    p.add_argument("--cbs-code", default=None)
    p.add_argument("--tk-id", default=None)
    p.add_argument("--tag", action="append", default=[])
    p.set_defaults(func=cmd_add)

    p = command(
        osub, "seats", help=_("record a party group's seats; --clear counts its members instead")
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("seats", metavar="N", nargs="?", type=int, default=None)
    p.add_argument("--clear", action="store_true", help=_("forget the recorded seats"))
    p.set_defaults(func=cmd_seats)

    p = command(osub, "show", help=_("one organisation"))
    p.add_argument("id", type=int)
    add_format(p)
    p.set_defaults(func=cmd_show)


def cmd_list(args: argparse.Namespace) -> int:
    ctx = context(args)
    rows = [o.to_json() for o in ctx.services.orgs.list(kind=args.kind, search=args.search)]
    emit(rows, args.format, COLUMNS)
    return ExitCode.OK


def cmd_add(args: argparse.Namespace) -> int:
    ctx = context(args)
    changes = ctx.services.orgs.add(
        OrgInput(
            name=args.name,
            kind=args.kind,
            short_name=args.short,
            parent=args.parent,
            emails=args.email,
            seats=args.seats,
            cbs_code=args.cbs_code,
            tk_id=args.tk_id,
            tags=args.tag,
        )
    )
    print(changes.ids[0])
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    ctx = context(args)
    emit([ctx.services.orgs.get(args.id).to_json()], args.format, COLUMNS)
    return ExitCode.OK


def cmd_seats(args: argparse.Namespace) -> int:
    if args.clear == (args.seats is not None):
        raise ValidationError("N", args.seats or "", _("give the number of seats N or --clear"))
    planning = context(args).services.planning
    try:
        changes = planning.set_seats(args.name, args.seats)
    except ValidationError as exc:
        raise ValidationError("N", exc.value, exc.reason) from None
    label = _("warning")
    for warning in planning.seat_warnings(changes.ids[0]):
        print(f"lobbycrm: {label}: {warning}", file=sys.stderr)
    return ExitCode.OK
