"""The same migrations and services on a real PostgreSQL server (a team's shared database)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from lobbycrm.bootstrap import open_context
from lobbycrm.core.errors import ValidationError
from lobbycrm.db import migrate
from lobbycrm.db.engine import make_engine
from lobbycrm.services.people import PersonFilter, PersonInput

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    initdb = shutil.which("initdb", path=str(PG_BIN)) or shutil.which("initdb")
    if initdb is None or os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("no PostgreSQL server binaries (or not root to run them as 'postgres')")
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    folder = Path(tempfile.mkdtemp(prefix="lobbycrm-pg-"))
    shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_pg, initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_pg,
            pg_ctl,
            "-D",
            str(data),
            "-w",
            "-l",
            str(folder / "log"),
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=''",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [
                *as_pg,
                str(Path(initdb).with_name("createdb")),
                "-h",
                str(folder),
                "-p",
                str(port),
                "lobbycrm",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://postgres@/lobbycrm?host={folder}&port={port}"
    finally:
        subprocess.run([*as_pg, pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


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
