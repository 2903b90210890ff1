"""Template files: 'Onderwerp:' line, blank line, body; rendered in a Jinja2 sandbox."""

from __future__ import annotations

import contextvars
import datetime as dt
import operator
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _, datum, getal
from lobbycrm.letters import dutch
from lobbycrm.letters import fields as letter_fields
from lobbycrm.resources_path import resource_path

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

SUBJECT_PREFIXES = ("onderwerp:", "subject:", "betreft:")

# Limits of one copy: a template is a user's file and must not hang or flood the program.
MAX_SECONDS = 3.0
MAX_CHARS = 1_000_000


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


class RenderLimit(LobbyError):
    """A copy took too long or became too large; `why` says which, in the user's words."""

    def __init__(self, why: str) -> None:
        self.why = why
        super().__init__(why)


class TemplateProblem(LobbyError):
    """A template that cannot be used (for one recipient): its file, line and the reason."""

    def __init__(self, file: str | Path, line: int | None, reason: str, who: str = "") -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        self.who = who
        parts = [self.file]
        if who:
            parts.append(who)
        if line:
            parts.append(_("line {line}").format(line=line))
        super().__init__(": ".join([*parts, reason]))


# The moment the copy being rendered must be done (per thread or task).
_DEADLINE: contextvars.ContextVar[float] = contextvars.ContextVar("deadline", default=0.0)


def _check_time() -> None:
    deadline = _DEADLINE.get()
    if deadline and time.monotonic() > deadline:
        raise RenderLimit(
            _("it takes longer than {n} seconds for one copy").format(n=getal(MAX_SECONDS))
        )


def _too_large() -> RenderLimit:
    return RenderLimit(_("one copy would be longer than {n} characters").format(n=getal(MAX_CHARS)))


def _range(*args: int) -> Iterator[int]:
    """range() that stops a template looping past its time."""
    for i, value in enumerate(range(*args)):
        if not i & 1023:
            _check_time()
        yield value


@cache
def environment() -> ImmutableSandboxedEnvironment:
    """The sandbox with limits (a template cannot make a huge string or loop forever), made and
    Jinja2 imported when the first template is read."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class LetterEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox with limits: a template cannot make a huge string or loop forever."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
            if operator_name == "*":
                for seq, n in ((left, right), (right, left)):
                    sized = isinstance(seq, str | list | tuple) and isinstance(n, int)
                    if sized and len(seq) * n > MAX_CHARS:
                        raise _too_large()
                return operator.mul(left, right)
            if isinstance(right, int | float) and abs(right) > 64 and abs(left) > 1:
                raise _too_large()
            return operator.pow(left, right)

        def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _check_time()  # a macro calling itself, a long chain of calls
            return super().call(__context, __obj, *args, **kwargs)

    env = LetterEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(datum=_datum, getal=_getal, lijst=_lijst, datum_kort=_datum_kort)
    env.filters.update(dutch.FILTERS)
    env.globals["range"] = _range
    env.globals.pop("lipsum", None)
    return env


@dataclass(frozen=True)
class LetterTemplate:
    name: str
    subject: str
    body: str
    path: Path | None = None
    # Compiled once: compiling costs a hundred times more than rendering.
    compiled: tuple[Template, Template] | None = field(default=None, compare=False, repr=False)
    # The whole text as written, header comments included (for its description and fields).
    source: str = field(default="", compare=False, repr=False)
    # Where the subject and the body are in the file (1-based lines), to name lines in errors.
    subject_line: int = 1
    body_line: int = 3

    @property
    def description(self) -> str:
        return letter_fields.template_description(self.source)

    @property
    def fields(self) -> list[letter_fields.FieldInfo]:
        return letter_fields.template_fields(self.source)


@dataclass(frozen=True)
class TemplateEntry:
    """A template as listed: usable, or broken with where and why."""

    name: str
    path: Path | None
    builtin: bool
    template: LetterTemplate | None = None
    problem: str = ""  # "file: line N: reason" when broken

    @property
    def broken(self) -> bool:
        return self.template is None or bool(self.problem)


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    body: str


def _header_end(lines: list[str]) -> int:
    """The index of the first line after the header comments (`{# ... #}`) and blank lines."""
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
        elif stripped.startswith("{#"):
            while i < len(lines) and "#}" not in lines[i]:
                i += 1
            if i < len(lines) and not lines[i].rstrip().endswith("#}"):
                return i  # text after the comment on its line: not a header
            i += 1
        else:
            return i
    return i


def parse_template(name: str, text: str, path: Path | None = None) -> LetterTemplate:
    """Split the subject line from the body and check both compile; errors name the line.

    Comments before the subject line (`{# description: ... #}`, `{# field ... #}`) describe
    the template and are left out of the letter."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    start = _header_end(lines)
    first = lines[start].strip() if start < len(lines) else ""
    if not first.lower().startswith(SUBJECT_PREFIXES):
        raise TemplateProblem(path or name, start + 1, _("the first line must be 'Onderwerp: ...'"))
    subject = first.split(":", 1)[1].strip()
    body_start = start + (2 if len(lines) > start + 1 and not lines[start + 1].strip() else 1)
    body = "\n".join(lines[body_start:])
    from jinja2 import TemplateSyntaxError

    compiled: list[Template] = []
    for part, offset in ((subject, start), (body, body_start)):
        try:
            compiled.append(environment().from_string(part))
        except TemplateSyntaxError as exc:
            raise TemplateProblem(
                path or name, (exc.lineno or 1) + offset, syntax_reason(exc.message)
            ) from None
    return LetterTemplate(
        name, subject, body, path, (compiled[0], compiled[1]), text, start + 1, body_start + 1
    )


