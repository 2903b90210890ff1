"""Errors the core and services raise; each names what was wrong in plain words."""

from __future__ import annotations

import datetime as dt

from lobbycrm.core.i18n import _

_SHOWN = 300  # long enough for a file path, short enough for a 100,000-character name


def printable(text: str) -> str:
    """`text` safe to print: control and formatting characters (terminal escape sequences,
    bidirectional overrides) shown as '?', never passed to a terminal raw."""
    if text.isascii() and text.isprintable():
        return text
    import unicodedata

    out = []
    for ch in text:
        if ch == "\n" or ch == "\t":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


def show_value(value: object) -> str:
    """A value as a user reads it in a message: no quotes, no Python repr, short."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return ""
    text = " ".join(printable(str(value)).split())
    if len(text) > _SHOWN:
        text = text[: _SHOWN - 1] + "…"
    return text


class LobbyError(Exception):
    """Base class: a problem to show the user, never a programming error."""


class ValidationError(LobbyError):
    """A value the user gave is not acceptable; names the field, the reason and (when it
    helps) the value: 'e-mail: geen geldig e-mailadres (jan@)'."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        shown = show_value(value)
        text = f"{field}: {reason}" if field else reason
        super().__init__(f"{text} ({shown})" if shown and shown not in reason else text)


class NotFoundError(LobbyError):
    """A referenced row (organisation, person, event, ...) does not exist."""

    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(_("{what} not found: {key}").format(what=what, key=show_value(key) or "-"))


class AmbiguousError(LobbyError):
    """A name matches more than one row; the user must be more specific."""

    def __init__(self, what: str, key: object, candidates: list[str]) -> None:
        self.what = what
        self.key = key
        self.candidates = candidates
        super().__init__(
            _("{what} {key} is ambiguous: {candidates}").format(
                what=what, key=show_value(key), candidates=", ".join(candidates)
            )
        )
