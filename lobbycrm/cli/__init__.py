"""The command line (`lobbycrm <command>`): thin argparse commands over the services."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from lobbycrm import __version__
from lobbycrm.cli import (
    admin,
    calendar,
    campaigns,
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
    parser = argparse.ArgumentParser(
        prog="lobbycrm", parents=[COMMON], description=_("LobbyCRM command line")
    )
    parser.add_argument("--version", action="version", version=f"lobbycrm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def run(argv: Sequence[str]) -> int:
    pre, _rest = COMMON.parse_known_args(argv)
    set_language(getattr(pre, "lang", None))
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except LobbyError as exc:
        label = _("error")
        print(f"lobbycrm: {label}: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    except SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        label = _("database error")
        print(f"lobbycrm: {label}: {detail}", file=sys.stderr)
        return ExitCode.ERROR
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return ExitCode.OK
    finally:
        ctx = getattr(args, "_context", None)
        if ctx is not None:
            ctx.close()
