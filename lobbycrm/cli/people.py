"""Commands `people list|add|edit|show|delete`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from lobbycrm.cli.common import ExitCode, add_format, added, command, context, date_arg, say
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.core.validation import AMSTERDAM

if TYPE_CHECKING:
    from lobbycrm.services.people import RoleInput

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
    _person_options(p, new=True)
    p.set_defaults(func=cmd_add)

    p = command(psub, "edit", help=_("change a person; options not given stay as they are"))
    p.add_argument("id", type=int, metavar="ID")
    _person_options(p, new=False)
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help=_("refuse when the person changed since you read version N (see --format json)"),
    )
    p.set_defaults(func=cmd_edit)

    p = command(psub, "show", help=_("one person with roles and contact points"))
    p.add_argument("id", type=int, metavar="ID")
    add_format(p, ("table", "json"))
    p.set_defaults(func=cmd_show)

    p = command(psub, "delete", help=_("delete a person"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_delete)


def _person_options(p: argparse.ArgumentParser, new: bool) -> None:
    """The options of `people add`; for `people edit` each one given replaces the stored
    value ('' clears it) and a repeated one (--email) replaces the whole list."""
    keep = None if not new else ""
    p.add_argument(
        "--surname", required=new, default=None, help=_("surname without particle: Hattem")
    )
    p.add_argument("--particle", default=keep, help=_("particle (tussenvoegsel): van, de, van der"))
    p.add_argument("--initials", default=keep, help=_("initials: A.J."))
    p.add_argument("--first-name", default=keep, help=_("first name"))
    p.add_argument("--title", default=keep, help=_("titles before the name: mr., dr."))
    p.add_argument("--gender", default="onbekend" if new else None, choices=tuple(labels.GENDER))
    p.add_argument(
        "--salutation",
        default=keep,
        help=_(
            "the person's own form of address, used by every letter instead of the computed "
            "one: 'mevrouw Jansen' or 'Beste Karin'; '' goes back to the computed one"
        ),
    )
    more = "" if new else " " + _("(replaces the stored ones; '' removes them)")
    p.add_argument(
        "--email",
        action="append",
        default=[] if new else None,
        help=_("e-mail address; repeat for more") + more,
    )
    p.add_argument(
        "--phone",
        action="append",
        default=[] if new else None,
        help=_("phone number; repeat for more") + more,
    )
    p.add_argument(
        "--address", action="append", default=[] if new else None, help=_("postal address") + more
    )
    p.add_argument("--notes", default=keep, help=_("free text"))
    p.add_argument("--org", default="", help=_("organisation of a role (with --role)"))
    p.add_argument("--role", default="", help=_("the role at --org: senator, woordvoerder"))
    p.add_argument("--portfolio", default="", help=_("the role's portfolio: asiel en migratie"))
    p.add_argument("--start", default=None, metavar="DATE", help=_("the role's first day"))
    p.add_argument("--end", default=None, metavar="DATE", help=_("the role's last day"))
    p.add_argument(
        "--tag",
        action="append",
        default=[] if new else None,
        help=_("a tag; repeat for more") + more,
    )


def _roles(args: argparse.Namespace) -> list[RoleInput]:
    from lobbycrm.services.people import RoleInput

    if bool(args.org) != bool(args.role):
        missing = "--role" if args.org else "--org"
        raise ValidationError(missing, "", _("--org and --role go together"))
    start, end = date_arg("--start", args.start), date_arg("--end", args.end)
    if (start or end or args.portfolio) and not args.org:
        raise ValidationError(
            "--org", "", _("--start, --end and --portfolio need --org and --role")
        )
    return [RoleInput(args.org, args.role, args.portfolio, start, end)] if args.org else []


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
    emit(ctx.services.people.details(f), args.format, COLUMNS, empty=_("no persons"))
    return ExitCode.OK


def cmd_add(args: argparse.Namespace) -> int:
    from lobbycrm.services.people import PersonInput

    roles = _roles(args)
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
        own_salutation=args.salutation,
    )
    ctx = context(args)
    new_id = ctx.services.people.add(data, roles).ids[0]
    name = ctx.services.people.get(new_id).display_name
    added(new_id, _("person {id} added: {name}").format(id=new_id, name=name))
    return ExitCode.OK


_EDITABLE = (
    "surname",
    "particle",
    "initials",
    "first_name",
    "title",
    "gender",
    "salutation",
    "email",
    "phone",
    "address",
    "notes",
    "tag",
)


def _given(values: list[str] | None, stored: list[str]) -> list[str]:
    return stored if values is None else [v for v in values if v.strip()]


def cmd_edit(args: argparse.Namespace) -> int:
    from lobbycrm.services.people import PersonInput

    roles = _roles(args)
    if not roles and all(getattr(args, k) is None for k in _EDITABLE):
        raise ValidationError(
            "ID", args.id, _("nothing to change: give an option such as --surname or --salutation")
        )
    ctx = context(args)
    people = ctx.services.people
    p = people.get(args.id)
    if p.damaged and args.surname is None and not p.surname:
        raise ValidationError("--surname", "", _("the stored person has no surname: give one"))

    def pick(value: str | None, stored: str) -> str:
        return stored if value is None else value

    data = PersonInput(
        surname=pick(args.surname, p.surname),
        particle=pick(args.particle, p.particle),
        initials=pick(args.initials, p.initials),
        first_name=pick(args.first_name, p.first_name),
        titles=pick(args.title, p.titles),
        gender=pick(args.gender, p.gender),
        notes=pick(args.notes, p.notes),
        particle_is_surname=p.particle_is_surname,
        emails=_given(args.email, p.emails),
        phones=_given(args.phone, p.phones),
        addresses=_given(args.address, p.addresses),
        tags=_given(args.tag, p.tags),
        own_salutation=args.salutation,
    )
    people.update(args.id, data, version=args.if_version, roles=roles)
    after = people.get(args.id)
    say(
        _("person {id} changed: {name}; salutation: {salutation}").format(
            id=args.id, name=after.display_name, salutation=after.salutation
        )
    )
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    ctx = context(args)
    p = ctx.services.people.get(args.id)
    timeline = ctx.services.interactions.timeline(args.id)
    if args.format == "json":
        emit([{**p.to_json(), "timeline": [e.to_json() for e in timeline]}], "json", [])
        return ExitCode.OK
    print(p.formal_name)
    print(p.salutation + (f" ({_('own form of address')})" if p.own_salutation else ""))
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
