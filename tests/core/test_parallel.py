"""Work done aside in a forked copy of the process: its result comes back whole, anything
that goes wrong gives None (the caller then does the work itself), and a child nobody waits
for is stopped and reaped."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from lobbycrm.core.parallel import aside, can_fork

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.fixture(autouse=True)
def _one_thread() -> None:
    # A forked copy is only made by a program running one thread, as the command line does.
    assert threading.active_count() == 1, threading.enumerate()


def test_the_result_comes_from_another_process_whole() -> None:
    big = [f"persoon{i}@example.org" for i in range(200_000)]  # well beyond a pipe's buffer

    def work() -> tuple[int, list[str], dict[str, object]]:
        return os.getpid(), big, {"keys": ("jansen\x1fjan", "jan jansen"), "n": None}

    with aside(work) as result:
        got = result()
    assert got is not None
    pid, values, extra = got
    assert pid != os.getpid()
    assert values == big
    assert extra == {"keys": ("jansen\x1fjan", "jan jansen"), "n": None}


def test_failing_work_gives_none() -> None:
    def fails() -> object:
        raise ValueError("kapot")

    with aside(fails) as result:
        assert result() is None


def test_a_result_that_is_not_plain_data_gives_none() -> None:
    with aside(lambda: [object()]) as result:
        assert result() is None


def test_a_child_nobody_waits_for_is_stopped_and_reaped(tmp_path: Path) -> None:
    started = tmp_path / "pid"

    def slow() -> None:
        started.write_text(str(os.getpid()))
        time.sleep(60)

    begun = time.monotonic()
    with aside(slow):
        while not started.exists() or not started.read_text():
            time.sleep(0.01)
    assert time.monotonic() - begun < 30
    with pytest.raises(ProcessLookupError):  # gone, and no zombie left: waited for
        os.kill(int(started.read_text()), 0)


def test_nothing_is_forked_while_another_thread_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        with aside(lambda: marker.write_text("x")) as result:
            assert result() is None
    finally:
        stop.set()
        other.join()
    assert not marker.exists()
    assert can_fork()
