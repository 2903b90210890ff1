"""Days are counted in the Netherlands, whatever zone the machine is set to.

A laptop or a test machine set to UTC (or abroad) is on another date than Amsterdam for part
of every day; a role that ended today, a follow-up due today and the agenda's today must not
depend on that."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lobbycrm.core.validation import AMSTERDAM, amsterdam_today

# Thirteen hours ahead of Amsterdam and thirteen behind: at any moment one of them is on
# another date than Amsterdam.
AHEAD, BEHIND = "Pacific/Kiritimati", "Etc/GMT+12"


def _other_day_zone() -> tuple[str, dt.date]:
    """A zone whose date is not Amsterdam's right now, and that date."""
    here = dt.datetime.now(AMSTERDAM).date()
    for zone in (AHEAD, BEHIND):
        day = dt.datetime.now(ZoneInfo(zone)).date()
        if day != here:
            return zone, day
    raise AssertionError("one of the two zones is always on another date")


def _lobbycrm(db: Path, zone: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LOBBYCRM_DB"}
    env["TZ"] = zone
    return subprocess.run(
        [sys.executable, "-m", "lobbycrm", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_role_is_current_by_amsterdams_date(demo_db_path: Path) -> None:
    zone, machine_day = _other_day_zone()
    today = amsterdam_today()
    # Ends on the machine's date when that is tomorrow (still current in Amsterdam), or on
    # Amsterdam's date when the machine is a day behind (ended: no longer current).
    end = max(machine_day, today)
    current = end > today
    added = _lobbycrm(
        demo_db_path, zone, "people", "add", "--surname", "Tijdzone", "--initials", "T.",
        "--org", "Eerste Kamer der Staten-Generaal", "--role", "senator",
        "--start", "2023-06-13", "--end", end.isoformat(),
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = _lobbycrm(
        demo_db_path, zone, "people", "list", "--search", "tijdzone", "--current",
        "--format", "json",
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    assert [p["surname"] for p in found] == (["Tijdzone"] if current else [])
    everyone = _lobbycrm(
        demo_db_path, zone, "people", "list", "--search", "tijdzone", "--format", "json"
    )
    (person,) = json.loads(everyone.stdout)
    assert [r["current"] for r in person["roles"]] == [current]


@pytest.fixture
def machine_zone() -> Iterator[None]:
    """Sets the process's zone to one on another date than Amsterdam, and back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = _other_day_zone()[0]
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_date_fields_start_on_amsterdams_today(machine_zone: None) -> None:
    from lobbycrm.ui.forms import today_qdate

    assert dt.date.today() != amsterdam_today()  # the machine is on another date
    assert today_qdate().toPython() == dt.datetime.now(AMSTERDAM).date()
