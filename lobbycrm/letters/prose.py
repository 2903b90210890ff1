"""Convert a letter template between its Jinja text on disk and prose with «placeholders».

The composer shows a template as ordinary text in which every field is one visible unit:
«Aanhef», «Naam debat», «Kern» (a free field `fields.kern`) or «Alinea op maat: Fractie» (a
paragraph that appears only for the recipients it was written for, a per-group or per-person
value of `fields.fractie`); the names are in the interface language. Both directions are
exact for what the composer writes; a template written by hand that uses logic prose cannot
show (a loop, another condition, a macro...) is reported with its line and the reason, so the
editor can open it as source instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from jinja2 import Environment, TemplateSyntaxError, nodes

from lobbycrm.core.i18n import N_, _
from lobbycrm.letters.templates import syntax_reason

OPEN, CLOSE = "«", "»"
PLACEHOLDER = re.compile(r"«([^«»\n]+)»")
SUBJECT_PREFIX = "Onderwerp: "

# The built-in context variables a letter can use, named as the user sees them (translated:
# the names only exist on screen; the file on disk holds the Jinja expressions).
BUILTINS: tuple[tuple[str, str], ...] = (
    (N_("Salutation"), "recipient.salutation"),
    (N_("Recipient's name"), "recipient.display_name"),
    (N_("Recipient's address line"), "recipient.address_line"),
    (N_("Recipient's surname"), "recipient.surname"),
    (N_("Party group"), "recipient.party"),
    (N_("Committee"), "recipient.committee"),
    (N_("Portfolio"), "recipient.portfolio"),
    (N_("Recipient's organisation"), "recipient.organisation"),
    (N_("Debate title"), "event.title"),
    (N_("Debate date"), "event.start | datum"),
    (N_("Kind of debate"), "event.kind"),
    (N_("Debate location"), "event.location"),
    (N_("Dossier"), "dossier.title"),
    (N_("Parliamentary paper number"), "dossier.kamerstuk"),
    (N_("Dossier key message"), "dossier.kernboodschap"),
    (N_("Campaign name"), "campaign.name"),
    (N_("Number of signatures"), "campaign.signatures | getal"),
    (N_("Co-signers"), "cosigners | lijst"),
    (N_("Number of co-signers"), "cosigners | length"),
    (N_("Sender's name"), "sender.name"),
    (N_("Sender's function"), "sender.function"),
    (N_("Sender's organisation"), "sender.organisation.name"),
    (N_("Sender's e-mail"), "sender.email"),
    (N_("Today's date"), "today | datum"),
)
TAILORED = N_("Tailored paragraph")
OWN_FIELD = N_("own field")


def builtin_labels() -> list[tuple[str, str]]:
    """(label, Jinja expression) of every built-in, in the interface language."""
    return [(_(label), expr) for label, expr in BUILTINS]


def _by_label() -> dict[str, tuple[str, str]]:
    return {label.casefold(): (label, expr) for label, expr in builtin_labels()}


def _by_expr() -> dict[str, str]:
    return {expr: label for label, expr in builtin_labels()}


def paragraph_prefix() -> str:
    return f"{_(TAILORED)}: "


def field_suffix() -> str:
    return f" ({_(OWN_FIELD)})"


_PARSER = Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_COMMENT = re.compile(r"\{#.*?#\}", re.S)


class NotProse(Exception):
    """The template uses something prose cannot show; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    line: int  # in the template file, 1-based
    reason: str

    def text(self) -> str:
        return _("line {line}: {reason}").format(line=self.line, reason=self.reason)


@dataclass(frozen=True)
class Placeholder:
    label: str
    kind: str  # "builtin", "field" or "paragraph"
    key: str  # the Jinja expression of a built-in; the field name otherwise


@dataclass
class ProseLetter:
    subject: str
    body: str
    header: list[str] = field(default_factory=list)  # `{# ... #}` comments, kept verbatim
    defaults: dict[str, str] = field(default_factory=dict)  # inline |default("...") per field


# --- names ------------------------------------------------------------------------------------


def field_label(name: str) -> str:
    """`eerste_brief` -> 'Eerste brief'; one that reads like a built-in gets ' (veld)'."""
    label = name.replace("_", " ")
    label = label[:1].upper() + label[1:]
    if label.casefold() in _by_label() or label.startswith(paragraph_prefix().strip()):
        label += field_suffix()
    return label


def field_name(label: str) -> str:
    """'Eerste brief' -> `eerste_brief`: the field a label the user typed stands for."""
    text = label.strip()
    text = text.removesuffix(field_suffix())
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if name and name[0].isdigit():
        name = f"veld_{name}"
    return name


def paragraph_label(name: str) -> str:
    return paragraph_prefix() + field_label(name).removesuffix(field_suffix())


def placeholder_text(label: str) -> str:
    return f"{OPEN}{label}{CLOSE}"


