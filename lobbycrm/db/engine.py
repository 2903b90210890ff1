"""Engine creation: database URL resolution and per-connection SQLite pragmas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.paths import to_url

__all__ = ["make_engine", "make_sessions", "sqlite_path", "to_url"]


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other back-ends and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy control transactions (pysqlite's implicit BEGIN breaks SAVEPOINT and DDL).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """Engine for `url`; SQLite gets foreign keys, WAL and proper transactions."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def make_sessions(engine: Engine, author: str | None = None) -> sessionmaker[Session]:
    """Sessions that record every change under `author` (see db/audit.py)."""
    from lobbycrm.db.audit import AUTHOR_KEY, AuditedSession, os_user

    return sessionmaker(
        engine,
        class_=AuditedSession,
        expire_on_commit=False,
        info={AUTHOR_KEY: author or os_user()},
    )
