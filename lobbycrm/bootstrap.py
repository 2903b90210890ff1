"""Wire paths -> engine -> backup + migrate -> services; nothing else lives here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.db import migrate
from lobbycrm.db.engine import make_engine, make_sessions
from lobbycrm.paths import resolve_db_url
from lobbycrm.services import Services


@dataclass
class Context:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    services: Services
    migration: migrate.MigrationResult

    def close(self) -> None:
        self.engine.dispose()


def open_context(db: str | None = None) -> Context:
    """Open (creating or upgrading) the database chosen by --db, LOBBYCRM_DB or the default."""
    url = resolve_db_url(db)
    engine = make_engine(url)
    result = migrate.upgrade(engine, url)
    sessions = make_sessions(engine)
    return Context(url, engine, sessions, Services.create(sessions), result)
