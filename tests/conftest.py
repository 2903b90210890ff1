"""Shared fixtures: headless Qt, throwaway user folders, a migrated template database."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

# Before anything can import Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from lobbycrm.bootstrap import Context, open_context
from lobbycrm.core.i18n import set_language
from lobbycrm.core.none_refs import keep_none_alive

# A throwaway PostgreSQL server (pg_server, pg_url) for the team tests.
pytest_plugins = ["tests.postgres"]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("LOBBYCRM_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LOBBYCRM_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
    monkeypatch.delenv("LOBBYCRM_DB", raising=False)
    monkeypatch.delenv("LOBBYCRM_LANG", raising=False)
    set_language("nl")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once per session; tests get a copy."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    ctx = open_context(str(path))
    ctx.close()
    return path


@pytest.fixture(scope="session")
def template_demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template-demo") / "demo.sqlite"
    ctx = open_context(str(path))
    ctx.services.demo.load()
    ctx.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "lobbycrm.sqlite"
    shutil.copy(template_db, target)
    return target


@pytest.fixture
def demo_db_path(template_demo_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite"
    shutil.copy(template_demo_db, target)
    return target


@pytest.fixture
def ctx(db_path: Path) -> Iterator[Context]:
    c = open_context(str(db_path))
    yield c
    c.close()


@pytest.fixture
def demo_ctx(demo_db_path: Path) -> Iterator[Context]:
    c = open_context(str(demo_db_path))
    yield c
    c.close()


@pytest.fixture
def python() -> str:
    return sys.executable


@pytest.fixture(scope="session", autouse=True)
def _one_qt_application(qapp):  # type: ignore[no-untyped-def]
    """Qt allows one application object per process. PDF output makes a QGuiApplication when
    none exists; the widget tests need a QApplication, so create that one first.

    Every test process uses Qt, so it needs what lobbycrm.ui does at import: without it a
    run of tests that never import the app (tests/core with tests/interchange) loses enough
    references to None in Qt calls to abort on exit (see lobbycrm.core.none_refs)."""
    keep_none_alive()
    return qapp


@pytest.fixture
def umask() -> Iterator[int]:
    """A umask of 027 for the test (new files 0640), the one before it afterwards."""
    old = os.umask(0o027)
    yield 0o027
    os.umask(old)
