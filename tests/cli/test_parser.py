"""How the command line is built: the command table matches the modules, the pre-scan finds
language and command as argparse will, and `lobbycrm --help` imports no heavy module."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lobbycrm.cli import COMMAND_MODULES, COMMANDS, build_parser
from lobbycrm.cli.parser import LabelChoice, Parser, prescan, translate_argparse
from lobbycrm.core import labels
from lobbycrm.core.i18n import set_language


def _top(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_command_table_matches_what_the_modules_register(lang: str) -> None:
    set_language(lang)
    translate_argparse()
    registered: dict[str, set[str]] = {}
    parser = Parser(prog="lobbycrm")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        before = {c: p.format_help() for c, p in sub.choices.items()}
        importlib.import_module(f"lobbycrm.cli.{name}").register(sub)
        for command, p in sub.choices.items():
            if before.get(command) != p.format_help():  # added, or given a sub-command
                registered.setdefault(command, set()).add(name)
    # Every command a module adds to is in the table, with exactly the modules that add to it.
    assert {c: set(m) for c, (_h, m) in COMMANDS.items()} == registered
    # `lobbycrm --help` (nothing loaded) lists the same commands with the same help as a
    # parser with every module loaded.
    assert build_parser().format_help() == build_parser(full=True).format_help()
    for command in COMMANDS:
        lazy = _top(build_parser(command)).choices[command]
        assert "-h" in lazy._option_string_actions, f"{command} is not loaded by its own name"
        assert lazy.format_help() == _top(build_parser(full=True)).choices[command].format_help()


@pytest.mark.parametrize(
    ("argv", "lang", "command", "other"),
    [
        ([], None, None, False),
        (["--db", "x.sqlite"], None, None, False),
        (["--lang", "en", "--db=x.sqlite"], "en", None, False),
        (["--db", "x.sqlite", "people", "list", "--lang", "en"], "en", "people", True),
        (["--la", "en", "evnets"], "en", "evnets", True),
        (["--lang=en", "--help"], "en", None, True),
        (["events", "add", "--title", "--lang"], None, "events", True),
        (["--version"], None, None, True),
        (["--db"], None, None, False),
    ],
)
def test_prescan_finds_language_and_command_as_argparse_does(
    argv: list[str], lang: str | None, command: str | None, other: bool
) -> None:
    pre = prescan(argv)
    assert (pre.lang or None, pre.command, pre.other) == (lang, command, other)


def test_prescan_knows_the_global_user_but_not_a_commands_own() -> None:
    assert prescan(["--user", "Noor Jansen", "--db", "x.sqlite"]) == (
        None,
        "x.sqlite",
        None,
        False,
        "Noor Jansen",
    )
    pre = prescan(["mail", "setup", "--user", "noor@amnesty.nl", "--lang", "en"])
    assert (pre.command, pre.lang, pre.user) == ("mail", "en", None)


def test_choices_take_the_words_in_either_language() -> None:
    stance = LabelChoice(labels.STANCE)
    assert [stance(w) for w in ("against", "Tegen", "tegen", "for", "undecided")] == [
        "tegen",
        "tegen",
        "tegen",
        "voor",
        "twijfel",
    ]
    assert stance("misschien") == "misschien"  # left for argparse to refuse with a suggestion
    for lang in ("nl", "en"):  # both languages' words, whatever the interface language
        set_language(lang)
        kind = LabelChoice(labels.ORG_KIND)
        assert [kind(w) for w in ("fractie", "Party group", "party-group")] == ["party-group"] * 3
    set_language("nl")


OURS = ("lobbycrm.services", "lobbycrm.bootstrap", "lobbycrm.db")
HEAVY = ("sqlalchemy", "alembic", "jinja2", "babel", "PySide6", "icalendar", "keyring", "smtplib")


def test_help_and_typos_import_no_services_database_or_qt() -> None:
    """`lobbycrm --help`, a typo, `lobbycrm help` and every command's --help of the modules
    that are light build their parser without SQLAlchemy, Alembic, Jinja2, Babel or Qt."""
    light = [c for c, (_h, modules) in COMMANDS.items() if "letters" not in modules]
    script = f"""
import json, sys
from lobbycrm.__main__ import main
seen = {{}}
runs = [["--help"], ["evnets"], ["help"], ["help", "debat"]]
for argv in runs + [[c, "--help"] for c in {light!r}]:
    try:
        main(argv)
    except SystemExit:
        pass
    seen[" ".join(argv)] = sorted(
        m for m in sys.modules
        if m.split(".")[0] in {HEAVY!r} or m.startswith({OURS!r})
    )
print(json.dumps(seen))
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.splitlines()[-1])
    assert seen and all(mods == [] for mods in seen.values()), seen


def test_a_file_error_a_command_did_not_check_is_said_in_words(tmp_path: Path) -> None:
    from lobbycrm.cli import _call
    from lobbycrm.core.files import FileProblem

    missing = tmp_path / "nope.txt"

    def command(_args: argparse.Namespace) -> int:
        return len(missing.read_text())

    set_language("nl")
    with pytest.raises(FileProblem) as problem:
        _call(argparse.Namespace(func=command))
    assert str(problem.value) == f"{missing}: bestand niet gevonden"

    def broken(_args: argparse.Namespace) -> int:
        raise OSError("no file involved")

    with pytest.raises(OSError, match="no file involved"):
        _call(argparse.Namespace(func=broken))
