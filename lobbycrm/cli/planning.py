"""Commands `stances set|list`, `majority` (with what-if scenarios), `motions-open`,
`briefing` and `dossiers asks`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from lobbycrm.cli.common import ExitCode, add_format, command, context, date_arg, say, writable
from lobbycrm.cli.output import emit
from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import N_, _, getal

if TYPE_CHECKING:
    from lobbycrm.services.majority import MajorityCount, Targets

# The stored codes (as lobbycrm.services.majority.STANCES), without importing the services
# to build the parser; `--stance` also takes their words in either language.
STANCES = tuple(labels.STANCE)
STANCE_COLUMNS = [
    (N_("date"), lambda r: r["stated_on"]),
    (N_("who"), lambda r: r["holder"]),
    (N_("stance"), lambda r: labels.label(labels.STANCE, r["stance"])),
    (N_("source"), lambda r: r["source"]),
    (N_("note"), lambda r: r["note"]),
]


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
    add_format(p)
    p.set_defaults(func=cmd_stance_list)

    p = command(sub, "majority", help=_("seats per party group, stances and the majority line"))
    p.add_argument("--dossier", type=int, default=None)
    p.add_argument("--event", type=int, default=None)
    p.add_argument(
        "--what-if",
        action="append",
        default=[],
        metavar="GROUP=STANCE",
        help=_("try a stance without recording it (repeatable), e.g. --what-if CDA=tegen"),
    )
    add_format(p)
    p.set_defaults(func=cmd_majority)

    p = command(sub, "motions-open", help=_("adopted motions whose execution is still open"))
    add_format(p)
    p.set_defaults(func=cmd_motions_open)

    p = command(sub, "briefing", help=_("a debate briefing as PDF or HTML"))
    p.add_argument("event", type=int, metavar="EVENT_ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    p.set_defaults(func=cmd_briefing)
    _register_asks(sub)


def _subcommands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str
) -> argparse._SubParsersAction[argparse.ArgumentParser] | None:
    """The sub-commands of an existing command (`dossiers`), to add one of ours to it."""
    parser = sub.choices.get(name)
    for action in parser._actions if parser is not None else []:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def _register_asks(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dsub = _subcommands(sub, "dossiers")
    if dsub is None:
        return
    p = command(dsub, "asks", help=_("show or set a dossier's key message and asks"))
    p.add_argument("dossier", type=int, metavar="DOSSIER_ID")
    p.add_argument("--kernboodschap", "--key-message", dest="kernboodschap", default=None)
    p.add_argument(
        "--ask",
        action="append",
        default=None,
        metavar="TEXT",
        help=_("an ask (repeatable); the given asks replace the stored list"),
    )
    p.add_argument("--clear", action="store_true", help=_("remove every ask"))
    add_format(p)
    p.set_defaults(func=cmd_dossier_asks)


def cmd_stance_set(args: argparse.Namespace) -> int:
    on = date_arg("--date", args.date)
    services = context(args).services
    changes = services.planning.set_stance(
        args.dossier, args.stance, args.person, args.org, on, args.source, args.note
    )
    row = next(r for r in services.planning.history(args.dossier) if r.id == changes.ids[0])
    # What was done goes to standard error, as for every change (standard output: data).
    say(
        _("stance recorded: {who} {stance} on {day}").format(
            who=row.holder,
            stance=labels.label(labels.STANCE, row.stance),
            day=row.stated_on.strftime("%d-%m-%Y"),
        )
    )
    return ExitCode.OK


def cmd_stance_list(args: argparse.Namespace) -> int:
    rows = [
        {
            "id": st.id,
            "stated_on": st.stated_on.isoformat(),
            "holder": st.holder,
            "person_id": st.person_id,
            "organisation_id": st.organisation_id,
            "stance": st.stance,
            "source": st.source,
            "note": st.note,
        }
        for st in context(args).services.planning.history(args.dossier)
    ]
    emit(rows, args.format, STANCE_COLUMNS, empty=_("no stances"))
    return ExitCode.OK


def _group_json(m: MajorityCount, t: Targets) -> list[dict[str, object]]:
    wanted = {g.organisation_id for g in t.groups}
    return [
        {
            "party_group": g.name,
            "organisation_id": g.organisation_id,
            "seats": g.seats,
            "seats_source": g.seats_source,
            "stance": g.stance,
            "stance_source": g.stance_source,
            "stated_on": g.stated_on.isoformat() if g.stated_on else None,
            "source": g.source,
            "tried": g.tried,
            "recorded_stance": g.recorded_stance if g.tried else g.stance,
            "decisive": g.organisation_id in wanted,
            "members": [
                {
                    "name": p.name,
                    "stance": p.stance,
                    "stated_on": p.stated_on.isoformat() if p.stated_on else None,
                    "source": p.source,
                }
                for p in g.members
            ],
        }
        for g in m.groups
    ]


def cmd_majority(args: argparse.Namespace) -> int:
    from lobbycrm.services.majority import decisive_groups
    from lobbycrm.services.majority_words import (
        stance_source_text,
        stance_word,
        targets_sentence,
        verdict_sentence,
    )
    from lobbycrm.services.scenario import parse_what_if

    if args.dossier is None and args.event is None:
        raise ValidationError("--dossier", "", _("give --dossier or --event"))
    what_if = parse_what_if(args.what_if)
    m = context(args).services.planning.majority(args.dossier, args.event, what_if=what_if)
    t = decisive_groups(m)
    rows = _group_json(m, t)
    if args.format == "json":
        emit(
            [
                {
                    "chamber": m.chamber,
                    "dossier": m.dossier,
                    "total_seats": m.total_seats,
                    "majority": m.majority,
                    "voor": m.voor,
                    "tegen": m.tegen,
                    "twijfel": m.twijfel,
                    "onbekend": m.onbekend,
                    "scenario": [
                        {"party_group": g.name, "stance": g.stance, "recorded": g.recorded_stance}
                        for g in m.groups
                        if g.tried
                    ],
                    "recorded": not m.is_scenario,
                    "verdict": verdict_sentence(m),
                    "decisive": {
                        "kind": t.kind,
                        "needed": t.needed,
                        "seats": t.seats,
                        "party_groups": [g.name for g in t.groups],
                    },
                    "warnings": list(m.warnings),
                    "groups": rows,
                }
            ],
            "json",
            [],
        )
        return ExitCode.OK
    by_id = {g.organisation_id: g for g in m.groups}
    emit(
        rows,
        args.format,
        [
            (N_("party group"), lambda r: r["party_group"]),
            (N_("seats"), lambda r: r["seats"]),
            (N_("stance"), lambda r: stance_word(str(r["stance"]))),
            (
                N_("based on"),
                lambda r: stance_source_text(by_id[int(str(r["organisation_id"]))]),
            ),
            (N_("decisive"), lambda r: "*" if r["decisive"] else ""),
        ],
    )
    if args.format == "table":
        if m.is_scenario:
            tried = ", ".join(f"{g.name} {stance_word(g.stance)}" for g in m.groups if g.tried)
            print(_("Scenario, nothing recorded: {tried}.").format(tried=tried))
        print(f"{m.chamber} — {verdict_sentence(m)}")
        print(targets_sentence(t))
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
            (N_("execution"), lambda r: labels.label(labels.EXECUTION, r["execution_status"])),
        ],
        empty=_("no open motions"),
    )
    return ExitCode.OK


def cmd_briefing(args: argparse.Namespace) -> int:
    out = writable(args.out)
    print(context(args).services.briefing.write(args.event, out))
    return ExitCode.OK


def cmd_dossier_asks(args: argparse.Namespace) -> int:
    dossiers = context(args).services.dossiers
    if args.clear and args.ask:
        raise ValidationError("--clear", "--ask", _("give --ask or --clear, not both"))
    asks = [] if args.clear else args.ask
    if args.kernboodschap is not None or asks is not None:
        dossiers.set_asks(args.dossier, args.kernboodschap, asks)
    d = dossiers.get(args.dossier)
    if args.format == "json":
        emit([{"id": d.id, "kernboodschap": d.kernboodschap, "asks": list(d.asks)}], "json", [])
        return ExitCode.OK
    if args.format == "csv":
        emit([{"ask": a} for a in d.asks], "csv", [(N_("ask"), lambda r: r["ask"])])
        return ExitCode.OK
    print(f"{_('Key message')}: {d.kernboodschap or '-'}")
    for i, ask in enumerate(d.asks, start=1):
        print(f"{getal(i)}. {ask}")
    if not d.asks:
        print(_("no asks yet"))
    return ExitCode.OK
