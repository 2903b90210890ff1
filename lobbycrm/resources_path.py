"""The one place that finds shipped resources (templates, demo data, translations, icons)."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a file or folder inside the installed `lobbycrm.resources` package."""
    # The package's own folder: cheaper than importlib.resources, which the command line's
    # start-up would otherwise pay for just to find its translations.
    where = import_module("lobbycrm.resources").__file__
    base = Path(where).parent if where else None
    if base is None or not base.is_dir():
        # Installed inside an archive: let importlib.resources find (or extract) it.
        from importlib.resources import files

        base = Path(str(files("lobbycrm.resources")))
    return base.joinpath(*parts)
