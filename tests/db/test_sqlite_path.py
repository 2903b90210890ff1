"""Which file a SQLite URL names: plain paths and SQLite URIs alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lobbycrm.db.engine import make_engine, sqlite_path


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////tmp/lobby.sqlite", Path("/tmp/lobby.sqlite")),
        ("sqlite:///file:/tmp/lobby%20crm.sqlite?mode=ro&uri=true", Path("/tmp/lobby crm.sqlite")),
        ("sqlite:///file:lobby.sqlite?uri=true", Path("lobby.sqlite")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///file:mem?mode=memory&uri=true", None),
        ("postgresql://u@localhost/lobby", None),
    ],
)
def test_sqlite_path(url: str, expected: Path | None) -> None:
    assert sqlite_path(url) == expected


def test_uri_url_makes_no_folder_called_file(tmp_path: Path) -> None:
    # Opening a read-only URI used to create "file:/…" folders in the working folder.
    db = tmp_path / "sub" / "lobby.sqlite"
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        engine = make_engine(f"sqlite:///file:{db}?mode=ro&uri=true")
        engine.dispose()
    finally:
        os.chdir(here)
    assert not (tmp_path / "file:").exists()
    assert (tmp_path / "sub").is_dir()
