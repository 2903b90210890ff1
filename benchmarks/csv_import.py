"""Time `lobbycrm import csv` of a 100,000-row file against the plain-SQLite floor.

Runs the real program as a separate process, `lobbycrm --db FILE import csv FILE`, on an
empty database (created and migrated beforehand, not timed), then once more with the same
file (every row unchanged). The floor is a separate Python process that reads the same file
with the csv module and puts its rows into one table with a unique e-mail column using plain
`sqlite3.executemany`. Prints both times and the ratio; the target is 5x.

Each measurement runs `--repeat` times (3 unless told) and the best is shown, the floor's as
well as the program's: on a shared machine other work only ever adds time. The rounds run the
floor and both imports one after the other, and the ratios within each round are printed too.

Usage: python benchmarks/csv_import.py [ROWS] [--repeat N]
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.compiled import compile_program

FIRST = ["Jan", "Zoë", "Karin", "Ömer", "José", "Anna", "Pieter", "Fatima", "Sven", "Noor"]
PARTICLES = ["", "van", "de", "van der", "van den", "ter", "in 't"]
ORGS = ["Eerste Kamer", "Tweede Kamer", "Gemeenteraad Amsterdam", "Amnesty"]
TARGET = 5.0

FLOOR = """
import csv, io, sqlite3, sys
text = open(sys.argv[1], encoding="utf-8-sig", newline="").read()
reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
next(reader)
rows = [(row + [""] * 10)[:10] for row in reader]
db = sqlite3.connect(sys.argv[2])
db.execute(
    "create table person (id integer primary key, first text, particle text, surname text,"
    " gender text, email text unique, phone text, org text, role text, portfolio text,"
    " tags text)"
)
with db:
    db.executemany(
        "insert into person (first, particle, surname, gender, email, phone, org, role,"
        " portfolio, tags) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
db.close()
"""


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
                    '"import, bench"' if i % 5 == 0 else "",
                ]
            )
        )
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and processor seconds (user + system) of the child process: on a
    machine shared with other work the processor time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def lobbycrm(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "lobbycrm", "--db", str(db), *args]


def main() -> None:
    args = sys.argv[1:]
    repeat = 3
    if "--repeat" in args:
        at = args.index("--repeat")
        repeat = int(args[at + 1])
        del args[at : at + 2]
    rows = int(args[0]) if args else 100_000
    compile_program()
    floors, firsts, agains = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "personen.csv"
        write_csv(csv_path, rows)
        empty = folder / "empty.sqlite"
        timed(lobbycrm(empty, "people", "list", "--format", "json"))  # create and migrate
        for _ in range(repeat):
            db = folder / "bench.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
                if Path(f"{empty}{suffix}").exists():
                    shutil.copy(f"{empty}{suffix}", f"{db}{suffix}")
            floor_db = folder / "floor.sqlite"
            floor_db.unlink(missing_ok=True)
            floors.append(timed([sys.executable, "-c", FLOOR, str(csv_path), str(floor_db)]))
            firsts.append(timed(lobbycrm(db, "import", "csv", str(csv_path), "--create-orgs")))
            agains.append(timed(lobbycrm(db, "import", "csv", str(csv_path), "--create-orgs")))
    floor = min(floors)
    first, again = min(firsts), min(agains)
    print(f"rows in file: {rows:,}; best of {repeat}; target {TARGET:.0f}x the floor")
    print(f"{'':<30}{'wall clock':>22}{'processor time':>24}")
    print(f"{'floor (csv + executemany):':<30}{floor[0]:>10.2f} s{'':>10}{floor[1]:>10.2f} s")
    for label, (wall, cpu) in (("import into empty database:", first), ("same file again:", again)):
        print(
            f"{label:<30}{wall:>10.2f} s = {wall / floor[0]:4.1f}x"
            f"{cpu:>10.2f} s = {cpu / floor[1]:4.1f}x"
        )
    # Each round runs the floor and both imports one after the other: the ratios within a round
    # show how much of the spread is the machine's (busy minutes slow all three).
    for label, runs in (("import into empty database", firsts), ("same file again", agains)):
        paired = sorted(run[0] / base[0] for run, base in zip(runs, floors, strict=True))
        print(
            f"{label}, wall clock against the floor of the same round: "
            f"{paired[0]:.1f}x-{paired[-1]:.1f}x, median {statistics.median(paired):.1f}x"
        )


if __name__ == "__main__":
    main()
