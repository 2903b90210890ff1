"""Commands `events list|add|update|cancel|show`."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from lobbycrm.cli.common import (
    ExitCode,
    add_format,
    added,
    command,
    context,
    date_arg,
    datetime_arg,
    say,
)
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _

if TYPE_CHECKING:
    from lobbycrm.services.dto import EventRow
    from lobbycrm.services.events import EventInput


def when(r: dict[str, Any]) -> str:
    """'di 19 mei 2026 13:30–18:00', 'di 13 jan 2026 (hele dag)'."""
    from lobbycrm.core.i18n import date_time, short_date, time_of_day

    if r["all_day"]:
        start = dt.date.fromisoformat(r["start"])
        end = dt.date.fromisoformat(r["end"]) if r["end"] else None
        if end and end != start:
            return f"{short_date(start)} – {short_date(end)}"
        return f"{short_date(start)} ({_('all day')})"
    begin = dt.datetime.fromisoformat(r["start"])
    text = date_time(begin)
    if r["end"]:
        finish = dt.datetime.fromisoformat(r["end"])
        same_day = finish.date() == begin.date()
        text += "–" + (time_of_day(finish) if same_day else date_time(finish))
    return text


def reminders_text(minutes: list[int]) -> str:
    return ", ".join(labels.offset_text(m) for m in minutes)


def _dossier(r: dict[str, Any]) -> str:
    if not r["dossier"]:
        return ""
    return f"{r['dossier']} ({r['kamerstuk']})" if r["kamerstuk"] else str(r["dossier"])


COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("when"), when),
    (N_("kind"), lambda r: labels.label(labels.EVENT_KIND, r["kind"])),
    (N_("title"), lambda r: r["title"]),
    (N_("organisation"), lambda r: r["organisation"]),
    (N_("dossier"), _dossier),
    (N_("status"), lambda r: labels.label(labels.EVENT_STATUS, r["status"])),
    (N_("location"), lambda r: r["location"]),
    (N_("reminders"), lambda r: reminders_text(r["reminders"])),
]


def offset(text: str) -> int:
    """`type=` for a reminder: minutes, or '1d', '2u', '30m', '1 dag'."""
    signed = text.strip()
    if signed[:1] in "+-" and signed[1:].isdigit() and signed[1:].isascii():
        return int(signed)  # out of range: refused with its range where it is checked
    minutes = labels.parse_offset(text)
    if minutes is None:
        raise argparse.ArgumentTypeError(
            _("not a reminder time: '{value}' (minutes, or like 1d, 2u, 30m, '1 dag')").format(
                value=text
            )
        )
    return minutes


def _event_options(p: argparse.ArgumentParser, new: bool) -> None:
    p.add_argument("--title", required=new, default=None, help=_("what it is: Plenair debat"))
    p.add_argument("--kind", required=new, default=None, choices=tuple(labels.EVENT_KIND))
    when_group = p.add_mutually_exclusive_group(required=new)
    when_group.add_argument(
        "--start",
        default=None,
        metavar="DATETIME",
        help=_("YYYY-MM-DDTHH:MM; without offset: Europe/Amsterdam"),
    )
    when_group.add_argument("--date", default=None, help=_("all-day: YYYY-MM-DD"))
    p.add_argument("--end", default=None, metavar="DATETIME", help=_("end of a timed event"))
    p.add_argument(
        "--end-date", default=None, metavar="DATE", help=_("last day of an all-day event")
    )
    p.add_argument("--org", default=None, help=_("organisation (chamber, committee); '' clears"))
    p.add_argument("--dossier", type=int, default=None, help=_("dossier id; 0 clears"))
    p.add_argument("--location", default=None, help=_("where: Plenaire zaal, Den Haag"))
    p.add_argument("--description", default=None, help=_("free text"))
    p.add_argument("--portfolio", default=None, help=_("portfolio, for its spokespersons"))
    p.add_argument("--status", default=None, choices=tuple(labels.EVENT_STATUS))
    p.add_argument(
        "--reminder",
        type=offset,
        action="append",
        default=None,
        metavar="TIME",
        help=(
            _("a reminder before the start: minutes, or 1d, 2u, 30m, '1 dag'; repeat for more")
            if new
            else _("add a reminder: minutes, or 1d, 2u, 30m, '1 dag'; repeat for more")
        ),
    )
    if not new:
        p.add_argument(
            "--remove-reminder",
            type=offset,
            action="append",
            default=None,
            metavar="TIME",
            help=_("remove the reminder given this long before the start"),
        )
        p.add_argument(
            "--no-reminders",
            action="store_true",
            help=_("remove every reminder (then --reminder adds the new ones)"),
        )
    p.add_argument(
        "--person",
        type=int,
        action="append",
        default=None,
        metavar="ID",
        help=_("a person involved; repeat for more (replaces the list)"),
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    events = command(sub, "events")
    esub = events.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = command(esub, "list", help=_("list events sorted by start"))
    p.add_argument("--from", dest="date_from", default=None, metavar="DATE", help=_("from day"))
    p.add_argument("--to", dest="date_to", default=None, metavar="DATE", help=_("up to day"))
    p.add_argument("--kind", default=None, choices=tuple(labels.EVENT_KIND))
    p.add_argument("--org", default=None, help=_("only events of this organisation"))
    p.add_argument("--dossier", type=int, default=None, help=_("only events of this dossier"))
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = command(esub, "add", help=_("add an event; prints the new id"))
    _event_options(p, new=True)
    p.set_defaults(func=cmd_add)

    p = command(esub, "update", help=_("change an event (raises its calendar SEQUENCE)"))
    p.add_argument("id", type=int, metavar="ID")
    _event_options(p, new=False)
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help=_("refuse when the event changed since you read version N (see --format json)"),
    )
    p.set_defaults(func=cmd_update)

    p = command(esub, "cancel", help=_("cancel an event (kept, exported as cancelled)"))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_cancel)

    p = command(esub, "show", help=_("one event"))
    p.add_argument("id", type=int, metavar="ID")
    add_format(p)
    p.set_defaults(func=cmd_show)


def _input(args: argparse.Namespace) -> EventInput:
    from lobbycrm.services.events import EventInput

    start = datetime_arg("--start", args.start)
    end = datetime_arg("--end", args.end)
    day = date_arg("--date", args.date)
    end_day = date_arg("--end-date", args.end_date)
    if day is not None and end is not None:
        raise ValidationError("--end", args.end, _("an all-day event takes --end-date"))
    if start is not None and end_day is not None:
        raise ValidationError("--end-date", args.end_date, _("a timed event takes --end"))
    data = EventInput(
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
        person_ids=args.person,
    )
    if not hasattr(args, "remove_reminder"):
        data.reminders = args.reminder  # `events add`: the list
        return data
    if args.no_reminders and args.remove_reminder:
        raise ValidationError(
            "--remove-reminder",
            args.remove_reminder[0],
            _("cannot go with {option}").format(option="--no-reminders"),
        )
    data.reminders = [] if args.no_reminders else None
    data.add_reminders = args.reminder
    data.remove_reminders = args.remove_reminder
    return data


def _summary(row: EventRow) -> str:
    kind = labels.label(labels.EVENT_KIND, row.kind)
    return f"{row.title} ({kind}, {when(row.to_json())})"


def cmd_list(args: argparse.Namespace) -> int:
    start = date_arg("--from", args.date_from)
    end = date_arg("--to", args.date_to)
    ctx = context(args)
    rows = ctx.services.events.list(
        start=start, end=end, kind=args.kind, organisation=args.org, dossier_id=args.dossier
    )
    emit([r.to_json() for r in rows], args.format, COLUMNS, empty=_("no events"))
    return ExitCode.OK


def cmd_add(args: argparse.Namespace) -> int:
    data = _input(args)
    ctx = context(args)
    new_id = ctx.services.events.add(data).ids[0]
    row = ctx.services.events.get(new_id)
    added(new_id, _("event {id} added: {what}").format(id=new_id, what=_summary(row)))
    return ExitCode.OK


def cmd_update(args: argparse.Namespace) -> int:
    data = _input(args)
    ctx = context(args)
    ctx.services.events.update(args.id, data, version=args.if_version)
    row = ctx.services.events.get(args.id)
    message = _("event {id} updated: {what}").format(id=args.id, what=_summary(row))
    if data.reminders is not None or data.add_reminders or data.remove_reminders:
        now = reminders_text(row.reminders) or _("none")
        message += "; " + _("reminders: {list}").format(list=now)
    say(message)
    return ExitCode.OK


def cmd_cancel(args: argparse.Namespace) -> int:
    ctx = context(args)
    ctx.services.events.cancel(args.id)
    row = ctx.services.events.get(args.id)
    say(_("event {id} cancelled: {what}").format(id=args.id, what=_summary(row)))
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    ctx = context(args)
    emit([ctx.services.events.get(args.id).to_json()], args.format, COLUMNS)
    return ExitCode.OK
