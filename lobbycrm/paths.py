"""Where LobbyCRM keeps its files on this machine (platformdirs) and how a database is chosen."""

from __future__ import annotations

import os
from pathlib import Path

APP = "LobbyCRM"


def data_dir() -> Path:
    if os.environ.get("LOBBYCRM_DATA_DIR"):
        return Path(os.environ["LOBBYCRM_DATA_DIR"])
    # Imported here: platformdirs (with tempfile) is only needed when no folder is given.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    if os.environ.get("LOBBYCRM_CONFIG_DIR"):
        return Path(os.environ["LOBBYCRM_CONFIG_DIR"])
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


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
