"""Commands `orgs list|add|show|seats`."""

from __future__ import annotations

import argparse
import sys

from lobbycrm.cli.common import ExitCode, add_format, added, command, context, say
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _

COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("name"), lambda r: r["name"]),
    (N_("short"), lambda r: r["short_name"]),
    (N_("kind"), lambda r: labels.label(labels.ORG_KIND, r["kind"])),
    (N_("part of"), lambda r: r["parent"]),
    (N_("seats"), lambda r: r["seats"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    orgs = command(sub, "orgs")
    osub = orgs.add_subparsers(dest="action", required=True, metavar="ACTION")
    kinds = tuple(labels.ORG_KIND)

    p = command(osub, "list", help=_("list organisations"))
    p.add_argument("--kind", default=None, choices=kinds, metavar="KIND")
    p.add_argument("--search", default="", help=_("part of the name or short name"))
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = command(osub, "add", help=_("add an organisation; prints the new id"))
    p.add_argument("--name", required=True, help=_("full name: Eerste Kamer der Staten-Generaal"))
    p.add_argument("--kind", required=True, choices=kinds, metavar="KIND")
    p.add_argument("--short", default="", help=_("short name: Eerste Kamer, CDA"))
    p.add_argument(
        "--full-name",
        default="",
        help=_(
            "full official name for letters: 'vaste commissie voor Immigratie & Asiel / JBZ-Raad'"
        ),
    )
    p.add_argument("--parent", default="", help=_("the organisation it is part of"))
    p.add_argument("--email", action="append", default=[], help=_("e-mail address; repeat"))
    p.add_argument("--seats", type=int, default=None, help=_("seats (chamber, party group)"))
    p.add_argument("--cbs-code", default=None, help=_("CBS municipality code: GM0106"))
    p.add_argument("--tk-id", default=None, help=_("Tweede Kamer open-data id"))
    p.add_argument("--tag", action="append", default=[], help=_("a tag; repeat for more"))
    p.set_defaults(func=cmd_add)

    p = command(
        osub, "seats", help=_("record a party group's seats; --clear counts its members instead")
    )
    p.add_argument("name", metavar="NAME", help=_("the party group (name or short name)"))
    p.add_argument("seats", metavar="N", nargs="?", type=int, default=None)
    p.add_argument("--clear", action="store_true", help=_("forget the recorded seats"))
    p.set_defaults(func=cmd_seats)

    p = command(osub, "show", help=_("one organisation"))
    p.add_argument("id", type=int, metavar="ID")
    add_format(p)
    p.set_defaults(func=cmd_show)


def cmd_list(args: argparse.Namespace) -> int:
    ctx = context(args)
    rows = [o.to_json() for o in ctx.services.orgs.list(kind=args.kind, search=args.search)]
    emit(rows, args.format, COLUMNS, empty=_("no organisations"))
    return ExitCode.OK


def cmd_add(args: argparse.Namespace) -> int:
    from lobbycrm.services.orgs import OrgInput

    ctx = context(args)
    changes = ctx.services.orgs.add(
        OrgInput(
            name=args.name,
            kind=args.kind,
            short_name=args.short,
            full_name=args.full_name,
            parent=args.parent,
            emails=args.email,
            seats=args.seats,
            cbs_code=args.cbs_code,
            tk_id=args.tk_id,
            tags=args.tag,
        )
    )
    new_id = changes.ids[0]
    kind = labels.label(labels.ORG_KIND, args.kind)
    added(
        new_id,
        _("organisation {id} added: {name} ({kind})").format(id=new_id, name=args.name, kind=kind),
    )
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    ctx = context(args)
    emit([ctx.services.orgs.get(args.id).to_json()], args.format, COLUMNS)
    return ExitCode.OK


def cmd_seats(args: argparse.Namespace) -> int:
    if args.clear == (args.seats is not None):
        raise ValidationError("N", args.seats or "", _("give the number of seats N or --clear"))
    ctx = context(args)
    planning = ctx.services.planning
    try:
        changes = planning.set_seats(args.name, args.seats)
    except ValidationError as exc:
        raise ValidationError("N", exc.value, exc.reason) from None
    row = ctx.services.orgs.get(changes.ids[0])
    org = row.short_name or row.name
    if args.seats is None:
        say(_("seats of {org} cleared: its current members are counted").format(org=org))
    else:
        say(_("seats recorded: {org} {n}").format(org=org, n=args.seats))
    label = _("warning")
    for warning in planning.seat_warnings(changes.ids[0]):
        print(f"lobbycrm: {label}: {warning}", file=sys.stderr)
    return ExitCode.OK
