"""The same migrations and services on a real PostgreSQL server (a team's shared database)."""

from __future__ import annotations

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
