"""Shared command-line plumbing: exit codes, opening the database, argument parsers."""

from __future__ import annotations

import argparse
import datetime as dt
from enum import IntEnum

from lobbycrm.bootstrap import Context, open_context
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import parse_date, parse_datetime


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2


def global_options() -> argparse.ArgumentParser:
    """--db, --lang and --user, accepted before the command and after every (sub)command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=_(
            "SQLite file or SQLAlchemy URL (default: env LOBBYCRM_DB, else the user-data folder)"
        ),
    )
    common.add_argument(
        "--lang", choices=("nl", "en"), default=argparse.SUPPRESS, help=_("interface language")
    )
    common.add_argument(
        "--user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=_("your name in the change log (default: preferences, else your account name)"),
    )
    return common


COMMON = global_options()


def _without_user() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    for action in COMMON._actions:
        if action.dest != "user":
            parser._add_action(action)
    return parser


# For the few commands with a --user of their own (an SMTP login, a log filter).
COMMON_NO_USER = _without_user()


def command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    global_user: bool = True,
) -> argparse.ArgumentParser:
    """Add a (sub)command that also takes the global options (without --user when the
    command has a --user of its own)."""
    return sub.add_parser(name, help=help, parents=[COMMON if global_user else COMMON_NO_USER])


_GROUPS: dict[tuple[int, str], argparse._SubParsersAction[argparse.ArgumentParser]] = {}


def group(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """A command group (`import`, `export`) that several feature modules add commands to."""
    key = (id(sub), name)
    if key not in _GROUPS:
        parser = command(sub, name, help=help)
        _GROUPS[key] = parser.add_subparsers(dest=f"{name}_what", required=True, metavar="WHAT")
    return _GROUPS[key]


def context(args: argparse.Namespace) -> Context:
    ctx = open_context(getattr(args, "db", None), getattr(args, "user", None))
    args._context = ctx
    return ctx


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")


def date_arg(option: str, value: str | None) -> dt.date | None:
    return parse_date(option, value) if value else None


def datetime_arg(option: str, value: str | None) -> dt.datetime | None:
    return parse_datetime(option, value) if value else None
