"""The command line (`lobbycrm <command>`): thin argparse commands over the services."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from lobbycrm import __version__, crashlog
from lobbycrm.cli import (
    admin,
    calendar,
    campaigns,
    common,
    dossiers,
    events,
    housekeeping,
    interchange,
    letters,
    orgs,
    outreach,
    people,
    planning,
    privacy,
    team,
)
from lobbycrm.cli.common import COMMON, ExitCode
from lobbycrm.cli.output import SafeStream
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, set_language

# Each feature module registers its own sub-commands here.
COMMAND_MODULES = [
    admin,
    people,
    orgs,
    events,
    dossiers,
    campaigns,
    calendar,
    interchange,
    letters,
    outreach,
    planning,
    housekeeping,
    team,
    privacy,
]


def build_parser() -> argparse.ArgumentParser:
    # Groups are cached per parser object; a second parser in one process starts afresh.
    common._GROUPS.clear()
    parser = argparse.ArgumentParser(
        prog="lobbycrm", parents=[COMMON], description=_("LobbyCRM command line")
    )
    parser.add_argument("--version", action="version", version=f"lobbycrm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _fail(message: object) -> int:
    print(f"lobbycrm: {_('error')}: {message}", file=sys.stderr)
    return ExitCode.ERROR


def run(argv: Sequence[str]) -> int:
    # Nothing a command prints can carry a terminal escape sequence from stored data.
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _run(argv)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        out = open(os.devnull, "w")  # noqa: SIM115
        return ExitCode.OK
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: Sequence[str]) -> int:
    pre, _rest = COMMON.parse_known_args(argv)
    set_language(getattr(pre, "lang", None))
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        check_numbers(parser, args)
        return int(args.func(args))
    except LobbyError as exc:
        return _fail(exc)
    except SQLAlchemyError as exc:
        from lobbycrm.db.engine import database_problem

        return _fail(database_problem(exc, getattr(args, "db", None)))
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:
        return _fail(_("interrupted"))
    except Exception as exc:
        return _fail(crashlog.message(crashlog.record(exc, " ".join(["lobbycrm", *argv[:2]]))))
    finally:
        ctx = getattr(args, "_context", None)
        if ctx is not None:
            ctx.close()


def check_numbers(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Every whole number on the command line fits the database (ids, minutes, counts):
    `people show 99999999999999999999` is refused naming the option, not a traceback."""
    from lobbycrm.core.errors import ValidationError
    from lobbycrm.core.validation import MAX_ID

    for dest, value in vars(args).items():
        for number in value if isinstance(value, list) else [value]:
            if isinstance(number, int) and not isinstance(number, bool) and abs(number) > MAX_ID:
                raise ValidationError(
                    _option_name(parser, dest, args),
                    None,
                    _("is too large (at most {high})").format(high=MAX_ID),
                )


def _option_name(parser: argparse.ArgumentParser, dest: str, args: argparse.Namespace) -> str:
    """'--event' for dest 'event', 'ID' for a positional: looked up in the sub-command that
    was chosen (`orgs seats` and `orgs add` both have a 'seats')."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                found = _option_name(chosen, dest, args)
                if found != dest:
                    return found
    for action in parser._actions:
        if action.dest == dest:
            if action.option_strings:
                return max(action.option_strings, key=len)
            return str(action.metavar or dest).upper()
    return dest
