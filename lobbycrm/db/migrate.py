"""Run Alembic migrations from code: backup first, foreign keys off during the upgrade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from lobbycrm.db.backup import backup_sqlite
from lobbycrm.db.engine import sqlite_path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class MigrationError(RuntimeError):
    """An upgrade would break referential integrity; nothing was changed."""


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str | None
    backup: Path | None


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, revision: str, downgrade: bool = False) -> None:
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild tables; with foreign keys on, dropping a parent table
            # would cascade-delete its children. The pragma only works outside a transaction.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
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
