"""Commands `people list|add|show|delete`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import ExitCode, add_format, added, command, context, date_arg, say
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.core.validation import AMSTERDAM

COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("name"), lambda r: r["sort_name"]),
    (N_("e-mail"), lambda r: r["emails"][:1]),
    (
        N_("roles"),
        lambda r: [
            f"{x['role']} {x['organisation']}" + (f" ({x['portfolio']})" if x["portfolio"] else "")
            for x in r["roles"]
            if x["current"]
        ],
    ),
    (N_("tags"), lambda r: r["tags"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    people = command(sub, "people")
    psub = people.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = command(psub, "list", help=_("list persons, sorted by surname (Dutch practice)"))
    p.add_argument("--search", default="", help=_("part of a name or e-mail address"))
    p.add_argument("--tag", default="", help=_("only persons with this tag"))
    p.add_argument("--org", default="", help=_("only persons with a role at this organisation"))
    p.add_argument("--role", default="", help=_("only persons with this role, e.g. senator"))
    p.add_argument("--portfolio", default="", help=_("only spokespersons for this portfolio"))
    p.add_argument("--current", action="store_true", help=_("only current roles"))
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = command(psub, "add", help=_("add a person; prints the new id"))
    p.add_argument("--surname", required=True, help=_("surname without particle: Hattem"))
    p.add_argument("--particle", default="", help=_("particle (tussenvoegsel): van, de, van der"))
    p.add_argument("--initials", default="", help=_("initials: A.J."))
    p.add_argument("--first-name", default="", help=_("first name"))
    p.add_argument("--title", default="", help=_("titles before the name: mr., dr."))
    p.add_argument("--gender", default="onbekend", choices=tuple(labels.GENDER))
    p.add_argument(
        "--email", action="append", default=[], help=_("e-mail address; repeat for more")
    )
    p.add_argument("--phone", action="append", default=[], help=_("phone number; repeat for more"))
    p.add_argument("--address", action="append", default=[], help=_("postal address"))
    p.add_argument("--notes", default="", help=_("free text"))
    p.add_argument("--org", default="", help=_("organisation of a role (with --role)"))
    p.add_argument("--role", default="", help=_("the role at --org: senator, woordvoerder"))
    p.add_argument("--portfolio", default="", help=_("the role's portfolio: asiel en migratie"))
    p.add_argument("--start", default=None, metavar="DATE", help=_("the role's first day"))
    p.add_argument("--end", default=None, metavar="DATE", help=_("the role's last day"))
    p.add_argument("--tag", action="append", default=[], help=_("a tag; repeat for more"))
    p.set_defaults(func=cmd_add)

    p = command(psub, "show", help=_("one person with roles and contact points"))
    p.add_argument("id", type=int, metavar="ID")
    add_format(p, ("table", "json"))
    p.set_defaults(func=cmd_show)

    p = command(psub, "delete", help=_("delete a person"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_delete)


def cmd_list(args: argparse.Namespace) -> int:
    from lobbycrm.services.people import PersonFilter

    ctx = context(args)
    f = PersonFilter(
        search=args.search,
        tag=args.tag,
        organisation=args.org,
        role=args.role,
        portfolio=args.portfolio,
        current=args.current,
    )
    rows = [p.to_json() for p in ctx.services.people.details(f)]
    emit(rows, args.format, COLUMNS, empty=_("no persons"))
    return ExitCode.OK


def cmd_add(args: argparse.Namespace) -> int:
    from lobbycrm.services.people import PersonInput, RoleInput

    if bool(args.org) != bool(args.role):
        missing = "--role" if args.org else "--org"
        raise ValidationError(missing, "", _("--org and --role go together"))
    start, end = date_arg("--start", args.start), date_arg("--end", args.end)
    if (start or end or args.portfolio) and not args.org:
        raise ValidationError(
            "--org", "", _("--start, --end and --portfolio need --org and --role")
        )
    data = PersonInput(
        surname=args.surname,
        particle=args.particle,
        initials=args.initials,
        first_name=args.first_name,
        titles=args.title,
        gender=args.gender,
        notes=args.notes,
        emails=args.email,
        phones=args.phone,
        addresses=args.address,
        tags=args.tag,
    )
    roles = [RoleInput(args.org, args.role, args.portfolio, start, end)] if args.org else []
    ctx = context(args)
    new_id = ctx.services.people.add(data, roles).ids[0]
    name = ctx.services.people.get(new_id).display_name
    added(new_id, _("person {id} added: {name}").format(id=new_id, name=name))
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    ctx = context(args)
    p = ctx.services.people.get(args.id)
    timeline = ctx.services.interactions.timeline(args.id)
    if args.format == "json":
        emit([{**p.to_json(), "timeline": [e.to_json() for e in timeline]}], "json", [])
        return ExitCode.OK
    print(p.formal_name)
    print(p.salutation)
    for e in p.emails:
        print(f"  {_('e-mail')}: {e}")
    for ph in p.phones:
        print(f"  {_('phone')}: {ph}")
    for r in p.roles:
        period = f"{r.start or '…'} – {r.end or '…'}"
        state = "" if r.current else f" ({_('former')})"
        portfolio = f", {r.portfolio}" if r.portfolio else ""
        print(f"  {r.role}, {r.organisation}{portfolio} [{period}]{state}")
    if p.tags:
        print(f"  {_('tags')}: " + ", ".join(p.tags))
    if p.damaged:
        print("  " + _("damaged") + ": " + p.damaged)
    print(_("Timeline") + ":")
    if not timeline:
        print("  " + _("nothing yet"))
    for entry in timeline:
        when = entry.when.astimezone(AMSTERDAM)
        subject = f": {entry.subject}" if entry.subject else ""
        print(f"  {when:%Y-%m-%d %H:%M}  {entry.state_text()}{subject}")
    return ExitCode.OK


def cmd_delete(args: argparse.Namespace) -> int:
    ctx = context(args)
    name = ctx.services.people.get(args.id).display_name
    ctx.services.people.delete(args.id)
    say(_("person {id} deleted: {name}").format(id=args.id, name=name))
    return ExitCode.OK
