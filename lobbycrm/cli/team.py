"""Commands for working as a team: `log` (who changed what) and `copy-to URL`."""

from __future__ import annotations

import argparse
import sys

from lobbycrm.cli.common import ExitCode, add_format, command, context, date_arg
from lobbycrm.cli.output import emit
from lobbycrm.core.i18n import N_, _

LOG_COLUMNS = [
    (N_("when"), lambda r: r["when"]),
    (N_("who"), lambda r: r["author"]),
    (N_("what"), lambda r: r["what"]),
    (N_("change"), lambda r: r["change"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Here --user narrows the list to one author (the global --user names the author).
    p = command(sub, "log", help=_("who changed what and when, newest first"), global_user=False)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--person", type=int, metavar="ID", help=_("changes of one person"))
    which.add_argument("--dossier", type=int, metavar="ID", help=_("changes of one dossier"))
    which.add_argument("--mailing", type=int, metavar="ID", help=_("changes of one mailing"))
    p.add_argument(
        "--user", dest="by_user", metavar="NAME", help=_("only the changes made by NAME")
    )
    p.add_argument("--since", metavar="DATE", help=_("only changes from DATE on"))
    p.add_argument("--limit", type=int, default=1000, help=_("at most this many (default 1000)"))
    add_format(p)
    p.set_defaults(func=cmd_log)

    p = command(
        sub, "copy-to", help=_("copy this database into an empty one (e.g. the team's PostgreSQL)")
    )
    p.add_argument("url", metavar="URL", help="postgresql+psycopg://user@server/lobbycrm")
    p.set_defaults(func=cmd_copy_to)


def cmd_log(args: argparse.Namespace) -> int:
    from lobbycrm.core.errors import ValidationError
    from lobbycrm.core.i18n import date_time

    if not 1 <= args.limit <= 1_000_000:
        raise ValidationError("--limit", args.limit, _("must be between 1 and 1000000"))
    since = date_arg("--since", args.since)
    ctx = context(args)
    changes = ctx.services.audit.log(
        person_id=args.person,
        dossier_id=args.dossier,
        mailing_id=args.mailing,
        user=args.by_user,
        since=since,
        limit=args.limit,
    )
    rows = [
        {
            **c.to_json(),
            "when": date_time(c.at),
            "what": c.what(),
            "change": c.change(),
        }
        for c in changes
    ]
    emit(rows, args.format, LOG_COLUMNS)
    if len(changes) == args.limit and args.format == "table":
        print(_("(the newest {n}; use --limit for more)").format(n=args.limit), file=sys.stderr)
    return ExitCode.OK


def cmd_copy_to(args: argparse.Namespace) -> int:
    from lobbycrm.db.copy import copy_database

    ctx = context(args)

    def progress(table: str, n: int) -> None:
        if n:
            print(_("{table}: {n} rows").format(table=table, n=n), file=sys.stderr)

    counts = copy_database(ctx.engine, args.url, progress)
    total = sum(counts.values())
    where = args.url.split("@")[-1]
    print(_("{n} rows copied to {where}").format(n=total, where=where))
    return ExitCode.OK
