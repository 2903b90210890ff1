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
