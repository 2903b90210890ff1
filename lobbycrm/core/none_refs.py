"""Make up for references to None that PySide6 6.12 loses on Python 3.11 (no Qt import here)."""

from __future__ import annotations

import sys

_done = False


def keep_none_alive() -> None:
    """PySide6 6.12 on Python 3.11 returns None from a void Qt call without taking a reference,
    so every call (painter.save(), doc.drawContents(), ...) takes one reference from None. A
    long briefing makes tens of thousands of such calls, and the program then aborts on exit
    ("none_dealloc"), after the PDF is written. Giving None a billion references it never
    gives back makes up for that (None is never freed anyway); from Python 3.12 on None is
    immortal and nothing is done."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    _done = True
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1_000_000_000
