"""Work done on a second processor while this process goes on (an import of 100,000 rows).

`streamed(work)` runs `work(send)` in a copy of this process (fork) and lets this one go
through what it sends, in order, while the copy is still working: the copy checks rows while
this process writes the ones it has. Only plain values cross (text, numbers, None, booleans
and lists, tuples and dicts of them; see `marshal`), through a pipe.

Whether a copy may be made is for the caller to ask first (`can_fork`): not on a system
without fork, nor while another thread runs (a forked copy would hold only this one, and the
locks of the others as they were). When the copy fails or dies, reading raises
`AsideFailed` and the caller does the work itself, so nothing but the speed depends on it.
The copy shares nothing back but what it sends: it never touches the files, the database
connection or the output it inherited, and it leaves with `os._exit`, skipping every
clean-up that would close them.
"""

from __future__ import annotations

import marshal
import os
import signal
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

_SIZE = struct.Struct("<Q")  # each value sent goes as its length, then its marshal bytes


class AsideFailed(Exception):
    """The second process stopped before its work was done, or could not be made."""


def can_fork() -> bool:
    """A copy of this process can do work safely: fork exists and no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _send_to(fd: int) -> Callable[[Any], None]:
    def send(value: Any) -> None:
        # Format 2 keeps no table of the objects written (for values written twice): writing
        # a part of 5,000 rows takes half the time, for a few per cent more bytes.
        data = marshal.dumps(value, 2)
        view = memoryview(_SIZE.pack(len(data)) + data)
        while view:
            view = view[os.write(fd, view) :]

    return send


@contextmanager
def streamed(work: Callable[[Callable[[Any], None]], None]) -> Iterator[Iterator[Any]]:
    """Start `work(send)` in a forked child; the block gets what it sends, as it comes.

    The values end when the work is done; reading raises AsideFailed when the child failed
    (or could not be made). Leaving the block before the end stops the child."""
    if not can_fork():
        raise AsideFailed("no second process here")
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read_end)
        os.close(write_end)
        raise AsideFailed(str(exc)) from None
    if pid == 0:  # the child: work, send, leave without any clean-up
        status = 1
        try:
            os.close(read_end)
            work(_send_to(write_end))
            status = 0
        except BaseException:
            pass  # the parent is told by the exit status and does the work itself
        finally:
            os._exit(status)
    os.close(write_end)
    reader = os.fdopen(read_end, "rb", buffering=1 << 20)
    reaped = False

    def values() -> Iterator[Any]:
        nonlocal reaped
        whole = True
        while header := reader.read(_SIZE.size):
            (size,) = _SIZE.unpack(header) if len(header) == _SIZE.size else (-1,)
            data = reader.read(size) if size >= 0 else b""
            if len(data) != size:
                whole = False
                break
            try:
                value = marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                whole = False
                break
            yield value
        reader.close()
        _pid, status = os.waitpid(pid, 0)
        reaped = True
        if not whole or os.waitstatus_to_exitcode(status) != 0:
            raise AsideFailed(f"the second process stopped (status {status})")

    try:
        yield values()
    finally:
        if not reaped:  # left early (an error here, Ctrl+C): the child is not waited for
            reader.close()
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
