"""argparse in the user's language: its own messages translated, a suggestion for every typo.

argparse looks its texts up with the module-level names `_` and `ngettext` ("usage: ", "the
following arguments are required: %s", ...); `translate_argparse()` points those at our
catalogues, so every message follows `--lang`, on every Python from 3.11 on. The messages a
user meets most (a wrong choice or command, a value of the wrong type, an unknown option, a
missing sub-command) are written here in full, with a "did you mean" for the closest word.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, NoReturn

from lobbycrm.core import labels
from lobbycrm.core.i18n import _, ngettext

PROG = "lobbycrm"
# Options the top-level parser knows, and whether each takes a value.
TOP_OPTIONS = {
    "--db": True,
    "--lang": True,
    "--user": True,
    "--help": False,
    "--version": False,
}


def translate_argparse() -> None:
    """Let argparse's own texts ('usage: ', 'options', ...) go through our catalogues."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse reads these module globals at call time
    setattr(argparse, "ngettext", ngettext)  # noqa: B010


class Prescan(NamedTuple):
    """What the command line asks for before it is parsed: language and command word."""

    lang: str | None
    db: str | None
    command: str | None
    other: bool  # anything besides --db, --lang and --user (then it is not the desktop app)
    user: str | None = None


def prescan(argv: Sequence[str]) -> Prescan:
    """Find --lang, --db, --user and the command word the way the top-level parser will.

    Runs before any parser exists, so the language is known before the first message and only
    the chosen command's module needs to be imported. Never fails: the real parser reports
    every mistake.
    """
    lang = db = command = user = None
    other = False
    i = 0
    seen_command = False
    while i < len(argv):
        token = argv[i]
        i += 1
        if token == "--":
            if not seen_command and i < len(argv):
                command, seen_command, other = argv[i], True, True
            break
        if not token.startswith("-") or token == "-":
            other = True
            if not seen_command:
                command, seen_command = token, True
            continue
        name, eq, value = token.partition("=")
        if seen_command:
            # After the command only the exact global options are certain.
            known = [name] if name in ("--db", "--lang") else []
        else:
            known = [o for o in TOP_OPTIONS if o.startswith(name)] if name.startswith("--") else []
            if name in TOP_OPTIONS:
                known = [name]
        option = known[0] if len(known) == 1 else None
        if option in ("--db", "--lang", "--user"):
            if not eq:
                value = argv[i] if i < len(argv) else ""
                i += 1
            if option == "--lang":
                lang = value
            elif option == "--db":
                db = value
            else:
                user = value
        else:
            other = True
    return Prescan(lang, db, command, other, user)


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a mistyped word, if one is close enough to be a typo.

    Fewest edits first (a swapped pair of letters counts as one: 'cvs' is 'csv', not 'ics'),
    then difflib's similarity for longer slips.
    """
    import difflib

    pool = list(dict.fromkeys(candidates))
    folded = {c.casefold(): c for c in pool}
    key = word.casefold()
    limit = 1 if len(key) <= 4 else 2 if len(key) <= 8 else 3
    scored = sorted(
        (_edits(key, c), -difflib.SequenceMatcher(None, key, c).ratio(), c) for c in folded
    )
    if scored and scored[0][0] <= limit:
        return folded[scored[0][2]]
    found = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def _edits(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours between a and b."""
    if abs(len(a) - len(b)) > 3:
        return 99
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class LabelChoice:
    """`type=` for an option whose choices are stored codes: the code or its words in either
    language give the code ('against', 'Tegen' -> 'tegen')."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.__name__ = "choice"

    def __call__(self, text: str) -> str:
        return labels.code_for(self.table, text) or text

    def words(self) -> dict[str, str]:
        """Every word that means a code (code, English and Dutch label) -> code."""
        out: dict[str, str] = {}
        for code, source in self.table.items():
            for word in (code, *labels.words(source)):
                out.setdefault(word.casefold(), code)
        return out


def label_table_for(choices: Iterable[object]) -> dict[str, str] | None:
    """The labels table whose codes are these choices (the smallest that holds them all)."""
    wanted = {str(c) for c in choices}
    if len(wanted) < 2:
        return None
    fitting = [t for t in labels.TABLES.values() if wanted <= set(t)]
    return min(fitting, key=len) if fitting else None


def _not_a(kind: object, value: str) -> str:
    if kind is int:
        return _("not a whole number: '{value}'").format(value=value)
    if kind is float:
        return _("not a number: '{value}'").format(value=value)
    return _("not a valid value: '{value}'").format(value=value)


class Parser(argparse.ArgumentParser):
    """ArgumentParser whose messages are in the user's language and suggest what was meant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        # Python 3.14 can suggest by itself, in English; ours does it in both languages.
        self.suggest_on_error = False
        self._required_subparsers: argparse._SubParsersAction[Parser] | None = None

    # --- sub-commands ---------------------------------------------------------------------

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction[Parser]:  # type: ignore[override]
        required = bool(kwargs.pop("required", False))
        metavar = kwargs.get("metavar") or "COMMAND"
        kwargs["metavar"] = _(metavar)
        kwargs.setdefault("title", _("commands") if metavar == "COMMAND" else _("actions"))
        action: argparse._SubParsersAction[Parser] = super().add_subparsers(
            required=False, **kwargs
        )
        if required:
            # Checked in parse_known_args, where the message can list what to choose from.
            self._required_subparsers = action
        return action

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        ns, extras = super().parse_known_args(args, namespace)
        action = self._required_subparsers
        if action is not None and getattr(ns, action.dest, None) is None:
            names = ", ".join(action.choices or ())
            self.error(
                _("{what} is missing; choose from: {choices}").format(
                    what=action.metavar, choices=names
                )
            )
        if extras and not hasattr(ns, "_unknown_in"):
            # The innermost parser sees its unknown options first; remember it for the message.
            setattr(ns, "_unknown_in", self)  # noqa: B010
        return ns, extras

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        ns, extras = self.parse_known_args(args, namespace)
        where: Parser = getattr(ns, "_unknown_in", self)
        if hasattr(ns, "_unknown_in"):
            delattr(ns, "_unknown_in")
        if extras:
            where.error(where.unknown_message(extras))
        return ns

    def unknown_message(self, extras: Sequence[str]) -> str:
        message = _("unrecognized arguments: %s") % " ".join(extras)
        options = [e.partition("=")[0] for e in extras if e.startswith("-") and len(e) > 1]
        for option in options:
            close = suggestion(option, self._option_string_actions)
            if close:
                return message + "; " + _("did you mean '{word}'?").format(word=close)
        return message

    # --- values ----------------------------------------------------------------------------

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        convert = self._registry_get("type", action.type, action.type)
        if not callable(convert):
            return super()._get_value(action, arg_string)
        try:
            return convert(arg_string)
        except argparse.ArgumentTypeError as exc:
            raise argparse.ArgumentError(action, str(exc)) from None
        except (TypeError, ValueError):
            raise argparse.ArgumentError(action, _not_a(action.type, arg_string)) from None

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        words = {n.casefold(): n for n in names}
        if isinstance(action.type, LabelChoice):
            words = {**action.type.words(), **words}
        # Other words for a choice (`COMMAND_WORDS`: 'personen' -> 'people').
        words = {**{k.casefold(): v for k, v in getattr(action, "words", {}).items()}, **words}
        close = suggestion(str(value), words) if isinstance(value, str) else None
        commands = isinstance(action, argparse._SubParsersAction)
        if commands:
            text = _("unknown command '{value}'").format(value=value)
        else:
            text = _("invalid choice: '{value}'").format(value=value)
        if close:
            text += "; " + _("did you mean '{word}'?").format(word=words[close.casefold()])
        if not close or not commands:
            table = action.type.table if isinstance(action.type, LabelChoice) else None
            shown = ", ".join(_choice_text(n, table) for n in names)
            text += " (" + _("choose from: {choices}").format(choices=shown) + ")"
        # A command needs no 'OPDRACHT:' in front of 'onbekende opdracht'.
        raise argparse.ArgumentError(None if commands else action, text)

    # --- errors ----------------------------------------------------------------------------

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        label = _("error")
        hint = _("more help: {command} --help").format(command=self.prog)
        self.exit(2, f"{self.prog}: {label}: {message}\n{hint}\n")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and examples; metavars in the user's language."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return _(action.dest.upper())

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return _(action.dest.upper())


