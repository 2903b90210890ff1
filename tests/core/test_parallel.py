"""Work done aside in a forked copy of the process: what it sends comes back whole and in
order while it works, a failure is told (the caller then does the work itself), and a copy
nobody reads to the end is stopped and reaped."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lobbycrm.core.parallel import AsideFailed, can_fork, streamed

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

Send = Callable[[Any], None]


@pytest.fixture(autouse=True)
def _one_thread() -> None:
    # A forked copy is only made by a program running one thread, as the command line does.
    assert threading.active_count() == 1, threading.enumerate()


def test_what_is_sent_comes_from_another_process_whole_and_in_order() -> None:
    big = [f"persoon{i}@example.org" for i in range(200_000)]  # well beyond a pipe's buffer

    def work(send: Send) -> None:
        send(os.getpid())
        for part in range(5):
            send((part, big, {"keys": ("jansen\x1fjan", "jan jansen"), "n": None}))

    with streamed(work) as values:
        got = list(values)
    assert got[0] != os.getpid()
    assert got[1:] == [
        (part, big, {"keys": ("jansen\x1fjan", "jan jansen"), "n": None}) for part in range(5)
    ]


def test_values_come_while_the_work_goes_on(tmp_path: Path) -> None:
    go_on = tmp_path / "verder"

    def work(send: Send) -> None:
        send("eerste")
        deadline = time.monotonic() + 20
        while not go_on.exists():  # the second value waits until the first was read
            if time.monotonic() > deadline:
                send("te laat: het eerste kwam pas aan toen alles klaar was")
                return
            time.sleep(0.01)
        send("tweede")

    with streamed(work) as values:
        assert next(values) == "eerste"
        go_on.write_text("")
        assert list(values) == ["tweede"]


def test_a_failing_work_is_told_after_what_it_sent() -> None:
    def fails(send: Send) -> None:
        send("deel 1")
        raise ValueError("kapot")

    received: list[Any] = []
    with pytest.raises(AsideFailed), streamed(fails) as values:
        received.extend(values)
    assert received == ["deel 1"]


def test_a_value_that_is_not_plain_data_is_a_failure() -> None:
    with pytest.raises(AsideFailed), streamed(lambda send: send([object()])) as values:
        list(values)


def test_a_child_nobody_reads_to_the_end_is_stopped_and_reaped(tmp_path: Path) -> None:
    started = tmp_path / "pid"

    def slow(send: Send) -> None:
        started.write_text(str(os.getpid()))
        send("begonnen")
        time.sleep(60)
        send("klaar")

    begun = time.monotonic()
    with streamed(slow) as values:
        assert next(values) == "begonnen"
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

        def work(send: Send) -> None:
            marker.write_text("x")

        with pytest.raises(AsideFailed), streamed(work):
            pass
    finally:
        stop.set()
        other.join()
    assert not marker.exists()
    assert can_fork()