def classify(label: str) -> Placeholder:
    """What a placeholder stands for: a built-in, a per-recipient paragraph or a free field."""
    builtin = _by_label().get(label.strip().casefold())
    if builtin is not None and not label.endswith(field_suffix()):
        return Placeholder(builtin[0], "builtin", builtin[1])
    prefix = paragraph_prefix()
    if label.startswith(prefix):
        name = field_name(label[len(prefix) :])
        return Placeholder(paragraph_label(name), "paragraph", name)
    name = field_name(label)
    return Placeholder(field_label(name), "field", name)


def placeholders_in(text: str) -> list[tuple[int, int, Placeholder]]:
    """(start, end, placeholder) of every «...» in the text, in order."""
    return [(m.start(), m.end(), classify(m.group(1))) for m in PLACEHOLDER.finditer(text)]


def fields_in(letter: ProseLetter) -> list[str]:
    """Free field names the prose uses (fields and paragraphs), in order of first use."""
    seen: dict[str, None] = {}
    for text in (letter.subject, letter.body):
        for _s, _e, p in placeholders_in(text):
            if p.kind != "builtin":
                seen.setdefault(p.key, None)
    return list(seen)


# --- prose -> Jinja ---------------------------------------------------------------------------


def _jinja_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _text_to_jinja(text: str) -> str:
    # A "{" that would open a tag is written as an expression, so typed text stays text.
    return re.sub(r"\{(?=[{%#])", '{{ "{" }}', text)


def _part_to_jinja(text: str, defaults: dict[str, str], allow_paragraphs: bool) -> str:
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        out.append(_text_to_jinja(text[pos : m.start()]))
        p = classify(m.group(1))
        pos = m.end()
        if p.kind == "builtin":
            out.append("{{ " + p.key + " }}")
        elif p.kind == "paragraph" and allow_paragraphs:
            rest = re.match(r"\n*", text[pos:])
            newlines = rest.group(0) if rest else ""
            pos += len(newlines)
            out.append(
                f"{{% if fields.{p.key} is defined %}}\n{{{{ fields.{p.key} }}}}"
                f"{newlines}{{% endif %}}\n"
            )
        else:
            key = p.key
            default = defaults.get(key)
            if default is None:
                out.append(f"{{{{ fields.{key} }}}}")
            else:
                out.append(f"{{{{ fields.{key} | default({_jinja_string(default)}) }}}}")
    out.append(_text_to_jinja(text[pos:]))
    return "".join(out)


def to_jinja(letter: ProseLetter) -> str:
    """The template text for disk: header comments, 'Onderwerp:' line, blank line, body."""
    subject = " ".join(letter.subject.split())
    head = "".join(f"{c}\n" for c in letter.header)
    return (
        head
        + SUBJECT_PREFIX
        + _part_to_jinja(subject, letter.defaults, allow_paragraphs=False)
        + "\n\n"
        + _part_to_jinja(letter.body, letter.defaults, allow_paragraphs=True)
    )


# --- Jinja -> prose ---------------------------------------------------------------------------

_NODE_REASONS: dict[type[nodes.Node], str] = {
    nodes.For: N_("a part that repeats (for)"),
    nodes.If: N_("a condition (if) other than a paragraph for one group or person"),
    nodes.Macro: N_("a macro"),
    nodes.CallBlock: N_("a macro call"),
    nodes.Assign: N_("a value set in the template (set)"),
    nodes.AssignBlock: N_("a value set in the template (set)"),
    nodes.FilterBlock: N_("a filter block"),
    nodes.With: N_("a with block"),
    nodes.Block: N_("a block"),
    nodes.Extends: N_("extends"),
    nodes.Include: N_("include"),
    nodes.Import: N_("import"),
    nodes.FromImport: N_("import"),
}


def _reason(node: nodes.Node) -> str:
    for kind, reason in _NODE_REASONS.items():
        if isinstance(node, kind):
            return _(reason)
    return _("a construction the composer does not know")


