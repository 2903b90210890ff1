"""Unexpected errors: the details go to a log file in the user-data folder, the user gets a
short message naming that file instead of a traceback."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from lobbycrm import __version__
from lobbycrm.core.i18n import _
from lobbycrm.paths import data_dir

MAX_BYTES = 1_000_000


def log_file() -> Path:
    return data_dir() / "logs" / "lobbycrm-errors.log"


def record(exc: BaseException, where: str = "") -> Path | None:
    """Append the traceback of `exc` to the log; the log's path, or None if it can't be
    written (then the details go to nowhere rather than to the user's screen)."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            os.replace(path, path.with_suffix(".log.1"))
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        with path.open("a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"--- {stamp} lobbycrm {__version__} python {sys.version.split()[0]}\n")
            if where:
                fh.write(f"{where}\n")
            fh.write(details)
            fh.write("\n")
    except OSError:
        return None
    return path


def message(path: Path | None) -> str:
    """The words a user sees for an unexpected error."""
    if path is None:
        return _("Something unexpected went wrong.")
    return _("Something unexpected went wrong. The details are in {path}.").format(path=path)
