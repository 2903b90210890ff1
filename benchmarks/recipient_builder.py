"""Time the recipient builder's live answers on 100,000 persons: count, names, words, ticking.

Usage: python benchmarks/recipient_builder.py [N]
Every tick recounts and refetches the first window of names; both must feel instant (< 100 ms)
however large the selection. The people benchmark's persons are used (one in three has the
role "kamerlid" at the Tweede Kamer).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.people_list import populate
from lobbycrm.bootstrap import open_context
from lobbycrm.services.recipient_words import RecipientWordsService

TARGET_MS = 100.0


def timed(label: str, fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    ms = statistics.median(times)
    print(f"{label:<44} {ms:8.1f} ms   ({ms / TARGET_MS:.2f} of the {TARGET_MS:.0f} ms target)")
    return ms


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(str(Path(tmp) / "bench.sqlite"))
        populate(ctx, n)
        words: RecipientWordsService = ctx.services.recipient_words
        wide = ["role:kamerlid"]
        mixed = ["role:kamerlid+org:Tweede Kamer der Staten-Generaal", "person:7", "person:8"]
        clerks = [f"person:{i}" for i in range(1, 343)]  # a letter to every council's clerk
        print(f"{n:,} persons, {words.count(wide):,} selected by {wide[0]}")
        worst = max(
            timed("count, one role", lambda: words.count(wide)),
            timed("count, role and org, or two persons", lambda: words.count(mixed)),
            timed("first 50 names", lambda: words.names(wide, 0, 50)),
            timed("50 names from the middle", lambda: words.names(wide, n // 6, 50)),
            timed("in words with counts", lambda: words.summary(mixed)),
            timed("342 persons one by one: count", lambda: words.count(clerks)),
            timed("342 persons one by one: in words", lambda: words.describe_all(clerks)),
            timed("roles to tick, typed 'kam'", lambda: words.roles("kam")),
        )
        ctx.close()
    print(f"worst: {worst:.1f} ms ({worst / TARGET_MS:.2f} of the target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
