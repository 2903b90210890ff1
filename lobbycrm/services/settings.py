"""Settings that travel with the database: letterhead, sender, signature."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.db.models import Setting
from lobbycrm.services.changes import Changes


class SettingsService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, key: str, default: str = "") -> str:
        with self._sessions() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def all(self, prefix: str = "") -> dict[str, str]:
        with self._sessions() as s:
            rows = s.scalars(select(Setting).where(Setting.key.startswith(prefix)))
            return {r.key: r.value for r in rows}

    def set(self, key: str, value: str) -> Changes:
        with self._sessions.begin() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
            return Changes.of("setting")
