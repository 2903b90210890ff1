"""Migrations: one head, stairway up/down/up, models equal migrations, data kept, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from lobbycrm.bootstrap import open_context
from lobbycrm.db import migrate
from lobbycrm.db.engine import make_engine, to_url
from lobbycrm.db.models import metadata


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
        diff = compare_metadata(MigrationContext.configure(conn), metadata())
    assert diff == []


def test_foreign_keys_and_wal_are_on(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_tables_only_from_migrations(db_path: Path) -> None:
    engine = make_engine(to_url(db_path))
    tables = set(inspect(engine).get_table_names())
    assert set(metadata().tables) | {"alembic_version"} == tables


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


def test_rebuilding_person_keeps_its_children(tmp_path: Path) -> None:
    """0003 rebuilds `person` (batch mode): contact points and roles must survive."""
    path = tmp_path / "kids.sqlite"
    engine = make_engine(to_url(path))
    migrate._run(engine, "0002")
    with engine.begin() as conn:
        now = "2026-01-01 00:00:00"
        conn.exec_driver_sql(
            "INSERT INTO person (id, titles, initials, first_name, particle, surname, "
            "particle_is_surname, gender, notes, sort_key, search_text, created_at, updated_at) "
            f"VALUES (1, '', 'A.', 'Alexander', 'van', 'Hattem', 0, 'man', '', 'hattem', '', "
            f"'{now}', '{now}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO organisation (id, name, short_name, kind, notes, created_at, "
            f"updated_at) VALUES (1, 'Eerste Kamer', 'EK', 'chamber', '', '{now}', '{now}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO contact_point (person_id, kind, label, value, value_key, is_primary, "
            f"created_at, updated_at) VALUES (1, 'email', '', 'a@b.nl', 'a@b.nl', 1, '{now}', "
            f"'{now}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO role (person_id, organisation_id, role, portfolio, created_at, "
            f"updated_at) VALUES (1, 1, 'senator', '', '{now}', '{now}')"
        )
    engine.dispose()
    ctx = open_context(str(path))
    assert ctx.migration.backup is not None
    person = ctx.services.people.get(1)
    assert person.emails == ["a@b.nl"] and person.roles[0].role == "senator"
    ctx.close()


def test_outreach_migration_turns_logged_copies_into_recipient_rows(tmp_path: Path) -> None:
    """0006 keeps every row and gives each produced copy a recipient status."""
    path = tmp_path / "m.sqlite"
    engine = make_engine(to_url(path))
    migrate._run(engine, "0005")
    engine.dispose()
    now = "2026-05-14 10:00:00.000000"
    with sqlite3.connect(path) as conn:
        for pid, surname in ((1, "Dragstra"), (2, "Talsma"), (3, "Visseren")):
            conn.execute(
                "INSERT INTO person (id, surname, particle, initials, first_name, titles, gender,"
                " particle_is_surname, notes, sort_key, search_text, created_at,"
                " updated_at) VALUES (?, ?, '', '', '', '', 'onbekend', 0, '', ?, ?, ?, ?)",
                (pid, surname, surname.lower(), surname.lower(), now, now),
            )
        conn.execute(
            "INSERT INTO mailing (id, name, template, selectors, fields, attachments,"
            " created_at, updated_at) VALUES (1, 'Brief', 'gezamenlijke-brief', '[]', '[]',"
            " '[]', ?, ?)",
            (now, now),
        )
        for pid, kind, at in (
            (1, "letter", now),
            (2, "email", now),
            (2, "reply", "2026-05-20 09:00:00.000000"),
            (3, "letter", now),
            (3, "acknowledgement", "2026-05-15 09:00:00.000000"),
        ):
            conn.execute(
                "INSERT INTO interaction (person_id, kind, occurred_at, subject, notes,"
                " mailing_id, created_at, updated_at) VALUES (?, ?, ?, 's', '', 1, ?, ?)",
                (pid, kind, at, now, now),
            )
        before = conn.execute("SELECT count(*) FROM interaction").fetchone()[0]
    ctx = open_context(str(path))
    rows = {r.person_id: r for r in ctx.services.replies.recipients(1)}
    ctx.close()
    assert {pid: r.status for pid, r in rows.items()} == {
        1: "drafted",
        2: "replied",
        3: "acknowledged",
    }
    assert rows[2].answered_at is not None and rows[2].answered_at.day == 20
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM interaction").fetchone()[0] == before
        assert (
            conn.execute("SELECT count(*) FROM interaction WHERE follow_up_done").fetchone()[0] == 0
        )


def test_motion_precision_migration_keeps_every_motion_as_a_day(tmp_path: Path) -> None:
    """0013 adds the date precision; every motion there already keeps its date, as a day."""
    path = tmp_path / "p.sqlite"
    engine = make_engine(to_url(path))
    migrate._run(engine, "0009")
    engine.dispose()
    now = "2026-05-14 10:00:00.000000"
    with sqlite3.connect(path) as conn:
        for mid, day in ((1, "2025-03-01"), (2, None)):
            conn.execute(
                "INSERT INTO motion (id, title, number, submitters, date, result,"
                " execution_status, notes, created_at, updated_at) VALUES"
                " (?, 'Motie', '', '', ?, 'aangenomen', 'onbekend', '', ?, ?)",
                (mid, day, now, now),
            )
    engine = make_engine(to_url(path))
    migrate._run(engine, "0013")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, date, date_precision FROM motion ORDER BY id").fetchall()
    assert rows == [(1, "2025-03-01", "day"), (2, None, "day")]


def _schema_details(path: Path) -> dict[str, tuple[object, ...]]:
    """Per table: its CHECK constraints (name, text) and its indexes (name, columns, unique,
    partial condition), as SQLite reports them."""
    engine = create_engine(f"sqlite:///{path}")
    inspector = inspect(engine)
    out: dict[str, tuple[object, ...]] = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        checks = sorted(
            (c["name"], " ".join(str(c["sqltext"]).split()))
            for c in inspector.get_check_constraints(table)
        )
        indexes = sorted(
            (
                i["name"],
                tuple(i["column_names"]),
                bool(i["unique"]),
                str(i.get("dialect_options", {}).get("sqlite_where", "")),
            )
            for i in inspector.get_indexes(table)
        )
        out[table] = (checks, indexes)
    engine.dispose()
    return out


def test_checks_and_indexes_of_migrations_match_the_models(db_path: Path, tmp_path: Path) -> None:
    """compare_metadata does not look at CHECK constraints or partial indexes: a database
    made by the migrations has the same ones as a database made from the models."""
    fresh = tmp_path / "models.sqlite"
    engine = create_engine(f"sqlite:///{fresh}")
    metadata().create_all(engine)
    engine.dispose()
    migrated, modelled = _schema_details(db_path), _schema_details(fresh)
    assert migrated == modelled
    assert (
        "ix_contact_point_organisation_id",
        ("organisation_id",),
        False,
        "organisation_id IS NOT NULL",
    ) in migrated["contact_point"][1]


def test_no_check_lists_its_values_with_in(db_path: Path) -> None:
    """SQLite builds a lookup table for `x IN ('a', 'b', 'c')` at every row it checks: an
    import of 100,000 persons spent more time checking rows than storing them
    (models.base.one_of writes the same rule with OR)."""
    engine = make_engine(to_url(db_path))
    inspector = inspect(engine)
    slow = [
        (table, c["name"])
        for table in inspector.get_table_names()
        for c in inspector.get_check_constraints(table)
        if " in (" in " ".join(str(c["sqltext"]).lower().split())
    ]
    engine.dispose()
    assert slow == []


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'alembic_version'"
            )
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }


def test_checks_migration_keeps_every_row_and_still_refuses(
    demo_db_path: Path,
) -> None:
    """0016 rebuilds ten tables to write their CHECKs with OR: down and up again, every row of
    every table is kept, and a value outside the list is still refused."""
    engine = make_engine(to_url(demo_db_path))
    before = _contents(demo_db_path)
    assert sum(len(rows) for rows in before.values()) > 500
    migrate.downgrade(engine, "0015")
    assert _contents(demo_db_path) == before
    with sqlite3.connect(demo_db_path) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'person'").fetchone()
        assert "gender in ('man', 'vrouw', 'onbekend')" in sql
    migrate._run(engine, "0016")
    engine.dispose()
    assert _contents(demo_db_path) == before
    with sqlite3.connect(demo_db_path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        refused = []
        for table, column in (
            ("person", "gender"),
            ("contact_point", "kind"),
            ("organisation", "kind"),
            ("event", "status"),
            ("interaction", "kind"),
        ):
            (row_id,) = conn.execute(f"SELECT min(id) FROM {table}").fetchone()
            assert row_id is not None, table
            try:
                conn.execute(f"UPDATE {table} SET {column} = 'mens' WHERE id = ?", (row_id,))
            except sqlite3.IntegrityError as exc:
                refused.append((table, str(exc)))
            conn.execute(f"UPDATE {table} SET {column} = {column} WHERE id = ?", (row_id,))
        assert [t for t, _reason in refused] == [
            "person",
            "contact_point",
            "organisation",
            "event",
            "interaction",
        ]
        assert all("CHECK constraint failed" in reason for _t, reason in refused)
