"""Time importing a 100,000-row CSV of persons into a fresh database.

Usage: python benchmarks/csv_import.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from lobbycrm.bootstrap import open_context

FIRST = ["Jan", "Zoë", "Karin", "Ömer", "José", "Anna", "Pieter", "Fatima", "Sven", "Noor"]
PARTICLES = ["", "van", "de", "van der", "van den", "ter", "in 't"]
ORGS = ["Eerste Kamer", "Tweede Kamer", "Gemeenteraad Amsterdam", "Amnesty"]


def write_csv(path: Path, rows: int) -> None:
    lines = [
        "voornaam;tussenvoegsel;achternaam;aanhef;e-mail;telefoon;organisatie;functie;"
        "portefeuille;tags"
    ]
    for i in range(rows):
        lines.append(
            ";".join(
                [
                    FIRST[i % len(FIRST)],
                    PARTICLES[i % len(PARTICLES)],
                    f"Jansen{i}",
                    ("dhr", "mevr", "")[i % 3],
                    f"persoon{i}@example.org",
                    f"06 {10000000 + i}",
                    ORGS[i % len(ORGS)],
                    ("lid", "woordvoerder", "griffier")[i % 3],
                    "asiel en migratie" if i % 2 else "",
                    "import;bench" if i % 5 == 0 else "",
                ]
            )
        )
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "personen.csv"
        write_csv(csv_path, rows)
        ctx = open_context(str(Path(tmp) / "bench.sqlite"))
        t0 = time.perf_counter()
        report = ctx.services.imports.import_csv(csv_path, create_orgs=True)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ctx.services.imports.import_csv(csv_path, create_orgs=True)
        second = time.perf_counter() - t0
        count = ctx.services.people.count()
        ctx.close()
    print(f"rows in file:                  {rows:,}")
    print(f"import into empty database:    {first:.1f} s ({report.added:,} added)")
    print(f"same file again (no changes):  {second:.1f} s ({again.unchanged:,} unchanged)")
    print(f"persons in database:           {count:,}")
    print(f"target < 20 s:                 {'met' if first < 20 else 'NOT met'}")


if __name__ == "__main__":
    main()
