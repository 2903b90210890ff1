"""Dutch wording helpers for letter templates: numbers in words, lists with 'en', fracties."""

from __future__ import annotations

from collections.abc import Iterable

WORDS = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
)


def in_words(value: object) -> str:
    """3 -> 'drie' (up to twenty, as Dutch style guides ask); 31805 -> '31.805'.

    A list or other sized value counts its items, so `cosigners | in_words` reads well.
    """
    if value is None:
        return ""
    if not isinstance(value, int | float | str) and hasattr(value, "__len__"):
        value = len(value)
    try:
        number = int(str(value).strip()) if not isinstance(value, int | float) else value
    except ValueError:
        return str(value)
    if isinstance(number, float) and not number.is_integer():
        return f"{number:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    number = int(number)
    if 0 <= number < len(WORDS):
        return WORDS[number]
    return f"{number:,}".replace(",", ".")


def _name(item: object) -> str:
    if isinstance(item, dict):
        return str(item.get("name") or "")
    return str(getattr(item, "name", None) or item)


def join_and(items: Iterable[object], last: str = "en") -> str:
    """['A', 'B', 'C'] -> 'A, B en C'; dicts and objects give their name."""
    names = [n for n in (_name(i).strip() for i in items) if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def fractie(party: object) -> str:
    """'CDA' -> 'CDA-fractie' (write 'de {{ recipient.party | fractie }}').

    A name that already says fractie stays as it is; a name of several words
    ('Partij voor de Dieren') reads better as 'fractie van de Partij voor de Dieren'.
    """
    name = _name(party).strip()
    if not name:
        return "fractie"
    if name.casefold().startswith("fractie") or name.casefold().endswith("fractie"):
        return name
    if " " in name:
        return f"fractie van de {name}" if not name.lower().startswith("de ") else name
    return f"{name}-fractie"


def plural(count: object, one: str, many: str) -> str:
    """`n | plural('organisatie', 'organisaties')`; a list counts its items."""
    if not isinstance(count, int | float) and hasattr(count, "__len__"):
        count = len(count)
    return one if count == 1 else many


FILTERS = {"in_words": in_words, "join_and": join_and, "fractie": fractie, "plural": plural}
