"""Errors the core and services raise; each names what was wrong."""

from __future__ import annotations

import datetime as dt

from lobbycrm.core.i18n import _


def _show(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return repr(value)


class LobbyError(Exception):
    """Base class: a problem to show the user, never a programming error."""


class ValidationError(LobbyError):
    """A value the user gave is not acceptable; names the field and the value."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason} ({_show(value)})")


class NotFoundError(LobbyError):
    """A referenced row (organisation, person, event, ...) does not exist."""

    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(f"{what} {_('not found')}: {key!r}")


class AmbiguousError(LobbyError):
    """A name matches more than one row; the user must be more specific."""

    def __init__(self, what: str, key: object, candidates: list[str]) -> None:
        self.what = what
        self.key = key
        self.candidates = candidates
        super().__init__(f"{what} {key!r} {_('is ambiguous')}: {', '.join(candidates)}")