def syntax_reason(message: str | None) -> str:
    """Jinja's English syntax messages in the user's words; the rest as a general reason."""
    text = message or ""
    if "expected an expression" in text.lower():
        return _("a condition or value is missing between {% %} or {{ }}")
    if "unexpected end of template" in text.lower():
        return _("an 'if' or 'for' is not closed (its endif or endfor is missing)")
    if "unknown tag" in text.lower() or "Encountered unknown tag" in text:
        return _("an unknown instruction between {% and %}")
    if "unexpected" in text.lower():
        return _("something is missing or too much between {{ }} or {% %}")
    return _("the template is not written correctly here")


def text_line_of(path: Path, byte_offset: int) -> int | None:
    try:
        return path.read_bytes()[:byte_offset].count(b"\n") + 1
    except OSError:
        return None


def user_template_dir() -> Path:
    from lobbycrm.paths import data_dir

    return data_dir() / "templates"


def builtin_dir() -> Path:
    return resource_path("templates")


def available() -> list[LetterTemplate]:
    """Built-in templates, then the user's (a user template overrides a built-in name)."""
    found: dict[str, LetterTemplate] = {}
    for entry in catalogue(check=False):
        if entry.template is not None:
            found[entry.name] = entry.template
        else:
            # One broken file must not hide the others: listed, saying why.
            reason = _("cannot be used: {error}").format(error=entry.problem)
            found[entry.name] = LetterTemplate(entry.name, reason, "", entry.path)
    return list(found.values())


# A recipient with every value a real one has (see LetterService.recipient_context), to try
# a template out when it is listed.
SAMPLE_CONTEXT: dict[str, Any] = {
    "recipient": {
        "id": 1,
        "display_name": "Jan de Vries",
        "formal_name": "de heer J. de Vries",
        "salutation": "Geachte heer De Vries,",
        "address_line": "De heer J. de Vries",
        "first_name": "Jan",
        "initials": "J.",
        "particle": "de",
        "surname": "Vries",
        "gender": "m",
        "role": "Kamerlid",
        "organisation": "Tweede Kamer",
        "party": "CDA",
        "committee": "vaste commissie voor Justitie en Veiligheid",
        "committee_salutation": "Geachte leden van de vaste commissie voor Justitie en Veiligheid,",
        "committee_address": "Aan de leden van de vaste commissie voor Justitie en Veiligheid",
        "party_salutation": "Geachte leden van de CDA-fractie,",
        "party_address": "Aan de leden van de CDA-fractie in de Tweede Kamer",
        "own_salutation": None,
        "portfolio": "asiel",
        "email": "j.devries@example.org",
        "address": ["Postbus 20018", "2500 EA Den Haag"],
        "tags": [],
    },
    "sender": {
        "name": "Anna Jansen",
        "function": "beleidsmedewerker",
        "organisation": {"name": "Stichting Voorbeeld"},
        "email": "anna@example.org",
        "place": "Amsterdam",
        "address": "Voorbeeldstraat 1, 1011 AA Amsterdam",
        "phone": "020 123 45 67",
        "website": "example.org",
    },
    "cosigners": [{"name": "Stichting Voorbeeld", "short_name": "SV"}],
    "today": dt.date(2026, 5, 12),
}


