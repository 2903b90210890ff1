"""Run Alembic migrations from code: backup first, foreign keys off during the upgrade.

The check at every start is cheap: the newest revision is read from the migration files'
`revision = ...` lines and the stored one with one query; Alembic (a third of a second to
import) is only imported when an upgrade is due.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from lobbycrm.db.backup import backup_sqlite
from lobbycrm.db.engine import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


class MigrationError(RuntimeError):
    """An upgrade would break referential integrity; nothing was changed."""


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str | None
    backup: Path | None


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def head_revision() -> str | None:
    """The newest revision, read from the files; Alembic decides when they are not one line."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (ValueError, SyntaxError):
            return _alembic_head()
        if not isinstance(revision, str):
            return _alembic_head()
        revisions.add(revision)
        parents.update([down] if isinstance(down, str) else down or ())
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else _alembic_head()


def _alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database (None for a new one), with one query."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).fetchall()
        except DBAPIError:
            rows = []  # no version table yet: a new database
            conn.rollback()
            if _has_version_table(conn):
                raise
        if len(rows) <= 1:
            return rows[0][0] if rows else None
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()


def _has_version_table(conn: Connection) -> bool:
    from sqlalchemy import inspect

    return inspect(conn).has_table("alembic_version")


def _run(engine: Engine, revision: str, downgrade: bool = False) -> None:
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild tables; with foreign keys on, dropping a parent table
            # would cascade-delete its children. The pragma only works outside a transaction.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                from alembic import command

                cfg = alembic_config(conn)
                if downgrade:
                    command.downgrade(cfg, revision)
                else:
                    command.upgrade(cfg, revision)
                if sqlite:
                    problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if problems:
                        raise MigrationError(
                            f"migration to {revision} leaves {len(problems)} broken references "
                            f"(first: {tuple(problems[0])}); rolled back"
                        )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def upgrade(engine: Engine, url: str, backup_dir: Path | None = None) -> MigrationResult:
    """Bring the database to the newest revision, copying an existing SQLite file first."""
    before = current_revision(engine)
    head = head_revision()
    backup: Path | None = None
    if before == head:
        return MigrationResult(before, head, None)
    path = sqlite_path(url)
    if before is not None and path is not None and path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or path.parent / "backups"
        backup = backup_sqlite(path, folder / f"{path.stem}-before-{head}-{stamp}{path.suffix}")
    _run(engine, "head")
    return MigrationResult(before, current_revision(engine), backup)


def downgrade(engine: Engine, revision: str) -> None:
    """Only for migration tests and emergencies: step the schema back."""
    _run(engine, revision, downgrade=True)
