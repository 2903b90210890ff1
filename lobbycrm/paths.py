"""Where LobbyCRM keeps its files on this machine (platformdirs) and how a database is chosen."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "LobbyCRM"


def data_dir() -> Path:
    return Path(os.environ.get("LOBBYCRM_DATA_DIR") or user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    return Path(os.environ.get("LOBBYCRM_CONFIG_DIR") or user_config_dir(APP, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "lobbycrm.sqlite"


def to_url(db: str | Path) -> str:
    """Accept a SQLAlchemy URL or a plain file path; a path becomes a SQLite URL."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def resolve_db_url(db: str | None = None) -> str:
    """`--db` wins, then env LOBBYCRM_DB, then the file in the user-data folder."""
    chosen = db or os.environ.get("LOBBYCRM_DB") or str(default_db_path())
    return to_url(chosen)
