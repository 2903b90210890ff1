"""Commands `stances set|list`, `majority`, `motions-open` and `briefing`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lobbycrm.cli.common import ExitCode, add_format, command, context, date_arg
from lobbycrm.cli.output import emit
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _
from lobbycrm.services.planning import STANCES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    st = command(sub, "stances", help=_("stances of persons and party groups on a dossier"))
    ssub = st.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = command(ssub, "set", help=_("record a stance (earlier ones are kept)"))
    p.add_argument("--dossier", type=int, required=True)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", type=int)
    who.add_argument("--org", help=_("a party group"))
    p.add_argument("--stance", required=True, choices=STANCES)
    p.add_argument("--date", default=None)
    p.add_argument("--source", default="")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_stance_set)
    p = command(ssub, "list", help=_("stance history of a dossier, newest first"))
    p.add_argument("--dossier", type=int, required=True)
    p.set_defaults(func=cmd_stance_list)

    p = command(sub, "majority", help=_("seats per party group, stances and the majority line"))
    p.add_argument("--dossier", type=int, default=None)
    p.add_argument("--event", type=int, default=None)
    add_format(p)
    p.set_defaults(func=cmd_majority)

    p = command(sub, "motions-open", help=_("adopted motions whose execution is still open"))
    add_format(p)
    p.set_defaults(func=cmd_motions_open)

    p = command(sub, "briefing", help=_("a debate briefing as PDF or HTML"))
    p.add_argument("event", type=int, metavar="EVENT_ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    p.set_defaults(func=cmd_briefing)


def cmd_stance_set(args: argparse.Namespace) -> int:
    on = date_arg("--date", args.date)
    context(args).services.planning.set_stance(
        args.dossier, args.stance, args.person, args.org, on, args.source, args.note
    )
    return ExitCode.OK


def cmd_stance_list(args: argparse.Namespace) -> int:
    for st in context(args).services.planning.history(args.dossier):
        print(f"{st.stated_on}\t{st.holder}\t{st.stance}\t{st.source}\t{st.note}".rstrip())
    return ExitCode.OK


def cmd_majority(args: argparse.Namespace) -> int:
    if args.dossier is None and args.event is None:
        raise ValidationError("--dossier", "", _("give --dossier or --event"))
    m = context(args).services.planning.majority(args.dossier, args.event)
    rows = [
        {
            "party_group": g.name,
            "seats": g.seats,
            "seats_source": g.seats_source,
            "stance": g.stance,
            "stance_source": g.stance_source,
            "members": [{"name": p.name, "stance": p.stance} for p in g.members],
        }
        for g in m.groups
    ]
    if args.format == "json":
        emit(
            [
                {
                    "chamber": m.chamber,
                    "total_seats": m.total_seats,
                    "majority": m.majority,
                    "voor": m.voor,
                    "tegen": m.tegen,
                    "twijfel": m.twijfel,
                    "onbekend": m.onbekend,
                    "warnings": list(m.warnings),
                    "groups": rows,
                }
            ],
            "json",
            [],
        )
        return ExitCode.OK
    emit(
        rows,
        args.format,
        [
            (N_("party group"), lambda r: r["party_group"]),
            (N_("seats"), lambda r: r["seats"]),
            (N_("stance"), lambda r: r["stance"]),
        ],
    )
    if args.format == "table":
        print(
            _(
                "{chamber}: {total} seats, majority {majority}; for {voor}, against {tegen}, "
                "undecided {twijfel}, unknown {onbekend}"
            ).format(
                chamber=m.chamber,
                total=m.total_seats,
                majority=m.majority,
                voor=m.voor,
                tegen=m.tegen,
                twijfel=m.twijfel,
                onbekend=m.onbekend,
            )
        )
    label = _("warning")
    for warning in m.warnings:
        print(f"lobbycrm: {label}: {warning}", file=sys.stderr)
    return ExitCode.OK


def cmd_motions_open(args: argparse.Namespace) -> int:
    rows = context(args).services.planning.open_motions()
    emit(
        [r.to_json() for r in rows],
        args.format,
        [
            (N_("title"), lambda r: r["title"]),
            (N_("body"), lambda r: r["body"]),
            (N_("execution"), lambda r: r["execution_status"]),
        ],
    )
    return ExitCode.OK


def cmd_briefing(args: argparse.Namespace) -> int:
    print(context(args).services.briefing.write(args.event, Path(args.out)))
    return ExitCode.OK
