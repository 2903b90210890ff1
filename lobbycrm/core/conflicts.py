"""The error for a save made on a stale copy: someone else changed the row meanwhile."""

from __future__ import annotations

import datetime as dt

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, date_time, time_of_day
from lobbycrm.core.validation import AMSTERDAM, amsterdam_today


def when_text(when: dt.datetime | None, today: dt.date | None = None) -> str:
    """'14:32' for today, 'di 19 mei 2026 14:32' for another day."""
    if when is None:
        return _("an unknown time")
    local = when.astimezone(AMSTERDAM) if when.tzinfo else when
    today = today or amsterdam_today()
    return time_of_day(local) if local.date() == today else date_time(local)


class ConflictError(LobbyError):
    """The row was saved by `author` at `when` (now at `version`; None when it was deleted)
    after the caller read it. `name` is how the user knows the row (a person's name)."""

    def __init__(
        self,
        what: str,
        ident: object,
        author: str,
        when: dt.datetime | None,
        version: int | None = None,
        name: str = "",
    ) -> None:
        self.what = what
        self.ident = ident
        self.author = author or _("someone else")
        self.when = when
        self.version = version
        self.name = name
        record = f"{what} {name}" if name else f"{what} {ident}"
        if version is None:
            text = _("{record} was deleted by {author} at {time} while you were editing")
        else:
            text = _("{record} was changed by {author} at {time} while you were editing")
        message = text.format(record=record, author=self.author, time=when_text(when))
        super().__init__(message[:1].upper() + message[1:])
