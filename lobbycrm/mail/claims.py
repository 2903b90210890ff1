"""Who is sending a message: a claim names the machine, the process and the run.

A run that finds a message claimed by another run must know whether that run still lives:
if it is gone and had not yet handed the message over, the message can safely go back to the
queue; if it still lives, it must be left alone.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import sys
from pathlib import Path

# A claim from another machine (a team on one PostgreSQL database) cannot be checked; it
# counts as abandoned once no message was tried for this long.
FOREIGN_CLAIM_EXPIRES = dt.timedelta(minutes=15)


def new_claim() -> str:
    """A claim for one sending run of this process."""
    return f"{socket.gethostname()}|{os.getpid()}|{secrets.token_hex(4)}"


def process_alive(pid: int) -> bool:
    """Whether a process of this machine still runs (a zombie does not)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        # The state follows the command name in parentheses: "123 (python) Z ...".
        state = stat.read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def claim_abandoned(
    claim: str,
    last_attempt: dt.datetime | None,
    live_claims: set[str],
    now: dt.datetime,
) -> bool:
    """True when the run that made `claim` is certainly gone.

    `live_claims` are the runs of this process still going (the app may send from a worker
    thread while the user resumes the outbox from another tab).
    """
    if claim in live_claims:
        return False
    host, _sep, rest = claim.partition("|")
    pid_text = rest.partition("|")[0]
    if claim and host == socket.gethostname() and pid_text.isdigit():
        pid = int(pid_text)
        return pid == os.getpid() or not process_alive(pid)
    return last_attempt is None or now - last_attempt > FOREIGN_CLAIM_EXPIRES
