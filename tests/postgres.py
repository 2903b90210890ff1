"""A throwaway PostgreSQL server for the team tests: initdb into a temporary folder, pg_ctl on
a free port with its socket in that folder, one fresh database per test.

Works as an ordinary user (the server runs as that user) and as root (PostgreSQL refuses to
run as root, so the server runs as the `postgres` account the Debian package creates, else
as `nobody`). Without server binaries the tests skip, except where LOBBYCRM_REQUIRE_POSTGRESQL
is set (CI, whose .ci/run installs the `postgresql` package): there they fail.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    return Path(versions[-1]).parent if versions else None


@dataclass(frozen=True)
class PgServer:
    folder: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={self.port}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = _bindir()
    if bindir is None:
        message = "no PostgreSQL server binaries (Debian: apt install postgresql)"
        if os.environ.get("LOBBYCRM_REQUIRE_POSTGRESQL"):
            pytest.fail(message)
        pytest.skip(message)
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="lobbycrm-pg-"))
    if os.geteuid() == 0:
        account = "postgres"
        try:
            pwd.getpwnam(account)
        except KeyError:
            account = "nobody"
        shutil.chown(folder, account)
        run_as = ["runuser", "-u", account, "--"]
    data, port = folder / "data", _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

    def run(*cmd: str) -> None:
        done = subprocess.run([*run_as, *cmd], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stdout}{done.stderr}")

    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off"
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-w",
        "-l",
        str(folder / "log"),
        "-o",
        options,
        "start",
    )
    try:
        yield PgServer(folder, port)
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A new, empty database on the throwaway server."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield pg_server.url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
