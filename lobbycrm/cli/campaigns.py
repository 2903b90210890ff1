"""Commands `campaigns list|show|add|edit|signatures|councils`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from lobbycrm.cli.common import ExitCode, add_format, added, command, context, date_arg, say
from lobbycrm.cli.dossiers import motion_date_text
from lobbycrm.cli.output import emit
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _, getal, language, short_date
from lobbycrm.core.validation import amsterdam_today

T = TypeVar("T")

LIST_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("name"), lambda r: r["name"]),
    (N_("signatures"), lambda r: _count(r["signatures"])),
    (N_("partners"), lambda r: r["partners"]),
]
MAILING_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("mailing"), lambda r: r["name"]),
    (N_("reminder of"), lambda r: r["follow_up_of"]),
    (N_("sent on"), lambda r: r["sent_on"]),
    (N_("recipients"), lambda r: r["recipients"]),
    (N_("sent"), lambda r: r["sent"]),
    (N_("acknowledged"), lambda r: r["acknowledged"]),
    (N_("replied"), lambda r: r["replied"]),
    (N_("failed"), lambda r: r["failed"]),
    (N_("answer rate"), lambda r: _rate(r["answer_rate"])),
]
COUNCIL_COLUMNS = [
    (N_("council"), lambda r: r["name"]),
    (N_("CBS code"), lambda r: r["cbs_code"]),
    (N_("written to"), lambda r: r["written_to"]),
    (N_("first written on"), lambda r: r["first_written_on"]),
    (N_("acknowledged"), lambda r: r["acknowledged"]),
    (N_("motion adopted"), lambda r: r["adopted"]),
    (N_("motion"), lambda r: [m["title"] for m in r["motions"]]),
    (N_("motion date"), lambda r: [motion_date_text(m) for m in r["motions"]]),
]
COUNTS_TEXT = N_(
    "Councils written to: {written}, acknowledged: {acknowledged}, adopted a motion: {adopted}"
)

# The service names its fields; on the command line the message names the option instead.
OPTIONS = {
    N_("name"): "--name",
    N_("notes"): "--notes",
    N_("partners"): "--partner",
    N_("dossiers"): "--dossier",
    N_("signatures"): "--count",
    N_("date"): "--date",
}


def _count(value: int | None) -> str:
    return "" if value is None else getal(value, language())


def _rate(value: float | None) -> str:
    return "" if value is None else f"{getal(round(value * 100), language())}%"


def _by_option(call: Callable[[], T]) -> T:
    try:
        return call()
    except ValidationError as exc:
        option = {_(k): v for k, v in OPTIONS.items()}.get(exc.field)
        if option is None:
            raise
        raise ValidationError(option, exc.value, exc.reason) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = command(sub, "campaigns")
    csub = c.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(csub, "list", help=_("list campaigns"))
    add_format(p)
    p.set_defaults(func=cmd_list)

    p = command(csub, "show", help=_("a campaign: dossiers, partners, signatures, mailings"))
    p.add_argument("id", type=int, metavar="ID")
    add_format(p, ("table", "json"))
    p.set_defaults(func=cmd_show)

    p = command(csub, "add", help=_("add a campaign; prints the new id"))
    p.add_argument("--name", required=True, help=_("the campaign's name"))
    _content_options(p)
    p.set_defaults(func=cmd_add)

    p = command(csub, "edit", help=_("change a campaign; options not given stay as they are"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--name", default=None, help=_("a new name"))
    _content_options(p)
    p.add_argument("--no-partners", action="store_true", help=_("remove every partner"))
    p.add_argument("--no-dossiers", action="store_true", help=_("remove every dossier"))
    p.set_defaults(func=cmd_edit)

    p = command(csub, "signatures", help=_("record (or delete) a petition's signature count"))
    p.add_argument("id", type=int, metavar="ID")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--count", help=_("number of signatures, like 31805 or 31.805"))
    what.add_argument("--delete", action="store_true", help=_("delete the count of --date"))
    p.add_argument("--date", default=None, help=_("day of the count (default: today)"))
    p.set_defaults(func=cmd_signatures)

    p = command(csub, "councils", help=_("councils written to, acknowledged, adopting a motion"))
    p.add_argument("id", type=int, metavar="ID")
    add_format(p)
    p.set_defaults(func=cmd_councils)


def _content_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notes", default=None, help=_("free text"))
    p.add_argument(
        "--partner",
        action="append",
        default=None,
        metavar="ORG",
        help=_("partner organisation (name, short name or #id); repeat for more"),
    )
    p.add_argument(
        "--dossier",
        action="append",
        default=None,
        type=int,
        metavar="ID",
        help=_("dossier id; repeat for more"),
    )


def cmd_list(args: argparse.Namespace) -> int:
    rows = context(args).services.campaigns.list()
    emit([r.to_json() for r in rows], args.format, LIST_COLUMNS, empty=_("no campaigns"))
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    d = context(args).services.campaigns.detail(args.id)
    if args.format == "json":
        emit([d.to_json()], "json", [])
        return ExitCode.OK
    print(f"{d.name} (#{d.id})")
    if d.notes:
        print(d.notes)
    dossiers = ", ".join(f"#{x.id} {x.title}" for x in d.dossiers) or "-"
    partners = ", ".join(x.name for x in d.partners) or "-"
    print(_("Dossiers: {items}").format(items=dossiers))
    print(_("Partners: {items}").format(items=partners))
    if d.signatures:
        last = d.signatures[-1]
        print(
            _("Signatures: {count} on {date}").format(
                count=getal(last.count, language()), date=short_date(last.on)
            )
        )
        for point in d.signatures[:-1]:
            print(f"  {short_date(point.on)}: {getal(point.count, language())}")
    else:
        print(_("Signatures: none recorded"))
    if d.mailings:
        print()
        emit([m.to_json() for m in d.mailings], "table", MAILING_COLUMNS)
    if d.municipal:
        print()
        _print_counts(d.councils.written_to, d.councils.acknowledged, d.councils.adopted)
    return ExitCode.OK


def _print_counts(written: int, acknowledged: int, adopted: int) -> None:
    print(_(COUNTS_TEXT).format(written=written, acknowledged=acknowledged, adopted=adopted))


def cmd_add(args: argparse.Namespace) -> int:
    from lobbycrm.services.campaigns import CampaignInput

    data = CampaignInput(args.name, args.notes or "", args.partner or [], args.dossier or [])
    changes = _by_option(lambda: context(args).services.campaigns.add(data))
    new_id = changes.ids[0]
    added(new_id, _("campaign {id} added: {name}").format(id=new_id, name=args.name.strip()))
    return ExitCode.OK


def cmd_edit(args: argparse.Namespace) -> int:
    from lobbycrm.services.campaigns import CampaignInput

    if args.no_partners and args.partner:
        raise ValidationError("--no-partners", "", _("cannot go with --partner"))
    if args.no_dossiers and args.dossier:
        raise ValidationError("--no-dossiers", "", _("cannot go with --dossier"))
    campaigns = context(args).services.campaigns
    now = campaigns.detail(args.id)
    partners = [f"#{p.id}" for p in now.partners]
    dossiers = [x.id for x in now.dossiers]
    data = CampaignInput(
        now.name if args.name is None else args.name,
        now.notes if args.notes is None else args.notes,
        [] if args.no_partners else (args.partner or partners),
        [] if args.no_dossiers else (args.dossier or dossiers),
    )
    _by_option(lambda: campaigns.edit(args.id, data))
    name = campaigns.detail(args.id).name
    say(_("campaign {id} updated: {name}").format(id=args.id, name=name))
    return ExitCode.OK


def cmd_signatures(args: argparse.Namespace) -> int:
    from lobbycrm.services.campaigns import parse_count

    campaigns = context(args).services.campaigns
    if args.delete:
        if not args.date:
            raise ValidationError("--date", "", _("say which day's count to delete"))
        on = date_arg("--date", args.date)
        assert on is not None
        _by_option(lambda: campaigns.delete_signatures(args.id, on))
        say(_("signature count of {date} deleted").format(date=short_date(on)))
        return ExitCode.OK
    count = parse_count("--count", args.count)
    day = date_arg("--date", args.date) or amsterdam_today()
    _by_option(lambda: campaigns.record_signatures(args.id, count, day))
    say(
        _("signatures recorded: {count} on {date}").format(
            count=getal(count, language()), date=short_date(day)
        )
    )
    return ExitCode.OK


def cmd_councils(args: argparse.Namespace) -> int:
    overview = context(args).services.campaigns.detail(args.id).councils
    rows = [r.to_json() for r in overview.councils]
    if args.format == "json":
        emit(
            [
                {
                    "written_to": overview.written_to,
                    "acknowledged": overview.acknowledged,
                    "adopted": overview.adopted,
                    "councils": rows,
                }
            ],
            "json",
            [],
        )
        return ExitCode.OK
    emit(rows, args.format, COUNCIL_COLUMNS, empty=_("no councils"))
    if args.format == "table":
        _print_counts(overview.written_to, overview.acknowledged, overview.adopted)
    return ExitCode.OK
