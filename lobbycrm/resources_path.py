"""The one place that finds shipped resources (templates, demo data, translations, icons)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a file or folder inside the installed `lobbycrm.resources` package."""
    base = Path(str(files("lobbycrm.resources")))
    return base.joinpath(*parts)
