"""Pausing Python's cyclic garbage collector while a bounded piece of work builds many
objects that all stay alive until it is done (an import of 100,000 rows, a listing of
thousands of persons): the collector would walk them again and again and free nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; as it was afterwards (also after an error).
    Reference counting goes on, so whatever the block drops is freed as usual."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
