"""The same migrations and services on a real PostgreSQL server (a team's shared database)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from lobbycrm.bootstrap import open_context
from lobbycrm.core.errors import ValidationError
from lobbycrm.db import migrate
from lobbycrm.db.engine import make_engine
from lobbycrm.services.people import PersonFilter, PersonInput


def test_migrations_demo_and_queries_on_postgresql(pg_url: str) -> None:
    ctx = open_context(pg_url)
    try:
        assert migrate.current_revision(ctx.engine) == migrate.head_revision()
        assert ctx.services.demo.load().created > 100
        assert ctx.services.demo.load().created == 0
        senators = ctx.services.people.list(PersonFilter(tag="senator"))
        assert len(senators) == 19
        assert senators[0].sort_name == "Bijsterveld, K. van"
        before = ctx.services.people.count()
        with pytest.raises(ValidationError):
            ctx.services.people.add(PersonInput(surname="X", emails=["geen-adres"]))
        assert ctx.services.people.count() == before
        assert [p.surname for p in ctx.services.people.list(PersonFilter(search="hattem"))] == [
            "Hattem"
        ]
    finally:
        ctx.close()


def test_stairway_on_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    migrate._run(engine, "head")
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_a_large_import_in_two_processes_on_postgresql(
    pg_url: str, template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line's import of a large file (read and checked in a second process while
    the first writes) on PostgreSQL gives the persons the import in one process gives on
    SQLite: same ids, names, addresses, roles and tags."""
    from lobbycrm.services import imports
    from tests.interchange.test_csv_parallel import ROWS, _file, _line

    came_back: list[int] = []  # rows checked by the second process
    unflat = imports._unflat

    def counted(values: Any) -> Any:
        came_back.append(1)
        return unflat(values)

    monkeypatch.setattr(imports, "_unflat", counted)
    path = _file(tmp_path / "personen.csv", [_line(i) for i in range(ROWS)])
    shutil.copy(template_db, tmp_path / "een.sqlite")
    listed = []
    for url, parallel in ((pg_url, True), (str(tmp_path / "een.sqlite"), False)):
        ctx = open_context(url)
        try:
            report = ctx.services.imports.import_csv(path, create_orgs=True, parallel=parallel)
            assert report.ok and report.added == ROWS
            listed.append(
                [
                    (
                        p.id,
                        p.sort_name,
                        p.emails,
                        p.phones,
                        [(r.organisation, r.role, r.portfolio, r.start, r.end) for r in p.roles],
                        p.tags,
                    )
                    for p in ctx.services.people.details(PersonFilter())
                ]
            )
        finally:
            ctx.close()
    assert len(came_back) == ROWS  # all of them, on PostgreSQL
    assert len(listed[0]) == ROWS and listed[0] == listed[1]