def trial_render(template: LetterTemplate) -> None:
    """Render the template once for a sample recipient, every field filled in: raises the
    error a real recipient would get from the template itself."""
    values = {f.name: f.default or f.name for f in template.fields}
    context = {**SAMPLE_CONTEXT, "fields": letter_fields.field_values(template.source, values)}
    render(template, context, _("a sample recipient"))


def catalogue(check: bool = True) -> list[TemplateEntry]:
    """Every template file, usable or not: a file that is not UTF-8, does not parse or fails
    for a sample recipient is listed as broken, naming its file, line and reason."""
    found: dict[str, TemplateEntry] = {}
    builtin = builtin_dir()
    for folder in (builtin, user_template_dir()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            is_builtin = folder == builtin
            try:
                template = load_path(path)
                if check:
                    trial_render(template)
            except LobbyError as exc:
                problem = str(exc)
                found[path.stem] = TemplateEntry(path.stem, path, is_builtin, None, problem)
            else:
                found[path.stem] = TemplateEntry(path.stem, path, is_builtin, template)
    return list(found.values())


def load_path(path: Path) -> LetterTemplate:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise file_problem(path, exc) from None
    except UnicodeDecodeError as exc:
        line = text_line_of(path, exc.start)
        raise TemplateProblem(
            path,
            line,
            _("byte {n} is not UTF-8 text (save the template as UTF-8)").format(n=exc.start + 1),
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


def _template_line(tb: TracebackType | None) -> int | None:
    """The template line where rendering stopped (Jinja puts it in the traceback)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _unknown_name(message: str | None) -> str:
    """'dict object' has no attribute 'x' -> x; 'x' is undefined -> x."""
    import re

    quoted = re.findall(r"'([^']*)'", message or "")
    return quoted[-1] if quoted else ""


def _produce(t: Template, context: dict[str, Any]) -> str:
    """One part of a copy, stopped when it runs past its time or size."""
    parts: list[str] = []
    size = 0
    for chunk in t.generate(context):
        size += len(chunk)
        if size > MAX_CHARS:
            raise _too_large()
        parts.append(chunk)
        _check_time()
    return "".join(parts)


def render(template: LetterTemplate, context: dict[str, Any], who: str) -> RenderedLetter:
    """Render subject and body; an error names the template, the recipient, the line and the
    reason. A copy taking longer than MAX_SECONDS or longer than MAX_CHARS is stopped."""
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    subject_t, body_t = template.compiled or (
        environment().from_string(template.subject),
        environment().from_string(template.body),
    )
    token = _DEADLINE.set(time.monotonic() + MAX_SECONDS)
    offset = template.body_line - 1
    try:
        offset = template.subject_line - 1
        subject = _produce(subject_t, context)
        offset = template.body_line - 1
        body = _produce(body_t, context)
    except RenderLimit as exc:
        why = exc.why
        line = _template_line(exc.__traceback__)
    except UndefinedError as exc:
        why = _("unknown value: {name}").format(name=_unknown_name(exc.message))
        line = _template_line(exc.__traceback__)
    except SecurityError:
        why = _("something is used that a template may not use")
        line = _template_line(sys.exc_info()[2])
    except (
        TemplateError,
        TypeError,
        ValueError,
        ArithmeticError,
        RecursionError,
        MemoryError,
    ) as exc:
        if isinstance(exc, RecursionError):
            why = _("it repeats itself endlessly (a macro that calls itself)")
        elif isinstance(exc, OverflowError):
            why = _("a value in it becomes too large")
        elif isinstance(exc, ZeroDivisionError):
            why = _("it divides by zero")
        elif "loader" in str(exc) or "include" in str(exc):
            # include/extends/import: a template has no files to reach.
            why = _("include, import and extends cannot be used in a letter template")
        else:
            why = _("it cannot be filled in")
        line = _template_line(exc.__traceback__)
    else:
        # A subject is one header line whatever the template or the data contain.
        return RenderedLetter(" ".join(subject.split()), body.strip() + "\n")
    finally:
        _DEADLINE.reset(token)
    raise TemplateProblem(
        template.path or template.name, line + offset if line else None, why, who
    ) from None
