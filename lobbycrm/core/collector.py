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
    Reference counting goes on, so whatever the block drops is freed as usual.

    What the block made and still holds when it ends goes to the permanent generation
    (gc.freeze, as start-up's objects do): the collector counts every object made while it
    was paused, and its first pass afterwards would walk them all, a million after an import
    (0.2 s). What is dropped later is still freed by reference counting; only a cycle among
    those objects would stay."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
