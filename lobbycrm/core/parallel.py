"""Work done on a second processor while this process goes on (an import of 100,000 rows).

`aside(work)` runs `work` in a copy of this process (fork) and hands back a function that
waits for its result. Only plain values cross back (text, numbers, None, booleans and
lists, tuples and dicts of them; see `marshal`), written once through a pipe.

The result is None whenever the work could not be done aside: no fork on this system, more
than one thread running (a forked copy would hold only this one, and the locks of the others
as they were), the child failing or dying. Callers then do the work themselves, so nothing
but the speed depends on it. The child shares nothing back but its result: it never touches
the files, the database connection or the output it inherited, and it leaves with
`os._exit`, skipping every clean-up that would close them.
"""

from __future__ import annotations

import marshal
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any


def can_fork() -> bool:
    """A copy of this process can do work safely: fork exists and no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


@contextmanager
def aside(work: Callable[[], Any]) -> Iterator[Callable[[], Any | None]]:
    """Start `work` in a forked child; the block gets a function that waits for its result
    (None when it could not be had). Leaving the block without asking stops the child."""
    if not can_fork():
        yield lambda: None
        return
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        yield lambda: None
        return
    if pid == 0:  # the child: compute, write, leave without any clean-up
        status = 1
        try:
            os.close(read_end)
            data = marshal.dumps(work())
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view) :]
            status = 0
        except BaseException:
            pass  # the parent does the work itself
        finally:
            os._exit(status)
    os.close(write_end)
    done = False

    def result() -> Any | None:
        nonlocal done
        chunks: list[bytes] = []
        try:
            while chunk := os.read(read_end, 1 << 20):
                chunks.append(chunk)
        except BaseException:  # interrupted (Ctrl+C): the child is not waited for
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            raise
        finally:
            os.close(read_end)
            _pid, status = os.waitpid(pid, 0)
            done = True
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            return marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError):
            return None

    try:
        yield result
    finally:
        if not done:
            os.close(read_end)
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
