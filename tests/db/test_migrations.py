"""Migrations: one head, stairway up/down/up, models equal migrations, data kept, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from lobbycrm.bootstrap import open_context
from lobbycrm.db import migrate
from lobbycrm.db.engine import make_engine, to_url
from lobbycrm.db.models import Base


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_single_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1


def test_stairway_up_down_up(tmp_path: Path) -> None:
    url = to_url(tmp_path / "stair.sqlite")
    engine = make_engine(url)
    previous = "base"
    for rev in _revisions():
        migrate._run(engine, rev)
        migrate.downgrade(engine, previous)
        migrate._run(engine, rev)
        previous = rev
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_models_match_migrations(db_path: Path) -> None:
    engine = make_engine(to_url(db_path))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_foreign_keys_and_wal_are_on(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_tables_only_from_migrations(db_path: Path) -> None:
    engine = make_engine(to_url(db_path))
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} == tables


def test_upgrade_of_old_database_backs_up_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    url = to_url(path)
    engine = make_engine(url)
    revs = _revisions()
    if len(revs) < 2:
        # Only one revision so far: start from it and check that re-opening is a no-op.
        ctx = open_context(str(path))
        ctx.services.demo.load()
        ctx.close()
        again = open_context(str(path))
        assert again.migration.backup is None
        assert again.services.people.count() > 0
        again.close()
        return
    migrate._run(engine, revs[-2])
    ctx = open_context(str(path))
    assert ctx.migration.backup is not None and ctx.migration.backup.exists()
    ctx.close()


def test_backup_is_a_consistent_sqlite_copy(demo_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.db.backup import backup_sqlite
    from lobbycrm.db.engine import sqlite_path

    source = sqlite_path(demo_ctx.url)
    assert source is not None
    target = backup_sqlite(source, tmp_path / "copy.sqlite")
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    assert count == demo_ctx.services.people.count()
