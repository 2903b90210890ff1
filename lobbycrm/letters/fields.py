"""The free fields a letter template uses (`fields.kern`, `fields["kern"]`) and what it says
about them in its header comments:

    {# description: Gezamenlijke brief aan Kamerleden voor een debat #}
    {# field kern: De kern van de oproep, in een of twee zinnen #}
    {# field fractie: Alinea voor een fractie (default: ) #}

A field is required when it has no default (neither in its comment nor as `|default(...)`)
and no use of it is left to chance: every use of it is guarded by `|default`, `is defined`, or
an `{% if fields.X %}` around it. Parsing only, nothing is rendered; a template with a syntax
error still lists the fields found in its text, so an editor can show them while typing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, TemplateSyntaxError, Undefined, nodes

FIELDS_NAME = "fields"

_DESCRIPTION = re.compile(r"\{#-?\s*description\s*:\s*(.*?)\s*-?#\}", re.S | re.I)
_FIELD = re.compile(r"\{#-?\s*field\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*-?#\}", re.S | re.I)
_DEFAULT = re.compile(r"^(.*?)\s*\(\s*default\s*:\s*(.*?)\s*\)$", re.S | re.I)
_TEXT_USE = re.compile(
    r"\bfields\s*\.\s*get\s*\(\s*(['\"])([^'\"]+)\1"
    r"|\bfields\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*(['\"])([^'\"]+)\4\s*\])"
)
_GUARD_FILTERS = frozenset({"default", "d"})
_GUARD_TESTS = frozenset({"defined", "undefined", "none"})

# Parsing needs the same syntax as rendering, not the sandbox.
_PARSER = Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@dataclass(frozen=True)
class FieldInfo:
    name: str
    description: str
    default: str | None
    required: bool


@dataclass
class _Use:
    guarded: bool
    default: str | None = None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def template_description(source: str) -> str:
    """The text of `{# description: ... #}`, else ""."""
    found = _DESCRIPTION.search(source)
    return _one_line(found.group(1)) if found else ""


def _declared(source: str) -> dict[str, tuple[str, str | None]]:
    """name -> (description, default) from the `{# field NAME: ... #}` comments, in order."""
    declared: dict[str, tuple[str, str | None]] = {}
    for found in _FIELD.finditer(source):
        name, text = found.group(1), _one_line(found.group(2))
        default: str | None = None
        with_default = _DEFAULT.match(text)
        if with_default:
            text, default = with_default.group(1), with_default.group(2)
        declared.setdefault(name, (text, default))
    return declared


def _field_name(node: nodes.Node) -> str | None:
    """'X' for `fields.X`, `fields["X"]` and `fields.get("X")`; None for anything else."""
    if isinstance(node, nodes.Getattr):
        inner = node.node
        if isinstance(inner, nodes.Name) and inner.name == FIELDS_NAME:
            return node.attr
    elif isinstance(node, nodes.Getitem):
        inner, arg = node.node, node.arg
        if (
            isinstance(inner, nodes.Name)
            and inner.name == FIELDS_NAME
            and isinstance(arg, nodes.Const)
            and isinstance(arg.value, str)
        ):
            return arg.value
    elif isinstance(node, nodes.Call):
        func = node.node
        if (
            isinstance(func, nodes.Getattr)
            and func.attr == "get"
            and isinstance(func.node, nodes.Name)
            and func.node.name == FIELDS_NAME
            and node.args
            and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str)
        ):
            return node.args[0].value
    return None


def _names_in(node: nodes.Node) -> set[str]:
    found = {name for n in _walk_all(node) if (name := _field_name(n)) is not None}
    return found


def _walk_all(node: nodes.Node) -> Iterator[nodes.Node]:
    yield node
    for child in node.iter_child_nodes():
        yield from _walk_all(child)


def _uses(node: nodes.Node, guarded: frozenset[str], out: list[tuple[str, _Use]]) -> None:
    """Every use of a field in order of appearance, saying whether it is guarded."""
    name = _field_name(node)
    if name is not None:
        # `fields.get("X")` answers None for a missing field: never an error.
        out.append((name, _Use(name in guarded or isinstance(node, nodes.Call))))
        return
    if isinstance(node, nodes.Filter) and node.name in _GUARD_FILTERS and node.node is not None:
        inner = _field_name(node.node)
        if inner is not None:
            default = None
            if node.args and isinstance(node.args[0], nodes.Const):
                default = str(node.args[0].value)
            out.append((inner, _Use(True, default)))
            for arg in node.args:
                _uses(arg, guarded, out)
            return
    if isinstance(node, nodes.Test) and node.name in _GUARD_TESTS:
        inner = _field_name(node.node)
        if inner is not None:
            out.append((inner, _Use(True)))
            return
    if isinstance(node, nodes.If | nodes.CondExpr):
        test = node.test
        # Truth tests are safe with a missing field (rendering treats it as empty).
        tested = frozenset(_names_in(test)) if test is not None else frozenset()
        for name in sorted(tested):
            out.append((name, _Use(True)))
        inner_guard = guarded | tested
        if isinstance(node, nodes.If):
            for child in node.body:
                _uses(child, inner_guard, out)
            for elif_ in node.elif_:
                _uses(elif_, guarded, out)
            for child in node.else_:
                _uses(child, guarded, out)
        else:
            _uses(node.expr1, inner_guard, out)
            if node.expr2 is not None:
                _uses(node.expr2, guarded, out)
        return
    for child in node.iter_child_nodes():
        _uses(child, guarded, out)


def _text_uses(source: str) -> list[tuple[str, _Use]]:
    """Fallback for a template that does not parse: the names in its text, none guarded."""
    out: list[tuple[str, _Use]] = []
    for found in _TEXT_USE.finditer(source):
        name = found.group(2) or found.group(3) or found.group(5)
        out.append((name, _Use(found.group(2) is not None)))
    return out


def template_fields(source: str) -> list[FieldInfo]:
    """Every field the template uses: the ones its comments describe first (in their order),
    then the others in order of first use."""
    return list(_template_fields(source))


@lru_cache(maxsize=64)
def _template_fields(source: str) -> tuple[FieldInfo, ...]:
    """Parsed once per text: a thousand copies check the same template."""
    return _analysis(source)[0]


@lru_cache(maxsize=64)
def _analysis(source: str) -> tuple[tuple[FieldInfo, ...], frozenset[str]]:
    """The fields, and the names of those used somewhere without a guard."""
    try:
        tree = _PARSER.parse(source)
    except TemplateSyntaxError:
        uses = _text_uses(source)
    else:
        uses = []
        _uses(tree, frozenset(), uses)
    declared = _declared(source)
    guarded: dict[str, bool] = {}
    defaults: dict[str, str | None] = {}
    for name, use in uses:
        guarded[name] = guarded.get(name, True) and use.guarded
        if defaults.get(name) is None and use.default is not None:
            defaults[name] = use.default
        defaults.setdefault(name, None)
    order = [n for n in declared if n in guarded] + [n for n in guarded if n not in declared]
    result: list[FieldInfo] = []
    for name in order:
        description, default = declared.get(name, ("", None))
        if default is None:
            default = defaults[name]
        required = default is None and not guarded[name]
        result.append(FieldInfo(name, description, default, required))
    return tuple(result), frozenset(n for n, ok in guarded.items() if not ok)


def field_defaults(source: str) -> dict[str, str]:
    """The comment defaults filled in when rendering a field left empty: only for a field the
    template uses without a guard. A template that checks the field itself (`is defined`,
    `| default`, `{% if %}`) does its own thing when it is empty, and the comment's default
    only describes that."""
    return dict(_field_defaults(source))


@lru_cache(maxsize=64)
def _field_defaults(source: str) -> tuple[tuple[str, str], ...]:
    unguarded = _analysis(source)[1]
    return tuple(
        (name, default)
        for name, (_d, default) in _declared(source).items()
        if default and name in unguarded
    )


def missing_fields(source: str, values: Mapping[str, str]) -> list[FieldInfo]:
    """The required fields that have no value (a value of only spaces counts as none)."""
    return [
        info
        for info in template_fields(source)
        if info.required and not str(values.get(info.name) or "").strip()
    ]


class FieldValues(dict[str, str]):
    """The `fields` a template sees: a field without a value is empty and undefined (so
    `|default`, `is defined` and `{% if fields.X %}` work), never an error while rendering;
    the required ones are checked beforehand by missing_fields()."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self:
            return self[name]
        return Undefined(name=name)


def field_values(source: str, values: Mapping[str, str]) -> FieldValues:
    """The values to render with: given values over the comment defaults (field_defaults)."""
    return FieldValues({**field_defaults(source), **values})
