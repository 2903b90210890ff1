"""Shared command-line plumbing: exit codes, opening the database, argument parsers.

Light on purpose: building the parser imports no service, SQLAlchemy or Alembic; a command
imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lobbycrm.core.i18n import _, language

if TYPE_CHECKING:
    from lobbycrm.bootstrap import Context


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2


def global_options() -> argparse.ArgumentParser:
    """--db, --lang and --user, accepted before the command and after every (sub)command."""
    return _global_options(language(), True)


@cache
def _global_options(lang: str, with_user: bool) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="DATABASE",
        help=_(
            "SQLite file or SQLAlchemy URL (default: env LOBBYCRM_DB, else the user-data folder)"
        ),
    )
    common.add_argument(
        "--lang",
        choices=("nl", "en"),
        default=argparse.SUPPRESS,
        help=_("interface language: nl (Nederlands) or en (English)"),
    )
    if with_user:
        common.add_argument(
            "--user",
            metavar="NAME",
            default=argparse.SUPPRESS,
            help=_("your name in the change log (default: preferences, else your account name)"),
        )
    return common


def command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str | None = None,
    global_user: bool = True,
) -> argparse.ArgumentParser:
    """Add a (sub)command that also takes the global options (without --user when the
    command has a --user of its own: an SMTP login, a log filter).

    A top-level command without `help` takes its line from the table in `lobbycrm.cli`.
    """
    if help is None and sub.dest == "command":
        from lobbycrm.cli import COMMANDS

        help = _(COMMANDS[name][0])
    parent = _global_options(language(), global_user)
    return sub.add_parser(name, help=help, description=help, parents=[parent])


def group(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str | None = None,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """A command group (`import`, `export`) that several feature modules add commands to."""
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]]
    groups = vars(sub).setdefault("_groups", {})
    if name not in groups:
        parser = command(sub, name, help=help)
        groups[name] = parser.add_subparsers(dest=f"{name}_what", required=True, metavar="WHAT")
    return groups[name]


def context(args: argparse.Namespace) -> Context:
    from lobbycrm.bootstrap import open_context

    ctx = open_context(getattr(args, "db", None), getattr(args, "user", None))
    args._context = ctx
    return ctx


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...] = ()) -> None:
    parser.add_argument("--format", choices=choices or ("table", "json", "csv"), default="table")


def date_arg(option: str, value: str | None) -> dt.date | None:
    from lobbycrm.core.validation import parse_date

    return parse_date(option, value) if value else None


def datetime_arg(option: str, value: str | None) -> dt.datetime | None:
    from lobbycrm.core.validation import parse_datetime

    return parse_datetime(option, value) if value else None


def say(message: str) -> None:
    """What a command did, in one line. It goes to standard error, so that standard output
    carries only data (a list, an id, a path) and `id=$(lobbycrm people add ...)` works."""
    print(message, file=sys.stderr)


def added(new_id: int, message: str) -> None:
    """An `add`: the new id alone on standard output, the sentence on standard error."""
    print(new_id)
    say(message)


def readable(path: str) -> Path:
    """A file the user named for reading, checked before any work: 'x.csv: bestand niet
    gevonden', 'geen toegang', 'is een map'."""
    from lobbycrm.core.files import file_problem

    target = Path(path).expanduser()
    try:
        with target.open("rb"):
            pass
    except OSError as exc:
        raise file_problem(target, exc) from None
    return target


def readable_folder(path: str) -> Path:
    from lobbycrm.core.files import FileProblem

    target = Path(path).expanduser()
    if not target.exists():
        raise FileProblem(target, _("folder not found"))
    if not target.is_dir():
        raise FileProblem(target, _("is not a folder"))
    return target


def writable(path: str) -> Path:
    """A file the user named for writing: not a folder, and a place that takes a new file
    (missing folders are made by the writer)."""
    from lobbycrm.core.files import FileProblem

    target = Path(path).expanduser()
    if target.is_dir():
        raise FileProblem(target, _("is a folder"))
    if target.exists():
        if not os.access(target, os.W_OK):
            raise FileProblem(target, _("no permission"))
        return target
    existing = target.parent.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise FileProblem(target, _("a part of the path is not a folder"))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise FileProblem(target, _("no permission"))
    return target
