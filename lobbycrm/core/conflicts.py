"""The error for a save made on a stale copy: someone else changed the row meanwhile."""

from __future__ import annotations

import datetime as dt

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, date_time, time_of_day
from lobbycrm.core.validation import AMSTERDAM


def when_text(when: dt.datetime | None, today: dt.date | None = None) -> str:
    """'14:32' for today, 'di 19 mei 2026 14:32' for another day."""
    if when is None:
        return _("an unknown time")
    local = when.astimezone(AMSTERDAM) if when.tzinfo else when
    today = today or dt.datetime.now(AMSTERDAM).date()
    return time_of_day(local) if local.date() == today else date_time(local)


class ConflictError(LobbyError):
    """The row was saved by `author` at `when` (now at `version`) after the caller read it."""

    def __init__(
        self,
        what: str,
        ident: object,
        author: str,
        when: dt.datetime | None,
        version: int | None = None,
    ) -> None:
        self.what = what
        self.ident = ident
        self.author = author or _("someone else")
        self.when = when
        self.version = version
        super().__init__(
            _("{what} {id} was changed by {author} at {time} while you were editing").format(
                what=what, id=ident, author=self.author, time=when_text(when)
            )
        )
