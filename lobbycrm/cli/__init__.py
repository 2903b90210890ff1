"""The command line (`lobbycrm <command>`): thin argparse commands over the services."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from lobbycrm import __version__
from lobbycrm.cli.common import ExitCode, global_options
from lobbycrm.cli.parser import PROG, Parser, localise, prescan, translate_argparse
from lobbycrm.cli.texts import OPTION_HELP
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import N_, _, set_language

# Feature modules (lobbycrm/cli/<name>.py); each registers its own sub-commands.
COMMAND_MODULES = (
    "admin",
    "people",
    "orgs",
    "events",
    "dossiers",
    "campaigns",
    "calendar",
    "interchange",
    "letters",
    "outreach",
    "planning",
    "housekeeping",
    "team",
    "privacy",
    "topics",
)

# Every top-level command: its one-line help and the modules that add to it. `lobbycrm --help`
# and a mistyped command need only this table, so they import no feature module (nor the
# services behind them); a command imports its own modules. tests/cli/test_parser.py checks
# that this table matches what the modules register.
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "init": (N_("create or upgrade the database and print where it is"), ("admin",)),
    "demo": (N_("load the demo data (safe to run twice)"), ("admin",)),
    "backup": (N_("copy the database to a file (safe while the app runs)"), ("admin",)),
    "people": (N_("persons"), ("people",)),
    "orgs": (N_("organisations"), ("orgs",)),
    "events": (N_("agenda: debates, deadlines, votes"), ("events",)),
    "dossiers": (N_("bills and policy files"), ("dossiers", "planning")),
    "motions": (N_("motions and their execution"), ("dossiers",)),
    "campaigns": (N_("campaigns and petitions"), ("campaigns",)),
    "export": (
        N_("write data to a file for other programs"),
        ("calendar", "interchange"),
    ),
    "import": (
        N_("read data from another program's file"),
        ("calendar", "interchange", "outreach"),
    ),
    "feed": (N_("an .ics file kept current after every change"), ("calendar",)),
    "letters": (N_("letter templates and tailored copies"), ("letters",)),
    "mail": (N_("the SMTP server letters are sent through"), ("outreach",)),
    "outbox": (N_("messages waiting, sent or failed"), ("outreach",)),
    "todo": (N_("follow-ups that are due and messages that need a look"), ("outreach",)),
    "stances": (N_("stances of persons and party groups on a dossier"), ("planning",)),
    "majority": (N_("seats per party group, stances and the majority line"), ("planning",)),
    "motions-open": (N_("adopted motions whose execution is still open"), ("planning",)),
    "briefing": (N_("a debate briefing as PDF or HTML"), ("planning",)),
    "duplicates": (N_("list possible duplicate persons"), ("housekeeping",)),
    "merge": (N_("merge two persons: OTHER is folded into KEEP"), ("housekeeping",)),
    "bin": (N_("the recycle bin of deleted rows"), ("housekeeping",)),
    "log": (N_("who changed what and when, newest first"), ("team",)),
    "copy-to": (
        N_("copy this database into an empty one (e.g. the team's PostgreSQL)"),
        ("team",),
    ),
    "privacy": (N_("access, erasure and review of personal data (AVG)"), ("privacy",)),
    "help": (N_("how-to topics with examples: 'lobbycrm help TOPIC'"), ("topics",)),
}

# Words people may type for a command, in Dutch or by habit: only ever suggested, never run.
COMMAND_WORDS = {
    "personen": "people",
    "persons": "people",
    "organisaties": "orgs",
    "organisations": "orgs",
    "agenda": "events",
    "debatten": "events",
    "moties": "motions",
    "campagnes": "campaigns",
    "exporteren": "export",
    "importeren": "import",
    "brieven": "letters",
    "postvak": "outbox",
    "standpunten": "stances",
    "meerderheid": "majority",
    "dubbelen": "duplicates",
    "samenvoegen": "merge",
    "prullenbak": "bin",
    "hulp": "help",
}


def build_parser(command: str | None = None, *, full: bool = False) -> Parser:
    """The parser for `command` (its own modules loaded, the others listed by name only), or
    with every module loaded when `full`."""
    from lobbycrm.cli import topics

    parser = Parser(
        prog=PROG,
        parents=[global_options()],
        description=_("LobbyCRM command line"),
        epilog=_(
            "'lobbycrm help' lists how-to topics with examples; "
            "'lobbycrm COMMAND --help' explains one command."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"lobbycrm {__version__}",
        help=_("show program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.words = COMMAND_WORDS  # type: ignore[attr-defined]
    wanted = COMMAND_MODULES if full else COMMANDS.get(command or "", ((), ""))[1]
    for name in COMMAND_MODULES:
        if name in wanted:
            import_module(f"lobbycrm.cli.{name}").register(sub)
    for name, (help_text, _modules) in COMMANDS.items():
        if name not in sub.choices:
            # Only listed, never parsed: a command given on the command line is loaded above.
            sub.add_parser(name, help=_(help_text), add_help=False)
    _in_table_order(sub)
    localise(parser, OPTION_HELP, topics.epilog_for)
    return parser


def _in_table_order(sub: argparse._SubParsersAction[Parser]) -> None:
    """List the commands in the order of COMMANDS however their modules were loaded."""
    order = {name: i for i, name in enumerate(COMMANDS)}
    sub._choices_actions.sort(key=lambda a: order.get(a.dest, len(order)))
    parsers = sorted(sub.choices.items(), key=lambda item: order.get(item[0], len(order)))
    sub.choices.clear()
    sub.choices.update(parsers)


def interface_language(lang: str | None) -> str:
    """--lang, then LOBBYCRM_LANG, then the preference saved on this machine (as the app)."""
    if lang or os.environ.get("LOBBYCRM_LANG"):
        return lang or os.environ.get("LOBBYCRM_LANG") or ""
    from lobbycrm import config

    return config.load().language


def _database_errors() -> tuple[type[BaseException], ...]:
    # Evaluated only when an exception gets here: SQLAlchemy is not imported for nothing.
    module = sys.modules.get("sqlalchemy.exc")
    return (module.SQLAlchemyError,) if module else ()


def _call(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except OSError as exc:
        if exc.filename is None:
            raise
        # A file the user named that the command did not check itself: said as the others.
        raise file_problem(exc.filename, exc) from exc


def _fail(message: object) -> int:
    print(f"lobbycrm: {_('error')}: {message}", file=sys.stderr)
    return ExitCode.ERROR


def run(argv: Sequence[str]) -> int:
    # Nothing a command prints can carry a terminal escape sequence from stored data.
    from lobbycrm.cli.output import SafeStream

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
    pre = prescan(argv)
    set_language(interface_language(pre.lang))
    translate_argparse()
    parser = build_parser(pre.command)
    args = parser.parse_args(argv)
    try:
        check_numbers(parser, args)
        return _call(args)
    except LobbyError as exc:
        return _fail(exc)
    except _database_errors() as exc:
        from lobbycrm.db.engine import database_problem

        return _fail(database_problem(exc, getattr(args, "db", None)))  # type: ignore[arg-type]
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:
        return _fail(_("interrupted"))
    except Exception as exc:
        from lobbycrm import crashlog

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
