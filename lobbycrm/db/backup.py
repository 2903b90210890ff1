"""Consistent copies of a SQLite database through SQLite's online backup API."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy `source` to `target` page by page; safe while another process writes (WAL)."""
    target = target.expanduser().resolve()
    if target.is_dir():
        # Checked first: the partial copy would otherwise land beside the folder.
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