def localise(
    parser: argparse.ArgumentParser,
    option_help: dict[str, str],
    epilogs: Callable[[str], str | None],
) -> None:
    """After the parser is built: translated metavars (also in error messages), help for
    common options that have none, words accepted for coded choices, examples as epilogs."""
    seen_actions: set[int] = set()
    seen_parsers: set[int] = set()

    def visit(p: argparse.ArgumentParser) -> None:
        if id(p) in seen_parsers:
            return
        seen_parsers.add(id(p))
        command = p.prog.removeprefix(PROG).strip()
        if p.epilog is None:
            p.epilog = epilogs(command)
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in dict.fromkeys(action.choices.values()):
                    visit(child)
                continue
            if id(action) in seen_actions:
                continue
            seen_actions.add(id(action))
            _localise_action(action, option_help)

    visit(parser)


def _localise_action(action: argparse.Action, option_help: dict[str, str]) -> None:
    if action.help is None:
        for option in action.option_strings:
            if option in option_help:
                action.help = _(option_help[option])
                break
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        table = label_table_for(action.choices)
        if table is not None and action.type is None:
            action.type = LabelChoice(table)
        if action.help is None:
            action.help = _("one of: {choices}").format(
                choices=", ".join(_choice_text(str(c), table) for c in action.choices)
            )
    if isinstance(action.metavar, str):
        action.metavar = _(action.metavar)
    elif (
        action.metavar is None
        and action.nargs != 0
        and (
            not action.option_strings
            or action.choices is None
            or len(",".join(map(str, action.choices))) > 30
        )
    ):
        # Also what error messages call a positional argument: 'ID', not 'id'.
        action.metavar = _(action.dest.upper())


def _choice_text(code: str, table: dict[str, str] | None) -> str:
    word = labels.label(table, code) if table else code
    return code if word.casefold() == code.casefold() else f"{code} ({word})"
