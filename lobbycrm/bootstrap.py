"""Wire paths -> engine -> backup + migrate -> services; nothing else lives here."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm import config
from lobbycrm.core.validation import check_text
from lobbycrm.db import migrate
from lobbycrm.db.audit import os_user
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


def open_context(db: str | None = None, user: str | None = None) -> Context:
    """Open (creating or upgrading) the database chosen by --db, LOBBYCRM_DB or the default;
    changes are recorded under `user` (see `resolve_author`)."""
    url = resolve_db_url(db)
    author = resolve_author(user)
    engine = make_engine(url)
    result = migrate.upgrade(engine, url)
    sessions = make_sessions(engine, author)
    return Context(url, engine, sessions, Services.create(sessions), result)


def resolve_author(user: str | None = None) -> str:
    """Whose name goes on every change: --user, then env LOBBYCRM_USER, then the name saved in
    the preferences, then the operating-system account."""
    if user is not None:
        return check_text("--user", user, required=True, max_length=200)
    env = os.environ.get("LOBBYCRM_USER")
    if env is not None and env.strip():
        return check_text("LOBBYCRM_USER", env, required=True, max_length=200)
    return config.load().user_name or os_user()
