"""Template files: 'Onderwerp:' line, blank line, body; rendered in a Jinja2 sandbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _, datum, getal
from lobbycrm.letters import dutch
from lobbycrm.resources_path import resource_path

SUBJECT_PREFIXES = ("onderwerp:", "subject:", "betreft:")


def _lijst(items: Iterable[object], last: str = "en") -> str:
    """['A', 'B', 'C'] -> 'A, B en C'."""
    names = [
        str(getattr(i, "name", None) or (i.get("name") if isinstance(i, dict) else i))
        for i in items
    ]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def _datum(value: dt.date | dt.datetime | None) -> str:
    return datum(value) if value is not None else ""


def _datum_kort(value: dt.date | dt.datetime | None) -> str:
    """'19 mei 2026': a date without the weekday."""
    from lobbycrm.letters.layout import letter_date

    return letter_date(value) if value is not None else ""


def _getal(value: int | float | None) -> str:
    return getal(value) if value is not None else ""


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(datum=_datum, getal=_getal, lijst=_lijst, datum_kort=_datum_kort)
    env.filters.update(dutch.FILTERS)
    return env


ENV = _environment()


@dataclass(frozen=True)
class LetterTemplate:
    name: str
    subject: str
    body: str
    path: Path | None = None
    # Compiled once: compiling costs a hundred times more than rendering.
    compiled: tuple[Template, Template] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    body: str


def parse_template(name: str, text: str, path: Path | None = None) -> LetterTemplate:
    """Split the subject line from the body and check both compile; errors name the line."""
    lines = text.replace("\r\n", "\n").split("\n")
    first = lines[0].strip() if lines else ""
    if not first.lower().startswith(SUBJECT_PREFIXES):
        raise LobbyError(
            _("{name}: line 1: the first line must be 'Onderwerp: ...'").format(name=name)
        )
    subject = first.split(":", 1)[1].strip()
    body_start = 2 if len(lines) > 1 and not lines[1].strip() else 1
    body = "\n".join(lines[body_start:])
    compiled: list[Template] = []
    for part, offset in ((subject, 0), (body, body_start)):
        try:
            compiled.append(ENV.from_string(part))
        except TemplateSyntaxError as exc:
            raise LobbyError(
                _("{name}: line {line}: {message}").format(
                    name=name, line=(exc.lineno or 1) + offset, message=exc.message
                )
            ) from None
    return LetterTemplate(name, subject, body, path, (compiled[0], compiled[1]))


def user_template_dir() -> Path:
    from lobbycrm.paths import data_dir

    return data_dir() / "templates"


def builtin_dir() -> Path:
    return resource_path("templates")


def available() -> list[LetterTemplate]:
    """Built-in templates, then the user's (a user template overrides a built-in name)."""
    found: dict[str, LetterTemplate] = {}
    for folder in (builtin_dir(), user_template_dir()):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                try:
                    found[path.stem] = load_path(path)
                except LobbyError as exc:
                    # One broken file must not hide the others: listed, saying why.
                    reason = _("cannot be used: {error}").format(error=exc)
                    found[path.stem] = LetterTemplate(path.stem, reason, "", path)
    return list(found.values())


def load_path(path: Path) -> LetterTemplate:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise file_problem(path, exc) from None
    except UnicodeDecodeError as exc:
        raise LobbyError(
            _("{path}: byte {n} is not UTF-8 text (save the template as UTF-8)").format(
                path=path, n=exc.start + 1
            )
        ) from None
    return parse_template(path.stem, text, path)


def load(name_or_path: str) -> LetterTemplate:
    """A template by name (user folder first, then built-in) or by file path."""
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix or "/" in name_or_path or "\\" in name_or_path:
        if not candidate.is_file():
            raise LobbyError(_("template file not found: {path}").format(path=name_or_path))
        return load_path(candidate)
    for folder in (user_template_dir(), builtin_dir()):
        path = folder / f"{name_or_path}.txt"
        if path.is_file():
            return load_path(path)
    names = ", ".join(t.name for t in available())
    raise LobbyError(
        _("unknown template {name} (available: {names})").format(name=name_or_path, names=names)
    )


def render(template: LetterTemplate, context: dict[str, Any], who: str) -> RenderedLetter:
    """Render subject and body; an unknown variable names itself and the recipient."""
    subject_t, body_t = template.compiled or (
        ENV.from_string(template.subject),
        ENV.from_string(template.body),
    )
    try:
        subject = subject_t.render(context)
        body = body_t.render(context)
    except UndefinedError as exc:
        raise LobbyError(
            _("{name}: {who}: unknown variable: {error}").format(
                name=template.name, who=who, error=exc.message
            )
        ) from None
    except SecurityError as exc:
        raise LobbyError(
            _("{name}: not allowed in a template: {error}").format(name=template.name, error=exc)
        ) from None
    except (TemplateError, TypeError, RecursionError, OverflowError, MemoryError) as exc:
        if isinstance(exc, RecursionError):
            why = _("it repeats itself endlessly (a macro that calls itself)")
        elif isinstance(exc, OverflowError | MemoryError):
            why = _("a value in it becomes too large")
        elif "loader" in str(exc) or "include" in str(exc):
            # include/extends/import: a template has no files to reach.
            why = _("include, import and extends cannot be used in a letter template")
        else:
            why = _("it cannot be filled in")
        raise LobbyError(
            _("{name}: {who}: {reason}").format(name=template.name, who=who, reason=why)
        ) from None
    # A subject is one header line whatever the template or the data contain.
    return RenderedLetter(" ".join(subject.split()), body.strip() + "\n")
