"""Indexes dropped for a large import are built again, and a failed import keeps them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from lobbycrm.bootstrap import Context
from lobbycrm.db.bulkload import indexes_built_after

TABLES = ("person", "contact_point", "role", "person_tag")


def _indexes(db: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(db) as c:
        rows = c.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
    return set(rows)


def _write_csv(path: Path, rows: int) -> None:
    lines = ["voornaam;achternaam;e-mail;telefoon;organisatie;tags"]
    lines += [
        f"Anna;Jansen{i};anna{i}@example.org;06 {10000000 + i};Tweede Kamer;zorg"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_import_into_empty_database_keeps_every_index(ctx: Context, db_path: Path) -> None:
    before = _indexes(db_path)
    assert any(name == "ix_person_sort_key_search" for name, _sql in before)
    csv_path = db_path.parent / "p.csv"
    _write_csv(csv_path, 300)
    report = ctx.services.imports.import_csv(csv_path, create_orgs=True)
    assert report.ok and report.added == 300
    assert _indexes(db_path) == before
    with sqlite3.connect(db_path) as c:
        plan = c.execute(
            "EXPLAIN QUERY PLAN SELECT person_id FROM contact_point WHERE value_key = ?",
            ("anna7@example.org",),
        ).fetchall()
        assert "ix_contact_point_value_key" in str(plan)
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_indexes_stay_when_the_block_fails(ctx: Context, db_path: Path) -> None:
    before = _indexes(db_path)
    s = ctx.sessions()
    s.begin()
    with pytest.raises(RuntimeError), indexes_built_after(s, TABLES, adding=1000):
        assert _indexes_in(s) < before  # dropped inside the transaction
        raise RuntimeError("import failed")
    s.rollback()
    s.close()
    assert _indexes(db_path) == before


def test_indexes_stay_on_tables_larger_than_the_import(ctx: Context, db_path: Path) -> None:
    csv_path = db_path.parent / "p.csv"
    _write_csv(csv_path, 50)
    assert ctx.services.imports.import_csv(csv_path, create_orgs=True).ok
    s = ctx.sessions()
    s.begin()
    with indexes_built_after(s, TABLES, adding=10):
        names = {name for name, _sql in _indexes_in(s)}
        assert "ix_person_sort_key_search" in names and "ix_role_person_id" in names
    s.rollback()
    s.close()


def _indexes_in(s: Session) -> set[tuple[str, str]]:
    rows = s.connection().exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    )
    return {(name, sql) for name, sql in rows}
