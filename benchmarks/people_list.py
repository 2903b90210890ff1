"""Time the people list on 100,000 persons: opening, one keystroke of search, scrolling.

Usage: python benchmarks/people_list.py [N]   (N persons, default 100,000, in a temporary file)

This times the list model alone; benchmarks/app_start.py times the whole app around it and
can keep its database (--keep FILE).
Targets (issue 3): open < 0.5 s, keystroke < 100 ms, scrolling a window well under a frame budget.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from PySide6.QtCore import QCoreApplication
from sqlalchemy import insert, select

from benchmarks.bigdb import person_rows
from lobbycrm.bootstrap import Context, open_context
from lobbycrm.db.models import ContactPoint, Organisation, Person, Role
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonFilter
from lobbycrm.ui.people.model import PeopleTableModel


def populate(ctx: Context, n: int) -> None:
    rnd = random.Random(42)
    ctx.services.orgs.add(OrgInput(name="Tweede Kamer der Staten-Generaal", kind="chamber"))
    now = dt.datetime.now(dt.UTC)
    with ctx.sessions.begin() as s:
        org_id = s.scalar(select(Organisation.id))
        people, contacts = person_rows(rnd, n, {"created_at": now, "updated_at": now})
        roles = [
            {
                "person_id": i,
                "organisation_id": org_id,
                "role": "kamerlid",
                "portfolio": "",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(3, n + 1, 3)
        ]
        s.execute(insert(Person), people)
        s.execute(insert(ContactPoint), contacts)
        s.execute(insert(Role), roles)


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    app = QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.sqlite"
        ctx = open_context(str(path))
        start = time.perf_counter()
        populate(ctx, n)
        print(f"generated {n:,} persons in {time.perf_counter() - start:.1f} s")
        model = PeopleTableModel(ctx.services.people)
        opened = timed(lambda: model.set_filter(PersonFilter()))
        print(f"open people list (count + first window): {opened:.0f} ms  (target < 500 ms)")
        for text in ("j", "ja", "jan", "jansen", "anna van", "nobody-matches"):
            ms = timed(lambda t=text: model.set_filter(PersonFilter(search=t)))  # type: ignore[misc]
            print(
                f"search keystroke {text!r:>18}: {ms:6.1f} ms, {model.total:>6,} hits"
                "  (target < 100 ms)"
            )
        model.set_filter(PersonFilter())
        windows = []
        for _ in range(25):
            t0 = time.perf_counter()
            model.fetchMore()
            windows.append((time.perf_counter() - t0) * 1000)
        print(
            f"scrolling: next window of 200 rows: median {statistics.median(windows):.1f} ms, "
            f"max {max(windows):.1f} ms ({model.rowCount():,} rows loaded)"
        )
        model.sort(1)
        by_email = timed(lambda: model.sort(1), repeat=3)
        print(f"sort by e-mail (first window): {by_email:.0f} ms")
        t0 = time.perf_counter()
        pairs = ctx.services.duplicates.candidates()
        print(
            f"possible duplicates: first {len(pairs)} pairs in "
            f"{(time.perf_counter() - t0) * 1000:.0f} ms"
        )
        ctx.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
