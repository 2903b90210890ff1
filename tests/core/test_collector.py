"""collector_paused leaves the collector as it found it, whatever happens in the block."""

from __future__ import annotations

import gc

import pytest

from lobbycrm.core.collector import collector_paused


def test_paused_inside_and_back_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        assert not gc.isenabled()
        raise KeyError("x")
    assert gc.isenabled()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_made_is_not_walked_again_and_still_freed() -> None:
    """The objects a block made and holds are set aside (not counted as young, so the first
    collection after an import does not walk a million of them); dropped afterwards, they
    are freed all the same."""
    import weakref

    class Row:
        pass

    with collector_paused():
        rows = [Row() for _ in range(50_000)]
        watch = weakref.ref(rows[0])
    assert gc.get_count()[0] < 1_000
    assert gc.get_freeze_count() >= 50_000
    del rows
    assert watch() is None