def _expr_key(node: nodes.Node) -> str | None:
    """The canonical text of a simple expression: `a.b.c`, optionally `| filter`."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _expr_key(node.node)
        return f"{inner}.{node.attr}" if inner and "|" not in inner else None
    if isinstance(node, nodes.Filter) and node.node is not None:
        if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
            return None
        inner = _expr_key(node.node)
        return f"{inner} | {node.name}" if inner and "|" not in inner else None
    return None


def _field_of(node: nodes.Node) -> str | None:
    if (
        isinstance(node, nodes.Getattr)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "fields"
    ):
        return node.attr
    return None


class _Reader:
    def __init__(self, offset: int, in_subject: bool) -> None:
        self.offset = offset
        self.in_subject = in_subject
        self.out: list[str] = []
        self.problems: list[Problem] = []
        self.defaults: dict[str, str] = {}

    def problem(self, node: nodes.Node, reason: str) -> None:
        self.problems.append(Problem((node.lineno or 1) + self.offset, reason))

    def label_for_field(self, node: nodes.Node, name: str) -> str | None:
        if not _NAME.fullmatch(name) or field_name(field_label(name)) != name:
            self.problem(node, _("a field name the composer cannot show: {name}").format(name=name))
            return None
        return field_label(name)

    def text(self, node: nodes.Node, value: str) -> None:
        if OPEN in value or CLOSE in value:
            self.problem(node, _("the text itself contains « or », which mark fields"))
        self.out.append(value)

    def expression(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.TemplateData):
            self.text(node, node.data)
            return
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            self.text(node, node.value)
            return
        name = _field_of(node)
        if name is not None:
            label = self.label_for_field(node, name)
            if label:
                self.out.append(placeholder_text(label))
            return
        if (
            isinstance(node, nodes.Filter)
            and node.name == "default"
            and node.node is not None
            and (name := _field_of(node.node)) is not None
            and len(node.args) == 1
            and not node.kwargs
            and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str)
        ):
            label = self.label_for_field(node, name)
            if label:
                default = node.args[0].value
                if self.defaults.setdefault(name, default) != default:
                    self.problem(
                        node, _("field {name} has two different defaults").format(name=name)
                    )
                self.out.append(placeholder_text(label))
            return
        key = _expr_key(node)
        by_expr = _by_expr()
        if key is not None and key in by_expr:
            self.out.append(placeholder_text(by_expr[key]))
            return
        self.problem(node, _("an expression the composer does not know"))

    def paragraph(self, node: nodes.If) -> bool:
        """`{% if fields.X is defined %}{{ fields.X }}<newlines>{% endif %}` -> one placeholder."""
        test = node.test
        if (
            self.in_subject
            or node.elif_
            or node.else_
            or not isinstance(test, nodes.Test)
            or test.name != "defined"
            or test.args
        ):
            return False
        name = _field_of(test.node)
        if name is None or len(node.body) != 1 or not isinstance(node.body[0], nodes.Output):
            return False
        parts = node.body[0].nodes
        if not parts or _field_of(parts[0]) != name:
            return False
        rest = parts[1:]
        if len(rest) > 1 or (
            rest and not (isinstance(rest[0], nodes.TemplateData) and set(rest[0].data) <= {"\n"})
        ):
            return False
        if self.label_for_field(node, name) is None:
            return True
        self.out.append(placeholder_text(paragraph_label(name)))
        if rest:
            assert isinstance(rest[0], nodes.TemplateData)
            self.out.append(rest[0].data)
        return True

    def read(self, body: list[nodes.Node]) -> None:
        for node in body:
            if isinstance(node, nodes.Output):
                for part in node.nodes:
                    self.expression(part)
            elif isinstance(node, nodes.If) and self.paragraph(node):
                continue
            else:
                self.problem(node, _reason(node))


def _split_header(text: str) -> tuple[list[str], str, int]:
    """Leading `{# ... #}` comments (each on its own lines) apart from the rest of the text,
    and how many lines they took."""
    header: list[str] = []
    lines_used = 0
    rest = text
    while True:
        m = re.match(r"[ \t]*(\{#.*?#\})[ \t]*\n", rest, re.S)
        if not m:
            break
        header.append(m.group(1))
        lines_used += m.group(0).count("\n")
        rest = rest[m.end() :]
    return header, rest, lines_used


def to_prose(source: str) -> ProseLetter:
    """The prose of a template; raises NotProse naming each line it cannot show and why."""
    header, text, skipped = _split_header(source.replace("\r\n", "\n"))
    lines = text.split("\n")
    first = lines[0] if lines else ""
    if not first.lower().startswith(("onderwerp:", "subject:", "betreft:")):
        raise NotProse([Problem(skipped + 1, _("the first line must be 'Onderwerp: ...'"))])
    subject_src = first.split(":", 1)[1].strip()
    body_start = 2 if len(lines) > 1 and not lines[1].strip() else 1
    body_src = "\n".join(lines[body_start:])
    problems: list[Problem] = []
    letter = ProseLetter(subject="", body="", header=header)
    for part, offset, in_subject in (
        (subject_src, skipped, True),
        (body_src, skipped + body_start, False),
    ):
        comment = _COMMENT.search(part)
        if comment:
            line = part[: comment.start()].count("\n") + 1 + offset
            problems.append(Problem(line, _("a comment inside the text")))
            continue
        try:
            tree = _PARSER.parse(part)
        except TemplateSyntaxError as exc:
            problems.append(Problem((exc.lineno or 1) + offset, syntax_reason(exc.message)))
            continue
        reader = _Reader(offset, in_subject)
        reader.read(tree.body)
        problems += reader.problems
        for name, default in reader.defaults.items():
            if letter.defaults.setdefault(name, default) != default:
                problems.append(
                    Problem(
                        offset + 1, _("field {name} has two different defaults").format(name=name)
                    )
                )
        shown = "".join(reader.out)
        if in_subject:
            letter.subject = shown
        else:
            letter.body = shown
    if problems:
        raise NotProse(list(dict.fromkeys(problems)))
    return letter


def header_with_field(header: list[str], name: str, description: str) -> list[str]:
    """The header comments with `{# field NAME: description #}` set (added or replaced)."""
    clean = " ".join(description.replace("#}", "").split())
    line = f"{{# field {name}: {clean} #}}"
    pattern = re.compile(r"\{#-?\s*field\s+" + re.escape(name) + r"\s*:", re.I)
    out = [line if pattern.match(c) else c for c in header]
    if line not in out:
        out.append(line)
    return out
