"""Commands `events list|add|update|cancel|show`."""

from __future__ import annotations

import argparse

from lobbycrm.cli.common import ExitCode, add_format, command, context, date_arg, datetime_arg
from lobbycrm.cli.output import emit
from lobbycrm.core.enums import EventKind
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.services.events import EventInput

COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("start"), lambda r: r["start"]),
    (N_("end"), lambda r: r["end"]),
    (N_("kind"), lambda r: r["kind"]),
    (N_("title"), lambda r: r["title"]),
    (N_("status"), lambda r: r["status"]),
    (N_("location"), lambda r: r["location"]),
]


def _event_options(p: argparse.ArgumentParser, new: bool) -> None:
    kinds = ", ".join(k.value for k in EventKind)
    p.add_argument("--title", required=new, default=None)
    p.add_argument("--kind", required=new, default=None, help=kinds)
    when = p.add_mutually_exclusive_group(required=new)
    when.add_argument(
        "--start", default=None, help=_("YYYY-MM-DDTHH:MM; without offset: Europe/Amsterdam")
    )
    when.add_argument("--date", default=None, help=_("all-day: YYYY-MM-DD"))
    p.add_argument("--end", default=None)
    p.add_argument("--end-date", default=None)
    p.add_argument("--org", default=None)
    p.add_argument("--dossier", type=int, default=None)
    p.add_argument("--location", default=None)
    p.add_argument("--description", default=None)
    p.add_argument("--portfolio", default=None)
    p.add_argument("--status", default=None, choices=("confirmed", "tentative", "cancelled"))
    p.add_argument("--reminder", type=int, action="append", default=None, metavar="MINUTES")
    p.add_argument("--person", type=int, action="append", default=None, metavar="ID")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    events = command(sub, "events", help=_("agenda: debates, deadlines, votes"))
    esub = events.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = command(esub, "list", help=_("list events sorted by start"))
    p.add_argument("--from", dest="date_from", default=None)
    p.add_argument("--to", dest="date_to", default=None)
    p.add_argument("--kind", default=None)
    p.add_argument("--org", default=None)
    p.add_argument("--dossier", type=int, default=None)
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = command(esub, "add", help=_("add an event; prints the new id"))
    _event_options(p, new=True)
    p.set_defaults(func=cmd_add)

    p = command(esub, "update", help=_("change an event (raises its calendar SEQUENCE)"))
    p.add_argument("id", type=int)
    _event_options(p, new=False)
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help=_("refuse when the event changed since you read version N (see --format json)"),
    )
    p.set_defaults(func=cmd_update)

    p = command(esub, "cancel", help=_("cancel an event (kept, exported as cancelled)"))
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_cancel)

    p = command(esub, "show", help=_("one event"))
    p.add_argument("id", type=int)
    add_format(p)
    p.set_defaults(func=cmd_show)


def _input(args: argparse.Namespace) -> EventInput:
    start = datetime_arg("--start", args.start)
    end = datetime_arg("--end", args.end)
    day = date_arg("--date", args.date)
    end_day = date_arg("--end-date", args.end_date)
    if day is not None and end is not None:
        raise ValidationError("--end", args.end, _("an all-day event takes --end-date"))
    if start is not None and end_day is not None:
        raise ValidationError("--end-date", args.end_date, _("a timed event takes --end"))
    return EventInput(
        title=args.title,
        kind=args.kind,
        start=start,
        end=end,
        date=day,
        end_date=end_day,
        location=args.location,
        description=args.description,
        organisation=args.org,
        dossier_id=args.dossier,
        portfolio=args.portfolio,
        status=args.status,
        reminders=args.reminder,
        person_ids=args.person,
    )


def cmd_list(args: argparse.Namespace) -> int:
    start = date_arg("--from", args.date_from)
    end = date_arg("--to", args.date_to)
    ctx = context(args)
    rows = ctx.services.events.list(
        start=start, end=end, kind=args.kind, organisation=args.org, dossier_id=args.dossier
    )
    emit([r.to_json() for r in rows], args.format, COLUMNS)
    return ExitCode.OK


def cmd_add(args: argparse.Namespace) -> int:
    data = _input(args)
    ctx = context(args)
    print(ctx.services.events.add(data).ids[0])
    return ExitCode.OK


def cmd_update(args: argparse.Namespace) -> int:
    data = _input(args)
    ctx = context(args)
    ctx.services.events.update(args.id, data, version=args.if_version)
    return ExitCode.OK


def cmd_cancel(args: argparse.Namespace) -> int:
    ctx = context(args)
    ctx.services.events.cancel(args.id)
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    ctx = context(args)
    emit([ctx.services.events.get(args.id).to_json()], args.format, COLUMNS)
    return ExitCode.OK
