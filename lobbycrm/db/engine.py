"""Engine creation: database URL resolution, per-connection SQLite pragmas, write locks taken
up front, and database problems in words that name the file."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from lobbycrm.core.errors import LobbyError, show_value
from lobbycrm.core.i18n import N_, _
from lobbycrm.paths import resolve_db_url, to_url

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseProblem",
    "NotOurDatabase",
    "database_problem",
    "make_engine",
    "make_sessions",
    "sqlite_path",
    "to_url",
]

# How long a writer waits for another writer (another window, a second import) to finish.
BUSY_TIMEOUT_MS = 10_000
_WRITE = "lobbycrm_write"


class NotOurDatabase(LobbyError):
    """--db names a file that is not a LobbyCRM database; nothing was written to it."""


class DatabaseProblem(OperationalError, LobbyError):
    """The database file can't be used right now (busy, read-only, damaged, disk full); the
    message names the file and says that nothing was changed. Still an OperationalError with
    the driver's error as `orig`, for code that looks at that (db.audit's conflict check)."""

    def __init__(self, message: str, orig: BaseException) -> None:
        OperationalError.__init__(self, None, None, orig)
        self.message = message

    def __str__(self) -> str:
        return self.message


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other back-ends and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    if parsed.query.get("uri") == "true" and parsed.database.startswith("file:"):
        # An SQLite URI (sqlite:///file:PATH?mode=ro&uri=true) names the file after "file:";
        # read as a plain path it would make a folder called "file:" in the working folder.
        from urllib.parse import unquote, urlsplit

        inner = urlsplit(parsed.database)
        if inner.path in ("", ":memory:") or parsed.query.get("mode") == "memory":
            return None
        return Path(unquote(inner.path))
    return Path(parsed.database)


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy control transactions (pysqlite's implicit BEGIN breaks SAVEPOINT and DDL).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_on_begin(conn: Any) -> None:
    # A write transaction takes the write lock at BEGIN, waiting up to the busy timeout for
    # another writer. A deferred BEGIN would read first and then fail at its first write
    # without waiting ('database is locked') once another writer has committed meanwhile.
    if conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


class WriteLockFirst(Session):
    """`sessions.begin()` / `session.begin()` start a write transaction: on SQLite the
    connection is taken at once with BEGIN IMMEDIATE. Reading (autobegin) stays deferred, so
    lists and pickers never wait for a writer."""

    def begin(self, nested: bool = False) -> SessionTransaction:
        trans = super().begin(nested)
        bind = self.get_bind()
        if not nested and isinstance(bind, Engine) and bind.dialect.name == "sqlite":
            self.connection(execution_options={_WRITE: True})
        return trans


@cache
def _session_class() -> type[Session]:
    # db.audit imports the models, which import this module: combined on first use.
    from lobbycrm.db.audit import AuditedSession

    return type("LobbySession", (WriteLockFirst, AuditedSession), {})


def _check_ours(path: Path) -> None:
    """Refuse a SQLite file that holds another program's tables (no alembic_version), before
    anything (our tables, WAL files) is added to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        revisions = (
            [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    except sqlite3.Error:
        return  # not a database at all: the first real query says so, naming the file
    finally:
        conn.close()
    unknown = [r for r in revisions if r not in _known_revisions()]
    if unknown:
        raise NotOurDatabase(
            _(
                "{path}: made by a newer version of LobbyCRM (database revision {revision}); "
                "update LobbyCRM to open it"
            ).format(path=path, revision=show_value(unknown[0]))
        )
    if tables and "alembic_version" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise NotOurDatabase(
            _(
                "{path}: not a LobbyCRM database (it holds tables of another program: "
                "{tables}); nothing was changed"
            ).format(path=path, tables=shown)
        )


def _known_revisions() -> set[str]:
    """The migration ids this version knows, read from the files (Alembic is not imported)."""
    folder = Path(__file__).with_name("migrations") / "versions"
    found: set[str] = set()
    for path in folder.glob("*.py"):
        match = re.search(r'^revision\s*=\s*["\']([^"\']+)["\']', path.read_text("utf-8"), re.M)
        if match:
            found.add(match.group(1))
    return found


def make_engine(url: str) -> Engine:
    """Engine for `url`; SQLite gets foreign keys, WAL and proper transactions.

    A SQLite file of another program is refused (NotOurDatabase) before it is touched.
    """
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            _check_ours(path)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)

        def on_error(context: Any) -> None:
            # Problems of the file itself become a message in words naming it, for the
            # command line and the app alike; anything else stays the error it is.
            original = context.original_exception
            if isinstance(original, sqlite3.Error) and _known_problem(original):
                raise DatabaseProblem(database_problem(original, url), original) from original

        event.listen(engine, "handle_error", on_error)
    return engine


def make_sessions(engine: Engine, author: str | None = None) -> sessionmaker[Session]:
    """Sessions that record every change under `author` (see db/audit.py) and, on SQLite,
    take the write lock when a write transaction begins."""
    from lobbycrm.db.audit import AUTHOR_KEY, os_user

    return sessionmaker(
        engine,
        class_=_session_class(),
        expire_on_commit=False,
        info={AUTHOR_KEY: author or os_user()},
    )


_PROBLEMS = (
    ("file is not a database", N_("not a database file (or it is damaged)")),
    ("file is encrypted", N_("not a database file (or it is damaged)")),
    ("database disk image is malformed", N_("the database file is damaged")),
    ("readonly database", N_("the database is read-only; nothing was changed")),
    ("unable to open database", N_("the database file cannot be opened")),
    (
        "database is locked",
        N_(
            "the database is busy (another program or window is writing to it); nothing was "
            "changed, try again in a moment"
        ),
    ),
    ("database or disk is full", N_("the disk is full; nothing was changed")),
    ("disk i/o error", N_("the disk could not be read or written; nothing was changed")),
)


@contextmanager
def all_or_nothing(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one write transaction, for work kept whole or not at all (an import): the
    block commits when the work is to be kept; leaving it any other way (a dry run, a refused
    row, an error) keeps nothing."""
    s = sessions()
    try:
        s.begin()
        yield s
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()  # rolls back what was not committed


def _known_problem(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(needle in text for needle, _words in _PROBLEMS)


def database_problem(exc: SQLAlchemyError | sqlite3.Error, db: str | None = None) -> str:
    """A database error in words, naming the database (file or server); unknown errors keep
    the driver's words after the name."""
    try:
        url = resolve_db_url(db)
        where = str(sqlite_path(url) or make_url(url).render_as_string(hide_password=True))
    except Exception:  # naming the database must never raise itself
        where = db or _("the database")
    detail = str(getattr(exc, "orig", None) or exc).split("\n")[0]
    lowered = detail.lower()
    for needle, words in _PROBLEMS:
        if needle in lowered:
            return f"{where}: {_(words)}"
    return f"{where}: {_('database error')}: {detail}"
