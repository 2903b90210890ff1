"""File problems in the user's words: which file, and why ('bestand niet gevonden')."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _

_REASONS = {
    errno.ENOENT: N_("file not found"),
    errno.EACCES: N_("no permission"),
    errno.EPERM: N_("no permission"),
    errno.EISDIR: N_("is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EEXIST: N_("already exists"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EFBIG: N_("the file is too large"),
}


def reason(exc: OSError) -> str:
    """Why a file could not be used, in words; never Python's '[Errno 2] ...' text."""
    if isinstance(exc, IsADirectoryError):
        return _("is a folder")
    if isinstance(exc, FileNotFoundError):
        return _("file not found")
    if isinstance(exc, PermissionError):
        return _("no permission")
    source = _REASONS.get(exc.errno or 0)
    return _(source) if source else _("could not be read or written")


class FileProblem(LobbyError):
    """A file the user named could not be read or written; names the file once."""

    def __init__(self, path: str | Path, why: str) -> None:
        self.path = str(path)
        self.why = why
        super().__init__(f"{self.path}: {why}")


def file_problem(path: str | Path, exc: OSError) -> FileProblem:
    """`raise file_problem(path, exc) from exc` where a user's file is opened."""
    return FileProblem(path, reason(exc))


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: readers (a calendar app polling a synced folder)
    never see a half-written file, and the file gets the usual permissions (0666 less the
    umask), not a temporary file's 0600."""
    path = Path(path).expanduser()
    if path.is_dir():
        # Checked first: the temporary file would otherwise land in the folder's parent.
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        # A file where a folder of the path should be.
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
