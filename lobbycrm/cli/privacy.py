"""Commands `privacy export|erase|review|keep`: the AVG (GDPR) duties towards one person."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lobbycrm.cli.common import ExitCode, add_format, command, context
from lobbycrm.cli.output import emit
from lobbycrm.core.i18n import N_, _

REVIEW_COLUMNS = [
    (N_("id"), lambda r: r["id"]),
    (N_("name"), lambda r: r["name"]),
    (N_("last role"), lambda r: r["last_role"]),
    (N_("role ended"), lambda r: r["role_ended"]),
    (N_("last contact"), lambda r: r["contact"]),
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = command(sub, "privacy", help=_("access, erasure and review of personal data (AVG)"))
    psub = privacy.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = command(psub, "export", help=_("write everything held about a person (HTML and JSON)"))
    p.add_argument("id", type=int, metavar="PERSON_ID")
    p.add_argument("--out", required=True, metavar="DIR", help=_("folder for the two files"))
    p.set_defaults(func=cmd_export)

    p = command(psub, "erase", help=_("erase a person and everything that identifies them"))
    p.add_argument("id", type=int, metavar="PERSON_ID")
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.set_defaults(func=cmd_erase)

    p = command(psub, "review", help=_("persons without a current role or contact for a while"))
    p.add_argument(
        "--older-than",
        type=int,
        default=24,
        metavar="MONTHS",
        help=_("no role or contact for this many months (default 24)"),
    )
    add_format(p)
    p.set_defaults(func=cmd_review)

    p = command(psub, "clean", help=_("clean the database file of freed space (after erasing)"))
    p.set_defaults(func=cmd_clean)

    p = command(psub, "keep", help=_("keep a person the review lists (noted on their timeline)"))
    p.add_argument("id", type=int, metavar="PERSON_ID")
    p.add_argument("--reason", default="", help=_("why they are kept"))
    p.set_defaults(func=cmd_keep)


def cmd_export(args: argparse.Namespace) -> int:
    result = context(args).services.privacy.export(args.id, Path(args.out))
    print(result.html)
    print(result.json)
    return ExitCode.OK


def _confirmed(name: str) -> bool:
    if not sys.stdin.isatty():
        return False
    prompt = _("Erase {name} and everything that identifies them? This cannot be undone. [y/N] ")
    answer = input(prompt.format(name=name)).strip().casefold()
    return answer in (_("y"), _("yes"), "y", "yes")


def cmd_erase(args: argparse.Namespace) -> int:
    from lobbycrm.core import labels
    from lobbycrm.core.errors import LobbyError

    ctx = context(args)
    privacy = ctx.services.privacy
    name = privacy.name_of(args.id)
    if not args.yes and not _confirmed(name):
        raise LobbyError(
            _("{name} was not erased: confirm with --yes (erasing cannot be undone)").format(
                name=name
            )
        )
    report = privacy.erase(args.id)
    print(_("Person {id} erased.").format(id=args.id))
    for kind, n in sorted(report.removed.items()):
        print(f"  {labels.label(labels.RECORD_KIND, kind)}: {n}")
    if report.anonymous_recipients:
        print(
            _("  mailings keep {n} anonymous recipient row(s), so their counts stay").format(
                n=report.anonymous_recipients
            )
        )
    for where in report.scrubbed:
        print(_("  name or address removed from: {where}").format(where=where))
    for address in report.shared_addresses:
        print(_("  kept: {address} is also an organisation's address").format(address=address))
    if not report.file_cleaned:
        print(
            _(
                "warning: another program kept the database file open, so freed space may "
                "still hold the data; close LobbyCRM everywhere and run 'lobbycrm privacy "
                "clean'"
            ),
            file=sys.stderr,
        )
    if report.backups:
        print(_("These backups were made before and still hold the person's data:"))
        for path in report.backups:
            print(f"  {path}")
    return ExitCode.OK


def cmd_review(args: argparse.Namespace) -> int:
    from lobbycrm.core.i18n import short_date

    rows = context(args).services.privacy.review(args.older_than)
    emit(
        [
            {
                **r.to_json(),
                "role_ended": short_date(r.last_role_end) if r.last_role_end else "",
                "contact": short_date(r.last_contact) if r.last_contact else _("never"),
            }
            for r in rows
        ],
        args.format,
        REVIEW_COLUMNS,
    )
    return ExitCode.OK


def cmd_clean(args: argparse.Namespace) -> int:
    from lobbycrm.core.errors import LobbyError

    if not context(args).services.privacy.clean():
        raise LobbyError(_("another program still has the database open; close it and try again"))
    return ExitCode.OK


def cmd_keep(args: argparse.Namespace) -> int:
    context(args).services.privacy.keep(args.id, args.reason)
    return ExitCode.OK
